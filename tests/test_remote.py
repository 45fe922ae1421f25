"""Remote endpoints against a real `oxigraph serve` on a free loopback port, started and stopped here."""
import csv
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import NOTHING_IN_SEEDS, SEEDS, kg

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 15) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def start(command: list, url: str) -> subprocess.Popen:
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url)
    except RuntimeError:
        proc.kill()
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def server(tmp_path):
    """A fresh, empty, writable Oxigraph server on 127.0.0.1; its base URL."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start([str(OXIGRAPH), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"], url)
    yield url
    stop(proc)


def csv_rows(args, **kw):
    r = kg(*args, "--format", "csv", check=True, **kw)
    return sorted(csv.reader(io.StringIO(r.stdout)))


def stored_query_calls():
    from kg.store.queries import stored_queries
    calls = []
    for name, q in stored_queries().items():
        params = ["--param", "place=Pyongyang"] if name == "who-visited" else []
        if name == "timeline":
            params = ["--param", "actor=lavrov"]
        calls.append((name, params))
    return calls


def remote_count(url: str) -> int:
    r = kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--endpoint", url,
           "--format", "csv", check=True)
    return int(r.stdout.splitlines()[1])


def test_pushed_seeds_answer_every_stored_query_as_the_local_store_does(server, seed_store):
    r = kg("push", "--endpoint", server, store=seed_store, check=True)
    assert "pushed 7 graph(s)" in r.stderr
    event = csv_rows(["query", "visits"], store=seed_store)[1][0]
    for name, params in stored_query_calls():
        if name == "sources":
            params = ["--param", f"event={event}"]
        local = csv_rows(["query", name, *params], store=seed_store)
        remote = csv_rows(["query", name, *params, "--endpoint", server])
        assert (len(local) > 1 or name in NOTHING_IN_SEEDS) and remote == local, name
    short = "ev:" + event.rsplit("/", 1)[1][:8]   # looked up on the endpoint, as the query runs there
    assert csv_rows(["query", "sources", "-p", f"event={short}", "--endpoint", server]) == \
        csv_rows(["query", "sources", "-p", f"event={event}"], store=seed_store)
    assert kg("show", short, "-f", "json", "--endpoint", server, check=True).stdout == \
        kg("show", short, "-f", "json", store=seed_store, check=True).stdout
    for actor in ("Sergei Lavrov", "Pyongyang"):   # country codes and points come from the server too
        remote = kg("show", actor, "-f", "json", "--endpoint", server, check=True).stdout
        assert remote == kg("show", actor, "-f", "json", store=seed_store, check=True).stdout and '"countryCode"' in remote


def test_pushing_twice_changes_nothing(server, seed_store):
    kg("push", "--endpoint", server, store=seed_store, check=True)
    once = remote_count(server)
    kg("push", "--endpoint", server, "--chunk", "100", store=seed_store, check=True)   # graphs span requests
    assert remote_count(server) == once
    kg("push", "--endpoint", server, "--per-graph", "--chunk", "100", store=seed_store, check=True)
    assert remote_count(server) == once
    local = kg("stats", store=seed_store, check=True).stdout.splitlines()[-1]
    assert local == f"triples: {once}"


def test_a_bulk_push_replaces_what_a_pushed_graph_held_on_the_server(server, seed_store):
    """The server's copy of an article graph has a triple the store lacks, and another graph
    lost one: after a push both are the store's again (each chunk's graphs are dropped first)."""
    kg("push", "--endpoint", server, store=seed_store, check=True)
    once = remote_count(server)
    graph = "https://w3id.org/kgnews/graph/article/003_e3129cf3e94ab3f2"
    events = "https://w3id.org/kgnews/graph/events"
    _update(server, f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:stale> <urn:x:p> 1 }} }}")
    _update(server, f"DELETE {{ GRAPH <{events}> {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o WHERE "
                    f"{{ GRAPH <{events}> {{ ?s ?p ?o }} }} LIMIT 2 }} }}")
    assert remote_count(server) == once - 1
    kg("push", "--endpoint", server, "--chunk", "50", store=seed_store, check=True)
    assert remote_count(server) == once
    assert blank_nodes(["--endpoint", server]) == blank_nodes(["--store", seed_store]) > 10
    kg("push", "--endpoint", server, "--per-graph", "--chunk", "50", store=seed_store, check=True)
    assert blank_nodes(["--endpoint", server]) == blank_nodes(["--store", seed_store])
    assert kg("export", store=seed_store, check=True).stdout.count("\n") == once


def blank_nodes(where: list) -> int:
    """Distinct blank nodes in the ontology graph (its OWL lists): more on a server than in the
    store when a graph was split across requests, each labelling its own."""
    r = kg("sparql", "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH <https://w3id.org/kgnews/graph/ontology> "
           "{ { ?b ?p ?o } UNION { ?s ?p ?b } FILTER(isBlank(?b)) } }", *where, "--format", "csv", check=True)
    return int(r.stdout.splitlines()[1])


def _update(url: str, sparql: str) -> None:
    req = urllib.request.Request(url + "/update", data=sparql.encode(),
                                 headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(req, timeout=10):
        pass


def test_ingest_straight_to_an_endpoint_gives_the_local_answers(server, seed_store, tmp_path):
    kg("ingest", SEEDS, "--endpoint", server, check=True)
    for name in ("visits", "meetings", "agreements"):
        assert csv_rows(["query", name, "--endpoint", server]) == csv_rows(["query", name], store=seed_store), name
    kg("ingest", SEEDS, "--endpoint", server, check=True)   # again: replaces, adds nothing
    assert csv_rows(["query", "visits", "--endpoint", server]) == csv_rows(["query", "visits"], store=seed_store)


def test_a_stopped_server_is_one_clear_line_and_the_local_store_is_untouched(tmp_path, seed_store):
    url = f"http://127.0.0.1:{free_port()}"   # nothing listens there
    before = kg("stats", store=seed_store, check=True).stdout
    for args in (["push", "--endpoint", url], ["query", "visits", "--endpoint", url],
                 ["ingest", SEEDS, "--endpoint", url]):
        r = kg(*args, store=seed_store)
        assert r.returncode == 3 and "Traceback" not in r.stderr, args
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith("kg: error:") and "cannot reach the endpoint" in last, args
    assert kg("stats", store=seed_store, check=True).stdout == before


def test_wrong_urls_and_wrong_answers_are_named(server):
    r = kg("query", "visits", "--endpoint", server + "/store")
    assert r.returncode == 3 and "HTTP 415" in r.stderr and "Traceback" not in r.stderr
    r = kg("query", "visits", "--endpoint", "ftp://example.org")
    assert r.returncode == 2 and "not an http(s) URL" in r.stderr


def test_credentials_come_from_the_environment_and_are_never_printed(server, seed_store, monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-value")
    r = kg("push", "--endpoint", server, store=seed_store, check=True)
    bad = kg("query", "visits", "--endpoint", server + "/nothere")
    assert "s3cret-value" not in r.stdout + r.stderr + bad.stdout + bad.stderr


def test_serve_answers_queries_read_only_on_loopback(tmp_path, seed_store):
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start([sys.executable, "-m", "kg", "serve", "--store", str(copy), "--port", str(port)], url)
    try:
        assert csv_rows(["query", "who-visited", "-p", "place=Pyongyang", "--endpoint", url]) == \
            csv_rows(["query", "who-visited", "-p", "place=Pyongyang"], store=seed_store)
        request = urllib.request.Request(url + "/update", data=b"INSERT DATA { <a:b> <a:c> <a:d> }",
                                         method="POST", headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=5)
    finally:
        stop(proc)


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@pytest.fixture
def virtuoso(tmp_path):
    """A private Virtuoso (Debian's package) in tmp_path on free loopback ports; its HTTP base URL.

    Anonymous SPARQL updates and Graph Store writes are granted, as a test needs; its quirks: the
    Graph Store Protocol lives at /sparql-graph-crud and has no ?default, results are capped at
    10,000 rows, and big uploads must go in small chunks."""
    if shutil.which("virtuoso-t") is None or not VIRTUOSO_INI.exists():
        pytest.skip("Virtuoso is not installed here (Debian: apt-get install virtuoso-opensource)")
    import re
    sql_port, http_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text().replace("/var/lib/virtuoso-opensource-7/db/", f"{tmp_path}/")
    ini = re.sub(r"(\[Parameters\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>{sql_port}", ini, flags=re.S)
    ini = re.sub(r"(\[HTTPServer\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>127.0.0.1:{http_port}", ini, flags=re.S)
    (tmp_path / "virtuoso.ini").write_text(ini)
    url = f"http://127.0.0.1:{http_port}"
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(tmp_path / "virtuoso.ini")],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url + "/sparql?query=ASK%7B%7D", seconds=60)
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'
        subprocess.run(["isql-vt", str(sql_port), "dba", "dba", f"exec={grant}"], check=True,
                       capture_output=True, timeout=60)
        yield url
    finally:
        stop(proc)


def cells(rows):
    """Rows with GROUP_CONCAT cells in a fixed order (engines concatenate in their own)."""
    return sorted([", ".join(sorted(c.split(", "))) for c in r] for r in rows)


@pytest.mark.slow
def test_virtuoso_gives_the_same_rows_after_a_push(virtuoso, seed_store):
    query, crud = virtuoso + "/sparql", virtuoso + "/sparql-graph-crud"
    kg("push", "--endpoint", query, "--graph-store", crud, "--per-graph", "--chunk", "500", store=seed_store,
       check=True)
    kg("push", "--endpoint", query, "--graph-store", crud, "--per-graph", "--chunk", "500", store=seed_store,
       check=True)
    for name, params in [("visits", []), ("meetings", []), ("agreements", []),
                         ("who-visited", ["--param", "place=Pyongyang"]), ("timeline", ["--param", "actor=lavrov"])]:
        local = csv_rows(["query", name, *params], store=seed_store)
        remote = csv_rows(["query", name, *params, "--endpoint", query])
        assert len(local) > 1 and cells(remote) == cells(local), name
    ours = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/kgnews/')) }"
    r = kg("sparql", ours, "--endpoint", query, "--format", "csv", check=True)
    assert f"triples: {r.stdout.splitlines()[1]}" == kg("stats", store=seed_store, check=True).stdout.splitlines()[-1]


class _Misbehaving:
    """A loopback HTTP server that answers every POST with an HTML page, or not in time."""

    def __init__(self, delay: float = 0.0):
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                time.sleep(delay)
                body = b"<html>not a SPARQL endpoint</html>"
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up waiting, as the timeout test means it to

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_an_answer_that_is_not_sparql_json_or_comes_too_late_is_one_line():
    html, slow = _Misbehaving(), _Misbehaving(delay=3)
    try:
        r = kg("query", "visits", "--endpoint", html.url)
        assert r.returncode == 3 and "expected SPARQL JSON results but got text/html" in r.stderr
        r = kg("query", "visits", "--endpoint", slow.url, "--timeout", "0.5")
        assert r.returncode == 3 and "no answer within 0.5 s" in r.stderr and "Traceback" not in r.stderr
    finally:
        html.close()
        slow.close()


def test_credentials_from_the_environment_win_over_netrc(tmp_path, monkeypatch):
    import base64
    from kg.store.remote import _auth
    netrc_file = tmp_path / ".netrc"
    netrc_file.write_text("machine db.example.org login fromnetrc password pw1\n")
    netrc_file.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    assert _auth("https://db.example.org/sparql") == {
        "Authorization": "Basic " + base64.b64encode(b"fromnetrc:pw1").decode()}
    assert _auth("https://other.example.org/sparql") == {}
    monkeypatch.setenv("KG_ENDPOINT_USER", "env")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "pw2")
    assert _auth("https://db.example.org/sparql")["Authorization"].endswith(base64.b64encode(b"env:pw2").decode())


@pytest.mark.parametrize("given,query,update,store", [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements",
     "http://h:7200/repositories/kg/rdf-graphs/service"),
])
def test_the_other_urls_follow_from_the_query_url(given, query, update, store):
    from kg.store.remote import Endpoint
    e = Endpoint.at(given)
    assert (e.query_url, e.update_url, e.store_url) == (query, update, store)
