"""`kg serve` under hostile requests (issue 9): a real server on a loopback port over a copy of
the seed store, started and stopped here."""
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, SEEDS, kg
from test_remote import OXIGRAPH, free_port, start, stop

GOOD = SEEDS / "003_e3129cf3e94ab3f2.txt"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j . ?k ?l ?m } }"

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="the oxigraph server is not installed")


def serve(store, port, *flags):
    return start([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *flags],
                 f"http://127.0.0.1:{port}")


@pytest.fixture(scope="module")
def served(tmp_path_factory, seed_store):
    """(base URL, store folder, process) of a read-only `kg serve` with a 2 s query timeout."""
    store = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    proc = serve(store, port, "--query-timeout", "2")
    yield f"http://127.0.0.1:{port}", store, proc
    stop(proc)


def ask(url: str, text: str, path: str = "/query", key: str = "query", timeout: float = 30):
    """(status, body) of a SPARQL protocol POST."""
    data = urllib.parse.urlencode({key: text}).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def triples(url: str) -> str:
    status, body = ask(url, COUNT)
    assert status == 200, body
    return body


def test_a_query_outside_graph_sees_the_union_of_the_named_graphs_unless_no_union(served, tmp_path, seed_store):
    url, _, _ = served
    plain = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert triples(url) == ask(url, plain)[1] and '"value":"0"' not in ask(url, plain)[1].replace(" ", "")
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    proc = serve(store, port, "--no-union")
    try:
        status, body = ask(f"http://127.0.0.1:{port}", plain)
        assert status == 200 and '"value":"0"' in body.replace(" ", "")
    finally:
        stop(proc)


def test_a_5000_deep_query_is_refused_and_the_server_still_answers(served):
    url, _, proc = served
    before = triples(url)
    status, body = ask(url, "SELECT * WHERE " + "{" * 5000 + "}" * 5000)
    assert status == 400
    assert body == "query: nested more than 200 levels deep ({ ( or [), refused before parsing; flatten the query\n"
    assert proc.poll() is None and triples(url) == before


def test_a_deep_expression_is_refused_too(served):
    url, _, _ = served
    status, body = ask(url, "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }")
    assert status == 400 and "nested more than 200 levels deep" in body and body.count("\n") == 1


