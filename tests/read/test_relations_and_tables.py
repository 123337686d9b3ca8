"""Extraction rules on relations in prose and on tables, each on a small note written for it."""

from __future__ import annotations

from decimal import Decimal

from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.outline import read_outline

D = Decimal


def facts_of(text: str, file: str = "n.md") -> Facts:
    return extract([read_outline(text, file)])


def relations(facts: Facts, predicate: str | None = None) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in facts.relations if predicate in (None, r.predicate)}


# migration -------------------------------------------------------------------------------


def test_can_be_migrated_to_using_names_source_target_and_the_tools():
    found = relations(facts_of("# Moving data\n- SQL Server databases can be migrated to Aurora using DMS and SCT\n"))
    assert {("dms", "migrationSource", "sql-server"), ("dms", "migrationTarget", "aurora")} <= found
    assert {("sct", "migrationSource", "sql-server"), ("sct", "migrationTarget", "aurora")} <= found


def test_from_and_to_around_a_migration_service():
    found = relations(facts_of("# DMS\n- use DMS to copy data from RDS into Redshift\n"))
    assert {("dms", "migrationSource", "rds"), ("dms", "migrationTarget", "redshift")} <= found


def test_a_to_b_pairs_under_a_migration_service():
    found = relations(facts_of("# DMS\n- Heterogeneous: ex Oracle to Aurora\n"))
    assert {("dms", "migrationSource", "oracle"), ("dms", "migrationTarget", "aurora")} <= found
    assert ("dms", "supportsEngine", "oracle") not in found


def test_to_without_a_verb_of_moving_is_not_a_migration():
    found = relations(facts_of("# DMS\n- You must create an EC2 instance to run the tasks\n"))
    assert not {r for r in found if r[1].startswith("migration")}


def test_a_chain_of_hops_makes_the_hop_before_the_tool_a_source():
    found = relations(facts_of("# Pattern\n- move data from the device to S3 to DMS to the target database\n"))
    assert ("dms", "migrationSource", "s3") in found


# engines, compatibility, caches ------------------------------------------------------------


def test_based_on_and_built_on_mean_compatible():
    found = relations(facts_of("# Redshift\n- Redshift is based on PostgreSQL\n# Athena\n- built on Presto\n"))
    assert ("redshift", "compatibleWith", "postgresql") in found
    assert ("athena", "compatibleWith", "presto") in found


def test_examples_are_not_engines():
    found = relations(facts_of("# Backup\n- protects databases (including Oracle, MySQL and SQL Server)\n"))
    assert not relations(facts_of("# Backup\n- Example: Oracle, MySQL, SQL Server\n"), "supportsEngine")
    assert not {r for r in found if r[1] == "supportsEngine"}


def test_the_origins_of_a_cache_are_what_it_caches():
    found = relations(facts_of("# CloudFront\n- Origin - usually an S3 bucket or an Application Load Balancer\n"))
    assert {("cloudfront", "caches", "s3"), ("cloudfront", "caches", "alb")} <= found


def test_query_languages_and_brokers_are_engines():
    found = relations(
        facts_of("# Neptune\n- supported APIs: Gremlin, SPARQL, openCypher\n# Amazon MQ\n- managed ActiveMQ\n")
    )
    assert {("neptune", "supportsEngine", k) for k in ("gremlin", "sparql", "opencypher")} <= found
    assert ("mq", "supportsEngine", "activemq") in found


# tables ------------------------------------------------------------------------------------


def test_a_column_header_that_names_a_service_is_the_subject_of_its_cells():
    facts = facts_of(
        "# Messaging compared\n\n| SQS | SNS |\n| --- | --- |\n| messages up to 256 KB | up to 100,000 topics |\n"
    )
    assert {(lim.service, lim.max) for lim in facts.limits} == {("sqs", D(256)), ("sns", D(100000))}


def test_a_first_cell_that_names_a_service_is_the_subject_of_its_row():
    facts = facts_of("# Limits\n\n| service | item size |\n| --- | --- |\n| 🗄️ DynamoDB | 400 KB |\n| S3 | 5 TB |\n")
    found = {(lim.service, lim.max, lim.unit) for lim in facts.limits}
    assert found == {("dynamodb", D(400), "KiloBYTE"), ("s3", D(5), "TeraBYTE")}
    assert {lim.bounds for lim in facts.limits} == {"item-size"}


def test_empty_cells_give_nothing_and_keep_their_columns():
    facts = facts_of("# X\n\n| SQS | SNS |\n| --- | --- |\n|  | up to 10 subscribers |\n")
    assert [(lim.service, lim.max) for lim in facts.limits] == [("sns", D(10))]


def test_a_cache_in_front_of_a_service_caches_it():
    found = relations(facts_of("# Caching\n- DAX sits in front of DynamoDB\n"))
    assert ("dax", "caches", "dynamodb") in found


def test_bold_terms_under_a_service_are_its_features():
    found = relations(facts_of("# SQS\n- **Zorb Queues**: hold zorbs for later\n- uses **Long Polling** to wait\n"))
    assert {("sqs", "hasFeature", "zorb-queues"), ("sqs", "hasFeature", "long-polling")} <= found


def test_a_limits_table_names_each_value_by_its_row():
    facts = facts_of(
        "# DynamoDB\n\n| Limit | Value |\n| --- | --- |\n| Max item size | 400 KB |\n| GSIs per table | 20 |\n"
    )
    found = {(lim.max, lim.unit) for lim in facts.limits}
    assert found == {(D(400), "KiloBYTE"), (D(20), "NUM")}
    assert not {r for r in relations(facts) if r[2] in ("value", "max-item-size")}  # names of quantities, not features
