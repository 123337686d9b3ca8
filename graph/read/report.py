"""What extraction understood of a notes file, line by line, and what it did not (pure).

:func:`coverage` pairs each line of an outline with the facts that cite it: typed limits,
relations (engines, caches, migrations, features) and the entities named there. Lines that hold
a number or a known name but gave no fact are listed apart, with the reason, so a user sees at a
glance which notes to reword. :func:`report_text` and :func:`report_json` render a list of
coverages for the terminal and for a file.

Examples
--------
>>> from graph.read.extraction import extract
>>> from graph.read.outline import read_outline
>>> outline = read_outline("# RDS\\n- Up to 5 read replicas\\n- costs 3 coffees a day\\n", "n.md")
>>> cov = coverage(outline, extract([outline]))
>>> [(line.line, line.facts) for line in cov.lines]
[(1, ('entity RDS',)), (2, ('limit RDS Read Replicas ≤ 5', 'RDS hasFeature Read Replicas')), (3, ())]
>>> [(miss.line, miss.why) for miss in cov.missed]
[(3, 'a number that gave no limit')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from graph.read.catalog import Catalog, load_catalog
from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.numbers import has_number_word
from graph.read.outline import Outline

__all__ = ["LineFacts", "Missed", "FileCoverage", "coverage", "coverages", "report_text", "report_json"]

#: A number standing on its own (not the digit of a name such as EC2, gp2 or S3).
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d")


@dataclass(frozen=True)
class LineFacts:
    """One line of the notes and the facts that cite it (as short readable strings)."""

    line: int
    text: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Missed:
    """A line that holds a number or a known name but gave no fact of that kind."""

    line: int
    text: str
    why: str


@dataclass(frozen=True)
class FileCoverage:
    """Every line of one notes file with its facts, and the lines not understood."""

    file: str
    lines: tuple[LineFacts, ...]
    missed: tuple[Missed, ...]

    @property
    def understood(self) -> int:
        """How many lines gave at least one fact."""
        return sum(1 for line in self.lines if line.facts)


def coverage(outline: Outline, facts: Facts, catalog: Catalog | None = None) -> FileCoverage:
    """The facts of ``facts`` that cite each line of ``outline``, and the lines with nothing understood."""
    catalog = catalog or load_catalog()
    labels = {e.key: e.label for e in facts.entities}
    by_line: dict[int, list[str]] = {}
    limited: set[int] = set()
    related: set[int] = set()

    def cite(line: int, text: str) -> None:
        found = by_line.setdefault(line, [])
        if text not in found:
            found.append(text)

    for lim in facts.limits:
        for src in lim.sources:
            if src.file == outline.file:
                cite(src.line, f"limit {lim.label}")
                limited.add(src.line)
    for rel in facts.relations:
        if rel.source.file == outline.file and rel.predicate != "mentions":
            subject, obj = labels.get(rel.subject, rel.subject), labels.get(rel.object, rel.object)
            cite(rel.source.line, f"{subject} {rel.predicate} {obj}")
            related.add(rel.source.line)
    for entity in facts.entities:
        for src in entity.sources:
            if src.file == outline.file and not by_line.get(src.line):
                cite(src.line, f"entity {entity.label}")
    lines, missed = [], []
    for item in outline.items:
        found = tuple(by_line.get(item.line, ()))
        if any(line.line == item.line for line in lines[-1:]):
            continue  # a line read as several items (a table row's cells) is listed once
        lines.append(LineFacts(item.line, item.raw, found))
        if item.kind == "heading":
            continue
        if (_NUMBER.search(item.text) or has_number_word(item.text.lower())) and item.line not in limited:
            missed.append(Missed(item.line, item.raw, "a number that gave no limit"))
        elif not found and catalog.find(item.text):
            missed.append(Missed(item.line, item.raw, "a known name that gave no fact"))
    return FileCoverage(outline.file, tuple(lines), tuple(missed))


def coverages(outlines: Sequence[Outline], facts: Facts | None = None) -> tuple[FileCoverage, ...]:
    """The coverage of each outline, with the facts extracted from all of them together.

    Notes are read as one body (a service named in one file and described in another), so the
    facts a line gave are those of the whole graph; pass ``facts`` when they are at hand.

    >>> from graph.read.outline import read_outline
    >>> notes = [read_outline("# RDS\\n- Multi-AZ\\n", "a.md"), read_outline("- 3 coffees\\n", "b.md")]
    >>> [(cov.file, cov.understood, len(cov.missed)) for cov in coverages(notes)]
    [('a.md', 2, 0), ('b.md', 0, 1)]
    """
    if facts is None:
        facts = extract(list(outlines))
    catalog = load_catalog()
    return tuple(coverage(outline, facts, catalog) for outline in outlines)


def report_text(coverages: Iterable[FileCoverage]) -> str:
    """A short report per file: lines understood, then each line not understood with why.

    >>> cov = FileCoverage("n.md", (LineFacts(1, "# RDS", ("entity RDS",)),), (Missed(2, "- 3 coffees", "a number"),))
    >>> print(report_text([cov]))
    n.md: 1 of 1 lines with text gave facts; 1 with a number or a known name gave nothing of it
      n.md:2: a number: - 3 coffees
    """
    out = []
    for cov in coverages:
        out.append(
            f"{cov.file}: {cov.understood} of {len(cov.lines)} lines with text gave facts; "
            f"{len(cov.missed)} with a number or a known name gave nothing of it"
        )
        out += [f"  {cov.file}:{miss.line}: {miss.why}: {miss.text}" for miss in cov.missed]
    return "\n".join(out)


def report_json(coverages: Sequence[FileCoverage]) -> str:
    """The report as JSON: per file, every line with its facts and the lines not understood.

    >>> json.loads(report_json([FileCoverage("n.md", (), ())]))["files"][0]["file"]
    'n.md'
    """
    files = [
        {
            "file": cov.file,
            "understood": cov.understood,
            "lines": [asdict(line) for line in cov.lines],
            "missed": [asdict(miss) for miss in cov.missed],
        }
        for cov in coverages
    ]
    return json.dumps({"files": files}, ensure_ascii=False, indent=2) + "\n"
