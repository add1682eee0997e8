"""Fifth-round answer evidence: the thing a "how many" question counts, label paragraphs
that name the topic of the minutes below them, initials a paper defines, and the
wordings that ask for a decision or a sum.

Hand-written council-style papers in a real Whoosh index on disk (tmp_path).
"""

from __future__ import annotations

import pytest
from whoosh.query import Term

from councilsearch import store
from councilsearch.answer import ask, kinds, question_type, read_question, scoring
from councilsearch.answer.abbreviations import abbreviation_alternatives, long_form_before
from councilsearch.answer.question import counted_stems
from councilsearch.model import Paper, Paragraph


def _minutes(pid, date, paragraphs, heading="Matters Arising", title=None) -> Paper:
    return Paper(id=pid, source=f"{pid}.pdf", format="pdf", committee="Ashcombe Parish Council",
                 council="Ashcombe Parish Council", date=date, title=title or f"Minutes {date}",
                 doc_type="minutes",
                 paragraphs=[Paragraph(text, 1, "", heading, str(n)) for n, text in enumerate(paragraphs, 1)])


# --- how many ---------------------------------------------------------------------------

@pytest.mark.parametrize("question, counted", [
    ("How many submissions came in on the market house consultation?", {"submiss"}),
    ("How many extra forms of entry does the plan need?", {"extra", "form"}),
    ("What number of objections were received?", {"object"}),
    ("When is the next meeting?", set()),
])
def test_the_thing_counted_is_read_from_the_question(question, counted):
    assert counted_stems(question) == counted


@pytest.mark.parametrize("sentence, score", [
    ("36 submissions were received during the public consultation.", 1.0),
    ("There were 36 written submissions.", 1.0),
    # A number of something else is a weaker answer ...
    ("The consultation ran for 6 weeks.", kinds.OTHER_NUMBER_SCORE),
    # ... and the numbers of dates, times, sums and references none.
    ("A special meeting will take place on Thursday 1st February at 3pm.", 0.0),
    ("The report was noted on 12 March 2031.", 0.0),
    ("The works cost £300.", 0.0),
    ("See item 4 of the agenda.", 0.0),
])
def test_a_count_answer_gives_the_number_of_the_things_counted(sentence, score):
    counted = counted_stems("How many submissions came in?")
    assert kinds.expected_answer_score("count", sentence, frozenset(), counted) == score


def test_how_many_is_answered_by_the_count_not_by_the_meeting_date(tmp_path):
    store.add_papers(str(tmp_path), [
        _minutes("jan", "2031-01-18", [
            "Market House consultation: a special meeting on the Market House would take place on "
            "Thursday 1st February at 3pm, before the monthly meeting."]),
        _minutes("feb", "2031-02-01", [
            "The officer outlined that 36 submissions were received during the consultation on the "
            "Market House and all were favourable."]),
    ])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "How many submissions came in on the Market House consultation?")
    assert result["answers"][0]["paper_id"] == "feb"


# --- label paragraphs ----------------------------------------------------------------------

@pytest.mark.parametrize("text, label", [
    ("Fernhill Park Library: Reopening and Provision of Café", True),
    ("£1 million Infrastructure Improvement Fund", True),
    ("It was agreed to write to the library service.", False),
    ("The chair reported that the library would reopen in June after works to the roof and "
     "that no café would be provided", False),
])
def test_a_short_label_without_a_full_stop_is_a_headline(text, label):
    assert scoring.is_headline(text) is label


LIBRARY_MINUTES = [
    "Apologies were received from two members.",
    "Fernhill Park Library: Reopening and Provision of Café",
    "Members present reiterated their understanding that the building would reopen in June.",
    "It was AGREED to write to the Chief Executive deploring the breach of trust.",
    "Bus shelters: the shelter on Main Street has been repaired.",
]


def test_the_minutes_under_a_label_answer_for_its_topic(tmp_path):
    # The decision two paragraphs below the label names neither the library nor the café;
    # the label above it says what it is about.
    store.add_papers(str(tmp_path), [_minutes("may", "2031-05-24", LIBRARY_MINUTES)])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "What did the council decide about the café at the Fernhill Park Library?")
    assert result["answered"]
    assert "AGREED to write" in result["answers"][0]["text"]


