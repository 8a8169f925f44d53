"""The facts stage, run through the real segmenter, number grammar and entity finders.

The examples in rules/facts/indicators.yml and rules/facts/cues.yml are the main suite: each names a
sentence, a number in it, and the fields that number's fact must have.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import resolve as entities
from pipeline.facts import annotate as facts, indicators
from pipeline.numbers import grammar as numbers
from pipeline import rules, segment
from pipeline.records import Document, Mention

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
FACT_FIELDS = ("indicator", "indicator_key", "kind", "change", "basis", "period_text", "period_start",
               "period_end", "place", "place_normalized")


def annotate_text(text: str, path: str = "test.txt") -> list[Mention]:
    text = unicodedata.normalize("NFC", text)
    document = Document(path=path, text=text, sha256="", format="txt")
    sentence_list = segment.sentences(text)
    entity_list = entities.find_entities(document, sentence_list)
    return facts.annotate(document, sentence_list, numbers.find_mentions(text), entity_list)


def mention_for(mentions: list[Mention], number: str) -> Mention:
    found = [m for m in mentions if m.text == number] or [m for m in mentions if number in m.text]
    assert found, f"no mention {number!r} among {[m.text for m in mentions]}"
    return found[0]


def rule_examples():
    for name in ("facts/indicators", "facts/cues"):
        for example in rules.examples(name):
            yield pytest.param(example, id=f"{name}:{example['sentence'][:50]}:{example['number']}")


@pytest.mark.parametrize("example", list(rule_examples()))
def test_rule_examples(example):
    mention = mention_for(annotate_text(example["sentence"]), example["number"])
    for field in FACT_FIELDS:
        if field in example:
            assert getattr(mention, field) == example[field], f"{field} of {example['number']!r}"


def test_every_mention_gets_kind_and_change():
    mentions = annotate_text("Thu ngân sách đạt 5.000 tỷ đồng, tăng 8% so với cùng kỳ; phấn đấu cả năm đạt 9.000 tỷ đồng.")
    assert [m.kind for m in mentions] == ["actual", "actual", "target"]
    assert [m.change for m in mentions] == ["level", "increase", "level"]
    assert all(m.indicator_key == "state_budget_revenue" for m in mentions)


def test_heading_governs_the_list_below_it():
    text = (
        "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG\n"
        "NGHỊ QUYẾT\n"
        "Về kế hoạch phát triển kinh tế - xã hội năm 2026\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;\n"
        "Điều 1. Các chỉ tiêu chủ yếu năm 2026:\n"
        "1. Tổng thu ngân sách nhà nước trên địa bàn 4.200 tỷ đồng.\n"
        "2. Tỷ lệ che phủ rừng 59,5%.\n"
    )
    mentions = annotate_text(text)
    revenue = mention_for(mentions, "4.200 tỷ đồng")
    forest = mention_for(mentions, "59,5%")
    assert (revenue.kind, revenue.indicator_key) == ("target", "state_budget_revenue")
    assert (forest.kind, forest.indicator_key) == ("target", "forest_cover")
    # the period comes from the heading, the place from the issuing body in the header
    assert (revenue.period_start, revenue.period_end) == ("2026-01-01", "2026-12-31")
    assert revenue.place_normalized == "Hà Giang"


def test_report_heading_makes_results():
    text = (
        "BÁO CÁO\n"
        "Kết quả thực hiện các chỉ tiêu năm 2025\n"
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n"
        "1. Tổng thu ngân sách nhà nước trên địa bàn 4.350 tỷ đồng, bằng 103,6% dự toán.\n"
    )
    mentions = annotate_text(text)
    assert {m.kind for m in mentions} == {"actual"}
    share = mention_for(mentions, "103,6%")
    assert (share.basis, share.indicator_key) == ("budget_estimate", "state_budget_revenue")
    assert share.period_start == "2025-01-01"


def test_period_is_the_sentence_date_not_the_baseline():
    mentions = annotate_text("Năm 2025, kim ngạch xuất khẩu đạt 1,8 tỷ USD, tăng 12% so với năm 2024.")
    growth = mention_for(mentions, "12%")
    assert growth.period_start == "2025-01-01"
    assert growth.basis == "previous_year"


def test_paragraph_period_carries_to_later_sentences():
    text = ("Tổng sản phẩm trên địa bàn 9 tháng năm 2024 ước tăng 6,8% so với cùng kỳ. "
            "Thu ngân sách nhà nước đạt 16.320 tỷ đồng, bằng 88% dự toán năm.")
    mentions = annotate_text(text)
    revenue = mention_for(mentions, "16.320 tỷ đồng")
    assert revenue.period_text == "9 tháng năm 2024"
    assert revenue.period_end == "2024-09-30"
    assert mention_for(mentions, "88%").basis == "budget_estimate"


def test_another_place_quoted_for_comparison_is_other():
    text = ("UBND tỉnh Thanh Hóa cho biết GRDP của tỉnh năm 2024 tăng 11,3%. "
            "Trong khi đó, tỉnh Nghệ An tăng 7,6%.")
    mentions = annotate_text(text)
    assert mention_for(mentions, "11,3%").kind == "actual"
    other = mention_for(mentions, "7,6%")
    assert (other.kind, other.place_normalized) == ("other", "Nghệ An")


def test_a_news_headline_does_not_govern_the_story():
    text = ("Giá xăng có thể tăng mạnh vào kỳ điều hành tới\n"
            "Tại kỳ điều hành chiều qua, giá xăng E5 RON 92 ở mức 21.870 đồng/lít.\n")
    assert mention_for(annotate_text(text), "21.870 đồng/lít").kind == "actual"


def test_place_of_an_organisation():
    mentions = annotate_text("UBND tỉnh Quảng Ninh cho biết thu nội địa 9 tháng đạt 28.000 tỷ đồng.")
    assert mention_for(mentions, "28.000 tỷ đồng").place_normalized == "Quảng Ninh"


def test_starting_value_is_other_and_new_level_is_the_fact():
    mentions = annotate_text("Từ tháng 7, lương cơ sở tăng từ 1,8 triệu đồng lên 2,34 triệu đồng/tháng.")
    assert mention_for(mentions, "1,8 triệu đồng").kind == "other"
    assert mention_for(mentions, "2,34 triệu đồng").kind == "actual"


def test_estimate_for_a_period_already_over_is_a_result():
    mentions = annotate_text("Dự ước cả năm 2024, tổng thu ngân sách nhà nước đạt 12.400 tỷ đồng.")
    assert mention_for(mentions, "12.400 tỷ đồng").kind == "actual"


def test_forecast_for_a_period_already_over_is_a_result():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH LONG AN\n"
        "Long An, ngày 15 tháng 1 năm 2025\n"
        "BÁO CÁO\n"
        "Tình hình kinh tế - xã hội năm 2024\n"
        "Năm 2024, kim ngạch xuất khẩu dự kiến đạt 9,5 tỷ USD, tăng 7%.\n"
        "Năm 2025, dự kiến tổng vốn đầu tư toàn xã hội đạt 120.000 tỷ đồng.\n"
    )
    mentions = annotate_text(text)
    assert mention_for(mentions, "9,5 tỷ USD").kind == "actual"
    assert mention_for(mentions, "120.000 tỷ đồng").kind == "target"
    assert mention_for(mentions, "9,5 tỷ USD").place_normalized == "Long An"


def test_plan_document_targets_and_background_results():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\n"
        "Thái Bình, ngày 10 tháng 3 năm 2025\n"
        "KẾ HOẠCH\n"
        "Phát triển thương mại điện tử tỉnh Thái Bình năm 2025\n"
        "II. MỤC TIÊU\n"
        "2. Chỉ tiêu cụ thể\n"
        "- Doanh số thương mại điện tử bán lẻ đạt 1.200 tỷ đồng, chiếm 8% tổng mức bán lẻ hàng hóa.\n"
        "- 90% doanh nghiệp sử dụng hóa đơn điện tử; 50% hộ kinh doanh chấp nhận thanh toán không dùng tiền mặt.\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "Năm 2024, toàn tỉnh có 35% doanh nghiệp tham gia các sàn thương mại điện tử.\n"
    )
    mentions = annotate_text(text)
    sales = mention_for(mentions, "1.200 tỷ đồng")
    assert (sales.kind, sales.indicator_key, sales.period_start) == ("target", "ecommerce_sales", "2025-01-01")
    assert mention_for(mentions, "8%").basis == "total"
    households = mention_for(mentions, "50%")
    assert households.kind == "target" and households.indicator.startswith("hộ kinh doanh")
    background = mention_for(mentions, "35%")
    assert (background.kind, background.period_start) == ("actual", "2024-01-01")


def test_figure_dated_before_the_plan_period_is_a_result():
    text = (
        "Nhà trường công bố mức học phí năm 2026 dự kiến như sau:\n"
        "Chương trình chuẩn 20 triệu đồng/năm.\n"
        "Học phí chương trình chuẩn năm 2024 ở mức 17 triệu đồng/năm.\n"
    )
    mentions = annotate_text(text)
    assert mention_for(mentions, "20 triệu đồng/năm").kind == "target"
    assert mention_for(mentions, "17 triệu đồng/năm").kind == "actual"


TABLE = (
    "BÁO CÁO\n"
    "Kết quả thực hiện một số chỉ tiêu năm 2024 của tỉnh Yên Bái\n"
    "| STT | Chỉ tiêu | Kế hoạch năm 2024 | Ước thực hiện năm 2024 | Kế hoạch năm 2025 |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tổng thu NSNN trên địa bàn | 3.100 tỷ đồng | 3.265 tỷ đồng | 3.400 tỷ đồng |\n"
    "| 2 | Tỷ lệ che phủ rừng | 63,5% | 63,6% | 63,8% |\n"
)


def test_table_columns_give_kind_and_period_rows_give_indicator():
    mentions = annotate_text(TABLE)
    planned, reached, next_year = (mention_for(mentions, n) for n in ("3.100 tỷ", "3.265 tỷ", "3.400 tỷ"))
    assert [m.kind for m in (planned, reached, next_year)] == ["target", "actual", "target"]
    assert [m.period_start for m in (planned, reached, next_year)] == ["2024-01-01", "2024-01-01", "2025-01-01"]
    assert {m.indicator_key for m in (planned, reached, next_year)} == {"state_budget_revenue"}
    assert mention_for(mentions, "63,6%").indicator == "Tỷ lệ che phủ rừng"


def test_plan_vs_actual_view_pairs_table_columns(tmp_path):
    import sqlite_utils

    from pipeline import run, store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bang.txt").write_text(TABLE, encoding="utf-8")
    run.extract_corpus(corpus, tmp_path / "t.db")
    db = sqlite_utils.Database(tmp_path / "t.db")
    store.ensure_db_shape(db)
    rows = list(db.query("select indicator_key, target_value, actual_value, ratio from plan_vs_actual "
                         "order by indicator_key"))
    assert [(r["indicator_key"], r["target_value"], r["actual_value"]) for r in rows] == [
        ("forest_cover", 63.5, 63.6), ("state_budget_revenue", 3100e9, 3265e9)]
    assert rows[1]["ratio"] == pytest.approx(3265 / 3100, rel=1e-3)


def test_abbreviations_are_expanded_for_the_key():
    assert indicators.expand_abbreviations("thu NSNN và XNK") == "thu ngân sách nhà nước và xuất nhập khẩu"
    assert indicators.indicator_key("Tỷ lệ dân số tham gia BHYT", "percent") == "health_insurance_coverage"
    assert indicators.indicator_key("tăng trưởng GRDP", "percent") == "grdp_growth"
    assert indicators.indicator_key("GRDP", "money") == "grdp"
    assert indicators.indicator_key("số ca mắc sốt xuất huyết", "quantity") is None


def test_annotate_returns_new_records_and_keeps_offsets():
    text = "Tổng vốn FDI đăng ký đạt 620 triệu USD."
    document = Document(path="t.txt", text=text, sha256="", format="txt")
    original = numbers.find_mentions(text)
    annotated = facts.annotate(document, segment.sentences(text), original, [])
    assert original[0].indicator is None  # frozen input untouched
    assert (annotated[0].start, annotated[0].end, annotated[0].text) == (original[0].start, original[0].end,
                                                                          original[0].text)
    assert annotated[0].indicator_key == "fdi_registered_capital"


FRAGMENTS = ["Tổng thu NSNN", " ước đạt ", "12.500 tỷ đồng", ", tăng ", "8,5%", " so với cùng kỳ", "; ",
             "phấn đấu ", "năm 2025", "\n", "II. CHỈ TIÊU\n", "(", ")", ": ", "từ ", " lên ", "gấp 2 lần",
             "Kế hoạch", " như sau:\n", "- ", "giá vé ", "35.000 đồng/lượt", ". ", "UBND tỉnh Lào Cai "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30))
def test_any_text_gets_well_formed_facts(pieces):
    """Whatever the arrangement, every mention comes back once, in place, with valid fact fields."""
    text = "".join(pieces)
    document = Document(path="t.txt", text=text, sha256="", format="txt")
    sentence_list = segment.sentences(text)
    found = numbers.find_mentions(text)
    annotated = facts.annotate(document, sentence_list, found, entities.find_entities(document, sentence_list))
    assert [(m.start, m.end, m.text) for m in annotated] == [(m.start, m.end, m.text) for m in found]
    for mention in annotated:
        assert mention.kind in {"target", "actual", "other"}
        assert mention.change in {"increase", "decrease", "level"}
        assert (mention.period_start is None) == (mention.period_end is None)
        if mention.period_start:
            assert mention.period_start <= mention.period_end


@pytest.mark.skipif(not (GOLD_DIR / "gold.jsonl").exists(), reason="gold set not present")
def test_dev_gold_kind_and_indicator():
    """On gold mentions: kind ≥ 0.93 accuracy, target F1 ≥ 0.85, indicator token F1 ≥ 0.78 (the
    general rules for unseen texts must not cost the dev set its level)."""
    from pipeline import facts_eval

    score = facts_eval.evaluate(GOLD_DIR)
    assert score.kind_accuracy >= 0.93
    assert score.kind_f1("target") >= 0.85
    assert score.indicator_token_f1 >= 0.78


def test_every_figure_says_what_decided_its_kind_and_how_sure():
    mentions = annotate_text("Năm 2025, tỉnh phấn đấu thu ngân sách đạt 8.000 tỷ đồng. "
                             "Thu nội địa đạt 7.300 tỷ đồng, bằng 104% dự toán.\n"
                             "Sản lượng lúa 1,2 triệu tấn.\n")
    readings = {m.text: (m.kind, m.kind_cue, m.kind_confidence) for m in mentions}
    assert readings["8.000 tỷ đồng"] == ("target", "“phấn đấu” → target", "high")
    assert readings["104%"][0] == "actual" and readings["104%"][2] == "high"
    assert readings["1,2 triệu tấn"] == ("actual", "no cue: stated as a fact → actual", "low")
    assert all(m.kind_cue.endswith(f"→ {m.kind}") for m in mentions)
