"""Tests for graph.network.build, names, subgraphs and scores: store -> networkx, name lookup, views, PageRank."""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.errors import InputError
from graph.network.build import NoteRef, relation_sources, to_networkx, with_prefixes
from graph.network.names import find_node, label_of, local_name
from graph.network.scores import node_scores, pagerank, score_table, top_k
from graph.network.subgraphs import ego, filter_classes, undirected
from graph.rdf.store import Store

CID = "https://w3id.org/cloudatlas/id/"
NOTE = "https://w3id.org/cloudatlas/note/aws.md-L7"

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service", "Amazon RDS" ;
    ca:supportsEngine cid:mysql ; ca:hasFeature cid:read-replicas ; ca:hasLimit cid:rds-read-replicas-max ;
    rdfs:comment "Managed relational databases." ; prov:wasDerivedFrom cnote:aws.md-L7 .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" ; skos:altLabel "RR" .
cid:rds-read-replicas-max a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 5.0 ; ca:unit unit:NUM .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; ca:hasLimit cid:item-size-max .
cid:item-size-max a ca:Limit ; ca:limitOf cid:item-size ; ca:minValue 0.5 ; ca:maxValue 400 ; ca:unit unit:KiloBYTE .
cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ; ca:caches cid:dynamodb .
cid:cloudfront a ca:CacheService, ca:NetworkingService ; rdfs:label "CloudFront" ; ca:layer "edge" .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" ; ca:notAvailableFor cid:aurora .
cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" .
cnote:aws.md-L7 a ca:Note ; ca:sourceFile "aws.md" ; ca:line 7 ; ca:text "DAX - in-memory cache for DynamoDB" ;
    ca:inferredSubject cid:dax .
