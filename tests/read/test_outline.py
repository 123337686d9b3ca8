"""The notes reader: plain text (and the basics of Markdown) become an outline with file and line.

The Markdown walk has its own tests in ``test_outline_markdown.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import InputError
from graph.read.outline import decode_notes, read_outline


def rows(text: str, file: str = "n.md"):
    return [(i.line, i.kind, i.depth, i.text, i.parent) for i in read_outline(text, file).items]


def test_markdown_headings_bullets_and_nesting():
    text = "# AWS\n\n## RDS\n- Engines: MySQL\n  * up to 5 replicas\n    + deep\n1. first\n2) second\n"
    assert rows(text) == [
        (1, "heading", 0, "AWS", None),
        (3, "heading", 1, "RDS", None),
        (4, "bullet", 0, "Engines: MySQL", None),
        (5, "bullet", 1, "up to 5 replicas", 2),
        (6, "bullet", 2, "deep", 3),
        (7, "bullet", 0, "first", None),
        (8, "bullet", 0, "second", None),
    ]
    items = read_outline(text, "n.md").items
    assert items[3].headings == ("AWS", "RDS")


def test_code_fences_are_skipped():
    text = "# S3\n```\n- not a bullet\n# not a heading\n```\n- real\n"
    assert [i.text for i in read_outline(text, "n.md").items] == ["S3", "real"]


def test_plain_text_bullets_tabs_and_headings():
    text = "AWS Notes\n\n  • RDS\n\t◦ up to 5 replicas\n\t▪ MySQL\n  - Aurora\n"
    assert rows(text, "n.txt") == [
        (1, "heading", 0, "AWS Notes", None),
        (3, "bullet", 0, "RDS", None),
        (4, "bullet", 1, "up to 5 replicas", 1),
        (5, "bullet", 1, "MySQL", 1),
        (6, "bullet", 0, "Aurora", None),
    ]


def test_markdown_plain_lines_are_text_not_headings():
    assert rows("# RDS\nDynamoDB items are at most 400 KB\n") == [
        (1, "heading", 0, "RDS", None),
        (2, "text", 0, "DynamoDB items are at most 400 KB", None),
    ]


def test_crlf_and_bom():
    data = "\ufeffNotes\r\n  • RDS\r\n".encode()
    text = decode_notes(data, "n.txt")
    assert [i.text for i in read_outline(text, "n.txt").items] == ["Notes", "RDS"]
    assert read_outline(text, "n.txt").items[1].line == 2


def test_block_after_two_blank_lines_with_no_heading_is_orphan():
    text = "Databases\n  • RDS\n    • MySQL\n\n\n  • SSD storage\n  • Transactions\n"
    items = read_outline(text, "n.txt").items
    assert [(i.text, i.orphan) for i in items] == [
        ("Databases", False), ("RDS", False), ("MySQL", False), ("SSD storage", True), ("Transactions", False)
    ]  # fmt: skip
    assert items[4].section == 3


def test_block_after_heading_is_not_orphan():
    items = read_outline("Caching\n\n\n  • CloudFront\n", "n.txt").items
    assert not any(i.orphan for i in items)


def test_seed_outline(seed_notes):
    outline = read_outline(decode_notes(seed_notes.read_bytes(), "seed.txt"), "seed.txt")
    orphans = [i.line for i in outline.items if i.orphan]
    assert orphans == [38, 59, 76, 90]  # DynamoDB, Redshift, Aurora, ElastiCache lost their headings
    headings = [i.text for i in outline.items if i.kind == "heading"]
    assert "Database Migration Service (DMS)" in headings and "Amazon EMR" in headings


def test_plain_numbered_section_titles_drop_their_number():
    text = "Databases\n1.1 Redis\n  • in-memory\n1.2 Memcached\n  • multi-threaded\n"
    items = read_outline(text, "n.txt").items
    assert [(i.line, i.kind, i.text, i.pseudo) for i in items if i.kind == "heading"] == [
        (1, "heading", "Databases", True), (2, "heading", "Redis", True), (4, "heading", "Memcached", True)
    ]  # fmt: skip
    assert items[2].headings == ("Databases", "Redis")
    assert items[4].headings == ("Databases", "Memcached")  # siblings do not leak


def test_plain_lone_numbered_line_over_bullets_is_a_title_but_a_numbered_list_stays():
    items = read_outline("Notes\n2. DynamoDB\n  • 400 KB items\n", "n.txt").items
    assert [(i.kind, i.text) for i in items] == [
        ("heading", "Notes"),
        ("heading", "DynamoDB"),
        ("bullet", "400 KB items"),
    ]
    assert items[2].headings == ("Notes", "DynamoDB")
    listed = read_outline("Steps\n1. open the console\n2. create a table\n", "n.txt").items
    assert [i.kind for i in listed] == ["heading", "bullet", "bullet"]


def test_plain_indented_colon_line_over_bullets_heads_only_them():
    text = "RDS\n  Engines:\n    • MySQL\n    • Oracle\n  Storage up to 64 TB\n"
    items = read_outline(text, "n.txt").items
    assert [(i.line, i.kind, i.text, i.headings) for i in items] == [
        (1, "heading", "RDS", ()),
        (2, "heading", "Engines", ("RDS",)),
        (3, "bullet", "MySQL", ("RDS", "Engines")),
        (4, "bullet", "Oracle", ("RDS", "Engines")),
        (5, "text", "Storage up to 64 TB", ("RDS",)),
    ]
    assert items[4].section == 0
    assert all(i.strong == () for i in items)


def test_plain_text_drops_urls_but_keeps_the_raw_line():
    (item,) = read_outline("  • see https://docs.example.com/limits.png for limits\n", "n.txt").items
    assert (item.text, item.raw) == ("see for limits", "• see https://docs.example.com/limits.png for limits")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "n.txt:0: file is empty", id="empty"),
        pytest.param(b"  \n\n", "n.txt:0: file is empty", id="blank"),
        pytest.param(b"ok\nbad \x00 byte", "n.txt:2: binary file, not text notes", id="binary"),
        pytest.param(b"ok\nok\n caf\xe9", "n.txt:3: not UTF-8 text (byte 0xe9)", id="latin-1"),
    ],
)
def test_bad_bytes_name_file_and_line(data, message):
    with pytest.raises(InputError) as err:
        decode_notes(data, "n.txt")
    assert str(err.value) == message


@pytest.mark.parametrize("file", ["fuzz.txt", "fuzz.md"])
@given(text=st.text())
def test_any_text_gives_an_outline(file, text):
    outline = read_outline(text, file)
    lines = [i.line for i in outline.items]
    assert lines == sorted(lines)
    assert all(i.parent is None or i.parent < idx for idx, i in enumerate(outline.items))
    assert all(i.section is None or i.section <= idx for idx, i in enumerate(outline.items))


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_clear_error(data):
    try:
        decode_notes(data, "fuzz.txt")
    except InputError as err:
        assert str(err).startswith("fuzz.txt:")
