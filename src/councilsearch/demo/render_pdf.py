"""Lay a PaperSpec out as a PDF: header blocks (bordered table or From:/To: lines), numbered
paragraphs in a left column with (optionally) justified text, one or two columns, running
headers and "Page n of N" footers.

Layout is done first into per-page lists of drawing operations, so that the total page
count is known when footers are drawn; then the operations are replayed into PdfWriter.
Word widths are cached: wrapping is most of the cost of generating 10,000 papers.
"""

from __future__ import annotations

from .names import COUNCIL_NAME
from .pdfwriter import PdfWriter
from .spec import Block, PaperSpec

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 539.0, 72.0, 782.0
GUTTER = 20.0

_widths: dict[tuple[str, str], float] = {}


def word_width(word: str, font: str, size: float) -> float:
    key = (font, word)
    w = _widths.get(key)
    if w is None:
        w = _widths[key] = PdfWriter.text_width(word, font, 1000.0)
        if len(_widths) > 200_000:  # bound the cache on huge runs
            _widths.clear()
    return w * size / 1000.0


def wrap(text: str, width: float, font: str, size: float) -> list[list[str]]:
    """Greedy wrap into lines of words."""
    space = word_width(" ", font, size)
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        w = word_width(word, font, size)
        if current and used + space + w > width:
            lines.append(current)
            current, used = [word], w
        else:
            used = used + space + w if current else w
            current.append(word)
    if current:
        lines.append(current)
    return lines or [[]]


