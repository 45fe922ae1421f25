"""Validating article graphs, as ingest does (kg/graph/quarantine.py): CPU seconds for the same
articles by kg's engine and by pyshacl, and whether every report is the same.

Usage: python bench/validate_speed.py [ARTICLES] [--limit 40]

- kg (shacl): validate_article, one engine call per article, the ontology mixed in (now);
- pyshacl: the same graph, the ontology mixed in as ont_graph (the reference; kg/graph/reference.py).
Batches of articles are not validated at once: actors and places are shared between articles, so a
violation on one could not always be put down to one article, and checks that count (one name, one
holder) would see several articles' triples at once; a verdict per article could then differ.
The whole store: bench/validate_store.py.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from kg.extract.pipeline import extract_document
    from kg.graph.rdf import article_quads, ntriples
    from kg.graph.reference import pyshacl_report
    from kg.graph.validate import validate_article
    from kg.read.documents import iter_article_paths, load_document
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="?", default="/work/shared/dev/articles")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    files = iter_article_paths(Path(args.articles))[:args.limit]
    nts = [ntriples(article_quads(extract_document(load_document(f)))) for f in files]
    validate_article(nts[0]), pyshacl_report(nts[0])   # shapes parsed, queries prepared: not timed

    def cpu(run) -> float:
        began = time.process_time()
        run()
        return time.process_time() - began
    print(f"{len(nts)} articles from {args.articles}; load {Path('/proc/loadavg').read_text().split()[:3]}")
    ours, theirs = cpu(lambda: [validate_article(nt) for nt in nts]), cpu(lambda: [pyshacl_report(nt) for nt in nts])
    print(f"kg (shacl)   {ours:6.2f} s cpu")
    print(f"pyshacl      {theirs:6.2f} s cpu   ({theirs / ours:.0f}x kg's)")
    same = all(validate_article(nt).text == pyshacl_report(nt).text for nt in nts)
    print(f"the same report for every article: {same}")


if __name__ == "__main__":
    main()
