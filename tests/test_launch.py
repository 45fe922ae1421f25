"""kg/launch.py answers the plain `kg query` without typer: the same output, errors and exit
codes as the full command line (kg/cli.py), on the real seed store, in real processes."""
import os
import shutil
import subprocess
import sys

import pytest
from pyoxigraph import Store

from kg.launch import PLAIN_OPTIONS, plain_query

from conftest import ROOT

FULL = "import sys; from kg.cli import main; main()"   # the whole command line, never the plain way
TYPER_LOADED = ("import atexit, sys; atexit.register(lambda: print('typer loaded:', 'typer' in sys.modules, "
                "file=sys.stderr)); from kg.launch import main; sys.argv[0] = 'kg'; main()")


def run(way: list[str], *args, stdout=subprocess.PIPE):
    r = subprocess.run([sys.executable, *way, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE, text=True,
                       cwd=ROOT, env={**os.environ, "KG_STORE": "", "COLUMNS": "100"})
    return r.stdout, r.stderr, r.returncode


@pytest.mark.parametrize("args, plain", [
    (["query", "visits"], {"name": "visits", "param": []}),
    (["query", "who-visited", "-p", "place=Lima", "--param", "from=2024", "-f", "csv", "--store", "s"],
     {"name": "who-visited", "param": ["place=Lima", "from=2024"], "fmt": "csv", "store": "s"}),
    (["query", "--store", "s", "--format", "json", "visits"], {"name": "visits", "param": [], "fmt": "json", "store": "s"}),
    (["query"], None), (["query", "--list"], None), (["query", "visits", "--help"], None),
    (["query", "visits", "-q"], None), (["query", "visits", "--wide"], None), (["query", "visits", "extra"], None),
    (["query", "visits", "--format=csv"], None), (["query", "visits", "-fcsv"], None),
    (["query", "visits", "-f", "csv", "-f", "json"], None), (["query", "visits", "-p"], None),
    (["query", "visits", "--store", "-x"], None), (["query", "visits", "--endpoint", "http://127.0.0.1:1"], None),
    (["sparql", "ASK {}"], None), ([], None), (["--version"], None),
])
def test_only_the_plain_form_of_kg_query_is_taken(args, plain):
    assert plain_query(args) == plain


def test_the_plain_options_are_kg_querys_own():
    """Each option taken here is one `kg query` declares, for the same parameter, taking a value."""
    import typer.main

    from kg.cli import app
    query = typer.main.get_command(app).commands["query"]
    by_flag = {flag: p for p in query.params for flag in p.opts}
    for flag, name in PLAIN_OPTIONS.items():
        assert by_flag[flag].name == name and not by_flag[flag].is_flag, flag
    assert by_flag["-p"].multiple


@pytest.mark.parametrize("args", [
    ["actors", "-f", "csv"], ["visits", "-f", "json"], ["meetings", "--format", "tsv"], ["agreements"],
    ["who-visited", "-p", "place=Pyongyang"], ["timeline", "--param", "actor=Kim", "-f", "ndjson"],
    ["nosuch"], ["who-visited"], ["who-visited", "-p", "place=Lima", "-p", "place=Quito"], ["visits", "-p", "x=1"],
    ["who-visited", "-p", "place"], ["visits", "-f", "bogus"], ["visits", "-f", "turtle"],
])
def test_the_plain_way_and_the_full_command_line_say_the_same(seed_store, args):
    plain = run(["-m", "kg"], "query", *args, "--store", seed_store)
    assert plain == run(["-c", FULL], "query", *args, "--store", seed_store)
    assert plain[2] != 0 or plain[0]   # rows, or an error


def test_a_missing_store_and_a_stale_layer_are_said_the_same_both_ways(seed_store, tmp_path):
    missing = tmp_path / "none"
    assert run(["-m", "kg"], "query", "visits", "--store", missing) == \
        run(["-c", FULL], "query", "visits", "--store", missing)
    old = tmp_path / "old"
    shutil.copytree(seed_store, old)
    db = Store(str(old))
    db.update('PREFIX kg: <https://w3id.org/kgnews/ns#> DELETE { GRAPH ?g { ?a kg:layerVersion ?v } } '
              'INSERT { GRAPH ?g { ?a kg:layerVersion "0" } } WHERE { GRAPH ?g { ?a kg:layerVersion ?v } }')
    del db
    plain = run(["-m", "kg"], "query", "visits", "-f", "csv", "--store", old)
    assert "another version of kg" in plain[1] and plain[2] == 0
    assert plain == run(["-c", FULL], "query", "visits", "-f", "csv", "--store", old)


def test_a_reader_gone_away_ends_both_ways_quietly_with_1(seed_store):
    def closed_reader(way):
        r, w = os.pipe()
        os.close(r)   # whatever kg writes meets a closed pipe
        try:
            return run(way, "query", "visits", "-f", "csv", "--store", seed_store, stdout=w)
        finally:
            os.close(w)
    assert closed_reader(["-m", "kg"]) == closed_reader(["-c", FULL]) == (None, "", 1)


def test_the_plain_way_leaves_typer_unloaded(seed_store):
    """What makes it worth having: typer and click are half of kg's start."""
    _, said, code = run(["-c", TYPER_LOADED], "query", "actors", "-f", "csv", "--store", seed_store)
    assert (said, code) == ("typer loaded: False\n", 0)
    _, said, code = run(["-c", TYPER_LOADED], "query", "actors", "--format=csv", "--store", seed_store)
    assert (said, code) == ("typer loaded: True\n", 0)
