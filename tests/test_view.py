"""graph.views.view: what the graph view draws, on a small hand-built store."""

from __future__ import annotations

import json
import math
import statistics
from decimal import Decimal

import networkx as nx
import pytest

from graph.errors import InputError
from graph.network.build import node_scores, to_networkx, with_prefixes
from graph.rdf.store import Store
from graph.views.palette import colour_for
from graph.views.view import (
    CLUSTER,
    CLUSTER_SIZES,
    EDGE_LABEL_LIMIT,
    LEVEL_WIDTH,
    MAX_SIZE,
    MIN_SIZE,
    PLACED_LIMIT,
    SPRING_LENGTH,
    STATIC_LAYOUT_LIMIT,
    ViewSpec,
    class_options,
    force_positions,
    graph_path,
    layer_levels,
    node_title,
    scores_for,
    search,
    select_view,
    spiral_positions,
    view_data,
)

CID = "https://w3id.org/cloudatlas/id/"

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service", "Amazon RDS" ;
    ca:hasFeature cid:read-replicas, cid:multi-az ; ca:supportsEngine cid:mysql ; ca:hasLimit cid:rds-rr ;
    prov:wasDerivedFrom cnote:a.md-L1 .
cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" ; ca:hasFeature cid:read-replicas ; ca:compatibleWith cid:mysql .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" ; skos:altLabel "RR" .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:rds-rr a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 5 ; ca:unit unit:NUM ; prov:wasDerivedFrom cnote:a.md-L2 .
cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ; ca:caches cid:dynamodb .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
cnote:a.md-L1 a ca:Note ; ca:sourceFile "a.md" ; ca:line 1 ; ca:text "# RDS" .
cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- up to 5 read replicas" .
<https://w3id.org/cloudatlas/graph/derived> {
  cid:dax ca:cachingLayer cid:dynamodb .
}
"""


def iri(name: str) -> str:
    return CID + name


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(TRIG), "trig")
    return s


@pytest.fixture(scope="module")
def g(store: Store) -> nx.MultiDiGraph:
    return to_networkx(store)


def test_search_ranks_exact_then_prefix_then_substring(g) -> None:
    assert search(g, "rds") == [(iri("rds"), "RDS"), (iri("rds-rr"), "RDS read replicas ≤ 5")]
    assert search(g, "RE") == [
        (iri("read-replicas"), "Read Replicas"),
        (iri("rds"), "RDS"),  # "Relational Database Service" starts with "re": an alias, so after the label
        (iri("rds-rr"), "RDS read replicas ≤ 5"),
    ]


def test_search_finds_aliases_case_insensitively(g) -> None:
    assert search(g, "dynamodb accelerator") == [(iri("dax"), "DAX")]
    assert search(g, "rr") == [(iri("read-replicas"), "Read Replicas")]
    assert search(g, "amazon") == [(iri("rds"), "RDS")]
    assert search(g, "nothing like this") == []
    assert search(g, "") == []


def test_search_covers_the_whole_graph_not_the_view(g) -> None:
    view = select_view(g, ViewSpec(focus=iri("dax"), depth=1))
    assert iri("mysql") not in view
    assert search(g, "mysql") == [(iri("mysql"), "MySQL")]


def test_search_limit(g) -> None:
    assert len(search(g, "a", limit=2)) == 2


def test_focus_and_depth(g) -> None:
    one = select_view(g, ViewSpec(focus=iri("rds"), depth=1))
    assert set(one) == {iri(n) for n in ("rds", "read-replicas", "multi-az", "mysql", "rds-rr")}
    two = select_view(g, ViewSpec(focus="RDS", depth=2))
    assert set(two) == set(one) | {iri("aurora")}
    assert set(select_view(g, ViewSpec(focus="dynamodb accelerator", depth=0))) == {iri("dax")}
    # edges of the view are those of the graph between its nodes
    assert sorted(k for _, _, k in one.edges(keys=True)) == [
        "hasFeature", "hasFeature", "hasLimit", "limitOf", "supportsEngine"
    ]  # fmt: skip


def test_focus_on_unknown_name_is_an_input_error(g) -> None:
    with pytest.raises(InputError, match="unknown name 'Cassandra'"):
        select_view(g, ViewSpec(focus="Cassandra"))


def test_class_filter_keeps_the_focus(g) -> None:
    view = select_view(g, ViewSpec(focus=iri("rds"), depth=2, classes=("Feature",)))
    assert set(view) == {iri("rds"), iri("read-replicas"), iri("multi-az")}
    whole = select_view(g, ViewSpec(classes=("DatabaseService", "Engine")))
    assert set(whole) == {iri("rds"), iri("aurora"), iri("dynamodb"), iri("mysql")}


def test_cap_keeps_the_most_important(g) -> None:
    scores = node_scores(g, "degree")
    view = select_view(g, ViewSpec(cap=2, size_by="degree"), scores)
    assert set(view) == {iri("rds"), iri("read-replicas")}  # degrees 4 and 3
    for cap in (1, 3, 5, 100):
        assert len(select_view(g, ViewSpec(cap=cap))) == min(cap, g.number_of_nodes())


def test_cap_prefers_nodes_near_the_focus(g) -> None:
    view = select_view(g, ViewSpec(focus=iri("aurora"), depth=3, cap=3, size_by="degree"))
    assert set(view) == {iri("aurora"), iri("read-replicas"), iri("mysql")}


def test_path_and_highlight_are_kept_even_outside_the_focus(g) -> None:
    spec = ViewSpec(focus=iri("dax"), depth=1, path=(iri("rds"), iri("mysql")), highlight=(iri("aurora"),))
    assert set(select_view(g, spec)) == {iri(n) for n in ("dax", "dynamodb", "rds", "mysql", "aurora")}
    capped = select_view(g, ViewSpec(path=(iri("rds"), iri("mysql"), iri("aurora")), cap=2))
    assert set(capped) == {iri("rds"), iri("mysql")}


def test_notes_only_on_demand(store) -> None:
    with_notes = to_networkx(store, include_notes=True)
    note = "https://w3id.org/cloudatlas/note/a.md-L1"
    assert note in with_notes
    assert note not in select_view(with_notes, ViewSpec())
    assert note in select_view(with_notes, ViewSpec(show_notes=True))


def test_view_spec_checks_its_values() -> None:
    with pytest.raises(ValueError, match="size_by"):
        ViewSpec(size_by="colour")
    with pytest.raises(ValueError, match="cap"):
        ViewSpec(cap=0)
    with pytest.raises(ValueError, match="depth"):
        ViewSpec(depth=-1)
    assert ViewSpec(classes=["Engine"]).classes == ("Engine",)
    assert hash(ViewSpec(focus="x")) == hash(ViewSpec(focus="x"))


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
    assert noted["dashes"] is False and noted["label"] == "caches"
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


def test_hierarchical_levels(g) -> None:
    data = view_data(g, ViewSpec(focus=iri("rds"), hierarchical=True, size_by=None))
    levels = {n["id"]: n["level"] for n in data["nodes"]}
    assert levels[iri("rds")] == 0 and levels[iri("aurora")] == 2 and levels[iri("read-replicas")] == 1
    assert levels[iri("dax")] == 0 or levels[iri("dynamodb")] == 0  # the other part has its own root
    assert "level" not in view_data(g, ViewSpec(size_by=None))["nodes"][0]


def test_layer_levels_roots_each_part_at_its_best_node() -> None:
    g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("x", "y")])
    assert layer_levels(g, scores={"hub": 1.0, "y": 1.0}) == {"hub": 0, "a": 1, "b": 1, "y": 0, "x": 1}


def test_class_options_in_legend_order(g) -> None:
    assert class_options(g) == [
        ("DatabaseService", "Database service"),
        ("CacheService", "Cache service"),
        ("Engine", "Engine"),
        ("Feature", "Feature"),
        ("Limit", "Limit"),
    ]


def test_node_title_of_a_limit_with_a_range() -> None:
    g = nx.MultiDiGraph()
    g.add_node(
        "l", label="Backup retention", classes=("Limit",), aliases=(), min=Decimal("1"), max=Decimal("35"), unit="DAY"
    )
    assert node_title(g, "l") == "Backup retention\nLimit\nbound: 1–35 days\nl"


def test_scores_for(g) -> None:
    assert scores_for(g, "degree") == node_scores(g, "degree")
    assert max(scores_for(g, "pagerank"), key=scores_for(g, "pagerank").get) == iri("rds")


def test_graph_path_lists_relations_both_ways(g) -> None:
    path = graph_path(g, [iri("rds"), iri("read-replicas"), iri("aurora"), iri("mysql")])
    assert path.route == "RDS -hasFeature-> Read Replicas <-hasFeature- Aurora -compatibleWith-> MySQL"
    assert path.length == 3


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
    assert lengths[len(lengths) // 2] == pytest.approx(SPRING_LENGTH, abs=0.5)  # the browser's spring length
    assert view_data(g, ViewSpec(size_by=None), placed=True) == data  # the same every time
    unplaced = view_data(g, ViewSpec(size_by=None))
    assert "placed" not in unplaced["options"] and not any("x" in n for n in unplaced["nodes"])
    for spec in (ViewSpec(hierarchical=True), ViewSpec(physics=False)):  # laid out some other way
        data = view_data(g, spec, placed=True)
        assert "placed" not in data["options"] and not any("x" in n for n in data["nodes"])
    big = nx.MultiDiGraph((f"n{i}", "hub", "mentions") for i in range(PLACED_LIMIT))
    assert "placed" not in view_data(big, ViewSpec(size_by=None), placed=True)["options"]  # too big to lay out here


def test_force_positions_keep_linked_nodes_closer_than_the_rest() -> None:
    two = nx.MultiDiGraph()
    for side in "ab":
        nx.add_path(two, [f"{side}{i}" for i in range(6)])
        two.add_edges_from((f"{side}{i}", f"{side}{j}") for i in range(6) for j in range(i + 2, 6))
    two.add_edge("a0", "b0")
    where = force_positions(two)
    inside = max(math.dist(where[f"a{i}"], where[f"a{j}"]) for i in range(6) for j in range(6))
    across = statistics.median(math.dist(where[f"a{i}"], where[f"b{j}"]) for i in range(6) for j in range(6))
    assert inside < across


def test_spiral_positions_spread_evenly() -> None:
    placed = spiral_positions([f"n{i}" for i in range(50)], spacing=10.0)
    points = list(placed.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :])
    assert closest > 5.0


def test_wide_levels_wrap_onto_rows() -> None:
    star = nx.MultiDiGraph()
    for i in range(30):
        star.add_node(f"f{i:02}", label=f"F{i:02}", classes=("Feature",), aliases=())
        star.add_edge("hub", f"f{i:02}", key="hasFeature")
    star.add_node("hub", label="Hub", classes=("DatabaseService",), aliases=())
    star.add_node("e", label="E", classes=("Engine",), aliases=())
    star.add_edge("hub", "e", key="supportsEngine")
    levels = {n["id"]: n["level"] for n in view_data(star, ViewSpec(focus="hub", hierarchical=True))["nodes"]}
    assert levels["hub"] == 0
    rows = {}
    for node, row in levels.items():
        rows.setdefault(row, []).append(node)
    assert sorted(rows) == [0, 1, 2, 3] and max(len(r) for r in rows.values()) == LEVEL_WIDTH
    assert "e" in rows[1] and "f29" in rows[3]  # the engine sorts before the features (legend order)


GROUPS = [[iri(n) for n in ("rds", "read-replicas", "multi-az", "rds-rr")], [iri("aurora"), iri("mysql")]]
GROUPS += [[iri("dax"), iri("dynamodb")]]


def test_lod_folds_a_whole_view_above_the_cap_into_clusters(g) -> None:
    scores = node_scores(g, "degree")
    spec = ViewSpec(cap=4, size_by="degree")
    view = select_view(g, spec, scores, lod=True, communities=GROUPS)
    assert sorted(view) == ["cluster:1", "cluster:2", "cluster:3", iri("rds")]
    assert view.nodes["cluster:1"]["label"] == "3 nodes: Read Replicas, RDS read replicas ≤ 5, Multi-AZ"
    assert sorted((u, v, d["count"]) for u, v, d in view.edges(data=True)) == [
        ("cluster:1", "cluster:2", 1), ("cluster:1", iri("rds"), 3), ("cluster:2", iri("rds"), 1)
    ]  # fmt: skip
    # Not folded: without lod, with a focus, or when the view fits under the cap.
    assert len(select_view(g, spec, scores)) == 4 and not any(n.startswith("cluster:") for n in select_view(g, spec))
    assert set(select_view(g, ViewSpec(cap=4, focus="RDS", depth=1), lod=True, communities=GROUPS)) <= set(g)
    assert set(select_view(g, ViewSpec(cap=8), lod=True, communities=GROUPS)) == set(g)


def test_lod_keeps_highlights_and_folds_only_the_classes_asked_for(g) -> None:
    spec = ViewSpec(cap=3, size_by="degree", highlight=(iri("dynamodb"),))
    view = select_view(g, spec, node_scores(g, "degree"), lod=True, communities=GROUPS)
    assert iri("dynamodb") in view and len(view) == 3
    features = ViewSpec(cap=1, classes=("Feature", "Limit"), size_by="degree")
    folded = select_view(g, features, node_scores(g, "degree"), lod=True, communities=GROUPS)
    assert list(folded) == ["cluster:1"]
    assert set(folded.nodes["cluster:1"]["members"]) == {iri("read-replicas"), iri("multi-az"), iri("rds-rr")}


def test_view_data_draws_clusters_as_grey_hexagons_with_summed_edges(g) -> None:
    scores = node_scores(g, "degree")
    spec = ViewSpec(cap=4, size_by="degree")
    data = view_data(select_view(g, spec, scores, lod=True, communities=GROUPS), spec, scores)
    nodes = {n["id"]: n for n in data["nodes"]}
    one = nodes["cluster:1"]
    assert one["label"] == "3 nodes\nRead Replicas, RDS read replicas ≤ 5, Multi-AZ"
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
