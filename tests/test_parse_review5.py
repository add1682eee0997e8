"""Structure faults the question writers found (round 5): headings that never let go, a
capitalised title set a word a line, and policies dated only by the sentence that adopted them.
All documents are invented."""

from __future__ import annotations

from councilsearch.extract.markdown import extract_markdown_string
from councilsearch.parse import parse
from councilsearch.parse.paragraphs import build_paragraphs, is_item_title
from documents import line_document, text_document

MINUTES_MD = (
    "MINUTES\n\nOF\n\nPROCEEDINGS\n\nAT\n\nMEETING\n\nOF\n\nTHE\n\nTINBURY DISTRICT HELD IN\n\n"
    "THE MARKET HALL, TINBURY, ON TUESDAY, 5TH MARCH, 2024, AT\n\n4.00 P.M.\n\n"
    "MEMBERS PRESENT**:**\n\nCouncillors Ames, Birch and Corrow.\n\n"
    "OFFICIALS IN ATTENDANCE**:**\n\nDistrict Manager (Ms. P. Quill), Clerical Officer (Mr. T. Rowe).\n\n"
    "At the outset of the Meeting, Councillor Ames welcomed everyone in attendance to the March Meeting.\n\n"
    "APOLOGIES:\n\nCouncillor Dunmore.\n\n"
    "1.\n\nAdoption of Minutes\n\nCirculated, copy of draft Minutes of the February Meeting.\n\n"
    "2.\n\nDeclaration of Interest.\n\nNo such interests were declared.\n\n"
    "QUESTIONS\n\n"
    "3.\n\nQuestion submitted by Councillor Birch\n\n"
    "***I will ask at the next Meeting that the footpath at Elm Rise be resurfaced.***\n\n"
    "REPLY:\n\nThe footpath will be considered in the 2024 works programme.\n\n"
    "4.Question submitted by Councillor Corrow\n\n"
    "***I will ask at the next Meeting for a bench at the Green.***\n\n"
    "REPLY:\n\nA bench will be ordered in April.\n\n"
    "5.\n\nGeneral Municipal Allocation\n\nThe Members agreed to allocate €500 to the Tinbury Tidy Towns group.\n"
)


def _minutes():
    return [(p.heading, p.number, p.text) for p in build_paragraphs(extract_markdown_string(MINUTES_MD, "m.md"))]


def _heading_of(paragraphs, start):
    return next(heading for heading, _, text in paragraphs if text.startswith(start))


def test_a_numbered_item_title_ends_the_reach_of_the_heading_above():
    paragraphs = _minutes()
    assert _heading_of(paragraphs, "Circulated, copy of draft") == "Adoption of Minutes"
    assert _heading_of(paragraphs, "No such interests") == "Declaration of Interest."
    assert _heading_of(paragraphs, "I will ask at the next Meeting for a bench") == "Question submitted by Councillor Corrow"
    assert _heading_of(paragraphs, "The Members agreed to allocate") == "General Municipal Allocation"
    # The item line stays a paragraph of its own, so a bare agenda item is not lost.
    assert ("Adoption of Minutes", "1", "Adoption of Minutes") in paragraphs


def test_a_reply_label_heads_its_own_answer_only():
    paragraphs = _minutes()
    assert _heading_of(paragraphs, "The footpath will be considered") == "REPLY"
    assert _heading_of(paragraphs, "A bench will be ordered") == "REPLY"
    replies = [text for heading, _, text in paragraphs if heading == "REPLY"]
    assert len(replies) == 2


def test_an_attendance_label_ends_when_the_business_of_the_meeting_starts():
    paragraphs = _minutes()
    assert _heading_of(paragraphs, "District Manager") == "OFFICIALS IN ATTENDANCE"
    assert _heading_of(paragraphs, "At the outset of the Meeting") is None
    assert _heading_of(paragraphs, "Councillor Dunmore") == "APOLOGIES"


def test_an_attendance_list_over_several_lines_stays_under_its_label():
    paragraphs = [(p.heading, p.text) for p in build_paragraphs(text_document(
        "PRESENT:\nCouncillor A. Ames (Chair)\nCouncillor B. Birch\nCouncillor C. Corrow\n"))]
    assert {heading for heading, _ in paragraphs} == {"PRESENT"}


