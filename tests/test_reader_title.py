"""The title a reader uses: the examples of rules/ingest/reader_title.yml through the real code, and the
title stored for a resolution whose first line is its letterhead."""
from __future__ import annotations

import pytest
import sqlite_utils

from pipeline import rules
from pipeline.ingest.reader_title import reader_title
from pipeline.run import extract_corpus


@pytest.mark.parametrize("example", rules.examples("ingest/reader_title"), ids=lambda e: e["title"][:40])
def test_rule_examples(example):
    assert reader_title(example["text"]) == example["title"]


def test_a_format_title_stands_unless_the_text_names_its_type():
    assert reader_title("Giá lúa tăng\nNội dung.", "Giá lúa tăng mạnh ở miền Tây") == "Giá lúa tăng mạnh ở miền Tây"
    assert reader_title("UBND TỈNH BẮC KẠN\nBÁO CÁO\nKết quả thu ngân sách quý I", "Microsoft Word - bc.docx") == (
        "Báo cáo kết quả thu ngân sách quý I")


def test_stored_title_is_the_subject_not_the_letterhead(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nq.txt").write_text(
        "HỘI ĐỒNG NHÂN DÂN TỈNH NAM ĐỊNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/NQ-HĐND\nNam Định, ngày 8 tháng 12 năm 2023\nNGHỊ QUYẾT\n"
        "Về kế hoạch phát triển kinh tế - xã hội năm 2024\nHỘI ĐỒNG NHÂN DÂN TỈNH NAM ĐỊNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\nTốc độ tăng trưởng GRDP đạt 8% trở lên.\n",
        encoding="utf-8")
    extract_corpus(corpus, tmp_path / "t.db", force=True)
    (row,) = sqlite_utils.Database(tmp_path / "t.db").query("select title, doc_type from documents")
    assert row == {"title": "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2024", "doc_type": "resolution"}
