"""The extract map step as a dask.bag on a LocalCluster of two worker processes, then `kg load`:
the store equals `kg ingest`'s of the same articles."""
import subprocess
import sys

import pytest

from conftest import DEV, ROOT, SEEDS, kg
from test_parts import export

pytest.importorskip("dask.distributed", reason="dask is not installed (pip install -e '.[dask]')")


def _with_dask(articles, parts):
    """`kg extract` as a dask.bag on a LocalCluster of two worker processes: its report, and the
    processes that did the work."""
    from dask.distributed import Client, LocalCluster

    from kg.distributed import extract_with_dask
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        report = extract_with_dask([articles], parts, client)
        workers = {w for w in client.run(lambda: __import__("os").getpid()).values()}
    return report, workers


def test_dask_extract_then_load_gives_the_store_ingest_gives(seed_store, tmp_path):
    report, workers = _with_dask(SEEDS, tmp_path / "parts")
    assert report.ok and sorted(report.stored) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(workers) == 2
    kg("load", tmp_path / "parts", store=tmp_path / "store", check=True)
    assert export(tmp_path / "store") == export(seed_store)


def test_dask_on_the_dev_set_gives_the_store_ingest_gives(dev_store, tmp_path):
    report, workers = _with_dask(DEV, tmp_path / "parts")
    assert report.ok and len(report.stored) == len(list(DEV.glob("*.txt")))
    assert len(workers) == 2
    kg("load", tmp_path / "parts", store=tmp_path / "store", check=True)
    assert export(tmp_path / "store") == export(dev_store)


def test_the_command_line_reports_an_unreadable_article_and_writes_the_others(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "empty.txt").write_text("")
    for f in SEEDS.glob("003_e3129cf3e94ab3f2.*"):
        (articles / f.name).write_bytes(f.read_bytes())
    r = subprocess.run([sys.executable, "-m", "kg.distributed", articles, tmp_path / "parts"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 1, r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1 and "empty.txt" in skipped[0], r.stderr
    assert "wrote 1 part file(s)" in r.stderr
    assert [p.name for p in (tmp_path / "parts").iterdir()] == ["003_e3129cf3e94ab3f2.nq"]
