"""Answer one SELECT or ASK, the one way `kg query`, `kg sparql` and the Python API all do.

The text is checked before any parser sees it (nesting, SERVICE, updates: see safety.py), then
run on the local store, opened read-only for this one question, or on a remote endpoint. The
answer is a bool (ASK) or the variables and rows of terms (None where a variable is unbound);
a graph (CONSTRUCT/DESCRIBE) is refused, since callers want rows.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .. import errors
from . import queries, safety

Answer = Union[bool, tuple[list[str], list[list]]]


def stored(name: str, params: dict[str, str]) -> tuple[str, str]:
    """The stored query `name` with its parameters bound as RDF terms (never pasted into the
    text: see queries.bind), and where it came from, for messages."""
    q = queries.get(name)
    return queries.bind(q, params), str(q.path)


def answer(text: str, where: str, path: Optional[Path] = None, endpoint: Optional[str] = None,
           timeout: float = 120.0, allow_service: bool = False) -> Answer:
    """Run `text` on the store at `path`, or on the endpoint at the URL `endpoint` (which may
    use SERVICE: it is the server's business). `where` names the query in messages."""
    safety.check(text, where, allow_service=allow_service or bool(endpoint))
    if endpoint:
        from .remote import Endpoint
        result = Endpoint.at(endpoint, timeout=timeout).select(text)
    else:
        from .store import KgStore
        with KgStore(path, read_only=True) as db:
            try:
                result = db.query(text, where)
            except SyntaxError as e:
                raise errors.sparql_syntax(where, str(e).splitlines()[0]) from None
    if isinstance(result, (bool, tuple)):
        return result
    if getattr(result, "variables", None) is not None:
        from ..output import solutions
        return solutions(result)
    raise errors.graph_result(where)
