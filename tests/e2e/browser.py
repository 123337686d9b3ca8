"""The app served by ``streamlit run`` and a headless Chromium: shared by the browser tests and the benchmark.

:mod:`tests.e2e.conftest` builds its fixtures on these, :mod:`bench.bench_browser` its timings,
so both start the app and the browser the same way. Nothing here needs pytest.

Public API::

    start_app(script="app.py", *, port=None, env=None, timeout=60.0, log=None) -> (Popen, url)
    stop_app(proc) -> None
    launch(playwright) -> Browser        # headless Chromium at CHROMIUM with CHROMIUM_ARGS
    free_port() -> int
    REPO, CHROMIUM, CHROMIUM_ARGS, VIEWPORT, FRAME, ON_SCREEN

Examples
--------
::

    from playwright.sync_api import sync_playwright
    from tests.e2e.browser import VIEWPORT, launch, start_app, stop_app

    proc, url = start_app(env={"CLOUDATLAS_STORE": "/srv/atlas-store"})
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.goto(url)
    finally:
        stop_app(proc)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

__all__ = [
    "REPO", "CHROMIUM", "CHROMIUM_ARGS", "VIEWPORT", "FRAME", "ON_SCREEN",
    "free_port", "start_app", "stop_app", "launch",
]  # fmt: skip

REPO = Path(__file__).resolve().parents[2]
#: The Chromium the tests drive (Debian's package), or ``$CHROMIUM``.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The window size pages are opened with.
VIEWPORT = {"width": 1500, "height": 1100}
#: The frame of the graph component (:mod:`ui.graph_component`).
FRAME = "iframe[title$='cloudatlas_graph']"
#: For ``frame.wait_for_function``: true once the graph component has finished a drawing and its canvas
#: shows it: of (up to) 20 of the nodes inside the frame, most have a pixel other than the white
#: background at their centre.
ON_SCREEN = """() => {
  const c = window.cloudatlas;
  if (!c || !document.body.hasAttribute('data-drawn')) { return false; }
  const canvas = document.querySelector('#network canvas');
  const ids = c.nodes.getIds();
  if (!canvas || !ids.length) { return false; }
  const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth;
  const positions = c.network.getPositions(ids);
  let seen = 0, inked = 0;
  for (const id of ids) {
    const at = c.network.canvasToDOM(positions[id]);
    const x = Math.round(at.x * ratio), y = Math.round(at.y * ratio);
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) { continue; }
    const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
    seen += 1;
    inked += r < 245 || g < 245 || b < 245 ? 1 : 0;
    if (seen === 20) { break; }
  }
  return seen > 0 && inked >= 0.8 * seen;
}"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(
    script: str = "app.py",
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    log: str | Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` headless on 127.0.0.1; return the process and its URL once healthy.

    ``env`` adds environment variables for the app (``CLOUDATLAS_NOTES``, ``CLOUDATLAS_STORE``:
    see :mod:`ui.state`); the app's output goes to the file ``log`` (default: nowhere).
    """
    port = port or free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the process)
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    proc.log = out if log else None  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            stop_app(proc)
            raise RuntimeError(f"streamlit exited with {proc.returncode}" + (f"; see {log}" if log else ""))
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    stop_app(proc)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop a process started by :func:`start_app` (only that one) and close its log."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    log = getattr(proc, "log", None)
    if log:
        log.close()


def launch(playwright):
    """A headless Chromium (:data:`CHROMIUM`) from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def click_node(page, frame, node: str, scale: float = 1.2) -> None:
    """Click ``node`` where the graph frame's canvas draws it (zoomed to ``scale`` around it first)."""
    frame.evaluate("([id, scale]) => window.cloudatlas.network.focus(id, {scale, animation: false})", [node, scale])
    point = frame.evaluate(
        """id => { const net = window.cloudatlas.network;
                   const dom = net.canvasToDOM(net.getPositions([id])[id]);
                   const box = document.getElementById('network').getBoundingClientRect();
                   return {x: box.left + dom.x, y: box.top + dom.y}; }""",
        node,
    )
    box = page.locator(FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def open_graph(page, url: str, timeout_ms: int = 60_000):
    """Open the app and wait until the graph component has laid out a drawing; return its frame."""
    page.goto(url)
    frame = page.wait_for_selector(FRAME, state="attached", timeout=timeout_ms).content_frame()
    frame.wait_for_selector("body[data-layouts]", state="attached", timeout=timeout_ms)
    return frame


def layouts(frame) -> int:
    """How many layouts the component has finished (a new set of nodes or edges, laid out)."""
    return int(frame.evaluate("document.body.getAttribute('data-layouts') || 0"))


def wait_laid_out(frame, before: int) -> None:
    """Wait until the component has finished a layout after layout number ``before``."""
    frame.wait_for_function(
        "n => Number(document.body.getAttribute('data-layouts') || 0) > n", arg=before, timeout=60_000
    )  # fmt: skip
