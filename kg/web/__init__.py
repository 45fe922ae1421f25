"""What `kg serve` shows people beside its SPARQL endpoint: pages (site.py, templates/), every
stored query as data at /api/NAME (api.py), and the timeline picture (timeline.py, plot.py)."""
