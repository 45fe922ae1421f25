"""GeoNames' 34k cities (population >= 15,000): read and indexed by name once, on first need,
because most lookups never get this far. They come from kg/data/geonames/cities.tsv (`geonames.py`),
which keeps the alternate names only of the cities that `may_be_big` says can use them, and of
those only the ones `alt_candidate` lets through: both are read by the script that builds it.
"""
from __future__ import annotations

import threading
from typing import Optional

from .. import errors
from ..records import Actor
from . import geonames
from .geonames import City
from .placenames import bare, city_label, clean, key

ALT_MIN_POP = 300_000          # alternate names of capitals and big cities only: a small town's
                               # other names are mostly noise ("Hamas" is a name of Hamm)
ALT_MIN_LETTERS = 5            # shorter alternate names are mostly codes and surnames (Ko, Nawa)
PRIMARY_BOOST = 5              # a city's own name counts as five times its population


def may_be_big(population: int, capital: bool) -> bool:
    """Whether a city's alternate names count: a capital (of a country GeoNames names it for) or a
    city of ALT_MIN_POP people or more."""
    return capital or population >= ALT_MIN_POP


def alt_candidate(alt: str) -> bool:
    """Whether an alternate name can name the city in English news at all, before any folding:
    ASCII, capitalised but not all caps, ALT_MIN_LETTERS characters or more."""
    return alt.isascii() and alt[:1].isupper() and not alt.isupper() and len(alt) >= ALT_MIN_LETTERS


class CityIndex:
    """The best city for each name key, and the one City `Actor` per GeoNames id.

    `capitals` ((country code, name key)) and `labels` (geonameid -> label) are filled in by
    whoever loads the countries and places.json, before the first lookup."""

    def __init__(self, lock: threading.RLock, directory=None):
        self._directory = directory                # of the GeoNames tables; None: ours
        self._lock = lock                          # the gazetteer's: one lock for all lazy state
        self._raw_cities: Optional[dict[str, City]] = None
        self._city_names: Optional[dict[str, tuple]] = None
        self.capitals: set[tuple[str, str]] = set()  # (country code, capital name key)
        self.labels: dict[str, str] = {}             # geonameid -> label override

    def raw(self) -> dict[str, City]:
        """GeoNames' city records by geonameid, from the shipped table."""
        if self._raw_cities is None:
            with self._lock:
                if self._raw_cities is None:
                    cities, meta = geonames.cities(self._directory)
                    cut = {"alt_min_pop": ALT_MIN_POP, "alt_min_letters": ALT_MIN_LETTERS}
                    for name, ours in cut.items():       # a table cut finer than we read is short
                        if not meta.get(name, "").isdigit() or int(meta[name]) > ours:
                            raise errors.bad_geonames_table(
                                (self._directory or geonames.DIR) / "cities.tsv",
                                f"made with {name}={meta.get(name)}, this kg reads from {ours}")
                    self._raw_cities = cities
        return self._raw_cities

    def index(self) -> dict[str, tuple]:
        """name key -> (rank, written form, geonameid, big), the best city for each name."""
        if self._city_names is None:
            with self._lock:
                if self._city_names is None:
                    self._city_names = self._build()
        return self._city_names

    def _build(self) -> dict[str, tuple]:
        best: dict[str, tuple] = {}
        capitals = self.capitals

        def put(k: str, rank: tuple, form: str, gid: str) -> None:
            cur = best.get(k)
            if cur is None or rank > cur[0]:
                best[k] = (rank, form, gid, big)

        for gid, c in self.raw().items():
            pop = c.population
            name = clean(c.name)
            k = key(name)
            capital = (c.countrycode, k) in capitals
            big = may_be_big(pop, capital)
            put(k, (capital, pop * PRIMARY_BOOST), name, gid)
            alt_rank = (False, pop)
            b = bare(k)
            if b != k and len(b) >= ALT_MIN_LETTERS:
                put(b, alt_rank, name, gid)             # "Al Fallujah" -> "Fallujah"
            if not big:
                continue                                 # a small town's other names are noise
            for alt in c.alternatenames:
                if not alt_candidate(alt):
                    continue
                ka = key(clean(alt))
                if ka == k or len(ka.replace(" ", "")) < ALT_MIN_LETTERS:
                    continue
                kb = bare(ka)
                put(ka, alt_rank, clean(alt), gid)
                if kb != ka and len(kb) >= ALT_MIN_LETTERS:
                    put(kb, alt_rank, clean(alt), gid)   # "El-Hodeidah" -> "Hodeidah"
        return best

    def actor(self, gid: str, actors: dict[str, Actor], countries: dict[str, Actor]) -> Optional[Actor]:
        """The shared City Actor for a geonameid, made in `actors` on first use (None if GeoNames
        has no such city); `countries` (ISO code -> Actor) gives its `located_in`."""
        k = f"geonames-{gid}"
        a = actors.get(k)
        if a is None:
            c = self.raw().get(str(gid))
            if c is None:
                return None
            label = self.labels.get(str(gid)) or city_label(c.name)
            with self._lock:
                a = actors.get(k)
                if a is None:
                    a = actors[k] = Actor(key=k, kind="City", label=label, geonames_id=str(gid),
                                          located_in=countries.get(c.countrycode), pref_label=label,
                                          point=(c.lat, c.lon) if c.lat and c.lon else None)
        return a
