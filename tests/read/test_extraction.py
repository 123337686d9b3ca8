"""Extraction: entities, typed limits and relations from notes, with negations kept negative."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.rdf.pipeline import BUNDLED_NOTES, build_facts
from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.outline import read_outline

FIXTURES = BUNDLED_NOTES.parent.parent / "tests" / "fixtures"


def facts_of(text: str, file: str = "n.md") -> Facts:
    return extract([read_outline(text, file)])


def relations(facts: Facts, predicate: str | None = None) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in facts.relations if predicate in (None, r.predicate)}


def limit(facts: Facts, service: str, *, unit: str | None = None, bounds: str | None = None):
    """The one limit of ``service`` with that unit or bound, as (min, max, unit)."""
    found = [
        (lim.min, lim.max, lim.unit)
        for lim in facts.limits
        if lim.service == service and unit in (None, lim.unit) and bounds in (None, lim.bounds)
    ]
    assert len(found) == 1, f"{service} {unit} {bounds}: {found}"
    return found[0]


D = Decimal


@pytest.fixture(scope="module")
def seed(seed_notes) -> Facts:
    return build_facts([seed_notes])


@pytest.fixture(scope="module")
def bundled() -> Facts:
    return build_facts([BUNDLED_NOTES])


# The seed notes, as written --------------------------------------------------------------


def test_seed_rds_engines(seed):
    engines = {o for s, _, o in relations(seed, "supportsEngine") if s == "rds"}
    assert {"mysql", "postgresql", "oracle", "sql-server", "mariadb"} <= engines


@pytest.mark.parametrize("facts_name", ["seed", "bundled"])
def test_required_limits(facts_name, request):
    facts = request.getfixturevalue(facts_name)
    assert limit(facts, "rds", bounds="read-replicas") == (None, D(5), "NUM")
    assert limit(facts, "rds", unit="DAY") == (D(1), D(35), "DAY")
    assert limit(facts, "dynamodb", unit="KiloBYTE")[1:] == (D(400), "KiloBYTE")
    assert limit(facts, "dynamodb", bounds="transaction-item") == (None, D(25), "NUM")
    assert limit(facts, "dynamodb", unit="MegaBYTE")[1:] == (D(4), "MegaBYTE")
    replicas = {(lim.key, lim.max) for lim in facts.limits if lim.service == "aurora" and lim.bounds == "read-replicas"}
    assert replicas == {
        ("aurora-read-replicas-max", D(15)),
        ("aurora-mysql-read-replicas-max", D(5)),
        ("aurora-postgresql-read-replicas-max", D(1)),
    }
    engines = {(r.subject, r.object) for r in facts.relations if r.predicate == "forEngine"}
    assert {("aurora-mysql-read-replicas-max", "mysql"), ("rds-sql-server-storage-max", "sql-server")} <= engines
    assert limit(facts, "aurora", unit="TeraBYTE")[1:] == (D(64), "TeraBYTE")
    assert limit(facts, "redshift", bounds="compute-nodes") == (None, D(128), "NUM")


@pytest.mark.parametrize("facts_name", ["seed", "bundled"])
def test_required_relations(facts_name, request):
    found = relations(request.getfixturevalue(facts_name))
    assert {("aurora", "compatibleWith", "mysql"), ("aurora", "compatibleWith", "postgresql")} <= found
    assert ("dax", "caches", "dynamodb") in found
    assert {("elasticache", "supportsEngine", "redis"), ("elasticache", "supportsEngine", "memcached")} <= found
    assert {("dms", "migrationTarget", t) for t in ("redshift", "dynamodb", "documentdb")} <= found
    assert {("emr", "supportsEngine", "spark"), ("emr", "supportsEngine", "presto")} <= found
    assert ("multi-az", "notAvailableFor", "aurora") in found


def test_seed_lost_headings_are_inferred_and_recorded(seed):
    inferred = {s.line: s.inferred_subject for s in seed.notes if s.inferred_subject}
    assert inferred[38] == "dynamodb"  # "SSD storage ..." block
    assert inferred[59] == "redshift"  # "Fully managed petabyte-scale data warehouse"
    assert inferred[76] == "aurora"  # "MySQL & PostgreSQL compatible"
    assert inferred[90] == "elasticache"  # "In memory cache in the cloud"
    how = next(s.inferred_by for s in seed.notes if s.line == 59)
    assert "data warehouse" in how.lower()


def test_seed_negations_never_become_positive(seed):
    found = relations(seed)
    assert ("rds", "hasFeature", "serverless") not in found  # "Not serverless (except Aurora)"
    assert ("multi-az", "hasFeature", "aurora") not in found
    assert ("dms", "migrationSource", "dynamodb") not in found  # "(target, not source)"
    assert not any(p == "hasFeature" and o == "disaster-recovery" for _, p, o in found)  # "Not for DR"


def test_every_entity_and_limit_has_a_source(seed):
    assert all(e.sources for e in seed.entities)
    assert all(lim.sources for lim in seed.limits)


def test_entities_are_unique_and_abbreviations_resolve(seed):
    keys = [e.key for e in seed.entities]
    assert len(keys) == len(set(keys))
    entity = {e.key: e for e in seed.entities}
    assert "RR" in entity["read-replicas"].aliases
    assert entity["dax"].classes == ("CacheService",)
    assert "DatabaseService" in entity["rds"].classes
    assert "PGSQL" in entity["postgresql"].aliases


# Small known inputs ----------------------------------------------------------------------


def test_worked_example_limit():
    facts = facts_of("# RDS\n- Up to 5 read replicas\n", "aws.md")
    (lim,) = facts.limits
    assert (lim.key, lim.service, lim.bounds, lim.min, lim.max, lim.unit) == (
        "rds-read-replicas-max", "rds", "read-replicas", None, D(5), "NUM"
    )  # fmt: skip
    assert (lim.sources[0].file, lim.sources[0].line, lim.sources[0].text) == ("aws.md", 2, "- Up to 5 read replicas")
    assert ("rds", "hasFeature", "read-replicas") in relations(facts)


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        pytest.param("- max 15 replicas", (None, D(15), "NUM"), id="max"),
        pytest.param("- backups kept 1-35 days", (D(1), D(35), "DAY"), id="range"),
        pytest.param("- items at most 400 KB", (None, D(400), "KiloBYTE"), id="size"),
        pytest.param("- storage up to 64TB", (None, D(64), "TeraBYTE"), id="glued-unit"),
        pytest.param("- stream records stored 24 hrs", (None, D(24), "HR"), id="hours"),
        pytest.param("- restore lag 5 mins", (None, D(5), "MIN"), id="minutes"),
        pytest.param("- replication latency under one second", (None, D(1), "SEC"), id="words"),
        pytest.param("- up to 3,500 writes per second", (None, D(3500), "NUM-PER-SEC"), id="thousands"),
        pytest.param("- 256,000 read units", (None, D(256000), "NUM"), id="large-count"),
        pytest.param("- availability 99.99%", (None, D("99.99"), "PERCENT"), id="percent"),
        pytest.param("- at least one core node", (D(1), None, "NUM"), id="min-word"),
    ],
)
def test_limit_forms(bullet, expected):
    facts = facts_of(f"# DynamoDB\n{bullet}\n")
    assert [(lim.min, lim.max, lim.unit) for lim in facts.limits] == [expected]


def test_a_range_across_units_keeps_each_end_in_its_own_unit():
    facts = facts_of("# DynamoDB\n- storage from 10GB up to 64TB\n")
    assert {(lim.min, lim.max, lim.unit) for lim in facts.limits} == {
        (D(10), None, "GigaBYTE"),
        (None, D(64), "TeraBYTE"),
    }
    assert len({lim.key for lim in facts.limits}) == 2


def test_a_default_is_a_value_of_its_own_beside_the_maximum():
    facts = facts_of("# Kinesis Data Streams\n- retention 24 hours by default, up to 365 hours\n")
    found = {lim.key: (lim.min, lim.max, lim.unit) for lim in facts.limits}
    assert found == {
        "kinesis-data-streams-default-retention-value": (D(24), D(24), "HR"),
        "kinesis-data-streams-retention-max": (None, D(365), "HR"),
    }


@pytest.mark.parametrize(
    "bullet",
    [
        "- 10x performance improvement",
        "- Up to 5x perf over MySQL",
        "- 0.25/hr -> 1K per TB per year",
        "- durability of 11 nines",
    ],
)
def test_numbers_that_are_not_limits(bullet):
    assert facts_of(f"# Aurora\n{bullet}\n").limits == ()


def test_negated_phrases_give_nothing_positive():
    facts = facts_of("# RDS\n- Not serverless\n- read replicas are not meant for DR\n- no Redis support\n")
    assert relations(facts) - relations(facts, "mentions") == set() or all(
        p != "hasFeature" or o != "serverless" for _, p, o in relations(facts)
    )
    assert ("rds", "supportsEngine", "redis") not in relations(facts)
    assert ("rds", "hasFeature", "serverless") not in relations(facts)


def test_not_available_for_is_modelled():
    facts = facts_of("# RDS\n- Multi-AZ: not available for Aurora\n")
    assert ("multi-az", "notAvailableFor", "aurora") in relations(facts)
    assert ("multi-az", "hasFeature", "aurora") not in relations(facts)


def test_engine_lists_compatibility_and_caches():
    facts = facts_of(
        "# RDS\n- Oracle, SQL Server, MySQL, PostgreSQL, MariaDB\n"
        "# Aurora\n- MySQL & PostgreSQL compatible\n"
        "# DAX\n- in-memory cache in front of DynamoDB\n"
        "# EMR\n- Frameworks: Spark, Hive, Presto\n"
    )
    found = relations(facts)
    assert {("rds", "supportsEngine", e) for e in ("oracle", "sql-server", "mysql", "postgresql", "mariadb")} <= found
    assert {("aurora", "compatibleWith", "mysql"), ("aurora", "compatibleWith", "postgresql")} <= found
    assert ("dax", "caches", "dynamodb") in found
    assert {("emr", "supportsEngine", e) for e in ("spark", "hive", "presto")} <= found


def test_dms_sources_and_targets():
    facts = facts_of(
        "# Database Migration Service (DMS)\n- Sources - Oracle, Azure SQL, S3\n- Targets: Redshift, Kinesis\n"
    )
    found = relations(facts)
    assert {("dms", "migrationSource", k) for k in ("oracle", "azure-sql", "s3")} <= found
    assert {("dms", "migrationTarget", k) for k in ("redshift", "kinesis")} <= found


def test_unknown_heading_and_top_level_names_become_nodes():
    facts = facts_of("# Quantum Ledger Thing (QLT)\n- Journal Streams - ordered change feed\n- up to 40 tables\n")
    entity = {e.key: e for e in facts.entities}
    assert entity["quantum-ledger-thing"].aliases == ("QLT",)
    assert "Feature" in entity["journal-streams"].classes
    assert ("quantum-ledger-thing", "hasFeature", "journal-streams") in relations(facts)
    assert [lim.service for lim in facts.limits] == ["quantum-ledger-thing"]


# Another AWS area, with no code change ---------------------------------------------------


def test_storage_and_compute_notes():
    facts = build_facts([FIXTURES / "notes" / "storage-compute.md"])
    services = {e.key for e in facts.entities if any(c.endswith("Service") for c in e.classes)}
    assert {"s3", "ebs", "efs", "lambda", "sqs", "cloudfront"} <= services
    assert limit(facts, "s3", bounds="object-size") == (None, D(5), "TeraBYTE")
    assert limit(facts, "lambda", bounds="timeout") == (None, D(15), "MIN")
    assert limit(facts, "lambda", bounds="memory") == (D(128), D(10240), "MegaBYTE")
    assert limit(facts, "sqs", bounds="message-retention") == (None, D(14), "DAY")
    assert limit(facts, "ebs", unit="TeraBYTE")[1] == D(16)
    rates = sorted(lim.max for lim in facts.limits if lim.service == "s3" and lim.unit == "NUM-PER-SEC")
    assert rates == [D(3500), D(5500)]
    found = relations(facts)
    assert ("cloudfront", "caches", "s3") in found
    assert {("lambda", "supportsEngine", e) for e in ("python", "nodejs", "java", "dotnet", "ruby")} <= found
    assert ("multi-attach", "notAvailableFor", "gp3") in found
    assert ("s3", "supportsEngine", "dotnet") not in found  # "SSE-C" is not C#


def test_messy_plain_text_notes():
    facts = build_facts([FIXTURES / "notes" / "messy.txt"])
    inferred = {s.line: s.inferred_subject for s in facts.notes if s.inferred_subject}
    assert set(inferred) == {15, 16, 17, 18, 19} and set(inferred.values()) == {"sns"}
    assert limit(facts, "sns", unit="NUM")[1] == D(100000)
    assert limit(facts, "kinesis-data-streams", unit="DAY") == (None, D(365), "DAY")
    assert limit(facts, "sqs", bounds="visibility-timeout") == (None, D(12), "HR")
    assert not any(o == "go" for _, _, o in relations(facts))  # "can go up to 365 days"


@given(st.text(max_size=400))
def test_any_text_extracts_without_crashing(text):
    facts = facts_of(text, "fuzz.md")
    assert all(lim.min is not None or lim.max is not None for lim in facts.limits)
    facts_of(text, "fuzz.txt")


def test_notes_that_disagree_stay_separate_limits_and_a_min_and_max_noted_apart_make_a_range():
    facts = facts_of("# Lambda\n- timeout up to 15 minutes\n- timeout up to 5 minutes\n- memory at least 128 MB\n"
                     "- memory up to 10240 MB\n")  # fmt: skip
    found = sorted((lim.bounds, lim.min, lim.max, lim.unit) for lim in facts.limits if lim.bounds == "timeout")
    assert found == [("timeout", None, D(5), "MIN"), ("timeout", None, D(15), "MIN")]
    assert len({lim.key for lim in facts.limits}) == len(facts.limits)
    memory = [(lim.min, lim.max) for lim in facts.limits if lim.bounds == "memory"]
    assert memory == [(D(128), D(10240))]


def test_a_number_right_after_a_service_name_is_that_service_s():
    facts = facts_of("# Snow family\n- Snowcone: 8 TB, Snowmobile up to 100 PB\n- Snowball Edge (80 TB) is bigger\n")
    found = {(lim.service, lim.max, lim.unit) for lim in facts.limits}
    assert found == {
        ("snowcone", D(8), "TeraBYTE"),
        ("snowmobile", D(100), "PetaBYTE"),
        ("snowball", D(80), "TeraBYTE"),
    }


def test_a_number_further_from_a_service_name_stays_with_the_subject():
    facts = facts_of("# Lambda\n- reads SQS messages in batches of up to 10 messages\n")
    assert {lim.service for lim in facts.limits} == {"lambda"}
