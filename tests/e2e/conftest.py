"""Browser fixtures: the app served by ``streamlit run``, a headless Chromium, and pages that stay offline.

``app_url`` starts ``streamlit run app.py`` on a free local port (once per session) and
waits for ``/_stcore/health``; ``big_app_url`` does the same with ``CLOUDATLAS_NOTES`` pointing
at 20,000 bullets of synthetic notes (the graph is built on the first visit). ``page`` is a
fresh browser context whose every request to a host other than 127.0.0.1 / localhost is
recorded in ``outside_requests`` and aborted, so a test can assert that nothing left the
machine. Screenshots go to ``tests/artifacts/`` (``artifacts`` fixture).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: Bullets of synthetic notes behind ``big_app_url``.
BIG_BULLETS = 20_000

playwright_sync = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(
    script: str = "app.py", port: int | None = None, timeout: float = 60.0, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` headless on 127.0.0.1; return the process and its URL once healthy.

    ``env`` adds environment variables for the app (e.g. ``CLOUDATLAS_NOTES``, see :mod:`ui.state`).
    """
    port = port or free_port()
    log = open(REPO / "tests" / "artifacts" / f"streamlit-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    proc.log = log  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    stop_app(proc)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop a process started by :func:`start_app` (only that one)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    log = getattr(proc, "log", None)
    if log:
        log.close()


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine (and for data:, blob:, about:, file: URLs)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file", "chrome", "chrome-extension"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts/``: screenshots and downloads for a person to look at."""
    path = REPO / "tests" / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def app_url(artifacts: Path) -> Iterator[str]:
    """The URL of the app, served by ``streamlit run app.py`` for the whole test session."""
    proc, url = start_app("app.py")
    try:
        yield url
    finally:
        stop_app(proc)


@pytest.fixture(scope="session")
def big_notes(tmp_path_factory) -> Path:
    """A folder of synthetic notes (:func:`bench.synth.write_notes`, 20,000 bullets: about 2,900 nodes)."""
    from bench.synth import write_notes

    folder = tmp_path_factory.mktemp("big-notes")
    write_notes(folder, BIG_BULLETS)
    return folder


@pytest.fixture(scope="session")
def big_app_url(artifacts: Path, big_notes: Path) -> Iterator[str]:
    """The URL of an app whose graph is :func:`big_notes` (``CLOUDATLAS_NOTES``): too big to draw whole."""
    proc, url = start_app("app.py", env={"CLOUDATLAS_NOTES": str(big_notes)})
    try:
        yield url
    finally:
        stop_app(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to reach beyond this machine (filled by ``page``)."""
    return []


@pytest.fixture
def page(browser, outside_requests: list[str]) -> Iterator[object]:
    """A new page in a fresh context; requests leaving the machine are recorded and aborted."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)

    def guard(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda request: None if is_local(request.url) else outside_requests.append(request.url))
    page = context.new_page()
    page.on(
        "websocket", lambda ws: None if is_local(ws.url.replace("ws", "http", 1)) else outside_requests.append(ws.url)
    )
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()
