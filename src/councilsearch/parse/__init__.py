"""The parse stage: a Document (pages of lines) becomes a Paper (fields, paragraphs, decisions).

    from councilsearch.parse import parse
    paper = parse(document, "kent-cc/cabinet/2025-01-30/originals/x.pdf", sidecar)

Everything is read by labels and patterns that hold across councils (see header.py,
meeting.py, recommendations.py); nothing is specific to one council. Sidecar metadata
(sidecar.py) overrides what the text gave, except where the paper records another meeting
than the one it was published for (see apply_sidecar).
"""

from __future__ import annotations

import re

from ..model import Document, Line, Paper, Person
from .dates import MONTHS as MONTH_NAMES
from .dates import (
    WEEKDAY,
    checked_weekday,
    date_from_path,
    day_month_near,
    day_month_with_year,
    filed_year_checked,
    first_date,
)
from .doctype import RULES, classify, normalise_doc_type, strong_text_type
from .exempt import exempt_reason
from .header import Header, label_at, read_header
from .meeting import (
    addressed_body,
    agenda_heading_body,
    agenda_item_from_stamps,
    appendix_of,
    body_dash_date,
    council_from_folder,
    council_heading,
    covering_letter,
    despace,
    fix_spelling,
    meeting_from_text_with_rest,
    normalise_committee,
    presented_to,
    resolve_above,
)
from .paragraphs import build_paragraphs, content_lines
from .people import is_member, looks_like_name, names_in_list, split_people, split_person
from .recommendations import mark_recommendations
from .text import cells, is_page_stamp, is_shouting, plain, squash, title_case

__all__ = ["parse", "PARSER_VERSION"]

# Bump whenever parse output changes: the indexer re-parses (from its extraction cache) on a change.
PARSER_VERSION = "15"

OPENING_LINES = 80  # how far into the paper the header block may reach
REPORT_LABELS = {"from", "to", "subject", "committee", "author", "portfolio", "decision_number", "key_decision", "agenda_item"}


def parse(document: Document, source: str, sidecar: dict | None = None) -> Paper:
    """The Paper a Document holds. ``source`` is the path under the indexed folder; ``sidecar``
    the metadata find_sidecar() returned. id, sha256 and root are left for the indexer."""
    source = source.replace("\\", "/")
    paper = Paper(
        id="",
        source=source,
        format=document.format,
        source_folder=source.split("/", 1)[0] if "/" in source else "",
        pages=len(document.pages),
    )
    letter = covering_letter(document)
    skip = letter.pages if letter else set()
    body = Document(path=document.path, format=document.format, properties=document.properties,
                    pages=[p for p in document.pages if p.number not in skip])
    opening = [line for line in content_lines(body)][:OPENING_LINES]
    opening_text = "\n".join(plain(line.text) for line in opening)
    header = read_header(opening)
    council = council_heading(opening)

    labelled = REPORT_LABELS & set(header.values)
    # File and folder names are hints; the folders above the indexed root count too ("minutes/").
    path_hint = _path_hint(document, source)
    # The date a file or folder name carries: it dates a heading printed without a year, and
    # settles a printed date whose weekday the calendar contradicts.
    filed = date_from_path(source) or date_from_path(path_hint)
    paper.doc_type = classify(opening_text, path_hint, has_report_header=len(labelled) >= 2)
    _meeting_fields(paper, header, opening, opening_text, letter, council,
                    filed or (sidecar or {}).get("date"))
    _people(paper, header, body, opening)
    _title(paper, header, opening, letter, body)
    paper.agenda_item = header.get("agenda_item") or (letter.agenda_item if letter else None) or agenda_item_from_stamps(document)
    if paper.doc_type == "appendix":
        _appendix_meeting(paper, opening)
    paper.agenda_item = _short(paper.agenda_item)
    paper.classification = header.get("classification") or _printed_classification(opening) \
        or _status_as_classification(header.get("status"))
    paper.classification = _clean_classification(paper.classification)
    paper.status = header.get("status")
    paper.decision_number = _decision_number(header.get("decision_number"))
    key = header.get("key_decision")
    paper.key_decision = None if key is None else bool(re.match(r"\s*yes\b", key, re.I))
    paper.exempt_reason = exempt_reason(paper.classification, paper.status, [plain(line.text) for line in opening],
                                        paper.doc_type, header.get("exempt_info"))
    paper.exempt = paper.exempt_reason is not None

    paper.paragraphs = build_paragraphs(body)
    if paper.doc_type != "agenda":
        paper.recommendations = mark_recommendations(paper.paragraphs, minutes=paper.doc_type == "minutes")
    paper.subject = header.get("subject")
    paper.council = council
    # A decision form or minutes heading outweighs a publisher's category; an "Agenda" line may head
    # a section of another paper (a meeting note), so it does not.
    announced = paper.doc_type in ("decision", "minutes", "questions") and strong_text_type(opening_text, head_only=True) == paper.doc_type
    apply_sidecar(paper, sidecar or {}, council, keep_doc_type=announced)
    if not paper.committee and paper.doc_type in ("minutes", "agenda"):
        # A parish or community council meets as itself: its minutes without a committee named
        # are the council's own meeting. Its name: printed, from a sidecar, or the folder's.
        paper.council = paper.council or _folder_council(path_hint, body)
        paper.committee = council or paper.council
    elif not paper.committee and paper.doc_type == "policy":
        # A council's policy is its own: printed under its name, else the council its folder is
        # named after (as far as the text supports it). Not for other papers: a letter's first
        # council name may be its addressee ("Planning Policy Team / East Herts Council").
        paper.committee = council or _folder_council(path_hint, body) or paper.council
    paper.committee = fix_spelling(paper.committee, [paper.source_folder, paper.council or ""])
    if not paper.date and paper.doc_type == "policy":
        paper.date = _adoption_date(body)
    if not paper.date:
        # No date printed: the file name's, unless the paper's next meeting shows its year is wrong.
        paper.date = _property_date(document) or filed_year_checked(_body_text(body), filed)
    else:
        paper.date = checked_weekday(squash(opening_text), paper.date, filed)
    paper.title = _fixed_years(paper.title)
    if not paper.title:
        paper.title = _composed_title(paper)
        paper.title_composed = paper.title is not None
    return paper


