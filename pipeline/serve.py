"""``extract serve``: Datasette on one database, read-only, with the project's metadata and plugin.

The metadata lives as data in ``pipeline/datasette/metadata.yml`` under a placeholder database
name; ``metadata_for`` renames it to the served file's name, because Datasette keys metadata by
database name and users call their files what they like (``out/dev.db`` is served as ``dev``).
The file is opened read-only but not immutable: Datasette opens it with ``mode=ro``, so browsing
can never change it, and it reads the file afresh on each request, so what a running ``extract``
commits (one document a transaction) shows on the next page load, without a restart. The
plugin (``datasette/plugin.py``) is found by Datasette itself, through the package's ``datasette``
entry point (``pyproject.toml``), so nothing here imports it.
"""
from __future__ import annotations

import asyncio
import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

METADATA_FILE = Path(__file__).resolve().parent / "datasette" / "metadata.yml"
PLACEHOLDER_DATABASE = "extract"
HOST = "127.0.0.1"  # loopback only: the data are the user's, not the network's
DEFAULT_PORT = 8001
DATASETTE_ERROR_HANDLER = "datasette.handle_exception"  # the default plugin that prints tracebacks
SETTINGS = {
    "truncate_cells_html": 300,  # a document's whole text in a table cell helps nobody
    "default_page_size": 50,
    # A desk on the analyst's own machine, not a public server: the canned queries fold accents
    # in Python over every figure, which on a corpus of thousands of reports takes seconds, and
    # Datasette's one-second default would cut them off (a loaded machine hits it even on a few).
    "sql_time_limit_ms": 15_000,
    "default_facet_size": 10,  # six facets of thirty values each push the rows off the screen
}


@lru_cache(maxsize=1)
def base_metadata() -> dict[str, Any]:
    with open(METADATA_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def database_name(db_path: Path) -> str:
    """The name Datasette gives a database file: its stem (``out/extract.db`` → ``extract``)."""
    return Path(db_path).stem


def metadata_for(db_path: Path) -> dict[str, Any]:
    """The project's metadata with its database section keyed by the served file's name."""
    metadata = copy.deepcopy(base_metadata())
    databases = metadata.get("databases", {})
    section = databases.pop(PLACEHOLDER_DATABASE, {})
    databases[database_name(db_path)] = section
    metadata["databases"] = databases
    return metadata


def build_datasette(db_path: Path):
    """A ready Datasette instance over ``db_path`` (read-only, live), for serving or for tests."""
    from datasette.app import Datasette

    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no such database; run `extract --db {db_path}` first")
    quiet_errors()
    return Datasette(files=[str(db_path)], metadata=metadata_for(db_path), settings=SETTINGS)


def quiet_errors() -> None:
    """Let the project's ``handle_exception`` answer errors alone (Datasette calls every handler,
    and its default one dumps a traceback with locals for each 404)."""
    from datasette.plugins import pm

    default = pm.get_plugin(DATASETTE_ERROR_HANDLER)
    if default is not None:
        pm.unregister(default)


def serve(db_path: Path, port: int = DEFAULT_PORT, host: str = HOST) -> None:
    """Serve ``db_path`` until interrupted."""
    import uvicorn

    datasette = build_datasette(db_path)
    asyncio.run(datasette.invoke_startup())
    print(f"Serving {db_path} on http://{host}:{port}/  (read-only; Ctrl+C to stop)", flush=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
