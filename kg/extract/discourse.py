"""The article-level model of who and what is being talked about, as the article is read.

Event rules see one sentence; news tells an event across several ("President Novak met
Chancellor Brandt. ... The two leaders then held talks."). The discourse model is updated after
each sentence and consulted by every rule for what a mention leaves to the context: whom a
pronoun means, which pair "the two leaders" are, the day "earlier in the day" refers to.
"""
from __future__ import annotations

from typing import Optional

from ..records import Actor, DateValue, EventRecord
from .article import Article
from .finders import AGENT_DEPS


class Discourse:
    def __init__(self, article: Article):
        self.a = article
        self.last_person: Optional[Actor] = None       # the last person who was a subject
        self.reference_day: Optional[DateValue] = None  # the last day an event was dated to

    def observe(self, sent, events: list[EventRecord]) -> None:
        """Take in what one sentence said, once its events are read."""
        days = [e.start for e in events if e.start is not None and e.start.precision == "day"]
        if days:
            self.reference_day = days[-1]
        for tok in sent:
            if tok.dep_ in AGENT_DEPS and self.a.ents.is_person(tok):
                self.last_person = self.a.ents.actor(tok)

    # -- people
    def pronoun(self, tok) -> Optional[Actor]:
        """he/she/his: the last person subject before it in the sentence, else the nearest person
        ("X met Y, on his first trip": X); him/her: the most talked-about other person before it
        ("gave Dupont wishes from Macron and invited him"); else the article's last subject."""
        ents = self.a.ents
        people = [t for t in tok.sent if t.i < tok.i and ents.is_person(t)]
        subjects = [t for t in people if ents.root(t).dep_ in AGENT_DEPS]
        if tok.lower_ in ("he", "she", "his"):
            if people:
                return ents.actor((subjects or people)[-1])
        else:
            others = [ents.actor(t) for t in people if t not in subjects]
            if others:
                return max(reversed(others), key=lambda a: ents.salience.get(a.key, 0))
            # "X began a tour that will take him ...": the subject of another clause than the pronoun's
            outside = [t for t in subjects if ents.root(t).head.i != tok.head.i]
            if outside:
                return ents.actor(outside[-1])
        return self.last_person

    def pair(self, named: list[Actor]) -> list[Actor]:
        """'Following talks with X, both leaders ...': the named people, completed with the
        article's most talked-about others up to two."""
        ranked = sorted(self.a.actors.persons.values(), key=lambda p: -self.a.ents.salience.get(p.key, 0))
        others = [p for p in ranked if all(p.key != n.key for n in named)]
        return named + others[:max(0, 2 - len(named))]

    def country_pair(self) -> list[Actor]:
        """'The two countries': the article's two most talked-about states."""
        ents = self.a.ents
        ranked = sorted({a.key: a for a in ents.by_token.values() if a.kind == "Country"}.values(),
                        key=lambda a: -ents.country_salience.get(a.key, 0))
        return ranked[:2] if len(ranked) >= 2 else []
