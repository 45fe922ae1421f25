"""The command line on the real seed store: answers, formats, help and errors."""
import csv
import io
import json
import shutil

import pytest

from conftest import NOTHING_IN_SEEDS, ROOT, SEEDS, example_params, kg


def rows(store, name, *params):
    args = ["query", name, "--format", "csv"]
    for p in params:
        args += ["--param", p]
    r = kg(*args, store=store, check=True)
    return list(csv.DictReader(io.StringIO(r.stdout)))


def test_who_visited_pyongyang_lists_lavrov_on_2018_05_31(seed_store):
    found = [r for r in rows(seed_store, "who-visited", "place=Pyongyang")
             if r["traveller"] == "Sergei Lavrov" and r["start"] == "2018-05-31"]
    assert found and found[0]["status"] == "occurred"
    # the articles that reported his accepting the invitation in April are sources of this visit too
    assert any(r["document"].endswith("/003_e3129cf3e94ab3f2") for r in found)


def test_who_visited_a_country_finds_its_cities_and_the_planned_july_visit(seed_store):
    got = rows(seed_store, "who-visited", "place=north korea")
    assert any(r["destination"] == "Pyongyang" and r["start"] == "2018-05-31" for r in got)
    planned = [r for r in got if r["status"] == "planned" and r["traveller"] == "Sergei Lavrov"]
    assert planned and planned[0]["start"] == "2025-07-11" and planned[0]["end"] == "2025-07-13"


def test_same_visit_in_two_articles_is_one_event_with_two_sources(seed_store):
    got = [r for r in rows(seed_store, "visits") if r["traveller"] == "Ri Yong Ho" and r["destination"] == "Moscow"]
    assert {r["visit"] for r in got} and len({r["visit"] for r in got}) == 1
    assert {r["document"].rsplit("/", 1)[1][:3] for r in got} == {"000", "001"}


def test_a_visit_to_a_building_names_its_city_as_destination_and_the_building_as_venue(seed_store):
    got = [r for r in rows(seed_store, "visits") if r["venue"]]
    assert got and all(r["destination"] and r["destination"] != r["venue"] for r in got)
    assert any(r["venue"] == "State Duma" and r["destination"] == "Moscow" for r in got)


def test_sources_give_verbatim_sentences_with_offsets(seed_store):
    visit = next(r["visit"] for r in rows(seed_store, "visits") if r["traveller"] == "Ri Yong Ho")
    for r in rows(seed_store, "sources", f"event={visit}"):
        text = (SEEDS / (r["document"].rsplit("/", 1)[1] + ".txt")).read_text(encoding="utf-8")
        assert text[int(r["begin"]):int(r["end"])] == r["evidence"]


def test_output_formats(seed_store):
    j = json.loads(kg("query", "visits", "--format", "json", store=seed_store, check=True).stdout)
    assert j["head"]["vars"][:3] == ["visit", "traveller", "destination"] and j["results"]["bindings"]
    tsv = kg("query", "meetings", "--format", "tsv", store=seed_store, check=True).stdout
    assert tsv.splitlines()[0].split("\t")[:3] == ["?meeting", "?participant", "?place"]   # SPARQL 1.1 TSV
    assert tsv.splitlines()[1].startswith("<https://w3id.org/kgnews/id/event/")
    table = kg("query", "agreements", store=seed_store, check=True).stdout
    assert table.startswith("agreement") and "row" in table.splitlines()[-1]


def test_parameter_values_cannot_inject_sparql(seed_store):
    evil = 'place=x" ) } } SELECT * WHERE { ?s ?p ?o } #'
    r = kg("query", "who-visited", "--param", evil, "--format", "csv", store=seed_store)
    assert r.returncode == 0 and r.stdout.strip() == "traveller,destination,start,end,status,visit,document,url,publisher"


