"""Name keys (kg/keys.py) and the VALUES slots kg.store.queries.bind fills: a stored query finds
a name through the store's index, in any case, and a value is bound where the query looks it up."""
import shutil

import pyoxigraph
import pytest

from kg import errors
from kg.keys import fold, name_keys, word_keys
from kg.store import queries
from kg.store.queries import Param, StoredQuery

from test_listings import csv_rows


def test_a_name_is_folded_to_lower_case_and_single_spaces():
    assert fold("  Choe   Son-HUI ") == "choe son-hui"
    assert name_keys(["North Korea", "north  korea", " "]) == {"north korea"}


def test_word_keys_are_the_runs_of_whole_words_other_than_the_name():
    assert word_keys(["Kim Jong Un"]) == {"kim", "jong", "un", "kim jong", "jong un"}
    assert word_keys(["Lima"]) == set()
    long = word_keys(["Ministry of Foreign Affairs of Peru"])
    assert "ministry of foreign affairs" in long and "ministry of foreign affairs of" not in long


def stored(text, *params):
    return StoredQuery("q", None, text, params=[Param(n, d, required=False) for n, d in params])


TEXT = "SELECT * WHERE {\n  GRAPH ?g { VALUES ?place { UNDEF } ?x <urn:k> ?place }\n}"


def test_a_parameter_with_a_slot_is_bound_there_and_not_at_the_top():
    q = stored(TEXT, ("place", "a place"), ("from", "a date"))
    text = queries.bind(q, {"place": "Lima", "from": "2020"})
    assert 'GRAPH ?g { VALUES ?place { "Lima" } ?x <urn:k> ?place }' in text
    assert 'VALUES (?from) { ("2020") }' in text and "?place)" not in text


def test_an_any_case_parameter_is_folded_unless_it_is_an_iri():
    q = stored(TEXT, ("place", "a name (any case) or IRI"))
    assert 'VALUES ?place { "new york" }' in queries.bind(q, {"place": "New  YORK"})
    assert "VALUES ?place { <https://example.org/Lima> }" in queries.bind(q, {"place": "https://example.org/Lima"})


def test_a_value_that_spells_another_slot_stays_a_value():
    """Slots are found in the file's own text, once: a value is never read as query text."""
    q = stored("SELECT * WHERE { VALUES ?a { UNDEF } VALUES ?b { UNDEF } ?a <urn:p> ?b }", ("a", "x"), ("b", "y"))
    text = queries.bind(q, {"a": "VALUES ?b { UNDEF }", "b": "x"})
    rows = list(pyoxigraph.Store().query(text))
    assert rows == []    # it parses: the first value stayed one literal
    assert 'VALUES ?a { "VALUES ?b { UNDEF }" }' in text


def test_a_bad_iri_in_a_slot_is_the_usual_error():
    q = stored(TEXT, ("place", "a place"))
    with pytest.raises(errors.KgError):
        queries.bind(q, {"place": "http://x>{}"})


def test_who_visited_finds_a_place_by_any_case_spacing_or_iri(seed_store):
    by_label = csv_rows(seed_store, "who-visited", "place=North Korea")
    assert by_label and {r["destination"] for r in by_label} >= {"Pyongyang"}
    assert csv_rows(seed_store, "who-visited", "place=  NORTH   korea ") == by_label
    iri = pyoxigraph.Store.read_only(str(seed_store)).query(
        'SELECT ?p WHERE { GRAPH ?g { ?p <https://w3id.org/kgnews/ns#nameKey> "north korea" } }')
    assert csv_rows(seed_store, "who-visited", f"place={next(iter(iri))['p'].value}") == by_label
    assert csv_rows(seed_store, "who-visited", "place=North") == []      # a word is not a place's name


