"""The main page's sidebar: search, focus and depth, filters, sizes, layout, node cap, uploads.

:func:`controls` draws the widgets and returns the :class:`graph.views.selection.ViewSpec`
they describe; :func:`current_spec` reads it again from the session (e.g. in a
fragment rerun). The widgets take their values from the view kept in the session
(:func:`ui.view_state.seed_widgets`), so the view is the same after a visit to another page.
State changes (picking a search match, "Show whole graph") happen in widget callbacks, so the
graph drawn in the same run already shows them.

The search box lists the nodes by label, class and aliases and filters them as you type: picking
one focuses on it. Text typed and confirmed with Enter marks its matches; a single or exact match
is focused at once, otherwise a "Matches" list follows.

Widget keys: ``search``, ``search_pick``, ``depth``, ``classes``, ``size_by``,
``physics``, ``hierarchical``, ``cap``, ``show_notes``, ``upload``.
"""

from __future__ import annotations

import streamlit as st

from graph.network import label_of
from graph.views.palette import LEGEND
from graph.views.selection import ViewSpec, class_options, search
from ui import coverage, state, view_state
from ui.text import md_escape
from ui.view_state import MAX_CAP, MAX_DEPTH, MIN_CAP

__all__ = [
    "controls", "current_spec", "SIZE_CHOICES", "MAX_DEPTH", "MAX_CAP", "MIN_CAP", "UPLOAD_TYPES", "SEARCH_LIMIT",
]  # fmt: skip

#: Size-by choices: (widget value, text shown); ``"none"`` is ViewSpec.size_by None.
SIZE_CHOICES: tuple[tuple[str, str], ...] = (
    ("pagerank", "PageRank"),
    ("degree", "Degree"),
    ("betweenness", "Betweenness"),
    ("none", "Equal sizes"),
)
#: Above this many nodes, the search box lists the most central ones; Enter finds any other.
SEARCH_LIMIT = 1000
UPLOAD_TYPES = ["md", "markdown", "txt", "ttl", "nt", "nq", "trig", "jsonld", "json", "rdf", "xml", "owl"]
_CLASS_TEXT = {cls: text for cls, text, _ in LEGEND}


def _focus_on(node: str) -> None:
    state.select(node)
    state.set_focus(node)


def _searched() -> None:
    """A node picked in the search box is focused; typed text marks its matches, and a clear winner is focused."""
    value = st.session_state.get("search")
    st.session_state["search_pick"] = None
    if not isinstance(value, str) or not value.strip():
        return
    g = state.current().graph
    if value in g:
        _focus_on(value)
        return
    matches = search(g, value, limit=2)
    exact = bool(matches) and label_of(g, matches[0][0]).casefold() == value.strip().casefold()
    if len(matches) == 1 or exact:
        _focus_on(matches[0][0])
        st.session_state["search"] = matches[0][0]  # the box shows the node it found


def _picked() -> None:
    node = st.session_state.get("search_pick")
    if node:
        _focus_on(node)


def _whole_graph() -> None:
    state.reset_view()
    st.session_state["search"] = None
    st.session_state["search_pick"] = None
    st.session_state["classes"] = []


def _bundled() -> None:
    state.use_bundled()
    st.session_state["upload_result"] = (True, "Back to the bundled notes.")


def _describe(g, node: str) -> str:
    classes = g.nodes[node].get("classes", ())
    kind = ", ".join(_CLASS_TEXT.get(c, c) for c in classes)
    return f"{label_of(g, node)} ({kind})" if kind else label_of(g, node)


def _option_text(g, value: str) -> str:
    """A node of the search box as listed (label, class, two aliases); typed text as it is."""
    if value not in g:
        return value
    aliases = [a for a in g.nodes[value].get("aliases", ()) if a != label_of(g, value)][:2]
    return _describe(g, value) + (" · " + ", ".join(aliases) if aliases else "")


