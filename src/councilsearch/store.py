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
