"""Step 1a, what kind of answer a question wants, and whether a sentence holds one.

``question_type`` sorts a question by its wording (decision, amount, count,
date, who, reason, precedent, fact); ``expected_answer_score`` says whether a sentence
holds an answer of that kind (a sum of money for "how much", a date for
"when", a decision verb for "what was agreed"), with the who-question's
finer scoring of names beside the role asked about (``role_beside_name``,
``appointed_to_role``, ``who_answer_score``). The numbers a question itself
states (``stated_numbers``) are no answer to it.
"""

from __future__ import annotations

import re

from .language import stem_tokens, stems_of

# --- question types -----------------------------------------------------------------

_PRECEDENT = re.compile(
    r"\b(ever|previously|previous|earlier|before|in the past|taken a (?:position|view|stance)|position on|"
    r"stance on|view on|policy on|has there been|have there been|(?:has|have) any(?:one|body)?)\b",
    re.I,
)
_AMOUNT = re.compile(
    r"\b(how much|how many pounds|how big|how large|what (?:is|was|were|are) the (?:cost|price|"
    r"budget|amount|sum|value|figure|total|fee|grant|threshold|precept)|cost|costs|budget|"
    r"overspend|underspend|allocat\w*|funding|fund|grant|threshold|precept|spend|spent|"
    r"price|fee|fees|sum|amount|savings?|deficit|surplus|reserve|reserves|salary|pay|paid|charged?|"
    r"worth|council tax|band d|hourly rate)\b",
    re.I,
)
# A keyword search starting "Deadline for ..." asks for a date as "when" does.
_DATE = re.compile(r"^\s*(when|since when|by when|(?:the )?(?:deadline|closing date|start date|end date))\b|"
                   r"\b(what date|which date|which year|what year|"
                   r"how long ago|since when|what(?:'s|’s| is| was) the (?:deadline|closing date|start date|"
                   r"end date))\b", re.I)
# "Which Hertingfordbury parish councillor", "which firm": a person or a body is asked for, a
# few describing words (not a verb: "which schools did members visit") before the noun.
_WHO = re.compile(r"^\s*(who|whom|whose)\b|\b(which (?:(?!(?:did|do|does|was|were|is|are|has|have|had|will)\b)"
                  r"[\w'’-]+ ){0,3}?(?:councillors?|members?|officers?|person|people|cabinet member|director|"
                  r"firm|company|contractor|consultants?|organi[sz]ation|body|inspector|clerk|treasurer|chair(?:man|person)?)"
                  r"|who (?:is|was|chairs|leads))\b", re.I)
# A search typed as keywords, headed by a role: "Responsible officer for the impact
# assessment", "chair of the planning committee 2019", "portfolio holder for waste".
_WHO_KEYWORDS = re.compile(r"^\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:officers?|author|proposer|seconder|"
                           r"chair(?:man|person)?|clerk|lead|contact|portfolio holder|cabinet member)"
                           r"\s+(?:for|of|on|to|at)\b(?!.*\?\s*$)", re.I)
_DECISION = re.compile(
    r"\b(decide[ds]?|decision|agree[ds]?|approve[ds]?|approval|resolve[ds]?|resolution|"
    r"endorse[ds]?|outcome|vote[ds]?|voted|pass(?:ed)?|back(?:ed)?|support(?:ed)?|adopt(?:ed)?|"
    r"reject(?:ed)?|refuse[ds]?|accept(?:ed)?|opt(?:ed|s)?|cho(?:o?se|sen)|option|recommend(?:ed|s)?|"
    r"what happened (?:to|with|about)|(?:view|answer|response|reply) (?:on|to)|do (?:about|with)|"
    # "grant" the verb, of a permission rather than a sum: "will the council grant new licences"
    r"grant(?:s|ed|ing)? (?:\w+ ){0,2}(?:permission|licen[cs]es?|consent|easements?|leases?|extensions?|exemptions?|waivers?))\b",
    re.I,
)
# "Why did ...", "what was the reason for ...": the answer gives a cause or a purpose.
_REASON_ASKED = re.compile(r"^\s*(?:why|how come)\b|\b(?:what|which) (?:was |were |is |are )?(?:the )?(?:main )?"
                           r"reasons?\b|\bfor what reason\b|\bwhat (?:led|prompted|caused)\b|\breasons? (?:for|behind|why)\b",
                           re.I)
_YES_NO = re.compile(r"^\s*(did|was|were|is|are|has|have|does|do|will|can)\b", re.I)


