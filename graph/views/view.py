"""What the graph view draws: which nodes, and how (pure, no Streamlit).

:class:`ViewSpec` holds the user's choices (focus node and depth, class filter,
node cap, size by centrality, layout switches, highlights). :func:`select_view`
picks the subgraph to draw, never more than ``cap`` nodes; :func:`view_data`
turns it into the plain data a vis-network drawing needs (nodes, edges, legend,
options), with tooltips as plain text. :func:`search` finds nodes by label or
alias over the whole graph.

With ``lod=True``, a whole-graph view with more nodes than the cap is drawn at a
lower level of detail (:func:`graph.views.lod.overview`): the most central nodes, and
each community folded into one grey cluster node (class ``Cluster``, legend row
:data:`CLUSTER`) that can be opened; edges to clusters are summed.

Public API (stable, used by the app's pages)::

    ViewSpec(search="", focus=None, depth=1, classes=(), cap=400, size_by="pagerank",
             physics=True, hierarchical=False, highlight=(), path=(), show_notes=False)
    select_view(g, spec, scores=None, *, lod=False, communities=None, expanded=()) -> nx.MultiDiGraph
    search(g, text, limit=50) -> list[tuple[str, str]]          # (node IRI, label)
    scores_for(g, by) -> dict[str, float]
    view_data(g_view, spec, scores=None, *, placed=False) -> dict  # {"nodes", "edges", "legend", "options", ...}
    force_positions(g, spring=SPRING_LENGTH) -> dict[str, tuple[float, float]]
    class_options(g) -> list[tuple[str, str]]                   # (class, legend text)
    cluster_title(g, node) -> str                               # tooltip of a cluster node
    CLUSTER -> ("Cluster", "Cluster (click to open)", "#718096")   # legend row of cluster nodes

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("cid:dax", label="DAX", classes=("CacheService",), aliases=("DynamoDB Accelerator",))
>>> g.add_node("cid:ddb", label="DynamoDB", classes=("DatabaseService",), aliases=())
>>> g.add_edge("cid:dax", "cid:ddb", key="caches", sources=())
'caches'
>>> search(g, "dynamo")
[('cid:ddb', 'DynamoDB'), ('cid:dax', 'DAX')]
>>> data = view_data(select_view(g, ViewSpec(focus="cid:dax")), ViewSpec(focus="cid:dax"))
>>> [(n["label"], n["group"]) for n in data["nodes"]]
[('DAX', 'CacheService'), ('DynamoDB', 'DatabaseService')]
>>> [(e["from"], e["label"], e["to"]) for e in data["edges"]]
[('cid:dax', 'caches', 'cid:ddb')]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

import networkx as nx

from graph.network.algorithms import betweenness
from graph.network.analysis import Community, GraphPath, Step
from graph.network.build import SCORES, find_node, label_of, node_scores, undirected
from graph.read.quantities import UNIT_SYMBOLS
from graph.views.lod import CLUSTER_CLASS, is_cluster, overview
from graph.views.palette import LEGEND, OTHER, colour_for, legend_for, primary_class

__all__ = [
    "ViewSpec",
    "select_view",
    "search",
    "scores_for",
    "view_data",
    "class_options",
    "layer_levels",
    "wrap_levels",
    "LEVEL_WIDTH",
    "graph_path",
    "node_title",
    "spiral_positions",
    "force_positions",
    "EDGE_LABEL_LIMIT",
    "STATIC_LAYOUT_LIMIT",
    "PLACED_LIMIT",
    "SPRING_LENGTH",
    "MIN_SIZE",
    "MAX_SIZE",
    "CLUSTER",
    "CLUSTER_SIZES",
    "cluster_title",
]

#: Edge labels are drawn only when the view has at most this many edges (else they go in the tooltip).
EDGE_LABEL_LIMIT = 80
#: Without physics, views up to this many nodes are laid out in the browser (Kamada-Kawai);
#: bigger ones get :func:`spiral_positions`.
STATIC_LAYOUT_LIMIT = 150
#: ``view_data(..., placed=True)`` lays out physics views of up to this many nodes on the server.
PLACED_LIMIT = 600
#: The length edges settle at in the browser's force layout (vis-network ``springLength``), in pixels.
SPRING_LENGTH = 110.0
#: The most nodes in one row of the hierarchical layout; wider levels wrap onto more rows.
LEVEL_WIDTH = 12
#: Node sizes (vis-network ``size``) for the lowest and highest scores in the view.
MIN_SIZE, MAX_SIZE = 10.0, 40.0
_PLAIN_SIZE = 16.0
_MARK = "#111111"
_MATCH = "#4a5568"
_EDGE = "#9aa5b1"
_PATH_EDGE = "#111111"
_BETWEENNESS_SAMPLE = 1500
_TITLE_MEMBERS = 8
#: The legend row of cluster nodes (class, text, colour): a grey apart from the "Other" grey.
CLUSTER: tuple[str, str, str] = (CLUSTER_CLASS, "Cluster (click to open)", "#718096")
#: Sizes of the smallest and the largest cluster node drawn.
CLUSTER_SIZES = (22.0, 55.0)
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
    """Node scores as :func:`graph.network.build.node_scores`, with betweenness sampled on big graphs.

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
    communities : sequence of graph.network.analysis.Community, optional
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


