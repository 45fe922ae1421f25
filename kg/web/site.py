"""The pages of `kg serve` and the routes to them; the SPARQL protocol is relayed elsewhere
(store/server.py) and never comes here.

  /                      counts of articles and events, the stored queries, a search box
  /search?text=...       actors and places by part of a name
  /queries/NAME?...      a stored query: a form from its parameters, its answer as a table,
                         links to the same answer as CSV and JSON, and its SPARQL
  /api/NAME[.EXT]?...    a stored query's answer as data (api.py)
  /id/event/HEX          an event and every source behind it, the trigger in each sentence marked
  /id/article/STEM       an article and the events it reports
  /id/KIND/NAME          an actor or place: its timeline, whom it met, where it went, who came
  /timeline?...          the timeline picture with a form to choose its actor, place and dates
  /timeline.svg|.png?... the picture itself (timeline.py, plot.py)

Every page is also data: the same URL ending in .json (/index.json for /) gives what it shows
as JSON. A page is rendered by Jinja2 from kg/web/templates (autoescaped: a name in the data is never
markup) with its data from the same stored and show queries as `kg query` and `kg show`, run on
the server's own Oxigraph so its timeout holds. Pages link to pages: each is a URL that can be
bookmarked and shared; CSS ships in kg/web/static, nothing is fetched from elsewhere."""
from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .. import errors
from ..errors import KgError
from ..store import queries
from ..store.ids import EVENT_IRI, event_iri
from ..store.answer import as_dicts
from ..store.show import Finder, actor_record, article_record, event_record
from ..graph.rdf import res
from ..table import said, words
from ..vocab import RES, article_iri
from . import api, plot, timeline

HERE = Path(__file__).parent
STATIC = {"kg.css": "text/css; charset=utf-8"}
SHOWN_ROWS = 500     # rows a query page shows; the CSV and JSON links give them all


@dataclass
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def plain_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """A one-line text answer: an error of /api or of the server's own checks."""
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or {})


@dataclass
class Page:
    """A page, as HTML from its template, or as the data it shows (the same URL ending in .json)."""
    template: str
    title: str
    data: object
    context: dict = field(default_factory=dict)


ROUTES = [
    (re.compile(r"/"), "home"),
    (re.compile(r"/search"), "search"),
    (re.compile(r"/queries/(?P<name>[\w.-]+)"), "query_page"),
    (re.compile(r"/api/(?P<name>[\w-]+?)(?:\.(?P<ext>[a-z]+))?"), "api_answer"),
    (re.compile(r"/id/event/(?P<digits>[0-9a-fA-F]{1,16})"), "event"),
    (re.compile(r"/id/article/(?P<stem>[^/]+)"), "article"),
    (re.compile(r"/id/(?P<kind>[a-z]+)/(?P<name>[^/]+)"), "actor"),
    (re.compile(r"/timeline"), "timeline_page"),
    (re.compile(r"/timeline\.(?P<fmt>svg|png)"), "picture"),
    (re.compile(r"/static/(?P<file>[\w.-]+)"), "static"),
]


def as_data(path: str) -> tuple[str, bool]:
    """(the page's path, whether its data are asked for): /id/event/HEX.json is the data of
    /id/event/HEX, /index.json those of /."""
    if path.endswith(".json") and not path.startswith("/api/"):
        return path[:-len(".json")].removesuffix("/index") or "/", True
    return path, False


def is_page(path: str) -> bool:
    """Whether `path` is one of the site's (the rest is the SPARQL protocol's)."""
    return any(pattern.fullmatch(as_data(path)[0]) for pattern, _ in ROUTES)


