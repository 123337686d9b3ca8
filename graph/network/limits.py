"""Limits side by side: each service's limit on a quantity, in one unit per kind of quantity.

:func:`compare_limits` lists the limits of the network (``ca:Limit`` nodes) by what they
bound, with their values put by :func:`normalise` in a common unit (sizes in ``GigaBYTE``,
durations in ``SEC``) for computing; :func:`limit_matrix` arranges them as quantity ->
service -> value. What a reader sees comes from :mod:`graph.read.measures`: each row
carries its bounds as noted (``shown``: "1–35 days") and its value in the unit its
quantity is compared in (``compared``: "35 days"), and :func:`limit_table` and
:func:`matrix_table` give the rows of the tables the CLI, the app and the exports show.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("item-size", label="Item size", classes=("Concept",))
>>> g.add_node("ddb", label="DynamoDB", classes=("DatabaseService",))
>>> g.add_node("ddb-max", classes=("Limit",), min=None, max=Decimal(400), unit="KiloBYTE")
>>> _ = g.add_edges_from([("ddb", "ddb-max", "hasLimit"), ("ddb-max", "item-size", "limitOf")])
>>> limit_matrix(compare_limits(g))
{'Item size': {'DynamoDB': Decimal('0.0004')}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

import networkx as nx

from graph.errors import InputError
from graph.network.names import find_node, label_of
from graph.network.rules import _names
from graph.read.measures import bounds_text, common_unit, quantity_text, significant, unit_name
from graph.read.units import DIMENSIONS, convert

__all__ = ["LimitRow", "normalise", "compare_limits", "limit_matrix", "limit_table", "matrix_table", "LIMIT_COLUMNS"]


_FOR_ENGINE = "forEngine"
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
    ``limit`` is the IRI of the ``ca:Limit`` node, to trace the cell back. For readers:
    ``engine`` the engine the limit is for (``ca:forEngine``), ``shown`` the bounds in the
    unit noted ("1–35 days"), ``compared`` the value in the unit of its quantity's row
    ("35 days"), ``compared_value`` and ``compared_unit`` the same as a number and a QUDT unit;
    ``also`` the other limits shown in this row (a minimum noted in another unit than the maximum).
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
    engine: str = ""
    shown: str = ""
    compared: str = ""
    compared_value: Decimal | None = None
    compared_unit: str | None = None
    also: tuple[str, ...] = ()


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
        engines = sorted(label_of(g, v) for _, v, k in g.out_edges(limit, keys=True) if k == _FOR_ENGINE)
        shown = bounds_text(data.get("min"), data.get("max"), data.get("unit"))
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
                        ", ".join(engines),
                        shown,
                    )
                )
    rows = _compared(_ranges_across_units(rows))
    return tuple(sorted(rows, key=lambda r: (r.quantity.casefold(), r.service.casefold(), r.engine, r.limit)))


def _ranges_across_units(rows: list[LimitRow]) -> list[LimitRow]:
    """A lone minimum and a lone maximum of one service's quantity noted in different units of one kind ("starts at
    10 GB ... up to 64 TB": two limits) as one row, a range in the maximum's unit, shown "10 GB – 64 TB"."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[(row.quantity, row.service, row.engine, DIMENSIONS.get(row.unit or "", "count"))].append(i)
    dropped: set[int] = set()
    for (*_, dimension), members in groups.items():
        lows = [i for i in members if rows[i].max is None and rows[i].min is not None]
        highs = [i for i in members if rows[i].min is None and rows[i].max is not None]
        if dimension not in ("size", "time") or len(lows) != 1 or len(highs) != 1:
            continue
        low, high = rows[lows[0]], rows[highs[0]]
        if low.unit == high.unit or convert(low.min, low.unit, high.unit) >= high.max:
            continue
        least = convert(low.min, low.unit, high.unit)
        shown = bounds_text(low.min, None, low.unit).removeprefix("≥ ") + " – " + quantity_text(high.max, high.unit)
        rows[highs[0]] = replace(high, min=least, shown=shown, also=(*high.also, low.limit))
        dropped.add(lows[0])
    return [row for i, row in enumerate(rows) if i not in dropped]


def _compared(rows: list[LimitRow]) -> list[LimitRow]:
    """The rows with their value in the readable unit common to their quantity (4 significant digits)."""
    by_quantity: dict[str, list[LimitRow]] = defaultdict(list)
    for row in rows:
        by_quantity[row.quantity].append(row)
    out = []
    for same in by_quantity.values():
        unit = common_unit((_value(r), r.unit) for r in same)
        for row in same:
            value = _value(row)
            if value is None or not unit or not row.unit:
                out.append(replace(row, compared=quantity_text(value, row.unit)))
                continue
            number = convert(value, row.unit, unit)
            number = significant(number) if row.unit != unit else number
            text = quantity_text(number, unit, keep=True)
            out.append(replace(row, compared=text, compared_value=number, compared_unit=unit))
    return out


