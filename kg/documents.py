"""Articles on disk: text, sidecar metadata, and an offset-preserving text for the parser."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import errors
from .boilerplate import boilerplate_spans
from .records import ArticleMeta

META_KEYS = ("url", "published", "title", "publisher")


@dataclass
class Document:
    path: Path
    stem: str
    text: str             # the file as decoded; every offset points into it
    sha256: str
    meta: ArticleMeta
    analysis_text: str    # same length as text: boilerplate blanked, soft line-wraps joined
    kept: list[tuple[int, int]]


def iter_article_paths(path: Path) -> list[Path]:
    path = Path(path)
    if not path.exists():
        raise errors.missing_path(path)
    if path.is_file():
        return [path]
    found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and not p.name.startswith("."))
    if not found:
        raise errors.no_articles(path)
    return found


def read_meta(txt: Path) -> ArticleMeta:
    side = txt.with_name(txt.stem + ".meta.json")
    if not side.exists():
        return ArticleMeta()
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise errors.bad_meta(side, f"not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise errors.bad_meta(side, "not a JSON object")
    published = data.get("published")
    if published is not None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published)):
                raise ValueError
            date.fromisoformat(published)
        except ValueError:
            raise errors.bad_meta(side, f"published {published!r} is not a YYYY-MM-DD date") from None
    for k in META_KEYS:
        if data.get(k) is not None and not isinstance(data[k], str):
            raise errors.bad_meta(side, f"{k} must be a string or null")
    return ArticleMeta(**{k: data.get(k) or None for k in META_KEYS})


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
    printable = sum(c.isprintable() or c.isspace() for c in text)
    if printable / len(text) < 0.95:
        raise errors.binary_file(path)
    return text


def analysis_text(text: str, drop: list[tuple[int, int]]) -> str:
    """Blank boilerplate (newlines kept) and turn single line-wraps into spaces, same length."""
    chars = list(text)
    for a, b in drop:
        for i in range(a, b):
            if chars[i] not in "\r\n":
                chars[i] = " "
    out = "".join(chars)
    # A lone newline between two non-empty lines is a soft wrap, not a paragraph break.
    return re.sub(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)", lambda m: " " * len(m.group()), out) \
        if "\n\n" in text.strip() else out


def load_document(path: Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise errors.InputError(f"{path}: cannot read ({e.strerror})") from None
    text = decode(path, raw)
    drop = boilerplate_spans(text)
    kept, pos = [], 0
    for a, b in drop:
        if a > pos:
            kept.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        kept.append((pos, len(text)))
    return Document(path=path, stem=path.stem, text=text, sha256=hashlib.sha256(raw).hexdigest(),
                    meta=read_meta(path), analysis_text=analysis_text(text, drop), kept=kept)