# "What's the most they agreed to pay", "what did it cost": a sum is asked for,
# whatever verb of deciding comes with it.
_MONEY_ASKED = re.compile(r"\bwhat(?:'s|’s| is| was)? (?:the )?(?:most|maximum|least|minimum|highest|lowest)\b"
                          r"(?=.*\b(?:pay|paid|cost|costs|spend|spent|fee|price|charge|budget|grant|bid)\b)"
                          r"|\bwhat did (?:it|they|\w+) (?:cost|pay for)\b", re.I)


def _asks_a_decision(question: str) -> bool:
    """A decision word as the question's own verb: one capitalised inside the question is part
    of a name ("Revenue Support Grant", "Adoption Support Fund"), not what it asks about."""
    return any(match.start() == 0 or not match.group()[0].isupper() for match in _DECISION.finditer(question))


def question_type(question: str) -> str:
    """decision, amount, count, date, who, reason, precedent or fact, from the question's wording.

    A question behind a lead-in ("At the Executive meeting in July 2024: When
    ...?") is typed by the part after the colon, where its question word is.
    """
    question = question.rsplit(":", 1)[-1] if question.rstrip().endswith("?") else question
    if _WHO.search(question) or _WHO_KEYWORDS.search(question):
        return "who"
    if _DATE.search(question):
        return "date"
    if _REASON_ASKED.search(question):
        return "reason"
    if _PRECEDENT.search(question) and _YES_NO.search(question):
        return "precedent"
    if re.search(r"\b(how much|how big|how large|how many pounds)\b", question, re.I) or _MONEY_ASKED.search(question):
        return "amount"
    if re.search(r"\bhow (?:many|long|quickly|fast|often|far|old)\b|\bwhat (?:is|was|are|were)? ?the (?:number|percentage|proportion|"
                 r"ratio|rate|multiple|share)\b|\bwhat (?:number|percentage|proportion)\b", question, re.I):
        return "count"
    if _asks_a_decision(question):
        return "decision"
    if _AMOUNT.search(question):
        return "amount"
    if _YES_NO.search(question):
        return "decision"
    return "fact"


# --- answers of the expected type ---------------------------------------------------

