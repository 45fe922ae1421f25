"""Extraction rules on short sentences written for the test (not taken from any article)."""

import pytest

from kg.read.documents import document_from_text
from kg.extract.pipeline import extract_document
from kg.records import ArticleMeta


def events(text, published="2024-03-13"):
    doc = document_from_text(text, meta=ArticleMeta(published=published))
    return extract_document(doc).events


def one(text, kind, **kw):
    found = [e for e in events(text, **kw) if e.type == kind and e.rule != "implied-by-meeting"]
    assert found, f"no {kind} in {text!r}"
    return found[0]


def names(actors):
    return sorted(a.pref_label or a.label for a in actors)


def test_visited_with_weekday_resolves_from_publication_date():
    e = one("French President Emmanuel Macron visited Hanoi on Monday.", "Visit")   # published Wed 2024-03-13
    assert names(e.agents) == ["Emmanuel Macron"] and e.place.label == "Hanoi"
    assert e.status == "occurred" and e.start.iso == "2024-03-11"


def test_will_visit_with_day_range_is_planned_with_end():
    e = one("Japanese Prime Minister Fumio Kishida will visit Canberra on April 2-4.", "Visit")
    assert e.status == "planned" and (e.start.iso, e.end.iso) == ("2024-04-02", "2024-04-04")


def test_arrived_in_is_a_visit():
    e = one("German Chancellor Olaf Scholz arrived in Nairobi on Tuesday for a two-day stay.", "Visit")
    assert e.place.label == "Nairobi" and e.start.iso == "2024-03-12"


def test_nominal_visit_by_to():
    e = one("The talks came during a visit by Indonesian President Joko Widodo to Canberra last month.", "Visit")
    assert names(e.agents) == ["Joko Widodo"] and e.place.label == "Canberra" and e.start.iso == "2024-02"


def test_held_talks_with_is_a_meeting_and_roles_resolve():
    e = one("Kenyan President William Ruto held talks with his Rwandan counterpart, Paul Kagame, in Kigali.", "Meeting")
    assert names(e.agents) == ["Paul Kagame", "William Ruto"] and e.place.label == "Kigali"


def test_met_is_a_meeting_and_implies_a_visit_by_the_foreign_participant():
    evs = events("Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Tokyo on Monday.")
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Fumio Kishida", "Narendra Modi"]
    implied = [e for e in evs if e.rule == "implied-by-meeting"]
    assert [names(e.agents) for e in implied] == [["Narendra Modi"]]


def test_invitation_to_visit_is_invited_and_undated():
    e = one("Brazilian President Lula said on Friday that he had accepted an invitation to visit Beijing.", "Visit")
    assert e.status == "invited" and e.start is None


def test_expected_to_and_due_to_are_planned():
    assert one("Turkish President Recep Tayyip Erdogan is expected to travel to Baku in May.", "Visit").status == "planned"
    assert one("Kenyan President William Ruto is due to meet Rwandan President Paul Kagame in Cairo.",
               "Meeting").status == "planned"


def test_negated_visit_is_not_an_event():
    assert not [e for e in events("Canadian Prime Minister Justin Trudeau did not visit Delhi.") if e.type == "Visit"]


def test_signed_agreement_between_states():
    e = one("Kenya and Ethiopia signed a border security agreement on Monday.", "Agreement")
    assert names(e.agents) == ["Ethiopia", "Kenya"] and e.status == "signed"


def test_a_unilateral_order_is_not_an_agreement():
    assert not [e for e in events("U.S. President Joe Biden signed an executive order on Monday.") if e.type == "Agreement"]


def test_people_without_a_political_role_do_not_make_events():
    assert not events("John Smith visited Paris on Monday with his family.")


def test_no_publication_date_keeps_the_words_and_no_date():
    e = one("Australian Foreign Minister Penny Wong visited Suva on Thursday.", "Visit", published=None)
    assert e.start is None and e.date_text.endswith("Thursday")


def test_evidence_is_the_exact_sentence_with_offsets():
    text = "Some unrelated opening words here.\n\nSpanish Prime Minister Pedro Sanchez visited Rabat on Monday."
    e = one(text, "Visit")
    assert text[e.evidence.start:e.evidence.end] == e.evidence.text and e.evidence.text.startswith("Spanish")


