"""What kg says on stderr while it works, and how much of it the user asked to hear.

A long job (articles read, extracted and stored; graphs pushed) shows its count, rate and time
left: on a terminal a tqdm bar redrawn in place; elsewhere (a log, CI) a plain line now and then,
never a carriage return. Every other line (skipped:, refused:, dropped:, warning:, the summary)
is written whole, above the bar, so the two never mix on one line.

How much is said: --quiet keeps only what explains a failure (kg: error:, and the skipped: and
refused: lines behind an exit 1); warnings, dropped mentions, progress and the summary go.
--verbose adds a line per article (or graph pushed). Exit codes are the same at every level.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Optional

from . import errors

QUIET, NORMAL, VERBOSE = 0, 1, 2
_state = {"level": NORMAL}
_shown: list = []   # the Progress now on screen, whose bar other lines must go above

EVERY = 5.0      # default seconds between two plain progress lines (KG_PROGRESS_EVERY)
STEP = 0.1       # a plain line each tenth of the job ...
LONGEST = 60.0   # ... or, when a tenth takes longer than this, after this many seconds


def level() -> int:
    return _state["level"]


def set_level(quiet: bool, verbose: bool) -> None:
    """--quiet and --verbose (kg/cli.py refuses the two together)."""
    _state["level"] = QUIET if quiet else VERBOSE if verbose else NORMAL


def _echo(text: str) -> None:
    """A line on stderr as click writes it. typer is imported here, not above: `kg query`
    answered without it (kg/launch.py) must not pay for it unless it has something to say."""
    import typer
    typer.echo(text, err=True)


def message(text: str) -> None:
    """A line that is always printed (it explains an exit code): whole, above any bar."""
    if _shown:
        _shown[-1].write(text)
    else:
        _echo(text)


def info(text: str) -> None:
    """A warning or a summary: not with --quiet."""
    if level() >= NORMAL:
        message(text)


def detail(text: str) -> None:
    """A line per article: only with --verbose."""
    if level() >= VERBOSE:
        message(text)


def _every() -> float:
    try:
        return max(0.0, float(os.environ.get("KG_PROGRESS_EVERY", EVERY)))
    except ValueError:
        return EVERY


class Progress:
    """Counts a job's steps on stderr, as a context: `with Progress("ingest", "articles") as p:
    p.start(total); ... p.advance()`. Leaving it (done, failed or interrupted) takes the bar away,
    so whatever is printed next starts on a line of its own."""

    def __init__(self, command: str, unit: str):
        self.command, self.unit = command, unit
        self.total: Optional[int] = None
        self.done = 0
        self._bar = None
        self._began = self._last_line = time.monotonic()
        self._last_done = 0
        self._on = level() >= NORMAL
        self._tty = self._on and _isatty()

    def __enter__(self) -> "Progress":
        _shown.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _shown.remove(self)
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def start(self, total: int) -> None:
        self.total = total
        if self._tty and self._bar is None and total:
            from tqdm import tqdm
            sized = _sized()   # a terminal that tells no size (a bare pty) is taken for 80x24, or tqdm shows nothing
            self._bar = tqdm(total=total, desc=self.command, unit=f" {self.unit}", file=sys.stderr, leave=False,
                             dynamic_ncols=sized, ncols=None if sized else 80, nrows=None if sized else 24,
                             initial=self.done,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}{unit}, "
                                        "{rate_noinv_fmt}, {remaining} left{postfix}")

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._on and not self._tty and self.total:
            self._maybe_line()

    def status(self, text: str = "") -> None:
        """What the job is doing besides counting (e.g. storing a batch), after the time left."""
        if self._bar is not None:
            self._bar.set_postfix_str(text)

    def write(self, text: str) -> None:
        if self._bar is not None:
            from tqdm import tqdm
            tqdm.write(text, file=sys.stderr)
        else:
            _echo(text)

    def _maybe_line(self) -> None:
        """A plain line when a tenth more is done (or a minute has gone by), and not sooner than
        KG_PROGRESS_EVERY seconds after the last one; none at the end, where the summary is."""
        now = time.monotonic()
        since = now - self._last_line
        if self.done >= self.total or since < _every():
            return
        if self.done - self._last_done < max(1, STEP * self.total) and since < LONGEST:
            return
        self._last_line, self._last_done = now, self.done
        rate = self.done / max(now - self._began, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else None
        _echo(errors.progress_line(self.command, self.done, self.total, self.unit, rate, left))


def _sized() -> bool:
    try:
        return min(os.get_terminal_size(sys.stderr.fileno())) > 0
    except (AttributeError, ValueError, OSError):
        return False


def _isatty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
