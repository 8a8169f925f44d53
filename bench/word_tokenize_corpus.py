"""The yardstick: one of underthesea's own functions over every text of a folder, as one process.

``extract`` is timed as a whole process (imports, rule loading, SQLite writes included), so the
yardstick is too: this script imports underthesea, reads each ``.txt``/``.md`` file the way
ingest does (UTF-8, NFC) and calls the function on the whole text, discarding the result.

    python bench/word_tokenize_corpus.py /tmp/vn-facts-bench-corpus
    python bench/word_tokenize_corpus.py --function sent_tokenize /tmp/vn-facts-bench-corpus
"""
from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

FUNCTIONS = ("word_tokenize", "sent_tokenize")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--function", choices=FUNCTIONS, default="word_tokenize")
    args = parser.parse_args()

    import underthesea  # imported here, after argument parsing, but inside the timed process

    function = getattr(underthesea, args.function)
    paths = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"})
    if not paths:
        raise SystemExit(f"no .txt/.md files under {args.folder}")
    started = time.perf_counter()
    characters = 0
    for path in paths:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
        characters += len(text)
        function(text)
    seconds = time.perf_counter() - started
    print(f"{args.function}: {len(paths)} documents, {characters} characters, "
          f"{seconds:.2f} s in the loop ({characters / seconds:,.0f} chars/s without start-up)")


if __name__ == "__main__":
    main()
