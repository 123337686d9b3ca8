"""graph.views.layout: where nodes go, in the browser view and in pictures."""

from __future__ import annotations

import math
import statistics

import networkx as nx

from graph.views.drawing import view_data
from graph.views.layout import (
    LEVEL_WIDTH,
    force_positions,
    gather,
    layer_levels,
    layers,
    layout_positions,
    spiral_positions,
    spread,
)
from graph.views.selection import ViewSpec
from tests.views.hand_built import iri


def test_hierarchical_levels(g) -> None:
    data = view_data(g, ViewSpec(focus=iri("rds"), hierarchical=True, size_by=None))
    levels = {n["id"]: n["level"] for n in data["nodes"]}
    assert levels[iri("rds")] == 0 and levels[iri("aurora")] == 2 and levels[iri("read-replicas")] == 1
    assert levels[iri("dax")] == 0 or levels[iri("dynamodb")] == 0  # the other part has its own root
    assert "level" not in view_data(g, ViewSpec(size_by=None))["nodes"][0]


def test_layer_levels_roots_each_part_at_its_best_node() -> None:
    g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("x", "y")])
    assert layer_levels(g, scores={"hub": 1.0, "y": 1.0}) == {"hub": 0, "a": 1, "b": 1, "y": 0, "x": 1}


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


def test_spring_layout_is_seeded_and_bounded(small):
    pos = layout_positions(small)
    assert pos == layout_positions(small.copy())
    assert set(pos) == set(small)
    assert all(-1.0 <= c <= 1.0 for xy in pos.values() for c in xy)
    assert pos != layout_positions(small, seed=8)


def test_hierarchical_layout_puts_layers_top_down(small):
    assert layers(small) == {"cid:cloudfront": 0, "cid:dax": 0, "cid:dynamodb": 1, "cid:pitr": 2}
    pos = layout_positions(small, "hierarchical")
    assert pos["cid:dax"][1] == pos["cid:cloudfront"][1] > pos["cid:dynamodb"][1] > pos["cid:pitr"][1]
    assert pos["cid:dax"][0] != pos["cid:cloudfront"][0]


def test_cycles_share_a_layer():
    g = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    assert layers(g) == {"a": 0, "b": 0, "c": 1}


def test_wide_layers_are_folded_into_rows():
    g = nx.DiGraph([("hub", f"leaf{i:02d}") for i in range(40)])
    rows = {y for node, (_, y) in layout_positions(g, "hierarchical").items() if node != "hub"}
    assert len(rows) > 1


def test_spread_moves_overlapping_dots_apart_and_leaves_the_others() -> None:
    positions = {"a": (0.0, 0.0), "b": (5.0, 0.0), "c": (5.0, 0.0), "far": (1000.0, 1000.0)}
    radii = {"a": 30.0, "b": 20.0, "c": 10.0, "far": 10.0}
    out = spread(positions, radii, gap=10.0)
    for u, v in (("a", "b"), ("a", "c"), ("b", "c")):
        assert math.dist(out[u], out[v]) >= radii[u] + radii[v] + 10.0 - 0.5
    assert out["far"] == (1000.0, 1000.0)
    assert spread(positions, radii, gap=10.0) == out  # deterministic


def test_gather_brings_unconnected_nodes_in() -> None:
    g = nx.MultiDiGraph([(f"n{i}", f"n{i + 1}") for i in range(30)])
    g.add_nodes_from(["alone", "lonely"])
    positions = force_positions(g)
    gathered = gather(positions)
    centre = (statistics.median(p[0] for p in positions.values()), statistics.median(p[1] for p in positions.values()))
    reach = max(math.dist(gathered[n], centre) for n in g if n.startswith("n"))
    for n in ("alone", "lonely"):  # far off at first, now just beyond the rest
        assert math.dist(positions[n], centre) > 1.5 * reach >= 1.2 * reach >= math.dist(gathered[n], centre)
    assert gather({"a": (0.0, 0.0)}) == {"a": (0.0, 0.0)}


def test_placed_views_have_no_overlapping_dots(g) -> None:
    data = view_data(g, ViewSpec(), placed=True)
    dots = [(n["x"], n["y"], n["size"]) for n in data["nodes"]]
    for i, (x, y, r) in enumerate(dots):
        for x2, y2, r2 in dots[i + 1 :]:
            assert math.dist((x, y), (x2, y2)) >= r + r2
