"""Markdown notes → outline lines: one walk over markdown-it-py's token stream (pure).

The text is parsed once (CommonMark with GFM tables, strikethrough and YAML
front matter). Every block token carries ``map``, its source lines, so each
:class:`~graph.read.outline.Line` keeps the exact line it came from. What a line
says is cleaned: emphasis markers, escapes and HTML tags go, entities are
decoded, code spans and link texts stay, images and URLs are dropped.

Structure is read as people write it: list items at any depth (an item's first
line is a ``bullet``, the rest of the item sits one level deeper), table body
rows, blockquotes, HTML blocks, and pseudo-headings: a line that is only bold, a
numbered section title ("1.1 Redis", a lone "2. DynamoDB"), or a short or
colon-ended line right above a list, a table or an indented block (that lead-in
covers only the block under it). Fenced code, indented code and HTML comments
are skipped; an indented block whose lines are all bullets is read as a list,
and so are plain-text bullets (``•``) and indented lines inside a paragraph.

Examples
--------
>>> title, lines = markdown_lines("---\\ntitle: Databases\\n---\\n## RDS\\n- **Engines**: MySQL\\n")
>>> title
'Databases'
>>> [(ln.line, ln.kind, ln.text, ln.strong) for ln in lines]
[(4, 'heading', 'RDS', ()), (5, 'bullet', 'Engines: MySQL', ('Engines',))]
>>> [(ln.line, ln.kind, ln.text) for ln in markdown_lines("| Service | Max |\\n|---|---|\\n| SQS | 256 KB |\\n")[1]]
[(3, 'row', 'SQS | 256 KB')]
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from graph.read.lines import PLAIN_BULLET, Line, heading_text, indent_width, lead_in, numbered_title, tidy

__all__ = ["markdown_lines"]

# Inline markup is parsed on demand, and only in text that has some (_Walk.clean).
_MD = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"]).disable(["inline", "text_join"])
_MD.use(front_matter_plugin)
_MARKUP = re.compile(r"[\\`*_\[<&~\n]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_CODE_HTML = re.compile(r"\s*<(?:pre|script|style|textarea)\b", re.I)
_BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "thead", "tbody",
                     "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "hr"})  # fmt: skip
_STRONG_TAGS = {"<strong>": 1, "<b>": 1, "</strong>": -1, "</b>": -1}
_TASK = re.compile(r"^\[[ xX]\]\s+")
_HEADING_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(?=[^\W\d])(?![KMGTPE]i?B\b)")
_TITLE_MATTER = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.M)
_UNDER_LEAD_IN = frozenset({"bullet_list_open", "ordered_list_open", "table_open", "code_block"})
_UNDER_TITLE = frozenset({"bullet_list_open", "paragraph_open", "table_open", "code_block", "html_block"})
_ONE_ITEM = ["list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "ordered_list_close"]

Cleaned = tuple[str, tuple[str, ...]]  # a line's clean text and its bold spans


def markdown_lines(text: str) -> tuple[str | None, list[Line]]:
    """Markdown text → (front-matter title or None, its outline lines in order)."""
    env: dict = {}
    walk = _Walk(text.split("\n"), _MD.parse(text, env), env)
    walk.run()
    return walk.title, walk.out


def _inline_lines(children: list) -> list[Cleaned]:
    """Inline tokens → (clean text, bold spans) per source line."""
    lines: list[Cleaned] = []
    parts: list[str] = []
    spans: list[str] = []
    bold: list[str] = []
    strong = hidden = 0
    for tok in children:
        kind = tok.type
        if kind == "text" or kind == "code_inline" or kind == "text_special":
            if not hidden:
                parts.append(tok.content)
                if strong:
                    bold.append(tok.content)
        elif kind == "softbreak" or kind == "hardbreak":
            if bold:
                spans.append("".join(bold))
                bold = []
            lines.append(_finish(parts, spans))
            parts, spans = [], []
        elif kind == "strong_open" or kind == "strong_close" or kind == "html_inline":
            step = 1 if kind == "strong_open" else -1
            if kind == "html_inline":
                tag = tok.content.lower().replace(" ", "")
                if tag.startswith("<br"):
                    parts.append(" ")
                step = _STRONG_TAGS.get(tag, 0)
            if step > 0 and not strong:
                bold = []
            strong = max(0, strong + step)
            if step < 0 and not strong and bold:
                spans.append("".join(bold))
                bold = []
        elif (kind == "link_open" or kind == "link_close") and tok.markup in ("autolink", "linkify"):
            hidden += 1 if kind == "link_open" else -1  # the text of an autolink is its URL
    if bold:
        spans.append("".join(bold))
    lines.append(_finish(parts, spans))
    return lines


def _finish(parts: list[str], spans: list[str]) -> Cleaned:
    """One line's (text, bold spans), tidied."""
    return tidy("".join(parts)), tuple(s for s in map(tidy, spans) if s)


