"""`councilsearch index`, `list` and `show`: in process, as a subprocess, and killed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from councilsearch import store
from councilsearch.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "councilsearch"
CORPUS = ROOT.parent / "shared" / "corpus"

REPORT = """Household Waste Recycling Centres

Report Author: Jane Roe

1. Summary

1.1 Opening hours at the recycling centres will change from October.

2. Recommendations

2.1 The Cabinet Member is asked to agree the new opening hours.
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def papers(tmp_path):
    root = tmp_path / "papers"
    write(root / "kent" / "waste.txt", REPORT)
    write(root / "govan" / "minutes.md", "# Minutes\n\nThe meeting discussed the <b>park</b> benches.\n")
    return root


@pytest.fixture
def index_dir(tmp_path):
    return str(tmp_path / "index")


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_json_report_then_list_and_show(papers, index_dir, capsys):
    code, out, _ = run_cli(capsys, "index", str(papers), "--index", index_dir, "--json", "--jobs", "1")
    assert code == 0
    report = json.loads(out)
    assert report["counts"]["added"] == 2 and report["failed"] == []

    code, out, _ = run_cli(capsys, "list", "--index", index_dir, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["source"] for r in rows] == ["govan/minutes.md", "kent/waste.txt"]
    assert set(rows[0]) == {"id", "source", "doc_type", "committee", "date", "title",
                            "portfolio_holder", "authors", "agenda_item", "classification",
                            "recommendations", "pages", "paragraphs"}
    assert isinstance(rows[1]["authors"], list) and rows[1]["paragraphs"] >= 1

    code, out, _ = run_cli(capsys, "show", rows[1]["id"], "--index", index_dir, "--json")
    detail = json.loads(out)
    assert code == 0 and detail["source"] == "kent/waste.txt"
    assert any("recycling centres" in p["text"] for p in detail["paragraphs"])
    assert set(detail["paragraphs"][0]) >= {"number", "heading", "page", "text"}

    code, out, _ = run_cli(capsys, "show", "kent/waste.txt", "--index", index_dir)
    assert code == 0 and "recycling centres" in out

    code, out, _ = run_cli(capsys, "list", "--index", index_dir)
    assert code == 0 and "2 papers" in out


def test_plain_report_has_a_summary_line(papers, index_dir, capsys):
    code, out, _ = run_cli(capsys, "index", str(papers), "--index", index_dir)
    assert code == 0 and "2 added" in out
    code, out, _ = run_cli(capsys, "index", str(papers), "--index", index_dir)
    assert code == 0 and "2 unchanged" in out


