"""Rows rendered as a text table, CSV or JSON: empty cells for None, plain numbers for decimals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from graph.views.tables import render

ROWS = [
    {"quantity": "Item size", "service": "DynamoDB", "engine": None, "value": Decimal("4E+2")},
    {"quantity": "Read Replicas", "service": "RDS", "engine": "MySQL", "value": Decimal("5.0")},
]


def test_table_has_no_none_and_no_exponent():
    text = render(ROWS, "table")
    assert "None" not in text and "E+" not in text
    assert text.splitlines()[2].split(" | ")[-1] == "400"


def test_csv_and_json():
    assert render(ROWS, "csv").splitlines()[1:] == ["Item size,DynamoDB,,400", "Read Replicas,RDS,MySQL,5"]
    assert [row["value"] for row in json.loads(render(ROWS, "json"))] == ["400", "5"]


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown table format"):
        render(ROWS, "xml")
