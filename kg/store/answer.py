"""Answer one query, the one way `kg query`, `kg sparql` and the Python API all do.

The text is checked before any parser sees it (nesting, SERVICE, updates: see safety.py), which
also tells its form (SELECT, ASK, CONSTRUCT, DESCRIBE); a caller's `checked` hook then sees the
form before the store or the server is asked (the CLI checks --format against it there, the API
refuses a graph). Then it runs on the local store, opened read-only for this one question, its
default graph the union of the named graphs unless `union` is False, or on a remote endpoint
(whose server decides what its default graph is). The answer is a bool (ASK), a tuple of the
variables and rows of terms (SELECT; None where a variable is unbound), or a list of triples
(CONSTRUCT, DESCRIBE).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Union

from .. import errors
from . import queries, safety

Answer = Union[bool, tuple[list[str], list[list]], list]
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def stored(q: queries.StoredQuery, params: dict[str, str], path: Union[Path, str, None] = None,
           endpoint: Optional[str] = None, timeout: float = 120.0) -> tuple[str, str]:
    """The stored query `q` (queries.get) with its parameters bound as RDF terms (never pasted
    into the text: see queries.bind), and where it came from, for messages. A short event id
    (ev:0123abcd) is first looked up, on the store or endpoint the query will run on, as its full
    IRI (ids.py)."""
    from .ids import resolve_params
    known = {p.name for p in q.params}
    queries.bind(q, params)   # an unknown or missing parameter is named before anything is looked up
    ours = resolve_params({k: v for k, v in params.items() if k in known}, path, endpoint, timeout)
    return queries.bind(q, {**params, **ours}), str(q.path)


def answer(text: str, where: str, path: Union[Path, str, None] = None, endpoint: Optional[str] = None,
           timeout: float = 120.0, allow_service: bool = False, union: bool = True,
           checked: Optional[Callable[[Optional[str]], None]] = None, own_endpoint: bool = False,
           stale: Optional[Callable[[Path], None]] = None, as_csv: bool = False) -> Union[Answer, bytes]:
    """Run `text` on the store at `path` (a Path; a str or None is the --store option, resolved
    only when the store is asked), or on the endpoint at the URL `endpoint` (which may use
    SERVICE: it is the server's business; not when it is `own_endpoint`, kg serve's own engine,
    whose visitors must not make it fetch URLs unless it was started with --allow-service).
    `where` names the query in messages. `checked(form)` runs after the safety check, before the
    store or the server is asked; the form is None when the check cannot tell it (then the
    result's type tells). `stale(path)` is called when the local store's event layer was derived by
    another version of kg (KgStore.layer_is_current): the caller says so, the answer is given.
    `as_csv`: a SELECT on the local store answers as SPARQL CSV bytes (output.render's csv)."""
    form = safety.check(text, where, allow_service=allow_service or (bool(endpoint) and not own_endpoint))
    if checked is not None:
        checked(form)
    if endpoint:
        from .remote import Endpoint
        remote = Endpoint.at(endpoint, timeout=timeout)
        return remote.construct(text) if form in GRAPH_FORMS else remote.select(text)
    from .store import KgStore, store_path
    with KgStore(path if isinstance(path, Path) else store_path(path), read_only=True) as db:
        try:
            result = db.query(text, where, as_csv=as_csv, use_default_graph_as_union=union)
        except SyntaxError as e:
            raise errors.sparql_syntax(where, str(e).splitlines()[0]) from None
        if stale is not None and not db.layer_is_current():
            stale(db.path)
    if isinstance(result, (bool, bytes)):
        return result
    if getattr(result, "variables", None) is not None:
        from ..output import solutions
        return solutions(result)
    return list(result)


def as_dicts(rows_answer) -> list[dict]:
    """A SELECT's (variables, rows of terms) as a list of {variable: value or None}."""
    variables, rows = rows_answer
    return [{v: None if t is None else t.value for v, t in zip(variables, r)} for r in rows]
