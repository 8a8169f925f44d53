"""Reading one number: digits or number words as written (``Atom``), then with the scale
words after it applied (``Amount``). Nothing here decides what the number counts."""
from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

import regex

from .formats import parse_number
from .lexicon import lexicon
from .reading import Reading
from .words import parse_words, word_numbers

# Digits, with an optional fraction or date slash (2.477/10.825, 28/11/2022).
DIGIT_ATOM = regex.compile(r"(?<![\p{L}\p{M}\d.,/])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*(?!\d)")
# Scientific notation: 3x10-3, 3×10^-3, 1,5.10^6, 2.10⁻⁵ (a bare minus needs the x/× sign).
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SCIENTIFIC = regex.compile(
    r"(?<![\p{L}\p{M}\d.,/])(\d+(?:,\d+)?)\s?"
    r"(?:[x×*]\s?10\s?(?:\^\s?)?([-−–]?\d{1,2})|[.x×*]\s?10\s?(?:\^\s?([-−–]?\d{1,2})|([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})))(?![\d,.]\d)"
)
# What every scientific number holds: a times sign before the 10, or a caret or a superscript after
# it. A text without one (almost every text) is not scanned for them (stdlib ``re``: its ``\s``
# takes every space the ``regex`` module's does).
SCIENTIFIC_SIGN = re.compile(r"[x×*]\s?10|10\s?[\^⁻⁰¹²³⁴⁵⁶⁷⁸⁹]")
OPEN_BRACKET_GAP = regex.compile(r"\s*\(\s*")
CLOSE_BRACKET = regex.compile(r"\s*\)")
WORDS_IN_BRACKETS = regex.compile(r"\s*\(\s*(\p{Ll}+(?:\s+\p{Ll}+){0,5})\s*\)")
YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
SPACES = regex.compile(r"\s+")
DIGITS_AFTER = regex.compile(r"\s+(\d+(?:[.,]\d+)?)")


class Atom(NamedTuple):
    """A bare number as written, before scale words: digits or a run of number words. (A named
    tuple, not a frozen dataclass: one is made for every number and every check that reads
    one, and a tuple is made several times faster.)"""

    start: int
    end: int
    value: float
    in_words: bool
    written: str
    scale: float = 1.0  # number words that include a scale (hai triệu) carry it here
    denominator: float | None = None  # X/Y: ``value`` is X


class Amount(NamedTuple):
    """A number with its scale words applied; ``scale`` is the factor they applied."""

    atom: Atom
    end: int
    value: float
    scale: float = 1.0

    def with_value(self, value: float) -> Amount:
        return Amount(self.atom, self.end, value, self.scale)


