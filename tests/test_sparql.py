"""`kg sparql` complete: every query form in every format, on the seed store and on a real
`oxigraph serve` after `kg push`; the union of the named graphs as the default graph; export
and extract formats from the file extension.

Every answer comes from the real CLI. The oracle it is held to is the engine itself, asked in
this process (pyoxigraph on the same store), and what comes out is read back by parsers kg does
not use to write it: pyoxigraph's SPARQL results parsers, xml.etree, csv, json, rdflib. Calls run
a few at a time, to keep this file quick.
"""
import csv
import io
import json
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import NOTHING_IN_SEEDS, kg
import test_remote
from test_remote import OXIGRAPH, free_port, start, stop, stored_query_calls

server = test_remote.server   # the fixture: a fresh, writable `oxigraph serve` on loopback

KG = "https://w3id.org/kgnews/ns#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS = "{http://www.w3.org/2005/sparql-results#}"
ROW_FORMATS = ["table", "csv", "tsv", "json", "xml", "ndjson"]
GRAPH_FORMATS = ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]

# No GRAPH anywhere: these match only through the union default graph. An IRI, plain, typed
# and language-tagged literals, an unbound variable, and text that CSV, TSV, JSON and XML must escape.
ODD = 'BIND(STRLANG("tab\\there, \\"quoted\\" & <angled>\\nnext line", "en") AS ?odd)'
SELECT = f"""PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?mention ?evidence ?begin ?date ?comment ?odd ?none WHERE {{
  ?mention kg:evidence ?evidence ; kg:beginOffset ?begin ; kg:status ?status .
  OPTIONAL {{ ?mention kg:date ?date }}
  OPTIONAL {{ ?status rdfs:comment ?comment }}
  OPTIONAL {{ ?mention <urn:kg:nothing> ?none }}
  {ODD}
}} ORDER BY ?mention ?evidence ?begin ?date ?comment"""
ASK = f"PREFIX kg: <{KG}> ASK {{ ?visit a kg:Visit }}"
CONSTRUCT = f"""PREFIX kg: <{KG}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT {{ ?visit kg:traveller ?who . ?who skos:prefLabel ?name . ?visit kg:startDate ?start . ?visit kg:note ?odd }}
WHERE {{ ?visit a kg:Visit ; kg:traveller ?who . ?who skos:prefLabel ?name .
        OPTIONAL {{ ?visit kg:startDate ?start }} {ODD} }}"""
DESCRIBE = f"PREFIX kg: <{KG}> DESCRIBE ?visit WHERE {{ ?visit a kg:Visit }}"
CASES = [(SELECT, f) for f in ROW_FORMATS] + [(ASK, f) for f in ROW_FORMATS] + \
        [(q, f) for q in (CONSTRUCT, DESCRIBE) for f in ["table"] + GRAPH_FORMATS]


def in_parallel(calls):
    """Each call (args, kwargs) to `kg`, four at a time; the results in order."""
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda call: kg(*call[0], **call[1]), calls))


def oracle(store, text, union=True):
    """What the engine answers, asked here: a bool, (variables, rows of terms) or a set of triples."""
    from pyoxigraph import QueryBoolean, Store
    result = Store.read_only(str(store)).query(text, use_default_graph_as_union=union)
    if isinstance(result, QueryBoolean):
        return bool(result)
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]
        return names, [[s[v] for v in names] for s in result]
    return set(result)


def rows_from(data: str, fmt: str):
    """Variables and rows of terms, read back by pyoxigraph's own SPARQL results parser."""
    from pyoxigraph import QueryResultsFormat, parse_query_results
    parsed = parse_query_results(data, getattr(QueryResultsFormat, fmt.upper()))
    names = [v.value for v in parsed.variables]
    return names, [[s[v] for v in names] for s in parsed]


def plain(term):
    """A term's plain value, as csv and ndjson give it."""
    return None if term is None else term.value


