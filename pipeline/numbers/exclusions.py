"""What is not an amount: labels (ordinals, article and document numbers, names with digits),
dates, codes and phone numbers, proportions and denominators, and the checks that depend on
what the number would count (``counts``)."""
from __future__ import annotations

import regex

from . import atoms, units
from .atoms import Amount, Atom
from .formats import has_thousands_groups
from .gates import CharsAt, last_run_of
from .reading import Reading
from .units import Unit

DAY_MONTH = regex.compile(r"\d{1,2}/\d{1,2}")
DAY_RANGE_AFTER = CharsAt(regex.compile(r"\s*[-–—]\s*(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])"), "-–—")
PHONE_OR_CODE = regex.compile(r"0\d(?:[. ]?\d){3,}")
LETTER_HYPHEN_BEFORE = regex.compile(r"[\p{L}\p{M}]-$")
# A code of capitals and digits before a hyphen (30A-123.45, 59X1-234.56): the rest is the code's.
CODE_HYPHEN_BEFORE = regex.compile(r"(?<!\S)(?=[\p{Lu}\d]*\p{Lu})(?=[\p{Lu}\d]*\d)[\p{Lu}\d]+[-–]$")
LAST_WORD = regex.compile(r"(\S+)\s+$")
# A digit and `.0` with nothing measured after it names a version (công nghiệp 4.0, số 2.0).
VERSION = regex.compile(r"\d\.0")
# A hotline (1900 1234, 1800.6789): the prefix is no year, the rest no count.
HOTLINE_BEFORE = regex.compile(r"(?<![\d.,])1[89]00[ .]?$")
# The digits ending a text, searched from its end: from the start it is a scan of the whole text.
TRAILING_DIGITS = regex.compile(r"(?r)\d+$")


def is_no_amount(reading: Reading, atom: Atom, before: str) -> bool:
    """A label, a vague amount (cả trăm người), a group's name or a day/month: not read. A label
    is remembered, for a number coordinated with it is one too (quý 1 và 2)."""
    lex = reading.lex
    listed = lex.no_amount_words.admits(last_run_of(before))  # else none of the lists' patterns below matches
    if is_label(reading, atom, before, listed):
        reading.label_end = atom.end
        return True
    if listed and (lex.vague_before.search(before) or (atom.in_words and lex.vague_before_words.search(before))):
        return True
    if listed and lex.vague_before_scale.search(before) and atoms.is_scale_amount(reading, atom):
        return True  # cả tỉ, cả trăm người (but cả ba khu vực counts)
    if listed and is_group_label(reading, atom, before):
        reading.label_end = atom.end
        return True
    if is_day_month(reading, atom, before):
        reading.label_end = atom.end
        return True
    return False


def is_label(reading: Reading, atom: Atom, before: str, listed: bool = True) -> bool:
    """Ordinals, calendar parts, article and document numbers, names with digits. ``listed``: False
    where no phrase of the word lists before a number ends ``before`` (``lex.no_amount_words``)."""
    lex = reading.lex
    # Each pattern below is tried only where the characters it must start or end with are there
    # (a hyphen before the number, a slash after it…): almost no number has them.
    hyphen = before[-2:]  # `$` also matches before a final line break
    if ("-" in hyphen or "–" in hyphen) and (LETTER_HYPHEN_BEFORE.search(before) or CODE_HYPHEN_BEFORE.search(before)):
        return True  # Covid-19, IT-E10, 59X1-234.56
    if listed and lex.game_name_after_head.search(before) and not lex.scale_at.match(reading.text, atom.end):
        return True  # binh xập xám 13 lá (but tá lả 5 nghìn 1 điểm is the stake)
    if listed and lex.game_verb_before.search(before) and lex.game_number_name_at.match(reading.text, atom.start):
        return True  # đánh ba cây: the game, not three cards
    if (
        listed
        and lex.label_before.search(before)
        and not lex.not_label_before.search(before)
        and not continues_length(reading, atom)  # 3 năm 6 tháng, 2 giờ 30 phút
        and not scaled_money_after(reading, atom)  # một khoản 200 triệu đồng
        and not lex.distributive_label_before.search(before)  # mỗi chiều 150.000 đồng
        and not count_per_time(reading, atom, before)  # ăn ngày ba bữa
    ):
        return True
    if not atom.in_words and has_any(reading.text[atom.end:atom.end + 2], "-/") and lex.document_code_after.match(
            reading.text, atom.end):
        return True
    if not atom.in_words and "00" in before[-4:] and HOTLINE_BEFORE.search(before):
        return True
    if not atom.in_words and atom.written[:1] == "0" and PHONE_OR_CODE.fullmatch(atom.written):
        return True  # 0912.345.678, 0123456: a leading zero before four digits or more
    if not atom.in_words and atom.denominator is None and DAY_RANGE_AFTER.match(reading.text, atom.end):
        return atom.value <= 31 and atom.written.isdigit()  # (23-27/4), từ 2-3/5
    if reading.label_end >= 0 and coordinated_with_label(reading, atom.start):
        # quý 1 và 2, năm 2021 - 2022: a coordinated label of the same shape.
        previous = TRAILING_DIGITS.search(reading.text, 0, reading.label_end)
        if previous and atom.denominator is None and atom.written.isdigit():
            return (len(previous.group()) == 4) == (len(atom.written) == 4)
    return False


