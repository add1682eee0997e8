"""Sections and paragraphs: the units answers quote and cite.

Numbered paragraphs ("1.1", "4.4.", "14.5"), section headings ("1 Background Information",
"10. FINANCE"), minute items ("3773. To receive ..."), lettered and roman sub-items ("a)",
"(ii)", "A.") and unnumbered text gathered by vertical gaps. Paragraph text is the extracted
text with whitespace collapsed and table-cell separators removed; page furniture (page
stamps, running headers repeated on most pages) is left out.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Line, Paragraph
from .header import label_at
from .recommendations import RESOLUTION_NUMBER
from .text import cells, is_page_stamp, is_shouting, squash

# "1", "1.", "1.1", "4.4.", "14.5", "3773." then the text (cell separator optional).
NUMBERED = re.compile(r"^(?P<num>\d{1,4}(?:\.\d{1,3}){0,3})(?P<dot>\s?\.?)(?:\s*\|\s*|\s+)(?P<rest>\S.*)$")
# Minute numbers glued to their text: "2320Apologies".
GLUED_MINUTE = re.compile(r"^(?P<num>\d{3,5})(?P<dot>\.?)(?P<rest>[A-Z][a-z].*)$")
# A section number glued to its heading by a converter: "1.Adoption of Minutes", "4.Correspondence".
GLUED_SECTION = re.compile(r"^(?P<num>\d{1,2})(?P<dot>\.)(?P<rest>[A-Z][a-z].*)$")
# "a)", "(a)", "A.", "A)", "(i)", "iv)", "1)", "(1)".
LETTERED = re.compile(
    r"^(?P<num>\(?(?:[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)|[A-Z]\.|[a-z]\.(?=\s))(?:\s*\|\s*|\s+)(?P<rest>\S.*)$"
)
BULLET = re.compile(r"^(?:[•●▪■◦o\-–*·]|\uf0b7|\uf0a7)(?:\s*\|\s*|\s+)(?P<rest>\S.*)$")
BARE_NUMBER = re.compile(r"^(?:\d{1,4}(?:\.\d{1,3}){0,3}\.?|\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})\))$")
BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def content_lines(document: Document) -> list[Line]:
    """All lines except page furniture: page stamps and running headers/footers."""
    repeated = running_lines(document)
    sizes = sorted(line.size for page in document.pages for line in page.lines if line.size)
    body_size = sizes[len(sizes) // 2] if sizes else 0
    out = []
    kept_notes: set[str] = set()
    for page in document.pages:
        edges = _edge_lines(page.lines)
        for line in page.lines:
            text = squash(line.text)
            if text in repeated and _is_note(text) and text not in kept_notes:
                kept_notes.add(text)  # a footnote printed on every page is content: keep it once
            elif not text or is_page_stamp(text) or text in repeated:
                continue
            if any(line is edge for edge in edges) and is_page_marked(text):
                continue  # "5 March 2024 – Minutes – Page 2": a running head, even on a 2-page paper
            if len(text) <= 3 and line.size and line.size < 0.8 * body_size and not text[:1].isdigit():
                continue  # a superscript ordinal ("th") printed on its own baseline
            if line.size == 0 and BREAK_TAG.search(text):  # raw HTML fragments from web pages
                for part in BREAK_TAG.split(text):
                    if squash(part):
                        out.append(Line(text=squash(part), page=line.page, x0=line.x0, top=line.top))
                continue
            out.append(line)
    return out


# A blank to fill in: a run of underscores, dots, ellipses or (from a converter that escaped
# the underscores) backslashes.
_FILL_IN = re.compile(r"_{4,}|\.{6,}|…{3,}|\\{3,}|(?:\. ){4,}")
BLANK_FORM_WORDS = 4


def is_blank_form_line(text: str) -> bool:
    """A line of blanks to fill in with at most a few label words and no figures ("Signed:
    ______", "Chairman ...... Dated ......", "\\\\\\\\_"): a signature or date block."""
    if not _FILL_IN.search(text):
        return False
    rest = _FILL_IN.sub(" ", text)
    return not re.search(r"\d", rest) and len(re.findall(r"[^\W\d_]+", rest)) <= BLANK_FORM_WORDS


_PAGE_WORD = re.compile(r"\bpage\b", re.IGNORECASE)
# A page number printed as one part of a running head or foot: "5 March 2024 – Minutes – Page 2",
# "09/11/2011 | Page 1", "Page 3 of 12 - Planning Committee". The number is set off from the
# rest by a dash or cell separator, so "see Page 4" inside a sentence is not one.
_PAGE_PART = r"page\s*\d{1,4}(?:\s*(?:of|/)(?:\s*\d{1,4})?)?"
_PAGE_MARKED = re.compile(rf"(?i)(?:^.{{0,100}}\s[-–—|]\s*{_PAGE_PART}\s*$|^{_PAGE_PART}\s*[-–—|]\s.{{0,100}}$)")
# Longest line taken for a running head or foot (a footnote printed on every page can be long).
RUNNING_MAX_CHARS = 250


def _mask_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def running_key(text: str) -> str:
    """A running line's text with what changes from page to page made equal: digits, the kind
    of dash, spacing, case, and an "of N" after the page number."""
    text = re.sub(r"(?i)(\bpage\s*\d+)\s*(?:of|/)\s*\d+", r"\1", squash(text))
    return _mask_digits(re.sub(r"\s+", "", re.sub(r"[-–—]+", "-", text.lower())))


def is_page_marked(text: str) -> bool:
    """A short line that carries a page number beside a title or date (a running head or foot)."""
    return len(text) <= 150 and bool(_PAGE_MARKED.match(squash(text)))


def _is_note(text: str) -> bool:
    """A repeated line long enough to be a sentence (a table's footnote), with no page number."""
    return len(text) >= 100 and not re.search(rf"(?i)\b{_PAGE_PART}\s*$", text)


def _edge_lines(lines: list[Line]) -> list[Line]:
    """The first two and last two lines of a page, where running heads and feet sit."""
    return lines[:2] + lines[-2:]


def running_lines(document: Document) -> set[str]:
    """Texts printed at the top or bottom of most pages (running headers and footers).

    Digits are masked (and dashes made alike) when counting lines that carry a page number,
    so "Minutes – 1 October 2024 – Page 2" repeats too.
    """
    if len(document.pages) < 3:
        return set()
    exact: Counter[str] = Counter()
    masked: Counter[str] = Counter()
    for page in document.pages:
        exact.update({squash(line.text) for line in page.lines[:4] + page.lines[-4:]})
        masked.update({running_key(line.text) for line in _edge_lines(page.lines) if _PAGE_WORD.search(line.text)})
    limit = max(3, len(document.pages) * 0.6)
    repeated = {text for text, n in exact.items() if n >= limit and len(text) < RUNNING_MAX_CHARS}
    repeated_masked = {text for text, n in masked.items() if n >= limit}
    for page in document.pages:
        for line in _edge_lines(page.lines):
            text = squash(line.text)
            if len(text) < RUNNING_MAX_CHARS and running_key(text) in repeated_masked:
                repeated.add(text)
    return repeated


def is_heading_text(text: str, line: Line, numbered: bool = False) -> bool:
    """Short, not a sentence, printed bold or in capitals; "And Resolved:" opens a resolution,
    not a section. ``numbered``: the text follows a section number, which makes a wordy bold
    line ("3. Cases where the property has been acquired") a heading all the same."""
    from .recommendations import RESOLVED_ALONE

    text = squash(text)
    if not text or RESOLVED_ALONE.match(text) or len(text) > 90 or text.endswith((".", ",", ";")) and not text.endswith("etc."):
        return False
    if not _HEADING_WORD.search(text):
        return False  # "(a)", "061 - 557150": no word, so no heading
    if is_mover_line(text) or is_resolution_line(text):
        return False  # "Seconded by: Cllr Lee", "R2023-082 A. Penn, B. Okoro:": who moved a motion, not a topic
    if is_table_row(line.text) or not _PLAIN_WORD.search(text):
        return False  # "By | By | Between", "0.3FE 5FE": a table's header or figures, not a section
    if not line.size and line.bold and not is_shouting(text) and (stops_mid_phrase(text) if numbered else reads_as_sentence(text)):
        # Without type sizes (Markdown, Word) bold is only emphasis: a bold sentence, or a
        # line of one wrapped by a PDF-to-Markdown converter, is text, not a heading.
        return False
    if text.endswith(":") and len(text) < 60 and (line.bold or is_shouting(text)):
        return True
    return (line.bold or is_shouting(text)) and not text[:1].islower()


_HEADING_WORD = re.compile(r"[^\W\d_] ?[^\W\d_]")  # a word, or a letter-spaced one ("C L E R K")
# A word not glued to a figure: "5FE", "12kg" and "Q3" are quantities and codes, not words.
_PLAIN_WORD = re.compile(r"(?<![\w.,])[^\W\d_]{2,}(?![\w])|(?<![\w.,])[^\W\d_](?: [^\W\d_]){2,}(?![\w])")
# Who moved or seconded a motion: "Proposed by: Cllr Ames", "Seconded: Councillor Roe",
# "Moved by Councillor Hart, seconded by ...". "Proposed Changes to the Constitution" is a title:
# the verb must be followed by "by", a colon or dash, or a member's title.
_MOVER = re.compile(r"^(?:(?:proposed|seconded|moved)(?:\s*(?:by\b|[:\-–—])|\s+(?:cllr\b|councillor\b|mayor\b|alderman\b))"
                    r"|(?:proposer|seconder|mover)\s*[:\-–—])", re.IGNORECASE)
# Words a year follows in a sentence: "in October 2024", "since 2019", "the year 2025".
_BEFORE_A_YEAR = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                            r"december|in|of|since|from|until|to|by|during|year|and)$", re.IGNORECASE)
# A table row: three or more cells side by side.
TABLE_ROW_CELLS = 3


