"""bench.summary: the table of scale targets read from a results dictionary."""

from __future__ import annotations

import doctest

import bench.summary
from bench.summary import summary


def test_doctests() -> None:
    assert doctest.testmod(bench.summary).failed == 0


def test_each_target_is_judged_from_its_figures() -> None:
    results = {
        "pipeline": {"seconds": {"pipeline": 12.0, "rdflib_memory_parse": 90.0}},
        "scale": {
            "ratios": {"queries_min_vs_rdflib": 22.1, "reopen_vs_reparse": 80.0},
            "queries_geomean_vs_rdflib": 102.0,
            "queries": {"a": {"ratio": 22.1}, "b": {"ratio": 300.0}},
            "reopen": {"seconds": 0.04},
            "reparse": {"seconds": 3.2},
            "pipeline": {"peak_mib": 800.0},
            "rdflib_memory": {"peak_mib": 1400.0},
        },
        "network": {"synthetic": {"speedups": {"combined": 2.5}, "seconds": {"ours": {"total": 4.0}}}},
        "browser": {"big_first_draw_s": 2.9, "first_draw_s": 2.5},
        "fidelity": {
            "total": {"recall": 0.88, "precision": 0.93, "f1": 0.904},
            "lowest_file": {"file": "02-notes.md", "f1": 0.71},
            "throughput": {"corpus": {"items_per_s": 5200.0, "lines_per_s": 7000.0},
                           "synthetic_distinct": {"items_per_s": 6000.0}},
        },
    }  # fmt: skip
    met = {row[0]: row[-1] for row in summary(results)}
    assert met == {
        "notes → queryable store": "NO",  # 7.5x but 12 s
        "example queries": "yes",
        "reopen on-disk store": "yes",
        "network conversion + analyses": "NO",
        "first graph in the browser, big store": "yes",
        "peak memory": "yes",
        "fidelity on real notes: total F1": "yes",
        "fidelity on real notes: precision": "yes",
        "fidelity on real notes: lowest file F1": "NO",  # file 02 at 0.71
        "extraction on real notes, one core": "yes",
    }
    rows = {row[0]: row for row in summary(results)}
    assert rows["fidelity on real notes: lowest file F1"][1] == "0.71 (file 02)"
    assert rows["extraction on real notes, one core"][3] == "0.87"
    queries = next(row for row in summary(results) if row[0] == "example queries")
    assert "(a)" in queries[3]


def test_a_skipped_or_missing_fidelity_run_gives_dashes() -> None:
    for results in ({}, {"fidelity": {"skipped": "/x/corpus not found"}}):
        rows = {row[0]: row for row in summary(results)}
        fidelity = [row for name, row in rows.items() if "real notes" in name]
        assert len(fidelity) == 4
        assert all(row[1] == "–" and row[-1] == "–" for row in fidelity)
