"""Hostile input: odd queries never give a 5xx, document text is always escaped,
and paper ids shaped like paths are simply not found."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilsearch.store import add_papers
from councilsearch.webapp import create_app
from test_search import make_paper, sample_papers

EVIL_TITLE = "<script>alert('title')</script> Budget Monitoring"
EVIL_COMMITTEE = "<b onmouseover=alert(3)>Evil</b> & Co"
EVIL_TEXT = ("The budget <script>alert('body')</script> includes "
             "<img src=x onerror=alert(2)> procurement savings.")
RAW_MARKUP = ("<script>alert(", "<img src=x", "<b onmouseover", "<i>Cllr")

HOSTILE_QUERIES = [
    '"unbalanced', "((parking", "parking))", ")(", "committee:", "title:", "section:", "*", "**",
    "*budget", "?", "AND OR NOT", "NOT", "OR", "AND", "x" * 10000, "budget " * 400,
    "\x00budget\x00", "%", "%00", "%%", "100%", "<script>alert(1)</script>",
    "' OR '1'='1", "1; DROP TABLE papers; --", "\" OR \"\"=\"", "ünïcödé 😀 日本語 عربى",
    "\u202e\u200b\ufeff", "kind:para", "id:p1", "data:x", "date:..", "date:2024-99-99..x",
    "year:abcd", "-", "--budget", '-"', 'title:"', "a:b:c:d", "\\", "\\\\\\", "^2", "[a TO b]",
    "{a TO b}", "budget~2", "budget^", "<>", "from:", "to:2024-02-30", "committee:\"", "\r\n\t",
    "NOT NOT NOT", "(((((((((((budget", "budget)))))))))))", "\"\"\"\"", "'", "`", "${jndi:x}",
    "{{7*7}}", "../../etc/passwd",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    evil = make_paper("evil1", EVIL_TITLE, EVIL_COMMITTEE, "2024-05-01", "report", [
        ("1.1", 1, "<em>Heading</em>", EVIL_TEXT, "text"),
        ("2.1", 1, "Recommendations", "Approve the <script>alert('rec')</script> budget.",
         "recommendation"),
    ], holders=["<i>Cllr Evil</i>"])
    add_papers(str(folder), sample_papers() + [evil])
    return create_app(str(folder)).test_client()


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("path", ["/search", "/api/search", "/feed.atom", "/ask", "/api/ask"])
def test_hostile_queries_never_5xx(client, path, query):
    response = client.get(path, query_string={"q": query})
    assert response.status_code < 500, (path, query)


@pytest.mark.parametrize("params", [
    {"committee": "<script>"}, {"year": "not-a-year"}, {"from": "yesterday", "to": "2024-13-01"},
    {"page": "-5"}, {"page": "99999999999999999999"}, {"per_page": "0"}, {"per_page": "abc"},
    {"sort": "DROP"}, {"doc_type": ["a"] * 200}, {"from": "2024-02-30"}, {"q": "budget", "page": "x"},
])
def test_hostile_params_never_5xx(client, params):
    for path in ("/search", "/api/search", "/feed.atom"):
        assert client.get(path, query_string=params).status_code < 500


def _assert_escaped(body: str):
    for raw in RAW_MARKUP:
        assert raw not in body, raw


@pytest.mark.parametrize("url", [
    "/search?q=budget", "/search?q=script", "/search?q=alert", "/search?q=img+onerror",
    "/search?q=", "/search?q=evil", "/papers/evil1", "/papers/evil1?q=script",
    "/papers/evil1?q=budget", "/papers/p3", "/feed.atom?q=budget", "/feed.atom?q=script",
    "/search?q=<script>alert(1)</script>", "/ask?q=<script>alert(1)</script>",
    "/search?q=budget&committee=<script>alert(1)</script>",
])
def test_document_text_is_escaped_everywhere(client, url):
    response = client.get(url)
    assert response.status_code == 200
    _assert_escaped(response.get_data(as_text=True))


def test_escaped_forms_are_present(client):
    html = client.get("/papers/evil1?q=script").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "&lt;b onmouseover=alert(3)&gt;Evil&lt;/b&gt; &amp; Co" in html


def test_api_snippets_are_escaped_html(client):
    data = client.get("/api/search?q=script").get_json()
    evil = next(r for r in data["results"] if r["id"] == "evil1")
    for match in evil["matches"]:
        _assert_escaped(match["text"])
    _assert_escaped(evil["snippet"])


@pytest.mark.parametrize("url", [
    "/papers/../../etc/passwd", "/papers/..%2F..%2Fetc%2Fpasswd", "/papers/%2e%2e%2f%2e%2e",
    "/papers/..", "/papers/.%2e/file", "/papers/..%2F..%2Fetc%2Fpasswd/file",
    "/papers/northshire%2Fp1.pdf", "/papers/northshire/p1.pdf", "/api/papers/..%2F..%2Fetc%2Fpasswd",
    "/api/papers/../../etc/passwd", "/papers/%00", "/api/papers/p1%00", "/papers/p1%2F..%2F..",
    "/static/../../../etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd",
])
def test_path_shaped_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404, url


# --- Property-based fuzzing ---------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
query_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(['"', "(", ")", "*", "-", ":", "OR", "AND", "NOT", "committee:",
                              "title:", "date:", "..", "budget", "parking", "~", "^", "?", "\\",
                              "%", "<", ">", "&", "'", " "]), max_size=30).map("".join),
)


@FUZZ
@given(q=query_text)
def test_fuzz_search_query(client, q):
    assert client.get("/search", query_string={"q": q}).status_code < 500
    assert client.get("/api/search", query_string={"q": q}).status_code < 500


@FUZZ
@given(q=query_text,
       params=st.dictionaries(
           st.sampled_from(["committee", "portfolio_holder", "doc_type", "year", "classification",
                            "source_folder", "from", "to", "sort", "page", "per_page"]),
           st.lists(st.text(max_size=40), max_size=4), max_size=6))
def test_fuzz_facet_params(client, q, params):
    query = dict(params, q=q)
    for path in ("/search", "/api/search", "/feed.atom"):
        assert client.get(path, query_string=query).status_code < 500


def test_exempt_papers_never_shown(tmp_path):
    secret = make_paper("x1", "Exempt land deal", "Cabinet", "2024-01-01", "report",
                        [("1", 1, None, "Confidential valuation of the zebracorn site.", "text")],
                        exempt=True, exempt_reason="Part II")
    add_papers(str(tmp_path / "ix"), sample_papers() + [secret])
    client = create_app(str(tmp_path / "ix")).test_client()
    assert client.get("/api/search?q=zebracorn").get_json()["total"] == 0
    assert client.get("/papers/x1").status_code == 404
    assert "<entry>" not in client.get("/feed.atom?q=zebracorn").get_data(as_text=True)
