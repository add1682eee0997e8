"""Which meeting a paper is for, as its own text says: committee, date, agenda item, title.

Read from, in order of trust: the header block ("To: Cabinet – 30 January 2025",
"Committee: Executive", "DECISION TO BE TAKEN BY: Cabinet"), a minutes heading ("Minutes of
a meeting of X held on DATE"), a summons ("You are hereby summoned to attend a meeting of X
... on Monday 7th January 2019"), the heading of a public-pack covering letter ("CABINET -
THURSDAY, 30 JANUARY 2025"; the letter's own "Date:" is its issue date and is ignored), and
lastly a council heading printed at the top ("TINBURY COMMUNITY COUNCIL").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import Document, Line
from .dates import WEEKDAY, find_dates, first_date
from .text import is_shouting, plain, squash, title_case

# A body's name: no digits, no sentence break (". "), so it cannot run into letterheads or prose.
_BODY = r"(?P<body>[A-Za-z](?:(?!\.\s)[A-Za-z&’'(),/ .-]){2,120}?)"
MINUTES_HEADING = re.compile(
    r"\bminutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,6}?meeting\s+of\s+(?:the\s+)?" + _BODY
    # "... MEETING OF THE MUNICIPAL DISTRICT OF X TO DISCUSS THE ... ALLOCATION 2024, HELD IN ...":
    # the body's name ends where the purpose of a special meeting begins.
    + r"\s*,?\s+(?:held|which was held|convened|that took place|on|at"
    + r"|to\s+(?:discuss|consider|agree|approve|receive))\b",
    re.IGNORECASE,
)
SUMMONS = re.compile(
    r"\b(?:summoned|requested|invited|required)\s+to\s+(?:attend\s+)?(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?meeting\s+of\s+(?:the\s+)?"
    + _BODY + r"\s*,?\s+(?:to\s+be\s+held|which\s+will\s+be\s+held|will\s+be\s+held|on|at|in|held)\b",
    re.IGNORECASE,
)
NOTICE = re.compile(
    r"\b(?:(?:a|an|the|for)\s+)?(?:[\w-]+\s+){0,3}?meeting\s+of\s+(?:the\s+)?" + _BODY
    + r"\s*,?\s+(?:(?:will|is to|shall)\s+(?:be\s+held|take\s+place)|was\s+held|took\s+place|to\s+be\s+held)\b",
    re.IGNORECASE,
)
# "To: The Cathaoirleach and each Member of the Home and Social SPC" (an agenda's addressees).
ADDRESSEES = re.compile(r"\b(?:each|every|all)\s+(?:the\s+)?members?\s+of\s+(?:the\s+)?(?P<body>.+)$", re.IGNORECASE)
# "CABINET - THURSDAY, 30 JANUARY 2025", "COUNTY COUNCIL – THURSDAY, 9 JANUARY 2025".
LETTER_HEADING = re.compile(
    r"^(?P<body>[A-Z][A-Za-z&' ,()-]{2,80}?)\s*[-–—]\s*(?:" + WEEKDAY + r",?\s*)?(?P<date>\d{1,2}\w*\s+\w+,?\s+\d{4})\s*$",
    re.IGNORECASE,
)
LETTER_GREETING = re.compile(r"^dear\s+(?:member|councillor|sir|madam|colleague)", re.IGNORECASE)
LETTER_ENCLOSURE = re.compile(r"\benclose|please find|were not available|was unavailable", re.IGNORECASE)
LETTER_SIGNOFF = re.compile(r"^yours\s+(?:sincerely|faithfully)", re.IGNORECASE)
AGENDA_ITEM = re.compile(r"\bagenda\s+item\s*(?:no\.?|number)?\s*[:.]?\s*(?P<item>\d{1,3}[A-Za-z]?)\b", re.IGNORECASE)
# A council's name as a heading line: "TINBURY COMMUNITY COUNCIL", "Millbrook Parish Council - 2nd July
# 2019", "Township of Nipton". Words before "Council" must be capitalised (no "of the above Council").
# The name may follow "Minutes for" or "The Corporation of the" (Ontario's formal style), and be
# followed by the kind of meeting: "GOVAN COMMUNITY COUNCIL MINUTES", "Millbrook Parish Council A.G.M.".
_MEETING_KIND = (r"(?:(?i:minutes|agenda|annual|general|parish|extraordinary|special|ordinary|meeting|mtg)\b"
                 r"|(?i:a\.g\.m\.?|agm\b))")
COUNCIL_HEADING = re.compile(
    r"^(?:(?i:minutes|agenda)\s+(?i:for|of)\s+(?:(?i:the)\s+)?|(?i:the\s+)?(?i:corporation\s+of\s+)(?:(?i:the)\s+)?)?"
    r"(?P<name>(?:(?:The|THE)\s+)?(?:[A-Z][\w'’&.-]*\s+){0,5}(?i:council)"
    r"|(?i:township|town|village|municipality)\s+(?i:of)\s+[A-Z][\w'’-]+)"
    r"(?:\s+" + _MEETING_KIND + r")*\s*(?:[-–—,:].*)?$"
)
PRESENTED_TO = re.compile(
    r"\b(?:presented|submitted|reported|considered|adopted|approved)\s+(?:to|by|at)\s+(?:the\s+)?(?P<body>[A-Z][\w ]{2,40}?)"
    r"\s+(?i:on|at its meeting (?:held )?on)\s+",
)
# "Lanmore City and County Council Home and Social Development Strategic Policy Committee":
# a council's committee named after the council; the committee's own name is the part after it.
COUNCIL_PREFIX = re.compile(
    r"^(?:[A-Z][\w'’&.-]*\s+){1,6}?(?:and\s+(?:[A-Z][\w'’&.-]*\s+){1,3})?Council(?:'s|’s)?\s+"
    r"(?=(?:[A-Z][\w'’&-]*\s+|and\s+|of\s+){0,8}(?:Committee|Sub-Committee|Panel|Board|Forum)$)"
)


@dataclass
class CoveringLetter:
    """What a public-pack covering letter says about the enclosed paper."""

    pages: set[int]
    committee: str | None = None
    date: str | None = None
    agenda_item: str | None = None
    title: str | None = None


def covering_letter(document: Document) -> CoveringLetter | None:
    """The public-pack covering letter on the first page(s), when there is one."""
    if len(document.pages) < 2:
        return None
    first = [squash(plain(line.text)) for line in document.pages[0].lines]
    if not _is_covering_letter(first):
        return None
    letter = CoveringLetter(pages={document.pages[0].number})
    for text in first:
        match = LETTER_HEADING.match(text)
        if match and not letter.committee:
            letter.committee = normalise_committee(match["body"])
            letter.date = first_date(match["date"])
    for i, text in enumerate(first):
        if re.match(r"^a\s?genda\s+item\s*(?:no\.?|number)?\s*$", text, re.I) and i + 1 < len(first):
            nxt = first[i + 1]
            match = re.match(r"^(\d{1,3}[A-Za-z]?)\s+(.*?)\s*(?:\(pages?\s[\d -]+\))?$", nxt)
            if match:
                letter.agenda_item, letter.title = match[1], _strip_decision_number(match[2])
        else:
            match = AGENDA_ITEM.search(text)
            if match and not letter.agenda_item:
                letter.agenda_item = match["item"]
    # Blank pages straight after the letter belong to it too.
    for page in document.pages[1:]:
        texts = [squash(line.text) for line in page.lines if squash(line.text)]
        if texts and not all(re.search(r"intentionally left blank|^page \d+$|^\d+$", t, re.I) for t in texts):
            break
        letter.pages.add(page.number)
    return letter


def _is_covering_letter(first: list[str]) -> bool:
    """A short first page: greeting, sign-off, and an enclosure note or the meeting heading;
    not a summons (an agenda frontsheet is the paper itself)."""
    text = "\n".join(first)
    if len(first) > 35 or SUMMONS.search(" ".join(first)) or re.search(r"hereby summoned|requested to attend", text, re.I):
        return False
    if not any(LETTER_GREETING.match(t) for t in first) or not any(LETTER_SIGNOFF.match(t) for t in first):
        return False
    return any(LETTER_ENCLOSURE.search(t) or LETTER_HEADING.match(t) or re.match(r"^a\s?genda\s+item", t, re.I) for t in first)


def _strip_decision_number(text: str) -> str:
    return squash(re.sub(r"^\d+/\d+\s*[-–]\s*", "", re.sub(r"\(pages?[^)]*\)", "", text, flags=re.I)))


def normalise_committee(text: str | None) -> str | None:
    """ "CABINET" -> "Cabinet"; "the Cabinet" -> "Cabinet"; trailing dates and dashes removed.

    A decision taken by one member ("To: Susan Chalk, Cabinet Member for X") names the role.
    """
    if not text:
        return None
    text = squash(plain(text))
    text = re.sub(r"(?<=[a-z])- (?=[A-Z])", "-", text)  # "Adare- Rathkeale" broken at a line end
    from .people import is_member, split_person

    person = split_person(text)
    if person and person.role and person.name != person.role and is_member(person):
        text = person.role
    dates = find_dates(text)
    if dates:
        text = text[: dates[0][0]]
    text = re.sub(r"\b(?:" + WEEKDAY + r")\b.*$", "", text, flags=re.I)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" -–—,:;."), flags=re.I)
    text = text.strip(" -–—,:;.")
    text = COUNCIL_PREFIX.sub("", text)
    if not text or len(text) > 90 or not re.search(r"[A-Za-z]{2}", text):
        return None
    return title_case(text)


def despace(text: str) -> str:
    """Undo letter-spacing: "H A R T I N G B U R Y PA R I S H" -> "HARTINGBURYPARISH"."""
    if re.search(r"(?:\b\w\s){4,}", text):
        return re.sub(r"(?<=\w) (?=\w\b)|(?<=\b\w) (?=\w)", "", text)
    return text


def addressed_body(to_value: str | None) -> str | None:
    """The body an agenda is addressed to ("each Member of the X Committee"), or None."""
    match = ADDRESSEES.search(to_value or "")
    return match["body"] if match else None


def agenda_heading_body(lines: list[Line]) -> str | None:
    """An agenda frontsheet's heading: "AGENDA" then the body's name ("CABINET") on its own line."""
    texts = [squash(plain(line.text)) for line in lines[:8]]
    for i, text in enumerate(texts):
        if re.fullmatch(r"(?i)(?:supplementary\s+)?agenda", text):
            for near in texts[i + 1: i + 2]:  # the line above is often the venue
                if near and len(near.split()) <= 8 and is_shouting(near) and not first_date(near) \
                        and not re.search(r"(?i)\b(?:agenda|minutes|page|item)\b", near):
                    return normalise_committee(near)
    return None


def body_dash_date(lines: list[Line]) -> tuple[str | None, str | None]:
    """A heading "CORPORATE PARENTING PANEL – 10th December 2024" near the top."""
    for line in lines[:8]:
        match = LETTER_HEADING.match(squash(plain(line.text)))
        if match:
            return normalise_committee(match["body"]), first_date(match["date"])
    return None, None


# Words that say what kind of council, not which: "the Parish Council" names none.
_COUNCIL_KINDS = r"(?:(?:parish|town|community|county|city|district|borough|full|and)\s+)*"


def council_heading(lines: list[Line]) -> str | None:
    """A council's name printed at the top ("TINBURY COMMUNITY COUNCIL")."""
    for line in lines[:12]:
        text = squash(plain(line.text))
        text = despace(text) if is_shouting(text) else text
        text = re.sub(r"(?i)(?<=[a-z])(?=(?:parish|town|community|county|city|district|borough)council$)", " ", text)
        text = re.sub(r"(?i)(?<=[a-z])(?=council$)", " ", text)
        match = COUNCIL_HEADING.match(text)
        # A bare "Council" (a running header "Council – 13 July 2022") names a meeting, not a council;
        # "Minutes of the Meeting of the Finance Committee ..." names no council.
        if len(text) <= 60 and match and not re.search(r"\b(?:minutes|agenda)\b", match["name"], re.I) \
                and not re.search(r"(?i)\bmeeting of\b", text) \
                and not re.fullmatch(r"(?i)(?:the\s+)?" + _COUNCIL_KINDS + r"council", match["name"].strip()):
            return title_case(match["name"])
    return None


