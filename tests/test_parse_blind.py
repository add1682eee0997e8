"""Metadata rules from a blind-labelled sample of real papers (labelled before the parser's
output was looked at): decision items numbered by the PDF's list markers, alternatives offered
as one recommendation, header values that stop at an unknown label, authors in a contacts
section, acting chairs, policies' adoption dates and councils, and titles of forms and
appendices.

All papers here are hand-made, with invented councils, people and wording.
"""

from __future__ import annotations

from councilsearch.model import Document, Line, Page
from councilsearch.parse import parse
from documents import line_document, text_document


def _lines_with_numbers(specs: list[tuple[str | None, str]]) -> Document:
    """Lines as the PDF extractor gives list items: the marker ("A.") also kept in Line.number."""
    page, top = Page(number=1, width=595.0, height=842.0), 60.0
    for number, text in specs:
        if text == "":
            top += 14
            continue
        bold = text.startswith("**")
        text = text[2:] if bold else text
        page.lines.append(Line(text=text, page=1, x0=72, x1=520, top=top, bottom=top + 12, size=12.0, bold=bold,
                               number=number))
        top += 14
    return Document(path="x.pdf", format="pdf", pages=[page])


# --- recommendations ------------------------------------------------------------------------


def test_decision_items_lettered_by_the_pdf_list_markers_count_one_each():
    document = _lines_with_numbers([
        (None, "BRACKWELL DISTRICT COUNCIL – PROPOSED RECORD OF DECISION"),
        (None, "Title of Decision: Moving the lantern service to the Place directorate"),
        (None, ""),
        (None, "**Decision: Cabinet is asked to:"),
        ("A.", "A. Agree to MOVE the lantern service to the Place directorate from 1 April; and"),
        ("B.", "B. DELEGATE authority to the Director of Place to take the relevant actions."),
        (None, ""),
        (None, "**Reason(s) for decision:"),
        (None, "The service fits the Place directorate better."),
    ])
    paper = parse(document, "brackwell/cabinet/prod.pdf")
    assert len(paper.recommendations) == 2
    assert paper.recommendations[0].startswith("Agree to MOVE the lantern service")


def test_options_offered_as_alternatives_are_one_recommendation():
    specs = [
        "By: Pat Quill - Scrutiny Officer", "To: Full Council - 3 June 2025",
        "Subject: Review of Decision 25/00001 - Library opening hours", "",
        "**Recommendation:",
        "The Council may, having reviewed Executive Decision 25/00001, resolve one of the following:", "",
        ">a. Agree that the decision be implemented", "",
        ">b. express comments but not require reconsideration of the decision, or", "",
        ">c. require the decision to be postponed pending reconsideration by the Cabinet", "",
        "**Appendices", "Appendix 1 – Executive Response",
    ]
    paper = parse(line_document(specs, right_edge=0.0, page_size=(0.0, 0.0)), "brackwell/council/review.pdf")
    assert len(paper.recommendations) == 1
    assert "resolve one of the following" in paper.recommendations[0]
    assert "Agree that the decision be implemented" in paper.recommendations[0]


# --- header values ------------------------------------------------------------------------


def test_a_subject_stops_at_a_label_the_reader_does_not_know():
    # "Previous Pathway:" is no label of ours, but its wrapped value sits in the value column
    # under the subject: it must not be read as more of the subject.
    specs = [
        "From: Dana Holt, Cabinet Member for Democratic Services",
        "To: Full Council: 3 June 2025",
        "Subject: Audit Panel Terms of Reference:",
        ">Update",
        "Previous Pathway: Audit Panel, 22 January 2025; Members",
        ">and Staffing Committee, 26 February 2025",
        "Status: Unrestricted",
        "",
        "1. Overview",
    ]
    paper = parse(line_document(specs), "brackwell/council/tor.pdf")
    assert paper.title == "Audit Panel Terms of Reference: Update"
    assert paper.classification == "Unrestricted"


# --- authors --------------------------------------------------------------------------------

MEMBERS_ONLY_HEAD = [
    "From: Rhoda Finch, Leader of the Council",
    ">Owen Tully, Cabinet Member for Finance",
    "To: Full Council – 13 February 2025",
    "Subject: Budget 2025-26",
    "Classification: Unrestricted",
    "",
    "1. Introduction",
    "1.1 The budget is set out below.",
    "",
]