def _body_text(body: Document) -> str:
    """The paper's text without page furniture, one printed line to a line."""
    return "\n".join(plain(line.text) for line in content_lines(body))


def _composed_title(paper: Paper) -> str | None:
    """A title made from what the parser knows, for a paper that prints none: minutes or an
    agenda that are only numbered items ("Minutes of Tinbury Community Council – 25 March
    2024"), another document its file's name. Composed, not printed: the caller flags it
    (Paper.title_composed), and the metadata bench scores it as no title."""
    if paper.doc_type not in ("minutes", "agenda"):
        return _file_name_title(paper.source)
    if not paper.date:
        return None
    kind = "Minutes" if paper.doc_type == "minutes" else "Agenda"
    if paper.committee:
        return f"{kind} {'of' if kind == 'Minutes' else 'for'} {paper.committee} – {_date_in_words(paper.date)}"
    return f"{kind} – {_date_in_words(paper.date)}"


def _file_name_title(source: str) -> str | None:
    """A document that prints no title is named by its file ("A466 Road Closure
    Recommendation.pdf", "Hummel-Bridge-Site-Review.pdf"), unless the name says little (a date,
    a number, "Document1", one word such as "report")."""
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ")
    if " " not in stem.strip():
        stem = stem.replace("-", " ")  # a slug: "Hummel-Bridge-Site-Review"
    stem = squash(stem)
    if not re.search(r"[A-Za-z]{3}", stem) or len(stem.split()) < 2 or _NAMELESS_FILE.match(stem):
        return None
    # "25 March 2024", "March 2024": only a date, however it is written.
    without_date = re.sub(rf"(?i)\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{'|'.join(_MONTHS_IN_WORDS)})\b|\d+", "", stem)
    if first_date(stem) == stem or not re.search(r"[A-Za-z]{3}", without_date):
        return None
    return stem


_NAMELESS_FILE = re.compile(r"(?i)^(?:untitled|document|scan|image|file|doc)\s*\d*$")


_MONTHS_IN_WORDS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                    "October", "November", "December"]


def _date_in_words(iso: str) -> str:
    """ "2024-03-25" -> "25 March 2024"."""
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS_IN_WORDS[int(month) - 1]} {year}"


# "MONDAY 4 MARCH 2O24": a year printed with the letter O for a zero, after a month name.
_O_YEAR = re.compile(r"(?i)\b(" + "|".join(MONTH_NAMES) + r")(\.?,?\s+)((?:19|2[0O])[\dO][\dO])\b")


def _fixed_years(title: str | None) -> str | None:
    """A title with a year's letter O read as the zero it stands for ("2O24" -> "2024")."""
    if not title or "O" not in title.upper():
        return title
    return _O_YEAR.sub(lambda m: m[1] + m[2] + m[3].upper().replace("O", "0"), title)


def _folder_council(path_hint: str, body: Document) -> str | None:
    """The council a folder above the file is named after ("wye-valley-cc/minutes/x.txt"),
    the nearest first, as far as the paper's text supports it (meeting.council_from_folder)."""
    text = squash(body.text)
    for folder in reversed(path_hint.split("/")[:-1]):
        found = council_from_folder(folder, text)
        if found:
            return found
    return None


def _appendix_meeting(paper: Paper, opening: list[Line]) -> None:
    """An appendix without a header of its own takes the meeting its "Appendix A to ..." line names."""
    found = appendix_of(opening)
    if found:
        paper.committee = paper.committee or found.committee
        paper.date = paper.date or found.date
        paper.agenda_item = paper.agenda_item or found.agenda_item


def _path_hint(document: Document, source: str) -> str:
    """``source`` with the folders above it taken from the extracted file's own path, when known."""
    full = (document.path or "").replace("\\", "/")
    if full.endswith(source) and len(full) > len(source):
        return "/".join(full.split("/")[-(source.count("/") + 3):])
    return source


def _heading_date(lines: list[Line]) -> str | None:
    """A date printed as a heading line ("MONDAY 7 FEBRUARY 2023"), not one inside an item.

    A line naming a weekday wins over "AMENDED February 16, 2024" or an issue date.
    """
    candidates = []
    for line in lines:
        text = plain(line.text)
        if re.match(r"^\d{1,4}\.", text) or len(text) > 60:
            continue
        if line.bold or is_shouting(text) or len(text) <= 40:
            found = first_date(text)
            if found:
                candidates.append((text, found))
    for text, found in candidates:
        if re.search(WEEKDAY, text, re.I):
            return found
    for text, found in candidates:
        if not re.search(r"(?i)\b(?:amended|revised|issued|published|posted|dated|updated|date\s*:)", text):
            return found
    return None


