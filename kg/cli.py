"""The `kg` command line. Every KgError becomes one line on stderr and its exit code."""

import sys
import time
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import errors, progress
from .batch import BATCH
from .printing import DEFAULT_FORMAT, STDOUT, Sink, print_answer, print_stored, say

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Diplomatic events (visits, meetings, agreements) from English news, as RDF in an "
                       "embedded SPARQL store.\n\nExample: kg ingest seeds/ && kg query who-visited -p place=Lima"
                       "\n\nExit codes: 0 done; 1 some article skipped or refused, or violations found; 2 usage "
                       "or bad input; 3 remote endpoint failed; 4 store unusable, in use or not written; "
                       "70 a bug of ours; 130 interrupted.")

def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version
        typer.echo(f"kg {version('kg')}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                       help="Print kg's version and exit.")) -> None:
    """The options before the command."""


STORE = typer.Option(None, "--store", help="Store folder (default: $KG_STORE or ./kg-store).")
FORMAT = typer.Option(DEFAULT_FORMAT, "--format", "-f", help="Rows (SELECT, ASK): table, csv, tsv, json, xml (the SPARQL "
                      "1.1 results formats) or ndjson (a JSON object a row). Graphs (CONSTRUCT, DESCRIBE): turtle "
                      "(also when left at table), ntriples, nquads, trig, jsonld or rdfxml.")
NO_UNION = typer.Option(False, "--no-union", help="Query the store's own default graph (empty: kg keeps every triple "
                        "in a named graph) instead of the union of all named graphs. With --endpoint the server "
                        "decides what its default graph is, whatever this says.")
ENDPOINT = typer.Option(None, "--endpoint", help="A remote SPARQL endpoint instead of the local store "
                        "(http://host:7878 for Oxigraph, .../ds/sparql for Fuseki, .../repositories/NAME for GraphDB).")
GRAPH_STORE = typer.Option(None, "--graph-store", help="The endpoint's Graph Store Protocol URL, when not the usual one.")
UPDATE_URL = typer.Option(None, "--update", help="The endpoint's SPARQL Update URL, when not the usual one.")
ALLOW_SERVICE = typer.Option(False, "--allow-service", help="Let queries use SERVICE to fetch from other "
                             "SPARQL endpoints (off: a query names any URL it likes).")
TIMEOUT = typer.Option(120.0, "--timeout", min=0.001, help="Seconds each request to the endpoint may take, "
                       "from connecting to the last byte of the answer.")
WIDE = typer.Option(False, "--wide", "-w", help="A table with every column, each cell whole (default: the "
                    "columns a person needs, fitted to the terminal's width, long cells cut with …).")


def _level_callback(name: str, other: str):
    """Sets how much kg says (kg/progress.py) from --quiet and --verbose, both of them read from
    this run's own parameters (so an earlier run in the same process leaves nothing behind)."""
    def callback(ctx: typer.Context, value: bool) -> bool:
        both = {name: value, other: bool(ctx.params.get(other))}
        if both["quiet"] and both["verbose"]:
            raise typer.BadParameter(errors.not_with(f"--{other}"))
        progress.set_level(both["quiet"], both["verbose"])
        return value
    return callback


QUIET = typer.Option(False, "--quiet", "-q", callback=_level_callback("quiet", "verbose"),   # on every command
                     help="Print only errors and the lines that explain a failure (skipped:, refused:): no "
                          "progress, warnings or summary.")
VERBOSE = typer.Option(False, "--verbose", "-v", callback=_level_callback("verbose", "quiet"),
                       help="Also print a line for each article (or graph) done.")


def _rdf_format(fmt: Optional[str], output: Optional[Path], default: str):
    """The RdfFormat to write: --format, else the -o file's extension ("003.ttl": Turtle; one
    that names no format is refused), else (stdout) `default`."""
    from .output import format_of_file, rdf_format
    return rdf_format(format_of_file(fmt, output, default))


def _open(store: Optional[str], writer: Optional[str] = None):
    """The store, read-only, or for writing by the command `writer` (which then holds its lock)."""
    from .store.store import KgStore, store_path
    return KgStore(store_path(store), read_only=writer is None, command=writer or "")


def _endpoint(url: str, graph_store: Optional[str] = None, update: Optional[str] = None, timeout: float = 120.0):
    from .store.remote import Endpoint
    return Endpoint.at(url, graph_store=graph_store, update=update, timeout=timeout)


def _reporting(command: str):
    """An ingest report that says each problem on stderr as it happens (even with --quiet: it
    explains the exit 1), each warning unless --quiet, a line per article with --verbose, and
    counts the articles done on a progress bar (kg/progress.py), with those lines above it."""
    from .batch import IngestReport
    return IngestReport(echo=progress.message, warn=progress.info, detail=progress.detail,
                        progress=progress.Progress(command, "articles"))


STRICT = typer.Option(False, "--strict", help="Refuse a whole article when any part of it breaks a shape "
                      "(default: drop the mentions that break one, with a warning, and keep the rest).")


def _article_paths(typed: List[str]) -> List[Path]:
    """The paths as typed: an empty argument ('' from an unset shell variable) is refused, where
    Path('') would quietly read the current folder."""
    if any(not p for p in typed):
        raise errors.empty_path()
    return [Path(p) for p in typed]


ARTICLES = typer.Argument(..., help="Article .txt files or folders of them.")
WORKERS = typer.Option(None, "--workers", "-j", min=1, show_default="the number of cores",
                       help="Processes that read, parse and validate articles at once (1: no pool, all in "
                            "this process); the output is the same for any number.")


def _workers(n: Optional[int]) -> int:
    from .pool import cores
    return cores() if n is None else n


@app.command(epilog="Example: kg ingest seeds/ --store kg-store")
def ingest(paths: List[str] = ARTICLES,
           store: Optional[str] = STORE,
           batch: int = typer.Option(BATCH, min=1, help="Articles written per transaction."),
           endpoint: Optional[str] = ENDPOINT, graph_store: Optional[str] = GRAPH_STORE,
           update: Optional[str] = UPDATE_URL, timeout: float = TIMEOUT, strict: bool = STRICT,
           workers: Optional[int] = WORKERS, quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Extract events from articles, validate them against the shapes, and store them.

    Each article goes into its own named graph; re-ingesting an article replaces it. A mention
    that breaks a shape is dropped with a one-line warning and the rest of its article is stored;
    an article that breaks them itself (or at all, with --strict) is refused, with the reason.
    Exit 0 when every article was stored (dropped mentions included), 1 when a file was skipped
    or an article refused. With --endpoint the graphs go straight to a SPARQL server
    (e.g. http://127.0.0.1:7878) instead of the store."""
    from .batch import ingest as run
    articles = _article_paths(paths)
    if endpoint:
        from .store.push import write_articles
        remote = _endpoint(endpoint, graph_store, update, timeout)
        db = _RemoteTarget(remote, write_articles)
    else:
        db = _open(store, writer="ingest")
    report = _reporting("ingest")
    with report.progress:
        run(db, articles, report, strict, batch, _workers(workers))
    progress.info(report.summary())
    raise typer.Exit(0 if report.ok else 1)


class _RemoteTarget:
    """What `ingest` writes to when it writes to an endpoint."""

    def __init__(self, endpoint, write):
        self.endpoint, self._write, self.path = endpoint, write, endpoint.store_url

    def write_articles(self, graphs) -> None:
        self._write(self.endpoint, graphs)

    def triple_count(self) -> int:
        return self.endpoint.triple_count()


@app.command(epilog="\b\nExamples:\n"
             "  kg push --endpoint http://127.0.0.1:7878\n"
             "  kg push --endpoint http://host:8890/sparql --graph-store http://host:8890/sparql-graph-crud "
             "--per-graph --chunk 10000   # Virtuoso")
def push(endpoint: str = typer.Option(..., "--endpoint", help="The server: http://host:7878 (Oxigraph), "
                                      ".../ds/sparql (Fuseki), .../repositories/NAME (GraphDB)."),
         graph_store: Optional[str] = GRAPH_STORE, update: Optional[str] = UPDATE_URL,
         store: Optional[str] = STORE, timeout: float = TIMEOUT,
         chunk: Optional[int] = typer.Option(None, min=1, help="Triples per request (default 100000 in bulk, "
                                             "100000 with --per-graph); large graphs go in several."),
         per_graph: bool = typer.Option(False, "--per-graph", help="PUT each graph by itself instead of "
                                        "N-Quads in bulk: for servers whose Graph Store takes no dataset "
                                        "POST (Virtuoso); slower."),
         keep_remote: bool = typer.Option(False, "--keep-remote", help="Delete nothing on the server, not even "
                                          "kg graphs the store no longer has."),
         quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Make the server's kg graphs (articles, events, ontology) those of the store.

    The graphs go as N-Quads in large requests (POST to the Graph Store's dataset URL), each
    chunk's graphs first dropped by a SPARQL update, so pushing twice changes nothing; with
    --per-graph each graph is PUT by itself instead. The triples are counted back on the server;
    then the kg graphs the store does not have (articles removed here) are deleted there, unless
    --keep-remote. Graphs not under https://w3id.org/kgnews/graph/ are never touched.
    Credentials: user:password@ in the URL, $KG_ENDPOINT_USER and $KG_ENDPOINT_PASSWORD, or ~/.netrc."""
    from .store.push import graph_names, push_store
    db = _open(store)
    remote = _endpoint(endpoint, graph_store, update, timeout)
    began = time.monotonic()

    def pushed_one(done: int, total: int, graph: str) -> None:
        nonlocal began
        bar.advance()
        progress.detail(errors.graph_pushed(graph, done, total, time.monotonic() - began))
        began = time.monotonic()

    with progress.Progress("push", "graphs") as bar:
        bar.start(len(graph_names(db.store)))
        pushed = push_store(db.store, remote, chunk, pushed_one, keep_remote, per_graph)
    gone = "deleted nothing on the server (--keep-remote)" if keep_remote else \
        f"deleted {pushed.deleted} kg graph(s) the store does not have"
    progress.info(f"pushed {pushed.graphs} graph(s), {pushed.triples} triples to {remote.store_url}; {gone}")


@app.command(epilog="\b\nExamples:\n"
             "  kg serve --store kg-store                # then open http://127.0.0.1:7878/\n"
             "  curl 'http://127.0.0.1:7878/api/who-visited.csv?place=Lima'")
def serve(store: Optional[str] = STORE,
          port: int = typer.Option(7878, min=1, max=65535, help="Port to listen on."),
          bind: str = typer.Option("127.0.0.1", help="Address to listen on (only this machine by default)."),
          writable: bool = typer.Option(False, help="Accept SPARQL updates and Graph Store writes."),
          query_timeout: int = typer.Option(60, "--query-timeout", min=1, help="Seconds a query may run."),
          allow_service: bool = ALLOW_SERVICE,
          no_union: bool = typer.Option(False, "--no-union", help="Queries see the store's own default graph "
                                        "(empty) instead of the union of all named graphs."),
          quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Serve the store: pages to read it, its stored queries as data, and a SPARQL 1.1 endpoint.

    Open http://HOST:PORT/ in a browser: counts, the stored queries as forms, a page per event
    (its sources, the trigger marked in each sentence), per actor and place (timeline, whom it
    met, where it went, who came), a timeline, search; each page's data at the same URL ending in
    .json. /api/NAME?param=... gives a stored query's answer as CSV, TSV, JSON or XML
    (/api/visits.csv, or by Accept). SPARQL at /sparql or /query, updates
    (with --writable) at /update, graphs at /store (the `oxigraph` server); a query's default
    graph is the union of all named graphs, as in `kg sparql` (--no-union: the store's own
    default graph, which is empty). Each request is checked before the
    engine sees it: a query nested over 200 levels deep, a SERVICE clause (unless
    --allow-service) or a write to a read-only server is refused with its reason. While it runs,
    `kg ingest` and `kg remove` refuse this store (the server would answer from old data).
    Stop it with Ctrl-C."""
    import shutil

    from .store import lock
    from .store.server import Settings
    from .store.server import serve as run
    from .store.store import KgStore, check_folder, store_path
    path = store_path(store)
    check_folder(path, read_only=True)
    with KgStore(path, read_only=True) as db:   # the pages and /api read the layer as `kg query` does
        if not db.layer_is_current():
            progress.info(errors.stale_layer(path))
    here = Path(sys.executable).parent / "oxigraph"
    binary = str(here) if here.exists() else shutil.which("oxigraph")
    if binary is None:
        raise errors.no_oxigraph_binary()
    held = lock.hold(path, "serve")
    run(Settings(binary, path, writable, query_timeout, allow_service, held, union=not no_union), bind, port,
        f"serving {path} at http://{bind}:{port}/ ({'read-write' if writable else 'read-only'}, "
        f"queries stop after {query_timeout} s)")


@app.command(epilog="\b\nExamples:\n"
             "  kg extract seeds/003_e3129cf3e94ab3f2.txt -o 003.ttl\n"
             "  kg extract seeds/ --out parts/ && kg load parts/ --store kg-store")
def extract(paths: List[str] = ARTICLES,
            output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
            out: Optional[Path] = typer.Option(None, "--out", help="A folder: one N-Quads part file per article "
                                               "(its graph only, no event layer), for `kg load` or another "
                                               "store's bulk loader."),
            fmt: Optional[str] = typer.Option(None, "--format", "-f", help="trig, nquads, turtle, ntriples, "
                                              "jsonld or rdfxml (default: from the -o extension, .trig .nq .ttl "
                                              ".nt .jsonld .rdf; else trig)."),
            strict: bool = STRICT, workers: Optional[int] = WORKERS,
            quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Extract RDF from articles without touching any store: article graphs plus the event layer.

    What comes out is what `kg ingest` would store: mentions that break a shape are dropped with
    a warning, an article that breaks them itself (or at all, with --strict) is left out and
    named (exit 1). Turtle, N-Triples and RDF/XML hold no graph names: they get all triples in one
    graph. An -o file whose extension names no format is refused unless --format is given.
    With --out DIR each article's graph goes to DIR/STEM.nq instead (STEM percent-encoded as in
    its IRI), with no event layer: each article on its own, so the work can be split across
    processes or machines; `kg load DIR` then builds the store and its event layer."""
    from pyoxigraph import Store, serialize

    from .batch import checked
    from .graph.merge import event_layer
    if out is not None:
        if output is not None or fmt is not None:
            raise typer.BadParameter(errors.not_with("-o/--format" if output is None else "-o"),
                                     param_hint="'--out'")
        if out.exists() and not out.is_dir():
            raise errors.parts_need_folder(out)
        from .parts import extract_parts
        report = _reporting("extract")
        with report.progress:
            extract_parts(_article_paths(paths), out, report, strict, _workers(workers))
        progress.info(f"wrote {len(report.stored)} part file(s) with {report.events} event mention(s) to {out}; "
                      f"{len(report.dropped)} mention(s) dropped; {len(report.refused)} refused; "
                      f"{len(report.skipped)} skipped")
        raise typer.Exit(0 if report.ok else 1)
    rdf_fmt = _rdf_format(fmt, output, "trig")
    mem = Store()
    report = _reporting("extract")
    with report.progress:
        for _, _, quads in checked(_article_paths(paths), report, strict, _workers(workers)):
            mem.extend(quads)
    mem.extend(event_layer([(mem, set())]))
    from .vocab import PREFIXES
    data = list(mem) if rdf_fmt.supports_datasets else [q.triple for q in mem]
    out_data = serialize(data, None, rdf_fmt, prefixes=PREFIXES if rdf_fmt.name in ("Turtle", "TriG", "RDF/XML") else None)
    if output:
        with _output_file(output) as f:
            f.write(out_data)
    else:
        STDOUT.write(out_data)
    raise typer.Exit(0 if report.ok else 1)


@app.command(epilog="Example: kg extract seeds/ --out parts/ && kg load parts/ --store kg-store")
def load(paths: List[str] = typer.Argument(..., help="Part files (.nq, from kg extract --out) or folders of them."),
         store: Optional[str] = STORE,
         quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Bulk-load part files into the store and build the event layer once.

    Each part holds one article's graph, as `kg extract --out` writes it; loading it replaces that
    article in the store, as `kg ingest` of the article would, and the store ends equal to one
    ingest of the same articles. Every part is read and checked before the store is touched: one
    that does not parse, or holds triples outside its own article's graph, is skipped with its
    reason (exit 1) and the others are loaded."""
    from .batch import IngestReport
    from .parts import load_parts, part_files
    files = part_files(_article_paths(paths))   # before the store is opened: a wrong path makes none
    report = IngestReport(echo=progress.message, warn=progress.info, progress=progress.Progress("load", "parts"))
    with _open(store, writer="load") as db, report.progress:
        load_parts(db, files, report)
    progress.info(f"loaded {len(report.stored)} article(s) into {report.store}; {len(report.skipped)} skipped; "
                  f"{report.triples} triples in the store")
    raise typer.Exit(0 if report.ok else 1)


def _query_names(incomplete: str) -> list[str]:
    """Shell completion of stored query names (`kg query vi<TAB>`)."""
    from .store.queries import query_files
    return sorted(n for n in query_files() if n.startswith(incomplete))


@app.command(epilog="\b\nExamples:\n"
             "  kg query who-visited --param place=Lima\n"
             "  kg query visits                          # a table for reading; --wide: every column\n"
             "  kg query sources -p event=ev:703a3037    # an event by the id the tables show\n"
             "  kg query visits --format csv > visits.csv\n"
             "  kg query meetings --format ndjson | jq -r .participant\n"
             "  kg query agreements --format xml --endpoint http://127.0.0.1:7878\n"
             "  kg query --list")
def query(name: Optional[str] = typer.Argument(None, help="Stored query name (see --list).",
                                               autocompletion=_query_names),
          param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE; repeatable, once per name."),
          fmt: str = FORMAT, store: Optional[str] = STORE,
          list_: bool = typer.Option(False, "--list", help="List the stored queries with their summaries."),
          endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, allow_service: bool = ALLOW_SERVICE,
          no_union: bool = NO_UNION, wide: bool = WIDE, quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Run a stored query from queries/ against the store, or against a remote endpoint.

    Rows print as a table for reading: the columns the query names for it, fitted to the
    terminal, an event as its short id ev:0123abcd (which -p event=... and `kg show` take back),
    an article by file stem; --wide shows every column, uncut. --format csv, tsv, json, xml (the
    SPARQL 1.1 results formats) or ndjson give every column and full IRIs. The stored queries name their graphs (GRAPH ...), so --no-union changes none of their
    answers; it is here for queries of your own in $KG_QUERIES (see `kg sparql --help`)."""
    from .store import queries
    if list_ or name is None:
        listed, broken = queries.readable()
        for e in broken:
            typer.echo(f"kg: error: {e}", err=True)
        for q in listed:
            params = " ".join(f"[-p {p.name}=...]" if not p.required else f"-p {p.name}=..." for p in q.params)
            say(f"{q.name:14} {q.summary}" + (f"\n{'':14} params: {params}" if params else "") + "\n")
        raise typer.Exit(2 if broken else 0)
    print_stored(name, param, store, fmt, endpoint, timeout, allow_service, union=not no_union, wide=wide)


plot_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(plot_app, name="plot", help="Draw the store's events as a picture (SVG or PNG).",
              epilog="\b\nExample:\n  kg plot timeline -p actor=Boric -o boric.svg")


@plot_app.command("timeline", epilog="\b\nExamples:\n"
                  "  kg plot timeline -o all.svg                       # every dated event\n"
                  "  kg plot timeline -p actor=Boric -p from=2024 -o boric.png\n"
                  "  kg plot timeline -p place=Lima -o lima.svg")
def plot_timeline(param: List[str] = typer.Option([], "--param", "-p", help="actor=NAME (a name or whole words of it, any case, "
                                                  "or an IRI), place=NAME (or an IRI), from=DATE, to=DATE "
                                                  "(YYYY, YYYY-MM or YYYY-MM-DD); repeatable, once per name."),
                  output: Path = typer.Option(..., "--output", "-o", help="The picture to write: NAME.svg or NAME.png."),
                  store: Optional[str] = STORE, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT,
                  quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Draw visits, meetings and agreements on a timeline, one lane each, as `kg serve` shows it.

    An event dated to a day is a dot; one dated only to a month or a year is a bar across it.
    Undated events are left out (the count drawn is printed). The picture is written whole or
    not at all."""
    from .files import whole_file
    from .store import queries
    from .store.show import Finder
    from .web.plot import FORMATS, draw
    from .web.timeline import points, title
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise errors.unknown_picture_format(output)
    finder = Finder(store, endpoint, timeout)
    params = queries.parse_params(param)
    found = points(params, finder)
    picture = draw(found, title(params, finder), fmt)
    with whole_file(output) as f:
        f.write(picture)
    progress.info(f"{len(found)} dated event{'s' if len(found) != 1 else ''} drawn to {output}")


@app.command(epilog="\b\nExamples:\n"
             "  kg show ev:703a3037                  # an event, as `kg query visits` lists it\n"
             "  kg show Lima                         # an actor or place, by any of its names or its IRI\n"
             "  kg show 003_e3129cf3e94ab3f2         # an article, by file stem\n"
             "  kg show ev:703a3037 --format json")
def show(what: str = typer.Argument(..., help="An event id (ev:0123abcd) or IRI, an article's file stem or IRI, "
                                    "or an actor's or place's name or IRI."),
         fmt: str = typer.Option("text", "--format", "-f", help="text (for reading) or json (the same record, "
                                 "as data)."),
         store: Optional[str] = STORE, endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT,
         quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Show one event, actor (or place) or article, with its sources.

    An event: its type, status, dates, mode, actors and places (country codes, coordinates and
    CAMEO/PLOVER codes when the data has them), then each source article (publisher, date, URL)
    and each evidence sentence, its trigger marked (bold on a terminal, else [[like this]]), with
    the rule that found it, the status it reported and its confidence when known. An actor: its
    names, kinds, roles and events (by id). An article: its metadata and each event mention in it.
    A name that fits several things is an error listing them."""
    import json

    from .show_text import on_terminal, render
    from .store.show import Finder
    from .store.show import show as find
    if fmt not in SHOW_FORMATS:
        raise errors.unknown_format(fmt, SHOW_FORMATS)
    record = find(what, Finder(store, endpoint, timeout))
    say(json.dumps(record, indent=1, ensure_ascii=False) + "\n" if fmt == "json" else render(record, on_terminal()))


SHOW_FORMATS = ("text", "json")


@app.command(epilog="\b\nExamples:\n"
             "  kg sparql 'SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p'   # all graphs\n"
             "  kg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --no-union       # 0: no default graph\n"
             "  kg sparql 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' -f tsv\n"
             "  kg sparql 'CONSTRUCT WHERE { ?s a <https://w3id.org/kgnews/ns#Visit> }' -f ntriples\n"
             "  kg sparql 'DESCRIBE ?v WHERE { ?v a <https://w3id.org/kgnews/ns#Visit> } LIMIT 1' -f jsonld\n"
             "  kg sparql my-query.rq --format ndjson\n"
             "  kg sparql 'ASK { ?s ?p ?o }' --endpoint http://127.0.0.1:7878")
def sparql(query_or_file: str = typer.Argument(..., help="SPARQL text, or a file holding it."),
           fmt: str = FORMAT, store: Optional[str] = STORE,
           endpoint: Optional[str] = ENDPOINT, timeout: float = TIMEOUT, allow_service: bool = ALLOW_SERVICE,
           no_union: bool = NO_UNION, wide: bool = WIDE, quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Run an ad-hoc SPARQL query, SELECT, ASK, CONSTRUCT or DESCRIBE (text or file), against the
    store or a remote endpoint.

    Rows (SELECT, ASK) print as a table fitted to the terminal (--wide: every cell whole), or in --format csv, tsv, json, xml (the SPARQL 1.1 results
    formats) or ndjson (a JSON object a row); graphs (CONSTRUCT, DESCRIBE) as Turtle, or in
    --format ntriples, nquads, trig, jsonld or rdfxml. A row format for a graph, or a graph format
    for rows, is refused.

    kg keeps every triple in a named graph (one per article, the events, the ontology), so on the
    store the default graph, what a pattern outside GRAPH matches, is the union of all named
    graphs; --no-union makes it the store's own default graph, which is empty. With --endpoint the
    server decides (Oxigraph: its own default graph, unless started with --union-default-graph;
    Fuseki: its unionDefaultGraph setting); a remote CONSTRUCT or DESCRIBE is asked for as
    N-Triples or Turtle.

    Queries only read: an update is refused (change data with `kg ingest` and `kg remove`), as is
    a query nested over 200 levels deep, or one with SERVICE unless --allow-service."""
    text, where = query_or_file, "query"
    if _names_a_file(query_or_file):
        p = Path(query_or_file)
        try:
            text, where = p.read_text(encoding="utf-8"), str(p)
        except (OSError, UnicodeDecodeError) as e:
            raise errors.unreadable(p, getattr(e, "strerror", None) or str(e)) from None
    if not text.strip():
        raise errors.no_query_text(where)
    print_answer(text, where, store, endpoint, timeout, fmt, allow_service, union=not no_union, wide=wide)


def _names_a_file(text: str) -> bool:
    """Whether the argument is the path of an existing file (a query text never is, however long)."""
    try:
        return len(text) < 4096 and "\n" not in text and Path(text).is_file()
    except (OSError, ValueError):   # "File name too long", a NUL byte: query text
        return False


class Engine(str, Enum):
    """kg validate --engine (kg/graph/validate.py ENGINES)."""
    shacl = "shacl"
    pyshacl = "pyshacl"


@app.command(epilog="\b\nExamples:\n  kg validate\n  kg validate broken.ttl\n  kg validate --engine pyshacl   # the reference engine")
def validate(files: List[Path] = typer.Argument(None, help="RDF files to check instead of the store."),
             engine: Engine = typer.Option(Engine.shacl, "--engine", help="SHACL engine: shacl (fast) or pyshacl "
                                           "(the reference: the same report, ~50x slower)."),
             store: Optional[str] = STORE,
             quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Check the stored graph (or RDF files) against the SHACL shapes and SPARQL quality checks.

    Exit 0 when it conforms, 1 with a report naming each violation."""
    from .graph.validate import validate_files, validate_store
    if files:
        report = validate_files(files, engine.value)
    else:
        from .store.store import storage_errors
        db = _open(store)
        with storage_errors(db.path):
            report = validate_store(db.store, engine.value)
    say(report.text + "\n")
    raise typer.Exit(0 if report.conforms else 1)


@app.command(epilog="\b\nExamples:\n"
             "  kg export -o all.nq                  # N-Quads, from the extension\n"
             "  kg export -o all.rdf                 # RDF/XML: all triples in one graph\n"
             "  kg export --format trig > all.trig")
def export(fmt: Optional[str] = typer.Option(None, "--format", "-f", help="nquads, trig, jsonld (graphs kept), "
                                             "turtle, ntriples, rdfxml (all triples in one graph); default: from "
                                             "the -o extension (.nq .trig .jsonld .ttl .nt .rdf/.owl/.xml), else "
                                             "nquads."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
           store: Optional[str] = STORE,
           quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Write the whole store out, for loading into any other triplestore.

    An -o file whose extension names no format is refused unless --format is given."""
    rdf_fmt = _rdf_format(fmt, output, "nquads")
    db = _open(store)
    if output:
        with _output_file(output) as f:
            db.export(rdf_fmt, f)
    else:
        db.export(rdf_fmt, STDOUT)


@contextmanager
def _output_file(path: Path):
    """A file to write `path` through: a regular file appears whole when the block ends, or not
    at all (a failed export never leaves half a file, nor spoils an older one of that name); a
    device or FIFO (/dev/stdout) is written as it is, never replaced."""
    if path.is_dir():
        raise errors.cannot_write(path, "a folder")
    if path.exists() and not path.is_file():
        try:
            with open(path, "wb") as f:
                yield Sink(path, f)
        except OSError as e:
            raise errors.cannot_write(path, e.strerror or str(e)) from None
        return
    from .files import whole_file
    with whole_file(path) as f:
        yield Sink(path, f)


@app.command(epilog="Example: kg remove 003_e3129cf3e94ab3f2")
def remove(stems: List[str] = typer.Argument(..., help="Article file stems to drop."), store: Optional[str] = STORE,
           quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Remove articles from the store; the event layer is rebuilt without them."""
    from .batch import remove as run
    from .store.store import store_path
    removed, left = run(store_path(store), stems)   # as the Python API does (kg/batch.py)
    progress.info(f"removed {removed} article(s); {left} triples left")


@app.command(epilog="Example: kg rebuild --store kg-store")
def rebuild(store: Optional[str] = STORE, quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Derive the event layer again from the stored articles, e.g. after an upgrade of kg.

    The articles' graphs are kept as they are; the events, actors and places derived from them
    are replaced in one transaction. Any ingest, load or remove does the same when the stored
    layer was derived by another version of kg; `kg query` warns until then."""
    from .batch import rebuild as run
    from .store.store import store_path
    left = run(store_path(store))   # as the Python API does (kg/batch.py)
    progress.info(f"event layer derived again; {left} triples in the store")


@app.command(epilog="Example: kg stats --store kg-store")
def stats(store: Optional[str] = STORE,
          quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Articles, events by type, and triples in the store."""
    for what, n in _open(store).stats().items():
        if n or what in ("articles", "triples"):   # an event type with none is left out
            say(f"{what}: {n}\n")


SHELLS = ["bash", "zsh", "fish", "powershell", "pwsh"]


@app.command(epilog="Example: kg completion bash >> ~/.bashrc")
def completion(shell: str = typer.Argument(..., help="bash, zsh, fish, powershell or pwsh."),
               quiet: bool = QUIET, verbose: bool = VERBOSE):
    """Print the shell completion script for commands, options and stored query names.

    Unlike --show-completion, which guesses the shell from the process that started kg, this
    works anywhere (a Dockerfile, a provisioning script); --install-completion writes it into
    the current shell's start-up file."""
    from typer.completion import completion_init, get_completion_script
    if shell not in SHELLS:
        raise errors.unknown_shell(shell, SHELLS)
    completion_init()
    say(get_completion_script(prog_name="kg", complete_var="_KG_COMPLETE", shell=shell) + "\n")


def _click_exceptions() -> tuple[tuple, tuple, tuple]:
    """Exit, ClickException and Abort from click and from what typer raises (0.29 bundles its own
    click), so a usage mistake is never taken for a bug."""
    import click
    bundled = getattr(getattr(typer, "_click", None), "exceptions", None)
    found = [(click.exceptions.Exit, typer.Exit), (click.ClickException, getattr(bundled, "ClickException", None)),
             (click.exceptions.Abort, typer.Abort)]
    return tuple(tuple(c for c in classes if c is not None) for classes in found)


def _usage_line(e) -> str:
    """click's message with the value that was given (click leaves it out) and the command's
    --help, as one line."""
    ctx, param = getattr(e, "ctx", None), getattr(e, "param", None)
    given = None
    if param is not None and getattr(param, "param_type_name", "") == "option" and not getattr(param, "is_flag", False):
        args = sys.argv[1:]
        for i, arg in enumerate(args):
            for opt in param.opts:
                if arg == opt and i + 1 < len(args):
                    given = args[i + 1]
                elif arg.startswith(opt + "="):
                    given = arg[len(opt) + 1:]
    command = ctx.command_path if ctx is not None else "kg"
    return errors.usage(e.format_message(), command, given)


def main() -> None:
    """The full command line (kg/launch.py answers the plain `kg query` without it)."""
    from .launch import finish
    finish(_run_app, _click_error)


def _run_app() -> int:
    code = app(standalone_mode=False, prog_name="kg")   # click returns the code of typer.Exit here
    if code == 130:   # typer >= 0.29 turns Ctrl-C into a silent Exit(130); no command of ours exits so
        raise KeyboardInterrupt
    return code if isinstance(code, int) else 0


def _click_error(e: Exception) -> Optional[int]:
    """The exit code of click's own exceptions, having said what they mean; None for any other."""
    exits, usage, aborts = _click_exceptions()
    if isinstance(e, exits):
        return e.exit_code
    if isinstance(e, usage):   # a usage mistake: click's message on one line, exit 2, not a crash
        progress.message(f"kg: error: {_usage_line(e)}")
        return e.exit_code
    if isinstance(e, aborts):   # click's word for Ctrl-C
        progress.message(errors.interrupted())
        return 130
    return None


if __name__ == "__main__":
    main()