def coordinated_with_label(reading: Reading, start: int) -> bool:
    """Only a coordination (``và``, a comma, a dash) between the last label and ``start``. The gap
    is then a coordination's words between spaces: a gap that starts with more words than any
    coordination has is none, told by ``str.split`` before the pattern is tried."""
    most = reading.lex.coordination_most_words
    head = reading.text[reading.label_end:min(start, reading.label_end + 64)]
    if len(head.split(None, most)) > most:
        return False
    return reading.lex.coordination_gap.fullmatch(reading.text, reading.label_end, start) is not None


def has_any(text: str, characters: str) -> bool:
    """Whether ``text`` holds one of ``characters`` (a literal check before a pattern)."""
    return any(c in text for c in characters)


def count_per_time(reading: Reading, atom: Atom, before: str) -> bool:
    """``ngày ba bữa``, ``tuần hai buổi``: a number in words after a time word and before a
    counted noun or ``lần`` counts per that time (days are not written in words)."""
    if not atom.in_words or not reading.lex.per_time_before.search(before):
        return False
    unit = units.unit_at(reading, atom.end, allow_noun=False)
    return unit is not None and unit.kind in {"counted", "times"}


def is_group_label(reading: Reading, atom: Atom, before: str) -> bool:
    """``nhóm 5`` names a group, but ``nhóm 3 nước đứng đầu`` counts its members: after a
    group word the number is a label unless a counted noun follows."""
    if not reading.lex.label_unless_counted_before.search(before):
        return False
    unit = units.unit_at(reading, atoms.scaled_amount(reading, atom).end, allow_noun=not atom.in_words)
    return unit is None or unit.kind not in {"counted", "noun"}


def scaled_money_after(reading: Reading, atom: Atom) -> bool:
    """A scale word (or thousands groups) and a currency after the number: an amount of
    money, whatever word came before (khoản 200 triệu đồng, giá đường 18.000 đồng/kg), for
    labels never take them."""
    if atom.in_words:
        return False
    scale = reading.lex.scale_at.match(reading.text, atom.end)
    if scale:
        return reading.lex.currency_at.match(reading.text, scale.end()) is not None
    # giá đường 18.000 đồng/kg: thousands groups and a currency (tháng 5 đồng bằng is a date).
    return has_thousands_groups(atom.written) and reading.lex.currency_at.match(reading.text, atom.end) is not None


def continues_length(reading: Reading, atom: Atom) -> bool:
    """``3 năm 6 tháng``: right after a length of time just read, the time word is its
    unit, not a label of the next number (which is a length of its own)."""
    if not reading.mentions:
        return False
    last = reading.mentions[-1]
    return (
        last.rule is not None
        and "time" in last.rule
        and last.unit in reading.lex.time_words
        and not reading.text[last.end:atom.start].strip()
    )


def is_day_month(reading: Reading, atom: Atom, before: str) -> bool:
    """``30/4-1/5``, ``(23-27/4)``, ``cao điểm 30/4, 1/5``: a day/month, not a share."""
    if atom.in_words or atom.denominator is None or not DAY_MONTH.fullmatch(atom.written):
        return False
    if not (1 <= atom.value <= 31 and 1 <= atom.denominator <= 12):
        return False
    lex = reading.lex
    return bool(
        lex.day_month_before.search(before)
        or lex.day_month_pair_before.search(before)
        or lex.day_range_before.search(before)
        or lex.day_month_pair_after.match(reading.text, atom.end)
    )


