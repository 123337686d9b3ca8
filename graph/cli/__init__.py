"""The command line: ``python -m graph build|query|analyze|export``.

Takes notes files, folders, RDF files, an on-disk store or a SPARQL endpoint, and gives RDF, query results,
analysis tables and pictures; each sub-command is parsed and run by a module of its own (``main``, ``analyze``,
``export``).
"""

# ``main`` (the function) stays in graph.cli.main: re-exported here it would hide that module's name.
from graph.cli.main import build_parser, load_graph, load_store

__all__ = ["build_parser", "load_store", "load_graph"]
