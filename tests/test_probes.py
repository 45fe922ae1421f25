"""Probe stories in news styles the dev sets lack (wire copy, press releases, interviews, live
blogs, captions, standfirsts, features, negatives), scored against their hand-made gold.

Run with -s to see, per probe, the misses, false events, wrong dates and wrong statuses.
F1_THRESHOLD is the project's target: the test fails until extraction on English it was not
tuned on reaches it. The gold was written by reading the stories, before any extraction ran.
"""
import json
import re

import pytest

from kg.extract.gazetteer import Gazetteer
from probe_score import (PROBES, Predicted, date_cmp, f1, name_match, place_match, same_actor, score_all, score_probe,
                         table)

F1_THRESHOLD = 0.80
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STATUSES = {"Visit": {"occurred", "planned", "invited"}, "Meeting": {"occurred", "planned"},
            "Agreement": {"signed", "planned", "in force"}}
ROLES = {"Visit": "travellers", "Meeting": "participants", "Agreement": "parties"}


def probe_paths():
    return sorted(PROBES.glob("*.txt"))


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    found = score_all(tmp_path_factory.mktemp("probes") / "store")
    print("\n" + table(found))
    return found


# --- the probes and their gold --------------------------------------------------------------------

@pytest.mark.parametrize("path", probe_paths(), ids=lambda p: p.stem)
def test_probe_gold_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
    assert 150 <= len(text.split()) <= 450 and set(meta) == {"url", "published", "title", "publisher"}
    for e in gold["events"]:
        assert e["status"] in STATUSES[e["type"]] and e["evidence"] in text, e["id"]
        assert all(e.get(k) is None or DATE.match(e[k]) for k in ("start", "end", "date")), e["id"]
        assert len(e[ROLES[e["type"]]]) >= (1 if e["type"] == "Visit" else 2), e["id"]
    assert all(s in text for s in gold["not_events"])


def test_probes_name_no_one_and_nothing_of_the_seed_and_dev_stories():
    """No person or group of the shared stories; states, cities and known organisations they name
    (Brazil, Mercosur) are the world's, and probes may name them too."""
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.resolve import known_actors, name_key
    gaz = Gazetteer.default()
    listed = [n for n in (PROBES.parent / "story_names.txt").read_text(encoding="utf-8").splitlines()
              if n and not n.startswith("#") and gaz.lookup(n) is None
              and getattr(known_actors().get(name_key(n)), "kind", "Person") == "Person"]
    for path in probe_paths():
        text = path.read_text(encoding="utf-8")
        assert not [n for n in listed if re.search(rf"\b{re.escape(n)}\b", text)], path.stem


# --- the matcher ----------------------------------------------------------------------------------

def test_names_match_when_one_is_part_of_the_other_with_accents_and_case_folded():
    assert name_match("Valdés", "Carolina Valdes Rojas") and name_match("AL-MUTAIRI", "Fahad Al Mutairi")
    assert not name_match("Carolina Rojas Paz", "Carolina Valdés Rojas") and not name_match("Valdez", "Valdés")


def test_states_match_by_the_gazetteer_not_by_a_shared_word():
    gaz = Gazetteer.default()
    assert same_actor("Ivory Coast", "Côte d'Ivoire", gaz) and same_actor("Valdés", "Carolina Valdes Rojas", gaz)
    assert not same_actor("Guinea", "Equatorial Guinea", gaz) and not same_actor("Niger", "Nigeria", gaz)


def test_a_city_matches_its_country_but_not_another_country():
    gaz = Gazetteer.default()
    assert place_match("Kampala", "Tanzania", gaz) is False and place_match("Arusha", "Tanzania", gaz)
    assert place_match("Tanzania", "Arusha", gaz) and not place_match("Arusha", "Dodoma", gaz)


def test_dates_compatible_by_prefix_and_wrong_otherwise():
    assert (date_cmp("2021-06-03", "2021-06"), date_cmp("2021-06-03", "2021-06-04")) == ("compatible", "wrong")
    assert date_cmp(None, "2021") == "missing" and date_cmp("2021", None) is None


def test_optional_gold_neither_rewards_nor_punishes_and_duplicates_are_false():
    gold = {"events": [
        {"id": "E1", "type": "Visit", "travellers": ["Anna Berg"], "destination": "Tallinn", "start": "2021-06-03",
         "status": "occurred"},
        {"id": "E2", "type": "Meeting", "participants": ["Anna Berg", "Mart Kask"], "date": None, "optional": True},
        {"id": "E3", "type": "Agreement", "parties": ["Estonia", "Latvia"], "date": "2021", "status": "in force"}]}
    preds = [Predicted("Visit", {"Berg"}, "Estonia", "2021-06-04"),
             Predicted("Visit", {"Berg"}, "Tallinn", "2021-06", "planned"),
             Predicted("Meeting", {"Anna Berg", "Mart Kask"}), Predicted("Visit", {"Mart Kask"}, "Tallinn"),
             Predicted("Agreement", {"Latvia", "Estonia"}, "", "2021-05-02", "inForce")]
    s = score_probe("t", gold, preds, Gazetteer.default())
    assert (s.tp, s.fp, s.fn) == (2, 2, 0) and round(f1(s.tp, s.fp, s.fn), 3) == 0.667
    assert s.wrong_dates == []                      # of two matching visits, the one with a fitting date
    assert s.wrong_status == ["E1 Visit: predicted planned, gold occurred"]   # 'inForce' is 'in force'


# --- extraction on the probes ---------------------------------------------------------------------

def test_probes_reach_the_f1_target(scores):
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert f1(tp, fp, fn) >= F1_THRESHOLD, f"probe F1 {f1(tp, fp, fn):.2f} < {F1_THRESHOLD} (run with -s for the table)"


def test_probes_get_no_wrong_date(scores):
    assert not [d for s in scores for d in s.wrong_dates]
