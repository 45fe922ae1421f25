"""`kg ingest --workers N` through the real CLI: the same store and the same report lines, in the
same order, as in one process; Ctrl-C stops the workers too and keeps nothing half-written."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEEDS, kg

BLANK = re.compile(r"_:[0-9A-Za-z]+")


def exported(store) -> list[str]:
    """The store as sorted N-Quads lines; blank node labels (the ontology graph's, fresh in each
    store) read as one."""
    r = kg("export", "--format", "nquads", store=store, check=True)
    return sorted(BLANK.sub("_:b", line) for line in r.stdout.splitlines())


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """The seeds, plus what makes report lines: an empty file, a url that is no IRI, an article
    whose name another already has (in a subfolder given after it)."""
    d = tmp_path_factory.mktemp("docs")
    for f in SEEDS.iterdir():
        shutil.copy(f, d)
    (d / "empty.txt").write_text("")
    (d / "odd.txt").write_text("Kenyan President William Ruto visited Tokyo on Monday.")
    (d / "odd.meta.json").write_text(json.dumps({"url": "the printed edition", "published": "2024-02-05"}))
    (d / "again").mkdir()
    shutil.copy(d / "odd.txt", d / "again" / "odd.txt")
    return d


@pytest.fixture(scope="module")
def runs(docs, tmp_path_factory):
    out = {}
    for n in ("1", "2"):
        store = tmp_path_factory.mktemp(f"w{n}") / "store"
        out[n] = kg("ingest", docs, docs / "again", "--workers", n, store=store), store
    return out


def test_two_workers_store_exactly_what_one_does(runs):
    (one, s1), (two, s2) = runs["1"], runs["2"]
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    lines = exported(s1)
    assert any("/graph/article/odd>" in line for line in lines) and len(lines) > 2000
    assert exported(s2) == lines


def said(stderr: str) -> list[str]:
    """What was said, without the progress lines (their rates differ from run to run)."""
    return [line for line in stderr.splitlines() if not re.match(r"ingest: \d+/\d+ articles", line)]


def test_two_workers_say_the_same_lines_in_the_same_order(runs, docs):
    one, two = (said(runs[n][0].stderr.replace(str(runs[n][1]), "STORE")) for n in ("1", "2"))
    assert one == two
    assert [line.split(" ")[:2] for line in one[:3]] == [
        ["skipped:", f"{docs / 'empty.txt'}:"], ["warning:", f"{docs / 'odd.txt'}:"],
        ["skipped:", f"{docs / 'again' / 'odd.txt'}:"]], one
    assert one[3].startswith("stored 6 article(s)") and len(one) == 4, one


def test_extract_with_two_workers_writes_the_same_rdf(tmp_path):
    one = kg("extract", SEEDS, "--workers", "1", "-f", "nquads", check=True).stdout
    two = kg("extract", SEEDS, "--workers", "2", "-f", "nquads", check=True).stdout
    assert sorted(BLANK.sub("_:b", x) for x in one.splitlines()) == sorted(BLANK.sub("_:b", x) for x in two.splitlines())


def test_workers_must_be_a_positive_number(tmp_path):
    r = kg("ingest", SEEDS, "--workers", "0", store=tmp_path / "s")
    assert r.returncode == 2 and "--workers" in r.stderr and "internal error" not in r.stderr


def test_the_api_takes_workers_and_refuses_nonsense(tmp_path):
    import kg as api
    from kg.errors import InputError
    store = api.open(tmp_path / "s")
    with pytest.raises(InputError, match="workers=0"):
        store.ingest(SEEDS, workers=0)
    report = store.ingest(SEEDS, workers=2)
    assert report.ok and len(report.stored) == 5


def children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            found |= {int(c) for c in f.read().split()}
    return found


DEV = "/work/shared/dev/articles"


def _terminal_sigint() -> None:
    """Ctrl-C as a terminal's foreground job has it: a test run started in the background by a
    non-interactive shell (`pytest &`) ignores SIGINT, and kg would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def started(store, *more):
    """`kg ingest` with two workers, a batch of one, in a session of its own; back once the first
    article is stored (its batch is written before the second's line is said) and the workers are
    at work on the next ones, with the workers' pids."""
    articles = DEV if os.path.isdir(DEV) else str(SEEDS)
    p = subprocess.Popen([sys.executable, "-m", "kg", "ingest", articles, "--store", str(store), "--workers", "2",
                          "--batch", "1", "-v", *more], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "KG_STORE": ""}, start_new_session=True, preexec_fn=_terminal_sigint)
    line = p.stderr.readline() + p.stderr.readline()
    workers = children(p.pid)
    assert len(workers) == 2 and "event mention(s)" in line, line
    return p, workers


def gone(pids) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not [w for w in pids if os.path.exists(f"/proc/{w}") and "zombie" not in _state(w)]:
            return True
        time.sleep(0.2)
    return False


def stored_articles(store) -> int:
    r = kg("sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/kgnews/ns#Article> } }",
           "--format", "csv", store=store, check=True)
    return int(r.stdout.split()[-1])


def test_ctrl_c_stops_the_workers_and_keeps_no_half_written_batch(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it): exit 130 with its line,
    the workers gone, the store whole (it validates) and usable at once."""
    store = tmp_path / "s"
    p, workers = started(store)
    os.killpg(p.pid, signal.SIGINT)
    rest = p.communicate(timeout=60)[1]   # EOF only once the workers, which share stderr, are gone too
    assert p.returncode == 130 and rest.endswith("kg: interrupted; nothing half-written was kept\n"), rest
    assert gone(workers) and stored_articles(store) >= 1
    assert kg("validate", store=store).returncode == 0


def test_workers_die_with_their_parent_and_leave_the_store_free(tmp_path):
    """kill -9 of kg itself: its workers do not linger (they would hold the store's lock)."""
    store = tmp_path / "s"
    p, workers = started(store)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert gone(workers)
    assert kg("ingest", SEEDS / "000_67274d36a2bb71fc.txt", store=store).returncode == 0


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((line for line in f if line.startswith("State:")), "")
    except OSError:
        return ""
