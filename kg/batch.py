"""Ingest a batch of articles: read, extract, check against the shapes, write; one report.

`kg ingest`, `kg extract` and the Python API's `Store.ingest` all run this, so a file is skipped,
an article refused or a mention dropped for the same reasons and with the same line everywhere.
One article's trouble never costs the others: each problem is one line in the report (and, for
the CLI, on stderr as it happens) and the batch goes on.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from . import errors
from .errors import KgError

BATCH = 100   # articles written per transaction


class _Silent:
    """Progress that shows nothing: the Python API's, unless the caller gives one."""

    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def status(self, text: str = "") -> None:
        pass


@dataclass
class IngestReport:
    """What one ingest did. `stored` holds the stems written; `skipped`, `refused`, `dropped` and
    `warnings` the lines the CLI prints for each (a refusal's line is followed by its violations,
    one a line). `ok` is what the CLI's exit 0 says: nothing skipped or refused (dropped mentions
    are warnings: their articles are stored).

    While it runs, a caller may hear of it: `echo` gets each problem line (skipped, refused) as
    it happens, `warn` each warning (dropped, warnings; default: `echo`), `detail` a line per
    article kept (kg ingest --verbose), and `progress` (start(total), advance(), status(text):
    kg/progress.py's Progress) counts the articles done."""
    stored: list[str] = field(default_factory=list)
    events: int = 0
    skipped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    triples: int = 0
    store: str = ""
    echo: Optional[Callable[[str], None]] = field(default=None, repr=False, compare=False)
    warn: Optional[Callable[[str], None]] = field(default=None, repr=False, compare=False)
    detail: Optional[Callable[[str], None]] = field(default=None, repr=False, compare=False)
    progress: Any = field(default_factory=_Silent, repr=False, compare=False)

    def note(self, kind: str, message: str) -> None:
        """Keep `message` under `kind` ("skipped", ...) and pass it on to `echo` (a problem) or
        `warn` (a dropped mention, a warning), if any."""
        getattr(self, kind).append(message)
        say = self.echo if kind in ("skipped", "refused") else (self.warn or self.echo)
        if say is not None:
            say(message)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.refused

    def summary(self) -> str:
        """The line `kg ingest` ends with."""
        return (f"stored {len(self.stored)} article(s) with {self.events} event mention(s) in {self.store}; "
                f"{len(self.dropped)} mention(s) dropped; {len(self.refused)} refused; {len(self.skipped)} skipped; "
                f"{self.triples} triples in the store")

    def __str__(self) -> str:
        return "\n".join([*self.skipped, *self.refused, *self.dropped, *self.warnings, self.summary()])


def ingest(target, paths: Iterable[Path], report: IngestReport, strict: bool = False, batch: int = BATCH,
           workers: int = 1) -> IngestReport:
    """Store every article of `paths` that passes the shapes in `target` (a KgStore, or what writes
    to an endpoint: `write_articles`, `triple_count`, `path`), `batch` articles a transaction; the
    articles are worked on by `workers` processes (1: this one), the writing is done here."""
    pending: dict = {}

    def write() -> None:
        nonlocal pending
        report.progress.status(f"storing {len(pending)} article(s)")
        target.write_articles(pending)
        report.stored += pending
        pending = {}
        report.progress.status()

    for stem, events, quads in checked(paths, report, strict, workers):
        pending[stem] = quads
        report.events += events
        if len(pending) >= batch:
            write()
    if pending:
        write()
    report.store, report.triples = str(target.path), target.triple_count()
    return report


