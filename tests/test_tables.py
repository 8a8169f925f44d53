"""Tables: each cell that states an amount becomes one figure, with the unit, indicator, kind,
period and place its header, row and caption give it (the gold README, Decisions, "Tables").

The texts are our own, in the style of provincial plans and reports; the DOCX is made here with
python-docx and the web page by hand, then read through ``ingest`` and the whole pipeline into a
real SQLite file.
"""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import sqlite_utils

from pipeline import rules
from pipeline.facts import table_cells, tables
from pipeline.records import Document
from pipeline.run import extract_corpus
from pipeline.extraction import extract_document

ANNEX = (
    "PHỤ LỤC\n"
    "Chỉ tiêu tăng trưởng GRDP năm 2026 của các địa phương\n"
    "TT | Tỉnh | Tăng trưởng GRDP (%)\n"
    "1 | Hải Dương | 8,5\n"
    "2 | Thái Bình | 7,2-7,6\n"
    "3 | Tỉnh Nam Định | Khoảng 9\n"
    "Các địa phương tổ chức thực hiện.\n"
)

RESULTS_BY_LINE = (
    "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2023 như sau:\n"
    "TT\nChỉ tiêu\nĐơn vị\nKế hoạch năm 2023\nThực hiện năm 2023\nĐánh giá\n"
    "1\nTốc độ tăng trưởng kinh tế (GRDP)\n%\n7,0\n\n7,3\nVượt\n"
    "2\nTổng thu ngân sách nhà nước trên địa bàn\ntỷ đồng\n5.400\n5.920\nVượt\n"
    "3\nTỷ lệ hộ nghèo\n%\nDưới 3\n2,6\nĐạt\n"
    "4\nSố giường bệnh trên vạn dân\ngiường bệnh\n30\n28,5\nKhông đạt\n"
    "Năm 2024, tỉnh tiếp tục triển khai các giải pháp.\n"
)


def extract(text: str, name: str = "bang.txt"):
    return extract_document(Document(path=name, text=text, sha256="", format="txt"))


def figures(extraction):
    return [m for m in extraction.mentions if m.rule and m.rule.startswith("table.cell")]


# --- rule examples -------------------------------------------------------------------------

@pytest.mark.parametrize("example", rules.examples("facts/tables"), ids=lambda e: str(next(iter(e.values()))))
def test_rule_examples(example):
    if "header" in example:
        assert tables.column_kind(example["header"]) == example["kind"]
        if "period" in example:
            assert list(tables.header_period(example["header"])) == example["period"]
        if "unit" in example:
            assert tables.stated_unit(example["header"]) == example["unit"]
    elif "caption" in example:
        assert tables.stated_unit(example["caption"]) == example["unit"]
    elif "cell" in example:
        assert tables.is_amount(example["cell"]) is example["amount"]
        if "qualifier" in example:
            assert table_cells.symbol_qualifier(example["cell"]) == example["qualifier"]
    elif "row_number" in example:
        assert tables.is_row_number(example["row_number"]) is example["is"]
    elif "label_header" in example:
        assert bool(tables.vocabulary().label_column_header.match(example["label_header"])) is example["is"]
    elif "name_header" in example:
        assert bool(tables.vocabulary().name_column_header.match(example["name_header"])) is example["is"]
    elif "unit_header" in example:
        assert bool(tables.vocabulary().unit_column_header.match(example["unit_header"])) is example["is"]
    else:
        pytest.fail(f"unknown example {example}")


# --- finding tables ------------------------------------------------------------------------

