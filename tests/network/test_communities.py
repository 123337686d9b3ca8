"""Tests for graph.network.community: seeded Louvain communities, as networkx finds them."""

from __future__ import annotations

import networkx as nx

from graph.network.community import communities
from graph.network.subgraphs import undirected


def test_communities_are_seeded_and_sorted():
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    got = communities(g)
    assert [(c.index, c.size, c.labels) for c in got] == [(1, 3, ("a", "b", "c")), (2, 3, ("x", "y", "z"))]
    assert communities(g) == got


def test_communities_ignore_negated_relations():
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    g.add_edge("x", "a", key="notAvailableFor")
    assert [c.labels for c in communities(g)] == [("a", "b", "c"), ("x",)]
    assert communities(nx.MultiDiGraph()) == ()


def test_communities_are_networkx_louvain_of_the_undirected_view(random_multigraph):
    g = random_multigraph(300, 900, seed=5)
    theirs = nx.community.louvain_communities(undirected(g, skip=["notAvailableFor"]), seed=0)
    assert sorted(c.nodes for c in communities(g)) == sorted(tuple(sorted(group)) for group in theirs)