def meeting_from_text(text: str) -> tuple[str | None, str | None, str | None]:
    kind, body, date, _ = meeting_from_text_with_rest(text)
    return kind, body, date


def meeting_from_text_with_rest(text: str) -> tuple[str | None, str | None, str | None, str]:
    """(kind, committee, date, text after) from the first minutes heading, summons or notice.

    The earliest wins: an agenda's summons comes before its item "To adopt Minutes of the
    Meeting of X held on ...", which names an earlier meeting.
    """
    found = []
    for kind, pattern in (("minutes", MINUTES_HEADING), ("summons", SUMMONS), ("notice", NOTICE)):
        match = pattern.search(text)
        if match:
            found.append((match.start(), kind, match))
    if not found:
        return None, None, None, ""
    _, kind, match = min(found, key=lambda f: f[0])
    after = text[match.end(): match.end() + 200]
    return kind, match["body"], first_date(after), after


def resolve_above(body: str | None, council: str | None) -> str | None:
    """ "the above Council" / "the Council" mean the council named at the top."""
    if body and re.match(r"^(?:the\s+)?(?:above|said|parish|town|community)?\s*council$", body.strip(), re.I):
        return council
    return body


def fix_spelling(name: str | None, known: list[str]) -> str | None:
    """Replace a misspelt word ("Hertingordbury") by the known spelling (folder, sidecar, heading)."""
    if not name:
        return name
    vocabulary = {w.lower(): w for k in known if k for w in re.split(r"[\s_-]+", k) if len(w) >= 6}
    words = name.split(" ")
    for i, word in enumerate(words):
        low = word.lower()
        if len(low) < 6 or low in vocabulary:
            continue
        close = difflib.get_close_matches(low, list(vocabulary), n=1, cutoff=0.85)
        if close:
            words[i] = close[0].capitalize() if word[:1].isupper() else close[0]
    return " ".join(words)


