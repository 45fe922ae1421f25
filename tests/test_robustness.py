"""Bad input loses no good article (issue 9): each case asserts the exit code, a one-line message
naming the file, and that every good article of the same run was stored."""
import csv
import io
import json
import shutil

import pytest

from conftest import SEEDS, kg

SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def stored_stems(store):
    r = kg("sparql", "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?a <https://w3id.org/kgnews/ns#fileStem> ?s } } ORDER BY ?s",
           "--format", "csv", store=store, check=True)
    return [row["s"] for row in csv.DictReader(io.StringIO(r.stdout))]


def seeds_plus(tmp_path, name: str, text: str, meta: dict | None = None):
    """The seed articles and one more file `name`, in one folder."""
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs, ignore=shutil.ignore_patterns("README*"))
    (docs / name).write_text(text, encoding="utf-8")
    if meta is not None:
        (docs / name).with_name(name[:-4] + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return docs


def one_line(stderr: str, start: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith(start)]
    assert len(lines) == 1, stderr
    return lines[0]


def test_an_article_over_the_size_limit_is_skipped_and_the_others_stored(tmp_path):
    docs = seeds_plus(tmp_path, "long.txt", "Officials met in Paris on Monday. " * 8000)
    r = kg("ingest", docs, store=tmp_path / "s")
    assert r.returncode == 1
    line = one_line(r.stderr, "skipped: ")
    assert "long.txt" in line and "272,000 characters, over the 200,000" in line
    assert stored_stems(tmp_path / "s") == SEED_STEMS


@pytest.mark.parametrize("name", ["my article.txt", "l'été “quoted”.txt", "a#b?c%d.txt", "Ωμέγα.txt"])
def test_any_file_name_is_stored_under_a_safe_iri_and_removed_by_its_stem(tmp_path, name):
    docs = seeds_plus(tmp_path, name, (SEEDS / "003_e3129cf3e94ab3f2.txt").read_text(encoding="utf-8"))
    r = kg("ingest", docs, store=tmp_path / "s")
    assert r.returncode == 0, r.stderr
    stem = name[:-4]
    assert stored_stems(tmp_path / "s") == sorted(SEED_STEMS + [stem])
    assert kg("validate", store=tmp_path / "s").returncode == 0
    assert kg("remove", stem, store=tmp_path / "s").returncode == 0
    assert stored_stems(tmp_path / "s") == SEED_STEMS


def test_a_sidecar_url_that_is_no_iri_is_a_warning_and_text(tmp_path):
    docs = seeds_plus(tmp_path, "x.txt", (SEEDS / "003_e3129cf3e94ab3f2.txt").read_text(encoding="utf-8"),
                      {"url": "see the printed edition", "published": "2018-05-31"})
    r = kg("ingest", docs, store=tmp_path / "s")
    assert r.returncode == 0, r.stderr
    assert "x.txt: url 'see the printed edition' is not an IRI; stored as text" in one_line(r.stderr, "warning: ")
    got = kg("sparql", "SELECT ?u WHERE { GRAPH ?g { ?a <https://schema.org/url> ?u ; "
             "<https://w3id.org/kgnews/ns#fileStem> 'x' } }", "--format", "csv", store=tmp_path / "s", check=True)
    assert got.stdout.splitlines()[1:] == ["see the printed edition"]


@pytest.mark.parametrize("stage,target", [("reading it", "kg.read.documents.document_from_text"),
                                          ("extracting its events", "kg.extract.events.EventReader"),
                                          ("minting and validating its graph", "kg.graph.quarantine.article_quads")])
def test_a_fault_of_ours_in_one_article_skips_it_by_name_and_stores_the_rest(tmp_path, monkeypatch, stage, target):
    """A bug of ours, injected at each stage for the one article whose text has the marker: named,
    skipped, and the others stored."""
    import importlib

    from typer.testing import CliRunner

    from kg.cli import app
    docs = seeds_plus(tmp_path, "bad.txt", "Kenyan President William Ruto visited Tokyo on Monday. FAULT-MARKER")
    module, name = target.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)

    def broken(first, *args, **kwargs):
        text = first if isinstance(first, str) else getattr(first, "text", "") or getattr(first, "stem", "")
        if "FAULT-MARKER" in text or text == "bad":
            raise RuntimeError("injected fault")
        return real(first, *args, **kwargs)
    monkeypatch.setattr(target, broken)
    r = CliRunner().invoke(app, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert r.exit_code == 1, r.output
    line = one_line(r.output, "skipped: ")
    assert f"bad.txt: internal error while {stage} (RuntimeError: injected fault)" in line
    assert stored_stems(tmp_path / "s") == SEED_STEMS


@pytest.mark.parametrize("args,word", [(["push", "--endpoint", "http://127.0.0.1:9", "--chunk", "0"], "--chunk"),
                                       (["push", "--endpoint", "http://127.0.0.1:9", "--chunk", "-5"], "--chunk"),
                                       (["push", "--endpoint", "http://127.0.0.1:9", "--timeout", "-1"], "--timeout"),
                                       (["ingest", "seeds", "--batch", "0"], "--batch"),
                                       (["ingest", "--no-such-flag"], "--no-such-flag"),
                                       (["ingest"], "paths")])
def test_a_usage_mistake_is_exit_2_with_clicks_message_not_an_internal_error(tmp_path, args, word):
    r = kg(*args, store=tmp_path / "s")
    assert r.returncode == 2 and word in r.stderr and "internal error" not in r.stderr and "Traceback" not in r.stderr


def test_a_long_inline_query_is_a_query_not_a_file_name(seed_store):
    text = 'SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?o = "' + "x/" * 200 + '") }'
    r = kg("sparql", text, "--format", "csv", store=seed_store)
    assert r.returncode == 0 and r.stdout.splitlines() == ["s"], r.stderr


def test_two_files_of_one_name_in_one_run_keep_the_first_and_name_both(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    text = (SEEDS / "003_e3129cf3e94ab3f2.txt").read_text(encoding="utf-8")
    (a / "story.txt").write_text(text, encoding="utf-8")
    (b / "story.txt").write_text("Kenyan President William Ruto visited Tokyo on Monday.\n", encoding="utf-8")
    r = kg("ingest", a, b, SEEDS, store=tmp_path / "s")
    assert r.returncode == 1
    line = one_line(r.stderr, "skipped: ")
    assert str(b / "story.txt") in line and str(a / "story.txt") in line
    assert stored_stems(tmp_path / "s") == sorted(SEED_STEMS + ["story"])
    assert not [v for v in csv.DictReader(io.StringIO(kg("query", "visits", "--format", "csv",
                                                            store=tmp_path / "s").stdout)) if v["destination"] == "Tokyo"]


def test_a_parameter_that_looks_like_an_iri_and_is_none_is_a_query_error(seed_store):
    r = kg("query", "who-visited", "-p", "place=http://x>{}", store=seed_store)
    assert r.returncode == 2 and "internal error" not in r.stderr
    assert one_line(r.stderr, "kg: error: ").endswith("looks like an IRI but is not a valid one "
                                                      "(Invalid IRI code point '>'); quote a name instead, or fix the IRI")
