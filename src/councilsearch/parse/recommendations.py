"""Recommendations (proposed decisions) and resolutions (decisions taken).

Reports: the first recommendations block wins ("Recommendation(s):" in Kent's header,
"Decision:" on a record of decision form, a numbered "14 Recommendations" section). Each
item of it (a), (i), 1), A., 14.1 ...) is one recommendation; a block with no items is one
recommendation (its text). Later blocks that repeat them (Kent's section 11) are not counted
again, but their paragraphs are still marked as recommendations.

Minutes: each "RESOLVED" formula is one resolution, with the lettered items that follow it
folded into its text ("It was RESOLVED that: a) ... b) ..."), as a minute records one
resolution per item of business.
"""

from __future__ import annotations

import re

from ..model import Paragraph

RECOMMENDATION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:(?:the\s+)?recommendations?(?:\(s\))?|recommended decisions?|proposed decisions?|"
    r"decisions? (?:required|sought)|decision)\s*:?$",
    re.IGNORECASE,
)
# The formula, not narrative: "RESOLVED that", "It was resolved that/to", a paragraph opening
# "Resolved:". "The Councillors nominated and resolved that ..." is narrative, as the dev labels count it.
# A sentence opening "Resolved to pay" inside a paragraph, and "discussed and resolved to set
# the precept", count too. Not "Standing Orders - | Resolved to Sign": a table's cells, which
# the labels leave out (no formula paragraph).
RESOLVED = re.compile(r"\bRESOLVED\b|^(?:And\s+)?Resolved\b|\bResolved:|(?i:\band (?:agreed and )?resolved\s*:)|\b[Ii]t was (?:(?:unanimously|therefore|further|also|then)\s+)?resolved\b"
                      r"|(?<=[.;])\s+Resolved\b|\b(?:was|were) (?:(?:discussed|proposed|seconded|agreed|considered|debated)\s*(?:,|and|&)\s*)+resolved\b")
# A line that is only the formula ("And Resolved:"): its resolution is the next paragraph.
RESOLVED_ALONE = re.compile(r"^(?:(?:and\s+)?(?:now\s+)?(?:therefore,?\s+)?be\s+it\s+(?:further\s+)?resolved(?:\s+that)?|"
                            r"(?:and\s+)?(?:it was\s+)?resolved)\s*[:.]?$", re.IGNORECASE)
# Where a second resolution starts inside one paragraph: a new sentence opening with the formula.
NEXT_RESOLUTION = re.compile(r"(?<=[.;])\s+(?=(?:RESOLVED|Resolved|It was (?:\w+\s+)?resolved)\b)")
# "Cabinet is asked to:", "The Cabinet agree to:", "It is recommended that:".
INTRO = re.compile(r"(?:asked to|agree to|recommended (?:to|that)|recommends? that|requested to|invited to)\s*:?$|:\s*$", re.IGNORECASE)
ITEM_NUMBER = re.compile(r"^\(?(?:[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})[).]$|^\d+\.\d+$")
# Under a recommendations heading a plain "1." (kept as "1") numbers an item too, and so does a
# letter whose list marker the PDF extractor kept without its dot ("A." as "A"); after a
# RESOLVED formula a bare number would be the next minute, so ITEM_NUMBER leaves them out.
RECOMMENDATION_NUMBER = re.compile(ITEM_NUMBER.pattern + r"|^\d{1,2}$|^[A-Za-z]$")
# "resolve one of the following:", "either:": the items are options, of which one will be chosen.
ALTERNATIVES = re.compile(r"(?:\bone of the following|\beither)\s*:?\s*$", re.IGNORECASE)


def is_recommendation_heading(heading: str | None) -> bool:
    return bool(heading) and bool(RECOMMENDATION_HEADING.match(heading.strip()))


def mark_recommendations(paragraphs: list[Paragraph], minutes: bool) -> list[str]:
    """Set Paragraph.kind and return Paper.recommendations (one string per item)."""
    resolutions = _mark_resolutions(paragraphs)
    if minutes and resolutions:
        return resolutions
    blocks = _recommendation_blocks(paragraphs)
    recommendations: list[str] = []
    for i, block in enumerate(blocks):
        items = [p for p in block if p.number and RECOMMENDATION_NUMBER.match(p.number)] or _unnumbered_items(block)
        for p in items or block:
            p.kind = "recommendation"
        if i == 0:
            recommendations = [p.text for p in items] if items and not _offers_alternatives(block, items) \
                else [" ".join(p.text for p in block)]
    if not recommendations and resolutions:
        return resolutions
    return recommendations


def _offers_alternatives(block: list[Paragraph], items: list[Paragraph]) -> bool:
    """The items are options to choose from ("resolve one of the following: a. ... b. ... or
    c. ..."): one recommendation, the introduction with its options."""
    before = [p for p in block[: block.index(items[0])]]
    return bool(before) and bool(ALTERNATIVES.search(before[-1].text.strip()))


def _unnumbered_items(block: list[Paragraph]) -> list[Paragraph]:
    """ "I agree to:" then one unnumbered paragraph per decision ("APPROVE ...", "DELEGATE ..."):
    each paragraph after an introduction that ends with a colon is one item."""
    if len(block) >= 2 and INTRO.search(block[0].text.strip()) and block[0].text.rstrip().endswith(":") \
            and not any(p.number for p in block[1:]):
        return block[1:]
    return []


