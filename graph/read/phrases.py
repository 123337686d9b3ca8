"""Small pure helpers on the words of a note: clauses, negation, names before a dash, aliases in brackets.

Examples
--------
>>> from graph.read.catalog import load_catalog
>>> negated("not for Aurora"), clause_spans("Multi-AZ - for DR")
(True, [('Multi-AZ', 0), ('for DR', 11)])
>>> split_alias("Database Migration Service (DMS)")
('Database Migration Service', 'DMS')
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.read.catalog import Catalog, Mention
from graph.read.quantities import fold_for_checks

__all__ = [
    "is_section_word",
    "is_feature_name",
    "looks_like_product",
    "NAME_SPLIT", "LINKING", "NOT_NAMES", "negated", "clause_spans", "mentions_within", "split_alias", "singular",
    "uncovered", "name_part", "spelled",
]  # fmt: skip

_ENDS_IN_NUMBER = re.compile(r"\d\s?[A-Za-z/%]{0,5}$")
_CLAUSE = re.compile(r"\s+[-–—]\s+|;\s*|\.\s+|\s*[()]\s*|\s+but\s+|\s+vs\.?\s+")
NAME_SPLIT = re.compile(r"\s+[-–—:]\s*|:\s+|\s*\(|\.\s+")


_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can['’]t|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|without|except)\b", re.I
)


#: Every word :data:`_NEGATION` matches contains one of these (in :func:`fold_for_checks` form).
_NEGATION_CUES = ("no", "ne", "n't", "n’t", "without", "except")


_ALIAS_IN_PARENS = re.compile(r"^(.*?)\s*\(([^)]{1,30})\)\s*$")


LINKING = re.compile(r"\b(?:using|with|via|to|in|on|for|from|by|of|at|and|or)\b", re.I)


NOT_NAMES = {
    "sources", "source", "targets", "target", "engines", "engine", "charges", "charge", "security", "pricing",
    "cost", "costs", "note", "notes", "example", "examples", "eg", "e", "i", "ie", "can", "must", "may", "will",
    "each", "not", "no", "is", "are", "has", "have", "the", "a", "an", "up", "max", "min", "only", "currently",
    "supports", "runs", "uses", "also", "and", "or", "to", "for", "in", "on", "with", "full", "fully", "all",
    "frameworks", "framework", "runtimes", "limits", "limit", "it", "they", "this", "that", "more", "less",
}  # fmt: skip


def uncovered(name: str, mentions: list[Mention]) -> bool:
    """True when a short capitalised name has words no mention covers ('Journal Streams').

    >>> uncovered("Journal Streams", [Mention("dynamodb-streams", "Streams", 8, 15)])
    True
    """
    rest = name
    for m in reversed(mentions):
        rest = rest[: m.start] + rest[m.end :]
    words = [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in ("of", "the", "and", "for", "a", "an")]
    return bool(words) and name[:1].isupper() and len(name.split()) <= 4


def spelled(text: str, catalog: Catalog) -> str:
    """Known names in ``text`` written as the catalog writes them.

    >>> from graph.read.catalog import load_catalog
    >>> spelled("mysql read replicas", load_catalog())
    'MySQL read replicas'
    """
    for m in reversed(catalog.find(text)):
        entry = catalog.entries[m.key]
        if entry.classes != ("Feature",) or m.start == 0 and m.end == len(text):
            text = text[: m.start] + entry.label + text[m.end :]
    return text


def name_part(text: str, catalog: Catalog) -> str:
    """The name before a dash, known names spelled as the catalog does ('' when there is none).

    >>> from graph.read.catalog import load_catalog
    >>> name_part("PGSQL read Replicas - max 1", load_catalog())
    'PostgreSQL Read Replicas'
    """
    parts = NAME_SPLIT.split(text, maxsplit=1)
    name = parts[0].strip(" .:-")
    if len(parts) < 2 or not name or len(name.split()) > 4 or any(c.isdigit() for c in name):
        return ""
    for m in reversed(catalog.find(name)):
        name = name[: m.start] + catalog.entries[m.key].label + name[m.end :]
    return name


def negated(text: str) -> bool:
    """True when ``text`` has a negation word (:data:`_NEGATION`); a substring check first, as most have none.

    >>> negated("Not available for Aurora"), negated("Up to 5 read replicas"), negated("DAX doesn’t cache writes")
    (True, False, True)
    """
    folded = fold_for_checks(text)
    return any(cue in folded for cue in _NEGATION_CUES) and _NEGATION.search(text) is not None


def clause_spans(text: str) -> list[tuple[str, int]]:
    """The clauses of a bullet with where each starts in it.

    A dash between two numbers is a range, not a break ("4 GiB - 16 TiB").

    >>> clause_spans("Multi-AZ - for DR (not for Aurora)")
    [('Multi-AZ', 0), ('for DR', 11), ('not for Aurora', 19)]
    >>> clause_spans("io2 (4 GiB - 16 TiB)")
    [('io2', 0), ('4 GiB - 16 TiB', 5)]
    """
    spans, start = [], 0
    separators = [
        sep
        for sep in _CLAUSE.finditer(text)
        if not (
            sep.group().strip() in "-–—"
            and _ENDS_IN_NUMBER.search(text, 0, sep.start())
            and text[sep.end() : sep.end() + 1].isdigit()
        )
    ]
    for sep in [*separators, None]:
        end = sep.start() if sep else len(text)
        piece = text[start:end]
        stripped = piece.strip(" .,")
        if stripped:
            spans.append((stripped, start + piece.index(stripped)))
        if sep:
            start = sep.end()
    return spans


def mentions_within(mentions: list[Mention], start: int, clause: str) -> list[Mention]:
    """Mentions inside a clause, with offsets relative to it."""
    end = start + len(clause)
    return [
        Mention(m.key, m.text, m.start - start, m.end - start) for m in mentions if start <= m.start and m.end <= end
    ]


def split_alias(text: str) -> tuple[str, str | None]:
    """'Foo Bar (FB)' → ('Foo Bar', 'FB').

    >>> split_alias("Database Migration Service (DMS)")
    ('Database Migration Service', 'DMS')
    """
    match = _ALIAS_IN_PARENS.match(text) if "(" in text else None
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return text.strip(" .:-"), None


def singular(label: str) -> str:
    """A name with its last word in the singular, lower-cased, for quantity names and keys (lemminflect's
    noun lemmas; abbreviations in capitals such as IOPS stay as written).

    >>> singular("Transactions"), singular("read replicas"), singular("Status"), singular("IOPS")
    ('transaction', 'read replica', 'status', 'iops')
    """
    words = label.split()
    if not words:
        return ""
    last = words[-1]
    if not (last.isupper() and len(last) > 1):
        last = _noun_lemma(last.lower())
    return " ".join([*words[:-1], last]).lower()


@lru_cache(maxsize=4096)
def _noun_lemma(word: str) -> str:
    """The singular of one lower-case noun (itself when lemminflect does not know it)."""
    if not word.isalpha():
        return word
    from lemminflect import getLemma  # its word lists load on first use, not at import

    lemmas = getLemma(word, upos="NOUN")
    return lemmas[0] if lemmas else word


#: Titles that organise notes rather than name a capability ("Overview", "Exam tips", "Limits").
_SECTION_TEXT = (
    "overview introduction intro summary summaries note notes limit limits limitation limitations quota quotas "
    "pricing price cost costs billing use case cases usecase example examples feature features key point points "
    "benefit benefits advantage advantages disadvantage disadvantages pro pros con cons exam tip tips detail "
    "details basic basics concept concepts general misc miscellaneous other others faq faqs important resource "
    "resources reference references link links question questions answer answers definition definitions term "
    "terms keyword keywords what why how when where who which this that it and or of for the a an in on to "
    "with about more less main property properties characteristic characteristics type types option options "
    "component components comparison compare vs versus difference differences table service services aws amazon "
    "topic topics section chapter part lecture lab demo hands hand remember recap review takeaway takeaways "
    "todo misc extra"
)
_SECTION_WORDS = frozenset(_SECTION_TEXT.split())


def is_section_word(text: str) -> bool:
    """True when a title only organises the notes ("Overview", "Key features", "Exam tips", "Use cases").

    >>> is_section_word("Exam Tips"), is_section_word("Key Features:"), is_section_word("Global Tables")
    (True, True, False)
    """
    words = re.findall(r"[a-z]+", text.lower())
    return not words or all(w in _SECTION_WORDS for w in words)


_PRODUCT = re.compile(r"^(?:AWS|Amazon)\s+\w|\b[A-Z][a-z]+[A-Z]\w*|\([A-Z][A-Za-z0-9]{1,5}\)")


def looks_like_product(name: str) -> bool:
    """True when a name the catalog does not know is written like a product: "AWS X", "Amazon X",
    a CamelCase word ("CloudSearch") or an abbreviation in brackets ("Quantum Ledger (QL)").

    >>> looks_like_product("Amazon Lightsail"), looks_like_product("CloudSearch"), looks_like_product("Key terms")
    (True, True, False)
    """
    return bool(_PRODUCT.search(name))


#: Words a capability's name does not end with, and words that make a title a sentence.
_OPEN_ENDS_TEXT = "in on of to for with and or by at from like as the a an than into"
_OPEN_ENDS = frozenset(_OPEN_ENDS_TEXT.split())
_SENTENCE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|will|should|must|the following|based on|features like)\b", re.I
)


def is_feature_name(label: str) -> bool:
    """True when a title or a bold term reads like the name of a capability: short, starting with a capital,
    not a sentence, not cut off, and not one ordinary word ("Pull", "Near", "hours"), unless it is an
    abbreviation or written in CamelCase.

    >>> [is_feature_name(t) for t in ("Delay Queues", "Long Polling", "TTL", "DynamoDB Streams")]
    [True, True, True, True]
    >>> [is_feature_name(t) for t in ("Pull", "in order", "Types of queues in", "ASG have the following attributes")]
    [False, False, False, False]
    """
    words = label.split()
    if not 1 <= len(words) <= 5 or not label[:1].isupper() or _SENTENCE.search(label):
        return False
    if words[-1].lower() in _OPEN_ENDS or is_section_word(label):
        return False
    if len(words) == 1:  # one word names a capability only as an abbreviation or a CamelCase name
        word = words[0]
        return word.isupper() and len(word) > 1 or any(c.isupper() for c in word[1:])
    return True