def test_timeline_finds_an_actor_by_name_words_or_iri_in_any_case(seed_store):
    everyone = csv_rows(seed_store, "timeline")
    by_surname = csv_rows(seed_store, "timeline", "actor=Lavrov")
    assert by_surname and len(by_surname) < len(everyone)
    assert all("Lavrov" in r["actors"] for r in by_surname)
    assert csv_rows(seed_store, "timeline", "actor=  sergei   LAVROV") == by_surname
    lavrov = pyoxigraph.Store.read_only(str(seed_store)).query(
        'SELECT ?a WHERE { GRAPH ?g { ?a <https://w3id.org/kgnews/ns#wordKey> "lavrov" } }')
    assert csv_rows(seed_store, "timeline", f"actor={next(iter(lavrov))['a'].value}") == by_surname
    kim = csv_rows(seed_store, "timeline", "actor=kim jong")
    assert kim and all("Kim Jong Un" in r["actors"] for r in kim)
    assert csv_rows(seed_store, "timeline", "actor=Lavro") == []          # whole words, not part of one
    assert {r["event"] for r in by_surname} <= {r["event"] for r in everyone}


def test_a_layer_of_another_kg_is_warned_of_and_rebuilt(seed_store, tmp_path):
    """A store whose layer an older kg derived (no name keys, another stamp): `kg query` answers
    and warns; `kg rebuild` derives the layer again, the articles untouched, the store then equal
    to the one ingest made."""
    import shutil
    from conftest import kg
    store = tmp_path / "old"
    shutil.copytree(seed_store, store)
    db = pyoxigraph.Store(str(store))
    ontology = "https://w3id.org/kgnews/graph/ontology"    # written anew, its blank nodes renamed

    def derived(store):
        return {q for q in store if q.graph_name.value != ontology}
    before = derived(db)
    db.update('PREFIX kg: <https://w3id.org/kgnews/ns#> DELETE { GRAPH ?g { ?a kg:layerVersion ?v } } '
              'INSERT { GRAPH ?g { ?a kg:layerVersion "0" } } WHERE { GRAPH ?g { ?a kg:layerVersion ?v } }')
    db.update('DELETE WHERE { GRAPH ?g { ?a <https://w3id.org/kgnews/ns#nameKey> ?k } }')
    db.flush()
    del db
    old = kg("query", "who-visited", "-p", "place=North Korea", "-f", "csv", store=store)
    assert old.returncode == 0 and old.stdout.count("\n") == 1          # the header: no key to find
    assert "derived by another version of kg" in old.stderr and "kg rebuild" in old.stderr
    import kg as api
    with pytest.warns(UserWarning, match="kg rebuild"):                # the Python API says so too
        assert list(api.open(store).query("who-visited", place="North Korea")) == []
    r = kg("rebuild", store=store)
    assert r.returncode == 0 and "derived again" in r.stderr, r.stderr
    assert derived(pyoxigraph.Store.read_only(str(store))) == before
    new = kg("query", "who-visited", "-p", "place=North Korea", "-f", "csv", store=store)
    assert new.stdout.count("\n") > 1 and new.stderr == ""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(api.open(store).query("who-visited", place="North Korea")) == new.stdout.count("\n") - 1


def test_the_python_api_rebuilds_as_the_cli_does(seed_store, tmp_path):
    import shutil
    import kg as api
    store = tmp_path / "copy"
    shutil.copytree(seed_store, store)
    before = api.open(store).query("timeline")
    assert api.open(store).rebuild() == len(pyoxigraph.Store.read_only(str(store)))
    assert api.open(store).query("timeline") == before


def test_rebuild_makes_no_store_where_there_is_none(tmp_path):
    from conftest import kg
    r = kg("rebuild", store=tmp_path / "none")
    assert r.returncode == 4 and "no store here" in r.stderr and not (tmp_path / "none").exists()


def test_kg_serve_warns_of_a_layer_derived_by_another_kg(tmp_path, seed_store):
    """The server's pages and /api answer from the stored layer as `kg query` does: it says once,
    as it starts, that an older kg's layer lacks what the queries look up."""
    import subprocess
    import sys

    from test_remote import free_port, stop, wait_until_up
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    db = pyoxigraph.Store(str(store))
    db.update('PREFIX kg: <https://w3id.org/kgnews/ns#> DELETE { GRAPH ?g { ?a kg:layerVersion ?v } } '
              'INSERT { GRAPH ?g { ?a kg:layerVersion "0" } } WHERE { GRAPH ?g { ?a kg:layerVersion ?v } }')
    db.flush()
    del db
    port, said = free_port(), tmp_path / "stderr"
    with said.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            wait_until_up(f"http://127.0.0.1:{port}")
        finally:
            stop(proc)
    assert "derived by another version of kg" in said.read_text() and "kg rebuild" in said.read_text()
