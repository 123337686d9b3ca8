"""graph.views.details: what the details panel shows, on a small hand-built store with provenance."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store
from graph.views.details import LimitRow, Neighbour, SourceLine, node_details, note_refs, number_text

CID = "https://w3id.org/cloudatlas/id/"

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service", "RDB" ;
    rdfs:comment "Managed relational databases." ;
    ca:hasFeature cid:read-replicas, cid:multi-az ; ca:supportsEngine cid:mysql ;
    ca:hasLimit cid:rds-rr, cid:rds-retention ;
    prov:wasDerivedFrom cnote:rds.md-L1 .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" ; skos:altLabel "RR" .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:backup-retention a ca:Concept ; rdfs:label "Backup retention" .
cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationSource cid:rds .
cid:rds-rr a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 5.0 ; ca:unit unit:NUM ; prov:wasDerivedFrom cnote:rds.md-L3 .
cid:rds-retention a ca:Limit ; rdfs:label "RDS backup retention 1–35 days" ; ca:limitOf cid:backup-retention ;
    ca:minValue 1 ; ca:maxValue 35 ; ca:unit unit:DAY ; prov:wasDerivedFrom cnote:rds.md-L4 .
cnote:rds.md-L1 a ca:Note ; ca:sourceFile "rds.md" ; ca:line 1 ; ca:text "# RDS" .
cnote:rds.md-L2 a ca:Note ; ca:sourceFile "rds.md" ; ca:line 2 ; ca:text "- engines: MySQL; Multi-AZ <b>x</b>" .
cnote:rds.md-L3 a ca:Note ; ca:sourceFile "rds.md" ; ca:line 3 ; ca:text "- up to 5 read replicas" .
cnote:rds.md-L4 a ca:Note ; ca:sourceFile "rds.md" ; ca:line 4 ; ca:text "- retention from 1 to 35 days" .
cnote:dms.md-L7 a ca:Note ; ca:sourceFile "dms.md" ; ca:line 7 ; ca:text "- Sources: RDS" .
<https://w3id.org/cloudatlas/graph/provenance> {
  <https://w3id.org/cloudatlas/statement/1> a rdf:Statement ; rdf:subject cid:rds ; rdf:predicate ca:supportsEngine ;
      rdf:object cid:mysql ; prov:wasDerivedFrom cnote:rds.md-L2 .
  <https://w3id.org/cloudatlas/statement/2> a rdf:Statement ; rdf:subject cid:rds ; rdf:predicate ca:hasFeature ;
      rdf:object cid:multi-az ; prov:wasDerivedFrom cnote:rds.md-L2 .
  <https://w3id.org/cloudatlas/statement/3> a rdf:Statement ; rdf:subject cid:rds ; rdf:predicate ca:hasFeature ;
      rdf:object cid:read-replicas ; prov:wasDerivedFrom cnote:rds.md-L3 .
  <https://w3id.org/cloudatlas/statement/4> a rdf:Statement ; rdf:subject cid:dms ; rdf:predicate ca:migrationSource ;
      rdf:object cid:rds ; prov:wasDerivedFrom cnote:dms.md-L7 .
}
<https://w3id.org/cloudatlas/graph/derived> {
  cid:dms ca:canMigrateTo cid:rds .
}
"""


def iri(name: str) -> str:
    return CID + name


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(TRIG), "trig")
    return s


@pytest.fixture(scope="module")
def rds(store):
    return node_details(store, to_networkx(store), iri("rds"))


def test_names_and_classes(rds) -> None:
    assert rds.node == iri("rds")
    assert rds.label == "RDS"
    assert rds.classes == ("DatabaseService",)
    assert rds.aliases == ("RDB", "Relational Database Service")
    assert rds.comment == "Managed relational databases."


