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
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from graph.read.catalog import Catalog, Mention, load_catalog, slug
from graph.read.facts import Entity, Facts, Limit, Relation, Source
from graph.read.outline import Item, Outline
from graph.read.quantities import (
    DIMENSIONS,
    UNIT_SYMBOLS,
    Bound,
    convert,
    expand_abbreviations,
    find_bounds,
    fold_for_checks,
)

__all__ = ["extract"]

_SERVICE_CLASSES = {
    "Service", "DatabaseService", "DataWarehouse", "CacheService", "MigrationService", "AnalyticsService",
    "NetworkingService", "StorageService", "ComputeService", "SecurityService", "IntegrationService",
}  # fmt: skip
_CLAUSE = re.compile(r"\s+[-–—]\s+|;\s*|\.\s+|\s*[()]\s*|\s+but\s+|\s+vs\.?\s+")
_NAME_SPLIT = re.compile(r"\s+[-–—:]\s*|:\s+|\s*\(|\.\s+")
_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can['’]t|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|without|except)\b", re.I
)
#: Every word :data:`_NEGATION` matches contains one of these (in :func:`fold_for_checks` form).
_NEGATION_CUES = ("no", "ne", "n't", "n’t", "without", "except")
_NOT_AVAILABLE = re.compile(r"\bnot\s+(?:available|supported|offered|possible)\s+(?:for|on|in|with|by)\b", re.I)
_COMPARISON = re.compile(r"\b(?:over|than|vs|versus|faster|slower|compared)\b|\d\s?x\b", re.I)
_COMPATIBLE = re.compile(r"\bcompatib", re.I)
_CACHE = re.compile(r"\bcach(?:e|es|ing)\b", re.I)
_FRONT = re.compile(r"\b(?:in\s+front\s+of|fronts?|for|of)\b", re.I)
_LIST_HEAD = re.compile(
    r"^\s*(?P<head>sources?|targets?|engines?|frameworks?|runtimes?|supports?|supported engines?|includes?)\b"
    r"\s*(?:[-–:=]|\bare\b|\binclude\b)?\s*(?P<rest>.*)$",
    re.I,
)
_LIST_WITH_SEP = re.compile(
    r"^\s*(?P<head>sources?|targets?|engines?|supported engines?|frameworks?|runtimes?)"
    r"\s*(?:[-–:=]|\bare\b|\binclude\b)"
    r"\s*(?P<rest>.+)$",
    re.I,
)
_DEFINITION_SPLIT = re.compile(r"\s+[-–:]\s+")
_MIGRATION_WORD = re.compile(r"\b(?:target|source)s?\b", re.I)
_IN_FRONT = re.compile(r"\bin\s+front\s+of\b|\bfronts?\b", re.I)
_ALIAS_IN_PARENS = re.compile(r"^(.*?)\s*\(([^)]{1,30})\)\s*$")
_LINKING = re.compile(r"\b(?:using|with|via|to|in|on|for|from|by|of|at|and|or)\b", re.I)
_SPLIT_LIST = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b|\+)\s*")
_NOT_NAMES = {
    "sources", "source", "targets", "target", "engines", "engine", "charges", "charge", "security", "pricing",
    "cost", "costs", "note", "notes", "example", "examples", "eg", "e", "i", "ie", "can", "must", "may", "will",
    "each", "not", "no", "is", "are", "has", "have", "the", "a", "an", "up", "max", "min", "only", "currently",
    "supports", "runs", "uses", "also", "and", "or", "to", "for", "in", "on", "with", "full", "fully", "all",
    "frameworks", "framework", "runtimes", "limits", "limit", "it", "they", "this", "that", "more", "less",
}  # fmt: skip
_TIME_MEASURES = (
    (re.compile(r"\bretention|\bretain|\bstored\b|\bkept\b|\bkeeps?\b|\bstores?\b", re.I), "retention"),
    (re.compile(r"\btimeout|\btime\s*out|\bruns?\s+for\b|\bexecution\b", re.I), "timeout"),
    (re.compile(r"\blatenc|\blag\b|\bdelay", re.I), "latency"),
    (re.compile(r"\binterval|\bevery\b", re.I), "interval"),
    (re.compile(r"\brestorable|\brestore\s+point|\brecovery\s+point", re.I), "restore lag"),
    (re.compile(r"\bwindow\b", re.I), "window"),
)
_SIZE_MEASURES = (
    (re.compile(r"\bitems?\b", re.I), "item size"),
    (re.compile(r"\bobjects?\b", re.I), "object size"),
    (re.compile(r"\bmemory|\bram\b", re.I), "memory"),
    (re.compile(r"\bvolumes?\b", re.I), "volume size"),
    (re.compile(r"\bfiles?\b", re.I), "file size"),
    (re.compile(r"\bput\b|\bupload", re.I), "upload size"),
    (re.compile(r"\bstorage|\bstore|\bdisk|\bscale|\bgrows?\b|\bnode\b", re.I), "storage"),
)
_BACKUP = re.compile(r"\bbackups?\b|\bsnapshots?\b|\bpitr\b|point.in.time|\brecovery\b", re.I)


