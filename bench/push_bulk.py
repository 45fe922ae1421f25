"""`kg push` of a store against `oxigraph load` of the same data exported as N-Quads.

    python bench/push_bulk.py [ARTICLES] [--store S] [--copies N] [--rounds 3] [--no-per-graph]

Ingests ARTICLES (default ../shared/dev/articles) into a fresh store unless --store names one
(with --copies N: `kg extract --out` once, each part copied N times under new stems, `kg load`:
a store N times as large, since fixed costs such as starting Python hide the transfer on the
small dev store), exports it, then times, each on a fresh `oxigraph serve` / location on 127.0.0.1: `oxigraph
load` of the export, one POST of the export to `oxigraph serve` (`?no_transaction`: the bulk loader
`oxigraph load` uses, through the server kg pushes to; and in a transaction), `kg push` (bulk
N-Quads) and `kg push --per-graph` (unless --no-per-graph: minutes on a large store). Prints the
best of --rounds for each and the push/load ratio (the target is at most 2x), with /proc/loadavg.
Only loopback traffic.
"""
from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def kg(*args) -> None:
    subprocess.run([sys.executable, "-m", "kg", *map(str, args)], check=True, cwd=ROOT)


def timed(command: list) -> float:
    began = time.perf_counter()
    subprocess.run(list(map(str, command)), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def push_time(store: Path, work: Path, extra: list, post: Path | None = None, query: str = "") -> float:
    """One `kg push` into a fresh, empty server, or one POST of the N-Quads file `post` to its
    Graph Store (`query` after a ?); its wall time."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location = Path(tempfile.mkdtemp(dir=work))
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        if post is not None:
            began = time.perf_counter()
            request = urllib.request.Request(url + "/store" + (f"?{query}" if query else ""), data=post.read_bytes(),
                                             headers={"Content-Type": "application/n-quads"}, method="POST")
            with urllib.request.urlopen(request, timeout=3600):
                pass
            return time.perf_counter() - began
        return timed([sys.executable, "-m", "kg", "push", "--endpoint", url, "--store", store, "-q", *extra])
    finally:
        server.terminate()
        server.wait(timeout=30)


def copied_store(articles: Path, work: Path, store: Path, copies: int) -> None:
    """A store of every article `copies` times, each copy under its own stem (STEM-cN)."""
    parts, many = work / "parts", work / "many"
    kg("extract", articles, "--out", parts, "-q")
    many.mkdir()
    for part in parts.iterdir():
        text = part.read_text(encoding="utf-8")
        stem = part.name[: -len(".nq")]      # percent-encoded as in the IRIs and the file name
        for n in range(copies):
            copy = re.sub(f"/{re.escape(stem)}(?=[>/])", f"/{stem}-c{n}", text)
            (many / f"{stem}-c{n}.nq").write_text(copy.replace(f'"{stem}"', f'"{stem}-c{n}"'), encoding="utf-8")
    kg("load", many, "--store", store, "-q")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", default=str(ROOT.parent / "shared" / "dev" / "articles"))
    ap.add_argument("--store", help="an existing store to push (default: ingest ARTICLES into a fresh one)")
    ap.add_argument("--copies", type=int, default=1, help="each article this many times (see above)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-per-graph", action="store_true", help="skip kg push --per-graph")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-push.") as tmp:
        work = Path(tmp)
        store = Path(args.store) if args.store else work / "store"
        if not args.store and args.copies > 1:
            copied_store(Path(args.articles), work, store, args.copies)
        elif not args.store:
            kg("ingest", args.articles, "--store", store, "-q")
        dump = work / "all.nq"
        kg("export", "-o", dump, "--store", store)
        triples = sum(1 for _ in dump.open("rb"))
        load = min(timed([OXIGRAPH, "load", "--location", Path(tempfile.mkdtemp(dir=work)), "--file", dump])
                   for _ in range(args.rounds))
        bulk_post = min(push_time(store, work, [], dump, "no_transaction") for _ in range(args.rounds))
        post = min(push_time(store, work, [], dump) for _ in range(args.rounds))
        bulk = min(push_time(store, work, []) for _ in range(args.rounds))
        per_graph = None if args.no_per_graph else min(push_time(store, work, ["--per-graph"])
                                                       for _ in range(args.rounds))
        loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
        print(f"{triples} triples; best of {args.rounds}; load {loadavg}:")
        print(f"  oxigraph load of the export   {load:6.2f} s")
        print(f"  POST of the export, bulk      {bulk_post:6.2f} s   {bulk_post / load:.1f}x the load "
              "(oxigraph serve, ?no_transaction)")
        print(f"  POST of the export            {post:6.2f} s   {post / load:.1f}x the load (in a transaction)")
        print(f"  kg push (bulk N-Quads)        {bulk:6.2f} s   {bulk / load:.1f}x the load")
        if per_graph is not None:
            print(f"  kg push --per-graph           {per_graph:6.2f} s   {per_graph / load:.1f}x the load")


if __name__ == "__main__":
    main()
