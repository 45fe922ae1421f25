"""The article-level model (kg/extract/discourse.py) on short texts written for the test: who
"they", "the two leaders", "him" and "the French leader" are, and what a mention leaves to the
sentences before it. Each construction has a look-alike that must not fire."""

from test_extract import events, names

PUB = "2024-03-13"   # a Wednesday


def of_type(text, kind, **kw):
    return [e for e in events(text, published=kw.get("published", PUB)) if e.type == kind]


def who_where(found):
    """(the people, the place) of each event: who went where."""
    return [(names(e.agents), e.place.label) for e in found]


def test_the_two_leaders_are_the_pair_just_named():
    found = of_type("Kenyan President William Ruto met German Chancellor Olaf Scholz in Oslo on Monday. "
                    "Later the two leaders held talks on trade.", "Meeting")
    assert found and all(names(e.agents) == ["Olaf Scholz", "William Ruto"] for e in found)


def test_they_are_the_people_last_named_together():
    found = of_type("French President Emmanuel Macron, German Chancellor Olaf Scholz and Italian Prime Minister "
                    "Mario Draghi arrived in Kyiv on Thursday. They had met in the night in Rzeszow.", "Meeting")
    assert any(set(names(e.agents)) == {"Emmanuel Macron", "Olaf Scholz", "Mario Draghi"} for e in found)


def test_they_without_a_recent_group_is_nobody():
    text = ("Kenyan President William Ruto spoke in Nairobi on Monday. Markets rose. Farmers protested. "
            "Prices fell. Rain came. They met in the night in Rzeszow.")
    assert not of_type(text, "Meeting")


def test_they_met_someone_unnamed_is_no_meeting_of_the_pair_again():
    found = of_type("Kenyan President William Ruto met German Chancellor Olaf Scholz in Oslo on Monday. "
                    "They also met the owner of a fishing fleet.", "Meeting")
    assert len(found) == 1


def test_travellers_named_together_get_one_visit_each():
    found = of_type("French President Emmanuel Macron, German Chancellor Olaf Scholz and Italian Prime Minister "
                    "Mario Draghi visited Kyiv on Thursday.", "Visit")
    assert sorted(names(e.agents) for e in found) == [["Emmanuel Macron"], ["Mario Draghi"], ["Olaf Scholz"]]


def test_him_is_never_the_subject_of_his_own_clause():
    evs = events("Kenyan President William Ruto thanked Governor Anne Waiguru, who hosted him in Kerugoya "
                 "last year.", published=PUB)
    assert not [e for e in evs if e.type == "Meeting" and len({a.key for a in e.agents}) < 2]
    assert not [e for e in evs if e.type == "Visit" and names(e.agents) == ["Anne Waiguru"]]


def test_the_french_leader_is_the_french_president():
    found = of_type("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday. "
                    "The French leader had just completed a visit to Moldova.", "Visit")
    assert any(names(e.agents) == ["Emmanuel Macron"] and e.place.label == "Moldova" for e in found)


def test_a_leader_of_another_country_is_not_taken():
    found = of_type("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday. "
                    "The Spanish leader had just completed a visit to Moldova.", "Visit")
    assert not [e for e in found if e.place.label == "Moldova"]


def test_an_official_of_an_organisation_travels_abroad_and_signs_for_it():
    visit = of_type("UN Secretary-General Antonio Guterres is in Kabul for talks.", "Visit")
    assert [names(e.agents) for e in visit] == [["Antonio Guterres"]]
    deal = of_type("UN Secretary-General Antonio Guterres and Turkish Defence Minister Hulusi Akar signed "
                   "an agreement on grain exports in Istanbul on Friday.", "Agreement")
    assert deal and names(deal[0].agents) == ["Turkey", "United Nations"]


def test_a_signed_agreement_without_parties_is_between_the_sides_just_named():
    found = of_type("Serbian President Aleksandar Vucic and Croatian Prime Minister Andrej Plenkovic were in "
                    "Geneva for talks. The agreement was signed at the palace on Friday.", "Agreement")
    assert found and names(found[0].agents) == ["Croatia", "Serbia"] and found[0].start.iso == "2024-03-08"


