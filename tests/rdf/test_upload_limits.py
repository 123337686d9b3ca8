"""Uploads: the size cap bounds a whole batch, not only each file, and nothing of a refused batch is read."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.rdf import upload
from graph.rdf.upload import parse_uploads, upload_limit_bytes

TRIPLE = b"<https://e.org/a> <https://e.org/b> 1 .\n"


def _no_worker(*args, **kwargs):
    raise AssertionError("a refused batch must not be parsed")


def test_files_under_the_cap_each_but_over_it_together_are_refused(monkeypatch):
    monkeypatch.setattr(upload, "run_isolated", _no_worker)
    part = TRIPLE + b"#" * 900  # each file is under the cap ...
    files = [(f"f{i}.ttl", part) for i in range(20)]  # ... twenty of them are not
    with pytest.raises(InputError) as err:
        parse_uploads(files, max_bytes=10 * 1024)
    expected = "<upload>:0: files are too large together (20 files, 18.4 KB; at most 10 KB in one upload)"
    assert str(err.value) == expected


def test_the_configured_cap_counts_the_batch(monkeypatch):
    monkeypatch.setattr(upload, "run_isolated", _no_worker)
    cap = upload_limit_bytes()
    part = TRIPLE + b"#" * (cap // 2 + 1 - len(TRIPLE))  # two files just over half the cap each
    with pytest.raises(InputError, match=r"2 files, .*; at most 10 MB in one upload"):
        parse_uploads([("a.ttl", part), ("b.ttl", part)])


def test_a_batch_within_the_cap_is_read():
    store = parse_uploads([("a.ttl", TRIPLE), ("b.ttl", TRIPLE.replace(b"1", b"2"))], max_bytes=len(TRIPLE) * 2)
    assert len(store) == 2


def test_turtle_with_a_byte_order_mark_is_accepted_on_upload():
    bom = b"\xef\xbb\xbf"
    nt = b'<https://e.org/a> <https://e.org/b> "1" .\n'
    store = parse_uploads([("a.ttl", bom + b"@prefix e: <https://e.org/> .\ne:a e:b 1 ."), ("b.nt", bom + nt)])
    assert len(store) == 2
