"""Lines of notes as both readers see them, and the small tests on their text (pure).

:class:`Line` is what the Markdown reader (:mod:`graph.read.markdown`) and the plain-text reader
(:mod:`graph.read.outline`) both produce before items are assembled; :func:`tidy`, :func:`heading_text`,
:func:`lead_in`, :func:`numbered_title` and :func:`indent_width` are the text tests they share.

Examples
--------
>>> numbered_title("1.1 Redis"), indent_width("    - x")
((2, 'Redis'), 4)
"""

from __future__ import annotations

import re

__all__ = ["Line", "PLAIN_BULLET", "tidy", "heading_text", "lead_in", "numbered_title", "indent_width"]

#: A bullet as plain text writes it: ``-``, ``*``, ``•`` and friends, a stray ``**``, or ``1.`` / ``1)``.
PLAIN_BULLET = re.compile(r"^([ \t]*)(?:[-*+•◦▪‣●○■□–·]|\*\*|\d{1,3}[.)])[ \t]+(\S.*?)\s*$")
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(\S.*)$")
_UNIT = re.compile(
    r"(?:[KMGTPE]i?B|[KMG]bps|ms|s|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?"
    r"|x|%|IOPS|nines|percent)\b",
    re.I,
)
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                           "dozen", "hundred", "thousand", "million"})  # fmt: skip
_COUNT = re.compile(r"\d[\d,.]*[+%x]?")
_URL = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>()\[\]\"'`]*")
_EMPTY = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")
_TAB = 4


class Line:
    """One outline entry as a reader found it, before the heading path is worked out.

    ``kind`` is ``heading``, ``bullet``, ``text`` or ``row``; ``depth`` the list
    nesting and ``parent`` the index of the enclosing entry. A heading's
    ``level`` counts below the innermost non-relative heading when ``relative``;
    ``until`` is the last line a lead-in heading covers (0: up to the next
    heading). ``gap`` marks a top-level bullet after two or more blank lines.
    """

    __slots__ = ("line", "kind", "text", "raw", "depth", "parent", "level", "relative", "pseudo", "until",
                 "strong", "cells", "header", "gap")  # fmt: skip

    def __init__(self, line: int, kind: str, text: str, raw: str, depth: int = 0, parent: int | None = None,
                 level: int = 0, relative: bool = False, pseudo: bool = False, until: int = 0,
                 strong: tuple[str, ...] = (), cells: tuple[str, ...] = (), header: tuple[str, ...] = (),
                 gap: bool = False) -> None:  # fmt: skip
        self.line, self.kind, self.text, self.raw, self.depth, self.parent = line, kind, text, raw, depth, parent
        self.level, self.relative, self.pseudo, self.until = level, relative, pseudo, until
        self.strong, self.cells, self.header, self.gap = strong, cells, header, gap

    def __repr__(self) -> str:
        return f"Line({self.line}, {self.kind!r}, {self.text!r}, depth={self.depth}, parent={self.parent})"


def tidy(text: str) -> str:
    """Text with URLs dropped and white space collapsed.

    >>> tidy("  origin (http://d111.cloudfront.net/x)  or www.example.com ")
    'origin or'
    """
    if "://" in text or "www." in text:
        text = _EMPTY.sub("", _URL.sub("", text))
    if "  " in text or "\t" in text or "\n" in text:
        return " ".join(text.split())
    return text.strip()


def heading_text(text: str) -> str:
    """A heading's text without a trailing colon or ellipsis.

    >>> heading_text("IP ranges to avoid ..."), heading_text("Types:")
    ('IP ranges to avoid', 'Types')
    """
    text = text.rstrip()
    if text.endswith(("...", "…")):
        text = text.rstrip(".…").rstrip()
    return text.rstrip(":").rstrip()


def lead_in(text: str, single: bool = True, words: int = 8) -> bool:
    """True for a line that can introduce the block under it as its heading.

    A colon-ended line of up to 12 words, or a line of up to ``words`` words
    that does not end a sentence; either way one that states no count (a
    number after a capitalised name, as in "Route 53", is part of the name).
    ``single`` is False for the last line of a paragraph whose line before it
    runs on.

    >>> lead_in("Storage types:"), lead_in("A launch configuration"), lead_in("It scales.")
    (True, True, False)
    >>> lead_in("VPC considerations ..."), lead_in("Route 53 records:"), lead_in("Volumes come in 6 types")
    (True, True, False)
    """
    split = text.split()
    count = len(split)
    if not single or not count or _states_count(split):
        return False
    if text.endswith(":"):
        return count <= max(12, words)
    return count <= words and (text[-1] not in ".!,;" or text.endswith(("...", "…")))


def _states_count(words: list[str]) -> bool:
    """True when the words give a count or quantity ("6 types", "three engines", "10.0.0.0/16")."""
    for k, word in enumerate(words):
        word = word.strip("()[],:;\"'").lower()
        if _COUNT.fullmatch(word) or word in _NUMBER_WORDS or (word[:1].isdigit() and "/" in word):
            before = words[k - 1] if k else ""
            if not (before[:1].isupper() and before.isalpha()):
                return True
    return False


def numbered_title(text: str, lone: bool = False) -> tuple[int, str] | None:
    """(depth, title) of a numbered section title such as "1.1 Redis".

    A single number ("2. DynamoDB") counts only for a ``lone`` line, one that is
    not part of a numbered list, and needs a capital letter.

    >>> numbered_title("1.1 Redis"), numbered_title("1.5 TB of storage"), numbered_title("2.3 Scale out.")
    ((2, 'Redis'), None, None)
    >>> numbered_title("2. DynamoDB"), numbered_title("2. DynamoDB", lone=True)
    (None, (1, 'DynamoDB'))
    """
    match = _NUMBER.match(text)
    if not match:
        return None
    number, title = match.groups()
    depth = number.rstrip(".").count(".") + 1
    if depth == 1 and not (lone and title[0].isupper()):
        return None
    if not title[0].isalpha() or _UNIT.match(title) or title.count(" ") >= 8 or title[-1] in ".!,;":
        return None
    return depth, heading_text(title)


def indent_width(line: str) -> int:
    """Width of a line's leading white space, a tab counting as four spaces.

    >>> indent_width("\\t  - a")
    6
    """
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += _TAB
        else:
            break
    return width
