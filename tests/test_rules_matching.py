"""Rule matching on hand-built parses: the tagger's slips the rules read through, and the
look-alikes they must not."""
import spacy
from spacy.tokens import Doc

from kg.extract.rules import load_rules
from kg.extract.timing import present_simple

VOCAB = spacy.blank("en").vocab


def doc(words, pos, tags, deps, heads, lemmas):
    return Doc(VOCAB, words=words, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas)


def test_a_root_noun_with_a_subject_is_read_as_the_verb_it_is():
    # "Ramos flies on Friday to Quito", with "flies" tagged a plural noun
    d = doc(["Ramos", "flies", "on", "Friday", "to", "Quito", "."],
            ["PROPN", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
            ["NNP", "NNS", "IN", "NNP", "IN", "NNP", "."],
            ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
            [1, 1, 1, 2, 1, 4, 1],
            ["Ramos", "fly", "on", "Friday", "to", "Quito", "."])
    assert "travel-verb" in [r.id for r in load_rules().matching(d[1])]
    assert present_simple(d[1])   # a timetable's present, as "visits" would be


def test_a_noun_that_is_the_subject_of_a_verb_stays_a_noun():
    # "The flies buzzed"
    d = doc(["The", "flies", "buzzed", "."], ["DET", "NOUN", "VERB", "PUNCT"], ["DT", "NNS", "VBD", "."],
            ["det", "nsubj", "ROOT", "punct"], [1, 2, 2, 2], ["the", "fly", "buzz", "."])
    assert "travel-verb" not in [r.id for r in load_rules().matching(d[1])]
    assert not present_simple(d[1])
