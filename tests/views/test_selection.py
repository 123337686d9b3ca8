"""graph.views.selection: which nodes the graph view draws, on a small hand-built store."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.network import node_scores, to_networkx
from graph.views.selection import ViewSpec, class_options, graph_path, scores_for, search, select_view
from tests.views.hand_built import GROUPS, iri


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


def test_class_options_in_legend_order(g) -> None:
    assert class_options(g) == [
        ("DatabaseService", "Database service"),
        ("CacheService", "Cache service"),
        ("Engine", "Engine"),
        ("Feature", "Feature"),
        ("Limit", "Limit"),
    ]


def test_scores_for(g) -> None:
    assert scores_for(g, "degree") == node_scores(g, "degree")
    assert max(scores_for(g, "pagerank"), key=scores_for(g, "pagerank").get) == iri("rds")


def test_graph_path_lists_relations_both_ways(g) -> None:
    path = graph_path(g, [iri("rds"), iri("read-replicas"), iri("aurora"), iri("mysql")])
    assert path.route == "RDS -hasFeature-> Read Replicas <-hasFeature- Aurora -compatibleWith-> MySQL"
    assert path.length == 3


def test_lod_folds_a_whole_view_above_the_cap_into_clusters(g) -> None:
    scores = node_scores(g, "degree")
    spec = ViewSpec(cap=4, size_by="degree")
    view = select_view(g, spec, scores, lod=True, communities=GROUPS)
    assert sorted(view) == ["cluster:1", "cluster:2", "cluster:3", iri("rds")]
    assert view.nodes["cluster:1"]["label"] == "3 nodes: Read Replicas & RDS read replicas ≤ 5"
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
