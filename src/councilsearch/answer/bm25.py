"""The best hits of an OR of words by BM25F, scored a word at a time.

Whoosh collects an OR query by walking a tree of matchers one posting at a
time, in pure Python: the question's main search took ~80 ms at 10,000 papers,
half of ``ask``. Summing each word's BM25F contributions into a dict, a block
of postings at a time, finds the same hits in the same order with the same
scores (``tests/test_answer_bm25.py`` compares them with Whoosh's) in about a
quarter of the time. Words join as Terms, under Ors, with their boosts; any
other clause (a Phrase) is left to Whoosh and its scores added in.
"""

from __future__ import annotations

import heapq

from .question import _searcher_attribute


def top_hits(searcher, query, limit: int, filter=None, mask=None) -> list[tuple[int, float]]:
    """(document number, score) of the best limit documents matching query, best first.

    As ``searcher.search(query, limit=limit, filter=filter, mask=mask)`` would
    rank them: by score, ties by document number. Falls back to that search
    when the index is not scored by BM25F.
    """
    from whoosh.scoring import BM25F

    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        hits = searcher.search(query, limit=limit, filter=filter, mask=mask)
        return [(hit.docnum, hit.score) for hit in hits]
    scores: dict[int, float] = {}
    terms, others = _flatten(query)
    for fieldname, text, boost in terms:
        _add_term_scores(searcher, fieldname, text, boost, weighting, scores)
    for sub, boost in others:
        for hit in searcher.search(sub, limit=None, filter=filter, mask=mask):
            scores[hit.docnum] = scores.get(hit.docnum, 0.0) + hit.score * boost
    _restrict(searcher, scores, filter, mask)
    for docnum in _deleted_docnums(searcher).intersection(scores):
        del scores[docnum]
    best = heapq.nlargest(limit, ((score, -docnum) for docnum, score in scores.items()))
    return [(-negative, score) for score, negative in best]


def _flatten(query, boost: float = 1.0, terms=None, others=None):
    """The Terms of a tree of Ors as (field, text, boost), and the other clauses as (query, boost)."""
    from whoosh.query import Or, Term

    terms = [] if terms is None else terms
    others = [] if others is None else others
    if type(query) is Term:
        terms.append((query.fieldname, query.text, boost * query.boost))
    elif type(query) is Or and query.scale is None:  # an Or sums its clauses' scores
        for sub in query.subqueries:
            _flatten(sub, boost * query.boost, terms, others)
    else:
        others.append((query, boost))
    return terms, others


def _add_term_scores(searcher, fieldname: str, text: str, boost: float, weighting, scores: dict) -> None:
    """Add each document's BM25F score for one word (as Whoosh's BM25FScorer computes it)."""
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if field is None or not field.scorable:
        return
    word = field.to_bytes(text)
    B, K1 = weighting.B, weighting.K1
    idf = searcher.idf(fieldname, word)
    average_length = searcher.avg_field_length(fieldname) or 1
    factor = idf * (K1 + 1) * boost
    for place, (leaf, offset) in enumerate(searcher.reader().leaf_readers()):
        if (fieldname, word) not in leaf:
            continue
        # bm25(tf) = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average length)):
        # the second term of the divisor depends on the document only, kept per index version.
        norms = _length_norms(searcher, place, leaf, fieldname, (B, K1))
        length_of = leaf.doc_field_length
        constant, per_word = K1 * (1 - B), K1 * B / average_length
        get = scores.get
        for ids, weights in _posting_blocks(_unfiltered(leaf.postings(fieldname, word))):
            for docnum, tf in zip(ids, weights):
                norm = norms[docnum]
                if norm is None:
                    norm = norms[docnum] = constant + per_word * length_of(docnum, fieldname, 1)
                docnum += offset
                scores[docnum] = get(docnum, 0.0) + factor * tf / (tf + norm)


def _length_norms(searcher, place: int, leaf, fieldname: str, parameters: tuple) -> list:
    """Per document of one segment, its length term of BM25's divisor, filled in as met.

    (Filled lazily: reading every length of a 100,000-document segment takes 0.3 s;
    a question meets a tenth of them.) Kept per index version and BM25 parameters (B, K1):
    searchers of other parameters share the index version.
    """
    norms = _searcher_attribute(searcher, "_councilsearch_length_norms", dict)
    key = (place, fieldname, parameters)
    if key not in norms:
        norms[key] = [None] * leaf.doc_count_all()
    return norms[key]


def _unfiltered(matcher):
    """The postings under the filter a segment with deleted documents puts on them.

    (Read through the filter, every posting would be walked one at a time;
    top_hits drops the deleted documents at the end instead.)
    """
    from whoosh.matching.wrappers import FilterMatcher

    return matcher.child if type(matcher) is FilterMatcher else matcher


def _deleted_docnums(searcher) -> frozenset:
    """The deleted documents still in the postings (until a merge), per index version."""
    def find():
        return frozenset(offset + docnum for leaf, offset in searcher.reader().leaf_readers()
                         if leaf.has_deletions()
                         for docnum in range(leaf.doc_count_all()) if leaf.is_deleted(docnum))
    return _searcher_attribute(searcher, "_councilsearch_deleted_docnums", find)


def _posting_blocks(matcher):
    """(document numbers, weights) of a term's postings, a block at a time where the codec allows.

    Whoosh's own codec keeps postings in blocks of up to 128; reading a block's
    arrays at once is what makes this faster than Whoosh's matcher walk. Any
    other matcher is read a posting at a time.
    """
    if _reads_blocks(matcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids[matcher._i:], matcher._weights[matcher._i:]
            matcher._next_block()
        return
    while matcher.is_active():
        yield (matcher.id(),), (matcher.weight(),)
        matcher.next()


def _reads_blocks(matcher) -> bool:
    """Whether matcher is Whoosh's own codec's, with its postings in blocks."""
    return all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block", "_i"))


def _restrict(searcher, scores: dict, filter, mask) -> None:
    """Drop the documents outside filter or inside mask (sets of document numbers)."""
    if mask is not None:
        for docnum in _as_frozenset(searcher, mask).intersection(scores):
            del scores[docnum]
    if filter is not None:
        for docnum in [docnum for docnum in scores if docnum not in filter]:
            del scores[docnum]


def _as_frozenset(searcher, docnums) -> frozenset:
    """docnums (a Whoosh id set kept per index version) as a frozenset, kept beside it."""
    cache = _searcher_attribute(searcher, "_councilsearch_frozen_sets", dict)
    key = id(docnums)
    if key not in cache or cache[key][0] is not docnums:
        if len(cache) >= 8:
            cache.clear()
        cache[key] = (docnums, frozenset(docnums))
    return cache[key][1]