def _heading_day_month(lines: list[Line], filed: str | None) -> str | None:
    """A heading line giving a weekday, day and month but no year ("GENERAL MEETING MONDAY 6
    NOVEMBER"), dated in the year near ``filed`` that the weekday fits (dates.complete_year)."""
    if not filed:
        return None
    for line in lines:
        text = plain(line.text)
        if re.match(r"^\d{1,4}\.", text) or len(text) > 60 or not re.search(WEEKDAY, text, re.I):
            continue
        if line.bold or is_shouting(text) or len(text) <= 40:
            found = day_month_near(text, filed)
            if found:
                return found
    return None


# "ADOPTED 12th April 2023", "Adopted: 26 June 2017", "Signed ______ Dated 7th May 2024",
# "Revised by the Council on 13th February 2019", "Date of adoption: ...": the date a policy
# was adopted, printed as a line of its own.
_ADOPTED = re.compile(r"^(?:signed\b[\s_.…]*)?(?:adopted|approved|revised|dated|date (?:of adoption|adopted|approved))"
                      r"(?:\s+(?:by (?:the )?(?:full )?council\s+)?on)?\s*[:\-–]?\s*(?P<rest>.*)$", re.I)


# The same said in a sentence or a table row: "Adopted by the Council at its meeting held on
# 11th September 2013", "This statement was prepared on 9th Aug 2020", "last reviewed 11 July
# 2013". Only a few words (by whom, at which meeting) may stand between the verb and the date,
# so a date cited further on in the sentence is not taken. A table of amendments ("Initial
# adoption | 9th May 2012 | Minute 8.1.3") lists versions, not the paper's date: not read.
_ADOPTED_IN_TEXT = re.compile(
    r"(?i)\b(?:adopted|approved|ratified|prepared|reviewed|revised|agreed)\b"
    r"(?P<between>(?:[\s:,\-–]+(?:(?:by|at|on|in|its|the|a|full|parish|town|community|district|county|city|council|"
    r"meeting|held|dated?|of)\b[\s,]*)*))"
    r"(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d\d))"
)


def _adoption_date(body: Document) -> str | None:
    """The date a policy says it was adopted (or signed, approved, prepared, reviewed), when the
    text gives it outright. Of several ("Approved ... 2012; last reviewed ... 2013"), the latest:
    the paper in hand is the version of that date, and a search by year should find it there."""
    found = []
    for line in content_lines(body):
        match = _ADOPTED.match(plain(line.text).strip())
        if match and match["rest"].strip()[:1].isdigit():
            found.append(first_date(match["rest"][:40]))
    # Sentences may wrap, so they are read over the joined text.
    joined = " ".join(plain(line.text) for line in content_lines(body))
    found += [first_date(match["date"]) for match in _ADOPTED_IN_TEXT.finditer(joined)]
    found = [date for date in found if date]
    return max(found) if found else None


def _property_date(document: Document) -> str | None:
    """A date the file declares (Markdown front matter "date: 2025-03-03")."""
    value = (document.properties or {}).get("date")
    return first_date(str(value)) if value else None


def _short(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"^\(?([A-Z]?\d{1,3}[A-Za-z]?(?:\.\d+)?)\)?", value.strip())
    return match[1] if match else squash(value)[:20]


def _decision_number(value: str | None) -> str | None:
    if not value:
        return None
    match = re.search(r"\d+\s*/\s*\d+", value)
    return match[0].replace(" ", "") if match else squash(value)


def _meeting_fields(paper: Paper, header: Header, opening: list[Line], opening_text: str, letter, council,
                    filed: str | None = None) -> None:
    """committee and date as the paper's own text gives them (``filed``: the file name's or
    sidecar's date, which only supplies the year of a heading printed without one)."""
    committee = date = None
    flat = squash(" ".join(plain(line.text) for line in opening[:45]))  # headings and summonses sit near the top
    kind, body_name, text_date, after = meeting_from_text_with_rest(flat)
    own_heading = paper.doc_type in ("minutes", "agenda")
    if kind and own_heading:  # a minutes heading or summons names the meeting; a "Date:" label is the issue date
        committee = normalise_committee(resolve_above(body_name, council))
        # "on Thursday 1st February" without a year: the year of the letter's date, else the file's.
        near = first_date(header.get("date") or "") or _heading_date(opening[:10]) or date_from_path(paper.source)
        date = text_date or day_month_with_year(after, near)
    to = header.get("to")
    if to and addressed_body(to):
        committee = committee or normalise_committee(addressed_body(to))
    elif to and (paper.doc_type in ("report", "decision") or first_date(header.values["to"][0].text)):
        # "To: Cabinet – 30 January 2025"; in a letter, "To:" is only the addressee.
        committee, date = committee or normalise_committee(to), date or first_date(to)
    committee = committee or normalise_committee(header.get("committee"))
    date = date or first_date(header.get("date") or "")
    if kind and kind != "notice" and not own_heading:  # a report quoting "the minutes of the meeting of X held on"
        committee = committee or normalise_committee(resolve_above(body_name, council))
        date = date or text_date
    if not committee and paper.doc_type == "agenda":
        committee = agenda_heading_body(opening)
    if not committee and paper.doc_type in ("minutes", "agenda"):
        by, on = body_dash_date(opening)
        committee, date = by, date or on
    if letter:
        committee = committee or letter.committee
        date = date or letter.date
    if not date and paper.doc_type in ("minutes", "agenda"):
        # "MINUTES OF GENERAL MEETING / MONDAY 7 FEBRUARY 2023": the first date near the top;
        # "GENERAL MEETING MONDAY 6 NOVEMBER": its day and month, in the year near the file's date.
        date = _heading_date(opening[:10]) or _heading_day_month(opening[:10], filed)
    if not committee or not date:
        by, on = presented_to(squash(opening_text))  # "adopted by the Council at its meeting held on ..."
        committee, date = committee or resolve_above(by, council), date or on
    if committee and council and committee.lower() in (f"{council} council".lower(), f"the {council}".lower()):
        committee = council  # "Township of Nipton Council" is the council printed as "Township of Nipton"
    paper.committee, paper.date = committee, date


