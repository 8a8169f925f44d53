"""Scale benchmark: throughput, peak memory and re-run time on many files, and per-byte time on
one huge file and one long line, against the same texts as ordinary files.

    .venv/bin/python bench/scale.py --documents 1000 10000 --jobs 2
    .venv/bin/python bench/scale.py --big-mb 50 --line-mb 5 --jobs 2 --documents 1000

Corpora are built under ``--work`` from the dev and dev2 gold texts (``../shared/gold``; the
sample ``corpus/`` when they are absent): ``docs-N/`` holds the texts copied to N files,
``big/`` one file of about ``--big-mb`` MB (the texts again and again, paragraphs kept) and
``line/`` one file of about ``--line-mb`` MB with every line break made a space. Peak memory is
the largest sum of the resident memory of ``extract`` and all its workers, sampled from ``/proc``
every 50 ms. Figures are printed, never asserted: speed is measured here, not tested.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402  (beside this file)

GOLD = PROJECT_ROOT.parent / "shared" / "gold"
SOURCES = [GOLD / "dev" / "docs", GOLD / "dev2" / "docs"]
EXTRACT = PROJECT_ROOT / ".venv" / "bin" / "extract"
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as handle:
                rss[int(entry)] = int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run(corpus: Path, db: Path, jobs: int, force: bool) -> tuple[float, int, int, float]:
    """(wall seconds, peak MiB of the process tree, exit code, CPU seconds of the whole tree) of
    one ``extract`` run. The CPU seconds (``wait4``: the workers are reaped by extract, so theirs
    are counted) compare runs fairly on a shared machine, where wall time follows the load."""
    argv = [str(EXTRACT), "--corpus", str(corpus), "--db", str(db), "-q", "-j", str(jobs)] + (["--force"] if force else [])
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, peak // 2**20, process.returncode, usage.ru_utime + usage.ru_stime


def sources() -> list[Path]:
    return SOURCES if any(p.is_dir() for p in SOURCES) else [PROJECT_ROOT / "corpus"]


def texts() -> list[str]:
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8-sig")).replace("\r\n", "\n")
            for p in make_corpus.source_files(sources())]


def build_big(folder: Path, megabytes: float, one_line: bool) -> int:
    """One file of about ``megabytes`` MB made of the texts in turn; returns its bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    parts, size, pool = [], 0, texts()
    while size < megabytes * 1e6:
        for text in pool:
            text = " ".join(text.split()) if one_line else text.strip() + "\n\n"
            parts.append(text + (" " if one_line else ""))
            size += len(text.encode())
    (folder / ("line.txt" if one_line else "big.txt")).write_text("".join(parts), encoding="utf-8")
    return size


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def report(name: str, files: int, size: int, seconds: float, peak: int, code: int, cpu: float) -> tuple[float, float]:
    """Prints one run's line; returns its wall and CPU seconds a MB."""
    per_mb = seconds / (size / 1e6)
    print(f"{name:<28} {files:>6} files {size / 1e6:8.1f} MB {seconds:8.1f} s {files / seconds:7.1f} files/s "
          f"{size / 1e6 / seconds:6.3f} MB/s {per_mb:7.1f} s/MB  cpu {cpu / (size / 1e6):6.1f} s/MB  "
          f"peak {peak:5d} MiB  exit {code}", flush=True)
    return per_mb, cpu / (size / 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--big-mb", type=float, default=0, help="also time one file of this many MB (e.g. 50)")
    parser.add_argument("--line-mb", type=float, default=0, help="also time one line of this many MB (e.g. 5)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/vn-facts-scale"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    ordinary_per_mb = None
    for documents in args.documents:
        corpus = args.work / f"docs-{documents}"
        if not corpus.is_dir() or len(list(corpus.iterdir())) != documents:
            make_corpus.build(corpus, sources(), documents)
            for extra in sorted(corpus.iterdir())[documents:]:  # whole rounds overshoot: trim to N
                extra.unlink()
        db = args.work / f"docs-{documents}.db"
        db.unlink(missing_ok=True)
        size = corpus_bytes(corpus)
        per_mb, cpu_per_mb = report(f"{documents} files, -j {args.jobs}", documents, size, *run(corpus, db, args.jobs, False))
        ordinary_per_mb = ordinary_per_mb or (per_mb, cpu_per_mb)
        seconds, peak, code, _ = run(corpus, db, args.jobs, False)
        print(f"{'  re-run, unchanged':<28} {seconds:8.1f} s = {seconds / (per_mb * size / 1e6):.1%} of the full run, "
              f"peak {peak} MiB, exit {code}", flush=True)
    for name, megabytes, one_line in (("big", args.big_mb, False), ("line", args.line_mb, True)):
        if not megabytes:
            continue
        size = build_big(args.work / name, megabytes, one_line)
        db = args.work / f"{name}.db"
        db.unlink(missing_ok=True)
        per_mb, cpu_per_mb = report(f"one {'line' if one_line else 'file'} of {megabytes:g} MB, -j {args.jobs}", 1, size,
                                    *run(args.work / name, db, args.jobs, False))
        if ordinary_per_mb:
            print(f"{'  per-byte time':<28} {per_mb / ordinary_per_mb[0]:.2f}x that of ordinary files "
                  f"(CPU: {cpu_per_mb / ordinary_per_mb[1]:.2f}x)", flush=True)


if __name__ == "__main__":
    main()
