"""Where nodes go: the layouts of the browser view and of pictures (pure, deterministic).

For the browser (:func:`graph.views.drawing.view_data`): :func:`force_positions` lays out a
physics view on the server, so that vis-network settles in a few steps, and :func:`spread` moves
apart nodes whose dots (and a gap for their labels) overlap; :func:`spiral_positions`
places big still views in O(n); :func:`layer_levels` and :func:`wrap_levels` give the rows of
vis-network's hierarchical layout. For pictures (:func:`graph.views.image.render_image`):
:func:`layout_positions`, a seeded spring layout or rows by :func:`layers` that follow the
edge direction (``hierarchical``).

Examples
--------
>>> g = nx.MultiDiGraph([("dax", "dynamodb"), ("dynamodb", "pitr")])
>>> layers(g)
{'dax': 0, 'dynamodb': 1, 'pitr': 2}
>>> layer_levels(g, "pitr")
{'pitr': 0, 'dynamodb': 1, 'dax': 2}
>>> sorted(force_positions(g)) == sorted(layout_positions(g)) == ['dax', 'dynamodb', 'pitr']
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

import networkx as nx

from graph.network import label_of, undirected
from graph.views.palette import LEGEND, primary_class

__all__ = [
    "spiral_positions",
    "force_positions",
    "spread",
    "gather",
    "layer_levels",
    "wrap_levels",
    "layout_positions",
    "layers",
    "LAYOUTS",
    "SPRING_LENGTH",
    "LEVEL_WIDTH",
]

#: The length edges settle at in the browser's force layout (vis-network ``springLength``), in pixels.
SPRING_LENGTH = 110.0
#: The most nodes in one row of the hierarchical layout; wider levels wrap onto more rows.
LEVEL_WIDTH = 12
#: Layouts :func:`layout_positions` knows.
LAYOUTS = ("spring", "hierarchical")

Layout = Literal["spring", "hierarchical"]

_SEED = 7


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


def spread(
    positions: Mapping[str, tuple[float, float]], radii: Mapping[str, float], gap: float = 18.0, rounds: int = 80
) -> dict[str, tuple[float, float]]:
    """``positions`` with every two nodes at least their radii and ``gap`` apart (as far as ``rounds`` allow).

    Each round moves every pair that is too close apart along the line between them, each by half of
    what is missing; nodes at the same place are first set apart a little, deterministically.

    >>> spread({"a": (0.0, 0.0), "b": (10.0, 0.0), "c": (300.0, 0.0)}, {"a": 20, "b": 20, "c": 5})
    {'a': (-24.0, 0.0), 'b': (34.0, 0.0), 'c': (300.0, 0.0)}
    >>> spread({}, {})
    {}
    """
    import numpy as np

    ids = list(positions)
    if len(ids) < 2:
        return {n: (float(positions[n][0]), float(positions[n][1])) for n in ids}
    xy = np.array([positions[n] for n in ids], dtype=float)
    r = np.array([float(radii.get(n, 16.0)) for n in ids])
    need = r[:, None] + r[None, :] + gap
    np.fill_diagonal(need, 0.0)
    _, first = np.unique(xy, axis=0, return_index=True)
    repeated = np.setdiff1d(np.arange(len(ids)), first)
    xy[repeated] += np.stack([np.cos(repeated * 2.4), np.sin(repeated * 2.4)], axis=1)  # same place: set apart
    x, y = xy[:, 0].copy(), xy[:, 1].copy()
    for _ in range(rounds):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        dist = np.hypot(dx, dy)
        short = need - dist
        np.maximum(short, 0.0, out=short)
        if not short.any():
            break
        share = short / (2 * np.maximum(dist, 1e-9))
        x += (dx * share).sum(axis=1)
        y += (dy * share).sum(axis=1)
    xy = np.stack([x, y], axis=1)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, xy, strict=True)}


def gather(positions: Mapping[str, tuple[float, float]], share: float = 0.9) -> dict[str, tuple[float, float]]:
    """``positions`` with far-flung nodes (unconnected ones, small islands) brought in to the edge of the rest.

    The rest is the ``share`` of nodes nearest the centre (the median point); a node farther out than
    1.15 times their farthest is moved in, along its direction from the centre, to that distance.

    >>> pos = {str(i): (float(i), 0.0) for i in range(10)} | {"far": (0.0, 500.0)}
    >>> gather(pos)["far"]
    (4.0, 5.7)
    """
    ids = list(positions)
    if len(ids) < 4:
        return dict(positions)
    xs, ys = sorted(p[0] for p in positions.values()), sorted(p[1] for p in positions.values())
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    dist = {n: math.dist(positions[n], (cx, cy)) for n in ids}
    ranked = sorted(dist.values())
    edge = 1.15 * ranked[min(len(ranked) - 1, int(share * len(ranked)))]
    out = {}
    for n in ids:
        x, y = positions[n]
        if dist[n] > edge > 0:
            x, y = cx + (x - cx) * edge / dist[n], cy + (y - cy) * edge / dist[n]
        out[n] = (round(x, 1), round(y, 1))
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


def layers(g: nx.Graph) -> dict[str, int]:
    """Layer of each node for the hierarchical layout: the longest chain of edges leading to it.

    Nodes on a cycle share a layer. Undirected graphs are read as directed both ways.

    >>> layers(nx.DiGraph([("dax", "dynamodb"), ("dynamodb", "pitr"), ("dax", "pitr")]))
    {'dax': 0, 'dynamodb': 1, 'pitr': 2}
    """
    simple = nx.DiGraph()
    simple.add_nodes_from(sorted(g))
    if g.is_directed():
        simple.add_edges_from(sorted({(u, v) for u, v in g.edges() if u != v}))
    cond = nx.condensation(simple)
    level: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        level[c] = max((level[p] + 1 for p in cond.predecessors(c)), default=0)
    mapping = cond.graph["mapping"]
    return {n: level[mapping[n]] for n in simple}


def _hierarchical(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Rows top to bottom by :func:`layers`, each ordered by where its parents are.

    A layer wider than about ``1.2·√n`` nodes is folded into several staggered rows,
    so labels keep some room.
    """
    level = layers(g)
    groups: dict[int, list[str]] = defaultdict(list)
    for n, lv in level.items():
        groups[lv].append(n)
    per_row = max(6, round(1.2 * math.sqrt(len(level))))
    x: dict[str, float] = {}
    rows: list[list[str]] = []
    for lv in sorted(groups):
        members = groups[lv]

        def key(n: str) -> tuple[float, str]:
            parents = [x[p] for p in g.predecessors(n) if p in x] if g.is_directed() else []
            return (sum(parents) / len(parents) if parents else math.inf, str(g.nodes[n].get("label", n)))

        members.sort(key=key)
        folds = math.ceil(len(members) / per_row)
        for f in range(folds):
            row = members[f::folds]  # interleave, so each row spans the whole width
            shift = (f / folds - 0.5 + 0.5 / folds) if folds > 1 else 0.0
            for i, n in enumerate(row):
                x[n] = (2 * i + 1 + shift) / len(row) - 1.0 if len(row) > 1 else 0.0
            rows.append(row)
    pos: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        y = 1.0 - 2.0 * r / (len(rows) - 1) if len(rows) > 1 else 0.0
        for n in row:
            pos[n] = (x[n], y)
    return pos


