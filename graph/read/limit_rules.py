"""Limit rules: the bounds of an item → one typed limit per service and quantity, named the same way across services.

:class:`LimitRules` is mixed into the extractor (:mod:`graph.read.extraction`), whose entity table it uses
(``entity``, ``label``, ``classes``, ``resolve``, ``find``, ``relate``, ``catalog``).

Examples
--------
>>> _lead("message retention up to ")
'message retention'
>>> _combine([(None, Decimal(1)), (None, Decimal(35))])
(Decimal('1'), Decimal('35'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from graph.read.catalog import slug
from graph.read.facts import Limit, Source
from graph.read.measures import bounds_text
from graph.read.phrases import singular, spelled
from graph.read.quantities import DIMENSIONS, Bound
from graph.read.quantity_names import (
    as_written,
    capitalised,
    cleaned,
    ends_in_conjunction,
    nominal,
    once,
    plural,
    verb_lemma,
)

__all__ = ["LimitRules"]

_TIME_MEASURES = (
    (re.compile(r"\bretention|\bretain|\bstored\b|\bkept\b|\bkeeps?\b|\bstores?\b", re.I), "retention"),
    (re.compile(r"\btimeout|\btime\s*out|\bruns?\s+for\b|\bexecution\b", re.I), "timeout"),
    (re.compile(r"\blatenc|\blag\b|\bdelay", re.I), "latency"),
    (re.compile(r"\binterval|\bevery\b", re.I), "interval"),
    (re.compile(r"\brestorable|\brestore\s+point|\brecovery\s+point", re.I), "restore lag"),
    (re.compile(r"\bwindow\b", re.I), "window"),
    (re.compile(r"\bafter\b", re.I), "delay"),
)
#: The last thing done before a number ("archived to S3 every"), not a phrasal verb ("backed up").
_DONE = re.compile(r"\b([a-z]{3,}ed)\b(?!\s+(?:up|out|off|in|on|down|by)\b)(?!.*\b[a-z]{3,}ed\b)", re.I)
#: A number that is a step of growth ("in increments of 10 GB", "in 10 GB steps"), not a bound.
_STEP_BEFORE = re.compile(r"\b(?:increments?|steps?|chunks?)\s+of\s*$", re.I)
_STEP_AFTER = re.compile(r"[\s-]*(?:increments?|steps?|chunks?)\b", re.I)
#: A time cue said as a verb: the words with it name what is kept or run, not the measure.
_VERB_CUE = re.compile(r"\b(?:retains?|keeps?|kept|stores?|stored|runs?|waits?)\b", re.I)
#: "... for Oracle" right after a bound (and what it counts), up to the end of the clause.
_FOR_ENGINE = re.compile(r"[^;:()\d]{0,30}?\bfor\s+(?:the\s+|an?\s+)?([^;:()\d]*)", re.I)
#: Cue words at the end of the words before a number ("... or up to ").
_CUES_AT_END = re.compile(r"(?:\s|\b(?:up|to|at|most|max|maximum|min|minimum|about|around|only|least))*$", re.I)


_SIZE_MEASURES = (
    (re.compile(r"\bitems?\b", re.I), "item size"),
    (re.compile(r"\bobjects?\b", re.I), "object size"),
    (re.compile(r"\bmemory|\bram\b", re.I), "memory"),
    (re.compile(r"\bvolumes?\b", re.I), "volume size"),
    (re.compile(r"\bfiles?\b", re.I), "file size"),
    (re.compile(r"\bput\b|\bupload", re.I), "upload size"),
    (re.compile(r"\bstorage|\bstore|\bdisk|\bscale|\bgrows?\b|\bnode\b", re.I), "storage"),
)


_TIME_WORD = re.compile(
    r"\b(?:retention|retain|timeout|latency|lag|delay|interval|window|duration|period|ttl|time|age|wait|expir\w*"
    r"|polling|cooldown|lifetime|restore)\b",
    re.I,
)
_PER = re.compile(r"\s*(?:per|/)\s+(?:an?\s+|each\s+)?([a-z][a-z-]{2,20})\b", re.I)
_RATE_NOUN = re.compile(r"\b(?:iops|tps|rps|capacity units?|rcus?|wcus?)\b|per\s+sec|/\s?s\b", re.I)
_BACKUP = re.compile(r"\bbackups?\b|\bsnapshots?\b|\bpitr\b|point.in.time|\brecovery\b", re.I)


@dataclass
class _LimitDraft:
    """A limit while it is being collected."""

    name: str
    min: Decimal | None
    max: Decimal | None
    unit: str
    sources: dict[Source, None]
    engine: str | None = None


_LEAD_DROP = {
    "up", "to", "at", "most", "max", "maximum", "limit", "limited", "of", "from", "is", "are", "between", "under",
    "below", "a", "an", "the", "per", "min", "minimum", "least", "within", "starts", "starting", "as", "many",
    "no", "more", "than", "scales", "scale", "grows", "grow", "waits", "wait", "takes", "lasts", "kept", "keeps",
    "about", "around", "approximately", "approx", "roughly", "nearly", "almost", "after", "only", "for",
}  # fmt: skip


_LEAD_OPENERS = {
    "to", "and", "or", "of", "for", "with", "in", "on", "at", "by", "from", "than", "as", "is", "are", "be",
}  # fmt: skip
_LEAD_VERBS = {
    "has", "have", "holds", "hold", "supports", "support", "gets", "get", "takes", "take", "uses", "use",
    "needs", "need", "allows", "allow", "offers", "offer", "provides", "provide", "gives", "give",
}  # fmt: skip
_LEAD_REJECT = {"there", "it", "this", "that", "can", "will", "may", "must", "go", "goes", "be", "you", "we", "they"}


def _lead(before: str) -> str:
    """The few words naming a quantity before its number ('' when there are none).

    >>> _lead("message retention up to "), _lead("there is a limit of "), _lead("delay queues: delay up to ")
    ('message retention', '', 'delay')
    >>> _lead("IOPS up to 16000 and throughput up to "), _lead("each snowmobile has ")
    ('throughput', 'each snowmobile')
    >>> _lead("grows in increments of 10GB, up to "), _lead("gp2 volumes up to ")
    ('', '')
    """
    parts = [p for p in before.split(":") if p.strip()]
    tail = parts[-1] if parts else ""
    if len(parts) > 1 and not re.sub(r"\b(?:up|to|at|most|max|maximum|min|minimum|from)\b", "", tail).strip():
        tail = parts[-2]
    words = re.findall(r"(?<![\w.])[A-Za-z0-9/][\w/.-]*", tail)
    numbers = [i for i, w in enumerate(words) if w[:1].isdigit()]
    if numbers:  # "in increments of 10GB, up to": the words before another number are not this one's
        words = words[numbers[-1] + 1 :]
    while words and words[-1].lower() in _LEAD_DROP:
        words.pop()
    words = [w for w in words[-3:] if w.lower() not in ("a", "an", "the")]
    while words and words[0].lower() in _LEAD_OPENERS:  # "... 16000 and throughput up to": throughput
        words.pop(0)
    while words and words[-1].lower() in _LEAD_VERBS:  # "each snowmobile has 100 PB": no verb in the name
        words.pop()
    if not words or any(w.lower() in _LEAD_REJECT for w in words) or any(c.isdigit() for w in words for c in w):
        return ""
    return " ".join(words).strip("/").lower()


def _combine(values: list[tuple[Decimal | None, Decimal | None]], *,
             widen: bool = True) -> tuple[Decimal | None, Decimal | None]:  # fmt: skip
    """Bounds in one unit on one quantity → (min, max).

    A second bare value beside a maximum is read as the minimum ("1 day retention (max 35)").

    >>> _combine([(None, Decimal(1)), (None, Decimal(35))])
    (Decimal('1'), Decimal('35'))
    >>> _combine([(Decimal(1), None), (None, Decimal(35))], widen=False)
    (Decimal('1'), Decimal('35'))
    """
    los = [lo for lo, _ in values if lo is not None]
    his = [hi for _, hi in values if hi is not None]
    lo = min(los) if los else None
    hi = max(his) if his else None
    if widen and lo is None and len(his) > 1:
        lo = min(his)
    return lo, hi


def _kind(lo: Decimal | None, hi: Decimal | None) -> str:
    """``range``, ``max``, ``min`` or ``value`` (both ends the same: a default).

    >>> _kind(None, Decimal(5)), _kind(Decimal(1), Decimal(35)), _kind(Decimal(4), Decimal(4))
    ('max', 'range', 'value')
    """
    if lo is not None and hi is not None:
        return "value" if lo == hi else "range"
    return "max" if hi is not None else "min"


class LimitRules:
    """Typed limits of the extractor: ``limits`` maps (service, quantity) to a draft."""

    limits: dict[tuple[str, str, str | None, str, int], _LimitDraft]
    limit_index: dict[tuple[str, str, str | None, str], list[tuple[str, str, str | None, str, int]]]

    def add_limits(self, bounds: list[tuple[str, Bound, str]], about: str | None, feature: str | None,
                   name: str, source: Source) -> None:  # fmt: skip
        """The limits of one item: one per service, quantity and unit, a bound "per" something its own quantity.

        A bare number right after a named one, in the same dimension, is more of that quantity and takes its
        unit ("1 day retention (max 35)", "64000 for Nitro & 32000 for others"); two maxima stay two limits, a
        plain value beside a maximum makes the range's low end, the same value said twice is one.
        """
        if not about or not bounds:
            return
        Slot = tuple[str, str | None, str, int]  # quantity, engine, unit, number
        merged: dict[Slot, tuple[str, list[tuple[Decimal | None, Decimal | None, str, str]]]] = {}
        previous: tuple[str, str, str, str | None] | None = None
        previous_kind = ""
        steps: list[tuple[int, Bound]] = []
        named: list[tuple[int, str, str, str, str | None]] = []  # where, dimension, quantity, label, engine
        for at, (clause, bound, text) in enumerate(bounds):
            if _STEP_BEFORE.search(clause, 0, bound.start) or _STEP_AFTER.match(clause, bound.end):
                steps.append((at, bound))  # "grows in 10 GB increments": a step, no bound of the quantity
                continue
            unit = bound.unit
            per = _PER.match(clause, bound.end)
            same = previous and DIMENSIONS.get(previous[2], "count") == DIMENSIONS.get(unit, "count")
            if not bound.noun and previous and not per and (same or (unit == "NUM" and previous[2] != "NUM")):
                quantity, label, unit, engine = previous[0], previous[1], unit if same else previous[2], previous[3]
                if bound.kind == "plain" and previous_kind == "max":  # "max 64000 for Nitro & 32000 for other"
                    bound = replace(bound, unit=unit, kind="max")
            else:
                if unit == "NUM" and not bound.noun and name:
                    bound = replace(bound, noun=name)
                quantity, label = self.quantity(clause, text, bound, unit, feature, about)
                quantity, label, engine = self.canonical(quantity, label, unit, about)
                engine = (
                    engine
                    or self.engine_after(clause, bound.end)
                    or self.engine_named(clause[: bound.start], name, feature, about)
                )
                if per and singular(per.group(1)) in label.lower():  # "object size: 5 TB per object"
                    per = None
                if per:  # "512 TB per gateway": a bound per gateway, not another value of the volume size
                    quantity, label = f"{quantity}-per-{slug(per.group(1))}", f"{label} per {per.group(1).lower()}"
            previous, previous_kind = (quantity, label, unit, engine), bound.kind
            named.append((at, DIMENSIONS.get(unit, "count"), quantity, label, engine))
            kind = bound.kind
            if kind == "default":  # a default is a value of its own, neither a minimum nor a maximum
                value = bound.max if bound.max is not None else bound.min
                label = re.sub(r"^(?:default\s+)+", "", label, flags=re.I) or "value"
                quantity, label = f"default-{slug(label)}", f"Default {label[:1].lower()}{label[1:]}"
                bound = replace(bound, min=value, max=value, unit=unit)
            n = 0
            while (quantity, engine, unit, n) in merged and kind == "max" and any(
                k == "max" and hi != bound.max for _, hi, _, k in merged[(quantity, engine, unit, n)][1]
            ):  # fmt: skip
                n += 1
            merged.setdefault((quantity, engine, unit, n), (label, []))[1].append((bound.min, bound.max, unit, kind))
        for at, bound in steps:  # the step of the nearest quantity of its kind: "Storage increment = 10 GB"
            near = sorted((abs(at - where), q, lab, e) for where, dim, q, lab, e in named
                          if dim == DIMENSIONS.get(bound.unit, "count"))  # fmt: skip
            if near:
                _, quantity, label, engine = near[0]
                value = bound.max if bound.max is not None else bound.min
                step = (f"{quantity}-increment", engine, bound.unit, 0)
                merged.setdefault(step, (f"{label} increment", []))[1].append((value, value, bound.unit, "step"))
        for (quantity, engine, unit, _), (label, values) in merged.items():
            said = {hi for _, hi, _, k in values if k != "plain" and hi is not None}
            said |= {lo for lo, _, _, k in values if k != "plain" and lo is not None}
            kept = [(lo, hi) for lo, hi, _, k in values if not (k == "plain" and hi in said)] or [values[0][:2]]
            kept = list(dict.fromkeys(kept))  # the same bound said twice ("up to 16 TB ... (upto 16 TB)") is one
            self.limit(about, quantity, label, *_combine(kept), unit, source, engine)

    def quantity(self, clause: str, text: str, bound: Bound, unit: str, feature: str | None,
                 about: str) -> tuple[str, str]:  # fmt: skip
        """(key, label) of what a bound is about."""
        context = self.label(feature) if feature else ""
        own = self.label(about)
        if context.lower().startswith(own.lower() + " "):
            context = context[len(own) + 1 :]
        if re.search(r",|&|\band\b|\bor\b", context) or len(context.split()) > 3:
            context = ""  # a section's title ("Operations, consistency and performance"), not a thing measured
        dimension = "rate" if bound.dimension == "rate" else DIMENSIONS.get(unit, "count")
        if dimension in ("count", "rate") and bound.noun:
            key = self.resolve(bound.noun) or self.abbreviation(bound.noun)
            if key:
                self.entity(key, None)
                return key, self.label(key)
            noun = as_written(spelled(bound.noun, self.catalog), clause)
            if unit == "NUM-PER-SEC" and "per second" not in noun and not _RATE_NOUN.search(noun):
                noun = f"{noun} per second"
            prefix = singular(context) if context and context.lower() not in noun.lower() else ""
            name = f"{prefix} {noun}".strip()
            return slug(singular(name)), capitalised(name)
        before = clause[: bound.start]
        alternative = ends_in_conjunction(re.sub(_CUES_AT_END, "", before))  # "25 items or 4 MB": not "items"
        lead = "" if alternative else cleaned(self.without_service(_lead(before), about), start=False)
        if dimension == "time":
            cue, measure = next(((pattern, m) for pattern, m in _TIME_MEASURES if pattern.search(clause)), (None, None))
            if lead and not (measure == "retention" and _BACKUP.search(text)):
                said = cue.search(lead) if cue else None
                if not measure or _TIME_WORD.search(lead) and not _VERB_CUE.search(lead):  # "message retention"
                    measure = lead
                elif said is None and not all(w in context.lower() for w in lead.lower().split()):
                    words = singular(lead).split()  # "messages kept 4 days": message retention, not "messages"
                    measure = " ".join([*words[:-1], nominal(words[-1]), measure])  # "consistent after": delay
                elif said is not None and said.start() > 0:  # "streams retain data for 24 hours": stream retention
                    measure = f"{singular(lead[: said.start()].strip())} {measure}"
                # else the lead is only the cue ("keep records for 24 hours"): the measure alone, retention
            measure = measure or next((m for pattern, m in _TIME_MEASURES if pattern.search(text)), "duration")
            if measure == "retention" and (_BACKUP.search(text) or (feature and _BACKUP.search(context))):
                name = "backup retention"
            elif context and not measure.lower().startswith(singular(context)):
                name = f"{singular(context)} {measure}"
            else:
                name = measure
            if name in ("interval", "delay", "duration", "window"):  # "archived to S3 every 5 minutes"
                done = _DONE.search(before)
                name = f"{verb_lemma(done.group(1).lower())} {name}" if done else name
        elif dimension == "size":
            engines = {m.key for m in self.find(clause) if "Engine" in self.classes(m.key)}
            measure = f"{self.label(engines.pop())} storage" if len(engines) == 1 else lead  # one engine only
            if not measure and not alternative:
                measure = next((m for pattern, m in _SIZE_MEASURES if pattern.search(clause)), None)
            if not measure and context:  # the feature in force names what the size is of
                measure = context if re.search(r"size|storage|memory", context, re.I) else f"{singular(context)} size"
            name = measure or next((m for pattern, m in _SIZE_MEASURES if pattern.search(text)), "size")
        elif dimension == "rate":  # a data rate with no noun: "125 MiB/s"
            measure = lead if lead and not re.search(r"\b(?:max|min)\b", lead) else "throughput"
            name = f"{singular(context)} {measure}".strip() if context else measure
        elif dimension == "percent":
            word = re.search(r"\b(availability|durability|uptime|sla)\b", text, re.I)
            name = word.group(1).lower() if word else "percentage"
        else:
            name = f"{singular(context)} count".strip() if context else "count"
        return slug(singular(name)), name[:1].upper() + name[1:]

    def canonical(self, key: str, label: str, unit: str, about: str) -> tuple[str, str, str | None]:
        """(key, label, engine) of a quantity named one way for one meaning across services.

        Cue words and hedges at either end go ("Items or" → "Items"); a leading engine name becomes the
        qualifier ("MySQL read replicas" → read replicas for MySQL) and the service's own name goes ("Aurora
        Replicas" of Aurora → read replicas, when the rest names a quantity); a counted concept is plural
        ("Availability Zone" 3 → "Availability Zones").
        """
        name = cleaned(once(label)) or label
        engine = None
        words = name.split()
        for i in range(min(3, len(words) - 1), 0, -1):  # the longest name first
            head = self.resolve(" ".join(words[:i]))
            rest = cleaned(" ".join(words[i:]))
            if head is None or not rest or not re.search(r"[a-z]", rest, re.I):
                continue
            if "Engine" in self.classes(head) and not self.is_service(head):
                engine, name = head, rest
                break
            if head == about and (self.resolve(rest) or words[i:] != name.split()[i:]):
                name = rest
                break
        if name == label and engine is None and DIMENSIONS.get(unit, "count") != "count":
            return key, label, None
        known = self.resolve(name) or self.abbreviation(name) if name != label or engine else None
        known = known or (key if key in self.catalog.entries else None)
        if known and (self.is_service(known) or "Engine" in self.classes(known)):
            known = None  # a service or an engine is no quantity
        if unit == "NUM" and (known is None or "Feature" not in self.classes(known)):
            counted = plural(self.label(known) if known else name)
            if counted != (self.label(known) if known else name):
                return slug(counted), capitalised(counted), engine
        if known:
            self.entity(known, None)
            return known, self.label(known), engine
        if name == label:
            return key, label, engine
        return slug(singular(name)), capitalised(name), engine

    def engine_after(self, clause: str, end: int) -> str | None:
        """The one engine a bound is said to hold for right after it ("max 5 RR for Oracle"); None for several."""
        said = _FOR_ENGINE.match(clause, end)
        if said is None:
            return None
        found = [m for m in self.find(said.group(1)) if "Engine" in self.classes(m.key) and not self.is_service(m.key)]
        return found[0].key if len(found) == 1 and found[0].start == 0 else None

    def engine_named(self, before: str, name: str, feature: str | None, about: str) -> str | None:
        """The one engine a line's limits hold for, named before them: the heading in force ("## SQL Server"),
        the line's name ("Redis: up to 500 nodes") or the line's subject ("Aurora PostgreSQL supports up to 15
        replicas"); None where several engines or none are named, or an engine is only an object ("RDS supports
        MySQL, max 5 ...")."""
        if feature and self.is_engine(feature):
            return feature
        named = {m.key for m in self.find(name) if self.is_engine(m.key)} if name else set()
        if len(named) == 1:
            return named.pop()
        found = self.find(before)
        engines = [m for m in found if self.is_engine(m.key)]
        if len({m.key for m in engines}) != 1:
            return None
        lead = before[: engines[0].start]
        for m in reversed([m for m in found if m.key == about and m.end <= engines[0].start]):
            lead = lead[: m.start] + lead[m.end :]
        return engines[0].key if not re.search(r"[a-z0-9]", lead, re.I) else None

    def is_engine(self, key: str) -> bool:
        """True for an engine that is not also a service."""
        return "Engine" in self.classes(key) and not self.is_service(key)

    def abbreviation(self, noun: str) -> str | None:
        """The catalog key of a short noun written in lower case that names an abbreviation ('az' → AZ, 'rrs')."""
        if len(noun) > 5 or not noun.isalpha():
            return None
        return self.resolve(noun.upper()) or self.resolve(noun[:-1].upper() + "s")

    def without_service(self, words: str, about: str) -> str:
        """``words`` without the service's own name ("aws sms supports" of SMS → '', "each snowmobile" → 'each')."""
        for m in reversed(self.find(words)):
            if m.key == about:
                words = words[: m.start] + words[m.end :]
        words = re.sub(r"\b(?:aws|amazon|each|every|its?|their)\b", " ", words)
        return " ".join(words.split())

    def limit(self, about: str, quantity: str, name: str, lo: Decimal | None, hi: Decimal | None, unit: str,
              source: Source, engine: str | None = None) -> None:  # fmt: skip
        """Record a limit (for one ``engine`` of the service, or all). The same bound noted again adds its line; a
        minimum and a maximum noted apart make one range; notes that disagree (32 TB here, 16 TB there) stay
        separate limits, so neither value is lost."""
        drafts = self.limit_index.setdefault((about, quantity, engine, unit), [])
        for key in drafts:
            draft = self.limits[key]
            same = (draft.min, draft.max) == (lo, hi)
            apart = (draft.min is None) != (lo is None) and (draft.max is None) != (hi is None)
            if same or apart:
                draft.min, draft.max = _combine([(lo, hi), (draft.min, draft.max)], widen=False)
                draft.sources[source] = None
                self.entity(quantity, source)
                return
        key = (about, quantity, engine, unit, len(drafts))
        self.limits[key] = _LimitDraft(name, lo, hi, unit, {source: None}, engine)
        drafts.append(key)
        self.entity(quantity, source, name, ("Concept",))
        if engine:
            self.entity(engine, source)
        if "Feature" in self.classes(quantity):
            self.relate(about, "hasFeature", quantity, source)

    def limit_facts(self) -> tuple[Limit, ...]:
        """The limits, keyed ``service[-engine]-quantity-max|min|range|value``, then the unit and a number where
        one service has several limits of that kind on the quantity. A limit for one engine is related to it
        (``forEngine``)."""
        drafts = self.limits
        limits = []
        keys: dict[tuple, str] = {}
        for slot, d in drafts.items():
            about, quantity, engine, _, _ = slot
            keys[slot] = f"{about}-{engine + '-' if engine else ''}{quantity}-{_kind(d.min, d.max)}"
        counts: dict[str, int] = {}
        for key in keys.values():
            counts[key] = counts.get(key, 0) + 1
        for slot, d in drafts.items():
            about, quantity, engine, unit, n = slot
            kind = _kind(d.min, d.max)
            value = bounds_text(d.min, d.max, d.unit)
            own = self.label(about)
            named = d.name if d.name.lower().startswith(own.lower() + " ") else f"{own} {d.name}"
            if engine:
                named = f"{own} {self.label(engine)} {named[len(own) + 1 :]}"
            label = f"{named} {'= ' if kind == 'value' else ''}{value}"
            key = keys[slot]
            if counts[key] > 1:
                key += "-" + slug(unit) + (f"-{n + 1}" if n else "")
            limits.append(Limit(key, about, quantity, d.min, d.max, d.unit, label, tuple(d.sources)))
            if engine:
                for source in d.sources:
                    self.relate(key, "forEngine", engine, source)
        return tuple(limits)
