"""What an amount counts (``Unit``): percent, currency, measure, time, a counted noun, or a
unit left unwritten (said once for a list, implied by the sentence's money, a bare measure)."""
from __future__ import annotations

from typing import NamedTuple

import regex

from . import atoms
from .atoms import SPACES, YEAR_LIKE, Amount, Atom
from .formats import has_thousands_groups
from .reading import Reading, sentence_start
from ..records import Mention

WORD_AFTER = regex.compile(r"\s+[“\u0022]?([\p{Ll}\p{M}][\p{L}\p{M}]*)(?:\s+([\p{Ll}\p{M}][\p{L}\p{M}]*)(?=\s?/))?")
# An abbreviation after a number is what it counts (5 HTX, 1.542 F0), unless it starts a
# code (15 NĐ-CP, 12 QĐ/UBND).
ABBREVIATION_AFTER = regex.compile(r"\s+(\p{Lu}[\p{Lu}\d]{1,4})(?![\p{L}\p{M}\d\-/.])")
NEXT_WORD = regex.compile(r"\s+([\p{L}\p{M}]+)")
CAPITALISED_AFTER = regex.compile(r"\s+\p{Lu}\p{Ll}")  # Yên Bái, Đồng Nai: a place, not a currency
COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
# A heading of words before a colon, and the end of its item after the number.
LIST_ITEM_HEADING = regex.compile(r"[^\n:\d]*\p{L}[^\n:\d]*(?:\d+[^\n:\d]*)?:\s*")
LIST_ITEM_END = regex.compile(r"\s*(?:$|\n|[.;](?:\s|$)|,\s+(?i:trong\s+đó))")
LIST_LINK = regex.compile(r"[ ]?,[ ]|[ ](?:và|hoặc)[ ]")  # `77, 74,8 và 55`: a comma with a space parts items


class Unit(NamedTuple):
    """What an amount counts, and where the words saying so end (a named tuple, made fast)."""

    type: str  # money | percent | quantity
    unit: str
    end: int
    kind: str  # currency | percent | measure | time | times | counted | noun | implicit | proportion
    # | elided (the noun of the count before) | bare (no unit written: hệ số 1,2; 1,07 triệu)
    factor: float = 1.0  # a minor currency unit: 188,6 US cent → 1,886 USD


def unit_at(reading: Reading, pos: int, allow_noun: bool) -> Unit | None:
    """What the amount ending at ``pos`` counts, or None. ``allow_noun``: any noun-like
    word may be the counted noun (for digits; words need a known unit). A unit never
    starts on the next line (`… 40\nNgày 5/12, …`). Asked once per position (kept in ``reading``)."""
    key = (pos, allow_noun)
    if key in reading.units_at:
        return reading.units_at[key]
    unit = unit_on_line(reading, pos, allow_noun)
    if unit is not None and "\n" in reading.text[pos:unit.end].lstrip(" ")[:1]:
        unit = None
    reading.units_at[key] = unit
    return unit


def unit_on_line(reading: Reading, pos: int, allow_noun: bool) -> Unit | None:
    """The kinds of unit tried in order, the most certain first: percent, currency, measure, gold
    weight, times, counted noun, time, then (digits only) an abbreviation or any noun."""
    text, lex = reading.text, reading.lex
    if match := lex.percent_at.match(text, pos):
        if lex.percent_grade_after.match(text, match.end()):
            return None  # gạo 5% tấm: a grade
        unit = lex.percents[SPACES.sub(" ", match.group(1).lower())]
        return Unit("percent", unit, rate_end(reading, match.end()), "percent")
    match = lex.currency_at.match(text, pos)
    word = SPACES.sub(" ", match.group(1)).lower() if match else ""
    not_after = lex.not_currency_after.get(word) if match else None
    if match and not (not_after and not_after.match(text, match.end())):
        written = match.group(1)
        if not (written[:1].isupper() and not written.isupper() and CAPITALISED_AFTER.match(text, match.end())):
            factor = lex.currency_factors.get(word, 1.0)
            return Unit("money", lex.currencies[word], rate_end(reading, match.end()), "currency", factor)
    if match := lex.measure_at.match(text, pos):
        end = rate_end(reading, match.end())
        return Unit("quantity", unit_text(reading, pos, end), end, "measure")
    if match := lex.gold_weight_at.match(text, pos):
        return Unit("quantity", match.group(1).lower(), match.end(), "measure")  # 2 chỉ 9999
    if lex.not_unit_at.match(text, pos) or lex.label_after.match(text, pos):
        return None
    if match := lex.times_at.match(text, pos):
        return Unit("quantity", "lần", match.end(), "times")
    if (word_after := WORD_AFTER.match(text, pos)) and starts_verb_phrase(reading, word_after):
        return None  # 12 tập trung…: a verb, though `tập` alone may be counted
    if match := lex.counted_at.match(text, pos):
        end = rate_end(reading, match.end())
        return Unit("quantity", unit_text(reading, pos, end), end, "counted")
    if match := lex.time_at.match(text, pos):
        return Unit("quantity", match.group(1).lower(), rate_end(reading, match.end()), "time")
    match = ABBREVIATION_AFTER.match(text, pos) if allow_noun else None
    if match and match.group(1) not in lex.not_counted_abbreviations:
        return Unit("quantity", match.group(1).lower(), match.end(), "noun")  # 20 DN, 1.542 F0
    if allow_noun and (match := word_after):
        # An unlisted word after a number is the counted noun (9 triệu giao dịch, 5 tổ công tác)
        # unless it is a function word (or starts a two-word verb, giao cho: turned away above).
        if match.group(1).lower() not in lex.not_nouns:
            end = rate_end(reading, match.end()) if match.group(2) else match.end()
            return Unit("quantity", unit_text(reading, pos, end), end, "noun")
    return None


