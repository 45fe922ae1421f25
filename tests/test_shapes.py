"""SHACL shapes and quality checks catch deliberately broken data, and pass good data."""
import pytest
from pyoxigraph import RdfFormat, Store

from kg.validate import run_violation_queries, validate_files

PREFIXES = """@prefix kg: <https://w3id.org/kgnews/ns#> . @prefix kgr: <https://w3id.org/kgnews/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kga: <https://w3id.org/kgnews/id/article/> . @prefix kgm: <https://w3id.org/kgnews/id/mention/a1/> .
@prefix kgp: <https://w3id.org/kgnews/id/person/> . @prefix kgl: <https://w3id.org/kgnews/id/place/> .
@prefix kge: <https://w3id.org/kgnews/id/event/> .
"""
GOOD = PREFIXES + """
<https://w3id.org/kgnews/graph/article/a1> {
  kga:a1 a kg:Article ; kg:fileStem "a1" .
  kgm:1 a kg:VisitMention ; kg:article kga:a1 ; kg:evidence "X went." ;
      kg:beginOffset 0 ; kg:endOffset 7 ; kg:status kg:occurred ;
      kg:traveller kgp:x ; kg:destination kgl:p ;
      kg:startDate "2020-01-02"^^xsd:date ; kg:endDate "2020-01"^^xsd:gYearMonth .
  kgp:x a kg:Person ; rdfs:label "X" .
  kgl:p a kg:City ; rdfs:label "P" .
}
<https://w3id.org/kgnews/graph/events> {
  kge:e a kg:Visit ; kg:status kg:occurred ; kg:traveller kgp:x ; kg:destination kgl:p ;
      kg:mention kgm:1 ; kg:source kga:a1 .
  kgp:x a kg:Person ; skos:prefLabel "X" .
  kgl:p a kg:City ; skos:prefLabel "P" .
}
"""


def check(tmp_path, text):
    f = tmp_path / "data.trig"
    f.write_text(text)
    return validate_files([f])


def test_good_data_conforms(tmp_path):
    report = check(tmp_path, GOOD)
    assert report.conforms, report.text


@pytest.mark.parametrize("old,new,focus,words", [
    ("kg:destination kgl:p ;\n      kg:startDate", "kg:startDate", "mention/a1/1", "destination"),
    ('"2020-01"^^xsd:gYearMonth', '"2019-12-31"^^xsd:date', "mention/a1/1", "before start"),
    ('"2020-01-02"^^xsd:date', '"May 2020"', "mention/a1/1", "start date"),
    ("kg:status kg:occurred ;\n      kg:traveller", "kg:status kg:signed ;\n      kg:traveller", "mention/a1/1", "status"),
    ("kg:mention kgm:1 ; kg:source kga:a1 .", ".", "event/e", "provenance"),
    ("kg:beginOffset 0 ; kg:endOffset 7", "kg:beginOffset 9 ; kg:endOffset 7", "mention/a1/1", "offset"),
])
def test_broken_data_is_caught_with_a_named_violation(tmp_path, old, new, focus, words):
    assert old in GOOD
    report = check(tmp_path, GOOD.replace(old, new, 1))
    assert not report.conforms
    hits = [v for v in report.violations if v.focus.endswith(focus) and words in v.message]
    assert hits, report.text


def test_meeting_needs_two_participants_and_agreement_parties_are_states(tmp_path):
    bad = PREFIXES + """
    kga:a a kg:Article ; kg:fileStem "a" .
    kgr:m a kg:MeetingMention ; kg:article kga:a ; kg:evidence "s" ; kg:beginOffset 0 ; kg:endOffset 1 ;
        kg:status kg:occurred ; kg:participant kgp:x .
    kgr:g a kg:AgreementMention ; kg:article kga:a ; kg:evidence "s" ; kg:beginOffset 0 ; kg:endOffset 1 ;
        kg:status kg:signed ; kg:party kgp:x, kgp:y .
    kgp:x a kg:Person ; rdfs:label "X" . kgp:y a kg:Person ; rdfs:label "Y" .
    """
    f = tmp_path / "bad.ttl"
    f.write_text(bad)
    report = validate_files([f])
    text = report.text
    assert "two participants" in text and "state or an organisation" in text


def test_violation_queries_name_orphan_events():
    store = Store()
    store.load(GOOD.replace("kgm:1 a kg:VisitMention ; kg:article kga:a1 ;",
                            "kgm:1 a kg:VisitMention ;"), format=RdfFormat.TRIG)
    found = run_violation_queries(store)
    assert any(v.focus.endswith("event/e") and "orphan" in v.path for v in found)
    clean = Store()
    clean.load(GOOD, format=RdfFormat.TRIG)
    assert run_violation_queries(clean) == []


def test_every_ontology_term_has_label_and_comment():
    import rdflib
    g = rdflib.Graph().parse("ontology/kg.ttl")
    KG = "https://w3id.org/kgnews/ns#"
    terms = {s for s in g.subjects() if str(s).startswith(KG)}
    assert len(terms) > 40
    for t in terms:
        assert g.value(t, rdflib.RDFS.label) and g.value(t, rdflib.RDFS.comment), t
    shapes = rdflib.Graph().parse("shapes/kg-shapes.ttl")
    used = {o for o in shapes.objects() if str(o).startswith(KG)}
    assert used <= terms, used - terms
