"""Facts -> RDF in the ``ca:`` vocabulary, with provenance.

One generator of rows drives three outputs: :func:`nquad_lines` (N-Quads
text for bulk loading, the fast path, no rdflib objects), :func:`quads`
(rdflib terms) and :func:`to_dataset` (an :class:`rdflib.Dataset`). Noted
statements go to the default graph; each relation is also reified in the
provenance graph, with one ``prov:wasDerivedFrom`` per note it came from.
The same facts always give the same quads, in the same order, each once.

Examples
--------
>>> from graph.facts import Entity, Facts, Source
>>> src = Source("aws.md", 3, "## RDS")
>>> facts = Facts(entities=(Entity("rds", "RDS", ("DatabaseService",), sources=(src,)),))
>>> print("".join(nquad_lines(facts)), end="")  # doctest: +NORMALIZE_WHITESPACE
<https://w3id.org/cloudatlas/id/rds> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
<https://w3id.org/cloudatlas/ontology#DatabaseService> .
<https://w3id.org/cloudatlas/id/rds> <http://www.w3.org/2000/01/rdf-schema#label> "RDS" .
<https://w3id.org/cloudatlas/note/aws.md-L3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
<https://w3id.org/cloudatlas/ontology#Note> .
<https://w3id.org/cloudatlas/note/aws.md-L3> <https://w3id.org/cloudatlas/ontology#sourceFile> "aws.md" .
<https://w3id.org/cloudatlas/note/aws.md-L3> <https://w3id.org/cloudatlas/ontology#line> \
"3"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://w3id.org/cloudatlas/note/aws.md-L3> <https://w3id.org/cloudatlas/ontology#text> "## RDS" .
<https://w3id.org/cloudatlas/id/rds> <http://www.w3.org/ns/prov#wasDerivedFrom> \
<https://w3id.org/cloudatlas/note/aws.md-L3> .
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import quote

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from graph.facts import Facts, Source
from ontology.vocab import CA, CID, CNOTE, PROV, PROVENANCE_GRAPH, STMT, UNIT

__all__ = [
    "to_dataset",
    "quads",
    "nquad_lines",
    "entity_iri",
    "note_iri",
    "statement_iri",
    "decimal_lexical",
]

_SAFE = "-._~"
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")

# A row is (subject, predicate, object, datatype, graph) as N-Triples pieces:
# subject, predicate and graph are "<iri>" (graph "" for the default graph);
# the object is "<iri>" when datatype is None, else the literal's lexical form,
# with datatype "" for a plain string or "^^<iri>" for a typed literal.
_Row = tuple[str, str, str, "str | None", str]

_TYPE = f"<{RDF.type}>"
_LABEL = f"<{RDFS.label}>"
_ALT_LABEL = f"<{SKOS.altLabel}>"
_COMMENT = f"<{RDFS.comment}>"
_DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"
_RDF_STATEMENT = f"<{RDF.Statement}>"
_RDF_SUBJECT = f"<{RDF.subject}>"
_RDF_PREDICATE = f"<{RDF.predicate}>"
_RDF_OBJECT = f"<{RDF.object}>"
_NOTE = f"<{CA.Note}>"
_LIMIT = f"<{CA.Limit}>"
_SOURCE_FILE = f"<{CA.sourceFile}>"
_LINE = f"<{CA.line}>"
_TEXT = f"<{CA.text}>"
_INFERRED_SUBJECT = f"<{CA.inferredSubject}>"
_INFERRED_BY = f"<{CA.inferredBy}>"
_LIMIT_OF = f"<{CA.limitOf}>"
_MIN_VALUE = f"<{CA.minValue}>"
_MAX_VALUE = f"<{CA.maxValue}>"
_UNIT = f"<{CA.unit}>"
_HAS_LIMIT = f"<{CA.hasLimit}>"
_PROVENANCE = f"<{PROVENANCE_GRAPH}>"
_DEFAULT = ""
_PLAIN = ""
_XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
_XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
_DECIMAL = f"^^<{_XSD_DECIMAL}>"
_INTEGER = f"^^<{_XSD_INTEGER}>"

_DATATYPES: dict[str, URIRef] = {_DECIMAL: _XSD_DECIMAL, _INTEGER: _XSD_INTEGER}


def _quote(text: str) -> str:
    """Percent-encode all but unreserved characters (quick when there are none).

    >>> _quote("rds-read-replicas"), _quote("a b/ü")
    ('rds-read-replicas', 'a%20b%2F%C3%BC')
    """
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe=_SAFE)


def entity_iri(key: str) -> str:
    """The ``cid:`` IRI of an entity or limit key.

    Keys are slugs; anything else is percent-encoded so the IRI stays valid.

    >>> entity_iri("read-replicas")
    'https://w3id.org/cloudatlas/id/read-replicas'
    >>> entity_iri("a b/c")
    'https://w3id.org/cloudatlas/id/a%20b%2Fc'
    """
    return f"{CID}{_quote(key)}"


def note_iri(file: str, line: int) -> str:
    """The ``cnote:`` IRI of a line of a notes file.

    >>> note_iri("aws.md", 13)
    'https://w3id.org/cloudatlas/note/aws.md-L13'
    >>> note_iri("db/aws notes.md", 2)
    'https://w3id.org/cloudatlas/note/db%2Faws%20notes.md-L2'
    """
    return f"{CNOTE}{_quote(file)}-L{int(line)}"


def statement_iri(subject: str, predicate: str, obj: str) -> str:
    """The IRI of the reified statement ``subject predicate obj`` (full IRIs).

    The first 16 hex digits of the SHA-1 of the three IRIs joined by spaces,
    so the same triple always gets the same statement node.

    >>> statement_iri("https://e.org/s", "https://e.org/p", "https://e.org/o")
    'https://w3id.org/cloudatlas/statement/f1bbb47aba3ac87c'
    """
    digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()
    return f"{STMT}{digest[:16]}"


def decimal_lexical(value: Decimal | int) -> str:
    """The canonical ``xsd:decimal`` lexical form: no exponent, no trailing zeros.

    >>> [decimal_lexical(Decimal(x)) for x in ("5", "5.00", "0.250", "1E+3", "-0")]
    ['5', '5', '0.25', '1000', '0']
    """
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite decimal: {value!r}")
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _class_iri(name: str) -> str:
    """``<ca:name>`` for a class or property local name that the ontology declares."""
    try:
        return f"<{CA[name]}>"
    except AttributeError:
        raise ValueError(f"{name!r} is not a term of the CloudAtlas ontology") from None


class _Rows:
    """Turns facts into rows, caching the IRI strings of keys, terms, units and notes."""

    def __init__(self) -> None:
        self.entities: dict[str, str] = {}
        self.terms: dict[str, str] = {}
        self.units: dict[str, str] = {}
        self.files: dict[str, str] = {}  # file -> "<cnote:file-L"
        self.notes: dict[tuple[str, int], str] = {}  # (file, line) -> "<cnote:file-Lline>"
        self.inferred: set[tuple[str, str, str | None]] = set()

    def entity(self, key: str) -> str:
        iri = self.entities.get(key)
        if iri is None:
            iri = self.entities[key] = f"<{entity_iri(key)}>"
        return iri

    def term(self, name: str) -> str:
        iri = self.terms.get(name)
        if iri is None:
            iri = self.terms[name] = _class_iri(name)
        return iri

    def unit(self, name: str) -> str:
        iri = self.units.get(name)
        if iri is None:
            iri = self.units[name] = f"<{UNIT}{_quote(name)}>"
        return iri

    def note(self, source: Source, out: list[_Row]) -> str:
        """The note IRI of a source; appends the note's triples to ``out`` the first time."""
        where = (source.file, source.line)
        iri = self.notes.get(where)
        if iri is None:
            prefix = self.files.get(source.file)
            if prefix is None:
                prefix = self.files[source.file] = f"<{CNOTE}{_quote(source.file)}-L"
            line = str(int(source.line))
            iri = self.notes[where] = f"{prefix}{line}>"
            out.append((iri, _TYPE, _NOTE, None, _DEFAULT))
            out.append((iri, _SOURCE_FILE, source.file, _PLAIN, _DEFAULT))
            out.append((iri, _LINE, line, _INTEGER, _DEFAULT))
            out.append((iri, _TEXT, source.text, _PLAIN, _DEFAULT))
        if source.inferred_subject is not None:
            inferred = (iri, source.inferred_subject, source.inferred_by)
            if inferred not in self.inferred:
                self.inferred.add(inferred)
                out.append((iri, _INFERRED_SUBJECT, self.entity(source.inferred_subject), None, _DEFAULT))
                if source.inferred_by is not None:
                    out.append((iri, _INFERRED_BY, source.inferred_by, _PLAIN, _DEFAULT))
        return iri

    def derived_from(self, subject: str, sources: tuple[Source, ...], out: list[_Row]) -> None:
        """``subject prov:wasDerivedFrom note`` once per distinct note, and the notes' triples."""
        if len(sources) == 1:
            out.append((subject, _DERIVED_FROM, self.note(sources[0], out), None, _DEFAULT))
            return
        seen: set[str] = set()
        for source in sources:
            note = self.note(source, out)
            if note not in seen:
                seen.add(note)
                out.append((subject, _DERIVED_FROM, note, None, _DEFAULT))