def test_an_agreement_word_in_an_idiom_takes_no_parties_from_context():
    text = ("Serbian President Aleksandar Vucic and Croatian Prime Minister Andrej Plenkovic were in Geneva for "
            "talks. We owe our neighbours a great deal, Vucic said.")
    assert not of_type(text, "Agreement")


def test_an_earlier_summit_implies_no_visit_today():
    evs = events("Kenyan President William Ruto met German Chancellor Olaf Scholz in Oslo on Monday. "
                 "Their second summit was in May 2019 in Hanoi.", published=PUB)
    assert not [e for e in evs if e.type == "Visit" and e.place.label == "Hanoi"]


def test_names_the_parser_split_from_their_verb_still_meet():
    found = of_type("Smoke rose over the port as Prime Minister Keir Starmer and Ukrainian President Volodymyr "
                    "Zelenskyy were meeting at the palace.", "Meeting")
    assert found and names(found[0].agents) == ["Keir Starmer", "Volodymyr Zelenskyy"]


def test_a_name_before_and_that_is_no_argument_stays_out():
    found = of_type("Reporters asked Prime Minister Keir Starmer about prices and Ukrainian President Volodymyr "
                    "Zelenskyy met Polish President Andrzej Duda in Warsaw.", "Meeting")
    assert found and all("Keir Starmer" not in names(e.agents) for e in found)


def test_the_mexican_capital_and_the_city_are_places_the_article_named():
    evs = events("Cuban President Miguel Diaz-Canel reached the Mexican capital on Thursday. He met Mexican "
                 "President Andres Manuel Lopez Obrador in the city.", published="2021-09-17")
    visit = next(e for e in evs if e.type == "Visit")
    meeting = next(e for e in evs if e.type == "Meeting")
    assert visit.place.label == "Mexico City" and visit.start.iso == "2021-09-16"
    assert meeting.place.label == "Mexico City"


def test_talks_in_the_programme_of_a_planned_trip_are_the_visitors_and_planned():
    evs = events("French Foreign Minister Jean Dumont arrives in Dakar on Monday. The programme includes talks "
                 "with the President. Senegalese President Bassirou Diomaye Faye said he was pleased.",
                 published=PUB)
    visit = next(e for e in evs if e.type == "Visit")
    assert visit.status == "planned" and visit.start.iso == "2024-03-18"
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Bassirou Diomaye Faye", "Jean Dumont"] and meeting.status == "planned"


def test_talks_with_no_trip_told_have_no_visitor():
    assert not of_type("Senegalese President Bassirou Diomaye Faye said the programme includes talks with the "
                       "President.", "Meeting")


def test_first_person_in_remarks_is_the_speaker_the_title_names():
    evs = events("President Ana Lucia Ferreira's remarks after the summit in Lisbon\n\n"
                 "My thanks go to Prime Minister Keir Starmer, who has hosted us here in London this week.",
                 published=PUB)
    visit = next(e for e in evs if e.type == "Visit")
    assert names(visit.agents) == ["Ana Lucia Ferreira"] and visit.place.label == "London"
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Ana Lucia Ferreira", "Keir Starmer"]


def test_first_person_in_a_quote_is_the_person_who_said_it():
    found = of_type('"I met President Paul Kagame in Nairobi on Monday," Tanzanian President John Magufuli said.',
                    "Meeting")
    assert found and names(found[0].agents) == ["John Magufuli", "Paul Kagame"]


def test_first_person_with_no_speaker_is_nobody():
    assert not of_type("My thanks go to Prime Minister Keir Starmer, who has hosted us here in London this week.",
                       "Meeting")


