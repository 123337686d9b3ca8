"""Relation rules: engines, compatibility, caches, migration sources and targets, features, "not available for".

:class:`RelationRules` is mixed into the extractor (:mod:`graph.read.extraction`), whose entity table it uses
(``entity``, ``classes``, ``is_service``, ``find``, ``relate``, ``drafts``).

Examples
--------
>>> bool(LIST_WITH_SEP.match("Engines: MySQL, PostgreSQL")), bool(LIST_WITH_SEP.match("Multi-AZ for DR"))
(True, False)
"""

from __future__ import annotations

import re

from graph.read.catalog import Mention, slug
from graph.read.facts import Source
from graph.read.phrases import NOT_NAMES, looks_like_product, negated

__all__ = ["RelationRules", "LIST_HEAD", "LIST_WITH_SEP", "CACHE", "NOT_AVAILABLE"]

NOT_AVAILABLE = re.compile(r"\bnot\s+(?:available|supported|offered|possible)\s+(?:for|on|in|with|by)\b", re.I)


_COMPARISON = re.compile(r"\b(?:over|than|vs|versus|faster|slower|compared)\b|\d\s?x\b", re.I)


_COMPATIBLE = re.compile(r"\bcompatib|\bbased\s+on\b|\bbuilt\s+on\b|\bimplementation\s+of\b", re.I)
_MOVE = re.compile(r"\b(?:migrat\w*|mov(?:e|es|ed|ing)|cop(?:y|ies|ied|ying)|transfer\w*|import\w*)\b", re.I)
_PREPOSITION = re.compile(r"\b(from|to|into|onto|using|via|with|by|through)\b", re.I)
_EXAMPLE = re.compile(r"^\s*(?:e\.?g\.?|ex|example|examples|for\s+example|such\s+as|like|including)\b", re.I)
_ONLY_TO = re.compile(r"^\W*(?:to|into|->|→)\W*$", re.I)
_ORIGIN = re.compile(r"\borigins?\b", re.I)


CACHE = re.compile(r"\bcach(?:e|es|ing)\b", re.I)


_FRONT = re.compile(r"\b(?:in\s+front\s+of|fronts?|for|of)\b", re.I)


LIST_HEAD = re.compile(
    r"^\s*(?P<head>sources?|targets?|engines?|frameworks?|runtimes?|supports?|supported engines?|includes?)\b"
    r"\s*(?:[-–:=]|\bare\b|\binclude\b)?\s*(?P<rest>.*)$",
    re.I,
)


LIST_WITH_SEP = re.compile(
    r"^\s*(?P<head>sources?|targets?|engines?|supported engines?|frameworks?|runtimes?)"
    r"\s*(?:[-–:=]|\bare\b|\binclude\b)"
    r"\s*(?P<rest>.+)$",
    re.I,
)


_MIGRATION_WORD = re.compile(r"\b(?:target|source)s?\b", re.I)


_IN_FRONT = re.compile(r"\bin\s+front\s+of\b|\bfronts?\b", re.I)


_SPLIT_LIST = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b|\+)\s*")


def _bare_list(clause: str, mentions: list[Mention]) -> bool:
    """True when a clause is nothing but a list of names ("Oracle, SQL Server, MySQL, Aurora").

    >>> from graph.read.catalog import load_catalog
    >>> text = "Oracle, MySQL, Aurora"
    >>> _bare_list(text, load_catalog().find(text)), _bare_list("read replicas in MySQL, Aurora", [])
    (True, False)
    """
    rest = clause
    for m in reversed(mentions):
        rest = rest[: m.start] + rest[m.end :]
    return not re.sub(r"[\s,;/&.]|\b(?:and|or|etc)\b", "", rest, flags=re.I)


