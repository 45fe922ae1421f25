"""Checks on a query's text before any SPARQL parser sees it, for `kg query`, `kg sparql` and
`kg serve` alike.

The parsers recurse on nesting, so thousands of `{` or `(` overflow a stack: the CLI dies of
SIGSEGV and the server aborts. A SERVICE clause makes the engine fetch any URL it names, which a
server bound beyond loopback must not do for strangers. An update sent where only queries go
deserves its own answer, not a syntax error. One linear scan of SPARQL's tokens (strings, IRIs
and comments skipped, as braces and `#` inside them are not syntax) finds all three.
"""
from __future__ import annotations

import re

from .. import errors

MAX_DEPTH = 200   # hand-written and generated queries nest a few dozen levels at most
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
TOKENS = re.compile(r'''
    "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}   # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'                          # strings
  | <[^<>"{}|^`\\\x00-\x20]*>                                          # IRIs (a lone < is "less than")
  | \#[^\n]*                                                           # comments
  | (?P<open>[{(\[]) | (?P<close>[})\]])
  | (?<![\w:?$@.-])(?P<word>[A-Za-z]+)(?![\w:-])                      # keywords, not names or variables
''', re.VERBOSE)


def check(text: str, where: str, allow_service: bool = False, update: bool = False) -> str | None:
    """Raise the QueryError for a query nested too deeply, naming a SERVICE (unless allowed), or
    that is an update where a query was asked for (`update` False); otherwise return the query's
    form, SELECT, ASK, CONSTRUCT or DESCRIBE (None when the text starts with none of them: the
    parser judges the rest)."""
    depth, first = 0, None
    for m in TOKENS.finditer(text):
        if m.group("open"):
            depth += 1
            if depth > MAX_DEPTH:
                raise errors.query_too_deep(where, MAX_DEPTH)
        elif m.group("close"):
            depth -= 1
        elif m.group("word"):
            word = m.group("word").upper()
            if first is None and word not in ("PREFIX", "BASE"):
                first = word
                if word in UPDATE_WORDS and not update:
                    raise errors.sparql_update(where)
            if word == "SERVICE" and not allow_service:
                raise errors.service_refused(where)
    return first if first in FORMS else None
