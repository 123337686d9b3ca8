"""Store -> networkx: the knowledge graph as a :class:`networkx.MultiDiGraph`.

:func:`to_networkx` reads the quads of an embedded Oxigraph store directly (no
rdflib copy). Nodes are resources named by their full IRI, with ``label``,
``classes`` (``ca:`` local names) and ``aliases``; edges are object properties
keyed by the property's local name, with the note lines they come from
(:class:`NoteRef`, :func:`relation_sources`). Limits are nodes too, carrying
``min``, ``max`` and ``unit`` (and every value when the notes give several), and the
note lines they come from. Computed relations of the derived graph come in as
edges with ``derived=True``. Nodes are found by name with
:func:`graph.network.names.find_node`, and scored in :mod:`graph.network.scores`.

Examples
--------
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text(with_prefixes('''
... cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ;
...     ca:caches cid:dynamodb .
... cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
... '''), "turtle")
>>> g = to_networkx(store)
>>> sorted(g.nodes["https://w3id.org/cloudatlas/id/dax"].items())
[('aliases', ('DynamoDB Accelerator',)), ('classes', ('CacheService',)), ('label', 'DAX')]
>>> [(g.nodes[u]["label"], k, g.nodes[v]["label"]) for u, v, k in g.edges(keys=True)]
[('DAX', 'caches', 'DynamoDB')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graph.network.names import local_name
from ontology.vocab import CA, DERIVED_GRAPH, PROVENANCE_GRAPH, UNIT

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["NoteRef", "to_networkx", "relation_sources", "with_prefixes"]


_CA = str(CA._NS)
_UNIT = str(UNIT)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_ALT_LABEL = _SKOS + "altLabel"
_COMMENT = _RDFS + "comment"
_DERIVED_FROM = _PROV + "wasDerivedFrom"
_STATEMENT = _RDF + "Statement"
_CA_NOTE = _CA + "Note"
_CA_RULE = _CA + "Rule"
_MIN, _MAX, _UNIT_P, _LAYER = _CA + "minValue", _CA + "maxValue", _CA + "unit", _CA + "layer"
_SOURCE_FILE, _LINE, _TEXT = _CA + "sourceFile", _CA + "line", _CA + "text"
_DERIVED_BY = _CA + "derivedBy"
_REIFY = {_RDF + "subject": 0, _RDF + "predicate": 1, _RDF + "object": 2}

# Resources in these namespaces are vocabulary, not things the notes talk about.
_VOCABULARY = (
    _CA.rstrip("#"),
    _RDF,
    _RDFS,
    _SKOS,
    _PROV,
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/shacl#",
    _UNIT,
)

# The note lines each limit was read from (a limit's values are literals, not reified statements).
_LIMIT_NOTES_QUERY = f"""
SELECT ?limit ?note ?file ?line ?text WHERE {{
    ?limit a <{_CA}Limit> ; <{_DERIVED_FROM}> ?note .
    OPTIONAL {{ ?note <{_SOURCE_FILE}> ?file }}
    OPTIONAL {{ ?note <{_LINE}> ?line }}
    OPTIONAL {{ ?note <{_TEXT}> ?text }}
}}"""

_PROVENANCE_QUERY = f"""
SELECT ?s ?p ?o ?note ?file ?line ?text WHERE {{
    GRAPH <{PROVENANCE_GRAPH}> {{
        ?st <{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; <{_RDF}object> ?o ; <{_DERIVED_FROM}> ?note .
    }}
    OPTIONAL {{ ?note <{_SOURCE_FILE}> ?file }}
    OPTIONAL {{ ?note <{_LINE}> ?line }}
    OPTIONAL {{ ?note <{_TEXT}> ?text }}
}}"""

# The default graph without notes and what links to them, filtered inside Oxigraph.
_RESOURCES_QUERY = f"""
SELECT ?s ?p ?o WHERE {{
    ?s ?p ?o .
    FILTER(isIRI(?s) && !sameTerm(?o, <{_CA_NOTE}>)
           && ?p NOT IN (<{_DERIVED_FROM}>, <{_SOURCE_FILE}>, <{_LINE}>, <{_TEXT}>,
                         <{_CA}inferredSubject>, <{_CA}inferredBy>))
}}"""


@dataclass(frozen=True, order=True)
class NoteRef:
    """A note line a statement came from; ``str()`` gives ``file:line``.

    >>> str(NoteRef("aws.md", 13, "Up to 5 read replicas"))
    'aws.md:13'
    """

    file: str
    line: int
    text: str = ""
    iri: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def with_prefixes(text: str) -> str:
    """Turtle or TriG text with the CloudAtlas ``@prefix`` lines (``ca:``, ``cid:`` ...) put first.

    >>> with_prefixes("cid:a ca:caches cid:b .").splitlines()[0]
    '@prefix ca: <https://w3id.org/cloudatlas/ontology#> .'
    """
    from graph.rdf.store import PREFIXES

    head = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    return head + text


def _is_vocabulary(iri: str) -> bool:
    return iri.startswith(_VOCABULARY)


def _decimal(literal: ox.Literal) -> Decimal | None:
    """The literal as a finite decimal, None for anything else ("abc", NaN, infinity)."""
    try:
        number = Decimal(literal.value.strip())
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def relation_sources(store: Store) -> dict[tuple[str, str, str], tuple[NoteRef, ...]]:
    """The note lines behind each noted relation, from the provenance graph.

    Parameters
    ----------
    store : graph.rdf.store.Store
        A store whose relations are reified in ``https://w3id.org/cloudatlas/graph/provenance``.

    Returns
    -------
    dict
        ``(subject IRI, predicate IRI, object IRI)`` to the notes it was derived from, sorted.

    Examples
    --------
    >>> from graph.rdf.store import Store
    >>> store = Store()
    >>> store.load_text(with_prefixes('''
    ... cid:dax ca:caches cid:dynamodb .
    ... cnote:a.md-L4 a ca:Note ; ca:sourceFile "a.md" ; ca:line 4 ; ca:text "DAX" .
    ... <https://w3id.org/cloudatlas/graph/provenance> {
    ...   [] a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:caches ; rdf:object cid:dynamodb ;
    ...      prov:wasDerivedFrom cnote:a.md-L4 . }
    ... '''), "trig")
    >>> [(local_name(p), [str(n) for n in notes]) for (s, p, o), notes in relation_sources(store).items()]
    [('caches', ['a.md:4'])]
    """
    out: dict[tuple[str, str, str], set[NoteRef]] = defaultdict(set)
    for subject, pred, obj, note, file, line, text in store.ox.query(_PROVENANCE_QUERY):
        if not all(isinstance(t, ox.NamedNode) for t in (subject, pred, obj, note)):
            continue
        number = int(line.value) if isinstance(line, ox.Literal) and line.value.isdigit() else 0
        ref = NoteRef(file.value if file else "", number, text.value if text else "", note.value)
        out[(subject.value, pred.value, obj.value)].add(ref)
    return {key: tuple(sorted(refs)) for key, refs in out.items()}


def to_networkx(
    store: Store, *, include_notes: bool = False, derive: Callable[[nx.MultiDiGraph], object] | None = None
) -> nx.MultiDiGraph:
    """The store's resources and the object properties between them, as a multigraph.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The store to read: its default graph (the noted facts) and, when present,
        the derived graph ``https://w3id.org/cloudatlas/graph/derived``.
    include_notes : bool, default False
        Also add ``ca:Note`` nodes (with ``file``, ``line``, ``text``) and the
        edges to and from them (``wasDerivedFrom``, ``inferredSubject``).
    derive : callable, optional
        ``derive(g)`` is called with the network of the noted facts (no derived edges yet) and
        may rewrite the store's derived graph, which is read after it: computing the derived
        relations and the network they go into this way reads the store once, not twice
        (:func:`graph.network.derive.derive_network`).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are full IRIs with ``label``, ``classes`` and ``aliases`` (plus ``comment``
        and ``layer`` when noted; ``min``, ``max``, ``unit`` and the note lines in ``sources`` on
        limits, with ``min_values`` / ``max_values``, decimal strings, and ``units`` when a limit
        was noted with several). Edges are keyed by
        the property's local name, also kept as the ``predicate`` attribute, with the
        note lines in ``sources``; derived edges have ``derived=True`` and their ``rule``.

    Examples
    --------
    >>> from graph.rdf.store import Store
    >>> store = Store()
    >>> store.load_text(with_prefixes('''
    ... cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; ca:hasLimit cid:rds-rr .
    ... cid:rds-rr a ca:Limit ; ca:limitOf cid:read-replicas ; ca:maxValue 5.0 ; ca:unit unit:NUM .
    ... '''), "turtle")
    >>> g = to_networkx(store)
    >>> limit = g.nodes["https://w3id.org/cloudatlas/id/rds-rr"]
    >>> limit["classes"], limit["min"], limit["max"], limit["unit"]
    (('Limit',), None, Decimal('5'), 'NUM')
    >>> sorted(k for _, _, k in g.edges(keys=True))
    ['hasLimit', 'limitOf']
    """
    labels: dict[str, str] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, list[str]] = defaultdict(list)
    attrs: dict[str, dict[str, object]] = defaultdict(dict)
    notes: set[str] = set()
    edges: list[tuple[str, str, str]] = []
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    default = ox.DefaultGraph()

    if include_notes:
        triples = ((q.subject, q.predicate, q.object) for q in store.ox.quads_for_pattern(None, None, None, default))
    else:
        triples = store.ox.query(_RESOURCES_QUERY)
    for subject, predicate, obj in triples:
        if not isinstance(subject, ox.NamedNode):
            continue
        s, pred = subject.value, predicate.value
        if _is_vocabulary(s):
            continue
        if isinstance(obj, ox.Literal):
            if pred == _LABEL:
                labels.setdefault(s, obj.value)
            elif pred == _ALT_LABEL:
                aliases[s].append(obj.value)
            elif pred in (_MIN, _MAX):
                key, number = "min" if pred == _MIN else "max", _decimal(obj)
                if number is not None:  # a bound that is not a number (from someone's RDF) is left out
                    attrs[s][key] = number
                    values[(s, key)].add(obj.value)
            elif pred == _COMMENT:
                attrs[s].setdefault("comment", obj.value)
            elif pred == _LAYER:
                attrs[s]["layer"] = obj.value
            elif pred == _SOURCE_FILE:
                attrs[s]["file"] = obj.value
            elif pred == _LINE:
                attrs[s]["line"] = int(obj.value) if obj.value.isdigit() else obj.value
            elif pred == _TEXT:
                attrs[s]["text"] = obj.value
            continue
        if not isinstance(obj, ox.NamedNode):
            continue
        o = obj.value
        if pred == _TYPE:
            if o.startswith(_CA):
                classes[s].add(o[len(_CA) :])
                if o == _CA_NOTE:
                    notes.add(s)
        elif pred == _UNIT_P:
            attrs[s]["unit"] = local_name(o) if o.startswith(_UNIT) else o
            values[(s, "unit")].add(attrs[s]["unit"])  # type: ignore[arg-type]
        elif not _is_vocabulary(o):
            if pred == _DERIVED_FROM:
                notes.add(o)
            edges.append((s, pred, o))

    g = nx.MultiDiGraph()
    for s, pred, o in edges:
        for n in (s, o):
            if n not in g and (include_notes or n not in notes):
                _add_node(g, n, labels, classes, aliases, attrs)
        if s in g and o in g:
            name = local_name(pred)
            g.add_edge(s, o, key=name, predicate=name, sources=())
    for n in sorted(set(labels) | set(classes) | set(aliases)):
        if n not in g and (include_notes or n not in notes):
            _add_node(g, n, labels, classes, aliases, attrs)
    limit_notes = _limit_notes(store)
    for n, data in g.nodes(data=True):
        if "Limit" in data["classes"]:
            data.setdefault("min", None)
            data.setdefault("max", None)
            data.setdefault("unit", None)
            for key in ("min", "max"):
                several = values.get((n, key), ())
                if len(several) > 1:  # the same limit noted with other values elsewhere
                    data[f"{key}_values"] = tuple(sorted(several, key=Decimal))
            if len(values.get((n, "unit"), ())) > 1:  # ... or in other units
                data["units"] = tuple(sorted(values[(n, "unit")]))
            if n in limit_notes:
                data["sources"] = limit_notes[n]
    sources = relation_sources(store) if store.ox.contains_named_graph(ox.NamedNode(str(PROVENANCE_GRAPH))) else {}
    if derive is not None:
        _add_sources(g, sources)  # what derive computes may cite the note lines of noted relations
        derive(g)
    derived = list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(DERIVED_GRAPH))))
    if derived:
        _add_derived_edges(g, derived, labels, classes, aliases, attrs)
    _add_sources(g, sources)
    return g


def _limit_notes(store: Store) -> dict[str, tuple[NoteRef, ...]]:
    """The note lines each ``ca:Limit`` was read from, sorted."""
    out: dict[str, set[NoteRef]] = defaultdict(set)
    for limit, note, file, line, text in store.ox.query(_LIMIT_NOTES_QUERY):
        if isinstance(limit, ox.NamedNode) and isinstance(note, ox.NamedNode):
            number = int(line.value) if isinstance(line, ox.Literal) and line.value.isdigit() else 0
            out[limit.value].add(NoteRef(file.value if file else "", number, text.value if text else "", note.value))
    return {limit: tuple(sorted(refs)) for limit, refs in out.items()}


def _add_sources(g: nx.MultiDiGraph, sources: dict[tuple[str, str, str], tuple[NoteRef, ...]]) -> None:
    """The note lines of each noted relation, on its edge."""
    for (s, p, o), refs in sources.items():
        key = local_name(p)
        if g.has_edge(s, o, key):
            g.edges[s, o, key]["sources"] = refs


def _add_node(g: nx.MultiDiGraph, n: str, labels, classes, aliases, attrs) -> None:
    data = dict(attrs.get(n, {}))
    if "file" in data and n not in labels:
        data["label"] = f"{data['file']}:{data.get('line', 0)}"
    else:
        data["label"] = labels.get(n) or local_name(n)
    data["classes"] = tuple(sorted(classes.get(n, ())))
    data["aliases"] = tuple(dict.fromkeys(aliases.get(n, ())))
    g.add_node(n, **data)


def _add_derived_edges(g: nx.MultiDiGraph, quads: list[ox.Quad], labels, classes, aliases, attrs) -> None:
    """Edges of the derived graph, with the rule and layer of their reified statements."""
    statements: dict[object, list] = defaultdict(lambda: [None, None, None, None, None])
    skip: set[str] = set()
    triples: list[tuple[str, str, str]] = []
    for quad in quads:
        subject, pred, obj = quad.subject, quad.predicate.value, quad.object
        if pred == _TYPE and isinstance(obj, ox.NamedNode) and obj.value in (_STATEMENT, _CA_RULE):
            skip.add(str(subject))
        elif pred in _REIFY and isinstance(obj, ox.NamedNode):
            statements[subject][_REIFY[pred]] = obj.value
        elif pred == _DERIVED_BY and isinstance(obj, ox.NamedNode):
            statements[subject][3] = local_name(obj.value)
        elif pred == _LAYER and isinstance(obj, ox.Literal):
            statements[subject][4] = obj.value
        elif (
            isinstance(subject, ox.NamedNode)
            and isinstance(obj, ox.NamedNode)
            and pred != _TYPE
            and not _is_vocabulary(obj.value)
            and not _is_vocabulary(subject.value)
        ):
            triples.append((subject.value, pred, obj.value))
    found = {(s, p, o): (rule, layer) for s, p, o, rule, layer in statements.values() if s and p and o}
    for s, pred, o in triples:
        if f"<{s}>" in skip:
            continue
        for n in (s, o):
            if n not in g:
                _add_node(g, n, labels, classes, aliases, attrs)
        name = local_name(pred)
        rule, layer = found.get((s, pred, o), (None, None))
        g.add_edge(s, o, key=name, predicate=name, derived=True, rule=rule, layer=layer, sources=())
