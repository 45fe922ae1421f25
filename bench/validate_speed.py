"""Measure the ways to validate article graphs, to choose one: CPU seconds for the same articles.

Usage: python bench/validate_speed.py [ARTICLES] [--limit 40]

- copy: validate_ntriples, pyshacl mixing the ontology into each article graph (before i11);
- kept: validate_article, the article's triples put into a graph that keeps the ontology (now);
- batch of N: one pyshacl call on N articles' triples (the ontology mixed in once). Not used:
  actors and places are shared between articles, so a violation on one cannot always be put
  down to one article, and checks that count (one name, one holder) would see several articles'
  triples at once; a verdict per article could then differ from today's.
Also checks that copy and kept give the same report text for every article.
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
    from kg.graph.validate import _graph_class, _validate, validate_article, validate_ntriples
    from kg.read.documents import iter_article_paths, load_document
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="?", default="/work/shared/dev/articles")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    files = iter_article_paths(Path(args.articles))[:args.limit]
    nts = [ntriples(article_quads(extract_document(load_document(f)))) for f in files]
    validate_ntriples(nts[0]), validate_article(nts[0])   # shapes parsed, queries prepared: not timed

    def cpu(run) -> float:
        began = time.process_time()
        run()
        return time.process_time() - began

    def batches(size: int):
        def run():
            for i in range(0, len(nts), size):
                _validate(_graph_class()().parse(data="\n".join(nts[i:i + size]), format="nt"))
        return run
    print(f"{len(nts)} articles from {args.articles}; load {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"copy (per article)   {cpu(lambda: [validate_ntriples(nt) for nt in nts]):6.2f} s cpu")
    print(f"kept (per article)   {cpu(lambda: [validate_article(nt) for nt in nts]):6.2f} s cpu")
    for size in (10, len(nts)):
        print(f"batch of {size:<3}         {cpu(batches(size)):6.2f} s cpu")
    same = all(validate_ntriples(nt).text == validate_article(nt).text for nt in nts)
    print(f"copy and kept give the same reports: {same}")


if __name__ == "__main__":
    main()