class Layout:
    def __init__(self, spec: PaperSpec, justify: bool):
        self.spec = spec
        self.justify = justify
        self.font = spec.body_font
        self.bold = "Times-Bold" if self.font.startswith("Times") else "Helvetica-Bold"
        self.size = 10.0
        self.leading = 13.0
        self.pages: list[list[tuple]] = [[]]
        self.y = TOP
        self.columns = 1
        self.column = 0
        self.column_top = TOP
        self.block_pages: list[int] = []  # page (1-based) each block starts on, for the ground truth
        self.block_end_pages: list[int] = []  # and the page it ends on
        self._block_page: int | None = None

    # -- geometry ---------------------------------------------------------------
    @property
    def x0(self) -> float:
        if self.columns == 1:
            return LEFT
        return LEFT + self.column * (self.column_width + GUTTER)

    @property
    def column_width(self) -> float:
        return (RIGHT - LEFT) if self.columns == 1 else (RIGHT - LEFT - GUTTER) / 2

    def op(self, *args) -> None:
        if self._block_page is None:
            self._block_page = len(self.pages)
        self.pages[-1].append(args)

    def next_area(self) -> None:
        """Move to the next column, or to a new page."""
        if self.columns == 2 and self.column == 0:
            self.column = 1
            self.y = self.column_top
            return
        self.pages.append([])
        self.column = 0
        self.y = self.column_top = TOP

    def ensure(self, height: float) -> None:
        if self.y + height > BOTTOM and self.y > self.column_top + 1:
            self.next_area()

    # -- text ---------------------------------------------------------------------
    def lines(self, dx: float, width: float, text: str, font: str, size: float, justify: bool,
              keep: bool = False) -> None:
        """Wrapped lines at dx from the current column's left edge (re-read after each break)."""
        wrapped = wrap(text, width, font, size)
        leading = size * 1.3
        if keep:
            self.ensure(leading * len(wrapped))
        for i, words in enumerate(wrapped):
            self.ensure(leading)
            x = self.x0 + dx
            baseline = self.y + size
            last = i == len(wrapped) - 1
            natural = sum(word_width(w, font, size) for w in words)
            gap = (width - natural) / (len(words) - 1) if len(words) > 1 else 0.0
            # Like a typesetter, leave a line ragged rather than open huge gaps in it.
            if justify and not last and len(words) > 1 and gap < 4 * word_width(" ", font, size):
                cursor = x
                for w in words:
                    self.op("text", cursor, baseline, w, font, size)
                    cursor += word_width(w, font, size) + gap
            elif words:
                self.op("text", x, baseline, " ".join(words), font, size)
            self.y += leading

    # -- blocks -------------------------------------------------------------------
    def block(self, b: Block) -> None:
        indent = 36.0 if self.columns == 1 else 26.0
        if b.kind == "title":
            self.ensure(40)
            self.lines(0, self.column_width, b.text, self.bold, 14.0, False)
            self.y += 6
        elif b.kind == "subtitle":
            self.lines(0, self.column_width, b.text, self.bold, 11.0, False)
            self.y += 4
        elif b.kind == "heading":
            self.y += 5
            self.ensure(self.leading * 4)  # keep a heading with what follows
            if b.number:  # minute numbers ("PL/18") can be wider than the paragraph-number column
                indent = max(indent, word_width(b.number, self.bold, 11.0) + 8)
                self.op("text", self.x0, self.y + 11, b.number, self.bold, 11.0)
                self.lines(indent, self.column_width - indent, b.text, self.bold, 11.0, False)
            else:
                self.lines(0, self.column_width, b.text, self.bold, 11.0, False)
            self.y += 3
        elif b.kind == "para":
            if b.keep:  # move the whole paragraph, number and all, when it would break
                self.ensure(self.leading * len(wrap(b.text, self.column_width - indent - 12, self.font, self.size)))
            self.ensure(self.leading * 2)
            if b.number:
                indent = max(indent, word_width(b.number, self.font, self.size) + 8)
                self.op("text", self.x0, self.y + self.size, b.number, self.font, self.size)
            self.lines(indent, self.column_width - indent, b.text, self.font, self.size,
                       self.justify, keep=b.keep)
            self.y += 5
        elif b.kind == "bullet":
            self.ensure(self.leading * len(wrap(b.text, self.column_width - indent - 12, self.font, self.size)))
            self.op("text", self.x0 + indent, self.y + self.size, "•", self.font, self.size)
            self.lines(indent + 12, self.column_width - indent - 12, b.text, self.font, self.size,
                       False, keep=True)
            self.y += 2
        elif b.kind == "banner":
            self.banner(b.text)
        elif b.kind == "table":
            self.table(b.rows or [])
        elif b.kind == "signature":
            self.y += 24
            self.lines(0, self.column_width, b.text, self.font, self.size, False)
        else:  # "text": an unnumbered line or paragraph
            self.lines(0, self.column_width, b.text, self.font, self.size, False, keep=True)
            self.y += 4

    def banner(self, text: str) -> None:
        wrapped = wrap(text, RIGHT - LEFT - 16, self.bold, 10.0)
        height = len(wrapped) * 13 + 12
        self.op("rect", LEFT, self.y, RIGHT - LEFT, height, 1.2)
        self.y += 6
        self.lines(8, RIGHT - LEFT - 16, text, self.bold, 10.0, False)
        self.y += 14

    def table(self, rows: list[list[str]]) -> None:
        if not rows:
            return
        cols = max(len(r) for r in rows)
        width = self.column_width / cols
        for i, row in enumerate(rows):
            font = self.bold if i == 0 else self.font
            cells = [wrap(cell, width - 8, font, 9.0) for cell in row]
            height = max(len(c) for c in cells) * 12 + 8
            self.ensure(height)
            for j, cell in enumerate(cells):
                x = self.x0 + j * width
                self.op("rect", x, self.y, width, height, 0.5)
                for k, words in enumerate(cell):
                    self.op("text", x + 4, self.y + 13 + k * 12, " ".join(words), font, 9.0)
            self.y += height
        self.y += 8

    # -- header blocks -------------------------------------------------------------
    def header(self) -> None:
        spec = self.spec
        if spec.header_style == "table":
            self.header_table(spec.header)
        elif spec.header:
            self.header_lines(spec.header, 110.0 if spec.header_style == "memo" else 130.0)
        self.y += 10

    def header_table(self, fields: list[tuple[str, str]]) -> None:
        """The bordered grid: two label/value pairs to a row for the first four fields."""
        total = RIGHT - LEFT
        label_w, value_w, label2_w = 120.0, 170.0, 110.0
        value2_w = total - label_w - value_w - label2_w
        pairs, rest = fields[:4], fields[4:]
        for k in range(0, len(pairs), 2):
            (l1, v1), (l2, v2) = pairs[k], pairs[k + 1]
            cells = [(l1, label_w, self.bold), (v1, value_w, self.font), (l2, label2_w, self.bold), (v2, value2_w, self.font)]
            self.grid_row(cells)
        for label, value in rest:
            self.grid_row([(label, label_w, self.bold), (value, total - label_w, self.font)])

    def grid_row(self, cells: list[tuple[str, float, str]]) -> None:
        wrapped = [wrap(text, w - 8, font, 9.5) for text, w, font in cells]
        height = max(len(c) for c in wrapped) * 12.5 + 8
        x = LEFT
        for (_text, w, font), lines in zip(cells, wrapped):
            self.op("rect", x, self.y, w, height, 0.6)
            for k, words in enumerate(lines):
                self.op("text", x + 4, self.y + 13 + k * 12.5, " ".join(words), font, 9.5)
            x += w
        self.y += height

    def header_lines(self, fields: list[tuple[str, str]], label_width: float) -> None:
        for label, value in fields:
            self.op("text", LEFT, self.y + self.size, label, self.bold, self.size)
            for part in value.split("\n"):
                self.lines(label_width, RIGHT - LEFT - label_width, part, self.font, self.size, False)
            self.y += 4

    # -- whole document -------------------------------------------------------------
    def run(self) -> None:
        blocks = list(self.spec.blocks)
        # Title and banner sit above the header block on page one; the body may flow in columns.
        while blocks and blocks[0].kind in ("banner", "title", "subtitle"):
            self.block(blocks.pop(0))
            self.block_pages.append(1)
            self.block_end_pages.append(len(self.pages))
        self.header()
        if self.spec.layout == "twocol":
            self.columns = 2
            self.column_top = self.y
        for b in blocks:
            self._block_page = None
            self.block(b)
            self.block_pages.append(self._block_page or len(self.pages))
            self.block_end_pages.append(len(self.pages))