def agenda_item_from_stamps(document: Document) -> str | None:
    """Public packs stamp every page "Page 1Agenda Item 9"."""
    for page in document.pages[:4]:
        for line in page.lines[:3] + page.lines[-3:]:
            match = re.search(r"^(?:page\s*\d+\s*)?agenda item\s*(?:no\.?\s*)?(\d{1,3}[A-Za-z]?)$", squash(line.text), re.I)
            if match:
                return match[1]
    return None


def presented_to(text: str) -> tuple[str | None, str | None]:
    """ "A report will be presented to Cabinet on 30 January 2025" -> ("Cabinet", "2025-01-30")."""
    match = PRESENTED_TO.search(text)
    if match:
        date = first_date(text[match.end(): match.end() + 40])
        if date:
            return normalise_committee(match["body"]), date
    return None, None


# "Appendix A to agenda item 4, <title>, Executive, 13 June 2022", "Annex 2 to the report to
# Cabinet – 30 January 2025": an appendix says which meeting's paper it belongs to.
APPENDIX_OF = re.compile(r"^(?:appendix|annex)\s+[A-Z0-9]{1,3}\s+(?:to|of)\s+(?:the\s+)?(?P<rest>.{6,300})$", re.IGNORECASE)
REPORT_TO = re.compile(r"\breport\s+(?:to|for)\s+(?:the\s+)?(?P<body>[A-Z][A-Za-z&'’ ]{2,60}?)\s*(?:[,–—-]|\bon\b|\bdated\b|$)")


