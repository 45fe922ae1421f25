"""One N-Quads part file per article, and loading a folder of them into a store.

Past one machine the expensive step (extraction) is a map over articles with no shared state:
`kg extract --out PARTS/` (or dask, kg/distributed.py) writes each article's graph, after
validation, as PARTS/<stem>.nq; `kg load PARTS/` bulk-loads them and builds the event layer
once, which needs every article and so is the reduce step. The same files feed QLever or
Virtuoso's bulk loaders. A file name is the stem percent-encoded as in its graph IRI, so any
UTF-8 stem round-trips and two stems never share a file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote

from pyoxigraph import NamedNode, RdfFormat, parse, serialize

from . import errors
from . import vocab as v
from .batch import IngestReport, checked
from .files import whole_file

SUFFIX = ".nq"


def part_name(stem: str) -> str:
    return v._segment(stem) + SUFFIX


def stem_of_part(path: Path) -> str:
    return unquote(path.name[: -len(SUFFIX)])


def write_part(folder: Path, stem: str, quads: list) -> Path:
    """`quads` as folder/<stem>.nq, whole or not at all (a temporary file renamed)."""
    target = folder / part_name(stem)
    with whole_file(target) as f:
        f.write(serialize(quads, None, RdfFormat.N_QUADS))
    return target


def extract_parts(paths: Iterable[Path], folder: Path, report: IngestReport, strict: bool = False,
                  workers: int = 1) -> IngestReport:
    """Each article of `paths` that passes the shapes written as its part file; as `kg ingest`
    checks them (by `workers` processes), so a refused article leaves any older part of that
    name as it was."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise errors.cannot_write(folder, e.strerror or str(e)) from None
    for stem, events, quads in checked(paths, report, strict, workers):
        try:
            write_part(folder, stem, quads)
        except errors.InputError as e:   # this one's name too long for the file system, say
            report.note("skipped", f"skipped: {e}")
            continue
        report.stored.append(stem)
        report.events += events
    report.store = str(folder)
    return report


def extract_part(path: str, folder: str, strict: bool = False) -> dict:
    """One article to its part file, for a worker process (dask): what `kg extract --out` does
    for this file, with the report's lines returned instead of printed."""
    report = extract_parts([Path(path)], Path(folder), IngestReport(), strict)
    return {"stored": report.stored, "events": report.events, "skipped": report.skipped,
            "refused": report.refused, "dropped": report.dropped, "warnings": report.warnings}


def part_files(paths: Iterable[Path]) -> list[Path]:
    """The .nq files given, or directly in the folders given (sorted, hidden ones skipped)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            here = sorted(f for f in p.iterdir() if f.name.endswith(SUFFIX) and not f.name.startswith("."))
            if not here:
                raise errors.no_parts(p)
            found += here
        elif p.name.endswith(SUFFIX) and p.is_file():
            found.append(p)
        elif not p.exists():
            raise errors.missing_path(p)
        else:
            raise errors.not_a_part(p)
    return found


def read_part(path: Path) -> list:
    """The quads of a part file; ValueError when it does not parse or holds anything outside
    its own article's graph (a part never writes over another article or the event layer)."""
    graph = NamedNode(v.article_graph(stem_of_part(path)))
    try:
        quads = list(parse(path=str(path), format=RdfFormat.N_QUADS))
    except (SyntaxError, OSError, UnicodeDecodeError) as e:
        raise ValueError(" ".join(str(e).split())[:160]) from None
    outside = next((q for q in quads if q.graph_name != graph), None)
    if outside is not None:
        raise ValueError(f"a triple in {outside.graph_name}, not in {graph.value}")
    if not quads:
        raise ValueError("empty")
    return quads


def checked_parts(files: list[Path], report: IngestReport) -> Iterator[tuple[str, Path]]:
    """(stem, file) of each part that reads as one; the others reported as skipped."""
    report.progress.start(len(files))
    first: dict[str, Path] = {}
    for f in files:
        try:
            if first.setdefault(stem_of_part(f), f) != f:   # one stem, one article graph
                report.note("skipped", errors.same_part(f, first[stem_of_part(f)]))
            else:
                read_part(f)
                yield stem_of_part(f), f
        except ValueError as e:
            report.note("skipped", errors.bad_part(f, str(e)))
        report.progress.advance()


def load_parts(db, files: list[Path], report: IngestReport) -> IngestReport:
    """Every good one of these part files (`part_files`) into the store `db` (a KgStore open for
    writing): all checked first, so a bad one costs nothing stored; then loaded, replacing those
    articles."""
    good = dict(checked_parts(files, report))
    if good:
        report.progress.status(f"loading {len(good)} part(s)")
        db.load_articles(good, read_part)
        report.stored += sorted(good)
    report.store, report.triples = str(db.path), db.triple_count()
    return report
