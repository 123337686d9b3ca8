"""Tests for graph.network.paths on a small hand-written graph, with exact results."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import InputError
from graph.network.paths import Step, main_relation, shortest_paths

CID = "https://w3id.org/cloudatlas/id/"


def test_shortest_paths(g):
    routes = [p.route for p in shortest_paths(g, "Oracle", "Aurora")]
    assert routes == ["Oracle <-supportsEngine- RDS -supportsEngine-> Aurora"]
    assert [p.route for p in shortest_paths(g, "MySQL", "PostgreSQL")] == [
        "MySQL <-compatibleWith- Aurora -compatibleWith-> PostgreSQL",
        "MySQL <-supportsEngine- RDS -supportsEngine-> PostgreSQL",
    ]
    (direct,) = shortest_paths(g, "RDS", "Aurora")
    assert direct.length == 1
    assert direct.steps[1] == Step(CID + "aurora", "Aurora", "supportsEngine", True)


def test_shortest_paths_unconnected_and_unknown(g):
    assert shortest_paths(g, "Redis", "DAX") == ()
    with pytest.raises(InputError):
        shortest_paths(g, "Redis", "Nope")


def test_shortest_paths_name_one_relation_per_hop_the_strongest_along_the_path():
    g = nx.MultiDiGraph()
    g.add_edges_from([("a", "b", "caches"), ("a", "b", "mentions"), ("b", "a", "hasFeature"), ("c", "b", "hasFeature")])
    assert [p.route for p in shortest_paths(g, "a", "c")] == ["a -caches-> b <-hasFeature- c"]
    g.add_edges_from([("rds", "mysql", "mentions"), ("rds", "mysql", "supportsEngine"), ("mysql", "x", "mentions")])
    assert [p.route for p in shortest_paths(g, "rds", "x")] == ["rds -supportsEngine-> mysql -mentions-> x"]


@pytest.mark.parametrize(
    ("keys", "shown"),
    [
        (["mentions", "supportsEngine"], "supportsEngine"),
        (["compatibleWith", "supportsEngine"], "supportsEngine"),
        (["mentions", "someNewRelation"], "someNewRelation"),
        (["canMigrateTo", "migrationTarget"], "migrationTarget"),
        (["mentions"], "mentions"),
    ],
)
def test_main_relation(keys, shown):
    assert main_relation(keys) == shown
