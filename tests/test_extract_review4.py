"""Extraction faults reported by the question writers (fourth review): a letterhead printed twice
with an offset, a bracketed figure standing for a hyphen, character references in text files,
escaped underscores in Markdown signature lines, symbol-font bullets, and tables a converter
wrote one cell per line."""

from __future__ import annotations

from councilsearch.demo.pdfwriter import PdfWriter
from councilsearch.extract import extract
from councilsearch.extract.common import clean_text
from councilsearch.extract.markdown import extract_markdown_string, regroup_table_cells


def _texts(document):
    return [line.text for page in document.pages for line in page.lines]


# --- a line printed twice (shadow effect) -----------------------------------------------


def _shadowed_letterhead_pdf(path, title="FERNLEIGH PARISH COUNCIL"):
    """The title drawn once compactly, then again 3pt lower, bold and letter-spaced: the two
    copies overlap on the page and interleave when read by position alone."""
    w = PdfWriter(width=595, height=842)
    w.add_page()
    w.text(150, 55, title, "Helvetica", 20)
    x = 120.0
    for ch in title:
        w.text(x, 58, ch, "Helvetica-Bold", 20)
        x += PdfWriter.text_width(ch, "Helvetica-Bold", 20) + 4
    w.text(72, 110, "Members are summoned to a meeting of the council on Monday 4 March 2024.", "Helvetica", 11)
    path.write_bytes(w.to_bytes())
    return path


def test_a_title_printed_twice_with_an_offset_reads_once(tmp_path):
    texts = _texts(extract(_shadowed_letterhead_pdf(tmp_path / "agenda.pdf")))
    assert texts[0] == "FERNLEIGH PARISH COUNCIL"
    assert texts[1].startswith("Members are summoned")


def _one_page_pdf(path, lines):
    """A one-page PDF with each (x, y, text) of lines in 11pt Helvetica."""
    w = PdfWriter(width=595, height=842)
    w.add_page()
    for x, y, text in lines:
        w.text(x, y, text, "Helvetica", 11)
    path.write_bytes(w.to_bytes())
    return path


def test_the_same_word_in_two_columns_on_nearby_baselines_is_kept(tmp_path):
    # Table cells centred a little differently: same text, different places, both are content.
    path = _one_page_pdf(tmp_path / "table.pdf", [(72, 100, "Approved by members"),
                                                  (300, 102, "Approved by members")])
    assert " ".join(_texts(extract(path))).count("Approved by members") == 2


# --- "un[1]ringfenced" ------------------------------------------------------------------


def test_a_bracketed_figure_inside_a_word_is_its_hyphen_and_a_footnote_mark_stays(tmp_path):
    path = _one_page_pdf(tmp_path / "minutes.pdf", [
        (72, 100, "Use this un[1]ringfenced income for the cameras."),
        (72, 130, "The reserve [1] is set out in the note below.")])
    texts = _texts(extract(path))
    assert texts[0] == "Use this un-ringfenced income for the cameras."
    assert texts[1] == "The reserve [1] is set out in the note below."


# --- character references and Markdown escapes -----------------------------------------


def test_character_references_in_a_text_file_are_decoded(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Present: Cllrs Ames, Brook &amp; the Clerk.\nSalary &amp; expenses &pound;516.78\n"
                    "Broadband from AT&T and R&D; costs\n", encoding="utf-8")
    assert _texts(extract(path)) == ["Present: Cllrs Ames, Brook & the Clerk.", "Salary & expenses £516.78",
                                     "Broadband from AT&T and R&D; costs"]


def test_markdown_signature_lines_of_escaped_underscores_keep_no_backslashes():
    md = ("**Signed: \\_\\_\\_\\_\\_\\_\\_\\_**\n\nSigned: \\_\\_\\_\\_\\_\\_\n\n"
          "Tea &amp; coffee, and a \\*starred\\* word\n")
    assert _texts(extract_markdown_string(md, "x.md")) == ["Signed: ________", "Signed: ______",
                                                           "Tea & coffee, and a *starred* word"]


# --- symbol-font bullets ------------------------------------------------------------------


def test_symbol_font_bullets_become_plain_bullets():
    assert clean_text("\uf0b7 Grass cutting contract") == "• Grass cutting contract"
    assert clean_text("\uf0d8 Further details") == "• Further details"
    assert clean_text("value of £100.00 \uf0a7") == "value of £100.00 •"
    assert clean_text("\uf0b7") == "•"
    md = "Items:\n\n\uf0b7 Grit bins\n\n\uf0b7 Bus shelter\n"
    assert _texts(extract_markdown_string(md, "x.md")) == ["Items:", "• Grit bins", "• Bus shelter"]


def test_a_members_title_run_into_the_name_is_parted():
    assert clean_text("Seconded by: CouncillorBrook") == "Seconded by: Councillor Brook"
    assert clean_text("Present: CllrAmes and CouncillorsHart") == "Present: Cllr Ames and Councillors Hart"
    assert clean_text("Councillors agreed; Cllr Lee") == "Councillors agreed; Cllr Lee"


# --- tables written one cell per line ----------------------------------------------------


def test_a_table_written_one_cell_per_line_is_joined_into_rows():
    md = ("Spending on litter clean-ups:\n\n**Ward**\n\n**2022**\n\n**2023**\n\nNorthgate\n\n€2,719.13\n\n€6,161.95\n\n"
          "Southmead\n\n€913.45\n\n€1,782.25\n\nRiverside\n\n€277.75\n\n€937.25\n\nNo prosecutions followed.\n")
    assert _texts(extract_markdown_string(md, "x.md")) == [
        "Spending on litter clean-ups:", "Ward | 2022 | 2023", "Northgate | €2,719.13 | €6,161.95",
        "Southmead | €913.45 | €1,782.25", "Riverside | €277.75 | €937.25", "No prosecutions followed."]


def test_a_bold_title_before_the_header_row_stays_a_line_of_its_own():
    items = [("Grant applications", True, 0.0), ("Status", True, 0.0), ("No.", True, 0.0),
             ("Received", False, 0.0), ("282", False, 0.0), ("Approved", False, 0.0), ("183", False, 0.0)]
    assert [text for text, _, _ in regroup_table_cells(items)] == [
        "Grant applications", "Status | No.", "Received | 282", "Approved | 183"]


def test_lines_that_only_look_a_little_like_a_table_are_left_alone():
    items = [("Ward", True, 0.0), ("2023", True, 0.0), ("Northgate", False, 0.0), ("€2,719.13", False, 0.0),
             ("The clerk will report again.", False, 0.0), ("in March", False, 0.0)]
    assert regroup_table_cells(items) == items  # one row only
    prose = [("Apologies", True, 0.0), ("Finance", True, 0.0), ("Cllr Ames", False, 0.0), ("Cllr Brook", False, 0.0),
             ("Cllr Hart", False, 0.0), ("Cllr Lee", False, 0.0)]
    assert regroup_table_cells(prose) == prose  # no figures: not a table of this shape
