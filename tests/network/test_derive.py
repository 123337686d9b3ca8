"""Tests for graph.network.derive: computed relations written into the derived named graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from graph.network.build import to_networkx, with_prefixes
from graph.network.derive import add_derived, derived_quads, rule_iri
from graph.network.rules import RULES
from graph.rdf.store import Store
from graph.rdf.triples import statement_iri

CA = "https://w3id.org/cloudatlas/ontology#"
CID = "https://w3id.org/cloudatlas/id/"
DERIVED = "https://w3id.org/cloudatlas/graph/derived"

TRIG = """
cid:dax a ca:CacheService ; rdfs:label "DAX" ; ca:caches cid:dynamodb .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
cid:elasticache a ca:CacheService ; rdfs:label "ElastiCache" ; ca:supportsEngine cid:redis .
cid:redis a ca:Engine ; rdfs:label "Redis" .
cid:oracle a ca:Engine ; rdfs:label "Oracle" .
cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationSource cid:oracle ; ca:migrationTarget cid:dynamodb .
cnote:a.md-L3 a ca:Note ; ca:sourceFile "a.md" ; ca:line 3 ; ca:text "DAX caches DynamoDB" .
<https://w3id.org/cloudatlas/graph/provenance> {
    <https://w3id.org/cloudatlas/statement/x> a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:caches ;
        rdf:object cid:dynamodb ; prov:wasDerivedFrom cnote:a.md-L3 .
}
"""


def _stmt(s: str, p: str, o: str) -> str:
    return "<" + statement_iri(CID + s, CA + p, CID + o) + ">"


def _rule(name: str) -> str:
    pages = "".join(f" ; rdfs:seeAlso <{page}>" for page in RULES[name].sources)
    return f'<{rule_iri(name)}> a ca:Rule ; rdfs:label "{name}" ; rdfs:comment "{RULES[name].comment}"{pages} .\n'


EXPECTED = f"""
cid:dax ca:cachingLayer cid:dynamodb ; ca:layer "in-memory" .
cid:elasticache ca:cachingLayer cid:dynamodb ; ca:layer "in-memory" .
cid:oracle ca:canMigrateTo cid:dynamodb .
{_stmt("dax", "cachingLayer", "dynamodb")} a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:cachingLayer ;
    rdf:object cid:dynamodb ; ca:derivedBy <{rule_iri("noted-cache")}> ; ca:layer "in-memory" ;
    prov:wasDerivedFrom cnote:a.md-L3 .
{_stmt("elasticache", "cachingLayer", "dynamodb")} a rdf:Statement ; rdf:subject cid:elasticache ;
    rdf:predicate ca:cachingLayer ; rdf:object cid:dynamodb ;
    ca:derivedBy <{rule_iri("in-memory-cache-fronts-database")}> ; ca:layer "in-memory" .
{_stmt("oracle", "canMigrateTo", "dynamodb")} a rdf:Statement ; rdf:subject cid:oracle ;
    rdf:predicate ca:canMigrateTo ; rdf:object cid:dynamodb ;
    ca:derivedBy <{rule_iri("heterogeneous-without-conversion")}> ;
    rdfs:comment "Oracle <-migrationSource- DMS -migrationTarget-> DynamoDB" .
{_rule("noted-cache")}{_rule("in-memory-cache-fronts-database")}{_rule("heterogeneous-without-conversion")}
"""


def _store() -> Store:
    store = Store()
    store.load_text(with_prefixes(TRIG), "trig")
    return store


def _derived_graph(store: Store) -> Graph:
    return Graph().parse(data=store.dump("nt", graph=DERIVED), format="nt")


def _expected() -> Graph:
    return Graph().parse(data=with_prefixes(EXPECTED), format="turtle")


def test_derived_graph_holds_layers_migrations_and_rules():
    store = _store()
    count = add_derived(store)
    got = _derived_graph(store)
    assert count == len(got)
    assert isomorphic(got, _expected()), (to_isomorphic(got) - to_isomorphic(_expected())).serialize(format="nt")


def test_derived_quads_are_sorted_and_in_the_derived_graph():
    quads = derived_quads(to_networkx(_store()))
    assert [str(q) for q in quads] == sorted(str(q) for q in quads)
    assert {q.graph_name.value for q in quads} == {DERIVED}
    assert len(quads) == len(set(map(str, quads)))


def test_add_derived_is_idempotent_and_keeps_noted_facts():
    store = _store()
    before = set(store.dump("nq").decode().splitlines())
    add_derived(store)
    once = set(store.dump("nq").decode().splitlines())
    add_derived(store)
    twice = set(store.dump("nq").decode().splitlines())
    assert once == twice
    assert before < once
    assert {line for line in once - before if not line.endswith(f"<{DERIVED}> .")} == set()


def test_add_derived_replaces_stale_relations():
    store = _store()
    store.load_text(with_prefixes(f"<{DERIVED}> {{ cid:dax ca:cachingLayer cid:oracle . }}"), "trig")
    add_derived(store)
    assert isomorphic(_derived_graph(store), _expected())


def test_derived_relations_come_back_as_derived_edges():
    store = _store()
    add_derived(store)
    g = to_networkx(store)
    data = g.edges[CID + "elasticache", CID + "dynamodb", "cachingLayer"]
    assert (data["derived"], data["rule"], data["layer"]) == (True, "in-memory-cache-fronts-database", "in-memory")
    assert g.edges[CID + "oracle", CID + "dynamodb", "canMigrateTo"]["rule"] == "heterogeneous-without-conversion"


def test_canmigrateto_joins_only_services_and_engines():
    store = Store()
    store.load_text(
        with_prefixes("""
        cid:dms a ca:MigrationService ; ca:migrationSource cid:on-prem, cid:s3 ; ca:migrationTarget cid:s3 .
        cid:on-prem a ca:Concept . cid:s3 a ca:StorageService .
        """),
        "trig",
    )
    add_derived(store)
    rows = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{DERIVED}> {{ ?s ca:canMigrateTo ?o }} }}")
    assert list(rows) == []  # on-premises is a group, not an end; s3 -> s3 is no move


def test_rule_iri():
    assert rule_iri("api-cache-fronts-backend") == "https://w3id.org/cloudatlas/rule/api-cache-fronts-backend"
    with pytest.raises(ValueError, match="unknown rule"):
        rule_iri("made-up")


@pytest.mark.parametrize("notes", ["data/notes", "tests/fixtures"])
def test_derive_network_is_add_derived_then_to_networkx(notes):
    from graph.network.derive import derive_network
    from graph.rdf.pipeline import build_store

    folder = Path(__file__).resolve().parents[2] / notes
    ours, theirs = build_store([folder], workers=1), build_store([folder], workers=1)
    for _ in range(2):  # the second time, over a derived graph made before
        g = derive_network(ours)
        add_derived(theirs)
        expected = to_networkx(theirs)
        assert set(ours.ox) == set(theirs.ox)
        assert list(g.nodes(data=True)) == list(expected.nodes(data=True))
        assert list(g.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert any(data.get("derived") for _, _, data in g.edges(data=True))


def test_only_caches_right_in_front_of_a_service_become_caching_layers():
    store = Store()
    store.load_text(
        with_prefixes("""
        cid:fn a ca:ComputeService ; rdfs:label "Lambda" ; ca:mentions cid:dynamodb .
        cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
        cid:dax a ca:CacheService ; rdfs:label "DAX" .
        """),
        "trig",
    )
    add_derived(store)
    rows = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{DERIVED}> {{ ?s ca:cachingLayer ?o }} }}")
    assert [(str(r["s"]), str(r["o"])) for r in rows] == [(f"<{CID}dax>", f"<{CID}dynamodb>")]
    pages = store.query(
        f"SELECT ?page WHERE {{ GRAPH <{DERIVED}> {{ <{rule_iri('dax-fronts-dynamodb')}> rdfs:seeAlso ?page }} }}"
    )
    assert [str(r["page"]) for r in pages] == [
        "<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html>"
    ]
