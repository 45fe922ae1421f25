"""The embedded Oxigraph store on disk: one named graph per article, plus the event layer.

Writes go through one SPARQL UPDATE, which Oxigraph applies atomically: replacing articles
and rebuilding the event layer either all happen or none does.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from .. import errors
from .. import vocab as v
from ..graph.rdf import ntriples, ontology_quads

DEFAULT_STORE = "kg-store"


def store_path(option: str | None) -> Path:
    """--store, else $KG_STORE, else ./kg-store."""
    return Path(option or os.environ.get("KG_STORE") or DEFAULT_STORE)


class KgStore:
    def __init__(self, path: Path, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.is_dir():
            raise errors.no_store(self.path)
        try:
            self.store = Store.read_only(str(self.path)) if read_only else Store(str(self.path))
        except OSError as e:
            raise errors.store_locked(self.path, str(e).splitlines()[0]) from None

    # -- reading
    def article_stems(self) -> list[str]:
        return sorted(v.stem_of_graph(g.value) for g in self.store.named_graphs()
                      if isinstance(g, NamedNode) and g.value.startswith(v.ARTICLE_GRAPH_PREFIX))

    def triple_count(self) -> int:
        return len(self.store)

    def query(self, sparql: str, **kw):
        return self.store.query(sparql, **kw)

    def export(self, fmt: RdfFormat, out) -> None:
        if fmt.supports_datasets:
            self.store.dump(out, fmt)
        else:  # a triples-only format gets the union of all graphs
            from pyoxigraph import serialize
            serialize((q.triple for q in self.store), out, fmt)

    # -- writing
    def write_articles(self, graphs: dict[str, list[Quad]]) -> None:
        """Replace these articles' graphs and rebuild the event layer, in one transaction."""
        self._commit(replaced={v.article_graph(s) for s in graphs}, new=[q for qs in graphs.values() for q in qs])

    def remove_articles(self, stems: Iterable[str]) -> None:
        self._commit(replaced={v.article_graph(s) for s in stems}, new=[])

    def _commit(self, replaced: set[str], new: list[Quad]) -> None:
        from ..graph.merge import event_layer

        staging = Store()
        staging.extend(new)
        events = event_layer([(self.store, replaced), (staging, set())])
        ontology = ontology_quads()
        ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(replaced)]
        ops += [f"DROP SILENT GRAPH <{v.EVENTS_GRAPH}>", f"DROP SILENT GRAPH <{v.ONTOLOGY_GRAPH}>"]
        inserts = [(v.EVENTS_GRAPH, events), (v.ONTOLOGY_GRAPH, list(ontology))]
        by_graph: dict[str, list] = {}
        for q in new:
            by_graph.setdefault(q.graph_name.value, []).append(q)
        inserts += sorted(by_graph.items())
        body = " ".join(f"GRAPH <{g}> {{\n{ntriples(qs)}\n}}" for g, qs in inserts if qs)
        ops.append(f"INSERT DATA {{ {body} }}")
        try:
            self.store.update(" ;\n".join(ops))
            self.store.flush()
        except OSError as e:
            raise errors.StoreError(f"{self.path}: writing failed, nothing was changed ({e})") from None