def test_a_label_reaches_only_the_paragraphs_under_its_own_heading():
    label = scoring.Candidate({"paper_id": "p", "ordinal": 1, "heading": "A", "body": "Library Café"}, 1.0)
    under = scoring.Candidate({"paper_id": "p", "ordinal": 2, "heading": "A", "body": "Noted."}, 1.0)
    same = scoring.Candidate({"paper_id": "p", "ordinal": 3, "heading": "A", "body": "It was agreed."}, 1.0)
    other = scoring.Candidate({"paper_id": "p", "ordinal": 3, "heading": "B", "body": "It was agreed."}, 1.0)
    for cand, expected in ((same, label), (other, None)):
        by_position = {(c.fields["paper_id"], c.fields["ordinal"]): c for c in (label, under, cand)}
        assert scoring._headline_before(cand, by_position) is expected


# --- initials the papers define -------------------------------------------------------------

@pytest.mark.parametrize("text, letters, long_form", [
    ("The Joint Policing Committee (JPC) met in March.", "JPC", "Joint Policing Committee"),
    ("through the No Use Empty (NUE) programme", "NUE", "No Use Empty"),
    ("the Department for Education (DfE) said", "DFE", "Department for Education"),
    ("the Society of Local Council Clerks (SLCC)", "SLCC", "Society of Local Council Clerks"),
    ("the council (JPC) agreed", "JPC", None),
])
def test_the_long_form_before_initials_in_brackets(text, letters, long_form):
    assert long_form_before(text, letters) == long_form


def _greenway_papers() -> list[Paper]:
    return [
        _minutes("terms", "2031-01-10", [
            "The Greenway Maintenance Partnership (GMP) is a joint body of the three councils.",
            "The hedges along the old railway line were cut in October."], heading="Outside bodies"),
        _minutes("grants", "2031-03-10", [
            "It was agreed that the Greenway Maintenance Partnership would receive a grant of £2,400.",
            "The clerk will write to the bowls club about its lease."], heading="Grants"),
    ]


def test_initials_in_a_question_find_the_paragraph_that_spells_them_out(tmp_path):
    store.add_papers(str(tmp_path), _greenway_papers())
    with store.open_index(str(tmp_path)).searcher() as searcher:
        assert abbreviation_alternatives(searcher, "How much did the GMP get?") == {
            ("gmp",): (("greenway", "mainten", "partnership"),)}
        assert abbreviation_alternatives(searcher, "How much did the Greenway get?") == {}
        reading = read_question(searcher, "How much did the GMP get?")
        assert ("greenway", "mainten", "partnership") in reading.terms[0].alternatives
        result = ask(searcher, "How much will the GMP get?")
    assert any("£2,400" in a["text"] for a in result["answers"])


def test_without_the_defined_long_form_the_grant_is_not_found(tmp_path, monkeypatch):
    # The grant minute never writes "GMP": only the definition joins the two.
    from councilsearch.answer import question as question_step

    monkeypatch.setattr(question_step, "abbreviation_alternatives", lambda searcher, question: {})
    store.add_papers(str(tmp_path), _greenway_papers())
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "How much will the GMP get?")
    assert not any("£2,400" in a["text"] for a in result["answers"])


# --- what the question asks for ---------------------------------------------------------------

@pytest.mark.parametrize("question, qtype", [
    ("Which option did the council back for closing the road?", "decision"),
    ("Which external audit arrangement did the parish opt into in 2031?", "decision"),
    ("What did the community council do about the café?", "decision"),
    ("What was the council's answer to the motion on parking permits?", "decision"),
    ("What hourly rate was the clerk paid in 2031?", "amount"),
    ("What band D council tax did the parish set for 2031/32?", "amount"),
    ("Will the parish council grant new licences to cross the village green?", "decision"),  # the verb
    ("Did the council grant planning permission for the barn?", "decision"),
    ("What grant did the council give the scouts?", "amount"),  # the sum
])
def test_wordings_that_ask_for_a_decision_or_a_sum(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("question, sentence, role_named", [
    ("Who put forward the budget amendment?", "Directorate: Finance Proposer: Ann Lee Seconder: Tom Hale", True),
    ("Who moved the motion on bus passes?", "Mover: Cllr Ann Lee", True),
    # To move a motion is to propose it: the form names its proposer.
    ("Who moved the alternative budget amendment?", "Directorate: All Proposer: Mr Ann Lee Seconder: Mrs Tom Hale", True),
    ("Who seconded the amendment?", "Proposer: Ann Lee Seconder: Tom Hale", True),
    # A proposer is no answer to who chairs.
    ("Who chairs the committee?", "Proposer: Ann Lee", False),
])
def test_who_put_forward_a_motion_is_answered_by_its_proposer(question, sentence, role_named):
    words = frozenset(question.lower().rstrip("?").split())
    assert kinds.role_beside_name(sentence, words) is role_named


def _town_hall_papers() -> list[Paper]:
    return [
        _minutes("survey", "2031-05-07", [
            "The town hall meeting will let residents share concerns, suggestions and insights into "
            "the township's operations at the town hall meeting."]),
        _minutes("notice", "2031-06-04", [
            "In keeping with the schedule, a town hall meeting is to be held on Wednesday, July 17, "
            "2031 in the community centre."]),
    ]


def test_when_is_answered_by_the_paragraph_that_gives_a_date(tmp_path):
    store.add_papers(str(tmp_path), _town_hall_papers())
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "When is the town hall meeting?")
    assert result["answers"][0]["paper_id"] == "notice"


