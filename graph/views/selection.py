"""Which nodes the graph view draws: the user's choices, search, and the part of the graph to show (pure).

:class:`ViewSpec` holds the user's choices (focus node and depth, class filter,
node cap, size by centrality, layout switches, highlights). :func:`select_view`
picks the subgraph to draw, never more than ``cap`` nodes; :func:`search` finds nodes by label or
alias over the whole graph; :func:`class_options` lists the classes to filter on; :func:`scores_for`
gives the importance nodes are kept and sized by; :func:`graph_path` lists a path through given nodes.
:func:`graph.views.drawing.view_data` turns the selection into what the browser draws.

With ``lod=True``, a whole-graph view with more nodes than the cap is drawn at a
lower level of detail (:func:`graph.views.lod.overview`): the most central nodes, and
each community folded into one grey cluster node (class ``Cluster``, legend row
:data:`graph.views.drawing.CLUSTER`) that can be opened; edges to clusters are summed.

Public API (stable, used by the app's pages)::

    ViewSpec(search="", focus=None, depth=1, classes=(), cap=400, size_by="pagerank",
             physics=True, hierarchical=False, highlight=(), path=(), show_notes=False)
    select_view(g, spec, scores=None, *, lod=False, communities=None, expanded=()) -> nx.MultiDiGraph
    search(g, text, limit=50) -> list[tuple[str, str]]          # (node IRI, label)
    scores_for(g, by) -> dict[str, float]
    class_options(g) -> list[tuple[str, str]]                   # (class, legend text)
    graph_path(g, nodes) -> GraphPath

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("cid:dax", label="DAX", classes=("CacheService",), aliases=("DynamoDB Accelerator",))
>>> g.add_node("cid:ddb", label="DynamoDB", classes=("DatabaseService",), aliases=())
>>> g.add_edge("cid:dax", "cid:ddb", key="caches", sources=())
'caches'
>>> search(g, "dynamo")
[('cid:ddb', 'DynamoDB'), ('cid:dax', 'DAX')]
>>> sorted(select_view(g, ViewSpec(focus="cid:ddb", depth=1)))
['cid:dax', 'cid:ddb']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.network import SCORES, Community, GraphPath, Step, find_node, label_of, node_scores, undirected
from graph.network.algorithms import betweenness
from graph.network.paths import main_relation
from graph.views.lod import overview
from graph.views.palette import LEGEND

__all__ = ["ViewSpec", "select_view", "search", "scores_for", "class_options", "graph_path"]

_BETWEENNESS_SAMPLE = 1500
_LEGEND_TEXT = {cls: text for cls, text, _ in LEGEND}


@dataclass(frozen=True)
class ViewSpec:
    """What the user asked to see.

    Parameters
    ----------
    search : str
        Text typed in the search box; matching nodes in the view get a marked border.
    focus : str or None
        Node (IRI, label or alias) to centre the view on; None for the whole graph.
    depth : int
        Hops around ``focus`` (either direction).
    classes : tuple of str
        Keep only nodes having one of these ``ca:`` classes (empty: all).
    cap : int
        The most nodes drawn; the most important are kept (focus, path and highlights first).
    size_by : str or None
        ``"pagerank"``, ``"degree"``, ``"betweenness"`` or None for equal sizes.
    physics : bool
        Lay out with the force simulation (bounded, frozen afterwards).
    hierarchical : bool
        Layered layout along edge direction.
    highlight : tuple of str
        Nodes to mark (for instance the results of a query); always kept, within ``cap``.
    path : tuple of str
        Nodes of a path, in order; nodes and the edges between them are marked.
    show_notes : bool
        Also draw ``ca:Note`` nodes (source lines), when the graph has them.

    Examples
    --------
    >>> ViewSpec(focus="cid:rds", depth=2).cap
    400
    >>> ViewSpec(size_by="size")
    Traceback (most recent call last):
    ...
    ValueError: size_by must be one of pagerank, degree, betweenness or None, not 'size'
    """

    search: str = ""
    focus: str | None = None
    depth: int = 1
    classes: tuple[str, ...] = ()
    cap: int = 400
    size_by: str | None = "pagerank"
    physics: bool = True
    hierarchical: bool = False
    highlight: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    show_notes: bool = False

    def __post_init__(self) -> None:
        if self.size_by is not None and self.size_by not in SCORES:
            raise ValueError(f"size_by must be one of {', '.join(SCORES)} or None, not {self.size_by!r}")
        if self.depth < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth}")
        if self.cap < 1:
            raise ValueError(f"cap must be 1 or more, not {self.cap}")
        for name in ("classes", "highlight", "path"):
            if not isinstance(getattr(self, name), tuple):
                object.__setattr__(self, name, tuple(getattr(self, name)))


def _is_note(data: Mapping) -> bool:
    return "Note" in data.get("classes", ())


def scores_for(g: nx.MultiDiGraph, by: str) -> dict[str, float]:
    """Node scores as :func:`graph.network.scores.node_scores`, with betweenness sampled on big graphs.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The graph to score.
    by : str
        ``"pagerank"``, ``"degree"`` or ``"betweenness"``.

    Returns
    -------
    dict
        Node to score; above 1,500 nodes betweenness is estimated from 300 sampled sources.

    Examples
    --------
    >>> scores_for(nx.MultiDiGraph([("a", "hub"), ("b", "hub")]), "degree")
    {'a': 1, 'b': 1, 'hub': 2}
    """
    if by == "betweenness" and g.number_of_nodes() > _BETWEENNESS_SAMPLE:
        return betweenness(undirected(g), k=300, seed=0)  # networkx's sampled figures, computed on arrays
    return dict(node_scores(g, by))


def search(g: nx.Graph, text: str, limit: int = 50) -> list[tuple[str, str]]:
    """Nodes whose label or an alias contains ``text`` (any case), best first.

    Parameters
    ----------
    g : networkx.Graph
        The whole graph (from :func:`graph.network.build.to_networkx`).
    text : str
        What the user typed; blank gives no matches.
    limit : int, default 50
        The most matches returned.

    Returns
    -------
    list of (str, str)
        ``(node IRI, label)``: exact matches first, then prefixes, then other
        substrings; a label beats an alias, then shorter and alphabetical names win.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x:rds", label="RDS", aliases=("Relational Database Service",))
    >>> g.add_node("x:rr", label="Read Replicas", aliases=("RR",))
    >>> g.add_node("x:aur", label="Aurora", aliases=("Amazon Aurora",))
    >>> search(g, "r")
    [('x:rds', 'RDS'), ('x:rr', 'Read Replicas'), ('x:aur', 'Aurora')]
    >>> search(g, "rr")
    [('x:rr', 'Read Replicas')]
    >>> search(g, "  ")
    []
    """
    key = text.strip().casefold()
    if not key:
        return []
    ranked: list[tuple[tuple, str, str]] = []
    for node, data in g.nodes(data=True):
        label = data.get("label") or label_of(g, node)
        best = None
        for is_alias, name in ((0, label), *((1, a) for a in data.get("aliases", ()))):
            folded = name.casefold()
            at = folded.find(key)
            if at < 0:
                continue
            kind = 0 if folded == key else 1 if at == 0 else 2
            rank = (kind, is_alias, len(name), folded)
            if best is None or rank < best:
                best = rank
        if best is not None:
            ranked.append(((best[0], best[1], best[2], label.casefold(), node), node, label))
    ranked.sort()
    return [(node, label) for _, node, label in ranked[: max(limit, 0)]]


def class_options(g: nx.Graph) -> list[tuple[str, str]]:
    """The classes nodes of ``g`` have, as ``(class, legend text)``, in legend order.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", classes=("Engine",)); g.add_node("b", classes=("Service", "Gadget"))
    >>> class_options(g)
    [('Service', 'Other service'), ('Engine', 'Engine'), ('Gadget', 'Gadget')]
    """
    present = {c for _, data in g.nodes(data=True) for c in data.get("classes", ())}
    known = [(cls, text) for cls, text, _ in LEGEND if cls in present]
    return known + [(cls, cls) for cls in sorted(present - set(_LEGEND_TEXT))]


def _unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def select_view(
    g: nx.MultiDiGraph,
    spec: ViewSpec,
    scores: Mapping[str, float] | None = None,
    *,
    lod: bool = False,
    communities: Sequence[Community] | None = None,
    expanded: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """The part of ``g`` to draw for ``spec``: never more than ``spec.cap`` nodes.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The whole graph.
    spec : ViewSpec
        What the user asked for.
    scores : mapping, optional
        Importance of each node, used to choose what to keep under the cap; by
        default PageRank of ``g`` (or ``spec.size_by`` when set).
    lod : bool, default False
        Level of detail: when there is no focus and more than ``spec.cap`` nodes to
        show, draw :func:`graph.views.lod.overview` of them instead (central nodes, cluster
        nodes for communities, path and highlighted nodes kept).
    communities : sequence of graph.network.community.Community, optional
        The communities of ``g`` for the overview (computed when missing: slow on big graphs).
    expanded : iterable of str
        Cluster ids (``cluster:<n>``) to show opened in the overview.

    Returns
    -------
    networkx.MultiDiGraph
        A copy: the focus node and its neighbourhood to ``spec.depth`` hops (or the
        whole graph), only nodes of ``spec.classes`` when given; the focus, path and
        highlighted nodes are always kept, then the nodes nearest the focus and
        with the highest scores, up to ``spec.cap``. Note nodes only with
        ``spec.show_notes``. With ``lod``, a whole-graph view above the cap is an overview
        whose cluster nodes stand for the nodes left out.

    Raises
    ------
    graph.errors.InputError
        When ``spec.focus`` names no node.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("c", "d")])
    >>> sorted(select_view(g, ViewSpec(focus="a", depth=1)))
    ['a', 'hub']
    >>> sorted(select_view(g, ViewSpec(cap=2, size_by="degree")))
    ['c', 'hub']
    >>> sorted(select_view(g, ViewSpec(focus="a", depth=1, path=("a", "hub", "c", "d"), cap=3)))
    ['a', 'c', 'hub']
    >>> sorted(select_view(g, ViewSpec(cap=3, size_by="degree"), lod=True, communities=[["a", "b", "hub"], ["c", "d"]]))
    ['cluster:1', 'cluster:2']
    """
    notes = [] if spec.show_notes else [n for n, d in g.nodes(data=True) if _is_note(d)]
    base = g.subgraph(set(g) - set(notes)) if notes else g  # a filtered view only when there are notes to hide
    focus = find_node(base, spec.focus) if spec.focus else None
    pinned = [n for n in _unique((focus, *spec.path, *spec.highlight)) if n in base]
    if focus is not None:
        distance = nx.single_source_shortest_path_length(base.to_undirected(as_view=True), focus, cutoff=spec.depth)
    else:
        distance = dict.fromkeys(base, 0)
    if spec.classes:
        wanted = set(spec.classes)
        distance = {n: d for n, d in distance.items() if wanted.intersection(base.nodes[n].get("classes", ()))}
    if lod and focus is None and len(distance) > spec.cap:
        if scores is None:
            scores = scores_for(base, spec.size_by or "pagerank")
        shown = base if len(distance) == base.number_of_nodes() else base.subgraph(distance)
        return overview(
            shown, cap=spec.cap, scores=scores, communities=communities, expanded=frozenset(expanded), pinned=pinned
        )  # fmt: skip
    chosen = pinned[: spec.cap]
    if len(chosen) < spec.cap:
        if scores is None:
            scores = scores_for(base, spec.size_by or "pagerank")
        taken = set(chosen)
        rest = sorted((n for n in distance if n not in taken), key=lambda n: (distance[n], -scores.get(n, 0.0), n))
        chosen += rest[: spec.cap - len(chosen)]
    return g.subgraph(chosen).copy()


def graph_path(g: nx.MultiDiGraph, nodes: Iterable[str]) -> GraphPath:
    """The path through ``nodes`` (in order) with the relations between each pair, as the path finder lists it.

    Where two nodes are linked by several relations a step names one, the strongest
    (:func:`graph.network.paths.main_relation`) of those running along the path if any;
    ``relation`` is ``""`` where they are not linked.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("rds", "rr", "hasFeature"), ("aurora", "rr", "hasFeature"), ("rds", "rr", "mentions")])
    ['hasFeature', 'hasFeature', 'mentions']
    >>> graph_path(g, ["rds", "rr", "aurora"]).route
    'rds -hasFeature-> rr <-hasFeature- aurora'
    """
    order = list(nodes)
    if not order:
        return GraphPath(())
    steps = [Step(order[0], label_of(g, order[0]))]
    for u, v in pairwise(order):
        forward = main_relation(g[u][v]) if g.has_edge(u, v) else ""
        backward = main_relation(g[v][u]) if g.has_edge(v, u) else ""
        steps.append(Step(v, label_of(g, v), forward or backward, bool(forward) or not backward))
    return GraphPath(tuple(steps))
