"""The Export page (``ui/pages/export.py``) under Streamlit's AppTest: buttons, and which view they export."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = str(Path(__file__).resolve().parents[2] / "ui" / "pages" / "export.py")
CID = "https://w3id.org/cloudatlas/id/"
LABELS = ["PNG image", "SVG image", "PDF document", "Standalone HTML", "Turtle", "JSON-LD", "N-Triples", "GraphML"]


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def buttons(at: AppTest) -> list:
    return list(at.get("download_button"))


def test_a_download_button_for_each_format():
    at = page()
    assert not at.exception
    found = buttons(at)
    assert [b.proto.label for b in found] == LABELS
    assert [b.key for b in found] == [
        f"export.{f}" for f in ("png", "svg", "pdf", "html", "turtle", "jsonld", "nt", "graphml")
    ]
    assert all(b.proto.ignore_rerun for b in found)  # a download does not rerun the page


def test_without_a_focus_the_whole_graph_is_exported():
    at = page()
    summary = at.caption[0].value
    nodes, total = summary.split(" nodes")[0].split(" of ")
    assert nodes == total
    assert at.text_input(key="export.title").value == "CloudAtlas"


def test_the_focus_and_depth_of_the_main_page_choose_the_view():
    at = page(**{"ca.focus": CID + "dax", "depth": 1})
    summary = at.caption[0].value
    assert "around **DAX**, 1 hop" in summary
    assert summary.startswith("4 of ")
    assert at.text_input(key="export.title").value == "CloudAtlas: DAX, 1 hop"


def test_main_page_choices_are_remembered_when_their_widgets_are_gone():
    at = page(**{"ca.focus": CID + "dax", "depth": 3, "classes": ["DatabaseService", "CacheService"]})
    first = at.caption[0].value
    del at.session_state["depth"]
    del at.session_state["classes"]
    at.run()
    assert at.caption[0].value == first
    assert "3 hops" in first and "classes: Database service, Cache service" in first


def test_whole_graph_choice_drops_the_focus():
    at = page(**{"ca.focus": CID + "dax", "depth": 1})
    at.radio(key="export.what").set_value("whole").run()
    summary = at.caption[0].value
    assert "around" not in summary
    nodes, total = summary.split(" nodes")[0].split(" of ")
    assert nodes == total
    assert len(buttons(at)) == len(LABELS)


def test_layout_defaults_to_the_main_page_choice():
    assert page().selectbox(key="export.layout").value == "spring"
    assert page(hierarchical=True).selectbox(key="export.layout").value == "hierarchical"
