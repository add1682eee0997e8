"""Metadata published beside the papers: it overrides what extraction guessed.

Three places, later ones winning:
1. a ``metadata.json`` in the file's folder or a parent folder (up to the root) that lists
   the file (entries with ``filename``/``path``, ``committee``, ``meeting_date`` as Kent's
   publishing system writes them);
2. ``<file>.json`` (or ``<file stem>.json``) beside the file;
3. a manifest CSV given on the command line (columns ``path`` and any of ``committee``,
   ``date``/``meeting_date``, ``title``, ``doc_type``, ``council``, ``url``).

The result always uses the keys committee, date (ISO), title, doc_type, council, url.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path

from .dates import first_date
from .doctype import DOC_TYPES, normalise_doc_type

log = logging.getLogger(__name__)

KEYS = ("committee", "date", "title", "doc_type", "council", "url")
_ALIASES = {"meeting_date": "date", "meeting": "committee", "body": "committee", "link": "url", "original_url": "url"}


class ManifestError(ValueError):
    """A manifest file that cannot be used (missing, unreadable or without a path column)."""


def normalise_entry(entry: dict) -> dict:
    """Keep the known keys (aliases mapped), dates made ISO, empty values dropped."""
    out: dict = {}
    for key, value in entry.items():
        key = _ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if key not in KEYS or value in (None, ""):
            continue
        value = str(value).strip()
        if key == "date":
            # first_date checks the calendar: "2024-02-30" is dropped, not stored.
            value = first_date(value[:10]) if re.match(r"^\d{4}-\d\d-\d\d", value) else first_date(value)
            if not value:
                continue
        if key == "council":
            value = _council_name(value)
        if key == "doc_type":
            value = normalise_doc_type(value)
            if value not in DOC_TYPES:
                continue  # free-text categories ("committee report / supporting paper") say too little
        out.setdefault(key, value)
    return out


def _council_name(value: str) -> str:
    """Drop a trailing place or country: "Kent County Council (England)", "X Council, Monmouthshire"."""
    value = re.sub(r"\s*\([^()]*\)\s*$", "", value.split(";")[0].strip())
    return re.sub(r",\s*[A-Z][\w .'-]{0,40}$", "", value).strip()


def load_manifest(csv_path) -> dict:
    """Rows of a manifest CSV keyed by their ``path`` (as written: relative or absolute)."""
    path = Path(csv_path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "path" not in [f.strip().lower() for f in reader.fieldnames]:
                raise ManifestError(f"{path}: a manifest needs a 'path' column")
            rows = {}
            for row in reader:
                row = {str(k).strip().lower(): v for k, v in row.items() if k}
                key = (row.get("path") or "").strip().replace("\\", "/")
                if key:
                    rows[key] = normalise_entry(row)
            return rows
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    except csv.Error as exc:
        raise ManifestError(f"{path}: not a readable CSV file: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def find_sidecar(path: Path, root: Path, manifest: dict | None = None) -> dict | None:
    """The sidecar metadata for ``path`` (a file under ``root``), or None when there is none."""
    path, root = Path(path), Path(root)
    merged: dict = {}
    for found in (_from_metadata_json(path, root), _from_beside_json(path), _from_manifest(path, root, manifest)):
        if found:
            merged.update(found)
    return merged or None


def _relative(path: Path, base: Path) -> str | None:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None


def _from_metadata_json(path: Path, root: Path) -> dict | None:
    folder = path.parent
    while True:
        candidate = folder / "metadata.json"
        if candidate.is_file():
            entry = _entry_for(path, folder, _read_json(candidate))
            if entry is not None:
                return normalise_entry(entry)
        if folder == root or folder.parent == folder or _relative(folder, root) is None:
            return None
        folder = folder.parent


def _entry_for(path: Path, folder: Path, data) -> dict | None:
    """The entry of a metadata.json that lists ``path``; a single-object file describes its folder."""
    if isinstance(data, dict):
        for key in ("documents", "files", "items", "papers"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return data if folder == path.parent and not any(k in data for k in ("filename", "path")) else None
    if not isinstance(data, list):
        return None
    relative = _relative(path, folder) or path.name
    for entry in data:
        if not isinstance(entry, dict):
            continue
        listed = str(entry.get("path") or "").replace("\\", "/").strip("/")
        if listed and (listed == relative or relative.endswith("/" + listed) or listed.endswith("/" + relative)):
            return entry
    for entry in data:
        if isinstance(entry, dict) and entry.get("filename") == path.name and not entry.get("path"):
            return entry
    # Paths written from another root (Kent's say "cabinet/2025-01-30/originals/x.pdf").
    full = path.as_posix()
    for entry in data:
        listed = str(entry.get("path") or "").replace("\\", "/").strip("/") if isinstance(entry, dict) else ""
        if listed and full.endswith("/" + listed):
            return entry
    return None


def _from_beside_json(path: Path) -> dict | None:
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".json")):
        if candidate != path and candidate.is_file() and candidate.name != "metadata.json":
            data = _read_json(candidate)
            if isinstance(data, dict):
                return normalise_entry(data)
    return None


def _from_manifest(path: Path, root: Path, manifest: dict | None) -> dict | None:
    if not manifest:
        return None
    relative = _relative(path, root)
    for key in (relative, str(path), path.resolve().as_posix(), path.as_posix()):
        if key and key in manifest:
            return manifest[key]
    if relative:  # the manifest was written relative to a parent of root
        for key, entry in manifest.items():
            if key.endswith("/" + relative):
                return entry
    return None


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable sidecar %s: %s", path, exc)
        return None