def test_a_delegation_is_its_head_and_members_named_in_other_sentences():
    evs = events("NAIROBI, March 11 - A Ghanaian delegation arrived in the Kenyan capital on Monday for talks. "
                 "Ghana's Minister of Trade, Kwame Boateng Asante, heads the mission. The delegation also includes "
                 "the governor of the central bank, Grace Mensah. The visiting group was received by Kenyan "
                 "President William Ruto.", published=PUB)
    visit = next(e for e in evs if e.type == "Visit")
    assert set(names(visit.agents)) == {"Kwame Boateng Asante", "Grace Mensah"} and visit.place.label == "Nairobi"
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Kwame Boateng Asante", "William Ruto"]
    assert not [e for e in evs if e.type == "Visit" and e.place.label == "Ghana"]   # a delegation does not visit home


def test_a_delegation_nobody_leads_in_the_story_stays_a_delegation():
    visit = of_type("A Ghanaian delegation arrived in Nairobi on Monday for talks on trade.", "Visit")
    assert [names(e.agents) for e in visit] == [["Ghana delegation"]]


def test_a_place_in_the_topic_of_talks_is_not_where_they_were():
    found = of_type("Kenyan President William Ruto and Japanese Prime Minister Fumio Kishida talked about the "
                    "drought in the Horn of Africa on Monday.", "Meeting")
    assert found and found[0].place is None


def test_an_agreement_a_year_before_the_news_keeps_no_date_of_the_news():
    found = of_type("The Kenyan ministers are expected to sign a trade agreement with Japan on Friday, a year "
                    "after the two countries signed an agreement on fisheries.", "Agreement")
    planned = [e for e in found if e.status == "planned"]
    earlier = [e for e in found if e.status == "signed"]
    assert planned and planned[0].start.iso == "2024-03-15"
    assert earlier and all(e.start is None for e in earlier)


def test_the_two_ministers_are_the_two_just_named_in_the_sentence():
    evs = events("Chile's foreign minister, Carolina Valdés Rojas, arrived in Lima on Monday. She was received by "
                 "her Peruvian counterpart, Javier Huamán Soto, and the two ministers discussed migration. In La "
                 "Paz, Bolivian Foreign Minister Ernesto Choque Villca said he would meet her later.", published=PUB)
    meetings = [names(e.agents) for e in evs if e.type == "Meeting" and e.rule != "implied-by-meeting"]
    assert ["Carolina Valdés Rojas", "Javier Huamán Soto"] in meetings
    assert all("Ernesto Choque Villca" not in m for m in meetings[:2])


def test_the_first_of_two_surnames_finds_its_person():
    evs = events("Chile's foreign minister, Carolina Valdés Rojas, arrived in Lima on Monday. Valdés flies on "
                 "Wednesday to Quito.", published="2024-03-12")
    assert any(e.type == "Visit" and e.place.label == "Quito" and names(e.agents) == ["Carolina Valdés Rojas"]
               and e.status == "planned" and e.start.iso == "2024-03-13" for e in evs)


def test_in_an_interview_you_and_i_are_the_one_interviewed():
    evs = events("An interview with Kazakhstan's foreign minister\n\nNurlan Berikov, Kazakhstan's Minister of Foreign "
                 "Affairs, spoke to our correspondent in Astana on Saturday.\n\nQ: You came back from Tashkent on "
                 "Thursday. What did you achieve?\n\nA: On Wednesday I met my Uzbek colleague, Minister Farrukh "
                 "Yusupov, and we signed a protocol on water.", published="2022-11-21")
    visit = next(e for e in evs if e.type == "Visit")
    assert names(visit.agents) == ["Nurlan Berikov"] and visit.place.label == "Tashkent"
    assert visit.end.iso == "2022-11-17" and visit.start.iso == "2022-11"   # "came back on Thursday": the end
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Farrukh Yusupov", "Nurlan Berikov"] and meeting.start.iso == "2022-11-16"
    deal = next(e for e in evs if e.type == "Agreement")
    assert names(deal.agents) == ["Kazakhstan", "Uzbekistan"]


def test_you_outside_an_interview_is_nobody():
    assert not of_type("You came back from Tashkent on Thursday, a reader wrote to the minister.", "Visit")


