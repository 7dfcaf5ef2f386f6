"""Sentence boundaries: COMMITMENT spans are whole sentences, so extents must be exact."""

import pytest

from pipeline.components.sentences import doc_text, sentence_bounds
from pipeline.core import DEFAULT_CONFIGS
from pipeline.rules import read_lexicon

ABBREVIATIONS = frozenset(f[0].lower() for _, f in read_lexicon(DEFAULT_CONFIGS / "tokenizer" / "abbreviations.txt"))


def sentences(text):
    return [text[a:b] for a, b in sentence_bounds(text, ABBREVIATIONS)]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Op 6 april jl. is uw Kamer geïnformeerd. Dat klopt.",
                 ["Op 6 april jl. is uw Kamer geïnformeerd.", "Dat klopt."], id="jl-abbreviation"),
    pytest.param("Zie Kamerstuk 30 821, nr. 180. Ik zal u informeren.",
                 ["Zie Kamerstuk 30 821, nr. 180.", "Ik zal u informeren."], id="nr-abbreviation"),
    pytest.param("De Minister van Sociale Zaken en Werkgelegenheid,\nC.E.G. van Gennip",
                 ["De Minister van Sociale Zaken en Werkgelegenheid,\nC.E.G. van Gennip"], id="initials"),
    pytest.param("Vraag 1\nBent u bekend met het bericht?\n\nAntwoord 1\nJa.",
                 ["Vraag 1", "Bent u bekend met het bericht?", "Antwoord 1", "Ja."], id="question-answer-lines"),
    pytest.param("Minister De Jonge:\nDan ontraad ik de motie gewoon. Wij zijn alle dagen in contact met het OM.",
                 ["Minister De Jonge:", "Dan ontraad ik de motie gewoon.", "Wij zijn alle dagen in contact met het OM."], id="speaker-line"),
    pytest.param("Nederland en de EU blijven inzetten op het zo snel mogelijk hervatten van de vredesonderhandelingen\ntussen Armenië en Azerbeidzjan. Wat betreft",
                 ["Nederland en de EU blijven inzetten op het zo snel mogelijk hervatten van de vredesonderhandelingen\ntussen Armenië en Azerbeidzjan.", "Wat betreft"], id="pdf-line-break"),
    pytest.param("geïnformeerd over de aanpak van OBI.³\n\nAls Minister van Sociale Zaken zet ik in op stabiliteit.",
                 ["geïnformeerd over de aanpak van OBI.³", "Als Minister van Sociale Zaken zet ik in op stabiliteit."], id="footnote-marker"),
])
def test_sentence_bounds(text, expected):
    assert sentences(text) == expected


def test_long_text_is_linear():
    # a stop every few words over a long text: the abbreviation check must look back a
    # short window only (it once searched from the start of the text for every stop)
    import time
    text = "Ik zal u informeren. " * 20000
    start = time.perf_counter()
    assert len(sentence_bounds(text, ABBREVIATIONS)) == 20000
    assert time.perf_counter() - start < 2.0


def test_gold_commitments_are_sentences(gold_records):
    for r in gold_records:
        bounds = set(sentence_bounds(r["text"], ABBREVIATIONS))
        for s in r["spans"]:
            if s["label"] == "COMMITMENT":
                assert (s["start"], s["end"]) in bounds, (r["id"], s["text"][:60])


def test_component_sets_doc_sents(nlp):
    text = "Dit is een zin over nr. 5. En nog een zin.\n\nKop\nTekst hier."
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == ["Dit is een zin over nr. 5.", "En nog een zin.", "Kop", "Tekst hier."]
    assert doc_text(doc) == text


def test_doc_text_cache_follows_the_doc(nlp):
    doc = nlp.make_doc("Een korte tekst.")
    doc.user_data["kst_text"] = "iets anders van andere lengte"
    assert doc_text(doc) == "Een korte tekst."
