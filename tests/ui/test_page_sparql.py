"""The SPARQL page, driven through Streamlit's AppTest: examples, results, errors, graphs, highlights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "1_SPARQL.py")


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


def run_example(at: AppTest, name: str) -> AppTest:
    at.selectbox(key="sparql.example").set_value(name).run()
    at.button(key="sparql.run").click().run()
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
    editor = next(e for e in page.get("component_instance") if "streamlit_ace" in e.proto.component_name)
    args = json.loads(editor.proto.json_args)
    assert (args["defaultValue"], args["mode"]) == (text, "sparql")
    page.button(key="sparql.run").click().run()
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
    at.button(key="sparql.run").click().run()
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
