"""bench.bench_fidelity and ``python -m bench fidelity``: the corpus's scorer on a tiny corpus of our own.

The corpus here is written by the tests (two small notes files and their gold facts); only the
scorer is taken from the development corpus beside the repository, and the tests that need it
are skipped when it is not there.
"""

from __future__ import annotations

import doctest
import json
import shutil
import textwrap
from pathlib import Path

import pytest

import bench.__main__ as bench_main
import bench.bench_fidelity
import bench.extraction_rate
from bench.bench_fidelity import REPO, TARGETS, corpus_folder, run

SCORER = REPO.parent / "shared" / "corpus" / "score.py"

NOTES = {
    "01-rds.md": """\
        # Amazon RDS

        - Relational Database Service (RDS): managed relational databases
        - Engines: MySQL, PostgreSQL, MariaDB
        - Up to 15 read replicas
        - Multi-AZ - a standby copy in another AZ
        - Backup retention from 1 to 35 days
        """,
    "02-caching.txt": """\
        DAX
          - DynamoDB Accelerator: an in-memory cache in front of DynamoDB
          - Item cache TTL is 5 minutes by default
        ElastiCache
          - Engines: Redis or Memcached
        """,
}
GOLD = {
    "01-rds": {
        "services": [["RDS", "Relational Database Service"]],
        "optional_services": [],
        "limits": [{"service": "RDS", "value": 15}, {"service": "RDS", "value": 35, "unit": "DAY"}],
        "allowed_limit_values": {"RDS": [1, 15, 35]},
        "relations": [["RDS", "supportsEngine", "MySQL"], ["RDS", "supportsEngine", "PostgreSQL"],
                      ["RDS", "supportsEngine", "MariaDB"], ["RDS", "hasFeature", "Multi-AZ"]],
    },
    "02-caching": {
        "services": [["DAX", "DynamoDB Accelerator"], ["ElastiCache"]],
        "optional_services": [["DynamoDB"]],
        "limits": [{"service": "DAX", "value": 5, "unit": "MIN"}],
        "allowed_limit_values": {"DAX": [5], "ElastiCache": []},
        "relations": [["DAX", "caches", "DynamoDB"], ["ElastiCache", "supportsEngine", "Redis"],
                      ["ElastiCache", "supportsEngine", "Memcached"]],
    },
}  # fmt: skip


def write_corpus(folder: Path, scorer: Path | None = SCORER) -> Path:
    """Our tiny corpus in ``folder``: notes/, gold/ and (a copy of) ``scorer``."""
    (folder / "notes").mkdir(parents=True)
    (folder / "gold").mkdir()
    for name, text in NOTES.items():
        (folder / "notes" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for stem, gold in GOLD.items():
        (folder / "gold" / f"{stem}.json").write_text(json.dumps(gold), encoding="utf-8")
    if scorer is not None:
        shutil.copy(scorer, folder / "score.py")
    return folder


needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"{SCORER} not found")


def test_doctests() -> None:
    for module in (bench.bench_fidelity, bench.extraction_rate):
        assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0, module.__name__


def test_corpus_folder_is_beside_the_repository_unless_named(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLOUDATLAS_CORPUS", raising=False)
    assert corpus_folder() == REPO.parent / "shared" / "corpus"
    monkeypatch.setenv("CLOUDATLAS_CORPUS", str(tmp_path))
    assert corpus_folder() == tmp_path


def test_missing_corpus_or_part_of_it_is_skipped(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLOUDATLAS_CORPUS", str(tmp_path / "nowhere"))
    assert run() == {"skipped": f"{tmp_path / 'nowhere'} not found"}
    write_corpus(tmp_path / "corpus", scorer=None)
    assert run(tmp_path / "corpus") == {"skipped": f"{tmp_path / 'corpus' / 'score.py'} not found"}


def test_a_failing_scorer_is_an_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", scorer=None)
    (corpus / "score.py").write_text("import sys\nsys.exit('scorer broke')\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="scorer broke"):
        run(corpus, repeat=1)


def test_bench_fidelity_without_corpus_says_so_and_keeps_other_figures(monkeypatch, tmp_path: Path, capsys) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"pipeline": {"seconds": {"pipeline": 8.0, "rdflib_memory_parse": 48.0}}}))
    monkeypatch.setattr(bench_main, "RESULTS", results)
    monkeypatch.setenv("CLOUDATLAS_CORPUS", str(tmp_path / "nowhere"))
    assert bench_main.main(["fidelity"]) == 0
    out = capsys.readouterr().out
    assert f"fidelity skipped: {tmp_path / 'nowhere'} not found" in out
    written = json.loads(results.read_text())
    assert written["fidelity"] == {"skipped": f"{tmp_path / 'nowhere'} not found"}
    assert written["pipeline"]["seconds"]["pipeline"] == 8.0
    assert "notes → queryable store" in out and "6.0x" in out  # the summary still shows the kept figures


