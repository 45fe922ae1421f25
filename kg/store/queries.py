"""Stored queries: plain SPARQL files whose leading `#+` comments give summary and parameters.

    #+ summary: Who visited a place (or anywhere inside it), and when
    #+ param place: the place, by name or IRI (required)
    #+ example: kg query who-visited --param place=Lima
    #+ columns: traveller, destination, start, status, visit

`columns` names the result columns a table shows by default, in that order (a person reads a
table; `--wide` and the machine formats give every column), so the choice is data, next to the
query it is about. A parameter line may say "(required)" or "(default: VALUE)"; any other parameter is optional and
unbound (UNDEF) when not given; one that says "(any case)" is folded to lower case, as the event
layer's name keys are (kg/keys.py). Parameters are bound as RDF terms in a VALUES block, never
pasted into the query text, so a value cannot change what the query does: the block goes where
the query holds a slot for it (`VALUES ?place { UNDEF }`, still valid SPARQL for any tool), else
at the top of the WHERE clause.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from .. import errors
from ..keys import fold
from ..paths import ROOT

MAX_QUERY_BYTES = 1_000_000
ABSOLUTE_IRI = re.compile(r"^(https?|urn|file):\S+$")


class Param(NamedTuple):   # NamedTuples, not dataclasses: `kg query` starts without importing inspect (6 ms)
    name: str
    description: str
    required: bool = True
    default: str | None = None


class StoredQuery(NamedTuple):
    name: str
    path: Path
    text: str
    summary: str = ""
    example: str = ""
    columns: tuple[str, ...] = ()   # a table's default columns; all when empty
    params: tuple[Param, ...] = ()


def query_dirs() -> list[Path]:
    dirs = [ROOT / "queries"]
    dirs += [Path(d) for d in os.environ.get("KG_QUERIES", "").split(os.pathsep) if d]
    return dirs


def parse_stored(path: Path) -> StoredQuery:
    """The query in `path`, read as articles are (a FIFO named .rq is refused, never waited on)."""
    from ..files import read_regular
    try:
        text = read_regular(path, MAX_QUERY_BYTES).decode("utf-8")
    except errors.KgError as e:
        raise errors.bad_query_file(path, str(e).split(": ", 1)[-1].split(";")[0]) from None
    except UnicodeDecodeError as e:
        raise errors.bad_query_file(path, str(e)) from None
    said: dict = {}   # summary, example, columns
    params = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key in ("summary", "example"):
            said[key] = value
        elif key == "columns":
            said["columns"] = tuple(c.strip().lstrip("?") for c in value.split(",") if c.strip())
        elif key.startswith("param "):
            name = key.split(None, 1)[1]
            default = re.search(r"\(default: ([^)]*)\)", value)
            params.append(Param(name, value, required="(required)" in value,
                                default=default.group(1).strip() if default else None))
    return StoredQuery(name=path.stem, path=path, text=text, params=tuple(params), **said)


def query_files() -> dict[str, Path]:
    """Name -> file of every stored query; a user's folder in $KG_QUERIES overrides ours."""
    out = {}
    for d in query_dirs():
        if d.is_dir():
            for p in sorted(d.glob("*.rq")):
                if not p.name.endswith("-violation.rq"):
                    out[p.stem] = p
    return out


def stored_queries() -> dict[str, StoredQuery]:
    """Every stored query, parsed; a file that cannot be read is an error."""
    return {name: parse_stored(p) for name, p in query_files().items()}


def readable() -> tuple[list[StoredQuery], list[errors.KgError]]:
    """Every stored query that can be read, by name, and the error of each that cannot: one bad
    file in $KG_QUERIES is named, and the others are listed still (`kg query --list`, the home page)."""
    ok, broken = [], []
    for _, path in sorted(query_files().items()):
        try:
            ok.append(parse_stored(path))
        except errors.KgError as e:
            broken.append(e)
    return ok, broken


def get(name: str) -> StoredQuery:
    """One stored query: only its own file is read, so a broken file elsewhere costs it nothing."""
    files = query_files()
    if name not in files:
        raise errors.unknown_query(name, sorted(files))
    return parse_stored(files[name])


def parse_params(pairs: list[str]) -> dict[str, str]:
    """NAME=VALUE pairs (-p) as a dict. A name given twice is refused, as the web page refuses
    it: a query binds one value per parameter, and silently keeping the last answers another
    question than the one typed."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise errors.bad_param(pair)
        if key.strip() in out:
            raise errors.param_twice(key.strip())
        out[key.strip()] = value
    return out


def term(value: str) -> str:
    """A value as an RDF term in SPARQL syntax, serialised by pyoxigraph itself (ValueError for
    a value that looks like an IRI and is none)."""
    from pyoxigraph import Literal, NamedNode
    return str(NamedNode(value)) if ABSOLUTE_IRI.match(value) else str(Literal(value))


def bind(q: StoredQuery, values: dict[str, str]) -> str:
    """The query text with every declared parameter bound in a VALUES block.

    A parameter goes where the query asks for it with `VALUES ?name { UNDEF }` (every such
    slot), else into one block at the top of the WHERE clause. A slot puts the value in the
    group that looks it up: Oxigraph plans a join from a VALUES-bound term only in that group.
    A parameter described "(any case)" is folded as kg.keys folds names, unless it is an IRI."""
    known = [p.name for p in q.params]
    for name in values:
        if name not in known:
            raise errors.unknown_param(q.name, name, known)
    bound = {}
    for p in q.params:
        value = values.get(p.name, p.default)
        if value is None and p.required:
            raise errors.missing_param(q.name, p.name)
        if value is not None and "(any case)" in p.description and not ABSOLUTE_IRI.match(value):
            value = fold(value)
        try:
            bound[p.name] = "UNDEF" if value is None else term(value)
        except ValueError as e:   # "http://x>{}"
            raise errors.bad_iri_param(q.name, p.name, value, str(e)) from None
    if not bound:
        return q.text
    # One pass over the file's own text, so a value bound in one slot is never read as another
    slots = re.compile(r"VALUES\s+\?(" + "|".join(map(re.escape, bound)) + r")\s*\{\s*UNDEF\s*\}",
                       re.IGNORECASE)
    slotted = set()

    def fill(m) -> str:
        slotted.add(m.group(1))
        return f"VALUES ?{m.group(1)} {{ {bound[m.group(1)]} }}"
    text = slots.sub(fill, q.text)
    top = [name for name in bound if name not in slotted]
    if not top:
        return text
    m = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    if m is None:
        raise errors.bad_query_file(q.path, "a query with parameters needs a WHERE { ... } clause")
    block = f"VALUES ({' '.join('?' + n for n in top)}) {{ ({' '.join(bound[n] for n in top)}) }}"
    return text[:m.end()] + "\n  " + block + "\n" + text[m.end():]
