"""The `councilsearch` command: a thin shell over ingest, search, answer, webapp and demo.

Each subcommand has one `cmd_<name>(args) -> int` handler and one
`_add_<name>(subparsers)` registration. Handlers import their stage lazily so
that `councilsearch --help` stays fast. Exit codes: 0 success, 1 usage error,
2 some input failed.
"""

from __future__ import annotations

import argparse
import os
import sys

DEFAULT_INDEX = "index"


def default_index_dir() -> str:
    return os.environ.get("COUNCILSEARCH_INDEX", DEFAULT_INDEX)


def _add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        default=None,
        metavar="DIR",
        help="index folder (default: $COUNCILSEARCH_INDEX or ./index)",
    )


def index_dir(args) -> str:
    return args.index or default_index_dir()


# --- index / list / show (ingest) -------------------------------------------------


def _add_index(sub) -> None:
    p = sub.add_parser("index", help="index folders of papers (incremental)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_index_option(p)
    p.add_argument("--jobs", type=int, default=None, metavar="N")
    p.add_argument("--manifest", default=None, metavar="CSV")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_index)


def cmd_index(args) -> int:
    raise NotImplementedError("index")


def _add_list(sub) -> None:
    p = sub.add_parser("list", help="list the indexed papers")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)


def cmd_list(args) -> int:
    raise NotImplementedError("list")


def _add_show(sub) -> None:
    p = sub.add_parser("show", help="show one paper whole")
    p.add_argument("paper", metavar="ID_OR_SOURCE")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)


def cmd_show(args) -> int:
    raise NotImplementedError("show")


# --- search / serve (search, webapp) ------------------------------------------------


def _add_search_filters(p) -> None:
    """Filters shared by `search` and `ask`."""
    p.add_argument("--committee", action="append", default=[], metavar="C")
    p.add_argument("--portfolio-holder", action="append", default=[], metavar="P")
    p.add_argument("--type", action="append", default=[], metavar="T", dest="doc_type")
    p.add_argument("--from", default=None, metavar="YYYY-MM-DD", dest="date_from")
    p.add_argument("--to", default=None, metavar="YYYY-MM-DD", dest="date_to")


def _add_search(sub) -> None:
    p = sub.add_parser("search", help="search the index")
    p.add_argument("query")
    _add_index_option(p)
    _add_search_filters(p)
    p.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)


def cmd_search(args) -> int:
    raise NotImplementedError("search")


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve the web front end")
    _add_index_option(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args) -> int:
    raise NotImplementedError("serve")


# --- ask / eval (answer) ----------------------------------------------------------


def _add_ask(sub) -> None:
    p = sub.add_parser("ask", help="answer a question by quoting a paper")
    p.add_argument("question")
    _add_index_option(p)
    _add_search_filters(p)
    p.add_argument("--limit", type=int, default=3, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_ask)


def cmd_ask(args) -> int:
    raise NotImplementedError("ask")


def _add_eval(sub) -> None:
    p = sub.add_parser("eval", help="score answers against a questions file")
    p.add_argument("questions", metavar="QUESTIONS.jsonl")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_eval)


def cmd_eval(args) -> int:
    raise NotImplementedError("eval")


# --- generate / demo (demo) --------------------------------------------------------


def _add_generate(sub) -> None:
    p = sub.add_parser("generate", help="write the fictional demo council's papers")
    p.add_argument("out", metavar="DIR")
    p.add_argument("--papers", type=int, default=None, metavar="N")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_generate)


def cmd_generate(args) -> int:
    raise NotImplementedError("generate")


def _add_demo(sub) -> None:
    p = sub.add_parser("demo", help="generate the demo council, index it and serve it")
    p.add_argument("--dir", default="demo-council", metavar="DIR")
    _add_index_option(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--no-serve", action="store_true")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args) -> int:
    raise NotImplementedError("demo")


# --- entry point ------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="councilsearch", description="Search and question answering over council papers."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_index, _add_list, _add_show, _add_search, _add_serve, _add_ask,
                _add_eval, _add_generate, _add_demo):
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors; ours is 1
        return 0 if exc.code == 0 else 1
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
