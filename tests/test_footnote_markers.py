"""Footnote markers glued to words and numbers by text extraction (issue 14 item 2): the span
never holds the marker or the closing punctuation before it, and the marker is linked in
meta.footnotes when its note holds a reference. Texts written for these tests."""

import pytest

NOTES = ("\n\n1 Kamerstuk 30 821, nr. 180\n2 Kamerstuk 30 821, nr. 190\n"
         "3 Handelingen II 2016/17, nr. 45, item 12\n")

CASES = [
    # (sentence, label, span text, value or theme, marker number)
    ("Het kabinet besloot dit in 20152.", "DATE", "2015", "2015", "2"),
    ("Het kabinet besloot dit in 20173.", "DATE", "2017", "2017", "3"),
    ("Sinds 20163 groeit het aantal meldingen.", "DATE", "2016", "2016", "3"),
    ("Op 6 december jl.1 kwam de brief.", "DATE", "6 december jl.", "2023-12-06", "1"),
    ("Dat staat in de brief van 3 mei 2024.2", "DATE", "3 mei 2024", "2024-05-03", "2"),
    ("Hoe gaat u om met desinformatie?1", "POLICY_THEME", "desinformatie", "disinformation", "1"),
    ("Het gaat om de «diaspora».2", "POLICY_THEME", "diaspora", "diaspora_policy", "2"),
    ("Het gaat om de «diaspora»2 en meer.", "POLICY_THEME", "diaspora", "diaspora_policy", "2"),
    ("Wat doet u tegen polarisatie!3", "POLICY_THEME", "polarisatie", "polarisation", "3"),
    ("De aanpak van statelijke actoren2, zoals bekend.", "POLICY_THEME", "statelijke actoren", "state_threats", "2"),
    ("Wij werken aan weerbaarheid.1 Dat is nodig.", "POLICY_THEME", "weerbaarheid", "resilience", "1"),
]


def _value(span):
    return span["attrs"].get("value") or span["attrs"].get("theme")


@pytest.mark.parametrize("sentence, label, span_text, value, marker", CASES, ids=[c[0][:40] for c in CASES])
def test_marker_stays_outside_the_span_and_is_linked(annotate, sentence, label, span_text, value, marker):
    text = sentence + NOTES
    record = annotate(text, date="2024-06-12")
    spans = [s for s in record.spans if s["label"] == label and s["start"] < len(sentence)]
    assert [(s["text"], _value(s)) for s in spans] == [(span_text, value)]
    after = spans[0]["end"]
    at = sentence.index(marker, after)  # the marker follows the span (after any punctuation)
    assert sentence[after:at].strip(".?!»”’") == ""
    links = record.meta.get("footnotes") or {}
    note = text.index(f"\n{marker} ") + 1 + len(marker) + 1
    assert str(at) in links and links[str(at)][0]["start"] == note


@pytest.mark.parametrize("text", [
    "Het bedrag was 20152 euro." + NOTES,     # no year word before it: an amount
    "Het kabinet besloot dit in 20152.",       # no notes: no marker, no date
    "Postcode 20152 ligt in Italië." + NOTES,
])
def test_a_number_is_no_year_with_a_marker(annotate, text):
    record = annotate(text, date="2024-06-12")
    assert not [s for s in record.spans if s["label"] == "DATE" and s["text"].startswith("201")]


def test_two_years_with_their_markers(annotate):
    sentence = "Het kabinet besloot in 20152 en in 20173 tot een aanpak."
    record = annotate(sentence + NOTES, date="2024-06-12")
    assert [s["text"] for s in record.spans if s["label"] == "DATE" and s["end"] <= len(sentence)] == ["2015", "2017"]
    assert {"27", "39"} <= set(record.meta["footnotes"])
