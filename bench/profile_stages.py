"""Where ``extract`` spends its time: cProfile over one whole run, summed by stage.

The benchmark says how fast; this says where to look. It profiles ``extract_corpus`` on a folder
(forced, into a throw-away database, in this one process: ``jobs=1``, since a worker's time is
invisible to the profiler) and prints the cumulative time of every function that the
run loop and ``extract_document`` call directly (the stages and the store, as ``run.py`` wires
them today, read from the profile rather than listed here), then the project's own functions by
cumulative time (where a stage's time goes inside it), then the functions with the most time of
their own. Profiling slows Python code down more than C code, so read shares, not
seconds.

    python bench/profile_stages.py /tmp/vn-facts-bench-corpus
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    path = Path(filename)
    try:
        path = path.relative_to(PROJECT_ROOT)
    except ValueError:
        if "site-packages" in path.parts:
            path = Path(*path.parts[path.parts.index("site-packages") + 1:])
    return f"{path}:{line} {name}" if line else name


def callees_of(stats: dict, function_name: str, module_suffix: str) -> list[tuple[tuple, float]]:
    """(function, cumulative seconds spent in it when called from the named function)."""
    found = []
    for key, (_, _, _, _, callers) in stats.items():
        for caller, timing in callers.items():
            if caller[2] == function_name and caller[0].endswith(module_suffix):
                found.append((key, timing[3]))
    return sorted(found, key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=15, help="how many self-time leaders to list")
    parser.add_argument("--cumulative", type=int, default=30, help="how many of our functions to list by cumulative time")
    args = parser.parse_args()

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as scratch:
        profiler.enable()
        from pipeline.run import extract_corpus  # the imports are part of what a run costs

        report = extract_corpus(args.folder, Path(scratch) / "profile.db", force=True, jobs=1)
        profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"{len(report.extracted)} documents extracted, {len(report.errors)} errors; "
          f"{total:.2f} s under the profiler")
    for caller, suffix in (("extract_corpus", "pipeline/run.py"), ("extract_document", "pipeline/extraction.py")):
        print(f"\ncalled from {caller}:")
        for key, seconds in callees_of(stats.stats, caller, suffix):
            if seconds >= 0.005 * total:
                print(f"  {seconds:8.2f} s {100 * seconds / total:5.1f}%  {label(key)}")
    underthesea = [(k, v[3]) for k, v in stats.stats.items() if k[2] == "<module>" and k[0].endswith("underthesea/__init__.py")]
    for key, seconds in underthesea:
        print(f"\nimporting underthesea: {seconds:.2f} s {100 * seconds / total:.1f}%")
    ours = [(k, v) for k, v in stats.stats.items() if str(PROJECT_ROOT / "pipeline") in k[0]]
    print(f"\nour functions by cumulative time (top {args.cumulative}):")
    for key, (_, calls, own, cumulative, _) in sorted(ours, key=lambda item: -item[1][3])[: args.cumulative]:
        print(f"  {cumulative:8.2f} s {100 * cumulative / total:5.1f}%  {calls:>9} calls  {label(key)}")
    print(f"\nmost time of their own (top {args.top}):")
    leaders = sorted(stats.stats.items(), key=lambda item: -item[1][2])[: args.top]
    for key, (_, calls, own, cumulative, _) in leaders:
        print(f"  {own:8.2f} s {100 * own / total:5.1f}%  {calls:>9} calls  {label(key)}")


if __name__ == "__main__":
    main()
