"""Which derivation of the event layer a store holds: a writer updates a layer of its own kind in
part (kg/graph/delta.py) and rebuilds any other whole; a reader warns of one made by another kg.
Apart from merge.py so that `kg query` can ask without importing the layer's derivation."""
from pyoxigraph import Literal, NamedNode, Quad

from .. import vocab as v

LAYER_VERSION = "3"   # raise it when the layer is derived differently: stores then rebuild it whole


def layer_stamp() -> Quad:
    return Quad(NamedNode(v.EVENTS_GRAPH), NamedNode(v.NS + "layerVersion"), Literal(LAYER_VERSION),
                NamedNode(v.EVENTS_GRAPH))