def is_mover_line(text: str) -> bool:
    return bool(_MOVER.match(squash(text)))


def is_resolution_line(text: str) -> bool:
    """A line opening with a resolution number ("R2023-082 A. Penn, B. Okoro:", "Resolution No.
    2024-19", "Res 24/031"): its movers, and perhaps its text, follow."""
    return bool(RESOLUTION_NUMBER.match(squash(text)))


def opens_resolution(text: str) -> bool:
    """A resolution number then its movers, closed by a colon ("R2023-082 A. Penn, B. Okoro:"),
    or alone on its line ("Resolution No. 2024-19"): never a resolution cited mid-sentence."""
    match = RESOLUTION_NUMBER.match(squash(text))
    rest = squash(text)[match.end():] if match else ""
    return bool(match) and bool(re.match(r"[^:;]{0,60}[:;]|(?:[\s,&]*[A-Z][\w.'’-]*){0,6}\s*$", rest))


def is_table_row(text: str) -> bool:
    """Cells side by side (the extractors join them with " | "): a row of a table."""
    return len(cells(text)) >= TABLE_ROW_CELLS


# Words that join a heading's nouns ("Report of the Director for Housing"); other lower-case
# words are a sentence's ("will", "move", "lobby", "conditional").
_JOINING_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                  "with", "per", "re", "v", "vs", "&"}
# A line ending on one of these stops mid-phrase: the sentence goes on to the next line.
_OPEN_ENDINGS = _JOINING_WORDS | {"that", "be", "is", "are", "was", "were", "will", "would", "which", "who", "this",
                                  "these", "its", "their", "our", "not", "have", "has", "been"}


