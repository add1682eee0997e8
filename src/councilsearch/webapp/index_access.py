"""One searcher shared by requests, reopened when the index's generation changes.

`councilsearch index` commits new segments atomically, so serving can go on
while it runs; the next request after a commit sees the new papers. Old
searchers are left to the garbage collector rather than closed, because another
request thread may still be reading from one.
"""

from __future__ import annotations

import threading

from ..search import warm
from ..store import IndexNotFound, open_index


class IndexHolder:
    def __init__(self, index_dir: str):
        self.index_dir = index_dir
        self._lock = threading.Lock()
        self._ix = None
        self._searcher = None
        self._generation = None

    def searcher(self):
        """The current searcher; IndexNotFound when there is no index (yet)."""
        with self._lock:
            if self._ix is None:
                self._ix = open_index(self.index_dir)
            try:
                latest = self._ix.latest_generation()
            except OSError as exc:  # the folder vanished under us
                self._ix = self._searcher = None
                raise IndexNotFound(f"no index in {self.index_dir}") from exc
            if self._searcher is None or latest != self._generation:
                try:
                    self._ix = open_index(self.index_dir)  # picks up a new schema/TOC
                except IndexNotFound:
                    self._ix = self._searcher = None
                    raise
                self._searcher = self._ix.searcher()
                self._generation = self._searcher.reader().generation()
                # Build the search caches here, once per index version, rather than
                # in the first user's search (see search.warm).
                warm(self._searcher)
            return self._searcher
