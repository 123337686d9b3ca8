"""The library of named example queries: ``ontology/queries/*.rq`` (pure, no store).

Each file starts with ``# title:`` and ``# description:`` comment lines; the
file's stem is the query's name. :func:`load_examples` reads them all, sorted
by title; :func:`query_kind` tells SELECT, ASK, CONSTRUCT and DESCRIBE apart.

Examples
--------
>>> from pathlib import Path
>>> from tempfile import TemporaryDirectory
>>> with TemporaryDirectory() as folder:
...     _ = (Path(folder) / "rds-limits.rq").write_text(
...         "# title: Limits of RDS\\n# description: Every limit noted for RDS.\\n"
...         "SELECT ?limit WHERE { cid:rds ca:hasLimit ?limit }\\n")
...     examples = load_examples(folder)
>>> [(e.name, e.title, e.kind) for e in examples]
[('rds-limits', 'Limits of RDS', 'select')]
>>> examples[0].description
'Every limit noted for RDS.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError
from ontology import QUERIES_DIR

__all__ = ["ExampleQuery", "KINDS", "load_examples", "query_kind", "parse_example"]

#: Query forms, as :func:`query_kind` names them.
KINDS = ("select", "ask", "construct", "describe")

_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n]*")
_IRI = re.compile(r"<[^>\s]*>")
_STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.DOTALL)
_FORM = re.compile(r"\b(select|ask|construct|describe)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExampleQuery:
    """A named example query: ``name`` is the file stem, ``kind`` one of :data:`KINDS`."""

    name: str
    title: str
    description: str
    text: str
    kind: str

    @property
    def option(self) -> str:
        """The text shown in a picker: the title.

        >>> ExampleQuery("x", "Limits of RDS", "", "ASK {}", "ask").option
        'Limits of RDS'
        """
        return self.title


def query_kind(text: str) -> str:
    """The form of a SPARQL query: ``select``, ``ask``, ``construct`` or ``describe``.

    Comments, IRIs and strings are skipped, so ``PREFIX`` lines and quoted words
    do not count; ``""`` when no form is found.

    >>> query_kind("# ask me\\nPREFIX x: <http://e.org/select#>\\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'construct'
    >>> query_kind("describe cid:aurora"), query_kind("nothing here")
    ('describe', '')
    """
    # Comments first would cut IRIs holding "#"; blank IRIs and strings first, then comments.
    bare = _COMMENT.sub(" ", _STRING.sub('""', _IRI.sub("<>", text)))
    match = _FORM.search(bare)
    return match.group(1).lower() if match else ""


def parse_example(name: str, text: str) -> ExampleQuery:
    """An example query from the text of a ``.rq`` file called ``name``.

    Raises
    ------
    graph.errors.InputError
        When the title or description line is missing, or the query has no form.

    Examples
    --------
    >>> parse_example("q", "# title: T\\n# description: D\\nASK { ?s ?p ?o }").kind
    'ask'
    >>> parse_example("q", "ASK {}")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: q.rq:1: missing '# title:' line
    """
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            header.setdefault(match.group(1).lower(), match.group(2))
    for part in ("title", "description"):
        if not header.get(part):
            raise InputError(f"missing '# {part}:' line", file=f"{name}.rq", line=1)
    kind = query_kind(text)
    if not kind:
        raise InputError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query", file=f"{name}.rq", line=1)
    return ExampleQuery(name, header["title"], header["description"], text, kind)


def load_examples(folder: str | Path = QUERIES_DIR) -> list[ExampleQuery]:
    """Every ``*.rq`` file in ``folder`` as an :class:`ExampleQuery`, sorted by title.

    Parameters
    ----------
    folder : str or pathlib.Path, default ``ontology/queries``
        Where the ``.rq`` files are.

    Returns
    -------
    list of ExampleQuery
        By title (case-insensitive), then name.

    Raises
    ------
    graph.errors.InputError
        When a file cannot be read or lacks its title or description.

    Examples
    --------
    >>> examples = load_examples()
    >>> len(examples) >= 12 and all(e.title and e.description for e in examples)
    True
    """
    examples = []
    for path in sorted(Path(folder).glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the query: {err}", file=str(path)) from None
        examples.append(parse_example(path.stem, text))
    return sorted(examples, key=lambda e: (e.title.casefold(), e.name))
