"""Language analysis: NLTK sentences and Snowball stems, wrapped as Whoosh analyzers.

Nothing here downloads: the stopword list and the abbreviation list ship in
councilsearch/data, and the Punkt parameters are trained from shipped text
(data/punkt_training.txt, written for this project) each time the process first
needs them; nothing is unpickled.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

# Words, numbers with inner punctuation (4.5, 1,530.9, 24/00108, 2024/25) and money (£15,000).
# A slash joins numbers only: "reduction/rebate", "and/or", "Active Travel/NTA" are two words each.
TOKEN_PATTERN = r"£?\w+(?:[.,'’-]\w+|(?<=\d)/\d+)*"

# Bumped when TOKEN_PATTERN changes: `councilsearch index` then indexes every paper afresh
# (store.tokens_current sees the old pattern in the index's schema).
TOKENISER_VERSION = "2"

# A blank line (possibly holding spaces) always ends a sentence: headings, list
# items and table rows are separated by them and rarely end with a full stop. So
# does a new line that starts a list item ("- ", "• ", "(a) ", "ii) "): the item is
# its own sentence even when the line before it ends in a colon.
_BLOCK_BREAK = re.compile(
    r"\n[ \t\r\f\v]*\n"
    r"|\n(?=[ \t]*(?:[-–•*·▪]|\([a-z]{1,4}\)|[a-z]{1,4}\)|\(\d{1,2}\))[ \t])"
)
# Punkt ends a sentence after "4.4." or "(b)"; a paragraph number or list marker
# alone belongs to the sentence it numbers.
_MARKER_ONLY = re.compile(
    r"^[-–•*·▪]?\s*(?:\(?\d{1,3}(?:\.\d{1,3})*\.?\)?|\(?[a-z]{1,4}\)|[a-z]\.)$", re.IGNORECASE
)


def _data_text(name: str) -> str:
    from importlib.resources import files

    return (files("councilsearch.data") / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = _data_text("stopwords.txt")
    words = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]  # comments may follow words on a line
        words.extend(w for w in line.split() if w)
    return frozenset(words)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Shipped abbreviations as Punkt stores them: lowercase, without the final stop."""
    found = set()
    for line in _data_text("abbreviations.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for word in line.split():  # "Rt. Hon." and "et al." are listed word by word
            word = word.lower().rstrip(".")
            if word:
                found.add(word)
    return frozenset(found)


@lru_cache(maxsize=1)
def sentence_tokenizer():
    """A Punkt tokenizer trained on the shipped prose, plus the shipped abbreviations."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(_data_text("punkt_training.txt"), finalize=True)
    params = trainer.get_params()
    params.abbrev_types.update(abbreviations())
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, so callers can quote text[start:end]."""
    if not text:
        return []
    tokenizer = sentence_tokenizer()
    spans: list[tuple[int, int]] = []
    block_start = 0
    for block_end, next_start in _block_bounds(text):
        block = text[block_start:block_end]
        for start, end in tokenizer.span_tokenize(block):
            start, end = trim_span(block, start, end)
            if end > start:
                spans.append((block_start + start, block_start + end))
        block_start = next_start
    return _attach_markers(text, spans)


def _attach_markers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span that is only a paragraph number or list marker to the next one."""
    joined: list[tuple[int, int]] = []
    pending_start = None
    for start, end in spans:
        if pending_start is not None:
            start, pending_start = pending_start, None
        if _MARKER_ONLY.match(text[start:end]):
            pending_start = start
            continue
        joined.append((start, end))
    if pending_start is not None:  # a marker at the very end stays a sentence of its own
        joined.append((pending_start, spans[-1][1]))
    return joined


def _block_bounds(text: str):
    """(end of block, start of the next) for each blank-line separated block."""
    for match in _BLOCK_BREAK.finditer(text):
        yield match.start(), match.end()
    yield len(text), len(text)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with the whitespace at either end left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@lru_cache(maxsize=1)
def _snowball():
    # Imported on first use: importing nltk costs ~0.6s, which an unchanged
    # `councilsearch index` re-run (no text analysed) should not pay.
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def stem(word: str) -> str:
    return _snowball().stem(word)


def stemming_analyzer():
    """Tokenise, lowercase, drop stopwords, Snowball-stem ("planning" -> "plan")."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords(), minsize=1)
        | StemFilter(stemfn=stem, cachesize=50000)
    )


def stem_spans(text: str) -> list[tuple[str, int, int]]:
    """(stem, start char, end char) of each word stemming_analyzer indexes in text: the
    same tokens, stopwords and stems, without Whoosh's token objects and chain of
    generators, which took most of the time ``ask`` spends stemming the paragraphs it
    scores (tests/test_analysis.py checks the two agree)."""
    stops = stopwords()
    spans = []
    for match in _token_pattern().finditer(text):
        word = match.group().lower()
        if word and word not in stops:
            spans.append((_cached_stem(word), match.start(), match.end()))
    return spans


@lru_cache(maxsize=1)
def _token_pattern():
    return re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=50000)
def _cached_stem(word: str) -> str:
    return stem(word)


def tokens(text: str) -> list[str]:
    """The terms the index stores for text (same tokenising, stopwords and stems)."""
    return [stem for stem, _, _ in stem_spans(text)]
