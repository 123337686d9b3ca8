"""Exports: pictures and pages of a view, and the data as Turtle, JSON-LD, N-Triples and GraphML."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.network.build import to_networkx, with_prefixes
from graph.network.derive import add_derived
from graph.rdf.pipeline import build_store
from graph.rdf.store import Store
from graph.views.export import (
    DATA_FORMATS,
    EXPORT_FORMATS,
    export,
    export_data,
    export_view,
    file_stem,
    graphml_ready,
    view_store,
)
from graph.views.selection import ViewSpec, select_view

CID = "https://w3id.org/cloudatlas/id/"
CA = "https://w3id.org/cloudatlas/ontology#"
RDF_PARSE = {"turtle": "turtle", "nt": "nt"}

NOTES = """
cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" , "Amazon DAX" ;
    ca:caches cid:dynamodb ; prov:wasDerivedFrom cnote:a.md-L2 .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; ca:hasFeature cid:pitr ; ca:hasLimit cid:ddb-item ;
    prov:wasDerivedFrom cnote:a.md-L1 .
cid:pitr a ca:Feature ; rdfs:label "Point-in-Time Recovery" ; skos:altLabel "PITR" .
cid:ddb-item a ca:Limit ; rdfs:label "DynamoDB item size ≤ 400 KB" ; ca:limitOf cid:item-size ;
    ca:maxValue "400"^^xsd:decimal ; ca:unit unit:KiloBYTE .
