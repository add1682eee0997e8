"""Step 1, read the question: its content terms and the hints where to look.

``read_question`` turns a question into a ``Reading``: its type (kinds.py),
its content words once question words are dropped, each weighted by its
rarity in the paragraphs and given its other spellings (compounds, financial
years, phrasings from the expansion tables, a possible typo), and the hints it
gives about where to look: a committee or council it names (and the
collections that council's papers are in), a year, month, season or period,
"latest", proper names. What is worked out from the index's contents alone is
kept per index version (``_searcher_attribute``), for later steps too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from .abbreviations import abbreviation_alternatives
from .kinds import _MONTHS, _NOT_NAMES, expected_answer_score, question_type, stated_numbers
from .language import _hyphen_parts, expansions, phrase_expansions, stems_of, year_span_forms

# Words that shape a question but never appear in its answer.
QUESTION_WORDS = frozenset(
    """what whats which who whom whose when where why how much many did does do done was
    were is are has have had ever any tell me please happen happened happens kind sort
    know anything something there s t can could would should will been being not no nor
    or and""".split()
)


@dataclass
class QuestionTerm:
    stem: str
    weight: float  # IDF in the paragraph bodies: rare words decide more
    alternatives: tuple[tuple[str, ...], ...] = ()
    # Single-word alternatives rare enough to search the whole index with ("takeover", "HWRC").
    rare_alternatives: tuple[str, ...] = ()
    # Other spellings of the very same word, which count in full: the compound the
    # question splits ("called in" -> call-in), a financial year written another way.
    spellings: tuple[str, ...] = ()
    # In no paper, but one letter from a word that is: perhaps a typo ("cuting").
    maybe_typo: bool = False
    # Long forms a paper defines for these initials ("Joint Policing Committee" for JPC):
    # specific enough to search the whole index with as phrases.
    defined_as: tuple[tuple[str, ...], ...] = ()


@dataclass
class Reading:
    """What ask() understood of a question."""

    question: str
    qtype: str
    terms: list[QuestionTerm]
    committee: str | None = None  # a committee named in the question
    councils: tuple[str, ...] = ()  # councils the question names ("Limerick", "KCC")
    council_stems: frozenset[str] = frozenset()  # the question's words that name them
    council_folders: frozenset[str] = frozenset()  # the collections those councils' papers are in
    # Council or collection -> the question's words naming it (a paper there need not repeat them).
    naming: dict[str, frozenset[str]] = field(default_factory=dict)
    year: str | None = None
    month: int | None = None
    recency: bool = False  # "latest", "most recent", "current"
    period: tuple[str, str] | None = None  # ISO first and last day of the time the question names
    names: list[str] = field(default_factory=list)  # stems of proper names ("Millbrook", "Gatwick")
    # Name stem -> initials of the capitalised run it is in ("revenu" -> {"RSG"} for
    # "Revenue Support Grant"): a paper that spells the name out once writes only these after.
    name_initials: dict[str, frozenset[str]] = field(default_factory=dict)
    full_council: bool = False  # "full Council": the meeting of the whole council
    # What the question states, so no answer to it: its numbers ("the 18 to 25 team"),
    # or for a who-question its words (the names it gives).
    stated: frozenset[str] = frozenset()
    counted: frozenset[str] = frozenset()  # what a "how many" question counts (its stems)

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.terms) or 1.0

    def answer_score(self, text: str) -> float:
        """expected_answer_score of text for this question, kept for the question: a
        paragraph is scored again once its neighbours join, and its quote checked after."""
        scores = self.__dict__.setdefault("_answer_scores", {})
        if text not in scores:
            scores[text] = expected_answer_score(self.qtype, text, self.stated, self.counted)
        return scores[text]

    @cached_property
    def match_plan(self) -> tuple:
        """Per term: its stem, its weight, the forms that count in full (the stem and its
        spellings) and, per other phrasing, the forms of each of its words; every form
        with its plural, as a paragraph's stems hold it before folding (scoring._fold):
        what scoring matches paragraphs against, thousands of times a question.
        (Terms are not changed once read.)"""
        return tuple((t.stem, t.weight, _with_plurals((t.stem, *t.spellings)),
                      tuple(tuple(_with_plurals((part,)) for part in alt) for alt in t.alternatives))
                     for t in self.terms)

    @property
    def council_share(self) -> float:
        """The share of the question's weight that the council it names gives."""
        return sum(t.weight for t in self.terms if t.stem in self.council_stems) / self.total_weight


