"""Migration paths: from a source through a migration service (DMS) to a target, shortest first.

Sources and targets are what migration services list; groups stand for every database
engine, and services reach the engines they run. A path is heterogeneous where the
source's and the target's engines differ: the Schema Conversion Tool then joins the
migration service. Each path is a route of :class:`graph.network.paths.Step` and names
its rule in :data:`graph.network.rules.RULES`.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> for n, c in [("dms", "MigrationService"), ("mysql", "Engine"), ("rds", "DatabaseService")]:
...     g.add_node(n, label=n.upper(), classes=(c,))
>>> _ = g.add_edges_from([("dms", "mysql", "migrationSource"), ("dms", "rds", "migrationTarget"),
...                       ("rds", "mysql", "supportsEngine")])
>>> [(p.route, p.rule) for p in migration_paths(g)]
[('MYSQL <-migrationSource- DMS -migrationTarget-> RDS', 'homogeneous-migration')]
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.errors import InputError
from graph.network.names import find_node, label_of
from graph.network.paths import Step, _route
from graph.network.rules import _classes, _is_engine, _is_service, _names, _out

__all__ = ["MigrationPath", "migration_paths"]


_RUNS = ("supportsEngine", "compatibleWith")
_INCLUDES = "includes"
_DATABASES = frozenset({"DatabaseService", "DataWarehouse"})


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
        """The rule in :data:`graph.network.rules.RULES` that makes this path."""
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
