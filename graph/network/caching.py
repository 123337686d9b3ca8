"""Caching layers: the caches that can sit in front of a service, client inwards, with the rule behind each.

What a cache can front is data, in ``ontology/caching.toml`` (:data:`graph.network.rules.CACHING`):
CloudFront fronts HTTP origins, API Gateway caching its integrations, an in-memory cache
databases, DAX DynamoDB only. A ``ca:caches`` edge is a noted layer and always wins; a cache
noted as not available for a service (``ca:notAvailableFor``) is left out. Caches in front of
the same node are alternatives, never a series, and a cache fronts only what is further in
than its own tier. A chain to a database goes on through the compute service the notes link
to it (``noted-way-in``), and through the caches the notes link to that service; where the
notes give no way in, it stops.

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
from graph.network.rules import _NEGATED, CACHING, RULES, TIERS, _classes, _is_service, _names, _out

__all__ = ["TIERS", "CachingLayer", "cache_tier", "caching_layers", "caching_chains", "caching_rows", "CACHING_COLUMNS"]

_DATABASES = frozenset({"DatabaseService", "DataWarehouse"})


@dataclass(frozen=True)
class CachingLayer:
    """A layer that can sit in front of a service: a cache, or the compute service a chain goes through.

    ``status`` is ``"noted"`` (a ``ca:caches`` edge, with its note lines in ``sources``),
    ``"inferred"`` (a caching rule) or ``"linked"`` (the way in: the notes link it, lines in
    ``sources``); ``rule`` names the rule in :data:`graph.network.rules.RULES`. ``fronts``
    are the nodes it sits directly in front of (the service, a cache in front of it, or a
    group of alternatives), ``hop`` counts the layers from the service (1 = next to it), and
    ``alternatives`` name the other layers in front of the same nodes.
    """

    service: str
    service_label: str
    cache: str
    cache_label: str
    tier: str
    status: str
    rule: str
    sources: tuple[NoteRef, ...] = ()
    fronts: tuple[str, ...] = ()
    fronts_label: str = ""
    hop: int = 1
    alternatives: tuple[str, ...] = ()

    @property
    def direct(self) -> bool:
        """Whether this is a cache right in front of the service (what ``ca:cachingLayer`` records)."""
        return self.hop == 1 and self.tier in TIERS and self.fronts == (self.service,)

    @property
    def why(self) -> str:
        """The rule in plain words, with the page it comes from or the note lines that say so."""
        rule = RULES[self.rule]
        if self.sources:
            return f"{rule.comment} ({' '.join(str(ref) for ref in self.sources)})"
        return f"{rule.comment} See {rule.sources[0]}" if rule.sources else rule.comment


def _key(name: str) -> str:
    return "".join(name.split())


def _is_cache(g: nx.MultiDiGraph, node: str) -> bool:
    return "CacheService" in _classes(g, node) or any(k == "caches" for _, _, k in g.out_edges(node, keys=True))


def _kind(g: nx.MultiDiGraph, node: str) -> str | None:
    """The kind of cache in ``ontology/caching.toml`` a node is: by its names, else by the engines it runs."""
    names = {_key(n) for n in _names(g, node)}
    for kind in CACHING.kinds.values():
        if names & kind.names:
            return kind.id
    engines = {_key(n) for _, v in _out(g, node, ["supportsEngine"]) for n in _names(g, v)}
    return next((kind.id for kind in CACHING.kinds.values() if engines & kind.engines), None)


def cache_tier(g: nx.MultiDiGraph, node: str) -> str | None:
    """The tier of a cache: its ``layer`` attribute, else its kind's tier, else ``in-memory``.

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
    kind = _kind(g, node)
    return CACHING.kinds[kind].tier if kind else "in-memory"


_Found = tuple[str, str, str, tuple[NoteRef, ...]]


