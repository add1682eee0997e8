"""Ingestion: walking, the incremental rules, failures, exempt papers, the worker pool."""

import os
import time

import pytest

import councilsearch.extract as extract_module
from councilsearch import ingest, store

PAPER_A = """Library Roof Repairs

1. Summary

1.1 The library roof leaks and must be repaired before winter.

2. Recommendations

2.1 The Cabinet is asked to approve spending of £45,000 on the roof.
"""

PAPER_B = """Bridge Maintenance Programme

1.1 The footbridge over the river needs new decking.

1.2 Work will start in the spring.
"""

PAPER_C = """# Minutes of the Parish Council

The meeting discussed the allotments and the new bus shelter.
"""

EXEMPT = """NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A

Sale of the depot site

1.1 The confidential offer received for the depot is set out below.
"""


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a real text layer (Helvetica, one line per string)."""
    def esc(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "papers"
    write(root / "kent" / "roof.txt", PAPER_A)
    write(root / "kent" / "bridge.txt", PAPER_B)
    write(root / "govan" / "minutes.md", PAPER_C)
    return root


@pytest.fixture
def index_dir(tmp_path):
    return str(tmp_path / "index")


def run(root, index_dir, **kw):
    kw.setdefault("jobs", 1)
    kw.setdefault("progress", False)
    return ingest.run_index([str(root)], index_dir, **kw)


def hits(index_dir, word):
    from whoosh.qparser import QueryParser

    ix = store.open_index(index_dir)
    with ix.searcher() as searcher:
        query = QueryParser("body", ix.schema).parse(word)
        return sorted({hit["source"] for hit in searcher.search(query, limit=None)})


def indexed_sources(index_dir):
    return sorted(e.source for e in store.read_manifest(store.open_index(index_dir)).values())


@pytest.fixture
def no_extraction(monkeypatch):
    """Fail the test if any file is extracted (the cache or the manifest must serve)."""
    def refuse(path):
        raise AssertionError(f"extracted again: {path}")
    monkeypatch.setattr(extract_module, "extract", refuse)


# --- walking ---------------------------------------------------------------------------


def test_walk_finds_supported_files_and_skips_hidden_and_sidecars(tmp_path):
    root = tmp_path / "c"
    write(root / "a" / "x.pdf", b"%PDF")
    write(root / "a" / "x.pdf.json", "{}")
    write(root / "a" / "metadata.json", "{}")
    write(root / "MANIFEST.csv", "path\n")
    write(root / ".hidden.txt", "no")
    write(root / ".git" / "notes.txt", "no")
    write(root / "b" / "Notes.MD", "yes")
    write(root / "README.md", "about this collection")
    write(root / "SOURCES.md", "where the papers came from")
    found = ingest.walk([str(root)])
    assert sorted(c.source for c in found) == ["a/x.pdf", "b/Notes.MD"]
    assert {c.root for c in found} == {str(root)}


def test_walk_file_argument_and_missing_path(tmp_path):
    file = write(tmp_path / "one.txt", "hello")
    (candidate,) = ingest.walk([str(file)])
    assert (candidate.source, candidate.root) == ("one.txt", str(tmp_path))
    with pytest.raises(ingest.UsageError, match="no such file"):
        ingest.walk([str(tmp_path / "missing")])


def test_overlapping_paths_index_each_file_once(corpus):
    found = ingest.walk([str(corpus), str(corpus / "kent")])
    assert len(found) == 3


def test_source_folder_is_the_first_component():
    assert ingest.source_folder("kent/cabinet/a.pdf") == "kent"
    assert ingest.source_folder("a.pdf") == ""


# --- full build and the incremental rules -------------------------------------------------


def test_full_build_indexes_every_paper(corpus, index_dir):
    report = run(corpus, index_dir)
    assert report.exit_code == 0
    assert sorted(report.added) == ["govan/minutes.md", "kent/bridge.txt", "kent/roof.txt"]
    assert hits(index_dir, "roof") == ["kent/roof.txt"]
    assert hits(index_dir, "allotments") == ["govan/minutes.md"]
    ix = store.open_index(index_dir)
    with ix.searcher() as searcher:
        paper = store.load_paper(searcher, "kent/roof.txt")
    assert paper.id == store.paper_id(str(corpus), "kent/roof.txt")
    assert paper.source_folder == "kent" and paper.root == str(corpus)
    assert len(paper.sha256) == 64


def test_unchanged_rerun_touches_nothing(corpus, index_dir, no_extraction):
    run(corpus, index_dir, jobs=2)
    report = run(corpus, index_dir)
    assert report.counts() == {"added": 0, "updated": 0, "renamed": 0, "removed": 0,
                               "unchanged": 3, "skipped": 0, "failed": 0, "duplicates": 0}


@pytest.fixture
def built(corpus, index_dir):
    run(corpus, index_dir)
    return corpus


def test_modified_file_is_updated(built, index_dir):
    write(built / "kent" / "roof.txt", PAPER_A.replace("library", "museum").replace("Library", "Museum"))
    report = run(built, index_dir)
    assert report.updated == ["kent/roof.txt"] and report.unchanged == 2
    assert hits(index_dir, "museum") == ["kent/roof.txt"]
    assert hits(index_dir, "library") == []


def test_touched_file_is_unchanged_and_not_extracted(built, index_dir, no_extraction):
    path = built / "kent" / "roof.txt"
    os.utime(path, (time.time() + 100, time.time() + 100))
    report = run(built, index_dir)
    assert report.unchanged == 3 and not report.updated
    assert run(built, index_dir).unchanged == 3  # the new mtime was recorded


def test_deleted_file_is_removed(built, index_dir):
    (built / "kent" / "bridge.txt").unlink()
    report = run(built, index_dir)
    assert report.removed == ["kent/bridge.txt"]
    assert hits(index_dir, "footbridge") == []
    assert indexed_sources(index_dir) == ["govan/minutes.md", "kent/roof.txt"]


def test_renamed_file_is_not_duplicated_nor_extracted(built, index_dir, no_extraction):
    (built / "kent" / "bridge.txt").rename(built / "kent" / "footbridge.txt")
    report = run(built, index_dir)
    assert report.renamed == [{"from": "kent/bridge.txt", "to": "kent/footbridge.txt"}]
    assert report.added == [] and report.removed == []
    assert hits(index_dir, "footbridge") == ["kent/footbridge.txt"]
    assert len(store.read_manifest(store.open_index(index_dir))) == 3


def test_parser_change_reparses_from_the_cache(built, index_dir, monkeypatch, no_extraction):
    import councilsearch.parse as parse_module

    monkeypatch.setattr(parse_module, "PARSER_VERSION", "test-new", raising=False)
    report = run(built, index_dir)
    assert sorted(report.updated) == ["govan/minutes.md", "kent/bridge.txt", "kent/roof.txt"]
    assert hits(index_dir, "roof") == ["kent/roof.txt"]


def test_sidecar_change_reparses(built, index_dir):
    write(built / "kent" / "roof.txt.json", '{"committee": "Cabinet"}')
    report = run(built, index_dir)
    assert report.updated == ["kent/roof.txt"]


def test_a_new_file_is_added(built, index_dir):
    write(built / "kent" / "new.txt", "Parking charges\n\n1.1 Charges will rise in April.\n")
    report = run(built, index_dir)
    assert report.added == ["kent/new.txt"] and report.unchanged == 3


# --- failures ----------------------------------------------------------------------------


def test_corrupt_and_empty_files_fail_by_name_while_the_rest_indexes(corpus, index_dir):
    write(corpus / "kent" / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n")
    write(corpus / "kent" / "blank.txt", "")
    report = run(corpus, index_dir, jobs=2)
    assert report.exit_code == 2
    failed = {item["source"]: item["reason"] for item in report.failed}
    assert failed == {"kent/broken.pdf": "corrupt", "kent/blank.txt": "empty"}
    assert len(report.added) == 3
    assert hits(index_dir, "roof") == ["kent/roof.txt"]
    # the failures are remembered: an unchanged re-run reports them without opening them
    again = run(corpus, index_dir)
    assert {item["source"] for item in again.failed} == set(failed)
    assert again.unchanged == 3 and again.exit_code == 2


def test_a_file_that_becomes_unreadable_keeps_its_previous_version(built, index_dir):
    write(built / "kent" / "roof.txt", "")
    report = run(built, index_dir)
    assert [item["source"] for item in report.failed] == ["kent/roof.txt"]
    assert hits(index_dir, "roof") == ["kent/roof.txt"]  # last good version still served
    write(built / "kent" / "roof.txt", PAPER_A.replace("library", "archive"))
    report = run(built, index_dir)
    assert report.updated == ["kent/roof.txt"] and not report.failed
    assert hits(index_dir, "archive") == ["kent/roof.txt"]


def test_timeout_is_a_failure_not_a_hang(tmp_path, monkeypatch):
    def slow(path):
        time.sleep(5)
    monkeypatch.setattr(extract_module, "extract", slow)
    file = write(tmp_path / "p" / "slow.txt", "text")
    task = {"id": "x", "path": str(file), "root": str(file.parent), "source": "slow.txt",
            "cache": str(tmp_path / "cache"), "extractor_version": "1", "timeout": 0.2}
    started = time.perf_counter()
    result = ingest.process_file(task)
    assert result["status"] == "failed" and result["reason"] == "timeout"
    assert time.perf_counter() - started < 3


def test_unexpected_extractor_error_is_reported_not_raised(tmp_path, monkeypatch):
    def broken(path):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(extract_module, "extract", broken)
    root = tmp_path / "p"
    write(root / "a.txt", "text")
    report = run(root, str(tmp_path / "ix"))
    assert report.failed[0]["reason"] == "error" and "boom" in report.failed[0]["message"]


# --- exempt papers -----------------------------------------------------------------------


def test_exempt_paper_is_skipped_with_its_reason(corpus, index_dir):
    write(corpus / "kent" / "depot.txt", EXEMPT)
    report = run(corpus, index_dir)
    assert [item["source"] for item in report.skipped] == ["kent/depot.txt"]
    assert "exempt" in report.skipped[0]["reason"]
    assert report.exit_code == 0
    assert hits(index_dir, "depot") == []
    assert "kent/depot.txt" not in indexed_sources(index_dir)


def test_paper_that_becomes_exempt_is_removed(built, index_dir):
    write(built / "kent" / "bridge.txt", EXEMPT)
    report = run(built, index_dir)
    assert [item["source"] for item in report.skipped] == ["kent/bridge.txt"]
    assert "removed from the index" in report.skipped[0]["reason"]
    assert "kent/bridge.txt" not in indexed_sources(index_dir)
    assert hits(index_dir, "footbridge") == [] and hits(index_dir, "depot") == []


# --- real PDFs, the pool, the cache ----------------------------------------------------------


def test_generated_pdfs_index_in_parallel_and_fill_the_cache(tmp_path, index_dir):
    root = tmp_path / "pdfs"
    for n in range(4):
        write(root / f"report-{n}.pdf", pdf_bytes([f"Report number {n}", "",
                                                   f"1.1 The allotment rent rises by {n}.5 per cent."]))
    report = run(root, index_dir, jobs=2)
    assert report.exit_code == 0 and len(report.added) == 4
    assert len(hits(index_dir, "allotment")) == 4
    cached = os.listdir(store.cache_dir(index_dir))
    assert len([n for n in cached if n.endswith(".json.gz")]) == 4


def test_cache_entries_of_removed_files_are_pruned(built, index_dir):
    cache = store.cache_dir(index_dir)
    assert len(os.listdir(cache)) == 3
    (built / "kent" / "bridge.txt").unlink()
    run(built, index_dir)
    assert len(os.listdir(cache)) == 2


def test_missing_manifest_is_a_usage_error(corpus, index_dir, tmp_path):
    with pytest.raises(ingest.UsageError):
        run(corpus, index_dir, manifest_csv=str(tmp_path / "nope.csv"))


def test_manifest_rows_reach_the_parser(corpus, index_dir, tmp_path):
    manifest = write(tmp_path / "m.csv", "path,committee,meeting_date\n"
                                         "kent/bridge.txt,Highways Committee,2024-05-01\n")
    run(corpus, index_dir, manifest_csv=str(manifest), jobs=2)
    with store.open_index(index_dir).searcher() as searcher:
        paper = store.load_paper(searcher, "kent/bridge.txt")
    assert paper.committee == "Highways Committee" and paper.date == "2024-05-01"


def test_a_collections_own_manifest_is_read_without_the_option(corpus, index_dir):
    write(corpus / "MANIFEST.csv", "path,committee,meeting_date\n"
                                   "kent/bridge.txt,Highways Committee,2024-05-01\n")
    run(corpus, index_dir)
    with store.open_index(index_dir).searcher() as searcher:
        paper = store.load_paper(searcher, "kent/bridge.txt")
    assert paper.committee == "Highways Committee" and paper.date == "2024-05-01"


def test_a_csv_named_manifest_without_paths_is_ignored(corpus, index_dir):
    write(corpus / "manifest.csv", "name,notes\nx,y\n")
    report = run(corpus, index_dir)
    assert not report.failed and len(report.added) == 3


def test_a_bundled_manifest_that_is_not_utf8_is_ignored(corpus, index_dir):
    (corpus / "MANIFEST.csv").write_bytes("path,committee\nkent/bridge.txt,Comit\xe9\n".encode("latin-1"))
    report = run(corpus, index_dir)
    assert not report.failed and len(report.added) == 3


def test_a_given_manifest_that_is_not_utf8_is_a_usage_error(corpus, index_dir, tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_bytes("path,committee\nkent/bridge.txt,Comit\xe9\n".encode("latin-1"))
    with pytest.raises(ingest.UsageError, match="UTF-8"):
        run(corpus, index_dir, manifest_csv=str(manifest))


# --- progress ----------------------------------------------------------------------------


class FakeTerminal:
    def __init__(self, tty):
        self.tty, self.written = tty, []

    def isatty(self):
        return self.tty

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_progress_bar_on_a_terminal_and_silence_otherwise():
    terminal = FakeTerminal(True)
    bar = ingest.Progress(2, stream=terminal)
    bar.step({"source": "kent/a.pdf", "status": "ok"})
    bar.step({"source": "kent/b.pdf", "status": "ok"})
    bar.close()
    assert any("2/2" in text and "kent/b.pdf" in text for text in terminal.written)
    pipe = FakeTerminal(False)
    bar = ingest.Progress(1, stream=pipe)
    bar.step({"source": "kent/a.pdf", "status": "failed"})
    bar.close()
    assert pipe.written == []


def test_report_json_has_every_category(corpus, index_dir):
    data = run(corpus, index_dir).to_dict()
    assert set(data["counts"]) == {"added", "updated", "renamed", "removed", "unchanged",
                                   "skipped", "failed", "duplicates"}
    assert data["counts"]["added"] == 3 and data["added"] == sorted(data["added"])


def test_an_index_inside_the_papers_folder_is_not_walked(corpus):
    index_dir = str(corpus / "index")
    run(corpus, index_dir)
    write(corpus / "index" / "notes.txt", "not a paper")
    report = run(corpus, index_dir)
    assert report.files == 3 and report.unchanged == 3


# --- a new tokeniser ---------------------------------------------------------------------


def test_an_index_made_with_another_tokeniser_is_rebuilt_whole(corpus, index_dir, monkeypatch, capsys):
    from councilsearch import analysis

    write(corpus / "kent" / "rates.txt", "Councillors asked for a rate reduction/rebate for shops.\n")
    monkeypatch.setattr(analysis, "TOKEN_PATTERN", r"£?\w+(?:[.,/'’-]\w+)*")  # the old: "/" joined words
    monkeypatch.setattr(analysis, "TOKENISER_VERSION", "1")
    run(corpus, index_dir)
    assert not store.tokens_current(store.open_index(index_dir).schema)
    assert hits(index_dir, "rebate") == []
    monkeypatch.undo()
    from councilsearch.cli import main

    assert main(["search", "rebate", "--index", index_dir]) == 0
    assert "made by an older version" in capsys.readouterr().err

    def refuse(path):
        raise AssertionError(f"extracted again: {path}")
    monkeypatch.setattr(extract_module, "extract", refuse)  # re-parsed from the cache
    counts = run(corpus, index_dir).counts()
    assert counts["updated"] == 4 and counts["added"] == 0
    ix = store.open_index(index_dir)
    assert store.tokens_current(ix.schema)
    assert hits(index_dir, "rebate") == ["kent/rates.txt"]
    with ix.searcher() as searcher:  # the old copies are gone, not just deleted
        assert searcher.doc_count() == searcher.doc_count_all()
    assert run(corpus, index_dir).counts()["updated"] == 0


def test_adding_papers_to_an_older_index_keeps_the_others(corpus, index_dir, monkeypatch):
    # Only an index run puts every paper again, so only it may start the index afresh.
    from councilsearch import analysis
    from councilsearch.model import Paper, Paragraph

    monkeypatch.setattr(analysis, "TOKEN_PATTERN", r"£?\w+(?:[.,/'’-]\w+)*")
    run(corpus, index_dir)
    monkeypatch.undo()
    before = indexed_sources(index_dir)
    store.add_papers(index_dir, [Paper(id="extra", source="extra.txt", format="txt", title="Extra",
                                       paragraphs=[Paragraph("The bus shelter was mended.", 1)])])
    assert indexed_sources(index_dir) == sorted(before + ["extra.txt"])
