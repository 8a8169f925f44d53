"""Datasette hooks: a page per document with its spans highlighted, and cells that read well.

Registered as the ``vn_facts`` entry point (``[project.entry-points.datasette]``) and by
``pipeline.serve``. The plugin brings its own template and stylesheet (read from this folder and
served by its own routes), so it works under a plain ``datasette`` command as well.

- ``/-/document/<id>`` shows the text with every mention and entity marked (a colour per type,
  the normalised value on hover), followed by tables of both; ``#m<id>`` / ``#e<id>`` jump to one.
- ``render_cell`` links ``id``, ``document_id`` and ``text`` cells of mentions and entities to
  that page and shows amounts as Vietnamese readers write them (``54.000 tỷ đồng``); the SQL
  function ``humanize_amount(value, unit)`` does the same in queries and exports.
"""
from __future__ import annotations

import json
import sys
import traceback
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from pipeline.datasette.chart import ChartRow, bar_chart
from pipeline.datasette.highlight import Span, mark_up
from pipeline.humanize import format_number, humanize_amount, humanize_range, period_label

HERE = Path(__file__).resolve().parent
DOCUMENT_TEMPLATE = HERE / "templates" / "document.html"
PLAN_TEMPLATE = HERE / "templates" / "plan_vs_actual.html"
STYLESHEET = HERE / "static" / "vn-facts.css"
SPAN_TABLES = {"mentions": "m", "entities": "e"}  # table → anchor prefix on the document page
MENTION_TYPES = ("money", "percent", "quantity")
ENTITY_TYPES = ("PER", "ORG", "LOC", "DOC", "DATE")
SIDES = ("", "target_", "actual_")  # column prefixes: a mention's own, or either side of plan_vs_actual
LABEL_LIMIT = 40  # characters of a document's label beside its id in a cell


@lru_cache(maxsize=None)
def read_asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def field(row: Any, key: str) -> Any:
    """``row[key]`` for sqlite3.Row, dict or Datasette's row types; ``None`` when absent."""
    try:
        value = row[key]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(value, dict) and "value" in value:  # an expanded foreign key
        return value["value"]
    return value


def document_url(datasette, database: str | None, document_id: Any, anchor: str | None = None) -> str:
    """``/-/document/<id>``, naming the database only when it is not the one served first."""
    url = datasette.urls.path(f"/-/document/{int(document_id)}")
    if database and database != default_database_name(datasette):
        url += f"?database={quote(database)}"
    if anchor:
        url += f"#{anchor}"
    return url


def default_database_name(datasette) -> str | None:
    try:
        return datasette.get_database().name
    except (IndexError, KeyError):
        return None


def link(url: str, label: Any, title: str | None = None) -> Markup:
    title_attribute = f' title="{escape(title)}"' if title else ""
    return Markup(f'<a href="{escape(url)}"{title_attribute}>{escape(label)}</a>')


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_side(column: str) -> tuple[str, str]:
    """``target_value`` → (``target_``, ``value``): plan_vs_actual names both sides this way."""
    for side in SIDES:
        if side and column.startswith(side):
            return side, column[len(side):]
    return "", column


def amount_cell(row: Any, value: Any, side: str, base: str) -> Markup | None:
    """``54000000000000.0`` → ``54.000 tỷ đồng`` with the stored number beside it, smaller."""
    unit, per = field(row, "unit"), field(row, f"{side}per")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or unit is None:
        return None
    if base == "value":
        human = humanize_range(value, field(row, f"{side}value_max"), unit, per)
    else:
        human = humanize_amount(value, unit, per)
    return Markup(
        f'<span class="vnf-human">{escape(human)}</span> '
        f'<span class="vnf-raw">{value:.15g}</span>'
    )


