"""Tests for graph.network.analysis on a small hand-written graph, with exact expected results."""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.errors import InputError
from graph.network.analysis import (
    RULES,
    TIERS,
    CachingLayer,
    LimitRow,
    Step,
    cache_tier,
    caching_layers,
    centrality,
    communities,
    compare_limits,
    limit_matrix,
    migration_paths,
    normalise,
    shortest_paths,
)
from graph.network.build import NoteRef, local_name, to_networkx, undirected, with_prefixes
from graph.rdf.store import Store

CID = "https://w3id.org/cloudatlas/id/"

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

NOTE = NoteRef("aws.md", 7, "DAX - in-memory cache for DynamoDB", "https://w3id.org/cloudatlas/note/aws.md-L7")


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    store = Store()
    store.load_text(with_prefixes(TRIG), "trig")
    return to_networkx(store)


def _layers(layers: tuple[CachingLayer, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(x.service_label, x.tier, x.cache_label, x.status, x.rule) for x in layers]


# --- caching layers ---------------------------------------------------------


def test_cache_tiers(g):
    tiers = {local_name(n): cache_tier(g, n) for n in g if cache_tier(g, n)}
    assert tiers == {"dax": "in-memory", "elasticache": "in-memory", "cloudfront": "edge", "api-gateway": "api"}
    assert TIERS == ("edge", "api", "in-memory")


def test_caching_layers_of_dynamodb_client_inwards(g):
    layers = caching_layers(g, "DynamoDB")
    assert _layers(layers) == [
        ("DynamoDB", "edge", "CloudFront", "inferred", "edge-cache-fronts-origin"),
        ("DynamoDB", "api", "API Gateway", "inferred", "api-cache-fronts-backend"),
        ("DynamoDB", "in-memory", "DAX", "noted", "noted-cache"),
        ("DynamoDB", "in-memory", "ElastiCache", "inferred", "in-memory-cache-fronts-database"),
    ]
    assert layers[2].sources == (NOTE,)
    assert layers[2].cache == CID + "dax" and layers[2].service == CID + "dynamodb"
    assert all(x.rule in RULES for x in layers)


def test_dax_fronts_only_dynamodb(g):
    assert [x.service_label for x in caching_layers(g) if x.cache_label == "DAX"] == ["DynamoDB"]


def test_caching_layers_of_storage_and_api(g):
    assert _layers(caching_layers(g, "S3")) == [
        ("S3", "edge", "CloudFront", "inferred", "edge-cache-fronts-origin"),
        ("S3", "api", "API Gateway", "inferred", "api-cache-fronts-backend"),
    ]
    assert _layers(caching_layers(g, "API Gateway")) == [
        ("API Gateway", "edge", "CloudFront", "inferred", "edge-cache-fronts-origin"),
    ]
    assert caching_layers(g, "CloudFront") == ()
    assert caching_layers(g, "DMS") == ()


def test_caching_layers_of_every_service(g):
    got = [(x.service_label, x.cache_label) for x in caching_layers(g)]
    assert got == [
        ("API Gateway", "CloudFront"),
        ("Aurora", "CloudFront"),
        ("Aurora", "API Gateway"),
        ("Aurora", "ElastiCache"),
        ("DynamoDB", "CloudFront"),
        ("DynamoDB", "API Gateway"),
        ("DynamoDB", "DAX"),
        ("DynamoDB", "ElastiCache"),
        ("RDS", "CloudFront"),
        ("RDS", "API Gateway"),
        ("RDS", "ElastiCache"),
        ("S3", "CloudFront"),
        ("S3", "API Gateway"),
    ]


def test_negated_relation_blocks_an_inferred_layer(g):
    h = g.copy()
    h.add_edge(CID + "elasticache", CID + "aurora", key="notAvailableFor")
    assert [x.cache_label for x in caching_layers(h, "Aurora")] == ["CloudFront", "API Gateway"]


def test_layer_attribute_sets_the_tier(g):
    h = g.copy()
    h.nodes[CID + "elasticache"]["layer"] = "edge"
    assert [(x.tier, x.cache_label) for x in caching_layers(h, "S3")] == [
        ("edge", "CloudFront"),
        ("edge", "ElastiCache"),
        ("api", "API Gateway"),
    ]


def test_in_memory_cache_without_engine_is_not_inferred(g):
    h = g.copy()
    h.remove_edges_from([(CID + "elasticache", CID + e, "supportsEngine") for e in ("redis", "memcached")])
    assert [x.cache_label for x in caching_layers(h, "RDS")] == ["CloudFront", "API Gateway"]


def test_caching_layers_unknown_service(g):
    with pytest.raises(InputError, match=r"unknown name 'DynamoBD'; did you mean: DynamoDB"):
        caching_layers(g, "DynamoBD")


# --- migration paths --------------------------------------------------------


def test_oracle_to_aurora_postgresql_is_heterogeneous_with_sct(g):
    paths = migration_paths(g, "Oracle", "Aurora PostgreSQL")
    assert [p.route for p in paths] == [
        "Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> RDS -supportsEngine-> Aurora "
        "-compatibleWith-> PostgreSQL",
        "Oracle <-includes- On-Premises <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> RDS "
        "-supportsEngine-> Aurora -compatibleWith-> PostgreSQL",
    ]
    first = paths[0]
    assert (first.source, first.source_label) == (CID + "oracle", "Oracle")
    assert (first.target, first.target_label) == (CID + "postgresql", "Aurora PostgreSQL")
    assert first.services == ("DMS", "Schema Conversion Tool")
    assert first.heterogeneous and first.rule == "heterogeneous-migration"
    assert first.steps[:3] == (
        Step(CID + "oracle", "Oracle"),
        Step(CID + "dms", "DMS", "migrationSource", False),
        Step(CID + "sct", "Schema Conversion Tool", "+"),
    )


def test_migrations_to_a_service_include_its_engines(g):
    got = [(p.source_label, p.target_label, p.heterogeneous, len(p.steps)) for p in migration_paths(g, "Oracle", "RDS")]
    assert got == [
        ("Oracle", "RDS", False, 3),
        ("Oracle", "RDS", False, 4),
        ("Oracle", "RDS Oracle", False, 4),
        ("Oracle", "RDS MySQL", True, 5),
        ("Oracle", "RDS Oracle", False, 5),
        ("Oracle", "RDS PostgreSQL", True, 5),
        ("Oracle", "RDS MySQL", True, 6),
        ("Oracle", "RDS PostgreSQL", True, 6),
    ]


def test_all_migration_paths_shortest_first(g):
    paths = migration_paths(g)
    got = [(p.source_label, p.target_label, p.heterogeneous) for p in paths]
    assert got == [
        ("On-Premises", "DynamoDB", False),
        ("On-Premises", "RDS", False),
        ("On-Premises", "S3", False),
        ("Oracle", "RDS", False),
        ("Oracle", "S3", False),
        ("MySQL", "RDS", False),
        ("MySQL", "S3", False),
        ("Oracle", "DynamoDB", True),
        ("Oracle", "RDS", False),
        ("Oracle", "S3", False),
        ("PostgreSQL", "RDS", False),
        ("PostgreSQL", "S3", False),
        ("MySQL", "DynamoDB", True),
        ("Oracle", "DynamoDB", True),
        ("PostgreSQL", "DynamoDB", True),
    ]
    lengths = [len(p.steps) for p in paths]
    assert lengths == sorted(lengths)
    assert paths[7].route == "Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> DynamoDB"


def test_migration_filters_by_engine_through_a_group(g):
    routes = [p.route for p in migration_paths(g, "MySQL", "S3")]
    assert routes == ["MySQL <-includes- On-Premises <-migrationSource- DMS -migrationTarget-> S3"]


def test_migration_unknown_names(g):
    with pytest.raises(InputError, match="unknown name 'Oracel'"):
        migration_paths(g, "Oracel")
    with pytest.raises(InputError, match="unknown name 'Aurora Redis'"):
        migration_paths(g, target="Aurora Redis")


def test_no_migration_service_no_paths():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", classes=("DatabaseService",))
    assert migration_paths(g) == ()


# --- limits -----------------------------------------------------------------


def _row(quantity, service, lo, hi, unit, value, value_unit, limit, service_key, quantity_key):
    iris = (CID + limit, CID + service_key, CID + quantity_key)
    return LimitRow(quantity, service, lo, hi, unit, value, value_unit, *iris)


def test_compare_limits(g):
    assert compare_limits(g) == (
        _row(
            "Backup retention", "RDS", Decimal(1), Decimal(35), "DAY", Decimal(3024000), "SEC",
            "rds-backup-retention-range", "rds", "backup-retention",
        ),
        _row(
            "Item size", "DynamoDB", None, Decimal(400), "KiloBYTE", Decimal("0.0004"), "GigaBYTE",
            "dynamodb-item-size-max", "dynamodb", "item-size",
        ),
        _row(
            "Read Replicas", "Aurora", None, Decimal(15), "NUM", Decimal(15), "NUM",
            "aurora-read-replicas-max", "aurora", "read-replicas",
        ),
        _row(
            "Read Replicas", "RDS", None, Decimal(5), "NUM", Decimal(5), "NUM",
            "rds-read-replicas-max", "rds", "read-replicas",
        ),
    )  # fmt: skip


@pytest.mark.parametrize("text", ["Read Replicas", "rr", "replica", "read replicas", CID + "read-replicas"])
def test_compare_limits_of_one_quantity(g, text):
    assert [(r.service, r.normalised) for r in compare_limits(g, text)] == [("Aurora", 15), ("RDS", 5)]


def test_compare_limits_unknown_quantity(g):
    with pytest.raises(InputError) as err:
        compare_limits(g, "Read Replcas")
    assert err.value.problem == "unknown name 'Read Replcas'; did you mean: Read Replicas?"
    with pytest.raises(InputError):
        compare_limits(g, "RDS")  # a service, not something a limit bounds


def test_limit_matrix(g):
    assert limit_matrix(compare_limits(g)) == {
        "Backup retention": {"RDS": Decimal(3024000)},
        "Item size": {"DynamoDB": Decimal("0.0004")},
        "Read Replicas": {"Aurora": Decimal(15), "RDS": Decimal(5)},
    }


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal(16), "TeraBYTE", (Decimal(16000), "GigaBYTE")),
        (Decimal(1), "PetaBYTE", (Decimal(1000000), "GigaBYTE")),
        (Decimal(4), "MegaBYTE", (Decimal("0.004"), "GigaBYTE")),
        (Decimal(250), "MilliSEC", (Decimal("0.25"), "SEC")),
        (Decimal(24), "HR", (Decimal(86400), "SEC")),
        (Decimal(5), "MIN", (Decimal(300), "SEC")),
        (Decimal(3), "NUM", (Decimal(3), "NUM")),
        (None, "DAY", (None, "DAY")),
    ],
)
def test_normalise(value, unit, expected):
    assert normalise(value, unit) == expected


