"""Cross-article event clustering (kg/graph/merge.py) on plain mentions built by hand."""
import random

from pyoxigraph import Literal, NamedNode

from kg import vocab as v
from kg.graph.merge import clusters, event_quads
from kg.graph.sameness import Mention, name_words, window

KG = v.NS
XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPE = {10: XSD + "date", 7: XSD + "gYearMonth", 4: XSD + "gYear"}
CITY, COUNTRY, OTHER = "urn:city", "urn:country", "urn:elsewhere"
PARENT = {CITY: {COUNTRY}}


def dated(m, prop, day):
    if day:
        m.props[KG + prop].append(Literal(day, datatype=NamedNode(DATATYPE[len(day)])))
    return m


def visit(iri, status, place, day=None, who="urn:p1", published="", article=None):
    m = Mention(iri, "Visit", status, "urn:article/" + (article or iri), published)
    m.props[KG + "traveller"].append(NamedNode(who))
    m.props[KG + "destination"].append(NamedNode(place))
    return dated(m, "startDate", day)


def meeting(iri, article, day=None, place=None, published="", status="occurred", background=False):
    m = Mention(iri, "Meeting", status, "urn:article/" + article, published)
    for who in ("urn:p1", "urn:p2"):
        m.props[KG + "participant"].append(NamedNode(who))
    if place:
        m.props[KG + "place"].append(NamedNode(place))
    if background:
        m.props[KG + "background"].append(Literal("true", datatype=NamedNode(XSD + "boolean")))
    return dated(m, "date", day)


def agreement(iri, article, name="", day=None, published="2024-09-03", status="signed"):
    m = Mention(iri, "Agreement", status, "urn:article/" + article, published)
    for party in ("urn:c1", "urn:c2"):
        m.props[KG + "party"].append(NamedNode(party))
    if name:
        m.props[KG + "name"].append(Literal(name))
    return dated(m, "date", day)


def grouping(mentions):
    return sorted(sorted(m.iri for m in g) for g in clusters(mentions, PARENT))


# --- places, people, trips ------------------------------------------------------------------------

def test_reports_of_one_visit_merge_city_within_country():
    assert grouping([visit("a", "occurred", CITY, "2018-05-31"), visit("b", "occurred", COUNTRY, "2018-05-31"),
                     visit("c", "occurred", COUNTRY, published="2018-06-01")]) == [["a", "b", "c"]]


def test_an_invitation_is_not_chained_to_the_visit_through_an_undated_report():
    # c (occurred, undated) fits both a and b in time, but a (invited, reported after the visit) and b conflict.
    got = grouping([visit("a", "invited", CITY, published="2018-06-02"), visit("b", "occurred", CITY, "2018-05-31"),
                    visit("c", "occurred", COUNTRY, published="2018-06-01")])
    assert ["a"] in got and ["b", "c"] in got


def test_other_dates_or_places_or_travellers_stay_apart():
    assert grouping([visit("a", "occurred", CITY, "2018-05-31"), visit("b", "occurred", CITY, "2019-01-02"),
                     visit("c", "occurred", OTHER, "2018-05-31"),
                     visit("d", "occurred", CITY, "2018-05-31", who="urn:p2")]) == [["a"], ["b"], ["c"], ["d"]]


def test_an_undated_placeless_meeting_from_another_article_stays_apart():
    # the same two people meet often: without date or place another report may be another meeting
    assert grouping([meeting("a", "x", "2018-04-10", CITY), meeting("b", "y", published="2018-04-11")]) == [["a"], ["b"]]
    assert grouping([meeting("a", "x", "2018-04-10", CITY),
                     meeting("b", "y", place=COUNTRY, published="2018-04-11")]) == [["a", "b"]]


def test_a_report_whose_date_words_could_not_be_read_joins_no_dated_report():
    for published in ("", "2022-11-16"):
        unread = visit("b", "occurred", CITY, published=published)
        unread.props[KG + "dateText"].append(Literal("on Tuesday night"))
        assert grouping([visit("a", "occurred", COUNTRY, "2022-11-15"), unread]) == [["a"], ["b"]]
    assert grouping([visit("a", "occurred", COUNTRY, "2022-11-15"), visit("b", "occurred", CITY, published="2022-11-16")]) \
        == [["a", "b"]]


