"""Which stores and endpoints a browser session may open is the server's choice (ui.source, under AppTest)."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from streamlit.testing.v1 import AppTest

from graph.cli.main import main as cli
from ui.panels import GRAPH_KEY

pytest_plugins = ["tests.oxigraph_server"]
APP = Path(__file__).resolve().parents[2] / "app.py"
ENV = ("CLOUDATLAS_STORES", "CLOUDATLAS_ENDPOINTS", "CLOUDATLAS_ENDPOINT", "CLOUDATLAS_ALLOW_PATHS", "CLOUDATLAS_STORE")
TEAM_NOTES = "## DynamoDB\n- DAX caches reads for the zebra team\n- up to 25 tables per zebra account\n"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def open_app() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    app.session_state[GRAPH_KEY] = {"drawn": True, "nonce": "test"}  # the graph is on screen: the sidebar follows
    app.run()
    assert not app.exception
    return app


def shown_text(app: AppTest) -> str:
    """Every text the page shows: messages, captions, Markdown, metrics, widget labels, values and options."""
    parts: list[str] = []
    for kind in ("success", "error", "warning", "info", "caption", "markdown", "text", "title", "header", "subheader"):
        parts += [str(e.value) for e in getattr(app, kind)]
    for box in app.selectbox:
        parts += [box.label, *map(str, box.options), str(box.value)]
    parts += [f"{t.label} {t.value}" for t in app.text_input]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    return "\n".join(parts)


def plain(value: str) -> str:
    """A message as the visitor reads it: Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", value)


