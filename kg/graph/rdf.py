"""Mint IRIs and triples from extraction records: the only place records become RDF.

Everything an article says goes into its own named graph (see docs/model.md).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .. import vocab as v
from ..paths import ROOT
from ..records import Actor, ArticleRecord, DateValue, EventRecord, country_code
from .codes import confidence

XSD_DATATYPE = {"day": v.XSD + "date", "month": v.XSD + "gYearMonth", "year": v.XSD + "gYear"}
ACTOR_PATH = {"Person": "person", "Organization": "org"}  # every other kind is a place
MENTION_CLASS = {"Visit": "VisitMention", "Meeting": "MeetingMention", "Agreement": "AgreementMention"}
AGENT_PROPERTY = {"Visit": "traveller", "Meeting": "participant", "Agreement": "party"}
PLACE_PROPERTY = {"Visit": "destination", "Meeting": "place"}
START_PROPERTY = {"Visit": "startDate", "Meeting": "date", "Agreement": "date"}

RDF_TYPE = NamedNode(v.RDF + "type")
RDFS_LABEL = NamedNode(v.RDFS + "label")
SKOS_PREF = NamedNode(v.SKOS + "prefLabel")
OWL_SAME_AS = NamedNode(v.OWL + "sameAs")
GEO_LAT = NamedNode(v.GEO + "lat")
GEO_LONG = NamedNode(v.GEO + "long")


def kg(local: str) -> NamedNode:
    return NamedNode(v.NS + local)


def res(*parts: str) -> NamedNode:
    return NamedNode(v.RES + "/".join(quote(p, safe="-_.~") for p in parts))


def url_term(url: str):
    """The sidecar's url as an IRI, or as text when it is none (the reader is warned)."""
    return NamedNode(url) if is_iri(url) else Literal(url)


def is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except ValueError:
        return False
    return ":" in text and not any(c.isspace() for c in text)


def actor_iri(actor: Actor) -> NamedNode:
    return res(ACTOR_PATH.get(actor.kind, "place"), actor.key)


def date_literal(d: DateValue) -> Literal:
    return Literal(d.iso, datatype=NamedNode(XSD_DATATYPE[d.precision]))


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(v.XSD + "integer"))


def decimal(text: str) -> Literal:
    return Literal(text, datatype=NamedNode(v.XSD + "decimal"))


class _Triples:
    """Collects triples for one graph, skipping duplicates, in insertion order."""

    def __init__(self, graph: str, nationality: Optional[dict[str, str]] = None):
        self.graph = NamedNode(graph)
        self.quads: dict[Quad, None] = {}
        self.nationality = nationality or {}     # person key -> alpha-3 of the state they act for

    def add(self, s, p, o) -> None:
        self.quads[Quad(s, p, o, self.graph)] = None

    def actor(self, actor: Actor) -> NamedNode:
        node = actor_iri(actor)
        self.add(node, RDF_TYPE, kg(actor.kind))
        self.add(node, RDFS_LABEL, Literal(actor.label))
        if actor.pref_label:
            self.add(node, SKOS_PREF, Literal(actor.pref_label))
        if actor.geonames_id:
            self.add(node, kg("geonamesId"), Literal(str(actor.geonames_id)))
            self.add(node, OWL_SAME_AS, NamedNode(f"{v.GEONAMES}{actor.geonames_id}/"))
            if actor.point:
                self.add(node, GEO_LAT, decimal(actor.point[0]))
                self.add(node, GEO_LONG, decimal(actor.point[1]))
        code = country_code(actor) if actor.is_place else self.nationality.get(actor.key)
        if code:
            self.add(node, kg("countryCode"), Literal(code))
        if actor.located_in is not None:
            self.add(node, kg("locatedIn"), self.actor(actor.located_in))
        return node