def _with_plurals(forms) -> frozenset[str]:
    """forms, and each with an "s" where _fold would strip one ("hwrcs" -> "hwrc")."""
    return frozenset(forms) | frozenset(form + "s" for form in forms if len(form) > 2)


_MONTH_NUMBER = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_RECENCY = re.compile(r"\b(latest|most recent|most recently|last|current|currently|now|"
                      r"at the moment|this year|newest)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b(?![-/]\d)")  # "2025", not "2024-25" (a financial year)


_HOW_MEASURE = re.compile(r"\bhow (?:long|quickly|fast|often|far|old|big|large)\b", re.I)


# Parts of a year a question may name before it: "early 2024", "autumn 2024".
_PARTS = r"early|mid|late|spring|summer|autumn|fall|winter"
_OPEN_TIME = re.compile(rf"\b(?:since|after|before|until|till|prior to)\s+(?:the\s+)?(?:(?:early|mid|late)[- ])?"
                        rf"(?:{_MONTHS}\.?\s+)?(?:19|20)\d{{2}}\b(?![-/]\d)", re.I)


def content_words(question: str) -> str:
    """The question with its question words and recency phrases blanked out."""
    question = _RECENCY.sub(lambda m: " " * len(m.group()), question)
    # "since mid-2020": a period (question_period), open-ended, so no paper need hold its words.
    question = _OPEN_TIME.sub(lambda m: " " * len(m.group()), question)
    # "mid-2020", "in early 2024": part of the period, not a word a paper need hold.
    question = re.sub(rf"\b(?:{_PARTS})[- ](?:of\s+)?(?=(?:19|20)\d{{2}}\b)", lambda m: " " * len(m.group()),
                      question, flags=re.I)
    # "how long", "how big": the shape of the answer (a number), not its topic.
    question = _HOW_MEASURE.sub(lambda m: " " * len(m.group()), question)
    return re.sub(r"[A-Za-z]+", lambda m: " " * len(m.group()) if m.group().lower() in QUESTION_WORDS
                  else m.group(), question)


def committee_named(question: str, committees: list[str]) -> str | None:
    """The longest indexed committee name written in the question, if any."""
    lowered = " " + re.sub(r"\s+", " ", question.lower()) + " "
    found = [c for c in committees if c and len(c) > 3 and f" {c.lower()}" in lowered]
    return max(found, key=len) if found else None


# Words that say what kind of answer is wanted rather than what it is about:
# they are searched (with their paper phrasings) but weigh little in coverage,
# since "decide" rarely appears in the minute that records the decision.
TYPE_WORDS = frozenset(stems_of(
    "decide decided decision decisions outcome agree agreed approve approved approval resolve "
    "resolved vote voted pass passed back backed happen result reason reasons"
) + stems_of(
    # How people phrase a question, not what it is about: rare in papers, so by
    # IDF alone "supposed" and "keep" would outweigh "general reserve".
    "suppose supposed supposedly keep keeps kept go goes going gone went get gets got getting "
    "say says said tell told come came put mean means want wanted exactly actually really "
    "still also usually normally meant anyone anybody someone somebody"
))


# Question words at least this rare (IDF over paragraph bodies) have their
# single-word phrasings searched index-wide (QuestionTerm.rare_alternatives),
# and retrieval searches each of the RARE_TERMS rarest on its own.
RARE_WEIGHT = 4.0


