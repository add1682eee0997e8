"""ask(): quotes are verbatim, the right paragraph comes first, refusals and filters hold.

The papers are hand-made in council style (our own sentences) and written to a
real Whoosh index on disk with store.add_papers.
"""

from __future__ import annotations

import json

import pytest

from councilsearch import store
from councilsearch.answer import NO_ANSWER_MESSAGE, ask, format_citation, question_type
from councilsearch.model import Paper, Paragraph, Person


def _paper(pid, committee, date, title, paragraphs, **extra) -> Paper:
    return Paper(id=pid, source=f"{committee.lower().replace(' ', '-')}/{date}/{pid}.pdf",
                 format="pdf", committee=committee, date=date, title=title, doc_type="report",
                 paragraphs=[Paragraph(*p) if isinstance(p, tuple) else p for p in paragraphs],
                 **extra)


def council_papers() -> list[Paper]:
    return [
        _paper("shared", "Executive", "2014-03-17", "Delivering Differently", [
            ("The Council has a long standing strategic alliance with a neighbouring district "
             "council which has secured savings while protecting services.", 1, "1.1", "Background", "1"),
            ("Officers have explored two options for extending joint working, including joint "
             "procurement with the local hospital trust.", 1, "1.2", "Background", "1"),
            ("The bid to the Delivering Differently programme was not successful. Executive is asked "
             "to allocate £15,000 from the transformation reserve for feasibility work on joint "
             "working with partner councils.", 3, "4.5", "Financial Implications", "4"),
            Paragraph("That Executive approves joint procurement with the hospital trust from "
                      "1 April 2014.", 4, "6.1", "Recommendations", "6", "recommendation"),
        ], portfolio_holders=[Person("Cllr Ann Moss", "Leader")]),
        _paper("leisure", "Cabinet", "2023-11-02", "Leisure Centre Refurbishment", [
            ("The leisure centre at Mill Road opened in 1987 and its pool plant is at the end of "
             "its life.", 1, "2.1", "Background", "2"),
            ("The refurbishment of the pool hall is expected to cost £2.4m, funded from prudential "
             "borrowing.", 2, "5.2", "Financial Implications", "5"),
            ("Works are programmed to start on 8 January 2024 and the centre will reopen in "
             "September 2024.", 2, "5.3", "Timetable", "5"),
        ]),
        _paper("minutes-pc", "Ashby Parish Council", "2021-01-26", "Minutes of the Parish Council", [
            Paragraph("The Chair, Cllr Peter Hale, welcomed members. Apologies were received from "
                      "Cllr Rose Dunn.", 1, "1", "Apologies", "1"),
            Paragraph("Following the advice received on the transfer of the village green from the "
                      "estate, the members resolved to go ahead with the transfer of the green "
                      "and to meet the legal costs.", 2, "7", "Village Green", "7", "resolution"),
            Paragraph("The clerk reported that the dog bin on School Lane had been replaced.", 2, "8",
                      "Clerk's Report", "8"),
        ]),
        _paper("agm", "Ashby Parish Council", "2022-05-10", "Minutes of the Annual Meeting", [
            Paragraph("Cllr Sarah Lund was elected Chair of the Council for the coming year, proposed "
                      "by Cllr Hale and seconded by Cllr Dunn.", 1, "2", "Election of Chair", "2",
                      "resolution"),
            Paragraph("The tender threshold in standing orders was increased to £3,000.", 1, "5",
                      "Standing Orders", "5", "resolution"),
        ]),
        _paper("roads", "Cabinet", "2024-06-20", "Highways Maintenance Programme", [
            ("Pothole repairs across the county rose by a third during the wet winter.", 1, "3.1",
             "Context", "3"),
            ("The road resurfacing programme will cost £11.2m in 2024-25.", 2, "4.1", "Finance", "4"),
            Paragraph("Cabinet agreed the highways maintenance programme for 2024-25 and delegated "
                      "scheme changes to the Director of Highways.", 3, "7.1", "Decision", "7",
                      "resolution"),
        ]),
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("answer-index")
    store.add_papers(str(index_dir), council_papers())
    ix = store.open_index(str(index_dir))
    with ix.searcher() as s:
        yield s


QUESTIONS = [
    # (question, expected paper id, expected paragraph number)
    ("How much did Executive allocate for feasibility work on joint working?", "shared", "4.5"),
    ("What will the pool refurbishment cost?", "leisure", "5.2"),
    ("When will works on the leisure centre start?", "leisure", "5.3"),
    ("Who was elected chair of Ashby Parish Council in 2022?", "agm", "2"),
    ("Did the parish council agree to take over the village green?", "minutes-pc", "7"),
    ("What did Cabinet decide about the highways maintenance programme?", "roads", "7.1"),
    ("What is the tender threshold in the standing orders?", "agm", "5"),
]


@pytest.mark.parametrize("question,paper_id,number", QUESTIONS)
def test_right_paragraph_first(searcher, question, paper_id, number):
    result = ask(searcher, question)
    assert result["answered"], result
    top = result["answers"][0]
    assert (top["paper_id"], top["paragraph"]) == (paper_id, number), top


@pytest.mark.parametrize("question", [q for q, _, _ in QUESTIONS] + [
    "joint working", "pool", "Cllr Hale", "How much money?", "£2.4m"])
def test_every_quote_is_verbatim_from_its_paragraph(searcher, question):
    result = ask(searcher, question, limit=5)
    for answer in result["answers"]:
        assert answer["text"] and answer["text"] in answer["paragraph_text"]


def test_answer_carries_its_citation(searcher):
    top = ask(searcher, "What will the pool refurbishment cost?")["answers"][0]
    assert "£2.4m" in top["text"]
    assert top["title"] == "Leisure Centre Refurbishment"
    assert top["committee"] == "Cabinet" and top["date"] == "2023-11-02"
    assert top["page"] == 2 and top["anchor"] == "p-5-2"
    assert format_citation(top) == ("Leisure Centre Refurbishment, Cabinet, 2023-11-02, "
                                    "paragraph 5.2, page 2 (cabinet/2023-11-02/leisure.pdf)")


def test_alternatives_come_from_other_paragraphs(searcher):
    answers = ask(searcher, "What will the highways programme cost?", limit=3)["answers"]
    keys = [(a["paper_id"], a["anchor"]) for a in answers]
    assert len(keys) == len(set(keys)) and len(keys) <= 3


@pytest.mark.parametrize("question", [
    "What did Bristol's transport committee decide about tolls on the Clifton Suspension Bridge?",
    "How many electric buses did the combined authority order?",
])
def test_unanswerable_is_refused(searcher, question):
    result = ask(searcher, question)
    assert result["answered"] is False
    assert result["answers"] == []
    assert result["message"].startswith(NO_ANSWER_MESSAGE)


def test_refusal_lists_related_papers(searcher):
    result = ask(searcher, "What is the carbon footprint of the leisure centre pool hall?")
    if not result["answered"]:
        assert any(r["paper_id"] == "leisure" for r in result["related"])


@pytest.mark.parametrize("question", ["", "   ", "???", "the of and", "a" * 5000,
                                      "what OR AND NOT ( \" *"])
def test_odd_input_never_crashes(searcher, question):
    result = ask(searcher, question)
    assert set(result) >= {"question", "answered", "answers", "message", "related"}
    assert result["answered"] is False and result["message"]


def test_committee_filter_is_respected(searcher):
    question = "How much will the work cost?"
    result = ask(searcher, question, filters={"committee": ["Executive"]}, limit=5)
    assert result["answers"], result
    assert {a["committee"] for a in result["answers"]} == {"Executive"}
    other = ask(searcher, question, filters={"committee": ["Cabinet"]}, limit=5)
    assert {a["committee"] for a in other["answers"]} <= {"Cabinet"}
    assert not any("£15,000" in a["text"] for a in other["answers"])


def test_date_filter_is_respected(searcher):
    result = ask(searcher, "What is the cost of the programme?",
                 filters={"date_from": "2024-01-01", "date_to": "2024-12-31"}, limit=5)
    assert result["answers"], result
    assert all("2024-01-01" <= a["date"] <= "2024-12-31" for a in result["answers"])


def test_filter_excluding_the_answer_refuses(searcher):
    result = ask(searcher, "Who was elected chair of Ashby Parish Council?",
                 filters={"committee": ["Cabinet"]})
    assert all(a["committee"] == "Cabinet" for a in result["answers"])
    assert not any("Sarah Lund" in a["text"] for a in result["answers"])


@pytest.mark.parametrize("question,qtype", [
    ("How much did Executive allocate for feasibility work?", "amount"),
    ("What overspend was forecast at month nine?", "amount"),
    ("When did the council sign the covenant?", "date"),
    ("Who chairs the parish council?", "who"),
    ("Which councillors called in the decision?", "who"),
    ("Did full Council back the devolution bid?", "decision"),
    ("What was the outcome of the call-in?", "decision"),
    ("Has the council ever debated a motion on vapes?", "precedent"),
    ("Has KCC taken a position on the airport?", "precedent"),
    ("Why can't the tips take sofas?", "reason"),
    # A sum asked for, whatever verb of deciding comes with it.
    ("What's the most the council agreed to pay for the new bus shelter?", "amount"),
    ("What did they pay for the war memorial cleaning?", "amount"),
    ("What's the deadline for comments on the draft plan?", "date"),
    ("Deadline for councils to send in their interim plans", "date"),
    # "Which <describing words> councillor / firm / inspector": a person or a body is asked for ...
    ("Which Ashby parish councillor resigned in the summer?", "who"),
    ("Which firm got the verge cutting contract?", "who"),
    ("Which planning inspector examined the local plan?", "who"),
    # ... but not when a verb comes first: the members are who asked, not the answer.
    ("Which schools did members visit?", "fact"),
    # A keyword search headed by a role asks for whoever holds it ...
    ("Responsible officer for the impact assessment of the bus strategy", "who"),
    ("chair of the planning committee 2019", "who"),
    ("Portfolio holder for waste and recycling", "who"),
    # ... not a question about the role's work, nor its recommendation.
    ("The chair of the meeting ruled on what?", "fact"),
    ("officer recommendation for the bridge repairs", "fact"),
    ("Has any councillor pushed for a rates rebate for the town's shops?", "precedent"),
    ("What did the Scrutiny Committee do with the call-in?", "decision"),
    # A decision word capitalised inside a name is no verb: a sum is asked for.
    ("What Revenue Support Grant is the council getting next year?", "amount"),
])
def test_question_type(question, qtype):
    assert question_type(question) == qtype


def test_cli_ask_text_and_json(searcher, tmp_path, capsys):
    from councilsearch.cli import main

    index_dir = tmp_path / "ix"
    store.add_papers(str(index_dir), council_papers())
    assert main(["ask", "What will the pool refurbishment cost?", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "£2.4m" in out and "paragraph 5.2, page 2" in out and "Leisure Centre Refurbishment" in out
    assert main(["ask", "pool refurbishment cost", "--index", str(index_dir), "--json",
                 "--committee", "Executive"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(a["committee"] == "Executive" for a in data["answers"])


def test_cli_ask_without_index_is_a_clear_error(tmp_path, capsys):
    from councilsearch.cli import main

    assert main(["ask", "anything", "--index", str(tmp_path / "missing")]) == 1
    assert "no index" in capsys.readouterr().err


def test_long_run_on_paragraph_is_quoted_around_the_answer(tmp_path):
    filler = " ".join(f"Invoice from supplier number {n} for sundry items approved" for n in range(40))
    text = (filler + " Donation requested by the Riverside Community Minibus agreed at £75 "
            + filler)
    paper = _paper("runon", "Ashby Parish Council", "2019-09-03", "Minutes", [
        Paragraph(text, 2, "19.09.9", "Finance", "19")])
    store.add_papers(str(tmp_path), [paper])
    with store.open_index(str(tmp_path)).searcher() as s:
        top = ask(s, "How much did the council give to the Riverside Community Minibus?")["answers"][0]
    assert top["text"] in top["paragraph_text"]
    assert "£75" in top["text"] and "Riverside Community Minibus" in top["text"]
    assert len(top["text"]) <= 400 and top["trimmed"] is True
