"""Community names: the most central members, so a community reads as what it is about."""

from __future__ import annotations

import networkx as nx

from graph.network.community import NAME_MEMBERS, communities


def test_a_community_is_named_by_its_most_linked_members():
    g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b"), ("x", "y")])
    for n in g:
        g.nodes[n]["label"] = n.upper()
    first, second = communities(g)
    assert first.name == "HUB & A" and first.central == ("HUB", "A", "B", "C")
    assert sorted(first.central) == sorted(first.labels)  # every member, none cut
    assert second.name == "X & Y" and NAME_MEMBERS == 2


def test_a_single_node_community_is_its_label():
    g = nx.MultiDiGraph()
    g.add_node("solo", label="Solo")
    assert [c.name for c in communities(g)] == ["Solo"]
