"""The parser read back over a small generated council, scored against the generator's ground
truth: every header field a single-column paper prints must come back exactly. (Two-column
PDFs are left out: their lines reach the parser with both columns merged, an extraction matter.)"""

from __future__ import annotations

import json
import re

import pytest

from councilsearch.demo.generate import TRUTH_DIR, generate
from councilsearch.extract import extract
from councilsearch.parse import parse

FIELDS = ("doc_type", "committee", "meeting_date", "title", "portfolio_holder", "report_author",
          "agenda_item", "classification", "recommendations_count")


def normalise(value) -> str:
    return " ".join(re.sub(r"[^\w£%]+", " ", str(value or "").lower()).split())


def ours(paper, field: str):
    return {
        "doc_type": paper.doc_type, "committee": paper.committee, "meeting_date": paper.date, "title": paper.title,
        "portfolio_holder": paper.portfolio_holder, "report_author": "; ".join(a.name for a in paper.authors) or None,
        "agenda_item": paper.agenda_item, "classification": paper.classification,
        "recommendations_count": len(paper.recommendations),
    }[field]


def truth(label: dict, field: str):
    if field == "report_author":
        return "; ".join(label["report_author"]) or None
    return label[field]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-parse") / "council"
    generate(out, papers=30, seed=11)
    labels = [json.loads(line) for line in (out / TRUTH_DIR / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(label, parse(extract(out / label["path"]), label["path"])) for label in labels if label["layout"] != "twocol"]


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS)
def test_single_column_papers_read_back_as_the_truth_says(parsed, field):
    wrong = [(label["path"], truth(label, field), ours(paper, field)) for label, paper in parsed
             if normalise(truth(label, field)) != normalise(ours(paper, field))]
    assert not wrong, wrong[:3]


@pytest.mark.slow
def test_every_kind_of_generated_paper_is_covered(parsed):
    assert {label["doc_type"] for label, _ in parsed} >= {"report", "agenda", "minutes", "decision", "appendix"}