def _value(row: LimitRow) -> Decimal | None:
    """The value a limit compares by: its maximum, else its minimum."""
    return row.max if row.max is not None else row.min


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


#: The columns of :func:`limit_table`.
LIMIT_COLUMNS = ("quantity", "service", "engine", "limit value", "compared", "limit")


def limit_table(rows: Iterable[LimitRow], iri: Callable[[str], str] = str) -> list[dict[str, str]]:
    """One plain-text row per limit: quantity, service, engine, the bounds as noted, the compared value and
    the limit's IRI (``iri`` shortens it). Units are as people write them; no cell is None.

    >>> row = LimitRow("Item size", "DynamoDB", None, Decimal(400), "KiloBYTE", None, None, "x", shown="≤ 400 KB",
    ...                compared="400 KB")
    >>> limit_table([row])
    [{'quantity': 'Item size', 'service': 'DynamoDB', 'engine': '', 'limit value': '≤ 400 KB', \
'compared': '400 KB', 'limit': 'x'}]
    """
    return [
        {
            "quantity": r.quantity,
            "service": r.service,
            "engine": r.engine,
            "limit value": r.shown or bounds_text(r.min, r.max, r.unit),
            "compared": r.compared,
            "limit": " ".join(iri(limit) for limit in (r.limit, *r.also)),
        }
        for r in rows
    ]


def matrix_table(rows: Iterable[LimitRow]) -> list[dict[str, str]]:
    """Quantity per row, service per column: the largest value of each service in the unit of the row.

    Cells are plain numbers as text ('' where a service has no limit); the ``unit`` column names the
    row's unit as people write it ("count" for counts). A limit for one engine names its engine in
    the cell ("5 (MySQL)"); on a tie the limit for every engine wins.

    >>> rows = compare_limits(_example())
    >>> matrix_table(rows)
    [{'quantity': 'Storage', 'unit': 'TB', 'Aurora': '64', 'RDS': '16 (SQL Server)'}]
    """
    rows = list(rows)
    services = sorted({r.service for r in rows}, key=str.casefold)
    best: dict[str, dict[str, LimitRow]] = defaultdict(dict)
    for row in rows:
        old = best[row.quantity].get(row.service)
        if old is None or _bigger(row, old):
            best[row.quantity][row.service] = row
    table = []
    for quantity, cells in sorted(best.items(), key=lambda item: item[0].casefold()):
        unit = next((r.compared_unit for r in cells.values() if r.compared_unit), None)
        values = {r.compared_value for r in cells.values() if r.compared_value is not None}
        one = Decimal(1) if values == {Decimal(1)} else None  # "1 day" when every value is 1
        line = {"quantity": quantity, "unit": unit_name(unit, one) if unit and unit != "NUM" else "count"}
        for service in services:
            row = cells.get(service)
            line[service] = "" if row is None else _cell(row)
        table.append(line)
    return table


def _bigger(row: LimitRow, old: LimitRow) -> bool:
    """True when ``row`` compares above ``old`` (a limit for all engines wins a tie)."""
    if row.compared_value is None:
        return False
    if old.compared_value is None or row.compared_value != old.compared_value:
        return old.compared_value is None or row.compared_value > old.compared_value
    return not row.engine and bool(old.engine)


def _cell(row: LimitRow) -> str:
    """The number of a matrix cell, with the engine the limit is for."""
    number = row.compared.split(" ")[0].rstrip("%") if row.compared_value is not None else row.compared
    return f"{number} ({row.engine})" if row.engine else number


def _example() -> nx.MultiDiGraph:
    """A small graph for the examples: Aurora storage up to 64 TB, RDS for SQL Server up to 16 TB."""
    g = nx.MultiDiGraph()
    g.add_node("storage", label="Storage", classes=("Concept",))
    g.add_node("sql-server", label="SQL Server", classes=("Engine",))
    for service, label, high in (("aurora", "Aurora", 64), ("rds", "RDS", 16)):
        g.add_node(service, label=label, classes=("DatabaseService",))
        g.add_node(f"{service}-max", classes=("Limit",), min=None, max=Decimal(high), unit="TeraBYTE")
        g.add_edge(service, f"{service}-max", key="hasLimit")
        g.add_edge(f"{service}-max", "storage", key="limitOf")
    g.add_edge("rds-max", "sql-server", key="forEngine")
    return g
