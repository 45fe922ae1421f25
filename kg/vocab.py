"""IRIs of the ontology, the resources and the named graphs, defined once.

Kept free of rdflib and pyoxigraph imports so any module can use them cheaply.
"""
from urllib.parse import quote, unquote

NS = "https://w3id.org/kgnews/ns#"          # ontology terms (prefix kg:)
RES = "https://w3id.org/kgnews/id/"         # resources (prefix kgr:)
GRAPH = "https://w3id.org/kgnews/graph/"     # every graph kg writes; `push` owns the ones under it

ARTICLE_GRAPH_PREFIX = GRAPH + "article/"
EVENTS_GRAPH = GRAPH + "events"
ONTOLOGY_GRAPH = GRAPH + "ontology"

SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
GEONAMES = "https://sws.geonames.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"   # W3C WGS84 basic: geo:lat, geo:long

# What an article states of each actor it names, stated again by every article naming it: the event
# layer gathers them (kg/graph/merge.py), and `kg validate` reads them once (kg/graph/validate.py).
ACTOR_PROPS = [RDF + "type", RDFS + "label", SKOS + "prefLabel", NS + "geonamesId", OWL + "sameAs",
               NS + "locatedIn", NS + "countryCode", GEO + "lat", GEO + "long"]

PREFIXES = {
    "kg": NS, "kgr": RES, "sem": SEM, "schema": SCHEMA, "prov": PROV, "skos": SKOS,
    "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "geo": GEO,
}



def _segment(stem: str) -> str:
    """A file stem as one IRI path segment: any name ("my article", "l'été") percent-encoded."""
    return quote(stem, safe="-_.~")


def article_graph(stem: str) -> str:
    return ARTICLE_GRAPH_PREFIX + _segment(stem)


def article_iri(stem: str) -> str:
    return RES + "article/" + _segment(stem)


def stem_of_graph(graph_iri: str) -> str:
    return unquote(graph_iri[len(ARTICLE_GRAPH_PREFIX):])
