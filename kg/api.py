"""The Python API: a store to ingest articles into and ask questions of, from a notebook.

    import kg
    store = kg.open("kg-store")
    store.ingest("seeds/")
    store.query("who-visited", place="Pyongyang").to_pandas()

`kg.open` holds nothing open between calls. A notebook lives for hours, and a store has one
writer or any number of `kg serve` servers at a time (kg/store/lock.py): holding the writer's
lock from `open` on would block `kg serve` and every `kg ingest` until the kernel is stopped. So
`ingest` and `remove` take the lock only while they run (and are refused, as the CLI is, while
another writer or a server has it), and each read opens the store read-only for that one call,
which also means it sees what others wrote since (a read-only RocksDB handle keeps the snapshot
it opened with).

Each method runs the same functions as the matching CLI command (kg/batch.py,
kg/store/answer.py, KgStore), so answers, reports and errors are the CLI's. Every failure is a
KgError with the CLI's one-line message: the internals' frames are cut from its traceback, and
any other exception from inside (a bug of ours) becomes one, as the CLI's "internal error".
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Iterable, Optional, Union

from . import errors
from .errors import KgError

PathLike = Union[str, "os.PathLike[str]"]


def _public(method):
    """Run `method` so that what escapes is a KgError without the internals' frames (nor their
    chained exceptions, which would keep the store's files open in a notebook's last traceback),
    or an interrupt. A call that does not fit the signature is the caller's TypeError, as usual."""
    @functools.wraps(method)
    def call(*args, **kwargs):
        _signature(method).bind(*args, **kwargs)
        try:
            return method(*args, **kwargs)
        except KgError as e:
            error: BaseException = e
        except KeyboardInterrupt:
            error = KeyboardInterrupt()
        except Exception as e:  # noqa: BLE001 - a bug of ours is reported as one line, like the CLI does
            error = errors.internal_error(e)
        error.__traceback__ = error.__context__ = error.__cause__ = None
        raise error
    return call


@functools.cache
def _signature(method):
    import inspect   # on first use: `import kg` stays cheap
    return inspect.signature(method)


def open(path: Optional[PathLike] = None) -> "Store":
    """The store at `path` (default: $KG_STORE, else ./kg-store), for reading and writing.

    Nothing is opened or locked yet (see the module's docstring); a folder kg must not use (a
    file, or a folder of other files) is refused now. A folder that does not exist yet becomes
    a store at the first `ingest`."""
    return Store(path)


