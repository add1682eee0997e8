"""Recommendations and resolutions in the forms councils print them."""

from __future__ import annotations

import pytest

from councilsearch.model import Document
from councilsearch.parse import parse
from documents import line_document


def make_document(specs: list[str]) -> Document:
    return line_document(specs, right_edge=0.0, page_size=(0.0, 0.0))

KENT_HEAD = ["From: Dennis Marsh, Cabinet Member for Economic Development", "To: Cabinet – 4 March 2025", "Subject: A plan", ""]


@pytest.mark.parametrize(
    "items",
    [
        ["a) NOTE the forecast revenue overspend", "b) AGREE the capital changes", "c) Note the reserves"],
        ["(i) NOTE the forecast revenue overspend", "(ii) AGREE the capital changes", "(iii) Note the reserves"],
        ["1) NOTE the forecast revenue overspend", "2) AGREE the capital changes", "3) Note the reserves"],
        ["(1) NOTE the forecast revenue overspend", "(2) AGREE the capital changes", "(3) Note the reserves"],
        ["A. NOTE the forecast revenue overspend", "B. AGREE the capital changes", "C. Note the reserves"],
    ],
)
def test_each_enumerated_item_is_one_recommendation(items):
    specs = KENT_HEAD + ["**Recommendation(s):", "Cabinet is asked to:", ""]
    for item in items:
        specs += [">" + item, ""]
    specs += ["**1. Introduction", "1.1 Some background text."]
    paper = parse(make_document(specs), "k/report.pdf")
    assert paper.recommendations == ["NOTE the forecast revenue overspend", "AGREE the capital changes", "Note the reserves"]
    kinds = [p.kind for p in paper.paragraphs]
    assert kinds.count("recommendation") == 3
    intro = next(p for p in paper.paragraphs if p.text == "Cabinet is asked to:")
    assert intro.kind == "text"


def test_block_without_items_is_one_recommendation():
    specs = KENT_HEAD + [
        "**Recommendation(s):",
        "Cabinet is asked to consider and agree to the decision set out in the attached form as attached.",
        "",
        "**1. Introduction",
        "1.1 Text.",
    ]
    paper = parse(make_document(specs), "k/report.pdf")
    assert paper.recommendations == ["Cabinet is asked to consider and agree to the decision set out in the attached form as attached."]


def test_recommendations_repeated_in_a_later_section_are_not_counted_twice():
    specs = KENT_HEAD + [
        "**Recommendation(s):",
        "Cabinet is asked to",
        "(i) NOTE the Inspector’s Report",
        "(ii) AGREE to adopt the Plan",
        "",
        "**1. Introduction",
        "1.1 Text.",
        "",
        "**11. Recommendations",
        "(i) NOTE the Inspector’s Report",
        "(ii) AGREE to adopt the Plan",
        "",
        "**12. Background documents",
        "None.",
    ]
    paper = parse(make_document(specs), "k/report.pdf")
    assert paper.recommendations == ["NOTE the Inspector’s Report", "AGREE to adopt the Plan"]
    # Both copies are still marked, so search can find them as decisions.
    assert sum(p.kind == "recommendation" for p in paper.paragraphs) == 4


def test_numbered_recommendation_section_like_the_seed():
    specs = [
        "Committee: Executive | Agenda Item No.: 14",
        "Subject: Delivering Differently",
        "",
        "**14 Recommendations",
        "",
        "14.1 That Members note the report.",
        "",
        "14.2 That Executive agrees to allow £15,000 from Efficiency Grant.",
    ]
    paper = parse(make_document(specs), "b/report.pdf")
    assert paper.recommendations == ["That Members note the report.", "That Executive agrees to allow £15,000 from Efficiency Grant."]


def test_minutes_count_one_resolution_per_resolved_block_with_items_folded_in():
    specs = [
        "**MINUTES OF A MEETING OF TEST PARISH COUNCIL HELD ON 10TH JUNE 2015",
        "",
        "**10. FINANCE",
        ">It was RESOLVED that:",
        ">a) The accounts summary to 31st May 2015 be approved",
        ">b) The schedule of payments due be approved",
        "",
        ">The Clerk reported on payroll.",
        "",
        "**12. PLANNING",
        ">RESOLVED that the Council has no objection to 3/15/0832/HH.",
        "",
        "**13. GRANTS",
        ">It was agreed that the grant be paid.",
    ]
    paper = parse(make_document(specs), "test-pc/minutes/minutes-20150610.pdf")
    assert paper.doc_type == "minutes"
    assert len(paper.recommendations) == 2
    assert paper.recommendations[0] == (
        "It was RESOLVED that: a) The accounts summary to 31st May 2015 be approved "
        "b) The schedule of payments due be approved"
    )
    assert paper.recommendations[1].startswith("RESOLVED that the Council has no objection")
    assert [p.kind for p in paper.paragraphs].count("resolution") == 4
    narrative = next(p for p in paper.paragraphs if p.text.startswith("It was agreed"))
    assert narrative.kind == "text"


def test_a_paper_without_recommendations_has_none():
    paper = parse(make_document(["**Glossary of terms", "", "Capital: money spent on assets."]), "k/glossary.pdf")
    assert paper.recommendations == []
    assert all(p.kind == "text" for p in paper.paragraphs)


def test_numbered_resolutions_in_minutes_run_to_carried():
    specs = [
        "**MINUTES",
        "A regular meeting of the Township of Testville Council was held on Tuesday, October 1, 2024.",
        "",
        "**R2024-194 S. Foote, D. Yemm:",
        "That we pass By-Law Number 2024-44.",
        "Read a first, second and third time and passed. Carried.",
        "",
        "**R2024-195 S. Kerrigan, J. Scott:",
        "That we accept the correspondence as presented. Carried.",
        "",
        "Councillor Foote left the Council table.",
    ]
    paper = parse(make_document(specs), "testville/2024/Minutes-October-1-2024.pdf")
    assert paper.doc_type == "minutes"
    assert paper.date == "2024-10-01"
    assert paper.recommendations == [
        "That we pass By-Law Number 2024-44. Read a first, second and third time and passed. Carried.",
        "That we accept the correspondence as presented. Carried.",
    ]
    left = next(p for p in paper.paragraphs if p.text.startswith("Councillor Foote left"))
    assert left.kind == "text"


def test_agenda_items_are_never_recommendations():
    specs = [
        "**AGENDA",
        "You are summoned to a meeting of Test Parish Council on Monday 7th January 2019.",
        "**Recommendations",
        "a) To approve the budget",
    ]
    paper = parse(make_document(specs), "test/agenda.pdf")
    assert paper.doc_type == "agenda"
    assert paper.recommendations == []


def test_narrative_lower_case_resolved_is_not_a_resolution():
    specs = [
        "**MINUTES OF A MEETING OF TEST PARISH COUNCIL HELD ON 14TH JULY 2020",
        "",
        "20.07.01 Election of Chair The Councillors nominated and resolved that Councillor Richardson remain as Chair.",
        "",
        "20.07.02 Resolved: that the accounts be approved.",
        "",
        "20.07.03 Planning. It was resolved that the Chairman will draft a letter.",
    ]
    paper = parse(make_document(specs), "test-pc/minutes/minutes_2020-07-14_.pdf")
    assert paper.recommendations == [
        "Resolved: that the accounts be approved.",
        "Planning. It was resolved that the Chairman will draft a letter.",
    ]
    assert [p.kind for p in paper.paragraphs] == ["text", "resolution", "resolution"]
