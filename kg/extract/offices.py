"""Roles as offices: the closed list in offices.json decides which roles an article's record keeps.

The parser reads many titles before or beside a name ("Dr.", "General", "analyst", "his
counterpart"); only offices a state or organisation fills say who acts for whom, so only those
are stored, each under one canonical name ("minister of foreign affairs" -> "Foreign Minister"),
and once per holder, office and country or organisation in an article.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..paths import data_files, read_json
from ..records import RoleAssignment


@lru_cache(maxsize=1)
def office_index() -> tuple[dict[str, str], frozenset, frozenset]:
    """(alias -> canonical office, not-held words, qualifier words) from every offices.json."""
    aliases: dict[str, str] = {}
    not_held, qualifiers = set(), set()
    for f in data_files("offices.json"):
        d = read_json(f)
        for office, names in d.get("offices", {}).items():
            for n in [office, *names]:
                aliases[normal(n)] = office
        for canonical, names in d.get("portfolios", {}).items():
            office = f"{canonical} Minister"
            for p in {normal(canonical), *map(normal, names)}:
                for form in (f"{p} minister", f"minister of {p}", f"minister for {p}", f"{p} affairs minister"):
                    aliases.setdefault(form, office)
        not_held |= {normal(w) for w in d.get("not_held", [])}
        qualifiers |= {normal(w) for w in d.get("qualifiers", [])}
    return aliases, frozenset(not_held), frozenset(qualifiers)


def normal(text: str) -> str:
    """Lower case, hyphens as spaces, no full stops or possessives: how aliases are compared."""
    text = re.sub(r"[’']s\b", "", text.lower())
    return " ".join(re.sub(r"[^a-z ]+", " ", text.replace("-", " ")).split())


def office(role: str) -> Optional[str]:
    """The canonical office a role names, or None: not an office, or one the person no longer
    (or not yet) holds ("former president", "prime minister-elect")."""
    aliases, not_held, qualifiers = office_index()
    words = normal(role).split()
    if any(w in not_held for w in words) or any(" ".join(words[i:i + 2]) in not_held for i in range(len(words))):
        return None
    while words and words[0] in qualifiers:
        words = words[1:]
    text = " ".join(words)
    if text in aliases:
        return aliases[text]
    head = text.split(" of ")[0]   # "president of the council": the office before "of"
    return aliases.get(head) if head != text else None


def office_roles(roles: list[RoleAssignment]) -> list[RoleAssignment]:
    """The roles that name an office, under its canonical name, once per holder, office and
    country or organisation (the first the article states). "President X" beside "Icelandic
    President X" is the one office: stated without its state, it is dropped when the article
    gives the holder that office for one state only."""
    named = [(r, office(r.role)) for r in roles]
    parties: dict[tuple, set] = {}
    for r, name in named:
        if name and r.of is not None:
            parties.setdefault((r.holder.key, name), set()).add(r.of.key)
    out, seen = [], set()
    for r, name in named:
        key = (r.holder.key, name, r.of.key if r.of is not None else None)
        if name is None or key in seen or (r.of is None and len(parties.get(key[:2], ())) == 1):
            continue
        seen.add(key)
        out.append(RoleAssignment(r.holder, name, r.of))
    return out
