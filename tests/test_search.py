"""Search over a real Whoosh index built in tmp_path from hand-made papers."""

from __future__ import annotations

import pytest

from councilsearch import search as S
from councilsearch.model import Paper, Paragraph, Person
from councilsearch.store import add_papers, open_index


def make_paper(pid, title, committee, date, doc_type, paragraphs, holders=(), authors=(),
               classification="Unrestricted", folder="northshire", **extra) -> Paper:
    return Paper(
        id=pid, source=f"{folder}/{pid}.pdf", format="pdf", root="/papers", source_folder=folder,
        doc_type=doc_type, committee=committee, date=date, title=title,
        classification=classification,
        portfolio_holders=[Person(h, "Cabinet Member") for h in holders],
        authors=[Person(a, "Report Author") for a in authors],
        paragraphs=[Paragraph(text=t, page=pg, number=n, heading=h, kind=k)
                    for (n, pg, h, t, k) in paragraphs],
        pages=max([p[1] for p in paragraphs] or [1]), **extra)


def sample_papers() -> list[Paper]:
    """A small fictional council: enough variety for every query and facet case."""
    return [
        make_paper("p1", "Joint Procurement of Highways Maintenance", "Cabinet", "2024-03-12", "report", [
            ("1.1", 1, "Purpose", "This report seeks approval for joint procurement of highways maintenance with a neighbouring council.", "text"),
            ("4.5", 2, "Financial Implications", "The contract is worth £2.4m a year and is funded from the Medium Term Financial Plan.", "text"),
            ("2.1", 1, "Recommendations", "Cabinet is recommended to approve the joint procurement exercise.", "recommendation"),
        ], holders=["Cllr Ada Green"], authors=["Sam Officer"]),
        make_paper("p2", "Minutes of Cabinet", "Cabinet", "2024-04-09", "minutes", [
            ("12", 1, "Highways", "RESOLVED that the joint procurement of highways maintenance be approved.", "resolution"),
            ("13", 2, "Libraries", "The library opening hours consultation was noted.", "text"),
        ]),
        make_paper("p3", "Housing Revenue Account Budget 2023/24", "Council", "2023-02-20", "report", [
            ("3.1", 1, "Background", "The HRA budget sets rents for council homes.", "text"),
            ("5.2", 3, "Financial Implications", "Rents rise by 7 per cent in line with the rent cap.", "text"),
        ], holders=["Cllr Ben Brown", "Cllr Ada Green"]),
        make_paper("p4", "Tree Preservation Order at Mill Lane", "Planning Committee", "2023-09-01", "decision", [
            ("1", 1, "Decision", "A TPO is confirmed for the oak trees at Mill Lane.", "resolution"),
        ], classification="For publication", folder="southvale"),
        make_paper("p5", "Parking Strategy", "Transport Scrutiny", "2024-11-20", "report", [
            ("2.3", 1, "Parking", "Residents parking permits will rise in price.", "text"),
            ("6.1", 2, "Equalities", "An equality impact assessment was completed.", "text"),
        ], holders=["Cllr Ben Brown"], folder="southvale"),
        make_paper("p6", "Undated agenda", None, None, "agenda", [
            (None, 1, None, "Apologies for absence. Parking enforcement update.", "text"),
        ]),
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("index")
    add_papers(str(index_dir), sample_papers())
    ix = open_index(str(index_dir))
    with ix.searcher() as s:
        yield s


def ids(result) -> list[str]:
    return [r["id"] for r in result["results"]]


# --- build_filter -------------------------------------------------------------------


def test_build_filter_none_for_empty():
    assert S.build_filter(None) is None
    assert S.build_filter({}) is None
    assert S.build_filter({"committee": [], "date_from": "", "bogus": ["x"]}) is None


def test_build_filter_or_within_and_across(searcher):
    q = S.build_filter({"committee": ["Cabinet", "Council"], "year": ["2024"]})
    found = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(q)
             if searcher.stored_fields(d)["kind"] == "paper"}
    assert found == {"p1", "p2"}


def test_build_filter_dates_exclude_undated(searcher):
    q = S.build_filter({"date_from": "2023", "date_to": "2023-12"})
    found = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(q)
             if searcher.stored_fields(d)["kind"] == "paper"}
    assert found == {"p3", "p4"}
    open_end = S.build_filter({"date_from": "2024-04-01"})
    found = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(open_end)
             if searcher.stored_fields(d)["kind"] == "paper"}
    assert found == {"p2", "p5"}


def test_build_filter_ignores_malformed_dates():
    assert S.build_filter({"date_from": "yesterday", "date_to": "2024-13-45"}) is None
    assert S.normalise_date("2024-02", end=True) == "2024-02-29"


# --- Query language ---------------------------------------------------------------------


