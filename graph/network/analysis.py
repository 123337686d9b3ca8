"""Network analyses over the graph of :func:`graph.network.build.to_networkx`.

Plain functions that take a :class:`networkx.MultiDiGraph` and return tuples of
frozen dataclasses: :func:`caching_layers` (what can sit in front of a service,
client inwards), :func:`migration_paths` (source -> migration service -> target,
with schema conversion where engines differ), :func:`compare_limits` (limits
side by side in normalised units), :func:`shortest_paths`, :func:`centrality`
and :func:`communities`. Relations a rule computed carry the rule's name, from
:data:`RULES`, so "noted" and "computed" stay apart.

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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

import networkx as nx

from graph.errors import InputError
from graph.network.algorithms import louvain
from graph.network.build import NoteRef, find_node, label_of, score_table, undirected

__all__ = [
    "Rule",
    "RULES",
    "TIERS",
    "Step",
    "CachingLayer",
    "cache_tier",
    "caching_layers",
    "MigrationPath",
    "migration_paths",
    "LimitRow",
    "compare_limits",
    "limit_matrix",
    "normalise",
    "GraphPath",
    "shortest_paths",
    "CentralityRow",
    "centrality",
    "Community",
    "communities",
]


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

#: Cache tiers, client inwards.
TIERS = ("edge", "api", "in-memory")

_RUNS = ("supportsEngine", "compatibleWith")
_INCLUDES = "includes"
_NEGATED = "notAvailableFor"
_DATABASES = frozenset({"DatabaseService", "DataWarehouse"})
_BACKENDS = frozenset({"DatabaseService", "DataWarehouse", "StorageService", "ComputeService", "AnalyticsService"})
_HTTP_ORIGINS = frozenset({"StorageService", "ComputeService", "IntegrationService"})


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


# ---------------------------------------------------------------------------
# Routes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One node of a route and how it is linked to the one before it.

    ``forward`` tells the direction of ``relation``: previous ``-relation->`` this
    node, or previous ``<-relation-`` this node. ``relation`` is ``""`` on the
    first step and ``"+"`` for a service used alongside the previous one.

    >>> Step("b", "B", "caches", False).text()
    '<-caches- B'
    """

    node: str
    label: str
    relation: str = ""
    forward: bool = True

    def text(self) -> str:
        """The step as route text."""
        if not self.relation:
            return self.label
        if self.relation == "+":
            return f"+ {self.label}"
        arrow = f"-{self.relation}->" if self.forward else f"<-{self.relation}-"
        return f"{arrow} {self.label}"


def _route(steps: Iterable[Step]) -> str:
    return " ".join(step.text() for step in steps)


