"""Compare the figures ``extract`` finds in the same document saved in two formats (a report as
Word and as PDF): the figures as a multiset of (type, value, unit), and their multiset Jaccard
|A∩B| / |A∪B|. A reader that glues a table cell to the next column's words, or loses a table
that the other format keeps, shows here as figures on one side only.

Usage: .venv/bin/python scripts/compare_formats.py FIRST SECOND [--show N]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline import ingest
from pipeline.extraction import extract_document


@dataclass(frozen=True)
class FormatReading:
    """What one file gave: its figures as a multiset, its tables, and the table-cell figures."""

    path: Path
    figures: Counter
    tables: int
    cell_figures: int  # figures read from a table cell
    cell_figures_with_header: int  # of which carry an indicator and a unit


def figure_key(mention) -> tuple[str, float, str]:
    return mention.type, round(mention.value, 6), mention.unit


def read_figures(path: Path) -> FormatReading:
    document = ingest.read_document(path, path.parent)
    extraction = extract_document(document)
    cells = [m for m in extraction.mentions if (m.rule or "").startswith("table.cell")]
    return FormatReading(
        path=path,
        figures=Counter(figure_key(m) for m in extraction.mentions),
        tables=len(extraction.tables),
        cell_figures=len(cells),
        cell_figures_with_header=sum(1 for m in cells if m.indicator and m.unit),
    )


def multiset_jaccard(a: Counter, b: Counter) -> float:
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--show", type=int, default=0, help="list up to N figures found on one side only")
    args = parser.parse_args(argv)
    readings = []
    for path in (args.first, args.second):
        try:
            readings.append(read_figures(path))
        except ingest.UnreadableFile as err:
            print(f"{path}: {err}", file=sys.stderr)
            return 2
    first, second = readings
    for reading in readings:
        print(f"{reading.path.name}: {sum(reading.figures.values())} figures, {reading.tables} tables, "
              f"{reading.cell_figures} table-cell figures ({reading.cell_figures_with_header} with indicator and unit)")
    print(f"multiset Jaccard: {multiset_jaccard(first.figures, second.figures):.3f}")
    if args.show:
        for reading, other in ((first, second), (second, first)):
            only = reading.figures - other.figures
            print(f"only in {reading.path.name} ({sum(only.values())}):")
            for key, count in only.most_common(args.show):
                print(f"  {count} × {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
