"""Event rules: a rule component over a parsed article, configured from data.

Rules (kg/extract/rules.py, from kg/data/rules/events.json) name a trigger by lemma and part of
speech, and the argument finders (kg/extract/finders.py) that fill its roles from the dependency
parse, in the manner of PETRARCH/CAMEO coders. This module reads the article sentence by
sentence, applies the rules and builds `EventRecord`s; the arguments, the status, the date and
the discourse context each come from their own module. It knows nothing of RDF.
"""
from __future__ import annotations

import re

from ..records import EventRecord, MentionCues
from . import coref
from . import dates as datemod
from .arguments import PLURAL, PLURAL_COUNTRY, Arguments
from .article import Article
from .delegations import Delegations
from .discourse import Discourse
from .entities import is_headline
from .finders import TOPIC_PREPS, deep_pp, expand, find, governor, pp, time_copula
from .implied import implied_visits, news, trips_to_meet
from .modality import background, earlier, status
from .places import Places
from .rules import Rule
from .timing import DateReader, month_of, present_simple

LEDE_SENTENCES = 3   # the opening sentences that report the news itself
SENTENCE_END = (".", "!", "?", '"', "”", "'", "’")
FUTURE_WORDS = re.compile(r"(next|tomorrow|later this|this coming)\b", re.I)   # plainly ahead of the story
# "arrives in Dakar on Monday": in a sentence of the story, the present tense with a weekday is a timetable
TIMETABLE_WORDS = re.compile(rf"(on |this )?({'|'.join(datemod.WEEKDAYS)})\b", re.I)
HOME_FINDERS = {"ceremony-owner"}   # finders that give people, whose country is the place
NAME_FINDERS = {"compound", "amod-place"}   # "the Reykjavik summit", "the Helsinki talks"
YEAR = re.compile(rf"\b{datemod.YEAR_NUM}\b")
TENSE = {"occurred": "past", "signed": "past", "planned": "future", "cancelled": None}


