"""The parse stage on real files: a PDF generated here, and real papers from the shared corpus.

Corpus tests skip cleanly when ../shared/corpus is absent (it is kept out of the repository).
Expected values come from the hand labels in ../shared/eval/dev_metadata.jsonl.
"""

from __future__ import annotations

from pathlib import Path

from councilsearch.demo.pdfwriter import PdfWriter
from councilsearch.extract import extract
from councilsearch.parse import parse
from councilsearch.parse.sidecar import find_sidecar


def test_generated_pdf_through_extract_and_parse(tmp_path):
    w = PdfWriter()
    w.add_page()
    y = 72
    for label, value in [("From:", "Jane Doe, Cabinet Member for Highways"), ("", "John Roe, Corporate Director of Growth"),
                         ("To:", "Cabinet – 4 March 2025"), ("Subject:", "Pothole repair programme"),
                         ("Classification:", "Unrestricted")]:
        if label:
            w.text(72, y, label, "Helvetica", 12)
        w.text(200, y, value, "Helvetica", 12)
        y += 28
    w.text(72, y + 10, "Recommendation(s):", "Helvetica-Bold", 12)
    w.text(72, y + 38, "Cabinet is asked to:", "Helvetica", 12)
    w.text(90, y + 66, "a) AGREE the pothole repair programme for 2025-26", "Helvetica", 12)
    w.text(90, y + 94, "b) NOTE the budget of £2.5m", "Helvetica", 12)
    w.text(72, y + 140, "1. Introduction", "Helvetica-Bold", 12)
    w.text(72, y + 168, "1.1 The council repairs about 40,000 potholes a year.", "Helvetica", 12)
    path = tmp_path / "cabinet" / "report.pdf"
    path.parent.mkdir()
    w.save(path)

    paper = parse(extract(path), "cabinet/report.pdf")
    assert paper.doc_type == "report"
    assert (paper.committee, paper.date) == ("Cabinet", "2025-03-04")
    assert paper.title == "Pothole repair programme"
    assert paper.portfolio_holder == "Jane Doe"
    assert [a.name for a in paper.authors] == ["John Roe"]
    assert paper.recommendations == ["AGREE the pothole repair programme for 2025-26", "NOTE the budget of £2.5m"]
    para = next(p for p in paper.paragraphs if p.number == "1.1")
    assert para.text == "The council repairs about 40,000 potholes a year."
    assert para.heading == "Introduction"


def _parse_real(corpus_dir: Path, relative: str):
    path = corpus_dir / relative
    return parse(extract(path), relative, find_sidecar(path, corpus_dir, None))


def test_real_kent_report(corpus_dir):
    paper = _parse_real(corpus_dir, "kent-cc/cabinet/2025-03-04/originals/Adoption of the Kent Minerals and Waste Local Plan 2024-2039.pdf")
    assert paper.doc_type == "report"
    assert (paper.committee, paper.date) == ("Cabinet", "2025-03-04")
    assert paper.title == "Adoption of the Kent Minerals and Waste Local Plan 2024-2039"
    assert paper.portfolio_holder == "Derek Murphy"
    assert [a.name for a in paper.authors] == ["Simon Jones"]
    assert paper.classification == "Unrestricted"
    assert len(paper.recommendations) == 3
    assert "the examination of the Kent Minerals and Waste Local Plan" in " ".join(paper.recommendations[0].split())
    assert not paper.exempt


def test_real_public_pack_decision_form(corpus_dir):
    paper = _parse_real(corpus_dir, "kent-cc/cabinet/2025-01-30/public_packs/24-00096 - PROD 30th-Jan-2025 10.00 Cabinet.pdf")
    assert paper.doc_type == "decision"
    assert (paper.committee, paper.date, paper.agenda_item) == ("Cabinet", "2025-01-30", "9")
    assert paper.title == "Commissioning Plan for Education Provision in Kent 2025-29"
    assert paper.decision_number == "24/00096"
    assert len(paper.recommendations) == 1


def test_real_parish_minutes(corpus_dir):
    paper = _parse_real(corpus_dir, "hertingfordbury-pc/minutes/2015/minutes-20150610.pdf")
    assert paper.doc_type == "minutes"
    assert (paper.committee, paper.date) == ("Hertingfordbury Parish Council", "2015-06-10")
    assert paper.portfolio_holder == "G. O’Leary"
    assert len(paper.recommendations) == 2
    assert "The financial statement to 31st May 2015 be approved" in paper.recommendations[0]


def test_real_headerless_text_minutes(corpus_dir):
    paper = _parse_real(corpus_dir, "wye-valley-cc/minutes/20240819.txt")
    assert paper.doc_type == "minutes"
    assert paper.date == "2024-08-19"
    assert paper.recommendations == []
    assert any(p.number == "3749" for p in paper.paragraphs)
