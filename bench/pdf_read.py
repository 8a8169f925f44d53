"""Seconds per page that ``ingest.pdf.read_pdf`` takes on each PDF of a folder (a scan counts too: it
is opened and refused). Run with another checkout on PYTHONPATH to time its reader beside ours.

Usage: .venv/bin/python bench/pdf_read.py FOLDER
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from pipeline import ingest
from pipeline.ingest.pdf import read_pdf


def main(folder: Path) -> None:
    total_seconds = total_pages = 0.0
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        started = time.perf_counter()
        try:
            read_pdf(data)
            outcome = "read"
        except ingest.UnreadableFile:
            outcome = "refused"
        seconds = time.perf_counter() - started
        total_seconds += seconds
        total_pages += pages
        print(f"{path.name}\t{pages} pages\t{seconds:.2f} s\t{seconds / pages:.3f} s/page\t{outcome}", flush=True)
    print(f"all\t{total_pages:.0f} pages\t{total_seconds:.2f} s\t{total_seconds / max(total_pages, 1):.3f} s/page")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
