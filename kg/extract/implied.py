"""Visits a meeting implies: whoever meets abroad travelled there.

Only where the article tells no visit of that trip already, and only from meetings held in
person at their own place, so that one misread place does not multiply into false visits."""
from __future__ import annotations

from datetime import timedelta

from ..records import Actor, EventRecord
from . import dates as datemod
from .article import Article

TRIP_DAYS = 3   # a meeting this close to a reported trip to the same place happened on that trip


NEWS_DAYS = 60   # a meeting dated further from the publication date is history, not a trip of the news


def implied_visits(events: list[EventRecord], a: Article) -> list[EventRecord]:
    """A meeting abroad implies a visit by the participant who came from another country, when
    the meeting is news: in person at its own place, not told as background or long past."""
    out = []
    for e in events:
        if e.type != "Meeting" or e.place is None or e.mode != "inPerson" or e.cues.background \
                or e.cues.place_inferred or not news(e, a):
            continue
        for p in e.agents:
            if not a.abroad(p, e.place):
                continue
            if any(x.type == "Visit" and any(t.key == p.key for t in x.agents) and same_trip(x, e, a)
                   for x in events):
                continue
            out.append(EventRecord(type="Visit", status=e.status, evidence=e.evidence, trigger=e.trigger,
                                   rule="implied-by-meeting", agents=[p], place=e.place, start=e.start,
                                   end=None, date_text=e.date_text))
    return out


def trips_to_meet(people: list[Actor], places: list[Actor], base: dict, a: Article) -> list[EventRecord]:
    """'X met officials in A, B and C': meetings with unnamed people abroad still put X there."""
    return [EventRecord(type="Visit", agents=[p], place=place, **{**base, "rule": "implied-by-meeting"})
            for p in people for place in places if a.abroad(p, place)]


def same_trip(visit: EventRecord, meeting: EventRecord, a: Article) -> bool:
    """The article already tells of the trip this meeting happened on, as precisely: the same
    place (or one inside it) on dates at most TRIP_DAYS apart, or in the same sentence."""
    where = meeting.place.located_in if meeting.place.kind == "Venue" and meeting.place.located_in else meeting.place
    if not (visit.place.key == where.key or a.gaz.contains(where, visit.place)):
        return False   # a meeting at a palace tells no more of the trip than its city does
    if visit.evidence.start == meeting.evidence.start:
        return True
    if visit.start is None or meeting.start is None:
        return False   # the implied visit adds a date; the event layer merges the two
    x, y = datemod.interval(visit.start.iso), datemod.interval(meeting.start.iso)
    return x is not None and y is not None and x[0] - timedelta(days=TRIP_DAYS) <= y[1] \
        and y[0] <= x[1] + timedelta(days=TRIP_DAYS)


def news(e: EventRecord, a: Article) -> bool:
    """Undated, or dated within NEWS_DAYS of the publication date (when there is one)."""
    if e.start is None or a.published is None:
        return True
    span = datemod.interval(e.start.iso)
    return span is not None and span[1] >= a.published - timedelta(days=NEWS_DAYS) \
        and span[0] <= a.published + timedelta(days=NEWS_DAYS)
