"""The ontology file, the shapes file and ``ontology.vocab`` agree and are documented."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.vocab import CA, CID, CNOTE, DERIVED_GRAPH, ONTOLOGY_IRI, PROVENANCE_GRAPH, UNIT

NS = str(CA._NS)
MEMBERS = sorted(CA.__annotations__)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING, XSD_INTEGER, XSD_DECIMAL = (URIRef(XSD + name) for name in ("string", "integer", "decimal"))


def ca_terms(graph: Graph) -> set[URIRef]:
    """Every ca: IRI used anywhere in the graph."""
    return {term for triple in graph for term in triple if isinstance(term, URIRef) and term.startswith(NS)}


def declared(onto: Graph) -> set[URIRef]:
    """The subjects the ontology declares as classes or properties."""
    return {s for kind in KINDS for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef)}


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE], ids=["ontology", "shapes"])
def test_turtle_parses_with_oxigraph_too(path):
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(quads) > 50


def test_ontology_header_names_the_named_graphs(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    comment = str(onto.value(ONTOLOGY_IRI, RDFS.comment))
    assert str(PROVENANCE_GRAPH) in comment and str(DERIVED_GRAPH) in comment


@pytest.mark.parametrize("name", MEMBERS)
def test_every_vocab_member_is_declared_with_label_and_comment(onto, name):
    term = CA[name]
    kinds = set(onto.objects(term, RDF.type))
    expected = OWL.Class if name[0].isupper() else {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert kinds & ({expected} if isinstance(expected, URIRef) else expected), f"{name} not declared"
    labels = list(onto.objects(term, RDFS.label))
    comments = list(onto.objects(term, RDFS.comment))
    assert len(labels) == 1 and str(labels[0]).strip()
    assert len(comments) == 1 and len(str(comments[0])) > 10


def test_every_ontology_term_is_in_vocab(onto):
    assert ca_terms(onto) == declared(onto) == {CA[name] for name in MEMBERS}


def test_every_declared_term_is_documented(onto):
    for term in declared(onto) | {ONTOLOGY_IRI}:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        CA.hasFeatures  # noqa: B018


@pytest.mark.parametrize(
    "name",
    [
        "DatabaseService",
        "DataWarehouse",
        "CacheService",
        "MigrationService",
        "AnalyticsService",
        "NetworkingService",
        "StorageService",
        "ComputeService",
        "SecurityService",
        "IntegrationService",
    ],
)
def test_service_kinds_are_services(onto, name):
    assert (CA[name], RDFS.subClassOf, CA.Service) in onto


def range_or_union(onto: Graph, term: URIRef, prop: URIRef) -> set[URIRef]:
    """The classes of a domain or range, unfolding an owl:unionOf."""
    value = onto.value(term, prop)
    if isinstance(value, BNode):
        return set(Collection(onto, onto.value(value, OWL.unionOf)))
    return {value} if value is not None else set()


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        pytest.param(CA.hasFeature, {CA.Service}, {CA.Feature}, id="hasFeature"),
        pytest.param(CA.hasLimit, {CA.Service}, {CA.Limit}, id="hasLimit"),
        pytest.param(CA.limitOf, {CA.Limit}, {CA.Feature, CA.Concept}, id="limitOf"),
        pytest.param(CA.minValue, {CA.Limit}, {XSD_DECIMAL}, id="minValue"),
        pytest.param(CA.maxValue, {CA.Limit}, {XSD_DECIMAL}, id="maxValue"),
        pytest.param(CA.supportsEngine, {CA.Service}, {CA.Engine}, id="supportsEngine"),
        pytest.param(CA.compatibleWith, {CA.Service}, {CA.Engine}, id="compatibleWith"),
        pytest.param(CA.caches, {CA.CacheService}, {CA.Service}, id="caches"),
        pytest.param(CA.migrationSource, {CA.MigrationService}, {CA.Service, CA.Engine}, id="migrationSource"),
        pytest.param(CA.migrationTarget, {CA.MigrationService}, {CA.Service, CA.Engine}, id="migrationTarget"),
        pytest.param(CA.notAvailableFor, {CA.Feature, CA.Service}, {CA.Service, CA.Engine}, id="notAvailableFor"),
        pytest.param(CA.sourceFile, {CA.Note}, {XSD_STRING}, id="sourceFile"),
        pytest.param(CA.line, {CA.Note}, {XSD_INTEGER}, id="line"),
        pytest.param(CA.text, {CA.Note}, {XSD_STRING}, id="text"),
        pytest.param(CA.inferredBy, {CA.Note}, {XSD_STRING}, id="inferredBy"),
        pytest.param(CA.derivedBy, {RDF.Statement}, {CA.Rule}, id="derivedBy"),
        pytest.param(CA.cachingLayer, {CA.CacheService}, {CA.Service}, id="cachingLayer"),
    ],
)
def test_domains_and_ranges_follow_the_contract(onto, prop, domain, range_):
    assert range_or_union(onto, prop, RDFS.domain) == domain
    assert range_or_union(onto, prop, RDFS.range) == range_


def test_namespaces():
    assert CID["rds"] == URIRef("https://w3id.org/cloudatlas/id/rds")
    assert CNOTE["aws.md-L13"] == URIRef("https://w3id.org/cloudatlas/note/aws.md-L13")
    assert str(UNIT.NUM) == "http://qudt.org/vocab/unit/NUM"
    assert str(PROVENANCE_GRAPH) == "https://w3id.org/cloudatlas/graph/provenance"
    assert str(DERIVED_GRAPH) == "https://w3id.org/cloudatlas/graph/derived"


def test_shapes_cover_service_limit_and_note(shapes):
    """The integrity shapes check services, limits and notes; the gap shapes target service classes only."""
    gaps = set(shapes.subjects(RDF.type, URIRef(str(shapes.namespace_manager.expand_curie("cash:Gap")))))
    targets = {t for s, t in shapes.subject_objects(SH.targetClass) if s not in gaps}
    assert targets == {CA.Service, CA.Limit, CA.Note}
    gap_targets = {t for s, t in shapes.subject_objects(SH.targetClass) if s in gaps}
    assert gap_targets and all(t == CA.Service or t.endswith("Service") or t == CA.DataWarehouse for t in gap_targets)
    assert ca_terms(shapes) <= {CA[name] for name in MEMBERS}


def test_service_shape_wants_exactly_one_label(shapes):
    shape = shapes.value(predicate=SH.targetClass, object=CA.Service)
    prop = next(p for p in shapes.objects(shape, SH.property) if shapes.value(p, SH.path) == RDFS.label)
    assert shapes.value(prop, SH.minCount) == Literal(1) and shapes.value(prop, SH.maxCount) == Literal(1)


def test_note_shape_wants_file_line_and_text(shapes):
    shape = shapes.value(predicate=SH.targetClass, object=CA.Note)
    required = {
        shapes.value(p, SH.path)
        for p in shapes.objects(shape, SH.property)
        if shapes.value(p, SH.minCount) == Literal(1)
    }
    assert required == {CA.sourceFile, CA.line, CA.text}
