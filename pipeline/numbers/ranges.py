"""Two numbers read as one mention (a range, a change, one out of a total) and the words that
bound an amount (its qualifier: about, over, under, up to)."""
from __future__ import annotations

import regex

from . import atoms, units
from .atoms import Amount, Atom
from .formats import has_thousands_groups
from .gates import first_run_at
from .reading import Reading, sentence_start
from .units import Unit

SINGLE_DIGIT = regex.compile(r"[1-9]")
SPACE_GAP = regex.compile(r" +")
WORD = regex.compile(r"[\p{L}\p{M}]+")


def read_range(
    reading: Reading, amount: Amount, unit: Unit | None, allow_noun: bool
) -> tuple[Amount, float, Unit] | None:
    """``A-B unit``, ``A unit đến dưới B unit``: (low amount, high value, unit) or None."""
    end = unit.end if unit else amount.end
    join = reading.lex.range_join.match(reading.text, end)
    if not join and unit is None:
        join = juxtaposed_range(reading, amount)
    if not join or (high := atoms.next_amount(reading, join.end())) is None:
        return None
    high_unit = units.unit_at(reading, high.end, allow_noun) or units.implicit_unit(reading, high)  # 8 - 10 triệu
    if high_unit is None:
        return None
    if unit is not None and high_unit.unit != unit.unit:
        factor = reading.lex.time_in_units.get(high_unit.unit, {}).get(unit.unit)
        if factor is None or unit.kind != "time" or high_unit.kind != "time":
            return None
        # 6 tháng – 1 năm: the high end read in the low end's unit (12 tháng)
        high = high.with_value(high.value * factor)
        high_unit = Unit(unit.type, unit.unit, high_unit.end, unit.kind)
    low = amount.value if unit is not None else low_end(amount, high)
    if not 0 <= low <= high.value:
        return None
    return amount.with_value(low), high.value, high_unit


def juxtaposed_range(reading: Reading, amount: Amount) -> regex.Match | None:
    """``1 2 nghìn``: two single digits side by side before a scale word are a spoken range
    (one or two thousand); the gap is the join."""
    atom = amount.atom
    if atom.in_words or amount.scale != 1.0 or not SINGLE_DIGIT.fullmatch(atom.written):
        return None
    gap = SPACE_GAP.match(reading.text, amount.end)
    high = atoms.next_amount(reading, gap.end()) if gap else None
    if high is None or not SINGLE_DIGIT.fullmatch(high.atom.written) or high.scale == 1.0:
        return None
    return gap if high.atom.value > atom.value else None


def read_change(reading: Reading, amount: Amount, allow_noun: bool) -> tuple[Amount, Unit] | None:
    """``từ 19 lên 20 quốc gia``: the starting value takes the unit (and scale) of the end
    value, which is a mention of its own, read next."""
    join = reading.lex.change_join.match(reading.text, amount.end)
    if not join or (target := atoms.next_amount(reading, join.end())) is None:
        return None
    target_unit = units.unit_at(reading, target.end, allow_noun)
    if target_unit is None:
        return None
    start = amount.with_value(low_end(amount, target))
    return start, Unit(target_unit.type, target_unit.unit, amount.end, target_unit.kind)


def low_end(low: Amount, high: Amount) -> float:
    """The low end of a shortened range takes the high end's scale: 8-9 triệu, 250-280.000."""
    if low.scale == 1.0 and high.scale != 1.0:
        return low.value * high.scale
    value = low.value
    if (
        low.scale == high.scale == 1.0
        and has_thousands_groups(high.atom.written)
        and not has_thousands_groups(low.atom.written)
        and value > 0
    ):
        while value * 1000 <= high.value:
            value *= 1000
    return value


