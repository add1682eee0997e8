"""Regression floor: generate a small demo council, index it for real, ask its questions.

The floors sit below what was measured when they were set (60 papers, seed 3,
1 Dec 2026, second round: hit@1 0.79, hit@5 0.90, 3/3 unanswerable refused, 1 of 83
answerable refused; first round 0.78 / 0.91 / 4 refused) by a margin, so that a real regression fails and a changed generator
does not.
"""

from __future__ import annotations

import pytest

from councilsearch import store
from councilsearch.evaluate import format_report, load_questions, run_eval

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    try:
        from councilsearch.demo.generate import generate
        from councilsearch.ingest import run_index
    except ImportError as exc:
        pytest.skip(f"demo generator or ingestion not importable yet: {exc}")
    out = tmp_path_factory.mktemp("demo")
    generate(out / "council", papers=60, seed=3)
    index_dir = out / "index"
    run_index([str(p) for p in (out / "council").iterdir() if not p.name.startswith("_")],
              str(index_dir), jobs=1, progress=False)
    questions = load_questions(out / "council" / "_truth" / "questions.jsonl")
    with store.open_index(str(index_dir)).searcher() as searcher:
        report = run_eval(searcher, questions)
    print(format_report(report))
    return report


def test_demo_hit_rates_stay_above_the_floor(demo_run):
    assert demo_run["answerable"] >= 30
    assert demo_run["hit@1"] >= 0.65
    assert demo_run["hit@5"] >= 0.80


def test_demo_unanswerable_questions_are_refused(demo_run):
    assert demo_run["unanswerable"] >= 1
    assert demo_run["refused"] == demo_run["unanswerable"]
    assert demo_run["wrongly_refused"] <= 0.08 * demo_run["answerable"]
