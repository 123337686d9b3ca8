"""Scale: reopening an on-disk store, the example queries at ~1M triples, and peak memory.

:func:`run` writes synthetic notes (:mod:`bench.synth`, 100k bullets ≈ 1M triples) and
measures, each in a fresh Python process (``python -m bench.bench_scale --child ...``) so
that one measurement cannot warm or bloat the next:

* ``pipeline``: notes → in-memory store (:func:`graph.rdf.pipeline.build_store`): seconds and
  peak memory; its N-Quads are written to a file the other measurements read.
* ``rdflib``: the same N-Quads parsed into rdflib's default Memory store (peak memory), then
  the example queries of ``ontology/queries/*.rq`` run on it (with a time cap).
* ``oxigraph_queries``: the same queries on the embedded store.
* ``disk_build``: notes → on-disk store with :func:`graph.rdf.incremental.sync_store`.
* ``reopen``: open that folder again and answer one query; ``reparse``: parse the N-Quads
  into a new in-memory store and answer the same query (best of ``repeat`` processes each).
* ``network_reopen``: the computed relations and the network of the on-disk store are made
  and saved in its folder (:mod:`graph.network.cache`), as ``build --store`` does; then the folder
  is opened again and the network ``saved`` there is loaded (best of ``repeat``), against
  making it from the store again (``rebuilt``, :func:`graph.network.build.to_networkx`).

Each query is timed the same way on both stores (:func:`_best_of`): it runs again and again
until ``query_budget`` seconds are spent (at least once, at most :data:`MAX_RUNS` times) and the
fastest run counts, so a sub-millisecond query is timed over hundreds of runs rather than one.
Times are the CPU time of the measuring process (:func:`time.process_time`), so that other work
on the machine does not count; both stores answer on one thread. An rdflib query still running
after ``query_timeout`` CPU seconds is stopped and counts as that many seconds: its ratio is a
lower bound (``ratio_is_lower_bound``). Each side answers one query first, untimed, so that
neither pays for its first-use set-up in a measured query.

:func:`run_queries` (``--queries-only``) measures the queries alone, the same way.

Peak memory is the child's own maximum resident set size (``VmHWM``, with the peaks of the
worker processes it waited for), taken for the pipeline and for rdflib by a child that stops
right after loading. (``ru_maxrss`` would not do: a child keeps the high-water mark of the
process it was forked from, so a benchmark run before it in the same parent would show.) Ratios are baseline
over ours, so above 1 means faster (or smaller).

Examples
--------
>>> result = run(bullets=300, repeat=1, query_budget=0.01)
>>> sorted(result["ratios"])  # doctest: +NORMALIZE_WHITESPACE
['memory_rdflib_vs_pipeline', 'network_saved_vs_rebuilt', 'queries_min_vs_rdflib',
 'reopen_vs_pipeline', 'reopen_vs_reparse']
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
from collections.abc import Callable
from pathlib import Path

__all__ = ["run", "run_queries", "QUERIES", "main"]

ROOT = Path(__file__).resolve().parent.parent
#: The example queries measured.
QUERIES = ROOT / "ontology" / "queries"
_ASK = "ASK { ?s a <https://w3id.org/cloudatlas/ontology#DatabaseService> }"
#: CPU seconds each example query is repeated for, on each store (the fastest run counts).
QUERY_BUDGET = 1.0
#: Most runs of one query.
MAX_RUNS = 500
#: CPU seconds one rdflib run of a query may take before it is stopped.
QUERY_TIMEOUT = 60.0


def _mib(kilobytes: int) -> float:
    """``ru_maxrss`` (KiB on Linux) in MiB."""
    return kilobytes / 1024


def _own_peak_mib() -> float:
    """Peak memory of this process and of the children it waited for, in MiB.

    ``ru_maxrss`` of a process started by another keeps the high-water mark of the process it
    was forked from (Linux carries it over ``exec``), so a big parent would show in every child;
    ``VmHWM`` counts this process's own memory only.

    >>> _own_peak_mib() > 1
    True
    """
    own = _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        own = next(int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass  # not Linux: ru_maxrss is the best there is
    return max(own, _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))


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
        answer = json.loads(out.read().decode())
        return answer, answer.pop("_peak_mib")


def _best(values: list[dict], key: str = "seconds") -> dict:
    return min(values, key=lambda v: v[key])


def run(
    bullets: int = 100_000,
    *,
    files: int = 10,
    repeat: int = 3,
    query_budget: float = QUERY_BUDGET,
    query_timeout: float = QUERY_TIMEOUT,
) -> dict:
    """Measure reopen vs re-parse, the example queries vs rdflib, and peak memory on ``bullets`` bullets.

    Parameters
    ----------
    bullets : int
        Synthetic bullets to write (100k gives about 1M triples).
    files : int
        How many notes files they are spread over.
    repeat : int
        Processes started for each of reopen and re-parse (the best is kept).
    query_budget : float
        CPU seconds each query is repeated for, on each store (see :func:`_best_of`).
    query_timeout : float
        CPU seconds one rdflib run of a query may take; a query stopped there counts with that
        time (so its ratio is a lower bound) and is listed under ``rdflib_stopped``.

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
        theirs, _ = _spawn("rdflib-queries", str(nquads), str(query_budget), str(query_timeout))
        ours, _ = _spawn("oxigraph-queries", str(nquads), str(query_budget))
        disk, disk_mib = _spawn("disk-build", str(folder), str(db))
        reopen = _best([_spawn("reopen", str(db))[0] for _ in range(repeat)])
        reparse = _best([_spawn("reparse", str(nquads))[0] for _ in range(repeat)])
        saved, _ = _spawn("network-save", str(db))
        rebuilt, _ = _spawn("network-rebuild", str(db))
        reloaded = _best([_spawn("network-reopen", str(db))[0] for _ in range(repeat)])

    summary = _query_summary(ours["queries"], theirs["queries"])
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
        "network_reopen": {"saved": reloaded, "rebuilt": rebuilt, "derive_and_save_seconds": saved["seconds"]},
        "queries": summary["queries"],
        "rdflib_stopped": summary["rdflib_stopped"],
        "ratios": {
            "reopen_vs_reparse": reparse["seconds"] / reopen["seconds"],
            "reopen_vs_pipeline": pipeline["seconds"] / reopen["seconds"],
            "network_saved_vs_rebuilt": rebuilt["seconds"] / reloaded["seconds"],
            "queries_min_vs_rdflib": summary["queries_min_vs_rdflib"],
            "memory_rdflib_vs_pipeline": rdflib_mib / pipeline_mib,
        },
        "queries_geomean_vs_rdflib": summary["queries_geomean_vs_rdflib"],
    }


