"""Update the event layer where a write touches it, instead of deriving it all again.

The layer (kg/graph/merge.py) falls into pieces that do not depend on one another:
- an actor's entry depends only on the article graphs that name it, and which spellings are one
  person only on the persons whose names could be spellings of one another (persons.kin);
- events come from mentions clustered over the people they share, one event type at a time, so
  the mentions linked by a (type, person) chain form a component that clusters alone.
A write of some articles (new, replaced or removed) touches the actors those articles name, old
and new, with every person whose name could be a spelling of one of theirs: their entries are
derived again, but for places and organisations the new articles name only as already stored.
It touches the mentions of those articles, and those naming an actor the write refolds (a
spelling now of another person) or moves (where it lies, its country: all an event reads of an
actor), or a place inside one; then every mention linked to one of these, or to a mention of
the replaced articles, by a (type, person) chain, or once in one event with one: those are
clustered again. Every other piece of the stored layer stays. The result equals a rebuild from
scratch (tests/test_incremental.py checks it over random writes and removals).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from pyoxigraph import Literal, NamedNode, Quad, Store

from .. import vocab as v
from .merge import (
    ACTOR_CLASSES,
    EVENT_CLASS,
    ActorInfo,
    KG,
    actors_layer,
    anchored_of,
    events_layer,
    fold_mentions,
    fold_persons,
    located_in,
    one_of,
    read_actors,
    read_mentions,
    values,
)
from .persons import PERSON, kin
from .roles import read_roles
from .sameness import AGENT_PROPS, PLACE_PROPS, START_PROPS, TRIP_DAYS, Mention, agents, overlap, same_event, span

EVENTS = f"<{v.EVENTS_GRAPH}>"
DATE_PROPS = START_PROPS | {v.NS + "endDate"}   # what sameness.span reads of a mention


@dataclass
class Delta:
    """What a write changes in the events graph: quads to delete, quads to add."""
    removed: list[Quad]
    added: list[Quad]


def layer_delta(store: Store, replaced: set[str], staging: Store) -> Delta:
    """The change to `store`'s event layer when the article graphs `replaced` give way to those in
    `staging` (empty when articles are only removed). The stored layer must be one this version
    derived (stamp.layer_stamp)."""
    sources = [(store, replaced), (staging, set())]
    gone, named = _named(store, replaced), _named(staging, None)
    touched = gone | named
    touched -= _confirmed(store, staging, touched - gone)
    touched |= _kin(store, named, touched)
    actors = read_actors(sources, values("a", touched))
    roles = read_roles(sources, values("holder", touched))
    same = fold_persons(actors, roles)
    folded = {a: b for a, b in _rows(store, f"SELECT ?a ?b {{ GRAPH {EVENTS} {{ ?a <{v.OWL}sameAs> ?b }} }}")
              if a.startswith(PERSON)}
    fold = {a: b for a, b in folded.items() if a not in touched} | same
    added = actors_layer(actors, same, roles)
    stored = _quads_of(store, touched)
    parents = _layer_parents(store)
    parent = {a: b for a, b in parents.items() if a not in touched} | located_in(actors)
    changed = _refolded(touched, folded, same) | _moved(stored, added)
    changed |= _under(changed, parents) | _under(changed, parent)
    mentions, before = _touched_mentions(sources, store, replaced, changed, fold, parent)
    countries = {q.subject.value: q.object.value for q in added if q.predicate.value == KG + "countryCode"}
    named = {a for m in mentions for a in m.values(AGENT_PROPS | PLACE_PROPS)} - touched
    countries |= dict(_rows(store, f"SELECT ?a ?c {{ GRAPH {EVENTS} {{ {values('a', named)} ?a kg:countryCode ?c }} }}"))
    added += events_layer(mentions, parent, countries)
    roles_before = {r for (r,) in _rows(store, f"SELECT ?r {{ GRAPH {EVENTS} {{ {values('h', touched)} ?r kg:holder ?h }} }}")}
    reports_before = {r for (r,) in _rows(store, f"SELECT ?r {{ GRAPH {EVENTS} {{ {values('e', before)} ?e kg:report ?r }} }}")}
    removed = stored + _quads_of(store, before | roles_before | reports_before)
    keep = set(removed) & set(added)
    return Delta([q for q in removed if q not in keep], [q for q in added if q not in keep])


def _confirmed(store: Store, staging: Store, actors: set[str]) -> set[str]:
    """The actors, other than people and holders of an office, whose stored entry all that the new
    articles say of them leaves as it is (`_confirms`): a country named in thousands of articles
    is not read whole again for being named once more by its usual name."""
    holders = {h for (h,) in _rows(staging, "SELECT ?h { GRAPH ?g { ?r kg:holder ?h } }")}
    actors = {a for a in actors if not a.startswith(PERSON)} - holders
    if not actors:
        return set()
    said = read_actors([(staging, set())], values("a", actors))
    entries: dict[str, list[Quad]] = defaultdict(list)
    for q in _quads_of(store, actors):
        entries[q.subject.value].append(q)
    return {a for a in actors if a in entries and _confirms(entries[a], said[a])}


def _confirms(entry: list[Quad], said: ActorInfo) -> bool:
    """Whether adding `said` to the articles behind an actor's stored `entry` leaves the entry
    merge.actor_quads derives the same: no new type, name or other statement, a single-valued one
    only as stored, and votes only for the preferred name (the most voted one stays the most
    voted, whether the names of data files or those of the text are counted)."""
    stored: dict[str, set] = defaultdict(set)
    for q in entry:
        stored[q.predicate.value].add(q.object)
    pref = {o.value for o in stored[v.SKOS + "prefLabel"]}
    names = pref | {o.value for o in stored[v.SKOS + "altLabel"]}
    votes = set(said.pref) or set(said.labels)
    return ({NamedNode(t) for t in said.types} <= stored[v.RDF + "type"]
            and set(said.labels) | set(said.pref) <= names and votes <= pref
            and all(o in stored[p] for p, o in said.other))


def _refolded(touched: set[str], before: dict[str, str], now: dict[str, str]) -> set[str]:
    """Every person whose spellings could be one of those folded otherwise now: the events of all
    of them may join or part."""
    persons = {a for a in touched if a.startswith(PERSON)}
    return kin({a for a in persons if before.get(a) != now.get(a)}, persons)


GEO_PROPS = (KG + "locatedIn", KG + "countryCode")   # what of an actor its events' clustering and codes read


def _moved(stored: list[Quad], added: list[Quad]) -> set[str]:
    """The actors whose place in the world (where they lie, their country) the write changes."""
    def geo(quads):
        out = defaultdict(set)
        for q in quads:
            if q.predicate.value in GEO_PROPS:
                out[q.subject.value].add((q.predicate.value, q.object))
        return out
    was, now = geo(stored), geo(added)
    return {a for a in set(was) | set(now) if was.get(a) != now.get(a)}


def _rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    """The rows of a SELECT, each as the values of its variables (None where unbound)."""
    result = store.query(f"PREFIX kg: <{KG}>\n{sparql}")
    return [tuple(None if t is None else t.value for t in row) for row in result]


def _kept_rows(sources, sparql: str):
    """The rows of a SELECT whose first variable is ?g, over the article graphs `sources` keep,
    without ?g."""
    for store, excluded in sources:
        for g, *rest in _rows(store, sparql):
            if g.startswith(v.ARTICLE_GRAPH_PREFIX) and g not in excluded:
                yield tuple(rest)


def _named(store: Store, graphs: set[str] | None) -> set[str]:
    """The actors the article graphs `graphs` (None: all of them) name."""
    if graphs is not None and not graphs:
        return set()
    only = "" if graphs is None else values("g", graphs)
    return {a for (a,) in _rows(store, f"SELECT DISTINCT ?a {{ {only} GRAPH ?g {{ ?a a ?t }} "
                                       f"{one_of('t', ACTOR_CLASSES)} }}")}


def _kin(store: Store, named: set[str], touched: set[str]) -> set[str]:
    """Every person whose name could be a touched person's under another spelling, at any remove,
    among those of the stored layer and those the new articles name (`named`): who is whom is
    decided within such a chain (persons.kin)."""
    persons = {a for a in touched if a.startswith(PERSON)}
    if not persons:
        return set()
    known = _rows(store, f"SELECT ?a {{ GRAPH {EVENTS} {{ {{ ?a a kg:Person }} UNION {{ ?a <{v.OWL}sameAs> ?b }} }} }}")
    return kin(persons, {a for (a,) in known if a.startswith(PERSON)} | {a for a in named if a.startswith(PERSON)})


def _layer_parents(store: Store) -> dict[str, set[str]]:
    """Where each place lies, as the stored layer says."""
    parent: dict[str, set[str]] = defaultdict(set)
    for a, b in _rows(store, f"SELECT ?a ?b {{ GRAPH {EVENTS} {{ ?a kg:locatedIn ?b }} }}"):
        parent[a].add(b)
    return parent


def _under(places: set[str], parent: dict[str, set[str]]) -> set[str]:
    """The places lying, at any depth, in one of `places`: whether two reports' places agree may
    hang on them."""
    children: dict[str, set[str]] = defaultdict(set)
    for child, ups in parent.items():
        for up in ups:
            children[up].add(child)
    found, todo = set(), list(places)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _touched_mentions(sources, store: Store, replaced: set[str], changed: set[str], fold: dict[str, str],
                      parent) -> tuple[list, set[str]]:
    """The mentions to cluster again (people folded) and the stored events they were in.

    Clustering joins mentions only along links (merge._links: a shared type and person, and
    `same_event`), and never looks past them, so it is redone on every mention linked, at any
    remove, to one of the new articles', to one naming a `changed` actor, or to one of the
    replaced articles' (which may have held two groups apart); with every mention once in an
    event with one of these. A link is taken when `same_event` could hold with either mention
    anchored by its article's dated reports as clustering anchors them (`_Anchors`)."""
    staging = sources[1][0]
    gone = {m for (m,) in _rows(store, f"SELECT DISTINCT ?m {{ {values('g', replaced)} GRAPH ?g {{ ?m a ?c }} "
                                       f"{one_of('c', EVENT_CLASS)} }}")} if replaced else set()
    seeds = {m for (m,) in _rows(staging, f"SELECT DISTINCT ?m {{ GRAPH ?g {{ ?m a ?c }} {one_of('c', EVENT_CLASS)} }}")}
    seeds |= _naming(sources, changed, AGENT_PROPS | PLACE_PROPS)
    variants: dict[str, set[str]] = defaultdict(set)
    for a, b in fold.items():
        variants[b].add(a)
    read: dict = {}   # every mention read so far, by IRI

    def load(iris: set[str]) -> list:
        new = read_mentions(sources, values("m", iris - set(read))) if iris - set(read) else []
        fold_mentions(new, fold)
        read.update((m.iri, m) for m in new)
        return [read[i] for i in sorted(iris) if i in read]

    found = {m.iri: m for m in load(seeds)}
    reads = _Reads(sources, fold)
    old = read_mentions([(store, set())], values("m", gone)) if gone else []
    fold_mentions(old, fold)
    anchored = _Anchors(sources, load, parent, old)
    frontier, asked, events = list(found.values()) + old, set(found) | gone, set()
    while frontier or asked:
        keys = {(m.type, a) for m in frontier for a in agents(m)}
        near = reads.naming({r for _, f in keys for r in variants[f] | {f}})
        by_key = defaultdict(set)
        for m, t, a in near:
            if (t, fold.get(a, a)) in keys and m not in found:
                by_key[(t, fold.get(a, a))].add(m)
        linkable = _linkable(frontier, by_key, reads)   # one set per report of the frontier, in its order
        dated = reads.dated(set().union(*linkable) - set(read))
        linkable = [{c for c in cs if c not in dated or not _apart(m, dated[c])}   # those of other days
                    for m, cs in zip(frontier, linkable)]
        load(set().union(*linkable))
        new, pending = {}, []
        for m, cs in zip(frontier, linkable):
            for c in cs:
                if c not in read or c in found or c in new or _apart(m, read[c]):
                    continue
                if same_event(m, read[c], parent):
                    new[c] = read[c]
                elif (span(m) is None or span(read[c]) is None) and \
                        same_event(m, read[c], parent, frozenset((m.iri, c))):
                    pending.append((m, read[c]))   # linked only if their articles anchor them
        anchored.read([x for pair in pending for x in pair if span(x) is None])   # only an undated one is anchored
        for m, c in pending:
            if c.iri not in new and same_event(m, c, parent, anchored.of(m, c)):
                new[c.iri] = c
        found |= new
        asked |= set(new)
        before = _rows(store, f"SELECT ?e ?m {{ GRAPH {EVENTS} {{ {values('x', asked)} ?e kg:mention ?x , ?m }} }}") \
            if asked else []
        events |= {e for e, _ in before}
        joined = {m for _, m in before} - set(found) - gone
        for m in load(joined):
            new[m.iri] = found[m.iri] = m
        frontier, asked = list(new.values()), set(joined) & set(read)
    return sorted(found.values(), key=lambda m: m.iri), events


