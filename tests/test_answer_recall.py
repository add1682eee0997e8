"""Third-round answer ranking: answers the question's own words would miss.

Compound words the question splits ("called in" / call-in), financial years
spelt another way (2031/32 / 2031/2032), the paper whose title names the
meeting asked about, run-on minutes holding a rare word, and figures for
"how much" questions. Invented council papers in a real Whoosh index on disk.
"""

from __future__ import annotations

import pytest

from councilsearch import answer, store
from councilsearch.answer import ask, retrieval, scoring, year_span_forms
from councilsearch.answer import question as question_step
from councilsearch.model import Paper, Paragraph


def _paper(pid, title, date, paragraphs, committee="Brackenfold Town Council", doc_type="minutes") -> Paper:
    return Paper(id=pid, source=f"{pid}.pdf", format="pdf", committee=committee, date=date,
                 title=title, doc_type=doc_type,
                 paragraphs=[Paragraph(text, 1, str(n), "", str(n)) for n, text in enumerate(paragraphs, 1)])


def _filler(count: int, date_year: int = 2030) -> list[Paper]:
    """Ordinary monthly minutes, so that the question's words have realistic rarity."""
    topics = ["allotment rents", "the bus shelter on Mill Lane", "grass cutting contracts",
              "the war memorial railings", "street lighting repairs", "the village hall roof",
              "litter picking volunteers", "the footpath to Hob Wood"]
    papers = []
    for n in range(count):
        topic = topics[n % len(topics)]
        papers.append(_paper(f"filler{n}", f"Minutes of the Town Council meeting {n}",
                             f"{date_year}-{1 + n % 12:02d}-10", [
                                 f"The Chair welcomed members and the Clerk reported on {topic}.",
                                 f"Members discussed {topic} and asked the Clerk to obtain quotes.",
                                 "Our Chair thanked residents who had written to the council.",
                                 f"Invoices were approved for payment including {topic}.",
                             ]))
    return papers


def _ask(tmp_path, papers, question, **kw):
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        return ask(searcher, question, **kw)


def test_financial_year_spellings():
    assert set(year_span_forms("2031/32")) == {("2031-32",), ("2031/2032",), ("2031-2032",)}
    assert set(year_span_forms("1999-2000")) == {("1999-00",), ("1999/00",), ("1999/2000",)}
    assert year_span_forms("2031/2035") == ()  # two years, not a financial year
    assert year_span_forms("precept") == ()


def test_a_split_compound_finds_the_hyphenated_word(tmp_path, monkeypatch):
    papers = _filler(12) + [
        _paper("callin", "Scrutiny report on the Harbour Lights moorings decision", "2031-02-03", [
            "On 20 January the committee considered a call-in made by Cllr Petra Vance and "
            "Cllr Owen Marsh of the decision on the Harbour Lights moorings.",
            "The decision maker was the Cabinet Member for Coast and Countryside.",
        ], doc_type="report"),
        _paper("phone", "Minutes of the Harbour Board", "2031-02-10", [
            "Cllr Dana Holt asked officers to call the boat owners about the Harbour Lights moorings.",
        ]),
    ]
    question = "Which councillors called in the decision on the Harbour Lights moorings?"
    result = _ask(tmp_path, papers, question)
    assert result["answered"], result
    assert "Petra Vance" in result["answers"][0]["paragraph_text"]
    # Without the compound the other paper's "call" wins: the test can fail.
    monkeypatch.setattr(question_step, "compound_forms", lambda searcher, q: {})
    with store.open_index(str(tmp_path)).searcher() as searcher:
        without = ask(searcher, question)
    assert not without["answers"] or "Petra Vance" not in without["answers"][0]["paragraph_text"]


def test_both_words_of_a_split_compound_find_the_hyphenated_word(tmp_path):
    """"post van" is "post-van" in the minutes: the second word is found in it as well as the first."""
    papers = _filler(12) + [_paper("van", "Minutes of the Town Council meeting", "2031-03-10", [
        "The sorting office confirmed that the post-van would call at Hob Cross on Thursdays again."])]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        forms = question_step.compound_forms(searcher, "post van calling")
        reading = question_step.read_question(searcher, "post van calling at Hob Cross?")
    assert forms["post"] == (("post-van",),) and forms["van"] == (("post-van",),)
    assert "post-van" in next(t for t in reading.terms if t.stem == "van").spellings


