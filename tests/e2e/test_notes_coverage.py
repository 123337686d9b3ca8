"""After an upload, "Your notes" says what the notes gave, and a picked line's facts are highlighted.

A small notes file (a heading, a limit, engines, and a line with a number that gives nothing)
is uploaded through the sidebar; the sidebar's summary counts its lines, the report lists the
line that gave nothing first, and picking the limit's line marks its nodes in the graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

NOTES = "# RDS\n- Up to 5 read replicas\n- Engines: MySQL, PostgreSQL\n- Costs 3 coffees a day\n"
FRAME = "iframe[title$='cloudatlas_graph']"


def _graph_drawn(page) -> None:
    element = page.wait_for_selector(FRAME, state="attached", timeout=60_000)
    element.content_frame().wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)


def _upload(page) -> None:
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(
        [{"name": "mine.md", "mimeType": "text/markdown", "buffer": NOTES.encode()}]
    )
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stFileChip']\").length === 1"
        " && !document.querySelector(\"[data-testid='stFileChipIconSpinner']\")",
        timeout=60_000,
    )
    page.get_by_role("button", name="Build graph from files").click()
    page.get_by_text("Graph: uploaded").wait_for(timeout=60_000)


def test_the_report_lists_what_each_line_gave_and_a_picked_line_is_highlighted(page, app_url, artifacts: Path):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url)
    _graph_drawn(page)
    _upload(page)

    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("1 file: 3 of 4 lines gave facts").wait_for(timeout=30_000)
    sidebar.get_by_text("1 line with a number or a known name gave nothing").wait_for()

    sidebar.get_by_role("button", name="What the notes gave").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Pick a line to highlight its facts in the graph.").wait_for(timeout=30_000)
    grid = dialog.locator("[data-testid='stDataFrame']")
    grid.wait_for()
    page.wait_for_timeout(500)  # the grid draws on a canvas once laid out
    page.screenshot(path=str(artifacts / "notes-coverage.png"))

    # Rows: the line that gave nothing (line 4) first, then lines 1 to 3: the third row is line 2, the limit.
    box = grid.bounding_box()
    header = row_height = 35
    page.mouse.click(box["x"] + 16, box["y"] + header + 2 * row_height + row_height / 2)

    marked = page.get_by_text("nodes highlighted")
    marked.wait_for(timeout=30_000)
    count = int(marked.inner_text().split()[0])
    assert count >= 3  # RDS, its read-replica limit, the Read Replicas feature
    assert not page.get_by_role("dialog").is_visible()
    _graph_drawn(page)
    page.screenshot(path=str(artifacts / "notes-coverage-highlight.png"))
