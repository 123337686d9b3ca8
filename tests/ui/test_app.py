"""The main page (app.py) under Streamlit's AppTest: set widgets, check what is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.errors import InputError
from graph.network import shortest_paths
from graph.rdf.pipeline import BUNDLED_NOTES
from graph.views.selection import ViewSpec, search, select_view
from ui.panels import GRAPH_KEY
from ui.state import build_loaded
from ui.text import md_escape

CID = "https://w3id.org/cloudatlas/id/"
RDS = CID + "rds"
APP = Path(__file__).resolve().parents[2] / "app.py"
RR_LINE = "rds.md:23  - up to 5 read replicas per database"


@pytest.fixture(scope="module")
def bundled():
    return build_loaded([BUNDLED_NOTES], source="bundled notes")


def on_screen(app: AppTest) -> AppTest:
    """What the graph component says once its first drawing is shown (AppTest runs no browser), and the rerun."""
    app.session_state[GRAPH_KEY] = {"drawn": True, "nonce": "test"}
    return app.run()


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception
    on_screen(app)
    assert not app.exception
    return app


def drawing(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith(("Drawing ", "Services and the links")))


def overview_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Overview of "))


def drawn(at: AppTest) -> dict:
    """The view data the graph component received in the last run."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)["data"]


def state_of(at: AppTest, key: str):
    return at.session_state.get(key)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def test_the_first_run_draws_the_graph_before_the_rest_of_the_page(bundled) -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert [t.value for t in app.title] == ["CloudAtlas"] and len(app.metric) == 4
    first = drawn(app)
    assert 0 < len(first["nodes"]) < bundled.nodes and not app.sidebar.selectbox  # the services first; no controls yet
    assert not app.selectbox and not app.subheader  # no path finder yet
    on_screen(app)
    assert not app.exception
    assert app.sidebar.selectbox(key="search") and [s.label for s in app.selectbox][:2] == ["From", "To"]
    # Laid out by the server, once: the run that completes the page draws the very same data.
    assert first["options"]["placed"] and all("x" in n and "y" in n for n in first["nodes"])
    assert drawn(app) == first
    app.session_state[GRAPH_KEY] = {"selected": RDS, "nonce": "click"}  # a click later: still the whole page
    app.run()
    assert app.sidebar.selectbox(key="search") and not app.exception


def test_counts_of_the_bundled_notes(at: AppTest, bundled) -> None:
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Nodes": f"{bundled.nodes:,}",
        "Edges": f"{bundled.edges:,}",
        "Triples": f"{bundled.triples:,}",
        "Limits": f"{bundled.limits:,}",
    }
    assert bundled.limits > 10
    assert drawing(at).startswith("Services and the links between them: drawing ")  # ui.panels.readable_start
    assert f" of {bundled.nodes:,} nodes and " in drawing(at)
    assert at.info[0].value.startswith("Click a node in the graph")


def test_search_pick_shows_details_with_source_lines(at: AppTest, bundled) -> None:
    search_box = at.selectbox(key="search")
    assert "RDS (Database service) · Amazon Relational Database Service, Amazon RDS" in search_box.options
    search_box.set_value(RDS).run()  # picked as typed: focused at once, no second step
    assert not at.exception
    assert [s.value for s in at.subheader][0] == "RDS"
    texts = [t.value for t in at.text]
    assert "Class: Database service" in texts
    assert "Also called: Amazon RDS; Amazon Relational Database Service; Relational Database Service" in texts
    assert RDS in codes(at)
    sources = next(c for c in codes(at) if c.startswith("dms.md:") or c.startswith("rds.md:"))
    assert RR_LINE in sources.splitlines()
    limits = at.table[0].value  # a table whose cells wrap
    assert list(limits.columns) == ["Value", "Bounds", "Engine", "Limit"]
    assert ["≤ 5", "Read Replicas", "", "RDS Read Replicas ≤ 5"] in limits.values.tolist()
    expected = select_view(bundled.graph, ViewSpec(focus=RDS, depth=1))
    assert drawing(at).startswith(f"Drawing {expected.number_of_nodes()} of {bundled.nodes}")
    assert at.session_state["ca.focus"] == RDS and at.session_state["ca.selected"] == RDS