class Overlaps:
    """Whether a span overlaps any of fixed ``spans``, in log time: a long text has thousands of
    numbers in digits, and each number in words was checked against all of them."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.furthest_ends = list(itertools.accumulate((end for _, end in ordered), max))

    def any_with(self, start: int, end: int) -> bool:
        """Some span starts before ``end`` and ends after ``start``."""
        before_end = bisect.bisect_left(self.starts, end)
        return before_end > 0 and self.furthest_ends[before_end - 1] > start


def find_atoms(text: str) -> list[Atom]:
    """Every number in ``text``, digits and words, in order (dates with two slashes dropped)."""
    atoms = [scientific_atom(match) for match in SCIENTIFIC.finditer(text)] if SCIENTIFIC_SIGN.search(text) else []
    scientific = [(a.start, a.end) for a in atoms]
    for match in DIGIT_ATOM.finditer(text):
        if scientific and any(s <= match.start() < e for s, e in scientific):
            continue
        if (atom := digits_atom(match)) is not None:
            atoms.append(atom)
    overlaps = Overlaps([(a.start, a.end) for a in atoms])
    for start, end, parsed in word_numbers(text):
        if overlaps.any_with(start, end):
            continue
        if parsed.value == 0 and parsed.words == 1:
            continue  # `không` alone is "not"
        atoms.append(Atom(start, end, parsed.value, True, text[start:end], scale=parsed.scale))
    atoms.sort(key=lambda a: a.start)
    return with_digits_in_brackets(text, atoms)


def scientific_atom(match: regex.Match) -> Atom:
    """The number a match of ``SCIENTIFIC`` writes (3x10-3, 2.10⁻⁵)."""
    exponent = next(g for g in match.groups()[1:] if g is not None)
    exponent = exponent.translate(SUPERSCRIPTS).replace("−", "-").replace("–", "-")
    value = parse_number(match.group(1)) * 10.0 ** int(exponent)
    return Atom(match.start(), match.end(), value, False, match.group())


def digits_atom(match: regex.Match) -> Atom | None:
    """The number a match of ``DIGIT_ATOM`` writes, or None for a date (28/11/2022) or a code."""
    written = match.group()
    parts = written.split("/") if "/" in written else (written,)
    if len(parts) > 2:
        return None  # a date (28/11/2022) or a code
    try:
        values = [parse_number(p) for p in parts]
    except ValueError:
        return None
    denominator = values[1] if len(values) == 2 else None
    start, end = match.span()
    return Atom(start, end, values[0], False, written, denominator=denominator)


def first_atom_at_start(text: str) -> Atom | None:
    """``find_atoms(text)[0]`` when it starts at 0, else None; for a text that starts with a
    digit, read without the scans of the whole text: only digits can start there (numbers in
    words start with a letter), a scientific number before plain digits, and a bracket after
    digits is read from the text alone."""
    if not text[:1].isdecimal():  # `\d` is a decimal digit (Nd), as ``isdecimal`` says
        atoms = find_atoms(text)
        return atoms[0] if atoms and atoms[0].start == 0 else None
    if match := SCIENTIFIC.match(text):
        atom = scientific_atom(match)
    elif (match := DIGIT_ATOM.match(text)) is None or (atom := digits_atom(match)) is None:
        return None  # a date or a code: the first number (if any) starts further on
    return with_digits_in_brackets(text, [atom])[0]


def with_digits_in_brackets(text: str, atoms: list[Atom]) -> list[Atom]:
    """``mười hai (12) tháng``, ``sáu (06) tháng``: a number in words glossed in digits (or digits
    glossed in words, ``05 (năm) năm``) is one number, read from its digits, ending after the bracket."""
    merged: list[Atom] = []
    i = 0
    while i < len(atoms):
        words = atoms[i]
        digits = atoms[i + 1] if i + 1 < len(atoms) else None
        if (words.in_words and digits is not None and not digits.in_words and digits.denominator is None
                and OPEN_BRACKET_GAP.fullmatch(text, words.end, digits.start)
                and (close := CLOSE_BRACKET.match(text, digits.end))):
            merged.append(Atom(words.start, close.end(), digits.value, False, digits.written))
            i += 2
            continue
        gloss = (WORDS_IN_BRACKETS.match(text, words.end)
                 if not words.in_words and words.denominator is None and opens_bracket(text, words.end) else None)
        if gloss and glossed_value(gloss.group(1)) == words.value:
            # `05 (năm) năm`: digits glossed in words are the same number
            merged.append(Atom(words.start, gloss.end(), words.value, False, words.written))
            i += 2 if digits is not None and digits.start < gloss.end() else 1
            continue
        merged.append(words)
        i += 1
    return merged


def opens_bracket(text: str, pos: int) -> bool:
    """Whether a bracket may open at ``pos`` after spaces (a window of spaces only may hide one)."""
    after = text[pos:pos + 8].lstrip()
    return not after or after[0] == "("


def glossed_value(words: str) -> float | None:
    """The number a bracketed gloss says in words (`mười`, `năm`: a bare `năm` is five here)."""
    said = parse_words(words.split())
    if said is not None:
        return said.value
    value = lexicon().ambiguous_digits.get(words.lower())
    return float(value) if value is not None else None


def scaled_amount(reading: Reading, atom: Atom) -> Amount:
    """The atom with the scale words after it (1,2 tỷ; 3 tỷ 200 triệu; 2,5 nghìn tỷ)."""
    if atom.in_words:
        return Amount(atom, atom.end, atom.value, atom.scale)
    match = reading.lex.scale_at.match(reading.text, atom.end)
    if not match:
        return Amount(atom, atom.end, atom.value)
    scale = scale_of(reading, match)
    value, end = atom.value * scale, match.end()
    if half := reading.lex.half_at.match(reading.text, end):
        return Amount(atom, half.end(), value + 0.5 * scale, scale)  # 2 triệu rưỡi
    # 3 tỷ 200 triệu: a group of a smaller scale adds on.
    more = DIGITS_AFTER.match(reading.text[end:end + 20])
    if more and (smaller := reading.lex.scale_at.match(reading.text, end + more.end())):
        if scale_of(reading, smaller) < scale:
            value += parse_number(more.group(1)) * scale_of(reading, smaller)
            end = smaller.end()
            return Amount(atom, end, value, scale)
    if scale >= 1e3 and (digit := reading.lex.scale_decimal_at.match(reading.text, end)):
        return Amount(atom, digit.end(), value + int(digit.group(1)) * scale / 10, scale)  # 2 triệu 5
    return Amount(atom, end, value, scale)


def is_scale_amount(reading: Reading, atom: Atom) -> bool:
    """A round amount said by its scale: a scale word after the number, or a number in words
    that is one word of ten or more (trăm, chục, tỉ)."""
    if atom.scale != 1.0 or scaled_amount(reading, atom).scale != 1.0:
        return True
    return atom.in_words and len(atom.written.split()) == 1 and atom.value >= 10


def money_only_scale(reading: Reading, amount: Amount) -> bool:
    """The scale word is one that scales money only (``k``): elsewhere it is no scale (4K)."""
    written = reading.text[amount.atom.end:amount.end].strip().lower()
    return bool(written) and written.split()[0] in reading.lex.money_only_scales


def scale_of(reading: Reading, match: regex.Match) -> float:
    """The factor of a matched scale word (tỷ → 1e9), however it is spaced or cased."""
    return reading.lex.scales[SPACES.sub(" ", match.group(1).lower())]


def next_amount(reading: Reading, pos: int) -> Amount | None:
    """The amount that starts exactly at ``pos``, if one does."""
    atom = first_atom_at_start(reading.text[pos:pos + 40])
    if atom is None:
        return None
    shifted = Atom(pos, pos + atom.end, atom.value, atom.in_words, atom.written, atom.scale, atom.denominator)
    return scaled_amount(reading, shifted)