def quads(folder: Path) -> set[str]:
    store = ox.Store.read_only(str(folder))
    return {str(q) for q in store}


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def team_store(tmp_path: Path) -> Path:
    """A store built on the command line from notes that are not the bundled ones."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "team.md").write_text(TEAM_NOTES, encoding="utf-8")
    folder = tmp_path / "team-store"
    assert cli(["build", str(notes), "--store", str(folder)]) == 0
    return folder


def test_no_store_or_endpoint_fields_by_default() -> None:
    app = open_app()
    keys = {w.key for w in [*app.text_input, *app.selectbox, *app.button, *app.radio]}
    assert not keys & {"source.folder", "source.url", "source.store", "source.endpoint", "source.kind"}
    assert not any(e.label.startswith("Store:") for e in app.expander)


def test_configured_store_opens_by_name_read_only(team_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before_quads, before_files = quads(team_store), folder_state(team_store)
    monkeypatch.setenv("CLOUDATLAS_STORES", f"team={team_store},missing={team_store.parent / 'nowhere'}")
    app = open_app()
    assert app.selectbox(key="source.store").options == ["team", "missing"]
    assert "source.folder" not in {t.key for t in app.text_input}
    app.selectbox(key="source.store").set_value("team").run()
    app.button(key="source.open_named_store").click().run()
    assert not app.exception
    assert any(s.value.startswith("Store team") for s in app.success), shown_text(app)
    assert int(next(m.value for m in app.metric if m.label == "Triples").replace(",", "")) < 200  # the team's graph
    assert str(team_store) not in shown_text(app)
    assert quads(team_store) == before_quads  # never synced with the bundled notes
    assert folder_state(team_store) == before_files  # nothing written at all
    app.selectbox(key="source.store").set_value("missing").run()
    app.button(key="source.open_named_store").click().run()
    assert any(plain(e.value).startswith("missing: no such folder") for e in app.error)
    assert not (team_store.parent / "nowhere").exists()
    assert str(team_store.parent) not in shown_text(app)


def test_typed_folders_only_with_the_setting_and_never_created(
    tmp_path: Path, team_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDATLAS_ALLOW_PATHS", "1")
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    monkeypatch.chdir(tmp_path)
    app = open_app()
    for typed in ("x/../../newstore", "~", "brand-new"):
        app.text_input(key="source.folder").set_value(typed).run()
        app.button(key="source.open_store").click().run()
        assert not app.exception
        (error,) = app.error
        assert "no such folder" in error.value and str(tmp_path) not in error.value
    assert not (tmp_path.parent / "newstore").exists() and not (tmp_path / "~").exists()
    assert not (tmp_path / "brand-new").exists()

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "LOG").write_text("someone's log\n", encoding="utf-8")
    (foreign / "000007.log").write_bytes(b"\x00garbage")
    before = folder_state(foreign)
    app.text_input(key="source.folder").set_value("foreign").run()
    app.button(key="source.open_store").click().run()
    (error,) = app.error
    assert "no store in this folder" in error.value and "\n" not in error.value
    assert folder_state(foreign) == before

    before_quads = quads(team_store)
    app.text_input(key="source.folder").set_value("team-store").run()
    app.button(key="source.open_store").click().run()
    assert any(plain(s.value).startswith("Store team-store") for s in app.success), shown_text(app)
    assert quads(team_store) == before_quads


def test_typed_folder_refused_without_the_setting(team_store: Path) -> None:
    from ui import source

    assert source.open_store_folder(str(team_store))[0] is False
    assert source.open_endpoint("http://127.0.0.1:9/query")[0] is False


def test_endpoint_credentials_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDATLAS_ENDPOINT", "http://admin:s3cret@127.0.0.1:9/query")
    app = open_app()
    assert app.selectbox(key="source.endpoint").options == ["http://***@127.0.0.1:9/query"]
    app.selectbox(key="source.endpoint").set_value("http://***@127.0.0.1:9/query").run()
    app.button(key="source.open_named_endpoint").click().run()
    assert not app.exception
    assert any("cannot reach the SPARQL endpoint" in e.value for e in app.error), shown_text(app)
    text = shown_text(app)
    assert "s3cret" not in text and "admin" not in text


def test_configured_endpoint_by_name_hides_its_url(oxigraph_server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDATLAS_ENDPOINTS", f"lab={oxigraph_server.query_endpoint}")
    app = open_app()
    assert not app.radio  # only endpoints configured: no choice to make
    app.selectbox(key="source.endpoint").set_value("lab").run()
    app.button(key="source.open_named_endpoint").click().run()
    assert not app.exception
    assert any(s.value.startswith("Endpoint lab") for s in app.success), shown_text(app)
    assert oxigraph_server.query_endpoint.split("/query")[0] not in shown_text(app)


class _MarkdownError(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self._answer()

    def do_HEAD(self) -> None:  # noqa: N802
        self.send_response(404)
        self.end_headers()

    def _answer(self) -> None:
        body = b"![pixel](http://127.0.0.1:1/track.png) **bold** <b>x</b>\n"
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def markdown_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _MarkdownError)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_endpoint_error_text_is_plain_text(markdown_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDATLAS_ENDPOINTS", f"odd={markdown_server}")
    app = open_app()
    app.selectbox(key="source.endpoint").set_value("odd").run()
    app.button(key="source.open_named_endpoint").click().run()
    assert not app.exception
    (error,) = app.error
    assert plain(error.value).startswith("odd: HTTP 500"), error.value
    assert "\\!\\[pixel\\]\\(http\\://127.0.0.1\\:1/track.png\\)" in error.value  # escaped: no image fetched
    assert "\\*\\*bold\\*\\*" in error.value and "\\<b\\>" in error.value


def open_app_with_secrets(secrets: dict) -> AppTest:
    """The app with ``secrets`` as its ``.streamlit/secrets.toml``."""
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.secrets.update(secrets)
    app.run()
    app.session_state[GRAPH_KEY] = {"drawn": True, "nonce": "test"}
    app.run()
    assert not app.exception
    return app


def test_stores_and_endpoints_from_the_secrets_file_beside_the_environment(
    team_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_files = folder_state(team_store)
    monkeypatch.setenv("CLOUDATLAS_STORES", f"lab={team_store.parent / 'from-env'}")
    secret_url = "http://admin:s3cret@127.0.0.1:9/query"
    secrets = {
        "cloudatlas": {
            "stores": {"team": str(team_store), "lab": str(team_store.parent / "from-secrets"), "blank": " "},
            "endpoints": {"fuseki": secret_url},
        }
    }
    app = open_app_with_secrets(secrets)
    assert app.selectbox(key="source.store").options == ["team", "lab"]  # the environment's lab wins
    app.selectbox(key="source.store").set_value("team").run()
    app.button(key="source.open_named_store").click().run()
    assert any(s.value.startswith("Store team") for s in app.success), shown_text(app)
    assert folder_state(team_store) == before_files
    app.selectbox(key="source.store").set_value("lab").run()
    app.button(key="source.open_named_store").click().run()
    assert any(plain(e.value).startswith("lab: no such folder") for e in app.error)
    assert not (team_store.parent / "from-env").exists() and not (team_store.parent / "from-secrets").exists()
    app.radio(key="source.kind").set_value("SPARQL endpoint").run()
    assert app.selectbox(key="source.endpoint").options == ["fuseki"]
    app.selectbox(key="source.endpoint").set_value("fuseki").run()
    app.button(key="source.open_named_endpoint").click().run()
    assert not app.exception
    assert any(plain(e.value).startswith("fuseki:") for e in app.error), shown_text(app)
    text = shown_text(app)
    assert "s3cret" not in text and "admin" not in text and str(team_store) not in text


@pytest.mark.parametrize(
    "secrets",
    [
        {"cloudatlas": "not a table"},
        {"cloudatlas": {"stores": ["a", "list"], "endpoints": {"n": 42}}},
        {"other": {"stores": {"x": "/srv/x"}}},
    ],
    ids=["section-not-a-table", "wrong-shapes", "other-section"],
)
def test_secrets_of_another_shape_offer_nothing(secrets: dict) -> None:
    app = open_app_with_secrets(secrets)
    keys = {w.key for w in [*app.text_input, *app.selectbox, *app.button, *app.radio]}
    assert not keys & {"source.store", "source.endpoint"}
