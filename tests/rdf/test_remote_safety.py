"""graph.rdf.remote as a careful HTTP client, against small local servers on 127.0.0.1.

Each server answers with a behaviour chosen by the test (a slow drip, a huge answer, a redirect,
an error page, N-Triples where results were asked) and records the requests it got.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graph.errors import InputError
from graph.rdf.remote import ENDPOINT_HOSTS_ENV, RemoteStore, mask_url

Behaviour = Callable[[BaseHTTPRequestHandler], None]

RESULTS = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7"}}]}})


@dataclass
class LocalServer:
    """A threaded HTTP server: ``routes`` maps a path to a behaviour; ``seen`` lists (method, path, headers)."""

    routes: dict[str, Behaviour] = field(default_factory=dict)
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    port: int = 0
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _serve() -> Iterator[LocalServer]:
    server_state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            path = self.path.split("?", 1)[0]
            server_state.seen.append((self.command, path, dict(self.headers)))
            behaviour = server_state.routes.get(path)
            try:
                if behaviour is None:
                    self.send_error(404)
                else:
                    behaviour(self)
            except OSError:
                pass  # the client went away

        do_GET = do_POST = do_HEAD = do_PUT = _any

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.port = httpd.server_address[1]
    server_state.httpd = httpd
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    yield from _serve()


@pytest.fixture
def other_server() -> Iterator[LocalServer]:
    yield from _serve()


def _answer(body: bytes | str, media: str = "application/sparql-results+json", status: int = 200) -> Behaviour:
    data = body.encode() if isinstance(body, str) else body

    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", media)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(data)

    return behaviour


def _redirect(location: str, status: int = 302) -> Behaviour:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return behaviour


def _one_line(err: pytest.ExceptionInfo[InputError]) -> str:
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# URLs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://example.org/sparql", "not an http(s) URL"),
        ("file:///etc/passwd", "not an http(s) URL"),
        ("gopher://127.0.0.1:70/", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("http:///query", "not an http(s) URL"),
        ("http://[::1/query", "not a valid URL (invalid ipv6 url)"),
        ("http://[::1", "not a valid URL (invalid ipv6 url)"),
        ("http://127.0.0.1:65536/query", "not a valid URL (port out of range 0-65535)"),
        ("http://127.0.0.1:99999999999/query", "not a valid URL (port out of range 0-65535)"),
        ("http://127.0.0.1:port/query", "not a valid URL (port could not be cast to integer value as 'port')"),
        ("http://127.0.0.1/qu ery", "not a valid URL (a space or control character in it)"),
        ("http://127.0.0.1/query\r\nX-Injected: 1", "not a valid URL (a space or control character in it)"),
    ],
)
def test_bad_urls_are_one_line_errors(url: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        RemoteStore(url)
    assert problem in _one_line(caught)
    with pytest.raises(InputError):
        RemoteStore("http://127.0.0.1:7878/query", url)


@pytest.mark.parametrize("timeout", [0, -5, float("nan"), float("inf"), "30"])
def test_bad_timeouts_are_refused(timeout: object) -> None:
    with pytest.raises(InputError, match="timeout must be a positive number"):
        RemoteStore("http://127.0.0.1:7878/query", timeout=timeout)  # type: ignore[arg-type]


# deadline and size -------------------------------------------------------------------------------


def _drip(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every 0.3 s (for at most 10 s)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(33):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.3)


def _drip_headers(handler: BaseHTTPRequestHandler) -> None:
    """The status line and headers themselves one byte every 0.3 s."""
    for byte in b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\nX-Padding: aaaaaaaaaaaaaaaaaaa":
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.3)


@pytest.mark.parametrize("behaviour", [_drip, _drip_headers], ids=["body", "headers"])
def test_a_slow_drip_is_cut_off_at_the_deadline(server: LocalServer, behaviour: Behaviour) -> None:
    server.routes["/query"] = behaviour
    store = RemoteStore(server.url + "/query", timeout=1.5)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        store.query("SELECT * WHERE { ?s ?p ?o }")
    elapsed = time.monotonic() - started
    assert _one_line(caught) == f"{server.url}/query:0: no complete answer within 1.5 s"
    assert elapsed < 3.5


def _endless(handler: BaseHTTPRequestHandler) -> None:
    """An answer with no length that goes on for up to 200 MB; counts what it sent."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/n-triples")
    handler.end_headers()
    line = b"<http://e.org/s> <http://e.org/p> " + b'"' + b"x" * 900 + b'" .\n'
    sent = 0
    try:
        while sent < 200_000_000:
            handler.wfile.write(line * 64)
            sent += len(line) * 64
    finally:
        handler.server.sent = sent  # type: ignore[attr-defined]