def render_pdf(spec: PaperSpec, variant: int) -> tuple[bytes, list[tuple[int, int]]]:
    """The PDF bytes for a paper and the pages each block starts and ends on.

    variant (0-5) picks the footer style and whether body text is justified.
    """
    layout = Layout(spec, justify=variant % 2 == 0)
    layout.run()
    writer = PdfWriter(WIDTH, HEIGHT, info={"Title": spec.title or "", "Author": COUNCIL_NAME,
                                            "Producer": "councilsearch demo generator"})
    total = len(layout.pages)
    for number, ops in enumerate(layout.pages, 1):
        writer.add_page()
        for op in ops:
            if op[0] == "text":
                writer.text(*op[1:])
            elif op[0] == "rect":
                writer.rect(*op[1:])
            elif op[0] == "line":
                writer.line(*op[1:])
        running(writer, spec, number, total, variant)
    return writer.to_bytes(), list(zip(layout.block_pages, layout.block_end_pages))


def running(writer: PdfWriter, spec: PaperSpec, number: int, total: int, variant: int) -> None:
    """Running header (from page 2, or every page) and a page-number footer."""
    if spec.running_header and (number > 1 or variant % 3 == 0):
        text = spec.running_header
        writer.text(RIGHT - PdfWriter.text_width(text, "Helvetica-Oblique", 8.0), 40.0, text, "Helvetica-Oblique", 8.0)
        writer.line(LEFT, 46.0, RIGHT, 46.0, 0.4)
    footer = f"Page {number} of {total}" if variant % 3 != 1 else str(number)
    writer.text((WIDTH - PdfWriter.text_width(footer, "Helvetica", 8.0)) / 2, 812.0, footer, "Helvetica", 8.0)
