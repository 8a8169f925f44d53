"""One normal form for every stored string, and how Vietnamese is spelt (``rules/spelling.yml``).

Text reaches us composed or decomposed, with Windows or old Mac line ends, and with characters
that print as nothing but split a word or a number apart (``9.\\u200b350 tỷ``, a soft hyphen in
``4\\u00ad34``): ``normal_form`` makes the one string every offset in the database points into.

Two spellings of one word are not two words: the tone mark of ``hoá``/``hóa``, ``uỷ``/``ủy``
sits on either vowel depending on the writer's habit. ``modern_tone_placement`` writes them one
way, for keys that compare names (entity ``normalized`` values, search keys); the stored text
stays as written.

``is_vietnamese_syllable`` and ``vietnamese_share`` tell Vietnamese words from the debris of a
legacy code page read with the wrong table (``pipeline.ingest.legacy_encodings`` asks them).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import rules

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
VOWELS = set("aăâeêioôơuưy")
# Punctuation, digits and signs around a word: a token is what is left between them.
TOKEN_SEPARATORS = re.compile(r"[\s\-/–—.,;:]+")
TOKEN_EDGES = "0123456789.,;:!?%()[]{}<>\"'“”‘’«»…•*+=#&@|_~`^$"


def spelling() -> dict:
    return rules.load("spelling")


@lru_cache(maxsize=1)
def invisible_characters() -> re.Pattern[str]:
    return re.compile("[" + "".join(spelling()["invisible"]) + "]")


def without_invisible(text: str) -> str:
    """Drop zero-width characters and soft hyphens, which print as nothing."""
    return invisible_characters().sub("", text)


def normal_form(text: str) -> str:
    """NFC, ``\\n`` line ends, no invisible characters, no font glyph in a letter's place: the one
    form of every stored text."""
    text = without_invisible(unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
    faults = glyph_faults()
    if any(chr(code) in text for code in faults):  # translate looks up every character: only when needed
        text = text.translate(faults)
    return text


@lru_cache(maxsize=1)
def glyph_faults() -> dict[int, str]:
    """``ƣ`` → ``ư``: what broken PDF fonts put in a Vietnamese letter's place."""
    return str.maketrans(spelling()["glyph_faults"])


# --- tone placement -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def old_tone_spellings() -> tuple[re.Pattern[str], dict[str, str]]:
    """``oá`` → ``óa`` for every tone and case of each pair, and the pattern that finds them
    where the pair ends a syllable (no letter after it) and is not the ``qu`` of ``quý``."""
    spellings: dict[str, str] = {}
    for pair in spelling()["old_tone_pairs"]:
        for first, second in {(pair[0], pair[1]), (pair[0].upper(), pair[1].upper()), (pair[0].upper(), pair[1])}:
            for tone in TONE_MARKS:
                old = first + unicodedata.normalize("NFC", second + tone)
                spellings[old] = unicodedata.normalize("NFC", first + tone) + second
    pattern = re.compile(r"(?<![qQ])(?:" + "|".join(map(re.escape, spellings)) + r")(?!\w)")
    return pattern, spellings


def modern_tone_placement(text: str) -> str:
    """``Thanh Hoá`` → ``Thanh Hóa``, ``Uỷ ban`` → ``Ủy ban``; same length, so offsets hold."""
    pattern, spellings = old_tone_spellings()
    return pattern.sub(lambda match: spellings[match.group()], unicodedata.normalize("NFC", text))


# --- syllables --------------------------------------------------------------------------------

def alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True))


@lru_cache(maxsize=1)
def syllable_pattern() -> re.Pattern[str]:
    parts = spelling()["syllable"]
    return re.compile(
        f"(?:{alternation(parts['initials'])})?"
        f"(?:(?:{alternation(parts['vowels_taking_a_final'])})(?:{alternation(parts['finals'])})?"
        f"|(?:{alternation(parts['vowels_without_final'])}))"
    )


@lru_cache(maxsize=20000)
def is_vietnamese_syllable(word: str) -> bool:
    """One syllable as Vietnamese spells it: initial, vowel group, final, at most one tone mark
    and only on a vowel."""
    composed = unicodedata.normalize("NFC", word.lower())
    if any(unicodedata.combining(char) for char in composed):
        return False  # a mark that composes with nothing: on a consonant, or doubled
    decomposed = unicodedata.normalize("NFD", composed)
    if sum(decomposed.count(mark) for mark in TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return syllable_pattern().fullmatch(bare) is not None


def abbreviation(token: str) -> bool:
    """``HĐND``, ``ĐBSCL``: capitals without a vowel are initials, not a syllable to judge."""
    return token.isupper() and not any(char in VOWELS for char in unicodedata.normalize("NFD", token.lower()))


def judged_tokens(text: str) -> list[str]:
    """The words of a text that say something about its encoding: those with a letter (or
    a sign in a letter's place) beyond ASCII."""
    tokens = (token.strip(TOKEN_EDGES) for token in TOKEN_SEPARATORS.split(text))
    return [t for t in tokens if t and not t.isascii() and not abbreviation(t)]


def vietnamese_share(text: str) -> tuple[int, int]:
    """(Vietnamese syllables, words judged) among the words of ``text`` that are not ASCII."""
    tokens = judged_tokens(text)
    return sum(map(is_vietnamese_syllable, tokens)), len(tokens)