@dataclass
class AppendixOf:
    committee: str | None = None
    date: str | None = None
    agenda_item: str | None = None


def appendix_of(lines: list[Line]) -> AppendixOf | None:
    """The meeting, date and agenda item an appendix names in its own opening lines."""
    for i in range(min(12, len(lines))):
        match = APPENDIX_OF.match(_with_wrapped_date(lines, i))
        if not match:
            continue
        rest = match["rest"]
        found = AppendixOf()
        item = re.search(r"(?i)\b(?:agenda\s+)?item\s*(?:no\.?\s*)?(\d{1,3}[A-Za-z]?)\b", rest)
        found.agenda_item = item[1] if item else None
        dates = find_dates(rest)
        found.date = dates[0][1] if dates else None
        to = REPORT_TO.search(rest)
        if to:
            found.committee = normalise_committee(to["body"])
        elif dates and item:
            # "..., <title>, Executive, 13 June 2022": the body is the last part before the date.
            before = rest[: dates[0][0]].rstrip(" ,–—-")
            parts = [p.strip() for p in before.split(",")]
            if len(parts) >= 3:
                found.committee = normalise_committee(parts[-1])
        if found.committee or found.date or found.agenda_item:
            return found
    return None


def _with_wrapped_date(lines: list[Line], i: int) -> str:
    """Line ``i`` with the lines it wraps onto, while its date has not yet been reached
    ("... Executive, 10 June" / "2024")."""
    text, previous = squash(plain(lines[i].text)), lines[i]
    for following in lines[i + 1: i + 3]:
        if first_date(text) or not _wraps_onto(previous, following):
            break
        text, previous = f"{text} {squash(plain(following.text))}", following
    return text


