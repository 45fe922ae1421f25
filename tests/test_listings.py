"""Listings a person can read: short event ids typed back, tables that fit, `kg show`.

Everything runs the real `kg` command, as a user types it, on the seed store (and, for a source
URL, on a seed article given a sidecar with one)."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from rich.cells import cell_len

from conftest import ROOT, SEEDS, kg

EVENT_IRI = "https://w3id.org/kgnews/id/event/"
LISTINGS = ("visits", "meetings", "agreements", "timeline", "actors", "who-visited", "sources")


def run(*args, store, columns=None):
    """`kg ARGS --store STORE` with $COLUMNS set (or unset), stdout not a terminal."""
    env = {**os.environ, "KG_STORE": ""}
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args), "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, env=env)


def csv_rows(store, name, *params):
    args = ["query", name, "--format", "csv"] + [a for p in params for a in ("-p", p)]
    return list(csv.DictReader(io.StringIO(kg(*args, store=store, check=True).stdout)))


def an_event(store):
    return csv_rows(store, "visits")[0]["visit"]


def one_line_error(r, *words):
    assert r.returncode == 2 and r.stdout == "", (r.returncode, r.stdout)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("kg: error: ") and "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


def test_the_visits_table_shows_short_ids_that_sources_and_show_take_back(seed_store):
    table = run("query", "visits", store=seed_store).stdout.splitlines()
    short = table[2].split()[0]
    assert re.fullmatch(r"ev:[0-9a-f]{8}", short) and EVENT_IRI not in "\n".join(table)
    full = next(r["visit"] for r in csv_rows(seed_store, "visits") if r["visit"].startswith(EVENT_IRI + short[3:]))
    by_short = csv_rows(seed_store, "sources", f"event={short}")
    assert by_short and by_short == csv_rows(seed_store, "sources", f"event={full}")
    shown = run("show", short, store=seed_store)
    assert shown.returncode == 0 and shown.stdout.startswith(f"{short}  Visit") and full in shown.stdout


@pytest.mark.parametrize("args", [("query", "sources", "-p", "event=ev:ffffffff"),
                                  ("query", "sources", "-p", f"event={EVENT_IRI}0123456789abcdef"),
                                  ("query", "sources", "-p", "event=Lavrov"),
                                  ("show", "ev:ffffffff")])
def test_an_id_that_names_no_event_is_a_one_line_error_not_zero_rows(seed_store, args):
    one_line_error(run(*args, store=seed_store), "no event", "ev:0123abcd")


def test_a_prefix_of_several_events_is_an_error_naming_them(seed_store):
    events = sorted({r["visit"][len(EVENT_IRI):] for r in csv_rows(seed_store, "visits")} |
                    {r["meeting"][len(EVENT_IRI):] for r in csv_rows(seed_store, "meetings")})
    first = next(h[0] for h, g in zip(events, events[1:]) if h[0] == g[0])
    both = [h for h in events if h.startswith(first)]
    for args in (("query", "sources", "-p", f"event=ev:{first}"), ("show", f"ev:{first}")):
        r = run(*args, store=seed_store)
        one_line_error(r, "more than one event", *[f"ev:{h[:8]}" for h in both[:5]])


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_tables_fit_the_width_columns_gives(seed_store, width):
    event = an_event(seed_store)
    for name in LISTINGS:
        params = {"who-visited": ["-p", "place=Pyongyang"], "sources": ["-p", f"event={event}"]}.get(name, [])
        r = run("query", name, *params, store=seed_store, columns=width)
        assert r.returncode == 0, r.stderr
        lines = r.stdout.splitlines()
        assert len(lines) > 3 and max(cell_len(line) for line in lines) <= width, (name, width)


def test_without_a_terminal_or_columns_a_table_is_100_wide_and_cuts_cells_with_an_ellipsis(seed_store):
    r = run("query", "sources", "-p", f"event={an_event(seed_store)}", store=seed_store)
    assert max(cell_len(line) for line in r.stdout.splitlines()) <= 100 and "…" in r.stdout


def test_wide_shows_every_column_uncut(seed_store):
    event = an_event(seed_store)
    rows = csv_rows(seed_store, "sources", f"event={event}")
    r = run("query", "sources", "-p", f"event={event}", "--wide", store=seed_store, columns=60)
    assert r.stdout.splitlines()[0].split() == list(rows[0])
    assert "…" not in r.stdout and all(" ".join(x["evidence"].split("\n")) in r.stdout.replace("\\n", " ")
                                       for x in rows)
    narrow = run("query", "visits", store=seed_store, columns=60).stdout.splitlines()[0].split()
    wide = run("query", "visits", "-w", store=seed_store, columns=60).stdout.splitlines()[0].split()
    assert set(narrow) < set(wide) == set(csv_rows(seed_store, "visits")[0])


def test_the_meetings_table_says_in_person_and_csv_keeps_the_term(seed_store):
    table = run("query", "meetings", store=seed_store, columns=200).stdout
    assert "in person" in table and "inPerson" not in table
    assert {r["mode"] for r in csv_rows(seed_store, "meetings")} <= {"inPerson", "phone", "video", ""}


# (date, event, role filler, source): the order each listing promises, undated rows last
ORDER = {"visits": ("start", "visit", "traveller", "document"), "meetings": ("date", "meeting", "participant", "document"),
         "agreements": ("date", "agreement", "party", "document")}


@pytest.mark.parametrize("name", ORDER)
def test_listings_come_by_date_then_event_then_role_filler_then_source(seed_store, name):
    """The queries sort on a short key of the event's id before its IRI (Oxigraph looks an IRI's
    text up on every comparison): the rows must still come in the IRIs' order within a date."""
    date, event, filler, document = ORDER[name]
    rows = csv_rows(seed_store, name)
    keys = [(r[date] == "", r[date], r[event], r[filler], r[document]) for r in rows]
    assert keys == sorted(keys)
    events_on = {}
    for r in rows:
        events_on.setdefault(r[date], set()).add(r[event])
    assert any(len(events) > 1 for events in events_on.values())   # events share a date (or none): their order is tested


