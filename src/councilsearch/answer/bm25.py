"""The best hits of an OR of words by BM25F, scored a word at a time.

Whoosh collects an OR query by walking a tree of matchers one posting at a
time, in pure Python: the question's main search took ~80 ms at 10,000 papers,
half of ``ask``. Summing each word's BM25F contributions into a dict, a block
of postings at a time, finds the same hits in the same order with the same
scores (``tests/test_answer_bm25.py`` compares them with Whoosh's) in about a
quarter of the time. Words join as Terms, under Ors, with their boosts; any
other clause (a Phrase) is left to Whoosh and its scores added in.

``top_hits`` reads the commonest words only for the documents still in the
running (MaxScore); ``intersection_hits`` scores a question only on the few
documents of a rare word or of a few papers, reading just the blocks that hold them.
"""

from __future__ import annotations

import bisect
import heapq
import threading

from .question import _searcher_attribute


def top_hits(searcher, query, limit: int, filter=None, mask=None) -> list[tuple[int, float]]:
    """(document number, score) of the best limit documents matching query, best first.

    As ``searcher.search(query, limit=limit, filter=filter, mask=mask)`` would
    rank them: by score, ties by document number. Falls back to that search
    when the index is not scored by BM25F.

    Words are read rarest first (by the most each can add to a score). Once the
    words left could not lift a document unseen so far to the limit-th best
    score, they are looked up only for the documents that may still get there
    ("MaxScore", Turtle and Flood 1995): "council" or "agreed" is in a third of
    the paragraphs, and walking all of its postings changed nothing at the top.
    """
    if not _scored_by_bm25f(searcher):
        hits = searcher.search(query, limit=limit, filter=filter, mask=mask)
        return [(hit.docnum, hit.score) for hit in hits]
    terms, others = _flatten(query)
    scores: dict[int, float] = {}
    reached = 0.0  # the most any document can have scored so far
    for sub, boost in others:
        found = list(_whoosh_scores(searcher, sub, None))
        for docnum, score in found:
            scores[docnum] = scores.get(docnum, 0.0) + score * boost
        reached += max((score * boost for _, score in found), default=0.0)
    allowed = _Allowed(searcher, filter, mask)
    words = sorted(((_upper_bound(searcher, *term), term) for term in terms), key=lambda pair: -pair[0])
    left = sum(bound for bound, _ in words)  # the most the words not yet read can add
    for place, (bound, (fieldname, text, boost)) in enumerate(words):
        if left < reached:  # (only then can the words left fall short of the best so far)
            threshold = _limit_th_best(scores, limit, allowed) * (1 - _MARGIN)
            if left < threshold:
                hopeful = sorted(docnum for docnum, score in scores.items()
                                 if score + left >= threshold and docnum in allowed)
                for _, rest in words[place:]:
                    _add_term_scores(searcher, *rest, scores, hopeful)
                break
        _add_term_scores(searcher, fieldname, text, boost, scores)
        left -= bound
        reached += bound
    return _allowed_best(scores, limit, allowed)


# The same word scores summed in another order differ in their last bits: a word is
# left unread only when it falls short by more than that.
_MARGIN = 1e-9


class _Allowed:
    """Membership: documents inside filter, outside mask and not deleted."""

    def __init__(self, searcher, filter, mask):
        self.filter = filter
        self.deleted = _deleted_docnums(searcher)
        self.masked = _as_frozenset(searcher, mask) if mask is not None else frozenset()

    def __contains__(self, docnum) -> bool:
        return (docnum not in self.masked and docnum not in self.deleted
                and (self.filter is None or docnum in self.filter))


def _allowed_best(scores: dict, limit: int, allowed) -> list[tuple[int, float]]:
    """The best limit (document number, score) of the allowed documents, ties by document number.

    (The allowed are looked for among the best few first: checking every document
    scored cost more than the scoring.)
    """
    wanted = 2 * limit + 8
    best = _best(scores, wanted)
    kept = [hit for hit in best if hit[0] in allowed]
    if len(kept) < limit and len(best) == wanted:  # many of the best are not allowed: look at all
        kept = [hit for hit in _best(scores, len(scores)) if hit[0] in allowed]
    return kept[:limit]


def _limit_th_best(scores: dict, limit: int, allowed) -> float:
    """The limit-th best score of the allowed documents (0 when fewer have scored)."""
    best = _allowed_best(scores, limit, allowed)
    return best[-1][1] if len(best) == limit else 0.0


