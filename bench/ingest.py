"""Ingest benchmark: `councilsearch index` against raw pdfminer.six on the same files.

Prints, for the same PDFs and the same number of processes:
- pages/second of a full build (fresh index, empty extraction cache), run as the real
  command in a subprocess, so start-up, parsing and index writing all count;
- pages/second of pdfminer.six `extract_pages` (default LAParams, every layout object
  visited) in a process pool of the same size;
- their ratio (target >= 0.85) and the time of an unchanged re-run as a fraction of
  the full build (target <= 2%).

Figures are medians over --repeat runs. Nothing is asserted. Run it niced:

    nice .venv/bin/python bench/ingest.py --limit 30 --repeat 3

The files are linked (symlinks, never copied) into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def kent_pdfs(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted((corpus / "kent-cc").rglob("*.pdf"))
    return files[:limit] if limit else files


def link_files(files: list[Path], corpus: Path, folder: Path) -> None:
    for path in files:
        target = folder / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path)


def pdfminer_pages(path: str) -> int:
    """Raw pdfminer: default LAParams, every layout object visited."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTContainer

    def visit(obj) -> int:
        count = 1
        if isinstance(obj, LTContainer):
            for child in obj:
                count += visit(child)
        return count

    pages = 0
    try:
        for page in extract_pages(path):
            visit(page)
            pages += 1
    except Exception:  # noqa: BLE001 - a file pdfminer cannot read counts no pages, as for us
        return pages
    return pages


def children_cpu() -> float:
    """CPU seconds used by finished child processes (and their waited-for children)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_pdfminer(files: list[Path], jobs: int) -> tuple[float, int, float]:
    cpu = children_cpu()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # largest first, as the indexer does, so neither side is penalised by ordering
        ordered = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
        pages = sum(pool.map(pdfminer_pages, [str(p) for p in ordered]))
    return time.perf_counter() - started, pages, children_cpu() - cpu


def councilsearch_command() -> list[str]:
    script = Path(sys.executable).parent / "councilsearch"
    return [str(script)] if script.exists() else [sys.executable, "-m", "councilsearch.cli"]


def time_index(folder: Path, index_dir: Path, jobs: int) -> tuple[float, dict, float]:
    command = councilsearch_command() + ["index", str(folder), "--index", str(index_dir),
                                         "--jobs", str(jobs), "--json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 2):
        raise SystemExit(f"councilsearch index failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    # The workers are grandchildren (forkserver) that rusage does not see; the report
    # counts their CPU per file, plus the main process's own.
    cpu = report.get("worker_cpu_seconds", 0.0) + report.get("writer_cpu_seconds", 0.0)
    return elapsed, report, cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N Kent PDFs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    files = kent_pdfs(args.corpus, args.limit)
    if not files:
        print(f"no Kent PDFs under {args.corpus / 'kent-cc'}", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="councilsearch-bench-"))
    try:
        folder = work / "papers"
        link_files(files, args.corpus, folder)
        full, rerun, raw, pages = [], [], [], 0
        full_cpu, raw_cpu = [], []
        report = {}
        for n in range(args.repeat):
            raw_seconds, pages, cpu = time_pdfminer(files, args.jobs)
            raw.append(raw_seconds)
            raw_cpu.append(cpu)
            index_dir = work / f"index-{n}"  # fresh index, empty extraction cache
            seconds, report, cpu = time_index(folder, index_dir, args.jobs)
            full.append(seconds)
            full_cpu.append(cpu)
            seconds, again, _ = time_index(folder, index_dir, args.jobs)
            if again["counts"]["unchanged"] != again["files"] - len(again["failed"]):
                # Someone bumped EXTRACTOR_VERSION/PARSER_VERSION during the build, so that
                # re-run was a re-parse; measure the unchanged re-run after it.
                print(f"note: re-run {n + 1} re-parsed {len(again['updated'])} papers "
                      "(extractor or parser version changed); measuring again", flush=True)
                seconds, again, _ = time_index(folder, index_dir, args.jobs)
            rerun.append(seconds)
            print(f"run {n + 1}: pdfminer {raw_seconds:.1f}s, full build {full[-1]:.1f}s, "
                  f"unchanged re-run {seconds:.2f}s "
                  f"({again['counts']['unchanged']} unchanged)", flush=True)
            shutil.rmtree(index_dir, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    raw_s, full_s, rerun_s = (statistics.median(x) for x in (raw, full, rerun))
    ours, theirs = pages / full_s, pages / raw_s
    counts = report.get("counts", {})
    print()
    print(f"files: {len(files)} Kent PDFs, {pages} pages; processes: {args.jobs}; "
          f"repetitions: {args.repeat} (medians)")
    print(f"indexed: {counts.get('added', 0)} added, {counts.get('skipped', 0)} skipped "
          f"(exempt), {counts.get('failed', 0)} failed")
    raw_c, full_c = statistics.median(raw_cpu), statistics.median(full_cpu)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work skews wall times)")
    print(f"{'':28}{'seconds':>10}{'pages/s':>10}{'cpu s':>10}")
    print(f"{'pdfminer extract_pages':28}{raw_s:>10.2f}{theirs:>10.1f}{raw_c:>10.2f}")
    print(f"{'councilsearch index (full)':28}{full_s:>10.2f}{ours:>10.1f}{full_c:>10.2f}")
    print(f"{'councilsearch index (again)':28}{rerun_s:>10.2f}")
    print(f"full build speed vs pdfminer: {ours / theirs:.2f}x (target >= 0.85x); "
          f"by CPU time: {raw_c / full_c:.2f}x")
    print(f"unchanged re-run / full build: {100 * rerun_s / full_s:.2f}% (target <= 2%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
