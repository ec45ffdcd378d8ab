"""Inline SVG bar charts (no scripts, no external assets): one per scorer in the HTML report."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

_LABEL_W = 210
_BAR_W = 300
_ROW_H = 20
_PAD = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    note: str = ""
    minor: bool = False
    """Drawn thinner and lighter (a per-language breakdown under its variant)."""


def _colour(value: float, threshold: float | None) -> str:
    if threshold is not None:
        return "#2e7d32" if value >= threshold else "#c62828"
    return "#1565c0"


def bar_chart(title: str, bars: list[Bar], threshold: float | None = None) -> str:
    """Horizontal bars for values in [0, 1]; a dashed line marks the threshold."""
    height = _PAD * 2 + 22 + _ROW_H * len(bars) + 14
    width = _LABEL_W + _BAR_W + 120
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>',
        f'<text x="{_PAD}" y="{_PAD + 12}" class="chart-title">{escape(title)}</text>',
    ]
    top = _PAD + 22
    for i, bar in enumerate(bars):
        y = top + i * _ROW_H
        label = ("    " if bar.minor else "") + bar.label
        parts.append(
            f'<text x="{_PAD}" y="{y + 14}" class="{"minor" if bar.minor else "label"}">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{_LABEL_W}" y="{y + 3}" width="{_BAR_W}" height="{_ROW_H - 6}" class="track"/>')
        if bar.value is None:
            parts.append(f'<text x="{_LABEL_W + 4}" y="{y + 14}" class="minor">not scored</text>')
            continue
        w = max(0.0, min(1.0, bar.value)) * _BAR_W
        h = _ROW_H - (10 if bar.minor else 6)
        fill = _colour(bar.value, threshold)
        opacity = "0.55" if bar.minor else "1"
        parts.append(
            f'<rect x="{_LABEL_W}" y="{y + (_ROW_H - h) / 2:.1f}" width="{w:.1f}" height="{h}" fill="{fill}" '
            f'fill-opacity="{opacity}"><title>{escape(bar.label)}: {bar.value:.3f} {escape(bar.note)}</title></rect>'
        )
        parts.append(
            f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 14}" class="value">{bar.value:.2f}{escape(bar.note)}</text>'
        )
    axis_y = top + _ROW_H * len(bars) + 10
    for tick in (0.0, 0.5, 1.0):
        x = _LABEL_W + tick * _BAR_W
        parts.append(f'<text x="{x:.1f}" y="{axis_y}" class="tick" text-anchor="middle">{tick:g}</text>')
    if threshold is not None:
        x = _LABEL_W + threshold * _BAR_W
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + _ROW_H * len(bars)}" class="threshold">'
            f"<title>threshold {threshold}</title></line>"
        )
    parts.append("</svg>")
    return "".join(parts)