def run_queries(
    bullets: int = 100_000,
    *,
    files: int = 10,
    query_budget: float = QUERY_BUDGET,
    query_timeout: float = QUERY_TIMEOUT,
) -> dict:
    """Only the example queries, on both stores, as :func:`run` measures them (same parameters).

    Returns
    -------
    dict
        ``queries`` (per query: both times, runs, result sizes and the ratio), ``rdflib_stopped``,
        ``queries_min_vs_rdflib`` and ``queries_geomean_vs_rdflib``.
    """
    from bench.synth import write_notes

    with tempfile.TemporaryDirectory(prefix="cloudatlas-queries-") as tmp:
        folder, nquads = Path(tmp) / "notes", Path(tmp) / "all.nq"
        write_notes(folder, bullets, files=files)
        pipeline, _ = _spawn("pipeline", str(folder), str(nquads))
        theirs, _ = _spawn("rdflib-queries", str(nquads), str(query_budget), str(query_timeout))
        ours, _ = _spawn("oxigraph-queries", str(nquads), str(query_budget))
    return {"bullets": bullets, "quads": pipeline["quads"], **_query_summary(ours["queries"], theirs["queries"])}


def _query_summary(ours: dict[str, dict], theirs: dict[str, dict]) -> dict:
    """The per-query comparison with the smallest and geometric mean ratio."""
    queries = _compare(ours, theirs)
    ratios = [q["ratio"] for q in queries.values() if "ratio" in q]
    return {
        "queries": queries,
        "rdflib_stopped": ", ".join(sorted(n for n, q in theirs.items() if q.get("stopped"))) or "none",
        "queries_min_vs_rdflib": min(ratios) if ratios else float("nan"),
        "queries_geomean_vs_rdflib": math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else None,
    }


