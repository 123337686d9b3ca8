"""A big graph in a real browser: an overview of at most 400 nodes, clusters that open on click, search beyond it.

The app is started by the ``big_app_url`` fixture with ``CLOUDATLAS_NOTES`` pointing at 20,000
bullets of synthetic notes (about 2,900 nodes); the first visit builds the graph. Screenshots
are written to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.browser import ON_SCREEN, click_node, layouts, open_graph, wait_laid_out

pytestmark = pytest.mark.e2e

CAP = 400


def drawn_ids(frame) -> list[str]:
    """The ids of the nodes the browser received (the component's vis-network data set)."""
    return frame.evaluate("window.cloudatlas.nodes.getIds()")


def biggest_cluster(frame) -> dict:
    return frame.evaluate(
        "window.cloudatlas.nodes.get().filter(n => n.cluster === true).sort((a, b) => b.count - a.count)[0]"
    )  # fmt: skip


def folded_name(cluster: dict) -> str:
    """The most central member of a cluster (not drawn: it is folded), from the cluster's tooltip."""
    line = next(t for t in cluster["title"].splitlines() if t.startswith("Most central: "))
    return line.removeprefix("Most central: ").split(", ")[0]


def test_overview_of_a_big_graph_and_opening_a_cluster(page, big_app_url, outside_requests, artifacts: Path) -> None:
    frame = open_graph(page, big_app_url, timeout_ms=180_000)
    first = drawn_ids(frame)
    positions = frame.evaluate("Object.keys(window.cloudatlas.network.getPositions()).length")
    clusters = [n for n in first if n.startswith("cluster:")]
    assert 0 < len(first) <= CAP and positions == len(first)
    assert len(clusters) >= 10
    caption = page.get_by_text("Overview of ").first.inner_text()
    total = int(re.search(r"Overview of ([\d,]+) nodes", caption).group(1).replace(",", ""))
    assert total > 2000 and f"drawing {len(first)}, of which {len(clusters)} grey clusters" in caption
    assert not page.get_by_role("button", name="Collapse all").is_enabled()
    page.screenshot(path=artifacts / "lod-overview.png", full_page=True)

    cluster = biggest_cluster(frame)
    before = layouts(frame)
    click_node(page, frame, cluster["id"])
    wait_laid_out(frame, before)
    opened = frame.evaluate("window.cloudatlas.nodes.get()")
    members = [n for n in opened if n.get("cluster") == cluster["id"]]
    assert len(opened) <= CAP and len(members) > 50
    assert set(first) - {cluster["id"]} <= {n["id"] for n in opened}  # the rest of the overview stays
    assert page.get_by_text("Click a node in the graph").count() == 1  # a cluster click selects nothing
    page.get_by_role("button", name="Collapse all").wait_for()
    assert page.get_by_role("button", name="Collapse all").is_enabled()
    frame.evaluate("window.cloudatlas.network.fit()")
    page.screenshot(path=artifacts / "lod-cluster-opened.png", full_page=True)

    before = layouts(frame)
    page.get_by_role("button", name="Collapse all").click()
    wait_laid_out(frame, before)
    assert sorted(drawn_ids(frame)) == sorted(first)
    assert outside_requests == []


def test_the_overview_fits_the_canvas_and_its_labels_do_not_overlap(page, big_app_url, artifacts: Path) -> None:
    frame = open_graph(page, big_app_url, timeout_ms=180_000)
    frame.wait_for_function(ON_SCREEN, timeout=60_000)
    page.wait_for_timeout(500)
    drawn = frame.evaluate(
        """() => { const c = window.cloudatlas, net = c.network, box = document.getElementById('network');
                   const ids = c.nodes.getIds(), at = net.getPositions(ids);
                   return {width: box.clientWidth, height: box.clientHeight, boxes: c.labels.boxes(),
                           dots: ids.map(id => {
                             const p = net.canvasToDOM(at[id]), r = c.nodes.get(id).size * net.getScale();
                             return {id, cluster: c.nodes.get(id).cluster === true,
                                     x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r}; })}; }"""
    )  # fmt: skip
    width, height = drawn["width"], drawn["height"]
    clusters = [d for d in drawn["dots"] if d["cluster"]]
    assert len(clusters) >= 10
    for dot in drawn["dots"]:  # every node, clusters included, whole inside the canvas
        assert dot["x0"] >= 0 and dot["x1"] <= width and dot["y0"] >= 0 and dot["y1"] <= height, dot["id"]
    boxes = drawn["boxes"]
    labelled = {b["id"] for b in boxes}
    assert sum(d["id"] in labelled for d in clusters) >= len(clusters) // 4  # many clusters are named
    for i, a in enumerate(boxes):
        assert a["x0"] >= 0 and a["x1"] <= width and a["y0"] >= 0 and a["y1"] <= height
        for b in boxes[i + 1 :]:
            assert not (a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]), (a, b)
    frame.locator("#network").screenshot(path=artifacts / "lod-overview-canvas.png")


def test_search_finds_and_focuses_a_node_the_overview_folded(page, big_app_url, artifacts: Path) -> None:
    frame = open_graph(page, big_app_url, timeout_ms=180_000)
    name = folded_name(biggest_cluster(frame))
    assert not frame.evaluate("name => window.cloudatlas.nodes.get().some(n => n.label === name)", name)
    before = layouts(frame)
    search = page.get_by_role("combobox", name="Search by label or alias")
    search.click()
    search.fill(name)
    search.press("Enter")  # a name typed in full is focused at once
    wait_laid_out(frame, before)
    focused = frame.evaluate("window.cloudatlas.nodes.get()")
    assert any(n["label"] == name and n["marked"] == "focus" for n in focused)
    assert not any(n["id"].startswith("cluster:") for n in focused) and len(focused) <= CAP
    page.get_by_role("heading", name=name, exact=True).wait_for()
    page.screenshot(path=artifacts / "lod-search-focus.png", full_page=True)


def test_path_finder_takes_a_typed_name_beyond_the_list(page, big_app_url, artifacts: Path) -> None:
    frame = open_graph(page, big_app_url, timeout_ms=180_000)
    name = folded_name(biggest_cluster(frame))
    for label, text in (("From", "RDS"), ("To", name)):
        box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).locator("input")
        box.click()
        box.fill(text)
        box.press("Enter")
    page.get_by_role("button", name="Find path").click()
    route = page.locator("[data-testid='stCode']").filter(has_text="->").first
    route.wait_for(timeout=60_000)
    text = route.inner_text()
    assert text.startswith("RDS ") and text.rstrip().endswith(name)
    page.screenshot(path=artifacts / "lod-path-typed.png", full_page=True)
