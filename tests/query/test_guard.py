"""Tests for graph.query.guard: only read-only queries over the loaded data pass, checked on the parsed query."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib.plugins.sparql

from graph.errors import InputError
from graph.query.guard import MAX_QUERY_CHARS, CheckedQuery, QueryRefused, check_query, normalize_query

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
LOADED = "https://w3id.org/cloudatlas/graph/derived"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("SELECT ?s WHERE { ?s a ca:Service }", "select", id="select"),
        pytest.param("ASK { cid:rds ?p ?o }", "ask", id="ask"),
        pytest.param("CONSTRUCT WHERE { ?s ca:caches ?o }", "construct", id="construct"),
        pytest.param("DESCRIBE cid:rds", "describe", id="describe"),
        pytest.param("select * where { ?s ?p ?o } limit 1", "select", id="lower-case"),
        pytest.param("# SERVICE <http://x> in a comment\nASK { ?s ?p 'SERVICE <http://x> {}' }", "ask", id="words"),
        pytest.param("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "select", id="graph-variable"),
    ],
)
def test_read_only_queries_pass(text: str, kind: str) -> None:
    assert check_query(text).kind == kind


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_bundled_example_queries_pass(path: Path) -> None:
    checked = check_query(path.read_text(encoding="utf-8"), name=path.name, loaded_graphs={LOADED})
    assert checked.kind in {"select", "ask", "construct", "describe"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("INSERT DATA { cid:a cid:b cid:c }", id="insert-data"),
        pytest.param("DELETE WHERE { ?s ?p ?o }", id="delete-where"),
        pytest.param("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", id="modify"),
        pytest.param("WITH <https://e.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", id="with"),
        pytest.param("CLEAR ALL", id="clear"),
        pytest.param("DROP GRAPH <https://e.org/g>", id="drop"),
        pytest.param("CREATE GRAPH <https://e.org/g>", id="create"),
        pytest.param("COPY DEFAULT TO <https://e.org/g>", id="copy"),
        pytest.param("PREFIX e: <https://e.org/>\n# a comment\nINSERT DATA { e:a e:b e:c }", id="after-prologue"),
        pytest.param("INSERT DATA { <a> <b> ", id="broken-update"),
    ],
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(QueryRefused, match="updates are not allowed"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    ["LOAD <http://127.0.0.1:9/data.ttl>", "LOAD SILENT <file:///etc/passwd> INTO GRAPH <https://e.org/g>", "load <x"],
)
def test_load_is_refused(text: str) -> None:
    with pytest.raises(QueryRefused, match="LOAD is not allowed"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", id="top"),
        pytest.param("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }", id="silent"),
        pytest.param("select * where { service <http://127.0.0.1:9/> { ?s ?p ?o } }", id="lower-case"),
        pytest.param("SELECT * WHERE { ?x ?y ?z SERVICE ?endpoint { ?s ?p ?o } }", id="variable"),
        pytest.param("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://h/> { ?s ?q ?r } } }", id="optional"),
        pytest.param("SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <http://h/> { ?s ?p ?o } } }", id="union"),
        pytest.param("SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <http://h/> { ?s ?p ?o } } }", id="minus"),
        pytest.param("SELECT * WHERE { { SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } } } }", id="sub-select"),
        pytest.param("ASK { FILTER EXISTS { SERVICE <http://h/> { ?s ?p ?o } } }", id="exists"),
        pytest.param("SELECT (EXISTS { SERVICE <http://h/> { } } AS ?x) {}", id="exists-in-projection"),
        pytest.param("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://h/> { ?s ?p ?o } }", id="construct"),
        pytest.param("PREFIX h: <http://h/> DESCRIBE ?s WHERE { SERVICE h:x { ?s ?p ?o } }", id="describe-prefixed"),
        # A comment ended by a lone carriage return: one parser reads the rest of the line as comment,
        # another as code. Line ends are normalised before parsing, so both see the SERVICE.
        pytest.param("SELECT * WHERE {\n # note\rSERVICE <http://h/> { ?s ?p ?o }\n}", id="cr-in-comment"),
    ],
)
def test_service_is_refused_wherever_it_is(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        check_query(text)


def test_service_refusal_names_its_line() -> None:
    with pytest.raises(QueryRefused) as caught:
        check_query("SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <http://h/> { ?s ?p ?o }\n}")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * FROM <http://127.0.0.1:9/x.ttl> WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1:9/x.ttl> names data"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM NAMED <file:///etc/passwd> names data"),
        ("SELECT * FROM cid:elsewhere WHERE { ?s ?p ?o }", "FROM <https://w3id.org/cloudatlas/id/elsewhere> names"),
        ("CONSTRUCT { ?s ?p ?o } FROM <https://e.org/g> WHERE { ?s ?p ?o }", "FROM <https://e.org/g> names"),
        ("ASK FROM <https://e.org/g> { ?s ?p ?o }", "FROM <https://e.org/g> names data that is not loaded"),
    ],
)
def test_from_naming_data_not_loaded_is_refused(text: str, message: str) -> None:
    with pytest.raises(QueryRefused, match=message.replace("(", r"\(")):
        check_query(text, loaded_graphs={LOADED})


def test_from_naming_loaded_graphs_passes() -> None:
    checked = check_query(
        f"SELECT * FROM <{LOADED}> FROM NAMED <{LOADED}> WHERE {{ ?s ?p ?o }}", loaded_graphs={LOADED}
    )
    assert checked == CheckedQuery(
        f"SELECT * FROM <{LOADED}> FROM NAMED <{LOADED}> WHERE {{ ?s ?p ?o }}", "select", (LOADED,), (LOADED,)
    )


def test_rdflib_never_loads_from_graphs() -> None:
    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("SELEC * WHERE { ?s ?p ?o }", 1, 1),
        ("SELECT ?s WHERE {\n  ?s ?p\n}", 2, 3),
        ("SELECT * WHERE { ?s ?p ?o }\nLIMIT x", 2, 1),
        ("SELECT * WHERE {\n ?s ?p ?o ", 2, 11),
    ],
)
def test_syntax_errors_give_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(InputError) as caught:
        check_query(text, name="q.rq")
    assert not isinstance(caught.value, QueryRefused)
    assert (caught.value.file, caught.value.line) == ("q.rq", line)
    assert caught.value.problem.startswith(f"column {column}: SPARQL syntax error")


def test_unknown_prefix_is_named() -> None:
    with pytest.raises(InputError, match=r"unknown prefix foo: \(declare it with PREFIX foo: <\.\.\.>\)"):
        check_query("SELECT * WHERE { ?s foo:bar ?o }")


def test_own_prefixes_replace_the_default_ones() -> None:
    assert check_query("ASK { ?s e:p ?o }", prefixes={"e": "https://e.org/"}).kind == "ask"
    with pytest.raises(InputError, match="unknown prefix ca:"):
        check_query("ASK { ?s ca:p ?o }", prefixes={"e": "https://e.org/"})


def test_line_ends_are_normalised_in_the_text_to_run() -> None:
    assert check_query("\ufeffASK {\r\n}\r").text == "ASK {\n}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ASK { ?s ?p '\x00' }", "control character U+0000"),
        ("ASK {\n ?s ?p ?o \x0c}", "control character U+000C"),
        ("ASK { # c\u2028 }", "column 10: character U+2028"),
        ("ASK { # c\u0085 }", "control character U+0085"),
        ("ASK { ?s ?p '\ud800' }", "lone surrogate U+D800"),
        ("ASK { \\u0053ERVICE <http://h/> {} }", "\\u0053 escapes are not supported"),
        ("ASK { ?s ?p 'caf\\U000000e9' }", "\\U000000e9 escapes are not supported"),
    ],
)
def test_text_parsers_may_read_differently_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        check_query(text)


def test_anything_after_the_query_is_a_syntax_error() -> None:
    with pytest.raises(InputError, match="expected the end of the query"):
        check_query("ASK {} ; INSERT DATA { <a> <b> <c> }")


def test_too_long_query_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="query is too long"):
        normalize_query("#" * (MAX_QUERY_CHARS + 1))


def test_deep_nesting_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nested too deeply|syntax error"):
        check_query("ASK { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }")


def test_non_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be a string"):
        check_query(b"ASK {}")  # type: ignore[arg-type]
