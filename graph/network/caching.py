"""Caching layers: the caches that can sit in front of a service, client inwards (edge, api, in-memory).

A ``ca:caches`` edge is a noted layer; the others are inferred by rules of
:data:`graph.network.rules.RULES`, whose names each layer carries, so "noted" and
"computed" stay apart. A cache noted as not available for a service is left out.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("dax", label="DAX", classes=("CacheService",), aliases=())
>>> g.add_node("ddb", label="DynamoDB", classes=("DatabaseService",), aliases=())
>>> g.add_edge("dax", "ddb", key="caches", sources=())
'caches'
>>> [(x.cache_label, x.tier, x.status) for x in caching_layers(g, "DynamoDB")]
[('DAX', 'in-memory', 'noted')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.network.build import NoteRef
from graph.network.names import find_node, label_of
from graph.network.rules import _NEGATED, _classes, _is_service, _names, _out

__all__ = ["TIERS", "CachingLayer", "cache_tier", "caching_layers"]


#: Cache tiers, client inwards.
TIERS = ("edge", "api", "in-memory")

_BACKENDS = frozenset({"DatabaseService", "DataWarehouse", "StorageService", "ComputeService", "AnalyticsService"})
_HTTP_ORIGINS = frozenset({"StorageService", "ComputeService", "IntegrationService"})


@dataclass(frozen=True)
class CachingLayer:
    """A cache that can sit in front of a service.

    ``status`` is ``"noted"`` (a ``ca:caches`` edge, with its note lines in
    ``sources``) or ``"inferred"``; ``rule`` names the rule in :data:`graph.network.rules.RULES`.
    """

    service: str
    service_label: str
    cache: str
    cache_label: str
    tier: str
    status: str
    rule: str
    sources: tuple[NoteRef, ...] = ()


def _is_cache(g: nx.MultiDiGraph, node: str) -> bool:
    return "CacheService" in _classes(g, node) or any(k == "caches" for _, _, k in g.out_edges(node, keys=True))


def cache_tier(g: nx.MultiDiGraph, node: str) -> str | None:
    """The tier of a cache: its ``layer`` attribute, else ``edge`` (CloudFront), ``api`` (API Gateway) or ``in-memory``.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    node : str
        A node IRI.

    Returns
    -------
    str or None
        One of :data:`TIERS`, or None when the node is not a cache.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("cf", label="CloudFront", classes=("CacheService",), aliases=())
    >>> g.add_node("x", label="X", classes=("CacheService",), aliases=("Amazon API Gateway",))
    >>> g.add_node("rds", label="RDS", classes=("DatabaseService",), aliases=())
    >>> cache_tier(g, "cf"), cache_tier(g, "x"), cache_tier(g, "rds")
    ('edge', 'api', None)
    """
    if not _is_cache(g, node):
        return None
    layer = g.nodes[node].get("layer")
    if layer in TIERS:
        return layer
    names = [n.replace(" ", "") for n in _names(g, node)]
    if any("cloudfront" in n for n in names):
        return "edge"
    if any("apigateway" in n or n == "apigw" for n in names):
        return "api"
    return "in-memory"


def caching_layers(g: nx.MultiDiGraph, service: str | None = None) -> tuple[CachingLayer, ...]:
    """The caches that can sit in front of a service, client inwards: edge, api, in-memory.

    A ``ca:caches`` edge is a noted layer. The rest are inferred:
    ``in-memory-cache-fronts-database`` (an in-memory cache that runs an engine,
    such as ElastiCache with Redis, fronts any database service),
    ``api-cache-fronts-backend`` (API Gateway fronts any backend service) and
    ``edge-cache-fronts-origin`` (CloudFront fronts any service reachable over
    HTTP: storage, compute, APIs, or anything behind an API tier). A cache that
    is noted as not available for the service (``ca:notAvailableFor``) is left out.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    service : str, optional
        A service's name, alias or IRI; all services when omitted.

    Returns
    -------
    tuple of CachingLayer
        By service label, then tier (client inwards), noted before inferred, then cache label.

    Raises
    ------
    graph.errors.InputError
        When ``service`` names nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> names = {"rds": "RDS", "ec": "ElastiCache", "redis": "Redis", "apigw": "API Gateway", "cf": "CloudFront"}
    >>> kinds = {"rds": "DatabaseService", "redis": "Engine"}
    >>> for n, label in names.items():
    ...     g.add_node(n, label=label, classes=(kinds.get(n, "CacheService"),))
    >>> g.add_edge("ec", "redis", key="supportsEngine")
    'supportsEngine'
    >>> for layer in caching_layers(g, "rds"):
    ...     print(layer.tier, layer.cache_label, layer.status, layer.rule)
    edge CloudFront inferred edge-cache-fronts-origin
    api API Gateway inferred api-cache-fronts-backend
    in-memory ElastiCache inferred in-memory-cache-fronts-database
    """
    if service is not None:
        targets = [find_node(g, service)]
    else:
        targets = sorted((n for n in g if _is_service(_classes(g, n))), key=lambda n: (label_of(g, n).casefold(), n))
    tiers = {n: t for n in g if (t := cache_tier(g, n)) is not None}
    out: list[CachingLayer] = []
    for target in targets:
        out.extend(_layers_for(g, target, tiers))
    return tuple(out)


def _layers_for(g: nx.MultiDiGraph, s: str, tiers: dict[str, str]) -> list[CachingLayer]:
    classes = _classes(g, s)
    own_tier = tiers.get(s)
    negated = {v for _, v, k in g.out_edges(s, keys=True) if k == _NEGATED}
    negated |= {u for u, _, k in g.in_edges(s, keys=True) if k == _NEGATED}
    found: dict[str, CachingLayer] = {}

    def add(cache: str, status: str, rule: str, sources: tuple[NoteRef, ...] = ()) -> None:
        if cache != s and cache not in found and (status == "noted" or cache not in negated):
            tier = tiers.get(cache, "in-memory")
            found[cache] = CachingLayer(s, label_of(g, s), cache, label_of(g, cache), tier, status, rule, sources)

    for cache, _, key, data in sorted(g.in_edges(s, keys=True, data=True), key=lambda e: (e[0], e[2])):
        if key == "caches":
            add(cache, "noted", "noted-cache", tuple(data.get("sources", ())))
    by_tier: dict[str, list[str]] = defaultdict(list)
    for cache, tier in sorted(tiers.items()):
        by_tier[tier].append(cache)
    if "DatabaseService" in classes:
        for cache in by_tier["in-memory"]:
            if _out(g, cache, ["supportsEngine"]):
                add(cache, "inferred", "in-memory-cache-fronts-database")
    if classes & _BACKENDS and own_tier is None:
        for cache in by_tier["api"]:
            add(cache, "inferred", "api-cache-fronts-backend")
    behind_api = own_tier == "api" or any(layer.tier == "api" for layer in found.values())
    if (classes & _HTTP_ORIGINS or behind_api) and own_tier != "edge":
        for cache in by_tier["edge"]:
            add(cache, "inferred", "edge-cache-fronts-origin")
    return sorted(
        found.values(),
        key=lambda x: (TIERS.index(x.tier), x.status != "noted", x.cache_label.casefold(), x.cache),
    )
