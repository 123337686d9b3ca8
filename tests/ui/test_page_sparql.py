"""The SPARQL page, driven through Streamlit's AppTest: examples, results, errors, graphs, highlights."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import uuid4

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "ui" / "pages" / "sparql.py")


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


def editor_sends(at: AppTest, text: str | None = None, *, run: bool = True) -> AppTest:
    """What the editor's Run button (or a pause in typing, ``run=False``) sends: AppTest draws no component,
    so its message is put in the session as the browser would. ``text`` defaults to what the page holds."""
    text = at.session_state["sparql.text"] if text is None else text
    try:
        last = at.session_state["sparql.editor"] or {}
    except KeyError:  # the editor sent nothing yet
        last = {}
    run_id = uuid4().hex if run else last.get("run")
    at.session_state["sparql.editor"] = {"text": text, "sent": uuid4().hex, "run": run_id}
    return at.run()


def editor_args(at: AppTest) -> dict:
    """The arguments the page gave the editor component in its last run."""
    editor = next(e for e in at.get("component_instance") if "cloudatlas_sparql_editor" in e.proto.component_name)
    return json.loads(editor.proto.json_args)


def run_example(at: AppTest, name: str) -> AppTest:
    at.selectbox(key="sparql.example").set_value(name).run()
    editor_sends(at)
    assert not at.exception
    return at


def run_text(at: AppTest, text: str) -> AppTest:
    """Type ``text`` in the plain text box (the editor component does not run under AppTest) and run it."""
    at.toggle(key="sparql.plain").set_value(True).run()
    at.text_area(key="sparql.plain_text").input(text).run()
    at.button(key="sparql.run").click().run()
    assert not at.exception
    return at


def test_page_shows_the_example_library_and_prefixes(page: AppTest) -> None:
    picker = page.selectbox(key="sparql.example")
    assert len(picker.options) >= 12
    assert "Limits of RDS" in picker.options
    assert any("PREFIX cid: <https://w3id.org/cloudatlas/id/>" in code.value for code in page.code)
    assert page.number_input(key="sparql.timeout").value == 10
    assert page.number_input(key="sparql.max_rows").value == 10_000


def test_an_example_runs_and_shows_rows(page: AppTest) -> None:
    run_example(page, "rds-limits")
    assert "Every limit noted for RDS" in " ".join(page.caption.values)
    table = page.dataframe[0].value
    assert len(table) >= 3
    row = table[table["bounds"] == "Read Replicas"].iloc[0]
    assert (row["max"], row["file"]) == ("5", "rds.md")
    assert [b.label for b in page.get("download_button")] == ["Download CSV", "Download JSON"]
    assert not page.error


def test_the_row_cap_truncates_and_says_so(page: AppTest) -> None:
    page.number_input(key="sparql.max_rows").set_value(2).run()
    run_example(page, "noted-vs-computed")
    assert len(page.dataframe[0].value) == 2
    assert any("Truncated" in w for w in page.warning.values)


def test_a_syntax_error_names_line_and_column(page: AppTest) -> None:
    run_text(page, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}")
    assert len(page.error) == 1
    message = page.error[0].value
    assert message.startswith("Line 4, column 3:")
    assert "syntax error" in message
    assert "FILTER (?s = )" in page.code[-1].value
    assert not page.dataframe


def test_an_update_is_refused_without_a_traceback(page: AppTest) -> None:
    run_text(page, "INSERT DATA { cid:a rdfs:label 'x' }")
    assert "updates are not allowed" in page.error[0].value
    assert not page.exception


def test_a_runaway_query_is_stopped_by_the_time_limit(page: AppTest) -> None:
    page.number_input(key="sparql.timeout").set_value(1).run()
    # a cross product that a filter on all its parts empties: no row cap ends it early, only the time limit
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"
    run_text(page, endless + " FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = 'never') }")
    assert "time limit" in page.error[0].value
    # The page answers the next query at once.
    page.text_area(key="sparql.plain_text").input("ASK { cid:rds rdfs:label 'RDS' }").run()
    page.button(key="sparql.run").click().run()
    assert not page.error
    assert page.success[0].value.startswith("Yes")


def test_ask_answers_yes_or_no(page: AppTest) -> None:
    run_text(page, "ASK { cid:dax ca:caches cid:dynamodb }")
    assert page.success[0].value.startswith("Yes")
    run_text(page, "ASK { cid:dynamodb ca:caches cid:dax }")
    assert page.info[0].value.startswith("No")


def test_construct_is_drawn_as_a_graph_with_a_turtle_download(page: AppTest) -> None:
    run_example(page, "describe-aurora")
    frames = page.get("iframe")
    assert len(frames) == 1
    html = frames[0].proto.srcdoc
    assert html.startswith("<!DOCTYPE html>")
    assert "Aurora" in html
    assert [b.label for b in page.get("download_button")] == ["Download Turtle"]
    assert page.get("download_button")[0].proto.url.endswith(".ttl")


def test_show_in_graph_highlights_the_result_nodes(page: AppTest) -> None:
    run_example(page, "dms-targets")
    page.button(key="sparql.show").click().run()
    highlighted = page.session_state["ca.highlight"]
    assert "https://w3id.org/cloudatlas/id/redshift" in highlighted
    assert all(n.startswith("https://w3id.org/cloudatlas/id/") for n in highlighted)
    assert any("Highlighted" in s for s in page.success.values)


def test_choosing_an_example_loads_its_text(page: AppTest) -> None:
    page.toggle(key="sparql.plain").set_value(True).run()
    page.selectbox(key="sparql.example").set_value("caches-of-dynamodb").run()
    assert "VALUES ?target { cid:dynamodb }" in page.text_area(key="sparql.plain_text").value


def test_text_carries_over_from_the_plain_box_to_the_editor(page: AppTest) -> None:
    text = "SELECT ?name WHERE { cid:dax rdfs:label ?name }"
    page.toggle(key="sparql.plain").set_value(True).run()
    page.text_area(key="sparql.plain_text").input(text).run()
    page.toggle(key="sparql.plain").set_value(False).run()
    assert editor_args(page)["text"] == text
    editor_sends(page)
    assert list(page.dataframe[0].value["name"]) == ["DAX"]


def test_the_server_maximum_bounds_the_row_cap_even_for_a_crafted_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDATLAS_MAX_ROWS", "3")
    monkeypatch.setenv("CLOUDATLAS_MAX_TIMEOUT", "5")
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    rows, seconds = at.number_input(key="sparql.max_rows"), at.number_input(key="sparql.timeout")
    assert (rows.max, rows.value, seconds.max, seconds.value) == (3, 3, 5, 5)
    at.selectbox(key="sparql.example").set_value("noted-vs-computed").run()
    at.session_state["sparql.max_rows"] = 1_000_000  # past the widget, straight into the session
    at.session_state["sparql.timeout"] = 10**9
    editor_sends(at)
    _, result = at.session_state["sparql.outcome"]
    assert len(result.rows) == 3
    assert result.truncated
    assert any("up to 3" in w for w in at.warning.values)


def test_a_bad_server_limit_is_one_plain_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDATLAS_MAX_ROWS", "lots")
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")
    assert shown == "Server setting CLOUDATLAS_MAX_ROWS: must be a whole number from 1 to 10,000,000, not 'lots'"
    assert not at.button


def test_the_session_keeps_only_the_last_result_and_its_drawing(page: AppTest) -> None:
    run_example(page, "describe-aurora")
    _, result = page.session_state["sparql.outcome"]
    html, turtle, drawn, nodes = result.presented  # drawn in the query's worker
    assert html == page.get("iframe")[0].proto.srcdoc
    assert "Aurora" in turtle and 0 < drawn <= nodes
    run_example(page, "rds-limits")
    _, result = page.session_state["sparql.outcome"]
    assert result.kind == "select" and result.presented is None
    assert "sparql.drawn" not in page.session_state  # no second copy of an earlier result
    assert any("downloads hold the rows shown" in c for c in page.caption.values)


def test_the_editor_runs_exactly_the_text_it_sends(page: AppTest) -> None:
    assert not page.button  # the Run button is the editor's own: no second one that could run older text
    editor_sends(page, "ASK { cid:dax ca:caches cid:dynamodb }")
    text, result = page.session_state["sparql.outcome"]
    assert text == "ASK { cid:dax ca:caches cid:dynamodb }"
    assert result.boolean
    assert page.success[0].value.startswith("Yes")


def test_a_run_is_run_once_and_typing_alone_runs_nothing(page: AppTest) -> None:
    editor_sends(page, "ASK { cid:dax ca:caches cid:dynamodb }")
    outcome = page.session_state["sparql.outcome"]
    page.number_input(key="sparql.timeout").set_value(5).run()  # a rerun for another reason
    assert page.session_state["sparql.outcome"] is outcome
    editor_sends(page, "ASK { cid:dynamodb ca:caches cid:dax }", run=False)  # a pause in typing
    assert page.session_state["sparql.text"] == "ASK { cid:dynamodb ca:caches cid:dax }"
    assert page.session_state["sparql.outcome"] is outcome
    assert len(page.session_state["sparql.history"]) == 1


def test_the_editor_is_given_completions_from_the_ontology_and_the_graph(page: AppTest) -> None:
    args = editor_args(page)
    assert args["text"].startswith("SELECT ?service ?name ?feature")
    labels = {t["label"] for t in args["completions"]["terms"]}
    assert {"ca:hasLimit", "ca:hasFeature", "ca:DatabaseService", "rdfs:label"} <= labels
    names = {n["label"]: n["apply"] for n in args["completions"]["names"]}
    assert names["DynamoDB"] == "cid:dynamodb"
    assert {"label": "cid:", "detail": "https://w3id.org/cloudatlas/id/"} in args["completions"]["prefixes"]


def test_the_editor_marks_where_the_last_run_failed(page: AppTest) -> None:
    editor_sends(page, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}")
    error = editor_args(page)["error"]
    assert (error["line"], error["column"]) == (4, 3)
    assert "syntax error" in error["message"]
    assert page.error[0].value.startswith("Line 4, column 3:")
    editor_sends(page, "ASK { ?s ?p ?o }")
    assert editor_args(page)["error"] is None


def test_an_example_replaces_the_text_in_the_editor(page: AppTest) -> None:
    seed = editor_args(page)["seed"]
    page.selectbox(key="sparql.example").set_value("caches-of-dynamodb").run()
    args = editor_args(page)
    assert args["seed"] != seed
    assert "VALUES ?target { cid:dynamodb }" in args["text"]


def test_the_history_lists_the_session_runs_and_reloads_one(page: AppTest) -> None:
    first, second = "ASK { cid:dax ca:caches cid:dynamodb }", "SELECT ?name WHERE { cid:dax rdfs:label ?name }"
    editor_sends(page, first)
    editor_sends(page, second)
    editor_sends(page, first)  # run again: listed once, newest first
    picker = page.selectbox(key="sparql.history_pick")
    assert [option.split(" · ", 1)[1] for option in picker.options] == [f"{first} · yes", f"{second} · 1 row"]
    assert [entry[0] for entry in page.session_state["sparql.history"]] == [first, second]
    assert [entry[2] for entry in page.session_state["sparql.history"]] == ["yes", "1 row"]
    seed = editor_args(page)["seed"]
    picker.select_index(1).run()
    args = editor_args(page)
    assert (args["text"], args["seed"] != seed) == (second, True)
    assert page.selectbox(key="sparql.history_pick").value is None  # back to its prompt
    editor_sends(page)
    assert list(page.dataframe[0].value["name"]) == ["DAX"]


def test_an_example_picked_wins_over_text_sent_in_the_same_rerun(page: AppTest) -> None:
    page.session_state["sparql.editor"] = {"text": "ASK { ?s ?p ?o }", "sent": uuid4().hex, "run": None}
    page.selectbox(key="sparql.example").set_value("caches-of-dynamodb").run()
    assert "VALUES ?target { cid:dynamodb }" in page.session_state["sparql.text"]
    assert "VALUES ?target { cid:dynamodb }" in editor_args(page)["text"]


def test_triples_that_cannot_be_drawn_still_give_their_table_and_turtle(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.query.examples

    def cannot_draw(*args: object, **kwargs: object) -> None:
        raise ArithmeticError("two maxima that are not numbers")

    monkeypatch.setattr(graph.query.examples, "triples_graph", cannot_draw)  # the page imports it when it runs
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    run_example(at, "describe-aurora")
    assert not at.exception and not at.error
    assert not at.get("iframe")
    assert any("could not be drawn" in i.value for i in at.info)
    assert [b.label for b in at.get("download_button")] == ["Download Turtle"]
    assert "Aurora" in at.session_state["sparql.outcome"][1].presented[1]  # the Turtle
