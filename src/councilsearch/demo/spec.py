"""A generated paper before rendering: header fields, blocks of content, and the facts
it carries for the ground truth. Renderers (PDF, DOCX, HTML, Markdown) read only this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Block:
    """One unit of content, in reading order.

    kind: "title", "subtitle", "heading", "para", "bullet", "table", "text" (an
    unnumbered line), "banner" (a boxed notice such as NOT FOR PUBLICATION),
    "signature".
    """

    kind: str
    text: str = ""
    number: str | None = None
    rows: list[list[str]] | None = None
    para_kind: str = "text"  # "text" | "recommendation" | "resolution" (numbered paragraphs)
    heading: str | None = None  # heading of the section a paragraph sits in
    section: str | None = None
    keep: bool = False  # carries a ground-truth fact: never split across pages


@dataclass
class Question:
    type: str  # decision, amount, date, who, precedent, fact, unanswerable
    question: str
    answer: str
    answer_contains: list[str]


@dataclass
class PaperSpec:
    path: str  # relative to the output folder, "/" separated
    doc_type: str  # report, agenda, minutes, decision, appendix
    committee: str
    meeting_date: str  # ISO
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    header: list[tuple[str, str]] = field(default_factory=list)  # label, value
    header_style: str = "plain"  # "table" (bordered grid), "memo" (From:/To:), "plain"
    layout: str = "single"  # "single" | "twocol"
    body_font: str = "Helvetica"
    running_header: str = ""
    portfolio_holders: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    agenda_item: str | None = None
    classification: str | None = None
    exempt: bool = False
    recommendations: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    notes: str = ""

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def plain_text(self) -> str:
        """Everything printed, whitespace collapsed: what ground-truth strings must occur in."""
        parts = [f"{label} {value}" for label, value in self.header]
        for b in self.blocks:
            parts.append(b.number or "")
            parts.append(b.text)
            for row in b.rows or []:
                parts.extend(row)
        return collapse(" ".join(parts))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
