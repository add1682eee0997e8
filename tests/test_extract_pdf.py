"""The layout-aware PDF extractor on hard layouts generated with the demo PdfWriter."""

from __future__ import annotations

import pytest

from councilsearch.demo.pdfwriter import PdfWriter
from councilsearch.extract import CELL_SEPARATOR, EXTRACTOR_VERSION, ExtractionError, extract

LOREM = (
    "The council has reviewed the proposals for the library service and the responses to the "
    "public consultation, which closed in January, and recommends that the changes proceed."
)


def _save(writer: PdfWriter, tmp_path, name="paper.pdf"):
    path = tmp_path / name
    writer.save(path)
    return path


def _lines(doc):
    return [line for page in doc.pages for line in page.lines]


def test_version_is_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_bordered_header_table_rows_become_one_line_each(tmp_path):
    w = PdfWriter(info={"Title": "Budget monitoring"})
    w.add_page()
    rows = [
        ("Committee:", "Executive", "Agenda Item No.:", "14"),
        ("Date:", "12 March 2025", "Status:", "Open"),
        ("Subject:", "Budget monitoring report for the third quarter", None, None),
        ("Report by:", "Director of Finance", None, None),
        ("Relevant Portfolio Holder:", "Councillor Jane Smith", None, None),
    ]
    top = 60
    for label, value, label2, value2 in rows:
        # Cell borders: 4 columns, or 2 when the value spans the row.
        w.rect(50, top, 130, 20)
        if label2:
            w.rect(180, top, 130, 20)
            w.rect(310, top, 130, 20)
            w.rect(440, top, 100, 20)
        else:
            w.rect(180, top, 360, 20)
        w.text(55, top + 14, label, "Helvetica-Bold", 10)
        w.text(185, top + 14, value, "Helvetica", 10)
        if label2:
            w.text(315, top + 14, label2, "Helvetica-Bold", 10)
            w.text(445, top + 14, value2, "Helvetica", 10)
        top += 20
    w.paragraph(50, top + 30, 490, LOREM)
    doc = extract(_save(w, tmp_path))
    texts = [line.text for line in _lines(doc)]
    assert f"Committee: Executive{CELL_SEPARATOR}Agenda Item No.: 14" in texts
    assert f"Date: 12 March 2025{CELL_SEPARATOR}Status: Open" in texts
    assert "Subject: Budget monitoring report for the third quarter" in texts
    assert "Relevant Portfolio Holder: Councillor Jane Smith" in texts
    assert doc.properties["title"] == "Budget monitoring"
    # The table comes first, then the body text, all on page 1.
    assert texts.index("Report by: Director of Finance") < next(i for i, t in enumerate(texts) if t.startswith("The council"))


