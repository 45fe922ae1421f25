"""`kg validate` on a store against the SHACL engines on the same triples: times, and whether each
engine gives pyshacl's results. The target (issue 11): kg validate <= 3x the fastest engine that
gives the same results.

Usage: python bench/validate_store.py STORE [--runs 3] [--broken] [--no-pyshacl]

- kg validate: `kg validate --store STORE`, a fresh process as a user runs it (wall, best of runs);
- each engine: the triples kg validates (every graph of the store but the stored ontology, and
  ontology/kg.ttl) as one N-Triples file, parsed and validated in this process (wall, best of runs): shacl (kg's engine), and shacl-rust and
  pyrudof when they are installed (`pip install shacl-rust==0.2.12 pyrudof==0.3.35`);
- pyshacl (the reference, kg/graph/reference.py), once: every engine's results are compared
  with its (focus node, path, constraint component, value, message, severity), as sets.
--broken validates a copy of the store broken in many places (BREAKS, ~1/16 of the nodes each);
STORE itself is only read.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIXES = """PREFIX kg: <https://w3id.org/kgnews/ns#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""


def _swap(cls: str, prop: str, new: str) -> str:
    """Each picked node of class `cls` gets `new` (an expression over its old value ?v) for `prop`."""
    return (f"DELETE {{ GRAPH ?g {{ ?n {prop} ?v }} }} INSERT {{ GRAPH ?g {{ ?n {prop} ?new }} }} "
            f"WHERE {{ GRAPH ?g {{ ?n a {cls} ; {prop} ?v }} PICK(?n) BIND({new} AS ?new) }}")


def _drop(cls: str, prop: str) -> str:
    return f"DELETE {{ GRAPH ?g {{ ?n {prop} ?v }} }} WHERE {{ GRAPH ?g {{ ?n a {cls} ; {prop} ?v }} PICK(?n) }}"


# The ways tests/test_shapes.py breaks one hand-made article, done to real data: SPARQL updates on
# every graph, each on the nodes PICK chooses (by a hash of the node and the break's name).
BREAKS = {
    "visit without destination": _drop("kg:VisitMention", "kg:destination"),
    "meeting with one participant": (
        "DELETE { GRAPH ?g { ?n kg:participant ?p } } WHERE { GRAPH ?g { ?n a kg:MeetingMention ; kg:participant ?p "
        "FILTER NOT EXISTS { ?n kg:participant ?q FILTER(STR(?q) < STR(?p)) } } PICK(?n) }"),
    "meeting status not in its list": _swap("kg:MeetingMention", "kg:status", "kg:invited"),
    "status not a status at all": _swap("kg:Agreement", "kg:status", "kg:done"),
    "date with wrong datatype": _swap("kg:VisitMention", "kg:startDate", "STR(?v)"),
    "end before start": ('INSERT { GRAPH ?g { ?n kg:endDate "1900-01-01"^^xsd:date } } WHERE { GRAPH ?g { ?n a kg:Visit ; '
                         "kg:startDate ?s FILTER NOT EXISTS { ?n kg:endDate ?e } } PICK(?n) }"),
    "event without source": _drop("kg:Meeting", "kg:source"),
    "event without mention": _drop("kg:Visit", "kg:mention"),
    "agreement party that is a person": (
        "INSERT { GRAPH ?g { ?n kg:party ?p } } WHERE { GRAPH ?g { ?n a kg:AgreementMention . "
        "?x kg:traveller|kg:participant|kg:signatory ?p } PICK(?n) }"),
    "evidence offsets reversed": (
        "DELETE { GRAPH ?g { ?n kg:beginOffset ?b ; kg:endOffset ?e } } "
        "INSERT { GRAPH ?g { ?n kg:beginOffset ?e ; kg:endOffset ?b } } "
        "WHERE { GRAPH ?g { ?n kg:beginOffset ?b ; kg:endOffset ?e } PICK(?n) }"),
    "offset not an integer": _swap("kg:MeetingMention", "kg:beginOffset", "STR(?v)"),
    "mention without article": _drop("kg:AgreementMention", "kg:article"),
    "empty evidence": _swap("kg:VisitMention", "kg:evidence", '""'),
    "precision does not match the date": _swap("kg:Visit", "kg:datePrecision", "IF(?v = kg:day, kg:year, kg:day)"),
    "precision not in its list": _swap("kg:MeetingMention", "kg:datePrecision", "kg:week"),
    "actor without a name": ("DELETE { GRAPH ?g { ?n rdfs:label ?l . ?n skos:prefLabel ?l } } WHERE { GRAPH ?g { "
                             "?n a kg:Person . { ?n rdfs:label ?l } UNION { ?n skos:prefLabel ?l } } PICK(?n) }"),
    "role without holder": _drop("kg:RoleAssignment", "kg:holder"),
    "country code in lower case": _swap("kg:Country", "kg:countryCode", "LCASE(?v)"),
    "country code of two letters": _swap("kg:Person", "kg:countryCode", "SUBSTR(?v, 1, 2)"),
    "latitude beyond the pole": _swap("kg:City", "geo:lat", "91.5"),
    "longitude as text": _swap("kg:Country", "geo:long", "STR(?v)"),
    "confidence above one": _swap("kg:VisitMention", "kg:confidence", "1.2"),
    "CAMEO code not digits": _swap("kg:Meeting", "kg:cameo", '"04A"'),
    "PLOVER type not PLOVER's": _swap("kg:Visit", "kg:plover", '"VISIT"'),
    "mode not in its list": _swap("kg:MeetingMention", "kg:mode", "kg:letter"),
    "orphan event": ("INSERT { GRAPH ?g { ?n kg:mention <https://w3id.org/kgnews/id/mention/gone/1> } } "
                     "WHERE { GRAPH ?g { ?n a kg:Agreement } PICK(?n) }"),
    "unneeded actor": "DELETE { GRAPH ?g { ?a kg:mentions ?n } } WHERE { GRAPH ?g { ?a kg:mentions ?n } PICK(?n) }",
}


