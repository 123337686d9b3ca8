"""The example query library: every query loads, runs on the bundled notes, and the key ones find what they should."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from bench.synth import write_notes
from graph.errors import InputError
from graph.network.build import to_networkx
from graph.network.derive import add_derived
from graph.query.examples import (
    KINDS,
    ExampleQuery,
    load_examples,
    parse_example,
    query_kind,
    result_nodes,
    triples_graph,
    triples_turtle,
    without_prefixes,
)
from graph.query.sparql import run_query
from graph.rdf.pipeline import build_store
from graph.rdf.store import PREFIXES, Store
from ontology import QUERIES_DIR

EXAMPLES = load_examples()


@pytest.fixture(scope="module")
def store() -> Store:
    """The bundled notes with the derived relations, as the app shows them."""
    built = build_store()
    add_derived(built)
    return built


def _run(store: Store, name: str):
    example = next(e for e in EXAMPLES if e.name == name)
    return run_query(store, example.text, name=f"{name}.rq")


def test_library_has_at_least_twelve_named_examples() -> None:
    assert len(EXAMPLES) >= 12
    assert len({e.name for e in EXAMPLES}) == len(EXAMPLES)
    assert len({e.title for e in EXAMPLES}) == len(EXAMPLES)


def test_examples_are_sorted_by_title() -> None:
    titles = [e.title.casefold() for e in EXAMPLES]
    assert titles == sorted(titles)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_has_a_title_description_and_form(example: ExampleQuery) -> None:
    assert example.title.strip() and not example.title.startswith("#")
    assert len(example.description) > 20
    assert example.kind in KINDS
    assert (QUERIES_DIR / f"{example.name}.rq").is_file()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_runs_on_the_bundled_notes(store: Store, example: ExampleQuery) -> None:
    result = run_query(store, example.text, name=f"{example.name}.rq")
    expected = {"select": "select", "ask": "ask", "construct": "graph", "describe": "graph"}[example.kind]
    assert result.kind == expected
    assert not result.truncated
    # As the app's editor shows it: the pre-declared prefixes left out, the same answer.
    short = without_prefixes(example.text, PREFIXES)
    assert "PREFIX cid:" not in short
    assert run_query(store, short, name=f"{example.name}.rq") == result


def test_rds_limits(store: Store) -> None:
    rows = _run(store, "rds-limits").rows
    bounds = {row["bounds"]: row for row in rows}
    assert bounds["Read Replicas"]["max"] == "5"
    assert {row["file"] for row in rows} == {"rds.md"}
    assert all(row["line"] for row in rows)


def test_dms_targets_include_redshift(store: Store) -> None:
    names = {row["name"] for row in _run(store, "dms-targets").rows}
    assert "Redshift" in names
    assert "DynamoDB" in names


def test_caches_in_front_of_dynamodb_include_dax(store: Store) -> None:
    rows = _run(store, "caches-of-dynamodb").rows
    dax = [row for row in rows if row["name"] == "DAX"]
    assert {row["origin"] for row in dax} >= {"noted"}
    assert any(row["file"] == "caching.md" for row in dax)


def test_not_available_for_aurora_includes_multi_az(store: Store) -> None:
    rows = _run(store, "not-available-for-aurora").rows
    assert [row["name"] for row in rows] == ["Multi-AZ"]
    assert "not available for Aurora" in rows[0]["text"]


def test_long_backup_retention_is_over_thirty_days(store: Store) -> None:
    rows = _run(store, "long-backup-retention").rows
    assert rows
    assert all(float(row["days"]) > 30 for row in rows)


def test_describe_aurora_returns_triples_about_aurora(store: Store) -> None:
    result = _run(store, "describe-aurora")
    assert result.kind == "graph"
    assert any(s == "https://w3id.org/cloudatlas/id/aurora" for s, _, _ in result.triples)


def test_noted_vs_computed_has_both(store: Store) -> None:
    origins = {row["origin"] for row in _run(store, "noted-vs-computed").rows}
    assert origins == {"noted", "computed"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o }", "select", id="select"),
        pytest.param("ask { ?s ?p ?o }", "ask", id="lowercase-ask"),
        pytest.param("# select nothing\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct", id="comment"),
        pytest.param("PREFIX x: <https://e.org/ask#>\nDESCRIBE x:a", "describe", id="iri"),
        pytest.param('ASK { ?s ?p "select" }', "ask", id="string"),
        pytest.param("PREFIX x: <https://e.org/>", "", id="no-form"),
    ],
)
def test_query_kind(text: str, kind: str) -> None:
    assert query_kind(text) == kind


def test_a_file_without_description_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.rq").write_text("# title: Bad\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.rq:1: missing '# description:' line"):
        load_examples(tmp_path)


def test_headers_only_count_before_the_query() -> None:
    example = parse_example("q", "# title: T\n# description: D\nSELECT * WHERE { ?s ?p ?o }\n# title: later\n")
    assert (example.title, example.description) == ("T", "D")


CID = "https://w3id.org/cloudatlas/id/"
CA = "https://w3id.org/cloudatlas/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_triples_turtle_parses_to_the_same_graph() -> None:
    triples = [
        (CID + "dax", TYPE, CA + "CacheService"),
        (CID + "dax", CA + "caches", CID + "dynamodb"),
        (CID + "dax", LABEL, "DAX"),
        (CID + "dynamodb", LABEL, 'Dynamo "DB"'),
    ]
    expected = Graph()
    expected.add((URIRef(CID + "dax"), URIRef(TYPE), URIRef(CA + "CacheService")))
    expected.add((URIRef(CID + "dax"), URIRef(CA + "caches"), URIRef(CID + "dynamodb")))
    expected.add((URIRef(CID + "dax"), URIRef(LABEL), Literal("DAX")))
    expected.add((URIRef(CID + "dynamodb"), URIRef(LABEL), Literal('Dynamo "DB"')))
    text = triples_turtle(triples)
    assert "@prefix cid:" in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)


def test_describe_result_turtle_round_trips(store: Store) -> None:
    result = _run(store, "describe-aurora")
    parsed = Graph().parse(data=triples_turtle(result.triples), format="turtle")
    assert len(parsed) == len(set(result.triples))


def test_triples_graph_takes_labels_and_classes_from_the_whole_graph(store: Store) -> None:
    known = to_networkx(store)
    g = triples_graph([(CID + "dax", CA + "caches", CID + "dynamodb")], known)
    assert g.nodes[CID + "dynamodb"]["label"] == "DynamoDB"
    assert "DatabaseService" in g.nodes[CID + "dynamodb"]["classes"]
    assert list(g.edges(keys=True)) == [(CID + "dax", CID + "dynamodb", "caches")]


def test_result_nodes_keeps_graph_nodes_only(store: Store) -> None:
    result = _run(store, "dms-targets")
    nodes = result_nodes(result.raw_rows, to_networkx(store))
    assert CID + "redshift" in nodes
    assert "Redshift" not in nodes
    assert len(nodes) == len(set(nodes))


# --- The rewritten examples answer as their plain forms ----------------------------------------
#
# Some examples are written so that the embedded store answers them fast on large graphs: names
# looked up once per thing or read in one pass over the labels, counts made before names are
# joined, notes lines fetched limit by limit. Each must give the rows of its plain form below, on
# the bundled notes, on synthetic notes, and on small data holding the cases a rewrite must keep:
# things without a label or with two, limits without ca:limitOf or with two, notes without a line
# or with two.

PLAIN = {
    "engines-per-service": """
