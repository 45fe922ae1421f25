"""Every error a user can see, in one place.

Each message says what went wrong, where, and what to try next. The CLI catches `KgError`,
prints its one line and exits with its code; nothing else should reach the user as a traceback.
"""


class KgError(Exception):
    """An error with a one-line message for the user and an exit code."""
    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(KgError):
    """A file or argument the user gave cannot be used."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""
    exit_code = 4


class QueryError(KgError):
    """A stored or ad-hoc query is missing, malformed or badly parameterised."""


class NotFound(QueryError):
    """What a query or page asks for is not in the store, or not a stored query."""


class ValidationFailed(KgError):
    """Data does not conform to the shapes (exit 1, like pyshacl)."""
    exit_code = 1


def not_utf8(path, position: int) -> InputError:
    return InputError(f"{path}: not UTF-8 text (bad byte at offset {position}); "
                      "convert it with `iconv -f <encoding> -t utf-8` and try again")


def empty_file(path) -> InputError:
    return InputError(f"{path}: the file is empty; nothing to extract")


def binary_file(path) -> InputError:
    return InputError(f"{path}: looks like a binary file, not an article; give .txt files")


def bad_meta(path, why: str) -> InputError:
    return InputError(f"{path}: bad sidecar metadata ({why}); expected "
                      '{"url", "published": "YYYY-MM-DD", "title", "publisher"}')


def big_meta(path, size: int, limit: int) -> InputError:
    return bad_meta(path, f"{size:,} bytes, over the {limit:,} a sidecar may have")


def no_articles(path) -> InputError:
    return InputError(f"{path}: no .txt articles found; give a .txt file or a folder of them")


def unknown_shell(shell: str, known: list[str]) -> InputError:
    return InputError(f"no completion for the shell {shell!r}; give one of {', '.join(known)}")


def empty_path() -> InputError:
    return InputError("an empty path was given (an unset shell variable?); name the articles, or '.' for this folder")


def missing_path(path) -> InputError:
    return InputError(f"{path}: no such file or folder")


def store_locked(path, why: str) -> StoreError:
    return StoreError(f"{path}: cannot open the store ({why}); is another `kg` or `oxigraph "
                      "serve` using it? Stop it or pass --store elsewhere")


def store_in_use(path, command: str, pid: str) -> StoreError:
    if command == "serve":
        return StoreError(f"{path}: `kg serve` (pid {pid}) is serving this store, and would go on answering "
                          "from the old data; stop it, run this again, then start the server again")
    return StoreError(f"{path}: `kg {command}` (pid {pid}) is using this store; a store has one writer "
                      "at a time: wait for it to finish, then run this again")


def store_damaged(path, why: str) -> StoreError:
    return StoreError(f"{path}: the store is damaged ({why}); rebuild it: move the folder aside and run "
                      f"`kg ingest ARTICLES --store {path}`")


def store_unusable(path, why: str) -> StoreError:
    return StoreError(f"{path}: cannot use this store folder ({why}); check its permissions, or pass --store elsewhere")


def empty_store_option() -> InputError:
    return InputError("--store is empty; give the store folder, or leave --store out for $KG_STORE or ./kg-store")


def no_store(path) -> StoreError:
    return StoreError(f"{path}: no store here; run `kg ingest ARTICLES --store {path}` first")


def unknown_query(name: str, known: list[str]) -> NotFound:
    return NotFound(f"no stored query named {name!r}; known: {', '.join(known) or 'none'} "
                      "(see `kg query --list`)")


def bad_param(text: str) -> QueryError:
    return QueryError(f"bad parameter {text!r}: write it as NAME=VALUE, e.g. --param place=Lima")


def param_twice(name: str) -> QueryError:
    return QueryError(f"the parameter {name!r} is given more than once; give it once")


def unknown_param(query: str, name: str, known: list[str]) -> QueryError:
    return QueryError(f"query {query!r} takes no parameter {name!r}; it takes: "
                      f"{', '.join(known) or 'none'}")


def missing_param(query: str, name: str) -> QueryError:
    return QueryError(f"query {query!r} needs --param {name}=VALUE")


def sparql_syntax(where: str, why: str) -> QueryError:
    return QueryError(f"{where}: SPARQL syntax error: {why}")


def unreadable(path, why: str) -> InputError:
    return InputError(f"{path}: cannot be read ({why}); check that it exists and you may read it")


def not_txt(path) -> InputError:
    return InputError(f"{path}: not a .txt article; give .txt files (a NAME.meta.json sidecar is "
                      "read along with its NAME.txt)")


def bad_data_file(path, why: str) -> InputError:
    return InputError(f"{path}: bad data file ({why}); fix it or unset KG_DATA")


def bad_geonames_table(path, why: str) -> KgError:
    return KgError(f"{path}: bad GeoNames table ({why}); it ships with kg: reinstall kg, "
                   "or rebuild the table with `make places`")


def dropped_mention(path, start: int, end: int, sentence: str, rule: str, reasons: list[str]) -> str:
    """A warning, not an error: this mention is left out, the rest of its article is stored."""
    by = f" (rule {rule})" if rule else ""
    return f'dropped: {path}: sentence at {start}-{end} "{_snippet(sentence)}"{by}: {"; ".join(reasons)}'


def article_failed(path, stage: str, exc: BaseException) -> str:
    """A fault of ours on one article: named, so the others are stored and the bug can be reported."""
    why = " ".join(str(exc).split())[:160] or type(exc).__name__
    return (f"skipped: {path}: internal error while {stage} ({type(exc).__name__}: {why}); "
            "the other articles are stored; please report it with this file")


def worker_died(path) -> KgError:
    return KgError(f"a worker process died (killed, or out of memory?) while {path} or one near it was being "
                   "worked on; the batches stored before are whole; run again with --workers 1 to find the file "
                   "(and please report it)", 70)


def bad_workers(value) -> InputError:
    return InputError(f"workers={value!r}: give a whole number of processes, 1 or more (1: no pool)")


def same_stem(path, other) -> str:
    return (f"skipped: {path}: same name as {other}, ingested in this run; an article is stored under its "
            "file name, so rename one of them and ingest it again")


def too_long(path, chars: int, limit: int) -> InputError:
    return InputError(f"{path}: {chars:,} characters, over the {limit:,} an article may have; "
                      "split it into articles (one story per file) and ingest those")


def too_big(path, size: int, limit: int) -> InputError:
    return InputError(f"{path}: {size:,} bytes, over the {limit:,} an article file may have; "
                      "split it into articles (one story per file) and ingest those")


def name_not_utf8(path) -> InputError:
    shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return InputError(f"{shown}: the file name is not UTF-8, and an article is stored under its name; "
                      "rename the file (e.g. with `convmv`) and ingest it again")


def not_regular(path, kind: str, want: str = "articles as ordinary .txt files") -> InputError:
    return InputError(f"{path}: {kind}, not a regular file; give {want}")


def url_not_iri(path, url: str) -> str:
    return f"warning: {path}: url {url[:80]!r} is not an IRI; stored as text"


def refused_article(path, report: str) -> str:
    """The article is not stored at all; `report` lists its violations, one per line."""
    return f"refused: {path}: violates the shapes, not stored:\n{report}"


def _snippet(sentence: str, width: int = 60) -> str:
    """The sentence on one line, cut at a word before `width` characters."""
    flat = " ".join(sentence.split())
    if len(flat) <= width:
        return flat
    return flat[:width].rsplit(" ", 1)[0] + " ..."


def not_a_store(path, why: str) -> StoreError:
    return StoreError(f"{path}: not a kg store ({why}); "
                      "pass --store with a new folder or an existing store")


def store_write_failed(path, why: str) -> StoreError:
    return StoreError(f"{path}: writing failed, nothing of this batch was changed ({why}); "
                      "check free disk space and permissions, then run the command again")


def bad_iri_param(query: str, name: str, value: str, why: str) -> QueryError:
    return QueryError(f"query {query!r}: --param {name}={value} looks like an IRI but is not a valid "
                      f"one ({why}); quote a name instead, or fix the IRI")


def bad_query_file(path, why: str) -> QueryError:
    return QueryError(f"{path}: not a usable stored query ({why}); fix the file")


def unknown_rdf_type(path) -> InputError:
    return InputError(f"{path}: unknown RDF file type {path.suffix or '(none)'!r}; give .ttl, .trig, .nt, .nq, .jsonld or .rdf files")


def bad_rdf(where: str, fmt_name: str, why: str) -> InputError:
    return InputError(f"{where}: not valid {fmt_name} ({why}); fix the file or check that its extension "
                      "matches its format")


def cannot_write(path, why: str) -> InputError:
    return InputError(f"{path}: cannot write the output ({why}); check that the place exists, has room, "
                      "and that you may write there")


def unknown_format(name: str, known) -> InputError:
    return InputError(f"unknown format {name!r}; use one of: {', '.join(known)}")


def not_stored(stems) -> InputError:
    return InputError(f"not in the store: {', '.join(stems)} (see `kg stats`; give file stems, "
                      "e.g. 003_e3129cf3e94ab3f2)")


def graph_query(where: str) -> QueryError:
    """The Python API's sparql() and query() give rows; `kg sparql` prints graphs too."""
    return QueryError(f"{where}: CONSTRUCT/DESCRIBE give RDF, not rows; ask a SELECT for rows, or print the graph "
                      "with `kg sparql` (-f turtle, jsonld, ...)")