def _upper_bound(searcher, fieldname: str, text: str, boost: float) -> float:
    """The most one word can add to a document's score: from its highest count and the
    shortest paragraph holding it, per segment (as Whoosh's block-skipping reckons it)."""
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if field is None:
        return 0.0
    word = field.to_bytes(text)
    weighting = searcher.weighting
    B, K1 = weighting.B, weighting.K1
    bound = 0.0
    for leaf, _ in searcher.reader().leaf_readers():
        if (fieldname, word) not in leaf:
            continue
        info = leaf.term_info(fieldname, word)
        tf = info.max_weight()
        if not field.scorable:
            bound = max(bound, tf * boost)
            continue
        shortest = info.min_length() or 0
        norm = K1 * (1 - B + B * shortest / (searcher.avg_field_length(fieldname) or 1))
        idf = searcher.idf(fieldname, word)
        bound = max(bound, idf * (K1 + 1) * boost * tf / (tf + norm))
    return bound * (1 + _MARGIN)


def intersection_hits(searcher, narrow, wide, limit: int, filter=None, mask=None) -> list[tuple[int, float]]:
    """As ``searcher.search(And([narrow, wide]), limit=limit, ...)`` ranks them.

    narrow has short postings (a rare word, a few papers' ids). Its documents are
    found first, and wide is scored on them alone, reading only the blocks of its
    postings that hold them: Whoosh's And steps through both a posting at a time.
    """
    from whoosh.query import And

    if not _scored_by_bm25f(searcher):
        hits = searcher.search(And([narrow, wide]), limit=limit, filter=filter, mask=mask)
        return [(hit.docnum, hit.score) for hit in hits]
    first = _kept(searcher, _query_scores(searcher, narrow), filter, mask)
    second = _query_scores(searcher, wide, within=sorted(first))
    return _best({docnum: first[docnum] + score for docnum, score in second.items() if docnum in first}, limit)


def _scored_by_bm25f(searcher) -> bool:
    from whoosh.scoring import BM25F

    weighting = searcher.weighting
    return type(weighting) is BM25F and not weighting._field_B


def _query_scores(searcher, query, within: list[int] | None = None) -> dict[int, float]:
    """Document number -> score of every document matching query (of those within, when given)."""
    scores: dict[int, float] = {}
    terms, others = _flatten(query)
    for fieldname, text, boost in terms:
        _add_term_scores(searcher, fieldname, text, boost, scores, within)
    for sub, boost in others:
        for docnum, score in _whoosh_scores(searcher, sub, within):
            scores[docnum] = scores.get(docnum, 0.0) + score * boost
    return scores


def _whoosh_scores(searcher, query, within: list[int] | None):
    """(document number, score) of Whoosh's own matcher for query (a Phrase), within the given documents."""
    if within is None:
        for hit in searcher.search(query, limit=None):
            yield hit.docnum, hit.score
        return
    from ..search import score_docnums

    for score, docnum in score_docnums(searcher, query, within):
        yield docnum, score


def _kept(searcher, scores: dict, filter, mask) -> dict:
    """scores without the documents outside filter, inside mask or deleted."""
    allowed = _Allowed(searcher, filter, mask)
    return {docnum: score for docnum, score in scores.items() if docnum in allowed}


def _best(scores: dict, limit: int) -> list[tuple[int, float]]:
    """The limit best (document number, score), ties by document number (as Whoosh ranks them)."""
    if not scores or limit <= 0:
        return []
    # The limit-th best score first, from the bare scores (six times faster than from pairs).
    cutoff = heapq.nlargest(limit, scores.values())[-1]
    best = sorted(((docnum, score) for docnum, score in scores.items() if score >= cutoff),
                  key=lambda hit: (-hit[1], hit[0]))
    return best[:limit]


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