@pytest.mark.parametrize("command", [("query", "who-visited"), ("plot", "timeline", "-o", "t.svg")])
def test_a_parameter_given_twice_is_refused_not_silently_the_last(seed_store, command, tmp_path):
    """As the web page refuses ?place=A&place=B: one value per parameter, said in one line."""
    command = [str(tmp_path / c) if c == "t.svg" else c for c in command]
    r = kg(*command, "-p", "place=Pyongyang", "-p", "place=Moscow", store=seed_store)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "kg: error: the parameter 'place' is given more than once; give it once\n"
    assert not (tmp_path / "t.svg").exists()


def test_every_command_and_query_has_help_with_an_example():
    from typer.main import get_command
    from kg.cli import app
    from kg.store.queries import stored_queries
    todo = list(get_command(app).commands.items())
    while todo:   # and every command of a group (kg plot timeline)
        name, cmd = todo.pop()
        assert (cmd.help or "").strip(), f"command {name} has no help"
        assert "Example" in (cmd.epilog or ""), f"command {name} has no example"
        todo += [(f"{name} {sub}", c) for sub, c in getattr(cmd, "commands", {}).items()]
    assert "plot timeline" in {f"plot {n}" for n in get_command(app).commands["plot"].commands}
    queries = stored_queries()
    assert {"visits", "meetings", "agreements", "who-visited", "actors", "timeline", "sources"} <= set(queries)
    for q in queries.values():
        assert q.summary and q.example.startswith("kg query"), f"query {q.name} lacks summary or example"
    listing = kg("query", "--list", check=True).stdout
    assert all(q.summary in listing for q in queries.values())


def test_ingest_twice_keeps_the_triple_count_and_remove_leaves_no_orphans(tmp_path):
    store = tmp_path / "s"
    kg("ingest", SEEDS / "000_67274d36a2bb71fc.txt", SEEDS / "003_e3129cf3e94ab3f2.txt", store=store, check=True)

    def count() -> int:
        return int(kg("stats", store=store, check=True).stdout.split("triples: ")[1])
    first = count()
    kg("ingest", SEEDS / "003_e3129cf3e94ab3f2.txt", store=store, check=True)
    assert count() == first
    kg("remove", "003_e3129cf3e94ab3f2", store=store, check=True)
    assert count() < first
    assert not any(r["document"].endswith("003_e3129cf3e94ab3f2") for r in rows(store, "visits"))
    assert kg("validate", store=store).returncode == 0


def test_validate_passes_on_the_seed_store(seed_store):
    r = kg("validate", store=seed_store)
    assert r.returncode == 0, r.stdout + r.stderr


def test_extract_and_export_give_rdf(seed_store, tmp_path):
    out = tmp_path / "003.trig"
    kg("extract", SEEDS / "003_e3129cf3e94ab3f2.txt", "-o", out, check=True)
    import pyoxigraph
    quads = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TRIG))
    assert any(q.predicate.value.endswith("#evidence") for q in quads)
    nq = tmp_path / "all.nq"
    kg("export", "--format", "nquads", "-o", nq, store=seed_store, check=True)
    assert len(list(pyoxigraph.parse(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS))) > 500


@pytest.mark.parametrize("content,expect", [
    (b"caf\xe9 au lait", "not UTF-8"), (b"", "empty"), (b"\x00\x01\x02binary", "binary")])
def test_bad_files_get_one_line_errors_and_the_rest_is_stored(tmp_path, content, expect):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(content)
    shutil.copy(SEEDS / "003_e3129cf3e94ab3f2.txt", folder)
    shutil.copy(SEEDS / "003_e3129cf3e94ab3f2.meta.json", folder)
    r = kg("ingest", folder, store=tmp_path / "s")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert any("bad.txt" in line and expect in line for line in r.stderr.splitlines())
    assert "stored 1 article" in r.stderr


def test_errors_are_one_line_without_traceback(tmp_path):
    for args in (["ingest", tmp_path / "nope"], ["query", "nosuch"], ["query", "who-visited"],
                 ["query", "visits", "--param", "novalue"]):
        r = kg(*args, store=tmp_path / "s")
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert r.stderr.strip().startswith("kg: error:") and len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = kg("query", "visits", store=tmp_path / "never-made")
    assert r.returncode != 0 and "no store here" in r.stderr


