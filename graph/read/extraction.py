"""Outline → facts: entities, aliases, relations and typed limits (pure).

The extractor walks each outline in order and keeps a table of the entities it has met. Its rules live in
modules of their own, mixed into it: sections (:mod:`graph.read.sections`: headings, table rows, file
names), items (:mod:`graph.read.items`: the subject and head of each line, its clauses), relations
(:mod:`graph.read.relation_rules`) and limits (:mod:`graph.read.limit_rules`). Names come from the catalog
(:mod:`graph.read.catalog`) and from structure; a block whose heading was lost gets its subject inferred,
and its notes say so.

Negations never become positive facts: "not available for Aurora" becomes
``notAvailableFor``, and other negated phrases give nothing.

Examples
--------
>>> from graph.read.outline import read_outline
>>> facts = extract([read_outline("# RDS\\n- Up to 5 read replicas\\n- Engines: MySQL, Oracle\\n", "aws.md")])
>>> [(r.subject, r.predicate, r.object) for r in facts.relations]
[('rds', 'hasFeature', 'read-replicas'), ('rds', 'supportsEngine', 'mysql'), ('rds', 'supportsEngine', 'oracle')]
>>> [(lim.key, lim.max, lim.unit) for lim in facts.limits]
[('rds-read-replicas-max', Decimal('5'), 'NUM')]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from graph.read.catalog import Catalog, Mention, load_catalog
from graph.read.context import SERVICE_CLASSES, ItemContext, Section
from graph.read.facts import Entity, Facts, Relation, Source
from graph.read.items import ItemRules
from graph.read.limit_rules import LimitRules
from graph.read.outline import Outline
from graph.read.phrases import (
    clause_spans,
    mentions_within,
    name_part,
    negated,
)
from graph.read.quantities import Bound, find_bounds
from graph.read.relation_rules import RelationRules
from graph.read.sections import SectionRules

__all__ = ["extract"]


@dataclass
class _Draft:
    """An entity while it is being collected."""

    key: str
    label: str
    classes: set[str] = field(default_factory=set)
    aliases: dict[str, None] = field(default_factory=dict)
    comment: str | None = None
    sources: dict[Source, None] = field(default_factory=dict)


class _Clause(NamedTuple):
    """A clause of an item, what it names (offsets within it), its bounds, and whether it is negated."""

    text: str
    mentions: list[Mention]
    bounds: list[Bound]
    negated: bool
    start: int = 0


class _Extractor(SectionRules, ItemRules, LimitRules, RelationRules):
    """Walks outlines in order, collecting facts."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.drafts: dict[str, _Draft] = {}
        self.limits = {}
        self.limit_index = {}
        self.relations: dict[tuple[str, str, str, Source], None] = {}
        self.notes: dict[Source, None] = {}
        self.terms: dict[str, str] = {}
        self.introduced: dict[str, None] = {}
        self.heading_only: dict[str, None] = {}
        # Notes repeat many of their bullets ("Limits", "Security", the same fact under several
        # services): what a text says, apart from its context, is worked out once per text.
        self.found: dict[str, list[Mention]] = {}
        self.parsed: dict[str, tuple[_Clause, ...]] = {}
        self.resolved: dict[str, str | None] = {}
        self.names: dict[str, str] = {}

    # texts ----------------------------------------------------------------

    def find(self, text: str) -> list[Mention]:
        """The catalog's names in ``text`` (:meth:`Catalog.find`), looked up once per text."""
        found = self.found.get(text)
        if found is None:
            found = self.found[text] = self.catalog.find(text)
        return found

    def resolve(self, name: str) -> str | None:
        """The key of the catalog entry named exactly ``name`` (:meth:`Catalog.resolve`), once per name."""
        if name not in self.resolved:
            self.resolved[name] = self.catalog.resolve(name)
        return self.resolved[name]

    def name_part(self, text: str) -> str:
        """:func:`name_part` of ``text``, once per text."""
        name = self.names.get(text)
        if name is None:
            name = self.names[text] = name_part(text, self.catalog)
        return name

    def parse(self, text: str, mentions: list[Mention]) -> tuple[_Clause, ...]:
        """The clauses of an item's ``text`` with their mentions, bounds and negation, once per text."""
        parsed = self.parsed.get(text)
        if parsed is None:
            parsed = self.parsed[text] = tuple(
                _Clause(c, mentions_within(mentions, start, c), find_bounds(c, counts=True), negated(c), start)
                for c, start in clause_spans(text)
            )  # fmt: skip
        return parsed

    # entities -------------------------------------------------------------

    def entity(self, key: str, source: Source | None, label: str | None = None, classes: Iterable[str] = ()) -> str:
        """Record that ``key`` is named at ``source``; create it on first sight."""
        draft = self.drafts.get(key)
        if draft is None:
            known = self.catalog.entries.get(key)
            draft = _Draft(key, known.label if known else (label or key))
            if known:
                draft.classes.update(known.classes)
                draft.aliases.update(dict.fromkeys(known.aliases))
            self.drafts[key] = draft
        if not draft.classes or not self.catalog.entries.get(key):
            draft.classes.update(classes)
        if source is not None:
            draft.sources[source] = None
        return key

    def classes(self, key: str | None) -> set[str]:
        if key is None:
            return set()
        if key in self.drafts:
            return self.drafts[key].classes
        known = self.catalog.entries.get(key)
        return set(known.classes) if known else set()

    def is_service(self, key: str | None) -> bool:
        return not self.classes(key).isdisjoint(SERVICE_CLASSES)

    def label(self, key: str) -> str:
        draft = self.drafts.get(key)
        if draft:
            return draft.label
        known = self.catalog.entries.get(key)
        return known.label if known else key

    def relate(self, subject: str | None, predicate: str, obj: str | None, source: Source) -> None:
        if subject and obj and subject != obj:
            self.relations[(subject, predicate, obj, source)] = None

    # sections -------------------------------------------------------------

    def run(self, outline: Outline) -> None:
        items = outline.items
        self.introduced = {}
        own = self.file_subject(outline)
        sections: dict[int, Section] = {}
        open_headings: list[tuple[int, Section]] = []  # (depth, section) of the headings in force
        contexts: list[ItemContext] = []
        for index, item in enumerate(items):
            source = Source(item.file, item.line, item.raw)
            if item.kind == "heading":
                while open_headings and open_headings[-1][0] >= item.depth:
                    open_headings.pop()
                above = next((sec for _, sec in reversed(open_headings) if self.is_service(sec.subject)), None)
                sections[index] = self.heading(item, source, above.subject if above else own)
                open_headings.append((item.depth, sections[index]))
                contexts.append(ItemContext(sections[index].subject, sections[index].subject, sections[index].feature))
                self.notes[source] = None
                continue
            if item.section is not None and item.section not in sections:
                sections[item.section] = self.infer(items, item.section, own)
            section = sections.get(item.section) if item.section is not None else None
            section = section or Section(own, None, None, None)
            if section.inferred is not None:
                source = Source(item.file, item.line, item.raw, section.subject, section.inferred.text)
            self.notes[source] = None
            parent = contexts[item.parent] if item.parent is not None else None
            if item.kind == "row" and item.cells:
                contexts.append(self.row(item, source, section))
            else:
                contexts.append(self.item(item, source, section, parent))

    # items ----------------------------------------------------------------

    # result ---------------------------------------------------------------

    def facts(self) -> Facts:
        limits = self.limit_facts()
        used = {k for r in self.relations for k in (r[0], r[2])} | {lim.service for lim in limits}
        used |= {lim.bounds for lim in limits}
        used |= {
            d.key for d in self.drafts.values() if d.sources and (d.key not in self.heading_only or len(d.sources) > 1)
        }
        entities = tuple(
            Entity(
                d.key,
                d.label,
                tuple(sorted(d.classes or {"Concept"})),
                tuple(a for a in d.aliases if a != d.label),
                d.comment,
                tuple(d.sources),
            )  # fmt: skip
            for d in self.drafts.values()
            if d.key in used
        )
        relations = tuple(Relation(s, p, o, src) for s, p, o, src in self.relations)
        return Facts(entities, limits, relations, tuple(self.notes))


def extract(outlines: Sequence[Outline], catalog: Catalog | None = None) -> Facts:
    """Facts found in ``outlines``, read in order (terms defined earlier help later blocks)."""
    extractor = _Extractor(catalog or load_catalog())
    with _collector_paused():
        for outline in outlines:
            extractor.run(outline)
        return extractor.facts()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: extraction allocates many small objects and makes no cycles,
    and each collection would walk every object alive (10-15% of the time on big notes)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