def _linkable(frontier: list, by_key: dict, reads: "_Reads") -> list[set[str]]:
    """For each report of the frontier, in its order, the reports (by IRI) that share enough
    people with it for `same_event` (a visit: its traveller; else two, or the one either names),
    found by set operations on who names whom before any is read whole: a busy name (a country
    party to many agreements) brings thousands of reports that share it alone. Not keyed by IRI:
    a replaced article's report and its new version may share one."""
    out, unsure = [], {}
    for i, m in enumerate(frontier):
        sets = [by_key.get((m.type, a), set()) for a in agents(m)]
        out.append(set().union(*sets))
        if m.type != "Visit" and len(sets) > 1:
            two = set().union(*(x & y for x, y in combinations(sets, 2)))
            unsure[i] = out[i] - two
            out[i] = two
    alone = reads.alone(set().union(*unsure.values()))
    for i, cs in unsure.items():
        out[i] |= cs & alone
    return out


def _people(sources, mentions: set[str], fold: dict[str, str]) -> dict[str, set[str]]:
    """The people (parties, participants, travellers; spellings folded) each of these mentions names."""
    people: dict[str, set[str]] = {m: set() for m in mentions}
    if not mentions:
        return people
    sparql = f"SELECT ?g ?m ?a {{ GRAPH ?g {{ {values('m', mentions)} ?m ?p ?a . {one_of('p', AGENT_PROPS)} }} }}"
    for m, a in _kept_rows(sources, sparql):
        people[m].add(fold.get(a, a))
    return people


