"""The eval scorer (evaluate.py) and the `councilsearch eval` command."""

from __future__ import annotations

import json

import pytest

from councilsearch import store
from councilsearch.evaluate import QuestionsFileError, answer_matches, first_hit_rank, load_questions, score
from test_answer import council_papers


def _answers(*texts):
    return {"answered": bool(texts), "answers": [{"text": t, "paragraph_text": t} for t in texts]}


def test_match_collapses_whitespace_in_both():
    answer = {"text": "the sum of\n£15,000   was", "paragraph_text": ""}
    assert answer_matches(answer, ["sum of £15,000 was"])
    assert answer_matches(answer, ["sum  of\t£15,000"])
    assert not answer_matches(answer, ["£16,000"])


def test_match_looks_in_the_paragraph_too():
    answer = {"text": "It was agreed.", "paragraph_text": "The clerk's pay rose to £9,000. It was agreed."}
    assert answer_matches(answer, ["pay rose to £9,000"])


def test_first_hit_rank_counts_only_the_first_five():
    result = _answers("a", "b", "c", "d", "e", "target")
    assert first_hit_rank(result, ["target"]) is None
    assert first_hit_rank(_answers("a", "target"), ["target"]) == 2


def test_score_known_run():
    questions = [
        {"question": "q1", "type": "amount", "answer_contains": ["£1"]},
        {"question": "q2", "type": "amount", "answer_contains": ["£2"]},
        {"question": "q3", "type": "date", "answer_contains": ["2020"]},
        {"question": "q4", "type": "who", "answer_contains": ["Smith"]},
        {"question": "q5", "type": "unanswerable", "answer_contains": []},
        {"question": "q6", "type": "unanswerable", "answer_contains": []},
    ]
    results = [
        _answers("cost £1 in total"),                     # rank 1
        _answers("x", "y", "cost £2"),                    # rank 3
        _answers("a", "b", "c", "d", "in 2020"),          # rank 5
        {"answered": False, "answers": []},               # wrongly refused
        {"answered": False, "answers": []},               # refused: right
        _answers("something"),                            # answered: wrong
    ]
    report = score(questions, results)
    assert report["answerable"] == 4 and report["unanswerable"] == 2
    assert report["hit@1"] == 0.25 and report["hit@3"] == 0.5 and report["hit@5"] == 0.75
    assert report["mrr@5"] == pytest.approx((1 + 1 / 3 + 1 / 5) / 4, abs=1e-4)
    assert report["wrongly_refused"] == 1 and report["refused"] == 1
    assert report["by_type"]["amount"]["hit@1"] == 0.5
    assert report["by_type"]["unanswerable"]["refused"] == 1


def test_load_questions_names_the_bad_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "fine"}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(QuestionsFileError, match="line 3"):
        load_questions(path)
    path.write_text('{"type": "amount"}\n', encoding="utf-8")
    with pytest.raises(QuestionsFileError, match="line 1"):
        load_questions(path)
    with pytest.raises(QuestionsFileError, match="cannot read"):
        load_questions(tmp_path / "missing.jsonl")


QUESTIONS = [
    {"id": "t1", "type": "amount", "question": "What will the pool refurbishment cost?",
     "answer_contains": ["expected to cost £2.4m"]},
    {"id": "t2", "type": "date", "question": "When will works on the leisure centre start?",
     "answer_contains": ["start on 8 January 2024"]},
    {"id": "t3", "type": "who", "question": "Who was elected chair of Ashby Parish Council in 2022?",
     "answer_contains": ["Cllr Sarah Lund was elected Chair"]},
    # A wrong expectation on purpose: this one must count as a miss.
    {"id": "t4", "type": "amount", "question": "What will the road resurfacing programme cost?",
     "answer_contains": ["£99.9m"]},
    {"id": "t5", "type": "unanswerable",
     "question": "How many electric buses did the combined authority order from Wrightbus?",
     "answer_contains": []},
]


@pytest.fixture
def eval_files(tmp_path):
    index_dir = tmp_path / "ix"
    store.add_papers(str(index_dir), council_papers())
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return index_dir, questions


def test_cli_eval_json_gives_the_expected_metrics(eval_files, capsys):
    from councilsearch.cli import main

    index_dir, questions = eval_files
    assert main(["eval", str(questions), "--index", str(index_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["answerable"] == 4
    assert report["hit@1"] == 0.75 and report["hit@5"] == 0.75
    assert report["unanswerable"] == 1 and report["refused"] == 1
    ranks = {row["id"]: row["rank"] for row in report["questions"]}
    assert ranks == {"t1": 1, "t2": 1, "t3": 1, "t4": None, "t5": None}


def test_cli_eval_text_table(eval_files, capsys):
    from councilsearch.cli import main

    index_dir, questions = eval_files
    assert main(["eval", str(questions), "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "hit@1" in out and "mrr@5" in out
    all_row = next(line for line in out.splitlines() if line.startswith("all"))
    assert "0.75" in all_row and "1/1" in all_row


def test_cli_eval_bad_file_is_a_clear_error(eval_files, tmp_path, capsys):
    from councilsearch.cli import main

    index_dir, _ = eval_files
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n", encoding="utf-8")
    assert main(["eval", str(bad), "--index", str(index_dir)]) == 1
    assert "line 1" in capsys.readouterr().err
