"""Measure each extraction rule's precision on the dev set: kg/data/rules/confidence.json.

    make rule-confidence                         # = the line below, in .venv
    python tools/rule_precision.py               # ../shared/dev/articles, ../shared/dev/gold
    python tools/rule_precision.py --check       # exit 1 when the shipped file is not what it makes

Every mention kg stores carries kg:confidence, the precision its rule (kg:rule) had here. This
ingests the dev articles into a fresh store, asks the stored queries visits, meetings and
agreements for their rows, and pairs them with the gold events exactly as the scorer does (its
own `load_pred` and `assign`, imported from score_events.py). A mention counts for its rule as
right when, in its own article, its event is paired with a gold event, and as wrong when it is
paired with none; a mention whose event the queries do not show (called off) or that is paired
with an optional gold event counts neither way, as the scorer counts it.

Few mentions say little, so precision is smoothed towards the dev set's overall mention
precision p0 with a Beta prior worth PRIOR_WEIGHT mentions: (right + PRIOR_WEIGHT * p0) /
(n + PRIOR_WEIGHT). A rule dev never saw fire gets p0 ("default"). Only dev is read, never dev2:
dev2 stays a test of how kg does on reports it was not tuned on.
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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "kg" / "data" / "rules" / "confidence.json"
PRIOR_WEIGHT = 4
QUERIES = {"Visit": "visits", "Meeting": "meetings", "Agreement": "agreements"}
RULES_QUERY = """PREFIX kg: <https://w3id.org/kgnews/ns#>
SELECT ?event ?stem ?rule WHERE {
  GRAPH <https://w3id.org/kgnews/graph/events> { ?event kg:mention ?m }
  GRAPH ?g { ?m kg:article ?a . ?a kg:fileStem ?stem . OPTIONAL { ?m kg:rule ?r } }
  BIND(COALESCE(?r, "") AS ?rule)
}"""


def kg(*args: str) -> str:
    """Run this checkout's kg; its stdout."""
    done = subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_events(score, gold_dir: Path, pred_dir: Path) -> dict[tuple[str, str], bool]:
    """(article stem, event IRI) -> True when the scorer pairs it with a required gold event,
    False when with none (events paired with an optional gold event are left out)."""
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    preds = score.load_pred(pred_dir, list(gold))
    out = {}
    for doc, g in gold.items():
        for typ in score.SPEC:
            golds = [e for e in g.get("events", []) if e["type"] == typ]
            cands = list(preds.get((doc, typ), []))
            pairs = score.assign(typ, golds, cands)
            for gi, ci in pairs.items():
                if not golds[gi].get("optional"):
                    out[(doc, cands[ci]["id"])] = True
            for ci, c in enumerate(cands):
                if ci not in pairs.values():
                    out[(doc, c["id"])] = False
    return out


def measure(articles: Path, gold_dir: Path, scorer_path: Path) -> dict:
    score = scorer(scorer_path)
    with tempfile.TemporaryDirectory() as tmp:
        store, pred = Path(tmp) / "store", Path(tmp) / "pred"
        pred.mkdir()
        kg("ingest", str(articles), "--store", str(store))
        for q in QUERIES.values():
            (pred / f"{q}.csv").write_text(kg("query", q, "--store", str(store), "--format", "csv"), encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(kg("sparql", RULES_QUERY, "--store", str(store), "--format", "csv"))))
        judged = judged_events(score, gold_dir, pred)
    right, seen = Counter(), Counter()
    for r in rows:
        verdict = judged.get((r["stem"], r["event"]))
        if verdict is None:
            continue
        seen[r["rule"]] += 1
        right[r["rule"]] += verdict
    p0 = sum(right.values()) / sum(seen.values()) if seen else 0.5
    rules = {rule: {"precision": round((right[rule] + PRIOR_WEIGHT * p0) / (n + PRIOR_WEIGHT), 3),
                    "right": right[rule], "n": n} for rule, n in sorted(seen.items()) if rule}
    return {"_comment": "Made by tools/rule_precision.py (make rule-confidence) from the dev set: do not edit. "
                        "precision = (right + %d * default) / (n + %d), a Beta prior at the overall mention "
                        "precision (default); n mentions judged, right those whose event matched gold."
                        % (PRIOR_WEIGHT, PRIOR_WEIGHT),
            "default": round(p0, 3), "mentions": sum(seen.values()), "rules": rules}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=Path, default=SHARED / "dev" / "articles")
    ap.add_argument("--gold", type=Path, default=SHARED / "dev" / "gold")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_events.py")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when --out differs")
    args = ap.parse_args(argv)
    if "dev2" in str(args.articles.resolve()):
        print("dev2 is held out: measure rules on dev", file=sys.stderr)
        return 2
    text = json.dumps(measure(args.articles, args.gold, args.scorer), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        if not same:
            print(f"{args.out}: not what the dev set gives now; run `make rule-confidence`", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"{args.out}: {len(data['rules'])} rules, {data['mentions']} mentions, default {data['default']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
