"""The event layer is updated where a write touches it (kg/graph/delta.py); it must always equal
the layer derived from scratch, whatever order articles are written, replaced and removed in.

Articles: the seeds and the probe articles, each also in an edited version (its first half, under
the same stem: a replacement) and, where it names a person kg knows only from the text, a copy
naming them by initial ("N. Surname", a new stem: the spellings fold into one person)."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from kg import vocab as v
from kg.batch import article
from kg.graph.delta import _kin, layer_delta
from kg.graph.merge import event_layer
from kg.graph.stamp import layer_stamp
from kg.store.store import KgStore

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/data/probes").glob("*.txt"))


def _copy(src: Path, folder: Path, stem: str, text: str) -> Path:
    out = folder / f"{stem}.txt"
    out.write_text(text, encoding="utf-8")
    meta = src.with_suffix(".meta.json")
    if meta.exists():
        shutil.copy(meta, folder / f"{stem}.meta.json")
    return out


def _unknown_person(quads) -> str | None:
    """A two-word person name the article alone gives (no data file knows it)."""
    labels, known = {}, set()
    for q in quads:
        if q.subject.value.startswith(v.RES + "person/"):
            if q.predicate.value == v.RDFS + "label":
                labels[q.subject.value] = q.object.value
            elif q.predicate.value == v.SKOS + "prefLabel":
                known.add(q.subject.value)
    names = sorted(n for s, n in labels.items() if s not in known and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", n))
    return names[0] if names else None


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, list[list]]:
    """stem -> the quads of each version of that article (original first)."""
    folder = tmp_path_factory.mktemp("versions")
    out: dict[str, list[list]] = {}
    for src in SOURCES:
        done = article(src)
        if done.quads is None:
            continue
        out.setdefault(done.stem, []).append(done.quads)
        text = src.read_text(encoding="utf-8")
        edited = article(_copy(src, folder, src.stem, text[: len(text) // 2]))
        if edited.quads is not None:
            out[done.stem].append(edited.quads)
        name = _unknown_person(done.quads)
        if name:
            initial = f"{name[0]}. {name.split()[1]}"
            copy = article(_copy(src, folder, src.stem + "-initial", text.replace(name, initial)))
            if copy.quads is not None:
                out.setdefault(copy.stem, []).append(copy.quads)
    return out


def _layer(db: KgStore) -> set:
    return set(db.store.quads_for_pattern(None, None, None, NamedNode(v.EVENTS_GRAPH)))


def _rebuilt(db: KgStore) -> set:
    return set(event_layer([(db.store, set())]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_and_removals_leave_the_layer_a_rebuild_would_make(tmp_path, versions, seed):
    rng = random.Random(seed)
    stems = sorted(versions)
    stored: set[str] = set()
    with KgStore(tmp_path / "store") as db:
        for step in range(14):
            if stored and rng.random() < 0.3:
                gone = rng.sample(sorted(stored), rng.randint(1, min(4, len(stored))))
                db.remove_articles(gone)
                stored -= set(gone)
            else:
                batch = rng.sample(stems, rng.randint(1, 6))
                db.write_articles({s: rng.choice(versions[s]) for s in batch})
                stored |= set(batch)
            assert _layer(db) == _rebuilt(db), f"step {step}"
        final = {s: db.store.quads_for_pattern(None, None, None, NamedNode(v.article_graph(s))) for s in stored}
        final = {s: list(qs) for s, qs in final.items()}
        incremental = _layer(db)
    with KgStore(tmp_path / "at-once") as fresh:
        fresh.write_articles(final)
        assert _layer(fresh) == incremental


def test_the_articles_exercise_merges_across_articles_and_folded_spellings(tmp_path, versions):
    """What the random test covers: events of several articles, and a person under two spellings."""
    with KgStore(tmp_path / "store") as db:
        for s in sorted(versions):
            db.write_articles({s: versions[s][0]})
        layer = _layer(db)
    sources = {}
    for q in layer:
        if q.predicate.value == v.NS + "source":
            sources.setdefault(q.subject.value, set()).add(q.object.value)
    assert any(len(s) > 1 for s in sources.values())
    assert any(q.predicate.value == v.OWL + "sameAs" and q.subject.value.startswith(v.RES + "person/")
               for q in layer)


def test_a_write_changes_only_the_part_of_the_layer_it_touches(tmp_path, versions):
    probes = sorted(s for s in versions if s.startswith("p"))
    with KgStore(tmp_path / "store") as db:
        db.write_articles({s: versions[s][0] for s in versions})
        before = _layer(db)
        staging_stem = probes[0]
        from pyoxigraph import Store
        staging = Store()
        staging.extend(versions[staging_stem][-1])
        delta = layer_delta(db.store, {v.article_graph(staging_stem)}, staging)
    changed = {q.subject.value for q in delta.removed + delta.added}
    events = {q.subject.value for q in before if q.predicate.value == v.NS + "mention"}
    assert delta.removed or delta.added
    assert len(changed & events) < len(events) / 4


def test_a_layer_another_version_derived_is_rebuilt_whole(tmp_path, versions):
    stems = sorted(versions)
    with KgStore(tmp_path / "store") as db:
        db.write_articles({s: versions[s][0] for s in stems[:4]})
        stamp = layer_stamp()
        stale = NamedNode(v.RES + "event/stale")
        from pyoxigraph import Literal, Quad
        db.store.remove(stamp)
        db.store.add(Quad(stale, NamedNode(v.NS + "status"), Literal("old"), NamedNode(v.EVENTS_GRAPH)))
        db.write_articles({stems[4]: versions[stems[4]][0]})
        layer = _layer(db)
        assert stamp in layer
        assert not any(q.subject == stale for q in layer)
        assert layer == _rebuilt(db)



PEOPLE = ("person/ana-veltri", "person/jonas-marr")


def _article(stem: str, published: str, mentions: list[dict], kind: str = "Meeting",
             role: str = "participant") -> list:
    """A hand-made article graph: meetings of the same two people (no place), or events of
    `kind` whose `role` is held by each mention's "actors" (default PEOPLE), each mention with its
    status and, if given, its date."""
    from pyoxigraph import Literal, Quad
    g, kg_ = NamedNode(v.article_graph(stem)), v.NS
    art = NamedNode(v.RES + f"article/{stem}")
    quads = [Quad(art, NamedNode(v.RDF + "type"), NamedNode(kg_ + "Article"), g),
             Quad(art, NamedNode(v.SCHEMA + "datePublished"), Literal(published, datatype=NamedNode(v.XSD + "date")), g)]
    for actor in sorted({a for m in mentions for a in m.get("actors", PEOPLE)}):
        node, name = NamedNode(v.RES + actor), actor.split("/")[1].replace("-", " ").title()
        kind_of = {"person": "Person", "country": "Country"}[actor.split("/")[0]]
        quads += [Quad(node, NamedNode(v.RDF + "type"), NamedNode(kg_ + kind_of), g),
                  Quad(node, NamedNode(v.RDFS + "label"), Literal(name), g)]
    for i, m in enumerate(mentions, 1):
        node = NamedNode(v.RES + f"mention/{stem}/{i}")
        quads += [Quad(node, NamedNode(v.RDF + "type"), NamedNode(kg_ + kind + "Mention"), g),
                  Quad(node, NamedNode(kg_ + "article"), art, g),
                  Quad(node, NamedNode(kg_ + "status"), NamedNode(kg_ + m["status"]), g)]
        quads += [Quad(node, NamedNode(kg_ + role), NamedNode(v.RES + a), g) for a in m.get("actors", PEOPLE)]
        if "date" in m:
            quads.append(Quad(node, NamedNode(kg_ + "startDate"), Literal(m["date"], datatype=NamedNode(v.XSD + "date")), g))
    return quads


def test_a_report_linked_only_through_an_anchored_one_is_clustered_with_it(tmp_path):
    """An article of June tells of a meeting on 8 January, then of it again undated: the undated
    report is anchored to January by the dated one (merge.clusters). An undated report of a
    January article links to it only so (without the anchor it would be a report of May): a write
    must find that link too, or the event stays as it was."""
    june = _article("june", "2020-06-01", [{"status": "occurred", "date": "2020-01-08"}, {"status": "occurred"}])
    january = _article("january", "2020-01-20", [{"status": "occurred"}])
    with KgStore(tmp_path / "store") as db:
        db.write_articles({"june": june})
        db.write_articles({"january": january})
        layer = _layer(db)
        assert layer == _rebuilt(db)
        db.remove_articles(["june"])
        assert _layer(db) == _rebuilt(db)
    mentions = {}
    for q in layer:
        if q.predicate.value == v.NS + "mention":
            mentions.setdefault(q.subject.value, set()).add(q.object.value)
    assert sorted(map(len, mentions.values())) == [3], mentions   # one event of the three reports


def _written_after(tmp_path, first: dict, then: dict) -> dict[str, set]:
    """Write `first`, then `then`; check the layer against a rebuild; each event's articles."""
    with KgStore(tmp_path / "store") as db:
        db.write_articles(first)
        db.write_articles(then)
        layer = _layer(db)
        assert layer == _rebuilt(db)
    events: dict[str, set] = {}
    for q in layer:
        if q.predicate.value == v.NS + "mention":
            events.setdefault(q.subject.value, set()).add(q.object.value.split("/")[-2])
    return events