# --- shortest paths -----------------------------------------------------------


def test_shortest_paths(g):
    routes = [p.route for p in shortest_paths(g, "Oracle", "Aurora")]
    assert routes == ["Oracle <-supportsEngine- RDS -supportsEngine-> Aurora"]
    assert [p.route for p in shortest_paths(g, "MySQL", "PostgreSQL")] == [
        "MySQL <-compatibleWith- Aurora -compatibleWith-> PostgreSQL",
        "MySQL <-supportsEngine- RDS -supportsEngine-> PostgreSQL",
    ]
    (direct,) = shortest_paths(g, "RDS", "Aurora")
    assert direct.length == 1
    assert direct.steps[1] == Step(CID + "aurora", "Aurora", "supportsEngine", True)


def test_shortest_paths_unconnected_and_unknown(g):
    assert shortest_paths(g, "Redis", "DAX") == ()
    with pytest.raises(InputError):
        shortest_paths(g, "Redis", "Nope")


def test_shortest_paths_name_every_relation_on_a_hop():
    g = nx.MultiDiGraph()
    g.add_edges_from([("a", "b", "caches"), ("a", "b", "mentions"), ("b", "a", "hasFeature"), ("c", "b", "hasFeature")])
    assert [p.route for p in shortest_paths(g, "a", "c")] == ["a -caches|mentions-> b <-hasFeature- c"]