def test_a_pipe_table_is_found_with_its_caption_header_and_rows_and_offsets_rejoin():
    [table] = tables.find_tables(ANNEX)
    assert table.layout == "pipe"
    assert table.caption == "Chỉ tiêu tăng trưởng GRDP năm 2026 của các địa phương"
    assert [c.text for c in table.header] == ["TT", "Tỉnh", "Tăng trưởng GRDP (%)"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["1", "Hải Dương", "8,5"], ["2", "Thái Bình", "7,2-7,6"], ["3", "Tỉnh Nam Định", "Khoảng 9"]]
    for cell in [*table.header, *(c for row in table.rows for c in row)]:
        assert ANNEX[cell.start:cell.end] == cell.text
    assert ANNEX[table.start:table.end].startswith("TT | Tỉnh") and ANNEX[table.start:table.end].endswith("Khoảng 9")


def test_a_one_cell_a_line_table_is_read_in_rows_of_its_header_width_across_blank_lines():
    [table] = tables.find_tables(RESULTS_BY_LINE)
    assert table.layout == "lines"
    assert len(table.header) == 6
    assert [c.text for c in table.rows[0]] == ["1", "Tốc độ tăng trưởng kinh tế (GRDP)", "%", "7,0", "7,3", "Vượt"]
    assert len(table.rows) == 4  # the sentence after the table is not a row


def test_a_tab_table_is_found():
    text = "Đơn vị tính: tỷ đồng\nChỉ tiêu\tDự toán 2025\tƯớc thực hiện 2025\nThu nội địa\t3.100\t3.350\nThu xuất nhập khẩu\t900\t1.020\n"
    [table] = tables.find_tables(text)
    assert table.layout == "tab" and len(table.rows) == 2
    assert table_cells.stated_unit_of_caption(table.caption) == "tỷ đồng"


def test_prose_with_short_lines_and_a_lone_bar_is_no_table():
    text = ("Tin tức | Thời sự\nChỉ tiêu\nNăm 2024 tỉnh đạt 7,5%.\n"
            "Nội dung\nGhi chú\nĐoàn công tác làm việc tại huyện.\n")
    assert tables.find_tables(text) == []


# --- cells → figures -----------------------------------------------------------------------

def test_an_annex_of_targets_by_province_gives_one_target_per_cell_with_the_row_place():
    found = figures(extract(ANNEX))
    assert [(m.text, m.type, m.value, m.value_max, m.unit, m.qualifier) for m in found] == [
        ("8,5", "percent", 8.5, None, "%", None),
        ("7,2-7,6", "percent", 7.2, 7.6, "%", None),
        ("Khoảng 9", "percent", 9.0, None, "%", "approx"),
    ]
    assert {m.kind for m in found} == {"target"}
    assert {m.indicator for m in found} == {"Tăng trưởng GRDP"}
    assert {m.period_start for m in found} == {"2026-01-01"}
    assert [m.place_normalized for m in found] == ["Hải Dương", "Thái Bình", "Nam Định"]
    for m in found:
        assert ANNEX[m.start:m.end] == m.text


SCORES_BY_PROVINCE_GROUPS = (
    "Kết quả Chỉ số cải cách hành chính năm 2024 của ba tỉnh\n"
    "STT | Nội dung | Hải Dương | Thái Bình\n"
    "STT | Nội dung | Chỉ số | Thứ hạng | Chỉ số | Thứ hạng\n"
    "1 | Cải cách thể chế | 91,2% | 20/63 | 88,4% | 41/63\n"
    "2 | Cải cách tài chính công | 74,5% | 47/63 | 80,3% | 33/63\n"
)


def test_an_upper_header_of_places_over_groups_of_columns_gives_each_cell_its_place():
    found = [m for m in figures(extract(SCORES_BY_PROVINCE_GROUPS)) if m.type == "percent"]
    assert [(m.text, m.indicator, m.place_normalized) for m in found] == [
        ("91,2%", "Cải cách thể chế", "Hải Dương"), ("88,4%", "Cải cách thể chế", "Thái Bình"),
        ("74,5%", "Cải cách tài chính công", "Hải Dương"), ("80,3%", "Cải cách tài chính công", "Thái Bình"),
    ]