def is_proportion(reading: Reading, atom: Atom, before: str) -> bool:
    """``2/3 số cổ phiếu``, ``1/5 sản lượng``, ``chỉ bằng 1/3``: a share of a whole, not a
    count out of a total (``9/11 dự án`` counts listed things, ``1/5 báo…`` is a date)."""
    lex = reading.lex
    if lex.proportion_after.match(reading.text, atom.end):
        return True
    if not (0 < atom.value < atom.denominator <= lex.proportion_max_denominator):
        return False
    if lex.share_before.search(before):
        return True  # chưa tới 1/2 chỉ tiêu: an exact count is not approximated
    unit = units.unit_at(reading, atom.end, allow_noun=True)
    if unit is None:
        return bool(lex.proportion_before.search(before))
    return unit.kind == "noun"


def is_denominator(reading: Reading, atom: Atom) -> bool:
    """``trên 1 vạn dân``, ``cho 01 người``, ``một kg`` right after an amount: a per-unit."""
    if atom.value != 1 or atom.denominator is not None:
        return False
    before = reading.text[max(0, atom.start - 20):atom.start]
    if reading.lex.per_word_before.search(before) and reading.lex.per_base_at.match(reading.text, atom.end):
        return True  # Số bác sĩ trên 1 vạn dân đạt…: the base comes before the amount
    if not reading.mentions:
        return False
    gap = reading.text[reading.mentions[-1].end:atom.start]
    return reading.lex.per_unit_gap.fullmatch(gap) is not None


def counts(reading: Reading, amount: Amount, unit: Unit, before: str, is_range: bool = False) -> bool:
    """The checks that depend on what the number counts."""
    text, lex, atom = reading.text, reading.lex, amount.atom
    if atom.in_words:
        if unit.kind == "noun" or lex.enumeration_after.match(text, atom.end):
            return False  # Hai là…
        if atom.written.lower() == "một" and unit.kind == "counted":
            # `một` as "a" (một căn hộ): a count only after có/chỉ/thêm… (có một con).
            if not lex.one_as_count_before.search(before) and not lex.one_after_each.search(before):
                return False
        if lex.one_not_count_after.match(text, atom.end):
            return False
        if (atom.written.lower() == "một" and (unit.kind == "time" or unit.unit == "lần")
                and lex.one_per_before.search(before)):
            return False  # trợ cấp một lần, mức hưởng một tháng: lump-sum and per, not counts
        if (atom.written.lower() == "một" and unit.kind == "time"
                and lex.one_described_after.match(text, unit.end)):
            return False  # một năm thành công: a year described, not a length
    if unit.kind in {"noun", "counted", "bare", "elided"}:
        if not atom.in_words and capitalised_name_before(reading, atom):
            reading.label_end = atom.end  # Ba Đình 1, 2, 3: the numbers listed after it name too
            return False  # hầm Hải Vân 2 (but Việt Nam hai bậc counts: words name nothing)
        if lex.weak_label_before.search(before) and not follows_mention(reading, atom):
            return False  # tầng 5 tòa nhà (but 8 tầng 33 phòng: `tầng` is the unit before)
        if not atom.in_words and unit.kind != "counted" and VERSION.fullmatch(atom.written):
            return False  # công nghiệp 4.0 lan rộng
    if unit.kind == "time":
        if lex.period_after.match(text, amount.end):
            return False  # 6 tháng đầu năm, 16 giờ 45
        if unit.unit in lex.clock_units and lex.clock_before.search(before):
            return False  # vào khoảng 9 giờ: a clock time
        if unit.unit in lex.period_units and lex.period_before.search(before):
            return False  # bình quân 6 tháng
        if (
            unit.unit in lex.period_units
            and not is_range  # từ 1 tháng đến dưới 6 tháng giảm: a range of lengths
            and lex.period_result_after.match(text, unit.end)
            and not lex.length_before.search(before)
        ):
            return False  # Doanh thu 9 tháng đạt…: the first months of the year
    return True


def follows_mention(reading: Reading, atom: Atom) -> bool:
    """Right after a mention, with only spaces between: the word before the number is that
    mention's unit (8 tầng 33 phòng), not a label of this one."""
    return bool(reading.mentions) and not reading.text[reading.mentions[-1].end:atom.start].strip()


def capitalised_name_before(reading: Reading, atom: Atom) -> bool:
    """``hầm Hải Vân 2``: a number right after a capitalised word inside a sentence."""
    window = reading.text[max(0, atom.start - 30):atom.start]
    match = LAST_WORD.search(window)
    if not match:
        return False
    word = match.group(1)
    if not (word[:1].isupper() and word[:1].isalpha() and word[-1:].isalnum()):
        return False
    rest = window[:match.start()].rstrip()
    return bool(rest) and rest[-1:] not in ".!?:-+•*"
