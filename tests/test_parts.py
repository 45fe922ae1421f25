"""`kg extract --out` (a part file per article) and `kg load` (the parts into a store, the event
layer built once): the store ends as `kg ingest` of the same articles leaves it."""
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import DEV, SEEDS, kg


def export(store) -> list[str]:
    """The store as sorted N-Quads; blank node labels (only the ontology's OWL lists have any,
    labelled afresh on each load) masked, after checking they are only there."""
    lines = kg("export", store=store, check=True).stdout.splitlines()
    blank = [line for line in lines if "_:" in line]
    assert all(line.endswith("<https://w3id.org/kgnews/graph/ontology> .") for line in blank)
    return sorted(re.sub(r"_:[0-9A-Za-z]+", "_:b", line) for line in lines)


def extract_and_load(articles, tmp_path, name="parts") -> tuple[Path, Path]:
    parts, store = tmp_path / name, tmp_path / (name + "-store")
    kg("extract", articles, "--out", parts, check=True)
    r = kg("load", parts, store=store, check=True)
    assert "0 skipped" in r.stderr
    return parts, store


def test_extract_out_and_load_give_the_store_ingest_gives_on_the_seeds(seed_store, tmp_path):
    parts, store = extract_and_load(SEEDS, tmp_path)
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(p.name for p in parts.iterdir()) == [s + ".nq" for s in stems]
    for p in parts.iterdir():   # an article's graph only: no event layer, no ontology
        assert all(line.endswith(f"<https://w3id.org/kgnews/graph/article/{p.stem}> .")
                   for line in p.read_text().splitlines())
    assert len(export(store)) > 1000 and export(store) == export(seed_store)
    kg("load", parts, store=store, check=True)   # again: replaced, nothing doubled
    assert export(store) == export(seed_store)


def test_extract_out_and_load_give_the_store_ingest_gives_on_the_dev_set(tmp_path, dev_store):
    _, store = extract_and_load(DEV, tmp_path)
    assert export(store) == export(dev_store)


def test_load_replaces_an_article_that_was_stored_and_keeps_the_others(seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    one = tmp_path / "one"
    one.mkdir()
    for f in SEEDS.glob("003_e3129cf3e94ab3f2.*"):   # the article and its .meta.json
        shutil.copy(f, one / f.name)
    kg("extract", one, "--out", tmp_path / "parts", check=True)
    kg("load", tmp_path / "parts", store=store, check=True)
    assert export(store) == export(seed_store)


def test_a_stem_in_any_utf8_comes_back_from_its_part_file(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    stem = "l'été à Paris 1/2"[:-4] + " #1 %41"   # no slash in a file name
    shutil.copy(SEEDS / "003_e3129cf3e94ab3f2.txt", articles / f"{stem}.txt")
    shutil.copy(SEEDS / "003_e3129cf3e94ab3f2.meta.json", articles / f"{stem}.meta.json")
    kg("extract", articles, "--out", tmp_path / "parts", check=True)
    [part] = (tmp_path / "parts").iterdir()
    assert part.name == "l%27%C3%A9t%C3%A9%20%C3%A0%20Paris%20%231%20%2541.nq"
    kg("load", tmp_path / "parts", store=tmp_path / "s", check=True)
    r = kg("sparql", "SELECT ?s WHERE { ?a <https://w3id.org/kgnews/ns#fileStem> ?s }", "-f", "csv",
           store=tmp_path / "s", check=True)
    assert r.stdout.splitlines()[1:] == [stem]
    assert export(tmp_path / "s") == export_of_ingest(articles, tmp_path)


def test_a_stem_too_long_for_a_part_file_name_is_skipped_and_the_others_written(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    long = "é" * 100   # 200 bytes as a .txt name; 600 percent-encoded, past the file system's 255
    shutil.copy(SEEDS / "003_e3129cf3e94ab3f2.txt", articles / f"{long}.txt")
    shutil.copy(SEEDS / "000_67274d36a2bb71fc.txt", articles / "short.txt")
    r = kg("extract", articles, "--out", tmp_path / "parts")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1 and "%C3%A9" in skipped[0], r.stderr
    assert [p.name for p in (tmp_path / "parts").iterdir()] == ["short.nq"]


def export_of_ingest(articles, tmp_path):
    kg("ingest", articles, store=tmp_path / "ingested", check=True)
    return export(tmp_path / "ingested")


def test_a_bad_part_is_skipped_with_its_reason_and_loses_nothing_stored(seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = export(store)
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "garbage.nq").write_text("this is not N-Quads\n")
    (parts / "003_e3129cf3e94ab3f2.nq").write_text(   # claims the event layer
        "<urn:x:a> <urn:x:p> <urn:x:o> <https://w3id.org/kgnews/graph/events> .\n")
    (parts / "empty.nq").write_text("")
    r = kg("load", parts, store=store)
    assert r.returncode == 1, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("skipped:")]
    assert len(lines) == 3 and all("not a kg part file" in line for line in lines), r.stderr
    assert any("graph/events" in line and "003_e3129cf3e94ab3f2.nq" in line for line in lines)
    assert "loaded 0 article(s)" in r.stderr
    assert export(store) == before
    # one good part among them is loaded; the bad ones still change nothing
    kg("extract", SEEDS / "000_67274d36a2bb71fc.txt", "--out", parts, check=True)
    r = kg("load", parts, store=store)
    assert r.returncode == 1 and "loaded 1 article(s)" in r.stderr
    assert export(store) == before


@pytest.mark.parametrize("args,needle", [
    (["extract", "seeds", "--out", "{tmp}/p", "-o", "{tmp}/x.nq"], "--out"),
    (["extract", "seeds", "--out", "{tmp}/file"], "--out needs a folder"),
    (["load", "{tmp}/empty", "--store", "{tmp}/s"], "no part files"),
    (["load", "{tmp}/nowhere", "--store", "{tmp}/s"], "nowhere"),
    (["load", "{tmp}/file", "--store", "{tmp}/s"], "not a part file"),
])
def test_a_wrong_parts_argument_is_one_line_and_exit_2(tmp_path, args, needle):
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x")
    r = kg(*[a.format(tmp=tmp_path) for a in args])
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "s").exists() and not (tmp_path / "p").exists()


def test_part_files_are_readable_as_open_would_make_them_and_leave_no_temporary_file(tmp_path):
    """Parts are for other machines and tools: not mkstemp's owner-only 0600."""
    old = os.umask(0o022)
    try:
        kg("extract", SEEDS / "003_e3129cf3e94ab3f2.txt", "--out", tmp_path / "parts", "-q", check=True)
    finally:
        os.umask(old)
    (part,) = (tmp_path / "parts").iterdir()
    assert part.name == "003_e3129cf3e94ab3f2.nq" and part.stat().st_mode & 0o777 == 0o644
