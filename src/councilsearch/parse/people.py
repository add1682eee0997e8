"""People named in papers: names kept apart from roles, honorifics dropped.

"Robert Gale, Leader" -> Person("Robert Gale", "Leader");
"Dennis Marsh – Cabinet Member for Economic Development" -> Person("Dennis Marsh", "Cabinet Member for ...");
"Dr Anjan Ghosh, Director of Public Health" -> Person("Anjan Ghosh", "Director of Public Health").
"""

from __future__ import annotations

import re

from ..model import Person
from .text import squash

HONORIFIC = re.compile(
    r"^(?:(?:cllr|councillor|cllrs|dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|lord|lady|rev|revd|the)\.?\s+)+",
    re.IGNORECASE,
)
# Roles that make someone the member responsible (portfolio holder) rather than an officer.
MEMBER_ROLE = re.compile(
    r"\b(?:cabinet member|portfolio holder|leader|lead member|executive member|cabinet lead|member for|chair(?:man|woman|person)?)\b",
    re.IGNORECASE,
)
OFFICER_ROLE = re.compile(
    r"\b(?:director|officer|head of|manager|counsel|chief executive|clerk|treasurer|monitoring|solicitor|"
    r"analyst|accountant|adviser|advisor|lead\b(?! member)|team|service|executive director|author|planner)",
    re.IGNORECASE,
)
_SPLIT_ROLE = re.compile(r"\s*(?:,|\s[–—-]\s|\s\()\s*")
# A personal name: two to four words with capitals ("Robert Gale", "G. O'Hara", "Susan Chalk").
NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?\s+){0,3}[A-Z][\w'’-]+$")


def clean_name(text: str) -> str:
    """A name without honorifics, brackets or trailing punctuation."""
    text = squash(re.sub(r"\(.*?\)", " ", text))
    text = HONORIFIC.sub("", text)
    return text.strip(" ,;:.-–")


# Words of portfolio and service titles, never of a personal name ("Adult Social Care").
NOT_NAME_WORDS = set(
    "adult adults social care services service health education children childrens children's young people "
    "finance financial corporate public economic development council county district borough parish environment "
    "transport highways waste planning housing growth strategy strategic policy resources communities community "
    "culture leisure regeneration integrated traded infrastructure governance legal democratic business skills "
    "safety wellbeing commissioning property assets digital customer operations transformation and of for the "
    "committee cabinet board panel member members directorate department unit team office".split()
)


def looks_like_name(text: str) -> bool:
    text = clean_name(text)
    if not text or not NAME.match(text) or OFFICER_ROLE.search(text) or MEMBER_ROLE.search(text):
        return False
    return not any(word.lower().strip(".") in NOT_NAME_WORDS for word in text.split())


def split_person(text: str) -> Person | None:
    """A Person from "Name, Role" / "Name – Role" / "Name (Role)" / a bare name or role."""
    text = squash(text).strip(" ,;")
    if not text:
        return None
    parts = _SPLIT_ROLE.split(text, maxsplit=1)
    if len(parts) == 2 and looks_like_name(parts[0]):
        return Person(name=clean_name(parts[0]), role=parts[1].strip(" ()") or None)
    # Role first: "Deputy Leader and Cabinet Member for Finance, Paul Oakley".
    head, _, last = text.rpartition(",")
    if head and looks_like_name(last) and len(clean_name(last).split()) >= 2:
        return Person(name=clean_name(last), role=squash(head).strip(" ,") or None)
    if looks_like_name(text):
        return Person(name=clean_name(text), role=None)
    # Only a role is printed ("Leader of the Council", "Executive Director - Operations").
    return Person(name=squash(text), role=squash(text))


def is_member(person: Person) -> bool:
    return bool(person.role and MEMBER_ROLE.search(person.role))


def is_officer(person: Person) -> bool:
    return bool(person.role and OFFICER_ROLE.search(person.role)) and not is_member(person)


def split_people(text: str) -> list[Person]:
    """Several people in one value: split on ";" / " and " between names / new "Name," starts."""
    people: list[Person] = []
    for chunk in re.split(r"\s*;\s*|\n+", text):
        person = split_person(chunk)
        if not person:
            continue
        if people and person.role is None and people[-1].name == people[-1].role:
            # "Leader of the Council; Robert Gale": a role, then the person holding it.
            people[-1] = Person(name=person.name, role=people[-1].role)
            continue
        people.append(person)
    return people


def names_in_list(text: str) -> list[Person]:
    """ "David Whittle, Director of X, Ben Watts, General Counsel" -> two people (name, role pairs)."""
    pieces = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+and\s+", squash(text)) if p.strip()]
    people: list[Person] = []
    for piece in pieces:
        if looks_like_name(piece) and len(clean_name(piece).split()) >= 2:
            people.append(Person(name=clean_name(piece)))
        elif people and people[-1].role is None:
            people[-1].role = piece
    return people
