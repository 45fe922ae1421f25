"""Result formats, defined once for every command that prints query results or writes RDF.

Rows (SELECT, ASK):
  table   for reading (kg/table.py): aligned columns fitted to the terminal, long cells cut with
          an ellipsis, a line a row (a line break or tab in a value shown as \n, \t), values as
          a person says them (ev:0123abcd, an article's file stem, "in person"); a stored query's
          `#+ columns:` only, unless --wide (every column, uncut); ASK prints true or false
  csv     SPARQL 1.1 Query Results CSV: plain values (a blank node as _:label), empty when unbound,
          lines ending in CRLF as the spec says
  tsv     SPARQL 1.1 Query Results TSV: `?var` headers, terms as in N-Triples (<iri>, "text"@en,
          "1"^^<http://www.w3.org/2001/XMLSchema#integer>, _:label), empty when unbound
  json    SPARQL 1.1 Query Results JSON
  xml     SPARQL Query Results XML
  ndjson  one JSON object a row, {"var": "value", ...}: plain values as in csv, null when unbound
ASK in csv and tsv (which the specs define for SELECT only) is one line, true or false, as Oxigraph
writes it; in json {"head": {}, "boolean": true}, in xml <boolean>, in ndjson {"boolean": true}.

Graphs (CONSTRUCT, DESCRIBE; and what `kg export` and `kg extract` write): turtle, ntriples,
nquads, trig, jsonld, rdfxml.
"""
from __future__ import annotations

import csv
import io
import json

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, serialize

from . import errors

ROW_FORMATS = ("table", "csv", "tsv", "json", "xml", "ndjson")
GRAPH_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
                 "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}      # name -> pyoxigraph RdfFormat
FORMATS = ROW_FORMATS + tuple(GRAPH_FORMATS)
GRAPH_DEFAULT = "turtle"     # what a graph result is printed in when --format is left at table
BY_EXTENSION = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld",
                ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml"}
MEDIA_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/sparql-results+json",
               "xml": "application/sparql-results+xml", "ndjson": "application/x-ndjson",
               "turtle": "text/turtle", "ntriples": "application/n-triples", "nquads": "application/n-quads",
               "trig": "application/trig", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _cell(term) -> str:
    """A term's plain value, as csv, table and ndjson show it (a blank node as _:label)."""
    if term is None:
        return ""
    return str(term) if isinstance(term, BlankNode) else term.value


def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
    return out


