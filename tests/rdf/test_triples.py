"""Facts -> RDF: the vocabulary contract, provenance, escaping and the fast path."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from graph.rdf.store import Store
from graph.rdf.triples import decimal_lexical, entity_iri, note_iri, nquad_lines, quads, statement_iri, to_dataset
from graph.read.facts import Entity, Facts, Limit, Relation, Source
from ontology.vocab import CA, CID, CNOTE, PROV, PROVENANCE_GRAPH, STMT

# rdflib's own N-Quads and TriG plugins still use its deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parents[2]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREFIXES = """
@prefix ca: <https://w3id.org/cloudatlas/ontology#> .
@prefix cid: <https://w3id.org/cloudatlas/id/> .
@prefix cnote: <https://w3id.org/cloudatlas/note/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

LINE_13 = Source("aws.md", 13, "• Up to 5 read replicas")
WORKED_EXAMPLE = Facts(
    entities=(Entity("rds", "RDS", ("DatabaseService",), ("Relational Database Service",)),),
    limits=(
        Limit(
            "rds-read-replicas-max",
            "rds",
            "read-replicas",
            None,
            Decimal(5),
            "NUM",
            "RDS read replicas ≤ 5",
            (LINE_13,),
        ),
    ),
    relations=(Relation("rds", "hasFeature", "read-replicas", LINE_13),),
)


def trig(text: str) -> Dataset:
    return Dataset().parse(data=PREFIXES + text, format="trig")


def quad_set(facts: Facts) -> set[tuple]:
    return set(quads(facts))


