"""Files as Vietnamese offices and newspapers publish them (issue 15): a decree whose PDF font
drops a letter, an old Word file in TCVN3, a newspaper's front page, the letterhead of a Word
decision. Each is tested on a file the test writes (our own words) and, where the team's
``../shared/inputs`` is present, on the real file it stands for (skipped with the reason
otherwise)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import docx
import pytest

from pipeline.ingest import html as html_reader, word_census
from pipeline import rules
from pipeline.ingest import UnreadableFile, read_document
from pipeline.paths import GOLD_DIR
from pipeline.run import extract_corpus
from pipeline.extraction import extract_document

INPUTS = GOLD_DIR.parent / "inputs"


def real_file(name: str) -> Path:
    path = INPUTS / name
    if not path.is_file():
        pytest.skip(f"the team's real input files are not present at {INPUTS}")
    return path


def read(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return read_document(tmp_path / name, tmp_path)


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read(tmp_path, name, data)
    return str(caught.value)


# --- words cut by a broken PDF font -------------------------------------------------------

@pytest.mark.parametrize("example", rules.load("spelling")["dropped_letters"]["examples"], ids=lambda e: e["text"][:30])
def test_dropped_letter_examples(example):
    assert [fragment.piece for fragment in word_census.census(example["text"]).fragments] == example["fragments"]


CUT_DECREE = """C ÍN  P Ủ
CỘNG  ÒA XÃ  ỘI C Ủ NG ĨA VIỆT NAM
Độc lập - Tự do -  ạnh phúc
NG Ị ĐỊN
Về quản lý kho dữ liệu của các cơ quan nhà nước
Chương I
QUY ĐỊN  C UNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc quản lý, kết nối và chia sẻ dữ liệu giữa 12 bộ, ngành và 63 địa phương.
"""
CLEAN_DECREE = CUT_DECREE.replace("C ÍN  P Ủ", "CHÍNH PHỦ").replace("CỘNG  ÒA XÃ  ỘI C Ủ NG ĨA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA") \
    .replace(" ạnh", " Hạnh").replace("NG Ị ĐỊN", "NGHỊ ĐỊNH").replace("QUY ĐỊN  C UNG", "QUY ĐỊNH CHUNG")


def test_a_text_with_words_cut_by_a_font_is_stored_with_a_warning_row_naming_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nghi-dinh-loi-font.txt").write_text(CUT_DECREE.replace("ư", "ƣ"), encoding="utf-8")
    (corpus / "nghi-dinh.txt").write_text(CLEAN_DECREE, encoding="utf-8")
    db_path = tmp_path / "t.db"
    for run in range(2):  # the warning row stays when the unchanged file is skipped (unread) on the next run
        report = extract_corpus(corpus, db_path, jobs=1)
        assert report.errors == []
        assert [warning.path for warning in report.warnings] == (["nghi-dinh-loi-font.txt"] if run == 0 else [])
        with sqlite3.connect(db_path) as db:
            assert sorted(row[0] for row in db.execute("select path from documents")) == ["nghi-dinh-loi-font.txt", "nghi-dinh.txt"]
            rows = db.execute("select path, level, message from ingest_errors").fetchall()
            texts = [row[0] for row in db.execute("select text from documents")]
        assert len(rows) == 1 and rows[0][:2] == ("nghi-dinh-loi-font.txt", "warning")
        assert "broken PDF font" in rows[0][2] and "'C Ủ' for 'CHỦ'" in rows[0][2]
        assert not any("ƣ" in text for text in texts)  # the glyph fault is mended, the cut words are not guessed
    (corpus / "nghi-dinh-loi-font.txt").write_text(CLEAN_DECREE.replace("12 bộ", "13 bộ"), encoding="utf-8")
    extract_corpus(corpus, db_path, jobs=1)
    with sqlite3.connect(db_path) as db:
        assert db.execute("select count(*) from ingest_errors").fetchone()[0] == 0  # mended file: row gone


def test_the_broken_font_decree_is_stored_without_its_glyph_fault_and_flagged():
    path = real_file("nd47_2020_cp_dulieuso_brokenfont.pdf")
    document = read_document(path, path.parent)
    assert "ƣ" not in document.text and "Ƣ" not in document.text
    assert document.warning and "broken PDF font" in document.warning


def test_the_scan_with_a_garbage_ocr_layer_is_refused_saying_so():
    path = real_file("lamdong_qd1716_2025_scan_badocr.pdf")
    with pytest.raises(UnreadableFile, match="does not read as Vietnamese.*OCR"):
        read_document(path, path.parent)


@pytest.mark.parametrize("name", ["lamdong_bc_cchc_2025.docx", "lamdong_kh_cchc_2026.docx", "lamdong_bc_cchc_2025.pdf"])
def test_clean_real_files_raise_no_broken_font_warning(name):
    path = real_file(name)
    assert read_document(path, path.parent).warning is None


# --- old Word files (.doc) ----------------------------------------------------------------

needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None,
                                    reason="antiword is not installed (make setup installs it where apt is available)")


def test_a_doc_file_without_antiword_is_refused_saying_how_to_convert_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    message = refusal(tmp_path, "cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "antiword" in message and "save the file as .docx" in message


@needs_antiword
def test_a_file_named_doc_that_is_no_word_file_is_refused_with_what_antiword_said(tmp_path):
    message = refusal(tmp_path, "cu.DOC", "Tổng thu ngân sách đạt 4.250 tỷ đồng.".encode())
    assert message.startswith("not an old Word file antiword can read") and "save it as .docx" in message
    assert str(tmp_path) not in message  # the temporary copy's name is no use to the user


@needs_antiword
def test_the_word_6_decree_typed_in_tcvn3_is_read_as_vietnamese():
    path = real_file("saclenh77_1945_tcvn3.DOC")
    document = read_document(path, path.parent)
    assert document.format == "doc"
    lines = document.text.split("\n")
    assert lines[0] == "SẮC LỆNH"  # typed in the capitals font
    assert "Sắc lệnh số 63" in document.text and "Hà Nội" in document.text
    assert not set("µ¸¶·¹¾ÖÕÞ®§") & set(document.text)


@needs_antiword
@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice (soffice) to write a .doc file with")
def test_a_doc_file_written_by_a_word_processor_is_read(tmp_path):
    source = tmp_path / "bao-cao.docx"
    written = docx.Document()
    written.add_paragraph("Tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 4.250 tỷ đồng.")
    written.save(source)
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    source.unlink()
    document = read_document(tmp_path / "bao-cao.doc", tmp_path)
    assert document.text == "Tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 4.250 tỷ đồng."


# --- web pages: a front page is a list of headlines ----------------------------------------

@pytest.mark.parametrize("example", [e for e in rules.examples("ingest/html_pages") if "url" in e], ids=lambda e: e["url"])
def test_front_page_examples(example):
    assert html_reader.is_front_page(example["url"]) is example["front_page"]


@pytest.mark.parametrize("example", [e for e in rules.examples("ingest/html_pages") if "text" in e], ids=lambda e: e["text"][:30])
def test_tag_list_examples(example):
    assert html_reader.without_tag_list(example["text"]) == example["article"]


def teaser(number: int) -> str:
    return (f'<div class="story"><h3><a href="/tin/{number}.html">Tỉnh khánh thành cây cầu thứ {number}</a></h3>'
            f"<p>BTN - Sáng nay, tỉnh đưa vào sử dụng cây cầu thứ {number} nối hai bờ sông, "
            f"với tổng vốn đầu tư {number * 10} tỷ đồng, sớm hơn kế hoạch hai tháng.</p></div>")


FRONT_PAGE = ("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Báo Tỉnh Nhà - Tin tức</title>"
              "<link rel='canonical' href='https://baotinhnha.example.vn/'></head><body>"
              "<nav><a href='/'>Trang chủ</a><a href='/thoi-su'>Thời sự</a></nav><main>"
              + "".join(teaser(n) for n in range(1, 9)) + "</main><footer>Báo Tỉnh Nhà</footer></body></html>")
ARTICLE = ("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
           "<title>Tỉnh khánh thành cây cầu thứ 3 - Thời sự - Báo Tỉnh Nhà</title>"
           "<link rel='canonical' href='https://baotinhnha.example.vn/tin/3.html'></head><body>"
           "<nav><a href='/'>Trang chủ</a><a href='/thoi-su'>Thời sự</a></nav><article>"
           "<h1>Tỉnh khánh thành cây cầu thứ 3</h1>"
           "<p>Sáng nay, tỉnh đưa vào sử dụng cây cầu nối hai bờ sông, với tổng vốn đầu tư 30 tỷ đồng, sớm hơn kế hoạch hai tháng.</p>"
           "<p>Cây cầu dài 320 m, rộng 12 m, rút ngắn quãng đường giữa hai huyện khoảng 15 km.</p>"
           "<ul><li>Từ khóa</li><li>cầu</li><li>giao thông</li></ul></article>"
           "<footer>Báo Tỉnh Nhà</footer></body></html>")


def test_a_front_page_of_headlines_is_refused_as_not_an_article(tmp_path):
    message = refusal(tmp_path, "trang-chu.html", FRONT_PAGE.encode("utf-8"))
    assert message.startswith("a page of headlines") and "baotinhnha.example.vn" in message


def test_an_article_page_keeps_its_headline_once_and_drops_its_tags(tmp_path):
    document = read(tmp_path, "cau.html", ARTICLE.encode("utf-8"))
    lines = document.text.split("\n")
    assert lines[0] == "Tỉnh khánh thành cây cầu thứ 3"
    assert lines[1].startswith("Sáng nay, tỉnh đưa vào sử dụng")
    assert lines[-1] == "Cây cầu dài 320 m, rộng 12 m, rút ngắn quãng đường giữa hai huyện khoảng 15 km."


def test_the_real_front_page_is_refused_and_the_real_article_kept():
    home = real_file("tuoitre_2015_home.html")
    with pytest.raises(UnreadableFile, match="a page of headlines"):
        read_document(home, home.parent)
    article = real_file("tuoitre_2015_article_chat_cay_xanh.html")
    text = read_document(article, article.parent).text
    assert "Tuổi Trẻ Online" not in text.split("\n")[0] and "Từ khóa" not in text


# --- Word letterheads -----------------------------------------------------------------------

def test_the_number_and_date_row_of_a_letterhead_is_two_lines_not_a_table_row(tmp_path):
    written = docx.Document()
    letterhead = written.add_table(rows=2, cols=2)
    left, right = letterhead.rows[0].cells
    left.text = "ỦY BAN NHÂN DÂN"
    left.add_paragraph("TỈNH BÌNH AN")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    letterhead.rows[1].cells[0].text = "Số: 15/QĐ-UBND"
    letterhead.rows[1].cells[1].text = "Bình An, ngày 3 tháng 2 năm 2026"
    written.add_paragraph("Công bố kết quả chấm điểm của 12 sở, ngành năm 2025.")
    written.save(tmp_path / "qd.docx")
    lines = read_document(tmp_path / "qd.docx", tmp_path).text.split("\n")
    assert "Số: 15/QĐ-UBND" in lines and "Bình An, ngày 3 tháng 2 năm 2026" in lines
    assert not any("|" in line for line in lines)


def test_a_small_table_of_labels_and_figures_keeps_each_row_on_one_line(tmp_path):
    written = docx.Document()
    table = written.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Thu nội địa", "2.104 tỷ đồng"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Thu xuất nhập khẩu", "1.092 tỷ đồng"
    written.save(tmp_path / "bang.docx")
    lines = read_document(tmp_path / "bang.docx", tmp_path).text.split("\n")
    assert "Thu nội địa | 2.104 tỷ đồng" in lines and "Thu xuất nhập khẩu | 1.092 tỷ đồng" in lines


def test_the_real_decisions_letterhead_gives_no_table_row():
    path = real_file("lamdong_qd_congbo_chiso_cchc_2025.docx")
    lines = read_document(path, path.parent).text.split("\n")
    assert not any(line.startswith("Số:") and "|" in line for line in lines)
    assert not any("Nơi nhận" in line and "|" in line for line in lines)


def test_a_two_level_header_left_unmerged_still_gives_each_cell_its_unit(tmp_path):
    """`Kết quả thống kê` spans `Đơn vị tính | Số liệu`; `STT` and `Chỉ tiêu` are left empty below
    instead of merged down: the figures still take the row's unit, as with a merged header."""
    written = docx.Document()
    written.add_paragraph("Biểu 3. Kết quả giải quyết hồ sơ trực tuyến năm 2025")
    table = written.add_table(rows=4, cols=5)
    for j, text in enumerate(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"]):
        table.rows[0].cells[j].text = text
    table.rows[0].cells[2].merge(table.rows[0].cells[3])
    table.rows[1].cells[2].text, table.rows[1].cells[3].text = "Đơn vị tính", "Số liệu"
    for r, row in enumerate([["1.", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ", "462.814", ""],
                             ["2.", "Số thủ tục có phát sinh hồ sơ", "Thủ tục", "575", ""]], start=2):
        for j, text in enumerate(row):
            table.rows[r].cells[j].text = text
    written.save(tmp_path / "bieu.docx")
    extraction = extract_document(read_document(tmp_path / "bieu.docx", tmp_path))
    units = {mention.value: mention.unit for mention in extraction.mentions}
    assert units[462814] == "hồ sơ" and units[575] == "thủ tục"
