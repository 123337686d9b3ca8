"""The rules behind computed relations, as data, and the tests on nodes that the analyses share.

Each relation an analysis computes (a caching layer of :mod:`graph.network.caching`, a
migration path of :mod:`graph.network.migration`) names the rule in :data:`RULES` that
made it, so "noted" and "computed" stay apart; :mod:`graph.network.derive` writes the
rules into the store with their comments and documentation pages. The caching rules come
from ``ontology/caching.toml`` (:func:`load_caching_rules`). The helpers read what a node
is: its ``ca:`` classes, its names, whether it is a service or an engine, its out-edges by
relation.

Examples
--------
>>> RULES["dax-fronts-dynamodb"].sources
('https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html',)
>>> CACHING.kinds["edge"].tier, sorted(CACHING.rules_of("in-memory"))
('edge', ['in-memory-cache-fronts-database'])
>>> g = nx.MultiDiGraph()
>>> g.add_node("ec", label="ElastiCache", classes=("CacheService",), aliases=("Amazon ElastiCache",))
>>> _is_service(_classes(g, "ec")), _names(g, "ec")
(True, ['elasticache', 'amazon elasticache'])
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.errors import InputError
from ontology import CACHING_FILE, MIGRATION_FILE

__all__ = [
    "Rule",
    "RULES",
    "CacheKind",
    "CachingRule",
    "WayIn",
    "CachingRules",
    "CACHING",
    "load_caching_rules",
    "Conversion",
    "CONVERSIONS",
    "load_conversions",
]

#: Cache tiers, client inwards.
TIERS = ("edge", "api", "in-memory")


@dataclass(frozen=True)
class Rule:
    """A named rule that computes relations, with what it says and the pages it comes from."""

    name: str
    comment: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class CacheKind:
    """A kind of cache: its tier, the names of its services, the engines that make one, what it never fronts."""

    id: str
    tier: str
    names: frozenset[str]
    engines: frozenset[str] = frozenset()
    never_classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CachingRule:
    """What a kind of cache can front: services of some classes or with some names."""

    id: str
    kind: str
    fronts_classes: frozenset[str]
    fronts_names: frozenset[str]
    says: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class WayIn:
    """The tier between caches and a database: services of ``classes`` the notes link to it by ``links``.

    ``serves`` (names, compared as :func:`_key` does), when given, narrows the classes to the
    services that answer requests (Lambda, EC2, containers), leaving out e.g. Auto Scaling.
    """

    tier: str
    classes: frozenset[str]
    links: frozenset[str]
    says: str
    sources: tuple[str, ...]
    serves: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CachingRules:
    """The caching rules of ``ontology/caching.toml``."""

    kinds: Mapping[str, CacheKind]
    rules: tuple[CachingRule, ...]
    way_in: WayIn
    outside_aws: tuple[str, ...]

    def rules_of(self, kind: str) -> list[str]:
        """The ids of the rules of a kind of cache."""
        return [r.id for r in self.rules if r.kind == kind]


def _key(name: str) -> str:
    """A name as compared: case and spaces ignored."""
    return "".join(name.casefold().split())


def _strings(table: Mapping[str, object], key: str, where: str, file: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: {key} must be a list of strings", file=file)
    return value


def _text(table: Mapping[str, object], key: str, where: str, file: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key} must be a non-empty string", file=file)
    return " ".join(value.split())


def _read_toml(path: Path) -> dict:
    """A TOML file as a dict; a one-line error naming the file and the line when it is not TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        where = re.search(r" \(at line (\d+), column \d+\)", str(err))
        problem = str(err).replace(where.group(0), "") if where else str(err)
        raise InputError(f"not TOML: {problem}", file=path.name, line=int(where.group(1)) if where else 0) from None


