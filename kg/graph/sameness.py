"""Whether two reports can be of one event: time, place, name and which occurrence.

The event layer (kg/graph/merge.py) links mentions that `same_event` accepts and never puts two
that `conflict` into one event. Times come from a mention's own dates, else from a window around
its article's publication day, so reports a year apart stay apart however alike their words.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache, wraps
from typing import Optional

from .. import vocab as v
from ..extract.dates import interval
from ..paths import data_files

KG = v.NS
AGENT_PROPS = {KG + "traveller", KG + "participant", KG + "party"}
PLACE_PROPS = {KG + "destination", KG + "place"}
START_PROPS = {KG + "startDate", KG + "date"}
TRIP_DAYS = 3   # reports of one traveller's visit to one place this many days apart are one trip
RECENT = timedelta(days=31)    # an undated report of what happened: at most about a month old
AHEAD = timedelta(days=365)    # an undated plan or invitation: carried out within about a year
ANY_DAY = date(2000, 1, 1)     # stands for an article's day when only the relation of its reports counts


@dataclass
class Mention:
    iri: str
    type: str
    status: str
    article: str
    published: str = ""
    props: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def values(self, props: set[str]) -> set[str]:
        return {o.value for p in props for o in self.props.get(p, [])}

    def first(self, props: set[str]):
        return next((o for p in sorted(props) for o in self.props.get(p, [])), None)

    @property
    def background(self) -> bool:
        """The article tells it as an earlier or other occurrence than its news."""
        return _background(self)


def _memo(fn):
    """Keep fn(m) on the mention: clustering asks the same of a mention many times, and a
    mention is read whole before it is compared."""
    key = "_memo_" + fn.__name__

    @wraps(fn)
    def cached(m: Mention):
        if key not in m.__dict__:
            m.__dict__[key] = fn(m)
        return m.__dict__[key]
    return cached


@_memo
def _background(m: Mention) -> bool:
    return any(o.value in ("true", "1") for o in m.props.get(KG + "background", []))


@_memo
def agents(m: Mention) -> frozenset[str]:
    return frozenset(m.values(AGENT_PROPS))


@_memo
def places(m: Mention) -> frozenset[str]:
    return frozenset(m.values(PLACE_PROPS))


@_memo
def span(m: Mention) -> Optional[tuple[date, date]]:
    """The days the mention's own dates cover (start to end), or None when it gives no date."""
    start = m.first(START_PROPS)
    if start is None:
        return None
    lo = interval(start.value)
    end = m.first({KG + "endDate"})
    hi = interval(end.value) if end is not None else None
    if lo is None:
        return None
    return lo[0], (hi or lo)[1]


@_memo
def window(m: Mention) -> Optional[tuple[date, date]]:
    """When the event can have taken place: the mention's own dates, else the window of its
    status around its article's publication day (`status_window`), else None (unknown): an
    undated mention told as background ("had met before") could be any earlier occurrence, one
    whose date words could not be read ("on Thursday evening") has a day of its own, and one without
    a publication date could be any time."""
    own = span(m)
    if own is not None:
        return own
    pub = interval(m.published) if m.published else None
    if pub is None or m.background or unread(m):
        return None
    return status_window(m.status, pub[0])


@_memo
def unread(m: Mention) -> bool:
    """Date words that gave no date."""
    return span(m) is None and m.first({KG + "dateText"}) is not None


def status_window(status: str, day: date) -> tuple[date, date]:
    """When an undated event reported on `day` with this status can have taken place.

    News reports what just happened or what is coming: an undated "X and Y met" is at most about
    a month old (RECENT), an undated plan is carried out within about a year (AHEAD), an
    invitation from the next day on, a cancellation may concern either. An agreement in force can
    be of any age (its name keeps other agreements apart). Bounded windows keep the same pair's
    meetings reported a year apart two events. Near the ends of the calendar a window stops
    there (a sidecar may date an article in year 1)."""
    try:
        return _window(status, day)
    except OverflowError:
        return date.min, date.max


def _window(status: str, day: date) -> tuple[date, date]:
    if status in ("occurred", "signed"):
        return day - RECENT, day
    if status == "planned":
        return day, day + AHEAD
    if status == "invited":
        return day + timedelta(days=1), day + AHEAD   # an invitation is for a later visit
    if status == "cancelled":
        return day - RECENT, day + AHEAD
    return date.min, day   # inForce


def overlap(wa, wb, slack_days: int = 0) -> bool:
    slack = timedelta(days=slack_days)
    return wa[0] <= wb[1] + slack and wb[0] <= wa[1] + slack


def trip_slack(a: Mention, b: Mention) -> int:
    """Two reports of one trip may date it by different days (arrival, the day of the talks): a
    state visit lasts a few days, so dated visits get TRIP_DAYS of slack; other events none."""
    return TRIP_DAYS if a.type == "Visit" and span(a) is not None and span(b) is not None else 0


def dates_compatible(a: Mention, b: Mention, anchored=frozenset()) -> bool:
    """Reports of different articles: their times overlap. A mention of unknown time contradicts
    no date (it links only within its article, see `same_event`); so does an undated one that
    its own article's dated reports place in time (`anchored`: those carry its time)."""
    wa = None if a.iri in anchored else window(a)
    wb = None if b.iri in anchored else window(b)
    return wa is None or wb is None or overlap(wa, wb, trip_slack(a, b))


