"""DOCX, HTML, Markdown and plain text extraction, with files built in the tests."""

from __future__ import annotations

import zipfile

import pytest

from councilsearch.extract import CELL_SEPARATOR, ExtractionError, extract

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _texts(doc):
    return [line.text for page in doc.pages for line in page.lines]


# -- DOCX ------------------------------------------------------------------------


def _run(text, bold=False, size=None):
    props = ""
    if bold or size:
        props = "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size * 2}"/>' if size else "") + "</w:rPr>"
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(*runs, num=None):
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _docx(path, body: str, numbering: str | None = None, title: str | None = None, styles: str | None = None):
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
        if numbering:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles:
            zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
        if title:
            zf.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>',
            )
    return path


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def test_docx_paragraphs_tables_numbering_and_page_breaks(tmp_path):
    table = (
        "<w:tbl>"
        "<w:tr><w:tc>" + _para(_run("Committee:")) + "</w:tc><w:tc>" + _para(_run("Cabinet")) + "</w:tc>"
        "<w:tc>" + _para(_run("Agenda Item No.:")) + "</w:tc><w:tc>" + _para(_run("7")) + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + _para(_run("Cost")) + "</w:tc><w:tc>" + _para(_run("£1.2m")) + "</w:tc></w:tr>"
        "</w:tbl>"
    )
    body = (
        _para(_run("Budget Report", bold=True, size=16))
        + table
        + _para(_run("Introduction"), num=("1", 0))
        + _para(_run("The council "), _run("agreed", bold=True), _run(" the plan."), num=("1", 1))
        + _para(_run("It was noted."), num=("1", 1))
        + _para(_run("first option"), num=("1", 2))
        + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        + _para(_run("Finance"), num=("1", 0))
        + _para(_run("Costs rose."), num=("1", 1))
    )
    doc = extract(_docx(tmp_path / "report.docx", body, NUMBERING, title="Budget Report 2025"))
    assert doc.format == "docx"
    assert doc.properties["title"] == "Budget Report 2025"
    page1 = [line.text for line in doc.pages[0].lines]
    assert page1 == [
        "Budget Report",
        f"Committee: Cabinet{CELL_SEPARATOR}Agenda Item No.: 7",
        f"Cost{CELL_SEPARATOR}£1.2m",
        "1. Introduction",
        "1.1 The council agreed the plan.",
        "1.2 It was noted.",
        "a) first option",
    ]
    assert doc.pages[0].lines[0].bold and doc.pages[0].lines[0].size == 16
    assert [line.number for line in doc.pages[0].lines] == [None, None, None, "1", "1.1", "1.2", "a)"]
    assert [line.text for line in doc.pages[1].lines] == ["2. Finance", "2.1 Costs rose."]
    assert all(line.page == 2 for line in doc.pages[1].lines)


def test_docx_headings_numbered_through_their_style(tmp_path):
    styles = '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    heading = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + _run("Background") + "</w:p>"
    body = heading + _para(_run("Text."), num=("1", 1)) + heading.replace("Background", "Options")
    doc = extract(_docx(tmp_path / "styled.docx", body, NUMBERING, styles=styles))
    assert _texts(doc) == ["1. Background", "1.1 Text.", "2. Options"]