_CHAIR = r"(?i:chair(?:man|woman|person)?)"
_TITLES = r"(?:(?i:cllrs?\.?|councillor|mrs|mr|ms|dr|miss|mayor)\.?\s+)*"
_NAME = r"(?P<name>" + _TITLES + r"(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+)"
# Names must start with capitals (no re.I on them), so "Chairman welcomed everyone" finds nobody.
CHAIR_PATTERNS = [
    # "G. O'Hara (in the Chair)", "Cllr Mrs C. Edwards, in the Chair"
    re.compile(r"(?P<name>[A-Z][\w.'’ -]{1,40}?)\s*(?:\(\s*(?i:in the )?" + _CHAIR + r"\s*\)|,\s*(?i:in the chair)\b)"),
    re.compile(r"\b(?i:in the chair)\s*[:\-–]\s*" + _NAME),  # "In the Chair: Cllr X"
    # "Present: Chairman Cllr Mrs Shelley", "Virtually Present: Chairman Cllr Shelley", "Chair: Jane Doe"
    re.compile(r"^(?:(?:\w+\s+)?(?i:present)\s*:?\s*)?(?:(?i:the)\s+)?" + _CHAIR + r"\s*[:,-]?\s+" + _NAME),
    # "It was unanimously agreed that Cllr Rochford take the chair", "Mr Cooke be elected to Chair the meeting"
    # "Cllr B Reed, vice-chairman of the council, took the chair": a role between name and verb.
    re.compile(_NAME + r"(?:,\s*[^,]{2,60},)?\s+(?i:take|took|takes|be elected to|was elected to)\s+(?i:the\s+)?" + _CHAIR + r"\b"),
]
# A list's label before the first name: "Attendance - Claire Dickson (Chair)".
_LIST_LABEL = re.compile(r"^(?:(?:\w+\s+)?present|attendance|attending|in attendance|councillors?|members(?: present)?)\s*[:\-–]?\s*", re.I)


def minutes_chair(opening: list[Line]) -> Person | None:
    """The chair of a meeting, as a minutes' attendance list marks them."""
    texts = [plain(line.text) for line in opening[:41]]
    for i, text in enumerate(texts[:40]):
        if re.search(r"(?i)\bin the chair\s*:?$", text):
            text = f"{text.rstrip(': ')}: {texts[i + 1] if i + 1 < len(texts) else ''}"  # "PRESENT IN THE CHAIR:" / "Councillor M Donegan, ..."
        for pattern in CHAIR_PATTERNS:
            match = pattern.search(text)
            if match:
                name = match["name"].split(",")[-1]
                name = _LIST_LABEL.sub("", name.strip())
                person = split_people(name)
                if person and person[0].name and len(person[0].name) > 1:
                    return Person(name=person[0].name, role="Chair")
    return None


# A header value that says the field does not apply.
NO_ONE = re.compile(r"^\s*(?:not applicable|n/?a|none|nil|-+|–)\s*\.?\s*$", re.I)


def _people(paper: Paper, header: Header, body: Document, opening: list[Line]) -> None:
    holders: list[Person] = []
    authors: list[Person] = []
    for block in header.blocks("from"):
        for person in split_people(block):
            if is_member(person) and _role_only(person):
                continue  # "From: Deputy Leader and Cabinet Member for Finance": a post, no member named
            (holders if is_member(person) else authors).append(person)
    for field in ("portfolio",):
        for block in header.blocks(field):
            if NO_ONE.match(block):
                continue  # "Relevant Portfolio Holder: Not applicable" names nobody
            holders.extend(Person(name=p.name, role=p.role or "Portfolio Holder") for p in split_people(block))
    for block in header.blocks("author"):
        authors.extend(p for p in split_people(block) if not is_member(p))
    if any(not _role_only(a) for a in authors):
        authors = [a for a in authors if not _role_only(a)]  # "Report by: <post>" beside "Contact Officer: <name>"
    if not authors or all(_role_only(a) for a in authors):
        # "Report by: Head of Planning" names a post; the contact officer names the person in it.
        authors = _body_authors(body) or authors
    if paper.doc_type == "minutes" and not holders:
        chair = minutes_chair(opening)
        if chair:
            holders.append(chair)
    paper.portfolio_holders = _unique(holders)
    paper.authors = _unique(authors)


BODY_AUTHOR = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:report authors?|report author\(s\)|authors?|contact officers?)\s*:\s*(?P<rest>.*)$", re.I)
# The label alone on its line, the people listed under it: "6. Report Author and Relevant
# Director", "Report Author(s)" (then "• Name (Role)", phone and email lines).
BODY_AUTHOR_ALONE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:report authors?(?:\s*\(s\))?|contact officers?)"
                               r"(?:\s+and\s+(?:relevant\s+|responsible\s+)?(?:corporate\s+)?directors?)?\s*$", re.I)
# A contact line under a name: a phone number, an email or web address, "Tel: ...".
_CONTACT_LINE = re.compile(r"^(?:(?:tel|telephone|phone|mobile|e-?mail|web)\b.*|[\d ()+.-]{6,}|\S+@\S+|(?:https?://|www\.)\S+)$", re.I)
_BULLET = re.compile(r"^(?:[•●▪■◦\-–*·]|\uf0b7|\uf0a7)\s*")