def _recommendation_blocks(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Runs of consecutive paragraphs sitting under a recommendations heading."""
    blocks: list[list[Paragraph]] = []
    inside = False
    for p in paragraphs:
        if is_recommendation_heading(p.heading):
            if not inside:
                blocks.append([])
            blocks[-1].append(p)
            inside = True
        else:
            inside = False
    return blocks


# A numbered resolution heading: "R2024-194 S. Foote, D. Yemm:", "Resolution No. 2024-189".
# The movers may lack their colon when the resolution's text follows ("R2023-151 A. Penn, B. Okoro That we ...").
# A colon may also follow the number ("R2023-49: A. Penn, B. Okoro:").
MOVERS = re.compile(r"^(?:R|Res(?:olution)?\.?\s*(?:No\.?)?\s*)\s?\d{2,4}\s?[-/]\s?\d{1,4}[A-Za-z]?\b(?:\s*:(?=[^:;]{0,60}[:;]))?"
                    r"(?:(?:(?!(?-i:That|THAT|WHEREAS)\b)[^:;]){0,60}[:;]\s*|[^:;]{0,60}?\s(?=(?-i:That|THAT|WHEREAS|Whereas|BE IT|Be it)\b))",
                    re.IGNORECASE)
RESOLUTION_NUMBER = re.compile(r"^(?:R|Res(?:olution)?\.?\s*(?:No\.?)?\s*)\s?\d{2,4}\s?[-/]\s?\d{1,4}[A-Za-z]?\b", re.IGNORECASE)
# The vote that closes a numbered resolution: "... Carried."
VOTE_CLOSES = re.compile(r"\b(?:carried|defeated|lost)\.?$", re.IGNORECASE)


def _split_resolutions(text: str) -> list[str]:
    """A paragraph cut where a new sentence opens with the formula; text before a formula stays
    with it ("Planning. It was resolved that ...")."""
    out, prefix = [], ""
    for part in NEXT_RESOLUTION.split(text):
        if RESOLVED.search(part) and (out or prefix or part):
            out.append(f"{prefix} {part}".strip())
            prefix = ""
        elif out:
            out[-1] = f"{out[-1]} {part}"  # a sentence after the formula's: still that resolution
        else:
            prefix = f"{prefix} {part}".strip()
    return out or [text]


# How far a numbered resolution's text may run looking for the vote that closes it, and how
# far it is taken when no vote is recorded.
RESOLUTION_REACH = 40
RESOLUTION_UNCLOSED = 6


def _numbered_resolution_end(paragraphs: list[Paragraph], start: int) -> int:
    """The index after the last paragraph of the numbered resolution opening at ``start``: up to
    its "Carried." (within RESOLUTION_REACH paragraphs under the same heading, before the next
    resolution number), else RESOLUTION_UNCLOSED paragraphs at most."""
    heading = paragraphs[start].heading
    j = start
    while True:
        if VOTE_CLOSES.search(paragraphs[j].text):
            return j + 1
        j += 1
        if j >= len(paragraphs) or j - start >= RESOLUTION_REACH or paragraphs[j].heading != heading \
                or RESOLUTION_NUMBER.match(paragraphs[j].text):
            break
    return min(j, start + RESOLUTION_UNCLOSED)


def _mark_resolutions(paragraphs: list[Paragraph]) -> list[str]:
    """One resolution per RESOLVED paragraph (lettered sub-items folded in) or per numbered
    resolution heading (its paragraphs up to "Carried")."""
    resolutions: list[str] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        if RESOLUTION_NUMBER.match(p.text):
            # "R2023-206 T. Butler, D. Yemm: That the minutes ... Carried." printed as one paragraph
            # (the movers end with a colon, or a semicolon typed for one), its text perhaps going on
            # over the next paragraphs ("WHEREAS ...", "AND WHEREAS ...", "BE IT RESOLVED ...").
            end = _numbered_resolution_end(paragraphs, i)
            parts = [MOVERS.sub("", p.text, count=1).strip()]
            parts += [f"{q.number} {q.text}" if q.number and ITEM_NUMBER.match(q.number) else q.text for q in paragraphs[i + 1:end]]
            for q in paragraphs[i:end]:
                q.kind = "resolution"
            resolutions.append(" ".join(part for part in parts if part))
            i = end
            continue
        if p.heading and RESOLUTION_NUMBER.match(p.heading) and (i == 0 or paragraphs[i - 1].heading != p.heading):
            parts, j = [], i
            while j < len(paragraphs) and paragraphs[j].heading == p.heading \
                    and not (j > i and RESOLUTION_NUMBER.match(paragraphs[j].text)):  # the next one printed inline
                paragraphs[j].kind = "resolution"
                parts.append(paragraphs[j].text)
                j += 1
                if VOTE_CLOSES.search(parts[-1]):
                    break
            resolutions.append(" ".join(parts))
            i = j
            continue
        if RESOLVED.search(p.text):
            p.kind = "resolution"
            # "... it was resolved to apply for the precept. Resolved to pay ...": one per formula.
            *earlier, last = _split_resolutions(p.text)
            resolutions.extend(earlier)
            parts = [last]
            j = i + 1
            if last.rstrip().endswith(":") or RESOLVED_ALONE.match(last.strip()):  # "And Resolved" alone too
                while j < len(paragraphs) and paragraphs[j].number and ITEM_NUMBER.match(paragraphs[j].number):
                    paragraphs[j].kind = "resolution"
                    parts.append(f"{paragraphs[j].number} {paragraphs[j].text}")
                    j += 1
                if j == i + 1 and j < len(paragraphs) and not paragraphs[j].number:
                    # "And Resolved:" then the resolution itself as the next paragraph.
                    paragraphs[j].kind = "resolution"
                    parts.append(paragraphs[j].text)
                    j += 1
            resolutions.append(" ".join(parts))
            i = j
            continue
        i += 1
    return resolutions
