"""Tests for graph.network.caching: each rule of ontology/caching.toml on small graphs, the ones that must not
fire, alternatives, chains through the compute tier, noted and negated layers, and the bundled notes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.errors import InputError
from graph.network.build import NoteRef
from graph.network.caching import TIERS, cache_tier, caching_chains, caching_layers, caching_rows
from graph.network.names import local_name
from graph.network.rules import CACHING, RULES, load_caching_rules

CID = "https://w3id.org/cloudatlas/id/"
NOTE = NoteRef("aws.md", 7, "DAX - in-memory cache for DynamoDB", "https://w3id.org/cloudatlas/note/aws.md-L7")

SERVICES = {
    "cloudfront": ("CloudFront", "CacheService"),
    "api-gateway": ("API Gateway", "CacheService"),
    "elasticache": ("ElastiCache", "CacheService"),
    "dax": ("DAX", "CacheService"),
    "redis": ("Redis", "Engine"),
    "memcached": ("Memcached", "Engine"),
    "dynamodb": ("DynamoDB", "DatabaseService"),
    "rds": ("RDS", "DatabaseService"),
    "aurora": ("Aurora", "DatabaseService"),
    "redshift": ("Redshift", "DataWarehouse"),
    "emr": ("EMR", "AnalyticsService"),
    "kinesis": ("Kinesis Data Streams", "AnalyticsService"),
    "s3": ("S3", "StorageService"),
    "lambda": ("Lambda", "ComputeService"),
    "ec2": ("EC2", "ComputeService"),
    "auto-scaling": ("Auto Scaling", "ComputeService"),
    "azure-sql": ("Azure SQL", "DatabaseService"),
}


def _graph(*edges: tuple[str, str, str], only: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A graph of :data:`SERVICES` (or ``only`` of them) with ElastiCache running Redis and Memcached."""
    g = nx.MultiDiGraph()
    for key, (label, cls) in SERVICES.items():
        if not only or key in only:
            g.add_node(CID + key, label=label, classes=(cls,), aliases=())
    for engine in ("redis", "memcached"):
        if g.has_node(CID + "elasticache") and g.has_node(CID + engine):
            g.add_edge(CID + "elasticache", CID + engine, key="supportsEngine")
    for u, key, v in edges:
        g.add_edge(CID + u, CID + v, key=key, sources=(NOTE,) if key in ("caches", "mentions") else ())
    return g


def _direct(g: nx.MultiDiGraph, service: str) -> list[tuple[str, str, str]]:
    """``(cache, status, rule)`` right in front of the service."""
    return [(x.cache_label, x.status, x.rule) for x in caching_layers(g, service) if x.direct]


# --- each rule fires where AWS documents it ---------------------------------------------------------------------


def test_the_rules_come_from_the_ontology_file_with_their_pages():
    assert {r.id for r in CACHING.rules} == {
        "edge-cache-fronts-origin",
        "api-cache-fronts-backend",
        "in-memory-cache-fronts-database",
        "dax-fronts-dynamodb",
    }
    for rule in CACHING.rules:
        assert RULES[rule.id].comment == rule.says
        assert rule.sources and all(page.startswith("https://docs.aws.amazon.com/") for page in rule.sources)
    assert TIERS == ("edge", "api", "in-memory")


@pytest.mark.parametrize("origin", ["S3", "Lambda", "EC2", "API Gateway"])
def test_edge_cache_fronts_http_origins(origin):
    assert ("CloudFront", "inferred", "edge-cache-fronts-origin") in _direct(_graph(), origin)


@pytest.mark.parametrize("backend", ["Lambda", "EC2"])
def test_api_cache_fronts_its_integrations(backend):
    assert ("API Gateway", "inferred", "api-cache-fronts-backend") in _direct(_graph(), backend)


@pytest.mark.parametrize("database", ["RDS", "Aurora", "DynamoDB"])
def test_in_memory_cache_fronts_databases(database):
    assert ("ElastiCache", "inferred", "in-memory-cache-fronts-database") in _direct(_graph(), database)


def test_dax_fronts_dynamodb():
    assert _direct(_graph(), "DynamoDB") == [
        ("DAX", "inferred", "dax-fronts-dynamodb"),
        ("ElastiCache", "inferred", "in-memory-cache-fronts-database"),
    ]


# --- and never where it does not --------------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["RDS", "Aurora", "DynamoDB", "Redshift", "EMR", "Kinesis Data Streams"])
def test_no_edge_or_api_cache_in_front_of_a_database_or_analytics_service(service):
    layers = caching_layers(_graph(), service)
    assert {x.cache_label for x in layers}.isdisjoint({"CloudFront", "API Gateway"})


@pytest.mark.parametrize("service", ["Aurora", "RDS", "Redshift", "S3", "Lambda"])
def test_dax_fronts_nothing_but_dynamodb(service):
    assert "DAX" not in {x.cache_label for x in caching_layers(_graph(), service)}


