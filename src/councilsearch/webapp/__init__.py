"""The Flask front end: an app factory and three blueprints.

- pages: HTML (home, results, paper, ask), server-rendered, working with JavaScript off;
- api: the JSON twin of every page, with the same parameters, and an OpenAPI description;
- feeds: an Atom feed of any search, newest first.

Templates and static files live in the top-level ``web/`` folder, installed as
the package ``councilsearch.web``.
"""

from __future__ import annotations

import os
from importlib.resources import files

from flask import Flask

from .index_access import IndexHolder


def _web_folder(name: str) -> str:
    return str(files("councilsearch.web") / name)


def create_app(index_dir: str | None = None, config: dict | None = None) -> Flask:
    """Build the app for the index in index_dir ($COUNCILSEARCH_INDEX or ./index by default)."""
    app = Flask(
        __name__,
        template_folder=_web_folder("templates"),
        static_folder=_web_folder("static"),
        static_url_path="/static",
    )
    app.config.update(
        INDEX_DIR=index_dir or os.environ.get("COUNCILSEARCH_INDEX", "index"),
        PER_PAGE=10,
        JSON_SORT_KEYS=False,
    )
    if config:
        app.config.update(config)
    app.json.sort_keys = False
    app.extensions["councilsearch_index"] = IndexHolder(app.config["INDEX_DIR"])

    from . import api, feeds, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    pages.register_error_pages(app)
    app.jinja_env.globals["url_with"] = pages.url_with
    return app
