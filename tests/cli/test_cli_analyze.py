"""Tests for graph.cli.analyze: the ``analyze`` command, run through its handler with a store passed in."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from graph.cli.analyze import ANALYSES, add_parser, handle, run
from graph.errors import InputError
from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; ca:supportsEngine cid:oracle, cid:mysql ;
    ca:hasFeature cid:read-replicas, cid:multi-az ; ca:hasLimit cid:rds-rr .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" .
cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" ; ca:compatibleWith cid:mysql ;
    ca:hasFeature cid:read-replicas ; ca:hasLimit cid:aurora-rr .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; ca:hasLimit cid:ddb-item .
cid:dax a ca:CacheService ; rdfs:label "DAX" ; ca:caches cid:dynamodb .
cid:elasticache a ca:CacheService ; rdfs:label "ElastiCache" ; ca:supportsEngine cid:redis .
cid:dms a ca:MigrationService ; rdfs:label "DMS" ; ca:migrationSource cid:oracle ; ca:migrationTarget cid:aurora .
cid:sct a ca:MigrationService ; rdfs:label "Schema Conversion Tool" ; skos:altLabel "SCT" .
cid:oracle a ca:Engine ; rdfs:label "Oracle" .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:redis a ca:Engine ; rdfs:label "Redis" .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" .
cid:item-size a ca:Concept ; rdfs:label "Item size" .
cid:rds-rr a ca:Limit ; ca:limitOf cid:read-replicas ; ca:maxValue 5.0 ; ca:unit unit:NUM .
cid:aurora-rr a ca:Limit ; ca:limitOf cid:read-replicas ; ca:maxValue 15.0 ; ca:unit unit:NUM .
cid:ddb-item a ca:Limit ; ca:limitOf cid:item-size ; ca:maxValue 400.0 ; ca:unit unit:KiloBYTE .
cnote:a.md-L9 a ca:Note ; ca:sourceFile "a.md" ; ca:line 9 ; ca:text "DAX" .
<https://w3id.org/cloudatlas/graph/provenance> {
    <https://w3id.org/cloudatlas/statement/1> a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:caches ;
        rdf:object cid:dynamodb ; prov:wasDerivedFrom cnote:a.md-L9 .
}
"""


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="graph")
    add_parser(main.add_subparsers(dest="command"))
    return main


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(TRIG), "trig")
    return s


def _run(parser, store, *argv: str) -> str:
    args = parser.parse_args(["analyze", *argv])
    out = io.StringIO()
    assert args.handler(args, lambda paths: (store, to_networkx(store)), out=out) == 0
    return out.getvalue()


