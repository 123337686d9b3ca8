"""Export the graph: pictures and pages of a view, and the data as RDF or GraphML (pure, bytes out).

Three kinds of output, one table of formats (:data:`EXPORT_FORMATS`):

- pictures (``png``, ``svg``, ``pdf``) of a view, drawn by :func:`graph.views.image.render_image`
  with the sizes and marks of the browser view;
- a standalone offline page (``html``) by :func:`graph.views.html.to_html`;
- data (``turtle``, ``jsonld``, ``nt`` from the store; ``graphml`` from the network).

:func:`export` picks the right one; data of a partial view holds only what describes the
nodes of the view (:func:`view_store`), with the note lines they came from.

Examples
--------
>>> from graph.network.build import to_networkx, with_prefixes
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text(with_prefixes('''
... cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ; ca:caches cid:dynamodb .
... cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
... '''), "turtle")
>>> b"cid:dax" in export_data(store, "turtle")
True
>>> b'<node id="https://w3id.org/cloudatlas/id/dax">' in export_data(store, "graphml")
True
>>> EXPORT_FORMATS["svg"].media_type, EXPORT_FORMATS["turtle"].suffix
('image/svg+xml', '.ttl')
>>> export_view(to_networkx(store), "png")[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graph.rdf.store import Store
from graph.views.image import IMAGE_FORMATS, render_image
from graph.views.palette import colour_for

if TYPE_CHECKING:
    from graph.views.selection import ViewSpec

__all__ = [
    "ExportFormat",
    "EXPORT_FORMATS",
    "PICTURE_FORMATS",
    "PAGE_FORMATS",
    "RDF_FORMATS",
    "DATA_FORMATS",
    "export",
    "export_data",
    "export_view",
    "file_stem",
    "graphml_ready",
    "view_store",
]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, what to call it, the file suffix and media type, and its kind.

    ``kind`` is ``"picture"``, ``"page"`` or ``"data"``.

    >>> EXPORT_FORMATS["jsonld"].file_name("cloudatlas")
    'cloudatlas.jsonld'
    """

    name: str
    title: str
    suffix: str
    media_type: str
    kind: str

    def file_name(self, stem: str) -> str:
        """``stem`` with this format's suffix."""
        return stem + self.suffix


#: Every export format by name, in the order the app offers them.
EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("png", "PNG image", ".png", "image/png", "picture"),
        ExportFormat("svg", "SVG image", ".svg", "image/svg+xml", "picture"),
        ExportFormat("pdf", "PDF document", ".pdf", "application/pdf", "picture"),
        ExportFormat("html", "Standalone HTML", ".html", "text/html", "page"),
        ExportFormat("turtle", "Turtle", ".ttl", "text/turtle", "data"),
        ExportFormat("jsonld", "JSON-LD", ".jsonld", "application/ld+json", "data"),
        ExportFormat("nt", "N-Triples", ".nt", "application/n-triples", "data"),
        ExportFormat("graphml", "GraphML", ".graphml", "application/graphml+xml", "data"),
    )
}
PICTURE_FORMATS = tuple(IMAGE_FORMATS)
PAGE_FORMATS = ("html",)
RDF_FORMATS = ("turtle", "jsonld", "nt")
DATA_FORMATS = (*RDF_FORMATS, "graphml")

_RDF_SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
_RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_SOURCE_FILE = ox.NamedNode("https://w3id.org/cloudatlas/ontology#sourceFile")


def file_stem(*parts: object) -> str:
    """A file name stem from words: lower case, ASCII letters, digits and hyphens.

    >>> file_stem("CloudAtlas", "DynamoDB Accelerator (DAX)", "2 hops")
    'cloudatlas-dynamodb-accelerator-dax-2-hops'
    >>> file_stem("Ünïcode ≤ 5")
    'unicode-5'
    """
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", " ".join(str(p) for p in parts if p not in (None, "")))
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
    return "-".join(words)[:80].strip("-") or "cloudatlas"


def _check(fmt: str, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if fmt not in allowed:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(allowed)}")


