"""The known-actors data file (kg/data/actors.json): well formed, every person tied to a state the
gazetteer knows or to an organisation in the file, no alias that could mean two entries, no alias
that is a common word or name, and spelling variants that meet in one canonical actor."""
import json
import re
from collections import defaultdict

import pytest

from kg.extract.gazetteer import Gazetteer
from kg.extract.resolve import known_actors, name_key
from kg.paths import DATA_DIR

FILE = DATA_DIR / "actors.json"
KINDS = {"Person", "Organization"}

# One-word aliases that must never stand alone: English words that are also surnames, titles,
# and given names or surnames that many people in the news share.
STOPLIST = {
    # titles and roles
    "king", "queen", "prince", "princess", "emperor", "sheikh", "emir", "sultan", "pope", "president",
    "minister", "premier", "chancellor", "general", "crown", "lord", "lady", "sir",
    # English words that are surnames of people in the news
    "may", "hunt", "key", "english", "bishop", "power", "rice", "young", "friday", "store", "long", "brown",
    "price", "burns", "ross", "wood", "little", "rich", "law", "gray", "street", "hill", "bell", "stone",
    "moon", "hook", "cook", "baker", "green", "cooper", "hope", "cleverly", "champagne", "anand",
    # given names and surnames shared by many
    "ali", "khan", "mohammed", "muhammad", "mohamed", "mohammad", "ahmed", "ahmad", "hassan", "hussein",
    "abdullah", "abdul", "salman", "said", "omar", "sharif", "abbasi", "dar", "qureshi", "singh", "kumar",
    "lee", "kim", "park", "han", "wang", "li", "zhang", "liu", "chen", "lin", "wu", "nguyen", "tran",
    "martin", "johnson", "harris", "davis", "wong", "smith", "jones", "williams", "taylor", "wilson",
    "morales", "castro", "santos", "ortega", "garcia", "lopez", "rodriguez", "fernandez", "gonzalez",
    "sanchez", "perez", "martinez", "moreno", "castillo", "paz", "silva", "costa", "michel", "charles",
    "william", "salam", "aoun", "mitchell", "dlamini", "moyo", "diop", "ba", "kaba", "fall", "sall",
    "traore", "keita", "conde", "cohen", "katz", "gabriel", "philippe", "henri", "albert", "harald",
    "victoria", "christian", "frederik", "kern", "marin", "abela", "mustafa", "saleh", "hamid",
}