def test_depth_and_class_filter_change_the_view(at: AppTest, bundled) -> None:
    at.selectbox(key="search").set_value(CID + "dynamodb").run()
    assert at.session_state["ca.focus"] == CID + "dynamodb"
    at.slider(key="depth").set_value(1).run()
    one = select_view(bundled.graph, ViewSpec(focus=CID + "dynamodb", depth=1))
    assert drawing(at).startswith(f"Drawing {one.number_of_nodes()} of")
    at.pills(key="classes").set_value(["Feature"]).run()
    features = select_view(bundled.graph, ViewSpec(focus=CID + "dynamodb", depth=1, classes=("Feature",)))
    assert drawing(at).startswith(f"Drawing {features.number_of_nodes()} of")
    assert features.number_of_nodes() < one.number_of_nodes()
    button(at, "Show whole graph").click().run()
    assert drawing(at).startswith(f"Drawing {bundled.nodes:,} of {bundled.nodes:,}")
    assert at.session_state["ca.focus"] is None
    assert at.pills(key="classes").value == []


def test_cap_limits_what_is_drawn(at: AppTest, bundled) -> None:
    at.number_input(key="cap").set_value(20).run()
    assert not any(c.value.startswith("Drawing ") for c in at.caption)
    shown = drawn(at)
    assert len(shown["nodes"]) <= 20
    assert overview_caption(at).startswith(f"Overview of {bundled.nodes:,} nodes: drawing {len(shown['nodes'])}, ")
    at.selectbox(key="search").set_value(RDS).run()
    assert at.session_state["ca.focus"] == RDS  # a focused view is capped, not folded
    assert drawing(at).startswith("Drawing 20 of")


def test_a_click_in_the_graph_selects_the_node(at: AppTest) -> None:
    # The component reports clicks through ui.state.select; a click is what sets ca.selected.
    at.session_state["ca.selected"] = CID + "read-replicas"
    at.run()
    assert [s.value for s in at.subheader][0] == "Read Replicas"
    assert any("aurora.md:14  - max 5 MySQL read replicas" in c for c in codes(at))


def test_focus_and_neighbour_buttons(at: AppTest) -> None:
    at.session_state["ca.selected"] = RDS
    at.run()
    button(at, "Focus here").click().run()
    assert at.session_state["ca.focus"] == RDS
    button(at, "Expand").click().run()
    assert at.slider(key="depth").value == 2
    at.selectbox(key="neighbour_pick").select(CID + "mysql").run()
    button(at, "Show details").click().run()
    assert at.session_state["ca.selected"] == CID + "mysql"
    assert at.session_state["ca.focus"] == RDS
    assert [s.value for s in at.subheader][0] == "MySQL"


def test_path_finder_highlights_and_lists_the_path(at: AppTest, bundled) -> None:
    at.selectbox(key="path_from").select(CID + "dax").run()
    at.selectbox(key="path_to").select(CID + "emr").run()
    button(at, "Find path").click().run()
    assert not at.exception
    expected = shortest_paths(bundled.graph, CID + "dax", CID + "emr")
    assert expected
    path = at.session_state["ca.path"]
    assert path == tuple(step.node for step in expected[0].steps)
    assert expected[0].route in codes(at)
    hops = at.dataframe[-1].value
    assert list(hops.columns) == ["From", "Relation", "To"]
    assert len(hops) == expected[0].length
    assert hops.iloc[0]["From"] == "DAX"
    button(at, "Clear path").click().run()
    assert at.session_state["ca.path"] == ()


def test_highlight_from_another_page(at: AppTest) -> None:
    at.session_state["ca.highlight"] = (RDS, CID + "aurora", "https://example.org/not-in-graph")
    at.run()
    assert at.info[0].value == "2 nodes highlighted; everything else is faded."
    button(at, "Clear highlight").click().run()
    assert at.session_state["ca.highlight"] == ()


def test_hostile_notes_are_shown_as_text(at: AppTest, tmp_path: Path) -> None:
    # plain text keeps HTML as written (Markdown notes drop tags), so it reaches labels and tooltips
    (tmp_path / "evil.txt").write_text(
        "# ![x](http://example.org/t.png) <img src=x onerror=alert(1)> DB\n- <script>alert(2)</script> runs MySQL\n",
        encoding="utf-8",
    )
    evil = build_loaded([tmp_path], source="evil.txt")
    node = next(n for n, d in evil.graph.nodes(data=True) if "onerror" in d["label"])
    at.session_state["ca.graph"] = evil
    at.session_state["ca.selected"] = node
    at.run()
    assert not at.exception
    label = evil.graph.nodes[node]["label"]
    assert [s.value for s in at.subheader][0] == md_escape(label)
    assert any("evil.txt:2  - <script>alert(2)</script> runs MySQL" in c for c in codes(at))
    for element in (*at.markdown, *at.caption, *at.subheader, *at.info):
        assert not re.search(r"(?<!\\)[<>]|(?<!\\)\]\(", element.value), element.value