def test_an_upper_header_that_does_not_split_the_columns_evenly_gives_no_column_places():
    text = SCORES_BY_PROVINCE_GROUPS.replace("| Hải Dương | Thái Bình", "| Hải Dương | Thái Bình | Nam Định")
    table = tables.find_tables(text)[0]
    assert table_cells.column_groups(table) == {}


def test_a_results_table_gives_a_target_and_an_actual_per_row_that_pair():
    found = figures(extract(RESULTS_BY_LINE))
    assert [(m.text, m.type, m.unit, m.kind) for m in found] == [
        ("7,0", "percent", "%", "target"), ("7,3", "percent", "%", "actual"),
        ("5.400", "money", "VND", "target"), ("5.920", "money", "VND", "actual"),
        ("Dưới 3", "percent", "%", "target"), ("2,6", "percent", "%", "actual"),
        ("30", "quantity", "giường bệnh", "target"), ("28,5", "quantity", "giường bệnh", "actual"),
    ]
    assert found[2].value == 5_400_000_000_000 and found[4].qualifier == "under"
    assert found[0].indicator == "Tốc độ tăng trưởng kinh tế (GRDP)"
    assert found[2].indicator == "Tổng thu ngân sách nhà nước trên địa bàn"
    for target, actual in zip(found[0::2], found[1::2]):
        assert target.indicator_key == actual.indicator_key
        assert (target.period_text, target.period_start, target.period_end) == ("năm 2023", "2023-01-01", "2023-12-31")
        assert (target.place_normalized, target.change, target.unit) == (actual.place_normalized, actual.change, actual.unit)
    assert found[2].indicator_key is not None  # the catalog knows state budget revenue
    for m in found:
        assert RESULTS_BY_LINE[m.start:m.end] == m.text


def test_a_cell_with_its_own_unit_is_read_once_and_a_bare_number_without_one_is_not_a_figure():
    text = ("Chỉ tiêu | Kế hoạch 2025 | Thực hiện 2025\n"
            "Kim ngạch xuất khẩu | 1,2 tỷ USD | 1,35 tỷ USD\n"
            "Số dự án | 12 | 14\n")
    extraction = extract(text)
    money = [m for m in extraction.mentions if m.type == "money"]
    assert [(m.text, m.value, m.kind, m.indicator) for m in money] == [
        ("1,2 tỷ USD", 1.2e9, "target", "Kim ngạch xuất khẩu"),
        ("1,35 tỷ USD", 1.35e9, "actual", "Kim ngạch xuất khẩu"),
    ]
    assert not any(m.text in ("12", "14") for m in extraction.mentions)


def test_a_unit_column_beats_the_grammar_reading_of_a_bare_cell():
    text = ("STT | Nội dung | ĐVT | Dự toán năm 2025\n"
            "1 | Chi đầu tư phát triển | triệu đồng | 125.000\n")
    [m] = figures(extract(text))
    assert (m.text, m.type, m.value, m.unit, m.kind) == ("125.000", "money", 125_000_000_000, "VND", "target")


# --- through ingest and the store ----------------------------------------------------------

def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2024")
    document.add_paragraph("Đơn vị tính: tỷ đồng")
    rows = [("TT", "Chỉ tiêu", "Kế hoạch năm 2024", "Ước thực hiện năm 2024"),
            ("1", "Thu ngân sách nhà nước", "8.200", "8.650"),
            ("2", "Vốn đầu tư phát triển", "21.000", "22.400")]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("Năm 2025, tỉnh tiếp tục thực hiện các giải pháp.")
    document.save(path)


