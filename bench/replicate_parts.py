"""Grow a folder of part files (`kg extract --out`) N-fold without parsing again, for benchmarks
of what comes after extraction: `kg load`, the event layer, stored queries, push, validate.

Copy i of an article gets the stem STEM-rI (its graph, article, mention and role IRIs follow) and
every typed date in it moved 3·i years on, beyond the windows in which two reports can be one
event, so copies add events as new stories would. People and places stay as they are: the famous
ones grow into the hubs a real archive has. It is faster than bench/corpus.py + `kg extract`
(no spaCy) but copies the extractor's output: measure extraction on real text.

Usage: .venv/bin/python bench/replicate_parts.py PARTS_IN COPIES PARTS_OUT [--limit N]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

DATE = re.compile(r'"(\d{4})((?:-\d\d){0,2}(?:T[^"]*)?)"(\^\^<http://www\.w3\.org/2001/XMLSchema#'
                  r'(?:date|dateTime|gYear|gYearMonth)>)')


def copy_of(text: str, stem: str, i: int) -> str:
    """Part text of copy i (0 is the article itself)."""
    if i == 0:
        return text
    text = re.sub(rf"(?<=[/\"]){re.escape(stem)}(?=[/>\"])", f"{stem}-r{i}", text)
    return DATE.sub(lambda m: f'"{int(m.group(1)) + 3 * i:04d}{m.group(2)}"{m.group(3)}', text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("parts", type=Path)
    ap.add_argument("copies", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--limit", type=int, help="use the first N part files only")
    args = ap.parse_args()
    files = sorted(args.parts.glob("*.nq"))[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    for f in files:
        text = f.read_text(encoding="utf-8")
        for i in range(args.copies):
            name = f.stem if i == 0 else f"{f.stem}-r{i}"
            (args.out / f"{name}.nq").write_text(copy_of(text, f.stem, i), encoding="utf-8")
    print(f"{len(files) * args.copies} part files in {args.out}")


if __name__ == "__main__":
    main()
