"""Property-based fuzzing: hostile text, bytes and queries give results or a clear InputError, never a crash.

500 examples per test in ``make test``; ``make fuzz`` runs 10,000 (``HYPOTHESIS_PROFILE=fuzz``, see
``tests/conftest.py``). Inputs mix raw random data with fragments of each grammar, so that most
examples get past the first character of the parsers.

Every accepted query is also run (in this process, where no network namespace protects it)
against a store, while a local HTTP server records requests: any SERVICE, LOAD or FROM that got
past the checks would show up there.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.query.guard import CheckedQuery, check_query
from graph.query.sparql import QueryResult, run_query
from graph.rdf.pipeline import BUNDLED_NOTES
from graph.rdf.store import Store
from graph.rdf.triples import nquad_lines
from graph.read.extraction import extract
from graph.read.outline import decode_notes, read_outline

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parent.parent
SEED_NOTES = ROOT / "tests" / "fixtures" / "seed" / "aws-database-notes.txt"

FIXTURES = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))


def _joined(tokens: list[str], separators: list[str]) -> st.SearchStrategy[str]:
    """Text made of grammar fragments and bits of random text, joined by separators."""
    piece = st.sampled_from(tokens) | st.text(PRINTABLE, max_size=6)
    return st.lists(st.tuples(piece, st.sampled_from(separators)), max_size=40).map(
        lambda parts: "".join(p + s for p, s in parts)
    )


def _apply(seed: str, edits: list[tuple[int, int, str]]) -> str:
    for position, deleted, inserted in edits:
        position %= len(seed) + 1
        seed = seed[:position] + inserted + seed[position + deleted :]
    return seed


def _mutated(seeds: list[str], tokens: list[str]) -> st.SearchStrategy[str]:
    """A valid document with a few random edits: spans deleted, tokens or random text put in."""
    filler = st.sampled_from(tokens) | st.text(PRINTABLE, max_size=4) | st.text(max_size=2)
    edit = st.tuples(st.integers(0, 10**6), st.integers(0, 12), filler)
    return st.tuples(st.sampled_from(seeds), st.lists(edit, max_size=3)).map(lambda pair: _apply(*pair))


# --- notes: reader and extractor -----------------------------------------------------------------

NOTE_TOKENS = [
    "#", "##", "###", "-", "*", "+", "•", "◦", "▪", "1.", "2)", "  -", "\t-", "    •", "```", "~~~",
    "RDS", "Aurora", "DynamoDB", "DAX", "ElastiCache", "Redis", "MySQL", "PostgreSQL", "Redshift", "EMR", "Spark",
    "DMS", "SCT", "CloudFront", "S3", "Multi-AZ", "read replicas", "RR", "PITR", "Global Tables", "backup",
    "up to", "max", "min", "at most", "between", "to", "per", "retention", "item size", "storage", "latency",
    "5", "15", "0", "1.5", "10,000", "1e9", "-3", "35 days", "400 KB", "64 TB", "128 TiB", "10 ms", "24 hours",
    "1-5", "5x", "99.99%", "$0.25/hr", "w/", "w/o", "b/c", "→", "->", "=>", ":", ";", "(", ")", "[", "]", "/", "|",
    "caches", "in front of", "migrate from", "to", "compatible with", "engines:", "sources:", "targets:", "e.g.",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u202e", "\ufeff", "\x00", "\x0c", "\u2028",
]  # fmt: skip
NOTE_SEPARATORS = [" ", " ", " ", "\n", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\t", ""]
NOTE_SEEDS = [
    "\n".join(path.read_text(encoding="utf-8").splitlines()[start : start + 25])
    for path in sorted(BUNDLED_NOTES.glob("*.md"))
    for start in (0, 25)
] + ["\n".join(SEED_NOTES.read_text(encoding="utf-8").splitlines()[:40])]
NOTES_TEXT = st.text() | _joined(NOTE_TOKENS, NOTE_SEPARATORS) | _mutated(NOTE_SEEDS, NOTE_TOKENS + NOTE_SEPARATORS)


def _notes_to_store(text: str, name: str) -> None:
    outline = read_outline(text, name)
    facts = extract([outline])
    store = Store()
    store.load_ntriples_lines(nquad_lines(facts))
    event("notes with triples" if len(store) else "notes without triples")


@pytest.mark.parametrize("name", ["fuzz.md", "fuzz.txt"])
@given(text=NOTES_TEXT)
def test_fuzz_notes_reader_and_extractor(name: str, text: str) -> None:
    try:
        _notes_to_store(text, name)
    except InputError:
        event("InputError")


@given(data=st.binary() | NOTES_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzz_notes_bytes(data: bytes) -> None:
    try:
        _notes_to_store(decode_notes(data, "fuzz.txt"), "fuzz.txt")
    except InputError:
        event("InputError")


# --- RDF loader: random bytes in each format -----------------------------------------------------

RDF_TOKENS = {
    "turtle": [
        "@prefix e: <https://e.org/> .", "@base <https://e.org/> .", "PREFIX e: <https://e.org/>", "<https://e.org/a>",
        "e:a", "e:", ":a", "a", ";", ",", ".", "[", "]", "(", ")", '"x"', "'y'", '"""z"""', "@en", "^^e:t",
        "^^<http://www.w3.org/2001/XMLSchema#integer>", "_:b", "<<", ">>", "{|", "|}", "1", "-2.5", "1e3", "true",
        "<a>", "<../x>", "\\u0041", "\\", "#",
    ],
    "nt": ["<https://e.org/a>", "<https://e.org/p>", '"x"', '"y"@en', '"1"^^<http://www.w3.org/2001/XMLSchema#int>',
           "_:b", ".", "<<", ">>", "#", "\\u00", '"\\"'],
    "nq": ["<https://e.org/a>", "<https://e.org/p>", "<https://e.org/g>", '"x"', "_:b", "_:g", ".", "#"],
    "trig": ["@prefix e: <https://e.org/> .", "GRAPH", "e:g", "{", "}", "e:a", "e:p", "e:o", ".", ";", "_:b", '"x"',
             "[", "]", "a"],
    "jsonld": [
        "{", "}", "[", "]", ":", ",", '"@context"', '"@id"', '"@type"', '"@graph"', '"@value"', '"@language"',
        '"@list"', '"@set"', '"@reverse"', '"@vocab"', '"@base"', '"@container"', '"@index"', '"@nest"',
        '"@included"', '"@json"', '"@direction"', '"@import"', '"@protected"', '"https://e.org/a"', '"e:b"', '"e"',
        '"http://127.0.0.1:9/context.jsonld"', '"file:///etc/passwd"', "1", "1.5", "null", "true", '""', '"x"',
    ],
    "xml": [
        '<?xml version="1.0"?>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://e.org/">',
        "</rdf:RDF>", '<rdf:Description rdf:about="https://e.org/a">', "</rdf:Description>", "<e:p>", "</e:p>",
        "<e:p/>", 'rdf:resource="https://e.org/b"', 'rdf:parseType="Literal"', 'rdf:parseType="Resource"',
        'rdf:parseType="Collection"', 'rdf:nodeID="b1"', 'xml:lang="en"', 'xml:base="https://e.org/"',
        'rdf:datatype="http://www.w3.org/2001/XMLSchema#int"', "<!DOCTYPE r>", '<!ENTITY x "y">', "&amp;", "&x;",
        "<![CDATA[", "]]>", "<!--", "-->", "<", ">", "/>", "=", '"', "x",
    ],
}  # fmt: skip


RDF_SEEDS = {
    "turtle": [
        "@prefix e: <https://e.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'e:a a e:T ; e:p "x"@en, "1"^^xsd:integer, 2.5, true ; e:q [ e:r e:b ; e:s ( 1 e:c "z" ) ] .\n'
        "_:b e:p '''long\ntext''' . e:a e:p e:o {| e:since 2020 |} . << e:a e:p e:o >> e:q e:r .\n",
    ],
    "nt": [
        '<https://e.org/a> <https://e.org/p> "x"@en .\n_:b <https://e.org/p> "1"^^<http://e.org/int> .\n'
        '<https://e.org/a> <https://e.org/q> _:b . # c\n<https://e.org/a> <https://e.org/p> "\\u00e9\\n" .\n'
    ],
    "nq": [
        '<https://e.org/a> <https://e.org/p> "x" <https://e.org/g> .\n_:b <https://e.org/p> _:c _:g .\n'
        '<https://e.org/a> <https://e.org/p> "y"@en .\n'
    ],
    "trig": [
        "@prefix e: <https://e.org/> .\ne:g { e:a e:p e:o ; e:q [ e:r 1 ] . }\nGRAPH e:h { e:b e:p (1 2) }\n"
        "{ e:c e:p 'x' }\n_:g { e:d a e:T }\n"
    ],
    "jsonld": [
        '{"@context": {"e": "https://e.org/", "name": "e:name", "knows": {"@id": "e:knows", "@type": "@id"},\n'
        '"list": {"@id": "e:list", "@container": "@list"}, "@vocab": "https://e.org/v#"},\n'
        '"@graph": [{"@id": "e:a", "@type": "e:T", "name": [{"@value": "A", "@language": "en"}, "B"],\n'
        '"knows": "e:b", "list": [1, 2.5, true], "e:n": {"@value": "3", "@type": "http://www.w3.org/2001/XMLSchema#int"},\n'
        '"@reverse": {"e:parent": {"@id": "e:c"}}, "nested": {"e:x": "y"}}]}',
        '[{"@id": "https://e.org/a", "https://e.org/p": [{"@id": "_:b"}, {"@value": "x"}], "@graph": []}]',
    ],
    "xml": [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://e.org/" '
        'xml:base="https://e.org/">\n'
        '  <rdf:Description rdf:about="a" e:attr="v">\n'
        '    <e:p xml:lang="en">x</e:p>\n'
        '    <e:n rdf:datatype="http://www.w3.org/2001/XMLSchema#int">1</e:n>\n'
        '    <e:q rdf:resource="b"/>\n'
        '    <e:r rdf:nodeID="n1"/>\n'
        '    <e:s rdf:parseType="Resource"><e:t>u</e:t></e:s>\n'
        '    <e:l rdf:parseType="Literal"><b>bold</b></e:l>\n'
        '    <e:c rdf:parseType="Collection"><rdf:Description rdf:about="c1"/><rdf:Description rdf:about="c2"/></e:c>\n'
        "  </rdf:Description>\n"
        '  <e:T rdf:ID="typed"><rdf:li>one</rdf:li><rdf:_2>two</rdf:_2></e:T>\n'
        "</rdf:RDF>\n",
    ],
}


@pytest.mark.parametrize("fmt", sorted(RDF_TOKENS))
@given(data=st.data())
def test_fuzz_rdf_loader(fmt: str, data: st.DataObject) -> None:
    texts = _joined(RDF_TOKENS[fmt], [" ", "\n", "", " "]) | _mutated(RDF_SEEDS[fmt], RDF_TOKENS[fmt])
    text = data.draw(st.binary() | texts.map(lambda t: t.encode("utf-8", "surrogatepass")), label="data")
    store = Store()
    try:
        store.load_text(text, fmt, name=f"fuzz.{fmt}")
    except InputError:
        event("InputError")
        assert len(store) == 0  # all or nothing
    else:
        event("loaded with triples" if len(store) else "loaded, empty")
    store.dump("nq")


# --- the query guard, and the engine behind it ------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        _Recorder.hits.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recorder_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def tiny_store() -> Store:
    store = Store()
    store.load_text(
        """@prefix cid: <https://w3id.org/cloudatlas/id/> . @prefix ca: <https://w3id.org/cloudatlas/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        cid:dax a ca:CacheService ; rdfs:label "DAX" ; ca:caches cid:dynamodb .
        cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB"@en ; ca:maxValue 400 .
        <https://w3id.org/cloudatlas/graph/derived> { cid:dax ca:cachesFor cid:dynamodb }""",
        "trig",
    )
    return store


