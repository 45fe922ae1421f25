"""How the store side of ingest grows with the store: the extracted parts of n articles written in
batches of 100, as `kg ingest` writes them (articles plus the event layer's update), for each n.

Usage: python bench/growth.py PARTS [--sizes 1000,3000,10000] [--batch 100] [--extract-ms MS]
(PARTS: `kg extract --out`, grown if need be by bench/replicate_parts.py.)

Extraction is a fixed cost per article (parse, rules, SHACL; bench/ingest_speed.py measures it)
and runs in worker processes; this measures what the single writer adds as the store grows. Each
size is a fresh process on a fresh store: its CPU, peak RSS, and the CPU of its last batch (the
marginal cost of 100 articles at that size). Then CPU(n) = a + b·n + c·n² fitted by least squares
(linear within 10%: the n² term at the largest size is at most a tenth of the n term), each size's
last batch against the smallest's, and peak RSS at the largest against the smallest (target <= 1.2).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from kg.parts import read_part, stem_of_part
from kg.store.store import KgStore
files = sorted(Path({parts!r}).glob("*.nq"))[:{n}]
began, last = time.process_time(), 0.0
with KgStore(Path({store!r})) as db:
    for i in range(0, len(files), {batch}):
        t = time.process_time()
        db.write_articles({{stem_of_part(f): read_part(f) for f in files[i:i + {batch}]}})
        last = time.process_time() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"n": len(files), "cpu": time.process_time() - began, "last": last, "rss": rss}}))
"""


def fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """a, b, c of CPU(n) = a + b·n + c·n² (least squares; numpy comes with spaCy)."""
    import numpy as np
    n = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    degree = min(2, len(points) - 1)
    coeffs = np.polyfit(n, y, degree)[::-1]
    return tuple(float(coeffs[i]) if i < len(coeffs) else 0.0 for i in range(3))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("parts", type=Path)
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--extract-ms", type=float, help="CPU per article of extraction (bench/ingest_speed.py: "
                    "ingest --workers 1 CPU / articles): then the whole ingest's growth too")
    args = ap.parse_args()
    available = len(list(args.parts.glob("*.nq")))
    sizes = [int(s) for s in args.sizes.split(",")]
    if max(sizes) > available:
        sys.exit(f"growth: {args.parts} has {available} part files, fewer than {max(sizes)}; "
                 "grow it with bench/replicate_parts.py")
    runs = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            code = WRITER.format(root=str(ROOT), parts=str(args.parts.resolve()), n=n, store=f"{tmp}/store",
                                 batch=args.batch)
            r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if r.returncode:
            sys.exit(f"growth: writing {n} articles failed:\n{r.stderr}")
        run = json.loads(r.stdout.strip().splitlines()[-1])
        runs.append(run)
        print(f"{n:>7} articles   cpu {run['cpu']:8.1f} s   ({1000 * run['cpu'] / n:6.1f} ms/article)   "
              f"last batch of {args.batch}: {run['last']:5.2f} s   peak RSS {run['rss']:6.0f} MB", flush=True)
    a, b, c = fit([(r["n"], r["cpu"]) for r in runs])
    print(f"fit: CPU(n) = {a:.2f} s + {1000 * b:.3f} ms·n + {1e6 * c:.4f} µs·n²")
    big = runs[-1]["n"]
    share = c * big * big / (b * big) if b > 0 else float("inf")
    print(f"quadratic term at {big} articles: {100 * share:.1f}% of the linear one "
          f"(linear within 10%: {'yes' if abs(share) <= 0.1 else 'no'})")
    base = runs[0]["last"]
    print("marginal CPU of a batch against the smallest store's: "
          + ", ".join(f"{r['n']}: {r['last'] / base:.2f}x" for r in runs))
    print(f"peak RSS at {runs[-1]['n']} / at {runs[0]['n']}: {runs[-1]['rss'] / runs[0]['rss']:.2f}x (target <= 1.2x)")
    if args.extract_ms:
        per = [args.extract_ms + 1000 * r["cpu"] / r["n"] for r in runs]
        print(f"whole ingest at {args.extract_ms:.0f} ms of extraction per article: "
              + ", ".join(f"{r['n']}: {p:.1f} ms/article" for r, p in zip(runs, per))
              + f"; largest / smallest {per[-1] / per[0]:.3f}x (linear within 10%: {'yes' if per[-1] / per[0] <= 1.1 else 'no'})")


if __name__ == "__main__":
    main()
