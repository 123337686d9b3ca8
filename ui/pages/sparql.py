"""SPARQL: read-only queries over the loaded graph, with a library of named examples.

Thin page: the editor, the example picker, settings and the results. Query
checks and limits live in :mod:`graph.query.sparql`, the examples and result shapes in
:mod:`graph.query.examples`, the drawing in :mod:`graph.views.selection`, :mod:`graph.views.drawing` and
:mod:`graph.views.html`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import partial

import networkx as nx
import pandas as pd
import streamlit as st

from graph.errors import InputError
from graph.query.completion import completions
from graph.query.examples import (
    ExampleQuery,
    load_examples,
    result_nodes,
    triples_graph,
    triples_turtle,
    without_prefixes,
)
from graph.query.sparql import QueryResult, limits_from_env, run_query
from graph.rdf.store import PREFIXES
from graph.views.drawing import view_data
from graph.views.html import to_html
from graph.views.selection import ViewSpec, select_view
from graph.views.tables import render
from ui import state
from ui.sparql_editor import editor_event, sparql_editor
from ui.text import md_escape

TEXT = "sparql.text"  # the query the Run button runs
SEED = "sparql.seed"  # bumped to put TEXT in the editor (an example or a query from the history was picked)
EDITOR = "sparql.editor"  # the editor: {text, sent, run} of its latest message
SEEN = "sparql.seen"  # (message id, run id) of the editor's message handled last
PLAIN = "sparql.plain"  # the plain text box instead of the editor
PLAIN_TEXT = "sparql.plain_text"
HISTORY = "sparql.history"  # the session's last runs, newest first: (text, time, what it gave)
HISTORY_PICK = "sparql.history_pick"
RUNS = "sparql.runs"  # runs so far: tells the editor a new error mark from an old one
HISTORY_SIZE = 20
EXAMPLE = "sparql.example"
TIMEOUT = "sparql.timeout"
MAX_ROWS = "sparql.max_rows"
OUTCOME = "sparql.outcome"  # (query text, QueryResult or InputError) of the last run: all a session keeps

START = """SELECT ?service ?name ?feature
WHERE {
  ?service a ca:DatabaseService ;
           rdfs:label ?name ;
           ca:hasFeature ?feature .
}
ORDER BY ?name ?feature
LIMIT 50
"""
GRAPH_CAP = 300
DEFAULT_TIME_LIMIT = 10
DEFAULT_ROW_CAP = 10_000
_COLUMN = re.compile(r"column (\d+)")


@st.cache_data(show_spinner=False)
def examples() -> dict[str, ExampleQuery]:
    """The example queries by name, in title order."""
    return {e.name: e for e in load_examples()}


def set_text(text: str) -> None:
    """Put ``text`` in the editor (replacing what it holds) and the plain text box."""
    st.session_state[TEXT] = text
    st.session_state[SEED] = st.session_state.get(SEED, 0) + 1
    st.session_state[PLAIN_TEXT] = text
    # What the editor sent before this is superseded, even when it arrives in the same rerun.
    st.session_state[SEEN] = editor_event(st.session_state.get(EDITOR), st.session_state.get(SEEN)).seen


def load_example() -> None:
    name = st.session_state.get(EXAMPLE)
    if name in examples():
        set_text(without_prefixes(examples()[name].text, PREFIXES))
        st.session_state.pop(OUTCOME, None)


def load_from_history() -> None:
    """Put the query picked in the history in the editor; the picker goes back to its prompt."""
    text = st.session_state.get(HISTORY_PICK)
    if isinstance(text, str):
        set_text(text)
    st.session_state[HISTORY_PICK] = None


def switch_editor() -> None:
    """Carry the text over when switching between the editor and the plain text box."""
    set_text(st.session_state.get(TEXT, START))


def outcome_summary(result: QueryResult | InputError) -> str:
    """A few words on what a run gave, for the history."""
    if isinstance(result, InputError):
        return "error"
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    count = len(result.rows) if result.kind == "select" else len(result.triples)
    noun = "row" if result.kind == "select" else "triple"
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def remember() -> None:
    """Put the query just run at the head of the session's history (once: an older copy goes)."""
    outcome = st.session_state.get(OUTCOME)
    if not outcome:
        return
    text, result = outcome
    kept = [entry for entry in st.session_state.get(HISTORY, []) if entry[0] != text]
    st.session_state[HISTORY] = [(text, time.strftime("%H:%M:%S"), outcome_summary(result)), *kept][:HISTORY_SIZE]
    st.session_state[RUNS] = st.session_state.get(RUNS, 0) + 1


def run_typed() -> None:
    """Run the text of the plain text box and remember it."""
    run()
    remember()


