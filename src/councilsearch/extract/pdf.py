"""Layout-aware PDF extraction: lines rebuilt from character positions.

pdfminer's own layout analysis groups text into boxes, which splits council
papers badly (paragraph numbers in one box, their text in another; header labels
away from their values). So we skip it: a small pdfminer device records each
glyph's text, position, size and boldness (and the vertical rules drawn on the
page), and we rebuild the page ourselves:

1. characters are grouped into rows by baseline (tolerance relative to font size);
2. a row splits into cells where the gap is wide (a table cell or a left-hand
   number column); cells of one row are joined with common.CELL_SEPARATOR;
3. a number printed in a left column ("4.5", "a)", "(ii)") is attached to the
   text on its baseline: Line.number, and the text starts "4.5 ...";
4. a stretch of rows sharing an empty central strip (a gutter) whose two
   sides look like flowing text is read left column first; tables are not;
5. across the document, running headers and footers are dropped and words
   hyphenated across line ends are rejoined.

Also: superscripts stay on their line, letter-spaced headings collapse to
words, a page of mostly sideways text is read in its own frame, text off the
page is ignored, and properties["pages_without_text"] counts pages that gave
no text (partly scanned papers).
"""

from __future__ import annotations

import bisect
import logging
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from ..model import Document, Line, Page
from .common import CELL_SEPARATOR, clean_text, join_cells
from .errors import ExtractionError, is_interruption

# Characters closer than this (in font sizes) to a row's baseline belong to it;
# generous enough to keep superscripts ("4th") and slightly offset numbers.
BASELINE_TOLERANCE = 0.5
# A gap wider than this many font sizes is a word space ...
SPACE_GAP = 0.15
# ... and wider than this, a new cell (table column, left-hand number column).
CELL_GAP = 1.6
# A number token followed by at least this gap is a left-column paragraph number.
NUMBER_GAP = 0.8
# Lines in the top/bottom MARGIN_BAND of the page are candidates for running
# headers and footers.
MARGIN_BAND = 0.2

_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|,bd\b|-bd\b", re.I)
# Paragraph numbers and list markers as printed in a left column.
NUMBER_TOKEN = re.compile(
    r"^(?:\d{1,4}(?:\.\d{1,3}){0,3}\.?|\(?[a-z]\)|\(?[ivxlc]{1,6}\)|\(\d{1,3}\)|\d{1,3}\)|[a-z]\.|[ivx]{1,5}\.)$",
    re.I,
)
BULLETS = frozenset("•·▪◦●○■□➢➤►▶✓✔-–—*o\uf0b7\uf0a7\uf0d8\uf076\uf0fc")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER_ONLY = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)

log = logging.getLogger(__name__)


class Char:
    """One glyph, in top-down page coordinates."""

    __slots__ = ("text", "x0", "x1", "base", "top", "bottom", "size", "bold")

    def __init__(self, text, x0, x1, base, top, bottom, size, bold):
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.base = base
        self.top = top
        self.bottom = bottom
        self.size = size
        self.bold = bold


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
    from pdfminer.psparser import PSLiteral
    from pdfminer.pdftypes import resolve1

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
    """A pdfminer device that records glyphs and vertical rules, nothing else.

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
            self.width = self.height = 0.0
            self._bold: dict[str, bool] = {}

        def begin_page(self, page, ctm):
            x0, y0, x1, y1 = apply_matrix_rect(ctm, page.mediabox)
            self.width, self.height = abs(x1 - x0), abs(y1 - y0)
            self.chars, self.rules = [], []
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
            """Keep vertical segments of lines and rectangles: possible table cell borders."""
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
                prev = point

    return PageCollector(rsrcmgr)


# ---------------------------------------------------------------------------
# Rows, words and cells


def group_rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, each row sorted left to right."""
    chars = [c for c in chars if c.text and not c.text.isspace() or c.text == " "]
    chars.sort(key=lambda c: (c.base, c.x0))
    rows: list[list[Char]] = []
    anchor = anchor_size = None
    for ch in chars:
        if rows and ch.base - anchor <= BASELINE_TOLERANCE * max(anchor_size, ch.size, 1.0):
            rows[-1].append(ch)
        else:
            rows.append([ch])
            anchor, anchor_size = ch.base, ch.size
    rows = _attach_small_rows(rows)
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return [_drop_overprinted(row) for row in rows]


