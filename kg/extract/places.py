"""From the tokens a place finder returns to the places they mean: names, descriptions ("the
Chilean capital", "the airport"), gatherings ("the summit") and, for a leader's inauguration or
funeral, the leader's country.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..records import Actor
from .article import Article
from .discourse import Discourse
from .finders import expand, pp


class Places:
    def __init__(self, article: Article, discourse: Discourse, agent: Callable[..., Optional[Actor]]):
        self.a, self.d, self.agent = article, discourse, agent   # agent: Arguments.agent, for people
        self.ents, self.actors, self.words = article.ents, article.actors, article.words

    def places(self, toks: list) -> list[Actor]:
        """The places these tokens name or describe, a city before the country it lies in."""
        out = []
        for t in toks:
            if self.ents.actor(t) is None and t.lemma_.lower() in self.words["gathering_nouns"]:
                # "came to the Geneva summit", "to the summit in Geneva", "to the summit" (where it was named)
                held = self.places([c for c in t.children if c.dep_ in ("compound", "amod", "nmod")]) \
                    or self.places(pp(t, {"in", "at"}))
                if not held and [c.lower_ for c in t.children] == ["the"]:
                    held = [self.d.gathering or self.d.last_place(("City", "Venue"))]
                out += [x for x in held if x is not None and all(x.key != b.key for b in out)]
                continue
            if self.ents.actor(t) is None and t.lemma_.lower() in self.words["place_nouns"]:
                named = next(iter(pp(t, {"of"})), None)   # "the port city of Durres"
                described = self.d.described_place(t) if named is None else None   # "the Chilean capital"
                if described is not None and all(described.key != b.key for b in out):
                    out.append(described)
                t = named or t
            if self.ents.actor(t) is None:           # "Tokyo's Haneda airport"
                t = next((c for c in t.children if c.dep_ == "poss" and self.ents.actor(c) is not None), t)
            listed = [x for a in t.children if a.dep_ == "appos" for x in expand(a)]   # "Samoa, Tonga and Vanuatu"
            for c in expand(t) + listed:
                a = self.ents.actor(c)
                if a is not None and a.is_place and all(a.key != b.key and not self.a.gaz.contains(a, b) for b in out):
                    out.append(a)   # but "Bergen, Norway" is one place: the city, in its country
        return out

    def homes(self, toks: list) -> list[Actor]:
        """The countries of the people these tokens name (a state's inauguration or funeral is held
        at home)."""
        people = [a for t in toks for a in [self.agent(t, False)] if a is not None and a.kind == "Person"]
        homes = [self.actors.country_of(p) for p in people if p is not None]
        return [h for i, h in enumerate(homes) if h is not None and all(h.key != x.key for x in homes[:i])]
