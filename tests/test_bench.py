"""The benchmarks still run: bench/ask.py on a small generated council (its figures are not
checked here; speed lives in the benchmarks, not in tests)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_bench_ask_builds_its_corpus_and_answers(tmp_path, capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    sys.modules.pop("ask", None)
    import ask as bench_ask  # bench/ask.py

    assert bench_ask.main(["--papers", "20", "--questions", "5", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "index: 20 generated papers" in out and "questions: 5" in out and "ask p95:" in out
