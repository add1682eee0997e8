"""Sidecar metadata: where it is found, what wins, and published_for."""

from __future__ import annotations

import json

import pytest

from councilsearch.model import Document, Line, Page
from councilsearch.parse import parse
from councilsearch.parse.sidecar import ManifestError, find_sidecar, load_manifest


def make_document(specs: list[str]) -> Document:
    page = Page(number=1)
    for i, spec in enumerate(specs):
        bold = spec.startswith("**")
        text = spec[2:] if bold else spec
        page.lines.append(Line(text=text, page=1, x0=72, top=60 + 20 * i, bottom=72 + 20 * i, size=12, bold=bold))
    return Document(path="x.pdf", format="pdf", pages=[page])


@pytest.fixture
def kent_tree(tmp_path):
    """A Kent-like tree: metadata.json in the meeting folder lists files by a path from the council folder."""
    meeting = tmp_path / "kent-cc" / "cabinet" / "2025-01-30"
    (meeting / "originals").mkdir(parents=True)
    report = meeting / "originals" / "24-00108 - PROD.pdf"
    report.write_bytes(b"%PDF-1.4")
    other = meeting / "originals" / "unlisted.pdf"
    other.write_bytes(b"%PDF-1.4")
    entries = [
        {"filename": "24-00108 - PROD.pdf", "path": "cabinet/2025-01-30/originals/24-00108 - PROD.pdf",
         "committee": "cabinet", "meeting_date": "2025-01-30", "url": "https://example.org/prod.pdf"},
    ]
    (meeting / "metadata.json").write_text(json.dumps(entries), encoding="utf-8")
    return tmp_path, report, other


def test_metadata_json_in_a_parent_folder_lists_the_file(kent_tree):
    root, report, other = kent_tree
    assert find_sidecar(report, root, None) == {
        "committee": "cabinet", "date": "2025-01-30", "url": "https://example.org/prod.pdf"}
    assert find_sidecar(other, root, None) is None


def test_beside_json_and_manifest_override_in_that_order(kent_tree, tmp_path):
    root, report, _ = kent_tree
    beside = report.with_name(report.name + ".json")
    beside.write_text(json.dumps({"committee": "Cabinet", "date": "2025-02-01", "title": "Budget monitoring"}), encoding="utf-8")
    assert find_sidecar(report, root, None)["date"] == "2025-02-01"
    manifest_file = tmp_path / "manifest.csv"
    manifest_file.write_text(
        "path,committee,meeting_date,council\n"
        "kent-cc/cabinet/2025-01-30/originals/24-00108 - PROD.pdf,Cabinet,2025-01-31,Kent County Council (England)\n",
        encoding="utf-8",
    )
    manifest = load_manifest(manifest_file)
    found = find_sidecar(report, root, manifest)
    assert found["date"] == "2025-01-31"
    assert found["council"] == "Kent County Council"
    assert found["title"] == "Budget monitoring"
    # A manifest written relative to a parent of the root still matches.
    assert find_sidecar(report, root / "kent-cc", manifest)["date"] == "2025-01-31"


def test_manifest_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("file,committee\nx.pdf,Cabinet\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="path"):
        load_manifest(bad)
    with pytest.raises(ManifestError, match="cannot read"):
        load_manifest(tmp_path / "missing.csv")


def test_unreadable_metadata_json_is_ignored(tmp_path):
    (tmp_path / "metadata.json").write_text("{not json", encoding="utf-8")
    paper = tmp_path / "a.pdf"
    paper.write_bytes(b"%PDF")
    assert find_sidecar(paper, tmp_path, None) is None


REPORT = [
    "From: Robert Gale, Leader of the Council",
    "To: County Council – 9th January 2025",
    "Subject: Regional Governance Green Paper",
]


def test_sidecar_slug_does_not_replace_the_printed_committee_name():
    paper = parse(make_document(REPORT), "kent-cc/full_council/x.pdf", {"committee": "full_council", "date": "2025-01-09"})
    assert paper.committee == "County Council"
    assert paper.published_for is None


def test_sidecar_overrides_extraction_for_a_report():
    paper = parse(make_document(REPORT), "kent-cc/x.pdf", {"committee": "Extraordinary County Council", "date": "2025-01-10",
                                                             "title": "Devolution", "council": "Kent County Council"})
    assert (paper.committee, paper.date, paper.title, paper.council) == (
        "Extraordinary County Council", "2025-01-10", "Devolution", "Kent County Council")


def test_slug_is_title_cased_only_as_a_fallback():
    paper = parse(make_document(["**Glossary", "Capital: money."]), "kent-cc/g.pdf", {"committee": "full_council"})
    assert paper.committee == "Full Council"


def test_minutes_of_another_meeting_keep_their_own_and_record_published_for():
    minutes = [
        "**MINUTES of a meeting of the Cabinet held on Thursday, 9 January 2025.",
        "PRESENT: Mr R Gale (Chairman), Mrs S Chandler",
        "**1. Apologies",
        "None.",
    ]
    paper = parse(make_document(minutes), "kent-cc/cabinet/2025-01-30/originals/Minutes.pdf",
                  {"committee": "cabinet", "date": "2025-01-30"})
    assert paper.doc_type == "minutes"
    assert (paper.committee, paper.date) == ("Cabinet", "2025-01-09")
    assert paper.published_for == {"committee": "Cabinet", "date": "2025-01-30"}
    assert paper.portfolio_holder == "R Gale"


def test_panel_minutes_filed_with_full_council_papers():
    minutes = [
        "**CORPORATE PARENTING PANEL – 10th December 2024",
        "**MINUTES of the meeting held in the Darent Room, Sessions House.",
        "PRESENT: Shellina Prendergast (Chair), Paul Bartlett (Vice-Chair)",
    ]
    paper = parse(make_document(minutes), "kent-cc/full_council/2025-03-13/originals/CPP Minutes.pdf",
                  {"committee": "full_council", "date": "2025-03-13"})
    assert (paper.committee, paper.date) == ("Corporate Parenting Panel", "2024-12-10")
    assert paper.published_for == {"committee": "Full Council", "date": "2025-03-13"}
    assert paper.portfolio_holder == "Shellina Prendergast"


def test_full_council_slug_of_a_county_council_reads_county_council():
    paper = parse(make_document(["**Glossary", "Capital: money."]), "kent-cc/g.pdf",
                  {"committee": "full_council", "council": "Kent County Council"})
    assert paper.committee == "County Council"
    paper = parse(make_document(["**Glossary", "Capital: money."]), "x/g.pdf",
                  {"committee": "full_council", "council": "Bristol City Council"})
    assert paper.committee == "Full Council"


def test_the_council_the_paper_prints_beats_the_collections_label():
    # A renamed council: its older minutes print the old name; the collection uses the new.
    minutes = ["**ELMSWORTH COMMUNITY COUNCIL", "**Minutes of the meeting held on Monday 6 March 2017",
               "Present: Cllr A Brook (Chair)", "1. Apologies", "None."]
    paper = parse(make_document(minutes), "riverside-cc/minutes/20170306.pdf",
                  {"council": "Riverside Valley Community Council"})
    assert paper.council == "Elmsworth Community Council"
    unnamed = parse(make_document(minutes[1:]), "riverside-cc/minutes/20170306.pdf",
                    {"council": "Riverside Valley Community Council"})
    assert unnamed.council == "Riverside Valley Community Council"
