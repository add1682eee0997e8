"""Search benchmark on a 10,000-paper generated council: our search with and
without facets, Whoosh's plain `groupedby` facets, SQLite FTS5 with GROUP BY facet
counts over the same papers, and our JSON API over HTTP; p50/p95 side by side.

The corpus is the demo council generator's output. By default it is made with the
real tools, once, and cached under --cache:

    councilsearch generate DIR --papers N --seed S
    councilsearch index DIR/council --index DIR/index       (slow on 2 cores: hours)

--index IX reuses any index already built from generator output (for instance
bench/ask.py's /tmp/councilsearch-bench/ask-10000/index, built from the
generator's ground truth with store.add_papers: the same documents without PDF
extraction). --synthetic uses the older made-up Zipfian papers instead.

The FTS5 database is built from the Whoosh index's own stored paper fields (title,
body, facets), so both engines search exactly the same text. Queries are drawn
(seeded) from the index: title words, two-word phrases from the text (quoted and
unquoted), a few query-language forms (OR, -word, prefix*, an acronym), each alone
and with one or two facet filters.

What bounds the ratio to FTS5: Whoosh walks postings and scores in pure Python
(microseconds per posting, where FTS5 is C). An exact total and exact facet counts
mean every matching paper is visited and scored, and the text postings also hold
the paragraph docs (one index, shared fields), which are stepped over. Phrases check
positions in whole-paper bodies, and every index segment costs its own matcher
set-up: an index left in many segments is markedly slower (merge it after a big run).

--before FILE times another version of search.py (e.g. a copy of the previous one)
in the same run, so before/after figures share the machine's load.

    nice .venv/bin/python bench/search.py --index /tmp/councilsearch-bench/ask-10000/index
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
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


def rows_from_papers(papers: list[Paper]):
    """FTS rows (dicts) from Paper objects (the synthetic corpus)."""
    for p in papers:
        yield {"id": p.id, "title": p.title, "body": "\n\n".join(x.text for x in p.paragraphs),
               "committee": p.committee, "date": p.date, "year": p.year, "doc_type": p.doc_type,
               "classification": p.classification, "source_folder": p.source_folder,
               "holders": [h.name for h in p.portfolio_holders]}


def rows_from_index(searcher):
    """FTS rows from the Whoosh index's stored paper fields: the very text we search."""
    for docnum in S._paper_docnums(searcher):
        f = searcher.stored_fields(docnum)
        yield {"id": f.get("id"), "title": f.get("title"), "body": f.get("body") or "",
               "committee": f.get("committee"), "date": f.get("date"), "year": f.get("year"),
               "doc_type": f.get("doc_type"), "classification": f.get("classification"),
               "source_folder": f.get("source_folder"),
               "holders": [h for h in (f.get("portfolio_holder") or "").split(",") if h]}


