"""The Export page in a real browser: each download button gives a valid file, and nothing leaves the machine."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

pytestmark = pytest.mark.e2e

CID = "https://w3id.org/cloudatlas/id/"
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SVG = "{http://www.w3.org/2000/svg}"


def check_png(data: bytes) -> None:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def check_svg(data: bytes) -> None:
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg"
    texts = {"".join(t.itertext()) for t in root.iter(SVG + "text")}
    assert {"DynamoDB", "RDS", "Database service", "Cache service"} <= texts


def check_pdf(data: bytes) -> None:
    assert data[:5] == b"%PDF-" and data.rstrip().endswith(b"%%EOF")


def check_html(data: bytes) -> None:
    page = data.decode()
    assert page.startswith("<!DOCTYPE html>") and '"DynamoDB"' in page
    assert not re.search(r"""<(script|link|img)[^>]*(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)


def check_rdf(fmt: str):
    def check(data: bytes) -> None:
        g = Dataset() if fmt == "json-ld" else Graph()
        g.parse(data=data, format=fmt)
        assert any(str(o) == "DynamoDB" for o in g.objects(URIRef(CID + "dynamodb"), LABEL))

    return check


def check_graphml(data: bytes) -> None:
    g = nx.read_graphml(io.BytesIO(data))
    assert g.nodes[CID + "dynamodb"]["label"] == "DynamoDB"
    assert g.number_of_nodes() > 100


DOWNLOADS = [
    ("PNG image", ".png", check_png),
    ("SVG image", ".svg", check_svg),
    ("PDF document", ".pdf", check_pdf),
    ("Standalone HTML", ".html", check_html),
    ("Turtle", ".ttl", check_rdf("turtle")),
    ("JSON-LD", ".jsonld", check_rdf("json-ld")),
    ("N-Triples", ".nt", check_rdf("nt")),
    ("GraphML", ".graphml", check_graphml),
]


@pytest.fixture
def export_page(page, app_url):
    page.goto(f"{app_url}/Export")
    page.get_by_role("button", name="PNG image").wait_for(timeout=60_000)
    return page


def test_each_download_button_gives_a_valid_file(export_page, artifacts: Path, outside_requests):
    page = export_page
    for label, suffix, check in DOWNLOADS:
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix), download.suggested_filename
        target = artifacts / f"export-download{suffix}"
        download.save_as(target)
        check(target.read_bytes())
    page.screenshot(path=str(artifacts / "export-page.png"), full_page=True)
    assert outside_requests == []


def test_the_page_describes_the_view(export_page):
    text = export_page.get_by_text(re.compile(r"^\d+ of \d+ nodes")).first.inner_text()
    shown, total = re.match(r"(\d+) of (\d+) nodes", text).groups()
    assert int(shown) == int(total) > 100