def _attach_small_rows(rows: list[list[Char]]) -> list[list[Char]]:
    """Superscripts ("11th") and subscripts set in a smaller size join the line they belong to.

    A row of small glyphs whose baseline lies within 0.6 of the next row's size
    above that row's baseline is a superscript of it; within 0.4 below the
    previous row's baseline, a subscript of that one.
    """
    out: list[list[Char]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        size = max(c.size for c in row)
        base = row[0].base
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is not None:
            nxt_size = max(c.size for c in nxt)
            if size < 0.85 * nxt_size and 0 < nxt[0].base - base <= 0.6 * nxt_size:
                rows[i + 1] = nxt + row
                i += 1
                continue
        if out:
            prev_size = max(c.size for c in out[-1])
            if size < 0.85 * prev_size and 0 < base - out[-1][0].base <= 0.4 * prev_size:
                out[-1] = out[-1] + row
                i += 1
                continue
        out.append(row)
        i += 1
    return out


def _drop_overprinted(row: list[Char]) -> list[Char]:
    """Glyphs drawn twice at (almost) the same place (fake bold, shadows) count once."""
    out: list[Char] = []
    for ch in row:
        if ch.text == " ":
            out.append(ch)
            continue
        dup = False
        for prev in reversed(out[-3:]):
            if prev.text == ch.text and abs(prev.x0 - ch.x0) < 0.2 * max(ch.size, 1.0):
                dup = True
                break
        if not dup:
            out.append(ch)
    return out


class Cell:
    """A run of characters on one row with no wide gap inside."""

    __slots__ = ("chars",)

    def __init__(self, chars: list[Char]):
        self.chars = chars

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    def text(self) -> str:
        return cell_text(self.chars)


def split_cells(row: list[Char], rules: list[tuple[float, float, float]] = ()) -> list[Cell]:
    """A row cut where the gap between glyphs is wider than CELL_GAP font sizes,
    or where a drawn vertical rule (a table border) passes between them."""
    cells: list[list[Char]] = []
    last_x1 = None
    row_rules = _rules_across(row, rules) if rules else []
    justified = _is_justified(row)
    for ch in row:
        if ch.text == " ":
            if cells:
                cells[-1].append(ch)
            continue
        wide = last_x1 is not None and ch.x0 - last_x1 > CELL_GAP * max(ch.size, cells[-1][-1].size, 1.0)
        # In a justified row only the first word gap can be a cell gap (a number column).
        if wide and justified:
            wide = len(cells) == 1 and not _has_word_gap(cells[0])
        if wide or (last_x1 is not None and row_rules and _rule_between(row_rules, last_x1, ch.x0)):
            cells.append([ch])
        elif cells:
            cells[-1].append(ch)
        else:
            cells.append([ch])
        last_x1 = max(last_x1 or ch.x1, ch.x1)
    return [Cell(_strip_space_chars(c)) for c in cells if _strip_space_chars(c)]


def _is_justified(row: list[Char]) -> bool:
    """Justified text: after the first word, every word gap on the row is the same width.

    Such a row may have wide gaps, but they are word spaces, not cell borders;
    table rows have unequal gaps. (The first gap may be a number column.)
    """
    spans = _word_spans(row)
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])][1:]
    if len(gaps) < 3:
        return False
    return max(gaps) - min(gaps) <= 0.6


def _has_word_gap(chars: list[Char]) -> bool:
    return len(_word_spans(chars)) > 1


def _rules_across(row: list[Char], rules) -> list[float]:
    """x of the vertical rules crossing the middle of this row, sorted."""
    glyphs = [c for c in row if c.text != " "]
    if not glyphs:
        return []
    middle = statistics.median((c.top + c.bottom) / 2 for c in glyphs)
    return sorted(x for x, top, bottom in rules if top <= middle <= bottom)


def _rule_between(xs: list[float], left: float, right: float) -> bool:
    i = bisect.bisect_left(xs, left - 0.5)
    return i < len(xs) and xs[i] <= right + 0.5


def _strip_space_chars(chars: list[Char]) -> list[Char]:
    start, end = 0, len(chars)
    while start < end and chars[start].text == " ":
        start += 1
    while end > start and chars[end - 1].text == " ":
        end -= 1
    return chars[start:end]


def cell_text(chars: list[Char]) -> str:
    """Text of a cell with spaces put where the gaps are, letter-spacing undone."""
    glyphs = [c for c in chars if c.text != " "]
    if not glyphs:
        return ""
    gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
    space_after = _space_positions(chars, glyphs, gaps)
    parts = [glyphs[0].text]
    for i, ch in enumerate(glyphs[1:]):
        if i in space_after:
            parts.append(" ")
        parts.append(ch.text)
    return clean_text("".join(parts))


