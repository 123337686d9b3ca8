"""The one place that opens RDF files and stores: embedded Oxigraph.

A :class:`Store` wraps a :class:`pyoxigraph.Store` (in memory by default, or a
folder on disk) with loading and saving in the usual RDF formats. Loading is
all or nothing: a file that fails to parse leaves the store as it was, and the
error names the file, line and problem. RDF/XML with a ``<!DOCTYPE`` or
``<!ENTITY`` is refused before parsing (:func:`refuse_xml_declarations`: entity
expansion bombs), and JSON-LD remote ``@context`` documents are never fetched.

A store on disk (``Store(path)``) keeps what was committed when its process is
killed: loads are transactions, so a load cut short leaves nothing of itself.

Examples
--------
>>> store = Store()
>>> store.load_text('<https://e.org/a> <https://e.org/b> "c" .', "nt")
>>> len(store)
1
>>> store.dump("nt").decode().strip()
'<https://e.org/a> <https://e.org/b> "c" .'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError

__all__ = ["Store", "FORMATS", "PREFIXES", "format_for", "is_rdf_file", "refuse_xml_declarations", "BASE_IRI"]

BASE_IRI = "https://w3id.org/cloudatlas/id/"

#: Format names accepted by the command line and the app, with their Oxigraph formats.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "rdf": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
}

_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".trig": "trig",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_WIDE_ENCODINGS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def format_for(name: str) -> ox.RdfFormat:
    """The Oxigraph format for a format name or a file name.

    >>> format_for("ttl").name
    'Turtle'
    >>> format_for("graph.jsonld").name
    'JSON-LD'
    """
    key = name.lower()
    if key in FORMATS:
        return FORMATS[key]
    suffix = Path(key).suffix
    if suffix in _SUFFIXES:
        return FORMATS[_SUFFIXES[suffix]]
    known = ", ".join(sorted({k for k in FORMATS if len(k) > 2}))
    raise InputError(f"unknown RDF format {name!r} (known: {known})", file=name)


def is_rdf_file(path: str | Path) -> bool:
    """True when the file name has an RDF suffix.

    >>> is_rdf_file("a.ttl"), is_rdf_file("notes.md")
    (True, False)
    """
    return Path(path).suffix.lower() in _SUFFIXES


def refuse_xml_declarations(data: str | bytes, *, name: str = "<input>") -> None:
    """Refuse XML holding ``<!DOCTYPE`` or ``<!ENTITY`` (in any case, in UTF-8, UTF-16 or UTF-32).

    RDF/XML needs neither; entity declarations allow the "billion laughs" bomb.

    >>> refuse_xml_declarations('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    >>> refuse_xml_declarations("<?xml version='1.0'?>\\n<!entity x 'y'>".encode("utf-16"), name="x.rdf")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: x.rdf:2: <!ENTITY is not allowed in RDF/XML (entity declarations can expand without bound)
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    texts = [raw]
    if b"\x00" in raw[:4096] or raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        texts += [raw.decode(enc, "ignore").encode("utf-8", "surrogatepass") for enc in _WIDE_ENCODINGS]
    for text in texts:
        match = _DECLARATION.search(text)
        if match:
            line = text.count(b"\n", 0, match.start()) + 1
            what = match.group(1).decode().upper()
            raise InputError(
                f"<!{what} is not allowed in RDF/XML (entity declarations can expand without bound)",
                file=name,
                line=line,
            )


class Store:
    """An RDF dataset in embedded Oxigraph: in memory, or in a folder on disk.

    ``ox`` is the underlying :class:`pyoxigraph.Store`, for fast direct access.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self.ox = ox.Store(str(path)) if path else ox.Store()

    def __len__(self) -> int:
        return len(self.ox)

    def load_text(
        self,
        data: str | bytes,
        format: str,
        *,
        name: str = "<input>",
        graph: str | None = None,
    ) -> None:
        """Load RDF text; all or nothing. ``name`` is used in error messages.

        A UTF-8 byte-order mark at the start is skipped (editors on Windows write one).

        >>> store = Store()
        >>> store.load_text(b"\\xef\\xbb\\xbf<https://e.org/a> <https://e.org/b> 1 .", "turtle")
        >>> len(store)
        1
        """
        data = _without_bom(data)
        to_graph = ox.NamedNode(graph) if graph else None
        fmt = format_for(format)
        if fmt == ox.RdfFormat.RDF_XML:
            refuse_xml_declarations(data, name=name)
        try:
            self.ox.load(
                data,
                format=fmt,
                base_iri=BASE_IRI,
                to_graph=to_graph,
            )
        except SyntaxError as err:
            raise InputError(_syntax_message(err), file=name, line=err.lineno or 0) from None
        except (ValueError, OSError, TypeError) as err:
            raise InputError(str(err) or type(err).__name__, file=name) from None

    def load_file(self, path: str | Path, format: str | None = None) -> None:
        """Load an RDF file, the format guessed from its suffix unless given."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(err.strerror or str(err), file=str(path)) from None
        if not data.strip():
            raise InputError("file is empty", file=str(path))
        self.load_text(data, format or path.name, name=str(path))

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """The named graphs in the store.

        >>> store = Store()
        >>> store.load_text("<https://e.org/g> { <https://e.org/a> <https://e.org/b> 1 }", "trig")
        >>> store.named_graphs()
        [<NamedNode value=https://e.org/g>]
        """
        return list(self.ox.named_graphs())

    def load_ntriples_lines(self, lines: Iterable[str]) -> None:
        """Load N-Quads lines made by :func:`graph.rdf.triples.nquad_lines`.

        In memory they are bulk-loaded without checking IRIs again (the writer made them valid);
        on disk they go in as one transaction (all or nothing).
        """
        data = "".join(lines).encode()
        if self.path is None:
            self.ox.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            self.ox.load(data, format=ox.RdfFormat.N_QUADS)

    def add_all(self, other: Store) -> None:
        """Add every quad of ``other`` in one transaction: all of them, or none when it fails.

        >>> a, b = Store(), Store()
        >>> b.load_text("<https://e.org/a> <https://e.org/b> 1 .", "turtle")
        >>> a.add_all(b)
        >>> len(a)
        1
        """
        self.ox.extend(other.ox)

    def copy(self) -> Store:
        """A new in-memory store with the same quads, to change while this one stays as it is.

        >>> a = Store()
        >>> a.load_text("<https://e.org/a> <https://e.org/b> 1 .", "turtle")
        >>> b = a.copy()
        >>> b.load_text("<https://e.org/a> <https://e.org/b> 2 .", "turtle")
        >>> len(a), len(b)
        (1, 2)
        """
        new = Store()
        new.ox.extend(self.ox)
        return new

    def dump(self, format: str = "turtle", *, graph: str | None = None) -> bytes:
        """Serialize the store; formats without named graphs get the default graph."""
        fmt = format_for(format)
        if fmt.supports_datasets:
            return self.ox.dump(format=fmt)
        from_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        return self.ox.dump(format=fmt, from_graph=from_graph, prefixes=PREFIXES)

    def query(self, sparql: str, **options):
        """Run SPARQL with the CloudAtlas prefixes pre-declared."""
        return self.ox.query(sparql, prefixes=PREFIXES, **options)


def _without_bom(data: str | bytes) -> str | bytes:
    """``data`` without a leading UTF-8 byte-order mark (as bytes or as the decoded character)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return bytes(data).removeprefix(b"\xef\xbb\xbf")


def _syntax_message(err: SyntaxError) -> str:
    """Oxigraph's parser message without the repeated position."""
    text = str(err.msg if hasattr(err, "msg") else err)
    if "LoadDocumentCallback" in text:
        return "remote JSON-LD @context is not allowed (put the context in the document)"
    for prefix in ("Parser error at ", "error at "):
        if text.startswith(prefix) and ": " in text:
            text = text.split(": ", 1)[1]
    if text.endswith(")") and " (line " in text:
        text = text[: text.rindex(" (line ")]
    return text


PREFIXES: dict[str, str] = {
    "ca": "https://w3id.org/cloudatlas/ontology#",
    "cid": "https://w3id.org/cloudatlas/id/",
    "cnote": "https://w3id.org/cloudatlas/note/",
    "unit": "http://qudt.org/vocab/unit/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
