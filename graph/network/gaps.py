"""What the notes lack: for each service, what a well-noted service of its class has and these notes do not.

The expectations are SHACL shapes in ``ontology/shapes.ttl``, those typed ``cash:Gap``: a
database runs an engine, is backed up and replicated, a migration service has sources and
targets, and so on, each with its message in plain words (``sh:message``), the reason
(``rdfs:comment``) and how much it matters (``sh:severity``). :func:`find_gaps` puts the
services of a network and what they link to in a small RDF graph (:func:`service_graph`),
validates the gap shapes against it with pyshacl (offline: nothing is fetched), and gives one
:class:`Gap` per service and missing thing, in plain words.

Examples
--------
>>> from graph.network.build import to_networkx, with_prefixes
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text(with_prefixes('''
... cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationSource cid:oracle .
... cid:oracle a ca:Engine ; rdfs:label "Oracle" .
... '''), "turtle")
>>> [(gap.service_label, gap.gap, gap.severity) for gap in find_gaps(to_networkx(store))]
[('DMS', 'no migration target noted', 'warning')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from graph.network.names import find_node, label_of
from ontology import ONTOLOGY_FILE, SHAPES_FILE

__all__ = ["GAP_CLASS", "SEVERITIES", "Gap", "gap_shapes", "service_graph", "find_gaps"]

_CA = "https://w3id.org/cloudatlas/ontology#"
#: The class of the shapes :func:`find_gaps` validates.
GAP_CLASS = URIRef("https://w3id.org/cloudatlas/shapes#Gap")
#: SHACL severities in plain words, most important first.
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
# What a service links to that the shapes look at (local names of ca: properties).
_RELATIONS = (
    "hasFeature",
    "hasLimit",
    "supportsEngine",
    "compatibleWith",
    "caches",
    "migrationSource",
    "migrationTarget",
)


@dataclass(frozen=True)
class Gap:
    """One thing one service lacks in the notes.

    ``gap`` says what is missing ("no backup retention noted"), ``why`` why a service of
    ``kind`` (a class, in words: "Database service") is expected to have it, ``severity`` is
    ``"warning"`` or ``"info"``; ``notes`` are the files that note the service, ``shape`` the
    IRI of the expectation.
    """

    service: str
    service_label: str
    kind: str
    gap: str
    why: str
    severity: str
    notes: tuple[str, ...] = ()
    shape: str = ""

    def __str__(self) -> str:
        return f"{self.service_label}: {self.gap}"


@dataclass(frozen=True)
class _Expectation:
    shape: URIRef
    gap: str
    why: str
    severity: str
    classes: tuple[str, ...]


@lru_cache(maxsize=1)
def gap_shapes() -> tuple[Graph, Graph, tuple[_Expectation, ...]]:
    """The shapes file, the ontology, and the expectations of the ``cash:Gap`` shapes (read once)."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    found = []
    for shape in sorted(shapes.subjects(RDF.type, GAP_CLASS)):
        message, why = shapes.value(shape, SH.message), shapes.value(shape, RDFS.comment)
        if not isinstance(shape, URIRef) or message is None:
            continue
        severity = SEVERITIES.get(shapes.value(shape, SH.severity), "violation")  # type: ignore[call-overload]
        classes = tuple(sorted(str(c) for c in shapes.objects(shape, SH.targetClass)))
        found.append(_Expectation(shape, str(message), str(why or ""), severity, classes))
    return shapes, ontology, tuple(found)


def service_graph(g: nx.MultiDiGraph) -> Graph:
    """The services of ``g`` as RDF: their classes, labels, noted relations and what their limits bound.

    Only what the gap shapes look at, so that validating stays quick on a large graph; computed
    relations are left out (what the notes lack is judged on what they say).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://w3id.org/cloudatlas/id/rds", label="RDS", classes=("DatabaseService",))
    >>> g.add_node("https://w3id.org/cloudatlas/id/mysql", label="MySQL", classes=("Engine",))
    >>> _ = g.add_edge("https://w3id.org/cloudatlas/id/rds", "https://w3id.org/cloudatlas/id/mysql",
    ...                key="supportsEngine")
    >>> len(service_graph(g))  # a type, a label and the engine
    3
    """
    out = Graph()
    for node in _services(g):
        subject = URIRef(node)
        for name in g.nodes[node].get("classes", ()):
            out.add((subject, RDF.type, URIRef(_CA + name)))
        out.add((subject, RDFS.label, Literal(label_of(g, node))))
        for _, target, key, data in g.out_edges(node, keys=True, data=True):
            if key not in _RELATIONS or data.get("derived"):
                continue
            out.add((subject, URIRef(_CA + key), URIRef(target)))
            if key == "hasLimit":
                for _, bound, k in g.out_edges(target, keys=True):
                    if k == "limitOf":
                        out.add((URIRef(target), URIRef(_CA + "limitOf"), URIRef(bound)))
    return out


