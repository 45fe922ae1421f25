"""`kg serve`: the `oxigraph` server on a private loopback port, behind a small front that
checks each request before Oxigraph parses it, and serves the pages of kg/web beside it.

Oxigraph gives the SPARQL protocol, content negotiation and a query timeout (its own query page
gives way to kg's pages: `/` is the home page, and `/sparql` or `/query` without a query a form);
the front adds what it lacks: queries too deeply nested for its parser (which would abort the
whole server), SERVICE clauses (the server would fetch any URL a stranger names) and writes to a
read-only server are refused with a one-line reason. If Oxigraph dies anyway, the front starts
it again, so one request never stops the service.
"""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .. import errors
from ..errors import KgError, QueryError
from ..output import MEDIA_TYPES
from ..progress import info
from ..web.site import Site, is_page, plain_reply
from . import safety

CLIENT_TIMEOUT = 30      # seconds a client may take to send its request
MAX_BODY = 10_000_000   # bytes a request may carry: queries, or graphs for a writable server
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "host", "proxy-connection", "upgrade", "te"}


@dataclass
class Settings:
    binary: str
    store: Path
    writable: bool
    query_timeout: int
    allow_service: bool
    lock_fd: int
    union: bool = True   # the default graph of a query is the union of the named graphs


class Upstream:
    """The oxigraph process on a free loopback port, kept running by one supervising thread that
    starts it, and starts it again whenever it dies. One long-lived thread, because Linux sends
    the PDEATHSIG when the *thread* that started a child ends: a child started from a request's
    thread would be stopped when that request was done."""

    def __init__(self, settings: Settings):
        self.settings, self.port, self.proc = settings, 0, None
        self._ready, self._stopping, self._failed = threading.Event(), False, None

    def start(self) -> None:
        """Start oxigraph under its supervisor; the KgError of a first start that fails."""
        threading.Thread(target=self._supervise, name="kg-oxigraph", daemon=True).start()
        self._ready.wait()
        if self._failed is not None:
            raise self._failed

    def address(self) -> tuple[str, int]:
        if not self._ready.wait(timeout=30):
            raise ConnectionError("oxigraph is starting again")
        return "127.0.0.1", self.port

    def _supervise(self) -> None:
        first = True
        while not self._stopping:
            try:
                self._start()
            except KgError as e:
                if first:
                    self._failed = e
                    self._ready.set()
                    return
                info(f"kg serve: {e}")
                time.sleep(1)
                continue
            first = False
            self._ready.set()
            code = self.proc.wait()
            self._ready.clear()
            if not self._stopping:
                info(f"kg serve: oxigraph stopped (exit {code}); starting it again")

    def _start(self) -> None:
        s = self.settings
        self.port = _free_port()
        command = [s.binary, "serve" if s.writable else "serve-read-only", "--location", str(s.store),
                   "--bind", f"127.0.0.1:{self.port}", "--timeout-s", str(s.query_timeout)]
        if s.union:   # every kg triple is in a named graph: without it, a query outside GRAPH finds nothing
            command.append("--union-default-graph")
        # the child keeps the store's lock too (pass_fds), and dies with us (PDEATHSIG); its
        # messages go to a file, not a pipe nobody reads, which would stall it once full
        log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                     pass_fds=(s.lock_fd,), preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log.seek(0)
                raise errors.server_failed(s.store, _reason(log.read().decode("utf-8", "replace"),
                                                            f"exit {self.proc.returncode}"))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise errors.server_failed(s.store, "it did not start listening within 30 s")

    def stop(self) -> None:
        self._stopping = True
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Front(BaseHTTPRequestHandler):
    """One request: a page of the site, or checked, then relayed to Oxigraph as it came, its
    answer relayed back."""
    settings: Settings
    upstream: Upstream
    site: Site
    timeout = CLIENT_TIMEOUT   # a client that sends its request slowly, or not at all, is let go

    def do_GET(self):
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_GET

    def _handle(self) -> None:
        length = (self.headers.get("Content-Length") or "0").strip()
        if self.headers.get("Transfer-Encoding") or not (length.isascii() and length.isdigit()):
            return self._refuse(411, "give the request body with a Content-Length")
        if int(length) > MAX_BODY:
            return self._refuse(413, f"the request body is over {MAX_BODY:,} bytes")
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            return self._refuse(400, f"the request body ended after {len(body):,} of {int(length):,} bytes")
        target = urllib.parse.urlsplit(self.path)
        if is_page(target.path):
            return self._page(target)
        if target.path.rstrip("/") in ("/sparql", "/query"):
            asked = urllib.parse.parse_qs(target.query)
            if self.command in ("GET", "HEAD") and not {"query", "update"} & set(asked):
                # a browser's visit: a form, not Oxigraph's service description (which names its private port)
                return self._send(self.site.sparql_form())
            if target.path.rstrip("/") == "/sparql":
                self._as_query(target, asked)
        refusal = self._refusal(body)
        if refusal:
            return self._refuse(*refusal)
        self._relay(body)

    def _as_query(self, target, asked: dict) -> None:
        """/sparql is the protocol's usual name for what Oxigraph calls /query; its ?format= (the
        form's choice, for a browser that cannot set Accept) becomes the Accept header."""
        self.path = "/query" + ("?" + target.query if target.query else "")
        media = MEDIA_TYPES.get(asked.get("format", [""])[0])
        if media:
            del self.headers["Accept"]
            self.headers["Accept"] = media

    def _page(self, target) -> None:
        """A page or /api answer of the site (kg/web/site.py); a page is only read."""
        if self.command not in ("GET", "HEAD"):
            return self._refuse(405, f"{target.path} is a page: GET it", {"Allow": "GET, HEAD"})
        try:
            reply = self.site.reply(target.path, target.query, self.headers.get("Accept", ""))
        except Exception as e:   # a bug must not show a traceback to a visitor, nor stop the server
            info(f"kg serve: {target.path}: {type(e).__name__}: {e}")
            return self._refuse(500, f"kg serve could not make this page ({type(e).__name__}); the server log says more")
        self._send(reply)

    def _send(self, reply) -> None:
        self.send_response(reply.status)
        for k, v in {"Content-Type": reply.media_type, "Content-Length": str(len(reply.body)), **reply.headers}.items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
        self.close_connection = True

    def _refusal(self, body: bytes) -> tuple[int, str] | None:
        """(status, why) for what must not reach Oxigraph (see the module's docstring), else None."""
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        query, update = _texts(self.command, self.path, self.headers.get("Content-Type", ""), body)
        writes = update is not None or path == "/update" or (
            self.command in ("PUT", "POST", "DELETE") and path == "/store")
        if writes and not self.settings.writable:
            return 403, str(errors.server_read_only())
        try:
            for text, is_update in ((query, False), (update, True)):
                if text is not None:
                    safety.check(text, "update" if is_update else "query", self.settings.allow_service, is_update)
        except QueryError as e:
            return 400, str(e)
        return None

    def _relay(self, body: bytes) -> None:
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        for attempt in (1, 2):   # a second go when oxigraph had died: it has been started again
            conn = None
            try:
                conn = http.client.HTTPConnection(*self.upstream.address(), timeout=self.settings.query_timeout + 30)
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                break
            except ConnectionError:
                if conn is not None:
                    conn.close()
                if attempt == 2:
                    return self._refuse(502, "the store's server is starting again; try again in a moment")
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                return self._refuse(504, f"no answer from the store's server ({e})")
        try:
            self.send_response(answer.status, answer.reason)
            for k, v in answer.getheaders():
                if k.lower() not in HOP_HEADERS:
                    self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            while self.command != "HEAD" and (chunk := answer.read1(65536)):
                self.wfile.write(chunk)
        except OSError:
            pass   # the client went away, or oxigraph did mid-answer: nothing more to say to anyone
        finally:
            conn.close()
        self.close_connection = True

    def _refuse(self, status: int, message: str, headers: dict | None = None) -> None:
        self._send(plain_reply(status, message, headers))

    def log_message(self, format, *args):   # noqa: A002 - the name http.server gives it
        """One line per request on stderr, as a server log, without the query text (a request
        too malformed to have a method or path is logged as such)."""
        path = urllib.parse.urlsplit(getattr(self, "path", "") or "").path
        info(f"{self.address_string()} {getattr(self, 'command', None) or '-'} {path or '-'} "
             f"{args[1] if len(args) > 1 else ''}")


