"""Ingestion: walk folders, extract and parse in parallel, write the index incrementally.

``run_index(paths, index_dir)`` is the whole of `councilsearch index`:

1. walk each PATH for supported files; the index will mirror exactly these files;
2. compare with the manifest the index itself carries (store.read_manifest): a file
   whose size, mtime and build (schema/extractor/parser versions) match is unchanged
   and is not even hashed;
3. every other file goes to a process pool: hash, extraction cache or extract (with a
   per-file time limit), parse; results come back to the one writer in this process;
4. papers are added/replaced, exempt papers are skipped (and removed if they were
   indexed), papers whose file is gone are removed, and a renamed file is reported
   as a rename (its extraction cache entry is reused; the old id goes);
   Twin files (same folder and stem, another extension: minutes.pdf and minutes.txt) whose
   texts are nearly the same are one paper: the better twin is indexed, the other reported
   as a duplicate (see find_duplicates);
5. a failed file keeps the version indexed before, if any, and is reported by name:
   losing a good paper because a later copy is unreadable would be worse than
   serving the last good one.

Exempt and failed files are remembered in ``<index>/skipped.json`` (a hint, not part
of the index) so an unchanged re-run does not open them again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field

from . import analysis, store

SUPPORTED_EXTENSIONS = {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"}
DEFAULT_FILE_TIMEOUT = float(os.environ.get("COUNCILSEARCH_FILE_TIMEOUT", "180"))
SKIPPED_FILE = "skipped.json"


class UsageError(Exception):
    """A PATH argument that cannot be indexed (missing, unreadable)."""


# --- Walking ---------------------------------------------------------------------------


@dataclass
class Candidate:
    path: str  # absolute
    root: str  # absolute folder it was found under
    source: str  # posix path relative to root
    size: int
    mtime: float
    id: str = ""

    def __post_init__(self):
        if not self.id:
            self.id = store.paper_id(self.root, self.source)


# Files that describe a collection rather than belong to it (a corpus's README.md or
# SOURCES.md): never papers, whatever their extension.
COLLECTION_NOTES = {"readme", "sources", "license", "licence", "changelog", "manifest"}


def is_supported(name: str) -> bool:
    if name.startswith("."):
        return False
    stem, extension = os.path.splitext(name)
    if stem.lower() in COLLECTION_NOTES:
        return False
    return extension.lower() in SUPPORTED_EXTENSIONS


def walk(paths, exclude=()) -> list[Candidate]:
    """Every supported file under the PATH arguments, each real file once.

    Folders in exclude (the index itself, when it sits under a PATH) are not entered.
    """
    excluded = {os.path.realpath(folder) for folder in exclude}
    found: list[Candidate] = []
    seen_real: set[str] = set()
    for given in paths:
        absolute = os.path.abspath(given)
        if not os.path.exists(absolute):
            raise UsageError(f"{given}: no such file or folder")
        if os.path.isfile(absolute):
            root = os.path.dirname(absolute)
            files = [absolute] if is_supported(os.path.basename(absolute)) else []
            if not files:
                raise UsageError(f"{given}: unsupported file type")
        else:
            root = absolute
            files = _files_under(absolute, excluded)
        for path in files:
            real = os.path.realpath(path)
            if real in seen_real:  # overlapping PATH arguments: first one wins
                continue
            seen_real.add(real)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # vanished while walking
            source = os.path.relpath(path, root).replace(os.sep, "/")
            found.append(Candidate(path, root, source, stat.st_size, stat.st_mtime))
    return found


def _files_under(folder: str, excluded=frozenset()) -> list[str]:
    files = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and os.path.realpath(os.path.join(dirpath, d)) not in excluded
        )
        files.extend(os.path.join(dirpath, n) for n in sorted(filenames) if is_supported(n))
    return files


def source_folder(source: str) -> str:
    head, sep, _ = source.partition("/")
    return head if sep else ""


# --- Versions --------------------------------------------------------------------------


def extractor_version() -> str:
    from . import extract

    return str(getattr(extract, "EXTRACTOR_VERSION", "0"))


def parser_version() -> str:
    from . import parse

    return str(getattr(parse, "PARSER_VERSION", "0"))


def build_key() -> str:
    """What produced an indexed paper; a change re-parses (from the cache) every file."""
    return (f"schema{store.SCHEMA_VERSION}/extract{extractor_version()}/parse{parser_version()}"
            f"/tokens{analysis.TOKENISER_VERSION}")


# --- The worker: one file to a Paper -----------------------------------------------------

_worker_manifest = None  # parsed --manifest rows, set once per worker process


def _init_worker(manifest_rows, parent_pid) -> None:
    import logging

    global _worker_manifest
    _worker_manifest = manifest_rows
    # pdfminer warns on stderr about harmless font quirks ("Could not get FontBBox"),
    # hundreds of lines per corpus; the report already names every file that failed.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _exit_when_orphaned(parent_pid)


def _exit_when_orphaned(parent_pid) -> None:
    """A worker whose ingesting process was killed (kill -9) stops instead of lingering."""
    import threading

    if parent_pid is None:
        return

    def watch():
        while True:
            time.sleep(1.0)
            if not _alive(parent_pid):
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed parent may linger as a zombie until reaped; treat that as dead.
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().split(b")")[-1].split()[0] != b"Z"
    except OSError:
        return True


def bundled_manifest(paths) -> tuple[str | None, dict | None]:
    """(path, rows) of the MANIFEST.csv a collection carries at the top of the one folder
    indexed, when it is a usable manifest (UTF-8, a 'path' column); (None, None) otherwise,
    and never an error: a collection's own notes are not the user's --manifest."""
    from .parse.sidecar import ManifestError, load_manifest

    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return None, None
    for name in os.listdir(paths[0]):
        if name.lower() == "manifest.csv":
            candidate = os.path.join(paths[0], name)
            try:
                return candidate, load_manifest(candidate)
            except ManifestError:
                return None, None
    return None, None


def load_manifest_rows(manifest_csv):
    """The --manifest rows (path -> metadata); UsageError when the file is unusable."""
    if not manifest_csv:
        return None
    from .parse.sidecar import ManifestError, load_manifest

    try:
        return load_manifest(manifest_csv)
    except ManifestError as exc:
        raise UsageError(str(exc)) from exc


# --- Sidecar fingerprints ------------------------------------------------------------------
# Sidecar metadata (metadata.json up the tree, <file>.json beside it, --manifest) changes
# what parse makes of a file, so its files' stats are part of each paper's build key.


class SidecarStats:
    def __init__(self, manifest_csv=None):
        self._stats: dict[str, tuple] = {}
        self.manifest = self._stat(os.path.abspath(manifest_csv)) if manifest_csv else None

    def _stat(self, path: str):
        if path not in self._stats:
            try:
                st = os.stat(path)
                self._stats[path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                self._stats[path] = None
        return self._stats[path]

    def fingerprint(self, candidate) -> str:
        parts = [repr(self.manifest)]
        folder = os.path.dirname(candidate.path)
        while True:  # metadata.json in the file's folder and each parent up to the root
            parts.append(repr(self._stat(os.path.join(folder, "metadata.json"))))
            if folder == candidate.root or len(folder) <= len(candidate.root):
                break
            folder = os.path.dirname(folder)
        stem = os.path.splitext(candidate.path)[0]
        for beside in (candidate.path + ".json", stem + ".json"):
            try:
                st = os.stat(beside)
                parts.append(f"{beside}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                pass
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:8]


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileTimeout(Exception):
    pass


def process_file(task: dict) -> dict:
    """Hash, extract (or read the cache), parse. Never raises: failures are results."""
    started = time.process_time()
    result = _process_file(task)
    result["cpu"] = time.process_time() - started
    return result


def _process_file(task: dict) -> dict:
    result = {"id": task["id"], "source": task["source"], "sha256": None}
    try:
        with _time_limit(task["timeout"]):
            result["sha256"] = sha = sha256_file(task["path"])
            document = _document(task, sha)
            paper = _parse(task, document, sha)
    except FileTimeout:
        return dict(result, status="failed", reason="timeout",
                    message=f"took longer than {task['timeout']:g}s")
    except _Failure as failure:
        return dict(result, status="failed", reason=failure.reason, message=failure.message)
    except OSError as exc:
        return dict(result, status="failed", reason="unreadable", message=str(exc))
    if paper.exempt:
        return dict(result, status="exempt", reason=paper.exempt_reason or "exempt")
    return dict(result, status="ok", paper=paper)


class _Failure(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _document(task: dict, sha: str):
    from .extract import extract
    from .extract.errors import ExtractionError

    folder, version = task["cache"], task["extractor_version"]
    cached_error = store.load_cached_error(folder, sha, version)
    if cached_error:
        raise _Failure(*cached_error)
    document = store.load_cached_document(folder, sha, version)
    if document is not None:
        return document
    try:
        document = extract(task["path"])
    except ExtractionError as exc:
        store.save_cached_error(folder, sha, version, exc.reason, exc.message)
        raise _Failure(exc.reason, exc.message) from exc
    except (FileTimeout, OSError):
        raise
    except Exception as exc:  # an extractor bug must not stop the run; not cached
        raise _Failure("error", f"extractor failed: {type(exc).__name__}: {exc}") from exc
    store.save_cached_document(folder, sha, version, document)
    return document


def _parse(task: dict, document, sha: str):
    from .parse import parse

    sidecar = _sidecar(task)
    try:
        paper = parse(document, task["source"], sidecar=sidecar)
    except FileTimeout:
        raise
    except Exception as exc:  # a parser bug must not stop the run
        raise _Failure("error", f"parser failed: {type(exc).__name__}: {exc}") from exc
    paper.id = task["id"]
    paper.source = task["source"]
    paper.root = task["root"]
    paper.sha256 = sha
    paper.source_folder = source_folder(task["source"])
    if not paper.pages:
        paper.pages = len(document.pages)
    return paper


def _sidecar(task: dict):
    try:
        from .parse.sidecar import find_sidecar
    except ImportError:
        return None
    try:
        return find_sidecar(task["path"], task["root"], _worker_manifest)
    except Exception:  # noqa: BLE001 - a broken sidecar loses its metadata, not the paper
        return None


class _time_limit:
    """SIGALRM-based limit (pdfminer is pure Python, so the alarm interrupts it)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.active = False

    def __enter__(self):
        import signal
        import threading

        if self.seconds and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.active = True
        return self

    @staticmethod
    def _expired(signum, frame):
        raise FileTimeout()

    def __exit__(self, *exc):
        if self.active:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


