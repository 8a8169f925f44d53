"""What a run shows while it goes: a progress bar on a terminal, plain lines otherwise.

``extract_corpus`` reports each step as ``(status, message)``: ``found`` (how many files),
then ``skipped``, ``extracted`` or ``error`` for each file. On a terminal that becomes one bar
(files done / total, MB/s, errors so far, with each error printed above it); in a log or a pipe,
one line a step, which reads well afterwards and never fills a file with bar redraws.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

DONE = {"skipped", "extracted", "error"}


def plain_line(status: str, message: str, stream: TextIO | None = None) -> None:
    print(f"{status:>9}  {message}", file=stream or sys.stderr)


class RunDisplay:
    """The ``on_progress`` of a run: call it with each step, ``close`` it at the end."""

    def __init__(self, corpus_dir: Path, stream: TextIO | None = None, bar: bool | None = None):
        self.corpus_dir = Path(corpus_dir)
        self.stream = stream or sys.stderr
        self.use_bar = self.stream.isatty() if bar is None else bar
        self.bar = None
        self.errors = 0
        self.bytes_done = 0
        self.started = time.monotonic()

    def __call__(self, status: str, message: str) -> None:
        if not self.use_bar:
            plain_line(status, message, self.stream)
            return
        if status == "found":
            self.open_bar(int(message.split()[0]))
            return
        if status == "error":
            self.errors += 1
            self.write(f"    error  {message}")
        if status == "warning":
            self.write(f"  warning  {message}")
        if status in DONE and self.bar is not None:
            self.bytes_done += self.size_of(message)
            self.bar.update(1)
            self.bar.set_postfix_str(self.postfix(), refresh=False)

    def open_bar(self, total: int) -> None:
        from tqdm import tqdm

        # Size read once, 80×24 when the terminal does not say (tqdm hides a bar on a 0-line screen).
        columns, lines = terminal_size(self.stream)
        self.bar = tqdm(total=total, unit="file", file=self.stream, ncols=columns or 80, nrows=lines or 24, leave=True,
                        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} files [{elapsed}<{remaining}{postfix}]")
        self.started = time.monotonic()

    def postfix(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-6)
        return f"{self.bytes_done / seconds / 1e6:.2f} MB/s, {self.errors} errors"

    def size_of(self, message: str) -> int:
        path = message.split(": ", 1)[0]
        try:
            return (self.corpus_dir / path).stat().st_size
        except (OSError, ValueError):
            return 0

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def terminal_size(stream: TextIO) -> tuple[int, int]:
    try:
        return tuple(os.get_terminal_size(stream.fileno()))
    except (OSError, ValueError, AttributeError):
        return 0, 0
