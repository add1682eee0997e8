"""Label-driven reading of a paper's header block.

Councils print their header as a table ("Committee: | Executive | Agenda Item No.: | 14"),
as label/value blocks (Kent's "From: / To: / Subject: / Decision no:") or as forms
("DECISION TO BE TAKEN BY: DECISION NO:" followed by both values). One reader handles them
all: it walks the lines, recognises labels at the start of a cell, and gives each label the
text that follows it in the same cell, the next value cells, or the next unlabelled lines.
Labels printed before their values queue up and take values in order, each value going to
the first queued label whose validator accepts it (a decision number looks like "24/00096").
Values printed *before* their label (an extraction-order quirk) are picked up from the
unclaimed lines just above a label that got nothing after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Line
from .text import cells, squash

# (field, label pattern). Earlier entries win, so longer labels come first.
LABELS: list[tuple[str, str]] = [
    ("stop", r"is the decision eligible for call[- ]in\??|past pathway(?: of (?:report|paper))?|future pathway(?: of (?:report|paper))?"),
    ("committee", r"decision (?:to be |was )?(?:taken|made) by|decisions?[- ]makers?|decided by|name of (?:committee|meeting)|committee|meeting"),
    ("decision_number", r"decision (?:no|number|ref(?:erence)?)\.?|forward plan ref(?:erence)?"),
    ("key_decision", r"key decision\??"),
    ("agenda_item", r"agenda item(?: no\.?| number)?|item (?:no\.?|number)"),
    ("date", r"date of (?:the )?(?:meeting|decision)|meeting date|decision date|date"),
    ("status", r"status"),
    ("classification", r"security classification|classification"),
    ("exempt_info", r"exempt information|exempt report|confidential(?:ity| information)?|contains exempt information\??"),
    ("subject", r"subject matter\s*/\s*title of decision|subject|title of (?:the )?(?:report|decision)|report title|title"),
    ("author", r"report authors?\(?s?\)?|report by|report of|authors?\(?s?\)?|lead officers?|contact officers?|report from"),
    ("other_officers", r"other officers involved"),
    ("director", r"(?:relevant |responsible |corporate )?director"),
    ("portfolio", r"(?:relevant )?portfolio holders?(?:\(s\))?|relevant cabinet members?|cabinet members?(?:\(s\))?|lead members?|executive members?"),
    ("from", r"from|by(?=\s*:)"),  # Kent prints "By:" on some reports; a bare "By" is a table heading
    ("to", r"report to|submitted to|to"),
    ("stop", r"summary|executive summary|recommendations?(?:\(s\))?|electoral divisions?(?:\(s\))?|wards?(?: affected)?|purpose(?: of (?:the )?report)?|decision|reasons? for (?:the )?decision|reason\(s\) for decision|background|contact details|relevant corporate aims|targets"),
]
_LABEL = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<f{i}>{pattern})" for i, (_, pattern) in enumerate(LABELS)) + r")\s*(?P<colon>:)?\s*",
    re.IGNORECASE,
)

# "Previous Pathway:", "Electoral Division:": a label the reader has no field for.
_UNKNOWN_LABEL = re.compile(r"^[A-Z][A-Za-z’'()/& -]{1,40}:(?:\s|$)")

SECTION_START = re.compile(r"^1\.?\s+(?:\|\s+)?[A-Z][\w ,&'’()/-]{2,80}$")

# What a value of some fields must look like, so queued labels pick the right value.
VALIDATORS = {
    "decision_number": re.compile(r"\d+\s*/\s*\d+|^[A-Z]{0,4}\s?\d+[\w/-]*$"),
    "agenda_item": re.compile(r"^\(?[A-Z]?\d+[A-Za-z]?(?:\.\d+)?\)?\b"),
    "committee": re.compile(r"^(?![\d/ ]+$).*[A-Za-z]"),
    "key_decision": re.compile(r"^(?:yes|no)\b", re.IGNORECASE),
}
# Fields whose values run over several lines.
MULTILINE = {"subject", "from", "author", "portfolio", "other_officers", "director", "to", "committee"}


@dataclass
class Value:
    text: str
    line: Line
    idx: int = -1  # index of the line in the header block
    first: bool = True  # the value's first line (False for continuation lines)


@dataclass
class Header:
    """Raw label values found in a header block (field -> list of value lines)."""

    values: dict[str, list[Value]] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        parts = self.values.get(name)
        if not parts:
            return None
        return squash(" ".join(v.text for v in parts)) or None

    def blocks(self, name: str) -> list[str]:
        """A multi-line value split where a new item starts (a vertical gap or a fresh line)."""
        parts = self.values.get(name) or []
        blocks: list[list[str]] = []
        previous = None
        for value in parts:
            if previous is None or _starts_new_block(previous.line, value.line):
                blocks.append([])
            blocks[-1].append(value.text)
            previous = value
        return [squash(" ".join(b)) for b in blocks if squash(" ".join(b))]


def _starts_new_block(before: Line, after: Line) -> bool:
    if before is after:
        return False
    if _opens_with_name(after.text) or _closes_with_name(before.text):
        return True  # a person per line, even when printed tight: "John Betts, Interim Director"
    if after.page != before.page:
        return True
    if before.size and after.size:
        gap = after.top - before.bottom if before.bottom else after.top - before.top - before.size
        return gap > 0.9 * before.size
    # No positions: a wrapped value starts lower case; a new person starts with a capital.
    return not after.text[:1].islower()


def _opens_with_name(text: str) -> bool:
    from .people import looks_like_name

    head = re.split(r",|\s[–—-]\s", text, maxsplit=1)
    return len(head) == 2 and looks_like_name(head[0]) and len(head[0].split()) >= 2


def _closes_with_name(text: str) -> bool:
    """ "Traded Services, Paul Oakley": the line ends a role-first person."""
    from .people import clean_name, looks_like_name

    head, _, last = re.sub(r";\s*$", "", text).replace(";", ",").rpartition(",")
    return bool(head) and looks_like_name(last) and len(clean_name(last).split()) >= 2


def label_at(text: str) -> tuple[str, str] | None:
    """(field, rest) when ``text`` starts with a known label, else None."""
    match = _LABEL.match(text)
    if not match:
        return None
    rest = text[match.end():]
    if not match["colon"] and rest.strip():
        return None  # "From the outset..." is prose, not a label
    for i, (name, _) in enumerate(LABELS):
        if match[f"f{i}"] is not None:
            return name, rest
    return None


def split_labels(cell: str) -> list[tuple[str, str]] | None:
    """The labels in one cell with their values: "DECISION TO BE TAKEN BY: DECISION NO:" -> two."""
    found = label_at(cell)
    if not found:
        return None
    out = []
    while found:
        name, rest = found
        following = label_at(rest) if rest.strip() else None
        if following and _LABEL.match(rest)["colon"]:
            out.append((name, ""))
            found = following
        else:
            out.append((name, rest.strip()))
            found = None
    return out


def read_header(lines: list[Line]) -> Header:
    lines = join_wrapped_labels(lines)
    header = Header()
    pending: list[tuple[str, int]] = []  # labels waiting for a value: (field, line index)
    missed: list[tuple[str, int]] = []  # labels that got no value after them
    unclaimed: dict[int, str] = {}  # value cells no label took
    last: tuple[str, Line] | None = None  # the field a continuation line extends, and its label's line
    first_cell: tuple[str, Line] | None = None  # a queued multi-line field that took the first cell of the row under its label

    def accept(name: str, text: str, idx: int, anchor: Line, first: bool) -> None:
        nonlocal last
        if name != "stop":
            header.values.setdefault(name, []).append(Value(text, lines[idx], idx, first))
        last = (name, anchor)  # continuations are measured against the label's line

    for idx, line in enumerate(lines):
        if header.values and SECTION_START.match(squash(line.text)):
            break  # the body has begun ("1 Background Information")
        row_label: Line | None = None
        row = cells(line.text)
        wrapped_cell, first_cell = first_cell, None
        for cell in row:
            segments = split_labels(cell)
            if segments and not _believable_bare_label(cell, row, line):
                segments = None
            if segments is None and last and _UNKNOWN_LABEL.match(cell) and not _continues(last[1], line):
                # "Previous Pathway: ..." in the label column: a label we do not read still ends the
                # value above, so its wrapped lines are not taken as more of the subject.
                last = None
            if segments is None:
                target = next((p for p in pending if _fits(p[0], cell)), None)
                if target:
                    pending.remove(target)
                    accept(target[0], cell, idx, lines[target[1]], True)
                    if cell is row[0] and len(row) > 1 and target[0] in MULTILINE and target[1] == idx - 1:
                        first_cell = (target[0], line)
                elif wrapped_cell and len(row) == 1 and _under_first_cell(wrapped_cell[1], line):
                    # "Mrs Ann Lee, Cabinet Member for Libraries, Culture and | 25/00012" over
                    # "Leisure": the first cell's value wrapped under it, beside the next cell's.
                    accept(wrapped_cell[0], cell, idx, lines[idx], False)  # one line only
                elif row_label is not None and last and last[1] is line:
                    accept(last[0], cell, idx, line, False)  # another value cell on the label's row
                elif last and last[0] in MULTILINE and (
                    (_continues(last[1], line) and _near_value(header.values.get(last[0]), line))
                    or _wraps(header.values.get(last[0]), line)
                ):
                    accept(last[0], cell, idx, last[1], False)
                else:
                    unclaimed[idx] = cell
                continue
            row_label = line
            for name, value in segments:
                if value:
                    missed.extend(pending)  # a new label with its value ends the wait of earlier ones
                    pending = []
                    accept(name, value, idx, line, True)
                else:
                    pending.append((name, idx))
                    last = (name, line)
    missed.extend(pending)
    _fill_backwards(missed, header, unclaimed)
    return header


def join_wrapped_labels(lines: list[Line]) -> list[Line]:
    """A table row whose label cell wrapped ("Relevant Portfolio | Councillor X" over "Holder"):
    the label's last word, printed alone on the next line at the label's left edge, is put back
    into the label so the row reads as "Relevant Portfolio Holder | Councillor X"."""
    out: list[Line] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        row = cells(line.text)
        if following is not None and len(row) > 1 and split_labels(row[0]) is None and _wrapped_label_tail(line, following):
            joined = f"{row[0]} {squash(following.text)}"
            if split_labels(joined) is not None:
                out.append(replace(line, text=" | ".join([joined] + row[1:])))
                skip = True
                continue
        out.append(line)
    return out


def _wrapped_label_tail(line: Line, following: Line) -> bool:
    """One or two words alone on the next line, at the row's left edge and printed tight under it."""
    text = squash(following.text)
    if not text or len(text.split()) > 2 or "|" in following.text or following.page != line.page:
        return False
    if line.size and following.size:
        return abs(following.x0 - line.x0) < 3 and 0 <= following.top - line.top < 2.5 * line.size
    return False