def told_together(a: Mention, b: Mention) -> bool:
    """Reports of one article: dated ones overlap; two undated ones have status windows that meet
    around the article's day, whichever it is ("will meet at the palace" beside "arrived",
    not an invitation beside "visited"); an undated one joins a dated one when it tells the same
    outcome (the article's own word on it, whose date coreference left unset) or its window meets it."""
    sa, sb = span(a), span(b)
    if sa is not None and sb is not None:
        return overlap(sa, sb, trip_slack(a, b))
    if sa is None and sb is None and not (unread(a) or unread(b)):
        return overlap(status_window(a.status, ANY_DAY), status_window(b.status, ANY_DAY))
    wa, wb = window(a), window(b)
    return a.status == b.status or (wa is not None and wb is not None and overlap(wa, wb))


def within(inner: str, outer: str, parent: dict[str, set[str]]) -> bool:
    seen, todo = set(), [inner]
    while todo:
        node = todo.pop()
        if node == outer:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(parent.get(node, ()))
    return False


def places_compatible(a: Mention, b: Mention, parent) -> bool:
    pa, pb = places(a), places(b)
    if not pa or not pb:
        return a.type != "Visit"   # a visit is defined by where it goes
    return bool(pa & pb) or any(within(x, y, parent) or within(y, x, parent) for x in pa for y in pb)


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset, frozenset]:
    """Agreement nouns, and the words that name no agreement in particular (kg/data/agreement_names.json)."""
    nouns, unspecific = set(), set()
    for f in data_files("agreement_names.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        nouns.update(_fold(w) for w in d.get("agreement_nouns", []))
        unspecific.update(_fold(w) for k in ("function_words", "unspecific_words") for w in d.get(k, []))
    return frozenset(nouns), frozenset(unspecific)


def _fold(word: str) -> str:
    """'accords' and 'accord', 'minerals' and 'mineral' are one word for comparing names."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def name_words(name: str) -> frozenset[str]:
    """The words of an agreement's name that tell which agreement it is ("water sharing" of
    "a water-sharing accord"); none when it names no agreement in particular ("the new deal")."""
    nouns, unspecific = _name_lists()
    words = [_fold(w) for w in re.findall(r"[^\W_]+", name)]
    if not any(w in nouns for w in words):
        return frozenset()   # no agreement noun: not a name ("leader seals")
    return frozenset(w for w in words if w not in nouns and w not in unspecific and not w.isdigit())


@_memo
def agreement_words(m: Mention) -> frozenset[str]:
    return frozenset().union(*(name_words(n) for n in m.values({KG + "name"})))


STEM = 5   # words sharing their first letters are one word here: "friendship" and "friendly"


def names_compatible(a: Mention, b: Mention) -> bool:
    """Two specific names with no content word in common are two agreements."""
    wa, wb = agreement_words(a), agreement_words(b)
    return not wa or not wb or bool({w[:STEM] for w in wa} & {w[:STEM] for w in wb})


def occurrences_compatible(a: Mention, b: Mention) -> bool:
    """What the wording says about which occurrence: an undated background report ("they had
    met before") may be any earlier one, so it joins nothing; within one article, a background
    report is another occurrence than the news, unless both carry a date (which then decides)."""
    if any(m.background and span(m) is None for m in (a, b)):
        return False
    return a.article != b.article or a.background == b.background or (span(a) is not None and span(b) is not None)


def conflict(a: Mention, b: Mention, parent, anchored=frozenset()) -> bool:
    """Two reports that cannot be of one event: other places, times, names or occurrences."""
    if not (places_compatible(a, b, parent) and names_compatible(a, b) and occurrences_compatible(a, b)
            and sides_compatible(a, b)):
        return True
    if a.article == b.article:
        return not told_together(a, b)
    return not dates_compatible(a, b, anchored)


def sides_compatible(a: Mention, b: Mention) -> bool:
    """Two reports of a meeting or agreement between two different pairs are two events, even
    when a report of all three joins each ('separate meetings with X and Y')."""
    sa, sb = agents(a), agents(b)
    return a.type == "Visit" or len(sa) != 2 or len(sb) != 2 or sa == sb


def same_event(a: Mention, b: Mention, parent, anchored=frozenset()) -> bool:
    """Evidence that two reports are of one event: same type, shared people (a visit: its
    traveller; else two), times known (or the same article) and no conflict."""
    if a.type != b.type:
        return False
    sa, sb = agents(a), agents(b)
    needed = 1 if a.type == "Visit" else min(2, len(sa), len(sb))
    if len(sa & sb) < needed:
        return False
    if a.article != b.article:
        if any(m.iri not in anchored and window(m) is None for m in (a, b)):
            return False   # no time to compare: it joins only reports of its own article
        if (span(a) is None) != (span(b) is None) and not (places(a) and places(b)):
            return False   # an undated, placeless report could be any of these people's meetings
    return not conflict(a, b, parent, anchored)
