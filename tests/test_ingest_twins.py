"""Twin files: one paper published twice in a folder (minutes.pdf and minutes.txt) is indexed once."""

import os
import time

import pytest

from councilsearch import ingest, store
from test_ingest import pdf_bytes, write

MINUTES = [
    "Minutes of the meeting of Fernleigh Community Council held on Monday 4 March 2024",
    "Present: Cllr Ashdown (in the chair), Cllrs Bryony, Catterall and the Clerk.",
    "101. Apologies: Cllr Dunmore sent apologies for absence.",
    "102. Footpaths: the stile at Hollins Lane is broken and will be replaced in April.",
    "103. Finance: payments of £120.00 to the village hall were approved.",
    "104. Date of next meeting: Monday 8 April 2024.",
]
OTHER = [
    "Agenda of the Fernleigh Community Council allotments working group",
    "1. To review the waiting list for allotment plots at Mill Field.",
    "2. To agree the water charges for the coming season.",
]


def run(root, index_dir):
    return ingest.run_index([str(root)], index_dir, jobs=1, progress=False)


def indexed_sources(index_dir):
    return sorted(e.source for e in store.read_manifest(store.open_index(index_dir)).values())


def twins(tmp_path, txt_lines=MINUTES):
    root = tmp_path / "papers"
    write(root / "fernleigh" / "minutes" / "20240304.pdf", pdf_bytes(MINUTES))
    write(root / "fernleigh" / "minutes" / "20240304.txt", "\n\n".join(txt_lines) + "\n")
    return root


def test_text_overlap_is_one_for_the_same_words_and_low_for_other_text():
    same = " ".join(MINUTES)
    assert ingest.text_overlap(same, same.replace("  ", " ").upper()) == 1.0
    assert ingest.text_overlap(same, " ".join(OTHER)) < 0.1
    assert ingest.text_overlap("", same) == 0.0


def test_twin_with_the_same_text_is_a_duplicate_and_the_pdf_is_kept(tmp_path):
    root, index_dir = twins(tmp_path), str(tmp_path / "index")
    report = run(root, index_dir)
    assert indexed_sources(index_dir) == ["fernleigh/minutes/20240304.pdf"]
    assert report.duplicates == [{"source": "fernleigh/minutes/20240304.txt", "of": "fernleigh/minutes/20240304.pdf"}]
    assert report.counts()["duplicates"] == 1 and report.failed == [] and report.exit_code == 0
    assert "1 duplicates" in report.summary()


def test_unchanged_rerun_over_twins_changes_nothing_and_reads_nothing(tmp_path, monkeypatch):
    root, index_dir = twins(tmp_path), str(tmp_path / "index")
    run(root, index_dir)
    monkeypatch.setattr(ingest, "process_file", lambda task: (_ for _ in ()).throw(AssertionError(task["source"])))
    report = run(root, index_dir)
    assert report.counts() == {"added": 0, "updated": 0, "renamed": 0, "removed": 0, "unchanged": 1,
                               "skipped": 0, "failed": 0, "duplicates": 1}
    assert indexed_sources(index_dir) == ["fernleigh/minutes/20240304.pdf"]


@pytest.mark.parametrize("removed, added, left", [
    # The kept twin goes: the other one is a paper of its own now.
    ("20240304.pdf", ["fernleigh/minutes/20240304.txt"], "fernleigh/minutes/20240304.txt"),
    # The duplicate goes: the kept one is left alone.
    ("20240304.txt", [], "fernleigh/minutes/20240304.pdf"),
])
def test_removing_one_twin(tmp_path, removed, added, left):
    root, index_dir = twins(tmp_path), str(tmp_path / "index")
    run(root, index_dir)
    os.remove(root / "fernleigh" / "minutes" / removed)
    report = run(root, index_dir)
    assert report.added == added and report.duplicates == []
    assert report.removed == (["fernleigh/minutes/" + removed] if added else [])
    assert indexed_sources(index_dir) == [left]


