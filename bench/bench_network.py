"""Store -> networkx plus the analyses a user runs, against rdflib's converter plus networkx's own algorithms.

:func:`run` times two ways to the same answers, starting from the same loaded data
(loading is not timed; each step is the best of ``repeat`` runs):

* **ours**: :func:`graph.network.build.to_networkx` (quads straight from Oxigraph), then
  every analysis of :mod:`graph.network`: ``caching_layers``, ``migration_paths``,
  ``compare_limits``, ``centrality``, ``communities`` and ``shortest_paths`` (between
  the first and the last service by IRI).
* **baseline**: the same default graph in an :class:`rdflib.Graph`, converted by
  :func:`rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`, cut
  down to the nodes our graph has (that node set is given, not timed) and made a
  simple undirected graph once, its nodes plain strings (rdflib terms hash in
  Python, which slows every networkx loop several times over: the baseline is
  spared that); then the networkx built-ins of the same algorithm families, with the
  same parameters: :func:`networkx.pagerank` (alpha 0.85, tol 1e-6; it needs scipy,
  and without scipy :func:`graph.network.algorithms.pagerank`, the same vectorised power
  iteration, stands in for it rather than a slower pure-Python one: the row
  ``baseline_pagerank`` says which ran), degree,
  :func:`networkx.betweenness_centrality` (exact up to
  :data:`graph.network.scores.EXACT_BETWEENNESS_NODES` nodes, else ``k`` =
  :data:`graph.network.scores.BETWEENNESS_SAMPLES` seeded sources, as ours),
  :func:`networkx.community.louvain_communities` (seed 0) and
  :func:`networkx.all_shortest_paths` between the same two nodes.

The caching, migration and limit analyses have no networkx counterpart: they count
on our side only, so the combined figure leans against us. ``speedups`` are the
baseline's time over ours, so above 1 means ours is faster: ``conversion`` compares
the two converters alone, ``combined`` the totals. ``derived_quads`` (what the
loader adds to the store) is timed as well, outside both totals.

Examples
--------
>>> from graph.network.build import with_prefixes
>>> from graph.rdf.store import Store
>>> store = Store()
>>> text = "cid:dax a ca:CacheService ; ca:caches cid:ddb . cid:ddb a ca:DatabaseService ."
>>> store.load_text(with_prefixes(text), "ttl")
>>> result = run(store, repeat=1)
>>> result["nodes"], result["edges"], sorted(result["speedups"])
(2, 1, ['combined', 'conversion'])
>>> sorted(result["seconds"]["ours"])[:3], result["seconds"]["baseline"]["total"] > 0
(['caching_layers', 'centrality', 'communities'], True)
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

from graph import network as analysis
from graph.network import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS_NODES, algorithms, to_networkx
from graph.network.derive import derived_quads

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["run", "best_of", "ours", "baseline"]

#: networkx's PageRank needs scipy; without it, the same vectorised power iteration stands in for it.
PAGERANK = nx.pagerank if importlib.util.find_spec("scipy") else algorithms.pagerank


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


def _ends(g: nx.MultiDiGraph) -> tuple[str, str] | None:
    """The first and the last service by IRI: the pair both sides find shortest paths between."""
    services = sorted(n for n, data in g.nodes(data=True) if any(c.endswith("Service") for c in data["classes"]))
    return (services[0], services[-1]) if services else None


def ours(store: Store, repeat: int = 3) -> dict[str, float]:
    """Seconds of :func:`graph.network.build.to_networkx` and of each analysis, with their ``total``."""
    seconds = {"to_networkx": best_of(lambda: to_networkx(store), repeat)}
    g = to_networkx(store)
    steps: dict[str, Callable[[], object]] = {
        "caching_layers": lambda: analysis.caching_layers(g),
        "migration_paths": lambda: analysis.migration_paths(g),
        "compare_limits": lambda: analysis.compare_limits(g),
        "centrality": lambda: analysis.centrality(g),
        "communities": lambda: analysis.communities(g),
    }
    if (ends := _ends(g)) is not None:
        steps["shortest_paths"] = lambda: analysis.shortest_paths(g, *ends)
    for name, fn in steps.items():
        seconds[name] = best_of(fn, repeat)
    seconds["total"] = sum(seconds.values())
    return seconds


def baseline(rdf: Graph, keep: set[str], ends: tuple[str, str] | None, repeat: int = 3) -> dict[str, float]:
    """Seconds of the rdflib converter and of networkx's built-ins on its graph, with their ``total``.

    ``keep`` are the IRIs of the nodes the analyses are about (ours); ``ends`` the
    shortest-path pair.
    """
    seconds = {"rdflib_to_networkx": best_of(lambda: rdflib_to_networkx_multidigraph(rdf), repeat)}
    converted = rdflib_to_networkx_multidigraph(rdf)
    nodes = {URIRef(n) for n in keep}

    def project() -> nx.Graph:
        h = nx.Graph()
        h.add_nodes_from(str(n) for n in converted if n in nodes)
        h.add_edges_from((str(u), str(v)) for u, v in converted.edges() if u in nodes and v in nodes)
        return h

    seconds["projection"] = best_of(project, repeat)
    h = project()
    k = BETWEENNESS_SAMPLES if h.number_of_nodes() > EXACT_BETWEENNESS_NODES else None
    steps: dict[str, Callable[[], object]] = {
        "pagerank": lambda: PAGERANK(h),
        "degree": lambda: dict(h.degree()),
        "betweenness": lambda: nx.betweenness_centrality(h, k=k, seed=0),
        "communities": lambda: nx.community.louvain_communities(h, seed=0),
    }
    if ends is not None and all(n in h for n in ends):
        steps["shortest_paths"] = lambda: list(nx.all_shortest_paths(h, *ends))
    for name, fn in steps.items():
        seconds[name] = best_of(fn, repeat)
    seconds["total"] = sum(seconds.values())
    return seconds


def run(store: Store, repeat: int = 3) -> dict:
    """Time ours and the baseline on ``store``.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The data to run on (its default graph, and derived graph if any).
    repeat : int, default 3
        Runs per timing; the best counts.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``triples``, ``baseline_pagerank`` (which PageRank the
        baseline ran); ``seconds`` with ``ours``, ``baseline`` (per step and ``total``) and
        ``derived_quads``; ``speedups``: the baseline's seconds over ours for
        ``conversion`` and ``combined`` (above 1 means ours is faster).
    """
    rdf = Graph().parse(data=store.dump("nt"), format="nt")
    g = to_networkx(store)
    mine = ours(store, repeat)
    theirs = baseline(rdf, set(g), _ends(g), repeat)
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "triples": len(rdf),
        "baseline_pagerank": f"{PAGERANK.__module__}.{PAGERANK.__name__}",
        "seconds": {"ours": mine, "baseline": theirs, "derived_quads": best_of(lambda: derived_quads(g), repeat)},
        "speedups": {
            "conversion": _ratio(theirs["rdflib_to_networkx"], mine["to_networkx"]),
            "combined": _ratio(theirs["total"], mine["total"]),
        },
    }


def _ratio(baseline_seconds: float, our_seconds: float) -> float:
    return baseline_seconds / our_seconds if our_seconds else float("inf")


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    from graph.rdf.pipeline import build_store

    print(json.dumps(run(build_store(sys.argv[1:] or None) if sys.argv[1:] else build_store()), indent=2))
