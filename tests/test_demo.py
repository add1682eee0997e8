"""The demo council: reproducible to the byte, every kind of paper present, and a ground
truth that is true of the papers actually written (read back with pdfminer, zipfile, ...)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from councilsearch.cli import main
from councilsearch.demo import generate as generate_module
from councilsearch.demo.generate import TRUTH_DIR, GenerateError, generate
from councilsearch.demo.prose import UNANSWERABLE

SMALL = 40
SEED = 3


# --- helpers -------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def tree_digest(root: Path) -> str:
    """One hash over every file's relative path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _row_text(chars) -> str:
    text, prev = "", None
    for c in sorted(chars, key=lambda c: c.x0):
        if prev is not None and c.x0 - prev.x1 > 0.15 * c.size:
            text += " "
        text += c.get_text()
        prev = c
    return text


def pdf_pages_text(path: Path, two_columns: bool, gutter=(288.0, 307.0)) -> list[str]:
    """Each page's text rebuilt from pdfminer's characters by baseline.

    pdfminer's own box analysis splits justified lines apart, so it is not used; on a
    two-column page, rows that do not cross the gutter are read left column first, and
    the running header and footer (in the top and bottom margins) go first and last.
    """
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=None)
    interpreter = PDFPageInterpreter(rsrc, device)
    pages = []
    with open(path, "rb") as fp:
        for pdf_page in PDFPage.get_pages(fp):
            interpreter.process_page(pdf_page)
            rows: dict[int, list] = {}
            for ch in device.get_result():
                if isinstance(ch, LTChar):
                    rows.setdefault(-round(ch.y0), []).append(ch)
            height = pdf_page.mediabox[3]
            body = []
            margins, full, left, right, footer = [], [], [], [], []
            for y in sorted(rows):
                from_top = height + y  # y is minus the glyphs' bottom above the page bottom
                if from_top < 60 or from_top > 795:
                    (margins if from_top < 60 else footer).append(_row_text(rows[y]))
                else:
                    body.append(rows[y])
            # Full-width text (title, header block) sits above the columns: everything down
            # to the last row that crosses the gutter. Column text never does.
            crossing = [i for i, chars in enumerate(body)
                        if any(c.x1 > gutter[0] and c.x0 < gutter[1] for c in chars)]
            split_from = (crossing[-1] + 1 if crossing else 0) if two_columns else len(body)
            full = [_row_text(chars) for chars in body[:split_from]]
            for chars in body[split_from:]:
                for part, out in (([c for c in chars if c.x0 < gutter[0]], left),
                                  ([c for c in chars if c.x0 >= gutter[0]], right)):
                    if part:
                        out.append(_row_text(part))
            pages.append("\n".join(margins + full + left + right + footer))
    return pages


def paper_text(out: Path, record: dict) -> str:
    path = out / record["path"]
    fmt = record["format"]
    if fmt == "pdf":
        text = "\n".join(pdf_pages_text(path, record["layout"] == "twocol"))
    elif fmt == "docx":
        root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        text = "\n".join("".join(t.text or "" for t in p.iter(w + "t")) + " " for p in root.iter(w + "p"))
    elif fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    else:  # Markdown as read: without the emphasis marks and backslash escapes
        text = re.sub(r"\*\*|\\(?=[\\*_])", "", path.read_text(encoding="utf-8"))
    return collapse(text)


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "council"
    generate(out, papers=SMALL, seed=SEED)
    return out


@pytest.fixture(scope="module")
def metadata(council) -> list[dict]:
    return read_jsonl(council / TRUTH_DIR / "metadata.jsonl")


@pytest.fixture(scope="module")
def texts(council, metadata) -> dict[str, str]:
    return {m["path"]: paper_text(council, m) for m in metadata}


# --- reproducibility and completeness ------------------------------------------------


def test_same_seed_gives_the_same_bytes(council, tmp_path):
    again = tmp_path / "again"
    generate(again, papers=SMALL, seed=SEED)
    assert tree_digest(again) == tree_digest(council)


