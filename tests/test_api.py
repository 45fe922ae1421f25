"""The Python API (`import kg`) on the seed articles: the same answers, reports and errors as the
CLI, parameters bound safely, no lock held between calls, and a DataFrame when pandas is there."""
import csv
import io
import shutil
import subprocess
import sys
import traceback

import pytest

from conftest import ROOT, SEEDS, kg

import kg as api   # the package under test; `kg` is conftest's runner of the real command

GOOD = "003_e3129cf3e94ab3f2"
WHO_VISITED = ["traveller", "destination", "start", "end", "status", "visit", "document", "url", "publisher"]
QUERIES = [("who-visited", {"place": "Pyongyang"}), ("who-visited", {"place": "north korea"}), ("visits", {}),
           ("meetings", {}), ("agreements", {}), ("actors", {}), ("timeline", {})]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store the API built from the seed articles, and the report it gave."""
    assert api.__file__.startswith(str(ROOT))   # this checkout's kg, not an installed one
    store = api.open(tmp_path_factory.mktemp("api") / "kg-store")
    return store, store.ingest(SEEDS)


def csv_rows(store, name, params=None):
    """What `kg query NAME -p k=v --format csv --store STORE` prints, as (columns, rows of cells)."""
    args = ["query", name, "--format", "csv"]
    for k, v in (params or {}).items():
        args += ["--param", f"{k}={v}"]
    r = kg(*args, store=getattr(store, "path", store), check=True)
    table = list(csv.reader(io.StringIO(r.stdout)))
    return table[0], table[1:]


def test_ingest_reports_every_seed_stored_as_the_cli_says_it(seeded):
    store, report = seeded
    assert report.ok and sorted(report.stored) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert report.skipped == report.refused == report.dropped == []
    assert report.events > 0 and report.triples == store.stats()["triples"]
    assert report.summary() == (f"stored 5 article(s) with {report.events} event mention(s) in {store.path}; "
                                f"0 mention(s) dropped; 0 refused; 0 skipped; {report.triples} triples in the store")


@pytest.mark.parametrize("name,params", QUERIES)
def test_query_rows_are_what_kg_query_gives_as_csv_on_the_store_kg_ingest_built(seeded, seed_store, name, params):
    store, _ = seeded
    rows = store.query(name, **params)
    columns, cells = csv_rows(seed_store, name, params)
    assert rows and rows.columns == columns
    assert [[r[c] or "" for c in columns] for r in rows] == cells   # CSV writes "" where the API has None
    assert all(isinstance(v, str) or v is None for r in rows for v in r.values())


def test_an_unbound_cell_is_none_and_a_date_stays_the_text_the_article_gave(seeded):
    store, _ = seeded
    rows = store.query("who-visited", place="Pyongyang")
    lavrov = [r for r in rows if r["traveller"] == "Sergei Lavrov" and r["start"] == "2018-05-31"]
    assert lavrov and lavrov[0]["end"] is None and lavrov[0]["status"] == "occurred"


def test_sparql_select_and_ask_answer_like_kg_sparql(seeded):
    store, _ = seeded
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    r = kg("sparql", text, "--format", "csv", store=store.path, check=True)
    assert [[row["g"], row["n"]] for row in store.sparql(text)] == list(csv.reader(io.StringIO(r.stdout)))[1:]
    assert store.sparql("ASK { GRAPH ?g { ?s ?p ?o } }") is True
    assert store.sparql("ASK { GRAPH ?g { <urn:nothing> ?p ?o } }") is False


def test_stats_are_the_numbers_kg_stats_prints(seeded):
    store, _ = seeded
    printed = dict(line.split(": ") for line in kg("stats", store=store.path, check=True).stdout.splitlines())
    assert {k: str(v) for k, v in store.stats().items() if v} == printed


def test_a_parameter_cannot_inject_sparql_and_changes_nothing(seeded):
    store, _ = seeded
    before = per_graph(store)
    for evil in ['x" ) } } SELECT * WHERE { ?s ?p ?o } #', 'x" ) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
                 "Pyongyang'} UNION { ?traveller ?p ?o }", "http://x> } } DROP ALL #"]:
        try:
            rows = store.query("who-visited", place=evil)
        except api.errors.QueryError as e:   # an IRI that is none is refused, not pasted
            assert "looks like an IRI but is not a valid one" in str(e) and evil.startswith("http")
            continue
        assert rows == [] and rows.columns == WHO_VISITED
    assert store.query("who-visited", place="Pyongyang")   # the same query with a real place has rows
    assert per_graph(store) == before


def per_graph(store) -> dict:
    return {r["g"]: r["n"] for r in store.sparql("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}


def test_sparql_default_graph_is_the_union_as_in_the_cli_and_union_false_is_no_union(seeded):
    store, _ = seeded
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    cli = kg("sparql", count, "--format", "csv", store=store.path, check=True).stdout.split()[1]
    assert store.sparql(count)[0]["n"] == cli == str(store.stats()["triples"])
    assert store.sparql(count, union=False)[0]["n"] == "0"
    assert store.sparql("ASK { ?s ?p ?o }") is True and store.sparql("ASK { ?s ?p ?o }", union=False) is False


def test_a_graph_query_is_refused_before_the_store_is_opened(tmp_path):
    missing = api.open(tmp_path / "not-made-yet")   # opening it would say there is no store
    for text in ("DESCRIBE <http://example.org/x>", "PREFIX ex: <http://example.org/> CONSTRUCT WHERE { ?s ?p ?o }"):
        with pytest.raises(api.errors.QueryError, match="^query: CONSTRUCT/DESCRIBE give RDF, not rows; "):
            missing.sparql(text)


def internal_frames(error):
    """Frames of kg's own modules, the API's wrapper aside, in the traceback a notebook would show."""
    return [f.filename for f in traceback.extract_tb(error.__traceback__)
            if "/kg/" in f.filename and not f.filename.endswith("/kg/api.py")]


@pytest.mark.parametrize("call,kind,message", [
    (lambda s: s.query("nothing-like-it"), api.errors.QueryError, "no stored query named 'nothing-like-it'"),
    (lambda s: s.query("who-visited"), api.errors.QueryError, "query 'who-visited' needs --param place=VALUE"),
    (lambda s: s.query("who-visited", place="Lima", when="x"), api.errors.QueryError,
     "query 'who-visited' takes no parameter 'when'"),
    (lambda s: s.sparql("PREFIX ex: <http://example.org/> DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"),
     api.errors.QueryError, "query: a SPARQL update, and queries here only read"),
    (lambda s: s.sparql("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), api.errors.QueryError,
     "query: CONSTRUCT/DESCRIBE give RDF, not rows"),
    (lambda s: s.sparql("SELECT ?s WHERE { ?s ?p }"), api.errors.QueryError, "query: SPARQL syntax error: "),
    (lambda s: s.remove(["no-such-article", GOOD]), api.errors.InputError, "not in the store: no-such-article ("),
    (lambda s: s.ingest("no/such/folder"), api.errors.InputError, "no/such/folder: no such file or folder"),
    (lambda s: s.ingest(3), api.errors.InputError, "3: not a name or a list of names; give article files"),
    (lambda s: s.remove([GOOD, None]), api.errors.InputError, "not in the store: None (")])
def test_errors_are_the_clis_one_line_kg_errors_without_internal_frames(seeded, call, kind, message):
    store, _ = seeded
    before = store.stats()
    with pytest.raises(kind) as caught:
        call(store)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert internal_frames(caught.value) == [] and caught.value.__context__ is None
    assert store.stats() == before


def test_a_bug_of_ours_is_one_kg_error_like_the_clis_internal_error(seeded, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("injected fault")
    monkeypatch.setattr("kg.store.safety.check", broken)
    with pytest.raises(api.KgError) as caught:
        seeded[0].sparql("ASK { ?s ?p ?o }")
    assert str(caught.value) == "internal error: ZeroDivisionError: injected fault (please report it)"
    assert caught.value.exit_code == 70 and internal_frames(caught.value) == []


def test_a_store_that_is_none_is_refused_by_name(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(api.errors.StoreError, match="not a kg store \\(a file, not a folder\\)"):
        api.open(tmp_path / "file")
    with pytest.raises(api.errors.StoreError, match="no store here"):
        api.open(tmp_path / "new").query("visits")
    assert not (tmp_path / "new").exists()   # reading creates nothing


def test_a_bad_file_in_the_batch_is_reported_and_the_others_stored(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS / f"{GOOD}.txt", docs)
    shutil.copy(SEEDS / f"{GOOD}.meta.json", docs)
    (docs / "latin1.txt").write_bytes("Le président a visité Paris.".encode("latin-1"))
    store = api.open(tmp_path / "s")
    report = store.ingest([docs], strict=True)
    assert not report.ok and report.stored == [GOOD]
    assert report.skipped == [f"skipped: {docs / 'latin1.txt'}: not UTF-8 text (bad byte at offset 5); convert it "
                              "with `iconv -f <encoding> -t utf-8` and try again"]
    stems = store.sparql("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?a <https://w3id.org/kgnews/ns#fileStem> ?s } }")
    assert stems == [{"s": GOOD}] and store.stats()["articles"] == 1


def test_no_lock_is_held_between_calls_and_a_server_refuses_a_writer(seeded, tmp_path):
    from kg.store import lock
    shutil.copytree(seeded[0].path, tmp_path / "s")
    store = api.open(tmp_path / "s")
    assert store.query("visits") and store.stats()["articles"] == 5
    served = lock.hold(store.path, "serve")   # what `kg serve` takes: a notebook that read must not be in its way
    try:
        with pytest.raises(api.errors.StoreError, match=r"`kg serve` \(pid \d+\) is serving this store"):
            store.remove(GOOD)
        assert store.stats()["articles"] == 5 and store.query("visits")   # reading goes on while it serves
    finally:
        import os
        os.close(served)
    assert store.remove(GOOD) == store.stats()["triples"] and store.stats()["articles"] == 4
    assert GOOD not in {r["document"].rsplit("/", 1)[1] for r in store.query("visits")}
    r = kg("remove", "004_e7044e26ec511369", store=store.path)   # the CLI after the API: nothing left locked
    assert r.returncode == 0, r.stderr
    assert store.stats()["articles"] == 3   # and the API sees what the CLI wrote


def test_import_kg_and_a_query_load_neither_spacy_nor_rdflib(seeded):
    code = (f"import sys, kg; rows = kg.open({str(seeded[0].path)!r}).query('visits'); "
            "print(len(rows) > 0, [m for m in ('spacy', 'rdflib', 'pyshacl') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.split("\n")[0] == "True []", r.stderr


def test_to_pandas_gives_the_query_columns_and_rows(seeded):
    pd = pytest.importorskip("pandas")
    store, _ = seeded
    rows = store.query("visits")
    df = rows.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == rows.columns and len(df) == len(rows)
    assert df.fillna("").values.tolist() == csv_rows(store, "visits")[1]
    none = store.query("who-visited", place="Atlantis")
    assert none == [] and list(none.to_pandas().columns) == none.columns == WHO_VISITED


def test_to_pandas_without_pandas_says_how_to_get_it(seeded, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)   # what `import pandas` meets where it is not installed
    rows = seeded[0].query("agreements")
    with pytest.raises(api.KgError, match=r"pandas is not installed; install kg with its pandas extra "
                                          r"\(`pip install 'kg\[pandas\]'`\)"):
        rows.to_pandas()
    assert rows and rows.columns[0] == "agreement"   # the rows themselves need no pandas


def test_a_short_event_id_is_taken_as_the_cli_takes_it(seeded):
    store, _ = seeded
    event = store.query("visits")[0]["visit"]
    short = "ev:" + event.rsplit("/", 1)[1][:8]
    assert store.query("sources", event=short) == store.query("sources", event=event) != []
    with pytest.raises(api.errors.QueryError, match="no event 'ev:ffffffff'"):
        store.query("sources", event="ev:ffffffff")


def test_show_gives_the_record_kg_show_prints_as_json(seeded):
    import json
    store, _ = seeded
    event = store.query("visits")[0]["visit"]
    short = "ev:" + event.rsplit("/", 1)[1][:8]
    record = store.show(short)
    assert record["kind"] == "event" and record["iri"] == event and record["sources"]
    assert record == json.loads(kg("show", short, "-f", "json", store=store.path, check=True).stdout)
    with pytest.raises(api.errors.QueryError, match="nothing in the store is called 'no such thing'"):
        store.show("no such thing")