class RelationRules:
    """Relations of the extractor: ``relate(subject, predicate, object, source)`` records one."""

    def between_services(self, text: str, head: str, subject: str, source: Source) -> None:
        """A service named inside another's section: a cache in front of it, or a migration to or from it."""
        classes = self.classes(head)
        if "CacheService" in classes and CACHE.search(text):
            self.relate(head, "caches", subject, source)
        if "MigrationService" in classes and not LIST_HEAD.match(text):
            lower = text.lower()
            for word, predicate in (("target", "migrationTarget"), ("source", "migrationSource")):
                for found in re.finditer(rf"\b{word}s?\b", lower):
                    if not re.search(r"\bnot\s+(?:an?\s+|the\s+)?$", lower[: found.start()]):
                        self.relate(head, predicate, subject, source)
                        break

    def not_available(self, clause: str, negation: re.Match, mentions: list[Mention], default: str | None,
                      source: Source) -> None:  # fmt: skip
        """``X is not available for Y``: a negative fact, with names the catalog lacks made into nodes."""
        targets = [m.key for m in mentions if m.start >= negation.end()]
        if not targets:
            words = re.findall(r"[A-Za-z0-9][\w.-]*", clause[negation.end() :].split("(")[0])[:2]
            words = [w for w in words if w.lower() not in NOT_NAMES]
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

    def migration_prose(self, clause: str, mentions: list[Mention], about: str | None, source: Source) -> bool:
        """Sources and targets stated in a sentence: "Oracle can be migrated to Redshift using DMS and SCT",
        "DataSync to migrate data to S3", "migrations: SQL Server to Aurora", "copy data from RDS".

        A name after *to*/*into* is a target, after *from* a source; a name that comes before the migration
        service with *to* between them, or that opens a "X ... to Y" sentence, is a source.
        """
        lower = clause.lower()
        if " to " not in f" {lower} " and "from" not in lower:
            return False
        movers = [m for m in mentions if "MigrationService" in self.classes(m.key)]
        moving = _MOVE.search(clause)
        if not movers and (about is None or "MigrationService" not in self.classes(about)):
            return False
        if not moving:  # no verb of moving: only "A to B" between two names ("SQL Server to Aurora")
            return self.migration_pairs(clause, mentions, [m.key for m in movers] or [about], source)
        mover_keys = {m.key for m in movers} or {about}
        found = False
        for m in mentions:
            if m.key in mover_keys or not (self.is_service(m.key) or "Engine" in self.classes(m.key)):
                continue
            before = [p.group(1).lower() for p in _PREPOSITION.finditer(clause, 0, m.start)]
            later_mover = next((n for n in movers if n.start >= m.end), None)
            if later_mover and _ONLY_TO.match(clause[m.end : later_mover.start]):
                predicate = "migrationSource"
            elif before and before[-1] in ("to", "into", "onto"):
                predicate = "migrationTarget"
            elif (before and before[-1] == "from") or (not before and self.target_after(clause, m, mentions)):
                predicate = "migrationSource"
            else:
                continue
            for mover in mover_keys:
                self.relate(mover, predicate, m.key, source)
                found = True
        return found

    def target_after(self, clause: str, m: Mention, mentions: list[Mention]) -> bool:
        """True when a later service or engine follows "to"/"into": "Oracle ... can be migrated to Redshift"."""
        for later in mentions:
            if later.start >= m.end and (self.is_service(later.key) or "Engine" in self.classes(later.key)):
                words = [p.group(1).lower() for p in _PREPOSITION.finditer(clause, m.end, later.start)]
                if words and words[-1] in ("to", "into"):
                    return True
        return False

    def migration_pairs(self, clause: str, mentions: list[Mention], movers: list[str], source: Source) -> bool:
        """ "Oracle to Oracle", "SQL Server to Aurora": a source and a target of the migration services."""
        found = False
        names = [m for m in mentions if m.key not in movers]
        for left, right in zip(names, names[1:], strict=False):
            if _ONLY_TO.match(clause[left.end : right.start]):
                for mover in movers:
                    self.relate(mover, "migrationSource", left.key, source)
                    self.relate(mover, "migrationTarget", right.key, source)
                    found = True
        return found

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
            if not part or negated(part):
                continue
            found = self.find(part)
            misspelt = None if found else self.catalog.fuzzy(part)
            if found:
                keys += [self.entity(m.key, source) for m in found]
            elif misspelt:
                keys.append(self.entity(misspelt, source))
            elif len(part.split()) <= 4 and not any(c.isdigit() for c in part):
                cls = "Service" if looks_like_product(part) else "Concept"
                keys.append(self.entity(slug(part), source, part, (cls,)))
        return keys

    def positive(self, clause: str, mentions: list[Mention], about: str, head: str | None, has_bound: bool,
                 source: Source, context: str = "") -> None:  # fmt: skip
        """Engines, compatibility, caches, features and mentions from a clause that is not negated."""
        lower = clause.lower()  # substring checks first: most clauses have none of these words
        cue = "compatib" in lower or " on " in lower or "implementation" in lower
        compatible = cue and _COMPATIBLE.search(clause)
        caches = "cach" in lower and CACHE.search(clause)
        engine_list = clause.count(",") >= 2 and sum("Engine" in self.classes(m.key) for m in mentions) >= 2
        engine_list = engine_list and "MigrationService" not in self.classes(about)
        engine_list = engine_list and ("engine" in lower or _bare_list(clause, mentions))
        example = _EXAMPLE.match(clause)
        front = "front" in lower and _IN_FRONT.search(clause)
        if "CacheService" in self.classes(about) and _ORIGIN.search(context or clause):
            for m in mentions:
                if m.key != about and self.is_service(m.key) and "CacheService" not in self.classes(m.key):
                    self.relate(about, "caches", m.key, source)
        before = [m.key for m in mentions if front and m.end <= front.start() and "CacheService" in self.classes(m.key)]
        if front and (caches or before):  # "DAX sits in front of DynamoDB", "a cache in front of RDS"
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
            elif "Engine" in cls and not has_bound and not example and not _COMPARISON.search(clause):
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
