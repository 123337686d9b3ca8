"""The notes reader: Markdown and messy plain text become an outline with file and line."""

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


@given(st.text())
def test_any_text_gives_an_outline(text):
    outline = read_outline(text, "fuzz.txt")
    lines = [i.line for i in outline.items]
    assert lines == sorted(lines)
    assert all(i.parent is None or i.parent < idx for idx, i in enumerate(outline.items))


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_clear_error(data):
    try:
        decode_notes(data, "fuzz.txt")
    except InputError as err:
        assert str(err).startswith("fuzz.txt:")