def ratio_cell(value: Any) -> Markup | None:
    """A result as a share of its target: ``1.055`` → ``105,5%``."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return Markup(f'<span class="vnf-human">{escape(format_number(value * 100, 1))}%</span> '
                  f'<span class="vnf-raw">{value:.15g}</span>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    side, base = split_side(column)
    if base in ("value", "value_max") and table != "entities":
        cell = amount_cell(row, value, side, base)
        span_id, document_id = field(row, f"{side}mention_id"), field(row, f"{side}document_id")
        if cell is not None and isinstance(span_id, int) and isinstance(document_id, int) and table not in SPAN_TABLES:
            url = document_url(datasette, database, document_id, f"m{span_id}")
            return Markup(f'<a class="vnf-amount-link" href="{escape(url)}" '
                          f'title="Show it highlighted in its document">{cell}</a>')
        if cell is not None:
            return cell
    if column == "ratio":
        return ratio_cell(value)
    if table == "documents" and column == "path" and isinstance(field(row, "id"), int):
        return link(document_url(datasette, database, field(row, "id")), value, "Read it with spans highlighted")
    document_id = field(row, f"{side}document_id")
    if value is None or not isinstance(document_id, int) or isinstance(document_id, bool):
        return None  # nothing to link, or not one of ours: a document id is an integer
    if table in SPAN_TABLES:
        prefix = SPAN_TABLES[table]
        if column == "id" or (column == "text" and field(row, "id") is not None):
            anchor = f"{prefix}{field(row, 'id')}"
            return link(document_url(datasette, database, document_id, anchor), value,
                        "Show it highlighted in its document")
    elif table != "documents":  # a canned query, a view: span ids named mention_id / target_mention_id …
        for id_column, prefix in (("mention_id", "m"), ("entity_id", "e")):
            span_id = field(row, f"{side}{id_column}")
            if span_id is not None and base in (id_column, "text"):
                return link(document_url(datasette, database, document_id, f"{prefix}{span_id}"), value,
                            "Show it highlighted in its document")
    if base == "document_id" and table != "documents":
        label = value.get("label") if isinstance(value, dict) else None
        text = f"{document_id} · {shorten(str(label))}" if label and str(label) != str(document_id) else document_id
        return link(document_url(datasette, database, document_id), text, "Open the document, spans highlighted")
    if base == "sentence_id" and table != "sentences":
        sentence_id = field(row, column)
        return link(datasette.urls.row(database, "sentences", str(sentence_id)), sentence_id, "The sentence")
    return None


def fold(text: Any) -> str | None:
    """``Quảng Nam`` → ``quang nam``: what a reader types without accents matches the real name.

    Decomposed, combining marks dropped, ``đ`` read as ``d``, lower-cased."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


@hookimpl
def prepare_connection(conn):
    """SQL functions for queries and exports: ``humanize_amount(value, unit[, per])``, the
    readable amount; ``fold(text)``, a name without its accents, so a parameter typed
    ``hoa binh`` matches ``Hòa Bình`` (``fold(place) like '%' || fold(:place) || '%'``);
    ``period_label(start, end)``, one label a period (``quý I/2025``)."""
    conn.create_function("humanize_amount", 2, humanize_amount, deterministic=True)
    conn.create_function("humanize_amount", 3, humanize_amount, deterministic=True)
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.create_function("period_label", 2, period_label, deterministic=True)


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/vn-facts.css")]


@hookimpl
def register_routes():
    return [
        (r"^/-/document/(?P<document_id>\d+)$", document_page),
        (r"^/-/plan-vs-actual$", plan_vs_actual_page),
        (r"^/-/vn-facts\.css$", stylesheet),
    ]


async def stylesheet():
    return Response(read_asset(STYLESHEET), content_type="text/css; charset=utf-8",
                    headers={"cache-control": "max-age=300"})


def mention_title(row: dict) -> str:
    """What a reader sees on hover: the normalised value and the fact fields that are set."""
    parts = [f"{row['type']}: {humanize_range(row.get('value'), row.get('value_max'), row.get('unit'))}"]
    if row.get("value") is not None:
        parts.append(f"= {row['value']:.15g} {row.get('unit') or ''}".rstrip())
    for key in ("qualifier", "kind", "change", "indicator", "indicator_key", "basis", "period_text", "place"):
        if row.get(key):
            parts.append(f"{key}: {row[key]}")
    if row.get("kind_cue"):  # why the kind, and how sure: an analyst can filter to the sure ones
        parts.append(f"decided by: {row['kind_cue']} ({row.get('kind_confidence') or '?'} confidence)")
    if row.get("rule"):
        parts.append(f"read by: {row['rule']}")
    return " · ".join(parts)


def entity_title(row: dict) -> str:
    parts = [row["type"]]
    if row.get("normalized"):
        parts.append(f"normalized: {row['normalized']}")
    detail = row.get("detail")
    if detail:
        try:
            detail = json.loads(detail)
        except (TypeError, ValueError):
            pass
        if isinstance(detail, dict):
            parts.extend(f"{key}: {value}" for key, value in detail.items() if value not in (None, ""))
        else:
            parts.append(str(detail))
    return " · ".join(parts)


