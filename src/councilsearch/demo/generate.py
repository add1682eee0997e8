"""Generate the demo council: papers in OUT/harrowmere-dc/<committee>/<date>/ and the
ground truth in OUT/_truth/ (JSON Lines, which `councilsearch index` does not read).

Deterministic: the same seed and size give the same bytes for every file (no clock,
no hash order). Each meeting draws from its own random stream, derived from the seed
and the meeting, so a change to one kind of report does not reshuffle every later meeting.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import names
from .council import COMMITTEES, Council, Meeting, build_council
from .papers import (
    MeetingBusiness,
    agenda_spec,
    appendix_spec,
    decision_spec,
    make_context,
    minutes_spec,
    report_spec,
)
from .prose import MONTHS, UNANSWERABLE, build_report, contract_award, exempt_property
from .render_other import render_docx, render_html, render_markdown
from .render_pdf import render_pdf
from .spec import PaperSpec, collapse

DEFAULT_PAPERS = 300
MIN_PAPERS = 20
MAX_PAPERS = 100_000
LAST_YEAR = 2024  # the final municipal year (2024/25): fixed, never "today", so output is stable
TRUTH_DIR = "_truth"
OWNER_MARK = "generator.json"  # marks a folder as ours to overwrite


class GenerateError(Exception):
    """Bad arguments or an output folder that must not be overwritten."""


@dataclass
class Summary:
    out: str
    papers: int
    seed: int
    by_type: dict = field(default_factory=dict)
    by_format: dict = field(default_factory=dict)
    questions: int = 0
    exempt: int = 0
    years: list = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0


def derived_rng(seed: int, *parts) -> random.Random:
    """A random stream that depends only on the seed and the parts named (stable across runs)."""
    digest = hashlib.sha256(repr((seed,) + parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def municipal_years(papers: int) -> list[int]:
    count = 3 if papers <= 1000 else math.ceil(papers / 330)
    return list(range(LAST_YEAR - count + 1, LAST_YEAR + 1))


def select_meetings(meetings: list[Meeting], papers: int) -> list[Meeting]:
    """Enough meetings for the size asked: each committee keeps its share, spread over time."""
    target = min(len(meetings), max(6, papers // 5))
    chosen: list[Meeting] = []
    for c in COMMITTEES:
        own = [m for m in meetings if m.committee.key == c.key]
        count = max(1, round(len(own) * target / len(meetings)))
        if c.key == "CO":  # the annual and budget meetings carry the most telling business
            own = [m for m in own if m.annual or m.budget] + [m for m in own if not (m.annual or m.budget)]
            chosen += own[:count]
        else:
            step = len(own) / count
            chosen += [own[int(i * step)] for i in range(count)]
    return sorted(chosen, key=lambda m: (m.date, m.committee.key))


def choose_format(rng: random.Random, doc_type: str) -> str:
    table = {"report": (("pdf", 80), ("docx", 8), ("html", 6), ("md", 6)),
             "agenda": (("pdf", 60), ("html", 25), ("md", 15)),
             "minutes": (("pdf", 70), ("docx", 20), ("md", 10))}[doc_type]
    formats, weights = zip(*table)
    return rng.choices(formats, weights=weights)[0]


class Planner:
    """Walks the meetings in order, giving each a share of the papers still to make."""

    def __init__(self, council: Council, meetings: list[Meeting], papers: int, seed: int):
        self.council, self.meetings, self.papers, self.seed = council, meetings, papers, seed
        self.precedents: dict = {}
        self.specs: list[PaperSpec] = []
        ex = [m for m in meetings if m.committee.key == "EX"]
        n_exempt = max(1, papers // 150)
        self.exempt_at = {id(ex[int(i * len(ex) / n_exempt)]) for i in range(min(n_exempt, len(ex)))}
        self.minute_numbers: dict = {}
        self.decision_serials: dict = {}
        self.previous: dict = {}

    def remaining_base(self, index: int) -> int:
        """Papers the meetings from index on need whatever happens: agenda, minutes, exempt report."""
        rest = self.meetings[index:]
        return 2 * len(rest) + sum(1 for m in rest if id(m) in self.exempt_at)

    def units_for(self, index: int) -> int:
        meeting = self.meetings[index]
        if meeting.annual:
            return 0
        spare = self.papers - len(self.specs) - self.remaining_base(index)
        weights = [m.committee.weight for m in self.meetings[index:] if not m.annual]
        if len(weights) == 1:
            return max(0, spare)  # the last meeting with business takes what is left
        return max(0, round(spare * meeting.committee.weight / sum(weights)))

    def run(self) -> list[PaperSpec]:
        first_ex = next((m for m in self.meetings if m.committee.key == "EX"), None)
        for index, meeting in enumerate(self.meetings):
            self.meeting_papers(meeting, self.units_for(index), force_extras=meeting is first_ex)
        return self.specs

    @staticmethod
    def fresh_report(ctx, biz):
        """A report on business not already before this meeting (a few tries, then accept)."""
        titles = {content.title for _, content in biz.items}
        for _ in range(8):
            content = build_report(ctx, first=not biz.items)
            if content.title not in titles:
                break
        return content

    def meeting_papers(self, meeting: Meeting, units: int, force_extras: bool) -> None:
        rng = derived_rng(self.seed, "meeting", meeting.committee.key, meeting.date.isoformat())
        biz = MeetingBusiness(self.council, meeting, rng)
        ctx = make_context(biz, self.precedents)
        item = 5 if meeting.annual else 4
        reports: list[PaperSpec] = []
        extras: list[tuple[str, object, str]] = []  # (item, content, "decision"|"appendix")
        while units > 0:
            content = contract_award(ctx) if force_extras and not biz.items else self.fresh_report(ctx, biz)
            if force_extras and len(biz.items) == 0:
                content.key_decision = True
            biz.items.append((str(item), content))
            reports.append(report_spec(biz, str(item), content, choose_format(rng, "report")))
            units -= 1
            if meeting.committee.key == "EX" and content.key_decision and units > 0:
                extras.append((str(item), content, "decision"))
                units -= 1
            if content.appendix and units > 0 and (rng.random() < 0.4 or (force_extras and len(biz.items) == 1)):
                extras.append((str(item), content, "appendix"))
                units -= 1
            item += 1
        if id(meeting) in self.exempt_at:
            content = exempt_property(ctx)
            biz.items.append((str(item), content))
            reports.append(report_spec(biz, str(item), content, "pdf"))
        key = (meeting.committee.key, meeting.municipal_year)
        minutes, self.minute_numbers[key] = minutes_spec(
            biz, self.previous.get(meeting.committee.key), self.minute_numbers.get(key, 1),
            choose_format(rng, "minutes"), self.precedents)
        self.previous[meeting.committee.key] = meeting
        self.specs.append(agenda_spec(biz, choose_format(rng, "agenda")))
        self.specs += reports
        for it, content, kind in extras:
            if kind == "decision":
                serial = self.decision_serials[meeting.date.year] = self.decision_serials.get(meeting.date.year, 0) + 1
                self.specs.append(decision_spec(biz, it, content, serial))
            else:
                self.specs.append(appendix_spec(biz, it, content))
        self.specs.append(minutes)


def ensure_every_format(specs: list[PaperSpec]) -> None:
    """Small runs still show DOCX, HTML and Markdown: convert the first suitable papers."""
    wanted = (("docx", ("minutes", "report")), ("html", ("agenda", "report")), ("md", ("minutes", "agenda", "report")))
    for fmt, kinds in wanted:
        if any(s.format == fmt for s in specs):
            continue
        for spec in specs:
            if spec.doc_type in kinds and spec.format == "pdf" and not spec.exempt:
                spec.path = spec.path.rsplit(".", 1)[0] + "." + fmt
                spec.layout, spec.header_style = "single", "plain" if spec.header else spec.header_style
                break


def render(spec: PaperSpec, variant: int) -> tuple[bytes, list[tuple[int, int]], int]:
    """File bytes, the pages each block starts and ends on, and the page count."""
    if spec.format == "pdf":
        data, pages = render_pdf(spec, variant)
        return data, pages, max(end for _, end in pages) if pages else 1
    renderer = {"docx": render_docx, "html": render_html, "md": render_markdown}[spec.format]
    return renderer(spec), [(1, 1)] * len(spec.blocks), 1


# --- ground truth ----------------------------------------------------------------------

def fragment(text: str, limit: int = 60) -> str:
    """The opening words of a recommendation, verbatim (never across a ";" or a line's end)."""
    text = collapse(text).split(";")[0].rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut


def labelled_committee(spec: PaperSpec) -> str:
    """The committee as the paper names it, the way real councils' papers are labelled: the
    minutes and agenda of a full-council meeting print the council's name at the top and speak
    of "the Council", so they are labelled with that name (as a parish's or Lanmore's are);
    a report prints "Report to: Council" and keeps it."""
    if spec.committee == "Council" and spec.doc_type in ("minutes", "agenda"):
        return names.COUNCIL_NAME
    return spec.committee


def metadata_record(spec: PaperSpec, pages: int) -> dict:
    return {
        "path": spec.path, "council": names.COUNCIL_NAME, "doc_type": spec.doc_type,
        "committee": labelled_committee(spec), "meeting_date": spec.meeting_date, "title": spec.title,
        "portfolio_holder": "; ".join(spec.portfolio_holders) or None, "report_author": spec.authors,
        "agenda_item": spec.agenda_item, "classification": spec.classification,
        "recommendations_count": len(spec.recommendations),
        "first_recommendation_contains": fragment(spec.recommendations[0]) if spec.recommendations else None,
        "exempt": spec.exempt, "format": spec.format, "pages": pages,
        "layout": spec.layout if spec.format == "pdf" else None, "notes": spec.notes,
    }


def paragraphs_record(spec: PaperSpec, block_pages: list[tuple[int, int]]) -> dict:
    paras = [{"number": b.number, "heading": b.heading, "section": b.section, "kind": b.para_kind,
              "text": b.text, "page": start, "page_end": end}
             for b, (start, end) in zip(spec.blocks, block_pages) if b.kind == "para"]
    return {"path": spec.path, "exempt": spec.exempt, "paragraphs": paras,
            "recommendations": spec.recommendations}


def question_records(specs: list[PaperSpec], rng: random.Random, papers: int) -> list[dict]:
    records = []
    for spec in specs:
        if spec.exempt:
            continue
        text = spec.plain_text()
        for q in spec.questions:
            missing = [s for s in q.answer_contains if collapse(s) not in text]
            if missing:  # a generator bug, never silently shipped as ground truth
                raise AssertionError(f"{spec.path}: answer string not in the paper: {missing[0]!r}")
            records.append({"question": q.question, "type": q.type, "answer": q.answer, "source": spec.path,
                            "answer_contains": [collapse(s) for s in q.answer_contains],
                            "committee": spec.committee, "date": spec.meeting_date})
    records = disambiguate(records)
    count = len(UNANSWERABLE) if papers >= 100 else 3
    for question, _word in UNANSWERABLE[:count]:
        records.append({"question": question, "type": "unanswerable", "answer": "Not covered by any paper.",
                        "source": None, "answer_contains": [], "committee": None, "date": None})
    rng.shuffle(records)
    return [{"id": f"g{i:05d}", **r} for i, r in enumerate(records, 1)]


def disambiguate(records: list[dict]) -> list[dict]:
    """One question, one right answer: drop repeats, and date a wording that recurs with other answers."""
    seen, unique = set(), []
    for r in records:
        key = (r["question"], tuple(r["answer_contains"]))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    wording_count: dict = {}
    for r in unique:
        wording_count[r["question"]] = wording_count.get(r["question"], 0) + 1
    for r in unique:
        if wording_count[r["question"]] > 1:
            year, month, _ = r["date"].split("-")
            when = f"{MONTHS[int(month) - 1]} {year}"
            r["question"] = f"At the {r['committee']} meeting in {when}: {r['question']}"
    return unique


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")


# --- the output folder -------------------------------------------------------------------

def prepare_output(out: Path) -> None:
    """Refuse to write into a folder of someone else's files; clear a previous generation."""
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not any((out / TRUTH_DIR / mark).exists() for mark in (OWNER_MARK, "summary.json")):
            raise GenerateError(f"{out} is not empty and was not made by `councilsearch generate`; "
                                "choose an empty or new folder")
        shutil.rmtree(out / names.COUNCIL_SLUG, ignore_errors=True)
        shutil.rmtree(out / TRUTH_DIR, ignore_errors=True)
    (out / TRUTH_DIR).mkdir(parents=True, exist_ok=True)
    # Written first, so that an interrupted run can be regenerated over (summary.json comes last).
    (out / TRUTH_DIR / OWNER_MARK).write_text('{"generator": "councilsearch.demo"}\n', encoding="utf-8")


def generate(out, papers: int = DEFAULT_PAPERS, seed: int = 1, progress=None) -> Summary:
    """Write a council of `papers` papers and its ground truth into `out`."""
    if not isinstance(papers, int) or not MIN_PAPERS <= papers <= MAX_PAPERS:
        raise GenerateError(f"--papers must be between {MIN_PAPERS} and {MAX_PAPERS}, not {papers}")
    started = time.perf_counter()
    out = Path(out)
    prepare_output(out)
    years = municipal_years(papers)
    council = build_council(derived_rng(seed, "council"), years)
    meetings = select_meetings(council.meetings, papers)
    specs = Planner(council, meetings, papers, seed).run()
    ensure_every_format(specs)

    summary = Summary(str(out), len(specs), seed, years=[f"{y}/{(y + 1) % 100:02d}" for y in years])
    metadata, paragraphs = [], []
    for n, spec in enumerate(specs):
        data, block_pages, pages = render(spec, n % 6)
        target = out / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        summary.bytes += len(data)
        summary.by_type[spec.doc_type] = summary.by_type.get(spec.doc_type, 0) + 1
        summary.by_format[spec.format] = summary.by_format.get(spec.format, 0) + 1
        summary.exempt += spec.exempt
        metadata.append(metadata_record(spec, pages))
        paragraphs.append(paragraphs_record(spec, block_pages))
        if progress and (n + 1) % 500 == 0:
            progress(n + 1, len(specs))
    questions = question_records(specs, derived_rng(seed, "questions"), papers)
    summary.questions = len(questions)

    truth = out / TRUTH_DIR
    write_jsonl(truth / "metadata.jsonl", metadata)
    write_jsonl(truth / "paragraphs.jsonl", paragraphs)
    write_jsonl(truth / "questions.jsonl", questions)
    (truth / "council.json").write_text(json.dumps(council.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    stable = {k: v for k, v in summary.__dict__.items() if k not in ("seconds", "out")}  # no timings: same bytes
    (truth / "summary.json").write_text(json.dumps(stable, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


def is_generated(out) -> bool:
    """Whether out holds a finished generation (its summary is written last)."""
    return (Path(out) / TRUTH_DIR / "summary.json").is_file()


def describe(summary: Summary) -> str:
    types = ", ".join(f"{n} {t}" for t, n in sorted(summary.by_type.items()))
    formats = ", ".join(f"{n} {f.upper()}" for f, n in sorted(summary.by_format.items()))
    years = summary.years[0] if len(summary.years) == 1 else f"{summary.years[0]} to {summary.years[-1]}"
    return (f"Wrote {summary.papers} papers of {names.COUNCIL_NAME} ({years}) to {summary.out}/ "
            f"in {summary.seconds:.1f} s\n  {types}\n  {formats}; {summary.exempt} exempt (never indexed)\n"
            f"  ground truth: {summary.questions} questions, metadata and paragraphs in {summary.out}/{TRUTH_DIR}/")
