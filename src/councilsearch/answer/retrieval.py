"""Step 2, retrieve candidates: the paragraphs worth scoring, from the index.

A weighted OR query (BM25F) over paragraph text for the question's rarest
words, restricted to paragraphs and the caller's filters, plus: the paragraphs
of the councils the question names, searched without their names; those
holding its rarest words (and run-on minutes holding them, without length
norm); those of the period it names; and the best paragraphs of the papers
that match it best as wholes, by text and title (``strongest_papers``,
``titled_papers``). After a first ranking, the neighbours of the best
paragraphs join too (``add_neighbours``).
"""

from __future__ import annotations

from .bm25 import intersection_hits, top_hits
from .language import _hyphen_parts, stems_of
from .question import (
    RARE_WEIGHT,
    TYPE_WORDS,
    QuestionTerm,
    Reading,
    _paper_docnums,
    _searcher_attribute,
    paragraphs_at,
)
from .scoring import HEADLINE_REACH, Candidate, _matched_weight, names_the_topic


def _alternative_query(field_name: str, alt: tuple[str, ...], boost: float):
    from whoosh.query import Phrase, Term

    if len(alt) == 1:
        return Term(field_name, alt[0], boost=boost)
    return Phrase(field_name, list(alt), boost=boost)


# Only the rarest question words drive retrieval: common ones ("council",
# "full") have posting lists as long as the index and make Whoosh's pure-Python
# OR slow, while adding little to BM25. All words still count in the rescoring.
RETRIEVAL_TERMS = 6


def retrieval_terms(reading: Reading, leave_out: frozenset[str] = frozenset()) -> list[QuestionTerm]:
    # Type words ("decide") find every resolution in the index, not the topic.
    topical = [t for t in reading.terms if t.stem not in TYPE_WORDS and t.stem not in leave_out]
    ranked = sorted(topical or reading.terms, key=lambda t: t.weight, reverse=True)
    return ranked[:RETRIEVAL_TERMS]


def _term_clauses(reading: Reading, field_name: str, every_term: bool = False,
                  leave_out: frozenset[str] = frozenset()) -> list:
    """One clause per retrieval term, or per every term with its alternative phrasings too.

    The index-wide search leaves the alternatives out: "budget" for
    "allocate" matches a third of a council's paragraphs, which is slow and
    adds noise; inside the few best papers they are cheap and find the answer.
    """
    from whoosh.query import Or, Term

    clauses = []
    for term in (reading.terms if every_term else retrieval_terms(reading, leave_out)):
        parts = [Term(field_name, term.stem)] + [Term(field_name, form) for form in term.spellings]
        if every_term:
            parts += [_alternative_query(field_name, alt, 0.6) for alt in term.alternatives
                      if alt[0] not in term.spellings]
        else:
            parts += [Term(field_name, alt, boost=0.6) for alt in term.rare_alternatives
                      if alt not in term.spellings]
            parts += [_alternative_query(field_name, alt, 0.6) for alt in term.defined_as]
            # The same word written apart ("litter-picking" / "litter picking"): in full.
            parts += [_alternative_query(field_name, alt, 1.0) for alt in _hyphen_parts(term.stem)
                      if len(alt) > 1]
        clauses.append(Or(parts) if len(parts) > 1 else parts[0])
    return clauses


def build_query(reading: Reading, leave_out: frozenset[str] = frozenset()):
    """The weighted OR query for a question's paragraphs, or None when it has no content words.

    Paragraph text only: title and heading words match every paragraph of a
    paper, which makes Whoosh's OR matching slow; the paper stage
    (strongest_papers) and the rescoring bring titles and headings in instead.
    Phrase queries are left out too (they doubled the time at 10,000 papers
    for no gain on the evaluation questions).
    """
    from whoosh.query import Or

    clauses = _term_clauses(reading, "body", leave_out=leave_out)
    return Or(clauses) if clauses else None


def build_filter(filters: dict | None):
    """The caller's filters as a Whoosh query (search.build_filter when it exists)."""
    if not filters:
        return None
    try:
        from ..search import build_filter as shared_build_filter
    except Exception:  # search.py missing or mid-edit: the local fallback still filters
        shared_build_filter = None
    if shared_build_filter is not None:
        return shared_build_filter(filters)
    return _fallback_build_filter(filters)