def read_question(searcher, question: str) -> Reading:
    qtype = question_type(question)
    # doc_count_all, as doc_frequency counts deleted documents too until a merge.
    body_docs = max(searcher.doc_count_all(), 1)
    stems, terms, seen = stems_of(content_words(question)), [], set()
    table = expansions()
    compounds = compound_forms(searcher, content_words(question))
    for s in stems:
        if s in seen:
            continue
        seen.add(s)
        weight = _idf(searcher, s, body_docs) * (0.3 if s in TYPE_WORDS else 1.0)
        hyphen_forms = _hyphen_parts(s)
        # A hyphenated form is rare whatever its topic ("called-in"); weigh it as
        # its usual spelling ("call-in") so it does not outweigh the whole question.
        # Or as its words written apart ("litter-picking" / "litter picking"): as rare as
        # the rarer of them.
        weight = min([weight] + [max(_idf(searcher, part, body_docs) for part in alt)
                                 for alt in hyphen_forms])
        spellings = tuple(a[0] for a in compounds.get(s, ()) + year_span_forms(s)) + prefix_forms(searcher, s)
        alternatives = table.get(s, ()) + hyphen_forms + tuple((form,) for form in spellings)
        rare = tuple(a[0] for a in alternatives
                     if len(a) == 1 and _idf(searcher, a[0], body_docs) >= RARE_WEIGHT)
        terms.append(QuestionTerm(s, weight, alternatives, rare, spellings))
    _add_phrase_alternatives(searcher, terms, stems, body_docs)
    for term in terms:
        term.maybe_typo = _maybe_typo(searcher, term)
    reading = Reading(question, qtype, terms)
    reading.committee = committee_named(question, _committees(searcher))
    reading.councils, reading.council_stems = councils_named(
        question, _councils(searcher), lambda council, stem: is_councils_own_word(searcher, council, stem))
    _add_abbreviations(searcher, terms, question, body_docs, reading.council_stems)
    reading.council_folders = council_folders(searcher, reading.councils)
    reading.naming = _naming_words(searcher, reading)
    years = _YEAR.findall(question)
    reading.year = years[-1] if years else None
    month = re.search(rf"\b({_MONTHS})\b\.?\s*(?:(?:19|20)\d{{2}})?", question, re.I)
    if month and reading.year:
        reading.month = _MONTH_NUMBER.get(month.group(1)[:3].lower())
    reading.recency = bool(_RECENCY.search(question))
    reading.period = question_period(question)
    reading.names = proper_names(question)
    # A council named in lower case ("new homes bonus for kent") is a name all the same.
    reading.names += [s for s in sorted(reading.council_stems) if s not in reading.names]
    reading.name_initials = name_initials(question)
    reading.full_council = bool(re.search(r"\bfull council\b", question, re.I))
    reading.stated = stated_numbers(question)
    reading.counted = counted_stems(question) if qtype == "count" else frozenset()
    if qtype == "who":  # names the question already gives are no answer to "who"
        reading.stated = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", question))
    return reading


_COUNTED = re.compile(r"\b(?:how many|number of)\s+((?:[\w'’-]+\s*){0,3})", re.I)
_NOT_COUNTED = frozenset("""of in on at for to by from with was were is are did do does has have had will
    would can could should the a an there their its it they we came come""".split())


def counted_stems(question: str) -> frozenset[str]:
    """What a "how many" question counts: up to two words after it, before its verb
    ("How many extra forms of entry …" -> extra, form)."""
    m = _COUNTED.search(question)
    if not m:
        return frozenset()
    words = []
    for word in m.group(1).split():
        if word.lower() in _NOT_COUNTED:
            break
        words.append(word)
    return frozenset(stems_of(" ".join(words[:2])))


def _in_some_paper(searcher, term: QuestionTerm) -> bool:
    """Whether some paper's text, title or heading holds the word or a one-word phrasing of it."""
    forms = (term.stem, *term.spellings, *(alt[0] for alt in term.alternatives if len(alt) == 1))
    return any(searcher.doc_frequency(name, form) for name in ("body", "title", "heading") for form in forms)


def _maybe_typo(searcher, term: QuestionTerm) -> bool:
    """A word no paper holds in any spelling, a letter missed, doubled or swapped from one
    that some paper does ("cuting"). A letter changed makes another real word too often
    ("skate" / "state") to be taken for a slip."""
    from ..search import terms_within

    if _in_some_paper(searcher, term):
        return False
    try:
        near = terms_within(searcher.reader(), term.stem, 1, 1)  # slips keep the first letter
    except Exception:  # a reader that cannot list near terms: take it as no typo
        return False
    return any(len(word) != len(term.stem) or sorted(word) == sorted(term.stem) for word in near)