<https://w3id.org/cloudatlas/graph/provenance> {
    <https://w3id.org/cloudatlas/statement/1> a rdf:Statement ; rdf:subject cid:dax ; rdf:predicate ca:caches ;
        rdf:object cid:dynamodb ; prov:wasDerivedFrom cnote:aws.md-L7 .
}
"""

DERIVED = """
<https://w3id.org/cloudatlas/graph/derived> {
    cid:dax ca:cachingLayer cid:dynamodb ; ca:layer "in-memory" .
    <https://w3id.org/cloudatlas/statement/2> a rdf:Statement ; rdf:subject cid:dax ;
        rdf:predicate ca:cachingLayer ; rdf:object cid:dynamodb ;
        ca:derivedBy <https://w3id.org/cloudatlas/rule/noted-cache> ; ca:layer "in-memory" .
    <https://w3id.org/cloudatlas/rule/noted-cache> a ca:Rule ; rdfs:label "noted-cache" .
}
"""


def _store(*texts: str) -> Store:
    store = Store()
    for text in texts:
        store.load_text(with_prefixes(text), "trig")
    return store


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return to_networkx(_store(TRIG))


def _edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(local_name(u), k, local_name(v)) for u, v, k in graph.edges(keys=True)}


def test_nodes_are_resources_not_notes_units_or_statements(g):
    assert set(g) == {
        CID + n
        for n in (
            "rds",
            "mysql",
            "read-replicas",
            "rds-read-replicas-max",
            "dynamodb",
            "item-size-max",
            "item-size",
            "dax",
            "cloudfront",
            "multi-az",
            "aurora",
        )
    }


def test_edges_are_object_properties_keyed_by_local_name(g):
    assert _edges(g) == {
        ("rds", "supportsEngine", "mysql"),
        ("rds", "hasFeature", "read-replicas"),
        ("rds", "hasLimit", "rds-read-replicas-max"),
        ("rds-read-replicas-max", "limitOf", "read-replicas"),
        ("dynamodb", "hasLimit", "item-size-max"),
        ("item-size-max", "limitOf", "item-size"),
        ("dax", "caches", "dynamodb"),
        ("multi-az", "notAvailableFor", "aurora"),
    }
    assert all(data["predicate"] == k for _, _, k, data in g.edges(keys=True, data=True))


def test_node_attributes(g):
    rds = g.nodes[CID + "rds"]
    assert rds["label"] == "RDS"
    assert rds["classes"] == ("DatabaseService",)
    assert set(rds["aliases"]) == {"Relational Database Service", "Amazon RDS"}
    assert rds["comment"] == "Managed relational databases."
    assert g.nodes[CID + "cloudfront"]["classes"] == ("CacheService", "NetworkingService")
    assert g.nodes[CID + "cloudfront"]["layer"] == "edge"
    assert g.nodes[CID + "item-size"]["label"] == "item-size"  # no label: the local name
    assert g.nodes[CID + "item-size"]["classes"] == ()


def test_limit_nodes_carry_bounds_and_unit(g):
    rr = g.nodes[CID + "rds-read-replicas-max"]
    assert (rr["min"], rr["max"], rr["unit"]) == (None, Decimal(5), "NUM")
    size = g.nodes[CID + "item-size-max"]
    assert (size["min"], size["max"], size["unit"]) == (Decimal("0.5"), Decimal(400), "KiloBYTE")


def test_noted_edges_carry_their_note_lines(g):
    sources = g.edges[CID + "dax", CID + "dynamodb", "caches"]["sources"]
    assert sources == (NoteRef("aws.md", 7, "DAX - in-memory cache for DynamoDB", NOTE),)
    assert g.edges[CID + "rds", CID + "mysql", "supportsEngine"]["sources"] == ()


def test_relation_sources_reads_the_provenance_graph():
    store = _store(TRIG)
    assert relation_sources(store) == {
        (CID + "dax", "https://w3id.org/cloudatlas/ontology#caches", CID + "dynamodb"): (
            NoteRef("aws.md", 7, "DAX - in-memory cache for DynamoDB", NOTE),
        )
    }
    assert relation_sources(_store("cid:a ca:caches cid:b .")) == {}


def test_include_notes_adds_note_nodes_and_their_edges():
    graph = to_networkx(_store(TRIG), include_notes=True)
    note = graph.nodes[NOTE]
    assert (note["label"], note["file"], note["line"], note["classes"]) == ("aws.md:7", "aws.md", 7, ("Note",))
    assert ("rds", "wasDerivedFrom", "aws.md-L7") in _edges(graph)
    assert ("aws.md-L7", "inferredSubject", "dax") in _edges(graph)


def test_derived_graph_edges_are_marked():
    graph = to_networkx(_store(TRIG, DERIVED))
    data = graph.edges[CID + "dax", CID + "dynamodb", "cachingLayer"]
    assert (data["derived"], data["rule"], data["layer"]) == (True, "noted-cache", "in-memory")
    assert "derived" not in graph.edges[CID + "dax", CID + "dynamodb", "caches"]
    # statements and rules of the derived graph are not nodes
    assert set(graph) == set(to_networkx(_store(TRIG)))


def test_vocabulary_terms_are_not_nodes():
    graph = to_networkx(_store("ca:CacheService rdfs:subClassOf ca:Service . cid:x a ca:Service ; rdfs:label 'X' ."))
    assert list(graph) == [CID + "x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("RDS", "rds", id="label"),
        pytest.param("rds", "rds", id="label-any-case"),
        pytest.param("  amazon rds ", "rds", id="alias"),
        pytest.param("dynamodb accelerator", "dax", id="alias-of-other"),
        pytest.param("item-size", "item-size", id="local-name"),
        pytest.param(CID + "mysql", "mysql", id="iri"),
    ],
)
def test_find_node(g, text, expected):
    assert find_node(g, text) == CID + expected


def test_find_node_suggests_close_names(g):
    with pytest.raises(InputError) as err:
        find_node(g, "Auror")
    assert err.value.problem == "unknown name 'Auror'; did you mean: Aurora?"
    with pytest.raises(InputError) as err:
        find_node(g, "zzzz")
    assert err.value.problem == "unknown name 'zzzz'"


def test_find_node_suggests_each_node_once(g):
    with pytest.raises(InputError) as err:
        find_node(g, "Amazon RD")
    assert err.value.problem == "unknown name 'Amazon RD'; did you mean: Amazon RDS?"


def test_ego(g):
    assert {local_name(n) for n in ego(g, "DAX", 1)} == {"dax", "dynamodb"}
    assert {local_name(n) for n in ego(g, "DAX", 2)} == {"dax", "dynamodb", "item-size-max"}
    assert _edges(ego(g, "DAX", 1)) == {("dax", "caches", "dynamodb")}


def test_filter_classes(g):
    assert {local_name(n) for n in filter_classes(g, ["CacheService"])} == {"dax", "cloudfront"}
    full = "https://w3id.org/cloudatlas/ontology#Engine"
    assert {local_name(n) for n in filter_classes(g, [full, "Feature"])} == {"mysql", "read-replicas", "multi-az"}


def test_top_k(g):
    assert [local_name(n) for n in top_k(g, 1, by="degree")] == ["rds"]
    assert len(top_k(g, 3)) == 3
    with pytest.raises(ValueError, match="unknown score"):
        top_k(g, 3, by="size")


def test_label_of(g):
    assert label_of(g, CID + "dax") == "DAX"
    assert label_of(g, CID + "not-there") == "not-there"


@pytest.mark.parametrize(
    "graph",
    [
        pytest.param(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")]), id="directed-dangling"),
        pytest.param(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c"), ("c", "a")]), id="multi"),
        pytest.param(nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")]), id="undirected"),
    ],
)
def test_pagerank_matches_networkx(graph):
    ours, theirs = pagerank(graph), _pagerank_python(graph)
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[n] - theirs[n]) < 1e-6 for n in ours)


def test_pagerank_of_empty_graph():
    assert pagerank(nx.DiGraph()) == {}


def test_node_scores_and_undirected():
    graph = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    assert sorted(undirected(graph).edges()) == [("a", "b"), ("b", "c")]
    assert node_scores(graph, "degree") == {"a": 1, "b": 2, "c": 1}
    assert node_scores(graph, "betweenness") == {"a": 0.0, "b": 1.0, "c": 0.0}
    graph.add_edge("a", "c", key="notAvailableFor")
    assert sorted(undirected(graph, skip=["notAvailableFor"]).edges()) == [("a", "b"), ("b", "c")]


def test_betweenness_is_sampled_on_big_graphs(monkeypatch):
    import graph.network.scores as scores

    path = nx.path_graph(6)
    exact = node_scores(path, "betweenness")
    assert exact == pytest.approx(nx.betweenness_centrality(path), abs=1e-12)
    monkeypatch.setattr(scores, "EXACT_BETWEENNESS_NODES", 5)
    monkeypatch.setattr(scores, "BETWEENNESS_SAMPLES", 2)
    sampled = node_scores(path, "betweenness")
    assert sampled == pytest.approx(nx.betweenness_centrality(path, k=2, seed=0), abs=1e-12)
    assert sampled != exact


def test_score_table_builds_every_score_from_one_view():
    graph = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("hub", "a"), ("c", "b")])
    table = score_table(graph)
    assert list(table) == ["pagerank", "degree", "betweenness"]
    assert all(table[by] == node_scores(graph, by) for by in table)
    assert score_table(graph, ("degree",)) == {"degree": {"a": 1, "b": 2, "c": 1, "hub": 2}}
    with pytest.raises(ValueError, match="unknown score 'size'"):
        score_table(graph, ("degree", "size"))


def test_pagerank_is_the_plain_power_iteration():
    """The same sums in the same order as a loop over the nodes: exact, not merely close."""
    graph = nx.gnm_random_graph(60, 150, seed=4, directed=True)
    graph.add_edge(3, 3)
    nodes = list(graph)
    out = {u: graph.out_degree(u) for u in nodes}
    x = dict.fromkeys(nodes, 1 / len(nodes))
    for _ in range(100):
        last, x = x, dict.fromkeys(nodes, 0.0)
        danglesum = 0.85 * sum(last[v] for v in nodes if out[v] == 0)
        for u in nodes:
            for v in sorted(set(graph[u])):
                x[v] += 0.85 * last[u] * graph.number_of_edges(u, v) / out[u]
        for v in nodes:
            x[v] += danglesum / len(nodes) + (1.0 - 0.85) / len(nodes)
        if sum(abs(x[v] - last[v]) for v in nodes) < len(nodes) * 1e-6:
            break
    assert pagerank(graph) == x


@pytest.mark.parametrize("junk", ['"abc"', '"NaN"', '"-Infinity"', '""'])
def test_a_bound_that_is_not_a_number_is_left_out(junk):
    store = Store()
    store.load_text(
        with_prefixes(
            f"cid:rds a ca:DatabaseService ; ca:hasLimit cid:l .\n"
            f"cid:l a ca:Limit ; ca:maxValue {junk}, 5, 7.0 ; ca:minValue {junk} ; ca:unit unit:NUM ."
        ),
        "turtle",
    )
    data = to_networkx(store).nodes[CID + "l"]
    assert data["min"] is None
    assert data["max"] in (Decimal(5), Decimal(7))
    assert data["max_values"] == ("5", "7")
