"""The app takes SPARQL and files from whoever opens it: one test per known hole, with the hostile input itself.

Holes covered: SERVICE, LOAD, updates and FROM reaching out (server-side request forgery), JSON-LD
remote contexts, XML entity bombs and external entities, unbounded uploads, runaway queries, lost
data after a failed load or a killed process, HTML in notes, server settings, and CLI errors.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.errors import InputError
from graph.query.guard import QueryRefused
from graph.query.sparql import QueryTimeout, run_query
from graph.rdf.pipeline import build_store
from graph.rdf.store import Store
from graph.rdf.upload import add_upload, check_size, parse_upload, parse_uploads, upload_limit_bytes
from graph.utils import sandbox
from graph.utils.offline import NetworkRefused, no_network
from graph.utils.sandbox import run_isolated

pytest_plugins = ["tests.oxigraph_server"]

ROOT = Path(__file__).resolve().parents[2]
CID = "https://w3id.org/cloudatlas/id/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


class Recorder:
    """A local HTTP server that answers everything and records each request it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                hits.append(f"{self.command} {self.path}")
                body = b'{"@context": {"name": "http://schema.org/name"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def bundled() -> Store:
    return build_store()


def small_store() -> Store:
    store = Store()
    store.load_text(
        "".join(f'<{CID}s{i}> <{RDFS_LABEL}> "service {i}" .\n' for i in range(30))
        + f"<{CID}s0> <{RDF_TYPE}> <{CID}T> .\n",
        "nt",
    )
    return store


def snapshot(store: Store) -> list[str]:
    """The store's quads as sorted N-Quads lines (same store, same blank node ids)."""
    return sorted(store.ox.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())


# --- 1. read-only queries, and no network from them ------------------------------------------------


def test_the_engine_alone_would_call_service(recorder: Recorder) -> None:
    """Why the checks exist: pyoxigraph executes SERVICE over HTTP (from Rust, out of reach of audit hooks)."""
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE SILENT <{recorder.url}sparql> {{ ?s ?p ?o }} }}"))
    assert recorder.hits, "pyoxigraph no longer calls SERVICE endpoints: the note in graph/query/guard.py can go"


@pytest.mark.parametrize("timeout", [10.0, None], ids=["worker", "in-process"])
@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}", "SERVICE is not allowed"),
        ("SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}", "SERVICE is not allowed"),
        ("ASK {{ FILTER EXISTS {{ SERVICE <{url}x> {{ }} }} }}", "SERVICE is not allowed"),
        ("SELECT * WHERE {{\n # c\rSERVICE SILENT <{url}sparql> {{ ?s ?p ?o }}\n}}", "SERVICE is not allowed"),
        ("LOAD <{url}data.ttl>", "LOAD is not allowed"),
        ("INSERT DATA {{ <{url}a> <{url}b> <{url}c> }}", "updates are not allowed"),
        ("DELETE WHERE {{ ?s ?p ?o }}", "updates are not allowed"),
        ("SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}", "FROM <{url}data.ttl> names data that is not loaded"),
        ("SELECT * FROM NAMED <{url}g> WHERE {{ ?s ?p ?o }}", "FROM NAMED <{url}g> names data that is not loaded"),
    ],
    ids=["service", "service-silent", "service-in-exists", "cr-comment", "load", "insert", "delete", "from", "named"],
)
def test_hostile_queries_are_refused_and_reach_nothing(
    recorder: Recorder, template: str, message: str, timeout: float | None
) -> None:
    store = small_store()
    before = snapshot(store)
    with pytest.raises(QueryRefused) as caught:
        run_query(store, template.format(url=recorder.url), timeout=timeout)
    assert caught.value.problem.startswith(message.format(url=recorder.url))
    assert recorder.hits == []
    assert snapshot(store) == before


