"""One article as the event rules see it: the parse, its publication date, and what the
entity stage found. Built once per article by kg/extract/pipeline.py and shared, read-only,
by the argument finders, the modality and date readers and the discourse model."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ..records import Actor, Evidence
from .entities import Entities
from .resolve import ArticleActors, name_data
from .rules import Rules


@dataclass
class Article:
    doc: object                      # the spaCy Doc of the analysis text
    text: str                        # the article as the user has it: evidence offsets point here
    published: Optional[date]
    gaz: object                      # kg.extract.gazetteer.Gazetteer
    rules: Rules
    actors: ArticleActors
    ents: Entities
    place: Optional[Actor] = None    # where the dateline says the story was filed
    role_heads: set = field(default_factory=lambda: set(name_data()["role_heads"]))
    group_words: set = field(default_factory=lambda: set(name_data()["group_words"]))

    def __post_init__(self):
        self.title_words = {w for h in self.role_heads for w in h.split()}   # "prime", "minister", ...

    @property
    def words(self) -> dict[str, set[str]]:
        return self.rules.words

    def evidence(self, sent) -> Evidence:
        """The sentence verbatim from the original text, without surrounding space."""
        start, end = sent.start_char, sent.end_char
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(self.text[start:end], start, end)

    def home(self, actor: Actor) -> Optional[Actor]:
        """A person's country as this article or the data gives it; a state is its own home."""
        if actor.kind == "Person":
            return self.actors.country_of(actor)
        return actor if actor.kind == "Country" else None

    def at_home(self, person: Actor, place: Actor) -> bool:
        """The place lies in the person's known country."""
        home = self.actors.country_of(person)
        return home is not None and (home.key == place.key or self.gaz.contains(home, place))

    def abroad(self, person: Actor, place: Actor) -> bool:
        """The place lies outside the person's known country (False when the country is unknown);
        an official of an international organisation is abroad wherever they go."""
        if person.kind != "Person":
            return False
        if self.actors.country_of(person) is None:
            return person.key in self.actors.affiliation
        return not self.at_home(person, place)