def test_reports_of_one_trip_a_day_apart_are_one_visit_starting_on_the_first_day():
    a, b = visit("urn:m:a", "occurred", COUNTRY, "2024-07-08"), visit("urn:m:b", "occurred", CITY, "2024-07-09")
    far = visit("urn:m:c", "occurred", CITY, "2024-07-20")
    assert grouping([a, b, far]) == [["urn:m:a", "urn:m:b"], ["urn:m:c"]]
    starts = [q.object.value for q in event_quads([b, a], PARENT) if q.predicate.value == KG + "startDate"]
    assert starts == ["2024-07-08"]


# --- time windows of undated reports ----------------------------------------------------------------

def test_the_same_pairs_meetings_reported_a_year_apart_stay_two_events():
    dated_report = meeting("a", "may", "2024-05-04", CITY, published="2024-05-06")
    year_later = meeting("b", "june", place=CITY, published="2025-06-03")
    days_later = meeting("c", "next", place=CITY, published="2024-05-07")
    assert grouping([dated_report, year_later]) == [["a"], ["b"]]
    assert grouping([dated_report, year_later, days_later]) == [["a", "c"], ["b"]]


def test_an_undated_report_has_a_bounded_window_from_publication_and_status():
    from datetime import date
    assert window(meeting("a", "x", published="2024-05-06")) == (date(2024, 4, 5), date(2024, 5, 6))
    assert window(meeting("a", "x", published="2024-05-06", status="planned")) == (date(2024, 5, 6), date(2025, 5, 6))
    assert window(meeting("a", "x", day="2023-02", published="2024-05-06")) == (date(2023, 2, 1), date(2023, 2, 28))
    assert window(meeting("a", "x")) is None                                  # no publication date: unknown
    assert window(meeting("a", "x", published="2024-05-06", background=True)) is None


def test_a_plan_joins_the_later_report_that_it_happened_but_not_one_from_years_before():
    plan = visit("a", "planned", CITY, published="2025-03-01")
    done = visit("b", "occurred", CITY, published="2025-03-20")
    old = visit("c", "occurred", CITY, published="2023-03-20")
    assert grouping([plan, done, old]) == [["a", "b"], ["c"]]
    invited = visit("d", "invited", CITY, published="2025-03-01")
    assert grouping([invited, visit("e", "occurred", CITY, "2025-05-20")]) == [["d", "e"]]
    assert grouping([invited, visit("f", "occurred", CITY, "2025-02-20")]) == [["d"], ["f"]]
    assert grouping([invited, visit("g", "occurred", CITY, "2026-05-20")]) == [["d"], ["g"]]


def test_an_undated_report_without_publication_date_joins_only_its_own_article():
    news = meeting("a", "x", "2024-05-04", CITY, published="2024-05-06")
    other = meeting("b", "y", place=CITY)
    same = meeting("c", "x", place=CITY)
    assert grouping([news, other]) == [["a"], ["b"]]
    assert grouping([news, other, same]) == [["a", "c"], ["b"]]


def test_an_undated_report_is_dated_by_its_own_article_beyond_its_window():
    # "they spoke last December" (dated) ... "their call" (undated), in an article of April
    dated_report = meeting("a", "x", "2020-12", published="2021-04-16")
    undated = meeting("b", "x", published="2021-04-16")
    at_the_time = meeting("c", "y", "2020-12-15", published="2020-12-16")
    assert grouping([dated_report, undated, at_the_time]) == [["a", "b", "c"]]
    assert grouping([undated, at_the_time]) == [["b"], ["c"]]


def test_will_meet_today_and_arrived_in_one_article_are_one_visit_but_not_an_invitation():
    arrived = visit("a", "occurred", CITY, "2025-05-06", published="2025-05-06", article="x")
    planned = visit("b", "planned", CITY, published="2025-05-06", article="x")
    invited = visit("c", "invited", CITY, published="2025-05-06", article="x")
    assert grouping([arrived, planned, invited]) == [["a", "b"], ["c"]]


def test_undated_reports_of_an_article_without_publication_date_join_as_if_it_had_one():
    arrived = visit("a", "occurred", CITY, article="x")
    planned = visit("b", "planned", COUNTRY, article="x")
    invited = visit("c", "invited", CITY, article="x")
    assert grouping([arrived, planned]) == [["a", "b"]]
    assert grouping([arrived, invited]) == [["a"], ["c"]]
    assert grouping([visit("d", "invited", CITY, "2025-05-06", article="x"), arrived]) == [["a"], ["d"]]


