"""Derive the event layer from the article graphs.

Mentions of one real-world event (same type, shared people, compatible place and dates) become
one event that points back to every mention and source article; every actor gets one preferred
label. The layer is computed from scratch from the article graphs each time, so it can never
keep an event whose articles are gone (NewsReader's mention/instance split).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional

from pyoxigraph import Literal, NamedNode, Quad, Store

from .. import vocab as v
from ..extract.dates import interval

KG = v.NS
EVENT_CLASS = {KG + "VisitMention": "Visit", KG + "MeetingMention": "Meeting",
               KG + "AgreementMention": "Agreement"}
AGENT_PROPS = {KG + "traveller", KG + "participant", KG + "party"}
PLACE_PROPS = {KG + "destination", KG + "place"}
START_PROPS = {KG + "startDate", KG + "date"}
COPIED_PROPS = AGENT_PROPS | PLACE_PROPS | START_PROPS | {
    KG + "endDate", KG + "mode", KG + "name", KG + "signatory", KG + "datePrecision", KG + "dateText"}
TRIP_DAYS = 3   # reports of one traveller's visit to one place this many days apart are one trip
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


# --- dates and places -----------------------------------------------------------------------

def span(m: Mention) -> Optional[tuple[date, date]]:
    start = m.first(START_PROPS)
    if start is None:
        return None
    lo = interval(start.value)
    end = m.first({KG + "endDate"})
    hi = interval(end.value) if end is not None else None
    if lo is None:
        return None
    return lo[0], (hi or lo)[1]


def dates_compatible(a: Mention, b: Mention) -> bool:
    sa, sb = span(a), span(b)
    if (sa is None and a.first({KG + "dateText"}) is not None and sb is not None) or \
            (sb is None and b.first({KG + "dateText"}) is not None and sa is not None):
        return False   # "on Tuesday" with no publication date to read it by may be any Tuesday
    if sa is None or sb is None:
        # A report without a date is the same event only if it agrees on what happened:
        # "accepted an invitation to visit X" is not the visit he made later.
        return a.status == b.status
    slack = timedelta(days=TRIP_DAYS if a.type == "Visit" else 0)   # a trip lasts days: Monday's dinner, Tuesday's talks
    return sa[0] <= sb[1] + slack and sb[0] <= sa[1] + slack


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


def same_event(a: Mention, b: Mention, parent) -> bool:
    if a.type != b.type:
        return False
    sa, sb = a.values(AGENT_PROPS), b.values(AGENT_PROPS)
    shared = len(sa & sb)
    needed = 1 if a.type == "Visit" else min(2, len(sa), len(sb))
    if (span(a) is None) != (span(b) is None) and a.article != b.article \
            and not (a.values(PLACE_PROPS) and b.values(PLACE_PROPS)):
        return False   # an undated, placeless report could be any of these people's meetings
    return (shared >= needed and places_compatible(a, b, parent) and dates_compatible(a, b))


def conflict(a: Mention, b: Mention, parent) -> bool:
    """Two reports that cannot be of one event: other places, other dates, other outcome."""
    return not (places_compatible(a, b, parent) and dates_compatible(a, b))


def clusters(mentions: list[Mention], parent) -> list[list[Mention]]:
    """Single-link clustering with union-find, except that two groups never join while any
    pair across them conflicts (no chaining an invitation to a visit through an undated report).
    Mentions are few per actor, so pairs are cheap."""
    root = list(range(len(mentions)))
    members = {i: [i] for i in range(len(mentions))}

    def find(i):
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    by_agent = defaultdict(list)
    for i, m in enumerate(mentions):
        for a in m.values(AGENT_PROPS):
            by_agent[(m.type, a)].append(i)
    for group in by_agent.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                i, j = group[x], group[y]
                ri, rj = find(i), find(j)
                if ri != rj and same_event(mentions[i], mentions[j], parent) and not any(
                        conflict(mentions[x], mentions[y], parent) for x in members[ri] for y in members[rj]):
                    root[ri] = rj
                    members[rj] += members.pop(ri)
    out = defaultdict(list)
    for i, m in enumerate(mentions):
        out[find(i)].append(m)
    return list(out.values())


# --- building the layer -----------------------------------------------------------------------

def _pick_status_mention(group: list[Mention]) -> Mention:
    return max(group, key=lambda m: (m.published, STATUS_RANK.get(m.status, 0), m.iri))


def _most_specific_place(group: list[Mention], parent) -> Optional[str]:
    places = sorted({p for m in group for p in m.values(PLACE_PROPS)})
    for p in places:
        if all(within(p, q, parent) for q in places):
            return p
    return places[0] if places else None


def event_quads(group: list[Mention], parent) -> list[Quad]:
    g = NamedNode(v.EVENTS_GRAPH)
    kind = group[0].type
    anchor = min(m.iri for m in group)
    node = NamedNode(v.RES + "event/" + hashlib.sha1(f"{kind} {anchor}".encode()).hexdigest()[:16])
    quads = [Quad(node, NamedNode(v.RDF + "type"), NamedNode(KG + kind), g)]

    def add(p: str, o) -> None:
        quads.append(Quad(node, NamedNode(p), o, g))

    lead = _pick_status_mention(group)
    add(KG + "status", NamedNode(KG + lead.status))
    for m in group:
        add(KG + "mention", NamedNode(m.iri))
    for a in sorted({m.article for m in group}):
        add(KG + "source", NamedNode(a))
    for p in sorted(AGENT_PROPS | {KG + "signatory"}):
        for o in sorted({o.value for m in group for o in m.props.get(p, [])}):
            add(p, NamedNode(o))
    place = _most_specific_place(group, parent)
    if place:
        add(KG + ("destination" if kind == "Visit" else "place"), NamedNode(place))
    # Dates: the most precise report among those that agree with the chosen status.
    dated = [m for m in group if m.first(START_PROPS) is not None]
    agreeing = [m for m in dated if m.status == lead.status] or dated
    if agreeing:
        def precision(m: Mention):
            """The most precise date; of a trip, the earliest of those (it starts on its first day)."""
            value = m.first(START_PROPS).value
            days = interval(value)
            earliest = -days[0].toordinal() if kind == "Visit" and days else 0
            return len(value), earliest, m.published, m.iri
        anchor = max(agreeing, key=precision)
        # A more precise report that falls within it wins: "in March" (it happened) and "on Tuesday" (planned)
        best = max([m for m in dated if _inside(span(m), span(anchor))] or [anchor], key=precision)
        for p in sorted(START_PROPS | {KG + "endDate", KG + "datePrecision"}):
            for o in best.props.get(p, [])[:1]:
                add(p, o)
    for p in (KG + "mode", KG + "name", KG + "dateText"):
        values = [o for m in [lead] + group for o in m.props.get(p, [])]
        if values:
            add(p, values[0])
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
