"""Layout-aware PDF extraction: lines rebuilt from character positions.

pdfminer's own layout analysis groups text into boxes, which splits council
papers badly (paragraph numbers in one box, their text in another; header labels
away from their values). So we skip it: a small pdfminer device records each
glyph's text, position, size and boldness (and the straight rules drawn on the
page), and we rebuild the page ourselves:

1. characters are grouped into rows by baseline (tolerance relative to font size);
2. a row splits into cells where the gap is wide (a table cell or a left-hand
   number column); cells of one row are joined with common.CELL_SEPARATOR;
3. a number printed in a left column ("4.5", "a)", "(ii)") is attached to the
   text on its baseline: Line.number, and the text starts "4.5 ...";
4. a stretch of rows sharing an empty central strip (a gutter) whose two
   sides look like flowing text is read left column first; tables are not;
   the lines of one ruled table row (the same borders beside them, a rule
   above and below) are read cell by cell, each cell's wrapped text whole;
5. across the document, running headers and footers are dropped and words
   hyphenated across line ends are rejoined.

Steps 1-4 live in layout.py, step 5 in cleanup.py; this module reads the file.

Also: superscripts stay on their line, letter-spaced headings collapse to
words, a page of mostly sideways text is read in its own frame, text off the
page is ignored, and properties["pages_without_text"] counts pages that gave
no text (partly scanned papers).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..model import Document, Line, Page
from .cleanup import (
    PAGE_NUMBER_ONLY,
    Vocabulary,
    drop_running_lines,
    mend_bracketed_hyphens,
    rejoin_hyphenated,
)
from .common import clean_text
from .errors import ExtractionError, is_interruption
from .layout import Char, page_lines

_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|,bd\b|-bd\b", re.I)

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Reading the file


def _open_document(fp, password: str = ""):
    """A PDFDocument, or ExtractionError for encrypted and corrupt files."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(fp), password=password)
    except PDFPasswordIncorrect as exc:
        raise ExtractionError("encrypted", "the PDF is encrypted and needs a password we do not have") from exc
    except PDFEncryptionError as exc:
        raise ExtractionError("encrypted", f"the PDF uses encryption we cannot open ({exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if is_interruption(exc):
            raise
        raise ExtractionError("corrupt", f"the PDF cannot be parsed ({type(exc).__name__}: {exc})") from exc


def _decode_info_value(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value[:2] in (b"\xfe\xff", b"\xff\xfe"):
            value = value.decode("utf-16", errors="replace")
        else:
            from pdfminer.utils import decode_text

            value = decode_text(value)
    if isinstance(value, str):
        value = clean_text(value)
        return value or None
    return None


def _info_properties(doc) -> dict:
    """Title, Author, Subject... from the PDF Info dictionary."""
    props = {}
    try:
        for info in doc.info:
            for key, value in info.items():
                text = _decode_info_value(value)
                if text and key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"):
                    props[key.lower()] = text
    except Exception as exc:  # metadata is optional; a damaged Info dict must not sink the text
        if is_interruption(exc):
            raise
    return props


def _make_collector(rsrcmgr):
    """A pdfminer device that records glyphs and drawn rules, nothing else.

    pdfminer's PDFPageAggregator builds an LTChar object (with its bounding box,
    colour and graphic state) for every glyph and then runs layout analysis; we
    need neither, and skipping them pays for our own line building.
    """
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_pt, apply_matrix_rect

    class PageCollector(PDFTextDevice):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr)
            self.chars: list[Char] = []
            self.turned: dict[int, list[Char]] = {90: [], 270: []}
            self.rules: list[tuple[float, float, float]] = []
            self.hrules: list[tuple[float, float, float]] = []
            self.width = self.height = 0.0
            self._bold: dict[str, bool] = {}

        def begin_page(self, page, ctm):
            x0, y0, x1, y1 = apply_matrix_rect(ctm, page.mediabox)
            self.width, self.height = abs(x1 - x0), abs(y1 - y0)
            self.chars, self.rules, self.hrules = [], [], []
            self.turned = {90: [], 270: []}

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            adv = font.char_width(cid) * fontsize * scaling
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                return adv  # a glyph with no known text: nothing to index
            if not text or (text.isspace() and text not in (" ", "\u00a0")):
                return adv
            if text == "\u00a0":
                text = " "
            fontname = getattr(font, "fontname", "") or ""
            bold = self._bold.get(fontname)
            if bold is None:
                bold = self._bold[fontname] = bool(_BOLD_FONT.search(str(fontname)))
            descent = font.get_descent() * fontsize
            a, b, c, d, e, f = matrix
            height = self.height
            if b == 0 and c == 0 and a > 0:
                x0, x1 = e, e + a * adv
                ya, yb = f + d * (descent + rise), f + d * (descent + rise + fontsize)
                if ya > yb:
                    ya, yb = yb, ya
                self.chars.append(Char(text, x0, x1, height - (f + d * rise), height - yb, height - ya, abs(d) * fontsize, bold))
            elif abs(a) < 1e-6 and abs(d) < 1e-6 and b * c < 0:
                # Text turned a quarter: kept in the page's reading frame turned to match.
                x0, y0, x1, y1 = apply_matrix_rect(matrix, (0, descent + rise, adv, descent + rise + fontsize))
                size = abs(b) * fontsize
                if b > 0:  # reads upwards
                    self.turned[90].append(Char(text, y0, y1, e, x0, x1, size, bold))
                else:  # reads downwards
                    W, H = self.width, self.height
                    self.turned[270].append(Char(text, H - y1, H - y0, W - e, W - x1, W - x0, size, bold))
            # Other rotations (diagonal watermarks) are not text of the paper.
            return adv

        def paint_path(self, gstate, stroke, fill, evenodd, path):
            """Keep the straight segments of lines and rectangles: possible table cell borders
            (vertical ones part cells; horizontal ones part a table's rows)."""
            prev = start = None
            for seg in path:
                op = seg[0]
                if op == "m":
                    prev = start = apply_matrix_pt(self.ctm, (seg[1], seg[2]))
                    continue
                if op == "l":
                    point = apply_matrix_pt(self.ctm, (seg[1], seg[2]))
                elif op == "h":
                    point = start
                elif op in ("c", "v", "y") and len(seg) >= 3:
                    prev = apply_matrix_pt(self.ctm, (seg[-2], seg[-1]))
                    continue
                else:
                    continue
                if prev is not None and point is not None and abs(point[0] - prev[0]) < 1 and abs(point[1] - prev[1]) >= 3:
                    low, high = sorted((point[1], prev[1]))
                    self.rules.append(((point[0] + prev[0]) / 2, self.height - high, self.height - low))
                elif prev is not None and point is not None and abs(point[1] - prev[1]) < 1 and abs(point[0] - prev[0]) >= 3:
                    left, right = sorted((point[0], prev[0]))
                    self.hrules.append((self.height - (point[1] + prev[1]) / 2, left, right))
                prev = point

    return PageCollector(rsrcmgr)


# ---------------------------------------------------------------------------
# Entry point


def extract_pdf(path: Path, password: str = "") -> Document:
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[Page] = []
    with open(path, "rb") as fp:
        doc = _open_document(fp, password)
        properties = _info_properties(doc)
        rsrc = PDFResourceManager(caching=True)
        collector = _make_collector(rsrc)
        interpreter = PDFPageInterpreter(rsrc, collector)
        try:
            for pdf_page in PDFPage.create_pages(doc):
                pages.append(_read_page(interpreter, collector, pdf_page, len(pages) + 1))
        except ExtractionError:
            raise
        except Exception as exc:
            if is_interruption(exc):
                raise
            if not pages:
                raise ExtractionError("corrupt", f"the PDF's page tree cannot be read ({type(exc).__name__}: {exc})") from exc
            log.warning("%s: stopped after page %d: %s", path, len(pages), exc)
    if not pages:
        raise ExtractionError("empty", "the PDF has no pages")
    if not any(page.lines for page in pages):
        raise ExtractionError("no_text", "no page has a text layer (a scanned or image-only PDF?)")
    blank = sum(1 for page in pages if not page.lines)
    if blank:
        # Partly scanned papers: say how many pages gave no text, for the indexer to report.
        properties["pages_without_text"] = blank
    drop_running_lines(pages)
    vocabulary = Vocabulary(pages)
    for page in pages:
        rejoin_hyphenated(page, vocabulary)
        mend_bracketed_hyphens(page)
    return Document(path=str(path), format="pdf", pages=pages, properties=properties)


def _read_page(interpreter, collector, pdf_page, number: int) -> Page:
    """One page's lines; a damaged page gives the lines drawn before the damage."""
    try:
        interpreter.process_page(pdf_page)
    except Exception as exc:
        if is_interruption(exc):
            raise
        # Keep what was drawn before the damage.
        log.warning("page %d cannot be fully interpreted: %s", number, exc)
    chars, rules, width, height = collector.chars, collector.rules, collector.width, collector.height
    hrules = collector.hrules
    angle = max(collector.turned, key=lambda a: len(collector.turned[a]))
    if len(collector.turned[angle]) > len(chars):
        # Mostly sideways text (a landscape table printed on a portrait page): read it
        # in its own frame, where the page is turned and drawn rules no longer apply.
        lines = page_lines(_on_page(collector.turned[angle], height, width), number, [], height)
        return Page(number=number, lines=lines, width=height, height=width)
    lines = page_lines(_on_page(chars, width, height), number, rules, width, hrules)
    # A little sideways text on an upright page (a "Page 3 / Agenda Item 6" stamp in
    # the margin, a turned column heading) follows the page's lines.
    for turn, turned in collector.turned.items():
        for line in page_lines(_on_page(turned, height, width), number, [], height):
            if not PAGE_NUMBER_ONLY.match(line.text):  # a page stamp, not the paper's text
                lines.append(_back_to_page(line, turn, width, height))
    return Page(number=number, lines=lines, width=width, height=height)


def _on_page(chars: list[Char], width: float, height: float) -> list[Char]:
    """Text placed off the page is not printed, so not part of the paper."""
    return [c for c in chars if c.x1 > 0 and c.x0 < width and c.bottom > 0 and c.top < height]


def _back_to_page(line: Line, turn: int, width: float, height: float) -> Line:
    """A line read in a turned frame, with its box given in the page's own coordinates."""
    x0, x1, top, bottom = line.x0, line.x1, line.top, line.bottom
    if turn == 90:
        line.x0, line.x1, line.top, line.bottom = top, bottom, height - x1, height - x0
    else:
        line.x0, line.x1, line.top, line.bottom = width - bottom, width - top, x0, x1
    return line
