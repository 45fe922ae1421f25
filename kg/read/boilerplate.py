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
SENTENCE_END = (".", "!", "?", ":", '"', "”")   # a line ending so ends its sentence
WIDER_SHARE = 0.25  # lines wider than the wrap width per wrapped line that hard-wrapped text may have


@dataclass(frozen=True)
class Rule:
    kind: str
    scope: str
    patterns: tuple[re.Pattern, ...]

    def matches(self, s: str) -> bool:
        return any(p.search(s) for p in self.patterns)


DEFINE = re.compile(r"\{([A-Z][A-Z_]*)\}")   # {DATE} in a pattern; never a quantifier like {2,40}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out, defines = [], {}
    for f in data_files("boilerplate.json"):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            for name, p in data.get("defines", {}).items():
                defines[name] = expand(p, defines)
            for r in data["rules"]:
                if r["scope"] not in SCOPES:
                    raise ValueError(f"scope {r['scope']!r} is not one of {', '.join(SCOPES)}")
                flags = re.MULTILINE if r["scope"] == "label" else re.IGNORECASE   # a label is capitalised, opens a line
                pats = tuple(re.compile(expand(p, defines), flags) for p in r["patterns"])
                out.append(Rule(r["kind"], r["scope"], pats))
        except (ValueError, KeyError, TypeError, AttributeError, re.error) as e:
            raise errors.bad_data_file(f, f"{type(e).__name__}: {e}") from None
    return tuple(out)


def expand(pattern: str, defines: dict[str, str]) -> str:
    """The pattern with each {NAME} replaced by its define, so a date is spelt out once."""
    def sub(m: re.Match) -> str:
        if m[1] not in defines:
            raise ValueError(f"{{{m[1]}}} is not among the defines ({', '.join(defines) or 'none'})")
        return defines[m[1]]
    return DEFINE.sub(sub, pattern)


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
    next word. One-paragraph-per-line text (long lines) and a short title over its paragraph don't;
    nor does text with many lines wider than the supposed width (short one-sentence lines between
    long ones), nor a run of lines holding such a line (a byline over an unwrapped lede)."""
    body = [s.rstrip() for s in lines]
    pairs = [i for i in range(len(body) - 1) if body[i].strip() and body[i + 1].strip()]
    narrow = [i for i in pairs if len(body[i]) <= WRAP_MAX]
    if len(narrow) < 2 or 2 * len(narrow) < len(pairs):
        return set()
    width = max(len(body[i]) for i in narrow)
    full = {i for i in narrow if len(body[i]) + 1 + len(body[i + 1].split()[0]) > 0.85 * width}
    wider = {i for i, s in enumerate(body) if len(s) > width}
    if len(wider) > WIDER_SHARE * len(full):
        return set()
    # a short line may still be cut mid-sentence: "In a sign of how much" / "the deal mattered, ..."
    full |= {i for i in narrow if body[i + 1].lstrip()[:1].islower() and not body[i].endswith(SENTENCE_END)}
    out: set[int] = set()
    for run in _runs(sorted(full)):
        if not wider.intersection(range(run[0], run[-1] + 2)):
            out.update(run)
    return out


def _runs(ids: list[int]) -> list[list[int]]:
    """Consecutive indexes grouped: [1, 2, 3, 7, 8] -> [[1, 2, 3], [7, 8]]."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def line_kinds(lines: list[str], wraps: set[int], rs: tuple[Rule, ...]) -> list[str | None]:
    """The boilerplate kind of each stripped line by 'paragraph' and 'line' rules, else None."""
    kinds: list[str | None] = [None] * len(lines)
    para: list[int] = []
    for i in range(len(lines)):
        para.append(i)
        if i in wraps:
            continue
        joined = " ".join(lines[j] for j in para)
        kind = next((r.kind for r in rs if r.scope == "paragraph" and r.matches(joined)), None)
        for j in para:
            kinds[j] = kind
        para = []
    return [k or (next((r.kind for r in rs if r.scope == "line" and r.matches(s)), None) if s else None)
            for k, s in zip(kinds, lines)]


def text_after(lines: list[str], kinds: list[str | None], ends: list[Rule | None]) -> list[int]:
    """Characters of story text below each line, up to the next 'rest' marker (which drops the rest)."""
    out, acc = [0] * len(lines), 0
    for i in range(len(lines) - 1, -1, -1):
        out[i] = acc
        if ends[i] is not None and ends[i].scope == "rest":
            acc = 0
        elif lines[i] and not kinds[i]:
            acc += len(lines[i])
    return out


def ends_story(end: Rule, before: int, line: int, after: int) -> bool:
    """A 'rest' marker ends the story once some story is kept; an agency sign-off ('after') only
    at the end of substantial text: at least as much story above it, its own line included, as
    below. So a photo caption ending in "(AP)" over a long story does not end it."""
    if end.scope == "rest":
        return before >= STORY_MIN
    return before + line >= max(STORY_MIN, after)


def boilerplate_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each boilerplate line, or of everything after the story's end."""
    rs = rules()
    spans = line_spans(text)
    lines = [text[a:b].strip() for a, b in spans]
    kinds = line_kinds(lines, soft_wraps([text[a:b] for a, b in spans]), rs)
    ends = [next((r for r in rs if r.scope in ("rest", "after") and r.matches(s)), None) if s else None
            for s in lines]
    after = text_after(lines, kinds, ends)
    found, story = [], 0
    for i, (a, b) in enumerate(spans):
        s, end, kind = lines[i], ends[i], kinds[i]
        if not s:
            continue
        if end and ends_story(end, story, len(s), after[i]):
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
