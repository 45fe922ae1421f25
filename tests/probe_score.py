"""Score the probe stories (tests/data/probes) the way the shared evaluation scores the dev sets.

Each probe goes through what `kg ingest` does (read, extract, validate, store, derive the event
layer) and the stored queries `visits`, `meetings` and `agreements` read the events back, so the
score counts what a user would get, duplicates and refused articles included. The matching follows
shared/tools/score_events.py in short: a Visit matches on one traveller and the destination (a
place inside the gold country matches it, by the gazetteer), a Meeting on two participants, an
Agreement on two parties. Names match when one is part of the other, case and accents folded;
names of states by the gazetteer. Optional gold events neither reward nor punish. Dates and
statuses are judged on matched required events only.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.gazetteer import Gazetteer
from kg.extract.pipeline import extract_document
from kg.graph.rdf import article_quads, ntriples
from kg.graph.validate import validate_ntriples
from kg.read.documents import load_document
from kg.store.queries import get
from kg.store.store import KgStore

PROBES = Path(__file__).parent / "data" / "probes"
# type -> (stored query, its id column, role column, place column, date column, gold roles, gold place, gold date)
SPEC = {
    "Visit": ("visits", "visit", "traveller", "destination", "start", "travellers", "destination", "start"),
    "Meeting": ("meetings", "meeting", "participant", "place", "date", "participants", "place", "date"),
    "Agreement": ("agreements", "agreement", "party", None, "date", "parties", None, "date"),
}


def fold(s: str | None) -> str:
    """Lower case, no accents, hyphens as spaces: 'Al-Mutairi' and 'al Mutairi' are one name."""
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9']+", " ", s).split())


def name_match(a: str, b: str) -> bool:
    """One name is part of the other, word by word: 'Chaiyaporn' is 'Pongsak Chaiyaporn'."""
    x, y = fold(a).split(), fold(b).split()
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return bool(short) and all(w in long_ for w in short)


def same_actor(pred: str, gold: str, gaz: Gazetteer) -> bool:
    """Two names of one state or place by the gazetteer ('Ivory Coast' is 'Côte d'Ivoire', 'Guinea'
    is not 'Equatorial Guinea'); any other names when they match."""
    p, g = gaz.lookup(pred), gaz.lookup(gold)
    if p is not None and g is not None:
        return p.key == g.key
    return name_match(pred, gold)


def place_match(pred: str | None, gold: str | None, gaz: Gazetteer) -> bool:
    """The same place, or the predicted place lies in the gold country (or the other way round)."""
    if not pred or not gold:
        return False
    if fold(pred) == fold(gold):
        return True
    p, g = gaz.lookup(pred), gaz.lookup(gold)
    if p is None or g is None:
        return False
    return p.key == g.key or (g.kind == "Country" and gaz.contains(g, p)) \
        or (p.kind == "Country" and gaz.contains(p, g))


def date_cmp(pred: str | None, gold: str | None) -> str | None:
    """'exact', 'compatible' (one is a prefix of the other), 'wrong', 'missing'; None without gold."""
    pred, gold = (pred or "")[:10], (gold or "")[:10]
    if not gold:
        return None
    if not pred:
        return "missing"
    if pred == gold:
        return "exact"
    return "compatible" if pred.startswith(gold) or gold.startswith(pred) else "wrong"


@dataclass
class Predicted:
    """One event of the event layer as one article reports it."""
    type: str
    roles: set[str] = field(default_factory=set)
    place: str = ""
    date: str = ""
    status: str = ""

    def show(self) -> str:
        return f"{self.type} {sorted(self.roles)} @ {self.place or '-'} {self.date or '-'}"


def ingest(paths: list[Path], store_dir: Path) -> tuple[KgStore, list[str]]:
    """Extract, validate and store the articles as `kg ingest` does; return the store and the
    stems the shapes refused (those are not stored, as in `kg ingest`)."""
    db, graphs, refused = KgStore(store_dir), {}, []
    for path in paths:
        record = extract_document(load_document(path))
        quads = article_quads(record)
        if validate_ntriples(ntriples(quads)).conforms:
            graphs[record.stem] = quads
        else:
            refused.append(record.stem)
    db.write_articles(graphs)
    return db, refused


def stored_events(db: KgStore) -> dict[str, list[Predicted]]:
    """The events of the stored queries, one per event and source article, keyed by article stem."""
    events: dict[tuple[str, str], Predicted] = {}
    for typ, (query, idc, rolec, placec, datec, *_) in SPEC.items():
        for row in db.query(get(query).text):
            cell = {k: row[k].value for k in (idc, rolec, placec, datec, "status", "document")
                    if k and row[k] is not None}
            stem = cell["document"].rsplit("/", 1)[-1]
            ev = events.setdefault((stem, cell[idc]), Predicted(typ))
            ev.roles.add(cell[rolec])
            ev.place = ev.place or cell.get(placec, "")
            ev.date = ev.date or cell.get(datec, "")
            ev.status = ev.status or cell.get("status", "")
    by_stem: dict[str, list[Predicted]] = {}
    for (stem, _), ev in events.items():
        by_stem.setdefault(stem, []).append(ev)
    return by_stem


def matches(gold: dict, pred: Predicted, gaz: Gazetteer) -> bool:
    *_, groles, gplace, _ = SPEC[gold["type"]]
    hits = sum(any(same_actor(p, g, gaz) for p in pred.roles) for g in gold[groles])
    if gold["type"] == "Visit":
        return hits >= 1 and (place_match(pred.place, gold[gplace], gaz)
                              or place_match(pred.place, gold.get("destination_country"), gaz))
    return hits >= min(2, len(gold[groles]))


def pair(golds: list[dict], preds: list[Predicted], gaz: Gazetteer) -> dict[int, int]:
    """gold index -> prediction index: a maximum one-to-one matching by augmenting paths. Required
    events are matched first on pairs whose dates agree (and keep such a pair), then on any pair,
    then optional events; a gold event once matched stays matched."""
    owner: dict[int, int] = {}
    required = [g for g in range(len(golds)) if not golds[g].get("optional")]
    optional = [g for g in range(len(golds)) if golds[g].get("optional")]
    strict = set(required)   # gold events that may only take a prediction whose date agrees

    def fits(g: int, p: int) -> bool:
        return matches(golds[g], preds[p], gaz) and (
            g not in strict or date_cmp(preds[p].date, golds[g][SPEC[golds[g]["type"]][7]]) != "wrong")

    def augment(g: int, seen: set[int]) -> bool:
        for p in range(len(preds)):
            if p not in seen and fits(g, p):
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in required:
        augment(g, set())
    strict = set(owner.values())
    for g in required + optional:
        if g not in strict:
            augment(g, set())
    return {g: p for p, g in owner.items()}


@dataclass
class ProbeScore:
    stem: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)   # reported, not asserted
    refused: bool = False


def score_probe(stem: str, gold: dict, preds: list[Predicted], gaz: Gazetteer) -> ProbeScore:
    out = ProbeScore(stem)
    for typ, spec in SPEC.items():
        golds = [e for e in gold["events"] if e["type"] == typ]
        cands = [p for p in preds if p.type == typ]
        pairs = pair(golds, cands, gaz)
        for gi, ge in enumerate(golds):
            if ge.get("optional"):
                continue
            if gi not in pairs:
                out.fn += 1
                out.misses.append(f"{ge['id']} {typ} {ge[spec[5]]} @ {ge.get(spec[6]) or '-'} {ge[spec[7]] or '-'}")
                continue
            out.tp += 1
            p = cands[pairs[gi]]
            if date_cmp(p.date, ge[spec[7]]) == "wrong":
                out.wrong_dates.append(f"{ge['id']} {typ}: predicted {p.date}, gold {ge[spec[7]]}")
            if ge.get("status") and fold(p.status).replace(" ", "") != fold(ge["status"]).replace(" ", ""):
                out.wrong_status.append(f"{ge['id']} {typ}: predicted {p.status}, gold {ge['status']}")
        used = set(pairs.values())
        out.false += [p.show() for i, p in enumerate(cands) if i not in used]
        out.fp += len(cands) - len(used)
    return out


def score_all(store_dir: Path, probes: Path = PROBES) -> list[ProbeScore]:
    paths = sorted(probes.glob("*.txt"))
    db, refused = ingest(paths, store_dir)
    preds = stored_events(db)
    gaz = Gazetteer.default()
    scores = []
    for path in paths:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        s = score_probe(path.stem, gold, preds.get(path.stem, []), gaz)
        s.refused = path.stem in refused
        scores.append(s)
    return scores


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def table(scores: list[ProbeScore]) -> str:
    """One line per probe, then its misses, false events, wrong dates and wrong statuses."""
    lines = [f"{'probe':28s} {'tp':>3s} {'fp':>3s} {'fn':>3s}   F1"]
    for s in scores:
        score = f"{f1(s.tp, s.fp, s.fn):5.2f}" if s.tp + s.fp + s.fn else "    -"   # a negative story kept clean
        lines.append(f"{s.stem:28s} {s.tp:3d} {s.fp:3d} {s.fn:3d} {score}"
                     + ("  REFUSED by the shapes" if s.refused else ""))
        lines += [f"    MISS  {m}" for m in s.misses] + [f"    FALSE {m}" for m in s.false]
        lines += [f"    DATE  {m}" for m in s.wrong_dates] + [f"    STATUS {m}" for m in s.wrong_status]
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    lines.append(f"{'ALL':28s} {tp:3d} {fp:3d} {fn:3d} {f1(tp, fp, fn):5.2f}")
    return "\n".join(lines)
