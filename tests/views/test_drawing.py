"""graph.views.drawing: what the browser draws for a view, on a small hand-built store."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import networkx as nx

from graph.network import node_scores
from graph.views.drawing import (
    CLUSTER,
    CLUSTER_SIZES,
    EDGE_LABEL_LIMIT,
    MAX_SIZE,
    MIN_SIZE,
    PLACED_LIMIT,
    STATIC_LAYOUT_LIMIT,
    faded,
    node_title,
    view_data,
)
from graph.views.layout import SPRING_LENGTH
from graph.views.palette import colour_for
from graph.views.selection import ViewSpec, select_view
from tests.views.hand_built import GROUPS, iri


def test_view_data_nodes(g) -> None:
    spec = ViewSpec(focus=iri("rds"), depth=1, size_by="degree", search="multi")
    view = select_view(g, spec)
    data = view_data(view, spec, node_scores(g, "degree"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert list(nodes) == sorted(view)
    rds = nodes[iri("rds")]
    assert rds["label"] == "RDS"
    assert rds["group"] == "DatabaseService"
    assert rds["color"]["background"] == colour_for(("DatabaseService",)) == "#4c78a8"
    assert rds["title"] == (
        "RDS\nDatabase service\nalso: Amazon RDS, Relational Database Service\nhttps://w3id.org/cloudatlas/id/rds"
    )
    assert nodes[iri("rds-rr")]["title"].splitlines()[2] == "bound: ≤ 5"
    assert rds["size"] == MAX_SIZE  # the highest degree of the whole graph
    assert nodes[iri("multi-az")]["size"] == MIN_SIZE
    assert nodes[iri("multi-az")]["marked"] == "match"
    assert rds["marked"] == "focus" and rds["borderWidth"] == 3 and rds["color"]["border"] == "#111111"
    assert nodes[iri("mysql")]["marked"] == "" and nodes[iri("mysql")]["borderWidth"] == 1
    assert data["focus"] == iri("rds")
    assert data["counts"] == {"nodes": 5, "edges": 5}
    assert [row["class"] for row in data["legend"]] == ["DatabaseService", "Engine", "Feature", "Limit"]
    json.dumps(data)  # plain JSON, nothing else


def test_view_data_equal_sizes_without_scores(g) -> None:
    data = view_data(g, ViewSpec(size_by=None))
    assert {n["size"] for n in data["nodes"]} == {16.0}


def test_view_data_edges_mark_computed_relations_and_the_path(g) -> None:
    spec = ViewSpec(path=(iri("rds"), iri("read-replicas"), iri("aurora")))
    data = view_data(g, spec)
    edges = {e["id"]: e for e in data["edges"]}
    cached = edges[f"{iri('dax')} cachingLayer {iri('dynamodb')}"]
    assert cached["dashes"] is True and cached["title"] == "DAX cachingLayer DynamoDB\ncomputed"
    noted = edges[f"{iri('dax')} caches {iri('dynamodb')}"]
    assert noted["dashes"] is False and noted["relation"] == "caches"
    assert noted["dimmed"] is True and noted["label"] == ""  # off the path: faded, no label
    on_path = [e["id"] for e in data["edges"] if e["width"] == 4]
    assert on_path == [
        f"{iri('aurora')} hasFeature {iri('read-replicas')}",
        f"{iri('rds')} hasFeature {iri('read-replicas')}",
    ]
    marked = {n["id"]: n["marked"] for n in data["nodes"] if n["marked"]}
    assert marked == {iri("rds"): "path", iri("read-replicas"): "path", iri("aurora"): "path"}
    assert data["path"] == list(spec.path)


def test_edge_labels_only_on_small_views() -> None:
    big = nx.MultiDiGraph()
    for i in range(EDGE_LABEL_LIMIT + 1):
        big.add_edge(f"n{i}", f"n{i + 1}", key="mentions")
    data = view_data(big, ViewSpec(size_by=None))
    assert {e["label"] for e in data["edges"]} == {""}
    assert {e["title"] for e in data["edges"]} >= {"n0 mentions n1"}


def test_titles_are_plain_text_never_html() -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", label='<a href="http://e.org">x</a>', classes=("Concept",), aliases=("<img src=y onerror=z>",))
    title = view_data(g, ViewSpec(size_by=None))["nodes"][0]["title"]
    assert title == '<a href="http://e.org">x</a>\nConcept\nalso: <img src=y onerror=z>\nx'
    assert "<br" not in title


def test_node_title_of_a_limit_with_a_range() -> None:
    g = nx.MultiDiGraph()
    g.add_node(
        "l", label="Backup retention", classes=("Limit",), aliases=(), min=Decimal("1"), max=Decimal("35"), unit="DAY"
    )
    assert node_title(g, "l") == "Backup retention\nLimit\nbound: 1–35 days\nl"


def test_static_layout_without_physics_on_big_views() -> None:
    big = nx.MultiDiGraph()
    for i in range(STATIC_LAYOUT_LIMIT + 1):
        big.add_edge(f"n{i:03}", "hub", key="mentions")
    nodes = view_data(big, ViewSpec(physics=False, size_by="degree"))["nodes"]
    placed = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert placed["hub"] == (0.0, 0.0)  # the best-scoring node in the middle
    assert len(set(placed.values())) == len(nodes)
    assert all("x" not in n for n in view_data(big, ViewSpec(physics=True))["nodes"])
    small = nx.MultiDiGraph([("a", "b")])
    assert all("x" not in n for n in view_data(small, ViewSpec(physics=False))["nodes"])  # laid out in the browser


def test_placed_views_come_laid_out_for_the_force_layout(g) -> None:
    data = view_data(g, ViewSpec(size_by=None), placed=True)
    where = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert data["options"] == {"physics": True, "hierarchical": False, "placed": True}
    assert len(where) == g.number_of_nodes() and len(set(where.values())) == len(where)
    lengths = sorted(math.dist(where[u], where[v]) for u, v in nx.Graph(g).edges() if u != v)
    # about the browser's spring length (widened for a wide canvas, dots moved apart)
    assert SPRING_LENGTH * 0.8 <= lengths[len(lengths) // 2] <= SPRING_LENGTH * 1.6
    assert view_data(g, ViewSpec(size_by=None), placed=True) == data  # the same every time
    unplaced = view_data(g, ViewSpec(size_by=None))
    assert "placed" not in unplaced["options"] and not any("x" in n for n in unplaced["nodes"])
    for spec in (ViewSpec(hierarchical=True), ViewSpec(physics=False)):  # laid out some other way
        data = view_data(g, spec, placed=True)
        assert "placed" not in data["options"] and not any("x" in n for n in data["nodes"])
    big = nx.MultiDiGraph((f"n{i}", "hub", "mentions") for i in range(PLACED_LIMIT))
    assert "placed" not in view_data(big, ViewSpec(size_by=None), placed=True)["options"]  # too big to lay out here


def test_view_data_draws_clusters_as_grey_hexagons_with_summed_edges(g) -> None:
    scores = node_scores(g, "degree")
    spec = ViewSpec(cap=4, size_by="degree")
    data = view_data(select_view(g, spec, scores, lod=True, communities=GROUPS), spec, scores)
    nodes = {n["id"]: n for n in data["nodes"]}
    one = nodes["cluster:1"]
    assert one["label"] == "3 nodes\nRead Replicas & RDS read replicas ≤ 5"
    assert one["title"].splitlines() == [
        "Cluster of 3 nodes (community 1)",
        "Most central: Read Replicas, RDS read replicas ≤ 5, Multi-AZ",
        "Click to show its nodes.",
    ]
    assert (one["group"], one["shape"], one["cluster"], one["count"]) == ("Cluster", "hexagon", True, 3)
    assert one["color"]["background"] == CLUSTER[2] != colour_for(())
    assert one["size"] == CLUSTER_SIZES[1] > nodes["cluster:2"]["size"] > CLUSTER_SIZES[0]
    assert nodes[iri("rds")]["cluster"] == "cluster:1" and nodes[iri("rds")]["group"] == "DatabaseService"
    edge = next(e for e in data["edges"] if e["from"] == "cluster:1" and e["to"] == iri("rds"))
    assert (edge["label"], edge["arrows"], edge["count"]) == ("3", "", 3)
    assert edge["title"].splitlines() == ["cluster 1 (3 nodes) — RDS: 3 relations", "hasFeature ×2", "hasLimit ×1"]
    assert edge["width"] > next(e for e in data["edges"] if e["to"] == "cluster:2")["width"]
    assert [row["class"] for row in data["legend"]] == ["DatabaseService", "Cluster"]  # no "Other" row for clusters
    assert data["counts"] == {"nodes": 4, "edges": 3, "clusters": 3, "folded": 7, "edges_total": 3}
    json.dumps(data)  # plain JSON for the component


def test_a_path_dims_every_other_node_and_edge(g) -> None:
    spec = ViewSpec(path=(iri("rds"), iri("read-replicas"), iri("aurora")))
    data = view_data(g, spec)
    lit = {n["id"] for n in data["nodes"] if not n["dimmed"]}
    assert lit == set(spec.path)
    for node in data["nodes"]:
        if node["dimmed"]:
            assert node["color"]["background"] == faded(colour_for(g.nodes[node["id"]].get("classes", ())))
            assert node["font"]["color"] == "#a0aec0"
    bright = [e["id"] for e in data["edges"] if not e["dimmed"]]
    assert bright == [e["id"] for e in data["edges"] if e["width"] == 4] and len(bright) == 2
    assert all(e["color"] == "#e2e8f0" for e in data["edges"] if e["dimmed"])


def test_a_highlight_keeps_the_edges_between_its_nodes(g) -> None:
    spec = ViewSpec(highlight=(iri("dax"), iri("dynamodb")))
    data = view_data(g, spec)
    assert {n["id"] for n in data["nodes"] if not n["dimmed"]} == set(spec.highlight)
    between = {e["id"] for e in data["edges"] if not e["dimmed"]}
    assert between == {e["id"] for e in data["edges"] if {e["from"], e["to"]} == set(spec.highlight)}
    assert between and all(e["width"] == 2 for e in data["edges"] if e["id"] in between)


def test_nothing_is_dimmed_without_highlight_or_path(g) -> None:
    data = view_data(g, ViewSpec(focus=iri("rds"), search="multi"))
    assert not any(n["dimmed"] for n in data["nodes"]) and not any(e["dimmed"] for e in data["edges"])


def test_faded_mixes_with_white() -> None:
    assert faded("#000000", 0.5) == "#808080"
    assert faded("#fff") == "#ffffff"
    assert faded("not a colour") == "not a colour"
