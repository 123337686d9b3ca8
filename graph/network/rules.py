"""The rules behind computed relations, as data, and the tests on nodes that the analyses share.

Each relation an analysis computes (a caching layer of :mod:`graph.network.caching`, a
migration path of :mod:`graph.network.migration`) names the rule in :data:`RULES` that
made it, so "noted" and "computed" stay apart; :mod:`graph.network.derive` writes the
rules into the store with their comments. The helpers read what a node is: its ``ca:``
classes, its names, whether it is a service or an engine, its out-edges by relation.

Examples
--------
>>> RULES["api-cache-fronts-backend"].comment
'API Gateway caching can front any backend service behind the API.'
>>> g = nx.MultiDiGraph()
>>> g.add_node("ec", label="ElastiCache", classes=("CacheService",), aliases=("Amazon ElastiCache",))
>>> _is_service(_classes(g, "ec")), _names(g, "ec")
(True, ['elasticache', 'amazon elasticache'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

__all__ = ["Rule", "RULES"]


@dataclass(frozen=True)
class Rule:
    """A named rule that computes relations, with what it says."""

    name: str
    comment: str


#: The rules behind computed relations, by name.
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("noted-cache", "The notes say the cache sits in front of the service (ca:caches)."),
        Rule(
            "in-memory-cache-fronts-database",
            "An in-memory cache service that runs an engine such as Redis or Memcached can front any database service.",
        ),
        Rule("api-cache-fronts-backend", "API Gateway caching can front any backend service behind the API."),
        Rule(
            "edge-cache-fronts-origin",
            "An edge cache (CloudFront) can front any service reachable over HTTP: APIs, object storage, "
            "or a backend behind an API tier.",
        ),
        Rule(
            "homogeneous-migration",
            "A migration service lists the source among its sources and the target among its targets, "
            "and the two do not run different engines.",
        ),
        Rule(
            "heterogeneous-migration",
            "A migration service lists the source among its sources and the target among its targets, "
            "and their engines differ, so the schema is converted first (Schema Conversion Tool).",
        ),
    )
}


_NEGATED = "notAvailableFor"


def _classes(g: nx.Graph, node: str) -> frozenset[str]:
    return frozenset(g.nodes[node].get("classes", ()))


def _is_service(classes: Iterable[str]) -> bool:
    return any(c.endswith("Service") or c == "DataWarehouse" for c in classes)


def _is_engine(g: nx.Graph, node: str) -> bool:
    return "Engine" in _classes(g, node)


def _names(g: nx.Graph, node: str) -> list[str]:
    data = g.nodes[node]
    return [n.casefold() for n in (data.get("label") or "", *data.get("aliases", ()))]


def _out(g: nx.MultiDiGraph, node: str, keys: Iterable[str]) -> list[tuple[str, str]]:
    """``(key, target)`` of the node's out-edges with one of ``keys``, sorted."""
    wanted = set(keys)
    return sorted({(k, v) for _, v, k in g.out_edges(node, keys=True) if k in wanted and v != node})