def _add_term_scores(searcher, fieldname: str, text: str, boost: float, scores: dict,
                     within: list[int] | None = None) -> None:
    """Add each document's BM25F score for one word (as Whoosh's BM25FScorer computes it);
    only of the documents within, when given (sorted document numbers)."""
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if field is None:
        return
    word = field.to_bytes(text)
    B, K1 = searcher.weighting.B, searcher.weighting.K1
    idf = searcher.idf(fieldname, word) if field.scorable else 0.0
    average_length = (searcher.avg_field_length(fieldname) if field.scorable else 0) or 1
    factor = idf * (K1 + 1) * boost
    get = scores.get
    for place, (leaf, offset) in enumerate(searcher.reader().leaf_readers()):
        if (fieldname, word) not in leaf:
            continue
        targets = None if within is None else _leaf_targets(within, offset, leaf.doc_count_all())
        if targets == []:
            continue
        matcher = _unfiltered_postings(leaf, fieldname, word)
        directory = (_block_directory(searcher, place, fieldname, word, matcher)
                     if targets is not None and _reads_blocks(matcher) else None)
        blocks = _posting_blocks(matcher, targets, directory, _decoded_blocks(searcher, place))
        if not field.scorable:  # Whoosh scores a word of an ID field by its weight
            for ids, weights in blocks:
                for docnum, weight in zip(ids, weights):
                    if targets is None or docnum in targets:
                        scores[docnum + offset] = get(docnum + offset, 0.0) + weight * boost
            continue
        # bm25(tf) = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average length)):
        # the second term of the divisor depends on the document only, kept per index version.
        norms = _length_norms(searcher, place, leaf, fieldname, (B, K1))
        length_of = leaf.doc_field_length
        constant, per_word = K1 * (1 - B), K1 * B / average_length
        for ids, weights in blocks:
            for docnum, tf in zip(ids, weights):
                if targets is not None and docnum not in targets:
                    continue
                norm = norms[docnum]
                if norm is None:
                    norm = norms[docnum] = constant + per_word * length_of(docnum, fieldname, 1)
                scores[docnum + offset] = get(docnum + offset, 0.0) + factor * tf / (tf + norm)


def _leaf_targets(within: list[int], offset: int, size: int) -> "_Targets":
    """The documents of within in one segment, numbered within it."""
    start, end = bisect.bisect_left(within, offset), bisect.bisect_left(within, offset + size)
    return _Targets(docnum - offset for docnum in within[start:end])


class _Targets(list):
    """Sorted document numbers, with a set beside them for membership."""

    def __init__(self, docnums):
        super().__init__(docnums)
        self.members = frozenset(self)

    def __contains__(self, docnum) -> bool:
        return docnum in self.members


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


def _unfiltered_postings(leaf, fieldname: str, word: bytes):
    """A word's postings in one segment, without the filter a segment with deleted
    documents puts on them.

    (Read through the filter, every posting would be walked one at a time, and
    making the filter decodes the first block, again each time: top_hits drops
    the deleted documents at the end instead.)
    """
    from whoosh.matching.wrappers import FilterMatcher

    terms = getattr(leaf, "_terms", None)
    if terms is not None and not leaf.is_closed:
        return terms.matcher(fieldname, word, leaf.schema[fieldname].format)
    matcher = leaf.postings(fieldname, word)
    return matcher.child if type(matcher) is FilterMatcher else matcher


def _deleted_docnums(searcher) -> frozenset:
    """The deleted documents still in the postings (until a merge), per index version."""
    def find():
        return frozenset(offset + docnum for leaf, offset in searcher.reader().leaf_readers()
                         if leaf.has_deletions()
                         for docnum in range(leaf.doc_count_all()) if leaf.is_deleted(docnum))
    return _searcher_attribute(searcher, "_councilsearch_deleted_docnums", find)


def _posting_blocks(matcher, targets: list[int] | None = None, directory=None, decoded=None):
    """(document numbers, weights) of a term's postings, a block at a time where the codec allows;
    with targets (sorted), only the blocks that may hold one of them.

    Whoosh's own codec keeps postings in blocks of up to 128; reading a block's
    arrays at once is what makes this faster than Whoosh's matcher walk. With
    targets, the term's directory of blocks (their largest document numbers and
    places in the file, from _block_directory) leads straight to the blocks
    holding them. Blocks already decoded are taken from decoded (see
    _decoded_blocks). Any other matcher is read a posting at a time.
    """
    if not targets and targets is not None:
        return
    if _reads_blocks(matcher):
        if targets is None:
            position = matcher._baseoffset
            while position is not None:
                ids, weights, position = _block_at(matcher, position, decoded)
                yield ids, weights
            return
        largest, places = directory or _read_block_directory(matcher)
        place = 0  # the first target not yet passed
        while place < len(targets):
            block = bisect.bisect_left(largest, targets[place])
            if block == len(largest):
                return
            ids, weights, _ = _block_at(matcher, places[block], decoded)
            yield ids, weights
            place = bisect.bisect_right(targets, largest[block], place)
        return
    for target in targets if targets is not None else ():
        if not matcher.is_active():
            return
        matcher.skip_to(target)
        if matcher.is_active() and matcher.id() == target:
            yield (target,), (matcher.weight(),)
    while targets is None and matcher.is_active():
        yield (matcher.id(),), (matcher.weight(),)
        matcher.next()


