"""The app's choice of where the graph lives: an on-disk store folder or a SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

pytest_plugins = ["tests.oxigraph_server"]
APP = Path(__file__).resolve().parents[2] / "app.py"


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def open_app() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    app.session_state["main-graph"] = {"drawn": True, "nonce": "test"}  # the graph is on screen: the sidebar follows
    app.run()
    assert not app.exception
    return app


def test_on_disk_store_is_built_then_reopened(tmp_path):
    app = open_app()
    bundled = metric(app, "Triples")
    app.text_input(key="source.folder").set_value(str(tmp_path / "store")).run()
    app.button(key="source.open_store").click().run()
    assert not app.exception
    assert any("Store" in s.value and "re-read" in s.value for s in app.success)
    assert metric(app, "Triples") == bundled  # the same notes, now served from the folder
    again = open_app()
    again.text_input(key="source.folder").set_value(str(tmp_path / "store")).run()
    again.button(key="source.open_store").click().run()
    assert any("(0 files re-read)" in s.value for s in again.success), [m.value for m in [*again.success, *again.error]]


def test_endpoint_is_read_and_a_dead_one_changes_nothing(oxigraph_server):
    from graph.network.derive import add_derived
    from graph.rdf.pipeline import build_store
    from graph.rdf.remote import RemoteStore

    staging = build_store()
    add_derived(staging)
    RemoteStore(oxigraph_server.query_endpoint, oxigraph_server.update_endpoint).publish(staging)
    app = open_app()
    before = metric(app, "Nodes")
    app.radio(key="source.kind").set_value("SPARQL endpoint").run()
    app.text_input(key="source.url").set_value("http://127.0.0.1:9/query").run()
    app.button(key="source.open_endpoint").click().run()
    assert any("cannot reach the SPARQL endpoint" in e.value for e in app.error)
    assert metric(app, "Nodes") == before
    app.text_input(key="source.url").set_value(oxigraph_server.query_endpoint).run()
    app.button(key="source.open_endpoint").click().run()
    assert not app.exception
    assert any("Endpoint" in s.value for s in app.success)
    assert metric(app, "Nodes") == before