def test_query_path_does_not_import_spacy_or_rdflib(seed_store):
    import subprocess
    import sys
    code = ("import sys; from kg.cli import main; sys.argv=['kg','query','visits','--store',%r,'--format','csv'];"
            "\ntry:\n main()\nexcept SystemExit: pass\n"
            "print('HEAVY', [m for m in ('spacy','rdflib','pyshacl') if m in sys.modules])") % str(seed_store)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out


def two_reports(tmp_path, a: tuple[str, str], b: tuple[str, str]):
    """A store holding two one-line articles a and b, each (text, publication date)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for stem, (text, published) in (("a", a), ("b", b)):
        (docs / f"{stem}.txt").write_text(text + "\n")
        (docs / f"{stem}.meta.json").write_text(json.dumps({"published": published}))
    store = tmp_path / "store"
    kg("ingest", docs, store=store, check=True)
    return store


def test_each_source_row_keeps_the_status_its_article_reported(tmp_path):
    store = two_reports(tmp_path, ("Chilean President Gabriel Boric will visit Lima on Tuesday for talks on trade.",
                                   "2024-03-10"),
                        ("Chilean President Gabriel Boric visited Lima on Tuesday for talks on trade.", "2024-03-14"))
    got = rows(store, "visits")
    assert len({r["visit"] for r in got}) == 1 and {r["start"] for r in got} == {"2024-03-12"}
    assert {(r["document"].rsplit("/", 1)[1], r["status"], r["event_status"]) for r in got} == {
        ("a", "planned", "occurred"), ("b", "occurred", "occurred")}


def test_every_stored_query_runs_its_own_example_and_finds_rows(seed_store):
    """Each query's '#+ example' line, run as written on the seed store: no error, some rows."""
    import shlex
    from kg.store.queries import stored_queries
    an_event = rows(seed_store, "visits")[0]["visit"]   # the sources example names a made-up event
    for name, q in stored_queries().items():
        words = shlex.split(q.example)
        words = words[:words.index(">")] if ">" in words else words
        assert words[:3] == ["kg", "query", name], (name, q.example)
        params = [w.replace("event=https://w3id.org/kgnews/id/event/0123456789abcdef", f"event={an_event}")
                  for w, prev in zip(words[3:], words[2:]) if prev in ("--param", "-p")]
        got = rows(seed_store, name, *params)
        assert got or name in NOTHING_IN_SEEDS, f"{name}: no rows for {q.example!r}"


def test_a_called_off_visit_is_no_answer_to_who_visited_but_is_listed_as_called_off(tmp_path):
    store = two_reports(tmp_path, ("Chilean President Gabriel Boric has called off his visit to Lima, his office said.",
                                   "2024-03-10"),
                        ("Chilean President Gabriel Boric had been due to arrive in Quito on Tuesday for talks on trade.",
                         "2024-03-14"))
    assert rows(store, "visits") == [] and rows(store, "who-visited", "place=Lima") == []
    got = rows(store, "called-off")
    assert {(r["type"], r["actors"], r["where"], r["document"].rsplit("/", 1)[1]) for r in got} == {
        ("Visit", "Gabriel Boric", "Lima", "a"), ("Visit", "Gabriel Boric", "Quito", "b")}


def test_timeline_without_parameters_lists_every_event_undated_last(seed_store):
    got = rows(seed_store, "timeline")
    dated = [r["date"] for r in got if r["date"]]
    assert len(got) >= 20 and dated == sorted(dated) and got[-1]["date"] == ""


def test_ingest_of_a_shell_glob_skips_sidecars_and_names_other_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("000_67274d36a2bb71fc.txt", "000_67274d36a2bb71fc.meta.json", "README.md"):
        shutil.copy(SEEDS / name, docs / name)
    r = kg("ingest", *sorted(docs.iterdir()), store=tmp_path / "s")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "README.md: not a .txt article" in r.stderr and ".meta.json: not a" not in r.stderr
    assert "stored 1 article(s)" in r.stderr


