"""What the demo council's reports say: one builder per kind of report, written from
templates and vocabularies with seeded variation.

A builder returns a ReportContent: the title, the body sections, the numbered
recommendations, and the facts it placed (amounts, dates, figures) as questions whose
answer strings occur verbatim in the text. All wording here is the project's own.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import names
from .council import Council, Meeting
from .spec import Question

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_year(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def money(amount: int) -> str:
    return f"£{amount:,}"


def round_amount(rng: random.Random, low: int, high: int, step: int = 1000) -> int:
    return rng.randrange(low // step, high // step + 1) * step


def fin_year(d: dt.date) -> str:
    """The financial year (April-March) a date falls in: "2024/25"."""
    y = d.year if d.month >= 4 else d.year - 1
    return f"{y}/{(y + 1) % 100:02d}"


@dataclass
class Rec:
    """A recommendation: "That the Executive <verb> <obj>." / resolved as "<obj> be <past>"."""

    verb: str  # "approves"; "" when obj is a whole clause ("planning permission be GRANTED ...")
    obj: str  # "the award of the contract for ... to ..."
    past: str  # "approved"
    resolution: str | None = None  # wording in the minutes when "<obj> be <past>" reads badly

    def as_recommendation(self, body: str, style: str) -> str:
        if not self.verb:
            return f"That {self.obj}."
        if style == "imperative":  # the capitalised verb some councils use: "APPROVE the ..."
            return f"{self.verb[:-1].upper()} {self.obj}."
        return f"That the {body} {self.verb} {self.obj}."

    def as_resolution(self) -> str:
        if self.resolution:
            return self.resolution
        return self.obj if not self.verb else f"{self.obj} be {self.past}"


@dataclass
class ReportContent:
    kind: str
    title: str
    topic_key: str  # what a later report on the same matter is "about" (for precedents)
    subject: str  # how a member would refer to it: "the grounds maintenance contract"
    author_role: str
    portfolio: str | None
    purpose: str
    sections: list[tuple[str, list[tuple[str, bool]]]]  # heading, [(paragraph, keep)]
    recs: list[Rec]
    questions: list[Question] = field(default_factory=list)
    key_decision: bool = False
    summary_done: str = ""  # past-tense phrase for a later precedent: "award the contract ..."
    appendix: tuple[str, list[list[str]]] | None = None  # title, table rows
    exempt: bool = False


@dataclass
class Context:
    rng: random.Random
    council: Council
    meeting: Meeting
    precedents: dict  # topic_key -> (date, committee name, minute no, phrase)

    @property
    def day(self) -> dt.date:
        return self.meeting.date

    @property
    def body(self) -> str:
        return self.meeting.committee.name

    def place(self) -> str:
        return self.rng.choice(names.PLACES)

    def precedent_paragraph(self, key: str, subject: str) -> tuple[list[tuple[str, bool]], list[Question]]:
        """A "Members will recall" paragraph and question when this matter was decided before."""
        if key not in self.precedents:
            return [], []
        when, body, minute, phrase = self.precedents[key]
        said = f"At its meeting on {long_date(when)} the {body} agreed (Minute {minute}) to {phrase}"
        text = self.rng.choice((
            f"{said}. This report sets out the progress made since then and the decision now needed.",
            f"Members will recall the earlier decision on this matter. {said}, and officers were asked to report back.",
        ))
        q = Question("precedent", self.rng.choice((
            f"Has the council made a decision about {subject} before?",
            f"Was {subject} agreed at an earlier meeting?",
            f"Is there a previous decision on {subject}?")),
            f"Yes: on {long_date(when)} the {body} agreed (Minute {minute}) to {phrase}.",
            [said])
        return [(text, True)], [q]


# --- standard implications ----------------------------------------------------------

LEGAL = (
    "The Council has the power to take the action proposed under the general power of competence in section 1 of the Localism Act 2011.",
    "The Head of Legal and Democratic Services has been consulted and is satisfied that the proposals are within the Council's powers.",
    "Any contract will be let in accordance with the Public Contracts Regulations and the Council's Contract Procedure Rules.",
    "There are no legal implications arising directly from this report beyond those set out in the body of the report.",
)
RISK = (
    "The main risks are set out in the risk register attached to the project documents and will be reviewed monthly by the project board.",
    "The principal risk is that costs rise above the approved budget; this will be managed through a contingency of ten per cent and regular monitoring.",
    "Not taking the action proposed would leave the Council exposed to rising costs and a decline in the standard of service.",
)
EQUALITIES = (
    "An equality impact assessment has been carried out and no adverse impact on any group with a protected characteristic has been identified.",
    "There are no equalities issues arising directly from this report.",
    "The proposals are expected to improve access for older and disabled residents; an equality impact assessment is available on request.",
)
HR = (
    "There are no human resources implications arising from this report.",
    "Staff affected by the proposals will be consulted in line with the Council's managing change policy, and the trade unions have been briefed.",
    "The work will be carried out within existing staffing resources.",
)
ENVIRONMENT = (
    "The proposals support the Council's commitment to reach net zero carbon emissions from its own operations by 2035.",
    "There are no environmental implications arising directly from this report.",
    "The new arrangements are expected to reduce vehicle mileage and the associated carbon emissions.",
)


def implications(ctx: Context, financial: list[tuple[str, bool]]) -> list:
    r = ctx.rng
    return [
        ("Financial Implications", financial),
        ("Legal Implications", [(r.choice(LEGAL), False)]),
        ("Risk Management", [(r.choice(RISK), False)]),
        ("Equalities Implications", [(r.choice(EQUALITIES), False)]),
        ("Human Resources Implications", [(r.choice(HR), False)]),
        ("Environmental Implications", [(r.choice(ENVIRONMENT), False)]),
    ]


# --- Executive: contract award ------------------------------------------------------

SERVICES = (
    # service, trade, portfolio, author role, annual cost range, what the figure counts, its range
    ("grounds maintenance", "grounds", "Environment and Waste", "Head of Environmental Services", (250_000, 600_000),
     "hectares of parks and open space", (180, 420)),
    ("street cleansing", "waste", "Environment and Waste", "Head of Environmental Services", (400_000, 900_000),
     "kilometres of adopted road swept each month", (600, 1_400)),
    ("leisure centre management", "leisure", "Leisure and Communities", "Head of Leisure and Culture", (300_000, 800_000),
     "visits to the Council's leisure centres last year", (250_000, 520_000)),
    ("ICT managed services", "ict", "Finance and Resources", "Procurement Manager", (150_000, 450_000),
     "laptops and desktop computers in use across the Council", (420, 780)),
    ("civic centre cleaning", "facilities", "Finance and Resources", "Head of Property and Assets", (80_000, 200_000),
     "square metres of office floor space cleaned daily", (3_000, 9_000)),
    ("CCTV monitoring", "security", "Licensing and Community Safety", "Licensing Manager", (90_000, 240_000),
     "public space cameras monitored from the control room", (40, 130)),
    ("bulky waste collection", "waste", "Environment and Waste", "Head of Environmental Services", (60_000, 180_000),
     "bulky waste collections made last year", (4_000, 11_000)),
    ("energy supply", "energy", "Finance and Resources", "Head of Property and Assets", (500_000, 1_400_000),
     "Council buildings supplied under the current energy contract", (30, 75)),
)


def contract_award(ctx: Context) -> ReportContent:
    r = ctx.rng
    service, trade, portfolio, author, cost_range, counted, count_range = r.choice(SERVICES)
    supplier = r.choice(names.SUPPLIERS_BY_TRADE[trade])
    cost = round_amount(r, *cost_range)
    years = r.choice((3, 4, 5, 7))
    start = dt.date(ctx.day.year + (1 if ctx.day.month >= 3 else 0), 4, 1) if r.random() < 0.6 else \
        dt.date(ctx.day.year + 1, r.choice((1, 6, 7, 10)), 1)
    bids = r.randint(3, 9)
    figure = r.randint(*count_range)
    director = ctx.council.director_of(author)
    key = f"contract:{service}"
    subject = f"the {service} contract"
    cost_phrase = f"an estimated annual cost of {money(cost)}"
    start_phrase = f"commence on {long_date(start)}"
    figure_phrase = f"{figure:,} {counted}"
    precedent, pq = ctx.precedent_paragraph(key, subject)
    background = precedent + [
        (f"The current contract for {service} expires shortly and cannot be extended further under its terms. "
         f"The service is used by residents across the district, from {ctx.place()} to {ctx.place()}.", False),
        (f"To give a sense of scale, there are {figure_phrase}, and demand has grown steadily over the last three years.", True),
        ("A review of the service specification was carried out with the Portfolio Holder, and the new specification places "
         "greater weight on quality, social value and the reduction of carbon emissions.", False),
    ]
    proposal = [
        (f"A tender was advertised on the Council's e-tendering portal and {bids} compliant bids were received. "
         f"Bids were evaluated on the basis of 60% quality and 40% price, with social value forming part of the quality score.", False),
        (f"The highest scoring bid was submitted by {supplier}, at {cost_phrase}. "
         f"The contract would run for {years} years, with an option to extend for up to two further years.", True),
        (f"Subject to approval, the new contract will {start_phrase}, following a mobilisation period of about eight weeks.", True),
    ]
    financial = [(f"The annual cost of {money(cost)} can be met from the existing revenue budget for {service}, "
                  f"which is {money(cost + round_amount(r, 5_000, 40_000))} in {fin_year(ctx.day)}.", False)]
    recs = [
        Rec("approves", f"the award of the contract for {service} to {supplier} for a period of {years} years", "approved"),
        Rec("delegates", f"authority to the {director}, in consultation with the Portfolio Holder for {portfolio}, "
                         "to finalise the terms of the contract", "delegated",
            f"authority be delegated to the {director}, in consultation with the Portfolio Holder for {portfolio}, "
            "to finalise the terms of the contract"),
    ]
    questions = [
        Question("amount", r.choice((f"How much will the {service} contract awarded to {supplier} cost each year?",
                                     f"What is the annual value of the {service} contract awarded to {supplier}?")),
                 f"{money(cost)} a year", [cost_phrase]),
        Question("date", r.choice((f"When does the {service} contract awarded in {month_year(ctx.day)} start?",
                                   f"From what date will {supplier} take over {service}?")),
                 long_date(start), [start_phrase]),
        Question("fact", f"How big was the {service} operation when it was re-tendered in {month_year(ctx.day)}?", figure_phrase, [figure_phrase]),
    ]
    return ReportContent(
        "contract", f"Award of Contract for {service.title().replace('Ict', 'ICT').replace('Cctv', 'CCTV')}", key, subject,
        author, portfolio,
        f"To seek approval for the award of a new contract for {service} following a competitive tender.",
        [("Background", background), ("Tender Process and Proposal", proposal),
         ("Options Considered and Rejected",
          [("Bringing the service in house was considered but rejected because of the cost of vehicles, equipment and staff transfer.", False),
           ("Extending the current contract is not permitted under the procurement rules.", False)])]
        + implications(ctx, financial),
        recs, pq + questions, key_decision=cost * years > 500_000,
        summary_done=f"award the contract for {service} to {supplier}",
        appendix=("Tender Evaluation Summary",
                  [["Bidder", "Quality (60)", "Price (40)", "Total (100)"]]
                  + [[f"Bidder {chr(65 + i)}", str(r.randint(30, 58)), str(r.randint(20, 40)), ""] for i in range(min(bids, 5))]),
    )


# --- Executive: capital scheme ------------------------------------------------------

SCHEMES = (
    ("refurbishment of {venue}", "Leisure and Communities", "Head of Leisure and Culture"),
    ("replacement of the roof at {venue}", "Finance and Resources", "Head of Property and Assets"),
    ("installation of solar panels at {venue}", "Environment and Waste", "Head of Property and Assets"),
    ("redevelopment of the car park at {street}, {place}", "Planning and Regeneration", "Head of Property and Assets"),
    ("new play area at {venue}", "Leisure and Communities", "Head of Leisure and Culture"),
    ("conversion of {street} depot, {place}, to temporary accommodation", "Housing", "Head of Housing"),
)


def capital_scheme(ctx: Context) -> ReportContent:
    r = ctx.rng
    template, portfolio, author = r.choice(SCHEMES)
    scheme = template.format(venue=r.choice(names.VENUES), street=r.choice(names.STREETS), place=ctx.place())
    budget = round_amount(r, 120_000, 2_400_000, 5_000)
    reserve = r.choice(("the Capital Investment Reserve", "the Invest to Save Reserve", "prudential borrowing",
                        "the Regeneration Reserve"))
    done = dt.date(ctx.day.year + 1, r.choice((3, 6, 9, 12)), r.choice((14, 28)))
    key = f"scheme:{scheme}"
    subject = f"the {scheme}"
    budget_phrase = f"a capital budget of {money(budget)}, funded from {reserve}"
    done_phrase = f"completed by {long_date(done)}"
    precedent, pq = ctx.precedent_paragraph(key, subject)
    condition = r.choice(("a condition survey found that several elements are at the end of their useful life",
                          "usage has outgrown the existing facilities",
                          "running costs have risen sharply and the building no longer meets modern standards"))
    return ReportContent(
        "scheme", f"Capital Scheme: {scheme[0].upper() + scheme[1:]}", key, subject, author, portfolio,
        f"To seek approval for the {scheme} and the budget needed to deliver it.",
        [("Background", precedent + [
            (f"The Council's asset management plan identified the need for the {scheme} after {condition}.", False),
            ("Officers have engaged with users and ward members, and the design has been revised to reflect their comments.", False)]),
         ("Proposal", [
             (f"It is proposed that the Executive approves {budget_phrase}.", True),
             (f"Subject to approval, works would start within three months and be {done_phrase}.", True),
             ("Regular progress reports will be provided to the Portfolio Holder.", False)]),
         ("Options Considered and Rejected",
          [("Doing nothing was rejected because the condition of the asset would continue to decline and repair costs would rise.", False)])]
        + implications(ctx, [(f"The scheme has been costed by the Council's quantity surveyor at {money(budget)} including fees and a contingency.", False)]),
        [Rec("approves", f"the {scheme} at {budget_phrase}", "approved"),
         Rec("agrees", f"the consequent amendment of the capital programme for {fin_year(ctx.day)}", "agreed")],
        pq + [Question("amount", r.choice((f"How much has been set aside for the {scheme}?",
                                             f"What budget was approved for the {scheme}?")),
                       f"{money(budget)} from {reserve}", [budget_phrase]),
              Question("date", f"When should the {scheme} be finished?", long_date(done), [done_phrase])],
        key_decision=budget > 250_000, summary_done=f"proceed with the {scheme}")


# --- Executive: fees and charges --------------------------------------------------

FEES = (
    ("garden waste collection charge", "Environment and Waste", "Head of Environmental Services", (35, 70), "per bin per year",
     "households subscribe to the garden waste service", (14_000, 26_000)),
    ("car parking tariffs", "Planning and Regeneration", "Head of Property and Assets", (2, 6), "for up to three hours",
     "parking spaces are provided in the Council's car parks", (900, 2_300)),
    ("pre-application planning advice fees", "Planning and Regeneration", "Head of Planning", (150, 600), "for a householder enquiry",
     "requests for pre-application advice were received last year", (300, 900)),
    ("bereavement services fees", "Leisure and Communities", "Head of Leisure and Culture", (600, 1_200), "for an adult burial",
     "burials and cremations were arranged last year", (400, 900)),
)


def fees_review(ctx: Context) -> ReportContent:
    r = ctx.rng
    fee, portfolio, author, (low, high), unit, counted, count_range = r.choice(FEES)
    old = r.randint(low, high - 1)
    new = old + r.randint(1, max(2, (high - low) // 5))
    effective = dt.date(ctx.day.year + (1 if ctx.day.month >= 4 else 0), 4, 1)
    figure = r.randint(*count_range)
    key = f"fees:{fee}"
    subject = f"the {fee}"
    new_phrase = f"increase from £{old} to £{new} {unit}"
    eff_phrase = f"take effect from {long_date(effective)}"
    precedent, pq = ctx.precedent_paragraph(key, subject)
    return ReportContent(
        "fees", f"Review of {fee.title().replace('Of', 'of')} {fin_year(effective)}", key, subject, author, portfolio,
        f"To review the {fee} for {fin_year(effective)}.",
        [("Background", precedent + [
            (f"The Council reviews its {fee} each year as part of the budget process, comparing them with neighbouring councils.", False),
            (f"Currently {figure:,} {counted}.", True)]),
         ("Proposals", [
             (f"It is proposed that the charge should {new_phrase}, which would recover the full cost of the service.", True),
             (f"The new charges would {eff_phrase} and would be publicised on the Council's website.", True)]),
         ("Consultation", [("No formal consultation is required, but the proposed charges have been shared with the Overview and Scrutiny Committee.", False)])]
        + implications(ctx, [(f"The increase is expected to generate additional income of {money(round_amount(r, 8_000, 90_000))} a year.", False)]),
        [Rec("approves", f"the {fee} set out in Appendix A, including an {new_phrase}", "approved")],
        pq + [Question("amount", r.choice((f"What will the {fee} be from {effective.year}?",
                                             f"How much are the {fee} going up by?")),
                       f"£{new} {unit} (up from £{old})", [new_phrase]),
              Question("date", f"When do the new {fee} apply from?", long_date(effective), [eff_phrase]),
              Question("fact", f"How many people used the service covered by the {fee} in {month_year(ctx.day)}?", f"{figure:,}", [f"{figure:,} {counted}"])],
        summary_done=f"set the {fee} for {fin_year(effective)}",
        appendix=(f"Schedule of {fee[0].upper() + fee[1:]}",
                  [["Charge", "Current", "Proposed"], [unit.capitalize(), f"£{old}", f"£{new}"]]))


# --- Executive: housing ---------------------------------------------------------------

def housing_policy(ctx: Context) -> ReportContent:
    r = ctx.rng
    policy = r.choice(("Housing Allocations Policy", "Homelessness and Rough Sleeping Strategy",
                       "Empty Homes Strategy", "Disabled Facilities Grant Policy", "Tenancy Strategy"))
    waiting = r.randint(1_800, 4_600)
    temp = r.randint(35, 160)
    grant = round_amount(r, 50_000, 400_000)
    key = f"housing:{policy}"
    subject = f"the {policy}"
    waiting_phrase = f"{waiting:,} households on the housing register"
    temp_phrase = f"{temp} households were living in temporary accommodation"
    grant_phrase = f"{money(grant)} from the Homelessness Prevention Grant"
    precedent, pq = ctx.precedent_paragraph(key, subject)
    return ReportContent(
        "housing", f"{policy} {ctx.day.year}", key, subject, "Head of Housing", "Housing",
        f"To seek approval of a revised {policy} following public consultation.",
        [("Background", precedent + [
            (f"At the end of last quarter there were {waiting_phrase}, and {temp_phrase}.", True),
            ("Demand for affordable housing continues to exceed supply, particularly for larger family homes.", False)]),
         ("Consultation", [(f"A six week consultation ran during {month_year(ctx.day - dt.timedelta(days=70))} and "
                            f"{r.randint(60, 400)} responses were received. The main changes made in response are summarised in Appendix A.", False)]),
         ("Proposals", [(f"The revised policy would be supported by {grant_phrase}, used to fund prevention work and a tenancy sustainment officer.", True)])]
        + implications(ctx, [("The costs of implementing the policy will be met from existing budgets and external grant.", False)]),
        [Rec("adopts", f"the revised {policy} attached at Appendix A", "adopted"),
         Rec("agrees", f"the use of {grant_phrase}", "agreed")],
        pq + [Question("fact", r.choice((f"How many households were on the housing register in {month_year(ctx.day)}?",
                                           f"How long was the council's housing waiting list in {month_year(ctx.day)}?")), f"{waiting:,}", [waiting_phrase]),
              Question("fact", f"How many households were in temporary accommodation in {month_year(ctx.day)}?", str(temp), [temp_phrase]),
              Question("amount", f"How much grant was put towards the {policy} in {month_year(ctx.day)}?", money(grant), [grant_phrase])],
        key_decision=True, summary_done=f"adopt a revised {policy}")


# --- Executive: budget monitoring -----------------------------------------------------

def budget_monitoring(ctx: Context) -> ReportContent:
    r = ctx.rng
    quarter = {6: 1, 7: 1, 9: 2, 10: 2, 11: 2, 1: 3, 2: 3, 3: 3}.get(ctx.day.month, 1)
    variance = round_amount(r, 50_000, 900_000, 1_000)
    over = r.random() < 0.6
    word = "overspend" if over else "underspend"
    cause = r.choice(("higher than expected costs of temporary accommodation", "the national pay award",
                      "reduced car parking income", "vacancies in the planning service", "higher investment income"))
    fy = fin_year(ctx.day)
    phrase = f"forecast revenue {word} of {money(variance)} for {fy}"
    return ReportContent(
        "monitoring", f"Revenue and Capital Budget Monitoring {fy}: Quarter {quarter}", f"monitoring:{fy}:{quarter}",
        f"the quarter {quarter} budget position", "Head of Finance", "Finance and Resources",
        f"To report the Council's forecast financial position for {fy} at the end of quarter {quarter}.",
        [("Revenue Budget", [(f"The latest projections show a {phrase}. The main reason is {cause}.", True),
                             ("Services have been asked to identify in-year savings to offset pressures where possible.", False)]),
         ("Capital Programme", [(f"Capital spending to date is {money(round_amount(r, 1_000_000, 6_000_000, 10_000))} against a revised programme "
                                 f"of {money(round_amount(r, 8_000_000, 20_000_000, 10_000))}.", False)]),
         ("Reserves", [("The general fund balance remains above the minimum level recommended by the Director of Resources.", False)])]
        + implications(ctx, [("The financial implications are set out in the body of the report.", False)]),
        [Rec("notes", f"the {phrase}", "noted"),
         Rec("notes", "the position on the capital programme and reserves", "noted")],
        [Question("amount", r.choice((f"What was the forecast budget position at quarter {quarter} of {fy}?",
                                        f"Is the council over or under budget in {fy}?")),
                  f"A {word} of {money(variance)}, mainly because of {cause}.", [phrase])],
        summary_done=f"note the quarter {quarter} budget position")


# --- Council ----------------------------------------------------------------------

def budget_setting(ctx: Context) -> ReportContent:
    r = ctx.rng
    fy_start = dt.date(ctx.day.year, 4, 1)
    fy = fin_year(fy_start)
    band_d = round(r.uniform(165, 245), 2)
    rise = r.choice((2.99, 2.95, 1.99, 2.5))
    net = round_amount(r, 11_000_000, 19_000_000, 10_000)
    band_phrase = f"Band D council tax of £{band_d:.2f} for {fy}"
    net_phrase = f"net revenue budget of {money(net)}"
    return ReportContent(
        "budget", f"Budget and Council Tax Setting {fy}", f"budget:{fy}", f"the {fy} budget", "Director of Resources",
        "Finance and Resources",
        f"To recommend to Council the revenue budget, capital programme and council tax for {fy}.",
        [("Background", [("The Executive considered the draft budget in January and recommended it to Council after consultation.", False),
                         ("The local government finance settlement was received in December and is broadly as forecast.", False)]),
         ("The Budget", [(f"The proposed {net_phrase} for {fy} includes savings of "
                          f"{money(round_amount(r, 200_000, 900_000))} identified through service reviews.", True),
                         (f"This would mean a {band_phrase}, an increase of {rise}% on the previous year.", True)]),
         ("Statement of the Chief Finance Officer", [("The Director of Resources considers the estimates robust and the reserves adequate, "
                                                        "as required by section 25 of the Local Government Act 2003.", False)])]
        + implications(ctx, [("The financial implications are the subject of this report.", False)]),
        [Rec("approves", f"a {net_phrase} for {fy}", "approved"),
         Rec("approves", f"a {band_phrase}", "approved"),
         Rec("approves", f"the capital programme for {fy} as set out in Appendix B", "approved")],
        [Question("amount", r.choice((f"What is the council tax for a Band D property in {fy}?",
                                        f"How much is Band D council tax going to be in {fy}?")),
                  f"£{band_d:.2f}", [band_phrase]),
         Question("amount", f"How big is the council's net revenue budget for {fy}?", money(net), [net_phrase])],
        key_decision=True, summary_done=f"set the budget for {fy}")


def constitution_change(ctx: Context) -> ReportContent:
    r = ctx.rng
    change = r.choice(("the scheme of delegation to officers", "the Council Procedure Rules on public questions",
                       "the Contract Procedure Rules", "the terms of reference of the Audit Committee",
                       "the Members' Code of Conduct"))
    threshold = round_amount(r, 25_000, 150_000, 5_000)
    phrase = f"raise the threshold for a formal tender to {money(threshold)}" if "Contract" in change else \
        f"allow {r.randint(2, 5)} public questions at each ordinary meeting" if "questions" in change else \
        f"bring {change} into line with current practice"
    key = f"constitution:{change}"
    precedent, pq = ctx.precedent_paragraph(key, change)
    return ReportContent(
        "constitution", f"Changes to the Constitution: {change[0].upper() + change[1:]}", key, change,
        "Head of Legal and Democratic Services", "Leader of the Council",
        f"To consider changes to {change} recommended by the Constitution Working Group.",
        [("Background", precedent + [("The Constitution Working Group keeps the Constitution under review and met twice during the year.", False)]),
         ("Proposed Changes", [(f"The main change proposed would {phrase}.", True)])]
        + implications(ctx, [("There are no direct financial implications.", False)]),
        [Rec("approves", f"the changes to {change} set out in Appendix A", "approved")],
        pq + [Question("fact", f"What change to {change} was proposed?", phrase, [f"would {phrase}"])],
        summary_done=f"change {change}")


# --- Planning ----------------------------------------------------------------------

DEVELOPMENTS = (
    "erection of {n} dwellings with associated access and landscaping",
    "change of use of former public house to {n} flats",
    "erection of a two storey rear extension",
    "construction of a food store with {n} parking spaces",
    "installation of a ground mounted solar farm of {n} megawatts",
    "conversion of agricultural barn to {n} holiday lets",
)


def planning_application(ctx: Context) -> ReportContent:
    r = ctx.rng
    number = f"{ctx.day.year % 100:02d}/{r.randint(100, 1999):05d}/{r.choice(('FUL', 'OUT', 'FUL', 'COU'))}"
    place = ctx.place()
    site = f"Land at {r.choice(names.STREETS)}, {place}"
    proposal = r.choice(DEVELOPMENTS).format(n=r.randint(2, 120))
    objections = r.randint(0, 140)
    grant = r.random() < 0.75
    officer_rec = "GRANTED subject to the conditions set out in the report" if grant else "REFUSED for the reasons set out in the report"
    key = f"planning:{number}"
    subject = f"application {number} at {site}"
    obj_phrase = f"{objections} letters of objection"
    return ReportContent(
        "planning", f"{number}: {site}", key, subject, "Head of Planning", None,
        f"To determine planning application {number} for the {proposal}.",
        [("Site and Proposal", [(f"The application site lies within the settlement boundary of {place}. The application seeks permission for the {proposal}.", False)]),
         ("Consultation Responses", [(f"The Parish Council {'supports' if grant else 'objects to'} the application. "
                                      f"{obj_phrase[0].upper() + obj_phrase[1:]} have been received, mainly about traffic and the effect on neighbours.", True),
                                     ("The highway authority raises no objection subject to conditions.", False)]),
         ("Assessment", [("The main issues are the principle of development, the effect on the character of the area, highway safety and residential amenity.", False),
                         (r.choice(("The proposal is considered to be acceptable in principle and would make efficient use of previously developed land.",
                                    "On balance, the harm identified would outweigh the limited benefits of the scheme.")), False)])],
        [Rec("", f"planning permission for application {number} be {officer_rec}", "")],
        [Question("fact", f"How many objections were there to the planning application at {site}?", str(objections), [obj_phrase])],
        summary_done=f"determine application {number}")


# --- Licensing ---------------------------------------------------------------------

def licensing_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    if r.random() < 0.5:
        fee = r.randint(180, 320)
        fee_phrase = f"hackney carriage vehicle licence fee of £{fee}"
        return ReportContent(
            "licensing", f"Taxi Licensing Fees {fin_year(ctx.day)}", "licensing:taxi fees", "taxi licence fees",
            "Licensing Manager", "Licensing and Community Safety",
            "To review the fees charged for hackney carriage and private hire licences.",
            [("Background", [(f"The district has {r.randint(80, 260)} licensed vehicles and the fees must cover the reasonable cost of administering the scheme.", False)]),
             ("Proposed Fees", [(f"It is proposed to set a {fee_phrase}, with other fees as set out in Appendix A.", True)])]
            + implications(ctx, [("The fees are set to recover costs and no more.", False)]),
            [Rec("approves", f"a {fee_phrase} for consultation", "approved")],
            [Question("amount", f"What hackney carriage vehicle licence fee was proposed in {month_year(ctx.day)}?", f"£{fee}", [fee_phrase])],
            summary_done="consult on new taxi licence fees")
    premises = r.choice(names.PREMISES)
    hour = r.choice(("11.00 pm", "midnight", "12.30 am", "1.00 am"))
    hours_phrase = f"sale of alcohol until {hour}"
    return ReportContent(
        "licensing", f"Review of Premises Licence: {premises}, {ctx.place()}", f"licensing:{premises}", f"the licence for {premises}",
        "Licensing Manager", "Licensing and Community Safety",
        f"To consider an application for the review of the premises licence held for {premises}.",
        [("The Application", [("An application for review was made by the Police following complaints of noise and disorder.", False),
                              (f"The current licence permits the {hours_phrase} on Fridays and Saturdays.", True)]),
         ("Options", [("The Sub-Committee may take no action, modify the conditions, exclude a licensable activity, remove the designated premises supervisor, suspend or revoke the licence.", False)])],
        [Rec("determines", "the review application having regard to the licensing objectives", "determined")],
        [Question("fact", f"Until what time can {premises} sell alcohol at weekends?", hour, [hours_phrase])],
        summary_done=f"review the licence for {premises}")


# --- Audit -------------------------------------------------------------------------

def audit_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    done = r.randint(6, 22)
    limited = r.randint(0, 4)
    fy = fin_year(ctx.day)
    done_phrase = f"{done} audits from the {fy} plan have been completed"
    limited_phrase = f"{limited} {'audit' if limited == 1 else 'audits'} received limited assurance"
    area = r.choice(("creditor payments", "council tax recovery", "ICT access controls", "procurement cards", "housing benefit"))
    return ReportContent(
        "audit", f"Internal Audit Progress Report {fy}", f"audit:{fy}", "internal audit progress", "Audit Manager",
        "Finance and Resources", f"To update the Committee on progress against the internal audit plan for {fy}.",
        [("Progress", [(f"To date, {done_phrase}.", True),
                       (f"Of these, {limited_phrase}, including the review of {area}.", True)]),
         ("Follow Up", [("Management actions are followed up quarterly, and overdue actions are reported to the Committee.", False)])],
        [Rec("notes", "the progress made against the internal audit plan", "noted")],
        [Question("fact", f"How many internal audits got limited assurance in {fy}?", str(limited), [limited_phrase])],
        summary_done="note internal audit progress")


# --- Scrutiny ----------------------------------------------------------------------

def scrutiny_review(ctx: Context) -> ReportContent:
    r = ctx.rng
    topic = r.choice(("fly-tipping enforcement", "the housing repairs service", "town centre vitality",
                      "customer contact", "support for voluntary groups"))
    sessions = r.randint(3, 8)
    phrase = f"held {sessions} evidence sessions"
    return ReportContent(
        "scrutiny", f"Scrutiny Review of {topic[0].upper() + topic[1:]}: Final Report", f"scrutiny:{topic}", f"the scrutiny review of {topic}",
        "Democratic Services Officer", None, f"To present the findings of the task and finish group on {topic}.",
        [("The Review", [(f"The task and finish group {phrase} and heard from officers, partners and residents.", True),
                         ("Members visited services in neighbouring districts to learn from their practice.", False)]),
         ("Findings", [(f"The group found that performance on {topic} has improved but that residents are not always told the outcome of their reports.", False)])],
        [Rec("endorses", f"the recommendations of the review of {topic} for submission to the Executive", "endorsed")],
        [Question("fact", f"How much evidence did scrutiny gather for its review of {topic}?", f"{sessions} evidence sessions", [phrase])],
        summary_done=f"endorse the review of {topic}")


def accounts_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    fy = fin_year(ctx.day - dt.timedelta(days=365))
    balance = round_amount(r, 1_500_000, 4_500_000, 10_000)
    balance_phrase = f"general fund balance of {money(balance)} at 31 March"
    opinion = r.choice(("an unqualified opinion", "an unmodified opinion"))
    return ReportContent(
        "audit", f"Statement of Accounts {fy}", f"accounts:{fy}", f"the {fy} statement of accounts", "Head of Finance",
        None, f"To present the audited Statement of Accounts for {fy} for approval.",
        [("The Accounts", [(f"The accounts show a {balance_phrase}, which is above the minimum level set in the budget.", True),
                           ("Earmarked reserves have been reviewed and those no longer needed have been returned to the general fund.", False)]),
         ("External Audit", [(f"The external auditor expects to issue {opinion} on the accounts once the remaining work on property valuations is complete.", True)])],
        [Rec("approves", f"the Statement of Accounts for {fy}", "approved"),
         Rec("authorises", "the Chair of the Committee to sign the letter of representation", "authorised",
             "the Chair of the Committee be authorised to sign the letter of representation")],
        [Question("amount", f"How much was in the general fund balance at the end of {fy}?", money(balance), [balance_phrase]),
         Question("fact", f"What opinion did the auditor expect to give on the {fy} accounts?", opinion,
                  [f"expects to issue {opinion} on the accounts"])],
        summary_done=f"approve the {fy} accounts")


def treasury_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    fy = fin_year(ctx.day)
    invested = round_amount(r, 8_000_000, 30_000_000, 100_000)
    rate = round(r.uniform(1.2, 5.4), 2)
    phrase = f"investments of {money(invested)} earning an average return of {rate}%"
    return ReportContent(
        "audit", f"Treasury Management Mid-Year Review {fy}", f"treasury:{fy}", f"treasury management in {fy}",
        "Head of Finance", None, "To review treasury management activity for the first half of the year.",
        [("Investments", [(f"At the end of September the Council held {phrase}.", True),
                          ("All investments were placed with counterparties on the approved lending list.", False)]),
         ("Borrowing", [("No new long-term borrowing was taken during the period.", False)])],
        [Rec("notes", f"the treasury management activity for the first half of {fy}", "noted")],
        [Question("amount", f"How much did the council have invested in {fy}, and at what return?", f"{money(invested)} at {rate}%", [phrase])],
        summary_done=f"note treasury activity in {fy}")


def performance_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    quarter = r.randint(1, 4)
    fy = fin_year(ctx.day)
    calls = r.randint(62, 94)
    days = r.randint(6, 21)
    calls_phrase = f"{calls}% of telephone calls were answered within 60 seconds"
    days_phrase = f"average of {days} days to process new benefit claims"
    return ReportContent(
        "scrutiny", f"Corporate Performance Report {fy} Quarter {quarter}", f"performance:{fy}:{quarter}",
        f"council performance in quarter {quarter} of {fy}", "Democratic Services Officer", None,
        "To enable the Committee to scrutinise the Council's performance against its key indicators.",
        [("Customer Services", [(f"During the quarter {calls_phrase}, against a target of 80%.", True)]),
         ("Benefits", [(f"The service took an {days_phrase}.", True)])],
        [Rec("notes", f"the performance report for quarter {quarter} of {fy}", "noted")],
        [Question("fact", f"How quickly were phone calls answered in quarter {quarter} of {fy}?", f"{calls}% within 60 seconds", [calls_phrase]),
         Question("fact", f"How long did new benefit claims take to process in quarter {quarter} of {fy}?", f"{days} days", [days_phrase])],
        summary_done=f"note performance for quarter {quarter}")


def allowances_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    basic = r.randint(4_200, 6_900)
    phrase = f"basic allowance of {money(basic)} a year for each councillor"
    return ReportContent(
        "allowances", f"Members' Allowances Scheme {fin_year(ctx.day)}", "allowances", "the members' allowances scheme",
        "Head of Legal and Democratic Services", "Leader of the Council",
        "To consider the recommendations of the Independent Remuneration Panel on members' allowances.",
        [("The Panel's Recommendations", [(f"The Independent Remuneration Panel recommends a {phrase}.", True),
                                          ("Special responsibility allowances would remain unchanged.", False)])]
        + implications(ctx, [("The cost can be met within the existing budget for members' allowances.", False)]),
        [Rec("adopts", f"a members' allowances scheme with a {phrase}", "adopted")],
        [Question("amount", f"What basic allowance for councillors was recommended in {month_year(ctx.day)}?", money(basic), [phrase])],
        summary_done="adopt a members' allowances scheme")


STRATEGIES = (
    # name, portfolio, author, measure template (value), value range, target noun
    ("Waste and Recycling Strategy", "Environment and Waste", "Head of Environmental Services",
     "a household recycling rate of {v}%", (38, 58), "a recycling rate of 60%"),
    ("Leisure Facilities Strategy", "Leisure and Communities", "Head of Leisure and Culture",
     "{v:,} visits a year to the Council's leisure facilities", (240_000, 520_000), "a ten per cent rise in visits"),
    ("Climate Action Plan", "Environment and Waste", "Head of Property and Assets",
     "Council emissions of {v:,} tonnes of carbon dioxide a year", (2_100, 6_800), "net zero emissions from its own operations"),
    ("Economic Development Strategy", "Planning and Regeneration", "Head of Planning",
     "{v:,} businesses registered in the district", (2_400, 5_900), "500 new jobs in the district's town centres"),
)


def strategy_report(ctx: Context) -> ReportContent:
    r = ctx.rng
    name, portfolio, author, measure, (low, high), target = r.choice(STRATEGIES)
    value_phrase = measure.format(v=r.randint(low, high))
    by_year = ctx.day.year + r.choice((3, 5, 6, 10))
    target_phrase = f"to achieve {target} by {by_year}"
    key = f"strategy:{name}"
    precedent, pq = ctx.precedent_paragraph(key, f"the {name}")
    return ReportContent(
        "strategy", f"{name} {ctx.day.year}-{by_year}", key, f"the {name}", author, portfolio,
        f"To seek approval of the {name} and its action plan.",
        [("Background", precedent + [
            (f"The latest figures show {value_phrase}.", True),
            ("The previous strategy has largely been delivered, and a refreshed approach is needed to reflect new national policy.", False)]),
         ("The Strategy", [
             (f"The strategy sets out the Council's ambition {target_phrase}, supported by an action plan reviewed each year.", True),
             (r.choice(("Delivery will depend on partners as well as the Council, and a partnership board will oversee progress.",
                        "The action plan identifies quick wins for the first year and longer-term projects that will need further approval.")), False)])]
        + implications(ctx, [("The first year of the action plan can be delivered within existing budgets.", False)]),
        [Rec("adopts", f"the {name} {ctx.day.year}-{by_year}", "adopted"),
         Rec("notes", "that progress will be reported to the Overview and Scrutiny Committee each year", "noted",
             "it be noted that progress will be reported to the Overview and Scrutiny Committee each year")],
        pq + [Question("fact", f"What was the baseline figure in the {name} adopted in {month_year(ctx.day)}?", value_phrase, [value_phrase]),
              Question("date", f"By when does the {name} aim to deliver its main target?", str(by_year), [target_phrase])],
        key_decision=True, summary_done=f"adopt the {name}")


def exempt_property(ctx: Context) -> ReportContent:
    """A Part II report: its figures must never be searchable."""
    r = ctx.rng
    site = f"{r.choice(names.STREETS)}, {ctx.place()}"
    price = round_amount(r, 300_000, 2_000_000, 5_000) + r.randint(1, 99) * 10  # an odd sum: it must not recur
    return ReportContent(
        "exempt", f"Disposal of Land at {site}", f"exempt:{site}", f"land at {site}", "Head of Property and Assets",
        "Finance and Resources", f"To consider offers received for the freehold of land at {site}.",
        [("Offers Received", [(f"The highest offer, of {money(price)}, was received from a regional housebuilder whose identity is commercially sensitive.", False),
                              ("The offer is conditional on planning permission and a satisfactory ground investigation.", False)])],
        [Rec("agrees", f"the acceptance of the highest offer for the land at {site}", "agreed")], [], exempt=True)


BUILDERS = {
    "EX": ((contract_award, 4), (capital_scheme, 3), (fees_review, 2), (housing_policy, 2), (budget_monitoring, 2),
           (strategy_report, 2)),
    "CO": ((constitution_change, 2), (allowances_report, 1)),
    "PL": ((planning_application, 1),),
    "LI": ((licensing_report, 1),),
    "AU": ((audit_report, 2), (accounts_report, 1), (treasury_report, 1)),
    "OS": ((scrutiny_review, 2), (performance_report, 1)),
}


def build_report(ctx: Context, first: bool = True) -> ReportContent:
    """A report for the meeting; the budget meeting's first item is the budget itself."""
    key = ctx.meeting.committee.key
    if key == "CO" and ctx.meeting.budget and first:
        return budget_setting(ctx)
    builders, weights = zip(*BUILDERS[key])
    return ctx.rng.choices(builders, weights=weights)[0](ctx)


# Questions about things the council never considered: the right response is "no answer".
# Their key words occur nowhere in the generator's vocabulary (tests check this).
UNANSWERABLE = (
    ("What did the council decide about extending the tram line to the airport?", "tram"),
    ("How much was spent on the new ski slope?", "ski"),
    ("When will the ferry terminal reopen?", "ferry"),
    ("Who chaired the zoo licensing hearing?", "zoo"),
    ("Did the council approve the cathedral floodlighting scheme?", "cathedral"),
    ("What is the council's policy on drone deliveries?", "drone"),
)
