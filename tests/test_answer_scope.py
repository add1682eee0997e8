"""Fourth-round answer recall: the council a question names scopes a search of its
own ("Has anyone offered land for parking at the Ashcombe school?" is answered by
a minute that never says "Ashcombe"), and a budget set for a financial year is
looked for in the months before that year begins.

Hand-written council-style papers in a real Whoosh index on disk (tmp_path).
"""

from __future__ import annotations

import pytest

from councilsearch import answer, store
from councilsearch.answer import ask, councils_named, kinds, question_period, retrieval, scoring
from councilsearch.answer import question as question_step
from councilsearch.model import Paper, Paragraph

COUNCILS = ["Ashcombe Parish Council", "Kent County Council", "Wye Valley Community Council",
            "Township of Nipissing"]


@pytest.mark.parametrize("question, named", [
    ("Has anyone offered land for parking at the Ashcombe school?", ("Ashcombe Parish Council",)),
    ("Has KCC taken a position on the airport?", ("Kent County Council",)),
    ("Did Kent agree the budget?", ("Kent County Council",)),
    ("Who became mayor of Nipissing?", ("Township of Nipissing",)),
    ("What did the Wye Valley council decide about the footpath?", ("Wye Valley Community Council",)),
    # Council-kind words and lower-case words name no council in particular.
    ("What did the parish council decide about the valley footpath?", ()),
    ("Who chairs the County Council?", ()),
])
def test_councils_named_by_their_own_words_or_initials(question, named):
    assert councils_named(question, COUNCILS)[0] == named


def test_the_words_naming_the_council_are_kept_apart():
    councils, stems = councils_named("Has Ashcombe ever sold land?", COUNCILS)
    assert councils == ("Ashcombe Parish Council",) and stems == {"ashcomb"}


@pytest.mark.parametrize("question, period", [
    ("What precept did the parish set for 2031/32?", ("2030-10-01", "2031-03-31")),
    ("What band D council tax was agreed for 2031-32?", ("2030-10-01", "2031-03-31")),
    ("Which budget did the council approve for 2031/2032?", ("2030-10-01", "2031-03-31")),
    # Not a budget being set: a financial year is written about all through it.
    ("What was the overspend in 2031/32?", None),
    # Seasons are parts of the year; winter runs into the next one.
    ("How many families did the team support in autumn 2031?", ("2031-09-01", "2031-11-30")),
    ("Were the roads gritted in the winter of 2031?", ("2031-12-01", "2032-02-31")),
])
def test_a_budget_set_for_a_financial_year_is_looked_for_before_it(question, period):
    assert question_period(question) == period


def _minutes(pid, council, date, paragraphs) -> Paper:
    return Paper(id=pid, source=f"{pid}.pdf", format="pdf", committee=council, council=council,
                 date=date, title=f"Minutes of the meeting of {council}", doc_type="minutes",
                 paragraphs=[Paragraph(text, 1, str(n), "", str(n)) for n, text in enumerate(paragraphs, 1)])


def _monthly(count: int, lines, council: str = "Ashcombe Parish Council") -> list[Paper]:
    """count monthly minutes of council, each of the lines (formatted with the meeting's number n)."""
    return [_minutes(f"m{n}", council, f"2031-{1 + n % 12:02d}-05", [line.format(n=n) for line in lines])
            for n in range(count)]


