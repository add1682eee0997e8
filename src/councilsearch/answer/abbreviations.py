"""Abbreviations the papers themselves define, as other phrasings of a question's words.

Council papers coin initials for every body and scheme ("Joint Policing Committee
(JPC)", "No Use Empty (NUE)") and then often use only the initials. The hand-made
synonym list (data/synonyms.txt) cannot know the abbreviations of a council not yet
seen, so initials a question uses ("What did the JPC decide?") are looked up where
a paper defines them, "Joint Policing Committee (JPC)", and the long form counts as
another phrasing of them. A few small look-ups per question, not a pass over the index.

(The other direction, a name spelt out in the question counting as its initials,
was tried: on 738 evaluation questions it moved three answers down and none up.)
"""

from __future__ import annotations

import re

from .language import stems_of

# Small words a long form may hold that its initials skip ("Department for Education": DfE).
_LINK_WORDS = frozenset("of and for the to on in at by with &".split())
MIN_LETTERS, MAX_LETTERS = 2, 7
MAX_LONG_WORDS = 8
DEFINITIONS_READ = 20  # paragraphs read to find where initials are defined
_TITLES = frozenset("mr mrs ms dr st cllr cllrs".split())  # no vowels, but no initials either
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _initials(words: list[str], keep_links: bool) -> str:
    return "".join(w[0] for w in words if keep_links or w.lower() not in _LINK_WORDS).lower()


def _is_initials_of(letters: str, words: list[str]) -> bool:
    """Whether letters are the words' first letters, with or without their small words."""
    return letters.lower() in (_initials(words, False), _initials(words, True))


def long_form_before(text: str, letters: str) -> str | None:
    """The long form a paper gives just before "(LETTERS)", if its initials match."""
    for match in re.finditer(rf"\(\s*{re.escape(letters)}s?\s*\)", text, re.I):
        words = _WORD.findall(text[max(0, match.start() - 120):match.start()])[-MAX_LONG_WORDS:]
        for start in range(len(words) - 1, -1, -1):
            if words[start].lower() in _LINK_WORDS:
                continue
            if _is_initials_of(letters, words[start:]):
                return " ".join(words[start:])
    return None


def _looks_like_initials(token: str) -> bool:
    """A question word that may be initials: written in capitals (JPC, SCBA), or short and
    without vowels as a busy member types it (jpc)."""
    if not MIN_LETTERS <= len(token) <= MAX_LETTERS or token.lower() in _TITLES:
        return False
    return token.isupper() or not re.search(r"[aeiouy]", token.lower())


def defined_long_forms(searcher, token: str) -> tuple[tuple[str, ...], ...]:
    """Stems of the long forms papers give for the initials token ("JPC")."""
    from whoosh.query import And, Term

    stems = stems_of(token)
    if len(stems) != 1 or not searcher.doc_frequency("body", stems[0]):
        return ()
    letters = token.upper()
    found = []
    for docnum in _first_matches(searcher, And([Term("body", stems[0]), Term("kind", "para")]), DEFINITIONS_READ):
        long_form = long_form_before(searcher.stored_fields(docnum).get("body") or "", letters)
        form = tuple(stems_of(long_form or ""))
        if len(form) > 1 and form not in found:
            found.append(form)
    return tuple(found)


def _first_matches(searcher, query, limit: int) -> list[int]:
    """The first documents matching query, unscored: a common word ("SEND") has thousands."""
    matcher, found = query.matcher(searcher), []
    while matcher.is_active() and len(found) < limit:
        found.append(matcher.id())
        matcher.next()
    return found


def abbreviation_alternatives(searcher, question: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Question initials -> the long forms papers define for them, in the shape of the
    expansion tables: ("jpc",) -> (("joint", "polic", "committe"),)."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for token in dict.fromkeys(_WORD.findall(question)):
        if _looks_like_initials(token):
            forms = defined_long_forms(searcher, token)
            if forms:
                table[tuple(stems_of(token))] = forms
    return table
