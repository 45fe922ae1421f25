"""A non-editable install works: the wheel carries the ontology, shapes, stored queries and data
files, and kg run from it (outside the checkout) answers like the checkout does."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

MAPPED = {"ontology": "kg/ontology", "shapes": "kg/shapes", "queries": "kg/queries"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the tracked files, so the build leaves nothing in the checkout."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ["pyproject.toml", *(f for top in ("kg", *MAPPED) for f in _tracked(top))]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                            "-w", str(out), str(source)], capture_output=True, text=True, cwd=out)
    assert build.returncode == 0, build.stderr
    (whl,) = out.glob("kg-*.whl")
    return whl


def _tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], capture_output=True, text=True, cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [line for line in listed.stdout.splitlines() if line]


def test_the_wheel_carries_every_file_kg_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [f for f in _tracked("kg") if not f.endswith(".pyc")]
    for top, inside in MAPPED.items():
        wanted += [inside + f[len(top):] for f in _tracked(top)]
    missing = [f for f in wanted if f not in names]
    assert not missing, f"not in the wheel: {missing}"


def _kg(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target), "KG_STORE": ""}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def test_kg_installed_from_the_wheel_answers_like_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                              "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    where = _kg(target, tmp_path, "--version")
    assert where.returncode == 0, where.stderr
    probe = subprocess.run([sys.executable, "-c", "import kg.paths as p; print(p.ROOT)"],
                           capture_output=True, text=True, cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(target)})
    assert probe.stdout.strip() == str(target / "kg")      # its own files, not the checkout's

    store = tmp_path / "store"
    ingest = _kg(target, tmp_path, "ingest", str(SEEDS), "--store", str(store), "-q")
    assert ingest.returncode == 0, ingest.stderr
    assert "skipped" not in ingest.stderr
    installed = _kg(target, tmp_path, "query", "who-visited", "-p", "place=Pyongyang",
                    "--store", str(store), "--format", "csv")
    checkout = subprocess.run([sys.executable, "-m", "kg", "query", "who-visited", "-p",
                               "place=Pyongyang", "--store", str(store), "--format", "csv"],
                              capture_output=True, text=True, cwd=ROOT)
    assert installed.returncode == 0, installed.stderr
    assert "Sergei Lavrov" in installed.stdout
    assert installed.stdout == checkout.stdout
    checks = _kg(target, tmp_path, "validate", "--store", str(store))
    assert checks.returncode == 0, checks.stdout + checks.stderr
