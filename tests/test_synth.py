"""The synthetic notes generator: deterministic, exact bullet counts, realistic content."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bench.synth import is_bullet, synth_notes, write_notes


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if is_bullet(line)]


@pytest.mark.parametrize("n", [0, 1, 2, 7, 31, 250, 2_000])
def test_exact_number_of_bullet_lines(n: int) -> None:
    assert len(bullets(synth_notes(n, seed=n))) == n


def test_same_seed_same_text_other_seed_other_text() -> None:
    assert synth_notes(300, seed=4) == synth_notes(300, seed=4)
    assert synth_notes(300, seed=4) != synth_notes(300, seed=5)


def test_starts_with_title_and_has_service_headings() -> None:
    lines = synth_notes(500, seed=2).splitlines()
    assert lines[0] == "# Study notes 2"
    headings = [line for line in lines if line.startswith("## ")]
    assert len(headings) >= 500 // 30
    assert all(line.strip() for line in headings)


def test_every_line_is_heading_bullet_or_blank() -> None:
    for line in synth_notes(1_000, seed=9).splitlines():
        assert line == "" or line.startswith("#") or is_bullet(line), line


def test_first_bullet_of_a_section_is_not_nested() -> None:
    lines = synth_notes(1_000, seed=3).splitlines()
    for before, line in zip(lines, lines[1:], strict=False):
        if is_bullet(line) and not is_bullet(before):
            assert not line.startswith(" "), line


def test_mix_of_bullet_kinds() -> None:
    text = synth_notes(3_000, seed=1)
    assert re.search(r"^\s*[-*•] Up to \d+ read replicas$", text, re.M)
    assert re.search(r"At most \d+ KB per item", text)
    assert re.search(r"Retention from \d+ to \d+ days", text)
    assert re.search(r"\d{1,3},\d{3} requests per second", text)
    assert re.search(r"Engines: \w+", text)
    assert re.search(r"In-memory cache in front of \S", text)
    assert re.search(r"Targets: [^,]+, ", text)
    assert re.search(r"^  [-*•] ", text, re.M), "no nested bullets"
    assert re.search(r"^## (?:Amazon )?(?:RDS|DynamoDB|Aurora|ElastiCache|Redshift|EMR|DAX)\b", text, re.M)
    assert re.search(r"^## Service \d+$", text, re.M)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        synth_notes(-1)


def test_write_notes_spreads_bullets_over_files(tmp_path: Path) -> None:
    paths = write_notes(tmp_path / "notes", 1_003, files=4, seed=7)
    assert [p.name for p in paths] == [f"notes-{i:03d}.md" for i in range(4)]
    counts = [len(bullets(p.read_text(encoding="utf-8"))) for p in paths]
    assert counts == [251, 251, 251, 250]
    again = write_notes(tmp_path / "again", 1_003, files=4, seed=7)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    assert len({p.read_text(encoding="utf-8") for p in paths}) == 4


@pytest.mark.slow
def test_hundred_thousand_bullets_in_seconds() -> None:
    start = time.perf_counter()
    text = synth_notes(100_000)
    elapsed = time.perf_counter() - start
    assert len(bullets(text)) == 100_000
    assert elapsed < 10, f"took {elapsed:.1f} s"
