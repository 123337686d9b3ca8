"""Run the benchmarks: ``python -m bench [NAME ...] [--bullets N] [--only NAME ...]``.

Names (``pipeline``, ``network``, ``scale``, ``browser``, ``isolation``, ``fidelity``), given
as arguments or after ``--only``, run just those; by default all run. Prints
every figure and ratio (each against a baseline measured in the same run; the
fidelity benchmark prints its per-file table), writes them to
``bench/results.json``, and ends with the table of the targets
(:mod:`bench.summary`; when only some ran, the other rows come from the last
run recorded in ``results.json``). A benchmark that cannot run here (a module
or the corpus missing) says so and is skipped.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import time
from pathlib import Path

from bench.summary import table

RESULTS = Path(__file__).resolve().parent / "results.json"
BENCHES = ("pipeline", "network", "scale", "browser", "isolation", "fidelity")


def _flatten(prefix: str, value: object, out: list[tuple[str, object]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, int | float | str):
        out.append((prefix, value))


def _run_one(name: str, bullets: int) -> dict:
    module = importlib.import_module(f"bench.bench_{name}")
    if name in ("pipeline", "scale"):
        return module.run(bullets=bullets)
    if name == "network":
        from graph.network.derive import add_derived
        from graph.rdf.pipeline import BUNDLED_NOTES, build_store

        bundled = build_store([BUNDLED_NOTES])
        add_derived(bundled)
        result = {"bundled": module.run(bundled)}
        if bullets:
            import tempfile

            from bench.synth import write_notes

            with tempfile.TemporaryDirectory() as folder:
                write_notes(folder, bullets)
                big = build_store([folder])
            result["synthetic"] = module.run(big, repeat=1)
        return result
    return module.run()


def _print(name: str, result: dict) -> None:
    """A benchmark's figures, one per line (the fidelity benchmark: its table)."""
    if name == "fidelity":
        from bench.bench_fidelity import table as fidelity_table

        print(fidelity_table(result), flush=True)
        return
    rows: list[tuple[str, object]] = []
    _flatten(name, result, rows)
    for key, value in rows:
        shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
        print(f"{key:<60} {shown:>14}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run: {', '.join(BENCHES)}")
    parser.add_argument("--bullets", type=int, default=100_000, help="synthetic bullets (default 100,000)")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)
    chosen = [*args.names, *args.only]
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (choose from {', '.join(BENCHES)})")
    chosen = list(dict.fromkeys(chosen))
    results: dict[str, object] = {}
    if chosen and RESULTS.exists():  # keep the other benchmarks' last figures
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
    results.update({"machine": platform.platform(), "when": time.strftime("%Y-%m-%d %H:%M:%S")})
    for name in chosen or BENCHES:
        try:
            results[name] = _run_one(name, args.bullets)
        except ModuleNotFoundError as err:
            results[name] = {"skipped": str(err)}
        _print(name, results[name])
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