class Store:
    """A kg store on disk; see `kg.open`."""

    @_public
    def __init__(self, path: Optional[PathLike] = None):
        from .store.store import check_folder, store_path
        self.path = store_path(os.fspath(path) if path is not None else None)
        check_folder(self.path, read_only=False)

    def __repr__(self) -> str:
        return f"kg.Store({str(self.path)!r})"

    @_public
    def ingest(self, paths: Union[PathLike, Iterable[PathLike]], strict: bool = False, workers: int = 1):
        """Extract, validate and store articles (.txt files or folders of them), like `kg ingest`.

        A mention that breaks a shape is dropped and the rest of its article stored; an article
        that breaks them itself (or at all, with `strict`) is refused; a file that cannot be read
        is skipped. None of these raises: each is a line in the returned IngestReport (`stored`,
        `skipped`, `refused`, `dropped`, `ok`, `summary()`), and the other articles are stored.
        Raises KgError when no path names an article, or the store cannot be written.

        `workers` > 1 works on that many articles at once in forked processes (as `kg ingest
        --workers`); the default, 1, stays in this process, which a notebook's threads prefer."""
        from .batch import IngestReport, ingest
        articles = _paths(paths)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise errors.bad_workers(workers)
        with self._writer("ingest") as db:
            return ingest(db, articles, IngestReport(), strict, workers=workers)

    @_public
    def remove(self, stems: Union[str, Iterable[str]]) -> int:
        """Remove articles by file stem ("003_e3129cf3e94ab3f2"), like `kg remove`; the triples
        left. When one stem is not stored, none is removed (KgError naming it); a store that is not
        there is an error, not made empty."""
        from .batch import remove
        names = [stems] if isinstance(stems, str) else [str(s) for s in _many(stems, "article stems as str")]
        return remove(self.path, names)[1]

    @_public
    def rebuild(self) -> int:
        """Derive the event layer again from the stored articles, like `kg rebuild`; the triples
        in the store after."""
        from .batch import rebuild
        return rebuild(self.path)

    @_public
    def query(self, name: str, /, **params):
        """Run the stored query `name` (see `kg query --list`), like `kg query NAME -p k=v ...`.

        Parameters are bound as RDF terms, never pasted into the text, so a value cannot change
        what the query does; None leaves one unbound, any other value is passed as str(value).
        Returns Rows: a list of {column: str or None} dicts with `.columns` and `.to_pandas()`.
        Values stay str (dates have mixed precision: see kg/rows.py); None is an unbound cell."""
        from .store import queries
        from .store.answer import stored
        text, where = stored(queries.get(name), {k: str(v) for k, v in params.items() if v is not None}, self.path)
        return _answer(text, where, self.path)

    @_public
    def sparql(self, text: str, allow_service: bool = False, union: bool = True):
        """Run an ad-hoc SELECT (Rows, as `query` gives) or ASK (a bool), like `kg sparql`.

        The default graph (what a pattern outside GRAPH matches) is the union of the named graphs,
        as in the CLI; `union=False` makes it the store's own, empty one (`--no-union`). Updates
        are refused (change data with `ingest` and `remove`), as are CONSTRUCT/DESCRIBE (they give
        RDF, not rows: `kg sparql` prints them), queries nested over 200 levels, and SERVICE
        unless `allow_service`."""
        if not isinstance(text, str) or not text.strip():
            raise errors.no_query_text("query")
        return _answer(text, "query", self.path, allow_service=allow_service, union=union)

    @_public
    def show(self, what: str) -> dict:
        """One event (`ev:0123abcd` or its IRI), actor or place (name or IRI) or article (file
        stem), with its sources and evidence sentences, as `kg show WHAT --format json` prints it."""
        from .store.show import Finder, show
        if not isinstance(what, str):
            raise errors.nothing_to_show(str(what))
        return show(what, Finder(self.path))

    @_public
    def stats(self) -> dict:
        """{"articles", "agreements", "meetings", "visits", "triples": count}, as `kg stats`."""
        from .store.store import KgStore
        with KgStore(self.path, read_only=True) as db:
            return db.stats()

    def _writer(self, command: str):
        """The store opened for writing by `command`, holding the writer's lock until closed."""
        from .store.store import KgStore
        return KgStore(self.path, read_only=False, command=command)


def _paths(paths) -> list[Path]:
    """One path or many, as Paths."""
    many = [paths] if isinstance(paths, (str, os.PathLike)) else _many(paths)
    for p in many:
        if not isinstance(p, (str, os.PathLike)):
            raise errors.not_a_name(p)
    return [Path(p) for p in many]


def _many(values, want: str = "article files or folders as str or pathlib.Path") -> list:
    """`values` as a list; a value that holds none (a number) names no file or article."""
    try:
        return list(values)
    except TypeError:
        raise errors.not_a_name(values, want) from None


def _answer(text: str, where: str, path: Path, **options):
    """Rows (SELECT) or a bool (ASK) from store/answer.py; a graph query is refused as soon as the
    check tells its form, before the store is opened (else by what it gave)."""
    from .rows import Rows
    from .store.answer import GRAPH_FORMS, answer

    def rows_only(form):
        if form in GRAPH_FORMS:
            raise errors.graph_query(where)

    def stale(at: Path) -> None:   # a notebook shows a warning; the answer is still given
        import warnings
        warnings.warn(errors.stale_layer(at).removeprefix("warning: "), UserWarning, stacklevel=4)

    result = answer(text, where, path, checked=rows_only, stale=stale, **options)
    if isinstance(result, bool):
        return result
    if not isinstance(result, tuple):
        raise errors.graph_query(where)
    return Rows(*result)
