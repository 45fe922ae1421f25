"""`kg show` for reading: a record of kg/store/show.py as indented lines.

The trigger of each evidence sentence is marked: bold yellow on a terminal (unless $NO_COLOR is
set), else between [[ and ]], which survives a pipe, a file and `grep`, and cannot be mistaken
for text of a news sentence.
"""
from __future__ import annotations

import os

from rich.cells import cell_len

from .store.show import ROLES   # who, then where
from .table import stdout_is_tty, words

FIELD = 15   # width of the label column: "date precision" and a space


def marker(terminal: bool) -> tuple[str, str]:
    """What goes around a trigger: ANSI bold yellow on a terminal, [[ ]] elsewhere."""
    return ("\x1b[1;33m", "\x1b[0m") if terminal else ("[[", "]]")


def on_terminal() -> bool:
    """Colour for the trigger: on a terminal, unless $NO_COLOR asks for none."""
    return stdout_is_tty() and not os.environ.get("NO_COLOR")


def highlight(mention: dict, terminal: bool) -> str:
    """The evidence sentence on one line, its trigger marked."""
    text, span = mention["evidence"], mention.get("trigger_span")
    if span:
        left, right = marker(terminal)
        text = text[:span[0]] + left + text[span[0]:span[1]] + right + text[span[1]:]
    return " ".join(text.split())


def _line(label: str, value) -> str:
    """`  start date   2018-04-09`: a camelCase key (startDate) said as words."""
    return f"  {words(label):<{FIELD}} {value}"


def _fields(rec: dict, keys) -> list[str]:
    """A line for each of these fields the record has a value for, in that order."""
    return [_line(k, rec[k]) for k in keys if rec.get(k)]


def _entity(e: dict) -> str:
    extra = [e[k] for k in ("countryCode",) if e.get(k)]
    if e.get("lat") is not None:
        extra.append(f"{e['lat']}, {e['long']}")
    return e["name"] + (f" ({'; '.join(map(str, extra))})" if extra else "")


def _mention_lines(m: dict, terminal: bool, indent: str = "    ") -> list[str]:
    how = [f"rule {m['rule']}" if m.get("rule") else "", m.get("status") or "",
           f"confidence {m['confidence']}" if m.get("confidence") is not None else ""]
    return [f"{indent}“{highlight(m, terminal)}”", f"{indent}  ({', '.join(h for h in how if h)}; "
            f"characters {m['begin']}-{m['end']})"]


def render(rec: dict, terminal: bool) -> str:
    """The record as text; `terminal` marks triggers with colour instead of [[ ]]."""
    out = {"event": _event, "actor": _actor, "article": _article}[rec["kind"]](rec, terminal)
    return "\n".join(out) + "\n"


SKIP = {"kind", "id", "iri", "type", "status", "actors", "sources"}
# An event's fields in reading order, after its actors and places: when, how, what, then codes
EVENT_FIELDS = ("date", "startDate", "endDate", "dateText", "datePrecision", "mode", "name",
                "cameo", "plover", "ploverMode")


def _role_rank(role: str) -> tuple:
    return (ROLES.index(role) if role in ROLES else len(ROLES), role)


def _event(rec: dict, terminal: bool) -> list[str]:
    out = [f"{rec['id']}  {rec.get('type', 'Event')}, {rec.get('status', 'status unknown')}", _line("iri", rec["iri"])]
    for role, people in sorted(rec["actors"].items(), key=lambda rp: _role_rank(rp[0])):
        out.append(_line(role, "; ".join(_entity(e) for e in people)))
    rest = [k for k in rec if k not in SKIP and k not in EVENT_FIELDS]
    out += _fields(rec, [*EVENT_FIELDS, *rest])
    out.append(f"sources ({len(rec['sources'])})")
    for s in rec["sources"]:
        out.append("  " + "  ".join(str(x) for x in (s["article"], s.get("published"), s.get("publisher")) if x))
        if s.get("url"):
            out.append("    " + s["url"])
        for m in s["mentions"]:
            out += _mention_lines(m, terminal)
    return out


def _actor(rec: dict, terminal: bool) -> list[str]:
    out = [f"{rec['name']}  {', '.join(rec['types'])}", _line("iri", rec["iri"])]
    if rec["altNames"]:
        out.append(_line("also", "; ".join(rec["altNames"])))
    out += _fields(rec, ("countryCode", "within"))
    if rec.get("lat") is not None:
        out.append(_line("lat, long", f"{rec['lat']}, {rec['long']}"))
    seen = []
    for r in rec["roles"]:
        said = r["role"] + (f" of {r['of']}" if r.get("of") else "")
        if said not in seen:
            seen.append(said)
    if seen:
        out.append(_line("roles", "; ".join(seen)))
    out.append(f"events ({len(rec['events'])})")
    rows = [[e["id"], e.get("date") or "undated", e["type"], e["role"], e.get("where") or "", e["status"]]
            for e in rec["events"]]
    widths = [max((cell_len(r[i]) for r in rows), default=0) for i in range(6)]
    for r in rows:   # aligned, as a table: a year and a day line up; a CJK character is 2 columns wide
        out.append("  " + "  ".join(x + " " * (w - cell_len(x)) for x, w in zip(r, widths)).rstrip())
    return out


def _article(rec: dict, terminal: bool) -> list[str]:
    out = [f"{rec['article']}  {rec.get('headline') or ''}".rstrip(), _line("iri", rec["iri"])]
    out += _fields(rec, ("url", "publisher", "published"))
    out.append(f"mentions ({len(rec['mentions'])})")
    for m in rec["mentions"]:
        out.append(f"  {m['type']} -> {m.get('event') or 'no event'}")
        out += _mention_lines(m, terminal)
    return out
