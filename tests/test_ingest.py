"""Ingest: every format and encoding a user drops into the corpus becomes one NFC text.

Files are made here, in the test, with the real libraries (python-docx) or by hand (a minimal
PDF with a Unicode text layer), then read through ``pipeline.ingest`` and, end to end, through
``extract_corpus`` into a real SQLite file.
"""
from __future__ import annotations

import codecs
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
import sqlite_utils
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline import ingest
from pipeline.ingest import decode, legacy_encodings, pdf
from pipeline import rules
from pipeline.ingest import UnreadableFile, read_document
from pipeline.records import Document, IngestError
from pipeline.run import extract_corpus
from pipeline.extraction import extract_document
from pipeline.text_norm import is_vietnamese_syllable, modern_tone_placement, normal_form, vietnamese_share

TEXT = "Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng, tăng 18,3% so với cùng kỳ.\nThu nội địa đạt 2.104 tỷ đồng."


def read(tmp_path: Path, name: str, data: bytes) -> Document:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return read_document(path, tmp_path)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def windows_1258(text: str) -> bytes:
    """The legacy Vietnamese Windows code page: â, ơ, ư… are one byte, tone marks combine."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in decomposed if mark in TONE_MARKS)
            letter = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += letter.encode("cp1258") + tone.encode("cp1258")
    return out


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read(tmp_path, name, data)
    return str(caught.value)


# --- plain text: encodings, normal forms, line ends ---------------------------------------

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_supported_encoding_gives_the_same_text(tmp_path, encoding):
    document = read(tmp_path, "bao-cao.txt", ENCODINGS[encoding](TEXT))
    assert document.text == TEXT
    assert document.format == "txt"
    assert document.title == "Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng, tăng 18,3% so với cùng kỳ."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised_by_where_its_nul_bytes_fall(tmp_path, codec):
    document = read(tmp_path, "khong-bom.txt", TEXT.encode(codec))
    assert document.text == TEXT


def test_decomposed_vietnamese_becomes_composed(tmp_path):
    decomposed = unicodedata.normalize("NFD", TEXT)
    assert decomposed != TEXT
    document = read(tmp_path, "tu-macos.txt", decomposed.encode("utf-8"))
    assert document.text == TEXT
    assert unicodedata.is_normalized("NFC", document.text)


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_become_newlines(tmp_path, line_end):
    document = read(tmp_path, "dong.txt", TEXT.replace("\n", line_end).encode("utf-8"))
    assert document.text == TEXT
    assert "\r" not in document.text


def test_sha256_is_of_the_file_bytes_so_a_re_encoded_file_counts_as_changed(tmp_path):
    utf8 = read(tmp_path, "a.txt", TEXT.encode("utf-8"))
    utf16 = read(tmp_path, "b.txt", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert utf8.text == utf16.text
    assert utf8.sha256 != utf16.sha256


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1),
       encoding=st.sampled_from(sorted(ENCODINGS)))
def test_any_text_in_any_supported_encoding_reads_back_normalised(tmp_path_factory, text, encoding):
    expected = normal_form(text)
    assume(expected.strip() and not text.startswith("\ufeff"))
    assume(not any(text.encode("utf-8").startswith(sig) for sig in decode.BINARY_SIGNATURES))
    folder = tmp_path_factory.mktemp("any")
    try:
        document = read(folder, "x.txt", ENCODINGS[encoding](text))
    except UnreadableFile as err:  # only text that looks like a legacy code page may be refused
        assert "legacy Vietnamese code page" in str(err) and len(legacy_encodings.SUSPECTS.findall(text)) >= 3
        return
    if document.text != expected:  # only mended mojibake may differ
        assert len(legacy_encodings.SUSPECTS.findall(text)) >= 3
        assert vietnamese_share(document.text)[0] > vietnamese_share(expected)[0]


def test_bytes_no_code_page_reads_as_vietnamese_are_refused_with_the_offending_byte(tmp_path):
    message = refusal(tmp_path, "cu.txt", "Größe über Äpfel".encode("latin-1"))
    assert "not UTF-8 (byte 0xf6 at offset 2)" in message and "save it as UTF-8" in message
    assert "no Vietnamese code page reads it" in message


def test_bytes_two_code_pages_read_as_vietnamese_alike_are_refused_not_guessed(tmp_path):
    message = refusal(tmp_path, "ngan.txt", b"Gi\xe1 c\xe0 ph\xea")  # Windows-1258 'Giá cà phê', TCVN3 'Giỏ cà phờ'
    assert "cannot tell which" in message and "not UTF-8" in message


def test_broken_utf16_is_refused_naming_the_encoding(tmp_path):
    message = refusal(tmp_path, "hong.txt", codecs.BOM_UTF16_LE + "Thu ngân sách".encode("utf-16-le")[:-1])
    assert "UTF-16" in message


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_an_empty_or_blank_file_is_refused(tmp_path, content):
    assert "no text" in refusal(tmp_path, "trong.txt", content)


@pytest.mark.parametrize("content,expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP package"),
    (b"ELF\x02\x01\x01\x00\x00\x00abc", "NUL bytes"),
    (bytes(range(256)) * 8, "NUL bytes"),
    (b"\x00" * 64, "NUL bytes"),
])
def test_a_binary_file_with_a_text_suffix_is_refused_saying_what_it_is(tmp_path, content, expected):
    assert expected in refusal(tmp_path, "anh.txt", content)


@pytest.mark.parametrize("name,expected", [("bang.csv", "unsupported file type '.csv'"), ("cu.odt", "save it as .docx")])
def test_an_unsupported_suffix_is_refused_listing_what_is_supported(tmp_path, name, expected):
    message = refusal(tmp_path, name, b"anything")
    assert expected in message
    assert ".docx" in message and ".pdf" in message and ".html" in message


# --- HTML ---------------------------------------------------------------------------------

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Giá lúa tăng mạnh ở miền Tây | Báo Nông Nghiệp Mới</title>
<meta property="og:title" content="Giá lúa tăng mạnh ở miền Tây">
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li><li><a href="/dang-nhap">Đăng nhập</a></li></ul></nav></header>
<main><article>
<h1>Giá lúa tăng mạnh ở miền Tây</h1>
<p>Sáng 5/3, thương lái tại An Giang thu mua lúa tươi ở mức 7.800 đồng/kg, tăng 300 đồng so với tuần trước.</p>
<p>Theo Sở Nông nghiệp tỉnh, vụ đông xuân năm nay toàn tỉnh xuống giống hơn 230.000 ha, năng suất ước đạt 7,2 tấn/ha.</p>
<p>Nhiều hộ nông dân cho biết lợi nhuận vụ này có thể đạt trên 30 triệu đồng/ha, cao nhất trong năm năm qua.</p>
</article></main>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Giá phân bón giảm mạnh</a></li><li><a href="/b">Xuất khẩu gạo kỷ lục</a></li></ul></aside>
<footer><p>Bản quyền thuộc Báo Nông Nghiệp Mới. Giấy phép số 999/GP-BTTTT.</p><p>Liên hệ quảng cáo: 0900 000 000</p></footer>
</body></html>"""


