"""PrefixScanner finds exactly what regex.finditer finds, on the rules of the components."""

import re

import pytest
from hypothesis import given, strategies as st

from pipeline.components.fastre import PrefixScanner

RULES = [
    re.compile(r"(?<![\w-])(?:vaste\s+)?commissie\s+(?:voor\s+)?[A-Z][\w&]+", re.I),
    re.compile(r"(?<![\w-])minister(?:s)?\s+(?:van|voor)\s+\w+", re.I),
    re.compile(r"(?<![\w])Kamerstuk(?:ken)?\s+\d{2}\s?\d{3}"),
    re.compile(r"\b(?:staatssecretaris|minister-president)\b", re.I),
    re.compile(r"(?<![\w])(?:BZK|SZW|JenV|OCW)(?![\w])"),
]
WORDS = st.sampled_from(["de", "vaste", "commissie", "voor", "Sociale", "Zaken", "Minister", "MINISTERS", "van",
                         "Kamerstuk", "30", "821", "30821", "staatssecretaris", "Minister-President", "BZK",
                         "xBZK", "İ", "ı", "ſ", "-", "(", ")", "\n", "  ", "é", "SZW", "jenv", "JenV", "OCW."])


@pytest.mark.parametrize("regex", RULES, ids=lambda r: r.pattern[:30])
@given(words=st.lists(WORDS, max_size=40))
def test_same_matches_as_finditer(regex, words):
    text = " ".join(words)
    expected = [(m.start(), m.end()) for m in regex.finditer(text)]
    assert [(m.start(), m.end()) for m in PrefixScanner(regex).finditer(text)] == expected


def test_real_sentence():
    regex = RULES[0]
    text = "De vaste commissie voor Sociale Zaken en Werkgelegenheid heeft om een brief verzocht."
    assert [m.group() for m in PrefixScanner(regex).finditer(text)] == ["vaste commissie voor Sociale"]
