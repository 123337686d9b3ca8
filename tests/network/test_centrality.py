"""Tests for graph.network.scores.centrality: degree, betweenness and PageRank, as networkx computes them."""

from __future__ import annotations

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.network.scores import centrality
from graph.network.subgraphs import undirected


def test_centrality():
    g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("hub", "a"), ("c", "d")])
    rows = centrality(g)
    # d's one neighbour has fewer links than a's and b's, so d ranks above them; a and b tie, by label
    assert [(r.label, r.degree, round(r.betweenness, 4)) for r in rows] == [
        ("hub", 3, 0.8333),
        ("c", 2, 0.5),
        ("d", 1, 0.0),
        ("a", 1, 0.0),
        ("b", 1, 0.0),
    ]
    expected = _pagerank_python(nx.Graph(g.to_undirected()))
    assert all(abs(r.pagerank - expected[r.node]) < 1e-6 for r in rows)
    assert [r.label for r in centrality(g, top=2)] == ["hub", "c"]


def test_centrality_of_the_notes_graph_ranks_rds_first(g):
    assert centrality(g, top=1)[0].label == "RDS"


def test_centrality_samples_betweenness_on_big_graphs_as_networkx_does(random_multigraph):
    g = random_multigraph(700, 1600, seed=1)
    theirs = nx.betweenness_centrality(undirected(g), k=100, seed=0)
    rows = centrality(g)
    assert len(rows) == 700
    assert all(abs(r.betweenness - theirs[r.node]) < 1e-12 for r in rows)
    assert [r.pagerank for r in rows] == sorted((r.pagerank for r in rows), reverse=True)
