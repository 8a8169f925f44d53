"""Build the throughput benchmark corpus: the texts we have, copied under distinct names.

Throughput is measured on a corpus big enough that per-run start-up (imports, model loading)
does not hide the per-character cost, yet built from the same kind of text the tool meets: the
project's sample corpus, plus the team's dev and dev2 gold texts when ``../shared/gold`` is present. The
source files are copied as many times as it takes to reach ``--documents`` (``c001-<name>``, …),
so the corpus is the same size with or without the gold texts, and ``extract`` sees every copy as
its own document.

    python bench/make_corpus.py --out /tmp/bench-corpus --documents 216
"""
from __future__ import annotations

import argparse
import math
import shutil
import unicodedata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = PROJECT_ROOT.parent / "shared" / "gold"
DEFAULT_SOURCES = [PROJECT_ROOT / "corpus", GOLD_DIR / "dev" / "docs", GOLD_DIR / "dev2" / "docs"]
TEXT_SUFFIXES = {".txt", ".md"}


def source_files(folders: list[Path]) -> list[Path]:
    """Plain-text files of every source folder that exists, in a stable order."""
    files = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    return files


def build(out: Path, sources: list[Path], documents: int) -> tuple[int, int]:
    """Fill ``out`` (emptied first) with whole rounds of copies, at least ``documents`` files;
    return (documents, characters)."""
    files = source_files(sources)
    if not files:
        raise SystemExit(f"no .txt/.md files in any of: {', '.join(map(str, sources))}")
    copies = max(1, math.ceil(documents / len(files)))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    characters = 0
    for copy in range(1, copies + 1):
        for path in files:
            target = out / f"c{copy:03d}-{path.parent.name}-{path.name}"
            shutil.copyfile(path, target)
            characters += len(unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig")))
    return copies * len(files), characters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/vn-facts-bench-corpus"), help="folder to (re)create")
    parser.add_argument("--documents", type=int, default=216,
                        help="at least this many documents, in whole rounds of copies (default 216)")
    parser.add_argument("--source", type=Path, action="append",
                        help="a folder of .txt/.md texts (repeatable; default: corpus/ and the dev and dev2 gold texts)")
    args = parser.parse_args()
    documents, characters = build(args.out, args.source or DEFAULT_SOURCES, args.documents)
    print(f"{documents} documents, {characters} characters in {args.out}")


if __name__ == "__main__":
    main()