_MONEY = re.compile(
    r"[£€$]\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|m|k|million|billion|thousand)?\b"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:pounds|euros|dollars|pence)\b"
    r"|\b\d+(?:\.\d+)?\s?(?:%|per ?cent)",
    re.I,
)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_NAMES = (r"Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|"
                r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
# An ordinal's ending; scanned agendas read a raised "th" as a quote mark or "™" ("26" June").
_ORDINAL = r"(?:st|nd|rd|th|[\"”™])?"
_DATE_VALUE = re.compile(
    rf"\b\d{{1,2}}{_ORDINAL}\s+{_MONTHS}\.?,?\s+\d{{4}}\b|\b{_MONTHS}\.?\s+\d{{4}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:in|since|from|by|until) (?:19|20)\d{2}\b"
    # "July 17, 2024" as North American papers write it; "Tuesday 14th July" or "July 17"
    # without the year, as minutes announce a meeting (month names capitalised there).
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?(?-i:{_MONTH_NAMES})\b"
    rf"|\b(?-i:{_MONTH_NAMES})\s+\d{{1,2}}{_ORDINAL}\b"
    r"|\bQ[1-4]\s+(?:of\s+)?(?:19|20)\d{2}\b"  # "available in Q3 2024"
    # A month on its own, as minutes write plans: "would be installed from April onwards".
    r"|\b(?:in|from|by|until|during|before|after|since|early|late|mid|end of)[- ](?-i:January|February|March|"
    r"April|June|July|August|September|October|November|December)\b",
    re.I,
)
_PERSON = re.compile(
    r"\b(?:Cllrs?\.?|Councillors?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+[A-Z][\w'’-]+"
    r"|\b(?:Chair(?:man|person)?|Vice[- ]Chair\w*|Cabinet Member|Portfolio Holder|Leader|Mayor|"
    r"Clerk|Chief Executive|Director|Monitoring Officer)\b"
    r"|\b(?:elected|appointed|nominated|proposed by|seconded by|called in by|call-in made by)\b"
)
_DECISION_VERB = re.compile(
    r"\b(?:resolved|agreed|approved|endorsed|noted|adopted|carried|lost|decided|declined|rejected|"
    r"refused|supported|accepted|unanimously|voted|not carried|does not require|agree|approve|"
    r"endorse|RESOLVED)\b",
    re.I,
)
_PRECEDENT_SIGNAL = re.compile(
    r"\b(?:motion|policy|oppose[ds]?|support(?:s|ed)?|position|resolved|agreed|debated|"
    r"considered|previously|adopted)\b",
    re.I,
)
# A sentence that points back to an earlier meeting's decision.
_EARLIER_DECISION = re.compile(
    r"\b(?:at (?:its|their|the) meeting (?:on|of|held)|previously (?:agreed|resolved|approved|decided)|"
    r"\(?minute\s+[A-Z]*/?\d+|was (?:agreed|approved|resolved|adopted) (?:in|on|at)|"
    r"(?:in|since) (?:19|20)\d{2}\b)",
    re.I,
)
# A cause or purpose stated: "because", "due to", "as traffic is considered too low",
# "to ensure", "unfortunately ... cannot", "not possible".
_REASON = re.compile(
    r"\b(?:because|due to|owing to|as a result|in order to|so that|so as to|reasons?|given that|"
    r"in (?:view|light) of|on the (?:grounds|basis)|since (?!\d)|"
    r"as (?:it|they|there|this|these|he|she|we|(?:the )?\w+ (?:is|are|was|were|has|had|would|will|could))|"
    r"to (?:ensure|allow|enable|avoid|prevent|reduce|protect|comply|meet|support)|unfortunately|regret|"
    r"(?:not|no longer) (?:possible|feasible|viable|eligible|permitted|allowed|sufficient|enough|required)|"
    r"unable to|cannot|can ?not|could not|would not|concerns?|risks?|too (?:low|high|small|large|"
    r"expensive|costly|few|many|late|early))\b",
    re.I,
)
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\b", re.I)

TYPE_PATTERNS = {
    "amount": (_MONEY,),
    "date": (_DATE_VALUE,),
    "who": (_PERSON,),
    "decision": (_DECISION_VERB,),
    "precedent": (_EARLIER_DECISION,),
    "count": (_NUMBER,),
    "reason": (_REASON,),
    "fact": (),
}
# Weaker signs of the expected kind of answer, worth half: a plain number for
# "how much", a decision verb for a precedent.
HALF_PATTERNS = {"amount": (_NUMBER,), "precedent": (_PRECEDENT_SIGNAL, _DECISION_VERB)}


# Two capitalised words in a row: a name without a title ("Willie Jones"), or
# just a capitalised phrase, hence half credit.
_NAME_PAIR = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? (?:[A-Z]'|O’)?[A-Z][a-z]+\b")


def expected_answer_score(qtype: str, sentence: str, given: frozenset[str] = frozenset(),
                          counted: frozenset[str] = frozenset()) -> float:
    """1.0 when the sentence holds an answer of the kind the question asks for, else 0
    (0.5 for a who-question's bare capitalised pair). Matches in given (the numbers
    the question itself states: "the 18 to 25 team") are no answer."""
    if qtype == "who":
        return who_answer_score(sentence, given)

    def found(pattern) -> bool:
        return any(_bare_number(m.group()) not in given for m in pattern.finditer(sentence))

    if qtype == "count" and counted:
        return count_answer_score(sentence, given, counted)
    if any(found(p) for p in TYPE_PATTERNS.get(qtype, ())):
        return 1.0
    if any(found(p) for p in HALF_PATTERNS.get(qtype, ())):
        return 0.5
    return 0.0


# A number in a date, a time, a sum or a reference counts nothing: "a Special Meeting
# on Thursday 1st February at 3pm" says when, not how many submissions came in.
_NOT_A_COUNT_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:{_MONTHS})\b|^(?:st|nd|rd|th)\b"
                                r"|^[:.]\d\d|^\s*(?:[ap]\.?m\b|hrs\b)|^[/-]\d", re.I)
_NOT_A_COUNT_BEFORE = re.compile(rf"(?:[£$€]|\b(?:{_MONTHS})\.?|\b(?:no|item|para(?:graph)?|section|page|"
                                 r"minute|r|ref|room|unit|version|phase|route)\.?)\s*$|[/-]$", re.I)
# The thing counted follows its number closely: "36 submissions", "20% of Kent children".
COUNTED_NEAR = 4
# A number of something else ("3 meetings" for "how many submissions") is a weaker answer.
OTHER_NUMBER_SCORE = 0.6