def test_cells_split_at_a_ruled_border_even_when_close(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.rect(50, 50, 100, 20)
    w.rect(150, 50, 100, 20)
    w.text(55, 64, "Loss of cash", size=10)
    # Ends near x=150; the next cell's text starts 6pt later, under the cell gap.
    w.text(150 - PdfWriter.text_width("Insurance", size=10) - 2, 64 + 20, "Insurance", size=10)
    w.text(155, 64, "Fidelity cover in place", size=10)
    w.text(155, 84, "Limit reviewed", size=10)
    w.rect(50, 70, 100, 20)
    w.rect(150, 70, 100, 20)
    doc = extract(_save(w, tmp_path))
    texts = [line.text for line in _lines(doc)]
    assert f"Loss of cash{CELL_SEPARATOR}Fidelity cover in place" in texts
    assert f"Insurance{CELL_SEPARATOR}Limit reviewed" in texts


def _numbered_report(w: PdfWriter, start_y: float, offsets=(0.0, 0.0, 1.5)) -> float:
    """Paragraph numbers at x=70, justified text at x=110; the third number sits 1.5pt low."""
    y = start_y
    for i, (number, offset) in enumerate(zip(("4.1", "4.2", "4.3"), offsets)):
        w.text(70, y + offset, number, "Helvetica", 11)
        first_words = ["Firstly", "Secondly", "Thirdly"][i]
        y = w.paragraph(110, y, 420, f"{first_words} {LOREM} {LOREM}", size=11, justify=True) + 8
    w.text(110, y, "a)", "Helvetica", 11)
    y = w.paragraph(135, y, 395, "agree the revised opening hours for all branch libraries", size=11, justify=True)
    w.text(110, y, "(ii)", "Helvetica", 11)
    y = w.paragraph(135, y, 395, "note the savings", size=11)
    return y


def test_paragraph_numbers_in_a_left_column_attach_to_their_text(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(70, 60, "4. Consultation", "Helvetica-Bold", 12)
    _numbered_report(w, 90)
    doc = extract(_save(w, tmp_path))
    lines = _lines(doc)
    numbered = {line.number: line for line in lines if line.number}
    assert numbered["4.1"].text.startswith("4.1 Firstly The council has reviewed")
    assert numbered["4.2"].text.startswith("4.2 Secondly The council")
    assert numbered["4.3"].text.startswith("4.3 Thirdly The council")
    assert numbered["a)"].text == "a) agree the revised opening hours for all branch libraries"
    assert numbered["(ii)"].text == "(ii) note the savings"
    # Justified words are single-spaced and the continuation lines carry no number.
    body = [line for line in lines if not line.number]
    assert all("  " not in line.text and CELL_SEPARATOR not in line.text for line in body)
    assert numbered["4.1"].page == 1 and numbered["4.1"].x0 == pytest.approx(70, abs=1)


def test_running_headers_and_footers_are_dropped(tmp_path):
    w = PdfWriter()
    for page, name in enumerate(("First", "Second", "Third"), start=1):
        w.add_page()
        w.text(50, 40, "Cabinet – 12 March 2025", size=9)
        w.text(480, 40, f"Item {7 + page}", size=9)  # differs only in digits
        w.paragraph(50, 100, 490, f"{name} page body. {LOREM}"[: 60 + 40 * page])
        w.text(280, 810, f"Page {page} of 3", size=9)
    doc = extract(_save(w, tmp_path))
    text = doc.text
    assert "Cabinet – 12 March 2025" not in text
    assert "Page 1 of 3" not in text and "Item 8" not in text
    assert [p.lines[0].text.split(".")[0] for p in doc.pages] == ["First page body", "Second page body", "Third page body"]


def test_two_column_page_is_read_column_by_column(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(50, 50, "Parish News and Minutes of the Annual Meeting held in March", "Helvetica-Bold", 14)
    left = "Left column alpha " + " ".join(f"leftword{i}" for i in range(120))
    right = "Right column beta " + " ".join(f"rightword{i}" for i in range(120))
    w.paragraph(50, 90, 230, left, justify=True)
    w.paragraph(315, 90, 230, right, justify=True)
    doc = extract(_save(w, tmp_path))
    words = doc.text.split()
    assert words[:4] == ["Parish", "News", "and", "Minutes"]
    last_left = words.index("leftword119")
    first_right = words.index("rightword0")
    assert last_left < first_right
    assert [w_ for w_ in words if w_.startswith("leftword")] == [f"leftword{i}" for i in range(120)]
    assert [w_ for w_ in words if w_.startswith("rightword")] == [f"rightword{i}" for i in range(120)]


def test_label_value_table_is_not_taken_for_two_columns(tmp_path):
    w = PdfWriter()
    w.add_page()
    top = 60
    for i in range(10):
        w.text(60, top, f"Label {i}:", "Helvetica-Bold", 10)
        w.text(320, top, f"value number {i} for the row", size=10)
        top += 14
    doc = extract(_save(w, tmp_path))
    texts = [line.text for line in _lines(doc)]
    assert texts[:2] == ["Label 0: value number 0 for the row", "Label 1: value number 1 for the row"]


def test_hyphenated_words_rejoin_but_real_hyphens_stay(tmp_path):
    w = PdfWriter()
    w.add_page()
    lines = [
        "The council remains fully commit-",
        "ted to the plan for the year 2025-",
        "26 and will co-",
        "Operate with partners on the well-",
        "being strategy. The commitment is well-being led. In the long-",
        "term it will need multi-",
        "agency work and consul-",
        "tation on the long plan and its term.",
    ]
    for i, line in enumerate(lines):
        w.text(60, 80 + i * 13, line, size=11)
    doc = extract(_save(w, tmp_path))
    text = " ".join(doc.text.split())
    assert "fully committed to the plan" in text
    assert "2025-26 and" in text
    assert "co-Operate" in text
    # "well-being" is written with a hyphen elsewhere in the paper, so it keeps it.
    assert "the well-being strategy" in text
    # "long" and "term" are both words of the paper; "multi-" makes compounds.
    assert "In the long-term it will" in text
    assert "multi-agency work" in text
    assert "and consultation on" in text


def test_letter_spaced_heading_collapses_to_words(tmp_path):
    w = PdfWriter()
    w.add_page()
    x = 60.0
    for word in ("HERTINGFORDBURY", "PARISH", "COUNCIL"):
        for ch in word:
            w.text(x, 60, ch, "Helvetica-Bold", 12)
            x += PdfWriter.text_width(ch, "Helvetica-Bold", 12) + 3.5
        x += 9
    # The same heading typed with spaces between letters and two between words.
    w.text(60, 90, "M I N U T E S  O F  T H E  M E E T I N G", "Helvetica", 12)
    w.text(60, 120, "Votes: 2 3 4 5", "Helvetica", 12)
    doc = extract(_save(w, tmp_path))
    texts = [line.text for line in _lines(doc)]
    assert texts[0] == "HERTINGFORDBURY PARISH COUNCIL"
    assert texts[1] == "MINUTES OF THE MEETING"
    assert texts[2] == "Votes: 2 3 4 5"
    assert _lines(doc)[0].bold


def test_lines_keep_page_numbers_and_positions(tmp_path):
    w = PdfWriter()
    for page, name in enumerate(("one", "two", "three")):
        w.add_page()
        w.text(72, 100 + page * 10, f"Text on sheet {name}", "Times-Roman", 12)
    doc = extract(_save(w, tmp_path))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    line = doc.pages[2].lines[0]
    assert line.page == 3 and line.text == "Text on sheet three"
    assert line.x0 == pytest.approx(72, abs=0.5) and line.size == pytest.approx(12, abs=0.5)
    assert line.top < 120 < line.bottom + 1 and not line.bold


# -- files that cannot be read ------------------------------------------------


def test_truncated_pdf_is_corrupt(tmp_path):
    w = PdfWriter()
    w.paragraph(50, 80, 400, LOREM)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(w.to_bytes()[:200])
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "corrupt"
    assert "truncated.pdf" in err.value.message


def test_garbage_pdf_is_corrupt(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"this is not a pdf at all\n" * 50)
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "corrupt"


def test_empty_file_is_empty(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "empty"


def test_pdf_with_only_drawings_has_no_text(tmp_path):
    w = PdfWriter()
    for _ in range(2):
        w.add_page()
        w.rect(50, 50, 300, 200)
        w.line(50, 400, 500, 420)
    with pytest.raises(ExtractionError) as err:
        extract(_save(w, tmp_path))
    assert err.value.reason == "no_text"


def test_encrypted_pdf_without_the_password_is_encrypted(tmp_path):
    w = PdfWriter(encrypt_user_password="secret")
    w.text(50, 80, "Confidential text")
    with pytest.raises(ExtractionError) as err:
        extract(_save(w, tmp_path))
    assert err.value.reason == "encrypted"


def test_pdf_encrypted_with_an_empty_password_is_read(tmp_path):
    w = PdfWriter(encrypt_user_password="", info={"Title": "Open secret"})
    w.text(50, 80, "Readable text")
    doc = extract(_save(w, tmp_path))
    assert doc.text == "Readable text"
    assert doc.properties["title"] == "Open secret"


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import councilsearch.extract as extract_module

    w = PdfWriter()
    w.text(50, 80, "Some text")
    monkeypatch.setattr(extract_module, "MAX_BYTES", 100)
    with pytest.raises(ExtractionError) as err:
        extract(_save(w, tmp_path))
    assert err.value.reason == "too_large"


def test_unknown_extension_is_unsupported(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "unsupported"


def test_bad_reason_is_rejected():
    with pytest.raises(ValueError):
        ExtractionError("broken", "x")


def test_superscript_ordinal_stays_on_its_line(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(60, 80, "The meeting is summoned for the evening of Wednesday", size=10)
    w.text(60, 92, "11", size=10)
    x = 60 + PdfWriter.text_width("11", size=10)
    w.text(x, 88, "th", size=6.5)
    w.text(x + PdfWriter.text_width("th", size=6.5) + 2.8, 92, "November 2015 at the school.", size=10)
    doc = extract(_save(w, tmp_path))
    assert [line.text for line in _lines(doc)] == [
        "The meeting is summoned for the evening of Wednesday",
        "11th November 2015 at the school.",
    ]


def test_figures_in_a_table_are_not_paragraph_numbers(tmp_path):
    w = PdfWriter()
    w.add_page()
    for i, (label, a, b) in enumerate([("Adult Social Care", "586.1", "621.6"), ("Children", "430.6", "420.8")]):
        w.text(60, 80 + 14 * i, label, size=10)
        w.text(340, 80 + 14 * i, a, size=10)
        w.text(420, 80 + 14 * i, b, size=10)
    w.text(60, 140, "12.5", size=10)
    w.text(100, 140, "13.0", size=10)
    doc = extract(_save(w, tmp_path))
    lines = _lines(doc)
    assert [line.text for line in lines] == [
        f"Adult Social Care{CELL_SEPARATOR}586.1{CELL_SEPARATOR}621.6",
        f"Children{CELL_SEPARATOR}430.6{CELL_SEPARATOR}420.8",
        f"12.5{CELL_SEPARATOR}13.0",
    ]
    assert all(line.number is None for line in lines)


def test_partly_scanned_pdf_keeps_its_text_and_counts_blank_pages(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.rect(50, 50, 400, 600)  # stands in for a scanned page image
    w.add_page()
    w.text(60, 80, "Staff report on landfill opening hours", size=11)
    doc = extract(_save(w, tmp_path))
    assert doc.pages[0].lines == [] and doc.pages[1].lines[0].text == "Staff report on landfill opening hours"
    assert doc.properties["pages_without_text"] == 1


@pytest.mark.parametrize("angle", [90, 270])
def test_sideways_page_is_read_in_its_own_frame(tmp_path, angle):
    w = PdfWriter()
    w.add_page()
    rows = ["Budget line one: libraries", "Budget line two: highways", "Budget line three: parks"]
    for i, text in enumerate(rows):
        # Turned anticlockwise, successive lines sit further right; turned clockwise, further left.
        x = 100 + 16 * i if angle == 90 else 500 - 16 * i
        w.text(x, 700 if angle == 90 else 100, text, size=11, angle=angle)
    w.text(60, 60, "DRAFT", size=8)  # one upright word does not outvote the page
    doc = extract(_save(w, tmp_path))
    assert [line.text for line in doc.pages[0].lines] == rows
    assert doc.pages[0].width == 842 and doc.pages[0].height == 595


def test_drifting_header_and_page_number_footer_are_dropped(tmp_path):
    w = PdfWriter()
    bodies = ["Apologies were received from two members.", "The clerk reported on the accounts.", "Planning matters were noted."]
    for page, body in enumerate(bodies, start=1):
        w.add_page()
        if page > 1:  # no header on the first page; it drifts 12pt between pages
            w.text(420, 38 + 12 * (page % 2), f"August 15, 2023 – Minutes – Page {page}", size=10)
        w.text(60, 120, body, size=11)
        w.text(290, 731 + 13 * (page % 2), f"Page {page} of 3", size=10)
    doc = extract(_save(w, tmp_path))
    assert [[line.text for line in p.lines] for p in doc.pages] == [[b] for b in bodies]


def test_text_placed_off_the_page_is_ignored(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(60, 80, "Printed text", size=11)
    w.text(-400, 80, "hidden", size=11)
    w.text(60, 900, "below the page", size=11)
    assert extract(_save(w, tmp_path)).text == "Printed text"


def test_full_width_text_above_and_below_two_columns(tmp_path):
    w = PdfWriter()
    w.add_page()
    top = "Opening full width " + " ".join(f"topword{i}" for i in range(60))
    y = w.paragraph(50, 60, 495, top, justify=True) + 10
    left = " ".join(f"leftword{i}" for i in range(90))
    right = " ".join(f"rightword{i}" for i in range(90))
    y_left = w.paragraph(50, y, 230, left, justify=True)
    y_right = w.paragraph(315, y, 230, right, justify=True)
    w.paragraph(50, max(y_left, y_right) + 10, 495, "Closing full width " + " ".join(f"endword{i}" for i in range(40)), justify=True)
    words = extract(_save(w, tmp_path)).text.split()
    order = [w_.rstrip("0123456789") for w_ in words if w_[-1].isdigit()]
    # Every kind of word appears in one unbroken stretch, in reading order.
    runs = [k for i, k in enumerate(order) if i == 0 or order[i - 1] != k]
    assert runs == ["topword", "leftword", "rightword", "endword"]
    assert [w_ for w_ in words if w_.startswith("leftword")] == [f"leftword{i}" for i in range(90)]


def test_bullet_in_its_own_column_joins_its_text(tmp_path):
    w = PdfWriter()
    w.add_page()
    w.text(60, 80, "•", size=11)
    w.text(90, 80, "Provide an overarching framework for planning", size=11)
    w.text(90, 94, "places in each district.", size=11)
    texts = [line.text for line in _lines(extract(_save(w, tmp_path)))]
    assert texts == ["• Provide an overarching framework for planning", "places in each district."]


class FileTimeout(Exception):
    """Stands in for ingest's time-limit exception, raised from a signal handler."""


@pytest.mark.parametrize("interruption", [FileTimeout, TimeoutError])
def test_a_time_limit_inside_pdfminer_is_not_swallowed(tmp_path, monkeypatch, interruption):
    from pdfminer.pdfinterp import PDFPageInterpreter

    w = PdfWriter()
    w.text(60, 80, "Some text")
    path = _save(w, tmp_path)

    def expire(self, page):
        raise interruption()

    monkeypatch.setattr(PDFPageInterpreter, "process_page", expire)
    with pytest.raises(interruption):
        extract(path)


def test_sideways_stamp_on_an_upright_page_is_kept_after_the_text(tmp_path):
    w = PdfWriter(width=842, height=595)
    w.add_page()
    w.text(60, 60, "Budget Amendment Form", size=14)
    w.paragraph(60, 100, 600, LOREM)
    w.text(800, 300, "Agenda Item 6", size=12, angle=270)
    w.text(40, 300, "Page 3", size=12, angle=90)
    lines = extract(_save(w, tmp_path)).pages[0].lines
    assert lines[0].text == "Budget Amendment Form"
    assert lines[-1].text == "Agenda Item 6"
    assert "Page 3" not in [line.text for line in lines]
    # Its box is given in the page's coordinates: near the right edge, below y=300.
    assert lines[-1].x0 > 780 and 295 < lines[-1].top < 310


def _numbered_paragraphs(w: PdfWriter, x: float, y: float, width: float, paragraphs) -> float:
    """Headings at the column edge, "1.1" numbers at the edge with their text indented (as the demo sets them)."""
    for number, text in paragraphs:
        if "." not in number:  # a heading: "2 Background"
            w.text(x, y, f"{number} {text}", "Helvetica-Bold", 11)
            y += 18
            continue
        w.text(x, y, number, "Helvetica", 10)
        y = w.paragraph(x + 26, y, width - 26, text, leading=13, justify=True) + 5
    return y


def _para_words(tag: str, count: int) -> str:
    return "The council " + " ".join(f"{tag}{i}" for i in range(count)) + " ends."


def test_demo_like_two_column_page_reads_left_paragraphs_whole_before_the_right(tmp_path):
    """Title and a bordered header table across the page, then two justified columns of
    numbered paragraphs (the right one short: the end of the paper) and a running footer."""
    w = PdfWriter()
    w.add_page()
    w.text(56, 75, "Disposal of Land at Mill Lane", "Helvetica-Bold", 14)
    # Header cells with short values leave the gutter's strip empty on their rows,
    # but their cell borders mark them as table rows, read across.
    top = 90
    for cells in (("Committee:", "Executive", "Agenda Item No.:", "6"), ("Date:", "13 June", "Status:", "Open"),
                  ("Report by:", "Head of Property", None, None)):
        widths = (120, 170, 110, 83) if cells[2] else (120, 363)
        x = 56
        for text, width in zip(cells, widths):
            w.rect(x, top, width, 20, 0.6)
            w.text(x + 4, top + 13, text, "Helvetica-Bold" if text.endswith(":") else "Helvetica", 9.5)
            x += width
        top += 20
    left = [("1", "Purpose of the Report"), ("1.1", _para_words("alpha", 40)), ("1.2", _para_words("beta", 30)),
            ("2", "Background"), ("2.1", _para_words("gamma", 45)), ("2.2", _para_words("delta", 35))]
    right = [("3", "Recommendations"), ("3.1", _para_words("omega", 12))]
    column_top = top + 30
    _numbered_paragraphs(w, 56, column_top, 231.5, left)
    _numbered_paragraphs(w, 307.5, column_top, 231.5, right)
    w.text(500, 810, "Page 1 of 1", "Helvetica", 8)
    doc = extract(_save(w, tmp_path))
    texts = [line.text for line in _lines(doc)]
    assert f"Committee: Executive{CELL_SEPARATOR}Agenda Item No.: 6" in texts
    assert f"Date: 13 June{CELL_SEPARATOR}Status: Open" in texts
    words = doc.text.split()
    tags = ("alpha", "beta", "gamma", "delta", "omega")
    order = [w_.rstrip("0123456789") for w_ in words if w_.rstrip("0123456789") in tags and w_[-1].isdigit()]
    # Each paragraph in one unbroken stretch, the left column's before the right's.
    assert [k for i, k in enumerate(order) if i == 0 or order[i - 1] != k] == list(tags)
    for tag, count in zip(tags, (40, 30, 45, 35, 12)):
        assert [w_ for w_ in words if w_.startswith(tag) and w_[-1].isdigit()] == [f"{tag}{i}" for i in range(count)]
    numbered = {line.number: line.text for line in _lines(doc) if line.number}
    assert numbered["1.1"].startswith("1.1 The council alpha0")
    assert numbered["3.1"].startswith("3.1 The council omega0")


def test_rule_drawn_down_the_gutter_does_not_hide_the_columns(tmp_path):
    w = PdfWriter()
    w.add_page()
    left = " ".join(f"leftword{i}" for i in range(100))
    right = " ".join(f"rightword{i}" for i in range(100))
    y_left = w.paragraph(50, 80, 230, left, justify=True)
    w.paragraph(315, 80, 230, right, justify=True)
    w.line(297, 70, 297, y_left)  # a column rule, many lines tall: not a table cell's border
    words = extract(_save(w, tmp_path)).text.split()
    assert words.index("leftword99") < words.index("rightword0")
    assert [w_ for w_ in words if w_.startswith("leftword")] == [f"leftword{i}" for i in range(100)]
