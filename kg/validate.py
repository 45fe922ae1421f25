"""SHACL validation (pyshacl) and the SPARQL quality checks in shapes/*-violation.rq.

rdflib and pyshacl load lazily: they cost a few hundred milliseconds that queries must not pay.
Shapes run with inference off, against the data plus the ontology (for subclass targets).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import errors
from .vocab import ROOT, SH

SHAPES = ROOT / "shapes" / "kg-shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml"}


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    value: str = ""

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def text(self) -> str:
        if self.conforms:
            return "conforms: no violations"
        return f"{len(self.violations)} violation(s):\n" + "\n".join("  " + v.line() for v in self.violations)


@lru_cache(maxsize=1)
def _shapes():
    import rdflib
    return rdflib.Graph().parse(SHAPES), rdflib.Graph().parse(ONTOLOGY)


def validate_graph(data) -> Report:
    """Validate an rdflib Graph (or the union of a Dataset) against the shapes."""
    import pyshacl
    import rdflib
    shapes, ontology = _shapes()
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                            allow_warnings=True, advanced=True)
    violations = []
    for r in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):
        get = lambda p: results.value(r, rdflib.URIRef(SH + p))
        violations.append(Violation(focus=str(get("focusNode") or ""), path=str(get("resultPath") or ""),
                                    message=str(get("resultMessage") or "violates a shape"),
                                    value=str(get("value") or "")))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return Report(bool(conforms), violations)


def validate_ntriples(nt: str) -> Report:
    import rdflib
    return validate_graph(rdflib.Graph().parse(data=nt, format="nt"))


def run_violation_queries(store) -> list[Violation]:
    """Every row of every shapes/*-violation.rq is a failure naming its node."""
    out = []
    for path in sorted((ROOT / "shapes").glob("*-violation.rq")):
        check = path.name.removesuffix("-violation.rq")
        summary = next((l[2:].split(":", 1)[1].strip() for l in path.read_text().splitlines()
                        if l.startswith("#+ summary:")), check)
        for row in store.query(path.read_text()):
            out.append(Violation(focus=row[0].value, path=f"[{check}]", message=summary))
    return out


def union_graph(store):
    """All quads of a pyoxigraph store as one rdflib Graph (via N-Quads, the fast path)."""
    import rdflib
    from pyoxigraph import RdfFormat
    data = store.dump(format=RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate_store(store) -> Report:
    report = validate_graph(union_graph(store))
    extra = run_violation_queries(store)
    return Report(report.conforms and not extra, report.violations + extra)


def validate_files(paths: list[Path]) -> Report:
    """Validate RDF files; quads files are read as the union of their graphs."""
    from pyoxigraph import RdfFormat, Store
    store = Store()
    for path in paths:
        fmt = RdfFormat.from_extension(Path(path).suffix.lstrip("."))
        if fmt is None:
            raise errors.InputError(f"{path}: unknown RDF file type; use .ttl, .trig, .nt, .nq or .jsonld")
        try:
            store.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as e:
            raise errors.InputError(f"{path}: cannot parse ({str(e).splitlines()[0]})") from None
    return validate_store(store)
