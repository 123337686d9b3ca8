"""Notes text → an outline of headings, bullets, text lines and table rows, each with its file and line (pure).

Markdown (``.md``, ``.markdown``) is parsed with markdown-it-py
(:mod:`graph.read.markdown`): ATX and setext headings, nested bullet and
numbered lists, tables, blockquotes, HTML blocks and YAML front matter, with
fenced and indented code skipped and the text cleaned of markup and URLs.
Plain text is read line by line (``•``, ``◦``, ``▪``, ``-`` bullets; heading
lines with no bullet; tabs or spaces; CRLF; a BOM). Nesting comes from the
list structure or from indentation.

Headings people write without Markdown syntax are headings too (``pseudo``): a
line that is only bold, a numbered section title ("1.1 Redis"), and a short or
colon-ended line right above a list. They sit one level below the heading in
force, so the next one of the same level replaces them and any Markdown heading
closes them; a lead-in line covers only the block under it.

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
>>> outline = read_outline("## SQS\\nLimits:\\n- **256 KB** per message\\n", "aws.md")
>>> [(i.kind, i.text, i.headings, i.pseudo) for i in outline.items]  # doctest: +NORMALIZE_WHITESPACE
[('heading', 'SQS', (), False), ('heading', 'Limits', ('SQS',), True),
 ('bullet', '256 KB per message', ('SQS', 'Limits'), False)]
>>> outline.items[2].strong
('256 KB',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InputError
from graph.read.lines import PLAIN_BULLET, Line, heading_text, indent_width, numbered_title, tidy
from graph.read.markdown import markdown_lines

__all__ = ["Item", "Outline", "read_outline", "decode_notes", "is_markdown"]


_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_NUMBERED_BULLET = re.compile(r"^\d{1,3}[.)][ \t]")


@dataclass(frozen=True)
class Item:
    """One heading, bullet, line of text or table row in a notes file.

    ``line`` is the 1-based source line and ``raw`` that line stripped; ``text``
    is the clean text facts are read from (a row's is its non-empty cells joined
    with " | "). ``depth`` is the list nesting (0 at the top; a heading's is its
    level - 1), ``headings`` the path of headings in force (for a heading, its
    ancestors), ``parent`` the index of the enclosing bullet in the outline,
    ``section`` the index of the item that opens the section (a heading, or the
    first item of an orphan block). A row has its ``cells`` and the table's
    ``header``; ``strong`` holds the bold spans of the text; ``pseudo`` marks a
    heading that comes from the layout rather than from Markdown heading syntax.
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
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    strong: tuple[str, ...] = ()
    pseudo: bool = False


