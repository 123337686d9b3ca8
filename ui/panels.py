"""The main page's panels: counts, and the graph with the details of the selected node.

Text that comes from the notes (labels, aliases, comments, source lines) is shown
with ``st.text``, ``st.code`` and ``st.dataframe``, or Markdown-escaped where a
heading needs Markdown: never as HTML.

A big graph (more nodes than the node cap) is first drawn as an overview
(:func:`graph.views.lod.overview`): its most central nodes, and one grey cluster node per
community. Clicking a cluster opens it (``ca.expanded``) instead of selecting it;
"Collapse all" folds them again.

A session's first run of the main page draws the title, the counts and the graph only, the graph
already laid out on the server (:func:`graph.views.drawing.view_data` with ``placed``); once the browser
shows it, the component says so and the next run adds the sidebar and the path finder
(:func:`page_complete`; :func:`complete_later` does it anyway after a few seconds). The browser's
single thread then spends the first second on the graph.

Widget keys: ``main-graph`` (:data:`GRAPH_KEY`), ``neighbour_pick``, ``collapse_all``. The path
finder is :mod:`ui.path_finder`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from graph.errors import InputError
from graph.network import label_of
from graph.views.details import LimitRow, Neighbour, NodeDetails, node_details
from graph.views.drawing import view_data
from graph.views.lod import is_cluster
from graph.views.palette import LEGEND
from graph.views.selection import ViewSpec
from ui import state, view_state
from ui.graph_component import graph_view, has_drawn
from ui.sidebar import MAX_DEPTH, current_spec
from ui.text import md_escape
from ui.view_state import drawn_graph

__all__ = [
    "counts", "explorer", "highlight_note", "details", "page_complete", "complete_later",
    "GRAPH_KEY", "COMPLETE_AFTER", "START_ABOVE", "WIDE_ENOUGH", "readable_start", "start_classes",
]  # fmt: skip


_CLASS_TEXT = {cls: text for cls, text, _ in LEGEND}
_WHOLE_PAGE = "ca.rerun_page"
_DRAWN = "ca.graph_drawn"
_COMPLETE = "ca.page_complete"
_WAITED = "ca.page_waited"
#: Seconds after which the main page shows everything even if its first graph never reported being drawn.
COMPLETE_AFTER = 5
#: The widget key of the main page's graph.
GRAPH_KEY = "main-graph"
#: A graph of more nodes than this (and no more than the node cap) opens on its services and their links.
START_ABOVE = 80
#: From this content width (CSS pixels) on, the details panel is beside the graph; below it, under the graph.
WIDE_ENOUGH = 1300
_START = "ca.start"
_STARTED = "ca.start_for"
# The graph and the details side by side only when the page is wide enough; else one above the other, full width.
_LAYOUT_CSS = f"""<style>
.st-key-explorer {{ container-type: inline-size; }}
.st-key-details-pane {{ height: auto !important; max-height: var(--details-height); }}
@container (max-width: {WIDE_ENOUGH - 1}px) {{
  [data-testid="stHorizontalBlock"]:has(.st-key-graph-pane) {{ flex-wrap: wrap; }}
  [data-testid="stColumn"]:has(.st-key-graph-pane), [data-testid="stColumn"]:has(.st-key-details-pane) {{
    flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important;
  }}
}}
</style>"""


def page_complete() -> bool:
    """Whether the main page shows everything in this run: from the run after its first graph is on screen.

    Until the graph component says it has drawn (:func:`ui.graph_component.has_drawn`), the page
    shows the title, the counts and the graph only; the sidebar and the path finder follow in the
    next run. The browser then spends the first second on the graph, not on widgets.
    """
    if not st.session_state.get(_COMPLETE) and has_drawn(GRAPH_KEY):
        st.session_state[_COMPLETE] = True
    readable_start(state.current())
    return bool(st.session_state.get(_COMPLETE))


def start_classes(g) -> tuple[str, ...]:
    """The service classes nodes of ``g`` have: the classes of the first view of a big graph."""
    present = {c for _, data in g.nodes(data=True) for c in data.get("classes", ())}
    return tuple(cls for cls, _, _ in LEGEND if cls in present and (cls.endswith("Service") or cls == "DataWarehouse"))


def readable_start(loaded: state.Loaded) -> None:
    """Open a graph of more than :data:`START_ABOVE` nodes on its services and the links between them.

    Once per graph, and only when the session's view is still the default one (nothing focused,
    filtered, highlighted or on a path, no view from the URL): the class filter is set to the
    service classes, when that leaves from 2 to :data:`START_ABOVE` nodes. Graphs above the node cap
    open on their overview instead. The start ends with "Show all" (:func:`show_all`), the sidebar's
    "Show whole graph", another class filter, or a focus (which then shows every class around it).
    Called at the top of the main page, before the sidebar's widgets are drawn.
    """
    ss = st.session_state
    started = ss.get(_START)
    if started:
        shown = set(current_spec().classes)
        untouched = bool(shown) and shown <= set(started)  # the start's classes (those the graph still has)
        if ss.get(_STARTED) != id(loaded) or state.focus() or not untouched:
            if untouched:  # another graph, or a focus: every class
                _drop_start_filter()
            ss[_START] = None
    if ss.get(_STARTED) == id(loaded):
        return
    ss[_STARTED] = id(loaded)
    spec = current_spec()
    if spec != replace(view_state.DEFAULT_VIEW, search=spec.search) or spec.search or ss.get("classes"):
        return
    if not START_ABOVE < loaded.nodes <= spec.cap:
        return
    classes = start_classes(loaded.graph)
    count = sum(1 for _, data in loaded.graph.nodes(data=True) if set(classes) & set(data.get("classes", ())))
    if classes and 2 <= count <= START_ABOVE:
        ss.pop("classes", None)
        ss[view_state.VIEW] = replace(spec, classes=classes)
        ss[_START] = classes


def _drop_start_filter() -> None:
    st.session_state["classes"] = []
    st.session_state[view_state.VIEW] = replace(current_spec(), classes=())


def show_all() -> None:
    """End the first view's service filter: the whole graph (a button callback)."""
    _drop_start_filter()
    st.session_state[_START] = None
    st.session_state[_WHOLE_PAGE] = True


