"""Tests for graph.network.conflicts: notes that give one service and quantity different values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from graph.network.build import NoteRef
from graph.network.conflicts import comparable_value, find_conflicts, noted_values, value_text
from graph.network.derive import derive_network
from graph.rdf.pipeline import build_store


def network_of_notes(folder: Path, files: dict[str, str]) -> nx.MultiDiGraph:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return derive_network(build_store([str(folder / name) for name in files]))


def sides(conflict) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return [(v.text, str(v.source)) for v in conflict.first], [(v.text, str(v.source)) for v in conflict.second]


def test_two_files_disagree_on_lambda_timeout_in_different_units(tmp_path):
    g = network_of_notes(
        tmp_path,
        {
            "a.md": "# Lambda\n- Maximum timeout is 15 minutes\n",
            "b.md": "# Lambda\n- Maximum timeout is 300 seconds\n",
        },
    )
    (conflict,) = find_conflicts(g)
    assert (conflict.service_label, conflict.bound) == ("Lambda", "max")
    assert conflict.quantity_label.casefold().endswith("timeout")
    assert sides(conflict) == ([("300 s", "b.md:2")], [("15 min", "a.md:2")])
    assert conflict.first[0].source.text == "- Maximum timeout is 300 seconds"
    assert conflict.second[0].source.text == "- Maximum timeout is 15 minutes"
    assert conflict.service in conflict.nodes and conflict.quantity in conflict.nodes


def test_the_same_value_in_other_units_is_no_conflict(tmp_path):
    g = network_of_notes(
        tmp_path,
        {
            "a.md": "# Lambda\n- Maximum timeout is 15 minutes\n",
            "b.md": "# Lambda\n- Maximum timeout is 900 seconds\n",
        },
    )
    assert find_conflicts(g) == ()


def test_same_unit_values_in_two_files_are_one_limit_with_two_values(tmp_path):
    g = network_of_notes(
        tmp_path,
        {"a.md": "# Lambda\n- Memory up to 10 GB\n", "b.md": "# Lambda\n- Memory up to 3 GB\n"},
    )
    limits = [n for n, d in g.nodes(data=True) if "Limit" in d["classes"]]
    if len(limits) == 1:  # one limit per service, quantity, bound and unit: both values on it
        assert g.nodes[limits[0]]["max_values"] == ("3", "10")
    (conflict,) = find_conflicts(g)
    assert sides(conflict) == ([("3 GB", "b.md:2")], [("10 GB", "a.md:2")])


def test_two_lines_of_one_file_disagree(tmp_path):
    g = network_of_notes(
        tmp_path,
        {"rds.md": "# RDS\n- Up to 5 read replicas\n- Multi-AZ\n- Up to 15 read replicas\n"},
    )
    (conflict,) = find_conflicts(g)
    assert conflict.service_label == "RDS"
    assert sides(conflict) == ([("5", "rds.md:2")], [("15", "rds.md:4")])


def test_agreeing_lines_and_other_services_are_no_conflict(tmp_path):
    g = network_of_notes(
        tmp_path,
        {
            "rds.md": "# RDS\n- Up to 5 read replicas\n",
            "more.md": "# RDS\n- Up to 5 read replicas\n\n# Aurora\n- Up to 15 read replicas\n",
        },
    )
    assert find_conflicts(g) == ()


# Small graphs: what the notes would give, without reading notes.


def limit_graph(*limits: tuple[str, str, dict, tuple[NoteRef, ...]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("svc", label="Service", classes=("DatabaseService",))
    g.add_node("qty", label="Storage", classes=("Concept",))
    for name, unit, bounds, refs in limits:
        g.add_node(name, classes=("Limit",), unit=unit, sources=refs, **{"min": None, "max": None, **bounds})
        g.add_edge("svc", name, key="hasLimit")
        g.add_edge(name, "qty", key="limitOf")
    return g


def ref(line: int, text: str = "", file: str = "db.md") -> NoteRef:
    return NoteRef(file, line, text)


def test_maxima_are_compared_with_maxima_and_minima_with_minima():
    g = limit_graph(
        ("range", "GigaBYTE", {"min": Decimal(20), "max": Decimal(64000)}, (ref(1),)),
        ("upto", "TeraBYTE", {"max": Decimal(64)}, (ref(2),)),
        ("from", "GigaBYTE", {"min": Decimal(10)}, (ref(3),)),
    )
    (conflict,) = find_conflicts(g)  # 64000 GB is 64 TB; only the minima differ
    assert conflict.bound == "min"
    assert sides(conflict) == ([("10 GB", "db.md:3")], [("20 GB", "db.md:1")])


def test_values_of_one_line_never_conflict():
    line = ref(4, "64000 on Nitro, 32000 otherwise")
    g = limit_graph(("a", "NUM", {"max": Decimal(64000)}, (line,)), ("b", "NUM", {"max": Decimal(32000)}, (line,)))
    assert find_conflicts(g) == ()


def test_a_line_giving_both_values_disagrees_with_neither():
    both, other = ref(1, "64000 on Nitro, 32000 otherwise"), ref(2, "up to 32000")
    g = limit_graph(
        ("a", "NUM", {"max": Decimal(64000)}, (both,)), ("b", "NUM", {"max": Decimal(32000)}, (both, other))
    )
    assert find_conflicts(g) == ()


def test_units_of_different_kinds_are_not_compared():
    g = limit_graph(("a", "SEC", {"max": Decimal(5)}, (ref(1),)), ("b", "GigaBYTE", {"max": Decimal(6)}, (ref(2),)))
    assert find_conflicts(g) == ()


def test_engine_qualified_limits_are_compared_only_with_their_engine():
    g = limit_graph(("a", "NUM", {"max": Decimal(5)}, (ref(1),)), ("b", "NUM", {"max": Decimal(15)}, (ref(2),)))
    g.add_node("mysql", label="MySQL", classes=("Engine",))
    g.add_edge("b", "mysql", key="forEngine")
    assert find_conflicts(g) == ()


def test_a_limit_without_note_lines_names_itself():
    g = limit_graph(("a", "NUM", {"max": Decimal(5)}, ()), ("b", "NUM", {"max": Decimal(15)}, ()))
    (conflict,) = find_conflicts(g)
    assert [v.source.iri for v in conflict.first + conflict.second] == ["a", "b"]
    assert [v.source.line for v in conflict.first + conflict.second] == [0, 0]


def test_several_values_of_one_limit_go_to_the_lines_that_hold_them():
    g = limit_graph(
        (
            "a",
            "DAY",
            {"max": Decimal(35), "max_values": ("7", "35")},
            (ref(1, "kept up to 35 days"), ref(9, "up to 7")),
        ),
    )
    values = noted_values(g)[("svc", "qty", (), "max")]
    assert [(v.text, v.source.line) for v in values] == [("35 days", 1), ("7 days", 9)]
    (conflict,) = find_conflicts(g)
    assert sides(conflict) == ([("7 days", "db.md:9")], [("35 days", "db.md:1")])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((15, "MIN"), (900, "SEC"), True),
        ((1, "DAY"), (24, "HR"), True),
        ((1, "GibiBYTE"), (1024, "MebiBYTE"), True),
        ((400, "KiloBYTE"), (400, "KibiBYTE"), False),
        ((1, "TeraBYTE"), (1000, "GigaBYTE"), True),
        ((5, "NUM"), (5, "PERCENT"), False),
    ],
)
def test_comparable_values(a, b, same):
    assert (comparable_value(Decimal(a[0]), a[1]) == comparable_value(Decimal(b[0]), b[1])) is same


def test_values_read_as_written():
    assert value_text(Decimal("0.50"), "GigaBYTE") == "0.5 GB"
    assert value_text(Decimal(35), "DAY") == "35 days"
    assert value_text(Decimal(1), "DAY") == "1 day"
    assert value_text(Decimal(3), None) == "3"
