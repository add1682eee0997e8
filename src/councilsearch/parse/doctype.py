"""What kind of paper this is: text first, file name second.

Values: report, minutes, agenda, decision, appendix, questions, policy, other.
"decision" covers decision notices, records of decision and Kent's proposed records of
decision (PRoD); evaluation labels that say "record_of_decision" map to it.
"""

from __future__ import annotations

import re

DOC_TYPES = ("report", "minutes", "agenda", "decision", "appendix", "questions", "policy", "other")
# Label spellings seen in evaluation data, mapped to the product's values.
ALIASES = {"record_of_decision": "decision", "decision_notice": "decision", "prod": "decision"}

# Tested against the opening lines of the paper (after any covering letter), in order.
TEXT_RULES: list[tuple[str, re.Pattern]] = [
    ("decision", re.compile(r"record of (?:executive |officer |key )?decisions?|decision notice|notice of (?:key |executive )?decision|decision sheet", re.I)),
    ("questions", re.compile(r"questions? put and answers? given|questions? (?:and answers|to (?:the )?(?:leader|cabinet member))|^question\s+(?:\d+\s+)?by\s+.{3,60}\bto\b", re.I | re.M)),
    ("minutes", re.compile(r"^(?:draft |unconfirmed |signed )?minutes\b|\bminutes of (?:a|an|the)\s+(?:[\w-]+\s+){0,3}?meeting\s+(?:of|held)\b|^notes of (?:a|the) meeting|"
                           r"\A(?:.*\n){0,4}present\s*(?::|$)", re.I | re.M)),
    ("agenda", re.compile(r"\b(?:hereby )?summoned\b|\brequested to attend\b|^agenda\b(?!\s+item)|\bnotice of (?:a |the )?meeting\b|^(?:supplementary |public )?agenda(?: pack| frontsheet)?\b(?!\s+item)|\bagenda for (?:a|the)\b", re.I | re.M)),
    ("appendix", re.compile(r"^(?:appendix|annex|schedule)\s+[A-Z0-9]{1,3}\b", re.I | re.M)),
    ("report", re.compile(r"^(?:from|to|subject|report (?:by|of|author)|committee|title of report|purpose of (?:the )?report)\s*:", re.I | re.M)),
    ("policy", re.compile(r"^(?:[\w' -]{0,60}\b(?:policy|standing orders|code of conduct|financial regulations|procedure|strategy|statement)\b)\s*(?:\d{4}(?:[-/]\d{2,4})?)?\s*$", re.I | re.M)),
]
RULES = dict(TEXT_RULES)
FILENAME_RULES: list[tuple[str, re.Pattern]] = [
    ("decision", re.compile(r"\bprod\b|record of decision|decision notice|\bresolution\b", re.I)),
    ("questions", re.compile(r"questions", re.I)),
    ("appendix", re.compile(r"\b(?:appendix|annex|eqia|dpia)\b", re.I)),
    ("minutes", re.compile(r"minutes", re.I)),
    ("agenda", re.compile(r"agenda|summons", re.I)),
    ("policy", re.compile(r"policy|standing.orders|code.of.conduct|regulations|procedure|strategy", re.I)),
    ("report", re.compile(r"report", re.I)),
]


def normalise_doc_type(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower().replace(" ", "_")
    return ALIASES.get(value, value)


def classify(opening: str, filename: str, has_report_header: bool = False) -> str:
    """The doc type from the opening text of the paper, then its file name and folders.

    Strong text signs first (a decision form, questions, a minutes or agenda heading, a
    report's header labels), then the file name and folders, then weak text signs (an
    "Appendix B" or "... Policy" heading at the top).
    """
    opening = undecorate_lines(opening)
    strong = strong_text_type(opening)
    if strong:
        return strong
    if has_report_header:
        return _prefer_filename_for_appendix("report", filename)
    # The file name, then the folders it sits in ("wye-valley-cc/minutes/20240819.txt").
    parts = [re.sub(r"[_-]+", " ", part) for part in reversed(filename.replace("\\", "/").split("/"))]
    for part in parts[:3]:
        for doc_type, pattern in FILENAME_RULES:
            if pattern.search(part):
                return doc_type
    top = "\n".join(opening.splitlines()[:3])
    for doc_type in ("appendix", "policy"):
        if RULES[doc_type].search(top):
            return doc_type
    return "other"


_DECORATION = re.compile(r"^[*#=_~ \t]+|[*#=_~ \t]+$", re.M)


_LETTER_SPACED = re.compile(r"\b[A-Z](?: [A-Z]){3,}\b")


def undecorate_lines(text: str) -> str:
    """Each line without the decoration around a heading ("*** AGENDA ***", "# Minutes",
    "**Agenda**") or its letter-spacing ("A G E N D A")."""
    text = _DECORATION.sub("", text)
    return _LETTER_SPACED.sub(lambda m: m[0].replace(" ", ""), text)


def strong_text_type(opening: str, head_only: bool = False) -> str | None:
    """The type the paper announces itself (a decision form, questions, a minutes or agenda
    heading), or None. Such a sign outweighs a publisher's category, which is often a guess
    from the file name ("Appendix 4 - Record of Decision" is a record of decision). ``head_only``
    looks for decision and questions signs in the first lines only, as a heading would print them."""
    opening = undecorate_lines(opening)
    head = "\n".join(opening.splitlines()[:12])
    for doc_type in ("decision", "questions"):
        if RULES[doc_type].search(head if head_only else opening):
            return doc_type
    # Minutes or agenda: whichever the paper announces first (an agenda lists "Minutes of ...").
    found = [(m.start(), t) for t in ("minutes", "agenda") for m in [RULES[t].search(head)] if m]
    return min(found)[1] if found else None


def _prefer_filename_for_appendix(doc_type: str, filename: str) -> str:
    """A file its publisher named "Appendix ..." is an appendix even when it opens like a report."""
    stem = filename.rsplit("/", 1)[-1]
    if doc_type in ("report", "policy", "other") and re.search(r"\b(?:appendix|annex)\b", stem, re.I):
        return "appendix"
    return doc_type
