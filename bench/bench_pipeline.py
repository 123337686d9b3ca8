"""Timings of notes → queryable store, against the same triples parsed into rdflib's Memory store.

:func:`run` writes synthetic notes (:mod:`bench.synth`), then times, in one process:
extraction alone on one core (reader + extractor, in bullets per second), the
whole pipeline (files → outline → facts → triples → embedded Oxigraph,
:func:`graph.rdf.pipeline.build_store`) as users run it, with files spread over
every core, and again on one core, and the baseline: the N-Quads of the very
same store parsed by rdflib into its default Memory store. Ratios are baseline
time over ours (above 1 is faster). ``distinct_bullet_share`` says how many of the
synthetic bullets are new text within their file: extraction works out what a
repeated text says only once, so notes that repeat less extract more slowly.
``extraction_one_core`` therefore times reading and extraction, each file on
its own as the pipeline does, on both kinds of synthetic notes of the same
size: ``repeating`` (the default notes, which the other figures use) and
``distinct`` (every bullet different text, :func:`bench.synth.synth_notes`
with ``distinct=True``), each with its own ``distinct_bullet_share``.

Examples
--------
>>> result = run(bullets=200, repeat=1)
>>> result["bullets"], result["quads"] > 200, sorted(result["ratios"])  # doctest: +NORMALIZE_WHITESPACE
(200, True, ['extract_distinct_vs_repeating', 'pipeline_one_core_vs_rdflib_memory',
             'pipeline_vs_rdflib_memory'])
>>> modes = result["extraction_one_core"]
>>> modes["distinct"]["distinct_bullet_share"], modes["repeating"]["distinct_bullet_share"] < 1
(1.0, True)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from bench.extraction_rate import distinct_share, extract_function, extraction_rate
from bench.synth import write_notes
from graph.rdf.inputs import find_inputs
from graph.rdf.pipeline import build_store, read_notes
from graph.utils.fanout import available_cores

__all__ = ["run"]


def _best(fn, repeat: int) -> tuple[float, object]:
    """Shortest wall time of ``repeat`` calls and the last result."""
    best, result = float("inf"), None
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run(bullets: int = 100_000, repeat: int = 1, files: int = 10) -> dict:
    """Time extraction, the pipeline and the rdflib baseline on ``bullets`` synthetic bullets."""
    extract = extract_function()
    modes = {}
    with tempfile.TemporaryDirectory() as folder:
        paths = write_notes(folder, bullets, files=files)
        modes["repeating"] = extraction_rate([(p.name, p.read_bytes()) for p in paths], repeat)
        outlines = read_notes(find_inputs([folder]))
        distinct = distinct_share(outlines)
        extract_s, _ = _best(lambda: extract(outlines), repeat)
        pipeline_s, store = _best(lambda: build_store([Path(folder)]), repeat)
        one_core_s, _ = _best(lambda: build_store([Path(folder)], workers=1), repeat)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_notes(folder, bullets, files=files, distinct=True)
        modes["distinct"] = extraction_rate([(p.name, p.read_bytes()) for p in paths], repeat)
    nquads = store.dump("nq")
    baseline_s, _ = _best(lambda: Dataset().parse(data=nquads, format="nquads"), repeat)
    return {
        "bullets": bullets,
        "quads": len(store),
        "cores": available_cores(),
        "distinct_bullet_share": distinct,
        "seconds": {
            "extract": extract_s,
            "pipeline": pipeline_s,
            "pipeline_one_core": one_core_s,
            "rdflib_memory_parse": baseline_s,
        },
        "rates": {"extract_bullets_per_s": bullets / extract_s, "pipeline_bullets_per_s": bullets / pipeline_s},
        "extraction_one_core": modes,
        "ratios": {
            "extract_distinct_vs_repeating": modes["distinct"]["bullets_per_s"] / modes["repeating"]["bullets_per_s"],
            "pipeline_vs_rdflib_memory": baseline_s / pipeline_s,
            "pipeline_one_core_vs_rdflib_memory": baseline_s / one_core_s,
        },
    }
