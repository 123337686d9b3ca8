"""Graphs the view tests share: the small hand-built store (``store``, ``g``) and a small picture graph (``small``)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store
from tests.views.hand_built import TRIG


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(TRIG), "trig")
    return s


@pytest.fixture(scope="module")
def g(store: Store) -> nx.MultiDiGraph:
    return to_networkx(store)


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """DAX caches DynamoDB, which has PITR; a computed edge from CloudFront."""
    g = nx.MultiDiGraph()
    g.add_node("cid:dax", label="DAX", classes=("CacheService",), aliases=("DynamoDB Accelerator",))
    g.add_node("cid:dynamodb", label="DynamoDB", classes=("DatabaseService",), aliases=())
    g.add_node("cid:pitr", label="PITR", classes=("Feature",), aliases=())
    g.add_node("cid:cloudfront", label="CloudFront", classes=("NetworkingService", "CacheService"), aliases=())
    g.add_edge("cid:dax", "cid:dynamodb", key="caches", predicate="caches", sources=())
    g.add_edge("cid:dynamodb", "cid:pitr", key="hasFeature", predicate="hasFeature", sources=())
    g.add_edge("cid:cloudfront", "cid:dynamodb", key="cachingLayer", predicate="cachingLayer", derived=True)
    return g