@pytest.mark.parametrize("sentence", [
    "a town hall meeting is to be held on Wednesday, July 17, 2031",
    "the first meeting since lockdown on Tuesday, 14th July, at 7pm",
    "the meeting was brought forward to the 11th March, 2031",
    "Residents will be eligible to vote between 12 August and 29 August.",
    # Scanned agendas read a raised "th" as a quote mark or a trade mark sign.
    'You are requested to attend the Annual Meeting on Wednesday, 26" June, 2031, at noon.',
    "to be held in the Council Chamber on Tuesday 25™ June, 2031 at 9.30 a.m.",
])
def test_dates_as_minutes_write_them_answer_when(sentence):
    assert kinds.expected_answer_score("date", sentence) == 1.0


@pytest.mark.parametrize("sentence", ["The clerk may 5 times a year report.", "the 2nd may be late",
                                      'a 26" screen for the hall'])
def test_may_the_verb_is_no_date(sentence):
    assert kinds.expected_answer_score("date", sentence) == 0.0


def _scores_with(searcher, monkeypatch, question, paper_id, name, values) -> list[float]:
    """The score of the paper's one paragraph for question, with scoring.<name> set to each value."""
    reading = read_question(searcher, question)
    hit = next(iter(searcher.search(Term("paper_id", paper_id) & Term("kind", "para"))))
    scores = []
    for value in values:
        monkeypatch.setattr(scoring, name, value)
        cand = scoring.Candidate(dict(hit.fields()), 1.0)
        scoring.score_candidate(reading, cand, 1.0, "")
        scores.append(cand.score)
    return scores


@pytest.mark.parametrize("qtype_question", ["When is the town hall meeting?", "Who chairs the town hall meeting?"])
def test_a_paragraph_without_the_kind_of_answer_asked_for_is_discounted(tmp_path, monkeypatch, qtype_question):
    store.add_papers(str(tmp_path), _town_hall_papers()[:1])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        scores = _scores_with(searcher, monkeypatch, qtype_question, "survey",
                              "VALUE_TYPES", (scoring.VALUE_TYPES, ()))
    assert scores[0] == pytest.approx(scoring.NO_VALUE_FACTOR * scores[1])


@pytest.mark.parametrize("text, asking", [
    ("“I will ask at the next meeting when the electric vehicle points will be available.”", True),
    ("Can the Chair of the Scrutiny Committee comment on what work has been done?", True),
    ("Question by Ann Lee to Tom Hale, Cabinet Member for Health", True),
    ("| will move at the next Meeting that a bench be placed beside the pond.", True),  # scanned
    ("! will ask at the next meeting when the bus shelter will be repaired.", True),
    ("1 will be away for the next meeting.", False),
    ("The points will be available in Q3 2031.", False),
    ("What the council decided was to proceed.", False),
])
def test_a_members_question_asks_rather_than_answers(text, asking):
    assert scoring.is_asking(text) is asking


def test_the_reply_below_a_members_question_answers_it(tmp_path):
    store.add_papers(str(tmp_path), [_minutes("march", "2031-03-21", [
        "“I will ask at the next meeting of the District when the fast electric vehicle chargers in "
        "Ashcombe and Brook will be available to the public.”",
        "REPLY: Installation works are complete and the chargers will be available at these pilot "
        "sites in Q3 2031, once the network operator connects them.",
    ], heading="Questions")])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "When will the fast EV chargers in Ashcombe and Brook be available?")
    assert result["answers"][0]["text"].startswith("REPLY")


def test_a_members_question_counts_less_than_an_answer_would(tmp_path, monkeypatch):
    question_text = ("“I will ask at the next meeting of the District when the fast electric vehicle "
                     "chargers will be available.”")
    store.add_papers(str(tmp_path), [_minutes("march", "2031-03-21", [question_text], heading="Questions")])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        scores = _scores_with(searcher, monkeypatch, "Who asked about the fast chargers?", "march",
                              "is_asking", (scoring.is_asking, lambda text: False))
    assert scores[0] == pytest.approx(scoring.HEADLINE_FACTOR * scores[1])
