"""The ontology documents every term; the SHACL shapes and SPARQL quality checks pass valid data
(docs/model.md) and catch deliberately broken copies of it, naming the offending node."""
import re
import subprocess
import sys

import pytest
from pyoxigraph import RdfFormat, Store

from kg import errors
from kg.graph.reference import load_shapes, pyshacl_report
from kg.graph.validate import (run_violation_queries, validate_files, validate_graph,
                               validate_article, validate_ntriples, validate_store)
from kg.paths import ROOT
from kg.vocab import NS, RES

PREFIXES = """@prefix kg: <https://w3id.org/kgnews/ns#> . @prefix kgr: <https://w3id.org/kgnews/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix kga: <https://w3id.org/kgnews/id/article/> . @prefix kgm: <https://w3id.org/kgnews/id/mention/a1/> .
@prefix kgp: <https://w3id.org/kgnews/id/person/> . @prefix kgo: <https://w3id.org/kgnews/id/org/> .
@prefix kgl: <https://w3id.org/kgnews/id/place/> . @prefix kge: <https://w3id.org/kgnews/id/event/> .
@prefix kgx: <https://w3id.org/kgnews/id/report/> .
"""
# One article graph (a visit, a meeting, an agreement, a role) and the event layer derived from it.
# Evidence offsets match the evidence lengths, as the evidence-offsets check demands.
GOOD = PREFIXES + """
<https://w3id.org/kgnews/graph/article/a1> {
  kga:a1 a kg:Article ; kg:fileStem "a1" ; schema:datePublished "2020-01-03"^^xsd:date ;
      kg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" .
  kgm:1 a kg:VisitMention ; kg:article kga:a1 ; kg:evidence "X went to P." ;
      kg:beginOffset 0 ; kg:endOffset 12 ; kg:trigger "went" ; kg:rule "visit-verb" ; kg:confidence 0.964 ;
      kg:status kg:occurred ; kg:traveller kgp:x ; kg:destination kgl:p ;
      kg:startDate "2020-01-02"^^xsd:date ; kg:endDate "2020-01"^^xsd:gYearMonth ;
      kg:datePrecision kg:day ; kg:dateText "on 2 January" .
  kgm:2 a kg:MeetingMention ; kg:article kga:a1 ; kg:evidence "X met Y." ;
      kg:beginOffset 13 ; kg:endOffset 21 ; kg:status kg:occurred ;
      kg:participant kgp:x, kgp:y ; kg:place kgl:p ; kg:mode kg:inPerson ;
      kg:date "2020-01"^^xsd:gYearMonth ; kg:datePrecision kg:month .
  kgm:3 a kg:AgreementMention ; kg:article kga:a1 ; kg:evidence "C and D signed a pact." ;
      kg:beginOffset 22 ; kg:endOffset 44 ; kg:status kg:signed ;
      kg:party kgl:c, kgo:d ; kg:signatory kgp:x ; kg:name "pact" ;
      kg:date "2020"^^xsd:gYear ; kg:datePrecision kg:year .
  <https://w3id.org/kgnews/id/role/a1/1> a kg:RoleAssignment ; kg:holder kgp:x ; kg:roleName "Foreign Minister" ;
      kg:roleOf kgl:c ; kg:asOf "2020-01-03"^^xsd:date ; kg:article kga:a1 .
  <https://w3id.org/kgnews/id/role/a1/2> a kg:RoleAssignment ; kg:holder kgp:w ; kg:roleName "Ambassador" ;
      kg:roleOf kgl:c ; kg:asOf "2020-01-03"^^xsd:date ; kg:article kga:a1 .
  kga:a1 kg:mentions kgp:w .
  kgp:x a kg:Person ; rdfs:label "X" ; kg:countryCode "CCC" .
  kgp:y a kg:Person ; rdfs:label "Y" .
  kgp:w a kg:Person ; rdfs:label "W" .
  kgo:d a kg:Organization ; rdfs:label "D" .
  kgl:p a kg:City ; rdfs:label "P" ; kg:geonamesId "1" ; owl:sameAs <https://sws.geonames.org/1/> ;
      kg:locatedIn kgl:c ; kg:countryCode "CCC" ; geo:lat 48.853 ; geo:long 2.349 .
  kgl:c a kg:Country ; rdfs:label "C" ; kg:geonamesId "2" .
}
<https://w3id.org/kgnews/graph/events> {
  kge:v a kg:Visit ; kg:status kg:occurred ; kg:traveller kgp:x ;
      kg:destination kgl:p ; kg:startDate "2020-01-02"^^xsd:date ; kg:datePrecision kg:day ;
      kg:cameo "042" ; kg:plover "CONSULT" ; kg:ploverMode "visit" ;
      kg:report kgx:v ; kg:mention kgm:1 ; kg:source kga:a1 .
  kge:m a kg:Meeting ; kg:status kg:occurred ; kg:participant kgp:x, kgp:y ; kg:place kgl:p ;
      kg:mode kg:inPerson ; kg:report kgx:m ; kg:mention kgm:2 ; kg:source kga:a1 .
  kge:g a kg:Agreement ; kg:status kg:signed ; kg:party kgl:c, kgo:d ; kg:signatory kgp:x ;
      kg:report kgx:g ; kg:mention kgm:3 ; kg:source kga:a1 .
  kgx:v a kg:SourceReport ; kg:reportedIn kga:a1 ; kg:reportedStatus kg:occurred ;
      kg:reportedStart "2020-01-02"^^xsd:date ; kg:reportedEnd "2020-01"^^xsd:gYearMonth .
  kgx:m a kg:SourceReport ; kg:reportedIn kga:a1 ; kg:reportedStatus kg:occurred .
  kgx:g a kg:SourceReport ; kg:reportedIn kga:a1 ; kg:reportedStatus kg:signed .
  kgp:x a kg:Person ; skos:prefLabel "X" ; kg:nameKey "x" .
  kgp:y a kg:Person ; skos:prefLabel "Y" ; kg:nameKey "y" .
  kgp:w a kg:Person ; skos:prefLabel "W" ; kg:nameKey "w" .
  <https://w3id.org/kgnews/id/role/r1> a kg:Role ; kg:roleName "Foreign Minister" ; kg:holder kgp:x ; kg:roleOf kgl:c ;
      kg:firstSeen "2020-01-03"^^xsd:date ; kg:lastSeen "2020-01-03"^^xsd:date ; kg:statedIn kga:a1 .
  <https://w3id.org/kgnews/id/role/r2> a kg:Role ; kg:holder kgp:w ; kg:roleName "Ambassador" ; kg:roleOf kgl:c ;
      kg:firstSeen "2020-01-03"^^xsd:date ; kg:lastSeen "2020-01-03"^^xsd:date ; kg:statedIn kga:a1 .
  kgo:d a kg:Organization ; skos:prefLabel "D" ; kg:nameKey "d" .
  kgl:p a kg:City ; skos:prefLabel "P" ; kg:nameKey "p" ; kg:locatedIn kgl:c .
  kgl:c a kg:Country ; skos:prefLabel "C" ; kg:nameKey "c" .
}
"""


