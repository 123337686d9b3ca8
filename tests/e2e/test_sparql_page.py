"""The SPARQL page in a real browser: the editor runs exactly what it shows, completes as you type, keeps a history.

Run by ``make test`` (marked ``e2e``); the app is started by the ``app_url`` fixture.
Screenshots are written to ``tests/artifacts/``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

pytestmark = pytest.mark.e2e

EDITOR = "iframe[title*='cloudatlas_sparql_editor']"
COMPLETIONS = ".cm-tooltip-autocomplete"


def editor(page, holding: str = ""):
    """The editor's frame once it shows ``holding``."""
    deadline = 60
    for _ in range(deadline * 4):
        element = page.query_selector(EDITOR)
        frame = element.content_frame() if element else None
        try:
            if frame and holding in editor_text(frame):
                return frame
        except Exception:  # the frame is still loading
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"the editor did not show {holding!r} within {deadline} s")


def open_sparql(page, url: str):
    """Open the SPARQL page and wait for the editor; return the editor's frame."""
    page.goto(f"{url}/SPARQL")
    page.get_by_role("heading", name="SPARQL").wait_for(timeout=60_000)
    return editor(page, "SELECT")


def pick(page, label: str, title: str) -> None:
    """Choose ``title`` in the select box labelled ``label``."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=title).click()


def editor_text(frame) -> str:
    return frame.evaluate("() => window.cloudatlasEditor.text()")


def replace_text(page, frame, text: str) -> None:
    """Select everything in the editor and put ``text`` in its place, as a paste does."""
    frame.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)


def rows_caption(page, count: int):
    """The caption that says how many rows a SELECT gave."""
    return page.get_by_text(re.compile(rf"^{count} rows?\b"))


def run(frame) -> None:
    frame.get_by_role("button", name="Run query").click()


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
    pick(page, "Example queries", "Limits of RDS")
    frame = editor(page, "VALUES ?service { cid:rds }")
    # The editor highlights SPARQL: keywords are tokens of their own, in their own colour.
    keyword = frame.locator(".cm-line span", has_text="SELECT").first
    plain = frame.locator(".cm-line").first
    assert keyword.evaluate("e => getComputedStyle(e).color") != plain.evaluate("e => getComputedStyle(e).color")
    run(frame)
    rows_caption(page, 3).wait_for()
    snap(page, artifacts / "sparql-rds-limits.png")

    with download(page, "Download CSV", artifacts).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    assert {row["bounds"] for row in rows} >= {"Read Replicas", "Backup retention"}
    records = json.loads(download(page, "Download JSON", artifacts).read_text(encoding="utf-8"))
    assert [r["limit"] for r in records] == [r["limit"] for r in rows]
    assert all(r["file"] == "rds.md" for r in records)
    assert outside_requests == []


def test_run_right_after_typing_runs_the_text_typed(page, app_url, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    replace_text(page, frame, "ASK { cid:dax ca:caches cid:dynamo")
    page.keyboard.type("db }")
    run(frame)  # at once: no pause for the editor to catch up
    page.get_by_text("Yes: the pattern matches.").wait_for()
    # The same again, the other way round: the answer must follow the text just typed.
    replace_text(page, frame, "ASK { cid:dynamodb ca:caches cid:da")
    page.keyboard.type("x }")
    run(frame)
    page.get_by_text("No: the pattern does not match.").wait_for()
    assert editor_text(frame) == "ASK { cid:dynamodb ca:caches cid:dax }"
    assert outside_requests == []


def test_ctrl_enter_runs(page, app_url, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    replace_text(page, frame, "SELECT ?name WHERE { cid:dax rdfs:label ?nam")
    page.keyboard.type("e }")
    page.keyboard.press("Control+Enter")
    rows_caption(page, 1).wait_for()
    assert editor_text(frame) == "SELECT ?name WHERE { cid:dax rdfs:label ?name }"  # no new line typed
    assert outside_requests == []


def test_completion_offers_terms_and_names_from_the_graph(page, app_url, artifacts, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    replace_text(page, frame, "SELECT ?limit\nWHERE {\n  ?service ")
    page.keyboard.type("ca:has")
    popup = frame.locator(COMPLETIONS)
    popup.wait_for()
    offered = popup.inner_text()
    assert "ca:hasLimit" in offered and "ca:hasFeature" in offered
    frame.locator(COMPLETIONS + " li", has_text="ca:hasLimit").click()
    page.keyboard.type(" ?limit .\n  ?service rdfs:label ?name .\n  VALUES ?service { Dynamo")
    popup.wait_for()
    assert "DynamoDB" in popup.inner_text()
    assert "cid:dynamodb" in popup.inner_text()  # the IRI it inserts
    snap(page, artifacts / "sparql-completion.png")
    page.keyboard.press("Enter")
    page.keyboard.type(" }\n}")
    text = editor_text(frame)
    assert "?service ca:hasLimit ?limit ." in text
    assert "VALUES ?service { cid:dynamodb }" in text
    run(frame)
    page.get_by_text(re.compile(r"^\d+ rows?\b")).first.wait_for()
    assert not page.get_by_test_id("stAlert").filter(has_text="Line").count()
    assert outside_requests == []


def test_the_history_reloads_an_earlier_query(page, app_url, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    first, second = "ASK { cid:dax ca:caches cid:dynamodb }", "SELECT ?name WHERE { cid:dax rdfs:label ?name }"
    replace_text(page, frame, first)
    run(frame)
    page.get_by_text("Yes: the pattern matches.").wait_for()
    replace_text(page, frame, second)
    run(frame)
    rows_caption(page, 1).wait_for()
    pick(page, "Query history", f"{first} · yes")
    frame = editor(page, first)
    assert editor_text(frame) == first
    assert outside_requests == []


def test_text_typed_but_not_run_is_still_there_after_another_page(page, app_url, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    replace_text(page, frame, "SELECT ?feature WHERE { cid:rds ca:hasFeature ?feature }")
    page.wait_for_timeout(1500)  # a pause in typing sends the text
    page.get_by_test_id("stSidebarNav").get_by_text("Analyses").click()
    page.get_by_role("heading", name="Analyses").first.wait_for(timeout=60_000)
    page.get_by_test_id("stSidebarNav").get_by_text("SPARQL").click()
    assert editor_text(editor(page, "ca:hasFeature ?feature }")).startswith("SELECT ?feature")
    assert outside_requests == []


def test_typed_errors_show_next_to_the_editor(page, app_url, artifacts, outside_requests) -> None:
    frame = open_sparql(page, app_url)
    replace_text(page, frame, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}")
    assert "FILTER (?s = )" in editor_text(frame)
    run(frame)
    alert = page.get_by_test_id("stAlert").filter(has_text="Line 4, column 3")
    alert.wait_for()
    assert "syntax error" in alert.inner_text()
    frame.locator(".cm-lintRange-error").wait_for()  # the place is marked in the editor too
    assert frame.locator(".cm-lint-marker-error").count() == 1
    snap(page, artifacts / "sparql-syntax-error.png")
    assert outside_requests == []


def test_describe_is_drawn_and_downloads_as_turtle(page, app_url, artifacts, outside_requests) -> None:
    open_sparql(page, app_url)
    pick(page, "Example queries", "Describe Aurora")
    frame = editor(page, "DESCRIBE cid:aurora")
    run(frame)
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