def _upload_page(paths: list[str]) -> None:
    from pathlib import Path

    import streamlit as st

    from ui import state

    class Upload:
        def __init__(self, path: str) -> None:
            self.name = Path(path).name
            self.data = Path(path).read_bytes()

        def getvalue(self) -> bytes:
            return self.data

    if st.button("upload"):
        ok, message = state.upload_notes([Upload(p) for p in paths])
        st.text(f"{ok}|{message}")
    loaded = state.current()
    st.text(f"source={loaded.source}|nodes={loaded.nodes}")


def upload(paths: list[Path]) -> tuple[AppTest, list[str]]:
    app = AppTest.from_function(_upload_page, args=([str(p) for p in paths],), default_timeout=60)
    app.run()
    app.button[0].click().run()
    assert not app.exception
    return app, [t.value for t in app.text]


def metrics_of(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_every_session_starts_on_the_store_named_by_the_environment(tmp_path: Path, monkeypatch, bundled) -> None:
    """``CLOUDATLAS_STORE``: an empty folder is built from the bundled notes once, then opened as it is."""
    from ui.state import STORE_ENV

    monkeypatch.setenv(STORE_ENV, str(tmp_path / "store"))
    first = on_screen(AppTest.from_file(str(APP), default_timeout=120).run())
    assert not first.exception
    assert metrics_of(first) == metrics_of(AppTest.from_file(str(APP), default_timeout=60).run())
    assert metrics_of(first)["Nodes"] == f"{bundled.nodes:,}" and metrics_of(first)["Edges"] == f"{bundled.edges:,}"
    assert metrics_of(first)["Triples"] == f"{bundled.triples:,}"  # the store's bookkeeping copies left out
    assert any(c.value.startswith("Graph: store") for c in first.sidebar.caption)


def test_a_store_is_opened_as_it_is_not_rebuilt_from_the_bundled_notes(tmp_path: Path, monkeypatch) -> None:
    from graph.rdf.incremental import open_store, sync_store
    from ui.state import NOTES_ENV, STORE_ENV

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "dynamodb.md").write_text("# DynamoDB\n- DAX caches DynamoDB\n- items up to 400 KB\n", encoding="utf-8")
    store = open_store(tmp_path / "store")
    sync_store([notes], store)
    del store  # closed: the app opens it
    monkeypatch.delenv(NOTES_ENV, raising=False)
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "store"))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    labels = {n["label"] for n in drawn(at)["nodes"]}
    assert {"DynamoDB", "DAX"} <= labels and "RDS" not in labels
    assert any("cachingLayer" in e["relation"] for e in drawn(at)["edges"])  # computed relations added on opening


def test_upload_swaps_the_graph_only_when_everything_parses(tmp_path: Path, bundled) -> None:
    good = tmp_path / "good.md"
    good.write_text("# DynamoDB\n- DAX caches DynamoDB\n- items up to 400 KB\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://e.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")

    _, shown = upload([good, bad])
    assert shown[0].startswith("False|bad.ttl:3: ")
    assert shown[0].endswith("The current graph is unchanged.")
    assert shown[1] == f"source=bundled notes|nodes={bundled.nodes}"

    _, shown = upload([tmp_path / "good.md"])
    assert shown[0].startswith("True|Loaded 1 file: ")
    assert shown[1].startswith("source=uploaded: good.md|nodes=")
    assert int(shown[1].rsplit("=", 1)[1]) < bundled.nodes