def _space_positions(chars: list[Char], glyphs: list[Char], gaps: list[float]) -> set[int]:
    """Indexes i where a space goes between glyphs[i] and glyphs[i+1]."""
    explicit = set()
    gi = -1
    for ch in chars:
        if ch.text == " ":
            # A space glyph counts only where it sits after the previous glyph, not
            # when it is a stray from an empty line that overlaps it.
            if gi >= 0 and ch.x0 >= glyphs[gi].x1 - 0.25 * max(ch.size, 1.0):
                explicit.add(gi)
        else:
            gi += 1
    by_gap = {i for i, gap in enumerate(gaps) if gap > SPACE_GAP * max(glyphs[i].size, glyphs[i + 1].size, 1.0)}
    spaces = explicit | by_gap
    if _is_letter_spaced(glyphs, spaces):
        spaces = _letter_spaced_word_breaks(glyphs, gaps, spaces)
    return spaces


def _is_letter_spaced(glyphs: list[Char], spaces: set[int]) -> bool:
    """A space after nearly every letter: words would average under two letters.

    Only letters count: a row of figures ("2 3 4 5") must keep its spaces.
    """
    if len(glyphs) < 4:
        return False
    letters = sum(1 for g in glyphs if g.text.isalpha())
    return letters >= 0.8 * len(glyphs) and len(spaces) >= 0.6 * (len(glyphs) - 1)


def _letter_spaced_word_breaks(glyphs: list[Char], gaps: list[float], spaces: set[int]) -> set[int]:
    """For "H E R T I N G F O R D B U R Y  P A R I S H": keep only the word gaps.

    The word breaks are the gaps clearly wider than the usual letter gap.
    """
    typical = statistics.median(max(gaps[i], 0.0) for i in spaces)
    size = statistics.median(g.size for g in glyphs)
    return {i for i in spaces if gaps[i] > max(1.6 * typical, typical + 0.2 * size)}


# ---------------------------------------------------------------------------
# Lines from rows


def _dominant_size(chars: list[Char]) -> float:
    sizes = Counter(round(c.size, 1) for c in chars if c.text != " ")
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _make_line(cells: list[Cell], page_no: int, page_width: float = 0.0) -> Line | None:
    """One Line from the cells of one row (or of one column of a row)."""
    if not cells:
        return None
    texts = [cell.text() for cell in cells]
    number, texts = _split_number(cells, texts, page_width)
    if len(texts) > 1 and texts[0] in BULLETS:
        # A bullet in its own column belongs to its item's text, not to a table cell.
        texts = [f"{texts[0]} {texts[1]}"] + texts[2:]
    body = join_cells(texts)
    text = f"{number} {body}" if number and body else (number or body)
    if not text:
        return None
    chars = [c for cell in cells for c in cell.chars if c.text != " "]
    bold_count = sum(1 for c in chars if c.bold)
    return Line(
        text=text,
        page=page_no,
        x0=round(cells[0].x0, 2),
        x1=round(max(cell.x1 for cell in cells), 2),
        top=round(min(c.top for c in chars), 2),
        bottom=round(max(c.bottom for c in chars), 2),
        size=_dominant_size(chars),
        bold=bold_count * 2 > len(chars),
        number=number.rstrip(".") if number and re.match(r"^\d", number) else number,
    )


def _split_number(cells: list[Cell], texts: list[str], page_width: float) -> tuple[str | None, list[str]]:
    """A left-column paragraph number or list marker and the texts after it.

    It must stand apart from its text (its own cell, or a gap wider than a space),
    sit in the left half of the page, and be followed by words, not figures:
    "586.1  621.6" in a table is not paragraph 586.1.
    """
    first_cell = cells[0]
    if page_width and first_cell.x0 > page_width / 2:
        return None, texts
    first_words = texts[0].split(" ", 1)
    if len(cells) > 1 and NUMBER_TOKEN.match(texts[0]):
        number, rest = texts[0], texts[1:]
    elif len(first_words) == 2 and NUMBER_TOKEN.match(first_words[0]):
        # "4.5      Text": a number in its own column but closer than a cell gap.
        gap = _gap_after_first_word(first_cell.chars)
        if gap is None or gap <= NUMBER_GAP * max(first_cell.chars[0].size, 1.0):
            return None, texts
        number, rest = first_words[0], [first_words[1]] + texts[1:]
    else:
        return None, texts
    if not rest or not _starts_with_words(rest[0]):
        return None, texts
    return number, rest