def test_all_words_must_match(searcher):
    assert set(ids(S.search(searcher, "joint procurement"))) == {"p1", "p2"}
    assert ids(S.search(searcher, "procurement rents")) != []  # via fallback only
    assert S.search(searcher, "procurement rents")["fallback"] is True
    assert S.search(searcher, "joint procurement")["fallback"] is False


def test_phrase(searcher):
    assert ids(S.search(searcher, '"opening hours"')) == ["p2"]
    assert ids(S.search(searcher, '"hours opening"')) == []


def test_or_not_and_minus(searcher):
    assert set(ids(S.search(searcher, "rents OR permits"))) == {"p3", "p5"}
    assert set(ids(S.search(searcher, "parking NOT permits"))) == {"p6"}
    assert set(ids(S.search(searcher, "parking -permits"))) == {"p6"}
    assert S.search(searcher, "parking -permits")["fallback"] is False


def test_prefix(searcher):
    assert set(ids(S.search(searcher, "procure*"))) == {"p1", "p2"}


def test_field_values(searcher):
    assert set(ids(S.search(searcher, "committee:cabinet"))) == {"p1", "p2"}
    assert set(ids(S.search(searcher, "procurement type:minutes"))) == {"p2"}
    assert set(ids(S.search(searcher, "author:officer"))) == {"p1"}
    assert set(ids(S.search(searcher, "portfolio:brown"))) == {"p3", "p5"}
    assert set(ids(S.search(searcher, "holder:\"ada green\""))) == {"p1", "p3"}
    assert set(ids(S.search(searcher, "title:parking"))) == {"p5"}
    assert ids(S.search(searcher, "committee:nonesuch")) == []


def test_section_searches_headings(searcher):
    result = S.search(searcher, "section:financial")
    assert set(ids(result)) == {"p1", "p3"}
    for item in result["results"]:
        assert item["matches"], "snippets come from the matching section"
        assert all("Financial" in m["heading"] for m in item["matches"])


def test_date_range_and_year(searcher):
    assert set(ids(S.search(searcher, "date:2023-01-01..2023-12-31"))) == {"p3", "p4"}
    assert set(ids(S.search(searcher, "from:2024-04-01"))) == {"p2", "p5"}
    assert set(ids(S.search(searcher, "to:2023-06"))) == {"p3"}
    assert set(ids(S.search(searcher, "year:2024"))) == {"p1", "p2", "p5"}
    bad = S.search(searcher, "date:someday parking")
    assert bad["messages"] and set(ids(bad)) == {"p5", "p6"}


def test_synonyms_expand_both_ways(searcher):
    assert "p1" in ids(S.search(searcher, "MTFP"))
    assert "p3" in ids(S.search(searcher, "housing revenue account rents"))
    assert "p4" in ids(S.search(searcher, "tree preservation order"))
    assert "p5" in ids(S.search(searcher, "EqIA"))


def test_sort_newest_and_oldest(searcher):
    newest = [r["date"] for r in S.search(searcher, "committee:cabinet", sort="newest")["results"]]
    assert newest == ["2024-04-09", "2024-03-12"]
    oldest = [r["date"] for r in S.search(searcher, "year:2024", sort="oldest")["results"]]
    assert oldest == sorted(oldest)


def test_pagination(searcher):
    first = S.search(searcher, "", per_page=2, page=1)
    second = S.search(searcher, "", per_page=2, page=2)
    assert first["total"] == 6 and first["pages"] == 3
    assert not set(ids(first)) & set(ids(second))
    assert len(ids(second)) == 2


def test_result_shape_and_matches(searcher):
    result = S.search(searcher, "joint procurement")
    assert set(result) >= {"query", "total", "results", "facets", "suggestion", "fallback",
                           "page", "pages"}
    p1 = next(r for r in result["results"] if r["id"] == "p1")
    assert set(p1) >= {"id", "source", "title", "committee", "date", "doc_type",
                       "portfolio_holder", "score", "snippet", "matches"}
    assert p1["portfolio_holder"] == "Cllr Ada Green"
    first = p1["matches"][0]
    assert set(first) >= {"paragraph", "page", "text", "anchor"}
    assert "<mark>procurement</mark>" in first["text"]
    assert first["anchor"].startswith("p-")


# --- Facets --------------------------------------------------------------------------------


def counts(result, facet) -> dict:
    return {f["value"]: f["count"] for f in result["facets"][facet]}


def test_facet_counts_plain(searcher):
    result = S.search(searcher, "")
    assert counts(result, "committee") == {"Cabinet": 2, "Council": 1, "Planning Committee": 1,
                                           "Transport Scrutiny": 1}
    assert counts(result, "year") == {"2024": 3, "2023": 2}
    assert counts(result, "portfolio_holder") == {"Cllr Ada Green": 2, "Cllr Ben Brown": 2}
    assert counts(result, "source_folder") == {"northshire": 4, "southvale": 2}