# --- centrality and communities ----------------------------------------------


def test_centrality():
    g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("hub", "a"), ("c", "d")])
    rows = centrality(g)
    # d's one neighbour has fewer links than a's and b's, so d ranks above them; a and b tie, by label
    assert [(r.label, r.degree, round(r.betweenness, 4)) for r in rows] == [
        ("hub", 3, 0.8333),
        ("c", 2, 0.5),
        ("d", 1, 0.0),
        ("a", 1, 0.0),
        ("b", 1, 0.0),
    ]
    expected = _pagerank_python(nx.Graph(g.to_undirected()))
    assert all(abs(r.pagerank - expected[r.node]) < 1e-6 for r in rows)
    assert [r.label for r in centrality(g, top=2)] == ["hub", "c"]


def test_centrality_of_the_notes_graph_ranks_rds_first(g):
    assert centrality(g, top=1)[0].label == "RDS"


def test_communities_are_seeded_and_sorted():
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    got = communities(g)
    assert [(c.index, c.size, c.labels) for c in got] == [(1, 3, ("a", "b", "c")), (2, 3, ("x", "y", "z"))]
    assert communities(g) == got


def test_communities_ignore_negated_relations():
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    g.add_edge("x", "a", key="notAvailableFor")
    assert [c.labels for c in communities(g)] == [("a", "b", "c"), ("x",)]
    assert communities(nx.MultiDiGraph()) == ()


