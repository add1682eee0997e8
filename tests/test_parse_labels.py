"""General header rules found by scoring the generated demo council (hand-built Documents):
decision-maker labels, a bordered table's wrapped "Relevant Portfolio Holder" label, "Not
applicable" holders, appendices that name their meeting, and running headers that are not
a council's name."""

from __future__ import annotations

from councilsearch.model import Document, Page
from councilsearch.parse import parse
from councilsearch.parse.header import join_wrapped_labels, read_header
from councilsearch.parse.meeting import appendix_of, council_heading
from documents import line_document


def make_document(*pages: list[str], fmt: str = "pdf", path: str = "x.pdf") -> Document:
    return line_document(*pages, fmt=fmt, path=path)

DECISION_NOTICE = [
    "**RECORD OF EXECUTIVE DECISION",
    "",
    "**Decision No.: ED/2024/003",
    "**Decision taken by: Cabinet",
    "**Date of decision: 12 March 2024",
    "Subject: Award of Contract for Street Cleansing",
    "Portfolio Holder: Councillor Jane Smith (Environment)",
    "**Key decision: Yes",
    "",
    "**Decision",
    "1. That the contract for street cleansing be awarded to Acme Ltd.",
    "2. That authority be delegated to the Director of Place to finalise the terms.",
    "",
    "**Reasons for the decision",
    "The tender offered the best value.",
]


def test_decision_taken_by_names_the_committee_and_numbered_decisions_count():
    paper = parse(make_document(DECISION_NOTICE), "council/cabinet/notice.pdf")
    assert paper.doc_type == "decision"
    assert paper.committee == "Cabinet"
    assert paper.date == "2024-03-12"
    assert paper.decision_number == "2024/003"
    assert paper.title == "Award of Contract for Street Cleansing"
    assert paper.portfolio_holder == "Jane Smith"
    assert len(paper.recommendations) == 2
    assert paper.recommendations[0].startswith("That the contract")


def test_decision_maker_label_variants():
    for label in ("Decision maker:", "Decision-maker:", "Decision made by:", "Decided by:"):
        header = read_header(make_document([f"{label} Planning Committee", "Subject: Tree works"]).pages[0].lines)
        assert header.get("committee") == "Planning Committee", label


BORDERED_TABLE = [
    "**Cleaner Streets",
    "Committee: Executive | Agenda Item No.: 6",
    "Date: 10th October 2022 | Status | Open",
    "Subject: Cleaner Streets",
    "Report by: Head of Environmental Services",
    "Director | Director of Place",
    "Relevant Portfolio | Councillor Lorna Lowther, Portfolio Holder for Environment",
    "**Holder",
    "",
    "**1 Purpose of the Report",
    "1.1 To seek approval for a new street cleansing regime.",
]


def test_wrapped_relevant_portfolio_holder_label_in_a_bordered_table():
    paper = parse(make_document(BORDERED_TABLE), "council/executive/2022-10-10/06-streets.pdf")
    assert paper.committee == "Executive"
    assert paper.portfolio_holder == "Lorna Lowther"
    assert paper.agenda_item == "6"


def test_a_short_line_under_a_row_that_makes_no_label_is_left_alone():
    lines = make_document(["Bidder | Score", "**Total", "Alpha | 79"]).pages[0].lines
    assert [line.text for line in join_wrapped_labels(lines)] == ["Bidder | Score", "Total", "Alpha | 79"]


def test_a_label_tail_far_below_the_row_is_not_joined():
    lines = make_document(["Relevant Portfolio | Councillor A Person", "", "", "", "Holder"]).pages[0].lines
    assert len(join_wrapped_labels(lines)) == 2


def test_not_applicable_portfolio_holder_is_nobody():
    for value in ("Not applicable", "N/A", "None"):
        rows = [row if not row.startswith("Relevant Portfolio") else f"Relevant Portfolio Holder | {value}"
                for row in BORDERED_TABLE if row != "**Holder"]
        paper = parse(make_document(rows), "council/planning/2022-10-10/06-streets.pdf")
        assert paper.portfolio_holder is None, value