def format_for_rows(where: str, fmt: str, form: str, known) -> InputError:
    return InputError(f"{where}: --format {fmt} is a row format (SELECT, ASK), but this {form} query gives a "
                      f"graph; use one of: {', '.join(known)}")


def format_for_graphs(where: str, fmt: str, form: str, known) -> InputError:
    gives = "true or false" if form == "ASK" else "rows"
    return InputError(f"{where}: --format {fmt} is a graph format (CONSTRUCT, DESCRIBE), but this {form} query "
                      f"gives {gives}; use one of: {', '.join(known)}")


def unknown_picture_param(name: str, known) -> QueryError:
    return QueryError(f"the timeline takes no parameter {name!r}; it takes: {', '.join(known)}")


def bad_picture_date(key: str, value: str) -> QueryError:
    return QueryError(f"{key}={value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")


def unknown_picture_format(path) -> InputError:
    return InputError(f"{path}: a picture is written as .svg or .png; end the file name in one of them")


def unknown_extension(path, known) -> InputError:
    said = f"no RDF format has the extension {path.suffix!r}" if path.suffix else "no extension to tell the format by"
    return InputError(f"{path}: {said}; give --format, or end the file name in one of {' '.join(known)}")


def not_rdfxml(where: str, predicate: str) -> QueryError:
    return QueryError(f"{where}: RDF/XML cannot write the predicate <{predicate}> (its IRI does not end in an "
                      "XML name); choose another --format, e.g. turtle")


