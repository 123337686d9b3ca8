"""Numbers with units → typed bounds: one or more small inputs per rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.read.numbers import NUMBER_WORDS, ascii_lower, has_number_word, number_tokens
from graph.read.quantities import DIMENSIONS, UNIT_SYMBOLS, Bound, convert, find_bounds
from graph.read.units import RATE_NOUNS

D = Decimal


def read(text: str, *, counts: bool = False) -> list[tuple[Decimal | None, Decimal | None, str, str]]:
    """(min, max, unit, kind) of each bound."""
    return [(b.min, b.max, b.unit, b.kind) for b in find_bounds(text, counts=counts)]


def values(text: str) -> list[tuple[Decimal | None, Decimal | None, str]]:
    return [(b.min, b.max, b.unit) for b in find_bounds(text)]


# Numbers as written --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("up to 3,500 writes", D(3500), id="comma-thousands"),
        pytest.param("up to 10,000,000 topics", D(10000000), id="comma-millions"),
        pytest.param("up to 50 000 queues", D(50000), id="space-thousands"),
        pytest.param("up to 10k partitions", D(10000), id="k"),
        pytest.param("up to 2.5K shards", D(2500), id="decimal-k"),
        pytest.param("up to 1M keys", D(1000000), id="capital-m"),
        pytest.param("up to 1.5 million keys", D(1500000), id="scale-word"),
        pytest.param("up to five nodes", D(5), id="word"),
        pytest.param("up to twenty-five nodes", D(25), id="compound-word"),
        pytest.param("up to two hundred tables", D(200), id="word-hundred"),
        pytest.param("up to a dozen tables", D(12), id="dozen"),
        pytest.param("up to a thousand tables", D(1000), id="a-thousand"),
    ],
)
def test_number_forms(text, value):
    assert [b.max for b in find_bounds(text)] == [value]


def test_every_number_word_passes_the_quick_check():
    assert all(has_number_word(word) for word in NUMBER_WORDS)
    assert not has_number_word("often tonight at the station")


def test_space_thousands_need_round_groups():
    # "128 256" is two numbers, not 128256
    assert [t.value for t in number_tokens(ascii_lower("sizes 128 256 512"))] == [D(128), D(256), D(512)]


def test_approximate_scales():
    assert [(b.max, b.unit, b.approximate) for b in find_bounds("100s of TB of storage")] == [
        (D(100), "TeraBYTE", True)
    ]
    (b,) = find_bounds("1000s of concurrent clients")
    assert (b.max, b.unit, b.noun, b.approximate) == (D(1000), "NUM", "concurrent clients", True)
    assert find_bounds("about 5 minutes")[0].approximate


def test_k_means_kilobytes_where_sizes_are_spoken_of():
    assert values("an item of 2.5K uses 1 RCU") == [(None, D("2.5"), "KiloBYTE"), (None, D(1), "NUM")]
    assert values("16K IOPS per volume") == [(None, D(16000), "NUM")]


# Units -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("400 KB", "KiloBYTE"), ("64TB", "TeraBYTE"), ("1 PB", "PetaBYTE"), ("512 bytes", "BYTE"),
        ("1 GiB", "GibiBYTE"), ("16 TiB", "TebiBYTE"), ("125 MiB", "MebiBYTE"), ("64 KiB", "KibiBYTE"),
        ("2 PiB", "PebiBYTE"), ("64 tebibytes", "TebiBYTE"), ("3 gigabytes", "GigaBYTE"),
        ("200 ms", "MilliSEC"), ("100 milliseconds", "MilliSEC"), ("30s", "SEC"), ("5 mins", "MIN"),
        ("5-minute", "MIN"), ("300-seconds", "SEC"), ("24 hrs", "HR"), ("24h", "HR"), ("35 days", "DAY"),
        ("2 weeks", "WK"), ("3 months", "MO"), ("7 years", "YR"), ("99.99%", "PERCENT"), ("50 percent", "PERCENT"),
        ("250 MB/s", "MegaBYTE-PER-SEC"), ("250 MBps", "MegaBYTE-PER-SEC"), ("1 GB per second", "GigaBYTE-PER-SEC"),
        ("250 MiB/s", "MebiBYTE-PER-SEC"), ("1 GiB/s", "GibiBYTE-PER-SEC"), ("45 Gbps", "GigaBIT-PER-SEC"),
        ("100 Mbps", "MegaBIT-PER-SEC"), ("10 Gb/s", "GigaBIT-PER-SEC"), ("10 gigabits per second", "GigaBIT-PER-SEC"),
        ("3,500 requests per second", "NUM-PER-SEC"), ("300 /s", "NUM-PER-SEC"), ("1000 records/s", "NUM-PER-SEC"),
        ("5 TPS", "NUM-PER-SEC"),
    ],
)  # fmt: skip
def test_units(text, unit):
    assert [b.unit for b in find_bounds(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("3000 IOPS", "IOPS"), ("max IOPS 500", "IOPS"), ("100 RCU", "read capacity units"),
        ("1 WCU", "write capacity units"), ("40,000 read capacity units", "read capacity units"),
        ("300 read and write capacity units", "capacity units"),
    ],
)  # fmt: skip
def test_throughput_nouns_are_counts_of_dimension_rate(text, noun):
    (b,) = find_bounds(text)
    assert (b.unit, b.noun, b.dimension) == ("NUM", noun, "rate")


def test_rates_name_what_they_count():
    (b,) = find_bounds("3,500 PUT requests per second")
    assert (b.max, b.unit, b.noun, b.dimension) == (D(3500), "NUM-PER-SEC", "put requests", "rate")


def test_every_unit_has_a_symbol_and_a_dimension():
    assert set(UNIT_SYMBOLS) == set(DIMENSIONS)
    assert set(DIMENSIONS.values()) == {"size", "time", "percent", "count", "rate"}
    assert all(UNIT_SYMBOLS[u] for u in DIMENSIONS if u != "NUM")
    assert {"IOPS", "read capacity units", "write capacity units", "capacity units"} == set(RATE_NOUNS)


@pytest.mark.parametrize(
    ("value", "unit", "to", "expected"),
    [
        (D(10), "GigaBYTE", "TeraBYTE", D("0.01")), (D(2), "DAY", "HR", D(48)), (D(1), "TebiBYTE", "GibiBYTE", D(1024)),
        (D(1), "GigaBIT-PER-SEC", "MegaBYTE-PER-SEC", D(125)), (D(1), "MebiBYTE-PER-SEC", "KibiBYTE-PER-SEC", D(1024)),
        (D(90), "SEC", "MIN", D("1.5")), (D(5), "GigaBYTE", "SEC", D(5)), (D(5), "NUM", "PERCENT", D(5)),
    ],
)  # fmt: skip
def test_convert(value, unit, to, expected):
    assert convert(value, unit, to) == expected


# Cues: maxima, minima, defaults -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Up to 5 read replicas", (None, D(5), "NUM", "max")),
        ("upto 128 TB", (None, D(128), "TeraBYTE", "max")),
        ("max 15", (None, D(15), "NUM", "max")),
        ("max of 15 minutes", (None, D(15), "MIN", "max")),
        ("Maximum execution time: 300 seconds", (None, D(300), "SEC", "max")),
        ("max item size is 400 KB", (None, D(400), "KiloBYTE", "max")),
        ("at most 400 KB", (None, D(400), "KiloBYTE", "max")),
        ("(<10 TB)", (None, D(10), "TeraBYTE", "max")),
        ("<= 5 nodes", (None, D(5), "NUM", "max")),
        ("less than 1 second", (None, D(1), "SEC", "max")),
        ("under one second", (None, D(1), "SEC", "max")),
        ("scales to 64 TB", (None, D(64), "TeraBYTE", "max")),
        ("15 minutes max", (None, D(15), "MIN", "max")),
        ("5 read replicas max", (None, D(5), "NUM", "max")),
        ("at least 2 AZs", (D(2), None, "NUM", "min")),
        ("minimum of 3 copies", (D(3), None, "NUM", "min")),
        ("min of 3 AZs", (D(3), None, "NUM", "min")),
        (">= 2 AZs", (D(2), None, "NUM", "min")),
        ("more than 16000 IOPS", (D(16000), None, "NUM", "min")),
        ("10GB+", (D(10), None, "GigaBYTE", "min")),
        ("3 or more AZs", (D(3), None, "NUM", "min")),
        ("90 days minimum", (D(90), None, "DAY", "min")),
        ("default 3 seconds", (None, D(3), "SEC", "default")),
        ("the default retention period is 4 days", (None, D(4), "DAY", "default")),
        ("4 days by default", (None, D(4), "DAY", "default")),
        ("30 seconds (default)", (None, D(30), "SEC", "default")),
        ("stored 24 hrs", (None, D(24), "HR", "plain")),
    ],
)
def test_cues(text, expected):
    assert read(text) == [expected]


def test_to_without_a_unit_is_no_bound():
    assert read("migrate 5 to 6") == []
    assert read("connect to 5 services") == []


def test_nouns_before_the_number_name_the_quantity():
    assert [b.noun for b in find_bounds("maximum number of read replicas is 5")] == ["read replicas"]
    assert [b.noun for b in find_bounds("By default you can have maximum 20 GSI per table")] == ["gsi"]


# Ranges ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("retention 1-35 days", [(D(1), D(35), "DAY", "range")]),
        ("1 to 5 minutes", [(D(1), D(5), "MIN", "range")]),
        ("between 1 and 35 days", [(D(1), D(35), "DAY", "range")]),
        ("from 1 to 35 days", [(D(1), D(35), "DAY", "range")]),
        ("128 MB to 3008 MB", [(D(128), D(3008), "MegaBYTE", "range")]),
        ("between 25 MB/s and 40 MB/s", [(D(25), D(40), "MegaBYTE-PER-SEC", "range")]),
        ("2–16 nodes", [(D(2), D(16), "NUM", "range")]),
        ("128 MB - 10GB", [(D(128), None, "MegaBYTE", "min"), (None, D(10), "GigaBYTE", "max")]),
        ("1 GiB - 16 TiB", [(D(1), None, "GibiBYTE", "min"), (None, D(16), "TebiBYTE", "max")]),
        ("10 GB to 64 TB", [(D(10), None, "GigaBYTE", "min"), (None, D(64), "TeraBYTE", "max")]),
        ("from 1 minute to 14 days", [(D(1), None, "MIN", "min"), (None, D(14), "DAY", "max")]),
    ],
)
def test_ranges(text, expected):
    assert read(text) == expected


def test_two_numbers_that_are_no_range():
    assert read("35 - 1 days") == [(None, D(1), "DAY", "plain")]  # the larger first: no range
    assert read("5 GB - 3 minutes") == [(None, D(5), "GigaBYTE", "plain"), (None, D(3), "MIN", "plain")]
    assert read("steps 1-2") == []


def test_growth_from_a_start_size():
    assert read("10GB, scales in 10GB increments to 64TB") == [
        (D(10), None, "GigaBYTE", "min"),
        (None, D(10), "GigaBYTE", "plain"),
        (None, D(64), "TeraBYTE", "max"),
    ]


# Counts ------------------------------------------------------------------------------------------


def test_bare_counts_only_when_asked():
    assert read("comes in 6 types") == []
    assert [(b.max, b.noun, b.kind) for b in find_bounds("comes in 6 types", counts=True)] == [(D(6), "types", "count")]
    assert [(b.max, b.noun) for b in find_bounds("three storage types", counts=True)] == [(D(3), "storage types")]
    assert find_bounds("one of the options", counts=True) == []
    assert find_bounds("vCenter 6.5 Server", counts=True) == []


def test_a_count_per_container_is_a_quota():
    assert [(b.max, b.noun, b.kind) for b in find_bounds("5 VPCs per region, 200 subnets per VPC")] == [
        (D(5), "vpcs", "plain"),
        (D(200), "subnets", "plain"),
    ]
    assert find_bounds("10 items of data") == []


def test_a_noun_said_at_both_ends_of_a_range():
    assert read("0.25 vCPU to 16 vCPU") == [(D("0.25"), D(16), "NUM", "range")]
    assert read("5 nodes to 3 nodes") == []
    assert find_bounds("16 to each of 2 nodes") == []


def test_large_numbers_at_the_start_are_no_section_numbers():
    assert [(b.max, b.noun) for b in find_bounds("65,536 IPs")] == [(D(65536), "ips")]
    assert find_bounds("13 NoSQL Databases", counts=True) == []


def test_large_bare_numbers_are_kept():
    assert [(b.max, b.noun, b.kind) for b in find_bounds("10,000,000 subscribers")] == [
        (D(10000000), "subscribers", "plain")
    ]


# Never bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # digits in names
        "gp2 and io1 volumes", "S3 and EC2", "Route 53 records", "t2.micro instances", "NFSv4.1 protocol",
        "Layer 4 load balancer", "Sig v4 requests", "MD5 hashes", "x86_64 builds", "HTTP/2 support", "IPv6 only",
        "a 3-tier app", "64-bit OS", "Windows 10", "vCenter 6.5",
        # dates and years
        "launched in 2019", "since Dec 2020", "on 2021-01-05", "on 12/31/2020", "re:Invent 2017: deep dive",
        # versions
        "MySQL version 5.7", "supports v2", "engine 5.7.26",
        # addresses, prefixes, ports
        "10.0.0.0/16", "192.168.1.1", "a /28 subnet", "port 443", "ports 80 and 443", "listens on :8080",
        "source port 1024-65535", "meet at 10:30",
        # list and section numbers
        "1. Create a bucket", "2) Attach a policy", "Step 3 create", "13 NoSQL Databases",
        # money
        "$0.02 per GB", "$5.00 per TB", "5 USD per month", "0.25/hr -> 1K per TB per year",
        # multipliers and ratios
        "5x faster", "10x performance", "2-3x faster", "5 times higher", "20% more throughput", "save 50%",
        "faster by 30%", "24/7", "a 1000:1 ratio", "11 nines",
        # examples
        "e.g. 10 items of 2.5 KB", "(say 15 minutes)", "ex: 1 GiB/s for 1 TB",
        # ordinals
        "2nd generation", "the 3rd AZ",
    ],
)  # fmt: skip
def test_never_bounds(text):
    assert find_bounds(text, counts=True) == []


def test_percentages_are_bounds_but_ratios_are_not():
    assert read("99.99% availability") == [(None, D("99.99"), "PERCENT", "plain")]
    assert read("up to 100% of storage") == [(None, D(100), "PERCENT", "max")]
    assert read("20% cheaper") == []


def test_bound_fields_keep_their_order_and_defaults():
    b = Bound(None, D(5), "NUM", "read replicas", 0)
    assert (b.kind, b.end, b.approximate, b.dimension) == ("max", 0, False, "count")
    (found,) = find_bounds("Up to 5 read replicas")
    assert (found.start, found.end) == (6, 7)