def out_of_total(reading: Reading, amount: Amount) -> Unit | None:
    """``1 trong 3 đột phá``: the count is the first number, with the unit of the total."""
    join = reading.lex.out_of_join.match(reading.text, amount.end)
    if not join:
        return None
    total = atoms.next_amount(reading, join.end()) or ambiguous_digit_at(reading, join.end())
    if total is None:
        return None
    unit = units.unit_at(reading, total.end, allow_noun=True)  # after `trong ba`, any noun is counted
    if unit is None or unit.type != "quantity" or unit.kind == "time":
        return None  # 31.758 ca trong 24 giờ: a time is when, not a total
    return unit


def ambiguous_digit_at(reading: Reading, pos: int) -> Amount | None:
    """``ba trong số năm dự án``: after a word of a total, ``năm`` is five, not a year."""
    match = WORD.match(reading.text[pos:pos + 10])
    value = reading.lex.ambiguous_digits.get(match.group().lower()) if match else None
    if value is None:
        return None
    end = pos + match.end()
    return Amount(Atom(pos, end, float(value), True, match.group()), end, float(value))


def qualifier(reading: Reading, start: int, end: int, unit: Unit, is_range: bool, in_words: bool) -> str | None:
    """The bound of the amount at ``start``..``end``: a word before it in its sentence, a word
    after it, or a bound that governs a list the amount is in; None for an exact amount."""
    text, lex = reading.text, reading.lex
    sentence = sentence_start(reading, start)
    prefix = text[sentence:start]
    found: tuple[int, str, str] | None = None
    if lex.any_qualifier_before.has_match(prefix):  # most amounts have no bound before them: one attempt
        for kind, pattern in lex.qualifier_before.items():
            match = pattern.search(prefix)
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), kind, match.group(1).lower())
    if found:
        at, kind, word = found
        comparative = lex.comparative_before.search(prefix)
        if comparative and comparative.end() >= at and lex.difference_after.match(text, end):
            return None  # cao hơn 5% so với: a difference
        # `từ X` alone is a floor (giá từ 200.000 đồng), but not in a range or a change,
        # nor before counted things, where it means "from" (thu từ 5 dự án).
        from_only = word == "từ" and (
            is_range
            or in_words
            or unit.kind in {"counted", "noun"}
            or lex.change_join.match(text, end)
            or lex.range_join.match(text, end)
        )
        if word.startswith("vượt") and lex.exact_margin_after.match(text, end):
            return None  # vượt 6,3% kế hoạch: the exact margin
        if not from_only:
            return kind
    if lex.qualifier_after_words.admits(first_run_at(text, end)):  # one look at the word after it
        for kind, pattern in lex.qualifier_after.items():
            if pattern.match(text, end):
                return kind
    for kind, pattern, spans in governors_in(reading):
        if not may_govern(spans, sentence, start):
            continue
        governors = list(pattern.finditer(prefix))
        if governors and governed(reading, sentence + governors[-1].end(), start, unit):
            return kind
    return None


def governors_in(reading: Reading) -> tuple:
    """The list governors (kind, pattern, where their words stand in the text) whose words the
    whole text holds: a sentence holds a governor's words only where the text does, so the
    others are never searched, mention by mention."""
    if reading.list_governors is None:
        reading.list_governors = tuple(
            (kind, pattern, atoms.Overlaps(spans) if (spans := pattern.word_spans(reading.text)) is not None else None)
            for kind, pattern in reading.lex.list_governors.items()
            if pattern.holds_its_words(reading.text)
        )
    return reading.list_governors


def may_govern(spans: atoms.Overlaps | None, sentence: int, start: int) -> bool:
    """Whether the words of a sentence before an amount, ``text[sentence:start]``, may hold a
    governor whose words stand at ``spans`` in the text (None: anywhere): one of them must
    stand there."""
    return spans is None or spans.any_with(sentence, start)


def governed(reading: Reading, governor_end: int, start: int, unit: Unit) -> bool:
    """A bound governs the amounts after it in its sentence while they form one list:
    every mention between the bound and this one has this one's type and unit."""
    between = [m for m in reading.mentions if governor_end <= m.start < start]
    return all(m.type == unit.type and m.unit == unit.unit for m in between)
