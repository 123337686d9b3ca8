"""No value shown to a reader uses a QUDT local name or, after a conversion, more than 4 significant digits:
in ``analyze compare`` (every format), the app's limit tables (:func:`matrix_table`, :func:`limit_table`) and
the details panel (:func:`node_details`)."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.cli.analyze import add_parser
from graph.network.build import to_networkx
from graph.network.limits import compare_limits, limit_table, matrix_table
from graph.rdf.pipeline import BUNDLED_NOTES, build_store
from graph.rdf.store import Store
from graph.read.units import UNIT_SYMBOLS
from graph.views.details import node_details

#: Every QUDT unit local name the notes give (GigaBYTE, HR, NUM, SEC, DAY, MilliSEC, ...).
QUDT_NAMES = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, UNIT_SYMBOLS), key=len, reverse=True)) + r")\b")
NUMBER = re.compile(r"\d+(?:\.\d+)?")

NOTES = """# Lambda
- timeout max 900 seconds
- memory 128 MB to 10,240 MB
- /tmp storage up to 10240 MB

# SQS
- message retention from 60 seconds up to 14 days
- max message size 256 KB
- visibility timeout up to 43200 seconds

# DynamoDB
- item size: at most 400 KB
- streams keep records for 24 hours
- PITR retention up to 35 days

# RDS
- storage from 20 GiB up to 64 TiB
- backup retention 1-35 days
- up to 5 read replicas

# Aurora
- storage starts at 10 GB and grows in 10 GB steps to 128 TB
- max 15 Aurora Replicas
- replica lag under 100 ms
- backtrack up to 72 hours
"""


def significant_digits(number: str) -> int:
    """'3024000' → 4, '0.0004' → 1, '10.24' → 4, '16000' → 2."""
    digits = number.replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) if "." not in number else len(digits)


def readable(text: str, noted: set[str] = frozenset()) -> None:
    """Assert ``text`` names no QUDT unit and holds no number of more than 4 significant digits but as noted."""
    assert not QUDT_NAMES.search(text), f"QUDT unit name in {text!r}"
    for number in NUMBER.findall(text):
        assert number in noted or significant_digits(number) <= 4, f"{number} in {text!r}"


def noted_numbers(g: nx.MultiDiGraph) -> set[str]:
    """The bounds as the notes give them (shown as they are, however many digits)."""
    found = set()
    for _, data in g.nodes(data=True):
        for key in ("min", "max"):
            if data.get(key) is not None:
                found.add(format(data[key].normalize(), "f"))
    return found


@pytest.fixture(scope="module", params=["bundled", "varied"])
def store(request, tmp_path_factory) -> Store:
    if request.param == "bundled":
        return build_store([BUNDLED_NOTES])
    notes = tmp_path_factory.mktemp("notes") / "limits.md"
    notes.write_text(NOTES, encoding="utf-8")
    return build_store([Path(notes)])


@pytest.fixture(scope="module")
def g(store) -> nx.MultiDiGraph:
    return to_networkx(store)


def test_the_notes_give_conversions_to_check(g):
    rows = compare_limits(g)
    assert any(r.compared_unit and r.compared_unit != r.unit for r in rows)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_compare_output(store, g, fmt):
    main = argparse.ArgumentParser(prog="graph")
    add_parser(main.add_subparsers(dest="command"))
    args = main.parse_args(["analyze", "compare", "--format", fmt])
    out = io.StringIO()
    assert args.handler(args, lambda paths: (store, g), out=out) == 0
    text = out.getvalue()
    if fmt == "json":
        rows = json.loads(text)
        assert rows and all(value is not None for row in rows for value in row.values())
        text = "\n".join(" ".join(v for k, v in row.items() if k != "limit") for row in rows)
    else:
        text = "\n".join(re.sub(r"(?:cid:|https://\S+)\S*", "", line) for line in text.splitlines())
    readable(text, noted_numbers(g))


def test_app_limit_tables(g):
    rows = compare_limits(g)
    noted = noted_numbers(g)
    for line in matrix_table(rows):
        assert all(value is not None for value in line.values())
        readable(" ".join(v for k, v in line.items() if k not in ("quantity",)), noted)
    for line in limit_table(rows):
        assert all(value is not None for value in line.values())
        readable(" ".join(v for k, v in line.items() if k not in ("quantity", "limit")), noted)


def test_details_panel(store, g):
    limits = [n for n, data in g.nodes(data=True) if "Limit" in data.get("classes", ())]
    owners = {u for limit in limits for u, _, k in g.in_edges(limit, keys=True) if k == "hasLimit"}
    noted = noted_numbers(g)
    for node in [*limits, *owners]:
        d = node_details(store, g, node)
        assert d.limits, node
        for row in d.limits:
            assert row.value, row
            readable(f"{row.value} {row.unit}", noted)
