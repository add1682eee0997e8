"""Search benchmark: faceted search in process and over HTTP, against Whoosh's plain
`groupedby` facets and SQLite FTS5 with GROUP BY facet counts over the same data.

The corpus is SYNTHETIC: --papers Paper objects made here from a seeded Zipfian
vocabulary of council words (the demo-council generator writes files that would need
extracting first; 10,000 of them would take far too long on a shared 2-core machine).
Each paper has --paras paragraphs. The Whoosh index and the SQLite database are
cached under --cache (rebuilt when the size or seed changes).

For every query (words, phrases, rare and common words; with and without active
facet filters) it times:
  search.search(facets=False)            the search alone (papers + paragraph snippets)
  search.search(facets=True)             plus facet counts from cached columns
  same search, Whoosh groupedby facets   the plain way: FieldFacet groupedby on all hits
  SQLite FTS5                            top 10 by bm25 + snippet + one GROUP BY per facet
                                         (each facet without its own filter, as ours)
  GET /api/search over waitress          faceted, over loopback HTTP

and prints p50/p95 of each, the ratio of faceted to unfaceted search at p95 (target
<= 1.5: facets add at most half), and the ratio to SQLite FTS5. Nothing is asserted.

    nice .venv/bin/python bench/search.py --papers 10000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import sorting

from councilsearch import search as S
from councilsearch.model import Paper, Paragraph, Person
from councilsearch.store import build_schema, paper_documents

COUNCIL_WORDS = """budget procurement highways maintenance contract council cabinet report
approve recommendation resolved housing rent parking permits transport bus library libraries
school schools education children adult social care health planning application development
consultation strategy policy plan financial implications risk legal equality impact assessment
savings capital revenue reserves grant funding government tender supplier partnership joint
service services community residents ward member members officer director portfolio holder
decision key waste recycling collection environment climate carbon emissions energy homes
homelessness tenants repairs regeneration town centre economy business rates tax council tax
pension fund audit governance scrutiny committee minutes agenda item appendix performance
target indicator quarter monitoring forecast overspend underspend pressure inflation pay award
staff workforce digital technology data protection property asset disposal acquisition lease
land site road roads footway cycling walking flood drainage tree trees park parks leisure
sport culture museum heritage arts youth family families safeguarding fostering adoption
special educational needs disabilities transport allowance commissioning market provider
care homes domiciliary hospital discharge public health obesity smoking drugs alcohol
licensing enforcement trading standards noise anti-social behaviour police crime safety
fire emergency resilience covid recovery levelling up devolution combined authority mayor
""".split()

SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo " \
            "lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to " \
            "va ve vi vo za ze zi zo".split()

QUERIES = [
    "budget", "procurement", "joint procurement", "parking permits", '"council tax"',
    "housing rent increase", "school transport", "adult social care", "climate carbon",
    "highways maintenance contract", "library consultation", "waste recycling collection",
    "regeneration town centre", "pension fund audit", "flood drainage", "tree", "mtfp",
    "safeguarding children", '"equality impact assessment"', "grant funding government",
    "procure*", "budget -parking", "parking OR libraries", "overspend pressure",
    "homelessness", "leisure sport", "digital technology", "licensing enforcement",
    "devolution mayor", "capital reserves",
]


def synthetic_papers(count: int, paras: int, seed: int) -> list[Paper]:
    rng = random.Random(seed)
    filler = list(dict.fromkeys(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(6000)))
    # Council words spread over the first thousand ranks of a Zipfian vocabulary: some
    # very common, most middling, as in real papers; the made-up words fill the tail.
    vocab = filler[:]
    for word in COUNCIL_WORDS:
        vocab.insert(rng.randrange(0, 1000), word)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(vocab))]
    committees = [f"{name} Committee" for name in (
        "Planning", "Licensing", "Audit", "Pensions", "Health", "Children", "Adults", "Transport",
        "Housing", "Environment", "Economy", "Resources", "Standards", "Appeals", "Scrutiny",
        "Schools", "Corporate", "Waste", "Leisure", "Regeneration")] + [
        "Cabinet", "Council", "Executive", "Cabinet Member Decisions"]
    holders = [f"Cllr {a} {b}" for a in ("Ada", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hal")
               for b in ("Green", "Brown", "Shah", "Jones", "Patel")]
    folders = ["northshire", "southvale", "eastmoor", "westbury", "midtown", "lakeside", "hillford"]
    types = ["report", "minutes", "agenda", "decision", "appendix", "policy", "questions"]
    papers = []
    for n in range(count):
        year = rng.randint(2015, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paragraphs = []
        for p in range(paras):
            words = rng.choices(vocab, weights, k=rng.randint(25, 60))
            paragraphs.append(Paragraph(
                text=" ".join(words).capitalize() + ".", page=1 + p // 4,
                number=f"{1 + p // 3}.{1 + p % 3}", heading=rng.choice(
                    ["Purpose", "Background", "Financial Implications", "Legal Implications",
                     "Recommendations", "Consultation", "Equalities"]),
                kind="recommendation" if p == 0 else "text"))
        title = " ".join(rng.choices(COUNCIL_WORDS, k=rng.randint(3, 7))).title()
        folder = rng.choice(folders)
        papers.append(Paper(
            id=f"b{n:06d}", source=f"{folder}/{n}.pdf", format="pdf", source_folder=folder,
            doc_type=rng.choice(types), committee=rng.choice(committees), date=date, title=title,
            classification=rng.choice(["Unrestricted", "For publication", "Public"]),
            portfolio_holders=[Person(h) for h in rng.sample(holders, rng.choice([0, 1, 1, 2]))],
            paragraphs=paragraphs, pages=1 + paras // 4))
    return papers


def build_whoosh(folder: Path, papers: list[Paper]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer(limitmb=256)
    for paper in papers:
        for doc in paper_documents(paper):
            writer.add_document(**doc)
    writer.commit()


FTS_FACETS = ("committee", "year", "doc_type", "classification", "source_folder")


def build_sqlite(path: Path, papers: list[Paper]) -> None:
    if path.exists():
        path.unlink()
    db = sqlite3.connect(str(path))
    db.executescript("""
        CREATE TABLE papers (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, committee TEXT,
            date TEXT, year TEXT, doc_type TEXT, classification TEXT, source_folder TEXT);
        CREATE TABLE holders (paper INTEGER, holder TEXT);
        CREATE VIRTUAL TABLE papers_fts USING fts5(title, body, tokenize='porter unicode61');
    """)
    for n, p in enumerate(papers, 1):
        db.execute("INSERT INTO papers VALUES (?,?,?,?,?,?,?,?,?)",
                   (n, p.id, p.title, p.committee, p.date, p.year, p.doc_type, p.classification,
                    p.source_folder))
        db.executemany("INSERT INTO holders VALUES (?,?)", [(n, h.name) for h in p.portfolio_holders])
        db.execute("INSERT INTO papers_fts(rowid, title, body) VALUES (?,?,?)",
                   (n, p.title, "\n\n".join(x.text for x in p.paragraphs)))
    for column in FTS_FACETS:
        db.execute(f"CREATE INDEX idx_{column} ON papers({column})")
    db.execute("CREATE INDEX idx_holder ON holders(paper)")
    db.commit()
    db.close()


def fts_query(text: str) -> str:
    """Our query syntax in FTS5 terms (words ANDed, phrases, OR, NOT, prefix)."""
    import re

    text = text.replace("mtfp", '(mtfp OR "medium term financial plan")')
    text = re.sub(r"(^|\s)-(\w+)", r" NOT \2", text)
    return text


def sqlite_search(db, text: str, filters: dict) -> dict:
    """Top 10 with snippets, then facet counts: each facet without its own filter."""
    def where(skip=None):
        clauses, args = ["papers_fts MATCH ?"], [fts_query(text)]
        for key, values in filters.items():
            if key == skip:
                continue
            clauses.append(f"papers.{key} IN ({','.join('?' * len(values))})")
            args.extend(values)
        return " AND ".join(clauses), args

    clause, args = where()
    top = db.execute(
        f"SELECT papers.id, papers.title, snippet(papers_fts, 1, '<mark>', '</mark>', '…', 30) "
        f"FROM papers_fts JOIN papers ON papers.rowid = papers_fts.rowid WHERE {clause} "
        f"ORDER BY bm25(papers_fts) LIMIT 10", args).fetchall()
    total = db.execute(f"SELECT count(*) FROM papers_fts JOIN papers ON papers.rowid = "
                       f"papers_fts.rowid WHERE {clause}", args).fetchone()[0]
    facets = {}
    for column in FTS_FACETS:
        clause, args = where(skip=column)
        facets[column] = db.execute(
            f"SELECT papers.{column}, count(*) FROM papers_fts JOIN papers ON papers.rowid = "
            f"papers_fts.rowid WHERE {clause} GROUP BY papers.{column}", args).fetchall()
    clause, args = where()
    facets["portfolio_holder"] = db.execute(
        f"SELECT holders.holder, count(*) FROM papers_fts JOIN papers ON papers.rowid = "
        f"papers_fts.rowid JOIN holders ON holders.paper = papers.rowid WHERE {clause} "
        f"GROUP BY holders.holder", args).fetchall()
    return {"total": total, "results": top, "facets": facets}


def groupedby_search(searcher, text: str, filters: dict) -> dict:
    """search.search's work with Whoosh's plain groupedby facets instead of columns."""
    from whoosh import query as Q

    parsed = S.parse_query(searcher, text)
    base = S._and([Q.Term("kind", "paper"), S.text_query(searcher, parsed), *parsed.constraints])
    facets = {f: sorting.FieldFacet(f, allow_overlap=False) for f in S.FACET_FIELDS}
    hits = searcher.search(base, filter=S.build_filter(filters), limit=10, groupedby=facets)
    ids = [hit["id"] for hit in hits]
    S.paragraph_matches(searcher, parsed, ids)
    return {"total": len(hits), "facets": {f: hits.groups(f) for f in S.FACET_FIELDS}}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def cases(searcher) -> list[tuple[str, dict]]:
    """Each query alone, and with one and two active facet filters."""
    committees = [v for v in S.field_values(searcher, "committee")][:3]
    out = []
    for n, q in enumerate(QUERIES):
        out.append((q, {}))
        out.append((q, {"committee": committees[: 1 + n % 2]}))
        out.append((q, {"committee": committees[:1], "year": ["2021", "2023"]}))
    return out


def serve(app):
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, thread


def http_get(base: str, q: str, filters: dict) -> None:
    params = [("q", q)] + [(k, v) for k, values in filters.items() for v in values]
    with urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode(params)) as resp:
        json.loads(resp.read())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--papers", type=int, default=10000)
    ap.add_argument("--paras", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3, help="timed passes over all cases")
    ap.add_argument("--cache", default="/tmp/councilsearch-bench")
    args = ap.parse_args(argv)

    folder = Path(args.cache) / f"n{args.papers}-p{args.paras}-s{args.seed}"
    ix_dir, db_path = folder / "whoosh", folder / "fts.sqlite"
    if not (folder / "done").exists():
        print(f"building synthetic corpus: {args.papers} papers x {args.paras} paragraphs ...")
        start = time.perf_counter()
        papers = synthetic_papers(args.papers, args.paras, args.seed)
        build_whoosh(ix_dir, papers)
        whoosh_s = time.perf_counter() - start
        start = time.perf_counter()
        build_sqlite(db_path, papers)
        print(f"  whoosh index {whoosh_s:.1f} s, sqlite fts5 {time.perf_counter() - start:.1f} s")
        (folder / "done").write_text("ok")

    ix = whoosh_index.open_dir(str(ix_dir))
    searcher = ix.searcher()
    db = sqlite3.connect(str(db_path))
    all_cases = cases(searcher)

    from councilsearch.analysis import stem

    stem("warming")  # import NLTK first: the figure below is the per-index-version cost
    start = time.perf_counter()
    S.search(searcher, "budget")  # builds the column cache once per searcher generation
    first_ms = (time.perf_counter() - start) * 1000

    from councilsearch.webapp import create_app

    server, thread = serve(create_app(str(ix_dir)))
    base = f"http://127.0.0.1:{server.effective_port}"
    http_get(base, "budget", {})  # warm the server's own searcher and column cache

    methods = {
        "search, no facets": lambda q, f: S.search(searcher, q, f, facets=False),
        "search + column facets (ours)": lambda q, f: S.search(searcher, q, f, facets=True),
        "search + Whoosh groupedby facets": lambda q, f: groupedby_search(searcher, q, f),
        "SQLite FTS5 + GROUP BY facets": lambda q, f: sqlite_search(db, q, f),
        "HTTP GET /api/search (ours, waitress)": lambda q, f: http_get(base, q, f),
    }
    times: dict[str, list[float]] = {name: [] for name in methods}
    for q, f in all_cases:  # warm-up pass, not timed
        for fn in methods.values():
            fn(q, f)
    for _ in range(args.rounds):
        for q, f in all_cases:
            for name, fn in methods.items():
                times[name].append(timed(fn, q, f))
    time.sleep(0.5)  # let waitress finish its last write before closing its sockets
    server.close()
    thread.join(timeout=5)

    docs = searcher.doc_count()
    print(f"\ncorpus: {args.papers} synthetic papers ({docs} Whoosh docs incl. paragraphs); "
          f"{len(all_cases)} query cases x {args.rounds} rounds; python {sys.version.split()[0]}, "
          f"sqlite {sqlite3.sqlite_version}; cpus {os.cpu_count()}")
    print(f"first search on a fresh searcher (builds facet column cache): {first_ms:.1f} ms\n")
    print(f"{'method':42s} {'p50 ms':>8s} {'p95 ms':>8s}")
    stats = {}
    for name, values in times.items():
        stats[name] = (percentile(values, 50), percentile(values, 95))
        print(f"{name:42s} {stats[name][0]:8.2f} {stats[name][1]:8.2f}")
    plain = stats["search, no facets"]
    ours = stats["search + column facets (ours)"]
    grouped = stats["search + Whoosh groupedby facets"]
    fts = stats["SQLite FTS5 + GROUP BY facets"]
    print()
    print(f"faceted / unfaceted search at p95 (ours):      {ours[1] / plain[1]:.2f}  "
          f"(target <= 1.50; facets add {100 * (ours[1] - plain[1]) / plain[1]:.0f}%)")
    print(f"faceted / unfaceted search at p95 (groupedby): {grouped[1] / plain[1]:.2f}")
    print(f"ours / SQLite FTS5 at p50, p95:                {ours[0] / fts[0]:.2f}, "
          f"{ours[1] / fts[1]:.2f}")
    print(f"ours / Whoosh groupedby at p50, p95:           {ours[0] / grouped[0]:.2f}, "
          f"{ours[1] / grouped[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
