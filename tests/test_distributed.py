"""The extract map step as a dask.bag on a LocalCluster of two worker processes, then `kg load`:
the store equals `kg ingest`'s of the same articles."""
import pytest

from conftest import SEEDS, kg
from test_parts import export

pytest.importorskip("dask.distributed", reason="dask is not installed (pip install -e '.[dask]')")


def test_dask_extract_then_load_gives_the_store_ingest_gives(seed_store, tmp_path):
    from dask.distributed import Client, LocalCluster

    from kg.distributed import extract_with_dask
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        report = extract_with_dask([SEEDS], tmp_path / "parts", client)
        workers = {w for w in client.run(lambda: __import__("os").getpid()).values()}
    assert report.ok and sorted(report.stored) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(workers) == 2
    kg("load", tmp_path / "parts", store=tmp_path / "store", check=True)
    assert export(tmp_path / "store") == export(seed_store)


def test_a_refused_or_unreadable_article_is_reported_not_lost_in_a_task(tmp_path):
    from dask.distributed import Client, LocalCluster

    from kg.distributed import extract_with_dask
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "empty.txt").write_text("")
    (articles / "good.txt").write_text((SEEDS / "003_e3129cf3e94ab3f2.txt").read_text())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        report = extract_with_dask([articles], tmp_path / "parts", client)
    assert report.stored == ["good"] and not report.ok
    assert len(report.skipped) == 1 and "empty.txt" in report.skipped[0]
    assert [p.name for p in (tmp_path / "parts").iterdir()] == ["good.nq"]
