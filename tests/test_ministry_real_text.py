"""MINISTRY and COMMITTEE on real documents as they come (issue 14 item 4): coordinated titles
with a title that names its ministry alone, committee names with lowercase words inside,
spelling slips of the source in known names, and ministries named without a title.
Sentences written for these tests."""

import pytest

from pipeline.components.ministry import within_edits


def found(annotate, text, labels=("MINISTRY", "COMMITTEE")):
    return [(s["label"], s["text"], s["attrs"]["ministries"], s["attrs"]["role"])
            for s in annotate(text, date="2024-03-01").spans if s["label"] in labels]


CASES = [
    # coordinated titles: one span, every ministry in text order
    ("Daarom hebben de Minister-President en de Minister van Justitie en Veiligheid besloten.",
     [("MINISTRY", "Minister-President en de Minister van Justitie en Veiligheid", ["AZ", "JenV"], "minister_president")]),
    ("De Minister-President en de Staatssecretaris van Financiën antwoorden.",
     [("MINISTRY", "Minister-President en de Staatssecretaris van Financiën", ["AZ", "FIN"], "minister_president")]),
    ("De minister-president sprak.", [("MINISTRY", "minister-president", ["AZ"], "minister_president")]),
    # committee names are not cut inside the name
    ("De parlementaire ondervragingscommissie Ongewenste Beïnvloeding uit Onvrije Landen heeft gesproken.",
     [("COMMITTEE", "parlementaire ondervragingscommissie Ongewenste Beïnvloeding uit Onvrije Landen", [], "committee")]),
    ("De parlementaire enquêtecommissie Fraudebeleid en Dienstverlening hoorde getuigen.",
     [("COMMITTEE", "parlementaire enquêtecommissie Fraudebeleid en Dienstverlening", [], "committee")]),
    ("De tijdelijke commissie Digitale Toekomst van de Kamer.",
     [("COMMITTEE", "tijdelijke commissie Digitale Toekomst", [], "committee")]),
    # spelling slips of the source in known names (edit distance on long words only)
    ("De Minister van Binnenlandse Zaken en Koninkrijkrelaties schrijft.",
     [("MINISTRY", "Minister van Binnenlandse Zaken en Koninkrijkrelaties", ["BZK"], "minister")]),
    ("De Minister van Binnenlanse Zaken en Koninkrijksrelaties schrijft.",
     [("MINISTRY", "Minister van Binnenlanse Zaken en Koninkrijksrelaties", ["BZK"], "minister")]),
    ("De vaste commissie voor Binnenlandse Zaken en Koninkrijkrelaties vergadert.",
     [("COMMITTEE", "vaste commissie voor Binnenlandse Zaken en Koninkrijkrelaties", ["BZK"], "committee")]),
    ("Minister Bruins Slot (Binnenlandse Zaken en Koninkrijkrelaties) antwoordt.",
     [("MINISTRY", "Binnenlandse Zaken en Koninkrijkrelaties", ["BZK"], "minister")]),
    ("De Minister van Sociale Zaken en Werkgelegeheid schrijft.",
     [("MINISTRY", "Minister van Sociale Zaken en Werkgelegeheid", ["SZW"], "minister")]),
    ("De Minister van Buitenlandse Zakken schrijft.", []),      # "Zaken" is short: no slip allowed
    ("De Minister van Defensei schrijft.", []),                # two edits in an eight-letter word
    ("De Minister van Binnenlandse Zaken en Koninkrijksrelaties schrijft.",
     [("MINISTRY", "Minister van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "minister")]),
    # ministries named without a title: role ministry
    ("De inzet van Defensie bij de overstromingen was groot.", [("MINISTRY", "Defensie", ["DEF"], "ministry")]),
    ("Ik heb navraag gedaan bij Buitenlandse Zaken.", [("MINISTRY", "Buitenlandse Zaken", ["BZ"], "ministry")]),
    ("Mijn collega's van Financiën weten dat.", [("MINISTRY", "Financiën", ["FIN"], "ministry")]),
    ("Defensie heeft honderd militairen ingezet.", [("MINISTRY", "Defensie", ["DEF"], "ministry")]),
    # the concept, compounds, capitals and names are not
    ("Wij willen een sterke Europese defensie.", []),
    ("Een hogere defensiebegroting is nodig.", []),
    ("De financiën van gemeenten staan onder druk.", []),
    ("DEFENSIE EN VEILIGHEID", []),
    ("De Europese Defensie Unie bestaat niet.", []),
    ("Hij studeerde aan de Koninklijke Defensie Academie.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:45] for c in CASES])
def test_ministries_in_real_text(annotate, text, expected):
    assert found(annotate, text) == expected


@pytest.mark.parametrize("a, b, limit, distance", [
    ("koninkrijksrelaties", "koninkrijkrelaties", 2, 1),
    ("binnenlandse", "binnenlanse", 1, 1),
    ("defensie", "defensei", 1, 2),       # over the limit: limit + 1
    ("zaken", "zaken", 0, 0),
])
def test_within_edits(a, b, limit, distance):
    assert within_edits(a, b, limit) == distance