def test_bench_names_are_checked(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench_main, "RESULTS", tmp_path / "results.json")
    with pytest.raises(SystemExit) as exit_:
        bench_main.main(["fidelty"])
    assert exit_.value.code == 2
    assert not (tmp_path / "results.json").exists()


@needs_scorer
def test_bench_fidelity_scores_our_corpus_with_the_corpus_scorer(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("CLOUDATLAS_CORPUS", str(write_corpus(tmp_path / "corpus")))
    monkeypatch.setattr(bench_main, "RESULTS", tmp_path / "results.json")
    assert bench_main.main(["--only", "fidelity"]) == 0
    out = capsys.readouterr().out
    result = json.loads((tmp_path / "results.json").read_text())["fidelity"]

    assert sorted(result["files"]) == ["01-rds.md", "02-caching.txt"]
    rds, caching, total = result["files"]["01-rds.md"], result["files"]["02-caching.txt"], result["total"]
    # the denominators are the gold's, whatever the extractor finds
    assert (rds["counts"]["services"][1], rds["counts"]["limits"][1], rds["counts"]["relations"][1]) == (1, 2, 3)
    assert rds["counts"]["features"][1] == 1
    assert (caching["counts"]["services"][1], caching["counts"]["limits"][1]) == (2, 1)
    assert total["counts"]["services"][1] == 3 and total["counts"]["relations"][1] == 6
    for part in (rds, caching, total):
        assert 0 <= part["recall"] <= 1 and 0 <= part["precision"] <= 1
        assert part["f1"] <= max(part["recall"], part["precision"]) + 1e-9
        assert sorted(part) == ["counts", "f1", "precision", "recall"]
    assert rds["counts"]["services"][0] == 1, "RDS, named in its heading, not found"

    lowest = min(result["files"].values(), key=lambda part: part["f1"])
    assert result["lowest_file"]["f1"] == lowest["f1"]
    assert result["targets"] == TARGETS
    assert result["met"] == {
        "f1": total["f1"] >= 0.90,
        "precision": total["precision"] >= 0.92,
        "file_f1": lowest["f1"] >= 0.75,
        "all": total["f1"] >= 0.90 and total["precision"] >= 0.92 and lowest["f1"] >= 0.75,
    }

    speed = result["throughput"]
    corpus_lines = sum(len(textwrap.dedent(text).splitlines()) for text in NOTES.values())
    assert speed["corpus"]["files"] == 2 and speed["corpus"]["lines"] == corpus_lines
    assert speed["corpus"]["items_per_s"] > 0 and speed["corpus"]["lines_per_s"] > 0
    synthetic = speed["synthetic_distinct"]
    assert synthetic["files"] == 2 and synthetic["distinct_bullet_share"] == 1.0
    assert abs(synthetic["lines"] - corpus_lines) <= corpus_lines // 2 + 6  # about the same size
    assert speed["ratios"]["corpus_vs_synthetic_items_per_s"] > 0

    header = next(line for line in out.splitlines() if line.startswith("file "))
    assert header.split() == ["file", "recall", "precision", "F1", "services", "limits", "relations", "features"]
    assert any(line.startswith("01-rds.md ") for line in out.splitlines())
    assert any(line.startswith("TOTAL ") for line in out.splitlines())
    assert "targets: total F1" in out and "extraction, one core: corpus" in out
    assert "fidelity on real notes: total F1" in out  # the summary row
