"""A SPARQL endpoint on another server: queries and updates by the SPARQL 1.1 Protocol, whole
graphs by the Graph Store HTTP Protocol (GSP).

Credentials come from a user:password@ in the URL, from $KG_ENDPOINT_USER /
$KG_ENDPOINT_PASSWORD or from ~/.netrc, and are never printed; TLS certificates are verified.
How each request is bounded, retried and kept to its host: see `transport`.
"""
from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field

from .. import errors
from .transport import auth as _auth  # noqa: F401 - where tests and callers have always found it
from .transport import origin, request, split_login

RESULTS_JSON = "application/sparql-results+json"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"     # what a CONSTRUCT or DESCRIBE is asked for
VALUES_AT_ONCE = 1000   # graph IRIs per counting query


@dataclass
class Endpoint:
    query_url: str
    update_url: str
    store_url: str          # the Graph Store Protocol service
    timeout: float = 120.0
    retries: int = 4
    logins: dict = field(default_factory=dict, repr=False)   # origin -> (user, password) from the URLs
    answered: dict = field(default_factory=dict, repr=False)  # origin -> the Server header it answered with

    @classmethod
    def at(cls, url: str, graph_store: str | None = None, update: str | None = None,
           timeout: float = 120.0) -> "Endpoint":
        """The three URLs of a server, from the one the user gave:
        http://host:7878 (Oxigraph: /query, /update, /store), .../query (Oxigraph too),
        .../ds/sparql (Fuseki: /ds/update, /ds/data), anything else (GraphDB's
        /repositories/NAME: /statements, /rdf-graphs/service). --graph-store / --update win.
        A user:password@ in any of them is taken out and sent as Basic auth to that host only."""
        logins: dict = {}
        url, graph_store, update = (_clean(u, logins) if u else u for u in (url, graph_store, update))
        parts = urllib.parse.urlsplit(url)
        path = parts.path.rstrip("/")
        base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if not path:
            q, u, s = base + "/query", base + "/update", base + "/store"
        elif path.endswith("/query"):
            root = base + path[: -len("/query")]
            q, u, s = root + "/query", root + "/update", root + "/store"
        elif path.endswith("/sparql"):
            root = base + path[: -len("/sparql")]
            q, u, s = root + "/sparql", root + "/update", root + "/data"
        else:
            q, u, s = base + path, base + path + "/statements", base + path + "/rdf-graphs/service"
        return cls(q, update or u, graph_store or s, timeout, logins=logins)

    # -- the protocols
    def select(self, sparql: str):
        """Variables and rows (pyoxigraph terms, None when unbound) of a SELECT; a bool for ASK."""
        body = urllib.parse.urlencode({"query": sparql}).encode()
        status, ctype, data = self._send("POST", self.query_url, body,
                                         {"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": RESULTS_JSON})
        if "json" not in ctype:
            raise errors.endpoint_bad_answer(self.query_url, ctype)
        try:
            doc = json.loads(data)
        except ValueError:
            raise errors.endpoint_bad_answer(self.query_url, ctype + " that is not JSON") from None
        if not isinstance(doc, dict):
            raise errors.endpoint_bad_answer(self.query_url, ctype + " that is not SPARQL results")
        if "boolean" in doc:
            return bool(doc["boolean"])
        variables = doc.get("head", {}).get("vars", [])
        rows = [[_term(b.get(v)) for v in variables] for b in doc.get("results", {}).get("bindings", [])]
        return variables, rows

    def construct(self, sparql: str) -> list:
        """The triples of a CONSTRUCT or DESCRIBE, asked for as N-Triples or else Turtle (any RDF
        syntax the server answers in anyway is read, a dataset's quads as their triples)."""
        from pyoxigraph import RdfFormat, parse
        body = urllib.parse.urlencode({"query": sparql}).encode()
        status, ctype, data = self._send("POST", self.query_url, body,
                                         {"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": RDF_ACCEPT})
        media = ctype.split(";")[0].strip().lower()
        fmt = RdfFormat.N_TRIPLES if media == "text/plain" else RdfFormat.from_media_type(media) if media else None
        if fmt is None:
            raise errors.endpoint_bad_answer(self.query_url, ctype, "RDF (N-Triples or Turtle)")
        try:
            return [getattr(t, "triple", t) for t in parse(data, fmt)]
        except (SyntaxError, ValueError) as e:
            why = " ".join(str(e).split())[:160]
            raise errors.endpoint_bad_answer(self.query_url, f"{ctype} that does not parse ({why})",
                                             "RDF (N-Triples or Turtle)") from None

    def update(self, sparql: str) -> None:
        self._send("POST", self.update_url, sparql.encode(), {"Content-Type": "application/sparql-update"})

    def put_graph(self, graph: str, ntriples: bytes, replace: bool = True) -> None:
        """PUT replaces the graph (pushing twice changes nothing); POST adds to it (later chunks)."""
        self._write("PUT" if replace else "POST", self._graph_url(graph), ntriples,
                    {"Content-Type": "application/n-triples"})

    def post_quads(self, nquads: bytes) -> None:
        """Add N-Quads to the dataset (Graph Store POST with no ?graph: Oxigraph, Fuseki). Oxigraph
        is asked to load them with its bulk loader (`?no_transaction`, what `oxigraph load` uses:
        half the time of a transaction at 10,000 articles), when an answer has named it."""
        url = self.store_url
        if self.is_oxigraph(url):
            url += ("&" if "?" in url else "?") + "no_transaction"
        self._write("POST", url, nquads, {"Content-Type": "application/n-quads"})

    def is_oxigraph(self, url: str) -> bool:
        """Whether the server at the URL's origin has answered as Oxigraph's (its Server header says
        "Oxigraph/0.5.13"). Until it has answered, or behind a proxy that hides it, it is not taken
        for one: what depends on it is only faster."""
        return self.answered.get(origin(url), "").lower().startswith("oxigraph/")

    def delete_graph(self, graph: str) -> bool:
        """Drop the graph; False when the server had no such graph (404)."""
        return self._write("DELETE", self._graph_url(graph), None, {}, tolerate=(404,)) != 404

    def graphs_under(self, prefix: str) -> list[str]:
        """The named graphs (with triples) whose IRI starts with `prefix`. Oxigraph is asked for its
        graphs (`GRAPH ?g {}`) and whether each has a triple: 0.2 s at 10,000 articles, where
        reading every triple's graph takes 3 s. Not every server lists its graphs that way
        (Virtuoso keeps no graphs apart from their triples), so the others are asked the long way."""
        if self.is_oxigraph(self.query_url):
            rows = self._rows(f'SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER(STRSTARTS(STR(?g), "{prefix}")) '
                              f'FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}')
        else:
            rows = self._rows(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                              f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')
        names = {r[0].value for r in rows if r and r[0] is not None}
        return sorted(g for g in names if g.startswith(prefix))

    def triples_in(self, graphs: list[str]) -> int:
        """Triples in exactly these named graphs (one query per thousand graphs)."""
        total = 0
        for i in range(0, len(graphs), VALUES_AT_ONCE):
            values = " ".join(f"<{g}>" for g in graphs[i:i + VALUES_AT_ONCE])
            total += self._number(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        return total

    def triple_count(self) -> int:
        return self._number("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    def _graph_url(self, graph: str) -> str:
        return self.store_url + "?" + urllib.parse.urlencode({"graph": graph})

    def _rows(self, sparql: str) -> list:
        result = self.select(sparql)
        if not isinstance(result, tuple):
            raise errors.endpoint_bad_answer(self.query_url, "a yes/no answer to a SELECT")
        return result[1]

    def _number(self, sparql: str) -> int:
        rows = self._rows(sparql)
        try:
            return int(rows[0][0].value) if rows and rows[0][0] is not None else 0
        except (ValueError, AttributeError):
            raise errors.endpoint_bad_answer(self.query_url, "a count that is no number") from None

    # -- HTTP
    def _send(self, method: str, url: str, body: bytes | None, headers: dict,
              tolerate: tuple = ()) -> tuple[int, str, bytes]:
        return request(method, url, body, headers, self.timeout, self.retries, self.logins, tolerate, self.answered)

    def _write(self, method: str, url: str, body: bytes | None, headers: dict, tolerate: tuple = ()) -> int:
        """A Graph Store write; its status. A 2xx web page means a web server, not a Graph Store,
        took the request (and stored nothing): an error, not a success."""
        status, ctype, data = self._send(method, url, body, headers, tolerate)
        if ctype.split(";")[0].strip().lower() == "text/html" and data.strip() and status not in tolerate:
            raise errors.endpoint_not_sparql(url.split("?", 1)[0], ctype)
        return status


class RemoteGraphs:
    """Read access in the shape `kg.merge` reads a store with (`query(sparql)` giving rows that
    answer `row[name]`), so the event layer can be derived from a remote endpoint's graphs."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def query(self, sparql: str):
        variables, rows = self.endpoint.select(sparql)
        return [_Row(dict(zip(variables, r))) for r in rows]


class _Row(dict):
    def __getitem__(self, key):
        return self.get(key)


def _term(binding):
    from pyoxigraph import BlankNode, Literal, NamedNode
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(value)
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if binding.get("datatype"):
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)


def _clean(url: str, logins: dict) -> str:
    """`url` without user:password@ (kept in `logins` for its origin); InputError if no http(s) URL."""
    from .transport import origin
    try:
        clean, login = split_login(url)
    except ValueError:
        raise errors.not_endpoint_url(url) from None
    if login:
        logins[origin(clean)] = login
    return clean
