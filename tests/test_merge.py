"""Cross-article event clustering (kg/graph/merge.py) on plain mentions."""
from pyoxigraph import Literal, NamedNode

from kg import vocab as v
from kg.graph.merge import Mention, clusters

KG = v.NS
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
CITY, COUNTRY, OTHER = "urn:city", "urn:country", "urn:elsewhere"
PARENT = {CITY: {COUNTRY}}


def visit(iri, status, place, day=None, who="urn:p1"):
    m = Mention(iri, "Visit", status, "urn:article/" + iri)
    m.props[KG + "traveller"].append(NamedNode(who))
    m.props[KG + "destination"].append(NamedNode(place))
    if day:
        m.props[KG + "startDate"].append(Literal(day, datatype=XSD_DATE))
    return m


def grouping(mentions):
    return sorted(sorted(m.iri for m in g) for g in clusters(mentions, PARENT))


def test_reports_of_one_visit_merge_city_within_country():
    assert grouping([visit("a", "occurred", CITY, "2018-05-31"), visit("b", "occurred", COUNTRY, "2018-05-31"),
                     visit("c", "occurred", COUNTRY)]) == [["a", "b", "c"]]


def test_an_invitation_is_not_chained_to_the_visit_through_an_undated_report():
    # c (occurred, undated) is compatible with both a and b, but a (invited) and b (occurred) conflict.
    got = grouping([visit("a", "invited", CITY), visit("b", "occurred", CITY, "2018-05-31"),
                    visit("c", "occurred", COUNTRY)])
    assert ["a"] in got and any("b" in g and "c" in g for g in got)


def test_other_dates_or_places_or_travellers_stay_apart():
    assert grouping([visit("a", "occurred", CITY, "2018-05-31"), visit("b", "occurred", CITY, "2019-01-02"),
                     visit("c", "occurred", OTHER, "2018-05-31"),
                     visit("d", "occurred", CITY, "2018-05-31", who="urn:p2")]) == [["a"], ["b"], ["c"], ["d"]]


def meeting(iri, article, day=None, place=None):
    m = Mention(iri, "Meeting", "occurred", "urn:article/" + article)
    for who in ("urn:p1", "urn:p2"):
        m.props[KG + "participant"].append(NamedNode(who))
    if place:
        m.props[KG + "place"].append(NamedNode(place))
    if day:
        m.props[KG + "date"].append(Literal(day, datatype=XSD_DATE))
    return m


def test_an_undated_placeless_meeting_from_another_article_stays_apart():
    # the same two people meet often: without date or place another report may be another meeting
    assert grouping([meeting("a", "x", "2018-04-10", CITY), meeting("b", "y")]) == [["a"], ["b"]]
    assert grouping([meeting("a", "x", "2018-04-10", CITY), meeting("b", "y", place=COUNTRY)]) == [["a", "b"]]


def test_a_report_whose_date_words_could_not_be_read_joins_no_dated_report():
    unread = visit("b", "occurred", CITY)
    unread.props[KG + "dateText"].append(Literal("on Tuesday"))
    assert grouping([visit("a", "occurred", COUNTRY, "2022-11-15"), unread]) == [["a"], ["b"]]


def test_reports_of_one_trip_a_day_apart_are_one_visit_starting_on_the_first_day():
    from kg.graph.merge import event_quads
    a, b = visit("urn:m:a", "occurred", COUNTRY, "2024-07-08"), visit("urn:m:b", "occurred", CITY, "2024-07-09")
    far = visit("urn:m:c", "occurred", CITY, "2024-07-20")
    assert grouping([a, b, far]) == [["urn:m:a", "urn:m:b"], ["urn:m:c"]]
    starts = [q.object.value for q in event_quads([b, a], PARENT) if q.predicate.value == KG + "startDate"]
    assert starts == ["2024-07-08"]
