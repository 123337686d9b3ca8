"""The graph view in a real browser: it draws offline, a click shows the source line, Save PNG gives a PNG.

Run by ``make test`` (marked ``e2e``); the app is started by the ``app_url`` fixture.
Screenshots are written to ``tests/artifacts/``.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from tests.e2e.browser import ON_SCREEN, layouts, open_graph, wait_laid_out

pytestmark = pytest.mark.e2e

RDS = "https://w3id.org/cloudatlas/id/rds"
FRAME = "iframe[title$='cloudatlas_graph']"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def click_node(page, frame, node: str) -> None:
    """Click ``node`` where the canvas draws it (positions from vis-network, page coordinates from the frame)."""
    frame.evaluate("id => window.cloudatlas.network.focus(id, {scale: 1.4, animation: false})", node)
    point = frame.evaluate(
        """id => {
            const net = window.cloudatlas.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('network').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node,
    )
    box = page.locator(FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def source_block(page, text: str):
    return page.locator("[data-testid='stCode']").filter(has_text=text)


def test_graph_draws_offline(page, app_url: str, outside_requests: list[str], artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    count = frame.evaluate("window.cloudatlas.nodes.length")
    positions = frame.evaluate("Object.keys(window.cloudatlas.network.getPositions()).length")
    assert frame.locator("canvas").count() == 1
    assert count == positions and count >= 20  # a big graph opens on its services (ui.panels.readable_start)
    assert RDS in frame.evaluate("window.cloudatlas.nodes.getIds()")
    shown = page.get_by_text("Services and the links between them").first.inner_text()
    assert f"drawing {count} of " in shown
    page.screenshot(path=artifacts / "graph-view.png", full_page=True)
    assert outside_requests == []


def test_the_graph_shows_first_and_stays_put_when_the_controls_follow(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)  # its nodes are on the canvas
    before = frame.evaluate("window.cloudatlas.network.getPositions()")
    page.get_by_label("Search by label or alias").wait_for(timeout=30_000)  # the sidebar follows
    page.get_by_role("heading", name="Path finder").wait_for(timeout=30_000)
    page.wait_for_timeout(500)  # the same data again: nothing to draw
    after = frame.evaluate("window.cloudatlas.network.getPositions()")
    assert layouts(frame) == 1  # the same drawing, updated: not laid out again
    assert after == before  # nothing moved
    assert frame.evaluate("window.cloudatlas.nodes.get().every(n => typeof n.x === 'number')")  # laid out by the server
    page.screenshot(path=artifacts / "graph-view-complete.png", full_page=True)


def test_click_shows_source_line(page, app_url: str, outside_requests: list[str], artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    click_node(page, frame, RDS)
    source_block(page, "rds.md:23").wait_for(timeout=30_000)
    code = source_block(page, "rds.md:23").inner_text()
    assert "rds.md:23  - up to 5 read replicas per database" in code
    assert page.get_by_role("heading", name="RDS").count() >= 1
    assert page.get_by_text("Class: Database service").count() == 1
    page.screenshot(path=artifacts / "graph-click-details.png", full_page=True)
    assert outside_requests == []


def test_save_png_is_what_the_canvas_shows(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    with page.expect_download(timeout=30_000) as info:
        frame.click("#save-png")
    download = info.value
    target = artifacts / "graph-canvas.png"
    download.save_as(target)
    data = target.read_bytes()
    assert download.suggested_filename == "cloudatlas-graph.png"
    assert data.startswith(PNG_MAGIC)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    canvas = frame.evaluate(
        "(() => { const c = document.querySelector('#network canvas'); return [c.clientWidth, c.clientHeight]; })()"
    )
    assert [width, height] == [2 * canvas[0], 2 * canvas[1]]  # the canvas drawn at twice its size
    shown = frame.evaluate("CloudAtlasDrawing.pngCanvas(window.cloudatlas.network).toDataURL('image/png')")
    assert data == base64.b64decode(shown.split(",", 1)[1])  # exactly that drawing


def test_search_focus_and_layouts(page, app_url: str, artifacts: Path) -> None:
    frame = open_graph(page, app_url)
    page.get_by_role("button", name="Show whole graph").wait_for(timeout=30_000)
    before = layouts(frame)
    search = page.get_by_role("combobox", name="Search by label or alias")
    search.click()
    search.fill("dynamodb accel")  # an alias: the list filters as it is typed
    page.get_by_role("option", name=re.compile(r"^DAX \(Cache service\)")).click()  # one pick focuses
    wait_laid_out(frame, before)
    ids = frame.evaluate("window.cloudatlas.nodes.getIds()")
    assert "https://w3id.org/cloudatlas/id/dax" in ids and len(ids) < 135
    source_block(page, "DAX").first.wait_for()
    before = layouts(frame)
    page.get_by_text("Hierarchical layout").click()
    wait_laid_out(frame, before)
    assert frame.evaluate("window.cloudatlas.network.layoutEngine.options.hierarchical.enabled") is True
    page.screenshot(path=artifacts / "graph-focus-hierarchical.png", full_page=True)


def test_hostile_notes_stay_text(page, app_url: str, outside_requests: list[str], tmp_path: Path, artifacts) -> None:
    # plain text keeps HTML as written (Markdown notes drop tags), so it reaches labels and tooltips
    notes = tmp_path / "evil.txt"
    notes.write_text(
        "# <img src=x onerror=alert(1)> DB\n"
        "- <script>alert(2)</script> runs MySQL and PostgreSQL\n"
        "- Up to 5 read replicas <b onmouseover=alert(3)>x</b>\n"
        "- see ![img](http://example.org/t.png) and <a href='http://example.org/'>href</a>\n",
        encoding="utf-8",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frame = open_graph(page, app_url)
    before = layouts(frame)
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(str(notes))
    page.get_by_text("evil.txt").first.wait_for()
    page.wait_for_function(  # the file reached the server before the build
        "() => !document.querySelector(\"[data-testid='stFileChipIconSpinner']\")", timeout=60_000
    )
    page.get_by_role("button", name="Build graph from files").click()
    page.get_by_text("Loaded 1 file").wait_for(timeout=60_000)
    wait_laid_out(frame, before)
    assert frame.evaluate("window.cloudatlas.nodes.length") < 20
    hostile = frame.evaluate(
        "window.cloudatlas.nodes.get().filter(n => n.label.includes('onerror')).map(n => n.id)"
    )  # fmt: skip
    assert hostile
    click_node(page, frame, hostile[0])
    source_block(page, "<script>alert(2)</script>").wait_for(timeout=60_000)
    frame.hover("#network")
    page.screenshot(path=artifacts / "graph-hostile-notes.png", full_page=True)
    assert page.get_by_text("<img src=x onerror=alert(1)> DB").count() >= 1
    assert page.locator("img[src='x']").count() == 0
    assert frame.locator("img").count() == 0 and frame.locator("script:not([src])").count() == 0
    assert dialogs == []
    assert outside_requests == []


def test_standalone_html_draws_offline_and_saves_png(page, outside_requests: list[str], artifacts: Path) -> None:
    import networkx as nx

    from graph.views.drawing import view_data
    from graph.views.html import to_html
    from graph.views.selection import ViewSpec

    g = nx.MultiDiGraph()
    g.add_node("x:evil", label="<img src=x onerror=alert(1)>", classes=("Concept",), aliases=("<a href='y'>z</a>",))
    g.add_node("x:rds", label="RDS", classes=("DatabaseService",), aliases=())
    g.add_edge("x:rds", "x:evil", key="mentions", sources=())
    target = artifacts / "standalone.html"
    target.write_text(to_html(view_data(g, ViewSpec(size_by=None)), title="<b>CloudAtlas</b>"), encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(target.as_uri())
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
    assert page.title() == "<b>CloudAtlas</b>"
    assert page.evaluate("window.cloudatlas.nodes.get('x:evil').label") == "<img src=x onerror=alert(1)>"
    position = page.evaluate(
        """() => { const net = window.cloudatlas.network;
                   const box = document.getElementById('network').getBoundingClientRect();
                   const p = net.canvasToDOM(net.getPositions(['x:evil'])['x:evil']);
                   return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    page.mouse.move(position["x"], position["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert tooltip.inner_text().startswith("<img src=x onerror=alert(1)>")
    assert tooltip.locator("*:not(br)").count() == 0  # text and line breaks (innerText), no elements
    page.screenshot(path=artifacts / "standalone-html.png")
    with page.expect_download() as info:
        page.click("#save-png")
    assert Path(info.value.path()).read_bytes().startswith(PNG_MAGIC)
    assert page.locator("img").count() == 0
    assert dialogs == [] and outside_requests == []
