"""CPU seconds of the main process's own work: reading the files and saving the extractions.

In a run on several workers the main process reads every file (decode, normal form, the quality
gate, the broken-font check, the title) and saves every result; when it is busy, the workers
wait. This measures both apart from the stages, in one warm process, run after run:

- reading: ``ingest.read_documents`` over the corpus, with the quality gate and the broken-font
  check each timed inside it;
- saving: the corpus's extractions (extracted once, kept in ``--cache``) saved with
  ``store.save_extraction`` into a fresh database, then again over the same one (every document
  replaced), each document in its own transaction as a run saves it.

Run it in two checkouts in turns to compare them (same ``--cache``: the extractions are records,
the same in both):

    (cd CHECKOUT && python bench/io_cpu.py /tmp/vn-facts-bench-corpus --cache /tmp/extractions.pickle)
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the checkout this script sits in, whatever is installed in the environment
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(spent: dict[str, float], label: str, function):
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started
    return wrapper


def saving(extractions: list, db_path: Path, version: str) -> tuple[float, float]:
    """CPU seconds to save every extraction into a new database, then again over it (replacing)."""
    from pipeline import run, store

    with run.open_database(db_path) as db:
        started = time.process_time()
        for extraction in extractions:
            store.save_extraction(db, extraction, version)
        fresh = time.process_time() - started
        started = time.process_time()
        for extraction in extractions:
            store.save_extraction(db, extraction, version)
        return fresh, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, help="pickle of the corpus's extractions (made if missing)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reading-only", action="store_true", help="time the reading alone")
    args = parser.parse_args()
    if not args.reading_only and args.cache is None:
        parser.error("--cache is needed to time the saving")

    from pipeline import extraction, ingest, run, store
    from pipeline.ingest import corpus

    # the words' checks as corpus.py calls them: one walk (``census``) since issue 11's second pass
    checks = [name for name in ("census", "below_quality_gate", "broken_font_warning") if hasattr(corpus, name)]
    spent = dict.fromkeys(checks, 0.0)
    for name in checks:
        setattr(corpus, name, timed(spent, name, getattr(corpus, name)))
    files = corpus.corpus_files(args.folder)

    if args.reading_only:
        extractions, version = [], ""
    elif not args.cache.exists():
        documents = [d for d in ingest.read_documents(files, args.folder) if not hasattr(d, "message")]
        extractions = [extraction.extract_document(d) for d in documents]
        args.cache.write_bytes(pickle.dumps(extractions))
    if not args.reading_only:
        extractions = pickle.loads(args.cache.read_bytes())
        version = run.pipeline_version()

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(args.runs + 1):  # the first run loads the dictionary, compiles the rules: not counted
            spent.update(dict.fromkeys(spent, 0.0))
            started = time.process_time()
            read = sum(1 for _ in ingest.read_documents(files, args.folder))
            reading = time.process_time() - started
            fresh = replacing = 0.0
            if not args.reading_only:
                fresh, replacing = saving(extractions, Path(scratch) / f"run{i}.db", version)
            row = {"reading": reading, **spent, "save fresh": fresh, "save replacing": replacing}
            if i:
                rows.append(row)
            print(("warm-up " if not i else f"run {i}   ") + f"({read} files) "
                  + "  ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    print("median  " + "  ".join(f"{k} {statistics.median(r[k] for r in rows):.2f}" for k in rows[0]))


if __name__ == "__main__":
    main()
