"""Network → PNG, SVG or PDF bytes with matplotlib (Agg), in the colours of the browser view.

Nodes are filled with :func:`graph.palette.colour_for` of their classes, sized by
their ``size`` attribute when the view set one (centrality), and labelled with
their ``label``; a legend lists the classes drawn (:func:`graph.palette.legend_for`).
Edges are arrows, dashed when computed (``derived``), labelled with their
predicate on small graphs. Layouts are deterministic: a seeded spring layout or
layers that follow the edge direction (``hierarchical``). Text uses DejaVu Sans,
which ships with matplotlib, so nothing is fetched. matplotlib is imported only
when a picture is drawn.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("cid:dax", label="DAX", classes=("CacheService",))
>>> g.add_node("cid:dynamodb", label="DynamoDB", classes=("DatabaseService",))
>>> g.add_edge("cid:dax", "cid:dynamodb", key="caches", predicate="caches")
'caches'
>>> render_image(g, "png")[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
>>> b"Cache service" in render_image(g, "svg")
True
>>> layers(g)
{'cid:dax': 0, 'cid:dynamodb': 1}
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Mapping
from typing import Literal

import networkx as nx

from graph.network import undirected
from graph.palette import colour_for, legend_for

__all__ = ["IMAGE_FORMATS", "LAYOUTS", "render_image", "layout_positions", "layers", "auto_size"]

#: Picture formats :func:`render_image` writes.
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Layouts :func:`layout_positions` knows.
LAYOUTS = ("spring", "hierarchical")

ImageFormat = Literal["png", "svg", "pdf"]
Layout = Literal["spring", "hierarchical"]

_SEED = 7
_EDGE_COLOUR = "#8c8c8c"
_LABEL_COLOUR = "#222222"
_RC = {
    "font.family": "DejaVu Sans",
    "font.sans-serif": ["DejaVu Sans"],
    "svg.fonttype": "none",  # text stays text: searchable, selectable, small
    "svg.hashsalt": "cloudatlas",  # stable element ids
    "pdf.fonttype": 42,  # embed TrueType
    "path.simplify": True,
}


def auto_size(n_nodes: int) -> tuple[float, float]:
    """A figure size in inches that suits ``n_nodes`` nodes.

    >>> auto_size(10), auto_size(400)
    ((10.0, 7.5), (18.0, 13.5))
    """
    if n_nodes <= 60:
        return (10.0, 7.5)
    if n_nodes <= 200:
        return (14.0, 10.5)
    return (18.0, 13.5)


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
    """Rows top to bottom by :func:`layers`; each row ordered by where its parents are."""
    level = layers(g)
    rows: dict[int, list[str]] = defaultdict(list)
    for n, lv in level.items():
        rows[lv].append(n)
    widest = max(len(r) for r in rows.values())
    depth = max(rows)
    x: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for lv in sorted(rows):
        row = rows[lv]

        def key(n: str) -> tuple[float, str]:
            parents = [x[p] for p in g.predecessors(n) if p in x] if g.is_directed() else []
            return (sum(parents) / len(parents) if parents else math.inf, str(g.nodes[n].get("label", n)))

        row.sort(key=key)
        span = len(row) / widest
        for i, n in enumerate(row):
            x[n] = (-span + span * (2 * i + 1) / len(row)) if len(row) > 1 else 0.0
            pos[n] = (x[n], 1.0 - 2.0 * lv / depth if depth else 0.0)
    return pos


def _dense_spring(h: nx.Graph, seed: int, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold with numpy on a dense matrix (for graphs networkx would hand to scipy)."""
    import numpy as np

    nodes = list(h)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n))
    for u, v in h.edges():
        adj[index[u], index[v]] = adj[index[v], index[u]] = 1.0
    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2)
    k = math.sqrt(1.0 / n)
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.sqrt((delta**2).sum(axis=-1)), 0.01)
        force = k * k / dist**2 - adj * dist / k
        disp = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 0.01)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= max(np.abs(pos).max(), 1e-9)
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
    h = undirected(g)
    if n >= 500:
        return _dense_spring(h, seed)
    pos = nx.spring_layout(h, seed=seed, method="force", iterations=60)
    return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}


