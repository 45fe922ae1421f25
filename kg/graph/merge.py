"""Derive the event layer from the article graphs.

Mentions of one real-world event (same type, shared people, compatible place and dates) become
one event that points back to every mention and source article; every actor gets one preferred
label. The layer is computed from scratch from the article graphs each time, so it can never
keep an event whose articles are gone (NewsReader's mention/instance split).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional

from pyoxigraph import Literal, NamedNode, Quad, Store

from .. import vocab as v
from ..extract.dates import interval
from ..paths import data_files

KG = v.NS
EVENT_CLASS = {KG + "VisitMention": "Visit", KG + "MeetingMention": "Meeting",
               KG + "AgreementMention": "Agreement"}
AGENT_PROPS = {KG + "traveller", KG + "participant", KG + "party"}
PLACE_PROPS = {KG + "destination", KG + "place"}
START_PROPS = {KG + "startDate", KG + "date"}
COPIED_PROPS = AGENT_PROPS | PLACE_PROPS | START_PROPS | {
    KG + "endDate", KG + "mode", KG + "name", KG + "signatory", KG + "datePrecision", KG + "dateText",
    KG + "background"}
TRIP_DAYS = 3   # reports of one traveller's visit to one place this many days apart are one trip
RECENT = timedelta(days=31)    # an undated report of what happened: at most about a month old
AHEAD = timedelta(days=365)    # an undated plan or invitation: carried out within about a year
# When reports disagree on status, the later article wins; on a tie, the more definite status.
STATUS_RANK = {"cancelled": 6, "occurred": 5, "signed": 5, "inForce": 4, "planned": 2, "invited": 1}

MENTIONS_QUERY = f"""
PREFIX kg: <{KG}>
PREFIX schema: <{v.SCHEMA}>
SELECT ?g ?m ?cls ?status ?article ?published ?p ?o WHERE {{
  GRAPH ?g {{
    ?m a ?cls ; kg:article ?article ; kg:status ?status .
    VALUES ?cls {{ kg:VisitMention kg:MeetingMention kg:AgreementMention }}
    OPTIONAL {{ ?article schema:datePublished ?published }}
    OPTIONAL {{ ?m ?p ?o }}
  }}
}}"""

ACTORS_QUERY = f"""
PREFIX kg: <{KG}>
SELECT ?g ?a ?p ?o WHERE {{
  GRAPH ?g {{
    ?a a ?t ; ?p ?o .
    VALUES ?t {{ kg:Person kg:Organization kg:Country kg:City kg:Region kg:Venue }}
    VALUES ?p {{ <{v.RDF}type> <{v.RDFS}label> <{v.SKOS}prefLabel> kg:geonamesId
                <{v.OWL}sameAs> kg:locatedIn }}
  }}
}}"""


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
        return any(o.value in ("true", "1") for o in self.props.get(KG + "background", []))


@dataclass
class ActorInfo:
    types: set = field(default_factory=set)
    labels: Counter = field(default_factory=Counter)
    pref: Counter = field(default_factory=Counter)
    other: set = field(default_factory=set)   # (predicate, object) pairs copied as they are


def _article_graph(g) -> bool:
    return isinstance(g, NamedNode) and g.value.startswith(v.ARTICLE_GRAPH_PREFIX)


def read_mentions(sources: Iterable[tuple[Store, set[str]]]) -> list[Mention]:
    mentions: dict[str, Mention] = {}
    for store, excluded in sources:
        for row in store.query(MENTIONS_QUERY):
            g = row["g"]
            if not _article_graph(g) or g.value in excluded:
                continue
            m = mentions.get(row["m"].value)
            if m is None:
                m = mentions[row["m"].value] = Mention(
                    row["m"].value, EVENT_CLASS[row["cls"].value],
                    row["status"].value.rsplit("#", 1)[-1], row["article"].value,
                    row["published"].value if row["published"] else "")
            if row["p"] is not None and row["p"].value in COPIED_PROPS and row["o"] not in m.props[row["p"].value]:
                m.props[row["p"].value].append(row["o"])
    return sorted(mentions.values(), key=lambda m: m.iri)


def read_actors(sources: Iterable[tuple[Store, set[str]]]) -> dict[str, ActorInfo]:
    actors: dict[str, ActorInfo] = defaultdict(ActorInfo)
    for store, excluded in sources:
        for row in store.query(ACTORS_QUERY):
            g = row["g"]
            if not _article_graph(g) or g.value in excluded:
                continue
            info, p, o = actors[row["a"].value], row["p"].value, row["o"]
            if p == v.RDF + "type":
                info.types.add(o.value)
            elif p == v.RDFS + "label":
                info.labels[o.value] += 1
            elif p == v.SKOS + "prefLabel":
                info.pref[o.value] += 1
            else:
                info.other.add((p, o))
    return actors


# --- time, place, name and occurrence: can two reports be of one event? ----------------------

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


def window(m: Mention) -> Optional[tuple[date, date]]:
    """When the event can have taken place: the mention's own dates, else a window from its
    article's publication date and status, else None (unknown).

    News reports what just happened or what is coming: an undated "X and Y met" is at most about
    a month old (RECENT), an undated plan or invitation is carried out within about a year
    (AHEAD), a cancellation may concern either. An agreement in force can be of any age before
    publication (its name keeps other agreements apart). Bounded windows keep the same pair's
    meetings reported a year apart two events. An undated mention told as background ("had met
    before") could be any earlier occurrence, and one without a publication date any time: None."""
    own = span(m)
    if own is not None:
        return own
    pub = interval(m.published) if m.published else None
    if pub is None or m.background:
        return None
    day = pub[0]
    if m.status in ("occurred", "signed"):
        return day - RECENT, day
    if m.status in ("planned", "invited"):
        return day, day + AHEAD
    if m.status == "cancelled":
        return day - RECENT, day + AHEAD
    return date.min, day   # inForce


def dates_compatible(a: Mention, b: Mention) -> bool:
    """Their times overlap. A mention of unknown time contradicts no date (it links only
    within its article, see `linkable`). Two reports of one trip may date it by different days
    (arrival, the day of the talks): dated visits get TRIP_DAYS of slack; other events none."""
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return True
    trip = a.type == "Visit" and span(a) is not None and span(b) is not None
    slack = timedelta(days=TRIP_DAYS if trip else 0)
    return wa[0] <= wb[1] + slack and wb[0] <= wa[1] + slack


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
    pa, pb = a.values(PLACE_PROPS), b.values(PLACE_PROPS)
    if not pa or not pb:
        return a.type != "Visit"   # a visit is defined by where it goes
    return any(within(x, y, parent) or within(y, x, parent) for x in pa for y in pb)


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
    return frozenset(w for w in words if w not in nouns and w not in unspecific)


def names_compatible(a: Mention, b: Mention) -> bool:
    """Two specific names with no content word in common are two agreements."""
    wa = frozenset().union(*(name_words(n) for n in a.values({KG + "name"})))
    wb = frozenset().union(*(name_words(n) for n in b.values({KG + "name"})))
    return not wa or not wb or bool(wa & wb)


def occurrences_compatible(a: Mention, b: Mention) -> bool:
    """What the wording says about which occurrence: an undated background report ("they had
    met before") may be any earlier one, so it joins nothing; within one article, a background
    report is another occurrence than the news, and an undated report that tells another outcome
    ("will meet" beside "met") another one too."""
    if any(m.background and span(m) is None for m in (a, b)):
        return False
    if a.article != b.article:
        return True
    return a.background == b.background and (a.status == b.status or (span(a) is not None and span(b) is not None))


def conflict(a: Mention, b: Mention, parent) -> bool:
    """Two reports that cannot be of one event: other places, times, names or occurrences."""
    return not (places_compatible(a, b, parent) and dates_compatible(a, b) and names_compatible(a, b)
                and occurrences_compatible(a, b))


def same_event(a: Mention, b: Mention, parent) -> bool:
    """Evidence that two reports are of one event: same type, shared people (a visit: its
    traveller; else two), known times that agree, and no conflict."""
    if a.type != b.type:
        return False
    sa, sb = a.values(AGENT_PROPS), b.values(AGENT_PROPS)
    needed = 1 if a.type == "Visit" else min(2, len(sa), len(sb))
    if len(sa & sb) < needed:
        return False
    if a.article != b.article:
        if window(a) is None or window(b) is None:
            return False   # no time to compare: it joins only reports of its own article
        if (span(a) is None) != (span(b) is None) and not (a.values(PLACE_PROPS) and b.values(PLACE_PROPS)):
            return False   # an undated, placeless report could be any of these people's meetings
    return not conflict(a, b, parent)


# --- clustering ----------------------------------------------------------------------------------

def content_key(m: Mention) -> tuple:
    """What a mention says, for ordering ties by content instead of by IRI or input order."""
    def vals(props):
        return tuple(sorted(o.value for p in sorted(props) for o in m.props.get(p, [])))
    return (m.type, m.published, m.status, vals(AGENT_PROPS), vals(PLACE_PROPS), vals(START_PROPS),
            vals({KG + "endDate"}), vals({KG + "name"}), vals({KG + "mode"}), vals({KG + "dateText"}),
            m.background, m.article, m.iri)


def tightness(a: Mention, b: Mention) -> int:
    """How firmly the times of a linked pair agree: 3 both to the day (or the same month),
    2 both dated, 1 a window."""
    sa, sb = a.first(START_PROPS), b.first(START_PROPS)
    if sa is None or sb is None:
        return 1
    if (len(sa.value) == len(sb.value) == 10) or (sa.value == sb.value and len(sa.value) == 7):
        return 3
    return 2


def _strength(a: Mention, b: Mention) -> tuple:
    shared = len(a.values(AGENT_PROPS) & b.values(AGENT_PROPS))
    same_place = bool(a.values(PLACE_PROPS) & b.values(PLACE_PROPS))
    return (tightness(a, b), a.article == b.article, shared, same_place, a.status == b.status)


class _Groups:
    """Union-find over mention indexes that keeps each group's members for conflict checks."""

    def __init__(self, n: int):
        self.root = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = sorted((self.find(i), self.find(j)))
        self.root[rj] = ri
        self.members[ri] += self.members.pop(rj)


def clusters(mentions: list[Mention], parent) -> list[list[Mention]]:
    """Group mentions into events, whatever order they come in.

    Linked pairs join strongest first (dates agreeing to the day before a month, a month before
    an undated window; then one article's own reports; then more shared people). Two groups never
    join while any pair across them conflicts, so a month never bridges two different days and an
    undated report never chains an invitation to a visit. A vague link (not to the day) is not
    followed when the group could as well join another group that conflicts with the first: an
    undated "X and Y met" between two of their meetings belongs to neither (better no date than a
    wrong one); a report of the same article is not ambiguous that way."""
    ms = sorted(mentions, key=content_key)
    links = _links(ms, parent)
    near: dict[int, set[int]] = defaultdict(set)
    for i, j in links:
        near[i].add(j)
        near[j].add(i)
    groups = _Groups(len(ms))

    def clash(gi: int, gj: int) -> bool:
        return any(conflict(ms[x], ms[y], parent) for x in groups.members[gi] for y in groups.members[gj])

    def ambiguous(side: int, other: int) -> bool:
        reach = {groups.find(k) for x in groups.members[side] for k in near[x]} - {side, other}
        return any(not clash(side, z) and clash(z, other) for z in sorted(reach))

    for i, j in sorted(links, key=lambda ij: (tuple(-int(x) for x in _strength(ms[ij[0]], ms[ij[1]])), ij)):
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj or clash(gi, gj):
            continue
        if tightness(ms[i], ms[j]) < 3 and ms[i].article != ms[j].article and (
                ambiguous(gi, gj) or ambiguous(gj, gi)):
            continue
        groups.join(gi, gj)
    out = defaultdict(list)
    for i, m in enumerate(ms):
        out[groups.find(i)].append(m)
    return [out[k] for k in sorted(out)]


def _links(ms: list[Mention], parent) -> set[tuple[int, int]]:
    """Pairs (by index) with evidence of one event; only mentions sharing a person are compared."""
    by_agent = defaultdict(list)
    for i, m in enumerate(ms):
        for a in sorted(m.values(AGENT_PROPS)):
            by_agent[(m.type, a)].append(i)
    pairs = {(x, y) for group in by_agent.values() for n, x in enumerate(group) for y in group[n + 1:]}
    return {(i, j) for i, j in pairs if same_event(ms[i], ms[j], parent)}


# --- building the layer -----------------------------------------------------------------------

def _pick_status_mention(group: list[Mention]) -> Mention:
    """The latest article's report; on a tie the more definite status, then by content."""
    return max(group, key=lambda m: (m.published, STATUS_RANK.get(m.status, 0), content_key(m)))


def _most_specific_place(group: list[Mention], parent) -> Optional[str]:
    places = sorted({p for m in group for p in m.values(PLACE_PROPS)})
    for p in places:
        if all(within(p, q, parent) for q in places):
            return p
    return places[0] if places else None


def _date_mention(group: list[Mention], lead: Mention) -> Optional[Mention]:
    """The report whose dates the event takes: the most precise among those that agree with the
    chosen status, or a more precise one lying inside it ("in March" said when it happened, "on
    Tuesday" when it was planned); of a trip, the earliest day (it starts on its first day)."""
    dated = [m for m in group if m.first(START_PROPS) is not None]
    agreeing = [m for m in dated if m.status == lead.status] or dated
    if not agreeing:
        return None

    def precision(m: Mention):
        value = m.first(START_PROPS).value
        days = interval(value)
        earliest = -days[0].toordinal() if m.type == "Visit" and days else 0
        return len(value), earliest, m.published, content_key(m)
    anchor = max(agreeing, key=precision)
    return max([m for m in dated if _inside(span(m), span(anchor))] or [anchor], key=precision)


def _event_name(group: list[Mention]) -> Optional[Literal]:
    """The name that tells most which agreement it is: a specific one, the most often reported,
    then the one with most content words, the longer, by its text."""
    names = Counter(o.value for m in group for o in m.props.get(KG + "name", []))
    if not names:
        return None
    best = max(names, key=lambda n: (bool(name_words(n)), names[n], len(name_words(n)), len(n), n))
    return Literal(best)


def _first_of(p: str, preferred: list[Mention], group: list[Mention]):
    """The value of `p` the preferred reports give, else the most frequent in the group (by text on a tie)."""
    for m in preferred:
        if m.props.get(p):
            return min(m.props[p], key=str)
    counts = Counter(o for m in group for o in m.props.get(p, []))
    return max(counts, key=lambda o: (counts[o], str(o))) if counts else None


def event_node(group: list[Mention]) -> NamedNode:
    """The event's IRI, from its type and its first mention IRI: stable while that mention lives."""
    anchor = min(m.iri for m in group)
    return NamedNode(v.RES + "event/" + hashlib.sha1(f"{group[0].type} {anchor}".encode()).hexdigest()[:16])


def event_quads(group: list[Mention], parent) -> list[Quad]:
    g, kind, node = NamedNode(v.EVENTS_GRAPH), group[0].type, event_node(group)
    quads = [Quad(node, NamedNode(v.RDF + "type"), NamedNode(KG + kind), g)]

    def add(p: str, o) -> None:
        if o is not None:
            quads.append(Quad(node, NamedNode(p), o, g))

    lead = _pick_status_mention(group)
    add(KG + "status", NamedNode(KG + lead.status))
    for iri in sorted(m.iri for m in group):
        add(KG + "mention", NamedNode(iri))
    for a in sorted({m.article for m in group}):
        add(KG + "source", NamedNode(a))
    for p in sorted(AGENT_PROPS | {KG + "signatory"}):
        for o in sorted({o.value for m in group for o in m.props.get(p, [])}):
            add(p, NamedNode(o))
    place = _most_specific_place(group, parent)
    if place:
        add(KG + ("destination" if kind == "Visit" else "place"), NamedNode(place))
    dated = _date_mention(group, lead)
    if dated is not None:
        for p in sorted(START_PROPS | {KG + "endDate", KG + "datePrecision"}):
            add(p, _first_of(p, [dated], []))
    add(KG + "mode", _first_of(KG + "mode", [lead], group))
    add(KG + "name", _event_name(group))
    add(KG + "dateText", _first_of(KG + "dateText", [dated or lead], group if dated is None else []))
    return quads


def _inside(inner, outer) -> bool:
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def actor_quads(actors: dict[str, ActorInfo]) -> list[Quad]:
    g = NamedNode(v.EVENTS_GRAPH)
    quads = []
    for iri in sorted(actors):
        info, node = actors[iri], NamedNode(iri)
        labels = info.pref or info.labels
        # The most frequent name wins; on a tie the fuller one (more words, then longer).
        pref = max(labels, key=lambda s: (labels[s], len(s.split()), len(s), s)) if labels else None
        for t in sorted(info.types):
            quads.append(Quad(node, NamedNode(v.RDF + "type"), NamedNode(t), g))
        if pref:
            quads.append(Quad(node, NamedNode(v.SKOS + "prefLabel"), Literal(pref), g))
        for alt in sorted(set(info.labels) | set(info.pref)):
            if alt != pref:
                quads.append(Quad(node, NamedNode(v.SKOS + "altLabel"), Literal(alt), g))
        for p, o in sorted(info.other, key=lambda po: (po[0], str(po[1]))):
            quads.append(Quad(node, NamedNode(p), o, g))
    return quads


def event_layer(sources: list[tuple[Store, set[str]]]) -> list[Quad]:
    """The whole events graph derived from the article graphs of `sources`.

    Each source is a store and the article-graph IRIs in it to ignore (those being replaced
    or removed), so a writer can compute the new layer before it commits anything."""
    mentions = read_mentions(sources)
    actors = read_actors(sources)
    parent: dict[str, set[str]] = defaultdict(set)
    for iri, info in actors.items():
        for p, o in info.other:
            if p == KG + "locatedIn":
                parent[iri].add(o.value)
    quads = actor_quads(actors)
    for group in sorted(clusters(mentions, parent), key=lambda grp: min(m.iri for m in grp)):
        quads.extend(event_quads(group, parent))
    return quads
