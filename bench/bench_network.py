"""Timings of store -> networkx and of each network analysis, against an rdflib baseline.

:func:`run` times :func:`graph.network.to_networkx` (quads straight from Oxigraph)
and the baseline :func:`rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`
on the same default graph loaded into an :class:`rdflib.Graph` (loading not timed),
then each analysis on the graph. Each timing is the best of ``repeat`` runs.

Examples
--------
>>> from graph.network import with_prefixes
>>> from graph.store import Store
>>> store = Store()
>>> text = "cid:dax a ca:CacheService ; ca:caches cid:ddb . cid:ddb a ca:DatabaseService ."
>>> store.load_text(with_prefixes(text), "ttl")
>>> result = run(store, repeat=1)
>>> result["nodes"], result["edges"], sorted(result["ratios"])
(2, 1, ['to_networkx_vs_rdflib'])
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

from graph import analysis
from graph.derive import derived_quads
from graph.network import to_networkx

if TYPE_CHECKING:
    from graph.store import Store

__all__ = ["run", "best_of"]


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The shortest wall time of ``repeat`` calls, in seconds.

    >>> best_of(lambda: None, 2) >= 0
    True
    """
    best = float("inf")
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(store: Store, repeat: int = 3) -> dict:
    """Time the conversion and the analyses on ``store``.

    Parameters
    ----------
    store : graph.store.Store
        The data to run on (its default graph, and derived graph if any).
    repeat : int, default 3
        Runs per timing; the best counts.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``triples``; ``seconds`` per step (``to_networkx``,
        ``rdflib_to_networkx`` and each analysis); ``ratios``:
        ``to_networkx_vs_rdflib`` is our time over the baseline's (below 1 is faster).
    """
    rdf = Graph().parse(data=store.dump("nt"), format="nt")
    seconds: dict[str, float] = {
        "to_networkx": best_of(lambda: to_networkx(store), repeat),
        "rdflib_to_networkx": best_of(lambda: rdflib_to_networkx_multidigraph(rdf), repeat),
    }
    g = to_networkx(store)
    services = sorted(n for n, data in g.nodes(data=True) if any(c.endswith("Service") for c in data["classes"]))
    a, b = (services[0], services[-1]) if services else (None, None)
    steps: dict[str, Callable[[], object]] = {
        "caching_layers": lambda: analysis.caching_layers(g),
        "migration_paths": lambda: analysis.migration_paths(g),
        "compare_limits": lambda: analysis.compare_limits(g),
        "centrality": lambda: analysis.centrality(g),
        "communities": lambda: analysis.communities(g),
        "derived_quads": lambda: derived_quads(g),
    }
    if a is not None:
        steps["shortest_paths"] = lambda: analysis.shortest_paths(g, a, b)
    for name, fn in steps.items():
        seconds[name] = best_of(fn, repeat)
    baseline = seconds["rdflib_to_networkx"]
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "triples": len(rdf),
        "seconds": seconds,
        "ratios": {"to_networkx_vs_rdflib": seconds["to_networkx"] / baseline if baseline else float("inf")},
    }


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    from graph.pipeline import build_store

    print(json.dumps(run(build_store(sys.argv[1:] or None) if sys.argv[1:] else build_store()), indent=2))
