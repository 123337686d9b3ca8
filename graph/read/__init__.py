"""Read: takes the text of notes files (Markdown or plain text) and gives facts, with no RDF yet: an outline
of headings, bullets, text and table rows, each with its file and line; the names, quantities and relations
the notes state; and a report of what was and was not understood, line by line.
"""

from graph.read.catalog import Catalog, CatalogEntry, Mention, load_catalog, slug
from graph.read.extraction import extract
from graph.read.facts import Entity, Facts, Limit, Relation, Source
from graph.read.outline import Item, Outline, decode_notes, is_markdown, read_outline
from graph.read.quantities import Bound, convert, find_bounds

__all__ = [
    "read_outline", "decode_notes", "is_markdown", "Item", "Outline",
    "Catalog", "CatalogEntry", "Mention", "load_catalog", "slug",
    "extract", "Facts", "Entity", "Limit", "Relation", "Source",
    "Bound", "find_bounds", "convert",
]  # fmt: skip