def _batches(facts: Facts) -> Iterator[list[_Row]]:
    """Every row of the facts, each once, in a fixed order, in small batches.

    Rows are distinct by construction; only the rows of a key given to more
    than one entity or limit, which may repeat, go through a set of rows seen.
    """
    rows = _Rows()
    out: list[_Row] = []
    keys = Counter(entity.key for entity in facts.entities)
    keys.update(limit.key for limit in facts.limits)
    shared = {key for key, count in keys.items() if count > 1}
    seen: set[_Row] = set()

    def once(batch: list[_Row]) -> list[_Row]:
        fresh = [row for row in dict.fromkeys(batch) if row not in seen]
        seen.update(fresh)
        return fresh

    for source in facts.notes:
        rows.note(source, out)
    yield out
    out = []

    for entity in facts.entities:
        s = rows.entity(entity.key)
        for name in dict.fromkeys(entity.classes):
            out.append((s, _TYPE, rows.term(name), None, _DEFAULT))
        out.append((s, _LABEL, entity.label, _PLAIN, _DEFAULT))
        for alias in dict.fromkeys(entity.aliases):
            out.append((s, _ALT_LABEL, alias, _PLAIN, _DEFAULT))
        if entity.comment:
            out.append((s, _COMMENT, entity.comment, _PLAIN, _DEFAULT))
        rows.derived_from(s, entity.sources, out)
        yield once(out) if entity.key in shared else out
        out = []

    # Noted relations may repeat what a limit says (ca:hasLimit, ca:limitOf).
    limit_triples: set[tuple[str, str, str]] = set()
    for limit in facts.limits:
        s = rows.entity(limit.key)
        service, bounds = rows.entity(limit.service), rows.entity(limit.bounds)
        limit_triples.add((service, _HAS_LIMIT, s))
        limit_triples.add((s, _LIMIT_OF, bounds))
        out.append((s, _TYPE, _LIMIT, None, _DEFAULT))
        out.append((s, _LABEL, limit.label, _PLAIN, _DEFAULT))
        out.append((s, _LIMIT_OF, bounds, None, _DEFAULT))
        if limit.min is not None:
            out.append((s, _MIN_VALUE, decimal_lexical(limit.min), _DECIMAL, _DEFAULT))
        if limit.max is not None:
            out.append((s, _MAX_VALUE, decimal_lexical(limit.max), _DECIMAL, _DEFAULT))
        out.append((s, _UNIT, rows.unit(limit.unit), None, _DEFAULT))
        rows.derived_from(s, limit.sources, out)
        out.append((service, _HAS_LIMIT, s, None, _DEFAULT))
        yield once(out) if limit.key in shared else out
        out = []

    statements: dict[tuple[str, str, str], str] = {}
    derivations: set[tuple[str, str]] = set()
    for relation in facts.relations:
        triple = s, p, o = rows.entity(relation.subject), rows.term(relation.predicate), rows.entity(relation.object)
        note = rows.note(relation.source, out)
        stmt = statements.get(triple)
        if stmt is None:
            stmt = statements[triple] = f"<{statement_iri(s[1:-1], p[1:-1], o[1:-1])}>"
            if triple not in limit_triples:
                out.append((s, p, o, None, _DEFAULT))
            out.append((stmt, _TYPE, _RDF_STATEMENT, None, _PROVENANCE))
            out.append((stmt, _RDF_SUBJECT, s, None, _PROVENANCE))
            out.append((stmt, _RDF_PREDICATE, p, None, _PROVENANCE))
            out.append((stmt, _RDF_OBJECT, o, None, _PROVENANCE))
            derivations.add((stmt, note))
            out.append((stmt, _DERIVED_FROM, note, None, _PROVENANCE))
        elif (stmt, note) not in derivations:
            derivations.add((stmt, note))
            out.append((stmt, _DERIVED_FROM, note, None, _PROVENANCE))
        if out:
            yield out
            out = []


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _escape(text: str) -> str:
    """Escape a literal's lexical form for N-Triples (``\\ " \\n \\r``).

    >>> print(_escape('a "b" \\\\ c\\nd'))
    a \\"b\\" \\\\ c\\nd
    """
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPES)
    return text


