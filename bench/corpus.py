"""Synthetic corpora for the scaling benchmarks: N articles made from a folder of real ones.

Copy k of an article has every person the tagger finds renamed (a full name and its bare
surname alike) to a name Faker makes from seed + k, and its publication date moved k weeks on,
so the copies tell of different people on different days and their events do not merge into
the original's: a store of N copies grows as a real archive of N stories would. Faker is the
name source because it is a well-kept, seeded generator of plausible names in many locales;
the same seed gives the same corpus, byte for byte.

Usage: .venv/bin/python bench/corpus.py SOURCE_DIR N OUT_DIR [--seed 7] [--skip 0]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))


def people(text: str) -> list[str]:
    """The person names kg's own pipeline finds (its repaired entities), longest first."""
    from kg.extract.nlp import parse
    names = {e.text for e in parse(text).ents if e.label_ == "PERSON" and len(e) >= 2
             and all(t.pos_ == "PROPN" for t in e)}   # "Lavrov Meets" in a headline is no name
    return sorted(names, key=len, reverse=True)


def renamed(text: str, names: list[str], fake) -> str:
    """`text` with each full name, and then each surname left alone, replaced by a fake name."""
    swaps: dict[str, str] = {}
    for name in names:
        new = f"{fake.first_name()} {fake.last_name()}"
        swaps.setdefault(name, new)
        swaps.setdefault(name.split()[-1], swaps[name].split()[-1])
    if not swaps:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(swaps, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: swaps[m.group(1)], text)


def moved(meta: dict, weeks: int) -> dict:
    """The sidecar with its publication date `weeks` on (none stays none)."""
    out = dict(meta)
    if isinstance(out.get("published"), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["published"]):
        out["published"] = (date.fromisoformat(out["published"]) + timedelta(weeks=weeks)).isoformat()
    return out


def build(source: Path, n: int, out: Path, seed: int = 7, skip: int = 0) -> list[Path]:
    """N articles in `out` (copies 0, 1, ... of the sources in turn, the first `skip` left out:
    articles new to a store built from a corpus of `skip`); their paths."""
    from faker import Faker
    articles = sorted(source.glob("*.txt"))
    if not articles:
        raise SystemExit(f"corpus: no .txt articles in {source}")
    out.mkdir(parents=True, exist_ok=True)
    found = {p: people(p.read_text(encoding="utf-8")) for p in articles[:n]}
    made = []
    for i in range(skip, skip + n):
        src, k = articles[i % len(articles)], i // len(articles)
        if src not in found:
            found[src] = people(src.read_text(encoding="utf-8"))
        fake = Faker("en_US")
        fake.seed_instance(seed * 1_000_003 + i)
        target = out / f"{src.stem}-{k:05d}.txt"
        target.write_text(renamed(src.read_text(encoding="utf-8"), found[src], fake) if k else
                          src.read_text(encoding="utf-8"), encoding="utf-8")
        sidecar = src.with_suffix(".meta.json")
        if sidecar.is_file():
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            target.with_suffix(".meta.json").write_text(json.dumps(moved(meta, k), ensure_ascii=False),
                                                        encoding="utf-8")
        made.append(target)
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip", type=int, default=0, help="leave out the first SKIP articles (new ones for a store of SKIP)")
    a = ap.parse_args()
    made = build(a.source, a.n, a.out, a.seed, a.skip)
    print(f"corpus: {len(made)} articles in {a.out}")


if __name__ == "__main__":
    main()
