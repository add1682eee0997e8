"""Extraction throughput: councilsearch's PDF extractor against raw pdfminer.

Usage: python bench/extract.py [FOLDER] [N]
Takes the first N PDFs (default 20, sorted by path) under FOLDER (default: the
Kent papers of the shared corpus) and prints pages per CPU second for
pdfminer's extract_pages with default LAParams and for extract(), and their ratio.
The target is a ratio of at least 0.85. Prints figures; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pdfminer.high_level import extract_pages

from councilsearch.extract import ExtractionError, extract

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "kent-cc"


def _timed(fn, path) -> tuple[float, int]:
    """CPU seconds (less disturbed by other jobs on a shared machine than wall time) and pages."""
    start = time.process_time()
    pages = fn(path)
    return time.process_time() - start, pages


def raw_pdfminer(path: Path) -> int:
    return sum(1 for _ in extract_pages(path))


def ours(path: Path) -> int:
    try:
        return len(extract(path).pages)
    except ExtractionError:
        return 0


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    if not folder.is_dir():
        print(f"no such folder: {folder} (the shared corpus is not here)")
        return
    paths = sorted(folder.rglob("*.pdf"))[:n]
    print(f"{len(paths)} PDFs from {folder}")
    raw_s = our_s = 0.0
    raw_pages = our_pages = 0
    # Alternate file by file so that load from other jobs hits both sides alike.
    for path in paths:
        seconds, pages = _timed(raw_pdfminer, path)
        raw_s, raw_pages = raw_s + seconds, raw_pages + pages
        seconds, pages = _timed(ours, path)
        our_s, our_pages = our_s + seconds, our_pages + pages
    print(f"pdfminer extract_pages (default LAParams): {raw_pages} pages in {raw_s:.2f}s = {raw_pages / raw_s:.1f} pages/s")
    print(f"councilsearch extract():                   {our_pages} pages in {our_s:.2f}s = {our_pages / our_s:.1f} pages/s")
    print(f"throughput ratio (ours / raw): {raw_s / our_s:.2f}  (target >= 0.85)")


if __name__ == "__main__":
    main()
