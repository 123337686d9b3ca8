"""Analyses: caching layers, migration planner, limit comparison, centrality, communities, conflicting notes and gaps.

Thin page over the analyses of :mod:`graph.network`, on the graph the session works on (:func:`ui.state.current`).
Text from the notes goes into tables (plain text) or through :func:`ui.text.md_escape`.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd
import streamlit as st

from graph.errors import InputError
from graph.network import (
    RULES,
    MigrationPath,
    caching_layers,
    centrality,
    communities,
    compare_limits,
    label_of,
    migration_paths,
)
from graph.network.caching import caching_chains
from graph.network.limits import limit_table, matrix_table
from graph.views.palette import class_text
from ui import state
from ui.review import conflicts_section, gaps_section
from ui.text import md_escape

ALL = "All quantities"
SHOWN_PATHS = 5
_CONVERSION_TEXT = {"heterogeneous-migration": "yes (SCT)", "heterogeneous-without-conversion": "by hand"}
_TIER_TEXT = {"edge": "edge (CDN)", "api": "API", "in-memory": "in-memory"}  # graph.network.caching.TIERS
_RUNS = ("supportsEngine", "compatibleWith")
_DATABASES = {"DatabaseService", "DataWarehouse"}


def classes(g: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    return tuple(g.nodes[node].get("classes", ()))


def by_label(g: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    return sorted(set(nodes), key=lambda n: (label_of(g, n).casefold(), n))


# ---------------------------------------------------------------------------
# Caching layers
# ---------------------------------------------------------------------------


def caching_section(g: nx.MultiDiGraph) -> None:
    layers = caching_layers(g)
    services = by_label(g, (layer.service for layer in layers))
    if not services:
        st.info("No service in this graph has a caching layer.")
        return
    default = next((s for s in services if label_of(g, s) == "DynamoDB"), services[0])
    service = st.selectbox(
        "Service",
        services,
        index=services.index(default),
        format_func=lambda n: label_of(g, n),
        key="analyses.cache_service",
    )
    mine = [layer for layer in layers if layer.service == service]
    st.text("\n".join(caching_chains(g, service)))
    rows = []
    for layer in mine:
        for ref in layer.sources or (None,):
            rows.append(
                {
                    "hop": layer.hop,
                    "tier": _TIER_TEXT.get(layer.tier, layer.tier),
                    "layer": layer.cache_label,
                    "in front of": layer.fronts_label,
                    "or": " or ".join(layer.alternatives),
                    "status": layer.status,
                    "rule": layer.rule,
                    "source": str(ref) if ref else "",
                    "line": ref.text if ref else "",
                }
            )
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="analyses.cache_table")
    st.caption(
        "Client inwards, one line per way in: caches in front of the same thing are alternatives (or), never a "
        "series. Hop 1 sits next to the service; a compute tier appears where the notes link it to the database."
    )
    with st.expander("Rules"):
        used = dict.fromkeys(layer.rule for layer in mine)
        st.dataframe(
            pd.DataFrame(
                [{"rule": r, "says": RULES[r].comment, "documentation": " ".join(RULES[r].sources)} for r in used]
            ),
            hide_index=True,
        )


# ---------------------------------------------------------------------------
# Migration planner
# ---------------------------------------------------------------------------


def migration_ends(g: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """Picker options: what migration services list, the engines, and "Service Engine" pairs of databases."""
    paths = migration_paths(g)
    engines = {n for n in g if "Engine" in classes(g, n) and any(k in _RUNS for _, _, k in g.in_edges(n, keys=True))}
    pairs = {
        f"{label_of(g, u)} {label_of(g, v)}"
        for u, v, k in g.edges(keys=True)
        if k in _RUNS and _DATABASES & set(classes(g, u)) and "Engine" in classes(g, v)
    }
    sources = {p.source_label for p in paths} | {label_of(g, n) for n in engines}
    targets = {p.target_label for p in paths} | {label_of(g, n) for n in engines} | pairs
    return sorted(sources, key=str.casefold), sorted(targets, key=str.casefold)


#: What a relation of a migration route says, in words: (subject, verb, object) read from the step before.
_STEP_WORDS = {
    "migrationSource": "migrates from",
    "migrationTarget": "migrates to",
    "supportsEngine": "runs",
    "compatibleWith": "is compatible with",
    "includes": "includes",
}


def route_text(path: MigrationPath) -> str:
    """The route as people read it: "Oracle → DMS + Schema Conversion Tool → Aurora"."""
    parts: list[str] = []
    for step in path.steps:
        if step.relation == "+" and parts:
            parts[-1] += f" + {step.label}"
        else:
            parts.append(step.label)
    return " → ".join(parts)


def step_rows(path: MigrationPath) -> list[dict[str, object]]:
    """The route's steps, each with how it links to the step before in plain words ("DMS migrates to RDS")."""
    rows = []
    before = ""
    for number_, step in enumerate(path.steps, start=1):
        if step.relation == "+":
            how, note = "used alongside", "schema conversion: the engines differ"
        elif step.relation:
            words = _STEP_WORDS.get(step.relation, step.relation)
            how = f"{before} {words} {step.label}" if step.forward else f"{step.label} {words} {before}"
            note = ""
        else:
            how, note = "start", ""
        rows.append({"step": number_, "node": step.label, "link": how, "note": note})
        before = step.label if step.relation != "+" else before
    return rows