def test_he_is_not_the_person_me_is():
    evs = events("An interview with Kazakhstan's foreign minister\n\nNurlan Berikov, Kazakhstan's Minister of Foreign "
                 "Affairs, spoke to our correspondent.\n\nQ: Did you also see President Timur Saidov?\n\n"
                 "A: Yes, he received me on Thursday morning.", published="2022-11-21")
    meeting = next(e for e in evs if e.type == "Meeting")
    assert names(meeting.agents) == ["Nurlan Berikov", "Timur Saidov"]


def test_speculation_is_no_event():
    for text in ("There is talk that Kenyan President William Ruto might visit Kampala before the end of the year.",
                 "People wonder whether Kenyan President William Ruto will go to Kampala for the anniversary.",
                 "There is little reason to think that Kenyan President William Ruto will meet Ugandan President "
                 "Yoweri Museveni this year.",
                 "The next step will be for Kenyan President William Ruto to come hopefully back to Tokyo."):
        assert not [e for e in events(text, published=PUB) if e.type in ("Visit", "Meeting")], text


def test_a_plan_is_no_speculation():
    found = of_type("Officials said Kenyan President William Ruto may visit Kampala next month.", "Visit")
    assert found and found[0].status == "planned"


def test_separate_meetings_and_agreements_are_one_per_side():
    meetings = of_type("Bangladeshi Prime Minister Sheikh Hasina held separate meetings with Chinese Premier Li "
                       "Qiang and Chinese President Xi Jinping on Wednesday.", "Meeting")
    assert sorted(names(e.agents) for e in meetings) == [["Li Qiang", "Sheikh Hasina"], ["Sheikh Hasina", "Xi Jinping"]]
    deals = of_type("Israel and two Gulf states, the United Arab Emirates and Bahrain, signed agreements on Tuesday.",
                    "Agreement")
    assert {tuple(names(e.agents)) for e in deals} == {("Bahrain", "Israel"), ("Israel", "United Arab Emirates")}


def test_one_declaration_among_three_states_stays_one():
    deals = of_type("On Monday Egypt, Sudan and Ethiopia signed a declaration of principles.", "Agreement")
    assert ["Egypt", "Ethiopia", "Sudan"] in [names(e.agents) for e in deals]
    assert not [e for e in deals if len(e.agents) == 2 and "Egypt" in names(e.agents)]


def test_a_states_government_signs_for_the_state():
    deals = of_type("In Rabat on Monday, Nigeria's Federal Government and the Kingdom of Morocco signed three "
                    "agreements.", "Agreement")
    assert deals and names(deals[0].agents) == ["Morocco", "Nigeria"]


def test_the_summit_a_meeting_was_at_dates_and_places_it():
    found = of_type("Kenyan President William Ruto met Ugandan President Yoweri Museveni for the first time at "
                    "the Kigali summit in June 2018.", "Meeting")
    assert found and found[0].place.label == "Kigali" and found[0].start.iso == "2018-06"


def test_coming_to_the_summit_goes_where_it_is():
    evs = events("An international summit opened in Sharm el-Sheikh on Monday. Kenyan President William Ruto came "
                 "to the summit straight from Nairobi.", published=PUB)
    assert any(e.type == "Visit" and e.place.label == "Sharm el-Sheikh" for e in evs)


def test_the_source_of_a_report_takes_no_part():
    found = of_type("According to Kremlin spokesman Dmitry Peskov, Syrian President Bashar al-Assad held talks "
                    "with Russian President Vladimir Putin on Tuesday.", "Meeting")
    assert found and all("Dmitry Peskov" not in names(e.agents) for e in found)


def test_the_two_leaders_are_leaders():
    found = of_type("Pakistani Prime Minister Imran Khan arrived in Moscow on Wednesday. Information Minister "
                    "Fawad Chaudhry said that once the two leaders had met, Russian Deputy Prime Minister "
                    "Alexander Novak would pay a call on Khan at his hotel.", "Meeting")
    assert all("Fawad Chaudhry" not in names(e.agents) for e in found)
    assert any(names(e.agents) == ["Alexander Novak", "Imran Khan"] for e in found)


