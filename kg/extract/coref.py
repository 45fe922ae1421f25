"""Within-article event coreference: later mentions take what earlier mentions of the same
event said.

An article names an event once in full and then refers back to it: "the Reykjavik summit held
in October 1986" ... "the meeting between Reagan and Gorbachev"; "a planned deal between A and
B" ... "the deal between B and A"; "the agreements reached during the summit". Each mention
alone is incomplete (no participants, no place, the wrong status or a vaguer date); together
they make one well-described event. This works on plain `EventRecord`s and their `MentionCues`,
so it is testable without a parser.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Optional

from ..records import Actor, DateValue, EventRecord

HomeOf = Callable[[Actor], Optional[Actor]]          # a person's country
Contains = Callable[[Actor, Actor], bool]            # is a place inside another


def resolve(events: list[EventRecord], home_of: HomeOf, contains: Contains,
            news: Callable[[EventRecord], bool] = lambda e: True) -> list[EventRecord]:
    """The article's standalone events, completed from the mentions they corefer with; `news`
    tells the trips of the news from history ("Xi's landmark 2016 visit"), which date nothing."""
    clusters = _clusters(events, home_of, contains)
    out = []
    for e in events:
        group = clusters[id(e)]
        e = _complete(e, group)
        if e.cues.during_i >= 0 and len(e.agents) < 2:
            e = _parties_from_meeting(e, events, clusters, home_of)
        if not e.cues.partial:
            out.append(e)
    return _dates_from_trips(_split_by_trips(_inherit_status(out), home_of, contains), home_of, contains, news)


# --- which mentions are one event -------------------------------------------------------------

def _clusters(events: list[EventRecord], home_of: HomeOf, contains: Contains) -> dict[int, list[EventRecord]]:
    root = {id(e): id(e) for e in events}
    by_id = {id(e): e for e in events}

    def find(i):
        while root[i] != i:
            i = root[i]
        return i

    def union(a, b):
        root[find(id(a))] = find(id(b))

    named = [e for e in events if e.cues.named and e.place is not None]
    for i, a in enumerate(named):          # the same name is the same event: "the Reykjavik summit"
        for b in named[i + 1:]:
            if a.type == b.type and a.place.key == b.place.key:
                union(a, b)
    for e in events:                       # a definite description beside a named event in one sentence
        if e.cues.partial or not e.cues.definite or e.cues.named or e.type != "Meeting":
            continue
        frames = [n for n in named if n.type == e.type and n.cues.sentence == e.cues.sentence and n is not e]
        places = {n.place.key for n in frames}
        if len(places) != 1 or (e.place is not None and e.place.key not in places):
            continue
        frame = frames[0]
        homes = [h for h in (home_of(a) if a.kind == "Person" else a for a in e.agents) if h is not None]
        if any(h.key == frame.place.key or contains(h, frame.place) for h in homes):
            union(e, frame)
    groups: dict[int, list[EventRecord]] = {}
    for e in events:
        groups.setdefault(find(id(e)), []).append(e)
    return {id(e): groups[find(id(e))] for e in by_id.values()}


# --- what a mention takes from its cluster ----------------------------------------------------

def _complete(e: EventRecord, group: list[EventRecord]) -> EventRecord:
    if len(group) < 2:
        return e
    changes = {}
    if e.place is None:
        place = next((g.place for g in group if g.cues.named and g.place is not None), None)
        if place is not None:
            changes["place"] = place
    explicit = [g for g in group if g.start is not None and g.cues.date_explicit]
    if explicit and not e.cues.date_explicit:
        # A date with its year written out beats "earlier this year" said of the same event.
        best = max(explicit, key=lambda g: len(g.start.iso))
        changes.update(start=best.start, end=best.end, date_text=best.date_text)
    elif e.start is None:
        dated = {g.start.iso: g for g in group if g.start is not None}
        if len(dated) == 1:
            g = next(iter(dated.values()))
            changes.update(start=g.start, end=g.end, date_text=g.date_text)
    return dataclasses.replace(e, **changes) if changes else e


def _parties_from_meeting(e: EventRecord, events, clusters, home_of: HomeOf) -> EventRecord:
    """'The agreements established by our leaders during the summit': the summit's states."""
    host = next((x for x in events if x.cues.trigger_i == e.cues.during_i and x.type == "Meeting"), None)
    if host is None:
        return e
    meeting = next((g for g in clusters[id(host)] if not g.cues.partial), None)
    if meeting is None:
        return e
    meeting = _complete(meeting, clusters[id(host)])
    parties: list[Actor] = list(e.agents)
    for a in meeting.agents:
        p = a if a.kind in ("Country", "Organization") else home_of(a)
        if p is not None and all(p.key != q.key for q in parties):
            parties.append(p)
    if len(parties) < 2:
        return e
    changes = dict(agents=parties, cues=dataclasses.replace(e.cues, partial=False))
    if e.start is None and meeting.start is not None:
        changes.update(start=meeting.start, end=None, date_text=meeting.date_text)
    return dataclasses.replace(e, **changes)