class EventReader:
    """Turns one parsed article into event records."""

    def __init__(self, article: Article):
        self.a = article
        self.d = Discourse(article)
        self.args = Arguments(article, self.d)
        self.where = Places(article, self.d, self.args.agent)
        self.when = DateReader(article, self.d)
        self.groups = Delegations(article)
        self.sentence_found: list[EventRecord] = []   # what the sentence being read has told so far

    def run(self) -> list[EventRecord]:
        events: list[EventRecord] = []
        lede: set[int] = set()
        told = 0
        for sent in self.a.doc.sents:
            if not sent.text.strip() or is_headline(sent):
                continue
            if told < LEDE_SENTENCES:
                lede.add(sent.start)   # a headline line of its own is in the lede but not one of its sentences
                told += sent.text.rstrip().endswith(SENTENCE_END)
            found = self.sentence_found = []
            for tok in sent:
                for rule in self.a.rules.matching(tok):
                    found += self.apply(rule, tok)
            events += found
            self.d.observe(sent, found)
            self.groups.observe(sent, found)
        events = self.groups.resolve(events)
        events = self.when.lede_dates(events, lede)
        events = coref.resolve(events, self.a.actors.country_of, self.a.gaz.contains, lambda e: news(e, self.a))
        return [e for e in events + implied_visits(events, self.a) if well_formed(e)]

    def apply(self, rule: Rule, tok) -> list[EventRecord]:
        if not self.fits(rule, tok):
            return []
        st, cued = status(tok, rule, self.a.rules)
        if st is None:
            return []
        allow_places = rule.type in ("Meeting", "Agreement")
        agents, partners = self.roles(rule, tok, allow_places)
        places, place_finder = self.places(rule, tok)
        if rule.context_required and not places and not self.in_person_context(tok):
            return []
        hosts = next((h for f in rule.host if (h := self.args.agents(find(f, tok, self.a.doc), False))), [])
        anchor = self.when.anchor(tok) if st != "cancelled" else None   # "called off on Monday": not its day
        when, words = (None, "") if st == "invited" else self.when.date_for(tok, anchor, TENSE.get(st))
        if rule.partner_required and not partners and len(agents) >= 2:
            partners, agents = agents[1:], agents[:1]   # "X and Y spoke by phone": each the other's partner
        if st == "occurred" and not cued and present_simple(tok) and (FUTURE_WORDS.match(words or "") or (
                TIMETABLE_WORDS.match(words or "") and tok.sent.text.rstrip().endswith(SENTENCE_END))):
            st, cued = "planned", True   # "X visits Y next week": the present of a timetable
            when, words = self.when.date_for(tok, anchor, "future")
        trip = self.d.recent_trip()
        if not cued and trip is not None and agents and agents[0] is self.d.traveller() \
                and rule.type == "Meeting" and tok.pos_ == "NOUN":
            st = {"planned": "planned", "invited": "planned"}.get(trip.status, st)   # talks on a planned trip
        cues = MentionCues(trigger_i=tok.i, sentence=tok.sent.start,
                           definite=any(c.dep_ == "det" and c.lower_ in self.a.words["definite"] for c in tok.children),
                           named=tok.pos_ in ("NOUN", "PROPN") and place_finder in NAME_FINDERS,
                           during_i=self.during(tok), status_cued=cued, verbal=tok.pos_ == "VERB",
                           background=background(tok, self.a.rules),
                           repeat=any(c.dep_ == "advmod" and c.lower_ == "again" for c in tok.children),
                           date_explicit=when is not None and YEAR.search(words) is not None)
        base = dict(status=st, evidence=self.a.evidence(tok.sent), trigger=tok.text, rule=rule.id,
                    start=when.start if when else None, end=when.end if when else None, date_text=words, cues=cues,
                    background=earlier(tok, self.a.rules))
        agents, partners = self.plurals(agents, partners, tok)
        agents = [x for x in agents if self.args.political(x)]
        partners = [x for x in partners if self.args.political(x)]
        build = {"Visit": self.visits, "Meeting": self.meetings, "Agreement": self.agreements}[rule.type]
        return build(rule, tok, agents, partners, places, hosts, base)

    def fits(self, rule: Rule, tok) -> bool:
        """The trigger's object and subject are of the kinds the rule requires."""
        if rule.requires_object:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + pp(tok, {"on", "to"}) \
                + ([tok.head] if tok.dep_ == "relcl" else [])   # "the deal that X and Y reached"
            found = [o for x in objs for o in expand(x) if o.lemma_.lower() in rule.requires_object]
            if not found or (rule.object_modifiers and not any(
                    m.dep_ in ("amod", "compound") and m.lower_ in rule.object_modifiers for o in found for m in o.children)):
                return False
        return not rule.requires_subject or any(t.lemma_.lower() in rule.requires_subject
                                                for t in find("subject", tok, self.a.doc))

    def roles(self, rule: Rule, tok, allow_places: bool):
        """(agents, partners): the first agent finder that finds any, and every partner finder's."""
        agents = next((x for f in rule.agent if (x := self.args.agents(find(f, tok, self.a.doc), allow_places))), [])
        between = self.args.agents(find("between", tok, self.a.doc), allow_places) if "between" in rule.partner else []
        if len(between) >= 2:
            agents = []
        partners, named = [], False
        for f in rule.partner:
            toks = find(f, tok, self.a.doc)
            named = named or bool(toks)
            partners += [x for x in self.args.agents(toks, allow_places) if all(x.key != b.key for b in partners)]
        if named and not partners and any(x is PLURAL for x in agents):
            agents = []   # "they also met the king": with someone unnamed, not with each other again
        traveller = self.d.traveller()
        if rule.type == "Meeting" and tok.pos_ == "NOUN" and not agents and partners and traveller is not None \
                and all(traveller.key != x.key for x in partners):
            agents = [traveller]   # "The programme includes talks with the President": the visitor's talks
        return agents, partners

    def places(self, rule: Rule, tok) -> tuple[list, str]:
        """The places the rule's finders give, and which finder gave them; a meeting also looks
        where its governing verb and prepositions say it was."""
        for f in rule.place:
            found = self.where.homes(find(f, tok, self.a.doc)) if f in HOME_FINDERS else \
                self.where.places(find(f, tok, self.a.doc))
            if found:
                return found, f
        found = self.where.places(where_antecedent(tok))   # "Quito, where he met the president"
        if found:
            return found, ""
        if rule.type != "Meeting":
            return [], ""
        g = governor(tok) if tok.pos_ in ("NOUN", "PROPN") else time_copula(tok)
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ not in TOPIC_PREPS]
        for t in [g] + [c for c in tok.children if c.dep_ == "dobj"] + preps + [p for c in preps for p in c.children]:
            found = self.where.places(pp(t, {"in", "at"})) if t is not None else []
            if found:
                return found, ""
        return self.where.places(deep_pp(tok, {"in", "at"})), ""

    def plurals(self, agents, partners, tok):
        """'The two leaders', 'both countries': the pair the discourse gives."""
        if any(x is PLURAL for x in agents + partners):
            people = self.d.pair([x for x in agents + partners if x is not PLURAL], tok, self.args.plural_role(tok))
            return people[:1], people[1:]   # the second is the partner: "the two leaders discussed trade"
        if any(x is PLURAL_COUNTRY for x in agents + partners):
            named = [x for x in agents + partners if x is not PLURAL_COUNTRY]
            if len(named) >= 2:   # "Israel and two Gulf states, the UAE and Bahrain,": named after all
                return [x for x in agents if x is not PLURAL_COUNTRY], [x for x in partners if x is not PLURAL_COUNTRY]
            return self.d.country_pair(), []
        return agents, partners

    # -- one builder per event type
    def visits(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        out = []
        # a traveller is never the host: "X, who hosted her", where "her" resolved back to X
        travellers = [x for x in agents if (x.kind == "Person" or x.key.endswith(tuple(self.a.group_words)))
                      and all(x.key != h.key for h in hosts)]
        trip = base
        if rule.date_within and base["start"] is not None and base["start"].precision == "day":
            trip = {**base, "start": month_of(base["start"]), "end": None}   # a day during the visit, not its start
        if rule.date_is_end and base["start"] is not None:   # "came back on Thursday": the trip ended then
            trip = {**base, "start": month_of(base["start"]), "end": base["end"] or base["start"]}
        if rule.guest and hosts and not places:   # hosting happens at home: the host's country
            home = self.a.actors.country_of(hosts[0]) if hosts[0].kind == "Person" else None
            places = [home] if home is not None else []
        for place in places:
            # a visit leaves home: never to one's own country; "is in P" only when P is known abroad
            going = [x for x in travellers if (self.a.abroad(x, place) if rule.abroad_only else not self.a.at_home(x, place))]
            # one visit per traveller: each leader's trip is their own, even when they travel together
            out += [EventRecord(type="Visit", agents=[x], place=place, **trip) for x in going]
        if rule.guest and hosts and travellers:
            out.append(EventRecord(type="Meeting", agents=hosts + travellers, place=places[0] if places else None,
                                   mode="inPerson", **base))
        return out

    def meetings(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        out = []
        people = agents + [p for p in partners if all(p.key != x.key for x in agents)]
        if rule.partner_required and not partners:
            return []
        if len(people) < 2 and tok.pos_ == "VERB":   # "X met officials in A, B and C": X went there
            out += trips_to_meet(people, places, base, self.a)
        if len(people) >= 2 and any(p.kind == "Person" for p in people):
            mode = self.mode(rule, tok)
            if not places and mode == "inPerson":
                places = self.trip_place(people, base["status"])
                base["cues"].place_inferred = bool(places) and not rule.presence
            for sides in self.separate(rule, tok, agents, [p for p in people if p not in agents]):
                out.append(EventRecord(type="Meeting", agents=sides, place=places[0] if places else None,
                                       mode=mode, **base))
        elif base["cues"].named and places:   # "the Reykjavik summit held in October 1986": lends place and date
            base["cues"].partial = True
            out.append(EventRecord(type="Meeting", agents=people, place=places[0], **base))
        return out

    def agreements(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        parties, first = [], []
        for x in agents + partners:
            party = x if x.kind in ("Country", "Organization") else self.a.actors.side_of(x)
            if party is not None and all(party.key != p.key for p in parties):
                parties.append(party)
                if any(x is a for a in agents):
                    first.append(party)
        if len(parties) < 2 and base["cues"].during_i < 0:
            # "the agreement was signed at the White House": between the sides just named together
            sides = self.d.recent_sides() if self.signing(tok) else []
            if len(sides) == 2 and all(any(p.key == s.key for s in sides) for p in parties):
                parties = sides
        base["cues"].partial = len(parties) < 2
        if len(parties) < 2 and base["cues"].during_i < 0:   # else parties from the meeting it was made at
            return []
        signers = [x for x in agents + partners if x.kind == "Person"]
        rest = [p for p in parties if all(p.key != f.key for f in first)]
        return [EventRecord(type="Agreement", agents=sides, name=agreement_name(tok), signatories=signers, **base)
                for sides in self.separate(rule, tok, first, rest)]

    def separate(self, rule, tok, agents: list, partners: list) -> list[list]:
        """One event per side where the words keep them apart: 'X and Y signed separate agreements
        with A and B' (X with A and B, Y with A and B), 'held separate meetings with A and B' (with A,
        with B), 'Israel and two Gulf states signed agreements' (Israel with each); else one event."""
        sides = agents + partners
        noun = tok if tok.pos_ in ("NOUN", "PROPN") else \
            next((c for c in tok.children if c.dep_ == "dobj"), tok) if rule.type == "Agreement" else tok
        said = any(c.lower_ in self.a.words["separate_words"] for c in noun.children)
        plural = noun.tag_ == "NNS" and noun.lemma_.lower() not in self.a.words["collective_nouns"]
        if len(sides) < 3 or not (said or (plural and (rule.type == "Agreement" or noun is tok))):
            return [sides]
        if len(agents) >= 2 and partners:
            return [[a, *partners] for a in agents]
        return [[sides[0], other] for other in sides[1:]]

    def trip_place(self, people, status: str) -> list:
        """A meeting the article places nowhere, with the traveller of the trip it is telling
        ('Lind is to travel to Oslo ... Okafor is to join the Norwegian and Swedish leaders'),
        happens where that trip went."""
        here = [e for e in self.sentence_found if e.type == "Visit" and not e.cues.background]
        trip = here[-1] if here else self.d.recent_trip()
        if trip is None or trip.place is None or trip.status != status or trip.cues.background:
            return []
        return [trip.place] if any(p.key == t.key for p in people for t in trip.agents) else []

    def signing(self, tok) -> bool:
        """The mention is a signing: 'was signed', 'the accord they signed', 'signed the deal'."""
        verbs = self.a.words["signing_verbs"]
        near = [tok, governor(tok)] + [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        return any(t is not None and t.pos_ == "VERB" and self.a.rules.lemma(t) in verbs for t in near)

    @staticmethod
    def mode(rule: Rule, tok) -> str:
        """In person, unless the trigger is a call or the words say by phone or video."""
        mode = "phone" if tok.lemma_.lower() in rule.calls or tok.text.lower() in rule.calls else "inPerson"
        means = list(tok.children) + pp(tok, {"by", "over", "on", "via"})   # "spoke by phone"
        # "during their phone call, they discussed ...": the clause belongs to the call
        clause = [tok, governor(tok.head) if tok.dep_ == "relcl" else tok.head] \
            if tok.dep_ in ("relcl", "ccomp", "xcomp", "conj") else [tok]
        clause = [t for t in clause if t is not None]
        means += [x for t in clause for o in pp(t, {"during", "in"}) if o.lemma_.lower() in ("call", "conversation")
                  for x in [o, *o.children]]
        if any(c.lower_ in ("phone", "telephone", "video", "videoconference", "videolink") for c in means):
            mode = "video" if any(c.lower_.startswith("video") for c in means) else "phone"
        return mode

    def in_person_context(self, tok) -> bool:
        """'during the visit', 'on the sidelines of the summit', or a visit verb beside it."""
        for t in pp(tok, {"during", "at", "on"}):
            if any(r.type in ("Visit", "Meeting") and "NOUN" in r.pos for r in self.a.rules.matching(t)):
                return True
            if t.lower_ == "sidelines":
                return True
        near = [tok.head] if tok.dep_ == "conj" else []
        near += [c for c in tok.children if c.dep_ == "conj"]
        return any(r.type == "Visit" for t in near for r in self.a.rules.matching(t))

    def during(self, tok) -> int:
        """'agreed during the summit', 'agreements established at the summit': that meeting's token."""
        for h in [tok] + [c for c in tok.children if c.dep_ == "acl"]:
            for t in pp(h, {"during", "at"}):
                if any(r.type == "Meeting" for r in self.a.rules.matching(t)):
                    return t.i
        return -1


def where_antecedent(tok) -> list:
    """'..., where she is scheduled to hold talks': the place a relative 'where' clause hangs from."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "relcl" and any(c.lower_ == "where" for c in cur.children):
            return [cur.head]
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def well_formed(e: EventRecord) -> bool:
    """What the shapes require of a mention, checked before validation so that one misread
    mention costs nothing else: two distinct sides to a meeting or an agreement, a place to go to."""
    if e.type == "Visit":
        return bool(e.agents) and e.place is not None
    return len({a.key for a in e.agents}) >= 2


def agreement_name(tok) -> str:
    """'signed a memorandum of understanding on trade' -> "memorandum of understanding on trade"."""
    noun = tok
    if tok.pos_ == "VERB":
        noun = next((c for c in tok.children if c.dep_ == "dobj"), tok)
    of = [t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
          and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children) for t in c.subtree]
    words = [t for t in noun.subtree if (t.i <= noun.i or t in of) and not t.is_space
             and t.dep_ not in ("det", "poss", "case", "punct")]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))[:120]
