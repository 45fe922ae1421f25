"""Checks on a query's text before any SPARQL parser sees it, for `kg query`, `kg sparql` and
`kg serve` alike.

The parsers recurse on nesting, so thousands of `{` or `(` overflow a stack: the CLI dies of
SIGSEGV and the server aborts. A SERVICE clause makes the engine fetch any URL it names, which a
server bound beyond loopback must not do for strangers. An update sent where only queries go
deserves its own answer, not a syntax error. One linear scan of SPARQL's tokens (strings, IRIs,
comments and escapes skipped, as braces and `#` inside them are not syntax) finds all three.
Chains recurse as nesting does: 10,000 UNIONs, `+` or FILTERs overflow the stack as well (5,000
MINUS), so their number is bounded too, well below that.
"""
from __future__ import annotations

import re

from .. import errors

MAX_DEPTH = 200   # hand-written and generated queries nest a few dozen levels at most
MAX_LINKS = 2000  # operators and group keywords: the parser and planner recurse on chains of them too
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
FETCH_WORDS = {"SERVICE", "LOAD"}   # the engine fetches the URL these name
LINK_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS", "IN"}
# One pass over SPARQL's tokens. A string or long string may lack its closing quote: it then runs
# to the end of the line (or text), so that no later quote makes the scan go back (quadratic).
TOKENS = re.compile(r'''
    "{3}(?:[^"\\]|\\.|"(?!""))*(?:"{3})? | '{3}(?:[^'\\]|\\.|'(?!''))*(?:'{3})?   # long strings
  | "(?:[^"\\\n]|\\.)*"? | '(?:[^'\\\n]|\\.)*'?                                 # strings
  | <[^<>"{}|^`\\\x00-\x20]*>                     # IRIs (a lone < is "less than")
  | \\.                                             # an escape in a prefixed name: ex:a\#b
  | \#[^\n]*                                        # comments
  | (?P<open>[{(\[]) | (?P<close>[})\]])
  | (?P<link>\|\||&&|[|/^!*+=<>-])
  | (?<![\w:?$@.-])(?P<word>[A-Za-z]+)(?![\w:-])    # keywords, not names or variables
''', re.VERBOSE | re.DOTALL)


def check(text: str, where: str, allow_service: bool = False, update: bool = False) -> str | None:
    """Raise the QueryError for a query nested too deeply or too long a chain of operators,
    fetching from other servers (SERVICE, LOAD; unless allowed), or that is an update where a
    query was asked for (`update` False); otherwise return the query's form, SELECT, ASK,
    CONSTRUCT or DESCRIBE (None when the text starts with none of them: the parser judges the rest)."""
    depth, links, first = 0, 0, None
    for m in TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            links += m.group() != "("   # a VALUES row is a ( ... ): long lists of them are fine
            if depth > MAX_DEPTH:
                raise errors.query_too_deep(where, MAX_DEPTH)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "link":
            links += 1
        elif kind == "word":
            word = m.group("word").upper()
            links += word in LINK_WORDS
            if first is None and word not in ("PREFIX", "BASE"):
                first = word
                if word in UPDATE_WORDS and not update:
                    raise errors.sparql_update(where)
            if word in FETCH_WORDS and not allow_service:
                raise errors.service_refused(where)
        if links > MAX_LINKS:
            raise errors.query_too_long(where, MAX_LINKS)
    return first if first in FORMS else None