def test_html_keeps_the_article_one_paragraph_a_line_and_drops_menus_and_footer(tmp_path):
    document = read(tmp_path, "trang/gia-lua.html", ARTICLE_PAGE.encode("utf-8"))
    lines = document.text.split("\n")
    assert lines[0] == "Giá lúa tăng mạnh ở miền Tây"
    assert lines[1].startswith("Sáng 5/3, thương lái tại An Giang") and lines[1].endswith("so với tuần trước.")
    assert any(line.startswith("Theo Sở Nông nghiệp tỉnh") for line in lines)
    assert "30 triệu đồng/ha" in document.text
    for boilerplate in ("Trang chủ", "Đăng nhập", "Bản quyền", "Liên hệ quảng cáo", "Tin liên quan"):
        assert boilerplate not in document.text
    assert document.title == "Giá lúa tăng mạnh ở miền Tây"
    assert document.format == "html"
    assert document.path == "trang/gia-lua.html"


NEWS_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Đồng Nai thu hút 1,2 tỷ USD vốn FDI - Báo Kinh Tế Mới</title>
<meta property="og:title" content="Đồng Nai thu hút 1,2 tỷ USD vốn FDI"><meta name="author" content="Minh Khang"></head>
<body><div class="top-bar"><a href="/">Trang chủ</a> | <a href="/lien-he">Liên hệ</a></div>
<div class="menu"><a href="/thoi-su">Thời sự</a><a href="/kinh-doanh">Kinh doanh</a></div>
<div class="container"><div class="main-col">
<div class="breadcrumb"><a href="/kinh-doanh">Kinh doanh</a> › <a href="/dau-tu">Đầu tư</a></div>
<h1 class="title-detail">Đồng Nai thu hút 1,2 tỷ USD vốn FDI</h1>
<p class="sapo">7 tháng đầu năm, tỉnh Đồng Nai thu hút khoảng 1,2 tỷ USD vốn đầu tư trực tiếp nước ngoài, tăng 15% so với cùng kỳ.</p>
<div class="detail-content">
<p>Theo Sở Kế hoạch và Đầu tư tỉnh, trong 7 tháng có 45 dự án cấp mới với tổng vốn đăng ký 620 triệu USD và 38 dự án điều chỉnh tăng vốn thêm 580 triệu USD.</p>
<figure><img src="a.jpg"><figcaption>Một khu công nghiệp ở huyện Nhơn Trạch. Ảnh: Minh Khang</figcaption></figure>
<div class="box-related"><p>Xem thêm:</p><ul><li><a href="/x">Bình Dương dẫn đầu thu hút FDI</a></li></ul></div>
<p>Các dự án chủ yếu thuộc lĩnh vực công nghiệp chế biến, chế tạo, chiếm hơn 80% tổng vốn.</p>
<p>Tỉnh đặt mục tiêu cả năm thu hút từ 1,8 đến 2 tỷ USD vốn FDI.</p>
</div>
<div class="tags">Từ khóa: <a>FDI</a> <a>Đồng Nai</a></div>
<div class="comments"><h3>Ý kiến bạn đọc</h3><div class="comment"><p>Rất mừng cho tỉnh nhà, mong thu hút thêm nhiều dự án công nghệ cao hơn nữa trong thời gian tới.</p></div></div>
</div><div class="sidebar"><h3>Đọc nhiều</h3><ul><li><a>Giá vàng hôm nay tăng mạnh</a></li></ul></div></div>
<footer>© Báo Kinh Tế Mới. Giấy phép số 01/GP-BTTTT.</footer></body></html>"""


def test_html_news_page_keeps_headline_lead_body_and_byline_but_no_boxes_or_comments(tmp_path):
    document = read(tmp_path, "fdi.html", NEWS_PAGE.encode("utf-8"))
    lines = document.text.split("\n")
    assert lines[0] == "Đồng Nai thu hút 1,2 tỷ USD vốn FDI"
    assert lines[1].startswith("7 tháng đầu năm")
    assert "Tỉnh đặt mục tiêu cả năm thu hút từ 1,8 đến 2 tỷ USD vốn FDI." in lines
    assert lines[-1] == "Minh Khang"
    for noise in ("Xem thêm", "Bình Dương", "Từ khóa", "Ý kiến bạn đọc", "Rất mừng", "Đọc nhiều", "Giấy phép", "Liên hệ"):
        assert noise not in document.text


def test_html_table_rows_keep_each_label_with_its_figure_on_one_line(tmp_path):
    table = ("<table><tr><th>Chỉ tiêu</th><th>Quý I</th></tr>"
             "<tr><td>Thu nội địa</td><td>2.104 tỷ đồng</td></tr>"
             "<tr><td>Thu xuất nhập khẩu</td><td>1.092 tỷ đồng</td></tr></table>")
    page = ARTICLE_PAGE.replace("</article>", table + "</article>")
    lines = read(tmp_path, "bang.html", page.encode("utf-8")).text.split("\n")
    assert any("Thu nội địa" in line and "2.104 tỷ đồng" in line for line in lines)
    assert any("Thu xuất nhập khẩu" in line and "1.092 tỷ đồng" in line for line in lines)


def test_html_without_a_headline_in_its_body_gets_the_title_as_first_line(tmp_path):
    page = ARTICLE_PAGE.replace("<h1>Giá lúa tăng mạnh ở miền Tây</h1>", "")
    document = read(tmp_path, "gia-lua.htm", page.encode("utf-8"))
    assert document.text.split("\n")[0] == "Giá lúa tăng mạnh ở miền Tây"
    assert document.format == "htm"


def test_decomposed_html_is_composed_like_any_text(tmp_path):
    document = read(tmp_path, "nfd.html", unicodedata.normalize("NFD", ARTICLE_PAGE).encode("utf-8"))
    assert "Theo Sở Nông nghiệp tỉnh" in document.text
    assert unicodedata.is_normalized("NFC", document.text)


def test_html_in_the_legacy_vietnamese_code_page_reads_as_its_meta_charset_says(tmp_path):
    page = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
    legacy = read(tmp_path, "cu.html", windows_1258(page))
    modern = read(tmp_path, "moi.html", ARTICLE_PAGE.encode("utf-8"))
    assert legacy.text == modern.text


def test_html_with_no_article_is_refused(tmp_path):
    page = "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a></nav><script>var x = 1;</script></body></html>"
    assert "no article text" in refusal(tmp_path, "menu.html", page.encode("utf-8"))


# --- DOCX ---------------------------------------------------------------------------------

def make_docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Báo cáo thu ngân sách quý I"
    header = document.add_table(rows=1, cols=2)  # the layout table atop an official document
    left, right = header.rows[0].cells
    left.text = "SỞ TÀI CHÍNH TỈNH HÀ TĨNH"
    left.add_paragraph("Số: 1046/BC-STC")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("")
    right.add_paragraph("Hà Tĩnh, ngày 10 tháng 4 năm 2025")
    document.add_heading("BÁO CÁO THU NGÂN SÁCH QUÝ I", level=1)
    document.add_paragraph("Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng.")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Quý I"
    table.cell(0, 2).text = "So cùng kỳ"
    table.cell(1, 0).text = "Thu nội địa"
    table.cell(1, 1).text = "2.104 tỷ đồng"
    table.cell(1, 2).text = "tăng 12,7%"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Thu xuất nhập khẩu: 1.092 tỷ đồng"
    table.cell(2, 2).text = "tăng 31%"
    document.add_paragraph("Chi đầu tư phát triển đạt 15,2% kế hoạch vốn.")
    document.save(path)


def test_docx_gives_paragraphs_data_rows_and_layout_cells_in_reading_order(tmp_path):
    make_docx(tmp_path / "bao-cao.docx")
    document = read_document(tmp_path / "bao-cao.docx", tmp_path)
    assert document.text.split("\n") == [
        "SỞ TÀI CHÍNH TỈNH HÀ TĨNH",
        "Số: 1046/BC-STC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Tĩnh, ngày 10 tháng 4 năm 2025",
        "BÁO CÁO THU NGÂN SÁCH QUÝ I",
        "Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng.",
        "Chỉ tiêu | Quý I | So cùng kỳ",
        "Thu nội địa | 2.104 tỷ đồng | tăng 12,7%",
        "Thu xuất nhập khẩu: 1.092 tỷ đồng | tăng 31%",
        "Chi đầu tư phát triển đạt 15,2% kế hoạch vốn.",
    ]
    assert document.title == "Báo cáo thu ngân sách quý I"
    assert document.format == "docx"


def test_a_text_file_named_docx_is_refused_as_not_a_docx(tmp_path):
    assert "not a valid DOCX" in refusal(tmp_path, "gia.docx", TEXT.encode("utf-8"))


# --- PDF ----------------------------------------------------------------------------------

def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal PDF 1.4 of text lines, one list of lines a page (see ``pdf_of_streams``)."""
    streams = []
    for page in pages:
        operators = ["BT /F1 11 Tf 14 TL 40 800 Td"]
        operators += [f"<{pdf_hex(line)}> Tj T*" for line in page]
        streams.append("\n".join(operators + ["ET"]).encode() if page else b"")
    return pdf_of_streams(streams, {c for page in pages for line in page for c in line}, title)


