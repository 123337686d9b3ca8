"""One view everywhere, in a real browser: the pages of the navigation, the view kept across pages and in
the URL, and Export giving exactly the nodes the graph draws.

Run by ``make test`` (marked ``e2e``); the app is started by the ``app_url`` fixture. Screenshots go to
``tests/artifacts/``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest

from tests.e2e.browser import layouts, open_graph, wait_laid_out

pytestmark = pytest.mark.e2e

CID = "https://w3id.org/cloudatlas/id/"
NAV = "[data-testid='stSidebarNav'] a"
SIDEBAR = "[data-testid='stSidebar']"


def sidebar_ready(page) -> None:
    page.get_by_role("button", name="Show whole graph").wait_for(timeout=60_000)


def settled(page) -> None:
    """Wait until the app has finished its run (the status widget says nothing is running)."""
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60_000
    )  # fmt: skip


def whole_graph(page, frame) -> None:
    """Leave the first view (the services) for the whole graph."""
    before = layouts(frame)
    page.get_by_role("button", name="Show whole graph").click()
    wait_laid_out(frame, before)
    settled(page)


def drawn(frame) -> set[str]:
    return set(frame.evaluate("window.cloudatlas.nodes.getIds()"))


def go(page, name: str) -> None:
    """Open a page from the navigation in the sidebar."""
    page.locator(NAV, has_text=re.compile(f"^{name}$")).click()


def focus_by_search(page, frame, typed: str, option: str) -> None:
    """Type in the search box and pick a listed node: the view is centred on it at once."""
    before = layouts(frame)
    box = page.get_by_role("combobox", name="Search by label or alias")
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).first.click()
    wait_laid_out(frame, before)


def toggle_class(page, frame, text: str) -> None:
    before = layouts(frame)
    page.locator(SIDEBAR).get_by_role("button", name=text, exact=True).click()
    wait_laid_out(frame, before)
    settled(page)


def pressed_classes(page) -> list[str]:
    return page.locator(f"{SIDEBAR} button[data-variant='pills'][aria-pressed='true']").all_inner_texts()


def depth(page) -> str:
    return page.locator(f"{SIDEBAR} [data-testid='stSliderThumbValue']").first.inner_text()


def hierarchical(page) -> bool:
    return page.get_by_role("switch", name="Hierarchical layout").is_checked()


def url_of(page) -> str:
    return page.evaluate("location.href")  # the address bar, history.replaceState included


def export_caption(page) -> str:
    page.get_by_role("button", name="GraphML").wait_for(timeout=60_000)
    return page.get_by_text(re.compile(r"^\d+ of \d+ nodes")).first.inner_text()


def download(page, label: str, target: Path) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    info.value.save_as(target)
    return target.read_bytes()


def test_the_pages_are_named_in_the_navigation(page, app_url: str) -> None:
    open_graph(page, app_url)
    sidebar_ready(page)
    assert page.locator(NAV).all_inner_texts() == ["Graph", "SPARQL", "Analyses", "Export"]
    hrefs = [a.get_attribute("href") for a in page.locator(NAV).all()]
    assert [h.rsplit("/", 1)[1] for h in hrefs] == ["", "SPARQL", "Analyses", "Export"]


def test_export_of_a_filtered_focused_view_has_exactly_the_drawn_nodes(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    sidebar_ready(page)
    focus_by_search(page, frame, "dynamo", "DynamoDB (Database service)")
    toggle_class(page, frame, "Feature")
    toggle_class(page, frame, "Database service")
    before = layouts(frame)
    page.get_by_text("Hierarchical layout").click()
    wait_laid_out(frame, before)
    shown = drawn(frame)
    assert CID + "dynamodb" in shown and 2 < len(shown) < 40
    page.screenshot(path=str(artifacts / "view-focused.png"), full_page=True)

    go(page, "Export")
    caption = export_caption(page)
    total = re.match(r"\d+ of (\d+) nodes", caption).group(1)
    assert caption.startswith(f"{len(shown)} of {total} nodes")
    assert "around DynamoDB, 1 hop" in caption and "classes: Feature, Database service" in caption
    graphml = nx.read_graphml(io.BytesIO(download(page, "GraphML", artifacts / "view-focused.graphml")))
    assert set(graphml.nodes) == shown  # the data: node for node
    html = download(page, "Standalone HTML", artifacts / "view-focused.html").decode()
    assert set(re.findall(r'"id": ?"(https://w3id\.org/cloudatlas/id/[^" ]+)"', html)) == shown  # the picture's page
    page.screenshot(path=str(artifacts / "view-focused-export.png"), full_page=True)


def test_export_of_a_class_filter_in_the_hierarchical_layout(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    sidebar_ready(page)
    whole_graph(page, frame)
    toggle_class(page, frame, "Database service")
    before = layouts(frame)
    page.get_by_text("Hierarchical layout").click()
    wait_laid_out(frame, before)
    shown = drawn(frame)
    go(page, "Export")
    caption = export_caption(page)
    assert caption.startswith(f"{len(shown)} of ") and "classes: Database service" in caption
    layout = page.get_by_role("combobox", name="Picture layout").input_value()
    assert layout == "Hierarchical"
    graphml = nx.read_graphml(io.BytesIO(download(page, "GraphML", artifacts / "view-classes.graphml")))
    assert set(graphml.nodes) == shown


def test_the_view_survives_two_pages_and_a_reload_from_its_url(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    sidebar_ready(page)
    focus_by_search(page, frame, "dax", "DAX (Cache service)")
    before = layouts(frame)
    page.get_by_role("slider", name="Focus depth (hops)").press("ArrowRight")  # depth 2
    wait_laid_out(frame, before)
    toggle_class(page, frame, "Cache service")
    toggle_class(page, frame, "Database service")
    before = layouts(frame)
    page.get_by_text("Hierarchical layout").click()
    wait_laid_out(frame, before)
    shown = drawn(frame)
    assert CID + "dax" in shown
    # The address is written when the run ends, a moment after the graph is drawn.
    page.wait_for_function("() => location.href.includes('layout=hierarchical')", timeout=30_000)
    link = url_of(page)
    assert "focus=dax" in link and "depth=2" in link and "layout=hierarchical" in link

    go(page, "Analyses")
    page.get_by_role("heading", name="Analyses").first.wait_for(timeout=60_000)
    go(page, "Export")
    assert "around DAX, 2 hops" in export_caption(page)
    page.wait_for_function("() => location.href.includes('focus=dax')", timeout=30_000)  # every page carries the view
    go(page, "Graph")
    frame = page.wait_for_selector("iframe[title$='cloudatlas_graph']", state="attached").content_frame()
    frame.wait_for_selector("body[data-layouts]", state="attached", timeout=60_000)
    sidebar_ready(page)
    assert depth(page) == "2" and hierarchical(page)
    assert pressed_classes(page) == ["Database service", "Cache service"]
    frame.wait_for_function("ids => window.cloudatlas.nodes.getIds().length === ids.length", arg=sorted(shown))
    assert drawn(frame) == shown

    fresh = page.context.new_page()  # a new session opened from the link
    frame = open_graph(fresh, link)
    sidebar_ready(fresh)
    frame.wait_for_function("ids => window.cloudatlas.nodes.getIds().length === ids.length", arg=sorted(shown))
    assert drawn(frame) == shown
    assert depth(fresh) == "2" and hierarchical(fresh)
    assert pressed_classes(fresh) == ["Database service", "Cache service"]
    fresh.get_by_role("heading", name="DAX").first.wait_for()  # the focus's details
    fresh.screenshot(path=str(artifacts / "view-from-link.png"), full_page=True)


def test_a_bad_link_is_a_note_not_a_traceback(page, app_url: str) -> None:
    frame = open_graph(page, f"{app_url}/?focus=nowhere&depth=99&classes=Gadget")
    note = page.locator("[data-testid='stToast']").filter(has_text="Part of this link was left out: focus=nowhere")
    note.wait_for(timeout=30_000)
    sidebar_ready(page)
    assert note.count() == 1 and "depth=99 is not a whole number from 1 to 5" in note.inner_text()
    assert page.locator("[data-testid='stException']").count() == 0
    assert frame.evaluate("window.cloudatlas.nodes.length") > 0  # the first view, as without the link


def test_show_whole_graph_after_picking_a_class_takes_one_click(page, app_url: str) -> None:
    frame = open_graph(page, app_url)
    sidebar_ready(page)
    whole_graph(page, frame)
    everything = len(drawn(frame))
    toggle_class(page, frame, "Engine")
    assert len(drawn(frame)) < everything
    before = layouts(frame)
    page.get_by_role("button", name="Show whole graph").click()
    wait_laid_out(frame, before)
    assert len(drawn(frame)) == everything and pressed_classes(page) == []


def test_a_fresh_server_asked_for_a_page_first_runs_it_through_the_app(page, artifacts: Path) -> None:
    from tests.e2e.browser import start_app, stop_app

    proc, url = start_app("app.py", log=artifacts / "streamlit-first-page.log")
    try:
        page.goto(f"{url}/Export?focus=dax&depth=1")
        assert export_caption(page).startswith("4 of ")  # the view from the URL
        assert "around DAX, 1 hop" in export_caption(page)
        assert page.locator(NAV).all_inner_texts() == ["Graph", "SPARQL", "Analyses", "Export"]
    finally:
        stop_app(proc)
