"""One HTTP request to an endpoint: bounded in time, retried, credentials kept to their host.

Standard library only. Three guards a plain `urlopen` lacks:

- A deadline for the whole request. urllib's `timeout` bounds each socket operation, so a
  server that trickles a byte a second never times out. The request (connect, redirects,
  headers, body) runs in a daemon thread joined with the deadline: one bound for every phase,
  where reading with `read1` against a clock would leave connecting and the header lines
  (read inside http.client) unbounded. An abandoned thread dies with the process, or at the
  socket timeout once its server stops sending.
- No credentials to another host: urllib's redirect handler copies Authorization to wherever
  a server points; ours drops it when the scheme, host or port change.
- No password in a URL: user:password@ is taken out of the URLs we keep (it becomes Basic auth
  for that origin), so every URL a message names is clean by construction.
"""
from __future__ import annotations

import base64
import http.client
import netrc
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from .. import errors


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port): what must stay the same for credentials to go along."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def split_login(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user:password@, and the (user, password) it held (None if none).

    Raises ValueError for a URL that has no http(s) scheme, no host or a bad port."""
    parts = urllib.parse.urlsplit(url)
    login, at, hostport = parts.netloc.rpartition("@")
    clean = urllib.parse.urlunsplit(parts._replace(netloc=hostport))
    checked = urllib.parse.urlsplit(clean)
    checked.port   # raises ValueError for a port that is no number or out of range
    if checked.scheme.lower() not in ("http", "https") or not checked.hostname:
        raise ValueError("not an http(s) URL")
    if not at:
        return clean, None
    user, _, password = login.partition(":")
    return clean, (urllib.parse.unquote(user), urllib.parse.unquote(password))


def auth(url: str, logins: dict | None = None) -> dict:
    """Basic auth: a user:password the URL was given with, else the environment, else
    ~/.netrc; nothing when none has it."""
    found = (logins or {}).get(origin(url))
    if found:
        user, password = found
    else:
        user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if not user:
        host = urllib.parse.urlsplit(url).hostname or ""
        try:
            entry = netrc.netrc().authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            entry = None
        if entry:
            user, _, password = entry
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    return {"Authorization": "Basic " + token}


class _SameOriginAuth(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does, but Authorization goes only to the origin it was for."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(new.full_url) != origin(req.full_url):
            new.headers.pop("Authorization", None)
            new.unredirected_hdrs.pop("Authorization", None)
        return new


_OPENER = urllib.request.build_opener(_SameOriginAuth)


def request(method: str, url: str, body: bytes | None, headers: dict, timeout: float, retries: int,
            logins: dict | None = None, tolerate: tuple = (), answered: dict | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of a 2xx answer, or of one whose status is in `tolerate`;
    `answered`, when given, gets the answer's Server header (which software answered) under the
    origin that answered (`origin`).

    Connection failures and 502/503/504 are retried with back-off; any other HTTP error is the
    server saying no, raised at once. Every failure is a RemoteError naming the URL."""
    headers = {**headers, **auth(url, logins)}
    shown = url.split("?", 1)[0]   # messages name the service, not the encoded graph IRI
    delay = 0.25
    for attempt in range(retries + 1):
        last = attempt == retries
        try:
            outcome = _within(timeout, urllib.request.Request(url, data=body, method=method, headers=headers),
                              answered)
        except (socket.timeout, TimeoutError):
            raise errors.endpoint_timeout(shown, timeout) from None
        except urllib.error.URLError as e:   # before OSError: URLError is one
            if isinstance(e.reason, (socket.timeout, TimeoutError)):
                raise errors.endpoint_timeout(shown, timeout) from None
            if last:
                raise errors.endpoint_unreachable(shown, str(e.reason)) from None
        except ConnectionError as e:   # refused, reset, or closed before answering
            if last:
                raise errors.endpoint_unreachable(shown, str(e) or type(e).__name__) from None
        except (http.client.HTTPException, OSError) as e:   # garbled or broken-off answer
            raise errors.endpoint_not_http(shown, f"{type(e).__name__}: {e}") from None
        else:
            status, ctype, data = outcome
            if 200 <= status < 300 or status in tolerate:
                return outcome
            if status not in (502, 503, 504) or last:
                raise errors.endpoint_refused(shown, status, data.decode("utf-8", "replace"))
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


def _within(timeout: float, req: urllib.request.Request, answered: dict | None = None) -> tuple[int, str, bytes]:
    """Open and read `req` in a daemon thread; TimeoutError when it is not done in `timeout` s.
    An HTTP error status is returned like any other answer, with its body."""
    box: dict = {}

    def run() -> None:
        try:
            with _OPENER.open(req, timeout=timeout) as r:
                box["answer"] = (r.status, r.headers.get("Content-Type", ""), r.read())
                if answered is not None:
                    answered[origin(r.url)] = r.headers.get("Server", "")
        except urllib.error.HTTPError as e:
            try:
                data = e.read()
            except (OSError, http.client.HTTPException):
                data = b""
            box["answer"] = (e.code, e.headers.get("Content-Type", "") if e.headers else "", data)
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread as it is
            box["error"] = e

    worker = threading.Thread(target=run, name="kg-http", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError
    if "error" in box:
        raise box["error"]
    return box["answer"]
