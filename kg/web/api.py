"""/api/NAME: a stored query run with the request's parameters, its answer in the format the
request names (grlc-style), the same rows `kg query NAME` gives.

The format is the path's extension (/api/visits.csv), else `?format=`, else the best the Accept
header takes among those of the answer's form, else SPARQL JSON for rows and Turtle for a graph;
the names and media types are kg/output.py's, as on the command line. Every other query
parameter is the stored query's, bound as an RDF term (queries.bind)."""
from __future__ import annotations

from .. import errors, output
from ..errors import QueryError
from ..store import queries
from ..store.answer import answer, stored

BY_MEDIA = {media: fmt for fmt, media in output.MEDIA_TYPES.items()}
BY_MEDIA.update({"application/json": "json", "application/xml": "xml"})
EXTENSIONS = {ext.lstrip("."): fmt for ext, fmt in output.BY_EXTENSION.items() if ext != ".xml"}


def named_format(ext: str | None, params: dict[str, str]) -> str | None:
    """The format the request names (the path's extension, else ?format=), checked; None if none."""
    named = ext or params.pop("format", None)
    if not named:
        return None
    fmt = EXTENSIONS.get(named, named)
    if fmt not in output.MEDIA_TYPES:
        raise errors.unknown_format(named, tuple(output.MEDIA_TYPES))
    return fmt


def negotiated(accept: str, form: str) -> str:
    """The format the Accept header likes best among those of the answer's form (rows or a
    graph); SPARQL JSON for rows, Turtle for a graph, when it likes none of them."""
    fits = output.GRAPH_FORMATS if form == "CONSTRUCT" else output.ROW_FORMATS
    for media, _ in sorted((m for m in _accepted(accept) if m[1] > 0), key=lambda m: -m[1]):
        if BY_MEDIA.get(media) in fits:
            return BY_MEDIA[media]
    return output.GRAPH_DEFAULT if form == "CONSTRUCT" else "json"


def _accepted(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, *rest = [p.strip() for p in part.split(";")]
        q = next((p[2:] for p in rest if p.startswith("q=")), "1")
        try:
            out.append((media.lower(), float(q)))
        except ValueError:
            continue
    return out


def run(name: str, params: dict[str, str], named: str | None, accept: str, endpoint: str, timeout: float,
        allow_service: bool) -> tuple[str, bytes]:
    """(media type, body) of the stored query `name` on kg serve's engine: in the format named,
    refused before the engine is asked when it does not fit the query's form, else as negotiated."""
    def checked(form: str | None) -> None:
        if named and form:
            output.format_for(named, form, where)
    text, where = stored(queries.get(name), params, endpoint=endpoint, timeout=timeout)
    result = answer(text, where, endpoint=endpoint, timeout=timeout, allow_service=allow_service,
                    checked=checked, own_endpoint=True)
    form = output.form_of_result(result)
    fmt = output.format_for(named or negotiated(accept, form), form, where)
    if form == "CONSTRUCT":
        body = output.render_graph(result, fmt, where)
    elif form == "ASK":
        body = output.render_boolean(result, fmt).encode("utf-8")
    else:
        body = output.render(*result, fmt).encode("utf-8")
    media = output.MEDIA_TYPES[fmt]
    return (media + "; charset=utf-8" if media.startswith("text/") else media), body


def status_of(e: errors.KgError) -> int:
    """The HTTP status of an error: nothing there (404), the request's fault (400), or the store's
    server's (502)."""
    if isinstance(e, errors.NotFound):
        return 404
    return 502 if isinstance(e, errors.RemoteError) else 400 if isinstance(e, (QueryError, errors.InputError)) else 500