@pytest.mark.parametrize("service", ["Redshift", "EMR", "Kinesis Data Streams", "S3", "Lambda", "Azure SQL"])
def test_in_memory_cache_fronts_no_warehouse_analytics_storage_compute_or_other_cloud(service):
    assert "ElastiCache" not in {x.cache_label for x in caching_layers(_graph(), service)}


def test_two_in_memory_caches_are_alternatives_never_a_series():
    layers = caching_layers(_graph(), "DynamoDB")
    assert [(x.cache_label, x.hop, x.alternatives, x.fronts_label) for x in layers] == [
        ("DAX", 1, ("ElastiCache",), "DynamoDB"),
        ("ElastiCache", 1, ("DAX",), "DynamoDB"),
    ]
    assert caching_chains(_graph(), "DynamoDB") == ("client → DAX → DynamoDB", "client → ElastiCache → DynamoDB")


def test_an_in_memory_cache_never_fronts_another_one():
    g = _graph()
    g.nodes[CID + "dax"]["classes"] = ("CacheService", "DatabaseService")  # as if DAX were also a database
    assert "ElastiCache" not in {x.cache_label for x in caching_layers(g, "DAX")}


def test_no_cache_fronts_a_cache_of_its_own_tier_or_further_out():
    assert {x.cache_label for x in caching_layers(_graph(), "CloudFront")} == set()
    assert [(x.cache_label, x.tier) for x in caching_layers(_graph(), "API Gateway")] == [("CloudFront", "edge")]


# --- chains -----------------------------------------------------------------------------------------------------


def test_edge_cache_stacks_in_front_of_the_api_cache():
    layers = caching_layers(_graph(), "Lambda")
    assert [(x.hop, x.cache_label, x.fronts_label, x.alternatives) for x in layers] == [
        (2, "CloudFront", "API Gateway", ()),
        (1, "CloudFront", "Lambda", ("API Gateway",)),
        (1, "API Gateway", "Lambda", ("CloudFront",)),
    ]
    assert caching_chains(_graph(), "Lambda") == (
        "client → CloudFront → API Gateway → Lambda",
        "client → CloudFront → Lambda",
    )


def test_a_chain_to_a_database_names_the_compute_tier_the_notes_give():
    g = _graph(("lambda", "mentions", "dynamodb"), ("api-gateway", "mentions", "lambda"))
    assert caching_chains(g, "DynamoDB") == (
        "client → CloudFront → API Gateway → Lambda → DAX → DynamoDB",
        "client → CloudFront → API Gateway → Lambda → ElastiCache → DynamoDB",
    )
    rows = {(x.cache_label, x.fronts_label): x for x in caching_layers(g, "DynamoDB")}
    way_in = rows["Lambda", "DAX or ElastiCache"]
    assert (way_in.tier, way_in.status, way_in.rule, way_in.sources) == ("compute", "linked", "noted-way-in", (NOTE,))
    assert rows["API Gateway", "Lambda"].status == "linked"
    assert rows["CloudFront", "API Gateway"].rule == "edge-cache-fronts-origin"


def test_a_chain_stops_where_the_notes_give_no_way_in():
    g = _graph(("dynamodb", "mentions", "lambda"))  # no note links API Gateway or CloudFront to Lambda
    assert caching_chains(g, "DynamoDB") == (
        "client → Lambda → DAX → DynamoDB",
        "client → Lambda → ElastiCache → DynamoDB",
    )
    assert caching_chains(_graph(), "RDS") == ("client → ElastiCache → RDS",)


def test_a_database_without_caches_is_reached_through_its_way_in():
    g = _graph(("ec2", "mentions", "redshift"))
    assert caching_chains(g, "Redshift") == ("client → EC2 → Redshift",)
    assert [x.fronts_label for x in caching_layers(g, "Redshift")] == ["Redshift"]


def test_a_compute_service_that_answers_no_requests_is_no_way_in():
    g = _graph(("auto-scaling", "mentions", "dynamodb"))  # capacity scaling, not a request path
    assert caching_chains(g, "DynamoDB") == ("client → DAX → DynamoDB", "client → ElastiCache → DynamoDB")
    assert "Auto Scaling" not in {x.cache_label for x in caching_layers(g, "DynamoDB")}


# --- noted and negated ------------------------------------------------------------------------------------------


def test_noted_layer_wins_over_the_rules():
    g = _graph(("cloudfront", "caches", "rds"), ("dax", "caches", "dynamodb"))
    assert ("CloudFront", "noted", "noted-cache") in _direct(g, "RDS")
    assert _direct(g, "DynamoDB")[0] == ("DAX", "noted", "noted-cache")
    dax = next(x for x in caching_layers(g, "DynamoDB") if x.cache_label == "DAX")
    assert dax.sources == (NOTE,) and "aws.md:7" in dax.why


