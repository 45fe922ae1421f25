"""Who is who in one article: names, surnames, roles and pronouns to one actor each.

Person keys fold spelling variants (Sergey/Sergei style given names, hyphens, case), so the same
person gets the same IRI in every article. Known actors and the language of names and roles
come from data files (kg/data/actors.json, names.json, extended by $KG_DATA).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..paths import data_files
from ..records import Actor, RoleAssignment
from .notnames import not_a_name
from .spelling import osa_distance

PRONOUNS = {"he", "she", "him", "her"}
PERSON_LABELS = {"PERSON"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@lru_cache(maxsize=1)
def name_data() -> dict:
    merged: dict = {"given_name_variants": {}, "honorifics": [], "role_heads": [], "group_words": [],
                    "role_families": {}}
    for f in data_files("names.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        merged["given_name_variants"].update(d.get("given_name_variants", {}))
        for generic, roles in d.get("role_families", {}).items():
            merged["role_families"].setdefault(generic, []).extend(roles)
        for k in ("honorifics", "role_heads", "group_words"):
            merged[k] += d.get(k, [])
    return merged


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def name_key(name: str) -> str:
    """Identity key of a person name: case, accents, hyphens and transliteration folded."""
    variants = name_data()["given_name_variants"]
    words = re.split(r"[\s\-‐]+", ascii_fold(name).lower().replace("’", "'"))
    words = [variants.get(w.strip(".,'"), w.strip(".,'")) for w in words if w.strip(".,'")]
    return "-".join(words)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


@dataclass
class Known:
    name: str
    kind: str
    country: Optional[str]


@lru_cache(maxsize=1)
def known_actors() -> dict[str, Known]:
    """Alias key -> known actor, from actors.json files (later files override)."""
    index: dict[str, Known] = {}
    for f in data_files("actors.json"):
        for a in json.loads(f.read_text(encoding="utf-8")).get("actors", []):
            k = Known(a["name"], a.get("kind", "Person"), a.get("country"))
            for alias in [a["name"], *a.get("aliases", [])]:
                index[name_key(alias)] = k
    return index


@lru_cache(maxsize=1)
def _known_by_shape() -> dict[tuple[int, str], list[str]]:
    """Known person keys by (number of words, first letter of the last word), for near matches."""
    out: dict[tuple[int, str], list[str]] = {}
    for k, a in known_actors().items():
        if a.kind == "Person" and "-" in k:
            words = k.split("-")
            out.setdefault((len(words), words[-1][:1]), []).append(k)
    return out


def _near(a: str, b: str) -> bool:
    """Two spellings of one word: the same start and at most two letters apart (an optimal string
    alignment distance, so 'marlowe' and 'mralowe' are one transposition apart)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return False
    return osa_distance(a, b) <= 2


def known_person(key: str) -> Optional[Known]:
    """The known person a full name means, also when the article spells it a little differently
    ('John Mralowe' for a known 'John Marlowe'): every word near the known one, and only one known person so near."""
    known = known_actors().get(key)
    if known is not None or "-" not in key:
        return known
    return _near_known(key)


@lru_cache(maxsize=1 << 14)
def _near_known(key: str) -> Optional[Known]:
    """The one known person a name not known as written is a near spelling of (known_person):
    each article asks again for the same few names, and each asking compares many."""
    words = key.split("-")
    near = {known_actors()[k].name: known_actors()[k] for k in _known_by_shape().get((len(words), words[-1][:1]), [])
            if all(_near(x, y) for x, y in zip(words, k.split("-")))}
    return next(iter(near.values())) if len(near) == 1 else None


def strip_name(text: str) -> str:
    """A name as it should be labelled: no leading article, honorific or trailing possessive."""
    text = re.sub(r"(’s|'s|’|')$", "", text.strip()).strip(" ,.;:\"“”")
    words = text.split()
    honor = set(name_data()["honorifics"])
    while words and (words[0].lower() in honor or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words)


