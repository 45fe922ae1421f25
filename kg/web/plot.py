"""The timeline picture: events in date order, one lane per event type, drawn by matplotlib.

A day is a dot; an event dated only to its month or year is a bar across that month or year, so
the picture claims no more precision than the data. matplotlib is imported here only (its Agg
canvas, no pyplot or window), so every other command starts as fast as before."""
from __future__ import annotations

import io

from ..extract.dates import interval
from .timeline import TYPES, Point

COLOURS = {"Visit": "#1f6f8b", "Meeting": "#c8553d", "Agreement": "#588b3b"}
LABELLED = 30        # events named beside their mark; beyond this many the picture shows marks only
FORMATS = ("svg", "png")


def draw(points: list[Point], title: str, fmt: str) -> bytes:
    """The picture of `points` as SVG or PNG bytes (the same bytes for the same points)."""
    from matplotlib import rc_context
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    lanes = [t for t in TYPES if any(p.type == t for p in points)] or list(TYPES[:2])
    fig = Figure(figsize=(9, 1.6 + 0.7 * len(lanes)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_yticks(range(len(lanes)), [t + "s" for t in lanes])
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    ax.grid(axis="x", color="#dddddd")
    ax.spines[["top", "right", "left"]].set_visible(False)
    if not points:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center", color="#666666")
        ax.set_xticks([])
    placed = [(p, *days) for p in points if (days := interval(p.date)) is not None]   # a date the layer writes
    for y, lane in enumerate(lanes):   # one mark layer per lane and kind: a thousand events draw as fast as ten
        colour = COLOURS.get(lane, "#555555")
        days = [date2num(first) for p, first, last in placed if p.type == lane and first == last]
        spans = [(date2num(first), date2num(last)) for p, first, last in placed if p.type == lane and first != last]
        if days:
            ax.scatter(days, [y] * len(days), s=45, color=colour, zorder=3)
        if spans:
            ax.hlines([y] * len(spans), [a for a, _ in spans], [b for _, b in spans], colors=colour, linewidth=6,
                      alpha=0.5)
    if len(placed) <= LABELLED:
        seen = {t: 0 for t in lanes}   # marks so far in each lane: labels step up and down so neighbours stay apart
        for p, first, _ in placed:
            if p.label:
                ax.annotate(p.label if len(p.label) <= 40 else p.label[:39] + "…", (date2num(first), lanes.index(p.type)),
                            xytext=(4, 6 + 9 * (seen[p.type] % 3)), textcoords="offset points", fontsize=7,
                            rotation=15, color="#333333")
                seen[p.type] += 1
    if points:
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.margins(x=0.08)
    out = io.BytesIO()
    with rc_context({"svg.hashsalt": "kg"}):   # the ids in an SVG from this salt, not a random one
        fig.savefig(out, format=fmt, dpi=100, metadata={"Date": None} if fmt == "svg" else {"Software": None})
    return out.getvalue()
