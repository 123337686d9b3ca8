"""Numbers as people write them in notes → values, and the numbers that are never quantities (pure).

Reads digits with thousands separators ("3,500", "50 000"), decimals, shorthand ("10k", "2.5K",
"1M", "1000s of", "10GB+"), scale words ("1.5 million") and number words ("five", "twenty-five",
"two hundred", "a dozen"). It also finds the spans that hold digits but no quantity: dates, IP
addresses, dotted versions and port numbers. Every pattern here runs on :func:`ascii_lower` text
(same length as the original, so positions carry over) without ``re.I``.

>>> [(t.value, t.start, t.end) for t in number_tokens(ascii_lower("Up to 3,500 or five thousand"))]
[(Decimal('3500'), 6, 11), (Decimal('5000'), 15, 28)]
>>> [(t.value, t.scale) for t in number_tokens(ascii_lower("1000s of clients, 10k reads"))]
[(Decimal('1000'), 's'), (Decimal('10000'), 'k')]
>>> skipped_spans(ascii_lower("Created 2021-01-05 in 10.0.0.0/16 on port 443"))
[(8, 18), (22, 33), (37, 45)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NUMBER_WORDS", "Token", "ascii_lower", "number_tokens", "skipped_spans", "has_number_word", "tidy"]

_ONES = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Number words and their values ("dozen" counts 12: "a dozen", "two dozen").
NUMBER_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
NUMBER_WORDS |= _SCALES | {"dozen": 12}

_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})


def ascii_lower(text: str) -> str:
    """``text`` with A-Z made a-z and nothing else changed (so every position stays where it was).

    >>> ascii_lower("Up To 5 GiB – İ")
    'up to 5 gib – İ'
    """
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES[:9])}))?|{'|'.join(sorted(_ONES, key=len, reverse=True))})"
_SCALE = "|".join(_SCALES)
#: A number written in words: "five", "twenty-five", "two hundred", "a dozen", "a million".
_WORDS = rf"(?:(?:{_WORD}|an?)\s(?:dozen|{_SCALE})(?:\s(?:and\s)?{_WORD})?|{_WORD})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<!\d )\d{1,3}(?: \d\d0)+(?![\d,.])|\d+(?:\.\d+)?"
_TOKEN = re.compile(
    # Not glued to a word, a decimal point, money, a slash (CIDR, HTTP/2), '#', ':' (ports, times) or 'us-east-'.
    rf"(?<![\w.$€£¥/#:@\\+])(?<![a-z]-)(?:(?P<d>{_DIGITS})(?:(?P<sfx>\s?k(?![a-z\d])|m(?![a-z\d])|s(?= of\b))|"
    rf"\s?(?P<scale>{_SCALE})\b)?|\b(?P<w>{_WORDS})\b)"
)
#: Every number word contains one of these (a quick check before the word patterns).
_WORD_CUES = ("one", "two", "thr", "thir", "four", "five", "six", "seven", "eigh", "nine", "ten", "eleven", "twel",
              "fif", "twenty", "forty", "ninety", "hundred", "thousand", "dozen", "illion")  # fmt: skip
_ANY_WORD = re.compile(rf"\b(?:{_WORD}|dozen|{_SCALE})\b")


@dataclass(frozen=True)
class Token:
    """A number in text: its value, where it is, and how it was scaled ('k', 'm', 's' as in 1000s, a word)."""

    value: Decimal
    start: int
    end: int
    scale: str = ""
    word: bool = False


def tidy(value: Decimal) -> Decimal:
    """``value`` without trailing zeros: 1500000.0 → 1500000, 2.50 → 2.5.

    >>> tidy(Decimal("1500000.0")), tidy(Decimal("2.500")), tidy(Decimal("1E+3")), tidy(Decimal(10) ** 30)
    (Decimal('1500000'), Decimal('2.5'), Decimal('1000'), Decimal('1E+30'))
    """
    if value == value.to_integral_value() and value.adjusted() < 24:
        return value.quantize(Decimal(1))
    return value.normalize()


def has_number_word(low: str) -> bool:
    """True when ``low`` (:func:`ascii_lower` text) has a number word; a substring check first.

    >>> has_number_word("at least three nodes"), has_number_word("often tonight")
    (True, False)
    """
    return any(cue in low for cue in _WORD_CUES) and _ANY_WORD.search(low) is not None


def _words_value(text: str) -> Decimal:
    """'two hundred fifty' → 250, 'a dozen' → 12, 'twenty-five' → 25."""
    total, current = 0, 0
    for word in text.replace("-", " ").split():
        if word in ("a", "an"):
            current = 1
        elif word in _SCALES or word == "dozen":
            factor = _SCALES.get(word, 12)
            current = (current or 1) * factor
            if factor >= 1000:
                total, current = total + current, 0
        elif word != "and":
            current += NUMBER_WORDS[word]
    return Decimal(total + current)


def number_tokens(low: str, original: str | None = None, *, words: bool = True) -> list[Token]:
    """The numbers of ``low`` (:func:`ascii_lower` text), left to right.

    ``k`` after digits is a thousand; ``M`` (capital in ``original``) a million; "100s of" is 100.

    >>> [t.value for t in number_tokens("50 000 rows, 1.5 million, 12,5 and a dozen")]
    [Decimal('50000'), Decimal('1500000'), Decimal('12'), Decimal('5'), Decimal('12')]
    """
    tokens = []
    for m in _TOKEN.finditer(low):
        if m.group("w") is not None:
            if not words:
                continue
            tokens.append(Token(_words_value(m.group("w")), m.start(), m.end(), "word", True))
            continue
        try:
            value = Decimal(m.group("d").replace(",", "").replace(" ", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
        sfx, scale, end = (m.group("sfx") or "").lstrip() or None, m.group("scale"), m.end()
        if sfx == "m" and (original is None or original[m.end("sfx") - 1] != "M"):
            sfx, end = None, m.end("d")  # a lower-case m is minutes or metres, not a million
        if scale:
            value *= _SCALES[scale]
        elif sfx == "k":
            value *= 1000
        elif sfx == "m":
            value *= 10**6
        tokens.append(Token(tidy(value), m.start(), end, sfx or scale or ""))
    return tokens


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SKIPPED = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # dates
    rf"|\b{_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s(?:19|20)\d\d\b|\b{_MONTHS}\s(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTHS}\s(?:19|20)\d\d\b"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?|\b\d+(?:\.\d+){2,}"  # IP addresses, CIDR blocks, versions 5.7.26
    r"|\b(?:versions?|ver\.?|v)\s?\d+(?:\.\d+)*(?:(?:,|\sand|\sor)\s\d+(?:\.\d+)*)*"  # versions
    r"|\bports?(?:\srange)?[\s,:=(]+\d+(?:(?:,|/|\sand|\sor|\s?[-–])\s?\d+)*"  # ports
    r"|\b\d{1,2}:\d\d(?::\d\d)?\s?(?:am|pm)?"  # times of day
)
#: Every match of :data:`_SKIPPED` needs one of these in the text.
_SKIP_CUES = ("-", "/", ".", "port", "v", ":", "19", "20")


def skipped_spans(low: str) -> list[tuple[int, int]]:
    """Spans of ``low`` whose digits are no quantity: dates, IP addresses and CIDR blocks, versions, ports, times.

    >>> skipped_spans("mysql version 5.7 and 8.0, ports 80 and 443, at 10:30")
    [(6, 25), (27, 43), (48, 53)]
    """
    if not any(cue in low for cue in _SKIP_CUES):
        return []
    return [m.span() for m in _SKIPPED.finditer(low)]
