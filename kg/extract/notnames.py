"""Words the tagger labels PERSON that name nobody: "General", "Hails" (a headline verb), a
hospital ("... Central"). Rules about English, not lists of names:

- a lone word is no person's name when it is a title or role word (names.json), a listed
  non-name, or a common English verb or adjective (the spaCy lemmatizer's WordNet word index;
  proper names there are nouns only, so "Okonkwo" stays a name);
- a longer name is no person's when its last word is one places and institutions end in
  (names.json place_name_ends, organisation_words).
Known actors (actors.json) and surnames of a person the article names in full never get here.
"""
from __future__ import annotations

from functools import lru_cache

from ..paths import data_files, read_json

SUFFIXES = ("s", "es", "ed", "d", "ing")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset, frozenset]:
    from .names import Words
    words = Words.load()
    lone, ends = set(words.titles | words.title_parts | words.roles | words.shared_roles), set(words.org_words)
    for f in data_files("names.json"):
        d = read_json(f)
        lone |= {w.lower() for w in d.get("not_person_names", [])}
        lone |= {w.lower() for r in d.get("role_heads", []) + d.get("other_titles", []) for w in r.split()}
        ends |= {w.lower() for w in d.get("place_name_ends", [])}
    return frozenset(lone), frozenset(ends)


@lru_cache(maxsize=1)
def _common_words() -> tuple[frozenset, frozenset]:
    """Verbs and adjectives of English, from the lemmatizer's WordNet index (empty without it)."""
    try:
        from .nlp import pipeline
        index = pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index["verb"]), frozenset(index["adj"])
    except Exception:   # a pipeline without the rule lemmatizer: the data lists alone decide
        return frozenset(), frozenset()


def common_word(word: str) -> bool:
    """An English verb or adjective, as written or as an inflection ("hails" -> "hail")."""
    verbs, adjectives = _common_words()
    w = word.lower()
    if w in verbs or w in adjectives:
        return True
    return any(w.endswith(s) and w[:-len(s)] in verbs for s in SUFFIXES if len(w) > len(s) + 2)


def not_a_name(label: str) -> bool:
    """Whether a person label, honorifics already stripped, names nobody."""
    words = label.replace("’", "'").split()
    if not words:
        return True
    lone, ends = _words()
    last = words[-1].lower().strip(".,'")
    if len(words) == 1:
        return last in lone or common_word(last)
    return last in ends