def _dated(sources, mentions: set[str]) -> dict[str, Mention]:
    """Each of these mentions whose dates say its days plainly, with only those dates: enough for
    `_apart` to pass over one before it is read whole (a busy pair of people meets on many days)."""
    if not mentions:
        return {}
    said: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    sparql = f"SELECT ?g ?m ?p ?d {{ GRAPH ?g {{ {values('m', mentions)} ?m ?p ?d . {one_of('p', DATE_PROPS)} }} }}"
    for m, p, d in _kept_rows(sources, sparql):
        said[m][p].append(Literal(d))
    return {m: Mention(m, "", "", "", props=props) for m, props in said.items()
            if all(len(ds) == 1 for ds in props.values())}   # two dates of one kind: which is first is the store's


def _apart(a, b) -> bool:
    """Two reports, each dated, of days too far apart to link (same_event's date test, asked first:
    most reports of a busy person are of other days)."""
    sa, sb = span(a), span(b)
    return sa is not None and sb is not None and not overlap(sa, sb, TRIP_DAYS)


class _Reads:
    """The reads `_touched_mentions` repeats as its frontier widens (the same busy people, the
    same reports), each made once: the store does not change while a write's delta is worked out."""

    def __init__(self, sources, fold: dict[str, str]):
        self.sources, self.fold = sources, fold
        self._naming: dict[str, set] = {}            # actor -> (mention, event type, actor) naming it
        self._people: dict[str, set[str]] = {}       # mention -> the people it names
        self._dated: dict[str, Mention | None] = {}  # mention -> its plain dates (None: not plain)

    def naming(self, actors: set[str]) -> set[tuple[str, str, str]]:
        """`_naming_typed` of these actors."""
        new = actors - set(self._naming)
        for a in new:
            self._naming[a] = set()
        for row in _naming_typed(self.sources, new):
            self._naming[row[2]].add(row)
        return set().union(*(self._naming[a] for a in actors))

    def alone(self, mentions: set[str]) -> set[str]:
        """The mentions naming one person (one party, one participant) only."""
        self._people.update(_people(self.sources, mentions - set(self._people), self.fold))
        return {m for m in mentions if len(self._people[m]) == 1}

    def dated(self, mentions: set[str]) -> dict[str, Mention]:
        """`_dated` of these mentions."""
        new = mentions - set(self._dated)
        self._dated.update(dict.fromkeys(new))
        self._dated.update(_dated(self.sources, new))
        return {m: self._dated[m] for m in mentions if self._dated[m] is not None}


