"""Sixth-round answer evidence: "why" questions are answered by the paragraph that gives
a reason.

Hand-written council-style papers in a real Whoosh index on disk (tmp_path).
"""

from __future__ import annotations

import pytest

from councilsearch import store
from councilsearch.answer import ask, kinds, question_type
from councilsearch.model import Paper, Paragraph


def _minutes(pid, date, paragraphs, heading="Matters Arising") -> Paper:
    return Paper(id=pid, source=f"{pid}.pdf", format="pdf", committee="Ashcombe Parish Council",
                 council="Ashcombe Parish Council", date=date, title=f"Minutes {date}",
                 doc_type="minutes",
                 paragraphs=[Paragraph(text, 1, "", heading, str(n)) for n, text in enumerate(paragraphs, 1)])


@pytest.mark.parametrize("question, qtype", [
    ("Why didn't Ashcombe get one of the funded charge points?", "reason"),
    ("At the May 2031 meeting: why was the item deferred?", "reason"),
    ("What was the reason for closing the footpath?", "reason"),
    ("what led to the clerk resigning", "reason"),
    ("Who objected and why?", "who"),  # the person first
    ("What did the council decide about the footpath?", "decision"),
])
def test_why_questions_ask_for_a_reason(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("sentence, reason", [
    ("Gwent Energy funded sites in Monmouth but not Ashcombe as traffic is considered too low.", True),
    ("We regret that only domestic green waste can be accepted at the recycling centre.", True),
    ("The item was deferred because the report had not been circulated.", True),
    ("It is not possible to grant the crossing.", True),
    ("Gwent Energy have funded charge points in Monmouth and Abergavenny.", False),
    ("The meeting closed at 9.15pm.", False),
])
def test_a_reason_is_a_cause_or_purpose_stated(sentence, reason):
    assert kinds.expected_answer_score("reason", sentence) == (1.0 if reason else 0.0)


def _charge_point_papers() -> list[Paper]:
    return [
        _minutes("jan", "2031-01-20", [
            "Charge points: Gwent Energy have funded charge points in Monmouth and Abergavenny; "
            "Ashcombe asked for one.",
            "The Clerk reported on the allotment rents."]),
        _minutes("mar", "2031-03-17", [
            "Charge points: Gwent Energy will not put an electric charge point in Ashcombe, "
            "as traffic through the village is considered too low.",
            "The Clerk reported on the bus shelter."]),
    ] + [_minutes(f"filler{n}", f"2030-{n + 1:02d}-10", [
        "The Chair welcomed members and the Clerk reported on grass cutting.",
        "Members approved invoices for street lighting repairs."]) for n in range(8)]


def test_why_is_answered_by_the_paragraph_giving_the_reason(tmp_path, monkeypatch):
    store.add_papers(str(tmp_path), _charge_point_papers())
    question = "Why didn't Ashcombe get one of the funded electric charge points from Gwent Energy?"
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, question)
        assert result["answered"] and result["type"] == "reason"
        assert "traffic through the village is considered too low" in result["answers"][0]["text"]
        # Without a reason counting as the answer, the paragraph repeating the question's words wins.
        monkeypatch.setitem(kinds.TYPE_PATTERNS, "reason", ())
        without = ask(searcher, question)
    assert "too low" not in without["answers"][0]["text"]
