"""What a long job says on stderr while it runs, through the real CLI: plain lines in a log, a bar
on a terminal (a real pty), --quiet and --verbose; messages whole lines in every mode."""
import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios

import pytest

from conftest import ROOT, SEEDS
import test_remote

server = test_remote.server   # the fixture: a fresh, writable `oxigraph serve` on loopback

A, B = "000_67274d36a2bb71fc", "003_e3129cf3e94ab3f2"   # two short seed articles
URL_TEXT = "see the printed edition"
MESSAGES = ("skipped: ", "warning: ", "stored ")
PLAIN = re.compile(r"ingest: (\d+)/3 articles, \d+\.\d/(s|min), about \d+ (s|min) left")
BAR = re.compile(r"ingest:\s+\d+%\|.*\| (\d)/3 articles,\s+\d+\.\d\d articles/s, \d\d:\d\d left")


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """A, with a sidecar whose url is no IRI (a warning); B; and an empty file (skipped, exit 1)."""
    d = tmp_path_factory.mktemp("docs")
    for stem in (A, B):
        shutil.copy(SEEDS / f"{stem}.txt", d)
        shutil.copy(SEEDS / f"{stem}.meta.json", d)
    (d / f"{A}.meta.json").write_text(json.dumps({"url": URL_TEXT, "published": "2018-05-31"}))
    (d / "empty.txt").write_text("")
    return d


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "KG_STORE": "", **(env or {})})


@pytest.fixture(scope="module")
def logged(docs, tmp_path_factory):
    """`kg ingest` with stderr to a pipe (a log), a progress line allowed at every tenth."""
    store = tmp_path_factory.mktemp("logged") / "store"
    return run("ingest", docs, "--store", store, env={"KG_PROGRESS_EVERY": "0"}), store


def test_a_log_gets_plain_progress_lines_and_whole_messages_and_the_summary_as_before(logged, docs):
    r, _ = logged
    assert r.returncode == 1 and r.stdout == "" and "\r" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()
    counts = [int(m.group(1)) for m in map(PLAIN.fullmatch, lines) if m]
    assert counts == [1, 2], r.stderr   # a line as each tenth is passed, none at the end: the summary says it
    assert all(PLAIN.fullmatch(line) or line.startswith(MESSAGES) for line in lines), r.stderr
    assert f"warning: {docs / A}.txt: url {URL_TEXT!r} is not an IRI; stored as text" in lines
    assert any(line.startswith(f"skipped: {docs / 'empty.txt'}: ") for line in lines)
    assert lines[-1].startswith("stored 2 article(s) with ") and "; 0 refused; 1 skipped; " in lines[-1]
    assert not any(line.startswith((A, B)) for line in lines)   # per-article lines only with --verbose


def test_quiet_keeps_only_what_explains_the_exit_code(docs, tmp_path):
    r = run("ingest", docs, "-q", "--store", tmp_path / "store", env={"KG_PROGRESS_EVERY": "0"})
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.splitlines() == [f"skipped: {docs / 'empty.txt'}: the file is empty; nothing to extract"]
    both = run("stats", "--quiet", "--verbose", "--store", tmp_path / "store")
    assert both.returncode == 2 and both.stderr.startswith("kg: error: ") and "cannot be used with" in both.stderr


def in_a_terminal(*args, columns=100):
    """Run kg with stdout and stderr on a real pty of `columns` columns; (exit code, what it wrote)."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    p = subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, stdin=subprocess.DEVNULL,
                         stdout=child, stderr=child, env={**os.environ, "KG_STORE": ""})
    os.close(child)
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        try:
            chunk = os.read(main, 65536) if ready else b""
        except OSError:   # EIO: the child closed its end
            chunk = b""
        if not chunk:
            break
        out += chunk
    os.close(main)
    return p.wait(timeout=60), out.decode("utf-8")


def screen(transcript: str) -> list[str]:
    """The lines a terminal keeps once the job is done: a carriage return goes back to the start
    of the line, what follows overwrites it."""
    rows, row, col = [], [], 0
    for ch in transcript:
        if ch == "\r":
            col = 0
        elif ch == "\n":
            rows.append("".join(row).rstrip())
            row, col = [], 0
        else:
            row[col:col + 1] = [ch]
            col += 1
    if "".join(row).strip():
        rows.append("".join(row).rstrip())
    return rows


def test_a_terminal_gets_a_bar_with_rate_and_time_left_and_messages_above_it(docs, tmp_path):
    code, out = in_a_terminal("ingest", docs, "--verbose", "--store", tmp_path / "store")
    assert code == 1, out
    frames = [m for m in map(BAR.search, re.split(r"[\r\n]", out)) if m]
    assert {int(m.group(1)) for m in frames} >= {1, 2}, out   # redrawn as articles are done
    kept = screen(out)
    # what stays is the messages, each on a whole line of its own; the bar is gone
    assert all(line.startswith(MESSAGES + (f"{A}: ", f"{B}: ")) for line in kept), kept
    for stem in (A, B):   # --verbose: one line per article
        assert any(re.fullmatch(rf"{stem}: \d+ event mention\(s\), \d+ triples, \d+\.\d s", line) for line in kept), kept
    assert kept[-1].startswith("stored 2 article(s) with ")


def test_push_counts_graphs_and_quiet_push_says_nothing(logged, server):
    _, store = logged
    r = run("push", "--endpoint", server, "--store", store, "-v", env={"KG_PROGRESS_EVERY": "0"})
    assert r.returncode == 0 and "\r" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()   # 2 article graphs, the event layer, the ontology
    assert [line for line in lines if line.startswith("push: ")] == [
        line for line in lines if re.fullmatch(r"push: [123]/4 graphs, \d+\.\d/(s|min), about \d+ (s|min) left", line)]
    assert len([line for line in lines if re.fullmatch(r"pushed https://\S+ \([1-4]/4\), \d+\.\d s", line)]) == 4
    assert lines[-1].startswith("pushed 4 graph(s), ")
    q = run("push", "--endpoint", server, "--store", store, "--quiet")
    assert q.returncode == 0 and q.stderr == "" and q.stdout == ""