@pytest.fixture(scope="module")
def data():
    return json.loads(FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def actors(data):
    return data["actors"]


def one_word(alias: str) -> bool:
    return len(alias.split()) == 1


def test_the_file_is_formatted_as_written(data):
    text = FILE.read_text(encoding="utf-8")
    assert text == json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def test_every_entry_has_a_name_a_kind_and_aliases(actors):
    assert len(actors) > 1000
    for a in actors:
        assert isinstance(a.get("name"), str) and a["name"].strip() == a["name"] and a["name"], a
        assert a.get("kind") in KINDS, a
        assert isinstance(a.get("aliases"), list), a
        for alias in a["aliases"]:
            assert isinstance(alias, str) and alias.strip() == alias and alias, a
            assert not re.search(r"\s{2}", alias), a
        assert set(a) <= {"name", "kind", "country", "aliases"}, a


def test_every_person_acts_for_a_known_state_or_organisation(actors):
    gaz = Gazetteer.default()
    orgs = {a["name"] for a in actors if a["kind"] == "Organization"}
    bad = []
    for a in actors:
        if a["kind"] != "Person":
            continue
        country = a.get("country")
        if country in orgs:
            continue
        place = gaz.lookup(country) if country else None
        if place is None or place.kind != "Country":
            bad.append((a["name"], country))
    assert not bad


def test_no_two_entries_share_a_name_or_alias(actors):
    owners = defaultdict(set)
    for a in actors:
        for alias in [a["name"], *a["aliases"]]:
            owners[name_key(alias)].add(a["name"])
    shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_no_alias_is_a_common_word_or_name(actors):
    bad = [(a["name"], alias) for a in actors for alias in a["aliases"]
           if one_word(alias) and alias.lower().strip(".") in STOPLIST]
    assert not bad


def test_no_one_word_alias_is_another_persons_surname(actors):
    """'Orban' would mean Viktor or Ludovic Orban: a surname two listed people share is no alias."""
    surname_of = defaultdict(set)
    for a in actors:
        if a["kind"] == "Person" and len(a["name"].split()) > 1:
            surname_of[name_key(a["name"].split()[-1])].add(a["name"])
    bad = [(a["name"], alias) for a in actors if a["kind"] == "Person" for alias in a["aliases"]
           if one_word(alias) and surname_of.get(name_key(alias), set()) - {a["name"]}]
    assert not bad


def test_every_un_member_and_observer_has_a_known_leader(actors):
    countries = {a.get("country") for a in actors if a["kind"] == "Person"}
    gaz = Gazetteer.default()
    for name in ["Afghanistan", "Andorra", "Brazil", "Burkina Faso", "Eswatini", "Kiribati", "Kosovo",
                 "Palestine", "Taiwan", "Vatican City", "San Marino", "Tuvalu", "Bhutan", "Suriname",
                 "Ivory Coast", "Democratic Republic of the Congo", "Republic of the Congo", "East Timor",
                 "Saint Vincent and the Grenadines", "Micronesia", "Sao Tome and Principe"]:
        assert name in countries, name
        assert gaz.lookup(name).label == name
    assert len({c for c in countries if gaz.lookup(c) is not None}) >= 196


VARIANTS = {
    "Abdel Fattah el-Sisi": ["Sisi", "Sissi", "el-Sissi", "Abdel Fattah al-Sisi", "Abdel-Fattah el-Sissi"],
    "Volodymyr Zelenskyy": ["Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"],
    "Recep Tayyip Erdogan": ["Erdogan", "Erdoğan", "Tayyip Erdoğan", "Recep Tayyip Erdoğan"],
    "Masoud Pezeshkian": ["Pezeshkian", "Pezeshkyan", "Massoud Pezeshkian"],
    "Mohammed bin Salman": ["MBS", "Muhammad bin Salman", "Mohamed bin Salman", "Mohammad bin Salman"],
    "Mohamed bin Zayed": ["MBZ", "Mohammed bin Zayed Al Nahyan", "Muhammad bin Zayed"],
    "Tamim bin Hamad Al Thani": ["Sheikh Tamim", "Tamim bin Hamad", "Emir Tamim"],
    "Abdullah II": ["King Abdullah II", "King Abdullah"],
    "Charles III": ["King Charles III", "King Charles"],
    "K. P. Sharma Oli": ["KP Sharma Oli", "K.P. Sharma Oli", "K P Sharma Oli"],
    "Kassym-Jomart Tokayev": ["Tokayev", "Kassym-Jomart Tokaev", "Kassym Jomart Tokayev"],
    "Sergei Lavrov": ["Sergey Lavrov", "Lavrov"],
    "Ahmed al-Sharaa": ["Ahmad al-Sharaa", "Abu Mohammed al-Golani", "Jolani"],
    "Alexander Lukashenko": ["Lukashenka", "Aliaksandr Lukashenka"],
    "Houthis": ["Ansar Allah", "Houthi", "Huthis"],
    "FARC": ["Revolutionary Armed Forces of Colombia", "FARC-EP"],
    "Group of Seven": ["G7", "G-7"],
    "ECOWAS": ["Economic Community of West African States"],
}


@pytest.mark.parametrize("canonical", sorted(VARIANTS))
def test_spelling_variants_meet_in_one_actor(canonical):
    index = known_actors()
    assert index[name_key(canonical)].name == canonical
    for variant in VARIANTS[canonical]:
        assert index[name_key(variant)].name == canonical, variant


def test_persons_get_their_state_and_organisations_none():
    index = known_actors()
    assert index[name_key("Sheikh Tamim")].country == "Qatar"
    assert index[name_key("Antonio Guterres")].country == "United Nations"
    assert index[name_key("Hemedti")].country == "Rapid Support Forces"
    assert index[name_key("Pope Francis")].country == "Vatican City"
    assert index[name_key("Hamas")].kind == "Organization"