def _fallback_build_filter(filters: dict):
    """FALLBACK until search.build_filter exists: OR within a key, AND across keys."""
    from whoosh.query import And, Or, Term, TermRange

    parts = []
    for key in ("committee", "portfolio_holder", "doc_type", "year", "classification", "source_folder"):
        values = [v for v in (filters.get(key) or []) if v]
        if isinstance(filters.get(key), str):
            values = [filters[key]]
        if values:
            parts.append(Or([Term(key, v) for v in values]))
    if filters.get("date_from") or filters.get("date_to"):
        parts.append(TermRange("date", filters.get("date_from") or "0000-00-00",
                               filters.get("date_to") or "9999-99-99"))
    return And(parts) if parts else None


def _restriction(searcher, kind: str, filters: dict | None) -> dict:
    """search() keyword arguments limiting hits to one kind of document and the filters.

    Paragraphs are reached by masking out the (far fewer) paper documents: a
    filter on kind:para would build a set of every paragraph on each search.
    The caller's filters become a set of document numbers once, reused by
    every search of the question.
    """
    import json

    from whoosh.query import And, Term

    user = build_filter(filters)
    if kind == "paper" and user is None:
        return {"filter": _paper_docnums(searcher)}  # built once per searcher
    if kind == "paper":
        user = And([Term("kind", "paper"), user])
    restriction = {"filter": None}
    if user is not None:
        # The same filters serve every search of a question (and the next question):
        # their set of documents is kept with the searcher, the last few of them.
        key = (kind, json.dumps(filters, sort_keys=True, default=str))
        cache = _searcher_attribute(searcher, "_councilsearch_filter_sets", dict)
        if key not in cache:
            from whoosh.idsets import BitSet

            if len(cache) >= 8:
                cache.clear()
            cache[key] = BitSet(searcher.docs_for_query(user), size=searcher.doc_count_all())
        restriction["filter"] = cache[key]
    if kind == "para":
        restriction["mask"] = _paper_docnums(searcher)
    return restriction


# The papers that match the question best as wholes (title and full text) add
# their own best paragraphs to the pool, so a paragraph that answers without
# repeating the topic ("KCC signed in 2011" in the Armed Forces Covenant report)
# is still considered.
TOP_PAPERS = 4
PER_PAPER = 20
RARE_TERMS, PER_RARE_TERM = 2, 15  # RARE_WEIGHT: question.py
# The rarest word's run-on paragraphs are looked for when it is in at most
# LONG_RARE_MAX_DF paragraphs: the pass costs ~0.03 ms per paragraph holding it.
LONG_RARE_TERMS, LONG_RARE_MAX_DF = 1, 500


def strongest_papers(reading: Reading, candidates, titled: dict[str, str] | None = None,
                     keep: int | None = TOP_PAPERS) -> dict[str, float]:
    """The TOP_PAPERS papers best matching the question, plus the papers in titled, scored 0..1.

    Half from their best paragraphs' BM25 in the pool (top three summed), half
    from how much of the question their title covers. (A search over paper
    documents would walk the body postings of every paragraph too: too slow at
    10,000 papers.) titled maps paper id -> title for the papers whose titles
    match the question best (titled_papers): they join whatever their score,
    since the minutes of "the 2025 AGM" may share few words with the question.
    """
    by_paper: dict[str, list[float]] = {}
    titles: dict[str, str] = dict(titled or {})
    for cand in candidates:
        pid = cand.fields.get("paper_id")
        if pid:
            by_paper.setdefault(pid, []).append(cand.bm25)
            titles[pid] = cand.fields.get("title") or ""
    if not titles:
        return {}
    sums = {pid: sum(sorted(scores, reverse=True)[:3]) for pid, scores in by_paper.items()}
    top = max(sums.values(), default=0.0) or 1.0
    strength = {pid: 0.5 * sums.get(pid, 0.0) / top
                + 0.5 * _matched_weight(reading, set(stems_of(titles[pid])))[0] / reading.total_weight
                for pid in titles}
    best = sorted(by_paper, key=strength.get, reverse=True)[:keep]
    best += [pid for pid in titled or {} if pid not in best]
    return {pid: strength[pid] for pid in best}