@dataclass
class _Draft:
    """An entity while it is being collected."""

    key: str
    label: str
    classes: set[str] = field(default_factory=set)
    aliases: dict[str, None] = field(default_factory=dict)
    comment: str | None = None
    sources: dict[Source, None] = field(default_factory=dict)


@dataclass
class _LimitDraft:
    """A limit while it is being collected."""

    name: str
    min: Decimal | None
    max: Decimal | None
    unit: str
    sources: dict[Source, None]


class _Clause(NamedTuple):
    """A clause of an item, what it names (offsets within it), its bounds, and whether it is negated."""

    text: str
    mentions: list[Mention]
    bounds: list[Bound]
    negated: bool


@dataclass
class _Context:
    """What an item is about: its subject service, its own head and the feature in force."""

    subject: str | None
    head: str | None
    feature: str | None


class _Extractor:
    """Walks outlines in order, collecting facts."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.drafts: dict[str, _Draft] = {}
        self.limits: dict[tuple[str, str], _LimitDraft] = {}
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
        """:func:`_name_part` of ``text``, once per text."""
        name = self.names.get(text)
        if name is None:
            name = self.names[text] = _name_part(text, self.catalog)
        return name

    def parse(self, text: str, mentions: list[Mention]) -> tuple[_Clause, ...]:
        """The clauses of an item's ``text`` with their mentions, bounds and negation, once per text."""
        parsed = self.parsed.get(text)
        if parsed is None:
            parsed = self.parsed[text] = tuple(
                _Clause(c, _within(mentions, start, c), find_bounds(c), _negated(c))
                for c, start in _clause_spans(text)
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
        sections: dict[int, tuple[str | None, str | None, Source | None]] = {}
        contexts: list[_Context] = []
        for index, item in enumerate(items):
            source = Source(item.file, item.line, item.raw)
            if item.kind == "heading":
                sections[index] = self.heading(item, source)
                contexts.append(_Context(sections[index][0], sections[index][0], None))
                self.notes[source] = None
                continue
            if item.section is not None and item.section not in sections:
                sections[item.section] = self.infer(items, item.section)
            subject, group, inferred = (
                sections.get(item.section, (None, None, None)) if item.section is not None else (None, None, None)
            )
            if inferred is not None:
                source = Source(item.file, item.line, item.raw, subject, inferred.text)
            self.notes[source] = None
            parent = contexts[item.parent] if item.parent is not None else None
            contexts.append(self.item(item, source, subject, group, parent))

    def heading(self, item: Item, source: Source) -> tuple[str | None, str | None, None]:
        """A heading's subject (a service it names) or its group class."""
        text = item.text
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        mentions = self.find(text)
        services = [m for m in mentions if self.is_service(m.key)]
        if services:
            key = self.entity(services[0].key, source)
            self.introduced[key] = None
            return key, None, None
        group = next((self.catalog.groups[w] for w in words if w in self.catalog.groups), None)
        if group is not None or len(mentions) > 0 or not text.strip():
            return None, group or None, None
        label, alias = _split_alias(text)
        if not label or len(label.split()) > 5:
            return None, None, None
        key = self.entity(slug(label), source, label, ("Service",) if alias else ("Concept",))
        if alias:
            self.drafts[key].aliases[alias] = None
        self.heading_only.setdefault(key, None)
        return key, None, None

    def infer(self, items: Sequence[Item], start: int) -> tuple[str | None, None, Source | None]:
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
                return key, None, Source("", 0, rule)
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
            return best, None, Source("", 0, rule)
        return None, None, None

    # items ----------------------------------------------------------------

    def item(self, item: Item, source: Source, section_subject: str | None, group: str | None,
             parent: _Context | None) -> _Context:  # fmt: skip
        text = expand_abbreviations(item.text)
        subject = parent.subject if parent else section_subject
        if parent and parent.head and self.is_service(parent.head):
            subject = parent.head
        mentions = self.find(text)
        head = self.head(item, text, mentions, subject, group, source)
        about = head if self.is_service(head) else subject
        feature = head if head and "Feature" in self.classes(head) else (parent.feature if parent else None)
        if head and subject and head != subject and "Feature" in self.classes(head) and self.is_service(subject):
            self.relate(subject, "hasFeature", head, source)
        if head and subject is None and self.is_service(head) and item.depth == 0:
            self.introduced[head] = None
        self.definition(text, mentions, source)
        if head and subject and head != subject and self.is_service(subject):
            self.between_services(text, head, subject, source)
        self.clauses(item, text, mentions, about, head, feature, source)
        return _Context(about, head, feature)

    def between_services(self, text: str, head: str, subject: str, source: Source) -> None:
        """A service named inside another's section: a cache in front of it, or a migration to or from it."""
        classes = self.classes(head)
        if "CacheService" in classes and _CACHE.search(text):
            self.relate(head, "caches", subject, source)
        if "MigrationService" in classes and not _LIST_HEAD.match(text):
            lower = text.lower()
            for word, predicate in (("target", "migrationTarget"), ("source", "migrationSource")):
                for found in re.finditer(rf"\b{word}s?\b", lower):
                    if not re.search(r"\bnot\s+(?:an?\s+|the\s+)?$", lower[: found.start()]):
                        self.relate(head, predicate, subject, source)
                        break

    def head(self, item: Item, text: str, mentions: list[Mention], subject: str | None, group: str | None,
             source: Source) -> str | None:  # fmt: skip
        """What the item is about at its start: a known name, or a short name before a dash."""
        parts = _NAME_SPLIT.split(text, maxsplit=1)
        name = parts[0].strip(" .:-")
        separated = (len(parts) > 1 and len(name.split()) <= 5) or len(text.split()) <= 4
        if _negated(name) or (text.count(",") >= 2 and len(parts) == 1):
            return None
        in_name = [m for m in mentions if m.end <= len(name) + 1] if separated else []
        if in_name and not any(self.is_service(m.key) for m in in_name) and _uncovered(name, in_name):
            in_name = []
        if not in_name and len(parts) > 1:
            second = _NAME_SPLIT.split(parts[1].strip(), maxsplit=1)[0].strip(" .:-")
            key = self.resolve(second)
            if key and self.is_service(key):
                return self.entity(key, source)
        if in_name:
            services = [m for m in in_name if self.is_service(m.key) and not _LINKING.search(name[: m.start])]
            chosen = (services or in_name)[0]
            return self.entity(chosen.key, source, classes=(group,) if group else ())
        short = len(text.split()) <= 3
        if not (name != text.strip(" .:-") or short) or _negated(text):
            return None
        words = name.split()
        if not 1 <= len(words) <= 4 or words[0].lower().strip(".,") in _NOT_NAMES or not name[0].isupper():
            return None
        if any(c.isdigit() for c in name) or _LIST_HEAD.match(name):
            return None
        label, alias = _split_alias(name if name != text else text)
        if subject and self.is_service(subject):
            classes = ("Feature",)
        elif group:
            classes = (group,)
        elif item.depth == 0:
            classes = ("Concept",)
        else:
            return None
        key = self.entity(slug(label), source, label, classes)
        if alias:
            self.drafts[key].aliases[alias] = None
        return key

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
        listed = _LIST_WITH_SEP.match(text)
        if listed and about:
            self.listing(listed.group("head").lower(), listed.group("rest"), about, source)
            return
        bounds: list[tuple[str, Bound, str]] = []
        parsed = self.parse(text, mentions)
        item_bound = any(found for _, _, found, negated in parsed if not negated)
        for clause, mentions, found, negated in parsed:
            for m in mentions:
                self.entity(m.key, source)
            negation = _NOT_AVAILABLE.search(clause) if negated else None
            if negation:
                self.not_available(clause, negation, mentions, feature or head or about, source)
                continue
            if about and self.migration(clause, mentions, about, source):
                continue
            if negated:
                continue
            bounds += [(clause, b, text) for b in found]
            if about:
                self.positive(clause, mentions, about, head, item_bound, source)
        if bounds and about:
            self.add_limits(bounds, about, feature, self.name_part(text), source)

    def not_available(self, clause: str, negation: re.Match, mentions: list[Mention], default: str | None,
                      source: Source) -> None:  # fmt: skip
        """``X is not available for Y``: a negative fact, with names the catalog lacks made into nodes."""
        targets = [m.key for m in mentions if m.start >= negation.end()]
        if not targets:
            words = re.findall(r"[A-Za-z0-9][\w.-]*", clause[negation.end() :].split("(")[0])[:2]
            words = [w for w in words if w.lower() not in _NOT_NAMES]
            if words:
                targets = [self.entity(slug(" ".join(words)), source, " ".join(words), ("Concept",))]
        subject = default
        lead = re.match(r"^\s*(.+?)\s+(?:is|are)\s+not\b", clause)
        if lead and len(lead.group(1).split()) <= 3:
            named = [m.key for m in mentions if m.end <= lead.end(1)]
            if named:
                subject = named[0]
            elif lead.group(1)[0].isupper():
                subject = self.entity(slug(lead.group(1)), source, lead.group(1), ("Feature",))
        for target in targets:
            self.relate(subject, "notAvailableFor", target, source)

    def listing(self, head: str, rest: str, about: str, source: Source) -> None:
        """``Sources - a, b`` / ``Targets - a, b`` of a migration service; ``Engines: a, b`` of any service."""
        if head.startswith(("source", "target")):
            if "MigrationService" not in self.classes(about):
                return
            predicate = "migrationSource" if head.startswith("source") else "migrationTarget"
            for key in self.list_members(rest, source):
                self.relate(about, predicate, key, source)
            return
        for key in self.list_members(rest, source):
            if key != about and not self.is_service(key) and key in self.drafts:
                self.drafts[key].classes.add("Engine")
                self.drafts[key].classes.discard("Concept")
                self.drafts[key].classes.discard("Service")
            self.relate(about, "supportsEngine", key, source)

    def migration(self, clause: str, mentions: list[Mention], about: str, source: Source) -> bool:
        """A clause about a migration service's targets or sources, handled by :meth:`between_services`."""
        lower = clause.lower()
        named = "target" in lower or "source" in lower
        migrating = any("MigrationService" in self.classes(m.key) for m in mentions)
        return named and migrating and bool(_MIGRATION_WORD.search(clause))

    def list_members(self, rest: str, source: Source) -> list[str]:
        """Entities of a comma list; names the catalog does not know become nodes."""
        keys = []
        for part in _SPLIT_LIST.split(rest):
            part = part.strip(" .")
            if not part or _negated(part):
                continue
            found = self.find(part)
            if found:
                keys += [self.entity(m.key, source) for m in found]
            elif len(part.split()) <= 4 and not any(c.isdigit() for c in part):
                cls = "Service" if part[0].isupper() else "Concept"
                keys.append(self.entity(slug(part), source, part, (cls,)))
        return keys

    def positive(self, clause: str, mentions: list[Mention], about: str, head: str | None, has_bound: bool,
                 source: Source) -> None:  # fmt: skip
        """Engines, compatibility, caches, features and mentions from a clause that is not negated."""
        lower = clause.lower()  # substring checks first: most clauses have none of these words
        compatible = "compatib" in lower and _COMPATIBLE.search(clause)
        caches = "cach" in lower and _CACHE.search(clause)
        engine_list = clause.count(",") >= 2 and sum("Engine" in self.classes(m.key) for m in mentions) >= 2
        front = "front" in lower and _IN_FRONT.search(clause)
        if front and caches:
            before = [m.key for m in mentions if m.end <= front.start() and "CacheService" in self.classes(m.key)]
            after = [m.key for m in mentions if m.start >= front.end() and self.is_service(m.key)]
            cache = before[0] if before else (about if "CacheService" in self.classes(about) else None)
            for target in after or ([about] if cache != about else []):
                self.relate(cache, "caches", target, source)
            return
        for m in mentions:
            key = m.key
            if key == about:
                continue
            cls = self.classes(key)
            if "Engine" in cls and compatible:
                self.relate(about, "compatibleWith", key, source)
            elif "Engine" in cls and not has_bound and not _COMPARISON.search(clause):
                self.relate(about, "supportsEngine", key, source)
            elif "Engine" in cls:
                self.relate(about, "mentions", key, source)
            elif "Feature" in cls:
                self.relate(about, "hasFeature", key, source)
            elif self.is_service(key) and caches and "CacheService" in self.classes(about) and _FRONT.search(clause):
                self.relate(about, "caches", key, source)
            elif engine_list and self.is_service(key) and self.is_service(about):
                self.relate(about, "supportsEngine", key, source)
            else:
                self.relate(about, "mentions", key, source)

    # limits ---------------------------------------------------------------

    def add_limits(self, bounds: list[tuple[str, Bound, str]], about: str | None, feature: str | None,
                   name: str, source: Source) -> None:  # fmt: skip
        """One limit per (service, quantity) of the item; a bare number takes the unit beside it."""
        if not about or not bounds:
            return
        units = [b.unit for _, b, _ in bounds if b.unit != "NUM"]
        explicit = {b.dimension for _, b, _ in bounds if b.kind != "plain"}
        bounds = [(c, b, t) for c, b, t in bounds if b.kind != "plain" or b.dimension not in explicit]
        merged: dict[str, tuple[str, list[tuple[Decimal | None, Decimal | None, str]]]] = {}
        for clause, bound, text in bounds:
            unit = units[0] if bound.unit == "NUM" and not bound.noun and units else bound.unit
            if unit == "NUM" and not bound.noun and name:
                bound = Bound(bound.min, bound.max, unit, name, bound.start, bound.kind)
            quantity, label = self.quantity(clause, text, bound, unit, feature, about)
            merged.setdefault(quantity, (label, []))[1].append((bound.min, bound.max, unit))
        for quantity, (label, values) in merged.items():
            self.limit(about, quantity, label, *_combine(values), source)

    def quantity(self, clause: str, text: str, bound: Bound, unit: str, feature: str | None,
                 about: str) -> tuple[str, str]:  # fmt: skip
        """(key, label) of what a bound is about."""
        context = self.label(feature) if feature else ""
        own = self.label(about)
        if context.lower().startswith(own.lower() + " "):
            context = context[len(own) + 1 :]
        dimension = DIMENSIONS.get(unit, "count")
        if dimension in ("count", "rate") and bound.noun:
            key = self.resolve(bound.noun)
            if key:
                self.entity(key, None)
                return key, self.label(key)
            noun = _spelled(bound.noun, self.catalog)
            if unit == "NUM-PER-SEC" and "per second" not in noun:
                noun = f"{noun} per second"
            prefix = _singular(context) if context and context.lower() not in noun.lower() else ""
            name = f"{prefix} {noun}".strip()
            return slug(name), name[:1].upper() + name[1:]
        lead = _lead(clause[: bound.start])
        if dimension == "time":
            measure = next((m for pattern, m in _TIME_MEASURES if pattern.search(clause)), None)
            if lead and not (measure == "retention" and _BACKUP.search(text)):
                measure = lead
            measure = measure or next((m for pattern, m in _TIME_MEASURES if pattern.search(text)), "duration")
            if measure == "retention" and (_BACKUP.search(text) or (feature and _BACKUP.search(context))):
                name = "backup retention"
            else:
                name = f"{_singular(context)} {measure}".strip() if context else measure
        elif dimension == "size" and context:
            name = context if re.search(r"size|storage|memory", context, re.I) else f"{_singular(context)} size"
        elif dimension == "size":
            engines = [m for m in self.find(clause) if "Engine" in self.classes(m.key)]
            measure = f"{self.label(engines[0].key)} storage" if engines else lead
            measure = measure or next((m for pattern, m in _SIZE_MEASURES if pattern.search(clause)), None)
            name = measure or next((m for pattern, m in _SIZE_MEASURES if pattern.search(text)), "size")
        elif dimension == "percent":
            word = re.search(r"\b(availability|durability|uptime|sla)\b", text, re.I)
            name = word.group(1).lower() if word else "percentage"
        else:
            name = f"{_singular(context)} count".strip() if context else "count"
        return slug(name), name[:1].upper() + name[1:]

    def limit(self, about: str, quantity: str, name: str, lo: Decimal | None, hi: Decimal | None, unit: str,
              source: Source) -> None:  # fmt: skip
        """Record a limit; the same service and quantity noted twice widens one node."""
        draft = self.limits.get((about, quantity))
        if draft is None:
            self.limits[(about, quantity)] = _LimitDraft(name, lo, hi, unit, {source: None})
            self.entity(quantity, source, name, ("Concept",))
            if "Feature" in self.classes(quantity):
                self.relate(about, "hasFeature", quantity, source)
            return
        draft.min, draft.max, draft.unit = _combine([(lo, hi, unit), (draft.min, draft.max, draft.unit)], widen=False)
        draft.sources[source] = None
        self.entity(quantity, source)

    def limit_facts(self) -> tuple[Limit, ...]:
        """The limits, keyed ``service-quantity-max|min|range``."""
        limits = []
        for (about, quantity), d in self.limits.items():
            kind = "range" if d.min is not None and d.max is not None else ("max" if d.max is not None else "min")
            symbol = UNIT_SYMBOLS.get(d.unit, d.unit)
            value = {"range": f"{d.min}–{d.max}", "max": f"≤ {d.max}", "min": f"≥ {d.min}"}[kind]
            own = self.label(about)
            named = d.name if d.name.lower().startswith(own.lower() + " ") else f"{own} {d.name}"
            label = f"{named} {value}{' ' + symbol if symbol else ''}"
            key = f"{about}-{quantity}-{kind}"
            limits.append(Limit(key, about, quantity, d.min, d.max, d.unit, label, tuple(d.sources)))
        return tuple(limits)

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


_LEAD_DROP = {
    "up", "to", "at", "most", "max", "maximum", "limit", "limited", "of", "from", "is", "are", "between", "under",
    "below", "a", "an", "the", "per", "min", "minimum", "least", "within", "starts", "starting", "as", "many",
    "no", "more", "than", "scales", "scale", "grows", "grow", "waits", "wait", "takes", "lasts", "kept", "keeps",
}  # fmt: skip
_LEAD_REJECT = {"there", "it", "this", "that", "can", "will", "may", "must", "go", "goes", "be", "you", "we", "they"}


def _uncovered(name: str, mentions: list[Mention]) -> bool:
    """True when a short capitalised name has words no mention covers ('Journal Streams').

    >>> _uncovered("Journal Streams", [Mention("dynamodb-streams", "Streams", 8, 15)])
    True
    """
    rest = name
    for m in reversed(mentions):
        rest = rest[: m.start] + rest[m.end :]
    words = [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in ("of", "the", "and", "for", "a", "an")]
    return bool(words) and name[:1].isupper() and len(name.split()) <= 4


def _lead(before: str) -> str:
    """The few words naming a quantity before its number ('' when there are none).

    >>> _lead("message retention up to "), _lead("there is a limit of "), _lead("delay queues: delay up to ")
    ('message retention', '', 'delay')
    """
    parts = [p for p in before.split(":") if p.strip()]
    tail = parts[-1] if parts else ""
    if len(parts) > 1 and not re.sub(r"\b(?:up|to|at|most|max|maximum|min|minimum|from)\b", "", tail).strip():
        tail = parts[-2]
    words = re.findall(r"[A-Za-z/][\w/-]*", tail)
    while words and words[-1].lower() in _LEAD_DROP:
        words.pop()
    words = [w for w in words[-3:] if w.lower() not in ("a", "an", "the")]
    if not words or any(w.lower() in _LEAD_REJECT for w in words) or any(c.isdigit() for w in words for c in w):
        return ""
    return " ".join(words).strip("/").lower()


def _combine(values: list[tuple[Decimal | None, Decimal | None, str]], *,
             widen: bool = True) -> tuple[Decimal | None, Decimal | None, str]:  # fmt: skip
    """Bounds on one quantity → (min, max, unit), in the unit of the largest bound.

    A second bare value beside a maximum is read as the minimum ("1 day retention (max 35)").

    >>> _combine([(None, Decimal(1), "DAY"), (None, Decimal(35), "DAY")])
    (Decimal('1'), Decimal('35'), 'DAY')
    >>> _combine([(Decimal(10), None, "GigaBYTE"), (None, Decimal(64), "TeraBYTE")])
    (Decimal('0.01'), Decimal('64'), 'TeraBYTE')
    """
    unit = max(values, key=lambda v: convert(v[1] if v[1] is not None else v[0], v[2], "SEC" if DIMENSIONS.get(v[2]) ==
                                              "time" else "KiloBYTE"))[2]  # fmt: skip
    los = [convert(lo, u, unit) for lo, _, u in values if lo is not None]
    his = [convert(hi, u, unit) for _, hi, u in values if hi is not None]
    lo = min(los) if los else None
    hi = max(his) if his else None
    if widen and lo is None and len(his) > 1:
        lo = min(his)
    return lo, hi, unit


def _spelled(text: str, catalog: Catalog) -> str:
    """Known names in ``text`` written as the catalog writes them.

    >>> _spelled("mysql read replicas", load_catalog())
    'MySQL read replicas'
    """
    for m in reversed(catalog.find(text)):
        entry = catalog.entries[m.key]
        if entry.classes != ("Feature",) or m.start == 0 and m.end == len(text):
            text = text[: m.start] + entry.label + text[m.end :]
    return text


def _name_part(text: str, catalog: Catalog) -> str:
    """The name before a dash, known names spelled as the catalog does ('' when there is none).

    >>> _name_part("PGSQL read Replicas - max 1", load_catalog())
    'PostgreSQL Read Replicas'
    """
    parts = _NAME_SPLIT.split(text, maxsplit=1)
    name = parts[0].strip(" .:-")
    if len(parts) < 2 or not name or len(name.split()) > 4 or any(c.isdigit() for c in name):
        return ""
    for m in reversed(catalog.find(name)):
        name = name[: m.start] + catalog.entries[m.key].label + name[m.end :]
    return name


def _negated(text: str) -> bool:
    """True when ``text`` has a negation word (:data:`_NEGATION`); a substring check first, as most have none.

    >>> _negated("Not available for Aurora"), _negated("Up to 5 read replicas"), _negated("DAX doesn’t cache writes")
    (True, False, True)
    """
    folded = fold_for_checks(text)
    return any(cue in folded for cue in _NEGATION_CUES) and _NEGATION.search(text) is not None


def _clause_spans(text: str) -> list[tuple[str, int]]:
    """The clauses of a bullet with where each starts in it.

    >>> _clause_spans("Multi-AZ - for DR (not for Aurora)")
    [('Multi-AZ', 0), ('for DR', 11), ('not for Aurora', 19)]
    """
    spans, start = [], 0
    for sep in [*_CLAUSE.finditer(text), None]:
        end = sep.start() if sep else len(text)
        piece = text[start:end]
        stripped = piece.strip(" .,")
        if stripped:
            spans.append((stripped, start + piece.index(stripped)))
        if sep:
            start = sep.end()
    return spans


def _within(mentions: list[Mention], start: int, clause: str) -> list[Mention]:
    """Mentions inside a clause, with offsets relative to it."""
    end = start + len(clause)
    return [
        Mention(m.key, m.text, m.start - start, m.end - start) for m in mentions if start <= m.start and m.end <= end
    ]


def _split_alias(text: str) -> tuple[str, str | None]:
    """'Foo Bar (FB)' → ('Foo Bar', 'FB').

    >>> _split_alias("Database Migration Service (DMS)")
    ('Database Migration Service', 'DMS')
    """
    match = _ALIAS_IN_PARENS.match(text) if "(" in text else None
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return text.strip(" .:-"), None


def _singular(label: str) -> str:
    """'Transactions' → 'transaction', for prefixes of quantity names."""
    word = label.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


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
