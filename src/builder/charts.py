"""Small horizontal bar charts as inline SVG, written at build time.

Written by hand rather than with a plotting library: a bar chart is a few rectangles
and text labels, and doing it here keeps the labels real text (readable by screen
readers, selectable, in the page's own font), the output byte-identical from run to
run and free of scripts and fonts, where matplotlib's SVG draws glyphs as paths and
stamps ids and dates that must be switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
VALUE_WIDTH = 110
ROW = 40
LABEL = 15
BAR = 14
MAX_LABEL = 48


@dataclass(frozen=True)
class Bar:
    """One bar: its label (shortened to fit, then ``suffix`` added), value, fill colour
    and a note after the value."""

    label: str
    value: int
    fill: str
    note: str = ""
    suffix: str = ""


def _short(bar: Bar) -> str:
    room = MAX_LABEL - len(bar.suffix)
    label = bar.label if len(bar.label) <= room else bar.label[: room - 1].rstrip() + "…"
    return label + bar.suffix


def bar_chart(chart_id: str, title: str, bars: list[Bar], stroke: str, ink: str) -> Markup:
    """An SVG bar chart: a ``<title>`` and a ``<desc>`` listing every value (what a
    screen reader says), then per bar its label above it and its value after it, bars
    scaled to the largest value. Narrow enough to stay legible on a phone."""
    height = max(ROW * len(bars), ROW)
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - VALUE_WIDTH
    desc = "; ".join(f"{b.label}{b.suffix}: {b.value} {b.note}".rstrip() for b in bars)
    rows = []
    for i, b in enumerate(bars):
        y = i * ROW
        w = round(span * b.value / top, 1)
        value = f"{b.value} {b.note}".rstrip()
        rows.append(
            f"<g><title>{escape(b.label + b.suffix)}: {escape(value)}</title>"
            f'<text x="0" y="{y + LABEL - 2}">{escape(_short(b))}</text>'
            f'<rect x="0.5" y="{y + LABEL + 2}" width="{w}" height="{BAR}" fill="{b.fill}" '
            f'stroke="{stroke}"/>'
            f'<text x="{w + 6}" y="{y + LABEL + BAR}">{escape(value)}</text></g>'
        )
    if not bars:
        rows.append(f'<text x="0" y="{LABEL}">none</text>')
    return Markup(
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" fill="{ink}" font-size="13">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc or "none")}</desc>' + "".join(rows) + "</svg>"
    )
