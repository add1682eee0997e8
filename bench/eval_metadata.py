"""Score the parse stage against hand labels: per-field accuracy over dev_metadata.jsonl.

    .venv/bin/python bench/eval_metadata.py [--corpus DIR] [--labels FILE] [--manifest CSV | --no-manifest]
                                            [--composed-titles] [--verbose] [--sample N] [--by KEY]

``--no-manifest`` scores what an index built without ``ingest --manifest`` stores (sidecars
found beside the files still count).

A generated demo council scores the same way against the generator's ground truth:

    .venv/bin/councilsearch generate /tmp/demo --papers 300 --seed 1
    .venv/bin/python bench/eval_metadata.py --corpus /tmp/demo --by doc_type
    (--labels defaults to CORPUS/_truth/metadata.jsonl when that file exists)

``--by doc_type`` (or layout, format, or any other key of the label records) also prints
each field's accuracy per value of that key, to see which kind of paper a field fails on.

Runs extract + parse (+ sidecar lookup, and MANIFEST.csv of the corpus as a manifest when
present) over each labelled paper and prints accuracy per field. Extractions are cached
(pickle) under /tmp/cs-extract-cache keyed by path, mtime and a hash of the extractor's source, because
pdfminer is slow. ``--sample N`` also prints doc_type/committee/date/title for N papers
per council folder, for eyeballing what the labels do not cover.

Matching rules (all comparisons on normalise(): lower case, curly quotes straightened,
punctuation dropped, whitespace collapsed):
- committee, agenda_item, classification: equal after normalise; a null label needs null.
- meeting_date: equal ISO strings.
- doc_type: equal after mapping label aliases ("record_of_decision" -> "decision").
- title: equal after normalise, or one contains the other and the shorter is at least
  60% of the longer's length; a null label needs a null title. Labels record the printed
  title, so a title the parser composed (paper.title_composed, "Minutes of X – 25 March 2024")
  counts as no title; ``--composed-titles`` scores it as printed instead.
- portfolio_holder: the same set of surnames (last word of each "; "-separated name);
  null label needs none.
- report_author: the same set of surnames (empty list needs no authors).
- recommendations_count: equal integers.
- first_recommendation: the label's first_recommendation_contains is a substring of our
  first recommendation (normalised); a null label needs no recommendations.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from councilsearch.extract import EXTRACTOR_VERSION, ExtractionError, extract  # noqa: E402
from councilsearch.parse import parse  # noqa: E402
from councilsearch.parse.doctype import normalise_doc_type  # noqa: E402
from councilsearch.parse.sidecar import find_sidecar, load_manifest  # noqa: E402

CACHE = Path("/tmp/cs-extract-cache")
FIELDS = [
    ("committee", 0.9), ("meeting_date", 0.9), ("doc_type", 0.9), ("title", 0.8), ("portfolio_holder", 0.8),
    ("first_recommendation", 0.8), ("report_author", None), ("agenda_item", None), ("classification", None),
    ("recommendations_count", None),
]


def normalise(text) -> str:
    text = str(text or "").lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[^\w£%]+", " ", text).split())


def _extractor_fingerprint() -> str:
    """A hash of the extractor's source, so a cached extraction is never reused after the code
    changed, even when EXTRACTOR_VERSION was not bumped."""
    digest = hashlib.sha1(EXTRACTOR_VERSION.encode())
    for source in sorted((REPO / "src" / "councilsearch" / "extract").glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


EXTRACTOR_FINGERPRINT = _extractor_fingerprint()


def cached_extract(path: Path):
    stat = path.stat()
    key = hashlib.sha1(f"{path.resolve()}|{stat.st_mtime_ns}|{EXTRACTOR_FINGERPRINT}".encode()).hexdigest()
    cache_file = CACHE / f"{key}.pkl"
    if cache_file.exists():
        with cache_file.open("rb") as handle:
            return pickle.load(handle)
    document = extract(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache_file.open("wb") as handle:
        pickle.dump(document, handle)
    return document


PARSE_SECONDS: list[float] = []  # parse + sidecar time per paper (extraction excluded)


def parse_path(corpus: Path, relative: str, manifest: dict | None):
    path = corpus / relative
    document = cached_extract(path)
    started = time.perf_counter()
    paper = parse(document, relative, find_sidecar(path, corpus, manifest))
    PARSE_SECONDS.append(time.perf_counter() - started)
    return paper


def surnames(names) -> set[str]:
    if not names:
        return set()
    if isinstance(names, str):
        names = names.split(";")
    return {normalise(n).split(" ")[-1] for n in names if normalise(n)}


def title_matches(label, ours) -> bool:
    if label is None:
        return ours is None
    a, b = normalise(label), normalise(ours)
    if not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.6 * len(long)


SCORE_COMPOSED_TITLES = False  # --composed-titles


def printed_title(paper):
    """The title as the paper prints it: None for a composed one (unless --composed-titles)."""
    if getattr(paper, "title_composed", False) and not SCORE_COMPOSED_TITLES:
        return None
    return paper.title


def score(label: dict, paper) -> dict[str, bool]:
    ours_first = paper.recommendations[0] if paper.recommendations else None
    first_label = label.get("first_recommendation_contains")
    return {
        "committee": normalise(label.get("committee")) == normalise(paper.committee),
        "meeting_date": label.get("meeting_date") == paper.date,
        "doc_type": normalise_doc_type(label.get("doc_type")) == paper.doc_type,
        "title": title_matches(label.get("title"), printed_title(paper)),
        "portfolio_holder": surnames(label.get("portfolio_holder")) == surnames(paper.portfolio_holder),
        "report_author": surnames(label.get("report_author")) == surnames([p.name for p in paper.authors]),
        "agenda_item": normalise(label.get("agenda_item")) == normalise(paper.agenda_item),
        "classification": normalise(label.get("classification")) == normalise(paper.classification),
        "recommendations_count": label.get("recommendations_count") == len(paper.recommendations),
        "first_recommendation": (ours_first is None) if first_label is None
        else bool(ours_first) and normalise(first_label) in normalise(ours_first),
    }


def ours(field: str, paper):
    return {
        "committee": paper.committee, "meeting_date": paper.date, "doc_type": paper.doc_type, "title": paper.title,
        "portfolio_holder": paper.portfolio_holder, "report_author": [p.name for p in paper.authors],
        "agenda_item": paper.agenda_item, "classification": paper.classification,
        "recommendations_count": len(paper.recommendations),
        "first_recommendation": (paper.recommendations[0][:100] if paper.recommendations else None),
    }[field]


def sample_table(corpus: Path, manifest: dict | None, per_folder: int) -> None:
    rows = list(csv.DictReader((corpus / "MANIFEST.csv").open(encoding="utf-8")))
    by_folder = defaultdict(list)
    for row in rows:
        if row.get("format") != "json":
            by_folder[row["source"]].append(row["path"])
    rng = random.Random(7)
    print(f"\n{'doc_type':<9} {'committee':<32} {'date':<10} {'recs':>4} {'ex':<2} title | path")
    for folder in sorted(by_folder):
        paths = sorted(by_folder[folder])
        rng.shuffle(paths)
        for relative in paths[:per_folder]:
            try:
                paper = parse_path(corpus, relative, manifest)
            except ExtractionError as exc:
                print(f"{'-':<9} {'(' + exc.reason + ')':<32} {'':<10} {'':>4} {'':<2} | {relative}")
                continue
            print(f"{paper.doc_type:<9} {str(paper.committee)[:32]:<32} {str(paper.date):<10} {len(paper.recommendations):>4} "
                  f"{'X' if paper.exempt else '':<2} {str(paper.title)[:60]} | {relative[-60:]}")


def default_labels(corpus: Path) -> Path:
    """A generated council carries its own ground truth; otherwise the shared dev labels."""
    truth = corpus / "_truth" / "metadata.jsonl"
    return truth if truth.is_file() else REPO.parent / "shared" / "eval" / "dev_metadata.jsonl"


def print_groups(key: str, groups: dict[str, dict[str, int]]) -> None:
    """Correct/total per field for each value of ``key`` (one row per value)."""
    names = [field for field, _ in FIELDS]
    print(f"\nby {key}:")
    print(f"{key:<16}{'papers':>7} " + " ".join(f"{name[:12]:>12}" for name in names))
    for value in sorted(groups):
        counts = groups[value]
        n = counts["_papers"]
        print(f"{value[:16]:<16}{n:>7} " + " ".join(f"{f'{counts[name]}/{n}':>12}" for name in names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--labels", type=Path, help="JSON Lines labels (default: CORPUS/_truth/metadata.jsonl "
                        "for a generated council, else ../shared/eval/dev_metadata.jsonl)")
    parser.add_argument("--by", help="also break accuracy down by this label key (doc_type, layout, format)")
    parser.add_argument("--manifest", type=Path, help="manifest CSV (default: the corpus's MANIFEST.csv when present)")
    parser.add_argument("--no-manifest", action="store_true",
                        help="use no manifest (as an index built without --manifest): "
                        "text, folders and metadata.json only")
    parser.add_argument("--composed-titles", action="store_true",
                        help="score composed titles (\"Minutes of X – date\") as if printed")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every mismatch")
    parser.add_argument("--sample", type=int, default=0, help="also print a table of N papers per council folder")
    args = parser.parse_args(argv)
    args.labels = args.labels or default_labels(args.corpus)
    if not args.corpus.is_dir() or not args.labels.is_file():
        print(f"corpus {args.corpus} or labels {args.labels} not found", file=sys.stderr)
        return 1
    manifest_path = args.manifest or (args.corpus / "MANIFEST.csv")
    manifest = load_manifest(manifest_path) if manifest_path.is_file() and not args.no_manifest else None
    global SCORE_COMPOSED_TITLES
    SCORE_COMPOSED_TITLES = args.composed_titles

    labels = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: dict[str, int] = defaultdict(int)
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # --by value -> field -> correct
    failures = 0
    for label in labels:
        try:
            paper = parse_path(args.corpus, label["path"], manifest)
        except (ExtractionError, OSError) as exc:
            failures += 1
            print(f"FAILED {label['path']}: {exc}")
            continue
        results = score(label, paper)
        group = groups[str(label.get(args.by))] if args.by else None
        if group is not None:
            group["_papers"] += 1
        for field, ok in results.items():
            totals[field] += ok
            if group is not None:
                group[field] += ok
            if not ok and args.verbose:
                wanted = label.get("first_recommendation_contains") if field == "first_recommendation" else label.get(field)
                print(f"  {field:<22} {label['path'][-55:]}\n      want {wanted!r}\n      got  {ours(field, paper)!r}")
    n = len(labels)
    print(f"\nPapers: {n} ({failures} failed to extract)")
    print(f"{'field':<24}{'correct':>8}{'accuracy':>10}  target")
    for field, target in FIELDS:
        accuracy = totals[field] / n if n else 0.0
        mark = "" if target is None else (f">= {target:.0%} " + ("ok" if accuracy >= target else "BELOW"))
        print(f"{field:<24}{totals[field]:>5}/{n:<3}{accuracy:>9.0%}  {mark}")
    if args.by:
        print_groups(args.by, groups)
    if args.sample and (args.corpus / "MANIFEST.csv").is_file():
        sample_table(args.corpus, manifest, args.sample)
    if PARSE_SECONDS:
        ordered = sorted(PARSE_SECONDS)
        print(f"\nparse time per paper (extraction excluded), {len(ordered)} papers: "
              f"median {ordered[len(ordered) // 2] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
