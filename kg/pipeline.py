"""One article from loaded document to extraction record: parse, extract, collect roles."""
from __future__ import annotations

from datetime import date

from .records import ArticleRecord


def extract_document(doc) -> ArticleRecord:
    """Parse `doc.analysis_text` (boilerplate blanked, offsets kept) and extract its events."""
    from .extract import Extractor
    from .gazetteer import Gazetteer
    from .nlp import parse

    published = date.fromisoformat(doc.meta.published) if doc.meta.published else None
    parsed = parse(doc.analysis_text)
    extractor = Extractor(parsed, doc.text, published, Gazetteer.default())
    events = extractor.run()
    return ArticleRecord(stem=doc.stem, text=doc.text, sha256=doc.sha256, meta=doc.meta,
                         events=events, roles=extractor.actors.roles)
