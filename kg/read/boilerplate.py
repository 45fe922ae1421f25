"""Find the parts of an article that are not the story, from rules in `data/boilerplate.json`.

Rules take or leave whole lines and paragraphs, never part of a sentence, so blanking what they
find leaves every other character where it was; the one exception, 'label' rules, finds the
speaker labels of interview transcripts ("VOA:", "Q:"), which open a sentence without being
part of it. New outlets need new patterns, not new code.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import errors
from ..paths import data_files

SCOPES = ("line", "paragraph", "rest", "after", "label")
WRAP_MAX = 150   # hard-wrapped text is narrower than this; longer lines are whole paragraphs
STORY_MIN = 100  # characters of story that must come before a story-end marker counts


@dataclass(frozen=True)
class Rule:
    kind: str
    scope: str
    patterns: tuple[re.Pattern, ...]

    def matches(self, s: str) -> bool:
        return any(p.search(s) for p in self.patterns)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for f in data_files("boilerplate.json"):
        try:
            for r in json.loads(f.read_text(encoding="utf-8"))["rules"]:
                if r["scope"] not in SCOPES:
                    raise ValueError(f"scope {r['scope']!r} is not one of {', '.join(SCOPES)}")
                flags = 0 if r["scope"] == "label" else re.IGNORECASE   # a label is capitalised
                pats = tuple(re.compile(p, flags) for p in r["patterns"])
                out.append(Rule(r["kind"], r["scope"], pats))
        except (ValueError, KeyError, TypeError, re.error) as e:
            raise errors.bad_data_file(f, f"{type(e).__name__}: {e}") from None
    return tuple(out)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its "\\n" or "\\r\\n"."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        spans.append((pos, end - line.endswith("\r")))
        pos = end + 1
    return spans


def soft_wraps(lines: list[str]) -> set[int]:
    """Indexes i whose break to line i+1 is a hard wrap inside a paragraph.

    Only text wrapped at a fixed width has them, and there a wrapped line is too full to take the
    next word. One-paragraph-per-line text (long lines) and a short title over its paragraph don't."""
    body = [s.rstrip() for s in lines]
    pairs = [i for i in range(len(body) - 1) if body[i].strip() and body[i + 1].strip()]
    narrow = [i for i in pairs if len(body[i]) <= WRAP_MAX]
    if len(narrow) < 2 or 2 * len(narrow) < len(pairs):
        return set()
    width = max(len(body[i]) for i in narrow)
    return {i for i in narrow if len(body[i]) + 1 + len(body[i + 1].split()[0]) > 0.85 * width}


def boilerplate_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each boilerplate line, or of everything after the story's end."""
    rs = rules()
    spans = line_spans(text)
    lines = [text[a:b] for a, b in spans]
    wraps = soft_wraps(lines)
    para_kind: dict[int, str] = {}
    para: list[int] = []
    for i in range(len(lines)):
        para.append(i)
        if i in wraps:
            continue
        joined = " ".join(lines[j].strip() for j in para)
        kind = next((r.kind for r in rs if r.scope == "paragraph" and r.matches(joined)), None)
        para_kind.update({j: kind for j in para if kind})
        para = []
    found, story = [], 0
    for i, (a, b) in enumerate(spans):
        s = lines[i].strip()
        if not s:
            continue
        end = next((r for r in rs if r.scope in ("rest", "after") and r.matches(s)), None)
        kind = para_kind.get(i) or next((r.kind for r in rs if r.scope == "line" and r.matches(s)), None)
        if end and story + (len(s) if end.scope == "after" else 0) >= STORY_MIN:
            found.append((a if end.scope == "rest" else b, len(text), end.kind))
            break
        if end and end.scope == "rest":  # a story-end marker above the story: only its line goes
            kind = kind or end.kind
        if kind:
            found.append((a, b, kind))
        else:
            story += len(s)
    for r in rs:
        if r.scope == "label":
            for p in r.patterns:
                found += [(m.start("label"), m.end("label"), r.kind) for m in p.finditer(text)]
    return sorted((a, b, k) for a, b, k in found if b > a)
