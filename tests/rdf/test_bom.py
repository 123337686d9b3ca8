"""RDF text that starts with a UTF-8 byte-order mark (as some editors write it) is read like any other."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph.rdf.pipeline import BUNDLED_NOTES
from graph.rdf.store import Store

ROOT = BUNDLED_NOTES.parent.parent
BOM = b"\xef\xbb\xbf"
DOCS = {
    "turtle": b"@prefix e: <https://e.org/> .\ne:a e:b 1 .\n",
    "nt": b'<https://e.org/a> <https://e.org/b> "1" .\n',
    "nq": b'<https://e.org/a> <https://e.org/b> "1" <https://e.org/g> .\n',
    "trig": b"<https://e.org/g> { <https://e.org/a> <https://e.org/b> 1 }\n",
    "jsonld": b'{"@id": "https://e.org/a", "https://e.org/b": 1}',
}


@pytest.mark.parametrize("fmt", sorted(DOCS))
def test_a_byte_order_mark_is_skipped(fmt):
    store = Store()
    store.load_text(BOM + DOCS[fmt], fmt, name=f"x.{fmt}")
    assert len(store) == 1
    text = Store()
    text.load_text((BOM + DOCS[fmt]).decode("utf-8"), fmt)
    assert len(text) == 1


def test_a_byte_order_mark_elsewhere_is_still_an_error():
    store = Store()
    with pytest.raises(ValueError, match="x.ttl:3:"):
        store.load_text(DOCS["turtle"] + BOM + b"<https://e.org/c> <https://e.org/d> 2 .", "turtle", name="x.ttl")
    assert len(store) == 0


def test_the_command_line_queries_turtle_with_a_byte_order_mark(tmp_path):
    ttl = tmp_path / "bom.ttl"
    ttl.write_bytes(BOM + b'<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n')
    query = "SELECT ?l WHERE { ?s rdfs:label ?l }"
    out = subprocess.run(
        [sys.executable, "-m", "graph", "query", str(ttl), "-q", query, "--format", "csv"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["l", "A"]