def _spring(h: nx.Graph, seed: int, iterations: int = 50, gravity: float = 3.0) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force-directed positions, vectorised with numpy in float32.

    The algorithm of :func:`networkx.spring_layout` (linear cooling, ``k = 1/sqrt(n)``) plus a
    pull towards the centre (``gravity``) that keeps separate components and lone nodes close;
    written for speed: a 400-node view takes a few hundredths of a second and needs no scipy.
    """
    import numpy as np

    nodes = list(h)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    f32 = np.float32
    adj = np.zeros((n, n), dtype=f32)
    for u, v in h.edges():
        if u != v:
            adj[index[u], index[v]] = adj[index[v], index[u]] = 1.0
    start = np.random.RandomState(seed).rand(n, 2).astype(f32)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    k2, inv_k = f32(1.0 / n), f32(math.sqrt(n))
    gravity = f32(gravity)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, f32(1e-4), out=d2)
        force = k2 / d2
        force -= adj * np.sqrt(d2) * inv_k
        px, py = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        px -= gravity * (x - x.mean())
        py -= gravity * (y - y.mean())
        step = f32(t) / np.maximum(np.sqrt(px * px + py * py), f32(0.01))
        x += px * step
        y += py * step
        t -= cool
    pos = np.column_stack([x, y]).astype(float)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def layout_positions(g: nx.Graph, layout: Layout = "spring", *, seed: int = _SEED) -> dict[str, tuple[float, float]]:
    """Node positions in about [-1, 1]², the same for the same graph every time.

    Parameters
    ----------
    g : networkx.Graph
        The view to lay out (any graph; multigraph edges count once).
    layout : {"spring", "hierarchical"}
        A force-directed layout with a fixed seed, or rows that follow the edge direction.
    seed : int
        Seed of the spring layout.

    Returns
    -------
    dict
        Node to ``(x, y)``.

    Examples
    --------
    >>> pos = layout_positions(nx.DiGraph([("a", "b"), ("b", "c")]), "hierarchical")
    >>> [pos[n][1] for n in "abc"]
    [1.0, 0.0, -1.0]
    >>> layout_positions(nx.path_graph(4)) == layout_positions(nx.path_graph(4))
    True
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    n = g.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if layout == "hierarchical":
        return _hierarchical(g)
    return _spring(undirected(g), seed)
