"""Helpers every extractor shares: the table-cell separator and line clean-up."""

from __future__ import annotations

import re

from ..model import Line, Page

# Cells of one table row become one line joined by CELL_SEPARATOR, except that a
# cell ending in ":" (a label such as "Committee:") is joined to its value by one
# space, so "Committee: | Executive | Agenda Item No.: | 14" reads
# "Committee: Executive | Agenda Item No.: 14".
CELL_SEPARATOR = " | "

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Symbol and Wingdings fonts put their glyphs in the private-use block U+F020-U+F0FF: a word
# processor's list bullets arrive as U+F0B7, U+F0A7, U+F0D8 ("\uf0b7 Item"). Standing alone
# (not inside a word) such a character can only be a list mark: it becomes a plain bullet.
SYMBOL_FONT_BULLET = re.compile(r"(?<!\S)[\uf020-\uf0ff](?!\S)")
# Character references that leaked into plain text ("Cllr Webb &amp; the Clerk", "&pound;516"):
# only well-formed ones (closed by ";"), so "AT&T" or "R&D;" in prose are left alone.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


# A member's title run into the name by a converter: "Seconded by: CouncillorCarey".
_GLUED_TITLE = re.compile(r"\b(Councillors?|Cllrs?)(?=[A-Z][a-z])")


def clean_text(s: str) -> str:
    """Collapse runs of spaces, drop control characters, make symbol-font bullets plain ones,
    part a member's title from the name it was run into."""
    s = SYMBOL_FONT_BULLET.sub("\u2022", _CONTROL.sub("", s))
    return _SPACES.sub(" ", _GLUED_TITLE.sub(r"\1 ", s)).strip()


def decode_entities(text: str) -> str:
    """HTML character references in a text file decoded; a name HTML does not know stays as written."""
    from html import unescape

    return _ENTITY.sub(lambda m: unescape(m[0]), text)


def join_cells(cells: list[str]) -> str:
    """Join the cells of one table row as documented at CELL_SEPARATOR."""
    out = ""
    for cell in cells:
        cell = clean_text(cell)
        if not cell:
            continue
        if not out:
            out = cell
        elif out.endswith(":"):
            out += " " + cell
        else:
            out += CELL_SEPARATOR + cell
    return out


def pages_from_texts(page_texts: list[list[tuple[str, bool, float]]]) -> list[Page]:
    """Pages from lists of (text, bold, size) lines for formats without positions.

    Positions follow model.Line's convention: x0=0 and top = line index on the page.
    """
    pages = []
    for number, items in enumerate(page_texts, start=1):
        page = Page(number=number)
        for text, bold, size in items:
            text = clean_text(text)
            if text:
                idx = len(page.lines)
                page.lines.append(Line(text=text, page=number, top=float(idx), bottom=float(idx + 1), size=size, bold=bold))
        pages.append(page)
    return pages


def has_text(pages: list[Page]) -> bool:
    return any(line.text.strip() for page in pages for line in page.lines)