def test_every_listing_row_gives_its_source_url_and_publisher(tmp_path):
    stem, url = "003_e3129cf3e94ab3f2", "https://example.org/news/lavrov-pyongyang"
    shutil.copy(SEEDS / f"{stem}.txt", tmp_path / f"{stem}.txt")
    meta = json.loads((SEEDS / f"{stem}.meta.json").read_text(encoding="utf-8"))
    (tmp_path / f"{stem}.meta.json").write_text(json.dumps({**meta, "url": url}), encoding="utf-8")
    store = tmp_path / "s"
    kg("ingest", tmp_path / f"{stem}.txt", store=store, check=True)
    for name in ("visits", "meetings", "agreements", "who-visited"):
        got = csv_rows(store, name, *(["place=North Korea"] if name == "who-visited" else []))
        assert got and all(r["url"] == url and r["publisher"] == meta["publisher"] and r["document"].endswith(stem)
                           for r in got), name
    table = run("query", "visits", "--wide", store=store).stdout
    assert url in table and meta["publisher"] in table and stem in table
    shown = json.loads(run("show", stem, "--format", "json", store=store).stdout)
    assert shown["url"] == url and shown["publisher"] == meta["publisher"]


def test_show_an_event_gives_each_source_sentence_with_its_trigger_marked(seed_store):
    event = next(r["visit"] for r in csv_rows(seed_store, "visits") if r["traveller"] == "Ri Yong Ho")
    sources = csv_rows(seed_store, "sources", f"event={event}")
    record = json.loads(run("show", event, "--format", "json", store=seed_store).stdout)
    assert record["kind"] == "event" and record["type"] == "Visit" and record["iri"] == event
    assert [a["name"] for a in record["actors"]["traveller"]] == ["Ri Yong Ho"]
    assert "report/" not in json.dumps(record)        # each source's report is shown as its source, not as an IRI
    mentions = [m for s in record["sources"] for m in s["mentions"]]
    assert sorted(m["evidence"] for m in mentions) == sorted(s["evidence"] for s in sources)
    text = run("show", record["id"], store=seed_store).stdout
    for m in mentions:
        b, e = m["trigger_span"]
        assert m["evidence"][b:e].lower() == m["trigger"].lower() and m["rule"]
        marked = m["evidence"][:b] + "[[" + m["evidence"][b:e] + "]]" + m["evidence"][e:]
        assert " ".join(marked.split()) in text and f"rule {m['rule']}" in text
    assert all(s["publisher"] in text for s in sources)


def test_show_an_actor_by_any_case_of_its_name_or_its_iri_lists_its_events(seed_store):
    by_name = json.loads(run("show", "SERGEI LAVROV", "-f", "json", store=seed_store).stdout)
    by_iri = json.loads(run("show", by_name["iri"], "-f", "json", store=seed_store).stdout)
    assert by_name == by_iri and by_name["kind"] == "actor" and "Person" in by_name["types"]
    visits = {r["visit"] for r in csv_rows(seed_store, "visits") if r["traveller"] == "Sergei Lavrov"}
    assert visits and visits <= {e["iri"] for e in by_name["events"]}
    text = run("show", "Sergei Lavrov", store=seed_store).stdout
    assert all(e["id"] in text for e in by_name["events"]) and "Foreign Minister" in text


