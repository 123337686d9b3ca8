"""Reading a ``--store`` never changes it, and bad options or a damaged store are one-line errors (exit 2)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.rdf.pipeline import BUNDLED_NOTES

ROOT = BUNDLED_NOTES.parent.parent
TEAM_NOTES = "## DynamoDB\n- DAX caches reads for Zebrafish tables\n"
TEAM_TEXT = 'SELECT ?t WHERE { GRAPH ?g { ?s ca:text ?t FILTER(CONTAINS(?t, "Zebrafish")) } }'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def team_store(tmp_path_factory) -> tuple[Path, Path]:
    """A store built from a team's own notes (not the bundled ones): (notes folder, store folder)."""
    base = tmp_path_factory.mktemp("team")
    notes = base / "teamnotes"
    notes.mkdir()
    (notes / "team.md").write_text(TEAM_NOTES, encoding="utf-8")
    store = base / "store"
    built = run("build", str(notes), "--store", str(store))
    assert built.returncode == 0, built.stderr
    return notes, store


def rows(*args: str) -> list[dict]:
    result = run("query", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_query_analyze_export_read_a_store_as_it_is(team_store, tmp_path):
    notes, built = team_store
    store = tmp_path / "store"
    shutil.copytree(built, store)
    before = snapshot(store)
    quads = rows("--store", str(store), "-q", COUNT)
    assert [r["t"] for r in rows("--store", str(store), "-q", TEAM_TEXT)] == ["- DAX caches reads for Zebrafish tables"]
    asked = run("query", "--store", str(store), "-q", "ASK { cid:rds ?p ?o }")  # only in the bundled notes
    assert asked.returncode == 0 and asked.stdout.strip() == "false", asked.stderr
    central = run("analyze", "central", "--store", str(store))
    assert central.returncode == 0 and "DynamoDB" in central.stdout, central.stderr
    out = tmp_path / "view.svg"
    exported = run("export", "--store", str(store), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().lstrip().startswith(b"<?xml")
    assert rows("--store", str(store), "-q", COUNT) == quads
    assert snapshot(store) == before  # not a byte changed, network cache included


def test_reading_a_store_without_its_saved_network_still_writes_nothing(team_store, tmp_path):
    _, built = team_store
    store = tmp_path / "store"
    shutil.copytree(built, store)
    (store / "cloudatlas-network.json.gz").unlink()
    before = snapshot(store)
    central = run("analyze", "central", "--store", str(store))
    assert central.returncode == 0 and "DynamoDB" in central.stdout, central.stderr
    assert snapshot(store) == before


def test_with_inputs_named_the_store_is_brought_up_to_date(team_store, tmp_path):
    notes, built = team_store
    store = tmp_path / "store"
    shutil.copytree(built, store)
    more = tmp_path / "more"
    shutil.copytree(notes, more)
    (more / "team.md").write_text(TEAM_NOTES.replace("Zebrafish", "Okapi"), encoding="utf-8")
    assert [r["t"] for r in rows(str(more), "--store", str(store), "-q", TEAM_TEXT)] == []
    assert rows("--store", str(store), "-q", TEAM_TEXT) == []  # the named notes were written to the store


@pytest.mark.parametrize("command", [["query", "-q", "ASK {}"], ["analyze", "central"], ["export", "-o", "x.svg"]])
def test_reading_a_folder_that_holds_no_store_is_an_error_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "nosuch"
    if command[0] == "export":
        command = ["export", "-o", str(tmp_path / "x.svg")]
    line = one_line_error(run(*command, "--store", str(missing)))
    assert line == f"{missing}:0: no store in this folder (build one with --store first)"
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no store in this folder" in one_line_error(run(*command, "--store", str(empty)))
    assert list(empty.iterdir()) == []
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--timeout", "0", "above 0 and at most 86,400"),
        ("--timeout", "-5", "above 0 and at most 86,400"),
        ("--timeout", "nan", "above 0 and at most 86,400"),
        ("--timeout", "inf", "above 0 and at most 86,400"),
        ("--timeout", "1e300", "above 0 and at most 86,400"),
        ("--timeout", "soon", "above 0 and at most 86,400"),
        ("--max-rows", "-1", "1 or more"),
        ("--max-rows", "0", "1 or more"),
        ("--max-rows", "1.5", "1 or more"),
        ("--endpoint", "http://[::1/query", "not a valid URL (Invalid IPv6 URL)"),
        ("--endpoint", "http://127.0.0.1:65536/query", "not a valid URL (Port out of range 0-65535)"),
        ("--endpoint", "http://127.0.0.1:99999/query", "not a valid URL (Port out of range 0-65535)"),
        ("--endpoint", "ftp://127.0.0.1/query", "must be an http:// or https:// URL"),
        ("--endpoint", "file:///etc/passwd", "must be an http:// or https:// URL"),
        ("--endpoint", "http:///query", "must be an http:// or https:// URL with a host name"),
    ],
)
def test_bad_option_values_are_one_line_errors(capsys, option, value, expected):
    with pytest.raises(SystemExit) as stopped:
        main(["query", "-q", "ASK {}", f"{option}={value}"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert f"argument {option}: " in err and expected in err
    assert "Traceback" not in err


def test_good_option_values_still_work(capsys):
    assert main(["query", "-q", "ASK { cid:dynamodb ?p ?o }", "--timeout", "2.5", "--max-rows", "1"]) == 0
    assert capsys.readouterr().out.strip() == "true"


def damage(store: Path, how: str) -> None:
    if how == "truncated CURRENT":
        current = store / "CURRENT"
        current.write_bytes(current.read_bytes()[:5])
    elif how == "garbage .sst":
        for table in store.glob("*.sst"):
            table.write_bytes(bytes(range(256)) * (table.stat().st_size // 256 + 1))
    elif how == "short .sst":
        for table in store.glob("*.sst"):
            table.write_bytes(b"not a table")


@pytest.mark.parametrize("how", ["truncated CURRENT", "garbage .sst", "short .sst"])
def test_a_damaged_store_is_a_one_line_error_naming_its_folder(team_store, tmp_path, how):
    notes, built = team_store
    store = tmp_path / "store"
    shutil.copytree(built, store)
    assert list(store.glob("*.sst")), "the store has table files to damage"
    damage(store, how)
    for args in (["query", "--store", str(store)], ["query", str(notes), "--store", str(store)]):
        line = one_line_error(run(*args, "-q", "ASK {}"))
        assert line.startswith(f"{store}:0: the store is damaged and cannot be opened (Corruption: ")
    line = one_line_error(run("build", str(notes), "--store", str(store)))
    assert line.startswith(f"{store}:0: the store is damaged")


def test_a_lock_that_is_a_folder_is_not_another_process(team_store, tmp_path):
    notes, built = team_store
    store = tmp_path / "store"
    shutil.copytree(built, store)
    (store / "LOCK").unlink()
    (store / "LOCK").mkdir()
    line = one_line_error(run("build", str(notes), "--store", str(store)))
    assert line == f"{store}:0: cannot open the store: its LOCK is not a file"
    assert "another process" not in line
    # reading takes no lock: the store still answers
    assert [r["t"] for r in rows("--store", str(store), "-q", TEAM_TEXT)] == ["- DAX caches reads for Zebrafish tables"]


def test_a_name_not_in_a_store_is_reported_against_the_store(team_store):
    _, store = team_store
    line = one_line_error(run("analyze", "paths", "NoSuchService", "DynamoDB", "--store", str(store)))
    assert line.startswith(f"{store}:0: ")
    line = one_line_error(run("export", "--store", str(store), "--focus", "NoSuchService", "-o", "view.svg"))
    assert line.startswith(f"{store}:0: --focus: ")
