"""Words a broken PDF font cut apart: flagged, not passed off as clean text.

Some fonts in signed PDFs have no glyph for a letter in one style (the bold capital ``H`` of
the decrees' headings), so their text layer reads ``CỘNG  ÒA XÃ  ỘI C Ủ NG ĨA`` for ``CỘNG HÒA
XÃ HỘI CHỦ NGHĨA``. Each piece may look like a word, so the share of Vietnamese syllables does
not catch it; what does is a *fragment*: a piece that is no syllable of underthesea's
dictionary but becomes one with the dropped letter put back (before it, after it, or between it
and the piece before). ``rules/spelling.yml`` (``dropped_letters``) says which letters fonts
drop and how many fragments make a text flagged. The text is stored as read, with a warning
row saying so: putting a letter back is a guess where the piece is itself a word (``ÒA``).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice

from ..paths import underthesea_dir
from ..text_norm import is_vietnamese_syllable, spelling


@lru_cache(maxsize=1)
def dictionary_syllables() -> frozenset[str]:
    """Every syllable of underthesea's 74K-word dictionary, in lower case."""
    words = (underthesea_dir() / "corpus" / "data" / "Viet74K.txt").read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", words.lower()).split())  # the whole file at once: a third of the time


@lru_cache(maxsize=1 << 16)
def is_known(piece: str) -> bool:
    """A syllable by the grammar (a lone ``C`` is not, though the dictionary has ``vitamin C``)
    that the dictionary has. Cached: a text asks it of every word, and words repeat."""
    return is_vietnamese_syllable(piece) and unicodedata.normalize("NFC", piece.lower()) in dictionary_syllables()


@dataclass(frozen=True)
class Fragment:
    """A piece of a word a font cut, and the word with the dropped letter put back."""

    piece: str  # as it stands in the text (two pieces with the gap between them when joined)
    word: str


def mended(piece: str, before: str | None, letter: str) -> str | None:
    """The one dictionary syllable the piece makes with ``letter`` put back, if any."""
    letter = letter.upper() if piece.isupper() else letter.lower()
    candidates = [letter + piece, piece + letter]
    if before is not None:
        candidates.insert(0, before + letter + piece)
    found = [word for word in candidates if is_known(word)]
    return found[0] if found else None


def fragments_in(parts: list[str], unknown: set[str]) -> list[Fragment]:
    """Pieces of words a font cut, in text order (see the module's docstring), in ``parts``: a text
    split by ``word_census.LETTERS`` (gaps at even places, pieces at odd), whose pieces that are
    no known syllable are ``unknown``.

    A cut word has a piece that is no known syllable (it, or the piece before it), so only those
    pieces and the ones after them are looked at; in clean text that is a few pieces in a hundred.
    The places are found by C loops (``compress``, set updates) and each place is judged by
    ``cut_word``, cached per pair of pieces, as the same abbreviations come back again and again."""
    cut_at = list(compress(range(1, len(parts), 2), map(unknown.__contains__, islice(parts, 1, None, 2))))
    places = set(cut_at)
    places.update(map((2).__add__, cut_at))  # the piece after each
    places.discard(len(parts))  # after the last piece: the text's end
    found: list[Fragment] = []
    for place in sorted(places):
        gap = parts[place - 1]
        previous = parts[place - 2] if place > 1 and "\n" not in gap else None
        piece = parts[place]
        cut = cut_word(previous, piece)
        if cut is not None:
            joined, word = cut
            found.append(Fragment(previous + gap + piece if joined else piece, word))
    return found


@lru_cache(maxsize=1 << 16)
def cut_word(previous: str | None, piece: str) -> tuple[bool, str] | None:
    """Whether ``piece`` (after ``previous`` on its line, if any) is a piece of a cut word, as
    (joined to the piece before, the word with the dropped letter put back), or None."""
    known = is_known(piece)
    # the piece before counts only when it is as cut as this one: no known syllable itself
    # and written in the same case (``h) Ưu`` is a list item, not a cut word)
    before = (previous if previous is not None and not is_known(previous)
              and previous.isupper() == piece.isupper() else None)
    if known and before is None or not (piece.isupper() or piece.islower()):
        return None
    for letter in spelling()["dropped_letters"]["letters"]:
        word = mended(piece, before, letter)
        if word is None:
            continue
        if before is not None and word.startswith(before):
            return True, word
        if not known and not piece.isascii():
            # an ASCII piece alone is as likely an abbreviation (``EC``) as a cut word
            return False, word
        return None
    return None


def broken_font_warning(found: list[Fragment]) -> str | None:
    """Why a text whose cut words are ``found`` (``word_census``) looks cut by a broken font (how
    many pieces, examples), or None."""
    rule = spelling()["dropped_letters"]
    if len(found) < rule["min_fragments"]:
        return None
    examples = ", ".join(f"'{f.piece}' for '{f.word}'" for f in list(dict.fromkeys(found))[:5])
    letters = "/".join(rule["letters"])
    return (f"{len(found)} words look cut by a broken PDF font that drops the letter {letters} "
            f"(e.g. {examples}); stored as read: check those words against the printed document")