def test_a_report_with_its_own_unread_day_is_not_the_plan_of_its_article():
    # "the three ministers will hold talks" ... "two of them met on Friday" (no publication date)
    summit = meeting("a", "x", place=CITY, status="planned")
    summit.props[KG + "participant"].append(NamedNode("urn:p3"))
    bilateral = meeting("b", "x", place=CITY)
    bilateral.props[KG + "dateText"].append(Literal("on Friday"))
    assert grouping([summit, bilateral]) == [["a"], ["b"]]
    assert grouping([summit, meeting("c", "x", place=CITY)]) == [["a", "c"]]


# --- dates of day precision -----------------------------------------------------------------------

def test_meetings_on_different_days_stay_apart_and_a_month_never_bridges_them():
    first, second = meeting("a", "x", "2024-03-05", CITY), meeting("b", "y", "2024-03-06", CITY)
    month = meeting("c", "z", "2024-03", CITY)
    assert grouping([first, second]) == [["a"], ["b"]]
    assert grouping([first, month]) == [["a", "c"]]               # a month fits one day of it
    got = grouping([first, second, month])
    assert not any("a" in g and "b" in g for g in got)
    assert ["c"] in got   # it could be either meeting: better no date than a wrong one


def test_a_trip_slack_is_for_visits_only():
    assert grouping([visit("a", "occurred", CITY, "2024-03-05"), visit("b", "occurred", CITY, "2024-03-07")]) == [["a", "b"]]
    assert grouping([visit("a", "occurred", CITY, "2024-03-05"), visit("b", "occurred", CITY, "2024-03-12")]) == [["a"], ["b"]]
    assert grouping([meeting("a", "x", "2024-03-05", CITY), meeting("b", "y", "2024-03-07", CITY)]) == [["a"], ["b"]]


# --- agreements and their names -------------------------------------------------------------------

def test_name_words_keep_what_tells_one_agreement_from_another():
    assert name_words("water-sharing accord") == {"water", "sharing"}
    assert name_words("Customs Protocols") == {"custom"}
    assert name_words("the new deal") == set() and name_words("landmark agreement") == set()
    assert name_words("leader seals") == set()          # no agreement noun: not a name
    assert name_words("20-year cooperation agreement") == {"cooperation"}
    assert name_words("two-decade agreement") == set()   # a duration does not say which one


def test_two_agreements_with_different_names_stay_two():
    water = agreement("a", "x", "water-sharing accord", "2024-09-02")
    customs = agreement("b", "y", "customs protocol", "2024-09-02")
    generic = agreement("c", "z", "agreement", "2024-09-02")
    assert grouping([water, customs]) == [["a"], ["b"]]
    got = grouping([water, customs, generic])
    assert not any("a" in g and "b" in g for g in got)
    assert grouping([water, agreement("d", "y", "water deal", "2024-09-02")]) == [["a", "d"]]
    assert grouping([water, generic]) == [["a", "c"]]


def test_two_differently_named_agreements_of_one_article_stay_two():
    assert grouping([agreement("a", "x", "water-sharing accord"), agreement("b", "x", "customs protocol")]) == [["a"], ["b"]]


def test_the_event_takes_the_specific_name():
    group = [agreement("urn:m:a", "x", "deal", "2024-09-02"),
             agreement("urn:m:b", "y", "water-sharing accord", "2024-09-02"), agreement("urn:m:c", "z", "deal", "2024-09-02")]
    names = [q.object.value for q in event_quads(group, PARENT) if q.predicate.value == KG + "name"]
    assert names == ["water-sharing accord"]


# --- background: another occurrence than the news ---------------------------------------------------

def test_a_background_report_joins_the_news_of_its_own_article_only_by_its_date():
    news = meeting("a", "x", "2024-05-04", CITY, published="2024-05-06")
    recalled = meeting("b", "x", "2024-05-04", CITY, published="2024-05-06", background=True)
    earlier = meeting("c", "x", "2023-02-10", CITY, published="2024-05-06", background=True)
    undated = meeting("d", "x", place=CITY, published="2024-05-06", background=True)
    assert grouping([news, recalled, earlier, undated]) == [["a", "b"], ["c"], ["d"]]


