"""Header blocks of reports and decision forms, read by labels (hand-built Documents)."""

from __future__ import annotations

from councilsearch.model import Document
from councilsearch.parse import parse
from councilsearch.parse.header import read_header
from councilsearch.parse.people import is_member, is_officer, names_in_list, split_person
from documents import line_document


def make_document(*pages: list[str], fmt: str = "pdf", path: str = "x.pdf") -> Document:
    return line_document(*pages, fmt=fmt, path=path)

SEED_TABLE = [
    "Committee: Executive | Agenda Item No.: 14",
    "Date: 17 March 2014 | Status | Open",
    "Subject: Delivering Differently",
    "Report by: Executive Director - Operations",
    "Other Officers Involved | Chief Executive, Executive Director - Transformation",
    "Director | Executive Director - Operations",
    "Relevant Portfolio Holder | Leader of the Council",
    "",
    "**1 Background Information",
    "",
    "1.1 The Council has a well established Strategic Alliance with a neighbouring council",
    ">which has secured significant financial savings.",
    "",
    "1.2 Over recent weeks Officers have been exploring two options.",
    "",
    "**14 Recommendations",
    "",
    "14.1 That Members note the report and request further reports.",
    "",
    "14.2 That Executive agrees to allow an amount of £15,000 from Efficiency Grant.",
    "",
    "**Background Papers",
    "",
    "None.",
]


def test_seed_table_header_fields():
    paper = parse(make_document(SEED_TABLE), "bolsover/exec/2014-03-17/delivering.pdf")
    assert paper.doc_type == "report"
    assert paper.committee == "Executive"
    assert paper.date == "2014-03-17"
    assert paper.agenda_item == "14"
    assert paper.status == "Open"
    assert paper.title == "Delivering Differently"
    assert paper.portfolio_holder == "Leader of the Council"
    assert [a.name for a in paper.authors] == ["Executive Director - Operations"]
    assert paper.source_folder == "bolsover"
    assert paper.pages == 1 and paper.format == "pdf"
    assert not paper.exempt


def test_seed_table_paragraphs_keep_number_heading_and_exact_text():
    paper = parse(make_document(SEED_TABLE), "x/y.pdf")
    para = next(p for p in paper.paragraphs if p.number == "1.1")
    assert para.heading == "Background Information" and para.section == "1"
    assert para.text == (
        "The Council has a well established Strategic Alliance with a neighbouring council "
        "which has secured significant financial savings."
    )
    assert para.page == 1
    assert [p.number for p in paper.paragraphs if p.kind == "recommendation"] == ["14.1", "14.2"]
    assert paper.recommendations[0] == "That Members note the report and request further reports."


KENT_REPORT = [
    "From: Susan Chalk, Cabinet Member for Integrated",
    ">>>Children’s Services",
    "",
    ">>>David Walsh, Cabinet Member for Adult Social Care",
    "",
    ">>>Dr Sarah Hammond, Corporate Director, Children, Young",
    ">>>People and Education",
    "",
    "To: Cabinet - 30 January 2025",
    "",
    "Subject: Transfer the 18-25 section of the Strengthening",
    ">>>Independence Service",
    "",
    "Decision no: 24/00109",
    "Key Decision: Yes - It affects more than 2 Electoral Divisions",
    "Classification: Unrestricted",
    "Electoral Division: All",
    "",
    "Summary: Transitions involve facilitating young people’s move.",
    "",
    "**Recommendation(s):",
    "Cabinet is asked to:",
    "",
    ">A. Agree to MOVE the youth support functions delivered by the 16-19 section;",
    ">and",
    "",
    ">B. DELEGATE authority to the Corporate Director of Adult Social Care.",
    "",
    "**1. Introduction",
    "1.1 Transitions is the process of a minor moving into legal adulthood.",
]


def test_kent_from_to_block_members_and_directors():
    paper = parse(make_document(KENT_REPORT), "kent-cc/cabinet/2025-01-30/originals/24-00109.pdf")
    assert paper.committee == "Cabinet"
    assert paper.date == "2025-01-30"
    assert paper.title == "Transfer the 18-25 section of the Strengthening Independence Service"
    assert [(p.name, p.role) for p in paper.portfolio_holders] == [
        ("Susan Chalk", "Cabinet Member for Integrated Children’s Services"),
        ("David Walsh", "Cabinet Member for Adult Social Care"),
    ]
    assert [(p.name, p.role) for p in paper.authors] == [
        ("Sarah Hammond", "Corporate Director, Children, Young People and Education")
    ]
    assert paper.decision_number == "24/00109"
    assert paper.key_decision is True
    assert paper.classification == "Unrestricted"
    assert paper.doc_type == "report"
    assert len(paper.recommendations) == 2
    assert paper.recommendations[0].startswith("Agree to MOVE")
    assert paper.recommendations[0].endswith("section; and")


