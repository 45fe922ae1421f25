"""Argument finders: from a trigger token to the tokens that fill its roles, by the dependency parse.

A rule names its finders in kg/data/rules/events.json ("subject", "pp:with", "gov-object:join");
`find` dispatches on that name. They return tokens; kg/extract.py turns tokens into actors.
"""
from __future__ import annotations

AGENT_DEPS = ("nsubj", "nsubjpass")


def expand(tok) -> list:
    return [tok, *tok.conjuncts] if tok is not None else []


def subject(tok):
    """The subject of a verb, climbing through control and raising ('is due to meet'); when the
    parse gave the verb none, gave a finite adverbial clause only its main clause's, or gave it a
    thing, the names right before it ('as X and Y were meeting')."""
    parsed = _parsed_subject(tok)
    if tok is None or tok.pos_ != "VERB":
        return parsed
    if tok.dep_ == "advcl" and (own := surface_subject(tok)):
        return own   # "Debris fell as Lind and Okafor were meeting": a finite clause's own names, not the main one's
    if parsed and all(p.pos_ == "NOUN" for p in parsed) and all(p.i < tok.i for p in parsed):
        # "debris fell on Lviv as Lind and Okafor were meeting", the clause's names parsed onto 'as'
        return [t for t in surface_subject(tok, parsed=True) if not of_phrase(t, parsed)] or parsed
    return parsed or surface_subject(tok)


def of_phrase(tok, heads: list) -> bool:
    """Whether `tok` belongs to one of `heads` through 'of' phrases ('the leaders of A and B'),
    not through a preposition the parser misplaced ('districts of Lviv as A and B were meeting')."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ == "prep" and cur.lower_ != "of":
            return False
        cur = cur.head
        if any(cur.i == h.i for h in heads):
            return True
    return False


def surface_subject(verb, parsed: bool = False) -> list:
    """'smoke rose as Lind and Okafor were meeting', with the names parsed as objects of
    'as': the name right before the verb and its auxiliaries, when the verb is finite (and, when
    the parse gave it a common noun for subject, only a proper name)."""
    if verb.dep_ in ("xcomp", "amod", "acl") or (not parsed and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)):
        return []
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to"
                                                          for c in verb.children):   # "to meet X": no clause of its own
        return []
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].pos_ in ("AUX", "PART", "ADV") or verb.doc[i].text in "()"
                                    or verb.doc[i].ent_type_ in ("DATE", "TIME", "CARDINAL")):
        i -= 1   # "X today (16) held talks": skip the time words and the brackets
    if i < verb.sent.start or verb.doc[i].pos_ not in (("PROPN",) if parsed else ("PROPN", "NOUN")):
        return []
    t = verb.doc[i]
    while t.dep_ in ("compound", "flat") and t.head.i > t.i:
        t = t.head
    while t.dep_ == "conj":
        t = t.head
    return [t]


def _parsed_subject(tok):
    seen = 0
    while tok is not None and seen < 5:
        subs = [c for c in tok.children if c.dep_ in AGENT_DEPS]
        if subs and tok.dep_ == "relcl" and all(c.lower_ in ("who", "which", "that") for c in subs):
            return [tok.head]   # "X, who is visiting Y, said": the relative pronoun is X
        if len(subs) == 1 and subs[0].pos_ == "VERB" and subs[0].i < tok.i and subs[0].dep_ == "nsubj":
            tok = subs[0]   # "The tour starts in A, continues to B": one subject for a list of verbs, misparsed
            seen += 1
            continue
        if subs:
            return subs
        if tok.dep_ == "xcomp":
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            if objs:            # object control: "invited him to visit"
                return objs
            tok = tok.head
        elif tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG", "VBD", "VBZ") and not any(c.dep_ == "aux" for c in tok.children):
            return [tok.head]   # "officials involved in talks"; "A team, led by X, travelled to P", misparsed
        elif tok.dep_ == "acl" and tok.head.pos_ == "NOUN":   # "accepted an invitation to visit"
            g = governor(tok.head)
            if g is None:
                return []
            tok = g
        elif tok.dep_ == "pcomp":                              # "spoke before holding talks"
            objs = [c for c in tok.head.head.children if c.dep_ == "dobj"] if tok.head.lower_ == "for" else []
            if objs:            # "credited X for playing a role": the object does it
                return objs
            tok = tok.head.head
        elif tok.dep_ in ("conj", "advcl", "acomp", "relcl") or tok.head.lemma_ in ("be",):
            if tok.dep_ == "relcl":
                return [tok.head]
            tok = tok.head if tok.head.i != tok.i else None
        else:
            return []
        seen += 1
    return []


def governor(tok):
    """The verb a noun trigger hangs from: 'held talks', 'on a visit', 'plans for a visit'."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass", "appos", "npadvmod", "oprd", "dative") \
                and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "prep":   # "Following talks", "according to"
                return cur
        else:
            break
    return None