# Question words at least this rare name what a paper's title would say
# ("AGM", "call-in", "Seashells"); how many title-matched papers join.
TITLE_WEIGHT, TITLE_PAPERS, TITLE_POOL, TITLE_TERMS = 3.0, 2, 10, 3


def titled_papers(searcher, reading: Reading, filters: dict | None) -> dict[str, str]:
    """Paper id -> title for the TITLE_PAPERS papers whose titles best match the
    question's rarer words (with their phrasings), in the period it names."""
    from whoosh.query import And, Or, Term, TermRange

    # The council or committee the question names is in the title of every one of its papers.
    named = set(stems_of(reading.committee or ""))
    wanted = [t for t in reading.terms
              if t.weight >= TITLE_WEIGHT and t.stem not in TYPE_WORDS and t.stem not in named]
    # Every paragraph indexes its paper's title, so a word common in titles ("held")
    # walks tens of thousands of postings: only the rarest few in titles are searched.
    # (A phrasing counts by its first word: "AGM" is titled "Annual General Meeting".)
    in_titles = {t.stem: sum(searcher.doc_frequency("title", form[0])
                             for form in [(t.stem,), *t.alternatives]) for t in wanted}
    wanted = sorted((t for t in wanted if in_titles[t.stem]), key=lambda t: in_titles[t.stem])
    clauses = []
    for term in wanted[:TITLE_TERMS]:
        forms = [(term.stem,)] + [alt for alt in term.alternatives]
        clauses += [_alternative_query("title", form, 1.0 if form == (term.stem,) else 0.6)
                    for form in forms]
    if not clauses:
        return {}
    query = Or(clauses)
    if reading.period:
        query = And([query, TermRange("date", reading.period[0], reading.period[1])])
    restriction = _restriction(searcher, "paper", filters)
    # (Comprehensions, not list(): list() asks Results for its length, which counts every match.)
    hits = []
    if reading.committee:  # that committee's own "Reserves Policy" before another council's
        hits = [hit for hit in searcher.search(And([query, Term("committee", reading.committee)]),
                                               limit=TITLE_POOL, **restriction)]
    if not hits:
        hits = [hit for hit in searcher.search(query, limit=TITLE_POOL, **restriction)]
    # Whoosh weighs title words by their rarity among titles ("general" is rare there);
    # the question's own weights say which words carry it ("reserve").
    titles = {hit["id"]: hit.get("title") or "" for hit in hits}
    covered = {pid: _matched_weight(reading, set(stems_of(title)))[0] for pid, title in titles.items()}
    best = sorted(titles, key=lambda pid: -covered[pid])[:TITLE_PAPERS]  # stable: BM25 breaks ties
    return {pid: titles[pid] for pid in best}


# BM25F's length normalisation (b) for a second pick of the paragraphs of the
# period a question names: none (Whoosh's default is 0.75), so a run-on paragraph of
# minutes (many decisions in one block, no numbering) is not buried below short
# paragraphs that merely name the topic. The sentence scorer then judges it by
# its best sentence, not its length. (The same pass over the whole index cost
# ~100 ms p95 at 10,000 papers; one with b=0.4 for the main ranking lost hits.)
LENGTH_NORM = 0.0
PER_PERIOD_LONG = 10


def _length_normed(searcher, b: float):
    """searcher itself, or a searcher over the same reader scoring BM25F with length norm b."""
    from whoosh.scoring import BM25F
    from whoosh.searching import Searcher

    if b == BM25F().B:
        return searcher
    return Searcher(searcher.reader(), weighting=BM25F(B=b), closereader=False)


def _add_unnormed(searcher, query, limit: int, limits: dict, pool: dict) -> None:
    """The best hits of query by BM25 without length normalisation join pool, their
    scores rescaled so this pick's best equals the pool's best."""
    hits = _length_normed(searcher, LENGTH_NORM).search(query, limit=limit, **limits)
    _add_rescaled(searcher, [(hit.docnum, hit.score) for hit in hits], pool)


def _add_rescaled(searcher, hits: list[tuple[int, float]], pool: dict) -> None:
    """hits (document number, score) join pool, rescaled so their best equals the pool's best."""
    best = max((score for _, score in hits), default=0.0)
    pool_best = max((c.bm25 for c in pool.values()), default=0.0)
    scale = pool_best / best if best > 0 and pool_best > 0 else 0.0
    _add_hits(searcher, [(docnum, score * scale) for docnum, score in hits], pool)


