"""Tests for ``analyze conflicts`` and ``analyze gaps``: notes that disagree, and what the notes lack."""

from __future__ import annotations

import argparse
import csv
import io
import json

import pytest

from graph.cli.analyze import ANALYSES, add_parser
from graph.cli.main import main
from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store

TRIG = """
cid:lambda a ca:ComputeService ; rdfs:label "Lambda" ; ca:hasLimit cid:lambda-timeout-min, cid:lambda-timeout-sec .
cid:timeout a ca:Concept ; rdfs:label "Timeout" .
cid:lambda-timeout-min a ca:Limit ; ca:limitOf cid:timeout ; ca:maxValue 15 ; ca:unit unit:MIN ;
    prov:wasDerivedFrom cnote:a.md-L2 .
cid:lambda-timeout-sec a ca:Limit ; ca:limitOf cid:timeout ; ca:maxValue 300 ; ca:unit unit:SEC ;
    prov:wasDerivedFrom cnote:b.md-L7 .
cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- timeout up to 15 minutes" .
cnote:b.md-L7 a ca:Note ; ca:sourceFile "b.md" ; ca:line 7 ; ca:text "- timeout up to 300 seconds" .
cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationSource cid:oracle .
cid:oracle a ca:Engine ; rdfs:label "Oracle" .
"""


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="graph")
    add_parser(main_parser.add_subparsers(dest="command"))
    return main_parser


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(TRIG), "trig")
    return s


def _run(parser, store, *argv: str) -> str:
    args = parser.parse_args(["analyze", *argv])
    out = io.StringIO()
    assert args.handler(args, lambda paths: (store, to_networkx(store)), out=out) == 0
    return out.getvalue()


def test_both_are_subcommands(parser):
    assert {"conflicts", "gaps"} <= set(ANALYSES)
    args = parser.parse_args(["analyze", "conflicts", "a.md", "b.md", "--input", "c.md", "--format", "csv"])
    assert (args.inputs, args.input, args.format) == (["a.md", "b.md"], ["c.md"], "csv")


def test_conflicts_table_gives_both_values_and_lines(parser, store):
    text = _run(parser, store, "conflicts")
    header, rule, row = text.splitlines()
    assert [c.strip() for c in header.split("|")] == [
        "service",
        "quantity",
        "bound",
        "value",
        "notes",
        "lines",
        "other value",
        "other notes",
        "other lines",
    ]
    assert [c.strip() for c in row.split("|")] == [
        "Lambda",
        "Timeout",
        "at most",
        "300 s",
        "b.md:7",
        "- timeout up to 300 seconds",
        "15 min",
        "a.md:2",
        "- timeout up to 15 minutes",
    ]


def test_conflicts_json_lists_the_lines_of_each_side(parser, store):
    (row,) = json.loads(_run(parser, store, "conflicts", "--format", "json"))
    assert row["notes"] == ["b.md:7"] and row["other notes"] == ["a.md:2"]
    assert row["lines"] == ["- timeout up to 300 seconds"]


def test_gaps_csv_in_plain_words(parser, store):
    rows = list(csv.DictReader(io.StringIO(_run(parser, store, "gaps", "--format", "csv"))))
    assert [(r["service"], r["gap"], r["severity"]) for r in rows] == [("DMS", "no migration target noted", "warning")]
    dms = next(r for r in rows if r["service"] == "DMS")
    assert dms["class"] == "Migration service"
    assert "https://" not in "".join(r["why"] + r["gap"] for r in rows)


def test_inputs_named_after_the_analysis_are_read(tmp_path, capsys):
    (tmp_path / "a.md").write_text("# Lambda\n- Maximum timeout is 15 minutes\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Lambda\n- Maximum timeout is 300 seconds\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# Lambda\n- Maximum timeout is 900 seconds\n", encoding="utf-8")
    assert main(["analyze", "conflicts", str(tmp_path / "a.md"), "--input", str(tmp_path / "c.md")]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header and rule: 15 min is 900 s
    assert main(["analyze", "conflicts", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["value"], row["other value"]) == ("300 s", "15 min")
    assert (row["notes"], row["other notes"]) == (["b.md:2"], ["a.md:2"])


def test_gaps_of_the_bundled_notes(capsys):
    assert main(["analyze", "gaps", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    said = {(r["service"], r["gap"]) for r in rows}
    assert ("DocumentDB", "no engine noted") in said
    assert not any(service == "DynamoDB" and gap == "no engine noted" for service, gap in said)
    assert all(r["severity"] in ("warning", "info") for r in rows)


def test_help_names_both(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = capsys.readouterr().out
    assert "conflicts" in text and "gaps" in text