def _compare(ours: dict[str, dict], theirs: dict[str, dict]) -> dict[str, dict]:
    """Per query: both times, both result sizes and the ratio (rdflib / ours).

    >>> _compare({"q": {"seconds": 0.01, "results": 3, "runs": 80}},
    ...          {"q": {"seconds": 2.0, "stopped": True, "runs": 1}})["q"]["ratio_is_lower_bound"]
    True
    """
    queries: dict[str, dict] = {}
    for name, mine in ours.items():
        other = theirs.get(name, {})
        entry = {"oxigraph_s": mine["seconds"], "oxigraph_runs": mine["runs"], "results": mine["results"]}
        if "error" in other:
            entry["rdflib"] = f"skipped: {other['error']}"
        else:
            entry["rdflib_s"] = other["seconds"]
            entry["rdflib_runs"] = other["runs"]
            entry["ratio"] = other["seconds"] / max(mine["seconds"], 1e-9)
            if other.get("stopped"):
                entry["ratio_is_lower_bound"] = True
            else:
                entry["rdflib_results"] = other["results"]
                entry["results_match"] = other["results"] == mine["results"]
        queries[name] = entry
    return queries


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

    from graph.rdf.pipeline import build_store

    start = time.perf_counter()
    store = build_store([Path(folder)])
    seconds = time.perf_counter() - start
    peak = _own_peak_mib()
    store.ox.dump(output=nquads, format=ox.RdfFormat.N_QUADS)
    return {"seconds": seconds, "quads": len(store), "peak_mib_at_build_end": peak}


def _child_rdflib_load(nquads: str) -> dict:
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    return {"seconds": time.perf_counter() - start, "quads": len(dataset)}


class _Stopped(BaseException):
    """Raised by the CPU timer; not an ``Exception``, so that ``except Exception`` in rdflib lets it through."""


def _best_of(run: Callable[[], object], budget: float, max_runs: int = MAX_RUNS) -> tuple[float, object, int]:
    """Run ``run()`` until ``budget`` CPU seconds are spent (once at least, ``max_runs`` at most).

    Returns the fastest run's CPU seconds, the last result and the number of runs.

    >>> seconds, result, runs = _best_of(lambda: sum(range(1000)), budget=0.01)
    >>> result, 1 <= runs <= MAX_RUNS, seconds < 0.01
    (499500, True, True)
    """
    best, result, runs, spent = math.inf, None, 0, 0.0
    while runs == 0 or (spent < budget and runs < max_runs):
        start = time.process_time()
        result = run()
        elapsed = time.process_time() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best, result, runs


def _capped(run: Callable[[], object], limit: float) -> Callable[[], object]:
    """``run`` stopped with :class:`_Stopped` after ``limit`` CPU seconds.

    The timer fires again every 50 ms after the limit, so that a stop swallowed by a bare
    ``except:`` in the code being timed is raised again.

    >>> def swallows_the_first_stop():
    ...     try:
    ...         while True:
    ...             pass
    ...     except BaseException:
    ...         pass
    ...     while True:
    ...         pass
    >>> _capped(swallows_the_first_stop, limit=0.05)()
    Traceback (most recent call last):
    ...
    bench.bench_scale._Stopped
    >>> _capped(lambda: 42, limit=0.05)()
    42
    """
    state = {"armed": False}

    def alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        if state["armed"]:
            raise _Stopped

    def capped() -> object:
        signal.signal(signal.SIGPROF, alarm)
        state["armed"] = True
        signal.setitimer(signal.ITIMER_PROF, limit, 0.05)
        try:
            return run()
        finally:
            state["armed"] = False
            signal.setitimer(signal.ITIMER_PROF, 0)

    return capped


