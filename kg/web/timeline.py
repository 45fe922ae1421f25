"""The dated events a timeline picture shows (plot.py draws them), for `kg plot timeline` and the
pages of `kg serve` alike.

Parameters: `actor` and `place`, each a name or an IRI, and `from`, `to` (YYYY, YYYY-MM or
YYYY-MM-DD). An IRI means that actor's or place's own events (the show query actor-events, with
the part it plays); names go to the stored `timeline` query (a part of an actor's name, any case),
and a place name must equal, any case, the name of where the event was. Undated events are left
out: a picture cannot place them, and none is given a date it does not have."""
from __future__ import annotations

from dataclasses import dataclass

from .. import errors
from ..store.queries import ABSOLUTE_IRI
from ..store.show import Finder

PARAMS = ("actor", "place", "from", "to")
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
    actor, place = params.get("actor"), params.get("place")
    by_iri = next((p for p in (actor, place) if p and ABSOLUTE_IRI.match(p)), None)
    if by_iri:
        rows = finder.rows("actor-events", actor=by_iri)
        found = [Point(r["date"], r["type"], r.get("where") or r["role"], r["event"]) for r in rows if r.get("date")]
        other = place if by_iri == actor else actor
        if other:
            found = [p for p in found if other.lower() in p.label.lower()]
    else:
        query = {k: v for k, v in params.items() if k in ("actor", "from", "to") and v}
        rows = finder.rows_of("timeline", **query)
        found = [Point(r["date"], r["type"], _label(r.get("where"), r.get("actors")), r["event"]) for r in rows
                 if r.get("date") and (not place or (r.get("where") or "").lower() == place.lower())]
    return sorted(_within(dict.fromkeys(found), params.get("from"), params.get("to")), key=lambda p: (p.date, p.event))


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