def test_limits_table(rds) -> None:
    assert rds.limits == (
        LimitRow(
            limit=iri("rds-retention"),
            label="RDS backup retention 1–35 days",
            bounds="Backup retention",
            min="1",
            max="35",
            unit="days",
            sources=(SourceLine("rds.md", 4, "- retention from 1 to 35 days", "RDS backup retention 1–35 days"),),
            value="1–35 days",
        ),
        LimitRow(
            limit=iri("rds-rr"),
            label="RDS read replicas ≤ 5",
            bounds="Read Replicas",
            min="",
            max="5",
            unit="",
            sources=(SourceLine("rds.md", 3, "- up to 5 read replicas", "RDS read replicas ≤ 5"),),
            value="≤ 5",
        ),
    )


def test_a_limit_node_shows_its_own_value(store) -> None:
    d = node_details(store, to_networkx(store), iri("rds-retention"))
    assert [(r.bounds, r.value) for r in d.limits] == [("Backup retention", "1–35 days")]


def test_features(rds) -> None:
    assert rds.features == ((iri("multi-az"), "Multi-AZ"), (iri("read-replicas"), "Read Replicas"))


def test_neighbours_with_direction_and_computed_relations(rds) -> None:
    assert rds.neighbours == (
        Neighbour(iri("dms"), "DMS", "canMigrateTo", "in", True),
        Neighbour(iri("multi-az"), "Multi-AZ", "hasFeature", "out"),
        Neighbour(iri("read-replicas"), "Read Replicas", "hasFeature", "out"),
        Neighbour(iri("rds-retention"), "RDS backup retention 1–35 days", "hasLimit", "out"),
        Neighbour(iri("rds-rr"), "RDS read replicas ≤ 5", "hasLimit", "out"),
        Neighbour(iri("dms"), "DMS", "migrationSource", "in"),
        Neighbour(iri("mysql"), "MySQL", "supportsEngine", "out"),
    )
    assert [n.text() for n in rds.neighbours[:2]] == ["<-canMigrateTo- DMS (computed)", "-hasFeature-> Multi-AZ"]


def test_source_lines_from_the_node_its_limits_and_its_relations(rds) -> None:
    assert rds.sources == (
        SourceLine("dms.md", 7, "- Sources: RDS", "DMS migrationSource RDS"),
        SourceLine("rds.md", 1, "# RDS", "RDS"),
        SourceLine(
            "rds.md", 2, "- engines: MySQL; Multi-AZ <b>x</b>", "RDS hasFeature Multi-AZ; RDS supportsEngine MySQL"
        ),
        SourceLine("rds.md", 3, "- up to 5 read replicas", "RDS hasFeature Read Replicas; RDS read replicas ≤ 5"),
        SourceLine("rds.md", 4, "- retention from 1 to 35 days", "RDS backup retention 1–35 days"),
    )
    assert str(rds.sources[2]) == "rds.md:2  - engines: MySQL; Multi-AZ <b>x</b>"  # as written, not HTML


def test_everything_is_plain_text(rds) -> None:
    def walk(value):
        if isinstance(value, tuple):
            for item in value:
                yield from walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                yield from walk(getattr(value, name))
        else:
            yield value

    assert {type(v) for v in walk(rds)} <= {str, int, bool}


def test_a_limit_and_a_feature_have_details_too(store) -> None:
    g = to_networkx(store)
    limit = node_details(store, g, "RDS read replicas ≤ 5")
    assert limit.classes == ("Limit",)
    assert [s.line for s in limit.sources] == [3]
    assert [(n.relation, n.direction, n.label) for n in limit.neighbours] == [
        ("hasLimit", "in", "RDS"),
        ("limitOf", "out", "Read Replicas"),
    ]
    feature = node_details(store, g, "rr")  # found by its alias
    assert feature.label == "Read Replicas" and feature.limits == () and feature.features == ()
    assert [str(s) for s in feature.sources] == ["rds.md:3  - up to 5 read replicas"]


def test_unknown_node(store) -> None:
    with pytest.raises(InputError, match="unknown name"):
        node_details(store, to_networkx(store), "Cassandra")


def test_note_refs_and_numbers(store) -> None:
    assert [(r.file, r.line) for r in note_refs(store, iri("rds"))] == [("rds.md", 1)]
    assert note_refs(store, "not an iri") == ()
    assert number_text(None) == "" and number_text(5) == "5"