def _child_rdflib_queries(nquads: str, budget: str, timeout: str) -> dict:
    from rdflib import Dataset

    from graph.rdf.store import PREFIXES

    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    parse_seconds = time.perf_counter() - start

    def answer(text: str) -> int | bool:
        result = dataset.query(text, initNs=PREFIXES)
        return bool(result.askAnswer) if result.type == "ASK" else len(list(result))

    answer(_ASK)  # first use: the SPARQL parser and evaluator are set up here, untimed
    limit = float(timeout)
    out: dict[str, dict] = {}
    for name, text in _queries().items():
        try:
            seconds, size, runs = _best_of(_capped(lambda text=text: answer(text), limit), float(budget))
            out[name] = {"seconds": seconds, "results": size, "runs": runs}
        except _Stopped:
            out[name] = {"seconds": limit, "stopped": True, "runs": 1}
        except Exception as err:  # noqa: BLE001 - a query rdflib cannot run is skipped, with the reason
            out[name] = {"error": f"{type(err).__name__}: {str(err)[:120]}"}
    return {"parse_seconds": parse_seconds, "queries": out}


def _child_oxigraph_queries(nquads: str, budget: str) -> dict:
    import pyoxigraph as ox

    from graph.rdf.store import Store

    store = Store()
    store.ox.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    _size(store.query(_ASK))  # first use, untimed, as for rdflib
    out: dict[str, dict] = {}
    for name, text in _queries().items():
        seconds, size, runs = _best_of(lambda text=text: _size(store.query(text)), float(budget))
        out[name] = {"seconds": seconds, "results": size, "runs": runs}
    return {"queries": out}


def _child_disk_build(folder: str, db: str) -> dict:
    from graph.rdf.incremental import open_store, sync_store

    start = time.perf_counter()
    store = open_store(db)
    report = sync_store([Path(folder)], store)
    return {"seconds": time.perf_counter() - start, "quads": len(store), "files": len(report.added)}


def _child_reopen(db: str) -> dict:
    from graph.rdf.incremental import open_store

    start = time.perf_counter()
    store = open_store(db)
    answer = bool(store.query(_ASK))
    return {"seconds": time.perf_counter() - start, "answer": answer}


def _child_network_save(db: str) -> dict:
    """The computed relations and the network of the on-disk store, saved in its folder (as ``build --store``)."""
    from graph.network.cache import save_network
    from graph.network.derive import derive_network
    from graph.rdf.incremental import open_store

    start = time.perf_counter()
    store = open_store(db)
    saved = save_network(store, derive_network(store))
    return {"seconds": time.perf_counter() - start, "saved": saved}


def _child_network_rebuild(db: str) -> dict:
    """Reopen the on-disk store and make its network from the store (the baseline)."""
    from graph.network.build import to_networkx
    from graph.rdf.incremental import open_store

    start = time.perf_counter()
    g = to_networkx(open_store(db))
    return {"seconds": time.perf_counter() - start, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _child_network_reopen(db: str) -> dict:
    """Reopen the on-disk store and load the network saved in its folder."""
    from graph.network.cache import load_network
    from graph.rdf.incremental import open_store

    start = time.perf_counter()
    g = load_network(open_store(db))
    if g is None:
        raise RuntimeError("the saved network was not used")
    return {"seconds": time.perf_counter() - start, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _child_reparse(nquads: str) -> dict:
    import pyoxigraph as ox

    from graph.rdf.store import Store

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
    "network-save": _child_network_save,
    "network-rebuild": _child_network_rebuild,
    "network-reopen": _child_network_reopen,
}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.bench_scale [--bullets N] [--queries-only]``: run and print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--bullets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="processes for reopen and re-parse")
    parser.add_argument("--query-budget", type=float, default=QUERY_BUDGET, help="CPU seconds per query and store")
    parser.add_argument("--query-timeout", type=float, default=QUERY_TIMEOUT, help="CPU seconds an rdflib run may take")
    parser.add_argument("--queries-only", action="store_true", help="measure the example queries only")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        answer = _CHILDREN[kind](*rest)
        answer["_peak_mib"] = _own_peak_mib()
        print(json.dumps(answer))
        return 0
    timing = {"query_budget": args.query_budget, "query_timeout": args.query_timeout}
    if args.queries_only:
        result = run_queries(bullets=args.bullets, **timing)
    else:
        result = run(bullets=args.bullets, repeat=args.repeat, **timing)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
