"""The catalog of known names, and finding them in text.

Entries come from ``ontology/catalog.toml`` (classes, short forms, engines,
features, concepts) and ``ontology/aws_services.json`` (every AWS service name
and abbreviation that botocore ships). Matching works on word n-grams, so it
stays fast with thousands of names.

Examples
--------
>>> catalog = load_catalog()
>>> [(m.key, m.text) for m in catalog.find("RR can be Multi-AZ in a second region")]
[('read-replicas', 'RR'), ('multi-az', 'Multi-AZ'), ('region', 'second region')]
>>> catalog.entries["dax"].classes
('CacheService',)
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

__all__ = ["CatalogEntry", "Mention", "Catalog", "load_catalog", "slug", "ONTOLOGY_DIR"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_MAX_WORDS = 6
_KIND_CLASS = {"engine": "Engine", "feature": "Feature", "concept": "Concept"}


def slug(text: str) -> str:
    """A stable IRI slug for a name.

    >>> slug("SQL Server"), slug("Point-in-Time Recovery"), slug(".NET")
    ('sql-server', 'point-in-time-recovery', 'net')
    """
    return "-".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)) or "unnamed"


@dataclass(frozen=True)
class CatalogEntry:
    """A known thing: its key, label, ``ca:`` classes and aliases."""

    key: str
    label: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()


class Mention(NamedTuple):
    """A catalog name found in text: which entry, the words as written, where."""

    key: str
    text: str
    start: int
    end: int


def _norm(words: list[str]) -> str:
    """Lower-cased words joined by spaces, a plural ``s`` dropped from the last."""
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        words = words[:-1] + [last[:-1]]
    return " ".join(words)


def _is_strict(alias: str) -> bool:
    """Aliases in capitals (RR, DX, AZ) match only as written."""
    letters = [c for c in alias if c.isalpha()]
    short = len(letters) <= 2 and letters[0].isupper() if letters else False
    return bool(letters) and (short or all(c.isupper() for c in letters) and len(letters) <= 5)


class Catalog:
    """Known entries and an n-gram index of their names."""

    def __init__(self, entries: dict[str, CatalogEntry], abbreviations: dict[str, str], groups: dict[str, str],
                 ambiguous: frozenset[str] = frozenset()):  # fmt: skip
        self.entries = entries
        self._ambiguous = ambiguous
        self._services: dict[str, str] | None = None
        self._fuzzy: dict[str, str | None] = {}
        self.abbreviations = abbreviations
        self.groups = groups
        self._index: dict[str, list[tuple[str, str | None]]] = {}
        self._longest: dict[str, int] = {}  # first word → most words in a name starting with it
        for entry in entries.values():
            for name in (entry.label, *entry.aliases):
                if name.lower() not in ambiguous:
                    self._add(name, entry.key)

    def _add(self, name: str, key: str) -> None:
        words = _WORD.findall(name)
        if not words or len(words) > _MAX_WORDS:
            return
        strict = "".join(words) if _is_strict(name) else None
        lower = [w.lower() for w in words]
        forms = {_norm(lower), " ".join(lower)}
        last = _norm(lower).split(" ")[-1]
        forms.add(" ".join(lower[:-1] + [last + "s"]))
        for form in forms:
            bucket = self._index.setdefault(form, [])
            if (key, strict) not in bucket:
                bucket.append((key, strict))
            first, *rest = form.split(" ")
            self._longest[first] = max(self._longest.get(first, 0), len(rest) + 1)

    def find(self, text: str) -> list[Mention]:
        """Known names in ``text``, longest match first, left to right."""
        words = _WORD.findall(text)
        lower = [w.lower() for w in words]
        longest = self._longest
        if not any(w in longest for w in lower):
            return []
        spans = [m.span() for m in _WORD.finditer(text)]
        index = self._index
        found: list[Mention] = []
        count = len(lower)
        i = 0
        while i < count:
            most = longest.get(lower[i])
            if most is None:
                i += 1
                continue
            for n in range(min(most, count - i), 0, -1):
                hits = index.get(" ".join(lower[i : i + n]) if n > 1 else lower[i])
                key = hits and self._pick(hits, words[i : i + n])
                if key:
                    start, end = spans[i][0], spans[i + n - 1][1]
                    found.append(Mention(key, text[start:end], start, end))
                    i += n
                    break
            else:
                i += 1
        return found

    @staticmethod
    def _pick(hits: list[tuple[str, str | None]], words: list[str]) -> str | None:
        """The entry whose alias matches these words, honouring case for strict aliases."""
        written = None
        for key, strict in hits:
            if strict is None:
                return key
            written = written if written is not None else "".join(words)
            if strict == written or strict + "s" == written:
                return key
        return None

    def fuzzy(self, name: str) -> str | None:
        """The service a short name misspells ("aurara", "Dyanmo DB"): one or two letters off a service name of
        as many words (one for names up to eight letters, two for longer ones), where exactly one name is that close.

        >>> catalog = load_catalog()
        >>> catalog.fuzzy("aurara"), catalog.fuzzy("Elasticahce"), catalog.fuzzy("Aurora"), catalog.fuzzy("Table")
        ('aurora', 'elasticache', None, None)
        """
        if name in self._fuzzy:
            return self._fuzzy[name]
        found = self._fuzzy[name] = self._closest_service(name)
        return found

    def _closest_service(self, name: str) -> str | None:
        """:meth:`fuzzy` without its memory of names already looked up."""
        words = _WORD.findall(name)
        if not 1 <= len(words) <= 3 or self.find(name):
            return None
        query = " ".join(w.lower() for w in words)
        letters = sum(len(w) for w in words)
        if letters < 5 or any(c.isdigit() for c in query):
            return None
        names = self._service_names()
        limit = 1 if letters <= 8 else 2
        hits = process.extract(query, list(names), scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=3)
        keys = {names[choice] for choice, _, _ in hits if choice.count(" ") == query.count(" ")}
        return keys.pop() if len(keys) == 1 else None

    def _service_names(self) -> dict[str, str]:
        """Lower-cased names of services of five letters or more, to their keys (made once)."""
        if self._services is None:
            service_classes = ("Service", "DataWarehouse")
            self._services = {
                " ".join(w.lower() for w in _WORD.findall(name)): entry.key
                for entry in self.entries.values()
                if any(c.endswith(service_classes) for c in entry.classes)
                for name in (entry.label, *entry.aliases)
                if sum(c.isalpha() for c in name) >= 5 and name.lower() not in self._ambiguous
            }
        return self._services

    def resolve(self, name: str) -> str | None:
        """The key of an entry named exactly ``name`` (whole text), if any.

        >>> load_catalog().resolve("Relational Database Service")
        'rds'
        """
        words = _WORD.findall(name)
        if not words or len(words) > self._longest.get(words[0].lower(), 0):
            return None  # no name starts with the first word, or none is that long
        mentions = self.find(name)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(name.rstrip(" .")):
            return mentions[0].key
        return None


def _useful_alias(alias: str) -> bool:
    """botocore names worth matching: several words, or one distinctive word.

    >>> _useful_alias("DynamoDB"), _useful_alias("Connect"), _useful_alias("Direct Connect")
    (True, False, True)
    """
    words = _WORD.findall(alias)
    if len(words) > 1:
        return True
    word = words[0] if words else ""
    return len(word) >= 2 and (any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2)


def _bare(name: str) -> str:
    """A name without its AWS/Amazon prefix, lower-cased.

    >>> _bare("AWS Free Tier")
    'free tier'
    """
    return re.sub(r"^(?:aws|amazon)\s+", "", name.lower())


@lru_cache(maxsize=1)
def load_catalog(folder: Path = ONTOLOGY_DIR) -> Catalog:
    """The catalog from ``ontology/`` (read once)."""
    data = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))
    ambiguous = {name.lower() for name in data.get("ambiguous", {}).get("names", [])}
    ambiguous |= {name.replace(" ", "") for name in ambiguous}  # botocore writes some as one word ("FreeTier")
    entries: dict[str, CatalogEntry] = {}
    claimed: dict[str, str] = {}
    for kind in ("service", "engine", "feature", "concept"):
        for raw in data.get(kind, []):
            classes = tuple(raw.get("classes") or [_KIND_CLASS.get(kind, "Service")])
            aliases = tuple(a for a in raw.get("aliases", []) if a.lower() not in ambiguous)
            entry = CatalogEntry(raw["key"], raw["label"], classes, aliases)
            entries[entry.key] = entry
            for name in (entry.label, *entry.aliases):
                claimed[name.lower()] = entry.key
    services = folder / "aws_services.json"
    if services.exists():
        for raw in json.loads(services.read_text(encoding="utf-8")).get("services", []):
            names = [raw.get("label", ""), raw.get("full_name", ""), *raw.get("aliases", [])]
            owner = next((claimed[n.lower()] for n in names if n and n.lower() in claimed), None)
            useful = tuple(n for n in dict.fromkeys(names) if n and _useful_alias(n) and _bare(n) not in ambiguous)
            if owner:
                old = entries[owner]
                extra = tuple(n for n in useful if n.lower() not in claimed and n != old.label)
                entries[owner] = CatalogEntry(old.key, old.label, old.classes, old.aliases + extra)
            elif useful:
                label = raw.get("label") if raw.get("label") in useful else useful[0]
                key = raw.get("key") or slug(label)
                if key not in entries:
                    entries[key] = CatalogEntry(key, label, ("Service",), tuple(n for n in useful if n != label))
            for n in names:
                if n:
                    claimed.setdefault(n.lower(), owner or raw.get("key") or slug(n))
    groups = dict(data.get("groups", {}))
    return Catalog(entries, dict(data.get("abbreviations", {})), groups, frozenset(ambiguous))
