"""Where the story starts: the dateline that opens its first paragraph.

A dateline ("BERLIN, May 3 (Reuters) -", "MANILA, Philippines –") opens the lede, which may stand
below a headline, a byline, photo captions and a standfirst, so the top of the article is searched,
not only its first lines. The read stage only finds it; the extract stage reads its date and place.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import errors
from ..paths import data_files

TOP_LINES = 12     # non-empty lines a dateline may open: headline, byline, captions, standfirst above it
TOP_CHARS = 2000   # ...and no deeper, where the story itself may open a line with a capital and a dash
LEDE_MIN = 80      # a lede without a closing full stop (wrapped text) is at least this long

_MONTHS = "|".join(sorted({m for m in calendar.month_name if m} | {m for m in calendar.month_abbr if m}
                          | {"Sept"}, key=len, reverse=True))
_WEEKDAYS = "|".join(calendar.day_name)
_S = r"[^\S\n]"   # a space that is no line break: a dateline runs over one only after a comma
DATELINE = re.compile(
    rf"(?P<place>[A-Z][A-Z.'\-]+(?:{_S}+[A-Z][A-Z.'\-]+){{0,3}})"                     # BERLIN, NEW YORK
    rf"(?:,\s*(?!(?:{_MONTHS}|{_WEEKDAYS})\b)(?P<region>[A-Z][A-Za-z.'\-]+(?:{_S}+[A-Z][A-Za-z.'\-]+){{0,2}}))?"
    rf"(?:,\s*(?P<date>(?:{_MONTHS})\.?{_S}+\d{{1,2}}(?:,{_S}*\d{{4}})?"             # , Ohio / , May 3
    rf"|\d{{1,2}}{_S}+(?:{_MONTHS})\.?(?:{_S}+\d{{4}})?|{_WEEKDAYS}))?"
    rf"\.?{_S}*(?:\((?P<agency>[^()\n]{{2,40}})\)|/(?P<slash>[^/\n]{{2,40}})/)?"         # (Reuters) or /TASS/
    rf"{_S}*(?P<sep>--|[-–—]|\.)(?=\s|$)")
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")


@dataclass(frozen=True)
class Dateline:
    """`place` ("MANILA") and `region` ("Philippines", "" if none) as written; `date` its date words
    ("May 3", "" if none); `start`/`end` offsets of the whole dateline, separator included."""
    place: str
    region: str
    date: str
    start: int
    end: int


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Upper-case labels that open a line with a dash as a place would ("FILE -", "UPDATE -")."""
    out: set[str] = set()
    for f in data_files("boilerplate.json"):
        try:
            out.update(w.upper() for w in json.loads(f.read_text(encoding="utf-8")).get("not_datelines", []))
        except (ValueError, TypeError, AttributeError) as e:
            raise errors.bad_data_file(f, f"{type(e).__name__}: {e}") from None
    return frozenset(out)


def find_dateline(text: str) -> Optional[Dateline]:
    """The first dateline that opens one of the top lines of `text` (boilerplate blanked, soft
    wraps joined, so every line is a paragraph or a title), or None."""
    for start in top_lines(text):
        m = DATELINE.match(text, start)
        if m and is_dateline(m, text[m.end("sep"):].split("\n", 1)[0]):
            return Dateline(m["place"], m["region"] or "", m["date"] or "", m.start(), m.end("sep"))
    return None


def is_dateline(m: re.Match, rest: str) -> bool:
    """An agency ("(AP)", "/TASS/") makes it one. Without, the place must not be a label, the
    separator must be a dash, and a bare "PARIS —" must open a sentence, not a title or a clause."""
    if m["agency"] or m["slash"]:
        return True
    if m["sep"] == "." or m["place"] in not_places():
        return False
    return bool(m["date"]) or opens_prose(rest)


def opens_prose(s: str) -> bool:
    """A sentence ("The president arrived on Monday.") or a long lede cut off by a wrap opens a
    story; a title ("Talks Resume In Lima") or a clause ("the alliance said") does not."""
    s = s.strip()
    if not s or not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"):
        return False
    if s.endswith(SENTENCE_END):
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", s) if len(w) > 3]
    return len(s) >= LEDE_MIN and sum(w[0].islower() for w in words) > 0.4 * len(words)


def top_lines(text: str) -> list[int]:
    """Offsets of the first non-space character of the first TOP_LINES non-empty lines that
    start within TOP_CHARS."""
    out, pos = [], 0
    for line in text.split("\n"):
        if pos >= TOP_CHARS or len(out) == TOP_LINES:
            break
        if line.strip():
            out.append(pos + len(line) - len(line.lstrip()))
        pos += len(line) + 1
    return out