def sparql_update(where: str) -> QueryError:
    return QueryError(f"{where}: a SPARQL update, and queries here only read; change data with "
                      "`kg ingest` and `kg remove`, which keep the event layer and the shapes right")


def query_too_deep(where: str, limit: int) -> QueryError:
    return QueryError(f"{where}: nested more than {limit} levels deep ({{ ( or [), refused before parsing; "
                      "flatten the query")


def query_too_long(where: str, limit: int) -> QueryError:
    return QueryError(f"{where}: more than {limit} operators and group keywords (UNION, FILTER, ||, + ...), "
                      "refused before parsing; split the query")


def service_refused(where: str) -> QueryError:
    return QueryError(f"{where}: SERVICE and LOAD (which fetch from other servers) are off; "
                      "pass --allow-service to let queries fetch from other servers")


def no_query_text(what: str) -> InputError:
    return InputError(f"{what}: no SPARQL text; give a query or a .rq file holding one")


def query_failed(where: str, why: str) -> QueryError:
    return QueryError(f"{where}: the query failed while running ({why})")


class RemoteError(KgError):
    """A remote SPARQL endpoint cannot be reached or refused a request (nothing local changed)."""
    exit_code = 3


def redact(url) -> str:
    """`url` as a message may show it: the password of a user:password@ in it as ***.

    For raw user input; cautious, so text that only looks like a password is hidden too."""
    text = str(url)
    head, sep, rest = text.partition("://")
    if not sep:
        head, rest = "", text
    end = min([i for i in (rest.find("?"), rest.find("#")) if i >= 0] or [len(rest)])
    at = rest.rfind("@", 0, end)
    user, colon, _ = rest[:max(at, 0)].partition(":")
    if at < 0 or not colon:
        return text
    return f"{head}{sep}{user}:***@{rest[at + 1:]}"