def _plain(value: object) -> str | int | float | bool | None:
    """A GraphML-friendly value: str, int, float or bool (None to leave the attribute out)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(str(item) for item in items)
    return str(value)


def graphml_ready(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose attributes GraphML can hold: tuples joined with ``", "``, Decimals as floats.

    Attributes that are None are left out; each node also gets its ``colour`` (the palette's).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", label="RDS", classes=("DatabaseService", "Service"), max=Decimal("5"), unit=None)
    >>> dict(graphml_ready(g).nodes["x"])
    {'label': 'RDS', 'classes': 'DatabaseService, Service', 'max': 5.0, 'colour': '#4c78a8'}
    """
    h = g.__class__()
    for n, data in g.nodes(data=True):
        attrs = {k: _plain(v) for k, v in data.items()}
        attrs["colour"] = colour_for(data.get("classes", ()))
        h.add_node(n, **{k: v for k, v in attrs.items() if v is not None})
    if g.is_multigraph():
        for u, v, key, data in g.edges(keys=True, data=True):
            h.add_edge(u, v, key=key, **{k: p for k, p in ((k, _plain(x)) for k, x in data.items()) if p is not None})
    else:
        for u, v, data in g.edges(data=True):
            h.add_edge(u, v, **{k: p for k, p in ((k, _plain(x)) for k, x in data.items()) if p is not None})
    return h


def _graphml(g: nx.Graph) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(graphml_ready(g), out, named_key_ids=True)
    return out.getvalue()


def view_store(store: Store, nodes: Iterable[str], *, network: Iterable[str] | None = None) -> Store:
    """A new store with what describes ``nodes``: their triples among themselves, and where they came from.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The whole store.
    nodes : iterable of str
        IRIs of the nodes of the view.
    network : iterable of str, optional
        IRIs of every node of the store's network (by default from :func:`graph.network.build.to_networkx`).
        Triples pointing at a node of the network outside the view are left out.

    Returns
    -------
    graph.rdf.store.Store
        The triples whose subject is a node of the view (and whose object is a literal, a
        node of the view, or no node of the network), the reified statements between
        nodes of the view, the note lines all of those were derived from, and every
        triple about anything else (vocabulary, rules).

    Examples
    --------
    >>> from graph.network.build import with_prefixes
    >>> store = Store()
    >>> store.load_text(with_prefixes('''
    ... cid:dax a ca:CacheService ; rdfs:label "DAX" ; ca:caches cid:dynamodb ; prov:wasDerivedFrom cnote:a.md-L2 .
    ... cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; ca:hasFeature cid:pitr .
    ... cid:pitr a ca:Feature ; rdfs:label "PITR" .
    ... cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "DAX" .
    ... '''), "turtle")
    >>> small = view_store(store, ["https://w3id.org/cloudatlas/id/dax", "https://w3id.org/cloudatlas/id/dynamodb"])
    >>> sorted(r["l"].value for r in small.query("SELECT ?l WHERE { ?x rdfs:label ?l }"))
    ['DAX', 'DynamoDB']
    >>> [r["t"].value for r in small.query("SELECT ?t WHERE { ?n ca:text ?t }")]
    ['DAX']
    >>> bool(small.query("ASK { ?s ca:hasFeature ?o }"))
    False
    """
    keep = set(nodes)
    if network is None:
        from graph.network.build import to_networkx

        network = to_networkx(store)
    others = set(network) - keep
    statements: dict[tuple[object, object], list[str | None]] = {}
    for pred, slot in ((_RDF_SUBJECT, 0), (_RDF_OBJECT, 1)):
        for quad in store.ox.quads_for_pattern(None, pred, None, None):
            value = quad.object.value if isinstance(quad.object, ox.NamedNode) else None
            statements.setdefault((quad.subject, quad.graph_name), [None, None])[slot] = value
    kept_statements = {key for key, (s, o) in statements.items() if s in keep and o in keep}
    notes = {q.subject for q in store.ox.quads_for_pattern(None, _SOURCE_FILE, None, None)}
    kept: list[ox.Quad] = []
    note_quads: list[ox.Quad] = []
    wanted_notes: set[object] = set()
    for quad in store.ox.quads_for_pattern(None, None, None, None):
        subject, obj = quad.subject, quad.object
        name = subject.value if isinstance(subject, ox.NamedNode) else None
        if (subject, quad.graph_name) in statements:
            ok = (subject, quad.graph_name) in kept_statements
        elif subject in notes:
            note_quads.append(quad)
            continue
        elif name in keep:
            ok = not (isinstance(obj, ox.NamedNode) and obj.value in others)
        else:
            ok = name not in others
        if ok:
            kept.append(quad)
            if quad.predicate.value == _DERIVED_FROM:
                wanted_notes.add(obj)
    kept += [q for q in note_quads if q.subject in wanted_notes]
    out = Store()
    out.ox.extend(kept)
    return out