def _role_only(person: Person) -> bool:
    """A post without a person's name ("Head of Planning", "Executive Director - Operations")."""
    return person.name == person.role


def _body_authors(body: Document) -> list[Person]:
    """ "Report Authors: David Whittle, Director of ..., Ben Watts, General Counsel" in a contacts
    section, or the label alone with one person a line under it."""
    lines = content_lines(body)
    for i, line in enumerate(lines):
        text = plain(line.text)
        if BODY_AUTHOR_ALONE.match(text):
            people = _people_listed_under(lines[i + 1: i + 16])
            if people:
                return people
            continue
        match = BODY_AUTHOR.match(text)
        if not match:
            continue
        text = match["rest"]
        for following in lines[i + 1: i + 4]:
            following_text = plain(following.text)
            if ":" in following_text or not following_text:
                break
            text += ", " + following_text
        people = names_in_list(text)
        if people:
            return people
    return []


def _people_listed_under(lines: list[Line]) -> list[Person]:
    """One person a line ("Nell Garvey, General Counsel", "• Ivy Marsh (Head of Finance)"), each
    perhaps followed by phone and email lines; the list ends at the next label or other text."""
    people: list[Person] = []
    for line in lines:
        text = _BULLET.sub("", plain(line.text)).strip()
        if not text or _CONTACT_LINE.match(text):
            continue
        if text.endswith(":") or label_at(text):
            break
        person = split_person(text)
        if not person or person.name == person.role or not looks_like_name(person.name):
            break
        people.append(person)
    return people


def _unique(people: list[Person]) -> list[Person]:
    seen, out = set(), []
    for person in people:
        key = person.name.lower()
        if person.name and key not in seen:
            seen.add(key)
            out.append(person)
    return out


def _title(paper: Paper, header: Header, opening: list[Line], letter, body: Document) -> None:
    title = header.get("subject")
    if not title and paper.doc_type in ("minutes", "agenda"):
        title = _heading_title(opening, paper.doc_type) or _meeting_heading_title(opening)
    if not title and letter and letter.title:
        title = letter.title
    if not title:
        title = _property_title(body)
    if not title and paper.doc_type == "policy":
        title = _policy_heading(opening)
    if not title and paper.doc_type not in ("minutes", "agenda"):
        # A form ("Budget Amendment Form", "EQIA Submission Form") is titled by its name field.
        title = _form_title(opening) or _largest_line(opening) or _first_heading(opening)
    if not title and paper.doc_type == "appendix":
        title = _appendix_heading(opening)
    if not title and paper.doc_type in ("other", "policy"):
        # Not questions (the first heading is the first question's, "Question by X to Y") nor
        # appendices (a table's head row, a letter's addressee).
        title = _heading_like_line(opening)
    paper.title = squash(title) if title else None


# A form's name at its top: "Budget Amendment Form", "EQIA Submission Form".
_FORM_NAME = re.compile(r"(?i)^[\w&/’' -]{2,60}\bform$")
# A field that names what the form is about: "Amendment Name", "EQIA Title", "Title of proposal".
_TITLE_FIELD = re.compile(r"(?i)^(?:[\w&/’' -]{0,40}\s)?(?:title|name)(?:\s+of\s+[\w ]{2,40})?\s*:?$")
# A line of label tails only: "Name: Number:" under a row whose label cells wrapped.
_LABEL_TAILS = re.compile(r"^(?:[A-Za-z]+:\s*)+$")


def _form_title(opening: list[Line]) -> str | None:
    """The value of a form's name or title field: "Amendment | <name> | Amendment | 4" over
    "Name: Number:" (label cells wrapped onto the next line), or "EQIA Title" above its value."""
    if not any(_FORM_NAME.match(squash(plain(line.text))) for line in opening[:3]):
        return None
    texts = [squash(line.text) for line in opening[:25]]  # cells kept apart (" | ")
    for i, text in enumerate(texts):
        following = plain(texts[i + 1]) if i + 1 < len(texts) else ""
        row = cells(text)
        text = plain(text)
        if len(row) >= 2:
            tails = following.split() if _LABEL_TAILS.match(following) else []
            label = f"{row[0]} {tails[0]}" if tails else row[0]
            if _TITLE_FIELD.match(label) and row[1].strip():
                return row[1].strip()
        elif _TITLE_FIELD.match(text) and following and not label_at(following) and not _TITLE_FIELD.match(following):
            return following
    return None


_APPENDIX_HEADING = re.compile(r"(?i)^(?:appendix|annex)\s+[A-Z0-9]{1,3}\s*[:\-–—.]\s*\S.{2,150}$")


_APPENDIX_ALONE = re.compile(r"(?i)^(?:appendix|annex)\s+[A-Z0-9]{1,3}$")


def _appendix_heading(opening: list[Line]) -> str | None:
    """ "Appendix B: Devolution Framework Summary Table": an appendix printed in one type size
    names itself in its first line."""
    for i, line in enumerate(opening[:3]):
        text = squash(plain(line.text))
        if _APPENDIX_HEADING.match(text) and "|" not in text:
            return _wrapped_heading(opening, i, text)
        following = squash(opening[i + 1].text) if i + 1 < len(opening) else ""
        if _APPENDIX_ALONE.match(text) and following and "|" not in following and len(following) <= 120 \
                and not re.search(r"[.;:,]$", following) and not label_at(following):
            return following  # "Appendix H" alone, the title on the line below
    return None


