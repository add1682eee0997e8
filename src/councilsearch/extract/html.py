"""HTML (and HTML fragments saved as .txt): block elements and <br> make lines."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..model import Document
from .common import join_cells, pages_from_texts
from .text import decode_bytes

BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "blockquote", "pre", "hr", "form",
    "address", "figure", "figcaption", "body", "html", "title",
}
DROPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}


class _LineCollector(HTMLParser):
    """Collects (text, bold) lines; a table row's cells become one line."""

    def __init__(self, newlines_break: bool = False):
        super().__init__(convert_charrefs=True)
        self.newlines_break = newlines_break
        self.lines: list[tuple[str, bool, float]] = []
        self.title_parts: list[str] = []
        self._current: list[str] = []
        self._current_bold = False
        self._dropped_depth = 0
        self._bold_depth = 0
        self._in_title = False
        self._row_cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._page_breaks: list[int] = []

    # -- line boundaries -------------------------------------------------
    def _flush(self):
        text = "".join(self._current)
        if self._cell is not None:
            # Inside a table cell a block boundary becomes a space within the cell.
            self._cell.append(text + " ")
        elif text.strip():
            self.lines.append((text, self._current_bold, 0.0))
        self._current = []
        self._current_bold = False

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_TAGS:
            if tag not in VOID_TAGS:
                self._dropped_depth += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in BOLD_TAGS:
            self._bold_depth += 1
        if tag == "tr":
            self._flush()
            self._row_cells = []
        elif tag in ("td", "th"):
            self._flush()
            self._cell = []
        elif tag == "br" or tag in BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in DROPPED_TAGS:
            self._dropped_depth = max(0, self._dropped_depth - 1)
            return
        if tag == "title":
            self._in_title = False
            return
        if tag in BOLD_TAGS:
            self._bold_depth = max(0, self._bold_depth - 1)
        if tag in ("td", "th") and self._cell is not None:
            self._flush()
            if self._row_cells is not None:
                self._row_cells.append("".join(self._cell))
            else:
                self.lines.append(("".join(self._cell), False, 0.0))
            self._cell = None
        elif tag == "tr" and self._row_cells is not None:
            self._flush()
            row = join_cells(self._row_cells)
            if row:
                self.lines.append((row, False, 0.0))
            self._row_cells = None
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if self._dropped_depth:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        data = data.replace("\r", "")
        if self.newlines_break and "\n" in data:
            # Markup typed into a text file: its newlines are line breaks too.
            first, *others = data.split("\n")
            self._append(first)
            for part in others:
                self._flush()
                self._append(part)
            return
        # Source newlines are just whitespace in HTML.
        self._append(data.replace("\n", " "))

    def _append(self, data: str):
        if data.strip() and self._bold_depth:
            self._current_bold = True
        self._current.append(data)

    def close(self):
        super().close()
        if self._cell is not None:
            self.handle_endtag("td")
        if self._row_cells is not None:
            self.handle_endtag("tr")
        self._flush()


def html_lines(text: str, newlines_break: bool = False) -> tuple[list[tuple[str, bool, float]], str]:
    """Lines of an HTML text and its <title> ("" when none).

    newlines_break: treat source newlines as <br> (markup typed into a .txt file).
    """
    collector = _LineCollector(newlines_break)
    collector.feed(text)
    collector.close()
    title = " ".join("".join(collector.title_parts).split())
    return collector.lines, title


def extract_html_string(text: str, path: str, fmt: str = "html") -> Document:
    lines, title = html_lines(text, newlines_break=fmt == "txt")
    properties = {"title": title} if title else {}
    return Document(path=path, format=fmt, pages=pages_from_texts([lines]), properties=properties)


def extract_html(path: Path) -> Document:
    return extract_html_string(decode_bytes(path.read_bytes()), str(path))
