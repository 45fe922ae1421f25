"""A remote endpoint that misbehaves, redirects, wants credentials or must be made equal to the
store: real `oxigraph serve` and small real loopback HTTP servers, started and stopped here."""
import base64
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, kg
import test_remote
from test_remote import csv_rows, free_port

server = test_remote.server   # the fixture: a fresh, writable `oxigraph serve` on loopback

PASSWORD = "Zq9-secret"
JSON = "application/sparql-results+json"
KG_GRAPHS = "https://w3id.org/kgnews/graph/"


class Loopback:
    """A real HTTP server on a free loopback port; `answer(handler)` answers every request.
    It records each request's path and headers."""

    def __init__(self, answer):
        seen = self.seen = []
        bodies = self.bodies = []   # what each request sent, in the order of `seen`
        self.stop = threading.Event()
        box = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_one_request(self):
                try:
                    super().handle_one_request()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True   # the client gave up, as a timeout means it to

            def answer(self):
                size = int(self.headers.get("Content-Length") or 0)
                bodies.append(self.rfile.read(size))
                seen.append((self.command, self.path, dict(self.headers)))
                answer(self, box)

            do_GET = do_POST = do_PUT = do_DELETE = answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(handler, status: int, ctype: str, body: bytes, extra: dict | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for k, v in (extra or {}).items():
        handler.send_header(k, v)
    handler.end_headers()
    handler.wfile.write(body)


def ask_true(handler, box):
    reply(handler, 200, JSON, b'{"head": {}, "boolean": true}')


def html_page(handler, box):
    reply(handler, 200, "text/html; charset=utf-8", b"<html><body>Welcome to nginx</body></html>")


def trickle_headers(handler, box):
    """A status line, then one header byte every half second, for ever."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while not box.stop.wait(0.5):
        handler.wfile.write(b"a")


def trickle_body(handler, box):
    """Whole headers, then one byte of a long body every half second, for ever."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.send_header("Content-Length", "1000000")
    handler.end_headers()
    while not box.stop.wait(0.5):
        handler.wfile.write(b" ")


@pytest.fixture
def loopback():
    """Start Loopback servers; all stopped after the test."""
    started = []

    def start(answer):
        started.append(Loopback(answer))
        return started[-1]
    yield start
    for s in started:
        s.close()


def kg_within(seconds: float, *args):
    """`kg` as a user runs it, killed after `seconds` so a command that hangs fails the test."""
    try:
        return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                              cwd=ROOT, env={**os.environ, "KG_STORE": ""}, timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kg {' '.join(map(str, args))} still running after {seconds} s")


def one_error(r, code: int, *needles: str) -> str:
    """The one stderr line of a failed command, checked: its exit code, `kg: error:`, the needles."""
    lines = r.stderr.splitlines()
    assert r.returncode == code and len(lines) == 1, (r.returncode, r.stderr)
    assert lines[0].startswith("kg: error: ") and "Traceback" not in r.stderr, lines
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def stats(store) -> str:
    return kg("stats", store=store, check=True).stdout


def local(store) -> tuple[set, int]:
    """The store's named graphs and its number of triples, read here (faster than a `kg` run)."""
    from pyoxigraph import Store
    db = Store.read_only(str(store))
    try:
        return {g.value for g in db.named_graphs()}, len(db)
    finally:
        del db


def remote_graphs(url: str) -> set:
    """The server's named graphs, asked by the SPARQL protocol here."""
    query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode()
    with urllib.request.urlopen(urllib.request.Request(url + "/query", data=query, headers={"Accept": JSON}),
                                timeout=10) as r:
        return {b["g"]["value"] for b in json.load(r)["results"]["bindings"]}


# -- 1. --timeout bounds the whole request, not each read

@pytest.mark.parametrize("answer,command", [(trickle_headers, ["query", "visits"]),
                                            (trickle_body, ["sparql", "ASK { ?s ?p ?o }"])])
def test_a_server_trickling_a_byte_each_half_second_is_cut_off_at_the_timeout(loopback, answer, command):
    slow = loopback(answer)
    began = time.monotonic()
    r = kg_within(10, *command, "--endpoint", slow.url, "--timeout", "2")
    took = time.monotonic() - began
    one_error(r, 3, f"{slow.url}/query:", "no answer within 2 s")
    assert 1.9 < took < 10, took


# -- 2. credentials go along a redirect only to the same origin

def test_a_redirect_to_another_host_gets_no_credentials_one_to_the_same_host_keeps_them(loopback, monkeypatch):
    other = loopback(ask_true)

    def redirect(handler, box):
        if handler.path.startswith("/landed"):
            return ask_true(handler, box)
        where = other.url + "/query" if handler.path.startswith("/cross") else "/landed/query"
        reply(handler, 302, "text/plain", b"", {"Location": where})
    first = loopback(redirect)
    monkeypatch.setenv("KG_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    basic = "Basic " + base64.b64encode(f"analyst:{PASSWORD}".encode()).decode()

    r = kg("sparql", "ASK { ?s ?p ?o }", "--endpoint", first.url + "/cross/query")
    assert (r.returncode, r.stdout, r.stderr) == (0, "true\n", "")
    assert first.seen[0][2].get("Authorization") == basic      # the host it was meant for had it
    assert [h.get("Authorization") for _, _, h in other.seen] == [None]

    r = kg("sparql", "ASK { ?s ?p ?o }", "--endpoint", first.url + "/same/query")
    assert (r.returncode, r.stdout) == (0, "true\n")
    landed = [h for _, path, h in first.seen if path.startswith("/landed")]
    assert [h.get("Authorization") for h in landed] == [basic]


# -- 3. user:password@ in the URL: used, and never shown

def test_a_password_in_the_url_is_basic_auth_and_wins_over_the_environment(loopback, monkeypatch):
    seen = loopback(ask_true)
    monkeypatch.setenv("KG_ENDPOINT_USER", "someone-else")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "other")
    port = seen.url.rsplit(":", 1)[1]
    r = kg("sparql", "ASK { ?s ?p ?o }", "--endpoint", f"http://analyst:{PASSWORD.replace('-', '%2D')}@127.0.0.1:{port}")
    assert (r.returncode, r.stdout, r.stderr) == (0, "true\n", "")
    assert seen.seen[0][1] == "/query"   # no userinfo travels in the request line either
    assert seen.seen[0][2]["Authorization"] == "Basic " + base64.b64encode(f"analyst:{PASSWORD}".encode()).decode()


def status_500(handler, box):
    reply(handler, 500, "text/plain", b"internal trouble")


def garbled(handler, box):
    handler.wfile.write(b"garbage, not HTTP\r\n\r\n")


@pytest.mark.parametrize("kind", ["unreachable", "refused", "not json", "timeout", "not http", "ftp", "bad port"])
def test_the_password_of_a_url_is_in_no_error(loopback, kind):
    answers = {"refused": status_500, "not json": html_page, "timeout": trickle_body, "not http": garbled}
    if kind in answers:
        host = loopback(answers[kind]).url.split("//", 1)[1]
    else:
        host = f"127.0.0.1:{free_port()}"   # nothing listens there
    url = {"ftp": f"ftp://analyst:{PASSWORD}@{host}",
           "bad port": f"http://analyst:{PASSWORD}@127.0.0.1:no-port"}.get(kind, f"http://analyst:{PASSWORD}@{host}")
    r = kg_within(20, "query", "visits", "--endpoint", url, "--timeout", "1")
    why = {"unreachable": "cannot reach the endpoint", "refused": "HTTP 500", "not json": "expected SPARQL JSON",
           "timeout": "no answer within 1 s", "not http": "broke off or is not HTTP",
           "ftp": "not an http(s) URL", "bad port": "not an http(s) URL"}[kind]
    named = {"ftp": f"ftp://analyst:***@{host}:", "bad port": "http://analyst:***@127.0.0.1:no-port:"}.get(
        kind, f"http://{host}/query:")
    one_error(r, 2 if kind in ("ftp", "bad port") else 3, named, why)
    assert PASSWORD not in r.stdout + r.stderr


def test_the_password_of_a_url_is_not_in_the_push_or_ingest_summary(server, seed_store, tmp_path):
    with_login = server.replace("http://", f"http://analyst:{PASSWORD}@")
    before = stats(seed_store)
    r = kg("push", "--endpoint", with_login, store=seed_store)
    graphs, triples = local(seed_store)
    assert r.returncode == 0
    assert r.stderr.splitlines()[-1].startswith(f"pushed {len(graphs)} graph(s), {triples} triples to {server}/store;")
    (tmp_path / "empty.txt").write_text("")   # skipped, so this ingest is quick and still sums up
    r2 = kg("ingest", tmp_path / "empty.txt", "--endpoint", with_login)
    assert r2.returncode == 1 and r2.stderr.splitlines()[-1].startswith(
        f"stored 0 article(s) with 0 event mention(s) in {server}/store;")
    assert PASSWORD not in r.stdout + r.stderr + r2.stdout + r2.stderr
    assert stats(seed_store) == before


# -- 4. push makes the remote's kg graphs the store's

def test_push_deletes_the_kg_graphs_the_store_no_longer_has_and_nothing_else(server, seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    foreign = "http://example.org/not-ours"
    urllib.request.urlopen(urllib.request.Request(
        f"{server}/store?graph={foreign}", data=b"<http://example.org/a> <http://example.org/b> \"c\" .\n",
        method="PUT", headers={"Content-Type": "application/n-triples"}), timeout=10)
    r = kg("push", "--endpoint", server, store=store, check=True)
    assert r.stderr.endswith("; deleted 0 kg graph(s) the store does not have\n")
    gone = KG_GRAPHS + "article/003_e3129cf3e94ab3f2"
    assert gone in remote_graphs(server)

    kg("remove", "003_e3129cf3e94ab3f2", store=store, check=True)
    before = stats(store)
    r = kg("push", "--endpoint", server, "--keep-remote", store=store, check=True)
    assert r.stderr.endswith("(--keep-remote)\n") and gone in remote_graphs(server)

    r = kg("push", "--endpoint", server, store=store, check=True)
    graphs, triples = local(store)
    assert r.stderr == (f"pushed {len(graphs)} graph(s), {triples} triples to {server}/store; "
                        "deleted 1 kg graph(s) the store does not have\n")
    assert remote_graphs(server) == graphs | {foreign}
    assert csv_rows(["query", "visits", "--endpoint", server]) == csv_rows(["query", "visits"], store=store)
    assert stats(store) == before


# -- 5. a write is a write only when a Graph Store took it

def test_push_to_a_web_server_answering_html_fails_on_one_line(loopback, seed_store):
    web = loopback(html_page)
    before = stats(seed_store)
    r = kg_within(20, "push", "--endpoint", web.url, "--store", seed_store)
    one_error(r, 3, f"{web.url}/store:", "web page (text/html; charset=utf-8)", "--graph-store")
    assert "pushed" not in r.stderr and stats(seed_store) == before
    # the chunk's graphs dropped (an update's answer may be a page: Fuseki's is), then the first
    # data write refused: nothing after it
    assert [(m, path) for m, path, _ in web.seen] == [("POST", "/update"), ("POST", "/store")]
    r = kg_within(20, "push", "--endpoint", web.url, "--per-graph", "--store", seed_store)
    one_error(r, 3, f"{web.url}/store:", "web page (text/html; charset=utf-8)", "--graph-store")
    assert [m for m, _, _ in web.seen[2:]] == ["PUT"]   # a graph at a time: it stopped at the first write


def test_push_fails_when_the_server_does_not_hold_what_was_sent(loopback, seed_store):
    def forgetful(handler, box):   # takes every graph, keeps none
        if handler.command == "POST" and handler.path == "/query":
            reply(handler, 200, JSON, json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
                {"n": {"type": "literal", "value": "0"}}]}}).encode())
        else:
            reply(handler, 204, "text/plain", b"")
    lossy = loopback(forgetful)
    before = stats(seed_store)
    r = kg_within(20, "push", "--endpoint", lossy.url, "--store", seed_store)
    one_error(r, 3, f"{lossy.url}/store:", f"sent {local(seed_store)[1]} triples but the server holds 0")
    assert stats(seed_store) == before
    assert not [m for m, _, _ in lossy.seen if m == "DELETE"]   # a push gone wrong removes nothing


