"""``python -m graph export``: every format, views, and bad input that writes nothing."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from graph.cli import export as cli_export
from graph.errors import InputError
from graph.rdf.pipeline import BUNDLED_NOTES

ROOT = BUNDLED_NOTES.parent.parent
NOTES = ROOT / "tests" / "fixtures" / "notes" / "storage-compute.md"
CID = "https://w3id.org/cloudatlas/id/"


def parser() -> argparse.ArgumentParser:
    """The main parser, with ``export`` added here if the main command line does not have it yet."""
    from graph.cli.main import build_parser

    main = build_parser()
    sub = next(a for a in main._actions if isinstance(a, argparse._SubParsersAction))
    if "export" not in sub.choices:
        cli_export.add_parser(sub)
    return main


def cli(*argv: str) -> tuple[int, str]:
    """Run a command as ``python -m graph`` does: (exit status, standard error)."""
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            args = parser().parse_args(argv)
            status = args.handler(args)
        except SystemExit as stop:
            status = stop.code
        except InputError as problem:
            print(problem, file=sys.stderr)
            status = 2
    return status, err.getvalue()


def check(fmt: str, data: bytes) -> None:
    """``data`` is a valid file of ``fmt`` that shows S3."""
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif fmt == "pdf":
        assert data[:5] == b"%PDF-"
    elif fmt == "svg":
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "S3" in {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    elif fmt == "html":
        assert data.startswith(b"<!DOCTYPE html>") and b'"S3"' in data
    elif fmt == "graphml":
        g = nx.read_graphml(io.BytesIO(data))
        assert g.nodes[CID + "s3"]["label"] == "S3"
    else:
        parse_as = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        g = Dataset() if fmt == "jsonld" else Graph()
        g.parse(data=data, format=parse_as)
        label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
        assert any(str(o) == "S3" for o in g.objects(URIRef(CID + "s3"), label))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "html", "turtle", "jsonld", "nt", "graphml"])
def test_each_format_of_a_focused_view(tmp_path, fmt):
    out = tmp_path / f"s3.{fmt}"
    status, err = cli("export", str(NOTES), "--focus", "Simple Storage Service", "--depth", "1", "--format", fmt,
                      "-o", str(out))  # fmt: skip
    assert (status, err) == (0, "")
    check(fmt, out.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_view_data_holds_only_the_view(tmp_path):
    out = tmp_path / "lambda.graphml"
    assert cli("export", str(NOTES), "--focus", "Lambda", "--depth", "1", "-o", str(out))[0] == 0
    view = nx.read_graphml(out)
    whole = tmp_path / "all.graphml"
    assert cli("export", str(NOTES), "-o", str(whole))[0] == 0
    everything = nx.read_graphml(whole)
    lam = CID + "lambda"
    assert set(view) == {lam, *everything.to_undirected().neighbors(lam)}
    assert 1 < view.number_of_nodes() < everything.number_of_nodes()


def test_whole_graph_data_is_everything_loaded(tmp_path):
    out = tmp_path / "all.nt"
    assert cli("export", str(NOTES), "-o", str(out))[0] == 0
    notes = Graph().parse(out, format="nt")
    assert any(p == URIRef("https://w3id.org/cloudatlas/ontology#text") for _, p, _ in notes)


def test_cap_and_class_filter(tmp_path):
    out = tmp_path / "top.graphml"
    assert cli("export", "--cap", "12", "-o", str(out))[0] == 0
    assert nx.read_graphml(out).number_of_nodes() == 12
    assert cli("export", "--class", "Engine", "-o", str(out))[0] == 0
    engines = nx.read_graphml(out)
    assert engines.number_of_nodes() > 3
    assert {d["classes"] for _, d in engines.nodes(data=True)} == {"Engine"}


def test_title_and_hierarchical_layout(tmp_path):
    out = tmp_path / "dax.svg"
    assert cli("export", "--focus", "DAX", "--layout", "hierarchical", "--title", "Caches", "-o", str(out))[0] == 0
    texts = {"".join(t.itertext()) for t in ET.fromstring(out.read_bytes()).iter("{http://www.w3.org/2000/svg}text")}
    assert {"Caches", "DAX", "DynamoDB", "Cache service"} <= texts


def test_default_title_names_the_focus(tmp_path):
    out = tmp_path / "dax.svg"
    assert cli("export", "--focus", "dynamodb accelerator", "--depth", "2", "-o", str(out))[0] == 0
    assert b"CloudAtlas: DAX, 2 hops" in out.read_bytes()


def test_unknown_focus_exits_2_with_one_line_and_writes_nothing(tmp_path):
    out = tmp_path / "x.png"
    status, err = cli("export", "--focus", "DynamoBD", "-o", str(out))
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith(f"{BUNDLED_NOTES}:0: --focus: unknown name 'DynamoBD'; did you mean: DynamoDB")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_an_existing_file_alone(tmp_path):
    out = tmp_path / "x.ttl"
    out.write_text("old")
    assert cli("export", "--focus", "Nothing Like It", "-o", str(out))[0] == 2
    assert out.read_text() == "old"


def test_format_from_suffix_or_refused(tmp_path):
    out = tmp_path / "graph.jsonld"
    assert cli("export", str(NOTES), "--focus", "S3", "-o", str(out))[0] == 0
    check("jsonld", out.read_bytes())
    status, err = cli("export", "-o", str(tmp_path / "graph.bin"))
    assert status == 2 and "cannot tell the format from the suffix; give --format" in err
    assert not (tmp_path / "graph.bin").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--depth", "-1"], "must be 0 or more"),
        (["--cap", "0"], "must be 1 or more"),
        (["--cap", "many"], "not a whole number"),
        (["--format", "gif"], "invalid choice"),
        (["--class", "Gadget"], "--class: no node has class 'Gadget'"),
    ],
)
def test_bad_options_exit_2(tmp_path, args, message):
    out = tmp_path / "x.png"
    status, err = cli("export", *args, "-o", str(out))
    assert status == 2
    assert message in err
    assert not out.exists()


def test_missing_input_file_exits_2(tmp_path):
    status, err = cli("export", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.png"))
    assert status == 2 and "nope.md:0: no such file or folder" in err


def test_the_main_command_line_has_export(tmp_path):
    """``python -m graph export`` as users run it (needs ``cli_export.add_parser(sub)`` in graph/__main__.py)."""
    out = tmp_path / "dax.png"
    result = subprocess.run(
        [sys.executable, "-m", "graph", "export", "--focus", "DAX", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_export_help_mentions_every_format():
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    usage = sub.choices["export"].format_help()
    for fmt in ("png", "svg", "pdf", "html", "turtle", "jsonld", "nt", "graphml", "--focus", "--depth", "--cap"):
        assert fmt in usage


def test_bundled_notes_are_the_default(tmp_path):
    out = tmp_path / "rds.ttl"
    assert cli("export", "--focus", "RDS", "-o", str(out))[0] == 0
    g = Graph().parse(out, format="turtle")
    assert (
        URIRef(CID + "rds"),
        URIRef("https://w3id.org/cloudatlas/ontology#supportsEngine"),
        URIRef(CID + "mysql"),
    ) in g
    assert Path(out).stat().st_size > 0
