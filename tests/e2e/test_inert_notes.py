"""Notes with HTML in them stay text in the real app: no script runs, no element is made from them.

Hostile notes (plain text, which keeps HTML as written; Markdown notes drop tags) and a hostile
file name are uploaded through the sidebar; the graph is drawn,
a hostile node is clicked (details panel, source lines) and hovered (tooltip), while every
dialog (``alert``) the page or its frames open is recorded. Nothing may fire.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
NOTES = (
    f"# {SCRIPT} Service\n"
    f"- {ONERROR} feature\n"
    f"- Up to 5 read replicas {SCRIPT}\n"
    "\n"
    "# RDS\n"
    f"- Engines: MySQL, {ONERROR}\n"
    f"- Caches {SCRIPT}\n"
)
HOSTILE_NODE = "https://w3id.org/cloudatlas/id/script-alert-1-script-service"
FRAME = "iframe[title$='cloudatlas_graph']"


def graph_frame(page):
    element = page.wait_for_selector(FRAME, state="attached", timeout=60_000)
    frame = element.content_frame()
    frame.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
    return frame


def node_point(page, frame, node: str) -> tuple[float, float]:
    """Where ``node`` is drawn, in page coordinates."""
    frame.evaluate("id => window.cloudatlas.network.focus(id, {scale: 1.5, animation: false})", node)
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
    return box["x"] + point["x"], box["y"] + point["y"]


def injected_elements(page) -> int:
    """Elements in the page or any frame that could only have come from the notes' HTML."""
    count = 0
    for frame in page.frames:
        count += frame.locator("img[src='x'], img[onerror]").count()
        count += frame.evaluate(
            "() => [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length"
        )  # fmt: skip
    return count


def test_hostile_notes_stay_text(page, app_url: str, outside_requests: list[str], artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    graph_frame(page)

    upload = page.locator("[data-testid='stSidebar'] input[type='file']")
    upload.set_input_files(
        [
            {"name": "evil.txt", "mimeType": "text/plain", "buffer": NOTES.encode()},
            {"name": f"{ONERROR}.md", "mimeType": "text/markdown", "buffer": f"# DynamoDB {SCRIPT}\n- DAX\n".encode()},
        ]
    )
    page.get_by_text("evil.txt").first.wait_for()  # both files reached the server before the build
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stFileChip']\").length === 2"
        " && !document.querySelector(\"[data-testid='stFileChipIconSpinner']\")",
        timeout=60_000,
    )
    page.get_by_role("button", name="Build graph from files").click()
    page.get_by_text("Graph: uploaded").wait_for(timeout=60_000)
    frame = graph_frame(page)
    frame.wait_for_function("id => window.cloudatlas.nodes.get(id) !== null", arg=HOSTILE_NODE, timeout=60_000)
    assert frame.evaluate("id => window.cloudatlas.nodes.get(id).label", HOSTILE_NODE) == f"{SCRIPT} Service"

    # the details panel: the label as a heading, the source lines as code, all as text
    x, y = node_point(page, frame, HOSTILE_NODE)
    page.mouse.click(x, y)
    sources = page.locator("[data-testid='stCode']").filter(has_text=f"evil.txt:1  # {SCRIPT} Service")
    sources.wait_for(timeout=30_000)
    assert f"evil.txt:3  - Up to 5 read replicas {SCRIPT}" in sources.inner_text()
    assert page.get_by_role("heading", name=f"{SCRIPT} Service").count() >= 1

    # the tooltip: plain text (line breaks are the only elements innerText makes)
    frame = graph_frame(page)  # the click re-ran the page: find the node where it is drawn now
    tooltip = frame.locator("div.vis-tooltip")
    for _ in range(5):
        x, y = node_point(page, frame, HOSTILE_NODE)
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
        try:
            tooltip.wait_for(state="visible", timeout=3_000)
            break
        except PlaywrightTimeout:  # the layout moved the node; try again
            continue
    tooltip.wait_for(state="visible", timeout=3_000)
    assert SCRIPT in tooltip.inner_text()
    assert set(tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)")) <= {"BR"}

    page.screenshot(path=artifacts / "inert-notes.png", full_page=True)
    caption = page.locator("[data-testid='stSidebar']").get_by_text("Graph: uploaded")
    assert f"{ONERROR}.md" in caption.inner_text()  # the hostile file name, shown as text
    page.wait_for_timeout(1000)  # give any injected handler (onerror fires on load) time to run
    assert dialogs == []
    assert injected_elements(page) == 0
    assert outside_requests == []
