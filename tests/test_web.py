"""The pages, /api and /sparql of `kg serve` (issue 12), over HTTP from a real server on a
loopback port over a copy of the seed store; the answers held to `kg query` on the same store."""
import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import NOTHING_IN_SEEDS, ROOT, example_params, kg
from test_remote import OXIGRAPH, free_port, stop
from test_serve import serve

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="the oxigraph server is not installed")

KIM = "/id/person/kim-jong-un"
ROW_FORMATS = {"csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
               "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "ndjson": "application/x-ndjson"}


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_store):
    """(base URL, store) of a read-only `kg serve` over a copy of the seed store."""
    store = tmp_path_factory.mktemp("site") / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    proc = serve(store, port, "--query-timeout", "5")
    yield f"http://127.0.0.1:{port}", store
    stop(proc)


def get(url: str, headers: dict | None = None, data: bytes | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def stored_names() -> list[str]:
    from kg.store.queries import query_files
    return sorted(query_files())


@pytest.mark.parametrize("name", stored_names())
@pytest.mark.parametrize("fmt", sorted(ROW_FORMATS))
def test_api_gives_the_rows_kg_query_gives_in_each_format(site, name, fmt):
    url, store = site
    params = example_params(name, store)
    status, media, body = get(f"{url}/api/{name}.{fmt}?" + urllib.parse.urlencode(params))
    assert status == 200, body
    assert media == ROW_FORMATS[fmt]
    argv = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    printed = subprocess.run([sys.executable, "-m", "kg", "query", name, *argv, "--format", fmt, "--store", str(store)],
                             capture_output=True, cwd=ROOT, check=True).stdout   # as bytes: CSV's CRLF kept
    assert body == printed
    if name not in NOTHING_IN_SEEDS and fmt == "json":
        assert json.loads(body)["results"]["bindings"], f"{name} found nothing in the seeds"


@pytest.mark.parametrize("how,expected", [
    ({"headers": {"Accept": "text/csv"}}, "text/csv; charset=utf-8"),
    ({"headers": {"Accept": "text/html;q=0.5, application/sparql-results+xml"}}, "application/sparql-results+xml"),
    ({"query": "format=tsv"}, "text/tab-separated-values; charset=utf-8"),
    ({}, "application/sparql-results+json"),   # no preference: SPARQL JSON
])
def test_api_format_follows_the_extension_then_format_then_accept(site, how, expected):
    url, _ = site
    status, media, body = get(f"{url}/api/visits?{how.get('query', '')}", headers=how.get("headers"))
    assert (status, media) == (200, expected), body


@pytest.mark.parametrize("path,code,fragment", [
    ("/api/visits.ttl", 400, "is a graph format"),
    ("/api/visits.gif", 400, "gif"),
    ("/api/who-visited.csv", 400, "place"),                        # a required parameter left out
    ("/api/visits.csv?colour=red", 400, "colour"),                 # a parameter the query does not take
    ("/api/visits.csv?format=csv&format=json", 400, "more than once"),
    ("/api/no-such-query", 404, "no-such-query"),
])
def test_api_refuses_what_it_cannot_answer_in_one_line_that_says_why(site, path, code, fragment):
    url, _ = site
    status, media, body = get(url + path)
    assert (status, media) == (code, "text/plain; charset=utf-8")
    assert fragment in body.decode("utf-8") and body.decode("utf-8").count("\n") == 1


def test_a_value_cannot_inject_sparql_through_the_api(site):
    url, _ = site
    evil = 'x" ) } } SELECT * WHERE { ?s ?p ?o } #'
    status, _, body = get(f"{url}/api/who-visited.csv?" + urllib.parse.urlencode({"place": evil}))
    assert status == 200 and body.decode().strip() == "traveller,destination,start,end,status,visit,document,url,publisher"


def test_home_page_counts_the_store_and_lists_every_stored_query(site):
    url, store = site
    status, media, body = get(url + "/")
    page = body.decode("utf-8")
    assert (status, media) == (200, "text/html; charset=utf-8")
    assert "<strong>5</strong> articles" in page
    visits = len({r for r in kg("query", "visits", "-f", "csv", store=store, check=True).stdout.splitlines()[1:]
                  if r.split(",")[5] != "cancelled" for r in [r.split(",")[0]]})
    assert re.search(rf"<th scope=\"row\">Visits</th><td class=\"n\">{visits}</td>", page), page
    for name in stored_names():
        assert f'href="/queries/{name}"' in page
    assert 'action="/search"' in page and 'href="/static/kg.css"' in page


def test_search_finds_actors_and_places_by_part_of_a_name_and_escapes_what_it_echoes(site):
    url, _ = site
    page = get(url + "/search?text=PYONG")[2].decode()
    assert '<a href="/id/place/' in page and ">Pyongyang</a>" in page
    page = get(url + "/search?" + urllib.parse.urlencode({"text": "<script>x</script>"}))[2].decode()
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_a_query_page_has_its_form_its_answer_its_data_links_and_its_sparql(site):
    url, store = site
    status, _, body = get(url + "/queries/who-visited?place=Pyongyang")
    page = body.decode()
    assert status == 200
    assert '<input id="p-place" name="place" value="Pyongyang" required>' in page
    rows = kg("query", "who-visited", "-p", "place=Pyongyang", "-f", "csv", store=store, check=True).stdout.splitlines()
    assert f"{len(rows) - 1} rows" in page
    assert 'href="/api/who-visited.csv?place=Pyongyang"' in page and 'href="/api/who-visited.json?place=Pyongyang"' in page
    assert "kg:locatedIn*" in page                              # the SPARQL text
    assert re.search(r'<a href="/id/event/[0-9a-f]{16}">ev:[0-9a-f]{8}</a>', page)
    empty = get(url + "/queries/who-visited")[2].decode()     # the form, no answer yet, no error
    assert "<form" in empty and "rows" not in empty and 'role="alert"' not in empty


def test_an_event_page_shows_its_facts_and_each_source_with_the_trigger_marked(site):
    url, store = site
    visit = next(r for r in kg("query", "visits", "-f", "json", store=store, check=True).stdout and
                 json.loads(kg("query", "visits", "-f", "json", store=store, check=True).stdout)["results"]["bindings"]
                 if r.get("cameo"))
    path = "/id/event/" + visit["visit"]["value"].rsplit("/", 1)[1]
    status, _, body = get(url + path)
    page = body.decode()
    assert status == 200 and page.count("<mark>") >= 1
    assert visit["traveller"]["value"] in page and visit["cameo"]["value"] in page
    assert visit["publisher"]["value"] in page
    article = re.search(r'<a href="(/id/article/[^"]+)">', page).group(1)
    page = get(url + article)[2].decode()
    assert "<mark>" in page
    short = re.search(r'<a href="(/id/event/[0-9a-f]{8})">ev:', page).group(1)
    status, _, body = get(url + short)            # a short id is taken to the event's own page
    assert status == 200 and "<h2>Sources" in body.decode()


def test_an_article_address_is_a_link_only_when_it_is_a_web_address():
    from kg.web.site import web_url
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("javascript:alert(1)") is None and web_url("  https://x") is None and web_url(None) is None


def test_actor_and_place_pages_show_the_timeline_whom_they_met_where_they_went_and_who_came(site):
    url, _ = site
    page = get(url + KIM)[2].decode()
    assert "<h1>Kim Jong Un</h1>" in page
    assert "<h2>Met</h2>" in page and "<h2>Went to</h2>" in page
    assert 'src="/timeline.svg?actor=https%3A%2F%2Fw3id.org%2Fkgnews%2Fid%2Fperson%2Fkim-jong-un"' in page
    place = re.search(r'<a href="(/id/place/[^"]+)">Pyongyang</a>', get(url + "/search?text=pyongyang")[2].decode())
    page = get(url + place.group(1))[2].decode()
    assert "<h2>Who came</h2>" in page and "Sergei Lavrov" in page


@pytest.mark.parametrize("path,media,magic", [
    ("/timeline.svg", "image/svg+xml", b"<?xml"),
    ("/timeline.png?actor=Lavrov&from=2018&to=2018-12", "image/png", b"\x89PNG"),
    ("/timeline.svg?actor=https%3A%2F%2Fw3id.org%2Fkgnews%2Fid%2Fperson%2Fkim-jong-un", "image/svg+xml", b"<?xml"),
])
def test_the_timeline_picture_is_served_as_svg_and_png(site, path, media, magic):
    url, _ = site
    status, got, body = get(url + path)
    assert (status, got) == (200, media) and body.startswith(magic)


def test_the_timeline_page_has_a_form_for_actor_place_and_dates_and_draws_what_it_says(site):
    url, _ = site
    page = get(url + "/timeline?actor=Lavrov&from=2018")[2].decode()
    for field in ("actor", "place", "from", "to"):
        assert f'name="{field}"' in page
    assert 'value="Lavrov"' in page and 'src="/timeline.svg?actor=Lavrov&amp;from=2018"' in page
    assert 'href="/timeline.png?actor=Lavrov&amp;from=2018"' in page
    status, _, body = get(url + "/timeline?colour=red")
    assert status == 400 and "takes no parameter" in body.decode().replace("&#39;", "'")


def test_the_picture_names_its_actor_and_leaves_undated_events_out(site, tmp_path):
    url, store = site
    svg = get(url + "/timeline.svg?actor=https%3A%2F%2Fw3id.org%2Fkgnews%2Fid%2Fperson%2Fkim-jong-un")[2].decode()
    assert "Kim Jong Un" in svg
    r = kg("plot", "timeline", "-p", "actor=Kim", "-o", tmp_path / "kim.svg", store=store, check=True)
    drawn = int(r.stderr.split()[0])
    dated = [row for row in kg("query", "timeline", "-p", "actor=Kim", "-f", "csv", store=store, check=True)
             .stdout.splitlines()[1:] if row.split(",")[0]]
    assert drawn == len(dated) > 0
    assert (tmp_path / "kim.svg").read_bytes().startswith(b"<?xml")


def test_kg_plot_refuses_a_file_it_cannot_write_a_picture_to(seed_store, tmp_path):
    r = kg("plot", "timeline", "-o", tmp_path / "t.gif", store=seed_store)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and ".svg or .png" in r.stderr
    r = kg("plot", "timeline", "-p", "who=x", "-o", tmp_path / "t.svg", store=seed_store)
    assert r.returncode == 2 and "takes no parameter 'who'" in r.stderr and not (tmp_path / "t.svg").exists()


@pytest.mark.parametrize("path", ["/id/event/ffffffff", "/id/event/ffffffffffffffff", KIM + "-nobody",
                                  "/id/article/nothing", "/queries/nothing", "/static/nothing.css"])
def test_what_is_not_there_is_a_404_page(site, path):
    url, _ = site
    status, media, _ = get(url + path)
    assert (status, media) == (404, "text/html; charset=utf-8")


SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/kgnews/ns#Visit> } LIMIT 2"
CONSTRUCT = "CONSTRUCT { ?s a <https://w3id.org/kgnews/ns#Visit> } WHERE { ?s a <https://w3id.org/kgnews/ns#Visit> } LIMIT 2"


@pytest.mark.parametrize("query,accept,media", [
    (SELECT, "application/sparql-results+json", "application/sparql-results+json"),
    (SELECT, "application/sparql-results+xml", "application/sparql-results+xml"),
    (SELECT, "text/csv", "text/csv"),
    (SELECT, "text/tab-separated-values", "text/tab-separated-values"),
    (CONSTRUCT, "text/turtle", "text/turtle"),
    (CONSTRUCT, "application/n-triples", "application/n-triples"),
    (CONSTRUCT, "application/ld+json", "application/ld+json"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparql_endpoint_speaks_the_protocol_with_content_negotiation(site, query, accept, media, method):
    url, _ = site
    if method == "GET":
        status, got, body = get(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}), {"Accept": accept})
    else:
        status, got, body = get(f"{url}/sparql", {"Accept": accept, "Content-Type": "application/sparql-query"},
                                query.encode())
    assert status == 200 and got.split(";")[0] == media, body
    assert b"kgnews/id/event/" in body   # the union default graph: every kg triple is in a named graph


def test_sparql_endpoint_stops_a_query_at_the_servers_timeout(site):
    import time
    endless = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j . ?k ?l ?m . ?q ?r ?s } }"
    url, _ = site
    began = time.monotonic()
    status, _, body = get(f"{url}/sparql?" + urllib.parse.urlencode({"query": endless}))
    assert time.monotonic() - began < 30   # the fixture's --query-timeout is 5 s
    # Oxigraph has begun its answer (200) when the timeout stops it: the answer ends with why
    assert status >= 400 or body.endswith(b"The SPARQL operation has been cancelled"), body
    assert get(url + "/")[0] == 200