def _node_sizes(g: nx.Graph, nodes: list[str], base: float) -> list[float]:
    """Marker areas (points²): ``base`` for all, or 0.5-2.5 × ``base`` by the ``size`` attribute."""
    raw: list[float | None] = []
    for n in nodes:
        value = g.nodes[n].get("size")
        try:
            raw.append(float(value) if value is not None else None)
        except (TypeError, ValueError):
            raw.append(None)
    known = [v for v in raw if v is not None and math.isfinite(v)]
    if not known:
        return [base] * len(nodes)
    low, high = min(known), max(known)
    span = high - low
    return [base if v is None or not math.isfinite(v) else base * (0.5 + 2.0 * ((v - low) / span if span else 0.5)) for v in raw]


def _scale(n: int) -> tuple[float, float, float]:
    """(node area, label font size, arrow length in points) for a view of ``n`` nodes."""
    if n <= 40:
        return 420.0, 9.0, 9.0
    if n <= 120:
        return 220.0, 7.0, 7.0
    if n <= 250:
        return 120.0, 5.5, 5.5
    return 80.0, 4.5, 4.5


def render_image(
    g_view: nx.Graph,
    fmt: ImageFormat = "png",
    *,
    title: str | None = None,
    layout: Layout = "spring",
    size: tuple[float, float] | None = None,
    dpi: int = 100,
    edge_labels: bool | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> bytes:
    """Draw a view of the network as a picture.

    Parameters
    ----------
    g_view : networkx.Graph
        Nodes with ``label``, ``classes`` and optionally ``size``; edges with ``predicate``
        (or the multigraph key) and optionally ``derived``.
    fmt : {"png", "svg", "pdf"}
        The picture format.
    title : str, optional
        A title drawn above the graph.
    layout : {"spring", "hierarchical"}
        See :func:`layout_positions`; ignored when ``positions`` are given.
    size : (float, float), optional
        Figure size in inches (default: :func:`auto_size` of the node count).
    dpi : int
        Dots per inch of the PNG (and of the raster parts of the others).
    edge_labels : bool, optional
        Write predicates on the edges; by default only when there are at most 60 edges.
    positions : mapping, optional
        Node positions to use instead of computing a layout.

    Returns
    -------
    bytes
        The encoded picture.

    Examples
    --------
    >>> render_image(nx.MultiDiGraph(), "pdf")[:5]
    b'%PDF-'
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    nodes = sorted(g_view)
    n = len(nodes)
    pos = dict(positions) if positions is not None else layout_positions(g_view, layout)
    if n and any(v not in pos for v in nodes):
        missing = [v for v in nodes if v not in pos]
        pos.update(layout_positions(g_view.subgraph(missing), layout))
    width, height = size or auto_size(n)
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        top = 0.93 if title else 0.98
        ax = fig.add_axes((0.01, 0.01, 0.78, top - 0.01))
        ax.set_axis_off()
        if title:
            fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=13, color=_LABEL_COLOUR)
        if n == 0:
            ax.text(0.5, 0.5, "nothing to draw", ha="center", va="center", fontsize=12, color="#777777")
        else:
            _draw(fig, ax, g_view, nodes, pos, edge_labels)
        _legend(fig, g_view, nodes)
        out = io.BytesIO()
        metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}[fmt]
        fig.savefig(out, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    return out.getvalue()


def _draw(fig, ax, g: nx.Graph, nodes: list[str], pos: Mapping[str, tuple[float, float]], edge_labels) -> None:
    """Edges as shortened lines with arrowheads, then nodes, then labels."""
    import numpy as np
    from matplotlib.collections import LineCollection, PolyCollection

    n = len(nodes)
    base, font, arrow = _scale(n)
    areas = _node_sizes(g, nodes, base)
    xy = np.array([pos[v] for v in nodes], dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum((hi - lo) * 0.06, 0.08)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1] * 1.6, hi[1] + pad[1])

    to_px = ax.transData.transform
    from_px = ax.transData.inverted().transform
    px_per_pt = fig.dpi / 72.0
    index = {v: i for i, v in enumerate(nodes)}
    radius_px = np.sqrt(np.array(areas)) / 2.0 * px_per_pt
    screen = to_px(xy)

    pairs: dict[tuple[str, str], dict[str, object]] = {}
    for u, v, *rest in g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True):
        data = rest[-1] if rest else {}
        if u == v or u not in index or v not in index:
            continue
        name = str(data.get("predicate") or (rest[0] if g.is_multigraph() else ""))
        entry = pairs.setdefault((u, v), {"names": set(), "derived": True})
        if name:
            entry["names"].add(name)
        entry["derived"] = bool(entry["derived"]) and bool(data.get("derived"))
    directed = g.is_directed()
    segments, heads, styles = [], [], []
    for (u, v), entry in sorted(pairs.items()):
        p, q = screen[index[u]], screen[index[v]]
        d = q - p
        length = float(np.hypot(*d))
        if length < 1e-6:
            continue
        unit = d / length
        start = p + unit * radius_px[index[u]]
        tip = q - unit * (radius_px[index[v]] + 0.5 * px_per_pt)
        if float(np.dot(tip - start, unit)) <= 0:
            continue
        alen = arrow * px_per_pt if directed else 0.0
        end = tip - unit * alen * 0.8
        segments.append((start, end if directed else tip))
        styles.append("dashed" if entry["derived"] else "solid")
        if directed:
            normal = np.array([-unit[1], unit[0]])
            back = tip - unit * alen
            heads.append((tip, back + normal * alen * 0.35, back - normal * alen * 0.35))
    if segments:
        segs = from_px(np.array(segments).reshape(-1, 2)).reshape(-1, 2, 2)
        lines = LineCollection(
            segs, colors=_EDGE_COLOUR, linewidths=0.8 if n <= 120 else 0.5, linestyles=styles, zorder=1
        )
        ax.add_collection(lines)
    if heads:
        polys = from_px(np.array(heads).reshape(-1, 2)).reshape(-1, 3, 2)
        ax.add_collection(PolyCollection(polys, facecolors=_EDGE_COLOUR, edgecolors="none", zorder=1))

    colours = [colour_for(g.nodes[v].get("classes", ())) for v in nodes]
    ax.scatter(xy[:, 0], xy[:, 1], s=areas, c=colours, edgecolors="#3a3a3a", linewidths=0.6, zorder=2)

    below = from_px(screen - np.column_stack([np.zeros(n), radius_px + 1.5 * px_per_pt]))
    for i, v in enumerate(nodes):
        label = str(g.nodes[v].get("label") or v)
        ax.text(
            below[i, 0], below[i, 1], label, ha="center", va="top", fontsize=font, color=_LABEL_COLOUR, zorder=3
        )

    if edge_labels is None:
        edge_labels = len(pairs) <= 60
    if edge_labels:
        for (u, v), entry in sorted(pairs.items()):
            if not entry["names"]:
                continue
            mid = (xy[index[u]] + xy[index[v]]) / 2.0
            ax.text(
                mid[0], mid[1], ", ".join(sorted(entry["names"])),
                ha="center", va="center", fontsize=max(font - 2.0, 4.0), color="#555555", zorder=2.5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            )  # fmt: skip


def _legend(fig, g: nx.Graph, nodes: list[str]) -> None:
    """The classes drawn (and the edge styles in use), at the right of the figure."""
    from matplotlib.lines import Line2D

    rows = legend_for(g.nodes[v].get("classes", ()) for v in nodes)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colour, markeredgecolor="#3a3a3a",
               label=text)
        for _, text, colour in rows
    ]  # fmt: skip
    flags = {bool(d.get("derived")) for *_, d in g.edges(data=True)}
    if True in flags:
        handles.append(Line2D([], [], color=_EDGE_COLOUR, linestyle="solid", label="noted relation"))
        handles.append(Line2D([], [], color=_EDGE_COLOUR, linestyle="dashed", label="computed relation"))
    if handles:
        fig.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(0.8, 0.96), frameon=False, fontsize=9,
            title="Legend", title_fontsize=10, alignment="left",
        )  # fmt: skip
