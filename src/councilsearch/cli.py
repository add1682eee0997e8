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
    import json

    from .ingest import UsageError, describe_failure, run_index
    from .store import IndexBusy

    if args.jobs is not None and args.jobs < 1:
        print("councilsearch index: --jobs must be at least 1", file=sys.stderr)
        return 1
    try:
        report = run_index(args.paths, index_dir(args), jobs=args.jobs,
                           manifest_csv=args.manifest)
    except (UsageError, IndexBusy) as exc:
        print(f"councilsearch index: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        for item in report.skipped:
            print(f"SKIPPED {item['source']}: {item['reason']}", file=sys.stderr)
        for item in report.duplicates:
            print(f"DUPLICATE {item['source']}: same text as {item['of']}", file=sys.stderr)
        for item in report.failed:
            print(describe_failure(item), file=sys.stderr)
        print(report.summary())
    return report.exit_code


def _add_list(sub) -> None:
    p = sub.add_parser("list", help="list the indexed papers")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)


def _note_if_stale(ix):
    """ix, after saying on stderr when an older councilsearch split its text into words."""
    from .store import tokens_current

    if not tokens_current(ix.schema):
        print("councilsearch: this index was made by an older version; run `councilsearch index` "
              "on its papers again for the best answers", file=sys.stderr)
    return ix


def _open_index_or_complain(args):
    """The index for list/show, or None after saying why there is none."""
    from .store import IndexNotFound, open_index

    try:
        return _note_if_stale(open_index(index_dir(args)))
    except IndexNotFound as exc:
        print(f"councilsearch: {exc}", file=sys.stderr)
        return None


