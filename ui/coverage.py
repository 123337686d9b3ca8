""" "Your notes": what extraction understood of the notes behind the graph, line by line.

After an upload the coverage comes with the new graph (computed in the same bounded worker,
:func:`graph.rdf.upload.read_uploads`); for the notes the server starts with, it is computed
once per process when first asked for, each file on its own as that graph was built
(:func:`graph.rdf.pipeline.notes_coverage`). A store or an endpoint holds no notes text, so it has
no coverage. :func:`summary` shows one line in the sidebar with a button that opens
:func:`report`: every line with the facts it gave, the lines with a number or a known name
that gave nothing first; picking a line highlights its facts in the graph
(:func:`graph.network.subgraphs.nodes_from_line`).

Public API (stable)::

    remember(loaded, coverage) -> None      # keep an upload's coverage with its graph
    coverage_of(loaded) -> tuple[FileCoverage, ...] | None
    summary_text(coverage) -> str
    line_rows(coverage, only_missed=False, limit=MAX_ROWS) -> list[dict]
    summary(loaded) -> None                 # the sidebar line and button
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import streamlit as st

from graph.network.subgraphs import nodes_from_line
from graph.rdf.pipeline import notes_coverage
from graph.read.report import FileCoverage
from ui import state

__all__ = ["MAX_ROWS", "remember", "coverage_of", "summary_text", "line_rows", "summary"]

#: Lines listed at most in the report table (the lines that gave nothing come first).
MAX_ROWS = 5_000
_TABLE = "coverage.table"
_ONLY_MISSED = "coverage.only_missed"


def remember(loaded: state.Loaded, coverage: Sequence[FileCoverage]) -> None:
    """Keep ``coverage`` with ``loaded`` (the graph it describes), for :func:`coverage_of`."""
    loaded.memo(state.COVERAGE, lambda: tuple(coverage))


def _default_coverage() -> tuple[FileCoverage, ...] | None:
    """The coverage of the notes every session starts with (None when that is a store with no notes)."""
    if os.environ.get(state.STORE_ENV, "").strip() and not os.environ.get(state.NOTES_ENV, "").strip():
        return None
    paths, _ = state.default_notes()
    return notes_coverage(paths)


def coverage_of(loaded: state.Loaded) -> tuple[FileCoverage, ...] | None:
    """The coverage of the notes behind ``loaded``, or None when it was not built from notes here."""
    if loaded is state.load_bundled():
        return loaded.memo(state.COVERAGE, _default_coverage)
    return loaded.memo(state.COVERAGE, lambda: None)


def summary_text(coverage: Sequence[FileCoverage]) -> str:
    """One sentence: lines that gave facts, and lines with a number or a known name that gave nothing.

    >>> from graph.read.report import LineFacts, Missed
    >>> cov = FileCoverage("a.md", (LineFacts(1, "# RDS", ("entity RDS",)), LineFacts(2, "- 3 x", ())),
    ...                    (Missed(2, "- 3 x", "a number that gave no limit"),))
    >>> summary_text([cov])
    '1 file: 1 of 2 lines gave facts; 1 line with a number or a known name gave nothing.'
    """
    files = len(coverage)
    lines = sum(len(c.lines) for c in coverage)
    understood = sum(c.understood for c in coverage)
    missed = sum(len(c.missed) for c in coverage)
    return (
        f"{files} file{'s' if files != 1 else ''}: {understood:,} of {lines:,} lines gave facts; "
        f"{missed:,} line{'s' if missed != 1 else ''} with a number or a known name gave nothing."
    )


def line_rows(coverage: Sequence[FileCoverage], only_missed: bool = False, limit: int = MAX_ROWS) -> list[dict]:
    """Rows for the report table: the lines that gave nothing first, then every other line, in file order.

    >>> from graph.read.report import LineFacts, Missed
    >>> cov = FileCoverage("a.md", (LineFacts(1, "# RDS", ("entity RDS",)), LineFacts(2, "- 3 x", ())),
    ...                    (Missed(2, "- 3 x", "a number that gave no limit"),))
    >>> [(r["line"], r["gave"]) for r in line_rows([cov])]
    [(2, 'nothing: a number that gave no limit'), (1, 'entity RDS')]
    >>> len(line_rows([cov], only_missed=True))
    1
    """
    missed_rows, other_rows = [], []
    for cov in coverage:
        why = {miss.line: miss.why for miss in cov.missed}
        for line in cov.lines:
            if line.line in why:
                missed_rows.append(
                    {"file": cov.file, "line": line.line, "text": line.text, "gave": f"nothing: {why[line.line]}"}
                )
            elif not only_missed:
                gave = "; ".join(line.facts) if line.facts else "—"
                other_rows.append({"file": cov.file, "line": line.line, "text": line.text, "gave": gave})
    return (missed_rows + other_rows)[:limit]


def _show_line(loaded: state.Loaded, row: dict) -> None:
    nodes = [n for n in nodes_from_line(loaded.graph_with_notes(), row["file"], row["line"]) if n in loaded.graph]
    if not nodes:
        st.info(f"{row['file']}:{row['line']} gave nothing to show in the graph.", icon=":material/info:")
        return
    state.set_focus(None)
    state.clear_path()
    state.set_highlight(nodes)
    st.rerun()


@st.dialog("What the notes gave", width="large")
def report(loaded: state.Loaded) -> None:
    """Every line of the notes with its facts; picking a row highlights that line's facts in the graph."""
    coverage = coverage_of(loaded) or ()
    st.caption(summary_text(coverage))
    only_missed = st.toggle("Only lines that gave nothing", key=_ONLY_MISSED)
    rows = line_rows(coverage, only_missed)
    if not rows:
        st.info("No such lines.", icon=":material/check:")
        return
    total = sum(len(c.missed) if only_missed else len(c.lines) for c in coverage)
    if total > len(rows):
        st.caption(f"The first {len(rows):,} of {total:,} lines.")
    st.caption("Pick a line to highlight its facts in the graph.")
    event = st.dataframe(
        rows,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=_TABLE,
        column_config={"line": st.column_config.NumberColumn(width="small", format="%d")},
    )
    picked = event.selection.rows if event else []
    if picked:
        _show_line(loaded, rows[picked[0]])


def summary(loaded: state.Loaded) -> None:
    """The sidebar's coverage line and the button that opens :func:`report` (nothing for a store)."""
    sb = st.sidebar
    if loaded is not state.load_bundled():
        coverage = coverage_of(loaded)
        if coverage is None:
            return
        sb.caption(summary_text(coverage))
    if sb.button("What the notes gave", icon=":material/fact_check:", width="stretch", key="coverage.open"):
        report(loaded)
