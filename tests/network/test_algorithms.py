"""Tests for graph.network.algorithms: the same numbers and communities as networkx, faster."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.network.algorithms import DIGITS, betweenness, louvain, pagerank


def _graphs() -> list[nx.Graph]:
    with_loops = nx.Graph(nx.gnm_random_graph(40, 90, seed=2).edges())
    with_loops.add_edges_from([(0, 0), (5, 5)])
    apart = nx.disjoint_union(nx.cycle_graph(7), nx.star_graph(5))
    apart.add_node("alone")
    return [
        nx.karate_club_graph(),
        nx.les_miserables_graph(),
        nx.Graph(nx.gnm_random_graph(200, 500, seed=1).edges()),
        with_loops,
        apart,
        nx.path_graph(3),
    ]


def _canonical(groups) -> list[list[str]]:
    return sorted(sorted(map(str, group)) for group in groups)


@pytest.mark.parametrize("graph", _graphs())
def test_betweenness_is_networkx_exact(graph):
    ours, theirs = betweenness(graph), nx.betweenness_centrality(graph)
    assert list(ours) == list(theirs)
    assert ours == pytest.approx(theirs, abs=10**-DIGITS)


@pytest.mark.parametrize("k", [1, 2, 17])
@pytest.mark.parametrize("seed", [0, 5])
def test_betweenness_samples_the_sources_networkx_samples(k, seed):
    graph = nx.Graph(nx.gnm_random_graph(120, 300, seed=seed).edges())
    ours, theirs = betweenness(graph, k=k, seed=seed), nx.betweenness_centrality(graph, k=k, seed=seed)
    assert ours == pytest.approx(theirs, abs=10**-DIGITS, nan_ok=True)


def test_betweenness_of_symmetric_nodes_ties_exactly():
    # four leaves on a ring of hubs: each leaf pair is in the same place, so the values must be equal
    graph = nx.cycle_graph(6)
    graph.add_edges_from([(0, "a"), (2, "b"), (4, "c")])
    scores = betweenness(graph)
    assert scores[0] == scores[2] == scores[4]
    assert scores[1] == scores[3] == scores[5]
    assert scores["a"] == scores["b"] == scores["c"] == 0.0


def test_betweenness_and_louvain_refuse_directed_or_multigraphs():
    for graph in (nx.DiGraph([(1, 2)]), nx.MultiGraph([(1, 2)])):
        with pytest.raises(ValueError, match="simple undirected"):
            betweenness(graph)
        with pytest.raises(ValueError, match="simple undirected"):
            louvain(graph)


def test_small_graphs():
    assert betweenness(nx.Graph()) == {}
    assert betweenness(nx.Graph([(1, 2)])) == {1: 0.0, 2: 0.0}
    assert louvain(nx.Graph()) == []
    empty = nx.Graph()
    empty.add_nodes_from("ba")
    assert louvain(empty) == [{"b"}, {"a"}]


@pytest.mark.parametrize("graph", _graphs())
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_louvain_is_networkx_louvain(graph, seed):
    assert _canonical(louvain(graph, seed=seed)) == _canonical(nx.community.louvain_communities(graph, seed=seed))


def test_louvain_with_integer_weights():
    graph = nx.Graph(nx.gnm_random_graph(80, 200, seed=3).edges())
    for i, (u, v) in enumerate(graph.edges()):
        graph[u][v]["weight"] = 1 + i % 4
    assert _canonical(louvain(graph, seed=2)) == _canonical(nx.community.louvain_communities(graph, seed=2))


@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=60),
    st.integers(0, 2**16),
)
def test_louvain_and_betweenness_agree_with_networkx_on_any_graph(edges, seed):
    graph = nx.Graph(edges)
    assert _canonical(louvain(graph, seed=seed)) == _canonical(nx.community.louvain_communities(graph, seed=seed))
    assert betweenness(graph) == pytest.approx(nx.betweenness_centrality(graph), abs=10**-DIGITS)


@pytest.mark.parametrize(
    "graph",
    [
        nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")]),
        nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c"), ("c", "a")]),
        nx.Graph(nx.karate_club_graph().edges()),  # without its weights: ours counts edges
    ],
)
def test_pagerank_is_networkx_pagerank(graph):
    ours, theirs = pagerank(graph), _pagerank_python(nx.MultiDiGraph(graph) if graph.is_multigraph() else graph)
    assert ours == pytest.approx(theirs, abs=1e-9)
