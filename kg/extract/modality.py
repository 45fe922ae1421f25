"""What the words around a trigger say of its event: done, planned, invited, called off, or
not an event at all (denied, hypothetical, habitual). Cues are word lists in the rules data."""
from __future__ import annotations

from typing import Optional

from .finders import governor
from .rules import Rule, Rules

CLIMB = ("xcomp", "acl", "dobj", "pobj", "prep", "attr", "nsubjpass", "nsubj", "acomp", "advcl", "pcomp")


def governors(trigger, steps: int = 5) -> list:
    """The trigger and the words it hangs from, up to the clause that governs it."""
    chain, cur = [trigger], trigger
    for _ in range(steps):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" for c in cur.children):
            break   # "..., a year after the two countries signed": its own clause, its own modality
        if cur.dep_ in CLIMB and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def status(trigger, rule: Rule, rules: Rules) -> tuple[Optional[str], bool]:
    """The status the words give (None: no event), and whether any word gave it (False: the
    default of the rule's type)."""
    st = rules.status
    chain = governors(trigger)
    top = chain[-1]
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in st.get("negating_governors", set()):
        return None, True   # "denied that he had met X"
    if any(c.dep_ == "advmod" and c.lower_ in st.get("habitual_modifiers", set()) for c in trigger.children):
        return None, True   # "had negotiated with X extensively": a career, not an event
    if speculation(chain, rules):
        return None, True   # "might visit", "wonder whether X will go", "there is talk that X will"
    if not_yet(chain):
        return "planned", True
    found = None
    for below, t in zip([None] + chain, chain):
        if below is not None and below.dep_ == "xcomp" and rules.lemma(t) in st.get("commitment_governors", set()):
            found = found or "planned"   # "has agreed to come to the White House"
        cue = _cue(t, t is trigger, t is top, rule, rules)
        if cue in (None, "cancelled", "invited") or (cue == "planned-by-invitation"):
            return {"planned-by-invitation": "planned"}.get(cue, cue), True
        found = found or (cue if cue != "-" else None)
    if rule.fixed_status:
        return rule.fixed_status, True
    if trigger.lemma_.lower() in rule.planned_lemmas:
        found = found or "planned"
    if found:
        return found, True
    return ("signed" if rule.type == "Agreement" else "occurred"), False


def not_yet(chain: list) -> bool:
    """'Further steps will follow before the agreement is signed': a clause under 'before' or
    'until' in the present tense tells what has not happened yet."""
    for t in chain:
        if any(c.dep_ == "mark" and c.lower_ in ("before", "until", "till") for c in t.children):
            return t.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                                                    for c in t.children)
    return False


def speculation(chain: list, rules: Rules) -> bool:
    """The words around the trigger only guess at the event: a 'might', a 'whether' clause, or a
    clause governed by 'wonder', 'speculation', 'talk that'."""
    st = rules.status
    if any(c.dep_ == "aux" and c.lower_ in st.get("speculation_auxiliaries", set()) for t in chain for c in t.children):
        return True
    adverbs = [c for t in chain for c in t.children if c.dep_ == "advmod"]
    if any(a.lower_ in st.get("speculation_modifiers", set()) for a in adverbs + [g for a in adverbs for g in a.children]):
        return True   # "for X to come hopefully back to Washington"
    if any(c.dep_ == "mark" and c.lower_ in st.get("speculation_markers", set()) for t in chain for c in t.children):
        return True
    vague = st.get("vague_times", set())   # "a visit at some point", "will meet one day"
    if any(o.lemma_.lower() in vague and any(d.lower_ in ("some", "one") for d in o.children)
           for t in chain for o in t.subtree if o.dep_ in ("pobj", "npadvmod") and o.head.i in (t.i, *[c.i for c in t.children])):
        return True
    top = chain[-1]
    for head in list(top.ancestors)[:4]:   # "there is little reason to think that they will meet"
        if head.lemma_.lower() in st.get("likelihood_nouns", set()) and any(
                c.lower_ in st.get("doubt_determiners", set()) for c in head.children if c.dep_ in ("det", "amod")):
            return True
    governor_word = top.head if top.dep_ in ("ccomp", "acl", "xcomp") else None
    return governor_word is not None and rules.lemma(governor_word) in st.get("speculation_governors", set())


