"""Facts -> RDF in the ``ca:`` vocabulary, with provenance.

The facts become N-Quads lines (:func:`nquad_lines`, the fast path for bulk
loading: plain strings, no rdflib objects); :func:`quads` and
:func:`to_dataset` read the same lines back as rdflib terms, so all three
always agree. Noted statements go to the default graph; each relation is
also reified in the provenance graph, with one ``prov:wasDerivedFrom`` per
note it came from. The same facts give the same quads, in the same order,
each once.

Examples
--------
>>> from graph.read.facts import Entity, Facts, Source
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
from itertools import chain
from urllib.parse import quote

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from graph.read.facts import Facts, Source
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

# N-Triples pieces of the terms every fact uses.
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
_DECIMAL = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
_INTEGER = "^^<http://www.w3.org/2001/XMLSchema#integer>"
# Line endings: the default graph, and the provenance graph.
_END = " .\n"
_IN_PROVENANCE = f" <{PROVENANCE_GRAPH}> .\n"

_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
_ESCAPED = re.compile(r"\\(.)")


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


def _string(text: str) -> str:
    """A plain string literal in N-Triples, escaping ``\\ " \\n \\r``.

    >>> print(_string('say "hi" \\\\ bye\\n'))
    "say \\"hi\\" \\\\ bye\\n"
    """
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text or "\r" in text:
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


class _Lines:
    """Turns facts into N-Quads lines, caching the IRI strings of keys, terms, units and notes."""

    def __init__(self) -> None:
        self.entities: dict[str, str] = {}  # key -> "<cid:key>"
        self.terms: dict[str, str] = {}  # local name -> "<ca:name>"
        self.units: dict[str, str] = {}  # local name -> "<unit:name>"
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
            try:
                iri = self.terms[name] = f"<{CA[name]}>"
            except AttributeError:
                raise ValueError(f"{name!r} is not a term of the CloudAtlas ontology") from None
        return iri

    def unit(self, name: str) -> str:
        iri = self.units.get(name)
        if iri is None:
            iri = self.units[name] = f"<{UNIT}{_quote(name)}>"
        return iri

    def note(self, source: Source, out: list[str]) -> str:
        """The note IRI of a source; appends the note's lines to ``out`` the first time."""
        where = (source.file, source.line)
        iri = self.notes.get(where)
        if iri is None:
            prefix = self.files.get(source.file)
            if prefix is None:
                prefix = self.files[source.file] = f"<{CNOTE}{_quote(source.file)}-L"
            line = str(int(source.line))
            iri = self.notes[where] = f"{prefix}{line}>"
            out.append(f"{iri} {_TYPE} {_NOTE}{_END}")
            out.append(f"{iri} {_SOURCE_FILE} {_string(source.file)}{_END}")
            out.append(f'{iri} {_LINE} "{line}"{_INTEGER}{_END}')
            out.append(f"{iri} {_TEXT} {_string(source.text)}{_END}")
        if source.inferred_subject is not None:
            inferred = (iri, source.inferred_subject, source.inferred_by)
            if inferred not in self.inferred:
                self.inferred.add(inferred)
                out.append(f"{iri} {_INFERRED_SUBJECT} {self.entity(source.inferred_subject)}{_END}")
                if source.inferred_by is not None:
                    out.append(f"{iri} {_INFERRED_BY} {_string(source.inferred_by)}{_END}")
        return iri

    def derived_from(self, subject: str, sources: tuple[Source, ...], out: list[str]) -> None:
        """``subject prov:wasDerivedFrom note`` once per distinct note, and the notes' lines."""
        seen: set[str] = set()
        for source in sources:
            note = self.note(source, out)
            if note not in seen:
                seen.add(note)
                out.append(f"{subject} {_DERIVED_FROM} {note}{_END}")


