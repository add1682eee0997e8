"""The store: schema, manifest on the paper docs, extraction cache, the one writer."""

import gzip
import os

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.qparser import QueryParser

from councilsearch import store
from councilsearch.model import Document, Line, Page, Paper, Paragraph, Person


def make_paper(pid="p1", source="kent/a.pdf", text="The library roof will be repaired.", **kw):
    fields = {
        "id": pid, "source": source, "format": "pdf", "sha256": "aa" * 32, "root": "/data",
        "committee": "Cabinet", "date": "2025-01-30", "title": "Library repairs",
        "doc_type": "report",
        "authors": [Person("Jane Roe", "Report Author")],
        "portfolio_holders": [Person("Cllr Smith", "Cabinet Member")],
        "recommendations": ["Approve the repairs"],
        "paragraphs": [Paragraph(text=text, page=1, number="1.1", heading="Summary"),
                       Paragraph(text="Approve the repairs.", page=2, number="1.1",
                                 kind="recommendation")],
        "pages": 2,
    }
    fields.update(kw)
    return Paper(**fields)


def search_ids(index_dir, text, field="body"):
    ix = store.open_index(index_dir)
    with ix.searcher() as searcher:
        query = QueryParser(field, ix.schema).parse(text)
        return sorted(hit["id"] for hit in searcher.search(query, limit=None))


def test_paper_id_is_stable_and_depends_on_root_and_source():
    a = store.paper_id("/corpus", "kent/a.pdf")
    assert a == store.paper_id("/corpus/", "kent/a.pdf")
    assert len(a) == 12 and int(a, 16) >= 0
    assert a != store.paper_id("/other", "kent/a.pdf")
    assert a != store.paper_id("/corpus", "kent/b.pdf")


def test_add_papers_replaces_and_read_manifest_comes_from_paper_docs(tmp_path):
    index_dir = str(tmp_path / "ix")
    store.add_papers(index_dir, [make_paper()])
    store.add_papers(index_dir, [make_paper(text="The bridge will be rebuilt.", sha256="bb" * 32)])
    assert search_ids(index_dir, "roof") == []
    assert search_ids(index_dir, "bridge") == ["p1", "p1#p-1-1"]
    manifest = store.read_manifest(store.open_index(index_dir))
    assert list(manifest) == ["p1"]
    assert manifest["p1"].sha256 == "bb" * 32 and manifest["p1"].root == "/data"


def test_duplicate_paragraph_numbers_get_unique_anchors(tmp_path):
    paper = make_paper()
    assert store.paragraph_anchors(paper) == ["p-1-1", "p-1-1-1"]
    ids = [doc["id"] for doc in store.paper_documents(paper)]
    assert len(ids) == len(set(ids))


def test_exempt_paper_never_reaches_the_index(tmp_path):
    index_dir = str(tmp_path / "ix")
    store.add_papers(index_dir, [make_paper()])
    store.add_papers(index_dir, [make_paper(exempt=True, exempt_reason="Part II")])
    assert search_ids(index_dir, "library") == []
    assert store.read_manifest(store.open_index(index_dir)) == {}


def test_writer_session_stores_stat_and_build_and_removes(tmp_path):
    index_dir = str(tmp_path / "ix")
    session = store.IndexWriterSession(index_dir)
    session.put(make_paper("p1"), size=10, mtime=1.5, build="b1")
    session.put(make_paper("p2", source="kent/b.pdf"), size=20, mtime=2.5, build="b1")
    session.commit()
    manifest = store.read_manifest(store.open_index(index_dir))
    assert (manifest["p2"].size, manifest["p2"].mtime, manifest["p2"].build) == (20, 2.5, "b1")
    session = store.IndexWriterSession(index_dir)
    session.remove("p1")
    session.commit()
    assert search_ids(index_dir, "library", field="title") == ["p2", "p2#p-1-1", "p2#p-1-1-1"]


def test_batched_commits_are_visible_before_the_end(tmp_path):
    index_dir = str(tmp_path / "ix")
    session = store.IndexWriterSession(index_dir, commit_every=2)
    for n in range(3):
        session.put(make_paper(f"p{n}", source=f"s{n}.pdf"))
    # two papers were committed in a batch; the third is still pending
    assert sorted(store.read_manifest(store.open_index(index_dir))) == ["p0", "p1"]
    session.cancel()
    assert sorted(store.read_manifest(store.open_index(index_dir))) == ["p0", "p1"]


def test_second_writer_is_refused_while_one_is_open(tmp_path):
    index_dir = str(tmp_path / "ix")
    first = store.IndexWriterSession(index_dir)
    with pytest.raises(store.IndexBusy):
        store.IndexWriterSession(index_dir)
    first.cancel()
    store.IndexWriterSession(index_dir).cancel()  # free again


def test_stale_lock_file_does_not_block(tmp_path):
    index_dir = str(tmp_path / "ix")
    store.add_papers(index_dir, [make_paper()])
    # what a kill -9 leaves: the lock file itself (the fcntl lock died with the process)
    (tmp_path / "ix" / "MAIN_WRITELOCK").write_text("")
    store.add_papers(index_dir, [make_paper("p2", source="other.pdf")])
    assert sorted(store.read_manifest(store.open_index(index_dir))) == ["p1", "p2"]