def _number(value: object) -> str:
    """A bound as plain text: ``Decimal('5.0')`` -> ``'5'``."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return "" if value is None else str(value)


def _bound_text(data: Mapping) -> str:
    """``1–35 days``, ``≤ 5``, ``≥ 3 GB`` for a limit node."""
    low, high = _number(data.get("min")), _number(data.get("max"))
    unit = data.get("unit") or ""
    symbol = UNIT_SYMBOLS.get(unit, unit)
    suffix = f" {symbol}" if symbol else ""
    if low and high:
        return f"{low}–{high}{suffix}" if low != high else f"{low}{suffix}"
    if high:
        return f"≤ {high}{suffix}"
    if low:
        return f"≥ {low}{suffix}"
    return ""


def node_title(g: nx.Graph, node: str) -> str:
    """The tooltip of a node: plain text lines (never HTML).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x:rr", label="RDS read replicas ≤ 5", classes=("Limit",), aliases=(), max=Decimal(5), unit="NUM")
    >>> print(node_title(g, "x:rr"))
    RDS read replicas ≤ 5
    Limit
    bound: ≤ 5
    x:rr
    """
    data = g.nodes[node]
    classes = data.get("classes", ())
    lines = [label_of(g, node), ", ".join(_LEGEND_TEXT.get(c, c) for c in classes) or OTHER[1]]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(sorted(data["aliases"], key=str.casefold)))
    if "Limit" in classes and _bound_text(data):
        lines.append("bound: " + _bound_text(data))
    if data.get("comment"):
        lines.append(str(data["comment"]))
    if data.get("file"):
        lines.append(f"{data['file']}:{data.get('line', 0)}  {data.get('text', '')}".rstrip())
    lines.append(node)
    return "\n".join(lines)


def _sizes(nodes: list[str], scores: Mapping[str, float] | None) -> dict[str, float]:
    if not scores:
        return dict.fromkeys(nodes, _PLAIN_SIZE)
    values = [float(scores.get(n, 0.0)) for n in nodes]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    if high <= low:
        return dict.fromkeys(nodes, (MIN_SIZE + MAX_SIZE) / 2)
    span, spread = MAX_SIZE - MIN_SIZE, high - low
    return {n: round(MIN_SIZE + span * math.sqrt((v - low) / spread), 2) for n, v in zip(nodes, values, strict=True)}


def graph_path(g: nx.MultiDiGraph, nodes: Iterable[str]) -> GraphPath:
    """The path through ``nodes`` (in order) with the relations between each pair, as the path finder lists it.

    Where two nodes are linked by several relations a step names them all (``a|b``),
    preferring those running along the path; ``relation`` is ``""`` where they are not linked.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("rds", "rr", "hasFeature"), ("aurora", "rr", "hasFeature")])
    ['hasFeature', 'hasFeature']
    >>> graph_path(g, ["rds", "rr", "aurora"]).route
    'rds -hasFeature-> rr <-hasFeature- aurora'
    """
    order = list(nodes)
    if not order:
        return GraphPath(())
    steps = [Step(order[0], label_of(g, order[0]))]
    for u, v in pairwise(order):
        forward = sorted(set(g[u][v])) if g.has_edge(u, v) else []
        backward = sorted(set(g[v][u])) if g.has_edge(v, u) else []
        steps.append(Step(v, label_of(g, v), "|".join(forward or backward), bool(forward) or not backward))
    return GraphPath(tuple(steps))


def spiral_positions(nodes: Iterable[str], scores: Mapping[str, float] | None = None, spacing: float = 45.0):
    """Fixed positions on a sunflower spiral, the best-scoring nodes in the middle: a layout in O(n).

    Parameters
    ----------
    nodes : iterable of str
        The nodes to place.
    scores : mapping, optional
        Importance; higher goes nearer the centre (ties by id).
    spacing : float
        Roughly the distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node to ``(x, y)``, rounded to 0.1.

    Examples
    --------
    >>> spiral_positions(["b", "a"], {"b": 1.0})
    {'b': (0.0, 0.0), 'a': (-33.2, 30.4)}
    """
    score = scores or {}
    order = sorted(nodes, key=lambda n: (-float(score.get(n, 0.0)), n))
    golden = math.pi * (3 - math.sqrt(5))
    out = {}
    for i, n in enumerate(order):
        r, theta = spacing * math.sqrt(i), i * golden
        out[n] = (round(r * math.cos(theta), 1), round(r * math.sin(theta), 1))
    return out


def force_positions(g: nx.Graph, spring: float = SPRING_LENGTH, seed: int = 7) -> dict[str, tuple[float, float]]:
    """A force-directed layout (Fruchterman-Reingold, 50 steps) scaled so that the median edge is ``spring`` long.

    The browser's force layout starts from it and needs only a few steps to settle, instead of
    a few hundred from random places: the first drawing of a view shows sooner.

    Parameters
    ----------
    g : networkx.Graph
        The nodes to place; edge direction and repeated edges are ignored.
    spring : float
        The median length of an edge, in pixels (nodes without edges: about that far apart).
    seed : int
        The same seed gives the same positions.

    Returns
    -------
    dict
        Node to ``(x, y)``, rounded to 0.1.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    >>> pos = force_positions(g)
    >>> sorted(pos), pos == force_positions(g)
    (['a', 'b', 'c', 'd', 'e'], True)
    >>> sorted(round(math.dist(pos[u], pos[v])) for u, v in g.edges())[2]  # the median edge
    110
    >>> force_positions(nx.MultiDiGraph()), force_positions(nx.MultiDiGraph([("a", "a")]))
    ({}, {'a': (0.0, 0.0)})
    """
    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    if not simple:
        return {}
    if simple.number_of_nodes() == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    pos = nx.spring_layout(simple, seed=seed, iterations=50)
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in simple.edges())
    middle = lengths[len(lengths) // 2] if lengths else 0.0
    # Without edges, spread the nodes as far apart as the spring length.
    scale = spring / middle if middle > 0 else spring * math.sqrt(simple.number_of_nodes())
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


def layer_levels(g: nx.Graph, root: str | None = None, scores: Mapping[str, float] | None = None) -> dict[str, int]:
    """Hops from a root in each connected part (edge direction ignored): the levels of a layered layout.

    The root of a part is ``root`` when it is in that part, else its best-scoring node
    (ties: smallest id).

    >>> layer_levels(nx.MultiDiGraph([("a", "b"), ("c", "b"), ("x", "y")]), "c")
    {'c': 0, 'b': 1, 'a': 2, 'x': 0, 'y': 1}
    """
    h = undirected(g)
    score = scores or {}
    out: dict[str, int] = {}
    for part in sorted(nx.connected_components(h), key=lambda c: (root not in c, min(c))):
        start = root if root in part else min(part, key=lambda n: (-float(score.get(n, 0.0)), n))
        out.update(nx.single_source_shortest_path_length(h, start))
    return out


def wrap_levels(g: nx.Graph, levels: Mapping[str, int], width: int = LEVEL_WIDTH) -> dict[str, int]:
    """Levels renumbered so that no row holds more than ``width`` nodes: a wide level becomes several rows.

    Within a level, nodes are ordered by class (legend order) and label, so rows group by colour.

    >>> g = nx.MultiDiGraph([("hub", f"n{i}") for i in range(5)])
    >>> rows = wrap_levels(g, layer_levels(g, "hub"), width=2)
    >>> rows["hub"], sorted(rows[f"n{i}"] for i in range(5))
    (0, [1, 1, 2, 2, 3])
    """
    order = {cls: i for i, (cls, _, _) in enumerate(LEGEND)}
    by_level: dict[int, list[str]] = {}
    for n, level in levels.items():
        by_level.setdefault(level, []).append(n)
    out: dict[str, int] = {}
    row = 0
    for level in sorted(by_level):

        def rank(n: str) -> tuple:
            kind = primary_class(g.nodes[n].get("classes", ()))
            return order.get(kind, len(order)), label_of(g, n).casefold(), n

        members = sorted(by_level[level], key=rank)
        for i, n in enumerate(members):
            out[n] = row + i // width
        row += -(-len(members) // width)
    return out


def _font_size(size: float) -> int:
    """Label size growing with the node, so the labels of big nodes stay readable when zoomed out."""
    share = (min(max(size, MIN_SIZE), MAX_SIZE) - MIN_SIZE) / (MAX_SIZE - MIN_SIZE)
    return round(12 + 16 * share)


def _edge_title(g: nx.Graph, u: str, v: str, key: str, data: Mapping) -> str:
    lines = [f"{label_of(g, u)} {key} {label_of(g, v)}"]
    if data.get("derived"):
        rule = data.get("rule")
        lines.append(f"computed by rule {rule}" if rule else "computed")
    for ref in data.get("sources", ()):
        lines.append(f"{ref.file}:{ref.line}  {ref.text}".rstrip())
    return "\n".join(lines)


def _resolve(g: nx.Graph, name: str | None) -> str | None:
    """The node ``name`` names in ``g``, or None."""
    if not name:
        return None
    try:
        return find_node(g, name)
    except ValueError:
        return None


def view_data(
    g_view: nx.MultiDiGraph,
    spec: ViewSpec,
    scores: Mapping[str, float] | None = None,
    *,
    placed: bool = False,
) -> dict:
    """The drawing of ``g_view`` as plain JSON-ready data for vis-network.

    Parameters
    ----------
    g_view : networkx.MultiDiGraph
        What :func:`select_view` chose.
    spec : ViewSpec
        For sizes, layout options and what to mark.
    scores : mapping, optional
        Node scores for sizes (``spec.size_by``); computed on ``g_view`` when missing.
    placed : bool, default False
        Lay out a physics view (not hierarchical, at most :data:`PLACED_LIMIT` nodes) here
        (:func:`force_positions`): its nodes get ``x`` and ``y`` and ``options`` gets
        ``placed: True``, so the browser starts from there and settles in a few steps.

    Returns
    -------
    dict
        ``nodes``: dicts with ``id``, ``label``, ``title`` (plain text), ``color``, ``size``, ``font``,
        ``group`` (primary class), ``borderWidth`` and ``marked`` (``"highlight"``,
        ``"path"``, ``"focus"``, ``"match"`` or ``""``); ``edges``: ``id``, ``from``, ``to``, ``label``,
        ``title``, ``arrows``, ``dashes`` (computed relations), ``color``, ``width``;
        ``legend``: ``{"class", "text", "colour"}`` rows for the classes drawn;
        ``options``: ``{"physics", "hierarchical"}`` (and ``placed``); ``focus``; ``path``; ``counts``
        (``nodes``, ``edges``; with clusters also ``clusters``, ``folded`` and ``edges_total``).

        Cluster nodes of an overview (:func:`graph.views.lod.overview`) are grey hexagons sized by
        their ``count`` (between :data:`CLUSTER_SIZES`), with ``cluster: True`` and ``count``,
        group ``"Cluster"`` and the legend row :data:`CLUSTER`; other nodes of an overview carry
        ``cluster``, the id of the cluster they belong to. Summed edges have no arrow, their
        count as label (when labels are drawn) and ``count``; their width grows with it.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="<b>A</b>", classes=("Engine",), aliases=())
    >>> data = view_data(g, ViewSpec(size_by=None, highlight=("a",)))
    >>> node = data["nodes"][0]
    >>> node["label"], node["title"].splitlines()[0], node["color"]["background"], node["marked"]
    ('<b>A</b>', '<b>A</b>', '#eeca3b', 'highlight')
    >>> data["legend"]
    [{'class': 'Engine', 'text': 'Engine', 'colour': '#eeca3b'}]
    """
    nodes = sorted(g_view.nodes)
    clusters = {n: int(g_view.nodes[n].get("count", 0)) for n in nodes if _is_cluster_node(g_view, n)}
    if spec.size_by and scores is None:
        scores = scores_for(g_view, spec.size_by)
    sizes = _sizes([n for n in nodes if n not in clusters], scores if spec.size_by else None)
    sizes.update(_cluster_sizes(clusters))
    highlight, path = set(spec.highlight), set(spec.path)
    matches = {n for n, _ in search(g_view, spec.search, limit=len(nodes))} if spec.search.strip() else set()
    focus = _resolve(g_view, spec.focus)
    levels = wrap_levels(g_view, layer_levels(g_view, focus, scores)) if spec.hierarchical else {}
    fixed = (
        spiral_positions(nodes, scores)
        if not spec.physics and not spec.hierarchical and len(nodes) > STATIC_LAYOUT_LIMIT
        else {}
    )
    placed = placed and spec.physics and not spec.hierarchical and 0 < len(nodes) <= PLACED_LIMIT
    if placed:
        fixed = force_positions(g_view)
    out_nodes = []
    for n in nodes:
        data = g_view.nodes[n]
        classes = data.get("classes", ())
        fill = CLUSTER[2] if n in clusters else colour_for(classes)
        marked = (
            "highlight" if n in highlight else "path" if n in path else "focus" if n == focus
            else "match" if n in matches else ""
        )  # fmt: skip
        strong = marked in ("highlight", "path", "focus")
        border = _MARK if strong else _MATCH if marked else fill
        out_nodes.append(
            {
                "id": n,
                "label": label_of(g_view, n),
                "title": cluster_title(g_view, n) if n in clusters else node_title(g_view, n),
                "group": CLUSTER[0] if n in clusters else primary_class(classes) or OTHER[1],
                "color": {
                    "background": fill,
                    "border": border,
                    "highlight": {"background": fill, "border": _MARK},
                    "hover": {"background": fill, "border": _MARK},
                },
                "size": sizes[n],
                "font": {"size": _font_size(sizes[n])},
                "borderWidth": 3 if strong else 2 if marked else 1,
                "marked": marked,
            }
        )
        if n in clusters:  # the size on one line, the best-known members under it
            drawn = out_nodes[-1]
            low, high = CLUSTER_SIZES
            font = round(14 + 6 * (drawn["size"] - low) / (high - low))
            drawn.update(label=drawn["label"].replace(": ", "\n", 1), font={"size": font}, shape="hexagon")
            drawn.update(cluster=True, count=clusters[n])
        elif data.get("cluster"):
            out_nodes[-1]["cluster"] = str(data["cluster"])  # where the node was folded (placed there first)
        if spec.hierarchical:
            out_nodes[-1]["level"] = levels[n]
        if n in fixed:
            out_nodes[-1]["x"], out_nodes[-1]["y"] = fixed[n]
    hops = {frozenset(pair) for pair in pairwise(spec.path)}
    edges = sorted(g_view.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    show_labels = len(edges) <= EDGE_LABEL_LIMIT
    out_edges = []
    for u, v, key, data in edges:
        if data.get("aggregate"):
            out_edges.append(_summed_edge(g_view, u, v, key, data, show_labels))
            continue
        on_path = frozenset((u, v)) in hops
        out_edges.append(
            {
                "id": f"{u} {key} {v}",
                "from": u,
                "to": v,
                "label": key if show_labels or on_path else "",
                "relation": key,
                "title": _edge_title(g_view, u, v, key, data),
                "arrows": "to",
                "dashes": bool(data.get("derived")),
                "color": _PATH_EDGE if on_path else _EDGE,
                "width": 4 if on_path else 1,
            }
        )
    rows = legend_for(g_view.nodes[n].get("classes", ()) for n in nodes if n not in clusters)
    legend = [{"class": cls, "text": text, "colour": colour} for cls, text, colour in rows]
    if clusters:
        legend.append(dict(zip(("class", "text", "colour"), CLUSTER, strict=True)))
    counts = {"nodes": len(out_nodes), "edges": len(out_edges)}
    if clusters:
        counts.update(clusters=len(clusters), folded=sum(clusters.values()))
        counts["edges_total"] = int(g_view.graph.get("edges_total", len(out_edges)))
    options = {"physics": bool(spec.physics), "hierarchical": bool(spec.hierarchical)}
    if placed:
        options["placed"] = True
    return {
        "nodes": out_nodes,
        "edges": out_edges,
        "legend": legend,
        "options": options,
        "focus": focus,
        "path": [n for n in spec.path if n in g_view],
        "counts": counts,
    }


def _is_cluster_node(g: nx.Graph, node: str) -> bool:
    return is_cluster(node) and CLUSTER_CLASS in g.nodes[node].get("classes", ())


def _cluster_sizes(counts: Mapping[str, int]) -> dict[str, float]:
    """Cluster node sizes between :data:`CLUSTER_SIZES`, growing with the square root of the member count."""
    if not counts:
        return {}
    low, high = CLUSTER_SIZES
    most = max(max(counts.values()), 1)
    return {n: round(low + (high - low) * math.sqrt(max(c, 0) / most), 2) for n, c in counts.items()}


def cluster_title(g: nx.Graph, node: str) -> str:
    """The tooltip of a cluster node (from :func:`graph.views.lod.overview`): size, best-known members, what a click does.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("cluster:2", label="9 nodes: A, B, C…", classes=("Cluster",), count=9, names=("A", "B", "C"))
    >>> print(cluster_title(g, "cluster:2"))
    Cluster of 9 nodes (community 2)
    Most central: A, B, C and 6 more
    Click to show its nodes.
    """
    data = g.nodes[node]
    names = list(data.get("names", ()))
    count = int(data.get("count", len(names)))
    more = f" and {count - len(names):,} more" if count > len(names) else ""
    return "\n".join(
        [
            f"Cluster of {count:,} nodes (community {node.split(':', 1)[1]})",
            f"Most central: {', '.join(names)}{more}",
            "Click to show its nodes.",
        ]
    )


def _end_name(g: nx.Graph, node: str) -> str:
    if _is_cluster_node(g, node):
        return f"cluster {node.split(':', 1)[1]} ({int(g.nodes[node].get('count', 0)):,} nodes)"
    return label_of(g, node)


def _summed_edge(g: nx.Graph, u: str, v: str, key: str, data: Mapping, show_label: bool) -> dict:
    """A vis-network edge standing for ``count`` edges between a cluster and a node or another cluster."""
    count = int(data.get("count", 1))
    relations = data.get("relations", ())
    lines = [f"{_end_name(g, u)} — {_end_name(g, v)}: {count:,} relation{'s' if count != 1 else ''}"]
    lines += [f"{name} ×{n:,}" for name, n in relations[:_TITLE_MEMBERS]]
    if len(relations) > _TITLE_MEMBERS:
        lines.append(f"and {len(relations) - _TITLE_MEMBERS} more kinds")
    return {
        "id": f"{u} {key} {v}",
        "from": u,
        "to": v,
        "label": f"{count:,}" if show_label else "",
        "relation": key,
        "title": "\n".join(lines),
        "arrows": "",
        "dashes": False,
        "color": _EDGE,
        "width": round(min(1 + math.log2(count), 8), 2),
        "count": count,
    }
