"""Score ``plan_vs_actual`` on real pairs of documents: how many of the indicators a person pairs
does the view pair, and how many of its rows are right.

A pairs folder holds one folder per pair (``<place-year>/``) with the two texts (any names, any
format ``extract`` reads) and ``pairs.tsv``, written by a person who read both: one line per
indicator with a target in one text and a result in the other, with the columns
``indicator_vi, indicator_en, target_text, target_value, target_value_max, result_text,
result_value, unit, met``. Each pair is extracted on its own into a fresh database; a view row is
right when its target and result values agree with one line's (within 0.5%, as the gold scorer
matches numbers). Recall counts the lines paired by some right row; precision counts the rows,
duplicates of a right row included, so a view that repeats itself is marked down.

Usage: .venv/bin/python scripts/score_pairs.py PAIRS_DIR [--show]
"""
from __future__ import annotations

import csv
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline.run import extract_corpus

TOLERANCE = 0.005


@dataclass(frozen=True)
class PairedIndicator:
    name: str
    target_value: float
    target_value_max: float | None
    result_value: float
    met: str


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-9)


def number(text: str) -> float | None:
    text = (text or "").strip().replace(",", ".")
    return float(text) if text else None


def read_pairs(path: Path) -> list[PairedIndicator]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [PairedIndicator(row["indicator_en"] or row["indicator_vi"], number(row["target_value"]),
                                number(row.get("target_value_max", "")), number(row["result_value"]),
                                (row.get("met") or "").strip().lower())
                for row in csv.DictReader(handle, delimiter="\t") if row.get("target_value")]


def row_matches(row: dict, line: PairedIndicator) -> bool:
    return close(row["target_value"], line.target_value) and close(row["actual_value"], line.result_value)


def score_pair(folder: Path, show: bool = False) -> tuple[int, int, int, int, int]:
    """(gold lines, lines paired, view rows, right rows, right `met`) for one pair folder."""
    lines = read_pairs(folder / "pairs.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for text in folder.iterdir():
            if text.is_file() and text.name not in ("pairs.tsv", "SOURCE.tsv", "README.md"):
                (corpus / text.name).write_bytes(text.read_bytes())
        db_path = Path(tmp) / "pairs.db"
        extract_corpus(corpus, db_path, force=True)
        rows = list(sqlite_utils.Database(db_path).query("select * from plan_vs_actual"))
    paired = [line for line in lines if any(row_matches(row, line) for row in rows)]
    right = [row for row in rows if any(row_matches(row, line) for line in lines)]
    met_right = sum(1 for row in right for line in lines
                    if row_matches(row, line) and str(row.get("met", "")).lower() == line.met)
    if show:
        for line in lines:
            print(f"  {'+' if line in paired else '-'} {line.name}: {line.target_value} → {line.result_value}")
        for row in rows:
            mark = "ok" if row in right else "WRONG"
            print(f"  [{mark}] {row.get('indicator_key')}: {row.get('target_text')!r} → {row.get('actual_text')!r}"
                  f" met={row.get('met')}")
    return len(lines), len(paired), len(rows), len(right), met_right


def main(argv: list[str]) -> None:
    pairs_dir = Path(argv[0])
    show = "--show" in argv
    totals = [0, 0, 0, 0, 0]
    for folder in sorted(p for p in pairs_dir.iterdir() if (p / "pairs.tsv").exists()):
        counts = score_pair(folder, show)
        totals = [t + c for t, c in zip(totals, counts)]
        gold, paired, rows, right, met = counts
        print(f"{folder.name}: paired {paired}/{gold} indicators; rows right {right}/{rows}; met right {met}/{right}")
    gold, paired, rows, right, met = totals
    print(f"ALL: recall {paired}/{gold} = {paired / max(gold, 1):.2f}; precision {right}/{rows} = "
          f"{right / max(rows, 1):.2f}; met right {met}/{max(right, 1)}")


if __name__ == "__main__":
    main(sys.argv[1:])
