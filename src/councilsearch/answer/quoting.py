"""Step 4, quote and refuse: what is shown of the ranked paragraphs.

The best sentence of a paragraph is widened to its neighbour when too thin
(``quote_span``) and cut to its densest part when too long (``focus_window``),
always a verbatim slice of the stored paragraph. Repeats of the same paragraph
(the same minutes published twice) are dropped (``distinct``). An answer is
given only when the best paragraph covers enough of the question, with every
name it gives (``is_confident``); otherwise the papers of the best paragraphs
are offered instead (``related_from``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..analysis import trim_span
from .kinds import TYPE_PATTERNS
from .language import sentence_spans, stem_tokens, stems_of
from .question import Reading, paragraphs_at

if TYPE_CHECKING:
    from .scoring import Candidate


def quote_span(reading: Reading, text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Widen the best sentence to its neighbour when alone it would be too thin to read.

    A sentence ending in ":" introduces a list; a short one ("It was RESOLVED
    that") needs the next; and when the sentence lacks the expected kind of
    answer but the next one has it, include the next. A short last sentence
    ("Carried.") needs the one before, which says what was carried.
    """
    spans = sentence_spans(text)
    start, end = span
    idx = next((i for i, s in enumerate(spans) if s == span), None)
    if idx is None:
        return span
    nxt = spans[idx + 1] if idx + 1 < len(spans) else None
    thin = (end - start) < 60 or text[start:end].rstrip().endswith(":")
    missing = reading.answer_score(text[start:end]) == 0 and \
        nxt is not None and reading.answer_score(text[nxt[0]:nxt[1]]) > 0
    if nxt is not None and (thin or missing):
        end = nxt[1]
    elif nxt is None and idx > 0 and (end - start) < 60:
        start = spans[idx - 1][0]
    return start, end


# A quote longer than this (a run-on list, a table row) is cut to its densest part.
MAX_QUOTE_CHARS = 360


