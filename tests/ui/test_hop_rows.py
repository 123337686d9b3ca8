"""The hops the path finder lists: one relation per hop, the strongest, never merged keys."""

from __future__ import annotations

import networkx as nx

from graph.views.selection import graph_path
from ui.path_finder import hop_rows


def test_each_hop_shows_one_relation_the_strongest():
    g = nx.MultiDiGraph()
    g.add_edges_from(
        [("rds", "mysql", "mentions"), ("rds", "mysql", "supportsEngine"), ("dms", "mysql", "migrationSource")]
    )
    for node in g:
        g.nodes[node]["label"] = node.upper()
    rows = hop_rows(graph_path(g, ["rds", "mysql", "dms"]))
    assert rows == [
        {"From": "RDS", "Relation": "supportsEngine →", "To": "MYSQL"},
        {"From": "MYSQL", "Relation": "← migrationSource", "To": "DMS"},
    ]
    assert not any("|" in row["Relation"] for row in rows)


def test_a_hop_without_a_relation_says_so():
    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b"])
    assert hop_rows(graph_path(g, ["a", "b"])) == [{"From": "a", "Relation": "not linked", "To": "b"}]