def take_editor_value() -> None:
    """Take over the text the editor sent since the last run of the page, and run it when it asked to."""
    event = editor_event(st.session_state.get(EDITOR), st.session_state.get(SEEN))
    st.session_state[SEEN] = event.seen
    if event.text is None:
        return
    st.session_state[TEXT] = event.text
    if event.run:
        run()
        remember()


def editor_error(failed: InputError | None) -> dict | None:
    """Where the editor marks the error of the last run, if it failed."""
    if failed is None:
        return None
    line, column = error_position(failed)
    problem = _COLUMN.sub("", failed.problem, count=1).lstrip(": ") if column else failed.problem
    return {"line": line, "column": column, "message": problem, "id": st.session_state.get(RUNS, 0)}


def history_label(text: str) -> str:
    """How a query of the history is listed: when it ran, its first words, what it gave."""
    entry = next((e for e in st.session_state.get(HISTORY, []) if e[0] == text), None)
    words = " ".join(text.split())
    words = words if len(words) <= 70 else words[:69] + "…"
    return f"{entry[1]} · {words} · {entry[2]}" if entry else words


def draw_triples(known: Callable[[], nx.Graph], result: QueryResult) -> tuple[str | None, str, int, int] | None:
    """(HTML page or None, Turtle, nodes drawn, nodes) of a CONSTRUCT or DESCRIBE result, else None.

    Runs in the query's worker process, within its time and memory limits; ``known`` gives the
    loaded graph (made there too when it is not made yet) for the labels of the nodes. Triples
    that cannot be drawn still come back as Turtle.
    """
    if result.kind != "graph" or not result.triples:
        return None
    turtle = triples_turtle(result.triples)
    try:
        g = triples_graph(result.triples, known())
        spec = ViewSpec(cap=GRAPH_CAP, size_by="degree", show_notes=True)
        shown = select_view(g, spec)
        page = to_html(view_data(shown, spec), height="460px", title="Query result")
    except Exception:  # noqa: BLE001 - the triples are still worth their table and download
        return None, turtle, 0, 0
    return page, turtle, shown.number_of_nodes(), g.number_of_nodes()


def run() -> None:
    """Run the query within the server's limits (whatever the session asks for); keep only its result."""
    text = st.session_state.get(TEXT, "")
    st.session_state.pop(OUTCOME, None)  # the last result goes before the next one is made
    try:
        timeout, max_rows = limits_from_env().clamp(
            st.session_state.get(TIMEOUT, DEFAULT_TIME_LIMIT), st.session_state.get(MAX_ROWS, DEFAULT_ROW_CAP)
        )
        loaded = state.current()
        result: QueryResult | InputError = run_query(
            loaded.store,
            text,
            name="query",
            timeout=timeout,
            max_rows=max_rows,
            present=partial(draw_triples, loaded.graph_with_notes),
        )
    except InputError as err:
        result = err
    except Exception as err:  # an engine bug is shown as a message, never a traceback
        result = InputError(f"query failed ({type(err).__name__}: {err})", file="query")
    st.session_state[OUTCOME] = (text, result)


def error_position(err: InputError) -> tuple[int, int]:
    """(line, column) of a syntax error, 0 where unknown."""
    match = _COLUMN.search(err.problem)
    return err.line, int(match.group(1)) if match else 0


def show_error(err: InputError, text: str) -> None:
    line, column = error_position(err)
    where = f"Line {line}, column {column}" if line and column else f"Line {line}" if line else "Query"
    problem = _COLUMN.sub("", err.problem, count=1).lstrip(": ") if column else err.problem
    st.error(f"{where}: {md_escape(problem)}", icon=":material/error:")
    lines = text.splitlines()
    if 0 < line <= len(lines):
        pointer = " " * max(column - 1, 0) + "^" if column else ""
        st.code(f"{lines[line - 1]}\n{pointer}".rstrip(), language=None)


def warn_truncated(count: int, what: str) -> None:
    """Say the row cap cut the result after ``count`` rows or triples, and how far the server lets it go."""
    st.warning(
        f"Truncated: only the first {count:,} {what} (row cap). "
        f"Raise the cap to see more (this server allows up to {limits.max_rows:,})."
    )


def show_select(result: QueryResult) -> None:
    loaded = state.current()
    count = len(result.rows)
    st.caption(f"{count:,} row{'s' if count != 1 else ''}; the downloads hold the rows shown here.")
    if result.truncated:
        warn_truncated(count, "rows are kept and shown")
    if not count:
        st.info("No rows match.")
        return
    st.dataframe(pd.DataFrame(result.rows, columns=list(result.columns)), hide_index=True, key="sparql.table")
    left, middle, right = st.columns([1, 1, 3])
    # Made when clicked, from the rows kept: nothing more is held per session for the downloads.
    left.download_button(
        "Download CSV",
        partial(render, result.rows, "csv", result.columns),
        file_name="query-results.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    middle.download_button(
        "Download JSON",
        partial(render, result.rows, "json", result.columns),
        file_name="query-results.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
    )
    nodes = result_nodes(result.raw_rows, loaded.graph)
    if nodes:
        label = f"Show {len(nodes)} node{'s' if len(nodes) != 1 else ''} in the graph"
        if right.button(label, key="sparql.show", icon=":material/hub:"):
            state.set_highlight(nodes)
        if set(state.highlighted()) == set(nodes):
            right.success("Highlighted in the graph view.", icon=":material/check:")


