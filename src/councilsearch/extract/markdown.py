"""Markdown: YAML front matter into properties, syntax stripped, headings bold.

Markdown converted from PDFs (Lanmore's archive) starts with a link to the
original file, kept as properties["original_url"], and separates the PDF's pages
with "---" rules, which become page breaks here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Document
from .common import decode_entities, join_cells, pages_from_texts
from .html import html_lines
from .text import decode_bytes

_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_ORIGINAL_LINK = re.compile(r"^\s*\[(?:original[^\]]*)\]\((\S+?)\)\s*$", re.I)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_DIVIDER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
_EMPHASIS = re.compile(r"(\*\*\*|___|\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE_EM = re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])")
_STRAY_STRONG = re.compile(r"(?<!\\)\*{2,}")
_CODE = re.compile(r"`([^`]*)`")
# Pandoc extensions: [text]{.underline}, 27^th^ superscripts, H~2~O subscripts.
_SPAN_ATTRS = re.compile(r"\[([^\]]*)\]\{[^}]*\}")
_SUPERSCRIPT = re.compile(r"\^([^\s^]+)\^")
_SUBSCRIPT = re.compile(r"(?<!~)~([^\s~]+)~(?!~)")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
# Escaped characters are parked in a private-use range while the emphasis patterns run.
_ESCAPED_BASE = 0xE000
_ESCAPED = re.compile("[\ue000-\ue07f]")
# HTML comments (pandoc's "<!-- -->" list separators, editors' notes) are not content; an
# unclosed one runs to the end of the text, as in HTML.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# Notes a PDF-to-Markdown converter adds that are not part of the paper.
_CONVERTER_NOTE = re.compile(r"^\s*(?:scanned page, text may contain errors|\(image omitted\)\s*$)", re.I)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Simple Jekyll front matter: `key: value` lines between leading `---` lines."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    properties = {}
    for raw in lines[1:end]:
        match = _FRONT_MATTER_KEY.match(raw.strip())
        if match:
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            properties[match.group(1).lower()] = value
    return properties, "\n".join(lines[end + 1 :])


def _hide_escapes(s: str) -> str:
    """Backslash-escaped characters ("\\_\\_\\_" for a signature line) put out of the way of the
    emphasis patterns, which would otherwise pair their underscores and asterisks."""
    return _ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m[1])), s)


def _restore_escapes(s: str) -> str:
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - _ESCAPED_BASE), s)


def strip_inline(s: str) -> str:
    """Inline Markdown syntax removed: links keep their text, emphasis markers go, escaped
    characters and character references ("&amp;") become the characters they stand for."""
    s = _hide_escapes(s)
    s = _IMAGE.sub(r"\1", s)
    s = _SPAN_ATTRS.sub(r"\1", s)
    s = _LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _CODE.sub(r"\1", s)
    s = _SUPERSCRIPT.sub(r"\1", s)
    s = _SUBSCRIPT.sub(r"\1", s)
    for _ in range(3):  # nested emphasis such as ***x***
        s = _EMPHASIS.sub(r"\2", s)
    s = _UNDERSCORE_EM.sub(r"\1", s)
    # Strong emphasis over several lines ("**the lack of" ... "democracy**") leaves a marker
    # without its pair on each line: not text either.
    s = _STRAY_STRONG.sub("", s)
    s = _HTML_TAG.sub("", s)
    if s.endswith("\\"):  # a hard line break
        s = s[:-1]
    return decode_entities(_restore_escapes(s))


_STRONG = re.compile(r"(\*\*\*|___|\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _is_bold_line(s: str) -> bool:
    """The whole line is strong emphasis ("**Minutes**", "**Part 8** **–** **Fire Station**"); a
    line that only starts and ends bold ("**Monday 15th** in the **Chamber and**") is not."""
    stripped = s.strip()
    if len(stripped) <= 4 or stripped[:2] not in ("**", "__"):
        return False
    return not re.search(r"\w", _STRONG.sub("", stripped))


def _table_row(s: str) -> str:
    cells = s.strip().strip("|").split("|")
    return join_cells([strip_inline(c) for c in cells])


def drop_comments(text: str) -> str:
    """The text without HTML comments; a comment spanning lines leaves one line break, so
    the lines around it stay apart."""
    return _COMMENT.sub(lambda m: "\n" if "\n" in m[0] else "", text)


def markdown_pages(body: str, rules_break_pages: bool) -> list[list[tuple[str, bool, float]]]:
    pages: list[list[tuple[str, bool, float]]] = [[]]
    raw_lines = drop_comments(body).split("\n")
    for raw in raw_lines:
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if _RULE.match(line):
            if rules_break_pages and pages[-1]:
                pages.append([])
            continue
        if _SETEXT_RULE.match(line):
            # "Title\n=====": the title line before it was a heading.
            if pages[-1]:
                text, _, size = pages[-1][-1]
                pages[-1][-1] = (text, True, size)
            continue
        if _TABLE_DIVIDER.match(line) and "|" in line:
            continue
        line = _BLOCKQUOTE.sub("", line)
        heading = _HEADING.match(line)
        if heading:
            pages[-1].append((strip_inline(heading.group(2)), True, 0.0))
            continue
        if _CONVERTER_NOTE.match(_HTML_TAG.sub("", strip_inline(line)).strip("* ")):
            continue
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            pages[-1].append((_table_row(line), False, 0.0))
            continue
        if "<br" in line.lower() or "<p>" in line.lower():
            pages[-1].extend(html_lines(line)[0])
            continue
        bold = _is_bold_line(line)
        line = _BULLET.sub("", line)
        pages[-1].append((strip_inline(line), bold, 0.0))
    return pages


# A converter that lost a table's layout writes one cell per line: a bold header row ("District",
# "2021", "2022") and then each row's cells in turn ("Northgate", "€2,719.13", "€6,161.95").
_TABLE_FIGURE = re.compile(r"^[-–(]?[£$€]?\d[\d,]*(?:\.\d+)?%?\)?$")
TABLE_CELL_MAX_CHARS = 40
TABLE_MIN_ROWS = 2


def regroup_table_cells(items: list[tuple[str, bool, float]]) -> list[tuple[str, bool, float]]:
    """Lines that are the cells of a table written one per line, joined back into its rows.

    Only the unmistakable shape is taken: k >= 2 short bold lines (the header row, perhaps after
    a bold title) followed by at least TABLE_MIN_ROWS groups of k plain lines, each a label then
    k-1 figures. Anything less regular is left one line per cell, as it was.
    """
    out: list[tuple[str, bool, float]] = []
    i = 0
    while i < len(items):
        found = _table_at(items, i)
        if found is None:
            out.append(items[i])
            i += 1
            continue
        title_lines, width, count = found
        out.extend(items[i:i + title_lines])
        i += title_lines
        for r in range(count + 1):  # the header row, then the body rows
            row = items[i + width * r:i + width * (r + 1)]
            out.append((join_cells([text for text, _, _ in row]), r == 0, row[0][2]))
        i += width * (count + 1)
    return out


def _table_at(items: list[tuple[str, bool, float]], start: int) -> tuple[int, int, int] | None:
    """(bold lines before the header, columns, body rows) of a one-cell-per-line table whose bold
    run starts at ``start``; None when the lines there are not one."""
    bold_run = 0
    while start + bold_run < len(items) and items[start + bold_run][1] \
            and len(items[start + bold_run][0]) <= TABLE_CELL_MAX_CHARS:
        bold_run += 1
    for width in range(bold_run, 1, -1):  # the widest header that fits
        body = start + bold_run
        count = 0
        while _is_table_row(items[body + width * count:body + width * (count + 1)], width):
            count += 1
        if count >= TABLE_MIN_ROWS:
            return bold_run - width, width, count
    return None


def _is_table_row(cells: list[tuple[str, bool, float]], width: int) -> bool:
    if len(cells) < width or any(bold or len(text) > TABLE_CELL_MAX_CHARS for text, bold, _ in cells):
        return False
    label, *figures = [text for text, _, _ in cells]
    return bool(re.search(r"[^\W\d_]", label)) and not _TABLE_FIGURE.match(label) \
        and all(_TABLE_FIGURE.match(figure) for figure in figures)


def extract_markdown_string(text: str, path: str) -> Document:
    text = text.replace("\r\n", "\n")
    properties, body = split_front_matter(text)
    body_lines = body.lstrip("\n").split("\n")
    rules_break_pages = False
    if body_lines and _ORIGINAL_LINK.match(body_lines[0]):
        # A conversion of a PDF: its "---" rules mark the original's pages.
        properties["original_url"] = _ORIGINAL_LINK.match(body_lines[0]).group(1)
        body = "\n".join(body_lines[1:])
        rules_break_pages = True
    pages = pages_from_texts([regroup_table_cells(items) for items in markdown_pages(body, rules_break_pages)])
    return Document(path=path, format="md", pages=pages, properties=properties)


def extract_markdown(path: Path) -> Document:
    return extract_markdown_string(decode_bytes(path.read_bytes()), str(path))
