"""The command line as users run it: ``python -m graph build|query``, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graph.rdf.pipeline import BUNDLED_NOTES

ROOT = BUNDLED_NOTES.parent.parent
CID = "https://w3id.org/cloudatlas/id/"
CA = "https://w3id.org/cloudatlas/ontology#"


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_help_lists_commands():
    out = run("--help")
    assert out.returncode == 0
    for command in ("build", "query", "analyze"):
        assert command in out.stdout
    assert run("build", "--help").returncode == 0
    assert run("query", "--help").returncode == 0


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "trig"])
def test_build_bundled_notes_in_each_format(tmp_path, fmt):
    out = tmp_path / f"atlas.{fmt}"
    result = run("build", "-o", str(out), "--format", fmt)
    assert result.returncode == 0, result.stderr
    parse_as = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]
    graph = Dataset() if fmt in ("trig", "jsonld") else Graph()
    graph.parse(out, format=parse_as)
    assert (URIRef(CID + "rds"), URIRef(CA + "supportsEngine"), URIRef(CID + "mysql")) in (
        graph.default_graph if isinstance(graph, Dataset) else graph
    ) or any(graph.quads((URIRef(CID + "rds"), URIRef(CA + "supportsEngine"), URIRef(CID + "mysql"), None)))


def test_build_seed_to_stdout_has_provenance(seed_notes):
    result = run("build", str(seed_notes))
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    note = URIRef("https://w3id.org/cloudatlas/note/aws-database-notes.txt-L13")
    assert (note, URIRef(CA + "line"), Literal(13)) in graph
    assert (URIRef(CID + "rds-read-replicas-max"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), note) in graph


def test_build_trig_holds_provenance_and_derived_graphs():
    result = run("build", "--format", "trig")
    assert result.returncode == 0, result.stderr
    dataset = Dataset().parse(data=result.stdout, format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/cloudatlas/graph/provenance" in names
    assert "https://w3id.org/cloudatlas/graph/derived" in names


def test_query_formats():
    query = "SELECT ?label WHERE { cid:dms ca:migrationTarget ?t . ?t rdfs:label ?label } ORDER BY ?label"
    table = run("query", "-q", query)
    assert table.returncode == 0, table.stderr
    assert "Redshift" in table.stdout and "label" in table.stdout.splitlines()[0]
    rows = json.loads(run("query", "-q", query, "--format", "json").stdout)
    assert {"label": "DynamoDB"} in rows
    csv = run("query", "-q", query, "--format", "csv").stdout.splitlines()
    assert csv[0] == "label" and "Redshift" in csv


def test_query_from_file_over_rdf_input(tmp_path):
    ttl = tmp_path / "x.ttl"
    ttl.write_text("<https://w3id.org/cloudatlas/id/x> <http://www.w3.org/2000/01/rdf-schema#label> 'X' .\n")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?l WHERE { ?s rdfs:label ?l }")
    result = run("query", str(ttl), "-f", str(rq), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["l", "X"]


def bad_inputs(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"# x\n\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"ok\ncaf\xe9\n")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "broken.ttl").write_text("@prefix : <http://e/> .\n:a :b :c .\n:a :b \n")
    return {
        "empty": (tmp_path / "empty.md", "empty.md:0: file is empty"),
        "binary": (tmp_path / "binary.md", "binary.md:2: binary file, not text notes"),
        "latin": (tmp_path / "latin.txt", "latin.txt:2: not UTF-8 text"),
        "no-notes": (tmp_path / "nothing", "nothing:0: folder has no notes files"),
        "broken-rdf": (tmp_path / "broken.ttl", "broken.ttl:4: Unexpected end"),
        "missing": (tmp_path / "missing.md", "missing.md:0: no such file or folder"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "latin", "no-notes", "broken-rdf", "missing"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, case):
    path, expected = bad_inputs(tmp_path)[case]
    out = tmp_path / "out.ttl"
    result = run("build", str(path), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert expected in lines[0]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_unknown_rdf_format_and_bad_query(tmp_path):
    weird = tmp_path / "data.rdfz"
    weird.write_text("x")
    result = run("query", str(weird), "-q", "ASK {}")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "data.rdfz:0: unknown file type '.rdfz': notes are .md or .txt; "
        "RDF is .ttl, .nt, .nq, .jsonld, .trig, .rdf, .xml or .owl"
    )
    bad = run("query", "-q", "SELECT ?x WHERE {\n  ?x ?y }")
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("<query>:2: column")
    assert len(bad.stderr.strip().splitlines()) == 1