@dataclass(frozen=True)
class Outline:
    """The items of one notes file, in order, and its front-matter title if any."""

    file: str
    items: tuple[Item, ...]
    title: str | None = None


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

    >>> items = read_outline("Databases\\n  • RDS\\n    • up to 5 replicas\\n", "n.txt").items
    >>> [(i.kind, i.depth, i.text, i.parent) for i in items]
    [('heading', 0, 'Databases', None), ('bullet', 0, 'RDS', None), ('bullet', 1, 'up to 5 replicas', 1)]
    """
    markdown = is_markdown(file) if markdown is None else markdown
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        title, lines = markdown_lines(text)
    else:
        title, lines = None, _plain_lines(text)
    return Outline(file, _assemble(file, lines), title)


# clean text and titles --------------------------------------------------------


# lines → items ----------------------------------------------------------------


def _assemble(file: str, lines: list[Line]) -> tuple[Item, ...]:
    """Reader lines → items: the heading path, sections and orphan blocks worked out."""
    items: list[Item] = []
    stack: list[tuple[int, str, int, int, bool]] = []  # open headings: (level, text, index, until, relative)
    path: tuple[str, ...] = ()
    section: int | None = None
    for ln in lines:
        if stack and stack[-1][3] and ln.line > stack[-1][3]:  # past the block a lead-in heading covers
            while stack and stack[-1][3] and ln.line > stack[-1][3]:
                stack.pop()
            path = tuple(h[1] for h in stack)
            section = stack[-1][2] if stack else None
        index = len(items)
        if ln.kind == "heading":
            level = ln.level
            if ln.relative:
                level += next((h[0] for h in reversed(stack) if not h[4]), 0)
            while stack and (stack[-1][0] >= level or (stack[-1][4] and not ln.relative)):
                stack.pop()  # a heading closes its level and deeper ones; a Markdown one, every pseudo one
            path = tuple(h[1] for h in stack)
            items.append(Item(file, ln.line, "heading", level - 1, ln.text, ln.raw, path, None, index,
                              strong=ln.strong, pseudo=ln.pseudo))  # fmt: skip
            stack.append((level, ln.text, index, ln.until, ln.relative))
            path += (ln.text,)
            section = index
            continue
        orphan = ln.gap and bool(items) and items[-1].kind != "heading"
        if orphan:
            section = index
        items.append(Item(file, ln.line, ln.kind, ln.depth, ln.text, ln.raw, path, ln.parent, section, orphan,
                          ln.cells, ln.header, ln.strong))  # fmt: skip
    return tuple(items)


# plain text -------------------------------------------------------------------


def _plain_lines(text: str) -> list[Line]:
    """Plain text → reader lines: unindented lines are headings, nesting comes from indentation."""
    entries: list[tuple[int, str, int]] = []  # (line number, line, blank lines before it)
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
        entries.append((number, line, blanks))
        blanks = 0
    out: list[Line] = []
    stack: list[tuple[int, int]] = []  # (indent, index) of open bullets
    for k, (number, line, blanks) in enumerate(entries):
        raw = line.strip()
        bullet = PLAIN_BULLET.match(line)
        heading = _plain_heading(line, raw, bullet, entries, k)
        if heading:
            level, title, relative, until = heading
            stack.clear()
            out.append(Line(number, "heading", title, raw, level=level, relative=relative,
                            pseudo=not _HEADING.match(line), until=until))  # fmt: skip
            continue
        indent = indent_width(line)
        gap = blanks >= 2 and indent <= (stack[0][0] if stack else 10**6)
        if gap:
            stack.clear()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((indent, len(out)))
        content = tidy(bullet.group(2) if bullet else raw)
        out.append(Line(number, "bullet" if bullet else "text", content, raw, len(stack) - 1, parent, gap=gap))
    return out


def _plain_heading(line: str, raw: str, bullet: re.Match | None, entries: list[tuple[int, str, int]],
                   k: int) -> tuple[int, str, bool, int] | None:  # fmt: skip
    """(level, title, relative, last line covered) when plain line ``k`` is a heading."""
    match = _HEADING.match(line)
    if match:
        return len(match.group(1)), heading_text(match.group(2).strip()), False, 0
    indented = line[:1].isspace()
    if not indented and not bullet:
        numbered = numbered_title(raw)
        return (numbered[0], numbered[1], True, 0) if numbered else (1, raw.rstrip(":"), False, 0)
    following = entries[k + 1][1] if k + 1 < len(entries) else ""
    if not indented and _NUMBERED_BULLET.match(line) and following:
        title = numbered_title(raw, lone=True)  # "2. DynamoDB" over bullets of its own, not one of a numbered list
        under = indent_width(following) > 0 or (PLAIN_BULLET.match(following) and not _NUMBERED_BULLET.match(following))
        if title and under:
            return title[0], title[1], True, 0
    if indented and not bullet and raw.endswith(":") and PLAIN_BULLET.match(following):
        own = indent_width(line)
        end = k + 1
        while end < len(entries) and (PLAIN_BULLET.match(entries[end][1]) or indent_width(entries[end][1]) > own):
            end += 1
        return 1, heading_text(raw), True, entries[end - 1][0]
    return None
