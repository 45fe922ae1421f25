"""Derive the event layer from the article graphs.

Mentions of one real-world event (same type, shared people, compatible place, time and name:
kg/graph/sameness.py) become one event that points back to every mention and source article;
every actor gets one preferred label, one person under near spellings one IRI (persons.py), and
each office a holder holds for a state one kg:Role (roles.py). Which mentions join does not
depend on their order. The layer is a function of the article graphs alone, so it can never keep
an event whose articles are gone (NewsReader's mention/instance split): `event_layer` derives it
whole (`kg load`, a store of another version); a write derives again only the part it touches
(delta.py), with the same result.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from pyoxigraph import Literal, NamedNode, Quad, Store

from .. import vocab as v
from ..keys import name_keys, word_keys
from ..extract.dates import interval
from .persons import same_persons
from .roles import RoleRow, read_roles, role_quads
from .codes import event_codes
from .reports import STATUS_RANK, report_quads, start_prop
from .stamp import layer_stamp
from .sameness import (
    AGENT_PROPS,
    KG,
    PLACE_PROPS,
    START_PROPS,
    Mention,
    agents,
    conflict,
    name_words,
    places,
    same_event,
    span,
    within,
)

EVENT_CLASS = {KG + "VisitMention": "Visit", KG + "MeetingMention": "Meeting",
               KG + "AgreementMention": "Agreement"}
COPIED_PROPS = AGENT_PROPS | PLACE_PROPS | START_PROPS | {
    KG + "endDate", KG + "mode", KG + "name", KG + "signatory", KG + "datePrecision", KG + "dateText",
    KG + "background"}
# Kept on an actor only when all its articles agree.
SINGLE_VALUED = {KG + "countryCode", v.GEO + "lat", v.GEO + "long"}

ACTOR_CLASSES = [KG + c for c in ("Person", "Organization", "Country", "City", "Region", "Venue")]


def one_of(var: str, iris: Iterable[str]) -> str:
    """FILTER(?var IN (...)) for these IRIs: Oxigraph 0.5 tests it on the pattern's rows, where it
    would join a VALUES of them after scanning every graph."""
    return f"FILTER(?{var} IN ({', '.join(str(NamedNode(i)) for i in sorted(iris))}))"


MENTIONS_QUERY = f"""
PREFIX kg: <{KG}>
PREFIX schema: <{v.SCHEMA}>
SELECT ?g ?m ?cls ?status ?article ?published ?p ?o WHERE {{
  GRAPH ?g {{
    #VALUES
    ?m a ?cls ; kg:article ?article ; kg:status ?status .
    {one_of("cls", EVENT_CLASS)}
    OPTIONAL {{ ?article schema:datePublished ?published }}
    OPTIONAL {{ ?m ?p ?o {one_of("p", COPIED_PROPS)} }}
  }}
}}"""

# One row per actor, property and value, with how many article-graph rows state it: a country
# named by thousands of articles is a few rows, counted by the engine.
ACTORS_QUERY = f"""
PREFIX kg: <{KG}>
SELECT ?a ?p ?o (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{
    #VALUES
    ?a a ?t . {one_of("t", ACTOR_CLASSES)}
    ?a ?p ?o . {one_of("p", v.ACTOR_PROPS)}
  }}
  #GRAPHS
}} GROUP BY ?a ?p ?o"""

PERSON_GRAPHS_QUERY = f"""
PREFIX kg: <{KG}>
SELECT DISTINCT ?a ?g WHERE {{
  GRAPH ?g {{
    #VALUES
    ?a a kg:Person .
  }}
  #GRAPHS
}}"""


def _article_graphs(excluded: set[str]) -> str:
    """A FILTER keeping ?g to the article graphs not in `excluded`."""
    keep = f'FILTER(STRSTARTS(STR(?g), "{v.ARTICLE_GRAPH_PREFIX}"))'
    if excluded:
        keep += f" FILTER(?g NOT IN ({', '.join(str(NamedNode(g)) for g in sorted(excluded))}))"
    return keep


@dataclass
class ActorInfo:
    types: set = field(default_factory=set)
    labels: Counter = field(default_factory=Counter)
    pref: Counter = field(default_factory=Counter)
    other: set = field(default_factory=set)   # (predicate, object) pairs copied as they are
    graphs: set = field(default_factory=set)  # the article graphs that name it (persons only)


def _article_graph(g) -> bool:
    return isinstance(g, NamedNode) and g.value.startswith(v.ARTICLE_GRAPH_PREFIX)


def values(var: str, iris: Iterable[str]) -> str:
    """A VALUES clause for IRIs taken from a store (never a user's text). Inside the GRAPH block,
    where Oxigraph 0.5 starts from it; before the block it scans every graph first."""
    return f"VALUES ?{var} {{ {' '.join(str(NamedNode(i)) for i in sorted(iris))} }}"


def read_mentions(sources: Iterable[tuple[Store, set[str]]], only: str = "") -> list[Mention]:
    """The mentions of the article graphs of `sources`; `only` (a VALUES clause) narrows them."""
    mentions: dict[str, Mention] = {}
    for store, excluded in sources:
        for row in store.query(MENTIONS_QUERY.replace("#VALUES", only)):
            g = row["g"]
            if not _article_graph(g) or g.value in excluded:
                continue
            m = mentions.get(row["m"].value)
            if m is None:
                m = mentions[row["m"].value] = Mention(
                    row["m"].value, EVENT_CLASS[row["cls"].value],
                    row["status"].value.rsplit("#", 1)[-1], row["article"].value,
                    row["published"].value if row["published"] else "")
            if row["p"] is not None and row["o"] not in m.props[row["p"].value]:
                m.props[row["p"].value].append(row["o"])
    return sorted(mentions.values(), key=lambda m: m.iri)


def read_actors(sources: Iterable[tuple[Store, set[str]]], only: str = "") -> dict[str, ActorInfo]:
    """What the article graphs of `sources` say of each actor; `only` (a VALUES clause) narrows them."""
    actors: dict[str, ActorInfo] = defaultdict(ActorInfo)
    for store, excluded in sources:
        graphs = _article_graphs(excluded)
        for row in store.query(ACTORS_QUERY.replace("#VALUES", only).replace("#GRAPHS", graphs)):
            info, p, o, n = actors[row["a"].value], row["p"].value, row["o"], int(row["n"].value)
            if p == v.RDF + "type":
                info.types.add(o.value)
            elif p == v.RDFS + "label":
                info.labels[o.value] += n
            elif p == v.SKOS + "prefLabel":
                info.pref[o.value] += n
            else:
                info.other.add((p, o))
        for row in store.query(PERSON_GRAPHS_QUERY.replace("#VALUES", only).replace("#GRAPHS", graphs)):
            actors[row["a"].value].graphs.add(row["g"].value)
    return actors


# --- time, place, name and occurrence: can two reports be of one event? ----------------------

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
    2 both dated, 1 one dated, 0 two windows."""
    sa, sb = a.first(START_PROPS), b.first(START_PROPS)
    if sa is None or sb is None:
        return int(sa is not None or sb is not None)
    if (len(sa.value) == len(sb.value) == 10) or (sa.value == sb.value and len(sa.value) == 7):
        return 3
    return 2


def _strength(a: Mention, b: Mention) -> tuple:
    shared = len(agents(a) & agents(b))
    same_place = bool(places(a) & places(b))
    return (tightness(a, b), shared, same_place, a.status == b.status)


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

    First each article's own reports join (its coreference), then reports of different
    articles. Linked pairs join strongest first (dates agreeing to the day before a month, a
    month before an undated window; then more shared people). Two groups never join while any
    pair across them conflicts, so a month never bridges two different days and an undated report
    never chains an invitation to a visit. Across articles, a vague link (not to the day) is not
    followed when the group could as well join another group that conflicts with the first: an
    undated "X and Y met" between two of their meetings belongs to neither (better no date than a
    wrong one)."""
    ms, groups, anchored = _own(mentions, parent)
    _join(ms, groups, _links(ms, parent, False, anchored), parent, anchored, guard=True)
    out = defaultdict(list)
    for i, m in enumerate(ms):
        out[groups.find(i)].append(m)
    return [out[k] for k in sorted(out)]


def _own(mentions: list[Mention], parent) -> tuple[list[Mention], _Groups, frozenset]:
    """Clustering's first step, each article's own reports joined: the mentions in order, their
    groups, and the undated ones their article's dated reports place in time (anchored)."""
    ms = sorted(mentions, key=content_key)
    groups = _Groups(len(ms))
    _join(ms, groups, _links(ms, parent, same_article=True), parent, frozenset(), guard=False)
    anchored = frozenset(ms[i].iri for i in range(len(ms)) if span(ms[i]) is None and any(
        span(ms[k]) is not None for k in groups.members[groups.find(i)]))
    return ms, groups, anchored


def anchored_of(mentions: list[Mention], parent) -> frozenset:
    """The anchored mentions among those of whole articles: the first step depends on nothing else."""
    return _own(mentions, parent)[2]


def _join(ms: list[Mention], groups: _Groups, links: set, parent, anchored, guard: bool) -> None:
    near: dict[int, set[int]] = defaultdict(set)
    for i, j in links:
        near[i].add(j)
        near[j].add(i)

    known: dict[tuple[int, int], bool] = {}

    def conflicting(x: int, y: int) -> bool:
        pair = (x, y) if x < y else (y, x)
        if pair not in known:
            known[pair] = conflict(ms[x], ms[y], parent, anchored)
        return known[pair]

    def clash(gi: int, gj: int) -> bool:
        return any(conflicting(x, y) for x in groups.members[gi] for y in groups.members[gj])

    def ambiguous(side: int, other: int) -> bool:
        reach = {groups.find(k) for x in groups.members[side] for k in near[x]} - {side, other}
        return any(not clash(side, z) and clash(z, other) for z in sorted(reach))

    for i, j in sorted(links, key=lambda ij: (tuple(-int(x) for x in _strength(ms[ij[0]], ms[ij[1]])), ij)):
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj or clash(gi, gj):
            continue
        if guard and tightness(ms[i], ms[j]) < 3 and (ambiguous(gi, gj) or ambiguous(gj, gi)):
            continue
        groups.join(gi, gj)


def _links(ms: list[Mention], parent, same_article: bool, anchored=frozenset()) -> set[tuple[int, int]]:
    """Pairs (by index) of one article or of two with evidence of one event; only mentions
    sharing a person are compared."""
    by_agent = defaultdict(list)
    for i, m in enumerate(ms):
        for a in sorted(agents(m)):
            by_agent[(m.type, a)].append(i)
    pairs = {(x, y) for group in by_agent.values() for n, x in enumerate(group) for y in group[n + 1:]
             if (ms[x].article == ms[y].article) == same_article}
    return {(i, j) for i, j in pairs if same_event(ms[i], ms[j], parent, anchored)}


# --- building the layer -----------------------------------------------------------------------

def _pick_status_mention(group: list[Mention]) -> Mention:
    """The latest article's report; on a tie the more definite status (reports.STATUS_RANK), then by content."""
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


def event_quads(group: list[Mention], parent, countries: Optional[dict[str, str]] = None) -> list[Quad]:
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
    mode = next((q.object.value.rsplit("#", 1)[-1] for q in quads if q.predicate.value == KG + "mode"), None)
    setting = meeting_setting(quads, countries or {}) if kind == "Meeting" and mode in (None, "inPerson") else None
    for p, code in sorted(event_codes(kind, lead.status, mode, setting).items()):
        add(KG + p, Literal(code))      # kg:cameo, kg:plover, kg:ploverMode (kg/data/codes.json)
    own = {q.predicate.value: q.object for q in quads}
    return quads + report_quads(node, kind, group, own.get(start_prop(kind)), own.get(KG + "endDate"))


def meeting_setting(quads: list[Quad], countries: dict[str, str]) -> Optional[str]:
    """Where an in-person meeting stands to its sides, when the country of every participant and
    of the place is known and at least two states meet: "multilateral" (three or more states),
    "visit" (in one participant's country), else "third-party". None when anything is unknown."""
    def objects(p: str) -> list[str]:
        return [q.object.value for q in quads if q.predicate.value == KG + p]
    sides = [countries.get(a) for a in objects("participant")]
    place = [countries.get(a) for a in objects("place")]
    if not sides or None in sides or len(set(sides)) < 2 or len(place) != 1 or place[0] is None:
        return None
    if len(set(sides)) >= 3:
        return "multilateral"
    return "visit" if place[0] in sides else "third-party"


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
        names = set(info.labels) | set(info.pref)
        for alt in sorted(names):
            if alt != pref:
                quads.append(Quad(node, NamedNode(v.SKOS + "altLabel"), Literal(alt), g))
        for p, keys in (("nameKey", name_keys(names)), ("wordKey", word_keys(names))):
            quads += [Quad(node, NamedNode(KG + p), Literal(k), g) for k in sorted(keys)]
        for p, o in sorted(info.other, key=lambda po: (po[0], str(po[1]))):
            if p in SINGLE_VALUED and sum(1 for q, _ in info.other if q == p) > 1:
                continue   # articles disagree (a person said to act for two states): better none than wrong
            quads.append(Quad(node, NamedNode(p), o, g))
    return quads


def event_layer(sources: list[tuple[Store, set[str]]]) -> list[Quad]:
    """The whole events graph derived from the article graphs of `sources`.

    Each source is a store and the article-graph IRIs in it to ignore (those being replaced
    or removed), so a writer can compute the new layer before it commits anything."""
    mentions = read_mentions(sources)
    actors = read_actors(sources)
    roles = read_roles(sources)
    same = fold_persons(actors, roles)
    fold_mentions(mentions, same)
    quads = [layer_stamp()] + actors_layer(actors, same, roles)
    countries = {q.subject.value: q.object.value for q in quads if q.predicate.value == KG + "countryCode"}
    return quads + events_layer(mentions, located_in(actors), countries)


def fold_persons(actors: dict[str, ActorInfo], roles: list[RoleRow]) -> dict[str, str]:
    """Which person IRIs are spellings of another (variant -> IRI, persons.py); their names and
    roles are put on the person they are."""
    held: dict[str, set] = defaultdict(set)
    for r in roles:
        held[r.holder].add((r.office, r.of))
    same = same_persons({iri: {"graphs": info.graphs, "known": bool(info.pref),
                               "weight": _name_weight(info, iri), "offices": held.get(iri, set())}
                         for iri, info in actors.items()})
    for variant, iri in same.items():
        info, into = actors.pop(variant), actors[iri]
        into.types |= info.types
        into.labels.update(info.labels)
        into.pref.update(info.pref)
        into.graphs |= info.graphs
        into.other |= info.other   # its country code: kept when both spellings' articles agree
    for r in roles:
        r.holder = same.get(r.holder, r.holder)
    return same


def fold_mentions(mentions: list[Mention], same: dict[str, str]) -> None:
    """Name each mention's people by the person they are (`same`: variant -> IRI)."""
    if not same:
        return
    for m in mentions:
        for p in AGENT_PROPS | {KG + "signatory"}:
            if p in m.props:
                folded = [NamedNode(same.get(o.value, o.value)) for o in m.props[p]]
                m.props[p] = list(dict.fromkeys(folded))


def located_in(actors: dict[str, ActorInfo]) -> dict[str, set[str]]:
    parent: dict[str, set[str]] = defaultdict(set)
    for iri, info in actors.items():
        for p, o in info.other:
            if p == KG + "locatedIn":
                parent[iri].add(o.value)
    return parent


def actors_layer(actors: dict[str, ActorInfo], same: dict[str, str], roles: list[RoleRow]) -> list[Quad]:
    """The actors' part of the layer: their names and codes, which spelling is whom, their roles."""
    quads = actor_quads(actors)
    quads += [Quad(NamedNode(a), NamedNode(v.OWL + "sameAs"), NamedNode(b), NamedNode(v.EVENTS_GRAPH))
              for a, b in sorted(same.items())]
    return quads + role_quads(roles)


def events_layer(mentions: list[Mention], parent, countries: dict[str, str]) -> list[Quad]:
    """The events the mentions make (their people already folded)."""
    quads = []
    for group in sorted(clusters(mentions, parent), key=lambda grp: min(m.iri for m in grp)):
        quads.extend(event_quads(group, parent, countries))
    return quads


def _name_weight(info: ActorInfo, iri: str) -> tuple:
    """Which of two spellings is the person's name: a data file's, then the most reported,
    then the longer; the IRI breaks a tie."""
    return (bool(info.pref), sum(info.labels.values()), max((len(x) for x in info.labels), default=0), iri)
