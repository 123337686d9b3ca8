"""Conflicting notes: one service and quantity given different values in different lines.

Each ``ca:Limit`` of the network says what it bounds (``limitOf``), for which service
(``hasLimit``), and the note lines it was read from (``sources``). :func:`noted_values`
lists every value with the line that gives it; :func:`find_conflicts` pairs lines about the
same service, quantity and bound (a maximum with a maximum, a minimum with a minimum) whose
values differ once put in one unit: "15 minutes" and "300 seconds" disagree, "15 minutes" and
"900 seconds" do not. A value given as exactly N counts as both bounds. Values in units of
different kinds (a size and a duration) are not compared.

Examples
--------
>>> from graph.network.build import NoteRef
>>> g = nx.MultiDiGraph()
>>> g.add_node("lambda", label="Lambda", classes=("ComputeService",))
>>> g.add_node("timeout", label="Timeout", classes=("Concept",))
>>> for name, value, unit, ref in [
...     ("in-min", 15, "MIN", NoteRef("a.md", 2, "- timeout up to 15 minutes")),
...     ("in-sec", 300, "SEC", NoteRef("b.md", 7, "- timeout up to 300 seconds")),
... ]:
...     g.add_node(name, classes=("Limit",), min=None, max=Decimal(value), unit=unit, sources=(ref,))
...     _ = g.add_edge("lambda", name, key="hasLimit"), g.add_edge(name, "timeout", key="limitOf")
>>> [(c.service_label, c.quantity_label, c.bound, [(v.text, str(v.source)) for v in c.first + c.second])
...  for c in find_conflicts(g)]
[('Lambda', 'Timeout', 'max', [('300 s', 'b.md:7'), ('15 min', 'a.md:2')])]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations

import networkx as nx

from graph.network.build import NoteRef
from graph.network.names import label_of
from graph.read.measures import quantity_text
from graph.read.numbers import tidy
from graph.read.units import DIMENSIONS, convert, unit_at

__all__ = ["BOUND_WORDS", "NotedValue", "Conflict", "noted_values", "comparable_value", "find_conflicts", "value_text"]

#: Bounds compared, as the network names them.
BOUNDS = ("max", "min")
#: The bounds in plain words.
BOUND_WORDS = {"max": "at most", "min": "at least"}
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def value_text(value: Decimal, unit: str | None) -> str:
    """A value as the notes wrote it: the number, then the unit's name as people write it.

    >>> value_text(Decimal("15.0"), "MIN"), value_text(Decimal(1), "DAY"), value_text(Decimal(5), "NUM")
    ('15 min', '1 day', '5')
    >>> value_text(Decimal(300), "SEC"), value_text(Decimal(10), "PERCENT")
    ('300 s', '10%')
    """
    return quantity_text(value, unit, keep=True)


@dataclass(frozen=True, order=True)
class NotedValue:
    """One bound as one note line gives it: ``value`` in ``unit`` (a QUDT local name).

    ``text`` is the value as written (``"15 min"``); ``limit`` the IRI of its ``ca:Limit``.
    """

    source: NoteRef
    value: Decimal
    unit: str | None
    limit: str

    @property
    def text(self) -> str:
        """The value and its unit, as people write them."""
        return value_text(self.value, self.unit)


@dataclass(frozen=True)
class Conflict:
    """Note lines giving one service's bound on one quantity two different values.

    ``bound`` is ``"max"`` or ``"min"``; ``qualifiers`` the labels of anything else the
    limits are bounded by (an engine, say). ``first`` holds every line giving the smaller
    value, ``second`` every line giving the larger one, each line with the value as it wrote
    it (15 min and 900 s are the same value); a line giving both values is in neither.
    """

    service: str
    service_label: str
    quantity: str
    quantity_label: str
    bound: str
    first: tuple[NotedValue, ...]
    second: tuple[NotedValue, ...]
    qualifiers: tuple[str, ...] = ()

    @property
    def quantity_text(self) -> str:
        """The quantity as shown: its label, with its qualifiers in brackets ("Storage (SQL Server)")."""
        return self.quantity_label + (f" ({', '.join(self.qualifiers)})" if self.qualifiers else "")

    @property
    def bound_text(self) -> str:
        """The bound in plain words: "at most" or "at least"."""
        return BOUND_WORDS[self.bound]

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes to show in the graph: the service, the limits and the quantity."""
        limits = (v.limit for v in self.first + self.second)
        return tuple(dict.fromkeys((self.service, *limits, self.quantity)))