def test_index_uses_the_environment_default(papers, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNCILSEARCH_INDEX", str(tmp_path / "from-env"))
    assert run_cli(capsys, "index", str(papers), "--jobs", "1")[0] == 0
    assert store.open_index(str(tmp_path / "from-env"))


def test_failures_exit_2_by_name_and_keep_the_index_searchable(papers, index_dir, capsys):
    write(papers / "kent" / "broken.pdf", "not a pdf at all")
    code, out, err = run_cli(capsys, "index", str(papers), "--index", index_dir, "--jobs", "1")
    assert code == 2
    assert "kent/broken.pdf" in err and "corrupt" in err
    assert "1 failed" in out
    code, out, _ = run_cli(capsys, "list", "--index", index_dir, "--json")
    assert len(out.splitlines()) == 2


def test_usage_errors_exit_1(index_dir, tmp_path, capsys):
    code, _, err = run_cli(capsys, "index", str(tmp_path / "nowhere"), "--index", index_dir)
    assert code == 1 and "nowhere" in err
    assert run_cli(capsys, "index", "--index", index_dir)[0] == 1  # no PATH
    code, _, err = run_cli(capsys, "list", "--index", str(tmp_path / "no-index"))
    assert code == 1 and "no index" in err
    assert run_cli(capsys, "index", str(tmp_path), "--jobs", "0")[0] == 1


def test_show_unknown_paper_exits_1(papers, index_dir, capsys):
    run_cli(capsys, "index", str(papers), "--index", index_dir, "--jobs", "1")
    code, out, err = run_cli(capsys, "show", "000000000000", "--index", index_dir)
    assert code == 1 and "no paper" in err and out == ""


def test_show_a_file_not_indexed_says_why(papers, index_dir, capsys):
    # A twin (minutes.txt beside minutes.md, the same text) shows the twin kept; an exempt or
    # broken file is named with the reason it is not in the index.
    write(papers / "govan" / "minutes.txt", (papers / "govan" / "minutes.md").read_text(encoding="utf-8"))
    write(papers / "kent" / "tender.txt", "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of "
          "Schedule 12A of the Local Government Act 1972\n\nAppendix B - Tender evaluation\n")
    write(papers / "kent" / "broken.pdf", "not a pdf at all")
    run_cli(capsys, "index", str(papers), "--index", index_dir, "--jobs", "1")
    shown = {}
    for source in ("govan/minutes.md", "govan/minutes.txt"):
        shown[source] = run_cli(capsys, "show", source, "--index", index_dir, "--json")
    kept, twin = sorted(shown, key=lambda source: shown[source][2] != "")
    assert shown[kept][0] == 0 and shown[kept][2] == ""
    code, out, err = shown[twin]
    assert code == 0 and json.loads(out)["source"] == kept
    assert f"{twin} is the same paper as {kept}" in err
    code, out, err = run_cli(capsys, "show", "kent/tender.txt", "--index", index_dir)
    assert code == 1 and out == "" and "exempt from publication" in err and "Tender" not in err
    code, out, err = run_cli(capsys, "show", "kent/broken.pdf", "--index", index_dir)
    assert code == 1 and "kent/broken.pdf could not be indexed (corrupt" in err


def test_index_as_a_subprocess(papers, index_dir):
    done = subprocess.run([str(SCRIPT), "index", str(papers), "--index", index_dir, "--json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["added"] == 2


def test_kill_9_while_writing_leaves_a_working_index_and_the_next_run_completes(tmp_path):
    root = tmp_path / "many"
    count = 150
    for n in range(count):
        write(root / f"paper-{n:03}.txt",
              f"Paper {n}\n\n1.1 The hedge along lane {n} will be cut in autumn.\n")
    index_dir = tmp_path / "index"
    env = dict(os.environ, COUNCILSEARCH_COMMIT_EVERY="10")
    proc = subprocess.Popen([str(SCRIPT), "index", str(root), "--index", str(index_dir),
                             "--jobs", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        # _MAIN_2.toc: at least one batch was committed after the index was created
        while time.time() < deadline and not list(index_dir.glob("_MAIN_[2-9]*.toc")):
            time.sleep(0.01)
        assert proc.poll() is None, "finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)

    ix = store.open_index(str(index_dir))
    committed = len(store.read_manifest(ix))
    assert 0 < committed < count
    from whoosh.qparser import QueryParser
    with ix.searcher() as searcher:
        assert len(searcher.search(QueryParser("body", ix.schema).parse("hedge"), limit=None)) > 0

    done = subprocess.run([str(SCRIPT), "index", str(root), "--index", str(index_dir), "--json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)["counts"]
    assert counts["unchanged"] == committed and counts["added"] == count - committed
    assert len(store.read_manifest(store.open_index(str(index_dir)))) == count


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_subset_indexes(tmp_path, capsys):
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    subset = CORPUS / "govan-cc-scot"
    code, out, err = run_cli(capsys, "index", str(subset), "--index", str(tmp_path / "ix"),
                             "--json", "--jobs", "2")
    report = json.loads(out)
    assert code in (0, 2), err
    assert report["counts"]["added"] >= 20
    code, out, _ = run_cli(capsys, "list", "--index", str(tmp_path / "ix"), "--json")
    assert len(out.splitlines()) == report["counts"]["added"]


def test_a_second_writer_gets_a_clear_message(papers, index_dir, capsys):
    session = store.IndexWriterSession(index_dir)
    try:
        code, _, err = run_cli(capsys, "index", str(papers), "--index", index_dir, "--jobs", "1")
    finally:
        session.cancel()
    assert code == 1 and "another process" in err