def test_service_is_off_on_the_server(served):
    url, _, _ = served
    status, body = ask(url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and body.startswith("query: SERVICE and LOAD (which fetch from other servers) are off")


@pytest.mark.parametrize("path,key", [("/update", "update"), ("/query", "query")])
def test_an_update_is_refused_with_what_to_use_instead(served, path, key):
    url, _, _ = served
    before = triples(url)
    status, body = ask(url, "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }", path, key)
    assert (status, body.count("\n")) == ((403, 1) if path == "/update" else (400, 1))
    assert "kg ingest" in body and triples(url) == before


def test_a_graph_store_write_is_refused_on_a_read_only_server(served):
    url, _, _ = served
    request = urllib.request.Request(url + "/store?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(request, timeout=10)
    assert e.value.code == 403 and "read-only" in e.value.read().decode()


def test_a_query_is_stopped_at_the_timeout(served):
    url, _, _ = served
    began = time.monotonic()
    ask(url, SLOW, timeout=60)
    assert time.monotonic() - began < 20
    triples(url)


@pytest.mark.parametrize("command", [("ingest", str(GOOD)), ("remove", "003_e3129cf3e94ab3f2")])
def test_writers_are_refused_while_the_store_is_served_naming_the_server(served, command):
    url, store, proc = served
    before = triples(url)
    r = kg(*command, store=store)
    assert r.returncode == 4
    assert r.stderr.splitlines() == [f"kg: error: {store}: `kg serve` (pid {proc.pid}) is serving this store, and "
                                     "would go on answering from the old data; stop it, run this again, then start "
                                     "the server again"]
    assert triples(url) == before


def test_the_server_starts_oxigraph_again_when_it_dies(served):
    url, _, proc = served
    before = triples(url)
    child = subprocess.run(["pgrep", "-P", str(proc.pid), "oxigraph"], capture_output=True, text=True).stdout.split()
    assert len(child) == 1
    os.kill(int(child[0]), signal.SIGKILL)
    time.sleep(0.2)
    assert triples(url) == before


def test_kill_9_of_the_server_frees_the_store_and_stops_oxigraph(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    proc = serve(store, free_port())
    child = subprocess.run(["pgrep", "-P", str(proc.pid), "oxigraph"], capture_output=True, text=True).stdout.split()
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{child[0]}"):
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{child[0]}"), "oxigraph outlived kg serve"
    assert kg("remove", "003_e3129cf3e94ab3f2", store=store).returncode == 0


def test_a_server_and_a_second_writer_are_refused_while_a_writer_holds_the_store(tmp_path, seed_store):
    """The other way round: `kg serve` waits for no writer, it names it; so does a second writer."""
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    writer = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(SEEDS), "--store", str(store)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and str(writer.pid) not in (store / "kg.lock").read_text():
            time.sleep(0.05)
        for command in (("serve", "--port", str(free_port())), ("ingest", str(GOOD)), ("remove", GOOD.stem)):
            r = kg(*command, store=store)
            assert r.returncode == 4
            assert r.stderr.splitlines() == [f"kg: error: {store}: `kg ingest` (pid {writer.pid}) is using this store; "
                                             "a store has one writer at a time: wait for it to finish, then run this "
                                             "again"]
    finally:
        writer.wait(timeout=120)


def test_a_port_in_use_is_one_line(served, seed_store):
    url = served[0]
    r = kg("serve", "--port", url.rsplit(":", 1)[1], store=seed_store)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1].startswith(f"kg: error: cannot listen on 127.0.0.1:{url.rsplit(':', 1)[1]} (")


@pytest.mark.parametrize("where,message", [("missing", "no store here"), ("empty", "no store here"),
                                           ("other", "not a kg store (it holds other files")])
def test_serve_refuses_a_folder_that_is_no_store(tmp_path, where, message):
    folder = tmp_path / where
    if where != "missing":
        folder.mkdir()
    if where == "other":
        (folder / "LOG").write_text("my own notes")
    r = kg("serve", "--port", str(free_port()), store=folder)
    assert r.returncode == 4 and len(r.stderr.splitlines()) == 1 and message in r.stderr
    assert where != "other" or (folder / "LOG").read_text() == "my own notes"


def test_a_damaged_store_is_not_served_and_says_how_to_rebuild_it(damaged):
    store = damaged
    r = kg("serve", "--port", str(free_port()), store=store)
    assert r.returncode == 4 and len(r.stderr.splitlines()) == 1, r.stderr
    # found as kg reads the store's event-layer stamp, before the server is started; the same
    # message as `kg query` gives on it
    assert r.stderr.startswith(f"kg: error: {store}: the store is damaged (Corruption")
    assert r.stderr.rstrip().endswith(f"run `kg ingest ARTICLES --store {store}`")


def test_a_short_body_is_refused_at_once(served):
    import socket
    url, _, _ = served
    host, port = url.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000\r\n\r\nASK {}")
        s.shutdown(socket.SHUT_WR)
        answer = b"".join(iter(lambda: s.recv(4096), b"")).decode()
    assert answer.startswith("HTTP/1.0 400") and "the request body ended after 6 of 1,000 bytes" in answer
    triples(url)


def test_a_malformed_request_is_answered_and_the_server_goes_on(served):
    import socket
    url, _, _ = served
    host, port = url.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"GARBAGE\r\n\r\n")   # no version: http.server answers as HTTP/0.9 did, a bare page
        assert b"Error code: 400" in b"".join(iter(lambda: s.recv(4096), b""))
    triples(url)


def test_a_writable_server_refuses_load_without_allow_service(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    port = free_port()
    proc = serve(store, port, "--writable")
    try:
        status, body = ask(f"http://127.0.0.1:{port}", "LOAD <http://127.0.0.1:9/data.ttl>", "/update", "update")
        assert status == 400 and body.startswith("update: SERVICE and LOAD (which fetch from other servers) are off")
    finally:
        stop(proc)


def test_chains_and_escapes_cannot_slip_past_the_checks(served):
    url, _, proc = served
    for text, why in [("PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?z) SERVICE <http://127.0.0.1:9/s> "
                       "{ ?a ?b ?c } }", "SERVICE and LOAD"),
                      ("SELECT * WHERE { {} " + "UNION {} " * 10_000 + "}", "more than 2000 operators"),
                      ('"' + '\\"' * 60_000, "error")]:
        began = time.monotonic()
        status, body = ask(url, text)
        assert status == 400 and why in body and time.monotonic() - began < 10
    assert proc.poll() is None
    triples(url)
