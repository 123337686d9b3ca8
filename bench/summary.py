"""The headline table: each target, our figure, its baseline, the ratio and whether it is met.

The scale targets come first, then the fidelity of extraction on the development corpus of real
notes (:mod:`bench.bench_fidelity`: total F1, precision, the lowest F1 of any file) and the
extraction throughput on it, on one core.

Reads the dictionary ``python -m bench`` writes to ``bench/results.json``; a
benchmark that has not been run gives a row of dashes.

Examples
--------
>>> rows = summary({"pipeline": {"seconds": {"pipeline": 8.0, "rdflib_memory_parse": 48.0}}})
>>> rows[0]
('notes → queryable store', '8.00 s', 'rdflib Memory parse 48.00 s', '6.0x', '≤ 10 s, ≥ 5x', 'yes')
>>> rows[1][-1]
'–'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["summary", "table"]

Row = tuple[str, str, str, str, str, str]


def _get(results: dict, *keys: str) -> object:
    """``results[k1][k2]...``, or None when any step is missing."""
    value: object = results
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def _pipeline(r: dict) -> Row | None:
    ours, theirs = _get(r, "pipeline", "seconds", "pipeline"), _get(r, "pipeline", "seconds", "rdflib_memory_parse")
    if ours is None or theirs is None:
        return None
    ratio = theirs / ours
    met = _yes(ours <= 10 and ratio >= 5)
    return ("notes → queryable store", f"{ours:.2f} s", f"rdflib Memory parse {theirs:.2f} s", f"{ratio:.1f}x",
            "≤ 10 s, ≥ 5x", met)  # fmt: skip


def _queries(r: dict) -> Row | None:
    lowest, mean = _get(r, "scale", "ratios", "queries_min_vs_rdflib"), _get(r, "scale", "queries_geomean_vs_rdflib")
    if lowest is None:
        return None
    queries = _get(r, "scale", "queries") or {}
    slowest = min(queries, key=lambda q: queries[q].get("ratio", float("inf")), default="")
    return ("example queries", f"geometric mean {mean:.0f}x", "rdflib Memory", f"min {lowest:.1f}x ({slowest})",
            "≥ 20x each", _yes(lowest >= 20))  # fmt: skip


def _reopen(r: dict) -> Row | None:
    ratio = _get(r, "scale", "ratios", "reopen_vs_reparse")
    ours, theirs = _get(r, "scale", "reopen", "seconds"), _get(r, "scale", "reparse", "seconds")
    if ratio is None or ours is None or theirs is None:
        return None
    return ("reopen on-disk store", f"{ours:.3f} s", f"re-parse {theirs:.2f} s", f"{ratio:.0f}x", "≥ 50x",
            _yes(ratio >= 50))  # fmt: skip


def _network(r: dict) -> Row | None:
    part = _get(r, "network", "synthetic") or {}
    ratio = _get(part, "speedups", "combined")
    ours, theirs = _get(part, "seconds", "ours", "total"), _get(part, "seconds", "baseline", "total")
    if ratio is None:
        return None
    shown = f"{ours:.2f} s" if isinstance(ours, float) else "–"
    base = f"rdflib_to_networkx + networkx {theirs:.2f} s" if isinstance(theirs, float) else "rdflib + networkx"
    return ("network conversion + analyses", shown, base, f"{ratio:.1f}x", "≥ 3x", _yes(ratio >= 3))


def _browser(r: dict) -> Row | None:
    big, bundled = _get(r, "browser", "big_first_draw_s"), _get(r, "browser", "first_draw_s")
    if big is None or bundled is None:
        return None
    return ("first graph in the browser, big store", f"{big:.2f} s", f"bundled notes {bundled:.2f} s",
            f"{big / bundled:.2f}", "≤ 3 s", _yes(big <= 3))  # fmt: skip


def _memory(r: dict) -> Row | None:
    ours, theirs = _get(r, "scale", "pipeline", "peak_mib"), _get(r, "scale", "rdflib_memory", "peak_mib")
    if ours is None or theirs is None:
        return None
    return ("peak memory", f"{ours:,.0f} MiB", f"rdflib Memory {theirs:,.0f} MiB", f"{theirs / ours:.1f}x less",
            "≤ 1.5 GiB", _yes(ours <= 1536))  # fmt: skip


def _fidelity(r: dict) -> tuple[float, float, float] | None:
    """Total recall, precision, F1 of the fidelity run, or None when it did not run."""
    total = _get(r, "fidelity", "total")
    figures = ("recall", "precision", "f1")
    if not isinstance(total, dict) or not all(isinstance(total.get(k), int | float) for k in figures):
        return None
    return total["recall"], total["precision"], total["f1"]


def _fidelity_f1(r: dict) -> Row | None:
    figures = _fidelity(r)
    if figures is None:
        return None
    recall, precision, f1 = figures
    return ("fidelity on real notes: total F1", f"{f1:.3f}", f"recall {recall:.3f}", "–", "≥ 0.90",
            _yes(f1 >= 0.90))  # fmt: skip


def _fidelity_precision(r: dict) -> Row | None:
    figures = _fidelity(r)
    if figures is None:
        return None
    return ("fidelity on real notes: precision", f"{figures[1]:.3f}", "–", "–", "≥ 0.92", _yes(figures[1] >= 0.92))


def _fidelity_lowest(r: dict) -> Row | None:
    lowest = _get(r, "fidelity", "lowest_file")
    if not isinstance(lowest, dict) or not isinstance(lowest.get("f1"), int | float):
        return None
    name = str(lowest.get("file") or "")[:2]
    shown = f"{lowest['f1']:.2f} (file {name})" if name else f"{lowest['f1']:.2f}"
    return ("fidelity on real notes: lowest file F1", shown, "–", "–", "≥ 0.75", _yes(lowest["f1"] >= 0.75))


def _fidelity_speed(r: dict) -> Row | None:
    ours = _get(r, "fidelity", "throughput", "corpus", "items_per_s")
    theirs = _get(r, "fidelity", "throughput", "synthetic_distinct", "items_per_s")
    lines = _get(r, "fidelity", "throughput", "corpus", "lines_per_s")
    if not isinstance(ours, int | float) or not isinstance(theirs, int | float) or not theirs:
        return None
    shown = f"{ours:,.0f} items/s" + (f", {lines:,.0f} lines/s" if isinstance(lines, int | float) else "")
    return ("extraction on real notes, one core", shown, f"synthetic distinct {theirs:,.0f} items/s",
            f"{ours / theirs:.2f}", "≥ 4,000 items/s", _yes(ours >= 4000))  # fmt: skip


_ROWS: tuple[tuple[str, str, Callable[[dict], Row | None]], ...] = (
    ("notes → queryable store", "≤ 10 s, ≥ 5x", _pipeline),
    ("example queries", "≥ 20x each", _queries),
    ("reopen on-disk store", "≥ 50x", _reopen),
    ("network conversion + analyses", "≥ 3x", _network),
    ("first graph in the browser, big store", "≤ 3 s", _browser),
    ("peak memory", "≤ 1.5 GiB", _memory),
    ("fidelity on real notes: total F1", "≥ 0.90", _fidelity_f1),
    ("fidelity on real notes: precision", "≥ 0.92", _fidelity_precision),
    ("fidelity on real notes: lowest file F1", "≥ 0.75", _fidelity_lowest),
    ("extraction on real notes, one core", "≥ 4,000 items/s", _fidelity_speed),
)


def summary(results: dict) -> list[Row]:
    """One row per target: (measure, ours, baseline, ratio, target, met)."""
    return [make(results) or (name, "–", "–", "–", target, "–") for name, target, make in _ROWS]


def table(results: dict) -> str:
    """The summary as an aligned text table.

    >>> print(table({}).splitlines()[0].split())
    ['measure', 'ours', 'baseline', 'ratio', 'target', 'met']
    """
    rows = [("measure", "ours", "baseline", "ratio", "target", "met"), *summary(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
