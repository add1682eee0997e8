"""Markdown: YAML front matter into properties, syntax stripped, headings bold.

Markdown converted from PDFs (Lanmore's archive) starts with a link to the
original file, kept as properties["original_url"], and separates the PDF's pages
with "---" rules, which become page breaks here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Document
from .common import join_cells, pages_from_texts
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


def strip_inline(s: str) -> str:
    """Inline Markdown syntax removed: links keep their text, emphasis markers go."""
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
    s = _ESCAPE.sub(r"\1", s)
    if s.endswith("\\"):  # a hard line break
        s = s[:-1]
    return s


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
    pages = pages_from_texts(markdown_pages(body, rules_break_pages))
    return Document(path=path, format="md", pages=pages, properties=properties)


def extract_markdown(path: Path) -> Document:
    return extract_markdown_string(decode_bytes(path.read_bytes()), str(path))
