"""graph.views.lod: the overview of a big graph (clusters, central nodes, opened clusters, summed edges, the cap)."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.network import communities
from graph.views.lod import AGGREGATE, CLUSTER_CLASS, cluster_id, cluster_label, is_cluster, overview


def two_triangles() -> nx.MultiDiGraph:
    """Triangles a1-a2-a3 and b1-b2-b3, bridged a1 -> b1, with labels."""
    g = nx.MultiDiGraph()
    for n in ("a1", "a2", "a3", "b1", "b2", "b3"):
        g.add_node(n, label=n.upper(), classes=("Feature",), aliases=())
    g.add_edge("a1", "a2", key="hasFeature")
    g.add_edge("a2", "a3", key="hasFeature")
    g.add_edge("a3", "a1", key="mentions")
    g.add_edge("b1", "b2", key="hasFeature")
    g.add_edge("b2", "b3", key="hasFeature")
    g.add_edge("b1", "b3", key="hasFeature")
    g.add_edge("a1", "b1", key="caches", sources=("x",))
    return g


GROUPS = [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
SCORES = {"a1": 5.0, "b1": 4.0, "a2": 3.0, "b2": 2.0, "a3": 1.0, "b3": 0.5}


def edges(g: nx.MultiDiGraph) -> list[tuple]:
    return sorted((u, k, v, d.get("count")) for u, v, k, d in g.edges(keys=True, data=True))


def test_small_graphs_are_drawn_as_they_are() -> None:
    g = two_triangles()
    out = overview(g, cap=6, scores=SCORES, communities=GROUPS)
    assert sorted(out.nodes(data=True)) == sorted(g.nodes(data=True))
    assert sorted(out.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))
    out.add_node("new")
    assert "new" not in g  # a copy


def test_clusters_stand_for_communities_with_the_most_central_nodes_drawn() -> None:
    out = overview(two_triangles(), cap=4, scores=SCORES, communities=GROUPS, hubs=1)
    assert sorted(out) == ["a1", "cluster:1", "cluster:2"]
    one, two = out.nodes["cluster:1"], out.nodes["cluster:2"]
    assert one == {
        "label": "2 nodes: A2 & A3",
        "classes": (CLUSTER_CLASS,),
        "aliases": (),
        "count": 2,
        "members": ("a2", "a3"),
        "names": ("A2", "A3"),
    }
    assert two["label"] == "3 nodes: B1 & B2" and two["members"] == ("b1", "b2", "b3")
    assert out.nodes["a1"]["label"] == "A1" and out.nodes["a1"]["cluster"] == "cluster:1"
    # a1-a2 and a3-a1 (two relations) into cluster 1; the bridge a1-b1 into cluster 2; triangles' inner edges gone.
    assert edges(out) == [("a1", AGGREGATE, "cluster:1", 2), ("a1", AGGREGATE, "cluster:2", 1)]
    assert out["a1"]["cluster:1"][AGGREGATE]["relations"] == (("hasFeature", 1), ("mentions", 1))
    assert out["a1"]["cluster:1"][AGGREGATE]["aggregate"] is True


def test_edges_between_drawn_nodes_are_copied_and_cluster_pairs_summed() -> None:
    out = overview(two_triangles(), cap=5, scores=SCORES, communities=GROUPS, hubs=2)
    assert sorted(out) == ["a1", "b1", "cluster:1", "cluster:2"]
    assert dict(out["a1"]["b1"]) == {"caches": {"sources": ("x",)}}  # kept as it is, data too
    assert edges(out) == [
        ("a1", "caches", "b1", None),
        ("a1", AGGREGATE, "cluster:1", 2),
        ("b1", AGGREGATE, "cluster:2", 2),
    ]


def test_an_opened_cluster_is_replaced_by_its_members() -> None:
    out = overview(two_triangles(), cap=5, scores=SCORES, communities=GROUPS, hubs=1, expanded={"cluster:1"})
    assert sorted(out) == ["a1", "a2", "a3", "cluster:2"]
    assert [out.nodes[n]["cluster"] for n in ("a1", "a2", "a3")] == ["cluster:1"] * 3
    assert edges(out) == [
        ("a1", "hasFeature", "a2", None),
        ("a1", AGGREGATE, "cluster:2", 1),
        ("a2", "hasFeature", "a3", None),
        ("a3", "mentions", "a1", None),
    ]


def test_an_opened_cluster_too_big_keeps_the_rest_folded() -> None:
    g = nx.MultiDiGraph()
    g.add_edges_from((f"m{i}", f"m{i + 1}", "linksTo") for i in range(9))  # a 10-node chain
    g.add_edges_from([("x1", "x2", "linksTo"), ("x2", "x3", "linksTo")])
    scores = {f"m{i}": 10.0 - i for i in range(10)}
    groups = [[f"m{i}" for i in range(10)], ["x1", "x2", "x3"]]
    out = overview(g, cap=5, scores=scores, communities=groups, hubs=0, expanded=["cluster:1"])
    assert len(out) == 5
    assert sorted(out) == ["cluster:1", "cluster:2", "m0", "m1", "m2"]
    assert out.nodes["cluster:1"]["count"] == 7 and out.nodes["cluster:1"]["members"][0] == "m3"
    assert edges(out) == [
        ("cluster:1", AGGREGATE, "m2", 1), ("m0", "linksTo", "m1", None), ("m1", "linksTo", "m2", None)
    ]  # fmt: skip


def test_several_opened_clusters_share_the_room() -> None:
    g = nx.MultiDiGraph()
    groups = [[f"p{i}" for i in range(20)], [f"q{i}" for i in range(20)]]
    for members in groups:
        g.add_edges_from((a, b, "linksTo") for a, b in zip(members, members[1:], strict=False))
    out = overview(g, cap=12, communities=groups, hubs=0, expanded={"cluster:1", "cluster:2"})
    assert len(out) == 12
    assert sorted(n for n in out if is_cluster(n)) == ["cluster:1", "cluster:2"]  # each keeps its rest folded
    assert sum(n.startswith("p") for n in out) == sum(n.startswith("q") for n in out) == 5
    assert out.nodes["cluster:1"]["count"] == out.nodes["cluster:2"]["count"] == 15


def test_the_cap_holds_with_more_communities_than_room() -> None:
    g = nx.MultiDiGraph()
    groups = []
    for c in range(50):
        members = [f"c{c:02}n{i}" for i in range(3)]
        g.add_edges_from([(members[0], members[1], "k"), (members[1], members[2], "k")])
        groups.append(members)
    g.add_edges_from((f"c{c:02}n0", "c00n0", "k") for c in range(1, 50))
    out = overview(g, cap=10, communities=groups)
    assert len(out) == 10
    clusters = sorted(n for n in out if is_cluster(n))
    assert len(clusters) == 8  # 5 (half the room), 2 central nodes, then 3 more clusters in the room left
    hubs = sorted(n for n in out if not is_cluster(n))
    assert len(hubs) == 2 and "c00n0" in hubs
    assert out.nodes["cluster:1"]["count"] == 2  # c00n0 was taken out of it
    last = max(clusters, key=lambda c: int(c.split(":")[1]))  # drawn only thanks to the room left
    opened = overview(g, cap=10, communities=groups, expanded={last})
    assert len(opened) == 10 and last not in opened
    assert sum(1 for n in opened if opened.nodes[n].get("cluster") == last) == 3


def test_pinned_nodes_are_always_drawn() -> None:
    out = overview(two_triangles(), cap=4, scores=SCORES, communities=GROUPS, hubs=0, pinned=["b3", "nope"])
    assert sorted(out) == ["b3", "cluster:1", "cluster:2"]
    assert out.nodes["cluster:2"]["members"] == ("b1", "b2")


def test_threshold_and_cap() -> None:
    g = two_triangles()
    top = overview(g, cap=3, threshold=10, scores=SCORES, communities=GROUPS)
    assert sorted(top) == ["a1", "a2", "b1"]  # small enough not to fold, too big for the cap: the best 3
    folded = overview(g, cap=10, threshold=3, scores=SCORES, communities=GROUPS, hubs=0)
    assert sorted(folded) == ["cluster:1", "cluster:2"]
    with pytest.raises(ValueError, match="cap must be 1 or more"):
        overview(g, cap=0)


def test_edge_budget_keeps_every_nodes_strongest_edges_first() -> None:
    g = nx.MultiDiGraph()
    g.add_edges_from([("hub", f"s{i}", "k") for i in range(6)] + [("s0", "s1", "k"), ("s2", "s3", "k")])
    out = overview(g, cap=7, threshold=1, communities=[], hubs=7, edges=6, scores={"hub": 9, "s0": 1})
    assert out.graph["edges_total"] == 8 and out.number_of_edges() == 6
    # Turn by turn: each node's strongest edge (to the heaviest other end) first.
    assert sorted((u, v) for u, v in out.edges()) == [("hub", f"s{i}") for i in range(6)]


def test_default_communities_and_scores_are_louvain_and_pagerank() -> None:
    g = two_triangles()
    assert nx.utils.graphs_equal(
        overview(g, cap=3), overview(g, cap=3, communities=communities(g, seed=0), scores=None)
    )
    assert {n for n in overview(g, cap=3) if is_cluster(n)} == {cluster_id(c.index) for c in communities(g, seed=0)}


def test_same_input_same_overview_whatever_the_insertion_order() -> None:
    g = two_triangles()
    shuffled = nx.MultiDiGraph()
    nodes = list(g.nodes(data=True))
    random.Random(3).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    edge_list = list(g.edges(keys=True, data=True))
    random.Random(4).shuffle(edge_list)
    shuffled.add_edges_from(edge_list)
    a = overview(g, cap=4, scores=SCORES, communities=GROUPS, hubs=1)
    b = overview(shuffled, cap=4, scores=SCORES, communities=GROUPS, hubs=1)
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert edges(a) == edges(b)


def test_cluster_label_names_the_first_members() -> None:
    assert cluster_label(5, ["A", "B", "C", "D"]) == "5 nodes: A & B"
    assert cluster_label(1, ["A"]) == "1 nodes: A"  # never drawn: a single member is shown itself
    assert cluster_label(9, ["A very long name of a feature, cut short"]) == "9 nodes: A very long name of a featu…"


def synthetic(n_groups: int, size: int, seed: int = 0) -> tuple[nx.MultiDiGraph, list[list[str]]]:
    """``n_groups`` communities of ``size`` nodes: a ring each, a few chords, and some links between groups."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    groups = []
    for c in range(n_groups):
        members = [f"g{c}:{i}" for i in range(size)]
        groups.append(members)
        g.add_nodes_from((m, {"label": m, "classes": ("Concept",), "aliases": ()}) for m in members)
        g.add_edges_from((members[i], members[(i + 1) % size], "relatedTo") for i in range(size))
        g.add_edges_from((rng.choice(members), rng.choice(members), "mentions") for _ in range(size // 4))
    for _ in range(n_groups * 20):
        a, b = rng.randrange(n_groups), rng.randrange(n_groups)
        g.add_edge(rng.choice(groups[a]), rng.choice(groups[b]), key="dependsOn")
    return g, groups


@pytest.mark.parametrize("expanded", [(), ("cluster:1",), ("cluster:1", "cluster:7", "cluster:150")])
def test_a_20k_node_graph_gives_at_most_cap_nodes_standing_for_the_rest(expanded) -> None:
    g, groups = synthetic(200, 100)
    assert g.number_of_nodes() == 20_000
    scores = {n: float(d) for n, d in g.degree()}
    out = overview(g, cap=400, scores=scores, communities=groups, expanded=expanded, edges=10**9)
    assert len(out) <= 400
    drawn = [n for n in out if not is_cluster(n)]
    folded = [m for n in out if is_cluster(n) for m in out.nodes[n]["members"]]
    assert len(set(drawn) | set(folded)) == len(drawn) + len(folded)  # each node in one place at most
    assert len(drawn) + len(folded) == 20_000  # every node drawn or folded (all 200 clusters fit)
    for n in out:
        if is_cluster(n):
            index = int(n.split(":")[1])
            assert set(out.nodes[n]["members"]) <= set(groups[index - 1])
            assert out.nodes[n]["count"] == len(out.nodes[n]["members"])
    for c in expanded:
        opened = [n for n in drawn if out.nodes[n].get("cluster") == c]
        assert len(opened) > 10
    # Summed edges account for every edge between different places, edges inside a cluster are dropped.
    where = {n: n for n in drawn} | {m: n for n in out if is_cluster(n) for m in out.nodes[n]["members"]}
    between = sum(1 for u, v in g.edges() if where[u] != where[v] or (u == v and u in drawn))
    assert sum(d.get("count", 1) for _, _, d in out.edges(data=True)) == between
    assert overview(g, cap=400, scores=scores, communities=groups).number_of_edges() <= 3 * 400


def test_edges_between_pinned_nodes_survive_the_edge_budget() -> None:
    g = nx.MultiDiGraph()
    g.add_edges_from([("hub", f"s{i}", "k") for i in range(6)] + [("s4", "s5", "k")])
    out = overview(g, cap=7, threshold=1, communities=[], hubs=7, edges=3, scores={"hub": 9}, pinned=["s4", "s5"])
    assert ("s4", "s5") in set(out.edges()) and out.number_of_edges() <= 3 + 1
