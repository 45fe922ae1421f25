"""Update the event layer where a write touches it, instead of deriving it all again.

The layer (kg/graph/merge.py) falls into pieces that do not depend on one another:
- an actor's entry depends only on the article graphs that name it, and which spellings are one
  person only on the persons of one surname (persons.py);
- events come from mentions clustered over the people they share, one event type at a time, so
  the mentions linked by a (type, person) chain form a component that clusters alone.
A write of some articles (new, replaced or removed) touches the actors those articles name, old
and new, with every person of a surname among them; the mentions of those articles, those naming
a touched actor or a place in one, and every mention linked to these by a (type, person) chain or
by having been in one event with one. Those pieces are derived again from the article graphs as
they will be; every other piece of the stored layer stays. The result equals a rebuild from
scratch (tests/test_incremental.py checks it over random writes and removals).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, Store

from .. import vocab as v
from .merge import (
    EVENT_CLASS,
    KG,
    actors_layer,
    events_layer,
    fold_mentions,
    fold_persons,
    located_in,
    read_actors,
    read_mentions,
    values,
)
from .persons import PERSON
from .roles import read_roles
from .sameness import AGENT_PROPS, PLACE_PROPS, agents

EVENTS = f"<{v.EVENTS_GRAPH}>"
ACTOR_TYPES = "kg:Person kg:Organization kg:Country kg:City kg:Region kg:Venue"
MENTION_TYPES = " ".join(f"<{c}>" for c in EVENT_CLASS)


@dataclass
class Delta:
    """What a write changes in the events graph: quads to delete, quads to add."""
    removed: list[Quad]
    added: list[Quad]


def layer_delta(store: Store, replaced: set[str], staging: Store) -> Delta:
    """The change to `store`'s event layer when the article graphs `replaced` give way to those in
    `staging` (empty when articles are only removed). The stored layer must be one this version
    derived (merge.layer_stamp)."""
    sources = [(store, replaced), (staging, set())]
    touched = _named(store, replaced) | _named(staging, None)
    touched |= _same_surname(store, staging, touched)
    actors = read_actors(sources, values("a", touched))
    roles = read_roles(sources, values("holder", touched))
    same = fold_persons(actors, roles)
    fold = {a: b for a, b in _rows(store, f"SELECT ?a ?b {{ GRAPH {EVENTS} {{ ?a <{v.OWL}sameAs> ?b }} }}")
            if a.startswith(PERSON) and a not in touched} | same
    parent = _layer_parents(store, touched) | located_in(actors)
    mentions, before = _touched_mentions(sources, store, replaced, touched | _under(touched, parent), fold)
    added = actors_layer(actors, same, roles)
    countries = {q.subject.value: q.object.value for q in added if q.predicate.value == KG + "countryCode"}
    named = {a for m in mentions for a in m.values(AGENT_PROPS | PLACE_PROPS)} - touched
    countries |= dict(_rows(store, f"SELECT ?a ?c {{ {values('a', named)} GRAPH {EVENTS} {{ ?a kg:countryCode ?c }} }}"))
    added += events_layer(mentions, parent, countries)
    roles_before = {r for (r,) in _rows(store, f"SELECT ?r {{ {values('h', touched)} GRAPH {EVENTS} {{ ?r kg:holder ?h }} }}")}
    removed = _quads_of(store, touched | before | roles_before)
    keep = set(removed) & set(added)
    return Delta([q for q in removed if q not in keep], [q for q in added if q not in keep])


def _rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    """The rows of a SELECT, each as the values of its variables (None where unbound)."""
    result = store.query(f"PREFIX kg: <{KG}>\n{sparql}")
    return [tuple(None if t is None else t.value for t in row) for row in result]


def _named(store: Store, graphs: set[str] | None) -> set[str]:
    """The actors the article graphs `graphs` (None: all of them) name."""
    if graphs is not None and not graphs:
        return set()
    only = "" if graphs is None else values("g", graphs)
    return {a for (a,) in _rows(store, f"SELECT DISTINCT ?a {{ {only} GRAPH ?g {{ ?a a ?t }} "
                                       f"VALUES ?t {{ {ACTOR_TYPES} }} }}")}


def _same_surname(store: Store, staging: Store, touched: set[str]) -> set[str]:
    """Every person whose surname a touched person has: who may be whom is decided per surname."""
    surnames = {_surname(a) for a in touched if a.startswith(PERSON)}
    if not surnames:
        return set()
    known = _rows(store, f"SELECT ?a {{ GRAPH {EVENTS} {{ {{ ?a a kg:Person }} UNION {{ ?a <{v.OWL}sameAs> ?b }} }} }}")
    return {a for (a,) in known if a.startswith(PERSON) and _surname(a) in surnames} | \
        {a for a in _named(staging, None) if a.startswith(PERSON) and _surname(a) in surnames}


def _surname(person: str) -> str:
    return person[len(PERSON):].rsplit("-", 1)[-1]


def _layer_parents(store: Store, touched: set[str]) -> dict[str, set[str]]:
    """Where each place lies, as the stored layer says (touched actors are read again)."""
    parent: dict[str, set[str]] = defaultdict(set)
    for a, b in _rows(store, f"SELECT ?a ?b {{ GRAPH {EVENTS} {{ ?a kg:locatedIn ?b }} }}"):
        if a not in touched:
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


def _touched_mentions(sources, store: Store, replaced: set[str], actors: set[str], fold: dict[str, str]):
    """The mentions to cluster again (people folded) and the stored events they were in: those of
    the new articles, those naming `actors`, and, until none is added, those sharing a type and
    person with one, or an event with one (or with a mention of the replaced articles)."""
    staging = sources[1][0]
    gone = {m for (m,) in _rows(store, f"SELECT DISTINCT ?m {{ {values('g', replaced)} GRAPH ?g {{ ?m a ?c }} "
                                       f"VALUES ?c {{ {MENTION_TYPES} }} }}")} if replaced else set()
    todo = {m for (m,) in _rows(staging, f"SELECT DISTINCT ?m {{ GRAPH ?g {{ ?m a ?c }} VALUES ?c {{ {MENTION_TYPES} }} }}")}
    todo |= _naming(sources, actors, AGENT_PROPS | PLACE_PROPS)
    variants: dict[str, set[str]] = defaultdict(set)
    for a, b in fold.items():
        variants[b].add(a)
    found: dict = {}
    keys: set[tuple[str, str]] = set()
    events: set[str] = set()
    asked, tried = set(gone), set(gone)
    while todo or asked:
        tried |= todo
        new = read_mentions(sources, values("m", todo)) if todo else []
        fold_mentions(new, fold)
        found |= {m.iri: m for m in new}
        fresh = {(m.type, a) for m in new for a in agents(m)} - keys
        keys |= fresh
        asked |= {m.iri for m in new}
        linked = {(m, t) for m, t, a in _naming_typed(sources, {r for _, f in fresh for r in variants[f] | {f}})
                  if (t, fold.get(a, a)) in fresh}
        before = _rows(store, f"SELECT ?e ?m {{ {values('x', asked)} GRAPH {EVENTS} {{ ?e kg:mention ?x , ?m }} }}") \
            if asked else []
        events |= {e for e, _ in before}
        todo = ({m for m, _ in linked} | {m for _, m in before}) - tried
        asked = set()
    return sorted(found.values(), key=lambda m: m.iri), events


def _naming(sources, actors: set[str], props: set[str]) -> set[str]:
    """The mentions (in the graphs `sources` keep) whose `props` name one of `actors`."""
    return {m for m, _, _ in _naming_typed(sources, actors, props)}


def _naming_typed(sources, actors: set[str], props: set[str] = AGENT_PROPS) -> set[tuple[str, str, str]]:
    """(mention, event type, actor) for each mention of the kept graphs naming one of `actors`."""
    if not actors:
        return set()
    ps = " ".join(f"<{p}>" for p in sorted(props))
    sparql = (f"SELECT DISTINCT ?g ?m ?c ?a {{ {values('a', actors)} GRAPH ?g {{ ?m ?p ?a ; a ?c }} "
              f"VALUES ?p {{ {ps} }} VALUES ?c {{ {MENTION_TYPES} }} }}")
    out = set()
    for store, excluded in sources:
        for g, m, c, a in _rows(store, sparql):
            if g.startswith(v.ARTICLE_GRAPH_PREFIX) and g not in excluded:
                out.add((m, EVENT_CLASS[c], a))
    return out


def _quads_of(store: Store, subjects: set[str]) -> list[Quad]:
    """Every quad of the stored layer about one of `subjects`."""
    if not subjects:
        return []
    g = NamedNode(v.EVENTS_GRAPH)
    return [Quad(row["s"], row["p"], row["o"], g) for row in store.query(
        f"SELECT ?s ?p ?o {{ {values('s', subjects)} GRAPH {EVENTS} {{ ?s ?p ?o }} }}")]
