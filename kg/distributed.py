"""The extract step on a dask cluster: the map over articles, each task the same per-article
function as `kg extract --out` (kg.parts.extract_part), writing one part file per article.

Extraction is nearly all the time of an ingest and needs nothing but its own article, so it
spreads over as many processes or machines as dask has; the event layer needs every article and
is built once by `kg load` (or the parts go to QLever or Virtuoso: see README). Needs
`pip install 'kg[dask]'`. On a cluster the article and part folders must be on a file system
every worker sees (NFS, a shared disk), or use one machine's LocalCluster.

    from dask.distributed import Client, LocalCluster
    from kg.distributed import extract_with_dask
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster) as client:
        report = extract_with_dask(["articles/"], "parts/", client)
    # then: kg load parts/ --store kg-store

or from a shell: python -m kg.distributed articles/ parts/ [--scheduler tcp://host:8786]
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from . import errors
from .batch import IngestReport
from .errors import KgError

KEYS = ("stored", "skipped", "refused", "dropped", "warnings")


def article_files(paths: Iterable[Path], report: IngestReport) -> list[str]:
    """The article files of `paths`, each stem once (as `kg ingest` takes them: a second file
    of a stem is skipped, since both would write one part); absolute, for workers elsewhere."""
    from .read.documents import iter_article_paths
    first: dict[str, Path] = {}
    files = []
    for p in paths:
        for f in iter_article_paths(Path(p)):
            if first.setdefault(f.stem, f) != f:
                report.note("skipped", errors.same_stem(f, first[f.stem]))
            else:
                files.append(str(f.resolve()))
    return files


def extract_with_dask(paths: Iterable, out, client=None, strict: bool = False,
                      report: IngestReport | None = None) -> IngestReport:
    """Every article of `paths` to a part file in `out`, the files mapped as a dask.bag on
    `client` (default: dask's current scheduler); one report of what all the tasks did."""
    import dask.bag as db

    from .parts import extract_part
    report = report or IngestReport()
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    files = article_files(paths, report)
    bag = db.from_sequence(files, npartitions=max(1, min(len(files), 64)))
    done = bag.map(extract_part, str(folder), strict)
    results = client.compute(done).result() if client is not None else done.compute()
    for r in results:
        report.stored += r["stored"]
        report.events += r["events"]
        for kind in KEYS[1:]:
            for line in r[kind]:
                report.note(kind, line)
    report.store = str(folder)
    return report


def main(argv: list[str] | None = None) -> int:
    """python -m kg.distributed ARTICLES... PARTS [--scheduler ADDRESS]: exit 0 when every
    article was written, 1 when some were skipped or refused (named on stderr), 2 bad input."""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m kg.distributed", description=__doc__.split("\n\n")[0],
                                 epilog="Example: python -m kg.distributed seeds/ parts/ && kg load parts/")
    ap.add_argument("paths", nargs="+", help="article files or folders, then the parts folder")
    ap.add_argument("--scheduler", help="a dask scheduler's address (default: a LocalCluster here)")
    ap.add_argument("--strict", action="store_true", help="as kg extract --strict")
    args = ap.parse_args(argv)
    if len(args.paths) < 2:
        ap.error("give article paths and then the parts folder")
    from dask.distributed import Client, LocalCluster
    report = IngestReport(echo=lambda line: print(line, file=sys.stderr))
    try:
        if args.scheduler:
            with Client(args.scheduler) as client:
                extract_with_dask(args.paths[:-1], args.paths[-1], client, args.strict, report)
        else:
            with LocalCluster(processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster, \
                    Client(cluster) as client:
                extract_with_dask(args.paths[:-1], args.paths[-1], client, args.strict, report)
    except KgError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return e.exit_code
    print(f"wrote {len(report.stored)} part file(s) to {report.store}; {len(report.refused)} refused; "
          f"{len(report.skipped)} skipped", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