def interrupted() -> str:
    return "kg: interrupted; nothing half-written was kept"


def internal(e: Exception) -> str:
    """The line the CLI prints for a fault of ours (exit 70): `internal_error`'s, as a command's."""
    return f"kg: {internal_error(e)}"


def stale_layer(path) -> str:
    """A warning: the query still runs, on what the store holds."""
    return (f"warning: {path}: the event layer was derived by another version of kg, so a query may "
            "miss what it looks up (each source's report, for visits, meetings and agreements; names, for "
            "who-visited and timeline); run `kg rebuild` once")


def no_union_remote() -> str:
    """A warning: the query still runs."""
    return ("warning: --no-union has no effect with --endpoint: the server decides what its default graph is "
            "(Oxigraph: its own, unless started with --union-default-graph)")


def not_endpoint_url(url) -> InputError:
    return InputError(f"{redact(url)}: not an http(s) URL of a SPARQL endpoint; e.g. http://127.0.0.1:7878")


def endpoint_unreachable(url: str, why: str) -> RemoteError:
    return RemoteError(f"{redact(url)}: cannot reach the endpoint ({why}); is the server running, and is the "
                       "URL right? (e.g. http://127.0.0.1:7878 for `oxigraph serve`)")


def endpoint_timeout(url: str, seconds: float) -> RemoteError:
    return RemoteError(f"{redact(url)}: no answer within {seconds:g} s (the whole request, "
                       "body included); try again, or raise --timeout")


def endpoint_refused(url: str, status: int, body: str) -> RemoteError:
    hint = {401: "set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or add the host to ~/.netrc",
            403: "the account may not write here; check the server's permissions",
            404: "check the URL: give --graph-store / --update where the server needs its own URLs",
            405: "this URL does not take that request; give --graph-store / --update URLs"}.get(
                status, "see the server's log")
    first = " ".join(body.split())[:160]
    return RemoteError(f"{redact(url)}: the server answered HTTP {status}{': ' + first if first else ''}; {hint}")


def endpoint_bad_answer(url: str, content_type: str, expected: str = "SPARQL JSON results") -> RemoteError:
    return RemoteError(f"{redact(url)}: expected {expected} but got "
                       f"{content_type or 'no content type'}; is this the query URL of a SPARQL endpoint?")


def endpoint_not_http(url: str, why: str) -> RemoteError:
    return RemoteError(f"{redact(url)}: the answer broke off or is not HTTP ({' '.join(why.split())[:160]}); "
                       "is this the URL of a SPARQL endpoint?")


def endpoint_not_sparql(url: str, content_type: str) -> RemoteError:
    return RemoteError(f"{redact(url)}: answered with a web page ({content_type}), not as a Graph Store; "
                       "give --graph-store (or the right --endpoint) URL of the "
                       "SPARQL server")


def push_mismatch(url: str, sent: int, found: int) -> RemoteError:
    return RemoteError(f"{redact(url)}: sent {sent} triples but the server holds {found} in the pushed graphs; "
                       "push again, and see the server's log if it stays so")


def usage(message: str, command: str, given: str | None = None) -> str:
    """A usage mistake as one line: click's message, the value given, where to read more."""
    value = f" (given: {redact(given)})" if given is not None else ""
    return f"{' '.join(message.split()).rstrip('.')}{value}; see `{command} --help`"


def server_read_only() -> QueryError:
    return QueryError("this server is read-only: change data with `kg ingest` and `kg remove` (stop the "
                      "server first), or start it with `kg serve --writable`")


def server_failed(store, why: str) -> StoreError:
    return StoreError(f"{store}: the oxigraph server would not start on this store ({why}); if the store is "
                      f"damaged, rebuild it: move the folder aside and run `kg ingest ARTICLES --store {store}`")


def cannot_listen(bind: str, port: int, why: str) -> KgError:
    return KgError(f"cannot listen on {bind}:{port} ({why}); pick another --port, or stop what uses it")


def no_oxigraph_binary() -> KgError:
    return KgError("`oxigraph` (the server) is not installed; run `pip install oxigraph` in this environment")


def no_pandas() -> KgError:
    return KgError("pandas is not installed; install kg with its pandas extra (`pip install 'kg[pandas]'`) "
                   "or use the rows as they are (a list of dicts)")


