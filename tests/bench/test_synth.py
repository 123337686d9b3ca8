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


def bullet_texts(text: str) -> list[str]:
    return [line.strip()[2:] for line in bullets(text)]


def test_doctests() -> None:
    import doctest

    import bench.synth

    assert doctest.testmod(bench.synth).failed == 0


@pytest.mark.parametrize("n", [0, 1, 7, 31, 2_000])
def test_distinct_mode_has_exact_counts_and_no_repeated_bullet(n: int) -> None:
    texts = bullet_texts(synth_notes(n, seed=n, distinct=True))
    assert len(texts) == n
    assert len(set(texts)) == n


def test_default_mode_repeats_and_is_unchanged_by_the_distinct_flag() -> None:
    repeating = synth_notes(2_000, seed=1)
    assert synth_notes(2_000, seed=1, distinct=False) == repeating
    texts = bullet_texts(repeating)
    assert len(set(texts)) < len(texts) / 2


def test_distinct_mode_is_deterministic_per_seed() -> None:
    assert synth_notes(500, seed=4, distinct=True) == synth_notes(500, seed=4, distinct=True)
    assert synth_notes(500, seed=4, distinct=True) != synth_notes(500, seed=5, distinct=True)


def test_distinct_mode_still_looks_like_notes() -> None:
    text = synth_notes(5_000, seed=2, distinct=True)
    lines = text.splitlines()
    assert lines[0] == "# Study notes 2"
    for line in lines:
        assert line == "" or line.startswith("#") or is_bullet(line), line
    assert re.search(r"^\s*[-*•] (?:Up to \d+ read replicas|Read replicas: up to \d+)", text, re.M)
    assert re.search(r"\d+ read replicas max", text), "numbers in another word order"
    assert re.search(r"\d{1,3},\d{3} (?:requests per second|concurrent connections)", text)
    assert re.search(r"(?:Engines|Supports|Works with):? \w+", text)
    assert re.search(r"cache", text, re.I)
    assert re.search(r"(?:Targets|Sources): [^,]+, ", text)
    assert re.search(r"^  [-*•] ", text, re.M), "no nested bullets"
    assert re.search(r"^## Service \d+$", text, re.M)
    texts = bullet_texts(text)
    qualified = [t for t in texts if re.search(r"^(?:Note|Exam tip|Remember|Important|NB): |\((?:exam tip|see the)", t)]
    assert qualified, "no qualifier on a bullet that would repeat"
    limits = {int(m.replace(",", "")) for t in texts for m in re.findall(r"\b\d[\d,]*\b", t)}
    assert len(limits) > 100, "numbers hardly vary"


def test_write_notes_distinct_has_no_bullet_twice_in_any_file(tmp_path: Path) -> None:
    paths = write_notes(tmp_path / "notes", 3_001, files=3, seed=2, distinct=True)
    texts = [t for p in paths for t in bullet_texts(p.read_text(encoding="utf-8"))]
    assert len(texts) == 3_001
    assert len(set(texts)) == 3_001
    again = write_notes(tmp_path / "again", 3_001, files=3, seed=2, distinct=True)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]


def test_distinct_notes_are_all_new_text_to_the_extractor() -> None:
    from bench.extraction_rate import distinct_share
    from graph.read.outline import read_outline

    distinct = read_outline(synth_notes(1_000, seed=6, distinct=True), "n.md")
    repeating = read_outline(synth_notes(1_000, seed=6), "n.md")
    assert distinct_share([distinct]) == 1.0
    assert distinct_share([repeating]) < 0.5


def test_command_line_distinct_flag(tmp_path: Path, capsys) -> None:
    from bench.synth import main

    assert main(["40", str(tmp_path / "d"), "--files", "2", "--distinct"]) == 0
    assert "2 files, 40 distinct bullets" in capsys.readouterr().out
    texts = [t for p in sorted((tmp_path / "d").iterdir()) for t in bullet_texts(p.read_text(encoding="utf-8"))]
    assert len(texts) == len(set(texts)) == 40


@pytest.mark.slow
def test_hundred_thousand_distinct_bullets_in_seconds() -> None:
    start = time.perf_counter()
    text = synth_notes(100_000, distinct=True)
    elapsed = time.perf_counter() - start
    assert len(set(bullet_texts(text))) == 100_000
    assert elapsed < 10, f"took {elapsed:.1f} s"
