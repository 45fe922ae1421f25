"""Shared fixtures: a real on-disk store built from the seed articles by the real CLI."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "dev" / "articles"   # not in the repository
NOTHING_IN_SEEDS = {"called-off", "mentioned-actors"}   # stored queries no seed story has rows for: tested on their own data


def kg(*args, store=None, check=False):
    """Run the real `kg` command in a subprocess, as a user would."""
    cmd = [sys.executable, "-m", "kg", *map(str, args)]
    if store is not None:
        cmd += ["--store", str(store)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "KG_STORE": ""})
    if check and r.returncode != 0:
        raise AssertionError(f"kg {' '.join(map(str, args))} failed ({r.returncode}):\n{r.stderr}")
    return r


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "kg-store"
    kg("ingest", SEEDS, store=store, check=True)
    return store


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory):
    """The dev set as `kg ingest` stores it, made once: what the other ways of building a store
    (`kg extract` and `kg load`, dask) are held to. Skipped where the dev set is not found."""
    if not DEV.is_dir():
        pytest.skip("dev articles not found (set KG_SHARED)")
    store = tmp_path_factory.mktemp("dev") / "kg-store"
    kg("ingest", DEV, store=store, check=True)
    return store


@pytest.fixture
def damaged(tmp_path, seed_store):
    """A copy of the seed store with every table file overwritten at its start."""
    store = tmp_path / "damaged"
    shutil.copytree(seed_store, store)
    for sst in store.glob("*.sst"):
        with open(sst, "r+b") as f:
            f.write(b"garbage" * 8)
    return store


def example_params(name: str, store) -> dict[str, str]:
    """The parameters of a stored query's own `#+ example` (the sources example's made-up event
    replaced by a stored one)."""
    from kg.store.queries import get as stored
    words = shlex.split(stored(name).example)
    params = dict(w.split("=", 1) for w, before in zip(words[1:], words) if before in ("--param", "-p"))
    if "event" in params:
        params["event"] = kg("query", "visits", "-f", "csv", store=store, check=True).stdout.splitlines()[1].split(",")[0]
    return params
