"""The gated search (`mi_sim.engine.gated`) shared by the clinician and the client coders.

A gated pattern finds the match the whole pattern would: these tests hold it to `re.search` on
patterns of the shapes it files by word, and check how the client coder says where a word starts.
"""

from __future__ import annotations

import re

import pytest

from mi_sim.engine import client_coder as cc
from mi_sim.engine.gated import Gated, WordIndex, text_facts

PATTERNS = (
    r"\b(?:it|that) is (?:hard|tough)\b|\bsymptoms? of\b|^(?:well|so) then\b",
    r"\bdrink(?:s|ing)?\b|\bcig(?:arette)?s?\b|\bsmok(?:e|es|ing)\b",
    r"\bpsycholog\w*|\bpills?\b|\bx-?rays?\b|(?:a )?bottle\b",
    r"(?<![^ ])only (?:thing|one)\b|(?<![^ ])na(?![^ ])\b|\bno-one\b",
)
TEXTS = (
    "it is hard to say", "that is tough", "the symptom of it", "well then", "so then we go",
    "i drink", "drinking again", "drinks , cigs", "e-cigs and cigarettes", "smokes a lot",
    "smoking", "psychologist", "a pill", "pills", "an x-ray", "xray", "non-x-rays", "a bottle",
    "the weekends-only thing", "the only thing", "only one", "na", "na's", "no-one is", "",
)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_gated_pattern_finds_the_match_the_whole_pattern_would(pattern: str) -> None:
    gated, whole = Gated(pattern, WordIndex()), re.compile(pattern)
    for text in TEXTS:
        got, want = gated.search(text), whole.search(text)
        assert (got and got.span()) == (want and want.span()), (pattern, text)
        got, want = gated.match(text), whole.match(text)
        assert (got and got.span()) == (want and want.span()), (pattern, text)


def test_endings_in_a_group_are_filed_as_whole_words() -> None:
    gated = Gated(r"\bsmok(?:e|es|ing)\b", WordIndex())
    assert sorted(gated.index) == ["smoke", "smokes", "smoking"]
    assert not gated.always


def test_first_matches_reports_each_matching_pattern_in_order() -> None:
    words = WordIndex()
    patterns = [Gated(r"\bwine\b", words), Gated(r"\bgym\b", words), Gated(r"\bbeer\b", words)]
    found = words.first_matches(patterns, "beer then wine")
    assert [(n, m.start()) for n, m in found] == [(0, 10), (2, 0)]


def test_an_index_of_its_own_leaves_the_shared_one_alone() -> None:
    words = WordIndex()
    Gated(r"\bzyzzyva\b", words)
    assert words.facts("zyzzyva")[1]
    assert text_facts("zyzzyva")[1] == {}


def test_a_client_word_starts_after_a_space() -> None:
    """Words of the client's normalised text are what stands between spaces."""
    assert cc._PROBLEM_GATED.search("what do you know about e-cigs") is None
    assert cc._PROBLEM_GATED.search("i smoke cigs") is not None
    assert cc._HEALTHY_GATED.search("aa's helped") is None  # a short word must be all of it
    assert cc._HEALTHY_GATED.search("aa helped") is not None
    # an alternative that starts with an optional group is searched as written
    assert cc._HEALTHY_GATED.search("the finger-prick meter") is not None
    assert not cc._WORDS.first_matches(cc._CUE_GATED, "i will try the weekends-only thing")
    assert cc._WORDS.first_matches(cc._CUE_GATED, "it is the only thing that works")
