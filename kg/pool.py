"""The articles of an ingest worked on by a pool of processes, their results handed back in input order.

spaCy holds the GIL, so only processes use more than one core. Each worker does the whole work
of one article (kg/batch.py `article`: read, parse, extract, mint, validate) and sends back its
quads and report lines; the one store writer stays in the parent. Results come back in input
order, so what is printed and stored does not depend on the number of workers, and at most
WINDOW articles per worker are in flight, so memory does not grow with the corpus.

The pool is forked after the spaCy model is loaded and the gazetteer's cities are indexed here,
so the workers share them rather than each building its own. Workers ignore Ctrl-C: the parent
alone is interrupted, stops them and leaves (exit 130), its store transaction never begun or
whole; a parent killed outright takes its workers with it (Linux: PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator, Optional

from . import errors

WINDOW = 4   # articles in flight per worker: enough to keep each busy, few enough to hold in memory


def cores() -> int:
    """The cores this process may run on: the default number of workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:   # not Linux
        return max(1, os.cpu_count() or 1)


def results(jobs: list[tuple[Path, Optional[str]]], strict: bool, workers: int) -> Iterator:
    """A batch.Done for each job (path, None to work on it, or the line that skips it), in order."""
    from .batch import Done, article
    workers = min(workers, sum(skip is None for _, skip in jobs))
    if workers <= 1:
        for path, skip in jobs:
            yield _skipped(path, skip) if skip else article(path, strict)
        return
    yield from _pooled(jobs, strict, workers, Done, article)


def _skipped(path: Path, line: str):
    from .batch import Done
    done = Done(path.stem)
    done.note("skipped", line)
    return done


def _pooled(jobs, strict: bool, workers: int, Done, article) -> Iterator:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .extract.gazetteer import Gazetteer
    from .extract.nlp import pipeline
    pipeline()   # loaded once, here: the forked workers share it, and the gazetteer's cities
    Gazetteer.default().index_cities()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start,
                               initargs=(os.getpid(),))
    todo, flight = iter(jobs), deque()
    try:
        _fill(pool, todo, flight, strict, workers * WINDOW, article)
        while flight:
            path, skip, future = flight.popleft()
            yield _skipped(path, skip) if skip else _result(path, future, BrokenProcessPool)
            _fill(pool, todo, flight, strict, workers * WINDOW, article)
    finally:
        _stop(pool)


def _result(path: Path, future, broken):
    """The worker's Done; a fault of ours outside the article's own guarded steps (its result would
    not pickle) skips that article alone, a worker killed (out of memory?) ends the ingest."""
    try:
        return future.result()
    except broken:
        raise errors.worker_died(path) from None
    except Exception as e:  # noqa: BLE001 - one article's fault must not lose the others
        return _skipped(path, errors.article_failed(path, "working on it in a worker process", e))


def _fill(pool, todo: Iterable, flight: deque, strict: bool, window: int, article) -> None:
    """Submit jobs until `window` are in flight (skipped files take a place but no work)."""
    while len(flight) < window:
        job = next(todo, None)
        if job is None:
            return
        path, skip = job
        flight.append((path, skip, None if skip else pool.submit(article, path, strict)))


def _worker_start(parent: int) -> None:
    """Ctrl-C is the parent's to handle; and a worker dies with its parent (kill -9 too), or it
    would wait for work forever, holding the store's lock inherited from the parent."""
    import ctypes
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:   # the parent died before the line above
        os._exit(1)


def _stop(pool) -> None:
    """Tear the pool down now: work not begun is cancelled, workers still busy are ended (on
    Ctrl-C or an error nothing they make will be used; after the last result none is busy)."""
    # Taken before shutdown(), which forgets both
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
        process.join()
    if manager is not None:   # else Python 3.11's exit hook may wake it through the pipe it is
        manager.join()        # closing that moment, and print a stray traceback (EBADF)