def pdf_hex(text: str) -> str:
    """A string in the font's encoding: each character's code point, as 4 hex digits."""
    return "".join(f"{ord(c):04X}" for c in text)


def pdf_of_streams(streams: list[bytes], characters: set[str], title: str | None = None) -> bytes:
    """A minimal PDF 1.4 with one page a content stream and one Type0 font (Identity-H, code =
    Unicode code point) with a ToUnicode map, so the text layer holds Vietnamese exactly as a real
    exported PDF does."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    chars = sorted(characters)
    pairs = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    catalog = add(b"")
    page_tree = add(b"")
    to_unicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 -200 1000 900] "
                     b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo "
                   b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 >>"
                   % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode))
    kids = []
    for stream in streams:
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (page_tree, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    info = add(b"<< /Title <FEFF" + title.encode("utf-16-be").hex().encode() + b"> >>") if title else None
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    trailer += b" /Info %d 0 R >>" % info if info else b" >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_PAGES = [
    ["Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng.", "Thu nội địa tăng 12,7% so với cùng kỳ."],
    ["Hỗ trợ Tết cho 52.400 đối tượng bảo trợ xã hội."],
]


def test_pdf_gives_the_text_layer_of_every_page_with_its_title(tmp_path):
    document = read(tmp_path, "bao-cao.pdf", make_pdf(PDF_PAGES, title="Báo cáo quý I"))
    assert document.text.split("\n") == [line for page in PDF_PAGES for line in page]
    assert document.title == "Báo cáo quý I"
    assert document.format == "pdf"


def test_pdf_without_a_title_takes_its_first_line(tmp_path):
    document = read(tmp_path, "khong-ten.pdf", make_pdf(PDF_PAGES))
    assert document.title == PDF_PAGES[0][0]


def test_pdf_sentences_wrapped_over_printed_lines_and_pages_are_joined_back(tmp_path):
    pages = [
        ["BÁO CÁO", "Tình hình thu ngân sách quý I", "Tổng thu ngân sách nhà nước trên địa bàn ước",
         "đạt 3.216 tỷ đồng, tăng 18,3% so với cùng kỳ; thu nội địa ước đạt"],
        ["2.104 tỷ đồng.", "1. Chi đầu tư phát triển đạt 15,2% kế hoạch vốn.", "- Chi thường xuyên: 3.040 tỷ đồng"],
    ]
    document = read(tmp_path, "gap-dong.pdf", make_pdf(pages))
    assert document.text.split("\n") == [
        "BÁO CÁO",
        "Tình hình thu ngân sách quý I",
        "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 3.216 tỷ đồng, tăng 18,3% so với cùng kỳ; "
        "thu nội địa ước đạt 2.104 tỷ đồng.",
        "1. Chi đầu tư phát triển đạt 15,2% kế hoạch vốn.",
        "- Chi thường xuyên: 3.040 tỷ đồng",
    ]


@pytest.mark.parametrize("lines,expected", [
    (["Kim ngạch xuất khẩu ước", "đạt 525 triệu USD."], ["Kim ngạch xuất khẩu ước đạt 525 triệu USD."]),
    (["số lao động được giải quyết việc làm là", "15.360 lao động"], ["số lao động được giải quyết việc làm là 15.360 lao động"]),
    (["Điều 1. Thông qua dự toán như sau:", "1. Tổng thu: 3.790 tỷ đồng;"], ["Điều 1. Thông qua dự toán như sau:", "1. Tổng thu: 3.790 tỷ đồng;"]),
    (["Căn cứ Luật Ngân sách nhà nước năm 2015", "2. Tổng chi: 500 tỷ đồng"], ["Căn cứ Luật Ngân sách nhà nước năm 2015", "2. Tổng chi: 500 tỷ đồng"]),
    (["Thu nội địa 2.104", "3.216 tỷ đồng"], ["Thu nội địa 2.104", "3.216 tỷ đồng"]),
    (["NGHỊ QUYẾT", "Về dự toán ngân sách"], ["NGHỊ QUYẾT", "Về dự toán ngân sách"]),
    (["  ", "Một dòng.", ""], ["Một dòng."]),
])
def test_unwrap_lines_joins_only_a_sentence_that_carries_on(lines, expected):
    assert pdf.unwrap_lines(lines).split("\n") == expected


def test_pdf_page_numbers_are_dropped_so_they_neither_count_nor_glue(tmp_path):
    pages = [
        ["Tổng thu ngân sách nhà nước ước", "đạt 3.216 tỷ đồng; thu nội địa ước đạt", "1"],
        ["- 2 -", "2.104 tỷ đồng.", "Trang 2/3"],
        ["3", "Chi thường xuyên đạt 24,3% dự toán."],
    ]
    document = read(tmp_path, "so-trang.pdf", make_pdf(pages))
    assert document.text.split("\n") == [
        "Tổng thu ngân sách nhà nước ước đạt 3.216 tỷ đồng; thu nội địa ước đạt 2.104 tỷ đồng.",
        "Chi thường xuyên đạt 24,3% dự toán.",
    ]


def test_a_scanned_pdf_with_no_text_layer_is_refused_saying_so(tmp_path):
    message = refusal(tmp_path, "scan.pdf", make_pdf([[], []]))
    assert "no text layer" in message and "2 page(s)" in message and "OCR" in message


def test_a_truncated_pdf_is_refused_not_crashed_on(tmp_path):
    message = refusal(tmp_path, "cut.pdf", make_pdf(PDF_PAGES)[:120])
    assert "pdf" in message.lower()


# --- the sample corpus that ships with the project ---------------------------------------

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_every_sample_corpus_file_reads_cleanly_as_nfc_text():
    items = list(ingest.iter_documents(SAMPLE_CORPUS))
    assert len(items) >= 5
    for item in items:
        assert isinstance(item, Document), item
        assert 1500 <= len(item.text.encode("utf-8")) <= 4096, item.path
        assert unicodedata.is_normalized("NFC", item.text)
        assert item.title


# --- end to end: one bad file does not cost the others ----------------------------------

def test_extract_corpus_reads_every_format_and_reports_each_bad_file_by_name(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tot.txt").write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    (corpus / "trang.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    make_docx(corpus / "van-ban.docx")
    (corpus / "bao-cao.pdf").write_bytes(make_pdf(PDF_PAGES))
    (corpus / "cu.txt").write_bytes(b"Gi\xe1 c\xe0 ph\xea")  # Windows-1258 or TCVN3: cannot tell
    (corpus / "windows.txt").write_bytes(windows_1258(TEXT))
    (corpus / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "trong.md").write_bytes(b"  \n")
    (corpus / "scan.pdf").write_bytes(make_pdf([[]]))
    (corpus / "~$van-ban.docx").write_bytes(b"\x08Nguoi dung" + bytes(150))  # Word's lock file
    (corpus / "tot.txt~").write_bytes(b"editor backup")
    db_path = tmp_path / "out.db"

    report = extract_corpus(corpus, db_path)

    assert sorted(report.extracted) == ["bao-cao.pdf", "tot.txt", "trang.html", "van-ban.docx", "windows.txt"]
    db = sqlite_utils.Database(db_path)
    stored = {row["path"]: row for row in db.query("select path, format, title, text from documents")}
    assert {path: row["format"] for path, row in stored.items()} == {
        "bao-cao.pdf": "pdf", "tot.txt": "txt", "trang.html": "html", "van-ban.docx": "docx", "windows.txt": "txt"}
    assert stored["tot.txt"]["text"] == stored["windows.txt"]["text"] == TEXT
    assert stored["trang.html"]["title"] == "Giá lúa tăng mạnh ở miền Tây"
    errors = {row["path"]: row["message"] for row in db.query("select path, message from ingest_errors")}
    assert sorted(errors) == ["anh.txt", "cu.txt", "scan.pdf", "trong.md"]
    assert "not UTF-8" in errors["cu.txt"] and "PNG" in errors["anh.txt"]
    assert "no text layer" in errors["scan.pdf"] and "no text" in errors["trong.md"]
    assert all(isinstance(error, IngestError) for error in report.errors)
    texts = {row["id"]: row["text"] for row in db.query("select id, text from documents")}
    for table in ("sentences", "mentions", "entities"):
        for row in db.query(f"select document_id, start, end, text from {table}"):
            assert texts[row["document_id"]][row["start"]:row["end"]] == row["text"]


# --- a fresh install, as a new user makes it ---------------------------------------------

REPOSITORY = Path(__file__).resolve().parent.parent
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "out", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis")


def serve_answers(extract: Path, db_path: Path, cwd: Path, paths: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """Start ``extract serve`` on a free loopback port, GET each path, stop it: path → (status, body)."""
    import socket
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(extract), "serve", "--db", str(db_path), "--port", str(port)], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    answers: dict[str, tuple[int, str]] = {}
    try:
        deadline = time.monotonic() + 60
        for path in paths:
            while path not in answers:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                        answers[path] = (response.status, response.read().decode("utf-8"))
                except urllib.error.HTTPError as error:
                    answers[path] = (error.code, "")
                except (urllib.error.URLError, ConnectionError):
                    assert time.monotonic() < deadline and process.poll() is None, process.stdout.read()
                    time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return answers


@pytest.mark.install
def test_a_fresh_pip_install_reads_html_docx_and_pdf_with_the_rules_it_ships(tmp_path):
    """A wheel built from the source (``pip wheel . --no-deps``), installed into a new venv with
    its dependencies, no test extras and no checkout behind it: every reader's libraries must be
    declared, ``rules/`` and the Datasette plugin's files must travel in the wheel, and both
    ``extract`` and ``extract serve`` must run from it."""
    source = tmp_path / "source"
    shutil.copytree(REPOSITORY, source, ignore=NOT_SOURCE)
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                            "--no-deps", "-w", str(wheels), str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheels.glob("vn_facts-*.whl")
    shutil.rmtree(source)  # the installed package must not lean on the copy it was built from
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                                "--disable-pip-version-check", str(wheel)], capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "trang.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    make_docx(corpus / "van-ban.docx")
    (corpus / "bao-cao.pdf").write_bytes(make_pdf(PDF_PAGES))
    db_path = tmp_path / "out.db"

    completed = subprocess.run([str(venv / "bin" / "extract"), "--corpus", str(corpus), "--db", str(db_path), "-q"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=300)

    assert completed.returncode == 0, completed.stderr
    db = sqlite_utils.Database(db_path)
    assert list(db.query("select path, message from ingest_errors")) == []
    counts = {row["path"]: row["n"] for row in db.query(
        "select d.path, count(m.id) as n from documents d left join mentions m on m.document_id = d.id group by d.path")}
    assert sorted(counts) == ["bao-cao.pdf", "trang.html", "van-ban.docx"]
    assert all(counts.values()), counts
    places = {row["normalized"] for row in db.query("select normalized from entities where type = 'LOC'")}
    assert places, "the gazetteer in rules/ was found"
    shipped = subprocess.run([str(venv / "bin" / "python"), "-c",
                              "from pipeline.paths import RULES_DIR; print(RULES_DIR)"],
                             cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    files = lambda root: sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert str(venv) in shipped and files(shipped) == files(REPOSITORY / "rules")

    answers = serve_answers(venv / "bin" / "extract", db_path, tmp_path,
                            ("/-/plugins.json", "/-/plan-vs-actual", "/-/document/1", "/-/vn-facts.css"))
    assert {path: status for path, (status, _) in answers.items()} == dict.fromkeys(answers, 200)
    plugins = {plugin["name"] for plugin in json.loads(answers["/-/plugins.json"][1])}
    assert {"vn-facts", "datasette-cluster-map", "datasette-leaflet"} <= plugins, plugins


LOADED_DISTRIBUTIONS = """
import importlib.metadata, json, sys
from pathlib import Path
from pipeline.ingest import read_document
from pipeline.extraction import extract_document
corpus = Path(sys.argv[1])
for path in sorted(corpus.iterdir()):
    extract_document(read_document(path, corpus))
