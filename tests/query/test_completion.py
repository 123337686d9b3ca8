"""What the SPARQL editor completes: keywords, prefixes, ontology terms and names from the graph."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.query.completion import NAME_CAP, SPARQL_KEYWORDS, compact_iri, completions, ontology_terms
from graph.rdf.store import PREFIXES
from ontology.vocab import CA

CID = "https://w3id.org/cloudatlas/id/"


def network(*nodes: tuple[str, str, tuple[str, ...]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for iri, label, classes in nodes:
        g.add_node(iri, label=label, classes=classes)
    return g


def test_every_ontology_term_is_offered_with_its_kind_and_comment() -> None:
    terms = {t["label"]: t for t in ontology_terms()}
    assert {f"ca:{name}" for name in CA.__annotations__} <= set(terms)
    assert terms["ca:hasLimit"]["type"] == "property"
    assert terms["ca:Feature"]["type"] == "class"
    assert terms["ca:maxValue"]["type"] == "property"
    assert all(t["detail"] for t in terms.values())  # every term has its comment


def test_ca_has_offers_has_limit_and_has_feature() -> None:
    offered = [t["label"] for t in completions(nx.MultiDiGraph())["terms"]]
    assert [label for label in offered if label.startswith("ca:has")] == ["ca:hasFeature", "ca:hasLimit"]
    assert {"rdfs:label", "rdf:type", "skos:altLabel", "prov:wasDerivedFrom"} <= set(offered)


def test_prefixes_and_keywords_are_offered() -> None:
    found = completions(nx.MultiDiGraph())
    assert [p["label"] for p in found["prefixes"]] == [f"{p}:" for p in PREFIXES]
    assert {"SELECT", "WHERE", "OPTIONAL", "FILTER", "GROUP_CONCAT"} <= set(found["keywords"])
    assert len(set(SPARQL_KEYWORDS)) == len(SPARQL_KEYWORDS)


def test_names_are_inserted_as_compact_iris_services_first() -> None:
    g = network(
        (f"{CID}multi-az", "Multi-AZ", ("Feature",)),
        (f"{CID}mysql", "MySQL", ("Engine",)),
        (f"{CID}dynamodb", "DynamoDB", ("DatabaseService",)),
        (f"{CID}dynamodb-item-size-max", "DynamoDB Item size ≤ 400 KB", ("Limit",)),
        (f"{CID}oltp", "OLTP", ("Concept",)),
    )
    names = completions(g)["names"]
    assert [n["label"] for n in names] == [
        "DynamoDB",
        "MySQL",
        "Multi-AZ",
        "OLTP",
        "DynamoDB Item size ≤ 400 KB",
    ]
    assert names[0] == {"label": "DynamoDB", "apply": "cid:dynamodb", "detail": "DatabaseService"}


def test_names_that_cannot_be_written_as_prefixed_names_are_left_out() -> None:
    g = network(
        ("https://elsewhere.example/thing", "Elsewhere", ("Concept",)),
        (f"{CID}has space", "Spaced", ("Concept",)),
        (f"{CID}no-label", "", ("Concept",)),
        (f"{CID}long", "x" * 500, ("Concept",)),
        (f"{CID}kept", "Kept", ()),
    )
    assert [n["apply"] for n in completions(g)["names"]] == ["cid:kept"]


def test_a_big_graph_gives_a_bounded_list() -> None:
    g = network(*((f"{CID}f{i}", f"Feature {i}", ("Feature",)) for i in range(NAME_CAP + 500)))
    g.add_node(f"{CID}rds", label="RDS", classes=("DatabaseService",))
    found = completions(g)
    assert len(found["names"]) == NAME_CAP
    assert found["names"][0]["label"] == "RDS"  # services survive the cap
    assert len(json.dumps(found)) < 300_000
    assert completions(g, cap=0)["names"] == []


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (f"{CID}dynamodb", "cid:dynamodb"),
        ("https://w3id.org/cloudatlas/ontology#hasLimit", "ca:hasLimit"),
        ("http://www.w3.org/2000/01/rdf-schema#label", "rdfs:label"),
        (f"{CID}rds.md-L3", "cid:rds.md-L3"),
        (f"{CID}", None),
        (f"{CID}-dash", None),
        (f"{CID}ends.", None),
        (f"{CID}a/b", None),
        ("urn:x:y", None),
    ],
)
def test_compact_iri(iri: str, expected: str | None) -> None:
    assert compact_iri(iri) == expected
