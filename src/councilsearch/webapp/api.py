"""The JSON twin of every page, with the same parameters, and its OpenAPI description."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from . import common

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.route("/search")
def search():
    return jsonify(common.search_from_args(request.args))


@bp.route("/papers/<paper_id>")
def paper(paper_id):
    view = common.paper_view(common.get_searcher(), paper_id, request.args.get("q", ""))
    if view is None:
        abort(404)
    return jsonify(view)


@bp.route("/ask")
def ask():
    question = request.args.get("q", "")
    if not question.strip():
        return jsonify(error="bad_request", message="Give a question as ?q=..."), 400
    answer = common.answer_for(question, common.filters_from_args(request.args))
    if answer is None:
        return jsonify(error="unavailable", message="The answer engine is not available."), 503
    return jsonify(answer)


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())


def _param(name, description, schema=None, repeated=False):
    schema = schema or {"type": "string"}
    if repeated:
        return {"name": name, "in": "query", "description": description, "required": False,
                "schema": {"type": "array", "items": schema}, "style": "form", "explode": True}
    return {"name": name, "in": "query", "description": description, "required": False,
            "schema": schema}


FILTER_PARAMS = [
    _param("committee", "Committee (repeat for several: OR)", repeated=True),
    _param("portfolio_holder", "Portfolio holder (repeatable)", repeated=True),
    _param("doc_type", "Document type: report, minutes, agenda, decision, ... (repeatable)",
           repeated=True),
    _param("year", "Meeting year, e.g. 2024 (repeatable)", repeated=True),
    _param("classification", "Classification (repeatable)", repeated=True),
    _param("source_folder", "Source folder (repeatable)", repeated=True),
    _param("from", "Earliest meeting date, YYYY-MM-DD (YYYY-MM and YYYY allowed)"),
    _param("to", "Latest meeting date, YYYY-MM-DD (YYYY-MM and YYYY allowed)"),
]


def openapi_document() -> dict:
    from ..search import QUERY_HELP

    q = {"name": "q", "in": "query", "required": False, "description": QUERY_HELP,
         "schema": {"type": "string"}}
    match = {"type": "object", "properties": {
        "paragraph": {"type": "string", "nullable": True}, "page": {"type": "integer"},
        "heading": {"type": "string", "nullable": True},
        "text": {"type": "string", "description": "HTML: escaped text with <mark> around matches"},
        "anchor": {"type": "string"}}}
    result = {"type": "object", "properties": {
        key: {"type": "string", "nullable": True}
        for key in ("id", "source", "title", "committee", "date", "doc_type", "portfolio_holder")}
        | {"score": {"type": "number", "nullable": True},
           "snippet": {"type": "string", "description": "HTML: escaped text with <mark>"},
           "matches": {"type": "array", "items": match}}}
    facet_value = {"type": "object", "properties": {
        "value": {"type": "string"}, "count": {"type": "integer"}, "selected": {"type": "boolean"}}}
    search_response = {"type": "object", "properties": {
        "query": {"type": "string"}, "total": {"type": "integer"},
        "results": {"type": "array", "items": result},
        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": facet_value}},
        "suggestion": {"type": "string", "nullable": True}, "fallback": {"type": "boolean"},
        "page": {"type": "integer"}, "pages": {"type": "integer"}}}
    following = {"type": "object", "nullable": True, "description": (
        "The next paragraph of the same item (same heading): a motion's outcome, a reply"), "properties": {
        "text": {"type": "string"}, "trimmed": {"type": "boolean"}, "paragraph": {"type": "string"},
        "anchor": {"type": "string"}, "page": {"type": "integer", "nullable": True}}}
    answer = {"type": "object", "properties": {
        "text": {"type": "string", "description": "The quote: a verbatim slice of paragraph_text"},
        "paragraph_text": {"type": "string"}, "trimmed": {"type": "boolean"},
        **{key: {"type": "string"} for key in ("source", "paper_id", "title", "committee", "date",
                                                "paragraph", "anchor", "heading", "kind")},
        "page": {"type": "integer", "nullable": True}, "ordinal": {"type": "integer", "nullable": True},
        "score": {"type": "number"}, "following": following}}
    related = {"type": "object", "properties": {
        key: {"type": "string"} for key in ("paper_id", "title", "committee", "date")}}
    ask_response = {"type": "object", "properties": {
        "question": {"type": "string"}, "answered": {"type": "boolean"}, "type": {"type": "string"},
        "message": {"type": "string", "description": "Why there is no answer, when there is none"},
        "answers": {"type": "array", "items": answer},
        "related": {"type": "array", "items": related, "description": "Closest papers when unanswered"}}}
    error = {"type": "object", "properties": {"error": {"type": "string"},
                                              "message": {"type": "string"}}}

    def responses(schema, extra=None):
        out = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
               "503": {"description": "No index yet",
                       "content": {"application/json": {"schema": error}}}}
        out.update(extra or {})
        return out

    not_found = {"404": {"description": "No such paper",
                         "content": {"application/json": {"schema": error}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "councilsearch", "version": "1",
                 "description": "Search and question answering over council papers. "
                                "Every HTML page has a JSON twin taking the same parameters."},
        "paths": {
            "/api/search": {"get": {
                "summary": "Search papers with facets", "operationId": "search",
                "parameters": [q, *FILTER_PARAMS,
                               _param("sort", "Order", {"type": "string",
                                                        "enum": ["relevance", "newest", "oldest"]}),
                               _param("page", "Page number from 1", {"type": "integer"}),
                               _param("per_page", "Results a page (1-100)", {"type": "integer"})],
                "responses": responses(search_response)}},
            "/api/papers/{paper_id}": {"get": {
                "summary": "One paper whole: metadata, paragraphs, decisions, related papers",
                "operationId": "paper",
                "parameters": [{"name": "paper_id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}},
                               _param("q", "Words to highlight in paragraph html")],
                "responses": responses({"type": "object"}, not_found)}},
            "/api/ask": {"get": {
                "summary": "Answer a question by quoting a paper", "operationId": "ask",
                "parameters": [dict(q, required=True, description="The question"),
                               *FILTER_PARAMS],
                "responses": responses(ask_response, {
                    "400": {"description": "No question",
                            "content": {"application/json": {"schema": error}}}})}},
            "/feed.atom": {"get": {
                "summary": "Atom feed of a search, newest first", "operationId": "feed",
                "parameters": [q, *FILTER_PARAMS],
                "responses": {"200": {"description": "Atom 1.0",
                                      "content": {"application/atom+xml": {}}}}}},
        },
    }
