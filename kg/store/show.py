"""The records `kg show` prints: one event, actor (or place) or article, as plain data.

What a person types is looked up first (ids.py): `ev:0123abcd` or an event IRI is an event; an
article's file stem or IRI is an article; an actor's or place's IRI or name (any case, any of its
names) is that actor; failing those, the one article or actor part of whose stem or name it is
("lavrov"). The SPARQL lives in kg/data/show/*.rq, each bound like a stored query (the
IRI as an RDF term, never pasted into the text). A record is a dict of str, numbers, lists and
dicts, so `--format json` prints it as it is and kg/show_text.py renders the same for reading.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import errors
from ..table import words
from ..vocab import NS, RDF
from .ids import EVENT_IRI, LOOKS_SHORT, event_iri, run_lookup, short_id

ROLES = ("traveller", "participant", "party", "signatory", "destination", "place")   # lists of actors


class Finder:
    """Runs the show queries (and stored ones) on one store (or endpoint)."""

    def __init__(self, path=None, endpoint: Optional[str] = None, timeout: float = 120.0, own: bool = False,
                 allow_service: bool = False):
        self.path, self.endpoint, self.timeout = path, endpoint, timeout
        self.own, self.allow_service = own, allow_service   # kg serve's own engine: SERVICE only if allowed

    def rows(self, name: str, **params) -> list[dict]:
        return run_lookup(name, params, self.path, self.endpoint, self.timeout)

    def rows_of(self, name: str, **params) -> list[dict]:
        """The rows of the stored query `name` (queries/), as `kg query` runs it."""
        from .answer import as_dicts
        return as_dicts(self.answer_of(name, **params))

    def answer_of(self, name: str, **params):
        """The answer of the stored query `name`: rows, a bool (ASK) or triples (CONSTRUCT)."""
        from . import queries
        from .answer import answer, stored
        text, where = stored(queries.get(name), params, self.path, self.endpoint, self.timeout)
        return answer(text, where, self.path, self.endpoint, self.timeout, allow_service=self.allow_service,
                      own_endpoint=self.own)


def show(text: str, finder: Finder) -> dict:
    """The record of whatever `text` names; an error naming what to try when it names nothing,
    or the candidates when it could mean several things."""
    text = text.strip()
    if not text:
        raise errors.nothing_named()
    if LOOKS_SHORT.match(text) or text.startswith(EVENT_IRI):
        return event_record(event_iri(text, finder.path, finder.endpoint, finder.timeout), finder)
    found = finder.rows("things", text=text) or finder.rows("things-like", text=text)
    if not found:
        raise errors.nothing_to_show(text)
    if len({r["thing"] for r in found}) > 1:
        raise errors.ambiguous_thing(text, [f"{r['name']} ({r['kind']}, {r['thing']})" for r in found])
    thing = found[0]
    return (article_record if thing["kind"] == "article" else actor_record)(thing["thing"], finder)


def local(iri: str) -> str:
    """The name after kg:'s namespace (or the last path segment)."""
    return iri[len(NS):] if iri.startswith(NS) else re.split(r"[#/]", iri.rstrip("/"))[-1]


def _number(text: Optional[str]):
    if text is None:
        return None
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        return text


def _entity(row: dict) -> dict:
    out = {"name": row["name"], "iri": row["value"]}
    if row.get("code"):
        out["countryCode"] = row["code"]
    if row.get("lat") is not None and row.get("long") is not None:
        out["lat"], out["long"] = _number(row["lat"]), _number(row["long"])
    return out


def trigger_span(evidence: str, trigger: Optional[str]) -> Optional[list[int]]:
    """Where the trigger words stand in the sentence ([begin, end]; a whole word first), or None."""
    if not trigger:
        return None
    for pattern in (rf"\b{re.escape(trigger)}\b", re.escape(trigger)):
        m = re.search(pattern, evidence, re.IGNORECASE)
        if m:
            return [m.start(), m.end()]
    return None


def _mention(row: dict) -> dict:
    out = {"evidence": row["evidence"], "begin": _number(row["begin"]), "end": _number(row["end"]),
           "trigger": row.get("trigger"), "trigger_span": trigger_span(row["evidence"], row.get("trigger")),
           "rule": row.get("rule"), "status": words(local(row["status"])) if row.get("status") else None}
    if row.get("confidence") is not None:
        out["confidence"] = _number(row["confidence"])
    return out


def event_record(iri: str, finder: Finder) -> dict:
    """An event: its type, status, dates, actors and places (with codes when present), every
    other property the event layer gives, then each source article with its mentions."""
    rec: dict = {"kind": "event", "id": short_id(iri), "iri": iri}
    roles: dict = {}
    for row in finder.rows("event", event=iri):
        prop, value = row["property"], row["value"]
        if prop == RDF + "type":
            rec["type"] = local(value)
            continue
        key = local(prop)
        if key in ROLES or row.get("name") is not None:
            roles.setdefault(key, [])
            if all(e["iri"] != value for e in roles[key]):
                roles[key].append(_entity(row) if row.get("name") is not None else {"name": value, "iri": value})
        else:
            shown = words(local(value)) if value.startswith(NS) else value
            rec[key] = shown if key not in rec else f"{rec[key]}; {shown}"
    rec["actors"] = roles
    rec["sources"] = _by_article(finder.rows("event-sources", event=iri))
    return rec


def _by_article(rows: list[dict]) -> list[dict]:
    out: dict = {}
    for r in rows:
        art = out.setdefault(r["article"], {
            "article": r.get("stem"), "iri": r["article"], "url": r.get("url"), "publisher": r.get("publisher"),
            "published": r.get("published"), "headline": r.get("headline"), "mentions": []})
        art["mentions"].append(_mention(r))
    return list(out.values())


def actor_record(iri: str, finder: Finder) -> dict:
    """An actor or place: its names, kinds, codes, the roles articles give it, and its events."""
    rows = finder.rows("actor", actor=iri)
    first = rows[0] if rows else {}
    rec: dict = {"kind": "actor", "iri": iri, "name": first.get("name"),
                 "types": sorted({local(r["class"]) for r in rows if r["class"].startswith(NS)}),
                 "altNames": sorted({r["alt"] for r in rows if r.get("alt")} - {first.get("name")})}
    for key, col in (("countryCode", "code"), ("within", "within")):
        if first.get(col):
            rec[key] = first[col]
    if first.get("lat") is not None:
        rec["lat"], rec["long"] = _number(first["lat"]), _number(first["long"])
    rec["roles"] = [{k: r[col] for k, col in (("role", "role"), ("of", "of"), ("asOf", "asof"), ("article", "stem"))
                     if r.get(col)} for r in finder.rows("actor-roles", actor=iri)]
    rec["events"] = [{"id": short_id(r["event"]), "iri": r["event"], "type": r["type"], "role": r["role"],
                      "date": r.get("date"), "status": words(r["status"]), "where": r.get("where")}
                     for r in finder.rows("actor-events", actor=iri)]
    return rec


def article_record(iri: str, finder: Finder) -> dict:
    """An article: its metadata, then each event mention in it and the event it became."""
    meta = (finder.rows("article", article=iri) or [{}])[0]
    rec: dict = {"kind": "article", "iri": iri, "article": meta.get("stem")}
    rec.update({k: meta.get(k) for k in ("url", "publisher", "published", "headline")})
    rec["mentions"] = [{"type": r["type"], "event": short_id(r["event"]) if r.get("event") else None,
                        **_mention(r)} for r in finder.rows("article-mentions", article=iri)]
    return rec