def broken(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, f"edit target must be unique: {old!r}"
    return GOOD.replace(old, new)


def check_trig(tmp_path, text):
    f = tmp_path / "data.trig"
    f.write_text(text)
    return validate_files([f])


def store_of(text: str) -> Store:
    store = Store()
    store.load(text.encode(), format=RdfFormat.TRIG)
    return store


# --- valid data ---------------------------------------------------------------------------------

def test_valid_data_conforms(tmp_path):
    report = check_trig(tmp_path, GOOD)
    assert report.conforms, report.text
    assert report.results == [] and report.text.startswith("conforms")


def test_valid_data_conforms_by_every_entry_point():
    import rdflib
    ds = rdflib.Dataset()
    ds.parse(data=GOOD, format="trig")
    assert validate_graph(ds).conforms                          # a Dataset: validated as the union
    nq = store_of(GOOD).dump(format=RdfFormat.N_QUADS).decode()
    assert validate_ntriples(nq).conforms, validate_ntriples(nq).text
    assert validate_store(store_of(GOOD)).conforms


# --- SHACL catches broken data --------------------------------------------------------------------

BREAKS = {
    "visit without destination": (
        "kg:traveller kgp:x ; kg:destination kgl:p ;\n      kg:startDate",
        "kg:traveller kgp:x ;\n      kg:startDate", "mention/a1/1", "exactly one destination"),
    "meeting with one participant": (
        "kg:participant kgp:x, kgp:y ; kg:place kgl:p ; kg:mode kg:inPerson ;\n      kg:date",
        "kg:participant kgp:x ; kg:place kgl:p ; kg:mode kg:inPerson ;\n      kg:date",
        "mention/a1/2", "at least two participants"),
    "meeting status not in its list": (
        "kg:beginOffset 13 ; kg:endOffset 21 ; kg:status kg:occurred",
        "kg:beginOffset 13 ; kg:endOffset 21 ; kg:status kg:invited", "mention/a1/2", "meeting's status"),
    "status not a status at all": (
        "kg:status kg:signed ; kg:party kgl:c, kgo:d ; kg:signatory kgp:x ;\n      kg:report",
        "kg:status kg:done ; kg:party kgl:c, kgo:d ; kg:signatory kgp:x ;\n      kg:report",
        "event/g", "exactly one status"),
    "date with wrong datatype": (
        'kg:startDate "2020-01-02"^^xsd:date ; kg:endDate', 'kg:startDate "May 2018" ; kg:endDate',
        "mention/a1/1", "start date is at most one xsd:date"),
    "end before start": (
        'kg:endDate "2020-01"^^xsd:gYearMonth', 'kg:endDate "2019-12-31"^^xsd:date',
        "mention/a1/1", "is before start date"),
    "end year before start": (
        'kg:endDate "2020-01"^^xsd:gYearMonth', 'kg:endDate "2019"^^xsd:gYear',
        "mention/a1/1", "is before start date"),
    "event without source": (
        "kg:mention kgm:1 ; kg:source kga:a1 .", "kg:mention kgm:1 .", "event/v", "kg:source"),
    "event without mention": (
        "kg:mention kgm:2 ; kg:source kga:a1 .", "kg:source kga:a1 .", "event/m", "kg:mention"),
    "agreement party that is a person": (
        "kg:party kgl:c, kgo:d ; kg:signatory kgp:x ; kg:name", "kg:party kgl:c, kgp:y ; kg:signatory kgp:x ; kg:name",
        "mention/a1/3", "each a state"),
    "evidence offsets reversed": (
        "kg:beginOffset 0 ; kg:endOffset 12", "kg:beginOffset 12 ; kg:endOffset 0", "mention/a1/1", "offsets reversed"),
    "negative offset": (
        "kg:beginOffset 0 ; kg:endOffset 12", "kg:beginOffset -1 ; kg:endOffset 12", "mention/a1/1", ">= 0"),
    "offset not an integer": (
        "kg:beginOffset 0 ; kg:endOffset 12", 'kg:beginOffset "0" ; kg:endOffset 12', "mention/a1/1", "xsd:integer"),
    "mention without article": (
        'kgm:3 a kg:AgreementMention ; kg:article kga:a1 ;', "kgm:3 a kg:AgreementMention ;",
        "mention/a1/3", "source article"),
    "empty evidence": ('"X met Y."', '""', "mention/a1/2", "non-empty evidence"),
    "precision does not match the date": (
        "kg:date \"2020\"^^xsd:gYear ; kg:datePrecision kg:year", "kg:date \"2020\"^^xsd:gYear ; kg:datePrecision kg:day",
        "mention/a1/3", "does not match the date"),
    "precision not in its list": (
        "kg:datePrecision kg:month", "kg:datePrecision kg:week", "mention/a1/2", "date precision is one of"),
    "mode not in its list": (
        "kg:place kgl:p ; kg:mode kg:inPerson ;\n      kg:date", "kg:place kgl:p ; kg:mode kg:letter ;\n      kg:date",
        "mention/a1/2", "mode is one of"),
    "actor without a name": ('kgp:y a kg:Person ; rdfs:label "Y" .',
                             'kgp:y a kg:Person ; rdfs:label "Y" .\n  kgp:z a kg:Person .', "person/z", "needs a name"),
    "role without holder": ("kg:holder kgp:x ; kg:roleName", "kg:roleName", "role/a1/1", "exactly one holder"),
    "article without stem": ('kg:fileStem "a1" ;', "", "article/a1", "file stem"),
    "event-layer role stated in no article": ("kg:roleName \"Ambassador\" ; kg:roleOf kgl:c ;\n      kg:firstSeen \"2020-01-03\"^^xsd:date ; kg:lastSeen \"2020-01-03\"^^xsd:date ; kg:statedIn kga:a1 .",
                                              "kg:roleName \"Ambassador\" ; kg:roleOf kgl:c .", "role/r2", "stated in at least one"),
    "event-layer role with two holders": ("kg:holder kgp:w ; kg:roleName \"Ambassador\" ; kg:roleOf kgl:c ;\n      kg:firstSeen",
                                          "kg:holder kgp:w, kgp:y ; kg:roleName \"Ambassador\" ; kg:roleOf kgl:c ;\n      kg:firstSeen",
                                          "role/r2", "exactly one holder"),
    "country code of two letters": ('rdfs:label "X" ; kg:countryCode "CCC"', 'rdfs:label "X" ; kg:countryCode "FR"',
                                    "person/x", "three capital letters"),
    "country code in lower case": ('kg:countryCode "CCC" ; geo:lat', 'kg:countryCode "fra" ; geo:lat',
                                   "place/p", "three capital letters"),
    "latitude beyond the pole": ("geo:lat 48.853", "geo:lat 91.5", "place/p", "latitude is at most one xsd:decimal from -90"),
    "longitude out of range": ("geo:long 2.349", "geo:long -180.5", "place/p", "longitude is at most one"),
    "latitude as text": ("geo:lat 48.853", 'geo:lat "48.853"', "place/p", "latitude"),
    "confidence above one": ("kg:confidence 0.964", "kg:confidence 1.2", "mention/a1/1", "confidence is at most one"),
    "confidence below zero": ("kg:confidence 0.964", "kg:confidence -0.1", "mention/a1/1", "confidence"),
    "CAMEO code not digits": ('kg:cameo "042"', 'kg:cameo "04A"', "event/v", "CAMEO code"),
    "CAMEO code too short": ('kg:cameo "042"', 'kg:cameo "42"', "event/v", "CAMEO code"),
    "PLOVER type not PLOVER's": ('kg:plover "CONSULT"', 'kg:plover "VISIT"', "event/v", "PLOVER type"),
    "PLOVER mode not one kg gives": ('kg:ploverMode "visit"', 'kg:ploverMode "by-letter"', "event/v", "PLOVER mode"),
    "event without its source's report": ("kg:report kgx:m ; kg:mention kgm:2", "kg:mention kgm:2", "event/m",
                                          "at least one kg:report, a kg:SourceReport"),
    "source report of two statuses": ("kg:reportedStatus kg:signed", "kg:reportedStatus kg:signed, kg:planned",
                                      "report/g", "exactly one status"),
    "source report dated in words": ('kg:reportedEnd "2020-01"^^xsd:gYearMonth', 'kg:reportedEnd "January"',
                                     "report/v", "end is at most one"),
    "name key not folded": ('skos:prefLabel "D" ; kg:nameKey "d"', 'skos:prefLabel "D" ; kg:nameKey "d" ; kg:wordKey "D  x"',
                            "org/d", "lower case with single spaces"),
}


@pytest.mark.parametrize("case", BREAKS, ids=list(BREAKS))
def test_broken_data_is_caught_with_a_named_violation(tmp_path, case):
    old, new, focus, words = BREAKS[case]
    report = check_trig(tmp_path, broken(old, new))
    assert not report.conforms
    hits = [v for v in report.results if v.focus.endswith(focus) and words in v.message]
    assert hits, report.text
    assert f"kgr:{focus}" in report.text          # the readable report names the node too


def as_ntriples(text: str) -> str:
    store = store_of(text)
    return b"".join(store.dump(format=RdfFormat.N_TRIPLES, from_graph=g) for g in store.named_graphs()).decode()


@pytest.mark.parametrize("case", ["valid", *BREAKS], ids=["valid", *BREAKS])
def test_every_entry_point_gives_pyshacls_report_line_for_line(case):
    """The SHACL engine (shacl) says what pyshacl, the reference, says of the same graph: the same
    lines (focus node, path, message, value), so the same verdict; by each way in."""
    nt = as_ntriples(GOOD if case == "valid" else broken(*BREAKS[case][:2]))
    reference = pyshacl_report(nt)
    assert reference.conforms == (case == "valid")
    assert validate_article(nt).text == validate_ntriples(nt).text == reference.text


def test_a_literal_focus_node_reads_as_pyshacl_gives_it():
    """The engine names terms in N-Triples syntax; the report has them as pyshacl did: a literal
    by its lexical form, its escapes undone (a tab, quotes, a non-ASCII letter, a line break)."""
    nt = as_ntriples(broken("kga:a1 kg:mentions kgp:w .", 'kga:a1 kg:mentions kgp:w, "Tab\\t \\"Q\\" caf\\u00e9\\n", 42 .'))
    report = validate_article(nt)
    assert report.text == pyshacl_report(nt).text
    assert [v.focus for v in report.results] == ["42", 'Tab\t "Q" café\n']


def test_report_text_is_one_line_per_violation(tmp_path):
    report = check_trig(tmp_path, broken("kg:participant kgp:x, kgp:y ; kg:place kgl:p ; kg:mode kg:inPerson ;\n"
                                         "      kg:date", "kg:participant kgp:x ; kg:place kgl:p ; kg:mode kg:inPerson ;\n"
                                         "      kg:date").replace("kg:mentions kgp:w .", "kg:mentions kgp:w, kgp:y ."))
    lines = report.text.splitlines()   # (Y, in no event of the article now, is listed as mentioned)
    assert lines[0] == "1 violation(s):"
    assert lines[1] == ("  kgr:mention/a1/2 kg:participant: "
                        "a meeting needs at least two participants, each a kg:Actor")
    v = report.results[0]
    assert (v.severity, v.path) == ("Violation", NS + "participant")


def test_a_blank_node_is_one_node_across_graphs_and_predicates(tmp_path):
    """The store is read a predicate at a time (kg/graph/validate.py `_union`): a blank node keeps
    its identity across those reads, so a mention made a blank node is still whole (two
    participants, one article) and only the event's IRI-only kg:mention objects, as with pyshacl."""
    from kg.graph.reference import pyshacl_store_report
    store = store_of(GOOD.replace("kgm:2 ", "_:m2 ").replace("kgm:2 .", "_:m2 ."))
    ours, theirs = validate_store(store), pyshacl_store_report(store)
    assert [(v.focus, v.path, v.message) for v in ours.results] == [(v.focus, v.path, v.message) for v in theirs.results]
    assert [(v.focus, v.path) for v in ours.results] == [(RES + "event/m", NS + "mention")], ours.text


def test_subclass_targets_and_sh_class_use_the_ontology(tmp_path):
    """A kg:Country traveller is a kg:Actor only through the ontology's rdfs:subClassOf."""
    report = check_trig(tmp_path, broken("kg:traveller kgp:x ; kg:destination kgl:p ;\n      kg:startDate",
                                         "kg:traveller kgl:c ; kg:destination kgl:p ;\n      kg:startDate"))
    assert report.conforms, report.text


# --- the SPARQL quality checks --------------------------------------------------------------------

QUERY_BREAKS = {
    "orphan-event-violation": ("kg:mention kgm:1 ; kg:source kga:a1 .",
                               "kg:mention kgm:1, kgm:99 ; kg:source kga:a1 .", "event/v"),
    "evidence-offsets-violation": ("kg:beginOffset 0 ; kg:endOffset 12", "kg:beginOffset 12 ; kg:endOffset 0",
                                   "mention/a1/1"),
    "missing-label-violation": ('kgl:p a kg:City ; skos:prefLabel "P" ;', "kgl:p a kg:City ;", "place/p"),
    "missing-key-violation": ('skos:prefLabel "C" ; kg:nameKey "c" .', 'skos:prefLabel "C" ; kg:nameKey "cc" .', "place/c"),
    "unneeded-actor-violation": ("kga:a1 kg:mentions kgp:w .", "", "person/w"),
    "event-without-source-violation": ("kg:mention kgm:2 ; kg:source kga:a1 .", "kg:mention kgm:2 .", "event/m"),
    "two-country-codes-violation": ('rdfs:label "X" ; kg:countryCode "CCC"', 'rdfs:label "X" ; kg:countryCode "CCC", "DDD"',
                                    "person/x"),
    "report-source-violation": ("kgx:m a kg:SourceReport ; kg:reportedIn kga:a1",
                                "kgx:m a kg:SourceReport ; kg:reportedIn kga:a2", "event/m"),
}


def test_namesakes_of_two_states_in_two_articles_conform(tmp_path):
    """Two articles, each naming a person of that name with another state: two people, no violation."""
    second = GOOD.split("<https://w3id.org/kgnews/graph/events>")[0].replace("article/a1>", "article/a2>", 1) \
        .replace('kg:countryCode "CCC" .', 'kg:countryCode "DDD" .')
    assert '"DDD"' in second
    report = check_trig(tmp_path, GOOD + second.replace(PREFIXES, ""))
    assert report.conforms, report.text


def test_every_violation_query_is_documented_and_tested():
    files = sorted(p.stem for p in (ROOT / "shapes").glob("*-violation.rq"))
    assert files == sorted(QUERY_BREAKS)
    for name in files:
        first = (ROOT / "shapes" / f"{name}.rq").read_text().splitlines()[0]
        assert first.startswith("#+ summary: "), name


def test_violation_queries_find_nothing_in_valid_data():
    found = run_violation_queries(store_of(GOOD))
    assert [name for name, _ in found] == sorted(QUERY_BREAKS)
    assert all(nodes == [] for _, nodes in found), found


@pytest.mark.parametrize("check", QUERY_BREAKS)
def test_each_violation_query_names_the_offending_node(check):
    old, new, focus = QUERY_BREAKS[check]
    store = store_of(broken(old, new))
    found = dict(run_violation_queries(store))
    assert any(n.endswith(focus) for n in found[check]), found
    report = validate_store(store)
    assert not report.conforms
    assert any(v.focus.endswith(focus) and v.path == f"[{check}]" for v in report.results), report.text


def test_an_actor_the_event_layer_keeps_for_nothing_is_named_with_the_event_layer():
    """unneeded-actor's second part: a person of the event layer in no event who holds no role
    (the article graphs' part is QUERY_BREAKS')."""
    store = store_of(broken('role/r2> a kg:Role ; kg:holder kgp:w ;', 'role/r2> a kg:Role ;'))
    rows = {(r[0].value, r[1].value) for r in store.query((ROOT / "shapes" / "unneeded-actor-violation.rq").read_text())}
    assert rows == {(RES + "person/w", "https://w3id.org/kgnews/graph/events")}


# --- inputs ---------------------------------------------------------------------------------------

def test_a_parse_error_names_the_file_and_line(tmp_path):
    f = tmp_path / "bad.ttl"
    f.write_text(PREFIXES + 'kgp:x a kg:Person ;\n  rdfs:label "unterminated .\n')
    with pytest.raises(errors.InputError) as e:
        validate_files([f])
    line = PREFIXES.count("\n") + 2
    assert str(f) in str(e.value) and f"line {line}" in str(e.value)


def test_unknown_extension_and_missing_file_are_input_errors(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(errors.InputError, match="unknown RDF file type"):
        validate_files([tmp_path / "x.csv"])
    with pytest.raises(errors.InputError, match="no such file"):
        validate_files([tmp_path / "nope.ttl"])


def test_turtle_and_nquads_files_validate_too(tmp_path):
    ttl = tmp_path / "m.ttl"
    ttl.write_text(PREFIXES + 'kgr:m a kg:MeetingMention ; kg:status kg:occurred .\n')
    report = validate_files([ttl])
    assert not report.conforms and "kgr:m kg:article" in report.text
    nq = tmp_path / "good.nq"
    nq.write_bytes(store_of(GOOD).dump(format=RdfFormat.N_QUADS))
    assert validate_files([nq]).conforms


def test_importing_validate_does_not_import_rdflib():
    code = ("import sys, kg.graph.validate; "
            "sys.exit(any(m in sys.modules for m in ('rdflib', 'pyshacl', 'shacl')))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- the ontology ---------------------------------------------------------------------------------

def test_every_term_used_is_labelled_and_commented_in_the_ontology():
    import rdflib
    g = load_shapes()[1]
    defined = {str(s) for s in g.subjects() if str(s).startswith(NS)}
    used = set()
    for path in [ROOT / "docs" / "model.md", *(ROOT / "shapes").glob("*")]:
        used |= {NS + t for t in re.findall(r"(?<![\w/.])kg:([A-Za-z]\w*)", path.read_text())}
    used |= {str(o) for o in load_shapes()[0].objects() if isinstance(o, rdflib.URIRef) and str(o).startswith(NS)}
    assert len(used) > 50 and used <= defined, sorted(used - defined)
    for t in defined:
        node = rdflib.URIRef(t)
        for p in (rdflib.RDFS.label, rdflib.RDFS.comment):
            texts = [o for o in g.objects(node, p) if o.language == "en"]
            assert texts and all(str(o).strip() for o in texts), (t, p)


def test_the_ontology_aligns_to_sem_schema_prov_and_skos():
    import rdflib
    g = load_shapes()[1]
    K, SEM = rdflib.Namespace(NS), rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    S, P = rdflib.Namespace("https://schema.org/"), rdflib.Namespace("http://www.w3.org/ns/prov#")
    sub, subp = rdflib.RDFS.subClassOf, rdflib.RDFS.subPropertyOf
    for triple in [(K.DiplomaticEvent, sub, SEM.Event), (K.DiplomaticEvent, sub, S.Event),
                   (K.Actor, sub, SEM.Actor), (K.Place, sub, SEM.Place), (K.Place, sub, S.Place),
                   (K.Article, sub, S.NewsArticle), (K.Person, sub, S.Person), (K.Organization, sub, S.Organization),
                   (K.EventMention, sub, P.Entity), (K.Country, sub, K.Actor),
                   (K.traveller, subp, SEM.hasActor), (K.participant, subp, SEM.hasActor), (K.party, subp, SEM.hasActor),
                   (K.destination, subp, SEM.hasPlace), (K.place, subp, SEM.hasPlace),
                   (K.startDate, subp, SEM.hasBeginTimeStamp), (K.startDate, subp, S.startDate),
                   (K.endDate, subp, SEM.hasEndTimeStamp),
                   (K.article, subp, P.wasDerivedFrom), (K.source, subp, P.wasDerivedFrom),
                   (K.mention, subp, P.wasDerivedFrom),
                   (K.Status, sub, rdflib.SKOS.Concept)]:
        assert triple in g, triple
    assert (None, rdflib.RDF.type, rdflib.OWL.Ontology) in g
    assert (K.occurred, rdflib.SKOS.prefLabel, None) in g
