"""Event rules as data: triggers, argument finders and status cues from kg/data/rules/events.json.

Users add rules in $KG_DATA/rules/events.json (read after ours); keys starting with "_" are comments.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from ..paths import data_files


@dataclass
class Rule:
    id: str
    type: str
    pos: list[str]
    lemmas: list[str]
    agent: list[str] = field(default_factory=list)
    partner: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    requires_object: list[str] = field(default_factory=list)
    object_modifiers: list[str] = field(default_factory=list)   # that object needs one: "a joint statement"
    guest: bool = False
    place_required_prep: bool = False
    partner_required: bool = False
    context_required: bool = False     # only beside a visit, during a visit/meeting, or at a place
    date_within: bool = False          # the date is a day during the visit, not its start
    abroad_only: bool = False          # a visit only when the place is outside the traveller's country
    planned_lemmas: list[str] = field(default_factory=list)   # the trigger itself says planned: "due in"
    requires_subject: list[str] = field(default_factory=list)  # only with such a subject: "the tour takes him"
    fixed_status: str = ""             # the trigger says the status itself: "invited X to P" is invited
    deps_excluded_children: list[str] = field(default_factory=list)   # no match with such a child
    calls: list[str] = field(default_factory=list)
    presence: bool = False             # the agent goes where the partners are: "X is to join Y"
    particles: list[str] = field(default_factory=list)   # the verb needs one of these: "came back from"
    date_is_end: bool = False          # the date is the way back, the end of the visit: "returned on Friday"


@dataclass
class Rules:
    rules: list[Rule]
    status: dict[str, set[str]]               # modality cues
    words: dict[str, set[str]] = field(default_factory=dict)   # word classes: "plural_parties", ...

    def __post_init__(self):
        self.lemma_fixes = dict(pair.split() for pair in self.words.get("lemma_fixes", ()))
        self.event_nouns = {w for r in self.rules if "NOUN" in r.pos for w in r.lemmas}
        # word -> the positions of the rules that name it: a token is tried against those alone
        # (every token of every article is looked up; trying every rule was 7% of an ingest)
        self.by_word: dict[str, list[int]] = {}
        for i, r in enumerate(self.rules):
            for w in r.lemmas:
                self.by_word.setdefault(w, []).append(i)

    def lemma(self, tok) -> str:
        """The lower-case lemma, corrected where the tagger is known to err ("hoped" -> "hop")."""
        key = tok.lemma_.lower()
        return self.lemma_fixes.get(key, key)

    def matching(self, tok) -> list[Rule]:
        lemma = tok.lemma_.lower()
        if lemma not in self.by_word and tok.lower_ not in self.by_word:
            return []
        pos = tok.pos_
        if pos == "NOUN" and any(c.dep_ == "dobj" or (c.dep_ == "nsubj" and tok.dep_ == "ROOT") for c in tok.children):
            pos = "VERB"   # "is expected visit Chile", "X flies on Wednesday to Y": a verb the tagger took for a noun
        if pos == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "ORG") and tok.lower_ in self.event_nouns:
            pos, lemma = "NOUN", tok.lower_   # "to pay a State Visit", capitalised and tagged a name
        named = sorted({*self.by_word.get(lemma, ()), *self.by_word.get(tok.lower_, ())})
        return [r for r in map(self.rules.__getitem__, named)
                if pos in r.pos
                and (not r.deps or tok.dep_ in r.deps)
                and not any(c.dep_ in r.deps_excluded_children for c in tok.children)
                and (not r.particles or any(c.dep_ in ("prt", "advmod") and c.lower_ in r.particles
                                            for c in tok.children))
                and (r.deps or tok.dep_ != "amod")]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    files = [f for f in data_files("rules/events.json")]
    rules, status, classes = [], {}, {}
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        rules += [Rule(**{k: v for k, v in r.items() if not k.startswith("_")}) for r in d.get("rules", [])]
        for section, into in (("status", status), ("words", classes)):
            for k, words in d.get(section, {}).items():
                if not k.startswith("_"):   # "_..." keys are comments
                    into.setdefault(k, set()).update(words)
    return Rules(rules, status, classes)
