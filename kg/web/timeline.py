"""The dated events a timeline picture shows (plot.py draws them), for `kg plot timeline` and the
pages of `kg serve` alike.

Parameters: `actor` and `place`, each a name or an IRI, and `from`, `to` (YYYY, YYYY-MM or
YYYY-MM-DD). The events are the stored `timeline` query's (so each is labelled with its actors
and place the same way everywhere): an actor's name is matched as there (a name or whole words of
it, any case), an IRI keeps the events that actor or place takes part in, and a place's name must equal,
any case, the name of where the event was. An event is kept when its date, at its own precision,
falls between `from` and `to` (a month overlapping them counts). Undated events are left out: a
picture cannot place them, and none is given a date it does not have."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import errors
from ..store.queries import ABSOLUTE_IRI
from ..store.show import Finder

PARAMS = ("actor", "place", "from", "to")
DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")   # YYYY, YYYY-MM or YYYY-MM-DD
TYPES = ("Visit", "Meeting", "Agreement")


@dataclass(frozen=True)
class Point:
    date: str     # YYYY, YYYY-MM or YYYY-MM-DD, as the event layer gives it
    type: str     # Visit, Meeting or Agreement
    label: str    # who and where, for the picture
    event: str    # the event's IRI


def points(params: dict[str, str], finder: Finder) -> list[Point]:
    """The dated events `params` select, in date order."""
    unknown = sorted(set(params) - set(PARAMS))
    if unknown:
        raise errors.unknown_picture_param(unknown[0], PARAMS)
    for key in ("from", "to"):
        if params.get(key) and not DATE.fullmatch(params[key]):
            raise errors.bad_picture_date(key, params[key])
    actor, place = params.get("actor"), params.get("place")
    by_name = {"actor": actor} if actor and not ABSOLUTE_IRI.match(actor) else {}
    rows = [r for r in finder.rows_of("timeline", **by_name) if r.get("date")]
    for iri in (p for p in (actor, place) if p and ABSOLUTE_IRI.match(p)):
        theirs = {r["event"] for r in finder.rows("actor-events", actor=iri)}
        rows = [r for r in rows if r["event"] in theirs]
    if place and not ABSOLUTE_IRI.match(place):
        rows = [r for r in rows if (r.get("where") or "").lower() == place.lower()]
    found = dict.fromkeys(Point(r["date"], r["type"], _label(r.get("where"), r.get("actors")), r["event"]) for r in rows)
    return sorted(_within(found, params.get("from"), params.get("to")), key=lambda p: (p.date, p.event))


def title(params: dict[str, str], finder: Finder) -> str:
    """What the picture shows, in words: its actor and place by name, and its dates."""
    def name(value: str) -> str:
        if not ABSOLUTE_IRI.match(value):
            return value
        return next((r["name"] for r in finder.rows("actor", actor=value) if r.get("name")), value)
    who = [name(params[k]) for k in ("actor", "place") if params.get(k)]
    when = " ".join(f"{k} {params[k]}" for k in ("from", "to") if params.get(k))
    return ", ".join(who + ([when] if when else [])) or "All events"


def _label(where: str | None, who: str | None) -> str:
    return " · ".join(x for x in (who, where) if x)


def _within(found, start: str | None, end: str | None) -> list[Point]:
    """Those whose date falls between `start` and `end`, each compared at its own precision."""
    return [p for p in found if (not start or p.date[:len(start)] >= start[:len(p.date)])
            and (not end or p.date[:len(end)] <= end[:len(p.date)])]
