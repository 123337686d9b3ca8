"""Shared by the tests of the analyses: a small hand-written graph, the bundled notes' graph, random graphs."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest

from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service" ;
    ca:supportsEngine cid:oracle, cid:mysql, cid:postgresql, cid:aurora ;
    ca:hasFeature cid:read-replicas, cid:multi-az ;
    ca:hasLimit cid:rds-read-replicas-max, cid:rds-backup-retention-range .
cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" ; ca:compatibleWith cid:mysql, cid:postgresql ;
    ca:hasFeature cid:read-replicas ; ca:hasLimit cid:aurora-read-replicas-max .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; ca:hasLimit cid:dynamodb-item-size-max .
cid:s3 a ca:StorageService ; rdfs:label "S3" .
cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ; ca:caches cid:dynamodb .
cid:elasticache a ca:CacheService ; rdfs:label "ElastiCache" ; ca:supportsEngine cid:redis, cid:memcached .
cid:cloudfront a ca:CacheService, ca:NetworkingService ; rdfs:label "CloudFront" .
cid:api-gateway a ca:CacheService, ca:IntegrationService ; rdfs:label "API Gateway" .
cid:dms a ca:MigrationService ; rdfs:label "DMS" ; skos:altLabel "Database Migration Service" ;
    ca:migrationSource cid:oracle, cid:on-premises ; ca:migrationTarget cid:rds, cid:dynamodb, cid:s3 .
cid:sct a ca:MigrationService ; rdfs:label "Schema Conversion Tool" ; skos:altLabel "SCT" .
cid:on-premises a ca:Concept ; rdfs:label "On-Premises" .
cid:oracle a ca:Engine ; rdfs:label "Oracle" .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:postgresql a ca:Engine ; rdfs:label "PostgreSQL" .
cid:redis a ca:Engine ; rdfs:label "Redis" .
cid:memcached a ca:Engine ; rdfs:label "Memcached" .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" ; skos:altLabel "RR" .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" ; ca:notAvailableFor cid:aurora .
cid:backup-retention a ca:Concept ; rdfs:label "Backup retention" .
cid:item-size a ca:Concept ; rdfs:label "Item size" .
cid:rds-read-replicas-max a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 5.0 ; ca:unit unit:NUM .
cid:aurora-read-replicas-max a ca:Limit ; rdfs:label "Aurora read replicas ≤ 15" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 15.0 ; ca:unit unit:NUM .
cid:rds-backup-retention-range a ca:Limit ; ca:limitOf cid:backup-retention ;
    ca:minValue 1.0 ; ca:maxValue 35.0 ; ca:unit unit:DAY .
cid:dynamodb-item-size-max a ca:Limit ; ca:limitOf cid:item-size ; ca:maxValue 400.0 ; ca:unit unit:KiloBYTE .
cnote:aws.md-L7 a ca:Note ; ca:sourceFile "aws.md" ; ca:line 7 ; ca:text "DAX - in-memory cache for DynamoDB" .
<https://w3id.org/cloudatlas/graph/provenance> {
    <https://w3id.org/cloudatlas/statement/1> a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:caches ;
        rdf:object cid:dynamodb ; prov:wasDerivedFrom cnote:aws.md-L7 .
}
"""


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    """The graph of :data:`TRIG`: a few services, caches, engines, a migration service and limits."""
    store = Store()
    store.load_text(with_prefixes(TRIG), "trig")
    return to_networkx(store)


@pytest.fixture(scope="module")
def notes_graph() -> nx.MultiDiGraph:
    """The graph of the bundled notes."""
    pipeline = pytest.importorskip("graph.rdf.pipeline", reason="graph.rdf.pipeline (notes -> store) is not available")
    return to_networkx(pipeline.build_store())


def _random_multigraph(nodes: int, edges: int, seed: int) -> nx.MultiDiGraph:
    picks = nx.gnm_random_graph(nodes, edges, seed=seed, directed=True)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{i:04d}" for i in picks)
    for i, (u, v) in enumerate(picks.edges()):
        g.add_edge(f"n{u:04d}", f"n{v:04d}", key="notAvailableFor" if i % 17 == 0 else "mentions")
    return g


@pytest.fixture
def random_multigraph() -> Callable[[int, int, int], nx.MultiDiGraph]:
    """``random_multigraph(nodes, edges, seed)``: a seeded random multigraph, one edge in 17 negated."""
    return _random_multigraph
