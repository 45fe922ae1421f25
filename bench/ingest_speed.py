"""Measure ingest speed against spaCy alone, in one run: is kg's own work small beside the parse,
and do more workers help?

Usage: python bench/ingest_speed.py [ARTICLES] [--workers 1,2] [--repeat 1] [--baseline CMD]
(default ARTICLES: /work/shared/dev/articles; KG=path/to/kg chooses the command, default
`python -m kg` from this checkout; --baseline times another kg, e.g. an older checkout
`env PYTHONPATH=/tmp/kg-old python -m kg`, ingesting without --workers.)

Each figure is a fresh process, timed from start to exit (wall) with its CPU (user+sys):
- spaCy alone: load en_core_web_sm as kg does (kg/extract/nlp.py) and nlp.pipe the very texts
  the extractor parses (doc.analysis_text, boilerplate blanked), nothing else;
- `kg ingest ARTICLES --workers N` into a fresh store, for each N.
Then the ratios: ingest with 1 worker / spaCy alone (target <= 1.2), 1 worker / N workers
(target >= 1.6 for 2 on an idle 2-core machine). /proc/loadavg is printed before each run: on a
shared machine the figures mean little unless it was near 0.
"""
from __future__ import annotations

import argparse
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPACY_ALONE = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from kg.read.documents import iter_article_paths, load_document
from kg.extract.nlp import pipeline
texts = [load_document(f).analysis_text for f in iter_article_paths(Path({articles!r}))]
for _ in pipeline().pipe(texts):
    pass
"""


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def timed(cmd: list[str], env: dict | None = None, ok=(0, 1)) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the process and its children, load before) of one run; an
    exit not in `ok` (ingest: 1 is some article refused) ends the benchmark."""
    load = loadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as elsewhere:   # not this checkout: `python -m kg` would import it first
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=elsewhere, env={**os.environ, **(env or {})})
    wall = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in ok:
        sys.exit(f"{shlex.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="?", default="/work/shared/dev/articles")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    ap.add_argument("--baseline", help="another kg command to time, without --workers")
    args = ap.parse_args()
    args.articles = str(Path(args.articles).resolve())
    kg = shlex.split(os.environ["KG"]) if os.environ.get("KG") else \
        ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "kg"]
    n = len(list(Path(args.articles).glob("*.txt")))
    print(f"{n} articles in {args.articles}; {os.cpu_count()} cores; load before start {loadavg()}")
    runs: dict[str, tuple[float, float, str]] = {}

    def best(name: str, make) -> None:
        tries = [make() for _ in range(args.repeat)]
        runs[name] = min(tries)
        wall, cpu, load = runs[name]
        print(f"{name:<22} wall {wall:6.1f} s   cpu {cpu:6.1f} s   ({n / wall:4.1f} articles/s)   load before {load}",
              flush=True)

    best("spaCy alone", lambda: timed([sys.executable, "-c", SPACY_ALONE.format(root=str(ROOT),
                                                                                 articles=args.articles)], ok=(0,)))
    for w in args.workers.split(","):
        def ingest(w=w):
            with tempfile.TemporaryDirectory() as tmp:
                return timed([*kg, "ingest", args.articles, "--store", f"{tmp}/store", "--workers", w, "-q"],
                             env={"KG_STORE": ""})
        best(f"ingest --workers {w}", ingest)
    if args.baseline:
        def baseline():
            with tempfile.TemporaryDirectory() as tmp:
                return timed([*shlex.split(args.baseline), "ingest", args.articles, "--store", f"{tmp}/store", "-q"],
                             env={"KG_STORE": ""})
        best("baseline ingest", baseline)
    spacy, one = runs["spaCy alone"], runs.get("ingest --workers 1")
    if one:
        print(f"ingest --workers 1 / spaCy alone: wall {one[0] / spacy[0]:.2f}x, cpu {one[1] / spacy[1]:.2f}x "
              "(target <= 1.2x)")
        for w in args.workers.split(","):
            if w != "1":
                other = runs[f"ingest --workers {w}"]
                print(f"ingest --workers {w} is {one[0] / other[0]:.2f}x faster than 1 (wall; target >= 1.6x "
                      f"for 2 on an idle 2-core machine); cpu {other[1] / one[1]:.2f}x of 1's")
    if args.baseline:
        base = runs["baseline ingest"]
        print(f"baseline ingest / spaCy alone: wall {base[0] / spacy[0]:.2f}x, cpu {base[1] / spacy[1]:.2f}x")
    print(f"load after {loadavg()}")


if __name__ == "__main__":
    main()