def build_sqlite(path: Path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(str(tmp))
    db.executescript("""
        CREATE TABLE papers (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, committee TEXT,
            date TEXT, year TEXT, doc_type TEXT, classification TEXT, source_folder TEXT);
        CREATE TABLE holders (paper INTEGER, holder TEXT);
        CREATE VIRTUAL TABLE papers_fts USING fts5(title, body, tokenize='porter unicode61');
    """)
    for n, r in enumerate(rows, 1):
        db.execute("INSERT INTO papers VALUES (?,?,?,?,?,?,?,?,?)",
                   (n, r["id"], r["title"], r["committee"], r["date"], r["year"], r["doc_type"],
                    r["classification"], r["source_folder"]))
        db.executemany("INSERT INTO holders VALUES (?,?)", [(n, h) for h in r["holders"]])
        db.execute("INSERT INTO papers_fts(rowid, title, body) VALUES (?,?,?)",
                   (n, r["title"], r["body"]))
    for column in FTS_FACETS:
        db.execute(f"CREATE INDEX idx_{column} ON papers({column})")
    db.execute("CREATE INDEX idx_holder ON holders(paper)")
    db.commit()
    db.close()
    tmp.replace(path)


def fts_query(text: str) -> str:
    """Our query syntax in FTS5 terms (words ANDed, phrases, OR, NOT, prefix)."""
    import re

    text = text.replace("mtfp", '(mtfp OR "medium term financial plan")')
    text = re.sub(r"(^|\s)-(\w+)", r" NOT \2", text)
    text = text.replace("section:", "")  # no headings in the FTS table: the words alone
    return text


def sqlite_search(db, text: str, filters: dict) -> dict:
    """Top 10 with snippets, then facet counts: each facet without its own filter."""
    def where(skip=None):
        clauses, args = ["papers_fts MATCH ?"], [fts_query(text)]
        for key, values in filters.items():
            if key in ("date_from", "date_to"):  # every facet is counted within the dates
                clauses.append(f"papers.date {'>=' if key == 'date_from' else '<='} ?")
                args.append(S.normalise_date(values, end=key == "date_to"))
                continue
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


EXTRA_QUERIES = ["parking OR libraries", "budget -parking", "procure*", "mtfp",
                 "section:financial budget"]


def _good_words(text: str) -> list[str]:
    from councilsearch.analysis import stopwords

    stop = stopwords()
    return [w for w in re.findall(r"[A-Za-z]{4,}", text or "") if w.lower() not in stop]


def sampled_queries(searcher, count: int, seed: int) -> list[str]:
    """Queries made of the indexed papers' own words (seeded): a title word, two title
    words, a quoted two-word phrase from the text, two words from the same paper."""
    rng = random.Random(seed)
    papers = S._paper_docnums(searcher)
    out: list[str] = []
    while len(out) < count:
        fields = searcher.stored_fields(rng.choice(papers))
        title, body = _good_words(fields.get("title")), (fields.get("body") or "").split()
        shape = len(out) % 4
        if shape == 0 and title:
            q = rng.choice(title).lower()
        elif shape == 1 and len(title) >= 2:
            q = " ".join(w.lower() for w in rng.sample(title, 2))
        elif shape == 2 and len(body) > 2:
            start = rng.randrange(len(body) - 1)
            pair = [re.sub(r"\W", "", w) for w in body[start:start + 2]]
            if len(_good_words(" ".join(pair))) < 2:
                continue
            q = '"' + " ".join(pair).lower() + '"'
        elif shape == 3:
            words = _good_words(fields.get("body"))
            if len(words) < 2:
                continue
            q = " ".join(w.lower() for w in rng.sample(words, 2))
        else:
            continue
        if q not in out:
            out.append(q)
    return out + EXTRA_QUERIES


def cases(searcher, queries: list[str]) -> list[tuple[str, dict]]:
    """Each query alone, with one committee filter, with a committee and a year, and
    with a date range (papers since a recent year, as the date boxes send)."""
    committees = S.field_values(searcher, "committee")
    years = sorted(y for y in S.field_values(searcher, "year") if re.fullmatch(r"\d{4}", y))
    out = []
    for n, q in enumerate(queries):
        out.append((q, {}))
        out.append((q, {"committee": [committees[n % len(committees)]]}))
        out.append((q, {"committee": [committees[(n + 1) % len(committees)]],
                        "year": years[-1 - n % min(8, len(years)):][:2]}))
        out.append((q, {"date_from": f"{years[-1 - n % min(10, len(years))]}-01-01"}))
    return out


def load_module(path: str):
    """Another version of search.py, loaded under its own name (for --before)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("search_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_generated(folder: Path, papers: int, seed: int) -> Path:
    """Generate a council with the real CLI and index it with the real CLI (cached)."""
    import subprocess

    exe = str(Path(sys.executable).with_name("councilsearch"))
    council, index_dir = folder / "council", folder / "index"
    if not (folder / "done").exists():
        print(f"generating {papers} papers and indexing them (slow; cached in {folder}) ...",
              flush=True)
        started = time.perf_counter()
        subprocess.run(["nice", exe, "generate", str(council), "--papers", str(papers),
                        "--seed", str(seed)], check=True)
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        subprocess.run(["nice", exe, "index", str(council), "--index", str(index_dir)], check=True)
        print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)
        (folder / "done").write_text("ok")
    return index_dir


def synthetic_index(folder: Path, papers: int, paras: int, seed: int) -> tuple[Path, Path]:
    ix_dir, db_path = folder / "whoosh", folder / "fts.sqlite"
    if not (folder / "done").exists():
        print(f"building synthetic corpus: {papers} papers x {paras} paragraphs ...")
        made = synthetic_papers(papers, paras, seed)
        build_whoosh(ix_dir, made)
        build_sqlite(db_path, rows_from_papers(made))
        (folder / "done").write_text("ok")
    return ix_dir, db_path


def fts_for_index(cache: Path, ix_dir: Path, searcher) -> Path:
    """The FTS5 twin of an index, keyed by the index folder and its generation."""
    import hashlib

    key = hashlib.sha1(f"{ix_dir.resolve()}:{searcher.reader().generation()}".encode()).hexdigest()
    path = cache / f"fts-{key[:12]}.sqlite"
    if not path.exists():
        print(f"building the SQLite FTS5 twin of {ix_dir} ...", flush=True)
        build_sqlite(path, rows_from_index(searcher))
    return path


def serve(app):
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, thread


def http_get(base: str, q: str, filters: dict) -> None:
    names = {"date_from": "from", "date_to": "to"}  # the API's parameter names
    params = [("q", q)] + [(names.get(k, k), v) for k, values in filters.items()
                           for v in ([values] if isinstance(values, str) else values)]
    with urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode(params)) as resp:
        json.loads(resp.read())


def first_search_ms(ix, module, warm: bool) -> float:
    """A fresh searcher's first search, including building its caches."""
    searcher = ix.searcher()
    start = time.perf_counter()
    if warm:
        module.warm(searcher)
    module.search(searcher, "budget")
    return (time.perf_counter() - start) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", help="an index built from generator output (skips building)")
    ap.add_argument("--papers", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--synthetic", action="store_true", help="made-up Zipfian papers instead")
    ap.add_argument("--paras", type=int, default=12, help="paragraphs per synthetic paper")
    ap.add_argument("--queries", type=int, default=20, help="queries sampled from the index")
    ap.add_argument("--rounds", type=int, default=2, help="timed passes over all cases")
    ap.add_argument("--before", help="another search.py to time alongside (before/after)")
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--cache", default="/tmp/councilsearch-bench")
    args = ap.parse_args(argv)

    cache = Path(args.cache)
    if args.synthetic:
        ix_dir, db_path = synthetic_index(cache / f"n{args.papers}-p{args.paras}-s{args.seed}",
                                          args.papers, args.paras, args.seed)
        corpus = f"{args.papers} synthetic papers"
    else:
        ix_dir = Path(args.index) if args.index else build_generated(
            cache / f"generated-{args.papers}-s{args.seed}", args.papers, args.seed)
        corpus = f"generated council in {ix_dir}"

    from councilsearch.analysis import stem

    stem("warming")  # load NLTK first: the first-search figures are per index version
    S.load_synonyms()
    ix = whoosh_index.open_dir(str(ix_dir))
    searcher = ix.searcher()
    if not args.synthetic:
        db_path = fts_for_index(cache, ix_dir, searcher)
    db = sqlite3.connect(str(db_path))
    before = load_module(args.before) if args.before else None

    first = {}
    if before:  # measured first: any disk-cache warming favours the later figure, ours
        first["before (first search)"] = first_search_ms(ix, before, warm=False)
    first["ours (warm + first search)"] = first_search_ms(ix, S, warm=True)
    S.warm(searcher)
    queries = sampled_queries(searcher, args.queries, args.seed)
    all_cases = cases(searcher, queries)

    methods = {
        "ours, no facets": lambda q, f: S.search(searcher, q, f, facets=False),
        "ours + facets": lambda q, f: S.search(searcher, q, f, facets=True),
    }
    if before:
        before_searcher = ix.searcher()  # its own caches
        methods["before, no facets"] = lambda q, f: before.search(before_searcher, q, f, facets=False)
        methods["before + facets"] = lambda q, f: before.search(before_searcher, q, f, facets=True)
    methods["Whoosh groupedby facets"] = lambda q, f: groupedby_search(searcher, q, f)
    methods["SQLite FTS5 + GROUP BY"] = lambda q, f: sqlite_search(db, q, f)
    server = None
    if not args.no_http:
        from councilsearch.webapp import create_app

        server, thread = serve(create_app(str(ix_dir)))
        base = f"http://127.0.0.1:{server.effective_port}"
        http_get(base, "budget", {})  # the server's own searcher opens and warms
        methods["HTTP /api/search (+facets)"] = lambda q, f: http_get(base, q, f)

    times: dict[str, list[float]] = {name: [] for name in methods}
    failures: dict[str, int] = {name: 0 for name in methods}
    for q, f in all_cases:  # warm-up pass, not timed
        for fn in methods.values():
            try:
                fn(q, f)
            except sqlite3.OperationalError:
                pass  # a query FTS5's syntax rejects: counted below
    for _ in range(args.rounds):
        for q, f in all_cases:
            for name, fn in methods.items():  # interleaved: every method sees the same load
                try:
                    times[name].append(timed(fn, q, f))
                except sqlite3.OperationalError:
                    failures[name] += 1
    if server is not None:
        time.sleep(0.5)  # let waitress finish its last write before closing its sockets
        server.close()
        thread.join(timeout=5)

    reader = searcher.reader()
    segments = 1 if reader.is_atomic() else len(reader.leaf_readers())
    print(f"\ncorpus: {corpus}: {S.paper_count(searcher)} papers, {searcher.doc_count()} Whoosh "
          f"docs, {segments} segment(s); {len(queries)} queries x 4 filter sets = "
          f"{len(all_cases)} cases x {args.rounds} rounds; python {sys.version.split()[0]}, "
          f"sqlite {sqlite3.sqlite_version}; cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    for name, ms in first.items():
        print(f"first search on a fresh searcher, {name}: {ms:.0f} ms")
    print(f"\n{'method':30s} {'p50 ms':>8s} {'p95 ms':>8s}  {'p50/FTS5':>8s} {'p95/FTS5':>8s}")
    fts = (percentile(times["SQLite FTS5 + GROUP BY"], 50), percentile(times["SQLite FTS5 + GROUP BY"], 95))
    stats = {}
    for name, values in times.items():
        stats[name] = (percentile(values, 50), percentile(values, 95))
        note = f"  ({failures[name]} queries rejected)" if failures[name] else ""
        print(f"{name:30s} {stats[name][0]:8.1f} {stats[name][1]:8.1f}  "
              f"{stats[name][0] / fts[0]:8.2f} {stats[name][1] / fts[1]:8.2f}{note}")
    plain, ours = stats["ours, no facets"], stats["ours + facets"]
    print(f"\nfacets add (ours): p50 {100 * (ours[0] - plain[0]) / plain[0]:+.0f}%, "
          f"p95 {100 * (ours[1] - plain[1]) / plain[1]:+.0f}%")
    if before:
        for kind in ("no facets", "+ facets"):
            old, new = stats[f"before, {kind}" if kind == "no facets" else "before + facets"], \
                stats[f"ours, {kind}" if kind == "no facets" else "ours + facets"]
            print(f"before / after ({kind}): p50 {old[0] / new[0]:.2f}x, p95 {old[1] / new[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
