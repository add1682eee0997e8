"""General rules found by labelling papers from every council: each test builds the layout
that broke the parser (hand-made Documents, no corpus text) and checks the rule holds."""

from __future__ import annotations

import pytest

from councilsearch.model import Document, Line
from councilsearch.parse import minutes_chair, parse
from councilsearch.parse.dates import checked_weekday
from councilsearch.parse.meeting import normalise_committee, presented_to
from documents import line_document
from documents import text_document as plain_text_document


def make_document(specs: list[str], fmt: str = "pdf", size: float = 12) -> Document:
    """Line specs as in documents.line_document, with 18pt indents (hanging indents)."""
    return line_document(specs, fmt=fmt, path="x", indent_step=18.0, size=size)

def text_document(text: str, fmt: str = "md") -> Document:
    return plain_text_document(text, fmt)

# --- header and people -------------------------------------------------------------------

def test_by_label_reads_like_from_and_a_bare_by_column_does_not():
    paper = parse(make_document([
        "By: Pat Oakes – Deputy Leader and Cabinet Member for Finance",
        "Paula Royce, Director of HR & OD",
        "To: County Council | Date: 13 March 2025",
        "Subject: Staff Pay Statement 2025/26",
        "Status: Unrestricted",
    ]), "x/report.pdf")
    assert paper.portfolio_holder == "Pat Oakes"
    assert [p.name for p in paper.authors] == ["Paula Royce"]
    assert paper.classification == "Unrestricted"  # printed under "Status:"
    table = parse(make_document(["By | By | By | Between", "2025-26 | 2026-27 | 2027-28 | 2028-29"]), "x/appendix.pdf")
    assert table.authors == [] and table.portfolio_holders == []


def test_chair_named_on_the_line_after_present_in_the_chair():
    chair = minutes_chair([Line("PRESENT IN THE CHAIR:", 1), Line("Councillor M Dolan, An Cathaoirleach", 1)])
    assert chair is not None and chair.name == "M Dolan"
    assert minutes_chair([Line("PRESENT IN THE CHAIR:", 1)]) is None  # nothing follows: no crash, no chair


# --- committee and date ------------------------------------------------------------------

def test_committee_named_after_its_council_keeps_its_own_name():
    assert normalise_committee("Lanmore City and County Council Home and Social Development Strategic Policy Committee") \
        == "Home and Social Development Strategic Policy Committee"
    assert normalise_committee("Testshire County Council") == "Testshire County Council"
    assert normalise_committee("Governance and Audit Committee") == "Governance and Audit Committee"


def test_policy_adopted_at_a_meeting_gives_council_and_date():
    assert presented_to("This policy was adopted by the Council at its Meeting held on 13th February 2019.") \
        == ("Council", "2019-02-13")
    paper = parse(make_document([
        "HERTINGFORD PARISH COUNCIL",
        "RESERVES POLICY",
        "This policy was adopted by the Council at its meeting held on 13th February 2019.",
        "",
        "The Council should hold between 3 and 12 months expenditure as a general reserve.",
    ]), "hpc/policy/HPC Reserves Policy.pdf")
    assert paper.doc_type == "policy"
    assert paper.title == "RESERVES POLICY"
    assert (paper.committee, paper.date) == ("Hertingford Parish Council", "2019-02-13")


def test_a_year_typo_is_corrected_only_when_the_weekday_and_file_name_agree():
    # "Wednesday 11th May 2015" in a notice filed as 20160511: 11 May 2016 was a Wednesday.
    assert checked_weekday("on Wednesday 11th May 2015 at 1900", "2015-05-11", "2016-05-11") == "2016-05-11"
    # "MONDAY 7 FEBRUARY 2023" (a Tuesday) in a file of 2023: the weekday is the typo, not the year.
    assert checked_weekday("MONDAY 7 FEBRUARY 2023", "2023-02-07", "2023-02-23") == "2023-02-07"
    assert checked_weekday("MONDAY 7 FEBRUARY 2023", "2023-02-07", None) == "2023-02-07"
    # No weekday printed: nothing to go on.
    assert checked_weekday("11th May 2015", "2015-05-11", "2016-05-11") == "2015-05-11"


