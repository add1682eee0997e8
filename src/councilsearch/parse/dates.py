"""Dates as councils print them, and as folders and file names carry them.

Everything returns ISO ``yyyy-mm-dd`` strings or None. The text forms are tolerant
of ordinal suffixes, weekday names, commas and the OCR damage seen in scanned
agendas ("25% March", "22\" January", "10TH JUNE").
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# An ordinal suffix, or OCR damage where a superscript "th"/"st" became a symbol.
# Any symbol or two stands in for a damaged ordinal ("25% March", "22\" January", "25™ June").
_SUFFIX = r"(?:st|nd|rd|th|[^\w\s,./-]{1,2})?"
_DAY = r"(?P<day>[0-3]?\d)\s?" + _SUFFIX
# A year's zero may be printed as the letter O ("4 MARCH 2O24": a typist's or OCR slip); _iso reads it as 0.
_YEAR = r"(?P<year>(?:19|2[0O])[\dO][\dO])"

# "17 March 2014", "10TH JUNE 2015", "Thursday, 30 January 2025", "25% March, 2024"
DAY_MONTH_YEAR = re.compile(
    r"\b" + _DAY + r"(?:\s+of)?[\s,]+" + _MONTH + r"[\s,]+" + _YEAR + r"\b", re.IGNORECASE
)
# "March 5, 2024", "January 16th 2024"
MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE
)
# "30/01/2025", "30.01.2025", "30-01-25"
NUMERIC_DMY = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def _iso(year, month, day) -> str | None:
    try:
        year = int(str(year).upper().replace("O", "0"))
        if year < 100:
            year += 2000
        month = month if isinstance(month, int) else MONTHS.get(str(month).lower().rstrip("."), None) or int(month)
        return date(year, int(month), int(day)).isoformat()
    except (ValueError, TypeError):
        return None


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every date printed in ``text`` as (character offset, ISO date), in reading order."""
    found: dict[int, str] = {}
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE, NUMERIC_DMY):
        for match in pattern.finditer(text):
            if any(abs(match.start() - start) < 3 for start in found):
                continue
            iso = _iso(match["year"], match["month"], match["day"])
            if iso:
                found[match.start()] = iso
    return sorted(found.items())


_WEEKDAY_BEFORE = re.compile(r"(?P<weekday>" + WEEKDAY + r")\W{0,3}(?:the\s+)?$", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NEAR_DAYS = 3  # how far a file name's date may sit from a printed date it corrects (a typo in the day);
# not a week: an upload a week after the meeting shares its weekday by the calendar alone


def _as_date(iso: str | None) -> date | None:
    """``iso`` as a date; None for a malformed one (a sidecar may say "2024-02-30")."""
    try:
        return date.fromisoformat(iso) if iso else None
    except (TypeError, ValueError):
        return None


def weekday_before(text: str, start: int) -> int | None:
    """The weekday printed just before ``text[start:]`` (0 = Monday), or None."""
    match = _WEEKDAY_BEFORE.search(text[max(0, start - 14): start])
    return _WEEKDAYS.index(match["weekday"].lower()) if match else None


def printed_weekday(text: str, iso: str) -> int | None:
    """The weekday printed before the first mention of ``iso`` that has one ("Monday 6 May 2024")."""
    for start, found in find_dates(text):
        weekday = weekday_before(text, start) if found == iso else None
        if weekday is not None:
            return weekday
    return None


def checked_weekday(text: str, iso: str | None, hint: str | None) -> str | None:
    """``iso`` as printed in ``text``, or ``hint`` (the date a file name carries) when the weekday
    printed before the date fits ``hint`` and not ``iso``, and the two are close: a few days apart
    at most (NEAR_DAYS: a typo in the day: "Wednesday 13th February 2014", a Thursday, filed as the
    Wednesday 20140212), or the same day and month a year apart ("Wednesday 11th May 2015" in a
    notice filed as 20160511: last year's notice reused). A weekday that fits neither decides
    nothing: "MONDAY 7 FEBRUARY 2023" (a Tuesday) filed as 2023-02-23 keeps its printed date."""
    printed, filed = _as_date(iso), _as_date(hint)
    if not printed or not filed or iso == hint:
        return iso
    weekday = printed_weekday(text, iso)
    if weekday is None or printed.weekday() == weekday or filed.weekday() != weekday:
        return iso
    a_year_apart = iso[4:] == hint[4:] and abs(printed.year - filed.year) == 1
    return hint if abs((printed - filed).days) <= NEAR_DAYS or a_year_apart else iso




def complete_year(day: int | str, month: int | str, weekday: int | None, hint: str | None,
                  reach: int = 124) -> str | None:
    """A day and month printed without a year ("MONDAY 6 NOVEMBER"), dated in the year that puts
    it within ``reach`` days (about four months) of ``hint`` (a file name's or sidecar's date).
    When a weekday is printed, the calendar decides between the candidates: a year where the
    weekday fits, else ``hint`` itself when it fits and lies within NEAR_DAYS (the day mistyped)."""
    filed = _as_date(hint)
    if not filed:
        return None
    options = []
    for year in (filed.year - 1, filed.year, filed.year + 1):
        iso = _iso(year, month, day)
        if iso and abs((date.fromisoformat(iso) - filed).days) <= reach:
            options.append(iso)
    if not options:
        return None
    if weekday is not None:
        fitting = [iso for iso in options if date.fromisoformat(iso).weekday() == weekday]
        if fitting:
            options = fitting
        elif filed.weekday() == weekday and min(abs((date.fromisoformat(o) - filed).days) for o in options) <= NEAR_DAYS:
            return hint
    return min(options, key=lambda iso: abs((date.fromisoformat(iso) - filed).days))


# "Thursday 1" February", "the 30th September": a day and month without the year.
DAY_MONTH = re.compile(r"\b" + _DAY + r"(?:\s+of)?[\s,]+" + _MONTH + r"(?![\s,]*(?:19|2[0O])[\dO][\dO])\b",
                       re.IGNORECASE)


def day_month_with_year(text: str, near: str | None) -> str | None:
    """The first "1st February" in ``text`` given the year of a nearby date (``near``, ISO):
    an agenda issued in late December for "7th January" means the next January."""
    match = DAY_MONTH.search(text)
    if not match or not _as_date(near):
        return None
    year = int(near[:4])
    iso = _iso(year, match["month"], match["day"])
    if iso and iso < near and (date.fromisoformat(near) - date.fromisoformat(iso)).days > 60:
        iso = _iso(year + 1, match["month"], match["day"])
    weekday = weekday_before(text, match.start())
    if iso and weekday is not None and date.fromisoformat(iso).weekday() != weekday:
        iso = complete_year(match["day"], match["month"], weekday, near) or iso  # the calendar may know better
    return iso


def day_month_near(text: str, hint: str | None) -> str | None:
    """The first day and month ``text`` prints without a year ("GENERAL MEETING MONDAY 6
    NOVEMBER"), in the year near ``hint`` that its printed weekday fits (see complete_year)."""
    match = DAY_MONTH.search(text)
    if not match:
        return None
    return complete_year(match["day"], match["month"], weekday_before(text, match.start()), hint)


def first_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0][1] if dates else None


