"""Small text helpers the parse modules share."""

from __future__ import annotations

import re

from ..model import Document, Line

# Cells of one table row are joined with " | " by the extractors (extract/common.py).
CELL_SPLIT = re.compile(r"\s+\|\s+|\t+|\s*\|\s*$|^\s*\|\s*")
_SPACES = re.compile(r"\s+")
# Page furniture: "Page 3", "Page 1Agenda Item 9", "3", "- 3 -", "3 of 12".
PAGE_STAMP = re.compile(
    r"^(?:page\s*\d+\s*(?:of\s*\d+)?\s*(?:agenda item\s*\d+[a-z]?)?|-?\s*\d{1,3}\s*-?|\d+\s+of\s+\d+|"
    r"agenda item\s*(?:no\.?\s*)?\d{1,3}[a-z]?)$",
    re.IGNORECASE,
)


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return _SPACES.sub(" ", text or "").strip()


def cells(text: str) -> list[str]:
    """The cells of a table row (one cell for ordinary lines)."""
    return [c.strip() for c in CELL_SPLIT.split(text) if c and c.strip()]


def plain(text: str) -> str:
    """Cell separators removed, for reading a line as prose."""
    return squash(" ".join(cells(text)))


def all_lines(document: Document) -> list[Line]:
    return [line for page in document.pages for line in page.lines if line.text.strip()]


def is_page_stamp(text: str) -> bool:
    return bool(PAGE_STAMP.match(squash(text)))


def is_shouting(text: str) -> bool:
    """Mostly upper case (a heading printed in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "a", "an", "at", "by", "with"}


def title_case(text: str) -> str:
    """ "CABINET" -> "Cabinet", "HARTINGBURY PARISH COUNCIL" -> "Hartingbury Parish Council".

    Only text printed in capitals (or lower-case slugs) is changed; mixed case is kept as printed.
    """
    text = squash(text)
    if not (is_shouting(text) or text == text.lower()):
        return text
    words = []
    for i, word in enumerate(text.split(" ")):
        low = word.lower()
        if i and low in _SMALL_WORDS:
            words.append(low)
        elif len(word) <= 3 and word.isupper() and i and word not in {"AND", "OF", "THE", "FOR"} and not word.isalpha():
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in low.split("-")))
    return " ".join(words)


def normalise_for_match(text: str) -> str:
    """Lower case, letters and digits only, single spaces: for comparing printed strings."""
    text = (text or "").lower().replace("’", "'").replace("‘", "'")
    return squash(re.sub(r"[^\w£%]+", " ", text))
