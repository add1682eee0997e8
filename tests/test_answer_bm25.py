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


@pytest.mark.parametrize("limit", [1, 3, 10, 60])
def test_top_hits_skip_what_cannot_reach_the_top_and_still_rank_as_whoosh_does(searcher, monkeypatch, limit):
    """Common words are looked up only for the documents still in the running (MaxScore):
    the ranking must not change, and on this index the shortcut must be taken."""
    from whoosh.query import Or, Term

    looked_up = []
    add = bm25._add_term_scores

    def spy(searcher, fieldname, text, boost, scores, within=None):
        looked_up.append((text, within is not None))
        return add(searcher, fieldname, text, boost, scores, within)

    monkeypatch.setattr(bm25, "_add_term_scores", spy)
    query = Or([Term("body", w) for w in ("meadow", "verg", "youth", "allot", "budget", "bridg", "cemeteri")])
    _assert_same(searcher, query, limit=limit, mask=_paper_docnums(searcher))
    assert any(shortcut for _, shortcut in looked_up)
    assert dict(looked_up)["allot"]  # the commonest word: looked up, not walked


def test_a_words_upper_bound_is_never_below_its_best_score_and_close_to_it(searcher):
    """Safe: no document scores more for a word than its bound (else MaxScore could skip
    a document that belongs at the top). Close: within 25% of the best, or nothing is skipped."""
    from whoosh.query import Term
    from whoosh.scoring import BM25F
    from whoosh.searching import Searcher

    unnormed = Searcher(searcher.reader(), weighting=BM25F(B=0.0), closereader=False)
    for each in (searcher, unnormed):
        for word in ("allot", "budget", "meadow", "verg", "youth", "precept"):
            best = each.search(Term("body", word), limit=1)[0].score
            bound = bm25._upper_bound(each, "body", word, 2.0)
            assert 2.0 * best <= bound <= 2.0 * best / 0.75


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


def _narrow_queries():
    """Queries of short postings, as ask intersects with the question: its rarest
    word (with another phrasing of it), and the paragraphs of a few papers."""
    from whoosh.query import Or, Term

    yield Or([Term("body", "youth"), Term("body", "meadow", boost=0.5)])
    yield Or([Term("paper_id", f"paper{n}") for n in (3, 130, 131, 250, 359)])
    yield Term("paper_id", "paper7")  # deleted: nothing to find
    yield Term("body", "nosuchword")


@pytest.mark.parametrize("narrow_number", range(4))
def test_intersection_hits_rank_as_whoosh_does(searcher, narrow_number):
    """As Whoosh's And of the two, with and without length norm, a filter and the posting-at-a-time path."""
    from whoosh.idsets import BitSet
    from whoosh.query import And, Term
    from whoosh.scoring import BM25F
    from whoosh.searching import Searcher

    narrow = list(_narrow_queries())[narrow_number]
    unnormed = Searcher(searcher.reader(), weighting=BM25F(B=0.0), closereader=False)
    finance = BitSet(searcher.docs_for_query(Term("committee", "Finance Committee")),
                     size=searcher.doc_count_all())
    for wide in _queries():
        for each in (searcher, unnormed):
            _assert_same(each, And([narrow, wide]), mask=_paper_docnums(searcher),
                         hits=_intersect)
        _assert_same(searcher, And([narrow, wide]), mask=_paper_docnums(searcher), filter=finance,
                     hits=_intersect)


def test_intersection_hits_read_a_posting_at_a_time_as_well(searcher, monkeypatch):
    from whoosh.query import And

    monkeypatch.setattr(bm25, "_reads_blocks", lambda matcher: False)
    for narrow in _narrow_queries():
        for wide in _queries():
            _assert_same(searcher, And([narrow, wide]), mask=_paper_docnums(searcher),
                         hits=_intersect)


def test_intersection_hits_find_the_papers_paragraphs(searcher):
    """Not vacuous: the papers' own paragraphs come back, and only theirs."""
    from whoosh.query import Or, Term

    narrow = Or([Term("paper_id", f"paper{n}") for n in (3, 250)])
    got = bm25.intersection_hits(searcher, narrow, Term("body", "allot"), 25)
    papers = {searcher.stored_fields(docnum)["paper_id"] for docnum, _ in got}
    assert papers and papers <= {"paper3", "paper250"}


def _intersect(searcher, query, limit, **limits):
    """intersection_hits of an And's two clauses."""
    narrow, wide = query.subqueries
    return bm25.intersection_hits(searcher, narrow, wide, limit, **limits)


def _assert_same(searcher, query, limit: int = 25, hits=bm25.top_hits, **limits):
    expected = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit, **limits)]
    if hits is not bm25.top_hits:
        # Whoosh's top-N search of an And skips blocks by their best possible score and
        # misses documents that belong in it (on this index too); its unoptimised ranking is the truth.
        every = searcher.search(query, limit=None, **limits)
        expected = sorted(((hit.docnum, hit.score) for hit in every), key=lambda hit: (-hit[1], hit[0]))[:limit]
    got = hits(searcher, query, limit, **limits)
    assert [docnum for docnum, _ in got] == [docnum for docnum, _ in expected]
    assert [score for _, score in got] == pytest.approx([score for _, score in expected], rel=1e-9)
    deleted = {n for n in range(searcher.doc_count_all()) if searcher.reader().is_deleted(n)}
    assert deleted and not deleted & {docnum for docnum, _ in got}
    return got


def test_blocks_decoded_for_a_few_papers_serve_a_later_full_read(searcher, monkeypatch):
    """The decoded-block cache: blocks read for the paragraphs of a few papers (after
    walking a word's whole directory of blocks) and then again for a whole search
    give Whoosh's ranking, and the second read decodes no block twice."""
    from collections import Counter

    from whoosh.codec import whoosh3
    from whoosh.query import And, Or, Phrase, Term

    from councilsearch.answer import question

    monkeypatch.setattr(question, "_INDEX_CACHE", {})
    for name in ("_councilsearch_decoded_blocks", "_councilsearch_block_directories"):
        monkeypatch.delattr(searcher, name, raising=False)
    decoded, counting = [], []  # (blocks bm25 decodes, not Whoosh's own search beside it)
    read_data = whoosh3.W3LeafMatcher._read_data

    def counted_read_data(matcher):
        if counting:
            decoded.append((matcher._postfile._name, matcher._dataoffset))  # (segment's file, block)
        read_data(matcher)

    def counted(hits):
        def run(*args, **kwargs):
            counting.append(1)
            try:
                return hits(*args, **kwargs)
            finally:
                counting.pop()
        return run

    monkeypatch.setattr(whoosh3.W3LeafMatcher, "_read_data", counted_read_data)
    narrow = Or([Term("paper_id", f"paper{n}") for n in (100, 200, 300)])
    # (a Phrase is Whoosh's to score, through its own matchers)
    words = [query for query in _queries() if not any(type(leaf) is Phrase for leaf in query.leaves())]
    for wide in words:
        _assert_same(searcher, And([narrow, wide]), mask=_paper_docnums(searcher), hits=counted(_intersect))
    first = len(decoded)
    for wide in words:
        _assert_same(searcher, wide, mask=_paper_docnums(searcher), hits=counted(bm25.top_hits))
    assert first and len(decoded) > first
    assert not [block for block, count in Counter(decoded).items() if count > 1]
