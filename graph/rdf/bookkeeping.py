"""The bookkeeping an on-disk store keeps beside the facts: one copy per file, and a manifest.

:func:`graph.rdf.incremental.sync_store` writes it and reads it back to know what changed;
this module says where it lives and how to tell it apart from the facts.

How the store is laid out
-------------------------
The facts stay where the vocabulary puts them: noted statements in the default
graph, reified statements in ``…/graph/provenance``, so every query, export and
network view works on the store as on one built in memory. Beside them, the
store keeps its own bookkeeping, in named graphs under
``https://w3id.org/cloudatlas/graph/file/``:

* ``…/graph/file/<name>`` holds a copy of the default-graph triples the file
  ``<name>`` gave (``<name>`` percent-encoded), and
  ``…/graph/file/<name>/graph/<graph>`` a copy of what it put in each named
  graph ``<graph>`` (its provenance, or the graphs of a TriG file);
* ``https://w3id.org/cloudatlas/graph/manifest`` records each file's name,
  SHA-256 and quad count, and a fingerprint of the extractor
  (:func:`extractor_fingerprint`).

The copies cost disk space (about twice the facts) and show in ``len(store)``;
:func:`content_quads` and :func:`dump` leave them out, and :func:`is_bookkeeping`
tells them apart.

Examples
--------
>>> file_graph("a.md")
'https://w3id.org/cloudatlas/graph/file/a.md'
>>> is_bookkeeping(file_graph("a.md")), is_bookkeeping("https://w3id.org/cloudatlas/graph/provenance")
(True, False)
>>> from graph.rdf.store import Store
>>> manifest(Store())
{}
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pyoxigraph as ox

from graph.rdf.store import Store, format_for

__all__ = [
    "FILES",
    "MANIFEST_GRAPH",
    "MANIFEST",
    "file_graph",
    "is_bookkeeping",
    "manifest",
    "content_quads",
    "dump",
    "extractor_fingerprint",
]

#: Named graphs holding each file's copy of what it said start with this.
FILES = "https://w3id.org/cloudatlas/graph/file/"

#: The named graph of the manifest (file names, hashes, extractor fingerprint).
MANIFEST_GRAPH = "https://w3id.org/cloudatlas/graph/manifest"
#: Namespace of the manifest's own terms.
MANIFEST = MANIFEST_GRAPH + "#"

_M_GRAPH = ox.NamedNode(MANIFEST_GRAPH)
_NAME = ox.NamedNode(MANIFEST + "name")
_SHA256 = ox.NamedNode(MANIFEST + "sha256")
_QUADS = ox.NamedNode(MANIFEST + "quads")
_EXTRACTOR = ox.NamedNode(MANIFEST + "extractor")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_IN_GRAPH = "/graph/"

# What extraction depends on: a change to any module of graph.read (notes -> facts), to the
# triples module or to the vocabulary re-extracts every file.
_EXTRACTOR_MODULES = ("graph.rdf.triples", "ontology.vocab")
_READ_PACKAGE = Path(__file__).resolve().parents[1] / "read"
_ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
_EXTRACTOR_DATA = (_ONTOLOGY / "catalog.toml", _ONTOLOGY / "aws_services.json")


def file_graph(name: str, target: str | None = None) -> str:
    """The named graph holding file ``name``'s copy of what it put in ``target`` (None: the default graph).

    >>> file_graph("db/aws notes.md")
    'https://w3id.org/cloudatlas/graph/file/db%2Faws%20notes.md'
    >>> file_graph("a.md", "https://w3id.org/cloudatlas/graph/provenance")
    'https://w3id.org/cloudatlas/graph/file/a.md/graph/https%3A%2F%2Fw3id.org%2Fcloudatlas%2Fgraph%2Fprovenance'
    """
    base = FILES + quote(name, safe="")
    return base if target is None else base + _IN_GRAPH + quote(target, safe="")


def _parse_copy(iri: str) -> tuple[str, str | None] | None:
    """(file name, target graph or None) of a copy graph's IRI; None for any other IRI.

    >>> _parse_copy(file_graph("a b.md", "https://e.org/g"))
    ('a b.md', 'https://e.org/g')
    >>> _parse_copy(file_graph("a.md")), _parse_copy("https://e.org/g")
    (('a.md', None), None)
    """
    if not iri.startswith(FILES):
        return None
    rest = iri[len(FILES) :]
    name, sep, target = rest.partition(_IN_GRAPH)
    if "/" in name or not name:
        return None
    return unquote(name), (unquote(target) if sep else None)


def is_bookkeeping(graph: str | ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
    """True for the graphs this module keeps for itself (file copies and the manifest).

    >>> is_bookkeeping(file_graph("a.md")), is_bookkeeping(MANIFEST_GRAPH)
    (True, True)
    >>> is_bookkeeping("https://w3id.org/cloudatlas/graph/provenance"), is_bookkeeping(ox.DefaultGraph())
    (False, False)
    """
    if isinstance(graph, ox.DefaultGraph | ox.BlankNode):
        return False
    iri = graph.value if isinstance(graph, ox.NamedNode) else graph
    return iri == MANIFEST_GRAPH or iri.startswith(FILES)


def extractor_fingerprint() -> str:
    """SHA-256 of the extractor's code and catalog: when it changes, every file is extracted again.

    >>> len(extractor_fingerprint())
    64
    """
    digest = hashlib.sha256()
    paths = sorted(_READ_PACKAGE.glob("*.py"))
    for module in _EXTRACTOR_MODULES:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            paths.append(Path(spec.origin))
    for path in [*paths, *_EXTRACTOR_DATA]:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def manifest(store: Store) -> dict[str, str]:
    """File name → SHA-256 of what the store holds (empty for a store not built here)."""
    out: dict[str, str] = {}
    names: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for quad in store.ox.quads_for_pattern(None, None, None, _M_GRAPH):
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode) or not isinstance(quad.object, ox.Literal):
            continue
        if quad.predicate == _NAME:
            names[subject.value] = quad.object.value
        elif quad.predicate == _SHA256:
            hashes[subject.value] = quad.object.value
    for iri, name in names.items():
        if iri in hashes:
            out[name] = hashes[iri]
    return dict(sorted(out.items()))


def content_quads(store: Store) -> Iterator[ox.Quad]:
    """The store's quads without the bookkeeping graphs."""
    return (q for q in store.ox if not is_bookkeeping(q.graph_name))


