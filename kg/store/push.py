"""Copy the local store's named graphs to a remote endpoint, one graph at a time.

Each graph is PUT (replacing what the server had under that name, so pushing twice changes
nothing) in chunks of at most `chunk` triples: the first chunk PUT, the rest POSTed after it,
since one huge request hangs some servers. The default graph is never used.
"""
from __future__ import annotations

from typing import Callable, Iterable

from pyoxigraph import NamedNode, Quad, Store

from ..graph.rdf import ntriples
from .remote import Endpoint

CHUNK = 100_000


def graph_names(store: Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))


def chunks(quads: Iterable[Quad], size: int) -> Iterable[list[Quad]]:
    batch: list[Quad] = []
    for q in quads:
        batch.append(q)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push_graph(endpoint: Endpoint, graph: str, quads: Iterable[Quad], size: int = CHUNK) -> int:
    """Replace `graph` on the endpoint with these quads; the number of triples sent."""
    sent, first = 0, True
    for batch in chunks(quads, size):
        endpoint.put_graph(graph, ntriples(batch).encode("utf-8"), replace=first)
        sent, first = sent + len(batch), False
    if first:   # an empty graph still replaces what was there
        endpoint.put_graph(graph, b"", replace=True)
    return sent


def push_store(store: Store, endpoint: Endpoint, size: int = CHUNK,
               progress: Callable[[int, int, str], None] = lambda done, total, graph: None) -> tuple[int, int]:
    """Every named graph of `store`; (graphs, triples) sent."""
    names = graph_names(store)
    triples = 0
    for i, g in enumerate(names, 1):
        triples += push_graph(endpoint, g, store.quads_for_pattern(None, None, None, NamedNode(g)), size)
        progress(i, len(names), g)
    return len(names), triples


def write_articles(endpoint: Endpoint, graphs: dict[str, list[Quad]]) -> None:
    """`kg ingest --endpoint`: these articles' graphs, then the event layer derived from all the
    endpoint's article graphs with these in place, then the ontology. GSP has no transactions:
    a failure part-way leaves some graphs new and some old, and running the same ingest again
    puts everything right (each PUT replaces)."""
    from .. import vocab as v
    from ..graph.merge import event_layer
    from ..graph.rdf import ontology_quads
    from .remote import RemoteGraphs
    staging = Store()
    for quads in graphs.values():
        staging.extend(quads)
    replaced = {v.article_graph(stem) for stem in graphs}
    events = event_layer([(RemoteGraphs(endpoint), replaced), (staging, set())])
    for stem, quads in sorted(graphs.items()):
        push_graph(endpoint, v.article_graph(stem), quads)
    push_graph(endpoint, v.EVENTS_GRAPH, events)
    push_graph(endpoint, v.ONTOLOGY_GRAPH, ontology_quads())
