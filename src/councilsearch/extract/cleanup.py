"""Document-wide clean-up of extracted PDF pages: running headers and footers, hyphenation."""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Line, Page
from .common import CELL_SEPARATOR

# Lines in the top/bottom MARGIN_BAND of the page are candidates for running
# headers and footers.
MARGIN_BAND = 0.2

_DIGITS = re.compile(r"\d+")
# "Page 3", "Page 3 of 10", "- 3 -", "3/10", "3".
PAGE_NUMBER_ONLY = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _normalise_repeat_key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text.lower()))


def drop_running_lines(pages: list[Page]) -> None:
    """Remove headers and footers: lines repeated at about the same height on most pages.

    Digits are normalised so "Page 3" matches "Page 4". A page number ("Page 2 of 3")
    is dropped even when it does not repeat (one-page documents, drifting footers).
    """
    n = len(pages)
    positions: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            if _running_candidate(line, page):
                positions[_normalise_repeat_key(line.text)].append((page.number, line.top))
    needed = max(2, (n + 1) // 2)
    for page in pages:
        kept = []
        for line in page.lines:
            if _running_candidate(line, page):
                if _is_page_number(line, page):
                    continue
                if n >= 2:
                    # Headers drift a little from page to page (Word sections, first-page variants).
                    tol = max(8.0, 2 * line.size)
                    where = positions[_normalise_repeat_key(line.text)]
                    pages_here = {p for p, top in where if abs(top - line.top) <= tol}
                    if len(pages_here) >= needed:
                        continue
            kept.append(line)
        page.lines = kept


def _is_page_number(line: Line, page: Page) -> bool:
    """ "Page 3", "Page 3 of 10", "- 3 -" in the margin band; a bare "3" only near the edge."""
    text = line.text.strip()
    if not PAGE_NUMBER_ONLY.match(text):
        return False
    if not text.isdigit():
        return True
    return line.top < page.height * 0.1 or line.bottom > page.height * 0.9


def _running_candidate(line: Line, page: Page) -> bool:
    """A short line in the top or bottom band of the page."""
    if page.height <= 0 or len(line.text) > 120:
        return False
    return line.top < page.height * MARGIN_BAND or line.bottom > page.height * (1 - MARGIN_BAND)


_HYPHENS = ("-", "\u00ad", "\u2010")
_NON_WORD = re.compile(r"[^\w\-]+")
# Prefixes that make hyphenated compounds ("multi-agency", "non-statutory") and
# are not where hyphenation programs break a word.
_COMPOUND_PREFIXES = frozenset({"multi", "non", "cross", "self", "anti", "co"})


class Vocabulary:
    """The words a document writes whole, to judge a hyphen at a line end."""

    def __init__(self, pages: list[Page]):
        self.words: set[str] = set()
        self.hyphenated: set[str] = set()
        for page in pages:
            for line in page.lines:
                # A line-final fragment ("commit-") is not a word of the paper.
                words = line.text.split()
                if words and words[-1][-1:] in _HYPHENS:
                    words = words[:-1]
                for word in words:
                    word = _NON_WORD.sub("", word).lower().strip("-")
                    if "-" in word:
                        self.hyphenated.add(word)
                    elif word:
                        self.words.add(word)

    def keeps_hyphen(self, stem: str, head: str) -> bool:
        """Whether "stem-" + "head" is a hyphenated compound rather than a word broken in two.

        Known hyphenated form: keep; known joined form: join; a compounding prefix,
        or two parts that are each words of the document ("long-term",
        "decision-making"): keep; otherwise ("consul-" + "tation"): join.
        """
        stem_key = _NON_WORD.sub("", stem).lower()
        head_key = _NON_WORD.sub("", head).lower()
        if f"{stem_key}-{head_key}" in self.hyphenated:
            return True
        if stem_key + head_key in self.words:
            return False
        if stem_key in _COMPOUND_PREFIXES:
            return True
        return len(stem_key) > 1 and len(head_key) > 1 and stem_key in self.words and head_key in self.words


def rejoin_hyphenated(page: Page, vocabulary: Vocabulary | None = None) -> None:
    """Mend words broken across line ends; the next line's first word moves up.

    "commit-" + "ted to" gives "committed" + "to". The hyphen stays when the next
    line starts with a capital or digit ("2025-26", "co-Operate"), inside URLs and
    already-hyphenated words, and for compounds the vocabulary recognises.
    """
    lines = page.lines
    for i in range(len(lines) - 1):
        cur, nxt = lines[i], lines[i + 1]
        text = cur.text
        if len(text) < 3 or text[-1] not in _HYPHENS or not text[-2].isalnum():
            continue
        # Only within one paragraph: the next line sits just below, in the same column.
        if not (0 < nxt.top - cur.top < 2.5 * max(cur.size, 1.0)) or abs(nxt.x0 - cur.x0) > 0.5 * (cur.x1 - cur.x0 + 1):
            continue
        if nxt.number or CELL_SEPARATOR in nxt.text:
            continue
        head, _, rest = nxt.text.partition(" ")
        if not head or not head[0].isalnum():
            continue
        stem = text.rsplit(" ", 1)[-1][:-1]
        keep = (
            not head[0].islower()
            or not stem[-1].isalpha()
            or any(mark in stem for mark in ("/", "@", "-", "www."))
            or (vocabulary is not None and vocabulary.keeps_hyphen(stem, head))
        )
        cur.text = (text[:-1] + "-" if keep else text[:-1]) + head
        nxt.text = rest
    page.lines = [line for line in lines if line.text]


# "un[1]ringfenced": a bracketed figure between two lower-case letters of one word, printed at
# full size on the line's baseline: not a superscript footnote mark (one follows a word, it does
# not split one) but an artefact of text pasted into the paper where its hyphen was. Read as
# the hyphen, so both halves of the word can be found.
_BRACKETED_HYPHEN = re.compile(r"(?<=[a-z])\[\d\](?=[a-z])")


def mend_bracketed_hyphens(page: Page) -> None:
    for line in page.lines:
        if "[" in line.text:
            line.text = _BRACKETED_HYPHEN.sub("-", line.text)
