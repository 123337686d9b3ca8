"""The command line with an on-disk store (``--store``) and a real SPARQL server (``--endpoint``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from graph.rdf.pipeline import BUNDLED_NOTES

ROOT = BUNDLED_NOTES.parent.parent
pytest_plugins = ["tests.oxigraph_server"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


ENGINES = "SELECT ?e WHERE { cid:rds ca:supportsEngine ?e } ORDER BY ?e"


def engines(*options: str) -> list[str]:
    result = run("query", *options, "-q", ENGINES, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [row["e"] for row in json.loads(result.stdout)]


def test_store_builds_once_then_reopens_and_updates_per_file(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(BUNDLED_NOTES, notes)
    store = tmp_path / "store"
    built = run("build", str(notes), "--store", str(store))
    assert built.returncode == 0, built.stderr
    assert "quads" in built.stderr
    expected = engines(str(notes))
    assert engines(str(notes), "--store", str(store)) == expected
    (notes / "rds.md").write_text((notes / "rds.md").read_text().replace(", MariaDB", ""), encoding="utf-8")
    after = engines(str(notes), "--store", str(store))
    assert "https://w3id.org/cloudatlas/id/mariadb" in expected
    assert "https://w3id.org/cloudatlas/id/mariadb" not in after
    caching = run("analyze", "caching", "DynamoDB", "--store", str(store), "--input", str(notes))
    assert caching.returncode == 0 and "DAX" in caching.stdout


def test_endpoint_build_query_analyze_export(oxigraph_server, tmp_path):
    endpoint = ["--endpoint", oxigraph_server.query_endpoint]
    built = run("build", *endpoint, "--update-endpoint", oxigraph_server.update_endpoint)
    assert built.returncode == 0, built.stderr
    assert engines(*endpoint) == engines()
    caching = run("analyze", "caching", "DynamoDB", *endpoint)
    assert caching.returncode == 0 and "DAX" in caching.stdout
    out = tmp_path / "dynamodb.svg"
    exported = run("export", *endpoint, "--focus", "DynamoDB", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().lstrip().startswith(b"<?xml")


def test_dead_endpoint_and_inputs_with_endpoint_are_one_line_errors(tmp_path):
    dead = run("query", "--endpoint", "http://127.0.0.1:9/query", "-q", "ASK {}")
    assert dead.returncode == 2
    assert dead.stderr.strip() == "http://127.0.0.1:9/query:0: cannot reach the SPARQL endpoint (Connection refused)"
    both = run("query", str(BUNDLED_NOTES), "--endpoint", "http://127.0.0.1:9/query", "-q", "ASK {}")
    assert both.returncode == 2 and "not both" in both.stderr
    assert len(both.stderr.strip().splitlines()) == 1
