"""pyshacl, the reference kg's SHACL engine is held to: tests/test_validate_engine.py and
bench/validate_store.py check that each report kg gives is, line for line, the one pyshacl gives
on the same graph (as kg validated with pyshacl up to 0.1), and `kg validate --engine pyshacl`
runs it. It is imported only then.

pyshacl gets an rdflib Graph (never a pyoxigraph Store, orders of magnitude slower), inference
off, the ontology mixed in as `ont_graph` so its rdfs:subClassOf makes class targets and sh:class
see subclasses, as kg's engine gets it.
"""
from __future__ import annotations

from functools import lru_cache

from ..vocab import SH
from .validate import ONTOLOGY, SHAPES, Report, Violation, _run_checks, _short, _union, make_report


@lru_cache(maxsize=1)
def load_shapes():
    """(shapes graph, ontology graph) as rdflib Graphs, parsed once per process."""
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


def pyshacl_report(nt: str) -> Report:
    """What kg/graph/validate.py `_validate` says of N-Triples text, by pyshacl."""
    return make_report([Violation(focus, path, message, severity, value)
                        for focus, path, _, value, message, severity in pyshacl_results(nt)])


def pyshacl_results(nt: str) -> list[tuple[str, str, str, str, str, str]]:
    """kg/graph/validate.py `engine_results` by pyshacl: (focus, path, constraint component, value,
    message, severity) of each result on N-Triples (rdflib reads them 1.7 times as fast as the
    same text as Turtle)."""
    import pyshacl
    import rdflib
    shapes, ontology = load_shapes()
    graph = _graph_class()().parse(data=nt, format="nt")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                     inplace=True, allow_infos=True, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    out = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        get = lambda p: results.value(r, p)  # noqa: E731
        severity = get(sh.resultSeverity)
        out.append((str(get(sh.focusNode) or ""), _path(results, get(sh.resultPath)),
                    str(get(sh.sourceConstraintComponent) or "").removeprefix(SH), str(get(sh.value) or ""),
                    str(get(sh.resultMessage) or "violates a shape"),
                    str(severity).removeprefix(SH) if severity else "Violation"))
    return out


def pyshacl_store_report(store) -> Report:
    """What kg/graph/validate.py `validate_store` says of a pyoxigraph Store, SHACL by pyshacl."""
    extra = [Violation(node, f"[{name}]", summary) for name, summary, nodes in _run_checks(store) for node in nodes]
    return make_report(pyshacl_report(_union(store)).results + extra)


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
