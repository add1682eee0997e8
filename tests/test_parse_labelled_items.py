"""Minutes whose numbered items open with a bold label and go straight on with their text:
"2479. Repair of Potholes, Quayside Lane: County Councillor Webb checked the" / "ownership
of the lane with ...". The first line is the paragraph's start, not a heading: read as a
heading, it left the paragraph beginning mid-sentence and the label out of its text.

Real PDFs written in the test (councilsearch.demo.pdfwriter), read by the real extractor.
"""

from __future__ import annotations

from councilsearch.demo.pdfwriter import PdfWriter
from councilsearch.extract import extract
from councilsearch.parse import parse

BOLD, PLAIN = "Helvetica-Bold", "Helvetica"


def _mixed_line(w: PdfWriter, y: float, bold: str, plain: str, size: float = 11.0) -> None:
    """One printed line: a bold part, then a plain part on the same baseline."""
    w.text(72, y, bold, BOLD, size)
    w.text(72 + PdfWriter.text_width(bold + " ", BOLD, size), y, plain, PLAIN, size)


def _minutes_pdf(path):
    w = PdfWriter(width=595, height=842)
    w.add_page()
    w.text(72, 60, "ASHCOMBE COMMUNITY COUNCIL", BOLD, 14)
    w.text(72, 90, "Minutes of a meeting of the above Council held on Monday 30th April 2031.", PLAIN, 11)
    _mixed_line(w, 120, "2479. Repair of Potholes, Quayside Lane:", "County Councillor Webb checked the")
    w.text(72, 134, "ownership of the lane with the county. It is not an adopted highway but a by-way.", PLAIN, 11)
    _mixed_line(w, 164, "2480. Footway on the A466 between the Promenade and the car park –", "Clerk")
    w.text(72, 178, "wrote to the county querying its recent closure and will report back.", PLAIN, 11)
    w.text(72, 208, "2481. Correspondence", BOLD, 11)
    w.text(72, 228, "The Clerk reported letters from the bus company and the library service.", PLAIN, 11)
    path.write_bytes(w.to_bytes())
    return str(path)


def _paragraphs(tmp_path):
    path = _minutes_pdf(tmp_path / "minutes.pdf")
    return parse(extract(path), "minutes.pdf").paragraphs


def test_a_numbered_label_running_on_into_its_text_opens_the_paragraph(tmp_path):
    potholes = [p for p in _paragraphs(tmp_path) if "Quayside Lane" in p.text]
    assert len(potholes) == 1
    assert potholes[0].number == "2479"
    assert potholes[0].text.startswith("Repair of Potholes, Quayside Lane: County Councillor Webb checked the ownership")
    assert "Quayside" not in (potholes[0].heading or "")


def test_a_label_whose_text_goes_on_in_lower_case_opens_the_paragraph(tmp_path):
    footway = [p for p in _paragraphs(tmp_path) if "querying its recent closure" in p.text]
    assert len(footway) == 1
    assert footway[0].text.startswith("Footway on the A466")
    assert "Footway" not in (footway[0].heading or "")


def test_a_numbered_title_with_its_text_below_stays_a_heading(tmp_path):
    letters = [p for p in _paragraphs(tmp_path) if "bus company" in p.text]
    assert len(letters) == 1
    assert letters[0].heading == "Correspondence"
    assert letters[0].text.startswith("The Clerk reported")
