"""Which meeting a paper records: minutes headings, summonses, covering letters, dates."""

from __future__ import annotations

import pytest

from councilsearch.model import Document, Line
from councilsearch.parse import parse
from councilsearch.parse.dates import date_from_path, find_dates, first_date
from documents import line_document
from documents import text_document as plain_text_document


def make_document(*pages: list[str], fmt: str = "pdf") -> Document:
    return line_document(*pages, fmt=fmt, path="x", right_edge=0.0, page_size=(0.0, 0.0))

def text_document(text: str, fmt: str = "txt") -> Document:
    return plain_text_document(text, fmt)

@pytest.mark.parametrize(
    "text, iso",
    [
        ("held on 17 March 2014 at", "2014-03-17"),
        ("HELD ON 10TH JUNE 2015 AT 19.30", "2015-06-10"),
        ("CABINET - THURSDAY, 30 JANUARY 2025", "2025-01-30"),
        ("on Monday 25th March 2024", "2024-03-25"),
        ("dated 30/01/2025", "2025-01-30"),
        ("on Monday, 25% March, 2024, at 3pm", "2024-03-25"),
        ('the 22" January 2024 meeting', "2024-01-22"),
        ("Wednesday the 21st March, 2024", "2024-03-21"),
        ("March 5, 2024 Council", "2024-03-05"),
        ("Sept 3rd 2019", "2019-09-03"),
        ("on Tuesday 25™ June, 2024 at 9.30", "2024-06-25"),
    ],
)
def test_dates_in_text(text, iso):
    assert first_date(text) == iso


def test_impossible_dates_are_ignored():
    assert find_dates("31 February 2024 and 45/13/2024") == []


@pytest.mark.parametrize(
    "path, iso",
    [
        ("hartingbury-pc/minutes/2015/minutes-20150610.pdf", "2015-06-10"),
        ("tinbury-valley-cc/agenda/20190107.pdf", "2019-01-07"),
        ("kent-cc/cabinet/2025-01-30/originals/Report.pdf", "2025-01-30"),
        ("millbrook-pc/minutes/minutes_2021-01-26_.pdf", "2021-01-26"),
        ("nipissing/2024/March-5-2024-Council-Agenda-Package.pdf", "2024-03-05"),
        ("limerick/agenda-22.01.2024.pdf", "2024-01-22"),
        ("policies/standing-orders.pdf", None),
    ],
)
def test_dates_from_file_and_folder_names(path, iso):
    assert date_from_path(path) == iso


MINUTES = [
    "**MINUTES OF A MEETING OF HARTINGBRY PARISH COUNCIL",
    "**HELD ON 10TH JUNE 2015 AT 19.30 IN HARTINGBURY COWPER",
    "**SCHOOL",
    "",
    "Present: Cllr. G. O’Hara (in the Chair)",
    "Councillors: G. O’Hara, T. Brennan, Mrs E. Bradbury",
    "",
    "**1. APOLOGIES FOR ABSENCE",
    ">Cllr. Mrs Edgell",
    "",
    "**10. FINANCE",
    ">It was RESOLVED that:",
    ">a) The accounts summary to 31st May 2015 be approved",
    ">b) The schedule of payments due be approved",
    "",
    ">The Clerk reported on payroll.",
]


def test_minutes_heading_committee_date_title_and_chair():
    paper = parse(make_document(MINUTES), "hartingbury-pc/minutes/2015/minutes-20150610.pdf")
    assert paper.doc_type == "minutes"
    # The misspelt heading is corrected from the folder name; the title keeps the print.
    assert paper.committee == "Hartingbury Parish Council"
    assert paper.date == "2015-06-10"
    assert paper.title == (
        "MINUTES OF A MEETING OF HARTINGBRY PARISH COUNCIL HELD ON 10TH JUNE 2015 AT 19.30 IN HARTINGBURY COWPER SCHOOL"
    )
    assert paper.portfolio_holder == "G. O’Hara"
    assert paper.portfolio_holders[0].role == "Chair"
    finance = [p for p in paper.paragraphs if p.section == "10"]
    assert finance and all(p.heading == "FINANCE" for p in finance)


def test_summons_agenda_meeting_date_not_issue_date():
    lines = [
        "**HARTINGBURY PARISH COUNCIL",
        "Members of the Council are hereby summoned and members of the public are invited to attend a Meeting of",
        "Hartingbury Parish Council to be held at Elm School, Birch Green, on Wednesday 9th",
        "**January 2019 at 1900.",
        "Alison Grey – Clerk to the Council | Date: 3rd January 2019",
        "",
        "**1. APOLOGIES FOR ABSENCE",
        "**2. EXCLUSION OF THE PRESS AND PUBLIC - Part II item: staffing",
    ]
    paper = parse(make_document(lines), "hartingbury-pc/minutes/2019/agenda-20190109.pdf")
    assert paper.doc_type == "agenda"
    assert paper.committee == "Hartingbury Parish Council"
    assert paper.date == "2019-01-09"
    assert paper.recommendations == []
    assert not paper.exempt