def migration_section(g: nx.MultiDiGraph) -> None:
    sources, targets = migration_ends(g)
    if not sources or not targets:
        st.info("No migration service in this graph lists both sources and targets.")
        return
    left, right = st.columns(2)
    source = left.selectbox(
        "From", sources, index=sources.index("Oracle") if "Oracle" in sources else 0, key="analyses.source"
    )
    wanted = "Aurora PostgreSQL" if "Aurora PostgreSQL" in targets else targets[0]
    target = right.selectbox("To", targets, index=targets.index(wanted), key="analyses.target")
    try:
        paths = migration_paths(g, source, target)
    except InputError as err:
        st.error(md_escape(err.problem))
        return
    if not paths:
        st.info(f"No migration path from {md_escape(source)} to {md_escape(target)}.")
        return
    st.caption(f"{len(paths)} path{'s' if len(paths) != 1 else ''}, fewest steps first.")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "from": p.source_label,
                    "to": p.target_label,
                    "via": " + ".join(p.services),
                    "schema conversion": _CONVERSION_TEXT.get(p.rule, "no"),
                    "steps": len(p.steps),
                    "route": route_text(p),
                    "why": p.why,
                }
                for p in paths
            ]
        ),
        hide_index=True,
        key="analyses.paths",
    )
    for index, path in enumerate(paths[:SHOWN_PATHS], start=1):
        with st.container(border=True):
            st.markdown(f"**Path {index}:** {md_escape(path.source_label)} → {md_escape(path.target_label)}")
            if path.rule == "heterogeneous-migration":
                st.warning(
                    "Engines differ: convert the schema with the Schema Conversion Tool, then move the data with "
                    + md_escape(path.services[0])
                    + ".",
                    icon=":material/warning:",
                )
            elif path.rule == "heterogeneous-without-conversion":
                st.warning(
                    "Engines differ and the Schema Conversion Tool does not convert between them: make the target "
                    "schema by hand, then move the data with " + md_escape(path.services[0]) + ".",
                    icon=":material/warning:",
                )
            st.dataframe(pd.DataFrame(step_rows(path)), hide_index=True, key=f"analyses.steps.{index}")
            if st.button("Show in graph", key=f"analyses.path.{index}", icon=":material/hub:"):
                state.set_path(path.graph_nodes)
                alongside = ", ".join(step.label for step in path.steps if step.relation == "+")
                shown = f" ({md_escape(alongside)} is used alongside, not a hop)" if alongside else ""
                st.success(f"Shown as the path in the graph view{shown}.", icon=":material/check:")


# ---------------------------------------------------------------------------
# Limits, centrality, communities
# ---------------------------------------------------------------------------


def limits_section(g: nx.MultiDiGraph) -> None:
    rows = compare_limits(g)
    if not rows:
        st.info("No limits in this graph.")
        return
    quantities = sorted({r.quantity for r in rows}, key=str.casefold)
    picked = st.selectbox("Quantity", [ALL, *quantities], key="analyses.quantity")
    shown = [r for r in rows if picked == ALL or r.quantity == picked]
    st.caption(
        "The largest value per service and quantity, each row in one unit; a limit for one engine names it. "
        "Click a column to sort."
    )
    st.dataframe(pd.DataFrame(matrix_table(shown)), hide_index=True, key="analyses.matrix")
    with st.expander("Every limit"):
        every = [{k: v for k, v in row.items() if k != "limit"} for row in limit_table(shown)]
        st.dataframe(pd.DataFrame(every), hide_index=True)


def centrality_section(g: nx.MultiDiGraph) -> None:
    top = st.slider("Nodes shown", 5, max(5, min(100, g.number_of_nodes())), 15, key="analyses.top")
    rows = centrality(g, top=top)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "node": r.label,
                    "class": class_text(classes(g, r.node)),
                    "neighbours": r.degree,
                    "betweenness": round(r.betweenness, 4),
                    "PageRank": round(r.pagerank, 4),
                }
                for r in rows
            ]
        ),
        hide_index=True,
        key="analyses.centrality",
    )
    st.caption("Neighbours: distinct linked nodes. Betweenness and PageRank of the undirected graph.")


#: Up to this many communities are listed in a table whose cells wrap (more: a scrolling table).
_WRAPPED_COMMUNITIES = 40


def communities_section(g: nx.MultiDiGraph) -> None:
    groups = communities(g)
    if not groups:
        st.info("The graph is empty.")
        return
    rows = [{"#": c.index, "community": c.name, "size": c.size, "members": ", ".join(c.central)} for c in groups]
    if len(groups) <= _WRAPPED_COMMUNITIES:
        st.table(pd.DataFrame(rows).set_index("#"))  # every member shown, lines wrapped
    else:
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="analyses.communities")
    names = {c.index: f"{c.index}. {c.name} ({c.size})" for c in groups}
    picked = st.selectbox("Community", list(names), format_func=names.get, key="analyses.community")
    group = next(c for c in groups if c.index == picked)
    st.text(f"{group.size} members, most central first: " + ", ".join(group.central))
    if st.button("Highlight in graph", key="analyses.highlight", icon=":material/hub:"):
        state.set_highlight(group.nodes)
        st.success(f"{group.size} nodes highlighted in the graph view.", icon=":material/check:")
    st.caption("Louvain communities (seeded, so the same graph gives the same groups); negations left out.")


st.set_page_config(page_title="Analyses · CloudAtlas", layout="wide")
loaded = state.current()
graph = loaded.graph
st.title("Analyses")
st.caption(f"On {md_escape(loaded.source)}: {loaded.nodes:,} nodes, {loaded.edges:,} edges.")

SECTIONS = (
    ("Caching layers", lambda: caching_section(graph)),
    ("Migration planner", lambda: migration_section(graph)),
    ("Limits compared", lambda: limits_section(graph)),
    ("Centrality", lambda: centrality_section(graph)),
    ("Communities", lambda: communities_section(graph)),
    ("Conflicting notes", lambda: conflicts_section(loaded)),
    ("What your notes lack", lambda: gaps_section(loaded)),
)
for tab, (title, section) in zip(st.tabs([title for title, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        st.subheader(title)
        section()
