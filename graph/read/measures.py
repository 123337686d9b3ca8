"""Values with units as people read them: "400 KB", "24 h", "35 days", "1 day", "10 GB – 64 TB" (pure).

Limits keep their QUDT unit in the data (``KiloBYTE``, ``HR``, ``DAY`` ...); everything shown to a
reader goes through this module (limit labels, comparisons, the details panel). A value stays in
the unit the notes used while it reads well there (1 to 999 of it), otherwise it moves to the
most readable unit of the same kind (0.01 TB → 10 GB, 86400 s → 1 day). Converted values keep
at most 4 significant digits; values as noted are shown exactly. Counts have no unit name.

Examples
--------
>>> quantity_text(Decimal(400), "KiloBYTE"), quantity_text(Decimal(24), "HR"), quantity_text(Decimal(1), "DAY")
('400 KB', '24 h', '1 day')
>>> bounds_text(Decimal("0.01"), Decimal(64), "TeraBYTE"), bounds_text(Decimal(1), Decimal(35), "DAY")
('10 GB – 64 TB', '1–35 days')
>>> bounds_text(None, Decimal(5), "NUM"), bounds_text(Decimal(3), None, "NUM")
('≤ 5', '≥ 3')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from graph.read.units import UNIT_SYMBOLS, convert

__all__ = ["UNIT_NAMES", "unit_name", "significant", "number_text", "readable", "quantity_text", "bounds_text",
           "common_unit"]  # fmt: skip

#: Unit names as people write them, by QUDT unit local name ("" for counts).
UNIT_NAMES = UNIT_SYMBOLS | {"NUM": "", "DAY": "days", "WK": "weeks", "MO": "months", "YR": "years"}
_SINGULAR = {"DAY": "day", "WK": "week", "MO": "month", "YR": "year"}

#: Units of one kind from small to large: a value moves along its own ladder only.
_LADDERS = (
    ("BYTE", "KiloBYTE", "MegaBYTE", "GigaBYTE", "TeraBYTE", "PetaBYTE"),
    ("BYTE", "KibiBYTE", "MebiBYTE", "GibiBYTE", "TebiBYTE", "PebiBYTE"),
    ("MicroSEC", "MilliSEC", "SEC", "MIN", "HR", "DAY"),
    ("BYTE-PER-SEC", "KiloBYTE-PER-SEC", "MegaBYTE-PER-SEC", "GigaBYTE-PER-SEC", "TeraBYTE-PER-SEC"),
    ("KibiBYTE-PER-SEC", "MebiBYTE-PER-SEC", "GibiBYTE-PER-SEC"),
    ("KiloBIT-PER-SEC", "MegaBIT-PER-SEC", "GigaBIT-PER-SEC", "TeraBIT-PER-SEC"),
)
_LADDER: dict[str, tuple[str, ...]] = {}
for _ladder in _LADDERS:  # bytes move along the decimal ladder (KB, MB ...), as sizes are usually written
    for _unit in _ladder:
        _LADDER.setdefault(_unit, _ladder)


def unit_name(unit: str | None, value: Decimal | None = None) -> str:
    """The name of ``unit`` as people write it; days, weeks, months and years singular for 1.

    >>> unit_name("GigaBYTE"), unit_name("DAY", Decimal(1)), unit_name("DAY", Decimal(2)), unit_name("NUM")
    ('GB', 'day', 'days', '')
    """
    if not unit:
        return ""
    if value is not None and value == 1 and unit in _SINGULAR:
        return _SINGULAR[unit]
    return UNIT_NAMES.get(unit, unit)


def significant(value: Decimal, digits: int = 4) -> Decimal:
    """``value`` rounded to ``digits`` significant digits, without trailing zeros.

    >>> significant(Decimal("0.123456")), significant(Decimal("3024000")), significant(Decimal("16.0"))
    (Decimal('0.1235'), Decimal('3024000'), Decimal('16'))
    """
    if value == 0:
        return Decimal(0)
    rounded = value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def number_text(value: Decimal | float | int | None) -> str:
    """A number as plain text: no exponent, no trailing zeros, '' for none.

    >>> number_text(Decimal("5.0")), number_text(Decimal("1E+3")), number_text(None), number_text(2.5)
    ('5', '1000', '', '2.5')
    """
    if value is None:
        return ""
    value = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def readable(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """``value`` in the unit it reads best in: its own while that gives 1 to 999 of it, else the largest
    unit of the same kind giving at least 1 (days at most for durations). Converted values keep 4
    significant digits.

    >>> readable(Decimal(16000), "GigaBYTE"), readable(Decimal("0.01"), "TeraBYTE"), readable(Decimal(24), "HR")
    ((Decimal('16'), 'TeraBYTE'), (Decimal('10'), 'GigaBYTE'), (Decimal('24'), 'HR'))
    >>> readable(Decimal(3024000), "SEC"), readable(Decimal(300), "SEC"), readable(Decimal(5), "NUM")
    ((Decimal('35'), 'DAY'), (Decimal('300'), 'SEC'), (Decimal('5'), 'NUM'))
    """
    ladder = _LADDER.get(unit)
    if ladder is None or value == 0 or 1 <= abs(value) < 1000:
        return value, unit
    best = ladder[0]
    for step in ladder:
        if abs(convert(value, unit, step)) >= 1:
            best = step
    return significant(convert(value, unit, best)), best


def quantity_text(value: Decimal | None, unit: str | None, *, keep: bool = False) -> str:
    """A value and its unit as people write them ('' for no value); ``keep`` leaves the unit as it is.

    >>> quantity_text(Decimal(35), "DAY"), quantity_text(Decimal(16), "TeraBYTE"), quantity_text(Decimal(15), "NUM")
    ('35 days', '16 TB', '15')
    >>> quantity_text(Decimal("99.99"), "PERCENT"), quantity_text(Decimal(3600), "SEC")
    ('99.99%', '1 h')
    >>> quantity_text(Decimal(1000), "NUM-PER-SEC"), quantity_text(Decimal(250), "MebiBYTE-PER-SEC")
    ('1000/s', '250 MiB/s')
    """
    if value is None:
        return ""
    if unit and not keep:
        value, unit = readable(value, unit)
    name = unit_name(unit, value)
    if not name:
        return number_text(value)
    return f"{number_text(value)}{_gap(name)}{name}"


def bounds_text(low: Decimal | None, high: Decimal | None, unit: str | None) -> str:
    """A limit's bounds as one readable text: '1–35 days', '10 GB – 64 TB', '≤ 5', '≥ 3', '400 KB'.

    >>> bounds_text(Decimal(10), Decimal(10), "GigaBYTE"), bounds_text(None, None, "NUM")
    ('10 GB', '')
    """
    if low is None or high is None or low == high:
        one = high if high is not None else low
        text = quantity_text(one, unit)
        if not text or low == high:
            return text
        return f"≤ {text}" if high is not None else f"≥ {text}"
    lo, lo_unit = readable(low, unit) if unit else (low, unit)
    hi, hi_unit = readable(high, unit) if unit else (high, unit)
    if lo_unit == hi_unit:
        name = unit_name(hi_unit, hi)
        return f"{number_text(lo)}–{number_text(hi)}{_gap(name)}{name}"
    return f"{quantity_text(lo, lo_unit, keep=True)} – {quantity_text(hi, hi_unit, keep=True)}"


def _gap(name: str) -> str:
    """The space between a number and its unit name: none before '%' and '/s' (99.9%, 1000/s)."""
    return "" if not name or name[0] in "%/" else " "


def common_unit(values: Iterable[tuple[Decimal | None, str | None]]) -> str | None:
    """The unit a row of values compares in: the readable unit of the largest of them.

    >>> common_unit([(Decimal(64), "TeraBYTE"), (Decimal(160), "GigaBYTE")])
    'TeraBYTE'
    >>> common_unit([(Decimal(35), "DAY"), (Decimal(24), "HR")]), common_unit([(None, None)])
    ('DAY', None)
    """
    known = [(v, u) for v, u in values if v is not None and u]
    if not known:
        return None
    base = known[0][1]
    value, unit = max(known, key=lambda vu: convert(vu[0], vu[1], base))
    return readable(value, unit)[1]