HTML = """<html><head><meta charset="utf-8"><title>Kết quả thu hút khách du lịch năm 2024</title></head>
<body><article><h1>Kết quả thu hút khách du lịch năm 2024</h1>
<p>Ngành du lịch tỉnh tiếp tục phục hồi mạnh mẽ trong năm qua, với nhiều sự kiện văn hóa và thể thao lớn được tổ chức.</p>
<table>
<tr><th>Chỉ tiêu</th><th>Đơn vị</th><th>Kế hoạch năm 2024</th><th>Thực hiện năm 2024</th></tr>
<tr><td>Tổng lượt khách</td><td>lượt khách</td><td>4.500.000</td><td>4.820.000</td></tr>
<tr><td>Tổng thu từ du lịch</td><td>tỷ đồng</td><td>9.000</td><td>9.750</td></tr>
</table>
<p>Năm 2025, ngành du lịch đặt mục tiêu tiếp tục tăng trưởng, đa dạng hóa sản phẩm và thu hút thêm khách quốc tế.</p>
</article></body></html>"""


def test_docx_and_html_tables_reach_the_store_as_figures_and_tables(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "ket-qua.docx")
    (corpus / "du-lich.html").write_text(HTML, encoding="utf-8")
    db_path = tmp_path / "out.db"
    report = extract_corpus(corpus, db_path, jobs=1)
    assert not report.errors
    db = sqlite_utils.Database(db_path)
    by_path = {row["path"]: row for row in db.query("select id, path, text from documents")}
    rows = list(db.query(
        "select d.path, m.text, m.start, m.end, m.type, m.value, m.unit, m.kind, m.indicator, m.period_start "
        "from mentions m join documents d on d.id = m.document_id where m.rule like 'table.cell%' order by d.path, m.start"))
    got = [(r["path"], r["text"], r["type"], r["value"], r["unit"], r["kind"], r["indicator"], r["period_start"]) for r in rows]
    assert got == [
        ("du-lich.html", "4.500.000", "quantity", 4_500_000, "lượt khách", "target", "Tổng lượt khách", "2024-01-01"),
        ("du-lich.html", "4.820.000", "quantity", 4_820_000, "lượt khách", "actual", "Tổng lượt khách", "2024-01-01"),
        ("du-lich.html", "9.000", "money", 9e12, "VND", "target", "Tổng thu từ du lịch", "2024-01-01"),
        ("du-lich.html", "9.750", "money", 9.75e12, "VND", "actual", "Tổng thu từ du lịch", "2024-01-01"),
        ("ket-qua.docx", "8.200", "money", 8.2e12, "VND", "target", "Thu ngân sách nhà nước", "2024-01-01"),
        ("ket-qua.docx", "8.650", "money", 8.65e12, "VND", "actual", "Thu ngân sách nhà nước", "2024-01-01"),
        ("ket-qua.docx", "21.000", "money", 21e12, "VND", "target", "Vốn đầu tư phát triển", "2024-01-01"),
        ("ket-qua.docx", "22.400", "money", 22.4e12, "VND", "actual", "Vốn đầu tư phát triển", "2024-01-01"),
    ]
    for r in rows:
        assert by_path[r["path"]]["text"][r["start"]:r["end"]] == r["text"]
    stored = {r["document_id"]: r for r in db.query("select * from tables")}
    docx_table = stored[by_path["ket-qua.docx"]["id"]]
    assert json.loads(docx_table["header"]) == ["TT", "Chỉ tiêu", "Kế hoạch năm 2024", "Ước thực hiện năm 2024"]
    assert json.loads(docx_table["rows"])[0] == ["1", "Thu ngân sách nhà nước", "8.200", "8.650"]
    assert docx_table["caption"].endswith("Đơn vị tính: tỷ đồng")
    html_table = stored[by_path["du-lich.html"]["id"]]
    assert json.loads(html_table["header"])[0] == "Chỉ tiêu" and html_table["layout"] == "pipe"
    pairs = list(db.query("select count(*) as n from plan_vs_actual"))
    assert pairs[0]["n"] >= 2