def test_an_undated_background_report_joins_nothing():
    news = meeting("a", "x", "2024-05-04", CITY, published="2024-05-06")
    again = meeting("b", "y", place=CITY, published="2024-05-07", background=True)
    also = meeting("c", "z", place=CITY, published="2024-05-07", background=True)
    assert grouping([news, again, also]) == [["a"], ["b"], ["c"]]


def test_a_dated_background_report_of_another_article_joins_the_event_it_recalls():
    news = meeting("a", "x", "2024-05-04", CITY, published="2024-05-06")
    recalled = meeting("b", "y", "2024-05-04", CITY, published="2025-01-10", background=True)
    assert grouping([news, recalled]) == [["a", "b"]]


# --- order independence -----------------------------------------------------------------------------

def tricky():
    """Mentions where a greedy merge could go either way: ambiguous months, undated reports, names."""
    return [
        meeting("urn:m:01", "a", "2024-03-05", CITY, "2024-03-06"),
        meeting("urn:m:02", "b", "2024-03-06", CITY, "2024-03-07"),
        meeting("urn:m:03", "c", "2024-03", CITY, "2024-04-02"),
        meeting("urn:m:04", "d", None, CITY, "2024-03-08"),
        meeting("urn:m:05", "d", None, COUNTRY, "2024-03-08", status="planned"),
        meeting("urn:m:06", "e", "2024-03-05", COUNTRY, "2024-03-05", background=True),
        meeting("urn:m:07", "e", None, CITY, "2024-03-05"),
        visit("urn:m:08", "occurred", CITY, "2024-03-05", published="2024-03-06", article="a"),
        visit("urn:m:09", "occurred", COUNTRY, "2024-03-07", published="2024-03-08", article="f"),
        visit("urn:m:10", "occurred", CITY, "2024-03-09", published="2024-03-10", article="g"),
        visit("urn:m:11", "planned", COUNTRY, published="2024-02-20", article="h"),
        visit("urn:m:12", "occurred", CITY, "2024-03", published="2024-03-30", article="i"),
        agreement("urn:m:13", "a", "water-sharing accord", "2024-03-05"),
        agreement("urn:m:14", "b", "customs protocol", "2024-03-05"),
        agreement("urn:m:15", "c", "agreement", "2024-03", published="2024-04-02"),
        agreement("urn:m:16", "d", "", published="2024-03-08"),
    ]


def layer(mentions, rename=lambda iri: iri):
    """The event layer as a set of triples, each event named by its member mentions (renamed back),
    each of its source reports by the event's name and the article."""
    out = set()
    for group in clusters(mentions, PARENT):
        quads = event_quads(group, PARENT)
        name = tuple(sorted(rename(m.iri) for m in group))
        names = {quads[0].subject: name}
        names |= {q.subject: (name, q.object.value) for q in quads if q.predicate.value == KG + "reportedIn"}
        for q in quads:
            o = q.object
            o = names.get(o) or (rename(o.value) if isinstance(o, NamedNode) else (o.value, o.datatype.value))
            out.add((names.get(q.subject, q.subject.value), q.predicate.value, o))
    return out


def test_the_layer_does_not_depend_on_the_order_of_mentions():
    expected = layer(tricky())
    for seed in range(8):
        shuffled = tricky()
        random.Random(seed).shuffle(shuffled)
        assert layer(shuffled) == expected, seed


def test_the_layer_does_not_depend_on_the_order_of_iris():
    expected = layer(tricky())
    mentions = tricky()
    backwards = {m.iri: f"urn:m:{99 - n:02d}" for n, m in enumerate(mentions)}
    back = {new: old for old, new in backwards.items()}
    for m in mentions:
        m.iri = backwards[m.iri]
    assert layer(mentions, rename=lambda iri: back.get(iri, iri)) == expected


def test_the_tricky_mentions_cluster_as_a_reader_would():
    got = grouping(tricky())
    assert ["urn:m:03"] in got                              # March: the 5th or the 6th?
    assert not any("urn:m:01" in g and "urn:m:02" in g for g in got)
    assert not any("urn:m:13" in g and "urn:m:14" in g for g in got)
    assert ["urn:m:04", "urn:m:05"] in got                  # undated: the 5th or the 6th? (and "will meet" that day)
    assert not any("urn:m:06" in g and "urn:m:07" in g for g in got)   # background beside its article's news
    assert ["urn:m:01", "urn:m:06"] in got                  # ...recalls another article's news of that day
