"""Timings of the graph view in a real browser (Playwright driving headless Chromium).

:func:`run` starts ``streamlit run app.py`` on a free local port and measures, on the
bundled notes:

- ``first_draw_s``: from navigation to the first drawn graph (the component's layout done);
  the baseline ``shell_s`` is the same navigation until Streamlit has shown the page title,
  so ``ratios.first_draw_vs_shell`` is what drawing the graph adds to an empty page;
- ``click_to_details_s``: from a click on a node in the canvas to its name heading the
  details panel;
- ``png_400_s``: after uploading synthetic notes (:mod:`bench.synth`) and drawing a
  400-node view (focused on their busiest node, three hops deep), from a click on the
  frame's "Save PNG" to the finished download;
- ``big_first_draw_s``: the same as ``first_draw_s`` on a store of about a million triples
  (``big_bullets`` synthetic bullets, 100k by default). The store is built once, before the
  app starts, and handed to it as N-Quads through ``CLOUDATLAS_NOTES``; a first visit loads
  it (``big_load_s``: reading, computed relations, network, scores, communities), then each
  measured visit is a new session whose first view is the level-of-detail overview
  (``big_nodes_drawn`` nodes, at most 400). ``ratios.big_vs_bundled_first_draw`` compares it
  with ``first_draw_s`` of this run.

Each timing is the median of ``repeat`` runs. Targets: first draw ≤ 2 s, click to
details ≤ 1 s, PNG of 400 nodes ≤ 2 s, first draw on the big store ≤ 3 s (``ok`` tells
which are met).

Run alone with ``python -m bench.bench_browser``; ``make bench`` runs it with the others.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

__all__ = ["run", "TARGETS"]

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FRAME = "iframe[title$='cloudatlas_graph']"
#: Seconds each figure should stay under.
TARGETS = {"first_draw_s": 2.0, "click_to_details_s": 1.0, "png_400_s": 2.0, "big_first_draw_s": 3.0}
_CLICKS = (
    ("rds", "RDS"),
    ("dynamodb", "DynamoDB"),
    ("aurora", "Aurora"),
    ("elasticache", "ElastiCache"),
    ("emr", "EMR"),
)
_CID = "https://w3id.org/cloudatlas/id/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the app did not start")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _open(page, url: str, timeout_ms: int = 60_000) -> tuple[float, float, object]:
    """Navigate; return seconds to the page title, seconds to the drawn graph, and the component frame."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.get_by_role("heading", name="CloudAtlas").wait_for(timeout=timeout_ms)
    shell = time.perf_counter() - start
    frame = page.wait_for_selector(FRAME, state="attached", timeout=timeout_ms).content_frame()
    frame.wait_for_selector("body[data-drawn]", state="attached", timeout=timeout_ms)
    return shell, time.perf_counter() - start, frame


def _big_store(folder: Path, bullets: int) -> tuple[Path, int]:
    """Synthetic notes → a store, written once as N-Quads for the app to load; (the file, its quads)."""
    from bench.synth import write_notes
    from graph.pipeline import build_store

    notes = folder / "notes"
    write_notes(notes, bullets)
    store = build_store([notes])
    target = folder / "store.nq"
    target.write_bytes(store.dump("nq"))
    return target, len(store)


def _metric(page, label: str) -> int:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).locator("[data-testid='stMetricValue']")
    return int(box.inner_text().replace(",", ""))


def _big_first_draw(browser, store: Path, repeat: int) -> dict:
    """Start the app on ``store`` (``CLOUDATLAS_NOTES``), load it once, then time new sessions' first draws."""
    port = _free_port()
    proc = _start(port, env={"CLOUDATLAS_NOTES": str(store)})
    url = f"http://127.0.0.1:{port}"
    draws, shells = [], []
    try:
        warm = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
        start = time.perf_counter()
        _open(warm, url, timeout_ms=900_000)
        load = time.perf_counter() - start
        triples, nodes = _metric(warm, "Triples"), _metric(warm, "Nodes")
        warm.context.close()
        for _ in range(max(repeat, 1)):
            context = browser.new_context(viewport={"width": 1500, "height": 1100})
            page = context.new_page()
            shell, drawn, frame = _open(page, url)
            shells.append(shell)
            draws.append(drawn)
            drawn_nodes = frame.evaluate("window.cloudatlas.nodes.length")
            clusters = frame.evaluate("window.cloudatlas.nodes.get().filter(n => n.cluster === true).length")
            context.close()
    finally:
        _stop(proc)
    return {
        "big_first_draw_s": statistics.median(draws),
        "big_shell_s": statistics.median(shells),
        "big_load_s": load,
        "big_triples": triples,
        "big_nodes": nodes,
        "big_nodes_drawn": drawn_nodes,
        "big_clusters_drawn": clusters,
    }