def test_a_two_level_header_is_read_by_its_lower_row_and_its_upper_row_gives_the_kind():
    text = ("Cải cách thủ tục hành chính\n"
            "STT | Chỉ tiêu | Kết quả thống kê | Ghi chú\n"
            "STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú\n"
            "1. | Số hồ sơ tiếp nhận trong kỳ | Hồ sơ | 12.500 | \n"
            "2. | Tỷ lệ hồ sơ giải quyết đúng hạn | % | 98,6 | Tăng so với năm trước\n")
    [table] = tables.find_tables(text)
    assert [c.text for c in table.header] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
    found = figures(extract(text))
    assert [(m.text, m.type, m.value, m.unit, m.kind, m.indicator) for m in found] == [
        ("12.500", "quantity", 12_500, "hồ sơ", "actual", "Số hồ sơ tiếp nhận trong kỳ"),
        ("98,6", "percent", 98.6, "%", "actual", "Tỷ lệ hồ sơ giải quyết đúng hạn"),
    ]


def test_rows_that_name_bodies_measure_what_the_column_header_names():
    text = ("Kết quả xếp hạng chỉ số cải cách hành chính năm 2025\n"
            "TT | Đơn vị | Điểm đạt được | Chỉ số CCHC (%)\n"
            "1 | Sở Tài chính | 85,5 | 90,2\n"
            "2 | UBND xã Phước Sơn | 80,1 | 84,7\n")
    found = figures(extract(text))
    assert [(m.text, m.unit, m.indicator) for m in found] == [
        ("90,2", "%", "Chỉ số CCHC"), ("84,7", "%", "Chỉ số CCHC")]  # a score with no unit is no figure
    assert found[1].place is not None and found[0].place != found[1].place


