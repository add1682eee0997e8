"""DOCX with the standard library: paragraphs in order, table rows as one line each.

Page breaks (explicit or the last rendered ones Word records) advance the page
number; automatic list numbering from numbering.xml becomes a text prefix ("1.1 ").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..model import Document, Line, Page
from .common import clean_text, join_cells
from .errors import ExtractionError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _val(el, name: str) -> str | None:
    return el.get(W + name) if el is not None else None


class _Numbering:
    """Renders automatic list numbers ("1.", "1.1", "a)") from numbering.xml."""

    def __init__(self, root, styles_root=None):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.style_numbering = _style_numbering(styles_root)
        self.num_to_abstract: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for absnum in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in absnum.findall(W + "lvl"):
                fmt = _val(lvl.find(W + "numFmt"), "val") or "decimal"
                text = _val(lvl.find(W + "lvlText"), "val") or ""
                start = int(_val(lvl.find(W + "start"), "val") or 1)
                levels[int(_val(lvl, "ilvl") or 0)] = (fmt, text, start)
            self.abstract[_val(absnum, "abstractNumId")] = levels
        for num in root.findall(W + "num"):
            self.num_to_abstract[_val(num, "numId")] = _val(num.find(W + "abstractNumId"), "val")

    @staticmethod
    def _format(value: int, fmt: str) -> str:
        if fmt in ("lowerLetter", "upperLetter"):
            s = chr(ord("a") + (value - 1) % 26)
            return s.upper() if fmt == "upperLetter" else s
        if fmt in ("lowerRoman", "upperRoman"):
            s = _roman(value)
            return s.upper() if fmt == "upperRoman" else s
        if fmt in ("bullet", "none"):
            return ""
        return str(value)

    def label(self, num_id: str | None, ilvl: int) -> str:
        abstract = self.abstract.get(self.num_to_abstract.get(num_id or "", ""), {})
        if not abstract or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(max(ilvl, 0), 9)
        fmt, text, start = abstract.get(ilvl, ("decimal", "", 1))
        if fmt == "bullet":
            return ""
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        def fill(match):
            level = int(match.group(1)) - 1
            lfmt, _, lstart = abstract.get(level, ("decimal", "", 1))
            return self._format(counters[level] or lstart, lfmt)
        return re.sub(r"%(\d)", fill, text).strip()


def _style_numbering(styles_root) -> dict[str, tuple[str | None, int]]:
    """styleId -> (numId, level) for paragraph styles that carry numbering (numbered headings)."""
    found: dict[str, tuple[str | None, int]] = {}
    if styles_root is None:
        return found
    for style in styles_root.findall(W + "style"):
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is None:
            continue
        ilvl = _val(numpr.find(W + "ilvl"), "val")
        found[_val(style, "styleId") or ""] = (_val(numpr.find(W + "numId"), "val"), int(ilvl) if ilvl and ilvl.isdigit() else 0)
    return found


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


class _DocxReader:
    def __init__(self, body, numbering: _Numbering):
        self.body = body
        self.numbering = numbering
        self.page = 1
        self.pages: dict[int, list[Line]] = {1: []}
        self.last_label: str | None = None  # the list label of the paragraph last read

    def _add(self, text: str, bold: bool, size: float, number: str | None = None):
        text = clean_text(text)
        if text:
            lines = self.pages.setdefault(self.page, [])
            idx = len(lines)
            lines.append(Line(text=text, page=self.page, top=float(idx), bottom=float(idx + 1), size=size, bold=bold, number=number))

    def _break_page(self):
        self.page += 1
        self.pages.setdefault(self.page, [])

    def paragraph_text(self, p, track_breaks: bool) -> tuple[str, bool, float, bool]:
        """Text of a w:p, whether most of it is bold, its largest size, and whether it broke the page first."""
        parts: list[str] = []
        bold_chars = total_chars = 0
        size = 0.0
        broke_before = False
        for run in p.iter(W + "r"):
            rpr = run.find(W + "rPr")
            bold_el = rpr.find(W + "b") if rpr is not None else None
            bold = bold_el is not None and _val(bold_el, "val") not in ("0", "false")
            sz = _val(rpr.find(W + "sz"), "val") if rpr is not None else None
            if sz and sz.isdigit():
                size = max(size, int(sz) / 2.0)
            for child in run:
                tag = child.tag
                if tag == W + "t":
                    parts.append(child.text or "")
                    total_chars += len(child.text or "")
                    bold_chars += len(child.text or "") if bold else 0
                elif tag == W + "tab":
                    parts.append(" ")
                elif tag in (W + "br", W + "cr"):
                    if _val(child, "type") == "page" and track_breaks:
                        if not "".join(parts).strip():
                            broke_before = True
                        else:
                            parts.append("\f")
                    else:
                        parts.append("\n")
                elif tag == W + "lastRenderedPageBreak" and track_breaks:
                    if "".join(parts).strip():
                        parts.append("\f")
                    else:
                        broke_before = True
        text = "".join(parts)
        self.last_label = None
        ppr = p.find(W + "pPr")
        if ppr is not None:
            num_id, ilvl = self._numbering_of(ppr)
            if num_id and text.strip():
                label = self.numbering.label(num_id, ilvl)
                if label:
                    text = label + " " + text
                    self.last_label = label
            if ppr.find(W + "pageBreakBefore") is not None and track_breaks:
                broke_before = True
        return text, total_chars > 0 and bold_chars * 2 >= total_chars, size, broke_before

    def _numbering_of(self, ppr) -> tuple[str | None, int]:
        """(numId, level) of a paragraph: its own numPr, else its style's (numbered headings)."""
        numpr = ppr.find(W + "numPr")
        style = _val(ppr.find(W + "pStyle"), "val")
        style_num = self.numbering.style_numbering.get(style or "", (None, 0))
        if numpr is None:
            return style_num
        num_id = _val(numpr.find(W + "numId"), "val") or style_num[0]
        ilvl_text = _val(numpr.find(W + "ilvl"), "val")
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else style_num[1]
        return num_id, ilvl

    def read_paragraph(self, p):
        text, bold, size, broke_before = self.paragraph_text(p, track_breaks=True)
        if broke_before and any(self.pages.get(self.page)):
            self._break_page()
        # Automatic numbering is known for sure: it becomes Line.number ("1.1", "a)"),
        # like a number printed in a PDF's left column.
        number = self.last_label.rstrip(".") if self.last_label and self.last_label[0].isdigit() else self.last_label
        for i, chunk in enumerate(text.split("\f")):
            if i:
                self._break_page()
            for line in chunk.split("\n"):
                self._add(line, bold, size, number if line.strip() else None)
                if line.strip():
                    number = None

    def read_table(self, tbl):
        for tr in tbl.findall(W + "tr"):
            cells = []
            for tc in tr.findall(W + "tc"):
                texts = [self.paragraph_text(p, track_breaks=False)[0] for p in tc.iter(W + "p")]
                cells.append(" ".join(t.replace("\n", " ") for t in texts))
            self._add(join_cells(cells), False, 0.0)

    def read(self) -> list[Page]:
        for el in self.body:
            if el.tag == W + "p":
                self.read_paragraph(el)
            elif el.tag == W + "tbl":
                self.read_table(el)
            elif el.tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    _DocxReader(content, self.numbering).read_into(self)
        return [Page(number=n, lines=self.pages[n]) for n in sorted(self.pages)]

    def read_into(self, outer: "_DocxReader"):
        self.page, self.pages = outer.page, outer.pages
        self.read()
        outer.page = self.page


