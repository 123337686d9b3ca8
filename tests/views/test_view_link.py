"""A view as URL query parameters (graph/views/view_link.py): written, read back, and checked against the graph."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.views.selection import ViewSpec
from graph.views.view_link import ALL_CLASSES, CID, PARAMS, parse_view_params, view_params

NODES = [CID + name for name in ("rds", "aurora", "dynamodb", "dax", "read-replicas")]
CLASSES = ("DatabaseService", "CacheService", "Feature")
BASE = ViewSpec(depth=1, cap=400)


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    kinds = ("DatabaseService", "DatabaseService", "DatabaseService", "CacheService", "Feature")
    for node, cls in zip(NODES, kinds, strict=True):
        graph.add_node(node, label=node.rsplit("/", 1)[1], classes=(cls,))
    graph.add_node("https://example.org/other#x", label="x", classes=("Concept",))
    return graph


specs = st.builds(
    ViewSpec,
    search=st.sampled_from(["", "dynamo", "read replicas"]),
    focus=st.sampled_from([None, *NODES]),
    depth=st.integers(1, 5),
    classes=st.lists(st.sampled_from(CLASSES), unique=True).map(tuple),
    cap=st.integers(10, 2000),
    size_by=st.sampled_from(["pagerank", "degree", "betweenness", None]),
    physics=st.booleans(),
    hierarchical=st.booleans(),
    highlight=st.lists(st.sampled_from(NODES), unique=True).map(tuple),
    path=st.one_of(st.just(()), st.lists(st.sampled_from(NODES), min_size=2, max_size=4).map(tuple)),
    show_notes=st.booleans(),
)


@given(spec=specs, selected=st.sampled_from([None, *NODES]))
def test_a_view_survives_its_link(spec: ViewSpec, selected: str | None) -> None:
    graph = nx.MultiDiGraph()
    for node in NODES:
        graph.add_node(node, classes=CLASSES)
    params = view_params(spec, selected=selected, base=BASE)
    assert set(params) <= set(PARAMS) and list(params) == [p for p in PARAMS if p in params]
    link = parse_view_params(params, graph, base=BASE)
    assert link.problems == ()
    assert link.spec == spec and link.selected == selected


def test_defaults_make_a_clean_link_and_every_class_is_said_when_the_base_filters() -> None:
    assert view_params(BASE, base=BASE) == {}
    services = ViewSpec(classes=("DatabaseService", "CacheService"))
    assert view_params(ViewSpec(), base=services) == {"classes": [ALL_CLASSES]}
    assert view_params(services, base=services) == {}


def test_nodes_are_named_by_their_id_and_others_by_their_iri(g) -> None:
    other = "https://example.org/other#x"
    params = view_params(ViewSpec(focus=CID + "rds", highlight=(other, CID + "dax")))
    assert params == {"focus": ["rds"], "highlight": [other, "dax"]}
    assert parse_view_params(params, g).spec.highlight == (other, CID + "dax")


def test_bad_values_are_left_out_with_one_line_each(g) -> None:
    link = parse_view_params(
        {
            "focus": "nowhere", "depth": "0", "classes": ["Gadget", "Feature", "all"], "layout": "circle",
            "physics": "maybe", "cap": "99999", "size": "huge", "notes": "1", "highlight": ["dax", "ghost"],
            "path": ["rds", "ghost"], "node": "x" * 60, "other": "left alone",
        },
        g,
        base=BASE,
    )  # fmt: skip
    assert link.spec == ViewSpec(depth=1, cap=400, classes=("Feature",), highlight=(CID + "dax",))
    assert link.problems == (
        "focus=nowhere names no node of this graph",
        "depth=0 is not a whole number from 1 to 5",
        "classes=Gadget is not a class of this graph",
        "layout=circle is not hierarchical or force",
        "physics=maybe is not on or off",
        "notes=1 is not on or off",
        "cap=99999 is not a whole number from 10 to 2000",
        "size=huge is not one of pagerank, degree, betweenness or none",
        "highlight=ghost names no node of this graph",
        "path=ghost names no node of this graph",
        "path left out: it needs two or more nodes, all of this graph",
        "node=" + "x" * 39 + "… names no node of this graph",
    )


def test_many_highlights_stay_out_of_the_link() -> None:
    many = tuple(f"{CID}n{i}" for i in range(201))
    assert "highlight" not in view_params(ViewSpec(highlight=many))
    assert len(view_params(ViewSpec(highlight=many[:200]))["highlight"]) == 200
