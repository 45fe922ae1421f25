"""Per-mention quarantine on hand-built records, validated by the real shapes: a mention
that breaks a shape is dropped and the rest of its article kept; an article-level fault refuses it."""
from dataclasses import replace

from kg import errors
from kg.graph.quarantine import check_article
from kg.graph.rdf import article_quads, ntriples
from kg.graph.validate import validate_ntriples
from kg.records import Actor, ArticleMeta, ArticleRecord, Evidence, EventRecord, RoleAssignment

TEXT = ("Ivo Marek visited Tallinn. Ivo Marek met Lena Sorsa. Ivo Marek met Ivo Marek. "
        "Oskar Lind arrived. Estonia and Finland signed a pact.")
ESTONIA = Actor("geonames-453733", "Country", "Estonia", geonames_id="453733")
FINLAND = Actor("geonames-660013", "Country", "Finland", geonames_id="660013")
TALLINN = Actor("geonames-588409", "City", "Tallinn", geonames_id="588409", located_in=ESTONIA)
IVO = Actor("ivo-marek", "Person", "Ivo Marek")
LENA = Actor("lena-sorsa", "Person", "Lena Sorsa")
OSKAR = Actor("oskar-lind", "Person", "Oskar Lind")


def mention(kind: str, sentence: str, rule: str, **kw) -> EventRecord:
    start = TEXT.index(sentence)
    status = "signed" if kind == "Agreement" else "occurred"
    return EventRecord(type=kind, status=status, evidence=Evidence(sentence, start, start + len(sentence)),
                       rule=rule, **kw)


VISIT = mention("Visit", "Ivo Marek visited Tallinn.", "visit-verb", agents=[IVO], place=TALLINN)
MEETING = mention("Meeting", "Ivo Marek met Lena Sorsa.", "meet-verb", agents=[IVO, LENA])
LONE_MEETING = mention("Meeting", "Ivo Marek met Ivo Marek.", "meet-verb", agents=[IVO])
NOWHERE_VISIT = mention("Visit", "Oskar Lind arrived.", "travel-verb", agents=[OSKAR])
PACT = mention("Agreement", "Estonia and Finland signed a pact.", "sign-verb", agents=[ESTONIA, FINLAND])


def article(*events, sha256="ab" * 32, roles=()) -> ArticleRecord:
    return ArticleRecord("t1", TEXT, sha256, ArticleMeta(published="2031-04-05"), list(events), list(roles))


def nodes(quads) -> set[str]:
    return {q.subject.value for q in quads} | {q.object.value for q in quads if not hasattr(q.object, "datatype")}


def test_the_bad_mentions_are_dropped_and_the_good_ones_kept():
    checked = check_article(article(VISIT, LONE_MEETING, MEETING, NOWHERE_VISIT, PACT))
    assert not checked.refused and not checked.report.conforms
    assert [d.event for d in checked.dropped] == [LONE_MEETING, NOWHERE_VISIT]
    assert checked.dropped[0].reasons == ["a meeting needs at least two participants, each a kg:Actor"]
    assert checked.dropped[1].reasons == ["a visit needs exactly one destination, a kg:Place"]
    assert checked.record.events == [VISIT, MEETING, PACT]
    assert validate_ntriples(ntriples(checked.quads)).conforms
    assert checked.quads == article_quads(checked.record)   # minted again: nothing of the dropped is left
    assert not any("oskar-lind" in n for n in nodes(checked.quads))


def test_an_article_without_a_bad_mention_is_kept_whole():
    record = article(VISIT, MEETING, PACT)
    checked = check_article(record)
    assert checked.report.conforms and not checked.refused and checked.dropped == []
    assert checked.record is record and checked.quads == article_quads(record)


def test_strict_refuses_the_whole_article_for_one_bad_mention():
    checked = check_article(article(VISIT, LONE_MEETING, MEETING), strict=True)
    assert checked.refused and checked.quads == [] and checked.dropped == []
    assert "at least two participants" in checked.report.text


def test_an_article_level_violation_still_refuses_the_article():
    checked = check_article(article(VISIT, LONE_MEETING, sha256="not-a-hash"))
    assert checked.refused and checked.quads == []
    assert "content hash" in checked.report.text and "at least two participants" in checked.report.text


def test_a_bad_role_is_no_mention_and_refuses_the_article():
    bad_role = RoleAssignment(holder=Actor("baltic-council", "Organization", "Baltic Council"), role="Chair")
    checked = check_article(article(VISIT, MEETING, roles=[bad_role]))
    assert checked.refused and "holder" in checked.report.text


def test_a_bad_place_drops_every_mention_that_names_it_even_through_located_in():
    bad_country = replace(ESTONIA, geonames_id="EE")          # a GeoNames id must be digits
    town = replace(TALLINN, located_in=bad_country)
    visit = replace(VISIT, place=town)
    checked = check_article(article(visit, MEETING))
    assert not checked.refused and [d.event for d in checked.dropped] == [visit]
    assert checked.dropped[0].reasons[0].startswith("kgr:place/geonames-453733 kg:geonamesId: a GeoNames id")
    assert checked.record.events == [MEETING] and validate_ntriples(ntriples(checked.quads)).conforms


def test_a_bad_place_still_named_by_a_role_refuses_the_article():
    """Dropping the visit leaves the bad country in the graph through the role: nothing is stored."""
    bad_country = replace(ESTONIA, geonames_id="EE")
    visit = replace(VISIT, place=replace(TALLINN, located_in=bad_country))
    role = RoleAssignment(IVO, "Foreign Minister", of=bad_country)
    checked = check_article(article(visit, MEETING, roles=[role]))
    assert checked.refused and checked.quads == [] and "GeoNames id" in checked.report.text
    assert not check_article(article(visit, MEETING, roles=[replace(role, of=FINLAND)])).refused


def test_the_warning_is_one_line_with_the_sentence_shortened():
    sentence = ("Ivo Marek met Ivo Marek in the old town hall of Tallinn\non a rainy morning, "
                "aides to both said afterwards.")
    line = errors.dropped_mention("in/t1.txt", 120, 220, sentence, "meet-verb", ["a meeting needs two", "x"])
    assert "\n" not in line
    assert line.startswith('dropped: in/t1.txt: sentence at 120-220 "Ivo Marek met Ivo Marek in the old town hall of')
    assert line.endswith(' ..." (rule meet-verb): a meeting needs two; x')
    short = errors.dropped_mention("t1.txt", 0, 10, "A met A.", "", ["why"])
    assert short == 'dropped: t1.txt: sentence at 0-10 "A met A.": why'
