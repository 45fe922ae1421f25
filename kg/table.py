"""Tables for a person to read: the `table` format of `kg query`, `kg sparql` and `kg show`.

Machine formats (csv, tsv, json, xml, ndjson) give every column and full IRIs; a table is read
on a terminal, so by default it shows the columns a stored query names in its `#+ columns:`
line, values as a person says them (an event as ev:0123abcd, an article by file stem, the mode
`in person`, not kg:inPerson), and fits the terminal's width, cutting long cells with an
ellipsis. `--wide` gives every column, uncut.

Laying the table out is left to rich (installed with typer, which kg's CLI already needs): it
measures what a cell takes on screen (a Korean or Chinese name is two columns a character,
which str.ljust gets wrong), shares the width out among the columns and cuts cells with an
ellipsis, all of which we would otherwise write and keep ourselves.
"""
from __future__ import annotations

import io
import os
import re
import shutil
from urllib.parse import unquote

from pyoxigraph import BlankNode, NamedNode

from .vocab import NS, RES

DEFAULT_WIDTH = 100                       # when stdout is no terminal and $COLUMNS is not set
SPOKEN = ("mode", "status", "event_status", "kind", "type", "precision")   # columns holding vocabulary words
_ONE_LINE = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})       # a table row stays one line
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def width() -> int:
    """The terminal's width: $COLUMNS, else the terminal's, else DEFAULT_WIDTH (a pipe, a file)."""
    found = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if os.environ.get("COLUMNS") or stdout_is_tty() \
        else DEFAULT_WIDTH
    return max(found, MIN_WIDTH)   # one column at least, however narrow


def stdout_is_tty() -> bool:
    """Whether what kg prints goes to a terminal (a closed stdout is none)."""
    try:
        return os.isatty(1)
    except OSError:
        return False


def words(name: str) -> str:
    """A vocabulary term's local name as words: inPerson -> in person, inForce -> in force."""
    return _CAMEL.sub(" ", name).lower() if name[:1].islower() else name


def compact(iri: str) -> str:
    """An IRI in the prefixed form kg's own prefixes give it (kg:Visit, kgr:person/...), else whole."""
    from .vocab import PREFIXES
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def readable(term, column: str = "") -> str:
    """A term as a person reads it: an event as ev:0123abcd, an article by its file stem, other
    IRIs with kg's prefixes (kgr:person/..., kg:Visit), a vocabulary word in a column that holds
    them (mode, status) as words: kg:inPerson and "inPerson" are both `in person`."""
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return str(term)
    value = term.value
    if isinstance(term, NamedNode):
        if (short := said(value)) is not None:
            return short
        if value.startswith(NS) and column in SPOKEN:
            return words(value[len(NS):])
        return compact(value)
    if column in SPOKEN and re.fullmatch(r"[a-z]+(?:[A-Z][a-z]*)+", value):
        return words(value)
    return value.translate(_ONE_LINE)


def said(iri: str) -> str | None:
    """An event's IRI as its short id (ev:0123abcd), an article's as its file stem; None for any other."""
    from .store.ids import short_id
    if (short := short_id(iri)):
        return short
    if iri.startswith(RES + "article/"):
        return unquote(iri[len(RES + "article/"):])
    return None


def fit(natural: list[int], minimum: list[int], room: int) -> list[int]:
    """Column widths that fit `room` (gaps left out): the widest column is narrowed first, none
    below its minimum; when even the minimums do not fit, the last columns are left out (0), but
    never the first: it is cut to the room there is, so a table always shows something."""
    widths = list(natural)
    while sum(widths) > room:
        cut = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not cut:
            break
        widest = max(cut, key=lambda i: widths[i])
        others = [widths[i] for i in cut if i != widest]
        target = max(minimum[widest], max(others, default=0), widths[widest] - (sum(widths) - room))
        widths[widest] = target if target < widths[widest] else widths[widest] - 1
    while sum(widths) > room and sum(1 for w in widths if w) > 1:
        last = max(i for i, w in enumerate(widths) if w)
        room += GAP   # its gap goes with it
        widths[last] = 0
    if widths and sum(widths) > room:   # the first column alone, its header wider than the terminal
        widths[0] = max(room, 1)
    return widths


GAP = 2         # spaces between two columns
MIN_WIDTH = 11  # a column is cut no narrower: an event id (ev:0123abcd) stays whole


def render_table(variables: list[str], rows: list[list], columns: list[str] | None = None,
                 wide: bool = False) -> str:
    """Rows of terms (None when unbound) as a table: `columns` (those of them the answer has;
    all when none are) fitted to the terminal, or with `wide` every column, uncut."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    shown = [v for v in (columns or []) if v in variables] if not wide else []
    shown = shown or list(variables)
    at = [variables.index(v) for v in shown]
    cells = [[readable(r[i], variables[i]) for i in at] for r in rows]
    natural = [max([cell_len(v)] + [cell_len(c[k]) for c in cells]) for k, v in enumerate(shown)]
    if wide:
        widths = natural
    else:
        minimum = [min(n, max(cell_len(v), MIN_WIDTH)) for n, v in zip(natural, shown)]
        widths = fit(natural, minimum, width() - GAP * (len(shown) - 1))
    keep = [k for k, w in enumerate(widths) if w]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, GAP - 1, 0, 0),
                  header_style="", expand=False)
    for k in keep:
        table.add_column(shown[k], overflow="ellipsis", no_wrap=True, width=widths[k])
    for c in cells:
        table.add_row(*[c[k] for k in keep])
    out = io.StringIO()
    Console(file=out, width=sum(widths[k] for k in keep) + GAP * len(keep), color_system=None, highlight=False,
            markup=False, emoji=False, legacy_windows=False).print(table)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