SELECT ?service (SAMPLE(?serviceLabel) AS ?name) (COUNT(DISTINCT ?engine) AS ?count)
       (GROUP_CONCAT(DISTINCT ?engineName; separator=", ") AS ?engines)
WHERE {
  ?service ca:supportsEngine ?engine .
  OPTIONAL { ?service rdfs:label ?serviceLabel }
  OPTIONAL { ?engine rdfs:label ?engineLabel }
  BIND (COALESCE(?engineLabel, STRAFTER(STR(?engine), STR(cid:))) AS ?engineName)
}
GROUP BY ?service
ORDER BY DESC(?count) ?name
""",
    "shared-features": """
SELECT ?feature (SAMPLE(?featureLabel) AS ?name) (COUNT(DISTINCT ?service) AS ?services)
       (GROUP_CONCAT(DISTINCT ?serviceName; separator=", ") AS ?offeredBy)
WHERE {
  ?service ca:hasFeature ?feature .
  OPTIONAL { ?feature rdfs:label ?featureLabel }
  OPTIONAL { ?service rdfs:label ?serviceLabel }
  BIND (COALESCE(?serviceLabel, STRAFTER(STR(?service), STR(cid:))) AS ?serviceName)
}
GROUP BY ?feature
HAVING (COUNT(DISTINCT ?service) > 1)
ORDER BY DESC(?services) ?name
""",
    "largest-sizes": """
