"""Section rules: what a heading, a table row or a file name makes the subject of the lines under it.

A heading that names a service opens its section; a sub-heading under a service names a feature of it and
keeps the service for its limits; a heading that only organises the notes ("Exam tips") names nothing; a
file whose name (or front-matter title) names one service is about it when nothing else says; a table cell
takes its subject from a column header or a first cell that names a service. :class:`SectionRules` is mixed
into the extractor (:mod:`graph.read.extraction`).

Examples
--------
>>> from graph.read.outline import read_outline
>>> from graph.read.extraction import extract
>>> facts = extract([read_outline("# DynamoDB\\n## Streams\\n- kept 24 hours\\n", "n.md")])
>>> [lim.service for lim in facts.limits]
['dynamodb']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from graph.read.catalog import Mention, slug
from graph.read.context import ItemContext, Section
from graph.read.facts import Source
from graph.read.outline import Item, Outline
from graph.read.phrases import (
    is_feature_name,
    is_section_word,
    split_alias,
)
from graph.read.quantities import expand_abbreviations

__all__ = ["SectionRules"]

_LIMIT_WORDS = re.compile(r"\b(?:limits?|max(?:imum)?|quotas?|up to|at most)\b", re.I)
_STARTS_WITH_NUMBER = re.compile(r"^\W{0,3}\d")


class SectionRules:
    """Sections of the extractor: headings, rows and file names."""

    def row(self, item: Item, source: Source, section: Section) -> ItemContext:
        """A table row, cell by cell: a column header or the row's first cell that names a service is the
        subject of the cell; a bare value is read with what names it, the row's first cell ("Max item size |
        400 KB") or, in a row about a service, the column header ("DynamoDB | 400 KB" under "Item size")."""
        row_service = self.named_service(item.cells[0])
        context = ItemContext(section.subject, None, section.feature)
        for index, cell in enumerate(item.cells):
            if not cell.strip():
                continue
            header = item.header[index] if index < len(item.header) else ""
            column_service = self.named_service(header)
            subject = column_service or row_service or section.subject
            text, kind = cell, "bullet"
            if index > 0 and _STARTS_WITH_NUMBER.match(cell):  # a bare value: its row or column names it
                first = item.cells[0].strip()
                quantity = header if row_service or not first or _STARTS_WITH_NUMBER.match(first) else first
                if quantity and not column_service:  # a table of limits gives maxima; any other, plain values
                    limits = _LIMIT_WORDS.search(f"{' '.join(item.header)} {quantity}")
                    text, kind = (f"{quantity}: up to {cell}" if limits else f"{quantity}: {cell} {quantity}"), "cell"
            cell_section = Section(subject, section.group, section.inferred, None if subject != section.subject
                                    else section.feature)  # fmt: skip
            cell_item = replace(item, kind=kind, text=text, cells=(), header=())
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

    def heading(self, item: Item, source: Source, above: str | None) -> Section:
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
            return Section(key, None, None, feature)
        label, alias = split_alias(text)
        label = re.sub(r"^(?:the|an?)\s+", "", label, flags=re.I)
        if above is not None and label and not is_section_word(label):
            if len(mentions) == 1 and "Feature" in self.classes(mentions[0].key):
                feature = self.entity(mentions[0].key, source)
            elif is_feature_name(label) and not re.search(r"\d", label):
                feature = self.entity(slug(label), source, label, ("Feature",))
                if alias:
                    self.drafts[feature].aliases[alias] = None
            else:
                feature = None
            if feature:
                self.relate(above, "hasFeature", feature, source)
            return Section(above, None, None, feature)
        if above is not None:
            return Section(above, None, None, None)
        group = next((self.catalog.groups[w] for w in words if w in self.catalog.groups), None)
        if group is not None or len(mentions) > 0 or not text.strip():
            return Section(None, group or None, None, None)
        if not label or len(label.split()) > 5:
            return Section(None, None, None, None)
        key = self.entity(slug(label), source, label, ("Service",) if alias else ("Concept",))
        if alias:
            self.drafts[key].aliases[alias] = None
        self.heading_only.setdefault(key, None)
        return Section(key, None, None, None)

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

    def infer(self, items: Sequence[Item], start: int, own: str | None) -> Section:
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
                return Section(key, None, Source("", 0, rule), None)
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
            return Section(best, None, Source("", 0, rule), None)
        return Section(own, None, None, None)
