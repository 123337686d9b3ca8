"""What the extraction rules pass to each other: a section's subject and an item's context (pure data).

Examples
--------
>>> Section("dynamodb", None, None, "dynamodb-streams").feature
'dynamodb-streams'
>>> "DataWarehouse" in SERVICE_CLASSES
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from graph.read.facts import Source

__all__ = ["Section", "ItemContext", "SERVICE_CLASSES"]

#: The ``ca:`` classes of services.
SERVICE_CLASSES = {
    "Service", "DatabaseService", "DataWarehouse", "CacheService", "MigrationService", "AnalyticsService",
    "NetworkingService", "StorageService", "ComputeService", "SecurityService", "IntegrationService",
}  # fmt: skip


class Section(NamedTuple):
    """What a heading opens: its subject service, the group class of its members, how a lost heading was
    inferred, and the feature it names (a sub-heading under a service)."""

    subject: str | None
    group: str | None
    inferred: Source | None
    feature: str | None


@dataclass
class ItemContext:
    """What an item is about: its subject service, its own head and the feature in force."""

    subject: str | None
    head: str | None
    feature: str | None