def starts_verb_phrase(reading: Reading, match: regex.Match) -> bool:
    """The word after the number and the next one form a listed two-word verb (giao cho)."""
    second = NEXT_WORD.match(reading.text, match.end(1))
    return bool(second) and f"{match.group(1).lower()} {second.group(1).lower()}" in reading.lex.not_noun_phrases


def unit_text(reading: Reading, start: int, end: int) -> str:
    """The unit as stored: the words as written, spaces folded, lower case, no quotes."""
    return SPACES.sub(" ", reading.text[start:end].strip()).strip("“”\"").lower()  # 2 “ông lớn”


def rate_end(reading: Reading, pos: int) -> int:
    """A rate keeps its whole unit: đồng/người, đồng/4 năm, đồng/3 kỳ/năm, %/năm học."""
    if "/" not in reading.text[pos:pos + 2]:  # every rate goes on with a slash, a space at most before it
        return pos
    match = reading.lex.rate_at.match(reading.text, pos)
    return match.end() if match else pos


def whole_dong(amount: Amount) -> Amount:
    """``20,800 đồng``: đồng have no decimals, so a comma before three digits with no
    scale word groups thousands (with a scale word, ``108,987 tỷ``, it is a decimal)."""
    written = amount.atom.written
    if amount.scale == 1.0 and COMMA_THOUSANDS.fullmatch(written):
        return amount.with_value(float(written.replace(",", "")))
    return amount


def coins(reading: Reading, amount: Amount, unit: Unit) -> Unit:
    """``rổ 6 đồng tiền``, ``100 đồng tiền xu``: a plain number under a thousand before
    ``đồng tiền``/``đồng xu`` counts coins or currencies, unless cash or a payment follows."""
    atom = amount.atom
    if unit.kind != "currency" or amount.scale != 1.0 or not 0 < atom.value < 1000 or atom.denominator:
        return unit
    if not atom.in_words and not atom.written.isdigit():
        return unit
    coin = reading.lex.counted_at.match(reading.text, amount.end)
    if not coin or " " not in coin.group(1) or reading.lex.money_after_coin.match(reading.text, coin.end()):
        return unit
    if not reading.lex.currency_at.match(reading.text, amount.end):
        return unit
    return Unit("quantity", unit_text(reading, amount.end, coin.end()), coin.end(), "counted")


def unit_shared_by_list(reading: Reading, amount: Amount, year_like: bool, before: str) -> tuple[Amount, Unit] | None:
    """``lần lượt 77, 74,8 và 55 triệu đồng/năm``, ``loại 1, 2, 5 chỉ``: bare numbers listed
    before one that carries a scale and a unit share them."""
    if year_like or amount.atom.in_words or amount.scale != 1.0 or amount.atom.denominator is not None:
        return None
    pos = amount.end
    for _ in range(6):
        link = LIST_LINK.match(reading.text, pos)
        following = atoms.next_amount(reading, link.end()) if link else None
        if following is None or following.atom.in_words:
            return None
        unit = unit_at(reading, following.end, allow_noun=True)
        if unit is not None:
            if unit.kind == "time" and not reading.lex.length_before.search(before):
                return None  # `ngày 5, 6 và 7 tháng`: days, not lengths (but kỳ hạn 2 và 3 tháng)
            value = amount.value * following.scale
            # the mention is the number alone: the unit stands written once, after the last item
            return Amount(amount.atom, amount.end, value, following.scale), Unit(
                unit.type, unit.unit, amount.end, "elided", unit.factor)
        if following.scale != 1.0:
            return None
        pos = following.end
    return None


def length_after_bound(reading: Reading, amount: Amount, before: str) -> Unit | None:
    """``suốt 31 năm nay``, ``hơn 2 năm qua``: after a word that bounds a length of time, the
    time word is its unit even where the words after it would make it a date."""
    if not reading.lex.length_before.search(before):
        return None
    match = reading.lex.time_at.match(reading.text, amount.end)
    if not match:
        return None
    return Unit("quantity", match.group(1).lower(), match.end(), "time")