@pytest.mark.parametrize("title, doc_type, paragraphs, question, expected", [
    # Papers record a loan; a member asks what was lent.
    ("Investment strategy", "report", [
        "A loan of £40,000 was made to Visit Brackenfold in 2030, to be repaid by 2035.",
        "Visit Brackenfold promotes the town to visitors and runs the summer festival.",
    ], "Has the council ever lent money to Visit Brackenfold?", "A loan of £40,000"),
    # Standing orders say meetings "end by"; a member asks when they must finish.
    ("Standing Orders", "policy", [
        "Meetings shall be held in the Town Hall unless the council resolves otherwise.",
        "Evening meetings shall commence at 19:00 and end by 21:30.",
        "The Chair may adjourn a meeting to a later date.",
    ], "What time must the council's evening meetings finish by?", "end by 21:30"),
    # The question's "Welsh" is the papers' "Wales" (a missing name would count against it).
    ("Minutes of the Town Council", "minutes", [
        "Elections Act 2031: the Local Elections (Wales) Act 2031 requires every council to adopt "
        "a training plan for members by 5 November 2032.",
        "Members noted a new Welsh language scheme for the town's notice boards and website.",
    ], "By when must Brackenfold adopt a training plan under the Welsh elections act?", "by 5 November 2032"),
])
def test_the_papers_phrasing_answers_the_members_wording(tmp_path, title, doc_type, paragraphs, question, expected):
    """answer_expansions.txt: a question word finds how the papers put it."""
    papers = _filler(20) + [_paper("phrased", title, "2031-02-13", paragraphs, doc_type=doc_type)]
    result = _ask(tmp_path, papers, question)
    assert result["answered"], result
    assert expected in result["answers"][0]["text"]


def test_a_sentence_cut_at_a_colon_is_answered_by_the_paragraph_finishing_it(tmp_path, monkeypatch):
    """"... it was RESOLVED that:" decides nothing by itself: the paragraph below it does."""
    papers = _filler(20) + [_paper("payroll", "Minutes of the Town Council meeting, May 2031", "2031-05-12", [
        "As the tax office now requires every council to run PAYE for its payroll, it was RESOLVED that:",
        "Tonks and Partners Ltd be instructed to undertake the council's payroll function.",
    ])]
    question = "What did Brackenfold decide about its payroll when the tax office required PAYE?"
    result = _ask(tmp_path, papers, question)
    assert result["answered"] and result["answers"][0]["text"].startswith("Tonks and Partners"), result
    # Without the rule the lead-in, holding every word of the question, comes first: the test can fail.
    monkeypatch.setattr(scoring, "is_lead_in", lambda text: False)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        without = ask(searcher, question)
    assert without["answers"][0]["text"].startswith("As the tax office")


def test_a_form_ending_in_an_empty_label_answers_in_its_own_words(tmp_path, monkeypatch):
    """An amendment form's last line is an empty label ("Proposed purpose:"), not a sentence
    cut at a colon: for "who", its own names answer, not the paragraph below the label."""
    papers = _filler(20) + [_paper("amend", "Budget amendments, Town Council, February 2031", "2031-02-13", [
        "Amendment 2 Harbour Group alternative budget Proposer: Cllr Mina Okafor "
        "Seconder: Cllr Lewis Brandt Proposed purpose:",
        "To amend the budget proposed by the Administration in line with the Harbour Group's "
        "alternative budget.",
    ], doc_type="report")]
    question = "Who moved the Harbour Group's alternative budget at the February budget meeting?"
    result = _ask(tmp_path, papers, question)
    assert result["answered"] and "Mina Okafor" in result["answers"][0]["paragraph_text"], result
    # Without the rule the form is read as a lead-in and lends its score to the paragraph
    # below, which names nobody: the test can fail.
    monkeypatch.setattr(scoring, "_holds_value", lambda reading, cand: False)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        without = ask(searcher, question)
    assert without["answers"][0]["text"].startswith("To amend the budget")


def test_a_refusal_names_the_question_words_no_paper_holds(tmp_path):
    """"Did the council approve the tram depot?" over papers never mentioning trams says so;
    a word the papers hold, a slip of one, a number or a contraction is not named."""
    store.add_papers(str(tmp_path), _filler(12))
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "Didn't the council approve the tram depot and its gantry at the bus shelter in 2031?")
        slip = question_step.unknown_words(searcher, question_step.read_question(
            searcher, "What happened to the bus sheltr?"))
    assert not result["answered"]
    assert result["message"].endswith("No indexed paper mentions “tram”, “depot” or “gantry”."), result["message"]
    assert slip == []


