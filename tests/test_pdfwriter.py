"""The demo PDF writer: valid, deterministic files that pdfminer reads back."""

from __future__ import annotations

import io

import pytest
from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFPasswordIncorrect

from councilsearch.demo.pdfwriter import PdfWriter


def _sample(**kwargs) -> PdfWriter:
    w = PdfWriter(info={"Title": "Budget report", "Author": "Finance"}, **kwargs)
    w.add_page()
    w.text(72, 72, "Budget £5m – ‘agreed’ € (draft) \\ 2025", "Helvetica-Bold", 14)
    w.paragraph(72, 100, 300, "The council will consider the revenue budget and capital programme. " * 4, justify=True)
    w.rect(60, 60, 400, 300)
    w.line(60, 400, 460, 400)
    w.add_page()
    w.text(72, 72, "Second page in Times", "Times-Roman", 11)
    return w


def test_same_input_gives_same_bytes():
    assert _sample().to_bytes() == _sample().to_bytes()
    assert _sample(encrypt_user_password="pw").to_bytes() == _sample(encrypt_user_password="pw").to_bytes()


def test_text_round_trips_through_pdfminer_with_cp1252_characters():
    data = _sample().to_bytes()
    text = extract_text(io.BytesIO(data))
    assert "Budget £5m – ‘agreed’ € (draft) \\ 2025" in text
    assert "Second page in Times" in text
    assert " ".join(text.split()).count("revenue budget") == 4


def test_unencodable_characters_become_question_marks():
    w = PdfWriter()
    w.text(72, 72, "Zoë ☃ ok")
    assert "Zoë ? ok" in extract_text(io.BytesIO(w.to_bytes()))


def test_text_is_placed_from_the_top_of_the_page():
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    w = PdfWriter(width=600, height=800)
    w.text(100, 50, "Top line", size=10)
    page = next(extract_pages(io.BytesIO(w.to_bytes())))
    box = next(el for el in page if isinstance(el, LTTextContainer))
    assert box.x0 == pytest.approx(100, abs=0.5)
    # Baseline 50 from the top: the glyph box bottom sits just below it (Helvetica descent).
    assert 800 - box.y0 == pytest.approx(50 + 2.07, abs=0.5)


def test_text_width_uses_font_metrics():
    assert PdfWriter.text_width("Hello", "Helvetica", 10) == pytest.approx(22.78, abs=0.01)
    assert PdfWriter.text_width("Hello", "Helvetica-Bold", 10) > PdfWriter.text_width("Hello", "Helvetica", 10)
    with pytest.raises(ValueError):
        PdfWriter.text_width("x", "Comic-Sans")


def test_wrap_keeps_lines_within_width():
    text = "one two three four five six seven eight nine ten " * 5
    lines = PdfWriter.wrap(text, 120)
    assert len(lines) > 3
    assert all(PdfWriter.text_width(line) <= 120 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_paragraph_returns_y_below_last_line_and_justifies():
    w = PdfWriter()
    y = w.paragraph(72, 100, 200, "word " * 40, size=10, leading=12, justify=True)
    n = len(PdfWriter.wrap("word " * 40, 200))
    assert y == pytest.approx(100 + 12 * n)
    text = extract_text(io.BytesIO(w.to_bytes()))
    assert text.split() == ["word"] * 40


def test_encrypted_pdf_needs_the_password():
    data = _sample(encrypt_user_password="secret").to_bytes()
    assert b"/Encrypt" in data
    with pytest.raises(PDFPasswordIncorrect):
        extract_text(io.BytesIO(data))
    assert "Second page in Times" in extract_text(io.BytesIO(data), password="secret")


def test_info_dictionary_is_written(tmp_path):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    path = tmp_path / "x.pdf"
    _sample().save(path)
    with open(path, "rb") as fp:
        info = PDFDocument(PDFParser(fp)).info[0]
    assert info["Title"].decode("utf-16") == "Budget report"
