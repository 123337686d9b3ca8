"""RDF: takes the facts of the notes and gives triples in the ca: vocabulary, and the stores that hold them:
embedded Oxigraph in memory or in a folder, a remote SPARQL 1.1 endpoint, incremental builds of a folder
store from the files that changed, and uploads read in a bounded worker.
"""

from .bookkeeping import (
    FILES,
    MANIFEST,
    MANIFEST_GRAPH,
    content_quads,
    dump,
    extractor_fingerprint,
    file_graph,
    is_bookkeeping,
    manifest,
)
from .incremental import SyncReport, open_store, sync_store
from .inputs import NOTE_SUFFIXES, NotesFile, find_inputs
from .pipeline import BUNDLED_NOTES, build_facts, build_store, notes_nquads, read_notes
from .remote import DEFAULT_BATCH_BYTES, NEPTUNE_DEFAULT_GRAPH, RemoteStore
from .store import BASE_IRI, FORMATS, PREFIXES, Store, format_for, is_rdf_file, refuse_xml_declarations
from .triples import decimal_lexical, entity_iri, note_iri, nquad_lines, quads, statement_iri, to_dataset
from .upload import (
    CONFIG_FILE,
    DEFAULT_MAX_MB,
    add_upload,
    check_batch_size,
    check_size,
    parse_upload,
    parse_uploads,
    upload_limit_bytes,
)

__all__ = [
    # store
    "Store",
    "FORMATS",
    "PREFIXES",
    "BASE_IRI",
    "format_for",
    "is_rdf_file",
    "refuse_xml_declarations",
    # triples
    "to_dataset",
    "quads",
    "nquad_lines",
    "entity_iri",
    "note_iri",
    "statement_iri",
    "decimal_lexical",
    # inputs
    "NOTE_SUFFIXES",
    "NotesFile",
    "find_inputs",
    # bookkeeping
    "FILES",
    "MANIFEST_GRAPH",
    "MANIFEST",
    "file_graph",
    "is_bookkeeping",
    "manifest",
    "content_quads",
    "dump",
    "extractor_fingerprint",
    # incremental
    "SyncReport",
    "sync_store",
    "open_store",
    # pipeline
    "BUNDLED_NOTES",
    "read_notes",
    "build_facts",
    "build_store",
    "notes_nquads",
    # remote
    "RemoteStore",
    "NEPTUNE_DEFAULT_GRAPH",
    "DEFAULT_BATCH_BYTES",
    # upload
    "CONFIG_FILE",
    "DEFAULT_MAX_MB",
    "upload_limit_bytes",
    "check_size",
    "check_batch_size",
    "parse_upload",
    "parse_uploads",
    "add_upload",
]
