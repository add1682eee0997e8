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


def clean_text(s: str) -> str:
    """Collapse runs of spaces and drop control characters."""
    return _SPACES.sub(" ", _CONTROL.sub("", s)).strip()


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
