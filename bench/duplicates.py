"""Measure the duplicate rate: events a human would merge, counted twice.

Usage: python bench/duplicates.py ARTICLES GOLD [--scorer ../shared/tools/score_events.py]

Ingests ARTICLES into a fresh store with the real CLI, runs the stored queries, then counts
- within an article: extracted events of one type that match the same gold event (the scorer's
  own matching rule); every match after the first is a duplicate;
- across articles: pairs of stored events of one type with the same people, places one inside the
  other, and equal dates (or both undated), which the event layer left apart.
The rate is duplicates / extracted events.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / ".venv" / "bin" / "kg"
VERBOSE = False
QUERIES = {"Visit": "visits", "Meeting": "meetings", "Agreement": "agreements"}


def kg(*args: str) -> str:
    return subprocess.run([str(KG), *args], check=True, capture_output=True, text=True).stdout


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def within_articles(scorer, pred_dir: Path, gold_dir: Path) -> tuple[int, int]:
    """Extracted events left over after the scorer's one-to-one matching that still match a gold
    event of their article: a second report of an event already counted."""
    gold = {p.stem: json.loads(p.read_text()) for p in sorted(gold_dir.glob("*.json"))}
    preds = scorer.load_pred(pred_dir, list(gold))
    total = sum(len(v) for v in preds.values())
    dups = 0
    for (doc, typ), cands in preds.items():
        golds = [e for e in gold[doc].get("events", []) if e["type"] == typ]
        date_key = scorer.SPEC[typ][7]
        used: set[int] = set()
        for g in sorted(golds, key=lambda e: e.get("optional", False)):   # the scorer's own order
            ok = [i for i, p in enumerate(cands) if i not in used and scorer.matches(typ, p, g)]
            pick = next((i for i in ok if scorer.date_cmp(cands[i]["date"], g.get(date_key))
                         in ("exact", "compatible")), ok[0] if ok else None)
            if pick is not None:
                used.add(pick)
        for i, p in enumerate(cands):
            if i not in used and any(scorer.matches(typ, p, g) for g in golds):
                dups += 1
                if VERBOSE:
                    print(f"  within {doc} {typ}: {sorted(p['roles'])} {p['place']} {p['date']}")
    return dups, total


PLACE_OF = """PREFIX kg: <https://w3id.org/kgnews/ns#>
SELECT ?e ?type ?agent ?place ?date WHERE { GRAPH <https://w3id.org/kgnews/graph/events> {
  ?e a ?t ; kg:traveller|kg:participant|kg:party ?agent . VALUES ?t { kg:Visit kg:Meeting kg:Agreement }
  OPTIONAL { ?e kg:destination|kg:place ?place } OPTIONAL { ?e kg:startDate|kg:date ?date }
  BIND(STRAFTER(STR(?t), "#") AS ?type) } }"""
LOCATED = """PREFIX kg: <https://w3id.org/kgnews/ns#>
SELECT ?a ?b WHERE { GRAPH <https://w3id.org/kgnews/graph/events> { ?a kg:locatedIn+ ?b } }"""


def across_articles(store: Path) -> int:
    events = defaultdict(lambda: {"agents": set(), "place": "", "date": "", "type": ""})
    for row in csv.DictReader(io.StringIO(kg("sparql", PLACE_OF, "--store", str(store), "--format", "csv"))):
        e = events[row["e"]]
        e["type"], e["place"], e["date"] = row["type"], row["place"], row["date"]
        e["agents"].add(row["agent"])
    inside = {(r["a"], r["b"]) for r in csv.DictReader(io.StringIO(
        kg("sparql", LOCATED, "--store", str(store), "--format", "csv")))}
    items = list(events.values())
    pairs = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if a["type"] == b["type"] and a["agents"] == b["agents"] and a["date"] == b["date"] and (
                    a["place"] == b["place"] or (a["place"], b["place"]) in inside or (b["place"], a["place"]) in inside):
                pairs += 1
                if VERBOSE:
                    print(f"  across {a['type']}: {sorted(a['agents'])} {a['place']} {a['date']}")
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "tools" / "score_events.py")
    ap.add_argument("--verbose", action="store_true", help="print each duplicate")
    a = ap.parse_args()
    global VERBOSE
    VERBOSE = a.verbose
    scorer = load_scorer(a.scorer)
    with tempfile.TemporaryDirectory() as tmp:
        store, pred = Path(tmp) / "store", Path(tmp) / "pred"
        pred.mkdir()
        kg("ingest", str(a.articles), "--store", str(store))
        for name in QUERIES.values():
            (pred / f"{name}.csv").write_text(kg("query", name, "--store", str(store), "--format", "csv"))
        within, total = within_articles(scorer, pred, a.gold)
        across = across_articles(store)
    rate = (within + across) / total if total else 0.0
    print(f"duplicates: {within} within articles, {across} across articles, "
          f"of {total} extracted events: rate {rate:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