def test_facet_multiselect_counts_ignore_own_filter(searcher):
    filters = {"committee": ["Cabinet", "Council"], "year": ["2024"]}
    result = S.search(searcher, "", filters=filters)
    assert set(ids(result)) == {"p1", "p2"}
    # committee counted with the year filter only
    assert counts(result, "committee") == {"Cabinet": 2, "Transport Scrutiny": 1, "Council": 0}
    # year counted with the committee filter only
    assert counts(result, "year") == {"2024": 2, "2023": 1}
    # other facets counted with every filter
    assert counts(result, "doc_type") == {"report": 1, "minutes": 1}
    selected = [f["value"] for f in result["facets"]["committee"] if f["selected"]]
    assert sorted(selected) == ["Cabinet", "Council"]


def test_facets_follow_query(searcher):
    result = S.search(searcher, "parking")
    assert counts(result, "doc_type") == {"report": 1, "agenda": 1}


# --- Suggestions, related, robustness ---------------------------------------------------------


def test_did_you_mean_offers_only_working_corrections(searcher):
    result = S.search(searcher, "procuremant")
    assert result["total"] == 0
    assert result["suggestion"] == "procurement"
    assert S.search(searcher, "qqqqzzzz")["suggestion"] is None


def test_related_papers(searcher):
    related = S.related_papers(searcher, "p1")
    assert related and related[0]["id"] == "p2"
    assert all(r["id"] != "p1" for r in related)
    assert S.related_papers(searcher, "missing") == []


@pytest.mark.parametrize("query", [
    '"unbalanced', "((parking", "parking))", "committee:", "title:", "*", "**", "?", "AND OR NOT",
    "NOT", "OR", "x" * 5000, "\x00parking\x00", "%", "%%20", "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE papers; --", "ünïcödé 😀 日本語", "kind:para", "data:anything",
    "date:..", "date:2024-99-99..x", "year:abc", "-", "--", '-"', "title:\"", "a:b:c", "\\", "^2",
    "[a TO b]", "{a TO b}", "parking~2", "parking^", "<>", "section:", "from:", "to:2024-02-30",
])
def test_hostile_queries_never_raise(searcher, query):
    result = S.search(searcher, query)
    assert isinstance(result["total"], int)
    assert isinstance(result["results"], list)


def test_star_alone_does_not_list_everything(searcher):
    assert S.search(searcher, "*")["total"] in (0, 6)


def test_only_stopwords_gives_a_message(searcher):
    result = S.search(searcher, "the of and")
    assert result["messages"] and "too common" in result["messages"][0]
    assert result["total"] == 6 and result["sort"] == "newest"


def test_bad_filter_dates_are_reported_not_fatal(searcher):
    result = S.search(searcher, "", filters={"date_from": "2024-02-30", "date_to": "2023"})
    assert any("from date" in m for m in result["messages"])
    assert set(ids(result)) == {"p3", "p4"}


def test_apostrophes_inside_words(searcher):
    parsed = S.parse_query(searcher, "Leader's 'parking'")
    assert parsed.words == ["Leader's", "parking"]
    assert S.search(searcher, "'parking'")["total"] == 2


# --- Many papers, several segments: totals, facets and snippets stay exact ----------------

COMMITTEES = ("Cabinet", "Council", "Scrutiny")


def budget_paper(n: int, text: str | None = None) -> Paper:
    """Paper n mentions "budget"; the first 15 also in their titles. Once its top ten
    are found, Whoosh's top-N collector drops query branches (and postings blocks)
    that cannot beat them, here body-only matches: counting from it lost those."""
    # Long paragraphs: one mention in many words scores (and is bounded) low.
    mentions = "budget " * (1 + n if n < 15 else 1)  # the top 15 score in increasing order
    text = text or f"The {mentions}for line {n} of the plan. " + "Other plans were noted. " * 40
    title = f"Budget report {n}" if n < 15 else f"Report {n}"
    return make_paper(f"b{n:04d}", title, COMMITTEES[n % 3], f"{2010 + n % 10}-01-01",
                      "report", [("1", 1, "Money" if n % 7 else "Treasury", text, "text"),
                                 ("2", 1, "Other", f"Nothing relevant in item {n}.", "text")])


@pytest.fixture(scope="module")
def many_dir(tmp_path_factory) -> str:
    """300 papers in three unmerged segments, then paper 150 replaced in a fourth."""
    from whoosh import index as whoosh_index

    from councilsearch.store import build_schema, paper_documents

    index_dir = str(tmp_path_factory.mktemp("many"))
    ix = whoosh_index.create_in(index_dir, build_schema())
    for start in (0, 100, 200):
        writer = ix.writer()
        for n in range(start, start + 100):
            for doc in paper_documents(budget_paper(n)):
                writer.add_document(**doc)
        writer.commit(merge=False)
    writer = ix.writer()
    writer.delete_by_term("paper_id", "b0150")
    for doc in paper_documents(budget_paper(150, "The revised budget for item 150.")):
        writer.add_document(**doc)
    writer.commit(merge=False)
    return index_dir