def _parking_papers() -> list[Paper]:
    """Ashcombe's minutes name Ashcombe and parking often; the one that answers names neither
    Ashcombe nor the school's name, and another council's minutes talk of offered land."""
    papers = []
    for n in range(8):
        papers.append(_minutes(f"ash{n}", "Ashcombe Parish Council", f"2031-{n + 1:02d}-05", [
            f"Parking on the Ashcombe green was raised again by residents at meeting {n}.",
            "Ashcombe Parish Council noted the Ashcombe school run causes parking on verges.",
        ]))
        papers.append(_minutes(f"dun{n}", "Dunmere Town Council", f"2031-{n + 1:02d}-07", [
            f"The landowner offered land at Mill Farm for allotments at meeting {n}.",
            "Land offered for the cemetery extension was accepted; parking there was discussed.",
        ]))
    # A run-on minute: BM25's length norm buries it below every short mention.
    papers.append(_minutes("answer", "Ashcombe Parish Council", "2031-10-05", [
        "Matters arising: the Clerk reported that the bus shelter repair is booked for next "
        "month and the contractor has confirmed the price. The grass cutting contract was "
        "reviewed and members asked for a second quote before the renewal in the spring. "
        "Cllr Rowe offered to donate land beside the school for additional parking. The "
        "Clerk will write to the county council about the state of the footway on Church "
        "Lane, the overgrown hedge at the allotments and the faded lines at the crossroads, "
        "and will report back on the cost of replacing the noticeboard by the post office.",
    ]))
    return papers


def _clerk_papers() -> list[Paper]:
    """Years of Ashcombe minutes where the Clerk took on things, another council's 2031 letters
    to Ashcombe's Clerk, and the one 2031 minute saying who the new Clerk is, which names
    neither Ashcombe nor the year."""
    papers = []
    for year in range(2026, 2032):
        for month in (3, 6, 9):
            took = f"The Clerk took on the grass cutting contract for Ashcombe Parish Council in {year}."
            papers.append(_minutes(f"a{year}{month}", "Ashcombe Parish Council", f"{year}-{month:02d}-05", [
                took if year < 2031 else "The Clerk reported on the verges.",
            ]))
    for month in (2, 4, 8, 10):
        papers.append(_minutes(f"d{month}", "Dunmere Town Council", f"2031-{month:02d}-07", [
            "Dunmere Town Council wrote to the Clerk of Ashcombe Parish Council about the boundary.",
        ]))
    papers.append(_minutes("new-clerk", "Ashcombe Parish Council", "2031-07-05", [
        "The chairman introduced Jo Penrose, who took over as Clerk and Responsible Financial "
        "Officer in the spring.",
    ]))
    return papers


def test_the_named_councils_paragraphs_of_the_named_year_join_the_candidates(tmp_path, monkeypatch):
    # Small pools, as at 10,000 papers: the council's other years and another council's
    # letters of that year outrank the answer in the searches without both.
    for name, value in (("CANDIDATES", 4), ("PER_RARE_TERM", 2), ("PER_COUNCIL", 3),
                        ("PER_PERIOD", 3), ("PER_PERIOD_LONG", 0), ("PER_PAPER", 1)):
        monkeypatch.setattr(retrieval, name, value)
    store.add_papers(str(tmp_path), _clerk_papers())
    question = "Who took over as clerk of Ashcombe Parish Council in 2031?"
    assert "Jo Penrose" in _top_paragraph(tmp_path, question)
    # Without the council's search inside that year the answer is never a candidate.
    monkeypatch.setattr(retrieval, "_period_docnums", lambda searcher, period: set())
    assert "Jo Penrose" not in _top_paragraph(tmp_path, question)


def _top_paragraph(tmp_path, question):
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, question)
    return result["answers"][0]["paragraph_text"] if result["answers"] else ""


def test_the_named_councils_own_paragraphs_join_the_candidates(tmp_path, monkeypatch):
    # A small index-wide pool, as at 10,000 papers where the top 60 fill with the council's name.
    monkeypatch.setattr(retrieval, "CANDIDATES", 4)
    monkeypatch.setattr(retrieval, "PER_RARE_TERM", 2)
    store.add_papers(str(tmp_path), _parking_papers())
    # (Asked as "did anyone": a "has anyone" question is a precedent one, and its scoring is not
    # what this test is about.)
    question = "Did anyone offer land to ease parking at the Ashcombe school?"
    assert "Cllr Rowe" in _top_paragraph(tmp_path, question)
    # Without the council's own search the answer is never a candidate: the test can fail.
    monkeypatch.setattr(retrieval, "PER_COUNCIL", 0)
    assert "Cllr Rowe" not in _top_paragraph(tmp_path, question)