def test_same_bytes_whatever_the_string_hash_seed(tmp_path):
    """Separate processes with different PYTHONHASHSEED: no set or dict order leaks into the output."""
    import os
    import subprocess
    import sys

    outs = []
    for hash_seed in ("1", "12345"):
        out = tmp_path / f"h{hash_seed}"
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-m", "councilsearch.cli", "generate", str(out), "--papers", "25"],
                       check=True, env=env, capture_output=True)
        outs.append(tree_digest(out))
    assert outs[0] == outs[1]


def test_another_seed_gives_other_papers(council, tmp_path):
    other = tmp_path / "other"
    generate(other, papers=SMALL, seed=SEED + 1)
    assert tree_digest(other) != tree_digest(council)


def test_writes_exactly_the_papers_asked_for(council, metadata):
    papers = [p for p in council.rglob("*") if p.is_file() and TRUTH_DIR not in p.parts]
    assert len(papers) == SMALL == len(metadata)
    assert sorted(p.relative_to(council).as_posix() for p in papers) == sorted(m["path"] for m in metadata)


def test_every_kind_of_paper_and_format_is_present(metadata):
    assert {m["doc_type"] for m in metadata} >= {"report", "agenda", "minutes", "decision", "appendix"}
    assert {m["format"] for m in metadata} >= {"pdf", "docx", "html", "md"}
    assert any(m["exempt"] for m in metadata)
    notes = " ".join(m["notes"] for m in metadata)
    assert "table header" in notes and "memo header" in notes  # both report layouts


def test_the_committees_and_years_of_a_real_council(council):
    info = json.loads((council / TRUTH_DIR / "council.json").read_text(encoding="utf-8"))
    assert len(info["portfolios"]) == 3  # three municipal years
    years = list(info["portfolios"].values())
    changed = [p for p in years[0] if any(y[p] != years[0][p] for y in years[1:])]
    assert changed, "portfolios must change hands at an annual meeting"
    assert {"Chief Executive", "Director of Resources", "Head of Planning"} <= set(info["officers"])


# --- the files themselves -------------------------------------------------------------


def test_pdfs_open_with_pdfminer_with_the_recorded_page_count(council, metadata):
    for m in (m for m in metadata if m["format"] == "pdf"):
        pages = pdf_pages_text(council / m["path"], m["layout"] == "twocol")
        assert len(pages) == m["pages"], m["path"]
        assert all(len(page) > 40 for page in pages), m["path"]
        for number, page in enumerate(pages, 1):  # every footer: "Page n of N", or a bare "n"
            rows = [row.strip() for row in page.splitlines()]
            assert f"Page {number} of {len(pages)}" in rows or str(number) in rows, (m["path"], number)


def test_docx_is_a_minimal_valid_package(council, metadata):
    for m in (m for m in metadata if m["format"] == "docx"):
        with zipfile.ZipFile(council / m["path"]) as z:
            assert z.testzip() is None
            names = set(z.namelist())
            assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
            for name in names:
                ET.fromstring(z.read(name))  # every part is well-formed XML


def test_html_escapes_and_declares_utf8(council, metadata):
    for m in (m for m in metadata if m["format"] == "html"):
        page = (council / m["path"]).read_text(encoding="utf-8")
        assert '<meta charset="utf-8">' in page
        assert "<script" not in page.lower()


# --- the ground truth ------------------------------------------------------------------


def test_answer_strings_occur_verbatim_in_their_source(council, texts):
    questions = read_jsonl(council / TRUTH_DIR / "questions.jsonl")
    answerable = [q for q in questions if q["type"] != "unanswerable"]
    assert len(answerable) >= 20
    assert {q["type"] for q in questions} >= {"decision", "amount", "date", "who", "fact", "unanswerable"}
    for q in answerable:
        assert q["answer_contains"], q["id"]
        for s in q["answer_contains"]:
            assert s in texts[q["source"]], (q["id"], q["source"], s)
    assert len({q["id"] for q in questions}) == len(questions)


