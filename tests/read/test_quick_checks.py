"""The quick substring checks in front of the patterns never change an answer.

:func:`graph.read.quantities.find_bounds` and :func:`graph.read.phrases.negated` first look for cue
words and only run their patterns when a cue is there. Each check must say yes whenever its pattern
matches; these properties try it on text mixing the cue words, their odd spellings and random
characters.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.read import numbers, units
from graph.read import quantities as q
from graph.read.phrases import _NEGATION, negated

WORDS = [
    "up to", "MAX", "maximum", "at least", "min", "from", "to", "and", "between", "-", "–", "1", "35", "3,500",
    "1.5", "10k", "2.5K", "1000s of", "KB", "GB", "MiB/s", "Gbps", "days", "hrs", "%", "per second", "/s", "IOPS",
    "RCU", "five", "thirty", "Thirteen", "FİVE", "fıve", "ﬁve", "ten", "Twenty-Five", "dozen", "a hundred",
    "MILLION", "often", "toten", "$", "USD", "cents", "/hr", "per month", "default", "scales", "grows to",
    "increments", "ſteps", "expands", "e.g.", "ex:", "for example", "(say", "suppose", "if you have", "2021-01-05",
    "Dec 2020", "10.0.0.0/16", "version 5.7", "v2", "port 443", "ports", "10:30", "items", "row", "size", "of data",
    "replicas", "x", "times", "(", "not", "NO", "never", "cannot", "can't", "can’t", "isn’t", "won't", "wıthout",
    "WİTHOUT", "except",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=10).map(
    lambda parts: " ".join(parts)
) | st.lists(st.sampled_from(WORDS), max_size=8).map("".join)


@given(TEXT)
def test_quick_checks_say_yes_whenever_the_patterns_match(text):
    low = numbers.ascii_lower(text)
    assert len(low) == len(text)
    if any(t.word for t in numbers.number_tokens(low, text)) or numbers._ANY_WORD.search(low):
        assert numbers.has_number_word(low)
    if numbers._SKIPPED.search(low):
        assert any(cue in low for cue in numbers._SKIP_CUES)
    assert q._is_money(text, low) == bool(q._MONEY.search(low))
    if q._EXAMPLE.search(low):
        assert any(cue in low for cue in q._EXAMPLE_CUES)
    if q._GROW.search(low):
        assert any(cue in low for cue in q._GROW_CUES)
    assert units.kilobytes_context(low) == bool(units._KB_CONTEXT.search(low))


@given(TEXT)
def test_find_bounds_never_fails_and_reads_numbers_only(text):
    for bound in q.find_bounds(text, counts=True):
        assert bound.min is not None or bound.max is not None
        assert bound.unit in q.DIMENSIONS
        assert 0 <= bound.start < bound.end <= len(text) or bound.end == 0


@given(TEXT)
def test_negated_is_the_negation_pattern(text):
    assert negated(text) == (_NEGATION.search(text) is not None)
