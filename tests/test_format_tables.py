"""One annex of targets by province, written as a web page, a Word file and a ruled PDF (all made
here), gives the same table and one target per cell with its unit, indicator and place; and the
Lâm Đồng report in ``../shared/inputs`` gives the same figures as DOCX and as PDF.

The PDF is drawn as a word processor exports one: text placed at positions and the table's ruling
as stroked lines, so ``pdf_layout`` must find the cells from the ruling (a text extractor alone
reads `Lâm Đồng 8,0` across the row)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import docx
import pytest
import sqlite_utils

from pipeline.run import extract_corpus
from test_ingest import pdf_hex, pdf_of_streams

CAPTION = "Phụ lục: Chỉ tiêu tăng trưởng kinh tế của các tỉnh năm 2026"
HEADER = ["TT", "Tỉnh", "Tăng trưởng GRDP (%)"]
ROWS = [["1", "Lâm Đồng", "8,0"], ["2", "Khánh Hòa", "8,5"], ["3", "Đắk Lắk", "7,8"], ["4", "Gia Lai", "8,2"]]
EXPECTED = {("8,0", "Lâm Đồng"), ("8,5", "Khánh Hòa"), ("7,8", "Đắk Lắk"), ("8,2", "Gia Lai")}
HEADLINE = "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026"
INTRO = "Kèm theo Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026."


def write_html(path: Path) -> None:
    cells = lambda row, tag: "".join(f"<{tag}>{c}</{tag}>" for c in row)  # noqa: E731
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in ROWS)
    path.write_text(f"""<html><head><meta charset="utf-8"><title>{HEADLINE}</title></head><body><article>