def test_authors_listed_one_per_line_under_a_bare_report_author_label():
    specs = MEMBERS_ONLY_HEAD + [
        "6. Report Author and Relevant Director",
        "Nell Garvey, General Counsel",
        "01234 567890",
        "nell.garvey@brackwell.example",
        "Tom Ashby, Democratic Services Officer",
        "01234 567891",
        "tom.ashby@brackwell.example",
    ]
    paper = parse(line_document(specs), "brackwell/council/budget.pdf")
    assert [a.name for a in paper.authors] == ["Nell Garvey", "Tom Ashby"]
    assert paper.portfolio_holder == "Rhoda Finch; Owen Tully"


def test_authors_as_bullets_with_contact_lines_stop_at_the_next_label():
    specs = MEMBERS_ONLY_HEAD + [
        "Contact details",
        "Report Author(s)",
        "• Ivy Marsh (Head of Finance Policy, Planning and Strategy)",
        "• 01234 567892",
        "• ivy.marsh@brackwell.example",
        "• Len Cobb (Head of Finance Operations)",
        "• 01234 567893",
        "Relevant Corporate Director:",
        "• Ada Lowe (Corporate Director, Finance)",
    ]
    paper = parse(line_document(specs), "brackwell/council/budget.pdf")
    assert [a.name for a in paper.authors] == ["Ivy Marsh", "Len Cobb"]


# --- chairs ---------------------------------------------------------------------------------


def test_acting_chair_named_with_a_role_between_name_and_took_the_chair():
    paper = parse(line_document([
        "Minutes of the meeting of Brackwell Parish Council held on Wednesday 9th March 2022",
        "at 7.30pm in the Village Hall",
        "PRESENT: Cllrs A Moss, B Reed, C Lowe",
        "In attendance: 3 electors and the Clerk.",
        "In the absence of the chairman, Cllr B Reed, vice-chairman of the council, took the chair.",
        "101. APOLOGIES",
    ]), "brackwell-pc/minutes/2022/minutes-20220309.pdf")
    assert paper.portfolio_holder == "B Reed"


# --- policies -------------------------------------------------------------------------------


def test_policy_takes_its_adoption_date_and_the_council_of_its_folder():
    paper = parse(line_document([
        "ASHCOMBE PARISH COUNCIL",
        "ANNUAL INVESTMENT STRATEGY 2023/2024",
        "1. Introduction",
        "1.1. The council invests its surplus funds prudently.",
        "2. Review",
        "2.1. The strategy is reviewed each year.",
        "ADOPTED 12th April 2023",
    ]), "ashcombe-pc/policy/Investment Strategy.pdf")
    assert paper.doc_type == "policy"
    assert paper.date == "2023-04-12"
    assert paper.committee == "Ashcombe Parish Council"


def test_policy_signed_and_dated_under_its_heading_names_its_council_in_prose():
    paper = parse(line_document([
        "DATA PROTECTION POLICY",
        "Signed ___________________ Dated 7th May 2024",
        "Ashcombe Parish Council recognises its duty to protect personal data.",
        "It keeps only the data it needs.",
    ]), "ashcombe-pc/policies/policies_Data Protection Policy May 2024.pdf")
    assert paper.doc_type == "policy"
    assert paper.date == "2024-05-07"
    assert paper.committee == "Ashcombe Parish Council"


def test_standing_orders_under_a_heading_that_joins_council_and_title():
    paper = parse(line_document([
        "ASHCOMBE PARISH COUNCIL STANDING ORDERS",
        "These Standing Orders were adopted by the Council at its meeting held on 13th February 2019",
        "CONTENTS",
        "1 Rules of debate at meetings",
    ]), "ashcombe-pc/policy/Ashcombe PC Standing Orders.pdf")
    assert paper.doc_type == "policy"
    assert paper.date == "2019-02-13"
    assert paper.committee == "Ashcombe Parish Council"


def test_a_policy_date_is_not_taken_from_a_date_in_its_text():
    paper = parse(line_document([
        "GRANTS POLICY",
        "Applications received before 31st March 2024 will be considered in April.",
    ]), "ashcombe-pc/policy/Grants Policy.pdf")
    assert paper.date is None


# --- titles of forms and appendices -----------------------------------------------------------


def test_a_form_is_titled_by_its_name_field_not_the_form_name():
    # A table row whose label cell wrapped: "Amendment" over "Name:", "Amendment" over "Number:".
    paper = parse(line_document([
        "#Budget Amendment Form",
        "Amendment | Extra Street Lighting Patrols | Amendment | 4",
        "Name: Number:",
        "Directorate: Highways",
        "Proposer: Mr Ned Pike | Seconder: Mrs Una Reed",
        "Proposed Purpose:",
        "To fund more patrols from the lighting reserve.",
    ]), "brackwell/council/4 - Amendment - Lighting Patrols.pdf")
    assert paper.title == "Extra Street Lighting Patrols"