def test_sparql_endpoint_is_read_only_and_keeps_the_nesting_limit(site):
    url, _ = site
    status, _, body = get(f"{url}/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                          urllib.parse.urlencode({"update": "DROP ALL"}).encode())
    assert status == 403 and b"read-only" in body
    deep = "SELECT * WHERE " + "{ " * 5000 + "} " * 5000
    status, _, body = get(f"{url}/sparql?" + urllib.parse.urlencode({"query": deep}))
    assert status == 400 and b"nested" in body
    assert get(url + "/")[0] == 200   # and the server goes on


GRAPH_QUERY = """#+ summary: Who travelled where, as triples
#+ example: kg query travels --format turtle
PREFIX kg: <https://w3id.org/kgnews/ns#>
CONSTRUCT { ?t kg:travelledTo ?d } WHERE { GRAPH <https://w3id.org/kgnews/graph/events> {
  ?v a kg:Visit ; kg:traveller ?t ; kg:destination ?d } }
"""


@pytest.mark.parametrize("ext,fmt,media", [("ttl", "TURTLE", "text/turtle; charset=utf-8"),
                                           ("nt", "N_TRIPLES", "application/n-triples"),
                                           ("jsonld", "JSON_LD", "application/ld+json")])
def test_api_gives_a_construct_querys_triples_in_the_graph_formats(tmp_path, seed_store, ext, fmt, media):
    """A user's stored CONSTRUCT query ($KG_QUERIES) answers in Turtle, N-Triples and JSON-LD:
    the same triples as `kg query`."""
    import os
    import subprocess
    import sys
    from pyoxigraph import RdfFormat, parse
    from test_remote import wait_until_up
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "travels.rq").write_text(GRAPH_QUERY)
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    env = {**os.environ, "KG_QUERIES": str(folder)}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/static/kg.css")
        status, got, body = get(f"http://127.0.0.1:{port}/api/travels.{ext}")
    finally:
        stop(proc)
    assert (status, got) == (200, media), body
    expected = subprocess.run([sys.executable, "-m", "kg", "query", "travels", "-f", "ntriples", "--store", str(store)],
                              capture_output=True, env=env, check=True).stdout
    triples = {str(t) for t in parse(body, format=getattr(RdfFormat, fmt))}
    assert triples == {str(t) for t in parse(expected, format=RdfFormat.N_TRIPLES)} and triples