def _starts_with_words(text: str) -> bool:
    stripped = text.lstrip("\"'‘“([•·-–— ")
    return bool(stripped) and stripped[0].isalpha()


def _gap_after_first_word(chars: list[Char]) -> float | None:
    glyphs = [c for c in chars if c.text != " "]
    for a, b in zip(glyphs, glyphs[1:]):
        gap = b.x0 - a.x1
        if gap > SPACE_GAP * max(a.size, b.size, 1.0):
            return gap
    return None


def _merge_number_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A row holding only a left-column number joins the text row beside it.

    Numbers are sometimes set on a baseline a little off their paragraph's first
    line (a different font, or vertically centred in a table cell).
    """
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) == 1 and NUMBER_TOKEN.match(row[0].text()):
            num = row[0]
            if i + 1 < len(rows) and _number_fits(num, rows[i + 1]):
                rows[i + 1] = [num] + rows[i + 1]
                i += 1
                continue
            if out and _number_fits(num, out[-1]):
                out[-1] = [num] + out[-1]
                i += 1
                continue
        out.append(row)
        i += 1
    return out


def _number_fits(num: Cell, row: list[Cell]) -> bool:
    """The number sits left of the row's text, on nearly the same baseline, and the row has no number yet."""
    size = max(num.chars[0].size, 1.0)
    first = row[0]
    return (
        abs(first.chars[0].base - num.chars[0].base) <= 0.9 * size
        and first.x0 > num.x1
        and not NUMBER_TOKEN.match(first.text().split(" ", 1)[0])
    )


# ---------------------------------------------------------------------------
# Two-column pages


def _word_spans(row: list[Char]) -> list[tuple[float, float]]:
    """(x0, x1) of each word of a row: glyphs split at space glyphs and space-sized gaps."""
    spans: list[list[float]] = []
    prev = None
    for ch in row:
        if ch.text == " ":
            prev = None
            continue
        if prev is not None and ch.x0 - prev.x1 <= SPACE_GAP * max(ch.size, prev.size, 1.0):
            spans[-1][1] = max(spans[-1][1], ch.x1)
        else:
            spans.append([ch.x0, ch.x1])
        prev = ch
    return [(a, b) for a, b in spans]


GUTTER_BIN = 2.0  # points per bin when looking for a gutter
GUTTER_MIN_BINS = 4  # a gutter is at least 8pt wide


def find_column_block(rows: list[list[Char]]) -> tuple[int, int, float, float] | None:
    """The longest run of rows sharing an empty vertical strip in the middle of the text.

    Returns (first row, end row, gutter x0, gutter x1) or None. Justified or
    ragged full-width text has word gaps at different places on every row, so
    it breaks such a run; a title across both columns just ends it.
    """
    if len(rows) < 2 * MIN_COLUMN_ROWS:
        return None
    spans = [_word_spans(row) for row in rows]
    left = min(a for row in spans for a, _ in row)
    extent = max(b for row in spans for _, b in row) - left
    if extent <= 100:
        return None
    lo, hi = int(extent * 0.3 / GUTTER_BIN), int(extent * 0.7 / GUTTER_BIN)
    central = ((1 << (hi - lo + 1)) - 1) << lo
    masks = []
    for row in spans:
        mask = 0
        for a, b in row:
            first, last = int((a - left) / GUTTER_BIN), int((b - left) / GUTTER_BIN)
            mask |= ((1 << (last - first + 1)) - 1) << first
        masks.append(mask & central)
    best = None
    for first in range(len(rows)):
        if best and len(rows) - first <= best[1] - best[0]:
            break
        union = 0
        end = first
        while end < len(rows) and _free_strip(central & ~(union | masks[end])):
            union |= masks[end]
            end += 1
        if end - first >= 2 * MIN_COLUMN_ROWS and (best is None or end - first > best[1] - best[0]):
            best = (first, end, union)
    if best is None:
        return None
    first, end, union = best
    g0_bin, g1_bin = _widest_free_run(central & ~union, lo, hi)
    # Narrow against the text: a wide empty strip is a label/value table's gap.
    if (g1_bin - g0_bin) * GUTTER_BIN > 0.15 * extent:
        return None
    return first, end, left + g0_bin * GUTTER_BIN + 1, left + g1_bin * GUTTER_BIN - 1


