"""Units as notes write them → QUDT unit local names, their symbols, dimensions and conversions (pure).

Sizes (KB ... PB, KiB ... PiB, bytes), durations (µs ... years), percentages and rates: data
rates ("MB/s", "MiB/s", "MBps", "Gbps", "Gbit/s"), counts per second ("requests per second",
"300 /s", "TPS") and throughput nouns without a QUDT unit ("IOPS", "RCU": unit NUM with a
canonical noun). Patterns run on :func:`graph.read.numbers.ascii_lower` text without ``re.I``;
the original text decides bits from bytes ("Gbps", "Gb/s" are bits; "GB/s", "MBps" bytes).

>>> unit_at(" 250 mib/s", " 250 MiB/s", 4), unit_at("45 gbps", "45 Gbps", 2), unit_at("5-minute", "5-minute", 1)
(('MebiBYTE-PER-SEC', 10), ('GigaBIT-PER-SEC', 7), ('MIN', 8))
>>> convert(Decimal(10), "GigaBYTE", "TeraBYTE"), convert(Decimal(2), "DAY", "HR")
(Decimal('0.01'), Decimal('48'))
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.read.numbers import tidy

__all__ = ["UNIT_SYMBOLS", "DIMENSIONS", "RATE_NOUNS", "convert", "unit_at", "rate_noun", "kilobytes_context"]

_SIZES = {
    "kb": "KiloBYTE", "kib": "KibiBYTE", "mb": "MegaBYTE", "mib": "MebiBYTE", "gb": "GigaBYTE", "gib": "GibiBYTE",
    "tb": "TeraBYTE", "tib": "TebiBYTE", "pb": "PetaBYTE", "pib": "PebiBYTE", "byte": "BYTE", "bytes": "BYTE",
}  # fmt: skip
_SIZES |= {f"{p}bytes": _SIZES[p[0] + ("ib" if p.endswith("bi") else "b")] for p in ("kilo", "mega", "giga", "tera",
           "peta", "kibi", "mebi", "gibi", "tebi", "pebi")}  # fmt: skip
_SIZES |= {k[:-1]: v for k, v in list(_SIZES.items()) if k.endswith("bytes")}
_BITS = {"kbit": "KiloBIT", "mbit": "MegaBIT", "gbit": "GigaBIT", "tbit": "TeraBIT", "kilobit": "KiloBIT",
         "megabit": "MegaBIT", "gigabit": "GigaBIT", "terabit": "TeraBIT"}  # fmt: skip
_BITS |= {k + "s": v for k, v in list(_BITS.items()) if k.endswith("bit")}
_TIMES = {
    "ms": "MilliSEC", "msec": "MilliSEC", "msecs": "MilliSEC", "millisecond": "MilliSEC", "milliseconds": "MilliSEC",
    "µs": "MicroSEC", "μs": "MicroSEC", "microsecond": "MicroSEC", "microseconds": "MicroSEC",
    "s": "SEC", "sec": "SEC", "secs": "SEC", "second": "SEC", "seconds": "SEC",
    "min": "MIN", "mins": "MIN", "minute": "MIN", "minutes": "MIN",
    "h": "HR", "hr": "HR", "hrs": "HR", "hour": "HR", "hours": "HR", "day": "DAY", "days": "DAY",
    "wk": "WK", "wks": "WK", "week": "WK", "weeks": "WK", "month": "MO", "months": "MO",
    "yr": "YR", "yrs": "YR", "year": "YR", "years": "YR",
}  # fmt: skip
_WRITTEN = _SIZES | _BITS | _TIMES | {"%": "PERCENT", "percent": "PERCENT", "pct": "PERCENT"}
_UNIT = re.compile(
    r"(?:\s?-\s?|\s)?(?P<u>" + "|".join(sorted(map(re.escape, _WRITTEN), key=len, reverse=True)) + r")"
    r"(?P<per>\s?/\s?s(?:ec(?:ond)?)?|\s?per\s+sec(?:ond)?|ps)?(?![a-z\d])"
)

#: Short symbols for labels, by QUDT unit local name.
UNIT_SYMBOLS = {
    "NUM": "", "BYTE": "B", "KiloBYTE": "KB", "KibiBYTE": "KiB", "MegaBYTE": "MB", "MebiBYTE": "MiB",
    "GigaBYTE": "GB", "GibiBYTE": "GiB", "TeraBYTE": "TB", "TebiBYTE": "TiB", "PetaBYTE": "PB", "PebiBYTE": "PiB",
    "MicroSEC": "µs", "MilliSEC": "ms", "SEC": "s", "MIN": "min", "HR": "h", "DAY": "days", "WK": "weeks",
    "MO": "months", "YR": "years", "PERCENT": "%", "NUM-PER-SEC": "/s",
    "BYTE-PER-SEC": "B/s", "KiloBYTE-PER-SEC": "KB/s", "MegaBYTE-PER-SEC": "MB/s", "GigaBYTE-PER-SEC": "GB/s",
    "TeraBYTE-PER-SEC": "TB/s", "KibiBYTE-PER-SEC": "KiB/s", "MebiBYTE-PER-SEC": "MiB/s", "GibiBYTE-PER-SEC": "GiB/s",
    "KiloBIT-PER-SEC": "Kbps", "MegaBIT-PER-SEC": "Mbps", "GigaBIT-PER-SEC": "Gbps", "TeraBIT-PER-SEC": "Tbps",
}  # fmt: skip

# unit -> (what it measures, how many base units: bytes, seconds, bytes per second, counts per second)
_SCALES: dict[str, tuple[str, Decimal]] = {}
for _name, _factor in (("BYTE", 1), ("KiloBYTE", 10**3), ("MegaBYTE", 10**6), ("GigaBYTE", 10**9),
                       ("TeraBYTE", 10**12), ("PetaBYTE", 10**15), ("KibiBYTE", 2**10), ("MebiBYTE", 2**20),
                       ("GibiBYTE", 2**30), ("TebiBYTE", 2**40), ("PebiBYTE", 2**50)):  # fmt: skip
    _SCALES[_name] = ("size", Decimal(_factor))
    if _factor < 2**50 and _name not in ("TebiBYTE", "PetaBYTE"):
        _SCALES[f"{_name}-PER-SEC"] = ("rate", Decimal(_factor))
for _name, _factor in (("KiloBIT", 10**3), ("MegaBIT", 10**6), ("GigaBIT", 10**9), ("TeraBIT", 10**12)):
    _SCALES[f"{_name}-PER-SEC"] = ("rate", Decimal(_factor) / 8)
_SCALES |= {u: ("time", Decimal(f)) for u, f in (("MicroSEC", "0.000001"), ("MilliSEC", "0.001"), ("SEC", 1),
            ("MIN", 60), ("HR", 3600), ("DAY", 86400), ("WK", 604800), ("MO", 2629800), ("YR", 31557600))}  # fmt: skip
_SCALES |= {"NUM-PER-SEC": ("count rate", Decimal(1)), "NUM": ("count", Decimal(1)), "PERCENT": ("percent", Decimal(1))}

#: What each unit measures: ``size``, ``time``, ``percent``, ``count`` or ``rate``.
DIMENSIONS = {unit: family.split()[-1] for unit, (family, _) in _SCALES.items()}
#: Throughput nouns counted with unit NUM: their bounds have dimension ``rate``.
RATE_NOUNS = frozenset({"IOPS", "read capacity units", "write capacity units", "capacity units"})


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """``value`` in ``unit`` expressed in ``to`` (same dimension; otherwise ``value`` unchanged).

    >>> convert(Decimal(1), "GibiBYTE", "MebiBYTE"), convert(Decimal(1), "GigaBIT-PER-SEC", "MegaBYTE-PER-SEC")
    (Decimal('1024'), Decimal('125'))
    """
    if unit == to or unit not in _SCALES or to not in _SCALES or _SCALES[unit][0] != _SCALES[to][0]:
        return value
    return tidy(value * _SCALES[unit][1] / _SCALES[to][1])


def unit_at(low: str, text: str, pos: int) -> tuple[str | None, int]:
    """(QUDT unit, end) of the unit written at ``pos`` of ``low`` (``text`` is its original); (None, pos) if none."""
    m = _UNIT.match(low, pos)
    if m is None:
        return None, pos
    written, per = m.group("u"), m.group("per")
    unit = _WRITTEN[written]
    if written in _BITS:
        return (f"{unit}-PER-SEC", m.end()) if per else (None, pos)
    if unit not in _SCALES or _SCALES[unit][0] != "size" or not per:
        return unit, m.end("u")
    if unit != "BYTE" and text[m.end("u") - 1] == "b" and (per == "ps" or text[m.start("u")].isupper()):
        return f"{unit[:-4]}BIT-PER-SEC", m.end()  # Mbps, Gb/s: bits
    return (f"{unit}-PER-SEC", m.end()) if f"{unit}-PER-SEC" in _SCALES else (unit, m.end("u"))


_RATE = re.compile(
    r"\s?(?:(?P<iops>iops)|(?P<rcu>rcus?|read\s+capacity\s+units?|read\s+units?)|(?P<wcu>wcus?|write\s+capacity\s+units?"
    r"|write\s+units?)|(?P<cu>(?:read\s+and\s+write\s+|r/w\s+)?capacity\s+units?)|(?P<tps>tps)|(?P<rps>rps|req/s)|(?P<qps>qps)|(?P<words>(?:[a-z][\w/-]*\s+){0,2}?[a-z][\w/-]*\s?)?"
    r"(?:per\s+sec(?:ond)?|/\s?s(?:ec(?:ond)?)?|a\s+second|each\s+second))(?![a-z\d])"
)
_RATE_NAMES = {"iops": "IOPS", "rcu": "read capacity units", "wcu": "write capacity units", "cu": "capacity units",
               "tps": "transactions",
               "rps": "requests", "qps": "queries"}  # fmt: skip


def rate_noun(low: str, pos: int) -> tuple[str, str, int] | None:
    """(unit, noun, end) of a throughput written after a bare number at ``pos``: IOPS, RCU, 'writes per second'.

    >>> rate_noun("3000 iops", 4), rate_noun("3,500 put requests per second", 5), rate_noun("5 rcu", 1)
    (('NUM', 'IOPS', 9), ('NUM-PER-SEC', 'put requests', 29), ('NUM', 'read capacity units', 5))
    """
    m = _RATE.match(low, pos)
    if m is None:
        return None
    name = next((k for k in _RATE_NAMES if m.group(k)), None)
    if name in ("iops", "rcu", "wcu", "cu"):
        return "NUM", _RATE_NAMES[name], m.end()
    return "NUM-PER-SEC", _RATE_NAMES[name] if name else (m.group("words") or "").strip(), m.end()


def canonical_noun(noun: str) -> str:
    """'iops' → 'IOPS', 'rcus' → 'read capacity units'; other nouns unchanged.

    >>> canonical_noun("iops"), canonical_noun("wcu"), canonical_noun("read replicas")
    ('IOPS', 'write capacity units', 'read replicas')
    """
    return _RATE_NAMES.get(noun.rstrip("s") if noun in ("rcus", "wcus") else noun, noun)


_KB_CONTEXT = re.compile(
    r"(?:\b|\d)(?:kb|kib|mb|rcus?|wcus?)\b|\b(?:capacity units?|items?|rows?|size|payload|of data)\b"
)
_KB_CUES = ("kb", "kib", "mb", "rcu", "wcu", "capacity", "item", "row", "size", "payload", "data")


def kilobytes_context(low: str) -> bool:
    """True when ``low`` speaks of item sizes or capacity units, where '4K' means 4 KB.

    >>> kilobytes_context("5k + 4k = 9k = 3 rcu"), kilobytes_context("10k iops")
    (True, False)
    """
    return any(cue in low for cue in _KB_CUES) and _KB_CONTEXT.search(low) is not None
