"""Notes text → an outline of headings and bullets, each with its file and line (pure).

Reads Markdown (``#`` headings, ``-``/``*``/``+``/numbered bullets, code fences
skipped) and plain text (``•``, ``◦``, ``▪``, ``-`` bullets; heading lines with
no bullet; tabs or spaces; CRLF; a BOM). Nesting comes from indentation.

A block of bullets that follows two or more blank lines with no heading of its
own has lost its heading: it is marked ``orphan`` so that extraction can infer
its subject.

Examples
--------
>>> outline = read_outline("# RDS\\n- Engines: MySQL\\n  - up to 5 replicas\\n", "aws.md")
>>> [(i.line, i.kind, i.depth, i.text) for i in outline.items]
[(1, 'heading', 0, 'RDS'), (2, 'bullet', 0, 'Engines: MySQL'), (3, 'bullet', 1, 'up to 5 replicas')]
>>> outline.items[2].headings
('RDS',)
>>> outline.items[2].parent
1
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InputError

__all__ = ["Item", "Outline", "read_outline", "decode_notes", "is_markdown"]

_BULLET = re.compile(r"^([ \t]*)(?:[-*+•◦▪‣●○■□–·]|\d{1,3}[.)])[ \t]+(\S.*?)\s*$")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_TAB = 4


@dataclass(frozen=True)
class Item:
    """One heading, bullet or line of text in a notes file.

    ``depth`` is the bullet nesting (0 at the top; a heading's is its level - 1),
    ``headings`` the heading path in force, ``parent`` the index of the enclosing
    bullet in the outline, ``section`` the index of the item that opens the
    section (a heading, or the first item of an orphan block).
    """

    file: str
    line: int
    kind: str
    depth: int
    text: str
    raw: str
    headings: tuple[str, ...] = ()
    parent: int | None = None
    section: int | None = None
    orphan: bool = False


@dataclass(frozen=True)
class Outline:
    """The items of one notes file, in order."""

    file: str
    items: tuple[Item, ...]


def is_markdown(file: str) -> bool:
    """True for Markdown file names.

    >>> is_markdown("a.md"), is_markdown("a.txt")
    (True, False)
    """
    return file.lower().endswith((".md", ".markdown"))


def decode_notes(data: bytes, file: str) -> str:
    """Bytes of a notes file → text, or :class:`InputError` naming the line.

    >>> decode_notes("\\ufeffa\\r\\nb".encode(), "n.txt")
    'a\\nb'
    >>> decode_notes(b"ok\\n\\xff", "n.txt")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: n.txt:2: not UTF-8 text (byte 0xff)
    """
    if not data.strip():
        raise InputError("file is empty", file=file)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file, not text notes", file=file, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[err.start]:02x})", file=file, line=line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_outline(text: str, file: str, *, markdown: bool | None = None) -> Outline:
    """Text of one notes file → its :class:`Outline`.

    ``markdown`` defaults to the file name: ``.md`` is Markdown, anything else
    plain text, where an unindented line with no bullet is a heading.
    """
    markdown = is_markdown(file) if markdown is None else markdown
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    items: list[Item] = []
    headings: list[tuple[int, str]] = []
    stack: list[tuple[int, int]] = []  # (indent, item index) of open bullets
    section: int | None = None
    blanks = 0
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            blanks += 1
            continue
        raw = line.strip()
        path = tuple(h for _, h in headings)
        heading = _heading(line, markdown)
        if heading:
            level, title = heading
            headings = [h for h in headings if h[0] < level] + [(level, title)]
            stack.clear()
            section = len(items)
            items.append(Item(file, number, "heading", level - 1, title, raw, path, None, section))
            blanks = 0
            continue
        bullet = _BULLET.match(line)
        indent = _indent(bullet.group(1) if bullet else line[: len(line) - len(line.lstrip())])
        content = bullet.group(2) if bullet else raw
        kind = "bullet" if bullet else "text"
        orphan = blanks >= 2 and bool(items) and items[-1].kind != "heading" and indent <= _top_indent(stack)
        if orphan:
            stack.clear()
            section = len(items)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        depth = len(stack)
        stack.append((indent, len(items)))
        items.append(Item(file, number, kind, depth, content, raw, path, parent, section, orphan))
        blanks = 0
    return Outline(file, tuple(items))


def _heading(line: str, markdown: bool) -> tuple[int, str] | None:
    """(level, title) when the line is a heading."""
    match = _HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2).strip()
    if markdown or line[:1].isspace() or _BULLET.match(line):
        return None
    return 1, line.strip().rstrip(":")


def _indent(prefix: str) -> int:
    """Width of leading white space, a tab counting as four spaces."""
    return sum(_TAB if ch == "\t" else 1 for ch in prefix)


def _top_indent(stack: list[tuple[int, int]]) -> int:
    """Indent of the outermost open bullet (any indent when none is open)."""
    return stack[0][0] if stack else 10**6