# What the tokeniser leaves of a contraction ("doesn't" -> "doesn"): no topic.
_CONTRACTION_STUBS = frozenset(stems_of(
    "doesn isn wasn didn don hasn haven aren weren couldn shouldn wouldn hadn mustn needn shan"))


def unknown_words(searcher, reading: Reading) -> list[str]:
    """The question's words that no paper holds in any spelling or phrasing the reading knows
    ("tram", "glyphosate"), as the question writes them. Not a slip of a word the papers hold
    (maybe_typo), a hyphenated compound (its parts may be there), a number, or a word that
    only asks for a decision."""
    unknown = set()
    for term in reading.terms:
        if (term.stem in TYPE_WORDS or term.maybe_typo or "-" in term.stem or term.stem in _CONTRACTION_STUBS
                or any(ch.isdigit() for ch in term.stem)):
            continue
        if _in_some_paper(searcher, term) or any(all(searcher.doc_frequency("body", part) for part in alt)
                                                 for alt in term.alternatives if len(alt) > 1):
            continue
        unknown.add(term.stem)
    words = dict.fromkeys(re.sub(r"['’]s$", "", word) for word in re.findall(r"[\w'’]+", reading.question))
    return [word for word in words if set(stems_of(word)) & unknown]


def _add_phrase_alternatives(searcher, terms: list[QuestionTerm], stems: tuple[str, ...], doc_count: int) -> None:
    """A phrase of the question with another phrasing ("breathing apparatus" / "SCBA")
    gives it to each of its words: a paper writing "SCBA" holds both."""
    by_stem = {t.stem: t for t in terms}
    for phrase, alternatives in phrase_expansions().items():
        width = len(phrase)
        if not any(stems[i:i + width] == phrase for i in range(len(stems) - width + 1)):
            continue
        _give_alternatives(searcher, [by_stem.get(stem) for stem in phrase], alternatives, doc_count)


def _add_abbreviations(searcher, terms: list[QuestionTerm], question: str, doc_count: int,
                       council_stems: frozenset[str]) -> None:
    """Initials and their long forms as the papers define them ("JPC" / "Joint Policing
    Committee"): each word of the one is also written as the other. Not a council's own
    name ("Wye Valley Community Council" / "WVCC"): the council's papers answer for it anyway."""
    by_stem = {t.stem: t for t in terms}
    for phrase, alternatives in abbreviation_alternatives(searcher, question).items():
        if set(phrase) & council_stems:
            continue
        for stem in phrase:
            if stem in by_stem:
                by_stem[stem].defined_as += alternatives
        _give_alternatives(searcher, [by_stem.get(stem) for stem in phrase], alternatives, doc_count)


def _give_alternatives(searcher, terms, alternatives, doc_count: int) -> None:
    for term in terms:
        if term is None:
            continue
        new = tuple(alt for alt in alternatives if alt not in term.alternatives)
        term.alternatives += new
        term.rare_alternatives += tuple(alt[0] for alt in new if len(alt) == 1
                                        and _idf(searcher, alt[0], doc_count) >= RARE_WEIGHT)


# "2024/25", "2024-25": a financial year.
_FINANCIAL_YEAR = re.compile(r"\b(?:19|20)\d{2}\s*[/-]\s*(?:(?:19|20)?\d{2})\b")
# "the 2024 budget", "precept for 2019": the year the money is for, set in the
# months before it; the meeting that set it is not dated in that year.
_BUDGET_YEAR = re.compile(r"\b(?:19|20)\d{2}\s+(?:budget|precept|estimates?|accounts)\b"
                          r"|\b(?:budget|precept|estimates?)\s+(?:for\s+)?(?:19|20)\d{2}\b", re.I)
