"""Running heads and feet that carry a page number, and a file name's year the paper contradicts."""

from __future__ import annotations

from councilsearch.model import Line
from councilsearch.parse import parse
from councilsearch.parse.dates import filed_year_checked, next_meeting_date
from councilsearch.parse.paragraphs import build_paragraphs, is_page_marked, running_key
from documents import line_document, text_document


def _texts(document):
    return [p.text for p in build_paragraphs(document)]


# --- running heads and feet -------------------------------------------------------------


def test_page_marked_head_on_a_two_page_paper_is_dropped_and_the_paragraph_joined():
    document = line_document(
        ["MINUTES", "TOWNSHIP OF FERNLEIGH", "", "5. The council discussed the resurfacing of Mill Road and",
         "agreed to ask for three quotes before the spring."],
        ["4 March 2024 – Minutes – Page 2", "", "6. The clerk reported that the grit bins are full and that",
         "the contractor will"],
        page_size=(612.0, 792.0),
    )
    # A running head in small type at the top of page 2 that splits item 6 from its end.
    document.pages[1].lines[0].size = 9.9
    document.pages[1].lines.append(Line(text="empty them weekly.", page=2, x0=72, x1=520, top=120, bottom=132, size=12))
    texts = _texts(document)
    assert not any("Page 2" in text for text in texts)
    assert texts[-1] == "The clerk reported that the grit bins are full and that the contractor will empty them weekly."


def test_page_marked_lines_need_a_separated_page_number():
    for text in ["4 March 2024 – Minutes – Page 2", "09/11/2011 | Page 1", "Planning Report - Page 3 of 12",
                 "Page 3 of 12 - Planning Committee", "Staff Report – Depot Roof – Page 2"]:
        assert is_page_marked(text), text
    for text in ["as shown on page 4 of the report", "Item 7 – see Part 2 Paper – Page 151A", "Page 2",
                 "The council agreed the plan – page 3 sets out the costs in full for each of the wards"]:
        assert not is_page_marked(text), text


def test_running_key_makes_page_numbers_and_dashes_alike():
    assert running_key("Minutes – 4 March 2024 – Page 2 of 9") == running_key("Minutes - 4 March 2024 - Page 3")


def test_running_foot_repeated_with_other_dashes_and_page_counts_is_dropped():
    foot = ["Fernleigh Council – Budget 2024 – Page 1 of 4", "Fernleigh Council - Budget 2024 - Page 2",
            "Fernleigh Council — Budget 2024 — Page 3 of 4", "Fernleigh Council – Budget 2024 – Page 4 of 4"]
    pages = []
    for number, footer in enumerate(foot, start=1):
        pages.append([f"{number}.1 Spending on parks rises by {number}% in the year ahead of the review.", "", "", footer])
    texts = _texts(line_document(*pages))
    assert len(texts) == 4 and not any("Budget 2024" in t for t in texts)


def test_a_long_footnote_repeated_on_every_page_is_dropped():
    note = ("Figures are rounded for clarity, including totals, so small differences occur and tables may not "
            "appear to add up exactly in every case | Page {} of 3")
    pages = [[f"{n}.1 The reserves stand at £{n} million at the end of the quarter.", "", note.format(n)] for n in (1, 2, 3)]
    document = line_document(*pages)
    assert len(note) > 120
    assert not any("rounded" in t for t in _texts(document))


def test_a_sentence_mentioning_a_page_is_kept():
    document = line_document(["1.1 The plan is set out below – Page 2 of the appendix gives the costs."])
    assert _texts(document) == ["The plan is set out below – Page 2 of the appendix gives the costs."]


# --- a file name's year against the paper's next meeting -------------------------------------


MINUTES = """Present: Cllr Ashdown (in the chair), Cllrs Bryony and Catterall, and the Clerk.
3622. Apologies: Cllr Dunmore.
3623. Finance: the precept of £9,000 was paid in on 20/12/2023.
3624. The Footpaths Group – next meeting 10th January 2024, to walk the Hollins Lane path.
3625. Date of next meeting: 29th January 2024. The budget will be set.
"""


def test_minutes_filed_under_the_wrong_year_take_the_year_of_their_next_meeting():
    paper = parse(text_document(MINUTES), "fernleigh-cc/minutes/20230108.txt")
    assert paper.doc_type == "minutes"
    assert paper.date == "2024-01-08"


def test_file_name_date_that_fits_the_next_meeting_is_kept():
    assert parse(text_document(MINUTES), "fernleigh-cc/minutes/20240108.txt").date == "2024-01-08"
    # No day and month of the file name's fits within four months before the next meeting: keep the name's.
    assert filed_year_checked(MINUTES, "2023-06-12") == "2023-06-12"
    assert filed_year_checked("No next meeting is named here.", "2023-01-08") == "2023-01-08"


def test_next_meeting_is_the_papers_own_line_not_another_bodys():
    assert next_meeting_date(MINUTES) == "2024-01-29"
    assert next_meeting_date("The Footpaths Group – next meeting 10th January 2024.") is None
    assert next_meeting_date("12. Next Parish Council Meeting: Monday 4 March 2024 at 7pm") == "2024-03-04"


def test_a_printed_meeting_date_still_wins_over_the_next_meeting_rule():
    text = "Minutes of the meeting of Fernleigh Parish Council held on Monday 8 January 2024\n" + MINUTES
    paper = parse(text_document(text), "fernleigh-pc/minutes/20230108.txt")
    assert paper.date == "2024-01-08"
    # The weekday check keeps working: "Wednesday 13 March 2024" is a Wednesday; filed 20240313.
    text = "Minutes of the meeting of Fernleigh Parish Council held on Wednesday 13 March 2024\n3.1 Apologies."
    assert parse(text_document(text), "fernleigh-pc/minutes/20240314.txt").date == "2024-03-13"


def test_a_footnote_repeated_under_every_page_is_kept_once():
    note = "[1] These schemes rely on grant funding that is not yet secured and will only go ahead if the grant is won."
    pages = [[f"{n}.1 The depot roof scheme costs £{n}00,000 over two years [1].", "", note] for n in (1, 2, 3)]
    texts = _texts(line_document(*pages))
    assert sum(note in t for t in texts) == 1