owners = importlib.metadata.packages_distributions()
print(json.dumps(sorted({d for name in list(sys.modules) for d in owners.get(name.split(".")[0], [])})))
"""


# Libraries a dependency tries to import and goes on without (so a fresh install lacks them and works).
OPTIONAL_IMPORTS = {"pysocks": "requests tries urllib3.contrib.socks, for SOCKS proxies",
                    "psutil": "joblib's loky (underthesea needs joblib) uses it when installed, as the dask extra does"}


def distribution_key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def required_closure(root: str) -> set[str]:
    """Every distribution ``root`` needs installed, its requirements' requirements and so on
    (extras left out: a plain ``pip install`` does not bring them)."""
    import importlib.metadata

    needed, todo = set(), [root]
    while todo:
        name = distribution_key(todo.pop())
        if name in needed:
            continue
        needed.add(name)
        try:
            requirements = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r).group() for r in requirements if "extra ==" not in r]
    return needed


def test_every_library_the_readers_load_is_a_declared_dependency(tmp_path):
    """The fast half of the fresh-install test: a library that reading an HTML page, a DOCX and a
    PDF loads (``lxml_html_clean``, which lxml 6 no longer bundles) must be required by vn-facts,
    directly or through its dependencies, not just happen to be in this development venv."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "trang.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    make_docx(corpus / "van-ban.docx")
    (corpus / "bao-cao.pdf").write_bytes(make_pdf(PDF_PAGES))
    loaded = json.loads(subprocess.run([sys.executable, "-c", LOADED_DISTRIBUTIONS, str(corpus)], check=True,
                                       capture_output=True, text=True, timeout=300).stdout)
    assert {"lxml-html-clean", "trafilatura", "python-docx", "pdfplumber"} <= {distribution_key(d) for d in loaded}
    undeclared = {distribution_key(d) for d in loaded} - required_closure("vn-facts") - set(OPTIONAL_IMPORTS)
    assert not undeclared, f"loaded but not required by vn-facts (declare them in pyproject.toml): {sorted(undeclared)}"


