"""Measure what a store's size costs a write: the same articles ingested into an empty store and
into a copy of a large one (the event layer is updated where the write touches it, kg/graph/delta.py).

Usage: python bench/incremental_speed.py STORE ARTICLES [--workers 1]
(STORE is copied, never written; ARTICLES should be new to it, e.g. bench/corpus.py with
another --seed and renamed files.) Prints CPU and wall of each, their ratio (target <= 1.1
for 100 articles into a 10,000-article store) and each run's peak RSS.
"""
from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one fresh process; a failed run ends the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as elsewhere:
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=elsewhere, env={**os.environ, "KG_STORE": ""})
    wall = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        sys.exit(f"{shlex.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--workers", default="1")
    args = ap.parse_args()
    args.store, args.articles = args.store.resolve(), args.articles.resolve()   # kg runs elsewhere
    kg = shlex.split(os.environ["KG"]) if os.environ.get("KG") else \
        ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "kg"]
    n = len(list(args.articles.glob("*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(args.store, f"{tmp}/big")
        empty = run([*kg, "ingest", str(args.articles), "--store", f"{tmp}/empty", "-q", "--workers", args.workers])
        big = run([*kg, "ingest", str(args.articles), "--store", f"{tmp}/big", "-q", "--workers", args.workers])
    print(f"{n} articles, {args.workers} worker(s); load {os.getloadavg()[0]:.2f}")
    for name, (wall, cpu, rss) in (("into an empty store", empty), (f"into a copy of {args.store}", big)):
        print(f"{name:<40} wall {wall:6.1f} s   cpu {cpu:6.1f} s   (peak RSS of the slowest child {rss:.0f} MB)")
    print(f"large / empty: cpu {big[1] / empty[1]:.2f}x, wall {big[0] / empty[0]:.2f}x (target <= 1.1x)")


if __name__ == "__main__":
    main()