class _Anchors:
    """Which mentions clustering anchors (merge.anchored_of): worked out per article, from all of
    its mentions, when an undated mention of it is about to be linked and the article has a dated
    report of its type (an article's reports join only reports of their own type). The replaced
    articles' mentions, as they were, are anchored by their own article apart: a new version of
    an article keeps its IRI and often its mentions' IRIs, not what anchors them."""

    def __init__(self, sources, load, parent, replaced: list):
        self.sources, self.load, self.parent = sources, load, parent
        self.known: dict[str, frozenset] = {}   # article IRI -> its anchored mentions
        self.dated_types: dict[str, set[str]] = {}    # article IRI -> the types of its reports giving a date
        self.replaced = {id(m) for m in replaced}   # the replaced versions, told apart by identity
        self.before = self._of_articles(replaced)   # article IRI -> its replaced version's anchored mentions

    def _of_articles(self, mentions: list) -> dict[str, frozenset]:
        by_article = defaultdict(list)
        for m in mentions:
            by_article[m.article].append(m)
        return {article: anchored_of(ms, self.parent) for article, ms in by_article.items()}

    def read(self, mentions: list) -> None:
        """Work out the anchors of the articles of these (undated) mentions that may anchor them,
        all in one read."""
        mentions = [m for m in mentions if id(m) not in self.replaced]
        self._read_dated({m.article for m in mentions} - set(self.dated_types) - set(self.known))
        articles = {m.article for m in mentions if m.article not in self.known and m.type in self.dated_types[m.article]}
        if not articles:
            return
        sparql = f"SELECT ?g ?m {{ GRAPH ?g {{ {values('a', articles)} ?m kg:article ?a }} }}"
        self.known.update(self._of_articles(self.load({m for (m,) in _kept_rows(self.sources, sparql)})))
        for article in articles:
            self.known.setdefault(article, frozenset())

    def _read_dated(self, articles: set[str]) -> None:
        """Note the types of the reports of these articles that give a date (read whole: none)."""
        self.dated_types.update((a, set()) for a in articles)
        if articles:
            sparql = (f"SELECT ?g ?a ?c {{ GRAPH ?g {{ {values('a', articles)} ?m kg:article ?a ; a ?c ; ?d ?day . "
                      f"{one_of('d', START_PROPS)} }} }}")
            for a, c in _kept_rows(self.sources, sparql):
                self.dated_types[a].add(EVENT_CLASS.get(c))

    def of(self, a, b) -> frozenset:
        return self._of(a) | self._of(b)

    def _of(self, m) -> frozenset:
        return (self.before if id(m) in self.replaced else self.known).get(m.article, frozenset())


