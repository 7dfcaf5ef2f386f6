"""Sentence boundaries: COMMITMENT spans are whole sentences, so extents must be exact."""

import json
import sys
from pathlib import Path

import pytest

from pipeline.components.sentences import doc_text, sentence_bounds
from pipeline.run.assemble import DEFAULT_CONFIGS
from pipeline.common.rules import read_lexicon
from stall import assert_finishes

ABBREVIATIONS = frozenset(f[0].lower() for _, f in read_lexicon(DEFAULT_CONFIGS / "tokenizer" / "abbreviations.txt"))
FINAL = frozenset(f[0].lower() for _, f in read_lexicon(DEFAULT_CONFIGS / "tokenizer" / "abbreviations.txt") if f[1:2] == ["end"])


def sentences(text):
    return [text[a:b] for a, b in sentence_bounds(text, ABBREVIATIONS, FINAL)]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Op 6 april jl. is uw Kamer geïnformeerd. Dat klopt.",
                 ["Op 6 april jl. is uw Kamer geïnformeerd.", "Dat klopt."], id="jl-abbreviation"),
    # "jl." and "a.s." end a sentence before a word that opens one (kst-21501-20-512)
    pytest.param("Dat gebeurt in de agenda voor de Top d.d. 11 maart a.s. Deze agenda gaat uw Kamer volgende week toe.",
                 ["Dat gebeurt in de agenda voor de Top d.d. 11 maart a.s.", "Deze agenda gaat uw Kamer volgende week toe."], id="a.s.-ends"),
    pytest.param("Naar aanleiding van de motie (Kamerstuknr. 2012–2013, CII, B) deel ik U mede dat ik dat zal doen.",
                 ["Naar aanleiding van de motie (Kamerstuknr. 2012–2013, CII, B) deel ik U mede dat ik dat zal doen."], id="kamerstuknr"),
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
    # a heading longer than a short line, after a finished sentence (kst-23432-486)
    pytest.param("naar aanleiding van het externe\nonderzoek.\nKabinetsinzet twee-statenoplossing en belang Palestijns maatschappelijk middenveld\nHet kabinet blijft inzetten op een twee-statenoplossing.",
                 ["naar aanleiding van het externe\nonderzoek.", "Kabinetsinzet twee-statenoplossing en belang Palestijns maatschappelijk middenveld",
                  "Het kabinet blijft inzetten op een twee-statenoplossing."], id="long-heading"),
    # but not the first line of a wrapped sentence, nor a date wrapped before its year
    pytest.param("Dat klopt.\nDeze brief gaat in op de vragen gesteld door de vaste commissie voor\nBuitenlandse Zaken over de inzet.",
                 ["Dat klopt.", "Deze brief gaat in op de vragen gesteld door de vaste commissie voor\nBuitenlandse Zaken over de inzet."], id="wrapped-first-line"),
    # a heading of any length before a line that opens with a sentence's first word
    pytest.param("Dat klopt.\nToezegging aan het lid Jansen (VVD) over de evaluatie van de Wet Veiligheidsregio's\nIk zal de Kamer informeren.",
                 ["Dat klopt.", "Toezegging aan het lid Jansen (VVD) over de evaluatie van de Wet Veiligheidsregio's", "Ik zal de Kamer informeren."], id="heading-before-ik"),
    # list items on lines of their own: each capitalised item is a sentence, without its bullet
    # (kst-29248-326); lowercase items continue the sentence that introduced them
    pytest.param("De brief volgt de volgende opbouw:\n– Wat is gepast gebruik?\n– We werken langs meerdere lijnen aan resultaat.",
                 ["De brief volgt de volgende opbouw:", "Wat is gepast gebruik?", "We werken langs meerdere lijnen aan resultaat."], id="bullets"),
    # items ending in ";" go on with the sentence that introduced them, blank lines between or not (dev18)
    pytest.param("Zes actielijnen waarop we ons gaan richten:\n\n  • Een optimaal topsportklimaat;\n\n  • Een brede basis.\n\nDaarna volgt meer.",
                 ["Zes actielijnen waarop we ons gaan richten:\n\n  • Een optimaal topsportklimaat;\n\n  • Een brede basis.", "Daarna volgt meer."], id="list-items-with-semicolons"),
    pytest.param("Het kabinet neemt maatregelen:\n• de regeling wordt aangepast;\n• de boete gaat omhoog.",
                 ["Het kabinet neemt maatregelen:\n• de regeling wordt aangepast;\n• de boete gaat omhoog."], id="lowercase-items"),
    # a dash inside a line is no bullet ("Bijleveld-Schouten A.Th.B. - 24 maart 2009")
    pytest.param("Zaak: Brief regering - staatssecretaris, Bijleveld-Schouten A.Th.B. - 24 maart 2009",
                 ["Zaak: Brief regering - staatssecretaris, Bijleveld-Schouten A.Th.B. - 24 maart 2009"], id="inline-dash"),
    pytest.param("Dat klopt.\nBesluitenlijst van de extra procedurevergadering van dinsdag 8 maart\n2011 is vastgesteld.",
                 ["Dat klopt.", "Besluitenlijst van de extra procedurevergadering van dinsdag 8 maart\n2011 is vastgesteld."], id="wrapped-before-year"),
])
def test_sentence_bounds(text, expected):
    assert sentences(text) == expected