class _Listener(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A connection that failed (the client went away, or stalled): one log line, no traceback."""
        info(f"{client_address[0]} connection dropped ({sys.exc_info()[0].__name__})")


def serve(settings: Settings, bind: str, port: int, banner: str) -> None:
    """Run until Ctrl-C or SIGTERM, saying `banner` once listening; Oxigraph stops with us."""
    import signal
    upstream = Upstream(settings)
    upstream.start()   # before we listen: the first request need not wait
    site = Site(lambda: "http://%s:%d/query" % upstream.address(), settings.query_timeout + 5, settings.store.name,
                settings.allow_service, settings.writable)
    handler = type("Handler", (Front,), {"settings": settings, "upstream": upstream, "site": site})
    server_class = type("Server", (_Listener,), {"address_family": socket.AF_INET6 if ":" in bind else socket.AF_INET})
    try:
        httpd = server_class((bind, port), handler)
    except OSError as e:
        upstream.stop()
        raise errors.cannot_listen(bind, port, e.strerror or str(e)) from None
    signal.signal(signal.SIGTERM, _interrupt)
    info(banner)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        upstream.stop()


def _interrupt(signum, frame):
    """SIGTERM ends the server as Ctrl-C does, so that Oxigraph is stopped too."""
    raise KeyboardInterrupt


def _texts(method: str, target: str, content_type: str, body: bytes) -> tuple[str | None, str | None]:
    """The query and update texts a SPARQL protocol request carries (None when absent)."""
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query)
    kind = content_type.split(";")[0].strip().lower()
    if method == "POST" and kind == "application/x-www-form-urlencoded":
        params.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
    query = params.get("query", [None])[0]
    update = params.get("update", [None])[0]
    if method == "POST" and kind == "application/sparql-query":
        query = body.decode("utf-8", "replace")
    if method == "POST" and kind == "application/sparql-update":
        update = body.decode("utf-8", "replace")
    return query, update


def _reason(log: str, default: str) -> str:
    """The line of oxigraph's output that says what went wrong (its first error line, not the
    backtrace that may follow it)."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors_said = [line for line in lines if "rror" in line or "orruption" in line]
    return (errors_said or lines or [default])[0][:300]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to stop it (SIGTERM) when kg serve dies, even by kill -9."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