def test_notice_with_mistyped_year_takes_the_year_the_weekday_fits():
    paper = parse(make_document([
        "#**NOTICE OF ANNUAL PARISH",
        "#**MEETING",
        "",
        "The Annual Meeting of Testbury Parish Council will be held at the school, on",
        "**Wednesday 11th May 2015 at 1900.",
    ]), "testbury-pc/minutes/2016/agenda-agm-20160511.pdf")
    assert paper.doc_type == "agenda"
    assert paper.date == "2016-05-11"
    assert paper.title == "NOTICE OF ANNUAL PARISH MEETING"


def test_sidecar_category_does_not_override_a_paper_that_announces_its_type():
    specs = ["TESTSHIRE COUNTY COUNCIL – RECORD OF DECISION", "DECISION TO BE TAKEN BY: DECISION NUMBER:",
             "Cabinet | 24/00093", "Decision:", "I agree to:", "", "APPROVE the proposal."]
    paper = parse(make_document(specs), "k/Appendix 4 - Record of Decision.pdf", {"doc_type": "appendix"})
    assert paper.doc_type == "decision"
    # A weak sign (an "Agenda" line heading a meeting note) still yields to the publisher.
    note = parse(make_document(["TMG 14 November 2024", "Agenda", "1. Market update", "2. Strategy check"]),
                 "k/Appendix 3 - meeting note.pdf", {"doc_type": "appendix"})
    assert note.doc_type == "appendix"


# --- titles ------------------------------------------------------------------------------

def test_decorated_agenda_heading_is_the_agenda_and_its_title():
    paper = parse(make_document([
        "**The Corporation of the Township of Testville",
        "**45 Beatty Street",
        "**Testville ON P0H 1W0",
        "",
        "#***** AGENDA *****",
        "#**Special Council Meeting",
        "#**Wednesday, January 10, 2024",
        "",
        "1. Disclosure of pecuniary interest.",
        "2. Presentation: Roads Needs Study.",
    ]), "testville/2024/January-10-2024-Special.pdf")
    assert paper.doc_type == "agenda"
    assert paper.title == "AGENDA"


def test_summons_heading_runs_on_over_a_date_when_it_stops_mid_phrase():
    paper = parse(make_document([
        "#Summons to and",
        "#Agenda for a",
        "#Meeting on",
        "#**Thursday, 13th March,",
        "#**2025",
        "#**at 10.00 am",
        "",
        "DEMOCRATIC SERVICES",
        "To: All Members of the County Council",
    ]), "k/Agenda frontsheet.pdf")
    assert paper.title == "Summons to and Agenda for a Meeting on Thursday, 13th March, 2025 at 10.00 am"


def test_heading_stops_at_a_date_line_and_at_a_label_line_but_not_at_held_on():
    govan = parse(text_document("GOWAN TEST COUNCIL\nMINUTES OF GENERAL MEETING\nMONDAY 3 JULY 2023\nPresent: A Bellamy"),
                  "g/minutes/2023-07-03-general-meeting.md")
    assert govan.title == "MINUTES OF GENERAL MEETING"
    held = parse(text_document("Test Community Council\nMinutes for General Meeting 2nd of February 2026\n"
                               "Held: 7pm at the Hub, 94 Long Road\n1. Attendance"), "g/minutes/2026-02-02.md")
    assert held.title == "Minutes for General Meeting 2nd of February 2026"
    herts = parse(make_document([
        "**MINUTES OF A MEETING OF TESTBURY PARISH COUNCIL",
        "**HELD ON 11th September 2019 AT 19.00 AT",
        "**TESTBURY JMI SCHOOL, BIRCH GREEN",
        "",
        "PRESENT: Cllrs Jane Black (Chairman), Gary Hale",
    ]), "testbury-pc/minutes/2019/minutes-20190911.pdf")
    assert herts.title == "MINUTES OF A MEETING OF TESTBURY PARISH COUNCIL HELD ON 11th September 2019 AT 19.00 AT " \
                          "TESTBURY JMI SCHOOL, BIRCH GREEN"


