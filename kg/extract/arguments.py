"""From the tokens an argument finder returns to the actors they mean (places: kg/extract/places.py).

A token may be a name (kg/extract/entities.py), a role ("the French foreign minister", "his
Saudi counterpart"), a group ("Chad and Niger officials", "a delegation led by X"), a pronoun or
a plural anaphor ("the two leaders"), which the discourse model resolves.
"""
from __future__ import annotations

from typing import Optional

from ..records import Actor
from .article import Article
from .discourse import Discourse
from .finders import AGENT_DEPS, expand, pp
from .resolve import name_data

PLURAL = Actor(key="", kind="Person", label="")            # "both leaders": a pair from the discourse
PLURAL_COUNTRY = Actor(key="", kind="Country", label="")   # "the two countries": the article's two main states


class Arguments:
    def __init__(self, article: Article, discourse: Discourse):
        self.a, self.d = article, discourse
        self.ents, self.actors, self.words = article.ents, article.actors, article.words

    def agents(self, toks: list, allow_places: bool) -> list[Actor]:
        out: list[Actor] = []
        for t in toks:
            if self.source(t):
                continue   # "according to spokesman X, A met B": X reports, he does not take part
            # "Chile's President Boric and Peru's President Boluarte": the name is an apposition whose
            # conjuncts belong to the same list
            more = [x for a in t.children if a.dep_ == "appos" and self.ents.is_person(a) for x in a.conjuncts
                    if self.ents.is_person(x) or any(c.dep_ == "appos" and self.ents.is_person(c) for c in x.children)]
            if allow_places and self.ents.actor(t) is None:   # "two Gulf states, the UAE and Bahrain,"
                more += [x for a in t.children if a.dep_ == "appos" and self.is_state(a) for x in expand(a)]
            # "met President X and Foreign Minister Y" misparsed with X as a modifier of Y
            more += [a for a in t.children if a.dep_ == "nmod" and self.ents.is_person(a) and self.ents.is_person(t)
                     and self.ents.actor(a).key != self.ents.actor(t).key]
            # "a delegation led by X": X travels with it, and speaks for it ("a separate team, led by X")
            led = [o for a in t.children if a.dep_ == "acl" and a.lemma_.lower() in ("lead", "head") for o in pp(a, {"by"})]
            named = [o for x in led for o in [x, *pp(x, {"of"})] if self.ents.is_person(o)]   # "led by State
            led = named or [x for x in led if self.agent(x, False) is not None]   # Minister of Foreign Affairs X"
            more += led
            more += self.split_conjuncts(t, allow_places)
            if allow_places and t.lower_ in self.words["we"]:   # "I met X, and we signed": the speaker and X
                more += [x for x in t.sent if x.i < t.i and self.ents.is_person(x)
                         and self.ents.span_of[x.i][0] == x.i]
            own = [] if led and t.lemma_.lower() in self.a.group_words else expand(t)
            for c in own + more:
                found = self.holders_by_country(c) or \
                    ((self.ents.coordinated.get(c.i) or self.group_countries(c)) if allow_places else []) \
                    or self.role_pair(c)
                for a in found or [self.agent(c, allow_places)]:
                    if a is not None and all(a.key != b.key for b in out):
                        out.append(a)
        return out

    @staticmethod
    def source(tok) -> bool:
        """The token names who reports: 'according to X'."""
        return any(a.lower_ == "according" and a.i < tok.i for a in tok.ancestors)

    def split_conjuncts(self, tok, allow_places: bool = False) -> list:
        """'... as Prime Minister X and Ukrainian President Y were meeting', 'On Monday Egypt, Sudan
        and Ethiopia signed', parsed with X (Egypt) hanging elsewhere: the names right before 'and'
        or a list comma at the left edge of the argument's phrase."""
        doc, out = self.a.doc, []

        def named(t) -> bool:
            return self.ents.is_person(t) or (allow_places and self.is_state(t))

        i = self._title_start(tok.left_edge.i)
        while i >= 2 and doc[i - 1].lower_ in ("and", ",") and named(doc[i - 2]):
            name = doc[i - 2]
            if name.i in [x.i for x in expand(tok)] or (doc[i - 1].lower_ == "," and not any(
                    x.i > tok.i and doc[x.i - 1].lower_ == "and" for x in expand(tok))):
                break   # a comma joins a list only when the list ends in 'and'
            out.append(name)
            i = self._title_start(self.ents.span_of[name.i][0])
        return out

    def _title_start(self, i: int) -> int:
        """Where the title words before a name begin: 'Ukrainian President [Y]'."""
        doc = self.a.doc
        while i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ in ("PROPN", "ADJ") and not self.ents.is_person(doc[i - 1]):
            i -= 1
        return i

    def holders_by_country(self, tok) -> list[Actor]:
        """'the German and French leaders', 'his Italian and French counterparts': the holder of
        the role for each state named, when the article names all of them."""
        if tok.tag_ != "NNS" or tok.lemma_.lower() not in self.a.role_heads:
            return []
        mods = [x for c in tok.children if c.dep_ in ("amod", "compound", "nmod") for x in expand(c)] \
            + [x for o in pp(tok, {"of"}) for x in expand(o)]   # "the leaders of Ethiopia and Somalia"
        countries = [a for x in mods for a in [self.ents.actor(x) or self.a.gaz.country_of_demonym(x.text)]
                     if a is not None and a.kind == "Country"]
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        owner = self.agent(owner, False) if owner is not None else None
        found = []
        for country in countries:
            holder = self.actors.counterpart(owner, country) if owner is not None and \
                tok.lemma_.lower() == "counterpart" else self.actors.by_role(tok.lemma_.lower(), country)
            if holder is None:
                return []
            found.append(holder)
        return found if len(countries) >= 2 else []

    def role_pair(self, tok) -> list[Actor]:
        """'the prime ministers signed': the two people this article calls prime minister."""
        if tok.tag_ != "NNS" or not any(c.lower_ == "the" for c in tok.children) \
                or tok.lemma_.lower() not in self.a.role_heads or self.plural(tok):
            return []   # "the two ministers" are the pair just named, not any two ministers
        words = [c.lower_ for c in tok.lefts if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN")]
        people = self.actors.holders(" ".join(words + [tok.lemma_.lower()]))
        return people if len(people) == 2 else []

    def group_countries(self, tok) -> list[Actor]:
        """'Russian and Chilean leaders', 'Chad and Niger officials': the states behind a group."""
        groups = self.a.group_words
        if tok.lower_ not in self.words["plural_parties"] and tok.lemma_.lower() not in groups \
                and tok.lower_ not in groups:
            return []
        out: list[Actor] = []
        for m in tok.children:
            if m.dep_ in ("amod", "compound", "nmod"):
                for x in expand(m):
                    a = self.ents.actor(x) or self.a.gaz.country_of_demonym(x.text)
                    if a is not None and a.kind == "Country" and all(a.key != b.key for b in out):
                        out.append(a)
        return out if len(out) >= 2 else []

    def agent(self, tok, allow_places: bool) -> Optional[Actor]:
        a = self.ents.actor(tok)
        if a is not None and a.kind == "Organization" and a.pref_label is None \
                and tok.lemma_.lower() in self.a.group_words:
            a = None   # "Nigeria's Federal Government": the state's government, read as a group below
        if a is not None:
            if a.kind == "Organization":   # "the Ministry's envoy, X": a person named in apposition
                return next((self.ents.actor(c) for c in tok.children if c.dep_ == "appos"
                             and self.ents.is_person(c)), a)
            if a.kind == "Person":
                return a
            titled = self.titled_person_after(tok)   # "hosted [Ruritania] prime minister Jean Dupont", misparsed
            if titled is not None:
                return titled
            return a if (allow_places and a.kind == "Country") else None
        lower = tok.lemma_.lower()
        if tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "him", "her", "his"):
            return self.d.pronoun(tok)
        if tok.lower_ in self.words["first_person"]:
            return self.d.first_person(tok)
        if self.plural(tok):
            return PLURAL
        if self.visiting(tok):
            return self.d.traveller()
        named = next((c for c in tok.children if c.dep_ == "appos" and self.ents.is_person(c)), None)
        if named is not None and tok.pos_ == "NOUN":   # "my colleague, Minister X", "the host, X"
            return self.ents.actor(named)
        if allow_places and tok.lower_ in self.words["plural_states"] \
                and any(c.lower_ in ("both", "two") for c in tok.children):
            return PLURAL_COUNTRY
        if allow_places and tok.tag_ == "NNS" and lower in self.a.role_heads:
            country = self.demonym_country(tok)   # "the Ethiopian ministers are expected to sign"
            if country is not None:
                return country
        if lower in self.a.role_heads or tok.text.lower() in self.a.role_heads:
            holder = self.role_holder(tok)
            if holder is not None or tok.lower_ not in self.a.group_words:
                return holder
        if tok.pos_ == "NOUN" and tok.dep_ in AGENT_DEPS:   # "Boric's travels will include meeting X"
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and self.ents.is_person(owner):
                return self.ents.actor(owner)
            if owner is None and tok.lemma_.lower() in self.words["trip_nouns"]:
                return self.d.traveller()   # "The tour starts in Apia on Monday": the traveller's tour
        if lower in self.a.group_words or tok.lower_ in self.a.group_words:
            country = next((self.ents.actor(c) for c in tok.children
                            if self.ents.actor(c) is not None and self.ents.actor(c).kind == "Country"), None)
            if country is not None:
                if allow_places:
                    return country
                group = Actor(key=f"{country.key}-{lower}", kind="Organization", label=f"{country.label} {lower}")
                self.actors.nationality.setdefault(group.key, country)   # a delegation does not visit home
                return group
        if tok.pos_ == "PROPN":
            return self.actors.partial(self.ents.key(tok.text))
        return None

    def titled_person_after(self, tok) -> Optional[Actor]:
        """The person a state's name modifies, when the parse made the state the argument: the
        words after it are title words and then a name ('Ruritania prime minister Jean Dupont')."""
        start, end = self.ents.span_of.get(tok.i, (tok.i, tok.i + 1))
        for t in self.a.doc[end:end + 5]:
            if self.ents.is_person(t):
                return self.ents.actor(t) if t.i > end else None
            if t.is_punct or t.lower_ not in self.a.title_words:
                return None
        return None

    def plural_role(self, trigger) -> str:
        """The role word of the plural anaphor among a trigger's arguments ('the two leaders': leader)."""
        for t in trigger.sent:
            head = t.lemma_.lower() if t.pos_ != "PROPN" else t.lower_.removesuffix("s")   # "the two Heads of State"
            if t.lower_ in self.words["plural_parties"] and head in self.a.role_heads \
                    and any(c.lower_ in self.words["plural_counts"] for c in t.children):
                role = " of ".join([head] + [o.lemma_.lower() for o in pp(t, {"of"})])   # heads of state
                return role if role in name_data()["role_families"] or self.actors.holders(role) else ""
        return ""

    def plural(self, tok) -> bool:
        """'the two leaders', 'both men', 'the pair', 'the two', 'they': people named before."""
        if tok.lower_ in self.words["plural_pronouns"]:
            return bool(self.d.recent_group())
        counted = any(c.lower_ in self.words["plural_counts"] for c in tok.children)
        return (tok.lower_ in self.words["plural_parties"] and counted) \
            or (tok.lower_ in self.words["pair_nouns"] and any(c.lower_ == "the" for c in tok.children)) \
            or (tok.lower_ in self.words["plural_counts"] and tok.dep_ in AGENT_DEPS)

    def demonym_country(self, tok) -> Optional[Actor]:
        """The one state a plural group is of: 'the Ethiopian ministers', 'Chinese officials'."""
        found = {a.key: a for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                 for a in [self.ents.actor(c) or self.a.gaz.country_of_demonym(c.text)]
                 if a is not None and a.kind == "Country"}
        return next(iter(found.values())) if len(found) == 1 else None

    def visiting(self, tok) -> bool:
        """'the visiting minister', 'the guest', 'the visitor': the traveller of the current trip."""
        det = any(c.dep_ == "det" and c.lower_ in ("the", "our", "their") for c in tok.children)
        return det and (tok.lemma_.lower() in self.words["guest_nouns"]
                        or any(c.dep_ == "amod" and c.lower_ == "visiting" for c in tok.children))

    def role_holder(self, tok) -> Optional[Actor]:
        """'the French foreign minister, Jean Dupont', 'his Saudi counterpart': the person in
        the role, by apposition, by the office of the possessor, or by what the article said."""
        for c in tok.children:
            if c.dep_ == "appos" and self.ents.is_person(c):
                return self.ents.actor(c)
        role, country = self.ents.role_phrase(tok)
        if tok.lemma_.lower() == "counterpart":   # the same office, for that country
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            owner = self.agent(owner, False) if owner is not None else None
            found = self.actors.counterpart(owner, country) if owner is not None else None
            if found is not None:
                return found
        if country is None:
            country = next((self.ents.actor(c) for c in tok.children if c.dep_ == "poss"
                            and self.ents.actor(c) is not None and self.ents.actor(c).kind == "Country"), None)
        found = self.actors.by_role(role, country) or \
            (self.actors.by_role(tok.text, country) if role != tok.text.lower() else None)
        if found is None and country is None:   # "the president", said of the one the story is about
            found = self.most_talked_about(self.actors.holders(role))
        if found is None and country is None:   # "talks with the President": the host's, where the trip went
            host = self.d.host_country()
            found = self.actors.by_role(role, host) if host is not None else None
        return found

    def most_talked_about(self, people: list[Actor]) -> Optional[Actor]:
        """The one of these people the article names far more often than any other (twice as often)."""
        ranked = sorted(people, key=lambda p: -self.ents.salience.get(p.key, 0))
        if len(ranked) >= 2 and self.ents.salience.get(ranked[0].key, 0) >= 2 * self.ents.salience.get(ranked[1].key, 0) > 0:
            return ranked[0]
        return None

    def is_state(self, tok) -> bool:
        a = self.ents.actor(tok)
        return a is not None and a.kind == "Country"

    def political(self, actor: Actor) -> bool:
        """People count when the article or the data makes them political actors, not bystanders."""
        if actor.kind != "Person":
            return actor.kind != "Organization" or actor.pref_label is not None \
                or actor.key.endswith(tuple(self.a.group_words))
        return actor.pref_label is not None or self.actors.has_political_role(actor, self.a.role_heads)