def focus_window(reading: Reading, text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The MAX_QUOTE_CHARS window of span holding most question weight and expected answers,
    cut at word boundaries (still a verbatim slice of text)."""
    start, end = span
    if end - start <= MAX_QUOTE_CHARS + 80:
        return span
    weights = {t.stem: t.weight for t in reading.terms}
    marks = [(a, weights.get(st, 0.0)) for st, a, b in stem_tokens(text) if start <= a and b <= end]
    bonus = max(weights.values(), default=1.0)
    for pattern in TYPE_PATTERNS.get(reading.qtype, ()):
        marks += [(m.start(), bonus) for m in pattern.finditer(text, start, end)]
    words = [m.start() for m in re.finditer(r"\S+", text[start:end])]
    best, best_start = -1.0, start
    for offset in words:
        a = start + offset
        score = sum(w for pos, w in marks if a <= pos < a + MAX_QUOTE_CHARS - 20)
        if score > best:
            best, best_start = score, a
    cut = text.rfind(" ", best_start, min(end, best_start + MAX_QUOTE_CHARS))
    best_end = cut if cut > best_start else min(end, best_start + MAX_QUOTE_CHARS)
    return trim_span(text, best_start, best_end)


def _answer_dict(cand: Candidate, text: str, span: tuple[int, int]) -> dict:
    f = cand.fields
    return {
        "text": text[span[0]:span[1]],
        "paragraph_text": text,
        "source": f.get("source") or "",
        "paper_id": f.get("paper_id") or "",
        "title": f.get("title") or "",
        "committee": f.get("committee") or "",
        "date": f.get("date") or "",
        "paragraph": f.get("number") or "",
        "page": f.get("page"),
        "score": round(cand.score, 4),
        "anchor": f.get("anchor") or "",
        "heading": f.get("heading") or "",
        "kind": f.get("para_kind") or "text",
        "ordinal": f.get("ordinal"),  # the paragraph's place in its paper (0 first)
    }


# How much of the next paragraph the answer carries: enough for an outcome ("Carried
# 14 votes to 9"), a reply or a figure; the paper holds the rest.
FOLLOWING_CHARS = 600


def add_following(searcher, answers: list[dict]) -> None:
    """Give each answer the next paragraph of its paper, when it goes on with the same item
    (the same heading): a motion's outcome, the reply to a question, the sum after the
    sentence naming it. The quote may be the right matter one step short of the answer."""
    quoted = {(a.get("paper_id"), a.get("ordinal")) for a in answers}
    # (Not a paragraph that is itself one of the answers: it is shown already.)
    wanted = {(a["paper_id"], a["ordinal"] + 1): a for a in answers
              if isinstance(a.get("ordinal"), int) and a.get("paper_id")
              and (a["paper_id"], a["ordinal"] + 1) not in quoted}
    for hit in paragraphs_at(searcher, wanted):
        answer = wanted.get((hit.get("paper_id"), hit.get("ordinal")))
        if answer is None or hit.get("kind") != "para" or (hit.get("heading") or "") != answer.get("heading"):
            continue
        text = hit.get("body") or ""
        cut = text if len(text) <= FOLLOWING_CHARS else text[:FOLLOWING_CHARS].rsplit(" ", 1)[0]
        answer["following"] = {"text": cut, "trimmed": cut != text, "paragraph": hit.get("number") or "",
                               "anchor": hit.get("anchor") or "", "page": hit.get("page")}


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def pick_answers(reading: Reading, candidates: list[Candidate], limit: int) -> list[dict]:
    """The best quote from each of the top paragraphs, skipping repeats of the same words."""
    answers, seen = [], set()
    for cand in candidates:
        text = cand.fields.get("body") or ""
        sentence = quote_span(reading, text, cand.span)
        span = focus_window(reading, text, sentence)
        key = _normalised(text[span[0]:span[1]])
        if not key or key in seen:
            continue
        seen.add(key)
        answers.append(_answer_dict(cand, text, span))
        answers[-1]["trimmed"] = span != sentence  # cut from a longer sentence: show "…"
        if len(answers) >= limit:
            break
    return answers


def related_from(ranked: list[Candidate], limit: int = 5) -> list[dict]:
    """The papers of the best-scoring paragraphs, each once: what to read when no quote is sure."""
    related, seen = [], set()
    for cand in ranked:
        f = cand.fields
        pid = f.get("paper_id")
        if pid and pid not in seen:
            seen.add(pid)
            related.append({"paper_id": pid, "title": f.get("title") or "",
                            "committee": f.get("committee") or "", "date": f.get("date") or ""})
            if len(related) >= limit:
                break
    return related


# Refuse when the best answer covers less than this share of the question's
# IDF weight (in its sentence, paragraph, heading and title together), or when
# its final score is below MIN_SCORE. Calibrated on the dev and demo questions
# (1 Dec 2026, 46 real + 450 demo answerable, 14 unanswerable, simulated over the
# same rankings): the old single bar (0.40) refused 16 answerable and answered 3
# unanswerable; 0.35 with the topic-word check up to 0.45 refuses 19 answerable and
# answers 2 unanswerable; 0.35 alone refuses 1 but answers 4 unanswerable.
MIN_COVERAGE = 0.35
MIN_SCORE = 0.30
# Between MIN_COVERAGE and this, the answer must also hold one of the question's
# rarest topic words (key_terms): "how much on the new swimming pool in
# Abbeyfeale" is not answered by a paragraph on Abbeyfeale's greenway.
FULL_COVERAGE = 0.45


# A paragraph of a word or two ("Carried.", "All Councillors agreed.") records an outcome
# but not of what: quoted alone it tells the reader nothing, so the paragraph before it,
# which names the matter, is the one to quote.
MIN_QUOTABLE_WORDS = 3


def is_confident(best: Candidate, council_share: float = 0.0) -> bool:
    """Enough of the question is found around the quote, with every name it gives; thin
    evidence (coverage below FULL_COVERAGE, not counting council_share, the council's own
    name, which every paper of its council holds) must also hold one of its rarest topic words."""
    if best.score < MIN_SCORE or best.missing_names or best.coverage < MIN_COVERAGE:
        return False
    if best.missing_heaviest:
        return False
    if best.coverage - council_share < FULL_COVERAGE and best.missing_topic:
        return False  # thin evidence without the question's topic word
    return len(set(stems_of(best.fields.get("body") or ""))) >= MIN_QUOTABLE_WORDS  # last: it stems


# Paragraphs sharing this share of their words are one paragraph (a draft and the
# approved minutes, the same report in two packs); only the first few kept are compared.
NEAR_COPY, NEAR_COPY_KEPT = 0.9, 20


def _near_copy(words: set[str], other: set[str]) -> bool:
    """Nearly the same words, and the very same figures and dates: next year's precept
    minute ("£6,000" for "£5,500") says something else."""
    def figures(ws: set[str]) -> set[str]:
        return {w for w in ws if any(ch.isdigit() for ch in w)}

    return len(words & other) >= NEAR_COPY * len(words | other) and figures(words) == figures(other)


def distinct(ranked: list[Candidate]) -> list[Candidate]:
    """The ranking with repeats of the same paragraph text dropped.

    The same minutes are often published twice (in the meeting's folder and the
    next meeting's papers, or as a draft and the approved copy); four copies of one
    paragraph must not fill the places where the confident answer is looked for.
    """
    out, seen, kept_words = [], set(), []
    for cand in ranked:
        key = _normalised(cand.fields.get("body") or "")
        if key and key in seen:
            continue
        words = set(key.split())
        # (Only paragraphs of about the same size can share NEAR_COPY of their words.)
        low, high = NEAR_COPY * len(words), len(words) / NEAR_COPY
        if len(words) >= 8 and any(low <= size <= high and _near_copy(words, other) for size, other in kept_words):
            continue
        seen.add(key)
        if len(kept_words) < NEAR_COPY_KEPT:
            kept_words.append((len(words), words))
        out.append(cand)
    return out