@pytest.mark.parametrize(
    "heading, title",
    [
        ("Testfield Parish Council A.G.M. - 3rd May 2016", "Testfield Parish Council A.G.M. - 3rd May 2016"),
        ("Newfield Parish Council - 3 rd September 2019", "Newfield Parish Council - 3 rd September 2019"),
    ],
)
def test_minutes_headed_by_council_and_date_take_that_heading_as_title(heading, title):
    paper = parse(make_document([heading, "Present", "Councillors D Richards (Chair) R Hale", "", "16.05.1 Election of Chair"]),
                  "t-pc/minutes/minutes_2016-05-03_.pdf")
    assert paper.doc_type == "minutes"
    assert paper.title == title


def test_minutes_heading_without_the_word_minutes_starting_with_a_year():
    paper = parse(text_document("TEST COMMUNITY COUNCIL\n2024 ANNUAL GENERAL MEETING\nMONDAY 7 OCTOBER 2024\n"
                                "Present: Emma Clarke, Anne Moran\n1. MINUTES OF THE 2023 AGM"),
                  "t/minutes/2024-10-24-general-meeting.md")
    assert paper.doc_type == "minutes"
    assert paper.title == "2024 ANNUAL GENERAL MEETING"
    assert paper.date == "2024-10-07"
    # A bold sentence naming a meeting is not a heading.
    zoom = parse(make_document(["TEST PARISH COUNCIL", "**7.30pm This is a Zoom Meeting", "AGENDA", "1. Apologies"]),
                 "t/agendas/agendas_2021-01-26_.pdf")
    assert zoom.title == "AGENDA"


# --- paragraphs and recommendations ---------------------------------------------------------

def test_bold_numbered_recommendations_after_an_introduction_are_items_not_headings():
    paper = parse(make_document([
        "From: Rita Gale, Leader of the Council",
        "To: County Council, 13 March 2025",
        "Subject: Governance Update",
        "",
        "**8. Recommendations",
        "The County Council is asked to:",
        "",
        ">**1. To NOTE with thanks, the contribution and efforts of the Members of the",
        ">>**Review Working Group",
        "",
        ">**2. To COMMENT on the specific proposals and arrangements relating to",
        ">>**Cabinet Committees to inform future changes",
        "",
        ">**3. DELEGATE authority to the Monitoring Officer to make further",
        ">>**necessary changes to the Constitution following the debate.",
        "",
        "**Appendices",
        "Appendix 1 – Constitution Changes",
    ]), "k/Governance Update Report.pdf")
    assert paper.recommendations == [
        "To NOTE with thanks, the contribution and efforts of the Members of the Review Working Group",
        "To COMMENT on the specific proposals and arrangements relating to Cabinet Committees to inform future changes",
        "DELEGATE authority to the Monitoring Officer to make further necessary changes to the Constitution following the debate.",
    ]


def test_unnumbered_bold_decisions_after_i_agree_to_are_one_item_each():
    paper = parse(make_document([
        "TESTSHIRE COUNTY COUNCIL – RECORD OF DECISION",
        "DECISION TO BE TAKEN BY: DECISION NUMBER:",
        "Cabinet | 24/00093",
        "**Decision:",
        "",
        "As Cabinet Member for Family Services I agree to:",
        "",
        "**APPROVE the proposal to not re-commission the family centre services that are currently",
        "**provided at the two family centres when the current contracts reach the end of",
        "**their term on 31 March 2025.",
        "",
        "**DELEGATE any activity requiring capital spend as set out in the report to the Director of",
        "**Infrastructure, in consultation with the Deputy Leader.",
        "",
        "**Reason(s) for decision:",
        "The financial challenges facing all local authorities.",
    ]), "k/Record of Decision.pdf")
    assert len(paper.recommendations) == 2
    assert paper.recommendations[0].startswith("APPROVE the proposal to not re-commission the family centre services that are currently provided")
    assert paper.recommendations[1].startswith("DELEGATE any activity requiring capital spend")
    # The bold sentences did not become section headings.
    assert not any(p.heading and p.heading.startswith("APPROVE") for p in paper.paragraphs)