def _cue(t, is_trigger: bool, is_top: bool, rule: Rule, rules: Rules) -> Optional[str]:
    """What one word of the chain says: None (no event), "cancelled", "invited",
    "planned-by-invitation", "planned", or "-" (nothing)."""
    st = rules.status
    if any(c.dep_ == "neg" or c.lower_ in st.get("negations", set()) and c.dep_ in ("neg", "det") for c in t.children):
        return None
    conditions = st.get("condition_markers", set())
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditions for m in c.children)
           for c in t.children):
        return None   # "a truce could take place if the rebels agree": hypothetical
    key = rules.lemma(t)
    phrasal = (key + " " + " ".join(c.lower_ for c in t.children if c.dep_ == "prt")).strip()
    if not is_trigger and {key, phrasal} & st.get("negating_governors", set()):
        return None   # "ruled out a visit", "rejected the deal"
    if {key, phrasal} & st.get("cancelled_governors", set()):
        return "cancelled"
    if not is_trigger and key in st.get("invited_governors", ()):
        return "invited" if rule.type == "Visit" else "planned-by-invitation"
    mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "compound", "advmod", "acomp")}
    auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children)
    if (not is_trigger and key in st.get("planned_governors", ())) or mods & st.get("planned_modifiers", set()) \
            or auxes & st.get("planned_auxiliaries", set()) or (is_top and infinitive) \
            or (infinitive and t.dep_ == "xcomp" and t.head.lemma_ == "be"):   # "X is to travel to Oslo"
        return "cancelled" if not is_trigger and past_perfect(t) else "planned"
    return "-"


def past_perfect(t) -> bool:
    """'had been due to arrive', 'had planned to visit': a plan told in the past perfect is one
    the story has overtaken (called off or put off)."""
    verb = t.head if t.dep_ == "acomp" else t
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def background(tok, rules: Rules) -> bool:
    """'who had visited', 'once met', 'recently visited': told as the past of the story, which
    a news lede's date and a meeting's implied visit do not reach."""
    verb = tok if tok.pos_ == "VERB" else governor(tok)
    return earlier(tok, rules) or (verb is not None and (
        any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
        or any(c.dep_ == "advmod" and c.lower_ in rules.words["vague_time_adverbs"] for c in verb.children)))


def earlier(tok, rules: Rules) -> bool:
    """'their second summit', 'his previous visit', 'when they last met', 'first met', 'a year after
    the two countries signed': another, earlier occurrence than the news, never the same event."""
    if any(c.dep_ in ("amod", "advmod") and c.lower_ in rules.words["earlier_modifiers"] for c in tok.children):
        return True
    if tok.dep_ == "relcl" and tok.head.lemma_.lower() in ("time", "occasion") and any(
            c.lower_ in rules.words["earlier_modifiers"] for c in tok.head.children):
        return True   # "the last time they met"
    if any(c.dep_ == "amod" and c.lower_ in rules.words["ordinals"] for c in tok.children) \
            and not (tok.dep_ in ("attr", "dobj") and tok.head.lemma_.lower() in ("be", "mark")):
        return True   # "during his second visit, in 2019" (but "this is his second visit" is the news)
    verb = tok if tok.pos_ == "VERB" else governor(tok)
    return verb is not None and (
        any(c.dep_ == "advmod" and c.lower_ in rules.words["earlier_adverbs"] for c in verb.children)
        or distant_clause(verb, rules))


def distant_clause(verb, rules: Rules) -> bool:
    """'a year after the two countries signed', 'since they last met': a clause set apart in
    time from the news it is attached to."""
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in ("after", "before", "since"):
            spans = [x for x in c.children if x.dep_ == "npadvmod"] + \
                [x for x in c.head.children if x.dep_ == "npadvmod" and x.i < c.i]
            if c.lower_ == "since" or any(x.lemma_.lower() in rules.words["time_nouns"] | {"year", "month", "decade"}
                                          for x in spans):
                return True
    return False