# A budget, precept or council tax set (agreed, approved) for a financial year.
_SETTING = r"\b(?:set|sets|setting|agreed?|agreeing|approved?|approving|fixed?|fixing)\b"
_BUDGET_WORD = r"\b(?:precept|budget|council tax|band d)\b"
# The verb next to the budget word ("set a precept", "budget was agreed"), not anywhere.
_SETTING_FOR_YEAR = re.compile(rf"{_SETTING}(?:\s+\S+){{0,3}}?\s+{_BUDGET_WORD}"
                               rf"|{_BUDGET_WORD}(?:\s+\S+){{0,3}}?\s+{_SETTING}", re.I)
# Spending against a budget is written about all through its year, not before it.
_SPENDING = re.compile(r"\b(?:outturn|monitoring|spen[dt]|spending|compared?|overspend|underspend|"
                       r"forecast|variance|approved budget)\b", re.I)
SETTING_FROM = "10-01"  # budgets are drafted from the autumn before
_PART_OF_YEAR = {"early": ("01-01", "04-30"), "mid": ("04-01", "09-30"), "late": ("09-01", "12-31"),
                 "spring": ("03-01", "05-31"), "summer": ("06-01", "08-31"), "autumn": ("09-01", "11-30"),
                 "fall": ("09-01", "11-30"), "winter": ("12-01", "12-31")}  # winter: to the February after
_OPEN_AFTER = re.compile(r"\b(?:since|after|from)\s+(?:the\s+)?$", re.I)
_OPEN_BEFORE = re.compile(r"\b(?:before|until|till|prior to|by)\s+(?:the\s+)?$", re.I)


# A year with the part of it named ("mid-2020", "early 2019"); not "2024-25" (a financial year).
_TIME_YEAR = re.compile(rf"\b(?:({_PARTS})[- ](?:of\s+)?)?((?:19|20)\d{{2}})\b(?![-/]\d)", re.I)
# A year that names a law rather than a time: "the 2021 Welsh elections act", "the Localism Act 2011".
_LAW = r"(?:act|acts|regulations|order|bill|directive)"
_LAW_AFTER = re.compile(rf"^(?:\s+[\w()&'’-]+){{0,3}}?\s+{_LAW}\b", re.I)
_LAW_BEFORE = re.compile(rf"\b{_LAW}\s*,?\s*$", re.I)


def _year_of_time(question: str):
    """The first year in the question that says when (with its part: "mid-2020"), not one naming a law."""
    for match in _TIME_YEAR.finditer(question):
        if not (_LAW_AFTER.match(question[match.end():match.end() + 40])
                or _LAW_BEFORE.search(question[:match.start()])):
            return match
    return None


def question_period(question: str) -> tuple[str, str] | None:
    """(first day, last day), ISO, of the time a question names: "in January 2025",
    "mid-2020", "2019"; "since"/"after" leave it open to the future, "before"/"until"
    to the past. None when it names no time, or only a financial year ("2024/25")."""
    match = re.search(rf"\b({_MONTHS})\.?,?\s+((?:19|20)\d{{2}})\b", question, re.I)
    if match:
        year, month = match.group(2), _MONTH_NUMBER[match.group(1)[:3].lower()]
        start, end = f"{year}-{month:02d}-01", f"{year}-{month:02d}-31"
    elif ((fy := _FINANCIAL_YEAR.search(question)) and _SETTING_FOR_YEAR.search(question)
          and not _SPENDING.search(question)):
        # "What precept did they set for 2018/19?": set in the months before the year
        # begins (April in the UK), not dated in it.
        year = int(fy.group()[:4])
        return f"{year - 1}-{SETTING_FROM}", f"{year}-03-31"
    elif _FINANCIAL_YEAR.search(question) or _BUDGET_YEAR.search(question):
        # A financial year is written about from the budget a year before it to the
        # accounts a year after: no sharper than no date at all (measured: a boost for
        # papers inside it lost 9 of 12 demo questions naming one).
        return None
    elif match := _year_of_time(question):
        year, part = match.group(2), (match.group(1) or "").lower()
        first, last = _PART_OF_YEAR.get(part, ("01-01", "12-31"))
        start, end = f"{year}-{first}", f"{year}-{last}"
        if part == "winter":
            end = f"{int(year) + 1}-02-31"  # dates compare as text: 29 February too
    else:
        return None
    before = question[:match.start()]
    if _OPEN_AFTER.search(before):
        return start, "9999-12-31"
    if _OPEN_BEFORE.search(before):
        return "0000-01-01", end
    return start, end


