"""Sentence scoring matches a question's words against paragraphs' stems thousands of
times a question, through Reading.match_plan: the same matches as the plain rule, where a
paragraph's stems are folded first (a plural "s" on a vowel-less acronym stripped)."""

from __future__ import annotations

import random

from councilsearch.answer import scoring
from councilsearch.answer.question import QuestionTerm, Reading


def _plain_matched_weight(reading: Reading, stems: set[str]) -> tuple[float, set[str]]:
    stems = scoring._fold(stems)
    total, hit = 0.0, set()
    for term in reading.terms:
        if term.stem in stems or any(form in stems for form in term.spellings):
            total += term.weight
            hit.add(term.stem)
        elif any(all(s in stems for s in alt) for alt in term.alternatives):
            total += 0.7 * term.weight
            hit.add(term.stem)
    return total, hit


WORDS = ["hwrc", "hwrcs", "bus", "buss", "gas", "gass", "cil", "cils", "pass", "passs", "s", "ss",
         "ab", "abs", "grant", "grants", "tender", "council", "nhs", "nh", "jkw", "jkws", "class"]


def _random_reading(rng: random.Random) -> Reading:
    terms = []
    for stem in rng.sample(WORDS, rng.randint(1, 5)):
        spellings = tuple(rng.sample(WORDS, rng.randint(0, 2)))
        alternatives = tuple(tuple(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(rng.randint(0, 2)))
        terms.append(QuestionTerm(stem, rng.uniform(0.5, 6.0), alternatives, spellings=spellings))
    return Reading(question="?", qtype="fact", terms=terms)


def test_match_plan_matches_as_folding_the_paragraph_does():
    rng = random.Random(5)
    matched = 0
    for _ in range(3000):
        reading = _random_reading(rng)
        stems = set(rng.sample(WORDS, rng.randint(0, 8)))
        expected = _plain_matched_weight(reading, stems)
        got = scoring._matched_weight(reading, stems)
        assert got[1] == expected[1] and abs(got[0] - expected[0]) < 1e-9, (reading.terms, stems)
        matched += bool(expected[1])
    assert matched > 1000  # (not vacuous: most draws match something)


def test_a_plural_acronym_in_a_paragraph_matches_the_questions_singular():
    reading = Reading(question="?", qtype="fact", terms=[QuestionTerm("hwrc", 4.0), QuestionTerm("bus", 1.0)])
    assert scoring._matched_weight(reading, {"hwrcs"}) == (4.0, {"hwrc"})
    assert scoring._matched_weight(reading, {"bu"}) == (0.0, set())  # "bus" is not a plural of "bu"
