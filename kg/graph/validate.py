"""SHACL validation and the SPARQL quality checks in shapes/*-violation.rq.

The SHACL engine is `shacl` (Rust, pinned in pyproject.toml), fed N-Triples (an article's, or a
store's triples made from Oxigraph's TSV rows: see `_union_bytes`). It was chosen over
pyshacl, shacl-rust and pyrudof because it alone gives pyshacl's results exactly (the same focus
nodes, paths, constraint components, values and messages: kg's reports are unchanged) and is the
fastest of them: 0.2 s against pyshacl's 25 s on a 1,000-article store (README, "`kg validate`:
its engine and its speed"; bench/validate_store.py). pyshacl stays the reference it is tested
against (kg/graph/reference.py), and `kg validate --engine pyshacl` runs it. The engine is imported inside the functions, as is rdflib:
commands which never validate must not pay for them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import errors
from ..paths import ROOT
from ..vocab import ACTOR_PROPS, ONTOLOGY_GRAPH, PREFIXES

SHAPES_DIR = ROOT / "shapes"
SHAPES = SHAPES_DIR / "kg-shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
# Extension -> (pyoxigraph RdfFormat attribute, name for messages).
FORMATS = {".ttl": ("TURTLE", "Turtle"), ".turtle": ("TURTLE", "Turtle"), ".trig": ("TRIG", "TriG"),
           ".nt": ("N_TRIPLES", "N-Triples"), ".ntriples": ("N_TRIPLES", "N-Triples"),
           ".nq": ("N_QUADS", "N-Quads"), ".nquads": ("N_QUADS", "N-Quads"),
           ".jsonld": ("JSON_LD", "JSON-LD"), ".rdf": ("RDF_XML", "RDF/XML"), ".owl": ("RDF_XML", "RDF/XML")}


@dataclass
class Violation:
    focus: str                 # the offending node (full IRI, or a blank node id)
    path: str = ""             # the property, or "[check-name]" for a SPARQL quality check
    message: str = ""
    severity: str = "Violation"
    value: str = ""

    def line(self) -> str:
        where = f" {_short(self.path)}" if self.path else ""
        level = "" if self.severity == "Violation" else f"[{self.severity}] "
        return f"{level}{_short(self.focus)}{where}: {self.reason()}"

    def reason(self) -> str:
        """The message and the offending value, without the node: for lines that name it otherwise."""
        value = f" (value: {_short(self.value)})" if self.value else ""
        return f"{self.message}{value}"


@dataclass
class Report:
    conforms: bool
    results: list[Violation] = field(default_factory=list)
    text: str = ""        # one line per result: focus node, path, message


def make_report(results: list[Violation]) -> Report:
    """Sort and de-duplicate results; only sh:Violation-level results break conformance."""
    results = sorted(set((v.focus, v.path, v.message, v.severity, v.value) for v in results))
    results = [Violation(*r) for r in results]
    conforms = not any(v.severity == "Violation" for v in results)
    if not results:
        text = "conforms: no violations"
    else:
        bad = sum(v.severity == "Violation" for v in results)
        text = f"{bad} violation(s), {len(results) - bad} other result(s):\n" if len(results) > bad \
            else f"{bad} violation(s):\n"
        text += "\n".join("  " + v.line() for v in results)
    return Report(conforms, results, text)


def _short(term: str) -> str:
    """kgr:/kg:/xsd: prefixed names keep report lines readable."""
    for prefix in ("kgr", "kg", "xsd", "skos", "rdfs", "schema"):
        if term.startswith(PREFIXES[prefix]):
            return f"{prefix}:{term[len(PREFIXES[prefix]):]}"
    return term


@lru_cache(maxsize=1)
def _engine():
    """(compiled shapes, the ontology as N-Triples), made once per process."""
    import shacl
    from pyoxigraph import DefaultGraph, RdfFormat, Store
    ontology = Store()
    ontology.load(path=str(ONTOLOGY), format=RdfFormat.TURTLE)
    return shacl.Shapes.from_file(str(SHAPES)), ontology.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()).decode()


def _validate(nt: str | bytes) -> Report:
    """Run the shapes on N-Triples as text or bytes (one graph)."""
    return make_report([Violation(focus, path, message, severity, value)
                        for focus, path, _, value, message, severity in engine_results(nt)])


def engine_results(nt: str | bytes) -> list[tuple[str, str, str, str, str, str]]:
    """(focus, path, constraint component, value, message, severity) of each SHACL result on
    N-Triples (an article's, or `_union_bytes`'), the ontology mixed in: its rdfs:subClassOf
    makes class targets and sh:class see subclasses (no inference). Terms as pyshacl gave them:
    IRIs bare, literals' lexical forms. The engine is told N-Triples, not Turtle (which would
    read it too, a quarter slower).

    Bytes (a whole store's, `_union_bytes`) go to the engine as a
    temporary file: it reads one a third faster than the same text handed over as a Python str
    (1.1 s against 1.5 s at 10,000 articles), which is not ASCII and is copied on the way."""
    shapes, ontology = _engine()
    report = _validate_file(shapes, nt, ontology) if isinstance(nt, bytes) else _validate_text(shapes, nt, ontology)
    return [(_plain(r.focus_node), _path(r.path), r.component, r.value_plain or "", r.message or "violates a shape",
             r.severity) for r in report.results]


def _validate_text(shapes, nt: str, ontology: str):
    """The engine's report on N-Triples text and the ontology."""
    return shapes.validate_text(nt + "\n" + ontology, format="ntriples", allow_warnings=True)


def _validate_file(shapes, nt: bytes, ontology: str):
    """The engine's report on N-Triples bytes and the ontology, through a temporary file; held as
    text instead where no temporary file can be written."""
    import os
    import tempfile
    try:
        fd, name = tempfile.mkstemp(prefix="kg-validate-", suffix=".nt")
    except OSError:
        return _validate_text(shapes, nt.decode("utf-8"), ontology)
    try:
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(nt)
                f.write(b"\n" + ontology.encode("utf-8"))
        except OSError:   # a full disk
            return _validate_text(shapes, nt.decode("utf-8"), ontology)
        return shapes.validate_file(name, allow_warnings=True)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass


def _plain(term: str) -> str:
    """An N-Triples term as pyshacl's reports gave it: an IRI bare, a blank node by its label, a
    literal by its lexical form."""
    if term.startswith("<"):
        return _unescape(term[1:-1])
    if term.startswith("_:"):
        return term[2:]
    if term.startswith('"'):
        return _unescape(term[1:term.rindex('"')])
    return term


_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    """N-Triples escapes (\\n, \\", \\u00e9...) undone."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
                  lambda m: chr(int(m[1][1:], 16)) if len(m[1]) > 1 else _ESCAPES.get(m[1], m[0]), text)


def _path(path) -> str:
    """A property IRI, or 'a|b' for an sh:alternativePath of properties (the engine writes it
    in SPARQL syntax: `(<a>|<b>)`); another kind of path is not named."""
    if not path:
        return ""
    if path.startswith("<") and path.endswith(">") and ">" not in path[1:-1]:
        return _plain(path)
    alternatives = path.removeprefix("(").removesuffix(")").split("|")
    if path.startswith("(") and all(a.startswith("<") and a.endswith(">") for a in alternatives):
        return "|".join(_short(_plain(a)) for a in alternatives)
    return ""


def validate_graph(data) -> Report:
    """Validate an rdflib Graph; a Dataset is validated as the union of its graphs, because
    events in one graph point at mentions and articles in others."""
    import rdflib
    graph = rdflib.Graph()
    if isinstance(data, rdflib.ConjunctiveGraph):   # Dataset is a subclass
        for s, p, o, _ in data.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        graph += data
    return _validate(graph.serialize(format="nt"))


def validate_ntriples(nt: str) -> Report:
    """Validate N-Triples or N-Quads text (as one graph)."""
    from pyoxigraph import RdfFormat, Store
    store = Store()
    _load(store, "N-Triples/N-Quads text", RdfFormat.N_QUADS, "N-Quads", data=nt.encode("utf-8"))
    return _validate(_union_bytes(store))


def validate_article(nt: str) -> Report:
    """Validate one article's N-Triples, our own from kg/graph/rdf.py `ntriples` (so well formed)."""
    return _validate(nt)


def _union(store) -> str:
    """`_union_bytes` as text."""
    return _union_bytes(store).decode("utf-8")


def _union_bytes(store) -> bytes:
    """Every triple of a pyoxigraph Store's graphs, once each, as N-Triples: one graph to validate.
    The stored ontology graph is left out: validation mixes in ontology/kg.ttl anyway.

    Reading the store is most of `kg validate`'s time: Oxigraph looks up the text of each term of
    each triple. One query per predicate, so only subjects and objects are looked up (a third less
    than a dump). Every article states again what it says of the actors it names
    (vocab.ACTOR_PROPS): for those predicates a SELECT DISTINCT drops a triple that several graphs
    hold before its terms are looked up (a quarter fewer lookups: 4.1 s -> 3.0 s at 10,000
    articles). The other predicates are of nodes each graph mints for itself (a mention, an
    article), whose triples repeat only by chance: they are read without it, which spares the
    hashing of every row (reading 1.32-1.40 s -> 1.14-1.24 s at 10,000 articles); the engine reads a
    graph as a set either way. Its rows are written by Oxigraph as TSV, whose terms are N-Triples'
    (tabs and line breaks in a literal escaped) but for numbers and booleans, written bare as in
    Turtle: those few are given their datatype (`_typed`), a tab becomes the predicate and a line
    end " .", and the rows are N-Triples. (A predicate with RDF 1.2 triple terms, which kg never
    writes, is written by Oxigraph as N-Triples: TSV writes numbers bare inside them too.) The
    engine parses N-Triples a quarter faster than the same lines as Turtle (0.71 s against 0.95 s at
    10,000 articles). A CONSTRUCT looks the predicate up again for every triple (a fifth slower:
    3.0-3.3 s against 2.4-2.8 s at 10,000 articles). Oxigraph lets go of the GIL while it writes a
    result into a file object, so the predicates are read in threads, one per core (2.8-3.5 s
    against 4.7-5.8 s in one thread at 10,000 articles, 2 cores with another session's load ~1.3).
    rdf:type, the largest predicate (a ninth of the triples), is read while the others are listed,
    which scans every quad (0.35-0.5 s) and would leave the other cores idle."""
    import io
    from concurrent.futures import ThreadPoolExecutor
    from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat

    from ..pool import cores
    from .rdf import RDF_TYPE as rdf_type
    where = "{{ {{ ?s {p} ?o }} UNION {{ GRAPH ?g {{ ?s {p} ?o }} FILTER(?g != <%s>) }} }}" % ONTOLOGY_GRAPH
    repeated = {NamedNode(p) for p in ACTOR_PROPS}

    def triples(p) -> bytes:
        out = io.BytesIO()
        distinct = "DISTINCT" if p in repeated else ""
        store.query(f"SELECT {distinct} ?s ?o WHERE {where.format(p=p)}").serialize(
            output=out, format=QueryResultsFormat.TSV)
        rows = out.getvalue().split(b"\n", 1)[1]   # after the header line "?s\t?o"
        if b"<<(" in rows:   # an RDF 1.2 triple term, whose numbers TSV writes bare too: Oxigraph's N-Triples
            out = io.BytesIO()
            store.query(f"CONSTRUCT {{ ?s {p} ?o }} WHERE {{ SELECT {distinct} ?s ?o WHERE {where.format(p=p)} }}"
                        ).serialize(output=out, format=RdfFormat.N_TRIPLES)
            return out.getvalue()
        if rows.count(b"\t") != rows.count(b"\t<") + rows.count(b'\t"') + rows.count(b"\t_"):
            rows = _BARE.sub(_typed, rows)   # a row's one tab is before its object: some are bare
        return rows.replace(b"\t", b" " + str(p).encode() + b" ").replace(b"\n", b" .\n")

    with ThreadPoolExecutor(cores()) as pool:
        first = pool.submit(triples, rdf_type)
        predicates = [row[0] for row in store.query("SELECT DISTINCT ?p WHERE " + where.format(p="?p"))
                      if row[0] != rdf_type]
        rest = pool.map(triples, predicates)
        return b"".join([first.result(), *rest])


_BARE = re.compile(rb"\t([^<\"_\n][^\n]*)\n")   # a TSV row's object written bare: a number or a boolean
_XSD = b"http://www.w3.org/2001/XMLSchema#"


def _typed(bare: re.Match) -> bytes:
    """A number or boolean as TSV writes it (Turtle's short form) as an N-Triples literal: its
    datatype is the one Turtle's grammar gives it."""
    t = bare[1]
    kind = b"boolean" if t in (b"true", b"false") else b"double" if b"e" in t or b"E" in t \
        else b"decimal" if b"." in t else b"integer"
    return b'\t"' + t + b'"^^<' + _XSD + kind + b'>\n'


def _checks() -> list[tuple[str, str, str]]:
    """(name, summary, query) of every shapes/*-violation.rq, by name."""
    out = []
    for path in sorted(SHAPES_DIR.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        name = path.name.removesuffix(".rq")
        summary = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                        if line.startswith("#+ summary:")), name)
        out.append((name, summary, text))
    return out


