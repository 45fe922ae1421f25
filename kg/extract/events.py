"""Event extraction: a rule component over a parsed spaCy Doc, configured from data.

Rules (kg/rules.py, from kg/data/rules/events.json) name a trigger by lemma and part of speech,
and the argument finders (kg/finders.py) that fill its roles from the dependency parse, in the
manner of PETRARCH/CAMEO coders; kg/entities.py says what each token names. This module turns
a Doc into `EventRecord`s (completed by kg/coref.py); it knows nothing of RDF.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import Optional

from ..records import Actor, DateValue, EventRecord, Evidence, MentionCues
from . import coref
from . import dates as datemod
from .entities import Entities, is_headline
from .finders import AGENT_DEPS, clause_verb, deep_pp, expand, find, governor, pp
from .resolve import ArticleActors, name_data
from .rules import Rule, load_rules

LEDE_SENTENCES = 3   # the opening sentences that report the news itself
SENTENCE_END = (".", "!", "?", '"', "”", "'", "’")
FUTURE_WORDS = re.compile(r"(next|tomorrow|later this|this coming)\b", re.I)   # plainly ahead of the story
TRIP_DAYS = 3   # a meeting this close to a reported trip to the same place happened on that trip
NAME_FINDERS = {"compound", "amod-place"}   # "the Reykjavik summit", "the Helsinki talks"
YEAR = re.compile(rf"\b{datemod.YEAR_NUM}\b")


PLURAL = Actor(key="", kind="Person", label="")            # "both leaders": the article's two main people
PLURAL_COUNTRY = Actor(key="", kind="Country", label="")   # "the two countries": the article's two main states


# --- the extractor ------------------------------------------------------------------------------

class Extractor:
    """Turns one parsed article into event records."""

    def __init__(self, doc, text: str, published: Optional[date], gazetteer):
        self.doc, self.text, self.published, self.gaz = doc, text, published, gazetteer
        self.rules = load_rules()
        self.words = self.rules.words
        self.lemma_fixes = dict(pair.split() for pair in self.words.get("lemma_fixes", ()))
        self.actors = ArticleActors(gazetteer)
        self.ents = Entities(doc, self.actors, gazetteer)
        self.role_heads = set(name_data()["role_heads"])
        self.group_words = set(name_data()["group_words"])
        self.last_person: Optional[Actor] = None
        self.reference_day: Optional[DateValue] = None   # the last day an event was dated to

    # -- resolving argument tokens to actors
    def agents(self, toks: list, allow_places: bool) -> list[Actor]:
        out: list[Actor] = []
        for t in toks:
            # "Chile's President Boric and Peru's President Boluarte": the name is an apposition whose
            # conjuncts belong to the same list
            more = [x for a in t.children if a.dep_ == "appos" and self.ents.is_person(a) for x in a.conjuncts]
            # "met President X and Foreign Minister Y" misparsed with X as a modifier of Y
            more += [a for a in t.children if a.dep_ == "nmod" and self.ents.is_person(a) and self.ents.is_person(t)
                     and self.ents.actor(a).key != self.ents.actor(t).key]
            # "a delegation led by X": X travels with it
            more += [o for a in t.children if a.dep_ == "acl" and a.lemma_.lower() in ("lead", "head")
                     for o in pp(a, {"by"})]
            for c in expand(t) + more:
                found = (self.ents.coordinated.get(c.i) or self.group_countries(c)) if allow_places else []
                found = found or self.role_pair(c)
                for a in found or [self.agent(c, allow_places)]:
                    if a is not None and all(a.key != b.key for b in out):
                        out.append(a)
        return out

    def role_pair(self, tok) -> list[Actor]:
        """'the prime ministers signed': the two people this article calls prime minister."""
        if tok.tag_ != "NNS" or not any(c.lower_ == "the" for c in tok.children) \
                or tok.lemma_.lower() not in self.role_heads:
            return []
        words = [c.lower_ for c in tok.lefts if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN")]
        people = self.actors.holders(" ".join(words + [tok.lemma_.lower()]))
        return people if len(people) == 2 else []

    def group_countries(self, tok) -> list[Actor]:
        """'Russian and Chilean leaders', 'Chad and Niger officials': the states behind a group."""
        if tok.lower_ not in self.words["plural_parties"] and tok.lemma_.lower() not in self.group_words \
                and tok.lower_ not in self.group_words:
            return []
        out: list[Actor] = []
        for m in tok.children:
            if m.dep_ in ("amod", "compound", "nmod"):
                for x in expand(m):
                    a = self.ents.actor(x) or self.gaz.country_of_demonym(x.text)
                    if a is not None and a.kind == "Country" and all(a.key != b.key for b in out):
                        out.append(a)
        return out if len(out) >= 2 else []

    def agent(self, tok, allow_places: bool) -> Optional[Actor]:
        a = self.ents.actor(tok)
        if a is not None:
            if a.kind == "Person" or a.kind == "Organization":
                return a
            return a if (allow_places and a.kind == "Country") else None
        lower = tok.lemma_.lower()
        if tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "him", "her", "his"):
            return self.pronoun(tok)
        if tok.lower_ in self.words["plural_parties"] and any(c.lower_ in ("both", "two") for c in tok.children):
            return PLURAL
        if allow_places and tok.lower_ in self.words["plural_states"] and any(c.lower_ in ("both", "two") for c in tok.children):
            return PLURAL_COUNTRY
        if lower in self.role_heads or tok.text.lower() in self.role_heads:
            for c in tok.children:
                if c.dep_ == "appos" and self.ents.is_person(c):
                    return self.ents.actor(c)
            if lower == "counterpart":   # "his Saudi counterpart": the same office, for that country
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                owner = self.agent(owner, False) if owner is not None else None
                _, country = self.ents.role_phrase(tok)
                found = self.actors.counterpart(owner, country) if owner is not None else None
                if found is not None:
                    return found
            role, country = self.ents.role_phrase(tok)
            if country is None:
                country = next((self.ents.actor(c) for c in tok.children if c.dep_ == "poss"
                                and self.ents.actor(c) is not None and self.ents.actor(c).kind == "Country"), None)
            holder = self.actors.by_role(role, country) or \
                (self.actors.by_role(tok.text, country) if role != tok.text.lower() else None)
            if holder is not None or tok.lower_ not in self.group_words:
                return holder
        if tok.pos_ == "NOUN" and tok.dep_ in AGENT_DEPS:   # "Boric's travels will include meeting X"
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and self.ents.is_person(owner):
                return self.ents.actor(owner)
        if lower in self.group_words or tok.lower_ in self.group_words:
            country = next((self.ents.actor(c) for c in tok.children
                            if self.ents.actor(c) is not None and self.ents.actor(c).kind == "Country"), None)
            if country is not None:
                if allow_places:
                    return country
                return Actor(key=f"{country.key}-{lower}", kind="Organization",
                             label=f"{country.label} {lower}")
        if tok.pos_ == "PROPN":
            person = self.actors.partial(self.ents.key(tok.text))
            return person
        return None

    def pronoun(self, tok) -> Optional[Actor]:
        """he/she/his: the last person subject before it in the sentence, else the nearest person
        ("X met Y, on his first trip": X); him/her: the most talked-about other person before it
        ("gave Dupont wishes from Macron and invited him"); else the article's last subject."""
        people = [t for t in tok.sent if t.i < tok.i and self.ents.is_person(t)]
        subjects = [t for t in people if self.ents.root(t).dep_ in AGENT_DEPS]
        if tok.lower_ in ("he", "she", "his"):
            if people:
                return self.ents.actor((subjects or people)[-1])
        else:
            others = [self.ents.actor(t) for t in people if t not in subjects]
            if others:
                return max(reversed(others), key=lambda a: self.ents.salience.get(a.key, 0))
            # "X began a tour that will take him ...": the subject of another clause than the pronoun's
            outside = [t for t in subjects if self.ents.root(t).head.i != tok.head.i]
            if outside:
                return self.ents.actor(outside[-1])
        return self.last_person

    def places(self, toks: list) -> list[Actor]:
        out = []
        for t in toks:
            if self.ents.actor(t) is None and t.lemma_.lower() in self.words["place_nouns"]:
                t = next(iter(pp(t, {"of"})), t)   # "the port city of Durres"
            elif self.ents.actor(t) is None:         # "Tokyo's Haneda airport"
                t = next((c for c in t.children if c.dep_ == "poss" and self.ents.actor(c) is not None), t)
            for c in expand(t):
                a = self.ents.actor(c)
                if a is not None and a.is_place and all(a.key != b.key for b in out):
                    out.append(a)
        return out

    # -- status
    def status(self, trigger, rule: Rule) -> tuple[Optional[str], bool]:
        """The status the words give, and whether any word gave it (False: the default)."""
        st = self.rules.status
        negations = st.get("negations", set())
        chain = [trigger]
        cur = trigger
        for _ in range(5):
            if cur.dep_ in ("xcomp", "acl", "dobj", "pobj", "prep", "attr", "nsubjpass", "nsubj", "acomp", "advcl", "pcomp") and cur.head.i != cur.i:
                cur = cur.head
                chain.append(cur)
            else:
                break
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in st.get("negating_governors", set()):
            return None, True   # "denied that he had met X"
        status = None
        conditions = st.get("condition_markers", set())
        if any(c.dep_ == "advmod" and c.lower_ in st.get("habitual_modifiers", set()) for c in trigger.children):
            return None, True   # "had negotiated with X extensively": a career, not an event
        for t in chain:
            if any(c.dep_ == "neg" or c.lower_ in negations and c.dep_ in ("neg", "det") for c in t.children):
                return None, True
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditions for m in c.children)
                   for c in t.children):
                return None, True   # "a truce could take place if the rebels agree": hypothetical
            key = self.lemma_fixes.get(t.lemma_.lower(), t.lemma_.lower())
            phrasal = (key + " " + " ".join(c.lower_ for c in t.children if c.dep_ == "prt")).strip()
            mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "compound", "advmod", "acomp")}
            if t is not trigger and {key, phrasal} & st.get("negating_governors", set()):
                return None, True   # "ruled out a visit", "rejected the deal"
            if key in st.get("cancelled_governors", ()) or phrasal in st.get("cancelled_governors", ()):
                return "cancelled", True
            if t is not trigger and key in st.get("invited_governors", ()):
                return ("invited" if rule.type == "Visit" else "planned"), True
            if (t is not trigger and key in st.get("planned_governors", ())) or mods & st.get("planned_modifiers", set()):
                status = status or "planned"
            auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if auxes & st.get("planned_auxiliaries", set()):
                status = status or "planned"
            if any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) and t is chain[-1]:
                status = status or "planned"
        if rule.fixed_status:
            return rule.fixed_status, True
        if trigger.lemma_.lower() in rule.planned_lemmas:
            status = status or "planned"
        if status:
            return status, True
        return ("signed" if rule.type == "Agreement" else "occurred"), False

    # -- dates
    def date_for(self, trigger, anchor, tense: Optional[str]):
        sent = trigger.sent
        heads = {trigger.i}
        if anchor is not None:
            heads.add(anchor.i)
        if trigger.dep_ in ("acl", "ccomp") and trigger.head.pos_ == "NOUN":
            heads.add(trigger.head.i)   # "Tuesday's announcement that X had agreed to a ceasefire"
        cands = []
        not_event = self.rules.status.get("not_event_date_preps", set())
        for ent in sent.ents:
            if ent.label_ == "TIME" and datemod.ANAPHORIC_DAY.fullmatch(ent.text):
                pass   # "earlier in the day", tagged as a time
            elif ent.label_ != "DATE" or (ent.start > 0 and self.doc[ent.start - 1].lower_ in not_event) \
                    or datemod.is_duration(ent.text):
                continue
            cur = ent.root
            for steps in range(6):
                if cur.i in heads:
                    cands.append((steps, ent))
                    break
                if cur.head.i == cur.i or (cur.i != ent.root.i and cur.pos_ in ("VERB", "AUX") and cur.i not in heads):
                    break
                if cur.i != ent.root.i and self.ents.is_person(cur):
                    break   # "the meeting between X and Y earlier this year": a date on a name is a misparse
                if cur.dep_ == "prep" and cur.lower_ in not_event:
                    break   # "visited X before the election this month"
                cur = cur.head
        cands = [ent for _, ent in sorted(cands, key=lambda c: c[0])]   # the nearest attachment first
        if not cands and anchor is not None and anchor.dep_ == "conj":
            return self.date_for(anchor.head, None, tense) if anchor.head.pos_ == "VERB" else (None, "")
        if not cands:   # "on the 75th anniversary of ties": a time the tagger missed; keep its words
            for h in (trigger, anchor):
                for o in (pp(h, {"on", "during", "at"}) if h is not None else []):
                    if o.lemma_.lower() in self.words["time_nouns"]:
                        return None, self.doc[o.head.i:o.right_edge.i + 1].text
        for ent in cands:
            for words in self._date_words(ent):
                r = datemod.resolve(words, self.published, tense) or datemod.resolve_anaphoric(words, self.reference_day)
                if r is not None:
                    return r, words
        return (None, self._date_words(cands[0])[0] if cands else "")

    def _date_words(self, ent) -> list[str]:
        """The date's words, longest first, with up to two lead words a tagger leaves out:
        "earlier in the day", "in the day", "the day"."""
        start = ent.start
        while start > max(0, ent.start - 2) and ent.doc[start - 1].lower_ in self.words["date_lead_words"]:
            start -= 1
        return [ent.doc[i:ent.end].text for i in range(start, ent.start + 1)]

    # -- main loop
    def run(self) -> list[EventRecord]:
        events: list[EventRecord] = []
        lede: set[int] = set()
        told = 0
        for sent in self.doc.sents:
            if not sent.text.strip() or is_headline(sent):
                continue
            if told < LEDE_SENTENCES:
                lede.add(sent.start)   # a headline line of its own is in the lede but not one of its sentences
                told += sent.text.rstrip().endswith(SENTENCE_END)
            found = [e for tok in sent for rule in self.rules.matching(tok) for e in self.apply(rule, tok)]
            events += found
            days = [e.start for e in found if e.start is not None and e.start.precision == "day"]
            if days:
                self.reference_day = days[-1]
            for tok in sent:
                if tok.dep_ in AGENT_DEPS and self.ents.is_person(tok):
                    self.last_person = self.ents.actor(tok)
        events = self.lede_dates(events, lede)
        events = coref.resolve(events, self.actors.country_of, self.gaz.contains)
        events += self.implied_visits(events)
        return events

    def lede_dates(self, events: list[EventRecord], lede: set[int]) -> list[EventRecord]:
        """A news story's lede reports what just happened: an event told there in the past with
        no date words at all took place in the publication month (when that month is more than
        a week old, so 'just happened' cannot reach back into the month before)."""
        month = datemod.news_month(self.published)
        if month is None:
            return events
        return [dataclasses.replace(e, start=month, end=None) if e.start is None and not e.date_text
                and e.cues.sentence in lede and not e.cues.background and e.status in ("occurred", "signed")
                else e for e in events]

    def background(self, tok) -> bool:
        """'who had visited', 'once met', 'recently visited': not the news of the day."""
        verb = tok if tok.pos_ == "VERB" else governor(tok)
        if verb is None:
            return False
        return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children) \
            or any(c.dep_ == "advmod" and c.lower_ in self.words["vague_time_adverbs"] for c in verb.children)

    def evidence(self, sent) -> Evidence:
        start, end = sent.start_char, sent.end_char
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(self.text[start:end], start, end)

    def apply(self, rule: Rule, tok) -> list[EventRecord]:
        if rule.requires_object:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + pp(tok, {"on", "to"})
            objs = [o for x in objs for o in expand(x)]
            if not any(o.lemma_.lower() in rule.requires_object for o in objs):
                return []
        if rule.requires_subject and not any(t.lemma_.lower() in rule.requires_subject
                                             for t in find("subject", tok, self.doc)):
            return []
        status, cued = self.status(tok, rule)
        if status is None:
            return []
        is_place_type = rule.type in ("Meeting", "Agreement")
        agents = []
        for f in rule.agent:
            agents = self.agents(find(f, tok, self.doc), allow_places=is_place_type)
            if agents:
                break
        partners = []
        between = self.agents(find("between", tok, self.doc), allow_places=is_place_type) \
            if "between" in rule.partner else []
        if len(between) >= 2:
            agents = []
        for f in rule.partner:
            partners += [a for a in self.agents(find(f, tok, self.doc), allow_places=is_place_type)
                         if all(a.key != b.key for b in partners)]
        places, place_finder = [], ""
        for f in rule.place:
            places = self.places(find(f, tok, self.doc))
            if places:
                place_finder = f
                break
        if not places and rule.type == "Meeting":
            g = governor(tok) if tok.pos_ in ("NOUN", "PROPN") else None
            for t in [g] + [c for c in tok.children if c.dep_ in ("dobj", "prep")] + \
                     [p for c in tok.children if c.dep_ == "prep" for p in c.children]:
                if t is not None and not places:
                    places = self.places(pp(t, {"in", "at"}))
            if not places:
                places = self.places(deep_pp(tok, {"in", "at"}))
        if rule.context_required and not places and not self.in_person_context(tok):
            return []
        hosts = []
        for f in rule.host:
            hosts = self.agents(find(f, tok, self.doc), allow_places=False)
            if hosts:
                break
        anchor = self.date_anchor(tok)
        tense = {"occurred": "past", "signed": "past", "planned": "future", "cancelled": None}.get(status)
        when, words = (None, "") if status == "invited" else self.date_for(tok, anchor, tense)
        if rule.partner_required and not partners and len(agents) >= 2:
            partners, agents = agents[1:], agents[:1]   # "X and Y spoke by phone": each the other's partner
        if status == "occurred" and not cued and self.present_simple(tok) and FUTURE_WORDS.match(words or ""):
            status, cued = "planned", True   # "X visits Y next week": the present of a timetable
            when, words = self.date_for(tok, anchor, "future")
        start = when.start if when is not None else None
        end = when.end if when is not None else None
        cues = MentionCues(trigger_i=tok.i, sentence=tok.sent.start,
                           definite=any(c.dep_ == "det" and c.lower_ in self.words["definite"] for c in tok.children),
                           named=tok.pos_ in ("NOUN", "PROPN") and place_finder in NAME_FINDERS,
                           during_i=self.during(tok), status_cued=cued, verbal=tok.pos_ == "VERB",
                           background=self.background(tok),
                           date_explicit=when is not None and YEAR.search(words) is not None)
        base = dict(status=status, evidence=self.evidence(tok.sent), trigger=tok.text, rule=rule.id,
                    start=start, end=end, date_text=words, cues=cues)
        if any(a is PLURAL for a in agents + partners):
            agents, partners = self.fill_plural(agents, partners)
        if any(a is PLURAL_COUNTRY for a in agents + partners):
            ranked = sorted({a.key: a for a in self.ents.by_token.values() if a.kind == "Country"}.values(),
                            key=lambda a: -self.ents.country_salience.get(a.key, 0))
            agents, partners = ranked[:2] if len(ranked) >= 2 else [], []
        agents = [a for a in agents if self.political(a)]
        partners = [a for a in partners if self.political(a)]
        build = {"Visit": self.visits, "Meeting": self.meetings, "Agreement": self.agreements}[rule.type]
        return build(rule, tok, agents, partners, places, hosts, base)

    @staticmethod
    def present_simple(tok) -> bool:
        """'visits', 'begins a visit': a present-tense verb with no auxiliary."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else governor(tok)
        return verb is not None and verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass")
                                                                             for c in verb.children)

    def date_anchor(self, tok):
        """Where a trigger's date may hang besides the trigger itself."""
        if tok.pos_ in ("NOUN", "PROPN"):
            light = self.rules.status.get("light_verbs", ())
            g = governor(tok)
            # "the summit held in October 1986" first, else "held talks on Monday", "signed agreements in 2023"
            return next((c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in light), None) \
                or (g if g is not None and (g.lemma_.lower() in light or self.rules.matching(g)) else None)
        if tok.dep_ == "conj":
            return tok.head if tok.head.pos_ == "VERB" else None
        if tok.dep_ in ("amod", "xcomp"):
            return clause_verb(tok)
        return None

    def visits(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        out = []
        travellers = [a for a in agents if a.kind == "Person" or a.key.endswith(tuple(self.group_words))]
        trip, start = base, base["start"]
        if rule.date_within and start is not None and start.precision == "day":
            trip = {**base, "start": DateValue(start.iso[:7], "month", start.text), "end": None}
        if rule.guest and hosts and not places:   # hosting happens at home: the host's country
            home = self.actors.country_of(hosts[0]) if hosts[0].kind == "Person" else None
            places = [home] if home is not None else []
        for place in places:
            # a visit leaves home: never to one's own country; "is in P" only when P is known abroad
            going = [a for a in travellers if (self.abroad(a, place) if rule.abroad_only else not self.at_home(a, place))]
            if going:
                out.append(EventRecord(type="Visit", agents=going, place=place, **trip))
        if rule.guest and hosts and travellers:
            out.append(EventRecord(type="Meeting", agents=hosts + travellers, place=places[0] if places else None,
                                   mode="inPerson", **base))
        return out

    def meetings(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        out = []
        people = agents + [p for p in partners if all(p.key != a.key for a in agents)]
        if rule.partner_required and not partners:
            return []
        if len(people) < 2 and tok.pos_ == "VERB":   # "X met officials in A, B and C": X went there
            out += self.trips_to_meet(people, places, base)
        if len(people) >= 2 and any(p.kind == "Person" for p in people):
            mode = "phone" if tok.lemma_.lower() in rule.calls or tok.text.lower() in rule.calls else "inPerson"
            means = [c for c in tok.children] + pp(tok, {"by", "over", "on", "via"})   # "spoke by phone"
            if any(c.lower_ in ("phone", "telephone", "video", "videoconference", "videolink") for c in means):
                mode = "video" if any(c.lower_.startswith("video") for c in means) else "phone"
            out.append(EventRecord(type="Meeting", agents=people, place=places[0] if places else None,
                                   mode=mode, **base))
        elif base["cues"].named and places:   # "the Reykjavik summit held in October 1986": lends place and date
            base["cues"].partial = True
            out.append(EventRecord(type="Meeting", agents=people, place=places[0], **base))
        return out

    def agreements(self, rule, tok, agents, partners, places, hosts, base) -> list[EventRecord]:
        parties = []
        for a in agents + partners:
            party = a if a.kind in ("Country", "Organization") else self.actors.country_of(a)
            if party is not None and all(party.key != p.key for p in parties):
                parties.append(party)
        base["cues"].partial = len(parties) < 2
        if len(parties) < 2 and base["cues"].during_i < 0:   # else parties from the meeting it was made at
            return []
        return [EventRecord(type="Agreement", agents=parties, name=self.agreement_name(tok),
                            signatories=[a for a in agents + partners if a.kind == "Person"], **base)]

    def in_person_context(self, tok) -> bool:
        """'during the visit', 'on the sidelines of the summit', or a visit verb beside it."""
        for t in pp(tok, {"during", "at", "on"}):
            if any(r.type in ("Visit", "Meeting") and "NOUN" in r.pos for r in self.rules.matching(t)):
                return True
            if t.lower_ == "sidelines":
                return True
        near = [tok.head] if tok.dep_ == "conj" else []
        near += [c for c in tok.children if c.dep_ == "conj"]
        return any(r.type == "Visit" for t in near for r in self.rules.matching(t))

    def during(self, tok) -> int:
        """'agreed during the summit', 'agreements established at the summit': that meeting's token."""
        heads = [tok] + [c for c in tok.children if c.dep_ == "acl"]
        for h in heads:
            for t in pp(h, {"during", "at"}):
                if any(r.type == "Meeting" for r in self.rules.matching(t)):
                    return t.i
        return -1

    def political(self, actor: Actor) -> bool:
        """People count when the article or the data makes them political actors, not bystanders."""
        if actor.kind != "Person":
            return actor.kind != "Organization" or actor.pref_label is not None \
                or actor.key.endswith(tuple(self.group_words))
        return actor.pref_label is not None or self.actors.has_political_role(actor, self.role_heads)

    def fill_plural(self, agents, partners):
        """'Following talks with X, both leaders ...': the other leader is the article's main person."""
        named = [a for a in agents + partners if a is not PLURAL]
        ranked = sorted(self.actors.persons.values(), key=lambda a: -self.ents.salience.get(a.key, 0))
        others = [a for a in ranked if all(a.key != n.key for n in named)]
        people = named + others[:max(0, 2 - len(named))]
        return people[:1], people[1:]   # the second is the partner: "the two leaders discussed trade"

    def agreement_name(self, tok) -> str:
        noun = tok
        if tok.pos_ == "VERB":
            noun = next((c for c in tok.children if c.dep_ == "dobj"), tok)
        of = [t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
              and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children) for t in c.subtree]
        words = [t for t in noun.subtree if (t.i <= noun.i or t in of) and not t.is_space
                 and t.dep_ not in ("det", "poss", "case", "punct")]
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))[:120]   # "memorandum of understanding on trade"

    def at_home(self, person: Actor, place: Actor) -> bool:
        """The place lies in the person's known country."""
        home = self.actors.country_of(person) if person.kind == "Person" else None
        return home is not None and (home.key == place.key or self.gaz.contains(home, place))

    def abroad(self, person: Actor, place: Actor) -> bool:
        """The place lies outside the person's known country (False when the country is unknown)."""
        return person.kind == "Person" and self.actors.country_of(person) is not None \
            and not self.at_home(person, place)

    def trips_to_meet(self, people: list[Actor], places: list[Actor], base: dict) -> list[EventRecord]:
        """Meetings with unnamed people abroad still put the named person there."""
        out = []
        for a in people:
            home = self.actors.country_of(a) if a.kind == "Person" else None
            for place in places:
                if home is not None and home.key != place.key and not self.gaz.contains(home, place):
                    out.append(EventRecord(type="Visit", agents=[a], place=place,
                                           **{**base, "rule": "implied-by-meeting"}))
        return out

    def same_trip(self, visit: EventRecord, meeting: EventRecord) -> bool:
        """The article already tells of the trip this meeting happened on, as precisely: the same
        place (or one inside it) on dates at most TRIP_DAYS apart, or in the same sentence."""
        where = meeting.place.located_in if meeting.place.kind == "Venue" and meeting.place.located_in else meeting.place
        if not (visit.place.key == where.key or self.gaz.contains(where, visit.place)):
            return False   # a meeting at a palace tells no more of the trip than its city does
        if visit.evidence.start == meeting.evidence.start:
            return True
        if visit.start is None or meeting.start is None:
            return False   # the implied visit adds a date; the event layer merges the two
        a, b = datemod.interval(visit.start.iso), datemod.interval(meeting.start.iso)
        return a is not None and b is not None and a[0] - timedelta(days=TRIP_DAYS) <= b[1] \
            and b[0] <= a[1] + timedelta(days=TRIP_DAYS)

    def implied_visits(self, events: list[EventRecord]) -> list[EventRecord]:
        """A meeting abroad implies a visit by the participant who came from another country."""
        out = []
        for e in events:
            if e.type != "Meeting" or e.place is None or e.mode != "inPerson":
                continue
            for a in e.agents:
                home = self.actors.country_of(a) if a.kind == "Person" else None
                if home is None or self.gaz.contains(home, e.place) or home.key == e.place.key:
                    continue
                if any(x.type == "Visit" and any(t.key == a.key for t in x.agents) and self.same_trip(x, e)
                       for x in events):
                    continue
                out.append(EventRecord(type="Visit", status=e.status, evidence=e.evidence, trigger=e.trigger,
                                       rule="implied-by-meeting", agents=[a], place=e.place, start=e.start,
                                       end=None, date_text=e.date_text))
        return out
