"""Bar charts for the program report (reportlab.graphics), in the report's own font."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from seco_desktop.services.reports.document import CONTENT_WIDTH, Styles

#: Colour-blind-safe series colours (Okabe–Ito), readable when printed in greyscale too.
PALETTE = (
    colors.HexColor("#0072B2"),
    colors.HexColor("#E69F00"),
    colors.HexColor("#999999"),
    colors.HexColor("#009E73"),
    colors.HexColor("#CC79A7"),
)


def _nice_max(value: int) -> int:
    """A round axis maximum a little above ``value``."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    names: Sequence[str],
    styles: Styles,
    *,
    caption: str,
    height: float = 170,
    stacked: bool = False,
) -> Drawing:
    """Vertical bars, one group per label; a legend when there is more than one series."""
    width = CONTENT_WIDTH
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 40
    chart.width = int(width - (150 if len(series) > 1 else 60))
    chart.height = int(height - 60)
    chart.data = [list(s) for s in series] or [[0]]
    top = max((sum(col) for col in zip(*series, strict=True)) if stacked else
              (v for s in series for v in s), default=0)  # fmt: skip
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = styles.fonts.regular
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = styles.fonts.regular
    chart.categoryAxis.labels.fontSize = 6.5 if len(labels) > 12 else 7
    if len(labels) > 12:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 1
    chart.groupSpacing = 4 if len(labels) > 20 else 8
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(_caption(caption, styles, height))
    if len(series) > 1:
        drawing.add(_legend(names, styles, width - 100, height - 30))
    return drawing


def horizontal_stacked(
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    names: Sequence[str],
    styles: Styles,
    *,
    caption: str,
) -> Drawing:
    """One horizontal bar per label, its parts stacked (e.g. eligible / not / no decision)."""
    height = 50 + 28 * len(labels)
    width = CONTENT_WIDTH
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 60, 20
    chart.width, chart.height = int(width - 200), int(height - 45)
    # Categories are drawn bottom-up: reverse them so the first label is on top.
    chart.data = [list(reversed(s)) for s in series]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = styles.fonts.bold
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    total = max((sum(col) for col in zip(*series, strict=True)), default=0)
    chart.valueAxis.valueMax = _nice_max(total)
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = styles.fonts.regular
    chart.valueAxis.labels.fontSize = 7
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(_caption(caption, styles, height))
    drawing.add(_legend(names, styles, width - 125, height - 30))
    return drawing


def _caption(caption: str, styles: Styles, height: float) -> String:
    return String(0, height - 10, caption, fontName=styles.fonts.bold, fontSize=8.5)


def _legend(names: Sequence[str], styles: Styles, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = int(x), int(y)
    legend.fontName = styles.fonts.regular
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
    return legend