def test_a_deal_signed_after_something_still_to_come_is_planned():
    found = of_type("Further steps will follow before the agreement between Kenya and Japan is signed.", "Agreement")
    assert found and all(e.status == "planned" for e in found)


def test_a_visit_at_some_point_is_a_hope():
    assert not of_type("Kenyan President William Ruto said he looked forward to a visit to Japan at some point.",
                       "Visit")


def test_a_name_spelt_a_little_differently_is_the_known_person():
    found = of_type("French President Emmanual Macorn landed in Lima on Friday.", "Visit")   # invented typos
    assert found and names(found[0].agents) == ["Emmanuel Macron"]


def test_a_role_of_a_state_is_the_one_known_person_of_that_state_named():
    found = of_type("Jordan's King Abdullah II will come to Washington on Tuesday. Speaking to reporters, Donald "
                    "Trump said he had talked the idea over with the Jordanian king.", "Meeting")
    assert any(names(e.agents) == ["Abdullah II", "Donald Trump"] for e in found)


def test_the_leaders_of_two_states_are_their_known_leaders():
    found = of_type("Ethiopian Prime Minister Abiy Ahmed and Somali President Hassan Sheikh Mohamud flew to Ankara "
                    "on Tuesday. On Wednesday the leaders of Ethiopia and Somalia met in Ankara.", "Meeting")
    assert any(names(e.agents) == ["Abiy Ahmed", "Hassan Sheikh Mohamud"] for e in found)


def test_attendance_at_the_summit_is_a_visit_where_the_summit_is():
    evs = events("Iranian President Ebrahim Raisi attended the summit in Riyadh on Saturday. The attendance of "
                 "Syrian President Bashar al-Assad has also drawn attention to the summit.", published=PUB)
    assert any(e.type == "Visit" and names(e.agents) == ["Bashar al-Assad"] and e.place.label == "Riyadh"
               for e in evs)


def test_arriving_at_the_airport_is_arriving_in_the_city_last_named():
    found = of_type("Foreign ministers gathered in Bergen on Tuesday. Kenyan Foreign Minister Musalia Mudavadi "
                    "arrived at the airport, where he was greeted by officials.", "Visit")
    assert who_where(found) == [(["Musalia Mudavadi"], "Bergen")]


def test_arriving_at_a_decision_is_no_visit():
    assert not of_type("Ministers gathered in Bergen on Tuesday. Kenyan Foreign Minister Musalia Mudavadi "
                       "arrived at a decision on tariffs.", "Visit")


def test_the_two_heads_of_state_in_capitals_are_the_two_presidents():
    found = of_type("Kenyan President William Ruto arrived in Accra on Monday. He was greeted by the Vice-President, "
                    "Mrs Ama Mensah, in the absence of President John Mahama. The two Heads of State will hold "
                    "talks on Tuesday.", "Meeting")
    assert any(names(e.agents) == ["John Mahama", "William Ruto"] for e in found)


def test_the_last_two_words_of_a_full_name_are_its_person():
    found = of_type("Norwegian Foreign Minister Ola Berg Lunde met Swedish officials on Monday. "
                    "Berg Lunde is expected to pay a return visit to Finland in the autumn.", "Visit")
    assert who_where(found) == [(["Ola Berg Lunde"], "Finland")]


def test_each_leg_of_a_tour_is_a_visit_on_its_own_day():
    found = of_type("Kenyan President William Ruto leaves on Sunday for a tour of Samoa, Fiji and Vanuatu. The tour "
                    "starts in Apia on Monday, continues to Suva on Wednesday for talks, and ends in Port Vila on "
                    "Friday.", "Visit", published="2024-03-15")   # a Friday
    legs = {e.place.label: e.start.iso if e.start else None for e in found if e.rule == "tour-leg"}
    assert legs == {"Apia": "2024-03-18", "Suva": "2024-03-20", "Port-Vila": None}   # Friday: today or a week on
    assert all(names(e.agents) == ["William Ruto"] for e in found)


def test_a_tour_nobody_is_on_is_no_visit():
    assert not of_type("Markets rose on Monday. The tour starts in Apia on Monday and ends in Suva on Friday.",
                       "Visit")