def _batches(facts: Facts) -> Iterator[list[str]]:
    """Every N-Quads line of the facts, each once, in a fixed order, in small batches.

    Lines are distinct by construction; only the lines of a key given to more
    than one entity or limit, which may repeat, go through a set of lines seen.
    """
    lines = _Lines()
    keys = Counter(entity.key for entity in facts.entities)
    keys.update(limit.key for limit in facts.limits)
    shared = {key for key, count in keys.items() if count > 1}
    seen: set[str] = set()

    def once(batch: list[str]) -> list[str]:
        fresh = [line for line in dict.fromkeys(batch) if line not in seen]
        seen.update(fresh)
        return fresh

    out: list[str] = []
    for source in facts.notes:
        lines.note(source, out)
    yield out

    for entity in facts.entities:
        out = []
        s = lines.entity(entity.key)
        for name in dict.fromkeys(entity.classes):
            out.append(f"{s} {_TYPE} {lines.term(name)}{_END}")
        out.append(f"{s} {_LABEL} {_string(entity.label)}{_END}")
        for alias in dict.fromkeys(entity.aliases):
            out.append(f"{s} {_ALT_LABEL} {_string(alias)}{_END}")
        if entity.comment:
            out.append(f"{s} {_COMMENT} {_string(entity.comment)}{_END}")
        lines.derived_from(s, entity.sources, out)
        yield once(out) if entity.key in shared else out

    # Noted relations may repeat what a limit says (ca:hasLimit, ca:limitOf).
    limit_triples: set[tuple[str, str, str]] = set()
    for limit in facts.limits:
        out = []
        s = lines.entity(limit.key)
        service, bounds = lines.entity(limit.service), lines.entity(limit.bounds)
        limit_triples.add((service, _HAS_LIMIT, s))
        limit_triples.add((s, _LIMIT_OF, bounds))
        out.append(f"{s} {_TYPE} {_LIMIT}{_END}")
        out.append(f"{s} {_LABEL} {_string(limit.label)}{_END}")
        out.append(f"{s} {_LIMIT_OF} {bounds}{_END}")
        if limit.min is not None:
            out.append(f'{s} {_MIN_VALUE} "{decimal_lexical(limit.min)}"{_DECIMAL}{_END}')
        if limit.max is not None:
            out.append(f'{s} {_MAX_VALUE} "{decimal_lexical(limit.max)}"{_DECIMAL}{_END}')
        out.append(f"{s} {_UNIT} {lines.unit(limit.unit)}{_END}")
        lines.derived_from(s, limit.sources, out)
        out.append(f"{service} {_HAS_LIMIT} {s}{_END}")
        yield once(out) if limit.key in shared else out

    statements: dict[tuple[str, str, str], str] = {}
    derivations: set[tuple[str, str]] = set()
    out = []
    entities = lines.entities
    for relation in facts.relations:
        s = entities.get(relation.subject) or lines.entity(relation.subject)
        o = entities.get(relation.object) or lines.entity(relation.object)
        p = lines.term(relation.predicate)
        triple = (s, p, o)
        note = lines.note(relation.source, out)
        stmt = statements.get(triple)
        if stmt is None:
            stmt = statements[triple] = f"<{statement_iri(s[1:-1], p[1:-1], o[1:-1])}>"
            if triple not in limit_triples:
                out.append(f"{s} {p} {o}{_END}")
            out.append(f"{stmt} {_TYPE} {_RDF_STATEMENT}{_IN_PROVENANCE}")
            out.append(f"{stmt} {_RDF_SUBJECT} {s}{_IN_PROVENANCE}")
            out.append(f"{stmt} {_RDF_PREDICATE} {p}{_IN_PROVENANCE}")
            out.append(f"{stmt} {_RDF_OBJECT} {o}{_IN_PROVENANCE}")
        if (stmt, note) not in derivations:
            derivations.add((stmt, note))
            out.append(f"{stmt} {_DERIVED_FROM} {note}{_IN_PROVENANCE}")
        if len(out) > 512:
            yield out
            out = []
    yield out


def nquad_lines(facts: Facts) -> Iterator[str]:
    """The facts as N-Quads lines, each ending in a newline (the fast path).

    Plain strings, no rdflib objects; feed them to
    :meth:`graph.rdf.store.Store.load_ntriples_lines`. Literals are escaped per
    the N-Triples grammar and IRIs are percent-encoded where needed.

    Parameters
    ----------
    facts : Facts
        What extraction found.

    Returns
    -------
    Iterator[str]
        N-Quads lines ``<s> <p> o [<g>] .\\n``, each distinct line once.

    Examples
    --------
    >>> from graph.read.facts import Facts, Relation, Source
    >>> lines = list(nquad_lines(Facts(relations=(Relation("dax", "caches", "dynamodb", Source("a.md", 1, "DAX")),))))
    >>> lines[4]
    '<https://w3id.org/cloudatlas/id/dax> <https://w3id.org/cloudatlas/ontology#caches> \
<https://w3id.org/cloudatlas/id/dynamodb> .\\n'
    >>> lines[5].split()[-2]
    '<https://w3id.org/cloudatlas/graph/provenance>'
    """
    return chain.from_iterable(_batches(facts))


def _unescape(text: str) -> str:
    r"""Undo N-Triples string escapes.

    >>> _unescape(r'a \"b\" \\ c\nd') == 'a "b" \\ c\nd'
    True
    """
    return _ESCAPED.sub(lambda match: _UNESCAPES[match.group(1)], text) if "\\" in text else text


def quads(facts: Facts) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
    """The facts as quads of rdflib terms; graph ``None`` is the default graph.

    The same quads as :func:`nquad_lines`, in the same order.

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
    >>> from graph.read.facts import Entity, Facts
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

    # Our own lines only: IRIs hold no spaces or quotes, a literal's last quote ends it.
    for line in nquad_lines(facts):
        s, p, rest = line[: -len(_END)].split(" ", 2)
        if rest.startswith("<"):
            o, _, g = rest.partition(" ")
            obj: Node = iri(o)
        else:
            lexical, _, tail = rest.rpartition('"')
            datatype, _, g = tail.partition(" ")
            value = _unescape(lexical[1:])
            obj = Literal(value, datatype=iri(datatype[2:])) if datatype else Literal(value)
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
    >>> from graph.read.facts import Entity, Facts, Relation, Source
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
        if g is None:
            default.add((s, p, o))
        else:
            if g not in named:
                named[g] = ds.graph(g)
            named[g].add((s, p, o))
    return ds