def _random_multigraph(nodes: int, edges: int, seed: int) -> nx.MultiDiGraph:
    picks = nx.gnm_random_graph(nodes, edges, seed=seed, directed=True)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{i:04d}" for i in picks)
    for i, (u, v) in enumerate(picks.edges()):
        g.add_edge(f"n{u:04d}", f"n{v:04d}", key="notAvailableFor" if i % 17 == 0 else "mentions")
    return g


def test_communities_are_networkx_louvain_of_the_undirected_view():
    g = _random_multigraph(300, 900, seed=5)
    theirs = nx.community.louvain_communities(undirected(g, skip=["notAvailableFor"]), seed=0)
    assert sorted(c.nodes for c in communities(g)) == sorted(tuple(sorted(group)) for group in theirs)


def test_centrality_samples_betweenness_on_big_graphs_as_networkx_does():
    g = _random_multigraph(700, 1600, seed=1)
    theirs = nx.betweenness_centrality(undirected(g), k=100, seed=0)
    rows = centrality(g)
    assert len(rows) == 700
    assert all(abs(r.betweenness - theirs[r.node]) < 1e-12 for r in rows)
    assert [r.pagerank for r in rows] == sorted((r.pagerank for r in rows), reverse=True)


# --- the bundled notes ----------------------------------------------------------


@pytest.fixture(scope="module")
def notes_graph() -> nx.MultiDiGraph:
    pipeline = pytest.importorskip("graph.rdf.pipeline", reason="graph.rdf.pipeline (notes -> store) is not available")
    return to_networkx(pipeline.build_store())


def test_notes_dax_fronts_dynamodb(notes_graph):
    dax = [x for x in caching_layers(notes_graph, "DynamoDB") if x.cache_label == "DAX"]
    assert [(x.tier, x.status) for x in dax] == [("in-memory", "noted")]
    assert dax[0].sources  # the note lines that say so
    assert [x.service_label for x in caching_layers(notes_graph) if x.cache_label == "DAX"] == ["DynamoDB"]


@pytest.mark.parametrize("service", ["RDS", "Aurora"])
def test_notes_elasticache_fronts_relational_databases(notes_graph, service):
    layers = [(x.tier, x.cache_label, x.rule) for x in caching_layers(notes_graph, service)]
    assert ("in-memory", "ElastiCache", "in-memory-cache-fronts-database") in layers
    assert [tier for tier, _, _ in layers] == sorted((t for t, _, _ in layers), key=TIERS.index)


def test_notes_oracle_to_aurora_postgresql_through_dms_and_sct(notes_graph):
    paths = migration_paths(notes_graph, "Oracle", "Aurora PostgreSQL")
    assert paths
    first = paths[0]
    assert (first.source_label, first.target_label) == ("Oracle", "Aurora PostgreSQL")
    assert first.heterogeneous
    assert first.services == ("DMS", "Schema Conversion Tool")


def test_notes_compare_holds_dynamodb_item_size_and_aurora_replicas(notes_graph):
    cells = {(r.service, r.max, r.unit) for r in compare_limits(notes_graph)}
    assert ("DynamoDB", Decimal(400), "KiloBYTE") in cells
    assert ("Aurora", Decimal(15), "NUM") in cells
    size = [r for r in compare_limits(notes_graph, "item size") if r.service == "DynamoDB"]
    assert [(r.normalised, r.normalised_unit) for r in size] == [(Decimal("0.0004"), "GigaBYTE")]