async def readable_database(datasette, request, table: str):
    """The database a page is asked for (``?database=``, else the served one), once the actor may
    read ``table`` in it."""
    database_name = request.args.get("database") or default_database_name(datasette)
    try:
        db = datasette.get_database(database_name)
    except KeyError:
        raise NotFound(f"no database named {database_name}")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (db.name, table)), ("view-database", db.name), "view-instance",
    ])
    return db


async def document_page(datasette, request):
    """The text of one document with every mention and entity marked, then both as tables."""
    db = await readable_database(datasette, request, "documents")
    document_id = int(request.url_vars["document_id"])
    found = (await db.execute("select * from documents where id = ?", [document_id])).rows
    if not found:
        raise NotFound(f"no document {document_id} in {db.name}")
    document = dict(found[0])
    mentions = [dict(r) for r in (await db.execute(
        "select * from mentions where document_id = ? order by start, [end] desc", [document_id])).rows]
    entities = [dict(r) for r in (await db.execute(
        "select * from entities where document_id = ? order by start, [end] desc", [document_id])).rows]
    for row in mentions:
        row["human"] = humanize_range(row.get("value"), row.get("value_max"), row.get("unit"))
        row["title"] = mention_title(row)
    for row in entities:
        row["title"] = entity_title(row)
    spans = [Span(r["start"], r["end"], f"m{r['id']}", "mention", r["type"], r["title"]) for r in mentions]
    spans += [Span(r["start"], r["end"], f"e{r['id']}", "entity", r["type"], r["title"]) for r in entities]
    counts = {label: 0 for label in MENTION_TYPES + ENTITY_TYPES}
    for span in spans:
        counts[span.label] = counts.get(span.label, 0) + 1
    neighbours = {}
    for name, comparison, order in (("previous", "<", "desc"), ("next", ">", "asc")):
        rows = (await db.execute(
            f"select id, path from documents where path {comparison} ? order by path {order} limit 1",
            [document["path"]])).rows
        if rows:
            neighbours[name] = {"url": document_url(datasette, db.name, rows[0]["id"]), "path": rows[0]["path"]}
    template = datasette.jinja_env.from_string(read_asset(DOCUMENT_TEMPLATE))
    html = await datasette.render_template(template, {
        "database": db.name,
        "document": document,
        "marked_text": mark_up(document["text"], spans),
        "mentions": mentions,
        "entities": entities,
        "counts": counts,
        "neighbours": neighbours,
        "mention_types": MENTION_TYPES,
        "entity_types": ENTITY_TYPES,
        "row_url": datasette.urls.row(db.name, "documents", str(document_id)),
        "mentions_url": datasette.urls.table(db.name, "mentions") + f"?document_id={document_id}",
        "entities_url": datasette.urls.table(db.name, "entities") + f"?document_id={document_id}",
    }, request=request, view_name="vn_facts_document")
    return Response.html(html)



PLAN_SQL = """
select p.*, td.title as target_title, ad.title as actual_title
from plan_vs_actual p
left join documents td on td.id = p.target_document_id
left join documents ad on ad.id = p.actual_document_id
where (:place = '' or fold(coalesce(p.place, '')) like '%' || fold(:place) || '%')
  and (:year = '' or coalesce(p.period_start, '') like :year || '%')
order by p.place, p.period_start, p.period_end, p.indicator_label, p.type, p.change
"""
PLAN_CHOICES_SQL = """
select place, substr(period_start, 1, 4) as year, count(*) as indicators
from plan_vs_actual group by place, year order by place, year
"""


def side_text(row: dict, side: str) -> str:
    """A side's figure as a reader writes it, with its bound (``từ 8% trở lên`` → ``≥ 8%``)."""
    human = humanize_range(row.get(f"{side}value"), row.get(f"{side}value_max"), row.get("unit"))
    bound = {"at_least": "≥ ", "over": "> ", "at_most": "≤ ", "under": "< ", "approx": "~ "}
    return bound.get(row.get(f"{side}qualifier") or "", "") + human


CHANGE_WORDS = {"increase": "tăng", "decrease": "giảm", "level": "mức"}


def told_apart(rows: list[dict]) -> None:
    """Each row's ``label``: the indicator's, with its change (``tăng``, ``mức``) where two rows
    of one place and period share it (an export's level and its growth)."""
    counts: dict[str, int] = {}
    for row in rows:
        row["label"] = row.get("indicator_label") or row.get("indicator_key") or ""
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    for row in rows:
        if counts[row["label"]] > 1 and row.get("change") in CHANGE_WORDS:
            row["label"] += f" ({CHANGE_WORDS[row['change']]})"