def test_summons_to_the_above_council_uses_the_printed_council_name():
    lines = [
        "**TINBURY COMMUNITY COUNCIL",
        "",
        "You are summoned to a meeting of the above Council on Monday 7th January 2019 at 7.00pm",
        "",
        "**AGENDA",
        "2614. Apologies",
    ]
    paper = parse(make_document(lines), "tinbury-valley-cc/agenda/20190107.pdf")
    assert (paper.doc_type, paper.committee, paper.date) == ("agenda", "Tinbury Community Council", "2019-01-07")
    assert paper.title == "AGENDA"
    assert paper.council == "Tinbury Community Council"


def test_public_pack_covering_letter_gives_meeting_not_issue_date():
    letter = [
        ">>>>>>>Date: 7 January 2025",
        "Dear Member",
        "**COUNTY COUNCIL - THURSDAY, 9 JANUARY 2025",
        "Please find enclosed the documents for Item 3, which were not available.",
        "**Agenda Item No",
        "3 Regional Governance Green Paper (Pages 1 - 18)",
        "Yours sincerely",
    ]
    blank = ["This page is intentionally left blank"]
    report = [
        ">>>>>>>>>Agenda Item 3",
        "From: Robert Gale, Leader of the Council",
        "Subject: Regional Governance Green Paper",
        "Classification: Unrestricted",
        "**Recommendations:",
        "County Council is asked to:",
        "(1) Endorse the ongoing joint work",
        "(2) Note the timetable",
    ]
    paper = parse(make_document(letter, blank, report), "kent-cc/full_council/2025-01-09/public_packs/Item 3.pdf")
    assert paper.doc_type == "report"
    assert paper.committee == "County Council"
    assert paper.date == "2025-01-09"
    assert paper.agenda_item == "3"
    assert paper.title == "Regional Governance Green Paper"
    assert paper.recommendations == ["Endorse the ongoing joint work", "Note the timetable"]
    assert all(p.page == 3 for p in paper.paragraphs)  # the letter is not indexed as the paper


def test_headerless_text_falls_back_to_file_name_and_sidecar():
    document = text_document("Present: Cllrs Ashman, Evans, Shelley\n3749. Apologies: none\n3750. Minutes approved")
    paper = parse(document, "tinbury-valley-cc/minutes/20240819.txt", {"council": "Wye Valley Community Council"})
    assert paper.date == "2024-08-19"
    assert paper.committee == "Wye Valley Community Council"
    assert paper.doc_type == "minutes"
    assert paper.portfolio_holders == []
    assert [p.number for p in paper.paragraphs if p.number] == ["3749", "3750"]


def test_markdown_minutes_with_heading_lines_and_chair_after_name():
    document = text_document(
        "GOWAN COMMUNITY COUNCIL\nMINUTES OF GENERAL MEETING\nMONDAY 7 FEBRUARY 2023\n"
        "Present: Esme Clark (Chair), Allan Bell\n1. MINUTES OF JANUARY MEETING\nThese were moved as correct",
        fmt="md",
    )
    paper = parse(document, "gowan-cc-scot/minutes/2023-02-23-general-meeting.md")
    assert paper.doc_type == "minutes"
    assert paper.committee == "Gowan Community Council"
    assert paper.date == "2023-02-07"
    assert paper.portfolio_holder == "Esme Clark"


def test_covering_letter_without_an_enclosure_note_and_questions_type():
    letter = [
        ">>>>>>>Date: 13 March 2025",
        "Dear Member",
        "**COUNTY COUNCIL - THURSDAY, 13 MARCH 2025",
        "**Agenda Item No",
        "6 Questions (Pages 1 - 18)",
        "Yours sincerely",
    ]
    questions = [
        ">>>>>>>>>Agenda Item 6",
        "**Question by Paul Stepto to Rory Love,",
        "**Cabinet Member for Education and Skills",
        "Would the Cabinet Member please inform us of the steps taken?",
        "**Answer",
        "Under current legislation, nearly all families are free to decide.",
    ]
    paper = parse(make_document(letter, questions), "kent-cc/full_council/2025-03-13/public_packs/Questions put.pdf")
    assert paper.doc_type == "questions"
    assert (paper.committee, paper.date, paper.agenda_item) == ("County Council", "2025-03-13", "6")
    assert paper.title == "Questions"


