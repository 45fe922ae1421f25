"""Measure the duplicate rate: events a human would merge, counted twice.

Usage: python bench/duplicates.py ARTICLES GOLD [--scorer ../shared/tools/score_events.py] [--verbose]
(KG=path/to/kg chooses the command, as tools/eval_extraction.sh does; default .venv/bin/kg.)

Ingests ARTICLES into a fresh store with the real CLI (articles it refuses are named and left
out, as the scorer does), runs the stored queries, matches each article's events to its gold with
the scorer's own one-to-one matching, then counts
- within an article: extracted events left unmatched that still match a gold event of their
  article (a second report of an event already counted);
- across articles: gold events of different articles that are one real event (same type, the
  scorer's role and place match, dates given in both, equal or one inside the other at least to
  the month) but whose matched stored events differ: every stored event after the first is a
  duplicate.
The rate is duplicates / extracted events (one per event and source article). Also printed, not
in the rate: stored events that hold gold events of other articles with conflicting dates
(merged though a human would keep them apart).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = Path(os.environ.get("KG") or ROOT / ".venv" / "bin" / "kg")
VERBOSE = False
QUERIES = {"Visit": "visits", "Meeting": "meetings", "Agreement": "agreements"}


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *args], check=check, capture_output=True, text=True)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matched(scorer, gold: dict, preds: dict) -> tuple[list, int]:
    """(doc, type, gold event, stored event id) for every match, and the within-article duplicates."""
    pairs, dups = [], 0
    for (doc, typ), cands in sorted(preds.items()):
        golds = [e for e in gold[doc].get("events", []) if e["type"] == typ]
        assigned = scorer.assign(typ, golds, cands)
        pairs += [(doc, typ, golds[gi], cands[pj]["id"]) for gi, pj in assigned.items()]
        used = set(assigned.values())
        for i, p in enumerate(cands):
            if i not in used and any(scorer.matches(typ, p, g) for g in golds):
                dups += 1
                if VERBOSE:
                    print(f"  within {doc} {typ}: {sorted(p['roles'])} {p['place']} {p['date']}")
    return pairs, dups


def one_event(scorer, typ: str, a: dict, b: dict) -> bool:
    """Two gold events of different articles that a human would call one event."""
    _, _, _, _, _, roles, place, day = scorer.SPEC[typ]
    da, db = a.get(day) or "", b.get(day) or ""
    if not da or not db or min(len(da), len(db)) < 7 or scorer.date_cmp(da, db) not in ("exact", "compatible"):
        return False
    as_pred = lambda e: {"roles": set(e.get(roles) or []), "place": (e.get(place) or "") if place else ""}
    return scorer.matches(typ, as_pred(a), b) or scorer.matches(typ, as_pred(b), a)


def across_articles(scorer, pairs: list) -> tuple[int, int]:
    """Duplicates (one real event stored as several) and conflations (one stored event holding
    gold events of other articles whose dates conflict)."""
    root = list(range(len(pairs)))

    def find(i):
        while root[i] != i:
            i = root[i]
        return i
    for i, (doc, typ, g, _) in enumerate(pairs):
        for j in range(i + 1, len(pairs)):
            d2, t2, g2, _ = pairs[j]
            if d2 != doc and t2 == typ and one_event(scorer, typ, g, g2):
                root[find(j)] = find(i)
    stored = defaultdict(set)
    for i, (doc, typ, g, eid) in enumerate(pairs):
        stored[find(i)].add(eid)
    dups = sum(len(ids) - 1 for ids in stored.values())
    if VERBOSE:
        for r, ids in stored.items():
            if len(ids) > 1:
                print(f"  across {pairs[r][1]}: {len(ids)} stored events for {pairs[r][2]}")
    by_event = defaultdict(list)
    for doc, typ, g, eid in pairs:
        by_event[eid].append((doc, g.get(scorer.SPEC[typ][7]) or ""))
    conflated = 0
    for eid, golds in by_event.items():
        days = sorted({d for _, d in golds if d})
        clash = any(scorer.date_cmp(x, y) == "wrong" for x in days for y in days)
        conflated += clash
        if VERBOSE and clash:
            print(f"  conflated {eid}: {sorted(golds)}")
    return dups, conflated


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
        ingest = kg("ingest", str(a.articles), "--store", str(store), check=False)
        if ingest.returncode != 0:
            print("warning: ingest exited non-zero; measuring what was stored:\n  "
                  + "\n  ".join(ingest.stderr.strip().splitlines()[-3:]), file=sys.stderr)
        for name in QUERIES.values():
            (pred / f"{name}.csv").write_text(kg("query", name, "--store", str(store), "--format", "csv").stdout)
        gold = {p.stem: json.loads(p.read_text()) for p in sorted(a.gold.glob("*.json"))}
        preds = scorer.load_pred(pred, list(gold))
    total = sum(len(v) for v in preds.values())
    pairs, within = matched(scorer, gold, preds)
    across, conflated = across_articles(scorer, pairs)
    rate = (within + across) / total if total else 0.0
    print(f"duplicates: {within} within articles, {across} across articles, "
          f"of {total} extracted events: rate {rate:.3f}; conflated: {conflated}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