def test_a_form_with_a_title_field_label_above_its_value():
    paper = parse(line_document([
        "EQIA Submission Form",
        "Information collected from the EQIA Submission",
        "Section A",
        "EQIA Title",
        "Library Opening Hours Review 2025",
        "Responsible Officer",
        "Jo Vale - Libraries",
    ]), "brackwell/cabinet/25-00001 - EQIA.pdf")
    assert paper.title == "Library Opening Hours Review 2025"


def test_an_appendix_printed_in_one_size_is_titled_by_its_appendix_heading():
    paper = parse(line_document([
        "Appendix C: Summary of Powers by Tier",
        "Detail | Foundation | Mayoral",
        "Transport | x | x",
        "Skills | x | x",
    ]), "brackwell/council/Appendix C - Powers 2024.pdf")
    assert paper.doc_type == "appendix"
    assert paper.title == "Appendix C: Summary of Powers by Tier"
    assert not paper.title_composed


def test_an_appendix_heading_stops_where_its_numbered_paragraphs_begin():
    """A long heading may wrap onto the next line, but "4.2. Membership: ..." is the body's first paragraph."""
    paper = parse(line_document([
        "Appendix B: Proposed Updated Terms of Reference with Tracked Changes",
        "4.2. Membership: 9 Members; plus 1 (non-voting) co-opted member.",
        "4.3. Members may not serve on the Harbour Committee where any of the",
        "following apply:",
    ]), "brackwell/council/Appendix B - Harbour Terms of Reference.pdf")
    assert paper.title == "Appendix B: Proposed Updated Terms of Reference with Tracked Changes"
    assert any(p.number == "4.2" for p in paper.paragraphs)


# --- portfolio holders ----------------------------------------------------------------------


def test_a_from_block_that_names_only_posts_gives_no_portfolio_holder():
    paper = parse(line_document([
        "From: Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services",
        "",
        ">Interim Corporate Director – Finance",
        "To: Full Council – 13 March 2025",
        "Subject: Treasury Management Mid-Year Update",
        "Classification: Unrestricted",
        "",
        "1. Introduction",
        "1.1 Text.",
    ]), "brackwell/council/treasury.pdf")
    assert paper.portfolio_holder is None


def test_a_motion_under_a_dated_meeting_line_is_titled_by_its_wrapped_bold_heading():
    paper = parse(line_document([
        "**Full Council Meeting - 3rd June 2025",
        "",
        "**Notice of Motion – Safer Crossings Near Every Primary School in the",
        "**District",
        "",
        "Proposer: Ned Pike",
        "Seconder: Una Reed",
        "",
        "**Background Information",
        "Many primary schools have no safe crossing.",
        "**Motion:",
        "This Council believes that crossings save lives.",
    ]), "brackwell/council/Greens - NoM - 3 June.pdf")
    assert paper.title == "Notice of Motion – Safer Crossings Near Every Primary School in the District"


def test_an_appendix_letter_on_its_own_line_above_the_title():
    paper = parse(line_document([
        "Appendix H",
        "Assessment of Financial Strength",
        "Financial strength describes the ability of the authority to remain viable in the medium term.",
        "Symptom | Assessment",
    ]), "brackwell/cabinet/Appendix H - Financial Strength.pdf")
    assert paper.title == "Assessment of Financial Strength"


# --- resolutions ----------------------------------------------------------------------------


def test_and_resolved_without_a_colon_takes_the_resolution_below_it():
    paper = parse(text_document(
        "MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF ASHCOMBE COUNTY COUNCIL HELD ON MONDAY, 3RD JUNE, 2024\n"
        "PRESENT IN THE CHAIR: Councillor A. Moss, Mayor.\n"
        "1. Draft Local Area Plan\n"
        "The Mayor declared the amendment carried.\n"
        "Resolution\n"
        "Proposed: Cllr. Ned Pike\n"
        "Seconded: Cllr. Una Reed\n"
        "And Resolved\n"
        "“To make the Ashcombe Local Area Plan 2024-2030, with the exception of Amendment No. 1.”\n"
        "This concluded the Meeting.", fmt="md"),
        "ashcombe/minutes/special.md")
    assert len(paper.recommendations) == 1
    assert paper.recommendations[0].startswith("And Resolved “To make the Ashcombe Local Area Plan")


