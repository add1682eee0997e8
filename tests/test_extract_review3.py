"""Markdown and HTML faults found in the real corpus: comments kept as text, bold lines
that only start and end bold, and what the paragraph parser makes of Markdown emphasis."""

from __future__ import annotations

from councilsearch.extract import extract
from councilsearch.extract.html import extract_html_string
from councilsearch.extract.markdown import extract_markdown_string
from councilsearch.parse.paragraphs import build_paragraphs


def _lines(document):
    return [(line.text, line.bold) for page in document.pages for line in page.lines]


# --- comments -------------------------------------------------------------------------


def test_markdown_comments_are_dropped_also_across_lines():
    md = ("# Fernleigh Community Council\n\nItems below.\n\n<!-- -->\n\na)  **Bus shelter**\n\n"
          "<!-- editor's note:\ncheck the figures -->\nThe shelter costs <!-- was 900 --> £1,200.\n")
    document = extract_markdown_string(md, "x.md")
    texts = [text for text, _ in _lines(document)]
    assert texts == ["Fernleigh Community Council", "Items below.", "a) Bus shelter", "The shelter costs £1,200."]
    assert "<!--" not in document.text and "editor" not in document.text


def test_an_unclosed_markdown_comment_hides_the_rest_as_in_html():
    document = extract_markdown_string("Minutes of the meeting.\n\n<!-- draft notes\nnot for the paper", "x.md")
    assert [text for text, _ in _lines(document)] == ["Minutes of the meeting."]


def test_html_and_html_in_text_files_drop_comments(tmp_path):
    html = "<p>Agenda</p><!-- <p>old item</p>\n--><p>1. Apologies</p>"
    assert [t for t, _ in _lines(extract_html_string(html, "x.html"))] == ["Agenda", "1. Apologies"]
    path = tmp_path / "minutes.txt"
    path.write_text("<p>Present: Cllr Ashdown</p>\n<!-- a comment\nover lines -->\n<p>1. Apologies</p>", encoding="utf-8")
    assert "comment" not in extract(path).text


# --- bold lines -----------------------------------------------------------------------


def test_a_line_only_starting_and_ending_bold_is_not_a_bold_line():
    md = "**Monday 4th** **March 2024** in the **Village Hall, Fernleigh and**\n\n**Part 8** **–** **New depot**\n"
    assert _lines(extract_markdown_string(md, "x.md")) == [
        ("Monday 4th March 2024 in the Village Hall, Fernleigh and", False),
        ("Part 8 – New depot", True),
    ]


def _paragraphs(md: str):
    return build_paragraphs(extract_markdown_string(md, "x.md"))


def test_bold_sentence_wrapped_over_markdown_lines_is_one_paragraph_not_a_heading():
    paragraphs = _paragraphs(
        "## 3. Notices of Motion\n\n"
        "**I will move at the next meeting that the council asks the highways**\n\n"
        "**department to repair the footway on Orchard Row before the winter.**\n\n"
        "***I will move at the next meeting that this council lobby both Minister Ann Other***\n\n"
        "***TD and the Roads Agency to make stronger and more***\n\n"
        "***robust rules for the repair of rural lanes.***\n"
    )
    assert [(p.heading, p.section, p.text) for p in paragraphs] == [
        ("Notices of Motion", "3", "I will move at the next meeting that the council asks the highways department "
                                   "to repair the footway on Orchard Row before the winter."),
        ("Notices of Motion", "3", "I will move at the next meeting that this council lobby both Minister Ann Other "
                                   "TD and the Roads Agency to make stronger and more robust rules for the repair of rural lanes."),
    ]


def test_short_bold_and_numbered_headings_stay_headings():
    paragraphs = _paragraphs(
        "**4. Correspondence**\n\nA letter from the bowls club was noted.\n\n"
        "**Footway repairs**\n\nThe Clerk reported that the contractor has been booked.\n\n"
        "**QUESTIONS**\n\nWhen will the lights be mended?\n"
    )
    assert [(p.heading, p.section) for p in paragraphs] == [
        ("Correspondence", "4"), ("Footway repairs", None), ("QUESTIONS", None)]


def test_lines_without_words_never_become_headings():
    paragraphs = _paragraphs("**Contacts**\n\nThe office is open daily.\n\n**061 - 557150**\n\n**(a)**\n\n**42%**\n")
    assert {p.heading for p in paragraphs} == {"Contacts"}
    assert any("557150" in p.text for p in paragraphs)


def test_strong_emphasis_over_several_lines_leaves_no_markers():
    md = "That the next meeting discuss a proposal by Cllr Ashdown on **the lack of\n    benches along the canal towpath**\n"
    assert "**" not in extract_markdown_string(md, "x.md").text


def test_numbered_bold_headings_stay_headings_even_wordy_or_glued_to_their_number():
    paragraphs = _paragraphs(
        "**1.Adoption of Minutes**\n\nThe minutes of 4 March were adopted.\n\n"
        "**2.Cases where the property has been bought by the council**\n\nMill Row, Fernleigh\n\n"
        "**3.Reports from the footpaths group and the**\n\n**allotments group.**\n"
    )
    assert [(p.section, p.heading, p.text) for p in paragraphs] == [
        ("1", "Adoption of Minutes", "The minutes of 4 March were adopted."),
        ("2", "Cases where the property has been bought by the council", "Mill Row, Fernleigh"),
        ("2", "Cases where the property has been bought by the council",
         "Reports from the footpaths group and the allotments group."),
    ]


def test_a_converters_image_placeholder_line_is_not_text():
    md = "[Original file](https://example.org/minutes.pdf)\n\n---\n(Image omitted)\n\nFernleigh Council\n\n(Image omitted) left of the hall\n"
    assert [t for t, _ in _lines(extract_markdown_string(md, "x.md"))] == ["Fernleigh Council", "(Image omitted) left of the hall"]