# ---------------------------------------------------------------------------
# Caching layers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CachingLayer:
    """A cache that can sit in front of a service.

    ``status`` is ``"noted"`` (a ``ca:caches`` edge, with its note lines in
    ``sources``) or ``"inferred"``; ``rule`` names the rule in :data:`RULES`.
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


# ---------------------------------------------------------------------------
# Migration paths
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MigrationPath:
    """A way to move data from a source to a target through a migration service.

    ``steps`` walk from the source to the target; ``services`` are the migration
    services used (with the Schema Conversion Tool when ``heterogeneous``).
    ``source_label`` and ``target_label`` name an engine together with the service
    running it ("Aurora PostgreSQL") where the walk says so.
    """

    source: str
    source_label: str
    target: str
    target_label: str
    services: tuple[str, ...]
    heterogeneous: bool
    steps: tuple[Step, ...]

    @property
    def route(self) -> str:
        """The steps as one line of text."""
        return _route(self.steps)

    @property
    def rule(self) -> str:
        """The rule in :data:`RULES` that makes this path."""
        return "heterogeneous-migration" if self.heterogeneous else "homogeneous-migration"


def _engines(g: nx.MultiDiGraph, node: str) -> set[str]:
    return {v for _, v in _out(g, node, _RUNS) if _is_engine(g, v)}


def _identity(g: nx.MultiDiGraph, node: str) -> set[str]:
    """The engines a node stands for: itself if an engine, else what it runs, else itself if a database."""
    if _is_engine(g, node):
        return {node}
    return _engines(g, node) or ({node} if _classes(g, node) & _DATABASES else set())


def _database_engines(g: nx.MultiDiGraph) -> list[str]:
    found = set()
    for u, v, k in g.edges(keys=True):
        if k in _RUNS and _is_engine(g, v) and _classes(g, u) & _DATABASES:
            found.add(v)
    return sorted(found, key=lambda n: (label_of(g, n).casefold(), n))


def _is_generic(g: nx.MultiDiGraph, node: str) -> bool:
    """A group such as "usual DBs" or "on-premises": neither a service nor an engine."""
    classes = _classes(g, node)
    return not _is_service(classes) and "Engine" not in classes


def _find_sct(g: nx.MultiDiGraph) -> str | None:
    found = [
        n
        for n in g
        if "MigrationService" in _classes(g, n)
        and any("schema conversion" in name or name in ("sct", "aws sct") for name in _names(g, n))
    ]
    return min(found) if found else None


# A walk is a list of (node, relation from previous, forward) from one end towards the migration service.
_Walk = tuple[tuple[str, str, bool], ...]


def _walks(g: nx.MultiDiGraph, ends: list[str], engines: list[str]) -> list[tuple[_Walk, bool]]:
    """Walks from each end outwards: the end itself, a group's engines, what the end runs (two hops).

    Each walk comes with True when it is a primary one (listed without a filter).
    """
    walks: list[tuple[_Walk, bool]] = []
    for end in ends:
        walks.append((((end, "", True),), True))
        if _is_generic(g, end):
            walks.extend((((end, "", True), (e, _INCLUDES, True)), True) for e in engines if e != end)
        if _is_engine(g, end):
            continue
        for key, mid in _out(g, end, _RUNS):
            walks.append((((end, "", True), (mid, key, True)), False))
            if _is_engine(g, mid):
                continue
            for key2, last in _out(g, mid, _RUNS):
                if last != end:
                    walks.append((((end, "", True), (mid, key, True), (last, key2, True)), False))
    return walks


def _resolve_end(g: nx.MultiDiGraph, text: str) -> tuple[str, str | None]:
    """A node, or a service and an engine it runs written together ("Aurora PostgreSQL")."""
    try:
        return find_node(g, text), None
    except InputError as err:
        words = text.split()
        for cut in range(1, len(words)):
            try:
                service, engine = find_node(g, " ".join(words[:cut])), find_node(g, " ".join(words[cut:]))
            except InputError:
                continue
            if engine in _engines(g, service):
                return service, engine
        raise err


def _matches(g: nx.MultiDiGraph, walk: _Walk, wanted: tuple[str, str | None]) -> bool:
    """The walk ends at the wanted node, or at an engine that the wanted service runs."""
    node, engine = wanted
    last = walk[-1][0]
    if engine is not None:
        return len(walk) >= 2 and last == engine and walk[-2][0] == node
    if last == node:
        return True
    return len(walk) >= 2 and walk[-2][0] == node and walk[-1][1] in _RUNS and _is_engine(g, last)


def _end_label(g: nx.MultiDiGraph, walk: _Walk) -> str:
    last, relation, _ = walk[-1]
    if len(walk) >= 2 and relation in _RUNS and _is_engine(g, last):
        return f"{label_of(g, walk[-2][0])} {label_of(g, last)}"
    return label_of(g, last)


def migration_paths(
    g: nx.MultiDiGraph, source: str | None = None, target: str | None = None
) -> tuple[MigrationPath, ...]:
    """Every path from a source through a migration service (DMS) to a target, shortest first.

    Sources and targets are what a migration service lists (``ca:migrationSource``,
    ``ca:migrationTarget``). A listed group that is neither a service nor an engine
    ("usual DBs", "on-premises") stands for every database engine (an engine some
    database service runs or is compatible with), linked by ``includes``. A listed
    service also reaches what it runs, up to two hops of ``supportsEngine`` or
    ``compatibleWith`` (RDS -> Aurora -> PostgreSQL, "Aurora PostgreSQL"); such walks
    are listed when a filter asks for them. Where the source's and the target's engines
    are known and differ, the path is heterogeneous and the Schema Conversion Tool
    joins the migration service.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    source, target : str, optional
        A name, alias or IRI; or a service and one of its engines ("Aurora PostgreSQL").

    Returns
    -------
    tuple of MigrationPath
        Fewest steps first, then by source, target and route.

    Raises
    ------
    graph.errors.InputError
        When ``source`` or ``target`` names nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, c in [("dms", "MigrationService"), ("sct", "MigrationService"), ("oracle", "Engine"),
    ...              ("pg", "Engine"), ("aurora", "DatabaseService")]:
    ...     g.add_node(n, label={"dms": "DMS", "sct": "SCT", "pg": "PostgreSQL"}.get(n, n.title()), classes=(c,))
    >>> _ = g.add_edges_from([("dms", "oracle", "migrationSource"), ("dms", "aurora", "migrationTarget"),
    ...                       ("aurora", "pg", "compatibleWith")])
    >>> [(p.route, p.heterogeneous) for p in migration_paths(g, "Oracle", "Aurora PostgreSQL")]
    [('Oracle <-migrationSource- DMS + SCT -migrationTarget-> Aurora -compatibleWith-> PostgreSQL', True)]
    """
    wanted_source = _resolve_end(g, source) if source is not None else None
    wanted_target = _resolve_end(g, target) if target is not None else None
    engines = _database_engines(g)
    sct = _find_sct(g)
    found: dict[tuple[Step, ...], MigrationPath] = {}
    movers = sorted(n for n in g if "MigrationService" in _classes(g, n))
    for mover in movers:
        sources = [v for k, v in _out(g, mover, ["migrationSource"])]
        targets = [v for k, v in _out(g, mover, ["migrationTarget"])]
        if not sources or not targets:
            continue
        source_walks = [w for w, primary in _walks(g, sources, engines) if _keep(g, w, primary, wanted_source)]
        target_walks = [w for w, primary in _walks(g, targets, engines) if _keep(g, w, primary, wanted_target)]
        for sw in source_walks:
            for tw in target_walks:
                path = _path(g, mover, sct, sw, tw)
                found.setdefault(path.steps, path)
    return tuple(sorted(found.values(), key=lambda p: (len(p.steps), p.source_label, p.target_label, p.route)))


def _keep(g: nx.MultiDiGraph, walk: _Walk, primary: bool, wanted: tuple[str, str | None] | None) -> bool:
    return primary if wanted is None else _matches(g, walk, wanted)


def _path(g: nx.MultiDiGraph, mover: str, sct: str | None, sw: _Walk, tw: _Walk) -> MigrationPath:
    start, end = sw[-1][0], tw[-1][0]
    src, dst = _identity(g, start), _identity(g, end)
    heterogeneous = bool(src) and bool(dst) and src.isdisjoint(dst)
    steps: list[Step] = []
    # The source walk runs outwards from the listed source: reverse it to start at the far end.
    reverse = list(reversed(sw))
    steps.append(Step(reverse[0][0], label_of(g, reverse[0][0])))
    for (_, relation, _), (node, _, _) in pairwise(reverse):
        steps.append(Step(node, label_of(g, node), relation, False))
    steps.append(Step(mover, label_of(g, mover), "migrationSource", False))
    services = [label_of(g, mover)]
    if heterogeneous and sct is not None and sct != mover:
        steps.append(Step(sct, label_of(g, sct), "+"))
        services.append(label_of(g, sct))
    steps.append(Step(tw[0][0], label_of(g, tw[0][0]), "migrationTarget", True))
    steps.extend(Step(node, label_of(g, node), relation, True) for node, relation, _ in tw[1:])
    return MigrationPath(start, _end_label(g, sw), end, _end_label(g, tw), tuple(services), heterogeneous, tuple(steps))


# ---------------------------------------------------------------------------
# Limits
# ---------------------------------------------------------------------------

_BYTES = {"BYTE": 1, "KiloBYTE": 10**3, "MegaBYTE": 10**6, "GigaBYTE": 10**9, "TeraBYTE": 10**12, "PetaBYTE": 10**15}
_SECONDS = {"MilliSEC": Decimal("0.001"), "SEC": 1, "MIN": 60, "HR": 3600, "DAY": 86400}


def normalise(value: Decimal | None, unit: str | None) -> tuple[Decimal | None, str | None]:
    """A value in the common unit of its kind: sizes in ``GigaBYTE``, durations in ``SEC``.

    >>> normalise(Decimal(400), "KiloBYTE")
    (Decimal('0.0004'), 'GigaBYTE')
    >>> normalise(Decimal(35), "DAY"), normalise(Decimal(5), "NUM")
    ((Decimal('3024000'), 'SEC'), (Decimal('5'), 'NUM'))
    """
    if value is None:
        return None, unit
    if unit in _BYTES:
        return value * _BYTES[unit] / Decimal(10**9), "GigaBYTE"
    if unit in _SECONDS:
        return value * Decimal(_SECONDS[unit]), "SEC"
    return value, unit


@dataclass(frozen=True)
class LimitRow:
    """One limit of one service on one quantity, with its value in a common unit.

    ``normalised`` is the maximum (else the minimum) in ``normalised_unit``;
    ``limit`` is the IRI of the ``ca:Limit`` node, to trace the cell back.
    """

    quantity: str
    service: str
    min: Decimal | None
    max: Decimal | None
    unit: str | None
    normalised: Decimal | None
    normalised_unit: str | None
    limit: str
    service_node: str | None = None
    quantity_node: str | None = None


def compare_limits(g: nx.MultiDiGraph, quantity: str | None = None) -> tuple[LimitRow, ...]:
    """The limits of all services, by what they bound (``ca:limitOf``), in comparable units.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    quantity : str, optional
        Only limits of this quantity: a label, alias or IRI of what limits bound, or
        words that all appear in its name (``"replica"`` matches "Aurora Replicas").

    Returns
    -------
    tuple of LimitRow
        By quantity label, then service label.

    Raises
    ------
    graph.errors.InputError
        When ``quantity`` is not something a limit bounds.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("rr", label="Read Replicas", classes=("Feature",), aliases=("RR",))
    >>> for s, n in [("rds", 5), ("aurora", 15)]:
    ...     g.add_node(s, label=s.title(), classes=("DatabaseService",))
    ...     g.add_node(f"{s}-rr", classes=("Limit",), min=None, max=Decimal(n), unit="NUM")
    ...     _ = g.add_edge(s, f"{s}-rr", key="hasLimit"), g.add_edge(f"{s}-rr", "rr", key="limitOf")
    >>> [(r.service, r.normalised) for r in compare_limits(g, "RR")]
    [('Aurora', Decimal('15')), ('Rds', Decimal('5'))]
    """
    limits = sorted(n for n, data in g.nodes(data=True) if "Limit" in data.get("classes", ()))
    wanted = None
    if quantity is not None:
        bounded = {v for n in limits for _, v, k in g.out_edges(n, keys=True) if k == "limitOf"}
        wanted = _quantities(g, bounded, quantity)
    rows = []
    for limit in limits:
        data = g.nodes[limit]
        services = sorted({u for u, _, k in g.in_edges(limit, keys=True) if k == "hasLimit"}) or [None]
        bounds = sorted({v for _, v, k in g.out_edges(limit, keys=True) if k == "limitOf"}) or [None]
        value, unit = normalise(data.get("max") if data.get("max") is not None else data.get("min"), data.get("unit"))
        for service in services:
            for bound in bounds:
                if wanted is not None and bound not in wanted:
                    continue
                rows.append(
                    LimitRow(
                        label_of(g, bound) if bound else label_of(g, limit),
                        label_of(g, service) if service else "",
                        data.get("min"),
                        data.get("max"),
                        data.get("unit"),
                        value,
                        unit,
                        limit,
                        service,
                        bound,
                    )
                )
    return tuple(sorted(rows, key=lambda r: (r.quantity.casefold(), r.service.casefold(), r.limit)))


def _quantities(g: nx.MultiDiGraph, bounded: set[str], text: str) -> set[str]:
    """The quantities a text names: an exact name, or every one whose name holds all its words."""
    words = [w.casefold().removesuffix("s") for w in text.split()]
    found = {n for n in bounded if any(all(w in name for w in words) for name in _names(g, n))}
    try:
        found.add(find_node(g.subgraph(bounded), text))
    except InputError:
        if not found:
            raise
    return found


def limit_matrix(rows: Iterable[LimitRow]) -> dict[str, dict[str, Decimal | None]]:
    """Quantity -> service -> normalised value (the largest when a service has several).

    >>> limit_matrix([LimitRow("RR", "RDS", None, Decimal(5), "NUM", Decimal(5), "NUM", "x")])
    {'RR': {'RDS': Decimal('5')}}
    """
    matrix: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
    for row in rows:
        old = matrix[row.quantity].get(row.service)
        if old is None or (row.normalised is not None and row.normalised > old):
            matrix[row.quantity][row.service] = row.normalised
    return dict(matrix)


# ---------------------------------------------------------------------------
# Paths, centrality, communities
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphPath:
    """A path between two nodes; each step keeps the relation and its direction."""

    steps: tuple[Step, ...]

    @property
    def route(self) -> str:
        """The steps as one line of text."""
        return _route(self.steps)

    @property
    def length(self) -> int:
        """The number of hops."""
        return len(self.steps) - 1


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str) -> tuple[GraphPath, ...]:
    """All shortest paths between two nodes, ignoring edge direction.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    a, b : str
        Names, aliases or IRIs.

    Returns
    -------
    tuple of GraphPath
        Sorted by route text; empty when the nodes are not connected. Where two
        nodes are linked by several relations, a step names them all (``a|b``),
        preferring the ones running along the path.

    Raises
    ------
    graph.errors.InputError
        When ``a`` or ``b`` names nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("rds", "rr", "hasFeature"), ("aurora", "rr", "hasFeature")])
    ['hasFeature', 'hasFeature']
    >>> [p.route for p in shortest_paths(g, "rds", "aurora")]
    ['rds -hasFeature-> rr <-hasFeature- aurora']
    """
    start, end = find_node(g, a), find_node(g, b)
    h = undirected(g)
    try:
        found = list(nx.all_shortest_paths(h, start, end))
    except nx.NetworkXNoPath:
        return ()
    paths = []
    for nodes in found:
        steps = [Step(nodes[0], label_of(g, nodes[0]))]
        for u, v in pairwise(nodes):
            forward = sorted(set(g[u][v])) if g.has_edge(u, v) else []
            backward = sorted(set(g[v][u])) if g.has_edge(v, u) else []
            relation = "|".join(forward or backward)
            steps.append(Step(v, label_of(g, v), relation, bool(forward)))
        paths.append(GraphPath(tuple(steps)))
    return tuple(sorted(paths, key=lambda p: (p.route, tuple(s.node for s in p.steps))))


@dataclass(frozen=True)
class CentralityRow:
    """How central a node is: distinct neighbours, betweenness and PageRank, all of the undirected view."""

    node: str
    label: str
    degree: int
    betweenness: float
    pagerank: float


def centrality(g: nx.MultiDiGraph, top: int | None = None) -> tuple[CentralityRow, ...]:
    """Degree, betweenness and PageRank of every node, highest PageRank first.

    All three are of one undirected view, built once; betweenness is estimated
    from seeded samples on big graphs (see :func:`graph.network.build.node_scores`).

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    top : int, optional
        Keep only this many rows.

    Returns
    -------
    tuple of CentralityRow
        By PageRank (descending), then label.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> [(r.label, r.degree, r.betweenness) for r in centrality(g, top=2)]
    [('hub', 3, 1.0), ('a', 1, 0.0)]
    """
    table = score_table(g)
    ranks, degree, between = table["pagerank"], table["degree"], table["betweenness"]
    rows = [CentralityRow(n, label_of(g, n), int(degree[n]), between[n], ranks[n]) for n in g]
    rows.sort(key=lambda r: (-r.pagerank, r.label.casefold(), r.node))
    return tuple(rows if top is None else rows[:top])


@dataclass(frozen=True)
class Community:
    """A group of closely linked nodes: IRIs and labels, both sorted by label."""

    index: int
    nodes: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def size(self) -> int:
        """The number of nodes."""
        return len(self.nodes)


def communities(g: nx.MultiDiGraph, seed: int = 0) -> tuple[Community, ...]:
    """Louvain communities of the undirected graph (negated relations left out), seeded.

    The communities are :func:`networkx.community.louvain_communities`'s for the
    same seed, computed by :func:`graph.network.algorithms.louvain`.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    seed : int, default 0
        The random seed, so the same graph always gives the same communities.

    Returns
    -------
    tuple of Community
        Largest first, then by first label; numbered from 1.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [c.labels for c in communities(g)]
    [('a', 'b', 'c'), ('x', 'y', 'z')]
    """
    h = undirected(g, skip=[_NEGATED])
    if h.number_of_nodes() == 0:
        return ()
    groups = louvain(h, seed=seed)
    ordered = []
    for group in groups:
        members = sorted(group, key=lambda n: (label_of(g, n).casefold(), n))
        ordered.append((tuple(members), tuple(label_of(g, n) for n in members)))
    ordered.sort(key=lambda c: (-len(c[0]), c[1][0].casefold(), c[0][0]))
    return tuple(Community(i, nodes, labels) for i, (nodes, labels) in enumerate(ordered, start=1))
