"""Searching: the Django side of the search engine library `search/` (decision 0014).

The same shape as every app: `api/` (views, serializers), `selectors.py` (a page of results with each hit's status on
a date, suggestions, related documents), `services.py` (keeping the index equal to the catalogue). It has no
`models.py`: what it stores is the search index, which the configured engine (`engine.py`) holds; `documents.py`
turns catalogue rows into the engine's documents and `handlers.py` reacts to the catalogue's events.
"""
