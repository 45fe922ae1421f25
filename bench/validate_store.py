"""`kg validate` on a store against the SHACL engines on the same triples: times, and whether each
engine gives pyshacl's results. The target (issue 11): kg validate <= 3x the fastest engine that
gives the same results.

Usage: python bench/validate_store.py STORE [--runs 3] [--broken] [--no-pyshacl]

- kg validate: `kg validate --store STORE`, a fresh process as a user runs it (wall and CPU, best
  of runs, taken in turn with the engines' runs), and the part of it that reads the store;
- each engine: the triples kg validates (every graph of the store but the stored ontology, and
  ontology/kg.ttl) as one N-Triples file, parsed and validated in this process (wall and CPU of
  all its threads, best of runs): shacl (kg's engine), and shacl-rust and
  pyrudof when they are installed (`pip install shacl-rust==0.2.12 pyrudof==0.3.35`);
- oxigraph dump: Oxigraph's CLI writing the store out, which any engine needs before it can
  validate a store (kg reads it in-process the same way);
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
    """{engine: (best wall seconds, best CPU seconds, result tuples)} for each engine installed."""
    from kg.graph.validate import SHAPES, _path, _plain
    out = {}

    def shacl_engine():
        import shacl
        report = shacl.Shapes.from_file(str(SHAPES)).validate_file(str(nt_path), allow_warnings=True)
        return {(_plain(r.focus_node), _path(r.path), r.component, r.value_plain or "",
                 r.message or "violates a shape", r.severity) for r in report.results}

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
            times = [_timed(run) for _ in range(runs)]
        except ImportError:
            continue
        out[name] = (min(t[0] for t in times), min(t[1] for t in times), times[0][2])
    return out


def _timed(run):
    """(wall, CPU of this process's threads, results) of one run."""
    began, cpu = time.perf_counter(), time.process_time()
    results = run()
    return time.perf_counter() - began, time.process_time() - cpu, results


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


def kg_validate(store: Path, runs: int, warm: bool = True) -> tuple[float, float, str, int]:
    """Best wall and CPU seconds of `kg validate --store`, its output and exit code. A first run,
    not timed (unless `warm` is False), leaves kg's bytecode in __pycache__ as an installed kg
    has it (even where PYTHONDONTWRITEBYTECODE is set, which would have every run compile kg afresh)."""
    import resource
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "kg", "validate", "--store", str(store)]
    if warm:
        subprocess.run(command, capture_output=True, cwd=ROOT, env={**env, "KG_STORE": ""})
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(runs):
        before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**env, "KG_STORE": ""})
        wall, after = min(wall, time.perf_counter() - began), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, cpu, out.stdout, out.returncode


def oxigraph_dump(store: Path, runs: int) -> tuple[float, float] | None:
    """Best wall and CPU seconds of `oxigraph dump` of the store (the CLI comes with the test
    extra), or None without it."""
    import resource
    cli = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if cli is None:
        return None
    wall, cpu = float("inf"), float("inf")
    for _ in range(runs):
        before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([cli, "dump", "--location", str(store), "--format", "nq"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        wall, after = min(wall, time.perf_counter() - began), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, cpu


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
        from pyoxigraph import RdfFormat, parse, serialize

        from kg.graph.validate import _engine, _union_bytes
        nt = work / "all.nt"   # what kg validates: every graph but the stored ontology, and ontology/kg.ttl
        db = Store.read_only(str(store))
        nt.write_bytes(serialize(parse(_union_bytes(db) + _engine()[1].encode(), format=RdfFormat.N_TRIPLES),
                                 format=RdfFormat.N_TRIPLES))   # the engines get N-Triples Oxigraph wrote, not kg
        triples, quads = sum(1 for _ in open(nt, "rb")), len(db)
        del db
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
        print(f"{store}{' (broken copy of ' + str(args.store) + ')' if args.broken else ''}: {quads} quads, "
              f"{triples} triples exported; {os.cpu_count()} cores, load {load}; best of {args.runs}")
        # kg and the engines in turn, run by run: this machine's speed drifts by a third over seconds
        kg_wall, kg_cpu, engines = float("inf"), float("inf"), {}
        for round_ in range(args.runs):
            wall, cpu, kg_out, kg_rc = kg_validate(store, 1, warm=round_ == 0)
            kg_wall, kg_cpu = min(kg_wall, wall), min(kg_cpu, cpu)
            for name, (wall, cpu, results) in engine_times(nt, 1).items():
                fastest = engines.get(name, (wall, cpu, results))
                engines[name] = (min(wall, fastest[0]), min(cpu, fastest[1]), results)
        lines = kg_out.splitlines()
        print(f"  kg validate        {kg_wall:7.2f} s wall {kg_cpu:7.2f} s cpu   exit {kg_rc}, "
              f"{lines[0] if lines else '(no output)'}")
        db = Store.read_only(str(store))
        began, cpu = time.perf_counter(), time.process_time()
        _union_bytes(db)
        print(f"    of which reading the store (kg/graph/validate.py _union_bytes, in this process) "
              f"{time.perf_counter() - began:.2f} s wall {time.process_time() - cpu:.2f} s cpu")
        del db
        reference = None
        if not args.no_pyshacl:
            from kg.graph.reference import pyshacl_results
            began = time.perf_counter()
            reference = set(pyshacl_results(nt.read_text(encoding="utf-8")))
            print(f"  pyshacl            {time.perf_counter() - began:7.2f} s wall                {len(reference)} "
                  "results (the reference)")
        same_fastest = None
        for name, (wall, cpu, results) in sorted(engines.items(), key=lambda kv: kv[1][0]):
            same = "?" if reference is None else ("same results" if set(results) == reference else
                                                  f"DIFFERENT: {len(reference - set(results))} missing, "
                                                  f"{len(set(results) - reference)} extra")
            print(f"  {name:<18} {wall:7.2f} s wall {cpu:7.2f} s cpu   {len(results)} results, {same}")
            if same_fastest is None and (reference is None or set(results) == reference):
                same_fastest = (name, wall, cpu)
        if same_fastest:
            name, wall, cpu = same_fastest
            which = "the fastest engine" + (" with the same results" if reference is not None else ", results unchecked")
            print(f"kg validate / {name} ({which}): {kg_wall / wall:.1f}x wall, "
                  f"{kg_cpu / cpu:.1f}x cpu (target <= 3x: {'met' if kg_wall / wall <= 3 else 'NOT met'})")
            dumped = oxigraph_dump(store, args.runs)
            if dumped:
                print(f"  oxigraph dump      {dumped[0]:7.2f} s wall {dumped[1]:7.2f} s cpu   the store as N-Quads "
                      "(Oxigraph's own CLI): what any engine must pay to see a store")
                print(f"kg validate / (oxigraph dump + {name}): {kg_wall / (dumped[0] + wall):.1f}x wall, "
                      f"{kg_cpu / (dumped[1] + cpu):.1f}x cpu")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