def test_a_part_of_the_year_is_no_word_a_paper_must_hold():
    words = answer.content_words("How much was in reserve in early 2031?").lower().split()
    assert "early" not in words
    assert "autumn" not in answer.content_words("Who helped in autumn 2031?").lower() and question_period("How much was in reserve in early 2031?") == (
        "2031-01-01", "2031-04-30")


def _reading_of(tmp_path, question):
    store.add_papers(str(tmp_path), [_minutes("one", "Ashcombe Parish Council", "2031-01-05", [
        "The fire service bought new SCBA sets; the litter picking group bought equipment.",
    ])])
    with store.open_index(str(tmp_path)).searcher() as searcher:
        return answer.read_question(searcher, question)


def test_a_phrase_with_an_acronym_gives_it_to_its_words(tmp_path):
    reading = _reading_of(tmp_path, "How much did the new breathing apparatus cost?")
    by_stem = {t.stem: t for t in reading.terms}
    assert ("scba",) in by_stem["breath"].alternatives
    assert ("scba",) in by_stem["apparatus"].alternatives


def _grant_papers() -> list[Paper]:
    papers = _monthly(10, ["Grants: the Clerk reported on the grant scheme and the equipment store at meeting {n}.",
                           "Litter on the playing field was reported to the district council."])
    # A long payments minute: the answer names the group's litter picking, written apart.
    papers.append(_minutes("pay", "Ashcombe Parish Council", "2031-11-05", [
        "Payment of accounts: the invoices for grass cutting and the hall were approved and the "
        "Clerk reported that the insurance renewal is due in the spring. Members agreed to "
        "authorise a grant of £350 to Ms Ada Finch so that the village litter picking group can "
        "buy equipment. The bank reconciliation was signed by the Chair and the Clerk will chase "
        "the outstanding VAT refund and the repairs to the noticeboard by the shop.",
    ]))
    return papers


def test_a_hyphenated_question_word_finds_it_written_apart(tmp_path, monkeypatch):
    monkeypatch.setattr(retrieval, "CANDIDATES", 4)
    monkeypatch.setattr(retrieval, "PER_RARE_TERM", 2)
    monkeypatch.setattr(retrieval, "TOP_PAPERS", 1)
    store.add_papers(str(tmp_path), _grant_papers())
    question = "Who got the grant for litter-picking equipment?"
    assert "Ada Finch" in _top_paragraph(tmp_path, question)
    # The question read as before; only the search leaves the words written apart out.
    with store.open_index(str(tmp_path)).searcher() as searcher:
        reading = answer.read_question(searcher, question)
        monkeypatch.setattr(retrieval, "_hyphen_parts", lambda stem: ())
        pool = answer.retrieve(searcher, reading, None)
    assert not any("Ada Finch" in c.fields["body"] for c in pool)


def test_a_question_about_plans_looks_at_the_months_before_the_period_too():
    period = ("2031-01-01", "2031-12-31")
    # "When is the first meeting of 2031?": the December 2030 minutes list next year's dates.
    assert scoring._period_boost(period, "2030-12-08", ahead=True) == scoring.PERIOD_LAG_BOOST
    assert scoring._period_boost(period, "2030-12-08") == 1.0
    assert scoring._period_boost(period, "2030-03-08", ahead=True) == 1.0  # too long before
    assert scoring._AHEAD.search("When is the first joint policing meeting of 2031?")
    assert not scoring._AHEAD.search("When did the council meet in 2031?")
    ahead = answer.Reading("When is the first meeting of 2031?", "date", [], period=period)
    past = answer.Reading("When did the first meeting of 2031 take place?", "date", [], period=period)
    assert scoring._date_boost(ahead, "2030-12-08", "2031-06-01") == scoring.PERIOD_LAG_BOOST
    assert scoring._date_boost(past, "2030-12-08", "2031-06-01") == 1.0