def implicit_unit(reading: Reading, amount: Amount) -> Unit | None:
    """No unit written: ``gấp 3`` counts times; a bare ``tỷ`` amount, or a ``triệu`` one in
    a sentence about money, is in đồng."""
    text, lex, atom = reading.text, reading.lex, amount.atom
    if atom.denominator is not None:
        return None
    if lex.multiple_word_before.search(text[max(0, atom.start - 10):atom.start]):
        return Unit("quantity", "lần", amount.end, "times")
    currency = sentence_currency(reading, atom.start)
    if amount.scale >= lex.implicit_vnd_always_from:
        return Unit("money", currency, rate_end(reading, amount.end), "implicit")
    if amount.scale >= 1e6:
        clause = text[sentence_start(reading, atom.start):atom.start].rsplit(";", 1)[-1]
        if lex.implicit_vnd_cue.search(clause):
            return Unit("money", currency, rate_end(reading, amount.end), "implicit")  # 10 triệu/tháng
    if 1e3 <= amount.scale < 1e6 or (amount.scale == 1.0 and priced_per_unit(reading, amount)):
        clause = text[sentence_start(reading, atom.start):atom.start].rsplit(";", 1)[-1]
        if lex.implicit_vnd_thousands_cue.search(clause):
            return Unit("money", "VND", rate_end(reading, amount.end), "implicit")  # giá 15 nghìn/kg
    return None


def priced_per_unit(reading: Reading, amount: Amount) -> bool:
    """``giá 15.000/kg``, ``bán 30.000 một bó``: a full amount in thousands groups priced
    per unit is in đồng even with no currency written."""
    if amount.atom.in_words or not has_thousands_groups(amount.atom.written):
        return False
    if rate_end(reading, amount.end) > amount.end:
        return True
    return bool(reading.lex.per_unit_after.match(reading.text, amount.end))


def sentence_currency(reading: Reading, pos: int) -> str:
    """The currency an unwritten one stands for: that of the last amount of money written
    with a currency in the sentence (xuất khẩu 260 tỷ USD, nhập siêu 2 tỷ), else đồng."""
    start = sentence_start(reading, pos)
    for mention in reversed(reading.mentions):
        if mention.end <= start:
            break
        if mention.type == "money" and mention.rule and "currency" in mention.rule:
            return mention.unit
    return "VND"


def unwritten_unit(reading: Reading, amount: Amount, before: str) -> Unit | None:
    """An amount with no unit written that still states one: the count of a list whose
    noun was said once (3 người cho rằng giảm và 6 dự báo đi ngang), a measure that takes
    a bare number (hệ số 1,2), or a scaled count (thất nghiệp 1,07 triệu)."""
    atom = amount.atom
    if atom.in_words or atom.denominator is not None:
        return None
    if (previous := elided_from(reading)) is not None and previous.end <= atom.start:
        if reading.lex.elision_gap.fullmatch(reading.text, previous.end, atom.start):
            return Unit("quantity", previous.unit, amount.end, "elided")
    if reading.lex.measure_without_unit_before.search(before) or amount.scale >= 1e3:
        return Unit("quantity", "", amount.end, "bare")
    if is_list_item_count(reading, amount):
        return Unit("quantity", "", amount.end, "bare")
    if has_thousands_groups(atom.written) and not reading.lex.not_unit_at.match(reading.text, amount.end):
        return Unit("quantity", "", amount.end, "bare")  # tăng lên 58.925: a count in thousands
    return None


def is_list_item_count(reading: Reading, amount: Amount) -> bool:
    """``- Cách ly tại bệnh viện: 518``, ``+ Lần 2: 11.``: a number that is the whole value of a
    heading after a colon is the count the heading names (what it counts is in the heading)."""
    atom = amount.atom
    if amount.scale != 1.0 or atom.denominator is not None or YEAR_LIKE.fullmatch(atom.written):
        return False
    line_start = reading.text.rfind("\n", 0, atom.start) + 1
    heading = reading.text[line_start:atom.start]
    return bool(LIST_ITEM_HEADING.fullmatch(heading)) and bool(LIST_ITEM_END.match(reading.text, amount.end))


def elided_from(reading: Reading) -> Mention | None:
    """The last mention, when it counts things a later number may leave unsaid."""
    if not reading.mentions:
        return None
    last = reading.mentions[-1]
    counted = last.rule is not None and ("counted" in last.rule or "noun" in last.rule)
    return last if last.type == "quantity" and counted else None


def word_fraction(reading: Reading, atom: Atom) -> tuple[Amount, Unit] | None:
    """``một phần ba``, ``hai phần năm``: a fraction in words is a ratio in ``lần``."""
    if not atom.in_words or atom.scale != 1.0 or not 1 <= atom.value < 10:
        return None
    match = reading.lex.fraction_words_at.match(reading.text, atom.end)
    if not match:
        return None
    denominator = reading.lex.fraction_denominators[match.group(1).lower()]
    amount = Amount(atom, match.end(), atom.value / denominator)
    return amount, Unit("quantity", "lần", match.end(), "proportion")
