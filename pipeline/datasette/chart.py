"""Target against result as an inline SVG bar chart, drawn on the server.

No JavaScript library and no network: the page works offline and in a headless browser. Each
indicator has its own unit (VND, %, lao động), so each row is scaled on its own: the longer of
target and result fills the row, the other is drawn to the same scale. A planned range
(``6,5 - 7%``) is drawn as a pale band from its low to its high end; the result's bar is green
when the target was met, red when missed, grey when unknown.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_WIDTH = 330  # px for the indicator's name
BAR_WIDTH = 420  # px for the longer bar of a row
VALUE_WIDTH = 270  # px for the numbers beside the bars
ROW_HEIGHT = 46
BAR_HEIGHT = 14
LABEL_CHARS = 42
MET_CLASS = {"yes": "vnf-met-yes", "no": "vnf-met-no"}


@dataclass(frozen=True)
class ChartRow:
    """One indicator of a place and period: what was planned and what was reached."""
    label: str
    target: float
    target_max: float | None
    actual: float
    met: str | None
    target_text: str
    actual_text: str
    anchor: str  # the id of the row's line in the table below the chart


def bar_length(value: float, largest: float) -> float:
    """A bar's length in px; a negative value (a fall) is drawn by its size."""
    return 0.0 if largest <= 0 else round(abs(value) / largest * BAR_WIDTH, 1)


def svg_row(row: ChartRow, top: int) -> str:
    largest = max(abs(row.target), abs(row.target_max or 0), abs(row.actual))
    label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
    x = LABEL_WIDTH
    parts = [f'<g class="vnf-chart-row" data-met="{escape(row.met or "unknown")}">',
             f'<a href="#{escape(row.anchor)}"><text x="0" y="{top + 19}" class="vnf-chart-label">'
             f'<title>{escape(row.label)}</title>{escape(label)}</text></a>']
    target_end = bar_length(row.target, largest)
    parts.append(f'<rect class="vnf-bar-target" x="{x}" y="{top + 4}" width="{target_end}" height="{BAR_HEIGHT}">'
                 f'<title>Target: {escape(row.target_text)}</title></rect>')
    if row.target_max is not None and row.target_max != row.target:
        band_end = bar_length(row.target_max, largest)
        parts.append(f'<rect class="vnf-bar-range" x="{x + target_end}" y="{top + 4}" '
                     f'width="{round(max(band_end - target_end, 0), 1)}" height="{BAR_HEIGHT}">'
                     f'<title>Target range: {escape(row.target_text)}</title></rect>')
    met_class = MET_CLASS.get(row.met or "", "vnf-met-unknown")
    parts.append(f'<rect class="vnf-bar-actual {met_class}" x="{x}" y="{top + 4 + BAR_HEIGHT + 2}" '
                 f'width="{bar_length(row.actual, largest)}" height="{BAR_HEIGHT}">'
                 f'<title>Result: {escape(row.actual_text)}</title></rect>')
    numbers_x = x + BAR_WIDTH + 10
    parts.append(f'<text x="{numbers_x}" y="{top + 15}" class="vnf-chart-value">{escape(row.target_text)}</text>')
    parts.append(f'<text x="{numbers_x}" y="{top + 31}" class="vnf-chart-value">{escape(row.actual_text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def bar_chart(rows: list[ChartRow], title: str) -> Markup:
    """The SVG for ``rows``, one band a row: target bar above, result bar below."""
    height = ROW_HEIGHT * len(rows) + 30
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    legend_y = height - 8
    body = "".join(svg_row(row, index * ROW_HEIGHT) for index, row in enumerate(rows))
    legend = (
        f'<g class="vnf-chart-legend"><rect class="vnf-bar-target" x="{LABEL_WIDTH}" y="{legend_y - 10}" width="12" height="10"/>'
        f'<text x="{LABEL_WIDTH + 16}" y="{legend_y}">kế hoạch (target)</text>'
        f'<rect class="vnf-bar-actual vnf-met-yes" x="{LABEL_WIDTH + 140}" y="{legend_y - 10}" width="12" height="10"/>'
        f'<text x="{LABEL_WIDTH + 156}" y="{legend_y}">đạt (met)</text>'
        f'<rect class="vnf-bar-actual vnf-met-no" x="{LABEL_WIDTH + 240}" y="{legend_y - 10}" width="12" height="10"/>'
        f'<text x="{LABEL_WIDTH + 256}" y="{legend_y}">không đạt (missed)</text></g>'
    )
    return Markup(
        f'<svg class="vnf-chart" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title>{escape(title)}</title>{body}{legend}</svg>'
    )
