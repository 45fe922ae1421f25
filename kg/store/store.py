"""The embedded Oxigraph store on disk: one named graph per article, plus the event layer.

Writes go through one SPARQL UPDATE, which Oxigraph applies atomically: replacing articles
and updating the event layer either all happen or none does.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from pyoxigraph import NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from .. import errors
from .. import vocab as v
from . import lock

DEFAULT_STORE = "kg-store"


def store_path(option: str | None) -> Path:
    """--store, else $KG_STORE, else ./kg-store; an empty --store is a mistake, not the default."""
    if option is not None and not option.strip():
        raise errors.empty_store_option()
    return Path(option or os.environ.get("KG_STORE") or DEFAULT_STORE)


def is_store(path: Path) -> bool:
    """Whether the folder holds an Oxigraph (RocksDB) store: its CURRENT file and a MANIFEST."""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def check_folder(path: Path, read_only: bool) -> None:
    """Refuse a folder kg must not open: none there (to read), or one holding other files, which
    RocksDB would write among (renaming a file of the user's called LOG)."""
    if not path.exists():
        if os.path.lexists(path):
            raise errors.not_a_store(path, "a symbolic link to nothing, or to itself")
        if read_only:
            raise errors.no_store(path)
        return
    if not path.is_dir():
        raise errors.not_a_store(path, "a file, not a folder")
    try:
        empty = not any(p.name != lock.LOCK_FILE for p in path.iterdir())
    except OSError as e:
        raise errors.store_unusable(path, e.strerror or str(e)) from None
    if read_only and empty:
        raise errors.no_store(path)
    if not empty and not is_store(path):
        raise errors.not_a_store(path, "it holds other files, and kg would write among them")


@contextmanager
def storage_errors(path: Path, query: str | None = None):
    """What RocksDB says of a store it cannot use, as one line: held by another process, or
    damaged (RocksDB's "Corruption: ...", a missing file), with how to rebuild it. While running
    the query named `query`, other failures (a SERVICE it calls) are that query's."""
    try:
        yield
    except BrokenPipeError:
        raise   # the reader of our output went away (`kg export | head`): not the store's fault
    except (OSError, RuntimeError) as e:
        why = _one_line(e)
        if re.search(r"\bLOCK\b|lock file", why):
            raise errors.store_locked(path, why) from None
        if re.search(r"No space left|File too large|quota exceeded", why, re.IGNORECASE):
            raise errors.store_write_failed(path, why) from None
        if query is not None and not re.search(r"Corruption|IO error", why):
            raise errors.query_failed(query, why) from None
        raise errors.store_damaged(path, why) from None


def _one_line(e: Exception) -> str:
    """What RocksDB said, on one line and at most 200 characters (its name when it said nothing)."""
    return " ".join(str(e).split())[:200] or type(e).__name__


EVENT_KINDS = ("Agreement", "Meeting", "Visit")   # in the order `kg stats` prints them


class KgStore:
    """The store at `path`; opening it to write (`command` names who writes, for the message a
    second writer or a server gets) takes the folder's lock until `close()` or the process ends.

    A store opened read-only sees the data as it was when opened (RocksDB reads a snapshot), so
    a long-lived reader opens it again for each question (see kg/api.py)."""

    def __init__(self, path: Path, read_only: bool = False, command: str = "ingest"):
        self.path = Path(path)
        self._lock = None
        check_folder(self.path, read_only)
        if not read_only:
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock = lock.hold(self.path, command)
        try:
            with storage_errors(self.path):
                self.store = Store.read_only(str(self.path)) if read_only else Store(str(self.path))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Let go of the store: RocksDB's own lock goes with the last reference to it, then the
        writer's lock. A process that keeps running (a notebook) must, or it blocks every other
        writer and `kg serve` for as long as it lives."""
        self.store = None
        fd, self._lock = self._lock, None
        if fd is not None:
            os.close(fd)

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading
    def article_stems(self) -> list[str]:
        with storage_errors(self.path):
            return sorted(v.stem_of_graph(g.value) for g in self.store.named_graphs()
                          if isinstance(g, NamedNode) and g.value.startswith(v.ARTICLE_GRAPH_PREFIX))

    def layer_is_current(self) -> bool:
        """Whether the event layer was derived the way this kg derives it (or there is none yet):
        a layer of an older kg lacks what newer queries look up (kg:nameKey, for one)."""
        from ..graph.stamp import layer_stamp
        with storage_errors(self.path):
            return layer_stamp() in self.store or not any(True for _ in self.store.quads_for_pattern(
                None, None, None, NamedNode(v.EVENTS_GRAPH)))

    def triple_count(self) -> int:
        with storage_errors(self.path):
            return len(self.store)

    def query(self, sparql: str, where: str = "query", as_csv: bool = False, **kw):
        """Solutions as a list (variables in `.variables`), a bool, or a list of triples: read
        here, so that a damaged store fails here, with its message, not in the printing. With
        `as_csv`, a SELECT's solutions come as SPARQL CSV bytes written by Oxigraph, which is
        spared making a Python object of every term (a third of `kg query`'s time on 6,000 rows)."""
        with storage_errors(self.path, where):
            result = self.store.query(sparql, **kw)
            if isinstance(result, QueryBoolean):
                return bool(result)
            if as_csv and isinstance(result, QuerySolutions):
                return result.serialize(format=QueryResultsFormat.CSV)
            return Solutions(result)

    def stats(self) -> dict[str, int]:
        """{"articles", "agreements", "meetings", "visits", "triples": count}, in that order."""
        counts = {"articles": len(self.article_stems())} | {f"{k.lower()}s": 0 for k in EVENT_KINDS}
        kinds = " ".join(f"<{v.NS}{k}>" for k in EVENT_KINDS)
        rows = self.query(f"SELECT ?c (COUNT(?e) AS ?n) WHERE {{ GRAPH <{v.EVENTS_GRAPH}> {{ ?e a ?c . "
                          f"VALUES ?c {{ {kinds} }} }} }} GROUP BY ?c")
        for r in rows:
            counts[f"{r['c'].value.rsplit('#', 1)[-1].lower()}s"] = int(r["n"].value)
        return counts | {"triples": self.triple_count()}

    def export(self, fmt: RdfFormat, out) -> None:
        with storage_errors(self.path):
            if fmt.supports_datasets:
                self.store.dump(out, fmt)
            else:  # a triples-only format gets the union of all graphs
                from pyoxigraph import serialize
                serialize((q.triple for q in self.store), out, fmt)

    # -- writing
    def write_articles(self, graphs: dict[str, list[Quad]]) -> None:
        """Replace these articles' graphs and rebuild the event layer, in one transaction."""
        self._commit(replaced={v.article_graph(s) for s in graphs}, new=[q for qs in graphs.values() for q in qs])

    def load_articles(self, parts: dict, read) -> None:
        """Replace the articles `parts` names ({stem: part file}) by the quads `read(file)` gives,
        in bulk, then rebuild the event layer once (`kg load`). Too large for one transaction:
        their graphs are dropped, loaded, then the event layer replaced; a failure part-way (a
        full disk) leaves some of these articles missing, and the same load again puts it right."""
        from ..graph.merge import event_layer
        from ..graph.rdf import ontology_quads
        graphs = [v.article_graph(s) for s in sorted(parts)]
        with self._writing():
            for i in range(0, len(graphs), 10_000):
                self.store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[i:i + 10_000]))
            self.store.bulk_extend(q for f in parts.values() for q in read(f))
            events = list(event_layer([(self.store, set())]))
            self.store.update(f"DROP SILENT GRAPH <{v.EVENTS_GRAPH}> ; DROP SILENT GRAPH <{v.ONTOLOGY_GRAPH}>")
            self.store.extend(events + list(ontology_quads()))
            self.store.flush()
            self.store.optimize()   # after a bulk write: lookups ~25% faster (measured at 10,000 articles)

    def remove_articles(self, stems: Iterable[str]) -> None:
        """Drop these articles and rebuild the event layer; none is dropped when one of them is
        not stored (a mistyped stem must not pass for done)."""
        stems = list(stems)
        unknown = sorted(set(stems) - set(self.article_stems()))
        if unknown:
            raise errors.not_stored(unknown)
        self._commit(replaced={v.article_graph(s) for s in stems}, new=[])

    def rebuild_layer(self) -> None:
        """Derive the whole event layer again from the stored articles (`kg rebuild`: after an
        upgrade of kg, or to check that the stored layer is what its articles give)."""
        self._commit(replaced=set(), new=[], whole=True)
        with self._writing():
            self.store.optimize()   # the whole layer is new: compacted, lookups are ~25% faster

    def _commit(self, replaced: set[str], new: list[Quad], whole: bool = False) -> None:
        """Replace the article graphs `replaced` by the quads `new` and bring the event layer up to
        date, in one SPARQL update: only the part of the layer the write touches (delta.py),
        unless the stored layer was derived by another version of kg, or `whole` (then all of it)."""
        from ..graph.delta import layer_delta
        from ..graph.merge import event_layer
        from ..graph.rdf import ntriples, ontology_quads
        from ..graph.stamp import layer_stamp

        staging = Store()
        staging.extend(new)
        with storage_errors(self.path):
            ours = not whole and layer_stamp() in self.store
            if ours:
                delta = layer_delta(self.store, replaced, staging)
                removed, added = delta.removed, delta.added
            else:
                removed, added = [], event_layer([(self.store, replaced), (staging, set())])
        ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(replaced)]
        if not ours:
            ops.append(f"DROP SILENT GRAPH <{v.EVENTS_GRAPH}>")
        if removed:
            ops.append(f"DELETE DATA {{ GRAPH <{v.EVENTS_GRAPH}> {{\n{ntriples(removed)}\n}} }}")
        ops.append(f"DROP SILENT GRAPH <{v.ONTOLOGY_GRAPH}>")
        inserts = [(v.EVENTS_GRAPH, added), (v.ONTOLOGY_GRAPH, ontology_quads())]
        by_graph: dict[str, list] = {}
        for q in new:
            by_graph.setdefault(q.graph_name.value, []).append(q)
        inserts += sorted(by_graph.items())
        body = " ".join(f"GRAPH <{g}> {{\n{ntriples(qs)}\n}}" for g, qs in inserts if qs)
        ops.append(f"INSERT DATA {{ {body} }}")
        with self._writing():
            self.store.update(" ;\n".join(ops))
            self.store.flush()

    @contextmanager
    def _writing(self):
        """A write that fails part-way (a full disk) as one line naming the store, not a traceback."""
        try:
            yield
        except (OSError, RuntimeError) as e:
            raise errors.store_write_failed(self.path, _one_line(e)) from None


class Solutions(list):
    """A query's answers, read to the end; `.variables` as pyoxigraph gives them (None for
    a graph result)."""

    def __init__(self, result):
        super().__init__(result)
        self.variables = getattr(result, "variables", None)