def break_store(store, share: str = "0") -> None:
    """Apply every break to a pyoxigraph Store; each picks the nodes whose hash (of the node and the
    break's name) starts with one of the hex digits in `share`: "0" ~1/16 of them, "01234567" half."""
    digits = ", ".join(f'"{d}"' for d in share)
    for name, update in BREAKS.items():
        pick = f'FILTER(SUBSTR(MD5(CONCAT(STR(\\1), "{name}")), 1, 1) IN ({digits}))'
        store.update(PREFIXES + re.sub(r"PICK\((\?\w+)\)", pick, update))


def engine_times(nt_path: Path, runs: int) -> dict:
    """{engine: (best wall seconds, result tuples)} for each engine installed."""
    from kg.graph.validate import SHAPES, _path, _plain
    out = {}

    def shacl_engine():
        import shacl
        report = shacl.Shapes.from_file(str(SHAPES)).validate_file(str(nt_path), allow_warnings=True)
        return {(_plain(r.focus_node), _path(r.path), r.component, r.value_plain or "", r.message or "",
                 r.severity) for r in report.results}

    def shacl_rust_engine():
        import shacl_rust
        report = shacl_rust.validate_file(str(nt_path), str(SHAPES))
        return {(_plain(r["focusNode"]), _path(r.get("resultPath")), _local(r["sourceConstraintComponent"]),
                 _plain(r["value"]) if r.get("value") else "", (r.get("messages") or [""])[-1], _local(r["severity"]))
                for r in report["results"]}

    def pyrudof_engine():
        import pyrudof
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(nt_path), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(SHAPES))
        return {(str(r.focus_node), _rudof_path(str(r.path or "")), _local(str(r.constraint_component)),
                 _plain(_rudof_term(str(r.value))) if r.value else "", (r.message or "").strip('"'), str(r.severity))
                for r in rudof.validate_shacl().violations}

    for name, run in (("shacl", shacl_engine), ("shacl-rust", shacl_rust_engine), ("pyrudof", pyrudof_engine)):
        try:
            best, results = min(_timed(run) for _ in range(runs))
        except ImportError:
            continue
        out[name] = (best, results)
    return out


