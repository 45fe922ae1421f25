"""One person under two spellings: "Annelise Brandt" in one article, "Anelise Brandt" in another.

Person keys already fold case, accents and transliteration; what is left are initials, short
forms and misspellings of the given names. Two person IRIs are one person when they have the
same surname (last key word) and as many words, and each pair of given names is
- the same, or an initial of the other ("J." / "John"), or a prefix of three letters or more
  ("Alex" / "Alexander"): one person on the name alone;
- or a misspelling of the other (same first and last letter, an edit distance of at most 40%
  of the longer name, e.g. "anelise" / "annelise"): one person only when both are said to hold the
  same office for the same state or organisation.
Never when both stand in one article (it names two people: brothers, a couple), when both are
known actors of the data files, or when they hold offices of different states; and only when
one person alone fits (a "J. Smith" beside both a "John" and a "Jane Smith" stays apart).
"""
from __future__ import annotations

from .. import vocab as v
from ..extract.spelling import osa_distance

PERSON = v.RES + "person/"


def given_match(a: str, b: str) -> str:
    """'same', 'short' (initial or prefix), 'spelling' (a near misspelling) or '' (two names)."""
    if a == b:
        return "same"
    short, long_ = sorted((a, b), key=len)
    if len(short) == 1 and long_[0] == short or len(short) >= 3 and long_.startswith(short):
        return "short"
    if min(len(a), len(b)) >= 4 and a[0] == b[0] and a[-1] == b[-1] and \
            osa_distance(a, b) <= round(0.4 * len(long_)):
        return "spelling"
    return ""


def name_match(a: str, b: str) -> str:
    """How two person keys ("annelise-brandt") can be one name: the weakest given-name match, or ''."""
    wa, wb = a.split("-"), b.split("-")
    if len(wa) != len(wb) or len(wa) < 2 or wa[-1] != wb[-1]:
        return ""
    kinds = [given_match(x, y) for x, y in zip(wa[:-1], wb[:-1])]
    if "" in kinds:
        return ""
    return "spelling" if "spelling" in kinds else "short" if "short" in kinds else "same"


def kin(persons: set[str], known: set[str]) -> set[str]:
    """The persons of `known` whose spellings could be one of `persons` at any remove (a name_match
    chain): who is whom is decided within such a chain alone, so a write that names a person
    decides again for these, not for every person of the surname."""
    by_surname: dict[str, list[str]] = {}
    for i in known | persons:
        by_surname.setdefault(_surname(i), []).append(i)
    found, todo = set(persons), list(persons)
    while todo:
        a = todo.pop()
        for b in by_surname[_surname(a)]:
            if b not in found and name_match(a[len(PERSON):], b[len(PERSON):]):
                found.add(b)
                todo.append(b)
    return found


def _surname(person: str) -> str:
    return person[len(PERSON):].rsplit("-", 1)[-1]


def same_persons(people: dict[str, dict]) -> dict[str, str]:
    """Variant IRI -> the IRI of the person it is, over person IRIs described by
    {"graphs": set of article graphs, "known": bool, "weight": (sort key: the better name is
    larger), "offices": set of (office, party IRI or None)}."""
    iris = sorted(i for i in people if i.startswith(PERSON))
    by_surname: dict[str, list[str]] = {}
    for i in iris:
        by_surname.setdefault(_surname(i), []).append(i)
    links: dict[str, set[str]] = {i: set() for i in iris}
    for group in by_surname.values():
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                if _one(people[a], people[b], name_match(a[len(PERSON):], b[len(PERSON):])):
                    links[a].add(b)
                    links[b].add(a)
    out = {}
    for i in iris:
        if len(links[i]) != 1:
            continue   # none, or ambiguous: "J. Smith" beside John and Jane Smith
        (j,) = links[i]
        if len(links[j]) == 1 and people[j]["weight"] > people[i]["weight"]:
            out[i] = j
    return out


def _one(a: dict, b: dict, match: str) -> bool:
    if not match or a["graphs"] & b["graphs"] or (a["known"] and b["known"]):
        return False
    states = {o for _, o in a["offices"] if o}, {o for _, o in b["offices"] if o}
    if states[0] and states[1] and not states[0] & states[1]:
        return False
    return match != "spelling" or bool(a["offices"] & b["offices"])
