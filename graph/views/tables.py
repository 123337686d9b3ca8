"""Rows of plain values rendered as a text table, CSV or JSON (pure).

>>> rows = [{"service": "RDS", "max": 5}, {"service": "Aurora", "max": 15}]
>>> print(render(rows, "table"))
service | max
--------+----
RDS     | 5
Aurora  | 15
>>> print(render(rows, "csv").strip())
service,max
RDS,5
Aurora,15
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

from graph.read.measures import number_text

__all__ = ["render", "TABLE_FORMATS"]

TABLE_FORMATS = ("table", "csv", "json")


def render(rows: Sequence[Mapping[str, object]], fmt: str = "table", columns: Sequence[str] | None = None) -> str:
    """Render ``rows`` (dicts of plain values) as ``table``, ``csv`` or ``json``."""
    cols = list(columns) if columns is not None else _columns(rows)
    if fmt == "json":
        return json.dumps([{c: row.get(c) for c in cols} for row in rows], indent=2, default=_cell, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows([[_cell(row.get(c)) for c in cols] for row in rows])
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")
    cells = [[_cell(row.get(c)) for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(cols, widths, strict=False)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    return "\n".join(lines)


def _columns(rows: Sequence[Mapping[str, object]]) -> list[str]:
    """Column names in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _cell(value: object) -> str:
    """A value as table text; None is empty, a decimal has no exponent and no trailing zeros.

    >>> _cell(None), _cell(Decimal("1E+3")), _cell(Decimal("0.50")), _cell("≤ 400 KB")
    ('', '1000', '0.5', '≤ 400 KB')
    """
    if isinstance(value, Decimal):
        return number_text(value)
    return "" if value is None else str(value)