@dataclass
class ArticleActors:
    """Resolves mentions to actors within one article."""
    gazetteer: object
    persons: dict[str, Actor] = field(default_factory=dict)     # key -> actor
    orgs: dict[str, Actor] = field(default_factory=dict)
    nationality: dict[str, Actor] = field(default_factory=dict)  # person key -> country actor
    affiliation: dict[str, Actor] = field(default_factory=dict)  # person key -> organisation they serve
    roles: list[RoleAssignment] = field(default_factory=list)
    role_index: list[tuple[str, Optional[str], Actor]] = field(default_factory=list)  # (role, country key, person)

    # -- persons -----------------------------------------------------------------------------
    def person(self, raw: str) -> Optional[Actor]:
        """The person a name refers to: a full name, or a part of one seen in this article."""
        label = strip_name(raw)
        if not label or not re.search(r"[A-Z]", label):
            return None
        key = name_key(label)
        known = known_actors().get(key)
        if known and known.kind != "Person":
            return None
        known = known or known_person(key)
        if known:
            key, canonical = name_key(known.name), known.name
        else:
            canonical = None
        if key in self.persons:
            return self.persons[key]
        if not known:   # "Okafor", "Abdul-Rahman", "Solheim Dahl" (for Eirik Solheim Dahl)
            match = self.partial(key)
            if match is not None:
                return match
            if not_a_name(label):   # "General", "Hails", "... Central": no one's name
                return None
        actor = Actor(key=key, kind="Person", label=label if not (known and len(label.split()) < 2) else known.name,
                      pref_label=canonical)
        self.persons[key] = actor
        if known and known.country:
            country = self.gazetteer.lookup(known.country)
            if country is not None:
                self.nationality.setdefault(key, country)
        return actor

    def partial(self, key: str) -> Optional[Actor]:
        """The person a part of a full name seen in this article means: the surname ("Okafor"),
        the given name, or the first of two surnames ("Valdés" for Carolina Valdés Rojas), when
        only one person has it."""
        parts = key.split("-")
        ends, inside = [], []
        for full_key, actor in self.persons.items():
            words = full_key.split("-")
            if len(words) <= len(parts):
                continue
            if words[-len(parts):] == parts or words[:len(parts)] == parts:
                ends.append(actor)
            elif any(words[i:i + len(parts)] == parts for i in range(1, len(words) - len(parts))):
                inside.append(actor)
        found = ends or inside
        return found[0] if len(found) == 1 or (found and ends) else None

    def register_full_names(self, names: list[str]) -> None:
        """Pre-pass: full names first, so a surname can find its person wherever it stands."""
        for n in names:
            if len(strip_name(n).split()) >= 2:
                self.person(n)

    # -- roles -------------------------------------------------------------------------------
    def add_role(self, person: Actor, role: str, country: Optional[Actor]) -> None:
        role = role.strip()
        if not role:
            return
        key = (role.lower(), country.key if country else None)
        if any((r, c) == key and p is person for r, c, p in self.role_index):
            return
        self.role_index.append((key[0], key[1], person))
        self.roles.append(RoleAssignment(person, role[:1].upper() + role[1:], country))
        if country is not None and country.kind == "Country":
            self.nationality.setdefault(person.key, country)
        elif country is not None:   # "UN Secretary-General", "the Arctic Council chair"
            self.affiliation.setdefault(person.key, country)

    def counterpart(self, of: Actor, country: Optional[Actor]) -> Optional[Actor]:
        """'his Saudi counterpart': whoever holds one of `of`'s roles for the other country."""
        for role, _, p in self.role_index:
            if p is of:
                other = self.by_role(role, country) if country is not None else None
                if other is not None and other is not of:
                    return other
        return None

    def by_role(self, role: str, country: Optional[Actor]) -> Optional[Actor]:
        """'the French foreign minister' -> the person this article gave that role."""
        role = role.lower().strip()
        roles = [role] + name_data()["role_families"].get(role, [])   # "the French leader"
        hits = [p for r, c, p in self.role_index
                if any(r == x or r.endswith(" " + x) for x in roles) and (country is None or c == country.key)]
        unique = {p.key: p for p in hits}
        if not unique and country is not None:   # "the Jordanian king": the one known Jordanian the article names
            unique = {k: p for k, p in self.persons.items() if p.pref_label is not None
                      and self.nationality.get(k) is not None and self.nationality[k].key == country.key
                      and self.holds(p, role)}   # not "the president" for a crown prince the article named
        return next(iter(unique.values())) if len(unique) == 1 else None

    def holds(self, person: Actor, role: str) -> bool:
        """Whether the article or the data gives this person the role or one of its family
        ('leader': a president, a prime minister, a king ...); unknown roles count as held."""
        roles = [role] + name_data()["role_families"].get(role, [])
        mine = [r for r, _, p in self.role_index if p is person]
        label, known = person.label or "", person.pref_label or ""
        if not mine and known and label != known and label.endswith(known):
            mine = [label[:-len(known)].strip().lower()]   # an alias with its title: "Crown Prince X"
        if not mine:
            return person.pref_label is not None   # a known actor: a leader or minister of the data
        lesser = {"vice", "deputy", "former", "acting", "ex", "assistant", "under"}
        return any(r.endswith("counterpart") or (r == x or r.endswith(" " + x) or r.startswith(x + " of"))
                   and not lesser & set(r.split()) for r in mine for x in roles)   # a counterpart holds the same office

    def holders(self, role: str) -> list[Actor]:
        """Everyone this article gave a role ending in `role` ("prime minister"), in order."""
        role = role.lower().strip()
        unique = {p.key: p for r, _, p in self.role_index if r == role or r.endswith(" " + role)}
        return list(unique.values())

    def has_political_role(self, person: Actor, heads: set[str]) -> bool:
        for role, _, p in self.role_index:
            head = role.split(" of ")[0]   # "minister of foreign affairs": the office before "of"
            if p is person and any(head == h or head.endswith(" " + h) for h in heads):
                return True
        return False

    def country_of(self, person: Actor) -> Optional[Actor]:
        return self.nationality.get(person.key)

    def side_of(self, person: Actor) -> Optional[Actor]:
        """The state, else the organisation, a person acts for: a party to what they sign."""
        return self.nationality.get(person.key) or self.affiliation.get(person.key)

    # -- organisations -----------------------------------------------------------------------
    def organization(self, raw: str) -> Optional[Actor]:
        label = strip_name(raw)
        if not label:
            return None
        known = known_actors().get(name_key(label))
        if known and known.kind == "Person":
            return None
        key = slug(known.name if known else label)
        if key not in self.orgs:
            self.orgs[key] = Actor(key=key, kind="Organization", label=label,
                                   pref_label=known.name if known else None)
        return self.orgs[key]

    def is_known_person(self, raw: str) -> bool:
        k = known_actors().get(name_key(strip_name(raw)))
        return bool(k and k.kind == "Person")

    def is_known_org(self, raw: str) -> bool:
        k = known_actors().get(name_key(strip_name(raw)))
        return bool(k and k.kind != "Person")
