"""Measure what a store's size costs a write: the same articles ingested into an empty store and
into a copy of a large one (the event layer is updated where the write touches it, kg/graph/delta.py).

Usage: python bench/incremental_speed.py STORE ARTICLES [--workers 1] [--rounds 2]
(STORE is copied, never written; ARTICLES should be new to it, e.g. bench/corpus.py with
another --seed and renamed files.) Each round ingests them into an empty store and into a fresh
copy of STORE, one after the other, the order swapped from round to round: this machine's speed
drifts by a third over seconds, and two runs minutes apart measured the drift. Prints each
round's CPU, wall and peak RSS, the ratio of the two in each round, and that of the least CPU
of each (target <= 1.1 for 100 articles into a 10,000-article store).
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one fresh process (its own rusage: wait4, not the sum of
    every child so far); a failed run ends the benchmark."""
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as elsewhere, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=elsewhere,
                             env={**os.environ, "KG_STORE": ""})
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - began
        if p.returncode not in (0, 1):
            err.seek(0)
            sys.exit(f"{shlex.join(cmd)} failed ({p.returncode}):\n{err.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--workers", default="1")
    ap.add_argument("--rounds", type=int, default=2, choices=range(1, 100), metavar="N",
                    help="rounds of the two runs, their order swapped each round; the least CPU of each counts")
    args = ap.parse_args()
    args.store, args.articles = args.store.resolve(), args.articles.resolve()   # kg runs elsewhere
    kg = shlex.split(os.environ["KG"]) if os.environ.get("KG") else \
        ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "kg"]
    n = len(list(args.articles.glob("*.txt")))
    print(f"{n} articles, {args.workers} worker(s); load before {os.getloadavg()[0]:.2f}", flush=True)
    empties, bigs = [], []
    for round_ in range(1, args.rounds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(args.store, f"{tmp}/big")
            took = {}
            for which in ("empty", "big") if round_ % 2 else ("big", "empty"):   # drift within a round cancels out
                took[which] = run([*kg, "ingest", str(args.articles), "--store", f"{tmp}/{which}", "-q",
                                   "--workers", args.workers])
            empty, big = took["empty"], took["big"]
        empties.append(empty)
        bigs.append(big)
        for name, (wall, cpu, rss) in (("into an empty store", empty), (f"into a copy of {args.store}", big)):
            print(f"round {round_}  {name:<40} wall {wall:6.1f} s   cpu {cpu:6.1f} s   (peak RSS {rss:.0f} MB)")
        print(f"round {round_}  large / empty: cpu {big[1] / empty[1]:.2f}x, wall {big[0] / empty[0]:.2f}x", flush=True)
    big_cpu, empty_cpu = min(b[1] for b in bigs), min(e[1] for e in empties)
    print(f"load after {os.getloadavg()[0]:.2f}; least CPU of {args.rounds} round(s): large / empty "
          f"{big_cpu:.1f} / {empty_cpu:.1f} s = {big_cpu / empty_cpu:.2f}x (target <= 1.1x)")


if __name__ == "__main__":
    main()
