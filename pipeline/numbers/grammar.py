"""Numbers that state an amount: money, percent and quantity mentions (issue 3).

In: a document's NFC text. Out: ``Mention`` records with offsets into it, value normalised
(scale words applied), unit (ISO currency, ``%``/``pp``, or the counted noun), range high end
and qualifier. The grammar runs over raw text with precompiled regexes (no tokenizer): find
every number (digits or words), read the scale words after it, then what it counts (percent,
currency, measure, counted noun), a range or a change, the words that bound it, and drop the
numbers that are labels, dates, codes or denominators. What follows a number is read as the
noun it counts unless there is positive evidence against it (a function word, a two-word verb,
a label or a date before it): unseen texts count nouns no list can foresee. All Vietnamese words live in
rules/numbers/*.yml (see ``lexicon``); the code is the grammar only.

This module is the driver (the order of the checks); the parts it calls, each taking the pass's
state (``reading.Reading``): ``atoms`` (one number, its scale), ``units`` (what it counts),
``ranges`` (two numbers, bounds) and ``exclusions`` (what is not an amount).
"""
from __future__ import annotations

import regex

from . import atoms, exclusions, ranges, units
from .atoms import SPACES, YEAR_LIKE, Amount, Atom, find_atoms
from .lexicon import lexicon
from .reading import Reading
from .units import Unit
from ..records import Mention

YEAR_RANGE_BEFORE = regex.compile(r"(?<![\d.,])(?:19|20)\d\d\s*[-–—]\s*$")
SIGN_BEFORE = regex.compile(r"(?:^|[(\[:;]\s*|\n)[-−]$")
# The denominator of a rate: the words after the last slash that follows a unit (not a digit).
RATE_DENOMINATOR = regex.compile(r"(?<=[^\d\s/]\s*)/\s*([^/]+)$")


def find_mentions(text: str) -> list[Mention]:
    """Every money, percent and quantity mention in ``text``, in reading order."""
    return read_all(Reading(text, lexicon()))


def rate_denominator(type_: str, written: str) -> str | None:
    """A price or a rate keeps what it is per (``3.415 USD/tấn`` → per ``tấn``), since its ``unit``
    is the currency or ``%`` alone. A quantity's unit already holds it (``thôn/xã``); a slash
    between digits is a fraction (``2.477/10.825 tỷ đồng``), not a rate."""
    if type_ == "quantity" or "/" not in written:
        return None
    match = RATE_DENOMINATOR.search(written)
    return match.group(1).strip() if match else None


def read_all(reading: Reading) -> list[Mention]:
    """Read every number left to right (those inside a mention already read are skipped), then
    the multiples written without a number."""
    for atom in find_atoms(reading.text):
        if atom.start >= reading.covered_until:
            read_atom(reading, atom)
    add_multiples(reading)
    reading.mentions.sort(key=lambda m: m.start)
    return reading.mentions


def read_atom(reading: Reading, atom: Atom) -> None:
    """One number: drop it if it is no amount, read it against another number if it is relative
    to one, else read it as an amount. The order of the checks is the grammar: earlier ones win."""
    before = reading.text[max(0, atom.start - 30):atom.start]
    if exclusions.is_no_amount(reading, atom, before):
        return
    amount = atoms.scaled_amount(reading, atom)
    if not read_relative(reading, amount, before):
        read_amount(reading, amount, before)


def read_relative(reading: Reading, amount: Amount, before: str) -> bool:
    """A number relative to another: a fraction in words (một phần ba), the base of a rate
    (trên 1 vạn dân: skipped with its unit), a share (2/3 số cổ phiếu), one out of a total
    (1 trong 3 đột phá). True when the number was read here."""
    atom = amount.atom
    if (fraction := units.word_fraction(reading, atom)) is not None:
        add_mention(reading, atom.start, *fraction, None, rule="number:words+fraction")
        return True
    if exclusions.is_denominator(reading, atom):
        unit = units.unit_at(reading, amount.end, allow_noun=not atom.in_words)
        reading.covered_until = unit.end if unit else amount.end
        return True
    if atom.denominator and exclusions.is_proportion(reading, atom, before):
        ratio = amount.with_value(atom.value / atom.denominator)
        add_mention(reading, atom.start, ratio, Unit("quantity", "lần", atom.end, "proportion"), None)
        return True
    if (total := ranges.out_of_total(reading, amount)) is not None:
        add_mention(reading, atom.start, amount, total, None, rule="number:out-of-total")
        return True
    return False