def test_a_policy_revised_after_adoption_is_dated_by_its_revision():
    paper = parse(line_document([
        "ASHCOMBE PARISH COUNCIL CODE OF CONDUCT",
        "The council has adopted this code to keep high standards of behaviour.",
        "Adopted by the Council on 11th July 2012.",
        "Revised by the Council on 13th February 2019.",
    ]), "ashcombe-pc/policy/Code of Conduct.pdf")
    assert paper.date == "2019-02-13"


def test_short_stacked_capital_headings_are_not_joined_into_one_title():
    paper = parse(line_document([
        "**TEMPORARY TRAFFIC NOTICE",
        "**SECTION 14 - ROAD TRAFFIC ACT 1984",
        "**OAKSHIRE COUNTY COUNCIL",
        "NOTICE IS HEREBY GIVEN that the council intends to close the road while the bridge is repaired.",
    ], size=10), "fellside-pc/docs/closure notice.pdf")
    assert paper.title == "TEMPORARY TRAFFIC NOTICE"


def test_an_appendix_heading_wrapped_over_two_lines():
    paper = parse(line_document([
        "**Appendix 1 – Proposed Oakshire and Fellside Joint Health Overview and Scrutiny",
        "**Committee Terms of Reference (section 3)",
        "(NB: the changes replace paragraph 3.)",
        "3. To consider whether any proposal is in the interests of the health service.",
    ]), "brackwell/council/JHOSC ToR - Appendix 1 and 2.pdf")
    assert paper.title == ("Appendix 1 – Proposed Oakshire and Fellside Joint Health Overview and Scrutiny "
                           "Committee Terms of Reference (section 3)")


def test_resolved_opening_a_sentence_or_in_a_passive_formula_counts_in_parish_minutes():
    paper = parse(line_document([
        "Ashcombe Parish Council - 12th January 2016",
        "Present",
        "Councillors A Moss (Chair), B Reed & C Lowe",
        "16.01.8 Finance",
        "The Draft Accounts and the Precept were discussed and resolved to set the precept at £2000.00.",
        "The insurance premium tax has risen from 6% to 9.5%. Resolved to pay",
        "16.01.9 Any Other Business",
        "A request to fund a defibrillator was discussed and it was resolved that the council would pay.",
    ]), "ashcombe-pc/minutes/minutes_2016-01-12_.pdf")
    assert len(paper.recommendations) == 3
    assert "to set the precept at £2000.00" in paper.recommendations[0]


def test_resolved_in_a_table_cell_is_not_counted():
    paper = parse(line_document([
        "Ashcombe Parish Council - 7th March 2017",
        "Present",
        "Councillors A Moss (Chair), B Reed & C Lowe",
        "17.03.9 Policy Reviews",
        "The following policies are to be reviewed :-",
        "Financial Regulations - | Resolved to Sign",
        "Standing Orders - | Resolved to Sign",
        "17.03.10 Correspondence",
    ]), "ashcombe-pc/minutes/minutes_2017-03-07_.pdf")
    assert paper.recommendations == []


def test_narrative_resolved_with_a_subject_is_still_not_a_formula():
    paper = parse(line_document([
        "Ashcombe Parish Council - 3rd September 2019",
        "Present",
        "Councillors A Moss (Chair), B Reed & C Lowe",
        "19.09.09 Finance",
        "The Councillors resolved to pay all of the above.",
        "It was therefore resolved to retain the Financial Policy already in place.",
    ]), "ashcombe-pc/minutes/minutes_2019-09-03_.pdf")
    assert len(paper.recommendations) == 1
    assert "It was therefore resolved to retain" in paper.recommendations[0]


def test_a_decision_takers_name_wrapped_under_its_cell_in_a_form_row():
    paper = parse(line_document([
        "#BRACKWELL COUNTY COUNCIL – RECORD OF DECISION",
        ">DECISION TO BE TAKEN BY: DECISION NUMBER:",
        "Mrs Ann Lee, Cabinet Member for Libraries, Culture and | 25/00012",
        ">>>Leisure",
        "For publication",
        "Key decision: YES",
        "Title of Decision: Library opening hours",
    ]), "brackwell/council/Appendix 4 - 25-00012 Record of Decision.pdf")
    assert paper.doc_type == "decision"
    assert paper.committee == "Cabinet Member for Libraries, Culture and Leisure"
    assert paper.decision_number == "25/00012"
