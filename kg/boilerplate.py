"""Find the parts of an article that are not the story, from patterns in a data file.

Matching works per line, so the kept text keeps its original character offsets.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .resolve import data_files


@lru_cache(maxsize=1)
def patterns() -> dict[str, list[re.Pattern]]:
    out: dict[str, list[re.Pattern]] = {"line": [], "block_start": [], "block_start_keeps_line": []}
    for f in data_files("boilerplate.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        for kind in out:
            out[kind] += [re.compile(p, re.IGNORECASE) for p in d.get(kind, [])]
    return out


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of boilerplate lines; after a sign-off, everything to the end."""
    p = patterns()
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        s = line.strip()
        if not s:
            continue
        if any(r.search(s) for r in p["block_start"]):
            keep = any(r.search(s) for r in p["block_start_keeps_line"])
            spans.append((pos if keep else start, len(text)))
            break
        if any(r.search(s) for r in p["line"]):
            spans.append((start, end))
    return [(a, b) for a, b in spans if b > a]
