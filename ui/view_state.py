"""The view every page shares: what is selected, focused, highlighted or on a path, the sidebar's choices, the URL.

Streamlit forgets the value of a widget that a page does not draw, so the sidebar's choices
(depth, classes, layout, node cap, sizes, source lines, search text) are kept in a
:class:`graph.views.selection.ViewSpec` of their own (``ca.view``): :func:`current_view` reads the
widgets when they are drawn and this otherwise, and :func:`seed_widgets` gives the widgets their
values back when the graph page is shown again. The view is also written to the page's URL
(:func:`write_url`, query parameters of :mod:`graph.views.view_link`), and a session opened from
such a URL starts on that view (:func:`restore_from_url`); values that do not fit the loaded graph
are left out, with a short note (:func:`link_note`).

Session-state keys (documented, shared between pages):

========================  =====================================================================
``ca.selected``           IRI of the node whose details are shown (str or None)
``ca.focus``              IRI the graph view is centred on (str or None)
``ca.highlight``          IRIs marked in the graph view, e.g. query results (tuple of str)
``ca.path``               IRIs of the path shown, in order (tuple of str)
``ca.expanded``           cluster ids (``cluster:<n>``) opened in the overview of a big graph (tuple of str)
``ca.view``               the sidebar's choices, kept while their widgets are not drawn (ViewSpec)
========================  =====================================================================

Public API (stable; re-exported by :mod:`ui.state`)::

    selected() / select(node)          focus() / set_focus(node)
    highlighted() / set_highlight(nodes) / clear_highlight()
    path() / set_path(nodes) / clear_path()
    expanded() / expand(cluster) / collapse_all()                 # clusters opened in the overview
    reset_view() -> None                                          # no focus, highlight, path
    current_view() -> ViewSpec                                    # what the graph page draws
    seed_widgets() -> None                                        # sidebar widgets from the kept view
    restore_from_url() / write_url() / link_note() -> str | None  # the view in the URL; the note once
    drawn_graph(loaded, spec, expanded=()) -> nx.MultiDiGraph     # the nodes and edges the graph page draws
    DEFAULT_VIEW, WIDGET_KEYS, MAX_DEPTH, MIN_CAP, MAX_CAP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import streamlit as st

from graph.views.selection import ViewSpec, select_view
from graph.views.view_link import PARAMS, parse_view_params, view_params

if TYPE_CHECKING:
    import networkx as nx

    from ui.state import Loaded

__all__ = [
    "SELECTED", "FOCUS", "HIGHLIGHT", "PATH", "EXPANDED", "VIEW", "DEFAULT_VIEW", "WIDGET_KEYS",
    "MAX_DEPTH", "MIN_CAP", "MAX_CAP",
    "selected", "select", "focus", "set_focus", "highlighted", "set_highlight", "clear_highlight",
    "path", "set_path", "clear_path", "expanded", "expand", "collapse_all", "reset_view",
    "current_view", "seed_widgets", "restore_from_url", "write_url", "link_note", "drawn_graph",
]  # fmt: skip

SELECTED = "ca.selected"
FOCUS = "ca.focus"
HIGHLIGHT = "ca.highlight"
PATH = "ca.path"
EXPANDED = "ca.expanded"
VIEW = "ca.view"
_LINK_READ = "ca.link_read"
_LINK_NOTE = "ca.link_note"
_START_DONE = "ca.start_for"  # the graph whose first view of services (ui.panels.readable_start) was decided
_NOTE_NS = "https://w3id.org/cloudatlas/note/"

#: The deepest focus the sidebar offers.
MAX_DEPTH = 5
#: The smallest and largest node cap the sidebar accepts.
MIN_CAP, MAX_CAP = 10, 2000
#: The view of a session opened without parameters: the sidebar's defaults.
DEFAULT_VIEW = ViewSpec(depth=1, cap=400)


def _size_from_widget(value: object) -> str | None:
    return None if value in (None, "none") else str(value)


def _search_from_widget(value: object) -> str:
    return value if isinstance(value, str) and not value.startswith("https://") else ""


#: Sidebar widget key -> (ViewSpec field, widget value to field value, field value to widget value).
_WIDGETS: dict[str, tuple[str, Callable[[object], object], Callable[[object], object]]] = {
    "depth": ("depth", int, int),
    "classes": ("classes", lambda v: tuple(c for c in v or () if isinstance(c, str)), list),
    "size_by": ("size_by", _size_from_widget, lambda v: v or "none"),
    "physics": ("physics", bool, bool),
    "hierarchical": ("hierarchical", bool, bool),
    "cap": ("cap", int, int),
    "show_notes": ("show_notes", bool, bool),
    "search": ("search", _search_from_widget, lambda v: v or None),
}
#: The sidebar widgets whose values are part of the view.
WIDGET_KEYS = tuple(_WIDGETS)


def _graph():
    from ui.state import current

    return current()


def _node(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    loaded = _graph()
    if value in loaded.graph or (value.startswith(_NOTE_NS) and value in loaded.graph_with_notes()):
        return value
    return None


def selected() -> str | None:
    """The node whose details are shown, if it is in the current graph."""
    return _node(st.session_state.get(SELECTED))


def select(node: str | None) -> None:
    """Show the details of ``node`` (an IRI), or of nothing; the URL says so at once (a click in the graph)."""
    st.session_state[SELECTED] = node
    if st.session_state.get(_LINK_READ):  # the URL follows the view in this session
        named = view_params(DEFAULT_VIEW, selected=node).get("node")
        if named and st.query_params.get_all("node") != named:
            st.query_params["node"] = named
        elif not named and "node" in st.query_params:
            del st.query_params["node"]


def focus() -> str | None:
    """The node the graph view is centred on, if any."""
    return _node(st.session_state.get(FOCUS))


def set_focus(node: str | None) -> None:
    """Centre the graph view on ``node`` (None: the whole graph)."""
    st.session_state[FOCUS] = node


def highlighted() -> tuple[str, ...]:
    """Nodes marked in the graph view (those in the current graph)."""
    g = _graph().graph
    return tuple(n for n in st.session_state.get(HIGHLIGHT, ()) if isinstance(n, str) and n in g)


def set_highlight(nodes: Iterable[str]) -> None:
    """Mark ``nodes`` (IRIs) in the graph view, e.g. the nodes a query returned."""
    st.session_state[HIGHLIGHT] = tuple(dict.fromkeys(str(n) for n in nodes))


def clear_highlight() -> None:
    """Mark nothing."""
    st.session_state[HIGHLIGHT] = ()


def path() -> tuple[str, ...]:
    """The nodes of the path shown, in order (empty when none or when it left the graph)."""
    nodes = tuple(st.session_state.get(PATH, ()))
    g = _graph().graph
    return nodes if all(isinstance(n, str) and n in g for n in nodes) else ()


def set_path(nodes: Iterable[str]) -> None:
    """Show the path through ``nodes`` (IRIs, in order)."""
    st.session_state[PATH] = tuple(nodes)


def clear_path() -> None:
    """Show no path."""
    st.session_state[PATH] = ()


def expanded() -> tuple[str, ...]:
    """Cluster ids opened in the overview of a big graph, in the order they were opened."""
    return tuple(c for c in st.session_state.get(EXPANDED, ()) if isinstance(c, str))


def expand(cluster: str) -> None:
    """Open ``cluster`` (an id such as ``cluster:3``) in the overview: its nodes are drawn instead."""
    if cluster not in expanded():
        st.session_state[EXPANDED] = (*expanded(), cluster)


def collapse_all() -> None:
    """Fold every cluster again: the overview as first shown."""
    st.session_state[EXPANDED] = ()


def reset_view() -> None:
    """The whole graph again: no focus, highlight or path."""
    set_focus(None)
    clear_highlight()
    clear_path()


def _kept() -> ViewSpec:
    kept = st.session_state.get(VIEW)
    return kept if isinstance(kept, ViewSpec) else DEFAULT_VIEW


def current_view() -> ViewSpec:
    """The view the graph page draws: the sidebar's choices with the focus, highlights and path.

    The sidebar widgets' values when they are in the session (drawn in this run or the last), else
    the choices kept from when they last were; a widget value that does not fit is passed over.
    The result is kept (``ca.view``) for the pages that do not draw the sidebar. Clusters opened in
    the overview are folded again when the classes, the cap or the source lines change: the overview
    they belonged to is gone.
    """
    ss = st.session_state
    spec = kept = _kept()
    for key, (name, from_widget, _) in _WIDGETS.items():
        if key in ss:
            try:
                spec = replace(spec, **{name: from_widget(ss[key])})
            except (TypeError, ValueError):
                continue
    spec = replace(spec, focus=focus(), highlight=highlighted(), path=path())
    if (spec.classes, spec.cap, spec.show_notes) != (kept.classes, kept.cap, kept.show_notes) and expanded():
        collapse_all()
    ss[VIEW] = spec
    return spec


def seed_widgets() -> None:
    """Give the sidebar widgets the kept view's values where Streamlit has forgotten them (call before drawing them)."""
    ss = st.session_state
    spec = current_view()
    for key, (name, _, to_widget) in _WIDGETS.items():
        if key not in ss:
            ss[key] = to_widget(getattr(spec, name))