def checked(paths: Iterable[Path], report: IngestReport, strict: bool = False, workers: int = 1) -> Iterator[tuple]:
    """(stem, mentions, quads) for each article that passes the shapes, bad mentions dropped with a
    warning; an article that still breaks them (any violation with `strict`) is refused.

    With `workers` > 1 the articles are worked on by a process pool (kg/pool.py); what each one
    says is told here, in input order, so the report and the output do not depend on `workers`."""
    from .pool import results
    files = _listed(paths, report)
    report.progress.start(len(files))
    first: dict[str, Path] = {}
    jobs = []   # (path, None) to work on, or (path, the line that skips it): one stem, one article graph
    for f in files:
        jobs.append((f, None if first.setdefault(f.stem, f) == f else errors.same_stem(f, first[f.stem])))
    for done in results(jobs, strict, workers):
        for kind, message in done.notes:
            report.note(kind, message)
        if done.quads is not None:
            if report.detail is not None:
                report.detail(done.detail)
            yield done.stem, done.events, done.quads
        report.progress.advance()   # an article is done when the next one is asked for


@dataclass
class Done:
    """What became of one article, as a worker hands it back: the report lines it gave rise to
    (kind, message) in order, and unless it was skipped or refused its quads."""
    stem: str
    notes: list = field(default_factory=list)
    events: int = 0
    quads: Optional[list] = None
    detail: str = ""

    def note(self, kind: str, message: str) -> None:
        self.notes.append((kind, message))


def article(f: Path, strict: bool = False) -> Done:
    """Read, extract, mint and validate one article: the work that may run in a worker process."""
    from .extract.pipeline import extract_document
    from .graph.quarantine import check_article
    from .graph.rdf import is_iri
    from .read.documents import load_document
    began, done = time.monotonic(), Done(f.stem)
    document = _guarded(done, f, "reading it", load_document, f)
    if document is None:
        return done
    if document.meta.url and not is_iri(document.meta.url):
        done.note("warnings", errors.url_not_iri(f, document.meta.url))
    record = _guarded(done, f, "extracting its events", extract_document, document)
    result = None if record is None else \
        _guarded(done, f, "minting and validating its graph", check_article, record, strict)
    if result is None:
        return done
    if result.refused:
        done.note("refused", errors.refused_article(f, result.report.text))
        return done
    for d in result.dropped:
        e = d.event.evidence
        done.note("dropped", errors.dropped_mention(f, e.start, e.end, e.text, d.event.rule, d.reasons))
    done.stem, done.events, done.quads = result.record.stem, len(result.record.events), result.quads
    done.detail = errors.article_done(f.stem, done.events, len(done.quads), time.monotonic() - began)
    return done


def _listed(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """The article files of `paths`; a path that names none is reported and the others go on,
    unless none is left: then it is the one error."""
    from .read.documents import iter_article_paths
    files, bad = [], []
    for p in paths:
        try:
            files += iter_article_paths(p)
        except KgError as e:
            bad.append(e)
    if bad and not files:
        raise bad[0]
    for e in bad:
        report.note("skipped", f"skipped: {e}")
    return files


def _guarded(report, path: Path, stage: str, step, *args):
    """One step of one article, or None when it failed: reported on one line (to `report.note`),
    so the other articles go on (an error of ours is named as one, with the file)."""
    try:
        return step(*args)
    except KgError as e:
        report.note("skipped", f"skipped: {e}")
    except Exception as e:  # noqa: BLE001 - one article's fault must not lose the others
        report.note("skipped", errors.article_failed(path, stage, e))
    return None


def remove(path: Path, stems: Iterable[str]) -> tuple[int, int]:
    """Remove the articles `stems` (each once) from the store at `path`, as `kg remove` and the
    Python API do: (articles removed, triples left). No store there is an error, not a new empty
    one; when one stem is not stored, none is removed."""
    from .store.store import KgStore, check_folder
    check_folder(path, read_only=True)   # removing from no store must not make one
    stems = list(dict.fromkeys(stems))
    with KgStore(path, read_only=False, command="remove") as db:
        db.remove_articles(stems)
        return len(stems), db.triple_count()


def rebuild(path: Path) -> int:
    """Derive the store's event layer again from its articles, as `kg rebuild` and the Python API
    do: the triples in the store after. No store there is an error, not a new empty one."""
    from .store.store import KgStore, check_folder
    check_folder(path, read_only=True)
    with KgStore(path, read_only=False, command="rebuild") as db:
        db.rebuild_layer()
        return db.triple_count()