SELECT ?name ?bounds ?max ?unit ?bytes ?file ?line
WHERE {
  VALUES (?unitIri ?factor) {
    (unit:BYTE 1) (unit:KiloBYTE 1000) (unit:MegaBYTE 1000000) (unit:GigaBYTE 1000000000)
    (unit:TeraBYTE 1000000000000) (unit:PetaBYTE 1000000000000000)
  }
  ?service ca:hasLimit ?limit .
  ?limit ca:maxValue ?max ; ca:unit ?unitIri .
  OPTIONAL { ?service rdfs:label ?name }
  OPTIONAL { ?limit ca:limitOf ?bounded OPTIONAL { ?bounded rdfs:label ?boundedLabel } }
  BIND (COALESCE(?boundedLabel, STRAFTER(STR(?bounded), STR(cid:))) AS ?bounds)
  BIND (?max * ?factor AS ?bytes)
  BIND (STRAFTER(STR(?unitIri), STR(unit:)) AS ?unit)
  OPTIONAL { ?limit prov:wasDerivedFrom ?note . ?note ca:sourceFile ?file ; ca:line ?line . }
}
ORDER BY DESC(?bytes) ?name
""",
    "long-backup-retention": """
SELECT ?service ?name ?bounds ?max ?unit ?days ?file ?line
WHERE {
  VALUES (?unitIri ?perDay) {
    (unit:DAY 1) (unit:HR 24) (unit:MIN 1440) (unit:SEC 86400) (unit:MilliSEC 86400000)
  }
  ?service ca:hasLimit ?limit .
  ?limit ca:maxValue ?max ; ca:unit ?unitIri .
  OPTIONAL { ?service rdfs:label ?name }
  OPTIONAL { ?limit rdfs:label ?limitLabel }
  OPTIONAL { ?limit ca:limitOf ?bounded OPTIONAL { ?bounded rdfs:label ?boundedLabel } }
  BIND (COALESCE(?boundedLabel, STRAFTER(STR(?bounded), STR(cid:)), "") AS ?bounds)
  FILTER (REGEX(CONCAT(?bounds, " ", COALESCE(?limitLabel, "")), "backup|retention|recovery|pitr|snapshot", "i"))
  FILTER (!REGEX(CONCAT(?bounds, " ", COALESCE(?limitLabel, "")), "message|stream|record", "i"))
  BIND (?max / ?perDay AS ?days)
  FILTER (?days > 30)
  BIND (STRAFTER(STR(?unitIri), STR(unit:)) AS ?unit)
  OPTIONAL { ?limit prov:wasDerivedFrom ?note . ?note ca:sourceFile ?file ; ca:line ?line . }
}
ORDER BY DESC(?days) ?name
""",
    "read-replica-limits": """
SELECT ?name ?bounds ?max ?limitLabel ?file ?line
WHERE {
  ?service ca:hasLimit ?limit .
  ?limit ca:maxValue ?max .
  OPTIONAL { ?service rdfs:label ?name }
  OPTIONAL { ?limit rdfs:label ?limitLabel }
  OPTIONAL { ?limit ca:limitOf ?bounded OPTIONAL { ?bounded rdfs:label ?boundedLabel } }
  BIND (COALESCE(?boundedLabel, STRAFTER(STR(?bounded), STR(cid:)), "") AS ?bounds)
  FILTER (REGEX(CONCAT(?bounds, " ", COALESCE(?limitLabel, "")), "replica", "i"))
  OPTIONAL { ?limit prov:wasDerivedFrom ?note . ?note ca:sourceFile ?file ; ca:line ?line . }
}
ORDER BY DESC(?max) ?name
""",
    "noted-vs-computed": """
