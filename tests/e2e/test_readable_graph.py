"""A graph you can read, in a real browser: full width, legible labels, a readable start, dimming, PNG, kept positions.

Run by ``make test`` (marked ``e2e``); the app is started by the ``app_url`` fixture. Screenshots of
the first view and of a focused view are written to ``tests/artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.browser import FRAME, ON_SCREEN, click_node, layouts, wait_laid_out

pytestmark = pytest.mark.e2e

CID = "https://w3id.org/cloudatlas/id/"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: The smallest on-screen label size, in CSS pixels, counted as legible.
LEGIBLE_PX = 12

_LABELS = """() => {
  const c = window.cloudatlas, sizes = Object.values(c.labels.shown());
  return {nodes: c.nodes.length, shown: sizes.length, smallest: Math.min(...sizes)};
}"""


def open_complete(page, url: str):
    """Open the app and wait until the graph is on screen and the rest of the page followed; return the frame."""
    page.goto(url)
    frame = page.wait_for_selector(FRAME, state="attached", timeout=60_000).content_frame()
    frame.wait_for_function(ON_SCREEN, timeout=60_000)
    page.get_by_role("heading", name="Path finder").wait_for(timeout=60_000)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)
    return frame


def total_nodes(page) -> int:
    box = page.locator("[data-testid='stMetric']").filter(has_text="Nodes").locator("[data-testid='stMetricValue']")
    return int(box.inner_text().replace(",", ""))


def pick(page, label: str, text: str) -> None:
    """Pick ``text`` in the path finder's ``label`` box."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).locator("input")
    box.click()
    box.fill(text)
    page.get_by_role("option", name=text, exact=True).first.click()


def test_first_view_is_wide_readable_and_the_whole_graph_one_click_away(page, app_url: str, artifacts: Path) -> None:
    frame = open_complete(page, app_url)
    content = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMainBlockContainer"]');
                   const s = getComputedStyle(m);
                   return m.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"""
    )  # fmt: skip
    canvas = frame.evaluate("document.querySelector('#network canvas').clientWidth")
    assert canvas >= 0.95 * content
    total = total_nodes(page)
    labels = frame.evaluate(_LABELS)
    assert total > 80 and 2 <= labels["nodes"] <= 80  # the services and their links
    assert labels["shown"] >= 0.6 * labels["nodes"] and labels["smallest"] >= LEGIBLE_PX
    groups = set(frame.evaluate("window.cloudatlas.nodes.get().map(n => n.group)"))
    assert groups and all(g.endswith("Service") or g == "DataWarehouse" for g in groups)
    page.get_by_text("Services and the links between them").wait_for()
    page.screenshot(path=artifacts / "readable-first-view.png", full_page=True)

    before = layouts(frame)
    page.get_by_role("button", name=f"Show all {total:,} nodes").click()
    wait_laid_out(frame, before)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)
    assert frame.evaluate("window.cloudatlas.nodes.length") == total
    labels = frame.evaluate(_LABELS)
    assert labels["smallest"] >= LEGIBLE_PX and labels["shown"] >= 20
    page.get_by_text(f"Drawing {total:,} of {total:,} nodes").wait_for()


def test_a_focus_shows_one_hop_with_every_class(page, app_url: str, artifacts: Path) -> None:
    frame = open_complete(page, app_url)
    click_node(page, frame, CID + "dynamodb")
    page.get_by_role("heading", name="DynamoDB", exact=True).wait_for()
    before = layouts(frame)
    page.get_by_role("button", name="Focus here").click()
    wait_laid_out(frame, before)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)
    nodes = frame.evaluate("window.cloudatlas.nodes.get()")
    edges = frame.evaluate("window.cloudatlas.edges.get()")
    ends = {e["from"] for e in edges if e["to"] == CID + "dynamodb"} | {
        e["to"] for e in edges if e["from"] == CID + "dynamodb"
    }
    assert {n["id"] for n in nodes} == ends | {CID + "dynamodb"}  # one hop around it, nothing more
    assert {"Feature", "Limit"} & {n["group"] for n in nodes}  # not only services
    labels = frame.evaluate(_LABELS)
    assert labels["smallest"] >= LEGIBLE_PX and labels["shown"] >= 10
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=artifacts / "readable-focused-view.png", full_page=True)


def test_a_path_dims_the_rest(page, app_url: str, artifacts: Path) -> None:
    frame = open_complete(page, app_url)
    pick(page, "From", "RDS")
    pick(page, "To", "DAX")
    page.get_by_role("button", name="Find path").click()
    frame.wait_for_function("() => window.cloudatlas.nodes.get().some(n => n.dimmed)", timeout=30_000)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)
    page.wait_for_timeout(300)
    nodes = frame.evaluate("window.cloudatlas.nodes.get()")
    lit = {n["id"] for n in nodes if not n["dimmed"]}
    assert CID + "rds" in lit and CID + "dax" in lit and len(lit) <= 4 < len(nodes)
    # On the canvas: a faded node's centre is pale, a node of the path keeps its colour.
    centre = """id => { const net = window.cloudatlas.network, canvas = document.querySelector('#network canvas');
                        const ratio = canvas.width / canvas.clientWidth;
                        const at = net.canvasToDOM(net.getPositions([id])[id]);
                        return Array.from(canvas.getContext('2d').getImageData(
                            Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data).slice(0, 3); }"""
    dimmed = [n for n in nodes if n["dimmed"]]
    pale = [n["label"] for n in dimmed if min(frame.evaluate(centre, n["id"])) >= 170]
    assert len(pale) >= 0.8 * len(dimmed)  # a few centres may lie under a label or edge of the path
    assert min(frame.evaluate(centre, CID + "rds")) < 170
    edges = frame.evaluate("window.cloudatlas.edges.get()")
    bright = [{e["from"], e["to"]} for e in edges if not e["dimmed"]]
    assert len(bright) >= 2 and all(CID + "dynamodb" in ends and ends & {CID + "rds", CID + "dax"} for ends in bright)
    frame.locator("#network").screenshot(path=artifacts / "readable-path-dimmed.png")


def test_save_png_is_twice_the_canvas(page, app_url: str, artifacts: Path) -> None:
    frame = open_complete(page, app_url)
    with page.expect_download(timeout=30_000) as info:
        frame.click("#save-png")
    target = artifacts / "readable-canvas.png"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    shown = frame.evaluate(
        "(() => { const c = document.querySelector('#network canvas'); return [c.clientWidth, c.clientHeight]; })()"
    )
    assert width >= 2 * shown[0] and height >= 2 * shown[1]
    # the canvas on screen is back to its own size afterwards
    assert frame.evaluate("document.querySelector('#network canvas').width") < width


def test_positions_are_kept_after_another_page(page, app_url: str) -> None:
    frame = open_complete(page, app_url)
    page.wait_for_timeout(500)
    before = frame.evaluate("window.cloudatlas.network.getPositions()")
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Analyses").click()
    page.wait_for_selector(FRAME, state="detached", timeout=30_000)
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Graph").click()
    frame = page.wait_for_selector(FRAME, state="attached", timeout=60_000).content_frame()
    frame.wait_for_selector("body[data-layouts]", state="attached", timeout=60_000)
    frame.wait_for_function(ON_SCREEN, timeout=30_000)
    assert frame.evaluate("window.cloudatlas.kept") is True
    after = frame.evaluate("window.cloudatlas.network.getPositions()")
    assert after.keys() == before.keys()
    for node, at in before.items():
        assert abs(after[node]["x"] - at["x"]) < 0.5 and abs(after[node]["y"] - at["y"]) < 0.5
