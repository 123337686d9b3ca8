"""PageRank, betweenness and Louvain communities on index arrays, with networkx's results.

networkx runs these one node at a time in Python, and its PageRank needs scipy.
The same algorithms run here on integer-indexed edges, with numpy where the work
is array-shaped:

* :func:`pagerank`: power iteration, each step one weighted ``bincount`` over the
  edges, adding in the same order as a loop over the nodes would.
* :func:`betweenness`: Brandes' algorithm for a batch of sources at once: each
  breadth-first level and each level of the dependency sums is one gather and one
  weighted ``bincount`` over the edge list. With ``k`` it samples the sources as
  :func:`networkx.betweenness_centrality` does (``random.Random(seed).sample``),
  so the numbers are networkx's, rounded to :data:`DIGITS` decimals (the sums run
  in another order, so the last bits differ; rounding keeps exact ties tied).
* :func:`louvain`: :func:`networkx.community.louvain_communities` step for step
  (the same shuffles, the same moves, the same stopping rule) on plain lists, so a
  seed gives the same communities, several times faster.

Examples
--------
>>> import networkx as nx
>>> star = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c")])
>>> betweenness(star)["hub"]
1.0
>>> sorted(sorted(c) for c in louvain(nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)])))
[[1, 2, 3], [4, 5, 6]]
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np

__all__ = ["pagerank", "betweenness", "louvain", "SOURCE_BATCH", "DIGITS"]

#: Sources searched together by :func:`betweenness` (memory grows with edges x batch).
SOURCE_BATCH = 32
#: Decimals :func:`betweenness` keeps: nodes in symmetric places tie exactly, whatever the order of the sums.
DIGITS = 12


def _index(g: nx.Graph) -> tuple[list[Hashable], dict[Hashable, int]]:
    nodes = list(g)
    return nodes, {n: i for i, n in enumerate(nodes)}


def pagerank(g: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[Hashable, float]:
    """PageRank by power iteration, as :func:`networkx.pagerank` computes it.

    Parallel edges add weight, an undirected edge links both ways, and dangling
    nodes spread their rank evenly.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When ``max_iter`` steps do not reach ``tol``.

    Examples
    --------
    >>> ranks = pagerank(nx.DiGraph([("a", "b"), ("c", "b")]))
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 6)
    ('b', 1.0)
    """
    nodes, index = _index(g)
    n = len(nodes)
    if n == 0:
        return {}
    ends = _ends(g, index)
    if not g.is_directed():
        ends = np.concatenate([ends, ends[:, ::-1]])
    # Parallel links add up; sorted by source, so each node's rank gathers its shares in node order.
    links, counts = np.unique(ends[:, 0] * n + ends[:, 1], return_counts=True)
    src, dst, weight = links // n, links % n, counts.astype(np.float64)
    out_weight = np.bincount(src, weights=weight, minlength=n)
    dangling = np.flatnonzero(out_weight == 0.0)
    total = np.where(out_weight == 0.0, 1.0, out_weight)[src]
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        danglesum = alpha * sum(last[dangling].tolist())
        x = np.bincount(dst, weights=alpha * last[src] * weight / total, minlength=n)
        x += danglesum / n + (1.0 - alpha) / n
        if sum(np.abs(x - last).tolist()) < n * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _ends(g: nx.Graph, index: dict[Hashable, int]) -> np.ndarray:
    """The edges as rows of two node indices (a row per parallel edge)."""
    flat = np.fromiter((i for u, v in g.edges() for i in (index[u], index[v])), dtype=np.int64)
    return flat.reshape(-1, 2)


def _adjacency(g: nx.Graph) -> tuple[list[Hashable], np.ndarray, np.ndarray]:
    """Nodes, row starts and neighbour indices (both directions of every edge)."""
    nodes, index = _index(g)
    n = len(nodes)
    ends = _ends(g, index)
    src = np.concatenate([ends[:, 0], ends[:, 1]])
    dst = np.concatenate([ends[:, 1], ends[:, 0]])
    order = np.argsort(src, kind="stable")
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=starts[1:])
    return nodes, starts, dst[order]


def _dependencies(starts: np.ndarray, neighbours: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """Brandes' summed dependencies of every node on shortest paths from ``sources`` (unweighted)."""
    n = len(starts) - 1
    degree = np.diff(starts)
    total = np.zeros(n)

    def push(values: np.ndarray) -> np.ndarray:
        """Per node, the sum of its neighbours' values (one column per source), from the non-zero ones only."""
        width = values.shape[1]
        rows, cols = np.nonzero(values)
        counts = degree[rows]
        ends = np.cumsum(counts)
        slots = np.arange(ends[-1] if ends.size else 0) + np.repeat(starts[rows] - ends + counts, counts)
        keys = neighbours[slots] * width + np.repeat(cols, counts)
        summed = np.bincount(keys, weights=np.repeat(values[rows, cols], counts), minlength=n * width)
        return summed.reshape(n, width)

    for first in range(0, len(sources), SOURCE_BATCH):
        batch = np.asarray(sources[first : first + SOURCE_BATCH], dtype=np.int64)
        cols = np.arange(batch.size)
        dist = np.full((n, batch.size), -1, dtype=np.int32)
        sigma = np.zeros((n, batch.size))
        dist[batch, cols] = 0
        sigma[batch, cols] = 1.0
        frontier, depth = sigma.copy(), 0
        while True:  # breadth-first, one level for every source at once; sigma counts shortest paths
            reached = push(frontier)
            reached[dist >= 0] = 0.0
            new = reached > 0.0
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma += reached
            frontier = reached
        delta = np.zeros_like(sigma)
        safe = np.where(sigma > 0.0, sigma, 1.0)
        for level in range(depth, 0, -1):  # dependencies flow back one level at a time
            share = np.where(dist == level, (1.0 + delta) / safe, 0.0)
            delta += np.where(dist == level - 1, sigma * push(share), 0.0)
        delta[batch, cols] = 0.0
        total += delta.sum(axis=1)
    return total


