"""The app's choice of where the graph lives: a typed on-disk store folder or SPARQL endpoint (desktop runs)."""

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


def test_typed_store_folder_opens_as_it_is(tmp_path, monkeypatch):
    from graph.cli.main import main as cli

    monkeypatch.setenv("CLOUDATLAS_ALLOW_PATHS", "1")  # a single-user desktop run: folders may be typed
    assert cli(["build", "--store", str(tmp_path / "store")]) == 0  # the bundled notes, built on the command line
    app = open_app()
    bundled = metric(app, "Triples")
    app.text_input(key="source.folder").set_value(str(tmp_path / "store")).run()
    app.button(key="source.open_store").click().run()
    assert not app.exception
    assert any("Store" in s.value and "read-only" in s.value for s in app.success), [
        e.value for e in [*app.success, *app.error, *app.exception]
    ]
    assert metric(app, "Triples") == bundled  # the same notes, now served from the folder


def test_endpoint_is_read_and_a_dead_one_changes_nothing(oxigraph_server, monkeypatch):
    from graph.network.derive import add_derived
    from graph.rdf.pipeline import build_store
    from graph.rdf.remote import RemoteStore

    staging = build_store()
    add_derived(staging)
    RemoteStore(oxigraph_server.query_endpoint, oxigraph_server.update_endpoint).publish(staging)
    monkeypatch.setenv("CLOUDATLAS_ALLOW_PATHS", "1")  # a single-user desktop run: URLs may be typed
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