HEADING_WORDS = {"minutes": r"minutes", "agenda": r"agenda|summons"}
# Decoration around a heading: "*** AGENDA ***", "== Minutes ==".
_DECORATION = re.compile(r"^[*#=_~\s]+|[*#=_~\s]+$")
# Business starts: the attendance list, or numbered items (a second numbered line: the first
# may be a street address, "45 Beatty Street", or a year, "2024 ANNUAL GENERAL MEETING").
_ATTENDANCE = re.compile(r"^(?:present|in attendance|attending)\b", re.I)
_NUMBERED_LINE = re.compile(r"^\d+\.?\s")
# A heading that stops mid-phrase ("... HELD ON", "Meeting on") goes on to the next line.
_OPEN_END = re.compile(r"(?i)\b(?:on|at|of|in|for|held|the|and|to|by|dated)$")
# A line that starts this way continues the heading sentence ("HELD ON 11th September ...").
_CONTINUES = re.compile(r"(?i)^(?:held|on|at|in|of|for|which|that)\b")


def _undecorated(text: str) -> str:
    """Without decoration or letter-spacing: "*** AGENDA ***" and "A G E N D A" are "AGENDA"."""
    text = _DECORATION.sub("", text)
    return despace(text) if is_shouting(text) else text


def _heading_title(opening: list[Line], doc_type: str) -> str | None:
    """ "MINUTES OF A MEETING OF ... HELD ON ..." (wrapped over lines), or an "AGENDA" heading.

    A heading-like line (bold, capitals) naming the kind anywhere counts; a plain line only
    when it starts with the word ("Summons to and / Agenda for a / Meeting on ..."). The search
    stops where the business starts (numbered items, the attendance list).
    """
    word = HEADING_WORDS[doc_type]
    numbered = 0
    for i, line in enumerate(opening[:40]):
        text = _undecorated(plain(line.text))
        numbered += bool(_NUMBERED_LINE.match(text))
        if _ATTENDANCE.match(text) or numbered >= 2:
            return None
        if _NUMBERED_LINE.match(text):
            continue
        headingish = (line.bold or is_shouting(text)) and len(text) <= 100
        if re.match(rf"^(?:draft |unconfirmed )?(?:{word})\b", text, re.I) or (headingish and re.search(rf"\b(?:{word})\b", text, re.I)):
            return _heading_with_continuation(opening, i, text)
    return None


def _heading_with_continuation(opening: list[Line], i: int, text: str) -> str:
    """The heading at ``opening[i]`` with the lines it wraps onto: same style, printed tight,
    in the same case as its first line or carrying on its sentence ("HELD ON ..."). A line
    that is only a date ends the heading unless the heading stopped mid-phrase ("Meeting on"),
    and a "Label: value" line never belongs to it ("Held: 7pm at ...")."""
    line = opening[i]
    parts = [text]
    for following in opening[i + 1: i + 12]:
        if len(" ".join(parts)) > 200:
            break
        following_text = _undecorated(plain(following.text))
        open_end = bool(_OPEN_END.search(parts[-1]))
        # "HELD ON 11th September ..." carries on a heading in capitals; "Held in the Board Room" does not.
        carries_on = _CONTINUES.match(following_text) and _capitals(following_text.split()[0]) == _capitals(text)
        same_case = _capitals(following_text) == _capitals(text) or carries_on or open_end
        if _is_date_line(following_text) and not open_end:
            break
        if re.match(r"^[A-Za-z]+(?: [A-Za-z]+)?\s*:", following_text):
            break
        # "... held on Wednesday 13th June" / "2012 at 7.30pm ...": a year after a month is no minute number.
        year_goes_on = re.search(r"(?i)\b(?:" + "|".join(MONTH_NAMES) + r")$", parts[-1]) and re.match(r"^(?:19|20)\d\d\b", following_text)
        if (following.bold == line.bold or open_end) and following.size == line.size and _tight(line, following, parts) and same_case \
                and (year_goes_on or not re.match(r"^(?:present|apologies|in attendance|\d{1,4}\.?\s)", following_text, re.I)):
            parts.append(following_text)
            line = following
        else:
            break
    return " ".join(parts)


_DATE_LINE_WORDS = re.compile(
    r"(?i)\b(?:" + WEEKDAY + r"|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\d{1,4}(?:st|nd|rd|th)?|st|nd|rd|th|of|at|am|pm|a\.m|p\.m)\b|[\d.:,]+"
)


def _is_date_line(text: str) -> bool:
    """ "MONDAY 3 JULY 2023", "Thursday, 13th March,": a line that only gives a date (and time)."""
    has_date = bool(first_date(text) or re.search(WEEKDAY, text, re.I))
    return has_date and not re.sub(r"[\s.,]+", "", _DATE_LINE_WORDS.sub("", text))


def _meeting_heading_title(opening: list[Line]) -> str | None:
    """Minutes or an agenda whose heading does not name the kind: "2024 ANNUAL GENERAL MEETING",
    "NOTICE OF ANNUAL PARISH / MEETING", "Millbrook Parish Council - 5th March 2019", or the
    council's name with the date on the line below."""
    numbered = 0
    for i, line in enumerate(opening[:15]):
        text = _undecorated(plain(line.text))
        numbered += bool(re.match(r"^\d{1,3}\.?\s", text))
        if _ATTENDANCE.match(text) or numbered >= 2:
            return None
        # Capitals only: a bold "This is a Zoom Meeting" is a sentence, not the paper's heading.
        if is_shouting(text) and len(text) <= 100 and re.search(r"\b(?:meeting|notice of)\b", text, re.I) and not re.search(r"(?i)\b(?:held|summoned|will be)\b", text):
            return _heading_with_continuation(opening, i, text)
        if _body_dash_date(text):
            return text
        following = _undecorated(plain(opening[i + 1].text)) if i + 1 < len(opening) else ""
        if council_heading([line]) and _is_date_line(following) and first_date(following):
            return f"{text} {following}"  # "Millbrook Parish Council" / "7th March 2017"
    return None


