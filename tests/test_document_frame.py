"""The document's own frame (pipeline/facts/document_frame.py) and figures read against it.

Texts written for these tests in the forms real ones take: an HĐND resolution with its header
and numbered targets, a UBND year-end report, a news page with a dateline, a legal Q&A. Each
frame field is checked, then that a resolution's targets take the province and the year, and that
a real SQLite file written by ``extract`` gets the columns (and an old one is brought up to date).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
import sqlite_utils
from click.testing import CliRunner

from pipeline.facts import document_frame, context as fact_context
from pipeline import rules, store
from pipeline.extraction import extract_document
from pipeline.cli import main as cli
from pipeline.records import Document

RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
TỈNH HÀ NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/NQ-HĐND
Hà Nam, ngày 10 tháng 12 năm 2024
NGHỊ QUYẾT
Về mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2025
HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM
KHÓA XIX, KỲ HỌP THỨ HAI MƯƠI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 88/TTr-UBND ngày 25/11/2024 của Ủy ban nhân dân tỉnh; ý kiến thảo luận của đại biểu tại kỳ họp.
QUYẾT NGHỊ:
Điều 1. Các chỉ tiêu chủ yếu
1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 10,5% trở lên.
2. Thu ngân sách nhà nước trên địa bàn đạt 22.000 tỷ đồng.
3. Tỷ lệ hộ nghèo giảm còn 1,2%.
Điều 2. Tổ chức thực hiện
Nghị quyết này được Hội đồng nhân dân tỉnh khóa XIX, kỳ họp thứ hai mươi thông qua ngày 10 tháng 12 năm 2024.
"""

# the header on one line, no year in the title, the session's day in the line over the targets
RESOLUTION_SESSION_DAY = """HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Số: 46/NQ-HĐND
Hà Nam, ngày 10 tháng 12 năm 2024
NGHỊ QUYẾT
Về kế hoạch đầu tư công
Ngày 10 tháng 12 năm 2024, Hội đồng nhân dân tỉnh khóa XIX đã thông qua các chỉ tiêu sau:
1. Tổng vốn đầu tư công đạt 5.000 tỷ đồng.
2. Tỷ lệ giải ngân đạt 95%.
"""

REPORT = """ỦY BAN NHÂN DÂN TỈNH HÀ NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 301/BC-UBND
Hà Nam, ngày 05 tháng 12 năm 2025
BÁO CÁO
Tình hình kinh tế - xã hội
I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU
1. Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 10,8%.
2. Thu ngân sách nhà nước trên địa bàn ước đạt 23.100 tỷ đồng, bằng 105% dự toán.
"""

NEWS = """Thu ngân sách của Hà Nam vượt dự toán
Thứ Ba, 06/01/2026, 08:30
(HNO) - Chiều 5/1, UBND tỉnh Hà Nam tổ chức hội nghị tổng kết năm 2025. Theo báo cáo, thu ngân sách nhà nước trên địa bàn đạt 23.400 tỷ đồng, tăng 12% so với năm trước.
Năm 2026, tỉnh phấn đấu thu ngân sách 25.000 tỷ đồng.
"""

NEWS_LEAD = """Giá cà phê lập đỉnh mới
Sáng nay (14/3), giá cà phê nhân xô tại Tây Nguyên tăng thêm 1.500 đồng/kg, lên 125.000 đồng/kg. Trong tháng 2/2025, xuất khẩu cà phê đạt 180.000 tấn.
"""

QA = """Mức lương cơ sở từ năm 2026 là bao nhiêu?
Mức lương cơ sở từ năm 2026 là bao nhiêu? Tôi là công chức, xin được giải đáp.
Trả lời:
Căn cứ tại Điều 3 Nghị định 73/2024/NĐ-CP quy định mức lương cơ sở là 2.340.000 đồng/tháng.
"""


def frame_of(text: str):
    extraction = extract_document(Document(path="t.txt", sha256="", text=text, format="txt"))
    return extraction


@pytest.fixture(scope="module")
def resolution():
    return frame_of(RESOLUTION)


def test_resolution_frame(resolution):
    frame = resolution.frame
    assert frame.doc_type == "resolution"
    assert frame.reported_on == "2024-12-10"
    assert frame.reported_from == "header"
    assert frame.place_normalized == "Hà Nam"
    assert frame.year == 2025
    assert frame.year_text == "năm 2025"


def test_resolution_targets_take_province_and_year(resolution):
    money_and_percent = [m for m in resolution.mentions if m.type != "quantity"]
    assert len(money_and_percent) == 3
    for mention in money_and_percent:
        assert mention.kind == "target"
        assert mention.place_normalized == "Hà Nam"
        assert (mention.period_start, mention.period_end) == ("2025-01-01", "2025-12-31")


def test_session_day_is_not_the_period_of_the_targets():
    extraction = frame_of(RESOLUTION_SESSION_DAY)
    assert extraction.frame.place_normalized == "Hà Nam"
    assert extraction.frame.year is None or extraction.frame.year_text is None
    for mention in extraction.mentions:
        assert mention.place_normalized == "Hà Nam"
        assert mention.period_start != "2024-12-10"  # not the day the council voted


