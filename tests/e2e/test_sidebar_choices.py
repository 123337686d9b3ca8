"""In the browser: the sidebar offers only the stores and endpoints the server configured, by name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli.main import main as cli
from tests.e2e.browser import free_port, start_app, stop_app

PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError
SECRET = "s3cret-pass"
TEAM_NOTES = "## DynamoDB\n- DAX caches reads for the zebra team\n"


def sidebar_select(page, label: str):
    """The sidebar's select box whose label is ``label``."""
    boxes = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    return boxes.filter(has=page.get_by_text(label, exact=True))


def pick(page, box, option: str) -> None:
    """Choose ``option`` in the select box ``box`` (again if a rerun closed the list first)."""
    for _ in range(5):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not pick {option!r}")


def quads(folder: Path) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(folder))}


@pytest.fixture(scope="module")
def team_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    notes = tmp_path_factory.mktemp("team-notes")
    (notes / "team.md").write_text(TEAM_NOTES, encoding="utf-8")
    folder = tmp_path_factory.mktemp("stores") / "team-store"
    assert cli(["build", str(notes), "--store", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def configured_url(artifacts: Path, team_store: Path) -> Iterator[str]:
    env = {"CLOUDATLAS_STORES": f"team={team_store}", "CLOUDATLAS_ENDPOINT": f"http://admin:{SECRET}@127.0.0.1:9/q"}
    port = free_port()
    proc, url = start_app("app.py", port=port, env=env, log=artifacts / f"streamlit-{port}.log")
    try:
        yield url
    finally:
        stop_app(proc)


def test_sidebar_offers_configured_names_only(page, configured_url: str, team_store: Path, artifacts: Path) -> None:
    before = quads(team_store)
    page.goto(configured_url)
    page.get_by_label("Search by label or alias").wait_for(timeout=60_000)  # the sidebar is there
    page.get_by_text("Store: on disk or SPARQL endpoint").click()
    stores = sidebar_select(page, "Store")
    stores.wait_for(timeout=30_000)
    assert page.get_by_label("Store folder").count() == 0  # no free-text fields on a served app
    assert page.get_by_label("Query endpoint URL").count() == 0
    pick(page, stores, "team")
    page.get_by_role("button", name="Open store").click()
    page.get_by_text("Graph: store: team").wait_for(timeout=60_000)  # the team's graph, named, not its folder
    # the section stays open to say so (the count is whatever the team's notes give)
    page.get_by_text(re.compile(r"^Store team: [\d,]+ triples \(read-only\)\.$")).wait_for()
    html = page.content()
    assert str(team_store) not in html and SECRET not in html
    page.get_by_text("SPARQL endpoint", exact=True).click()
    endpoints = sidebar_select(page, "Endpoint")
    endpoints.click()
    page.get_by_role("option").first.wait_for()
    assert page.get_by_role("option").all_inner_texts() == ["http://***@127.0.0.1:9/q"]
    assert SECRET not in page.content()
    page.screenshot(path=artifacts / "server-choices.png", full_page=True)
    assert quads(team_store) == before  # opened as it is: never synced with the bundled notes