def test_a_meeting_told_as_happening_again_dates_no_trip():
    def visit_date(text):
        return [e.start.iso if e.start else None for e in of_type(text, "Visit")]
    text = "Kenyan President William Ruto will travel to France. He and French President Emmanuel Macron will meet {}."
    assert visit_date(text.format("again next month")) == [None]
    assert visit_date(text.format("next month")) == ["2024-04"]   # the look-alike: a meeting of this trip


def test_the_country_named_earlier_in_the_sentence_is_where_the_visit_went():
    found = of_type("In Accra on Monday, Kenya and the Republic of Ghana signed two accords, part of the events "
                    "marking the visit of President William Ruto to the country.", "Visit")
    assert who_where(found) == [(["William Ruto"], "Ghana")]


def test_a_visit_dedicated_to_people_goes_nowhere():
    assert not of_type("Kenyan President William Ruto dedicated the visit to the victims of the floods.", "Visit")


def test_attending_a_leaders_inauguration_is_a_visit_to_the_leaders_country():
    active = of_type("Brazilian President Jair Bolsonaro took office on Tuesday. US Secretary of State Mike Pompeo "
                     "attended Bolsonaro's inauguration.", "Visit")
    passive = of_type("Brazilian President Jair Bolsonaro was sworn in on Tuesday. His inauguration was attended by "
                      "US Secretary of State Mike Pompeo.", "Visit")
    for found in (active, passive):
        assert who_where(found) == [(["Mike Pompeo"], "Brazil")]


def test_attending_the_inauguration_of_ones_own_leader_is_no_visit():
    assert not of_type("The funeral of Brazilian President Jair Bolsonaro was attended by Brazilian Vice President "
                       "Hamilton Mourao.", "Visit")


def test_names_before_a_verb_whose_parsed_subject_is_a_thing_are_its_subject():
    found = of_type("Debris fell on three districts of Lviv as Kenyan President William Ruto and German Chancellor "
                    "Olaf Scholz were meeting.", "Meeting")
    assert [names(e.agents) for e in found] == [["Olaf Scholz", "William Ruto"]]


def test_states_inside_the_subject_phrase_are_not_its_subject():
    found = of_type("After a meeting with Erdogan, the leaders of Kenya and Uganda released a statement.", "Meeting")
    assert not any({"Kenya", "Uganda"} <= set(names(e.agents)) for e in found)


def test_an_infinitive_of_purpose_keeps_the_travellers_subject():
    found = of_type("A month later, John Bolton, the US national security adviser, traveled to Brazil to meet with "
                    "Brazilian President Jair Bolsonaro.", "Meeting")
    assert [names(e.agents) for e in found] == [["Jair Bolsonaro", "John Bolton"]]


def test_the_president_is_the_president_the_story_is_about_not_a_crown_prince_of_the_host():
    text = ("Saudi Crown Prince Mohammed bin Salman and US President Joe Biden met in Riyadh on Tuesday. "
            "Biden landed in Riyadh on Tuesday. Biden spoke of trade. FIFA president Gianni Infantino was also "
            "there. The president had already traveled to Rome in April.")
    rome = [e for e in of_type(text, "Visit") if e.place.label == "Rome"]
    assert [names(e.agents) for e in rome] == [["Joe Biden"]]


def test_the_president_among_two_equally_named_presidents_is_nobody():
    text = ("US President Joe Biden and FIFA president Gianni Infantino spoke in Riyadh on Tuesday. "
            "The president had already traveled to Rome in April.")
    assert not [e for e in of_type(text, "Visit") if e.place.label == "Rome"]


def test_the_visitor_named_after_the_place_of_a_visit_is_its_traveller():
    found = of_type("The accord was signed during the official visit to Lima of the Chilean foreign minister, "
                    "Carolina Valdes.", "Visit")
    assert who_where(found) == [(["Carolina Valdes"], "Lima")]


