"""`councilsearch search` and `councilsearch serve` through cli.main."""

from __future__ import annotations

import json

import pytest

from councilsearch import cli
from councilsearch.store import add_papers
from test_search import sample_papers


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    add_papers(str(folder), sample_papers())
    return str(folder)


def test_search_json_is_the_search_dict(index_dir, capsys):
    code = cli.main(["search", "joint procurement", "--index", index_dir, "--json",
                     "--committee", "Cabinet", "--sort", "newest", "--limit", "1"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 2 and data["pages"] == 2
    assert [r["id"] for r in data["results"]] == ["p2"]
    assert {"query", "results", "facets", "suggestion", "fallback", "page"} <= set(data)


def test_search_text_mode(index_dir, capsys):
    assert cli.main(["search", "procuremant", "--index", index_dir]) == 0
    out = capsys.readouterr().out
    assert "Did you mean: procurement" in out and "0 paper(s)" in out
    assert cli.main(["search", "parking", "--index", index_dir, "--from", "2024-01-01",
                     "--type", "report"]) == 0
    out = capsys.readouterr().out
    assert "1 paper(s)" in out and "Parking Strategy" in out and "<mark>" not in out


def test_search_suggests_for_a_wrong_first_letter(index_dir, capsys):
    assert cli.main(["search", "brocurement", "--index", index_dir]) == 0
    assert "Did you mean: procurement" in capsys.readouterr().out


def test_search_missing_index(tmp_path, capsys):
    assert cli.main(["search", "x", "--index", str(tmp_path / "none")]) == 1
    assert "no index" in capsys.readouterr().err


def test_serve_runs_the_app_on_waitress(index_dir, monkeypatch, capsys):
    import waitress

    seen = {}

    def fake_serve(app, host, port, **kwargs):
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(waitress, "serve", fake_serve)
    assert cli.main(["serve", "--index", index_dir, "--port", "5123"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 5123
    response = seen["app"].test_client().get("/api/search?q=parking")
    assert response.get_json()["total"] == 2


def test_serve_builds_the_search_caches_before_the_first_request(index_dir, monkeypatch):
    import waitress

    from councilsearch.search import LIST_FILTER_KEYS, _searcher_cache

    seen = {}
    monkeypatch.setattr(waitress, "serve", lambda app, host, port, **kw: seen.update(app=app))
    assert cli.main(["serve", "--index", index_dir]) == 0
    searcher = seen["app"].extensions["councilsearch_index"].searcher()
    assert set(_searcher_cache(searcher)["columns"]) == {*LIST_FILTER_KEYS, "date"}


def test_serve_starts_without_an_index(tmp_path, monkeypatch):
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda app, host, port, **kw: None)
    assert cli.main(["serve", "--index", str(tmp_path / "none")]) == 0
