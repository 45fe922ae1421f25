"""Clean actors (issue 10, item 6): no person made of a common word, one person under near
spellings (and two people kept apart), roles only from the office list and once per holder,
office and party, and no actor in the graph that no event or kept role needs.

Every name is invented; the one store built from real articles is the seeds store."""
import csv
import io
import json

import pytest
from pyoxigraph import Store

from conftest import kg
from kg import vocab as v
from kg.extract import offices
from kg.extract.pipeline import extract_document
from kg.graph.merge import event_layer
from kg.graph.persons import kin, name_match, same_persons
from kg.graph.rdf import article_quads
from kg.graph.validate import run_violation_queries, validate_store
from kg.read.documents import document_from_text
from kg.records import ArticleMeta

KG, EVENTS = v.NS, v.EVENTS_GRAPH
PERSON = v.RES + "person/"


def record(text, stem="a1", published="2024-03-13"):
    doc = document_from_text(text, meta=ArticleMeta(published=published))
    rec = extract_document(doc)
    rec.stem, rec.sha256 = stem, "0" * 64
    return rec


def store_of(*records) -> Store:
    store = Store()
    for r in records:
        store.extend(article_quads(r))
    store.extend(event_layer([(store, set())]))
    return store


def select(store, query, *names):
    return sorted(tuple(r[n].value if r[n] is not None else None for n in names) for r in store.query(query))


# --- 2. a common word is no person ------------------------------------------------------------
def test_a_lone_common_word_tagged_person_is_no_participant():
    text = "Chief Hails and President Alvaro Fenwick met in Valletta on Monday."
    rec = record(text)
    people = {a.label for e in rec.events for a in e.agents} | {r.holder.label for r in rec.roles}
    assert "Hails" not in people
    assert [r.holder.label for r in rec.roles] == ["Alvaro Fenwick"]


@pytest.mark.parametrize("name", ["General", "Hails", "Chief", "Mary Central", "Statistics Office"])
def test_titles_common_words_and_place_endings_are_no_persons(name):
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.resolve import ArticleActors
    assert ArticleActors(Gazetteer.default()).person(name) is None


@pytest.mark.parametrize("name", ["Ostrander", "Alvaro Fenwick", "Ilse Mortensen"])
def test_real_looking_names_stay_persons(name):
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.resolve import ArticleActors
    assert ArticleActors(Gazetteer.default()).person(name).kind == "Person"


def test_a_surname_that_is_a_common_word_is_the_person_named_in_full():
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.resolve import ArticleActors
    actors = ArticleActors(Gazetteer.default())
    full = actors.person("Marta Young")
    assert actors.person("Young") is full


def test_the_user_extends_the_non_names(tmp_path, monkeypatch):
    from kg.extract import notnames
    (tmp_path / "names.json").write_text(json.dumps({"not_person_names": ["Ostrander"]}))
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    notnames._words.cache_clear()
    try:
        assert notnames.not_a_name("Ostrander") and not notnames.not_a_name("Fenwick")
    finally:
        monkeypatch.delenv("KG_DATA")
        notnames._words.cache_clear()
    assert not notnames.not_a_name("Ostrander")


# --- 4. roles are offices of the list, once per holder, office and party ----------------------
@pytest.mark.parametrize("role,expected", [
    ("President", "President"), ("Prime minister", "Prime Minister"), ("premier", "Prime Minister"),
    ("Minister of Foreign Affairs", "Foreign Minister"), ("foreign minister", "Foreign Minister"),
    ("Secretary General", "Secretary-General"), ("Acting President", "President"),
    ("Minister for Defence", "Defense Minister"), ("Ambassador", "Ambassador"),
    ("Abbreviation", None), ("Dr.", None), ("Counterpart of France", None), ("General", None),
    ("analyst", None), ("Former President", None), ("Prime Minister-elect", None)])
def test_a_role_is_kept_only_as_a_listed_office(role, expected):
    assert offices.office(role) == expected


def test_the_user_extends_the_offices(tmp_path, monkeypatch):
    (tmp_path / "offices.json").write_text(json.dumps({"offices": {"Mayor": ["mayor", "lord mayor"]}}))
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    offices.office_index.cache_clear()
    try:
        assert offices.office("Lord Mayor") == "Mayor" and offices.office("President") == "President"
    finally:
        monkeypatch.delenv("KG_DATA")
        offices.office_index.cache_clear()
    assert offices.office("Lord Mayor") is None



@pytest.mark.parametrize("content", ["[]", "{bad"])
def test_a_user_offices_file_that_is_no_json_object_is_named_as_a_bad_data_file(tmp_path, monkeypatch, content):
    from kg.errors import InputError
    (tmp_path / "offices.json").write_text(content)
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    offices.office_index.cache_clear()
    try:
        with pytest.raises(InputError, match="offices.json: bad data file"):
            offices.office("President")
    finally:
        monkeypatch.delenv("KG_DATA")
        offices.office_index.cache_clear()