def _believable_bare_label(cell: str, row: list[str], line: Line) -> bool:
    """A label printed without a colon ("Status", "Relevant Portfolio Holder") counts in a table
    row or when it is several words; a lone "Committee" or "Meeting" is a wrapped line."""
    if ":" in cell:
        return True
    return len(row) > 1 or len(cell.split()) >= 2


def _under_first_cell(row: Line, line: Line) -> bool:
    """A line printed tight under a table row, in its left half and not left of it: the row's
    first cell wrapped."""
    if line.page != row.page or not row.size or not row.x1 or line.size != row.size:
        return False
    return 0 < line.top - row.top <= 2.0 * row.size and row.x0 - 3 <= line.x0 < (row.x0 + row.x1) / 2


def _fits(name: str, text: str) -> bool:
    validator = VALIDATORS.get(name)
    return validator is None or bool(validator.search(text))


def _fill_backwards(missed: list[tuple[str, int]], header: Header, unclaimed: dict[int, str]) -> None:
    """Labels printed after their values take the nearest value lines above them.

    Walking up from the label, candidates are unclaimed lines and lines that were taken as
    continuations of an earlier multi-line value; the walk stops at a line holding a label
    with its own value.
    """
    first_value_rows = {v.idx for values in header.values.values() for v in values if v.first}
    taken: set[int] = set()
    for name, label_idx in sorted(missed, key=lambda m: -m[1]):
        if name == "stop" or name in header.values:
            continue
        for j in range(label_idx - 1, -1, -1):
            if j in first_value_rows:
                break
            if j in taken:
                continue
            text, owner = _candidate(j, header, unclaimed)
            if text is None or not _fits(name, text) or (name == "to" and not _fits_to(text)):
                continue
            if owner is not None:
                header.values[owner] = [v for v in header.values[owner] if v.idx != j]
            else:
                unclaimed.pop(j)
            header.values[name] = [Value(text, owner_line(j, header, text), j, True)]
            taken.add(j)
            break


