"""The CloudAtlas ontology: the ``ca:`` vocabulary, its SHACL shapes and example queries.

>>> ONTOLOGY_FILE.name, SHAPES_FILE.name
('cloudatlas.ttl', 'shapes.ttl')
>>> ONTOLOGY_FILE.is_file()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_DIR", "ONTOLOGY_FILE", "SHAPES_FILE", "QUERIES_DIR", "CACHING_FILE", "MIGRATION_FILE"]

#: The folder of this package.
ONTOLOGY_DIR = Path(__file__).resolve().parent
#: The ontology, in Turtle.
ONTOLOGY_FILE = ONTOLOGY_DIR / "cloudatlas.ttl"
#: SHACL shapes of well-noted data, in Turtle.
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
#: Named example queries (``*.rq``).
QUERIES_DIR = ONTOLOGY_DIR / "queries"
#: The caching rules: which cache can front which service, with their documentation pages (TOML).
CACHING_FILE = ONTOLOGY_DIR / "caching.toml"
#: The schema conversions of the Schema Conversion Tool: from which engine to which, with their pages (TOML).
MIGRATION_FILE = ONTOLOGY_DIR / "migration.toml"
