"""Every stored query gives the same rows on two SPARQL 1.1 engines over the same `kg export`.

pyoxigraph (the engine kg uses) and rdflib's own SPARQL engine each load the N-Quads export of the
seed store, as it is and with some events called off (the seeds tell of none); each stored
query runs with its example parameters, and with none where all are optional, bound by kg's own
VALUES block. Rows are compared as a multiset, term by term (kind, lexical form, datatype,
language). The one leeway: SPARQL 1.1 leaves the order in which GROUP_CONCAT joins its values to
the engine, so those columns are compared as multisets of the joined parts.
"""
import re
import shlex
from collections import Counter

import pytest

from conftest import NOTHING_IN_SEEDS, kg
from kg.store.queries import bind, stored_queries

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MADE_UP_EVENT = "https://w3id.org/kgnews/id/event/0123456789abcdef"   # in the sources example
JOINED = re.compile(r'GROUP_CONCAT\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)',
                    re.IGNORECASE)
# Cases beyond each query's example: the ones that differed before the queries were made portable
EXTRA = {"timeline": [{"actor": "lavrov"}, {"from": "2018", "to": "2018-06"}]}
# The seeds tell of no called-off event: a copy of their export has some events called off, as
# the event layer records it (the event's status; each article's mention keeps its own)
CALL_OFF = """PREFIX kg: <https://w3id.org/kgnews/ns#>
DELETE { GRAPH <https://w3id.org/kgnews/graph/events> { ?e kg:status ?s } }
INSERT { GRAPH <https://w3id.org/kgnews/graph/events> { ?e kg:status kg:cancelled } }
WHERE { GRAPH <https://w3id.org/kgnews/graph/events> { ?e kg:status ?s } FILTER(REGEX(STR(?e), "[0-7]$")) }"""
# Every seed office holder takes part in an event: a copy where some no longer do (their event links
# dropped, their kg:Role kept) has people the `mentioned-actors` query lists
UNLINK = """PREFIX kg: <https://w3id.org/kgnews/ns#>
DELETE { GRAPH <https://w3id.org/kgnews/graph/events> { ?e ?p ?a } }
WHERE { GRAPH <https://w3id.org/kgnews/graph/events> {
  ?e ?p ?a . VALUES ?p { kg:traveller kg:participant kg:signatory } ?r a kg:Role ; kg:holder ?a }
  FILTER(REGEX(STR(?a), "[a-m]$")) }"""


def example_params(q) -> dict[str, str]:
    words = shlex.split(q.example)
    words = words[:words.index(">")] if ">" in words else words
    pairs = [w for w, prev in zip(words[3:], words[2:]) if prev in ("--param", "-p")]
    return dict(p.split("=", 1) for p in pairs)


def calls(q) -> list[dict[str, str]]:
    """The parameter sets a stored query is run with."""
    out = [example_params(q)]
    if all(not p.required for p in q.params) and out[0]:
        out.append({})
    return out + EXTRA.get(q.name, [])


class Engines:
    """One export, loaded into pyoxigraph and into rdflib."""

    def __init__(self, nq, update=None):
        import pyoxigraph
        import rdflib
        self.ox = pyoxigraph.Store()
        self.ox.load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
        if update:
            self.ox.update(update)
            nq = nq.with_name(nq.stem + "-updated.nq")
            self.ox.dump(str(nq), pyoxigraph.RdfFormat.N_QUADS)
        self.rdflib = rdflib.Dataset()
        self.rdflib.parse(str(nq), format="nquads")

    def an_event(self):
        return next(iter(self.ox.query(
            "SELECT ?e WHERE { GRAPH <https://w3id.org/kgnews/graph/events> { ?e <https://w3id.org/kgnews/ns#mention> ?m } }"
            " ORDER BY ?e LIMIT 1")))["e"].value

    def run(self, q, params):
        """One call of a stored query on both engines: the parameters as run (the made-up event
        of the example swapped for one of this export), the query text, and each engine's
        (columns, rows)."""
        if params.get("event") == MADE_UP_EVENT:
            params = {**params, "event": self.an_event()}
        text = bind(q, params)
        return params, text, self.ox_rows(text), self.rdflib_rows(text)

    def ox_rows(self, text):
        from pyoxigraph import BlankNode, Literal
        r = self.ox.query(text)
        names = [v.value for v in r.variables]

        def term(t):
            if t is None:
                return None
            if isinstance(t, Literal):
                return ("literal", t.value, t.datatype.value, t.language or "")
            return ("bnode" if isinstance(t, BlankNode) else "iri", t.value)
        return names, [tuple(term(s[n]) for n in names) for s in r]

    def rdflib_rows(self, text):
        from rdflib import BNode, Literal
        r = self.rdflib.query(text)
        names = [str(v) for v in r.vars]

        def term(t):
            if t is None:
                return None
            if isinstance(t, Literal):
                datatype = str(t.datatype) if t.datatype else RDF_LANG_STRING if t.language else XSD_STRING
                return ("literal", str(t), datatype, t.language or "")
            return ("bnode" if isinstance(t, BNode) else "iri", str(t))
        return names, [tuple(term(row[i]) for i in range(len(names))) for row in r]


@pytest.fixture(scope="module")
def exports(seed_store, tmp_path_factory):
    """The seed store's export as it is, with some events called off, and with some office
    holders in no event."""
    nq = tmp_path_factory.mktemp("portable") / "seeds.nq"
    kg("export", "-o", nq, store=seed_store, check=True)
    return {"seeds": Engines(nq), "seeds, some called off": Engines(nq, update=CALL_OFF),
            "seeds, some actors in no event": Engines(nq, update=UNLINK)}


def comparable(name, text, columns, rows):
    """Rows as a multiset, GROUP_CONCAT columns as the multiset of their parts."""
    joined = {column: sep for sep, column in JOINED.findall(text)}
    assert len(JOINED.findall(text)) == len(re.findall(r"GROUP_CONCAT\(", text, re.IGNORECASE)), \
        f"{name}: every GROUP_CONCAT needs the form GROUP_CONCAT([DISTINCT] ?v; separator=\"..\") AS ?column"
    at = {i: joined[c] for i, c in enumerate(columns) if c in joined}

    def norm(i, t):
        if i in at and t is not None:
            return t[0], tuple(sorted(t[1].split(at[i]))) if t[1] else (), *t[2:]
        return t
    return Counter(tuple(norm(i, t) for i, t in enumerate(row)) for row in rows)


QUERIES = stored_queries()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_pyoxigraph_and_rdflib_give_the_same_rows(name, exports):
    q = QUERIES[name]
    found = 0
    for where, engines in exports.items():
        for params in calls(q):
            params, text, (ox_columns, ox), (rl_columns, rl) = engines.run(q, params)
            assert rl_columns == ox_columns, (name, params, where)
            a, b = comparable(name, text, ox_columns, ox), comparable(name, text, rl_columns, rl)
            assert a == b, (f"{name} {params} on the {where} export: {len(ox)} rows on pyoxigraph, {len(rl)} on "
                            f"rdflib\n  only pyoxigraph: {list(a - b)[:3]}\n  only rdflib: {list(b - a)[:3]}")
            found += len(ox)
            if where == "seeds" and name not in NOTHING_IN_SEEDS:
                assert ox, f"{name} {params}: no rows on the seeds, so nothing was compared"
    assert found, f"{name}: no rows on any export, so nothing was compared"