def _run_checks(store) -> list[tuple[str, str, list[str]]]:
    out = []
    for name, summary, query in _checks():
        nodes: dict[str, None] = {}
        for row in store.query(query):
            if row[0] is not None:
                nodes[getattr(row[0], "value", str(row[0]))] = None
        out.append((name, summary, list(nodes)))
    return out


def run_violation_queries(store) -> list[tuple[str, list[str]]]:
    """Run every shapes/*-violation.rq on a pyoxigraph Store: (check name, offending nodes) for each
    check, in name order; an empty list means the check passed. Each row is one failure and its
    first column names the offending node."""
    return [(name, nodes) for name, _, nodes in _run_checks(store)]


ENGINES = ("shacl", "pyshacl")   # kg validate --engine: the fast one, and the reference it is held to


def validate_store(store, engine: str = "shacl") -> Report:
    """SHACL over the union of the store's graphs, plus the SPARQL quality checks (which see the
    named graphs, e.g. that events cite mentions still present in some article graph). The engine
    lets go of the GIL, so the checks run beside it, on the other core: it works alone, where the
    reading of the store before it takes every core. `engine="pyshacl"` gives the same report by
    the reference engine, some 50 times slower."""
    from concurrent.futures import ThreadPoolExecutor
    if engine == "pyshacl":
        from .reference import pyshacl_store_report
        return pyshacl_store_report(store)
    nt = _union_bytes(store)
    with ThreadPoolExecutor(1) as pool:
        shacl = pool.submit(_validate, nt)
        extra = [Violation(node, f"[{name}]", summary) for name, summary, nodes in _run_checks(store) for node in nodes]
        return make_report(shacl.result().results + extra)