def compound_forms(searcher, question: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Stem of a question word -> the hyphenated compounds it opens or closes that the papers use.

    Papers write "call-in", "drop-in", "post-van" as one index word; a
    question says "called in" or "post van", whose words alone miss it.
    """
    words = re.findall(r"[A-Za-z]+", question)
    out: dict[str, set[tuple[str, ...]]] = {}
    for first, second in zip(words, words[1:]):
        head = stems_of(first)
        if not head:
            continue
        tail = (stems_of(second) or (second.lower(),))[0]
        for compound in {f"{head[0]}-{tail}", *stems_of(f"{first}-{second}")}:
            if "-" in compound and searcher.doc_frequency("body", compound) > 0:
                out.setdefault(head[0], set()).add((compound,))
                if stems_of(second):  # the second word is in the compound too ("in" is no word of its own)
                    out.setdefault(tail, set()).add((compound,))
    return {stem: tuple(sorted(forms)) for stem, forms in out.items()}


# Prefixes papers write either way: "reopen" / "re-open", "reelect" / "re-elect".
_PREFIXES = ("re", "co", "pre", "non", "sub", "multi", "inter", "semi", "anti")


def prefix_forms(searcher, stem: str) -> tuple[str, ...]:
    """The same word with its prefix written the other way, as the papers hold it: a
    question's "reopen" is a minute's "re-opened", and its "re-elect" a "reelected"."""
    if "-" in stem:
        head, _, rest = stem.partition("-")
        forms = [head + rest] if head in _PREFIXES else []
    else:
        forms = [f"{p}-{stem[len(p):]}" for p in _PREFIXES if stem.startswith(p) and len(stem) - len(p) >= 3]
    return tuple(form for form in forms if searcher.doc_frequency("body", form))


# The kind of place a name ends in ("O'Curry Street", "Abbey Hotel"): the paper may write it
# another way ("O'Curry St", "the former hotel"), so only the name's own word must be there.
_PLACE_WORDS = frozenset(stems_of(
    "street road lane avenue way drive close park bridge hall centre center house church chapel "
    "school library station hotel green square place court terrace"))


def proper_names(question: str) -> list[str]:
    """Stems of the names in a question: capitalised words not opening it, nor roles/bodies,
    nor the kind of place a name ends in.

    A name is a hard constraint: an answer about Kent does not answer a
    question about Bristol, however many other words match.
    """
    names = []
    # "O'Malley", "D'Arcy" whole; "Kent's" without its possessive.
    for match in re.finditer(r"(?<![.?!]\s)(?<!^)\b((?:[A-Z]['’])?[A-Z][a-z][\w'’-]*)", question.strip()):
        for s in stems_of(re.sub(r"['’]s$", "", match.group(1))):
            if s not in _NOT_NAMES and s not in _PLACE_WORDS and s not in names:
                names.append(s)
    return names


_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:(?:of|and|for|the)\s+)?[A-Z][a-z][\w'’-]*)+")
_RUN_LINK_WORDS = frozenset("of and for the".split())


def _name_runs(question: str):
    """The runs of capitalised words, without the question's opening word ("What", "Has") and
    split after a possessive ("Kent's | Governance and Audit Committee")."""
    for run in _CAPITALISED_RUN.finditer(question.strip()):
        words = run.group().split()
        if run.start() == 0:
            words = words[1:]
        while words and words[0].lower() in _RUN_LINK_WORDS:
            words = words[1:]
        current: list[str] = []
        for word in words:
            current.append(word)
            if re.search(r"['’]s$", word):
                yield current
                current = []
        if current:
            yield current


def name_initials(question: str) -> dict[str, frozenset[str]]:
    """Each name stem in a run of two to five capitalised words -> the run's initials, with and
    without its small words ("Department for Education": DE, DFE)."""
    table: dict[str, set[str]] = {}
    for words in _name_runs(question):
        if not 2 <= len(words) <= 5:
            continue
        forms = {"".join(w[0] for w in words if w.lower() not in _RUN_LINK_WORDS).upper(),
                 "".join(w[0] for w in words).upper()}
        for word in words:
            for stem in stems_of(re.sub(r"['’]s$", "", word)):
                table.setdefault(stem, set()).update(f for f in forms if len(f) >= 2)
    return {stem: frozenset(forms) for stem, forms in table.items()}


def _idf(searcher, stem: str, doc_count: int) -> float:
    """BM25-style IDF over paragraph bodies, floored so common words still count a little."""
    freq = searcher.doc_frequency("body", stem)
    return max(math.log(1 + (doc_count - freq + 0.5) / (freq + 0.5)), 0.1)


def _field_values(searcher, name: str) -> list[str]:
    try:
        return [v.decode("utf-8") if isinstance(v, bytes) else v for v in searcher.lexicon(name)]
    except Exception:  # an index without the field: no hints from it
        return []


def _committees(searcher) -> list[str]:
    return _field_values(searcher, "committee")


def _councils(searcher) -> list[str]:
    return _searcher_attribute(searcher, "_councilsearch_councils", lambda: _field_values(searcher, "council"))


# Words every kind of council has in its name: they name no council in particular.
_COUNCIL_KIND_WORDS = frozenset(stems_of(
    "council councils county city borough district parish community town township village "
    "metropolitan municipal municipality regional region unitary of and the "
    "north south east west mid central upper lower great little new old st saint royal"))


def council_signs(council: str) -> tuple[frozenset[str], str]:
    """The stems that name council in a question ("limerick"), and its initials ("kcc")."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", council)
    initials = "".join(w[0] for w in words if w.lower() not in ("of", "and", "the")).lower()
    own = frozenset(stems_of(" ".join(words))) - _COUNCIL_KIND_WORDS
    return own, (initials if len(initials) >= 3 else "")