def _numbers(text: str, units: tuple[str, ...]) -> list[tuple[Decimal, str | None]]:
    """The numbers of a line, each with the unit written after it when it is one of ``units``.

    >>> _numbers("timeout 15 minutes, not 1,000 s", ("MIN", "SEC"))
    [(Decimal('15'), 'MIN'), (Decimal('1000'), 'SEC')]
    """
    low = text.lower()
    found = []
    for match in _NUMBER.finditer(text):
        try:
            number = Decimal(match.group().replace(",", ""))
        except InvalidOperation:
            continue
        unit = unit_at(low, text, match.end())[0]
        found.append((number, unit if unit in units else None))
    return found


def _by_line(
    values: list[Decimal], units: tuple[str, ...], refs: tuple[NoteRef, ...]
) -> list[tuple[Decimal, str | None, NoteRef]]:
    """Which line gives which value in which unit, when one limit was noted with several of either.

    A line gives the values whose number it holds, in the unit written after the number (else
    the limit's only unit); with one value and one unit, every line gives it.

    >>> a, b = NoteRef("a.md", 1, "up to 15 minutes"), NoteRef("b.md", 4, "up to 300 seconds")
    >>> [(str(v), u, str(r)) for v, u, r in _by_line([Decimal(15), Decimal(300)], ("MIN", "SEC"), (a, b))]
    [('15', 'MIN', 'a.md:1'), ('300', 'SEC', 'b.md:4')]
    """
    only = units[0] if len(units) == 1 else None
    if len(values) == 1 and only is not None:
        return [(values[0], only, ref) for ref in refs]
    found = []
    for ref in refs:
        numbers = _numbers(ref.text, units)
        for value in values:
            written = {unit for number, unit in numbers if number == value}
            if len(values) == 1 and not written:
                written = {None}  # the line gives the value in words ("a day"): its unit is unknown
            for unit in sorted(written, key=str):
                if unit is not None or only is not None:
                    found.append((value, unit or only, ref))
    return found


def _unknown_line(g: nx.MultiDiGraph, limit: str) -> NoteRef:
    """Where a limit with no note line comes from: the limit itself."""
    return NoteRef("", 0, label_of(g, limit), limit)


def noted_values(g: nx.MultiDiGraph) -> dict[tuple[str, str, tuple[str, ...], str], list[NotedValue]]:
    """Every bound of every limit, with the line that gives it, by service, quantity, qualifiers and bound.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.

    Returns
    -------
    dict
        ``(service, quantity, qualifiers, bound)`` (IRIs; qualifiers a sorted tuple) to the
        values noted, each once per line. A value given as exactly N (both bounds the same) is
        listed under both bounds.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> ref = NoteRef("rds.md", 3, "- backups kept 1 to 35 days")
    >>> g.add_node("rds-backup", classes=("Limit",), min=Decimal(1), max=Decimal(35), unit="DAY", sources=(ref,))
    >>> _ = g.add_edge("rds", "rds-backup", key="hasLimit"), g.add_edge("rds-backup", "retention", key="limitOf")
    >>> {key[3]: [v.text for v in values] for key, values in noted_values(g).items()}
    {'max': ['35 days'], 'min': ['1 day']}
    """
    out: dict[tuple[str, str, tuple[str, ...], str], set[NotedValue]] = defaultdict(set)
    for limit, data in g.nodes(data=True):
        if "Limit" not in data.get("classes", ()):
            continue
        services = sorted({u for u, _, k in g.in_edges(limit, keys=True) if k == "hasLimit"})
        quantities = sorted({v for _, v, k in g.out_edges(limit, keys=True) if k == "limitOf"})
        qualifiers = tuple(
            sorted(
                {
                    v
                    for _, v, k, d in g.out_edges(limit, keys=True, data=True)
                    if k != "limitOf" and not d.get("derived")
                }
            )
        )
        refs = tuple(data.get("sources", ())) or (_unknown_line(g, limit),)
        units = tuple(data.get("units", ())) or (data.get("unit"),)
        given = {}
        for bound in BOUNDS:
            several = data.get(f"{bound}_values")
            values = [Decimal(v) for v in several] if several else [data[bound]] if data.get(bound) is not None else []
            given[bound] = _by_line(values, units, refs)
        for service in services:
            for quantity in quantities:
                for bound in BOUNDS:
                    key = (service, quantity, qualifiers, bound)
                    out[key].update(NotedValue(ref, value, unit, limit) for value, unit, ref in given[bound])
    return {key: sorted(values) for key, values in out.items()}