@st.fragment(run_every=COMPLETE_AFTER)
def complete_later() -> None:
    """The whole page after :data:`COMPLETE_AFTER` seconds even if the graph never says it is on screen.

    Drawn by the first run only; the run that completes the page no longer draws it, which stops it.
    """
    if st.session_state.get(_COMPLETE):
        return
    if st.session_state.get(_WAITED):
        st.session_state[_COMPLETE] = True
        st.rerun(scope="app")
    st.session_state[_WAITED] = True


def counts(loaded: state.Loaded) -> None:
    """Nodes, edges, triples and limits of the whole graph."""
    cols = st.columns(4)
    cols[0].metric("Nodes", f"{loaded.nodes:,}")
    cols[1].metric("Edges", f"{loaded.edges:,}")
    cols[2].metric("Triples", f"{loaded.triples:,}")
    cols[3].metric("Limits", f"{loaded.limits:,}")


@st.fragment
def explorer(height: int = 680) -> None:
    """The graph and the details of the selected node: beside it on a wide page, else under it (full width).

    A fragment: a click in the graph reruns only this part of the page. Buttons here
    that move the focus ask for a whole-page rerun, so the sidebar shows it too.
    """
    if st.session_state.pop(_WHOLE_PAGE, False):
        st.rerun(scope="app")
    loaded = state.current()
    spec = current_spec()
    # Drawings come laid out (the browser only settles them); the browser keeps the places of nodes it
    # shows already unless most nodes are new (a new focus).
    data = _drawing(loaded, spec, state.expanded(), placed=True)
    if data["counts"].get("clusters") or (state.expanded() and spec.focus is None):
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].caption(_overview_text(loaded.nodes, data["counts"]))
        cols[1].button(
            "Collapse all", on_click=state.collapse_all, key="collapse_all", width="stretch",
            disabled=not state.expanded(), help="Fold every opened cluster again.",
        )  # fmt: skip
    elif st.session_state.get(_START) and set(spec.classes) == set(st.session_state.get(_START)):
        counts = data["counts"]
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].caption(
            f"Services and the links between them: drawing {counts['nodes']:,} of {loaded.nodes:,} nodes and "
            f"{counts['edges']:,} edges. Click one for its details, focus on it for its features and limits."
        )  # fmt: skip
        cols[1].button(
            f"Show all {loaded.nodes:,} nodes", on_click=show_all, key="show_all", width="stretch", type="primary"
        )  # fmt: skip
    else:
        counts = data["counts"]
        st.caption(f"Drawing {counts['nodes']:,} of {loaded.nodes:,} nodes and {counts['edges']:,} edges.")
    st.html(_LAYOUT_CSS.replace("var(--details-height)", f"{int(height)}px"))
    with st.container(key="explorer"):
        left, right = st.columns([7, 3], gap="medium")
    with left, st.container(key="graph-pane"):
        clicked = graph_view(data, key=GRAPH_KEY, height=height, selected=state.selected())
        st.session_state[_DRAWN] = True
        if not st.session_state.get(_COMPLETE) and has_drawn(GRAPH_KEY):
            st.rerun(scope="app")  # the first graph is on screen: now the rest of the page
        if is_cluster(clicked):
            if clicked in state.expanded():
                st.toast("This cluster is open: its other nodes did not fit under the node cap. Search finds them.")
            else:
                state.expand(clicked)
                st.rerun(scope="fragment")
        elif clicked:
            state.select(clicked)
    with right, st.container(height=height, border=False, key="details-pane"):
        details(loaded, state.selected())


