"""Scale: reopening an on-disk store, the example queries at ~1M triples, and peak memory.

:func:`run` writes synthetic notes (:mod:`bench.synth`, 100k bullets ≈ 1M triples) and
measures, each in a fresh Python process (``python -m bench.bench_scale --child ...``) so
that one measurement cannot warm or bloat the next:

* ``pipeline``: notes → in-memory store (:func:`graph.pipeline.build_store`): seconds and
  peak memory; its N-Quads are written to a file the other measurements read.
* ``rdflib``: the same N-Quads parsed into rdflib's default Memory store (peak memory), then
  the example queries of ``ontology/queries/*.rq`` run on it once each (with a time cap).
* ``oxigraph_queries``: the same queries on the embedded store (best of ``repeat`` runs).
* ``disk_build``: notes → on-disk store with :func:`graph.incremental.sync_store`.
* ``reopen``: open that folder again and answer one query; ``reparse``: parse the N-Quads
  into a new in-memory store and answer the same query (best of ``repeat`` processes each).

Peak memory is the child's maximum resident set size as the kernel counts it for children
(``ru_maxrss`` from :func:`os.wait4`, the per-child form of ``RUSAGE_CHILDREN``), taken for
the pipeline and for rdflib by a child that stops right after loading. Ratios are baseline
over ours, so above 1 means faster (or smaller).

Examples
--------
>>> result = run(bullets=300, repeat=1)
>>> sorted(result["ratios"])
['memory_rdflib_vs_pipeline', 'queries_min_vs_rdflib', 'reopen_vs_pipeline', 'reopen_vs_reparse']
>>> result["quads"] > 300, result["reopen"]["answer"], result["reparse"]["answer"]
(True, True, True)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["run", "QUERIES", "main"]

ROOT = Path(__file__).resolve().parent.parent
#: The example queries measured.
QUERIES = ROOT / "ontology" / "queries"
_ASK = "ASK { ?s a <https://w3id.org/cloudatlas/ontology#DatabaseService> }"


def _mib(kilobytes: int) -> float:
    """``ru_maxrss`` (KiB on Linux) in MiB."""
    return kilobytes / 1024


def _spawn(*args: str, timeout: float | None = None) -> tuple[dict, float]:
    """Run ``python -m bench.bench_scale --child ARGS``; (its JSON answer, its peak memory in MiB)."""
    command = [sys.executable, "-m", "bench.bench_scale", "--child", *args]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=env)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"child {args[0]} failed ({process.returncode}): {err.read().decode()[-2000:]}")
        return json.loads(out.read().decode()), _mib(usage.ru_maxrss)


def _best(values: list[dict], key: str = "seconds") -> dict:
    return min(values, key=lambda v: v[key])


def run(bullets: int = 100_000, *, files: int = 10, repeat: int = 3, query_timeout: float = 20.0) -> dict:
    """Measure reopen vs re-parse, the example queries vs rdflib, and peak memory on ``bullets`` bullets.

    Parameters
    ----------
    bullets : int
        Synthetic bullets to write (100k gives about 1M triples).
    files : int
        How many notes files they are spread over.
    repeat : int
        Runs of each fast measurement (the best is kept).
    query_timeout : float
        Seconds an rdflib query may take; a query stopped there counts with that time
        (so its ratio is a lower bound) and is listed under ``rdflib_stopped``.

    Returns
    -------
    dict
        Seconds, MiB and result sizes of each measurement, and ``ratios`` (baseline / ours).
    """
    from bench.synth import write_notes

    with tempfile.TemporaryDirectory(prefix="cloudatlas-scale-") as tmp:
        folder, nquads, db = Path(tmp) / "notes", Path(tmp) / "all.nq", Path(tmp) / "store"
        write_notes(folder, bullets, files=files)

        pipeline, pipeline_mib = _spawn("pipeline", str(folder), str(nquads))
        _, rdflib_mib = _spawn("rdflib-load", str(nquads))
        theirs, _ = _spawn("rdflib-queries", str(nquads), str(query_timeout))
        ours, _ = _spawn("oxigraph-queries", str(nquads), str(repeat))
        disk, disk_mib = _spawn("disk-build", str(folder), str(db))
        reopen = _best([_spawn("reopen", str(db))[0] for _ in range(repeat)])
        reparse = _best([_spawn("reparse", str(nquads))[0] for _ in range(repeat)])

    queries: dict[str, dict] = {}
    ratios_q: list[float] = []
    for name, mine in ours["queries"].items():
        other = theirs["queries"].get(name, {})
        entry = {"oxigraph_s": mine["seconds"], "results": mine["results"]}
        if "error" in other:
            entry["rdflib"] = f"skipped: {other['error']}"
        else:
            entry["rdflib_s"] = other["seconds"]
            entry["rdflib_results"] = other.get("results")
            entry["ratio"] = other["seconds"] / max(mine["seconds"], 1e-6)
            ratios_q.append(entry["ratio"])
        queries[name] = entry
    stopped = sorted(n for n, q in theirs["queries"].items() if q.get("stopped"))
    return {
        "bullets": bullets,
        "quads": pipeline["quads"],
        "pipeline": {
            "seconds": pipeline["seconds"],
            "peak_mib": pipeline_mib,
            "peak_mib_at_build_end": pipeline["peak_mib_at_build_end"],
        },
        "rdflib_memory": {"parse_seconds": theirs["parse_seconds"], "peak_mib": rdflib_mib},
        "disk_build": {"seconds": disk["seconds"], "peak_mib": disk_mib, "store_quads": disk["quads"]},
        "reopen": reopen,
        "reparse": reparse,
        "queries": queries,
        "rdflib_stopped": ", ".join(stopped) or "none",
        "ratios": {
            "reopen_vs_reparse": reparse["seconds"] / reopen["seconds"],
            "reopen_vs_pipeline": pipeline["seconds"] / reopen["seconds"],
            "queries_min_vs_rdflib": min(ratios_q) if ratios_q else float("nan"),
            "memory_rdflib_vs_pipeline": rdflib_mib / pipeline_mib,
        },
        "queries_geomean_vs_rdflib": math.exp(sum(map(math.log, ratios_q)) / len(ratios_q)) if ratios_q else None,
    }


# --- the children ------------------------------------------------------------------------------


def _queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}


def _size(result: object) -> int | bool:
    """Rows, triples or the boolean of a query result (consuming it)."""
    if isinstance(result, bool):
        return result
    try:
        return sum(1 for _ in result)  # type: ignore[attr-defined]
    except TypeError:
        return bool(result)


def _child_pipeline(folder: str, nquads: str) -> dict:
    import pyoxigraph as ox

    from graph.pipeline import build_store

    start = time.perf_counter()
    store = build_store([Path(folder)])
    seconds = time.perf_counter() - start
    peak = _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    store.ox.dump(output=nquads, format=ox.RdfFormat.N_QUADS)
    return {"seconds": seconds, "quads": len(store), "peak_mib_at_build_end": peak}


def _child_rdflib_load(nquads: str) -> dict:
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    return {"seconds": time.perf_counter() - start, "quads": len(dataset)}


class _Stopped(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Stopped


def _child_rdflib_queries(nquads: str, timeout: str) -> dict:
    from rdflib import Dataset

    from graph.store import PREFIXES

    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    parse_seconds = time.perf_counter() - start
    limit = float(timeout)
    signal.signal(signal.SIGALRM, _alarm)
    out: dict[str, dict] = {}
    for name, text in _queries().items():
        signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        try:
            result = dataset.query(text, initNs=PREFIXES)
            size = bool(result.askAnswer) if result.type == "ASK" else len(list(result))
            out[name] = {"seconds": time.perf_counter() - start, "results": size}
        except _Stopped:
            out[name] = {"seconds": limit, "stopped": True}
        except Exception as err:  # noqa: BLE001 - a query rdflib cannot run is skipped, with the reason
            out[name] = {"error": f"{type(err).__name__}: {str(err)[:120]}"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"parse_seconds": parse_seconds, "queries": out}


def _child_oxigraph_queries(nquads: str, repeat: str) -> dict:
    import pyoxigraph as ox

    from graph.store import Store

    store = Store()
    store.ox.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    out: dict[str, dict] = {}
    for name, text in _queries().items():
        best, size = float("inf"), None
        for _ in range(max(int(repeat), 1)):
            start = time.perf_counter()
            size = _size(store.query(text))
            best = min(best, time.perf_counter() - start)
        out[name] = {"seconds": best, "results": size}
    return {"queries": out}


def _child_disk_build(folder: str, db: str) -> dict:
    from graph.incremental import open_store, sync_store

    start = time.perf_counter()
    store = open_store(db)
    report = sync_store([Path(folder)], store)
    return {"seconds": time.perf_counter() - start, "quads": len(store), "files": len(report.added)}


def _child_reopen(db: str) -> dict:
    from graph.incremental import open_store

    start = time.perf_counter()
    store = open_store(db)
    answer = bool(store.query(_ASK))
    return {"seconds": time.perf_counter() - start, "answer": answer}


def _child_reparse(nquads: str) -> dict:
    import pyoxigraph as ox

    from graph.store import Store

    start = time.perf_counter()
    store = Store()
    store.ox.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    answer = bool(store.query(_ASK))
    return {"seconds": time.perf_counter() - start, "answer": answer}


_CHILDREN = {
    "pipeline": _child_pipeline,
    "rdflib-load": _child_rdflib_load,
    "rdflib-queries": _child_rdflib_queries,
    "oxigraph-queries": _child_oxigraph_queries,
    "disk-build": _child_disk_build,
    "reopen": _child_reopen,
    "reparse": _child_reparse,
}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.bench_scale [--bullets N]``: run and print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--bullets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        print(json.dumps(_CHILDREN[kind](*rest)))
        return 0
    print(json.dumps(run(bullets=args.bullets, repeat=args.repeat), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