def dump(store: Store, format: str = "turtle", *, graph: str | None = None) -> bytes:
    """:meth:`graph.rdf.store.Store.dump` without the bookkeeping graphs (they only differ for dataset formats)."""
    fmt = format_for(format)
    if not fmt.supports_datasets:
        return store.dump(format, graph=graph)
    return ox.serialize(content_quads(store), format=fmt) or b""


def _record(store: Store, name: str, sha256: str, count: int) -> None:
    """The file's manifest entry: written last, so a run cut short is noticed."""
    entry = ox.NamedNode(file_graph(name))
    store.ox.extend(
        [
            ox.Quad(entry, _NAME, ox.Literal(name), _M_GRAPH),
            ox.Quad(entry, _SHA256, ox.Literal(sha256), _M_GRAPH),
            ox.Quad(entry, _QUADS, ox.Literal(str(count), datatype=_INTEGER), _M_GRAPH),
        ]
    )


def _copy_graphs(store: Store) -> list[ox.NamedNode]:
    return [g for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode) and _parse_copy(g.value)]


def _copies(store: Store) -> set[tuple[str, str | None]]:
    return {_parse_copy(g.value) for g in _copy_graphs(store)}  # type: ignore[misc]


def _stored_fingerprint(store: Store) -> str | None:
    for quad in store.ox.quads_for_pattern(_M_GRAPH, _EXTRACTOR, None, _M_GRAPH):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return None


def _set_fingerprint(store: Store, fingerprint: str) -> None:
    for quad in list(store.ox.quads_for_pattern(_M_GRAPH, _EXTRACTOR, None, _M_GRAPH)):
        store.ox.remove(quad)
    store.ox.add(ox.Quad(_M_GRAPH, _EXTRACTOR, ox.Literal(fingerprint), _M_GRAPH))
