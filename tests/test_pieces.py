"""Long documents read in pieces, and the streaming of a run: offsets, order and ids.

Speed is not tested here (see bench/scale.py); these tests check that cutting a text and
streaming files change nothing a user can see but the time it takes.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from pipeline import extraction, ingest, pieces, rules, run, store, streaming
from pipeline.facts import document_frame
from pipeline.records import Document, IngestError

PROJECT = Path(__file__).resolve().parent.parent

# Our own writing, in the style of a provincial report: paragraphs with figures, places and dates.
PARAGRAPHS = [
    "Năm 2024, tổng thu ngân sách nhà nước trên địa bàn tỉnh Hà Giang ước đạt 3.450 tỷ đồng, "
    "tăng 8,2% so với cùng kỳ. Chi thường xuyên đạt 2.100 tỷ đồng, bằng 97% dự toán.",
    "Phấn đấu đến năm 2025, tỷ lệ hộ nghèo giảm còn 12%; thu nhập bình quân đầu người đạt 45 triệu đồng.",
    "Ngày 15/3/2024, UBND tỉnh Lào Cai tổ chức hội nghị với 250 đại biểu tham dự.",
    "Sản lượng lúa cả năm đạt 320 nghìn tấn, giảm 1,5% so với năm trước",
]


def long_text(repeats: int, one_line: bool = False) -> str:
    body = [p for _ in range(repeats) for p in PARAGRAPHS]
    return " ".join(body) if one_line else "\n\n".join(body) + "\n"


@pytest.mark.parametrize("example", rules.examples("pieces"), ids=lambda e: e["text"][:30])
def test_rule_file_examples(example):
    text = example["text"]
    assert [text[p.start:p.end] for p in pieces.cut(text, example["limit"])] == example["pieces"]


@pytest.mark.parametrize("one_line", [False, True])
def test_pieces_cover_the_text_end_to_end_within_the_limit(one_line):
    text = long_text(20, one_line)
    piece_list = pieces.cut(text, 700)
    assert len(piece_list) > 5
    assert piece_list[0].start == 0 and piece_list[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(piece_list, piece_list[1:]))
    assert all(0 < p.end - p.start <= 700 for p in piece_list)
    assert "".join(text[p.start:p.end] for p in piece_list) == text
    if not one_line:  # paragraphs are never cut
        assert all(text[p.start:p.end].endswith("\n") or p.end == len(text) for p in piece_list)


def test_a_document_within_whole_chars_is_one_piece():
    text = long_text(3)
    assert pieces.cut(text) == [pieces.Piece(0, len(text))]


def test_a_line_without_spaces_is_still_cut():
    assert [p.end - p.start for p in pieces.cut("x" * 25, 10)] == [10, 10, 5]


def spans_of(records) -> list[tuple]:
    return [(r.start, r.end, r.text, r.type) for r in records]


@pytest.mark.parametrize("one_line", [False, True])
def test_a_document_in_pieces_gives_what_its_pieces_give_at_whole_text_offsets(one_line):
    text = long_text(6, one_line)
    document = Document(path="dai.txt", text=text, sha256="x", format="txt")
    piece_list = pieces.cut(text, 600)
    assert len(piece_list) > 3
    joined = extraction.extract_in_pieces(document, piece_list)
    expected_mentions, expected_entities, sentence_count = [], [], 0
    for piece in piece_list:
        alone = extraction.extract_document(Document(path="p.txt", text=text[piece.start:piece.end], sha256="", format="txt"))
        expected_mentions += [(m.start + piece.start, m.end + piece.start, m.text, m.type) for m in alone.mentions]
        expected_entities += [(e.start + piece.start, e.end + piece.start, e.text, e.type) for e in alone.entities]
        sentence_count += len(alone.sentences)
    assert spans_of(joined.mentions) == expected_mentions
    assert spans_of(joined.entities) == expected_entities
    assert len(joined.sentences) == sentence_count
    assert [s.index for s in joined.sentences] == list(range(sentence_count))
    for record in [*joined.sentences, *joined.mentions, *joined.entities]:
        assert text[record.start:record.end] == record.text
    for record in [*joined.mentions, *joined.entities]:
        sentence = joined.sentences[record.sentence_index]
        assert sentence.start <= record.start < sentence.end
    found = [extraction.find_spans(extraction.piece_text(document, p), p) for p in piece_list]
    # the frame read from what the pieces keep for it is the one read from all their records
    assert joined.frame == document_frame.read(document, [m for f in found for m in extraction.shifted(f.mentions, f.piece.start)],
                                               [e for f in found for e in extraction.shifted(f.entities, f.piece.start)])
    assert {m.place_normalized for m in joined.mentions} - {None}  # facts were read in every piece


def test_streaming_reads_no_further_ahead_than_its_window():
    pulled: list[int] = []

    def items():
        for i in range(12):
            pulled.append(i)
            yield Document(path=f"{i:02d}.txt", text=PARAGRAPHS[i % len(PARAGRAPHS)], sha256="", format="txt")
        yield IngestError("broken.txt", "unreadable")

    out = []
    for result in streaming.extract_in_order(items(), streaming.InProcess(), extraction.STEPS, most_documents=2):
        out.append(result)
        assert len(pulled) <= len(out) + 2  # at most the window beyond what is handed back
    assert [getattr(r, "document", r).path for r in out] == [f"{i:02d}.txt" for i in range(12)] + ["broken.txt"]


def table_rows(db: Path) -> dict[str, list[dict]]:
    database = sqlite_utils.Database(db)
    skip = {"extracted_at", "seen_at"}
    return {name: [{k: v for k, v in row.items() if k not in skip} for row in database.query(f"select * from [{name}] order by rowid")]
            for name in ("documents", "sentences", "mentions", "entities", "tables")}


def test_a_run_writes_the_same_rows_and_ids_whatever_the_workers(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT / "corpus", corpus)
    (corpus / "zz-bao-cao-dai.txt").write_text(long_text(15), encoding="utf-8")
    (corpus / "aa-mot-dong.txt").write_text(long_text(10, one_line=True), encoding="utf-8")
    whole, _, sentence_end = pieces.settings()
    monkeypatch.setattr(pieces, "settings", lambda: (3000, 1000, sentence_end))  # long files, small pieces
    assert len(pieces.cut(long_text(15))) > 5
    by_jobs = {}
    for jobs in (1, 2):
        report = run.extract_corpus(corpus, tmp_path / f"j{jobs}.db", jobs=jobs)
        assert not report.errors and len(report.extracted) == 7
        by_jobs[jobs] = table_rows(tmp_path / f"j{jobs}.db")
    assert by_jobs[1] == by_jobs[2]
    paths = [row["path"] for row in by_jobs[1]["documents"]]
    assert paths == sorted(paths)  # ids in corpus order
    assert [row["id"] for row in by_jobs[1]["documents"]] == list(range(1, 8))
    rerun = run.extract_corpus(corpus, tmp_path / "j2.db", jobs=2)
    assert len(rerun.skipped) == 7 and not rerun.extracted
    assert table_rows(tmp_path / "j2.db") == by_jobs[2]


def dies_on_a_marked_text(document, sentence_list):
    """An entity stage that kills its worker process on one text, as the kernel's out-of-memory
    killer would; elsewhere it finds nothing."""
    if "WORKER-DIES-HERE" in document.text:
        os._exit(9)
    return []


def test_a_worker_that_dies_costs_the_documents_in_flight_not_the_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a00.txt").write_text("WORKER-DIES-HERE " + PARAGRAPHS[0], encoding="utf-8")
    for number in range(1, 31):
        (corpus / f"a{number:02d}.txt").write_text(f"{PARAGRAPHS[number % 4]} ({number})", encoding="utf-8")
    report = run.extract_corpus(corpus, tmp_path / "run.db", jobs=2, entity_finder=dies_on_a_marked_text)
    failed = {error.path: error.message for error in report.errors}
    assert "worker process died" in failed["a00.txt"]
    assert len(failed) <= 1 + run.IN_FLIGHT_PER_WORKER * 2  # those in flight with it, at most
    assert set(failed) | set(report.extracted) == {f"a{number:02d}.txt" for number in range(31)}
    assert "a30.txt" in report.extracted  # fresh workers took over
    rows = sqlite_utils.Database(tmp_path / "run.db")
    assert rows["documents"].count == len(report.extracted)
    assert rows["ingest_errors"].count == len(failed)


# A paragraph of our own in which the kind handed on changes: a plan governs, a result ends it,
# a bracket holds a cue that governs nothing outside it.
ONE_PARAGRAPH = (
    "Phấn đấu đến năm 2025, tỷ lệ che phủ rừng đạt 60%. Thu nhập bình quân tăng 8%. "
    "Năm 2024, tổng thu ngân sách ước đạt 3.450 tỷ đồng. Chi đầu tư phát triển tăng 5% "
    "(phấn đấu giữ mức của năm trước). Mục tiêu đến năm 2030, có 70% số xã đạt chuẩn nông thôn mới; "
    "tỷ lệ hộ nghèo giảm còn 3%. Sản lượng thủy sản đạt 41 nghìn tấn. "
)


def test_a_paragraph_asked_figure_after_figure_answers_as_each_beginning_alone():
    from pipeline.facts import cues

    text = ONE_PARAGRAPH * 3
    ends = [i + 1 for i, c in enumerate(text) if c == " " and text[i - 1] in ".;"]
    for whole_paragraph in (False, True):
        cues.paragraph_kind.cache_clear()
        in_turn = [cues.paragraph_kind(text[:end], whole_paragraph) for end in ends]
        alone = []
        for end in ends:
            cues.paragraph_kind.cache_clear()
            cues.LAST_ASKED.clear()
            alone.append(cues.paragraph_kind(text[:end], whole_paragraph))
        assert in_turn == alone
        assert len(set(alone)) > 1  # the kind handed on really changes along the paragraph


HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 215/BC-UBND\nHà Giang, ngày 10 tháng 12 năm 2024\n\nBÁO CÁO\n"
          "Tình hình kinh tế - xã hội năm 2024\n\n")


def test_a_long_document_saved_piece_by_piece_has_the_rows_of_its_whole_extraction(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bao-cao.txt").write_text(HEADER + long_text(15), encoding="utf-8")
    (corpus / "mot-dong.txt").write_text(long_text(8, one_line=True), encoding="utf-8")
    (corpus / "tin-ngan.txt").write_text(PARAGRAPHS[2], encoding="utf-8")
    whole, _, sentence_end = pieces.settings()
    monkeypatch.setattr(pieces, "settings", lambda: (3000, 1000, sentence_end))
    assert len(pieces.cut(HEADER + long_text(15))) > 5
    report = run.extract_corpus(corpus, tmp_path / "run.db", jobs=2)
    assert not report.errors and len(report.extracted) == 3
    # the same documents, each extracted whole in one call and saved in one call
    at_once = sqlite_utils.Database(tmp_path / "at-once.db")
    store.ensure_db_shape(at_once)
    for path in sorted(corpus.iterdir()):
        for document in ingest.read_documents([path], corpus):
            store.save_extraction(at_once, extraction.extract_document(document), run.pipeline_version())
    saved = table_rows(tmp_path / "run.db")
    assert saved == table_rows(tmp_path / "at-once.db")
    assert report.mentions == len(saved["mentions"]) and report.entities == len(saved["entities"])
    report_row = saved["documents"][0]
    assert (report_row["doc_type"], report_row["reported_on"]) == ("report", "2024-12-10")  # its header, read once


class Deferred:
    """A runner that does each step only when its result is asked for, counting the steps sent
    and not yet asked for, as a pool holds them."""

    def __init__(self):
        self.waiting = 0
        self.most_waiting = 0

    def submit(self, fn, *args):
        self.waiting += 1
        self.most_waiting = max(self.most_waiting, self.waiting)
        runner = self

        class Step:
            done = False

            def ready(self):
                return False

            def result(self):
                if not self.done:
                    self.done, self.value = True, fn(*args)
                    runner.waiting -= 1
                return self.value

        return Step()


def test_a_long_documents_pieces_are_sent_a_few_at_a_time_and_its_rows_come_in_order():
    text = long_text(12)
    document = Document(path="dai.txt", text=text, sha256="", format="txt")
    runner = Deferred()
    steps = extraction.STEPS
    piece_list = pieces.cut(text, 500)
    job = streaming.PiecesJob(document, piece_list, runner, steps, most_pieces=3)
    result = job.result()
    rows = list(result.parts)
    assert len(piece_list) > 10 and len(rows) == len(piece_list)
    assert runner.most_waiting == 3
    expected = extraction.extract_in_pieces(document, piece_list)
    assert [m for part in rows for m in part.mentions] == expected.mentions
    assert [s for part in rows for s in part.sentences] == expected.sentences
    assert result.frame == expected.frame
