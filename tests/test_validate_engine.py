"""kg's SHACL engine (shacl) gives exactly pyshacl's results on real data: the seed store as
ingested and broken in many places at once (bench/validate_store.py BREAKS), as a whole store
(`kg validate`) and article graph by article graph (what ingest validates). Results are compared
as (focus node, path, constraint component, value, message, severity); reports line for line."""
import importlib.util
import re
from collections import Counter

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, Triple

from conftest import ROOT, kg
from kg.graph.reference import pyshacl_report, pyshacl_results, pyshacl_store_report
from kg.graph.validate import _union, _union_bytes, engine_results, validate_article, validate_store
from kg.vocab import GRAPH, ONTOLOGY_GRAPH

spec = importlib.util.spec_from_file_location("validate_store", ROOT / "bench" / "validate_store.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def copy_of(seed_store, broken: bool) -> Store:
    """The seed store in memory (the shared one is left alone), broken in about half of the places
    each break can apply to when `broken`."""
    store = Store()
    store.load(Store.read_only(str(seed_store)).dump(format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
    if broken:
        bench.break_store(store, share="01234567")
    return store


@pytest.fixture(scope="module", params=["as ingested", "broken"])
def seeds(request, seed_store):
    return request.param, copy_of(seed_store, request.param == "broken")


def test_the_engine_gives_pyshacls_results_on_the_whole_store(seeds):
    case, store = seeds
    nt = _union(store)
    ours, theirs = Counter(engine_results(nt)), Counter(pyshacl_results(nt))
    assert set(ours) == set(theirs), (f"only pyshacl: {sorted(set(theirs) - set(ours))[:3]}\n"
                                      f"only the engine: {sorted(set(ours) - set(theirs))[:3]}")
    if case == "broken":   # the breaks bite: many kinds of result, not one
        kinds = {(path, component) for _, path, component, *_ in theirs}
        assert len(theirs) > 50 and len(kinds) >= 15, sorted(kinds)
    else:
        assert not theirs


def test_kg_validate_prints_pyshacls_report_and_exits_as_before(seeds, tmp_path):
    case, store = seeds
    expected = pyshacl_store_report(store)
    assert validate_store(store).text == expected.text and expected.conforms == (case == "as ingested")
    on_disk = Store(str(tmp_path / "store"))
    on_disk.load(store.dump(format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
    on_disk.flush()
    del on_disk
    for engine in ("shacl", "pyshacl"):
        r = kg("validate", "--engine", engine, store=tmp_path / "store")
        assert (r.stdout, r.returncode) == (expected.text + "\n", 0 if expected.conforms else 1), engine


def test_each_article_graph_gets_pyshacls_verdict(seeds):
    """What ingest validates, an article's graph alone (kg/graph/quarantine.py): the same report."""
    case, store = seeds
    articles = [g for g in store.named_graphs() if g.value.startswith(GRAPH + "article/")]
    assert len(articles) >= 5
    refused = 0
    for graph in articles:
        nt = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(graph.value)).decode()
        ours, theirs = validate_article(nt), pyshacl_report(nt)
        assert ours.text == theirs.text, graph.value
        refused += not theirs.conforms
    assert refused == 0 if case == "as ingested" else refused >= len(articles) // 2


def test_the_union_holds_each_triple_of_every_graph_but_the_ontology_once(seeds):
    """kg validate reads the store predicate by predicate, in threads, as N-Triples made of
    Oxigraph's TSV rows: every triple, none twice, every kind of term intact (numbers and booleans,
    which TSV writes bare as Turtle does, text with tabs and line breaks, a language, a datatype of
    its own, a blank node, an RDF 1.2 triple term holding a number)."""
    store = Store()
    store.extend(seeds[1])   # a copy: the fixture is the module's
    x, note, xsd = NamedNode("http://example.org/x"), NamedNode("http://example.org/note"), "http://www.w3.org/2001/XMLSchema#"
    for value in [Literal("a\ttab,\na line break, \"quotes\" and \\ ü"), Literal("-4.5", datatype=NamedNode(xsd + "decimal")),
                  Literal("1", datatype=NamedNode(xsd + "decimal")), Literal("true", datatype=NamedNode(xsd + "boolean")),
                  Literal("1.5E3", datatype=NamedNode(xsd + "double")), Literal("Pjöngjang", language="de"),
                  Literal("x", datatype=NamedNode("http://example.org/type")), BlankNode("b1"),
                  Triple(x, NamedNode("http://example.org/size"), Literal("5", datatype=NamedNode(xsd + "integer")))]:
        store.add(Quad(x, note, value, NamedNode(GRAPH + "article/x")))
    nt = _union_bytes(store)
    lines = nt.splitlines()
    assert len(lines) == len(set(lines))
    assert any(re.search(rb'> "\d+"\^\^<http://www.w3.org/2001/XMLSchema#integer> \.$', line) for line in lines)
    read = Store()
    read.load(nt, format=RdfFormat.N_TRIPLES)   # strict: a bare number would be refused
    def triple(q):   # a blank node's label is the parser's own
        return tuple("_" if isinstance(t, BlankNode) else t for t in (q.subject, q.predicate, q.object))
    assert {triple(q) for q in read} == {triple(q) for q in store if q.graph_name != NamedNode(ONTOLOGY_GRAPH)}
    assert len(read) == len({q.triple for q in store if q.graph_name != NamedNode(ONTOLOGY_GRAPH)})


def test_triples_two_graphs_hold_are_validated_once_whatever_their_predicate(seeds):
    """_union_bytes drops a triple several graphs hold only for an actor's statements; the others'
    (here a whole article's: its mentions' statuses, offsets and sources, one of at most each)
    reach the engine twice, and it reads them as one graph all the same."""
    _, store = seeds
    article = next(g for g in store.named_graphs() if g.value.startswith(GRAPH + "article/"))
    twice = Store()
    twice.extend(store)
    twice.extend(Quad(q.subject, q.predicate, q.object, NamedNode(GRAPH + "article/again"))
                 for q in store.quads_for_pattern(None, None, None, article))
    lines = _union_bytes(twice).splitlines()
    assert len(lines) > len(set(lines))
    assert Counter(engine_results(_union_bytes(twice))) == Counter(engine_results(_union_bytes(store)))


def test_the_engine_gives_the_same_results_on_bytes_through_a_file_or_as_text(seeds, monkeypatch, tmp_path):
    _, store = seeds
    nt = _union_bytes(store)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    by_file = Counter(engine_results(nt))
    assert by_file == Counter(engine_results(nt.decode("utf-8")))
    assert not list(tmp_path.iterdir())   # the temporary file is gone

    def no_temporary_file(*args, **kwargs):
        raise OSError("no space left")
    monkeypatch.setattr("tempfile.mkstemp", no_temporary_file)
    assert Counter(engine_results(nt)) == by_file