def check_rows(out: str, fmt: str, expected):
    """`out` is the SELECT's answer in `fmt`, and its terms (or values) are the engine's."""
    names, rows = expected
    if fmt == "json":
        doc = json.loads(out)
        assert doc["head"]["vars"] == names and rows_from(out, "json") == expected
    elif fmt == "xml":
        root = ET.fromstring(out)
        assert root.tag == RESULTS + "sparql"
        assert [v.get("name") for v in root.iter(RESULTS + "variable")] == names
        assert len(root.findall(f"{RESULTS}results/{RESULTS}result")) == len(rows)
        assert rows_from(out, "xml") == expected
    elif fmt == "tsv":
        assert out.splitlines()[0] == "\t".join("?" + n for n in names)
        assert rows_from(out, "tsv") == expected   # every term written in N-Triples syntax comes back the same
        assert '"2018-05-31"^^<http://www.w3.org/2001/XMLSchema#date>' in out and '"@en\t' in out
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(out))) == [names] + [[plain(t) or "" for t in r] for r in rows]
    elif fmt == "ndjson":
        assert [json.loads(line) for line in out.splitlines()] == [dict(zip(names, map(plain, r))) for r in rows]
    else:   # a table: a line a row, so a line break inside a value is shown as \n
        lines = out.splitlines()
        assert lines[0].split() == names and lines[-1] == f"({len(rows)} rows)" and len(lines) == len(rows) + 3
        assert all(line.rstrip().endswith('"quoted" & <angled>\\nnext line') for line in lines[2:-1])


def check_ask(out: str, fmt: str, answer: bool):
    word = "true" if answer else "false"
    if fmt == "json":
        assert json.loads(out) == {"head": {}, "boolean": answer}
    elif fmt == "xml":
        root = ET.fromstring(out)
        assert root.find(RESULTS + "head") is not None and root.find(RESULTS + "boolean").text == word
        from pyoxigraph import QueryResultsFormat, parse_query_results
        assert bool(parse_query_results(out, QueryResultsFormat.XML)) is answer
    elif fmt == "ndjson":
        assert json.loads(out) == {"boolean": answer}
    else:
        assert out == word + "\n"