<h1>{HEADLINE}</h1><p>{INTRO}</p><p><b>{CAPTION}</b></p>
<table><tr>{cells(HEADER, 'th')}</tr>{body}</table>
</article></body></html>""", encoding="utf-8")


def write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for i, row in enumerate([HEADER] + ROWS):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    document.save(path)


COLUMNS = [60, 100, 260, 450]  # x of each column rule


def ruled_table(top: float, rows: list[list[str]], row_height: float = 20) -> list[str]:
    """Operators drawing ``rows`` as a ruled table from ``top`` (PDF y, from the bottom) down."""
    ops = ["0.5 w"]
    bottom = top - row_height * len(rows)
    for k in range(len(rows) + 1):
        y = top - k * row_height
        ops.append(f"{COLUMNS[0]} {y} m {COLUMNS[-1]} {y} l S")
    for x in COLUMNS:
        ops.append(f"{x} {top} m {x} {bottom} l S")
    for k, row in enumerate(rows):
        y = top - (k + 1) * row_height + 6
        for x, text in zip(COLUMNS, row):
            ops.append(f"BT /F1 10 Tf {x + 4} {y} Td <{pdf_hex(text)}> Tj ET")
    return ops


def text_line(x: float, y: float, text: str, size: int = 11) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td <{pdf_hex(text)}> Tj ET"


def write_pdf(path: Path, pages_of_rows: list[list[list[str]]] | None = None) -> None:
    """The annex as a PDF; ``pages_of_rows`` splits the body over pages, the header repeated on each."""
    pages_of_rows = pages_of_rows or [ROWS]
    streams, chars = [], set(INTRO + CAPTION)
    for n, rows in enumerate(pages_of_rows):
        ops = [text_line(60, 780, INTRO), text_line(60, 760, CAPTION)] if n == 0 else []
        ops += ruled_table(740, [HEADER] + rows)
        chars |= {c for row in [HEADER] + rows for cell in row for c in cell}
        streams.append("\n".join(ops).encode())
    path.write_bytes(pdf_of_streams(streams, chars))


def extract(tmp_path: Path, name: str, write) -> sqlite_utils.Database:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / name)
    db_path = tmp_path / "out.db"
    extract_corpus(corpus, db_path, jobs=1)
    return sqlite_utils.Database(db_path)


@pytest.mark.parametrize("name,write", [("phu-luc.html", write_html), ("phu-luc.docx", write_docx), ("phu-luc.pdf", write_pdf)])
def test_an_annex_of_targets_by_province_gives_one_target_a_cell_with_unit_indicator_and_place(tmp_path, name, write):
    db = extract(tmp_path, name, write)
    assert not list(db.query("select * from ingest_errors"))
    cells = list(db.query("select text, type, value, unit, kind, indicator, place from mentions where rule like 'table.cell%'"))
    assert {(m["text"], m["place"]) for m in cells} == EXPECTED
    assert all(m["type"] == "percent" and m["unit"] == "%" and m["kind"] == "target" for m in cells)
    assert {m["indicator"] for m in cells} == {"Tăng trưởng GRDP"}
    assert sorted(m["value"] for m in cells) == [7.8, 8.0, 8.2, 8.5]
    table = next(db.query("select header, rows from tables"))
    assert json.loads(table["header"]) == HEADER
    assert json.loads(table["rows"]) == ROWS


def test_a_pdf_table_is_read_as_cells_never_glued_to_the_next_column(tmp_path):
    db = extract(tmp_path, "phu-luc.pdf", write_pdf)
    text = next(db.query("select text from documents"))["text"]
    assert "1 | Lâm Đồng | 8,0" in text.split("\n")
    assert text.split("\n")[:2] == [INTRO, CAPTION]  # the lines above the table come before it


def test_a_pdf_table_running_over_two_pages_with_its_header_repeated_is_one_table(tmp_path):
    db = extract(tmp_path, "phu-luc.pdf", lambda path: write_pdf(path, [ROWS[:2], ROWS[2:]]))
    tables = list(db.query("select header, rows, caption from tables"))
    assert len(tables) == 1
    assert json.loads(tables[0]["rows"]) == ROWS and tables[0]["caption"] == CAPTION
    places = {m["place"] for m in db.query("select place from mentions where rule like 'table.cell%' and kind = 'target'")}
    assert places == {place for _, place in EXPECTED}


# ---------------------------------------------------------------- the real report, as DOCX and PDF

INPUTS = Path(__file__).resolve().parent.parent.parent / "shared" / "inputs"
REPORT = "lamdong_bc_cchc_2025"


def compare_formats():
    script = Path(__file__).resolve().parent.parent / "scripts" / "compare_formats.py"
    spec = importlib.util.spec_from_file_location("compare_formats", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (INPUTS / f"{REPORT}.pdf").is_file(),
                    reason=f"the real inputs are not here ({INPUTS}): they live beside the repository, in ../shared/inputs")
def test_the_same_report_as_docx_and_pdf_gives_the_same_figures_with_table_cells_read_by_their_header():
    compare = compare_formats()
    word = compare.read_figures(INPUTS / f"{REPORT}.docx")
    pdf = compare.read_figures(INPUTS / f"{REPORT}.pdf")
    assert compare.multiset_jaccard(word.figures, pdf.figures) >= 0.95
    assert pdf.tables >= 5 and pdf.cell_figures >= 80
    assert pdf.cell_figures_with_header >= 0.9 * pdf.cell_figures


def test_the_values_printed_on_a_bar_chart_are_not_read_as_figures_of_the_text(tmp_path):
    sentence = "Chỉ số cải cách hành chính của tỉnh đạt 83,1%, tăng 2,4 điểm so với năm trước."
    ops = [text_line(60, 780, sentence), text_line(60, 750, "Biểu đồ: Chỉ số thành phần năm 2025")]
    for k, (value, height) in enumerate([("9,49", 95), ("9,38", 94), ("11,97", 120)]):
        x = 100 + 80 * k
        ops += [f"0.27 0.45 0.77 rg {x} 500 40 {height} re f 0 g", text_line(x + 8, 500 + height + 6, value, 9)]
    ops += [text_line(80, 500, "0", 9), text_line(80, 560, "5", 9), text_line(70, 620, "10", 9)]
    chars = set(sentence + "Biểu đồ: Chỉ số thành phần năm 2025" + "9,4938,11,97 0510")

    def write(path: Path) -> None:
        path.write_bytes(pdf_of_streams(["\n".join(ops).encode()], chars))

    db = extract(tmp_path, "bieu-do.pdf", write)
    text = next(db.query("select text from documents"))["text"]
    assert "9,49" not in text and "11,97" not in text
    assert sentence in text.split("\n")
    assert sorted(m["text"] for m in db.query("select text from mentions")) == ["2,4 điểm", "83,1%"]


def test_a_pdf_footnote_goes_after_the_text_and_its_mark_does_not_glue_to_a_word(tmp_path):
    first = ["Trong năm, tỉnh đã ban hành 36 nghị quyết quy phạm pháp luật", "và 137 quyết định; đã rà soát"]
    note = "Trước sáp nhập, tỉnh đã thông qua 08 nghị quyết."
    ops = [text_line(60, 780 - 20 * k, line, 13) for k, line in enumerate(first)]
    after_last_word = 60 + 13 * 0.5 * len(first[0])  # the font's glyphs are half an em wide
    ops.append(f"BT /F1 7 Tf {after_last_word} 786 Td <{pdf_hex('1')}> Tj ET")  # the mark, small and raised after `luật`
    ops += ["60 120 150 0.5 re f", text_line(60, 100, "1 " + note, 9), text_line(300, 40, "2", 11)]
    second = [text_line(60, 780, "734 văn bản của các cấp.", 13)]
    chars = set("".join(first) + "1 " + note + "2" + "734 văn bản của các cấp.")

    def write(path: Path) -> None:
        path.write_bytes(pdf_of_streams(["\n".join(ops).encode(), "\n".join(second).encode()], chars))

    db = extract(tmp_path, "chu-thich.pdf", write)
    lines = next(db.query("select text from documents"))["text"].split("\n")
    assert lines == [" ".join(first) + " 734 văn bản của các cấp.", "1 " + note]