def test_questions_are_not_copies_of_the_sentences(council):
    for q in read_jsonl(council / TRUTH_DIR / "questions.jsonl"):
        for s in q["answer_contains"]:
            assert s.lower() not in q["question"].lower(), q["id"]


def test_recommendations_in_the_truth_appear_in_the_papers(council, metadata, texts):
    paragraphs = {p["path"]: p for p in read_jsonl(council / TRUTH_DIR / "paragraphs.jsonl")}
    for m in metadata:
        record = paragraphs[m["path"]]
        assert m["recommendations_count"] == len(record["recommendations"])
        if m["first_recommendation_contains"]:
            assert m["first_recommendation_contains"] in texts[m["path"]], m["path"]
        for para in record["paragraphs"]:
            assert 1 <= para["page"] <= para["page_end"] <= m["pages"]
            if para["page"] == para["page_end"]:
                assert collapse(para["text"]) in texts[m["path"]], (m["path"], para["number"])
            else:  # running header and footer fall inside a paragraph broken across pages
                assert " ".join(para["text"].split()[:6]) in texts[m["path"]], (m["path"], para["number"])
    reports = [m for m in metadata if m["doc_type"] == "report" and not m["exempt"]]
    assert all(m["recommendations_count"] >= 1 and m["report_author"] for m in reports)


def test_header_facts_in_the_truth_are_printed_in_the_paper(metadata, texts):
    """The metadata records what a careful reader finds on the paper's own pages."""
    for m in metadata:
        text = texts[m["path"]]
        assert m["title"] in text, m["path"]
        for name in filter(None, (m["portfolio_holder"] or "").split("; ")):
            assert name in text, (m["path"], name)
        for name in m["report_author"]:
            assert name in text, (m["path"], name)
        if m["agenda_item"]:
            assert re.search(rf"agenda item(?: no\.)?:? {m['agenda_item']}\b", text, re.I), m["path"]
        if m["classification"]:
            assert m["classification"] in text, m["path"]


def test_who_answers_match_the_portfolio_held_at_the_time(council):
    info = json.loads((council / TRUTH_DIR / "council.json").read_text(encoding="utf-8"))
    for q in read_jsonl(council / TRUTH_DIR / "questions.jsonl"):
        if q["type"] != "who" or "portfolio" not in q["question"].lower():
            continue
        year, month = int(q["date"][:4]), int(q["date"][5:7])
        start = year if month >= 5 else year - 1
        holders = info["portfolios"][f"{start}/{(start + 1) % 100:02d}"].values()
        assert q["answer"] in holders, q["id"]


def test_exempt_paper_is_flagged_and_its_secrets_stay_in_it(council, metadata, texts):
    exempt = [m for m in metadata if m["exempt"]]
    assert exempt
    questions = read_jsonl(council / TRUTH_DIR / "questions.jsonl")
    for m in exempt:
        text = texts[m["path"]]
        assert "NOT FOR PUBLICATION" in text and "Part 1 of Schedule 12A" in text
        assert m["classification"] == "Exempt"
        assert all(q["source"] != m["path"] for q in questions)
        offer = re.search(r"The highest offer, of (£\d{1,3}(?:,\d{3})*)", text).group(1)
        leaks = [p for p, t in texts.items() if p != m["path"] and offer in t]
        assert not leaks, f"the exempt offer {offer} is printed in {leaks}"
    # Public papers that only mention Schedule 12A (the agenda's exclusion item) are not exempt.
    assert any("Schedule 12A" in texts[m["path"]] and not m["exempt"] for m in metadata)


def test_unanswerable_questions_have_no_answer_anywhere(council, texts):
    questions = {q["question"] for q in read_jsonl(council / TRUTH_DIR / "questions.jsonl")
                 if q["type"] == "unanswerable"}
    assert questions
    for question, word in UNANSWERABLE:
        if question in questions:
            assert not any(re.search(rf"\b{word}\b", t, re.I) for t in texts.values()), word


# --- the commands ---------------------------------------------------------------------


