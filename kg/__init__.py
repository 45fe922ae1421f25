"""kg: diplomatic events from English news as RDF in an embedded SPARQL store.

    import kg
    store = kg.open("kg-store")        # nothing is locked until ingest/remove run
    store.ingest("seeds/")             # an IngestReport: stored, skipped, refused, dropped
    store.query("who-visited", place="Pyongyang")   # rows: a list of dicts of str/None

Importing kg is cheap: spaCy loads only when an ingest extracts, and queries need neither it
nor rdflib (see kg/api.py).
"""
from .api import Store, open
from .errors import KgError

__version__ = "0.1.0"

__all__ = ["KgError", "Store", "open", "__version__"]
