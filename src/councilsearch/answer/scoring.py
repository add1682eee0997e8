"""Step 3, score the candidates: how well each paragraph answers the question.

Each sentence of a paragraph is scored by the IDF-weighted share of the
question's words it holds (those of the sentences either side, the heading,
the paper's title and the meeting count too), how close together the matched
words sit, and whether it holds an answer of the expected kind (kinds.py).
The paragraph's score adds its BM25, its paper's match to the question and
bonuses for records of decisions, and is multiplied by the hints of the
question (the committee, the period, a name it gives). ``rank`` scores the
pool and sorts it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .language import everyday_words, sentence_spans, stem_tokens, stems_of
from .question import TYPE_WORDS, QuestionTerm, Reading
from .quoting import MIN_COVERAGE, quote_span


@dataclass
class Candidate:
    fields: dict
    bm25: float
    score: float = 0.0
    coverage: float = 0.0  # share of the question's weight found around the quote
    span: tuple[int, int] = (0, 0)
    paper_strength: float = 0.0  # the paper's own match to the question, 0..1
    missing_names: list = field(default_factory=list)  # question names absent around the quote
    missing_topic: bool = False  # none of the question's rarest topic words is around the quote
    missing_heaviest: bool = False  # the word carrying much of the question is not around it
    scored_with: tuple | None = None  # what score_candidate last saw (rank() skips repeats)
    own_judgement: tuple = ()  # score, coverage and missing flags from score_candidate alone


def _fold(stems) -> set[str]:
    """Stems plus their bare forms: Snowball keeps the plural "s" on vowel-less acronyms (HWRCs)."""
    out = set(stems)
    out.update(s[:-1] for s in stems if len(s) > 3 and s.endswith("s"))
    return out


def _matched_weight(reading: Reading, stems: set[str]) -> tuple[float, set[str]]:
    """Weight of question terms present in stems as _fold would have them (an alternative
    phrasing counts 0.7). (The question's forms carry their plurals instead: folding
    every paragraph's stems cost more than matching.)"""
    total, hit = 0.0, set()
    for stem, weight, forms, alternatives in reading.match_plan:
        if not forms.isdisjoint(stems):
            total += weight
            hit.add(stem)
        elif any(all(not parts.isdisjoint(stems) for parts in alt) for alt in alternatives):
            total += 0.7 * weight
            hit.add(stem)
    return total, hit


def _proximity(positions: list[tuple[str, int]], wanted: set[str]) -> float:
    """How tightly the matched words sit: matched count / smallest window holding them all."""
    if len(wanted) < 2:
        return 1.0 if wanted else 0.0
    best, counts, have, left = math.inf, {}, 0, 0
    for right, (s, _) in enumerate(positions):
        if s in wanted:
            counts[s] = counts.get(s, 0) + 1
            have += counts[s] == 1
        while have == len(wanted):
            best = min(best, right - left + 1)
            ls = positions[left][0]
            if ls in wanted:
                counts[ls] -= 1
                have -= counts[ls] == 0
            left += 1
    return min(1.0, len(wanted) / best) if best < math.inf else 0.0


# How much an answer of the expected kind counts in a sentence's score: a
# "how much" question is answered by a sum, a decision question less strictly.
TYPE_WEIGHT = {"amount": 0.35, "date": 0.35, "who": 0.45, "count": 0.3, "decision": 0.3,
               "precedent": 0.25, "reason": 0.3, "fact": 0.0}


# A sentence's score: its coverage of the question (words of the sentences either
# side count AROUND_SHARE), how close together its matched words stand, and an
# answer of the expected type (TYPE_WEIGHT).
COVERAGE_SHARE, PROXIMITY_SHARE, AROUND_SHARE = 0.6, 0.15, 0.5


def score_sentences(reading: Reading, text: str, given: set[str] = frozenset(),
                    before: set[str] = frozenset()) -> list[tuple[float, float, tuple[int, int]]]:
    """(score, coverage, span) for each sentence of a paragraph.

    Words found only in the sentences either side count half: the answer
    ("Willie Jones agreed to help.") often leans on the sentence before it.
    For the first sentence, the paragraph before (its stems, with its heading and
    title, in ``before``) stands in for it ("Nominees were sought ..." / "Greg
    will be lead member").
    Question words in ``given`` (the paper's title, the heading, the meeting)
    count as found in every sentence: they say which paper, and the sentence
    that answers need not repeat them.
    """
    tokens = stem_tokens(text)
    spans = sentence_spans(text)
    inside = [[(s, i) for i, (s, a, b) in enumerate(tokens) if a >= start and b <= end]
              for start, end in spans]
    matched = [_matched_weight(reading, {s for s, _ in toks} | given) for toks in inside]
    previous_hit = _matched_weight(reading, before)[1] if before else set()
    out = []
    for k, (start, end) in enumerate(spans):
        weight, hit = matched[k]
        around = set()
        for j in (k - 1, k + 1):
            if 0 <= j < len(spans):
                around |= matched[j][1]
        if k == 0 and before:
            around |= previous_hit
        extra = sum(t.weight for t in reading.terms if t.stem in around - hit)
        coverage = (weight + AROUND_SHARE * extra) / reading.total_weight
        typed = reading.answer_score(text[start:end])
        # An answer of the right kind counts in proportion to how much of the
        # question surrounds it: "Carried." alone answers nothing.
        relevance = min(1.0, coverage / 0.4)
        score = (COVERAGE_SHARE * coverage + PROXIMITY_SHARE * _proximity(inside[k], hit)
                 + TYPE_WEIGHT[reading.qtype] * typed * relevance)
        out.append((score, weight / reading.total_weight, (start, end)))
    return out


def _date_boost(reading: Reading, date: str, newest: str) -> float:
    """Multiplier from the question's hints about when: a period named, or recency."""
    boost = 1.0
    if reading.period and date:
        boost *= _period_boost(reading.period, date, ahead=bool(_AHEAD.search(reading.question)))
    if reading.recency and date and newest:
        boost *= 1.0 + 0.1 * (date >= newest[:4])  # papers from the newest year in play
    return boost


# A paper dated in the period the question names counts this much more; one
# dated within PERIOD_LAG months after it a little more (minutes and monitoring
# reports record what happened in the months before the meeting).
PERIOD_BOOST, PERIOD_LAG_BOOST, PERIOD_LAG = 1.25, 1.1, 4


def _months_after(date: str, end: str) -> int:
    return (int(date[:4]) - int(end[:4])) * 12 + int(date[5:7]) - int(end[5:7])


# "When is the first meeting of 2031?", "when will the works start": planned ahead, so
# the papers of the months before the period say it too.
_AHEAD = re.compile(r"^\s*(?:when|what date|which date)\s+(?:is|are|will|does|do|should|shall)\b", re.I)


def _period_boost(period: tuple[str, str], date: str, ahead: bool = False) -> float:
    start, end = period
    if start <= date <= end:
        return PERIOD_BOOST
    if not re.match(r"\d{4}-\d{2}", date):
        return 1.0
    if date > end and 0 < _months_after(date, end) <= PERIOD_LAG:
        return PERIOD_LAG_BOOST
    if ahead and date < start and 0 < _months_after(start, date) <= PERIOD_LAG:
        return PERIOD_LAG_BOOST
    return 1.0


_MONTH_NAMES = "January February March April May June July August September October November December".split()


# What a paragraph's kind adds for decision questions: a resolution records
# what was decided, a recommendation only what was proposed.
DECISION_BONUS = {"decision": {"resolution": 0.12, "recommendation": 0.02},
                  "precedent": {"resolution": 0.04, "recommendation": 0.0}}

# What a paper's type adds for decision questions: minutes and decision notices
# record what was decided; a report or its appendix argues for what is proposed
# (a call-in report quotes the question's words throughout, yet decides nothing).
# (Not for precedent questions: there the later paper recalling the decision,
# "At its meeting on 13 June 2022 the Executive agreed", answers best.)
RECORD_BONUS = {"decision": {"minutes": 0.12, "decision": 0.12}}

# BM25 gathers candidates; in the final score it only breaks near-ties, since it
# favours short paragraphs that repeat the question's topic words.
BM25_SHARE = 0.15
# How much the best sentence's score and the paragraph's coverage of the question count.
SENTENCE_SHARE, CONTEXT_SHARE = 0.5, 0.2
# The paragraph before counts this much of its matched words (a resolution follows its subject).
PREVIOUS_SHARE = 0.5
# The committee the question names (or "full Council") multiplies a paragraph's score by this.
COMMITTEE_FACTOR = 1.1
# How much the paper's own match to the question (strongest_papers) counts.
PAPER_SHARE = 0.1

# A paragraph quoted for "how much", "how many", "when" or "who" that holds no
# figure, date or person restates the question ("the ratio between the highest
# paid salary and the median"); it counts this much, so the one giving the
# answer ranks first.
NO_VALUE_FACTOR, VALUE_TYPES = 0.8, ("amount", "count", "date", "who")
TITLE_ECHO_FACTOR = 0.7

# A paper's list of contents or of background documents names its topics and their
# dates ("Budget consultation, Cabinet 9 January 2025") and answers nothing.
REFERENCE_LIST_FACTOR = 0.7
_REFERENCE_HEADING = re.compile(
    r"^[\W\d]*(?:(?:list of\s+)?background (?:documents|papers|information)\b|(?:table of )?contents\W*$)", re.I)


def is_reference_list(heading: str) -> bool:
    """Whether a heading opens a list of contents or background documents."""
    return bool(_REFERENCE_HEADING.search(heading or ""))


# An agenda lists business to be done; the report or minutes say what was done.
AGENDA_FACTOR = 0.85

# A candidate lacking a name the question gives is multiplied by this (per name, up to two).
NAME_PENALTY = 0.75

# Fitted, then checked: a pairwise logistic ranker over 451 written questions (12 batches,
# each ranked by one fitted on the other eleven) found the score above too shy of how much
# of the question a paragraph and its setting hold (+10 hit@1 from that alone). Counted over
# topic words only (not "decide": a report asking Council to decide repeats it), with the
# words of the paragraph or label above in full, it multiplies the score by
# e^(CONTEXT_GAIN * (coverage - CONTEXT_PIVOT)); the pivot keeps the scores of full
# matches, so refusing stays calibrated.
CONTEXT_GAIN, CONTEXT_PIVOT = 0.4, 0.9


def _topic_coverage(reading: Reading, found: set[str]) -> float:
    """Share of the question's topic words (not type words) found in a paragraph and its
    setting (its heading, paper and meeting, the paragraph or label above it)."""
    topical = [t for t in reading.terms if t.stem not in TYPE_WORDS] or reading.terms
    return sum(t.weight for t in topical if t.stem in found) / (sum(t.weight for t in topical) or 1.0)


# A label paragraph (is_headline) or a member's question (is_asking) names the topic of
# the few paragraphs after it, up to HEADLINE_REACH; on its own it answers nothing and
# counts HEADLINE_FACTOR.
HEADLINE_WORDS, HEADLINE_REACH, HEADLINE_FACTOR = 12, 4, 0.85


def is_headline(text: str) -> bool:
    """A short label standing as a paragraph ("Fernhill Park Library: Reopening and Provision
    of Café"): few words and no closing stop. Minutes print an item's title so."""
    text = text.strip()
    return bool(text) and len(text.split()) <= HEADLINE_WORDS and not re.search(r"[.!?;][\"'”’)]*$", text)


# A member's question or notice of motion ("I will ask at the next meeting ...", "Can the
# Cabinet Member say ...?") repeats what is asked; the reply or debate below it answers.
# (Scanned agendas read the "I" as "|", "!", "1" or "l".)
_ASKING = re.compile(r"^\W*(?:[I|!1l] (?:will|would like to|wish to) (?:ask|move|request)|To ask\b|Question (?:by|from|to|"
                     r"submitted)|(?:Can|Could|Will|Would|Does|Do|Is|Are|Has|Have) (?:the|you|we|this|our)\b)", re.I)


def is_asking(text: str) -> bool:
    """A paragraph that asks rather than answers: a member's question or notice of motion."""
    text = text.strip()
    return bool(_ASKING.search(text)) or text.rstrip("\"'”’) ").endswith("?")


def is_lead_in(text: str) -> bool:
    """A sentence cut at a colon, the rest of it set out in the paragraph below."""
    return text.rstrip().endswith(":")


def names_the_topic(text: str) -> bool:
    """A label or a question: what the paragraphs below it are about, answering nothing itself."""
    return is_headline(text) or is_asking(text)


def _meeting_words(fields: dict) -> str:
    """The committee, council and meeting year/month as words: a question naming them
    ("Ashby Parish Council in May 2022") is about this paragraph's meeting."""
    date = fields.get("date") or ""
    # The source path names the council's folder ("milburn-pc/minutes/...") too.
    source = re.sub(r"[-_/.]+", " ", fields.get("source") or "")
    words = [fields.get("committee") or "", fields.get("council") or "", date[:4], source]
    if len(date) >= 7 and date[5:7].isdigit() and 1 <= int(date[5:7]) <= 12:
        words.append(_MONTH_NAMES[int(date[5:7]) - 1])
    return " ".join(words)


def frame_stems(fields: dict) -> frozenset[str]:
    """Stems of a paragraph's heading, paper title and meeting: what it is under."""
    return _frame_stems(*(fields.get(name) or "" for name in ("heading", "title", "committee", "council",
                                                               "date", "source")))


# Caches: the paragraphs of a paper share their frame, and a paragraph is scored again as
# its neighbours join and as the paragraph before another.
@lru_cache(maxsize=16384)
def _frame_stems(heading: str, title: str, committee: str, council: str, date: str, source: str) -> frozenset[str]:
    meeting = _meeting_words({"committee": committee, "council": council, "date": date, "source": source})
    return frozenset(_fold(set(stems_of(heading)) | set(stems_of(title)) | set(stems_of(meeting))))


def body_stems(text: str) -> set[str]:
    """Stems of a paragraph's own words (from the tokens sentence scoring caches)."""
    return {s for s, _, _ in stem_tokens(text)}


@lru_cache(maxsize=8192)
def _folded_body_stems(text: str) -> frozenset[str]:
    return frozenset(_fold(body_stems(text)))


def context_stems(fields: dict) -> frozenset[str]:
    """Stems of a paragraph with its heading, paper title and meeting."""
    return _folded_body_stems(fields.get("body") or "") | frame_stems(fields)


# Question words at least this rare (IDF over paragraph bodies) say what the
# question is about ("swimming pool", "lunar"); a paragraph holding neither of
# the two rarest of them, nor a listed alternative, is about something else.
KEY_WEIGHT = 5.0
KEY_TERMS = 2


def key_terms(reading: Reading) -> list[QuestionTerm]:
    """The question's rarest topic words: not names (checked on their own), numbers or
    years (the date boost's business), nor type words ("decided")."""
    topical = [t for t in reading.terms if t.stem not in TYPE_WORDS and t.stem not in reading.names
               and not any(ch.isdigit() for ch in t.stem) and t.weight >= KEY_WEIGHT]
    return sorted(topical, key=lambda t: t.weight, reverse=True)[:KEY_TERMS]


def _written_otherwise(reading: Reading, stem: str, stems: set[str]) -> bool:
    """Whether stems hold another phrasing of the question word stem ("NHS" for "National
    Health Service", "JKW" for "Japanese knotweed")."""
    return any(all(part in stems for part in alt)
               for term in reading.terms if term.stem == stem for alt in term.alternatives)


_COUNCIL_INITIALS = re.compile(r"\b([A-Z][A-Z]{0,3}C)\b")


def _council_initials(name: str, text: str) -> bool:
    """Whether text writes a council the question names by its initials ("MCC" for
    "Monmouthshire County Council"): capitals ending in C, opening with the name's letter."""
    if name in _everyday_stems():
        return False  # "Tree Preservation Order" names no council
    return any(m.group(1)[0].lower() == name[0] for m in _COUNCIL_INITIALS.finditer(text))


def _initials_written(reading: Reading, name: str, text: str) -> bool:
    """Whether text writes the name's capitalised run by its initials ("RSG" for the
    question's "Revenue Support Grant"), as a paper does once it has spelt it out."""
    return any(re.search(rf"\b{initials}s?\b", text) for initials in reading.name_initials.get(name, ()))


@lru_cache(maxsize=1)
def _everyday_stems() -> frozenset[str]:
    return frozenset(stem for word in everyday_words() for stem in stems_of(word))


# A topic word carrying this share of the question's weight ("skatepark") must be there.
HEAVY_SHARE = 0.35


def score_candidate(reading: Reading, cand: Candidate, top_bm25: float, newest: str,
                    previous: set[str] | None = None) -> None:
    """Score one paragraph; previous holds the stems of the paragraph before it, when known,
    whose words count half (a resolution follows the paragraph that names its subject)."""
    f = cand.fields
    text = f.get("body") or ""
    own = context_stems(f)
    weight, hit = _matched_weight(reading, own)
    before = _matched_weight(reading, previous)[1] - hit if previous else set()
    weight += PREVIOUS_SHARE * sum(t.weight for t in reading.terms if t.stem in before)
    # A name written by its initials ("RPA") counts as another phrasing does.
    initialled = {n for n in reading.names if n not in hit and _initials_written(reading, n, text)}
    weight += 0.7 * sum(t.weight for t in reading.terms if t.stem in initialled)
    context_cov = weight / reading.total_weight
    # A paper of the council the question names answers for its name, under any name it had.
    named_here = reading.naming.get(f.get("council") or "", frozenset()) | reading.naming.get(
        f.get("source_folder") or "", frozenset())
    cand.missing_names = [n for n in reading.names
                          if n not in own and n not in (previous or ()) and n not in named_here
                          and not _written_otherwise(reading, n, own) and not _council_initials(n, text)
                          and n not in initialled]
    topic = key_terms(reading)
    if topic:
        found = hit | initialled | (_matched_weight(reading, previous)[1] if previous else set())
        cand.missing_topic = not any(t.stem in found for t in topic)
        heaviest = topic[0]
        cand.missing_heaviest = (heaviest.weight >= HEAVY_SHARE * reading.total_weight
                                 and heaviest.stem not in found and not heaviest.maybe_typo)
    frame = frame_stems(f)
    sentences = score_sentences(reading, text, frame, previous or set())
    best_score, sent_cov, span = max(sentences, key=lambda s: s[0]) if sentences else (0, 0, (0, 0))
    score = (BM25_SHARE * (cand.bm25 / top_bm25 if top_bm25 else 0) + SENTENCE_SHARE * best_score
             + CONTEXT_SHARE * context_cov + PAPER_SHARE * cand.paper_strength)
    if reading.qtype in VALUE_TYPES:
        quoted = quote_span(reading, text, span)
        if not reading.answer_score(text[quoted[0]:quoted[1]]):
            score *= NO_VALUE_FACTOR
    body = body_stems(text)
    if body and len(body - frame) < 0.25 * len(body):
        score *= TITLE_ECHO_FACTOR  # "Subject: <the title>": names the paper, answers nothing
    if is_reference_list(f.get("heading")):
        score *= REFERENCE_LIST_FACTOR
    score += DECISION_BONUS.get(reading.qtype, {}).get(f.get("para_kind"), 0.0)
    # In proportion to how much of the question is there: any minute records something.
    score += (RECORD_BONUS.get(reading.qtype, {}).get(f.get("doc_type"), 0.0)
              * min(1.0, max(context_cov, sent_cov) / MIN_COVERAGE))
    if reading.committee and f.get("committee") == reading.committee:
        score *= COMMITTEE_FACTOR
    elif reading.full_council and (f.get("committee") or "").lower().endswith("council"):
        score *= COMMITTEE_FACTOR  # "full Council": the council's own meeting, not a committee of it
    if f.get("doc_type") == "agenda":
        score *= AGENDA_FACTOR
    if names_the_topic(text) and not reading.answer_score(text):
        score *= HEADLINE_FACTOR
    score *= _date_boost(reading, f.get("date") or "", newest)
    score *= NAME_PENALTY ** min(len(cand.missing_names), 2)
    score *= math.exp(CONTEXT_GAIN * (_topic_coverage(reading, hit | before) - CONTEXT_PIVOT))
    cand.score, cand.coverage, cand.span = score, max(context_cov, sent_cov), span


def _headline_before(cand: Candidate, by_position: dict) -> Candidate | None:
    """The label paragraph a few paragraphs above cand under the same heading, if pooled."""
    pid, ordinal = cand.fields.get("paper_id"), cand.fields.get("ordinal")
    if not isinstance(ordinal, int):
        return None
    for n in range(ordinal - 2, max(-1, ordinal - 1 - HEADLINE_REACH), -1):
        above = by_position.get((pid, n))
        if above is None or above.fields.get("heading") != cand.fields.get("heading"):
            return None
        if names_the_topic(above.fields.get("body") or ""):
            return above
    return None


def rank(reading: Reading, candidates: list[Candidate]) -> list[Candidate]:
    if not candidates:
        return []
    top = max(c.bm25 for c in candidates)
    newest = max((c.fields.get("date") or "" for c in candidates), default="")
    by_position = {(c.fields.get("paper_id"), c.fields.get("ordinal")): c for c in candidates}
    for cand in candidates:
        ordinal = cand.fields.get("ordinal")
        prev = by_position.get((cand.fields.get("paper_id"), ordinal - 1)) if ordinal else None
        label = _headline_before(cand, by_position)
        # Ranked again once neighbours join: only those whose context changed are rescored.
        key = (top, newest, prev.fields.get("id") if prev else None, label.fields.get("id") if label else None)
        if cand.scored_with != key:
            before = context_stems(prev.fields) if prev else None
            if label:
                before = (before or set()) | body_stems(label.fields.get("body") or "")
            score_candidate(reading, cand, top, newest, before)
            cand.scored_with = key
            cand.own_judgement = _judgement(cand)
    _finish_lead_ins(reading, candidates, by_position)
    return sorted(candidates, key=lambda c: c.score, reverse=True)


def _holds_value(reading: Reading, cand: Candidate) -> bool:
    """Whether cand itself holds the figure, date or person asked for: then a colon at its
    end closes a form's empty label ("Proposer: Cllr Okafor Seconder: Cllr Brandt Proposed
    purpose:"), and the paragraph answers in its own words."""
    return reading.qtype in VALUE_TYPES and bool(reading.answer_score(cand.fields.get("body") or ""))


def _judgement(cand: Candidate) -> tuple:
    return cand.score, cand.coverage, cand.missing_names, cand.missing_topic, cand.missing_heaviest


def _finish_lead_ins(reading: Reading, candidates: list[Candidate], by_position: dict) -> None:
    """A sentence cut at a colon ("... it was RESOLVED that:") is finished by the paragraph
    below it ("the Clerk be instructed to run the payroll."): that paragraph is judged
    as the lead-in is, when better, and the lead-in, which answers nothing itself, counts less.
    A paragraph holding the sum, date or person asked for is no lead-in (_holds_value)."""
    for cand in candidates:
        cand.score, cand.coverage, cand.missing_names, cand.missing_topic, cand.missing_heaviest = cand.own_judgement
    for lead in candidates:
        ordinal = lead.fields.get("ordinal")
        following = by_position.get((lead.fields.get("paper_id"), ordinal + 1)) if isinstance(ordinal, int) else None
        if (following is None or following.fields.get("heading") != lead.fields.get("heading")
                or not is_lead_in(lead.fields.get("body") or "") or _holds_value(reading, lead)):
            continue
        if lead.own_judgement[0] > following.own_judgement[0]:
            (following.score, following.coverage, following.missing_names, following.missing_topic,
             following.missing_heaviest) = lead.own_judgement
        lead.score = lead.own_judgement[0] * HEADLINE_FACTOR