def _wraps_onto(previous: Line, following: Line) -> bool:
    if following.page != previous.page or "|" in following.text:
        return False
    if not previous.size:  # no positions: the very next line
        return following.top - previous.top <= 1
    return abs(following.x0 - previous.x0) < 3 and 0 < following.top - previous.top < 1.6 * previous.size


# What a folder name's last council-like word abbreviates ("milburn-pc", "govan-cc-scot").
# "cc" is ambiguous: the paper's own text must say which.
FOLDER_KINDS = {
    "pc": ["Parish Council"],
    "tc": ["Town Council"],
    "cc": ["Community Council", "County Council", "City Council"],
    "dc": ["District Council"],
    "bc": ["Borough Council"],
    "ccc": ["City and County Council"],
}


def council_from_folder(folder: str, text: str) -> str | None:
    """The council a folder name stands for ("wye-valley-cc"), when the paper supports it.

    The place words come before a council abbreviation ("wye valley" + "cc"; words after it,
    such as a country code, are ignored). The name the paper prints with those words wins
    ("Wye Valley Community Council"); otherwise the abbreviation is spelt out only when it means
    one kind of council ("pc"). Nothing is returned for a folder without an abbreviation, or an
    ambiguous one ("cc") the paper does not spell out: a name is never made up.
    """
    words = [w for w in re.split(r"[-_\s]+", folder.lower()) if w]
    at = max((i for i, w in enumerate(words) if w in FOLDER_KINDS and i > 0), default=None)
    if at is None or not all(w.isalpha() for w in words[:at]):
        return None
    place, kinds = words[:at], FOLDER_KINDS[words[at]]
    printed = re.search(r"\b" + r"\s+".join(place) + r"\s+((?:[a-z]+\s+){1,3}?)council\b", text, re.I)
    if printed and any(kind.lower() == squash(f"{printed[1]}council").lower() for kind in kinds):
        return title_case(squash(printed[0]))
    # Not guessed from other councils the paper mentions: a community council's minutes often
    # name "the County Council" (another body), which would spell "cc" wrongly.
    return f"{title_case(' '.join(place))} {kinds[0]}" if len(kinds) == 1 else None
