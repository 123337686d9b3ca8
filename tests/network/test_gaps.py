"""Tests for graph.network.gaps: what a well-noted service of its class has and the notes do not."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from graph.errors import InputError
from graph.network.build import to_networkx, with_prefixes
from graph.network.gaps import GAP_CLASS, find_gaps, gap_shapes, service_graph
from graph.rdf.store import Store
from graph.utils.offline import no_network

CID = "https://w3id.org/cloudatlas/id/"

WELL_NOTED_RDS = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; ca:supportsEngine cid:mysql ;
    ca:hasFeature cid:automated-backups, cid:read-replicas, cid:encryption-at-rest ;
    ca:hasLimit cid:rds-retention, cid:rds-storage .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:automated-backups a ca:Feature ; rdfs:label "Automated Backups" .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" .
cid:encryption-at-rest a ca:Feature ; rdfs:label "Encryption at Rest" .
cid:backup-retention a ca:Concept ; rdfs:label "Backup retention" .
cid:storage a ca:Concept ; rdfs:label "Storage" .
cid:rds-retention a ca:Limit ; ca:limitOf cid:backup-retention ; ca:maxValue 35 ; ca:unit unit:DAY .
cid:rds-storage a ca:Limit ; ca:limitOf cid:storage ; ca:maxValue 64 ; ca:unit unit:TeraBYTE .
"""


def network(turtle: str) -> nx.MultiDiGraph:
    store = Store()
    store.load_text(with_prefixes(turtle), "turtle")
    return to_networkx(store)


def gaps_of(g: nx.MultiDiGraph, service: str | None = None) -> list[str]:
    return [str(gap) for gap in find_gaps(g, service)]


def test_a_well_noted_database_lacks_nothing():
    assert gaps_of(network(WELL_NOTED_RDS)) == []


@pytest.mark.parametrize(
    ("old", "new", "gap"),
    [
        ("ca:supportsEngine cid:mysql ;", "", "RDS: no engine noted"),
        ("cid:rds-retention, cid:rds-storage", "cid:rds-storage", "RDS: no backup retention noted"),
        ("cid:rds-retention, cid:rds-storage", "cid:rds-retention", "RDS: no storage limit noted"),
        ("cid:read-replicas, ", "", "RDS: no replication noted"),
        (", cid:encryption-at-rest ;", " ;", "RDS: no encryption at rest noted"),
    ],
)
def test_each_missing_thing_is_one_gap(old, new, gap):
    assert old in WELL_NOTED_RDS
    assert gaps_of(network(WELL_NOTED_RDS.replace(old, new, 1))) == [gap]


def test_backups_are_any_backup_feature_or_a_retention_limit():
    turtle = WELL_NOTED_RDS.replace("cid:automated-backups,", "")
    assert gaps_of(network(turtle)) == []  # the backup retention limit says it is backed up
    turtle = turtle.replace("ca:hasLimit cid:rds-retention, cid:rds-storage", "ca:hasLimit cid:rds-storage")
    assert gaps_of(network(turtle)) == ["RDS: no backups noted", "RDS: no backup retention noted"]


def test_a_compatible_engine_counts_as_an_engine():
    turtle = WELL_NOTED_RDS.replace("ca:supportsEngine cid:mysql", "ca:compatibleWith cid:mysql")
    assert gaps_of(network(turtle)) == []


def test_dynamodb_needs_no_engine_and_no_storage_limit():
    g = network("""
    cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ;
        ca:hasFeature cid:pitr, cid:global-tables, cid:encryption-at-rest ; ca:hasLimit cid:ddb-retention .
    cid:ddb-retention a ca:Limit ; ca:limitOf cid:backup-retention ; ca:maxValue 35 ; ca:unit unit:DAY .
    """)
    assert gaps_of(g) == []


def test_a_service_only_named_lacks_everything_its_class_has():
    g = network('cid:docdb a ca:DatabaseService ; rdfs:label "DocumentDB" .')
    gaps = find_gaps(g)
    assert [gap.severity for gap in gaps] == sorted((gap.severity for gap in gaps), key=["warning", "info"].index)
    assert {gap.gap for gap in gaps} == {
        "no engine noted",
        "no backups noted",
        "no replication noted",
        "no backup retention noted",
        "no storage limit noted",
        "no encryption at rest noted",
        "nothing noted beyond its name",
    }
    assert {gap.kind for gap in gaps} == {"Database service"}
    assert all(gap.why and gap.service == CID + "docdb" for gap in gaps)


def test_migration_and_cache_services():
    g = network("""
    cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationTarget cid:aurora .
    cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" .
    cid:cloudfront a ca:CacheService , ca:NetworkingService ; rdfs:label "CloudFront" ; ca:caches cid:s3 .
    cid:s3 a ca:StorageService ; rdfs:label "S3" ; ca:hasFeature cid:encryption-at-rest .
    """)
    assert gaps_of(g, "DMS") == ["DMS: no migration source noted"]
    assert gaps_of(g, "CloudFront") == []
    assert gaps_of(g, "S3") == []


def test_computed_relations_do_not_fill_a_gap():
    g = network(
        'cid:dax a ca:CacheService ; rdfs:label "DAX" .\ncid:ddb a ca:DatabaseService ; rdfs:label "DynamoDB" .'
    )
    g.add_edge(CID + "dax", CID + "ddb", key="caches", derived=True)
    assert "DAX: no service it caches noted" in gaps_of(g, "DAX")


def test_words_are_plain_no_iri_or_shacl_message():
    g = network('cid:x a ca:DatabaseService ; rdfs:label "X" .\ncid:y a ca:MigrationService ; rdfs:label "Y" .')
    for gap in find_gaps(g):
        for text in (gap.gap, gap.why, gap.kind, gap.severity):
            assert not re.search(r"https?://|\b(ca|cid|sh|cash):|[Ll]ess than \d+ values|Constraint", text), text


def test_every_gap_shape_says_what_why_and_how_much():
    shapes, _, expectations = gap_shapes()
    assert len(expectations) == len(set(shapes.subjects(predicate=None, object=GAP_CLASS)))
    assert {e.severity for e in expectations} <= {"warning", "info"}
    assert all(e.gap and e.why and e.classes for e in expectations)


def test_an_unknown_service_is_an_input_error():
    with pytest.raises(InputError):
        find_gaps(network(WELL_NOTED_RDS), "Nonexistent Service")


def test_only_services_and_what_they_link_to_are_validated():
    g = network(WELL_NOTED_RDS + 'cid:oltp a ca:Concept ; rdfs:label "OLTP" .')
    data = service_graph(g)
    assert not any("oltp" in str(s) for s in data.subjects())


def test_validation_stays_offline_on_many_services():
    services = "\n".join(
        f'cid:s{i} a ca:DatabaseService ; rdfs:label "S{i}" ; ca:supportsEngine cid:mysql .' for i in range(300)
    )
    g = network(services + '\ncid:mysql a ca:Engine ; rdfs:label "MySQL" .')
    with no_network():
        gaps = find_gaps(g)
    assert len(gaps) == 300 * 5  # backups, replication, retention, storage, encryption