def _block_at(matcher, position: int, decoded=None) -> tuple:
    """(document numbers, weights, the next block's place or None) of the block at position."""
    block = decoded.get(position) if decoded is not None else None
    if block is None:
        matcher._lastblock = False  # (_goto only ever sets it: walking the directory left it set)
        matcher._goto(position)
        matcher._read_ids()
        matcher._read_weights()
        block = (matcher._ids, matcher._weights, None if matcher._lastblock else matcher._nextoffset)
        if decoded is not None:
            decoded.put(position, block)
    return block


class _BlockCache:
    """Decoded posting blocks by (segment, place in its postings file), at most limit of them,
    the least recently used dropped first."""

    def __init__(self, limit: int):
        self.limit = limit
        self.blocks: dict[tuple[int, int], tuple] = {}
        self.lock = threading.Lock()  # (the web server answers on several threads)

    def get(self, key: tuple[int, int]):
        with self.lock:
            block = self.blocks.pop(key, None)
            if block is not None:
                self.blocks[key] = block  # (a dict keeps insertion order: now the newest)
            return block

    def put(self, key: tuple[int, int], block: tuple) -> None:
        with self.lock:
            self.blocks[key] = block
            if len(self.blocks) > self.limit:
                del self.blocks[next(iter(self.blocks))]


class _SegmentBlocks:
    """One segment's view of a _BlockCache: its blocks by their place alone."""

    def __init__(self, cache: _BlockCache, segment: int):
        self.cache, self.segment = cache, segment

    def get(self, position: int):
        return self.cache.get((self.segment, position))

    def put(self, position: int, block: tuple) -> None:
        self.cache.put((self.segment, position), block)


# Decoding a block (unpickling its ids, counts and positions) was 18% of ``ask``'s time at
# 10,000 papers, and 40% of the blocks a question reads it had read already (the same word
# in the main search and in the searches within papers), more across questions. A block
# decoded takes ~4.7 KB: 8,000 of them, ~37 MB, per index version.
_DECODED_BLOCKS_LIMIT = 8000


def _decoded_blocks(searcher, place: int) -> _SegmentBlocks:
    """The decoded blocks of segment place, in a cache kept per index version."""
    cache = _searcher_attribute(searcher, "_councilsearch_decoded_blocks",
                                lambda: _BlockCache(_DECODED_BLOCKS_LIMIT))
    return _SegmentBlocks(cache, place)


def _block_directory(searcher, place: int, fieldname: str, word: bytes, matcher):
    """A term's blocks in one segment: their largest document numbers and places in the
    postings file, kept per index version (reading them walks every block's header)."""
    directories = _searcher_attribute(searcher, "_councilsearch_block_directories", dict)
    key = (place, fieldname, word)
    if key not in directories:
        if len(directories) >= 5000:  # (a common word's is ~20 KB at 10,000 papers)
            directories.clear()
        directories[key] = _read_block_directory(matcher)
    return directories[key]


def _read_block_directory(matcher) -> tuple[list[int], list[int]]:
    largest, places = [], []
    position = matcher._baseoffset
    while True:
        matcher._goto(position)
        largest.append(matcher._maxid)
        places.append(position)
        if matcher._lastblock:
            return largest, places
        position = matcher._nextoffset


def _reads_blocks(matcher) -> bool:
    """Whether matcher is Whoosh's own codec's, with its postings in blocks."""
    return all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block", "_i",
                                                   "_goto", "_baseoffset", "_maxid", "_lastblock", "_nextoffset"))


def _as_frozenset(searcher, docnums) -> frozenset:
    """docnums (a Whoosh id set kept per index version) as a frozenset, kept beside it."""
    cache = _searcher_attribute(searcher, "_councilsearch_frozen_sets", dict)
    key = id(docnums)
    if key not in cache or cache[key][0] is not docnums:
        if len(cache) >= 8:
            cache.clear()
        cache[key] = (docnums, frozenset(docnums))
    return cache[key][1]