def test_show_an_article_by_stem_lists_its_mentions_and_their_events(seed_store):
    stem = "003_e3129cf3e94ab3f2"
    record = json.loads(run("show", stem, "-f", "json", store=seed_store).stdout)
    assert record["kind"] == "article" and record["article"] == stem and record["mentions"]
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    assert all(text[m["begin"]:m["end"]] == m["evidence"] for m in record["mentions"])
    shown = run("show", stem, store=seed_store).stdout
    assert all(m["event"] in shown for m in record["mentions"]) and shown.count("[[") == len(record["mentions"])


def test_show_refuses_what_names_nothing_and_a_format_it_lacks(seed_store):
    one_line_error(run("show", "no such thing anywhere", store=seed_store), "nothing in the store")
    one_line_error(run("show", "ev:0", "--format", "yaml", store=seed_store), "unknown format 'yaml'")


def test_every_stored_query_names_table_columns_it_gives(seed_store):
    from kg.store.queries import stored_queries
    event = an_event(seed_store)
    for name, q in stored_queries().items():
        params = {"who-visited": ["place=Pyongyang"], "sources": [f"event={event}"]}.get(name, [])
        header = kg("query", name, "--format", "csv", *[a for p in params for a in ("-p", p)],
                    store=seed_store, check=True).stdout.splitlines()[0].split(",")
        assert q.columns and set(q.columns) <= set(header), (name, q.columns, header)


def test_a_columns_line_is_read_from_the_header_and_the_file_stays_sparql(tmp_path):
    from kg.store.queries import parse_stored
    p = tmp_path / "mine.rq"
    p.write_text("#+ summary: mine\n#+ columns: ?b, a\nSELECT ?a ?b WHERE { BIND(1 AS ?a) BIND(2 AS ?b) }\n")
    assert parse_stored(p).columns == ("b", "a")
    import pyoxigraph
    assert list(pyoxigraph.Store().query(p.read_text()))


@pytest.mark.parametrize("text", ["ev:", "ev:zz", "ev:0123456789abcdef0"])
def test_what_starts_ev_but_is_no_id_is_said_to_be_no_id(seed_store, text):
    for args in (("show", text), ("query", "sources", "-p", f"event={text}")):
        one_line_error(run(*args, store=seed_store), "is no event id", "hex digits")


def test_a_short_id_may_be_typed_in_capitals(seed_store):
    short = run("query", "visits", store=seed_store).stdout.splitlines()[2].split()[0]
    shown = run("show", short.upper(), store=seed_store)
    assert shown.returncode == 0 and shown.stdout.startswith(f"{short}  ")
    assert csv_rows(seed_store, "sources", f"event={short.upper()}") == csv_rows(seed_store, "sources", f"event={short}")


@pytest.mark.parametrize("text", ["", "  "])
def test_show_of_an_empty_name_says_it_is_empty(seed_store, text):
    one_line_error(run("show", text, store=seed_store), "empty name")


@pytest.mark.parametrize("columns", ["1", "12", "0", "abc"])
def test_a_narrow_or_odd_width_still_shows_the_first_column(seed_store, columns):
    text = "SELECT ?a_column_name_longer_than_the_terminal ?b WHERE { BIND(1 AS ?a_column_name_longer_than_the_terminal) }"
    r = run("sparql", text, store=seed_store, columns=columns)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("a_column") and lines[2] == "1" and lines[-1] == "(1 row)", lines
    if columns.isdigit() and int(columns) > 11:
        assert max(cell_len(line) for line in lines) <= int(columns)


def test_an_actors_events_line_up_on_screen_with_a_korean_place_name():
    from kg.show_text import render
    events = [{"id": f"ev:{n}", "date": "2020", "type": "Visit", "role": "traveller", "where": where,
               "status": "occurred"} for n, where in enumerate(["서울", "Seoul"])]
    text = render({"kind": "actor", "name": "X", "types": ["Person"], "iri": "i", "altNames": [], "roles": [],
                   "events": events}, False)
    a, b = text.splitlines()[-2:]
    assert cell_len(a[:a.index("occurred")]) == cell_len(b[:b.index("occurred")])
