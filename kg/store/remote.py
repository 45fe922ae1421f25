"""A SPARQL endpoint on another server: queries and updates by the SPARQL 1.1 Protocol, whole
graphs by the Graph Store HTTP Protocol (GSP).

Standard library HTTP only. Credentials come from $KG_ENDPOINT_USER / $KG_ENDPOINT_PASSWORD or
from ~/.netrc, never from the command line, and are never printed; TLS certificates are verified.
Connection failures are retried with back-off; HTTP errors are not (the server said no).
"""
from __future__ import annotations

import base64
import json
import netrc
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .. import errors

RESULTS_JSON = "application/sparql-results+json"


@dataclass
class Endpoint:
    query_url: str
    update_url: str
    store_url: str          # the Graph Store Protocol service
    timeout: float = 120.0
    retries: int = 4

    @classmethod
    def at(cls, url: str, graph_store: str | None = None, update: str | None = None,
           timeout: float = 120.0) -> "Endpoint":
        """The three URLs of a server, from the one the user gave:
        http://host:7878 (Oxigraph: /query, /update, /store), .../query (Oxigraph too),
        .../ds/sparql (Fuseki: /ds/update, /ds/data), anything else (GraphDB's
        /repositories/NAME: /statements, /rdf-graphs/service). --graph-store / --update win."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise errors.InputError(f"{url}: not an http(s) URL of a SPARQL endpoint; "
                                    "e.g. http://127.0.0.1:7878")
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
        return cls(q, update or u, graph_store or s, timeout)

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
        if "boolean" in doc:
            return bool(doc["boolean"])
        variables = doc.get("head", {}).get("vars", [])
        rows = [[_term(b.get(v)) for v in variables] for b in doc.get("results", {}).get("bindings", [])]
        return variables, rows

    def update(self, sparql: str) -> None:
        self._send("POST", self.update_url, sparql.encode(), {"Content-Type": "application/sparql-update"})

    def put_graph(self, graph: str, ntriples: bytes, replace: bool = True) -> None:
        """PUT replaces the graph (pushing twice changes nothing); POST adds to it (later chunks)."""
        url = self.store_url + "?" + urllib.parse.urlencode({"graph": graph})
        self._send("PUT" if replace else "POST", url, ntriples, {"Content-Type": "application/n-triples"})

    def triple_count(self) -> int:
        _, rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    # -- HTTP
    def _send(self, method: str, url: str, body: bytes, headers: dict) -> tuple[int, str, bytes]:
        headers = {**headers, **_auth(url)}
        shown = url.split("?", 1)[0]   # messages name the service, not the encoded graph IRI
        delay = 0.25
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as r:
                    return r.status, r.headers.get("Content-Type", ""), r.read()
            except urllib.error.HTTPError as e:
                if e.code in (502, 503, 504) and attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise errors.endpoint_refused(shown, e.code, e.read().decode("utf-8", "replace")) from None
            except (socket.timeout, TimeoutError):
                raise errors.endpoint_timeout(shown, self.timeout) from None
            except (urllib.error.URLError, ConnectionError) as e:
                if isinstance(getattr(e, "reason", None), (socket.timeout, TimeoutError)):
                    raise errors.endpoint_timeout(shown, self.timeout) from None
                if attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                reason = getattr(e, "reason", e)
                raise errors.endpoint_unreachable(shown, str(reason)) from None
        raise AssertionError("unreachable")


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


def _auth(url: str) -> dict:
    """Basic auth from the environment, else from ~/.netrc; nothing when neither has it."""
    user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if not user:
        host = urllib.parse.urlsplit(url).hostname or ""
        try:
            found = netrc.netrc().authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            found = None
        if found:
            user, _, password = found
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    return {"Authorization": "Basic " + token}
