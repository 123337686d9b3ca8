"""What the browser draws for a view: nodes, edges, legend and options as plain JSON-ready data (pure).

:func:`view_data` turns the subgraph :func:`graph.views.selection.select_view` chose into the
plain data a vis-network drawing needs (nodes, edges, legend, options), with tooltips as plain
text (:func:`node_title`, :func:`cluster_title`). Nodes are sized by their scores, labels grow
with their node, marked nodes (highlight, path, focus, search match) get a darker border; while a
highlight or a path is shown, every other node and edge is drawn faded (``dimmed``); the
layouts come from :mod:`graph.views.layout`. ``assets/drawing.js`` draws the data, in the app's
graph component and in the standalone page (:mod:`graph.views.html`).

Cluster nodes of an overview (:func:`graph.views.lod.overview`) are grey hexagons with the
legend row :data:`CLUSTER`, sized by how many nodes they fold; edges to clusters are summed.

Public API (stable, used by the app's pages)::

    view_data(g_view, spec, scores=None, *, placed=False) -> dict  # {"nodes", "edges", "legend", "options", ...}
    node_title(g, node) -> str                                  # tooltip of a node
    cluster_title(g, node) -> str                               # tooltip of a cluster node
    CLUSTER -> ("Cluster", "Cluster (click to open)", "#718096")   # legend row of cluster nodes

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("cid:dax", label="DAX", classes=("CacheService",), aliases=("DynamoDB Accelerator",))
>>> g.add_node("cid:ddb", label="DynamoDB", classes=("DatabaseService",), aliases=())
>>> g.add_edge("cid:dax", "cid:ddb", key="caches", sources=())
'caches'
>>> from graph.views.selection import select_view
>>> data = view_data(select_view(g, ViewSpec(focus="cid:dax")), ViewSpec(focus="cid:dax"))
>>> [(n["label"], n["group"]) for n in data["nodes"]]
[('DAX', 'CacheService'), ('DynamoDB', 'DatabaseService')]
>>> [(e["from"], e["label"], e["to"]) for e in data["edges"]]
[('cid:dax', 'caches', 'cid:ddb')]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise

import networkx as nx

from graph.network import find_node, label_of
from graph.read.measures import bounds_text
from graph.views.layout import force_positions, gather, layer_levels, spiral_positions, spread, wrap_levels
from graph.views.lod import CLUSTER_CLASS, is_cluster
from graph.views.palette import LEGEND, OTHER, colour_for, legend_for, primary_class
from graph.views.selection import ViewSpec, scores_for, search

__all__ = [
    "view_data",
    "node_title",
    "cluster_title",
    "EDGE_LABEL_LIMIT",
    "STATIC_LAYOUT_LIMIT",
    "PLACED_LIMIT",
    "SPREAD_LIMIT",
    "MIN_SIZE",
    "MAX_SIZE",
    "CLUSTER",
    "CLUSTER_SIZES",
    "faded",
]

#: Edge labels are drawn only when the view has at most this many edges (else they go in the tooltip).
EDGE_LABEL_LIMIT = 80
#: Without physics, views up to this many nodes are laid out in the browser (Kamada-Kawai);
#: bigger ones get :func:`graph.views.layout.spiral_positions`.
STATIC_LAYOUT_LIMIT = 150
#: ``view_data(..., placed=True)`` lays out physics views of up to this many nodes on the server.
PLACED_LIMIT = 600
_WIDER = 1.5
#: Views laid out here of up to this many nodes also have their overlapping nodes moved apart.
SPREAD_LIMIT = 200
#: Node sizes (vis-network ``size``) for the lowest and highest scores in the view.
MIN_SIZE, MAX_SIZE = 10.0, 40.0
_PLAIN_SIZE = 16.0
_MARK = "#111111"
_MATCH = "#4a5568"
_EDGE = "#9aa5b1"
_PATH_EDGE = "#111111"
_LIT_EDGE = "#4a5568"
_DIM_EDGE = "#e2e8f0"
_DIM_LABEL = "#a0aec0"
#: How much of its colour a faded node keeps (the rest is white).
_FADE = 0.22
_TITLE_MEMBERS = 8
#: The legend row of cluster nodes (class, text, colour): a grey apart from the "Other" grey.
CLUSTER: tuple[str, str, str] = (CLUSTER_CLASS, "Cluster (click to open)", "#718096")
#: Sizes of the smallest and the largest cluster node drawn.
CLUSTER_SIZES = (22.0, 55.0)
_LEGEND_TEXT = {cls: text for cls, text, _ in LEGEND}


def _bound_text(data: Mapping) -> str:
    """``1–35 days``, ``≤ 5``, ``≥ 3 GB`` for a limit node."""
    low, high = (data.get(k) for k in ("min", "max"))
    low, high = (v if v is None or isinstance(v, Decimal) else Decimal(str(v)) for v in (low, high))
    return bounds_text(low, high, data.get("unit") or "")  # units as people read them (1 day, 10 GB – 64 TB)


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


def _font_size(size: float) -> int:
    """Label size growing with the node, so the labels of big nodes stay readable when zoomed out."""
    share = (min(max(size, MIN_SIZE), MAX_SIZE) - MIN_SIZE) / (MAX_SIZE - MIN_SIZE)
    return round(12 + 16 * share)


def faded(colour: str, keep: float = _FADE) -> str:
    """``colour`` (``#rrggbb`` or ``#rgb``) mixed with white, keeping ``keep`` of it.

    >>> faded("#4c78a8"), faded("#000", 0.5), faded("grey")
    ('#d8e1ec', '#808080', 'grey')
    """
    text = colour.lstrip("#")
    if not colour.startswith("#") or len(text) not in (3, 6):
        return colour
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    try:
        rgb = [int(text[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return colour
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)


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
        What :func:`graph.views.selection.select_view` chose.
    spec : ViewSpec
        For sizes, layout options and what to mark.
    scores : mapping, optional
        Node scores for sizes (``spec.size_by``); computed on ``g_view`` when missing.
    placed : bool, default False
        Lay out a physics view (not hierarchical, at most :data:`PLACED_LIMIT` nodes) here
        (:func:`graph.views.layout.force_positions`): its nodes get ``x`` and ``y`` and ``options`` gets
        ``placed: True``, so the browser starts from there and settles in a few steps.

    Returns
    -------
    dict
        ``nodes``: dicts with ``id``, ``label``, ``title`` (plain text), ``color``, ``size``, ``font``,
        ``group`` (primary class), ``borderWidth``, ``marked`` (``"highlight"``,
        ``"path"``, ``"focus"``, ``"match"`` or ``""``) and ``dimmed``; ``edges``: ``id``, ``from``, ``to``,
        ``label``, ``title``, ``arrows``, ``dashes`` (computed relations), ``color``, ``width``, ``dimmed``.
        While ``spec`` has a highlight or a path, the nodes outside both and the edges not between two
        of their nodes (highlight) or not on the path are ``dimmed``: faded colours (:func:`faded`), grey
        labels;
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
    lit = (highlight | path) & set(nodes)
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
        fixed = gather(force_positions(g_view))  # unconnected nodes near the rest, not far off
        fixed = {n: (round(x * _WIDER, 1), y) for n, (x, y) in fixed.items()}  # for a canvas wider than high
        if len(nodes) <= SPREAD_LIMIT:
            fixed = spread(fixed, sizes)  # dots apart, with room for a label
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
        dimmed = bool(lit) and n not in lit
        if dimmed:
            fill, border = faded(fill), faded(border)
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
                "font": {"size": _font_size(sizes[n]), **({"color": _DIM_LABEL} if dimmed else {})},
                "borderWidth": 3 if strong else 2 if marked else 1,
                "marked": marked,
                "dimmed": dimmed,
            }
        )
        if n in clusters:  # the size on one line, the best-known members under it
            drawn = out_nodes[-1]
            low, high = CLUSTER_SIZES
            font = round(14 + 6 * (drawn["size"] - low) / (high - low))
            drawn.update(label=drawn["label"].replace(": ", "\n", 1), shape="hexagon")
            drawn["font"] = {**drawn["font"], "size": font}
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
        between = u in highlight and v in highlight
        if data.get("aggregate"):
            out_edges.append(_summed_edge(g_view, u, v, key, data, show_labels))
            if lit and not between:
                out_edges[-1].update(color=_DIM_EDGE, label="", dimmed=True)
            continue
        on_path = frozenset((u, v)) in hops
        dimmed = bool(lit) and not on_path and not between
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
                "color": _PATH_EDGE if on_path else _DIM_EDGE if dimmed else _LIT_EDGE if between else _EDGE,
                "width": 4 if on_path else 2 if between else 1,
                "dimmed": dimmed,
            }
        )
        if on_path:
            out_edges[-1]["font"] = {"size": 22, "color": _PATH_EDGE, "align": "horizontal"}
        elif dimmed:
            out_edges[-1]["label"] = ""
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
    """The tooltip of a cluster node (:func:`graph.views.lod.overview`): size, best-known members, what a click does.

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
        "dimmed": False,
    }
