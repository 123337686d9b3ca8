"""What the notes build holds to ``ontology/shapes.ttl``, checked by a SHACL engine (pyshacl).

The shapes say what well-noted data has: one label per service, and for every limit what it
bounds, its unit, a bound, its service and its note line. They are checked on the default
graph of the bundled notes, the seed notes, the test fixtures and synthetic notes, with the
ontology as the ontology graph so that subclasses of ``ca:Service`` are targeted too.
"""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef

from bench.synth import write_notes
from graph.network.derive import add_derived
from graph.rdf.pipeline import BUNDLED_NOTES, build_store

CA = "https://w3id.org/cloudatlas/ontology#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def built(*paths) -> Graph:
    """The default graph CloudAtlas builds from ``paths`` (computed relations included)."""
    store = build_store([str(p) for p in paths])
    add_derived(store)
    return Graph().parse(data=store.dump("nt"), format="nt")


def report(data: Graph, shapes: Graph, onto: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", allow_warnings=True)
    return conforms, text


@pytest.mark.parametrize("name", ["bundled", "seed", "fixtures", "synthetic"])
def test_built_graphs_conform(name, shapes, onto, seed_notes, repo_root, tmp_path):
    fixtures = repo_root / "tests" / "fixtures" / "notes"
    if name == "synthetic":
        write_notes(tmp_path, 2000, files=3)
    paths = {
        "bundled": [BUNDLED_NOTES],
        "seed": [seed_notes],
        "fixtures": [fixtures / "messy.txt", fixtures / "storage-compute.md"],
        "synthetic": [tmp_path],
    }[name]
    data = built(*paths)
    assert len(data) > 500
    conforms, text = report(data, shapes, onto)
    assert conforms, text


def test_the_check_finds_a_limit_without_unit_and_a_service_without_label(shapes, onto):
    data = built(BUNDLED_NOTES)
    unit, label = URIRef(CA + "unit"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    limit = next(data.subjects(unit, None))
    service = next(data.subjects(RDF_TYPE, URIRef(CA + "DatabaseService")))  # a subclass of ca:Service
    data.remove((limit, unit, None))
    data.remove((service, label, None))
    conforms, text = report(data, shapes, onto)
    assert not conforms
    assert f"Focus Node: {limit.n3()}" in text and "a limit has exactly one QUDT unit" in text
    assert f"Focus Node: {service.n3()}" in text and "a service has exactly one rdfs:label" in text
