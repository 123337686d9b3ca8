"""The facts model: what extraction finds in notes, before it becomes RDF.

Plain frozen dataclasses shared by :mod:`graph.read.extraction` (which makes them) and
:mod:`graph.rdf.triples` (which turns them into triples). Keys are the stable slugs
used as ``cid:`` IRIs; class, predicate and unit names are the local names of
``ca:`` classes and properties and of QUDT units.

Examples
--------
>>> src = Source("aws.md", 13, "- Up to 5 read replicas")
>>> Limit("rds-read-replicas-max", "rds", "read-replicas", None, Decimal(5), "NUM",
...       "RDS read replicas ≤ 5", (src,)).max
Decimal('5')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

__all__ = ["Source", "Entity", "Limit", "Relation", "Facts", "Decimal"]


class Source(NamedTuple):
    """One line of a notes file that a fact came from (a named tuple: cheap to hash, as it keys many dicts).

    ``inferred_subject`` is the key of the subject extraction gave a block
    whose heading was lost, and ``inferred_by`` says how it found it.
    """

    file: str
    line: int
    text: str
    inferred_subject: str | None = None
    inferred_by: str | None = None


@dataclass(frozen=True)
class Entity:
    """A thing named in notes: a service, engine, feature or concept.

    ``classes`` holds ``ca:`` class local names such as ``"DatabaseService"``.
    """

    key: str
    label: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    comment: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Limit:
    """A quantitative bound of one service on one quantity (``ca:Limit``).

    ``bounds`` is the key of the Feature or Concept the limit is about; ``unit``
    a QUDT unit local name (``"NUM"``, ``"KiloBYTE"``, ``"DAY"`` ...).
    """

    key: str
    service: str
    bounds: str
    min: Decimal | None
    max: Decimal | None
    unit: str
    label: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A noted statement between two entities, e.g. ``rds supportsEngine mysql``.

    ``predicate`` is a ``ca:`` property local name such as ``"caches"`` or
    ``"notAvailableFor"``.
    """

    subject: str
    predicate: str
    object: str
    source: Source


@dataclass(frozen=True)
class Facts:
    """Everything extracted from a set of notes."""

    entities: tuple[Entity, ...] = ()
    limits: tuple[Limit, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[Source, ...] = field(default=())
