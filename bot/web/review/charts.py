"""Server-rendered SVG bar charts: no script, no inline style, text labels and a title/desc.

Each chart repeats numbers that are also in an accessible table next to it; the SVG carries
role="img" with its <title> and <desc> so screen readers get a summary rather than shapes.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW_HEIGHT = 28
LABEL_WIDTH = 250
BAR_AREA = 380
VALUE_WIDTH = 60
PADDING = 8


def bar_chart(chart_id: str, title: str, desc: str, items: Sequence[tuple[str, int]]) -> Markup:
    """A horizontal bar chart of ``items`` (label, count) as an inline SVG element."""
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = max(1, len(items)) * ROW_HEIGHT + 2 * PADDING
    largest = max((v for _, v in items), default=0) or 1
    cid = escape(chart_id)
    parts = [
        f'<svg class="review-chart" id="{cid}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    if not items:
        parts.append(
            f'<text x="{PADDING}" y="{PADDING + 18}" class="chart-label">No concerns in this period</text>'
        )
    for index, (label, value) in enumerate(items):
        y = PADDING + index * ROW_HEIGHT
        bar = round(BAR_AREA * value / largest) if value else 0
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{bar}" height="{ROW_HEIGHT - 8}" '
            f'class="chart-bar" fill="#1d70b8"><title>{escape(label)}: {int(value)}</title></rect>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 19}" class="chart-value">{int(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated string above is escaped
