"""Every stored query on two SPARQL 1.1 engines over the same `kg export`: rows on pyoxigraph,
rows on rdflib, and whether they are the same multiset (the comparison of
tests/test_portable_queries.py, printed as a table for a report).

Usage: .venv/bin/python bench/portable_queries.py STORE
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(HERE), str(HERE / "tests")]

from kg.store.queries import stored_queries  # noqa: E402
from test_portable_queries import Engines, calls, comparable  # noqa: E402


def main(store: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "all.nq"
        subprocess.run([sys.executable, "-m", "kg", "export", "-o", str(nq), "--store", store, "-q"],
                       check=True, cwd=HERE)
        engines = Engines(nq)
        differ = 0
        print(f"{'query':<18} {'parameters':<34} {'pyoxigraph':>10} {'rdflib':>7}  same")
        for name, q in sorted(stored_queries().items()):
            for params in calls(q):
                params, text, (cols, ox), (rcols, rl) = engines.run(q, params)
                same = cols == rcols and comparable(name, text, cols, ox) == comparable(name, text, rcols, rl)
                differ += not same
                shown = " ".join(f"{k}={v}" for k, v in params.items())
                shown = shown if len(shown) <= 34 else shown[:20] + "…" + shown[-13:]
                print(f"{name:<18} {shown or '(none)':<34} {len(ox):>10} {len(rl):>7}  {'yes' if same else 'NO'}")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    sys.exit(main(sys.argv[1]))