def test_kent_labels_printed_after_their_values():
    lines = [
        "From: Robert Gale, Leader",
        ">>>Cabinet – 30 January 2025",
        ">>>Integrated Care Strategy Delivery Plan",
        "To:",
        "Subject:",
        "Decision no: 24/00115",
        "Classification: Unrestricted",
    ]
    paper = parse(make_document(lines), "k/report.pdf")
    assert paper.committee == "Cabinet"
    assert paper.date == "2025-01-30"
    assert paper.title == "Integrated Care Strategy Delivery Plan"
    assert paper.portfolio_holder == "Robert Gale"
    assert paper.decision_number == "24/00115"


PROD = [
    "**KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION",
    "**DECISION TO BE TAKEN BY: DECISION NO:",
    ">>>>>>>>24/00096",
    ">>>Cabinet",
    "",
    "For publication [Do not include information which is exempt from publication under schedule 12a]",
    "**Key decision: YES",
    "",
    "**Subject Matter / Title of Decision",
    "**School Places Plan for Ashdown 2026-30",
    "",
    "**Decision:",
    "Cabinet agree to:",
    "",
    "A) the School Places Plan for Ashdown 2026-30",
    "",
    "**Reason(s) for decision:",
    "A report will be presented to Cabinet on 30 January 2025.",
]


def test_record_of_decision_form_with_labels_before_values():
    paper = parse(make_document(PROD), "kent-cc/cabinet/originals/24-00096 - PRoD.pdf")
    assert paper.doc_type == "decision"
    assert paper.committee == "Cabinet"
    assert paper.decision_number == "24/00096"
    assert paper.key_decision is True
    assert paper.title == "School Places Plan for Ashdown 2026-30"
    assert paper.classification == "For publication"
    assert not paper.exempt  # "Do not include information which is exempt" is an instruction
    assert paper.recommendations == ["the School Places Plan for Ashdown 2026-30"]
    assert paper.date == "2025-01-30"  # from "presented to Cabinet on ..."


def test_read_header_queues_labels_and_routes_values_by_shape():
    document = make_document(PROD)
    header = read_header(document.pages[0].lines)
    assert header.get("committee") == "Cabinet"
    assert header.get("decision_number") == "24/00096"


def test_people_names_roles_and_honorifics():
    assert split_person("Robert Gale, Leader") .name == "Robert Gale"
    ghosh = split_person("Dr Anjan Ghosh, Director of Public Health")
    assert (ghosh.name, ghosh.role) == ("Anjan Ghosh", "Director of Public Health")
    assert is_officer(ghosh) and not is_member(ghosh)
    murphy = split_person("Dennis Marsh – Cabinet Member for Economic Development")
    assert (murphy.name, murphy.role) == ("Dennis Marsh", "Cabinet Member for Economic Development")
    assert is_member(murphy)
    assert split_person("Cllr Mrs Jane Smith").name == "Jane Smith"
    people = names_in_list("David Whittle, Director of Strategy, Ben Watts, General Counsel")
    assert [p.name for p in people] == ["David Whittle", "Ben Watts"]


def test_body_report_authors_used_when_from_names_only_the_leader():
    lines = [
        "From: Robert Gale, Leader of the Council",
        "To: County Council – 9th January 2025",
        "Subject: Regional Governance Green Paper",
        "Classification: Unrestricted",
        "",
        "**7. Contact details",
        "Report Authors: David Whittle, Director of Strategy",
        "Ben Watts, General Counsel",
    ]
    paper = parse(make_document(lines), "k/devolution.pdf")
    assert paper.committee == "County Council"
    assert paper.date == "2025-01-09"
    assert paper.portfolio_holder == "Robert Gale"
    assert [p.name for p in paper.authors] == ["David Whittle", "Ben Watts"]


def test_from_block_with_role_first_people_printed_tight():
    lines = [
        "From: Deputy Leader and Cabinet Member for Finance, Corporate and",
        ">>>Traded Services, Paul Oakley",
        ">>>Interim Corporate Director Finance, John Betts",
        ">>>Richard Smith, Corporate Director, Adult Social Care",
        ">>>and Health",
        "To: Cabinet, 30 January 2025",
        "Subject: Revenue and Capital Budget Monitoring Report",
    ]
    paper = parse(make_document(lines), "k/monitoring.pdf")
    assert [(p.name, p.role) for p in paper.portfolio_holders] == [
        ("Paul Oakley", "Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services")
    ]
    assert [p.name for p in paper.authors] == ["John Betts", "Richard Smith"]
    assert (paper.committee, paper.date) == ("Cabinet", "2025-01-30")


def test_other_councils_label_spellings():
    lines = [
        "Report to: Cabinet",
        "Date of meeting: 12 June 2024",
        "Report of: Director of Place",
        "Cabinet Member: Councillor Jane Smith, Cabinet Member for Highways",
        "Report title: Highways Asset Management Plan",
        "Wards affected: All",
        "Key decision: No",
        "Date of report: 1 June 2024",
    ]
    paper = parse(make_document(lines), "other-council/cabinet/report.pdf")
    assert (paper.committee, paper.date) == ("Cabinet", "2024-06-12")
    assert paper.title == "Highways Asset Management Plan"
    assert paper.portfolio_holder == "Jane Smith"
    assert [a.name for a in paper.authors] == ["Director of Place"]
    assert paper.key_decision is False
