"""Print what kg answers on standard output (or into a file): a query's rows, boolean or graph.

Kept apart from the command line (kg/cli.py) and free of typer, so that kg/launch.py can answer
a plain `kg query` with the same code without loading it."""
from __future__ import annotations

import sys
from typing import Optional

from . import errors, progress

DEFAULT_FORMAT = "table"   # --format when not given: rows for reading (kg/table.py)


def print_answer(text: str, where: str, store: Optional[str], endpoint: Optional[str], timeout: float, fmt: str,
                 allow_service: bool = False, union: bool = True, columns: Optional[list] = None,
                 wide: bool = False) -> None:
    """Answer a query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the local store, its default graph the
    union of the named graphs unless `union` is False, or on a remote endpoint (store/answer.py,
    as the Python API does), and print it the same way. The text is checked first (nesting,
    SERVICE, updates), before any parser sees it, and --format against the query's form, before
    the store or the server is asked."""
    from . import output
    from .store.answer import answer

    told: list = []   # the form the check found, when it could tell

    def checked(form: Optional[str]) -> None:
        output.format_for(fmt, form, where)
        if endpoint and not union:
            progress.message(errors.no_union_remote())
        told.append(form)

    result = answer(text, where, store, endpoint, timeout, allow_service, union=union, checked=checked,
                    stale=lambda path: progress.info(errors.stale_layer(path)), as_csv=fmt == "csv")
    if isinstance(result, bytes):   # a SELECT's csv, as Oxigraph wrote it
        STDOUT.write(result)
        return
    fmt = output.format_for(fmt, told[0] or output.form_of_result(result), where)
    if isinstance(result, bool):
        say(output.render_boolean(result, fmt))
    elif isinstance(result, tuple):
        say(output.render(*result, fmt, columns, wide))
    else:
        STDOUT.write(output.render_graph(result, fmt, where))


def print_stored(name: str, param: list[str], store: Optional[str] = None, fmt: str = DEFAULT_FORMAT,
                 endpoint: Optional[str] = None, timeout: float = 120.0, allow_service: bool = False,
                 union: bool = True, wide: bool = False) -> None:
    """`kg query NAME -p K=V ...`: the stored query, its parameters bound, answered and printed."""
    from .store import queries
    from .store.answer import stored
    q = queries.get(name)
    print_answer(*stored(q, queries.parse_params(param), store, endpoint, timeout), store, endpoint, timeout,
                 fmt, allow_service, union=union, columns=q.columns, wide=wide)


class Sink:
    """Where output goes (a file, else standard output), as the store writes to it: a failed
    write (a full disk) is one line naming the output, not taken for a bug or for trouble with
    the store. A reader that went away (`kg export | head`) is left to the caller: kg/cli.py's
    main and kg/launch.py exit quietly with 1, as click does."""

    def __init__(self, name, file=None):
        self.name, self.file = name, file

    def write(self, data: bytes) -> int:
        out = self.file if self.file is not None else getattr(sys.stdout, "buffer", None)
        if out is None:   # started with standard output closed (`>&-`)
            raise errors.cannot_write(self.name, "it is closed")
        try:
            n = out.write(data)
            out.flush()
            return n
        except BrokenPipeError:
            raise
        except OSError as e:
            raise errors.cannot_write(self.name, e.strerror or str(e)) from None

    def flush(self) -> None:
        """Each write is flushed already; pyoxigraph calls this when it is done."""


STDOUT = Sink("standard output")


def say(text: str) -> None:
    STDOUT.write(text.encode("utf-8"))