def _renamed_council_papers() -> list[Paper]:
    """One collection whose council was renamed: Dene Parish Council became Ashcombe Parish Council."""
    papers = []
    for n, (council, year) in enumerate([("Dene Parish Council", 2029)] * 3 + [("Ashcombe Parish Council", 2031)] * 5):
        paper = _minutes(f"m{n}", council, f"{year}-{n + 1:02d}-05", [
            f"The Clerk reported on the grass cutting and the footpaths at meeting {n}.",
        ])
        paper.source, paper.source_folder = f"ashcombe-pc/minutes/m{n}.pdf", "ashcombe-pc"
        papers.append(paper)
    papers[5].paragraphs.append(Paragraph(
        "It was agreed to set aside £4,000 in the budget towards removing the asbestos from the hall loft.",
        1, "2", "", "2"))
    # Another collection's council, whose papers must not answer for Dene.
    other = _minutes("o1", "Fenwick Town Council", "2031-02-02", [
        "Fenwick agreed £9,000 towards removing asbestos from the hall loft of the old school."])
    other.source, other.source_folder = "fenwick-tc/minutes/o1.pdf", "fenwick-tc"
    return papers + [other]


def test_a_council_answers_for_its_other_name_in_the_same_collection(tmp_path, monkeypatch):
    store.add_papers(str(tmp_path), _renamed_council_papers())
    question = "How much did Dene budget towards getting the asbestos out of the hall loft?"
    assert "£4,000" in _top_paragraph(tmp_path, question)
    # Without the collection, the minute under the new name lacks "Dene": it is no sure answer.
    monkeypatch.setattr(question_step, "FOLDER_SHARE", 1.5)
    assert "£4,000" not in _top_paragraph(tmp_path, question)


def test_a_question_whose_main_word_no_paper_holds_is_not_answered(tmp_path, monkeypatch):
    papers = _monthly(60, ["The Clerk reported on funding for the recreation ground grass cutting at meeting {n}.",
                           "Residents asked about the bins and the bus timetable."])
    papers.append(_minutes("funding", "Ashcombe Parish Council", "2031-11-05", [
        "The council approved funding for new play equipment at the recreation ground in Ashcombe.",
    ]))
    store.add_papers(str(tmp_path), papers)
    # "skatepark" is in no paper and weighs most: play equipment funding is no answer.
    question = "Did Ashcombe approve funding for a skatepark at the recreation ground?"
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, question)
        assert not result["answered"], result["answers"]
        assert result["related"]  # the nearest papers are still offered
        monkeypatch.setattr(scoring, "HEAVY_SHARE", 1.01)
        # (The council's name counted as evidence again: test_answer_coverage's own rule refuses too.)
        monkeypatch.setattr(question_step.Reading, "council_share", 0.0)
        assert ask(searcher, question)["answered"]  # the test can fail


@pytest.mark.parametrize("sentence, beside", [
    ("Present: Cllrs. Ferris (Chair), Doyle, Quinlan.", True),
    ("In the Chair: Cllr Ann Lee", True),
    ("Chair - Cllr Ann Lee", True),
    ("The Chair thanked Ms. Okafor for her report.", False),  # a role and a name, not together
    ("Cllr Ann Lee (Vice-Chair) and Cllr Bo Hu", False),  # another role
    ("Deputy Chair: Cllr Bo Hu", False),
    ("Chair - The meeting opened at 7pm", False),  # no name after the role
    ("Report of the Chair: Planning Committee", False),  # a body, not a person
    ("Finance Update (Treasurer)", False),  # a heading, not a person
])
def test_a_name_beside_the_role_asked_about(sentence, beside):
    asked = frozenset("who chairs the planning committee".split())
    assert answer.role_beside_name(sentence, asked) is beside


