"""The SPARQL editor as a Streamlit component: CodeMirror 6 with highlighting, completion and its own Run button.

The frontend (``frontend/``: ``index.html``, ``editor.css`` and ``editor.min.js``, CodeMirror 6
bundled with its SPARQL mode; licences in ``LICENSE-codemirror.txt``) is served by Streamlit from
this folder, with nothing loaded from the network. ``src/`` holds what the bundle is built from
(``npm ci && npm run build`` there); running the app needs no Node.

The Run button (and Ctrl/Cmd+Enter) lives in the editor, which sends the text shown together with a
new run id in the same message: the query run is always exactly the text on screen. Between runs
the editor also sends its text after a pause in typing, without a run id.

Public API (stable)::

    sparql_editor(text, *, seed, completions=None, error=None, key="sparql-editor", height=340) -> dict | None
    editor_event(value, seen) -> EditorEvent

Examples
--------
In a Streamlit script::

    value = sparql_editor(st.session_state["text"], seed=st.session_state["seed"], key="editor")
    event = editor_event(value, st.session_state.get("seen"))
    if event.text is not None:
        st.session_state["text"] = event.text
    if event.run:
        run(event.text)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit.components.v1 as components

__all__ = ["sparql_editor", "editor_event", "EditorEvent", "FRONTEND"]

#: The folder Streamlit serves the component from.
FRONTEND = Path(__file__).resolve().parent / "frontend"


@dataclass(frozen=True)
class EditorEvent:
    """What a value from the editor means for the page.

    Attributes
    ----------
    text : str or None
        The editor's text, when the value is new (else None: nothing to take over).
    run : bool
        True when the value is a new run of ``text``.
    seen : tuple
        (message id, run id) of the value, to pass as ``seen`` next time.
    """

    text: str | None
    run: bool
    seen: tuple


def editor_event(value: object, seen: tuple | None) -> EditorEvent:
    """Read a value returned by :func:`sparql_editor`, given the ``seen`` of the previous event.

    A value is returned again on every rerun; only a new message carries text, and only a new run id
    asks for a run.

    >>> first = editor_event({"text": "ASK {}", "sent": "a", "run": "r1"}, None)
    >>> first.text, first.run
    ('ASK {}', True)
    >>> again = editor_event({"text": "ASK {}", "sent": "a", "run": "r1"}, first.seen)
    >>> again.text, again.run
    (None, False)
    >>> typed = editor_event({"text": "ASK { ?s ?p ?o }", "sent": "b", "run": "r1"}, first.seen)
    >>> typed.text, typed.run
    ('ASK { ?s ?p ?o }', False)
    >>> editor_event(None, first.seen).seen == first.seen
    True
    """
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return EditorEvent(None, False, seen or (None, None))
    sent, run = value.get("sent"), value.get("run")
    last_sent, last_run = seen or (None, None)
    if sent == last_sent:
        return EditorEvent(None, False, (sent, run))
    return EditorEvent(value["text"], run is not None and run != last_run, (sent, run))


def sparql_editor(
    text: str,
    *,
    seed: int,
    completions: dict | None = None,
    error: dict | None = None,
    key: str = "sparql-editor",
    height: int = 340,
) -> dict | None:
    """Show the editor and return its latest value (``{text, sent, run}``), or None before it sent any.

    Parameters
    ----------
    text : str
        The text shown when the editor starts, and whenever ``seed`` changes.
    seed : int
        Change it to replace what the editor holds by ``text`` (an example was picked, say).
    completions : dict, optional
        From :func:`graph.query.completion.completions`: offered while typing.
    error : dict, optional
        ``{line, column, message, id}`` of the last run's error, marked in the editor (a new ``id``
        shows a new mark; None clears it).
    key : str, default "sparql-editor"
        The widget key; keep it stable so the editor keeps its text, undo history and focus.
    height : int, default 340
        Height of the frame in pixels, Run button included.
    """
    component = components.declare_component("cloudatlas_sparql_editor", path=str(FRONTEND))
    return component(
        text=text,
        seed=int(seed),
        completions=completions or {},
        error=error,
        height=int(height),
        key=key,
        default=None,
    )
