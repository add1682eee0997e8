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

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import stemming_analyzer

SCHEMA_VERSION = 1


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


def paper_documents(paper) -> list[dict]:
    """The Whoosh documents for one paper: the paper itself, then one per paragraph."""
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
        )
    ]
    seen: set[str] = set()
    for ordinal, para in enumerate(paper.paragraphs):
        anchor = paragraph_anchor(para, ordinal)
        if anchor in seen:  # a number printed twice (a recommendation repeated in section 11)
            anchor = f"{anchor}-{ordinal}"
        seen.add(anchor)
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
    from whoosh.query import Term

    ix = create_or_open(index_dir)
    with ix.writer() as writer:
        for paper in papers:
            writer.delete_by_query(Term("paper_id", paper.id))
            for doc in paper_documents(paper):
                writer.add_document(**doc)


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
