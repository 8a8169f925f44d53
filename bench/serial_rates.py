"""The rates of the parts of a run that stay in the one main process, whatever the engine.

With ``--engine dask`` the stages spread over a cluster's cores, but reading the files (ingest:
read, hash, decode, normalise) and writing the rows (``store.save_extraction``, one SQLite
writer) stay here. Their rates, beside the stages' rate on one core, say how many cores the
main process can feed before it, and not the stages, is the bottleneck.

    python bench/serial_rates.py /tmp/vn-facts-bench-corpus

Prints documents/s and rows/s (documents, sentences, mentions, entities, tables) of each part.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pipeline import ingest
from pipeline import run, store
from pipeline.extraction import extract_document, warm_up
from pipeline.records import Document


def rows_of(extraction) -> int:
    return 1 + len(extraction.sentences) + len(extraction.mentions) + len(extraction.entities) + len(extraction.tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()

    files, _ = ingest.walk_corpus(args.corpus)
    started = time.perf_counter()
    documents = [d for d in ingest.read_documents(files, args.corpus) if isinstance(d, Document)]
    read_seconds = time.perf_counter() - started

    warm_up()
    started, cpu_started = time.perf_counter(), time.process_time()
    extractions = [extract_document(d) for d in documents]  # one core, this process
    stage_seconds = time.perf_counter() - started
    stage_cpu = time.process_time() - cpu_started
    rows = sum(rows_of(e) for e in extractions)

    write_seconds, write_cpu = write_all(extractions, grouped=True)
    single_seconds, single_cpu = write_all(extractions, grouped=False)

    n = len(documents)
    chars = sum(len(d.text) for d in documents)
    print(f"{n} documents, {chars} characters, {rows} rows ({rows / n:.0f} a document)")
    print(f"read (ingest, main process):  {n / read_seconds:8.0f} documents/s")
    print(f"stages on one core:           {n / stage_seconds:8.1f} documents/s "
          f"({stage_cpu / n * 1000:.0f} ms CPU a document)")
    print(f"write (SQLite, main process): {n / write_seconds:8.0f} documents/s, {rows / write_seconds:.0f} rows/s "
          f"({write_cpu / n * 1000:.1f} ms CPU a document; the rest is waiting for the disk)")
    print(f"cores the writer can feed:    {stage_seconds / write_seconds:8.1f} "
          f"(write rate / one core's stage rate)")
    print(f"the same writes one commit a document (before store.CommitGroups): "
          f"{n / single_seconds:.0f} documents/s ({single_cpu / n * 1000:.1f} ms CPU a document), "
          f"{stage_seconds / single_seconds:.1f} cores fed")


def write_all(extractions: list, grouped: bool) -> tuple[float, float]:
    """Wall and CPU seconds to save every extraction into a new database on the same disk as the
    system's temporary folder, as ``extract`` does (WAL, ``synchronous=NORMAL``, each document in
    its own savepoint, committed in groups: ``store.CommitGroups``), or one commit a document."""
    with tempfile.TemporaryDirectory() as folder:
        with run.open_database(Path(folder) / "writer.db") as db:
            version = run.pipeline_version()
            started, cpu_started = time.perf_counter(), time.process_time()
            with store.CommitGroups(db, most_documents=32 if grouped else 1) as commits:
                for extraction in extractions:
                    commits.before_document()
                    store.save_extraction(db, extraction, version)
                    commits.after_document()
            return time.perf_counter() - started, time.process_time() - cpu_started


if __name__ == "__main__":
    main()
