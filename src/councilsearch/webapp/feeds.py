"""An Atom feed of any search, newest first, so members can subscribe to a topic."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Blueprint, make_response, render_template, request, url_for

from . import common

bp = Blueprint("feeds", __name__)


# Characters XML 1.0 forbids (PDF text carries form feeds and the like).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text):
    return _NOT_XML.sub(" ", text) if isinstance(text, str) else text


def _plain(html_snippet: str) -> str:
    """The snippet without our <mark> tags (it is already escaped HTML)."""
    return re.sub(r"</?mark>", "", html_snippet or "")


@bp.route("/feed.atom")
def atom():
    result = common.search_from_args(request.args, sort="newest", per_page=50)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entries = []
    for item in result["results"]:
        updated = f"{item['date']}T00:00:00Z" if item.get("date") else now
        item = {k: xml_safe(v) for k, v in item.items()}
        entries.append(dict(item, updated=updated, summary_html=_plain(item["snippet"]),
                            url=url_for("pages.paper", paper_id=item["id"], _external=True)))
    self_url = request.url
    page_url = url_for("pages.results", _external=True, **request.args.to_dict(flat=False))
    updated = max([e["updated"] for e in entries], default=now)
    body = render_template("feed.xml", result=result, entries=entries, updated=updated,
                           self_url=self_url, page_url=page_url, feed_id=page_url)
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response