def test_reports_sharing_only_a_busy_name_are_passed_over_and_one_naming_it_alone_is_not(tmp_path):
    """Agreements of a country with many others share only that country: a write does not read
    them (delta._linkable), but a report naming that country alone may be of the same event
    (same_event: two people shared, or the one either names) and must still be found: nothing
    else links it to the new report."""
    many, other = "country/marovia", "country/tesland"
    signed = {"status": "signed", "date": "2020-01-08"}
    old = {f"with{i}": _article(f"with{i}", "2020-03-09", [{**signed, "date": f"2020-03-0{i + 1}",
                                                             "actors": (many, f"country/land-{i}")}],
                                "Agreement", "party") for i in range(6)}   # of other days: none joins "alone"
    old["alone"] = _article("alone", "2020-01-09", [{**signed, "actors": (many,)}], "Agreement", "party")
    new = _article("new", "2020-01-10", [{**signed, "actors": (many, other)}], "Agreement", "party")
    events = _written_after(tmp_path, old, {"new": new})
    assert {"new", "alone"} in events.values(), events
    assert sum(len(e) for e in events.values()) == 8 and len(events) == 7, events


def test_a_write_passes_over_the_reports_of_other_days_and_finds_those_of_its_own(tmp_path):
    """Two people meet every year: a new report of one meeting is compared with the stored ones of
    its days only (delta._dated reads their dates first), and still joins the right one."""
    years = {f"y{year}": _article(f"y{year}", f"{year}-01-09", [{"status": "occurred", "date": f"{year}-01-08"}])
             for year in range(2015, 2021)}
    new = _article("new", "2018-01-10", [{"status": "occurred", "date": "2018-01-08"}])
    events = _written_after(tmp_path, years, {"new": new})
    assert {"new", "y2018"} in events.values() and len(events) == 6, events


