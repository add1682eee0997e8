"""The words as the index sees them: the language every step of answering shares.

Stems and their character offsets from the index's own analyzer (so a
question word and a paper word match exactly when the index would match
them), the sentences of a paragraph (what gets scored and quoted), the tables
of other phrasings a paper may use for a question's word or phrase
(synonyms.txt, answer_expansions.txt), and the other spellings of one word
(a hyphenated compound written apart, a financial year written four ways).
Nothing here reads the index; the analysis of a text is cached, since the same
paragraphs and titles come back question after question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis import stem_spans, trim_span


# Caches: the same paragraphs, titles and headings come back question after
# question (and twice within one: scoring, then quoting).
@lru_cache(maxsize=8192)
def stem_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(stem, start char, end char) for each indexed word of text, as the index sees it."""
    return tuple(stem_spans(text))


@lru_cache(maxsize=8192)
def stems_of(text: str) -> tuple[str, ...]:
    return tuple(stem for stem, _, _ in stem_spans(text))


_ABBREVIATIONS = frozenset(
    "cllr cllrs mr mrs ms dr st no nos para paras approx e.g i.e etc co ltd vol cf incl min max "
    "fig sch app ref rt hon sec dept est govt jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?;:](?:[\"'”’)\]]*)\s+|\n\s*\n|\n(?=\s*(?:[-•●▪*]|\(?[a-z0-9]{1,3}[.)])\s)")


def _fallback_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by punctuation, guarding council abbreviations.

    FALLBACK: used only until analysis.sentence_spans (NLTK Punkt) exists.
    Semicolons and colons end a "sentence" too: resolutions list their parts
    that way, and a shorter quote is a sharper one.
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + 1
        before = text[start:end].rstrip(".").split()
        last_word = before[-1].lower().strip("(") if before else ""
        if text[match.start()] == "." and (last_word in _ABBREVIATIONS or len(last_word) == 1):
            continue  # "Cllr. Smith", "J. Smith": not a sentence end
        if text[start:end].strip():
            spans.append(trim_span(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(trim_span(text, start, len(text)))
    return spans


@lru_cache(maxsize=8192)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character offsets of the sentences of text (analysis.sentence_spans when it exists)."""
    from .. import analysis

    shared = getattr(analysis, "sentence_spans", None)
    spans = None
    if shared is not None:
        try:
            spans = [(int(a), int(b)) for a, b in shared(text)]
        except Exception:  # a bug upstream must not stop answering
            spans = None
    if not spans:
        spans = _fallback_sentence_spans(text)
    # Long "sentences" (a table row run, a list without stops) are split at
    # semicolons/colons/newlines too so the quote stays readable.
    refined = []
    for a, b in spans:
        if b - a > 400:
            refined.extend((a + x, a + y) for x, y in _fallback_sentence_spans(text[a:b]))
        else:
            refined.append((a, b))
    return tuple(refined or [(0, len(text))])


def _read_expansion_lines(name: str) -> list[str]:
    from importlib.resources import files

    try:
        text = (files("councilsearch.data") / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def everyday_words() -> tuple[str, ...]:
    """The shipped list of everyday English words (data/everyday_words.txt): how broad an
    index's vocabulary is, and which capitalised words are no council's name."""
    return tuple(word for line in _read_expansion_lines("everyday_words.txt") for word in line.split())


@lru_cache(maxsize=1)
def expansions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Stem of a question word -> the stem sequences a paper may use instead.

    Two sources: the search engineer's ``synonyms.txt`` (groups of equivalent
    terms, e.g. acronyms) read as two-way groups, and ``answer_expansions.txt``
    (question vocabulary -> how papers phrase it), read one-way.
    """
    return {k[0]: v for k, v in _expansion_table().items() if len(k) == 1}


@lru_cache(maxsize=1)
def phrase_expansions() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Stems of a question phrase ("breathing apparatus") -> what a paper may write
    instead ("SCBA"): the groups of ``expansions`` whose member has several words."""
    return {k: v for k, v in _expansion_table().items() if len(k) > 1}


def _expansion_table() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    table: dict[tuple[str, ...], set[tuple[str, ...]]] = {}

    def add(key_text: str, alt_text: str) -> None:
        key = tuple(stems_of(key_text))
        alt = tuple(stems_of(alt_text))
        if len(alt) == 1 and len(alt[0]) < 3:  # "ONS" stems to "on": in every paragraph
            return
        if key and alt and alt != key:
            table.setdefault(key, set()).add(alt)

    for line in _read_expansion_lines("synonyms.txt"):
        group = [g.strip() for g in re.split(r"\s*(?:=>|->|=|\||,|;|\t)\s*", line) if g.strip()]
        for a in group:
            for b in group:
                if a != b:
                    add(a, b)
    for line in _read_expansion_lines("answer_expansions.txt"):
        if ":" not in line:
            continue
        keys, alts = line.split(":", 1)
        for key in keys.split(","):
            for alt in alts.split(","):
                if alt.strip():
                    add(key.strip(), alt.strip())
    return {k: tuple(sorted(v)) for k, v in table.items()}


# --- other spellings of one word ------------------------------------------------------


def _hyphen_parts(stem: str) -> tuple[tuple[str, ...], ...]:
    """"called-in" also matches "call-in"/"called in"; "mid-2020" matches "2020"."""
    if "-" not in stem or re.fullmatch(r"[\d-]+", stem):
        return ()
    parts = tuple(p for part in stem.split("-") for p in stems_of(part))
    # Each part stemmed but kept hyphenated: "called-in" -> "call-in" as one index word.
    joined = "-".join((stems_of(part) or (part,))[0] for part in stem.split("-") if part)
    alternatives = [parts] if parts else []
    if joined != stem:
        alternatives.append((joined,))
    return tuple(alternatives)


_YEAR_SPAN = re.compile(r"((?:19|20)\d\d)[/-]((?:19|20)?\d\d)")


def year_span_forms(stem: str) -> tuple[tuple[str, ...], ...]:
    """The other spellings of a financial year: "2018/19" is also written
    2018/2019, 2018-19 and 2018-2019."""
    match = _YEAR_SPAN.fullmatch(stem)
    if not match:
        return ()
    first, end = match.group(1), match.group(2)
    second = str(int(first) + 1)
    if end not in (second, second[2:]):
        return ()  # "2018/2020": two years, not a financial year
    forms = {f"{first}{sep}{tail}" for sep in "/-" for tail in (second[2:], second)}
    return tuple((form,) for form in sorted(forms - {stem}))
