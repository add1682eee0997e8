"""Sentence splitting and stemming with NLTK, nothing downloaded."""

import pytest

from councilsearch import analysis


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The budget rose by 4.5 per cent. It is now balanced.",
         ["The budget rose by 4.5 per cent.", "It is now balanced."]),
        ("The scheme costs £1.5m in total. Grant covers half.",
         ["The scheme costs £1.5m in total.", "Grant covers half."]),
        ("Cllr. Smith moved the motion. It was carried.",
         ["Cllr. Smith moved the motion.", "It was carried."]),
        ("The risks are set out in para. 3.2 of the report. They are low.",
         ["The risks are set out in para. 3.2 of the report.", "They are low."]),
        ("Application 24/00108 was refused. The applicant may appeal.",
         ["Application 24/00108 was refused.", "The applicant may appeal."]),
        ("Mr. Jones and Dr. Patel spoke, e.g. about roads, i.e. potholes. The Chair thanked them.",
         ["Mr. Jones and Dr. Patel spoke, e.g. about roads, i.e. potholes.",
          "The Chair thanked them."]),
        ("The Rt. Hon. Member attended. Minute No. 47 refers.",
         ["The Rt. Hon. Member attended.", "Minute No. 47 refers."]),
        ("Works at St. Mary's Church cost approx. £20,000. They start in May.",
         ["Works at St. Mary's Church cost approx. £20,000.", "They start in May."]),
    ],
)
def test_sentences_do_not_split_at_council_abbreviations_and_numbers(text, expected):
    assert analysis.sentences(text) == expected


def test_sentence_spans_are_verbatim_offsets():
    text = "  7.1 The cost is £3m.\nIt is funded\nby grant.  \n\nFinancial Implications\n\n8.1 None. "
    spans = analysis.sentence_spans(text)
    quoted = [text[start:end] for start, end in spans]
    assert quoted == ["7.1 The cost is £3m.", "It is funded\nby grant.",
                      "Financial Implications", "8.1 None."]
    assert all(text[s:e] == q for (s, e), q in zip(spans, analysis.sentences(text)))


def test_blank_line_ends_a_heading_without_a_full_stop():
    assert analysis.sentences("Recommendations\n\nThe Cabinet is asked to agree.") == [
        "Recommendations", "The Cabinet is asked to agree."]


def test_empty_and_whitespace_text_have_no_sentences():
    assert analysis.sentences("") == []
    assert analysis.sentences(" \n\n \t") == []


def test_abbreviations_are_loaded_from_the_shipped_list():
    abbrevs = analysis.abbreviations()
    for word in ("cllr", "para", "paras", "approx", "e.g", "i.e", "rt", "hon", "no", "ltd"):
        assert word in abbrevs


def test_tokenizer_is_built_once():
    assert analysis.sentence_tokenizer() is analysis.sentence_tokenizer()


def test_tokens_match_the_index_analysis():
    assert analysis.tokens("The Planning applications were approved") == [
        "plan", "applic", "approv"]
    # numbers and money keep their inner punctuation, as the index stores them
    assert analysis.tokens("£15,000 for 2024/25 (para 4.5)") == [
        "£15,000", "2024/25", "para", "4.5"]
    # a slash joins numbers only: words either side of one are words
    assert analysis.tokens("a rate reduction/rebate, ref 24/00108, and/or Active Travel/NTA") == [
        "rate", "reduct", "rebat", "ref", "24/00108", "activ", "travel", "nta"]
    terms = [t.text for t in analysis.stemming_analyzer()("Planning applications")]
    assert analysis.tokens("Planning applications") == terms


def test_stopwords_are_dropped_but_not_negations():
    assert "the" in analysis.stopwords()
    assert "not" not in analysis.stopwords()
    assert analysis.tokens("not the budget") == ["not", "budget"]


def test_stem_conflates_inflections():
    assert analysis.stem("planning") == analysis.stem("planned") == "plan"


def test_paragraph_number_stays_with_its_sentence():
    text = "4.4. Boldmoor has found savings. They are small.\n\n4.5. The next item."
    assert analysis.sentences(text) == ["4.4. Boldmoor has found savings.", "They are small.",
                                        "4.5. The next item."]


def test_list_items_on_new_lines_are_sentences_of_their_own():
    text = "The options are as follows:\n- repair the roof now\n- defer the works.\n(a) approve it;\n(b) note it."
    assert analysis.sentences(text) == ["The options are as follows:", "- repair the roof now",
                                        "- defer the works.", "(a) approve it;", "(b) note it."]


def test_a_marker_alone_at_the_end_is_kept():
    text = "The end. 5.1."
    spans = analysis.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["The end.", "5.1."]


@pytest.mark.parametrize("text", [
    "The Planning applications were approved",
    "£15,000 for 2024/25 (para 4.5); ref 24/00108, and/or Active Travel/NTA",
    "Cllr O’Brien’s motion — RESOLVED: that the Council's £1.2m grant be agreed.",
    "ÉCOLE Straße naïve café İstanbul ½ ² 3rd 1st-floor e-mail co-op",
    "  \n\t ",
    "",
    "A a I i THE the not NOT don't won’t",
    "HWRCs S106 CIL-funded 2024-25 2024–25 1.1.1 (a) (iv) www.kent.gov.uk info@council.org",
])
def test_fast_stem_spans_are_the_index_analyzers(text):
    """ask stems the paragraphs it scores with stem_spans: the index's analyzer's words,
    offsets and stems exactly, or question and paper would stop matching."""
    expected = [(t.text, t.startchar, t.endchar)
                for t in analysis.stemming_analyzer()(text, positions=True, chars=True)]
    assert analysis.stem_spans(text) == expected
    assert expected or not text.strip() or text.startswith("A a")


def test_fast_stem_spans_agree_on_random_text():
    """Random runs of words, stopwords, numbers, money and punctuation (the pieces the
    token pattern joins or splits on)."""
    import random

    rng = random.Random(11)
    pieces = ["council", "Planning", "APPROVED", "the", "and", "of", "not", "£", "15", ",", "000", ".",
              "/", "-", "–", "'", "’", "s", "2024", "25", "(", ")", ":", ";", " ", " ", "\n", "é", "ß",
              "HWRCs", "co", "op", "e", "mail", "İ", "½", "_", "x"]
    analyzer = analysis.stemming_analyzer()
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))
        assert analysis.stem_spans(text) == [(t.text, t.startchar, t.endchar)
                                             for t in analyzer(text, positions=True, chars=True)], text