def test_a_capitalised_title_set_a_word_a_line_is_one_heading():
    paragraphs = _minutes()
    texts = {text for _, _, text in paragraphs}
    assert not texts & {"OF", "AT", "THE"}  # no stopword stands alone
    first_heading = paragraphs[0][0]
    assert first_heading.startswith("MINUTES OF PROCEEDINGS AT MEETING OF THE TINBURY DISTRICT HELD IN THE MARKET HALL")


def test_item_titles_are_told_from_sentences_and_rows():
    assert is_item_title("Adoption of Minutes")
    assert is_item_title("Declaration of Interest.")
    assert is_item_title("Question submitted by Councillor Ames")
    assert not is_item_title("That the Council notes the report and agrees the budget.")
    assert not is_item_title("the report was noted")
    assert not is_item_title("Elm Rise | 4,500 | 2024")
    assert not is_item_title("Proposed by: Councillor Ames")


def test_numbered_paragraphs_inside_a_section_do_not_become_headings_mid_table():
    paragraphs = [(p.heading, p.number, p.text) for p in build_paragraphs(text_document(
        "QUESTIONS\nRef\nTR-041-22\n12 Elm Rise, Tinbury\nOn the register\n"))]
    assert all(heading == "QUESTIONS" for heading, _, _ in paragraphs)


def test_a_policy_is_dated_by_the_sentence_that_adopted_it():
    paper = parse(line_document([
        "TINBURY PARISH COUNCIL",
        "CASUAL VACANCY PROCEDURE",
        "1. When a seat falls vacant the Clerk notifies the returning officer.",
        "Adopted by the Council at its meeting held on 14th October 2015.",
    ]), "tinbury-pc/policy/casual vacancy.pdf", {"doc_type": "policy"})
    assert paper.doc_type == "policy"
    assert paper.date == "2015-10-14"


def test_a_statement_takes_the_date_it_was_prepared_and_a_review_outdates_approval():
    paper = parse(line_document([
        "ACCESSIBILITY STATEMENT",
        "Tinbury Parish Council wants as many people as possible to use this website.",
        "This statement was prepared on 3rd Feb 2021. It was last reviewed on 2nd March 2022.",
    ]), "tinbury-pc/policies/Accessibility Statement.pdf", {"doc_type": "policy"})
    assert paper.date == "2022-03-02"


def test_a_date_cited_later_in_a_policy_sentence_is_not_its_adoption_date():
    paper = parse(line_document([
        "GRANTS POLICY",
        "Grants approved by the council are paid once the receipts dated after 1st April 2024 are seen.",
    ]), "tinbury-pc/policy/Grants Policy.pdf", {"doc_type": "policy"})
    assert paper.date is None


def test_a_capitalised_title_broken_at_its_commas_is_one_heading():
    paragraphs = [(p.heading, p.text) for p in build_paragraphs(text_document(
        "MEETING OF THE TINBURY DISTRICT HELD IN THE OLD MILL\nHALL,\nTINBURY,\nCO.\nWESTSHIRE,\nON\n"
        "TUESDAY, 5TH MARCH, 2024, AT NOON.\nPRESENT:\nCouncillor A. Ames.\n"))]
    assert paragraphs[0] == ("PRESENT", "Councillor A. Ames.")
    assert len(paragraphs) == 1


def test_bare_numbered_entries_in_a_row_are_a_list_not_titles():
    paragraphs = [(p.heading, p.number, p.text) for p in build_paragraphs(text_document(
        "SPECIAL MEETING\nThe candidates spoke in the order drawn.\n1. Ada Quill\n2. Ben Rowe\n3. Cai Stone\n"
        "Council voted by ballot.\n"))]
    assert {heading for heading, _, _ in paragraphs} == {"SPECIAL MEETING"}
    assert ("SPECIAL MEETING", "2", "Ben Rowe") in paragraphs
    assert not is_item_title("Police Reports: Attached.")