def _overview_text(total: int, counts: dict) -> str:
    """The caption of an overview: what is drawn, what the clusters stand for, how many edges are shown."""
    shown, everything = counts["edges"], counts.get("edges_total", counts["edges"])
    edges = f"the strongest {shown:,} of {everything:,}" if everything > shown else f"{everything:,}"
    folded = (
        f", of which {counts['clusters']:,} grey clusters stand for {counts['folded']:,} nodes,"
        if counts.get("clusters") else ""
    )  # fmt: skip
    return (
        f"Overview of {total:,} nodes: drawing {counts['nodes']:,}{folded} and {edges} edges between them. "
        "Click a cluster to open it; search finds any node."
    )


def _drawing(loaded: state.Loaded, spec: ViewSpec, expanded: tuple[str, ...] = (), placed: bool = False) -> dict:
    """The view data for ``spec``, made once per graph and view and shared by sessions (the latest 32 views).

    A whole-graph view of more nodes than the cap is an overview with ``expanded`` clusters open;
    ``placed`` lays it out here too (:func:`graph.views.drawing.view_data`), for a component drawing it first.
    """
    try:
        return loaded.memo(
            ("drawing", spec, expanded, placed), lambda: _make_drawing(loaded, spec, expanded, placed), keep=32
        )  # fmt: skip
    except InputError as err:
        st.error(md_escape(err.problem))
        return _drawing(loaded, replace(spec, focus=None), expanded, placed)


def _make_drawing(loaded: state.Loaded, spec: ViewSpec, expanded: tuple[str, ...], placed: bool = False) -> dict:
    scores = loaded.scores(spec.size_by or "pagerank")
    shown = drawn_graph(loaded, spec, expanded)  # the Export page exports this same graph
    return view_data(shown, spec, scores if spec.size_by else None, placed=placed)


def highlight_note() -> None:
    """A line about nodes marked from another page, with a button to clear them."""
    marked = state.highlighted()
    if not marked:
        return
    cols = st.columns([4, 1])
    cols[0].info(f"{len(marked)} node{'s' if len(marked) != 1 else ''} highlighted; everything else is faded.")
    cols[1].button("Clear highlight", on_click=state.clear_highlight, width="stretch")


