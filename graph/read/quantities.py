"""Numbers with units in a phrase → typed bounds (pure).

Reads "up to 5", "max 15", "1-35 days", "400 KB", "64TB", "10GB ... to 64TB",
"24 hrs", "5 mins", "under one second", "3,500", "256,000", "99.99%" and number
words, and says what each bound is: a minimum, a maximum or a range, in which
QUDT unit, and the words that follow the number (what it counts).

Examples
--------
>>> [(b.min, b.max, b.unit, b.noun) for b in find_bounds("Up to 5 read replicas")]
[(None, Decimal('5'), 'NUM', 'read replicas')]
>>> [(b.min, b.max, b.unit) for b in find_bounds("retention period (1-35 days)")]
[(Decimal('1'), Decimal('35'), 'DAY')]
>>> [(b.min, b.max, b.unit) for b in find_bounds("10GB, scale in 10GB increments to 64TB")]
[(Decimal('0.01'), Decimal('64'), 'TeraBYTE')]
>>> [(b.max, b.unit) for b in find_bounds("Replication latency under one second")]
[(Decimal('1'), 'SEC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Bound", "find_bounds", "convert", "UNIT_SYMBOLS", "DIMENSIONS", "expand_abbreviations", "fold_for_checks"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "hundred": 100, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip

_UNITS = {
    "kb": "KiloBYTE", "kib": "KibiBYTE", "mb": "MegaBYTE", "mib": "MebiBYTE", "gb": "GigaBYTE",
    "gib": "GibiBYTE", "tb": "TeraBYTE", "tib": "TebiBYTE", "pb": "PetaBYTE", "pib": "PebiBYTE",
    "ms": "MilliSEC", "millisecond": "MilliSEC", "milliseconds": "MilliSEC",
    "microsecond": "MicroSEC", "microseconds": "MicroSEC",
    "s": "SEC", "sec": "SEC", "secs": "SEC", "second": "SEC", "seconds": "SEC",
    "min": "MIN", "mins": "MIN", "minute": "MIN", "minutes": "MIN",
    "h": "HR", "hr": "HR", "hrs": "HR", "hour": "HR", "hours": "HR",
    "day": "DAY", "days": "DAY", "week": "WK", "weeks": "WK", "month": "MO", "months": "MO",
    "year": "YR", "years": "YR", "%": "PERCENT", "percent": "PERCENT",
}  # fmt: skip

#: Short symbols for labels, by QUDT unit local name.
UNIT_SYMBOLS = {
    "NUM": "", "KiloBYTE": "KB", "KibiBYTE": "KiB", "MegaBYTE": "MB", "MebiBYTE": "MiB", "GigaBYTE": "GB",
    "GibiBYTE": "GiB", "TeraBYTE": "TB", "TebiBYTE": "TiB", "PetaBYTE": "PB", "PebiBYTE": "PiB",
    "MicroSEC": "µs", "MilliSEC": "ms", "SEC": "s", "MIN": "min", "HR": "h", "DAY": "days", "WK": "weeks",
    "MO": "months", "YR": "years", "PERCENT": "%", "NUM-PER-SEC": "/s",
}  # fmt: skip

#: What each unit measures.
DIMENSIONS = {
    u: "size"
    for u in (
        "KiloBYTE",
        "KibiBYTE",
        "MegaBYTE",
        "MebiBYTE",
        "GigaBYTE",
        "GibiBYTE",
        "TeraBYTE",
        "TebiBYTE",
        "PetaBYTE",
        "PebiBYTE",
    )
}
DIMENSIONS.update({u: "time" for u in ("MicroSEC", "MilliSEC", "SEC", "MIN", "HR", "DAY", "WK", "MO", "YR")})
DIMENSIONS.update({"PERCENT": "percent", "NUM": "count", "NUM-PER-SEC": "rate"})

_NUMBER_WORDS = "|".join(sorted(_WORDS, key=len, reverse=True))
_DIGITS = r"\d[\d,]*(?:\.\d+)?k?"
_UNIT = r"(?:\s?-?\s?(?P<{0}>" + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True)) + r")\b)"
_UNIT_PCT = _UNIT.replace(r"\b)", r"(?:\b|(?<=%)))")
_NUMBER_WORD = re.compile(rf"(?:{_NUMBER_WORDS})\b", re.I)


@dataclass(frozen=True)
class _Patterns:
    """The bound patterns, for one way of writing numbers."""

    range: re.Pattern[str]
    grow: re.Pattern[str]
    max: re.Pattern[str]
    max_after: re.Pattern[str]
    min: re.Pattern[str]
    plain: re.Pattern[str]


def _patterns(number: str) -> _Patterns:
    """The patterns with ``number`` (a regular expression) as what a number looks like."""

    def num(name: str) -> str:
        return f"(?P<{name}>{number})"

    def unit(name: str) -> str:
        return _UNIT_PCT.format(name)

    return _Patterns(
        range=re.compile(
            rf"(?:\bfrom\s+|\bbetween\s+)?\b{num('a')}{unit('ua')}?\s*(?:-|–|to|and)\s*{num('b')}{unit('ub')}?(?![\w.])",
            re.I,
        ),
        grow=re.compile(
            rf"~?\b{num('a')}{unit('ua')}\W.*?\b(?:scales?|grows?|increments?|steps?|expands?)\b.*?\bto\s+"
            rf"{num('b')}{unit('ub')}",
            re.I,
        ),
        max=re.compile(
            r"\b(?:up\s+to|upto|max(?:imum)?(?:\s+is|\s+of)?|at\s+most|no\s+more\s+than|limit\s+of|limited\s+to|"
            r"as\s+many\s+as|under|below|less\s+than|within|scales?\s+to|grows?\s+to|to)\s*[:=]?\s*~?"
            + rf"{num('a')}{unit('ua')}?",
            re.I,
        ),
        max_after=re.compile(rf"\b{num('a')}{unit('ua')}?\s+max(?:imum)?\b", re.I),
        min=re.compile(
            r"\b(?:at\s+least|minimum(?:\s+of)?|min\.?|no\s+less\s+than|start(?:s|ing)?\s+at|from|more\s+than|over|above)"
            r"\s*[:=]?\s*~?" + rf"{num('a')}{unit('ua')}?",
            re.I,
        ),
        plain=re.compile(rf"(?<![\w.,/$]){num('a')}{unit('ua')}?(?![\w/])", re.I),
    )


# Texts without number words (most of them) use the simpler patterns: the same matches, found faster.
_WITH_WORDS = _patterns(rf"{_DIGITS}|(?:{_NUMBER_WORDS})\b")
_DIGITS_ONLY = _patterns(_DIGITS)
_SKIP_AFTER = re.compile(r"^\s?(?:x\b|/|\s?times\b|\.\d)", re.I)
_NOUN = re.compile(
    r"^[\s-]*((?!(?:in|of|per|to|for|or|and|with|the|a|an|at|on)\b)[A-Za-z][\w/-]*"
    r"(?:\s+(?!of\b|in\b|per\b|to\b|for\b|or\b|and\b|w\b|with\b|at\b|on\b)[A-Za-z][\w/-]*){0,2})"
)
_RATE = re.compile(r"^\s*(?:[\w/-]+\s+){0,2}?(?:per\s+second|/\s?s(?:ec)?\b|per\s+sec\b)", re.I)
_NOT_BOUND = re.compile(r"\b(?:default|baseline|advised|recommended|versions?|nines)\b", re.I)
_MONEY = re.compile(
    r"[$€£]|\bcost\b|\bprice\b|\bpricing\b|\bcharge|\d/(?:hr|hour|month|year)|\bper\s+(?:year|month)\b", re.I
)
_ABBR = re.compile(r"(?<![\w/])(w/in|w/o|w/|b/c)(?!\w)", re.I)


@dataclass(frozen=True)
class Bound:
    """A bound found in text: min and/or max, a QUDT unit, and what follows the number."""

    min: Decimal | None
    max: Decimal | None
    unit: str
    noun: str
    start: int
    kind: str = "max"

    @property
    def dimension(self) -> str:
        """``count``, ``size``, ``time``, ``percent`` or ``rate``."""
        return DIMENSIONS.get(self.unit, "count")


def expand_abbreviations(text: str) -> str:
    """Spell out note shorthand that hides words from the patterns.

    >>> expand_abbreviations("retained w/in 35 days b/c of PITR")
    'retained within 35 days because of PITR'
    """
    if "/" not in text:
        return text
    return _ABBR.sub(
        lambda m: {"w/in": "within", "w/o": "without", "w/": "with", "b/c": "because"}[m.group(1).lower()], text
    )


def _value(text: str) -> Decimal | None:
    """A number as written → Decimal ('3,500' → 3500, '1K' → 1000, 'five' → 5)."""
    text = text.lower().replace(",", "")
    if text in _WORDS:
        return Decimal(_WORDS[text])
    scale = 1
    if text.endswith("k"):
        text, scale = text[:-1], 1000
    try:
        return Decimal(text) * scale
    except ArithmeticError:
        return None


def _unit_name(text: str | None) -> str | None:
    return _UNITS.get(text.lower()) if text else None


def find_bounds(text: str) -> list[Bound]:
    """Every bound in ``text``, left to right (empty for prices and multipliers)."""
    folded = fold_for_checks(text)
    numbered = _DIGIT.search(text) or (_ANY_NUMBER_WORD.search(folded) and _ANY_NUMBER.search(text))
    if not numbered or _is_money(text, folded):
        return []
    if _NOT_BOUND.search(text):
        return []
    found: list[Bound] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return not any(m.start() < e and s < m.end() for s, e in taken)

    def add(m: re.Match, lo: Decimal | None, hi: Decimal | None, unit: str | None, *, plain: bool = False,
            kind: str = "max") -> None:  # fmt: skip
        rest = text[m.end() :]
        if _SKIP_AFTER.match(rest):
            return
        noun = _noun(rest) if unit is None else ""
        if unit is None and _RATE.match(rest):
            unit = "NUM-PER-SEC"
        if plain and unit is None and (hi is None or hi < 1000):
            return
        taken.append((m.start(), m.end()))
        found.append(Bound(lo, hi, unit or "NUM", noun, m.start(), kind))

    words = bool(_NUMBER_WORD_FOLDED.search(folded) and _NUMBER_WORD.search(text))
    patterns = _WITH_WORDS if words else _DIGITS_ONLY
    growing = any(cue in folded for cue in _GROW_CUES) and _GROW_WORD.search(text)
    for m in patterns.grow.finditer(text) if growing else ():
        ua, ub = _unit_name(m.group("ua")), _unit_name(m.group("ub"))
        if ua and ub and DIMENSIONS.get(ua) == DIMENSIONS.get(ub):
            lo, hi = _value(m.group("a")), _value(m.group("b"))
            if lo is not None and hi is not None:
                add(m, convert(lo, ua, ub), hi, ub, kind="range")
    for m in patterns.range.finditer(text) if words or _TWO_NUMBERS.search(text) else ():
        ua, ub = _unit_name(m.group("ua")), _unit_name(m.group("ub"))
        lo, hi = _value(m.group("a")), _value(m.group("b"))
        if free(m) and lo is not None and hi is not None and lo < hi and (ua or ub) and (not ua or not ub or ua == ub):
            add(m, lo, hi, ub or ua, kind="range")
    for pattern, kind in ((patterns.max, "max"), (patterns.max_after, "max"), (patterns.min, "min")):
        for m in pattern.finditer(text) if pattern is not patterns.max_after or "max" in folded else ():
            if not free(m):
                continue
            value, unit = _value(m.group("a")), _unit_name(m.group("ua"))
            if value is None or (m.group(0).lower().startswith("to") and unit is None):
                continue
            add(m, value if kind == "min" else None, value if kind == "max" else None, unit, kind=kind)
    for m in patterns.plain.finditer(text):
        if free(m):
            value = _value(m.group("a"))
            if value is not None:
                add(m, None, value, _unit_name(m.group("ua")), plain=m.group("ua") is None, kind="plain")
    return sorted(found, key=lambda b: b.start)


_FACTORS = {
    "KiloBYTE": 10**3, "MegaBYTE": 10**6, "GigaBYTE": 10**9, "TeraBYTE": 10**12, "PetaBYTE": 10**15,
    "KibiBYTE": 2**10, "MebiBYTE": 2**20, "GibiBYTE": 2**30, "TebiBYTE": 2**40, "PebiBYTE": 2**50,
    "MicroSEC": Decimal("0.000001"), "MilliSEC": Decimal("0.001"), "SEC": 1, "MIN": 60, "HR": 3600,
    "DAY": 86400, "WK": 604800, "MO": 2629800, "YR": 31557600,
}  # fmt: skip


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """``value`` in ``unit`` expressed in ``to`` (same dimension; bytes or seconds based).

    >>> convert(Decimal(10), "GigaBYTE", "TeraBYTE")
    Decimal('0.01')
    >>> convert(Decimal(2), "DAY", "HR")
    Decimal('48')
    """
    if unit == to or unit not in _FACTORS or to not in _FACTORS:
        return value
    result = value * Decimal(_FACTORS[unit]) / Decimal(_FACTORS[to])
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result.normalize()


_DIGIT = re.compile(r"\d")
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_WORDS) + r")\b", re.I)
# Case-insensitive patterns scan slowly; these quick checks run on case-folded text without re.I.
# Each may say yes where its re.I pattern would not, never no where it would say yes; a yes is
# then confirmed by the re.I pattern, so the answers are those of the re.I patterns alone.
_ANY_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORDS})\b")
_NUMBER_WORD_FOLDED = re.compile(rf"(?:{_NUMBER_WORDS})\b")
#: A range of digits needs two numbers with something between them.
_TWO_NUMBERS = re.compile(r"\d\D+\d")
#: :data:`_GROW_WORD` needs one of these in the case-folded text.
_GROW_CUES = ("scale", "grow", "increment", "step", "expand")
#: Every way :data:`_MONEY` can match needs one of these in the case-folded text.
_MONEY_CUES = ("$", "€", "£", "cost", "pric", "charge", "/", "per")


def fold_for_checks(text: str) -> str:
    """``text`` case-folded for the quick checks; dotted and dotless capital/small i become 'i', as re.I reads them.

    >>> fold_for_checks("Up To FİVE"), fold_for_checks("fıve")
    ('up to five', 'five')
    """
    if not text.isascii():
        text = text.replace("İ", "i").replace("ı", "i")
    return text.casefold()


def _is_money(text: str, folded: str) -> bool:
    """True when ``text`` speaks of prices or charges (``folded`` is :func:`fold_for_checks` of it).

    >>> _is_money("$0.25 per GB-month", "$0.25 per gb-month"), _is_money("Up to 5 replicas", "up to 5 replicas")
    (True, False)
    """
    return any(cue in folded for cue in _MONEY_CUES) and _MONEY.search(text) is not None


_GROW_WORD = re.compile(r"\b(?:scales?|grows?|increments?|steps?|expands?)\b", re.I)


def _noun(rest: str) -> str:
    """The words a count is about: '5 read replicas (...)' → 'read replicas'."""
    if re.match(r"^\s+[-–:(]", rest):
        return ""
    match = _NOUN.match(rest)
    return match.group(1).strip().lower() if match else ""
