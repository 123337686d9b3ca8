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
        ("Oracle", "DynamoDB", "data-migration"),
        ("Oracle", "S3", "data-migration"),
        ("MySQL", "DynamoDB", "data-migration"),
        ("MySQL", "S3", "data-migration"),
        ("Oracle", "DynamoDB", "data-migration"),
        ("Oracle", "RDS Oracle", "homogeneous-migration"),
        ("Oracle", "S3", "data-migration"),
        ("PostgreSQL", "DynamoDB", "data-migration"),
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
        "The notes name no engine for DynamoDB, so no schema conversion is computed: "
        "DMS lists Oracle as a source and DynamoDB as a target."
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


def test_schema_conversion_only_where_the_engines_differ():
    paths = migration_paths(_dms("oracle mysql", "rds s3"))
    rows = {(p.source_label, p.target_label): p for p in paths}
    assert set(rows) == {("Oracle", "RDS"), ("Oracle", "S3"), ("MySQL", "RDS MySQL"), ("MySQL", "S3")}
    oracle = rows["Oracle", "RDS"]
    assert (oracle.rule, oracle.services) == ("heterogeneous-migration", ("DMS", "Schema Conversion Tool"))
    assert oracle.why.startswith(
        "Oracle runs Oracle, RDS runs MySQL, PostgreSQL: the schema is converted with Schema Conversion Tool"
    )
    for key in (("Oracle", "S3"), ("MySQL", "RDS MySQL"), ("MySQL", "S3")):
        assert "Schema Conversion Tool" not in rows[key].services
        assert all(step.relation != "+" for step in rows[key].steps)
    assert [p.services for p in migration_paths(_dms("oracle", "rds"), "Oracle", "RDS PostgreSQL")] == [
        ("DMS", "Schema Conversion Tool")
    ]


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
    assert by_rule == {"data-migration": 59, "heterogeneous-migration": 20, "homogeneous-migration": 10}