_BASE_UNITS = {"size": "BYTE", "time": "SEC", "rate": "BYTE-PER-SEC"}


def comparable_value(value: Decimal, unit: str | None) -> tuple[str, Decimal]:
    """What a value is compared by: the kind of its unit, and the value in that kind's base unit.

    Sizes go to bytes, durations to seconds, data rates to bytes per second; other units
    (counts, percentages, counts per second) are compared only with themselves.

    >>> comparable_value(Decimal(15), "MIN") == comparable_value(Decimal(900), "SEC")
    True
    >>> comparable_value(Decimal(1), "GibiBYTE")
    ('size', Decimal('1073741824'))
    >>> comparable_value(Decimal(5), "NUM")
    ('NUM', Decimal('5'))
    """
    kind = DIMENSIONS.get(unit or "")
    base = _BASE_UNITS.get(kind or "")
    if base is None or unit == "NUM-PER-SEC":
        return unit or "", tidy(value)
    converted = convert(value, unit or "", base)
    return kind or "", tidy(converted.quantize(Decimal(1)) if abs(converted) >= 10**6 else converted)


def find_conflicts(g: nx.MultiDiGraph) -> tuple[Conflict, ...]:
    """Note lines that give one service's bound on one quantity different values, in pairs of values.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.

    Returns
    -------
    tuple of Conflict
        One per pair of different values (of the same kind) on the same service, quantity
        and bound, by service label, quantity label, bound (maximum first), then value. Values
        only one line gives between them (a range, or "64000 on Nitro, 32000 otherwise") are
        never a conflict.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for name, value, unit, line in [("m", 15, "MIN", 2), ("s", 900, "SEC", 9)]:
    ...     g.add_node(name, classes=("Limit",), min=None, max=Decimal(value), unit=unit,
    ...                sources=(NoteRef("lambda.md", line, f"timeout {value}"),))
    ...     _ = g.add_edge("lambda", name, key="hasLimit"), g.add_edge(name, "timeout", key="limitOf")
    >>> find_conflicts(g)  # 15 minutes is 900 seconds
    ()
    """
    found = []
    for (service, quantity, qualifiers, bound), values in noted_values(g).items():
        classes: dict[tuple[str, Decimal], list[NotedValue]] = defaultdict(list)
        for noted in values:
            classes[comparable_value(noted.value, noted.unit)].append(noted)
        for (kind_a, a), (kind_b, b) in combinations(sorted(classes, key=lambda k: (k[0], k[1])), 2):
            if kind_a != kind_b:
                continue
            lines_a, lines_b = {_line(v) for v in classes[(kind_a, a)]}, {_line(v) for v in classes[(kind_b, b)]}
            first = [v for v in classes[(kind_a, a)] if _line(v) not in lines_b]
            second = [v for v in classes[(kind_b, b)] if _line(v) not in lines_a]
            if not first or not second:
                continue  # a line giving both values (a range, or one per case) disagrees with neither
            found.append(
                Conflict(
                    service,
                    label_of(g, service),
                    quantity,
                    label_of(g, quantity),
                    bound,
                    tuple(first),
                    tuple(second),
                    tuple(label_of(g, q) for q in qualifiers),
                )
            )
    return tuple(
        sorted(
            found,
            key=lambda c: (
                c.service_label.casefold(),
                c.quantity_label.casefold(),
                c.qualifiers,
                BOUNDS.index(c.bound),
                comparable_value(c.first[0].value, c.first[0].unit),
                comparable_value(c.second[0].value, c.second[0].unit),
            ),
        )
    )


def _line(value: NotedValue) -> tuple[str, int, str]:
    return value.source.file, value.source.line, value.source.iri
