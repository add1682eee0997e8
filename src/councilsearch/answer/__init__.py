"""Answer a question by quoting the paragraph that answers it, with its citation.

The pipeline, one small function per step, one module per step:

1. read the question (``question.py``, with ``kinds.py`` for its type): its
   type (decision, amount, date, who, precedent, fact), the content terms left
   once question words are dropped, and the hints it gives about where to look
   (a committee or council named in it, a year, month or season, "latest"
   meaning the most recent meeting);
2. retrieve paragraphs (``retrieval.py``): a weighted OR query (BM25) over
   paragraph text with synonym expansion, restricted to ``kind:para`` and the
   caller's filters, plus the paragraphs of the period and of the council the
   question names, run-on minutes holding its rarest word, and the best
   paragraphs of the papers whose titles and text match it best (headings and
   titles count in the rescoring);
3. score each candidate's sentences (``scoring.py``): IDF-weighted stem
   overlap with the question, how close together the matched words sit, and
   whether the sentence holds an answer of the expected type (``kinds.py``: a
   sum of money for "how much", a date for "when", a person or role for "who",
   a decision verb for "what was agreed");
4. quote the best sentence(s) verbatim (``quoting.py``; always a substring of
   the stored paragraph) with the paper, committee, date, paragraph number and
   page, plus alternatives from other paragraphs; or refuse when the evidence
   is thin.

``language.py`` serves every step: stems as the index sees them, sentences,
and the tables of other phrasings (synonyms); ``abbreviations.py`` adds the
long forms the papers themselves define for initials the question uses.

Nothing here invents text: every ``text`` returned is sliced out of the
indexed paragraph.

Tests that patch a tuning constant or helper must patch the submodule that
reads it (``answer.retrieval.CANDIDATES``), not this package: the names
re-exported here are copies of the submodules' bindings.
"""

from __future__ import annotations

from .kinds import (
    ROLE_NAME_SCORE,
    appointed_to_role,
    expected_answer_score,
    question_type,
    role_beside_name,
    stated_numbers,
    who_answer_score,
)
from .language import everyday_words, stems_of, year_span_forms
from .question import (
    QuestionTerm,
    Reading,
    content_words,
    councils_named,
    proper_names,
    question_period,
    read_question,
    unknown_words,
)
from .quoting import (
    FULL_COVERAGE,
    MIN_COVERAGE,
    add_following,
    distinct,
    is_confident,
    pick_answers,
    related_from,
)
from .retrieval import PER_PERIOD_LONG, add_neighbours, retrieve
from .scoring import PERIOD_LAG_BOOST, Candidate, key_terms, rank, score_candidate

__all__ = [
    "EMPTY_QUESTION_MESSAGE",
    "FULL_COVERAGE",
    "MIN_COVERAGE",
    "NO_ANSWER_MESSAGE",
    "PERIOD_LAG_BOOST",
    "PER_PERIOD_LONG",
    "ROLE_NAME_SCORE",
    "Candidate",
    "QuestionTerm",
    "Reading",
    "add_neighbours",
    "appointed_to_role",
    "ask",
    "broad_vocabulary",
    "content_words",
    "councils_named",
    "distinct",
    "everyday_words",
    "expected_answer_score",
    "format_citation",
    "is_confident",
    "key_terms",
    "pick_answers",
    "proper_names",
    "question_period",
    "question_type",
    "rank",
    "read_question",
    "related_from",
    "retrieve",
    "role_beside_name",
    "score_candidate",
    "short_title",
    "stated_numbers",
    "who_answer_score",
    "year_span_forms",
]

NO_ANSWER_MESSAGE = "No confident answer found in the indexed papers."
EMPTY_QUESTION_MESSAGE = "Please type a question."

CONFIDENT_WITHIN = 3  # the best quotable paragraph must rank among the first three


UNKNOWN_NAMED = 3  # at most this many of them named

# A question word no indexed paper holds ("fluoride", "sauna") says its topic is absent, so it
# is not answered, but only from an index whose papers hold at least this share of everyday
# words (data/everyday_words.txt): a small council's few papers lack "phone" or "weekend" too.
EVERYDAY_SHARE = 0.9


def broad_vocabulary(searcher) -> bool:
    """Whether the index's papers hold EVERYDAY_SHARE of the everyday words."""
    words = everyday_words()
    held = sum(any(searcher.doc_frequency("body", stem) for stem in stems_of(word)) for word in words)
    return bool(words) and held >= EVERYDAY_SHARE * len(words)


def _unknown_words_note(unknown: list[str]) -> str:
    """' No indexed paper mentions “tram”.': why there is no answer, when the question's words
    say it."""
    words = [f"“{word}”" for word in unknown][:UNKNOWN_NAMED]
    if not words:
        return ""
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f" No indexed paper mentions {listed}."


def ask(searcher, question: str, filters: dict | None = None, limit: int = 3) -> dict:
    """Answer question from the index open in searcher; see the module docstring."""
    question = (question or "").strip()
    result = {"question": question, "answered": False, "answers": [], "message": "", "related": []}
    if not question:
        result["message"] = EMPTY_QUESTION_MESSAGE
        return result
    limit = max(1, int(limit or 1))
    reading = read_question(searcher, question)
    ranked = rank(reading, retrieve(searcher, reading, filters))
    ranked = distinct(rank(reading, add_neighbours(searcher, ranked, filters)))
    # Only paragraphs that carry enough of the question (and all its names) may
    # be quoted; the best of them must be near the top for an answer at all.
    sure = [c for c in ranked if is_confident(c, reading.council_share)]
    unknown = unknown_words(searcher, reading)
    if sure and unknown and broad_vocabulary(searcher):
        sure = []  # the question's topic is in no paper: whatever matches its other words is no answer
    if sure and ranked.index(sure[0]) < CONFIDENT_WITHIN:
        result["answered"] = True
        result["answers"] = pick_answers(reading, sure, limit)
        add_following(searcher, result["answers"])
        result["type"] = reading.qtype
        return result
    result["message"] = NO_ANSWER_MESSAGE + _unknown_words_note(unknown)
    result["related"] = related_from(ranked)
    result["type"] = reading.qtype
    return result


def short_title(title: str | None, limit: int = 150) -> str:
    """A title fit for one line: some parsed "titles" run to a whole page."""
    title = " ".join((title or "").split()) or "Untitled paper"
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def format_citation(answer: dict) -> str:
    """'Title, Committee, date, paragraph 4.5, page 3 (source)' from an answer dict."""
    parts = [short_title(answer.get("title"))]
    parts += [p for p in (answer.get("committee"), answer.get("date")) if p]
    if answer.get("paragraph"):
        parts.append(f"paragraph {answer['paragraph']}")
    if answer.get("page"):
        parts.append(f"page {answer['page']}")
    return ", ".join(parts) + (f" ({answer['source']})" if answer.get("source") else "")