def controls(loaded: state.Loaded) -> ViewSpec:
    """Draw the sidebar for ``loaded`` and return the view it asks for."""
    view_state.seed_widgets()
    g = loaded.graph
    sb = st.sidebar
    sb.header("Explore")
    listed = loaded.listed(SEARCH_LIMIT)
    value = st.session_state.get("search")
    if isinstance(value, str) and value in g and value not in set(listed):
        listed = [value, *listed]
    sb.selectbox(
        "Search by label or alias", listed, index=None, key="search", on_change=_searched,
        format_func=lambda v: _option_text(g, v), accept_new_options=True, filter_mode="contains",
        placeholder="Type a name, e.g. DynamoDB, RR, Multi-AZ",
    )  # fmt: skip
    text = value if isinstance(value, str) and value not in g else ""
    matches = search(g, text, limit=40) if text.strip() else []
    if text.strip() and not matches:
        sb.caption("No node has that label or alias.")
    if len(matches) > 1:
        sb.selectbox(
            f"Matches ({len(matches)})",
            options=[node for node, _ in matches],
            index=None,
            format_func=lambda node: _describe(g, node),
            key="search_pick",
            placeholder="Pick a match to focus on it",
            on_change=_picked,
        )

    focus = state.focus()
    if focus:
        sb.caption(f"Focused on **{md_escape(label_of(g, focus))}**")
    default = view_state.DEFAULT_VIEW  # what a widget shows should Streamlit lose its value as well as the view's
    sb.slider("Focus depth (hops)", 1, MAX_DEPTH, default.depth, key="depth", help="Used when a node is focused.")
    options = class_options(g)
    texts = dict(options)
    kept = st.session_state.get("classes") or []
    if any(c not in texts for c in kept):  # a class of the graph before an upload or a store: not offered now
        st.session_state["classes"] = [c for c in kept if c in texts]
    sb.pills(
        "Show classes", [cls for cls, _ in options], selection_mode="multi", key="classes",
        format_func=lambda c: texts.get(c, c), help="None picked: all classes.",
    )  # fmt: skip
    sb.selectbox(
        "Size nodes by", [value for value, _ in SIZE_CHOICES], key="size_by",
        format_func=lambda v: dict(SIZE_CHOICES)[v],
    )  # fmt: skip
    sb.toggle("Physics layout", value=default.physics, key="physics", help="Off: no force simulation.")
    sb.toggle("Hierarchical layout", value=default.hierarchical, key="hierarchical")
    sb.number_input("Node cap", min_value=MIN_CAP, max_value=MAX_CAP, value=default.cap, step=50, key="cap")
    sb.toggle("Show source lines as nodes", value=default.show_notes, key="show_notes")
    sb.button("Show whole graph", on_click=_whole_graph, width="stretch")

    sb.divider()
    sb.subheader("Your notes")
    sb.caption(f"Graph: {md_escape(loaded.source)}")
    sb.file_uploader(
        "Notes (.md, .txt) or RDF files", type=UPLOAD_TYPES, accept_multiple_files=True, key="upload",
    )  # fmt: skip
    if sb.button("Build graph from files", width="stretch"):
        with sb:
            ok, message = state.upload_notes(st.session_state.get("upload") or [])
        st.session_state["upload_result"] = (ok, message)
        if ok:
            st.rerun()
    if st.session_state.get(state.GRAPH) is not None:
        sb.button("Back to the bundled notes", on_click=_bundled, width="stretch")
    result = st.session_state.pop("upload_result", None)
    if result:
        ok, message = result
        (sb.success if ok else sb.error)(md_escape(message))
    coverage.summary(loaded)

    return current_spec()


def current_spec() -> ViewSpec:
    """The view the sidebar widgets (by their keys), the kept view and the shared state ask for.

    Readable anywhere, e.g. inside a fragment or on a page without the sidebar (:func:`ui.view_state.current_view`).
    """
    return view_state.current_view()