class Site:
    """Answers page requests; `endpoint()` gives the URL of the store's SPARQL server now (it may
    have been started again, on another port)."""

    def __init__(self, endpoint: Callable[[], str], timeout: float, store_name: str, allow_service: bool = False,
                 writable: bool = False):
        self.endpoint, self.timeout, self.store_name = endpoint, timeout, store_name
        self.allow_service = allow_service   # kg serve --allow-service: stored queries may use SERVICE
        self.writable = writable             # kg serve --writable: the store may change under the pages

    def reply(self, path: str, query: str, accept: str = "") -> Reply:
        page_path, data = as_data(path)
        plain = data or page_path.startswith("/api/")   # what a program asked for: errors as one line of text
        try:
            params = _params(query)
            for pattern, handler in ROUTES:
                m = pattern.fullmatch(page_path)
                if m:
                    return self._deliver(getattr(self, handler)(params, accept, **m.groupdict()), page_path, data, query)
        except KgError as e:
            return self._error(api.status_of(e), str(e), plain)
        return self._error(404, str(errors.no_page(path)), plain)

    def _deliver(self, out: Page | Reply, page_path: str, data: bool, query: str) -> Reply:
        """A handler's answer as the request wants it: the page, or its data (.json)."""
        if isinstance(out, Reply):
            if data and "Location" in out.headers:   # a short id's data: the event's
                out.headers["Location"] += ".json"
            elif data:
                return self._error(404, f"{page_path} has no .json; see its page", True)
            return out
        if data:
            return Reply(200, "application/json", json.dumps(out.data, ensure_ascii=False, indent=1).encode("utf-8"))
        json_url = (page_path.rstrip("/") or "/index") + ".json" + ("?" + query if query else "")
        return self._html(out.template, title=out.title, json_url=json_url, **out.context)

    @property
    def finder(self) -> Finder:
        return Finder(endpoint=self.endpoint(), timeout=self.timeout, own=True, allow_service=self.allow_service)

    # -- pages
    def home(self, params, accept):
        finder = self.finder
        overview = finder.rows("overview")
        articles = (finder.rows("articles") or [{}])[0]
        by_type: dict[str, dict] = {}
        for r in overview:
            row = by_type.setdefault(r["type"], {"type": r["type"], "total": 0, "statuses": []})
            row["total"] += int(r["events"])
            row["statuses"].append((r["status"], int(r["events"])))
        dated = (finder.rows("dates") or [{}])[0]
        stored, broken = queries.readable()
        broken = [str(e) for e in broken]
        data = {"articles": int(articles.get("articles") or 0), "published": [articles.get("first"), articles.get("last")],
                "events": {t["type"]: dict(t["statuses"]) for t in by_type.values()},
                "dated": [dated.get("first"), dated.get("last")],
                "queries": [{"name": q.name, "summary": q.summary, "params": [p.name for p in q.params]} for q in stored]}
        return Page("home.html", "kg", data, {"articles": articles, "types": list(by_type.values()), "broken": broken,
                                             "first": data["dated"][0], "last": data["dated"][1], "stored": stored})

    def search(self, params, accept):
        text = params.get("text", "")
        found = self.finder.rows("search", text=text) if text else []
        return Page("search.html", f"Search: {text}" if text else "Search", found, {"text": text, "found": found})

    def query_page(self, params, accept, name):
        q = queries.get(name)
        missing = [p.name for p in q.params if p.required and p.name not in params]
        table, rows = None, []
        if not missing:
            rows, columns = _rows_of(self.finder.answer_of(name, **params))
            columns = [c for c in q.columns if c in columns] or columns
            table = {"columns": columns, "rows": rows[:SHOWN_ROWS], "total": len(rows)}
        links = {fmt: f"/api/{name}.{fmt}" + ("?" + urllib.parse.urlencode(params) if params else "")
                 for fmt in ("csv", "json")}
        return Page("query.html", name, {"query": name, "params": params, "rows": rows},
                    {"q": q, "values": params, "missing": missing if params else [], "table": table, "links": links})

    def api_answer(self, params, accept, name, ext):
        named = api.named_format(ext, params)
        media, body = api.run(name, params, named, accept, self.endpoint(), self.timeout, self.allow_service)
        return Reply(200, media, body)

    def event(self, params, accept, digits):
        finder, digits = self.finder, digits.lower()
        if len(digits) < 16:   # a short id (ev:0123abcd, as listings show it): to the event's own page
            iri = event_iri("ev:" + digits, path=None, endpoint=finder.endpoint, timeout=self.timeout)
            return Reply(302, "text/plain; charset=utf-8", b"", {"Location": href(iri)})
        rec = event_record(EVENT_IRI + digits, finder)
        if "type" not in rec:
            raise errors.no_such_event(f"ev:{digits}")
        return Page("event.html", f"{rec['type']} {rec['id']}", rec, {"rec": rec})

    def article(self, params, accept, stem):
        rec = article_record(article_iri(urllib.parse.unquote(stem)), self.finder)
        if not rec.get("article"):
            raise errors.nothing_to_show(urllib.parse.unquote(stem))
        return Page("article.html", rec.get("headline") or rec["article"], rec, {"rec": rec})

    def actor(self, params, accept, kind, name):
        iri = res(kind, urllib.parse.unquote(name)).value   # as the IRI was minted, however the path was encoded
        finder = self.finder
        rec = actor_record(iri, finder)
        if not rec.get("name"):
            raise errors.nothing_to_show(iri)
        links: dict[str, dict] = {}
        for r in finder.rows("actor-links", actor=iri):
            other = links.setdefault(r["relation"], {}).setdefault(r["other"], {"name": r["name"], "events": []})
            if all(e["iri"] != r["event"] for e in other["events"]):
                other["events"].append({"iri": r["event"], "date": r.get("date")})
        picture = "/timeline.svg?" + urllib.parse.urlencode({"actor": iri})
        links = {rel: sorted(({"iri": k, **o} for k, o in others.items()), key=lambda o: o["name"])
                 for rel, others in links.items()}
        return Page("actor.html", rec["name"], {**rec, "links": links}, {"rec": rec, "links": links, "picture": picture})

    def timeline_page(self, params, accept):
        points = [vars(p) for p in timeline.points(params, self.finder)]   # checks the parameters first
        query = urllib.parse.urlencode(params)
        return Page("timeline.html", "Timeline", points, {"values": params, "fields": timeline.PARAMS,
                                                          "svg": "/timeline.svg" + ("?" + query if query else ""),
                                                          "png": "/timeline.png" + ("?" + query if query else "")})

    def picture(self, params, accept, fmt):
        key = tuple(sorted(params.items()))
        picture = self._drawn(key, fmt) if not self.writable else self._draw(key, fmt)
        return Reply(200, "image/svg+xml" if fmt == "svg" else "image/png", picture)

    @lru_cache(maxsize=64)
    def _drawn(self, params: tuple, fmt: str) -> bytes:
        """A picture drawn once for each choice: a read-only store cannot change while it is
        served (its writers are refused), and drawing every event of a large store takes a second."""
        return self._draw(params, fmt)

    def _draw(self, params: tuple, fmt: str) -> bytes:
        finder, chosen = self.finder, dict(params)
        return plot.draw(timeline.points(chosen, finder), timeline.title(chosen, finder), fmt)

    def static(self, params, accept, file):
        if file not in STATIC:
            raise errors.no_page(f"/static/{file}")
        return Reply(200, STATIC[file], (HERE / "static" / file).read_bytes(), {"Cache-Control": "max-age=3600"})

    def sparql_form(self) -> Reply:
        """GET /sparql with no query: what the endpoint is, and a form to ask it."""
        return self._html("sparql.html", title="SPARQL", formats=["json", "xml", "csv", "tsv", "turtle", "ntriples",
                                                                  "jsonld"])

    # -- rendering
    def _html(self, template: str, status: int = 200, **context) -> Reply:
        html = _templates().get_template(template).render(store=self.store_name, **context)
        return Reply(status, "text/html; charset=utf-8", html.encode("utf-8"))

    def _error(self, status: int, message: str, plain: bool = False) -> Reply:
        if plain:
            return plain_reply(status, message)
        return self._html("error.html", status, title=f"Error {status}", message=message)


