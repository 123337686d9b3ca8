"""The quick substring checks in front of case-insensitive patterns never change an answer.

:func:`graph.read.quantities.find_bounds` and :func:`graph.read.phrases.negated` first look for cue words in
case-folded text and only run their ``re.I`` patterns when a cue is there. Python's ``re.I`` reads
some letters differently from ``str.casefold`` (dotless and dotted capital i), so each check must
say yes whenever its pattern matches; these properties try it on text mixing the cue words, their
odd spellings and random characters.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.read import quantities as limits
from graph.read.phrases import _NEGATION
from graph.read.phrases import negated as _negated

WORDS = [
    "up to", "MAX", "maximum", "at least", "min", "from", "to", "and", "between", "-", "–", "1", "35", "3,500",
    "1.5", "10k", "KB", "GB", "days", "hrs", "%", "per second", "/s", "five", "FİVE", "fıve", "ﬁve", "ten",
    "often", "toten", "a hundred", "$", "cost", "prıce", "Price", "pricing", "charge", "per month", "/hr", "default",
    "versions", "nines", "scales", "grows to", "increments", "ſteps", "expands", "replicas", "x", "times", "(",
    "not", "NO", "never", "cannot", "can't", "can’t", "isn’t", "won't", "wıthout", "WİTHOUT", "except", "note",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=10).map(
    lambda parts: " ".join(parts)
) | st.lists(st.sampled_from(WORDS), max_size=8).map("".join)


@given(TEXT)
def test_folded_checks_say_yes_whenever_the_patterns_match(text):
    folded = limits.fold_for_checks(text)
    if limits._ANY_NUMBER.search(text) and not limits._DIGIT.search(text):
        assert limits._ANY_NUMBER_WORD.search(folded)
    if limits._NUMBER_WORD.search(text):
        assert limits._NUMBER_WORD_FOLDED.search(folded)
    assert limits._is_money(text, folded) == bool(limits._MONEY.search(text))
    if limits._GROW_WORD.search(text):
        assert any(cue in folded for cue in limits._GROW_CUES)
    for patterns in (limits._WITH_WORDS, limits._DIGITS_ONLY):
        if patterns.max_after.search(text):
            assert "max" in folded
    if limits._DIGITS_ONLY.range.search(text):
        assert limits._TWO_NUMBERS.search(text)


@given(TEXT)
def test_negated_is_the_negation_pattern(text):
    assert _negated(text) == (_NEGATION.search(text) is not None)