# A council with at least this share of a collection's papers is that collection's
# council, under another name (renamed: "Tintern Community Council" became "Wye
# Valley Community Council"); one letter from a neighbouring council is not.
FOLDER_SHARE = 0.1


def council_folders(searcher, councils) -> frozenset[str]:
    """The collections (source folders) whose own council, by any of its names, is one of councils."""
    if not councils:
        return frozenset()
    shares = _searcher_attribute(searcher, "_councilsearch_council_shares", lambda: _council_shares(searcher))
    return frozenset(folder for (council, folder), share in shares.items()
                     if council in councils and share >= FOLDER_SHARE)


def _naming_words(searcher, reading: Reading) -> dict[str, frozenset[str]]:
    """Each named council, and each collection it is the council of, -> the question's words
    that name it: "Kent and Limerick" excuses a Kent paper from "Kent" only."""
    naming: dict[str, frozenset[str]] = {}
    for council in reading.councils:
        words = council_signs(council)[0] & reading.council_stems
        naming[council] = naming.get(council, frozenset()) | words
        for folder in council_folders(searcher, (council,)):
            naming[folder] = naming.get(folder, frozenset()) | words
    return naming


def _council_shares(searcher) -> dict[tuple[str, str], float]:
    """(council, source folder) -> that council's share of the folder's papers."""
    from collections import Counter

    try:
        reader = searcher.reader()
        council, folder = reader.column_reader("council"), reader.column_reader("source_folder")
        pairs = Counter((council[n], folder[n]) for n in _paper_docnums(searcher))
    except Exception:  # an index without those columns: no collections known
        return {}
    totals = Counter()
    for (_, name), count in pairs.items():
        totals[name] += count
    return {(c, name): count / totals[name] for (c, name), count in pairs.items() if name}


