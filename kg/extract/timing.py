"""When a mention's event happens: the date words attached to its trigger, resolved from the
publication date (kg/extract/dates.py). Better no date than a wrong one: only words the parse
ties to the trigger count, and none after "since", "before", "after"."""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from typing import Optional

from ..records import DateValue, EventRecord
from . import dates as datemod
from .article import Article
from .discourse import Discourse
from .finders import clause_verb, deep_pp, governor, pp, time_copula


class DateReader:
    def __init__(self, article: Article, discourse: Discourse):
        self.a, self.d = article, discourse
        self._ents: Optional[list] = None     # the doc's entities, read once (_ents_in)
        self._starts: list[int] = []

    def _ents_in(self, sent) -> list:
        """What `sent.ents` gives, from the doc's entities read once: spaCy makes a Span of every
        entity of the doc each time a sentence is asked for its own (most of the date reading)."""
        if self._ents is None:
            self._ents = list(self.a.doc.ents)
            self._starts = [e.start for e in self._ents]
        out = []
        for ent in self._ents[bisect_left(self._starts, sent.start):]:
            if ent.end > sent.end:
                break
            out.append(ent)
        return out

    def date_for(self, trigger, anchor, tense: Optional[str]) -> tuple[Optional[datemod.DateRange], str]:
        """The resolved date of the event a trigger names, and its words ("" if none)."""
        cands = self._attached(trigger, anchor)
        if not cands and anchor is not None and anchor.dep_ == "conj":
            return self.date_for(anchor.head, None, tense) if anchor.head.pos_ == "VERB" else (None, "")
        if not cands:   # "on the 75th anniversary of ties": a time the tagger missed; keep its words
            for h in (trigger, anchor):
                for o in (pp(h, {"on", "during", "at"}) if h is not None else []):
                    if o.lemma_.lower() in self.a.words["time_nouns"]:
                        return None, self.a.doc[o.head.i:o.right_edge.i + 1].text
        own_failed = False
        for own, ent in cands:
            if own_failed and not own:
                break   # "..., and ends in C on Friday": the leg's own day, unresolved, not the anchor's
            for words in self.date_words(ent):
                r = datemod.resolve(words, self.a.published, tense) \
                    or datemod.resolve_anaphoric(words, self.d.reference_day)
                if r is not None:
                    return r, words
            own_failed = own_failed or own
        return None, (self.date_words(cands[0][1])[0] if cands else "")

    def _attached(self, trigger, anchor) -> list:
        """The sentence's date entities that hang from the trigger or its anchor, nearest first,
        each as (whether it hangs from the trigger itself, the entity)."""
        heads = {trigger.i}
        if anchor is not None:
            heads.add(anchor.i)
        if trigger.dep_ in ("acl", "ccomp") and trigger.head.pos_ == "NOUN":
            heads.add(trigger.head.i)   # "Tuesday's announcement that X had agreed to a ceasefire"
        not_event = self.a.rules.status.get("not_event_date_preps", set())
        doc, cands = self.a.doc, []
        for ent in self._ents_in(trigger.sent):
            if ent.label_ == "TIME" and datemod.ANAPHORIC_DAY.fullmatch(ent.text):
                pass   # "earlier in the day", tagged as a time
            elif ent.label_ != "DATE" or (ent.start > 0 and doc[ent.start - 1].lower_ in not_event) \
                    or datemod.is_duration(ent.text):
                continue
            cur = ent.root
            for steps in range(6):
                if cur.i in heads:
                    cands.append((steps, cur.i != trigger.i, ent))   # the trigger's own date before its anchor's
                    break
                if cur.head.i == cur.i or (cur.i != ent.root.i and cur.pos_ in ("VERB", "AUX") and cur.i not in heads):
                    break
                if cur.i != ent.root.i and self.a.ents.is_person(cur):
                    break   # "the meeting between X and Y earlier this year": a date on a name is a misparse
                if cur.dep_ == "prep" and cur.lower_ in not_event:
                    break   # "visited X before the election this month"
                cur = cur.head
        return [(not anchored, ent) for _, anchored, ent in sorted(cands, key=lambda c: c[:2])]

    def date_words(self, ent) -> list[str]:
        """The date's words, longest first, with up to two lead words a tagger leaves out:
        "earlier in the day", "in the day", "the day"."""
        start = ent.start
        lead = self.a.words["date_lead_words"]
        while start > max(0, ent.start - 2) and ent.doc[start - 1].lower_ in lead:
            start -= 1
        return [ent.doc[i:ent.end].text for i in range(start, ent.start + 1)]

    def anchor(self, tok):
        """Where a trigger's date may hang besides the trigger itself."""
        if tok.pos_ in ("NOUN", "PROPN"):
            light = self.a.rules.status.get("light_verbs", ())
            g = governor(tok)
            # "the summit held in October 1986" first, else "held talks on Monday", "signed agreements in 2023"
            return next((c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in light), None) \
                or (g if g is not None and (g.lemma_.lower() in light or self.a.rules.matching(g)) else None)
        if time_copula(tok) is not None:   # "the last time they met was in 2021"
            return time_copula(tok)
        if tok.dep_ == "conj":
            return tok.head if tok.head.pos_ == "VERB" else None
        if tok.dep_ in ("amod", "xcomp"):
            return clause_verb(tok)
        # "met at the Singapore summit in June 2018": the gathering's date is the meeting's
        return next((o for o in deep_pp(tok, {"at", "during"}) if o.lemma_.lower() in self.a.words["gathering_nouns"]),
                    None)

    def lede_dates(self, events: list[EventRecord], lede: set[int]) -> list[EventRecord]:
        """A news story's lede reports what just happened: an event told there in the past with
        no date words at all took place in the publication month (when that month is more than
        a week old, so 'just happened' cannot reach back into the month before)."""
        month = datemod.news_month(self.a.published)
        if month is None:
            return events
        return [dataclasses.replace(e, start=month, end=None) if e.start is None and not e.date_text
                and e.cues.sentence in lede and not e.cues.background and e.status in ("occurred", "signed")
                else e for e in events]


def present_simple(tok) -> bool:
    """'visits', 'begins a visit': a present-tense verb with no auxiliary."""
    verbal = tok.pos_ in ("VERB", "AUX") or (tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))
    verb = tok if verbal else governor(tok)
    tags = ("VBZ", "VBP", "NNS") if verb is tok and tok.pos_ == "NOUN" else ("VBZ", "VBP")   # "X flies", tagged a noun
    return verb is not None and verb.tag_ in tags and not any(c.dep_ in ("aux", "auxpass")
                                                                         for c in verb.children)


def month_of(value: DateValue) -> DateValue:
    """A day's month; a month or a year stays as it is."""
    return DateValue(value.iso[:7], "month", value.text) if value.precision == "day" else value
