"""The example query library: every query loads, runs on the bundled notes, and the key ones find what they should."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.derive import add_derived
from graph.errors import InputError
from graph.network import to_networkx
from graph.pipeline import build_store
from graph.queries import (
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
from graph.sparql import run_query
from graph.store import PREFIXES, Store
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