def test_resolution_formulas_other_councils_use():
    paper = parse(make_document([
        "Testbiggin Parish Council - 3rd September 2019",
        "Present",
        "Councillors D Thomas (Chair), N Arnold",
        "",
        "19.09.05 Finance",
        "The Clerk received the revised financial regulations.",
        "It was therefore resolved to retain the Financial Policy already in place.",
        "",
        "19.09.06 Precept",
        "After discussion it was resolved to apply for £4500 precept. Resolved to pay M Jones for website fees of £45.00",
        "",
        "19.09.07 Seat",
        "The Councillors resolved to adopt the seat.",
    ]), "t-pc/minutes/minutes_2019-09-03_.pdf")
    assert paper.doc_type == "minutes"
    assert len(paper.recommendations) == 3  # narrative "The Councillors resolved" does not count
    assert "retain the Financial Policy" in paper.recommendations[0]
    assert paper.recommendations[1].endswith("apply for £4500 precept.")
    assert paper.recommendations[2] == "Resolved to pay M Jones for website fees of £45.00"


def test_and_resolved_line_and_numbered_resolutions_printed_inline():
    limerick = parse(text_document(
        "MINUTES OF PROCEEDINGS OF MONTHLY MEETING OF THE MUNICIPAL DISTRICT OF TESTMORE HELD ON WEDNESDAY 21ST FEBRUARY 2024\n"
        "PRESENT IN THE CHAIR:\nCouncillor M Dolan, An Cathaoirleach\n"
        "1. Adoption of Minutes\n(i)\nCirculated copy of draft Minutes of Monthly Meeting held on 18th January 2024.\n"
        "Proposed by: Councillor Eagan\nSeconded by: Councillor Casey\nAnd Resolved:\n"
        "“That the draft Minutes, as circulated, be taken as read and adopted and signed.”\n"
        "2. Matters Arising\nThere were no matters arising."), "l/Minutes - Testmore - 21st February 2024.md")
    assert limerick.portfolio_holder == "M Dolan"
    assert limerick.recommendations and "taken as read and adopted and signed" in limerick.recommendations[0]
    ontario = parse(make_document([
        "MINUTES",
        "TOWNSHIP OF TESTVILLE",
        "Tuesday, November 14, 2023",
        "",
        "R2023-206 T. Baker, D. Yates: That the minutes of the meeting held October 17, 2023, be adopted. Carried.",
        "",
        "R2023-207 S. Kirk, T. Baker: THAT we direct staff to prepare a draft Waste Limit Program.",
        "",
        "Carried.",
        "",
        "R2023-208 S. Kirk, S. Forde: THAT we approve the Strategic Plan as presented. Carried.",
    ]), "testville/2023/Minutes-November-14-2023.pdf")
    assert ontario.recommendations == [
        "That the minutes of the meeting held October 17, 2023, be adopted. Carried.",
        "THAT we direct staff to prepare a draft Waste Limit Program. Carried.",
        "THAT we approve the Strategic Plan as presented. Carried.",
    ]


def test_council_name_with_the_date_on_the_next_line_titles_minutes():
    paper = parse(make_document([
        "Testfield Parish Council",
        "7th March 2017",
        "Present",
        "Councillors D Richards (Chair), P Moore",
        "",
        "17.03.02 Register of Interests",
    ]), "t-pc/minutes/minutes_2017-03-17_.pdf")
    assert paper.title == "Testfield Parish Council 7th March 2017"
    assert paper.date == "2017-03-07"  # the paper's own date, not the file name's


def test_numbered_resolutions_with_a_semicolon_typo_or_a_suffix_letter_still_count():
    paper = parse(make_document([
        "MINUTES",
        "TOWNSHIP OF TESTVILLE",
        "Tuesday, December 17, 2024",
        "",
        "**R2024-252 J. Stott, S. Kirk:",
        "That the statement of accounts be approved. Carried.",
        "",
        "Councillor Forde returned to the Council table.",
        "",
        "R2024-253 S. Forde, S. Kirk; That we pass By-Law 2024-58. Carried.",
        "",
        "R2024-019B S. Kirk, T. Baker: That we resume to an open public meeting. Carried.",
    ]), "testville/2024/Minutes-December-17-2024.pdf")
    assert paper.recommendations == [
        "That the statement of accounts be approved. Carried.",
        "That we pass By-Law 2024-58. Carried.",
        "That we resume to an open public meeting. Carried.",
    ]


def test_a_council_named_in_a_letters_address_block_is_not_its_committee():
    paper = parse(make_document([
        "Planning Policy Team", "East Testshire Council", "Mill Lane", "Testford", "",
        "14th December 2016", "East Testshire District Plan", "Comments on Pre-Submission Consultation 2016",
        "", "The Parish Council welcomes the plan.",
    ]), "t-pc/plan/Comments Dec 2016.pdf")
    assert paper.doc_type != "policy"
    assert paper.committee is None


