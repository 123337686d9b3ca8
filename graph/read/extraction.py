"""Outline → facts: entities, aliases, relations and typed limits (pure).

Names come from the catalog (:mod:`graph.read.catalog`) and from structure: a
heading or a top-level ``Name - description`` bullet that names something the
catalog does not know still becomes a node. Each item's subject is the nearest
service above it (a parent bullet or the heading); a block whose heading was
lost gets its subject inferred, and its notes say so.

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
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from graph.read.catalog import Catalog, Mention, load_catalog, slug
from graph.read.facts import Entity, Facts, Relation, Source
from graph.read.limit_rules import LimitRules
from graph.read.outline import Item, Outline
from graph.read.phrases import (
    LINKING,
    NAME_SPLIT,
    NOT_NAMES,
    clause_spans,
    is_section_word,
    looks_like_product,
    mentions_within,
    name_part,
    negated,
    split_alias,
    uncovered,
)
from graph.read.quantities import Bound, expand_abbreviations, find_bounds
from graph.read.relation_rules import LIST_HEAD, LIST_WITH_SEP, NOT_AVAILABLE, RelationRules

__all__ = ["extract"]

_SERVICE_CLASSES = {
    "Service", "DatabaseService", "DataWarehouse", "CacheService", "MigrationService", "AnalyticsService",
    "NetworkingService", "StorageService", "ComputeService", "SecurityService", "IntegrationService",
}  # fmt: skip
_JUST_BEFORE_NUMBER = re.compile(
    r"^[\s:(\[=<>≤≥~–-]*(?:(?:up\s+to|max(?:imum)?|at\s+most|about|around|approx\.?|of|is|has)\s*[:=<>≤≥~]*\s*)?$", re.I
)
_STARTS_WITH_NUMBER = re.compile(r"^\W{0,3}\d")
_DEFINITION_SPLIT = re.compile(r"\s+[-–:]\s+")


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


@dataclass
class _Context:
    """What an item is about: its subject service, its own head and the feature in force."""

    subject: str | None
    head: str | None
    feature: str | None


class _Section(NamedTuple):
    """What a heading opens: its subject service, the group class of its members, how a lost heading was
    inferred, and the feature it names (a sub-heading under a service)."""

    subject: str | None
    group: str | None
    inferred: Source | None
    feature: str | None


class _Extractor(LimitRules, RelationRules):
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
                _Clause(c, mentions_within(mentions, start, c), find_bounds(c), negated(c), start)
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
        return not self.classes(key).isdisjoint(_SERVICE_CLASSES)

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
        sections: dict[int, _Section] = {}
        open_headings: list[tuple[int, _Section]] = []  # (depth, section) of the headings in force
        contexts: list[_Context] = []
        for index, item in enumerate(items):
            source = Source(item.file, item.line, item.raw)
            if item.kind == "heading":
                while open_headings and open_headings[-1][0] >= item.depth:
                    open_headings.pop()
                above = next((sec for _, sec in reversed(open_headings) if self.is_service(sec.subject)), None)
                sections[index] = self.heading(item, source, above.subject if above else own)
                open_headings.append((item.depth, sections[index]))
                contexts.append(_Context(sections[index].subject, sections[index].subject, sections[index].feature))
                self.notes[source] = None
                continue
            if item.section is not None and item.section not in sections:
                sections[item.section] = self.infer(items, item.section, own)
            section = sections.get(item.section) if item.section is not None else None
            section = section or _Section(own, None, None, None)
            if section.inferred is not None:
                source = Source(item.file, item.line, item.raw, section.subject, section.inferred.text)
            self.notes[source] = None
            parent = contexts[item.parent] if item.parent is not None else None
            if item.kind == "row" and item.cells:
                contexts.append(self.row(item, source, section))
            else:
                contexts.append(self.item(item, source, section, parent))

    def row(self, item: Item, source: Source, section: _Section) -> _Context:
        """A table row, cell by cell: a column header or the row's first cell that names a service is the
        subject of the cell; a header that names a quantity ("Max item size") reads before the cell's number."""
        row_service = self.named_service(item.cells[0])
        context = _Context(section.subject, None, section.feature)
        for index, cell in enumerate(item.cells):
            if not cell.strip():
                continue
            header = item.header[index] if index < len(item.header) else ""
            column_service = self.named_service(header)
            subject = column_service or row_service or section.subject
            text = cell
            if header and not column_service and index > 0 and _STARTS_WITH_NUMBER.match(cell):
                text = f"{header}: {cell}"
            cell_section = _Section(subject, section.group, section.inferred, None if subject != section.subject
                                    else section.feature)  # fmt: skip
            cell_item = replace(item, kind="bullet", text=text, cells=(), header=())
            found = self.item(cell_item, source, cell_section, None)
            if index == 0:
                context = found
        return context

    def named_service(self, text: str) -> str | None:
        """The one service a short text (a table header or a first cell) names, if it names exactly one."""
        if not text or len(text.split()) > 6:
            return None
        services = {m.key for m in self.find(text) if self.is_service(m.key)}
        return self.entity(services.pop(), None) if len(services) == 1 else None

    def file_subject(self, outline: Outline) -> str | None:
        """The service a file is about when its title (front matter) or file name names exactly one."""
        title = getattr(outline, "title", None) or ""
        stem = re.sub(r"\.(?:md|markdown|txt)$", "", outline.file.rsplit("/", 1)[-1], flags=re.I)
        for text in (title, re.sub(r"[-_.]+", " ", stem)):
            # file names are often lower case: "ebs-notes.md" names EBS, whose short name matches only in capitals
            services = {m.key for m in self.find(text) + self.find(text.upper()) if self.is_service(m.key)}
            if len(services) == 1:
                key = services.pop()
                break
        else:
            return None
        for item in outline.items:  # a file whose headings name other services is about more than one
            if item.kind == "heading" and any(
                self.is_service(m.key) and m.key != key for m in self.find(item.text)
            ):  # fmt: skip
                return None
        return self.entity(key, None)

    def heading(self, item: Item, source: Source, above: str | None) -> _Section:
        """A heading's section: the service it names, or a feature of the service above it, or a group."""
        text = item.text
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        mentions = self.find(text)
        services = [m for m in mentions if self.is_service(m.key)]
        misspelt = None if mentions else self.catalog.fuzzy(re.sub(r"\(.*?\)|:.*$", "", text))
        if misspelt:  # "# Dyanmo DB": a heading that misspells a service names it
            services = [Mention(misspelt, text, 0, len(text))]
        if services:
            key = self.entity(services[0].key, source)
            self.introduced[key] = None
            for m in mentions:
                if "Feature" in self.classes(m.key):
                    self.relate(key, "hasFeature", self.entity(m.key, source), source)
            feature = self.heading_feature(text, mentions, key, source)
            return _Section(key, None, None, feature)
        label, alias = split_alias(text)
        label = re.sub(r"^(?:the|an?)\s+", "", label, flags=re.I)
        if above is not None and label and not is_section_word(label):
            if len(mentions) == 1 and "Feature" in self.classes(mentions[0].key):
                feature = self.entity(mentions[0].key, source)
            elif len(label.split()) <= 6 and not re.search(r"\d", label):
                feature = self.entity(slug(label), source, label, ("Feature",))
                if alias:
                    self.drafts[feature].aliases[alias] = None
            else:
                feature = None
            if feature:
                self.relate(above, "hasFeature", feature, source)
            return _Section(above, None, None, feature)
        if above is not None:
            return _Section(above, None, None, None)
        group = next((self.catalog.groups[w] for w in words if w in self.catalog.groups), None)
        if group is not None or len(mentions) > 0 or not text.strip():
            return _Section(None, group or None, None, None)
        if not label or len(label.split()) > 5:
            return _Section(None, None, None, None)
        key = self.entity(slug(label), source, label, ("Service",) if alias else ("Concept",))
        if alias:
            self.drafts[key].aliases[alias] = None
        self.heading_only.setdefault(key, None)
        return _Section(key, None, None, None)

    def heading_feature(self, text: str, mentions: list[Mention], service: str, source: Source) -> str | None:
        """'Aurora Global Database': the words a heading adds to its service's name, as a feature of it."""
        rest = text
        for m in reversed(mentions):
            if m.key == service:
                rest = rest[: m.start] + rest[m.end :]
        rest = re.sub(r"^(?:amazon|aws)\b|\(.*?\)", " ", rest.strip(), flags=re.I)
        rest = " ".join(rest.replace(":", " ").split()).strip(" -–—/&,")
        if not rest or is_section_word(rest) or len(rest.split()) > 4 or re.search(r"\d|\bvs\b", rest):
            return None
        if any(m.key != service for m in mentions):
            return None
        label = f"{self.label(service)} {rest}" if rest[:1].islower() or len(rest.split()) == 1 else rest
        feature = self.entity(slug(label), source, label, ("Feature",))
        self.relate(service, "hasFeature", feature, source)
        return feature

    def infer(self, items: Sequence[Item], start: int, own: str | None) -> _Section:
        """The subject of a block whose heading was lost, and how it was found."""
        block = []
        for it in items[start:]:
            if it.section != start:
                break
            block.append(it)
        first = expand_abbreviations(block[0].text).lower()
        for term, key in self.terms.items():
            if re.search(rf"\b{re.escape(term)}\b", first):
                rule = f"heading lost; subject from the term '{term}' defined earlier for {self.label(key)}"
                return _Section(key, None, Source("", 0, rule), None)
        counts: dict[str, int] = {}
        for it in block:
            for m in self.find(it.text):
                key = m.key if self.is_service(m.key) else self.resolve(m.text.split()[0])
                if self.is_service(key):
                    counts[key] = counts.get(key, 0) + 1
        if counts:
            best = max(counts, key=lambda k: (k in self.introduced, counts[k]))
            rule = (
                f"heading lost; {self.label(best)} was introduced earlier and is named in the block"
                if best in self.introduced
                else f"heading lost; {self.label(best)} is the service named most in the block"
            )
            return _Section(best, None, Source("", 0, rule), None)
        return _Section(own, None, None, None)

    # items ----------------------------------------------------------------

    def item(self, item: Item, source: Source, section: _Section, parent: _Context | None) -> _Context:
        text = expand_abbreviations(item.text)
        group = section.group
        subject = parent.subject if parent else section.subject
        if parent and parent.head and self.is_service(parent.head):
            subject = parent.head
        mentions = self.find(text)
        head = self.head(item, text, mentions, subject, group, source)
        about = head if self.is_service(head) else subject
        feature = head if head and "Feature" in self.classes(head) else (parent.feature if parent else section.feature)
        if head and subject and head != subject and "Feature" in self.classes(head) and self.is_service(subject):
            self.relate(subject, "hasFeature", head, source)
        if head and subject is None and self.is_service(head) and item.depth == 0:
            self.introduced[head] = None
        self.definition(text, mentions, source)
        if head and subject and head != subject and self.is_service(subject):
            self.between_services(text, head, subject, source)
        self.clauses(item, text, mentions, about, head, feature, source)
        return _Context(about, head, feature)

    def head(self, item: Item, text: str, mentions: list[Mention], subject: str | None, group: str | None,
             source: Source) -> str | None:  # fmt: skip
        """What the item is about at its start: a known name, or a short name before a dash."""
        if not self.is_service(subject):
            lead = self.leading_service(item, text, mentions, source)
            if lead:
                return lead
        parts = NAME_SPLIT.split(text, maxsplit=1)
        name = parts[0].strip(" .:-")
        separated = (len(parts) > 1 and len(name.split()) <= 5) or len(text.split()) <= 4
        if negated(name) or (text.count(",") >= 2 and len(parts) == 1):
            return None
        in_name = [m for m in mentions if m.end <= len(name) + 1] if separated else []
        if in_name and not any(self.is_service(m.key) for m in in_name) and uncovered(name, in_name):
            in_name = []
        if not in_name and separated and len(name.split()) <= 3 and name[:1].isalpha():
            misspelt = self.catalog.fuzzy(name)  # "Aurara - up to 15 replicas"
            if misspelt:
                return self.entity(misspelt, source)
        if not in_name and len(parts) > 1:
            second = NAME_SPLIT.split(parts[1].strip(), maxsplit=1)[0].strip(" .:-")
            key = self.resolve(second)
            if key and self.is_service(key):
                return self.entity(key, source)
        if in_name:
            services = [m for m in in_name if self.is_service(m.key) and not LINKING.search(name[: m.start])]
            chosen = (services or in_name)[0]
            return self.entity(chosen.key, source, classes=(group,) if group else ())
        short = len(text.split()) <= 3
        if not (name != text.strip(" .:-") or short) or negated(text):
            return None
        words = name.split()
        if not 1 <= len(words) <= 4 or words[0].lower().strip(".,") in NOT_NAMES or not name[0].isupper():
            return None
        if any(c.isdigit() for c in name) or LIST_HEAD.match(name):
            return None
        label, alias = split_alias(name if name != text else text)
        if subject and self.is_service(subject):
            classes = ("Feature",)
        elif group:
            classes = (group,) if looks_like_product(name) or group not in _SERVICE_CLASSES else ("Concept",)
        elif item.depth == 0:
            classes = ("Concept",)
        else:
            return None
        key = self.entity(slug(label), source, label, classes)
        if alias:
            self.drafts[key].aliases[alias] = None
        return key

    def leading_service(self, item: Item, text: str, mentions: list[Mention], source: Source) -> str | None:
        """The service an item is about when no section names one: a service in bold, or one the item opens with
        ("**DynamoDB** is probably...", "Amazon RDS is one of the core services...")."""
        for strong in getattr(item, "strong", ()):
            key = self.resolve(strong)
            if key and self.is_service(key):
                return self.entity(key, source)
        opening = mentions and text[: mentions[0].start].strip(" *_").lower() in ("", "the", "amazon", "aws")
        if opening and self.is_service(mentions[0].key):
            return self.entity(mentions[0].key, source)
        return None

    def definition(self, text: str, mentions: list[Mention], source: Source) -> None:
        """``Term - Service`` or ``Service - term``: remember the term, keep it as a comment."""
        parts = _DEFINITION_SPLIT.split(text, maxsplit=2)
        if len(parts) < 2:
            return
        left, right = parts[0].strip(), parts[1].strip(" .")
        known = {side: self.resolve(side) if side else None for side in (left, right)}
        for name, term in ((left, right), (right, left)):
            key = known[name]
            if key and self.is_service(key) and term and len(term.split()) <= 5 and not self.is_service(known[term]):
                self.terms.setdefault(term.lower(), key)
                if self.drafts.get(key) and self.drafts[key].comment is None and len(term.split()) >= 2:
                    self.drafts[key].comment = term
                return

    def clauses(self, item: Item, text: str, mentions: list[Mention], about: str | None, head: str | None,
                feature: str | None, source: Source) -> None:  # fmt: skip
        """Relations and limits from each clause of the item."""
        listed = LIST_WITH_SEP.match(text)
        if listed and about:
            self.listing(listed.group("head").lower(), listed.group("rest"), about, source)
            return
        bounds: dict[str | None, list[tuple[str, Bound, str]]] = {}
        item_mentions = mentions
        parsed = self.parse(text, mentions)
        item_bound = any(c.bounds for c in parsed if not c.negated)
        for clause, mentions, found, is_negated, start in parsed:
            for m in mentions:
                self.entity(m.key, source)
            negation = NOT_AVAILABLE.search(clause) if is_negated else None
            if negation:
                self.not_available(clause, negation, mentions, feature or head or about, source)
                continue
            if is_negated:
                continue
            if self.migration_prose(clause, mentions, about, source):
                continue
            if about and self.migration(clause, mentions, about, source):
                continue
            for b in found:
                owner = self.owner_before(text, start + b.start, item_mentions, about)
                bounds.setdefault(owner, []).append((clause, b, text))
            if about:
                self.positive(clause, mentions, about, head, item_bound, source, text)
        for owner, found in bounds.items():
            if owner:
                context = feature if owner == about else None
                self.add_limits(found, owner, context, self.name_part(text) if owner == about else "", source)

    def owner_before(self, text: str, at: int, mentions: list[Mention], about: str | None) -> str | None:
        """The service a number belongs to: one named right before it ("Snowcone: 8 TB", "Snowball Edge (80 TB)",
        "RDS up to 5"), else the item's subject."""
        before = [m for m in mentions if m.end <= at and self.is_service(m.key)]
        if before and _JUST_BEFORE_NUMBER.match(text[before[-1].end : at]):
            return before[-1].key
        return about

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
