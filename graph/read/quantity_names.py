"""Names of the quantities limits bound, as one name per meaning (pure).

A limit's quantity is named by the few words before its number or after it ("read replicas",
"message retention"). These helpers clean such words so that the same meaning gets the same
name whatever the phrasing: cue words, hedges and trailing verbs or prepositions go ("max",
"about", "or", "after", "keeps", "for"), an adjective before a measure becomes its noun
("consistent" → "consistency"), and a thing counted is named in the plural ("Availability
Zone" 3 → "Availability Zones").

Examples
--------
>>> cleaned("Read consistent after about"), cleaned("Items or"), cleaned("max storage up to")
('Read consistent', 'Items', 'storage')
>>> plural("Availability Zone"), plural("Read Replicas"), plural("IOPS")
('Availability Zones', 'Read Replicas', 'IOPS')
>>> nominal("consistent"), nominal("retention")
('consistency', 'retention')
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.read.phrases import singular

__all__ = ["FILLER", "cleaned", "plural", "nominal", "ends_in_conjunction", "verb_lemma", "as_written", "capitalised",
           "once"]  # fmt: skip

#: Words that never start or end a quantity's name: cues, hedges, articles, prepositions and verbs.
FILLER = frozenset(
    {
        "up", "to", "at", "most", "least", "max", "maximum", "min", "minimum", "limit", "limited", "of", "from",
        "is", "are", "be", "between", "under", "below", "above", "over", "a", "an", "the", "per", "within", "about",
        "around", "approx", "approximately", "roughly", "nearly", "almost", "only", "just", "after", "before",
        "or", "and", "for", "in", "on", "by", "with", "than", "as", "total", "starts", "starting", "start",
        "scales", "scale", "grows", "grow", "waits", "wait", "takes", "take", "lasts", "last", "kept", "keeps",
        "keep", "has", "have", "holds", "hold", "supports", "support", "gets", "get", "uses", "use", "needs",
        "need", "allows", "allow", "offers", "offer", "provides", "provide", "gives", "give", "runs", "run",
        "can", "will", "may", "must", "default", "defaults", "value", "values", "set", "goes", "go",
        "returns", "return", "contains", "contain", "accepts", "accept", "reaches", "reach", "expands", "expand",
        "spans", "span", "usually", "typically", "generally", "normally", "often", "always", "currently", "still",
        "upto", "until", "till", "other", "another", "different", "additional", "extra", "multiple", "several",
        "separate", "#",
    }
)  # fmt: skip
_CONJUNCTIONS = frozenset({"or", "and"})
#: "number of", "# of", "no. of", "count of" before what is counted.
_NUMBER_OF = re.compile(r"^\s*(?:the\s+)?(?:number|#|no\.?|count|amount)\s+of\s+", re.I)
#: "auto-grows", "auto-scales": a verb, never part of a name.
_AUTO_VERB = re.compile(r"auto-?[a-z]+s")


def cleaned(name: str, *, start: bool = True) -> str:
    """``name`` without filler words at either end, or only at its end (``start=False``); '' when nothing is left.

    >>> cleaned("up to 5"), cleaned("Stream keep records for"), cleaned("Replica lag usually")
    ('5', 'Stream keep records', 'Replica lag')
    >>> cleaned("Storage auto-grows"), cleaned("Query returns"), cleaned("# of concurrent executions")
    ('Storage', 'Query', 'concurrent executions')
    """
    words = _NUMBER_OF.sub("", name).split()
    while words and (words[-1].lower().strip(".,;:()") in FILLER or _AUTO_VERB.fullmatch(words[-1].lower())):
        words.pop()
    while start and words and words[0].lower().strip(".,;:()") in FILLER:
        words.pop(0)
    return " ".join(words)


def ends_in_conjunction(words: str) -> bool:
    """True when ``words`` end in 'or' or 'and': the words before belong to another bound ("25 items or 4 MB").

    >>> ends_in_conjunction("up to 25 items or "), ends_in_conjunction("storage up to ")
    (True, False)
    """
    parts = words.split()
    return bool(parts) and parts[-1].lower() in _CONJUNCTIONS


def plural(name: str) -> str:
    """``name`` with its last word in the plural (abbreviations in capitals stay as written).

    >>> plural("Core Node"), plural("Copy"), plural("vCPU"), plural("Vcpus")
    ('Core Nodes', 'Copies', 'vCPUs', 'Vcpus')
    """
    words = name.split()
    if not words:
        return name
    last = words[-1]
    if last.isupper() and len(last) > 1 and last.endswith("S"):
        return name
    if not last.isalpha() or _is_plural(last.lower()):
        return name
    if last.isupper() or any(c.isupper() for c in last[1:]):  # vCPU, AZ: an abbreviation takes a plain "s"
        return " ".join([*words[:-1], last + "s"])
    return " ".join([*words[:-1], _plural_of(last)])


def nominal(word: str) -> str:
    """The noun of an adjective ending in -ent or -ant ('consistent' → 'consistency'); other words unchanged.

    >>> nominal("available"), nominal("latent"), nominal("Consistent")
    ('available', 'latency', 'Consistency')
    """
    low = word.lower()
    if len(low) > 5 and low.endswith(("ent", "ant")):
        return word[:-1] + "cy"
    return word


@lru_cache(maxsize=1024)
def verb_lemma(word: str) -> str:
    """The base form of a verb ('archived' → 'archive'); the word itself when it is not known.

    >>> verb_lemma("archived"), verb_lemma("replicated")
    ('archive', 'replicate')
    """
    from lemminflect import getLemma

    lemmas = getLemma(word, upos="VERB")
    return lemmas[0] if lemmas else word


@lru_cache(maxsize=1024)
def _plural_of(word: str) -> str:
    """The plural of one noun, in the case it was written."""
    from lemminflect import getInflection  # its word lists load on first use, not at import

    forms = getInflection(word.lower(), tag="NNS")
    form = forms[0] if forms else word.lower() + "s"
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


@lru_cache(maxsize=1024)
def _is_plural(word: str) -> bool:
    """True when the lower-case noun ``word`` is a plural ('nodes', 'copies', 'vcpus'; not 'status')."""
    from lemminflect import getInflection, getLemma

    if not word.endswith("s") or word.endswith("ss"):
        return False
    lemmas = getLemma(word, upos="NOUN")
    if lemmas and lemmas[0] != word:
        return True
    return word in getInflection(word[:-1], tag="NNS")


def as_written(noun: str, clause: str) -> str:
    """``noun`` with each word written as in ``clause`` where the clause writes it with capitals inside (vCPUs).

    >>> as_written("vcpus", "compute scales up to 32 vCPUs"), as_written("read replicas", "5 Read Replicas")
    ('vCPUs', 'read replicas')
    """
    words = noun.split()
    for i, word in enumerate(words):
        said = re.search(rf"\b{re.escape(word)}\b", clause, re.I)
        if said and any(c.isupper() for c in said.group(0)[1:]) and not said.group(0).isupper():
            words[i] = said.group(0)
    return " ".join(words)


def once(name: str) -> str:
    """``name`` with each word once (by its singular) and without 'default', which only a default's name holds.

    >>> once("Timeout default timeout"), once("Volume type types"), once("read replicas")
    ('Timeout', 'Volume type', 'read replicas')
    """
    seen: set[str] = set()
    words = []
    for word in name.split():
        key = singular(word)
        if key not in seen and key != "default":
            seen.add(key)
            words.append(word)
    return " ".join(words)


def capitalised(name: str) -> str:
    """``name`` with a capital first letter, unless its first word is written with capitals inside (vCPUs).

    >>> capitalised("vCPUs"), capitalised("read replicas")
    ('vCPUs', 'Read replicas')
    """
    first = name.split(" ", 1)[0]
    return name if any(c.isupper() for c in first[1:]) else name[:1].upper() + name[1:]
