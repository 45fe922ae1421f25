"""Lookup keys: each actor's and place's names folded to one case and spacing, stored in the
event layer next to its labels, so that a stored query finds a name through the store's index.

Oxigraph plans a join from a term a VALUES block binds, never from a FILTER on LCASE(?label):
a name compared in a FILTER costs a pass over every event, a name matched as a key costs its
answer. kg folds what the user types the same way (kg.store.queries.bind, a "(any case)"
parameter), so "LIMA" and "lima" find the `kg:nameKey` "lima"."""
from __future__ import annotations

from typing import Iterable

MAX_RUN = 4   # the longest run of words keyed alone: "jose antonio kast", not every run of a long title


def fold(text: str) -> str:
    """A name as keys hold it: lower case (Python's, as SPARQL's LCASE), spaces collapsed."""
    return " ".join(text.lower().split())


def name_keys(names: Iterable[str]) -> set[str]:
    """Each whole name, folded: who-visited's place=... matches these."""
    return {k for k in map(fold, names) if k}


def word_keys(names: Iterable[str]) -> set[str]:
    """Each run of up to MAX_RUN whole words inside a name, other than the whole name itself
    ("boric", "gabriel" of "Gabriel Boric"): timeline's actor=... matches these and the names."""
    whole = name_keys(names)
    out = set()
    for name in whole:
        words = name.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_RUN) + 1):
                out.add(" ".join(words[i:j]))
    return out - whole