def _scores_by_text(tmp_path, question):
    with store.open_index(str(tmp_path)).searcher() as searcher:
        reading = answer.read_question(searcher, question)
        ranked = answer.rank(reading, answer.retrieve(searcher, reading, None))
    return {c.fields["body"].split()[0]: c.score for c in ranked}


def test_who_chairs_is_answered_from_the_attendance_list(tmp_path, monkeypatch):
    papers = _monthly(6, ["Present: Cllrs. Ferris (Chair), Doyle, Quinlan and Moran.",
                          "The Chair thanked Ms. Okafor for her presentation on the accounts {n}."],
                      council="Planning Committee")
    store.add_papers(str(tmp_path), papers)
    question = "Who chairs the planning committee?"
    assert "Ferris (Chair)" in _top_paragraph(tmp_path, question)
    scores = _scores_by_text(tmp_path, question)
    assert scores["Present:"] > scores["The"]
    # A name beside the role is what puts the list first: as any titled name, it does not.
    monkeypatch.setattr(kinds, "ROLE_NAME_SCORE", 1.0)
    scores = _scores_by_text(tmp_path, question)
    assert scores["Present:"] <= scores["The"]


@pytest.mark.parametrize("minute,question,answer,rules", [
    # "NHS" is in the table of other phrasings (and has the name's initials too).
    ("The NHS asked the council for a room in the village hall for a weekly clinic.",
     "What did the National Health Service ask the council for?", "weekly clinic",
     ("_written_otherwise", "_initials_written")),
    # No table knows "RPA": the question's capitalised name, spelt out, has those initials.
    ("The RPA asked the council for a grant towards new swings on the recreation ground.",
     "What did the Riverside Play Association ask the council for?", "new swings",
     ("_initials_written",)),
])
def test_a_name_written_as_its_initials_is_there(tmp_path, monkeypatch, minute, question, answer, rules):
    papers = _monthly(6, ["The Clerk reported on the grass cutting and the footpaths at meeting {n}."])
    papers.append(_minutes("named", "Ashcombe Parish Council", "2031-09-05", [minute]))
    store.add_papers(str(tmp_path), papers)
    assert answer in _top_paragraph(tmp_path, question)
    for rule in rules:  # without them the name is missing: the test can fail
        monkeypatch.setattr(scoring, rule, lambda *args: False)
    assert answer not in _top_paragraph(tmp_path, question)


def _kept_papers(*paragraphs) -> list[str]:
    """The paper ids distinct() keeps of (text, paper id) candidates ranked in that order."""
    kept = answer.distinct([answer.Candidate({"body": text, "paper_id": pid}, 1.0) for text, pid in paragraphs])
    return [c.fields["paper_id"] for c in kept]


def test_near_copies_of_a_paragraph_take_one_place():
    minute = ("After the Clerk summarised the three quotations received and members discussed the "
              "condition of the building, it was resolved to accept the quotation of £4,500 from "
              "Hartley Roofing for the hall roof {}.")
    final, draft = minute.format("repairs"), minute.format("repair")
    other = "It was resolved to accept the quotation of £900 from Dale Fencing for the play area fence."
    assert _kept_papers((final, "approved"), (draft, "draft"), (other, "later")) == ["approved", "later"]


def test_a_recurring_minute_with_another_figure_is_no_copy():
    minute = ("After the Clerk presented the draft budget and members discussed the reserves and "
              "the projects planned for the coming year, it was resolved to set the precept at {} "
              "and to notify the district council of the figure before the deadline.")
    assert _kept_papers((minute.format("£5,500"), "2031"), (minute.format("£6,000"), "2032")) == ["2031", "2032"]


