"""Migration paths: from a source through a migration service (DMS) to a target, shortest first.

Sources and targets are what migration services list; groups stand for every database
engine, and services reach the engines they run. A path is heterogeneous where the
source's and the target's engines differ: the Schema Conversion Tool then joins the
migration service where it converts between the two (``ontology/migration.toml``). Each
path is a route of :class:`graph.network.paths.Step` and names its rule in
:data:`graph.network.rules.RULES`, and says why in plain words.

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
from graph.network.rules import CONVERSIONS, _classes, _is_engine, _is_service, _names, _out

__all__ = ["MigrationPath", "migration_paths", "migration_rows", "MIGRATION_COLUMNS"]


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
    kind: str = ""
    why: str = ""

    @property
    def route(self) -> str:
        """The steps as one line of text."""
        return _route(self.steps)

    @property
    def rule(self) -> str:
        """The rule in :data:`graph.network.rules.RULES` that makes this path.

        ``homogeneous-migration`` where both ends run the same engine,
        ``heterogeneous-migration`` where the engines differ and the Schema Conversion Tool
        converts between them, ``heterogeneous-without-conversion`` where it does not,
        ``data-migration`` where an end runs no engine.
        """
        return {
            "homogeneous": "homogeneous-migration",
            "heterogeneous": "heterogeneous-migration",
            "unconverted": "heterogeneous-without-conversion",
        }.get(self.kind, "data-migration")

    @property
    def graph_nodes(self) -> tuple[str, ...]:
        """The nodes of the route that the graph links hop by hop: a service used alongside (SCT) is left out."""
        return tuple(step.node for step in self.steps if step.relation != "+")


def _engines(g: nx.MultiDiGraph, node: str) -> set[str]:
    return {v for _, v in _out(g, node, _RUNS) if _is_engine(g, v)}


def _identity(g: nx.MultiDiGraph, node: str) -> set[str]:
    """The engines a node stands for: itself if an engine, else the engines it runs (one or two hops),
    else itself if a database whose engine the notes do not name."""
    if _is_engine(g, node):
        return {node}
    found = set()
    for _, mid in _out(g, node, _RUNS):
        found |= {mid} if _is_engine(g, mid) else _engines(g, mid)
    return found or ({node} if _classes(g, node) & _DATABASES else set())


def _converts(g: nx.MultiDiGraph, src: set[str], dst: set[str]) -> bool:
    """Whether the Schema Conversion Tool converts from one of ``src``'s engines to one of ``dst``'s."""
    keys = lambda nodes: {"".join(n.split()) for node in nodes for n in _names(g, node)}  # noqa: E731
    src_names, dst_names = keys(src), keys(dst)
    return any(c.sources & src_names and c.targets & dst_names for c in CONVERSIONS)


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
        all_sources, all_targets = _walks(g, sources, engines), _walks(g, targets, engines)
        source_walks = [w for w, primary in all_sources if _keep(g, w, primary, wanted_source)]
        target_walks = [w for w, primary in all_targets if _keep(g, w, primary, wanted_target)]
        for sw in source_walks:
            for tw in target_walks:
                for a, b in _same_engine(g, sw, tw, all_sources, all_targets, wanted_source, wanted_target):
                    if _end(g, a) != _end(g, b):  # the same thing at both ends is no migration
                        path = _path(g, mover, sct, a, b)
                        found.setdefault(path.steps, path)
    return tuple(sorted(found.values(), key=lambda p: (len(p.steps), p.source_label, p.target_label, p.route)))


def _end(g: nx.MultiDiGraph, walk: _Walk) -> tuple[str | None, str]:
    """What a walk reaches: an engine with the service running it, or a node alone."""
    last, relation, _ = walk[-1]
    if len(walk) >= 2 and relation in _RUNS and _is_engine(g, last):
        return walk[-2][0], last
    return None, last


def _same_engine(
    g: nx.MultiDiGraph,
    sw: _Walk,
    tw: _Walk,
    all_sources: list[tuple[_Walk, bool]],
    all_targets: list[tuple[_Walk, bool]],
    wanted_source: tuple[str, str | None] | None,
    wanted_target: tuple[str, str | None] | None,
) -> list[tuple[_Walk, _Walk]]:
    """``(sw, tw)``, or where one end is a bare service running several engines, the walks into the fitting ones.

    The fitting engine is the other end's engine (MySQL to RDS becomes MySQL to RDS MySQL, the
    same engine on another service), else those the Schema Conversion Tool converts from or to
    (Azure SQL to RDS becomes Azure SQL to RDS MySQL and to RDS PostgreSQL). An end the user
    asked for stays as asked.
    """
    src, dst = _identity(g, sw[-1][0]), _identity(g, tw[-1][0])
    if len(sw) == 1 and wanted_source is None and len(dst) == 1 and len(src) > 1:
        fitting = src & dst or {e for e in src if _converts(g, {e}, dst)}
        deeper = _deepen(all_sources, sw, fitting)
        if deeper:
            return [(w, tw) for w in deeper]
    if len(tw) == 1 and wanted_target is None and len(src) == 1 and len(dst) > 1:
        fitting = src & dst or {e for e in dst if _converts(g, src, {e})}
        deeper = _deepen(all_targets, tw, fitting)
        if deeper:
            return [(sw, w) for w in deeper]
    return [(sw, tw)]


def _deepen(walks: list[tuple[_Walk, bool]], start: _Walk, engines: set[str]) -> list[_Walk]:
    """The shortest walks from ``start`` into one of ``engines``."""
    found = [w for w, _ in walks if len(w) > 1 and w[0] == start[0] and w[-1][0] in engines]
    shortest = min((len(w) for w in found), default=0)
    return [w for w in found if len(w) == shortest]


def _keep(g: nx.MultiDiGraph, walk: _Walk, primary: bool, wanted: tuple[str, str | None] | None) -> bool:
    return primary if wanted is None else _matches(g, walk, wanted)


def _path(g: nx.MultiDiGraph, mover: str, sct: str | None, sw: _Walk, tw: _Walk) -> MigrationPath:
    start, end = sw[-1][0], tw[-1][0]
    src, dst = _identity(g, start), _identity(g, end)
    heterogeneous = bool(src) and bool(dst) and src.isdisjoint(dst)
    converted = heterogeneous and _converts(g, src, dst)
    kind = (
        "homogeneous" if src & dst else "data" if not heterogeneous else "heterogeneous" if converted else "unconverted"
    )
    steps: list[Step] = []
    # The source walk runs outwards from the listed source: reverse it to start at the far end.
    reverse = list(reversed(sw))
    steps.append(Step(reverse[0][0], label_of(g, reverse[0][0])))
    for (_, relation, _), (node, _, _) in pairwise(reverse):
        steps.append(Step(node, label_of(g, node), relation, False))
    steps.append(Step(mover, label_of(g, mover), "migrationSource", False))
    services = [label_of(g, mover)]
    if converted and sct is not None and sct != mover:
        steps.append(Step(sct, label_of(g, sct), "+"))
        services.append(label_of(g, sct))
    steps.append(Step(tw[0][0], label_of(g, tw[0][0]), "migrationTarget", True))
    steps.extend(Step(node, label_of(g, node), relation, True) for node, relation, _ in tw[1:])
    source_label, target_label = _end_label(g, sw), _end_label(g, tw)
    why = _why(g, mover, sct if converted else None, (sw, source_label, src), (tw, target_label, dst), kind)
    return MigrationPath(
        start, source_label, end, target_label, tuple(services), heterogeneous, tuple(steps), kind, why
    )


def _lines(g: nx.MultiDiGraph, u: str, v: str, key: str) -> str:
    refs = g.get_edge_data(u, v, key, default={}).get("sources", ())
    return f" ({' '.join(str(ref) for ref in refs)})" if refs else ""


def _why(
    g: nx.MultiDiGraph,
    mover: str,
    sct: str | None,
    source: tuple[_Walk, str, set[str]],
    target: tuple[_Walk, str, set[str]],
    kind: str,
) -> str:
    """Why a path is one, in plain words: what the migration service lists, and how the engines compare."""
    (sw, source_label, src), (tw, target_label, dst) = source, target
    names = lambda nodes: ", ".join(sorted(label_of(g, n) for n in nodes))  # noqa: E731
    listed = (
        f"{label_of(g, mover)} lists {label_of(g, sw[0][0])} as a source"
        f"{_lines(g, mover, sw[0][0], 'migrationSource')} and {label_of(g, tw[0][0])} as a target"
        f"{_lines(g, mover, tw[0][0], 'migrationTarget')}"
    )
    if kind == "homogeneous":
        return f"Same engine ({names(src & dst)}) on both ends: {listed}."
    engines = f"The engines differ ({names(src)} → {names(dst)})"
    if kind == "heterogeneous":
        tool = f"with {label_of(g, sct)}" if sct else "(no schema conversion tool is in the notes)"
        return f"{engines}: the schema is converted {tool} first; {listed}."
    if kind == "unconverted":
        return (
            f"{engines} and the Schema Conversion Tool does not convert between them: "
            f"the target schema is made by hand; {listed}."
        )
    unnamed = " and ".join(label for label, engines in ((source_label, src), (target_label, dst)) if not engines)
    return f"{unnamed} runs no engine, so the data moves without a schema conversion: {listed}."


#: The columns of :func:`migration_rows`.
MIGRATION_COLUMNS = ["source", "target", "via", "heterogeneous", "steps", "route", "rule", "why"]


def migration_rows(
    g: nx.MultiDiGraph, source: str | None = None, target: str | None = None
) -> tuple[list[dict[str, object]], list[str]]:
    """The migration table: one row per path of :func:`migration_paths`, with its rule and why.

    >>> g = nx.MultiDiGraph()
    >>> for n, c in [("dms", "MigrationService"), ("mysql", "Engine"), ("rds", "DatabaseService")]:
    ...     g.add_node(n, label=n.upper(), classes=(c,))
    >>> _ = g.add_edges_from([("dms", "mysql", "migrationSource"), ("dms", "rds", "migrationTarget"),
    ...                       ("rds", "mysql", "supportsEngine")])
    >>> rows, columns = migration_rows(g)
    >>> rows[0]["target"], rows[0]["rule"]
    ('RDS', 'homogeneous-migration')
    >>> rows[0]["why"]
    'Same engine (MYSQL) on both ends: DMS lists MYSQL as a source and RDS as a target.'
    """
    rows: list[dict[str, object]] = [
        {
            "source": p.source_label,
            "target": p.target_label,
            "via": " + ".join(p.services),
            "heterogeneous": p.heterogeneous,
            "steps": len(p.steps) - 1,
            "route": p.route,
            "rule": p.rule,
            "why": p.why,
        }
        for p in migration_paths(g, source, target)
    ]
    return rows, list(MIGRATION_COLUMNS)