def plan_sections(rows: list[dict]) -> list[dict]:
    """The rows grouped by place and period, each group with its chart."""
    sections: dict[tuple, dict] = {}
    for index, row in enumerate(rows):
        row["period"] = period_label(row.get("period_start"), row.get("period_end")) or ""
        row["target_human"], row["actual_human"] = side_text(row, "target_"), side_text(row, "actual_")
        row["ratio_human"] = (f"{format_number(row['ratio'] * 100, 1)}%"
                              if isinstance(row.get("ratio"), (int, float)) else "")
        row["anchor"] = f"row-{index + 1}"
        key = (row.get("place") or "", row["period"])
        sections.setdefault(key, {"place": key[0], "period": key[1], "rows": []})["rows"].append(row)
    for section in sections.values():
        told_apart(section["rows"])
        chart_rows = [ChartRow(r["label"], r["target_value"],
                               r.get("target_value_max"), r["actual_value"], r.get("met"),
                               r["target_human"], r["actual_human"], r["anchor"])
                      for r in section["rows"]
                      if isinstance(r.get("target_value"), (int, float)) and isinstance(r.get("actual_value"), (int, float))]
        section["chart"] = bar_chart(chart_rows, f"Target against result: {section['place']}, {section['period']}")
    return list(sections.values())


async def plan_vs_actual_page(datasette, request):
    """Plan vs actual for a place and year: a chart of target against result, then the rows."""
    db = await readable_database(datasette, request, "plan_vs_actual")
    if "plan_vs_actual" not in await db.view_names():
        raise NotFound(f"{db.name} has no plan_vs_actual view: run extract on it again")
    place, year = request.args.get("place", "").strip(), request.args.get("year", "").strip()
    rows = [dict(r) for r in (await db.execute(PLAN_SQL, {"place": place, "year": year})).rows]
    choices = [dict(r) for r in (await db.execute(PLAN_CHOICES_SQL)).rows]
    for row in rows:
        for side in ("target_", "actual_"):
            row[f"{side}url"] = document_url(datasette, db.name, row[f"{side}document_id"], f"m{row[f'{side}mention_id']}")
            row[f"{side}sentence_url"] = datasette.urls.row(db.name, "sentences", str(row[f"{side}sentence_id"]))
    sections = plan_sections(rows)
    places = {section["place"] for section in sections}
    template = datasette.jinja_env.from_string(read_asset(PLAN_TEMPLATE))
    html = await datasette.render_template(template, {
        "database": db.name,
        "place": place,
        "place_found": places.pop() if len(places) == 1 and place else place,  # thai binh → Thái Bình
        "year": year,
        "sections": sections,
        "count": len(rows),
        "choices": choices,
        "page_url": datasette.urls.path("/-/plan-vs-actual"),
        "view_url": datasette.urls.table(db.name, "plan_vs_actual"),
        "database_parameter": "" if db.name == default_database_name(datasette) else db.name,
    }, request=request, view_name="vn_facts_plan_vs_actual")
    return Response.html(html)


@hookimpl
def handle_exception(datasette, request, exception):
    """Errors answered without Datasette's traceback dumps.

    Datasette's default handler prints every exception with its local variables when ``rich`` is
    installed (underthesea brings it): sixty lines for a 404, and for an unknown deep path a crash
    into a 500. ``extract serve`` replaces that handler with this one (``serve.quiet_errors``):
    a client error (4xx) is its page and nothing in the log; a real fault logs one plain traceback."""
    status = client_error_status(exception)
    if status is None:
        status = 500
        traceback.print_exception(exception, file=sys.stderr)

    async def error_page():
        message = str(getattr(exception, "message", None) or (exception.args[0] if exception.args else "Error"))
        info = {"ok": False, "error": message, "status": status, "title": getattr(exception, "title", None)}
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        html = await template.render_async({**info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(),
                                            "menu_links": lambda: []})
        return Response.html(html, status=status)

    return error_page


def client_error_status(exception: Exception) -> int | None:
    """The 4xx status an exception stands for (NotFound, Forbidden, a bad request), else None."""
    status = getattr(exception, "status", None)
    return status if isinstance(status, int) and 400 <= status < 500 else None
