"""Exempt and confidential papers are flagged; public papers that mention Part II are not."""

from __future__ import annotations

import pytest

from councilsearch.model import Document, Line, Page
from councilsearch.parse import parse
from councilsearch.parse.exempt import classification_exempt


def make_document(specs: list[str]) -> Document:
    page = Page(number=1)
    for i, spec in enumerate(specs):
        bold = spec.startswith("**")
        text = spec[2:] if bold else spec
        page.lines.append(Line(text=text, page=1, x0=72, top=60 + 14 * i, bottom=72 + 14 * i, size=12, bold=bold))
    return Document(path="x.pdf", format="pdf", pages=[page])


@pytest.mark.parametrize(
    "value, exempt",
    [
        ("Exempt", True),
        ("Exempt - paragraph 3 of Schedule 12A", True),
        ("Confidential", True),
        ("Part II", True),
        ("Part 2 - not for publication", True),
        ("Not for publication", True),
        ("Unrestricted", False),
        ("For publication", False),
        ("Open", False),
        ("Part I", False),
        (None, False),
    ],
)
def test_classification_values(value, exempt):
    assert classification_exempt(value) is exempt


def test_exempt_classification_in_the_header():
    paper = parse(make_document([
        "From: Paul Oakley, Cabinet Member for Finance",
        "To: Cabinet – 4 March 2025",
        "Subject: Sale of a property",
        "Classification: Exempt - paragraph 3 of Part 1 of Schedule 12A",
    ]), "k/report.pdf")
    assert paper.exempt
    assert "Exempt" in paper.exempt_reason


def test_part_two_status_in_a_table_header():
    paper = parse(make_document([
        "Committee: Executive | Agenda Item No.: 9",
        "Date: 17 March 2014 | Status | Part II",
        "Subject: Staffing restructure",
    ]), "b/report.pdf")
    assert paper.exempt
    assert paper.exempt_reason.startswith("status")


def test_front_page_marking():
    paper = parse(make_document([
        "**NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972",
        "**Appendix B - Tender evaluation",
        "The bids were scored as follows.",
    ]), "k/appendix-b.pdf")
    assert paper.exempt


def test_public_agenda_listing_a_part_two_item_is_not_exempt():
    paper = parse(make_document([
        "**AGENDA",
        "1. Apologies",
        "2. Minutes of the last meeting",
        "9. Exclusion of the press and public - Part II item: Confidential staffing matter",
        "10. Confidential - staffing matter (Part 2, not for publication)",
        "PART 2 - EXEMPT ITEMS",
        "CONFIDENTIAL: report on a staffing matter",
    ]), "p/agenda-20190109.pdf")
    assert paper.doc_type == "agenda"
    assert not paper.exempt


def test_public_decision_form_instruction_is_not_a_marking():
    paper = parse(make_document([
        "**KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION",
        "For publication [Do not include information which is exempt from publication under schedule 12a]",
        "**Subject Matter / Title of Decision: A plan",
    ]), "k/prod.pdf")
    assert paper.classification == "For publication"
    assert not paper.exempt


@pytest.mark.parametrize("answer, exempt", [("Yes - paragraph 3 of Schedule 12A", True), ("No", False), ("None", False)])
def test_exempt_information_label_answered(answer, exempt):
    paper = parse(make_document([
        "Report to: Cabinet",
        "Date of meeting: 12 June 2024",
        "Report title: Disposal of land at Mill Lane",
        f"Exempt information: {answer}",
    ]), "c/report.pdf")
    assert paper.exempt is exempt
