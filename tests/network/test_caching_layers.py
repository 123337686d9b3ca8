"""Tests for graph.network.caching on a small hand-written graph and on the bundled notes, with exact results."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.network.build import NoteRef
from graph.network.caching import TIERS, CachingLayer, cache_tier, caching_layers
from graph.network.names import local_name
from graph.network.rules import RULES

CID = "https://w3id.org/cloudatlas/id/"

NOTE = NoteRef("aws.md", 7, "DAX - in-memory cache for DynamoDB", "https://w3id.org/cloudatlas/note/aws.md-L7")


def _layers(layers: tuple[CachingLayer, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(x.service_label, x.tier, x.cache_label, x.status, x.rule) for x in layers]


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