def export_data(source: Store | nx.Graph, fmt: str, *, nodes: Iterable[str] | None = None) -> bytes:
    """The graph's data as Turtle, JSON-LD, N-Triples (from the store) or GraphML (from the network).

    Parameters
    ----------
    source : graph.rdf.store.Store or networkx.Graph
        The store (any format), or a network from :func:`graph.network.build.to_networkx` (GraphML only).
    fmt : {"turtle", "jsonld", "nt", "graphml"}
        The format.
    nodes : iterable of str, optional
        Only what describes these nodes (a view); everything when None.

    Returns
    -------
    bytes
        The serialized data (UTF-8).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b", {"sources": ()})])
    >>> b"<graphml" in export_data(g, "graphml")
    True
    >>> export_data(g, "turtle")
    Traceback (most recent call last):
    ...
    TypeError: turtle needs the store, not a network
    """
    _check(fmt, DATA_FORMATS)
    if fmt == "graphml":
        if isinstance(source, Store):
            from graph.network.build import to_networkx

            source = to_networkx(source)
        g = source.subgraph(list(nodes)) if nodes is not None else source
        return _graphml(g)
    if not isinstance(source, Store):
        raise TypeError(f"{fmt} needs the store, not a network")
    store = view_store(source, nodes) if nodes is not None else source
    return store.dump(fmt)


def _drawn(g_view: nx.Graph, spec: ViewSpec, scores: Mapping[str, float] | None) -> tuple[nx.Graph, dict]:
    """A copy of the view with the browser's ``size`` and ``marked`` per node, and the view data."""
    from graph.views.drawing import view_data

    data = view_data(g_view, spec, scores)
    g = g_view.copy()
    for node in data["nodes"]:
        attrs = g.nodes[node["id"]]
        attrs["size"] = node["size"] if spec.size_by else None
        attrs["marked"] = node["marked"]
    return g, data


def export_view(
    g_view: nx.Graph,
    fmt: str,
    *,
    spec: ViewSpec | None = None,
    scores: Mapping[str, float] | None = None,
    title: str | None = None,
    layout: str | None = None,
    size: tuple[float, float] | None = None,
    dpi: int = 100,
) -> bytes:
    """A picture (PNG, SVG, PDF) or a standalone offline HTML page of a view.

    Parameters
    ----------
    g_view : networkx.Graph
        The view (from :func:`graph.views.selection.select_view`).
    fmt : {"png", "svg", "pdf", "html"}
        The format.
    spec : graph.views.selection.ViewSpec, optional
        The user's choices: sizes by centrality, marked nodes, layout (default: ``ViewSpec()``).
    scores : mapping, optional
        Node scores for the sizes (computed on the view when missing).
    title : str, optional
        Title of the picture or page.
    layout : {"spring", "hierarchical"}, optional
        Picture layout; by default hierarchical when ``spec.hierarchical``.
    size : (float, float), optional
        Picture size in inches.
    dpi : int
        Resolution of the PNG.

    Returns
    -------
    bytes
        The picture, or the page as UTF-8.
    """
    _check(fmt, (*PICTURE_FORMATS, *PAGE_FORMATS))
    from graph.views.selection import ViewSpec

    spec = spec or ViewSpec()
    g, data = _drawn(g_view, spec, scores)
    if fmt == "html":
        from graph.views.html import to_html

        return to_html(data, title=title or "CloudAtlas graph").encode("utf-8")
    chosen = layout or ("hierarchical" if spec.hierarchical else "spring")
    return render_image(g, fmt, title=title, layout=chosen, size=size, dpi=dpi)


def export(
    fmt: str,
    store: Store,
    g_view: nx.Graph,
    *,
    whole: bool = False,
    network: Iterable[str] | None = None,
    **view_options,
) -> bytes:
    """Any format of :data:`EXPORT_FORMATS` for a view of ``store``.

    Parameters
    ----------
    fmt : str
        A key of :data:`EXPORT_FORMATS`.
    store : graph.rdf.store.Store
        The store the view was made from.
    g_view : networkx.Graph
        The view.
    whole : bool
        The view shows the whole graph: data formats then export everything in the store.
    network : iterable of str, optional
        Every node of the store's network (see :func:`view_store`), if already known.
    **view_options
        Passed to :func:`export_view` (``spec``, ``scores``, ``title``, ``layout``, ``size``, ``dpi``).

    Returns
    -------
    bytes
        The file's contents.
    """
    _check(fmt, EXPORT_FORMATS)
    if EXPORT_FORMATS[fmt].kind != "data":
        return export_view(g_view, fmt, **view_options)
    if fmt == "graphml":
        return _graphml(g_view)
    if whole:
        return store.dump(fmt)
    return view_store(store, g_view, network=network).dump(fmt)