def test_a_financial_year_spelt_another_way_finds_a_run_on_minute(tmp_path):
    run_on = ("Finance: the draft budget had been circulated to councillors before the meeting and "
              "the Clerk answered questions on it. Transfer from the deposit account: members agreed "
              "to move £800 to the current account. 2031/2032 Precept - after a long discussion it "
              "was resolved to increase the precept to £6,200. Grass cutting: the contractor's "
              "invoice of £310 was approved. Correspondence: a letter from the county council about "
              "winter gritting routes was noted. The Clerk was asked to chase the bus shelter repair "
              "and to book the hall for the annual parish meeting.")
    papers = _filler(20) + [
        _paper("precept", "Minutes of the Town Council meeting, January 2031", "2031-01-15", [run_on]),
        _paper("figures", "Minutes of the Town Council meeting, December 2031", "2031-12-09", [
            "Members looked at the 2031/32 figures and the spending so far this year.",
            "The Clerk will prepare the precept request for the next year.",
        ]),
    ]
    result = _ask(tmp_path, papers, "What precept did Brackenfold set for 2031/32?")
    assert result["answered"], result
    assert "£6,200" in result["answers"][0]["text"]


def test_the_paper_whose_title_names_the_meeting_answers_who(tmp_path, monkeypatch):
    agm = _paper("agm", "Minutes of the Annual General Meeting", "2031-10-06", [
        "Apologies were received from two members.",
        "The chair was taken by the outgoing Chair until the election of office bearers, and "
        "for the rest of the meeting by the newly elected Chair: Morag Lindsay.",
        "The annual accounts were presented and approved.",
    ])
    # Every monthly meeting's minutes talk about the Chair and name the council.
    chaired = [_paper(f"month{n}", f"Minutes of the Town Council meeting {n}", f"2031-{1 + n % 12:02d}-03", [
        f"The Chair of Brackenfold Town Council opened meeting {n}; the Chair's report was "
        "received and the Chair answered questions from the public.",
        "Our Chair reported on the bin collections and the Chair thanked the Clerk.",
    ]) for n in range(40)]
    papers = _filler(10, 2031) + chaired + [agm]
    result = _ask(tmp_path, papers, "Who chairs Brackenfold Town Council after the 2031 AGM?")
    assert result["answered"], result
    assert any("Morag Lindsay" in a["paragraph_text"] for a in result["answers"][:3])
    # Without the title stage the AGM paper never joins the candidates.
    monkeypatch.setattr(retrieval, "titled_papers", lambda searcher, reading, filters: {})
    with store.open_index(str(tmp_path)).searcher() as searcher:
        without = ask(searcher, "Who chairs Brackenfold Town Council after the 2031 AGM?")
    assert not any("Morag Lindsay" in a["paragraph_text"] for a in without["answers"][:3])


@pytest.mark.parametrize("question", [
    "What is the ratio between the council's top salary and its median salary?",
    "How much is the ratio between the highest salary and the median salary?",
])
def test_a_value_question_prefers_the_paragraph_giving_the_figure(tmp_path, question):
    papers = _filler(10) + [
        _paper("pay", "Pay Policy Statement", "2031-03-01", [
            "The pay multiple is the ratio between the highest salary and the median salary of "
            "the council's workforce, as defined in the national transparency code.",
            "The council's pay multiple, its highest salary against the median, is now 7.4:1.",
        ], doc_type="report"),
    ]
    result = _ask(tmp_path, papers, question)
    assert result["answered"], result
    assert "7.4:1" in result["answers"][0]["text"]


def test_a_paragraph_without_a_figure_counts_less_for_how_much(tmp_path, monkeypatch):
    store.add_papers(str(tmp_path), _filler(4))
    with store.open_index(str(tmp_path)).searcher() as searcher:
        reading = answer.read_question(searcher, "How much did the council pay for the bus shelter?")

    def scored(text):
        cand = answer.Candidate({"body": text, "title": "Minutes", "paper_id": "x"}, bm25=1.0)
        answer.score_candidate(reading, cand, 1.0, "2031-01-01")
        return cand.score

    figure = scored("The council paid £420 for the bus shelter.")
    words = scored("The council paid for the bus shelter in the end.")
    monkeypatch.setattr(scoring, "NO_VALUE_FACTOR", 1.0)
    assert scored("The council paid for the bus shelter in the end.") > words
    assert figure == scored("The council paid £420 for the bus shelter.")