def test_actors_list_only_the_offices_articles_give(seed_store):
    got = {r["name"]: r["roles"] for r in rows(seed_store, "actors")}
    assert "Maria Zakharova" not in got     # a spokeswoman in no event: no office of kg/data/offices.json
    assert got["Vladimir Putin"] == "President of Russia (2018-04-10 to 2025-10-27)"   # one entry, 2 articles
    assert "Foreign Minister of Russia (" in got["Sergei Lavrov"] and " of Xi Jinping" not in got["Kim Jong Un"]
    assert got["Sergei Lavrov"].count("Foreign Minister") == 1


def test_each_source_row_keeps_the_dates_its_article_gave(tmp_path):
    store = two_reports(tmp_path, ("Chilean President Gabriel Boric made a visit to Lima this month.", "2024-03-20"),
                        ("Chilean President Gabriel Boric visited Lima on Tuesday.", "2024-03-14"))
    got = {r["document"].rsplit("/", 1)[1]: r for r in rows(store, "visits")}
    assert len({r["visit"] for r in got.values()}) == 1
    assert (got["a"]["start"], got["a"]["event_start"]) == ("2024-03", "2024-03-12")
    assert (got["b"]["start"], got["b"]["event_start"]) == ("2024-03-12", "2024-03-12")


def test_extract_and_export_write_the_format_the_file_name_asks_for(tmp_path, seed_store):
    ttl, nq = tmp_path / "003.ttl", tmp_path / "all.nq"
    kg("extract", SEEDS / "003_e3129cf3e94ab3f2.txt", "-o", ttl, check=True)
    from pyoxigraph import DefaultGraph, RdfFormat, parse
    triples = list(parse(path=str(ttl), format=RdfFormat.TURTLE))
    assert triples and kg("validate", ttl).returncode == 0
    kg("export", "-o", nq, store=seed_store, check=True)
    quads = list(parse(path=str(nq), format=RdfFormat.N_QUADS))
    assert quads and not any(isinstance(q.graph_name, DefaultGraph) for q in quads)   # every article in its graph


# A user's rule whose status does not fit its event type (only visits are "invited"): the meeting it
# makes breaks the meeting shape, the visit told beside it does not.
MISFIT_RULE = {"rules": [{"id": "dine-with", "type": "Meeting", "pos": ["VERB"], "lemmas": ["dine", "dined"],
                          "agent": ["subject"], "partner": ["pp:with"], "fixed_status": "invited"}]}
DINNER = ("Chilean Foreign Minister Ana Rojas visited Quito on Monday, the ministry said.\n"
          "She dined with Ecuadorian Foreign Minister Luis Vera on Tuesday.\n")


def dinner_docs(tmp_path, monkeypatch, rule=True):
    """A folder with the one article, and $KG_DATA holding the misfit rule (when `rule`)."""
    docs, data = tmp_path / "docs", tmp_path / "data" / "rules"
    docs.mkdir()
    data.mkdir(parents=True)
    (docs / "quito.txt").write_text(DINNER)
    (docs / "quito.meta.json").write_text(json.dumps({"published": "2023-09-14"}))
    if rule:
        (data / "events.json").write_text(json.dumps(MISFIT_RULE))
        monkeypatch.setenv("KG_DATA", str(data.parent))
    return docs


def test_ingest_drops_the_mention_that_breaks_a_shape_and_stores_the_rest(tmp_path, monkeypatch):
    docs = dinner_docs(tmp_path, monkeypatch)
    r = kg("ingest", docs, store=tmp_path / "s")
    assert r.returncode == 0, r.stderr
    start = DINNER.index("She dined")
    dropped = [line for line in r.stderr.splitlines() if line.startswith("dropped: ")]
    assert dropped == [f"dropped: {docs / 'quito.txt'}: sentence at {start}-{len(DINNER) - 1} "
                       '"She dined with Ecuadorian Foreign Minister Luis Vera on ..." (rule dine-with): '
                       "a meeting's status is occurred, planned or cancelled (value: kg:invited)"]
    assert "stored 1 article(s) with 1 event mention(s)" in r.stderr and "; 1 mention(s) dropped; 0 refused; 0 skipped;" in r.stderr
    visits = rows(tmp_path / "s", "visits")
    assert [(v["traveller"], v["destination"]) for v in visits] == [("Ana Rojas", "Quito")]
    assert rows(tmp_path / "s", "meetings") == []
    assert kg("validate", store=tmp_path / "s").returncode == 0


