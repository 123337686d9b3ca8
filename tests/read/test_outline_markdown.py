"""Markdown notes become an outline: structure from markdown-it-py's tokens, clean text, exact lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.read.outline import read_outline


def outline(text: str):
    return read_outline(text, "n.md")


def rows(text: str):
    """(line, kind, depth, text, parent) of each item."""
    return [(i.line, i.kind, i.depth, i.text, i.parent) for i in outline(text).items]


def texts(text: str) -> list[str]:
    return [i.text for i in outline(text).items]


# Blocks ----------------------------------------------------------------------------------


def test_atx_and_setext_headings():
    text = "Storage\n=======\n\nBlock storage\n-------------\n- EBS volumes\n### Files ###\n"
    assert rows(text) == [
        (1, "heading", 0, "Storage", None),
        (4, "heading", 1, "Block storage", None),
        (6, "bullet", 0, "EBS volumes", None),
        (7, "heading", 2, "Files", None),
    ]
    assert outline(text).items[2].headings == ("Storage", "Block storage")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- Queue\n  - up to 14 days\n    - default 4 days\n- Topic\n", id="two-spaces"),
        pytest.param("- Queue\n   - up to 14 days\n      - default 4 days\n- Topic\n", id="three-spaces"),
        pytest.param("- Queue\n    - up to 14 days\n        - default 4 days\n- Topic\n", id="four-spaces"),
        pytest.param("- Queue\n\t- up to 14 days\n\t\t- default 4 days\n- Topic\n", id="tabs"),
        pytest.param("1. Queue\n   1. up to 14 days\n      - default 4 days\n2. Topic\n", id="ordered"),
    ],
)
def test_nested_lists_at_any_indent(text):
    assert rows(text) == [
        (1, "bullet", 0, "Queue", None),
        (2, "bullet", 1, "up to 14 days", 0),
        (3, "bullet", 2, "default 4 days", 1),
        (4, "bullet", 0, "Topic", None),
    ]


def test_each_line_of_a_paragraph_is_an_item_with_its_own_line():
    text = "Queues hold messages.\nTopics push them.\n\n- Kinesis keeps records\n  for 24 hours by default\n"
    assert rows(text) == [
        (1, "text", 0, "Queues hold messages.", None),
        (2, "text", 0, "Topics push them.", None),
        (4, "bullet", 0, "Kinesis keeps records", None),
        (5, "bullet", 1, "for 24 hours by default", 2),
    ]


def test_blockquotes_are_read_as_normal_text():
    text = "## SQS\n> Messages are at most 256 KB.\n> - retention up to 14 days\n"
    assert rows(text) == [
        (1, "heading", 1, "SQS", None),
        (2, "text", 0, "Messages are at most 256 KB.", None),
        (3, "bullet", 0, "retention up to 14 days", None),
    ]


def test_table_body_rows_keep_cells_and_header():
    text = "| Service | Max size |\n|---|:---:|\n| **SQS** | 256 KB |\n| SNS | |\n|  |  |\n"
    items = outline(text).items
    assert [(i.line, i.kind, i.text, i.cells, i.header) for i in items] == [
        (3, "row", "SQS | 256 KB", ("SQS", "256 KB"), ("Service", "Max size")),
        (4, "row", "SNS", ("SNS", ""), ("Service", "Max size")),
    ]
    assert items[0].strong == ("SQS",)
    assert items[0].raw == "| **SQS** | 256 KB |"


def test_header_only_table_gives_nothing():
    assert outline("| Queue | Topic |\n|---|---|\n").items == ()


def test_html_blocks_keep_their_text_and_lines():
    text = (
        "<div class='note'>\n<p>Limits<br/>apply per region</p>\n"
        "<ul><li>one &amp; two</li>\n<li><code>x</code> three</li></ul>\n</div>\n"
    )
    assert rows(text) == [
        (2, "text", 0, "Limits", None),
        (2, "text", 0, "apply per region", None),
        (3, "bullet", 0, "one & two", None),
        (4, "bullet", 0, "x three", None),
    ]


def test_comments_code_and_front_matter_are_skipped():
    text = (
        "---\ntitle: 'Queues: a summary'\ntags: [aws]\n---\n"
        "<!-- draft\n- not a note -->\n"
        "```yaml\n- not a bullet\n# not a heading\n```\n"
        "\n    aws sqs create-queue --queue-name q\n\n"
        "- real\n"
    )
    result = outline(text)
    assert result.title == "Queues: a summary"
    assert [(i.line, i.text) for i in result.items] == [(14, "real")]


def test_indented_block_of_bullets_is_a_list_under_its_lead_in():
    text = "Backups\n\n    - kept 35 days\n        - by default 7\n    - snapshots by hand\n"
    assert rows(text) == [
        (1, "heading", 0, "Backups", None),
        (3, "bullet", 0, "kept 35 days", None),
        (4, "bullet", 1, "by default 7", 1),
        (5, "bullet", 0, "snapshots by hand", None),
    ]


def test_plain_bullets_and_indented_lines_inside_a_paragraph():
    text = "Streams\n  • shards scale out\n    ◦ 1 MB/s in per shard\nA closing remark.\n"
    assert rows(text) == [
        (1, "heading", 0, "Streams", None),
        (2, "bullet", 0, "shards scale out", None),
        (3, "bullet", 1, "1 MB/s in per shard", 1),
        (4, "text", 0, "A closing remark.", None),
    ]
    assert outline(text).items[3].headings == ()


def test_a_stray_double_star_is_a_bullet():
    assert rows("## Cooldowns\n** Default: 300 seconds\n") == [
        (1, "heading", 1, "Cooldowns", None),
        (2, "bullet", 0, "Default: 300 seconds", None),
    ]


def test_task_boxes_and_table_of_contents_links_are_not_text():
    text = "- [Queues](#queues)\n  - [Limits](#limits)\n- [x] read the FAQ\n- See [the guide](#queues) too\n"
    assert texts(text) == ["read the FAQ", "See the guide too"]


# Clean text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("**Bold** and _em_ and ~~old~~ words", "Bold and em and old words", id="emphasis"),
        pytest.param(r"1\. not a list \- \(really\) \*", "1. not a list - (really) *", id="escapes"),
        pytest.param("call `ListQueues` (max `1000`)", "call ListQueues (max 1000)", id="code-spans"),
        pytest.param("see [the limits page](https://example.com/l.html) today", "see the limits page today", id="link"),
        pytest.param("diagram ![queue 2642 diagram](https://example.com/2642.png) here", "diagram here", id="image"),
        pytest.param("fast<br>cheap <u>and</u> <b>simple</b>", "fast cheap and simple", id="inline-html"),
        pytest.param("R&amp;D &lt;ok&gt; &#35;1", "R&D <ok> #1", id="entities"),
        pytest.param("docs at <https://example.com/x> now", "docs at now", id="autolink"),
        pytest.param("origin http://d1234.cloudfront.net/a.jpg or www.example.com.", "origin or", id="bare-urls"),
        pytest.param("a [ref link][r] here\n\n[r]: https://example.com", "a ref link here", id="reference"),
    ],
)
def test_clean_text(line, expected):
    assert texts(f"- {line}\n")[0] == expected


def test_bold_spans_are_kept_apart():
    (item,) = outline("- **Standard** queues: at least **once**, <strong>unordered</strong>\n").items
    assert item.strong == ("Standard", "once", "unordered")
    assert item.text == "Standard queues: at least once, unordered"


def test_a_code_span_across_lines_keeps_every_line_number():
    assert rows("Run `aws sqs\nlist-queues` daily.\nThen check.\n") == [
        (1, "text", 0, "Run aws sqs", None),
        (2, "text", 0, "list-queues daily.", None),
        (3, "text", 0, "Then check.", None),
    ]


# Pseudo-headings -------------------------------------------------------------------------


def headings(text: str):
    """(line, level depth, text, pseudo, path) of each heading."""
    return [(i.line, i.depth, i.text, i.pseudo, i.headings) for i in outline(text).items if i.kind == "heading"]


def test_short_line_over_a_list_is_a_pseudo_heading_one_level_down():
    text = "## Storage Gateway\nVolume gateway\n- up to 32 volumes\n"
    assert headings(text) == [
        (1, 1, "Storage Gateway", False, ()),
        (2, 2, "Volume gateway", True, ("Storage Gateway",)),
    ]
    assert outline(text).items[2].headings == ("Storage Gateway", "Volume gateway")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Volume gateway lets you mount iSCSI block storage backed by S3.", id="sentence"),
        pytest.param("Each volume gateway can hold up to thirty two volumes in cached mode", id="long"),
    ],
)
def test_sentences_and_long_lines_over_a_list_stay_text(line):
    assert [i.kind for i in outline(f"## Storage Gateway\n{line}\n- a\n").items] == ["heading", "text", "bullet"]


def test_a_line_that_states_a_count_is_text_but_a_numbered_name_is_a_title():
    assert [i.kind for i in outline("Volumes come in 4 types\n- gp3\n").items] == ["text", "bullet"]
    assert [i.kind for i in outline("Load balancers come in three kinds:\n- ALB\n").items] == ["text", "bullet"]
    assert [i.kind for i in outline("Route 53 record types:\n- alias\n").items] == ["heading", "bullet"]


def test_colon_line_over_a_list_heads_only_that_list():
    text = "# DynamoDB\nThe two capacity modes are:\n- on-demand\n- provisioned\n\nItems are at most 400 KB.\n"
    items = outline(text).items
    assert [(i.kind, i.text, i.headings) for i in items] == [
        ("heading", "DynamoDB", ()),
        ("heading", "The two capacity modes are", ("DynamoDB",)),
        ("bullet", "on-demand", ("DynamoDB", "The two capacity modes are")),
        ("bullet", "provisioned", ("DynamoDB", "The two capacity modes are")),
        ("text", "Items are at most 400 KB.", ("DynamoDB",)),
    ]
    assert [i.section for i in items] == [0, 1, 1, 1, 0]


def test_short_line_over_a_table_heads_it():
    text = "Queue limits ...\n\n| Name | Value |\n|---|---|\n| retention | 14 days |\n"
    assert [(i.kind, i.text, i.headings) for i in outline(text).items] == [
        ("heading", "Queue limits", ()),
        ("row", "retention | 14 days", ("Queue limits",)),
    ]


@pytest.mark.parametrize("bold", ["**Redis**", "__Redis__", "**Redis:**"])
def test_bold_only_line_is_a_pseudo_heading_until_the_next_heading(bold):
    text = f"## ElastiCache\n{bold}\n\nReplication is asynchronous.\n\n- up to 5 replicas\n"
    items = outline(text).items
    assert [(i.kind, i.text, i.pseudo) for i in items][:2] == [
        ("heading", "ElastiCache", False),
        ("heading", "Redis", True),
    ]
    assert [i.headings for i in items[2:]] == [("ElastiCache", "Redis")] * 2


def test_a_bold_sentence_is_not_a_heading():
    text = "> **Snowball is the better choice when the link is slow and the time window is short.**\n"
    assert [i.kind for i in outline(text).items] == ["text"]


def test_sibling_pseudo_headings_never_leak_and_a_real_heading_closes_them():
    text = "## Gateways\n**File**\n- NFS and SMB\n**Tape**\n- virtual tapes\n# Next\n- other\n"
    assert [(i.text, i.headings) for i in outline(text).items if i.kind != "heading"] == [
        ("NFS and SMB", ("Gateways", "File")),
        ("virtual tapes", ("Gateways", "Tape")),
        ("other", ("Next",)),
    ]


def test_pseudo_heading_before_any_heading_does_not_hold_a_real_one():
    text = "**Overview**\n\nServerless compute.\n\n## Lambda\n- timeout up to 15 minutes\n"
    assert outline(text).items[-1].headings == ("Lambda",)


def test_numbered_section_titles_drop_their_number():
    text = "# Caches\n1.1 Redis\n- replicas\n\n1.2 Memcached\n- threads\n\n2. Other engines\n- none\n"
    assert headings(text) == [
        (1, 0, "Caches", False, ()),
        (2, 2, "Redis", True, ("Caches",)),
        (5, 2, "Memcached", True, ("Caches",)),
        (8, 1, "Other engines", True, ("Caches",)),
    ]


def test_numbered_title_that_runs_on_into_a_list_item_still_counts():
    text = "1.1 Redis\n- replicas\n1.2 Memcached\n- threads\n"
    assert [(i.kind, i.text, i.headings) for i in outline(text).items] == [
        ("heading", "Redis", ()),
        ("bullet", "replicas", ("Redis",)),
        ("heading", "Memcached", ()),
        ("bullet", "threads", ("Memcached",)),
    ]


def test_a_numbered_list_stays_a_list():
    text = "## Steps\n1. Open the console\n2. Create a queue\n\n1. Lone item\n"
    assert [(i.kind, i.text) for i in outline(text).items] == [
        ("heading", "Steps"), ("bullet", "Open the console"), ("bullet", "Create a queue"), ("bullet", "Lone item")
    ]  # fmt: skip


def test_heading_numbers_and_colons_are_dropped_from_markdown_headings():
    text = "## 2.1 Aurora:\n### 3) Neptune\n# 13 Databases\n## 1.5 TB per node\n"
    assert texts(text) == ["Aurora", "Neptune", "13 Databases", "1.5 TB per node"]


# Orphan blocks ---------------------------------------------------------------------------


def test_list_after_two_blank_lines_after_a_list_has_lost_its_heading():
    text = "Databases\n- RDS\n  - MySQL\n\n\n- SSD storage\n- single-digit latency\n"
    items = outline(text).items
    assert [(i.text, i.orphan) for i in items] == [
        ("Databases", False), ("RDS", False), ("MySQL", False), ("SSD storage", True), ("single-digit latency", False)
    ]  # fmt: skip
    assert [i.section for i in items] == [0, 0, 0, 3, 3]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("## SQS\n\n\n- pull based\n", id="after-heading"),
        pytest.param("## SQS\nQueues decouple apps.\n\n\n- pull based\n", id="after-text"),
        pytest.param("- a\n  - b\n\n\n  - nested\n", id="nested"),
    ],
)
def test_other_blocks_after_blank_lines_are_not_orphans(text):
    assert not any(i.orphan for i in outline(text).items)


# Any input -------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["# H", "Title", "**Bold**", "Types:", "1.1 Redis", "2. Aurora", "- a", "  - b", "\t- c", "* d", "1. e",
     "> q", "| x | y |", "|---|---|", "| 1 | 2 |", "```", "    code", "<div>", "<li>i</li>", "</div>",
     "<!-- c", "-->", "---", "title: t", "===", "text `co", "de` end", "[l](#x)", "• p", "", ""]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30))
def test_any_markdown_gives_items_with_their_own_source_lines(pieces):
    text = "\n".join(pieces)
    source = text.split("\n")
    items = outline(text).items
    assert [i.line for i in items] == sorted(i.line for i in items)
    for index, item in enumerate(items):
        assert item.raw == source[item.line - 1].strip()
        assert item.parent is None or item.parent < index
        assert item.section is None or item.section <= index
        assert item.kind in ("heading", "bullet", "text", "row")
        assert item.text == item.text.strip()
