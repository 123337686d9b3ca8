"""Fidelity of extraction on real notes by other people, and extraction throughput on them.

The development corpus (``<repo>/../shared/corpus``, or the folder named by the
environment variable ``CLOUDATLAS_CORPUS``) holds ``notes/``, hand-made
``gold/`` facts and its own scorer ``score.py``. :func:`run` runs that scorer
unchanged, in a subprocess from the repository root (it builds each notes file
on its own with ``python -m graph build`` of this Python), and returns recall,
precision and F1 of every file and of the total, with the targets and whether
each is met. It also measures extraction on one core in this process (read
outline + extract, each file on its own, best of ``repeat`` passes), and the
same on synthetic notes of the same size where every bullet is distinct text
(:mod:`bench.synth`), the in-process baseline of the ratio.

When the corpus is missing, :func:`run` gives ``{"skipped": "<path> not found"}``.

Examples
--------
>>> run(corpus="/nonexistent/corpus")
{'skipped': '/nonexistent/corpus not found'}
>>> print(table({"skipped": "/x not found"}))
fidelity skipped: /x not found
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.extraction_rate import extraction_rate
from bench.synth import is_bullet, synth_files

__all__ = ["run", "table", "corpus_folder", "TARGETS"]

REPO = Path(__file__).resolve().parent.parent
#: Total F1, total precision and the lowest F1 of any file.
TARGETS = {"f1": 0.90, "precision": 0.92, "file_f1": 0.75}
_NOTES_SUFFIXES = (".md", ".txt")  # what the scorer reads


def corpus_folder() -> Path:
    """``$CLOUDATLAS_CORPUS``, else ``shared/corpus`` beside the repository.

    >>> corpus_folder().name
    'corpus'
    """
    named = os.environ.get("CLOUDATLAS_CORPUS")
    return Path(named) if named else REPO.parent / "shared" / "corpus"


def run(corpus: str | Path | None = None, repeat: int = 5) -> dict:
    """Score the corpus with its own scorer and time extraction on it; see the module docstring."""
    folder = Path(corpus) if corpus is not None else corpus_folder()
    scorer, notes, gold = folder / "score.py", folder / "notes", folder / "gold"
    for needed in (folder, scorer, notes, gold):
        if not needed.exists():
            return {"skipped": f"{needed} not found"}
    scored = _score(scorer, notes, gold)
    files = {name: _figures(part) for name, part in sorted(scored["files"].items())}
    total = _figures(scored["total"])
    lowest = min(files.items(), key=lambda kv: kv[1]["f1"], default=(None, {"f1": 0.0}))
    met = {
        "f1": total["f1"] >= TARGETS["f1"],
        "precision": total["precision"] >= TARGETS["precision"],
        "file_f1": bool(files) and lowest[1]["f1"] >= TARGETS["file_f1"],
    }
    met["all"] = all(met.values())
    failed = sorted(name for name, part in scored["files"].items() if part.get("misses") == ["build failed"])
    result: dict = {
        "corpus": str(folder),
        "files": files,
        "total": total,
        "lowest_file": {"file": lowest[0], "f1": lowest[1]["f1"]},
        "targets": dict(TARGETS),
        "met": met,
        "throughput": _throughput(notes, repeat),
    }
    if failed:
        result["build_failed"] = failed
    return result


def _score(scorer: Path, notes: Path, gold: Path) -> dict:
    """The scorer's ``--json`` output for the whole set."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        command = [sys.executable, str(scorer), "--notes", str(notes), "--gold", str(gold), "--json", str(out)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"{scorer} failed (exit {done.returncode}): " + " / ".join(tail))
        return json.loads(out.read_text(encoding="utf-8"))


def _figures(part: dict) -> dict:
    """Recall, precision, F1 and the counts ([found, total] per kind) of one file or the total."""
    counts = {kind: list(pair) for kind, pair in part.get("counts", {}).items()}
    return {"recall": part["recall"], "precision": part["precision"], "f1": part["f1"], "counts": counts}


