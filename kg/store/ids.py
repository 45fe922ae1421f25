"""Short ids a person can read and type back: `ev:` and the first 8 hex digits of an event's hash.

Event IRIs (https://w3id.org/kgnews/id/event/0123456789abcdef) are 50 characters: too long for a
table and for a command line. Listings show `ev:0123abcd`; every command that takes an event
takes that back, and any prefix of the hash that names exactly one event. A short id is turned
into the full IRI here, before the query is bound (as an RDF term, never pasted into its text),
and one that names no event or several is an error that says so, never an empty answer.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import errors
from ..paths import DATA_DIR
from ..vocab import RES

EVENT_IRI = RES + "event/"
SHORT = 8                                   # hex digits shown: 16^8 ids before two are likely to meet
SHORT_EVENT = re.compile(r"^ev:([0-9a-f]{1,16})$", re.IGNORECASE)   # EV:0123ABCD too: ids are typed
LOOKS_SHORT = re.compile(r"^ev:", re.IGNORECASE)   # meant as a short id, whether or not it is a good one
EVENT_PARAMS = ("event",)                   # stored-query parameters that name an event


def short_id(iri: str) -> Optional[str]:
    """`ev:0123abcd` for an event IRI; None for any other IRI."""
    if iri.startswith(EVENT_IRI) and len(iri) > len(EVENT_IRI):
        return "ev:" + iri[len(EVENT_IRI):][:SHORT]
    return None


def run_lookup(name: str, params: dict[str, str], path=None, endpoint: Optional[str] = None,
               timeout: float = 120.0) -> list[dict]:
    """The rows of kg/data/lookup/NAME.rq (or of show/ or web/ there: what `kg show` and the pages
    of `kg serve` ask) with `params` bound the way stored queries are, on the store or the
    endpoint: a list of {column: str or None}."""
    from . import queries
    from .answer import answer, as_dicts
    folder = next((f for f in ("lookup", "show") if (DATA_DIR / f / f"{name}.rq").is_file()), "web")
    q = queries.parse_stored(DATA_DIR / folder / f"{name}.rq")
    return as_dicts(answer(queries.bind(q, params), str(q.path), path, endpoint, timeout))


def event_iri(text: str, path=None, endpoint: Optional[str] = None, timeout: float = 120.0) -> str:
    """The IRI of the one event `text` names: `ev:` and a prefix of its hash, or its full IRI.
    An error naming what to try when it names none, or the candidates when it names several."""
    m = SHORT_EVENT.match(text.strip())
    if not m and LOOKS_SHORT.match(text.strip()):   # 'ev:', 'ev:zz': not an id, so no lookup can find it
        raise errors.bad_event_id(text)
    prefix = EVENT_IRI + m.group(1).lower() if m else text.strip()
    found = [r["event"] for r in run_lookup("events", {"prefix": prefix}, path, endpoint, timeout)]
    if not m:
        found = [e for e in found if e == prefix]
    if not found:
        raise errors.no_such_event(text)
    if len(found) > 1:
        raise errors.ambiguous_event(text, [_longer_id(e, found) for e in found])
    return found[0]


def _longer_id(iri: str, among: list[str]) -> str:
    """An id of `iri` long enough to tell it from the others `among`."""
    digits = iri[len(EVENT_IRI):]
    others = [o[len(EVENT_IRI):] for o in among if o != iri]
    n = SHORT
    while n < len(digits) and any(o.startswith(digits[:n]) for o in others):
        n += 1
    return "ev:" + digits[:n]


def resolve_params(params: dict[str, str], path=None, endpoint: Optional[str] = None,
                   timeout: float = 120.0) -> dict[str, str]:
    """`params` with each short event id (in any parameter) replaced by its event's IRI, and each
    event parameter checked to name an event: a typo is an error, not 0 rows and exit 0."""
    out = dict(params)
    for name, value in params.items():
        if SHORT_EVENT.match(value.strip()) or name in EVENT_PARAMS:
            out[name] = event_iri(value, path, endpoint, timeout)
    return out
