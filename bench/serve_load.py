"""Load on `kg serve`: N requests of one URL from C concurrent clients; errors and latency.

Usage: python bench/serve_load.py STORE [--path /api/visits] [--requests 2000] [--clients 8]
(STORE is copied and served read-only on a free loopback port; KG=path/to/kg chooses the command,
default `python -m kg` from this checkout.)

Each client is a thread sending its share of the requests one after another, each on a new
connection (the server closes each). Prints how many failed (any status but 200, or no answer),
the latency percentiles p50/p95/p99 and the rate, and /proc/loadavg before and after: the
machine running the clients is the one serving. Timings are reported, never asserted in tests.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ingest_speed import loadavg   # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one(url: str) -> tuple[float, str | None]:
    """(seconds, None) of a good answer; (seconds, what went wrong) of any other."""
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            failed = None if r.status == 200 else f"HTTP {r.status}"
    except urllib.error.HTTPError as e:
        failed = f"HTTP {e.code}"
    except OSError as e:
        failed = type(e).__name__
    return time.perf_counter() - began, failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store")
    ap.add_argument("--path", default="/api/visits")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    kg = shlex.split(os.environ["KG"]) if os.environ.get("KG") else \
        ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(args.store, store, ignore=shutil.ignore_patterns("kg.lock"))
        port = free_port()
        server = subprocess.Popen([*kg, "serve", "--store", str(store), "--port", str(port), "-q"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while one(base + "/static/kg.css")[1] is not None:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("kg serve did not start")
                time.sleep(0.2)
            one(base + args.path)   # warm: the first answer reads the store from disk
            print(f"{args.requests} requests of {args.path} from {args.clients} clients on {args.store}; "
                  f"{os.cpu_count()} cores; load before {loadavg()}", flush=True)
            began = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                results = list(pool.map(one, [base + args.path] * args.requests))
            took = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    times = sorted(t for t, _ in results)
    errors = [e for _, e in results if e]
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"latency: p50 {cuts[49] * 1000:.0f} ms  p95 {cuts[94] * 1000:.0f} ms  p99 {cuts[98] * 1000:.0f} ms  "
          f"max {times[-1] * 1000:.0f} ms")
    print(f"{len(results) / took:.1f} requests/s over {took:.1f} s; load after {loadavg()}")


if __name__ == "__main__":
    main()
