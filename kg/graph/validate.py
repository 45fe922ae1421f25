"""SHACL validation (pyshacl) and the SPARQL quality checks in shapes/*-violation.rq.

rdflib and pyshacl are imported inside the functions: they cost a few hundred milliseconds that
commands which never validate must not pay. pyshacl always gets an rdflib Graph (never a
pyoxigraph Store, which is orders of magnitude slower) and runs with inference off; the ontology
is mixed in as `ont_graph` so its rdfs:subClassOf makes class targets and sh:class see subclasses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import errors
from ..paths import ROOT
from ..vocab import ONTOLOGY_GRAPH, PREFIXES, SH

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
def load_shapes():
    """(shapes graph, ontology graph), parsed once per process."""
    import rdflib
    return rdflib.Graph().parse(SHAPES, format="turtle"), rdflib.Graph().parse(ONTOLOGY, format="turtle")


@lru_cache(maxsize=1)
def _graph_class():
    """An rdflib Graph that parses each SPARQL text once.

    pyshacl re-parses a SHACL-SPARQL constraint for every focus node (~70 ms each with rdflib's
    parser); the text is the same each time ($this comes as a binding), so caching makes
    validation ~15x faster."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    class QueryCachingGraph(rdflib.Graph):
        prepared: dict = {}

        def query(self, query_object, *args, **kwargs):
            if isinstance(query_object, str):
                if query_object not in self.prepared:
                    self.prepared[query_object] = prepareQuery(query_object)
                query_object = self.prepared[query_object]
            return super().query(query_object, *args, **kwargs)

    return QueryCachingGraph


def validate_graph(data) -> Report:
    """Validate an rdflib Graph (not modified); a Dataset is validated as the union of its graphs,
    because events in one graph point at mentions and articles in others."""
    import rdflib
    graph = _graph_class()()
    if isinstance(data, rdflib.ConjunctiveGraph):   # Dataset is a subclass
        for s, p, o, _ in data.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        graph += data
    return _validate(graph)


def _validate(graph, mixed: bool = False) -> Report:
    """Run the shapes on a graph we own: the ontology is mixed into it in place (no clone), unless
    it is there already (`mixed`)."""
    import pyshacl
    import rdflib
    shapes, ontology = load_shapes()
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=None if mixed else ontology,
                                     inference="none", inplace=True, allow_infos=True, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    out = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        get = lambda p: results.value(r, p)  # noqa: E731
        severity = get(sh.resultSeverity)
        out.append(Violation(focus=str(get(sh.focusNode) or ""), path=_path(results, get(sh.resultPath)),
                             message=str(get(sh.resultMessage) or "violates a shape"),
                             severity=str(severity).removeprefix(SH) if severity else "Violation",
                             value=str(get(sh.value) or "")))
    return make_report(out)


def _path(results, path) -> str:
    """A property IRI, or 'a|b' for an sh:alternativePath (pyshacl copies the path into results)."""
    import rdflib
    if path is None:
        return ""
    if isinstance(path, rdflib.BNode):
        alt = results.value(path, rdflib.URIRef(SH + "alternativePath"))
        if alt is not None:
            return "|".join(_short(str(p)) for p in rdflib.collection.Collection(results, alt))
        return ""
    return str(path)


def validate_ntriples(nt: str) -> Report:
    """Validate N-Triples or N-Quads text (what the extractor produces for one article)."""
    from pyoxigraph import RdfFormat, Store
    store = Store()
    _load(store, "N-Triples/N-Quads text", RdfFormat.N_QUADS, "N-Quads", data=nt.encode("utf-8"))
    return _validate(_union(store))


@lru_cache(maxsize=1)
def _with_ontology():
    """A graph holding the ontology, kept for the life of the process (see validate_article)."""
    graph = _graph_class()()
    graph += load_shapes()[1]
    return graph


def validate_article(nt: str) -> Report:
    """Validate one article's N-Triples (our own, from kg/graph/rdf.py `ntriples`) as
    validate_ntriples does, for a third less: pyshacl would copy the 553 ontology triples into
    each ~50-triple article graph, so the article's triples join a graph that holds the ontology
    already, for one call, and leave it after. The graph validated is the same (article plus
    ontology), so is the verdict."""
    import rdflib
    base = _with_ontology()
    added = [t for t in rdflib.Graph().parse(data=nt, format="nt") if t not in base]
    for t in added:
        base.add(t)
    try:
        return _validate(base, mixed=True)
    finally:
        for t in added:
            base.remove(t)


def _union(store):
    """Every graph of a pyoxigraph Store as one rdflib graph, via N-Triples (rdflib's fast path).

    The stored ontology graph is left out: validation mixes in ontology/kg.ttl anyway."""
    from pyoxigraph import DefaultGraph, NamedNode, RdfFormat
    graphs = [DefaultGraph(), *(g for g in store.named_graphs() if g != NamedNode(ONTOLOGY_GRAPH))]
    nt = b"".join(store.dump(format=RdfFormat.N_TRIPLES, from_graph=g) for g in graphs)
    return _graph_class()().parse(data=nt.decode("utf-8"), format="nt")


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


def validate_store(store) -> Report:
    """SHACL over the union of the store's graphs, plus the SPARQL quality checks (which see the
    named graphs, e.g. that events cite mentions still present in some article graph)."""
    report = _validate(_union(store))
    extra = [Violation(node, f"[{name}]", summary) for name, summary, nodes in _run_checks(store) for node in nodes]
    return make_report(report.results + extra)


def validate_files(paths) -> Report:
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
    return validate_store(store)


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
