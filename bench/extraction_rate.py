"""Extraction throughput on one core: notes files → outline → facts, each file on its own, in this process.

:func:`extraction_rate` reads and extracts every file in turn, as
:func:`graph.rdf.pipeline.build_store` does for each file, best of ``repeat``
passes over all of them, and gives lines, outline items and bullets per second.

Examples
--------
>>> rate = extraction_rate([("a.md", b"## RDS\\n\\n- Up to 15 read replicas\\n- Multi-AZ\\n")], repeat=1)
>>> rate["files"], rate["lines"], rate["items"], rate["bullets"], rate["items_per_s"] > 0
(1, 4, 3, 2, True)
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from types import ModuleType

from graph.read.outline import Outline, decode_notes, read_outline

__all__ = ["extract_function", "extraction_rate", "distinct_share"]


def extract_function() -> Callable:
    """The extractor, ``extract(outlines) -> Facts``, wherever :mod:`graph.read` keeps it.

    >>> extract_function().__name__
    'extract'
    """
    import graph.read

    found = getattr(graph.read, "extract", None)
    if callable(found) and not isinstance(found, ModuleType):
        return found
    for name in ("graph.read.extraction", "graph.read.extract"):
        try:
            return importlib.import_module(name).extract
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError("no extract() in graph.read")


def distinct_share(outlines: Sequence[Outline]) -> float:
    """Share of non-heading items whose text is new in its file (extraction works out a repeated text once).

    >>> distinct_share([read_outline("- Limits\\n- Up to 5\\n- Limits\\n- Limits\\n", "a.md")])
    0.5
    """
    items = [[item.text for item in outline.items if item.kind != "heading"] for outline in outlines]
    total = sum(len(texts) for texts in items)
    return sum(len(set(texts)) for texts in items) / total if total else 1.0


def extraction_rate(files: Sequence[tuple[str, bytes]], repeat: int = 5) -> dict:
    """Lines, items and bullets per second of reading and extracting ``(name, bytes)`` files one by one.

    The time is the shortest of ``repeat`` passes over all the files; ``lines``
    counts every line of the files, ``items`` the outline items (headings,
    bullets, lines of text, table rows) and ``bullets`` the bullet items.
    """
    extract = extract_function()

    def one_pass() -> list[Outline]:
        outlines = []
        for name, data in files:
            outline = read_outline(decode_notes(data, name), name)
            extract([outline])
            outlines.append(outline)
        return outlines

    best = float("inf")
    outlines: list[Outline] = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        outlines = one_pass()
        best = min(best, time.perf_counter() - start)
    lines = sum(len(data.decode("utf-8", "replace").splitlines()) for _, data in files)
    items = sum(len(outline.items) for outline in outlines)
    bullets = sum(item.kind == "bullet" for outline in outlines for item in outline.items)
    return {
        "files": len(files),
        "lines": lines,
        "items": items,
        "bullets": bullets,
        "distinct_bullet_share": distinct_share(outlines),
        "seconds": best,
        "lines_per_s": lines / best if best else 0.0,
        "items_per_s": items / best if best else 0.0,
        "bullets_per_s": bullets / best if best else 0.0,
    }