def test_index_from_an_older_schema_gains_new_fields(tmp_path):
    index_dir = str(tmp_path / "ix")
    full = store.build_schema()
    old = Schema(**{name: full[name] for name in full.names()
                    if name not in ("root", "size", "mtime", "build")})
    os.makedirs(index_dir)
    whoosh_index.create_in(index_dir, old)
    store.add_papers(index_dir, [make_paper()])
    ix = store.open_index(index_dir)
    assert "root" in ix.schema and "build" in ix.schema
    assert store.read_manifest(ix)["p1"].root == "/data"


def test_open_index_on_missing_folder_raises_index_not_found(tmp_path):
    with pytest.raises(store.IndexNotFound):
        store.open_index(str(tmp_path / "nothing"))


def test_load_paper_by_id_or_source(tmp_path):
    index_dir = str(tmp_path / "ix")
    store.add_papers(index_dir, [make_paper()])
    with store.open_index(index_dir).searcher() as searcher:
        assert store.load_paper(searcher, "p1").title == "Library repairs"
        assert store.load_paper(searcher, "kent/a.pdf").id == "p1"
        assert store.load_paper(searcher, "nope") is None


def test_summary_and_detail_shapes():
    paper = make_paper()
    summary = store.paper_summary(paper)
    assert summary["authors"] == ["Jane Roe"] and summary["paragraphs"] == 2
    assert summary["portfolio_holder"] == "Cllr Smith"
    detail = store.paper_detail(paper)
    assert detail["paragraphs"][0] == {"number": "1.1", "heading": "Summary", "page": 1,
                                       "text": "The library roof will be repaired.",
                                       "kind": "text", "anchor": "p-1-1"}


def sample_document():
    return Document(path="/x/a.pdf", format="pdf", properties={"title": "T"},
                    pages=[Page(number=1, width=595.0, height=842.0,
                                lines=[Line("4.5 The cost", 1, 10, 200, 30, 40, 11.0, True, "4.5")])])


def test_cache_round_trips_a_document_atomically(tmp_path):
    folder = str(tmp_path / "cache")
    assert store.load_cached_document(folder, "ab" * 32, "1") is None
    store.save_cached_document(folder, "ab" * 32, "1", sample_document())
    assert store.load_cached_document(folder, "ab" * 32, "1") == sample_document()
    assert store.load_cached_document(folder, "ab" * 32, "2") is None  # other extractor version
    assert [n for n in os.listdir(folder) if n.startswith(".tmp-")] == []


def test_corrupt_cache_entry_is_treated_as_missing(tmp_path):
    folder = str(tmp_path / "cache")
    os.makedirs(folder)
    with open(store.cache_path(folder, "cd" * 32, "1"), "wb") as handle:
        handle.write(gzip.compress(b"{not json")[:10])
    assert store.load_cached_document(folder, "cd" * 32, "1") is None


def test_cached_errors_and_pruning(tmp_path):
    folder = str(tmp_path / "cache")
    store.save_cached_error(folder, "ee" * 32, "1", "corrupt", "bad xref")
    assert store.load_cached_error(folder, "ee" * 32, "1") == ("corrupt", "bad xref")
    store.save_cached_document(folder, "ab" * 32, "1", sample_document())
    store.save_cached_document(folder, "ab" * 32, "0", sample_document())  # old version
    store.save_cached_document(folder, "ff" * 32, "1", sample_document())  # file gone
    removed = store.prune_cache(folder, {"ab" * 32, "ee" * 32}, "1")
    assert removed == 2
    assert sorted(os.listdir(folder)) == sorted(
        [os.path.basename(store.cache_path(folder, "ab" * 32, "1")),
         os.path.basename(store.cache_path(folder, "ee" * 32, "1", error=True))])



def test_a_build_left_in_many_segments_is_merged_into_one(tmp_path, monkeypatch):
    # Whoosh's own merging folds tiny segments together on commit, so lower the
    # threshold rather than write thousands of papers to leave several behind.
    monkeypatch.setattr(store, "MAX_SEGMENTS", 1)
    index_dir = str(tmp_path / "ix")
    ix = store.create_or_open(index_dir)
    for n in range(6):  # one unmerged segment per paper
        writer = ix.writer()
        for doc in store.paper_documents(make_paper(f"p{n}", source=f"s{n}.pdf")):
            writer.add_document(**doc)
        writer.commit(merge=False)
    assert len(store.open_index(index_dir)._segments()) > store.MAX_SEGMENTS

    session = store.IndexWriterSession(index_dir)
    session.put(make_paper("last", source="last.pdf"))
    session.commit()

    ix = store.open_index(index_dir)
    assert len(ix._segments()) == 1
    assert len(store.read_manifest(ix)) == 7


def test_replacing_most_papers_purges_their_old_copies(tmp_path):
    # Deleted documents still count in Whoosh's document frequencies until a
    # merge, which would halve the rarity of every word after a re-index.
    index_dir = str(tmp_path / "ix")
    session = store.IndexWriterSession(index_dir)
    for n in range(8):
        session.put(make_paper(f"p{n}", source=f"s{n}.pdf"))
    session.commit()
    session = store.IndexWriterSession(index_dir)
    for n in range(6):  # a parser upgrade re-parses (and replaces) three papers in four
        session.put(make_paper(f"p{n}", source=f"s{n}.pdf"))
    session.commit()
    with store.open_index(index_dir).reader() as reader:
        assert reader.doc_count_all() == reader.doc_count()
