"""How a place name is written and compared: cleaning, folding to a comparison key, and the
capitalisation a name asks of the text (the gazetteer's rules, in `gazetteer.py`, build on these).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Union

from ..records import Actor

_KEY_TRANS = str.maketrans({".": "", ",": " ", "-": " ", "‐": " ", "–": " ", "—": " ", "/": " ",
                            "’": "'", "‘": "'", "`": "'", "&": " and "})
_STRIP = " \t\r\n\"“”«»()[]{},;:!?*"
_ARTICLE_RE = re.compile(r"^(?:al|el|ar|as|ad|az|an|at|ash) (?=\S)")
_POSSESSIVE = re.compile(r"'s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def fold(s: str) -> str:
    """Accents off: "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    return s if s.isascii() else unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def clean(name: str) -> str:
    """A name as the text gives it, without the wrapping: "the United States'" -> "United States"."""
    s = name.strip().replace("’", "'").replace("‘", "'").strip(_STRIP)
    s = _POSSESSIVE.sub("", s).strip(_STRIP + "-–—‐")
    s = _LEADING_THE.sub("", s)
    return s.strip()


def key(name: str) -> str:
    """The comparison key of a cleaned name: case, accents, dots, commas and hyphens folded."""
    words = fold(name).translate(_KEY_TRANS).lower().split()
    if words and words[0] == "st":
        words[0] = "saint"
    return " ".join(words)


def city_label(name: str) -> str:
    """GeoNames' city name as English news writes it: "Bogotá" -> "Bogota", "Dar‘ā" -> "Dar'a"."""
    return fold(name.replace("‘", "'").replace("’", "'").replace("ʼ", "'")).strip() or name


def slug(text: str) -> str:
    """The `place-<slug>` part of a key for a place GeoNames has no id for."""
    return re.sub(r"[^a-z0-9]+", "-", fold(clean(text)).lower()).strip("-")


def bare(k: str) -> str:
    """A name key without a leading Arabic article: "al hudaydah" -> "hudaydah"."""
    return _ARTICLE_RE.sub("", k, count=1)


def letters(s: str) -> str:
    """Only the (unaccented) letters, to compare how a name is capitalised."""
    return re.sub(r"[^A-Za-z]", "", fold(s))


@dataclass(frozen=True)
class Name:
    """One way of writing a place, in the index."""
    tier: int
    seq: int                      # later definitions (a user's file) win within a tier
    acronym: Optional[str]        # "US" for "U.S.": then the text must have exactly these capitals
    upper_first: bool
    target: Union[Actor, str]     # an Actor, or "city:<geonameid>" realised on demand

    @staticmethod
    def form(text: str) -> tuple[Optional[str], bool]:
        caps = letters(text)
        acronym = caps if (" " not in text and 2 <= len(caps) <= 5 and caps.isupper()) else None
        return acronym, text[:1].isupper()


def case_ok(text: str, acronym: Optional[str], upper_first: bool) -> bool:
    """Whether the text is capitalised as the name asks ("paris" is no place, "Us" is not the US)."""
    caps = letters(text)
    if acronym is not None:
        return caps == acronym
    if caps.isupper() and len(caps) <= 4 and " " not in text:
        return False              # "NATO", "KIM": an acronym in the text needs an acronym name
    return not upper_first or text[:1].isupper() or text[:1].isdigit()
