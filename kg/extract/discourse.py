"""The article-level model of who and what is being talked about, as the article is read.

Event rules see one sentence; news tells an event across several ("President Novak met
Chancellor Brandt. ... The two leaders then held talks."). The discourse model is updated after
each sentence and consulted by every rule for what a mention leaves to the context: whom a
pronoun means, which pair "the two leaders" or "they" are, the day "earlier in the day" refers to.
"""
from __future__ import annotations

from typing import Optional

from ..records import Actor, DateValue, EventRecord
from .article import Article
from .finders import AGENT_DEPS, subject

RECENT = 4   # sentences within which "they" or "the two leaders" still mean the last group named
SPEAKER_LINES = 8   # the opening sentences where a title or an introduction names the speaker


class Discourse:
    def __init__(self, article: Article):
        self.a = article
        self.last_person: Optional[Actor] = None       # the last person who was a subject
        self.mentioned: list[Actor] = []               # every person named, in order
        self.gathering: Optional[Actor] = None         # the place of the summit or conference told
        self.mentioned_at: list[int] = []              # ...and the sentence number of each
        self.reference_day: Optional[DateValue] = None  # the last day an event was dated to
        self.group: list[Actor] = []                   # the people last named together
        self.group_at = -RECENT - 1                    # the sentence number where they were
        self.groups: list[tuple[int, list[Actor]]] = []  # every group named together, with its sentence
        self.places: list[tuple[int, Actor]] = []      # (sentence number, place) in the order named
        self.trip: Optional[EventRecord] = None        # the last visit told: traveller, destination, date
        self.trip_at = -RECENT - 1
        self.sentence = 0                              # sentences read so far
        self.speaker, self.interview = self._speaker()  # whose remarks, statement or interview this is

    def observe(self, sent, events: list[EventRecord]) -> None:
        """Take in what one sentence said, once its events are read."""
        days = [e.start for e in events if e.start is not None and e.start.precision == "day"]
        if days:
            self.reference_day = days[-1]
        for tok in sent:
            if tok.dep_ in AGENT_DEPS:
                self.last_person = self.named_person(tok) or self.last_person
            if self.a.ents.is_person(tok) and self.a.ents.span_of[tok.i][0] == tok.i:
                self.mentioned.append(self.a.ents.actor(tok))
                self.mentioned_at.append(self.sentence)
        group = self._together(sent, events)
        if len(group) >= 2:
            self.group, self.group_at = group, self.sentence
            self.groups.append((self.sentence, group))
        ents = self.a.ents
        self.places += [(self.sentence, ents.actor(t)) for t in sent
                        if ents.actor(t) is not None and ents.actor(t).is_place and ents.span_of[t.i][0] == t.i]
        self.places += [(self.sentence, e.place) for e in events if e.place is not None]   # "the Mexican capital"
        gatherings = [e.place for e in events if e.place is not None and not e.cues.background
                      and (e.trigger.lower() in self.a.words["gathering_nouns"] or e.rule == "attend-verb")]
        if gatherings:
            self.gathering = gatherings[-1]   # where "the summit" the story is about takes place
        trips = [e for e in events if e.type == "Visit" and e.status != "cancelled" and not e.cues.background]
        if trips:
            self.trip, self.trip_at = trips[-1], self.sentence
        self.sentence += 1

    def _together(self, sent, events: list[EventRecord]) -> list[Actor]:
        """The people a sentence names together: the sides of its last meeting, the travellers
        of one trigger ("X, Y and Z visited Quito"), or a list of names ("X and Y")."""
        by_trigger: dict[int, list[Actor]] = {}
        for e in events:
            if e.type in ("Meeting", "Visit"):
                people = by_trigger.setdefault(e.cues.trigger_i, [])
                people += [a for a in e.agents if a.kind == "Person" and all(a.key != p.key for p in people)]
        groups = [g for g in by_trigger.values() if len(g) >= 2]
        if groups:
            return groups[-1]
        ents = self.a.ents
        for tok in sent:
            if ents.is_person(tok) and tok.dep_ != "conj" and any(ents.is_person(c) for c in tok.conjuncts):
                people = [ents.actor(t) for t in (tok, *tok.conjuncts) if ents.is_person(t)]
                return list({p.key: p for p in people}.values())
        return []

    def named_person(self, tok) -> Optional[Actor]:
        """The person a noun phrase names: itself, or its apposition ("Chile's foreign minister,
        Carolina Valdés Rojas,")."""
        ents = self.a.ents
        if ents.is_person(tok):
            return ents.actor(tok)
        return next((ents.actor(c) for c in tok.children if c.dep_ == "appos" and ents.is_person(c)), None)

    def recent_group(self) -> list[Actor]:
        return self.group if self.sentence - self.group_at <= RECENT else []

    # -- the current trip and places
    def recent_trip(self) -> Optional[EventRecord]:
        return self.trip if self.sentence - self.trip_at <= RECENT else None

    def traveller(self) -> Optional[Actor]:
        """'The visiting minister', 'the guest': who is on the trip the article is telling."""
        trip = self.recent_trip()
        return trip.agents[0] if trip is not None and trip.agents else None

    def host_country(self) -> Optional[Actor]:
        """The country the current trip went to, else the one the story was filed from."""
        trip = self.recent_trip()
        for place in ([trip.place] if trip is not None and trip.place is not None else []) + [self.a.place]:
            while place is not None and place.kind != "Country":
                place = place.located_in
            if place is not None:
                return place
        return None

    def last_place(self, kinds: tuple[str, ...]) -> Optional[Actor]:
        """The place of these kinds last named, recently, else where the dateline says the story is."""
        for at, place in reversed(self.places):
            if self.sentence - at > RECENT:
                break
            if place.kind in kinds:
                return place
        home = self.a.place
        if home is not None and home.kind not in kinds and home.located_in is not None:
            home = home.located_in if home.located_in.kind in kinds else None
        return home if home is not None and home.kind in kinds else None

    def described_place(self, tok) -> Optional[Actor]:
        """'the Chilean capital', 'Peru's capital', 'this capital', 'the city', 'the country':
        the place a description means, by the country it names or the place last named."""
        noun, words = tok.lemma_.lower(), self.a.words
        ents = self.a.ents
        country = next((a for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                        for a in [ents.actor(c) or self.a.gaz.country_of_demonym(c.text)]
                        if a is not None and a.kind == "Country"), None)
        if noun in words["capital_nouns"]:   # "this capital": the city last named, else the last state's capital
            if country is None:
                city, state = self.last_place(("City",)), self.last_place(("Country",))
                return city or (self.a.gaz.capital_of(state) if state is not None else None)
            return self.a.gaz.capital_of(country)
        if country is not None or not any(c.dep_ == "det" and c.lower_ in words["definite"] for c in tok.children):
            return None
        if noun in words["city_nouns"]:
            return self.named_before(tok, "City") or self.last_place(("City",))
        if noun in words["country_nouns"]:
            return self.named_before(tok, "Country") or self.last_place(("Country",))
        return None

    def named_before(self, tok, kind: str) -> Optional[Actor]:
        """The place of this kind last named before a token in its own sentence ('In Rabat, ...
        the Kingdom of Morocco ... the visit to the country')."""
        ents = self.a.ents
        found = [ents.actor(t) for t in tok.sent if t.i < tok.i and ents.actor(t) is not None
                 and ents.actor(t).kind == kind]
        return found[-1] if found else None

    # -- first person
    def _speaker(self) -> tuple[Optional[Actor], bool]:
        """'President X's remarks at ...', 'Press statement by X', 'an interview with Kenya's foreign
        minister': the person whose words the article is, from its opening lines."""
        ents, nouns = self.a.ents, self.a.words["speech_nouns"]
        opening = list(self.a.doc.sents)[:SPEAKER_LINES]
        if any(t.lemma_.lower() in self.a.words["interview_nouns"] or t.lower_ in self.a.words["interview_nouns"]
               for sent in opening for t in sent):
            for sent in opening:   # "VOA spoke with X", "X spoke to our correspondent": the one interviewed
                for verb in [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in ("speak", "talk")]:
                    people = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("with", "to")
                              for o in p.children if ents.is_person(o)] + \
                             [c for c in verb.children if c.dep_ == "nsubj" and ents.is_person(c)]
                    if people:
                        return ents.actor(people[0]), True
        for sent in opening:
            for tok in sent:
                if tok.lemma_.lower() not in nouns and tok.lower_ not in nouns:
                    continue
                owners = [c for c in tok.children if c.dep_ == "poss"] + \
                    [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "with", "from")
                     for o in c.children if o.dep_ == "pobj"]
                interview = tok.lemma_.lower() in self.a.words["interview_nouns"]
                for o in owners:
                    if ents.is_person(o):
                        return ents.actor(o), interview
                    role, country = ents.role_phrase(o)
                    holder = self.a.actors.by_role(role, country) if country is not None else None
                    if holder is not None:
                        return holder, interview
        return None, False

    def first_person(self, tok) -> Optional[Actor]:
        """'I', 'we', 'us': the person the sentence says is speaking ("'We signed it,' X said"),
        else the article's speaker; in an interview 'you' is the one interviewed too."""
        if tok.lower_ in ("you", "your"):
            return self.speaker if self.interview else None
        for t in tok.sent:
            if t.pos_ == "VERB" and self.a.rules.lemma(t) in self.a.words["saying_verbs"]:
                for sayer in [c for c in t.children if c.dep_ == "nsubj"]:
                    if sayer.i <= tok.i <= sayer.right_edge.i:
                        continue
                    person = self.named_person(sayer) or self.role_holder(sayer)   # "Oman's top diplomat wrote"
                    if person is not None:
                        return person
        return self.speaker

    def role_holder(self, tok) -> Optional[Actor]:
        """'Oman's top diplomat': the one the article gives that role, when it names one."""
        if tok.lemma_.lower() not in self.a.role_heads and tok.lower_ not in self.a.role_heads:
            return None
        role, country = self.a.ents.role_phrase(tok)
        return self.a.actors.by_role(role, country)

    # -- people
    def pronoun(self, tok) -> Optional[Actor]:
        """he/she/his: the last person subject before it in the sentence, else the nearest person
        ("X met Y, on his first trip": X); him/her: the most talked-about other person before it
        ("gave Dupont wishes from Lind and invited him"), never the subject of its own clause
        ("X, who hosted her"); else the article's last subject."""
        ents = self.a.ents
        people = [t for t in tok.sent if t.i < tok.i and ents.is_person(t)]
        subjects = [t for t in people if ents.root(t).dep_ in AGENT_DEPS]
        if tok.lower_ in ("he", "she", "his") or tok.dep_ == "poss":
            if people:
                return ents.actor((subjects or people)[-1])
            # "Did you see President X? Yes, he received me": not the person 'me' is
            others = {self.speaker.key} if self.speaker is not None and any(
                c.lower_ in ("me", "us") for c in tok.head.children) else set()
            return next((p for p in [self.last_person, *reversed(self.mentioned)]
                         if p is not None and p.key not in others), None)
        own = {ents.actor(t).key for t in subject(tok.head) if ents.is_person(t)} if tok.dep_ != "nsubj" else set()
        others = [ents.actor(t) for t in people if t not in subjects and ents.actor(t).key not in own]
        if others:
            return max(reversed(others), key=lambda a: ents.salience.get(a.key, 0))
        # "X began a tour that will take him ...": the subject of another clause than the pronoun's
        outside = [t for t in subjects if ents.root(t).head.i != tok.head.i and ents.actor(t).key not in own]
        if outside:
            return ents.actor(outside[-1])
        return self.last_person if self.last_person is not None and self.last_person.key not in own else None

    def pair(self, named: list[Actor], at=None, role: str = "") -> list[Actor]:
        """'The two leaders', 'they', 'both men': the people named before it in its own sentence
        ("received by her counterpart X, and the two ministers talked"), else the people last named
        together; else the named people completed with the article's most talked-about others.
        With a role ('the two leaders'), only people who hold it (or a role of its family) count."""
        def fits(people: list[Actor]) -> list[Actor]:
            return [p for p in people if not role or self.a.actors.holds(p, role)]

        here = fits(self.people_before(at)) if at is not None else []
        group = here if len(here) >= 2 else fits(self.recent_group())
        if named and (len(group) < 2 or any(p.key == n.key for p in group for n in named)):
            # "Trump met both officials": the last pair named that he is not part of
            group = next((fits(g) for at_, g in reversed(self.groups) if self.sentence - at_ <= RECENT
                          and not any(p.key == n.key for p in g for n in named)), None) or fits(self.last_two(named))
        if len(group) >= 2 or (named and group):
            return named + [p for p in group if all(p.key != n.key for n in named)]
        ranked = sorted(fits(list(self.a.actors.persons.values())), key=lambda p: -self.a.ents.salience.get(p.key, 0))
        others = [p for p in ranked if all(p.key != n.key for n in named)]
        return named + others[:max(0, 2 - len(named))]

    def last_two(self, besides: list[Actor]) -> list[Actor]:
        """The last two people named in recent sentences, other than these."""
        out: list[Actor] = []
        for p, at in zip(reversed(self.mentioned), reversed(self.mentioned_at)):
            if self.sentence - at > RECENT or len(out) == 2:
                break
            if all(p.key != x.key for x in besides + out):
                out.append(p)
        return out if len(out) == 2 else []

    def people_before(self, tok) -> list[Actor]:
        """The people a sentence names, or refers to by he/she, before a token."""
        out: list[Actor] = []
        for t in tok.sent:
            if t.i >= tok.i:
                break
            person = self.a.ents.actor(t) if self.a.ents.is_person(t) else \
                (self.pronoun(t) if t.lower_ in ("he", "she") and t.dep_ in AGENT_DEPS else None)
            if person is not None and all(person.key != p.key for p in out):
                out.append(person)
        return out

    def recent_sides(self) -> list[Actor]:
        """The states or organisations of the people last named together, when they differ."""
        sides = [self.a.actors.side_of(p) for p in self.recent_group()]
        return list({s.key: s for s in sides if s is not None}.values())

    def country_pair(self) -> list[Actor]:
        """'The two countries', 'both sides': the states of the people last named together, else
        the article's two most talked-about states."""
        homes = self.recent_sides()
        if len(homes) >= 2:
            return homes
        ents = self.a.ents
        ranked = sorted({a.key: a for a in ents.by_token.values() if a.kind == "Country"}.values(),
                        key=lambda a: -ents.country_salience.get(a.key, 0))
        return ranked[:2] if len(ranked) >= 2 else []
