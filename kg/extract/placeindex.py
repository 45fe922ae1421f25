"""The places the gazetteer knows before any lookup, read once: GeoNames' countries, US states and
continents (kg/data/geonames/, see `geonames.py`), then every places.json (later files win),
indexed by name. Cities come lazily, from `cities.py`; resolving a name against all this is
`gazetteer.py`'s job.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Union

from ..paths import read_json
from ..records import Actor
from . import geonames
from .cities import CityIndex
from .placenames import Name, clean, key, slug

DATA, COUNTRY, ADMIN = 0, 1, 2  # name tiers, strongest first; cities come after all three


class PlaceIndex:
    """Name key -> the ways of writing a place (`names`), the one shared Actor per key, and the
    country tables the gazetteer answers from. Built in full by the constructor."""

    def __init__(self, files: Sequence[Path], cities: CityIndex, directory: Optional[Path] = None):
        self.files = files
        self._directory = directory                  # of the GeoNames tables; None: ours
        self.cities = cities                        # receives capitals and city label overrides
        self.names: dict[str, list[Name]] = {}
        self._seq = 0
        self.actors: dict[str, Actor] = {}           # key -> the one shared Actor
        self.pending: dict[str, object] = {}         # key -> "in" spec not resolved yet
        self.by_code: dict[str, Actor] = {}
        self.by_iso3: dict[str, Actor] = {}
        self.country_keys: set[str] = set()
        self.continent_of: dict[str, str] = {}       # country key -> continent code
        self.continents: dict[str, str] = {}         # continent actor key -> code
        self.member_codes: dict[str, list[str]] = {}  # region key -> ISO codes it spans
        self.capital_names: dict[str, str] = {}       # country key -> its capital's name
        self.demonyms: dict[str, str] = {}           # key -> country name or code
        self.ignore: set[str] = set()
        self._load()

    def _read(self) -> list[dict]:
        return [read_json(f) for f in self.files]

    def _load(self) -> None:
        files = self._read()
        countries: dict[str, Optional[dict]] = {}
        for d in files:
            for code, over in (d.get("countries") or {}).items():
                code = code.upper()
                if over is None:
                    countries[code] = None
                else:
                    merged = dict(countries.get(code) or {})
                    merged.update({k: v for k, v in over.items() if k != "aliases"})
                    merged["aliases"] = list((countries.get(code) or {}).get("aliases", [])) + list(over.get("aliases", []))
                    countries[code] = merged
            self.demonyms.update({key(clean(w)): c for w, c in (d.get("demonyms") or {}).items()})
            self.ignore |= {key(clean(w)) for w in d.get("ignore") or []}

        self._load_countries(countries)

        us = self.by_code.get("US")
        for st in geonames.us_states(self._directory):
            a = self._define(f"geonames-{st.geonameid}", "Region", st.name, st.geonameid)
            a.located_in = us
            self._add(st.name, ADMIN, a)
        for ct in geonames.continents(self._directory):
            a = self._define(f"geonames-{ct.geonameid}", "Region", ct.name, ct.geonameid)
            self.continents[a.key] = ct.code
            a.point = (ct.lat, ct.lon) if ct.lat and ct.lon else None
            self._add(ct.name, ADMIN, a)

        for d in files:
            for e in d.get("cities") or []:
                self._load_city(e)
            for kind, entries in (("Region", d.get("regions") or []), ("Venue", d.get("venues") or [])):
                for e in entries:
                    k = f"geonames-{e['geonames']}" if e.get("geonames") else f"place-{slug(e['name'])}"
                    a = self._define(k, kind, clean(e["name"]), str(e["geonames"]) if e.get("geonames") else None,
                                     e.get("in"))
                    if e.get("members"):
                        self.member_codes[k] = [m.upper() for m in e["members"]]
                    for n in [e["name"], *e.get("aliases", [])]:
                        self._add(n, DATA, a)

    def _load_countries(self, countries: dict[str, Optional[dict]]) -> None:
        """GeoNames' countries, each as the data files' `countries` entry overrides it (its label,
        kind, aliases; None: left out), with its ISO codes, continent, capital and point."""
        for c in geonames.countries(self._directory):
            code = c.code
            if code in countries and countries[code] is None:
                continue
            over = countries.get(code) or {}
            label = over.get("label") or c.name.strip()
            a = self._define(f"geonames-{c.geonameid}", over.get("kind", "Country"), label,
                             c.geonameid, over.get("in"))
            self.by_code[code] = a
            a.iso3 = c.iso3 or None
            a.point = (c.lat, c.lon) if c.lat and c.lon else None   # its capital's
            if c.iso3:
                self.by_iso3[c.iso3] = a
            self.country_keys.add(a.key)
            self.continent_of[a.key] = c.continent
            if c.capital:
                self.cities.capitals.add((code, key(clean(c.capital))))
                self.capital_names[a.key] = c.capital
            self._add(c.name.strip(), COUNTRY, a)
            self._add(label, DATA if over.get("label") else COUNTRY, a)
            for alias in over.get("aliases", []):
                self._add(alias, DATA, a)

    def _load_city(self, e: dict) -> None:
        gid = str(e["geonames"]) if e.get("geonames") else None
        if gid and not e.get("in"):          # a GeoNames city: its country comes from GeoNames
            self.cities.labels[gid] = clean(e["name"])
            actor = self.actors.get(f"geonames-{gid}")
            if actor is not None:
                actor.label = actor.pref_label = clean(e["name"])
            target: Union[Actor, str] = f"city:{gid}"
        else:
            target = self._define(f"geonames-{gid}" if gid else f"place-{slug(e['name'])}", "City",
                                  clean(e["name"]), gid, e.get("in"))
        for n in [e["name"], *e.get("aliases", [])]:
            self._add(n, DATA, target)

    def _define(self, k: str, kind: str, label: str, geonames_id: Optional[str] = None,
                where: object = None) -> Actor:
        """The one Actor for a key; a later definition updates it (so every alias follows)."""
        a = self.actors.get(k)
        if a is None:
            a = self.actors[k] = Actor(key=k, kind=kind, label=label, geonames_id=geonames_id, pref_label=label)
        else:
            a.kind, a.label, a.pref_label = kind, label, label
            a.geonames_id = geonames_id or a.geonames_id
            a.located_in = None
        if where is not None:
            self.pending[k] = where
        else:
            self.pending.pop(k, None)
        return a

    def _add(self, name: str, tier: int, target: Union[Actor, str]) -> None:
        text = clean(name)
        k = key(text)
        if not k:
            return
        acronym, upper_first = Name.form(text)
        self._seq += 1
        self.names.setdefault(k, []).append(Name(tier, self._seq, acronym, upper_first, target))