SELECT ?subjectName ?relation ?objectName ?origin ?rule ?ruleLabel
WHERE {
  {
    VALUES ?p {
      ca:hasFeature ca:supportsEngine ca:compatibleWith ca:caches
      ca:migrationSource ca:migrationTarget ca:notAvailableFor
    }
    ?s ?p ?o .
    BIND ("noted" AS ?origin)
  }
  UNION
  {
    GRAPH <https://w3id.org/cloudatlas/graph/derived> {
      ?s ?p ?o .
      FILTER (isIRI(?o) && STRSTARTS(STR(?s), STR(cid:)) && STRSTARTS(STR(?o), STR(cid:)))
      FILTER (?p NOT IN (rdf:type, rdf:subject, rdf:object, ca:derivedBy, prov:wasDerivedFrom))
    }
    OPTIONAL {
      GRAPH <https://w3id.org/cloudatlas/graph/derived> {
        ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ca:derivedBy ?rule .
      }
      OPTIONAL {
        { ?rule rdfs:label ?ruleLabel }
        UNION
        { GRAPH <https://w3id.org/cloudatlas/graph/derived> { ?rule rdfs:label ?ruleLabel } }
      }
    }
    BIND ("computed" AS ?origin)
  }
  OPTIONAL { ?s rdfs:label ?sLabel }
  OPTIONAL { ?o rdfs:label ?oLabel }
  BIND (COALESCE(?sLabel, STRAFTER(STR(?s), STR(cid:))) AS ?subjectName)
  BIND (COALESCE(?oLabel, STRAFTER(STR(?o), STR(cid:))) AS ?objectName)
  BIND (STRAFTER(STR(?p), STR(ca:)) AS ?relation)
}
ORDER BY ?origin ?relation ?subjectName ?objectName
""",
    "rds-limits": """
SELECT ?limit ?label ?bounds ?min ?max ?unit ?file ?line ?text
WHERE {
  VALUES ?service { cid:rds }
  ?service ca:hasLimit ?limit .
  ?limit rdfs:label ?label ;
         ca:limitOf ?bounded ;
         ca:unit ?unitIri ;
         prov:wasDerivedFrom ?note .
  ?note ca:sourceFile ?file ;
        ca:line ?line ;
        ca:text ?text .
  OPTIONAL { ?bounded rdfs:label ?boundedLabel }
  OPTIONAL { ?limit ca:minValue ?min }
  OPTIONAL { ?limit ca:maxValue ?max }
  BIND (COALESCE(?boundedLabel, STRAFTER(STR(?bounded), STR(cid:))) AS ?bounds)
  BIND (STRAFTER(STR(?unitIri), STR(unit:)) AS ?unit)
}
ORDER BY ?bounds ?file ?line
""",
}

#: ORDER BY keys of each example (rows must come in the same order of these).
ORDER_KEYS = {
    "engines-per-service": ("count", "name"),
    "shared-features": ("services", "name"),
    "largest-sizes": ("bytes", "name"),
    "long-backup-retention": ("days", "name"),
    "read-replica-limits": ("max", "name"),
    "noted-vs-computed": ("origin", "relation", "subjectName", "objectName"),
    "rds-limits": ("bounds", "file", "line"),
}
#: GROUP_CONCAT columns: the order of the names in them is not part of the answer.
CONCATENATED = {"engines-per-service": "engines", "shared-features": "offeredBy"}

EDGE_CASES = """
@prefix ca: <https://w3id.org/cloudatlas/ontology#> .
@prefix cid: <https://w3id.org/cloudatlas/id/> .
@prefix cnote: <https://w3id.org/cloudatlas/note/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix unit: <http://qudt.org/vocab/unit/> .

cid:rds rdfs:label "RDS" ; ca:supportsEngine cid:mysql, cid:velmora ; ca:hasFeature cid:multi-az, cid:pitr ;
    ca:hasLimit cid:rds-storage, cid:rds-snapshots, cid:rds-backups, cid:rds-replicas .
cid:nolabel ca:supportsEngine cid:mysql ; ca:hasFeature cid:multi-az, cid:pitr ; ca:hasLimit cid:other-backups .
cid:mysql rdfs:label "MySQL", "MySQL Community" .
cid:multi-az rdfs:label "Multi-AZ" .
cid:storage rdfs:label "Storage", "Disk" .
cid:read-replicas rdfs:label "Read Replicas" .

cid:rds-storage rdfs:label "RDS storage" ; ca:limitOf cid:storage ; ca:maxValue 64 ; ca:minValue 1 ;
    ca:unit unit:TeraBYTE ; prov:wasDerivedFrom cnote:a-3, cnote:a-4 .
cid:rds-snapshots rdfs:label "Snapshot copies per replica" ; ca:maxValue 20 ; ca:unit unit:GigaBYTE ;
    prov:wasDerivedFrom cnote:b-1 .