def test_a_number_the_question_states_is_no_answer_to_it():
    given = answer.stated_numbers("How many young adults was the 18 to 25 team supporting?")
    assert answer.expected_answer_score("count", "The 18 to 25 team supports young adults.", given) == 0
    assert answer.expected_answer_score("count", "The 18 to 25 team supports 894 young adults.", given) == 1


def test_an_answer_in_the_paragraph_after_the_question_is_found(tmp_path):
    papers = _filler(12) + [
        _paper("jan", "Minutes of the Town Council meeting, January 2031", "2031-01-12", [
            "The Clerk had been asked by the district council for nominees to represent the town "
            "council on the Riverside Area Partnership from the spring.",
            "Greg Easterby will be lead member, with Ann Lowther as substitute.",
            "The Riverside Area Partnership meets four times a year in the Guildhall.",
        ]),
    ]
    result = _ask(tmp_path, papers, "Who will represent the town council on the Riverside Area Partnership?")
    assert result["answered"], result
    assert any("Greg Easterby" in a["text"] for a in result["answers"][:3])


def test_who_answers_name_someone_the_question_does_not():
    asked = frozenset(w.lower() for w in "Who took over as Mayor when Tom Piper resigned".split())
    # Appointed to the role asked about, titled or not, beats any other name.
    assert answer.who_answer_score("Cllr Dana Vyse was appointed Mayor.", asked) == answer.ROLE_NAME_SCORE
    assert answer.who_answer_score("Dana Vyse is appointed the Mayor of the Township.", asked) == answer.ROLE_NAME_SCORE
    assert answer.who_answer_score("Cllr Dana Vyse spoke about the budget.", asked) == 1.0
    assert answer.who_answer_score("Dana Vyse spoke about the budget.", asked) == 0.75
    assert answer.who_answer_score("The Clerk read Mayor Tom Piper's letter of resignation.", asked) == 0.5
    assert answer.who_answer_score("Treasurer Position", frozenset({"treasurer"})) == 0.0
    assert answer.who_answer_score("The hall will be repainted in May.", asked) == 0.0
    # A bare name after a capitalised label: the pairs overlap ("Officer Dana", "Dana Vyse").
    form = frozenset({"respons", "offic", "assess"})
    assert answer.who_answer_score("Assessment Title Bus passes Responsible Officer Dana Vyse", form) == 0.75


def _everyday_paper() -> Paper:
    """A paper using every everyday word of the shipped list, as a large archive does."""
    words = " ".join(answer.everyday_words())
    return _paper("everyday", "Residents' survey", "2030-06-10", [f"Residents wrote about {words}."])


ROOF_MINUTE = ("The finance committee agreed in March 2031 to fund repairs to the village hall roof "
               "at a cost of £4,000.")
SAUNA_QUESTION = "Did the finance committee agree in March 2031 to fund sauna repairs at the village hall roof?"


def test_a_word_no_paper_holds_refuses_in_a_broad_archive(tmp_path):
    # The archive holds everyday words, so one it lacks ("sauna") is an absent topic, whatever
    # its other words match.
    papers = _filler(12) + [_everyday_paper(), _paper("roof", "Finance committee minutes", "2031-03-12", [ROOF_MINUTE])]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        assert answer.broad_vocabulary(searcher)
        result = ask(searcher, SAUNA_QUESTION)
    assert not result["answered"], result
    assert result["message"].endswith("No indexed paper mentions “sauna”."), result["message"]


def test_a_small_archive_lacking_everyday_words_still_answers(tmp_path):
    # A parish's few papers lack "phone" and "weekend" as well: a word they lack proves nothing.
    papers = _filler(12) + [_paper("roof", "Finance committee minutes", "2031-03-12", [ROOF_MINUTE])]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        assert not answer.broad_vocabulary(searcher)
        result = ask(searcher, SAUNA_QUESTION)
    assert result["answered"], result
    assert "£4,000" in result["answers"][0]["text"]