cid:item-size a ca:Concept ; rdfs:label "Item size" .
cnote:a.md-L1 a ca:Note ; ca:sourceFile "a.md" ; ca:line 1 ; ca:text "# DynamoDB" .
cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- DAX caches it" .
"""


@pytest.fixture
def store() -> Store:
    s = Store()
    s.load_text(with_prefixes(NOTES), "turtle")
    return s


@pytest.fixture(scope="module")
def bundled():
    """The bundled notes with computed relations, their network, and the view around DAX."""
    s = build_store()
    add_derived(s)
    g = to_networkx(s)
    spec = ViewSpec(focus="DAX", depth=1)
    return s, g, select_view(g, spec), spec


def rdf(data: bytes, fmt: str) -> Graph:
    if fmt == "jsonld":
        ds = Dataset()
        ds.parse(data=data, format="json-ld")
        return ds
    return Graph().parse(data=data, format=RDF_PARSE[fmt])


def triples(g: Graph) -> set:
    if isinstance(g, Dataset):
        return {(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))}
    return set(g)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt"])
def test_rdf_formats_parse_back_to_the_store(store, fmt):
    parsed = Graph()
    for triple in triples(rdf(export_data(store, fmt), fmt)):
        parsed.add(triple)
    expected = Graph().parse(data=with_prefixes(NOTES), format="turtle")
    assert len(parsed) == len(expected) > 0
    assert isomorphic(parsed, expected)


def test_graphml_round_trip_keeps_nodes_edges_and_plain_attributes(store):
    g = to_networkx(store)
    back = nx.read_graphml(io.BytesIO(export_data(store, "graphml")), force_multigraph=True)
    assert set(back) == set(g)
    assert back.number_of_edges() == g.number_of_edges()
    dax = back.nodes[CID + "dax"]
    assert dax["label"] == "DAX"
    assert sorted(dax["aliases"].split(", ")) == ["Amazon DAX", "DynamoDB Accelerator"]
    assert dax["classes"] == "CacheService"
    assert dax["colour"] == "#e45756"
    limit = back.nodes[CID + "ddb-item"]
    assert limit["max"] == 400.0 and limit["unit"] == "KiloBYTE" and "min" not in limit
    assert {k for _, _, k in back.edges(keys=True)} == {"caches", "hasFeature", "hasLimit", "limitOf"}


def test_graphml_of_the_bundled_notes_reads_back(bundled):
    s, g, _, _ = bundled
    data = export_data(g, "graphml")
    ET.fromstring(data)
    back = nx.read_graphml(io.BytesIO(data))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    derived = [d for _, _, d in back.edges(data=True) if d.get("derived")]
    assert derived and all(d["derived"] is True for d in derived)


def test_graphml_ready_converts_what_graphml_cannot_hold():
    from decimal import Decimal

    from graph.network.build import NoteRef

    g = nx.MultiDiGraph()
    g.add_node("x", label="X", classes=("A", "B"), min=Decimal("1.5"), max=None, line=3)
    g.add_edge("x", "x", key="k", sources=(NoteRef("a.md", 2), NoteRef("b.md", 5)), rule=None, derived=False)
    h = graphml_ready(g)
    assert dict(h.nodes["x"]) == {"label": "X", "classes": "A, B", "min": 1.5, "line": 3, "colour": "#9d9d9d"}
    assert h.edges["x", "x", "k"] == {"sources": "a.md:2, b.md:5", "derived": False}


def test_view_store_keeps_the_view_its_relations_and_their_notes(store):
    small = view_store(store, [CID + "dax", CID + "dynamodb"])
    expected = Graph().parse(
        data=with_prefixes("""
        cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" , "Amazon DAX" ;
            ca:caches cid:dynamodb ; prov:wasDerivedFrom cnote:a.md-L2 .
        cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" ; prov:wasDerivedFrom cnote:a.md-L1 .
        cnote:a.md-L1 a ca:Note ; ca:sourceFile "a.md" ; ca:line 1 ; ca:text "# DynamoDB" .
        cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- DAX caches it" .
        """),
        format="turtle",
    )
    assert isomorphic(Graph().parse(data=small.dump("nt"), format="nt"), expected)


def test_view_store_keeps_reified_statements_only_between_view_nodes(bundled):
    s, g, view, _ = bundled
    small = view_store(s, view, network=g)
    ds = Dataset()
    ds.parse(data=small.dump("nq"), format="nquads")
    rdf_subject = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
    rdf_object = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
    subjects = {str(o) for _, _, o, _ in ds.quads((None, rdf_subject, None, None))}
    objects = {str(o) for _, _, o, _ in ds.quads((None, rdf_object, None, None))}
    assert subjects and subjects <= set(view) and objects <= set(view)
    labelled = {
        str(x) for x, _, _, _ in ds.quads((None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None, None))
    }
    assert set(view) <= labelled
    assert not (labelled & (set(g) - set(view)))


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt"])
def test_data_of_a_view_parses_and_names_only_view_nodes(bundled, fmt):
    s, g, view, spec = bundled
    parsed = triples(rdf(export(fmt, s, view, network=g, spec=spec), fmt))
    nodes = {str(x) for t in parsed for x in (t[0], t[2]) if str(x) in g}
    assert nodes == set(view)
    assert (URIRef(CID + "dax"), URIRef(CA + "caches"), URIRef(CID + "dynamodb")) in parsed
    assert any(o == Literal("- DAX: in-memory cache in front of DynamoDB") for _, _, o in parsed)


def test_whole_graph_data_is_the_store(bundled):
    s, g, _, _ = bundled
    assert export("turtle", s, g, whole=True) == s.dump("turtle")


def test_html_is_offline_and_has_the_labels(bundled):
    s, g, view, spec = bundled
    page = export("html", s, view, spec=spec, title="DAX <view>").decode()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""<(script|link|img|iframe)[^>]*(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    for node in view:
        assert g.nodes[node]["label"] in page
    assert "DAX &lt;view&gt;" in page


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml"), ("pdf", b"%PDF-")])
def test_pictures_of_a_view(bundled, fmt, magic):
    s, g, view, spec = bundled
    data = export(fmt, s, view, spec=spec, scores=None, title="DAX")
    assert data.startswith(magic)
    if fmt == "svg":
        texts = {"".join(t.itertext()) for t in ET.fromstring(data).iter("{http://www.w3.org/2000/svg}text")}
        assert {g.nodes[n]["label"] for n in view} <= texts
        assert {"Cache service", "Database service", "DAX"} <= texts


def test_export_view_sizes_follow_the_spec(bundled):
    _, _, view, spec = bundled
    sized = export_view(view, "png", spec=spec)
    plain = export_view(view, "png", spec=ViewSpec(focus="DAX", size_by=None))
    assert sized != plain


def test_hierarchical_spec_gives_the_hierarchical_layout(bundled):
    _, _, view, spec = bundled
    flat = export_view(view, "svg", spec=spec)
    layered = export_view(view, "svg", spec=ViewSpec(focus="DAX", hierarchical=True))
    assert layered == export_view(view, "svg", spec=spec, layout="hierarchical")
    assert layered != flat


def test_bad_formats_are_refused(store):
    g = to_networkx(store)
    with pytest.raises(ValueError, match="unknown format 'gif'"):
        export("gif", store, g)
    with pytest.raises(ValueError, match="unknown format 'png'"):
        export_data(store, "png")
    with pytest.raises(ValueError, match="unknown format 'turtle'"):
        export_view(g, "turtle")
    with pytest.raises(TypeError, match="needs the store"):
        export_data(g, "nt")


def test_format_table():
    assert list(EXPORT_FORMATS) == ["png", "svg", "pdf", "html", "turtle", "jsonld", "nt", "graphml"]
    assert len({f.suffix for f in EXPORT_FORMATS.values()}) == len(EXPORT_FORMATS)
    assert len({f.media_type for f in EXPORT_FORMATS.values()}) == len(EXPORT_FORMATS)
    assert {f.name for f in EXPORT_FORMATS.values() if f.kind == "data"} == set(DATA_FORMATS)
    assert EXPORT_FORMATS["nt"].file_name("x") == "x.nt"


def test_file_stem():
    assert file_stem("cloudatlas", "Amazon RDS", None, "2-hops") == "cloudatlas-amazon-rds-2-hops"
    assert file_stem("≤≤") == "cloudatlas"
