"""Network → PNG, SVG or PDF bytes with matplotlib (Agg), in the colours of the browser view.

Nodes are filled with :func:`graph.views.palette.colour_for` of their classes, sized by
their ``size`` attribute when the view set one (centrality), and labelled with
their ``label``; a legend lists the classes drawn (:func:`graph.views.palette.legend_for`).
Edges are arrows, dashed when computed (``derived``), labelled with their
predicate on small graphs. Layouts are deterministic (:func:`graph.views.layout.layout_positions`):
a seeded spring layout or layers that follow the edge direction (``hierarchical``). Text uses DejaVu Sans,
which ships with matplotlib, so nothing is fetched; SVG and PDF keep labels as
text, PNG draws them as glyph outlines in one go (hundreds of text objects are
slow in Agg). matplotlib is imported only when a picture is drawn.

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
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Mapping
from typing import Literal

import networkx as nx

from graph.views.layout import Layout, layout_positions
from graph.views.palette import colour_for, legend_for

__all__ = ["IMAGE_FORMATS", "render_image", "auto_size", "wrap_label"]

#: Picture formats :func:`render_image` writes.
IMAGE_FORMATS = ("png", "svg", "pdf")

ImageFormat = Literal["png", "svg", "pdf"]

_LOCK = threading.Lock()  # rcParams are global: one drawing at a time
_EDGE_COLOUR = "#8c8c8c"
_LABEL_COLOUR = "#222222"
_MARK = "#111111"
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


def wrap_label(label: str, width: int = 24, lines: int = 3) -> str:
    """A long label broken into at most ``lines`` lines of about ``width`` characters.

    >>> print(wrap_label("DynamoDB Point-in-time recovery latest restorable time ≤ 5 min"))
    DynamoDB Point-in-time
    recovery latest
    restorable time ≤ 5 min
    """
    import textwrap

    if len(label) <= width:
        return label
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …", break_on_hyphens=False))


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
    return [
        base if v is None or not math.isfinite(v) else base * (0.5 + 2.0 * ((v - low) / span if span else 0.5))
        for v in raw
    ]


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
        Nodes with ``label``, ``classes`` and optionally ``size`` (any scale) and ``marked``
        (``"highlight"`` or ``"path"`` get a thick dark border); edges with ``predicate``
        (or the multigraph key) and optionally ``derived``.
    fmt : {"png", "svg", "pdf"}
        The picture format.
    title : str, optional
        A title drawn above the graph.
    layout : {"spring", "hierarchical"}
        See :func:`graph.views.layout.layout_positions`; ignored when ``positions`` are given.
    size : (float, float), optional
        Figure size in inches (default: :func:`auto_size` of the node count).
    dpi : int
        Dots per inch of the PNG (and of the raster parts of the others).
    edge_labels : bool, optional
        Write predicates on the edges; by default only when at most 30 node pairs are linked.
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
    with _LOCK, matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        top = 0.93 if title else 0.98
        ax = fig.add_axes((0.01, 0.01, 0.78, top - 0.01))
        ax.set_axis_off()
        if title:
            fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=13, color=_LABEL_COLOUR)
        if n == 0:
            ax.text(0.5, 0.5, "nothing to draw", ha="center", va="center", fontsize=12, color="#777777")
        else:
            _draw(fig, ax, g_view, nodes, pos, edge_labels, outlined_labels=fmt == "png")
        _legend(fig, g_view, nodes)
        out = io.BytesIO()
        extra = {
            "png": {"pil_kwargs": {"compress_level": 1}},  # speed over a few more bytes
            "svg": {"metadata": {"Date": None}},
            "pdf": {"metadata": {"CreationDate": None}},
        }[fmt]
        fig.savefig(out, format=fmt, dpi=dpi, facecolor="white", **extra)
    return out.getvalue()


def _draw(
    fig, ax, g: nx.Graph, nodes: list[str], pos: Mapping[str, tuple[float, float]], edge_labels, outlined_labels: bool
) -> None:
    """Edges as shortened lines with arrowheads, then nodes, then labels (text, or glyph outlines)."""
    import numpy as np
    from matplotlib.collections import LineCollection, PolyCollection

    n = len(nodes)
    base, font, arrow = _scale(n)
    areas = _node_sizes(g, nodes, base)
    xy = np.array([pos[v] for v in nodes], dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum((hi - lo) * 0.06, 0.08)
    ax.set_xlim(lo[0] - pad[0] * 1.5, hi[0] + pad[0] * 1.5)
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
    ordered = sorted(pairs.items())
    if ordered:
        src = np.array([index[u] for (u, _), _ in ordered])
        dst = np.array([index[v] for (_, v), _ in ordered])
        dashed = np.array([bool(entry["derived"]) for _, entry in ordered])
        p, q = screen[src], screen[dst]
        length = np.hypot(*(q - p).T)
        ok = length > 1e-6
        unit = (q - p) / np.where(ok, length, 1.0)[:, None]
        start = p + unit * radius_px[src][:, None]
        tip = q - unit * (radius_px[dst] + 0.5 * px_per_pt)[:, None]
        ok &= ((tip - start) * unit).sum(axis=1) > 0  # nodes that do not overlap
        alen = arrow * px_per_pt if directed else 0.0
        end = tip - unit * (alen * 0.8)
        segs = from_px(np.stack([start, end], axis=1)[ok].reshape(-1, 2)).reshape(-1, 2, 2)
        styles = ["dashed" if d else "solid" for d in dashed[ok]]
        width = 0.8 if n <= 120 else 0.5
        ax.add_collection(LineCollection(segs, colors=_EDGE_COLOUR, linewidths=width, linestyles=styles, zorder=1))
        if directed:
            normal = np.column_stack([-unit[:, 1], unit[:, 0]]) * (alen * 0.35)
            back = tip - unit * alen
            heads = np.stack([tip, back + normal, back - normal], axis=1)[ok]
            polys = from_px(heads.reshape(-1, 2)).reshape(-1, 3, 2)
            ax.add_collection(PolyCollection(polys, facecolors=_EDGE_COLOUR, edgecolors="none", zorder=1))

    colours = [colour_for(g.nodes[v].get("classes", ())) for v in nodes]
    marked = [g.nodes[v].get("marked") in ("highlight", "path") for v in nodes]
    ax.scatter(
        xy[:, 0], xy[:, 1], s=areas, c=colours, zorder=2,
        edgecolors=[_MARK if m else "#3a3a3a" for m in marked], linewidths=[2.2 if m else 0.6 for m in marked],
    )  # fmt: skip

    labels = [wrap_label(str(g.nodes[v].get("label") or v)) for v in nodes]
    drop = radius_px / px_per_pt + 1.5
    if outlined_labels:
        ax.add_collection(_label_collection(labels, xy, drop, font, ax.transData))
    else:
        below = from_px(screen - np.column_stack([np.zeros(n), drop * px_per_pt]))
        for i, label in enumerate(labels):
            ax.text(
                below[i, 0], below[i, 1], label, ha="center", va="top", ma="center", fontsize=font,
                color=_LABEL_COLOUR, zorder=3, clip_on=False,
            )  # fmt: skip

    if edge_labels is None:
        edge_labels = len(pairs) <= 30
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


class _Glyphs:
    """Outlines and advances of DejaVu Sans characters at one size, in points, each made once."""

    def __init__(self, size: float) -> None:
        from matplotlib.font_manager import FontProperties, findfont, get_font

        self.size = size
        self.prop = FontProperties(family="DejaVu Sans")
        self.font = get_font(findfont(self.prop))
        self.cache: dict[str, tuple[object, float]] = {}

    def get(self, ch: str):
        """(outline path or None, advance) of one character."""
        if ch not in self.cache:
            import warnings

            from matplotlib.ft2font import LoadFlags
            from matplotlib.textpath import TextPath

            self.font.set_size(self.size, 72)
            advance = self.font.load_char(ord(ch), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536
            path = None
            if not ch.isspace():
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        path = TextPath((0, 0), ch, size=self.size, prop=self.prop)
                    except (RuntimeError, ValueError):
                        path = None if ch == "?" else self.get("?")[0]
            self.cache[ch] = (path if path is not None and len(path.vertices) else None, advance)
        return self.cache[ch]


def _label_collection(labels: list[str], xy, drop_pt, font: float, transform):
    """All labels as one collection of glyph outlines, centred under their nodes.

    Drawing outlines in one go is much faster than laying out hundreds of text
    objects; the collection scales with the dpi like scatter markers.
    """
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path
    from matplotlib.transforms import IdentityTransform

    glyphs = _Glyphs(font)
    cap = 0.76 * font
    paths = []
    for label, drop in zip(labels, drop_pt, strict=True):
        verts, codes, offsets = [], [], []
        for row, line in enumerate(label.split("\n")):
            x, first = 0.0, len(offsets)
            for ch in line:
                path, advance = glyphs.get(ch)
                if path is not None:
                    verts.append(path.vertices)
                    codes.append(path.codes)
                    offsets.append([x, -cap - drop - row * 1.2 * font])
                x += advance
            for k in range(first, len(offsets)):
                offsets[k][0] -= x / 2.0  # centre the line
        if not verts:
            paths.append(Path(np.zeros((1, 2)), [Path.MOVETO]))
            continue
        counts = [len(v) for v in verts]
        shift = np.repeat(np.array(offsets), counts, axis=0)
        paths.append(Path(np.concatenate(verts) + shift, np.concatenate(codes)))
    collection = PathCollection(
        paths, sizes=np.ones(len(paths)), offsets=xy, offset_transform=transform,
        facecolors=_LABEL_COLOUR, edgecolors="none", zorder=3,
    )  # fmt: skip
    collection.set_transform(IdentityTransform())  # paths are in points, scaled by the sizes
    collection.set_clip_on(False)
    return collection


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
