"""Colours and legend order by class, shared by the browser view and the image export.

A node with several classes takes the colour of the first of them in
:data:`LEGEND` order, so CloudFront (CacheService, NetworkingService) is drawn
as a cache.

Examples
--------
>>> colour_for(("NetworkingService", "CacheService"))
'#e45756'
>>> primary_class(("Engine",))
'Engine'
>>> colour_for(())
'#9d9d9d'
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["LEGEND", "OTHER", "primary_class", "colour_for", "legend_for", "class_text"]

#: (class, legend text, colour), most specific first.
LEGEND: tuple[tuple[str, str, str], ...] = (
    ("DatabaseService", "Database service", "#4c78a8"),
    ("DataWarehouse", "Data warehouse", "#1f4e79"),
    ("CacheService", "Cache service", "#e45756"),
    ("MigrationService", "Migration service", "#f58518"),
    ("AnalyticsService", "Analytics service", "#b279a2"),
    ("StorageService", "Storage service", "#72b7b2"),
    ("ComputeService", "Compute service", "#54a24b"),
    ("NetworkingService", "Networking service", "#9467bd"),
    ("SecurityService", "Security service", "#8c564b"),
    ("IntegrationService", "Integration service", "#17becf"),
    ("Service", "Other service", "#2ca02c"),
    ("Engine", "Engine", "#eeca3b"),
    ("Feature", "Feature", "#ff9da6"),
    ("Limit", "Limit", "#bab0ac"),
    ("Concept", "Concept", "#d4a6c8"),
    ("Note", "Note", "#cccccc"),
)
OTHER = ("", "Other", "#9d9d9d")
_ORDER = {cls: i for i, (cls, _, _) in enumerate(LEGEND)}
_COLOURS = {cls: colour for cls, _, colour in LEGEND}
_TEXTS = {cls: text for cls, text, _ in LEGEND}


def class_text(classes: Iterable[str]) -> str:
    """The legend's words for classes, in legend order: ``("CacheService", "NetworkingService")`` -> their names.

    >>> class_text(("NetworkingService", "CacheService"))
    'Cache service, Networking service'
    >>> class_text(()), class_text(("Gadget",))
    ('Other', 'Gadget')
    """
    known = sorted((c for c in classes if c in _TEXTS), key=_ORDER.__getitem__)
    words = [_TEXTS[c] for c in known] + sorted(c for c in classes if c not in _TEXTS)
    return ", ".join(dict.fromkeys(words)) or OTHER[1]


def primary_class(classes: Iterable[str]) -> str:
    """The class a node is drawn as: the first of its classes in legend order ('' for none)."""
    known = [c for c in classes if c in _ORDER]
    return min(known, key=_ORDER.__getitem__) if known else ""


def colour_for(classes: Iterable[str]) -> str:
    """The fill colour of a node with these classes."""
    return _COLOURS.get(primary_class(classes), OTHER[2])


def legend_for(class_sets: Iterable[Iterable[str]]) -> list[tuple[str, str, str]]:
    """Legend rows (class, text, colour) for the classes actually drawn, in legend order.

    >>> [row[0] for row in legend_for([("Engine",), ("CacheService", "Service")])]
    ['CacheService', 'Engine']
    """
    drawn = {primary_class(c) for c in class_sets}
    rows = [row for row in LEGEND if row[0] in drawn]
    return rows + ([OTHER] if "" in drawn else [])