def stops_mid_phrase(text: str) -> bool:
    """A line of three words or more ending on a joining word ("... Convent Street (e) the")."""
    words = re.findall(r"[\w'’&-]+", text)
    return len(words) >= 3 and words[-1] in _OPEN_ENDINGS


def reads_as_sentence(text: str) -> bool:
    """A line worded as (part of) a sentence rather than a heading: it stops mid-phrase, or it
    is long and most of its words are lower-case words of a sentence ("I will move at the next
    Meeting that this District lobby ...")."""
    words = re.findall(r"[\w'’&-]+", text)
    if not words:
        return False
    if stops_mid_phrase(text):
        return True
    sentence_words = [w for w in words if w[:1].islower() and w.lower() not in _JOINING_WORDS]
    return len(words) >= 8 and len(sentence_words) >= 4


# Labels that head a list of people (who attended, who sent apologies), not a section of business.
ATTENDANCE_LABEL = re.compile(
    r"(?i)^(?:(?:members|councillors|officials|officers|others|also)\s+)?(?:present(?:\s+in\s+the\s+chair)?|in\s+attendance"
    r"|attending)$|^(?:(?:members|councillors|officials|officers|others|also)\s+)?in\s+attendance$"
    r"|^apologies(?:\s+for\s+absence)?(?:\s+received)?$|^absent$"
)


_TITLED_NAME = re.compile(r"\((?:Mr|Ms|Mrs|Miss|Dr|Cllr|Councillor)\b\.?")


def is_item_title(text: str) -> bool:
    """The words after an item number read as the item's title ("Adoption of Minutes",
    "Declaration of Interest.", "Question submitted by Councillor Ames"): short, opening in
    capitals, not a sentence, no list of figures."""
    text = squash(text)
    words = re.findall(r"[\w'’&-]+", text)
    if not words or not 1 <= len(words) <= 10 or len(text) > 80 or not text[:1].isupper():
        return False
    if text.endswith((",", ";", ":")) or (text.endswith(".") and len(words) > 5):
        return False  # "That the Council notes the report." is a short sentence, not a title
    if re.search(r":\s*\w", text):
        return False  # "Police Reports: Attached.": a label and its entry, not a title
    return _PLAIN_WORD.search(text) is not None and not reads_as_sentence(text) and not is_table_row(text) \
        and not is_mover_line(text)


def _open_ended(text: str) -> bool:
    """Text that stops on a comma or a joining word ("... NEWCASTLE WEST,", "... HELD IN")."""
    words = re.findall(r"[\w'’&-]+", text)
    return text.endswith(",") or (bool(words) and words[-1].lower() in _JOINING_WORDS)


