"""Item rules: what one bullet, line or table cell is about, and the facts of each of its clauses.

An item's subject is the nearest service above it (a parent bullet or its section); a name before a dash or
a colon, a service in bold or one the item opens with is its own head; each clause then gives relations
(:mod:`graph.read.relation_rules`) and bounds, and a number right after a service name is that service's
limit (:mod:`graph.read.limit_rules`). :class:`ItemRules` is mixed into the extractor
(:mod:`graph.read.extraction`).

Examples
--------
>>> [bool(_JUST_BEFORE_NUMBER.match(gap)) for gap in (" (", ": up to ", " reads ")]
[True, True, False]
"""

from __future__ import annotations

import re

from graph.read.catalog import Mention, slug
from graph.read.context import SERVICE_CLASSES, ItemContext, Section
from graph.read.facts import Source
from graph.read.outline import Item
from graph.read.phrases import (
    LINKING,
    NAME_SPLIT,
    NOT_NAMES,
    is_feature_name,
    is_section_word,
    looks_like_product,
    negated,
    singular,
    split_alias,
    uncovered,
)
from graph.read.quantities import Bound, expand_abbreviations
from graph.read.relation_rules import LIST_HEAD, LIST_WITH_SEP, NOT_AVAILABLE

__all__ = ["ItemRules"]

_JUST_BEFORE_NUMBER = re.compile(
    r"^[\s:(\[=<>≤≥~–-]*(?:(?:up\s+to|max(?:imum)?|at\s+most|about|around|approx\.?|of|is|has)\s*[:=<>≤≥~]*\s*)?$", re.I
)


#: Parts of a service that notes count with a bare number ("comes in 6 types", "copies in 3 AZs").
_COUNTABLE_TEXT = (
    "type class tier mode option replica copy az zone region node shard partition slice engine category index gsi "
    "lsi table endpoint subnet volume instance queue topic subscriber consumer vault bucket vpc core vcpu cluster "
    "gateway listener target rule policy key layer function version generation size family"
)
_COUNTABLE = frozenset(_COUNTABLE_TEXT.split())
_DEFINITION_SPLIT = re.compile(r"\s+[-–:]\s+")


class ItemRules:
    """Items of the extractor: heads, definitions, clauses and the owners of numbers."""

    def item(self, item: Item, source: Source, section: Section, parent: ItemContext | None) -> ItemContext:
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
        if self.is_service(about):
            self.bold_features(item, about, head, source)
        self.definition(text, mentions, source)
        if head and subject and head != subject and self.is_service(subject):
            self.between_services(text, head, subject, source)
        self.clauses(item, text, mentions, about, head, feature, source)
        return ItemContext(about, head, feature)

    def bold_features(self, item: Item, about: str, head: str | None, source: Source) -> None:
        """Terms in bold under a service are its features ("**Delay Queues**", "**Global Tables**")."""
        for strong in getattr(item, "strong", ()):
            label, alias = split_alias(strong.strip(" :.-"))
            if not label or len(label.split()) > 5 or re.search(r"\d", label) or is_section_word(label):
                continue
            known = self.find(label)
            if known:
                for m in known:
                    if "Feature" in self.classes(m.key):
                        self.relate(about, "hasFeature", self.entity(m.key, source), source)
                continue
            if head and self.label(head) == label or not is_feature_name(label) or negated(label):
                continue
            key = self.entity(slug(label), source, label, ("Feature",))
            if alias:
                self.drafts[key].aliases[alias] = None
            self.relate(about, "hasFeature", key, source)

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
        if item.kind == "cell":  # "Max item size: 400 KB" read from a table names a quantity, not a feature
            return None
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
            classes = (group,) if looks_like_product(name) or group not in SERVICE_CLASSES else ("Concept",)
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
                if b.kind == "count" and not self.countable(b.noun):
                    continue
                owner = self.owner_before(text, start + b.start, item_mentions, about)
                bounds.setdefault(owner, []).append((clause, b, text))
            if about:
                self.positive(clause, mentions, about, head, item_bound, source, text)
        for owner, found in bounds.items():
            if owner:
                context = feature if owner == about else None
                self.add_limits(found, owner, context, self.name_part(text) if owner == about else "", source)

    def countable(self, noun: str) -> bool:
        """True when a bare count counts a part of a service ("6 types", "3 AZs", "2 copies"), not "2 steps".

        >>> from graph.read.catalog import load_catalog
        >>> from graph.read.extraction import _Extractor
        >>> rules = _Extractor(load_catalog())
        >>> rules.countable("volume types"), rules.countable("Availability Zones"), rules.countable("steps")
        (True, True, False)
        """
        words = noun.split()
        if not words:
            return False
        if singular(words[-1]) in _COUNTABLE:
            return True
        key = self.resolve(noun)
        return bool(key) and bool(self.classes(key) & {"Feature", "Concept"})

    def owner_before(self, text: str, at: int, mentions: list[Mention], about: str | None) -> str | None:
        """The service a number belongs to: one named right before it ("Snowcone: 8 TB", "Snowball Edge (80 TB)",
        "RDS up to 5"), else the item's subject."""
        before = [m for m in mentions if m.end <= at and self.is_service(m.key)]
        if before and _JUST_BEFORE_NUMBER.match(text[before[-1].end : at]):
            return before[-1].key
        return about