def _params(query: str) -> dict[str, str]:
    """The request's parameters (an empty one left out, as a form sends an optional field left
    blank); one given twice is refused, not silently the last."""
    pairs = [(k, v) for k, v in urllib.parse.parse_qsl(query) if v.strip()]
    names = [k for k, _ in pairs]
    twice = sorted({k for k in names if names.count(k) > 1})
    if twice:
        raise errors.param_twice(twice[0])
    return dict(pairs)


def _rows_of(result) -> tuple[list[dict], list[str]]:
    """Any answer as rows of a table and its columns: a SELECT's own, an ASK's one cell, a graph's
    triples."""
    if isinstance(result, bool):
        return [{"answer": "true" if result else "false"}], ["answer"]
    if isinstance(result, tuple):
        return as_dicts(result), list(result[0])
    columns = ["subject", "predicate", "object"]
    return [dict(zip(columns, (t.subject.value, t.predicate.value, t.object.value))) for t in result], columns


def href(iri: str | None) -> str | None:
    """The page of a kg IRI (an event, article, actor or place); None for any other."""
    if not iri or not iri.startswith(RES):
        return None
    return "/id/" + iri[len(RES):]


def shown(value: str | None) -> str:
    """A value as a page shows it: an event IRI as its short id, an article as its stem (as the
    tables of `kg query` show them)."""
    return (said(value) or value) if value else ""


def web_url(value: str | None) -> str | None:
    """An article's address as a link only when it is a web address (a sidecar could give
    `javascript:...`)."""
    return value if value and re.match(r"https?://", value, re.IGNORECASE) else None


def marked(evidence: str, span) -> tuple[str, str, str]:
    """The sentence cut around its trigger: (before, trigger, after)."""
    if not span:
        return evidence, "", ""
    begin, end = span
    return evidence[:begin], evidence[begin:end], evidence[end:]


@lru_cache(maxsize=1)
def _templates():
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(href=href, shown=shown, marked=marked, web_url=web_url, words=words)
    return env
