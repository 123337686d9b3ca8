"""The bundled notes and the seed notes never lose a fact: every relation and limit recorded in
``tests/fixtures/bundled-and-seed-facts.json`` is still extracted (more may be found)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.rdf.pipeline import BUNDLED_NOTES
from graph.read.extraction import extract
from graph.read.outline import decode_notes, read_outline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RECORDED = json.loads((FIXTURES / "bundled-and-seed-facts.json").read_text(encoding="utf-8"))["files"]
NOTES = {p.name: p for p in sorted(BUNDLED_NOTES.glob("*.md"))}
NOTES["aws-database-notes.txt"] = FIXTURES / "seed" / "aws-database-notes.txt"


def found(path: Path) -> dict[str, set[str]]:
    facts = extract([read_outline(decode_notes(path.read_bytes(), path.name), path.name)])
    return {
        "rel": {f"{r.subject} {r.predicate} {r.object}" for r in facts.relations if r.predicate != "mentions"},
        "lim": {f"{lim.service} {lim.min} {lim.max} {lim.unit}" for lim in facts.limits},
    }


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_no_fact_is_lost(name: str) -> None:
    now = found(NOTES[name])
    for kind in ("rel", "lim"):
        lost = set(RECORDED[name][kind]) - now[kind]
        assert not lost, f"{name}: {kind} no longer extracted: {sorted(lost)}"
