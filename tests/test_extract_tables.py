"""Ruled tables whose cells wrap: each table row read as one line, each cell's text whole."""

from __future__ import annotations

from councilsearch.demo.pdfwriter import PdfWriter
from councilsearch.extract import CELL_SEPARATOR, extract
from councilsearch.extract.layout import merge_ruled_cells, split_cells

# A risk register's columns: left edge and width.
COLUMNS = ((40, 80), (120, 150), (270, 170), (440, 60))


def _save(writer: PdfWriter, tmp_path, name="table.pdf"):
    path = tmp_path / name
    writer.save(path)
    return path


def _texts(doc) -> list[str]:
    return [line.text for page in doc.pages for line in page.lines]


def _ruled_row(w: PdfWriter, top: float, cells: list[list[str]], line_height: float = 12.0) -> float:
    """One table row: each cell's lines set one under another, every cell boxed (Word draws
    a row's borders cell by cell, from the row's top to its bottom). Returns the row's bottom."""
    height = max(len(lines) for lines in cells) * line_height + 6
    for (x, width), lines in zip(COLUMNS, cells):
        w.rect(x, top, width, height)
        for k, text in enumerate(lines):
            w.text(x + 4, top + 12 + k * line_height, text, size=9)
    return top + height


def _register(w: PdfWriter) -> float:
    top = _ruled_row(w, 60, [["Service"], ["Risk"], ["Cause"], ["Score"]])
    top = _ruled_row(w, top, [
        ["Waste"], ["Recycling sites", "past their design", "life"],
        ["Two sites need new", "roofs before the", "winter storms"], ["4"],
    ])
    return _ruled_row(w, top, [["Libraries"], ["Mobile library", "fleet"], ["Vans out of service"], ["2"]])


def test_wrapped_cells_of_a_ruled_row_read_cell_by_cell(tmp_path):
    w = PdfWriter()
    w.add_page()
    _register(w)
    texts = _texts(extract(_save(w, tmp_path)))
    sep = CELL_SEPARATOR
    assert f"Waste{sep}Recycling sites past their design life{sep}Two sites need new roofs before the winter storms{sep}4" in texts
    assert f"Libraries{sep}Mobile library fleet{sep}Vans out of service{sep}2" in texts
    # Not read line by line across the columns, which interleaves the cells.
    assert not any("past their design roofs" in t or "design roofs before" in t for t in texts)
    assert f"Service{sep}Risk{sep}Cause{sep}Score" in texts


def test_rows_of_one_ruled_table_stay_apart(tmp_path):
    w = PdfWriter()
    w.add_page()
    _register(w)
    texts = _texts(extract(_save(w, tmp_path)))
    waste = next(t for t in texts if t.startswith("Waste"))
    assert "Libraries" not in waste and "Service" not in waste


def test_sub_rows_without_rules_between_them_stay_line_by_line(tmp_path):
    """A year's list of projects, each with its sum, set in one ruled row: a list, not wrapped text."""
    w = PdfWriter()
    w.add_page()
    top = _ruled_row(w, 60, [["Year"], ["Project"], ["Method"], ["Sum"]])
    _ruled_row(w, top, [["2026"], ["Server replacement", "Election costs", "Hall roof"],
                        ["Taxes", "Reserves", "Taxes"], ["£3,000", "£3,000", "£7,500"]])
    texts = _texts(extract(_save(w, tmp_path)))
    sep = CELL_SEPARATOR
    assert any(t.endswith(f"Server replacement{sep}Taxes{sep}£3,000") for t in texts)
    assert f"Hall roof{sep}Taxes{sep}£7,500" in texts


def test_text_beside_a_table_and_unruled_text_are_untouched(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(40, 40, "Appendix B: Risk register", size=12)
    bottom = _register(w)
    w.text(40, bottom + 30, "The register is reviewed each quarter by the Audit Committee", size=10)
    w.text(40, bottom + 43, "and reported to the Executive in the budget monitoring report.", size=10)
    texts = _texts(extract(_save(w, tmp_path)))
    assert texts[0] == "Appendix B: Risk register"
    assert texts[-2:] == ["The register is reviewed each quarter by the Audit Committee",
                          "and reported to the Executive in the budget monitoring report."]


def test_shading_behind_a_line_does_not_cut_a_cell(tmp_path):
    """A highlighted line inside a cell (a filled box in one column) is no row border."""
    w = PdfWriter()
    w.add_page()
    top = _ruled_row(w, 60, [["Service"], ["Risk"], ["Cause"], ["Score"]])
    w.rect(122, top + 16, 120, 11, width=0.2)  # a box around the second line of one cell
    _ruled_row(w, top, [["Waste"], ["Recycling sites", "past their design", "life"],
                        ["Two sites need new", "roofs before the", "winter storms"], ["4"]])
    texts = _texts(extract(_save(w, tmp_path)))
    assert any("Recycling sites past their design life" in t for t in texts)


class _Glyph:
    """A stand-in for layout.Char in unit tests of the row merging."""

    def __init__(self, text, x0, top, size=9.0):
        self.text, self.x0, self.x1 = text, x0, x0 + 5 * len(text)
        self.top, self.bottom, self.base, self.size, self.bold = top, top + size, top + size * 0.8, size, False


def _row(top: float, *cells: tuple[float, str]):
    chars = []
    for x, word in cells:
        chars += [_Glyph(ch, x + 5 * i, top) for i, ch in enumerate(word)]
    return chars


def test_merging_needs_rules_above_and_below():
    """Vertical borders alone do not make a table row: without a rule closing the row
    above and below, the lines are left as they are."""
    borders = [(x, 50.0, 200.0) for x in (40.0, 120.0, 270.0, 440.0)]
    rows = [split_cells(r, borders) for r in (_row(60, (45, "alpha"), (125, "beta")), _row(72, (125, "gamma")))]
    assert len(merge_ruled_cells(rows, borders, hrules=[])) == 2
    closed = [(50.0, 40.0, 440.0), (190.0, 40.0, 440.0)]
    merged = merge_ruled_cells(rows, borders, hrules=closed)
    assert len(merged) == 1 and [cell.text() for cell in merged[0]] == ["alpha", "beta gamma"]


def test_a_word_broken_at_the_cell_edge_runs_on():
    """"2031-" at the end of a cell's line and "32" under it are one word, "2031-32"."""
    borders = [(x, 50.0, 200.0) for x in (40.0, 120.0, 270.0, 440.0)]
    rows = [split_cells(r, borders) for r in (_row(60, (45, "Budget"), (125, "plan for 2031-")),
                                               _row(72, (125, "32 agreed")))]
    merged = merge_ruled_cells(rows, borders, hrules=[(50.0, 40.0, 440.0), (190.0, 40.0, 440.0)])
    assert [cell.text() for cell in merged[0]] == ["Budget", "plan for 2031-32 agreed"]
