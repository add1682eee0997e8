"""Turning a meeting's business into papers: reports, agendas, minutes, decision notices,
appendices and the occasional exempt (Part II) report, each as a PaperSpec.

The minutes take up each report's recommendations under a minute number; what was
resolved is remembered so that a later report on the same matter can recall it.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from . import names
from .council import PORTFOLIOS, Council, Meeting
from .prose import Context, ReportContent, long_date, month_year
from .spec import Block, PaperSpec, Question

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EXEMPT_PARAGRAPH = "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"


def slugify(text: str, limit: int = 48) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


def day_name(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {long_date(d)}"


def councillor(name: str) -> str:
    return f"Councillor {name}"


def email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@harrowmere.example"


def folder(meeting: Meeting) -> str:
    return f"{names.COUNCIL_SLUG}/{meeting.committee.slug}/{meeting.date.isoformat()}"


class MeetingBusiness:
    """One meeting: its reports (with the items they are) and what happened to them."""

    def __init__(self, council: Council, meeting: Meeting, rng: random.Random):
        self.council = council
        self.meeting = meeting
        self.rng = rng
        self.items: list[tuple[str, ReportContent]] = []  # (agenda item number, content)
        self.outcomes: dict[str, tuple[str, list[str]]] = {}  # item -> (minute no, resolutions)

    @property
    def body(self) -> str:
        return self.meeting.committee.name

    @property
    def portfolio_holders(self) -> dict[str, str]:
        return self.council.portfolios[self.meeting.municipal_year]


# --- reports -------------------------------------------------------------------------

def report_spec(biz: MeetingBusiness, item: str, content: ReportContent, fmt: str) -> PaperSpec:
    r, meeting, council = biz.rng, biz.meeting, biz.council
    author = council.officers[content.author_role]
    director_role = council.director_of(content.author_role)
    holder = None
    if content.portfolio and meeting.committee.key in ("EX", "CO"):
        holder = biz.portfolio_holders[content.portfolio]
    style = "plain" if fmt != "pdf" else r.choice(("table", "table", "memo"))
    status = "Exempt" if content.exempt else "Open"
    classification = "Exempt" if content.exempt else ("Unrestricted" if style == "memo" else "Open")
    holders = [holder] if holder else []
    holder_text = holder_title(holder, content.portfolio) if holder else ""
    finance = biz.portfolio_holders[PORTFOLIOS[1]]
    if style == "memo" and holder and content.kind in ("scheme", "contract") and finance != holder and r.random() < 0.3:
        holders.append(finance)  # a joint report: the finance portfolio holder signs too
        holder_text += "\n" + holder_title(finance, PORTFOLIOS[1])
    header = header_fields(style, biz, item, content, author, director_role, holder_text, status, classification,
                           r.choice(DATE_STYLES))

    blocks: list[Block] = []
    if content.exempt:
        blocks.append(Block("banner", f"NOT FOR PUBLICATION by virtue of {EXEMPT_PARAGRAPH}. "
                                      "Information relating to the financial or business affairs of any particular person."))
    blocks.append(Block("title", content.title))
    rec_style = "imperative" if style == "memo" else "that"
    recs = [rec.as_recommendation(biz.body, rec_style) for rec in content.recs]
    section = 0
    if style == "memo":  # recommendations up front, lettered
        blocks.append(Block("text", f"Summary: {content.purpose}"))
        blocks.append(Block("heading", f"Recommendation{'s' if len(recs) > 1 else ''}:"))
        blocks.append(Block("text", f"The {biz.body} is asked to:"))
        for i, text in enumerate(recs):
            blocks.append(Block("para", text, f"{chr(97 + i)})", para_kind="recommendation",
                                heading="Recommendations", keep=True))
    if style == "table":  # the corporate aims box some councils print under the header
        aim = r.choice(PRIORITIES)
        blocks.append(Block("heading", "Relevant Corporate Aims"))
        blocks.append(Block("text", f"{aim.upper()} – {r.choice(AIM_GLOSSES).format(aim=aim)}"))
    sections = [("Purpose of the Report", [(content.purpose, False)])] + with_context(r, content.sections, meeting)
    if style != "memo":
        sections.append(("Recommendations", [(t, True) for t in recs]))
    for heading, paras in sections:
        section += 1
        blocks.append(Block("heading", heading, str(section)))
        for n, (text, keep) in enumerate(paras, 1):
            kind = "recommendation" if heading == "Recommendations" else "text"
            blocks.append(Block("para", text, f"{section}.{n}", para_kind=kind, heading=heading,
                                section=str(section), keep=keep))
    if content.appendix:
        blocks.append(Block("heading", "Appendices"))
        blocks.append(Block("text", f"Appendix A – {content.appendix[0]}"))
    blocks.append(Block("heading", "Background Papers"))
    blocks.append(Block("text", r.choice(("None.", "Files held by the report author.",
                                            "Held in the Democratic Services office and available on request."))))
    blocks.append(Block("text", f"Contact Officer: {author}, {content.author_role}. Telephone 01632 960{r.randint(100, 999)}. "
                                f"Email: {email(author)}"))

    questions = list(content.questions)
    if holder and r.random() < 0.7:
        questions.append(Question(
            "who", r.choice((f"Who was the portfolio holder responsible for {content.subject} when it went to the {biz.body} in {month_year(meeting.date)}?",
                             f"Which councillor held the {content.portfolio} portfolio when {content.subject} was considered in {month_year(meeting.date)}?")),
            holder, [councillor(holder)]))
    path = f"{folder(meeting)}/{item.zfill(2)}-{'exempt-' if content.exempt else ''}{slugify(content.title)}.{fmt}"
    return PaperSpec(
        path=path, doc_type="report", committee=biz.body, meeting_date=meeting.date.isoformat(),
        title=content.title, blocks=blocks, header=header, header_style=style,
        layout="twocol" if fmt == "pdf" and style == "table" and r.random() < 0.1 else "single",
        body_font=r.choice(("Helvetica", "Helvetica", "Times-Roman")),
        running_header=f"{biz.body} – {long_date(meeting.date)}",
        portfolio_holders=holders, authors=[author],
        agenda_item=None if style == "memo" else item,  # the memo header does not print it
        classification=classification, exempt=content.exempt, recommendations=recs,
        questions=[] if content.exempt else questions,
        notes=f"{content.kind} report, {style} header")


PRIORITIES = ("a cleaner and greener district", "thriving town centres", "homes that meet local needs",
              "healthy and active communities", "a well-run council that provides value for money")
AIM_GLOSSES = ("the Council will work with partners to deliver {aim}.",
               "this report supports the Corporate Plan priority of {aim}.",
               "to make the best use of the Council's resources in pursuit of {aim}.")
CONTEXT = (
    "The Council's Corporate Plan {y0}-{y1} commits it to {aim}, and this proposal contributes directly to that aim.",
    "Ward members for {place} have been briefed and their comments are reflected in this report.",
    "Comparable arrangements in neighbouring districts have been reviewed, and the approach proposed here reflects what they have learned.",
    "The matter was discussed at the Overview and Scrutiny Committee, which asked that progress be reported regularly.",
    "The annual residents' survey shows strong support for improvements in this area, particularly in {place}.",
    "Officers have taken account of the Council's climate emergency declaration in developing these proposals.",
    "The proposal has been considered by the Corporate Leadership Team, which supports it.",
    "Inflation in the construction and services markets has increased costs across the public sector in recent years.",
    "The Council continues to face significant financial pressures, with a budget gap forecast in each year of the Medium Term Financial Plan.",
    "Parish councils, the county council and local voluntary groups have been involved in shaping the proposals.",
)


def with_context(r: random.Random, sections: list, meeting: Meeting) -> list:
    """Add zero to two paragraphs of background to the first section: councils rarely say a thing once."""
    if not sections:
        return sections
    extra = [(t.format(y0=meeting.municipal_year - 1, y1=meeting.municipal_year + 3, aim=r.choice(PRIORITIES),
                       place=r.choice(names.PLACES)), False)
             for t in r.sample(CONTEXT, r.randint(0, 2))]
    heading, paras = sections[0]
    return [(heading, paras + extra)] + sections[1:]


DATE_STYLES = ("long", "long", "ordinal", "numeric", "weekday")


def header_date(d: dt.date, style: str) -> str:
    """Dates as councils print them: 12 March 2024, 12th March 2024, 12/03/2024, Tuesday, 12 March 2024."""
    if style == "ordinal":
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return long_date(d).replace(f"{d.day} ", f"{d.day}{suffix} ", 1)
    if style == "numeric":
        return d.strftime("%d/%m/%Y")
    if style == "weekday":
        return f"{WEEKDAYS[d.weekday()]}, {long_date(d)}"
    return long_date(d)


def holder_title(member: str, portfolio: str) -> str:
    if portfolio == PORTFOLIOS[0]:
        return f"{councillor(member)}, Leader of the Council"
    return f"{councillor(member)}, Portfolio Holder for {portfolio}"


def header_fields(style, biz, item, content, author, director_role, holder_text, status, classification, date_style):
    meeting = biz.meeting
    date = header_date(meeting.date, date_style)
    if style == "table":  # the bordered grid: pairs are laid out two to a row for the first four
        return [("Committee:", biz.body), ("Agenda Item No.:", item), ("Date:", date),
                ("Status", status), ("Subject:", content.title), ("Report by:", content.author_role),
                ("Other Officers Involved", biz.rng.choice(("Head of Finance", "Head of Legal and Democratic Services", "None"))),
                ("Director", director_role), ("Relevant Portfolio Holder", holder_text or "Not applicable")]
    if style == "memo":
        fields = [("From:", "\n".join(x for x in (holder_text, f"{author}, {content.author_role}") if x)),
                  ("To:", f"{biz.body} – {date}"),
                  ("Subject:", content.title)]
        if meeting.committee.key == "EX":
            fields.append(("Key decision:", "Yes" if content.key_decision else "No"))
        fields.append(("Classification:", classification))
        return fields
    return [("Report to:", biz.body), ("Date of meeting:", date), ("Agenda item:", item),
            ("Report of:", f"{author}, {content.author_role}"),
            ("Portfolio Holder:", holder_text or "Not applicable"), ("Status:", classification)]


# --- minutes -------------------------------------------------------------------------

def decide(biz: MeetingBusiness, item: str, content: ReportContent, minute: str, precedents: dict) -> list[str]:
    """What the meeting resolved on a report; remembered for later precedents."""
    r = biz.rng
    if content.exempt:
        return ["the recommendations set out in the exempt report be approved"]
    roll = r.random()
    if content.kind == "planning":
        officer_grant = "GRANTED" in content.recs[0].obj
        if roll < 0.2:  # members overturn the officer recommendation
            number = content.topic_key.split(":", 1)[1]
            return [(f"planning permission for application {number} be REFUSED, contrary to the officer recommendation, "
                     "because the development would harm the character of the area and the amenity of neighbours")
                    if officer_grant else
                    (f"planning permission for application {number} be GRANTED, contrary to the officer recommendation, "
                     "subject to conditions to be agreed by the Head of Planning")]
        return [content.recs[0].as_resolution()]
    if roll < 0.1 and content.kind not in ("budget", "monitoring", "audit"):
        return [f"consideration of {content.subject} be deferred to a future meeting to allow further information to be provided"]
    resolutions = [rec.as_resolution() for rec in content.recs]
    if roll < 0.18 and content.kind in ("contract", "scheme"):
        resolutions[0] += ", subject to a further report on the social value commitments before the contract is signed"
    precedents[content.topic_key] = (biz.meeting.date, biz.body, minute, content.summary_done)
    return resolutions


DISCUSSION = (
    "Members asked about the timetable and the risks, and officers answered their questions.",
    "In discussion, members welcomed the proposals and asked that ward members be kept informed.",
    "A member asked how residents would be told about the changes; officers explained the communications plan.",
    "The {officer} answered questions on the costs and on how the proposals would be monitored.",
    "Members debated the proposals at some length. A motion to defer was moved but was not seconded.",
    "A member asked whether the equality impact assessment had considered rural residents; the {officer} confirmed that it had.",
    "Members thanked officers for a clear report and noted the consultation responses.",
)


def minutes_spec(biz: MeetingBusiness, previous: Meeting | None, minute_start: int, fmt: str,
                 precedents: dict) -> tuple[PaperSpec, int]:
    r, meeting, council = biz.rng, biz.meeting, biz.council
    c = meeting.committee
    chair = council.chairs[meeting.municipal_year][c.key]
    attendees = (list(biz.portfolio_holders.values()) if c.key == "EX" else council.committee_members[c.key])
    others = sorted(a for a in attendees if a != chair)
    absent = r.sample(others, min(2, len(others)))
    present = [a for a in others if a not in absent]
    title = f"Minutes of the meeting of the {biz.body} held on {day_name(meeting.date)} at {c.time}"
    blocks = [Block("title", names.COUNCIL_NAME.upper()), Block("subtitle", title),
              Block("text", f"Present: {councillor(chair)} (Chair); Councillors {', '.join(present)}."),
              Block("text", "Officers in attendance: " + ", ".join(
                  f"{council.officers[role]} ({role})" for role in ("Chief Executive", "Head of Legal and Democratic Services",
                                                                   "Democratic Services Officer")) + ".")]
    number = minute_start
    recs: list[str] = []
    questions: list[Question] = []

    def minute_heading(text: str) -> str:
        nonlocal number
        minute = f"{c.prefix}/{number}"
        number += 1
        blocks.append(Block("heading", text, minute))
        return minute

    minute_heading("Apologies for Absence")
    blocks.append(Block("para", f"Apologies for absence were received from Councillors {' and '.join(absent)}."))
    minute_heading("Declarations of Interest")
    blocks.append(Block("para", "There were no declarations of interest." if r.random() < 0.7 else
                        f"Councillor {present[0]} declared a personal interest as a member of a local residents' association."))
    if previous:
        minute_heading("Minutes")
        blocks.append(Block("para", f"The minutes of the meeting held on {long_date(previous.date)} were approved as a correct record and signed by the Chair."))
    if meeting.annual:
        annual_business(biz, blocks, minute_heading, recs, questions)
    excluded = False
    for item, content in biz.items:
        if content.exempt and not excluded:
            minute_heading("Exclusion of the Public")
            blocks.append(Block("para", f"RESOLVED that the public be excluded for the following item under {EXEMPT_PARAGRAPH}.",
                                para_kind="resolution"))
            recs.append(f"the public be excluded for the following item under {EXEMPT_PARAGRAPH}")
            excluded = True
        minute = minute_heading(content.title if not content.exempt else f"{content.title} (Exempt)")
        resolutions = decide(biz, item, content, minute, precedents)
        biz.outcomes[item] = (minute, resolutions)
        holder = biz.portfolio_holders.get(content.portfolio) if content.portfolio and c.key in ("EX", "CO") else None
        presenter = holder_title(holder, content.portfolio) if holder else f"the {content.author_role}"
        if not content.exempt:
            blocks.append(Block("para", f"{presenter[0].upper() + presenter[1:]} presented the report. "
                                + r.choice(DISCUSSION).format(officer=content.author_role)))
        recs.append("; ".join(resolutions))
        if len(resolutions) == 1:
            blocks.append(Block("para", f"RESOLVED that {resolutions[0]}.", para_kind="resolution", keep=True))
        else:
            blocks.append(Block("text", "RESOLVED that:"))
            for i, res in enumerate(resolutions, 1):
                end = "." if i == len(resolutions) else ";"
                blocks.append(Block("para", f"{res}{end}", f"({i})", para_kind="resolution", keep=True))
        if not content.exempt and not meeting.annual:
            questions.append(Question(
                "decision", r.choice((f"What did the {biz.body} decide about {content.subject} in {month_year(meeting.date)}?",
                                      f"What was the outcome when {content.subject} came to the {biz.body} in {month_year(meeting.date)}?",
                                      f"Was {content.subject} approved by the {biz.body}?")),
                "; ".join(resolutions), [resolutions[0]]))
    blocks.append(Block("text", f"The meeting closed at {r.choice(('7.12', '7.45', '8.05', '8.30', '9.10'))} pm."))
    blocks.append(Block("signature", "Chair ........................................   Date ..................."))
    spec = PaperSpec(
        path=f"{folder(meeting)}/minutes.{fmt}", doc_type="minutes", committee=biz.body,
        meeting_date=meeting.date.isoformat(), title=title, blocks=blocks,
        layout="twocol" if fmt == "pdf" and r.random() < 0.3 else "single",
        body_font=r.choice(("Helvetica", "Times-Roman")),
        running_header=f"{biz.body} – {long_date(meeting.date)}",
        portfolio_holders=[chair], recommendations=recs, questions=questions,
        notes="minutes; recommendations are the RESOLVED blocks")
    return spec, number


def annual_business(biz, blocks, minute_heading, recs, questions) -> None:
    """The annual meeting appoints the Leader and the portfolio holders for the year."""
    meeting, council, r = biz.meeting, biz.council, biz.rng
    year = meeting.municipal_year
    label = f"{year}/{(year + 1) % 100:02d}"
    minute_heading("Appointment of Leader and Portfolio Holders")
    blocks.append(Block("text", f"RESOLVED that the following appointments be made for the municipal year {label}:"))
    lines = []
    for portfolio, member in biz.portfolio_holders.items():
        line = (f"Leader of the Council: {councillor(member)}" if portfolio == PORTFOLIOS[0]
                else f"Portfolio Holder for {portfolio}: {councillor(member)}")
        lines.append(line)
        blocks.append(Block("bullet", line, keep=True))
    recs.append(f"the following appointments be made for the municipal year {label}")
    previous = council.portfolios.get(year - 1, {})
    changed = [p for p in PORTFOLIOS if previous.get(p) and previous[p] != biz.portfolio_holders[p]]
    for portfolio in (changed or list(PORTFOLIOS))[:3]:
        line = lines[PORTFOLIOS.index(portfolio)]
        questions.append(Question("who", r.choice((
            f"Who took on the {portfolio} portfolio at the annual meeting in {month_year(meeting.date)}?",
            f"Who was appointed to lead on {portfolio.lower()} for {label}?")),
            biz.portfolio_holders[portfolio], [line]))


# --- agenda ---------------------------------------------------------------------------

def agenda_spec(biz: MeetingBusiness, fmt: str) -> PaperSpec:
    r, meeting, council = biz.rng, biz.meeting, biz.council
    c = meeting.committee
    members = list(biz.portfolio_holders.values()) if c.key == "EX" else council.committee_members[c.key]
    blocks = [Block("title", names.COUNCIL_NAME.upper()),
              Block("subtitle", f"{biz.body.upper()} – {day_name(meeting.date).upper()}"),
              Block("text", f"A meeting of the {biz.body} will be held at {c.time} on {day_name(meeting.date)} in the {names.TOWN_HALL}."),
              Block("text", f"Membership: Councillors {', '.join(members[:12])}{' and others' if len(members) > 12 else ''}."),
              Block("text", f"{council.officers['Chief Executive']}, Chief Executive"),
              Block("heading", "AGENDA")]
    page = 5
    routine = ["Apologies for Absence", "Declarations of Interest", "Minutes of the previous meeting"]
    if meeting.annual:
        routine = ["Election of Chairman of the Council"] + routine + ["Appointment of Leader and Portfolio Holders"]
    for i, text in enumerate(routine, 1):
        blocks.append(Block("para", text, f"{i}."))
    excluded = False
    for item, content in biz.items:
        if content.exempt and not excluded:
            blocks.append(Block("heading", "PART II – EXEMPT ITEMS"))
            blocks.append(Block("text", f"Exclusion of the Public: to consider passing a resolution that the public be excluded "
                                        f"for the following item under {EXEMPT_PARAGRAPH}."))
            excluded = True
        pages = r.randint(3, 14)
        blocks.append(Block("para", f"{content.title} – report of the {content.author_role} (Pages {page} - {page + pages - 1})", f"{item}."))
        page += pages
    return PaperSpec(
        path=f"{folder(meeting)}/agenda.{fmt}", doc_type="agenda", committee=biz.body,
        meeting_date=meeting.date.isoformat(), title="AGENDA", blocks=blocks,
        layout="twocol" if fmt == "pdf" and r.random() < 0.2 else "single",
        running_header=names.COUNCIL_NAME, notes="agenda: the exclusion item mentions Schedule 12A but the agenda is public")


# --- decision notice and appendix -----------------------------------------------------

def decision_spec(biz: MeetingBusiness, item: str, content: ReportContent, serial: int) -> PaperSpec:
    meeting = biz.meeting
    minute, resolutions = biz.outcomes[item]
    number = f"ED/{meeting.date.year}/{serial:03d}"
    holder = biz.portfolio_holders.get(content.portfolio) if content.portfolio else None
    call_in = meeting.date + dt.timedelta(days=8)
    header = [("Decision No.:", number), ("Decision taken by:", biz.body), ("Date of decision:", long_date(meeting.date)),
              ("Subject:", content.title),
              ("Portfolio Holder:", f"{councillor(holder)} ({content.portfolio})" if holder else "Not applicable"),
              ("Key decision:", "Yes" if content.key_decision else "No"), ("Minute:", minute)]
    blocks = [Block("title", "RECORD OF EXECUTIVE DECISION"), Block("heading", "Decision")]
    for i, res in enumerate(resolutions, 1):
        blocks.append(Block("para", f"That {res}.", f"{i}.", para_kind="resolution", heading="Decision", keep=True))
    blocks += [Block("heading", "Reasons for the decision"), Block("text", f"The report's purpose was {content.purpose[0].lower() + content.purpose[1:]}"),
               Block("heading", "Alternative options considered and rejected"), Block("text", "As set out in the report."),
               Block("heading", "Conflicts of interest"), Block("text", "None declared."),
               Block("text", f"This decision may be implemented after 5.00 pm on {long_date(call_in)} unless it is called in.")]
    return PaperSpec(
        path=f"{folder(meeting)}/decision-{number.replace('/', '-').lower()}.pdf", doc_type="decision",
        committee=biz.body, meeting_date=meeting.date.isoformat(), title=content.title, blocks=blocks,
        header=header, header_style="memo", running_header=f"Decision {number}",
        portfolio_holders=[holder] if holder else [], agenda_item=None,  # a decision notice prints its minute
        recommendations=[f"That {res}." for res in resolutions], notes="decision notice")


def appendix_spec(biz: MeetingBusiness, item: str, content: ReportContent) -> PaperSpec:
    title, rows = content.appendix
    meeting = biz.meeting
    rows = [list(row) for row in rows]
    if rows and rows[0] and rows[0][-1].startswith("Total"):  # fill the totals column
        for row in rows[1:]:
            row[-1] = str(int(row[1]) + int(row[2]))
    blocks = [Block("title", f"Appendix A: {title}"),
              Block("text", f"Appendix A to agenda item {item}, {content.title}, {biz.body}, {long_date(meeting.date)}"),
              Block("table", rows=rows),
              Block("text", "Source: officer analysis. Figures are rounded.")]
    return PaperSpec(
        path=f"{folder(meeting)}/{item.zfill(2)}-appendix-a-{slugify(title, 30)}.pdf", doc_type="appendix",
        committee=biz.body, meeting_date=meeting.date.isoformat(), title=f"Appendix A: {title}",
        blocks=blocks, running_header=f"{biz.body} – {long_date(meeting.date)}", agenda_item=item,
        notes="appendix with a table")


def make_context(biz: MeetingBusiness, precedents: dict) -> Context:
    return Context(biz.rng, biz.council, biz.meeting, precedents)