@pytest.mark.parametrize("minute, question, quoted", [
    # "Feb" is capitalised like a name; the answer says "February".
    pytest.param("In February 2031, 14 street light faults were logged and 12 repaired.",
                 "how many street light faults were logged in Feb 2031?", "14 street light faults", id="short-month"),
    # "the Wireworks Bridge" of the question is "the Wireworks footbridge" in the minutes.
    pytest.param("Wireworks footbridge: the contractor expects to finish the repairs by the end of April 2031.",
                 "When will the repairs to the Wireworks Bridge finish?", "end of April 2031", id="place-kind"),
])
def test_a_capitalised_word_that_is_no_name_need_not_be_in_the_answer(tmp_path, minute, question, quoted):
    papers = _filler(12) + [_paper("minute", "Minutes of the Town Council meeting", "2031-03-10", [minute])]
    result = _ask(tmp_path, papers, question)
    assert result["answered"], result
    assert quoted in result["answers"][0]["text"]


def test_the_kind_of_place_a_name_ends_in_is_no_name():
    assert question_step.proper_names("Who owns the Sailors Rest on O'Curry Street?") == ["sailor", "rest", "o'curri"]


@pytest.mark.parametrize("question, stem, form", [
    ("When will the footbridge reopen?", "reopen", "re-open"),
    ("Was the chair re-elected?", "re-elect", "reelect"),
])
def test_a_prefix_written_either_way_is_the_same_word(tmp_path, question, stem, form):
    papers = _filler(4) + [_paper("p", "Minutes", "2031-02-10", [
        "The footbridge will be re-opened in April.", "The chair was reelected unopposed."])]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        reading = question_step.read_question(searcher, question)
    assert form in next(t for t in reading.terms if t.stem == stem).spellings


def test_a_council_the_paper_writes_by_its_initials_is_named(tmp_path):
    # The minutes write "OCC" for the county council the question names as "Ormsby"; an
    # everyday word capitalised in a title ("Tree Preservation Order") is no council's name.
    papers = _filler(12) + [_paper("bins", "Minutes of the Town Council meeting", "2031-05-12", [
        "Litter bin at the footbridge: OCC would charge £350 to move the bin to the car park."])]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "What would Ormsby charge to move the litter bin at the footbridge?")
    assert result["answered"], result
    assert "£350" in result["answers"][0]["text"]
    assert scoring._council_initials("ormsbi", "OCC would charge")
    assert not scoring._council_initials("tree", "TCC agreed")


def test_a_council_typed_in_lower_case_is_named(tmp_path):
    # "for ormsby" names Ormsby County Council: most papers holding "ormsby" are its own.
    # "hillside" does not name Hillside Town Council: every council writes of a hillside.
    def council_paper(pid, council, date, text):
        paper = _paper(pid, f"Minutes of {council}", date, [text], committee=council)
        paper.council = council
        return paper

    papers = [council_paper(f"f{n}", "Brackenfold Town Council", f"2030-{1 + n % 12:02d}-10", text)
              for n, text in enumerate(["Grass on the hillside path was cut."] * 3 + [
                  "The Clerk reported on street lighting repairs.", "Members approved invoices."] * 4)]
    papers += [council_paper(f"o{n}", "Ormsby County Council", f"2031-{1 + n:02d}-14",
                             f"Ormsby members noted the report on highways item {n}.") for n in range(4)]
    papers += [
        council_paper("obonus", "Ormsby County Council", "2031-02-14",
                      "The county council expects £2.4m from the bonus next year."),
        council_paper("bbonus", "Brackenfold Town Council", "2031-02-20",
                      "The town council expects £900 from the New Homes Bonus next year."),
        council_paper("hill", "Hillside Town Council", "2031-03-01", "Hillside members met."),
    ]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "new homes bonus for ormsby next year?")
        hillside = question_step.read_question(searcher, "who cuts the grass on the hillside path?")
    assert "£2.4m" in result["answers"][0]["text"], result
    assert hillside.councils == ()


def test_a_who_question_about_a_report_finds_its_header(tmp_path):
    # "From: <Cabinet Member>" shares no word with the question; the report's title does.
    papers = _filler(12) + [
        _paper("tor", "Harbour Board Terms of Reference: Update", "2031-03-13", [
            "From: Imogen Vance, Cabinet Member for Democratic Services",
            "To: Town Council: 13 March 2031",
        ] + [f"The harbour board terms of reference are updated in section {n}: quorum, membership "
             f"and voting of the harbour board." for n in range(1, 9)], doc_type="report")]
    store.add_papers(str(tmp_path), papers)
    with store.open_index(str(tmp_path)).searcher() as searcher:
        result = ask(searcher, "Who took the harbour board terms of reference update to the Town Council?", limit=5)
    assert any("Imogen Vance" in a["text"] for a in result["answers"]), result