# --- one article in every encoding, normal form and spelling a user may hand us -------------

ARTICLE = (
    "Sáng 12/3, Sở Tài chính tỉnh Thanh Hóa cho biết tổng thu ngân sách nhà nước trên địa bàn quý I "
    "ước đạt 9.350 tỷ đồng, tăng 14,2% so với cùng kỳ năm trước.\n"
    "Kim ngạch xuất khẩu của tỉnh đạt 1,25 tỷ USD; toàn tỉnh có 2.460 doanh nghiệp thành lập mới.\n"
    "Theo bà Lê Thị Thúy, phó giám đốc sở, nguồn thu từ khu kinh tế Nghi Sơn chiếm hơn 40% tổng thu "
    "và ủy ban nhân dân tỉnh giao tăng thêm 500 tỷ đồng.\n"
    "Cùng ngày, theo Thường trực Tỉnh ủy, tỉnh Hòa Bình đặt mục tiêu năm nay giá trị sản xuất nông, lâm nghiệp "
    "và thủy sản tăng 4,5%, đưa tỷ lệ đô thị hóa lên 30%.\n"
)
OLD_TONE_SPELLINGS = {"Hóa": "Hoá", "hóa": "hoá", "Hòa": "Hoà", "Thúy": "Thuý", "ủy": "uỷ", "thủy": "thuỷ"}