def test_ingest_strict_refuses_the_article_with_a_bad_mention(tmp_path, monkeypatch):
    docs = dinner_docs(tmp_path, monkeypatch)
    r = kg("ingest", docs, "--strict", store=tmp_path / "s")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"refused: {docs / 'quito.txt'}: violates the shapes, not stored:" in r.stderr
    assert "kgr:mention/quito/2 kg:status: a meeting's status" in r.stderr and "dropped:" not in r.stderr
    assert "stored 0 article(s)" in r.stderr and "; 0 mention(s) dropped; 1 refused; 0 skipped;" in r.stderr


def test_ingest_without_the_misfit_rule_drops_nothing(tmp_path, monkeypatch):
    r = kg("ingest", dinner_docs(tmp_path, monkeypatch, rule=False), store=tmp_path / "s")
    assert r.returncode == 0 and "dropped:" not in r.stderr and "; 0 mention(s) dropped; 0 refused; 0 skipped;" in r.stderr


def test_extract_drops_the_same_mention_and_strict_leaves_the_article_out(tmp_path, monkeypatch):
    from pyoxigraph import RdfFormat, parse
    docs = dinner_docs(tmp_path, monkeypatch)
    out = tmp_path / "quito.nq"
    r = kg("extract", docs, "-o", out)
    assert r.returncode == 0 and r.stderr.startswith(f"dropped: {docs / 'quito.txt'}: sentence at"), r.stderr
    types = {q.object.value.rsplit("#", 1)[-1] for q in parse(path=str(out), format=RdfFormat.N_QUADS)
             if q.predicate.value.endswith("#type")}
    assert {"VisitMention", "Visit"} <= types and not {"MeetingMention", "Meeting"} & types
    r = kg("extract", docs, "--strict", "-o", out)
    assert r.returncode == 1 and "refused: " in r.stderr
    assert not any(q.predicate.value.endswith("#evidence") for q in parse(path=str(out), format=RdfFormat.N_QUADS))


def test_csv_written_by_oxigraph_is_what_kg_renders_from_the_rows(seed_store):
    """`kg query -f csv` on the store has Oxigraph write the CSV (kg/store/store.py `as_csv`); the
    rows kg renders itself (a remote endpoint, the web API) give the same bytes, CRLF line ends
    included, for every stored query."""
    import subprocess
    import sys

    from kg import output
    from kg.store import queries as stored
    from kg.store.answer import answer

    for name in sorted(stored.query_files()):
        params = example_params(name, seed_store)
        text = stored.bind(stored.get(name), params)
        written = answer(text, name, seed_store, as_csv=True)
        assert written == output.render(*answer(text, name, seed_store), "csv").encode(), name
        argv = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
        printed = subprocess.run([sys.executable, "-m", "kg", "query", name, *argv, "-f", "csv", "--store", str(seed_store)],
                                 capture_output=True, cwd=ROOT, check=True).stdout
        assert printed == written and printed.endswith(b"\r\n"), name
    # What the csv module would write otherwise: a lone empty value (Oxigraph: an empty line), a
    # comma, a quote, a line break inside a value, an unbound value beside a bound one
    odd = ('SELECT ?x WHERE { VALUES ?x { "" UNDEF "a" } }',
           'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("b,c" UNDEF) ("say \\"no\\"" "two\\nlines") ("" "") } }')
    for text in odd:
        written = answer(text, "q", seed_store, as_csv=True)
        assert written == output.render(*answer(text, "q", seed_store), "csv").encode(), written
    assert written == b'x,y\r\n"b,c",\r\n"say ""no""","two\nlines"\r\n,\r\n'