def test_an_article_keeps_one_role_per_holder_and_office_and_no_titles():
    rec = record("Chilean President Alvaro Fenwick met Maltese Foreign Minister Ilse Mortensen in Valletta on "
                 "Monday. President Fenwick and the Chilean president's adviser, Dr. Hal Brenner, then "
                 "left. Brenner, an analyst, said Fenwick would return.")
    got = sorted((r.holder.label, r.role, r.of.label if r.of else None) for r in rec.roles)
    assert got == [("Alvaro Fenwick", "President", "Chile"), ("Ilse Mortensen", "Foreign Minister", "Malta")]


def test_the_event_layer_holds_one_role_with_first_and_last_date():
    texts = {"a1": ("2024-03-13", "Chilean President Alvaro Fenwick met Ilse Mortensen in Valletta on Monday."),
             "a2": ("2024-05-02", "Chilean President Alvaro Fenwick met Ilse Mortensen in Reykjavik on Tuesday."),
             "a3": ("2024-06-20", "President Alvaro Fenwick met Ilse Mortensen in Oslo on Thursday.")}
    store = store_of(*(record(t, s, p) for s, (p, t) in texts.items()))
    got = select(store, f"""PREFIX kg: <{KG}> SELECT ?name ?of ?first ?last (COUNT(?a) AS ?n) WHERE {{
        GRAPH <{EVENTS}> {{ ?r a kg:Role ; kg:holder <{PERSON}alvaro-fenwick> ; kg:roleName ?name ;
        kg:firstSeen ?first ; kg:lastSeen ?last ; kg:statedIn ?a OPTIONAL {{ ?r kg:roleOf ?of }} }} }}
        GROUP BY ?name ?of ?first ?last""", "name", "of", "first", "last", "n")
    assert len(got) == 1      # the third article's "President" without a state is the same office
    name, of, first, last, n = got[0]
    assert (name, first, last, n) == ("President", "2024-03-13", "2024-06-20", "3") and of.startswith(v.RES + "place/")


# --- 3. one person under near spellings; two people stay two --------------------------------
@pytest.mark.parametrize("a,b,kind", [
    ("annelise-voss", "anelise-voss", "spelling"), ("melissa-orban", "melisa-orban", "spelling"),
    ("j-strand", "johan-strand", "short"), ("alex-strand", "alexander-strand", "short"),
    ("johan-strand", "edvard-strand", ""), ("daniel-strand", "david-strand", ""),
    ("johan-strand", "johan-lind", ""), ("johan-strand", "johan-erik-strand", "")])
def test_name_match(a, b, kind):
    assert name_match(a, b) == kind


def person(graphs, offices_=(), known=False, weight=1):
    return {"graphs": set(graphs), "known": known, "weight": (weight,), "offices": set(offices_)}


FM_MT = ("Foreign Minister", "place/malta")


def test_same_persons_rules_both_sides():
    p = PERSON
    # a misspelling with the same office for the same state: one person, the better-attested name wins
    assert same_persons({p + "annelise-voss": person({"g1", "g2"}, {FM_MT}, weight=2),
                         p + "anelise-voss": person({"g3"}, {FM_MT})}) == {p + "anelise-voss": p + "annelise-voss"}
    # the same misspelling without a shared office: two people
    assert same_persons({p + "annelise-voss": person({"g1"}, {FM_MT}, weight=2),
                         p + "anelise-voss": person({"g3"})}) == {}
    # both in one article: it names two people
    assert same_persons({p + "annelise-voss": person({"g1"}, {FM_MT}, weight=2),
                         p + "anelise-voss": person({"g1"}, {FM_MT})}) == {}
    # offices of different states: two people, however close the names
    assert same_persons({p + "j-strand": person({"g1"}, {("Ambassador", "place/iceland")}),
                         p + "johan-strand": person({"g2"}, {FM_MT}, weight=2)}) == {}
    # an initial alone: the one person it fits
    assert same_persons({p + "j-strand": person({"g1"}),
                         p + "johan-strand": person({"g2"}, weight=2)}) == {p + "j-strand": p + "johan-strand"}
    # ...but not when it fits two
    assert same_persons({p + "j-strand": person({"g1"}), p + "johan-strand": person({"g2"}, weight=2),
                         p + "jonas-strand": person({"g3"}, weight=2)}) == {}
    # two known actors are never folded
    assert same_persons({p + "j-strand": person({"g1"}, known=True),
                         p + "johan-strand": person({"g2"}, known=True, weight=2)}) == {}


def test_kin_follows_spellings_at_any_remove_and_leaves_the_rest_of_a_surname():
    p = PERSON
    known = {p + n for n in ("johan-strand", "jonas-strand", "edvard-strand", "j-lind", "johan-erik-strand")}
    # "J. Strand" could be Johan or Jonas; Johan and Jonas are each a spelling of nothing else
    assert kin({p + "j-strand"}, known) == {p + "j-strand", p + "johan-strand", p + "jonas-strand"}
    # Johan reaches Jonas only through "J. Strand": two removes
    assert kin({p + "johan-strand"}, known | {p + "j-strand"}) == \
        {p + "j-strand", p + "johan-strand", p + "jonas-strand"}
    assert kin({p + "edvard-strand"}, known) == {p + "edvard-strand"}
    assert kin(set(), known) == set()


