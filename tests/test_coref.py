"""Within-article event coreference on plain records (no parser)."""
from kg.extract.coref import resolve
from kg.records import Actor, DateValue, EventRecord, Evidence, MentionCues

ICELAND = Actor("is", "Country", "Iceland")
NORWAY = Actor("no", "Country", "Norway")
REYKJAVIK = Actor("rey", "City", "Reykjavik", located_in=ICELAND)
OSLO = Actor("oslo", "City", "Oslo", located_in=NORWAY)
KATRIN = Actor("katrin", "Person", "Katrin Jakobsdottir")
JONAS = Actor("jonas", "Person", "Jonas Gahr Store")
HOME = {"katrin": ICELAND, "jonas": NORWAY}


def home_of(a):
    return HOME.get(a.key)


def contains(outer, inner):
    while inner is not None:
        if inner.key == outer.key:
            return True
        inner = inner.located_in
    return False


def rec(kind="Meeting", agents=(), place=None, start=None, status="occurred", **cues):
    return EventRecord(type=kind, status=status, evidence=Evidence("s", 0, 1), agents=list(agents), place=place,
                       start=DateValue(start, "month" if len(start) == 7 else "day") if start else None,
                       date_text=start or "", cues=MentionCues(**cues))


def test_partial_named_frames_are_dropped_but_lend_place_and_explicit_date():
    frame = rec(place=REYKJAVIK, start="2021-10", trigger_i=5, sentence=0, named=True, partial=True,
                date_explicit=True)
    echo = rec(place=REYKJAVIK, trigger_i=20, sentence=10, named=True, partial=True)
    meeting = rec(agents=[KATRIN, JONAS], start="2022", trigger_i=30, sentence=10, definite=True)
    out = resolve([frame, echo, meeting], home_of, contains)
    assert len(out) == 1
    assert out[0].place is REYKJAVIK and out[0].start.iso == "2021-10"


def test_no_link_when_the_named_place_is_home_to_no_participant():
    frame = rec(place=OSLO, start="2021-10", trigger_i=5, sentence=0, named=True, partial=True, date_explicit=True)
    meeting = rec(agents=[KATRIN, Actor("x", "Person", "Someone Else")], start="2022", trigger_i=9, sentence=0,
                  definite=True)
    out = resolve([frame, meeting], home_of, contains)
    assert out[0].place is None and out[0].start.iso == "2022"


def test_no_link_across_sentences_or_for_indefinite_mentions():
    frame = rec(place=REYKJAVIK, start="2021-10", trigger_i=5, sentence=0, named=True, partial=True,
                date_explicit=True)
    other_sentence = rec(agents=[KATRIN, JONAS], trigger_i=30, sentence=10, definite=True)
    indefinite = rec(agents=[KATRIN, JONAS], trigger_i=8, sentence=0)
    out = resolve([frame, other_sentence, indefinite], home_of, contains)
    assert [e.place for e in out] == [None, None]


def test_agreement_made_during_a_meeting_takes_its_states_and_date():
    meeting = rec(agents=[KATRIN, JONAS], place=REYKJAVIK, start="2021-10", trigger_i=12, sentence=0)
    deal = rec("Agreement", status="signed", trigger_i=3, sentence=0, during_i=12, partial=True)
    out = resolve([meeting, deal], home_of, contains)
    agreement = next(e for e in out if e.type == "Agreement")
    assert [a.label for a in agreement.agents] == ["Iceland", "Norway"] and agreement.start.iso == "2021-10"


def test_agreement_during_an_unknown_meeting_is_dropped():
    deal = rec("Agreement", status="signed", trigger_i=3, sentence=0, during_i=40, partial=True)
    assert resolve([deal], home_of, contains) == []