def _add_hits(searcher, hits: list[tuple[int, float]], pool: dict) -> None:
    """hits (document number, score) join pool, unless already in it."""
    for docnum, score in hits:
        fields = searcher.stored_fields(docnum)
        pool.setdefault(fields["id"], Candidate(fields, score))


# How many paragraphs of the councils a question names join the pool.
PER_COUNCIL = 15


def _add_council_scoped(searcher, reading: Reading, limits: dict, pool: dict) -> None:
    """The best paragraphs of the councils the question names join the pool, searched
    without the council's own name: "Has Hertingfordbury ever been offered land for
    school parking" is answered by a minute that never says "Hertingfordbury", and
    the index-wide search ranks every paragraph that does say it above it."""
    if not reading.councils or not PER_COUNCIL:
        return
    query = build_query(reading, leave_out=reading.council_stems)
    if query is None:
        return
    scope = _council_docnums(searcher, reading)
    if limits.get("filter") is not None:
        scope = scope.intersection(limits["filter"])
    # A filter kept with the searcher: as an And with the council's terms, Whoosh walked
    # the council's postings alongside the question's (70-200 ms at 10,000 papers); Whoosh's
    # own search with the filter scored every match (~160 ms when one council is most of it).
    _add_hits(searcher, top_hits(searcher, query, PER_COUNCIL, **dict(limits, filter=scope)), pool)
    if reading.period:
        # And those of the time it names ("clerk of Hertingfordbury in 2019"): that council's
        # every year says "clerk"; the one minute saying "newly appointed" ranks low in all of them.
        in_period = scope.intersection(_period_docnums(searcher, reading.period))
        _add_hits(searcher, top_hits(searcher, query, PER_COUNCIL, **dict(limits, filter=in_period)), pool)


def _period_docnums(searcher, period: tuple[str, str]):
    """The documents dated within period (ISO first and last day)."""
    from whoosh.idsets import BitSet
    from whoosh.query import TermRange

    return BitSet(searcher.docs_for_query(TermRange("date", period[0], period[1])), size=searcher.doc_count_all())


def _council_docnums(searcher, reading: Reading):
    """The documents of the councils the question names and of their collections."""
    from whoosh.idsets import BitSet
    from whoosh.query import Or, Term

    key = (reading.councils, tuple(sorted(reading.council_folders)))
    cache = _searcher_attribute(searcher, "_councilsearch_council_sets", dict)
    if key not in cache:
        where = Or([Term("council", c) for c in reading.councils]
                   + [Term("source_folder", folder) for folder in key[1]])
        if len(cache) >= 16:
            cache.clear()
        cache[key] = BitSet(searcher.docs_for_query(where), size=searcher.doc_count_all())
    return cache[key]


# How many paragraphs BM25F hands to the sentence scorer. Wide enough that the
# answering paragraph survives a weak first ranking, small enough for p95 speed.
CANDIDATES = 60


# How many paragraphs of the period a question names join the pool.
PER_PERIOD = 20


