"""Interoperable events: CAMEO/PLOVER codes, ISO alpha-3 country codes, GeoNames coordinates and
rule confidences, checked on the seed store and against the data files they come from."""
import csv
import importlib.util
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from conftest import kg
from kg.extract import geonames
from kg.graph import codes
from kg.graph.merge import ActorInfo, actor_quads, meeting_setting
from kg.paths import ROOT

SHARED = ROOT.parent / "shared"


def rows(seed_store, name, *params):
    out = kg("query", name, *params, "--format", "csv", store=seed_store, check=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def sparql(seed_store, text):
    out = kg("sparql", text, "--format", "csv", store=seed_store, check=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


# --- CAMEO and PLOVER -----------------------------------------------------------------------------

def test_a_visit_made_is_cameo_042_plover_consult_visit(seed_store):
    visits = rows(seed_store, "visits")
    kim = [r for r in visits if r["traveller"] == "Kim Jong Un" and r["destination"] == "China"]
    assert kim and all((r["cameo"], r["plover"], r["plover_mode"]) == ("042", "CONSULT", "visit") for r in kim)
    assert all((r["traveller_country"], r["destination_country"]) == ("PRK", "CHN") for r in kim)
    for r in visits:     # every row has the codes of its event's status, as codes.json says
        want = codes.event_codes("Visit", r["event_status"])
        assert (r["cameo"], r["plover"], r["plover_mode"]) == (want["cameo"], want["plover"], want["ploverMode"]), r
    assert {r["cameo"] for r in visits} >= {"042", "036"}     # the seeds have visits made and planned


def test_meetings_and_agreements_carry_their_codes(seed_store):
    meetings = rows(seed_store, "meetings")
    held = [r for r in meetings if r["event_status"] == "occurred" and r["mode"] == "inPerson"]
    assert held and all((r["cameo"], r["plover"]) == ("040", "CONSULT") for r in held)
    kim_xi = [r for r in held if r["place"] == "China" and r["participant"] in ("Kim Jong Un", "Xi Jinping")]
    assert len(kim_xi) >= 2 and all(r["plover_mode"] == "visit" for r in kim_xi)      # held in one side's country
    assert all(r["plover_mode"] == "" for r in held if not r["place"])                   # no place: no setting
    planned = [r for r in meetings if r["event_status"] == "planned"]
    assert planned and all(r["cameo"] == "036" for r in planned)
    agreements = rows(seed_store, "agreements")
    assert agreements and all((r["cameo"], r["plover"]) == ("057", "AGREE") for r in agreements
                              if r["event_status"] == "signed")
    assert {r["party_country"] for r in agreements} >= {"PRK", "RUS"}


def test_codes_follow_status_and_mode():
    assert codes.event_codes("Meeting", "occurred", "phone") == {"cameo": "041", "plover": "CONSULT", "ploverMode": "phone"}
    assert codes.event_codes("Meeting", "occurred", "inPerson") == {"cameo": "040", "plover": "CONSULT"}
    assert codes.event_codes("Visit", "invited")["cameo"] == "036"
    assert codes.event_codes("Agreement", "inForce") == {"cameo": "057", "plover": "AGREE"}
    assert codes.event_codes("Visit", "cancelled") == {}        # a call-off is no visit: no code


def test_meeting_setting_needs_every_side_and_the_place_known():
    K = "https://w3id.org/kgnews/ns#"

    def meeting(*who, at="https://x/sg"):
        e = NamedNode("https://x/e")
        return ([Quad(e, NamedNode(K + "participant"), NamedNode(w)) for w in who]
                + ([Quad(e, NamedNode(K + "place"), NamedNode(at))] if at else []))
    countries = {"https://x/kim": "PRK", "https://x/trump": "USA", "https://x/moon": "KOR", "https://x/sg": "SGP",
                 "https://x/seoul": "KOR"}
    assert meeting_setting(meeting("https://x/kim", "https://x/trump"), countries) == "third-party"
    assert codes.event_codes("Meeting", "occurred", "inPerson", "third-party") == {
        "cameo": "044", "plover": "CONSULT", "ploverMode": "third-party"}
    assert meeting_setting(meeting("https://x/kim", "https://x/moon", at="https://x/seoul"), countries) == "visit"
    assert meeting_setting(meeting("https://x/kim", "https://x/moon", "https://x/trump"), countries) == "multilateral"
    assert meeting_setting(meeting("https://x/kim", "https://x/nobody"), countries) is None     # a side unknown
    assert meeting_setting(meeting("https://x/kim", "https://x/trump", at=None), countries) is None
    assert meeting_setting(meeting("https://x/trump", "https://x/trump2"), {**countries, "https://x/trump2": "USA"}) is None


def test_ontology_class_annotations_list_the_codes_of_codes_json():
    import rdflib
    g = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    K = rdflib.Namespace("https://w3id.org/kgnews/ns#")
    data = json.loads(codes.CODES_FILE.read_text(encoding="utf-8"))
    for cls in ("Visit", "Meeting", "Agreement"):
        used = {e["cameo"] for e in data["events"] if e["type"] == cls} | set(data["host_view"].get(cls, "").split())
        assert {str(o) for o in g.objects(K[cls], K.cameoCode)} == used, cls
        assert {str(o) for o in g.objects(K[cls], K.ploverCategory)} == {e["plover"] for e in data["events"]
                                                                         if e["type"] == cls}


# --- country codes and coordinates -------------------------------------------------------------------

def test_places_have_alpha3_and_coordinates_from_geonames(seed_store):
    places = {r["p"]: r for r in sparql(seed_store, """PREFIX kg: <https://w3id.org/kgnews/ns#>
        PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        SELECT DISTINCT ?p ?code ?lat ?long WHERE { GRAPH <https://w3id.org/kgnews/graph/events> {
          ?p kg:geonamesId ?id . OPTIONAL { ?p kg:countryCode ?code }
          OPTIONAL { ?p geo:lat ?lat ; geo:long ?long } } }""")}
    pyongyang = places["https://w3id.org/kgnews/id/place/geonames-1871859"]
    assert pyongyang["code"] == "PRK"
    assert 38.9 < float(pyongyang["lat"]) < 39.2 and 125.6 < float(pyongyang["long"]) < 125.9
    assert places["https://w3id.org/kgnews/id/place/geonames-2017370"]["code"] == "RUS"      # a country: its own
    moscow = places["https://w3id.org/kgnews/id/place/geonames-524901"]
    russia = places["https://w3id.org/kgnews/id/place/geonames-2017370"]
    assert (russia["lat"], russia["long"]) == (moscow["lat"], moscow["long"])                # a country: its capital
    for p, r in places.items():
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["long"]) <= 180, p


def test_persons_have_the_state_they_act_for(seed_store):
    people = {r["p"].rsplit("/", 1)[-1]: r["code"] for r in sparql(seed_store, """PREFIX kg: <https://w3id.org/kgnews/ns#>
        SELECT ?p ?code WHERE { GRAPH <https://w3id.org/kgnews/graph/events> { ?p a kg:Person ; kg:countryCode ?code } }""")}
    assert people["sergei-lavrov"] == "RUS" and people["kim-jong-un"] == "PRK" and people["xi-jinping"] == "CHN"


def test_event_layer_drops_a_country_code_articles_disagree_on():
    info = ActorInfo(types={"https://w3id.org/kgnews/ns#Person"})
    info.labels["Ann Ober"] += 1
    code = "https://w3id.org/kgnews/ns#countryCode"
    info.other = {(code, Literal("FRA"))}
    assert any(q.predicate.value == code for q in actor_quads({"https://x/ann": info}))
    info.other = {(code, Literal("FRA")), (code, Literal("DEU"))}
    assert not any(q.predicate.value == code for q in actor_quads({"https://x/ann": info}))


def test_geonames_tables_carry_points():
    cities, _ = geonames.cities()
    paris = cities["2988507"]
    assert paris.countrycode == "FR" and abs(float(paris.lat) - 48.853) < 0.01 and abs(float(paris.lon) - 2.349) < 0.01
    france = next(c for c in geonames.countries() if c.code == "FR")
    assert (france.iso3, france.lat, france.lon) == ("FRA", paris.lat, paris.lon)
    assert all(c.lat == "" or -90 <= float(c.lat) <= 90 for c in geonames.countries())
    assert all(ct.lat and ct.lon for ct in geonames.continents())


# --- rules and confidence ----------------------------------------------------------------------------

def test_every_mention_has_its_rule_and_the_confidence_of_the_data_file(seed_store):
    data = json.loads(codes.CONFIDENCE_FILE.read_text(encoding="utf-8"))
    mentions = rows(seed_store, "mentions")
    assert len(mentions) >= 30
    for r in mentions:
        assert r["rule"] and r["trigger"] and r["evidence"], r
        want = data["rules"][r["rule"]]["precision"] if r["rule"] in data["rules"] else data["default"]
        assert float(r["confidence"]) == pytest.approx(want), r
    assert len({r["confidence"] for r in mentions}) > 1        # rules differ, so do their confidences
    only = rows(seed_store, "mentions", "-p", "rule=meet-verb", "-p", "type=Meeting")
    assert only and {(r["rule"], r["type"]) for r in only} == {("meet-verb", "Meeting")}


def test_confidence_file_is_the_smoothed_dev_precision():
    spec = importlib.util.spec_from_file_location("rule_precision", ROOT / "tools" / "rule_precision.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    data = json.loads(codes.CONFIDENCE_FILE.read_text(encoding="utf-8"))
    assert data["mentions"] == sum(r["n"] for r in data["rules"].values()) > 20
    right = sum(r["right"] for r in data["rules"].values())
    assert data["default"] == round(right / data["mentions"], 3)
    w = tool.PRIOR_WEIGHT
    for rule, r in data["rules"].items():
        assert 0 <= r["right"] <= r["n"]
        assert r["precision"] == pytest.approx((r["right"] + w * right / data["mentions"]) / (r["n"] + w), abs=6e-4), rule


@pytest.mark.skipif(not (SHARED / "tools" / "score_events.py").is_file(), reason="needs ../shared")
def test_rule_precision_judges_events_as_the_scorer_pairs_them(tmp_path):
    spec = importlib.util.spec_from_file_location("rule_precision", ROOT / "tools" / "rule_precision.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(), pred.mkdir()
    (gold / "a1.json").write_text(json.dumps({"events": [
        {"type": "Visit", "travellers": ["Ann Ober"], "destination": "Paris", "start": None},
        {"type": "Visit", "travellers": ["Bo Li"], "destination": "Rome", "optional": True}]}))
    (pred / "visits.csv").write_text(
        "visit,traveller,destination,start,end,status,document\n"
        "e1,Ann Ober,Paris,,,occurred,x/a1\ne2,Cy Dee,Oslo,,,occurred,x/a1\ne3,Bo Li,Rome,,,occurred,x/a1\n")
    (pred / "meetings.csv").write_text("meeting,participant,place,date,status,document\n")
    (pred / "agreements.csv").write_text("agreement,party,name,date,status,document\n")
    judged = tool.judged_events(tool.scorer(SHARED / "tools" / "score_events.py"), gold, pred)
    assert judged == {("a1", "e1"): True, ("a1", "e2"): False}      # e3: an optional event counts neither way


def test_kg_show_gives_codes_countries_coordinates_rule_and_confidence(seed_store):
    """Item 7's "visible in kg show": everything above, on one event, as text and as JSON."""
    data = json.loads(codes.CONFIDENCE_FILE.read_text(encoding="utf-8"))
    visit = next(r for r in rows(seed_store, "visits") if r["traveller"] == "Kim Jong Un" and r["destination"] == "China")
    record = json.loads(kg("show", visit["visit"], "--format", "json", store=seed_store, check=True).stdout)
    assert (record["cameo"], record["plover"], record["ploverMode"]) == ("042", "CONSULT", "visit")
    (china,) = record["actors"]["destination"]
    assert china["countryCode"] == "CHN" and -90 <= float(china["lat"]) <= 90 and -180 <= float(china["long"]) <= 180
    text = kg("show", visit["visit"], store=seed_store, check=True).stdout
    assert "cameo           042" in text and "plover          CONSULT" in text and "Kim Jong Un (PRK)" in text
    assert f"China (CHN; {china['lat']}, {china['long']})" in text
    mentions = [m for s in record["sources"] for m in s["mentions"]]
    assert mentions
    for m in mentions:
        want = data["rules"][m["rule"]]["precision"] if m["rule"] in data["rules"] else data["default"]
        assert float(m["confidence"]) == pytest.approx(want)
        assert f"rule {m['rule']}, {m['status']}, confidence {m['confidence']}" in text
