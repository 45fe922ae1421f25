"""/api/NAME: a stored query run with the request's parameters, its answer in the format the
request names (grlc-style), the same rows `kg query NAME` gives.

The format is the path's extension (/api/visits.csv), else `?format=`, else the best the Accept
header takes, else SPARQL JSON; the names and media types are kg/output.py's, as on the command
line. Every other query parameter is the stored query's, bound as an RDF term (queries.bind)."""
from __future__ import annotations

from .. import errors, output
from ..errors import QueryError
from ..store.answer import answer, stored

BY_MEDIA = {media: fmt for fmt, media in output.MEDIA_TYPES.items()}
BY_MEDIA.update({"application/json": "json", "application/xml": "xml"})
EXTENSIONS = {ext.lstrip("."): fmt for ext, fmt in output.BY_EXTENSION.items() if ext != ".xml"}


def chosen_format(ext: str | None, params: dict[str, str], accept: str) -> str | None:
    """The format name the request asks for (None: whatever suits the answer)."""
    named = ext or params.pop("format", None)
    if named:
        fmt = EXTENSIONS.get(named, named)
        if fmt not in output.MEDIA_TYPES:
            raise errors.unknown_format(named, tuple(output.MEDIA_TYPES))
        return fmt
    for media, _ in sorted(_accepted(accept), key=lambda m: -m[1]):
        if media in BY_MEDIA:
            return BY_MEDIA[media]
    return None


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


def run(name: str, params: dict[str, str], fmt: str | None, endpoint: str, timeout: float) -> tuple[str, bytes]:
    """(media type, body) of the stored query `name` in `fmt` on the endpoint."""
    text, where = stored(name, params, endpoint=endpoint, timeout=timeout)
    result = answer(text, where, endpoint=endpoint, timeout=timeout)
    form = output.form_of_result(result)
    fmt = output.format_for(fmt or ("turtle" if form == "CONSTRUCT" else "json"), form, where)
    if form == "CONSTRUCT":
        body = output.render_graph(result, fmt, where)
    elif form == "ASK":
        body = output.render_boolean(result, fmt).encode("utf-8")
    else:
        body = output.render(*result, fmt).encode("utf-8")
    media = output.MEDIA_TYPES[fmt]
    return (media + "; charset=utf-8" if media.startswith("text/") else media), body


def status_of(e: errors.KgError) -> int:
    """The HTTP status of an error: the request's fault (400), or the store's server's (502)."""
    return 502 if isinstance(e, errors.RemoteError) else 400 if isinstance(e, (QueryError, errors.InputError)) else 500
