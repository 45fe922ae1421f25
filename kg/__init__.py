"""kg: diplomatic events from English news as RDF in an embedded SPARQL store."""
__version__ = "0.1.0"
