"""Metadata rules from a review of the stored real papers: dates checked against the calendar,
a council's own minutes taking the council as committee, and titles for papers that print none.

All papers here are hand-made, with invented councils and wording.
"""

from __future__ import annotations

import json

import pytest

from councilsearch.extract import extract
from councilsearch.parse import parse
from councilsearch.parse.dates import checked_weekday, complete_year, day_month_near, first_date
from councilsearch.parse.meeting import council_from_folder
from councilsearch.parse.sidecar import find_sidecar, load_manifest
from documents import line_document, text_document

# --- dates and weekdays ------------------------------------------------------------------
# Weekdays used below: 6 Nov 2023 a Monday; 10 Feb 2021 a Wednesday, 11 Feb a Thursday; 9 Mar 2022 a Wednesday.


def test_heading_without_a_year_takes_the_year_of_the_file_and_the_day_it_prints():
    # File named after its upload date; the heading gives the meeting's weekday, day and month.
    paper = parse(text_document(
        "ASHCOMBE COMMUNITY COUNCIL\nORDINARY MEETING – MONDAY 6 NOVEMBER\nHeld in the Library at 7 p.m.\n"
        "Present: Ann Field, Bob Lane\n1. Apologies\nNone.\n2. Minutes\nApproved.", fmt="md"),
        "ashcombe-cc/minutes/2023-11-23-general-meeting-november.md")
    assert paper.date == "2023-11-06"
    assert paper.doc_type == "minutes" and paper.committee == "Ashcombe Community Council"


def test_yearless_heading_near_new_year_takes_the_year_its_weekday_fits():
    # "Monday 4 December" uploaded in January: the December before, not the one after.
    assert day_month_near("ORDINARY MEETING MONDAY 4 DECEMBER", "2024-01-12") == "2023-12-04"
    # "Tuesday 2 January" uploaded in late December: the January after.
    assert day_month_near("MEETING TUESDAY 2 JANUARY", "2023-12-28") == "2024-01-02"
    # Too far from the file's date to say which year: nothing rather than a guess.
    assert complete_year(6, 11, 0, "2023-03-23") is None


def test_year_printed_with_a_letter_o_reads_as_zero():
    assert first_date("ORDINARY MEETING – MONDAY 4 MARCH 2O24") == "2024-03-04"
    paper = parse(text_document(
        "ASHCOMBE COMMUNITY COUNCIL\nORDINARY MEETING – MONDAY 4 MARCH 2O24\nHeld in the Library at 7 p.m.\n"
        "Present: Ann Field\n1. Apologies\nNone.\n2. Minutes\nApproved.", fmt="md"),
        "ashcombe-cc/minutes/2024-03-23-general-meeting-march.md")
    assert paper.date == "2024-03-04"
    assert paper.title == "ORDINARY MEETING – MONDAY 4 MARCH 2024"


def test_printed_weekday_picks_the_file_date_when_the_printed_day_is_a_typo():
    # "Wednesday 11th February 2021" was a Thursday; the file's 10 February is the Wednesday.
    paper = parse(line_document([
        "Minutes of the meeting of Brackwell Parish Council held on Wednesday 11th February 2021 at",
        "7.30pm in the Village Hall",
        "PRESENT: Cllrs A Moss (Chairman), B Reed",
        "1. Apologies",
    ]), "brackwell-pc/minutes/2021/minutes-20210210.pdf")
    assert paper.date == "2021-02-10"
    assert paper.committee == "Brackwell Parish Council"


def test_printed_date_wins_when_its_weekday_fits_and_the_file_date_is_wrong():
    # The file says 11 March (a Friday); the heading's "Wednesday 9th March 2022" is right.
    paper = parse(line_document([
        "Minutes of the meeting of Brackwell Parish Council held on Wednesday 9th March 2022 at",
        "7.30pm in the Village Hall",
        "PRESENT: Cllrs A Moss (Chairman), B Reed",
        "1. Apologies",
    ]), "brackwell-pc/minutes/2022/minutes-20220311.pdf")
    assert paper.date == "2022-03-09"


