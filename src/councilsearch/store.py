"""The Whoosh index: schema, writing, the incremental manifest and the extraction cache.

The only module that opens an index for writing. One Whoosh index holds two
kinds of document, told apart by ``kind``:

- ``paper``: one per paper, with the facet fields and the whole Paper as JSON
  (``data``) so that list/show/results need no file opened again;
- ``para``: one per paragraph, carrying its paper's facet fields too, so that
  filters apply to paragraph search (snippets, answers) without a join.

Facet fields are sortable columns so that facet counts read columns rather than
stored fields.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import TOKEN_PATTERN, stemming_analyzer

SCHEMA_VERSION = 2  # 2: root, size, mtime and build on paper docs (additive)


def _remember_missing_columns() -> None:
    """Make Whoosh remember that a segment has no length column for a field.

    whoosh-reloaded 2.7.5 checks the disk (os.stat) for the column once per posting of
    every unscored field (ids, facets) when it merges or writes postings: ~50,000 stat
    calls for ten papers, about a tenth of the index-writing time. A segment's files
    never change once written, so the answer can be kept for the reader's lifetime.
    """
    from whoosh.codec import whoosh3

    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_councilsearch_patched", False):
        return
    original = reader_class._cached_reader

    def cached_reader(self, fieldname, column):
        known = self.__dict__.setdefault("_councilsearch_missing", set())
        if fieldname in known:
            return None
        reader = original(self, fieldname, column)
        if reader is None:
            known.add(fieldname)
        return reader

    reader_class._cached_reader = cached_reader
    reader_class._councilsearch_patched = True


_remember_missing_columns()


def build_schema() -> Schema:
    text = stemming_analyzer()
    return Schema(
        kind=ID(stored=True),  # "paper" | "para"
        id=ID(stored=True, unique=True),  # paper id, or "<paper id>#<anchor>" for a paragraph
        paper_id=ID(stored=True),
        source=ID(stored=True),
        sha256=ID(stored=True),
        # Full text. Paper docs index title + all paragraphs; para docs their own text.
        title=TEXT(analyzer=text, stored=True, field_boost=2.0),
        heading=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text, stored=True, phrase=True),
        # Paragraph position (para docs).
        number=ID(stored=True),
        anchor=ID(stored=True),
        page=NUMERIC(stored=True),
        ordinal=NUMERIC(stored=True, sortable=True),  # paragraph order within the paper
        para_kind=ID(stored=True),  # "text" | "recommendation" | "resolution"
        is_decision=BOOLEAN(stored=True),
        # Facets (both kinds). Multi-valued facets (portfolio_holder, author) are
        # KEYWORD fields for filtering plus a "; "-joined sortable column for counting.
        committee=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),  # ISO yyyy-mm-dd, "" when unknown
        year=ID(stored=True, sortable=True),
        doc_type=ID(stored=True, sortable=True),
        classification=ID(stored=True, sortable=True),
        source_folder=ID(stored=True, sortable=True),
        council=ID(stored=True, sortable=True),
        portfolio_holder=KEYWORD(stored=True, commas=True, scorable=False, sortable=True),
        author=KEYWORD(stored=True, commas=True, scorable=False),
        # Paper docs: the Paper as JSON (model.Paper.to_dict()).
        data=STORED(),
        # Paper docs: the incremental manifest, committed atomically with the paper.
        # root = absolute folder the file was found under; size/mtime = the fast
        # "unchanged" check; build = extractor/parser versions that produced it.
        root=ID(stored=True),
        size=STORED(),
        mtime=STORED(),
        build=STORED(),
    )


def _facets(paper) -> dict:
    """The facet fields a paper and each of its paragraphs carry."""
    return {
        "paper_id": paper.id,
        "source": paper.source,
        "committee": paper.committee or "",
        "date": paper.date or "",
        "year": paper.year or "",
        "doc_type": paper.doc_type or "",
        "classification": paper.classification or "",
        "source_folder": paper.source_folder or "",
        "council": paper.council or "",
        "portfolio_holder": ",".join(p.name for p in paper.portfolio_holders if p.name),
        "author": ",".join(p.name for p in paper.authors if p.name),
    }


def paragraph_anchor(paragraph, ordinal: int) -> str:
    """The fragment id of a paragraph: "p-4-5" for a numbered one, "i-<ordinal>" otherwise."""
    return paragraph.anchor or f"i-{ordinal}"


def paragraph_anchors(paper) -> list[str]:
    """The unique fragment id of each paragraph, in order (as indexed and linked)."""
    anchors: list[str] = []
    seen: set[str] = set()
    for ordinal, para in enumerate(paper.paragraphs):
        anchor = paragraph_anchor(para, ordinal)
        if anchor in seen:  # a number printed twice (a recommendation repeated in section 11)
            anchor = f"{anchor}-{ordinal}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def paper_documents(paper, size=None, mtime=None, build=None) -> list[dict]:
    """The Whoosh documents for one paper: the paper itself, then one per paragraph.

    size, mtime and build (the file's stat and the versions that made the paper)
    go on the paper doc for the incremental manifest; ingestion passes them.
    """
    import json

    facets = _facets(paper)
    body = "\n\n".join(p.text for p in paper.paragraphs)
    docs = [
        dict(
            facets,
            kind="paper",
            id=paper.id,
            sha256=paper.sha256,
            title=paper.title or paper.source,
            body=body,
            data=json.dumps(paper.to_dict(), ensure_ascii=False),
            root=paper.root or "",
            size=size,
            mtime=mtime,
            build=build,
        )
    ]
    for ordinal, (para, anchor) in enumerate(zip(paper.paragraphs, paragraph_anchors(paper))):
        docs.append(
            dict(
                facets,
                kind="para",
                id=f"{paper.id}#{anchor}",
                title=paper.title or paper.source,
                heading=para.heading or "",
                body=para.text,
                number=para.number or "",
                anchor=anchor,
                page=para.page,
                ordinal=ordinal,
                para_kind=para.kind,
                is_decision=para.kind in ("recommendation", "resolution"),
            )
        )
    return docs


# --- Opening and simple writing ------------------------------------------------------
# Ingestion's incremental writer builds on these; tests and other stages use them to
# make an index from Paper objects directly.


class IndexNotFound(Exception):
    """There is no councilsearch index in the folder given."""


def tokens_current(schema) -> bool:
    """Whether the index's text is split into words as this version splits a question's."""
    if "body" not in schema:
        return True  # nothing indexed with any tokeniser yet
    analyzer = schema["body"].analyzer
    tokenizer = getattr(analyzer, "items", [analyzer])[0]
    return getattr(getattr(tokenizer, "expression", None), "pattern", None) == TOKEN_PATTERN


def create_or_open(index_dir):
    """The index in index_dir, created (with its folder) when missing."""
    import os

    from whoosh import index as whoosh_index

    os.makedirs(index_dir, exist_ok=True)
    if whoosh_index.exists_in(index_dir):
        return whoosh_index.open_dir(index_dir)
    return whoosh_index.create_in(index_dir, build_schema())


def open_index(index_dir):
    """Open an existing index for reading; IndexNotFound when there is none."""
    from whoosh import index as whoosh_index

    try:
        return whoosh_index.open_dir(index_dir)
    except (whoosh_index.EmptyIndexError, FileNotFoundError, OSError) as exc:
        raise IndexNotFound(f"no index in {index_dir}: run `councilsearch index PATH` first") from exc


def add_papers(index_dir, papers) -> None:
    """Write papers in one commit, replacing any already indexed under the same id."""
    session = IndexWriterSession(index_dir, commit_every=10**9)
    try:
        for paper in papers:
            session.put(paper)
    except BaseException:
        session.cancel()
        raise
    session.commit()


def load_paper(searcher, key: str):
    """The Paper stored under an id or a source path, or None."""
    import json

    from whoosh.query import And, Term

    from .model import Paper

    for field in ("id", "source"):
        results = searcher.search(And([Term("kind", "paper"), Term(field, key)]), limit=1)
        if results:
            return Paper.from_dict(json.loads(results[0]["data"]))
    return None


# --- Paper ids ---------------------------------------------------------------------


def paper_id(root: str, source: str) -> str:
    """A stable id from where the file is: 12 hex digits of sha1("<root>\\n<source>").

    root is the absolute folder the file was found under, so the same relative
    path under two different folders gives two papers. Moving the whole folder
    changes ids; the extraction cache (keyed by content) makes that rebuild cheap.
    """
    import hashlib

    key = f"{_posix(root)}\n{source}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _posix(path: str) -> str:
    return str(path).replace("\\", "/").rstrip("/") or "/"


# --- The incremental manifest -------------------------------------------------------
# Derived from the paper docs themselves (source, sha256, root, size, mtime, build are
# stored on them), so it is committed atomically with the papers it describes and can
# never claim something the index lacks.


@dataclass
class ManifestEntry:
    id: str
    source: str
    root: str
    sha256: str
    size: int | None
    mtime: float | None
    build: str | None


def read_manifest(ix) -> dict[str, ManifestEntry]:
    """What the index holds, by paper id."""
    entries: dict[str, ManifestEntry] = {}
    with ix.searcher() as searcher:
        for docnum in searcher.document_numbers(kind="paper"):
            fields = searcher.stored_fields(docnum)
            entries[fields["id"]] = ManifestEntry(
                id=fields["id"],
                source=fields.get("source", ""),
                root=fields.get("root", ""),
                sha256=fields.get("sha256", ""),
                size=fields.get("size"),
                mtime=fields.get("mtime"),
                build=fields.get("build"),
            )
    return entries


# --- The extraction cache -------------------------------------------------------------
# <index>/cache/<sha256>-<extractor version>.json.gz holds the Document extracted from
# a file with that content, so a parser or schema change re-parses without running
# pdfminer again, and a renamed file is not extracted again. A file that failed with a
# lasting reason (corrupt, encrypted, ...) caches the failure as .error.json.


def cache_dir(index_dir) -> str:
    import os

    return os.path.join(index_dir, "cache")


def _version_tag(version: str) -> str:
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in str(version))


def cache_path(cache_folder: str, sha256: str, version: str, error: bool = False) -> str:
    import os

    suffix = ".error.json" if error else ".json.gz"
    return os.path.join(cache_folder, f"{sha256}-{_version_tag(version)}{suffix}")


def document_to_dict(document) -> dict:
    from dataclasses import asdict

    return asdict(document)


def document_from_dict(data: dict):
    from .model import Document, Line, Page

    pages = [
        Page(
            number=page["number"],
            lines=[Line(**line) for line in page.get("lines", [])],
            width=page.get("width", 0.0),
            height=page.get("height", 0.0),
        )
        for page in data.get("pages", [])
    ]
    return Document(
        path=data.get("path", ""),
        format=data.get("format", ""),
        pages=pages,
        properties=data.get("properties", {}) or {},
    )


def _atomic_write(path: str, payload: bytes) -> None:
    """Write via a temp file in the same folder + rename, so readers never see half a file."""
    import os
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_cached_document(cache_folder, sha256, version, document) -> None:
    import gzip
    import json

    payload = json.dumps(document_to_dict(document), ensure_ascii=False).encode("utf-8")
    _atomic_write(cache_path(cache_folder, sha256, version), gzip.compress(payload, 5))


def load_cached_document(cache_folder, sha256, version):
    """The cached Document, or None when absent or unreadable (then extract again)."""
    import gzip
    import json

    try:
        with gzip.open(cache_path(cache_folder, sha256, version), "rb") as handle:
            return document_from_dict(json.loads(handle.read().decode("utf-8")))
    except (OSError, EOFError, ValueError, KeyError, TypeError):
        return None


def save_cached_error(cache_folder, sha256, version, reason: str, message: str) -> None:
    import json

    payload = json.dumps({"reason": reason, "message": message}).encode("utf-8")
    _atomic_write(cache_path(cache_folder, sha256, version, error=True), payload)


def load_cached_error(cache_folder, sha256, version) -> tuple[str, str] | None:
    import json

    try:
        with open(cache_path(cache_folder, sha256, version, error=True), "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
        return data["reason"], data["message"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prune_cache(cache_folder: str, keep_sha256: set[str], version: str) -> int:
    """Delete entries for content no longer present or made by another extractor version."""
    import os

    tag = _version_tag(version)
    removed = 0
    try:
        names = os.listdir(cache_folder)
    except FileNotFoundError:
        return 0
    for name in names:
        sha, _, rest = name.partition("-")
        current = rest in (f"{tag}.json.gz", f"{tag}.error.json")
        if name.startswith(".tmp-") or not current or sha not in keep_sha256:
            try:
                os.unlink(os.path.join(cache_folder, name))
                removed += 1
            except OSError:
                pass
    return removed


# --- The incremental writer -----------------------------------------------------------


# More segments than this after an ingestion run are merged into one.
MAX_SEGMENTS = 4
# A merge also purges deleted documents once they are this share of the index.
DELETED_SHARE = 0.2


class IndexBusy(Exception):
    """Another process is writing the index."""


class IndexWriterSession:
    """The one writer of an ingestion run.

    Changes are applied to a Whoosh writer and committed in a few large batches
    (``commit_every`` papers) and once at the end. Each commit holds whole papers
    only (a paper's doc, its paragraphs and the deletion of its old version), so a
    kill -9 at any moment leaves the last committed generation, which is consistent:
    Whoosh writes new segment files first and renames the new table of contents
    into place last. The write lock is an fcntl lock, released by the kernel when
    the process dies, so a stale ``MAIN_WRITELOCK`` file never blocks the next run.
    """

    def __init__(self, index_dir, commit_every: int = 250, rebuild_if_stale: bool = False):
        from whoosh.index import LockError

        self.index_dir = index_dir
        self.ix = create_or_open(index_dir)
        self.commit_every = commit_every
        self._pending = 0
        try:
            self.writer = self.ix.writer()
        except LockError as exc:
            raise IndexBusy(f"another process is writing the index in {index_dir}") from exc
        self._add_missing_fields()
        # Only a caller that puts every paper again may start afresh (ingest.run_index does);
        # any other writes the index's own way, so its papers stay searchable alike.
        self.rebuilding = rebuild_if_stale and not tokens_current(self.writer.schema)
        if self.rebuilding:
            self._start_rebuild()

    def _start_rebuild(self) -> None:
        """The index was made with another tokeniser: every paper is indexed afresh with this
        one (ingest re-puts them all, as build_key names the tokeniser), in one commit at the
        end, so searches keep the old index until the new one is whole."""
        from whoosh.query import Every

        self.writer.delete_by_query(Every())
        for name, field_type in build_schema().items():
            self.writer.remove_field(name)
            self.writer.add_field(name, field_type)
        self.commit_every = math.inf

    def _add_missing_fields(self) -> None:
        """Additive schema migration: fields this version has that the index lacks."""
        current = self.writer.schema
        for name, field_type in build_schema().items():
            if name not in current:
                self.writer.add_field(name, field_type)

    def put(self, paper, size=None, mtime=None, build=None) -> bool:
        """Add or replace one paper (all its docs) in the pending batch.

        An exempt paper is never written (its old version is removed): a last guard
        for callers that forget to check.
        """
        self.writer.delete_by_term("paper_id", paper.id)
        if paper.exempt:
            self._counted()
            return False
        for doc in paper_documents(paper, size=size, mtime=mtime, build=build):
            self.writer.add_document(**doc)
        self._counted()
        return True

    def remove(self, paper_id_value: str) -> None:
        self.writer.delete_by_term("paper_id", paper_id_value)
        self._counted()

    def _counted(self) -> None:
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit(final=False)

    def commit(self, final: bool = True) -> None:
        self.writer.commit()
        self._pending = 0
        self.writer = None
        if not final:
            self.writer = self.ix.writer()
        else:
            self._merge_if_fragmented()

    def _merge_if_fragmented(self) -> None:
        """Merge the index into one segment after a build left it in many.

        Batched commits leave a segment per batch; every query then walks each
        segment's postings, which doubled `ask` latency at 10,000 papers. Small
        incremental runs add one small segment and stay under the threshold.
        """
        if len(self.ix._segments()) > MAX_SEGMENTS or self._mostly_deleted():
            self.ix.optimize()

    def _mostly_deleted(self) -> bool:
        """True when deleted documents make up DELETED_SHARE of the index or more.

        A re-index after a parser upgrade replaces every paper; until a merge
        the old copies still count in every word's document frequency, which
        halves the rarity of every word (answer ranking weighs words by it).
        """
        with self.ix.reader() as reader:
            total = reader.doc_count_all()
            return total > 0 and (total - reader.doc_count()) >= DELETED_SHARE * total

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None


# --- Reading papers back (list / show) ------------------------------------------------


def iter_papers(ix):
    """Every indexed Paper, ordered by source."""
    import json

    from .model import Paper

    with ix.searcher() as searcher:
        stored = [searcher.stored_fields(n) for n in searcher.document_numbers(kind="paper")]
    stored.sort(key=lambda fields: (fields.get("source", ""), fields.get("id", "")))
    for fields in stored:
        yield Paper.from_dict(json.loads(fields["data"]))


def paper_summary(paper) -> dict:
    """One `councilsearch list --json` line."""
    return {
        "id": paper.id,
        "source": paper.source,
        "doc_type": paper.doc_type,
        "committee": paper.committee,
        "date": paper.date or None,
        "title": paper.title,
        "portfolio_holder": paper.portfolio_holder,
        "authors": [p.name for p in paper.authors if p.name],
        "agenda_item": paper.agenda_item,
        "classification": paper.classification,
        "recommendations": list(paper.recommendations),
        "pages": paper.pages,
        "paragraphs": len(paper.paragraphs),
    }


def paper_detail(paper) -> dict:
    """`councilsearch show --json`: the whole paper, paragraphs with their anchors."""
    data = paper.to_dict()
    data["paragraphs"] = [
        {
            "number": para.number,
            "heading": para.heading,
            "page": para.page,
            "text": para.text,
            "kind": para.kind,
            "anchor": anchor,
        }
        for para, anchor in zip(paper.paragraphs, paragraph_anchors(paper))
    ]
    return data