def split_number(line: Line) -> tuple[str | None, str, str]:
    """(number, rest, kind) where kind is "numbered", "lettered", "bullet", "plain", or "row": a line
    opening with a figure that numbers no paragraph (names_no_paragraph), which starts one all the same."""
    text = squash(line.text)
    if line.number and text.startswith(line.number):
        number = line.number.rstrip(".")
        kind = "numbered" if re.match(r"^\d", number) else "lettered"
        rest = text[len(line.number):].lstrip(" |.") if kind == "numbered" else text[len(line.number):].lstrip(" |")
        own_cell = text[len(line.number):].startswith(" |")
        if kind == "lettered" or not names_no_paragraph(line.number, rest, own_cell):
            return number, rest, kind
        return None, text, "row"
    for pattern, kind in ((NUMBERED, "numbered"), (GLUED_MINUTE, "numbered"), (GLUED_SECTION, "numbered"), (LETTERED, "lettered")):
        match = pattern.match(text)
        if match:
            number = match["num"]
            own_cell = text[len(number):].lstrip(".").startswith(" |")
            if kind == "numbered" and names_no_paragraph(number, match["rest"], own_cell):
                return None, text, "row"
            if kind == "numbered" and _looks_like_quantity(number, match["rest"]):
                break
            return number, match["rest"], kind
    match = BULLET.match(text)
    if match:
        return None, match["rest"], "bullet"
    return None, text, "plain"


# "8.10 pm", "7.30 p.m.", "10.00 a.m.": a time of day, not paragraph 8.10.
_TIME_OF_DAY = re.compile(r"^(?:[ap]\.?\s?m\b\.?|hrs\b|hours\b|o['’]clock\b)", re.IGNORECASE)
# "53 Carrow Street, Limerick", "12 Elm Terrace", "45 Mill Road Tinbury AB1 2CD": a house number
# and its street (then a comma, the line's end, or a town and postcode), not paragraph 53. An item
# about a street ("5 Corpse Lane ownership", "266 Helen Street - former office") goes on in words.
_STREET_WORDS = (r"street|st|road|rd|avenue|ave|lane|terrace|close|drive|place|crescent|court|square|way|gardens|"
                 r"grove|row|walk|quay|mews|parade|boulevard|boreen")
_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s*\d[A-Z]\d|[A-Z]\d{2}\s?[A-Z\d]{4})"
_ADDRESS = re.compile(rf"^(?:[A-Z][\w'’-]*\.?\s+){{1,3}}(?i:{_STREET_WORDS})\.?(?:\s*,|\s*$|(?:\s+[A-Z][\w'’-]*){{0,3}}\s+{_POSTCODE}\b)")
# A figure, an amount or a percentage: "0.00", "£1,250", "(3.5)", "-17,000.0", "12%".
_FIGURE = re.compile(r"^[-–(]?[£$€]?\d[\d,]*(?:\.\d+)?[%kmbKMB]?\)?$")


def names_no_paragraph(number: str, rest: str, own_cell: bool = False) -> bool:
    """A number that opens a line without numbering a paragraph: a time of day ("8.10 pm"), a
    house number ("53 Carrow Street, Limerick"), or the first cell of a row of figures ("0.00 |
    12.50 | 0.00": a table row, kept as text but not a numbered paragraph). ``own_cell``: the
    number stands in a cell of its own, a row-number column ("13 | Mill Way Depot | 4,609")."""
    number = number.rstrip(".")
    if re.fullmatch(r"\d{1,2}(?:[.:]\d\d)?", number) and _TIME_OF_DAY.match(rest):
        return True
    if re.fullmatch(r"\d{1,4}[A-Za-z]?", number) and _ADDRESS.match(rest):
        return True
    figures = [token for token in re.split(r"\s*\|\s*|\s+", rest) if token]
    if figures and all(_FIGURE.match(token) for token in figures):
        return True
    # "85 Year R | 10 Year R | 25 Year R": the number and its words are one cell of a row of
    # such cells (another cell repeats the words after its own figure). A labelled row
    # ("1 | Home Support Fund | 2,500", "1. Local Property Tax | €21,329,589") keeps its number.
    first, *others = cells(rest) or [""]
    repeated = re.compile(rf"[-–(]?[£$€]?\d[\d,.]*\s+{re.escape(first)}")
    return not own_cell and any(repeated.fullmatch(cell) for cell in others)