# File and folder names: "minutes-20150610.pdf", "20190107.pdf", "2025-01-30/",
# "minutes_2021-01-26_.pdf", "March-5-2024-Council-Agenda-Package.pdf", "22.01.2024.pdf".
_COMPACT = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)")
_SEPARATED = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.](?P<month>[01]?\d)[-_.](?P<day>[0-3]?\d)(?!\d)")
_NAME_DMY = re.compile(r"(?<!\d)(?P<day>[0-3]?\d)[-_.](?P<month>[01]?\d)[-_.](?P<year>(?:19|20)\d\d)(?!\d)")
_NAME_WORDS = re.compile(
    r"(?:(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?[-_ ]+)?" + _MONTH + r"[-_ ]+(?:(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?[-_ ,]+)?" + _YEAR,
    re.IGNORECASE,
)


def date_from_path(path: str) -> str | None:
    """The date a file or folder name carries, looking at the file name first, then folders."""
    parts = re.split(r"[\\/]", path)
    for part in reversed(parts):
        iso = _date_from_name(part)
        if iso:
            return iso
    return None


def _date_from_name(name: str) -> str | None:
    for pattern in (_SEPARATED, _COMPACT, _NAME_DMY):
        match = pattern.search(name)
        if match:
            iso = _iso(match["year"], match["month"], match["day"])
            if iso:
                return iso
    match = _NAME_WORDS.search(name)
    if match:
        day = match["day1"] or match["day2"]
        if day:
            return _iso(match["year"], match["month"], day)
    return None


# "3637. Date of next meeting: 29th January 2024", "Next Meeting – Monday 4 March 2024": a line
# that opens with the next meeting (a line naming another body's next meeting mid-way, "Delivery
# Group – Next meeting 10th January", is not the paper's own).
_NEXT_MEETING = re.compile(r"(?im)^\s*(?:\d{1,5}[.)]?\s*)?(?:(?:the\s+)?date\s+(?:and\s+\w+\s+)?of\s+(?:the\s+)?)?"
                           r"next\s+(?:[\w’']+\s+){0,3}?meeting\b(?P<rest>.{0,80})")
NEXT_MEETING_REACH = 124  # days: councils meet at least every four months or so


def next_meeting_date(text: str) -> str | None:
    """The date of the next meeting, as the paper announces it (first such line)."""
    for match in _NEXT_MEETING.finditer(text):
        found = first_date(match["rest"])
        if found:
            return found
    return None


def filed_year_checked(text: str, filed: str | None) -> str | None:
    """``filed`` (a file name's date, used when the paper prints no date of its own) with its
    year put right when the paper's announced next meeting says it is wrong: the next meeting
    falls after this one and within NEXT_MEETING_REACH days, so minutes filed as 20230108 that
    call the next meeting for 29 January 2024 are of 8 January 2024 (a year mistyped in the
    name). The day and month are the name's; only a year that makes them fit replaces it."""
    filed_date, next_iso = _as_date(filed), next_meeting_date(text)
    next_date = _as_date(next_iso)
    if not filed_date or not next_date or 0 < (next_date - filed_date).days <= NEXT_MEETING_REACH:
        return filed
    for year in (next_date.year, next_date.year - 1):
        iso = _iso(year, filed_date.month, filed_date.day)
        if iso and 0 < (next_date - date.fromisoformat(iso)).days <= NEXT_MEETING_REACH:
            return iso
    return filed