@pytest.mark.parametrize("page,check", [
    ("/", lambda d: d["articles"] == 5 and "who-visited" in {q["name"] for q in d["queries"]}),
    ("/search?text=pyong", lambda d: d[0]["name"] == "Pyongyang"),
    ("/queries/who-visited?place=Pyongyang", lambda d: d["rows"] and all(r["destination"] == "Pyongyang" for r in d["rows"])),
    ("/id/person/kim-jong-un", lambda d: d["name"] == "Kim Jong Un" and d["links"]["met"]),
    ("/timeline?actor=Lavrov", lambda d: d and all(p["date"] for p in d)),
])
def test_every_page_is_also_data_at_the_same_url_ending_in_json(site, page, check):
    url, _ = site
    html = get(url + page)[2].decode()
    path, _, query = page.partition("?")
    data_url = (path.rstrip("/") or "/index") + ".json" + ("?" + query if query else "")
    assert f'href="{data_url.replace("&", "&amp;")}"' in html               # the page links to its data
    status, media, body = get(url + data_url)
    assert (status, media) == (200, "application/json") and check(json.loads(body))


@pytest.mark.parametrize("name", stored_names())
def test_every_query_page_shows_the_cells_kg_query_gives(site, name):
    """The table of each stored query's page holds, cell for cell, what `kg query NAME -f csv`
    gives in the columns the query names (events and articles shown by short id and stem)."""
    import csv
    import html
    import io
    from kg.store.queries import get as stored
    url, store = site
    params = example_params(name, store)
    page = get(f"{url}/queries/{name}?" + urllib.parse.urlencode(params))[2].decode()
    argv = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    expected = list(csv.DictReader(io.StringIO(kg("query", name, *argv, "-f", "csv", store=store, check=True).stdout)))
    columns = stored(name).columns
    body = page.split("<tbody>")[1].split("</tbody>")[0] if expected else ""
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
             for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    from kg.web.site import shown
    assert cells == [[shown(r[c]) for c in columns] for r in expected][:500]