def test_appendix_inherits_meeting_from_its_agenda_item_line():
    doc = make_document([
        "**Appendix A: Tender Evaluation Summary",
        "",
        "Appendix A to agenda item 4, Award of Contract for Grounds Maintenance, Executive, 13 June",
        "2022",
        "Bidder | Quality (60) | Price (40)",
        "Bidder A | 46 | 33",
    ])
    paper = parse(doc, "council/papers/appendix-a-tender.pdf")
    assert paper.doc_type == "appendix"
    assert (paper.committee, paper.date, paper.agenda_item) == ("Executive", "2022-06-13", "4")


def test_appendix_to_the_report_to_a_committee():
    doc = make_document(["**Appendix B to the report to Cabinet, 12 March 2024", "", "Consultation responses"])
    found = appendix_of(doc.pages[0].lines)
    assert (found.committee, found.date, found.agenda_item) == ("Cabinet", "2024-03-12", None)
    paper = parse(doc, "council/papers/appendix-b.pdf")
    assert (paper.committee, paper.date) == ("Cabinet", "2024-03-12")


def test_appendix_header_wins_over_its_reference_line():
    doc = make_document([
        "**Appendix A",
        "Appendix A to the report to Cabinet, 12 March 2024",
        "Committee: Audit Committee",
        "Date: 19 March 2024",
        "Subject: Risk register",
    ])
    paper = parse(doc, "council/papers/appendix-a-risk.pdf")
    assert (paper.committee, paper.date) == ("Audit Committee", "2024-03-19")


def test_prose_about_an_appendix_is_not_a_reference_line():
    assert appendix_of(make_document(["The appendix sets out the figures for 2024."]).pages[0].lines) is None


def test_running_header_naming_the_meeting_is_not_the_council():
    lines = make_document(["Council – 13 July 2022", "**HARROWMERE DISTRICT COUNCIL",
                           "**Minutes of the meeting of the Council held on Wednesday 13 July 2022"]).pages[0].lines
    assert council_heading(lines) == "Harrowmere District Council"
    paper = parse(Document(path="m.pdf", format="pdf", pages=[Page(number=1, lines=lines)]), "x/council/minutes.pdf")
    assert paper.committee == "Harrowmere District Council"
    assert paper.date == "2022-07-13"


def test_post_only_author_gives_way_to_the_named_contact_officer():
    rows = [row for row in BORDERED_TABLE if row != "**Holder"] + [
        "", "**Background Papers", "None.",
        "Contact Officer: Jane Doe, Head of Environmental Services. Telephone 01632 960123.",
    ]
    paper = parse(make_document(rows), "council/executive/2022-10-10/06-streets.pdf")
    assert [a.name for a in paper.authors] == ["Jane Doe"]


def test_post_only_author_stays_when_no_one_is_named():
    paper = parse(make_document([row for row in BORDERED_TABLE if row != "**Holder"]), "c/executive/x.pdf")
    assert [a.name for a in paper.authors] == ["Head of Environmental Services"]


def test_open_status_is_the_papers_classification():
    paper = parse(make_document(BORDERED_TABLE), "council/executive/2022-10-10/06-streets.pdf")
    assert paper.status == "Open"
    assert paper.classification == "Open"
    assert not paper.exempt


def test_markdown_title_is_the_first_heading_above_the_header_labels():
    doc = make_document(["**HARROWMERE DISTRICT COUNCIL", "**Capital Scheme: New Play Area", "Report to: Executive",
                         "Date of meeting: 13/02/2023", "Agenda item: 5", "**1 Purpose of the Report",
                         "1.1 To seek approval."], fmt="md", path="x.md")
    for page in doc.pages:  # Markdown has no positions or sizes: line index as top, size 0
        for i, line in enumerate(page.lines):
            line.top, line.bottom, line.size, line.x0 = float(i), float(i), 0.0, 0.0
    paper = parse(doc, "council/executive/2023-02-13/05-play-area.md")
    assert paper.title == "Capital Scheme: New Play Area"
    assert paper.committee == "Executive"


def test_second_column_text_far_below_a_header_value_does_not_continue_it():
    doc = make_document([
        "Committee: Executive | Agenda Item No.: 7",
        "Subject: Play Area",
        "Relevant Portfolio Holder | Councillor Kiran Lister, Portfolio Holder for Leisure",
        "", "",
        ">>>>>>3.3 Regular progress reports will be provided to",
    ])
    paper = parse(doc, "council/executive/2024-07-08/07-play.pdf")
    assert paper.portfolio_holder == "Kiran Lister"
