"""ask's main search scores word by word (answer.bm25) and must rank as Whoosh does.

A real index on disk of invented papers, written in three segments with deleted
papers in them (as re-indexing after a meeting leaves it), so that the words'
postings span several blocks, segments and deletions. Every query is run both
ways: Whoosh's own search and top_hits must give the same documents, in the
same order, with the same scores.
"""

from __future__ import annotations

import random

import pytest

from councilsearch import store
from councilsearch.answer import bm25
from councilsearch.answer.question import _paper_docnums
from councilsearch.model import Paper, Paragraph

WORDS = ("allotment budget bridge cemetery drainage footpath grant hall library lighting "
         "litter meadow parking playground precept reserve road school shelter tender "
         "verge village waste youth").split()
COMMITTEES = ("Finance Committee", "Planning Committee", "Full Council")


def _paper(number: int, rng: random.Random) -> Paper:
    paragraphs = []
    for n in range(1, 6):
        # Skewed word choice: some words in most paragraphs (long postings), some in few.
        words = [WORDS[min(int(rng.expovariate(0.15)), len(WORDS) - 1)] for _ in range(rng.randint(4, 40))]
        paragraphs.append(Paragraph(" ".join(words).capitalize() + ".", 1, str(n), "", str(n)))
    return Paper(id=f"paper{number}", source=f"paper{number}.pdf", format="pdf",
                 committee=COMMITTEES[number % 3], date=f"2031-{1 + number % 12:02d}-05",
                 title=f"Minutes {number}", doc_type="minutes", paragraphs=paragraphs)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("bm25"))
    rng = random.Random(7)
    papers = [_paper(n, rng) for n in range(360)]
    ix = store.create_or_open(folder)
    for start in (0, 120, 240):  # three segments
        writer = ix.writer()
        for paper in papers[start:start + 120]:
            for doc in store.paper_documents(paper):
                writer.add_document(**doc)
        writer.commit(merge=False)
    writer = ix.writer()
    for number in range(0, 360, 7):  # deleted papers stay in the postings until a merge
        writer.delete_by_term("paper_id", f"paper{number}")
    writer.commit(merge=False)
    with store.open_index(folder).searcher() as opened:
        assert len(opened.reader().leaf_readers()) == 3 and opened.reader().has_deletions()
        yield opened


def _queries():
    from whoosh.query import Or, Phrase, Term

    yield Or([Term("body", "librari"), Term("body", "tender")])
    yield Or([Or([Term("body", "budget"), Term("body", "precept", boost=0.6)]),
              Term("body", "reserv"), Term("body", "villag", boost=2.0)])
    yield Or([Term("body", w) for w in ("allot", "bridg", "cemeteri", "drainag", "footpath", "grant")])
    yield Or([Term("body", "youth"), Phrase("body", ["budget", "grant"], boost=0.6)])
    yield Or([Term("body", "nosuchword"), Term("body", "school")])
    yield Term("body", "verg")


@pytest.mark.parametrize("query_number", range(6))
def test_top_hits_rank_as_whoosh_does(searcher, query_number):
    query = list(_queries())[query_number]
    mask = _paper_docnums(searcher)
    _assert_same(searcher, query, mask=mask)
    assert bm25.top_hits(searcher, query, 25, mask=mask)


def test_top_hits_with_a_filter(searcher):
    from whoosh.idsets import BitSet
    from whoosh.query import Term

    finance = BitSet(searcher.docs_for_query(Term("committee", "Finance Committee")),
                     size=searcher.doc_count_all())
    for query in _queries():
        _assert_same(searcher, query, mask=_paper_docnums(searcher), filter=finance)


def test_top_hits_read_a_posting_at_a_time_as_well(searcher, monkeypatch):
    """Other codecs' matchers have no blocks: the posting-by-posting path ranks the same."""
    monkeypatch.setattr(bm25, "_reads_blocks", lambda matcher: False)
    for query in _queries():
        _assert_same(searcher, query, mask=_paper_docnums(searcher))


def test_another_length_norm_on_the_same_index_scores_its_own_way(searcher):
    """A searcher without length norm (B=0, as ask's run-on pass uses) shares the index
    version, and so the cache, with the default one: each must rank by its own B."""
    from whoosh.scoring import BM25F
    from whoosh.searching import Searcher

    unnormed = Searcher(searcher.reader(), weighting=BM25F(B=0.0), closereader=False)
    for query in _queries():
        _assert_same(searcher, query, mask=_paper_docnums(searcher))
        _assert_same(unnormed, query, mask=_paper_docnums(searcher))


def test_other_weightings_are_left_to_whoosh(searcher):
    from whoosh.scoring import TF_IDF
    from whoosh.searching import Searcher

    tf_idf = Searcher(searcher.reader(), weighting=TF_IDF(), closereader=False)
    for query in _queries():
        _assert_same(tf_idf, query, mask=_paper_docnums(searcher))


def _assert_same(searcher, query, limit: int = 25, **limits):
    expected = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit, **limits)]
    got = bm25.top_hits(searcher, query, limit, **limits)
    assert [docnum for docnum, _ in got] == [docnum for docnum, _ in expected]
    assert [score for _, score in got] == pytest.approx([score for _, score in expected], rel=1e-9)
    deleted = {n for n in range(searcher.doc_count_all()) if searcher.reader().is_deleted(n)}
    assert deleted and not deleted & {docnum for docnum, _ in got}
