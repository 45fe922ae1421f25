"""Articles on disk: text, sidecar metadata, and an offset-preserving text for the parser.

Evidence offsets must point into the article as the user has it, so nothing here ever changes the
length of the text: boilerplate is blanked, not cut, and soft line-wraps become spaces.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from .. import errors
from ..files import read_regular
from ..records import ArticleMeta
from .boilerplate import boilerplate_spans, line_spans, soft_wraps
from .layout import Dateline, find_dateline

META_KEYS = ("url", "published", "title", "publisher")
MIN_PRINTABLE = 0.9  # below this share of printable characters a file is not prose
MAX_CHARS = 200_000  # a news story is a few thousand characters; more is a dump of many, or no story
MAX_BYTES = 4 * MAX_CHARS   # UTF-8 takes at most 4 bytes a character: a bigger file is refused unread
MAX_META_BYTES = 64_000  # a sidecar holds four short strings
PUBLISHED_YEARS = (1800, 2200)   # a publication date outside is a typo; relative dates are reckoned from it


@dataclass
class Document:
    """`text` is the file decoded as UTF-8, minus a leading BOM if any (offsets count from after
    it); `sha256` is of the raw bytes. `analysis_text` has the same length as `text`, with
    boilerplate blanked (newlines kept) and soft line-wraps turned into spaces, so each newline
    left in it is a real break; `kept` holds the (start, end) spans of story text; `dateline`
    is the one opening the story, if any."""
    path: Path
    stem: str
    text: str
    sha256: str
    meta: ArticleMeta
    analysis_text: str
    kept: list[tuple[int, int]]
    dateline: Optional[Dateline] = None


def iter_article_paths(path: Path) -> list[Path]:
    """A .txt file, or the .txt entries directly in a folder (sorted, hidden ones skipped); a
    NAME.meta.json sidecar given beside its NAME.txt is no article of its own. Entries that are
    no regular file (a FIFO, a device, a folder named .txt) are listed too, so that reading them
    names them, rather than leaving them out unsaid."""
    path = Path(path)
    if not path.exists():
        raise errors.missing_path(path)
    if not path.is_dir():
        if path.name.endswith(".meta.json") and path.with_name(path.name[:-len(".meta.json")] + ".txt").is_file():
            return []   # a sidecar, as `kg ingest seeds/*` passes them: read with its article
        if path.suffix.lower() != ".txt":
            raise errors.not_txt(path)
        return [path]
    try:
        found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.name.startswith("."))
    except OSError as e:
        raise errors.unreadable(path, e.strerror or str(e)) from None
    if not found:
        raise errors.no_articles(path)
    return found


def read_meta(txt: Path) -> ArticleMeta:
    """The optional NAME.meta.json next to NAME.txt; unknown keys are refused to catch typos."""
    side = txt.with_name(txt.stem + ".meta.json")
    try:
        if not side.exists():
            return ArticleMeta()
    except OSError:   # the name with ".meta.json" is too long to be a file: there is none
        return ArticleMeta()
    raw = read_regular(side, MAX_META_BYTES, errors.big_meta)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise errors.bad_meta(side, f"not valid JSON: {e}") from None
    except ValueError:   # a number of thousands of digits, past what Python will read
        raise errors.bad_meta(side, "a number too long to be metadata") from None
    except RecursionError:
        raise errors.bad_meta(side, "nested too deeply to be metadata") from None
    if not isinstance(data, dict):
        raise errors.bad_meta(side, "not a JSON object")
    unknown = sorted(set(data) - set(META_KEYS))
    if unknown:
        raise errors.bad_meta(side, f"unknown key {', '.join(map(repr, unknown))}")
    for k in META_KEYS:
        if data.get(k) is not None and not isinstance(data[k], str):
            raise errors.bad_meta(side, f"{k} must be a string or null")
        if isinstance(data.get(k), str) and _unpaired(data[k]):
            raise errors.bad_meta(side, f"{k} holds an unpaired surrogate (\\ud800-\\udfff), not text")
    published = data.get("published")
    if published is not None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
                raise ValueError
            day = date.fromisoformat(published)
        except ValueError:
            raise errors.bad_meta(side, f"published {published!r} is not a YYYY-MM-DD date") from None
        if not PUBLISHED_YEARS[0] <= day.year <= PUBLISHED_YEARS[1]:
            raise errors.bad_meta(side, f"published {published!r} is not between {PUBLISHED_YEARS[0]} and "
                                  f"{PUBLISHED_YEARS[1]}; news is dated, and dates are reckoned from it")
    return ArticleMeta(**{k: (data.get(k) or "").strip() or None for k in META_KEYS})


def _unpaired(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise errors.binary_file(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise errors.not_utf8(path, e.start) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise errors.empty_file(path)
    if sum(c.isprintable() or c.isspace() for c in text) < MIN_PRINTABLE * len(text):
        raise errors.binary_file(path)
    return text


def analysis_text(text: str, drop: list[tuple[int, int, str]]) -> str:
    chars = list(text)
    for a, b, _ in drop:
        chars[a:b] = [c if c in "\r\n" else " " for c in text[a:b]]
    spans = line_spans(text)
    for i in soft_wraps([text[a:b] for a, b in spans]):
        (a0, b0), (a1, b1) = spans[i], spans[i + 1]
        if "".join(chars[a0:b0]).strip() and "".join(chars[a1:b1]).strip():
            chars[b0:a1] = " " * (a1 - b0)
    return "".join(chars)


def kept_spans(text: str, drop: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    kept, pos = [], 0
    for a, b, _ in sorted(drop) + [(len(text), len(text), "")]:
        if text[pos:a].strip():
            kept.append((pos, a))
        pos = max(pos, b)
    return kept


def load_document(path: Path) -> Document:
    path = Path(path)
    if _unpaired(path.name):   # bytes the file system gave that are not UTF-8 (os.fsdecode's surrogates)
        raise errors.name_not_utf8(path)
    raw = read_regular(path, MAX_BYTES)
    text = decode(path, raw)
    if len(text) > MAX_CHARS:
        raise errors.too_long(path, len(text), MAX_CHARS)
    return document_from_text(text, path=path, sha256=hashlib.sha256(raw).hexdigest(), meta=read_meta(path))


def document_from_text(text: str, path: Optional[Path] = None, sha256: str = "",
                       meta: Optional[ArticleMeta] = None) -> Document:
    """The Document of an article's text: boilerplate blanked, wraps joined, dateline found."""
    drop = boilerplate_spans(text)
    clean = analysis_text(text, drop)
    return Document(path=path, stem=path.stem if path else "", text=text, sha256=sha256,
                    meta=meta or ArticleMeta(), analysis_text=clean, kept=kept_spans(text, drop),
                    dateline=find_dateline(clean))