def internal_error(exc: BaseException) -> KgError:
    """A fault of ours met by the Python API: the line the CLI prints for it, as an error (exit 70)."""
    why = " ".join(str(exc).split())[:200]
    return KgError(f"internal error: {type(exc).__name__}: {why} (please report it)", 70)


def not_a_name(value, want: str = "article files or folders as str or pathlib.Path") -> InputError:
    return InputError(f"{value!r}: not a name or a list of names; give {want}")


def not_with(option: str) -> str:
    """Said of the option given second of two that exclude each other (--quiet, --verbose)."""
    return f"cannot be used with {option}: give one of the two"


# -- Not errors: what a long job says while it runs (kg/progress.py decides when)

def progress_line(command: str, done: int, total: int, unit: str, rate: float, left: float | None) -> str:
    """A job's progress as a plain line, for a log: `ingest: 40/89 articles, 4.1/s, about 12 s left`."""
    speed = f"{rate:.1f}/s" if rate >= 1 else f"{rate * 60:.1f}/min"
    return f"{command}: {done}/{total} {unit}, {speed}" + (f", about {_duration(left)} left" if left is not None else "")


def _duration(seconds: float) -> str:
    if seconds < 100:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 100 else f"{minutes // 60} h {minutes % 60} min"


def article_done(stem: str, events: int, triples: int, seconds: float) -> str:
    """--verbose: one line per article kept."""
    return f"{stem}: {events} event mention(s), {triples} triples, {seconds:.1f} s"


def graph_pushed(graph: str, done: int, total: int, seconds: float) -> str:
    """--verbose: one line per graph pushed."""
    return f"pushed {graph} ({done}/{total}), {seconds:.1f} s"


# -- Looking things up by what a person types (kg/store/ids.py, `kg show`)

def no_page(path: str) -> NotFound:
    return NotFound(f"no page at {path}; start from /")


def no_such_event(text: str) -> NotFound:
    return NotFound(f"no event {text!r} in the store; give an id as the listings print it "
                      "(ev:0123abcd, from `kg query visits` or `kg query timeline`) or a full event IRI")


def bad_event_id(text: str) -> QueryError:
    return QueryError(f"{text!r} is no event id: an id is ev: and 1 to 16 hex digits (0-9, a-f), as the "
                      "listings print it (ev:0123abcd, from `kg query visits` or `kg query timeline`)")


def _first_five(candidates: list[str], sep: str) -> str:
    """Up to five candidates of an ambiguous name, and "..." when there are more."""
    return sep.join(candidates[:5] + (["..."] if len(candidates) > 5 else []))


def ambiguous_event(text: str, candidates: list[str]) -> QueryError:
    return QueryError(f"{text!r} names more than one event: {_first_five(candidates, ', ')}; "
                      "give more of the id")


def nothing_to_show(text: str) -> NotFound:
    return NotFound(f"nothing in the store is called {text!r}; give an event id (ev:0123abcd), an "
                      "article file stem (003_e3129cf3e94ab3f2), or an actor's name or IRI (see `kg query actors`)")


def nothing_named() -> QueryError:
    return QueryError("`kg show` was given an empty name (an unset shell variable?); give an event id "
                      "(ev:0123abcd), an article file stem or an actor's name or IRI")


def ambiguous_thing(text: str, candidates: list[str]) -> QueryError:
    return QueryError(f"{text!r} could mean: {_first_five(candidates, '; ')}; give the IRI or the file stem")


# -- Part files: one article's graph as N-Quads (`kg extract --out`, `kg load`)

def no_parts(path) -> InputError:
    return InputError(f"{path}: no part files (.nq) there; make them with: kg extract ARTICLES --out {path}")


def not_a_part(path) -> InputError:
    return InputError(f"{path}: not a part file (.nq) or a folder of them; make them with: kg extract ARTICLES --out DIR")


def bad_part(path, why: str) -> str:
    """A part file `kg load` leaves out (the others are loaded; exit 1)."""
    return f"skipped: {path}: not a kg part file ({why}); make it again with kg extract --out"


def parts_need_folder(path) -> InputError:
    return InputError(f"{path}: --out needs a folder (one part file per article is written in it); "
                      "use -o for one file")


def same_part(path, other) -> str:
    return (f"skipped: {path}: the same article as {other}, loaded in this run; give one part file per "
            "article stem")
