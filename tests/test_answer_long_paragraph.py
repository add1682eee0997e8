"""A run-on paragraph of minutes (many decisions in one block, no numbering or
stops) must still reach the answer scorer: BM25's length normalisation ranks it
below dozens of short paragraphs of the same period that merely mention the
question's words.

Hand-written papers in a real Whoosh index on disk (tmp_path).
"""

from __future__ import annotations

from councilsearch import store
from councilsearch.answer import ask, retrieval
from councilsearch.model import Paper, Paragraph

RUN_ON = (
    "Finance The accounts were approved by the Parish Council and signed by the Chairman "
    "The annual governance statement was completed and signed by the Chairman "
    "Notification of a direct debit payment of £35 to the data protection office was noted "
    "Subscription notice resolved to pay £102.48 to the county association "
    "Mowing and strimming of the village green resolved to pay £1080.00 to the contractor "
    "Draft accounts for the year were circulated to Councillors "
    "The Councillors thanked the internal auditor for auditing the accounts "
    "Standing orders for tenders were due for renewal in May and after discussion the "
    "Councillors resolved to increase the tender threshold to £2700"
)


_WORDS = "again once more still pending awaited postponed later unresolved open".split()
# Each names half the question: short, so BM25 ranks them above the long answer.
_SHORT = ["Review of the standing orders deferred {} {}.", "Tender threshold for the hall works {} {}."]
_FILLER = ["the footpath by the church needs clearing", "the bus shelter glass was replaced",
           "the allotment waiting list was reviewed", "the defibrillator pads were renewed",
           "the litter bins were emptied weekly", "the playground inspection was satisfactory"]


def _papers() -> list[Paper]:
    papers = [Paper(id="july", source="july.pdf", format="pdf", committee="Parish Council",
                    date="2020-07-14", title="Parish Council minutes July 2020", doc_type="minutes",
                    paragraphs=[Paragraph(RUN_ON, 1, "8", "", "8"),
                                Paragraph("Apologies were received from two Councillors.", 1, "1", "", "1")])]
    # Many short paragraphs that name the topic and answer nothing.
    for n in range(90):
        papers.append(Paper(
            id=f"p{n}", source=f"p{n}.pdf", format="pdf", committee="Parish Council",
            date=f"202{n % 5}-0{1 + n % 9}-10", title=f"Parish Council minutes {n}",
            doc_type="minutes",
            paragraphs=[Paragraph(_SHORT[n % 2].format(_WORDS[n % 9], _WORDS[n // 9]), 1, "4", "", "4"),
                        Paragraph(f"The clerk reported on the village hall roof {_WORDS[n % 9]}.", 1, "5", "", "5")]
            + [Paragraph(f"Item {k} {_FILLER[k % len(_FILLER)]}.", 1, str(6 + k), "", str(6 + k))
               for k in range(4)]))
    return papers


def _top_paper(tmp_path, monkeypatch, per_period_long: int) -> str:
    monkeypatch.setattr(retrieval, "PER_PERIOD_LONG", per_period_long)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "What is the tender threshold in the standing orders since 2020?")
    return result["answers"][0]["paper_id"] if result["answered"] else ""


def test_run_on_minutes_paragraph_is_found_and_quoted(tmp_path, monkeypatch):
    store.add_papers(str(tmp_path), _papers())
    assert _top_paper(tmp_path, monkeypatch, retrieval.PER_PERIOD_LONG) == "july"


def test_without_the_unnormalised_period_pass_the_run_on_paragraph_is_lost(tmp_path, monkeypatch):
    # Guards the test above: the short paragraphs really do bury the long one.
    store.add_papers(str(tmp_path), _papers())
    assert _top_paper(tmp_path, monkeypatch, 0) != "july"