def test_head_answers_a_page_without_its_body_and_other_methods_are_refused(site):
    url, _ = site
    request = urllib.request.Request(url + "/", method="HEAD")
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/html") and r.read() == b""
    status, _, body = get(url + "/api/visits", data=b"x")   # a POST
    assert status == 405 and b"GET" in body
    status, media, body = get(url + "/static/kg.css")
    assert (status, media) == (200, "text/css; charset=utf-8") and b"body" in body


def test_the_home_page_gives_the_dates_of_the_events_and_of_the_articles(site):
    url, store = site
    data = json.loads(get(url + "/index.json")[2])
    dates = [r.split(",")[0] for r in kg("query", "timeline", "-f", "csv", store=store, check=True).stdout.splitlines()[1:]
             if r.split(",")[0]]
    assert data["dated"] == [min(dates), max(dates)]
    assert data["published"][0] <= data["published"][1]
    assert f"Events dated {min(dates)} to {max(dates)}" in get(url + "/")[2].decode()


def test_the_timeline_takes_names_and_iris_alike_and_one_rule_for_dates(site):
    url, _ = site
    kim = "https://w3id.org/kgnews/id/person/kim-jong-un"
    place = re.search(r'href="/id/place/([^"]+)">Pyongyang</a>', get(url + "/search?text=pyongyang")[2].decode()).group(1)
    pyongyang = "https://w3id.org/kgnews/id/place/" + place

    def events(**params) -> list:
        status, _, body = get(url + "/timeline.json?" + urllib.parse.urlencode(params))
        assert status == 200, body
        return [(p["date"], p["event"]) for p in json.loads(body)]
    both = events(actor="Kim", place="Pyongyang")
    assert both and both == events(actor=kim, place=pyongyang) == events(actor="Kim", place=pyongyang) \
        == events(actor=kim, place="pyongyang")
    assert events(actor="Kim", **{"from": "2018-03-15"}) == events(actor=kim, **{"from": "2018-03-15"})
    labels = {p["label"] for p in json.loads(get(url + "/timeline.json?" + urllib.parse.urlencode({"place": pyongyang}))[2])}
    assert all("·" in label for label in labels)   # who, then where, as on the page without IRIs
    assert get(url + "/timeline.json?from=2018-13")[0] == 400


