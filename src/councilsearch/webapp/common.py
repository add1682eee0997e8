"""What pages, api and feeds share: reading request parameters and building views.

Every page and its JSON twin call the same function here, so a feature exists once.
"""

from __future__ import annotations

import json
import logging
import re

from flask import current_app
from markupsafe import Markup
from whoosh import query as Q

from .. import search as S
from ..store import paragraph_anchors

log = logging.getLogger(__name__)

# Paper ids are short hashes; anything else (paths, dots, slashes) is simply not found.
PAPER_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")

QUESTION_START = re.compile(
    r"^(who|what|when|where|which|why|how|did|does|do|has|have|had|is|are|was|were|will|"
    r"can|could|should|would)\b", re.IGNORECASE)

FACET_LABELS = {
    "committee": "Committee",
    "portfolio_holder": "Portfolio holder",
    "year": "Year",
    "doc_type": "Document type",
    "classification": "Classification",
    "source_folder": "Source folder",
}


def get_searcher():
    return current_app.extensions["councilsearch_index"].searcher()


def filters_from_args(args) -> dict:
    """The filters dict from URL parameters (repeated keys select several values)."""
    filters: dict = {}
    for key in S.LIST_FILTER_KEYS:
        values = [v.strip() for v in args.getlist(key) if v and v.strip()][:50]
        if values:
            filters[key] = values
    for key, param in (("date_from", "from"), ("date_to", "to")):
        value = (args.get(param) or "").strip()
        if value:
            filters[key] = value[:10]
    return filters


def search_from_args(args, sort: str | None = None, per_page: int | None = None) -> dict:
    searcher = get_searcher()
    return S.search(
        searcher,
        args.get("q", ""),
        filters=filters_from_args(args),
        sort=sort or args.get("sort", "relevance"),
        page=args.get("page", 1),
        per_page=per_page or args.get("per_page", current_app.config["PER_PAGE"]),
    )


def looks_like_question(text: str) -> bool:
    text = (text or "").strip()
    return bool(text) and (text.endswith("?") or bool(QUESTION_START.match(text)))


def answer_for(question: str, filters: dict, limit: int = 3) -> dict | None:
    """The answer engine's reply, or None when it is not installed or fails."""
    try:
        from ..answer import ask
    except ImportError:
        return None
    try:
        return ask(get_searcher(), S.clean_query(question), filters=filters, limit=limit)
    except Exception:  # noqa: BLE001 - a failing answer must not take the results page down
        log.exception("answer engine failed for %r", question)
        return None


# --- Papers -------------------------------------------------------------------------------


def find_paper_doc(searcher, paper_id: str):
    """Stored fields of the paper doc with this id (never looked up by path), or None."""
    if not PAPER_ID.match(paper_id or ""):
        return None
    hits = searcher.search(Q.And([Q.Term("kind", "paper"), Q.Term("id", paper_id)]), limit=1)
    return hits[0].fields() if hits else None


def paper_view(searcher, paper_id: str, query: str = "") -> dict | None:
    """The paper as a plain dict for the paper page and /api/papers/<id>."""
    stored = find_paper_doc(searcher, paper_id)
    if stored is None:
        return None
    from ..model import Paper

    data = json.loads(stored["data"])
    if data.get("exempt"):  # never indexed by store; refuse anyway should one slip in
        return None
    anchors = paragraph_anchors(Paper.from_dict(data))  # the same anchors the index holds
    terms = set()
    if query:
        parsed = S.parse_query(searcher, query)
        terms = S.query_terms(searcher, S.text_query(searcher, parsed, fields=("body", "heading")))
    paragraphs = []
    for para, anchor in zip(data.get("paragraphs", []), anchors):
        paragraphs.append({
            "number": para.get("number"),
            "page": para.get("page"),
            "heading": para.get("heading"),
            "section": para.get("section"),
            "kind": para.get("kind", "text"),
            "anchor": anchor,
            "text": para.get("text", ""),
            "html": S.highlight(searcher, para.get("text", ""), terms, width=None),
        })
    data.pop("root", None)  # a server path: not the reader's business
    data["paragraphs"] = paragraphs
    data["decisions"] = [p for p in paragraphs if p["kind"] in ("recommendation", "resolution")]
    data["related"] = S.related_papers(searcher, paper_id)
    data["file_url"] = f"/papers/{paper_id}/file"
    data["contents"] = table_of_contents(paragraphs)
    return data