def _looks_like_quantity(number: str, rest: str) -> bool:
    """ "2025 budget", "150 Year 7 places", "30 January": numbers that start prose, not paragraphs."""
    if re.match(r"^(?:january|february|march|april|may|june|july|august|september|october|november|december)\b", rest, re.I):
        return True
    if len(number) > 1 and number.startswith("0"):
        return True  # "061 - 557150", "07 ...": telephone numbers and codes, never paragraph numbers
    if "." not in number and rest[:1].islower():
        return True
    if re.match(r"^(?:19|20)\d\d$", number) and not rest[:1].isupper():
        return True
    return False


def line_pitch(lines: list[Line]) -> float | None:
    """The usual distance from one line's top to the next within a paragraph (single or double
    spacing), as the lower quartile of consecutive distances; None without positions."""
    steps = sorted(
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.size and b.size and 0 < b.top - a.top < 3 * max(a.size, b.size)
    )
    if len(steps) < 4:
        return None
    pitch = steps[len(steps) // 4]
    sizes = sorted(line.size for line in lines if line.size)
    # Wider than double spacing means most lines stand apart: no in-paragraph spacing to learn.
    return pitch if pitch < 2.0 * sizes[len(sizes) // 2] else None


def build_paragraphs(document: Document) -> list[Paragraph]:
    # "Signed: ________ Date: ______" is a place to sign, nothing to read. (Only paragraphs leave
    # such lines out: the header and title readers see the page as printed.)
    lines = [line for line in content_lines(document) if not is_blank_form_line(squash(line.text))]
    builder = _Builder(line_pitch(lines))
    for line in lines:
        builder.feed(line)
    builder.flush()
    return builder.paragraphs


_LEADING_FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
# List bullets as extracted (symbol-font bullets arrive as "•", see extract.common).
LONE_BULLETS = frozenset("•●▪■◦·➢►▶✓✔")
_TRAILING_BULLET = re.compile(r"\s[•●▪■◦➢►▶]$")


def _with_text(line: Line, text: str) -> Line:
    """A copy of ``line`` (position and style) holding other text."""
    return Line(text=text, page=line.page, x0=line.x0, x1=line.x1, top=line.top, bottom=line.bottom, size=line.size,
                bold=line.bold)


class _Builder:
    """Feeds lines in reading order and cuts them into paragraphs."""

    def __init__(self, pitch: float | None = None) -> None:
        self.pitch = pitch  # usual line-to-line distance in this document
        self.paragraphs: list[Paragraph] = []
        self.current: list[str] = []
        self.current_line: Line | None = None
        self.last_line: Line | None = None
        self.number: str | None = None
        self.heading: str | None = None
        self.section: str | None = None
        self.heading_open = False  # the last line fed was a heading
        self.pending_number: str | None = None  # a number printed alone, waiting for its text
        self.list_next: str | None = None  # the number the next item of an open list would carry
        self.heading_line: Line | None = None  # the line an unnumbered heading came from
        self.previous_heading: tuple[str | None, str | None] = (None, None)
        self.item_heading = False  # the heading is a numbered item's plain title (is_item_title)
        self.numbered_heading: tuple[Line, str] | None = None  # the last line was that numbered heading

    def flush(self) -> None:
        text = squash(" ".join(self.current))
        if text and self.current_line is not None:
            self.paragraphs.append(
                Paragraph(text=text, page=self.current_line.page, number=self.number, heading=self.heading_label, section=self.section)
            )
        self.current, self.current_line, self.number = [], None, None

    @property
    def heading_label(self) -> str | None:
        return self.heading.rstrip(":").strip() if self.heading else None

    def start(self, line: Line, text: str, number: str | None) -> None:
        self.flush()
        if self._label_block_over(text):
            self.close_section()
        self.current, self.current_line, self.number = [text], line, number

    def _label_block_over(self, text: str) -> bool:
        """An attendance label ("Present:", "Officials in attendance:", "Apologies:") names only
        its list: once that has a paragraph, a paragraph of prose ("At the outset of the
        meeting, the Chair welcomed ...") is the meeting's business, not more of the list."""
        if not self.heading or self.section is not None or not ATTENDANCE_LABEL.match(self.heading_label or ""):
            return False
        under = [p for p in self.paragraphs[-3:] if p.heading == self.heading_label]
        # A list broken over paragraphs goes on ("Coughlan), Director, Housing (Ms. C. Curley), ..."):
        # prose opens on a plain capitalised word and names no one by title in brackets.
        opens_prose = re.match(r"^[A-Z][a-z]+\b(?!\))", text) and not _TITLED_NAME.search(text)
        return bool(under) and bool(opens_prose) and reads_as_sentence(text)

    def set_heading(self, heading: str, section: str | None) -> None:
        self.flush()
        self.previous_heading = (self.heading, self.section)
        self.heading, self.section = heading.strip() or None, section
        self.list_next, self.heading_line = None, None
        self.item_heading = False

    def close_section(self) -> None:
        """What follows sits under no heading (until the next one)."""
        self.flush()
        self.previous_heading = (self.heading, self.section)
        self.heading = self.section = None
        self.list_next = self.heading_line = None

    def feed(self, line: Line) -> None:
        """Take the next line. A list bullet printed on a line of its own, or left at the end of
        the line before its item by a converter ("... €100,000.00 •"), only marks where the next
        item starts: it ends the open paragraph and is not text."""
        text = squash(line.text)
        if text in LONE_BULLETS:
            self.flush()
            self.last_line = line
            return
        bullet_at_end = _TRAILING_BULLET.search(text)
        if bullet_at_end:
            line = _with_text(line, text[: bullet_at_end.start()])
        self._feed(line)
        if bullet_at_end:
            self.flush()

    def _feed(self, line: Line) -> None:
        numbered_heading, self.numbered_heading = self.numbered_heading, None
        if numbered_heading and self._heading_was_labelled_text(line, numbered_heading[0]):
            # "2479. Repair of Potholes, Quayside Lane: County Councillor Webb checked the" /
            # "ownership of the lane ...": the item's label and the first line of its text.
            self._heading_back_to_text(numbered_heading[0], numbered_heading[1])
        numbered_heading = None
        bare = squash(line.text)
        if BARE_NUMBER.match(bare) and not line.number and not re.fullmatch(r"(?:19|20)\d\d\.?", bare) and (
            not self.current or self.current[-1].rstrip().endswith((".", ":", ";", "!", "?", "”", '"'))
        ):
            # A number printed on a line of its own ("1." then "Adoption of Minutes"): it labels the next line.
            self.flush()
            self.pending_number = bare
            self.last_line = line
            return
        if self.pending_number:
            line = _with_text(line, f"{self.pending_number} {line.text}")
            self.pending_number = None
        number, rest, kind = split_number(line)
        text = rest.replace(" | ", " ")
        lead = _LEADING_FIGURE.match(squash(line.text))
        if lead and self._figure_goes_on_sentence(line, lead[0]):
            self.current.append(squash(line.text).replace(" | ", " "))  # "... of property at" / "53 Carrow Street, ..."
        elif kind == "numbered":
            top_level = "." not in number
            if top_level and self._list_item(number, rest):
                self.start(line, text, number)
                self.list_next = str(int(number) + 1)
            elif top_level and is_heading_text(rest, line, numbered=True) or (top_level and len(rest) < 60 and not rest.endswith(".")
                                                                                and line.bold and _HEADING_WORD.search(rest)
                                                                                and not stops_mid_phrase(rest)):
                self.set_heading(rest, number)
                numbered_heading = (line, number)
            elif not top_level and self.section and not number.startswith(self.section + ".") and is_heading_text(rest, line):
                self.set_heading(rest, number)
            elif top_level and self._item_was_list_entry(number):
                # "1. Lisa Chalapenko" / "2. Kyle MacKenzie": two bare items in a row are a list's
                # entries, not titles: the first gives its heading back.
                self.heading, self.section = self.previous_heading
                self.start(line, text, number)
                self.list_next = str(int(number) + 1)
            elif top_level and number != self.section and number != self.list_next and is_item_title(rest) \
                    and not self._mid_sentence():
                # "1." / "Adoption of Minutes" printed plain (Markdown loses bold): a new item, so the
                # heading above ("APOLOGIES:", "REPLY:") reaches no further. Kept as a paragraph too,
                # so a bare agenda line is not lost.
                self.set_heading(rest, number)
                self.start(line, text, number)
                self.item_heading = True
            else:
                if top_level and number == self.list_next:
                    self.list_next = str(int(number) + 1)
                self.start(line, text, number)
        elif kind == "lettered" and self._sentence_wraps_onto(line):
            self.current.append(squash(line.text).replace(" | ", " "))  # "(see Appendix" / "A) which ..."
        elif kind in ("lettered", "bullet", "row"):
            self.start(line, text, number)
        elif is_resolution_line(text) and (opens_resolution(text) or not self._mid_sentence()):
            # "R2023-082 A. Penn, B. Okoro:" opens a resolution (its text follows): an item of its
            # own, so an unnumbered heading above it ("Committee Reports:") does not carry over.
            if self.section is None:
                self.close_section()
            self.start(line, text, None)
        elif self._heading_was_prose(line) or self.heading_open and self.heading_line is not None \
                and self._heading_was_labelled_text(line, self.heading_line):
            # "APPROVE the proposal ... that are currently" / "provided at ...": a bold sentence, not a heading.
            self._heading_back_to_text(self.heading_line, None)
            self.current.append(text)
        elif self._joins_heading(text):
            # "MINUTES" / "OF" / "PROCEEDINGS": a capitalised title set a word or two a line is one heading.
            self.heading = squash(self.heading + " " + text)
            self.last_line = line
            return
        elif self._label_line(line, text):
            pass
        elif self._wraps_current(line):
            self.current.append(text)
        elif is_heading_text(text, line):
            if self.heading_open and self.heading and not self.heading.endswith(":") and not text.endswith(":") \
                    and not self._new_block(line, heading=True):
                self.heading = squash(self.heading + " " + text.rstrip(":"))  # a heading wrapped over lines
            else:
                self.set_heading(text, None)
                self.heading_line = line
            self.heading_open = True
            self.last_line = line
            return
        elif self.current and not self._new_block(line):
            self.current.append(text)
        else:
            self.start(line, text, None)
        self.heading_open = False
        self.numbered_heading = numbered_heading
        self.last_line = line

    def _heading_back_to_text(self, heading_line: Line, number: str | None) -> None:
        """The last "heading" opens a paragraph after all; the heading before it is back."""
        first_line = self.heading
        self.heading, self.section = self.previous_heading
        self.start(heading_line, first_line, number)

    def _heading_was_labelled_text(self, line: Line, heading_line: Line) -> bool:
        """The "heading" just set was an item's label with the first line of its text: the line
        stops without closing its sentence, the next line follows tight below as plain text, and
        either three words or more ran on after the label's colon ("2479. Repair of Potholes,
        Quayside Lane: County Councillor Webb checked the") or the next line goes on in lower case
        ("... Moon & Sixpence Cottage: Clerk" / "wrote to MCC querying ...")."""
        heading = self.heading or ""
        if not heading or heading.rstrip()[-1:] in (".", ";", "!", "?", ":", "-", "–"):
            return False
        text = squash(line.text)
        runs_on = len(heading.partition(":")[2].split()) >= 3 or text[:1].islower()
        return runs_on and line.page == heading_line.page and not self._new_block(line) \
            and split_number(line)[2] == "plain" and not is_heading_text(text, line)

    def _joins_heading(self, text: str) -> bool:
        """A line that goes on the open capitalised heading: a lone joining word ("OF", "THE"),
        or a capitalised line after a heading that stopped on one ("... HELD IN") or on a comma,
        or that itself stops so ("OBRIEN,", "LIMERICK,"): the title goes on past it."""
        heading = self.heading
        if not self.heading_open or not heading or heading.endswith(":") or not is_shouting(heading) or len(text) > 90:
            return False
        if text.isupper() and text.lower() in _JOINING_WORDS:
            return True
        return (_open_ended(heading) or _open_ended(text)) and (is_shouting(text) or text.isupper()) and not text.endswith(":")

    def _item_was_list_entry(self, number: str) -> bool:
        """The open paragraph is only the item title just made a heading, and the next number follows."""
        return self.item_heading and self.number == self.section and len(self.current) == 1 \
            and (self.section or "").isdigit() and number == str(int(self.section) + 1)

    def _mid_sentence(self) -> bool:
        """The open paragraph stopped without closing its sentence ("... per Resolution" /
        "R2022-35 and the financing ...": a resolution cited, not one opening)."""
        return bool(self.current) and not self.current[-1].rstrip().endswith((".", ":", ";", "?", "!", ")", "”", '"'))

    def _year_closes_sentence(self, line: Line, number: str, last: str) -> bool:
        """A year under text that stopped at a month or a preposition ("... considered in October" /
        "2024. The auditors ..."): the date goes on, the year is no paragraph number, even with its dot."""
        return (bool(re.fullmatch(r"(?:19|20)\d\d\.?", number)) and not line.number
                and bool(_BEFORE_A_YEAR.search(last)) and (not line.size or not self._new_block(line)))

    def _figure_goes_on_sentence(self, line: Line, number: str) -> bool:
        """A line opening with a figure under text that stopped mid-phrase ("... national
        population at" / "38.5 percent."; "... only 25 of" / "47 Service Managers"): the sentence
        goes on, the figure is no paragraph number. A number set in the layout's number column,
        or printed with its dot ("4."), is one all the same."""
        last = self.current[-1].rstrip() if self.current else ""
        if self._year_closes_sentence(line, number, last):
            return True
        if not last[-1:].isalnum() or line.number or not stops_mid_phrase(last.lower()):
            return False  # (lower-cased: "... HELD ON THURSDAY 23rd DECEMBER AT" / "3.00 P.M.")
        after = squash(line.text)[len(number):]
        # Without positions the mid-phrase ending is all there is to go by; with them, the line must sit tight under.
        return not after.startswith(".") and (not line.size or not self._new_block(line))

    def _list_item(self, number: str, rest: str) -> bool:
        """ "The County Council is asked to:" then "1. To NOTE ...", "2. To COMMENT ...": items of
        a list, even when printed bold like section headings."""
        if len(rest.split()) < 3:
            return False
        if number == "1" and self.current and self.current[-1].rstrip().endswith(":"):
            return True
        return number == self.list_next

    def _heading_was_prose(self, line: Line) -> bool:
        """The last "heading" was the first line of a bold sentence: long, ending on a lower-case
        word ("... that are currently"), and the next line follows tight in the same style."""
        heading_line = self.heading_line
        if not self.heading_open or heading_line is None or not self.heading or not line.size:
            return False
        words = self.heading.split()
        return len(words) >= 8 and words[-1][:1].islower() and line.bold == heading_line.bold \
            and line.size == heading_line.size and line.page == heading_line.page \
            and abs(line.x0 - heading_line.x0) < 3 and not self._new_block(line)

    def _sentence_wraps_onto(self, line: Line) -> bool:
        """A reference broken across lines ("(see Appendix" / "A) which ..."): same margin, no gap."""
        previous = self.last_line
        if not self.current or previous is None or not line.size:
            return False
        ends_with_reference = re.search(
            r"\b(?:appendix|appendices|annex|table|figure|section|paragraph|schedule|part|option|item)\s*$", self.current[-1], re.I
        )
        return bool(ends_with_reference) and previous.page == line.page and abs(line.x0 - previous.x0) < 3 \
            and not self._new_block(line)

    def _wraps_current(self, line: Line) -> bool:
        """A line printed tight under the open paragraph, same style and margin ("... Report –" / "September 2024"),
        or indented under a numbered paragraph's text (a hanging indent: "1. To NOTE ..." / "Governance Working Party")."""
        previous = self.last_line
        if self.current and previous is not None and not line.size and not previous.size:
            return self._bold_sentence_goes_on(previous, line)
        if not self.current or previous is None or not line.size or previous.page != line.page:
            return False
        hanging = self.number is not None and self.current_line is not None and 0 < line.x0 - self.current_line.x0 < 40
        return line.bold == previous.bold and (abs(line.x0 - previous.x0) < 3 or hanging) and not self._new_block(line) \
            and not self.current[-1].endswith(":")

    def _bold_sentence_goes_on(self, previous: Line, line: Line) -> bool:
        """Without positions: a bold line under a long bold line of the open paragraph that
        stopped mid-sentence (a converter's hard wrap of an emphasised motion or resolution)."""
        return line.bold and previous.bold and previous.page == line.page and len(previous.text) >= 60 \
            and not self.current[-1].rstrip().endswith((".", ":", ";", "?", "!", "”", '"')) and not is_shouting(line.text)

    def _continues_sentence(self, line: Line) -> bool:
        """A lower-case line after text that stopped mid-sentence ("in 1975 that authority" /
        "transferred ownership ..."): the sentence goes on, whatever the spacing says."""
        if not self.current or not line.text[:1].islower():
            return False
        last = self.current[-1].rstrip()
        return bool(last) and last[-1:].isalpha() and last[-1:].islower()

    def _label_line(self, line: Line, text: str) -> bool:
        """Header lines "Label: value" open a paragraph; "Summary: ..." also names the section."""
        found = label_at(text)
        if not found or not found[1].strip():
            return False
        name, rest = found
        if name == "stop":
            self.set_heading(text[: len(text) - len(rest)].strip(), None)
            self.start(line, rest.strip(), None)
        else:
            self.start(line, text, None)
        return True

    def _new_block(self, line: Line, heading: bool = False) -> bool:
        previous = self.last_line
        if self._continues_sentence(line):
            return False
        if previous is None or previous.page != line.page:
            # Across a page break a sentence usually continues.
            return bool(self.current) and self.current[-1].rstrip().endswith((".", ":", "?", "!")) and previous is not None and previous.page != line.page
        if line.size and previous.size:
            gap = line.top - (previous.bottom or previous.top + previous.size)
            if self.pitch:
                # Measured against the document's own spacing, so double-spaced text stays together.
                if line.top - previous.top > self.pitch * (1.9 if heading else 1.4) and gap > 0.3 * line.size:
                    return True
            elif gap > (1.0 if heading else 0.55) * line.size:
                return True
            # An outdent back to the left margin after an indented block starts a paragraph.
            return line.x0 < previous.x0 - 10 and previous.text.rstrip().endswith((".", ":"))
        # Without positions: a line continues the paragraph when it starts in lower case or the
        # line before stopped mid-sentence (text hard-wrapped by a PDF-to-text tool).
        if line.text[:1].islower():
            return False
        if not self.current or len(previous.text) < 60:
            return True  # short lines are list items, not wrapped prose
        return self.current[-1].rstrip().endswith((".", ":", ";", "?", "!", "”", '"', ")"))
