"""Legacy Vietnamese code pages: Windows-1258, VNI and TCVN3 (ABC), as bytes or as mojibake.

Before Unicode, Vietnamese files were written in code pages that reuse Latin-1's slots, and
nothing in the bytes says which one: ``Hµ Néi`` (TCVN3), ``Haø Noäi`` (VNI) and ``Hà Nô\\u0323i``
(Windows-1258, whose tone marks are combining characters) are one name. The same text often
reaches us already "converted" to UTF-8 by a tool that took the bytes for Latin-1: mojibake.

Every reading is tried, and the one whose words are Vietnamese syllables (``text_norm``) is
kept; a text that no reading makes Vietnamese, or that two readings make Vietnamese alike, is
``Undecidable``, never guessed. Python has Windows-1258; the VNI and TCVN3 tables are data,
in ``rules/ingest/encodings.yml``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from ..text_norm import vietnamese_share

ENCODINGS = ("windows-1258", "vni", "tcvn3")
DISPLAY_NAMES = {"windows-1258": "Windows-1258", "vni": "VNI", "tcvn3": "TCVN3 (ABC)"}
ENOUGH = 0.8  # share of a reading's words that must be Vietnamese syllables
CLEAR_LEAD = 0.15  # how far the best reading must be ahead of the next that reads differently
C1_CONTROLS = re.compile("[\x80-\x9f]")
# Latin-1 characters that are not Vietnamese letters and rarely typed as themselves: where
# they are, a text may be a legacy code page read as Latin-1.
SUSPECTS = re.compile("[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
                      "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
MIN_SUSPECTS = 3
CLEAR_GAIN = 0.3  # a code page that makes this much more of a text Vietnamese is not chance


class Undecidable(ValueError):
    """Raised with a message that says which readings were tried."""


@dataclass(frozen=True)
class Reading:
    """A text as one code page reads it, and how much of it is Vietnamese."""

    encoding: str
    text: str
    syllables: int
    judged: int

    @property
    def share(self) -> float:
        return self.syllables / self.judged if self.judged else 0.0


@lru_cache(maxsize=None)
def character_map(encoding: str) -> dict[int, str]:
    """What each character of a legacy text read as Latin-1 or Windows-1252 stands for."""
    if encoding == "windows-1258":
        table = {byte: bytes([byte]).decode("cp1258", errors="ignore") for byte in range(0x80, 0x100)}
    else:  # VNI and TCVN3 keep Windows-1252's punctuation in 0x80-0x9F
        table = {byte: bytes([byte]).decode("cp1252", errors="ignore") for byte in range(0x80, 0xA0)}
        table.update(rules.load("ingest/encodings")[encoding])
    mapping: dict[int, str] = {}
    for byte, meaning in table.items():
        for char in {bytes([byte]).decode("latin-1"), bytes([byte]).decode("cp1252", errors="ignore")}:
            if char and meaning and char != meaning:
                mapping[ord(char)] = meaning
    return mapping


def convert(text: str, encoding: str) -> str:
    """A text read as Latin-1 (or mojibake in UTF-8), as the legacy ``encoding`` meant it."""
    converted = unicodedata.normalize("NFC", text.translate(character_map(encoding)))
    return CAPITALS_FONT_WORD.sub(upper_case_word, converted) if encoding == "tcvn3" else converted


# TCVN3 has no capital toned letters: a capital word was typed in the capitals font (.VnTimeH)
# with the lower-case bytes, so ``S¾C LÖNH`` reads ``SắC LệNH``. A word whose plain letters are
# all capitals (two at least: ``Hµ`` is ``Hà``) is written in capitals throughout.
CAPITALS_FONT_WORD = re.compile(r"\b(?=(?:[^\W\d_]*[A-Z]){2})(?![^\W\d_]*[a-z])[^\W\d_]+")


def upper_case_word(match: re.Match[str]) -> str:
    return match.group().upper()


def reading(text: str, encoding: str) -> Reading:
    converted = convert(text, encoding)
    syllables, judged = vietnamese_share(converted)
    return Reading(encoding, converted, syllables, judged)


def best_of(candidates: list[Reading]) -> Reading:
    """The reading that is clearly Vietnamese, or ``Undecidable`` saying why none is."""
    ranked = sorted(candidates, key=lambda r: r.share, reverse=True)
    best = ranked[0]
    if best.share < ENOUGH:
        shares = ", ".join(f"{DISPLAY_NAMES[r.encoding]} {r.share:.0%}" for r in ranked)
        raise Undecidable(f"no Vietnamese code page reads it as Vietnamese words ({shares} of its words)")
    rivals = [r for r in ranked[1:] if r.share > best.share - CLEAR_LEAD and r.text != best.text]
    if rivals:
        raise Undecidable(f"it reads as Vietnamese in both {DISPLAY_NAMES[best.encoding]} and "
                          f"{DISPLAY_NAMES[rivals[0].encoding]}: cannot tell which")
    return best


def decode_legacy(data: bytes) -> Reading:
    """Bytes that are not UTF-8, in whichever legacy code page makes them Vietnamese."""
    latin1 = data.decode("latin-1")
    candidates = [reading(latin1, encoding) for encoding in ENCODINGS]
    if not any(r.judged for r in candidates):
        # Only punctuation beyond ASCII (Windows quotes and dashes): Windows-1258 reads it,
        # unless a byte is one no Windows code page defines.
        plain = candidates[0]
        if not C1_CONTROLS.search(plain.text):
            return plain
        raise Undecidable("no letters beyond ASCII to tell its code page by, and bytes Windows does not define")
    return best_of(candidates)


def repair_mojibake(text: str) -> Reading | None:
    """A legacy code page that reached UTF-8 as Latin-1 characters, read as it was meant.

    None when the text is Vietnamese already, shows no sign of a legacy code page, or is no
    more Vietnamese in any of them (a German or French text keeps its ä and ç). Lines are
    converted one by one, and only those the conversion makes more Vietnamese, so a pasted
    legacy paragraph in a Unicode document is mended without touching the rest.
    ``Undecidable`` when a code page makes it clearly more Vietnamese but not for sure.
    """
    if len(SUSPECTS.findall(text)) < MIN_SUSPECTS:
        return None
    lines = text.split("\n")
    doubtful = {line for line in lines if SUSPECTS.search(line) and share_of(line) < ENOUGH}
    if not doubtful:
        return None
    sample = "\n".join(doubtful)
    candidates = [reading(sample, encoding) for encoding in ENCODINGS]
    if max(r.share for r in candidates) < share_of(sample) + CLEAR_GAIN:
        return None
    best = best_of(candidates)
    mended = "\n".join(mended_line(line, best.encoding) if line in doubtful else line for line in lines)
    return Reading(best.encoding, mended, *vietnamese_share(mended))


def share_of(text: str) -> float:
    syllables, judged = vietnamese_share(text)
    return syllables / judged if judged else 0.0


def mended_line(line: str, encoding: str) -> str:
    converted = convert(line, encoding)
    if converted == line:
        return line
    return converted if vietnamese_share(converted)[0] > vietnamese_share(line)[0] else line
