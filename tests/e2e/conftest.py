"""Browser fixtures: the app served by ``streamlit run``, a headless Chromium, and pages that stay offline.

``app_url`` starts ``streamlit run app.py`` on a free local port (once per session) and
waits for ``/_stcore/health``; ``big_app_url`` does the same with ``CLOUDATLAS_NOTES`` pointing
at 20,000 bullets of synthetic notes (the graph is built on the first visit). ``page`` is a
fresh browser context whose every request to a host other than 127.0.0.1 / localhost is
recorded in ``outside_requests`` and aborted, so a test can assert that nothing left the
machine. Screenshots go to ``tests/artifacts/`` (``artifacts`` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.browser import CHROMIUM, REPO, VIEWPORT, free_port, launch, start_app, stop_app

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: Bullets of synthetic notes behind ``big_app_url``.
BIG_BULLETS = 20_000

playwright_sync = pytest.importorskip("playwright.sync_api")


def _serve(artifacts: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the app for a test session (its output in ``tests/artifacts/streamlit-<port>.log``)."""
    port = free_port()
    proc, url = start_app("app.py", port=port, env=env, log=artifacts / f"streamlit-{port}.log")
    try:
        yield url
    finally:
        stop_app(proc)


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
    yield from _serve(artifacts)


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
    yield from _serve(artifacts, {"CLOUDATLAS_NOTES": str(big_notes)})


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_sync.sync_playwright() as p:
        chromium = launch(p)
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
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)

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