def show_graph(result: QueryResult) -> None:
    count = len(result.triples)
    st.caption(f"{count:,} triple{'s' if count != 1 else ''}; the Turtle download holds the triples kept.")
    if result.truncated:
        warn_truncated(count, "triples are kept")
    if not count:
        st.info("The query gave no triples.")
        return
    page, turtle, shown_count, total = result.presented or (None, "", 0, 0)  # made in the query's worker
    if page is None:
        st.info("These triples could not be drawn; the table and the Turtle download hold them.")
    elif shown_count < total:
        st.caption(f"Drawing the {shown_count} best-linked of {total} nodes.")
    if page is not None:
        st.iframe(page, height=540)
    st.download_button(
        "Download Turtle",
        turtle,
        file_name="query-result.ttl",
        mime="text/turtle",
        on_click="ignore",
        icon=":material/download:",
    )
    with st.expander("Triples as a table"):
        st.dataframe(pd.DataFrame(result.rows, columns=list(result.columns)), hide_index=True)


st.set_page_config(page_title="SPARQL · CloudAtlas", layout="wide")
try:
    limits = limits_from_env()
except InputError as bad_setting:
    st.error(md_escape(f"Server setting {bad_setting.file}: {bad_setting.problem}"), icon=":material/error:")
    st.stop()
st.session_state.setdefault(TEXT, START)
st.session_state.setdefault(SEED, 0)
st.session_state.setdefault(PLAIN_TEXT, st.session_state[TEXT])
if not st.session_state.get(PLAIN):
    take_editor_value()  # first: the history and the editor's error mark show a run the editor just asked for

loaded = state.current()
st.title("SPARQL")
st.caption(
    f"Read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) over {md_escape(loaded.source)}: "
    f"{loaded.triples:,} triples, {loaded.nodes:,} nodes."
)

library = examples()
examples_col, history_col = st.columns(2)
examples_col.selectbox(
    "Example queries",
    list(library),
    index=None,
    format_func=lambda name: library[name].title,
    placeholder="Choose an example to load it into the editor…",
    key=EXAMPLE,
    on_change=load_example,
)
history_col.selectbox(
    "Query history",
    [entry[0] for entry in st.session_state.get(HISTORY, [])],
    index=None,
    format_func=history_label,
    placeholder="Queries run in this session: choose one to edit it again…",
    key=HISTORY_PICK,
    on_change=load_from_history,
)
chosen = library.get(st.session_state.get(EXAMPLE) or "")
if chosen:
    st.caption(md_escape(chosen.description))

with st.expander("Pre-declared prefixes"):
    st.code("\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()), language="sparql")

plain = st.toggle("Plain text box", key=PLAIN, on_change=switch_editor)
if plain:
    st.session_state[TEXT] = st.text_area("Query", key=PLAIN_TEXT, height=320)
    run_col, timeout_col, rows_col = st.columns([1, 1, 1], vertical_alignment="bottom")
    run_col.button("Run query", type="primary", key="sparql.run", on_click=run_typed, icon=":material/play_arrow:")
else:
    outcome = st.session_state.get(OUTCOME)
    failed = outcome[1] if outcome and isinstance(outcome[1], InputError) else None
    sparql_editor(
        st.session_state[TEXT],
        seed=st.session_state[SEED],
        completions=loaded.memo("sparql.completions", lambda: completions(loaded.graph)),
        error=editor_error(failed),
        key=EDITOR,
        height=320,
    )
    timeout_col, rows_col, _ = st.columns([1, 1, 1], vertical_alignment="bottom")
most_seconds = max(1, int(limits.max_timeout))
timeout_col.number_input(
    "Time limit (seconds)", 1, most_seconds, min(DEFAULT_TIME_LIMIT, most_seconds), step=1, key=TIMEOUT
)
rows_col.number_input("Row cap", 1, limits.max_rows, min(DEFAULT_ROW_CAP, limits.max_rows), step=1_000, key=MAX_ROWS)

outcome = st.session_state.get(OUTCOME)
if outcome:
    text, result = outcome
    if isinstance(result, InputError):
        show_error(result, text)
    elif result.kind == "ask":
        if result.boolean:
            st.success("Yes: the pattern matches.", icon=":material/check_circle:")
        else:
            st.info("No: the pattern does not match.", icon=":material/cancel:")
    elif result.kind == "select":
        show_select(result)
    else:
        show_graph(result)