def test_generate_command_writes_a_council(tmp_path, capsys):
    out = tmp_path / "council"
    assert main(["generate", str(out), "--papers", "25", "--seed", "9"]) == 0
    assert "Wrote 25 papers" in capsys.readouterr().out
    assert len(read_jsonl(out / TRUTH_DIR / "metadata.jsonl")) == 25


def test_generate_rejects_bad_sizes_and_foreign_folders(tmp_path, capsys):
    assert main(["generate", str(tmp_path / "a"), "--papers", "3"]) == 1
    assert "--papers must be between" in capsys.readouterr().err
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    assert main(["generate", str(foreign)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (foreign / "notes.txt").read_text() == "keep me"
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(GenerateError):
        generate(a_file, papers=25)


def test_generating_again_replaces_the_previous_council(tmp_path):
    out = tmp_path / "council"
    generate(out, papers=30, seed=1)
    generate(out, papers=25, seed=2)
    papers = [p for p in out.rglob("*") if p.is_file() and TRUTH_DIR not in p.parts]
    assert len(papers) == 25


def test_an_interrupted_generation_can_be_run_again(tmp_path, monkeypatch):
    out = tmp_path / "council"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(generate_module, "write_jsonl", crash)
    with pytest.raises(KeyboardInterrupt):
        generate(out, papers=25)
    assert not generate_module.is_generated(out)
    monkeypatch.undo()
    generate(out, papers=25)
    assert generate_module.is_generated(out)


@pytest.mark.slow
def test_demo_generates_indexes_and_leaves_the_exempt_paper_out(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(generate_module, "DEFAULT_PAPERS", 30)
    folder, index = tmp_path / "demo-council", tmp_path / "index"
    assert main(["demo", "--dir", str(folder), "--index", str(index), "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert "A first search" in out
    metadata = read_jsonl(folder / TRUTH_DIR / "metadata.jsonl")
    sources = indexed_sources(index)
    assert not sources & {m["path"] for m in metadata if m["exempt"]}
    public = {m["path"] for m in metadata if not m["exempt"]}
    assert sources <= public
    assert sources == public
    # A second run reuses the council and finds nothing new to index.
    assert main(["demo", "--dir", str(folder), "--index", str(index), "--no-serve"]) == 0
    assert "already in" in capsys.readouterr().out


def indexed_sources(index: Path) -> set[str]:
    from councilsearch.store import open_index

    with open_index(str(index)).searcher() as searcher:
        return {doc["source"] for doc in searcher.documents(kind="paper")}


@pytest.mark.slow
def test_public_agenda_listing_part_two_items_is_indexed(tmp_path):
    """An agenda's "PART II – EXEMPT ITEMS" heading lists exempt business; the agenda itself is public."""
    folder, index = tmp_path / "council", tmp_path / "index"
    generate(folder, papers=30, seed=1)
    metadata = read_jsonl(folder / TRUTH_DIR / "metadata.jsonl")
    agendas = {m["path"] for m in metadata if m["doc_type"] == "agenda"}
    with_part_two = [p for p in agendas if "PART II" in paper_text(folder, next(m for m in metadata if m["path"] == p))]
    assert with_part_two
    assert main(["index", str(folder), "--index", str(index)]) in (0, 2)
    assert agendas - indexed_sources(index) == set()


def test_full_council_minutes_and_agendas_are_labelled_with_the_councils_name(council, metadata, texts):
    """As real councils' papers are labelled: "the Council" under the council's printed name is
    that council; a report's "Report to: Council" header keeps the name it prints."""
    from councilsearch.demo.names import COUNCIL_NAME

    full = [m for m in metadata if m["path"].split("/")[1] == "council"]
    assert any(m["doc_type"] in ("minutes", "agenda") for m in full)
    for m in full:
        if m["doc_type"] in ("minutes", "agenda"):
            assert m["committee"] == COUNCIL_NAME, m["path"]
            assert COUNCIL_NAME.upper() in texts[m["path"]], m["path"]
        else:
            assert m["committee"] == "Council", m["path"]