def test_every_analysis_is_a_subcommand(parser):
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    analyze = sub.choices["analyze"]
    inner = next(a for a in analyze._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(inner.choices) == ANALYSES


def test_arguments(parser):
    args = parser.parse_args(["analyze", "caching", "RDS", "--input", "a.md", "-i", "b.ttl", "--format", "json"])
    assert (args.analysis, args.service, args.input, args.format) == ("caching", "RDS", ["a.md", "b.ttl"], "json")
    args = parser.parse_args(["analyze", "paths", "DAX", "RDS"])
    assert (args.a, args.b, args.input, args.format) == ("DAX", "RDS", [], "table")
    args = parser.parse_args(["analyze", "central"])
    assert args.top == 20
    with pytest.raises(SystemExit):
        parser.parse_args(["analyze", "compare", "--format", "xml"])
    with pytest.raises(SystemExit):
        parser.parse_args(["analyze"])


def test_caching_csv(parser, store):
    lines = _run(parser, store, "caching", "DynamoDB", "--format", "csv").splitlines()
    assert lines[0] == "service,hop,tier,layer,in front of,or,status,rule,why"
    assert lines[1].startswith("DynamoDB,1,in-memory,DAX,DynamoDB,ElastiCache,noted,noted-cache,The notes say")
    assert lines[1].endswith("(a.md:9)")
    assert lines[2].startswith(
        "DynamoDB,1,in-memory,ElastiCache,DynamoDB,DAX,inferred,in-memory-cache-fronts-database,"
    )
    assert len(lines) == 3


def test_migrations_table(parser, store):
    text = _run(parser, store, "migrations", "--from", "Oracle", "--to", "Aurora MySQL")
    lines = text.splitlines()
    header = [cell.strip() for cell in lines[0].split(" | ")]
    assert header == ["source", "target", "via", "heterogeneous", "steps", "route", "rule", "why"]
    assert lines[2].startswith("Oracle | Aurora MySQL | DMS + Schema Conversion Tool | True          | 4     | ")
    assert (
        "| Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget-> Aurora -compatibleWith-> MySQL "
        "| heterogeneous-migration | The engines differ (Oracle → MySQL): the schema is converted"
    ) in lines[2]
    assert len(lines) == 3


def test_compare_json_keeps_limit_iris(parser, store):
    rows = json.loads(_run(parser, store, "compare", "--format", "json"))
    assert rows == [
        {
            "quantity": "Item size",
            "service": "DynamoDB",
            "engine": "",
            "limit value": "≤ 400 KB",
            "compared": "400 KB",
            "limit": "https://w3id.org/cloudatlas/id/ddb-item",
        },
        {
            "quantity": "Read Replicas",
            "service": "Aurora",
            "engine": "",
            "limit value": "≤ 15",
            "compared": "15",
            "limit": "https://w3id.org/cloudatlas/id/aurora-rr",
        },
        {
            "quantity": "Read Replicas",
            "service": "RDS",
            "engine": "",
            "limit value": "≤ 5",
            "compared": "5",
            "limit": "https://w3id.org/cloudatlas/id/rds-rr",
        },
    ]


def test_compare_table_shortens_iris(parser, store):
    text = _run(parser, store, "compare", "read replicas")
    assert text.splitlines()[2].split(" | ")[-1] == "cid:aurora-rr"
    assert len(text.splitlines()) == 4


def test_paths(parser, store):
    assert _run(parser, store, "paths", "RDS", "Aurora", "--format", "csv") == (
        "path,hops,route\n"
        "1,2,RDS -hasFeature-> Read Replicas <-hasFeature- Aurora\n"
        "2,2,RDS -supportsEngine-> MySQL <-compatibleWith- Aurora\n"
    )


def test_central_and_communities(parser, store):
    rows = json.loads(_run(parser, store, "central", "--top", "2", "--format", "json"))
    assert [(r["rank"], r["node"]) for r in rows] == [(1, "RDS"), (2, "Aurora")]
    rows = json.loads(_run(parser, store, "communities", "--format", "json"))
    assert sum(r["size"] for r in rows) == 16  # every node, the note excluded
    assert [r["community"] for r in rows] == list(range(1, len(rows) + 1))


def test_unknown_name_is_input_error(parser, store):
    with pytest.raises(InputError, match=r"unknown name 'Dynamo'; did you mean: DynamoDB\?"):
        _run(parser, store, "caching", "Dynamo")
    with pytest.raises(InputError, match="unknown name 'Nope'"):
        _run(parser, store, "paths", "RDS", "Nope")


def test_unknown_name_error_names_the_inputs(parser, store):
    args = parser.parse_args(["analyze", "compare", "replcas", "-i", "a.md", "-i", "b.ttl"])
    with pytest.raises(InputError) as err:
        handle(args, lambda paths: (store, to_networkx(store)), out=io.StringIO())
    assert str(err.value) == "a.md, b.ttl:0: unknown name 'replcas'; did you mean: Read Replicas?"


def test_inputs_go_to_load_store(parser, store):
    seen = []

    def load(paths):
        seen.append(list(paths))
        return store, to_networkx(store)

    args = parser.parse_args(["analyze", "central", "--input", "x.md", "--input", "y.ttl"])
    handle(args, load, out=io.StringIO())
    args = parser.parse_args(["analyze", "central"])
    handle(args, load, out=io.StringIO())
    pipeline = pytest.importorskip("graph.rdf.pipeline", reason="graph.rdf.pipeline (notes -> store) is not available")
    assert seen == [["x.md", "y.ttl"], [str(pipeline.BUNDLED_NOTES)]]


def test_run_is_the_pure_part(parser, store):
    args = parser.parse_args(["analyze", "caching", "DAX"])
    header = "service | hop | tier | layer | in front of | or | status | rule | why"
    assert run(args, store) == header + "\n" + "--------+-----+------+-------+-------------+----+--------+------+----"


def test_bundled_notes_end_to_end(parser):
    pytest.importorskip("graph.rdf.pipeline", reason="graph.rdf.pipeline (notes -> store) is not available")
    argv = ["analyze", "migrations", "--from", "Oracle", "--to", "Aurora PostgreSQL", "--format", "json"]
    args = parser.parse_args(argv)
    out = io.StringIO()
    assert handle(args, out=out) == 0
    rows = json.loads(out.getvalue())
    assert rows[0]["route"].startswith("Oracle <-migrationSource- DMS + Schema Conversion Tool -migrationTarget->")
    assert rows[0]["target"] == "Aurora PostgreSQL"
