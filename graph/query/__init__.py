"""Query: takes a store and a SPARQL text and gives read-only answers, safely: the checks on the parsed
query, a worker process with time and memory limits, and the named example queries with their results;
and what an editor offers while a query is typed (keywords, prefixes, ontology terms, names in the graph).
"""

from .completion import NAME_CAP, SPARQL_KEYWORDS, compact_iri, completions, ontology_terms
from .examples import (
    KINDS,
    ExampleQuery,
    load_examples,
    parse_example,
    query_kind,
    result_nodes,
    triples_graph,
    triples_store,
    triples_turtle,
    without_prefixes,
)
from .guard import MAX_QUERY_CHARS, QUERY_FORMS, CheckedQuery, QueryRefused, check_query, normalize_query
from .sparql import (
    DEFAULT_MAX_ROWS,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    QueryResult,
    QueryTimeout,
    compact,
    run_query,
    term_value,
)

__all__ = [
    # guard
    "CheckedQuery",
    "QueryRefused",
    "check_query",
    "normalize_query",
    "MAX_QUERY_CHARS",
    "QUERY_FORMS",
    # sparql
    "QueryResult",
    "QueryTimeout",
    "run_query",
    "compact",
    "term_value",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MEMORY_MB",
    # examples
    "ExampleQuery",
    "KINDS",
    "load_examples",
    "query_kind",
    "parse_example",
    "without_prefixes",
    "result_nodes",
    "triples_store",
    "triples_turtle",
    "triples_graph",
    # completion
    "completions",
    "ontology_terms",
    "compact_iri",
    "SPARQL_KEYWORDS",
    "NAME_CAP",
]
