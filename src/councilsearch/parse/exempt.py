"""Exempt and confidential papers: these never reach the index.

Only the paper's own classification counts: a header value ("Classification: Exempt",
"Status: Part II") or a front-page marking ("NOT FOR PUBLICATION by virtue of paragraph 3 of
Part 1 of Schedule 12A"). A public agenda that merely lists a Part II item ("Exclusion of the
press and public") stays public, and "For publication [Do not include information which is
exempt ...]" is an instruction on a public form, not a marking.
"""

from __future__ import annotations

import re

EXEMPT_VALUE = re.compile(
    r"\b(?:exempt|confidential|restricted|not for publication|part (?:ii|2|two)|private)\b", re.IGNORECASE
)
PUBLIC_VALUE = re.compile(r"\b(?:unrestricted|open|public|for publication|not exempt|non[- ]exempt|part (?:i|1|one))\b", re.IGNORECASE)
FRONT_MARKING = re.compile(
    r"^\s*(?:not for publication\b|(?:strictly )?(?:private and )?confidential\s*(?:[-–:]|$)|exempt (?:information|report|appendix)\b|"
    r"part (?:ii|2)\s*[-–:]?\s*(?:exempt|confidential|not for publication)(?!\s+(?:items?|business|matters?)\b)|"
    r"this (?:report|appendix|paper|document) is (?:exempt|confidential|not for publication))",
    re.IGNORECASE,
)
LISTED_ITEM = re.compile(r"exclusion of (?:the )?press|motion to exclude|the public (?:be|may be) excluded", re.IGNORECASE)


def classification_exempt(value: str | None) -> bool:
    """An exempt classification value ("Exempt", "Part II", "Confidential") but not "Unrestricted"."""
    if not value:
        return False
    head = value.strip()[:60]
    if PUBLIC_VALUE.match(head.strip("[( ")):
        return False
    return bool(EXEMPT_VALUE.search(head))


def front_marking(opening_lines: list[str]) -> str | None:
    """A confidentiality marking printed on its own line at the top of the paper."""
    for text in opening_lines[:10]:
        if LISTED_ITEM.search(text) or re.match(r"^[^:]{1,50}:\s*(?:no|none|not|n/a|nil)\b", text, re.I):
            continue  # "Exempt information: No" is a label answered no
        if FRONT_MARKING.match(text):
            return text.strip()
    return None


def answers_yes(value: str | None) -> bool:
    """An "Exempt information:" / "Confidential:" label answered yes ("Yes - paragraph 3")."""
    if not value:
        return False
    head = value.strip().lower()
    if re.match(r"^(?:no|none|not|n/a|nil)\b", head):
        return False
    return bool(re.match(r"^(?:yes|exempt|confidential|part (?:ii|2)|paragraphs?\s+\d)", head))


def exempt_reason(classification: str | None, status: str | None, opening_lines: list[str],
                  doc_type: str | None = None, exempt_info: str | None = None) -> str | None:
    """Why the paper is exempt, or None when it is public.

    An agenda is judged by its classification label only: its opening lines list the business,
    and a "Part 2 - Exempt" heading there announces items, it does not mark the agenda.
    """
    for label, value in (("classification", classification), ("status", status)):
        if classification_exempt(value):
            return f"{label}: {value.strip()}"
    if answers_yes(exempt_info):
        return f"exempt information: {exempt_info.strip()[:120]}"
    if doc_type == "agenda":
        return None
    marking = front_marking(opening_lines)
    if marking:
        return f"marked: {marking[:120]}"
    return None