class _Context:
    """What every service's layers share: the caches of the graph with their tiers and kinds."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.tiers = {n: t for n in g if (t := cache_tier(g, n)) is not None}
        self.kinds = {n: _kind(g, n) for n in self.tiers}
        self.caches = sorted(n for n in self.tiers if self.kinds[n] is not None)
        self.memo: dict[str, list[_Found]] = {}

    def outer(self, cache: str, node: str) -> bool:
        """Whether ``cache`` sits further out than ``node``: always when ``node`` is no cache."""
        inner = self.tiers.get(node)
        return inner is None or TIERS.index(self.tiers[cache]) < TIERS.index(inner)

    def fires(self, cache: str, node: str, classes: frozenset[str], names: list[str]) -> str | None:
        """The rule by which ``cache`` can front ``node`` (of those classes and names), if any."""
        kind = self.kinds[cache]
        if kind is None or cache == node or not self.outer(cache, node) or classes & CACHING.kinds[kind].never_classes:
            return None
        for rule in CACHING.rules:
            if rule.kind == kind and (classes & rule.fronts_classes or rule.fronts_names.intersection(names)):
                return rule.id
        return None

    def in_front(self, node: str) -> list[_Found]:
        """``(cache, status, rule, sources)`` that can sit right in front of ``node``: noted first."""
        if node in self.memo:
            return self.memo[node]
        g = self.g
        found: dict[str, _Found] = {}
        noted = [(u, d) for u, _, k, d in g.in_edges(node, keys=True, data=True) if k == "caches" and u in self.tiers]
        for cache, data in sorted(noted, key=lambda e: e[0]):
            if cache != node:
                found.setdefault(cache, (cache, "noted", "noted-cache", tuple(data.get("sources", ()))))
        classes = _classes(g, node)
        names = [_key(n) for n in _names(g, node)]
        if not any(n.startswith(CACHING.outside_aws) for n in names):
            inferred = [(c, r) for c in self.caches if c not in found and (r := self.fires(c, node, classes, names))]
            if inferred:
                negated = {v for _, v, k in g.out_edges(node, keys=True) if k == _NEGATED}
                negated |= {u for u, _, k in g.in_edges(node, keys=True) if k == _NEGATED}
                found.update((c, (c, "inferred", r, ())) for c, r in inferred if c not in negated)
        result = sorted(found.values(), key=lambda x: (TIERS.index(self.tiers[x[0]]), x[1] != "noted", x[0]))
        self.memo[node] = result
        return result


def _serves(g: nx.MultiDiGraph, node: str) -> bool:
    """Whether ``node`` can stand between the caches and a database: a service answering requests."""
    if not _classes(g, node) & CACHING.way_in.classes:
        return False
    return not CACHING.way_in.serves or any(_key(n) in CACHING.way_in.serves for n in _names(g, node))


def _links(g: nx.MultiDiGraph, a: str, b: str) -> tuple[NoteRef, ...] | None:
    """The note lines of the relations that link ``a`` and ``b`` as a way in, or None when none does."""
    keys = CACHING.way_in.links | {"caches"}
    refs: list[NoteRef] = []
    linked = False
    for u, v in ((a, b), (b, a)):
        for key, data in g.get_edge_data(u, v, default={}).items():
            if key in keys:
                linked = True
                refs.extend(r for r in data.get("sources", ()) if r not in refs)
    return tuple(refs) if linked else None


def caching_layers(g: nx.MultiDiGraph, service: str | None = None) -> tuple[CachingLayer, ...]:
    """The layers that can sit in front of a service, client inwards, each with its rule.

    Right in front of the service: the caches noted (``noted-cache``) or allowed by a rule of
    ``ontology/caching.toml`` (not where the notes say the cache is not available for it);
    they are alternatives of each other. In front of each cache, the caches further out that
    can front it (CloudFront in front of API Gateway). In front of a database, the compute
    services the notes link to it (``noted-way-in``), and in front of those the caches the
    notes link to them; the chain stops where the notes give no way in.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    service : str, optional
        A service's name, alias or IRI; all services when omitted.

    Returns
    -------
    tuple of CachingLayer
        By service label, then client inwards (outermost hop first), tier, noted first, label.

    Raises
    ------
    graph.errors.InputError
        When ``service`` names nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> names = {"ddb": "DynamoDB", "dax": "DAX", "ec": "ElastiCache", "fn": "Lambda", "apigw": "API Gateway",
    ...          "cf": "CloudFront", "redis": "Redis"}
    >>> kinds = {"ddb": "DatabaseService", "fn": "ComputeService", "redis": "Engine"}
    >>> for n, label in names.items():
    ...     g.add_node(n, label=label, classes=(kinds.get(n, "CacheService"),))
    >>> _ = g.add_edges_from([("ec", "redis", "supportsEngine"), ("fn", "ddb", "mentions"),
    ...                       ("apigw", "fn", "mentions")])
    >>> for x in caching_layers(g, "DynamoDB"):
    ...     print(x.hop, x.tier, x.cache_label, "->", x.fronts_label, x.alternatives, x.rule)
    4 edge CloudFront -> API Gateway () edge-cache-fronts-origin
    3 api API Gateway -> Lambda () api-cache-fronts-backend
    2 compute Lambda -> DAX or ElastiCache () noted-way-in
    1 in-memory DAX -> DynamoDB ('ElastiCache',) dax-fronts-dynamodb
    1 in-memory ElastiCache -> DynamoDB ('DAX',) in-memory-cache-fronts-database
    >>> caching_chains(g, "DynamoDB")
    ('client → CloudFront → API Gateway → Lambda → DAX → DynamoDB', \
'client → CloudFront → API Gateway → Lambda → ElastiCache → DynamoDB')
    """
    if service is not None:
        targets = [find_node(g, service)]
    else:
        targets = sorted((n for n in g if _is_service(_classes(g, n))), key=lambda n: (label_of(g, n).casefold(), n))
    ctx = _Context(g)
    out: list[CachingLayer] = []
    for target in targets:
        out.extend(_layers_for(ctx, target))
    return tuple(out)


def _layers_for(ctx: _Context, s: str) -> list[CachingLayer]:
    g = ctx.g
    layers: list[CachingLayer] = []

    def add(found: list[_Found], fronts: tuple[str, ...], hop: int, branch: frozenset[str]) -> list[str]:
        """Layers in front of ``fronts``, alternatives of each other; none already on the way to the service."""
        fresh = [f for f in found if f[0] not in branch]
        labels = [label_of(g, f[0]) for f in fresh]
        front = " or ".join(label_of(g, n) for n in fronts)
        for (node, status, rule, sources), label in zip(fresh, labels, strict=True):
            tier = ctx.tiers.get(node, CACHING.way_in.tier)
            others = tuple(x for x in labels if x != label)
            layers.append(
                CachingLayer(s, label_of(g, s), node, label, tier, status, rule, sources, fronts, front, hop, others)
            )
        return [f[0] for f in fresh]

    def stack(node: str, hop: int, branch: frozenset[str]) -> None:
        """The caches further out in front of a cache, by rule: a series of tiers, never two alike."""
        for cache in add([f for f in ctx.in_front(node) if ctx.outer(f[0], node)], (node,), hop, branch):
            stack(cache, hop + 1, branch | {cache})

    start = frozenset({s})
    nearest = add(ctx.in_front(s), (s,), 1, start)
    for cache in nearest:
        stack(cache, 2, start | {cache})
    if _classes(g, s) & _DATABASES:
        memory = tuple(c for c in nearest if ctx.tiers[c] == "in-memory") or (s,)
        hop = 1 if memory == (s,) else 2
        ways = []
        neighbours = set(g.predecessors(s)) | set(g.successors(s))
        for node in sorted(neighbours, key=lambda n: (label_of(g, n).casefold(), n)):
            if _serves(g, node) and (refs := _links(g, node, s)) is not None:
                ways.append((node, "linked", "noted-way-in", refs))
        branch = start | set(memory)
        for way in add(ways, memory, hop, branch):
            linked = []
            for cache, status, rule, refs in ctx.in_front(way):
                noted = _links(g, cache, way)
                if noted is not None:
                    linked.append((cache, "noted" if status == "noted" else "linked", rule, noted or refs))
            for cache in add(linked, (way,), hop + 1, branch | {way}):
                stack(cache, hop + 2, branch | {way, cache})
    return sorted(
        layers,
        key=lambda x: (
            -x.hop,
            TIERS.index(x.tier) if x.tier in TIERS else -1,
            x.status != "noted",
            x.cache_label.casefold(),
        ),
    )


def caching_chains(g: nx.MultiDiGraph, service: str) -> tuple[str, ...]:
    """Every way from a client to the service through its layers, one line each; alternatives give several.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s3", label="S3", classes=("StorageService",))
    >>> g.add_node("cf", label="CloudFront", classes=("CacheService",))
    >>> caching_chains(g, "S3")
    ('client → CloudFront → S3',)
    """
    target = find_node(g, service)
    layers = caching_layers(g, target)
    before: dict[str, list[CachingLayer]] = defaultdict(list)
    for layer in layers:
        for node in layer.fronts:
            before[node].append(layer)
    chains: list[str] = []

    def walk(node: str, route: list[str]) -> None:
        if not before[node]:
            chains.append(" → ".join(["client", *reversed(route)]))
        for layer in before[node]:
            walk(layer.cache, [*route, layer.cache_label])

    walk(target, [label_of(g, target)])
    return tuple(sorted(dict.fromkeys(chains), key=lambda c: (-c.count("→"), c)))


#: The columns of :func:`caching_rows`.
CACHING_COLUMNS = ["service", "hop", "tier", "layer", "in front of", "or", "status", "rule", "why"]


def caching_rows(g: nx.MultiDiGraph, service: str | None = None) -> tuple[list[dict[str, object]], list[str]]:
    """The caching table: one row per layer, client inwards; ``or`` names the alternatives, ``why`` the rule.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s3", label="S3", classes=("StorageService",))
    >>> g.add_node("cf", label="CloudFront", classes=("CacheService",))
    >>> rows, columns = caching_rows(g)
    >>> [rows[0][c] for c in columns[:8]]
    ['S3', 1, 'edge', 'CloudFront', 'S3', '', 'inferred', 'edge-cache-fronts-origin']
    """
    rows: list[dict[str, object]] = [
        {
            "service": x.service_label,
            "hop": x.hop,
            "tier": x.tier,
            "layer": x.cache_label,
            "in front of": x.fronts_label,
            "or": " or ".join(x.alternatives),
            "status": x.status,
            "rule": x.rule,
            "why": x.why,
        }
        for x in caching_layers(g, service)
    ]
    return rows, list(CACHING_COLUMNS)