def restore_from_url() -> None:
    """On a session's first run, start on the view named by the URL's query parameters, if any.

    Values are checked against the loaded graph; those that do not fit are left out and
    :func:`link_note` says which. A focus from the URL also shows that node's details.
    """
    ss = st.session_state
    if ss.get(_LINK_READ):
        return
    ss[_LINK_READ] = True
    params = {name: st.query_params.get_all(name) for name in st.query_params if name in PARAMS}
    if not params:
        return
    link = parse_view_params(
        params, _graph().graph, base=DEFAULT_VIEW, max_depth=MAX_DEPTH, cap_range=(MIN_CAP, MAX_CAP)
    )  # fmt: skip
    spec = link.spec
    if "classes" in params:  # the link chose the classes: the Graph page does not open on its services then
        ss[_START_DONE] = id(_graph())
    for key in WIDGET_KEYS:
        ss.pop(key, None)
    ss[VIEW] = replace(spec, focus=None, highlight=(), path=())
    set_focus(spec.focus)
    set_highlight(spec.highlight)
    set_path(spec.path)
    select(link.selected or spec.focus)
    if link.problems:
        ss[_LINK_NOTE] = "Part of this link was left out: " + "; ".join(link.problems) + "."


def link_note() -> str | None:
    """What :func:`restore_from_url` left out of the link the session was opened with; given once."""
    return st.session_state.pop(_LINK_NOTE, None)


