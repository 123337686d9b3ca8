"""Numbers with units in a phrase → typed bounds (pure).

Reads a number (:mod:`graph.read.numbers`: "3,500", "50 000", "2.5K", "1000s of", "five", "two
hundred"), the unit after it ("400 KB", "64TB", "1 GiB", "24 hrs", "99.99%", "250 MiB/s", "45 Gbps",
"3,500 requests per second", "3000 IOPS"), the cue before or after it ("up to", "max", "at least",
"min of", ">= 2", "(<10 TB)", "10GB+", "5 or more", "default") and ranges ("1-35 days", "1 to 5
minutes", "between 1 and 35 days", "128 MB - 10GB"). Each bound says whether it is a minimum, a
maximum or a range, in which QUDT unit, and the words after the number (what it counts).

A range whose ends have different units gives two bounds, each in its own unit. Numbers that are
no quantity give nothing: digits in names (gp2, S3, Route 53, NFSv4.1), dates and years, versions,
IP addresses and CIDR prefixes, ports, list numbers, money, multipliers and ratios ("5x", "20%
more", "save 50%"), worked examples ("e.g. 10 items").

Examples
--------
>>> [(b.min, b.max, b.unit, b.noun) for b in find_bounds("Up to 5 read replicas")]
[(None, Decimal('5'), 'NUM', 'read replicas')]
>>> [(b.min, b.max, b.unit) for b in find_bounds("retention period (1-35 days)")]
[(Decimal('1'), Decimal('35'), 'DAY')]
>>> [(b.min, b.max, b.unit, b.kind) for b in find_bounds("volumes from 1 GiB - 16 TiB")]
[(Decimal('1'), None, 'GibiBYTE', 'min'), (None, Decimal('16'), 'TebiBYTE', 'max')]
>>> [(b.max, b.unit) for b in find_bounds("Replication latency under one second")]
[(Decimal('1'), 'SEC')]
>>> [(b.max, b.unit, b.noun) for b in find_bounds("Max IOPS 16,000 and 250 MiB/s per volume")]
[(Decimal('16000'), 'NUM', 'IOPS'), (Decimal('250'), 'MebiBYTE-PER-SEC', '')]
>>> find_bounds("gp2 on EC2, Route 53, 10x faster, $0.02 per GB, port 443, 2021-01-05")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from graph.read.numbers import Token, ascii_lower, has_number_word, number_tokens, skipped_spans, tidy
from graph.read.units import (
    DIMENSIONS,
    RATE_NOUNS,
    UNIT_SYMBOLS,
    canonical_noun,
    convert,
    kilobytes_context,
    rate_noun,
    unit_at,
)

__all__ = ["Bound", "find_bounds", "convert", "UNIT_SYMBOLS", "DIMENSIONS", "expand_abbreviations", "fold_for_checks"]


@dataclass(frozen=True)
class Bound:
    """A bound found in text: min and/or max, a QUDT unit, and what follows the number.

    ``kind`` is ``max``, ``min`` or ``range`` when the text says so ("up to", "at least", "1-35"),
    ``default`` for a default value, ``plain`` for a number with a unit or a rate and no cue, and
    ``count`` for a bare count ("6 types", only with ``find_bounds(..., counts=True)``); the value
    of ``plain``, ``default`` and ``count`` bounds is in ``max``. ``end`` is where the number (and
    its unit) ends; ``approximate`` is true for "100s of", "~5" and "about 5".
    """

    min: Decimal | None
    max: Decimal | None
    unit: str
    noun: str
    start: int
    kind: str = "max"
    end: int = 0
    approximate: bool = False

    @property
    def dimension(self) -> str:
        """``count``, ``size``, ``time``, ``percent`` or ``rate`` (IOPS and capacity units are rates)."""
        if self.unit == "NUM" and self.noun in RATE_NOUNS:
            return "rate"
        return DIMENSIONS.get(self.unit, "count")


_ABBR = re.compile(r"(?<![\w/])(w/in|w/o|w/|b/c)(?!\w)", re.I)


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


def fold_for_checks(text: str) -> str:
    """``text`` case-folded for quick checks; dotted and dotless capital/small i become 'i', as re.I reads them.

    >>> fold_for_checks("Up To FİVE"), fold_for_checks("fıve")
    ('up to five', 'five')
    """
    if not text.isascii():
        text = text.replace("İ", "i").replace("ı", "i")
    return text.casefold()


# Patterns below run on ascii_lower text without re.I; each has the quick check named beside it.
#: Prices: a currency amount, or a price per hour, month or year.
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|cents?)\b|\busd\s?\d|\d\s?/\s?(?:hr|hour|mo|month|yr|year)\b"
    r"|\bper\s+(?:month|year)\b"
)
_MONEY_CUES = ("$", "€", "£", "¥", "usd", "eur", "gbp", "dollar", "cent", "/", "per")
#: From here on, numbers are examples, not limits.
_EXAMPLE = re.compile(
    r"\b(?:e\.\s?g\b|eg:|ex(?::|\.\s)|for (?:example|instance)|example:|let's say|say,|suppose|if you have)"
    r"|\(say\b|^\s*say\b"
)
_EXAMPLE_CUES = ("e.", "eg:", "ex:", "ex.", "for ", "example", "say", "suppose", "if you")
_NOT_GAP = (
    r"(?:and|or|but|to|with|for|in|on|at|per|from|than|the|a|an|of|is|are|was|were|be|you|we|it|they|can|could|will"
    r"|would|should|may|have|has|had|up|max|maximum|min|minimum|limit|default|least|most|only|by)"
)
_CUE = (
    r"(?:(?P<gapped>\bup\s?to|\bmax(?:imum)?\.?|\bmin(?:imum)?\.?|\bat\s+(?:most|least)|\blimit(?:ed)?(?:\s+(?:of|to|is))?"
    r"|\bdefaults?(?:\s+(?:value|setting))?)(?P<gap>(?:\s+(?:number|count|size|amount)\s+of)?(?:\s+(?!{_NOT_GAP}\b)"
    r"[a-z][a-z\d/&'.-]*){1,4}?)?|(?P<plain>\bno\s+(?:more|less|fewer)\s+than|\bas\s+many\s+as|\bunder|\bbelow"
    r"|\b(?:less|fewer|more|greater)\s+than|\bwithin|\b(?:scales?|grows?|expands?|goes|go)\s+(?:up\s+)?to|\bcap(?:ped)?\s+at"
    r"|\bstart(?:s|ing)?\s+at|\bfrom|\bover|\babove|\bexceeds?|\bby\s+default|(?<![-=<>])[<>]=?|[≤≥]|=<|\bto))"
)
#: The cue right before a number (searched in the few words before it, anchored at the number).
_BEFORE = re.compile(
    _CUE.replace("{_NOT_GAP}", _NOT_GAP)
    + r"(?:\s+(?:is|are|of|at|=)|\s*[:=]|\s+-)?\s*(?P<approx>[~≈]|(?:about|around|approx(?:imately|\.)?"
    r"|roughly|nearly|almost|only)\s+)?\s*$"
)
_MAX_CUES = ("up", "max", "at most", "limit", "no more", "as many", "under", "below", "less", "fewer",
             "within", "scale", "grow", "expand", "go", "cap", "<", "≤", "=<", "to")  # fmt: skip
_AFTER = re.compile(
    r"(?P<plus>\+)(?!\s*\d)|\s*(?:(?P<max>max(?:imum)?\b|at\s+most\b|or\s+(?:less|fewer|lower|below)\b)"
    r"|(?P<min>minimum\b|at\s+least\b|or\s+(?:more|greater|higher|above)\b)|(?P<dflt>\(?(?:by\s+)?default\b))"
)
#: After a number (and its unit): it is a multiplier, a ratio, an ordinal or a name, not a quantity.
_MULTIPLIER = re.compile(r"\s?(?:x|×|times|fold|nines)\b|-?fold\b|x\d|[/:]\d")
_NOT_AFTER = re.compile(  # letters glued to a number make a name ("3tier"), but "32vcpu", "4cores" count
    r"(?!(?:v?cpus?|cores?|nodes?|azs?|shards?|replicas?|slices?)\b)[a-z]|-[a-z]|\s?(?:per|/)\s?(?:kb|mb|gb|tb|gib|tib|million|request)|\s?(?:usd|eur|dollars?|cents?)\b"
)
_RATIO_AFTER = re.compile(
    r"\s*(?:more|less|fewer|faster|slower|cheaper|better|higher|lower|smaller|larger|bigger|greater|increase|decrease"
    r"|improvement|reduction|discount|savings?|off\b|of the (?:cost|price))"
)
_RATIO_BEFORE = re.compile(r"\b(?:sav(?:e|es|ed|ing|ings)|discount(?:s|ed)?|reduc(?:e|es|ed|tion)|cuts?|by)\s+"
                           r"(?:up\s+to\s+|about\s+|around\s+|~)?$")  # fmt: skip
#: Words before a number that make it part of a name or a label (Route 53, Layer 4, Step 3, Windows 10).
_LABEL_BEFORE = re.compile(
    r"\b(?:step|part|section|chapter|domain|row|column|table|figure|fig\.?|lab|module|lesson|question|q|level|layer"
    r"|route|rfc|iso|gen|generation|phase|stage|episode|option|case|scenario|page|windows|python|java|node|nodejs"
    r"|ubuntu|centos|debian|rhel|php|ruby|http|https|tls|ssl|sha|aes|raid|mysql|postgres|postgresql|mariadb|oracle"
    r"|redis|memcached|mongodb|elasticsearch|opensearch|kafka|spark|hadoop|re:invent|class|tier|type|no\.|nr\.?|item"
    r"|day|week|year|month|figure|slide|video)\s?#?$"
)
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|[a-z]+ber|january|february|march|april|june|july|august"
)
_YEAR_BEFORE = re.compile(rf"\b(?:in|of|since|from|by|until|before|after|year|copyright|invent|{_MONTHS})\.?\s$|©\s?$")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|through|thru|and)\s*$")
_NOT_NOUN = (
    r"(?:in|of|per|to|for|or|and|w|with|the|a|an|at|on|is|are|was|were|be|been|that|which|who|will|can|could|should"
    r"|would|may|might|must|has|have|had|do|does|when|while|where|if|so|as|by|from|than|into|across|within|via|each"
    r"|every|during|after|before|because|but|then|you|we|it|they|this|these|only|total|max|maximum|[a-z]{3,}ed)(?![\w/-])"
)
_NOUN = re.compile(rf"[\s-]*((?!{_NOT_NOUN})[A-Za-z][\w/-]*(?:\s+(?!{_NOT_NOUN})[A-Za-z][\w/-]*){{0,2}})", re.I)
#: "5 VPCs per region", "20 GSI per table": a count per container is a quota, not only a count.
_PER_THING = re.compile(r"\s*per\s+(?!(?:sec|second|minute|hour|day|month|year|gb|tb|mb)\b)[a-z]")
#: Things counted in thousands ("10k requests"), where "k" is no kilobyte.
_COUNTED = re.compile(
    r"\s+(?:requests?|reads?|writes?|records?|messages?|items?|ops|operations|connections?|transactions?|rows?|keys?"
    r"|objects?|files?|partitions?|shards?|users?|tables?|queries|events?|calls?|invocations?)\b"
)
_APPROX = re.compile(r"(?:[~≈]|\b(?:about|around|approx(?:imately|\.)?|roughly|nearly|almost))\s*$")
_GROW = re.compile(r"\b(?:scales?|grows?|increments?|steps?|expands?|auto-?scal\w*)\b")
_GROW_CUES = ("scal", "grow", "increment", "step", "expand")
_DIGIT = re.compile(r"\d")


def _is_money(text: str, folded: str) -> bool:
    """True when ``text`` speaks of prices (``folded`` is its :func:`~graph.read.numbers.ascii_lower` form).

    >>> _is_money("$0.25 per GB-month", "$0.25 per gb-month"), _is_money("Up to 5 replicas", "up to 5 replicas")
    (True, False)
    """
    return any(cue in folded for cue in _MONEY_CUES) and _MONEY.search(folded) is not None


def _cue_before(low: str, start: int) -> tuple[str, str, str, bool]:
    """(kind, cue, words between cue and number, approximate) for the cue just before ``start``; kind '' if none."""
    m = _BEFORE.search(low, max(0, start - 48), start)
    if m is None:
        return "", "", "", False
    cue = m.group("gapped") or m.group("plain")
    approx = bool(m.group("approx")) and "only" not in m.group("approx")
    gap = (m.group("gap") or "").strip()
    if "default" in cue:
        return "default", cue, gap, approx
    kind = "min" if cue.startswith("min") or cue == "at least" or not cue.startswith(_MAX_CUES) else "max"
    return kind, cue, gap, approx


def _noun(text: str, end: int) -> str:
    """The words a count is about: '5 read replicas (...)' → 'read replicas'."""
    rest = text[end : end + 48]
    if rest[:1].isalpha():  # glued: "32vcpu"
        rest = " " + rest
    if rest[:1] not in (" ", "-") or rest.lstrip(" ")[:1] in ("-", "–", ":", "("):
        return ""
    match = _NOUN.match(rest)
    return match.group(1).strip().lower() if match else ""


def _is_label(text: str, low: str, token: Token, noun: str) -> bool:
    """True when the number is part of a name or a label: 'Route 53', 'Step 3', '1. Create', '09 Global Content'."""
    start = token.start
    if _LABEL_BEFORE.search(low, max(0, start - 16), start):
        return True
    before = text[:start].rstrip()
    if not before or before in ("(", "#"):  # list and section numbers: "1. Create", "2) Attach", "13 NoSQL Databases"
        if text[token.end : token.end + 1] in (".", ")"):
            return token.end - token.start <= 3
        title = text[token.end :].lstrip()[:1].isupper() and not _PER_THING.match(low, token.end + len(noun) + 1)
        return title and token.end - token.start <= 3 and not token.word
    word = before.rsplit(None, 1)[-1]
    named = start - len(before) == 1 and word.isalnum() and not word.islower()  # Windows 10, vCenter 6.5
    return named and (not noun or token.value != int(token.value))


def _kilobytes(low: str, token: Token, text: str) -> bool:
    """'2.5K' means 2.5 KB where the text speaks of item sizes or capacity units, unless things are counted."""
    if token.scale != "k" or not kilobytes_context(low):
        return False
    return not _COUNTED.match(low, token.end) and rate_noun(low, token.end) is None


def find_bounds(text: str, *, counts: bool = False) -> list[Bound]:
    """Every bound in ``text``, left to right (empty for prices); ``counts`` adds bare counts ("6 types")."""
    digits = _DIGIT.search(text) is not None
    low = ascii_lower(text)
    if not digits and not has_number_word(low):
        return []
    if _is_money(text, low):
        return []
    tokens = number_tokens(low, text, words=not digits or has_number_word(low))
    if not tokens:
        return []
    stop = len(text)
    if any(cue in low for cue in _EXAMPLE_CUES):
        example = _EXAMPLE.search(low)
        stop = example.start() if example else stop
    skipped = skipped_spans(low)
    growing = any(cue in low for cue in _GROW_CUES) and _GROW.search(low)
    found: list[Bound] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.start >= stop or any(s <= token.start < e for s, e in skipped):
            continue
        unit, end = unit_at(low, text, token.end + 3 if token.scale == "s" else token.end)  # "100s of TB"
        if unit is None and _kilobytes(low, token, text):
            unit, value = "KiloBYTE", tidy(token.value / 1000)
        else:
            value = token.value
        if _MULTIPLIER.match(low, end):
            continue
        rate = rate_noun(low, end) if unit is None else None
        if rate is None and _NOT_AFTER.match(low, end) or unit == "PERCENT" and _is_ratio(low, token.start, end):
            continue
        kind, cue, gap, approx = _cue_before(low, token.start)
        approx = approx or token.scale == "s" or _APPROX.search(low, max(0, token.start - 16), token.start) is not None
        if kind == "" and not token.word:  # "one or more" is no bound
            after = _AFTER.match(low, end)
            if after:  # "5 max", "3 or more", "10GB+" (not "5K + 4K", a sum), "4 days by default"
                kind = (
                    "max" if after.group("max") else "min" if after.group("min") or after.group("plus") else "default"
                )
                end = after.end() if after.group("plus") else end
        # ranges: "1-35 days", "1 to 5 minutes", "between 1 and 35", "128 MB - 10GB"
        if i < len(tokens) and kind != "default":
            nxt = tokens[i]
            sep = _RANGE_SEP.match(low[end : nxt.start]) if end <= nxt.start else None
            if sep is None and unit is None and end < nxt.start:  # "0.25 vCPU to 16 vCPU": the noun said twice
                said, between = _noun(text, end), low[end : nxt.start].strip()
                if said and between.startswith(said) and low.startswith(said, unit_at(low, text, nxt.end)[1] + 1):
                    sep = _RANGE_SEP.match(between[len(said) :])
            if sep and ("and" not in sep.group(0) or low[max(0, token.start - 8) : token.start].endswith("between ")):
                pair = _range(text, low, token, value, unit, nxt, skipped)
                if pair is not None:
                    found += pair
                    i += 1
                    continue
        noun = _noun(text, end) if unit is None else ""
        if rate is not None:
            unit, noun, end = rate
        elif unit is None and gap and not noun:
            noun = canonical_noun(re.sub(r"^(?:number|count|size|amount)\s+of\s+", "", gap))
        after_noun = _AFTER.match(low, end + len(noun) + 1) if unit is None and kind == "" and noun else None
        if after_noun and after_noun.group("max"):
            kind = "max"  # "5 read replicas max"
        if unit is None and kind == "":
            if _is_label(text, low, token, noun) or _is_year(text, low, token, noun):
                continue
            if (value < 1000 or token.word or token.scale == "k" and not noun) and token.scale != "s":
                if not noun or value != int(value) or token.word and value == 1:
                    continue
                if _PER_THING.match(low, end + len(noun) + 1):
                    kind = "plain"
                elif counts:
                    kind = "count"
                else:
                    continue
        elif unit is None and cue == "to":
            continue  # "to 5" without a unit is no bound ("from 2 to 5" is a range, read above)
        if kind in ("", "plain"):
            kind = "plain"
        lo = value if kind == "min" else None
        hi = None if kind == "min" else value
        found.append(Bound(lo, hi, unit or "NUM", noun, token.start, kind, end, approx))
    if growing:
        found = _grown(found, growing.start())
    return found


def _is_ratio(low: str, start: int, end: int) -> bool:
    """'20% more', 'save 50%', 'faster by 30%': a ratio, not a bound."""
    return bool(_RATIO_AFTER.match(low, end)) or bool(_RATIO_BEFORE.search(low, max(0, start - 24), start))


def _is_year(text: str, low: str, token: Token, noun: str) -> bool:
    """A bare 4-digit year: '2019', 'in 2017', 'Dec 2020' (unless a count noun follows: '2000 connections')."""
    if not (1900 <= token.value <= 2099 and token.end - token.start == 4 and token.value == int(token.value)):
        return False
    if _YEAR_BEFORE.search(low, max(0, token.start - 12), token.start):
        return True
    return not noun or not text[token.end :].lstrip()[:1].islower()


def _range(text: str, low: str, a: Token, lo: Decimal, ua: str | None, b: Token,
           skipped: list[tuple[int, int]]) -> list[Bound] | None:  # fmt: skip
    """The bounds of a range from ``a`` to ``b``; None when the two numbers are no range."""
    if any(s <= b.start < e for s, e in skipped):
        return None
    ub, end = unit_at(low, text, b.end)
    hi = b.value
    if ub is None and _kilobytes(low, b, text):
        ub, hi = "KiloBYTE", tidy(hi / 1000)
    if _MULTIPLIER.match(low, end) or (ub == "PERCENT" and _is_ratio(low, a.start, end)):
        return []  # "2-3x", "10-20% faster": a ratio, not a range
    ua = ua or ub
    ub = ub or ua
    if ua is not None and DIMENSIONS.get(ua) != DIMENSIONS.get(ub):
        return None
    if convert(lo, ua or "NUM", ub or "NUM") >= hi if ua != ub else lo >= hi:
        return None
    noun = _noun(text, end) if ub is None else ""
    if ub is None:
        rate = rate_noun(low, end)
        if rate is not None:
            ua, noun, end = rate
            ub = ua
        elif not noun:
            return None
    approx = a.scale == "s" or b.scale == "s"
    if ua == ub:
        return [Bound(lo, hi, ub or "NUM", noun, a.start, "range", end, approx)]
    return [
        Bound(lo, None, ua, "", a.start, "min", a.end, approx),
        Bound(None, hi, ub, "", b.start, "max", end, approx),
    ]


def _grown(found: list[Bound], grow_at: int) -> list[Bound]:
    """'10GB, scales in 10GB increments to 64TB': the plain size before the growth word is the minimum."""
    grown = [b for b in found if b.kind == "max" and b.start > grow_at and b.unit != "NUM"]
    if not grown:
        return found
    for n, b in enumerate(found):
        if b.kind == "plain" and b.start < grow_at and DIMENSIONS.get(b.unit) == DIMENSIONS.get(grown[0].unit):
            found[n] = Bound(b.max, None, b.unit, b.noun, b.start, "min", b.end, b.approximate)
            break
    return found