# --- Twins -------------------------------------------------------------------------------
# A council may publish one paper twice in one folder, as minutes.pdf and minutes.txt. Both
# indexed, every search shows it twice; so files sharing a folder and stem whose texts are
# nearly the same are one paper, indexed once. Same stem, different text: both are papers.

TWIN_OVERLAP = 0.8  # share of word shingles two texts must have in common to be one paper
SHINGLE_WORDS = 4
# Of two twins with the same text, the one whose format keeps the printed pages wins when it
# recognised as many numbered paragraphs: answers cite page numbers, and a PDF or DOCX keeps
# the layout (headings, wrapped paragraphs) that a text or HTML copy loses.
FORMAT_PREFERENCE = {".pdf": 5, ".docx": 4, ".html": 3, ".htm": 3, ".md": 2, ".markdown": 2, ".txt": 1}


def twin_groups(candidates) -> dict[tuple, list]:
    """Candidates sharing a root, folder and stem, with different extensions (2 or more)."""
    groups: dict[tuple, list] = {}
    for candidate in candidates:
        stem, _ = os.path.splitext(candidate.source)
        groups.setdefault((candidate.root, stem), []).append(candidate)
    return {key: members for key, members in groups.items() if len(members) > 1}


def _group_settled(members, states, remembered) -> bool:
    """Nothing in a twin group needs reading again: every twin is unchanged, and a twin judged
    a duplicate still has the twin it duplicates indexed and unchanged."""
    if any(states[m.id] == "todo" for m in members):
        return False
    unchanged_sources = {m.source for m in members if states[m.id] == "unchanged"}
    for member in members:
        record = remembered.get(member.id) if states[member.id] == "replay" else None
        if record and record["status"] == "duplicate" and record.get("of") not in unchanged_sources:
            return False
    return True


