"""Time whole commands side by side, in turns, and print medians, ratios and chars/second.

Each command is a whole process (start-up included), run ``--runs`` times after a warm-up, in
turns (A B C A B C …) so that a machine that speeds up or slows down during the call affects
every command alike; the first command's time divided by each other's is taken run by run
(below 1: the first command is faster). CPU seconds come from
the operating system's accounting of the finished child (``os.wait4``). Quote the medians: the
machines are shared and a single run is noise.

    python bench/compare.py --corpus DIR --command "extract=.venv/bin/extract ..." --command "wt=..."
"""
from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timings:
    name: str
    argv: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)


def run_once(argv: list[str]) -> tuple[float, float, float, int]:
    """(wall s, user+sys s, peak resident MiB, exit code) of one whole run."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty command cannot block
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            print(f"  ! {shlex.join(argv)} exited {code}: {errors.read().decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def corpus_characters(folder: Path) -> int:
    return sum(
        len(unicodedata.normalize("NFC", p.read_text(encoding="utf-8-sig")))
        for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"}
    )


def spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the folder the commands read (for chars/s)")
    parser.add_argument("--command", action="append", required=True, metavar="NAME=COMMAND",
                        help="a named command line; the first is the one the others are compared with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()

    commands = []
    for spec in args.command:
        name, _, line = spec.partition("=")
        commands.append(Timings(name, shlex.split(line)))
    characters = corpus_characters(args.corpus)
    documents = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    print(f"corpus: {documents} files, {characters:,} characters; {args.runs} runs each after {args.warmup} warm-up")
    for _ in range(args.warmup):
        for command in commands:
            run_once(command.argv)
    for run in range(args.runs):
        for command in commands:
            wall, cpu, peak, code = run_once(command.argv)
            command.wall.append(wall)
            command.cpu.append(cpu)
            command.peak_mib.append(peak)
            command.exit_codes.add(code)
    first = commands[0]
    print(f"{'command':<16}{'wall s':<24}{'cpu s':<24}{'peak MiB':>9}{'chars/s':>10}"
          f"   {first.name + ' ÷ this: wall':<24}{'cpu':<24}")
    for command in commands:
        wall_ratios = [a / b for a, b in zip(first.wall, command.wall)]
        cpu_ratios = [a / b for a, b in zip(first.cpu, command.cpu)]
        codes = "" if command.exit_codes == {0} else f"   exit codes {sorted(command.exit_codes)}"
        print(f"{command.name:<16}{spread(command.wall):<24}{spread(command.cpu):<24}"
              f"{statistics.median(command.peak_mib):>9.0f}{characters / statistics.median(command.wall):>10,.0f}"
              f"   {spread(wall_ratios, 3):<24}{spread(cpu_ratios, 3):<24}{codes}")
    print("figures: median (min–max); chars/s = corpus characters / median wall seconds; "
          "peak memory cannot read below this harness's own (about 15 MiB)")


if __name__ == "__main__":
    main()