cid:rds-backups rdfs:label "Backup retention" ; ca:limitOf cid:backup-retention, cid:backups ; ca:maxValue 35 ;
    ca:unit unit:DAY ; prov:wasDerivedFrom cnote:a-3 .
cid:rds-replicas rdfs:label "Read replicas" ; ca:limitOf cid:read-replicas ; ca:maxValue 15 ; ca:unit unit:NUM ;
    prov:wasDerivedFrom cnote:a-5 .
cid:other-backups ca:limitOf cid:backups ; ca:maxValue 900 ; ca:unit unit:HR .

cnote:a-3 a ca:Note ; ca:sourceFile "a.md" ; ca:line 3 ; ca:text "- Storage up to 64 TB, backups 35 days" .
cnote:a-4 a ca:Note ; ca:sourceFile "a.md" ; ca:line 4, 14 ; ca:text "- Storage again" .
cnote:a-5 a ca:Note ; ca:sourceFile "a.md" ; ca:line 5 ; ca:text "- Up to 15 read replicas" .
cnote:b-1 a ca:Note ; ca:sourceFile "b.md" ; ca:text "- a line without a number" .
"""


@pytest.fixture(scope="module")
def stores(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Store]:
    """The bundled notes, synthetic notes, and the edge cases, each with the derived relations."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_notes(folder, 3000, files=2)
    synthetic = build_store([folder])
    add_derived(synthetic)
    edge = Store()
    edge.load_text(EDGE_CASES, "turtle")
    add_derived(edge)
    return {"bundled": store, "synthetic": synthetic, "edge": edge}


def _rows(store: Store, text: str) -> list[dict[str, object]]:
    result = store.query(text)
    columns = [v.value for v in result.variables]
    return [{c: s[c] for c in columns} for s in result]


def _answer(rows: list[dict[str, object]], concatenated: str | None = None) -> Counter:
    """The rows as a multiset of N-Triples terms, the names in a GROUP_CONCAT column sorted."""

    def value(column: str, term: object) -> object:
        if term is None:
            return None
        return tuple(sorted(term.value.split(", "))) if column == concatenated else str(term)

    return Counter(tuple((c, value(c, t)) for c, t in row.items()) for row in rows)


def _order(rows: list[dict[str, object]], keys: tuple[str, ...]) -> list[tuple[str | None, ...]]:
    return [tuple(None if row[k] is None else str(row[k]) for k in keys) for row in rows]


@pytest.mark.parametrize("data", ["bundled", "synthetic", "edge"])
@pytest.mark.parametrize("name", sorted(PLAIN))
def test_rewritten_example_answers_as_its_plain_form(stores: dict[str, Store], name: str, data: str) -> None:
    store = stores[data]
    plain = _rows(store, PLAIN[name])
    example = next(e for e in EXAMPLES if e.name == name)
    rows = _rows(store, example.text)
    assert _answer(rows, CONCATENATED.get(name)) == _answer(plain, CONCATENATED.get(name))
    assert _order(rows, ORDER_KEYS[name]) == _order(plain, ORDER_KEYS[name])
    assert rows, f"{name} finds nothing in the {data} data, so the comparison proves little"


def test_edge_cases_reach_the_rewritten_parts(stores: dict[str, Store]) -> None:
    """The edge data has what the rewrites must keep: a limit without ca:limitOf, one with two, two labels."""
    edge = stores["edge"]
    sizes = _rows(edge, next(e.text for e in EXAMPLES if e.name == "largest-sizes"))
    assert {(str(r["bounds"]) if r["bounds"] else None, r["line"] is not None) for r in sizes} == {
        ('"Storage"', True),
        ('"Disk"', True),
        (None, False),
    }
    assert len(sizes) == 2 * 3 + 1  # two names of cid:storage x three (note, line) pairs; the snapshots limit
    backups = _rows(edge, next(e.text for e in EXAMPLES if e.name == "long-backup-retention"))
    assert sorted(str(r["bounds"]) for r in backups) == ['"backup-retention"', '"backups"', '"backups"']
    replicas = _rows(edge, next(e.text for e in EXAMPLES if e.name == "read-replica-limits"))
    assert {str(r["limitLabel"]) for r in replicas} == {'"Read replicas"', '"Snapshot copies per replica"'}