def shingles(text: str, size: int = SHINGLE_WORDS) -> set:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1))} if words else set()


def text_overlap(a: str, b: str) -> float:
    """Shared word shingles over all shingles of either text (Jaccard): 1.0 for the same text."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _paper_text(paper) -> str:
    return "\n".join(p.text for p in paper.paragraphs)


def _preference(candidate, paper) -> tuple:
    numbered = sum(1 for p in paper.paragraphs if p.number)
    extension = os.path.splitext(candidate.source)[1].lower()
    return (numbered, FORMAT_PREFERENCE.get(extension, 0), len(_paper_text(paper)), candidate.source)


def find_duplicates(pairs) -> dict[str, str]:
    """{candidate id: source of the twin kept} for the twins whose text a better twin holds.

    Only papers read successfully are compared; a twin that failed or is exempt is reported as
    such, and its readable twin is indexed on its own.
    """
    readable = [(c, r) for c, r in pairs if r["status"] == "ok"]
    readable.sort(key=lambda pair: _preference(pair[0], pair[1]["paper"]), reverse=True)
    kept: list[tuple] = []  # (candidate, text)
    duplicates = {}
    for candidate, result in readable:
        text = _paper_text(result["paper"])
        twin = next((k for k, k_text in kept if text_overlap(text, k_text) >= TWIN_OVERLAP), None)
        if twin is not None:
            duplicates[candidate.id] = twin.source
        else:
            kept.append((candidate, text))
    return duplicates


# --- The report ------------------------------------------------------------------------


@dataclass
class Report:
    index: str = ""
    files: int = 0
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    renamed: list = field(default_factory=list)  # {"from", "to"}
    removed: list = field(default_factory=list)
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # {"source", "reason"}
    failed: list = field(default_factory=list)  # {"source", "reason", "message"}
    duplicates: list = field(default_factory=list)  # {"source", "of"}: a twin file not indexed
    seconds: float = 0.0
    worker_cpu: float = 0.0  # CPU seconds spent hashing, extracting and parsing
    writer_cpu: float = 0.0  # CPU seconds of this process (walking, writing the index)

    @property
    def exit_code(self) -> int:
        return 2 if self.failed else 0

    def counts(self) -> dict:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "renamed": len(self.renamed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "duplicates": len(self.duplicates),
        }

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "files": self.files,
            "counts": self.counts(),
            "added": self.added,
            "updated": self.updated,
            "renamed": self.renamed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": self.failed,
            "duplicates": self.duplicates,
            "seconds": round(self.seconds, 3),
            "worker_cpu_seconds": round(self.worker_cpu, 3),
            "writer_cpu_seconds": round(self.writer_cpu, 3),
        }

    def summary(self) -> str:
        c = self.counts()
        return (
            f"{self.files} files: {c['added']} added, {c['updated']} updated, "
            f"{c['renamed']} renamed, {c['removed']} removed, {c['unchanged']} unchanged, "
            f"{c['skipped']} skipped (exempt), {c['failed']} failed, "
            f"{c['duplicates']} duplicates (same text as a twin file) "
            f"in {self.seconds:.1f}s"
        )


REASON_WORDS = {
    "corrupt": "corrupt file",
    "encrypted": "encrypted",
    "no_text": "no text layer",
    "empty": "empty",
    "unsupported": "unsupported",
    "too_large": "too large",
    "timeout": "timeout",
    "unreadable": "unreadable",
    "error": "error",
}


def describe_failure(item: dict) -> str:
    words = REASON_WORDS.get(item["reason"], item["reason"])
    return f"FAILED {item['source']}: {words} ({item['message']})"


# --- Progress --------------------------------------------------------------------------


class Progress:
    """A bar on a terminal (stderr); nothing otherwise, the report says the rest."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.bar = enabled and _isatty(self.stream)

    def step(self, result: dict) -> None:
        self.done += 1
        if not self.bar:
            return  # plain output: the report lists failures once, at the end
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        name = result.get("source", "")[-40:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} {name:<40}")
        self.stream.flush()

    def _clear(self) -> None:
        if self.bar:
            self.stream.write("\r" + " " * 80 + "\r")

    def close(self) -> None:
        if self.bar and self.done:
            self._clear()
            self.stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --- The run ---------------------------------------------------------------------------