def councils_named(question: str, councils: list[str],
                   is_own_word=None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The indexed councils the question names by a word of their own ("Has Kent ever...",
    "Govan CC") or by initials ("KCC"), and the question's stems that name them.

    A word typed in lower case ("for kent next year") names a council only when
    is_own_word(council, stem) says the word is that council's own, not any council's
    ("reading")."""
    asked = set(stems_of(" ".join(_capitalised_names(question))))
    typed = set(stems_of(question))
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", question)}  # "KCC", written so
    named, stems = [], set()
    for council in councils:
        own, initials = council_signs(council)
        # Every word of its own: "Valley Road" does not name Wye Valley.
        if ((own and own <= asked) or (initials and initials in acronyms)
                or (own and own <= typed and is_own_word
                    and all(is_own_word(council, s) for s in own - asked))):
            named.append(council)
            stems |= own
    return tuple(named), frozenset(stems)


# A word is a council's own when at least this share of the papers holding it are that
# council's: "kent" is mostly in Kent's papers, "reading" in every council's.
OWN_WORD_SHARE = 0.5


def is_councils_own_word(searcher, council: str, stem: str) -> bool:
    """Whether most of the indexed papers holding stem are council's (or its collections')."""
    cache = _searcher_attribute(searcher, "_councilsearch_own_words", dict)
    key = (council, stem)
    if key not in cache:
        cache[key] = _own_word_share(searcher, council, stem) >= OWN_WORD_SHARE
    return cache[key]


def _own_word_share(searcher, council: str, stem: str) -> float:
    from whoosh.query import Term

    papers = _paper_docnums(searcher)
    holding = [n for n in searcher.docs_for_query(Term("body", stem)) if n in papers]
    if not holding:
        return 0.0
    folders = council_folders(searcher, (council,))
    try:
        reader = searcher.reader()
        councils, sources = reader.column_reader("council"), reader.column_reader("source_folder")
    except Exception:  # an index without those columns: no council's own words known
        return 0.0
    own = sum(1 for n in holding if councils[n] == council or sources[n] in folders)
    return own / len(holding)


def _capitalised_names(question: str) -> list[str]:
    """The capitalised words of a question, the opening one only when it reads as a name
    ("Kent's", "Limerick City Council"), not as a sentence's first word ("Reading the...")."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", question))
    out = []
    for k, match in enumerate(words):
        word = match.group()
        if not word[0].isupper():
            continue
        if k == 0:
            following = words[1].group() if len(words) > 1 else ""
            if not (re.search(r"['’]s$", word) or following[:1].isupper()):
                continue
        out.append(re.sub(r"['’]s$", "", word))
    return out


def paragraphs_at(searcher, places, **restriction):
    """The stored paragraphs at places, (paper id, ordinal) pairs, in one query: a paper id's
    postings are short, so this reads little of the index (neighbours, headers, what follows)."""
    from whoosh.query import And, Or, Term

    places = sorted(places)
    if not places:
        return []
    query = Or([And([Term("paper_id", pid), Term("ordinal", n)]) for pid, n in places])
    return [hit for hit in searcher.search(query, limit=len(places), **restriction)]


# --- what the index holds, kept per index version ------------------------------------


def _paper_docnums(searcher):
    """Document numbers of the paper documents, worked out once per index version.

    Paragraph searches mask these out; as a query, the mask would be rebuilt
    on every search (about 0.1 s at 10,000 papers).
    """
    from whoosh.idsets import BitSet
    from whoosh.query import Term

    return _searcher_attribute(searcher, "_councilsearch_paper_docnums", lambda: BitSet(
        searcher.docs_for_query(Term("kind", "paper")), size=searcher.doc_count_all()))


# What is worked out from an index's contents alone (the paper documents, the councils,
# filter sets) is kept for the next searcher of the same index version too: the web
# front end opens a searcher per request.
_INDEX_CACHE: dict = {}
_INDEX_CACHE_SIZE = 32


def _index_version(searcher):
    """Identifies the index contents a searcher reads: its segments and live documents."""
    try:
        reader = searcher.reader()
        return (tuple(leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()), reader.doc_count())
    except Exception:  # a reader without segments (in memory, or another type): not shared
        return None


def _searcher_attribute(searcher, name: str, make):
    """A cache for one index version, kept on the searcher and shared with later searchers."""
    value = getattr(searcher, name, None)
    if value is not None:
        return value
    version = _index_version(searcher)
    key = (name, version) if version is not None else None
    value = _INDEX_CACHE.get(key) if key else None
    if value is None:
        value = make()
        if key:
            if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
                _INDEX_CACHE.clear()
            _INDEX_CACHE[key] = value
    try:
        setattr(searcher, name, value)
    except AttributeError:
        pass
    return value