def test_worker_has_no_route_out_even_past_the_checks(recorder: Recorder) -> None:
    """Belt and braces: an unchecked SERVICE run in the query worker reaches nothing (where namespaces exist)."""
    store = small_store()
    query = f"SELECT * WHERE {{ SERVICE SILENT <{recorder.url}sparql> {{ ?s ?p ?o }} }}"
    run_isolated(lambda: len(list(store.ox.query(query))), timeout=20)
    report = sandbox.last_report()
    if report is None or not report.isolated:
        pytest.skip("this system gives no network namespace to unprivileged processes")
    assert recorder.hits == []


def test_remote_store_is_queried_from_the_worker_with_only_its_endpoint_allowed(remote_store) -> None:
    remote_store.publish(small_store())
    result = run_query(remote_store, "SELECT ?l WHERE { cid:s3 rdfs:label ?l }", timeout=10)
    assert result.rows == [{"l": "service 3"}]
    report = sandbox.last_report()
    assert report is not None and report.outcome == "ok" and not report.isolated
    assert remote_store.allow_hosts == ("127.0.0.1",)
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        run_query(remote_store, "SELECT * WHERE { SERVICE <http://192.0.2.1/> { ?s ?p ?o } }", timeout=10)


def test_rdflib_loading_of_from_graphs_is_off() -> None:
    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False


# --- 2. no network from files: JSON-LD contexts, XML entities -------------------------------------


def jsonld_with_context(url: str) -> str:
    return json.dumps({"@context": f"{url}context.jsonld", "@id": "https://e.org/a", "name": "A"})


def test_jsonld_remote_context_is_refused_by_the_loader(recorder: Recorder) -> None:
    store = small_store()
    before = snapshot(store)
    with pytest.raises(InputError, match="remote JSON-LD @context is not allowed"):
        store.load_text(jsonld_with_context(recorder.url), "jsonld", name="ctx.jsonld")
    with pytest.raises(InputError, match="remote JSON-LD @context is not allowed"):
        parse_upload("ctx.jsonld", jsonld_with_context(recorder.url).encode())
    with pytest.raises(InputError, match="remote JSON-LD @context is not allowed"):
        store.load_text(json.dumps({"@context": "file:///etc/passwd", "@id": "https://e.org/a"}), "jsonld")
    assert recorder.hits == []
    assert snapshot(store) == before


def test_rdflib_jsonld_fetches_contexts_unless_no_network(recorder: Recorder) -> None:
    """rdflib fetches remote contexts (rdflib#1844); inside ``no_network`` the audit hook stops it."""
    with no_network(allow=[]), pytest.raises(Exception) as caught:  # noqa: B017 - rdflib may wrap the refusal
        rdflib.Graph().parse(data=jsonld_with_context("http://192.0.2.1/"), format="json-ld")
    chain = [caught.value, caught.value.__cause__, caught.value.__context__]
    assert any(isinstance(err, NetworkRefused) for err in chain)
    rdflib.Graph().parse(data=jsonld_with_context(recorder.url), format="json-ld")
    assert recorder.hits == ["GET /context.jsonld"]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://e.org/">
  <rdf:Description rdf:about="https://e.org/a"><e:p>&lol9;</e:p></rdf:Description>
</rdf:RDF>
"""


def test_the_engine_alone_expands_xml_entities() -> None:
    """Why XML is checked first: Oxigraph's RDF/XML parser expands internal entities."""
    small = BOMB.split("<!ENTITY lol4")[0] + "]>" + BOMB.split("]>", 1)[1].replace("&lol9;", "&lol3;")
    store = ox.Store()
    store.load(small, format=ox.RdfFormat.RDF_XML)
    assert [len(q.object.value) for q in store] == [3000]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(BOMB.encode(), id="billion-laughs"),
        pytest.param(BOMB.encode("utf-16"), id="utf-16"),
        pytest.param(BOMB.replace("<!DOCTYPE", "<!doctype").encode(), id="lower-case"),
        pytest.param(
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><!ENTITY x "y"></rdf:RDF>', id="bare"
        ),
    ],
)
def test_xml_entity_bombs_are_refused_before_parsing(data: bytes, tmp_path: Path) -> None:
    store = small_store()
    before = snapshot(store)
    with pytest.raises(InputError, match=r"<!(DOCTYPE|ENTITY) is not allowed in RDF/XML"):
        store.load_text(data, "xml", name="bomb.rdf")
    (tmp_path / "bomb.rdf").write_bytes(data)
    with pytest.raises(InputError, match="is not allowed in RDF/XML"):
        build_store([tmp_path / "bomb.rdf"], store=store)
    with pytest.raises(InputError, match="is not allowed in RDF/XML"):
        parse_upload("bomb.rdf", data)
    with pytest.raises(InputError, match="is not allowed in RDF/XML"):
        parse_upload("bomb.txt", data, format="xml")
    assert snapshot(store) == before