def betweenness(g: nx.Graph, k: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Normalised betweenness of an undirected, unweighted graph, as :func:`networkx.betweenness_centrality`.

    Parameters
    ----------
    g : networkx.Graph
        A simple undirected graph (edge weights are ignored).
    k : int, optional
        Estimate from this many sample sources, picked with ``random.Random(seed)``
        as networkx picks them; exact (every source) when omitted.
    seed : int, default 0
        The sampling seed.

    Returns
    -------
    dict
        Node to betweenness, scaled as networkx scales it (``normalized=True``,
        ``endpoints=False``), rounded to :data:`DIGITS` decimals, in the graph's node order.

    Examples
    --------
    >>> betweenness(nx.path_graph(4))
    {0: 0.0, 1: 0.666666666667, 2: 0.666666666667, 3: 0.0}
    >>> theirs = nx.betweenness_centrality(nx.path_graph(9), k=3, seed=1)
    >>> ours = betweenness(nx.path_graph(9), k=3, seed=1)
    >>> all(abs(ours[n] - theirs[n]) < 1e-12 for n in ours)
    True
    """
    if g.is_directed() or g.is_multigraph():
        raise ValueError("betweenness takes a simple undirected graph")
    nodes, starts, neighbours = _adjacency(g)
    n = len(nodes)
    if k is None:
        sources = list(range(n))
    else:
        index = {node: i for i, node in enumerate(nodes)}
        sources = [index[node] for node in random.Random(seed).sample(nodes, k)]
    raw = _dependencies(starts, neighbours, sources)
    pairs = n - 1  # endpoints excluded: the node itself is never a target
    if pairs >= 2:
        if k is None:
            raw *= 1 / (pairs * (pairs - 1))
        else:
            scale = np.full(n, 1 / (k * (pairs - 1)))
            scale[sources] = 1 / ((k - 1) * (pairs - 1)) if k > 1 else np.nan
            raw *= scale
    return dict(zip(nodes, np.round(raw, DIGITS).tolist(), strict=True))


def _edge_list(adj: list[dict[int, float]]) -> tuple[list[tuple[int, int]], list[float]]:
    """Each edge once, in networkx's ``Graph.edges()`` order."""
    seen: set[int] = set()
    ends: list[tuple[int, int]] = []
    weights: list[float] = []
    for i, nbrs in enumerate(adj):
        for j, w in nbrs.items():
            if j not in seen:
                ends.append((i, j))
                weights.append(w)
        seen.add(i)
    return ends, weights


def _degrees(adj: list[dict[int, float]]) -> list[float]:
    """Weighted degrees, a self-loop counting twice (as networkx counts it)."""
    return [sum(nbrs.values()) + nbrs.get(i, 0) for i, nbrs in enumerate(adj)]


def _modularity(ends, weights, degree, com: list[int], count: int) -> float:
    """The modularity of a partition, summed as :func:`networkx.community.modularity` sums it."""
    deg_sum = sum(degree)
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    inner = [0] * count
    total = [0] * count
    for (u, v), w in zip(ends, weights, strict=True):
        if com[u] == com[v]:
            inner[com[u]] += w
    for u, d in enumerate(degree):
        total[com[u]] += d
    return sum(inner[c] / m - total[c] * total[c] * norm for c in range(count))


def _move_nodes(adj: list[dict[int, float]], degree, m: float, rng: random.Random) -> tuple[list[int], bool]:
    """One Louvain level: move nodes to the neighbouring community that gains most, until none moves."""
    size = len(adj)
    node2com = list(range(size))
    stot = list(degree)
    nbrs = [[(j, w) for j, w in row.items() if j != i] for i, row in enumerate(adj)]
    order = list(range(size))
    rng.shuffle(order)
    two_m2 = 2 * m**2
    improved, moves = False, 1
    while moves:
        moves = 0
        for u in order:
            best_gain = 0
            own = best = node2com[u]
            weights: dict[int, float] = {}
            for j, w in nbrs[u]:
                c = node2com[j]
                weights[c] = weights.get(c, 0.0) + w
            d = degree[u]
            stot[own] -= d
            remove_cost = -weights.get(own, 0.0) / m + (stot[own] * d) / two_m2
            for c, w in weights.items():
                gain = remove_cost + w / m - (stot[c] * d) / two_m2
                if gain > best_gain:
                    best_gain, best = gain, c
            stot[best] += d
            if best != own:
                node2com[u] = best
                improved = True
                moves += 1
    return node2com, improved


def louvain(g: nx.Graph, seed: int = 0, threshold: float = 1e-7) -> list[set[Hashable]]:
    """Louvain communities of an undirected graph, as :func:`networkx.community.louvain_communities`.

    The same graph (same node and edge order) and seed give the same communities
    as networkx (resolution 1, edge attribute ``weight``, default 1).

    Examples
    --------
    >>> g = nx.karate_club_graph()
    >>> louvain(g, seed=3) == nx.community.louvain_communities(g, seed=3)
    True
    """
    if g.is_directed() or g.is_multigraph():
        raise ValueError("louvain takes a simple undirected graph")
    nodes, index = _index(g)
    if g.number_of_edges() == 0:
        return [{node} for node in nodes]
    adj: list[dict[int, float]] = [{} for _ in nodes]
    for u, v, w in g.edges(data="weight", default=1):
        adj[index[u]][index[v]] = w
        adj[index[v]][index[u]] = w
    members: list[list[Hashable]] = [[node] for node in nodes]
    rng = random.Random(seed)
    ends, weights = _edge_list(adj)
    degree = _degrees(adj)
    mod = _modularity(ends, weights, degree, list(range(len(nodes))), len(nodes))
    m = sum(degree) / 2
    found: list[set[Hashable]] | None = None
    while True:
        degree = _degrees(adj)
        node2com, improved = _move_nodes(adj, degree, m, rng)
        if found is not None and not improved:
            return found
        used = sorted(set(node2com))
        renumber = {c: i for i, c in enumerate(used)}
        com = [renumber[c] for c in node2com]
        groups: list[list[Hashable]] = [[] for _ in used]
        for u, c in enumerate(com):
            groups[c].extend(members[u])
        found = [set(group) for group in groups]
        ends, weights = _edge_list(adj)
        new_mod = _modularity(ends, weights, degree, com, len(used))
        if new_mod - mod <= threshold:
            return found
        mod = new_mod
        merged: list[dict[int, float]] = [{} for _ in used]  # communities become the nodes of the next level
        for (i, j), w in zip(ends, weights, strict=True):
            a, b = com[i], com[j]
            merged[a][b] = merged[b][a] = w + merged[a].get(b, 0)
        adj, members = merged, groups
