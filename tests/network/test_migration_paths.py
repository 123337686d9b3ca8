"""Tests for graph.network.migration on a small hand-written graph and on the bundled notes, with exact results."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import InputError
from graph.network.migration import migration_paths
from graph.network.paths import Step

CID = "https://w3id.org/cloudatlas/id/"


def test_oracle_to_aurora_postgresql_is_heterogeneous_with_sct(g):
    paths = migration_paths(g, "Oracle", "Aurora PostgreSQL")
    assert [p.route for p in paths] == [
        "Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> RDS -supportsEngine-> Aurora "
        "-compatibleWith-> PostgreSQL",
        "Oracle <-includes- On-Premises <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> RDS "
        "-supportsEngine-> Aurora -compatibleWith-> PostgreSQL",
    ]
    first = paths[0]
    assert (first.source, first.source_label) == (CID + "oracle", "Oracle")
    assert (first.target, first.target_label) == (CID + "postgresql", "Aurora PostgreSQL")
    assert first.services == ("DMS", "Schema Conversion Tool")

    assert first.heterogeneous and first.rule == "heterogeneous-migration"
    assert first.steps[:3] == (
        Step(CID + "oracle", "Oracle"),
        Step(CID + "dms", "DMS", "migrationSource", False),
        Step(CID + "sct", "Schema Conversion Tool", "+"),
    )


def test_migrations_to_a_service_include_its_engines(g):
    got = [(p.source_label, p.target_label, p.heterogeneous, len(p.steps)) for p in migration_paths(g, "Oracle", "RDS")]
    assert got == [
        ("Oracle", "RDS", False, 3),
        ("Oracle", "RDS", False, 4),
        ("Oracle", "RDS Oracle", False, 4),
        ("Oracle", "RDS MySQL", True, 5),
        ("Oracle", "RDS Oracle", False, 5),
        ("Oracle", "RDS PostgreSQL", True, 5),
        ("Oracle", "RDS MySQL", True, 6),
        ("Oracle", "RDS PostgreSQL", True, 6),
    ]


def test_all_migration_paths_shortest_first(g):
    paths = migration_paths(g)
    got = [(p.source_label, p.target_label, p.rule) for p in paths]
    assert got == [
        ("On-Premises", "DynamoDB", "data-migration"),
        ("On-Premises", "RDS", "data-migration"),
        ("On-Premises", "S3", "data-migration"),
        ("Oracle", "DynamoDB", "heterogeneous-without-conversion"),
        ("Oracle", "S3", "data-migration"),
        ("MySQL", "DynamoDB", "heterogeneous-without-conversion"),
        ("MySQL", "S3", "data-migration"),
        ("Oracle", "DynamoDB", "heterogeneous-without-conversion"),
        ("Oracle", "RDS Oracle", "homogeneous-migration"),
        ("Oracle", "S3", "data-migration"),
        ("PostgreSQL", "DynamoDB", "heterogeneous-without-conversion"),
        ("PostgreSQL", "S3", "data-migration"),
        ("MySQL", "RDS MySQL", "homogeneous-migration"),
        ("Oracle", "RDS Oracle", "homogeneous-migration"),
        ("PostgreSQL", "RDS PostgreSQL", "homogeneous-migration"),
    ]
    lengths = [len(p.steps) for p in paths]
    assert lengths == sorted(lengths)
    assert paths[8].route == "Oracle <-migrationSource- DMS -migrationTarget-> RDS -supportsEngine-> Oracle"
    assert paths[8].why == "Same engine (Oracle) on both ends: DMS lists Oracle as a source and RDS as a target."
    assert paths[3].why == (
        "The engines differ (Oracle → DynamoDB) and the Schema Conversion Tool does not convert between them: "
        "the target schema is made by hand; DMS lists Oracle as a source and DynamoDB as a target."
    )
    assert paths[4].why == "S3 runs no engine, so the data moves without a schema conversion: " + (
        "DMS lists Oracle as a source and S3 as a target."
    )


def _dms(sources: str, targets: str, extra: str = "") -> nx.MultiDiGraph:
    """A graph of DMS with the given sources and targets, RDS running MySQL and PostgreSQL, and SCT."""
    g = nx.MultiDiGraph()
    kinds = {"dms": "MigrationService", "sct": "MigrationService", "rds": "DatabaseService", "s3": "StorageService"}
    labels = {
        "dms": "DMS",
        "sct": "Schema Conversion Tool",
        "rds": "RDS",
        "s3": "S3",
        "mysql": "MySQL",
        "postgresql": "PostgreSQL",
    }
    for node in ("dms", "sct", "rds", "s3", "mysql", "postgresql", "oracle"):
        g.add_node(node, label=labels.get(node, node.title()), classes=(kinds.get(node, "Engine"),), aliases=())
    g.add_edges_from([("rds", "mysql", "supportsEngine"), ("rds", "postgresql", "supportsEngine")])
    g.add_edges_from(("dms", n, "migrationSource") for n in sources.split())
    g.add_edges_from(("dms", n, "migrationTarget") for n in targets.split())
    g.add_edges_from(tuple(e.split(",")) for e in extra.split())
    return g


def test_the_same_thing_at_both_ends_is_no_migration():
    g = _dms("mysql rds s3", "mysql rds s3")
    pairs = {(p.source_label, p.target_label) for p in migration_paths(g)}
    assert not any(a == b for a, b in pairs)
    assert ("MySQL", "RDS MySQL") in pairs and ("RDS MySQL", "MySQL") in pairs
    assert ("RDS", "RDS") not in pairs and ("MySQL", "MySQL") not in pairs and ("S3", "S3") not in pairs


def test_homogeneous_is_one_engine_to_the_same_engine_on_another_service():
    (path,) = [p for p in migration_paths(_dms("mysql", "rds")) if p.target_label == "RDS MySQL"]
    assert (path.rule, path.heterogeneous, path.services) == ("homogeneous-migration", False, ("DMS",))
    assert path.route == "MySQL <-migrationSource- DMS -migrationTarget-> RDS -supportsEngine-> MySQL"
    assert [p.target_label for p in migration_paths(_dms("mysql", "rds"))] == ["RDS MySQL"]


def test_schema_conversion_only_where_the_engines_differ_and_the_tool_converts():
    paths = migration_paths(_dms("oracle mysql", "rds s3"))
    rows = {(p.source_label, p.target_label): p for p in paths}
    assert set(rows) == {
        ("Oracle", "RDS MySQL"),
        ("Oracle", "RDS PostgreSQL"),
        ("Oracle", "S3"),
        ("MySQL", "RDS MySQL"),
        ("MySQL", "S3"),
    }
    oracle = rows["Oracle", "RDS PostgreSQL"]
    assert (oracle.rule, oracle.services) == ("heterogeneous-migration", ("DMS", "Schema Conversion Tool"))
    assert oracle.why.startswith(
        "The engines differ (Oracle → PostgreSQL): the schema is converted with Schema Conversion Tool first"
    )
    for key in (("Oracle", "S3"), ("MySQL", "RDS MySQL"), ("MySQL", "S3")):
        assert "Schema Conversion Tool" not in rows[key].services
        assert all(step.relation != "+" for step in rows[key].steps)
    assert [p.services for p in migration_paths(_dms("oracle", "rds"), "Oracle", "RDS PostgreSQL")] == [
        ("DMS", "Schema Conversion Tool")
    ]


def test_engines_the_tool_does_not_convert_between_get_no_conversion_step():
    (path,) = migration_paths(_dms("mysql", "oracle"))
    assert (path.rule, path.heterogeneous, path.services) == ("heterogeneous-without-conversion", True, ("DMS",))
    assert "does not convert between them: the target schema is made by hand" in path.why


def test_graph_nodes_leave_out_the_tool_used_alongside():
    (path,) = migration_paths(_dms("oracle", "rds"), "Oracle", "RDS PostgreSQL")
    assert path.graph_nodes == ("oracle", "dms", "rds", "postgresql")
    assert "sct" in [step.node for step in path.steps]


def test_migration_filters_by_engine_through_a_group(g):
    routes = [p.route for p in migration_paths(g, "MySQL", "S3")]
    assert routes == ["MySQL <-includes- On-Premises <-migrationSource- DMS -migrationTarget-> S3"]


def test_migration_unknown_names(g):
    with pytest.raises(InputError, match="unknown name 'Oracel'"):
        migration_paths(g, "Oracel")
    with pytest.raises(InputError, match="unknown name 'Aurora Redis'"):
        migration_paths(g, target="Aurora Redis")


def test_no_migration_service_no_paths():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", classes=("DatabaseService",))
    assert migration_paths(g) == ()


def test_notes_oracle_to_aurora_postgresql_through_dms_and_sct(notes_graph):
    paths = migration_paths(notes_graph, "Oracle", "Aurora PostgreSQL")
    assert paths
    first = paths[0]
    assert (first.source_label, first.target_label) == ("Oracle", "Aurora PostgreSQL")
    assert first.heterogeneous
    assert first.services == ("DMS", "Schema Conversion Tool")


def test_notes_migration_table(notes_graph):
    paths = migration_paths(notes_graph)
    pairs = [(p.source_label, p.target_label) for p in paths]
    assert len(pairs) == len(set(pairs))
    assert not any(a == b for a, b in pairs)
    for engine in ("MySQL", "MariaDB", "Oracle", "PostgreSQL", "SQL Server"):
        assert (engine, f"RDS {engine}") in pairs
        assert (f"RDS {engine}", engine) in pairs
    by_rule: dict[str, int] = {}
    for p in paths:
        by_rule[p.rule] = by_rule.get(p.rule, 0) + 1
        assert p.why
        assert ("Schema Conversion Tool" in p.services) == (p.rule == "heterogeneous-migration")
    assert by_rule == {
        "data-migration": 32,
        "heterogeneous-migration": 16,
        "heterogeneous-without-conversion": 33,
        "homogeneous-migration": 10,
    }
    rows = {(p.source_label, p.target_label): p.rule for p in paths}
    assert rows["Oracle", "Redshift"] == rows["Azure SQL", "RDS PostgreSQL"] == "heterogeneous-migration"
    assert rows["MySQL", "Oracle"] == rows["Oracle", "DynamoDB"] == "heterogeneous-without-conversion"
    assert ("Azure SQL", "RDS") not in rows and ("RDS", "RDS") not in rows


def test_the_conversions_come_from_the_ontology_file(tmp_path):
    from graph.network.rules import CONVERSIONS, load_conversions

    assert any({"oracle"} <= c.sources and {"postgresql", "redshift"} <= c.targets for c in CONVERSIONS)
    assert all(c.pages for c in CONVERSIONS)
    bad = tmp_path / "migration.toml"
    bad.write_text('[[conversion]]\nfrom = ["Oracle"]\nto = []\n')
    with pytest.raises(InputError, match=r"^migration.toml:0: conversion 1: from and to must name at least one"):
        load_conversions(bad)
