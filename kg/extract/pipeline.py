"""One article from loaded document to extraction record: parse, extract, collect roles."""
from __future__ import annotations

from datetime import date

from ..records import ArticleRecord, country_code
from .dates import resolve


def extract_document(doc) -> ArticleRecord:
    """Parse `doc.analysis_text` (boilerplate blanked, offsets kept) and extract its events."""
    from .article import Article
    from .entities import Entities
    from .events import EventReader
    from .gazetteer import Gazetteer
    from .nlp import parse
    from .offices import office_roles
    from .resolve import ArticleActors
    from .rules import load_rules

    published = date.fromisoformat(doc.meta.published) if doc.meta.published else None
    dateline = doc.dateline
    if dateline is not None and published is None:
        # "TOKYO, May 3, 2024 (Reuters) -" dates the report when the sidecar does not; a dateline
        # without its year cannot, since relative dates need a whole anchor.
        stated = resolve(dateline.date, None) if dateline.date else None
        if stated is not None and stated.start.precision == "day":
            published = date.fromisoformat(stated.start.iso)
    text = doc.analysis_text
    if dateline is not None:   # "JAKARTA (AP) —" is no part of the first sentence: the parser must not see it
        text = text[:dateline.start] + " " * (dateline.end - dateline.start) + text[dateline.end:]
    parsed, gaz = parse(text), Gazetteer.default()
    actors = ArticleActors(gaz)
    article = Article(doc=parsed, text=doc.text, published=published, gaz=gaz, rules=load_rules(),
                      actors=actors, ents=Entities(parsed, actors, gaz), place=filed_at(dateline, gaz))
    events = EventReader(article).run()
    return ArticleRecord(stem=doc.stem, text=doc.text, sha256=doc.sha256, meta=doc.meta,
                         events=events, roles=office_roles(actors.roles), nationality=nationality(actors))


def nationality(actors) -> dict[str, str]:
    """Person key -> alpha-3 code of the state they act for (kg:countryCode): from actors.json's
    "country" or a role such as "French Foreign Minister"; a person with no state known, or whose
    "country" is an organisation or a region of several states, has none."""
    out = {}
    for k, country in actors.nationality.items():
        code = country_code(country) if country is not None and country.kind in ("Country", "Region") else None
        if code:
            out[k] = code
    return out


def filed_at(dateline, gaz):
    """The place a dateline names ("KYIV, Ukraine —"), as the gazetteer knows it, or None."""
    if dateline is None:
        return None
    place = gaz.lookup(dateline.place.title())
    if place is None and dateline.region:
        place = gaz.lookup(dateline.region)
    return place