def count_answer_score(sentence: str, given: frozenset[str], counted: frozenset[str]) -> float:
    """1.0 for a number of the things counted ("36 submissions were received"),
    OTHER_NUMBER_SCORE for another number, 0 for the numbers of dates, times, sums and references."""
    best = 0.0
    for m in _NUMBER.finditer(sentence):
        if _bare_number(m.group()) in given or re.fullmatch(r"(?:19|20)\d\d", m.group()):
            continue
        before, after = sentence[max(0, m.start() - 12):m.start()], sentence[m.end():m.end() + 12]
        if _NOT_A_COUNT_AFTER.search(after) or _NOT_A_COUNT_BEFORE.search(before):
            continue
        following = {s for s, _, _ in stem_tokens(sentence[m.end():m.end() + 60])[:COUNTED_NEAR]}
        if following & counted:
            return 1.0
        best = OTHER_NUMBER_SCORE
    return best


_TITLED_NAME = re.compile(r"\b(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+"
                          r"((?:[A-Z]\.?\s?)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_ROLE_OR_CHOICE = re.compile(
    r"\b(?:Chair(?:man|person)?|Vice[- ]Chair\w*|Cabinet Member|Portfolio Holder|Leader|Mayor|"
    r"Clerk|Chief Executive|Director|Monitoring Officer|elected|appointed|nominated|co-opted|"
    r"proposed by|seconded by|called in by)\b")


# A role the question asks about, set beside a name: "Cllrs. Ann Lee (Chair), ...",
# "In the Chair: Cllr Ann Lee", "Mayor: Ann Lee". An attendance list says who chairs.
_ROLE_WORDS = ("chair", "chairman", "chairperson", "cathaoirleach", "mayor", "leader", "clerk",
               "treasurer", "secretary", "convener", "convenor", "president", "reeve",
               "proposer", "seconder", "mover")
# "Who put forward / moved the amendment?" asks for its proposer ("Proposer: Ann Lee").
_ROLE_ASKED_BY_VERB = {"propose": "proposer", "proposed": "proposer", "forward": "proposer",
                       "moved": "mover", "tabled": "proposer", "seconded": "seconder"}
_TITLE = r"(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+"
_ROLE_AFTER_NAME = re.compile(rf"\b{_TITLE}(?:[A-Z]\.?\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
                              r"\s*\(([A-Za-z][A-Za-z -]{1,25})\)")