def from_oxigraph(term) -> URIRef | Literal | None:
    """A pyoxigraph term as the rdflib term N-Quads parsing gives."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(term)


def parsed_by_oxigraph(data: bytes) -> set[tuple]:
    return {
        tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
    }


def parsed_by_rdflib(data: str) -> set[tuple]:
    ds = Dataset().parse(data=data, format="nquads")
    return {(s, p, o, None if g == ds.default_graph.identifier else g) for s, p, o, g in ds.quads()}


# A bit of everything: two files, duplicates, a range limit, a shared key, an inferred subject.
RICH = Facts(
    entities=(
        Entity(
            "rds",
            "RDS",
            ("DatabaseService", "Service"),
            ("Relational Database Service", "RDS"),
            "SQL, managed",
            (Source("aws.md", 5, "  • Relational Database Service RDS"),),
        ),
        Entity("multi-az", "Multi-AZ", ("Feature",), ("MAZ",), None, (Source("aws.md", 7, "Multi-AZ"),) * 2),
        Entity("aurora", "Aurora", ("DatabaseService",), sources=(Source("db/aurora notes.md", 1, "Aurora"),)),
        Entity("aurora", "Aurora", ("DatabaseService",)),
    ),
    limits=(
        Limit(
            "rds-retention-range",
            "rds",
            "retention",
            Decimal("1"),
            Decimal("35.0"),
            "DAY",
            "RDS retention 1–35 days",
            (Source("aws.md", 19, "(1-35 days)"),),
        ),
    ),
    relations=(
        Relation("multi-az", "notAvailableFor", "aurora", Source("aws.md", 7, "Multi-AZ")),
        Relation("rds", "hasFeature", "multi-az", Source("aws.md", 7, "Multi-AZ")),
        Relation("rds", "hasFeature", "multi-az", Source("aws.md", 12, "RR can be Multi-AZ")),
        Relation("rds", "hasFeature", "multi-az", Source("aws.md", 12, "RR can be Multi-AZ")),
        Relation("rds", "hasLimit", "rds-retention-range", Source("aws.md", 19, "(1-35 days)")),
        Relation(
            "aurora",
            "compatibleWith",
            "postgresql",
            Source("aws.md", 60, "• MySQL & PostgreSQL compatible", "aurora", "preceding-block"),
        ),
    ),
    notes=(Source("aws.md", 1, "AWS Notes"), Source("aws.md", 5, "  • Relational Database Service RDS")),
)


def test_worked_example_default_graph_is_exactly_the_contract():
    # The contract writes `ca:maxValue 5`; the property's range is xsd:decimal, so the value is "5"^^xsd:decimal.
    expected = trig("""
        cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service" ;
            ca:hasFeature cid:read-replicas ; ca:hasLimit cid:rds-read-replicas-max .
        cid:rds-read-replicas-max a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ;
            ca:limitOf cid:read-replicas ; ca:maxValue "5"^^xsd:decimal ; ca:unit unit:NUM ;
            prov:wasDerivedFrom cnote:aws.md-L13 .
        cnote:aws.md-L13 a ca:Note ; ca:sourceFile "aws.md" ; ca:line 13 ; ca:text "• Up to 5 read replicas" .
    """)
    ds = to_dataset(WORKED_EXAMPLE)
    assert isomorphic(ds.default_graph, expected.default_graph)


def test_worked_example_provenance_graph():
    stmt = statement_iri(CID["rds"], CA.hasFeature, CID["read-replicas"])
    assert stmt == "https://w3id.org/cloudatlas/statement/" + stmt[-16:]
    expected = trig(f"""
        GRAPH <{PROVENANCE_GRAPH}> {{
            <{stmt}> a rdf:Statement ; rdf:subject cid:rds ; rdf:predicate ca:hasFeature ;
                rdf:object cid:read-replicas ; prov:wasDerivedFrom cnote:aws.md-L13 .
        }}
    """)
    ds = to_dataset(WORKED_EXAMPLE)
    assert isomorphic(ds.graph(PROVENANCE_GRAPH), expected.graph(PROVENANCE_GRAPH))
    assert {g.identifier for g in ds.graphs()} == {ds.default_graph.identifier, PROVENANCE_GRAPH}


def test_statement_iri_is_pinned():
    # sha1("https://w3id.org/cloudatlas/id/rds https://w3id.org/cloudatlas/ontology#hasFeature
    #       https://w3id.org/cloudatlas/id/read-replicas")[:16], so it never changes between runs.
    assert statement_iri(CID["rds"], CA.hasFeature, CID["read-replicas"]) == str(STMT["43f627aaeb029645"])


def test_relation_is_reified_once_with_one_derivation_per_note():
    ds = to_dataset(RICH)
    prov = ds.graph(PROVENANCE_GRAPH)
    s, p, o = CID["rds"], CA.hasFeature, CID["multi-az"]
    assert (s, p, o) in ds.default_graph
    assert (s, p, o) not in prov
    stmts = set(prov.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"), s))
    stmts &= set(prov.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"), p))
    assert stmts == {URIRef(statement_iri(s, p, o))}
    assert set(prov.objects(stmts.pop(), PROV.wasDerivedFrom)) == {CNOTE["aws.md-L7"], CNOTE["aws.md-L12"]}
    assert not any(ds.default_graph.triples((None, PROV.wasDerivedFrom, CNOTE["aws.md-L12"])))


def test_noted_has_limit_is_reified_but_stored_once():
    lines = list(nquad_lines(RICH))
    has_limit = f"<{CID['rds']}> <{CA.hasLimit}> <{CID['rds-retention-range']}> .\n"
    assert lines.count(has_limit) == 1
    prov = to_dataset(RICH).graph(PROVENANCE_GRAPH)
    stmt = URIRef(statement_iri(CID["rds"], CA.hasLimit, CID["rds-retention-range"]))
    assert (stmt, PROV.wasDerivedFrom, CNOTE["aws.md-L19"]) in prov


def test_negation_stays_not_available_for():
    graph = to_dataset(RICH).default_graph
    a, b = CID["multi-az"], CID["aurora"]
    assert set(graph.predicates(a, b)) | set(graph.predicates(b, a)) == {CA.notAvailableFor}


def test_range_limit_sets_both_bounds_in_canonical_form():
    graph = to_dataset(RICH).default_graph
    limit = CID["rds-retention-range"]
    decimal = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    assert graph.value(limit, CA.minValue) == Literal("1", datatype=decimal)
    assert graph.value(limit, CA.maxValue) == Literal("35", datatype=decimal)
    assert graph.value(limit, CA.unit) == URIRef("http://qudt.org/vocab/unit/DAY")
    assert (CID["rds"], CA.hasLimit, limit) in graph


def test_entity_classes_aliases_comment_and_sources():
    graph = to_dataset(RICH).default_graph
    rds = CID["rds"]
    assert set(graph.objects(rds, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))) == {
        CA.DatabaseService,
        CA.Service,
    }
    assert set(graph.objects(rds, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))) == {
        Literal("Relational Database Service"),
        Literal("RDS"),
    }
    assert graph.value(rds, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) == Literal("SQL, managed")
    assert set(graph.objects(CID["multi-az"], PROV.wasDerivedFrom)) == {CNOTE["aws.md-L7"]}
    assert graph.value(CID["aurora"], PROV.wasDerivedFrom) == CNOTE["db%2Faurora%20notes.md-L1"]


def test_inferred_subject_is_recorded_on_the_note():
    graph = to_dataset(RICH).default_graph
    note = CNOTE["aws.md-L60"]
    assert graph.value(note, CA.inferredSubject) == CID["aurora"]
    assert graph.value(note, CA.inferredBy) == Literal("preceding-block")
    assert graph.value(note, CA.text) == Literal("• MySQL & PostgreSQL compatible")
    assert graph.value(CNOTE["aws.md-L7"], CA.inferredSubject) is None


def test_every_note_gets_its_triples_once():
    graph = to_dataset(RICH).default_graph
    notes = set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), CA.Note))
    expected = {"aws.md-L1", "aws.md-L5", "aws.md-L7", "aws.md-L12", "aws.md-L19", "aws.md-L60"}
    assert notes == {CNOTE[n] for n in expected} | {CNOTE["db%2Faurora%20notes.md-L1"]}
    for note in notes:
        for prop in (CA.sourceFile, CA.line, CA.text):
            assert len(list(graph.objects(note, prop))) == 1, (note, prop)
    integer = URIRef("http://www.w3.org/2001/XMLSchema#integer")
    assert graph.value(CNOTE["aws.md-L1"], CA.line) == Literal("1", datatype=integer)
    assert graph.value(CNOTE["aws.md-L1"], CA.sourceFile) == Literal("aws.md")


def test_lines_are_distinct_and_end_in_newline():
    lines = list(nquad_lines(RICH))
    assert len(lines) == len(set(lines))
    assert all(line.endswith(" .\n") and line.count("\n") == 1 for line in lines)
    assert len(list(quads(RICH))) == len(lines)


@pytest.mark.parametrize("facts", [WORKED_EXAMPLE, RICH, Facts()], ids=["worked-example", "rich", "empty"])
def test_fast_path_gives_the_same_quads(facts):
    text = "".join(nquad_lines(facts))
    expected = quad_set(facts)
    assert parsed_by_rdflib(text) == expected
    assert parsed_by_oxigraph(text.encode()) == expected


def test_fast_path_survives_a_store_round_trip():
    store = Store()
    store.load_ntriples_lines(nquad_lines(RICH))
    assert parsed_by_oxigraph(store.dump("nq")) == quad_set(RICH)


TRICKY = [
    'say "hi"',
    "back\\slash \\n not a newline",
    "two\nlines\r\nand CR",
    "tab\there ≤ 5 and it’s “quoted” — ünïcødé 🚀",
    '\\"',
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_literal_escaping_round_trips_through_oxigraph(text):
    facts = Facts(
        entities=(Entity("x", text, ("Concept",), (text + "!",), text or None, (Source("a b/ü’.md", 3, text),)),),
    )
    store = Store()
    store.load_ntriples_lines(nquad_lines(facts))
    rows = store.query(
        "SELECT ?label ?alt ?text ?file WHERE { cid:x rdfs:label ?label ; skos:altLabel ?alt ; "
        "prov:wasDerivedFrom ?n . ?n ca:text ?text ; ca:sourceFile ?file }"
    )
    (row,) = list(rows)
    assert [row["label"].value, row["alt"].value, row["text"].value, row["file"].value] == [
        text,
        text + "!",
        text,
        "a b/ü’.md",
    ]
    assert parsed_by_oxigraph(store.dump("nq")) == quad_set(facts)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_fuzz_any_text_round_trips(text):
    facts = Facts(notes=(Source(text or "f", 1, text),))
    assert parsed_by_oxigraph("".join(nquad_lines(facts)).encode()) == quad_set(facts)
    note = URIRef(note_iri(text or "f", 1))
    assert (note, CA.text, Literal(text), None) in quad_set(facts)


def test_iris_are_percent_encoded():
    assert entity_iri("a b") == "https://w3id.org/cloudatlas/id/a%20b"
    assert note_iri("notes/aws.md", 4) == "https://w3id.org/cloudatlas/note/notes%2Faws.md-L4"
    facts = Facts(relations=(Relation("a<b>", "mentions", 'c"d', Source("x.md", 1, "x")),))
    assert parsed_by_oxigraph("".join(nquad_lines(facts)).encode()) == quad_set(facts)


def test_decimal_lexical_is_canonical():
    assert [decimal_lexical(Decimal(x)) for x in ("5", "16.000", "0.25", "4E+2", "-0.0")] == [
        "5",
        "16",
        "0.25",
        "400",
        "0",
    ]
    with pytest.raises(ValueError, match="finite"):
        decimal_lexical(Decimal("NaN"))


def test_unknown_class_or_predicate_is_an_error():
    with pytest.raises(ValueError, match="hasFeatures"):
        list(nquad_lines(Facts(relations=(Relation("a", "hasFeatures", "b", Source("x.md", 1, "x")),))))
    with pytest.raises(ValueError, match="Databse"):
        list(nquad_lines(Facts(entities=(Entity("a", "A", ("Databse",)),))))


def test_same_facts_same_lines():
    again = Facts(*(tuple(getattr(RICH, f)) for f in ("entities", "limits", "relations", "notes")))
    assert list(nquad_lines(RICH)) == list(nquad_lines(again))
    assert list(quads(RICH)) == list(quads(again))


def test_same_lines_under_any_hash_seed():
    script = (
        "import sys; from tests.rdf.test_triples import RICH; from graph.rdf.triples import nquad_lines; "
        "sys.stdout.write(''.join(nquad_lines(RICH)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs.pop() == "".join(nquad_lines(RICH))


def test_dataset_has_prefixes_for_readable_turtle():
    text = to_dataset(WORKED_EXAMPLE).serialize(format="trig")
    for prefix in ("ca:", "cid:", "cnote:", "unit:", "prov:"):
        assert f"@prefix {prefix}" in text
    assert "cid:rds a ca:DatabaseService" in text