def _print_lines(lines) -> None:
    """Print to stdout; a reader that went away (`| head`) ends the output quietly."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def cmd_list(args) -> int:
    import json

    from .store import iter_papers, paper_summary

    ix = _open_index_or_complain(args)
    if ix is None:
        return 1
    rows = [paper_summary(paper) for paper in iter_papers(ix)]
    if args.json:
        _print_lines(json.dumps(row, ensure_ascii=False) for row in rows)
        return 0
    _print_lines(_table_lines(rows))
    return 0


def _table_lines(rows):
    yield f"{'ID':<12}  {'DATE':<10}  {'TYPE':<9}  {'COMMITTEE':<24}  TITLE"
    for row in rows:
        title = " ".join((row["title"] or row["source"]).split())
        yield (f"{row['id']:<12}  {row['date'] or '-':<10}  {row['doc_type'] or '-':<9}  "
               f"{(row['committee'] or '-')[:24]:<24}  {title[:70]}")
    yield f"{len(rows)} papers"


def _add_show(sub) -> None:
    p = sub.add_parser("show", help="show one paper whole")
    p.add_argument("paper", metavar="ID_OR_SOURCE")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)


def cmd_show(args) -> int:
    import json

    from .ingest import skipped_file
    from .store import load_paper, paper_detail

    ix = _open_index_or_complain(args)
    if ix is None:
        return 1
    with ix.searcher() as searcher:
        paper = load_paper(searcher, args.paper)
        skipped = None if paper else skipped_file(index_dir(args), args.paper)
        if skipped and skipped.get("status") == "duplicate":
            # The same paper in another format (minutes.txt beside minutes.pdf): show the one kept.
            paper = load_paper(searcher, skipped.get("of") or "")
            if paper is not None:
                print(f"councilsearch show: {skipped['source']} is the same paper as "
                      f"{skipped['of']}, which is indexed; showing that", file=sys.stderr)
    if paper is None:
        print(f"councilsearch show: {_not_indexed_why(args.paper, skipped)}", file=sys.stderr)
        return 1
    detail = paper_detail(paper)
    if args.json:
        _print_lines([json.dumps(detail, ensure_ascii=False)])
        return 0
    _print_lines([_format_paper(detail)])
    return 0


def _not_indexed_why(key: str, skipped: dict | None) -> str:
    """Why show has no paper: never indexed, or skipped by the last run (exempt, failed)."""
    if not skipped or skipped.get("status") == "duplicate":
        return f"no paper with id or source {key!r} (see `councilsearch list`)"
    if skipped.get("status") == "exempt":
        return f"{skipped.get('source')} is not in the index: exempt from publication ({skipped.get('reason')})"
    detail = f": {skipped['message']}" if skipped.get("message") else ""
    return f"{skipped.get('source')} could not be indexed ({skipped.get('reason')}{detail})"


def _format_paper(detail: dict) -> str:
    """A readable page: header fields, recommendations, then the numbered paragraphs."""
    lines = [detail.get("title") or detail["source"], ""]
    for key in ("id", "source", "doc_type", "committee", "date", "portfolio_holder",
                "agenda_item", "classification", "pages"):
        if detail.get(key) not in (None, ""):
            lines.append(f"{key.replace('_', ' ').capitalize()}: {detail[key]}")
    authors = [a["name"] for a in detail.get("authors", []) if a.get("name")]
    if authors:
        lines.append("Authors: " + "; ".join(authors))
    if detail.get("recommendations"):
        lines.append("")
        lines.append("Recommendations:")
        lines.extend(f"  - {r}" for r in detail["recommendations"])
    heading = None
    for para in detail["paragraphs"]:
        if para["heading"] and para["heading"] != heading:
            heading = para["heading"]
            lines += ["", heading]
        number = f"{para['number']} " if para["number"] else ""
        lines.append(f"  {number}{para['text']}  [p.{para['page']}]")
    return "\n".join(lines)


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
    import json

    from .search import search
    from .store import IndexNotFound, open_index

    filters = {"committee": args.committee, "portfolio_holder": args.portfolio_holder,
               "doc_type": args.doc_type, "date_from": args.date_from, "date_to": args.date_to}
    try:
        ix = _note_if_stale(open_index(index_dir(args)))
    except IndexNotFound as exc:
        print(f"councilsearch: {exc}", file=sys.stderr)
        return 1
    with ix.searcher() as searcher:
        result = search(searcher, args.query, filters={k: v for k, v in filters.items() if v},
                        sort=args.sort, per_page=max(1, min(args.limit, 100)))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_search_result(result)
    return 0


def _print_search_result(result: dict) -> None:
    """A readable list: title, where it came from, and the best paragraphs as plain text."""
    import re
    from html import unescape

    def plain(html: str) -> str:
        return " ".join(unescape(re.sub(r"</?mark>", "", html or "")).split())

    for message in result.get("messages", []):
        print(message)
    if result["suggestion"]:
        print(f"Did you mean: {result['suggestion']}")
    if result["fallback"]:
        print("No exact matches: showing papers with any of the words.")
    print(f"{result['total']} paper(s)")
    for n, item in enumerate(result["results"], 1):
        where = ", ".join(x for x in (item["committee"], item["date"], item["doc_type"]) if x)
        print(f"\n{n}. {item['title']}" + (f"  [{where}]" if where else ""))
        print(f"   {item['source']}  (id {item['id']})")
        for match in item["matches"] or [{"paragraph": None, "page": None, "text": item["snippet"]}]:
            ref = ", ".join(x for x in (
                f"para {match['paragraph']}" if match.get("paragraph") else "",
                f"p.{match['page']}" if match.get("page") else "") if x)
            print(f"   - {ref + ': ' if ref else ''}{plain(match['text'])[:240]}")


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve the web front end")
    _add_index_option(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args) -> int:
    from waitress import serve

    from .webapp import create_app

    app = create_app(index_dir(args))
    from .analysis import stem

    stem("warming")  # load NLTK now (~1.5 s) rather than in the first visitor's request
    from .store import IndexNotFound

    try:  # open the index and build its search caches now, not in the first search
        app.extensions["councilsearch_index"].searcher()
    except IndexNotFound:
        pass  # no index yet: the pages say so, and the searcher opens once one exists
    print(f"Serving {app.config['INDEX_DIR']} on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    serve(app, host=args.host, port=args.port, threads=8)
    return 0


# --- ask / eval (answer) ----------------------------------------------------------


def _add_ask(sub) -> None:
    p = sub.add_parser("ask", help="answer a question by quoting a paper")
    p.add_argument("question")
    _add_index_option(p)
    _add_search_filters(p)
    p.add_argument("--limit", type=int, default=3, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_ask)


def _answer_filters(args) -> dict:
    """The ask filters from the shared search options (keys as search.build_filter takes)."""
    filters = {"committee": args.committee, "portfolio_holder": args.portfolio_holder,
               "doc_type": args.doc_type, "date_from": args.date_from, "date_to": args.date_to}
    return {k: v for k, v in filters.items() if v}


def cmd_ask(args) -> int:
    import json

    from .answer import ask, format_citation, short_title
    from .store import IndexNotFound, open_index

    try:
        ix = _note_if_stale(open_index(index_dir(args)))
    except IndexNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with ix.searcher() as searcher:
        result = ask(searcher, args.question, filters=_answer_filters(args), limit=args.limit)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    if not result["answered"]:
        print(result["message"])
        for paper in result["related"]:
            where = ", ".join(p for p in (paper["committee"], paper["date"]) if p)
            print(f"  related: {short_title(paper['title'])}" + (f", {where}" if where else ""))
        return 0
    for number, answer in enumerate(result["answers"], start=1):
        label = "Answer" if number == 1 else f"Also ({number})"
        print(f"{label}: \u201c{answer['text']}\u201d")
        print(f"  \u2014 {format_citation(answer)}")
        following = answer.get("following")
        if following:  # the item goes on: a motion's outcome, the reply to a question
            more = "\u2026" if following["trimmed"] else ""
            print(f"  next in the paper: {following['text']}{more}")
    return 0


def _add_eval(sub) -> None:
    p = sub.add_parser("eval", help="score answers against a questions file")
    p.add_argument("questions", metavar="QUESTIONS.jsonl")
    _add_index_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_eval)


def cmd_eval(args) -> int:
    import json

    from .evaluate import QuestionsFileError, format_report, load_questions, run_eval
    from .store import IndexNotFound, open_index

    try:
        questions = load_questions(args.questions)
        ix = _note_if_stale(open_index(index_dir(args)))
    except (QuestionsFileError, IndexNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with ix.searcher() as searcher:
        report = run_eval(searcher, questions)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0


# --- generate / demo (demo) --------------------------------------------------------


def _add_generate(sub) -> None:
    p = sub.add_parser("generate", help="write the fictional demo council's papers")
    p.add_argument("out", metavar="DIR")
    p.add_argument("--papers", type=int, default=None, metavar="N")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_generate)


def cmd_generate(args) -> int:
    from .demo.generate import DEFAULT_PAPERS, GenerateError, describe, generate

    papers = DEFAULT_PAPERS if args.papers is None else args.papers
    try:
        summary = generate(args.out, papers=papers, seed=args.seed, progress=_print_generate_progress)
    except GenerateError as exc:
        print(f"councilsearch generate: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"councilsearch generate: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    print(describe(summary))
    return 0


def _print_generate_progress(done: int, total: int) -> None:
    print(f"  {done}/{total} papers", file=sys.stderr)


def _add_demo(sub) -> None:
    p = sub.add_parser("demo", help="generate the demo council, index it and serve it")
    p.add_argument("--dir", default="demo-council", metavar="DIR")
    # Not ./index: `index` mirrors the folders it is given, so indexing the demo into
    # someone's own index would drop their papers from it.
    p.add_argument("--index", default=None, metavar="DIR",
                   help="index folder (default: DIR/.index, kept apart from your own index)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--no-serve", action="store_true", help="index, show one search, and stop")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args) -> int:
    """Generate the demo council when missing, index it, then serve it (or show a search)."""
    from .demo.generate import DEFAULT_PAPERS, GenerateError, describe, generate, is_generated

    if is_generated(args.dir):
        print(f"Using the demo council already in {args.dir}/")
    else:
        print(f"Generating the demo council ({DEFAULT_PAPERS} papers) into {args.dir}/ ...")
        try:
            print(describe(generate(args.dir, papers=DEFAULT_PAPERS)))
        except (GenerateError, OSError) as exc:
            print(f"councilsearch demo: {exc}", file=sys.stderr)
            return 1
    demo_index = args.index or os.path.join(args.dir, ".index")  # the walker skips dot folders
    index_option = ["--index", demo_index]
    print(f"Indexing {args.dir}/ into {demo_index}/ ...")
    code = main(["index", args.dir, *index_option])
    if code not in (0, 2):  # 2: some papers failed, the rest are indexed and worth showing
        return code
    if args.no_serve:
        print("\nA first search, for 'contract':")
        return main(["search", "contract", "--limit", "3", *index_option])
    return main(["serve", "--host", args.host, "--port", str(args.port), *index_option])


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