def nquad_lines(facts: Facts) -> Iterator[str]:
    """The facts as N-Quads lines, each ending in a newline (the fast path).

    Gives exactly the quads of :func:`quads`, without making rdflib objects;
    feed it to :meth:`graph.store.Store.load_ntriples_lines`.

    Parameters
    ----------
    facts : Facts
        What extraction found.

    Yields
    ------
    str
        One N-Quads line: ``<s> <p> o [<g>] .\\n``.

    Examples
    --------
    >>> from graph.facts import Facts, Relation, Source
    >>> lines = list(nquad_lines(Facts(relations=(Relation("dax", "caches", "dynamodb", Source("a.md", 1, "DAX")),))))
    >>> lines[4]
    '<https://w3id.org/cloudatlas/id/dax> <https://w3id.org/cloudatlas/ontology#caches> \
<https://w3id.org/cloudatlas/id/dynamodb> .\\n'
    >>> lines[5].split()[-2]
    '<https://w3id.org/cloudatlas/graph/provenance>'
    """
    for batch in _batches(facts):
        for s, p, o, datatype, g in batch:
            if datatype is not None:
                o = f'"{_escape(o)}"{datatype}'
            if g:
                yield f"{s} {p} {o} {g} .\n"
            else:
                yield f"{s} {p} {o} .\n"


