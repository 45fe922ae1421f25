"""Names the tagger misses, repaired in `doc.ents` before anything reads them.

The small English model cuts names with hyphens and lower-case particles in two, tags a title
plus a name as one organisation, and labels people it does not know as organisations or places.
The `kg_names` component runs right after "ner" and rewrites `doc.ents`:

1. known actors and their aliases (actors.json, extended by $KG_DATA) are matched on the text
   itself and win over the tagger's span and label;
2. title words leave a name span ("[Speaker Ana Lind]" ORG -> Speaker [Ana Lind] PERSON), and a
   name right after a title is a person;
3. a name with a role apposition or a "who" clause ("Ana Lind, the speaker of parliament,") is a
   person, unless the gazetteer knows it as a place;
4. a list of names tagged as one span is split into people, and a lone surname of a person the
   article names in full is that person;
5. a person's name grows over hyphen joins, lower-case particles and compound run-ons.

The language knowledge (titles, particles, person nouns, organisation words) is in names.json.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from ..paths import data_files, read_json

KIND_LABELS = {"Person": "PERSON", "Organization": "ORG"}   # any other kind of actor is a place
REPAIRABLE = {"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
HYPHENS = {"-", "‐"}
UNTAGGED = ""


# --- data -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Words:
    """The words names.json gives for telling names apart (all lower case)."""
    titles: frozenset      # a word that ends a title before a name: "minister", "speaker", "mr."
    title_parts: frozenset  # any word of a title: "foreign", "prime", "of", "state"
    roles: frozenset       # role nouns: an apposition headed by one names a person
    shared_roles: frozenset  # role nouns a state or organisation fills too ("leader"): need "his"/"her"
    person_nouns: frozenset  # nouns only a person fits: "wife", "analyst"
    particles: frozenset   # lower-case parts of names: "von", "da", "el"
    suffixes: frozenset    # what may follow a name: "jr.", "ii"
    org_words: frozenset   # last words of organisations, buildings and places: "corp", "party"

    @classmethod
    def load(cls) -> "Words":
        keys = ("honorifics", "other_titles", "role_heads", "shared_roles", "person_nouns", "name_particles",
                "name_suffixes", "organisation_words")
        got: dict[str, set] = {k: set() for k in keys}
        for f in data_files("names.json"):
            d = read_json(f)
            for k in keys:
                got[k] |= {w.lower() for w in d.get(k, [])}
        roles = {r.split()[-1] for r in got["role_heads"]}
        titles = {r.split()[-1] for r in got["other_titles"]} | got["honorifics"]
        parts = {w for r in got["role_heads"] | got["other_titles"] for w in r.split()}
        return cls(titles=frozenset(roles | titles), title_parts=frozenset(parts | got["honorifics"]),
                   roles=frozenset(roles), shared_roles=frozenset(got["shared_roles"]),
                   person_nouns=frozenset(got["person_nouns"]), particles=frozenset(got["name_particles"]),
                   suffixes=frozenset(got["name_suffixes"]),
                   org_words=frozenset(got["organisation_words"]))


def known_names() -> dict[str, tuple[str, str]]:
    """Every name and alias in the actors.json files -> (entity label, canonical name).
    A later file (the user's) wins for the same alias."""
    out = {}
    for f in data_files("actors.json"):
        for a in read_json(f).get("actors", []):
            label = KIND_LABELS.get(a.get("kind", "Person"), "GPE")
            for alias in [a["name"], *a.get("aliases", [])]:
                text = alias[4:] if alias.lower().startswith("the ") else alias
                if text.strip():
                    out[text.strip()] = (label, a["name"])
    return out


# --- 1. known names ---------------------------------------------------------------------------
class KnownNames:
    """Known actors matched on the text: acronyms exactly ("WHO", not "who"), other names in any
    case as long as the text is capitalised where the name is ("Quad", not "quad")."""

    def __init__(self, nlp, names: dict[str, tuple[str, str]]):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns: dict[str, list] = {}
        for alias, (label, canonical) in names.items():
            key = f"{label}|{canonical}"
            pattern = nlp.make_doc(alias)
            (self.exact if alias == alias.upper() else self.folded).add(key, [pattern])
            self.patterns.setdefault(key, []).append(pattern)

    def spans(self, doc, words: Words) -> list:
        found = []
        for matcher, check in ((self.exact, False), (self.folded, True)):
            for key, start, end in matcher(doc):
                label, canonical = doc.vocab.strings[key].split("|", 1)
                span = Span(doc, start, end, label=label, kb_id=canonical)
                if check and not self._capitalised(span, doc.vocab.strings[key]):
                    continue
                found.append(span)
        return [s for s in filter_spans(found) if not inside_unknown_name(s, words) and not hyphen_glued(s)]

    def _capitalised(self, span, key: str) -> bool:
        return any(all(t.text[:1].isupper() or not p.text[:1].isupper() for t, p in zip(span, pattern))
                   for pattern in self.patterns[key] if len(pattern) == len(span))


def inside_unknown_name(span, words: Words) -> bool:
    """A lone known surname or given name that is part of someone else's name ("Rook" in
    "Delia Rook", "Lind" in "Lind Ekberg"): left to the tagger."""
    if span.label_ != "PERSON" or len(span) != 1:
        return False
    doc, i = span.doc, span.start
    near = ([doc[i - 1]] if i > 0 and not doc[i].is_sent_start else []) + \
        ([doc[i + 1]] if i + 1 < len(doc) and not doc[i + 1].is_sent_start else [])
    return any(t.pos_ == "PROPN" and t.is_title and t.lower_ not in words.title_parts for t in near)


def hyphen_glued(span) -> bool:
    """A name inside a hyphenated word ("pro-Rook", "Rook-era") modifies it; it names nobody."""
    return joined(span.doc, span.start - 1) or joined(span.doc, span.end)


def overlay(doc, ents: list, known: list, gaz) -> list:
    """Known names win. A tagger span of the same label that holds the name stays (it is longer);
    so does a span the name only modifies ("[Rook Foundation]"); words before the name leave its
    span ("[Ruritania Jane Roe]" -> Ruritania, Jane Roe)."""
    out = list(ents)
    for k in known:
        over = [e for e in out if e.start < k.end and k.start < e.end]
        holder = next((e for e in over if e.start <= k.start and k.end <= e.end), None)
        if holder is not None and (holder.label_ == k.label_ or holder.end > k.end):
            continue
        out = [e for e in out if e not in over]
        if holder is not None and holder.start < k.start:
            out += leftover(doc, holder.start, k.start, holder.label_, gaz)
        out.append(k)
    return out


# --- shared tests on words --------------------------------------------------------------------
def joined(doc, i: int) -> bool:
    """A hyphen with no space on either side: "Jin-hwa", "el-Tayeb"."""
    return 0 < i < len(doc) - 1 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_


def is_name_word(tok, words: Words) -> bool:
    """A word that can stand in a name: capitalised, a particle, a hyphen join and its parts, or a
    suffix after a name ("Carlos III", "Ana Lind Jr.")."""
    doc = tok.doc
    return (tok.is_title and tok.is_alpha) or tok.text in words.particles or joined(doc, tok.i) \
        or (tok.is_alpha and tok.i > 0 and joined(doc, tok.i - 1)) or is_suffix(tok, words)


def is_suffix(tok, words: Words) -> bool:
    return tok.lower_ in words.suffixes and not tok.is_lower and tok.i > 0 and tok.doc[tok.i - 1].is_title


def plausible_name(span, words: Words, gaz) -> bool:
    """Could these words be a person's name? Name words only, no title word, no organisation
    word at the end, not a place the gazetteer knows, not opening with a nationality."""
    if not len(span) or not all(is_name_word(t, words) for t in span):
        return False
    if not span[0].is_title or not (span[-1].is_alpha or is_suffix(span[-1], words)) or span[-1].lower_ in words.org_words \
            or span[-1].tag_ in ("NNPS", "NNS"):   # "the Smiths", "Uzbeks": a people, not a person
        return False
    if any(t.lower_ in words.title_parts and t.is_title for t in span):
        return False
    return gaz.lookup(span.text) is None and gaz.country_of_demonym(span[0].text) is None


def leftover(doc, start: int, end: int, label: str, gaz) -> list:
    """What stays of a span whose end became a person: a place, a nationality, or (two words or
    more) the span's own label; nothing else."""
    if start >= end:
        return []
    text = doc[start:end].text
    if gaz.lookup(text) is not None:
        return [Span(doc, start, end, label="GPE")]
    if gaz.country_of_demonym(text) is not None:
        return [Span(doc, start, end, label="NORP")]
    if end - start >= 2 and label in REPAIRABLE:
        return [Span(doc, start, end, label=label)]
    return []


# --- 2. titles --------------------------------------------------------------------------------
def title_fragment(span, words: Words) -> bool:
    """'[Defense] Minister', '[Major General] Ana Lind': title words the tagger took for a name."""
    doc = span.doc
    if span.label_ == "PERSON" or not all(t.lower_ in words.title_parts for t in span) or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.lower_ in words.title_parts or span[-1].lower_ in words.titles and nxt.is_title


def split_title(span, words: Words, gaz) -> Optional[list]:
    """'[Speaker Ana Lind]' tagged as one organisation (or not at all): the title leaves the
    span and the name after it is a person; words before the title keep what they were."""
    doc = span.doc
    cut = next((t.i for t in reversed(span) if t.lower_ in words.titles and t.is_title), None)
    if cut is None or cut == span.end - 1:
        return None
    name = doc[cut + 1:span.end]
    if span.label_ == "FAC" or len(name) < 2 and span.label_ != UNTAGGED or not plausible_name(name, words, gaz):
        return None   # "[General Motors]", "[Queen Mary Hospital]": organisations named after titles
    first = cut
    while first > span.start and doc[first - 1].lower_ in words.title_parts:
        first -= 1
    return leftover(doc, span.start, first, span.label_, gaz) + [Span(doc, name.start, name.end, label="PERSON")]


def after_title(span, words: Words, gaz) -> Optional[list]:
    """A name right after a title ("chairperson [Ana Lind]", "Prime Minister of Ruritania
    [Ana Lind]") is a person, with a place the tagger glued to its front split off."""
    doc = span.doc
    if span.label_ == "FAC":
        return None
    start = place_prefix_end(span, words, gaz)
    name = doc[start:span.end]
    if start == span.start and not title_before(doc, start, words) or not plausible_name(name, words, gaz):
        return None
    if len(name) == 1 and not doc[start - 1].is_title:
        return None
    return leftover(doc, span.start, start, span.label_, gaz) + [Span(doc, start, span.end, label="PERSON")]


def place_split(span, words: Words, gaz) -> Optional[list]:
    """'President of [Ruritania Ana Lind]' tagged as one person: the place leaves the name."""
    start = place_prefix_end(span, words, gaz)
    if start == span.start or not plausible_name(span.doc[start:span.end], words, gaz):
        return None
    return leftover(span.doc, span.start, start, "GPE", gaz) + [Span(span.doc, start, span.end, label="PERSON")]


def title_before(doc, i: int, words: Words) -> bool:
    """A title word right before token i, or "<title> of <place>" before it."""
    if i > 0 and doc[i - 1].lower_ in words.titles:
        return True
    j = i
    while j > 0 and doc[j - 1].ent_type_ == "GPE":
        j -= 1
    return j < i and j >= 2 and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ in words.titles


def place_prefix_end(span, words: Words, gaz) -> int:
    """'[Ruritania Ana Lind]' after "President of": where the place at the front ends."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of" or doc[span.start - 2].lower_ not in words.titles:
        return span.start
    for end in range(span.end - 2, span.start, -1):
        if gaz.lookup(doc[span.start:end].text) is not None:
            return end
    return span.start


# --- 3. context: apposition and "who" ---------------------------------------------------------
def person_context(span, words: Words) -> bool:
    """The parse says a person: a role apposition ("X, the speaker of parliament,"; "his
    counterpart, X"), or a "who" clause in the singular ("X, who chairs the upper house,")."""
    root = span.root
    for c in root.children:
        if c.dep_ == "appos" and c.i >= span.end and person_noun(c, words):
            return True
        if c.dep_ == "relcl" and singular(c) and any(
                x.text == "who" and x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            return True
    return root.dep_ == "appos" and root.head.i < span.start and person_noun(root.head, words)


def singular(verb) -> bool:
    """'who chairs', 'who was': one person; 'who are', 'who have' speak of a group."""
    forms = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ != "VBP" and not any(t.lower_ in ("are", "were", "have") for t in forms)


def person_noun(tok, words: Words) -> bool:
    """A noun only a person fits: a role ("president"), a relation or trade ("wife", "analyst");
    a role a state can fill too ("leader", "host") only with "his" or "her"."""
    word = tok.lemma_.lower()
    if word in words.person_nouns:
        return True
    if word in words.shared_roles:
        return any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children)
    return word in words.roles


def by_context(span, words: Words, gaz) -> Optional[list]:
    if person_context(span, words) and plausible_name(span, words, gaz):
        return [Span(span.doc, span.start, span.end, label="PERSON")]
    return None


# --- 4. the article's other mentions ----------------------------------------------------------
def person_names(spans: list, known: list, words: Words, gaz) -> set:
    """Every way the article's people may be named again: each full name (of two words or more,
    or a known person's) and its last words ("Ana Maria Kask", "Maria Kask", "Kask")."""
    full = [p for p in spans if p.label_ == "PERSON" and len(p) >= 2 and plausible_name(p, words, gaz)]
    return {p[i:].text for p in full + [k for k in known if k.label_ == "PERSON"] for i in range(len(p))}


def split_list(span, words: Words, gaz, names: set) -> Optional[list]:
    """'[Kask, Tamm]' or '[Kask and Tamm]' tagged as one organisation: a list of people, one span
    each, when every part is a name and one of them is a person the article names elsewhere."""
    doc = span.doc
    cuts = [t.i for t in span if t.text in (",", "&") or t.lower_ == "and"]
    if span.label_ not in REPAIRABLE or not cuts:
        return None
    bounds = [span.start] + [c + 1 for c in cuts]
    parts = [doc[a:b] for a, b in zip(bounds, cuts + [span.end])]
    if not all(plausible_name(p, words, gaz) for p in parts) or not any(p.text in names for p in parts):
        return None
    return [Span(doc, p.start, p.end, label="PERSON") for p in parts]


def same_name(span, words: Words, gaz, names: set) -> Optional[list]:
    """Words tagged as something else (or not at all) that name a person elsewhere in the article
    ("Ana Kask ... [Kask] said") are that person, unless they are a place."""
    if span.text in names and plausible_name(span, words, gaz):
        return [Span(span.doc, span.start, span.end, label="PERSON")]
    return None


# --- 5. growing a person's name ---------------------------------------------------------------
def growable(span, words: Words, gaz) -> bool:
    """Only a span that looks like a name grows, and not a place the tagger took for a person."""
    return all(is_name_word(t, words) or t.text == "." for t in span) and gaz.lookup(span.text) is None


def grow(span, words: Words, gaz, blocked: set, others: set) -> Span:
    """A person's name run on over what the tagger cut off: hyphen joins ("[Kang Min]-seo"),
    lower-case particles ("[Ana de la] Cruz") and compound chains in the parse ("[Tran Van] Minh").
    Growing left stops at titles, places and other entities; a grown place is no person."""
    doc, start, end = span.doc, span.start, span.end
    while (nxt := grow_right(doc, end, words, gaz, blocked)) > end:
        end = nxt
    while (prev := grow_left(doc, start, end, words, gaz, blocked | others)) < start:
        start = prev
    if gaz.lookup(doc[start:end].text) is not None:   # "Old Town", "Croix-des-Bouquets"
        return span
    return Span(doc, start, end, label="PERSON", kb_id=span.kb_id_)


def linker(doc, i: int, words: Words) -> bool:
    """A particle, or a hyphen join with a lower-case side ("Min-seo", "el-Tayeb"): the glue
    inside a name. Two capitalised words joined ("the Rook-Lind talks") are two names as often."""
    return doc[i].text in words.particles or joined(doc, i) and (doc[i - 1].is_lower or doc[i + 1].is_lower)


def grow_right(doc, end: int, words: Words, gaz, blocked: set) -> int:
    """The next name word, when glue ties it to the span ("[Ana] de la Cruz", "[Kang Min]-seo")
    or the span's last word hangs on it in the parse ("[Tran Van] Minh")."""
    j = end
    while j < len(doc) and linker(doc, j, words) and not doc[j].is_sent_start:
        j += 1
    if j >= len(doc) or doc[j].is_sent_start or blocked.intersection(range(end, j + 1)):
        return end
    nxt = doc[j]
    if j == end and is_suffix(nxt, words):   # "[Abdullah] II"
        return j + 1
    if nxt.lower_ in words.title_parts:
        return end
    if nxt.is_title and (j > end or doc[end - 1].text in words.particles) \
            and gaz.lookup(nxt.text, kinds=("Country",)) is None:   # "Lula da Silva", not "Ana de Chile"
        return j + 1
    if nxt.is_lower and j > end and joined(doc, j - 1) and nxt.pos_ == "PROPN":
        return j + 1
    if nxt.is_title and nxt.pos_ == "PROPN" and doc[end - 1].head.i == j:
        return j + 1
    return end


def grow_left(doc, start: int, end: int, words: Words, gaz, blocked: set) -> int:
    """The name word before, when it hangs on the span (only glue in between), is no title word
    and no place."""
    j = start
    while j > 0 and linker(doc, j - 1, words) and not doc[j].is_sent_start:
        j -= 1
    if j < 1 or doc[j].is_sent_start or blocked.intersection(range(j - 1, start)):
        return start
    prev = doc[j - 1]
    if not (start <= prev.head.i < end) or not prev.is_title or prev.tag_ != "NNP" \
            or prev.lower_ in words.title_parts or gaz.lookup(prev.text) is not None:
        return start
    return j - 1


# --- the component ----------------------------------------------------------------------------
def untagged_runs(doc, ents: list, words: Words) -> list:
    """Runs of capitalised proper nouns the tagger left without a label."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    runs, i = [], 0
    while i < len(doc):
        if i in taken or doc[i].pos_ != "PROPN" or not doc[i].is_title:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and not doc[j].is_sent_start and (
                doc[j].pos_ == "PROPN" and doc[j].is_title or doc[j].text in words.particles or joined(doc, j)
                or joined(doc, j - 1) and doc[j].is_alpha or is_suffix(doc[j], words)):
            j += 1
        runs.append(Span(doc, i, j, label=UNTAGGED))
        i = j
    return runs


def title_case_line(sent) -> bool:
    """A headline: mostly Title Case and no closing full stop; the parse there is unreliable."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and not sent.text.rstrip().endswith((".", '"', "”", "?", "!")) \
        and sum(t.is_title for t in words) / len(words) >= 0.6


def repaired(span, words: Words, gaz) -> Optional[list]:
    """The first repair from the span and its sentence that applies to a span not (yet) a person."""
    if span.label_ == "PERSON":
        return place_split(span, words, gaz)
    if span.label_ not in REPAIRABLE and span.label_ != UNTAGGED:
        return None
    for repair in (split_title, after_title, by_context):
        out = repair(span, words, gaz)
        if out is not None:
            return out
    return None


def again(span, words: Words, gaz, names: set) -> Optional[list]:
    """The repairs from the article's other mentions of its people."""
    if span.label_ not in REPAIRABLE and span.label_ != UNTAGGED:
        return None
    return split_list(span, words, gaz, names) or same_name(span, words, gaz, names)


class NameRepair:
    """The `kg_names` pipeline component: configured from actors.json and names.json."""

    def __init__(self, nlp):
        from .gazetteer import Gazetteer
        self.words = Words.load()
        self.known = KnownNames(nlp, known_names())
        self.gaz = Gazetteer.default()

    def __call__(self, doc):
        known = self.known.spans(doc, self.words)
        blocked = {i for k in known for i in range(k.start, k.end)}
        headlines = {i for sent in doc.sents if title_case_line(sent) for i in range(sent.start, sent.end)}
        ents = [e for e in doc.ents if not title_fragment(e, self.words)]
        spans = ents + untagged_runs(doc, ents, self.words)
        free = [s for s in spans if s.start not in headlines and not blocked.intersection(range(s.start, s.end))]
        spans = self.apply(spans, free, lambda s: repaired(s, self.words, self.gaz))
        names = person_names([s for s in spans if s.start not in headlines], known, self.words, self.gaz)
        free = [s for s in spans if s.start not in headlines]
        spans = self.apply(spans, free, lambda s: again(s, self.words, self.gaz, names))
        spans = [s for s in spans if s.label_ != UNTAGGED]
        others = {i for e in spans if e.label_ != "PERSON" for i in range(e.start, e.end)}
        spans = [grow(e, self.words, self.gaz, blocked, others)
                 if e.label_ == "PERSON" and e.start not in headlines and growable(e, self.words, self.gaz) else e
                 for e in spans]
        doc.ents = filter_spans(overlay(doc, drop_overlaps(spans), known, self.gaz))
        return doc

    @staticmethod
    def apply(spans: list, free: list, repair) -> list:
        """Each span of `free` replaced by what `repair` makes of it (when it makes something)."""
        free_ids = {(s.start, s.end, s.label_) for s in free}
        out = []
        for span in spans:
            fixed = repair(span) if (span.start, span.end, span.label_) in free_ids else None
            out += fixed if fixed is not None else [span]
        return out


def drop_overlaps(spans: list) -> list:
    """A grown person takes the words it grew over from the tagger's other spans."""
    people = [s for s in spans if s.label_ == "PERSON"]
    kept = [s for s in spans
            if s.label_ == "PERSON" or not any(p.start < s.end and s.start < p.end for p in people)]
    return filter_spans(kept)


@Language.factory("kg_names")
def make_name_repair(nlp, name):
    return NameRepair(nlp)
