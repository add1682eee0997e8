"""Rebuilding a PDF page's lines from glyph positions (see pdf.py for the whole story).

Rows by baseline, cells by wide gaps and ruled borders, spaces from gaps,
letter-spacing undone, left-column numbers and bullets attached to their text,
two-column stretches read column by column, and the wrapped cells of a ruled
table row read cell by cell.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter

from ..model import Line
from .common import clean_text, join_cells

# Characters closer than this (in font sizes) to a row's baseline belong to it;
# generous enough to keep superscripts ("4th") and slightly offset numbers.
BASELINE_TOLERANCE = 0.5
# A gap wider than this many font sizes is a word space ...
SPACE_GAP = 0.15
# ... and wider than this, a new cell (table column, left-hand number column).
CELL_GAP = 1.6
# A number token followed by at least this gap is a left-column paragraph number.
NUMBER_GAP = 0.8

# Paragraph numbers and list markers as printed in a left column.
NUMBER_TOKEN = re.compile(
    r"^(?:\d{1,4}(?:\.\d{1,3}){0,3}\.?|\(?[a-z]\)|\(?[ivxlc]{1,6}\)|\(\d{1,3}\)|\d{1,3}\)|[a-z]\.|[ivx]{1,5}\.)$",
    re.I,
)
BULLETS = frozenset("•·▪◦●○■□➢➤►▶✓✔-–—*o\uf0b7\uf0a7\uf0d8\uf076\uf0fc")


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
    return [_drop_overprinted(_drop_shadow_copies(row)) for row in rows]


SHADOW_MIN_GLYPHS = 4  # a copy this long cannot match another by chance


def _drop_shadow_copies(row: list[Char]) -> list[Char]:
    """A line printed twice a little apart (a shadow or outline effect: the same words drawn on
    two baselines a few points apart, one copy perhaps letter-spaced) counts once.

    The row's glyphs are split by exact baseline; a baseline group spelling the same text as
    another, over an overlapping stretch of the row, is a copy of it. Without this the two
    copies interleave letter by letter ("HHEERRTTIINNGG..."). The narrower copy is kept: its
    spacing gives the words most reliably.
    """
    groups: dict[float, list[Char]] = {}
    for ch in row:
        groups.setdefault(round(ch.base, 1), []).append(ch)
    if len(groups) < 2:
        return row
    spelled = {base: "".join(c.text for c in chars if c.text != " ") for base, chars in groups.items()}
    dropped: set[float] = set()
    bases = sorted(groups, key=lambda b: _extent(groups[b]))  # narrowest first
    for i, keep in enumerate(bases):
        if keep in dropped or len(spelled[keep]) < SHADOW_MIN_GLYPHS:
            continue
        for other in bases[i + 1:]:
            if other not in dropped and spelled[other] == spelled[keep] and _overlap(groups[keep], groups[other]):
                dropped.add(other)
    if not dropped:
        return row
    return [ch for ch in row if round(ch.base, 1) not in dropped]


def _extent(chars: list[Char]) -> float:
    return max(c.x1 for c in chars) - min(c.x0 for c in chars)


def _overlap(a: list[Char], b: list[Char]) -> bool:
    """The two runs share at least half of the shorter one's width."""
    a0, a1 = min(c.x0 for c in a), max(c.x1 for c in a)
    b0, b1 = min(c.x0 for c in b), max(c.x1 for c in b)
    shared = min(a1, b1) - max(a0, b0)
    return shared > 0.5 * min(a1 - a0, b1 - b0)


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
    """For "H A R T I N G B U R Y  P A R I S H": keep only the word gaps.

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


def _make_line(cells: list[Cell], page_no: int, page_width: float = 0.0, area_x0: float = 0.0) -> Line | None:
    """One Line from the cells of one row (or of one column of a row, area_x0 its left edge)."""
    if not cells:
        return None
    texts = [cell.text() for cell in cells]
    number, texts = _split_number(cells, texts, page_width, area_x0)
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


def _split_number(cells: list[Cell], texts: list[str], page_width: float, area_x0: float = 0.0) -> tuple[str | None, list[str]]:
    """A left-column paragraph number or list marker and the texts after it.

    It must stand apart from its text (its own cell, or a gap wider than a space),
    sit in the left half of the page (of its column, on a right column), and be
    followed by words, not figures:
    "586.1  621.6" in a table is not paragraph 586.1.
    """
    first_cell = cells[0]
    if page_width and first_cell.x0 > (area_x0 + page_width) / 2:
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
    for row_spans in spans:
        mask = 0
        for a, b in row_spans:
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


def _one_line_cell_rows(rows: list[list[Char]], rules, x0: float, x1: float) -> set[int]:
    """Indexes of rows crossed, between x0 and x1, by the border of a cell holding only that row.

    Such a row is a one-line table row (label cell + value cell): read across.
    A border beside several rows is a taller cell's, whose wrapped text may be
    read column by column, or a line drawn between two text columns.
    """
    middles = []
    for row in rows:
        glyphs = [c for c in row if c.text != " "]
        middles.append(statistics.median((c.top + c.bottom) / 2 for c in glyphs) if glyphs else None)
    ordered = sorted(m for m in middles if m is not None)
    found = set()
    for x, top, bottom in rules:
        if not x0 <= x <= x1:
            continue
        inside = bisect.bisect_right(ordered, bottom) - bisect.bisect_left(ordered, top)
        if inside == 1:
            found.update(i for i, m in enumerate(middles) if m is not None and top <= m <= bottom)
    return found


def _without_a_table_at_the_start(rows, first: int, end: int, g0: float, g1: float, rules):
    """The column stretch less a bordered table at its start.

    A header table (label cell + value cell, one line each) above the columns,
    and a title above it, may leave the gutter's strip empty, but its rows are
    read across: the stretch starts after the last one-line table row that
    comes before MIN_COLUMN_ROWS other rows in a row. One-line table rows
    further down stay: they belong to a table whose taller cells are read
    column by column (a table's end is left alone for the same reason).
    """
    glyphs = [c for row in rows[first:end] for c in row if c.text != " "]
    if not rules or not glyphs:
        return first, end, g0, g1
    x_left, x_right = min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)
    extent = x_right - x_left
    table_rows = _one_line_cell_rows(rows[first:end], rules, x_left + 0.3 * extent, x_left + 0.7 * extent)
    head = _rows_before_the_text(range(end - first), table_rows)
    return first + head, end, g0, g1


def _rows_before_the_text(order, table_rows: set[int]) -> int:
    """How many rows, walking in order, up to the last table row met before a run of text rows."""
    cut = run = 0
    for steps, i in enumerate(order, 1):
        if i in table_rows:
            cut, run = steps, 0
        else:
            run += 1
            if run >= MIN_COLUMN_ROWS:
                break
    return cut


def column_order(rows: list[list[Char]], rules=(), right_column: dict | None = None) -> list[list[Char]]:
    """Rows in reading order: a two-column stretch gives its left halves, then its right halves.

    right_column, when given, is filled with id(char) -> the right column's left
    edge for every glyph read from a right column.
    """
    block = find_column_block(rows)
    if block is None:
        return rows
    first, end, g0, g1 = _without_a_table_at_the_start(rows, *block, rules)
    left = [[c for c in row if c.x1 <= g1] for row in rows[first:end]]
    right = [[c for c in row if c.x1 > g1] for row in rows[first:end]]
    if not _looks_like_text_columns(left, right, g0, g1):
        return rows
    if right_column is not None:
        right_column.update((id(c), g1) for row in right for c in row)
    return (
        column_order(rows[:first], rules, right_column)
        + [r for r in left if r]
        + [r for r in right if r]
        + column_order(rows[end:], rules, right_column)
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
    # The right column may be short (the end of the text), but the pair must be substantial.
    if min(len(left_rows), len(right_rows)) < MIN_SIDE_ROWS or len(left_rows) + len(right_rows) < 2 * MIN_COLUMN_ROWS:
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
MIN_SIDE_ROWS = 2  # a column ending near the top of its page ("The meeting closed at...")


def _mostly_left_aligned(rows: list[list[Char]]) -> bool:
    """Rows start at one left edge, or at an edge and one indent.

    At least 60% of rows start within 2pt of the most common start, or 80% at
    the two most common starts: minutes set headings and "(1)" items at the
    column edge and the text under them indented. Right-aligned figures and
    centred labels start all over the place.
    """
    starts = Counter(round(r[0].x0 / 2) for r in rows)

    def near(k: int) -> int:
        return starts[k - 1] + starts[k] + starts[k + 1]

    best = max(starts, key=near)
    if near(best) >= 0.6 * len(rows):
        return True
    others = [k for k in starts if abs(k - best) > 2]
    second = max(others, key=near, default=None)
    return second is not None and near(best) + near(second) >= 0.8 * len(rows)


def _mostly_single_cell(rows: list[list[Char]]) -> bool:
    return sum(1 for r in rows if len(split_cells(r)) == 1) >= 0.8 * len(rows)


# ---------------------------------------------------------------------------
# Ruled tables: a cell's wrapped lines read together


class JoinedCell(Cell):
    """One table cell's lines, read as one: its text is theirs joined in order."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Cell]):
        super().__init__([c for part in parts for c in part.chars])
        self.parts = parts

    @property
    def x0(self) -> float:
        return min(part.x0 for part in self.parts)

    def text(self) -> str:
        out = ""
        for part in self.parts:
            piece = part.text()
            if not piece:
                continue
            # A word broken at the cell's edge ("2024-" / "25") runs on without a space.
            glue = "" if not out or re.search(r"\w[-\u2010]$", out) else " "
            out += glue + piece
        return out


# A ruled table has at least this many vertical rules across a row (two columns).
TABLE_RULES = 3
RULE_SAME = 2.0  # rules this close (points) are one border drawn twice


def _row_middle(row: list[Cell]) -> float:
    glyphs = [c for cell in row for c in cell.chars if c.text != " "]
    return statistics.median((c.top + c.bottom) / 2 for c in glyphs) if glyphs else 0.0


def _borders_across(row: list[Cell], middle: float, rules) -> tuple[tuple[float, ...], tuple]:
    """The x of the vertical rules crossing a row at its middle (close ones as one), and which
    drawn segments they are (Word draws a table row's borders from its top to its bottom).
    Only rules taller than two lines count: a row of one line needs no joining, and a
    box drawn around one line of a cell (a highlight) is no border."""
    size = max(c.size for cell in row for c in cell.chars)
    crossing = sorted((x, top, bottom) for x, top, bottom in rules
                      if top <= middle <= bottom and bottom - top >= 2 * size)
    xs: list[float] = []
    for x, _, _ in crossing:
        if not xs or x - xs[-1] > RULE_SAME:
            xs.append(x)
    segments = tuple(sorted({(round(top), round(bottom)) for _, top, bottom in crossing}))
    return tuple(xs), segments


def _rules_around(middle: float, levels: list[float]) -> tuple[int, int]:
    """How many of a table's horizontal rules (rule_levels) lie above a row's middle, and how many below."""
    above = sum(1 for y in levels if y < middle)
    return above, len(levels) - above


def rule_levels(hrules, left: float, right: float) -> list[float]:
    """The heights of the horizontal rules running across a table from left to right. A rule
    drawn twice, or cell by cell, counts once; shading behind a line of text (its edges
    cross one column only) not at all."""
    levels: list[list[tuple[float, float, float]]] = []
    for y, x0, x1 in sorted(h for h in hrules if h[2] > left + 1 and h[1] < right - 1):
        if levels and y - levels[-1][-1][0] <= RULE_SAME:
            levels[-1].append((y, x0, x1))
        else:
            levels.append([(y, x0, x1)])
    return [level[0][0] for level in levels if _covered(level, left, right) >= 0.6 * (right - left)]


def _covered(level: list[tuple[float, float, float]], left: float, right: float) -> float:
    """How much of left..right the segments of one rule level cover."""
    spans = sorted((max(x0, left), min(x1, right)) for _, x0, x1 in level)
    total, reach = 0.0, left
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total


def _same_borders(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= RULE_SAME for x, y in zip(a, b))


# A table row's cell may wrap to this many lines; a longer run is a table with no rules
# between its rows, whose rows must not be run together.
MAX_CELL_LINES = 40


def merge_ruled_cells(rows: list[list[Cell]], rules, hrules=()) -> list[list[Cell]]:
    """The physical rows of one ruled table row become one row, each cell's wrapped lines
    joined in order: read line by line, a row of three wrapped cells interleaves them
    ("Risk Title | Source of | Risk Event" / "continued | the risk | continued").

    Rows belong to one table row when the same vertical borders cross them and the
    same horizontal rules lie above and below them (at least one each way)."""
    out: list[list[Cell]] = []
    band: list[list[Cell]] = []
    band_key = None

    def close_band():
        if len(band) > 1 and _wrapped_cells(band, band_key[0]):  # (a band of several has a key)
            out.append(_joined_row(band, band_key[0]))
        else:
            out.extend(band)

    levels: dict[tuple[int, int], list[float]] = {}  # per table (its outer borders)
    for row in rows:
        middle = _row_middle(row)
        xs, segments = _borders_across(row, middle, rules)
        key = None
        if len(xs) >= TABLE_RULES:
            span = (round(xs[0]), round(xs[-1]))
            if span not in levels:
                levels[span] = rule_levels(hrules, xs[0], xs[-1])
            above, below = _rules_around(middle, levels[span])
            if above and below:
                key = (xs, segments, above, below)
        if band and key is not None and band_key is not None and _same_borders(key[0], band_key[0]) \
                and key[1:] == band_key[1:]:
            band.append(row)
            continue
        close_band()
        band, band_key = [row], key
    close_band()
    return out


# A cell holding only a figure: a sum, a count, a year ("£3,000", "23.3", "2026", "15%").
_FIGURE = re.compile(r"^[£$€(]?-?[\d,.]+(?:\s?(?:m|k|bn|%|p))?\)?$", re.I)


def _wrapped_cells(band: list[list[Cell]], borders: tuple[float, ...]) -> bool:
    """Whether a table row's physical rows are its cells' text wrapped, to be read together,
    rather than sub-rows set without rules between them (a list of projects, each with its
    sum): those fill the same columns on every line, or stack two figures in one column."""
    if len(band) > MAX_CELL_LINES:
        return False
    filled = [frozenset(_column(cell, borders) for cell in row) for row in band]
    if len(set(filled)) == 1:
        return False
    figures: dict[int, int] = {}
    for row in band:
        for cell in row:
            if _FIGURE.match(cell.text()):
                column = _column(cell, borders)
                figures[column] = figures.get(column, 0) + 1
    return max(figures.values(), default=0) < 2


def _column(cell: Cell, borders: tuple[float, ...]) -> int:
    """Which column of a ruled table a cell sits in: how many borders lie left of it."""
    return bisect.bisect_right(borders, cell.x0 + 0.5)


def _joined_row(band: list[list[Cell]], borders: tuple[float, ...]) -> list[Cell]:
    """One row of cells from a table row's physical rows, a cell per column between borders."""
    columns: dict[int, list[Cell]] = {}
    for row in band:
        for cell in row:
            columns.setdefault(_column(cell, borders), []).append(cell)
    return [JoinedCell(parts) if len(parts) > 1 else parts[0] for _, parts in sorted(columns.items())]


# ---------------------------------------------------------------------------
# Pages


def page_lines(chars: list[Char], page_no: int, rules=(), width: float = 0.0, hrules=()) -> list[Line]:
    right_column: dict[int, float] = {}
    rows = [split_cells(row, rules) for row in column_order(group_rows(chars), rules, right_column)]
    rows = [r for r in rows if r]
    if rules:
        rows = merge_ruled_cells(rows, rules, hrules)
    rows = _merge_number_rows(rows)
    lines = []
    for row in rows:
        # A right column's paragraph numbers sit in the left half of that column, not of the page.
        area_x0 = max(right_column.get(id(cell.chars[0]), 0.0) for cell in row)
        line = _make_line(row, page_no, width, area_x0)
        if line is not None:
            lines.append(line)
    return lines