@pytest.mark.parametrize("answer, classification, exempt", [("Yes", "For publication", False), ("No", "Not for publication", True)])
def test_for_publication_answered_on_a_decision_form(answer, classification, exempt):
    paper = parse(make_document([
        "TESTSHIRE COUNTY COUNCIL – PROPOSED RECORD OF DECISION",
        "DECISION TO BE TAKEN BY: DECISION NO:",
        "Cabinet | 24/00115",
        f"For publication: {answer}",
        "Key decision: Yes",
        "Title of Decision:",
        "Adoption of the Delivery Plan",
    ]), "k/24-00115 - PROD.pdf")
    assert paper.classification == classification
    assert paper.exempt is exempt


@pytest.mark.parametrize(
    "line, chair",
    [
        ("It was unanimously agreed that Cllr Rowe take the chair.", "Rowe"),
        ("Being duly nominated and supported Cllr Bradley took the chair.", "Bradley"),
        ("2. RESOLVED that Mr Cook be elected to Chair the meeting.", "Cook"),
        ("Virtually Present: Chairman Cllr Sewell, Cllrs Hay, Hilton", "Sewell"),
        ("Attendance - Clara Dixon (Chair), Greg Eaton (Secretary)", "Clara Dixon"),
    ],
)
def test_chair_idioms_of_other_councils(line, chair):
    found = minutes_chair([Line(line, 1)])
    assert found is not None and found.name == chair


def test_long_headings_run_on_over_a_year_and_until_the_date_without_positions():
    herts = parse(make_document([
        "Minutes of the meeting of Testbury Parish Council held on Wednesday 13th June",
        "2012 at 7.30pm in Testbury JMI School, Birch Green",
        "PRESENT: Cllrs P Rowe, T Brent",
        "",
        "20. APOLOGIES FOR ABSENCE",
    ]), "testbury-pc/minutes/2012/minutes-20120613.pdf")
    assert herts.title == ("Minutes of the meeting of Testbury Parish Council held on Wednesday 13th June "
                           "2012 at 7.30pm in Testbury JMI School, Birch Green")
    spc = parse(text_document(
        "Minutes of the Meeting of Testshire County Council’s Travel and Transportation\n"
        "Strategic Policy Committee held on 12th December 2023 at 3:00 p.m. in the Council Chamber,\n"
        "Testtown and ONLINE by MS Teams Video Conference.\n"
        "Members Present: Cllrs. Nowak (Chair), Butler\n"), "l/Minutes - SPC - 12th December 2023.md")
    assert spc.title.startswith("Minutes of the Meeting of Testshire County Council’s Travel and Transportation "
                                "Strategic Policy Committee held on 12th December 2023")
    assert spc.committee == "Travel and Transportation Strategic Policy Committee"
    assert spc.portfolio_holder == "Nowak"


def test_letter_spaced_agenda_heading_and_agreed_and_resolved():
    agenda = parse(text_document(
        "12th January, 2024.\nTo:\nThe Cathaoirleach and Each Member of the Municipal District of Testmore\n"
        "You are requested to attend a Meeting of the Municipal District of Testmore to be held in the school on "
        "Thursday 18th January at 3.00 p.m.\nA G E N D A\n1.\nWelcome\n2.\nMinutes"), "l/Agenda - Testmore - 18th January 2024.md")
    assert agenda.doc_type == "agenda"
    assert agenda.title == "AGENDA"
    assert agenda.date == "2024-01-18"
    budget = parse(text_document(
        "MINUTES OF PROCEEDINGS AT MEETING OF TESTSHIRE COUNTY COUNCIL HELD ON FRIDAY, 17TH NOVEMBER, 2023\n"
        "Adoption of draft Annual Budget\nProposed by Councillor J. Shea\nSeconded by Councillor K. O’Hara\n"
        "And agreed and resolved:\nTHAT the draft Annual Budget prepared by the Chief Executive be adopted."),
        "l/Minutes - Budget Meeting - 17th November 2023.md")
    assert len(budget.recommendations) == 1
    assert "THAT the draft Annual Budget prepared by the Chief Executive be adopted." in budget.recommendations[0]
