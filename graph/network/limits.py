"""Limits side by side: each service's limit on a quantity, in one unit per kind of quantity.

:func:`compare_limits` lists the limits of the network (``ca:Limit`` nodes) by what they
bound, with their values put by :func:`normalise` in a common unit (sizes in ``GigaBYTE``,
durations in ``SEC``); :func:`limit_matrix` arranges them as quantity -> service -> value.

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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import networkx as nx

from graph.errors import InputError
from graph.network.names import find_node, label_of
from graph.network.rules import _names

__all__ = ["LimitRow", "normalise", "compare_limits", "limit_matrix"]


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
