"""Extraction: any supported file -> model.Document (pages of positioned lines).

    from councilsearch.extract import extract, ExtractionError, EXTRACTOR_VERSION

``extract(path)`` picks the extractor by extension. It raises only
ExtractionError (reason: corrupt, encrypted, no_text, empty, unsupported,
too_large) for a file it cannot read.

What every extractor guarantees:
- Cells of one table row become one line joined with CELL_SEPARATOR (" | "),
  except that a label cell ending in ":" joins its value with one space:
  "Committee: Executive | Agenda Item No.: 14".
- Line.number holds a paragraph number or list marker known from the layout
  (a PDF's left number column, a DOCX automatic list); the line's text still
  starts with it ("4.5 Text..."). Numbers written inline are left in the text.
- Document.format is the file's type ("pdf", "docx", "html", "md", "txt"); a
  .txt holding an HTML fragment is read as HTML but keeps format "txt".
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..model import Document
from .common import CELL_SEPARATOR, has_text
from .errors import REASONS, ExtractionError, is_interruption

# Bump whenever extraction output changes: the indexer caches extractions by it.
EXTRACTOR_VERSION = "9"

# Files above this size are refused rather than risk memory and time on them.
MAX_BYTES = 150 * 1024 * 1024

SUPPORTED_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")

# A .txt holding an HTML fragment (Wye Valley's minutes) goes through the HTML extractor.
_HTML_FRAGMENT = re.compile(r"</?(?:br|p|div|table|tr|td|li|ul|ol|h[1-6]|span|strong|b|em)\b[^>]*>", re.I)

log = logging.getLogger(__name__)

__all__ = ["extract", "ExtractionError", "EXTRACTOR_VERSION", "CELL_SEPARATOR", "MAX_BYTES", "REASONS", "SUPPORTED_EXTENSIONS"]


def looks_like_html(text: str) -> bool:
    """True when a text file is really markup: several block/line tags in its first part."""
    return len(_HTML_FRAGMENT.findall(text[:20000])) >= 2


def _extract_by_format(path: Path, suffix: str) -> Document:
    if suffix == ".pdf":
        from .pdf import extract_pdf

        return extract_pdf(path)
    if suffix == ".docx":
        from .docx import extract_docx

        return extract_docx(path)
    if suffix in (".html", ".htm"):
        from .html import extract_html

        return extract_html(path)
    if suffix in (".md", ".markdown"):
        from .markdown import extract_markdown

        return extract_markdown(path)
    from .html import extract_html_string
    from .text import decode_bytes, extract_text_string

    text = decode_bytes(path.read_bytes())
    if looks_like_html(text):
        return extract_html_string(text, str(path), fmt="txt")
    return extract_text_string(text, str(path))


def extract(path) -> Document:
    """Read one file into a Document; any failure is an ExtractionError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise ExtractionError("unsupported", f"{path.name}: files ending {suffix or '(no extension)'} are not supported")
    try:
        size = path.stat().st_size
    except OSError as exc:
        if is_interruption(exc):
            raise
        raise ExtractionError("corrupt", f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    if size == 0:
        raise ExtractionError("empty", f"{path.name} is an empty file (0 bytes)")
    if size > MAX_BYTES:
        raise ExtractionError("too_large", f"{path.name} is {size / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit")
    try:
        document = _extract_by_format(path, suffix)
    except ExtractionError as exc:
        if path.name not in exc.message:
            exc.message = f"{path.name}: {exc.message}"
            exc.args = (f"{exc.reason}: {exc.message}",)
        raise
    except MemoryError as exc:
        raise ExtractionError("too_large", f"{path.name} needs more memory than is available") from exc
    except RecursionError as exc:
        raise ExtractionError("corrupt", f"{path.name} is nested too deeply to read") from exc
    except Exception as exc:  # a bad file must never crash the run
        if is_interruption(exc):
            raise  # a caller's time limit, not a fault of the file
        log.debug("extraction of %s failed", path, exc_info=True)
        raise ExtractionError("corrupt", f"{path.name} cannot be read ({type(exc).__name__}: {exc})") from exc
    if not has_text(document.pages):
        if suffix == ".pdf":
            raise ExtractionError("no_text", f"{path.name}: no page has a text layer (a scanned or image-only PDF?)")
        raise ExtractionError("empty", f"{path.name} contains no text")
    return document
