"""HTML pages: home, results, paper, the original file, and the ask page."""

from __future__ import annotations

import mimetypes

from flask import Blueprint, abort, render_template, request, send_file, url_for
from werkzeug.datastructures import MultiDict

from ..store import IndexNotFound
from . import common

bp = Blueprint("pages", __name__)
bp.add_app_template_filter(common.long_date, "long_date")
bp.add_app_template_filter(common.readable_title, "readable_title")
bp.add_app_template_filter(common.file_kind, "file_kind")
bp.add_app_template_filter(common.paper_title, "paper_title")


def url_with(endpoint: str = "pages.results", **changes) -> str:
    """This request's URL parameters with some replaced (None removes one)."""
    args = MultiDict(request.args)
    for key, value in changes.items():
        args.poplist(key)
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            args.add(key, item)
    return url_for(endpoint, **args.to_dict(flat=False))


@bp.route("/")
def home():
    from ..search import paper_count, search

    searcher = common.get_searcher()
    latest = search(searcher, "", sort="newest", per_page=5)
    committees = latest["facets"].get("committee", [])
    return render_template("home.html", papers=paper_count(searcher), latest=latest["results"],
                           committees=committees)


FACET_VISIBLE = 10


def split_facet(values: list[dict], visible: int = FACET_VISIBLE) -> tuple[list, list]:
    """(values shown at once, the rest behind "more"): selected values are always shown."""
    shown = [v for i, v in enumerate(values) if i < visible or v["selected"]]
    return shown, [v for v in values if v not in shown]


DATE_LABELS = {"date_from": ("from", "From"), "date_to": ("to", "To")}
SORT_LABELS = (("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first"))


def active_filters(filters: dict) -> list[dict]:
    """Each selected filter value with a link that removes just it (works without JS)."""
    chips = []
    for key, values in filters.items():
        if key in DATE_LABELS:
            param, label = DATE_LABELS[key]
            chips.append({"label": label, "value": common.long_date(values),
                          "remove_url": url_with(**{param: None, "page": None})})
            continue
        for value in values:
            rest = [v for v in request.args.getlist(key) if v.strip() != value]
            chips.append({"label": common.FACET_LABELS.get(key, key), "value": value,
                          "remove_url": url_with(**{key: rest or None, "page": None})})
    return chips


@bp.route("/search")
def results():
    result = common.search_from_args(request.args)
    question = request.args.get("q", "")
    answer = None
    if common.looks_like_question(question):
        answer = common.answer_for(question, common.filters_from_args(request.args))
    return render_template(
        "results.html", result=result, answer=answer, labels=common.FACET_LABELS,
        split_facet=split_facet, chips=active_filters(result["filters"]),
        sort_labels=SORT_LABELS,
        filters=common.filters_from_args(request.args), mark=common.mark_safe,
        feed_url=url_with("feeds.atom", page=None, sort=None),
        api_url=url_with("api.search"),
    )


@bp.route("/papers/<paper_id>")
def paper(paper_id):
    view = common.paper_view(common.get_searcher(), paper_id, request.args.get("q", ""))
    if view is None:
        abort(404)
    return render_template("paper.html", paper=view, q=request.args.get("q", ""),
                           mark=common.mark_safe)


@bp.route("/papers/<paper_id>/file")
def paper_file(paper_id):
    path = common.paper_file_path(common.get_searcher(), paper_id)
    if path is None:
        abort(404)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return send_file(path, mimetype=mimetype, conditional=True)


@bp.route("/ask")
def ask():
    question = request.args.get("q", "")
    filters = common.filters_from_args(request.args)
    answer = common.answer_for(question, filters) if question.strip() else None
    available = _answer_engine_available()
    return render_template("ask.html", q=question, answer=answer, available=available,
                           api_url=url_with("api.ask"))


def _answer_engine_available() -> bool:
    try:
        from .. import answer  # noqa: F401
    except ImportError:
        return False
    return True


def register_error_pages(app) -> None:
    """Friendly pages (HTML or JSON, by path) for a missing index, 404 and 500."""
    from flask import jsonify

    def wants_json() -> bool:
        return request.path.startswith("/api/") or request.path.endswith(".atom")

    def error_response(status: int, error: str, title: str, message: str):
        """The same error as JSON for the API and the feed, as a page for everything else."""
        if wants_json():
            return jsonify(error=error, message=message), status
        return render_template("error.html", title=title, message=message), status

    @app.errorhandler(IndexNotFound)
    def no_index(exc):
        return error_response(503, "no_index", "No index yet",
                              "There is no search index yet. Run `councilsearch index PATH` "
                              "to index some papers, then reload this page.")

    @app.errorhandler(404)
    def not_found(exc):
        return error_response(404, "not_found", "Not found", "There is no such page or paper.")

    @app.errorhandler(500)
    def server_error(exc):
        return error_response(500, "server_error", "Error",
                              "Something went wrong on our side; the error has been logged.")