def test_a_council_excuses_only_its_own_name(tmp_path):
    # "Ashcombe and Fenwick": an Ashcombe minute without "Fenwick" does not answer for both.
    store.add_papers(str(tmp_path), _renamed_council_papers())
    with store.open_index(str(tmp_path)).searcher() as searcher:
        reading = answer.read_question(searcher, "What did Ashcombe and Fenwick pay for the asbestos?")
        assert set(reading.councils) == {"Ashcombe Parish Council", "Fenwick Town Council"}
        assert reading.naming["ashcombe-pc"] == {"ashcomb"}
        assert reading.naming["Fenwick Town Council"] == {"fenwick"}


@pytest.mark.parametrize("question, names", [
    ("Was the library named after Donogh O'Malley?", ["donogh", "o'malley"]),  # the index's own token
    ("Did Cllr O’Hanlon second it?", ["o'hanlon"]),
    ("What is the view of Kent's leader on Gatwick?", ["kent", "gatwick"]),  # without the possessive
    # An ordinal is no name: the minute says "World War 1".
    ("When was the beacon for the First World War centenary lit?", ["world", "war"]),
])
def test_names_with_an_apostrophe_stay_whole(question, names):
    assert answer.proper_names(question) == names


@pytest.mark.parametrize("sentence, question, appointed", [
    ("It was resolved to employ Helen Ash (Chartered Accountant) as Internal Auditor.",
     "Who did the council take on as its internal auditor?", True),
    ("Ann Lee is appointed the Mayor of the Township.", "Who took over as mayor?", True),
    ("It was agreed to appoint Mr John Hale as the Clerk.", "Who is the clerk?", True),
    ("Ann Lee was elected as Vice Mayor.", "Who took over as mayor?", False),  # another role
    ("The Council appointed the auditor.", "Who is the internal auditor?", False),  # nobody named
    ("It was agreed to appoint Mr John Hale as the Clerk.", "Who is the internal auditor?", False),
    # The role before the name, and a new officer introduced or welcomed as the role.
    ("The Secretary of State appointed Planning Inspector Rhian Okafor to examine the Plan.",
     "Which planning inspector examined the plan?", True),
    ("The Chair introduced Tom Penrose as the newly appointed Clerk.", "Who took over as clerk?", True),
    ("The Chair welcomed Tom Penrose as the new Clerk.", "Who took over as clerk?", True),
    ("The Chair introduced the item on the Clerk's hours.", "Who took over as clerk?", False),
    ("The Planning Inspector's Report on the Examination of the Plan was received.",
     "Which planning inspector examined the plan?", False),
])
def test_an_appointment_to_the_role_asked_about(sentence, question, appointed):
    words = frozenset(w.lower() for w in question.rstrip("?").split())
    assert answer.appointed_to_role(sentence, words) is appointed


def test_which_firm_was_chosen_finds_the_contract_awarded(tmp_path, monkeypatch):
    papers = _monthly(8, ["The Clerk reported on the village signs and the noticeboards at meeting {n}.",
                          "Residents asked for the new signs to match the old ones."])
    papers.append(_minutes("award", "Ashcombe Parish Council", "2031-10-05", [
        "After the tenders were opened it was resolved to award the contract for the new village "
        "signs to Bellbrook Joinery Ltd.",
    ]))
    store.add_papers(str(tmp_path), papers)
    question = "Which firm was chosen to make the new village signs?"
    assert "Bellbrook Joinery" in _top_paragraph(tmp_path, question)
    # Without the question-to-paper phrasings ("chosen" -> "awarded") it is not found.
    monkeypatch.setattr(question_step, "expansions", lambda: {})
    assert "Bellbrook Joinery" not in _top_paragraph(tmp_path, question)


@pytest.mark.parametrize("sentence, dated", [
    ("The hubs would be installed, after consultation, from April onwards.", True),
    ("Works are planned for the end of March.", True),
    ("The March meeting discussed the hubs.", False),  # a meeting named, not a when
    ("We may install the hubs.", False),  # "may" the verb
])
def test_a_month_on_its_own_answers_when(sentence, dated):
    assert bool(answer.expected_answer_score("date", sentence)) is dated
