"""The Flask app through its test client, on a real index built in tmp_path."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from councilsearch.store import add_papers
from councilsearch.webapp import create_app
from test_search import make_paper, sample_papers

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    add_papers(str(folder), sample_papers())
    return str(folder)


@pytest.fixture(scope="module")
def client(index_dir):
    return create_app(index_dir).test_client()


def test_home(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<main id="main"' in html and 'href="#main"' in html and 'role="search"' in html


def test_results_page_has_facets_snippets_and_links(client):
    page = client.get("/search?q=joint+procurement")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "2 papers" in html
    assert 'name="doc_type" value="minutes"' in html  # committee is all Cabinet here: hidden
    assert "<mark>procurement</mark>" in html
    assert '/papers/p1?q=joint+procurement#p-' in html
    assert 'type="application/atom+xml"' in html and "/feed.atom?q=joint+procurement" in html


def test_results_state_lives_in_the_url(client):
    html = client.get("/search?q=&committee=Cabinet&year=2024&sort=oldest&from=2024-01-01"
                      ).get_data(as_text=True)
    assert 'value="Cabinet" checked' in html
    assert 'value="2024" checked' in html
    assert '<option value="oldest" selected>' in html
    assert 'name="from" value="2024-01-01"' in html


def test_fallback_label_and_suggestion(client):
    html = client.get("/search?q=procurement+rents").get_data(as_text=True)
    assert "No exact matches" in html
    html = client.get("/search?q=procuremant").get_data(as_text=True)
    assert "Did you mean" in html and "q=procurement" in html


def test_pagination_links(client):
    html = client.get("/search?q=&per_page=2&page=2").get_data(as_text=True)
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'aria-current="page"' in html


def test_api_search_is_the_same_dict(client):
    data = client.get("/api/search?q=joint+procurement&committee=Cabinet&committee=Council").get_json()
    assert data["total"] == 2
    assert {r["id"] for r in data["results"]} == {"p1", "p2"}
    committees = {f["value"]: f["count"] for f in data["facets"]["committee"]}
    assert committees["Cabinet"] == 2
    assert data["results"][0]["matches"][0]["anchor"]


def test_paper_page_highlights_and_anchors(client):
    page = client.get("/papers/p1?q=procurement")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="p-4-5"' in html and 'id="p-1-1"' in html
    assert "<mark>procurement</mark>" in html
    assert "/papers/p1/file#page=2" in html
    assert "Recommendations and decisions" in html
    assert "Related papers" in html and "/papers/p2" in html


def test_api_paper(client):
    data = client.get("/api/papers/p1").get_json()
    assert data["id"] == "p1" and "root" not in data
    assert [p["anchor"] for p in data["paragraphs"]] == ["p-1-1", "p-4-5", "p-2-1"]
    assert data["related"][0]["id"] == "p2"
    assert client.get("/api/papers/nope").status_code == 404
    assert client.get("/api/papers/nope").get_json()["error"] == "not_found"


def test_paper_file_served_by_id_only(tmp_path):
    root = tmp_path / "papers"
    (root / "north").mkdir(parents=True)
    (root / "north" / "a.pdf").write_bytes(b"%PDF-1.4 fake")
    (tmp_path / "secret.txt").write_text("secret")
    good = make_paper("f1", "Has a file", "Cabinet", "2024-01-01", "report",
                      [("1", 1, None, "Text.", "text")])
    good.root, good.source = str(root), "north/a.pdf"
    escaping = make_paper("f2", "Escapes its root", "Cabinet", "2024-01-01", "report",
                          [("1", 1, None, "Text.", "text")])
    escaping.root, escaping.source = str(root), "../secret.txt"
    add_papers(str(tmp_path / "ix"), [good, escaping])
    client = create_app(str(tmp_path / "ix")).test_client()
    response = client.get("/papers/f1/file")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 fake"
    assert response.mimetype == "application/pdf"
    assert client.get("/papers/f2/file").status_code == 404
    assert client.get("/papers/missing/file").status_code == 404


def test_feed_is_atom_newest_first(client):
    response = client.get("/feed.atom?q=&committee=Cabinet&committee=Transport+Scrutiny")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    updated = [e.find(f"{ATOM}updated").text for e in root.findall(f"{ATOM}entry")]
    assert len(updated) == 3
    assert updated == sorted(updated, reverse=True)
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}link").get("href").endswith("/papers/p5")


def test_openapi(client):
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/search", "/api/papers/{paper_id}", "/api/ask", "/feed.atom"} <= set(doc["paths"])
    names = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "committee", "year", "from", "to", "sort", "page"} <= names


def test_openapi_ask_schema_names_every_field_an_answer_has(client):
    doc = client.get("/api/openapi.json").get_json()
    schema = doc["paths"]["/api/ask"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    reply = client.get("/api/ask?q=who+approved+the+joint+procurement%3F").get_json()
    assert reply["answered"] and set(reply) <= set(schema["properties"])
    answer_fields = schema["properties"]["answers"]["items"]["properties"]
    for answer in reply["answers"]:
        assert set(answer) <= set(answer_fields), set(answer) - set(answer_fields)


def test_missing_index_is_friendly(tmp_path):
    client = create_app(str(tmp_path / "nothing-here")).test_client()
    page = client.get("/search?q=parking")
    assert page.status_code == 503 and "No index yet" in page.get_data(as_text=True)
    assert client.get("/api/search?q=x").get_json()["error"] == "no_index"
    assert client.get("/").status_code == 503


def test_new_index_picked_up_without_restart(tmp_path):
    folder = str(tmp_path / "ix")
    client = create_app(folder).test_client()
    assert client.get("/").status_code == 503
    add_papers(folder, sample_papers()[:1])
    assert client.get("/api/search?q=").get_json()["total"] == 1
    add_papers(folder, [make_paper("new", "Brand new paper about allotments", "Cabinet",
                                   "2025-01-01", "report", [("1", 1, None, "Allotments.", "text")])])
    data = client.get("/api/search?q=allotments").get_json()
    assert [r["id"] for r in data["results"]] == ["new"]


def test_ask_without_or_with_answer_engine(client):
    page = client.get("/ask?q=When+was+the+parking+strategy+agreed%3F")
    assert page.status_code == 200
    assert client.get("/api/ask").status_code == 400
    assert client.get("/api/ask?q=who+approved+it%3F").status_code in (200, 503)
    # A question on the results page still shows results when there is no answer engine.
    html = client.get("/search?q=what+is+the+parking+strategy%3F").get_data(as_text=True)
    assert "Parking Strategy" in html


def test_question_detection():
    from councilsearch.webapp.common import looks_like_question

    assert looks_like_question("Who approved the budget")
    assert looks_like_question("parking charges?")
    assert not looks_like_question("parking charges")
    assert not looks_like_question("")


def test_feed_stays_valid_xml_with_control_characters(tmp_path):
    odd = make_paper("ctl", "Form\x0cfeed \x01title", "Cabinet", "2024-01-02", "report",
                     [("1", 1, None, "Page break\x0c here and a bell\x07 here.", "text")])
    add_papers(str(tmp_path / "ix"), [odd])
    client = create_app(str(tmp_path / "ix")).test_client()
    root = ET.fromstring(client.get("/feed.atom?q=page").data)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Form feed  title"


def test_home_lists_latest_papers(client):
    html = client.get("/").get_data(as_text=True)
    assert "6 papers indexed" in html
    assert html.index("Parking Strategy") < html.index("Minutes of Cabinet")  # newest first


def test_serves_while_a_writer_holds_the_lock(tmp_path):
    from councilsearch.store import create_or_open, paper_documents

    folder = str(tmp_path / "ix")
    add_papers(folder, sample_papers())
    client = create_app(folder).test_client()
    assert client.get("/api/search?q=").get_json()["total"] == 6
    writer = create_or_open(folder).writer()
    try:
        for doc in paper_documents(make_paper("w1", "Written during serving", "Cabinet",
                                              "2025-02-02", "report",
                                              [("1", 1, None, "Quinoa allotments.", "text")])):
            writer.add_document(**doc)
        assert client.get("/search?q=parking").status_code == 200  # still serving
        assert client.get("/api/search?q=quinoa").get_json()["total"] == 0  # not committed yet
    finally:
        writer.commit()
    assert client.get("/api/search?q=quinoa").get_json()["total"] == 1


def test_long_facets_fold_the_rest_behind_more(tmp_path):
    papers = [make_paper(f"c{n}", f"Paper {n}", f"Committee {n:02d}", "2024-01-01", "report",
                         [("1", 1, None, "Budget text.", "text")]) for n in range(14)]
    add_papers(str(tmp_path / "ix"), papers)
    client = create_app(str(tmp_path / "ix")).test_client()
    html = client.get("/search?q=budget&committee=Committee+13").get_data(as_text=True)
    assert "<summary>3 more</summary>" in html  # 14 values: 10 shown + the selected one
    assert 'value="Committee 13" checked' in html
    assert html.index('value="Committee 13" checked') < html.index("<summary>3 more")


# --- What a reader sees: filters to remove, sort links, contents, citations, empty states ----


def test_selected_filters_show_as_removable_chips(client):
    html = client.get("/search?q=&committee=Cabinet&committee=Council&year=2024"
                      ).get_data(as_text=True)
    assert "Committee: Cabinet" in html and "Committee: Council" in html and "Year: 2024" in html
    assert "(3 selected)" in html  # the mobile jump link to the filters says how many
    # Removing Cabinet keeps the other committee and the year.
    chips = dict(re.findall(r'class="chip" href="([^"]*)">([^<]*)<', html))
    removal = {text: parse_qs(urlparse(unescape(href)).query, keep_blank_values=True)
               for href, text in chips.items()}
    assert removal["Committee: Cabinet"] == {"q": [""], "committee": ["Council"], "year": ["2024"]}
    assert removal["Year: 2024"] == {"q": [""], "committee": ["Cabinet", "Council"]}
    assert 'class="clear-all" href="/search?q="' in html


def test_sort_links_mark_the_current_order(client):
    html = client.get("/search?q=parking&sort=newest").get_data(as_text=True)
    assert 'href="/search?q=parking&amp;sort=newest" aria-current="true">Newest first' in html
    assert 'href="/search?q=parking&amp;sort=oldest">Oldest first' in html


def test_empty_state_offers_a_way_out(client):
    html = client.get("/search?q=zzqxv&committee=Cabinet").get_data(as_text=True)
    assert "No papers match" in html and "with these filters" in html
    assert "Search again without the filters" in html


def test_results_show_readable_dates_and_labelled_holder(client):
    html = client.get("/search?q=parking+strategy").get_data(as_text=True)
    assert '<time datetime="2024-11-20">20 November 2024</time>' in html
    assert "Portfolio holder: Cllr Ben Brown" in html


def test_paper_page_has_contents_and_decisions_first(client):
    html = client.get("/papers/p1").get_data(as_text=True)
    contents = html.index('id="contents-heading"')
    assert html.index('id="decisions-heading"') < contents < html.index('id="text-heading"')
    assert 'href="#p-4-5">Financial Implications</a>' in html
    assert "Open the original PDF (2 pages)" in html
    data = client.get("/api/papers/p1").get_json()
    assert [c["heading"] for c in data["contents"]] == ["Purpose", "Financial Implications",
                                                         "Recommendations"]
    assert data["contents"][1]["anchor"] == "p-4-5"


def test_page_link_shown_where_the_page_changes(client):
    html = client.get("/papers/p1").get_data(as_text=True)
    # p1's paragraphs are on pages 1, 2, 1: three page markers; p2 would repeat nothing.
    assert html.count('class="page-link"') == 3
    html = client.get("/papers/p3").get_data(as_text=True)
    assert html.count('class="page-link"') == 2


def test_home_offers_committees_to_browse(client):
    html = client.get("/").get_data(as_text=True)
    assert "Browse by committee" in html
    assert 'href="/search?q=&amp;committee=Cabinet&amp;sort=newest">Cabinet</a>' in html


ANSWERED = {"question": "how much?", "answered": True, "message": "", "related": [], "answers": [{
    "text": "The contract is worth <b>£2.4m</b> a year", "paper_id": "p1", "anchor": "p-4-5",
    "title": "Joint Procurement of Highways Maintenance", "source": "northshire/p1.pdf",
    "committee": "Cabinet", "date": "2024-03-12", "paragraph": "4.5", "page": 2, "trimmed": True,
    "following": {"text": "Agreed <i>unanimously</i>", "trimmed": True, "paragraph": "4.6",
                  "anchor": "p-4-6", "page": 2}}]}
UNANSWERED = {"question": "moon base?", "answered": False, "answers": [],
              "message": "No confident answer found in the indexed papers.",
              "related": [{"paper_id": "p5", "title": "Parking Strategy", "committee": "Transport Scrutiny",
                           "date": "2024-11-20"}]}


@pytest.mark.parametrize("path", ["/ask?q=how+much%3F", "/search?q=how+much%3F"])
def test_answer_panel_cites_paper_committee_date_paragraph_page(client, monkeypatch, path):
    from councilsearch.webapp import common

    monkeypatch.setattr(common, "answer_for", lambda question, filters, limit=3: ANSWERED)
    html = client.get(path).get_data(as_text=True)
    assert "Answer from the papers" in html
    assert "…The contract is worth &lt;b&gt;£2.4m&lt;/b&gt; a year…" in html  # escaped, marked as cut
    assert 'href="/papers/p1#p-4-5">Joint Procurement of Highways Maintenance</a>' in html
    assert "Cabinet · 12 March 2024 · paragraph 4.5 · page 2" in html
    # The item's next paragraph (a motion's outcome, a reply) follows, escaped, with a link to it.
    assert "Next in the paper:</span>\n        Agreed &lt;i&gt;unanimously&lt;/i&gt;…" in html
    assert 'href="/papers/p1#p-4-6">read on' in html


def test_no_answer_state_is_clear_and_points_to_papers(client, monkeypatch):
    from councilsearch.webapp import common

    monkeypatch.setattr(common, "answer_for", lambda question, filters, limit=3: UNANSWERED)
    html = client.get("/ask?q=moon+base%3F").get_data(as_text=True)
    assert "No answer found" in html and "No confident answer found" in html
    assert 'href="/papers/p5">Parking Strategy</a>' in html


def test_presentation_helpers():
    from councilsearch.webapp.common import file_kind, long_date, readable_title

    assert long_date("2023-02-13") == "13 February 2023"
    assert long_date("2023-13-01") == "2023-13-01" and long_date(None) == ""
    assert readable_title("north/exec/2024-11-11/04-award-of-contract-for-cctv.md") == \
        "Award of contract for cctv"
    assert readable_title("Budget 2024/25") == "Budget 2024/25"
    assert readable_title("", "x/minutes_of_cabinet.pdf") == "Minutes of cabinet"
    assert readable_title(None) == "Untitled paper"
    assert file_kind("a/b.PDF") == "PDF" and file_kind("a/b.docx") == "Word document"


def test_a_title_without_letters_is_replaced_by_what_the_paper_is():
    from councilsearch.webapp.common import paper_title

    assert paper_title({"title": "20180924", "doc_type": "minutes", "committee": "Finance",
                        "date": "2018-09-24"}) == "Minutes of Finance, 24 September 2018"
    assert paper_title({"title": "", "source": "a/2019-01-01.pdf", "doc_type": "other"}) == "Paper"
    assert paper_title({"title": "Budget 2024/25", "date": "2024-02-01"}) == "Budget 2024/25"
    assert paper_title({"title": "AGENDA", "doc_type": "agenda", "committee": "Planning Committee",
                        "date": "2025-02-13"}) == "Agenda of Planning Committee, 13 February 2025"


def test_repeated_page_links_wait_for_the_opened_paragraph(tmp_path):
    paper = make_paper("pg", "Three paragraphs on one page", "Cabinet", "2024-01-01", "report", [
        ("1.1", 1, "Intro", "First.", "text"), ("1.2", 1, "Intro", "Second.", "text"),
        ("2.1", 2, "More", "Third.", "text")])
    add_papers(str(tmp_path / "ix"), [paper])
    html = create_app(str(tmp_path / "ix")).test_client().get("/papers/pg").get_data(as_text=True)
    assert html.count('class="page-link"') == 2  # pages 1 and 2 where they start
    assert html.count('class="page-link repeat"') == 1  # 1.2: shown by CSS only when :target
    assert "Printed from http://localhost/papers/pg" in html


def test_date_filters_show_as_chips_in_words(client):
    html = client.get("/search?q=&from=2024-01-01&to=2024-06-30").get_data(as_text=True)
    assert "From: 1 January 2024" in html and "To: 30 June 2024" in html
    assert 'href="/search?q=&amp;to=2024-06-30"' in html  # removing "from" keeps "to"