def test_weekday_that_fits_neither_date_or_a_distant_file_date_changes_nothing():
    # "Monday 7 February 2023" was a Tuesday; the file's 23 February is a Thursday.
    assert checked_weekday("MONDAY 7 FEBRUARY 2023", "2023-02-07", "2023-02-23") == "2023-02-07"
    # The file's date fits the weekday but is weeks away: not a typo in the day.
    assert checked_weekday("held on Wednesday 11th February 2021", "2021-02-11", "2021-02-24") == "2021-02-11"
    # Nor an upload six days later that happens to be a Wednesday too.
    assert checked_weekday("held on Wednesday 11th February 2021", "2021-02-11", "2021-02-17") == "2021-02-11"
    # No weekday printed: nothing to check against.
    assert checked_weekday("held on 11th February 2021", "2021-02-11", "2021-02-10") == "2021-02-11"


# --- a council's own minutes ---------------------------------------------------------------


def test_council_name_followed_by_the_kind_of_paper_is_the_committee():
    paper = parse(text_document(
        "HOLMDALE COMMUNITY COUNCIL MINUTES\nMONTHLY MEETING\nMONDAY 3rd OF MARCH 2025 AT THE HALL\n"
        "1. Attendance & Apologies\nAttendance - Ann Field (Chair), Bob Lane", fmt="md"),
        "holmdale/minutes/2025-03-03-general-meeting.md")
    assert (paper.doc_type, paper.committee, paper.date) == ("minutes", "Holmdale Community Council", "2025-03-03")


def test_council_heading_with_an_agm_and_minutes_for_a_council():
    agm = parse(line_document([
        "**Fellside Parish Council A.G.M. - 6th May 2025",
        "**Present",
        "Councillors A Moss (Chair), B Reed",
        "**25.05.1 Election of Chair",
    ]), "fellside/minutes/minutes_2025-05-06_.pdf")
    assert agm.committee == "Fellside Parish Council"
    minutes_for = parse(line_document([
        "**Minutes for Brackwell Parish Council",
        "**14th May 2025",
        "Present AM, BR",
        "Apologies CT",
    ]), "brackwell/minutes/2025/minutes-20250514.pdf")
    assert minutes_for.committee == "Brackwell Parish Council"


def test_ontario_corporation_heading_names_the_township():
    paper = parse(line_document([
        "**The Corporation of the Township of Lakemere",
        "**12 Shore Road",
        "#**AGENDA",
        "#**Tuesday, April 9, 2024",
        "1. Call to Order",
        "2. Adoption of the Agenda",
    ]), "lakemere/2024/Agenda-April-9-2024.pdf")
    assert paper.doc_type == "agenda" and paper.committee == "Township of Lakemere"


def test_a_generic_council_line_names_no_council():
    paper = parse(text_document(
        "MINUTES OF THE PARISH COUNCIL\n1. Apologies\nNone.\n2. Minutes\nApproved.", fmt="md"),
        "papers/minutes-20240110.md")
    assert paper.committee is None and paper.council is None


HEADERLESS_MINUTES = "Present: Cllrs Moss, Reed & the Clerk.\n4101. To receive apologies: None.\n4102. Accounts: approved."


def test_headerless_minutes_take_the_council_of_their_folder_abbreviation():
    # Numbered items only, no heading: the folder "quarrington-pc" is Quarrington Parish Council.
    minutes = HEADERLESS_MINUTES
    paper = parse(text_document(minutes, fmt="txt"), "quarrington-pc/minutes/20240325.txt")
    assert (paper.doc_type, paper.committee, paper.date) == ("minutes", "Quarrington Parish Council", "2024-03-25")


def test_ambiguous_folder_abbreviation_needs_the_name_printed():
    # "cc" may be a community, county or city council: only the paper can say which.
    other_council = "4101. Correspondence: a letter from Oakshire County Council about potholes."
    assert council_from_folder("tarnby-valley-cc", other_council) is None
    printed = "4101. Correspondence: Tarnby Valley Community Council is to reply."
    assert council_from_folder("tarnby-valley-cc", printed) == "Tarnby Valley Community Council"
    assert council_from_folder("tarnby-valley-cc-wales", printed) == "Tarnby Valley Community Council"
    assert council_from_folder("minutes", printed) is None  # no abbreviation: no name made up
    paper = parse(text_document("Present: Cllrs Moss & Reed.\n" + other_council, fmt="txt"),
                  "tarnby-valley-cc/minutes/20240325.txt")
    assert paper.committee is None