def _inherit_status(events: list[EventRecord]) -> list[EventRecord]:
    """'A planned deal between A and B' ... 'the deal between B and A': the bare later mention
    (definite, no date words of its own, not told as the past) says nothing of its status, so it
    keeps the one the article gave first."""
    out = []
    for e in events:
        if not e.cues.status_cued and not e.date_text and e.cues.definite and not e.cues.background:
            earlier = next((x for x in reversed(out) if x.type == e.type and x.cues.status_cued
                            and {a.key for a in x.agents} == {a.key for a in e.agents}
                            and (x.place.key if x.place else None) == (e.place.key if e.place else None)), None)
            if earlier is not None:
                e = dataclasses.replace(e, status=earlier.status, start=earlier.start, end=earlier.end,
                                        date_text=earlier.date_text)
        out.append(e)
    return out


def _month_of(e: EventRecord) -> DateValue:
    """The event's month; a date only known to the year stays a year."""
    if e.start.precision == "year":
        return DateValue(e.start.iso, "year", e.date_text)
    return DateValue(e.start.iso[:7], "month", e.date_text)


def _dates_from_trips(events: list[EventRecord], home_of: HomeOf, contains: Contains,
                      news: Callable[[EventRecord], bool]) -> list[EventRecord]:
    """A meeting abroad happens during the traveller's trip there, so an undated one takes the
    trip's month (not its day: a trip dated by its start lasts an unknown number of days), as does
    an agreement between the traveller's and the host's states, and an undated trip takes the
    month of a dated meeting held during it; only when the article gives one such month."""
    def at(place: Optional[Actor], where: Optional[Actor]) -> bool:
        return place is not None and where is not None and (place.key == where.key or contains(where, place))

    def linked(m: EventRecord, v: EventRecord) -> bool:
        if m.status != v.status or not ({a.key for a in m.agents} & {a.key for a in v.agents}):
            return False
        if m.place is not None:
            return at(m.place, v.place)
        hosts = [home_of(a) for a in m.agents if a.kind == "Person" and all(a.key != t.key for t in v.agents)]
        return any(at(v.place, h) for h in hosts if h is not None)

    def signed_on(a: EventRecord, v: EventRecord) -> bool:
        """An agreement between the traveller's country and the host country, signed on the trip."""
        if a.status != "signed" or v.status != "occurred" or not a.cues.verbal:   # "the 2019 treaty" is older
            return False
        homes = [home_of(t) for t in v.agents if t.kind == "Person"]
        return any(h is not None and any(p.key == h.key for p in a.agents) for h in homes) \
            and any(at(v.place, p) for p in a.agents)

    out = []
    for e in events:
        if e.start is None and not e.date_text and e.type in ("Meeting", "Visit", "Agreement"):
            other = "Meeting" if e.type == "Visit" else "Visit"
            test = {"Meeting": lambda x: linked(e, x), "Visit": lambda x: linked(x, e),
                    "Agreement": lambda x: signed_on(e, x)}[e.type]
            pairs = [x for x in events if x.type == other and x.start is not None and not x.cues.background
                     and not x.cues.repeat and news(x) and test(x)]
            # "he last visited China in 2022", "they will meet again next month": no meeting of this trip
            values = {_month_of(x).iso: x for x in pairs}
            if len(values) == 1:
                x = next(iter(values.values()))
                e = dataclasses.replace(e, start=_month_of(x), date_text=x.date_text)
        out.append(e)
    return out


def _split_by_trips(events: list[EventRecord], home_of: HomeOf, contains: Contains) -> list[EventRecord]:
    """'His travels will include meeting X and Y', where the article sends him to X's country and
    to Y's: one meeting with each, not a three-way meeting."""
    out = []
    for e in events:
        trips = [v for v in events if v.type == "Visit" and v.status == e.status and v.place is not None]
        travellers = [a for a in e.agents if any(a.key == t.key for v in trips for t in v.agents)]
        hosts = [a for a in e.agents if all(a.key != t.key for t in travellers)]
        homes = [home_of(h) if h.kind == "Person" else None for h in hosts]
        if e.type != "Meeting" or (e.place is not None and not e.cues.place_inferred) or len(travellers) != 1 or len(hosts) < 2 \
                or None in homes or len({h.key for h in homes}) != len(homes):
            out.append(e)
            continue
        own = [v for v in trips if any(t.key == travellers[0].key for t in v.agents)]
        if all(any(v.place.key == h.key or contains(h, v.place) for v in own) for h in homes):
            out += [dataclasses.replace(e, agents=[travellers[0], h]) for h in hosts]
        else:
            out.append(e)
    return out