_ROLE_BEFORE_NAME = re.compile(rf"\b([A-Za-z][A-Za-z -]{{1,25}}?)\s*[:–-]\s*({_TITLE})?"
                               r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_NOT_THE_ROLE = frozenset({"vice", "deputy", "acting", "assistant", "former", "ex", "outgoing"})


def role_beside_name(sentence: str, question_words: frozenset[str]) -> bool:
    """Whether the sentence sets a role the question asks about (a word of it) beside a
    person's name: "Cllrs. Lee (Chair)", "In the Chair: Cllr Ann Lee", "Chair - Ann Lee";
    not "Vice Chair: ...", "Chair - The meeting opened", "Report of the Chair: Planning"."""
    asked = {w for w in _ROLE_WORDS
             if w in question_words or w + "s" in question_words or w + "ed" in question_words}
    asked |= {role for verb, role in _ROLE_ASKED_BY_VERB.items() if verb in question_words}
    if asked & {"proposer", "mover"}:  # to move a motion is to propose it
        asked |= {"proposer", "mover"}
    if not asked:
        return False
    for match in _ROLE_AFTER_NAME.finditer(sentence):
        if _is_the_role(match.group(1), asked):
            return True
    for match in _overlapping(_ROLE_BEFORE_NAME, sentence):
        if _is_the_role(match.group(1), asked) and (match.group(2) or _is_person(match.group(3))):
            return True
    return False


def _overlapping(pattern, text: str):
    """Matches that may share words: in "Directorate: Finance Proposer: Ann Lee" the name
    the first match takes ("Finance Proposer") holds the role of the second."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.end(1) + 1


_NAME = r"(?:(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
# "employ Helen Ash (Chartered Accountant) as Internal Auditor", "appoint Ann Lee as Clerk".
# "introduced Tom Brindley as the newly appointed Clerk", "welcomed Ann Lee as the new Clerk".
_APPOINT_NAME_AS = re.compile(rf"\b(?:appoint|employ|elect|co-?opt|nominat|engag|select|introduc|welcom)\w*\s+({_NAME})"
                              r"(?:\s*\([^)]{0,60}\))?\s+as\s+(?:the\s+|its\s+|our\s+|their\s+|a\s+|an\s+)?"
                              r"([A-Za-z][A-Za-z -]{1,40})", re.I)
# "Dave Yemm is appointed the Mayor of ...", "Ann Lee was elected as Chair".
_NAME_APPOINTED = re.compile(rf"({_NAME})\s+(?:is|was|be|were|has been|had been)\s+(?:duly\s+|unanimously\s+)?"
                             r"(?:appointed|elected|co-?opted|nominated|selected|employed|engaged)\s+"
                             r"(?:as\s+)?(?:the\s+|its\s+|our\s+|a\s+|an\s+)?([A-Za-z][A-Za-z -]{1,40})")
# "the Secretary of State appointed Planning Inspector Joanne Burston": the role before the name.
_APPOINT_ROLE_NAME = re.compile(r"\b(?:appoint|employ|elect|co-?opt|nominat|engag|select)\w*\s+"
                                r"(?:the\s+|its\s+|our\s+|a\s+|an\s+|new\s+)*([A-Za-z][A-Za-z -]{1,40}?)\s+"
                                r"([A-Z][a-z][\w'’-]+\s+[A-Z][a-z][\w'’-]+)")


def appointed_to_role(sentence: str, question_words: frozenset[str]) -> bool:
    """Whether the sentence appoints a person to a role the question names ("Who did they take
    on as internal auditor?" / "employ Helen Ash as Internal Auditor")."""
    for pattern, name_group, role_group in ((_APPOINT_NAME_AS, 1, 2), (_NAME_APPOINTED, 1, 2),
                                            (_APPOINT_ROLE_NAME, 2, 1)):
        for match in pattern.finditer(sentence):
            role = [w for w in re.split(r"[\s-]+", match.group(role_group).lower()) if w]
            name = re.sub(r"^(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+", "", match.group(name_group))
            if _is_person(name) and any(_role_asked(word, question_words) for word in role[:3]) \
                    and not _NOT_THE_ROLE & set(role):
                return True
    return False


def _role_asked(word: str, question_words: frozenset[str]) -> bool:
    return len(word) > 3 and (word in question_words or word + "s" in question_words)


def _is_the_role(text: str, asked: set[str]) -> bool:
    words = re.split(r"[\s-]+", text.lower().strip())
    return bool(words) and words[-1] in asked and not _NOT_THE_ROLE & set(words)


# Capitalised words that are roles, bodies or calendar words rather than names.
_NOT_NAMES = frozenset(stems_of(
    "council councils county district parish community town city borough cabinet committee "
    "executive leader leaders member members chair chairman mayor cllr councillor councillors mr mrs "
    "clerk treasurer secretary deputy vice head manager chief position "
    "ms dr government minister department officer director report policy plan strategy motion "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday full annual general meeting agm "
    "budget the a what which who when how did has was is first second third last next new old"
))


def _is_person(name: str) -> bool:
    """Capitalised words that could be a name: no stopword ("The"), role or body ("Committee")."""
    stems = [stems_of(word) for word in name.split()]
    return all(st and st[0] not in _NOT_NAMES for st in stems)


# A role the question asks about beside a name beats any other name.
ROLE_NAME_SCORE = 1.2


def who_answer_score(sentence: str, question_words: frozenset[str] = frozenset()) -> float:
    """How surely a sentence names a person the question does not already name:
    ROLE_NAME_SCORE for a name beside the role asked about ("Cllr Lee (Chair)"),
    1.0 a titled name (Cllr Ann Lee), 0.75 a bare name (Ann Lee), 0.5 only a role
    or an appointment ("the Clerk", "was elected"), else 0."""
    if role_beside_name(sentence, question_words) or appointed_to_role(sentence, question_words):
        return ROLE_NAME_SCORE

    def new(name: str) -> bool:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        stems = [stems_of(w) for w in words]  # a stopword ("The Clerk") is no part of a name
        return any(w not in question_words for w in words) and all(
            st and st[0] not in _NOT_NAMES for st in stems)

    if any(new(m.group(1)) for m in _TITLED_NAME.finditer(sentence)):
        return 1.0
    if any(new(pair) for pair in _name_pairs(sentence)):
        return 0.75
    return 0.5 if _ROLE_OR_CHOICE.search(sentence) else 0.0


def _name_pairs(sentence: str):
    """Each two capitalised words in a row, overlapping: in "Responsible Officer Mike Gogarty"
    the pair after the label ("Mike Gogarty") counts, not only "Officer Mike"."""
    pos = 0
    while (match := _NAME_PAIR.search(sentence, pos)) is not None:
        yield match.group()
        pos = match.start() + match.group().index(" ") + 1


def _bare_number(text: str) -> str:
    """"£5,000 " -> "5000": a figure as the question and the paper may both write it."""
    return re.sub(r"[£€$,\s]", "", text.lower())


def stated_numbers(question: str) -> frozenset[str]:
    """The numbers a question states, bare (_bare_number)."""
    return frozenset(_bare_number(m.group()) for m in _NUMBER.finditer(question))