def quads(facts: Facts) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
    """The facts as quads of rdflib terms; graph ``None`` is the default graph.

    Parameters
    ----------
    facts : Facts
        What extraction found.

    Yields
    ------
    tuple
        ``(subject, predicate, object, graph)``, each distinct quad once.

    Examples
    --------
    >>> from graph.facts import Entity, Facts
    >>> for quad in quads(Facts(entities=(Entity("oltp", "OLTP", ("Concept",)),))):
    ...     print(*(term.n3() if term is not None else None for term in quad))
    <https://w3id.org/cloudatlas/id/oltp> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
<https://w3id.org/cloudatlas/ontology#Concept> None
    <https://w3id.org/cloudatlas/id/oltp> <http://www.w3.org/2000/01/rdf-schema#label> "OLTP" None
    """
    iris: dict[str, URIRef] = {}

    def iri(text: str) -> URIRef:
        node = iris.get(text)
        if node is None:
            node = iris[text] = URIRef(text[1:-1])
        return node

    for batch in _batches(facts):
        for s, p, o, datatype, g in batch:
            if datatype is None:
                obj: Node = iri(o)
            elif datatype:
                obj = Literal(o, datatype=_DATATYPES[datatype])
            else:
                obj = Literal(o)
            yield iri(s), iri(p), obj, iri(g) if g else None


def to_dataset(facts: Facts) -> Dataset:
    """The facts as an rdflib dataset: the default graph and the provenance graph.

    Parameters
    ----------
    facts : Facts
        What extraction found.

    Returns
    -------
    rdflib.Dataset
        Noted statements in the default graph, their reifications in
        ``https://w3id.org/cloudatlas/graph/provenance``.

    Examples
    --------
    >>> from graph.facts import Entity, Facts, Relation, Source
    >>> facts = Facts(
    ...     entities=(Entity("emr", "EMR", ("AnalyticsService",)), Entity("spark", "Spark", ("Engine",))),
    ...     relations=(Relation("emr", "supportsEngine", "spark", Source("aws.md", 40, "EMR runs Spark")),),
    ... )
    >>> ds = to_dataset(facts)
    >>> len(ds.default_graph), len(ds.graph(PROVENANCE_GRAPH))
    (9, 5)
    """
    ds = Dataset()
    for prefix, namespace in (("ca", CA._NS), ("cid", CID), ("cnote", CNOTE), ("unit", UNIT), ("prov", PROV._NS)):
        ds.bind(prefix, namespace)
    default = ds.default_graph
    named = {PROVENANCE_GRAPH: ds.graph(PROVENANCE_GRAPH)}
    for s, p, o, g in quads(facts):
        graph = default if g is None else named.get(g) or named.setdefault(g, ds.graph(g))
        graph.add((s, p, o))
    return ds