def _body_dash_date(text: str) -> bool:
    """ "Millbrook Parish Council A.G.M. - 3rd May 2016", "Newbridge Parish Council - 3 rd September 2019"."""
    body, dash, when = text.rpartition(" - ") if " - " in text else text.rpartition(" – ")
    return bool(dash) and bool(re.fullmatch(r"[A-Za-z][A-Za-z&'’ .,()-]{2,80}", body)) and bool(first_date(when)) \
        and _is_date_line(when)


def _policy_heading(opening: list[Line]) -> str | None:
    """The line near the top that names the policy ("RESERVES POLICY", "Standing Orders 2019")."""
    for line in opening[:5]:
        text = plain(line.text)
        if RULES["policy"].match(text):
            return text
    return None


def _capitals(text: str) -> bool:
    """Printed in capitals, counting short words ("OF", "AT") too."""
    return any(c.isalpha() for c in text) and text.upper() == text


def _tight(previous: Line, line: Line, parts: list[str]) -> bool:
    if not line.size:
        # Without positions (text, Markdown): the very next line, while the heading is short or in
        # capitals, or while a "Minutes of the Meeting of ..." sentence has not yet reached its date.
        unfinished = re.match(r"(?i)minutes of\b", parts[0]) and not first_date(" ".join(parts)) \
            and not parts[-1].rstrip().endswith((".", ":"))
        return line.top - previous.top <= 1 and (len(" ".join(parts)) < 60 or is_shouting(line.text) or _capitals(line.text)
                                                 or bool(unfinished))
    gap = line.top - (previous.bottom or previous.top + previous.size)
    return -1 <= gap < 2.0 * line.size


def _property_title(body: Document) -> str | None:
    """The title the file declares (Markdown front matter, HTML <title>); PDF Info titles are
    too often left over from a template ("Millbrook Parish Council - 6th March 2012") to trust."""
    if body.format == "pdf":
        return None
    title = (body.properties or {}).get("title")
    if not title or not isinstance(title, str):
        return None
    title = squash(title)
    if len(title) < 4 or re.match(r"^(?:microsoft (?:word|powerpoint)|untitled|document\d*$)", title, re.I):
        return None
    return title


def _first_heading(opening: list[Line]) -> str | None:
    """A file without type sizes (Markdown "# Title", a DOCX bold first paragraph): the first
    heading line above the header labels, skipping the council's name and exemption banners."""
    for line in opening[:6]:
        text = squash(plain(line.text))
        if line.size or label_at(text) or "|" in text:
            return None  # sized text has _largest_line; past the title, the header has begun
        if not line.bold or len(text) <= 3 or len(text) > 150 or is_page_stamp(text):
            continue
        if council_heading([line]) or re.match(r"(?i)(?:not for publication|exempt|confidential)\b", text):
            continue
        return text
    return None


def _heading_like_line(opening: list[Line]) -> str | None:
    """A document printed in one type size: its first line set as a heading (bold or capitals)
    above the body text, passing over the council's name, a dated meeting line ("Council
    Meeting - 13th March 2025") and bracketed subtitles ("(TRAFFIC REGULATION ORDER)"), with
    the lines it wraps onto. None when the body starts first (a letter under a council's name
    has no title)."""
    for i, line in enumerate(opening[:8]):
        text = squash(plain(line.text))
        if not text or is_page_stamp(text) or council_heading([line]):
            continue
        if not (line.bold or is_shouting(text)) or label_at(text) or "|" in text:
            return None  # the body (or a header block) has begun
        if re.fullmatch(r"\(.*\)", text) or len(text) <= 3 or _is_date_line(text) or _BANNER.match(text):
            continue
        if first_date(text) and len(text) <= 80 and re.search(r"(?i)\bmeeting\b", text):
            continue  # the meeting the paper is for, printed above its title
        # A numbered section ("1. INTRODUCTION"), a dated line or a sentence is no title.
        if len(text) > 150 or re.search(r"[.;:,]$", text) or re.match(r"^\d+(?:\.\d+)*\.?\s", text) or first_date(text):
            return None
        return _wrapped_heading(opening, i, text)
    return None


# A numbered paragraph's start ("17.2. Membership: ...", "3 The Council ..."): the body has
# begun. (Not a year: "2024 Annual Report" may carry a title on.)
_PARAGRAPH_NUMBER = re.compile(r"^(?:\d+\.\d+(?:\.\d+)*\.?|\d{1,3}\.?)\s")


def _wrapped_heading(opening: list[Line], i: int, text: str) -> str:
    """A heading with the lines it wraps onto: same style, size and case, printed tight under a
    line long enough to have run out of width (a short line above another is a stack of headings)."""
    parts, previous = [text], opening[i]
    for line in opening[i + 1: i + 3]:
        following = squash(plain(line.text))
        if not following or len(parts[-1]) < 50 or line.bold != previous.bold or line.size != previous.size or not line.size \
                or not _tight(previous, line, parts) or label_at(following) or len(" ".join(parts)) > 150 \
                or re.fullmatch(r"\(.*\)", following) or _capitals(following) != _capitals(text) \
                or _PARAGRAPH_NUMBER.match(following):
            break  # a bracketed subtitle, a line in another case, or numbered text is not more of the heading
        parts.append(following)
        previous = line
    return " ".join(parts)