def test_special_meeting_heading_with_its_purpose_names_the_body_not_the_council():
    paper = parse(text_document(
        "MINUTES OF PROCEEDINGS OF SPECIAL MEETING OF THE\nMUNICIPAL DISTRICT OF NORTHWOLD TO DISCUSS\n"
        "THE ROADS ALLOCATION 2024, HELD IN THE CIVIC OFFICES,\nNORTHWOLD ON THURSDAY 21st MARCH AT 4.15PM.\n"
        "PRESENT IN THE CHAIR:\nCouncillor A Moss", fmt="md"),
        "northwold-ccc-ie/meetings/2024/03/Minutes - Special Meeting - 21st March 2024.md")
    assert paper.committee == "Municipal District of Northwold"
    assert paper.date == "2024-03-21"


# --- titles ----------------------------------------------------------------------------------


def test_minutes_without_a_printed_title_get_a_composed_flagged_one():
    minutes = HEADERLESS_MINUTES
    paper = parse(text_document(minutes, fmt="txt"), "quarrington-pc/minutes/20240325.txt")
    assert paper.title == "Minutes of Quarrington Parish Council – 25 March 2024"
    assert paper.title_composed is True
    printed = parse(line_document([
        "Minutes of the meeting of Brackwell Parish Council held on Wednesday 9th March 2022 at",
        "7.30pm in the Village Hall",
        "PRESENT: Cllrs A Moss (Chairman), B Reed",
    ]), "brackwell-pc/minutes/2022/minutes-20220309.pdf")
    assert printed.title.startswith("Minutes of the meeting of Brackwell") and printed.title_composed is False


def test_composed_title_without_a_committee_says_only_what_is_known():
    paper = parse(text_document("1. Apologies\n2. Finance\n3. Planning", fmt="txt"), "papers/agenda/20240101.txt",
                  {"doc_type": "agenda"})
    assert (paper.doc_type, paper.committee) == ("agenda", None)
    assert paper.title == "Agenda – 1 January 2024" and paper.title_composed


def test_document_takes_its_first_heading_like_line_past_the_councils_name():
    notice = parse(line_document([
        "**OAKSHIRE COUNTY COUNCIL",
        "**TEMPORARY ROAD CLOSURE NOTICE",
        "**(B1234, MILL LANE, FELLSIDE)",
        "NOTICE IS HEREBY GIVEN that the council intends to close the road while the bridge is",
        "repaired. The closure will start on 3 June 2024.",
    ], size=10), "fellside-pc/docs/B1234 closure.pdf")
    assert notice.title == "TEMPORARY ROAD CLOSURE NOTICE" and not notice.title_composed
    bracketed = parse(line_document([
        "**OAKSHIRE COUNTY COUNCIL",
        "**(SPEED LIMIT ORDER)",
        "**(EXPERIMENTAL) TWENTY MPH ORDER",
        "The council proposes an experimental speed limit on roads in Fellside.",
    ], size=10), "fellside-pc/docs/reasons.pdf")
    assert bracketed.title == "(EXPERIMENTAL) TWENTY MPH ORDER"


def test_a_letter_under_a_councils_name_has_no_heading_to_take():
    letter = parse(line_document([
        "FELLSIDE PARISH COUNCIL",
        "Thank you to everyone who took part in the consultation about the road closure options.",
        "A clear majority supported the first option, which we will recommend to the county.",
    ], size=13), "fellside-pc/docs/Road Closure Recommendation.pdf")
    # No printed title: the file's name stands in, flagged as composed.
    assert (letter.title, letter.title_composed) == ("Road Closure Recommendation", True)
    numbered = parse(line_document(["**1. INTRODUCTION", "These guidelines set out how tenders are scored."], size=11),
                     "fellside-pc/policy/Guidelines.pdf", {"doc_type": "other"})
    assert numbered.title is None  # a numbered section heading is not the paper's title; one word names nothing
    dated = parse(text_document("Thank you all for coming.", fmt="txt"), "fellside-pc/docs/20240325.txt",
                  {"doc_type": "other"})
    assert dated.title is None


