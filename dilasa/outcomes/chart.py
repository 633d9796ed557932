"""A trend as inline SVG: pure function, no Django, no script, a few hundred bytes compressed.

Accessible by construction: role="img" with a <title> and <desc> that say the latest score and its band; each
point carries its own <title>; the page puts a table of the same numbers right after it. Band shading shows
where each score falls. Right to left (Urdu), time runs from right (earliest) to left (latest), as the eye
reads, and both ends carry their dates, so neither reader has to guess the direction (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from dilasa.outcomes.scoring import Band

WIDTH, HEIGHT = 320, 180
GUTTER = 26  # room for the score labels on the reading-start side
TOP, BOTTOM = 8, 150  # the plot's vertical extent; dates go below it
SHADES = ("#e6f2ec", "#f3f0dc", "#f7e6cf", "#f5dacd", "#f1cccc")
LINE = "#0f6b62"
INK = "#4d5f5d"


@dataclass(frozen=True)
class Mark:
    at: datetime
    total: int
    label: str  # what the point's <title> says, e.g. "3 Dec 2026: 12 (moderate)"


def _y(value: float, max_total: int) -> float:
    return BOTTOM - (BOTTOM - TOP) * value / max_total


def trend_svg(
    *,
    marks: Sequence[Mark],
    max_total: int,
    bands: Sequence[Band],
    band_words: Mapping[str, str],
    rtl: bool,
    title: str,
    desc: str,
    first_label: str,
    last_label: str,
    chart_id: str,
) -> str:
    left, right = (8, WIDTH - GUTTER) if rtl else (GUTTER, WIDTH - 8)
    span = right - left
    # direction="ltr": anchors mean the same on either page direction; the layout itself mirrors for RTL.
    parts = [
        (
            f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d"'
            ' xmlns="http://www.w3.org/2000/svg" direction="ltr" font-size="10" font-family="system-ui,sans-serif">'
        ),
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for n, band in enumerate(bands):
        top, bottom = _y(band.upper + 1 if band.upper < max_total else max_total, max_total), _y(band.lower, max_total)
        shade = SHADES[min(n, len(SHADES) - 1)]
        parts.append(
            f'<rect x="{left}" y="{top:.1f}" width="{span}" height="{bottom - top:.1f}" fill="{shade}"/>'
            f'<text x="{right - 3 if not rtl else left + 3}" y="{bottom - 3:.1f}" fill="{INK}"'
            f' text-anchor="{"end" if not rtl else "start"}" font-size="8">'
            f"{escape(band_words.get(band.key, ''))}</text>"
        )
    ticks = sorted({0, max_total} | {b.lower for b in bands})
    label_x, anchor = (right + 4, "start") if rtl else (left - 4, "end")
    for tick in ticks:
        y = _y(tick, max_total)
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#c9d2d0" stroke-width=".5"/>'
            f'<text x="{label_x}" y="{y + 3:.1f}" text-anchor="{anchor}" fill="{INK}">{tick}</text>'
        )
    if marks:
        first, last = marks[0].at, marks[-1].at
        length = (last - first).total_seconds()

        def x(at: datetime) -> float:
            fraction = (at - first).total_seconds() / length if length > 0 else 0.5
            return right - fraction * span if rtl else left + fraction * span

        coords = [(x(m.at), _y(m.total, max_total)) for m in marks]
        if len(coords) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        for (px, py), mark in zip(coords, marks, strict=True):
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{LINE}">'
                f"<title>{escape(mark.label)}</title></circle>"
            )
        start_x, end_x = (right, left) if rtl else (left, right)
        parts.append(
            f'<text x="{start_x}" y="{BOTTOM + 16}" text-anchor="{"end" if rtl else "start"}" fill="{INK}">'
            f"{escape(first_label)}</text>"
        )
        if len(marks) > 1:
            parts.append(
                f'<text x="{end_x}" y="{BOTTOM + 16}" text-anchor="{"start" if rtl else "end"}" fill="{INK}">'
                f"{escape(last_label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
