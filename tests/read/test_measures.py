"""Values with units as people read them: the unit the notes used, or the most readable one for the size."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.read.measures import bounds_text, common_unit, quantity_text, readable, significant, unit_name

D = Decimal


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (D(400), "KiloBYTE", "400 KB"),
        (D("0.0004"), "GigaBYTE", "400 KB"),
        (D(24), "HR", "24 h"),
        (D(86400), "SEC", "1 day"),
        (D(35), "DAY", "35 days"),
        (D(3024000), "SEC", "35 days"),
        (D(1), "DAY", "1 day"),
        (D(16), "TeraBYTE", "16 TB"),
        (D(16000), "GigaBYTE", "16 TB"),
        (D(72), "HR", "72 h"),  # as noted: 1 to 999 of a unit stays in it
        (D(300), "SEC", "300 s"),
        (D(250), "MilliSEC", "250 ms"),
        (D(5), "MIN", "5 min"),
        (D(1), "GibiBYTE", "1 GiB"),
        (D(2048), "MebiBYTE", "2 GiB"),
        (D(15), "NUM", "15"),
        (D("99.99"), "PERCENT", "99.99%"),
        (D(1), "YR", "1 year"),
        (D(250), "MebiBYTE-PER-SEC", "250 MiB/s"),
    ],
)
def test_quantity_text(value, unit, text):
    assert quantity_text(value, unit) == text


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (D("0.01"), D(64), "TeraBYTE", "10 GB – 64 TB"),
        (D(1), D(35), "DAY", "1–35 days"),
        (None, D(5), "NUM", "≤ 5"),
        (D(3), None, "NUM", "≥ 3"),
        (D(10), D(10), "GigaBYTE", "10 GB"),
        (None, D(400), "KiloBYTE", "≤ 400 KB"),
        (D(128), D(10240), "MegaBYTE", "128 MB – 10.24 GB"),
        (None, None, "NUM", ""),
    ],
)
def test_bounds_text(low, high, unit, text):
    assert bounds_text(low, high, unit) == text


def test_unit_names_are_as_people_write_them():
    names = {u: unit_name(u) for u in ("KiloBYTE", "MegaBYTE", "GigaBYTE", "TeraBYTE", "GibiBYTE", "MilliSEC",
                                       "SEC", "MIN", "HR", "DAY", "NUM")}  # fmt: skip
    assert names == {
        "KiloBYTE": "KB", "MegaBYTE": "MB", "GigaBYTE": "GB", "TeraBYTE": "TB", "GibiBYTE": "GiB",
        "MilliSEC": "ms", "SEC": "s", "MIN": "min", "HR": "h", "DAY": "days", "NUM": "",
    }  # fmt: skip
    assert unit_name("DAY", D(1)) == "day"


def test_a_conversion_keeps_four_significant_digits():
    assert significant(D("0.123456")) == D("0.1235")
    assert readable(D(1234567), "BYTE") == (D("1.235"), "MegaBYTE")
    assert quantity_text(D(100000), "SEC") == "1.157 days"


def test_common_unit_is_the_readable_unit_of_the_largest_value():
    assert common_unit([(D(64), "TeraBYTE"), (D(160), "GigaBYTE"), (D(16), "TeraBYTE")]) == "TeraBYTE"
    assert common_unit([(D(24), "HR"), (D(35), "DAY")]) == "DAY"
    assert common_unit([(D(5), "NUM"), (D(15), "NUM")]) == "NUM"
