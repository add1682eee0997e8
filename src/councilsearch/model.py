"""The vocabulary every stage shares: what extraction produces and what parsing recovers.

extract  -> Document (pages of positioned lines)
parse    -> Paper (header fields, paragraphs, recommendations)
store    -> Whoosh documents built from Paper
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Line:
    """One printed line of text, rebuilt from positions.

    Coordinates are in PDF points measured from the top-left of the page
    (``top`` grows downwards), so reading order is (top, x0). Formats without
    positions (text, Markdown, HTML, DOCX) give x0=0 and top = line index.
    """

    text: str
    page: int  # 1-based page number
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # dominant font size; 0 when unknown
    bold: bool = False
    # A paragraph number printed in a left column and attached to this line's
    # baseline by the extractor ("4.5", "14.1", "a)"), or None.
    number: str | None = None


@dataclass
class Page:
    number: int  # 1-based
    lines: list[Line] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    """What an extractor returns: text page by page, plus what the file says of itself."""

    path: str
    format: str  # "pdf", "docx", "html", "md", "txt"
    pages: list[Page] = field(default_factory=list)
    # Metadata the file carries (PDF Info title, Markdown front matter, HTML <title>).
    properties: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)


@dataclass
class Person:
    name: str
    role: str | None = None  # "Cabinet Member for Finance", "Leader", "Report Author"


@dataclass
class Paragraph:
    """A numbered (or unnumbered) paragraph of a paper, the unit of citation."""

    text: str
    page: int
    number: str | None = None  # "4.5", "14.1", "3773", "a)"; None when unnumbered
    heading: str | None = None  # heading of the section it sits in ("Financial Implications")
    section: str | None = None  # number of that section ("7")
    # "text", "recommendation" (a proposed decision) or "resolution" (a decision taken)
    kind: str = "text"

    @property
    def anchor(self) -> str:
        """Fragment id for links: "p-4-5" for paragraph 4.5, else "p-i<ordinal>" set by the paper."""
        if self.number:
            cleaned = "".join(c if c.isalnum() else "-" for c in self.number).strip("-")
            return "p-" + cleaned
        return ""


@dataclass
class Paper:
    """One council paper as councilsearch understands it."""

    id: str  # stable id: short hash of the source path under its root
    source: str  # path relative to the folder it was found under
    format: str
    sha256: str = ""
    root: str = ""  # the folder argument it was found under (absolute)
    source_folder: str = ""  # first folder of `source` (a council, usually)
    doc_type: str = "other"  # report, minutes, agenda, decision, appendix, questions, policy, other
    council: str | None = None
    committee: str | None = None  # the meeting the paper records or is for
    date: str | None = None  # ISO meeting date
    published_for: dict | None = None  # {"committee", "date"} from sidecar metadata when it differs
    title: str | None = None
    subject: str | None = None
    agenda_item: str | None = None
    classification: str | None = None  # "Unrestricted", "For publication", "Exempt", ...
    status: str | None = None  # "Open", "Key decision", ...
    decision_number: str | None = None
    key_decision: bool | None = None
    portfolio_holders: list[Person] = field(default_factory=list)
    authors: list[Person] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    pages: int = 0
    exempt: bool = False  # Part II / confidential: never indexed
    exempt_reason: str | None = None
    title_composed: bool = False  # True when no title was printed and the parser composed one

    @property
    def portfolio_holder(self) -> str | None:
        """Names of the portfolio holders, joined with "; " (None when there are none)."""
        names = [p.name for p in self.portfolio_holders if p.name]
        return "; ".join(names) if names else None

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["portfolio_holder"] = self.portfolio_holder
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Paper":
        data = dict(data)
        data.pop("portfolio_holder", None)
        data["portfolio_holders"] = [Person(**p) for p in data.get("portfolio_holders", [])]
        data["authors"] = [Person(**p) for p in data.get("authors", [])]
        data["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        return cls(**data)