def test_a_docx_data_table_keeps_each_row_on_one_line_when_a_header_cell_has_two_paragraphs(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    values = [("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"),
              ("1", "Số văn bản đã ban hành", "Văn bản", "64"),
              ("2", "Tỷ lệ nhiệm vụ hoàn thành", "%", "97,5")]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(0, 1).add_paragraph("(lũy kế đến kỳ báo cáo)")
    path = tmp_path / "thong-ke.docx"
    document.save(path)
    from pipeline.ingest import read_document
    text = read_document(path, tmp_path).text
    assert text.split("\n")[:2] == ["STT | Chỉ tiêu (lũy kế đến kỳ báo cáo) | Đơn vị tính | Số liệu",
                                    "1 | Số văn bản đã ban hành | Văn bản | 64"]
    found = figures(extract(text))
    assert [(m.text, m.type, m.unit) for m in found] == [("64", "quantity", "văn bản"), ("97,5", "percent", "%")]


def test_a_pdf_table_split_by_spaces_is_read_under_its_one_name_a_line_header():
    text = ("Phụ lục II\nKẾT QUẢ CHẤM ĐIỂM CHỈ SỐ NĂM 2025\n"
            "STT Đơn vị\nĐiểm tối đa\nĐiểm đạt\n"
            "Chỉ số 1 UBND xã Phước Sơn 8,00 7,50 93,75%\n"
            "2 UBND phường Đông Hải 2 8,00 6,00 75,00%\n"
            "3 Sở Xây dựng 8,00 7,00 87,50%\n"
            "Chỉ số trung bình 85,42%\n")
    [table] = tables.find_tables(text)
    assert table.layout == "spaces"
    assert [c.text for c in table.header] == ["STT", "Đơn vị", "Điểm tối đa", "Điểm đạt", "Chỉ số"]
    assert [c.text for c in table.rows[1]] == ["2", "UBND phường Đông Hải 2", "8,00", "6,00", "75,00%"]
    for cell in [*table.header, *(c for row in table.rows for c in row)]:
        assert text[cell.start:cell.end] == cell.text
    found = figures(extract(text))
    assert [(m.text, m.value, m.indicator) for m in found] == [
        ("93,75%", 93.75, "Chỉ số"), ("75,00%", 75.0, "Chỉ số"), ("87,50%", 87.5, "Chỉ số")]
    assert found[0].place_normalized == "Phước Sơn"


def test_a_numbered_list_of_sentences_is_no_space_table():
    text = ("Kết quả nổi bật\n"
            "1 Thu ngân sách đạt 5.200 tỷ đồng, tăng 12%\n"
            "2 Tổng vốn đầu tư toàn xã hội đạt 31.000 tỷ đồng\n"
            "3 Kim ngạch xuất khẩu đạt 1,5 tỷ USD\n")
    assert tables.find_tables(text) == []


ANNEX_HTML = """<html><head><meta charset="utf-8"><title>Giao chỉ tiêu tăng trưởng năm 2026</title></head>
<body><article><h1>Giao chỉ tiêu tăng trưởng năm 2026</h1>
<p>Chính phủ giao chỉ tiêu tăng trưởng tổng sản phẩm trên địa bàn cho các tỉnh, thành phố trong năm tới như sau.</p>
<p>Phụ lục: Mục tiêu tăng trưởng GRDP năm 2026 của các địa phương</p>
<table>
<tr><th>TT</th><th>Tỉnh, thành phố</th><th>Tăng trưởng GRDP (%)</th></tr>
<tr><td>1</td><td>Thanh Hóa</td><td>10,5</td></tr>
<tr><td>2</td><td>Nghệ An</td><td>9,0-9,5</td></tr>
<tr><td>3</td><td>Hà Tĩnh</td><td>Trên 8</td></tr>
</table>
<p>Các địa phương xây dựng kịch bản tăng trưởng theo từng quý để bảo đảm hoàn thành chỉ tiêu được giao.</p>
</article></body></html>"""


def test_an_html_annex_of_targets_by_province_gives_one_target_per_cell(tmp_path):
    from pipeline.ingest import read_document
    path = tmp_path / "chi-tieu.html"
    path.write_text(ANNEX_HTML, encoding="utf-8")
    document = read_document(path, tmp_path)
    found = figures(extract_document(document))
    assert [(m.text, m.value, m.value_max, m.qualifier, m.unit, m.kind, m.place_normalized) for m in found] == [
        ("10,5", 10.5, None, None, "%", "target", "Thanh Hóa"),
        ("9,0-9,5", 9.0, 9.5, None, "%", "target", "Nghệ An"),
        ("Trên 8", 8.0, None, "over", "%", "target", "Hà Tĩnh"),
    ]
    assert {m.indicator for m in found} == {"Tăng trưởng GRDP"}
    for m in found:
        assert document.text[m.start:m.end] == m.text


def test_the_parts_of_a_numbered_row_are_rows_of_their_own_even_without_an_evaluation():
    text = ("TT\nChỉ tiêu\nĐơn vị\nKế hoạch năm 2023\nƯớc thực hiện năm 2023\nĐánh giá\n"
            "1.\nMức giảm tỷ lệ hộ nghèo\nđiểm\n1-1,5\n1,2\nĐạt\n"
            "- Trong đó: Giảm tỷ lệ hộ nghèo ở các huyện nghèo\n%\n4\nTrên 4\n"
            "2.\nTỷ lệ thất nghiệp ở khu vực thành thị\n%\nDưới 4\n3,2\nĐạt\n")
    [table] = tables.find_tables(text)
    assert [[c.text for c in row][1:5] for row in table.rows] == [
        ["Mức giảm tỷ lệ hộ nghèo", "điểm", "1-1,5", "1,2"],
        ["- Trong đó: Giảm tỷ lệ hộ nghèo ở các huyện nghèo", "%", "4", "Trên 4"],
        ["Tỷ lệ thất nghiệp ở khu vực thành thị", "%", "Dưới 4", "3,2"],
    ]
    kinds = {(m.text, m.kind) for m in figures(extract(text))}
    assert {("Dưới 4", "target"), ("3,2", "actual"), ("Trên 4", "actual")} <= kinds