def test_a_place_of_something_after_a_visit_names_no_traveller():
    found = of_type("Kenyan President William Ruto praised the visit to the port of Mombasa.", "Visit")
    assert all(names(e.agents) != ["Mombasa"] for e in found)


def test_an_invitation_to_pay_a_capitalised_state_visit_is_an_invited_visit():
    found = of_type("Kenyan President William Ruto met Ghanaian President John Mahama in Accra. Ruto, for his part, "
                    "invited President Mahama to pay a State Visit to Kenya.", "Visit")
    assert [(names(e.agents), e.place.label, e.status) for e in found if e.status == "invited"] == [
        (["John Mahama"], "Kenya", "invited")]


def test_a_capitalised_event_word_in_an_organisations_name_is_no_event():
    assert not of_type("The Visit Britain tourism agency opened an office in Nairobi on Monday.", "Visit")


def test_a_conversation_someone_had_with_x_is_a_meeting_of_the_two():
    found = of_type("Kenyan President William Ruto spoke on Monday. Ruto said he had raised it in a conversation "
                    "he had with Ghana's President John Mahama.", "Meeting")
    assert [names(e.agents) for e in found] == [["John Mahama", "William Ruto"]]


def test_a_conversation_about_someone_is_no_meeting_with_them():
    found = of_type("Kenyan President William Ruto spoke on Monday. Ruto said he had raised it in a conversation "
                    "that dealt with Ghana's President John Mahama.", "Meeting")
    assert not any("John Mahama" in names(e.agents) for e in found)


def test_a_joint_statement_issued_by_two_states_is_their_agreement():
    found = of_type("Kenya and Ghana issued a joint statement on Monday.", "Agreement")
    assert [sorted(names(e.agents)) for e in found] == [["Ghana", "Kenya"]]
    found = of_type("On Monday the Kenyan and Ghanaian leaders released a joint declaration on trade.", "Agreement")
    assert found and {tuple(sorted(names(e.agents))) for e in found} == {("Ghana", "Kenya")}   # verb and noun


def test_a_statement_of_one_side_is_no_agreement():
    assert not of_type("Kenya issued a statement on Monday, and Ghana issued one on Tuesday.", "Agreement")


def test_a_team_led_by_a_titled_minister_is_the_minister_travelling():
    found = of_type("A Kenyan delegation arrived in Accra on Sunday. A separate team, led by State Minister of "
                    "Foreign Affairs Wanjiru Kamau, travelled on to Lome on Monday evening.", "Visit")
    assert (["Wanjiru Kamau"], "Lome") in who_where(found)


def test_a_team_of_engineers_is_no_political_traveller():
    assert not [e for e in of_type("A team of engineers travelled on to Lome on Monday evening.", "Visit")]


def test_the_day_something_was_called_off_is_not_its_day():
    found = events("Kenya and Ghana called off the signing of a trade agreement on Monday. Kenyan President "
                   "William Ruto cancelled his visit to Tokyo on Monday.", published=PUB)
    assert {(e.type, e.status) for e in found} == {("Agreement", "cancelled"), ("Visit", "cancelled")}
    assert all(e.start is None for e in found)


def test_the_day_a_visit_happened_on_is_its_day():
    found = of_type("Kenyan President William Ruto visited Tokyo on Monday.", "Visit")
    assert [e.start.iso for e in found] == ["2024-03-11"]


def test_speaking_in_a_foreign_city_is_being_there():
    found = of_type("Speaking in Nairobi on Monday, French President Emmanuel Macron said Europe must "
                    "think bigger.", "Visit")
    assert who_where(found) == [(["Emmanuel Macron"], "Nairobi")]
    pictured = of_type("Kenyan President William Ruto and Ghana's John Mahama, pictured in Accra on Saturday.", "Visit")
    assert who_where(pictured) == [(["William Ruto"], "Accra")]


def test_speaking_at_home_or_in_a_statement_is_no_visit():
    assert not of_type("French President Emmanuel Macron said in Paris on Monday that Europe must think bigger.",
                       "Visit")
    assert not of_type("French President Emmanuel Macron said in a statement that Europe must think bigger.",
                       "Visit")
