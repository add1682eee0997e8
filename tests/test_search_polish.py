"""Three search refinements on real indexes in tmp_path: phrase-aware highlighting,
"Did you mean" for misspelt first letters, and facets that say nothing left out
of the results page (but kept in the JSON)."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from councilsearch import search as S
from councilsearch.store import add_papers, build_schema, open_index, paper_documents
from councilsearch.webapp import create_app
from test_search import make_paper, sample_papers

FILLER = "Other matters were noted by the board without comment. " * 12


def polish_papers():
    """Procurement is common, "brochure" (one edit from "brocurement" after its "b")
    is rare, heritage is Cabinet-only, library and parking are few."""
    papers = [make_paper(f"pr{n}", f"Procurement report {n}", "Cabinet", "2024-01-0{}".format(n + 1),
                         "report", [("1", 1, "Purpose", f"The procurement of service {n} was approved.", "text")])
              for n in range(6)]
    papers += [
        make_paper("br", "Visitor brochure", "Council", "2024-02-01", "report",
                   [("1", 1, None, "A new brochure for visitors.", "text")]),
        make_paper("he1", "Heritage strategy", "Cabinet", "2024-03-01", "report",
                   [("1", 1, None, "The heritage strategy protects listed buildings.", "text")]),
        make_paper("he2", "Heritage grants", "Cabinet", "2024-03-02", "report",
                   [("1", 1, None, "Grants for heritage sites.", "text")]),
        make_paper("lib1", "Library hours", "Council", "2024-04-01", "report",
                   [("1", 1, None, "The library will open on Sundays.", "text")]),
        make_paper("lib2", "Library stock", "Council", "2024-04-02", "report",
                   [("1", 1, None, "New library stock was bought.", "text")]),
        make_paper("pk", "Car parks", "Council", "2024-05-01", "report",
                   [("1", 1, None, "The park and ride site and the parking charges.", "text")]),
        make_paper("hosp", "Hospital cleaning", "Cabinet", "2024-06-01", "report", [
            ("1", 1, "Purpose", "The joint committee of the hospital trusts met. They agreed the joint "
                                "procurement of cleaning. A joint venture was noted for hospitals.", "text"),
            ("2", 1, "Later", "A joint board and the hospital board met. " + FILLER
                              + "They then agreed the joint procurement of laundry.", "text"),
            ("3", 2, "Money", "Funded from the Medium Term Financial Plan, medium term.", "text"),
        ]),
    ]
    return papers


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("polish")
    add_papers(str(folder), polish_papers())
    return str(folder)


@pytest.fixture(scope="module")
def searcher(index_dir):
    with open_index(index_dir).searcher() as s:
        yield s


def matches_of(result, paper_id) -> list[str]:
    return [m["text"] for r in result["results"] if r["id"] == paper_id for m in r["matches"]]


# --- 1. Phrases are marked where the words stand together ---------------------------------


def test_phrase_marked_as_a_phrase_not_each_lone_word(searcher):
    texts = matches_of(S.search(searcher, '"joint procurement" hospital'), "hosp")
    first = next(t for t in texts if "cleaning" in t)
    assert "<mark>joint procurement</mark> of cleaning" in first
    assert "<mark>joint</mark>" not in first  # "joint committee", "joint venture" stay plain
    # Plain words are still marked wherever their stem occurs.
    assert "<mark>hospital</mark> trusts" in first and "<mark>hospitals</mark>" in first


def test_unquoted_words_are_still_marked_everywhere(searcher):
    texts = matches_of(S.search(searcher, "joint procurement"), "hosp")
    first = next(t for t in texts if "cleaning" in t)
    assert "<mark>joint</mark> committee" in first and "<mark>joint</mark> venture" in first


def test_cut_excerpt_shows_the_phrase_not_the_first_lone_word(searcher):
    result = S.search(searcher, '"joint procurement" hospital')
    long_one = next(m["text"] for m in result["results"][0]["matches"] if m["paragraph"] == "2")
    assert long_one.startswith("…")  # cut: the phrase is beyond the first 280 characters
    assert "<mark>joint procurement</mark> of laundry" in long_one


def test_synonym_long_form_marked_as_one_phrase(searcher):
    texts = matches_of(S.search(searcher, "MTFP"), "hosp")
    assert texts and "<mark>Medium Term Financial Plan</mark>" in texts[0]
    assert texts[0].endswith("Plan</mark>, medium term.")  # the loose words are not the phrase


def test_highlight_escapes_the_document_around_a_phrase(searcher):
    terms = S.query_terms(searcher, S.text_query(searcher, S.parse_query(searcher, '"joint procurement"')))
    assert terms.phrases == {("joint", "procur")} and "joint" not in terms
    html = S.highlight(searcher, '<script>alert("joint procurement")</script> & joint <b>x</b>', terms)
    assert "<script" not in html and "<b>" not in html
    assert html == ('&lt;script&gt;alert(&quot;<mark>joint procurement</mark>&quot;)&lt;/script&gt;'
                    ' &amp; joint &lt;b&gt;x&lt;/b&gt;')


def test_highlight_still_takes_a_plain_set_of_stems(searcher):
    assert S.highlight(searcher, "Parking permits <now>", {"park"}) == "<mark>Parking</mark> permits &lt;now&gt;"


def test_excluded_words_are_not_marked(searcher):
    terms = S.query_terms(searcher, S.text_query(searcher, S.parse_query(searcher, "hospital -venture")))
    assert "hospit" in terms and "ventur" not in terms


def test_paper_page_marks_the_phrase_only(index_dir):
    client = create_app(index_dir).test_client()
    html = client.get('/papers/hosp?q="joint procurement"').get_data(as_text=True)
    assert html.count("<mark>joint procurement</mark>") == 2
    assert "<mark>joint</mark>" not in html


# --- 2. "Did you mean" also when the first letter is wrong --------------------------------


@pytest.mark.parametrize("typed, meant", [
    ("brocurement", "procurement"),  # two edits after "b" reach "brochure": one edit anywhere wins
    ("kprocurement", "procurement"),
    ("geritage", "heritage"),
    ("procuremant", "procurement"),  # a later letter, as before
    ("procuremnt", "procurement"),  # the stemmer keeps "mnt": one edit to the word as typed
])
def test_first_letter_misspellings_get_a_suggestion(searcher, typed, meant):
    result = S.search(searcher, typed)
    assert result["total"] == 0 and result["suggestion"] == meant
    assert S.search(searcher, meant)["total"] > 0  # a word the index holds


def test_suggestion_spelt_as_closest_to_what_was_typed(searcher):
    assert S.search(searcher, "parkng")["suggestion"] == "parking"  # "park" has the same stem


def test_few_results_with_a_misspelt_word_get_a_suggestion(searcher):
    result = S.search(searcher, "parking OR libary")
    assert result["total"] == 1
    assert result["suggestion"] == "parking OR library"


def test_no_suggestion_unless_it_finds_more(searcher):
    assert S.search(searcher, "geritage", filters={"committee": ["Council"]})["suggestion"] is None
    assert S.search(searcher, "heritage")["suggestion"] is None  # spelt right
    assert S.search(searcher, "qqqqzzzz")["suggestion"] is None


def test_no_suggestion_for_pasted_junk(searcher, monkeypatch):
    # More unknown words than a misspelling has, or one far too long to be a word:
    # not even tried (a 360-letter word took seconds to correct).
    tried = []
    real = S._correct_word
    monkeypatch.setattr(S, "_correct_word", lambda s, word: tried.append(word) or real(s, word))
    assert S.search(searcher, "geritage qzxv wplk jjrq vvbn")["suggestion"] is None
    assert S.search(searcher, "heritagez" * 40)["suggestion"] is None
    assert tried == []
    assert S.search(searcher, "geritage")["suggestion"] == "heritage"
    assert tried == ["geritage"]


def test_suggestion_found_in_any_segment(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    for paper in polish_papers():  # one segment per paper
        writer = ix.writer()
        for doc in paper_documents(paper):
            writer.add_document(**doc)
        writer.commit(merge=False)
    with open_index(str(tmp_path)).searcher() as s:
        assert not s.reader().is_atomic()
        assert S.search(s, "geritage")["suggestion"] == "heritage"
        assert S.search(s, "brocurement")["suggestion"] == "procurement"


# --- 3. A facet whose one value covers every result is left out of the page ---------------


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("facets")
    add_papers(str(folder), sample_papers())
    return create_app(str(folder)).test_client()


def test_facet_with_one_value_on_every_result_is_hidden(client):
    # "joint procurement": p1 and p2, both Cabinet, 2024, Unrestricted, northshire.
    html = client.get("/search?q=joint+procurement").get_data(as_text=True)
    assert "2 papers" in html
    for field in ("committee", "year", "classification", "source_folder"):
        assert f'name="{field}"' not in html, field
    assert 'name="doc_type" value="report"' in html and 'name="doc_type" value="minutes"' in html
    # One holder, but only on one of the two papers: ticking it narrows, so it stays.
    assert 'name="portfolio_holder" value="Cllr Ada Green"' in html


def test_selected_single_value_stays_visible_and_removable(client):
    html = client.get("/search?q=joint+procurement&committee=Cabinet").get_data(as_text=True)
    assert 'name="committee" value="Cabinet" checked' in html
    assert "Committee: Cabinet" in html  # the removable chip


def test_single_value_on_some_results_is_shown(client):
    # "parking": p5 (Transport Scrutiny) and p6 (no committee).
    html = client.get("/search?q=parking").get_data(as_text=True)
    assert 'name="committee" value="Transport Scrutiny"' in html


def test_json_keeps_every_facet(client):
    data = client.get("/api/search?q=joint+procurement").get_json()
    assert data["facets"]["committee"] == [{"value": "Cabinet", "count": 2, "selected": False}]
    assert data["facets"]["year"] == [{"value": "2024", "count": 2, "selected": False}]


def test_excerpt_anchor_finds_the_best_window_after_hundreds_of_matches():
    from councilsearch.search import _excerpt_anchor

    # 500 lone matches of one word, then the whole phrase near the end of the paragraph.
    spans = [(i * 20, i * 20 + 6, frozenset({"grant"})) for i in range(500)]
    spans.append((10_020, 10_040, frozenset({("joint", "procurement"), "grant"})))
    anchor = _excerpt_anchor(spans, 280)
    low = anchor - 280 // 4
    assert low <= 10_020 and 10_040 <= low + 280  # the excerpt shows the phrase
