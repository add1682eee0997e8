"""`ask` of this checkout against another version, question by question in one process.

    .venv/bin/python bench/ask_paired.py --other ../old-checkout/src [--papers 10000] [--questions 200]

These machines are shared and their speed drifts by a quarter within minutes,
so two bench runs one after the other can rank the versions either way. Here
both versions answer each question in turn (in alternating order) against the
same index (``bench/ask.py``'s cached corpus), so drift hits both alike: it
prints each one's p50 and p95 and the median of the per-question time ratios.
The other version's package is copied under another name; it must import its
own modules relatively, as councilsearch does.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ask import add_corpus_arguments, corpus_and_questions, percentile  # noqa: E402  (bench/ask.py)


def load_version(package_dir: Path, name: str, into: Path):
    """(answer module, store module) of the councilsearch package in package_dir, imported as name."""
    shutil.copytree(package_dir, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    if str(into) not in sys.path:
        sys.path.insert(0, str(into))
    return importlib.import_module(f"{name}.answer"), importlib.import_module(f"{name}.store")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", required=True, help="the other version's src folder (holding councilsearch/)")
    add_corpus_arguments(parser)
    args = parser.parse_args(argv)
    index_dir, questions = corpus_and_questions(args)

    this_package = Path(importlib.import_module("councilsearch").__file__).parent
    with tempfile.TemporaryDirectory() as scratch:
        versions = {}
        for label, package in (("this", this_package), ("other", Path(args.other) / "councilsearch")):
            answer, store = load_version(package, f"councilsearch_{label}", Path(scratch))
            searcher = store.open_index(str(index_dir)).searcher()
            answer.ask(searcher, "warm up the caches")
            versions[label] = (answer, searcher)
        times = {label: [] for label in versions}
        for number, question in enumerate(questions):
            order = list(versions) if number % 2 == 0 else list(reversed(versions))
            for label in order:
                answer, searcher = versions[label]
                started = time.perf_counter()
                answer.ask(searcher, question["question"], limit=5)
                times[label].append((time.perf_counter() - started) * 1000)
        for _, searcher in versions.values():
            searcher.close()
    print(f"index: {args.papers} generated papers; questions: {len(questions)}, each asked of both in turn")
    for label, values in times.items():
        print(f"{label:5s} version: p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 0.95):.0f} ms"
              f"  (target <= 250 ms)")
    ratios = [other / this for this, other in zip(times["this"], times["other"])]
    print(f"other / this, per question: median {statistics.median(ratios):.2f}; "
          f"p95 other / this: {percentile(times['other'], 0.95) / percentile(times['this'], 0.95):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