def test_default_status_follows_the_earlier_cued_mention_of_the_same_parties():
    planned = rec("Agreement", agents=[ICELAND, NORWAY], status="planned", trigger_i=3)
    later = rec("Agreement", agents=[NORWAY, ICELAND], status="signed", trigger_i=40, status_cued=False,
                definite=True)
    dated = rec("Agreement", agents=[NORWAY, ICELAND], status="signed", start="2020", trigger_i=50,
                status_cued=False, definite=True)
    out = resolve([planned, later, dated], home_of, contains)
    assert [e.status for e in out] == ["planned", "planned", "signed"]


def test_an_indefinite_or_earlier_agreement_keeps_its_own_status():
    planned = rec("Agreement", agents=[ICELAND, NORWAY], status="planned", trigger_i=3)
    another = rec("Agreement", agents=[NORWAY, ICELAND], status="signed", trigger_i=40, status_cued=False)
    earlier = rec("Agreement", agents=[NORWAY, ICELAND], status="signed", trigger_i=50, status_cued=False,
                  definite=True, background=True)
    out = resolve([planned, another, earlier], home_of, contains)
    assert [e.status for e in out] == ["planned", "signed", "signed"]


LIMA = Actor("lima", "City", "Lima", located_in=Actor("pe", "Country", "Peru"))
PEDRO = Actor("pedro", "Person", "Pedro Castillo")
HOME["pedro"] = LIMA.located_in


def test_an_undated_meeting_abroad_takes_the_month_of_the_trip_it_happened_on():
    trip = rec("Visit", agents=[KATRIN], place=LIMA, start="2022-05-03", trigger_i=1)
    talks = rec(agents=[KATRIN, PEDRO], trigger_i=20)
    out = resolve([trip, talks], home_of, contains)
    assert out[1].start.iso == "2022-05" and out[1].start.precision == "month"


def test_no_trip_date_for_a_meeting_of_another_status_or_elsewhere():
    trip = rec("Visit", agents=[KATRIN], place=LIMA, start="2022-05-03", trigger_i=1)
    planned = rec(agents=[KATRIN, PEDRO], status="planned", trigger_i=20)
    in_oslo = rec(agents=[KATRIN, PEDRO], place=OSLO, trigger_i=30)
    out = resolve([trip, planned, in_oslo], home_of, contains)
    assert out[1].start is None and out[2].start is None


def test_meeting_two_hosts_on_trips_to_each_country_is_two_meetings():
    lima_trip = rec("Visit", agents=[KATRIN], place=LIMA, start="2022-05", status="planned", trigger_i=1)
    oslo_trip = rec("Visit", agents=[KATRIN], place=OSLO, start="2022-05", status="planned", trigger_i=2)
    both = rec(agents=[KATRIN, PEDRO, JONAS], status="planned", trigger_i=20)
    out = [e for e in resolve([lima_trip, oslo_trip, both], home_of, contains) if e.type == "Meeting"]
    assert sorted(tuple(a.label for a in e.agents) for e in out) == [
        ("Katrin Jakobsdottir", "Jonas Gahr Store"), ("Katrin Jakobsdottir", "Pedro Castillo")]
    assert all(e.start.iso == "2022-05" for e in out)


def test_without_a_trip_to_each_host_country_the_meeting_stays_whole():
    lima_trip = rec("Visit", agents=[KATRIN], place=LIMA, start="2022-05", status="planned", trigger_i=1)
    both = rec(agents=[KATRIN, PEDRO, JONAS], status="planned", trigger_i=20)
    out = [e for e in resolve([lima_trip, both], home_of, contains) if e.type == "Meeting"]
    assert len(out) == 1 and len(out[0].agents) == 3


def test_a_trip_known_only_to_the_year_gives_only_the_year():
    trip = rec("Visit", agents=[KATRIN], place=LIMA, trigger_i=1)
    trip.start = DateValue("2022", "year")
    talks = rec(agents=[KATRIN, PEDRO], trigger_i=20)
    out = resolve([trip, talks], home_of, contains)
    assert (out[1].start.iso, out[1].start.precision) == ("2022", "year")
