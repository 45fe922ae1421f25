"""Plain records that extractors produce and `kg.rdf` turns into triples.

Extraction and RDF never mix: these dataclasses are the only thing that crosses the line,
so each half can be tested without the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

EventType = Literal["Visit", "Meeting", "Agreement"]
Status = Literal["occurred", "planned", "invited", "cancelled", "signed", "inForce"]
Precision = Literal["day", "month", "year"]
ActorKind = Literal["Person", "Organization", "Country", "City", "Region", "Venue"]
PLACE_KINDS = ("Country", "City", "Region", "Venue")


@dataclass(frozen=True)
class DateValue:
    """A resolved calendar date at some precision; `iso` is its lexical form
    (YYYY-MM-DD, YYYY-MM or YYYY) and `text` the words it came from."""
    iso: str
    precision: Precision
    text: str = ""


@dataclass
class Actor:
    """A person, organisation or place, keyed so that one real entity gets one IRI.

    `key` is the resolved identity (e.g. "jean-dupont", "geonames-2988507");
    `label` is the name as this article writes it in full."""
    key: str
    kind: ActorKind
    label: str
    geonames_id: Optional[str] = None
    located_in: Optional["Actor"] = None  # city -> country, venue -> city
    pref_label: Optional[str] = None      # canonical name when a data file knows one
    iso3: Optional[str] = None            # a country's (or territory's) own ISO 3166-1 alpha-3 code
    point: Optional[tuple[str, str]] = None  # GeoNames (latitude, longitude), decimal degrees

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


def country_code(place: Optional["Actor"]) -> Optional[str]:
    """The ISO 3166-1 alpha-3 code of the country a place is (or lies in): the first place up its
    kg:locatedIn chain that has one. None for a continent or a region of several states."""
    seen = set()
    while place is not None and place.key not in seen:
        if place.iso3:
            return place.iso3
        seen.add(place.key)
        place = place.located_in
    return None


@dataclass
class RoleAssignment:
    """"French Foreign Minister Jean Dupont": a role held as of the article's date."""
    holder: Actor
    role: str
    of: Optional[Actor] = None


@dataclass
class Evidence:
    """The sentence an event was read from: verbatim text and its offsets in the article."""
    text: str
    start: int
    end: int


@dataclass
class MentionCues:
    """What the wording says about a mention, for within-article coreference (kg/coref.py);
    never stored. Offsets are token indexes in the article's Doc."""
    trigger_i: int = -1
    sentence: int = -1                 # index of the sentence's first token
    definite: bool = False             # "the meeting", "the Reykjavik summit"
    named: bool = False                # its place is part of its name: "the Reykjavik summit"
    partial: bool = False              # too few arguments to stand alone; only lends place and date
    during_i: int = -1                 # "agreements reached during the summit": that trigger's index
    status_cued: bool = True           # False when the status is the default, not read from words
    date_explicit: bool = False        # the date words carry a year: "in June 2024"
    verbal: bool = False               # a verb told it ("signed"), not a noun ("the agreement")
    background: bool = False           # told as the past of the story: "had visited", "once met"
    place_inferred: bool = False       # the place comes from the trip being told, not the sentence
    repeat: bool = False               # told as happening again: "will meet again next month"


@dataclass
class EventRecord:
    """One event as one article reports it (an event mention)."""
    type: EventType
    status: Status
    evidence: Evidence
    trigger: str = ""
    rule: str = ""
    agents: list[Actor] = field(default_factory=list)   # travellers / participants / parties
    signatories: list[Actor] = field(default_factory=list)  # Agreement: people who signed
    place: Optional[Actor] = None                        # destination / meeting place
    start: Optional[DateValue] = None                    # Visit start, Meeting/Agreement date
    end: Optional[DateValue] = None
    date_text: str = ""                                  # original words, even when unresolved
    mode: Optional[Literal["inPerson", "phone", "video"]] = None
    name: str = ""                                       # Agreement name
    # The article tells this as an earlier or other occurrence than its news: "had visited",
    # "previous meeting", "second visit", "last met", "had not met since" (kg:background).
    background: bool = False
    cues: MentionCues = field(default_factory=MentionCues)


@dataclass
class ArticleMeta:
    url: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    title: Optional[str] = None
    publisher: Optional[str] = None


@dataclass
class ArticleRecord:
    """Everything extracted from one article."""
    stem: str
    text: str
    sha256: str
    meta: ArticleMeta
    events: list[EventRecord] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    # person key -> ISO 3166-1 alpha-3 of the state they act for, as the data or a role says
    nationality: dict[str, str] = field(default_factory=dict)
