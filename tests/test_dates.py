"""DATE entities: the examples in rules/entities/dates.yml run through the real grammar, plus year inference."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entity_examples import assert_entities_match_example, assert_spans_rejoin

from pipeline import rules
from pipeline.entities.dates import DateReading, YearMention, find_dates, reference_years, resolve, roman_value, year_for
from pipeline.entities.legal_documents import find_legal_documents
from pipeline.entities.resolve import find_entities_in_text

EXAMPLES = rules.examples("entities/dates")
DETAIL_KEYS = ("granularity", "start", "end", "year_inferred", "time")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:50] for e in EXAMPLES])
def test_rule_file_examples(example):
    text = example["text"]
    assert_entities_match_example(text, find_dates(text), example["dates"], "DATE", DETAIL_KEYS)


def test_every_example_file_case_has_a_reason_to_exist():
    """Negatives and positives both present, so the suite can fail both ways."""
    assert any(not e["dates"] for e in EXAMPLES)
    assert sum(1 for e in EXAMPLES if e["dates"]) >= 20


def reading(start: int, year: int | None, **fields) -> DateReading:
    return DateReading(start=start, end=start + 1, rule="test", granularity=fields.pop("granularity", "year"),
                       year=year, **fields)


def test_year_for_prefers_the_last_year_named_before():
    known = [YearMention(0, 2021), YearMention(50, 2023), YearMention(90, 2022)]
    assert year_for(60, known) == 2023
    assert year_for(95, known) == 2022


def test_year_for_falls_back_to_the_commonest_year():
    known = [YearMention(10, 2021), YearMention(20, 2023), YearMention(30, 2023)]
    assert year_for(5, known) == 2023
    assert year_for(5, []) is None


def test_year_for_skips_cited_and_horizon_years_unless_nothing_else():
    known = [YearMention(0, 2025), YearMention(20, 2022, primary=False), YearMention(40, 2030, primary=False)]
    assert year_for(60, known) == 2025
    assert year_for(60, known[1:]) == 2030  # nothing primary: the commonest named, latest on a tie


CITING_TEXT = ("Kế hoạch thực hiện năm 2025. Căn cứ Quyết định số 493/QĐ-TTg ngày 19 tháng 4 năm 2022 "
               "của Thủ tướng Chính phủ; phấn đấu đến năm 2030 hoàn thành. Trong tháng 8, tỉnh tổ chức hội nghị.")


def test_a_cited_documents_date_does_not_set_the_year():
    documents = [(d.start, d.end) for d in find_legal_documents(CITING_TEXT)]
    found = {e.text: e for e in find_dates(CITING_TEXT, cited_documents=documents)}
    assert found["tháng 8"].normalized == "2025-08"
    unaware = {e.text: e for e in find_dates(CITING_TEXT)}  # not told of the document: its date counts
    assert unaware["tháng 8"].normalized == "2022-08"


def test_the_resolver_tells_the_dates_where_the_cited_documents_are():
    found = {e.text: e for e in find_entities_in_text(CITING_TEXT) if e.type == "DATE"}
    assert found["tháng 8"].normalized == "2025-08"


def test_a_baseline_year_points_to_the_year_after():
    readings = [reading(0, 2023, baseline=True, same_period=True, granularity="period", datable=False),
                reading(20, 2020, baseline=True), reading(30, 1976, reported=False), reading(40, None, granularity="month")]
    assert reference_years(readings) == [YearMention(0, 2024)]


def test_resolve_fills_the_year_and_marks_it_inferred():
    month = DateReading(start=50, end=57, rule="month", granularity="month", first_month=8, last_month=8, has_value=True)
    resolved = resolve(month, [YearMention(0, 2023)])
    assert (resolved.normalized, resolved.year_inferred) == ("2023-08", True)
    assert (resolved.first.isoformat(), resolved.last.isoformat()) == ("2023-08-01", "2023-08-31")


def test_resolve_applies_a_relative_year():
    month = DateReading(start=50, end=57, rule="month", granularity="month", year_offset=-1, first_month=2,
                        last_month=2, has_value=True)
    resolved = resolve(month, [YearMention(0, 2024)])
    assert resolved.normalized == "2023-02"
    assert resolved.last.isoformat() == "2023-02-28"


def test_resolve_leaves_a_day_without_any_year_unvalued():
    day = DateReading(start=0, end=4, rule="day", granularity="day", first_month=4, first_day=27, last_month=4,
                      last_day=27, has_value=True)
    resolved = resolve(day, [])
    assert resolved.normalized is None and resolved.first is None


def test_reference_year_comes_from_the_text_itself():
    text = "Năm 2023 tỉnh đạt nhiều kết quả. Riêng tháng 8, thu ngân sách tăng; tháng 12/2024 dự kiến khởi công."
    found = {e.text: e for e in find_dates(text)}
    assert found["tháng 8"].normalized == "2023-08"
    assert found["tháng 8"].detail["year_inferred"] is True
    assert found["tháng 12/2024"].detail["year_inferred"] is False


def test_same_period_sets_the_reported_year():
    text = "Doanh thu tăng 9% so với cùng kỳ năm 2023. Chỉ số giá tháng 6 tăng 0,5%."
    found = {e.text: e for e in find_dates(text)}
    assert found["tháng 6"].normalized == "2024-06"


def test_offsets_rejoin_the_text_and_detail_is_json():
    text = "Từ 8 giờ sáng ngày 31-1-2024 đến hết quý I/2024, giai đoạn 2021–2025 và năm học 2023-2024."
    found = find_dates(text)
    assert found, "expected dates"
    for entity in found:
        assert text[entity.start:entity.end] == entity.text
        json.dumps(entity.detail)
        if "start" in entity.detail:
            assert entity.detail["start"] <= entity.detail["end"]


PIECES = ["ngày ", "tháng ", "năm ", "quý ", "giai đoạn ", "sáng ", "đến ", "cùng kỳ ", "Tết ", "mùng ", "thứ Sáu ",
          "SN ", "giờ ", "h", "/", "-", ".", ", ", " ", "(", ")", "I", "IV", "đầu ", "cuối ", "6 ", "31", "29",
          "2", "12", "2023", "1999", "2030", "0", "9", "hôm ", "nay ", "và ", "thập niên ", "thế kỷ ", "XX", "Q",
          "'", "cả ", "niên vụ ", "dịp ", "cao điểm ", "lúc ", "24", "/24", "30/4", "1/5", "23-27/4"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_any_text_gives_spans_that_rejoin_and_valid_days(pieces):
    text = "".join(pieces)
    found = find_dates(text)
    assert_spans_rejoin(text, found)
    for entity in found:
        if "start" in entity.detail:
            assert entity.detail["start"] <= entity.detail["end"]
        if entity.normalized and entity.detail["granularity"] == "day":
            dt.date.fromisoformat(entity.normalized)


@pytest.mark.parametrize("numeral, value", [("XX", 20), ("XXI", 21), ("XIX", 19), ("IV", 4), ("IIII", None), ("VX", None)])
def test_roman_numerals_of_centuries(numeral, value):
    assert roman_value(numeral) == value


def test_an_era_does_not_set_the_year_of_a_bare_month():
    text = "Năm 2024 xuất khẩu tăng, khác hẳn thập niên 1990 và thế kỷ 20; riêng tháng 8 tăng mạnh."
    found = {e.text: e for e in find_dates(text)}
    assert found["tháng 8"].normalized == "2024-08"


def test_a_count_of_months_read_as_a_period_is_no_quantity():
    """The date grammar and the number grammar must not both claim `9 tháng`."""
    from pipeline.records import Document
    from pipeline.extraction import extract_document

    text = ("Tính chung 9 tháng năm 2020, cả nước xuất siêu 16 tỷ USD. Tiếp đó 4 tháng, 5 tháng và 9 tháng, "
            "các con số tăng dần. Dự án thi công trong 14 tháng.")
    extraction = extract_document(Document(path="t.txt", text=text, sha256="", format="txt"))
    dates = [e.text for e in extraction.entities if e.type == "DATE"]
    counts = [m.text for m in extraction.mentions if m.type == "quantity"]
    assert dates == ["9 tháng năm 2020", "4 tháng", "5 tháng", "9 tháng"]
    assert counts == ["14 tháng"]  # the length of the works, not a period of the calendar