def in_old_tone_placement(text: str) -> str:
    """``hoá``, ``uỷ``, ``Thuý``: the tone on the second vowel, as legacy fonts' users often typed."""
    for modern, old in OLD_TONE_SPELLINGS.items():
        text = text.replace(modern, old)
    return text


OLD_TONE_ARTICLE = in_old_tone_placement(ARTICLE)


def legacy_bytes(text: str, encoding: str) -> bytes:
    """The bytes a legacy Vietnamese font would have saved ``text`` as (``rules/ingest/encodings.yml``
    read backwards: for each letter, the shortest bytes that decode to it)."""
    if encoding == "windows-1258":
        return windows_1258(text)
    singles = {legacy_encodings.convert(chr(b), encoding): bytes([b]) for b in range(0x80, 0x100)}
    bases = [chr(b) for b in range(0x41, 0x7B)] + [chr(b) for b in range(0x80, 0x100)]

    def code(char: str) -> bytes:
        if char.isascii():
            return char.encode()
        if char in singles:
            return singles[char]
        marks = sorted(range(0x80, 0x100), key=lambda m: (chr(m).islower() != char.islower(), m))
        for base in bases:
            for mark in marks:
                if legacy_encodings.convert(base + chr(mark), encoding) == char:
                    return base.encode("latin-1") + bytes([mark])
        raise ValueError(f"{char!r} has no {encoding} code")

    return b"".join(code(char) for char in unicodedata.normalize("NFC", text))


def with_invisible_characters(text: str) -> str:
    return text.replace("9.350", "9.\u200b350").replace("2.460", "2.4\u00ad60").replace("Thanh Hóa", "Thanh\u200c Hóa")