def _timed(run):
    began = time.perf_counter()
    results = run()
    return time.perf_counter() - began, results


def _local(iri: str) -> str:
    return iri.strip("<>").rsplit("#", 1)[-1]


def _rudof_term(term: str) -> str:
    """pyrudof writes a datatype as a prefixed name ("1.2"^^xsd:decimal): enough to take the lexical form."""
    return term.split("^^", 1)[0] if term.startswith('"') else f"<{term}>"


def _rudof_path(path: str) -> str:
    from kg.graph.validate import _path
    if "|" in path:   # "(a | b)"
        return _path("(" + "|".join(f"<{p.strip()}>" for p in path.strip("()").split("|")) + ")")
    return path


def kg_validate(store: Path, runs: int) -> tuple[float, str, int]:
    """Best wall time of `kg validate --store`, its output and exit code."""
    best, out = float("inf"), None
    for _ in range(runs):
        began = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "kg", "validate", "--store", str(store)], capture_output=True,
                           text=True, cwd=ROOT, env={**os.environ, "KG_STORE": ""})
        best, out = min(best, time.perf_counter() - began), r
    return best, out.stdout, out.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--broken", action="store_true", help="validate a copy broken in many places")
    ap.add_argument("--no-pyshacl", action="store_true", help="skip pyshacl (minutes on a large store)")
    args = ap.parse_args()
    from pyoxigraph import Store
    work = Path(tempfile.mkdtemp(prefix="kg-validate-bench-"))
    try:
        store = args.store
        if args.broken:
            store = work / "broken"
            shutil.copytree(args.store, store, ignore=shutil.ignore_patterns("LOCK", "kg.lock"))
            db = Store(str(store))
            break_store(db)
            db.flush()
            del db
        from kg.graph.validate import _engine, _union
        nt = work / "all.nt"   # what kg validates: every graph but the stored ontology, and ontology/kg.ttl
        db = Store.read_only(str(store))
        nt.write_text(_union(db) + _engine()[1], encoding="utf-8")
        triples, quads = sum(1 for _ in open(nt, "rb")), len(db)
        del db
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
        print(f"{store}{' (broken copy of ' + str(args.store) + ')' if args.broken else ''}: {quads} quads, "
              f"{triples} triples exported; {os.cpu_count()} cores, load {load}; best of {args.runs}")
        kg_time, kg_out, kg_rc = kg_validate(store, args.runs)
        lines = kg_out.splitlines()
        print(f"  kg validate        {kg_time:7.2f} s   exit {kg_rc}, {lines[0] if lines else '(no output)'}")
        reference = None
        if not args.no_pyshacl:
            from kg.graph.reference import pyshacl_results
            began = time.perf_counter()
            reference = set(pyshacl_results(nt.read_text(encoding="utf-8")))
            print(f"  pyshacl            {time.perf_counter() - began:7.2f} s   {len(reference)} results (the reference)")
        same_fastest = None
        for name, (seconds, results) in sorted(engine_times(nt, args.runs).items(), key=lambda kv: kv[1][0]):
            same = "?" if reference is None else ("same results" if results == reference else
                                                  f"DIFFERENT: {len(reference - results)} missing, "
                                                  f"{len(results - reference)} extra")
            print(f"  {name:<18} {seconds:7.2f} s   {len(results)} results, {same}")
            if same_fastest is None and (reference is None or results == reference):
                same_fastest = (name, seconds)
        if same_fastest:
            name, seconds = same_fastest
            ratio = kg_time / seconds
            print(f"kg validate / {name} (the fastest engine with the same results) = {ratio:.1f}x "
                  f"(target <= 3x: {'met' if ratio <= 3 else 'NOT met'})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
