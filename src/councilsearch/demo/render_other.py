"""DOCX, HTML and Markdown renderings of a PaperSpec, with the standard library only.

DOCX is the minimal valid package (content types, relationships, document.xml and core
properties) written with fixed zip timestamps so that the bytes are reproducible.
"""

from __future__ import annotations

import html
import io
import zipfile
from xml.sax.saxutils import escape as xml_escape

from .names import COUNCIL_NAME
from .spec import PaperSpec

# --- HTML ------------------------------------------------------------------------------


def render_html(spec: PaperSpec) -> bytes:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(spec.title or COUNCIL_NAME)}</title>", "</head>", "<body>",
           f'<p class="council">{e(COUNCIL_NAME)}</p>']
    blocks = list(spec.blocks)
    while blocks and blocks[0].kind in ("banner", "title", "subtitle"):
        b = blocks.pop(0)
        out.append(f"<h1>{e(b.text)}</h1>" if b.kind == "title" else f"<p><strong>{e(b.text)}</strong></p>")
    if spec.header:
        out.append('<table class="header">')
        for label, value in spec.header:
            out.append(f"<tr><th>{e(label)}</th><td>{'<br>'.join(e(v) for v in value.split(chr(10)))}</td></tr>")
        out.append("</table>")
    in_list = False
    for b in blocks:
        if b.kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        num = f'<span class="num">{e(b.number)}</span> ' if b.number else ""
        if b.kind == "heading":
            out.append(f"<h2>{num}{e(b.text)}</h2>")
        elif b.kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{e(b.text)}</li>")
        elif b.kind == "table":
            out.append("<table>")
            for i, row in enumerate(b.rows or []):
                tag = "th" if i == 0 else "td"
                out.append("<tr>" + "".join(f"<{tag}>{e(c)}</{tag}>" for c in row) + "</tr>")
            out.append("</table>")
        elif b.kind in ("title", "subtitle"):
            out.append(f"<h2>{e(b.text)}</h2>")
        else:
            out.append(f"<p>{num}{e(b.text)}</p>")
    if in_list:
        out.append("</ul>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


# --- Markdown --------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Keep Markdown from reading council text as markup ("*", "_", a leading "#")."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def render_markdown(spec: PaperSpec) -> bytes:
    out: list[str] = []
    blocks = list(spec.blocks)
    while blocks and blocks[0].kind in ("banner", "title", "subtitle"):
        b = blocks.pop(0)
        out += [("# " if b.kind == "title" else "**") + md_escape(b.text) + ("" if b.kind == "title" else "**"), ""]
    for label, value in spec.header:
        out.append(f"**{md_escape(label)}** {md_escape(value.replace(chr(10), '; '))}  ")
    if spec.header:
        out.append("")
    for b in blocks:
        num = f"{b.number} " if b.number else ""
        if b.kind == "heading":
            out += [f"## {num}{md_escape(b.text)}", ""]
        elif b.kind == "bullet":
            out.append(f"- {md_escape(b.text)}")
        elif b.kind == "table" and b.rows:
            out.append("| " + " | ".join(b.rows[0]) + " |")
            out.append("|" + "---|" * len(b.rows[0]))
            out += ["| " + " | ".join(row) + " |" for row in b.rows[1:]]
            out.append("")
        elif b.kind in ("title", "subtitle"):
            out += [f"## {md_escape(b.text)}", ""]
        else:
            out += [f"{num}{md_escape(b.text)}", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


# --- DOCX ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>"
)


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'


def _para(text: str, number: str | None = None, bold: bool = False) -> str:
    runs = ""
    if number:
        runs += _run(number, bold) + "<w:r><w:tab/></w:r>"
    return f"<w:p>{runs}{_run(text, bold)}</w:p>"


def _table(rows: list[list[str]], bold_first_column: bool = False) -> str:
    cols = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="%d"/>' % (9000 // cols) for _ in range(cols))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    body = ""
    for row in rows:
        cells = "".join(f"<w:tc><w:tcPr><w:tcW w:w=\"{9000 // cols}\" w:type=\"dxa\"/></w:tcPr>"
                        f"{_para(cell, bold=bold_first_column and j == 0)}</w:tc>" for j, cell in enumerate(row))
        body += f"<w:tr>{cells}</w:tr>"
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")


def render_docx(spec: PaperSpec) -> bytes:
    parts = [_para(COUNCIL_NAME, bold=True)]
    blocks = list(spec.blocks)
    while blocks and blocks[0].kind in ("banner", "title", "subtitle"):
        parts.append(_para(blocks.pop(0).text, bold=True))
    if spec.header:
        parts.append(_table([[label, value.replace("\n", "; ")] for label, value in spec.header], True))
    for b in blocks:
        if b.kind == "table" and b.rows:
            parts.append(_table(b.rows))
        elif b.kind == "bullet":
            parts.append(_para(b.text, "•"))
        else:
            parts.append(_para(b.text, b.number, bold=b.kind in ("heading", "title", "subtitle")))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
                + "".join(parts) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{xml_escape(spec.title or '')}</dc:title><dc:creator>{xml_escape(COUNCIL_NAME)}</dc:creator>"
            "</cp:coreProperties>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/document.xml", document), ("docProps/core.xml", core)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: same bytes every run
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))
    return buffer.getvalue()