def retrieve(searcher, reading: Reading, filters: dict | None) -> list[Candidate]:
    from whoosh.query import And, Or, Term, TermRange

    query = build_query(reading)
    if query is None:
        return []
    pool = {}
    limits = _restriction(searcher, "para", filters)
    _add_hits(searcher, top_hits(searcher, query, CANDIDATES, **limits), pool)
    _add_council_scoped(searcher, reading, limits, pool)
    # The paragraphs holding the question's rarest words ("Fellrunner") join the
    # pool even when long paragraphs lose to short ones in BM25's length norm.
    for place, term in enumerate(sorted(reading.terms, key=lambda t: t.weight, reverse=True)[:RARE_TERMS]):
        if term.weight < RARE_WEIGHT:
            break
        forms = [Term("body", form) for form in (term.stem, *term.rare_alternatives)]
        rare = Or(forms) if len(forms) > 1 else forms[0]
        _add_hits(searcher, top_hits(searcher, rare, PER_RARE_TERM, **limits), pool)
        # And those of them holding most of the question's other words, without
        # length norm: a run-on minute ("2018/2019 Precept - After much
        # discussion ...") loses to every short mention above. Rare words have
        # short postings, so this costs little.
        if place < LONG_RARE_TERMS and sum(searcher.doc_frequency("body", f.text) for f in forms) <= LONG_RARE_MAX_DF:
            unnormed = _length_normed(searcher, LENGTH_NORM)
            _add_rescaled(searcher, intersection_hits(unnormed, rare, query, PER_RARE_TERM, **limits), pool)
    # Paragraphs of the period the question names ("in November 2018") join the
    # pool: the same words recur at every meeting, and the index-wide top 60 may
    # all come from other years.
    if reading.period:
        # An intersection with the dates in range, not a filter: Whoosh then skips along
        # the question's postings (3 ms at 10,000 papers; a filter scored them all, 40 ms).
        dated = And([query, TermRange("date", reading.period[0], reading.period[1])])
        for hit in searcher.search(dated, limit=PER_PERIOD, **limits):
            pool.setdefault(hit["id"], Candidate(dict(hit.fields()), hit.score))
        # And the period's best paragraphs by BM25 without length normalisation.
        if PER_PERIOD_LONG:
            _add_unnormed(searcher, dated, PER_PERIOD_LONG, limits, pool)
    titled = titled_papers(searcher, reading, filters)
    paper_strength = strongest_papers(reading, pool.values(), titled)
    if paper_strength:
        # Inside a few papers, every question word and phrasing may find the
        # paragraph that answers ("will commence on 1 April" for "take over").
        # Scored on those papers' paragraphs alone, reading only the blocks of each
        # word's postings that hold them, not every posting of "council".
        within = Or([Term("paper_id", pid) for pid in paper_strength])
        every = Or(_term_clauses(reading, "body", every_term=True))
        _add_hits(searcher, intersection_hits(searcher, within, every, PER_PAPER * len(paper_strength),
                                              **limits), pool)
        if reading.qtype == "who":
            _add_headers(searcher, paper_strength, limits, pool)
    # Every paper's strength from the whole pool, its own best paragraphs now in it.
    paper_strength = strongest_papers(reading, pool.values(), titled, keep=None)
    for cand in pool.values():
        cand.paper_strength = paper_strength.get(cand.fields.get("paper_id"), 0.0)
    return list(pool.values())


# A report's header ("From: <Cabinet Member>", "Report author: ...") is in its first few
# paragraphs; it answers "who brought the update to Council?" in none of the question's words.
HEADER_PARAGRAPHS = 6


def _add_headers(searcher, papers, limits: dict, pool: dict) -> None:
    """The first HEADER_PARAGRAPHS paragraphs of each of papers join the pool."""
    places = [(pid, n) for pid in papers for n in range(HEADER_PARAGRAPHS)]
    for hit in paragraphs_at(searcher, places, **limits):
        pool.setdefault(hit["id"], Candidate(dict(hit.fields()), 0.0))


# How many of the best paragraphs bring their neighbours into the pool.
NEIGHBOUR_SOURCES = 6


def add_neighbours(searcher, ranked: list[Candidate], filters: dict | None) -> list[Candidate]:
    """The pool plus the paragraphs just before and after the best ones.

    Minutes put the discussion in one paragraph and the decision in the next
    ("After much debate ... the Councillors resolved to proceed"); a report
    puts a figure a paragraph after the sentence naming the topic.
    """
    have = {(c.fields.get("paper_id"), c.fields.get("ordinal")) for c in ranked}
    wanted = set()
    for cand in ranked[:NEIGHBOUR_SOURCES]:
        pid, ordinal = cand.fields.get("paper_id"), cand.fields.get("ordinal")
        if pid and isinstance(ordinal, int):
            after = HEADLINE_REACH if names_the_topic(cand.fields.get("body") or "") else 1
            wanted |= {(pid, n) for n in range(ordinal - 1, ordinal + after + 1) if n >= 0 and n != ordinal} - have
    if not wanted:
        return ranked
    hits = paragraphs_at(searcher, wanted, **_restriction(searcher, "para", filters))
    strength = {c.fields.get("paper_id"): c.paper_strength for c in ranked}
    return ranked + [Candidate(dict(hit.fields()), 0.0, paper_strength=strength.get(hit["paper_id"], 0.0))
                     for hit in hits]
