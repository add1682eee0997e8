"""Scoring answers against a questions file (the format of shared/eval/dev_questions.jsonl).

hit@k: the share of answerable questions where one of the first k answers'
``text`` or ``paragraph_text`` contains one of the question's
``answer_contains`` strings, whitespace collapsed on both sides. MRR over the
first 5 answers. Unanswerable questions (type "unanswerable", or no
``answer_contains``) must be refused: ``answered`` false.

The scoring functions take plain dicts so tests and bench/ reuse them without
an index; ``run_eval`` drives ``answer.ask`` over an open searcher.
"""

from __future__ import annotations

import json
import re
import time

KS = (1, 3, 5)


class QuestionsFileError(ValueError):
    """The questions file cannot be read as one JSON question per line."""


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def load_questions(path) -> list[dict]:
    """The questions of a .jsonl file; QuestionsFileError names the bad line."""
    questions = []
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise QuestionsFileError(f"{path}, line {number}: not JSON ({exc.msg})") from exc
                if not isinstance(item, dict) or not str(item.get("question") or "").strip():
                    raise QuestionsFileError(f"{path}, line {number}: no \"question\" field")
                questions.append(item)
    except OSError as exc:
        raise QuestionsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return questions


def is_answerable(question: dict) -> bool:
    return question.get("type") != "unanswerable" and bool(question.get("answer_contains"))


def answer_matches(answer: dict, expected: list[str]) -> bool:
    """True when the answer's quote or its paragraph contains an expected string."""
    haystacks = [collapse(answer.get("text", "")), collapse(answer.get("paragraph_text", ""))]
    return any(collapse(e) and collapse(e) in h for e in expected for h in haystacks)


def first_hit_rank(result: dict, expected: list[str], depth: int = 5) -> int | None:
    """1-based rank of the first matching answer within depth, or None."""
    for rank, answer in enumerate(result.get("answers", [])[:depth], start=1):
        if answer_matches(answer, expected):
            return rank
    return None


def _empty_bucket() -> dict:
    return {"answerable": 0, "hits": {k: 0 for k in KS}, "rr": 0.0, "wrongly_refused": 0,
            "unanswerable": 0, "refused": 0}


def _add(bucket: dict, question: dict, result: dict) -> None:
    if is_answerable(question):
        bucket["answerable"] += 1
        rank = first_hit_rank(result, question["answer_contains"])
        for k in KS:
            bucket["hits"][k] += rank is not None and rank <= k
        bucket["rr"] += 1.0 / rank if rank else 0.0
        bucket["wrongly_refused"] += not result.get("answered")
    else:
        bucket["unanswerable"] += 1
        bucket["refused"] += not result.get("answered")


def _summary(bucket: dict) -> dict:
    n = bucket["answerable"]
    summary = {f"hit@{k}": round(bucket["hits"][k] / n, 4) if n else None for k in KS}
    summary["mrr@5"] = round(bucket["rr"] / n, 4) if n else None
    summary.update(answerable=n, wrongly_refused=bucket["wrongly_refused"],
                   unanswerable=bucket["unanswerable"], refused=bucket["refused"])
    return summary


def score(questions: list[dict], results: list[dict]) -> dict:
    """Overall and per-type metrics for results[i] answering questions[i]."""
    overall, by_type = _empty_bucket(), {}
    for question, result in zip(questions, results):
        _add(overall, question, result)
        _add(by_type.setdefault(question.get("type") or "unknown", _empty_bucket()), question, result)
    report = _summary(overall)
    report["by_type"] = {t: _summary(b) for t, b in sorted(by_type.items())}
    return report


def per_question(questions: list[dict], results: list[dict]) -> list[dict]:
    """One line per question: its id, type, whether answered and the rank of the first hit."""
    rows = []
    for q, r in zip(questions, results):
        rank = first_hit_rank(r, q.get("answer_contains") or []) if is_answerable(q) else None
        rows.append({"id": q.get("id"), "type": q.get("type"), "question": q.get("question"),
                     "answered": bool(r.get("answered")), "rank": rank,
                     "top": (r.get("answers") or [{}])[0].get("text", "")})
    return rows


def run_eval(searcher, questions: list[dict], limit: int = 5) -> dict:
    """Ask every question, then score; also the timings and per-question rows."""
    from .answer import ask

    results, times = [], []
    for q in questions:
        started = time.perf_counter()
        results.append(ask(searcher, q["question"], limit=limit))
        times.append(time.perf_counter() - started)
    report = score(questions, results)
    report["questions"] = per_question(questions, results)
    report["seconds_mean"] = round(sum(times) / len(times), 4) if times else None
    return report


def format_report(report: dict) -> str:
    """The metrics as a small text table."""
    def row(name: str, s: dict) -> str:
        cells = [f"{s[f'hit@{k}']:.2f}" if s[f"hit@{k}"] is not None else "  - " for k in KS]
        mrr = f"{s['mrr@5']:.2f}" if s["mrr@5"] is not None else "  - "
        return (f"{name:<13} {s['answerable']:>4} " + " ".join(f"{c:>6}" for c in cells)
                + f" {mrr:>6} {s['wrongly_refused']:>8} {s['refused']:>4}/{s['unanswerable']}")

    lines = [f"{'type':<13} {'n':>4} {'hit@1':>6} {'hit@3':>6} {'hit@5':>6} {'mrr@5':>6} "
             f"{'refused!':>8} {'unanswerable refused':>8}", row("all", report)]
    lines += [row(t, s) for t, s in report["by_type"].items()]
    lines.append("refused! = answerable questions wrongly refused")
    return "\n".join(lines)
