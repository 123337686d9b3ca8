"""One quantity per meaning: limits of different services and engines on one thing compare in one row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.network.build import to_networkx
from graph.network.limits import compare_limits, matrix_table
from graph.rdf.pipeline import build_store
from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.outline import read_outline

D = Decimal


def facts_of(text: str) -> Facts:
    return extract([read_outline(text, "n.md")])


def quantities(facts: Facts) -> dict[str, set[str]]:
    """Service → the quantities its limits bound."""
    found: dict[str, set[str]] = {}
    for lim in facts.limits:
        found.setdefault(lim.service, set()).add(lim.bounds)
    return found


def engines(facts: Facts) -> dict[str, str]:
    return {r.subject: r.object for r in facts.relations if r.predicate == "forEngine"}


@pytest.fixture(scope="module")
def replicas(tmp_path_factory) -> list[dict[str, str]]:
    notes = tmp_path_factory.mktemp("notes") / "replicas.md"
    notes.write_text(
        "# RDS\n- up to 5 read replicas per database\n\n"
        "# Aurora\n- max 15 Aurora Replicas\n- max 5 MySQL read replicas\n\n"
        "# DocumentDB\n- up to 15 replicas\n\n"
        "# Neptune\n- Read replicas: up to 15 RR\n",
        encoding="utf-8",
    )
    return matrix_table(compare_limits(to_networkx(build_store([Path(notes)]))))


def test_read_replicas_of_several_services_sit_in_one_comparison_row(replicas):
    rows = [r for r in replicas if "replica" in r["quantity"].lower()]
    assert len(rows) == 1
    row = rows[0]
    assert row["quantity"] == "Read Replicas" and row["unit"] == "count"
    assert (row["RDS"], row["Aurora"], row["DocumentDB"], row["Neptune"]) == ("5", "15", "15", "15")


@pytest.mark.parametrize(
    "line",
    ["max 15 Aurora Replicas", "up to 15 read replicas", "up to 15 RR", "15 read replicas max", "Replicas: 15 max"],
)
def test_ways_of_writing_read_replicas_name_one_quantity(line):
    facts = facts_of(f"# Aurora\n- {line}\n")
    assert quantities(facts) == {"aurora": {"read-replicas"}}


def test_an_engine_is_a_qualifier_of_the_same_quantity():
    facts = facts_of(
        "# Aurora\n- max 15 Aurora Replicas\n- max 5 MySQL read replicas\n- max 1 PostgreSQL read replica\n\n"
        "# RDS\n- RDS for SQL Server: storage up to 16 TB\n- storage up to 64 TB\n- max 5 RR for Oracle\n"
    )
    assert quantities(facts) == {"aurora": {"read-replicas"}, "rds": {"storage", "read-replicas"}}
    assert engines(facts) == {
        "aurora-mysql-read-replicas-max": "mysql",
        "aurora-postgresql-read-replicas-max": "postgresql",
        "rds-sql-server-storage-max": "sql-server",
        "rds-oracle-read-replicas-max": "oracle",
    }
    limits = {lim.key: (lim.max, lim.unit) for lim in facts.limits}
    assert limits["rds-sql-server-storage-max"] == (D(16), "TeraBYTE")
    assert limits["rds-storage-max"] == (D(64), "TeraBYTE")


def test_several_engines_after_a_bound_qualify_nothing():
    facts = facts_of("# RDS\n- up to 15 read replicas for MySQL, MariaDB and PostgreSQL\n")
    assert engines(facts) == {}
    assert quantities(facts) == {"rds": {"read-replicas"}}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "- Reads:\n  - eventually consistent reads are the default (consistent after about 1 second)",
            "Read consistency delay",
        ),
        ("- eventually consistent reads: consistent after about 1 second", "Eventually consistent read delay"),
        ("- transactions: up to 25 items or 4 MB of data", "Transaction size"),
        ("- a cluster runs in 1 AZ only", "Availability Zones"),
        ("- spread over at least 3 AZs", "Availability Zones"),
        ("- replica lag usually under 100 ms", "Replica lag"),
        ("- streams keep records for 24 hours", "Stream retention"),
        ("- logs can be archived to S3 every 5 minutes", "Archive interval"),
    ],
)
def test_quantity_names_hold_no_cue_words_or_verbs(line, name):
    facts = facts_of(f"# DynamoDB\n{line}\n")
    names = {e.label for e in facts.entities if e.key in {lim.bounds for lim in facts.limits}}
    assert name in names
    bad = {"max", "maximum", "up", "about", "or", "after", "usually", "keep", "for"}
    assert not any(set(n.lower().split()) & bad for n in names), names


@pytest.mark.parametrize(
    "line",
    [
        "storage starts at 10 GB and grows in 10 GB steps to 64 TB",
        "storage starts at 10 GB, grows in increments of 10 GB up to 64 TB",
    ],
)
def test_starts_at_is_a_minimum_and_a_step_is_a_quantity_of_its_own(line):
    facts = facts_of(f"# Aurora\n- {line}\n")
    found = {(lim.bounds, lim.min, lim.max, lim.unit) for lim in facts.limits}
    assert found == {
        ("storage", D(10), None, "GigaBYTE"),
        ("storage", None, D(64), "TeraBYTE"),
        ("storage-increment", D(10), D(10), "GigaBYTE"),
    }


def test_a_minimum_and_a_maximum_in_different_units_compare_as_one_range(tmp_path):
    notes = tmp_path / "aurora.md"
    notes.write_text("# Aurora\n- storage starts at 10 GB\n- storage up to 64 TB\n", encoding="utf-8")
    rows = compare_limits(to_networkx(build_store([notes])))
    assert [(r.quantity, r.shown, r.compared) for r in rows] == [("Storage", "10 GB – 64 TB", "64 TB")]
    assert len(rows[0].also) == 1


@pytest.mark.parametrize(
    ("notes", "key", "engine"),
    [
        ("# RDS\n## SQL Server\n- storage: up to 16 TB\n", "rds-sql-server-storage-max", "sql-server"),
        ("# ElastiCache\n- Redis: up to 500 nodes per cluster\n", "elasticache-redis-node-max", "redis"),
        ("# Aurora\n- Aurora PostgreSQL supports up to 15 replicas\n", "aurora-postgresql-read-replicas-max",
         "postgresql"),
    ],
)  # fmt: skip
def test_an_engine_named_before_a_limit_qualifies_it(notes, key, engine):
    assert engines(facts_of(notes)) == {key: engine}


def test_an_engine_that_is_only_an_object_qualifies_nothing():
    facts = facts_of("# RDS\n- RDS supports MySQL, max 5 read replicas\n")
    assert engines(facts) == {}
    assert quantities(facts) == {"rds": {"read-replicas"}}
