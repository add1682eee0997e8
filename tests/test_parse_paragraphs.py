"""Sections and paragraphs: numbering, headings, page furniture, exact text."""

from __future__ import annotations

from councilsearch.model import Document, Line, Page
from councilsearch.parse.paragraphs import build_paragraphs


def page_of(number: int, specs: list[str], size: float = 12) -> Page:
    """Line specs: "" leaves a gap, each leading ">" indents 40pt, "**" bold, "^" a small superscript."""
    page, top = Page(number=number), 60.0
    for spec in specs:
        if spec == "":
            top += 14
            continue
        indent = len(spec) - len(spec.lstrip(">"))
        text = spec.lstrip(">")
        bold = text.startswith("**")
        text = text[2:] if bold else text
        line_size = size
        if text.startswith("^"):
            text, line_size = text[1:], size / 2
        page.lines.append(Line(text=text, page=number, x0=72 + 40 * indent, top=top, bottom=top + 12, size=line_size, bold=bold))
        top += 14
    return page


def test_numbered_sections_paragraphs_and_wrapped_references():
    document = Document(path="x.pdf", format="pdf", pages=[page_of(1, [
        "**1 . Introduction and Background",
        "1.1 The Council received the Inspector’s Report (see Appendix",
        "A) which concludes that the Plan is sound.",
        "",
        "1.2 The examination ran for four days:",
        "",
        ">a) Positively prepared; and",
        ">b) Justified.",
        "",
        "**2. | Financial Implications",
        "2.1 | The cost is £5,046,624.",
    ])])
    paras = build_paragraphs(document)
    assert [(p.number, p.section, p.heading) for p in paras] == [
        ("1.1", "1", "Introduction and Background"),
        ("1.2", "1", "Introduction and Background"),
        ("a)", "1", "Introduction and Background"),
        ("b)", "1", "Introduction and Background"),
        ("2.1", "2", "Financial Implications"),
    ]
    assert paras[0].text == "The Council received the Inspector’s Report (see Appendix A) which concludes that the Plan is sound."
    assert paras[-1].text == "The cost is £5,046,624."


def test_running_headers_page_stamps_and_superscripts_are_left_out():
    pages = [
        page_of(n, [
            f"Minutes – 1 October 2024 – Page {n}",
            "",
            f"Text number {n} about the budget.",
            "",
            f"The council agreed to review item {n}.",
            "",
            f"Members asked {n} questions.",
            "",
            f"Page {n}Agenda Item 9",
        ])
        for n in range(1, 5)
    ]
    pages[0].lines.append(Line(text="th", page=1, x0=300, top=20, bottom=26, size=6))
    paras = build_paragraphs(Document(path="x.pdf", format="pdf", pages=pages))
    assert [p.text for p in paras if p.text.startswith("Text")] == [f"Text number {n} about the budget." for n in range(1, 5)]
    assert len(paras) == 12 and not any("Minutes" in p.text or "Agenda" in p.text or p.text == "th" for p in paras)


def test_sentence_continues_across_a_page_break():
    document = Document(path="x.pdf", format="pdf", pages=[
        page_of(1, ["4.1 The County has a key role in securing funding for the"]),
        page_of(2, ["schools of the County."]),
    ])
    paras = build_paragraphs(document)
    assert len(paras) == 1
    assert paras[0].text == "The County has a key role in securing funding for the schools of the County."
    assert paras[0].page == 1


def test_minute_numbers_bullets_and_quantities():
    document = Document(path="x.pdf", format="pdf", pages=[page_of(1, [
        "3773. To receive Financial Report: balance £12,000.",
        "",
        "• Grant received from the county",
        "",
        "150 pupils joined this year.",
    ])])
    paras = build_paragraphs(document)
    assert [(p.number, p.text) for p in paras] == [
        ("3773", "To receive Financial Report: balance £12,000."),
        (None, "Grant received from the county"),
        (None, "150 pupils joined this year."),
    ]


def test_a_year_closing_the_sentence_above_is_no_paragraph_number():
    """"... was considered in October" / "2031. The auditors ...": the year goes on the date, even
    printed with its full stop; a year in the number column ("2031. Minutes ...") still numbers one."""
    document = Document(path="x.pdf", format="pdf", pages=[page_of(1, [
        "5.2 The council's financial code of practice was considered in October",
        "2031. The auditors indicated in December their intention to issue a clean opinion.",
        "",
        "2032. Minutes of the last meeting were approved.",
    ])])
    paras = build_paragraphs(document)
    assert [(p.number, p.text) for p in paras] == [
        ("5.2", "The council's financial code of practice was considered in October 2031. The auditors "
                "indicated in December their intention to issue a clean opinion."),
        ("2032", "Minutes of the last meeting were approved."),
    ]


def test_text_without_positions_and_html_line_breaks():
    lines = [
        Line(text="2319. Welcome<br />2320Apologies<br />2321. Minutes of the last meeting", page=1, top=0),
        Line(text="Present: Cllrs Ashman, Evans", page=1, top=1),
        Line(text="and Parker", page=1, top=2),
    ]
    paras = build_paragraphs(Document(path="x.txt", format="txt", pages=[Page(number=1, lines=lines)]))
    assert [(p.number, p.text) for p in paras] == [
        ("2319", "Welcome"),
        ("2320", "Apologies"),
        ("2321", "Minutes of the last meeting"),
        (None, "Present: Cllrs Ashman, Evans and Parker"),
    ]


def test_parse_never_crashes_on_empty_or_garbled_documents():
    import random
    import string

    from councilsearch.parse import parse

    empty = parse(Document(path="x", format="pdf", pages=[]), "a.pdf")
    assert (empty.paragraphs, empty.recommendations, empty.doc_type) == ([], [], "other")
    rng = random.Random(1)
    alphabet = string.printable + "£–’|:"
    for _ in range(60):
        lines = [
            Line(text="".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))), page=1, x0=rng.random() * 300,
                 top=j * 14.0, bottom=j * 14.0 + 12, size=rng.choice([0, 10, 12]), bold=rng.random() < 0.3,
                 number=rng.choice([None, "1", "a)", "1.1"]))
            for j in range(25)
        ]
        paper = parse(Document(path="x", format="pdf", pages=[Page(number=1, lines=lines)]), "q/r.pdf",
                      {"committee": "x_y", "date": "2020-01-01"})
        assert paper.date == "2020-01-01"
        assert all(p.text == " ".join(p.text.split()) for p in paper.paragraphs)


def test_double_spaced_text_keeps_its_paragraphs_whole():
    lines = []
    top = 60.0
    for paragraph in (["The parish council owns the greens,", "which were transferred to it in 1975.", "They are registered."],
                      ["A second paragraph starts after", "a wider gap than the line spacing."],
                      ["A third paragraph closes", "the advice of counsel."]):
        for text in paragraph:
            lines.append(Line(text=text, page=1, x0=72, top=top, bottom=top + 11, size=11))
            top += 19  # double spacing
        top += 19
    paras = build_paragraphs(Document(path="x.pdf", format="pdf", pages=[Page(number=1, lines=lines)]))
    assert [p.text for p in paras] == [
        "The parish council owns the greens, which were transferred to it in 1975. They are registered.",
        "A second paragraph starts after a wider gap than the line spacing.",
        "A third paragraph closes the advice of counsel.",
    ]
