"""Merging with time in mind, end to end: invented articles through `kg ingest` and the stored
queries, and records with kg:background through RDF, SHACL and a real store."""
import csv
import io

from pyoxigraph import Literal, NamedNode, Quad, Store

from conftest import kg
from kg import vocab as v
from kg.graph.merge import event_layer
from kg.graph.rdf import article_quads
from kg.graph.validate import validate_store
from kg.records import Actor, ArticleMeta, ArticleRecord, DateValue, EventRecord, Evidence

KG = v.NS
DATED = "President Alvaro Fenwick met Prime Minister Ilse Mortensen in Valletta on 4 May 2024.\nThe talks covered {}.\n"
UNDATED = "President Alvaro Fenwick and Prime Minister Ilse Mortensen met in Valletta.\nThe talks covered {}.\n"


def article(folder, stem, published, text):
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / f"{stem}.meta.json").write_text(f'{{"published": "{published}"}}', encoding="utf-8")


def meetings(store):
    out = kg("query", "meetings", "--format", "csv", store=store, check=True).stdout
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["participant"] == "Alvaro Fenwick"]
    return {r["document"].rsplit("/", 1)[1]: r for r in rows}


def test_a_pairs_meeting_reported_undated_a_year_later_is_another_event(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    article(folder, "may", "2024-05-06", DATED.format("shipping"))
    article(folder, "days-later", "2024-05-07", UNDATED.format("ports"))
    article(folder, "year-later", "2025-06-03", UNDATED.format("fisheries"))
    store = tmp_path / "store"
    kg("ingest", folder, store=store, check=True)
    got = meetings(store)
    assert set(got) == {"may", "days-later", "year-later"}
    assert got["may"]["meeting"] == got["days-later"]["meeting"] != got["year-later"]["meeting"]
    assert got["days-later"]["date"] == "2024-05-04"          # the undated report takes its event's date
    assert got["year-later"]["date"] == ""                    # ...but not the one of a year before


def record(stem, published, events):
    return ArticleRecord(stem, "x" * 200, "0" * 64, ArticleMeta(published=published), events)


def talks(day=None, background=False, start=0):
    people = [Actor("odile-brant", "Person", "Odile Brant"), Actor("teodor-lisk", "Person", "Teodor Lisk")]
    return EventRecord("Meeting", "occurred", Evidence("x" * 20, start, start + 20), trigger="met", rule="meet-verb",
                       agents=people, start=DateValue(day, "day") if day else None, background=background)


def events_of(store: Store):
    """Each event as the set of mention IRIs it holds."""
    return sorted(sorted(r["m"].value for r in store.query(
        f"SELECT ?m WHERE {{ GRAPH <{v.EVENTS_GRAPH}> {{ <{e}> <{KG}mention> ?m }} }}"))
        for e in {r["e"].value for r in store.query(
            f"SELECT ?e WHERE {{ GRAPH <{v.EVENTS_GRAPH}> {{ ?e a <{KG}Meeting> }} }}")})


def test_background_is_stored_as_a_boolean_and_keeps_its_mention_apart():
    store = Store()
    store.extend(article_quads(record("news", "2024-05-06", [talks("2024-05-04"), talks("2023-05-04", True, 30)])))
    store.extend(article_quads(record("later", "2024-05-09", [talks("2024-05-04")])))
    store.extend(event_layer([(store, set())]))
    flags = [(r["m"].value, r["b"]) for r in store.query(f"SELECT ?m ?b WHERE {{ GRAPH ?g {{ ?m <{KG}background> ?b }} }}")]
    assert [(m.rsplit("/", 2)[-2:], b.value, b.datatype.value) for m, b in flags] == [
        (["news", "2"], "true", v.XSD + "boolean")]                       # only when true
    assert events_of(store) == [[v.RES + "mention/later/1", v.RES + "mention/news/1"], [v.RES + "mention/news/2"]]
    report = validate_store(store)
    assert report.conforms, report.text


def test_a_background_flag_that_is_not_one_boolean_is_a_violation():
    store = Store()
    store.extend(article_quads(record("news", "2024-05-06", [talks("2024-05-04", True)])))
    mention, graph = NamedNode(v.RES + "mention/news/1"), NamedNode(v.article_graph("news"))
    store.add(Quad(mention, NamedNode(KG + "background"), Literal("yes"), graph))
    report = validate_store(store)
    assert not report.conforms and "background" in report.text and "mention/news/1" in report.text
