"""bench/corpus.py: the synthetic corpora the scaling benchmarks are measured on."""
import importlib.util
import json

import pytest

from conftest import ROOT, SEEDS, kg

pytest.importorskip("faker", reason="the bench extra (faker) is not installed")
spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)


def test_copies_rename_people_move_dates_and_the_same_seed_gives_the_same_corpus(tmp_path):
    a = corpus.build(SEEDS, 10, tmp_path / "a", seed=3)
    b = corpus.build(SEEDS, 10, tmp_path / "b", seed=3)
    assert len(a) == 10 and [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    original, copy = (tmp_path / "a" / "003_e3129cf3e94ab3f2-00000.txt"), (tmp_path / "a" / "003_e3129cf3e94ab3f2-00001.txt")
    assert original.read_text(encoding="utf-8") == (SEEDS / "003_e3129cf3e94ab3f2.txt").read_text(encoding="utf-8")
    assert "Lavrov" in original.read_text(encoding="utf-8") and "Lavrov" not in copy.read_text(encoding="utf-8")
    dates = [json.loads(p.with_suffix(".meta.json").read_text())["published"] for p in (original, copy)]
    assert dates == ["2018-05-31", "2018-06-07"]


def test_an_ingested_corpus_grows_as_an_archive_does(tmp_path):
    corpus.build(SEEDS, 10, tmp_path / "corpus")
    kg("ingest", tmp_path / "corpus", "-q", store=tmp_path / "store", check=True)
    kg("ingest", SEEDS, "-q", store=tmp_path / "seeds", check=True)
    grown = dict(line.split(": ") for line in kg("stats", store=tmp_path / "store").stdout.splitlines())
    seeds = dict(line.split(": ") for line in kg("stats", store=tmp_path / "seeds").stdout.splitlines())
    assert int(grown["visits"]) > 1.5 * int(seeds["visits"])   # the copies' visits are new events
    assert int(grown["meetings"]) > 1.5 * int(seeds["meetings"])