def _is_contents(children: list) -> bool:
    """True for text that is only a link to a place in the same document (a table of contents)."""
    return (
        len(children) >= 2
        and children[0].type == "link_open"
        and str(children[0].attrs.get("href", "")).startswith("#")
        and children[-1].type == "link_close"
        and not any(t.type in ("link_open", "softbreak", "hardbreak") for t in children[1:-1])
    )


def _title(text: str, strong: tuple[str, ...]) -> tuple[int, str] | None:
    """(relative level, title) of a line that is a title on its own: only bold, or numbered."""
    if len(strong) == 1 and heading_text(strong[0]) == heading_text(text) and lead_in(text, words=10):
        return 1, heading_text(text)
    return numbered_title(text, lone=True)


class _Walk:
    """The walk over one document's tokens; ``out`` gathers the lines."""

    def __init__(self, source: list[str], tokens: list, env: dict) -> None:
        self.source = source
        self.tokens = tokens
        self.env = env  # link reference definitions, for inline parsing
        self.out: list[Line] = []
        self.frames: list[list] = []  # open list items: [index of their first line or None, gap]
        self.open: list[int] = []  # first-line indices of the open list items that have one
        self.quotes = 0
        self.title: str | None = None

    def run(self) -> None:
        tokens = self.tokens
        i, end = 0, len(tokens)
        while i < end:
            tok = tokens[i]
            kind = tok.type
            if kind == "paragraph_open":
                self.paragraph(i)
                i += 3
                continue
            if kind == "list_item_open":
                self.frames.append([None, not self.frames and self.after_gap(tok.map[0])])
            elif kind == "list_item_close":
                if self.frames.pop()[0] is not None:
                    self.open.pop()
            elif kind == "heading_open":
                found = self.clean(tokens[i + 1].content)
                text = heading_text(_HEADING_NUMBER.sub("", " ".join(t for t, _ in found if t)))
                strong = tuple(s for _, spans in found for s in spans)
                self.heading(tok.map[0], text, int(tok.tag[1]), False, strong=strong)
                i += 3
                continue
            elif kind == "ordered_list_open" and not self.frames:
                i = self.numbered_list(i)
                continue
            elif kind == "table_open":
                i = self.table(i)
                continue
            elif kind == "html_block":
                self.html(tok)
            elif kind == "code_block":
                self.indented(tok)
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind == "front_matter":
                match = _TITLE_MATTER.search(tok.content)
                self.title = (match.group(1).strip("\"'") or None) if match else None
            i += 1

    # lines ----------------------------------------------------------------

    def add(self, row: int, kind: str, text: str, **fields) -> int:
        """Append a line at 0-based source ``row``; its index."""
        self.out.append(Line(row + 1, kind, text, self.source[row].strip(), **fields))
        return len(self.out) - 1

    def emit(self, row: int, kind: str, text: str, strong: tuple[str, ...] = (), **fields) -> None:
        """Append a line placed by the open list items: an item's first line, or content inside it."""
        frames, opened = self.frames, self.open
        index = len(self.out)
        depth, parent = len(opened), (opened[-1] if opened else None)
        if frames and frames[-1][0] is None:
            frames[-1][0] = index
            opened.append(index)
            fields["gap"] = frames[-1][1]
            if kind == "text":
                kind, text = "bullet", _TASK.sub("", text)
        elif frames and kind == "text":
            kind = "bullet"
        self.out.append(Line(row + 1, kind, text, self.source[row].strip(), depth, parent, strong=strong, **fields))

    def heading(self, row: int, text: str, level: int, relative: bool, until: int = 0, strong=()) -> None:
        self.add(row, "heading", text, level=level, relative=relative, pseudo=relative, until=until, strong=strong)

    def after_gap(self, row: int) -> bool:
        """True when top-level 0-based ``row`` comes 2+ blank lines after a bullet (a lost heading)."""
        if self.quotes or not self.out or self.out[-1].kind != "bullet":
            return False
        k = row - 1
        while k >= 0 and not self.source[k].strip():
            k -= 1
        return row - 1 - k >= 2

    def clean(self, content: str) -> list[Cleaned]:
        """(clean text, bold spans) of each line of inline ``content``, parsed only if it has markup."""
        if not _MARKUP.search(content):
            return [(tidy(content), ())]
        children: list = []
        _MD.inline.parse(content, _MD, self.env, children)
        return [("", ())] if _is_contents(children) else _inline_lines(children)

    def lines_of(self, inline) -> list[Cleaned]:
        """(text, bold spans) of each source line of a paragraph's inline token."""
        start, end = inline.map
        lines = self.clean(inline.content)
        if len(lines) != end - start:  # a code span or a tag across lines: read line by line
            pieces = [self.clean(piece)[0] for piece in inline.content.split("\n")][: end - start]
            lines = [(tidy(text.replace("`", " ")), strong) for text, strong in pieces]
            lines += [("", ())] * (end - start - len(lines))
        return lines

    # blocks ---------------------------------------------------------------

    def paragraph(self, i: int) -> None:
        inline = self.tokens[i + 1]
        start = inline.map[0]
        lines = self.lines_of(inline)
        if self.frames:
            for k, (text, strong) in enumerate(lines):
                if k and text and not self.quotes and self.source[start + k][:1] not in (" ", "\t"):
                    title = _title(text, strong)  # an unindented line that ran on into the item
                    if title:
                        self.heading(start + k, title[1], title[0], True)
                        continue
                if k and text and PLAIN_BULLET.match(text):
                    text = PLAIN_BULLET.match(text).group(2)
                if text:
                    self.emit(start + k, "text", text, strong)
            return
        after = self.tokens[i + 3] if i + 3 < len(self.tokens) else None
        until = after.map[1] if after is not None and after.type in _UNDER_LEAD_IN else 0
        if self.quotes:
            pieces = inline.content.split("\n")
            rows = [(start + k, pieces[k] if k < len(pieces) else "", t, s) for k, (t, s) in enumerate(lines)]
        else:
            rows = [(start + k, self.source[start + k], t, s) for k, (t, s) in enumerate(lines)]
        self.layout(rows, until, self.after_gap(start))

    def layout(self, rows: list[tuple[int, str, str, tuple[str, ...]]], until: int, gap: bool) -> None:
        """Lines of one block (row, source, text, bold spans) laid out by indentation and plain bullets.

        A line at the block's own indent that is a title, or a lead-in over deeper
        lines (or, for the last line, over the next block, which ends on line
        ``until``), is a heading. ``gap``: the block comes 2+ blank lines after a bullet.
        """
        base = indent_width(rows[0][1])
        depth, parent = len(self.open), (self.open[-1] if self.open else None)
        marks = [PLAIN_BULLET.match(src) for _, src, _, _ in rows]
        indents = [indent_width(src) for _, src, _, _ in rows]
        stack: list[tuple[int, int]] = []  # (indent, index) of the lines that can hold deeper ones
        last = len(rows) - 1
        for k, (row, _, text, strong) in enumerate(rows):
            mark, indent = marks[k], indents[k]
            if mark and PLAIN_BULLET.match(text):
                text = PLAIN_BULLET.match(text).group(2)
            if not text:
                continue
            if not mark and indent <= base:
                heading = self.block_heading(rows, marks, indents, k, until if k == last else 0)
                if heading:
                    self.heading(row, heading[0], heading[1], True, heading[2], strong)
                    stack.clear()
                    continue
            while stack and stack[-1][0] >= indent:
                stack.pop()
            kind = "bullet" if mark or indent > base else "text"
            index = self.add(row, kind, text, depth=depth + len(stack), parent=stack[-1][1] if stack else parent,
                             strong=strong, gap=gap and k == 0 and kind == "bullet")  # fmt: skip
            stack.append((indent, index))

    def block_heading(self, rows, marks, indents, k: int, until: int) -> tuple[str, int, int] | None:
        """(text, relative level, last line covered) when line ``k`` of a block is a heading."""
        text, strong = rows[k][2], rows[k][3]
        title = _title(text, strong)
        if title:
            return title[1], title[0], 0
        run = k + 1
        while run < len(rows) and (marks[run] or indents[run] > indents[k]):
            run += 1
        single = k == 0 or rows[k - 1][2][-1:] in (".", "!", "?", ":", ";") or marks[k - 1] is not None
        if run > k + 1 and lead_in(text, single):
            return heading_text(text), 1, rows[run - 1][0] + 1
        if until and run == k + 1 and lead_in(text, single):
            return heading_text(text), 1, until
        return None

    def numbered_list(self, i: int) -> int:
        """A one-item numbered list that is a section title ("2. DynamoDB" over bullets), or a list."""
        tokens = self.tokens
        if [t.type for t in tokens[i + 1 : i + 7]] == _ONE_ITEM and i + 7 < len(tokens):
            inline = tokens[i + 3]
            if tokens[i + 7].type in _UNDER_TITLE and inline.map[1] - inline.map[0] == 1:
                text = self.lines_of(inline)[0][0]
                title = numbered_title(f"1. {text}", lone=True) if text else None
                if title:
                    self.heading(inline.map[0], title[1], 1, True)
                    return i + 7
        return i + 1

    def table(self, i: int) -> int:
        """GFM table body rows (the header row names the columns); the index after the table."""
        tokens = self.tokens
        header: tuple[str, ...] = ()
        cells: list[str] = []
        strong: list[str] = []
        head = False
        row = 0
        i += 1
        while tokens[i].type != "table_close":
            tok = tokens[i]
            kind = tok.type
            if kind == "tr_open":
                cells, strong, row = [], [], tok.map[0]
            elif kind == "inline":
                found = self.clean(tok.content)
                cells.append(" ".join(t for t, _ in found if t))
                strong.extend(s for _, spans in found for s in spans)
            elif kind == "thead_open" or kind == "thead_close":
                head = kind == "thead_open"
            elif kind == "tr_close":
                if head:
                    header = tuple(cells)
                elif any(cells):
                    text = " | ".join(c for c in cells if c)
                    self.emit(row, "row", text, tuple(strong), cells=tuple(cells), header=header)
            i += 1
        return i + 1

    def html(self, tok) -> None:
        """Text of an HTML block, line by line; ``<br>`` and block tags split it, ``<li>`` gives bullets."""
        content = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), tok.content)
        if _CODE_HTML.match(content):
            return
        start = tok.map[0]
        depth, parent = len(self.open), (self.open[-1] if self.open else None)
        lists: list[int | None] = []  # open <ul>/<ol>: index of the last <li> line in each
        in_item = False
        for k, part in enumerate(content.split("\n")):
            if not part.strip() or start + k >= len(self.source):
                continue
            buffer: list[str] = []
            pos = 0
            for match in _TAG.finditer(part + "<br>"):
                buffer.append(part[pos : match.start()])
                pos = match.end()
                name = match.group(2).lower()
                if name not in _BREAKS:
                    continue
                text = tidy(html.unescape("".join(buffer)))
                buffer = []
                if text:
                    up = lists[-2] if len(lists) > 1 and in_item else parent
                    index = self.add(start + k, "bullet" if in_item else "text", text,
                                     depth=depth + max(0, len(lists) - 1), parent=up)  # fmt: skip
                    if in_item and lists:
                        lists[-1] = index
                closing = match.group(1) == "/"
                if name in ("ul", "ol"):
                    if closing and lists:
                        lists.pop()
                    elif not closing:
                        lists.append(None)
                elif name == "li":
                    in_item = not closing

    def indented(self, tok) -> None:
        """An indented block: a list when every line is a bullet, else code (skipped)."""
        start, end = tok.map
        source = self.source
        rows = [(r, source[r]) for r in range(start, min(end, len(source))) if source[r].strip()]
        if rows and all(PLAIN_BULLET.match(src) for _, src in rows):
            self.layout([(r, src, *self.clean(PLAIN_BULLET.match(src).group(2))[0]) for r, src in rows], 0, False)