def test_a_spelling_written_later_reopens_who_is_whom_along_its_chain_only(tmp_path):
    """"J. Strand" is Johan Strand while he is the only Strand it fits; once a Jonas Strand is
    written it fits two and stands alone. Edvard Strand, whom no spelling reaches, is left as he
    was; the layer equals a rebuild at every step."""
    def meeting(stem, day, person):
        return _article(stem, f"2020-0{day}-20", [{"status": "occurred", "date": f"2020-0{day}-08",
                                                   "actors": (person, "person/ana-veltri")}])
    with KgStore(tmp_path / "store") as db:
        db.write_articles({"a": meeting("a", 1, "person/johan-strand"), "b": meeting("b", 2, "person/edvard-strand")})
        db.write_articles({"c": meeting("c", 3, "person/j-strand")})
        folded = {(q.subject.value, q.object.value) for q in _layer(db) if q.predicate.value == v.OWL + "sameAs"}
        assert folded == {(v.RES + "person/j-strand", v.RES + "person/johan-strand")}
        assert _layer(db) == _rebuilt(db)
        named = {v.RES + "person/jonas-strand", v.RES + "person/ana-veltri"}
        assert _kin(db.store, named, named) == named | {v.RES + "person/j-strand", v.RES + "person/johan-strand"}
        db.write_articles({"d": meeting("d", 4, "person/jonas-strand")})
        assert not any(q.predicate.value == v.OWL + "sameAs" for q in _layer(db))
        assert _layer(db) == _rebuilt(db)
        db.remove_articles(["d"])
        assert _layer(db) == _rebuilt(db)
        assert any(q.predicate.value == v.OWL + "sameAs" for q in _layer(db))


