"""The SPARQL page in a real browser: pick an example, run it, see rows, download CSV, JSON and Turtle.

Run by ``make test`` (marked ``e2e``); the app is started by the ``app_url`` fixture.
Screenshots are written to ``tests/artifacts/``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

pytestmark = pytest.mark.e2e

EDITOR = "iframe[title*='streamlit_ace']"


def editor(page, holding: str = ""):
    """The editor's frame once it shows ``holding`` (loading an example recreates the editor)."""
    deadline = 60
    for _ in range(deadline * 4):
        element = page.query_selector(EDITOR)
        frame = element.content_frame() if element else None
        try:
            if frame and holding in editor_text(frame):
                return frame
        except Exception:  # the frame is being replaced or still loading
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"the editor did not show {holding!r} within {deadline} s")


def open_sparql(page, url: str):
    """Open the SPARQL page and wait for the editor; return the editor's frame."""
    page.goto(f"{url}/SPARQL")
    page.get_by_role("heading", name="SPARQL").wait_for(timeout=60_000)
    return editor(page, "SELECT")


def pick_example(page, title: str) -> None:
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=title, exact=True).click()


def editor_text(frame) -> str:
    return frame.evaluate("() => window.ace.edit(document.querySelector('.ace_editor')).getValue()")


def run(page) -> None:
    page.get_by_role("button", name="Run query").click()


def snap(page, path: Path) -> None:
    """A screenshot of the whole page: the app scrolls inside its own container, so grow the window first."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight || 1100")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 80, 4000))})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def download(page, label: str, artifacts: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    target = artifacts / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_an_example_runs_and_its_rows_download_as_csv_and_json(page, app_url, artifacts, outside_requests) -> None:
    open_sparql(page, app_url)
    pick_example(page, "Limits of RDS")
    frame = editor(page, "VALUES ?service { cid:rds }")
    # The editor highlights SPARQL: keywords get their own token class.
    assert frame.locator(".ace_keyword", has_text="SELECT").count() >= 1
    run(page)
    page.get_by_text("3 rows", exact=True).wait_for()
    snap(page, artifacts / "sparql-rds-limits.png")

    with download(page, "Download CSV", artifacts).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    assert {row["bounds"] for row in rows} >= {"Read Replicas", "Backup retention"}
    records = json.loads(download(page, "Download JSON", artifacts).read_text(encoding="utf-8"))
    assert [r["limit"] for r in records] == [r["limit"] for r in rows]
    assert all(r["file"] == "rds.md" for r in records)
    assert outside_requests == []


def test_typed_errors_show_next_to_the_editor(page, app_url, artifacts, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    frame.locator(".ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}")
    assert "FILTER (?s = )" in editor_text(frame)
    page.wait_for_timeout(1500)  # the editor sends its text after a short pause
    run(page)
    alert = page.get_by_test_id("stAlert").filter(has_text="Line 4, column 3")
    alert.wait_for()
    assert "syntax error" in alert.inner_text()
    snap(page, artifacts / "sparql-syntax-error.png")
    assert outside_requests == []


def test_describe_is_drawn_and_downloads_as_turtle(page, app_url, artifacts, outside_requests) -> None:
    open_sparql(page, app_url)
    pick_example(page, "Describe Aurora")
    editor(page, "DESCRIBE cid:aurora")
    run(page)
    drawing = page.locator("iframe[srcdoc]").last
    drawing.wait_for()
    canvas = drawing.content_frame.locator("canvas")
    canvas.wait_for()
    page.wait_for_timeout(1500)
    snap(page, artifacts / "sparql-describe-aurora.png")

    graph = Graph().parse(download(page, "Download Turtle", artifacts), format="turtle")
    aurora = URIRef("https://w3id.org/cloudatlas/id/aurora")
    assert len(graph) > 10
    assert set(graph.subjects()) == {aurora}
    assert outside_requests == []