def test_a_bulk_push_sends_the_seed_store_in_one_nquads_request_after_one_drop(loopback, seed_store):
    graphs, triples = local(seed_store)

    def counting(handler, box):   # counts back what was posted, as a Graph Store would
        if handler.path == "/query":
            n = sum(b.count(b"\n") for (_, path, _), b in zip(box.seen, box.bodies) if path == "/store")
            reply(handler, 200, JSON, json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
                {"n": {"type": "literal", "value": str(n)}}]}}).encode())
        else:
            reply(handler, 204, "text/plain", b"")
    server = loopback(counting)
    r = kg_within(30, "push", "--endpoint", server.url, "--keep-remote", "--store", seed_store)
    assert r.returncode == 0, r.stderr
    writes = [(m, path, h.get("Content-Type")) for m, path, h in server.seen if path != "/query"]
    assert writes == [("POST", "/update", "application/sparql-update"),
                      ("POST", "/store", "application/n-quads")]
    posted = [b for (_, path, _), b in zip(server.seen, server.bodies) if path == "/store"]
    assert len(posted) == 1 and posted[0].count(b"\n") == triples > 0
    assert f"pushed {len(graphs)} graph(s), {triples} triples" in r.stderr



def counting_as(software: str):
    """A Graph Store that says it is `software` (its Server header) and counts back what was
    posted to it; it has no graphs of its own."""
    def counting(handler, box):
        handler.server_version, handler.sys_version = software, ""
        if handler.path == "/query":
            query = urllib.parse.parse_qs(box.bodies[-1].decode())["query"][0]
            n = sum(b.count(b"\n") for (_, path, _), b in zip(box.seen, box.bodies) if path.startswith("/store"))
            rows = [{"n": {"type": "literal", "value": str(n)}}] if "COUNT" in query else []
            reply(handler, 200, JSON, json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": rows}}).encode())
        else:
            reply(handler, 204, "text/plain", b"")
    return counting


@pytest.mark.parametrize("software,bulk", [("Oxigraph/0.5.13", True), ("Apache Jena Fuseki (4.10.0)", False)])
def test_oxigraph_is_sent_the_quads_for_its_bulk_loader_and_asked_for_its_graphs(loopback, seed_store, software, bulk):
    """`?no_transaction` (Oxigraph's bulk loader, as `oxigraph load`) and `GRAPH ?g {}` go only to a
    server whose answers have named it Oxigraph: another may refuse or misread them."""
    graphs, triples = local(seed_store)
    server = loopback(counting_as(software))
    r = kg_within(30, "push", "--endpoint", server.url, "--store", seed_store)
    assert r.returncode == 0 and f"pushed {len(graphs)} graph(s), {triples} triples" in r.stderr, r.stderr
    writes = [(m, path) for m, path, _ in server.seen if path != "/query"]
    assert writes == [("POST", "/update"), ("POST", "/store?no_transaction" if bulk else "/store")]
    queries = [urllib.parse.parse_qs(b.decode())["query"][0] for (_, path, _), b in zip(server.seen, server.bodies)
               if path == "/query"]
    listing = [q for q in queries if "STRSTARTS" in q]
    assert len(listing) == 1 and ("GRAPH ?g { }" in listing[0]) == bulk, listing


def test_chunks_go_in_order_each_after_its_drop_and_none_after_a_refusal(loopback, seed_store):
    """The next chunk is read while the server takes the last, but sent only once the last is in."""
    graphs, triples = local(seed_store)
    server = loopback(counting_as("Oxigraph/0.5.13"))
    r = kg_within(30, "push", "--endpoint", server.url, "--keep-remote", "--chunk", "100", "--store", seed_store)
    assert r.returncode == 0, r.stderr
    writes = [path for _, path, _ in server.seen if path != "/query"]
    assert len(writes) >= 6 and writes == ["/update", "/store?no_transaction"] * (len(writes) // 2)
    dropped = [re.findall(r"DROP SILENT GRAPH <([^>]+)>", b.decode())
               for (_, path, _), b in zip(server.seen, server.bodies) if path == "/update"]
    posted = [{line.rsplit(b" ", 2)[-2].decode()[1:-1] for line in b.splitlines()}
              for (_, path, _), b in zip(server.seen, server.bodies) if path.startswith("/store")]
    assert sorted(g for d in dropped for g in d) == sorted(graphs)        # each graph dropped once
    assert all(p <= set(d) for p, d in zip(posted, dropped))              # posted right after its drop
    assert sum(b.count(b"\n") for (_, path, _), b in zip(server.seen, server.bodies)
               if path.startswith("/store")) == triples

    web = loopback(html_page)
    r = kg_within(20, "push", "--endpoint", web.url, "--chunk", "100", "--store", seed_store)
    one_error(r, 3, f"{web.url}/store:", "web page")
    assert [(m, path) for m, path, _ in web.seen] == [("POST", "/update"), ("POST", "/store")]


# -- 6. numbers out of range are usage errors

@pytest.mark.parametrize("args,option,value", [
    (["push", "--endpoint", "http://127.0.0.1:9", "--chunk", "0"], "--chunk", "0"),
    (["push", "--endpoint", "http://127.0.0.1:9", "--chunk", "-5"], "--chunk", "-5"),
    (["push", "--endpoint", "http://127.0.0.1:9", "--timeout", "-1"], "--timeout", "-1"),
    (["push", "--endpoint", "http://127.0.0.1:9", "--timeout", "0"], "--timeout", "0"),
    (["query", "visits", "--endpoint", "http://127.0.0.1:9", "--timeout", "0"], "--timeout", "0"),
    (["sparql", "ASK {}", "--endpoint", "http://127.0.0.1:9", "--timeout=-1"], "--timeout", "-1"),
    (["ingest", "seeds", "--endpoint", "http://127.0.0.1:9", "--timeout", "0"], "--timeout", "0"),
    (["ingest", "seeds", "--batch", "0"], "--batch", "0"),
    (["serve", "--port", "0"], "--port", "0"),
    (["serve", "--port", "65536"], "--port", "65536"),
    (["serve", "--port", "-1"], "--port", "-1"),
])
def test_a_number_out_of_range_is_a_usage_error_naming_it(tmp_path, args, option, value):
    r = kg(*args, store=tmp_path / "s")
    one_error(r, 2, f"'{option}'", f"(given: {value})", "--help")
    assert not (tmp_path / "s").exists()