def test_a_place_named_again_as_stored_is_left_as_it_is_and_one_said_otherwise_is_derived_again(tmp_path):
    """A country named once more by its preferred name, with its stored code, keeps its stored
    entry (delta._confirmed: it is not read whole again); a new name, a vote for another name, a
    name of a data file, a second code or a removal derive it again. The layer equals a rebuild at every step."""
    from pyoxigraph import Literal, Quad, Store
    from kg.graph.delta import _confirmed
    marovia = v.RES + "country/marovia"

    def said(stem: str, day: int, label: str = "Marovia", pref: str | None = None, code: str | None = "MV"):
        quads = [q for q in _article(stem, f"2020-03-{day:02d}", [{"status": "signed", "date": f"2020-03-{day:02d}",
                                                                   "actors": ("country/marovia", f"country/land-{day}")}],
                                     "Agreement", "party")
                 if not (q.subject.value == marovia and q.predicate.value == v.RDFS + "label")]
        g, node = NamedNode(v.article_graph(stem)), NamedNode(marovia)
        quads.append(Quad(node, NamedNode(v.RDFS + "label"), Literal(label), g))
        if pref:
            quads.append(Quad(node, NamedNode(v.SKOS + "prefLabel"), Literal(pref), g))
        if code:
            quads.append(Quad(node, NamedNode(v.NS + "countryCode"), Literal(code), g))
        return quads

    def entry(db) -> dict:
        out: dict = {}
        for q in db.store.quads_for_pattern(NamedNode(marovia), None, None, NamedNode(v.EVENTS_GRAPH)):
            out.setdefault(q.predicate.value.rsplit("#", 1)[-1], set()).add(q.object.value)
        return out

    steps = [("a", said("a", 1), False), ("b", said("b", 2), True),
             ("b2", said("b2", 8, pref="Marovia"), True),   # a data file's name, the one preferred already
             ("c", said("c", 3, label="Marovia Republic"), False),
             ("c2", said("c2", 7, label="Marovia Republic"), False),   # a vote that ties the preferred name
             ("d", said("d", 4, pref="Republic of Marovia"), False),
             ("e", said("e", 5, pref="Republic of Marovia", code="XX"), False),
             ("f", said("f", 6, pref="Republic of Marovia"), False)]
    with KgStore(tmp_path / "store") as db:
        for stem, quads, confirmed in steps:
            staging = Store()
            staging.extend(quads)
            assert (marovia in _confirmed(db.store, staging, {marovia})) == confirmed, stem
            db.write_articles({stem: quads})
            assert _layer(db) == _rebuilt(db), stem
        assert entry(db)["prefLabel"] == {"Republic of Marovia"}
        assert entry(db)["altLabel"] == {"Marovia", "Marovia Republic"}
        assert "countryCode" not in entry(db)   # the articles disagree: better none than wrong
        db.remove_articles(["e"])
        assert _layer(db) == _rebuilt(db)
        assert entry(db)["countryCode"] == {"MV"}


def _events_of(db) -> list[list[str]]:
    """Each event of the layer as the sorted "stem/n" of its mentions."""
    out: dict[str, set] = {}
    for q in _layer(db):
        if q.predicate.value == v.NS + "mention":
            out.setdefault(q.subject.value, set()).add(q.object.value.split("mention/")[1])
    return sorted(map(sorted, out.values()))


def test_an_article_stored_again_with_other_reports_links_by_its_new_ones(tmp_path):
    """A new version of an article keeps its stem, so its reports keep their IRIs: the write links
    the new report (the agreement of 19 March with land A), not the old one's people and day."""
    def signed(stem, day, other):
        return _article(stem, f"2020-03-{day}", [{"status": "signed", "date": f"2020-03-{day}",
                                                  "actors": ("country/marovia", f"country/{other}")}], "Agreement", "party")
    with KgStore(tmp_path / "store") as db:
        db.write_articles({"a1": signed("a1", 26, "land-b"), "a3": signed("a3", 19, "land-a")})
        assert _events_of(db) == [["a1/1"], ["a3/1"]]
        db.write_articles({"a1": signed("a1", 19, "land-a")})
        assert _events_of(db) == [["a1/1", "a3/1"]]
        assert _layer(db) == _rebuilt(db)


def test_an_article_stored_again_anchors_its_undated_report_by_its_new_dated_one(tmp_path):
    """June's article told of an undated meeting; its new version also dates it 8 January, which
    places the undated report then, where January's article reports it: one event of three."""
    january = _article("january", "2020-01-20", [{"status": "occurred"}])
    with KgStore(tmp_path / "store") as db:
        db.write_articles({"january": january, "june": _article("june", "2020-06-01", [{"status": "occurred"}])})
        assert _events_of(db) == [["january/1"], ["june/1"]]
        db.write_articles({"june": _article("june", "2020-06-01", [{"status": "occurred"},
                                                                   {"status": "occurred", "date": "2020-01-08"}])})
        assert _events_of(db) == [["january/1", "june/1", "june/2"]]
        assert _layer(db) == _rebuilt(db)
