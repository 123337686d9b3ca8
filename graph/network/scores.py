"""How central each node is: PageRank, degree and betweenness of the undirected view.

:func:`score_table` computes several scores from one undirected view, built once;
:func:`node_scores` gives one of them, :func:`top_k` keeps the best-scoring nodes and
:func:`centrality` lists every node with all three, highest PageRank first. The numbers
are networkx's, computed on arrays by :mod:`graph.network.algorithms`.

Examples
--------
>>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
>>> node_scores(g, "degree")
{'a': 1, 'b': 1, 'c': 1, 'hub': 3}
>>> [(r.label, r.degree, r.betweenness) for r in centrality(g, top=1)]
[('hub', 3, 1.0)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.network import algorithms
from graph.network.names import label_of
from graph.network.subgraphs import undirected

__all__ = [
    "SCORES",
    "EXACT_BETWEENNESS_NODES",
    "BETWEENNESS_SAMPLES",
    "pagerank",
    "score_table",
    "node_scores",
    "top_k",
    "CentralityRow",
    "centrality",
]


#: Node scores that :func:`top_k` and :func:`node_scores` know.
SCORES = ("pagerank", "degree", "betweenness")
#: Graphs with more nodes than this get betweenness estimated from samples.
EXACT_BETWEENNESS_NODES = 500
#: How many sample sources estimate betweenness on big graphs (seeded, so repeatable).
BETWEENNESS_SAMPLES = 100


def pagerank(g: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank by power iteration, as :func:`networkx.pagerank` computes it.

    See :func:`graph.network.algorithms.pagerank`. Parallel edges add weight; dangling
    nodes spread their rank evenly.

    >>> ranks = pagerank(nx.DiGraph([("a", "b"), ("c", "b")]))
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 6)
    ('b', 1.0)
    """
    return algorithms.pagerank(g, alpha, max_iter, tol)


def score_table(g: nx.Graph, scores: Iterable[str] = SCORES) -> dict[str, dict[str, float]]:
    """Several node scores (see :func:`node_scores`) from one undirected view, built once.

    >>> table = score_table(nx.MultiDiGraph([("a", "b"), ("c", "b")]), ("degree", "betweenness"))
    >>> table["degree"], table["betweenness"]
    ({'a': 1, 'b': 2, 'c': 1}, {'a': 0.0, 'b': 1.0, 'c': 0.0})
    """
    wanted = list(scores)
    for by in wanted:
        if by not in SCORES:
            raise ValueError(f"unknown score {by!r}; use one of {', '.join(SCORES)}")
    h = undirected(g)
    table: dict[str, dict[str, float]] = {}
    for by in wanted:
        if by == "pagerank":
            table[by] = algorithms.pagerank(h)
        elif by == "degree":
            table[by] = dict(h.degree())
        elif h.number_of_nodes() > EXACT_BETWEENNESS_NODES:
            table[by] = algorithms.betweenness(h, k=BETWEENNESS_SAMPLES, seed=0)
        else:
            table[by] = algorithms.betweenness(h)
    return table


def node_scores(g: nx.Graph, by: str = "pagerank") -> dict[str, float]:
    """Per-node ``pagerank``, ``degree`` (distinct neighbours) or ``betweenness``, all of the undirected view.

    A relation links its two ends both ways here, so hubs rank high rather than
    the sinks of many one-way edges (features, engines). Betweenness is exact up to
    :data:`EXACT_BETWEENNESS_NODES` nodes, and estimated from :data:`BETWEENNESS_SAMPLES`
    seeded sample sources above that (it costs a search from every source). The
    numbers are :func:`networkx.betweenness_centrality`'s for the same ``k`` and
    ``seed=0``, to :data:`graph.network.algorithms.DIGITS` decimals (see :mod:`graph.network.algorithms`).

    >>> node_scores(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "b")]), "degree")
    {'a': 1, 'b': 2, 'c': 1}
    """
    return score_table(g, (by,))[by]


def top_k(g: nx.MultiDiGraph, k: int, by: str = "pagerank") -> nx.MultiDiGraph:
    """The subgraph of the ``k`` best-scoring nodes (ties broken by IRI).

    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> sorted(top_k(g, 1, by="degree"))
    ['hub']
    """
    scores = node_scores(g, by)
    best = sorted(g, key=lambda n: (-scores[n], n))[: max(k, 0)]
    return g.subgraph(best).copy()


@dataclass(frozen=True)
class CentralityRow:
    """How central a node is: distinct neighbours, betweenness and PageRank, all of the undirected view."""

    node: str
    label: str
    degree: int
    betweenness: float
    pagerank: float


def centrality(g: nx.MultiDiGraph, top: int | None = None) -> tuple[CentralityRow, ...]:
    """Degree, betweenness and PageRank of every node, highest PageRank first.

    All three are of one undirected view, built once; betweenness is estimated
    from seeded samples on big graphs (see :func:`node_scores`).

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    top : int, optional
        Keep only this many rows.

    Returns
    -------
    tuple of CentralityRow
        By PageRank (descending), then label.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> [(r.label, r.degree, r.betweenness) for r in centrality(g, top=2)]
    [('hub', 3, 1.0), ('a', 1, 0.0)]
    """
    table = score_table(g)
    ranks, degree, between = table["pagerank"], table["degree"], table["betweenness"]
    rows = [CentralityRow(n, label_of(g, n), int(degree[n]), between[n], ranks[n]) for n in g]
    rows.sort(key=lambda r: (-r.pagerank, r.label.casefold(), r.node))
    return tuple(rows if top is None else rows[:top])
