"""Extraction on a few real council papers from ../shared/corpus (skipped where absent)."""

from __future__ import annotations

import pytest

from councilsearch.extract import ExtractionError, extract

pytestmark = pytest.mark.corpus

KENT_REPORT = "kent-cc/cabinet/2025-01-30/originals/24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf"


@pytest.fixture(scope="module")
def kent_report(corpus_dir):
    return extract(corpus_dir / KENT_REPORT)


def _numbered(doc) -> dict:
    return {line.number: line for page in doc.pages for line in page.lines if line.number}


def test_kent_report_paragraph_numbers_attach_to_their_own_text(kent_report):
    doc = kent_report
    numbered = _numbered(doc)
    # Read from the report: each number starts its own paragraph's first line.
    assert numbered["1.1"].text.startswith("1.1 The County Council is the Strategic Commissioner of Education")
    assert numbered["1.2"].text.startswith("1.2 The KCP sets out the principles by which we determine proposals")
    assert numbered["2.4"].text.startswith("2.4 As in previous years, the numbers of pupils")
    assert numbered["1.1"].page == 1 and numbered["2.4"].page == 2
    texts = [line.text for line in doc.pages[0].lines]
    # Header labels stay with their values.
    assert "To: Cabinet – 30 January 2025" in texts
    assert "Subject: Commissioning Plan for Education Provision in Kent 2025-29" in texts


def test_kent_report_line_after_a_number_continues_its_paragraph(kent_report):
    doc = kent_report
    lines = [line for page in doc.pages for line in page.lines]
    i = next(i for i, line in enumerate(lines) if line.number == "1.1")
    assert lines[i + 1].text.startswith("Kent. This Commissioning Plan (KCP) sets out how we will carry out")
    assert lines[i + 1].number is None


def test_parish_minutes_numbers(corpus_dir):
    doc = extract(corpus_dir / "hertingfordbury-pc/minutes/2009/minutes-20090610.pdf")
    numbered = _numbered(doc)
    assert numbered["23.1"].text.startswith("23.1 Richard Herbert reported that a map showing the definitive parish boundary")
    assert numbered["28.2.1"].text.startswith("28.2.1 The clerk was asked to chase Highways")


def test_scanned_pdf_has_no_text(corpus_dir):
    with pytest.raises(ExtractionError) as err:
        extract(corpus_dir / "nipissing-twp-ca/2024/Resolution-2024-189.pdf")
    assert err.value.reason == "no_text"


def test_wye_valley_html_fragment_txt(corpus_dir):
    doc = extract(corpus_dir / "wye-valley-cc/agenda/20200928.txt")
    texts = [line.text for line in doc.pages[0].lines]
    assert texts[0] == "2943.Police Report"
    assert "<br" not in doc.text and "&amp;" not in doc.text


def test_limerick_markdown_original_url(corpus_dir):
    path = next((corpus_dir / "limerick-ccc-ie").rglob("*.md"))
    doc = extract(path)
    assert doc.properties["original_url"].startswith("https://www.limerick.ie/")
    assert "[Original file]" not in doc.text
