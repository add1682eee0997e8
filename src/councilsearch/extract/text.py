"""Plain text: form feeds break pages; UTF-8 with a cp1252 fallback."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from .common import decode_entities, pages_from_texts


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1 (which never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def extract_text_string(text: str, path: str) -> Document:
    # Text saved from a web page keeps its character references ("Webb &amp; the Clerk").
    text = decode_entities(text)
    page_texts = [[(line, False, 0.0) for line in chunk.splitlines()] for chunk in text.split("\f")]
    return Document(path=path, format="txt", pages=pages_from_texts(page_texts))


def extract_txt(path: Path) -> Document:
    return extract_text_string(decode_bytes(path.read_bytes()), str(path))
