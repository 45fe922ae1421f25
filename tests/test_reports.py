"""What each source article reports of an event (kg/graph/reports.py), on mentions built by hand.
(The stored layer's reports are checked against a rebuild by tests/test_incremental.py, and
against the events' sources by shapes/report-source-violation.rq.)"""
from pyoxigraph import Literal, NamedNode

from kg import vocab as v
from kg.graph.merge import event_quads
from kg.graph.reports import report_node, report_quads

from test_merge import CITY, PARENT, agreement, dated, meeting, visit

KG = v.NS
EVENT = NamedNode(v.RES + "event/e")


def reports(quads) -> dict[str, dict[str, str]]:
    """{article: {property: value}} of the reports among `quads`."""
    of = {q.subject: q.object.value for q in quads if q.predicate.value == KG + "reportedIn"}
    out = {a: {} for a in of.values()}
    for q in quads:
        if q.subject in of and q.predicate.value != KG + "reportedIn" and q.predicate.value != v.RDF + "type":
            out[of[q.subject]][q.predicate.value.rsplit("#", 1)[-1]] = q.object.value.rsplit("#", 1)[-1]
    return out


def test_an_article_reports_the_strongest_status_its_mentions_give():
    group = [meeting("urn:m1", "a", status="planned"), meeting("urn:m2", "a", status="occurred"),
             meeting("urn:m3", "b", status="invited")]
    got = reports(report_quads(EVENT, "Meeting", group, None, None))
    assert got == {"urn:article/a": {"reportedStatus": "occurred"}, "urn:article/b": {"reportedStatus": "invited"}}


def test_a_called_off_report_outranks_one_that_it_happened():
    group = [visit("urn:v1", "occurred", CITY, article="a"), visit("urn:v2", "cancelled", CITY, article="a")]
    assert reports(report_quads(EVENT, "Visit", group, None, None))["urn:article/a"]["reportedStatus"] == "cancelled"


def test_an_agreement_that_happened_is_signed():
    group = [agreement("urn:g1", "a", status="signed")]
    assert reports(report_quads(EVENT, "Agreement", group, None, None))["urn:article/a"]["reportedStatus"] == "signed"


def test_an_article_agreeing_with_the_event_start_gives_the_events_dates():
    """One of its mentions gives the event's start: the row shows the event's start and end, not
    the article's other, coarser date."""
    start, end = Literal("2024-03-05", datatype=NamedNode(v.XSD + "date")), Literal("2024-03-07", datatype=NamedNode(v.XSD + "date"))
    group = [visit("urn:v1", "occurred", CITY, "2024-03-05", article="a"), visit("urn:v2", "occurred", CITY, "2024-03", article="a")]
    got = reports(report_quads(EVENT, "Visit", group, start, end))["urn:article/a"]
    assert (got["reportedStart"], got["reportedEnd"]) == ("2024-03-05", "2024-03-07")


def test_an_article_with_other_dates_gives_its_earliest_start_and_latest_end():
    start = Literal("2024-03-05", datatype=NamedNode(v.XSD + "date"))
    first = dated(visit("urn:v1", "planned", CITY, "2024-03-09", article="b"), "endDate", "2024-03-10")
    second = dated(visit("urn:v2", "planned", CITY, "2024-03-08", article="b"), "endDate", "2024-03-12")
    got = reports(report_quads(EVENT, "Visit", [first, second], start, None))["urn:article/b"]
    assert (got["reportedStart"], got["reportedEnd"]) == ("2024-03-08", "2024-03-12")


def test_an_article_that_gives_no_date_shows_the_events():
    start = Literal("2024-03", datatype=NamedNode(v.XSD + "gYearMonth"))
    got = reports(report_quads(EVENT, "Meeting", [meeting("urn:m1", "a")], start, None))["urn:article/a"]
    assert got["reportedStart"] == "2024-03" and "reportedEnd" not in got


def test_an_event_has_one_report_per_source_with_its_own_iri():
    group = [meeting("urn:m1", "a", "2024-05-02", place=CITY), meeting("urn:m2", "b", "2024-05-02", place=CITY)]
    quads = event_quads(group, PARENT)
    event = quads[0].subject
    sources = {q.object.value for q in quads if q.predicate.value == KG + "source"}
    linked = {q.object for q in quads if q.subject == event and q.predicate.value == KG + "report"}
    assert set(reports(quads)) == sources == {"urn:article/a", "urn:article/b"}
    assert linked == {report_node(event, "urn:article/a"), report_node(event, "urn:article/b")}
    assert len(linked) == 2 and all(r.value.startswith(v.RES + "report/") for r in linked)
    assert reports(quads)["urn:article/a"] == {"reportedStatus": "occurred", "reportedStart": "2024-05-02"}


def test_an_article_dated_where_the_event_is_not_gives_its_own_date():
    got = reports(report_quads(EVENT, "Meeting", [meeting("urn:m1", "a", "2024-05")], None, None))["urn:article/a"]
    assert got["reportedStart"] == "2024-05"


def test_a_meeting_said_signed_is_reported_as_occurred_and_an_agreement_said_occurred_as_signed():
    """The two statuses rank alike; each kind of event takes its own word for having happened."""
    assert reports(report_quads(EVENT, "Meeting", [meeting("urn:m1", "a", status="signed")], None, None)) == \
        {"urn:article/a": {"reportedStatus": "occurred"}}
    assert reports(report_quads(EVENT, "Agreement", [agreement("urn:g1", "a", status="occurred")], None, None)) == \
        {"urn:article/a": {"reportedStatus": "signed"}}