def root_subject(tok) -> list:
    """The subject of the sentence a trigger noun sits in as an adverbial ("on his trip",
    "during a visit"), for headlines and clauses whose verb the tagger read as a noun."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("on", "during", "after", "before", "from", "ahead"):
        return []
    root = tok.sent.root
    return [c for c in root.children if c.dep_ in AGENT_DEPS] or subject(root)


def time_copula(tok):
    """'The last time the two presidents met was in Almaty in 2021': the copula whose subject is the
    'time' a trigger's relative clause describes, which carries the event's place and date."""
    head = tok.head if tok.dep_ == "relcl" else None
    if head is None or head.lemma_.lower() not in ("time", "occasion") or head.dep_ not in ("nsubj", "attr"):
        return None
    return head.head if head.head.lemma_ == "be" else None


def clause_verb(tok):
    """The verb of the clause a modifier trigger sits in: 'received [visiting] X' -> received;
    a misparsed "[hosted] B" heading its own sentence -> that head."""
    if tok.dep_ == "xcomp":
        return tok.head
    if tok.dep_ == "amod":
        g = tok.head
        return g.head if g.dep_ in ("dobj", "dative", "nsubj", "nsubjpass", "attr") else g
    return None


TOPIC_PREPS = {"about", "on", "over", "regarding", "concerning", "as", "like", "including", "amid"}


def deep_pp(tok, words: set[str], depth: int = 4) -> list:
    """Objects of `words` prepositions anywhere in the phrases hanging from `tok`'s prepositions,
    not crossing into another clause nor into a topic ('talked about the drought in the Horn of
    Africa' took place elsewhere): 'on the sidelines of the assembly in New York'."""
    out = []
    for c in tok.children:
        if c.dep_ != "prep" or (c.lower_ in TOPIC_PREPS and not any(
                o.lemma_.lower() in ("sideline", "sidelines", "margin", "margins") for o in c.children)):
            continue
        for t in c.subtree:
            hops, cur = 0, t
            while cur.i != c.i and hops <= depth and cur.pos_ not in ("VERB", "AUX"):
                cur, hops = cur.head, hops + 1
            if cur.i == c.i and t.dep_ == "prep" and t.lower_ in words:
                out += [o for o in t.children if o.dep_ == "pobj"]
    return out


def pp(tok, words: set[str]) -> list:
    """Objects of the `words` prepositions on a token, also through 'here'/'there' ("hosted us
    here in London") and, on a noun, through its participle ("a meeting scheduled ... with X")."""
    out = []
    heads = [tok] + [c for c in tok.children if c.dep_ == "advmod" and c.lower_ in ("here", "there", "back")] \
        + [c for c in tok.children if c.dep_ in ("prt", "prep") and c.lower_ in ("over", "through")]   # "talked it over with"
    if tok.pos_ in ("NOUN", "PROPN"):   # "a meeting scheduled for Thursday with X", "talks held in Geneva"
        heads += [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.text.lower() in words:   # "pay a visit to P": dative
                out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return out


def find(finder: str, tok, doc) -> list:
    if finder == "subject":
        return subject(tok)
    if finder == "object":
        return [c for c in tok.children if c.dep_ in ("dobj", "attr")]
    if finder == "passive-subject":   # "B was received by A": B
        return [c for c in tok.children if c.dep_ == "nsubjpass"]
    if finder == "poss":
        return [c for c in tok.children if c.dep_ == "poss"]
    if finder == "compound":
        return [c for c in tok.children if c.dep_ in ("compound", "nmod")]
    if finder in ("amod-place", "amod-country"):
        return [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
    if finder.startswith("outer-pp:"):   # "in India on a three-day visit": the phrase the trigger's sits in
        words = set(finder[9:].split("|"))
        prep = tok.head if tok.dep_ == "pobj" else None
        outer = prep.head if prep is not None and prep.dep_ == "prep" else None
        return [o for o in outer.children if o.dep_ == "pobj"] \
            if outer is not None and outer.dep_ == "prep" and outer.lower_ in words else []
    if finder == "gathering-in-sentence":   # "the attendance of X has drawn attention to the summit"
        return [t for t in tok.sent if t.lemma_.lower() in ("summit", "conference", "forum", "ceremony")]
    if finder == "relcl-subject":   # "the deal that Israel and Hamas reached": the clause's subject
        return [s for c in tok.children if c.dep_ == "relcl" for s in c.children if s.dep_ in AGENT_DEPS
                and s.lower_ not in ("that", "which", "who")]
    if finder.startswith("relcl-pp:"):   # "a conversation he had with X": the phrase of a clause of these verbs
        preps, verbs = (set(part.split("|")) for part in finder[9:].split("/"))
        return [o for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in verbs for o in pp(c, preps)]
    if finder == "root-subject":     # "X seals a deal on Lima trip": the clause's subject travels
        return root_subject(tok)
    if finder == "head":
        return [tok.head]
    if finder == "gov-subject":
        g = governor(tok)
        return subject(g) if g is not None else []
    if finder == "between":
        return pp(tok, {"between", "among"})
    if finder.startswith("pp:"):
        return pp(tok, set(finder[3:].split("|")))
    if finder == "ceremony-owner":   # "attended Lind's inauguration", "the funeral of X": X's, in X's country
        ceremonies = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return [o for c in ceremonies for o in [*(x for x in c.children if x.dep_ == "poss"), *pp(c, {"of"})]]
    if finder == "of-after-place":   # "the visit to Lima of Prime Minister X", 'of X' parsed onto the place
        return [o for place in pp(tok, {"to"}) for o in pp(place, {"of"})]
    if finder.startswith("gov-pp:"):   # "marking the visit of X to the country", the phrase parsed onto the verb
        g = tok.head if tok.dep_ == "dobj" else None
        return [o for o in pp(g, set(finder[7:].split("|"))) if o.i > tok.i] if g is not None else []
    if finder == "visitor":          # "received visiting X"; "assured visiting X" (xcomp)
        return [tok.head] if tok.dep_ == "amod" else [c for c in tok.children if c.dep_ == "dobj"]
    if finder == "visitor-host":     # the subject of the clause the visitor is the object of
        g = clause_verb(tok)
        return subject(g) if g is not None and (g.i != tok.head.i or tok.dep_ == "xcomp") else []
    if finder == "left-nmod":        # "A hosted B" misparsed: the name before the verb
        return [c for c in tok.head.children if c.dep_ in ("nmod", "compound") and c.i < tok.i] + \
            [c for c in tok.children if c.dep_ == "nsubj"]
    if finder.startswith("object-pp:"):   # "hosted X in Y" with the place on the object
        words = set(finder[10:].split("|"))
        return [o for c in tok.children if c.dep_ == "dobj" for o in pp(c, words)]
    if finder.startswith("head-pp:"):
        return pp(tok.head, set(finder[8:].split("|")))
    if finder.startswith("clause-pp:"):   # "On Friday in Lima, X assured ..."
        g = clause_verb(tok)
        if g is None:
            return []
        words = set(finder[10:].split("|"))
        return pp(g, words) + [o for c in g.children if c.dep_ == "prep" for t in c.subtree
                               if t.i != c.i and t.dep_ == "prep" for o in pp(t.head, words) if o.head.i == t.i]
    if finder.startswith("gov-object:"):  # "X will join Y for the talks": Y takes part too
        g = governor(tok)
        return [c for c in g.children if c.dep_ == "dobj"] \
            if g is not None and g.lemma_.lower() in finder[11:].split("|") else []
    if finder.startswith("partner-pp:"):  # "met with officials in charge of trade in Chile, Peru"
        words = set(finder[11:].split("|"))
        out = []
        for partner in [o for x in pp(tok, {"with"}) + [c for c in tok.children if c.dep_ == "dobj"] for o in expand(x)]:
            for t in partner.subtree:
                depth, cur = 0, t
                while cur.i != partner.i and depth < 4:
                    cur, depth = cur.head, depth + 1
                if t.dep_ == "prep" and t.lower_ in words and depth < 4:
                    out += [o for o in t.children if o.dep_ == "pobj"]
        return out
    if finder == "conj-visit-place":  # "visited Peru in May and told Y": where the visit went
        visits = [t for t in [tok.head] + list(tok.children)
                  if t.dep_ in ("conj", "ROOT") and t.i != tok.i and t.lemma_.lower() == "visit" and t.pos_ == "VERB"]
        return [o for v in visits for o in [c for c in v.children if c.dep_ == "dobj"] + pp(v, {"to", "in"})]
    if finder.startswith("governor-pp:"):   # "held a meeting at the palace with X": X on the verb
        g = governor(tok)
        return pp(g, set(finder[12:].split("|"))) if g is not None else []
    if finder.startswith("gov-pp:"):
        g = tok.head.head if tok.head.i != tok.i else None
        return pp(g, set(finder[7:].split("|"))) if g is not None else []
    raise ValueError(f"unknown argument finder {finder!r}")
