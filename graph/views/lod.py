"""Level of detail for big graphs: the most central nodes, and each community folded into one cluster node (pure).

A browser draws a few hundred nodes comfortably, not tens of thousands. :func:`overview`
turns a big graph into a summary of at most ``cap`` nodes:

* **clusters**: each community (Louvain, :func:`graph.network.community.communities`) becomes one
  node ``cluster:<n>`` of class ``Cluster``, labelled with its size and its most central
  members (``"1,324 nodes: Read Replicas, Storage, Latency…"``); the largest communities
  first, in at most half the room (smaller ones too when room is left at the end);
* **central nodes**: the best-scoring nodes of the whole graph (a quarter of the cap by
  default) are drawn themselves and taken out of their cluster;
* **opened clusters**: a cluster named in ``expanded`` is replaced by its members, the most
  central first; what does not fit stays behind in a smaller cluster of the same id;
* **edges**: edges between drawn nodes are kept as they are; edges with a cluster at either
  end are summed into one edge per pair of ends (key :data:`AGGREGATE`, ``count`` edges,
  ``relations`` by name), edges inside a cluster are left out; when that leaves more than
  three edges per node, each node keeps its strongest ones, turn by turn.

The result never has more than ``cap`` nodes, is the same for the same input, and costs
one pass over the edges and one sort of the nodes: communities are the expensive part, so
callers compute them once and pass them in.

Public API (stable)::

    overview(g, *, cap=400, threshold=None, scores=None, communities=None, expanded=frozenset(),
             pinned=(), hubs=None, edges=None) -> nx.MultiDiGraph
    cluster_id(index) -> str                 # "cluster:<index>"
    is_cluster(node) -> bool
    CLUSTER_CLASS, CLUSTER_PREFIX, AGGREGATE

Examples
--------
>>> pairs = [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a1", "b1")]
>>> g = nx.MultiDiGraph((a, b, "linksTo") for a, b in pairs)
>>> small = overview(g, cap=4, communities=[["a1", "a2", "a3"], ["b1", "b2", "b3"]], hubs=1,
...                  scores={"a1": 3, "b1": 2})
>>> sorted(small.nodes)
['a1', 'cluster:1', 'cluster:2']
>>> small.nodes["cluster:2"]["label"], small.nodes["cluster:2"]["count"]
('3 nodes: b1 & b2', 3)
>>> sorted((u, k, v, d["count"]) for u, v, k, d in small.edges(keys=True, data=True))
[('a1', 'links', 'cluster:1', 2), ('a1', 'links', 'cluster:2', 1)]
>>> sorted(overview(g, cap=4, communities=[["a1", "a2", "a3"], ["b1", "b2", "b3"]], hubs=0,
...                 expanded={"cluster:1"}))
['a1', 'a2', 'a3', 'cluster:2']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

import networkx as nx

from graph.network import Community, label_of, node_scores
from graph.network import communities as find_communities

__all__ = [
    "overview",
    "cluster_id",
    "is_cluster",
    "cluster_label",
    "CLUSTER_CLASS",
    "CLUSTER_PREFIX",
    "AGGREGATE",
    "LABEL_MEMBERS",
    "NAMED_MEMBERS",
]

#: The class of cluster nodes (not a ``ca:`` class: it exists only in drawings).
CLUSTER_CLASS = "Cluster"
#: Cluster node ids start with this.
CLUSTER_PREFIX = "cluster:"
#: The key of an edge summing several edges with a cluster at one end or both.
AGGREGATE = "links"
#: How many member names a cluster's label shows.
LABEL_MEMBERS = 2
#: How many member labels a cluster node keeps (``names``), for its tooltip.
NAMED_MEMBERS = 8
_NAME_WIDTH = 28

Groups = Sequence[Community] | Sequence[Collection[str]]


def cluster_id(index: int) -> str:
    """The node id of the cluster of community number ``index``.

    >>> cluster_id(3)
    'cluster:3'
    """
    return f"{CLUSTER_PREFIX}{index}"


def is_cluster(node: object) -> bool:
    """True for a cluster node id.

    >>> is_cluster("cluster:3"), is_cluster("https://w3id.org/cloudatlas/id/rds"), is_cluster(None)
    (True, False, False)
    """
    return isinstance(node, str) and node.startswith(CLUSTER_PREFIX)


def _short(name: str) -> str:
    return name if len(name) <= _NAME_WIDTH else name[: _NAME_WIDTH - 1].rstrip() + "…"


def cluster_label(count: int, names: Sequence[str]) -> str:
    """``"N nodes: A & B"``: the size and the first :data:`LABEL_MEMBERS` names, its most central (long names cut).

    >>> cluster_label(1324, ["Read Replicas", "Storage", "Latency", "Region"])
    '1,324 nodes: Read Replicas & Storage'
    >>> cluster_label(2, ["A"])
    '2 nodes: A'
    """
    shown = [_short(n) for n in names[:LABEL_MEMBERS]]
    return f"{count:,} nodes: {' & '.join(shown)}"


def _groups(g: nx.Graph, communities: Groups) -> list[tuple[str, list[str]]]:
    """``(cluster id, members in g)`` per community; a node listed twice stays in its first community."""
    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for position, community in enumerate(communities, start=1):
        index = community.index if isinstance(community, Community) else position
        members = community.nodes if isinstance(community, Community) else community
        kept = [n for n in members if n in g and n not in seen]
        seen.update(kept)
        out.append((cluster_id(index), kept))
    return out


def _share(sizes: Sequence[int], room: int) -> list[int]:
    """Split ``room`` slots fairly between groups of these sizes (small groups get all they need).

    >>> _share([10, 2, 10], 12)
    [5, 2, 5]
    """
    out = [0] * len(sizes)
    left, pending = room, len(sizes)
    for i in sorted(range(len(sizes)), key=lambda i: (sizes[i], i)):
        out[i] = min(sizes[i], left // pending) if pending else 0
        left -= out[i]
        pending -= 1
    for i in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):  # rounding leftovers go to the biggest
        extra = min(sizes[i] - out[i], left)
        out[i] += extra
        left -= extra
    return out


def overview(
    g: nx.MultiDiGraph,
    *,
    cap: int = 400,
    threshold: int | None = None,
    scores: Mapping[str, float] | None = None,
    communities: Groups | None = None,
    expanded: Iterable[str] = frozenset(),
    pinned: Iterable[str] = (),
    hubs: int | None = None,
    edges: int | None = None,
) -> nx.MultiDiGraph:
    """A drawing of ``g`` with at most ``cap`` nodes: central nodes, communities folded into cluster nodes.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The graph (for instance from :func:`graph.network.build.to_networkx`, or a subgraph view of it).
    cap : int, default 400
        The most nodes in the result, clusters included.
    threshold : int, optional
        Graphs of at most this many nodes (default: ``cap``) are not folded: the result is
        ``g`` itself, or its ``cap`` best-scoring nodes when it is bigger than ``cap``.
    scores : mapping, optional
        Importance of each node (default: PageRank of ``g``); the best are drawn themselves,
        name their cluster, and come first when an opened cluster does not fit.
    communities : sequence, optional
        :class:`graph.network.community.Community` objects (cluster id from their ``index``) or plain
        collections of nodes (numbered from 1); nodes not in ``g`` are ignored, nodes in
        none are never folded (only drawn when central). Default:
        ``graph.network.community.communities(g, seed=0)``, which is slow on big graphs: compute them
        once and pass them in.
    expanded : iterable of str
        Cluster ids to show opened: their members instead of one node (fairly sharing the room
        left when several are open; the rest of a cluster too big to fit stays folded).
    pinned : iterable of str
        Nodes always drawn themselves (a path, query results), within ``cap``; the edges
        between them are always kept.
    hubs : int, optional
        How many of the best-scoring nodes are drawn themselves (default ``cap // 4``).
    edges : int, optional
        The most edges in the result (default: three per node drawn). When there are more,
        each node keeps its strongest edges first (those standing for the most edges, then
        those to the heaviest ends), turn by turn, so the busiest nodes cannot take them all.

    Returns
    -------
    networkx.MultiDiGraph
        Drawn nodes keep their data, plus ``cluster`` (the id of the cluster they belong to)
        when they have one. Cluster nodes have ``label``, ``classes=("Cluster",)``,
        ``aliases=()``, ``count`` (members folded in it), ``members`` (those members, best
        first) and ``names`` (the labels of the first :data:`NAMED_MEMBERS` of them). Edges
        between drawn nodes are copied; the others become one edge per pair of ends, from the
        smaller id to the larger, key :data:`AGGREGATE`, with ``count``, ``relations``
        (``(name, count)``, most frequent first) and ``aggregate=True``.

    Raises
    ------
    ValueError
        When ``cap`` is less than 1.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("hub", f"n{i}") for i in range(6)])
    >>> sorted(overview(g, cap=3, communities=[["hub", *(f"n{i}" for i in range(6))]], hubs=1))
    ['cluster:1', 'hub']
    >>> len(overview(g, cap=10))  # small enough: drawn as it is
    7
    """
    if cap < 1:
        raise ValueError(f"cap must be 1 or more, not {cap}")
    if scores is None:
        scores = node_scores(g, "pagerank")

    def rank(n: str) -> tuple[float, str]:
        return -float(scores.get(n, 0.0)), n

    chosen: dict[str, None] = dict.fromkeys(n for n in dict.fromkeys(pinned) if n in g)
    chosen = dict.fromkeys(list(chosen)[:cap])
    pinned_set = set(chosen)
    if g.number_of_nodes() <= (cap if threshold is None else threshold):
        if g.number_of_nodes() <= cap:
            return g.copy()
        rest = sorted((n for n in g if n not in chosen), key=rank)
        return g.subgraph([*chosen, *rest[: cap - len(chosen)]]).copy()

    groups = _groups(g, find_communities(g, seed=0) if communities is None else communities)
    opened = set(expanded)
    room = cap - len(chosen)
    order = sorted(g, key=rank)
    place = {n: i for i, n in enumerate(order)}.__getitem__

    # Clusters: the opened ones, then the largest communities with at least two members left;
    # each keeps one slot.
    sizes = {cid: sum(1 for n in members if n not in chosen) for cid, members in groups}
    foldable = [(cid, members) for cid, members in groups if sizes[cid] >= 2]
    foldable.sort(key=lambda item: (item[0] not in opened, -sizes[item[0]]))  # stable: ties keep their order
    folded = foldable[: min(len(foldable), max(1, room // 2))] if room else []
    room -= len(folded)

    # Central nodes, drawn themselves.
    want = (cap // 4 if hubs is None else max(hubs, 0)) + len(chosen)
    for n in order:
        if len(chosen) >= want or room <= 0:
            break
        if n not in chosen:
            chosen[n] = None
            room -= 1

    # Opened clusters share what room is left (plus the slot each one kept).
    members_of = {cid: [n for n in sorted(members, key=place) if n not in chosen] for cid, members in folded}
    open_ids = [cid for cid, _ in folded if cid in opened]
    open_sizes = [len(members_of[cid]) for cid in open_ids]
    takes = _share(open_sizes, room + len(open_ids))
    room += len(open_ids) - sum(takes)
    for cid, take in zip(open_ids, takes, strict=True):
        members = members_of[cid]
        cut = len(members) if take >= len(members) else take - 1  # the last slot holds the rest, folded
        chosen.update(dict.fromkeys(members[:cut]))
        members_of[cid] = members[cut:]
    # Room to spare: the smaller communities are folded too.
    for cid, members in foldable[len(folded) :]:
        if room <= 0:
            break
        rest = [n for n in sorted(members, key=place) if n not in chosen]
        if rest:
            members_of[cid] = rest
            room -= 1
    # A cluster left with a single member shows that member instead.
    for cid, members in members_of.items():
        if len(members) == 1:
            chosen[members[0]] = None
            members_of[cid] = []
    clusters = {cid: members for cid, members in members_of.items() if members}

    return _assemble(g, chosen, clusters, groups, scores, edges, pinned_set)


def _assemble(
    g: nx.MultiDiGraph,
    chosen: Mapping[str, None],
    clusters: Mapping[str, list[str]],
    groups: Sequence[tuple[str, list[str]]],
    scores: Mapping[str, float],
    budget: int | None,
    pinned: Collection[str],
) -> nx.MultiDiGraph:
    """The drawing: chosen nodes with their data, cluster nodes, copied and summed edges (the strongest)."""
    home = {n: cid for cid, members in groups for n in members if n in chosen}
    out = nx.MultiDiGraph()
    weight = {n: float(scores.get(n, 0.0)) for n in chosen}
    for cid, members in clusters.items():
        out.add_node(
            cid,
            label=cluster_label(len(members), [label_of(g, n) for n in members[:LABEL_MEMBERS]]),
            classes=(CLUSTER_CLASS,),
            aliases=(),
            count=len(members),
            members=tuple(members),
            names=tuple(label_of(g, n) for n in members[:NAMED_MEMBERS]),
        )
        weight[cid] = sum(float(scores.get(n, 0.0)) for n in members)
    for n in chosen:
        out.add_node(n, **g.nodes[n])
        if n in home:
            out.nodes[n]["cluster"] = home[n]
    where = {n: n for n in chosen}
    for cid, members in clusters.items():
        where.update(dict.fromkeys(members, cid))
    edges: list[tuple[str, str, str, dict, int]] = []
    summed: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for u, targets in g.adjacency():
        a = where.get(u)
        if a is None:
            continue
        for v, keyed in targets.items():
            b = where.get(v)
            if b is None or (a == b and a != u):  # not drawn, or inside one cluster
                continue
            if a == u and b == v:
                edges.extend((u, v, key, data, 1) for key, data in keyed.items())
            else:
                pair = summed[(a, b) if a < b else (b, a)]
                for key in keyed:
                    pair[key] += 1
    for (a, b), relations in sorted(summed.items()):
        ranked = tuple(sorted(relations.items(), key=lambda item: (-item[1], item[0])))
        count = sum(relations.values())
        edges.append((a, b, AGGREGATE, {"count": count, "relations": ranked, "aggregate": True}, count))
    limit = 3 * out.number_of_nodes() if budget is None else max(budget, 0)
    if len(edges) <= limit:
        kept: Iterable[int] = range(len(edges))
    else:  # edges between pinned nodes (a path) first, then the strongest
        first = [i for i, (u, v, *_) in enumerate(edges) if u in pinned and v in pinned]
        kept = sorted(set(first) | set(_strongest(edges, weight, max(limit - len(first), 0))))
    for i in kept:
        u, v, key, data, _ = edges[i]
        out.add_edge(u, v, key=key, **data)
    out.graph["edges_total"] = len(edges)
    return out


def _strongest(edges: Sequence[tuple[str, str, str, dict, int]], weight: Mapping[str, float], limit: int) -> list[int]:
    """Indexes of ``limit`` edges: every node's strongest edge, then every node's second strongest, and so on.

    An edge is stronger when it stands for more edges, then when its other end weighs more. Nodes
    take their turn by weight, so the busiest nodes cannot take all the edges.

    >>> edges = [("a", "b", "k", {}, 1), ("a", "c", "k", {}, 5), ("b", "c", "k", {}, 1), ("c", "d", "k", {}, 1)]
    >>> _strongest(edges, {"a": 3, "b": 1, "c": 2, "d": 0}, 3)  # a-c for a and c, a-b for b, c-d for d
    [0, 1, 3]
    """
    ends: dict[str, list[tuple[float, float, str, str, int]]] = defaultdict(list)
    for i, (u, v, key, _, strength) in enumerate(edges):
        ends[u].append((-strength, -weight.get(v, 0.0), v, key, i))
        ends[v].append((-strength, -weight.get(u, 0.0), u, key, i))
    order = sorted(ends, key=lambda n: (-weight.get(n, 0.0), n))
    for n in order:
        ends[n].sort()
    kept: dict[int, None] = {}
    turn = 0
    while len(kept) < limit:
        moved = False
        for n in order:
            if turn < len(ends[n]):
                moved = True
                kept[ends[n][turn][-1]] = None
                if len(kept) >= limit:
                    break
        if not moved:
            break
        turn += 1
    return sorted(kept)