# --- through the real extractor and sidecar lookup ------------------------------------------------


@pytest.fixture
def council_tree(tmp_path):
    minutes = tmp_path / "quarrington-pc" / "minutes"
    minutes.mkdir(parents=True)
    (minutes / "20240325.txt").write_text(
        "Present: Cllrs Moss, Reed &amp; the Clerk.<br />\n4101. To receive apologies: None.<br />\n"
        "4102. Accounts for payment: approved.\n", encoding="utf-8")
    tarnby = tmp_path / "tarnby-valley-cc" / "minutes"
    tarnby.mkdir(parents=True)
    (tarnby / "20240129.txt").write_text("Present: Cllrs Moss &amp; Reed.\n4101. Apologies: none.\n", encoding="utf-8")
    return tmp_path


def test_extracted_text_minutes_get_committee_and_title_from_folder_or_manifest(council_tree, tmp_path):
    path = council_tree / "quarrington-pc" / "minutes" / "20240325.txt"
    paper = parse(extract(path), "quarrington-pc/minutes/20240325.txt", find_sidecar(path, council_tree))
    assert (paper.committee, paper.date) == ("Quarrington Parish Council", "2024-03-25")
    assert paper.title == "Minutes of Quarrington Parish Council – 25 March 2024"

    # "cc" alone says too little; a manifest's council column says which council it is.
    tarnby = council_tree / "tarnby-valley-cc" / "minutes" / "20240129.txt"
    bare = parse(extract(tarnby), "tarnby-valley-cc/minutes/20240129.txt", find_sidecar(tarnby, council_tree))
    assert bare.committee is None and bare.title == "Minutes – 29 January 2024"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,council,doc_type\n"
                        "tarnby-valley-cc/minutes/20240129.txt,Tarnby Valley Community Council,minutes\n", encoding="utf-8")
    sidecar = find_sidecar(tarnby, council_tree, load_manifest(manifest))
    paper = parse(extract(tarnby), "tarnby-valley-cc/minutes/20240129.txt", sidecar)
    assert paper.committee == "Tarnby Valley Community Council"
    assert paper.title == "Minutes of Tarnby Valley Community Council – 29 January 2024"
    assert json.loads(json.dumps(paper.to_dict()))["title_composed"] is True


def test_malformed_dates_from_a_sidecar_are_dropped_not_crashing_the_parse(tmp_path):
    assert checked_weekday("MONDAY 7 FEBRUARY 2023", "2023-02-07", "2023-02-30") == "2023-02-07"
    assert complete_year(6, 11, 0, "2023-13-01") is None
    folder = tmp_path / "papers" / "minutes"
    folder.mkdir(parents=True)
    path = folder / "general-meeting.md"
    path.write_text("ASHCOMBE COMMUNITY COUNCIL\n\nORDINARY MEETING – MONDAY 6 NOVEMBER\n\n1. Apologies\n\n2. Minutes\n",
                    encoding="utf-8")
    (folder / "general-meeting.md.json").write_text(json.dumps({"meeting_date": "2023-02-30"}), encoding="utf-8")
    sidecar = find_sidecar(path, tmp_path)
    assert sidecar is None or "date" not in sidecar  # the calendar has no 30 February
    paper = parse(extract(path), "papers/minutes/general-meeting.md", sidecar)
    assert paper.doc_type == "minutes" and paper.date is None  # no year anywhere: no date made up


@pytest.mark.parametrize("source, title", [
    ("docs/25 March 2024.pdf", None),
    ("docs/March 2024.pdf", None),
    ("docs/2024-03-25.pdf", None),
    ("docs/Bridge Closure Notice.pdf", "Bridge Closure Notice"),
    ("docs/Minutes March 2024.pdf", "Minutes March 2024"),
])
def test_a_file_name_that_is_only_a_date_is_no_title(source, title):
    from councilsearch.parse import _file_name_title

    assert _file_name_title(source) == title
