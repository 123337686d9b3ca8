"""Network: takes a store and gives its knowledge graph as a :class:`networkx.MultiDiGraph` (saved beside an
on-disk store), and the analyses on it: caching layers, migration paths, limits side by side, shortest paths,
centrality and communities, conflicting notes and what the notes lack, with the rules behind the relations they
compute, written back to the store.
"""

from .algorithms import DIGITS, SOURCE_BATCH, betweenness, louvain
from .build import NoteRef, relation_sources, to_networkx, with_prefixes
from .cache import CACHE_FILE, FORMAT, load_network, network_of, save_network, store_files
from .caching import TIERS, CachingLayer, cache_tier, caching_layers
from .community import Community, communities
from .conflicts import Conflict, NotedValue, comparable_value, find_conflicts, noted_values, value_text
from .derive import RULE_NS, add_derived, derive_network, derived_quads, rule_iri
from .gaps import GAP_CLASS, Gap, find_gaps, gap_shapes, service_graph
from .limits import LimitRow, compare_limits, limit_matrix, normalise
from .migration import MigrationPath, migration_paths
from .names import find_node, label_of, local_name
from .paths import GraphPath, Step, shortest_paths
from .rules import RULES, Rule
from .scores import (
    BETWEENNESS_SAMPLES,
    EXACT_BETWEENNESS_NODES,
    SCORES,
    CentralityRow,
    centrality,
    node_scores,
    pagerank,
    score_table,
    top_k,
)
from .subgraphs import ego, filter_classes, undirected

__all__ = [
    # store -> networkx
    "NoteRef",
    "to_networkx",
    "relation_sources",
    "with_prefixes",
    "local_name",
    "label_of",
    "find_node",
    "ego",
    "filter_classes",
    "undirected",
    # saved beside an on-disk store
    "CACHE_FILE",
    "FORMAT",
    "store_files",
    "network_of",
    "load_network",
    "save_network",
    # node scores and centrality
    "SCORES",
    "EXACT_BETWEENNESS_NODES",
    "BETWEENNESS_SAMPLES",
    "pagerank",
    "score_table",
    "node_scores",
    "top_k",
    "CentralityRow",
    "centrality",
    "betweenness",
    "louvain",
    "SOURCE_BATCH",
    "DIGITS",
    # analyses
    "Rule",
    "RULES",
    "TIERS",
    "CachingLayer",
    "cache_tier",
    "caching_layers",
    "MigrationPath",
    "migration_paths",
    "LimitRow",
    "normalise",
    "compare_limits",
    "limit_matrix",
    "Step",
    "GraphPath",
    "shortest_paths",
    "Community",
    "communities",
    "NotedValue",
    "Conflict",
    "noted_values",
    "comparable_value",
    "find_conflicts",
    "value_text",
    "GAP_CLASS",
    "Gap",
    "gap_shapes",
    "service_graph",
    "find_gaps",
    # computed relations written back
    "RULE_NS",
    "rule_iri",
    "derived_quads",
    "add_derived",
    "derive_network",
]
