"""Structure faults reported by the question writers (fourth review): mover, seconder and
resolution-number lines taken for headings, table rows taken for headings, numbers that are
addresses, times or figures taken for paragraph numbers, signature blanks and lone bullets
stored as paragraphs."""

from __future__ import annotations

from councilsearch.extract.markdown import extract_markdown_string
from councilsearch.model import Paragraph
from councilsearch.parse.paragraphs import (
    build_paragraphs,
    is_blank_form_line,
    is_mover_line,
    names_no_paragraph,
)
from councilsearch.parse.recommendations import mark_recommendations
from documents import line_document, text_document


def _paragraphs(document):
    return [(p.heading, p.number, p.text) for p in build_paragraphs(document)]


# --- movers, seconders and resolution numbers are not headings -------------------------


def test_mover_and_seconder_lines_are_not_headings_in_markdown():
    md = ("**Adoption of Minutes**\n\nCirculated, the draft minutes of the meeting held on 4 March.\n\n"
          "**Proposed by: Councillor Ashdown**\n\n**Seconded by: CouncillorBrook**\n\n**And Resolved:**\n\n"
          "“That the draft minutes be adopted and signed.”\n\n**Proposed: Cllr Hart**\n\n**Seconded: Cllr Lee**\n\n"
          "**QUESTIONS**\n\nThe chair thanked the staff for the Christmas lights.\n")
    paragraphs = _paragraphs(extract_markdown_string(md, "x.md"))
    headings = {heading for heading, _, _ in paragraphs}
    assert headings == {"Adoption of Minutes", "QUESTIONS"}
    assert ("QUESTIONS", None, "The chair thanked the staff for the Christmas lights.") in paragraphs
    assert ("Adoption of Minutes", None, "Seconded by: Councillor Brook") in paragraphs


def test_mover_lines_are_told_from_titles_that_start_with_the_same_word():
    for text in ["Proposed by: Councillor Ashdown", "Seconded: Cllr Lee", "Moved by Councillor Hart, seconded by Cllr Lee",
                 "Proposer: Cllr Ames", "Seconded – Councillor Roe"]:
        assert is_mover_line(text), text
    for text in ["Proposed Changes to the Constitution", "Proposed Amendment", "Moved to Part 2", "Secondary schools"]:
        assert not is_mover_line(text), text


def test_a_resolution_number_line_opens_its_resolution_and_carries_no_heading_on():
    document = line_document([
        "**Committee Reports:",
        "Councillor Ames: Fernleigh Museum Board.",
        "",
        "**R2024-031 A. Penn, B. Okoro:",
        "That the minutes of the meeting held March 4, 2024, be adopted. Carried.",
        "",
        "Councillor Penn declared an interest in the accounts and left the room.",
        "",
        "**R2024-032 B. Okoro, A. Penn:",
        "That the accounts be paid. Carried.",
        "",
        "Mayor:",
    ])
    paragraphs = _paragraphs(document)
    assert paragraphs[0] == ("Committee Reports", None, "Councillor Ames: Fernleigh Museum Board.")
    assert paragraphs[1] == (None, None, "R2024-031 A. Penn, B. Okoro: That the minutes of the meeting held March 4, 2024, "
                                         "be adopted. Carried.")
    assert all(not (heading or "").startswith("R2024") for heading, _, _ in paragraphs)
    assert (None, None, "Councillor Penn declared an interest in the accounts and left the room.") in paragraphs


def test_a_numbered_resolution_over_many_paragraphs_counts_once_up_to_its_vote():
    whereas = [Paragraph(text=f"AND WHEREAS reason number {i} applies to the housing fund;", page=1) for i in range(8)]
    paragraphs = [Paragraph(text="R2024-040 A. Penn, B. Okoro: WHEREAS the fund is short;", page=1), *whereas,
                  Paragraph(text="THEREFORE BE IT RESOLVED THAT the township asks for more funding. Carried.", page=1),
                  Paragraph(text="R2024-041 B. Okoro, A. Penn That we adjourn. Carried.", page=1),
                  Paragraph(text="The clerk read the correspondence.", page=1)]
    resolutions = mark_recommendations(paragraphs, minutes=True)
    assert len(resolutions) == 2
    assert resolutions[0].startswith("WHEREAS the fund is short;") and resolutions[0].endswith("more funding. Carried.")
    assert resolutions[1] == "That we adjourn. Carried."
    assert paragraphs[-1].kind == "text"


def test_a_resolution_cited_mid_sentence_opens_nothing_and_movers_after_a_colon_are_dropped():
    document = line_document([
        "**R2023-043 A. Penn, B. Okoro:",
        "NOW THEREFORE we authorize delivery of the new truck per Resolution",
        "R2022-35 and the financing of the purchase. Carried.",
        "",
        "**R2023-049: B. Okoro, A. Penn:",
        "That we accept the resignation of the museum board member. Carried.",
    ])
    paragraphs = build_paragraphs(document)
    assert len(paragraphs) == 2
    assert paragraphs[0].text.endswith("per Resolution R2022-35 and the financing of the purchase. Carried.")
    resolutions = mark_recommendations(paragraphs, minutes=True)
    assert resolutions == ["NOW THEREFORE we authorize delivery of the new truck per Resolution R2022-35 and the financing "
                           "of the purchase. Carried.", "That we accept the resignation of the museum board member. Carried."]