def test_xml_external_entities_reach_nothing(recorder: Recorder) -> None:
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "{recorder.url}secret">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://e.org/">
  <rdf:Description rdf:about="https://e.org/a"><e:p>&x;</e:p></rdf:Description>
</rdf:RDF>"""
    with pytest.raises(InputError, match="<!DOCTYPE is not allowed"):
        parse_upload("xxe.rdf", xxe.encode())
    assert recorder.hits == []


# --- 3. time and size bounds ----------------------------------------------------------------------


def test_runaway_query_is_stopped_and_the_next_one_answers_at_once(bundled: Store) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        run_query(bundled, RUNAWAY, timeout=2)
    assert time.monotonic() - started < 5
    assert caught.value.problem == "query stopped after 2 s (time limit)"
    assert isinstance(caught.value, InputError)
    started = time.monotonic()
    result = run_query(bundled, "SELECT ?label WHERE { cid:dynamodb rdfs:label ?label }", timeout=2)
    assert result.rows == [{"label": "DynamoDB"}]
    assert time.monotonic() - started < 1.5


def test_default_time_limit_is_ten_seconds() -> None:
    assert run_query.__kwdefaults__["timeout"] == 10.0
    assert run_query.__kwdefaults__["max_rows"] == 10_000


def test_row_cap_cuts_and_says_so() -> None:
    store = small_store()
    select = run_query(store, "SELECT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s", max_rows=10)
    assert len(select.rows) == 10 and select.truncated
    graph = run_query(store, "CONSTRUCT WHERE { ?s rdfs:label ?l }", max_rows=10)
    assert len(graph.triples) == 10 and graph.truncated
    whole = run_query(store, "SELECT ?s WHERE { ?s rdfs:label ?l }", max_rows=30)
    assert len(whole.rows) == 30 and not whole.truncated


def test_query_memory_limit_stops_the_worker_not_the_app() -> None:
    store = Store()
    store.load_text("".join(f'<https://e.org/s{i}> <https://e.org/p> "{"x" * 50}{i}" .\n' for i in range(300)), "nt")
    greedy = "SELECT (GROUP_CONCAT(?a) AS ?x) WHERE { ?s ?p ?a . ?t ?q ?b . ?u ?r ?c }"
    with pytest.raises(InputError, match=r"query stopped: it needed more than 200 MB \(memory limit\)"):
        run_query(store, greedy, timeout=60, memory_mb=200)
    assert run_query(store, "ASK { ?s ?p ?o }").boolean is True


# --- 4. hostile files -------------------------------------------------------------------------------


def test_upload_cap_comes_from_the_server_settings() -> None:
    assert upload_limit_bytes() == 10 * 1024 * 1024
    check_size(b"#" * upload_limit_bytes(), name="a.ttl")
    with pytest.raises(InputError, match=r"file is too large \(10 MB; at most 10 MB\)"):
        check_size(b"#" * (upload_limit_bytes() + 1), name="a.ttl")


def test_too_large_upload_is_refused_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("graph.rdf.upload.run_isolated", lambda *a, **k: pytest.fail("parsed a file over the cap"))
    with pytest.raises(InputError, match="file is too large"):
        parse_upload("big.ttl", b"#" * (upload_limit_bytes() + 1))


MEMORY_LIMITED_UPLOAD = textwrap.dedent(
    """
    from graph.errors import InputError
    from graph.rdf.upload import parse_upload, upload_limit_bytes

    data = "".join(f'<https://e.org/s{i}> <https://e.org/p> "{i}" .\\n' for i in range(150_000)).encode()
    assert len(data) < upload_limit_bytes()
    try:
        parse_upload("many.nt", data, memory_mb=16)
    except InputError as err:
        print(err)
    print(len(parse_upload("many.nt", data)))
    """
)


def test_upload_parsing_has_a_memory_limit() -> None:
    # A fresh process: the limit counts address space beyond what the worker starts with, and a
    # long-lived test process may already hold freed memory the worker could reuse.
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_LIMITED_UPLOAD], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "many.nt:0: reading stopped: it needed more than 16 MB (memory limit)",
        "150000",
    ]


def test_upload_names_and_kinds() -> None:
    assert len(parse_upload("../../etc/notes.md", b"# RDS\n- Multi-AZ\n")) > 0
    with pytest.raises(InputError, match=r"^payload.exe:0: not a notes file"):
        parse_upload("dir/payload.exe", b"MZ")
    with pytest.raises(InputError, match="notes.md:2: binary file"):
        parse_upload("notes.md", b"# RDS\n\x00")


def test_uploads_parsed_together_give_what_the_pipeline_gives() -> None:
    from graph.rdf.pipeline import BUNDLED_NOTES

    files = sorted(BUNDLED_NOTES.glob("*.md"))[:3]
    parsed = parse_uploads([(f.name, f.read_bytes()) for f in files])
    assert {str(q) for q in parsed.ox} == {str(q) for q in build_store(files).ox}


def test_one_bad_upload_among_good_ones_names_the_file_and_line() -> None:
    good = ("a.md", b"# RDS\n- Multi-AZ\n")
    with pytest.raises(InputError, match=r"^b.ttl:2: "):
        parse_uploads([good, ("b.ttl", b"<https://e.org/a> <https://e.org/p> 1 .\n<oops\n")])
    with pytest.raises(InputError, match=r"^c.md:0: uploaded twice"):
        parse_uploads([("c.md", b"# A"), ("dir/c.md", b"# B")])


# --- 5. inert notes ---------------------------------------------------------------------------------


def hostile_notes(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # plain text keeps HTML as written (Markdown notes drop tags), so it reaches labels and tooltips
    (folder / "evil.txt").write_text(
        f"# {SCRIPT} Service\n- {ONERROR} feature\n- Up to 5 read replicas {SCRIPT}\n\n"
        f"# RDS\n- Engines: MySQL, {ONERROR}\n- Caches {SCRIPT}\n",
        encoding="utf-8",
    )
    return folder


def test_html_page_of_hostile_notes_keeps_them_as_text(tmp_path: Path) -> None:
    from graph.network.build import to_networkx
    from graph.views.drawing import view_data
    from graph.views.html import to_html
    from graph.views.selection import ViewSpec, select_view

    store = build_store([hostile_notes(tmp_path / "notes")])
    graph = to_networkx(store, include_notes=True)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert f"{SCRIPT} Service" in labels  # the hostile text is drawn, not dropped
    spec = ViewSpec(show_notes=True)
    page = to_html(view_data(select_view(graph, spec), spec), title=f"notes {SCRIPT}")
    assert SCRIPT not in page and ONERROR not in page and "<img" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e Service" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped


# --- 6. nothing lost --------------------------------------------------------------------------------


def test_failed_build_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "a-good.ttl").write_text(f'<{CID}x> <{RDFS_LABEL}> "X" .\n', encoding="utf-8")
    (tmp_path / "b-bad.ttl").write_text(f'<{CID}y> <{RDFS_LABEL}> "Y .\n', encoding="utf-8")
    (tmp_path / "c-good.md").write_text("# RDS\n- Multi-AZ\n", encoding="utf-8")
    store = small_store()
    before = snapshot(store)
    with pytest.raises(InputError, match="b-bad.ttl:1"):
        build_store(sorted(tmp_path.iterdir()), store=store)
    assert snapshot(store) == before


def test_failed_upload_leaves_the_store_as_it_was() -> None:
    store = small_store()
    before = snapshot(store)
    with pytest.raises(InputError):
        add_upload(store, "bad.ttl", b"<https://e.org/a> <https://e.org/p> .")
    with pytest.raises(InputError):
        add_upload(store, "bomb.rdf", BOMB.encode())
    assert snapshot(store) == before
    assert add_upload(store, "good.ttl", b"<https://e.org/a> <https://e.org/p> 1 .") == 1
    assert len(snapshot(store)) == len(before) + 1


def test_failed_queries_leave_the_store_as_it_was(bundled: Store) -> None:
    before = snapshot(bundled)
    for text in ("DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", RUNAWAY):
        with pytest.raises(InputError):
            run_query(bundled, text, timeout=1)
    assert snapshot(bundled) == before


KILLED_LOAD = textwrap.dedent(
    """
    import sys
    from graph.rdf.store import Store

    path, method, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lines = [f'<https://e.org/n{i}> <https://e.org/p> "{i}" .\\n' for i in range(count)]
    store = Store(path)
    print("loading", flush=True)
    if method == "load_text":
        store.load_text("".join(lines), "nt")
    else:
        store.load_ntriples_lines(lines)
    print("done", flush=True)
    """
)


KILLED_LOAD_LINES = 1_000_000  # several seconds of loading, killed after half a second


@pytest.mark.slow
@pytest.mark.parametrize("method", ["load_text", "load_ntriples_lines"])
def test_store_on_disk_killed_mid_load_reopens_as_before(tmp_path: Path, method: str) -> None:
    path = tmp_path / "store"
    store = Store(path)
    store.load_text(f'<{CID}rds> <{RDFS_LABEL}> "RDS" .\n<{CID}emr> <{RDFS_LABEL}> "EMR" .\n', "nt")
    store.ox.flush()
    before = snapshot(store)
    del store
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_LOAD, str(path), method, str(KILLED_LOAD_LINES)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "loading"
        time.sleep(0.5)
        assert proc.poll() is None, "the load ended before it could be killed"
        proc.kill()
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -9
    after = snapshot(Store(path))
    # All or nothing: on a fast machine the load may just have committed when the kill came.
    assert after == before or len(after) == len(before) + KILLED_LOAD_LINES


# --- 7. server settings -----------------------------------------------------------------------------


def test_streamlit_server_settings() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["server"]["maxUploadSize"] == 10
    assert config["browser"]["gatherUsageStats"] is False


# --- 8. clear errors on the command line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "<query>:1: SERVICE is not allowed"),
        ("LOAD <http://127.0.0.1:9/x.ttl>", "<query>:0: LOAD is not allowed"),
        ("INSERT DATA { cid:a cid:b cid:c }", "<query>:0: updates are not allowed"),
        ("SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }", "<query>:0: FROM <http://127.0.0.1:9/x> names data"),
        ("SELECT * WHERE {\n ?s ?p }", "<query>:2: column 2: SPARQL syntax error"),
        ("ASK { ?s foo:p ?o }", "<query>:0: unknown prefix foo:"),
    ],
)
def test_cli_refusals_exit_2_with_one_line(query: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    from graph.cli.main import main

    assert main(["query", "-q", query]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith(message)


def test_cli_time_limit_exits_2_with_one_line(capsys) -> None:
    from graph.cli.main import main

    started = time.monotonic()
    assert main(["query", "--timeout", "1", "-q", RUNAWAY]) == 2
    assert time.monotonic() - started < 10
    out, err = capsys.readouterr()
    assert (out, err) == ("", "<query>:0: query stopped after 1 s (time limit)\n")