def test_stored_quotes_are_exact_substrings_of_their_articles(seed_store):
    from conftest import SEEDS, kg
    import csv
    import io
    r = kg("sparql", "PREFIX kg: <https://w3id.org/kgnews/ns#> SELECT ?stem ?ev ?b ?e WHERE { GRAPH ?g { "
           "?m kg:article ?a ; kg:evidence ?ev ; kg:beginOffset ?b ; kg:endOffset ?e . ?a kg:fileStem ?stem } }",
           "--format", "csv", store=seed_store, check=True)
    quotes = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(quotes) > 10
    for q in quotes:
        text = (SEEDS / f"{q['stem']}.txt").read_text(encoding="utf-8")
        assert text[int(q["b"]):int(q["e"])] == q["ev"]


# --- within-article coreference and date guards ----------------------------------------------

def test_since_gives_no_event_date_and_his_prefers_the_subject():
    e = one("Swedish Foreign Minister Ann Linde held talks with her Kenyan counterpart, Raychelle Omamo, "
            "in what was his first trip to Kenya since 2011.", "Meeting")
    assert e.start is None or not e.start.iso.startswith("2011")
    evs = events("Austrian Foreign Minister Karl Nehammer held talks with his Kenyan counterpart, Raychelle Omamo, "
                 "in what was his first trip to Kenya since 2011.")
    visits = [e for e in evs if e.type == "Visit" and e.rule != "implied-by-meeting"]
    assert visits and all(names(v.agents) == ["Karl Nehammer"] and (v.start is None or v.start.iso != "2011")
                          for v in visits)


def test_a_named_summit_lends_its_place_and_explicit_date_to_a_later_description():
    text = ("Officials praised the commitments made at the Reykjavik summit held in October 2021. "
            "\"The agreements reached by our leaders during the Reykjavik summit are working,\" the minister said, "
            "referring to the meeting between Icelandic Prime Minister Katrin Jakobsdottir and "
            "Norwegian Prime Minister Jonas Gahr Store earlier this year.")
    evs = events(text, published="2022-03-01")
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Jonas Gahr Store", "Katrin Jakobsdottir"]
    assert meeting.place.label == "Reykjavik" and meeting.start.iso == "2021-10"
    deal = next(e for e in evs if e.type == "Agreement")
    assert names(deal.agents) == ["Iceland", "Norway"] and deal.start.iso == "2021-10"


def test_a_bare_later_mention_keeps_the_status_given_first():
    evs = events("Officials said they would back a planned deal between Britain and Ireland on fisheries. "
                 "Later, Spain said it was inclined to accept the deal between Ireland and Britain.")
    deals = [e for e in evs if e.type == "Agreement"]
    assert len(deals) == 2 and {d.status for d in deals} == {"planned"}


def test_coordinated_places_with_one_head_are_two_parties():
    e = one("Japan welcomed the declaration between North and South Korea on cross-border trade.", "Agreement")
    assert names(e.agents) == ["North Korea", "South Korea"]


# --- hosting and visiting guests -----------------------------------------------------------------

def test_visiting_guest_of_a_verb_is_a_visit_and_a_meeting_with_the_subject():
    evs = events("On Friday in Nairobi, Kenyan President William Ruto assured visiting Rwandan President "
                 "Paul Kagame that the border would stay open.")
    visit = next(e for e in evs if e.type == "Visit")
    assert names(visit.agents) == ["Paul Kagame"] and visit.place.label == "Nairobi"
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Paul Kagame", "William Ruto"] and meeting.start.iso == "2024-03-08"


@pytest.mark.parametrize("text", [
    "Earlier this month, Kenyan President William Ruto hosted Rwandan President Paul Kagame in Nairobi.",
    "Earlier this month, Ruto hosted Kagame in Nairobi for what he called a productive meeting.",
])
def test_hosting_is_a_visit_by_the_guest_and_a_meeting(text):
    prefix = "Kenyan President William Ruto and Rwandan President Paul Kagame spoke last year. "
    evs = events(prefix + text)
    visit = next(e for e in evs if e.type == "Visit")
    assert names(visit.agents) == ["Paul Kagame"] and visit.place.label == "Nairobi" and visit.start.iso == "2024-03"
    assert any(names(e.agents) == ["Paul Kagame", "William Ruto"] for e in evs if e.type == "Meeting")