def _click(page, frame, node: str) -> None:
    frame.evaluate("id => window.cloudatlas.network.focus(id, {scale: 1.3, animation: false})", node)
    point = frame.evaluate(
        """id => { const net = window.cloudatlas.network;
                   const dom = net.canvasToDOM(net.getPositions([id])[id]);
                   const box = document.getElementById('network').getBoundingClientRect();
                   return {x: box.left + dom.x, y: box.top + dom.y}; }""",
        node,
    )
    box = page.locator(FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def run(repeat: int = 3, bullets_400: int = 2000, big_bullets: int = 100_000) -> dict:
    """Start the app, drive it from Chromium, and return the timings (see the module docstring).

    ``big_bullets=0`` leaves out the big store.
    """
    built: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = None
        if big_bullets:
            start = time.perf_counter()
            store, quads = _big_store(Path(tmp), big_bullets)
            built = {"big_bullets": big_bullets, "big_store_quads": quads}
            built["big_store_build_s"] = time.perf_counter() - start
        result = _run(repeat, bullets_400, store)
    result.update(built | result.pop("big"))
    if big_bullets:
        result["ratios"]["big_vs_bundled_first_draw"] = result["big_first_draw_s"] / result["first_draw_s"]
    result["ok"] = {name: result[name] <= limit for name, limit in TARGETS.items() if name in result}
    return result


def _run(repeat: int, bullets_400: int, big_store: Path | None) -> dict:
    """The browser measurements: bundled notes, a 400-node PNG, then ``big_store`` if given."""
    from playwright.sync_api import sync_playwright

    from bench.synth import synth_notes

    port = _free_port()
    proc = _start(port)
    url = f"http://127.0.0.1:{port}"
    shells, draws, clicks, component_ms = [], [], [], []
    big: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
            _open(warm, url)  # the first run of the app in this process builds the bundled graph
            warm.context.close()
            for _ in range(max(repeat, 1)):
                context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
                page = context.new_page()
                shell, drawn, frame = _open(page, url)
                shells.append(shell)
                draws.append(drawn)
                component_ms.append(frame.evaluate("performance.now()"))
                context.close()

            context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
            page = context.new_page()
            _, _, frame = _open(page, url)
            for slug, label in _CLICKS[: max(repeat, 1) + 2]:
                heading = page.get_by_role("heading", name=label, exact=True)
                frame.evaluate("id => window.cloudatlas.network.focus(id, {scale: 1.3, animation: false})", _CID + slug)
                start = time.perf_counter()
                _click(page, frame, _CID + slug)
                heading.wait_for(timeout=30_000)
                clicks.append(time.perf_counter() - start)

            with tempfile.TemporaryDirectory() as tmp:
                notes = Path(tmp) / "synthetic.md"
                notes.write_text(synth_notes(bullets_400, seed=1), encoding="utf-8")
                page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(str(notes))
                page.get_by_text("synthetic.md").first.wait_for()
                page.get_by_role("button", name="Build graph from files").click()
                page.get_by_text("Loaded 1 file").wait_for(timeout=120_000)
            # The whole graph is now an overview (more nodes than the cap): focus on its busiest
            # node, three hops deep, for a view of exactly 400 nodes.
            search = page.get_by_label("Search by label or alias")
            search.fill("Read Replicas")
            search.press("Enter")
            page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Matches").click()
            page.get_by_role("option", name="Read Replicas (Feature)").click()
            page.get_by_text("Focused on").wait_for()
            page.get_by_role("slider", name="Focus depth (hops)").press("ArrowRight")
            frame = page.wait_for_selector(FRAME, state="attached").content_frame()
            frame.wait_for_function(
                "() => window.cloudatlas && window.cloudatlas.nodes.length === 400", timeout=120_000
            )
            frame.wait_for_function(
                "() => Object.keys(window.cloudatlas.network.getPositions()).length === 400", timeout=120_000
            )  # fmt: skip
            page.wait_for_timeout(500)
            nodes = frame.evaluate("window.cloudatlas.nodes.length")
            pngs, sizes = [], []
            for _ in range(max(repeat, 1)):
                start = time.perf_counter()
                with page.expect_download(timeout=60_000) as info:
                    frame.click("#save-png")
                data = Path(info.value.path()).read_bytes()
                pngs.append(time.perf_counter() - start)
                if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                    raise RuntimeError("Save PNG did not give a PNG")
                sizes.append(len(data))
            context.close()
            _stop(proc)  # one app at a time: the machine's cores go to the one measured
            if big_store is not None:
                big = _big_first_draw(browser, big_store, repeat)
            browser.close()
    finally:
        _stop(proc)
    result = {
        "first_draw_s": statistics.median(draws),
        "shell_s": statistics.median(shells),
        "component_draw_ms": statistics.median(component_ms),
        "click_to_details_s": statistics.median(clicks),
        "png_400_s": statistics.median(pngs),
        "png_400_nodes": nodes,
        "png_400_bytes": statistics.median(sizes),
        "ratios": {"first_draw_vs_shell": statistics.median(draws) / statistics.median(shells)},
        "big": big,
    }
    return result


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(run(), indent=2))