def test_folders_above_the_indexed_root_are_hints_too():
    document = text_document("TINBURY COMMUNITY COUNCIL\nDiscussion\nThe road closure was discussed.")
    document.path = "/data/tinbury-valley-cc/minutes/20180904.pdf"
    paper = parse(document, "20180904.pdf")
    assert paper.doc_type == "minutes"
    assert paper.date == "2018-09-04"
    assert paper.committee == "Tinbury Community Council"


def test_present_heading_marks_minutes():
    document = text_document("TINBURY COMMUNITY COUNCIL\nPRESENT\nChair Cllr Shelley, Cllrs Evans\nDiscussion")
    assert parse(document, "x/20180904.pdf").doc_type == "minutes"


@pytest.mark.parametrize(
    "line, chair",
    [
        ("Present: Cllr. G. O’Hara (in the Chair)", "G. O’Hara"),
        ("Present: Chairman Cllr Mrs Shelley", "Shelley"),
        ("Chair Cllr Stephenie Shelley, Cllrs Steve Evans", "Stephenie Shelley"),
        ("PRESENT: Mr R W Gale (Chairman), Mr N Baker", "R W Gale"),
        ("In Attendance: Claire Dickson (Chair), Willie Jones (Vice Chair)", "Claire Dickson"),
        ("PRESENT: Cllr Mrs C. Edwards, in the Chair", "C. Edwards"),
        ("Chairman welcomed everyone to the meeting", None),
        ("Present: Cllrs Ashman, Evans, Shelley", None),
    ],
)
def test_minutes_chair(line, chair):
    from councilsearch.parse import minutes_chair

    found = minutes_chair([Line(text=line, page=1)])
    assert (found.name if found else None) == chair


def test_agenda_frontsheet_heading_names_the_body():
    lines = [
        "**AGENDA",
        "**CABINET",
        "**Thursday, 13th March, 2025, at 3.00 pm Ask for: Georgina Little",
        "**UNRESTRICTED ITEMS",
        "1. Apologies and Substitutes",
        "9. Exclusion of the press and public",
    ]
    paper = parse(make_document(lines), "kent-cc/cabinet/2025-03-13/Agenda frontsheet.pdf", {"committee": "cabinet"})
    assert (paper.doc_type, paper.committee, paper.date, paper.title) == ("agenda", "Cabinet", "2025-03-13", "AGENDA CABINET")
    assert not paper.exempt


def test_day_and_month_without_a_year_take_the_year_of_a_nearby_date():
    from councilsearch.parse.dates import day_month_with_year

    assert day_month_with_year('on Thursday 1" February at 3.00 p.m.', "2024-01-26") == "2024-02-01"
    assert day_month_with_year("on Monday 7th January at 7pm", "2018-12-20") == "2019-01-07"
    assert day_month_with_year("on Monday at 7pm", "2018-12-20") is None


def test_summons_without_a_year_and_a_long_minutes_heading():
    agenda = text_document(
        "26th January, 2024.\nTo: The Cathaoirleach and Each Member of the Municipal District of Testford\n"
        "You are requested to attend a Meeting of the Municipal District of Testford to be\n"
        "held in the Council Offices on Thursday 1\" February at 3.00 p.m.\nAGENDA\n1. Minutes",
        fmt="md",
    )
    paper = parse(agenda, "x/Agenda - Meeting of the Municipal District of Testford.md")
    assert (paper.doc_type, paper.committee, paper.date) == ("agenda", "Municipal District of Testford", "2024-02-01")
    minutes = text_document(
        "MINUTES OF PROCEEDINGS AT JOINT POLICING SUB COMMITTEE\nMEETING OF THE MUNICIPAL DISTRICT OF TESTFORD\n"
        "HELD AT THE OFFICES ON THURSDAY, 14th\nDECEMBER, 2023, AT 2.00 P.M.\nPRESENT IN THE CHAIR:\nCouncillor Jane Doe.",
        fmt="md",
    )
    paper = parse(minutes, "x/Minutes.md")
    assert (paper.doc_type, paper.date) == ("minutes", "2023-12-14")
    assert paper.committee == "Municipal District of Testford"


def test_heading_date_prefers_the_meeting_day_over_an_amendment_date():
    lines = [
        "**The Corporation of the Township of Testville",
        "***** AGENDA ***",
        "**AMENDED February 16, 2024",
        "**Tuesday, February 20, 2024",
        "1. Disclosure of pecuniary interest.",
    ]
    paper = parse(make_document(lines), "testville/2024/Agenda.pdf")
    assert (paper.doc_type, paper.date) == ("agenda", "2024-02-20")
