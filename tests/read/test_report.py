"""The coverage report: what each notes line gave, and the lines that gave nothing, from the CLI too."""

from __future__ import annotations

import json
from pathlib import Path

from graph.cli.main import main
from graph.read.extraction import extract
from graph.read.outline import read_outline
from graph.read.report import coverage, report_json, report_text

NOTES = "# RDS\n- Up to 5 read replicas\n- costs 3 coffees a day\n- pairs well with DynamoDB\n- EC2 and gp2 volumes\n"


def test_each_line_lists_the_facts_that_cite_it():
    outline = read_outline(NOTES, "n.md")
    cov = coverage(outline, extract([outline]))
    facts = {line.line: line.facts for line in cov.lines}
    assert any(f.startswith("limit RDS") and "5" in f for f in facts[2])
    assert "RDS hasFeature Read Replicas" in facts[2]
    assert cov.understood == sum(1 for line in cov.lines if line.facts)


def test_numbers_and_names_that_gave_nothing_are_listed_with_why():
    outline = read_outline(NOTES, "n.md")
    missed = {m.line: m.why for m in coverage(outline, extract([outline])).missed}
    assert missed[3] == "a number that gave no limit"
    assert 5 not in missed  # the digits of EC2 and gp2 are names, not numbers


def test_text_and_json_renderings(tmp_path: Path):
    outline = read_outline(NOTES, "n.md")
    cov = coverage(outline, extract([outline]))
    text = report_text([cov])
    assert text.splitlines()[0].startswith("n.md: ") and "n.md:3: a number that gave no limit" in text
    data = json.loads(report_json([cov]))
    assert data["files"][0]["file"] == "n.md" and data["files"][0]["lines"][1]["line"] == 2


def test_build_report_on_the_command_line(tmp_path: Path, capsys):
    notes = tmp_path / "rds.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["build", str(notes), "-o", str(out), "--report"]) == 0
    assert "rds.md:3: a number that gave no limit" in capsys.readouterr().err
    assert out.stat().st_size > 0
    report = tmp_path / "report.json"
    assert main(["build", str(notes), "-o", str(out), "--report", str(report)]) == 0
    assert json.loads(report.read_text())["files"][0]["file"] == "rds.md"