def run_index(paths, index_dir, jobs=None, manifest_csv=None, progress=True,
              timeout=DEFAULT_FILE_TIMEOUT, commit_every=None) -> Report:
    """Bring the index in index_dir in line with the files under paths.

    Papers are committed in batches of commit_every (env COUNCILSEARCH_COMMIT_EVERY,
    default 250) so a killed run keeps most of its work; each batch is consistent.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    if commit_every is None:
        commit_every = int(os.environ.get("COUNCILSEARCH_COMMIT_EVERY", "250"))
    if manifest_csv and not os.path.isfile(manifest_csv):
        raise UsageError(f"{manifest_csv}: no such manifest file")
    if manifest_csv:
        manifest_rows = load_manifest_rows(manifest_csv)
    else:
        manifest_csv, manifest_rows = bundled_manifest(paths)
    candidates = walk(paths, exclude=[index_dir])
    report = Report(index=os.path.abspath(index_dir), files=len(candidates))
    session = store.IndexWriterSession(index_dir, commit_every=commit_every, rebuild_if_stale=True)
    try:
        _apply(session, candidates, report, jobs, manifest_csv, manifest_rows, progress, timeout)
    except BaseException:
        session.cancel()
        raise
    session.commit()
    report.seconds = time.perf_counter() - started
    report.writer_cpu = time.process_time() - cpu_started
    return report


def _apply(session, candidates, report, jobs, manifest_csv, manifest_rows, progress,
           timeout) -> None:
    index_dir = session.index_dir
    base_build = build_key()
    sidecars = SidecarStats(manifest_csv)
    builds = {c.id: f"{base_build}/sidecar{sidecars.fingerprint(c)}" for c in candidates}
    indexed = store.read_manifest(session.ix)
    remembered = _load_skipped(index_dir)
    by_id = {c.id: c for c in candidates}
    groups = twin_groups(candidates)
    group_of = {member.id: key for key, members in groups.items() for member in members}
    states = {}
    for candidate in candidates:
        entry, build = indexed.get(candidate.id), builds[candidate.id]
        record = remembered.get(candidate.id)
        if entry and _same_stat(entry, candidate) and entry.build == build:
            states[candidate.id] = "unchanged"
        elif _replayable(record, candidate, build) and (record["status"] != "duplicate" or candidate.id in group_of):
            states[candidate.id] = "replay"
        else:
            states[candidate.id] = "todo"
    for members in groups.values():
        # Twins are judged together: when one changed (or appeared), all are read again.
        if not _group_settled(members, states, remembered):
            for member in members:
                states[member.id] = "todo"
    todo, kept_sha = [], set()
    for candidate in candidates:
        state = states[candidate.id]
        if state == "unchanged":
            report.unchanged += 1
            kept_sha.add(indexed[candidate.id].sha256)
        elif state == "replay":
            _replay_skipped(remembered[candidate.id], candidate, report)
            kept_sha.add(remembered[candidate.id]["sha256"])
        else:
            todo.append(candidate)

    gone = {i: e for i, e in indexed.items() if i not in by_id}
    gone_by_sha = {e.sha256: e for e in gone.values()}
    todo_ids = {c.id for c in todo}
    skipped_now = {i: r for i, r in remembered.items() if i in by_id and i not in todo_ids}
    bar = Progress(len(todo), enabled=progress)
    twin_results: dict[str, list] = {}
    for result in _results(todo, index_dir, jobs, manifest_rows, timeout):
        bar.step(result)
        report.worker_cpu += result.get("cpu", 0.0)
        candidate = by_id[result["id"]]
        if result["sha256"]:
            kept_sha.add(result["sha256"])
        if candidate.id in group_of:
            twin_results.setdefault(group_of[candidate.id], []).append((candidate, result))
            continue  # recorded once all its twins are back
        _record(session, result, candidate, indexed, gone_by_sha, builds[candidate.id],
                report, skipped_now)
    bar.close()
    for pairs in twin_results.values():
        duplicates = find_duplicates(pairs)
        for candidate, result in pairs:
            if candidate.id in duplicates:
                _record_duplicate(session, result, candidate, indexed, duplicates[candidate.id],
                                  builds[candidate.id], report, skipped_now)
            else:
                _record(session, result, candidate, indexed, gone_by_sha, builds[candidate.id],
                        report, skipped_now)

    renamed_from = {r["from_id"] for r in report.renamed}
    for paper_id_value, entry in gone.items():
        session.remove(paper_id_value)
        if paper_id_value not in renamed_from:
            report.removed.append(entry.source)
    for item in report.renamed:
        item.pop("from_id", None)
    _sort_report(report)
    _save_skipped(index_dir, skipped_now)
    store.prune_cache(store.cache_dir(index_dir), kept_sha, extractor_version())


def _sort_report(report) -> None:
    """Workers finish in any order; the report lists files in a stable one."""
    report.duplicates.sort(key=lambda item: item["source"])
    report.added.sort()
    report.updated.sort()
    report.removed.sort()
    report.renamed.sort(key=lambda item: item["to"])
    report.skipped.sort(key=lambda item: item["source"])
    report.failed.sort(key=lambda item: item["source"])


def _same_stat(entry, candidate) -> bool:
    return entry.size == candidate.size and entry.mtime == candidate.mtime


def _record(session, result, candidate, indexed, gone_by_sha, build, report, skipped_now):
    """Apply one worker result to the writer and the report."""
    status, source = result["status"], candidate.source
    previous = indexed.get(candidate.id)
    skipped_now.pop(candidate.id, None)
    if status == "failed":
        report.failed.append({"source": source, "reason": result["reason"],
                              "message": result["message"]})
        if result["sha256"] and result["reason"] != "timeout":
            skipped_now[candidate.id] = _skip_record(result, candidate, build)
        return  # the previously indexed version, if any, stays
    if status == "exempt":
        reason = f"exempt: {result['reason']}"
        if previous:  # it was public before: take it out now
            session.remove(candidate.id)
            reason += " (removed from the index)"
        report.skipped.append({"source": source, "reason": reason})
        skipped_now[candidate.id] = _skip_record(result, candidate, build)
        return
    session.put(result["paper"], size=candidate.size, mtime=candidate.mtime, build=build)
    if previous:
        if previous.sha256 == result["sha256"] and previous.build == build:
            report.unchanged += 1  # touched only: stat refreshed
        else:
            report.updated.append(source)
    elif result["sha256"] in gone_by_sha:
        old = gone_by_sha.pop(result["sha256"])
        report.renamed.append({"from": old.source, "to": source, "from_id": old.id})
    else:
        report.added.append(source)


def _record_duplicate(session, result, candidate, indexed, of_source, build, report, skipped_now):
    """A twin whose text the kept twin already holds: reported, remembered, never indexed."""
    skipped_now.pop(candidate.id, None)
    if candidate.id in indexed:  # indexed before its twin appeared: take it out
        session.remove(candidate.id)
    report.duplicates.append({"source": candidate.source, "of": of_source})
    record = _skip_record(dict(result, status="duplicate", reason="duplicate"), candidate, build)
    record["of"] = of_source
    skipped_now[candidate.id] = record


def _skip_record(result, candidate, build) -> dict:
    record = {"source": candidate.source, "size": candidate.size, "mtime": candidate.mtime,
              "build": build, "sha256": result["sha256"], "status": result["status"],
              "reason": result["reason"]}
    if result["status"] == "failed":
        record["message"] = result["message"]
    return record


def _replayable(record, candidate, build) -> bool:
    """Whether an exempt, failed or duplicate file is unchanged since it was last judged."""
    if not record or record["build"] != build:
        return False
    return record["size"] == candidate.size and record["mtime"] == candidate.mtime


def _replay_skipped(record, candidate, report) -> None:
    """Report an unchanged exempt, failed or duplicate file again without opening it."""
    if record["status"] == "exempt":
        report.skipped.append({"source": candidate.source,
                               "reason": f"exempt: {record['reason']}"})
    elif record["status"] == "duplicate":
        report.duplicates.append({"source": candidate.source, "of": record["of"]})
    else:
        report.failed.append({"source": candidate.source, "reason": record["reason"],
                              "message": record.get("message", "")})


def _load_skipped(index_dir) -> dict:
    try:
        with open(os.path.join(index_dir, SKIPPED_FILE), encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def skipped_file(index_dir, key: str) -> dict | None:
    """What the last run did with a file it did not index (a twin of another, exempt,
    failed), by the id or source path `show` was given; None if it is not remembered."""
    return next((record for pid, record in _load_skipped(index_dir).items()
                 if key in (pid, record.get("source"))), None)


def _save_skipped(index_dir, records: dict) -> None:
    payload = json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8")
    store._atomic_write(os.path.join(index_dir, SKIPPED_FILE), payload)


def _tasks(todo, index_dir, timeout) -> list[dict]:
    cache = store.cache_dir(index_dir)
    version = extractor_version()
    # Largest first, so a big file does not start last and leave the other cores idle.
    ordered = sorted(todo, key=lambda c: c.size, reverse=True)
    return [
        {"id": c.id, "path": c.path, "root": c.root, "source": c.source, "cache": cache,
         "extractor_version": version, "timeout": timeout}
        for c in ordered
    ]


def _results(todo, index_dir, jobs, manifest_rows, timeout):
    """Worker results as they complete; in this process when one job suffices."""
    tasks = _tasks(todo, index_dir, timeout)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if not tasks:
        return
    if jobs == 1 or len(tasks) == 1:
        _init_worker(manifest_rows, None)
        for task in tasks:
            yield process_file(task)
        return
    yield from _pool_results(tasks, min(jobs, len(tasks)), manifest_rows)


def _pool_results(tasks, jobs, manifest_rows):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # forkserver: workers do not inherit this process's open files, in particular the
    # index's write lock, so a worker outliving a killed run can never hold the lock.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["councilsearch.ingest", "councilsearch.extract",
                                    "councilsearch.parse"])
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(manifest_rows, os.getpid()))
    try:
        futures = {pool.submit(process_file, task): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                task = futures[future]
                yield {"id": task["id"], "source": task["source"], "sha256": None,
                       "status": "failed", "reason": "error",
                       "message": f"worker failed: {type(exc).__name__}: {exc}"}
    finally:
        # On Ctrl-C (or any error) queued files are dropped rather than run to the end.
        pool.shutdown(wait=True, cancel_futures=True)
