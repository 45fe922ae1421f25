"""Delegations and the people in them.

A story says "an Ethiopian delegation arrived" and names its head and members elsewhere: "led
by X", "X heads the mission", "the delegation also includes A and B", "a team including C".
Events read with the group as an actor are rewritten, once the whole article is read, with its
people: a visit by the whole group (head and members together, one trip), a meeting with its head.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from ..records import Actor, EventRecord
from .article import Article
from .finders import expand, pp, subject


def is_group(actor: Actor, group_words: set[str]) -> bool:
    """An actor minted for "<country> delegation" (see kg/extract/arguments.py)."""
    return actor.kind == "Organization" and actor.key.endswith(tuple(group_words))


class Delegations:
    def __init__(self, article: Article):
        self.a = article
        self.current: Optional[Actor] = None        # the delegation the story is telling
        self.head: dict[str, Actor] = {}            # group key -> its leader
        self.members: dict[str, list[Actor]] = {}   # group key -> other people in it

    def observe(self, sent, events: list[EventRecord]) -> None:
        """Note the delegation a sentence's events name, then who leads it and who is in it."""
        for e in events:
            for a in e.agents:
                if is_group(a, self.a.group_words):
                    self.current = a
        if self.current is None:
            return
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma in self.a.words["group_nouns"] or lemma in self.a.group_words:
                for verb in [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head")]:
                    self._lead(pp(verb, {"by"}))                     # "a team led by X"
                self._join([o for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
                            for o in c.children if o.dep_ == "pobj"])  # "a team including X"
            if tok.pos_ == "VERB" and lemma in ("lead", "head", "chair"):
                if any(o.lemma_.lower() in self.a.words["group_nouns"] | self.a.group_words
                       for o in tok.children if o.dep_ == "dobj"):
                    self._lead(subject(tok))                         # "X heads the mission"
            if tok.pos_ == "VERB" and lemma in ("include", "comprise"):
                if any(s.lemma_.lower() in self.a.words["group_nouns"] | self.a.group_words for s in subject(tok)):
                    self._join([o for o in tok.children if o.dep_ == "dobj"])   # "the delegation includes X"

    def _people(self, toks) -> list[Actor]:
        ents, out = self.a.ents, []
        for t in toks:
            for x in expand(t):
                holder = ents.actor(x) if ents.is_person(x) else next(
                    (ents.actor(c) for c in x.children if c.dep_ == "appos" and ents.is_person(c)), None)
                if holder is not None and all(holder.key != p.key for p in out):
                    out.append(holder)
        return out

    def _lead(self, toks) -> None:
        people = self._people(toks)
        if people and self.current.key not in self.head:
            self.head[self.current.key] = people[0]

    def _join(self, toks) -> None:
        members = self.members.setdefault(self.current.key, [])
        members += [p for p in self._people(toks) if all(p.key != m.key for m in members)]

    def resolve(self, events: list[EventRecord]) -> list[EventRecord]:
        """The events with each delegation whose people the article names replaced by them."""
        return [self._resolved(e) for e in events]

    def _resolved(self, e: EventRecord) -> EventRecord:
        agents: list[Actor] = []
        for a in e.agents:
            head = self.head.get(a.key)
            people = ([head] if head else []) + (self.members.get(a.key, []) if e.type == "Visit" else [])
            if not people and self.members.get(a.key) and e.type == "Visit":
                people = self.members[a.key]
            for p in people or [a]:
                if all(p.key != x.key for x in agents):
                    agents.append(p)
        return dataclasses.replace(e, agents=agents) if agents != e.agents else e