def test_a_huge_answer_stops_at_the_cap(server: LocalServer) -> None:
    server.routes["/query"] = _endless
    store = RemoteStore(server.url + "/query", max_bytes=2_000_000)
    with pytest.raises(InputError) as caught:
        store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert _one_line(caught) == (
        f"{server.url}/query:0: the answer is larger than the cap of 2,000,000 bytes; stopped reading it"
    )
    for _ in range(100):  # the server notices the closed connection: far less than 200 MB went out
        if hasattr(server.httpd, "sent"):
            break
        time.sleep(0.05)
    assert server.httpd.sent < 50_000_000


def test_a_declared_huge_length_is_refused_before_reading(server: LocalServer) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/n-triples")
        handler.send_header("Content-Length", str(1_500_000_000))
        handler.end_headers()
        handler.wfile.write(b"<http://e.org/s> <http://e.org/p> <http://e.org/o> .\n")
        time.sleep(5)

    server.routes["/query"] = huge
    store = RemoteStore(server.url + "/query", max_bytes=1000, timeout=10)
    started = time.monotonic()
    with pytest.raises(InputError, match="larger than the cap of 1,000 bytes"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert time.monotonic() - started < 2


def test_an_answer_within_the_cap_is_read(server: LocalServer) -> None:
    server.routes["/query"] = _answer(RESULTS)
    store = RemoteStore(server.url + "/query", max_bytes=len(RESULTS), timeout=5)
    assert [row["n"].value for row in store.query("SELECT ?n WHERE {}")] == ["7"]
    assert len(store) == 7


# redirects and credentials -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_no_credentials_across_origins(server: LocalServer, other_server: LocalServer, status: int) -> None:
    other_server.routes["/query"] = _answer(RESULTS)
    server.routes["/query"] = _redirect(other_server.url + "/query", status)
    store = RemoteStore(f"http://user:s3cret@127.0.0.1:{server.port}/query", timeout=5)
    with pytest.raises(InputError) as caught:
        store.query("SELECT ?n WHERE {}")
    message = _one_line(caught)
    assert message == (
        f"{server.url}/query:0: HTTP {status}: redirected to another origin "
        f"(http://127.0.0.1:{other_server.port}), not followed"
    )
    assert "s3cret" not in message
    assert server.seen and server.seen[0][2].get("Authorization") == "Basic dXNlcjpzM2NyZXQ="
    assert not any("Authorization" in headers for _, _, headers in other_server.seen)
    assert other_server.seen == []


def test_a_redirect_to_another_scheme_is_another_origin(server: LocalServer) -> None:
    server.routes["/query"] = _redirect(f"https://127.0.0.1:{server.port}/query")
    with pytest.raises(InputError, match=r"another origin \(https://127\.0\.0\.1:\d+\)"):
        RemoteStore(f"http://u:p@127.0.0.1:{server.port}/query", timeout=5).query("ASK {}")


@pytest.mark.parametrize("status", [307, 308])
def test_same_origin_redirects_are_followed(server: LocalServer, status: int) -> None:
    server.routes["/old"] = _redirect("/query", status)
    server.routes["/query"] = _answer(RESULTS)
    store = RemoteStore(f"http://user:s3cret@127.0.0.1:{server.port}/old", timeout=5)
    assert [row["n"].value for row in store.query("SELECT ?n WHERE {}")] == ["7"]
    assert [(method, path) for method, path, _ in server.seen] == [("POST", "/old"), ("POST", "/query")]
    assert all(headers.get("Authorization") == "Basic dXNlcjpzM2NyZXQ=" for _, _, headers in server.seen)


def test_redirect_loops_end(server: LocalServer) -> None:
    server.routes["/query"] = _redirect("/query", 307)
    with pytest.raises(InputError, match="more than 5 redirects"):
        RemoteStore(server.url + "/query", timeout=5).query("ASK {}")


def test_credentials_go_only_to_their_own_origin(server: LocalServer, other_server: LocalServer) -> None:
    server.routes["/query"] = _answer(RESULTS)
    other_server.routes["/update"] = _answer("", "text/plain", status=204)
    store = RemoteStore(f"http://user:s3cret@127.0.0.1:{server.port}/query", other_server.url + "/update", timeout=5)
    assert len(store) == 7
    store.update("CLEAR ALL")
    assert server.seen[0][2].get("Authorization") == "Basic dXNlcjpzM2NyZXQ="
    assert [path for _, path, _ in other_server.seen] == ["/update"]
    assert "Authorization" not in other_server.seen[0][2]


# what the server says ----------------------------------------------------------------------------


def test_server_error_text_is_one_short_plain_line(server: LocalServer) -> None:
    page = "![pic](http://127.0.0.1:9/track.png) bad query " + "y" * 1000 + "\n<script>second line</script>\n"
    server.routes["/query"] = _answer(page, "text/plain", status=400)
    with pytest.raises(InputError) as caught:
        RemoteStore(server.url + "/query", timeout=5).query("ASK {}")
    err = caught.value
    assert _one_line(caught).startswith(f"{server.url}/query:0: HTTP 400 Bad Request: ![pic](")
    assert "second line" not in err.problem
    assert len(err.problem) <= len("HTTP 400 Bad Request: ") + 200
    assert err.problem.endswith("…")


def test_ntriples_where_results_were_asked(server: LocalServer) -> None:
    server.routes["/query"] = _answer("<http://e.org/s> <http://e.org/p> <http://e.org/o> .\n", "application/n-triples")
    store = RemoteStore(server.url + "/query", timeout=5)
    with pytest.raises(InputError) as caught:
        store.query("PREFIX ex: <http://e.org/#> SELECT * WHERE { ?s ?p ?o }")
    assert _one_line(caught).endswith("answered a SELECT query with application/n-triples, not SPARQL results")
    with pytest.raises(InputError, match="answered a SELECT query"):
        len(store)
    with pytest.raises(InputError, match="answered a SELECT query"):
        store.named_graphs()


def test_results_where_triples_were_asked(server: LocalServer) -> None:
    server.routes["/query"] = _answer(RESULTS)
    with pytest.raises(InputError, match="answered a CONSTRUCT query with application/sparql-results"):
        RemoteStore(server.url + "/query", timeout=5).query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_garbage_where_results_were_asked(server: LocalServer) -> None:
    server.routes["/query"] = _answer("{not json", "application/sparql-results+json")
    with pytest.raises(InputError) as caught:
        list(RemoteStore(server.url + "/query", timeout=5).query("SELECT * WHERE { ?s ?p ?o }"))
    assert "not valid application/sparql-results+json" in _one_line(caught)


# allow-list --------------------------------------------------------------------------------------


def test_allow_list_refuses_other_hosts_before_any_request(server: LocalServer, monkeypatch) -> None:
    server.routes["/query"] = _answer(RESULTS)
    monkeypatch.setenv(ENDPOINT_HOSTS_ENV, "db.example.org, localhost")
    with pytest.raises(InputError) as caught:
        RemoteStore(server.url + "/query").query("ASK {}")
    assert _one_line(caught) == f"{server.url}/query:0: host 127.0.0.1 is not among the allowed endpoint hosts"
    with pytest.raises(InputError, match="not among the allowed"):
        RemoteStore("http://db.example.org/query", f"http://u:p@127.0.0.1:{server.port}/update")
    with pytest.raises(InputError, match="not among the allowed"):
        RemoteStore(server.url + "/query", allowed_hosts=["localhost"])
    assert server.seen == []
    monkeypatch.setenv(ENDPOINT_HOSTS_ENV, "127.0.0.1")
    assert len(RemoteStore(server.url + "/query", timeout=5)) == 7
    monkeypatch.delenv(ENDPOINT_HOSTS_ENV)
    assert len(RemoteStore(server.url + "/query", allowed_hosts="127.0.0.1,::1", timeout=5)) == 7


# passwords ---------------------------------------------------------------------------------------


def test_password_never_shown(server: LocalServer) -> None:
    assert mask_url("http://admin:s3cret@127.0.0.1:1/q") == "http://admin:***@127.0.0.1:1/q"
    store = RemoteStore(f"http://admin:s3cret@127.0.0.1:{server.port}/query", timeout=5)
    assert "s3cret" not in repr(store) and "s3cret" not in store.endpoint
    assert repr(store) == f"RemoteStore('http://admin:***@127.0.0.1:{server.port}/query')"
    messages = []
    for url in ["http://admin:s3cret@127.0.0.1:70000/q", "http://admin:s3cret@[::1/q", "ftp://admin:s3cret@h/q"]:
        with pytest.raises(InputError) as caught:
            RemoteStore(url)
        messages.append(str(caught.value))
    with pytest.raises(InputError) as caught:
        store.query("ASK {}")  # 404
    messages.append(str(caught.value))
    assert messages and not any("s3cret" in m for m in messages)
    assert messages[0] == "http://admin:***@127.0.0.1:70000/q:0: not a valid URL (port out of range 0-65535)"