def load_caching_rules(path: Path = CACHING_FILE) -> CachingRules:
    """The caching rules of a TOML file in the format ``ontology/caching.toml`` describes.

    Parameters
    ----------
    path : pathlib.Path
        The file; ``ontology/caching.toml`` by default.

    Returns
    -------
    CachingRules

    Raises
    ------
    graph.errors.InputError
        When the file is not TOML, or a kind, rule or the way-in table is malformed.

    Examples
    --------
    >>> rules = load_caching_rules()
    >>> [(r.id, r.kind) for r in rules.rules][-1]
    ('dax-fronts-dynamodb', 'dax')
    >>> sorted(rules.kinds["in-memory"].engines)
    ['memcached', 'redis', 'valkey']
    """
    file = path.name
    data = _read_toml(path)
    kinds: dict[str, CacheKind] = {}
    for table in data.get("kind", []):
        where = f"kind {table.get('id', '?')!r}"
        kind_id = _text(table, "id", where, file)
        tier = _text(table, "tier", where, file)
        if tier not in TIERS:
            raise InputError(f"{where}: tier must be one of {', '.join(TIERS)}, not {tier!r}", file=file)
        names = frozenset(_key(n) for n in _strings(table, "names", where, file))
        engines = frozenset(_key(n) for n in _strings(table, "engines", where, file))
        never = frozenset(_strings(table, "never_classes", where, file))
        kinds[kind_id] = CacheKind(kind_id, tier, names, engines, never)
    rules = []
    for table in data.get("rule", []):
        where = f"rule {table.get('id', '?')!r}"
        kind = _text(table, "kind", where, file)
        if kind not in kinds:
            raise InputError(f"{where}: unknown kind {kind!r}", file=file)
        rules.append(
            CachingRule(
                _text(table, "id", where, file),
                kind,
                frozenset(_strings(table, "fronts_classes", where, file)),
                frozenset(_key(n) for n in _strings(table, "fronts_names", where, file)),
                _text(table, "says", where, file),
                tuple(_strings(table, "sources", where, file)),
            )
        )
    way = data.get("way_in")
    if not isinstance(way, dict):
        raise InputError("a [way_in] table is needed", file=file)
    way_in = WayIn(
        _text(way, "tier", "way_in", file),
        frozenset(_strings(way, "classes", "way_in", file)),
        frozenset(_strings(way, "links", "way_in", file)),
        _text(way, "says", "way_in", file),
        tuple(_strings(way, "sources", "way_in", file)),
        frozenset(_key(n) for n in _strings(way, "serves", "way_in", file)),
    )
    outside = tuple(_key(p) for p in _strings(data.get("outside_aws", {}), "prefixes", "outside_aws", file))
    return CachingRules(kinds, tuple(rules), way_in, outside)


#: The caching rules of ``ontology/caching.toml``.
CACHING = load_caching_rules()


@dataclass(frozen=True)
class Conversion:
    """Schema conversions of the Schema Conversion Tool: from engines of these names to engines of those."""

    sources: frozenset[str]
    targets: frozenset[str]
    pages: tuple[str, ...]


def load_conversions(path: Path = MIGRATION_FILE) -> tuple[Conversion, ...]:
    """The schema conversions of a TOML file in the format ``ontology/migration.toml`` describes.

    Names are compared without case or spaces.

    Raises
    ------
    graph.errors.InputError
        When the file is not TOML or a conversion is malformed.

    Examples
    --------
    >>> oracle = load_conversions()[0]
    >>> sorted(oracle.sources), sorted(oracle.targets)
    (['oracle'], ['mariadb', 'mysql', 'postgresql', 'redshift'])
    """
    file = path.name
    found = []
    for i, table in enumerate(_read_toml(path).get("conversion", []), start=1):
        where = f"conversion {i}"
        sources = frozenset(_key(n) for n in _strings(table, "from", where, file))
        targets = frozenset(_key(n) for n in _strings(table, "to", where, file))
        if not sources or not targets:
            raise InputError(f"{where}: from and to must name at least one engine each", file=file)
        found.append(Conversion(sources, targets, tuple(_strings(table, "sources", where, file))))
    return tuple(found)


#: The schema conversions of ``ontology/migration.toml``.
CONVERSIONS = load_conversions()

#: The rules behind computed relations, by name.
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("noted-cache", "The notes say the cache sits in front of the service (ca:caches)."),
        *(Rule(r.id, r.says, r.sources) for r in CACHING.rules),
        Rule("noted-way-in", CACHING.way_in.says, CACHING.way_in.sources),
        Rule(
            "homogeneous-migration",
            "A migration service lists the source among its sources and the target among its targets, "
            "and both run the same engine, so the data moves as it is.",
            ("https://docs.aws.amazon.com/dms/latest/userguide/Welcome.html",),
        ),
        Rule(
            "heterogeneous-migration",
            "A migration service lists the source among its sources and the target among its targets, "
            "their engines differ and the Schema Conversion Tool converts the one to the other, so the schema "
            "is converted first.",
            (
                "https://docs.aws.amazon.com/SchemaConversionTool/latest/userguide/CHAP_Welcome.html",
                "https://docs.aws.amazon.com/dms/latest/userguide/Welcome.html",
            ),
        ),
        Rule(
            "heterogeneous-without-conversion",
            "A migration service lists the source among its sources and the target among its targets, "
            "their engines differ and the Schema Conversion Tool does not convert the one to the other: "
            "the target schema is made by hand, the migration service creating only tables and primary keys.",
            (
                "https://docs.aws.amazon.com/SchemaConversionTool/latest/userguide/CHAP_Welcome.html",
                "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_BestPractices.html",
            ),
        ),
        Rule(
            "data-migration",
            "A migration service lists the source among its sources and the target among its targets; "
            "one of them runs no engine (object storage, a stream, a search index, a group of databases), "
            "so the data moves without a schema conversion.",
            ("https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.html",),
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