def ntriples(quads) -> str:
    """Quads as N-Triples lines (graph names dropped), in pyoxigraph's own term syntax."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def article_quads(record: ArticleRecord) -> list[Quad]:
    """All quads of one article's named graph."""
    t = _Triples(v.article_graph(record.stem), record.nationality)
    article = res("article", record.stem)
    t.add(article, RDF_TYPE, kg("Article"))
    t.add(article, kg("fileStem"), Literal(record.stem))
    t.add(article, kg("contentHash"), Literal(record.sha256))
    meta = record.meta
    if meta.url:
        t.add(article, NamedNode(v.SCHEMA + "url"), url_term(meta.url))
    if meta.published:
        t.add(article, NamedNode(v.SCHEMA + "datePublished"),
              Literal(meta.published, datatype=NamedNode(v.XSD + "date")))
    if meta.title:
        t.add(article, NamedNode(v.SCHEMA + "headline"), Literal(meta.title))
    if meta.publisher:
        t.add(article, NamedNode(v.SCHEMA + "publisher"), Literal(meta.publisher))
    for n, event in enumerate(record.events, 1):
        _event(t, res("mention", record.stem, str(n)), event, article)
    in_events = _event_actors(record)
    for n, role in enumerate(record.roles, 1):
        node = res("role", record.stem, str(n))
        t.add(node, RDF_TYPE, kg("RoleAssignment"))
        t.add(node, kg("holder"), t.actor(role.holder))
        t.add(node, kg("roleName"), Literal(role.role))
        if role.of is not None:
            t.add(node, kg("roleOf"), t.actor(role.of))
        if meta.published:
            t.add(node, kg("asOf"), Literal(meta.published, datatype=NamedNode(v.XSD + "date")))
        t.add(node, kg("article"), article)
        for actor in (role.holder, role.of):   # named with an office, in no event: listed apart
            if actor is not None and actor_iri(actor) not in in_events:
                t.add(article, kg("mentions"), actor_iri(actor))
    return list(t.quads)


def _event_actors(record: ArticleRecord) -> set[NamedNode]:
    """The IRIs of the actors the article's event mentions name (and the places holding theirs)."""
    out = set()
    for e in record.events:
        for a in [*e.agents, *e.signatories, e.place if e.type in PLACE_PROPERTY else None]:
            while a is not None:
                out.add(actor_iri(a))
                a = a.located_in
    return out


def _event(t: _Triples, node: NamedNode, e: EventRecord, article: NamedNode) -> None:
    t.add(node, RDF_TYPE, kg(MENTION_CLASS[e.type]))
    t.add(node, kg("article"), article)
    t.add(node, kg("evidence"), Literal(e.evidence.text))
    t.add(node, kg("beginOffset"), integer(e.evidence.start))
    t.add(node, kg("endOffset"), integer(e.evidence.end))
    t.add(node, kg("status"), kg(e.status))
    if e.trigger:
        t.add(node, kg("trigger"), Literal(e.trigger))
    if e.rule:
        t.add(node, kg("rule"), Literal(e.rule))
    t.add(node, kg("confidence"), decimal(f"{confidence(e.rule):.3f}"))
    for agent in e.agents:
        t.add(node, kg(AGENT_PROPERTY[e.type]), t.actor(agent))
    for person in e.signatories:
        t.add(node, kg("signatory"), t.actor(person))
    if e.place is not None and e.type in PLACE_PROPERTY:
        t.add(node, kg(PLACE_PROPERTY[e.type]), t.actor(e.place))
    if e.start is not None:
        t.add(node, kg(START_PROPERTY[e.type]), date_literal(e.start))
        t.add(node, kg("datePrecision"), kg(e.start.precision))
    if e.end is not None and e.type == "Visit":
        t.add(node, kg("endDate"), date_literal(e.end))
    if e.date_text:
        t.add(node, kg("dateText"), Literal(e.date_text))
    if e.mode and e.type == "Meeting":
        t.add(node, kg("mode"), kg(e.mode))
    if e.name and e.type == "Agreement":
        t.add(node, kg("name"), Literal(e.name))
    if e.background:
        t.add(node, kg("background"), Literal("true", datatype=NamedNode(v.XSD + "boolean")))


@lru_cache(maxsize=1)
def ontology_quads() -> tuple[Quad, ...]:
    """The ontology, in its own named graph, as every store and endpoint gets it (read once per
    process: every write puts it in again)."""
    from pyoxigraph import RdfFormat, parse
    return tuple(Quad(q.subject, q.predicate, q.object, NamedNode(v.ONTOLOGY_GRAPH))
                 for q in parse(path=str(ROOT / "ontology" / "kg.ttl"), format=RdfFormat.TURTLE))