def _link_base() -> ViewSpec:
    """The view a link without parameters opens: the default, on its services for a graph the Graph page starts so.

    Against it, a view of every class is written ``classes=all`` where the plain link would filter.
    """
    try:
        from ui.panels import START_ABOVE, start_classes
    except ImportError:  # pragma: no cover - no first view of services
        return DEFAULT_VIEW
    loaded = _graph()
    if START_ABOVE < loaded.nodes <= DEFAULT_VIEW.cap:
        return replace(DEFAULT_VIEW, classes=tuple(start_classes(loaded.graph)))
    return DEFAULT_VIEW


def write_url() -> None:
    """Put the current view in the URL's query parameters (only the choices that differ from the defaults).

    Parameters of other names are left as they are.
    """
    wanted = view_params(current_view(), selected=selected(), base=_link_base())
    query = st.query_params
    present = {name: query.get_all(name) for name in query if name in PARAMS}
    if present == wanted:
        return
    for name in present:
        if name not in wanted:
            del query[name]
    for name, values in wanted.items():
        if present.get(name) != values:
            query[name] = values


def drawn_graph(loaded: Loaded, spec: ViewSpec, expanded: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The nodes and edges the graph page draws for ``spec``: a selection, or the overview of a big graph.

    A whole-graph view of more nodes than the cap is an overview (:func:`graph.views.lod.overview`)
    with the ``expanded`` clusters open; the Export page exports this very graph.
    """
    graph = loaded.graph_with_notes() if spec.show_notes else loaded.graph
    scores = loaded.scores(spec.size_by or "pagerank")
    big = spec.focus is None and graph.number_of_nodes() > spec.cap
    communities = loaded.communities(spec.show_notes) if big else None
    return select_view(graph, spec, scores, lod=True, communities=communities, expanded=tuple(expanded))
