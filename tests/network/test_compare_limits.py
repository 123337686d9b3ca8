"""Tests for graph.network.limits on a small hand-written graph and on the bundled notes, with exact results."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.errors import InputError
from graph.network.limits import LimitRow, compare_limits, limit_matrix, normalise

CID = "https://w3id.org/cloudatlas/id/"


def _row(quantity, service, lo, hi, unit, value, value_unit, limit, service_key, quantity_key, shown, compared):
    iris = (CID + limit, CID + service_key, CID + quantity_key)
    number, _, name = compared.partition(" ")
    compared_unit = {"days": "DAY", "KB": "KiloBYTE", "": "NUM"}[name]
    return LimitRow(quantity, service, lo, hi, unit, value, value_unit, *iris, "", shown, compared,
                    Decimal(number), compared_unit)  # fmt: skip


def test_compare_limits(g):
    assert compare_limits(g) == (
        _row(
            "Backup retention", "RDS", Decimal(1), Decimal(35), "DAY", Decimal(3024000), "SEC",
            "rds-backup-retention-range", "rds", "backup-retention", "1–35 days", "35 days",
        ),
        _row(
            "Item size", "DynamoDB", None, Decimal(400), "KiloBYTE", Decimal("0.0004"), "GigaBYTE",
            "dynamodb-item-size-max", "dynamodb", "item-size", "≤ 400 KB", "400 KB",
        ),
        _row(
            "Read Replicas", "Aurora", None, Decimal(15), "NUM", Decimal(15), "NUM",
            "aurora-read-replicas-max", "aurora", "read-replicas", "≤ 15", "15",
        ),
        _row(
            "Read Replicas", "RDS", None, Decimal(5), "NUM", Decimal(5), "NUM",
            "rds-read-replicas-max", "rds", "read-replicas", "≤ 5", "5",
        ),
    )  # fmt: skip


@pytest.mark.parametrize("text", ["Read Replicas", "rr", "replica", "read replicas", CID + "read-replicas"])
def test_compare_limits_of_one_quantity(g, text):
    assert [(r.service, r.normalised) for r in compare_limits(g, text)] == [("Aurora", 15), ("RDS", 5)]


def test_compare_limits_unknown_quantity(g):
    with pytest.raises(InputError) as err:
        compare_limits(g, "Read Replcas")
    assert err.value.problem == "unknown name 'Read Replcas'; did you mean: Read Replicas?"
    with pytest.raises(InputError):
        compare_limits(g, "RDS")  # a service, not something a limit bounds


def test_limit_matrix(g):
    assert limit_matrix(compare_limits(g)) == {
        "Backup retention": {"RDS": Decimal(3024000)},
        "Item size": {"DynamoDB": Decimal("0.0004")},
        "Read Replicas": {"Aurora": Decimal(15), "RDS": Decimal(5)},
    }


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal(16), "TeraBYTE", (Decimal(16000), "GigaBYTE")),
        (Decimal(1), "PetaBYTE", (Decimal(1000000), "GigaBYTE")),
        (Decimal(4), "MegaBYTE", (Decimal("0.004"), "GigaBYTE")),
        (Decimal(250), "MilliSEC", (Decimal("0.25"), "SEC")),
        (Decimal(24), "HR", (Decimal(86400), "SEC")),
        (Decimal(5), "MIN", (Decimal(300), "SEC")),
        (Decimal(3), "NUM", (Decimal(3), "NUM")),
        (None, "DAY", (None, "DAY")),
    ],
)
def test_normalise(value, unit, expected):
    assert normalise(value, unit) == expected


def test_notes_compare_holds_dynamodb_item_size_and_aurora_replicas(notes_graph):
    cells = {(r.service, r.max, r.unit) for r in compare_limits(notes_graph)}
    assert ("DynamoDB", Decimal(400), "KiloBYTE") in cells
    assert ("Aurora", Decimal(15), "NUM") in cells
    size = [r for r in compare_limits(notes_graph, "item size") if r.service == "DynamoDB"]
    assert [(r.normalised, r.normalised_unit) for r in size] == [(Decimal("0.0004"), "GigaBYTE")]
