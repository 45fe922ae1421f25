"""Roles in the event layer: one entry per holder, office and state or organisation.

Each article states the offices it names as of its own date (kg:RoleAssignment in its graph);
the event layer gathers them into one kg:Role with the earliest and latest date any article
states it for (kg:firstSeen, kg:lastSeen) and the articles that do, so a president reported by
thirteen articles holds one "President" entry, not thirteen. An office stated without its state
is the one stated with it, when the holder holds it for one state only.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Optional

from pyoxigraph import Literal, NamedNode, Quad, Store

from .. import vocab as v

KG = v.NS
ROLES_QUERY = f"""
PREFIX kg: <{KG}>
SELECT ?g ?holder ?name ?of ?asof ?article WHERE {{
  GRAPH ?g {{
    #VALUES
    ?r a kg:RoleAssignment ; kg:holder ?holder ; kg:roleName ?name .
    OPTIONAL {{ ?r kg:roleOf ?of }}
    OPTIONAL {{ ?r kg:asOf ?asof }}
    OPTIONAL {{ ?r kg:article ?article }}
  }}
}}"""


@dataclass
class RoleRow:
    """One article's statement of an office: who, which office, for whom, as of when."""
    holder: str
    office: str
    of: Optional[str]
    as_of: Optional[Literal] = None
    articles: set = field(default_factory=set)


def read_roles(sources: Iterable[tuple[Store, set[str]]], only: str = "") -> list[RoleRow]:
    """The offices the article graphs of `sources` state; `only` (a VALUES clause) narrows them."""
    out = []
    for store, excluded in sources:
        for row in store.query(ROLES_QUERY.replace("#VALUES", only)):
            g = row["g"]
            if not isinstance(g, NamedNode) or not g.value.startswith(v.ARTICLE_GRAPH_PREFIX) or g.value in excluded:
                continue
            out.append(RoleRow(row["holder"].value, row["name"].value, row["of"].value if row["of"] else None,
                               row["asof"], {row["article"].value} if row["article"] else set()))
    return out


def role_node(holder: str, office: str, of: Optional[str]) -> NamedNode:
    """A role's IRI from what it is, so it stays the same whichever articles state it."""
    digest = hashlib.sha1(f"{holder} {office} {of or ''}".encode()).hexdigest()[:16]
    return NamedNode(v.RES + "role/" + digest)


def role_quads(rows: list[RoleRow]) -> list[Quad]:
    """One kg:Role per holder, office and party, with the first and last date seen."""
    parties: dict[tuple, set] = {}
    for r in rows:
        if r.of:
            parties.setdefault((r.holder, r.office), set()).add(r.of)
    grouped: dict[tuple, list[RoleRow]] = {}
    for r in rows:
        of = r.of
        if of is None and len(parties.get((r.holder, r.office), ())) == 1:
            (of,) = parties[(r.holder, r.office)]   # "President" beside "President of X" alone: of X
        grouped.setdefault((r.holder, r.office, of), []).append(r)
    g, quads = NamedNode(v.EVENTS_GRAPH), []
    for (holder, office, of), group in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        node = role_node(holder, office, of)

        def add(p: str, o) -> None:
            quads.append(Quad(node, NamedNode(p), o, g))
        add(v.RDF + "type", NamedNode(KG + "Role"))
        add(KG + "holder", NamedNode(holder))
        add(KG + "roleName", Literal(office))
        if of:
            add(KG + "roleOf", NamedNode(of))
        dates = sorted({r.as_of for r in group if r.as_of is not None}, key=lambda d: d.value)
        if dates:
            add(KG + "firstSeen", dates[0])
            add(KG + "lastSeen", dates[-1])
        for a in sorted({a for r in group for a in r.articles}):
            add(KG + "statedIn", NamedNode(a))
    return quads
