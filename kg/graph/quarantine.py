"""Validate one article's graph and drop the mentions that break a shape, not the article.

One bad mention (a meeting whose two participants resolved to one person, a rule whose status
does not fit its event type) must not cost the other mentions of its article. Each violation is
traced to the mentions responsible: the mention itself, or an actor or place it names (directly
or through kg:locatedIn). Those mentions are left out of the record and the graph is minted
again from it, so no triple of theirs survives; the article is refused, as with `strict`, when a
violation belongs to no mention (the article node, a role) or the rest still does not conform.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import ArticleRecord, EventRecord
from ..vocab import RDF
from .rdf import article_quads, ntriples, res
from .validate import Report, Violation, validate_article


@dataclass
class Dropped:
    """A mention left out of its article, and why (one reason per violation)."""
    event: EventRecord
    reasons: list[str]


@dataclass
class Checked:
    """What may be stored of one article: `record` and its `quads` (empty when refused).

    `report` is the validation of the whole article as extracted, kept for the refusal message."""
    record: ArticleRecord
    quads: list
    report: Report
    dropped: list[Dropped] = field(default_factory=list)
    refused: bool = False


def check_article(record: ArticleRecord, strict: bool = False) -> Checked:
    """Validate the article's graph; unless `strict`, drop the mentions that break a shape."""
    quads = article_quads(record)
    report = validate_article(ntriples(quads))
    if report.conforms:
        return Checked(record, quads, report)
    blame = None if strict else _blame(record, quads, report.results)
    if blame is None:
        return Checked(record, [], report, refused=True)
    kept = replace(record, events=[e for i, e in enumerate(record.events) if i not in blame])
    kept_quads = article_quads(kept)
    if not validate_article(ntriples(kept_quads)).conforms:
        return Checked(record, [], report, refused=True)
    dropped = [Dropped(record.events[i], reasons) for i, reasons in sorted(blame.items())]
    return Checked(kept, kept_quads, report, dropped)


def _blame(record: ArticleRecord, quads, violations: list[Violation]) -> dict[int, list[str]] | None:
    """{event index: reasons} for every violation, or None when one belongs to no mention."""
    mentions = {res("mention", record.stem, str(n)).value: n - 1 for n in range(1, len(record.events) + 1)}
    reach = _reach(quads, set(mentions), res("article", record.stem).value)
    blame: dict[int, list[str]] = {}
    for v in (v for v in violations if v.severity == "Violation"):
        responsible = [i for iri, i in mentions.items() if v.focus in reach[iri]]
        if not responsible:
            return None
        reason = v.reason() if v.focus in mentions else v.line()
        for i in responsible:
            if reason not in blame.setdefault(i, []):
                blame[i].append(reason)
    return blame


def _reach(quads, mentions: set[str], article: str) -> dict[str, set[str]]:
    """For each mention, itself and every node it leads to by its triples (the actors and places it
    names, the places those are located in), never through the article, which all mentions cite."""
    links: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value != RDF + "type" and hasattr(q.object, "value") and not hasattr(q.object, "datatype"):
            links.setdefault(q.subject.value, set()).add(q.object.value)
    out = {}
    for m in mentions:
        seen, todo = {m}, [m]
        while todo:
            for nxt in links.get(todo.pop(), ()):
                if nxt not in seen and nxt != article:
                    seen.add(nxt)
                    todo.append(nxt)
        out[m] = seen
    return out
