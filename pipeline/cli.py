"""The ``extract`` command: a thin click layer over ``pipeline.run`` and friends.

``extract --corpus DIR --db FILE`` runs the pipeline; ``extract evaluate`` scores a database
against a gold file; further subcommands (``serve`` …) sit beside them. Nothing here that a
Python caller could not do by calling the library directly. The stages are imported when a
command runs, not when the module loads, so ``extract --help`` answers at once.
"""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from .paths import DEFAULT_DB

CORPUS_HELP = "Folder of articles to read (.txt, .md, .html, .docx, .pdf; every file under it, recursively)."
DB_HELP = "SQLite database to write; created if missing, kept in step with the corpus on re-runs."


def run_extraction(corpus: Path, db: Path, force: bool, quiet: bool, entity_finder=None, jobs: int | None = None,
                   prune: bool = False, engine: str = "local", scheduler: str | None = None) -> int:
    """Run the pipeline and print a summary; returns the exit status: 0 every file was read,
    1 some files failed, 2 the run itself failed (database in use or not a database, Ctrl-C,
    documents kept that seem gone)."""
    from . import run
    from .progress import RunDisplay

    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
    display = None
    try:
        with stage_engine(engine, scheduler, jobs) as runner:
            display = None if quiet else RunDisplay(corpus)
            report = run.extract_corpus(corpus, db, force=force, on_progress=display, entity_finder=entity_finder,
                                        jobs=jobs, prune=prune, engine=runner)
    except run.RunFailed as err:
        click.echo(f"error: {err}", err=True)
        return 2
    finally:
        if display is not None:
            display.close()
    for error in report.errors + report.warnings:
        if quiet:
            click.echo(f"{error.level}: {error.path}: {error.message}", err=True)
    if report.interrupted:
        click.echo(f"interrupted: {len(report.extracted)} documents finished and saved to {db}; "
                   "run again to do the rest", err=True)
        return 2
    click.echo(
        f"{len(report.extracted)} extracted, {len(report.skipped)} unchanged, "
        f"{len(report.removed)} removed, {len(report.errors)} failed; "
        f"{report.mentions} mentions and {report.entities} entities written to {db}",
        err=True,
    )
    if report.prune_refused:
        click.echo(f"not removed: {len(report.kept)} documents whose files were not found, as "
                   f"{report.prune_refused}; give --prune to remove them", err=True)
        return 2
    return 1 if report.errors else 0


def stage_engine(engine: str, scheduler: str | None, jobs: int | None):
    """Where the stages run: here (None: ``run`` uses its process pool) or on a Dask cluster."""
    if engine == "local":
        return contextlib.nullcontext()
    from .dask_engine import DaskEngine

    return DaskEngine(scheduler, local_workers=jobs)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True, help=CORPUS_HELP)
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--force", is_flag=True, help="Re-extract every file, even those unchanged since the last run.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the extraction stages (with --engine dask and no --scheduler: "
                   "the local cluster's workers).  [default: one a CPU]")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the stages run: worker processes on this machine, or a Dask distributed cluster "
                   "(pip install 'vn-facts[dask]'; the database is still written here, with the same rows). "
                   "Without --scheduler, dask starts a LocalCluster on this machine.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="The Dask scheduler to send documents to (e.g. tcp://10.0.0.5:8786), with --engine dask; "
                   "its workers must have the same vn-facts installed.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print only errors and the closing summary (no progress bar on a terminal, no line a file elsewhere).")
@click.option("--prune", is_flag=True,
              help="Remove the documents whose files are gone even when that is more than half of them, "
                   "or all (without it, such a run keeps them: a disk not mounted, a wrong folder).")
@click.pass_context
def main(ctx: click.Context, corpus: Path, db: Path, force: bool, jobs: int | None, engine: str,
         scheduler: str | None, quiet: bool, prune: bool) -> None:
    """Extract figures, entities and facts from Vietnamese texts into SQLite.

    With no subcommand, reads every file under --corpus and writes --db: documents, sentences,
    mentions (money, percent, quantity), entities and facts. Unchanged files are skipped,
    changed files replaced and deleted files removed, so re-running is safe. A file that
    cannot be read is reported (and listed in the ingest_errors table); the others go on.
    Exit status: 0 every file read, 1 some files failed, 2 the run itself failed.
    """
    if ctx.invoked_subcommand is not None:
        return
    if scheduler and engine != "dask":
        raise click.BadParameter("a scheduler is for --engine dask", param_hint="--scheduler")
    ctx.exit(run_extraction(corpus, db, force, quiet, jobs=jobs, prune=prune, engine=engine, scheduler=scheduler))


@main.command()
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Gold annotations, one JSON document per line (see shared/gold/README.md).")
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Texts the gold file annotates; extracted into --db first. Default: docs/ beside the gold file.")
@click.option("--db", type=click.Path(path_type=Path), default=Path("out") / "evaluate.db", show_default=True,
              help="Database to score (brought in step with --corpus first).")
@click.option("--show-errors", type=int, default=0, metavar="N", help="Also list the first N misses and spurious items.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--entities", "entity_stage", type=click.Choice(["rules", "underthesea"]), default="rules",
              show_default=True,
              help="Entity stage to score: ours, or underthesea's ner() alone as a baseline (slow; its rows go "
                   "to a separate database, --db with '-underthesea' added to its name).")
def evaluate(gold: Path, corpus: Path | None, db: Path, show_errors: int, as_json: bool, entity_stage: str) -> None:
    """Score a database against gold annotations: P/R/F1 by type, kind and indicator agreement."""
    from . import evaluate as scoring, ner_baseline

    corpus = corpus or gold.parent / "docs"
    entity_finder = None
    if entity_stage == "underthesea":
        entity_finder = ner_baseline.find_entities
        db = db.with_name(f"{db.stem}-underthesea{db.suffix}")
    if corpus.is_dir():
        # The database is the gold set's working copy: it follows the gold's texts wholly.
        if run_extraction(corpus, db, force=False, quiet=True, entity_finder=entity_finder, prune=True) == 2:
            raise click.exceptions.Exit(2)
    elif not db.exists():
        raise click.BadParameter(f"neither {corpus} nor {db} exists", param_hint="--corpus")
    scores = scoring.score(gold, db)
    if as_json:
        click.echo(json.dumps(scores.as_dict(), ensure_ascii=False))
    else:
        click.echo(scoring.format_report(scores, show_errors))


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="Database to browse (opened read-only).")
@click.option("--port", type=int, default=8001, show_default=True, help="Port on 127.0.0.1 to listen on.")
def serve(db: Path, port: int) -> None:
    """Browse a database in Datasette: metadata, canned queries, documents with highlighted spans."""
    if not db.is_file():
        raise click.BadParameter(f"{db} does not exist; run `extract --db {db}` first", param_hint="--db")
    from . import serve as serving

    serving.serve(db, port=port)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
