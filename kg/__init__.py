"""kg: diplomatic events from English news as RDF in an embedded SPARQL store.

    import kg
    store = kg.open("kg-store")        # nothing is locked until ingest/remove run
    store.ingest("seeds/")             # an IngestReport: stored, skipped, refused, dropped
    store.query("who-visited", place="Pyongyang")   # rows: a list of dicts of str/None

Importing kg is cheap: spaCy loads only when an ingest extracts, and queries need neither it
nor rdflib (see kg/api.py).
"""
from typing import TYPE_CHECKING

from .errors import KgError

if TYPE_CHECKING:   # for type checkers and editors; at run time __getattr__ below imports them
    from .api import Store, open

__version__ = "0.1.0"

__all__ = ["KgError", "Store", "open", "__version__"]


def __getattr__(name: str):
    """`kg.open` and `kg.Store` (kg/api.py) are imported when first asked for: the `kg` command
    imports this package too, and `kg query` answers without the API."""
    if name in ("Store", "open"):
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