def _services(g: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, data in g.nodes(data=True) if any(c.endswith("Service") or c == "DataWarehouse"
                                                            for c in data.get("classes", ())))  # fmt: skip


def _class_label(ontology: Graph, iri: str) -> str:
    label = ontology.value(URIRef(iri), RDFS.label)
    return str(label) if label is not None else iri.rsplit("#", 1)[-1]


def _notes(g: nx.MultiDiGraph, service: str) -> tuple[str, ...]:
    """The files whose lines note something about the service, sorted."""
    files = {ref.file for _, _, data in g.out_edges(service, data=True) for ref in data.get("sources", ())}
    return tuple(sorted(f for f in files if f))


def find_gaps(g: nx.MultiDiGraph, service: str | None = None) -> tuple[Gap, ...]:
    """What each service lacks in the notes, by the ``cash:Gap`` shapes, validated with pyshacl.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    service : str, optional
        Only this service: a label, alias or IRI.

    Returns
    -------
    tuple of Gap
        By service label, then warnings before infos, then the order of the shapes.

    Raises
    ------
    graph.errors.InputError
        When ``service`` names no service of the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://w3id.org/cloudatlas/id/s3", label="S3", classes=("StorageService",))
    >>> [str(gap) for gap in find_gaps(g)]
    ['S3: no encryption at rest noted', 'S3: nothing noted beyond its name']
    """
    from pyshacl import validate

    from graph.utils.offline import no_network

    shapes, ontology, expectations = gap_shapes()
    wanted = None
    if service is not None:
        wanted = find_node(g.subgraph(_services(g)), service)
    if wanted is not None:
        near = {wanted, *g.successors(wanted)}
        g = g.subgraph(near | {q for n in near if n != wanted for q in g.successors(n)})
    data = service_graph(g)
    if not len(data) or not expectations:
        return ()
    by_shape = {e.shape: e for e in expectations}
    with no_network():
        _, results, _ = validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            use_shapes=list(by_shape),
            allow_warnings=True,
            allow_infos=True,
        )
    found: dict[tuple[str, URIRef], Gap] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus, shape = results.value(result, SH.focusNode), results.value(result, SH.sourceShape)
        expectation = by_shape.get(_owner(shapes, shape))  # type: ignore[arg-type]
        if expectation is None or not isinstance(focus, URIRef) or str(focus) not in g:
            continue
        if wanted is not None and str(focus) != wanted:
            continue  # a service next to the one asked about, seen only partly
        node = str(focus)
        kind = _kind(g, ontology, node, expectation)
        found[(node, expectation.shape)] = Gap(
            node,
            label_of(g, node),
            kind,
            expectation.gap,
            expectation.why,
            expectation.severity,
            _notes(g, node),
            str(expectation.shape),
        )
    order = {e.shape: i for i, e in enumerate(expectations)}
    rank = list(SEVERITIES.values())
    return tuple(
        sorted(
            found.values(),
            key=lambda gap: (
                gap.service_label.casefold(),
                gap.service,
                rank.index(gap.severity),
                order[URIRef(gap.shape)],
            ),
        )
    )


def _owner(shapes: Graph, shape: object) -> URIRef | None:
    """The node shape a result's source shape belongs to (itself, or the shape whose sh:property it is)."""
    if isinstance(shape, URIRef):
        return shape
    owner = shapes.value(None, SH.property, shape)  # type: ignore[arg-type]
    return owner if isinstance(owner, URIRef) else None


def _kind(g: nx.MultiDiGraph, ontology: Graph, node: str, expectation: _Expectation) -> str:
    """The class the expectation holds the service to, in words: the most specific one it has."""
    mine = {_CA + name for name in g.nodes[node].get("classes", ())}
    matching: Iterable[str] = [c for c in expectation.classes if c in mine] or sorted(mine) or expectation.classes
    return _class_label(ontology, next(iter(matching), _CA + "Service"))