def test_docx_that_is_not_a_zip_is_corrupt(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "corrupt"


def test_docx_with_bad_xml_is_corrupt(tmp_path):
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "corrupt"


def test_docx_without_text_is_empty(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract(_docx(tmp_path / "blank.docx", "<w:p/>"))
    assert err.value.reason == "empty"


# -- HTML and HTML fragments ---------------------------------------------------------


def test_html_blocks_breaks_entities_and_title(tmp_path):
    path = tmp_path / "minutes.html"
    path.write_text(
        "<html><head><title>Minutes &amp; Notes</title><style>p {color: red}</style></head>"
        "<body><h1>Parish Council</h1><script>var x = '<p>no</p>';</script>"
        "<p>Present: Cllr A &amp; Cllr B<br>Apologies: none</p>"
        "<table><tr><th>Item</th><td>Cost &pound;5</td></tr></table>"
        "<ul><li>First</li><li>Second <b>bold</b></li></ul></body></html>",
        encoding="utf-8",
    )
    doc = extract(path)
    assert doc.properties["title"] == "Minutes & Notes"
    assert _texts(doc) == [
        "Parish Council",
        "Present: Cllr A & Cllr B",
        "Apologies: none",
        f"Item{CELL_SEPARATOR}Cost £5",
        "First",
        "Second bold",
    ]
    assert doc.pages[0].lines[0].bold


def test_txt_holding_an_html_fragment_goes_through_the_html_extractor(tmp_path):
    path = tmp_path / "20200928.txt"
    path.write_text("<p>2943.Police Report<br />2944 Apologies for absence<br />Clerk's Salary &amp; Expenses</p>", encoding="utf-8")
    doc = extract(path)
    assert _texts(doc) == ["2943.Police Report", "2944 Apologies for absence", "Clerk's Salary & Expenses"]


def test_txt_with_a_heading_tag_then_plain_lines_keeps_its_lines(tmp_path):
    path = tmp_path / "20190930.txt"
    path.write_text(
        '<h1 class="minutehead">Minutes of a meeting held on 30th September 2019</h1>\n\n'
        "Present:  Chairman Cllr Shelley & the Clerk.\n\n2762.\tPolice Report:  Attached.\n\t\n2763.\tPublic Forum: none.\n",
        encoding="utf-8",
    )
    doc = extract(path)
    assert doc.format == "txt"
    assert _texts(doc) == [
        "Minutes of a meeting held on 30th September 2019",
        "Present: Chairman Cllr Shelley & the Clerk.",
        "2762. Police Report: Attached.",
        "2763. Public Forum: none.",
    ]
    assert doc.pages[0].lines[0].bold


# -- Markdown -------------------------------------------------------------------------


def test_markdown_front_matter_and_syntax(tmp_path):
    path = tmp_path / "2024-07-24-general-meeting.md"
    path.write_text(
        "---\nlayout: post\ntitle:  \"General Meeting 8th July 2024\"\nauthor: john\n---\n\n"
        "**GOWAN COMMUNITY COUNCIL**\n\n"
        "## Minutes of the meeting\n\n"
        "Present: [Esme Clark](https://example.org/esme), *Danny* O'Neill\\\n"
        "1.  MINUTES OF THE JUNE MEETING\n\n"
        "> These were moved as correct on the 27^th^ [without change]{.underline}.\n\n"
        "- a bullet item\n\n"
        "| Item | Cost |\n|------|-----:|\n| Hall hire | £20 |\n",
        encoding="utf-8",
    )
    doc = extract(path)
    assert doc.format == "md"
    assert doc.properties["title"] == "General Meeting 8th July 2024"
    assert doc.properties["author"] == "john"
    assert _texts(doc) == [
        "GOWAN COMMUNITY COUNCIL",
        "Minutes of the meeting",
        "Present: Esme Clark, Danny O'Neill",
        "1. MINUTES OF THE JUNE MEETING",
        "These were moved as correct on the 27th without change.",
        "a bullet item",
        f"Item{CELL_SEPARATOR}Cost",
        f"Hall hire{CELL_SEPARATOR}£20",
    ]
    lines = doc.pages[0].lines
    assert lines[0].bold and lines[1].bold and not lines[2].bold


def test_markdown_converted_from_a_pdf_keeps_its_url_and_pages(tmp_path):
    path = tmp_path / "agenda.md"
    path.write_text(
        "[Original file](https://www.limerick.ie/agenda.pdf)\n\n---\n"
        "*<small>Scanned page, text may contain errors. See original file for clarity</small>*  \n\n"
        "Lanmore City and County Council\n\nAGENDA\n\n---\n"
        "1. To confirm Minutes\n",
        encoding="utf-8",
    )
    doc = extract(path)
    assert doc.properties["original_url"] == "https://www.limerick.ie/agenda.pdf"
    assert [[line.text for line in page.lines] for page in doc.pages] == [
        ["Lanmore City and County Council", "AGENDA"],
        ["1. To confirm Minutes"],
    ]
    assert doc.pages[1].lines[0].page == 2


# -- plain text --------------------------------------------------------------------------


def test_text_form_feeds_break_pages_and_cp1252_falls_back(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Budget \u00a35 \u2013 agreed\nSecond line\fPage two".encode("cp1252"))
    doc = extract(path)
    assert [[line.text for line in page.lines] for page in doc.pages] == [
        ["Budget £5 – agreed", "Second line"],
        ["Page two"],
    ]


def test_utf8_text_is_decoded_as_utf8(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Caf\u00e9 \u2019quoted\u2019 \u20ac10", encoding="utf-8")
    assert extract(path).text == "Caf\u00e9 \u2019quoted\u2019 \u20ac10"


def test_whitespace_only_text_is_empty(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("---\ntitle: x\n---\n\n   \n", encoding="utf-8")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.reason == "empty"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract(tmp_path / "nowhere.txt")
    assert "nowhere.txt" in err.value.message