def test_same_stem_with_different_text_indexes_both(tmp_path):
    root, index_dir = twins(tmp_path, txt_lines=OTHER), str(tmp_path / "index")
    report = run(root, index_dir)
    assert report.duplicates == []
    assert indexed_sources(index_dir) == ["fernleigh/minutes/20240304.pdf", "fernleigh/minutes/20240304.txt"]


def test_a_twin_added_later_is_judged_against_the_indexed_one(tmp_path):
    root, index_dir = tmp_path / "papers", str(tmp_path / "index")
    write(root / "fernleigh" / "minutes" / "20240304.txt", "\n\n".join(MINUTES) + "\n")
    run(root, index_dir)
    write(root / "fernleigh" / "minutes" / "20240304.pdf", pdf_bytes(MINUTES))
    report = run(root, index_dir)
    # The PDF keeps the page numbers, so it replaces the text copy indexed before.
    assert report.added == ["fernleigh/minutes/20240304.pdf"]
    assert report.duplicates == [{"source": "fernleigh/minutes/20240304.txt", "of": "fernleigh/minutes/20240304.pdf"}]
    assert indexed_sources(index_dir) == ["fernleigh/minutes/20240304.pdf"]


def test_a_twin_edited_into_another_paper_is_indexed_again(tmp_path):
    root, index_dir = twins(tmp_path), str(tmp_path / "index")
    run(root, index_dir)
    text_copy = root / "fernleigh" / "minutes" / "20240304.txt"
    write(text_copy, "\n\n".join(OTHER) + "\n")
    later = time.time() + 5
    os.utime(text_copy, (later, later))
    report = run(root, index_dir)
    assert report.added == ["fernleigh/minutes/20240304.txt"] and report.duplicates == []
    assert indexed_sources(index_dir) == ["fernleigh/minutes/20240304.pdf", "fernleigh/minutes/20240304.txt"]


def test_files_with_the_same_stem_in_other_folders_are_not_twins(tmp_path):
    root, index_dir = tmp_path / "papers", str(tmp_path / "index")
    write(root / "fernleigh" / "2024" / "minutes.pdf", pdf_bytes(MINUTES))
    write(root / "fernleigh" / "copies" / "minutes.txt", "\n\n".join(MINUTES) + "\n")
    report = run(root, index_dir)
    assert report.duplicates == [] and len(indexed_sources(index_dir)) == 2


def _result(candidate, paragraphs):
    from councilsearch.model import Paper, Paragraph

    paper = Paper(id=candidate.id, source=candidate.source, format=candidate.source.rsplit(".", 1)[-1],
                  paragraphs=[Paragraph(text=text, page=1, number=number) for number, text in paragraphs])
    return {"id": candidate.id, "status": "ok", "paper": paper}


def test_the_twin_that_recognised_more_numbered_paragraphs_is_kept_whatever_its_format(tmp_path):
    pdf = ingest.Candidate(str(tmp_path / "m.pdf"), str(tmp_path), "f/m.pdf", 1, 1.0)
    txt = ingest.Candidate(str(tmp_path / "m.txt"), str(tmp_path), "f/m.txt", 1, 1.0)
    items = [line.split(" ", 1)[1] for line in MINUTES[2:]]
    lost_numbers = _result(pdf, [(None, text) for text in items])  # a PDF whose layout hid the numbers
    numbered = _result(txt, [(str(101 + i), text) for i, text in enumerate(items)])
    assert ingest.find_duplicates([(pdf, lost_numbers), (txt, numbered)]) == {pdf.id: "f/m.txt"}
    same_numbers = _result(pdf, [(str(101 + i), text) for i, text in enumerate(items)])
    assert ingest.find_duplicates([(txt, numbered), (pdf, same_numbers)]) == {txt.id: "f/m.pdf"}
    failed = {"id": pdf.id, "status": "failed", "reason": "corrupt", "message": "bad"}
    assert ingest.find_duplicates([(pdf, failed), (txt, numbered)]) == {}