def _throughput(notes: Path, repeat: int) -> dict:
    """Extraction on one core over the corpus, and over distinct synthetic notes of about as many lines."""
    files = [(p.name, p.read_bytes()) for p in sorted(notes.iterdir()) if p.suffix in _NOTES_SUFFIXES]
    corpus = extraction_rate(files, repeat=repeat)
    probe = synth_files(2_000, files=1, distinct=True)[0][1].splitlines()
    bullets = max(1, round(corpus["lines"] * sum(map(is_bullet, probe)) / len(probe)))
    synthetic = synth_files(bullets, files=max(1, len(files)), distinct=True)
    baseline = extraction_rate([(name, text.encode()) for name, text in synthetic], repeat=repeat)
    return {
        "corpus": corpus,
        "synthetic_distinct": baseline,
        "ratios": {
            "corpus_vs_synthetic_items_per_s": corpus["items_per_s"] / baseline["items_per_s"],
            "corpus_vs_synthetic_lines_per_s": corpus["lines_per_s"] / baseline["lines_per_s"],
        },
    }


def _pair(counts: dict, kind: str) -> str:
    found, total = counts.get(kind, (0, 0))
    return f"{found}/{total}"


def table(result: dict) -> str:
    """The per-file table, the total, the targets and the throughput, as text.

    >>> counts = {"services": [2, 2], "limits": [1, 3], "relations": [0, 1], "features": [2, 2]}
    >>> part = {"recall": 0.625, "precision": 1.0, "f1": 0.769, "counts": counts}
    >>> result = {"files": {"a.md": part}, "total": part, "targets": TARGETS,
    ...           "met": {"f1": False, "precision": True, "file_f1": True}}
    >>> print(table(result))  # doctest: +NORMALIZE_WHITESPACE
    file   recall  precision  F1    services  limits  relations  features
    a.md   0.62    1.00       0.77  2/2       1/3     0/1        2/2
    TOTAL  0.62    1.00       0.77  2/2       1/3     0/1        2/2
    targets: total F1 0.769 >= 0.90 NO; precision 1.000 >= 0.92 yes; every file F1 >= 0.75 yes
    """
    if "skipped" in result:
        return f"fidelity skipped: {result['skipped']}"
    header = ("file", "recall", "precision", "F1", "services", "limits", "relations", "features")
    rows = [header]
    for name, part in [*result["files"].items(), ("TOTAL", result["total"])]:
        found = [_pair(part["counts"], kind) for kind in ("services", "limits", "relations", "features")]
        rows.append((name, f"{part['recall']:.2f}", f"{part['precision']:.2f}", f"{part['f1']:.2f}", *found))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    targets, met, total = result["targets"], result["met"], result["total"]
    yes = {True: "yes", False: "NO"}
    lines.append(
        f"targets: total F1 {total['f1']:.3f} >= {targets['f1']:.2f} {yes[met['f1']]}; "
        f"precision {total['precision']:.3f} >= {targets['precision']:.2f} {yes[met['precision']]}; "
        f"every file F1 >= {targets['file_f1']:.2f} {yes[met['file_f1']]}"
    )
    for name in result.get("build_failed", []):
        lines.append(f"build failed: {name}")
    speed = result.get("throughput")
    if speed:
        ours, base = speed["corpus"], speed["synthetic_distinct"]
        lines.append(
            f"extraction, one core: corpus {ours['lines_per_s']:,.0f} lines/s, {ours['items_per_s']:,.0f} items/s "
            f"({ours['lines']:,} lines, {ours['items']:,} items, {ours['seconds']:.3f} s); synthetic distinct "
            f"{base['lines_per_s']:,.0f} lines/s, {base['items_per_s']:,.0f} items/s ({base['lines']:,} lines); "
            f"ratio {speed['ratios']['corpus_vs_synthetic_items_per_s']:.2f} (items/s)"
        )
    return "\n".join(lines)
