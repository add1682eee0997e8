"""Latency of `answer.ask` on a large generated council: prints p50/p95, asserts nothing.

    .venv/bin/python bench/ask.py [--papers 10000] [--questions 200] [--dir DIR]

The corpus is the demo council generator's output (``demo.generate``) at the
size asked for. To measure ``ask`` rather than PDF extraction, the index is
built straight from the generator's ground truth (``_truth/metadata.jsonl`` and
``paragraphs.jsonl``: the papers' fields and paragraphs) with
``store.add_papers``; the questions are the generator's own
(``_truth/questions.jsonl``). The index is kept in DIR and reused on later runs.
Target: p95 <= 250 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import statistics
import sys
import time
from pathlib import Path


def truth_papers(out: Path):
    """model.Paper objects from the generator's ground truth (exempt papers left out)."""
    from councilsearch.model import Paper, Paragraph, Person

    known = {field.name for field in dataclasses.fields(Paragraph)}  # the truth file says more ("page_end")

    truth = out / "_truth"
    paragraphs = {}
    with open(truth / "paragraphs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            paragraphs[rec["path"]] = rec["paragraphs"]
    with open(truth / "metadata.jsonl", encoding="utf-8") as fh:
        for line in fh:
            meta = json.loads(line)
            if meta.get("exempt"):
                continue
            path = meta["path"]
            holder = meta.get("portfolio_holder")
            yield Paper(
                id=hashlib.sha1(path.encode()).hexdigest()[:16], source=path,
                format=meta.get("format") or path.rsplit(".", 1)[-1],
                source_folder=path.split("/")[0], doc_type=meta.get("doc_type") or "other",
                council=meta.get("council"), committee=meta.get("committee"),
                date=meta.get("meeting_date"), title=meta.get("title"),
                classification=meta.get("classification"),
                portfolio_holders=[Person(holder)] if holder else [],
                paragraphs=[Paragraph(**{k: v for k, v in p.items() if k in known}) for p in paragraphs.get(path, [])],
                pages=meta.get("pages") or 0,
            )


def build(folder: Path, papers: int, seed: int) -> Path:
    from councilsearch import store
    from councilsearch.demo.generate import generate

    out, index_dir = folder / "council", folder / "index"
    if (folder / "done").exists():
        return index_dir
    started = time.perf_counter()
    generate(out, papers=papers, seed=seed)
    print(f"generated {papers} papers in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    batch = []
    for paper in truth_papers(out):
        batch.append(paper)
        if len(batch) == 500:
            store.add_papers(str(index_dir), batch)
            batch = []
    if batch:
        store.add_papers(str(index_dir), batch)
    print(f"indexed from ground truth in {time.perf_counter() - started:.0f} s", flush=True)
    (folder / "done").write_text("ok")
    return index_dir


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The options choosing the generated corpus and its questions (shared with ask_paired.py)."""
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", default=None, help="cache folder (default /tmp/councilsearch-bench/ask-N)")


def corpus_and_questions(args) -> tuple[Path, list[dict]]:
    """The cached index (built on first use) and the first args.questions of its shuffled questions."""
    from councilsearch.evaluate import load_questions

    folder = Path(args.dir or f"/tmp/councilsearch-bench/ask-{args.papers}")
    index_dir = build(folder, args.papers, args.seed)
    questions = load_questions(folder / "council" / "_truth" / "questions.jsonl")
    random.Random(args.seed).shuffle(questions)
    return index_dir, questions[: args.questions]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser)
    parser.add_argument("--optimize", action="store_true",
                        help="merge the cached index into one segment first (kept for later runs)")
    args = parser.parse_args(argv)

    from councilsearch import store
    from councilsearch.answer import ask
    from councilsearch.evaluate import score

    index_dir, questions = corpus_and_questions(args)

    ix = store.open_index(str(index_dir))
    if args.optimize:
        started = time.perf_counter()
        ix.optimize()
        print(f"optimised in {time.perf_counter() - started:.0f} s", flush=True)
        ix = store.open_index(str(index_dir))
    with ix.searcher() as searcher:
        segments = len(searcher.reader().leaf_readers())
        docs = searcher.doc_count()
        ask(searcher, "warm up the caches")
        times, results = [], []
        for q in questions:
            started = time.perf_counter()
            results.append(ask(searcher, q["question"], limit=5))
            times.append((time.perf_counter() - started) * 1000)
    report = score(questions, results)
    print(f"index: {args.papers} generated papers, {docs} Whoosh documents, {segments} segment(s)")
    print(f"questions: {len(times)}")
    print(f"ask p50: {statistics.median(times):.0f} ms")
    print(f"ask p95: {percentile(times, 0.95):.0f} ms  (target <= 250 ms)")
    print(f"ask mean: {statistics.fmean(times):.0f} ms, max: {max(times):.0f} ms")
    print(f"hit@1: {report['hit@1']}, hit@5: {report['hit@5']}, "
          f"unanswerable refused: {report['refused']}/{report['unanswerable']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
