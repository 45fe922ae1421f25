"""Result formats, defined once for every command that prints rows: table, csv, tsv, json."""
from __future__ import annotations

import csv
import io
import json

FORMATS = ("table", "csv", "tsv", "json")


def _cell(term) -> str:
    return "" if term is None else term.value


def _json_term(term) -> dict:
    from pyoxigraph import BlankNode, Literal, NamedNode
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
    return out


def render(variables: list[str], rows: list[list], fmt: str) -> str:
    """`rows` holds pyoxigraph terms (or None for unbound)."""
    if fmt == "json":
        return json.dumps({"head": {"vars": variables},
                           "results": {"bindings": [{v: _json_term(t) for v, t in zip(variables, r) if t is not None}
                                                    for r in rows]}}, indent=1, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(variables)
        w.writerows([[_cell(t) for t in r] for r in rows])
        return buf.getvalue()
    cells = [[_cell(t) for t in r] for r in rows]
    widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(variables)]

    def line(cs: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cs, widths)).rstrip()
    out = [line(variables), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def solutions(results) -> tuple[list[str], list[list]]:
    """Variables and rows of a pyoxigraph QuerySolutions."""
    variables = [v.value for v in results.variables]
    return variables, [[sol[v] for v in variables] for sol in results]
