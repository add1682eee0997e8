"""The fictional council itself: members, portfolios by municipal year, officers, committees
and the calendar of meetings.

A municipal year runs from the annual meeting of Council in May to the following April;
portfolios are (re)allocated at each annual meeting, so "who held the Housing portfolio
when this was decided" depends on the meeting date.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import names

PORTFOLIOS = (
    "Leader of the Council",
    "Finance and Resources",
    "Housing",
    "Environment and Waste",
    "Planning and Regeneration",
    "Leisure and Communities",
    "Licensing and Community Safety",
)

# role -> (title printed in papers, the director it reports to)
OFFICER_ROLES = (
    ("Chief Executive", None),
    ("Director of Resources", "Chief Executive"),
    ("Director of Place", "Chief Executive"),
    ("Director of Communities", "Chief Executive"),
    ("Head of Finance", "Director of Resources"),
    ("Head of Legal and Democratic Services", "Director of Resources"),
    ("Head of Property and Assets", "Director of Resources"),
    ("Procurement Manager", "Director of Resources"),
    ("Audit Manager", "Director of Resources"),
    ("Head of Housing", "Director of Communities"),
    ("Head of Leisure and Culture", "Director of Communities"),
    ("Licensing Manager", "Director of Communities"),
    ("Head of Environmental Services", "Director of Place"),
    ("Head of Planning", "Director of Place"),
    ("Democratic Services Officer", "Director of Resources"),
)


@dataclass(frozen=True)
class Committee:
    key: str
    name: str  # as printed: "Executive", "Planning Committee", "Council"
    slug: str  # folder name
    prefix: str  # minute number prefix
    months: tuple[int, ...]  # months it meets in, May first
    weekday: int  # 0 = Monday
    time: str
    weight: int  # share of reports


COMMITTEES = (
    Committee("CO", "Council", "council", "C", (5, 7, 10, 12, 2), 2, "7.00 pm", 2),
    Committee("EX", "Executive", "executive", "EX", (6, 7, 9, 10, 11, 1, 2, 3), 0, "6.00 pm", 5),
    Committee("PL", "Planning Committee", "planning", "PL", (6, 8, 10, 12, 2, 4), 3, "6.30 pm", 3),
    Committee("LI", "Licensing Committee", "licensing", "LC", (7, 11, 3), 1, "10.00 am", 1),
    Committee("AU", "Audit Committee", "audit", "AC", (7, 9, 1, 3), 1, "6.00 pm", 2),
    Committee("OS", "Overview and Scrutiny Committee", "scrutiny", "OS", (6, 9, 11, 1, 3), 1, "6.30 pm", 2),
)
COMMITTEE_BY_KEY = {c.key: c for c in COMMITTEES}


@dataclass
class Meeting:
    committee: Committee
    date: dt.date
    municipal_year: int  # 2023 for 2023/24
    annual: bool = False  # the annual meeting of Council in May
    budget: bool = False  # the February budget meeting of Council
    number: int = 0  # ordinal among this committee's meetings (for file names)


@dataclass
class Council:
    name: str
    members: list[str]
    officers: dict[str, str]  # role -> name
    portfolios: dict[int, dict[str, str]]  # municipal year -> portfolio -> member
    chairs: dict[int, dict[str, str]]  # municipal year -> committee key -> member
    committee_members: dict[str, list[str]]
    years: list[int]
    meetings: list[Meeting] = field(default_factory=list)

    def holder(self, portfolio: str, when: dt.date) -> str:
        return self.portfolios[municipal_year(when)][portfolio]

    def director_of(self, role: str) -> str:
        return dict(OFFICER_ROLES)[role] or "Chief Executive"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "members": self.members,
            "officers": self.officers,
            "portfolios": {f"{y}/{(y + 1) % 100:02d}": p for y, p in sorted(self.portfolios.items())},
            "chairs": {f"{y}/{(y + 1) % 100:02d}": c for y, c in sorted(self.chairs.items())},
            "committee_members": self.committee_members,
        }


def municipal_year(day: dt.date) -> int:
    """The municipal year a date falls in: May 2023 - April 2024 is 2023."""
    return day.year if day.month >= 5 else day.year - 1


def unique_people(rng: random.Random, count: int) -> list[str]:
    """Distinct invented full names."""
    people: list[str] = []
    surnames_used: set[str] = set()
    while len(people) < count:
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.SURNAMES)
        if last in surnames_used and len(surnames_used) < len(names.SURNAMES):
            continue  # one surname each keeps "Councillor Nuttall" unambiguous
        surnames_used.add(last)
        people.append(f"{first} {last}")
    return people


def allocate_portfolios(rng: random.Random, cabinet_pool: list[str], years: list[int]) -> dict:
    """First-year allocation, then a reshuffle of two or three portfolios each May."""
    holders = dict(zip(PORTFOLIOS, rng.sample(cabinet_pool, len(PORTFOLIOS))))
    result = {years[0]: dict(holders)}
    for year in years[1:]:
        changed = rng.sample(PORTFOLIOS[1:], rng.randint(2, 3))
        for portfolio in changed:
            outside = [m for m in cabinet_pool if m not in holders.values()]
            if outside and rng.random() < 0.6:
                holders[portfolio] = rng.choice(outside)  # a new face in the Executive
            else:  # swap with another portfolio holder
                other = rng.choice([p for p in PORTFOLIOS[1:] if p != portfolio])
                holders[portfolio], holders[other] = holders[other], holders[portfolio]
        if rng.random() < 0.25:  # a new Leader now and then
            successor = rng.choice([m for m in cabinet_pool if m != holders[PORTFOLIOS[0]]])
            for p, m in list(holders.items()):
                if m == successor:
                    holders[p] = holders[PORTFOLIOS[0]]
            holders[PORTFOLIOS[0]] = successor
        result[year] = dict(holders)
    return result


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def calendar(years: list[int]) -> list[Meeting]:
    """Every meeting of every committee over the municipal years, in date order."""
    meetings = []
    for year in years:
        for c in COMMITTEES:
            for month in c.months:
                cal_year = year if month >= 5 else year + 1
                week = 3 if c.key == "CO" and month == 5 else 2
                day = nth_weekday(cal_year, month, c.weekday, week)
                meetings.append(Meeting(c, day, year, annual=(c.key == "CO" and month == 5),
                                        budget=(c.key == "CO" and month == 2)))
    meetings.sort(key=lambda m: (m.date, m.committee.key))
    counters: dict[str, int] = {}
    for m in meetings:
        counters[m.committee.key] = counters.get(m.committee.key, 0) + 1
        m.number = counters[m.committee.key]
    return meetings


def build_council(rng: random.Random, years: list[int]) -> Council:
    people = unique_people(rng, 36 + len(OFFICER_ROLES))
    members, officer_names = people[:36], people[36:]
    officers = {role: name for (role, _), name in zip(OFFICER_ROLES, officer_names)}
    cabinet_pool = members[:12]
    portfolios = allocate_portfolios(rng, cabinet_pool, years)
    backbench = members[12:]
    committee_members = {
        c.key: (members if c.key == "CO" else sorted(rng.sample(backbench, 9)))
        for c in COMMITTEES if c.key != "EX"
    }
    chairs = {}
    for year in years:
        chairs[year] = {"EX": portfolios[year][PORTFOLIOS[0]],
                        "CO": rng.choice(backbench)}  # the Chairman of the Council
        for key, pool in committee_members.items():
            if key != "CO":
                chairs[year][key] = rng.choice(pool)
    return Council(names.COUNCIL_NAME, members, officers, portfolios, chairs,
                   committee_members, years, calendar(years))