# Status banners printed above a title: "DRAFT VERSION", "NOT FOR PUBLICATION", "OFFICIAL".
_BANNER = re.compile(r"(?i)^(?:draft|final|version|official|sensitive|confidential|exempt|not for publication"
                     r"|for publication|restricted|unrestricted|\W)+$")


def _largest_line(opening: list[Line]) -> str | None:
    """The line printed in the largest type near the top, when it stands out from the body text."""
    sized = [line for line in opening[:15]
             if line.size and not is_page_stamp(line.text) and len(squash(line.text)) > 3]
    if not sized:
        return None
    sizes = sorted(line.size for line in opening if line.size)
    body_size = sizes[len(sizes) // 2]
    best = max(sized, key=lambda line: line.size)
    if best.size < body_size * 1.15:
        return None
    parts, previous = [plain(best.text)], best
    for line in opening[opening.index(best) + 1: opening.index(best) + 3]:
        if line.size == best.size and line.bold == best.bold and _tight(previous, line, parts):
            parts.append(plain(line.text))  # a title wrapped over two lines
            previous = line
        else:
            break
    return " ".join(parts)


# A classification printed alone on a line, perhaps with a bracketed note:
# "For publication [Do not include information which is exempt ...]".
CLASSIFICATION_LINE = re.compile(
    r"^(?P<value>for publication|not for publication|unrestricted|restricted|exempt|confidential|open|public)\s*(?:\[.*)?$", re.I
)


# A form's "For publication: Yes" / "For publication: No".
PUBLICATION_ANSWER = re.compile(r"^for publication\s*[:?]\s*(?P<answer>yes|no)\b", re.I)


def _printed_classification(opening: list[Line]) -> str | None:
    for line in opening[:15]:
        text = plain(line.text)
        match = CLASSIFICATION_LINE.match(text)
        if match:
            return match["value"]
        answer = PUBLICATION_ANSWER.match(text)
        if answer:  # answered no, the paper is not for publication (and so exempt)
            return "For publication" if answer["answer"].lower() == "yes" else "Not for publication"
    return None


def _status_as_classification(status: str | None) -> str | None:
    """ "Status: Unrestricted": some papers print their classification under a Status label."""
    match = CLASSIFICATION_LINE.match(squash(status or ""))
    return match["value"] if match and match["value"].lower() != "public" else None


def _clean_classification(value: str | None) -> str | None:
    if not value:
        return None
    value = squash(re.sub(r"\[.*?\]", "", value))
    return value[:80] or None


def _is_slug(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:[_-][a-z0-9]+)*", value.strip()))


def apply_sidecar(paper: Paper, sidecar: dict, council: str | None, keep_doc_type: bool = False) -> None:
    """Sidecar values override the text's, except for a paper that records another meeting.

    Minutes whose own heading names a different meeting (the 9 January minutes filed with the
    30 January papers) keep their own committee/date; the sidecar's meeting becomes
    published_for. A committee slug ("full_council") never replaces a name the paper prints.
    ``keep_doc_type``: the paper announces its own type (a decision form, a minutes heading),
    which a publisher's category (often guessed from the file name) does not override.
    """
    collection_council = sidecar.get("council") or paper.council
    if sidecar.get("council") and not (council and paper.doc_type != "other"):
        # The name the paper prints beats a collection's label: a renamed council's
        # older papers carry the name it had then ("Tintern", now "Wye Valley"). Not in
        # a letter or other document, whose printed council may be its addressee.
        paper.council = sidecar["council"]
    if sidecar.get("doc_type") and not keep_doc_type:
        paper.doc_type = normalise_doc_type(sidecar["doc_type"])
    if sidecar.get("title"):
        paper.title = sidecar["title"]
    side_committee = sidecar.get("committee")
    side_date = sidecar.get("date")
    if side_committee and _is_slug(side_committee):
        # The slug is the collection's, so is the council it belongs to.
        side_name = paper.committee if paper.committee else slug_name(side_committee, collection_council)
    else:
        side_name = side_committee
    records_own_meeting = paper.doc_type == "minutes" and paper.date is not None
    if records_own_meeting and ((side_date and side_date != paper.date) or (side_committee and not _same_body(side_committee, paper.committee))):
        published_name = (slug_name(side_committee, collection_council) if _is_slug(side_committee or "")
                          else side_committee)
        paper.published_for = {"committee": published_name, "date": side_date}
        if paper.published_for["committee"] is None:
            paper.published_for["committee"] = paper.committee
        return
    if side_name:
        paper.committee = side_name
    if side_date:
        paper.date = side_date


def slug_name(slug: str | None, council: str | None) -> str | None:
    """A committee slug as a name: "cabinet" -> "Cabinet". A county council's full meeting is
    called "County Council" (as Kent prints it), so "full_council" of "Kent County Council"
    becomes "County Council"; elsewhere it stays "Full Council"."""
    if not slug:
        return None
    words = re.sub(r"[_-]+", " ", slug).strip().lower()
    if words in ("full council", "council") and council and re.search(r"\bcounty council$", council, re.I):
        return "County Council"
    return title_case(words)


def _same_body(slug_or_name: str, name: str | None) -> bool:
    if not name:
        return True
    a = re.sub(r"[^a-z]", "", slug_or_name.lower())
    b = re.sub(r"[^a-z]", "", name.lower())
    return a == b or a in b or b in a