def test_nationality_adjective_tagged_as_place_is_the_country():
    e = one("Canadian Foreign Minister Melanie Joly held talks with Ukrainian officials in Warsaw.", "Meeting")
    assert "Ukraine" in names(e.agents)


# --- plural and group parties --------------------------------------------------------------------

def test_nationality_modified_leaders_are_the_parties():
    e = one("Last week, Chilean and Peruvian leaders signed a treaty on fisheries.", "Agreement")
    assert names(e.agents) == ["Chile", "Peru"] and e.start.iso == "2024-03"


def test_officials_of_two_states_met_and_signed():
    e = one("Chad and Niger officials met in N'Djamena and signed an agreement to patrol their border.", "Agreement")
    assert names(e.agents) == ["Chad", "Niger"]


def test_the_prime_ministers_are_the_two_the_article_calls_so():
    text = ("Indian Prime Minister Narendra Modi arrived in Colombo on Friday. He held talks with Sri Lankan "
            "Prime Minister Ranil Wickremesinghe, and the prime ministers signed three pacts on energy.")
    e = one(text, "Agreement")
    assert names(e.agents) == ["India", "Sri Lanka"]


def test_a_plural_role_with_more_or_fewer_holders_is_no_one():
    text = ("Indian Prime Minister Narendra Modi arrived in Colombo on Friday, and the prime ministers "
            "signed three pacts on energy.")
    assert not [e for e in events(text) if e.type == "Agreement"]


def test_people_involved_in_talks_are_the_agent_not_the_clause_subject():
    evs = events("U.S. President Joe Biden has been reassigning officials involved in negotiations with Iran.")
    assert not [e for e in evs if e.type == "Meeting"]


def test_the_date_attached_nearest_wins_and_before_dates_are_not_the_event():
    e = one("Before Japan's own election this month, Japanese lawmaker Shinji Abe, a member of the ruling "
            "party, visited Taiwan in August and met officials.", "Visit", published="2024-10-10")
    assert e.start.iso == "2024-08"


def test_whoever_is_credited_for_a_role_in_talks_is_the_agent():
    evs = events("Canadian Foreign Minister Melanie Joly credited Norway for playing a role in talks with Colombia.")
    assert not [e for e in evs if e.type == "Meeting" and "Melanie Joly" in names(e.agents)]


def test_after_meeting_keeps_the_clause_subject():
    e = one("Chilean President Gabriel Boric will tour Asia next month to strengthen ties after meeting with "
            "Peruvian President Dina Boluarte.", "Meeting")
    assert names(e.agents) == ["Dina Boluarte", "Gabriel Boric"]


def test_whom_one_joins_for_talks_takes_part():
    e = one("On Tuesday, U.S. Secretary of State Antony Blinken will join U.S. national security adviser "
            "Jake Sullivan for the Cairo talks with Egyptian officials.", "Meeting")
    assert {"Antony Blinken", "Jake Sullivan"} <= set(names(e.agents))


def test_a_meeting_during_a_reported_trip_adds_no_second_visit():
    evs = events("Peruvian President Dina Boluarte landed in Santiago on Monday. On Tuesday she met Chilean "
                 "President Gabriel Boric in Santiago.")
    visits = [e for e in evs if e.type == "Visit"]
    assert len(visits) == 1 and visits[0].place.label == "Santiago"


# --- telling someone in person -------------------------------------------------------------------

def test_visited_and_told_is_a_meeting_there():
    e = one("Chilean President Gabriel Boric visited Peru in May and told Peruvian President Dina Boluarte "
            "that trade must grow.", "Meeting", published="2024-06-10")
    assert names(e.agents) == ["Dina Boluarte", "Gabriel Boric"] and e.place.label == "Peru"
    assert e.start.iso == "2024-05"


