"""What each source article reports of an event: one kg:SourceReport per event and article.

A listing of events by source (`visits`, `meetings`, `agreements`) shows, for each article, the
strongest status its mentions give and the dates it gives. Aggregated at query time, that cost a
dozen lookups per row (issue 11); derived here with the event, it is one node per row to read.
The dates are the event's own when one of the article's mentions gives the event's start (or
when the article gives none); else the earliest start and latest end the article's mentions give.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Optional

from pyoxigraph import NamedNode, Quad

from .. import vocab as v
from .rdf import START_PROPERTY
from .sameness import KG, Mention

# How definite a status is. A report's status is the strongest its article's mentions give ("signed"
# and "occurred" rank alike: the word for what an agreement, or another event, does when it happens).
STATUS_RANK = {"invited": 1, "planned": 2, "inForce": 4, "occurred": 5, "signed": 5, "cancelled": 6}
HAPPENED = {"Agreement": "signed"}


def start_prop(kind: str) -> str:
    """The property an event of `kind` is dated with: a visit has a start (and end), others a date."""
    return KG + START_PROPERTY[kind]


def report_node(event: NamedNode, article: str) -> NamedNode:
    return NamedNode(v.RES + "report/" + hashlib.sha1(f"{event.value} {article}".encode()).hexdigest()[:16])


def report_quads(event: NamedNode, kind: str, group: list[Mention], start, end) -> list[Quad]:
    """The reports of the event `event` made of `group`, dated `start`..`end` (terms or None)."""
    g = NamedNode(v.EVENTS_GRAPH)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in group:
        by_article[m.article].append(m)
    quads = []
    for article in sorted(by_article):
        status = _status(kind, by_article[article])
        if status is None:
            continue
        node = report_node(event, article)
        quads += [Quad(event, NamedNode(KG + "report"), node, g),
                  Quad(node, NamedNode(v.RDF + "type"), NamedNode(KG + "SourceReport"), g),
                  Quad(node, NamedNode(KG + "reportedIn"), NamedNode(article), g),
                  Quad(node, NamedNode(KG + "reportedStatus"), NamedNode(KG + status), g)]
        said = _dates(kind, by_article[article], start, end)
        for p, o in zip(("reportedStart", "reportedEnd"), said):
            if o is not None:
                quads.append(Quad(node, NamedNode(KG + p), o, g))
    return quads


def _status(kind: str, mentions: list[Mention]) -> Optional[str]:
    ranks = [STATUS_RANK[m.status] for m in mentions if m.status in STATUS_RANK]
    if not ranks:
        return None
    best = max(ranks)
    if best == STATUS_RANK["occurred"]:
        return HAPPENED.get(kind, "occurred")
    return next(s for s, r in STATUS_RANK.items() if r == best)


def _dates(kind: str, mentions: list[Mention], start, end) -> tuple:
    """The start and end this article gives: the event's when one of its mentions agrees with the
    event's start or it gives no start at all, else its earliest start and its latest end."""
    starts = [o for m in mentions for o in m.props.get(start_prop(kind), [])]
    if not starts or (start is not None and any(o.value == start.value for o in starts)):
        return start, end
    ends = [o for m in mentions for o in m.props.get(KG + "endDate", [])] if kind == "Visit" else []
    return min(starts, key=lambda o: o.value), max(ends, key=lambda o: o.value, default=None)