def _naming(sources, actors: set[str], props: set[str]) -> set[str]:
    """The mentions (in the graphs `sources` keep) whose `props` name one of `actors`."""
    return {m for m, _, _ in _naming_typed(sources, actors, props)}


def _naming_typed(sources, actors: set[str], props: set[str] = AGENT_PROPS) -> set[tuple[str, str, str]]:
    """(mention, event type, actor) for each mention of the kept graphs naming one of `actors`."""
    if not actors:
        return set()
    sparql = (f"SELECT DISTINCT ?g ?m ?c ?a {{ GRAPH ?g {{ {values('a', actors)} ?m ?p ?a . {one_of('p', props)} "
              f"?m a ?c . {one_of('c', EVENT_CLASS)} }} }}")
    return {(m, EVENT_CLASS[c], a) for m, c, a in _kept_rows(sources, sparql)}


def _quads_of(store: Store, subjects: set[str]) -> list[Quad]:
    """Every quad of the stored layer about one of `subjects`."""
    if not subjects:
        return []
    g = NamedNode(v.EVENTS_GRAPH)
    return [Quad(row["s"], row["p"], row["o"], g) for row in store.query(
        f"SELECT ?s ?p ?o {{ GRAPH {EVENTS} {{ {values('s', subjects)} ?s ?p ?o }} }}")]