SPARQL_TOKENS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FROM", "NAMED", "SERVICE", "SILENT", "LOAD", "INTO",
    "INSERT", "DELETE", "DATA", "WITH", "CLEAR", "DROP", "CREATE", "ALL", "DEFAULT", "GRAPH", "OPTIONAL", "UNION",
    "MINUS", "FILTER", "EXISTS", "NOT", "BIND", "AS", "VALUES", "GROUP", "BY", "ORDER", "DESC", "LIMIT", "OFFSET",
    "HAVING", "COUNT", "SUM", "GROUP_CONCAT", "SEPARATOR", "DISTINCT", "REDUCED", "PREFIX", "BASE", "a", "UNDEF",
    "LATERAL", "REGEX", "STR", "LANG", "CONCAT", "IRI", "BNODE", "STRLEN", "IF", "COALESCE", "isIRI",
    "{", "}", "(", ")", ".", ";", ",", "*", "?", "$", "<", ">", "=", "!=", "&&", "||", "!", "+", "-", "/", "^",
    "|", "^^", "@en", "[", "]", "<<", ">>", "#", "# c\n", "\n", "\r", "\\u0053", "'",
    "?s", "?p", "?o", "?x", "$y", "<https://e.org/a>", "<https://w3id.org/cloudatlas/graph/derived>", "<a>",
    "cid:dax", "cid:dynamodb", "rdfs:label", "ca:caches", "ca:maxValue", "foo:bar", "e:", "_:b", "[]",
    "'DAX'", '"x"', '"""y"""', "1", "2.5", "-3", "1e2", "true", "(1)", "{}", "ca:caches+", "ca:caches*",
    "(ca:caches|rdfs:label)", "^ca:caches", "RECORDER", "<RECORDER>", "<RECORDERsparql>",
]  # fmt: skip
QUERY_SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "ontology" / "queries").glob("*.rq"))]
QUERY_TEXT = (
    st.text(max_size=200)
    | _mutated(QUERY_SEEDS, SPARQL_TOKENS)
    | _joined(SPARQL_TOKENS, [" ", " ", "", "\n"])
    | st.tuples(
        st.sampled_from(
            ["SELECT * WHERE {", "ASK {", "CONSTRUCT WHERE {", "SELECT ?s FROM <RECORDER> {", "DESCRIBE ?s {"]
        ),
        _joined(SPARQL_TOKENS, [" ", " ", "", "\n"]),
        st.sampled_from(["}", "} LIMIT 5", "", "} GROUP BY ?s", "}}"]),
    ).map(" ".join)
)


def _kind(problem: str) -> str:
    """The kind of a problem, without its positions and details."""
    for kind in ("SPARQL syntax error", "escapes", "character", "not allowed", "names data", "unknown prefix"):
        if kind in problem:
            return kind
    return problem.split(":")[0][:40]


@FIXTURES
@given(text=QUERY_TEXT)
def test_fuzz_query_guard(text: str, recorder_url: str, tiny_store: Store) -> None:
    text = text.replace("RECORDER", recorder_url)
    loaded = {"https://w3id.org/cloudatlas/graph/derived"}
    try:
        checked = check_query(text, loaded_graphs=loaded)
    except InputError as err:
        checked = None
        event(f"refused: {type(err).__name__}: {_kind(err.problem)}")
    if checked is not None:
        assert isinstance(checked, CheckedQuery)
        try:
            result = run_query(tiny_store, text, timeout=None, max_rows=50)
        except InputError as err:
            event(f"accepted, then engine error: {_kind(err.problem)}")
        else:
            event(f"accepted and run: {checked.kind}")
            assert isinstance(result, QueryResult) and len(result.rows) <= 50
    assert _Recorder.hits == [], f"a query reached the network: {text!r}"