def test_report_frame_and_year_from_its_date():
    extraction = frame_of(REPORT)
    frame = extraction.frame
    assert (frame.doc_type, frame.reported_on, frame.place_normalized, frame.year) == \
        ("report", "2025-12-05", "Hà Nam", 2025)
    # the title names no year: a report's figures are of the year it speaks from
    grdp = next(m for m in extraction.mentions if m.text == "10,8%")
    assert (grdp.period_start, grdp.period_end) == ("2025-01-01", "2025-12-31")
    assert grdp.period_text is None
    # `ước đạt` written in December of the year it estimates is a result
    assert grdp.kind == "actual"


def test_mid_year_report_naming_no_period_is_not_about_the_whole_year():
    extraction = frame_of(REPORT.replace("ngày 05 tháng 12 năm 2025", "ngày 20 tháng 6 năm 2025"))
    assert extraction.frame.year == 2025
    grdp = next(m for m in extraction.mentions if m.text == "10,8%")
    assert grdp.period_start is None


def test_news_dateline_line():
    extraction = frame_of(NEWS)
    frame = extraction.frame
    assert frame.doc_type == "news"
    assert frame.reported_on == "2026-01-06"
    assert frame.reported_from == "dateline"
    assert frame.place_normalized == "Hà Nam"
    assert frame.year == 2026


def test_news_lead_day_without_its_year_is_not_before_what_it_tells():
    frame = frame_of(NEWS_LEAD).frame
    assert frame.doc_type == "news"
    assert frame.reported_from == "dateline"
    assert frame.reported_on[4:] == "-03-14"
    assert frame.reported_on >= "2025-03-14"  # the page tells of February 2025


def test_question_answered_from_the_law():
    frame = frame_of(QA).frame
    assert frame.doc_type == "qa"


@pytest.mark.parametrize("text,expected", [
    ("ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/KH-UBND\nKẾ HOẠCH\nTriển khai nhiệm vụ\n", "plan"),
    ("VĂN PHÒNG CHÍNH PHỦ\nSố: 623/TB-VPCP\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n", "notice"),
    ("BỘ TÀI CHÍNH\nSố: 1234/BTC-NSNN\nV/v hướng dẫn lập dự toán ngân sách\n", "official_letter"),
    ("ỦY BAN NHÂN DÂN TỈNH X\nSố: 77/QĐ-UBND\nVề việc phê duyệt dự án\n", "decision"),
    ("Phát biểu của Chủ tịch UBND tỉnh tại lễ khai mạc\nKính thưa các vị đại biểu, năm qua tỉnh đạt nhiều kết quả.\n", "speech"),
])
def test_document_types(text, expected):
    assert frame_of(text).frame.doc_type == expected


def test_cited_document_date_does_not_date_the_text():
    text = ("Kinh tế Hà Nam 9 tháng năm 2024\n"
            "Thực hiện Nghị quyết số 128/NQ-HĐND ngày 9/12/2025 của HĐND tỉnh, trong tháng 9/2024 "
            "các ngành đã triển khai nhiều giải pháp, thu ngân sách đạt 15.000 tỷ đồng.\n")
    frame = frame_of(text).frame
    assert frame.reported_from == "latest_period"
    assert frame.reported_on == "2024-09-30"


def test_thuong_truc_tinh_uy_is_no_place_named_uy():
    m = fact_context.layout().org_place.search("THƯỜNG TRỰC TỈNH ỦY THANH HÓA")
    assert m is None or not m.group(1).upper().startswith("ỦY")


# The examples of rules/facts/document_frame.yml, each run against the pattern it illustrates.
def example_cases():
    for example in rules.examples("facts/document_frame"):
        yield pytest.param(example, id=str(next(iter(example.values())))[:40])


@pytest.mark.parametrize("example", list(example_cases()))
def test_rule_examples(example):
    vocabulary = document_frame.vocabulary()
    checks = {
        "dateline": (vocabulary.dateline_line, True), "not_dateline": (vocabulary.dateline_line, False),
        "lead": (vocabulary.dateline_lead, True), "not_lead": (vocabulary.dateline_lead, False),
        "qa": (vocabulary.qa_line, True), "not_qa": (vocabulary.qa_line, False),
        "speech": (vocabulary.speech_title, True),
        "ahead": (vocabulary.ahead_words, True), "not_ahead": (vocabulary.ahead_words, False),
        "site": (vocabulary.site, True), "not_site": (vocabulary.site, False),
        "event": (vocabulary.dateline_event, True), "not_event": (vocabulary.dateline_event, False),
        "horizon": (vocabulary.horizon, True), "not_horizon": (vocabulary.horizon, False),
        "caption": (vocabulary.caption, True), "not_caption": (vocabulary.caption, False),
        "report_date": (vocabulary.not_a_report_date, False), "not_report_date": (vocabulary.not_a_report_date, True),
        "as_of": (fact_context.as_of_day(), True), "not_as_of": (fact_context.as_of_day(), False),
    }
    if "code" in example:
        assert vocabulary.type_codes.get(example["code"]) == example["doc_type"]
    elif "text" in example:
        assert vocabulary.type_lines.get(document_frame.squeezed(example["text"])) == example["doc_type"]
    elif "cited_gap" in example or "not_cited_gap" in example:
        key = "cited_gap" if "cited_gap" in example else "not_cited_gap"
        assert bool(vocabulary.cited_gap.fullmatch(example[key])) == (key == "cited_gap")
    else:
        key = next(iter(example))
        pattern, expected = checks[key]
        assert bool(pattern.search(example[key])) == expected, example


