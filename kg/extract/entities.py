"""What each token of a parsed article refers to: a person, place, organisation or nationality.

Names the tagger finds are resolved through the article's actors (kg/resolve.py) and the
gazetteer; names it misses ("welcomed Dupont") and roles ("the French foreign minister") are
filled in from the parse.
"""
from __future__ import annotations

from typing import Optional

from ..records import Actor
from .resolve import ArticleActors, name_data, name_key, strip_name


class Entities:
    """What each token of a Doc refers to: a person, place, organisation or nationality."""

    def __init__(self, doc, actors: ArticleActors, gazetteer):
        self.doc, self.actors, self.gaz = doc, actors, gazetteer
        self.role_heads = set(name_data()["role_heads"])
        self.by_token: dict[int, Actor] = {}
        self.span_of: dict[int, tuple[int, int]] = {}
        self.spans = ents = name_spans(doc)
        people = [e.text for e in ents if e.label_ == "PERSON" and not is_headline(e.sent)]
        people += [e.text for e in ents if e.label_ in ("GPE", "ORG", "NORP") and actors.is_known_person(e.text)]
        actors.register_full_names(people)
        for ent in ents:
            actor = self._classify(ent)
            if actor is not None:
                for t in ent:
                    self.by_token[t.i] = actor
                    self.span_of[t.i] = (ent.start, ent.end)
        self._titled_names()
        for tok in doc:   # names the NER missed: "welcomed Dupont", "a visit to Lome"
            if tok.i in self.by_token or not tok.is_title:
                continue
            if tok.pos_ == "NOUN":   # a surname opening a sentence, tagged as a noun
                if actors.partial(self.key(tok.text)) is not None:
                    self.by_token[tok.i] = actors.partial(self.key(tok.text))
                    self.span_of[tok.i] = (tok.i, tok.i + 1)
                continue
            if tok.pos_ != "PROPN":
                continue
            left = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
            span = doc[left:tok.i + 1].text
            found = actors.partial(self.key(tok.text)) or \
                (actors.person(span) if actors.is_known_person(span) else None) or self.gaz.lookup(span)
            if found is not None and (found.kind == "Person" or tok.dep_ in ("pobj", "dobj", "conj", "appos")
                                      or (tok.dep_ in ("amod", "compound", "nmod") and found.kind in ("City", "Country"))):
                # a place modifying a noun: "the Quito trip", "the Helsinki summit"
                first = tok.i if found.kind == "Person" and not actors.is_known_person(span) else left
                for i in range(first, tok.i + 1):
                    self.by_token[i] = found
                    self.span_of[i] = (first, tok.i + 1)
        self.salience = {}
        for i, a in self.by_token.items():
            if a.kind == "Person" and self.span_of[i][0] == i:
                self.salience[a.key] = self.salience.get(a.key, 0) + 1
        self.country_salience = {}
        for i, a in self.by_token.items():
            if a.kind == "Country" and self.span_of[i][0] == i:
                self.country_salience[a.key] = self.country_salience.get(a.key, 0) + 1
        self.coordinated = self._coordinations()
        self._roles()

    def _classify(self, ent) -> Optional[Actor]:
        text, label = ent.text, ent.label_
        if self.actors.is_known_person(text):
            return self.actors.person(text)
        if label == "PERSON":
            if self.gaz.country_of_demonym(text) is not None:   # "Sri Lankan" tagged PERSON
                return self.gaz.country_of_demonym(text)
            place = self.gaz.lookup(text)
            if place is not None and len(text.split()) == 1 and self.actors.partial(self.key(text)) is None:
                return place   # a country tagged PERSON: a known place wins over a lone unknown name
            return self.actors.person(text)
        if label in ("GPE", "LOC", "FAC", "ORG") and " and " in text and all(
                self.actors.partial(self.key(part)) is not None for part in text.split(" and ")):
            return None   # "Lind and Okafor" tagged as one organisation: two people, read word by word
        if label in ("GPE", "LOC", "FAC", "ORG"):
            place = self.gaz.lookup(text) or (self.gaz.lookup(text.split(",")[0]) if "," in text else None)
            if place is not None:   # "Montevideo, Oriental Republic of Uruguay" tagged as one span
                return place
            first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
            if first.lower_ in self.role_heads or first.lower_.removesuffix("s") in self.role_heads:
                return None   # "the Minister of Foreign Affairs", "the two Heads of State": roles, read in context
            if len(text.split()) <= 3 and self.actors.partial(self.key(text)) is not None:
                return self.actors.person(text)   # a surname ("Berg Lunde") tagged as a place or organisation
            if label == "ORG":
                return self.actors.organization(text)
            if self.gaz.country_of_demonym(text) is not None:   # "Ukrainian" tagged GPE
                return self.gaz.country_of_demonym(text)
        if label == "NORP":   # "the Kigali summit" tags a city as a nationality
            return self.gaz.country_of_demonym(text) or (self.gaz.lookup(text) if self.actors.is_known_org(text) else None) \
                or (self.actors.organization(text) if self.actors.is_known_org(text) else None) \
                or self.gaz.lookup(text, kinds=("City",))
        return None

    def _coordinations(self) -> dict[int, list[Actor]]:
        """'North and South Korea': one head with coordinated modifiers, two places."""
        out = {}
        for head in self.doc:
            if head.pos_ != "PROPN":
                continue
            for m in head.children:
                if m.dep_ in ("nmod", "compound", "amod") and m.i < head.i and m.conjuncts:
                    found = [self.gaz.lookup(f"{x.text} {head.text}") for x in (m, *m.conjuncts)]
                    if all(found) and len({a.key for a in found}) == len(found):
                        out[head.i] = found
        return out

    def _titled_names(self) -> None:
        """'Sweden's King Carl XVI Gustaf', 'Emir Hamad': a title word, then a name the tagger missed."""
        titles = {w for w in name_data()["role_heads"] if " " not in w}
        for head in self.doc:
            if head.i in self.by_token or head.pos_ != "PROPN":
                continue
            chain = sorted([c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"], key=lambda t: t.i)
            if not chain or chain[0].lower_ not in titles or any(t.i in self.by_token for t in chain[1:]):
                continue
            words = chain[1:] + [head]
            if any(t.lower_ in titles for t in words):
                continue   # "Secretary-General", "Deputy Prime Minister": titles, not a name
            person = self.actors.person(" ".join(t.text for t in words))
            if person is None:
                continue
            for t in words:
                self.by_token[t.i] = person
                self.span_of[t.i] = (words[0].i, head.i + 1)
            country = next((self.by_token.get(c.i) for c in head.children if c.dep_ == "poss"
                            and self.by_token.get(c.i) is not None and self.by_token[c.i].kind == "Country"), None)
            self.actors.add_role(person, chain[0].text, country)

    @staticmethod
    def key(text):
        """The identity key of a name as written ("Jean-Yves Le Drian's" -> "jean-yves-le-drian")."""
        return name_key(strip_name(text))

    def actor(self, tok) -> Optional[Actor]:
        return self.by_token.get(tok.i)

    def root(self, tok):
        """The syntactic head of the entity a token belongs to."""
        start, end = self.span_of.get(tok.i, (tok.i, tok.i + 1))
        return self.doc[start:end].root

    def is_person(self, tok) -> bool:
        a = self.actor(tok)
        return a is not None and a.kind == "Person"

    # -- roles: "French Foreign Minister Jean Dupont", "France's foreign minister, Jean Dupont"
    def person_spans(self) -> list:
        """Every span that names a person, tagged by the NER or found by the repairs above."""
        from spacy.tokens import Span
        starts = sorted({self.span_of[i] for i, a in self.by_token.items() if a.kind == "Person"})
        return [Span(self.doc, a, b, label="PERSON") for a, b in starts]

    def _roles(self) -> None:
        role_heads = set(name_data()["role_heads"])
        for ent in self.person_spans():
            if is_headline(ent.sent):
                continue
            person = self.by_token.get(ent.start)
            words, country = self._title_before(ent)
            if not words or words.split()[-1].lower() not in role_heads:
                # the parse lost it ("State Minister of [Foreign Affairs X]"); the words still stand before the name
                left = self._title_left_of(ent, role_heads)
                words, country = left if left[0] else (words, country)
            if words:
                self.actors.add_role(person, words, country)
            before = self.doc[ent.start - 2] if ent.start >= 2 else None
            if before is not None and self.doc[ent.start - 1].text == "," and before.lemma_.lower() in role_heads \
                    and ent.root.dep_ != "appos":   # "Qatar's emir, Sheikh Tamim," parsed apart
                role, country = self.role_phrase(before)
                if country is None:
                    country = next((self.by_token[c.i] for c in before.children if c.dep_ == "poss"
                                    and c.i in self.by_token and self.by_token[c.i].kind == "Country"), None)
                self.actors.add_role(person, role, country)
            head = ent.root
            appositive = head if head.dep_ == "appos" else next((h for h in head.ancestors if h.dep_ == "appos"
                                                                   and head in h.conjuncts), None)
            if appositive is not None and appositive.head.lemma_.lower() in role_heads:
                role, country = self.role_phrase(appositive.head)   # "the security chiefs, X and Y,"
                own = next((self.by_token[o.i] for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                            for o in p.children if o.i in self.by_token and self.by_token[o.i].kind == "Country"), None)
                if role:
                    self.actors.add_role(person, role, own or country)   # "X of Kyrgyzstan"
            for child in head.children:
                if child.dep_ == "appos" and child.lemma_.lower() in role_heads:
                    role, country = self.role_phrase(child)
                    if role:
                        self.actors.add_role(person, role, country)

    def _title_left_of(self, ent, role_heads: set[str]) -> tuple[str, Optional[Actor]]:
        """'... and Foreign Minister Sameh Shoukry': capitalised title words just before the name,
        ending in a role word, read from the text when the parse tied them elsewhere."""
        i = ent.start
        while i > 0 and (self.doc[i - 1].is_title or (self.doc[i - 1].lower_ == "of" and i - 1 > 0
                                                     and self.doc[i - 2].is_title)) \
                and self.doc[i - 1].i not in self.by_token and ent.start - i < 6:
            i -= 1   # "Foreign Minister X", "State Minister of Foreign Affairs X"
        while i < ent.start and not self.doc[i].is_title:
            i += 1
        words = [t.text for t in self.doc[i:ent.start]]
        office = " ".join(words).lower().split(" of ")[0].split()   # the office before "of"
        if words and (words[-1].lower() in role_heads or (office and office[-1] in role_heads and "of" in words)):
            country = self.by_token.get(i - 1) if i > 0 and self.by_token.get(i - 1) is not None \
                and self.by_token[i - 1].kind == "Country" else None
            return " ".join(words), country
        return "", None

    def _title_before(self, ent) -> tuple[str, Optional[Actor]]:
        """Title words that modify a name from the left, and the country among them."""
        words, country = [], None
        for t in ent.root.subtree:
            if t.i >= ent.start:
                break
            a = self.by_token.get(t.i)
            if self.is_party(a):
                country = a if country is None or country.kind != "Country" else country   # a state first
            elif a is None and t.dep_ in ("compound", "amod", "nmod") and t.pos_ in ("PROPN", "NOUN", "ADJ") \
                    and not t.ent_type_ == "DATE":
                words.append(t.text)
            elif t.dep_ == "prep" and t.lower_ == "of" and self._party_of(t) is not None:
                continue   # "Prime Minister of Norway Jonas Gahr Store"
            elif t.dep_ not in ("det", "case", "punct", "poss"):
                words = []
        return " ".join(words), country

    @staticmethod
    def is_party(a: Optional[Actor]) -> bool:
        """A state, or an organisation the data files know (the UN, the EU: not 'the Foreign
        Ministry', which is part of a state), that a role can be 'of'."""
        return a is not None and (a.kind == "Country" or (a.kind == "Organization" and a.pref_label is not None))

    def _party_of(self, prep) -> Optional[Actor]:
        """The state or organisation an 'of' phrase names: 'of Norway', 'of the Arctic Council'."""
        for o in prep.children:
            a = self.by_token.get(o.i) if o.dep_ == "pobj" else None
            if self.is_party(a):
                return a
        return None

    def role_phrase(self, head) -> tuple[str, Optional[Actor]]:
        """'the French foreign minister' -> ("foreign minister", France); 'the president of the
        Arctic Council' -> ("president", Arctic Council)."""
        words, country = [], None
        for t in head.lefts:
            a = self.by_token.get(t.i)
            if self.is_party(a):
                country = a if country is None or country.kind != "Country" else country   # a state first
            elif t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "NOUN", "PROPN") and a is None:
                words.append(t.text.lower())
        of = next((t for t in head.rights if t.dep_ == "prep" and t.lower_ == "of"), None)
        party = self._party_of(of) if of is not None else None
        if country is None and party is not None:   # "the president of Colombia", "secretary-general of the UN"
            country = party
        name = head.lemma_.lower() if head.tag_ == "NNS" else head.text.lower()   # "the security chiefs, X and Y"
        if of is not None and party is None and all(t.is_title for t in of.subtree if t.i != of.i and t.is_alpha):
            # "Minister of Foreign Affairs": the office is part of the role
            words_of = [t.text.lower() for t in of.subtree if t.dep_ != "det"]
            return " ".join(words + [name] + words_of), country
        return " ".join(words + [name]), country


def name_spans(doc) -> list:
    """The tagger's entities, as kg/extract/names.py repaired them in the pipeline (a name cut
    short or run into a title, a person tagged as an organisation)."""
    return list(doc.ents)


def is_headline(sent) -> bool:
    """Title Case without a closing full stop: a headline, where taggers and parsers fail."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sent.text.rstrip().endswith((".", '"', "”", "?", "!")):
        return False
    return sum(t.is_title for t in words) / len(words) >= 0.8
