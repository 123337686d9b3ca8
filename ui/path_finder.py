"""The main page's path finder: every shortest path between two nodes, one drawn in the graph.

The pickers list the nodes (the :data:`PICK_LIMIT` most central of a big graph, where any other
label or alias can be typed); the paths found are kept in the session until the ends change, and
the one picked is drawn (``ca.path``) with one relation per hop (:func:`hop_rows`).

Widget keys: ``path_from``, ``path_to``, ``path_pick``.
"""

from __future__ import annotations

from itertools import pairwise

import streamlit as st

from graph.errors import InputError
from graph.network import GraphPath, find_node, label_of, shortest_paths
from graph.network.paths import main_relation
from graph.views.selection import graph_path
from ui import state
from ui.text import md_escape

__all__ = ["PICK_LIMIT", "hop_rows", "path_finder"]

#: Above this many nodes, the path pickers list the most central nodes and accept any name typed in.
PICK_LIMIT = 200
_FOUND = "ca.path_found"


def hop_rows(path: GraphPath) -> list[dict[str, str]]:
    """One row per hop of ``path``: from, the one relation linking them (the strongest, with its direction), to."""
    rows = []
    for before, step in pairwise(path.steps):
        name = main_relation(step.relation.split("|")) if step.relation else ""
        relation = (f"{name} →" if step.forward else f"← {name}") if name else "not linked"
        rows.append({"From": before.label, "Relation": relation, "To": step.label})
    return rows


def _find_path() -> None:
    g = state.current().graph
    st.session_state[_FOUND] = None
    try:
        a, b = (_picked_node(g, st.session_state.get(k)) for k in ("path_from", "path_to"))
    except InputError as err:
        st.session_state[_FOUND] = err.problem
        return
    if not a or not b:
        return
    found = shortest_paths(g, a, b)[:10]
    st.session_state[_FOUND] = (a, b, found)
    st.session_state["path_pick"] = 0
    if found:
        state.set_path(step.node for step in found[0].steps)
    else:
        state.clear_path()


def _pick_path() -> None:
    kept = st.session_state.get(_FOUND)
    if isinstance(kept, tuple) and kept[2]:
        index = int(st.session_state.get("path_pick") or 0)
        state.set_path(step.node for step in kept[2][index].steps)


def _clear_path() -> None:
    st.session_state[_FOUND] = None
    state.clear_path()


def _picked_node(g, value: object) -> str | None:
    """The node a path picker holds: one listed, or the one a typed label or alias names."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value if value in g else find_node(g, value)


def path_finder(loaded: state.Loaded) -> None:
    """Two node pickers; the shortest paths between them, highlighted in the graph and listed hop by hop.

    The path shown (``ca.path``, which other pages may set too) is listed with the relation of each hop.
    """
    g = loaded.graph
    st.subheader("Path finder", anchor=False)
    nodes = loaded.listed(PICK_LIMIT)
    typed = loaded.nodes > PICK_LIMIT  # the pickers list the most central nodes; any other name can be typed
    hint = "Pick or type a name" if typed else "Pick a node"
    cols = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
    name = lambda n: label_of(g, n)  # noqa: E731
    for col, label, key in ((cols[0], "From", "path_from"), (cols[1], "To", "path_to")):
        col.selectbox(
            label, nodes, index=None, key=key, format_func=name, placeholder=hint, accept_new_options=typed,
            help=f"The {PICK_LIMIT:,} most central nodes are listed; type any label or alias." if typed else None,
        )  # fmt: skip
    cols[2].button("Find path", on_click=_find_path, width="stretch", type="primary")
    cols[3].button("Clear path", on_click=_clear_path, width="stretch")
    kept = st.session_state.get(_FOUND)
    if isinstance(kept, str):
        st.error(md_escape(kept))
    elif kept and kept[0] in g and kept[1] in g:
        a, b, found = kept
        if not found:
            st.warning(f"No path between {md_escape(label_of(g, a))} and {md_escape(label_of(g, b))}.")
        elif len(found) > 1:
            st.radio(
                f"{len(found)} shortest paths of {found[0].length} hops",
                range(len(found)), key="path_pick", horizontal=True, on_change=_pick_path,
                format_func=lambda i: f"Path {i + 1}",
            )  # fmt: skip
    shown = state.path()
    if shown:
        chosen = graph_path(g, shown)
        st.code(chosen.route, language=None, wrap_lines=True)
        st.dataframe(hop_rows(chosen), hide_index=True, width="stretch")
