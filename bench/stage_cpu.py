"""CPU seconds of the facts stages in one warm process, run after run: a change to one stage, measured.

A whole ``extract`` process on a loaded machine varies by more than a stage's share of it, and
the profiler slows Python down unevenly. This runs ``extract_corpus`` (``jobs=1``, forced, into a
throw-away database) ``--runs`` times in one process, after one run that compiles and caches the
rules, and adds up the CPU time (``time.process_time``) spent inside the facts stages as
``pipeline/run.py`` calls them (the frame of lines, the document's frame, the tables, the
annotation of the figures), and the whole run. It prints each run and the medians. Run it in
two checkouts in turns to compare them:

    (cd CHECKOUT && python bench/stage_cpu.py /tmp/vn-facts-bench-corpus --runs 5)
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the checkout this script sits in, whatever is installed in the environment
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES = {  # label → (module, function) as pipeline/run.py reaches them
    "facts.annotate": ("pipeline.facts.annotate", "annotate"),
    "facts.document_frame.read": ("pipeline.facts.document_frame", "read"),
    "facts.tables.find_tables": ("pipeline.facts.tables", "find_tables"),
    "facts.table_cells.read_cells": ("pipeline.facts.table_cells", "read_cells"),
    "facts.context.Frame": ("pipeline.facts.context", "Frame"),
}


def timed(spent: dict[str, float], label: str, function, depth: list[int] = [0]):  # noqa: B006 (shared on purpose)
    """``function``, its CPU time added to ``spent[label]`` when no other stage timed here is running
    (a stage called inside another, as annotate builds a piece's Frame, is counted once)."""
    def wrapper(*args, **kwargs):
        depth[0] += 1
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent[label] += time.process_time() - started
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import importlib

    from pipeline import run

    spent = dict.fromkeys(STAGES, 0.0)
    for label, (module_name, name) in STAGES.items():
        module = importlib.import_module(module_name)
        # run.py calls each stage through its module (`facts.annotate(…)`), so patching the module is enough
        setattr(module, name, timed(spent, label, getattr(module, name)))

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(args.runs + 1):  # the first run compiles the rules: not counted
            spent.update(dict.fromkeys(STAGES, 0.0))
            started = time.process_time()
            run.extract_corpus(args.folder, Path(scratch) / f"run{i}.db", force=True, jobs=1)
            row = {"whole run": time.process_time() - started, **spent}
            if i:
                rows.append(row)
            print(("warm-up " if not i else f"run {i}   ") + "  ".join(f"{k} {v:.2f}" for k, v in row.items()))
    print("median  " + "  ".join(f"{k} {statistics.median(r[k] for r in rows):.2f}" for k in rows[0]))
    facts = statistics.median(sum(v for k, v in r.items() if k != "whole run") for r in rows)
    print(f"facts stages together: {facts:.2f} s of {statistics.median(r['whole run'] for r in rows):.2f} s")


if __name__ == "__main__":
    main()