@pytest.mark.parametrize("direction", ["cache first", "service first"])
def test_a_cache_noted_as_not_available_is_left_out(direction):
    edge = (
        ("elasticache", "notAvailableFor", "aurora")
        if direction == "cache first"
        else ("aurora", "notAvailableFor", "elasticache")
    )
    assert caching_layers(_graph(edge), "Aurora") == ()


def test_in_memory_cache_without_engine_or_name_is_not_inferred():
    g = _graph()
    g.remove_edges_from([(CID + "elasticache", CID + e, "supportsEngine") for e in ("redis", "memcached")])
    g.nodes[CID + "elasticache"]["label"] = "Some Cache"
    assert caching_layers(g, "RDS") == ()
    g.add_edge(CID + "elasticache", CID + "redis", key="supportsEngine")
    assert _direct(g, "RDS") == [("Some Cache", "inferred", "in-memory-cache-fronts-database")]


def test_layer_attribute_sets_the_tier():
    g = _graph()
    g.nodes[CID + "elasticache"]["layer"] = "edge"
    assert cache_tier(g, CID + "elasticache") == "edge"
    assert {local_name(n): cache_tier(g, n) for n in g if cache_tier(g, n)} == {
        "cloudfront": "edge",
        "api-gateway": "api",
        "elasticache": "edge",
        "dax": "in-memory",
    }


def test_unknown_service_is_an_input_error():
    with pytest.raises(InputError, match=r"unknown name 'DynamoBD'; did you mean: DynamoDB"):
        caching_layers(_graph(), "DynamoBD")


def test_rows_say_why_and_name_the_alternatives():
    rows, columns = caching_rows(_graph(), "DynamoDB")
    assert columns == ["service", "hop", "tier", "layer", "in front of", "or", "status", "rule", "why"]
    assert [(r["layer"], r["or"]) for r in rows] == [("DAX", "ElastiCache"), ("ElastiCache", "DAX")]
    assert rows[0]["why"].startswith(RULES["dax-fronts-dynamodb"].comment)
    assert "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html" in rows[0]["why"]


# --- the rules file ---------------------------------------------------------------------------------------------


def test_a_malformed_rules_file_is_a_one_line_error(tmp_path: Path):
    bad = tmp_path / "caching.toml"
    bad.write_text('[[kind]]\nid = "edge"\ntier = "edge"\nnames = ["CloudFront"]\n[[rule]]\nid = "x"\nkind = "cdn"\n')
    with pytest.raises(InputError, match=r"^caching.toml:0: rule 'x': unknown kind 'cdn'$"):
        load_caching_rules(bad)
    bad.write_text('[[kind]]\nid = "edge"\ntier = "sky"\n')
    with pytest.raises(InputError, match="tier must be one of edge, api, in-memory"):
        load_caching_rules(bad)
    bad.write_text("[[kind]\n")
    with pytest.raises(InputError, match=r"^caching.toml:1: not TOML"):
        load_caching_rules(bad)


# --- the bundled notes ------------------------------------------------------------------------------------------


def _table(g: nx.MultiDiGraph, service: str) -> list[tuple[int, str, str, str, str, str]]:
    return [(x.hop, x.tier, x.cache_label, x.fronts_label, x.status, x.rule) for x in caching_layers(g, service)]


def test_notes_caching_table(notes_graph):
    g = notes_graph
    assert _table(g, "DynamoDB") == [
        (2, "compute", "Lambda", "DAX or ElastiCache", "linked", "noted-way-in"),
        (1, "in-memory", "DAX", "DynamoDB", "noted", "noted-cache"),
        (1, "in-memory", "ElastiCache", "DynamoDB", "inferred", "in-memory-cache-fronts-database"),
    ]
    assert _table(g, "RDS") == [(1, "in-memory", "ElastiCache", "RDS", "inferred", "in-memory-cache-fronts-database")]
    assert _table(g, "Aurora") == [
        (1, "in-memory", "ElastiCache", "Aurora", "inferred", "in-memory-cache-fronts-database")
    ]
    assert _table(g, "S3") == [(1, "edge", "CloudFront", "S3", "inferred", "edge-cache-fronts-origin")]
    assert _table(g, "Lambda") == [
        (2, "edge", "CloudFront", "API Gateway", "inferred", "edge-cache-fronts-origin"),
        (1, "edge", "CloudFront", "Lambda", "inferred", "edge-cache-fronts-origin"),
        (1, "api", "API Gateway", "Lambda", "inferred", "api-cache-fronts-backend"),
    ]
    for service in ("Redshift", "EMR", "Kinesis Data Streams", "Azure SQL", "CloudFront", "DMS"):
        assert caching_layers(g, service) == ()
    assert [x.service_label for x in caching_layers(g) if x.cache_label == "DAX"] == ["DynamoDB"]