def _core_properties(zf: zipfile.ZipFile) -> dict:
    try:
        root = ET.fromstring(zf.read("docProps/core.xml"))
    except (KeyError, ET.ParseError):
        return {}
    props = {}
    for key, tag in (("title", DC + "title"), ("author", DC + "creator"), ("subject", DC + "subject")):
        el = root.find(tag)
        if el is not None and el.text and el.text.strip():
            props[key] = el.text.strip()
    return props


def extract_docx(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                if "EncryptedPackage" in names:
                    raise ExtractionError("encrypted", f"{path.name} is a password-protected Word file")
                raise ExtractionError("corrupt", f"{path.name} has no word/document.xml: not a Word document")
            root = ET.fromstring(zf.read("word/document.xml"))
            numbering_root = ET.fromstring(zf.read("word/numbering.xml")) if "word/numbering.xml" in names else None
            styles_root = ET.fromstring(zf.read("word/styles.xml")) if "word/styles.xml" in names else None
            properties = _core_properties(zf)
    except zipfile.BadZipFile as exc:
        # Encrypted Office files are OLE containers, not zips.
        if path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ExtractionError("encrypted", f"{path.name} is an OLE container (a password-protected or pre-2007 Word file)") from exc
        raise ExtractionError("corrupt", f"{path.name} is not a valid DOCX zip: {exc}") from exc
    except ET.ParseError as exc:
        raise ExtractionError("corrupt", f"{path.name} has malformed XML: {exc}") from exc
    body = root.find(W + "body")
    if body is None:
        raise ExtractionError("corrupt", f"{path.name} has no document body")
    pages = _DocxReader(body, _Numbering(numbering_root, styles_root)).read()
    return Document(path=str(path), format="docx", pages=pages, properties=properties)
