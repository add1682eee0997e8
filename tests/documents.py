"""Hand-built Documents for the parser's tests: lines with positions, no PDF needed."""

from __future__ import annotations

from councilsearch.model import Document, Line, Page


def line_document(*pages: list[str], fmt: str = "pdf", path: str = "x.pdf", indent_step: float = 40.0,
                  size: float = 12.0, right_edge: float = 520.0, page_size: tuple = (595.0, 842.0)) -> Document:
    """Pages of line specs, one line each, its type size plus 2pt apart, from the top of the page.

    "" leaves a blank gap; each leading ">" indents by `indent_step`; "**" makes the line
    bold; a leading "#" prints it in 18pt type (a heading).
    """
    built = []
    for number, specs in enumerate(pages, start=1):
        page, top = Page(number=number, width=page_size[0], height=page_size[1]), 60.0
        for spec in specs:
            if spec == "":
                top += 14
                continue
            indent = len(spec) - len(spec.lstrip(">"))
            text = spec.lstrip(">")
            big = text.startswith("#")
            text = text[1:] if big else text
            bold = text.startswith("**")
            text = text[2:] if bold else text
            line_size = 18.0 if big else size
            page.lines.append(Line(text=text, page=number, x0=72 + indent_step * indent, x1=right_edge, top=top,
                                   bottom=top + line_size, size=line_size, bold=bold))
            top += line_size + 2
        built.append(page)
    return Document(path=path, format=fmt, pages=built)


def text_document(text: str, fmt: str = "txt") -> Document:
    """A document without positions, as the text and Markdown extractors give."""
    lines = [Line(text=t.strip(), page=1, top=float(i))
             for i, t in enumerate(s for s in text.splitlines() if s.strip())]
    return Document(path="x", format=fmt, pages=[Page(number=1, lines=lines)])
