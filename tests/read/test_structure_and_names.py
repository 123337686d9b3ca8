"""Extraction rules on document structure and names, each on a small note written for it."""

from __future__ import annotations

from decimal import Decimal

from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.outline import read_outline
from graph.read.phrases import is_section_word, looks_like_product

D = Decimal


def facts_of(text: str, file: str = "n.md") -> Facts:
    return extract([read_outline(text, file)])


def relations(facts: Facts, predicate: str | None = None) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in facts.relations if predicate in (None, r.predicate)}


def services(facts: Facts) -> set[str]:
    return {e.key for e in facts.entities if any(c.endswith("Service") or c == "DataWarehouse" for c in e.classes)}


# structure -------------------------------------------------------------------------------


def test_the_file_name_is_the_subject_when_nothing_else_names_one():
    facts = facts_of("# Volume types\n- volumes up to 16 TiB\n", "my-ebs-notes.md")
    assert [(lim.service, lim.max, lim.unit) for lim in facts.limits] == [("ebs", D(16), "TebiBYTE")]


def test_the_front_matter_title_is_the_subject():
    facts = facts_of("---\ntitle: DynamoDB basics\n---\n- items up to 400 KB\n", "notes.md")
    assert [(lim.service, lim.max) for lim in facts.limits] == [("dynamodb", D(400))]


def test_a_file_whose_headings_name_other_services_takes_no_subject_from_its_name():
    facts = facts_of("# Lambda\n- timeout up to 15 minutes\n# Notes\n- up to 5 things\n", "ebs.md")
    assert {lim.service for lim in facts.limits} == {"lambda"}


def test_a_sub_heading_under_a_service_is_its_feature_and_keeps_the_service_for_limits():
    facts = facts_of("# DynamoDB\n## Streams\n- records kept 24 hours\n## Zorblat Mode\n- up to 3 zorbs\n")
    assert ("dynamodb", "hasFeature", "dynamodb-streams") in relations(facts)
    assert ("dynamodb", "hasFeature", "zorblat-mode") in relations(facts)
    assert {lim.service for lim in facts.limits} == {"dynamodb"}


def test_sibling_sections_do_not_leak():
    facts = facts_of("# SQS\n- messages up to 256 KB\n# SNS\n- up to 100,000 topics\n")
    assert {(lim.service, lim.max) for lim in facts.limits} == {("sqs", D(256)), ("sns", D(100000))}


def test_organising_titles_name_nothing():
    facts = facts_of("# RDS\n## Exam tips\n- up to 5 read replicas\n## Key features\n- Multi-AZ\n")
    keys = {e.key for e in facts.entities}
    assert "exam-tips" not in keys and "key-features" not in keys
    assert {lim.service for lim in facts.limits} == {"rds"}
    assert is_section_word("Use cases:") and not is_section_word("Global Tables")


def test_a_heading_that_adds_words_to_a_service_names_its_feature():
    facts = facts_of("# Aurora\n## Aurora Backtracking Window\n- up to 72 hours\n")
    assert ("aurora", "hasFeature", "backtracking-window") in relations(facts)


def test_a_bold_or_leading_service_is_the_subject_where_no_section_names_one():
    facts = facts_of("# Exam\n- **DynamoDB** is key to the exam\n  - items up to 400 KB\n")
    assert [(lim.service, lim.max) for lim in facts.limits] == [("dynamodb", D(400))]


# names -----------------------------------------------------------------------------------


def test_everyday_words_are_not_services():
    facts = facts_of("# Free Tier\n- your account gets 750 hours\n# Account\n- Machine learning is fun\n")
    assert not {"free-tier", "account", "machine-learning"} & services(facts)


def test_an_unknown_name_is_a_service_only_when_written_like_a_product():
    assert looks_like_product("Amazon Zorblat") and looks_like_product("ZorbStore")
    assert not looks_like_product("Key terms") and not looks_like_product("Global infrastructure")
    facts = facts_of("# Compute services\n- Key terms: one, two\n- Amazon Zorblat: managed zorbs\n")
    assert "key-terms" not in services(facts)


def test_short_names_people_use_are_known():
    facts = facts_of("# Messaging\n- Kinesis Data Firehose delivers to S3\n- ALB and Lambda@Edge\n")
    assert {"firehose", "s3", "alb", "lambda-edge"} <= services(facts)


def test_go_the_verb_is_not_an_engine():
    facts = facts_of("# VPC\n1. Go to the VPC console\n# Lambda\n- runtimes: Python, Golang\n")
    assert ("vpc", "supportsEngine", "go") not in relations(facts)
    assert ("lambda", "supportsEngine", "go") in relations(facts)


def test_misspelt_service_names_are_read_where_a_name_is_expected():
    facts = facts_of("# Dyanmo DB\n- items up to 400 KB\n# Databases\n- Aurara - up to 15 replicas\n"
                     "# DMS\n- Targets: Redshfit, S3\n")  # fmt: skip
    assert {(lim.service, lim.max) for lim in facts.limits} == {("dynamodb", D(400)), ("aurora", D(15))}
    assert ("dms", "migrationTarget", "redshift") in relations(facts)


def test_ordinary_words_are_not_taken_for_misspelt_services():
    facts = facts_of("# Topics\n- Shards - up to 5\n# Queue\n- Backups - kept 7 days\n")
    assert not services(facts)


def test_bare_counts_of_a_service_s_parts_are_limits_and_other_counts_are_not():
    facts = facts_of("# EBS\n- volumes come in 6 types\n- the migration runs in two steps\n")
    assert [(lim.service, lim.max, lim.unit) for lim in facts.limits] == [("ebs", D(6), "NUM")]


def test_times_are_named_by_what_they_measure():
    facts = facts_of("# SQS\n- messages kept 4 days by default\n# Kinesis Data Streams\n- keeps records for 24 hours\n")
    names = {lim.service: lim.bounds for lim in facts.limits}
    assert names == {"sqs": "default-message-retention", "kinesis-data-streams": "retention"}
