"""The quality gate: a text that does not read as Vietnamese is refused, not stored as garbage.

An OCR layer made without Vietnamese, fonts that lost their letters, or another language: what
gives them away is the share of their words that are Vietnamese syllables (``word_census``), held
against ``rules/spelling.yml`` (``quality_gate``)."""
from __future__ import annotations

from ..text_norm import spelling
from .word_census import WordCensus


def below_quality_gate(words: WordCensus) -> str | None:
    """Why a text whose words are counted in ``words`` is not Vietnamese enough to store, or None."""
    gate = spelling()["quality_gate"]
    share = words.syllable_share
    if words.words < gate["min_words"] or share >= gate["min_syllable_share"]:
        return None
    return (f"does not read as Vietnamese: only {share:.0%} of its {words.words} words are Vietnamese syllables "
            "(an OCR layer made without Vietnamese, fonts that lost their letters, or another language); "
            "a scan needs OCR with Vietnamese")