def test_told_during_the_visit_is_a_meeting_on_that_day():
    e = one("Chilean President Gabriel Boric told Peruvian President Dina Boluarte during the visit on "
            "March 4 that trade must grow.", "Meeting")
    assert names(e.agents) == ["Dina Boluarte", "Gabriel Boric"] and e.start.iso == "2024-03-04"


@pytest.mark.parametrize("text", [
    "Chilean President Gabriel Boric told Peruvian President Dina Boluarte that trade must grow.",
    "Chilean President Gabriel Boric visited Peru in May and told reporters that trade must grow.",
])
def test_telling_without_an_in_person_setting_is_no_meeting(text):
    assert not [e for e in events(text) if e.type == "Meeting"]


def test_meeting_unnamed_officials_in_several_countries_is_a_visit_to_each():
    evs = events("Chinese Commerce Minister Wang Ming visited Europe in late February and met with officials "
                 "in charge of trade in Belgium, Germany and Italy to lobby against tariffs.")
    trips = sorted(e.place.label for e in evs if e.type == "Visit" and names(e.agents) == ["Wang Ming"])
    assert {"Belgium", "Germany", "Italy"} <= set(trips)


def test_told_someone_in_phone_conversations_makes_them_a_participant():
    e = one("Both Chilean President Gabriel Boric and Peruvian President Dina Boluarte told U.S. President "
            "Joe Biden in phone conversations last week that they would cooperate.", "Meeting")
    assert "Joe Biden" in names(e.agents) and e.mode == "phone"


# --- dates from the story ------------------------------------------------------------------------

def test_earlier_in_the_day_is_the_day_last_dated():
    evs = events("Peruvian President Dina Boluarte met Chilean President Gabriel Boric in Lima on Monday. "
                 "Boluarte held a separate meeting with Bolivian President Luis Arce in Cusco earlier in the day.")
    arce = next(e for e in evs if e.type == "Meeting" and "Luis Arce" in names(e.agents))
    assert arce.start.iso == "2024-03-11"


def test_a_lede_event_without_date_words_happened_in_the_publication_month():
    text = ("Chile and Peru have upgraded their ties. The announcement came during a two-day visit by "
            "Chilean President Gabriel Boric to Lima.")
    e = one(text, "Visit", published="2024-03-20")
    assert e.start.iso == "2024-03" and e.start.precision == "month"
    assert one(text, "Visit", published="2024-03-05").start is None      # the week before is in February
    later = "Officials met. Markets rose. Nothing else happened. " + text
    assert one(later, "Visit", published="2024-03-20").start is None     # not the lede


def test_durations_are_not_dates():
    e = one("Chilean President Gabriel Boric began a three-day visit to Lima.", "Visit", published="2024-03-02")
    assert e.start is None and e.date_text == ""


def test_a_visiting_guest_keeps_the_month_not_the_day_of_the_meeting():
    evs = events("On Monday in Lima, Peruvian President Dina Boluarte welcomed visiting Chilean President "
                 "Gabriel Boric and praised him.")
    visit = next(e for e in evs if e.type == "Visit")
    meeting = next(e for e in evs if e.type == "Meeting")
    assert visit.start.iso == "2024-03" and meeting.start.iso == "2024-03-11"


@pytest.mark.parametrize("text", [
    "Former Chilean President Michelle Bachelet, who had visited Lima, died on Sunday at home.",
    "Chilean President Gabriel Boric, who once visited Lima, praised Peru.",
    "Chilean President Gabriel Boric recently visited Lima.",
])
def test_background_events_in_the_lede_get_no_publication_month(text):
    e = one(text, "Visit", published="2024-03-20")
    assert e.start is None


def test_a_meeting_at_a_palace_on_a_reported_trip_adds_no_visit():
    evs = events("Peruvian President Dina Boluarte arrived in Moscow on Wednesday. On Thursday she met Russian "
                 "President Vladimir Putin at the Kremlin.", published="2024-03-15")
    assert [(e.place.label, e.start.iso) for e in evs if e.type == "Visit"] == [("Moscow", "2024-03-13")]