def test_brothers_of_one_surname_stay_two_people():
    a = record("Maltese Foreign Minister Johan Strand met Ilse Mortensen in Valletta on Monday.", "a1")
    b = record("Maltese Foreign Minister Edvard Strand met Ilse Mortensen in Valletta on Monday.", "a2",
               "2024-03-14")
    store = store_of(a, b)
    people = select(store, f"""PREFIX kg: <{KG}> SELECT ?p WHERE {{ GRAPH <{EVENTS}> {{
        ?p a kg:Person FILTER(STRENDS(STR(?p), "-strand")) FILTER NOT EXISTS {{ ?p <{v.OWL}sameAs> ?q }} }} }}""", "p")
    assert people == [(PERSON + "edvard-strand",), (PERSON + "johan-strand",)]


def test_a_misspelt_foreign_minister_is_one_person_in_the_event_layer():
    texts = [("a1", "2024-03-12", "Maltese Foreign Minister Annelise Voss visited Reykjavik on Monday."),
             ("a2", "2024-03-13", "Maltese Foreign Minister Annelise Voss visited Oslo on Tuesday."),
             ("a3", "2024-03-14", "Maltese Foreign Minister Anelise Voss visited Rome on Wednesday.")]
    store = store_of(*(record(t, s, p) for s, p, t in texts))
    assert select(store, f"SELECT ?a ?b WHERE {{ GRAPH <{EVENTS}> {{ ?a <{v.OWL}sameAs> ?b FILTER(STRSTARTS(STR(?a), '{PERSON}')) }} }}", "a", "b") == \
        [(PERSON + "anelise-voss", PERSON + "annelise-voss")]
    met = select(store, f"""PREFIX kg: <{KG}> SELECT ?e WHERE {{ GRAPH <{EVENTS}> {{
        ?e kg:traveller <{PERSON}annelise-voss> }} }}""", "e")
    assert len(met) == 3   # the misspelt report's visit is hers too
    roles = select(store, f"""PREFIX kg: <{KG}> SELECT ?r WHERE {{ GRAPH <{EVENTS}> {{ ?r kg:holder ?h }} 
        FILTER(?h IN (<{PERSON}annelise-voss>, <{PERSON}anelise-voss>)) }}""", "r")
    assert len(roles) == 1
    assert select(store, f"""PREFIX kg: <{KG}> SELECT ?p WHERE {{ GRAPH <{EVENTS}> {{ ?p a kg:Person
        FILTER(?p = <{PERSON}anelise-voss>) }} }}""", "p") == []
    assert validate_store(store).conforms


# --- 1. no actor that no event or kept role needs ---------------------------------------------
def test_an_office_holder_in_no_event_is_mentioned_and_a_titled_one_is_gone():
    rec = record("Chilean President Alvaro Fenwick met Ilse Mortensen in Valletta on Monday. "
                 "Maltese Ambassador Hal Brenner and Dr. Ostrander Vale, an analyst, watched.")
    store = store_of(rec)
    mentioned = select(store, f"PREFIX kg: <{KG}> SELECT ?a WHERE {{ GRAPH ?g {{ ?art kg:mentions ?a }} }}", "a")
    assert (PERSON + "hal-brenner",) in mentioned
    assert (PERSON + "alvaro-fenwick",) not in mentioned
    people = select(store, f"PREFIX kg: <{KG}> SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?p a kg:Person }} }}", "p")
    assert (PERSON + "ostrander-vale",) not in people
    assert dict(run_violation_queries(store))["unneeded-actor-violation"] == []


def test_the_seeds_store_has_no_orphan_actor(seed_store):
    out = kg("validate", store=seed_store)
    assert out.returncode == 0, out.stdout + out.stderr
    actors = list(csv.DictReader(io.StringIO(kg("query", "actors", "--format", "csv", store=seed_store,
                                                 check=True).stdout)))
    assert len(actors) > 10 and all(int(r["events"]) >= 1 for r in actors)
    assert any(r["roles"] for r in actors)
    mentioned = list(csv.DictReader(io.StringIO(kg("query", "mentioned-actors", "--format", "csv", store=seed_store,
                                                   check=True).stdout)))
    names = {r["name"] for r in actors}
    assert all(r["name"] not in names and r["roles"] for r in mentioned)
    q = f"""PREFIX kg: <{KG}> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{EVENTS}> {{
        ?a a ?c VALUES ?c {{ kg:Person kg:Organization }}
        FILTER NOT EXISTS {{ ?e kg:traveller|kg:participant|kg:party|kg:signatory ?a }}
        FILTER NOT EXISTS {{ ?r a kg:Role ; kg:holder|kg:roleOf ?a }} }} }}"""
    n = kg("sparql", q, "--format", "csv", store=seed_store, check=True).stdout.split()[-1]
    assert n == "0"