def _select(node: str, focus: bool) -> None:
    state.select(node)
    if focus:
        state.set_focus(node)
        st.session_state[_WHOLE_PAGE] = True


def _expand(node: str) -> None:
    if state.focus() == node:
        st.session_state["depth"] = min(int(st.session_state.get("depth", 1)) + 1, MAX_DEPTH)
    else:
        state.set_focus(node)
    state.select(node)
    st.session_state[_WHOLE_PAGE] = True


def _go_neighbour(focus: bool) -> None:
    node = st.session_state.get("neighbour_pick")
    if node:
        _select(node, focus)


def _classes_text(d: NodeDetails) -> str:
    return ", ".join(_CLASS_TEXT.get(c, c) for c in d.classes) or "no class"


def details(loaded: state.Loaded, node: str | None) -> None:
    """The details panel: classes, names, limits, features, neighbours and the source lines of ``node``."""
    if not node:
        st.info("Click a node in the graph, or pick a search match, to see its details here.")
        return
    g = loaded.graph_with_notes() if node not in loaded.graph else loaded.graph
    d = node_details(loaded.store, g, node)
    st.subheader(md_escape(d.label), anchor=False)
    st.text(f"Class: {_classes_text(d)}")
    if d.aliases:
        st.text("Also called: " + "; ".join(d.aliases))
    if d.comment:
        st.text(d.comment)
    st.code(d.node, language=None)
    cols = st.columns(2)
    cols[0].button("Focus here", on_click=_select, args=(d.node, True), width="stretch", key="focus_here")
    cols[1].button(
        "Expand", on_click=_expand, args=(d.node,), width="stretch", key="expand",
        help="Focus on this node, or show one more hop around it.",
    )  # fmt: skip

    if d.limits:
        st.markdown("**Limits**")
        st.table(  # a table whose cells wrap: nothing is cut off in a narrow panel
            [{"Value": _value(r), "Bounds": r.bounds, "Engine": r.engine, "Limit": r.label} for r in d.limits],
            hide_index=True,
            width="stretch",
        )
    if d.features:
        st.markdown("**Features**")
        st.text("\n".join(f"• {label}" for _, label in d.features))

    st.markdown(f"**Neighbours** ({len(d.neighbours)})")
    if d.neighbours:
        st.dataframe(
            [{"Relation": _arrow(n), "Node": n.label} for n in d.neighbours],
            hide_index=True,
            width="stretch",
            height=min(35 * len(d.neighbours) + 38, 260),
        )
        choices = list(dict.fromkeys(n.node for n in d.neighbours))
        st.selectbox(
            "Go to a neighbour", choices, index=None, key="neighbour_pick", placeholder="Pick a neighbour",
            format_func=lambda n: label_of(loaded.graph, n) if n in loaded.graph else n,
        )  # fmt: skip
        cols = st.columns(2)
        cols[0].button("Show details", on_click=_go_neighbour, args=(False,), width="stretch", key="neighbour_show")
        cols[1].button("Focus on it", on_click=_go_neighbour, args=(True,), width="stretch", key="neighbour_focus")
    else:
        st.text("No relations.")

    st.markdown(f"**Source lines** ({len(d.sources)})")
    if d.sources:
        st.code("\n".join(str(s) for s in d.sources), language=None, wrap_lines=True)
    else:
        st.text("No source lines recorded.")


def _value(row: LimitRow) -> str:
    """The bounds of a limit as people read them ("1–35 days", "≤ 400 KB")."""
    if row.value:
        return row.value
    low, high, unit = row.min, row.max, f" {row.unit}" if row.unit else ""
    if low and high:
        return (low if low == high else f"{low}–{high}") + unit
    return f"≤ {high}{unit}" if high else f"≥ {low}{unit}" if low else ""


def _arrow(n: Neighbour) -> str:
    arrow = f"{n.relation} →" if n.direction == "out" else f"← {n.relation}"
    return arrow + (" (computed)" if n.computed else "")