def _free_strip(free: int) -> bool:
    """Whether the bit mask of free bins holds GUTTER_MIN_BINS consecutive ones."""
    run = free
    for shift in range(1, GUTTER_MIN_BINS):
        run &= free >> shift
    return run != 0


def _widest_free_run(free: int, lo: int, hi: int) -> tuple[int, int]:
    best = (lo, lo)
    start = None
    for i in range(lo, hi + 2):
        if i <= hi and free >> i & 1:
            if start is None:
                start = i
        elif start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def column_order(rows: list[list[Char]]) -> list[list[Char]]:
    """Rows in reading order: a two-column stretch gives its left halves, then its right halves."""
    block = find_column_block(rows)
    if block is None:
        return rows
    first, end, g0, g1 = block
    left = [[c for c in row if c.x1 <= g1] for row in rows[first:end]]
    right = [[c for c in row if c.x1 > g1] for row in rows[first:end]]
    if not _looks_like_text_columns(left, right, g0, g1):
        return rows
    return (
        column_order(rows[:first])
        + [r for r in left if r]
        + [r for r in right if r]
        + column_order(rows[end:])
    )


def _looks_like_text_columns(left, right, g0: float, g1: float) -> bool:
    """Two flowing text columns, not a table.

    Each side needs several rows; each side's rows mostly start at one left edge
    (right-aligned figures and labels do not) and hold one cell (table rows hold
    several); and the left column's lines mostly run up to the gutter (table
    labels stop short of it).
    """
    left_rows = [r for r in ([c for c in row if c.text != " "] for row in left) if r]
    right_rows = [r for r in ([c for c in row if c.text != " "] for row in right) if r]
    if len(left_rows) < MIN_COLUMN_ROWS or len(right_rows) < MIN_COLUMN_ROWS:
        return False
    left_x0 = min(r[0].x0 for r in left_rows)
    right_x1 = max(c.x1 for r in right_rows for c in r)
    width_left, width_right = g0 - left_x0, right_x1 - g1
    if min(width_left, width_right) < 0.25 * (right_x1 - left_x0):
        return False
    if not (_mostly_left_aligned(left_rows) and _mostly_left_aligned(right_rows)):
        return False
    if not (_mostly_single_cell(left_rows) and _mostly_single_cell(right_rows)):
        return False
    shortfall = statistics.median(g0 - max(c.x1 for c in r) for r in left_rows)
    return shortfall <= 0.25 * width_left


MIN_COLUMN_ROWS = 6


def _mostly_left_aligned(rows: list[list[Char]]) -> bool:
    """At least 60% of rows start within 2pt of the most common start."""
    starts = Counter(round(r[0].x0 / 2) for r in rows)
    best = max(starts, key=lambda k: starts[k - 1] + starts[k] + starts[k + 1])
    aligned = starts[best - 1] + starts[best] + starts[best + 1]
    return aligned >= 0.6 * len(rows)


def _mostly_single_cell(rows: list[list[Char]]) -> bool:
    return sum(1 for r in rows if len(split_cells(r)) == 1) >= 0.8 * len(rows)


# ---------------------------------------------------------------------------
# Pages


def page_lines(chars: list[Char], page_no: int, rules=(), width: float = 0.0) -> list[Line]:
    rows = [split_cells(row, rules) for row in column_order(group_rows(chars))]
    rows = [r for r in rows if r]
    rows = _merge_number_rows(rows)
    lines = []
    for row in rows:
        line = _make_line(row, page_no, width)
        if line is not None:
            lines.append(line)
    return lines


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
    if not _PAGE_NUMBER_ONLY.match(text):
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
    angle = max(collector.turned, key=lambda a: len(collector.turned[a]))
    if len(collector.turned[angle]) > len(chars):
        # Mostly sideways text (a landscape table printed on a portrait page): read it
        # in its own frame, where the page is turned and drawn rules no longer apply.
        lines = page_lines(_on_page(collector.turned[angle], height, width), number, [], height)
        return Page(number=number, lines=lines, width=height, height=width)
    lines = page_lines(_on_page(chars, width, height), number, rules, width)
    # A little sideways text on an upright page (a "Page 3 / Agenda Item 6" stamp in
    # the margin, a turned column heading) follows the page's lines.
    for turn, turned in collector.turned.items():
        for line in page_lines(_on_page(turned, height, width), number, [], height):
            if not _PAGE_NUMBER_ONLY.match(line.text):  # a page stamp, not the paper's text
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