def test_paths_are_read_as_the_iris_are_minted(site):
    url, _ = site
    assert get(url + "/id/person/kim%2Djong%2Dun")[0] == 200
    short = re.search(r'href="/id/event/([0-9a-f]{16})"', get(url + KIM)[2].decode()).group(1)
    assert get(url + "/id/event/" + short.upper())[0] == 200
    status, media, body = get(url + f"/id/event/{short[:8]}.json")   # a short id's data, by way of a redirect
    assert (status, media) == (200, "application/json") and json.loads(body)["iri"].endswith(short)


def test_a_browser_visiting_sparql_gets_a_form_whose_answer_comes_in_the_format_chosen(site):
    url, _ = site
    status, media, body = get(url + "/sparql")
    assert (status, media) == (200, "text/html; charset=utf-8") and b'<textarea id="q" name="query"' in body
    status, media, body = get(url + "/sparql?" + urllib.parse.urlencode({"query": SELECT, "format": "csv"}),
                              {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert status == 200 and media.startswith("text/csv") and body.startswith(b"s\r\n")


SERVICE_QUERY = """#+ summary: What another endpoint says
#+ param where: an endpoint (required)
#+ example: kg query elsewhere -p where=http://127.0.0.1:1/sparql
SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }
"""
ASK_QUERY = """#+ summary: Whether any visit is stored
#+ example: kg query any-visit
ASK { GRAPH ?g { ?v a <https://w3id.org/kgnews/ns#Visit> } }
"""


def test_a_users_ask_and_construct_queries_have_pages_and_service_stays_off(tmp_path, seed_store):
    """Stored queries of every form get a page; one with SERVICE is refused, since kg serve was not
    started with --allow-service: a visitor cannot make the server fetch a URL."""
    import os
    import subprocess
    import sys
    from test_remote import wait_until_up
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "travels.rq").write_text(GRAPH_QUERY)
    (folder / "any-visit.rq").write_text(ASK_QUERY)
    (folder / "elsewhere.rq").write_text(SERVICE_QUERY)
    (folder / "broken.rq").write_bytes(b"\xff\xfe")
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "KG_QUERIES": str(folder)})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/static/kg.css")
        ask_page = get(base + "/queries/any-visit")[2].decode()
        graph_page = get(base + "/queries/travels")[2].decode()
        refused = get(base + "/api/elsewhere.csv?" + urllib.parse.urlencode({"where": base + "/sparql"}))
        home = get(base + "/")
    finally:
        stop(proc)
    assert "<td>true</td>" in ask_page
    assert "travelledTo" in graph_page and "<th scope=\"col\">subject</th>" in graph_page
    assert refused[0] == 400 and b"SERVICE" in refused[2]
    assert home[0] == 200 and b"broken.rq" in home[2] and b'href="/queries/travels"' in home[2]


def test_query_without_a_query_is_the_form_too_not_a_service_description_naming_a_private_port(site):
    url, _ = site
    for path in ("/query", "/sparql"):
        status, media, body = get(url + path)
        assert (status, media) == (200, "text/html; charset=utf-8") and b"<form" in body and b"127.0.0.1:" not in body