def table_of_contents(paragraphs: list[dict]) -> list[dict]:
    """Each section heading once, in order, with the anchor of its first paragraph.

    Readers of a 40-page report jump by section ("Financial Implications"), so the
    paper page lists them; the JSON twin carries the same list.
    """
    contents, previous = [], None
    for para in paragraphs:
        heading = (para.get("heading") or "").strip()
        if heading and heading != previous:
            contents.append({"heading": heading, "section": para.get("section"),
                             "anchor": para["anchor"], "page": para.get("page")})
        previous = heading or previous
    return contents


def paper_file_path(searcher, paper_id: str) -> str | None:
    """The original file of a paper, from its stored root and source, kept inside root."""
    import os

    stored = find_paper_doc(searcher, paper_id)
    if stored is None:
        return None
    data = json.loads(stored["data"])
    if data.get("exempt"):
        return None
    root, source = data.get("root") or "", data.get("source") or ""
    if not root or not source:
        return None
    root_real = os.path.realpath(root)
    path = os.path.realpath(os.path.join(root_real, source))
    if not path.startswith(root_real + os.sep) or not os.path.isfile(path):
        return None
    return path


def mark_safe(html: str) -> Markup:
    """Mark HTML built by search.highlight (escaped text plus our <mark> tags) as safe."""
    return Markup(html)


# --- Presentation helpers (used as Jinja filters) ---------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def long_date(value) -> str:
    """'2023-02-13' as '13 February 2023' (how council papers write dates); others unchanged."""
    match = ISO_DATE.match(str(value or ""))
    if not match:
        return str(value or "")
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return str(value)
    return f"{day} {MONTHS[month - 1]} {year}"


FILE_NAME = re.compile(r"^(?:.*/)?(?:\d+[-_ ]+)?(?P<stem>[^/]+?)(?:\.[A-Za-z0-9]{2,4})?$")


def readable_title(title, source=None) -> str:
    """A title a person can read: when parsing found none, the file path stands in,
    so turn '…/04-award-of-contract-for-cctv-monitoring.md' into
    'Award of contract for cctv monitoring'."""
    title = " ".join(str(title or "").split())
    if title and not _looks_like_path(title):
        return title
    candidate = title or str(source or "")
    match = FILE_NAME.match(candidate)
    stem = match.group("stem") if match else candidate
    words = re.sub(r"[-_]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Untitled paper"


DOC_TYPE_NAMES = {"report": "Report", "minutes": "Minutes", "agenda": "Agenda",
                  "decision": "Decision notice", "appendix": "Appendix"}


GENERIC_TITLES = {"agenda", "minutes", "report", "decision", "decision notice", "appendix",
                  "untitled paper"}


def paper_title(item: dict) -> str:
    """The title to show for a paper (or answer, or related-paper) dict.

    A "title" without a single letter ('20180924', a file named by its date) tells a
    reader nothing, so name the paper by its type, committee and date instead.
    """
    title = readable_title(item.get("title"), item.get("source"))
    generic = title.lower().strip(" .:") in GENERIC_TITLES  # "AGENDA": which one?
    if re.search(r"[^\W\d_]", title) and title != "Untitled paper" and not generic:
        return title
    kind = DOC_TYPE_NAMES.get(str(item.get("doc_type") or "").lower(), "Paper")
    if generic and title != "Untitled paper":
        kind = title.strip(" .:").capitalize()
    parts = [kind + (f" of {item['committee']}" if item.get("committee") else "")]
    if item.get("date"):
        parts.append(long_date(item["date"]))
    return ", ".join(parts)


def _looks_like_path(text: str) -> bool:
    return " " not in text and ("/" in text or bool(re.search(r"\.(pdf|docx?|html?|md|txt)$", text, re.I)))


def file_kind(source) -> str:
    """'PDF', 'Word document', ... for the link to a paper's original file."""
    ext = str(source or "").rsplit(".", 1)[-1].lower() if "." in str(source or "") else ""
    return {"pdf": "PDF", "docx": "Word document", "doc": "Word document", "html": "web page",
            "htm": "web page", "md": "text file", "txt": "text file"}.get(ext, "file")
