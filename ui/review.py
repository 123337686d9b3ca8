"""The Analyses page's review tabs: notes that disagree, and what the notes lack.

Thin Streamlit over :func:`graph.network.find_conflicts` and :func:`graph.network.find_gaps`,
computed once per loaded graph (:meth:`ui.state.Loaded.memo`) and shared by every session.
Text from the notes goes into tables (plain text) only.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.network import Conflict, Gap, NotedValue, find_conflicts, find_gaps
from ui import state

__all__ = ["conflict_table", "gap_table", "conflicts_section", "gaps_section"]

ALL_SERVICES = "All services"
_SEVERITY = {"warning": "⚠ warning", "info": "ℹ info"}


def _side(values: tuple[NotedValue, ...]) -> tuple[str, str, str]:
    written = "; ".join(dict.fromkeys(v.text for v in values))
    sources = "; ".join(str(v.source) if v.source.file else "(no note line)" for v in values)
    lines = "; ".join(v.source.text for v in values)
    return written, sources, lines


def conflict_table(conflicts: tuple[Conflict, ...]) -> pd.DataFrame:
    """One row per pair of disagreeing values: both as written, with the source lines of each."""
    rows = []
    for c in conflicts:
        value, source, line = _side(c.first)
        other, other_source, other_line = _side(c.second)
        rows.append(
            {
                "service": c.service_label,
                "quantity": c.quantity_text,
                "bound": c.bound_text,
                "value": value,
                "source": source,
                "line": line,
                "other value": other,
                "other source": other_source,
                "other line": other_line,
            }
        )
    return pd.DataFrame(rows)


def gap_table(gaps: tuple[Gap, ...]) -> pd.DataFrame:
    """One row per service and missing thing, in plain words."""
    return pd.DataFrame(
        [
            {
                "service": gap.service_label,
                "class": gap.kind,
                "lacks": gap.gap,
                "severity": _SEVERITY.get(gap.severity, gap.severity),
                "why": gap.why,
                "noted in": ", ".join(gap.notes),
            }
            for gap in gaps
        ]
    )


def conflicts_section(loaded: state.Loaded) -> None:
    """The "Conflicting notes" tab."""
    conflicts = loaded.memo("conflicts", lambda: find_conflicts(loaded.graph))
    if not conflicts:
        st.success("No two lines disagree: each service's limit on a quantity has one value throughout the notes.")
        return
    st.caption(
        f"{len(conflicts)} disagreement{'s' if len(conflicts) != 1 else ''}: the same service and quantity with "
        "different values in different lines, compared in one unit (15 min and 900 s agree). One of the lines "
        "may be out of date."
    )
    st.dataframe(conflict_table(conflicts), hide_index=True, key="analyses.conflicts")
    picked = st.selectbox(
        "Disagreement",
        range(len(conflicts)),
        format_func=lambda i: f"{conflicts[i].service_label}: {conflicts[i].quantity_label}",
        key="analyses.conflict",
    )
    if st.button("Show in graph", key="analyses.conflict_show", icon=":material/hub:"):
        state.set_highlight(n for n in conflicts[picked].nodes if n in loaded.graph)
        st.success("The service, its limits and the quantity are highlighted in the graph.", icon=":material/check:")


def gaps_section(loaded: state.Loaded) -> None:
    """The "What your notes lack" tab."""
    gaps = loaded.memo("gaps", lambda: find_gaps(loaded.graph))
    if not gaps:
        st.success("Every service has what a well-noted service of its class has.")
        return
    services = sorted({gap.service_label for gap in gaps}, key=str.casefold)
    left, right = st.columns([2, 1])
    service = left.selectbox("Service", [ALL_SERVICES, *services], key="analyses.gap_service")
    infos = right.toggle("Show infos too", value=True, key="analyses.gap_infos")
    shown = tuple(
        gap
        for gap in gaps
        if (service == ALL_SERVICES or gap.service_label == service) and (infos or gap.severity != "info")
    )
    st.caption(
        "What a well-noted service of its class has and these notes do not: warnings for what every service "
        "of the class has, infos for what is worth knowing. The expectations are the gap shapes of "
        "ontology/shapes.ttl, checked with a SHACL engine."
    )
    if not shown:
        st.info("Nothing missing here.")
        return
    st.dataframe(gap_table(shown), hide_index=True, key="analyses.gaps")
    if st.button("Show in graph", key="analyses.gap_show", icon=":material/hub:"):
        nodes = dict.fromkeys(gap.service for gap in shown if gap.service in loaded.graph)
        state.set_highlight(nodes)
        st.success(f"{len(nodes)} services highlighted in the graph view.", icon=":material/check:")