def test_be_it_resolved_alone_is_not_a_heading():
    document = line_document(["**R2024-033 A. Penn, B. Okoro:", "BE IT RESOLVED:", "1. That the road allowance be sold.",
                              "2. That the buyer pays the costs."])
    headings = {heading for heading, _, _ in _paragraphs(document)}
    assert headings == {None}


# --- table rows are not headings -------------------------------------------------------


def test_table_header_rows_and_rows_of_figures_are_not_headings():
    document = line_document([
        "**Primary School Places",
        "**By | By | By | Between",
        "**2025-26 | 2026-27 | 2027-28 | 2028-32",
        "0.3FE | 5FE | 5FE",
        "85 Year R | 10 Year R | 25 Year R | 6.3FE",
        "",
        "A total of 44.9FE across the Plan period.",
    ])
    paragraphs = _paragraphs(document)
    assert {heading for heading, _, _ in paragraphs} == {"Primary School Places"}
    assert all(number is None for _, number, _ in paragraphs)
    assert any(text.startswith("85 Year R 10 Year R") for _, _, text in paragraphs)


# --- numbers that are not paragraph numbers -------------------------------------------


def test_addresses_times_and_figures_are_not_paragraph_numbers():
    for number, rest in [("53", "Carrow Street, Tinbury, to Ann Lee"), ("112", "Hyde Road,"), ("8", "Elm Terrace"),
                         ("45", "Mill Road Fernleigh AB1 2CD"), ("8.10", "pm."), ("7.30", "p.m. in the school"),
                         ("10.00", "A.M."), ("50.00", "0.00"), ("0.00", "| 12.50 | 0.00"), ("85", "Year R | 10 Year R | 25")]:
        assert names_no_paragraph(number, rest), (number, rest)
    for number, rest in [("5", "Mill Lane ownership"), ("4", "Elder Park Facilities"), ("266", "Hyde Street - former depot"),
                         ("3", "Apologies"), ("2.1", "The plan sets out"), ("7", "Planning applications"),
                         ("1", "Local Property Tax | €21,329,589")]:
        assert not names_no_paragraph(number, rest), (number, rest)
    # A row number in a column of its own keeps numbering its labelled row.
    assert not names_no_paragraph("13", "Mill Way Depot | 4,609 | 4,102", own_cell=True)


def test_an_address_wrapped_onto_the_next_line_stays_in_its_sentence():
    text = ("Approval is given to the disposal of property at\n53 Carrow Street, Tinbury, to Ann Lee for the sum of "
            "€117,000, subject to the usual covenants.\n4. Correspondence\nThe clerk read a letter.\n")
    paragraphs = _paragraphs(text_document(text))
    assert paragraphs[0] == (None, None, "Approval is given to the disposal of property at 53 Carrow Street, Tinbury, "
                                         "to Ann Lee for the sum of €117,000, subject to the usual covenants.")
    assert any(number == "4" for _, number, _ in paragraphs)


def test_a_figure_opening_a_wrapped_line_of_a_sentence_is_not_a_number():
    document = line_document([
        "This leaves the county short, as its share of households is well above its share of the population at",
        "38.5 percent, and only 25 of",
        "47 service managers receive funding under the programme.",
        "",
        "2.1 The second paragraph is numbered.",
    ])
    paragraphs = _paragraphs(document)
    assert paragraphs[0][1] is None and "population at 38.5 percent, and only 25 of 47 service managers" in paragraphs[0][2]
    assert paragraphs[1][1] == "2.1"


def test_a_meeting_closed_at_a_time_printed_in_the_number_column_is_text():
    document = line_document(["9. Closure", "The meeting closed at", "8.10 pm."])
    document.pages[0].lines[2].number = "8.10"
    paragraphs = _paragraphs(document)
    assert all(number != "8.10" for _, number, _ in paragraphs)
    assert any("8.10 pm." in text for _, _, text in paragraphs)


# --- signature blanks and bullets -------------------------------------------------------


def test_signature_blanks_are_not_paragraphs():
    for text in ["Signed: ________________ Date: ________", "Chairman .............. Dated ..........",
                 "\\\\\\\\\\\\\\\\_", "____________"]:
        assert is_blank_form_line(text), text
    for text in ["Signed ____ Dated 7th May 2019", "Introduction..........5", "Return the form to the clerk by ____ please"]:
        assert not is_blank_form_line(text), text
    document = text_document("The meeting closed at 9pm.\nSigned: ________________ Date: ________\n")
    assert [text for _, _, text in _paragraphs(document)] == ["The meeting closed at 9pm."]


def test_lone_and_trailing_bullets_only_mark_where_items_start():
    md = ("Cash seized to an approximate value of €100,000.00 \uf0b7\n\nDrugs seized under section 15\n\n"
          "\uf0b7\n\nSearches under section 4\n")
    texts = [text for _, _, text in _paragraphs(extract_markdown_string(md, "x.md"))]
    assert texts == ["Cash seized to an approximate value of €100,000.00", "Drugs seized under section 15",
                     "Searches under section 4"]
