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
    got = [(p.source_label, p.target_label, p.heterogeneous) for p in paths]
    assert got == [
        ("On-Premises", "DynamoDB", False),
        ("On-Premises", "RDS", False),
        ("On-Premises", "S3", False),
        ("Oracle", "RDS", False),
        ("Oracle", "S3", False),
        ("MySQL", "RDS", False),
        ("MySQL", "S3", False),
        ("Oracle", "DynamoDB", True),
        ("Oracle", "RDS", False),
        ("Oracle", "S3", False),
        ("PostgreSQL", "RDS", False),
        ("PostgreSQL", "S3", False),
        ("MySQL", "DynamoDB", True),
        ("Oracle", "DynamoDB", True),
        ("PostgreSQL", "DynamoDB", True),
    ]
    lengths = [len(p.steps) for p in paths]
    assert lengths == sorted(lengths)
    assert paths[7].route == "Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> DynamoDB"


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