def validate_files(paths, engine: str = "shacl") -> Report:
    """Validate Turtle, TriG, N-Triples or N-Quads files (by extension) as one dataset: quads keep
    their graphs so the quality checks apply, and SHACL sees the union."""
    from pyoxigraph import RdfFormat, Store
    store = Store()
    for path in map(Path, paths):
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise errors.unknown_rdf_type(path)
        if not path.exists():
            raise errors.missing_path(path)
        if not path.is_file():
            raise errors.not_regular(path, "a folder or special file", "RDF as ordinary files")
        _load(store, str(path), getattr(RdfFormat, fmt[0]), fmt[1], path=path)
    return validate_store(store, engine)


def _load(store, where: str, fmt, fmt_name: str, data: bytes | None = None, path: Path | None = None) -> None:
    """Load into the store; syntax errors become an InputError naming the file and line."""
    try:
        if path is not None:
            store.load(path=str(path), format=fmt)
        else:
            store.load(data, format=fmt)
    except SyntaxError as e:
        why = str(e.msg).split(": ", 1)[-1] if e.msg else "syntax error"
        line = f", line {e.lineno}" if e.lineno else ""
        raise errors.bad_rdf(f"{where}{line}", fmt_name, why) from None
    except OSError as e:
        raise errors.unreadable(where, e.strerror or str(e)) from None
    except ValueError as e:
        raise errors.bad_rdf(where, fmt_name, str(e)) from None