def read_amount(reading: Reading, amount: Amount, before: str) -> None:
    """An amount: what it counts (a year-like number only when a unit says it is no date), a
    range, a change or a unit shared by a list, then the checks that depend on the unit."""
    atom = amount.atom
    year_like = not atom.in_words and len(atom.written) == 4 and YEAR_LIKE.fullmatch(atom.written) is not None
    if year_like and YEAR_RANGE_BEFORE.search(before):
        return  # 2026 - 2028: the second year of a period
    allow_noun = not atom.in_words and not year_like
    unit = units.unit_at(reading, amount.end, allow_noun)
    if unit is None and not year_like:
        unit = units.length_after_bound(reading, amount, before)
    if year_like and unit is not None and unit.kind in {"noun", "time"}:
        return
    if year_like and (unit is None or unit.kind == "counted") and reading.lex.year_before.search(before):
        return  # đến 2030 dân số…: a year after a time word is a date
    if unit is not None and unit.kind == "time" and amount.scale >= 1e6:
        unit = None  # lãi 15 tỷ năm 2023: the year is a date, the amount has no unit
    if unit is not None and unit.unit == "VND" and unit.factor == 1.0:
        amount = units.whole_dong(amount)
        unit = units.coins(reading, amount, unit)
    value_max = None
    if (range_ := ranges.read_range(reading, amount, unit, allow_noun)) is not None:
        amount, value_max, unit = range_
    elif unit is None and (change := ranges.read_change(reading, amount, allow_noun)) is not None:
        amount, unit = change
    elif unit is None and (shared := units.unit_shared_by_list(reading, amount, year_like, before)) is not None:
        amount, unit = shared
    elif unit is None:
        unit = units.implicit_unit(reading, amount)
    if unit is None and not year_like:
        unit = units.unwritten_unit(reading, amount, before)
    if unit is None or not exclusions.counts(reading, amount, unit, before, value_max is not None):
        return
    if unit.type != "money" and atoms.money_only_scale(reading, amount):
        return  # màn hình 4K: k scales money only
    start = atom.start
    sign = reading.text[max(0, start - 3):start]
    if not atom.in_words and ("-" in sign or "−" in sign) and SIGN_BEFORE.search(sign):
        start, amount = start - 1, amount.with_value(-amount.value)
    add_mention(reading, start, amount, unit, value_max)


def add_mention(
    reading: Reading, start: int, amount: Amount, unit: Unit, value_max: float | None, rule: str | None = None
) -> None:
    """Record a mention with its qualifier and rule name; the atoms it covers are not read again."""
    atom = amount.atom
    end = max(unit.end, amount.end)
    qualifier = ranges.qualifier(reading, atom.start, end, unit, value_max is not None, atom.in_words)
    if unit.factor != 1.0:
        amount = amount.with_value(amount.value * unit.factor)
        value_max = value_max * unit.factor if value_max is not None else None
    if rule is None:
        parts = ["words" if atom.in_words else "digits", unit.kind]
        parts += ["range"] if value_max is not None else []
        parts += ["fraction"] if atom.denominator is not None else []
        rule = "number:" + "+".join(parts)
    written = reading.text[start:end]
    reading.mentions.append(
        Mention(
            start=start,
            end=end,
            text=written,
            type=unit.type,
            value=amount.value,
            unit=unit.unit,
            value_max=value_max,
            qualifier=qualifier,
            rule=rule,
            per=rate_denominator(unit.type, written),
        )
    )
    reading.covered_until = end


def add_multiples(reading: Reading) -> None:
    """``gấp đôi`` → 2 lần, ``gấp rưỡi`` → 1.5 lần, where no number was read there."""
    for match in reading.lex.multiple_at.finditer(reading.text):
        start, end = match.start(), match.end()
        if any(m.start < end and start < m.end for m in reading.mentions):
            continue
        if reading.lex.times_at.match(reading.text, end):
            continue  # gấp ba lần: read as a number
        value = float(reading.lex.multiples[SPACES.sub(" ", match.group(1).lower())])
        unit = Unit("quantity", "lần", end, "times")
        atom = Atom(start, end, value, True, match.group())
        add_mention(reading, start, Amount(atom, end, value), unit, None, rule="number:multiple")
