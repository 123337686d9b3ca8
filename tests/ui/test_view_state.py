"""The view every page shares (ui/view_state.py) under AppTest: kept across pages, in the URL, restored from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.rdf.pipeline import BUNDLED_NOTES
from graph.views.selection import ViewSpec, select_view
from ui.panels import GRAPH_KEY
from ui.state import build_loaded
from ui.view_state import DEFAULT_VIEW

CID = "https://w3id.org/cloudatlas/id/"
REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
EXPORT = "ui/pages/export.py"
GRAPH_PAGE = "ui/pages/explorer.py"


@pytest.fixture(scope="module")
def bundled():
    return build_loaded([BUNDLED_NOTES], source="bundled notes")


def opened(notes: list[str] | None = None, **params) -> AppTest:
    """The app opened from a URL with ``params``, its first graph on screen (the rest of the page drawn).

    The notes the first run shows (toasts) are added to ``notes``.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    if notes is not None:
        notes.extend(t.value for t in at.toast)
    at.session_state[GRAPH_KEY] = {"drawn": True, "nonce": "test"}
    return at.run()


def drawn_ids(at: AppTest) -> set[str]:
    (component,) = at.get("component_instance")
    return {n["id"] for n in json.loads(component.proto.json_args)["data"]["nodes"]}


def test_a_link_opens_its_view(bundled) -> None:
    notes: list[str] = []
    at = opened(notes, focus="dynamodb", depth="2", classes=["Feature", "DatabaseService"], layout="hierarchical")
    assert notes == []  # nothing left out
    spec = ViewSpec(focus=CID + "dynamodb", depth=2, classes=("Feature", "DatabaseService"))
    assert drawn_ids(at) == set(select_view(bundled.graph, spec, bundled.scores("pagerank")))
    assert at.slider(key="depth").value == 2
    assert at.pills(key="classes").value == ["Feature", "DatabaseService"]
    assert at.toggle(key="hierarchical").value is True
    assert at.session_state["ca.selected"] == CID + "dynamodb"  # the focus's details are shown
    assert [s.value for s in at.subheader][0] == "DynamoDB"


def test_bad_values_in_a_link_are_left_out_with_a_note(bundled) -> None:
    notes: list[str] = []
    at = opened(notes, focus="no-such-node", depth="9", cap="lots", classes=["Gadget", "Feature"], size="huge")
    (note,) = notes
    assert note.startswith("Part of this link was left out: ")
    for part in ("focus=no-such-node names no node", "depth=9 is not", "cap=lots is not", "classes=Gadget is not"):
        assert part in note
    assert at.session_state["ca.focus"] is None
    assert at.slider(key="depth").value == DEFAULT_VIEW.depth and at.number_input(key="cap").value == DEFAULT_VIEW.cap
    assert at.pills(key="classes").value == ["Feature"]  # what was good is kept
    assert not at.toast  # said once
    at.slider(key="depth").set_value(3).run()


def test_the_url_follows_the_view() -> None:
    at = opened()
    assert dict(at.query_params) == {}  # the first view (services): a clean URL
    at.slider(key="depth").set_value(3).run()
    at.toggle(key="hierarchical").set_value(True).run()
    at.selectbox(key="search").set_value(CID + "rds").run()
    assert at.query_params["depth"] == "3" and at.query_params["layout"] == "hierarchical"
    assert at.query_params["focus"] == "rds" and at.query_params["node"] == "rds"
    button = next(b for b in at.button if b.label == "Show whole graph")
    button.click().run()
    assert "focus" not in at.query_params and at.query_params["depth"] == "3"
    assert at.query_params["classes"] == "all"  # not the services a plain link opens on


def test_a_link_to_the_whole_graph_opens_the_whole_graph(bundled) -> None:
    at = opened(classes="all")
    assert drawn_ids(at) == set(bundled.graph) and at.pills(key="classes").value == []
    assert at.query_params["classes"] == "all"
    plain = opened()
    assert len(drawn_ids(plain)) < bundled.nodes  # a plain link opens on the services


def test_a_click_in_the_graph_names_the_node_in_the_url() -> None:
    at = opened()
    at.session_state[GRAPH_KEY] = {"selected": CID + "rds", "nonce": "click"}  # what the component sends
    at.run()
    assert at.session_state["ca.selected"] == CID + "rds" and at.query_params["node"] == "rds"


def test_the_view_survives_other_pages(bundled) -> None:
    at = opened()
    at.selectbox(key="search").set_value(CID + "dynamodb").run()
    at.slider(key="depth").set_value(3).run()
    at.pills(key="classes").set_value(["Feature"]).run()
    at.toggle(key="hierarchical").set_value(True).run()
    at.number_input(key="cap").set_value(30).run()
    graph_caption = next(c.value for c in at.caption if c.value.startswith("Drawing "))
    drawn = drawn_ids(at)
    at.switch_page("ui/pages/analyses.py").run()
    at.switch_page(EXPORT).run()
    assert not at.exception
    summary = at.caption[0].value
    assert summary.startswith(f"{len(drawn)} of {bundled.nodes} nodes, ")
    assert "around **DynamoDB**, 3 hops; classes: Feature" in summary
    assert graph_caption.startswith(f"Drawing {len(drawn)} of ")
    assert at.query_params["depth"] == "3" and at.query_params["cap"] == "30"  # the URL keeps it on every page
    at.switch_page(GRAPH_PAGE).run()
    assert not at.exception
    assert at.slider(key="depth").value == 3 and at.pills(key="classes").value == ["Feature"]
    assert at.toggle(key="hierarchical").value is True and at.number_input(key="cap").value == 30
    assert drawn_ids(at) == drawn


def test_export_counts_what_the_graph_page_draws_for_a_class_filter(bundled) -> None:
    at = opened(classes=["DatabaseService"], layout="hierarchical")
    drawn = drawn_ids(at)
    at.switch_page(EXPORT).run()
    summary = at.caption[0].value
    assert summary.startswith(f"{len(drawn)} of {bundled.nodes} nodes")
    assert "classes: Database service" in summary
    assert at.selectbox(key="export.layout").value == "hierarchical"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A graph of synthetic notes drawn as an overview under the default cap."""
    from bench.synth import write_notes

    folder = tmp_path_factory.mktemp("big-notes")
    write_notes(folder, 4000, files=4)
    return build_loaded([folder], source="synthetic notes")


def test_the_overview_caption_goes_when_the_view_leaves_the_overview(big) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["ca.graph"] = big
    at.run()
    at.session_state[GRAPH_KEY] = {"drawn": True, "nonce": "test"}
    at.run()
    (component,) = at.get("component_instance")
    nodes = json.loads(component.proto.json_args)["data"]["nodes"]
    cluster = max((n for n in nodes if n["group"] == "Cluster"), key=lambda n: n["count"])
    at.session_state["ca.expanded"] = (cluster["id"],)  # a click on the cluster
    at.run()

    def captions() -> list[str]:
        return [c.value for c in at.caption if c.value.startswith(("Overview of", "Drawing "))]

    assert captions()[0].startswith(f"Overview of {big.nodes:,} nodes")
    at.pills(key="classes").set_value(["DatabaseService"]).run()  # a few nodes: no overview any more
    (caption,) = captions()
    assert caption.startswith("Drawing ") and at.session_state["ca.expanded"] == ()
    at.pills(key="classes").set_value([]).run()
    at.number_input(key="cap").set_value(2000).run()  # everything fits: no overview either
    assert captions() == [f"Drawing {big.nodes:,} of {big.nodes:,} nodes and {big.edges:,} edges."]