def _xml_term(term) -> str:
    from xml.sax.saxutils import escape, quoteattr   # here, not at the top: 35 ms of imports every kg query would pay
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = ""
    if isinstance(term, Literal):
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attrs = f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def render(variables: list[str], rows: list[list], fmt: str, columns: list[str] | None = None,
           wide: bool = False) -> str:
    """Rows of a SELECT in a row format; `rows` holds pyoxigraph terms (or None for unbound).
    A table (kg/table.py) shows `columns` fitted to the terminal unless `wide`; the other
    formats give every column, whatever those say."""
    if fmt == "json":
        return json.dumps({"head": {"vars": variables},
                           "results": {"bindings": [{v: _json_term(t) for v, t in zip(variables, r) if t is not None}
                                                    for r in rows]}}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "ndjson":
        return "".join(json.dumps({v: None if t is None else _cell(t) for v, t in zip(variables, r)},
                                  ensure_ascii=False) + "\n" for r in rows)
    if fmt == "xml":
        from xml.sax.saxutils import quoteattr
        out = ['<?xml version="1.0"?>', f'<sparql xmlns="{RESULTS_NS}">', " <head>"]
        out += [f"  <variable name={quoteattr(v)}/>" for v in variables]
        out += [" </head>", " <results>"]
        for r in rows:
            out.append("  <result>")
            out += [f"   <binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, r) if t is not None]
            out.append("  </result>")
        out += [" </results>", "</sparql>"]
        return "\n".join(out) + "\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in r) for r in rows]
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")   # the spec's line end, as Oxigraph writes it
        w.writerow(variables)
        for r in rows:
            cells = [_cell(t) for t in r]
            if cells == [""]:
                buf.write("\r\n")   # an empty line, as Oxigraph writes it (the csv module writes "")
            else:
                w.writerow(cells)
        return buf.getvalue()
    from .table import render_table
    return render_table(variables, rows, columns, wide)


def render_boolean(value: bool, fmt: str) -> str:
    """The answer of an ASK in a row format."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}, indent=1) + "\n"
    if fmt == "ndjson":
        return json.dumps({"boolean": value}) + "\n"
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}">\n <head/>\n'
                f" <boolean>{word}</boolean>\n</sparql>\n")
    return word + "\n"


def rdf_format(name: str):
    """The pyoxigraph RdfFormat of a graph format name; the usage error for any other name."""
    if name not in GRAPH_FORMATS:
        raise errors.unknown_format(name, GRAPH_FORMATS)
    return getattr(RdfFormat, GRAPH_FORMATS[name])


def render_graph(triples, fmt: str, where: str) -> bytes:
    """Triples in a graph format (the dataset formats get them in the default graph)."""
    from .vocab import PREFIXES
    rdf_fmt = rdf_format(fmt)
    triples = list(triples)
    if fmt == "rdfxml":
        _check_rdfxml(triples, where)
    prefixes = PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
    out = serialize(triples, None, rdf_fmt, prefixes=prefixes)
    return out if not out or out.endswith(b"\n") else out + b"\n"   # JSON-LD and RDF/XML end without one


def _check_rdfxml(triples, where: str) -> None:
    """RDF/XML writes a predicate as an XML element name: one whose IRI does not end in a name
    (http://example.org/1) cannot be written, and the writer would give broken XML."""
    import re
    name_end = re.compile(r"[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$")
    for t in triples:
        if not name_end.search(t.predicate.value):
            raise errors.not_rdfxml(where, t.predicate.value)


def form_of_result(result) -> str:
    """"ASK", "SELECT" or "CONSTRUCT" (a graph) for what a query gave: a bool, (variables, rows)
    or solutions with `.variables`, or triples."""
    if isinstance(result, bool):
        return "ASK"
    if isinstance(result, tuple) or getattr(result, "variables", None) is not None:
        return "SELECT"
    return "CONSTRUCT"


def format_for(fmt: str, form: str | None, where: str) -> str:
    """The format to print a `form` query's result in (SELECT, ASK, CONSTRUCT, DESCRIBE; None when
    not known yet): --format, or Turtle for a graph when it was left at table. A row format for a
    graph or a graph format for rows is a usage error naming both."""
    if fmt not in FORMATS:
        raise errors.unknown_format(fmt, FORMATS)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if graph and fmt == "table":
        return GRAPH_DEFAULT
    if graph and fmt in ROW_FORMATS:
        raise errors.format_for_rows(where, fmt, form, tuple(GRAPH_FORMATS))
    if form in ("SELECT", "ASK") and fmt in GRAPH_FORMATS:
        raise errors.format_for_graphs(where, fmt, form, ROW_FORMATS)
    return fmt


def format_of_file(fmt: str | None, output, default: str) -> str:
    """--format when given; else what the -o file's extension says ("all.rdf": rdfxml), and a
    usage error for an extension that says nothing known; else (stdout, or an -o that is a device
    such as /dev/stdout, or a folder, which writing then refuses) `default`."""
    if fmt:
        return fmt
    if output is None or (output.exists() and not output.is_file()):
        return default
    found = BY_EXTENSION.get(output.suffix.lower())
    if found is None:
        raise errors.unknown_extension(output, BY_EXTENSION)
    return found


def solutions(results) -> tuple[list[str], list[list]]:
    """Variables and rows of a pyoxigraph QuerySolutions (a solution iterates its values in the
    order of the variables, None where unbound: a third faster than looking each up by name)."""
    variables = [v.value for v in results.variables]
    return variables, [list(sol) for sol in results]