def test_long_text_is_split_in_every_sentence():
    # a stop every few words over a long text (the linear-time guarantee itself is checked
    # without timing by test_pathological_inputs_do_not_stall)
    text = "Ik zal u informeren. " * 20000
    assert len(sentence_bounds(text, ABBREVIATIONS)) == 20000


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


# --- no pathological input stalls the splitter ----------------------------------------------

# One unit repeated to 16 KB and to 32 KB (n and 2n). Each once took seconds (8 KB of "."
# 8.5 s: the stop regex backtracked over the run of dots); linear, all of them together take
# well under a second. Work is not timed here: the subprocess gets a hard timeout as a safety
# net, and the test asserts only that it finishes.
PATHOLOGICAL_UNITS = [".", "(", "(1) ", "30 821, ", "nr. ", "–", "\n", "1) ", ". ", "a. ", "...\n", ".¹ ",
                      "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z. ", "x" * 50 + ". ", " \n", "?!", ".)"]
STALL_TIMEOUT = 20  # seconds, for all units at both sizes (a quadratic one needs minutes)

_STALL_RUNNER = r"""
import json, sys
from pipeline.components.sentences import sentence_bounds
from pipeline.run.assemble import DEFAULT_CONFIGS
from pipeline.common.rules import read_lexicon
abbreviations = frozenset(f[0].lower() for _, f in read_lexicon(DEFAULT_CONFIGS / "tokenizer" / "abbreviations.txt"))
for unit in json.loads(sys.argv[1]):
    for size in (16000, 32000):
        print(json.dumps([unit, size]), flush=True)
        sentence_bounds(unit * (size // len(unit)), abbreviations)
print("done", flush=True)
"""


def test_pathological_inputs_do_not_stall():
    assert_finishes(_STALL_RUNNER, PATHOLOGICAL_UNITS, STALL_TIMEOUT, "sentence_bounds")


@pytest.mark.parametrize("unit", [".", "..", "(", "(1) ", "–", "\n", ". ", "a.b. ", "jl. "])
def test_pathological_runs_split_as_before(unit):
    """What the splitter makes of the runs (the linear rewrite must not change it)."""
    text = unit * 50
    expected = {
        ".": [text], "..": [text], "(": [text], "(1) ": [text.strip()], "–": [text], "\n": [],
        ". ": [text.strip()], "a.b. ": [text.strip()], "jl. ": [text.strip()],
    }[unit]
    assert sentences(text) == expected


def test_long_words_before_a_stop_are_read_whole():
    """The word before a stop is read back to its start, however long: a long chain of
    initials is still an abbreviation, and an opener before it is still stripped."""
    initials = "a." * 30
    assert sentences(f"Zie {initials} Dan volgt meer.") == [f"Zie {initials} Dan volgt meer."]
    assert sentences(f"Zie (((((((((((((((((((((((((((((((((((((((((((((((jl. Dan.") == \
        ["Zie (((((((((((((((((((((((((((((((((((((((((((((((jl. Dan."]
    assert sentences("Zie " + "x" * 60 + ". Dan.") == ["Zie " + "x" * 60 + ".", "Dan."]