SAME_ARTICLE = {
    "utf-8": ARTICLE.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    "utf-16 le with BOM": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
    "utf-16 be with BOM": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    "utf-16 le without BOM": ARTICLE.encode("utf-16-le"),
    "utf-16 be without BOM": ARTICLE.encode("utf-16-be"),
    "NFD with CRLF": unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n").encode("utf-8"),
    "Windows-1258 bytes": legacy_bytes(ARTICLE, "windows-1258"),
    "VNI bytes": legacy_bytes(ARTICLE, "vni"),
    "TCVN3 bytes": legacy_bytes(ARTICLE, "tcvn3"),
    "VNI mojibake in UTF-8": legacy_bytes(ARTICLE, "vni").decode("latin-1").encode("utf-8"),
    "TCVN3 mojibake in UTF-8": legacy_bytes(ARTICLE, "tcvn3").decode("latin-1").encode("utf-8"),
    "Windows-1258 mojibake in UTF-8": legacy_bytes(ARTICLE, "windows-1258").decode("cp1252").encode("utf-8"),
    "zero-width characters and soft hyphens": with_invisible_characters(ARTICLE).encode("utf-8"),
    "old tone placement": OLD_TONE_ARTICLE.encode("utf-8"),
    "old tone placement, Windows-1258 bytes": legacy_bytes(OLD_TONE_ARTICLE, "windows-1258"),
    "old tone placement, VNI bytes": legacy_bytes(OLD_TONE_ARTICLE, "vni"),
    "old tone placement, TCVN3 bytes": legacy_bytes(OLD_TONE_ARTICLE, "tcvn3"),
    "old tone placement, TCVN3 mojibake in UTF-8": legacy_bytes(OLD_TONE_ARTICLE, "tcvn3").decode("latin-1").encode("utf-8"),
    "old tone placement, UTF-16 LE without BOM": OLD_TONE_ARTICLE.encode("utf-16-le"),
}


def variant_file(variant: str) -> str:
    return f"bai-{SAMPLE_ARTICLE_IDS[variant]:02}.txt"


SAMPLE_ARTICLE_IDS = {variant: n for n, variant in enumerate(SAME_ARTICLE)}


@pytest.fixture(scope="module")
def same_article_db(tmp_path_factory) -> Path:
    """Every variant a file of one corpus, extracted by ``extract_corpus`` (two worker processes)
    into one real SQLite file, as a user's mixed folder would be."""
    root = tmp_path_factory.mktemp("same-article")
    corpus = root / "corpus"
    corpus.mkdir()
    for variant, data in SAME_ARTICLE.items():
        (corpus / variant_file(variant)).write_bytes(data)
    report = extract_corpus(corpus, root / "out.db", jobs=2)
    assert report.errors == [] and len(report.extracted) == len(SAME_ARTICLE)
    return root / "out.db"


def stored_rows(db_path: Path, variant: str) -> dict[str, list[tuple]]:
    """One variant's stored text, figures and entities: the fields a user reads, facets and joins on."""
    db = sqlite_utils.Database(db_path)
    (document,) = db.query("select id, text from documents where path = ?", [variant_file(variant)])
    mentions = [tuple(row.values()) for row in db.query(
        "select start, end, type, value, value_max, unit, per, kind, indicator, indicator_key, place_normalized,"
        " period_start, period_end from mentions where document_id = ? order by start", [document["id"]])]
    entities = [tuple(row.values()) for row in db.query(
        "select start, end, type, normalized from entities where document_id = ? order by start, type",
        [document["id"]])]
    return {"text": document["text"], "mentions": mentions, "entities": entities}


@pytest.mark.parametrize("variant", SAME_ARTICLE)
def test_the_same_article_in_any_encoding_gives_the_same_figures_and_entities(same_article_db, variant):
    stored = stored_rows(same_article_db, variant)
    baseline = stored_rows(same_article_db, "utf-8")
    expected_text = OLD_TONE_ARTICLE if variant.startswith("old tone placement") else ARTICLE
    assert stored["text"] == expected_text  # stored as written, in one normal form
    assert stored["mentions"] == baseline["mentions"]
    assert stored["entities"] == baseline["entities"]
    figures = {(m[2], m[3], m[5], m[7]) for m in stored["mentions"]}
    assert {("money", 9350e9, "VND", "actual"), ("percent", 14.2, "%", "actual"), ("money", 1.25e9, "USD", "actual"),
            ("percent", 4.5, "%", "target")} <= figures
    names = {(e[2], e[3]) for e in stored["entities"]}
    assert {("ORG", "Sở Tài chính tỉnh Thanh Hóa"), ("PER", "Lê Thị Thúy"), ("ORG", "Thường trực Tỉnh ủy"),
            ("LOC", "Tỉnh Hòa Bình")} <= names
    places = {m[10] for m in stored["mentions"]}
    assert places == {"Thanh Hóa", "Hòa Bình"}  # as `places` names them, so both map


@pytest.mark.parametrize("query", ["Thanh Hóa", "Thanh Hoá", "thanh hoa", "thủy sản", "thuỷ sản", "Tỉnh uỷ"])
def test_search_finds_the_article_whichever_tone_mark_style_either_side_uses(same_article_db, query):
    db = sqlite_utils.Database(same_article_db)
    hits = [row["path"] for row in db.query(
        "select path from documents where rowid in (select rowid from documents_fts where documents_fts match ?)"
        " order by path", [f'"{query}"'])]
    assert hits == sorted(variant_file(variant) for variant in SAME_ARTICLE)


def test_a_number_split_by_a_zero_width_space_or_a_soft_hyphen_is_one_number(tmp_path):
    document = read(tmp_path, "so.txt", "Thu đạt 9.\u200b350 tỷ đồng và hỗ trợ 4\u00ad34 hộ.".encode("utf-8"))
    assert document.text == "Thu đạt 9.350 tỷ đồng và hỗ trợ 434 hộ."
    assert [(m.text, m.value) for m in extract_document(document).mentions] == [("9.350 tỷ đồng", 9350e9), ("434 hộ", 434)]


def test_a_foreign_text_with_accents_is_kept_as_written_not_taken_for_mojibake(tmp_path):
    text = "Les élèves ont reçu à Noël leur diplôme; Größe über Äpfel und Öl für Müller."
    assert read(tmp_path, "ngoai.txt", text.encode("utf-8")).text == text