def _candidate(j: int, header: Header, unclaimed: dict[int, str]) -> tuple[str | None, str | None]:
    if j in unclaimed:
        return unclaimed[j], None
    for name, values in header.values.items():
        for v in values:
            if v.idx == j and not v.first:
                return v.text, name
    return None, None


def owner_line(j: int, header: Header, text: str) -> Line:
    for values in header.values.values():
        for v in values:
            if v.idx == j:
                return v.line
    return Line(text=text, page=0)


def _fits_to(text: str) -> bool:
    """ "To:" names a meeting: a committee and usually its date."""
    from .dates import first_date

    return bool(first_date(text)) or len(text) < 50


def _continues(label_line: Line, line: Line) -> bool:
    """A line continues a value when it sits right of the label (in the value column)."""
    if line.page != label_line.page:
        return False
    return line.x0 > label_line.x0 + 12


# A numbered body paragraph ("3.3 Regular progress reports ..."), never part of a header value.
_BODY_PARAGRAPH = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")


def _near_value(values: list[Value] | None, line: Line) -> bool:
    """A continuation sits close under the value it continues: a line of a second text column
    further down ("3.3 Regular progress reports ...") is body text, not more of the value."""
    if _BODY_PARAGRAPH.match(squash(line.text)):
        return False
    if not values or not line.size or values[-1].line.page != line.page:
        return True
    previous = values[-1].line
    bottom = previous.bottom or previous.top + previous.size
    return line.top - bottom < 2.5 * line.size


def _wraps(values: list[Value] | None, line: Line) -> bool:
    """A line printed tight under the previous value line, in the same style, wraps that value."""
    if not values or not line.size:
        return False
    previous = values[-1].line
    if previous.page != line.page or previous.bold != line.bold or not previous.bottom:
        return False
    return 0 <= line.top - previous.bottom < 0.5 * line.size and abs(previous.x0 - line.x0) < 3