@pytest.fixture(scope="module")
def many(many_dir):
    with open_index(many_dir).searcher() as s:
        assert len(s.reader().leaf_readers()) == 4
        yield s


def test_total_counts_every_match_not_just_the_top_page(many):
    result = S.search(many, "budget", per_page=10)
    assert result["total"] == 300 and result["pages"] == 30
    assert sum(counts(result, "committee").values()) == 300
    assert counts(result, "committee") == {"Cabinet": 100, "Council": 100, "Scrutiny": 100}
    assert S.search(many, "budget", sort="newest")["total"] == 300


def test_top_results_are_the_best_scoring(many):
    top = ids(S.search(many, "budget", per_page=5))
    assert set(top) <= {f"b{n:04d}" for n in range(15)}


def test_filtered_total_and_other_facets_exact(many):
    result = S.search(many, "budget", filters={"committee": ["Council"]})
    assert result["total"] == 100
    assert counts(result, "committee") == {"Cabinet": 100, "Council": 100, "Scrutiny": 100}
    assert sum(counts(result, "year").values()) == 100


def test_last_page_holds_the_remainder(many):
    result = S.search(many, "budget", per_page=7, page=43)
    assert len(result["results"]) == 300 - 7 * 42


def test_paragraph_matches_only_from_the_papers_asked(many):
    parsed = S.parse_query(many, "budget")
    found, terms = S.paragraph_matches(many, parsed, ["b0005", "b0205"], per_paper=3)
    assert set(found) == {"b0005", "b0205"}  # papers in different segments
    assert [m["paragraph"] for m in found["b0005"]] == ["1"]  # "Nothing relevant" never matches
    assert "<mark>budget</mark>" in found["b0205"][0]["text"]
    assert "budget" in terms


def test_replaced_paper_shows_only_its_new_paragraphs(many):
    result = S.search(many, "revised")
    assert ids(result) == ["b0150"]
    texts = [m["text"] for m in result["results"][0]["matches"]]
    assert texts == ["The <mark>revised</mark> budget for item 150."]
    found, _ = S.paragraph_matches(many, S.parse_query(many, "budget"), ["b0150"])
    assert len(found["b0150"]) == 1  # the old version's paragraph is deleted


def test_warm_builds_the_caches_and_changes_no_result(many_dir):
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(many_dir)
    with ix.searcher() as cold, ix.searcher() as warmed:
        S.warm(warmed)
        cache = S._searcher_cache(warmed)
        assert set(cache["columns"]) == {*S.LIST_FILTER_KEYS, "date"}
        assert len(cache["paper_set"]) == 300
        S.warm(warmed)  # a second call reuses the caches
        assert S._searcher_cache(warmed) is cache and len(cache["paper_set"]) == 300
        filters = {"year": ["2015"]}
        assert S.search(cold, "budget", filters=filters) == S.search(warmed, "budget", filters=filters)


def test_date_ranges_from_filters_and_query_agree_and_are_exact(many):
    # budget_paper dates are 2010-01-01 .. 2019-01-01 by n % 10: 30 papers a year.
    by_filter = S.search(many, "budget", filters={"date_from": "2012", "date_to": "2013-06"})
    by_query = S.search(many, "budget date:2012..2013-06")
    assert by_filter["total"] == by_query["total"] == 60
    assert counts(by_filter, "year") == {"2012": 30, "2013": 30}
    assert S.search(many, "budget from:2019-01-01")["total"] == 30
    assert S.search(many, "budget", filters={"date_to": "2009"})["total"] == 0
    both = S.search(many, "budget from:2011", filters={"date_to": "2011-12-31", "committee": ["Cabinet"]})
    assert both["total"] == 10
    assert S.search(many, "budget -date:2010..2018")["total"] == 30  # a negated range still works


def test_date_range_excludes_undated_papers(searcher):
    assert "p6" not in ids(S.search(searcher, "parking", filters={"date_from": "2000"}))
    assert "p6" in ids(S.search(searcher, "parking"))


def test_section_filter_finds_each_paragraphs_own_paper_across_segments(many):
    result = S.search(many, "section:treasury", per_page=50)
    expected = {f"b{n:04d}" for n in range(0, 300, 7)}
    assert result["total"] == len(expected) == 43
    assert set(ids(result)) == expected
    assert sum(counts(result, "committee").values()) == 43
    both = S.search(many, "section:treasury", filters={"date_from": "2011", "date_to": "2011"})
    assert set(ids(both)) == {f"b{n:04d}" for n in range(0, 300, 7) if n % 10 == 1}