def test_mojibake_pasted_into_a_unicode_document_is_mended_line_by_line(tmp_path):
    legacy_line = legacy_bytes("Kim ngạch xuất khẩu đạt 1,25 tỷ USD, tăng mạnh so với năm trước.", "vni").decode("latin-1")
    text = "Thu ngân sách đạt 9.350 tỷ đồng.\n" + legacy_line + "\nKhánh Hòa đón 2 triệu lượt khách."
    document = read(tmp_path, "tron.txt", text.encode("utf-8"))
    assert document.text.split("\n") == [
        "Thu ngân sách đạt 9.350 tỷ đồng.",
        "Kim ngạch xuất khẩu đạt 1,25 tỷ USD, tăng mạnh so với năm trước.",
        "Khánh Hòa đón 2 triệu lượt khách.",
    ]


def test_a_docx_typed_in_a_vni_font_is_read_as_vietnamese(tmp_path):
    document = docx.Document()
    document.add_paragraph(legacy_bytes("Tổng thu ngân sách ước đạt 9.350 tỷ đồng.", "vni").decode("latin-1"))
    document.add_paragraph(legacy_bytes("Kim ngạch xuất khẩu đạt 1,25 tỷ USD.", "vni").decode("latin-1"))
    document.save(tmp_path / "vni.docx")
    read_back = read_document(tmp_path / "vni.docx", tmp_path)
    assert read_back.text == "Tổng thu ngân sách ước đạt 9.350 tỷ đồng.\nKim ngạch xuất khẩu đạt 1,25 tỷ USD."


@pytest.mark.parametrize("example", rules.examples("ingest/encodings"), ids=lambda e: e["encoding"] + ":" + e["text"][:30])
def test_encoding_rule_examples(example):
    as_bytes = example["as_latin1"].encode("latin-1")
    assert legacy_encodings.convert(example["as_latin1"], example["encoding"]) == example["text"]
    assert legacy_encodings.decode_legacy(as_bytes).text == example["text"]
    assert legacy_encodings.repair_mojibake(example["as_latin1"]).text == example["text"]


@pytest.mark.parametrize("example", rules.examples("spelling"), ids=lambda e: str(e.get("word") or e["text"])[:40])
def test_spelling_rule_examples(example):
    if "word" in example:
        assert is_vietnamese_syllable(example["word"]) is example["syllable"]
    elif "modern" in example:
        assert modern_tone_placement(example["text"]) == example["modern"]
        assert len(modern_tone_placement(example["text"])) == len(example["text"])
    else:
        assert normal_form(example["text"]) == example["clean"]


def test_entity_names_normalise_alike_in_either_tone_mark_style():
    from pipeline.entities import resolve as entities

    old = entities.find_entities_in_text("Uỷ ban nhân dân tỉnh Thanh Hoá họp với ông Lê Văn Thuý.")
    new = entities.find_entities_in_text("Ủy ban nhân dân tỉnh Thanh Hóa họp với ông Lê Văn Thúy.")
    assert [(e.type, e.normalized) for e in old] == [(e.type, e.normalized) for e in new]
    assert all("oá" not in (e.normalized or "") and "uỷ" not in (e.normalized or "").lower() for e in old)


def test_a_font_glyph_in_a_letters_place_is_stored_as_the_letter(tmp_path):
    (tmp_path / "nghi-dinh.txt").write_text("Chính phủ ban hành Nghị định về dữ liệu số của cơ quan nhà nƣớc; Ƣu tiên.\n",
                                            encoding="utf-8")
    document = read_document(tmp_path / "nghi-dinh.txt", tmp_path)
    assert "ƣ" not in document.text and "Ƣ" not in document.text
    assert "nhà nước" in document.text and "Ưu tiên" in document.text


def test_a_text_layer_that_is_not_vietnamese_is_an_error_not_a_document(tmp_path):
    garbage = " ".join(["ceNG no.r xA Her cHU Ncni.l tlNH LAM DONG Sri: qd lrcm-uBNo"] * 20)
    (tmp_path / "scan.txt").write_text(garbage + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="does not read as Vietnamese"):
        read_document(tmp_path / "scan.txt", tmp_path)
    plain = " ".join(["Tong thu ngan sach nha nuoc tren dia ban tinh dat nghin ty dong"] * 20)
    (tmp_path / "khong-dau.txt").write_text(plain + "\n", encoding="utf-8")
    assert read_document(tmp_path / "khong-dau.txt", tmp_path).text  # Vietnamese typed without marks passes


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(["ngân", "sách", "tăng", "ƣớc", "qxz", "thu", "GRDP", "a", "12", "đạt",
                                       "ỘI", "C", "Ủ", "NG", "ĨA", "ĐỊN", "UNG", "ÒA", "ạnh", "h"]), max_size=60),
       separators=st.lists(st.sampled_from([" ", "  ", ", ", "\n", ".", "-", " \n "]), min_size=1, max_size=4),
       stretch=st.integers(min_value=1, max_value=40), limit=st.sampled_from([1, 3, 1 << 17]))
def test_the_word_census_taken_a_stretch_at_a_time_is_the_word_by_word_count(words, separators, stretch, limit):
    """The words are counted in stretches cut after a line break (memory stays small on a 50 MB
    file), each judged once and kept in sets (cleared when full): whatever the cut and however
    often the sets are cleared, the count and the share are those of judging every word in turn,
    and the cut words found are those of the text walked whole."""
    from pipeline.ingest import word_census

    text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
    found = re.findall(r"[^\W\d_]{2,}", text)
    expected = (sum(map(is_vietnamese_syllable, found)), len(found))
    whole = word_census.census(text, stretch=len(text) + 1)
    kept, word_census.JUDGED = word_census.JUDGED, word_census.Judged(limit)
    try:
        counted = word_census.census(text, stretch)
    finally:
        word_census.JUDGED = kept
    assert (counted.syllables, counted.words) == (whole.syllables, whole.words) == expected
    assert counted.syllable_share == (expected[0] / expected[1] if found else 1.0)
    assert counted.fragments == whole.fragments