def test_every_doc_type_is_declared():
    declared = set(rules.load("facts/document_frame")["doc_types"])
    vocabulary = document_frame.vocabulary()
    used = set(vocabulary.type_lines.values()) | set(vocabulary.type_codes.values()) | {vocabulary.untyped_number}
    assert used <= declared
    assert {"news", "qa", "speech", "other"} <= declared


def test_sqlite_file_gets_the_columns(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nghi-quyet.txt").write_text(RESOLUTION, encoding="utf-8")
    (corpus / "tin.txt").write_text(NEWS, encoding="utf-8")
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    rows = {r["path"]: r for r in db.query(
        "select path, reported_on, doc_type, place, place_normalized, year from documents")}
    assert rows["nghi-quyet.txt"]["doc_type"] == "resolution"
    assert rows["nghi-quyet.txt"]["reported_on"] == "2024-12-10"
    assert rows["nghi-quyet.txt"]["place_normalized"] == "Hà Nam"
    assert rows["nghi-quyet.txt"]["year"] == 2025
    assert rows["tin.txt"]["doc_type"] == "news"
    assert rows["tin.txt"]["reported_on"] == "2026-01-06"
    targets = list(db.query(
        "select m.place_normalized, m.period_start, m.period_end from mentions m join documents d on d.id = m.document_id "
        "where d.path = 'nghi-quyet.txt' and m.kind = 'target' and m.type != 'quantity'"))
    assert targets and all(t == {"place_normalized": "Hà Nam", "period_start": "2025-01-01",
                                 "period_end": "2025-12-31"} for t in targets)


def test_old_database_is_brought_up_to_date(tmp_path: Path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    old_columns = {k: v for k, v in store.DOCUMENT_COLUMNS.items()
                   if k not in ("reported_on", "doc_type", "place", "place_normalized", "year")}
    db["documents"].create(old_columns, pk="id")
    store.ensure_db_shape(db)
    assert {"reported_on", "doc_type", "place", "place_normalized", "year"} <= set(db["documents"].columns_dict)
    store.ensure_db_shape(db)  # twice is a no-op


def test_review_early_in_a_year_is_dated_after_the_year_it_reviews():
    text = ("Tập đoàn X tổng kết năm 2020\n"
            "Chiều 11/1, Tập đoàn X tổ chức hội nghị tổng kết công tác năm 2020. "
            "Năm 2020, doanh thu của tập đoàn đạt 12.000 tỷ đồng, tăng 5% so với năm trước.\n")
    frame = frame_of(text).frame
    assert frame.reported_from == "dateline"
    assert frame.reported_on == "2021-01-11"


def test_resolution_and_year_end_report_pair_in_plan_vs_actual(tmp_path: Path):
    """The question users ask: did the province reach what its council planned? The resolution's
    body never names the province and the report's title names no year; the frames supply both."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nghi-quyet.txt").write_text(RESOLUTION, encoding="utf-8")
    (corpus / "bao-cao.txt").write_text(REPORT, encoding="utf-8")
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(sqlite_utils.Database(db_path).query(
        "select target_value, actual_value, place, period_start from plan_vs_actual"))
    pairs = {(r["target_value"], r["actual_value"]) for r in rows}
    assert (22_000e9, 23_100e9) in pairs
    assert all((r["place"], r["period_start"]) == ("Hà Nam", "2025-01-01") for r in rows)


def test_a_headline_with_a_figure_names_the_year_a_news_report_is_about():
    frame = frame_of("Thái Bình: GRDP năm 2020 ước tính tăng 3,5%\n\n"
                     "Theo đó, tổng sản phẩm trên địa bàn năm 2020 ước tính tăng 3,5% so với năm 2019. "
                     "Vốn đầu tư phát triển toàn xã hội ước đạt 30.100 tỷ đồng.\n\n"
                     "Năm 2021, kinh tế của tỉnh được dự báo sẽ còn nhiều khó khăn.\n")
    assert frame.frame.year == 2020


@pytest.mark.parametrize("line", ["  NGHỊ  QUYẾT  ", "1. Báo cáo:", "---\n", "12/2024", "", "(kế hoạch)\n",
                                  "Số: 12 / BC - UBND", "_QUYẾT ĐỊNH_ 3"])
def test_a_line_is_squeezed_to_what_lies_between_its_first_and_last_letter(line):
    # the substitution it replaces: non-letters dropped at both ends, spaces joined, upper case
    expected = " ".join(regex.sub(r"^[\W\d_]+|[\W\d_]+$", "", line).split()).upper()
    assert document_frame.squeezed(line) == expected