def test_upload_refuses_unknown_file_types_and_empty_choices(tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    _, shown = upload([exe])
    assert shown[0].startswith("False|tool.exe:0: not a notes file (.md, .txt) or an RDF file")
    _, shown = upload([])
    assert shown[0] == "False|Choose one or more notes files (.md, .txt) or RDF files first."


def test_upload_refuses_xml_entities_and_keeps_the_graph(tmp_path: Path, bundled) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        encoding="utf-8",
    )
    _, shown = upload([bomb])
    assert shown[0].startswith("False|bomb.rdf:")
    assert "DOCTYPE" in shown[0] and shown[0].endswith("The current graph is unchanged.")
    assert shown[1] == f"source=bundled notes|nodes={bundled.nodes}"


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://example.org/t.png)",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "1. item",
        "- item",
    ],
)
def test_md_escape_renders_as_written(text: str) -> None:
    escaped = md_escape(text)
    assert not re.search(r"(?<!\\)[<>\[\]()!]", escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # removing the escapes gives the text back


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A graph of synthetic notes too big to draw whole under the default cap (400 nodes)."""
    from bench.synth import write_notes

    folder = tmp_path_factory.mktemp("big-notes")
    write_notes(folder, 4000, files=4)
    loaded = build_loaded([folder], source="synthetic notes")
    assert loaded.nodes > 600
    return loaded


def big_app(big) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.session_state["ca.graph"] = big
    app.run()
    assert not app.exception
    on_screen(app)
    assert not app.exception
    return app


def test_a_big_graph_is_first_drawn_as_an_overview(big) -> None:
    at = big_app(big)
    data = drawn(at)
    expected = select_view(big.graph, ViewSpec(), big.scores("pagerank"), lod=True, communities=big.communities())
    assert sorted(n["id"] for n in data["nodes"]) == sorted(expected)
    assert len(data["nodes"]) <= 400
    clusters = [n for n in data["nodes"] if n["group"] == "Cluster"]
    assert clusters and all(n["id"].startswith("cluster:") and n["cluster"] is True for n in clusters)
    folded = sum(n["count"] for n in clusters)
    alone = {c.nodes[0] for c in big.communities() if c.size == 1} - {n["id"] for n in data["nodes"]}
    assert len(data["nodes"]) - len(clusters) + folded + len(alone) == big.nodes  # drawn, folded, or unlinked
    assert data["legend"][-1] == {"class": "Cluster", "text": "Cluster (click to open)", "colour": "#718096"}
    caption = overview_caption(at)
    assert caption.startswith(f"Overview of {big.nodes:,} nodes: drawing {len(data['nodes'])}, of which ")
    assert f"{len(clusters)} grey clusters stand for {folded:,} nodes" in caption
    assert button(at, "Collapse all").disabled


def test_opening_a_cluster_and_collapsing_all(big) -> None:
    at = big_app(big)
    first = drawn(at)
    cluster = max((n for n in first["nodes"] if n["group"] == "Cluster"), key=lambda n: n["count"])
    at.session_state["ca.expanded"] = (cluster["id"],)  # what a click on the cluster in the graph does
    at.run()
    opened = drawn(at)
    ids = {n["id"] for n in opened["nodes"]}
    members = [n for n in opened["nodes"] if n.get("cluster") == cluster["id"]]
    assert len(opened["nodes"]) <= 400 and len(members) > 20
    assert cluster["id"] in ids or len(members) >= cluster["count"]  # the rest folded, or all shown
    assert state_of(at, "ca.selected") is None  # opening a cluster selects nothing
    button(at, "Collapse all").click().run()
    assert at.session_state["ca.expanded"] == ()
    assert drawn(at)["nodes"] == first["nodes"]


def test_search_reaches_a_node_the_overview_does_not_draw(big) -> None:
    at = big_app(big)
    shown = {n["id"] for n in drawn(at)["nodes"]}
    hidden = next(
        n for n, d in sorted(big.graph.nodes(data=True))
        if n not in shown and "Concept" in d.get("classes", ()) and len(search(big.graph, d["label"], 2)) == 1
    )  # fmt: skip
    label = big.graph.nodes[hidden]["label"]
    at.selectbox(key="search").set_value(hidden).run()
    assert not at.exception
    assert at.session_state["ca.focus"] == hidden and at.session_state["ca.selected"] == hidden
    focused = {n["id"] for n in drawn(at)["nodes"]}
    assert hidden in focused and not any(n.startswith("cluster:") for n in focused)
    assert [s.value for s in at.subheader][0] == md_escape(label)


def test_path_finder_on_a_big_graph_lists_the_central_nodes(big) -> None:
    from ui.path_finder import PICK_LIMIT, _picked_node

    at = big_app(big)
    listed = at.selectbox(key="path_from").options
    assert len(listed) == PICK_LIMIT < big.nodes  # any other name can be typed in (tests/e2e/test_lod.py)
    at.selectbox(key="path_from").set_value(CID + "rds")
    at.selectbox(key="path_to").set_value(CID + "dynamodb")
    button(at, "Find path").click().run()
    assert not at.exception
    expected = shortest_paths(big.graph, CID + "rds", CID + "dynamodb")
    assert expected and at.session_state["ca.path"] == tuple(step.node for step in expected[0].steps)
    assert _picked_node(big.graph, "dynamodb") == CID + "dynamodb"  # what a typed name resolves to
    assert _picked_node(big.graph, "  ") is None
    with pytest.raises(InputError, match="unknown name 'no such service at all'"):
        _picked_node(big.graph, "no such service at all")