def triples_from(out: str, fmt: str) -> set:
    """The triples of `out`, read by pyoxigraph; a dataset format's must all be in the default graph."""
    from pyoxigraph import DefaultGraph, RdfFormat, parse
    name = {"table": "TURTLE", "turtle": "TURTLE", "ntriples": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
            "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}[fmt]
    read = list(parse(out.encode(), getattr(RdfFormat, name)))
    assert all(isinstance(getattr(q, "graph_name", DefaultGraph()), DefaultGraph) for q in read)
    return {getattr(q, "triple", q) for q in read}


def rdflib_keys(out: str, fmt: str) -> set:
    """The triples of `out` as rdflib reads them, as comparable tuples."""
    import rdflib
    g = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
    g.parse(data=out, format={"turtle": "turtle", "table": "turtle", "ntriples": "nt", "nquads": "nquads",
                              "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}[fmt])
    triples = [(s, p, o) for s, p, o, *_ in (g.quads() if fmt in ("nquads", "trig") else g)]

    def key(t):
        if isinstance(t, rdflib.Literal):
            return ("literal", str(t), t.language, None if t.language else str(t.datatype or XSD_STRING))
        return ("iri", str(t))
    return {tuple(map(key, t)) for t in triples}


def oxigraph_keys(triples) -> set:
    from pyoxigraph import Literal

    def key(t):
        if isinstance(t, Literal):
            return ("literal", t.value, t.language, None if t.language else t.datatype.value)
        return ("iri", t.value)
    return {(key(t.subject), key(t.predicate), key(t.object)) for t in triples}


def check_graph(out: str, fmt: str, expected: set):
    assert expected and triples_from(out, fmt) == expected
    assert rdflib_keys(out, fmt) == oxigraph_keys(expected)   # a second, independent reader agrees


def check(out: str, text: str, fmt: str, expected):
    if text == SELECT:
        check_rows(out, fmt, expected)
    elif text == ASK:
        check_ask(out, fmt, expected)
    else:
        check_graph(out, fmt, expected)


# -- the store


@pytest.fixture(scope="module")
def local(seed_store):
    """Each case's answer from the store: (query, format) -> the finished `kg sparql`."""
    return dict(zip(CASES, in_parallel([(("sparql", text, "--format", fmt, *wide(fmt)), {"store": seed_store})
                                        for text, fmt in CASES])))


def wide(fmt: str) -> tuple:
    """--wide for a table: every cell whole, so that its values can be checked (a table fitted to
    the terminal cuts long ones: tests/test_listings.py)."""
    return ("--wide",) if fmt == "table" else ()


@pytest.fixture(scope="module")
def expected(seed_store):
    """The engine's own answer to each query."""
    return {text: oracle(seed_store, text) for text in (SELECT, ASK, CONSTRUCT, DESCRIBE)}


def test_every_query_form_in_every_format_is_the_engines_answer(local, expected):
    assert len(expected[SELECT][1]) >= 20 and expected[ASK] is True and len(expected[DESCRIBE]) > 50
    for (text, fmt), r in local.items():
        assert r.returncode == 0 and r.stderr == "", (text.split()[-1], fmt, r.stderr)
        check(r.stdout, text, fmt, expected[text])
    assert local[(CONSTRUCT, "table")].stdout == local[(CONSTRUCT, "turtle")].stdout   # a graph's default is Turtle
    assert "@prefix kg: <https://w3id.org/kgnews/ns#> ." in local[(DESCRIBE, "turtle")].stdout


@pytest.mark.parametrize("text,fmt,form,wanted", [
    (CONSTRUCT, "csv", "CONSTRUCT", "turtle, ntriples, nquads, trig, jsonld, rdfxml"),
    (DESCRIBE, "ndjson", "DESCRIBE", "turtle, ntriples, nquads, trig, jsonld, rdfxml"),
    (SELECT, "turtle", "SELECT", "table, csv, tsv, json, xml, ndjson"),
    (ASK, "rdfxml", "ASK", "table, csv, tsv, json, xml, ndjson")])
def test_a_format_of_the_wrong_kind_is_one_usage_line_naming_both_before_the_store_is_opened(tmp_path, text, fmt,
                                                                                              form, wanted):
    r = kg("sparql", text, "--format", fmt, store=tmp_path / "no-store-here")
    kind = "a row format (SELECT, ASK)" if fmt in ROW_FORMATS else "a graph format (CONSTRUCT, DESCRIBE)"
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [f"kg: error: query: --format {fmt} is {kind}, but this {form} query gives "
                                     f"{'a graph' if fmt in ROW_FORMATS else 'true or false' if form == 'ASK' else 'rows'}"
                                     f"; use one of: {wanted}"]


def test_rdfxml_refuses_a_predicate_it_cannot_write_instead_of_printing_broken_xml(seed_store):
    r = kg("sparql", 'CONSTRUCT { <http://example.org/s> <http://example.org/1> "x" } WHERE {}', "-f", "rdfxml",
           store=seed_store)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.splitlines() == [
        "kg: error: query: RDF/XML cannot write the predicate <http://example.org/1> (its IRI does not end in an XML "
        "name); choose another --format, e.g. turtle"]


# -- the default graph


def test_the_default_graph_is_the_union_of_the_named_graphs_unless_no_union(seed_store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    union, own, named_no_union, ask, describe, stats = in_parallel([
        (("sparql", count, "-f", "csv"), {"store": seed_store}),
        (("sparql", count, "-f", "csv", "--no-union"), {"store": seed_store}),
        (("sparql", in_graphs, "-f", "csv", "--no-union"), {"store": seed_store}),
        (("sparql", ASK, "--no-union"), {"store": seed_store}),
        (("sparql", DESCRIBE, "--no-union", "-f", "ntriples"), {"store": seed_store}),
        (("stats",), {"store": seed_store})])
    total = int(stats.stdout.splitlines()[-1].split()[-1])
    assert union.stdout == named_no_union.stdout == f"n\n{total}\n"   # a triple in two graphs counts twice
    assert own.stdout == "n\n0\n" and ask.stdout == "false\n" and describe.stdout == ""
    assert oracle(seed_store, count, union=False)[1][0][0].value == "0"   # what the engine says without the union


def test_every_stored_query_gives_the_same_rows_with_and_without_the_union(seed_store):
    event = list(csv.reader(io.StringIO(kg("query", "visits", "-f", "csv", store=seed_store, check=True).stdout)))[1][0]
    calls = [(name, ["--param", f"event={event}"] if name == "sources" else params)
             for name, params in stored_query_calls()]
    from kg.store.queries import stored_queries
    assert {name for name, _ in calls} == set(stored_queries())
    answers = in_parallel([(("query", name, *params, "-f", "tsv", *extra), {"store": seed_store})
                           for name, params in calls for extra in ((), ("--no-union",))])
    for (name, _), union, own in zip(calls, answers[::2], answers[1::2]):
        assert union.returncode == own.returncode == 0, (name, union.stderr, own.stderr)
        assert union.stdout == own.stdout, name
        assert len(union.stdout.splitlines()) > 1 or name in NOTHING_IN_SEEDS, name


def test_a_stored_query_of_ones_own_without_graph_sees_the_union(seed_store, tmp_path, monkeypatch):
    (tmp_path / "labels.rq").write_text("#+ summary: labels\n#+ example: kg query labels\n"
                                        "SELECT DISTINCT ?label WHERE { ?x <http://www.w3.org/2004/02/skos/core#"
                                        "prefLabel> ?label } ORDER BY ?label\n")
    monkeypatch.setenv("KG_QUERIES", str(tmp_path))
    union, own = in_parallel([(("query", "labels", "-f", "csv", *extra), {"store": seed_store})
                              for extra in ((), ("--no-union",))])
    assert "Sergei Lavrov" in union.stdout.splitlines() and own.stdout == "label\n"


# -- a remote endpoint


@pytest.fixture(scope="module")
def union_server(seed_store, tmp_path_factory):
    """`oxigraph serve --union-default-graph` holding the pushed seed store: a server whose default
    graph is the union, as kg's is."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start([str(OXIGRAPH), "serve", "--location", str(tmp_path_factory.mktemp("ox")), "--bind",
                  f"127.0.0.1:{port}", "--union-default-graph"], url)
    try:
        kg("push", "--endpoint", url, store=seed_store, check=True)
        yield url
    finally:
        stop(proc)


def test_every_form_in_every_format_from_an_endpoint_is_what_the_store_says(union_server, local, expected):
    remote = in_parallel([(("sparql", text, "--format", fmt, *wide(fmt), "--endpoint", union_server), {})
                          for text, fmt in CASES])
    for (text, fmt), there in zip(CASES, remote):
        here = local[(text, fmt)]
        assert there.returncode == 0 and there.stderr == "", (text.split()[-1], fmt, there.stderr)
        if text in (SELECT, ASK):
            assert there.stdout == here.stdout, (text.split()[-1], fmt)   # rows: the very same text
        else:   # a graph: the same triples (the server sends them in its own order)
            assert triples_from(there.stdout, fmt) == expected[text], (text.split()[-1], fmt)


def test_on_a_plain_oxigraph_the_server_decides_the_default_graph(server, seed_store):
    kg("push", "--endpoint", server, store=seed_store, check=True)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    plain_count, warned, local = in_parallel([
        (("sparql", count, "-f", "csv", "--endpoint", server), {}),
        (("sparql", count, "-f", "csv", "--endpoint", server, "--no-union"), {}),
        (("sparql", count, "-f", "csv"), {"store": seed_store})])
    assert plain_count.stdout == warned.stdout == "n\n0\n" and local.stdout != "n\n0\n"
    assert warned.stderr.splitlines() == [
        "warning: --no-union has no effect with --endpoint: the server decides what its default graph is "
        "(Oxigraph: its own, unless started with --union-default-graph)"] and plain_count.stderr == ""


def test_an_endpoint_that_answers_a_construct_with_no_rdf_is_one_line():
    html = test_remote._Misbehaving()
    try:
        r = kg("sparql", CONSTRUCT, "--endpoint", html.url)
    finally:
        html.close()
    assert r.returncode == 3 and r.stderr.splitlines() == [
        f"kg: error: {html.url}/query: expected RDF (N-Triples or Turtle) but got text/html; is this the query URL "
        "of a SPARQL endpoint?"]


# -- files


EXTENSIONS = {".nq": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD", ".ttl": "TURTLE", ".nt": "N_TRIPLES",
              ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML"}


def test_export_writes_the_format_the_extension_names_and_refuses_one_that_names_none(seed_store, tmp_path):
    from pyoxigraph import RdfFormat, parse
    files = [tmp_path / f"all{ext}" for ext in EXTENSIONS]
    results = in_parallel([(("export", "-o", f), {"store": seed_store}) for f in files] +
                          [(("export", "-o", tmp_path / "all.json"), {"store": seed_store}),
                           (("export", "-o", tmp_path / "all"), {"store": seed_store}),
                           (("export", "-o", tmp_path / "forced.json", "--format", "jsonld"), {"store": seed_store})])
    assert all(r.returncode == 0 for r in results[:len(files)]), [r.stderr for r in results]
    quads = set(parse(path=str(tmp_path / "all.nq"), format=RdfFormat.N_QUADS))
    assert len(quads) > 1000
    for f, fmt in zip(files, EXTENSIONS.values()):
        read = set(parse(path=str(f), format=getattr(RdfFormat, fmt)))
        if getattr(RdfFormat, fmt).supports_datasets:
            assert read == quads, f.name
        else:   # all triples in one graph: the union
            assert {q.triple for q in read} == {q.triple for q in quads}, f.name
    import rdflib
    assert len(rdflib.Graph().parse(tmp_path / "all.rdf", format="xml")) == len({q.triple for q in quads})
    refused, bare, forced = results[len(files):]
    assert refused.returncode == 2 and refused.stderr.splitlines() == [
        f"kg: error: {tmp_path / 'all.json'}: no RDF format has the extension '.json'; give --format, or end the file "
        "name in one of .nq .trig .ttl .nt .jsonld .rdf .owl .xml"]
    assert bare.returncode == 2 and bare.stderr.splitlines() == [
        f"kg: error: {tmp_path / 'all'}: no extension to tell the format by; give --format, or end the file name in "
        "one of .nq .trig .ttl .nt .jsonld .rdf .owl .xml"]
    assert not (tmp_path / "all.json").exists() and not (tmp_path / "all").exists()
    assert forced.returncode == 0 and set(parse(path=str(tmp_path / "forced.json"), format=RdfFormat.JSON_LD)) == quads


def test_extract_takes_rdfxml_from_the_extension_and_refuses_an_unknown_one(tmp_path):
    from conftest import SEEDS
    from pyoxigraph import RdfFormat, parse
    article = SEEDS / "003_e3129cf3e94ab3f2.txt"
    ok, refused = in_parallel([(("extract", article, "-o", tmp_path / "003.rdf"), {}),
                               (("extract", article, "-o", tmp_path / "003.csv"), {})])
    assert ok.returncode == 0, ok.stderr
    assert any(t.predicate.value == KG + "evidence" for t in parse(path=str(tmp_path / "003.rdf"),
                                                                    format=RdfFormat.RDF_XML))
    assert refused.returncode == 2 and refused.stderr.splitlines() == [
        f"kg: error: {tmp_path / '003.csv'}: no RDF format has the extension '.csv'; give --format, or end the file "
        "name in one of .nq .trig .ttl .nt .jsonld .rdf .owl .xml"] and not (tmp_path / "003.csv").exists()


# -- help


def test_sparql_and_query_help_show_every_form_the_formats_and_the_union():
    """Read from the command definitions, as test_cli reads every command's example."""
    from typer.main import get_command
    from kg.cli import app
    commands = get_command(app).commands

    def text(name):
        cmd = commands[name]
        return " ".join([cmd.help, cmd.epilog] + [p.help or "" for p in cmd.params])
    sparql, query = text("sparql"), text("query")
    for word in ("CONSTRUCT", "DESCRIBE", "ASK", "--no-union", "ndjson", "xml", "rdfxml", "jsonld", "union",
                 "the server decides"):
        assert word in sparql, word
    for form in ("kg sparql 'SELECT", "kg sparql 'CONSTRUCT", "kg sparql 'DESCRIBE", "kg sparql 'ASK", "--no-union"):
        assert form in commands["sparql"].epilog, form
    assert "kg query visits --format csv" in commands["query"].epilog and "--no-union" in query

