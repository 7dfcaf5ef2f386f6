"""MINISTRY and COMMITTEE spans, meta.authors / signatories / on_behalf_of / speakers (issue 5).

Unit tables use real strings: from the corpus (shared/corpus), the gold excerpts, domain.md §1
and GUIDELINES.md. The matcher is built from configs/ministry/ alone (fast, and independent
of the other components); the corpus and gold tests run the assembled pipeline.
"""

import json
import re
from pathlib import Path

import pytest

from pipeline.components.ministry import (
    MinistryMatcher, annotate, code_for, dehyphenate, form_pattern, parse_chain, read_gazetteer,
    read_patterns, to_original)
from pipeline.components.fastre import trie_pattern as trie_regex
from pipeline.common.rules import RuleFileError

CONFIGS = Path(__file__).resolve().parent.parent / "configs" / "ministry"


@pytest.fixture(scope="module")
def matcher():
    return MinistryMatcher(read_gazetteer(CONFIGS / "gazetteer.yml"), read_patterns(CONFIGS / "patterns.yml"))


def tagged(matcher, text, date=None, label="MINISTRY"):
    spans, _ = annotate(matcher, text, date)
    return [(text[s:e], attrs["ministries"], attrs["role"]) for lab, s, e, attrs, _ in spans if lab == label]


# ------------------------------------------------------------------ titles (positives)

TITLES = [
    # shared/corpus and gold
    ("BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID", "2023-09-25",
     [("MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID", ["SZW"], "minister")], "kst-heading"),
    ("De Ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties hebben", "2023-09-25",
     [("Ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties", ["JenV", "BZK"], "minister")],
     "coordinated-no-repeated-van"),
    ("mede namens mij en de Ministers voor Buitenlandse Zaken en Defensie, geïnformeerd", "2023-09-25",
     [("Ministers voor Buitenlandse Zaken en Defensie", ["BZ", "DEF"], "minister")], "voor-instead-of-van"),
    ("door de Ministers van Binnenlandse Zaken en Koninkrijksrelaties, Defensie, Justitie en Veiligheid, "
     "Buitenlandse Zaken, Economische Zaken en Klimaat, Onderwijs Cultuur en Wetenschap, Buitenlandse Handel en "
     "Ontwikkelingssamenwerking en mij geïnformeerd", "2023-09-25",
     [("Ministers van Binnenlandse Zaken en Koninkrijksrelaties, Defensie, Justitie en Veiligheid, Buitenlandse "
       "Zaken, Economische Zaken en Klimaat, Onderwijs Cultuur en Wetenschap, Buitenlandse Handel en "
       "Ontwikkelingssamenwerking", ["BZK", "DEF", "JenV", "BZ", "EZK", "OCW", "BHO"], "minister")], "seven-no-comma"),
    ("Op 6 april jl. is uw Kamer door de Ministers van Buitenlandse Zaken en Justitie en Veiligheid, mede namens mij",
     "2023-09-25", [("Ministers van Buitenlandse Zaken en Justitie en Veiligheid", ["BZ", "JenV"], "minister")],
     "bz-and-jenv"),
    ("Als Minister van Sociale Zaken en Werkgelegenheid zet ik in op", "2023-09-25",
     [("Minister van Sociale Zaken en Werkgelegenheid", ["SZW"], "minister")], "als-minister"),
    ("aan de ministers van Landbouw, Natuur en Voedselkwaliteit en van Justitie en Veiligheid over", "2023-10-18",
     [("ministers van Landbouw, Natuur en Voedselkwaliteit en van Justitie en Veiligheid", ["LNV", "JenV"], "minister")],
     "lnv-en-van-jenv"),
    ("aan de staatssecretaris van Infrastructuur en de minister van Justitie en Veiligheid over", "2023-12-04",
     [("staatssecretaris van Infrastructuur", ["IenW"], "state_secretary"),
      ("minister van Justitie en Veiligheid", ["JenV"], "minister")], "short-infrastructuur-two-spans"),
    ("Mede namens de staatssecretaris van Infrastructuur en Waterstaat,", "2023-12-04",
     [("staatssecretaris van Infrastructuur en Waterstaat", ["IenW"], "state_secretary")], "stas-ienw"),
    ("Vragen van het lid Kostic ´ (PvdD) aan de Minister voor Natuur en Stikstof over", "2024-04-05",
     [("Minister voor Natuur en Stikstof", ["LNV"], "minister_for")], "minister-voor-portfolio"),
    ("Antwoord van Minister Van der Wal-Zeggelink (Natuur en Stikstof)\n(ontvangen 5 april 2024).", "2024-04-05",
     [("Natuur en Stikstof", ["LNV"], "minister")], "parenthesis-portfolio"),
    ("Antwoord van Minister Bruins Slot (Buitenlandse Zaken) (ontvangen\n13 november 2023).", "2023-11-13",
     [("Buitenlandse Zaken", ["BZ"], "minister")], "parenthesis-ministry"),
    ("Vragen van het lid Boswijk (CDA) aan de Minister van Buitenlandse Zaken\nover de situatie", "2023-11-13",
     [("Minister van Buitenlandse Zaken", ["BZ"], "minister")], "aanhangsel-addressee"),
    ("de heer De Jonge, minister van Volksgezondheid, Welzijn en Sport, viceminister-president, mevrouw Keijzer, "
     "staatssecretaris van Economische Zaken en Klimaat,", "2018-04-05",
     [("minister van Volksgezondheid, Welzijn en Sport", ["VWS"], "minister"),
      ("staatssecretaris van Economische Zaken en Klimaat", ["EZK"], "state_secretary")], "attendance-list"),
    ("Zoals u weet, gaat de minister van LNV samen met de minister van Binnenlandse Zaken over de zogenoemde "
     "regio-envelop", "2018-04-05",
     [("minister van LNV", ["LNV"], "minister"), ("minister van Binnenlandse Zaken", ["BZK"], "minister")],
     "short-binnenlandse-zaken-2018"),
    ("Ten aanzien van Zeeland: het ministerie van EZK zit in de Economic Board Zeeland", "2018-04-05",
     [("ministerie van EZK", ["EZK"], "ministry")], "ministerie-abbreviation"),
    ("Dat debat zal de Kamer voeren met de minister en de staatssecretaris van Infrastructuur en Waterstaat, die",
     "2019-05-16", [("minister en de staatssecretaris van Infrastructuur en Waterstaat", ["IenW"], "minister")],
     "minister-en-de-staatssecretaris"),
    ("Ik heet de staatssecretaris van Justitie en Veiligheid van harte welkom in de Eerste Kamer", "2022-07-12",
     [("staatssecretaris van Justitie en Veiligheid", ["JenV"], "state_secretary")], "eerste-kamer"),
    ("Besluit: Minister BZK verzoeken om reeds gestelde schriftelijke vragen", "2009-04-03",
     [("Minister BZK", ["BZK"], "minister")], "title-abbreviation-without-van"),
    ("Verzoek van het lid Karabulut (SP) om de minister-president uit te \nnodigen", "2015-03-27",
     [("minister-president", ["AZ"], "minister_president")], "minister-president"),
    ("Zaak:   Brief regering - minister van Justitie, Hirsch Ballin E.M.H.", "2009-04-03",
     [("minister van Justitie", ["JUS"], "minister")], "justitie-2009"),
    ("Het al dan niet gratis aanbieden van een niet-spoednummer is een verantwoordelijkheid van het ministerie van "
     "Defensie.", "2024-01-11", [("ministerie van Defensie", ["DEF"], "ministry")], "ministerie-van-defensie"),
    ("Als minister van Justitie en Veiligheid ga ik hier niet over.", "2023-12-04",
     [("minister van Justitie en Veiligheid", ["JenV"], "minister")], "lowercase-transcript"),
    ("Ik heb begrepen van de minister van VWS dat", "2018-04-05", [("minister van VWS", ["VWS"], "minister")],
     "handelingen-vws"),
    ("in een gesprek met de staatssecretaris van Financiën", "2018-04-05",
     [("staatssecretaris van Financiën", ["FIN"], "state_secretary")], "stas-financien"),
    # domain.md §1.6 (letter headings and running text)
    ("BRIEF VAN DE MINISTER VAN KLIMAAT EN GROENE GROEI", "2024-11-01",
     [("MINISTER VAN KLIMAAT EN GROENE GROEI", ["KGG"], "minister")], "kgg"),
    ("BRIEF VAN DE MINISTER VOOR VOLKSHUISVESTING EN RUIMTELIJKE ORDENING", "2022-06-01",
     [("MINISTER VOOR VOLKSHUISVESTING EN RUIMTELIJKE ORDENING", ["VRO"], "minister")], "minister-voor-vro"),
    ("BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN VAN JUSTITIE EN VEILIGHEID", "2023-04-06",
     [("MINISTERS VAN BUITENLANDSE ZAKEN EN VAN JUSTITIE EN VEILIGHEID", ["BZ", "JenV"], "minister")], "caps-en-van"),
    ("BRIEF VAN DE MINISTER EN STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID", "2024-07-01",
     [("MINISTER EN STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID", ["JenV"], "minister")], "minister-en-stas"),
    ("BRIEF VAN DE STAATSSECRETARIS EN MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", "2024-03-01",
     [("STAATSSECRETARIS EN MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", ["BZK"], "state_secretary")],
     "stas-en-minister"),
    ("BRIEF VAN DE MINISTERS VAN SOCIALE ZAKEN EN WERKGELEGENHEID, VAN JUSTITIE EN VEILIGHEID, VAN "
     "VOLKSGEZONDHEID, WELZIJN EN SPORT EN VOOR BASIS- EN VOORTGEZET ONDERWIJS EN MEDIA", "2019-01-01",
     [("MINISTERS VAN SOCIALE ZAKEN EN WERKGELEGENHEID, VAN JUSTITIE EN VEILIGHEID, VAN VOLKSGEZONDHEID, WELZIJN "
       "EN SPORT EN VOOR BASIS- EN VOORTGEZET ONDERWIJS EN MEDIA", ["SZW", "JenV", "VWS", "OCW"], "minister")],
     "mixed-van-voor-chain"),
    ("BRIEF VAN DE MINISTERS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES, VAN SOCIALE ZAKEN EN WERKGELEGENHEID, "
     "VAN JUSTITIE EN VEILIGHEID, VAN ONDERWIJS, CULTUUR EN WETENSCHAP EN VOOR LANGDURIGE ZORG EN SPORT EN "
     "VOLKSHUISVESTING EN RUIMTELIJKE ORDENING", "2022-09-01",
     [("MINISTERS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES, VAN SOCIALE ZAKEN EN WERKGELEGENHEID, VAN JUSTITIE "
       "EN VEILIGHEID, VAN ONDERWIJS, CULTUUR EN WETENSCHAP EN VOOR LANGDURIGE ZORG EN SPORT EN VOLKSHUISVESTING EN "
       "RUIMTELIJKE ORDENING", ["BZK", "SZW", "JenV", "OCW", "VWS", "VRO"], "minister")], "two-portfolios-glued"),
    ("BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID EN DE MINISTER VOOR VOLKSHUISVESTING EN RUIMTELIJKE "
     "ORDENING", "2023-02-01",
     [("STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID", ["JenV"], "state_secretary"),
      ("MINISTER VOOR VOLKSHUISVESTING EN RUIMTELIJKE ORDENING", ["VRO"], "minister")], "en-de-starts-new-span"),
    ("Brief van de ministers van Justitie en Veiligheid en van Buitenlandse Zaken en de staatssecretaris van Sociale "
     "Zaken en Werkgelegenheid", "2024-09-01",
     [("ministers van Justitie en Veiligheid en van Buitenlandse Zaken", ["JenV", "BZ"], "minister"),
      ("staatssecretaris van Sociale Zaken en Werkgelegenheid", ["SZW"], "state_secretary")], "tkconv-lowercase"),
    ("mede namens de Ministers van SZW, OCW en LNV, de Ministers voor VRO, Armoedebeleid, Participatie en Pensioenen "
     "en Natuur en Stikstof en de Staatssecretaris van VWS", "2022-09-01",
     [("Ministers van SZW, OCW en LNV", ["SZW", "OCW", "LNV"], "minister"),
      ("Ministers voor VRO, Armoedebeleid, Participatie en Pensioenen en Natuur en Stikstof", ["VRO", "SZW", "LNV"],
       "minister"),
      ("Staatssecretaris van VWS", ["VWS"], "state_secretary")], "abbreviations-in-mede-namens"),
    ("mede namens de Minister van Buitenlandse Zaken en de Staatssecretarissen van Sociale Zaken en Werkgelegenheid "
     "en Onderwijs, Cultuur en Wetenschap", "2025-01-20",
     [("Minister van Buitenlandse Zaken", ["BZ"], "minister"),
      ("Staatssecretarissen van Sociale Zaken en Werkgelegenheid en Onderwijs, Cultuur en Wetenschap", ["SZW", "OCW"],
       "state_secretary")], "staatssecretarissen"),
    ("aan de Minister van SZW en de Minister en Staatssecretaris van JenV", "2024-04-01",
     [("Minister van SZW", ["SZW"], "minister"), ("Minister en Staatssecretaris van JenV", ["JenV"], "minister")],
     "minister-en-stas-abbreviation"),
    ("de Minister-President, Minister van Algemene Zaken", "2024-01-01",
     [("Minister-President", ["AZ"], "minister_president"), ("Minister van Algemene Zaken", ["AZ"], "minister")],
     "mp-and-az"),
    ("de brief van de Minister van Sociale Zaken en Werkgelegenheid, Vice-Minister-President d.d. 22 februari 2017",
     "2017-03-01", [("Minister van Sociale Zaken en Werkgelegenheid", ["SZW"], "minister")], "vice-mp-not-az"),
    ("Vice-Minister-President, Minister Asscher van Sociale Zaken en Werkgelegenheid", "2016-01-01",
     [("Minister Asscher van Sociale Zaken en Werkgelegenheid", ["SZW"], "minister")], "person-between"),
    ("met minister Van der Laan voor Wonen, Wijken en Integratie", "2008-06-01",
     [("minister Van der Laan voor Wonen, Wijken en Integratie", ["VROM"], "minister_for")], "person-wwi-2008"),
    ("met mevrouw Klever, minister voor Buitenlandse Handel en Ontwikkelingshulp", "2024-10-01",
     [("minister voor Buitenlandse Handel en Ontwikkelingshulp", ["BHO"], "minister_for")], "bho-2024"),
    ("mevrouw Kaag, Minister van Buitenlandse Zaken en Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
     "2019-01-01", [("Minister van Buitenlandse Zaken", ["BZ"], "minister"),
                    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", ["BHO"], "minister_for")],
     "double-role"),
    ("Minister van BHOS", "2023-01-01", [("Minister van BHOS", ["BHO"], "minister")], "bhos"),
    ("Ministerie van Sociale Zaken & Werkgelegenheid", "2022-06-01",
     [("Ministerie van Sociale Zaken & Werkgelegenheid", ["SZW"], "ministry")], "ampersand"),
    ("Onze Minister van Binnenlandse Zaken en Koninkrijksrelaties is belast met de uitvoering", "2024-01-01",
     [("Minister van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "minister")], "onze-minister"),
    ("Ministers: de Minister van Justitie en Veiligheid en de Minister voor Rechtsbescherming", "2024-01-01",
     [("Minister van Justitie en Veiligheid", ["JenV"], "minister"),
      ("Minister voor Rechtsbescherming", ["JenV"], "minister_for")], "rechtsbescherming"),
    ("de heer Nobel, Staatssecretaris Participatie en Integratie, mevrouw Paul, Staatssecretaris Funderend Onderwijs "
     "en Emancipatie", "2025-03-27",
     [("Staatssecretaris Participatie en Integratie", ["SZW"], "state_secretary"),
      ("Staatssecretaris Funderend Onderwijs en Emancipatie", ["OCW"], "state_secretary")], "portfolio-titles"),
    ("de heer Struycken, staatssecretaris Rechtsbescherming", "2024-10-01",
     [("staatssecretaris Rechtsbescherming", ["JenV"], "state_secretary")], "stas-rechtsbescherming"),
    ("de Staatssecretaris Langdurige en Maatschappelijke Zorg en de Staatssecretaris Jeugd, Preventie en Sport",
     "2024-10-01", [("Staatssecretaris Langdurige en Maatschappelijke Zorg", ["VWS"], "state_secretary"),
                    ("Staatssecretaris Jeugd, Preventie en Sport", ["VWS"], "state_secretary")], "vws-portfolios"),
    ("mevrouw Boerma, staatssecretaris Buitenlandse Handel", "2025-10-01",
     [("staatssecretaris Buitenlandse Handel", ["BHO"], "state_secretary")], "stas-buitenlandse-handel"),
    ("de staatssecretaris Cultuur en Media van 27 december 2022", "2023-01-01",
     [("staatssecretaris Cultuur en Media", ["OCW"], "state_secretary")], "cultuur-en-media"),
    ("de Staatssecretaris van Digitalisering en Koninkrijksrelaties", "2023-11-09",
     [("Staatssecretaris van Digitalisering en Koninkrijksrelaties", ["BZK"], "state_secretary")], "digitalisering"),
    ("Staatssecretaris Jurgen Nobel (Participatie en Integratie, VVD)", "2025-01-01",
     [("Participatie en Integratie", ["SZW"], "state_secretary")], "parenthesis-with-party"),
    ("Antwoord van Staatssecretaris Van Huffelen (Binnenlandse Zaken en Koninkrijksrelaties)", "2024-04-01",
     [("Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "state_secretary")], "parenthesis-stas"),
    ("de ministers van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer, van Landbouw, Natuurbeheer en Visserij "
     "en van Verkeer en Waterstaat", "1996-12-01",
     [("ministers van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer, van Landbouw, Natuurbeheer en Visserij "
       "en van Verkeer en Waterstaat", ["VROM", "LNV", "VenW"], "minister")], "1996-three"),
    ("Onze Minister van Economische Zaken, Landbouw en Innovatie en Onze Minister van Veiligheid en Justitie",
     "2011-06-01", [("Minister van Economische Zaken, Landbouw en Innovatie", ["ELI"], "minister"),
                    ("Minister van Veiligheid en Justitie", ["VenJ"], "minister")], "eli-venj"),
    ("MINISTERS VAN JUSTITIE EN VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", "2005-01-01",
     [("MINISTERS VAN JUSTITIE EN VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", ["JUS", "BZK"], "minister")],
     "justitie-2005"),
    ("D.M. van Weel, minister van Asiel en Migratie", "2025-10-01",
     [("minister van Asiel en Migratie", ["AenM"], "minister")], "aenm"),
    ("staatssecretaris van Justitie en Veiligheid - rechtsbescherming en gevangeniswezen", "2026-03-01",
     [("staatssecretaris van Justitie en Veiligheid", ["JenV"], "state_secretary")], "jetten-stas"),
    ("Minister voor Medische Zorg en Sport", "2020-01-01",
     [("Minister voor Medische Zorg en Sport", ["VWS"], "minister_for")], "medische-zorg"),
    ("Minister voor Langdurige Zorg en Sport", "2023-01-01",
     [("Minister voor Langdurige Zorg en Sport", ["VWS"], "minister_for")], "langdurige-zorg"),
    ("Minister voor Primair en Voortgezet Onderwijs", "2023-01-01",
     [("Minister voor Primair en Voortgezet Onderwijs", ["OCW"], "minister_for")], "pvo"),
    ("minister voor Basis- en Voortgezet Onderwijs en Media", "2019-01-01",
     [("minister voor Basis- en Voortgezet Onderwijs en Media", ["OCW"], "minister_for")], "bvom"),
    ("Minister voor Armoedebeleid, Participatie en Pensioenen", "2023-01-01",
     [("Minister voor Armoedebeleid, Participatie en Pensioenen", ["SZW"], "minister_for")], "app"),
    ("Minister voor Klimaat en Energie", "2023-01-01",
     [("Minister voor Klimaat en Energie", ["EZK"], "minister_for")], "klimaat-energie"),
    ("Minister voor Grote Steden- en Integratiebeleid", "2001-01-01",
     [("Minister voor Grote Steden- en Integratiebeleid", ["BZK"], "minister_for")], "gsi"),
    ("minister voor Vreemdelingenzaken en Integratie (Verdonk)", "2005-06-01",
     [("minister voor Vreemdelingenzaken en Integratie", ["JUS"], "minister_for")], "vreemdelingenzaken"),
    ("minister voor Immigratie, Integratie en Asiel (Leers)", "2012-01-01",
     [("minister voor Immigratie, Integratie en Asiel", ["BZK"], "minister_for")], "iia"),
    ("Minister voor Nederlands-Antilliaanse en Arubaanse Zaken", "1990-01-01",
     [("Minister voor Nederlands-Antilliaanse en Arubaanse Zaken", ["BIZA"], "minister_for")], "antillen"),
    # GUIDELINES.md table
    ("het Ministerie van BZK", "2023-01-01", [("Ministerie van BZK", ["BZK"], "ministry")], "guidelines-ministerie"),
    ("Staatssecretaris van Financiën", "2023-01-01",
     [("Staatssecretaris van Financiën", ["FIN"], "state_secretary")], "guidelines-stas"),
    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "2023-01-01",
     [("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", ["BHO"], "minister_for")],
     "guidelines-bho"),
    # names and abbreviations without a title
    ("Hij werkt bij Buitenlandse Zaken", "2023-01-01", [("Buitenlandse Zaken", ["BZ"], "ministry")], "bare-name"),
    ("collega's van VWS, SZW, JenV en OCW", "2023-01-01",
     [("VWS", ["VWS"], "abbreviation"), ("SZW", ["SZW"], "abbreviation"), ("JenV", ["JenV"], "abbreviation"),
      ("OCW", ["OCW"], "abbreviation")], "bare-abbreviation-list"),
    ("Ik weet dat mijn collega van LNV zich hiervoor inzet.", "2018-04-05", [("LNV", ["LNV"], "abbreviation")],
     "collega-van-lnv"),
    ("In opdracht van het ministerie van Buitenlandse Zaken en dat van Economische Zaken is deze door de RVO "
     "ontwikkeld.", "2018-04-05", [("ministerie van Buitenlandse Zaken", ["BZ"], "ministry"),
                                   ("Economische Zaken", ["EZK"], "ministry")], "dat-van-economische-zaken"),
    ("het loket voor ondernemers van Economische Zaken, staat met koeienletters", "2018-04-05",
     [("Economische Zaken", ["EZK"], "ministry")], "bare-ez-2018"),
    ("Het ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK)", "2023-01-01",
     [("ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "ministry"),
      ("BZK", ["BZK"], "abbreviation")], "defined-abbreviation"),
]


@pytest.mark.parametrize("text,date,expected", [pytest.param(t, d, e, id=i) for t, d, e, i in TITLES])
def test_ministry_spans(matcher, text, date, expected):
    assert tagged(matcher, text, date) == expected


# ------------------------------------------------------------------ not ministries

NEGATIVES = [
    ("De HV gaf aan dat de Armeense Minister\nvan Buitenlandse Zaken uitgenodigd zal worden voor de RBZ", "foreign"),
    ("Daarnaast is tijdens de Raad Buitenlandse Zaken (RBZ)\nvan 23 oktober jl. ook kort gesproken", "eu-council"),
    ("kunt u dit als voorstel op tafel leggen tijdens de eerstvolgende Raad\nBuitenlandse Zaken?", "council-broken"),
    ("met de Hoge vertegenwoordiger van de Unie voor\nbuitenlandse zaken en veiligheidsbeleid", "lowercase-name"),
    ("Ook heeft minister Blok hier inmiddels een gesprek over gehad.", "minister-person"),
    ("Minister Bruins", "guidelines-minister-bruins"),
    ("Ik wil graag van de minister weten wat de steun in de breedste zin van het woord is geweest.", "de-minister"),
    ("Het kabinet zal in een separate brief op deze vraag ingaan", "kabinet"),
    ("verzoekt de regering om", "regering"),
    ("Wat is de huidige positie van uw ministerie met betrekking tot", "uw-ministerie"),
    ("is het aan het Openbaar Ministerie (OM) als bevoegd gezag", "openbaar-ministerie"),
    ("www.rijksoverheid.nl/jenv", "url"),
    ("Ook de Raad voor Volksgezondheid en Samenleving verwijst daarnaar", "raad-voor"),
    ("Het is af en toe best even zoeken in het kabinet.", "kabinet-2"),
    ("de AIVD, de NCTV, de IND en de Politie", "agencies"),
    ("De oud-minister van Economische Zaken, de heer Kamp, heeft bijvoorbeeld", "oud-minister"),
    ("viceminister-president", "viceminister-president-alone"),
    ("Vice-Minister-President", "vice-minister-president-alone"),
    ("Daarnaast doen we al die verschillende zaken die ik net genoemd heb", "lowercase-zaken"),
    ("Minister Van Engelshoven:", "speaker-label"),
    ("Even de minister uit laten praten. Minister.", "minister-alone"),
    ("Dus de minister handhaaft haar oordeel ontraden.", "de-minister-2"),
    ("Rijksoverheid", "rijksoverheid"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for t, i in NEGATIVES])
def test_not_ministry(matcher, text):
    spans, _ = annotate(matcher, text, "2023-11-13")
    assert [text[s:e] for lab, s, e, _, _ in spans if lab == "MINISTRY"] == []


def test_viceminister_president_keeps_the_ministry(matcher):
    # h-tk-20172018-70-1: the vice-premier title names no ministry of its own (gold tags none)
    text = ("mevrouw Ollongren, minister van Binnenlandse Zaken en Koninkrijksrelaties, viceminister-president, en de "
            "heer Wiebes")
    assert tagged(matcher, text, "2018-04-05") == [
        ("minister van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "minister")]


# ------------------------------------------------------------------ committees

COMMITTEES = [
    ("De vaste commissie voor Sociale Zaken en Werkgelegenheid heeft om een brief verzocht", "2023-09-25",
     [("vaste commissie voor Sociale Zaken en Werkgelegenheid", ["SZW"])], "vaste-commissie"),
    ("Voortouwcommissie: vaste commissie voor Binnenlandse Zaken\nDocument: Besluitenlijst", "2015-03-27",
     [("vaste commissie voor Binnenlandse Zaken", ["BZK"])], "voortouw-short-name"),
    ("Volgcommissie(s): vaste commissie voor Defensie  \n", "2011-03-08",
     [("vaste commissie voor Defensie", ["DEF"])], "volg-vaste"),
    (" Besluit: De commissie SZW attenderen op de brief", "2009-04-03", [("commissie SZW", ["SZW"])], "commissie-abbr"),
    (" Volgcommissie(s): SZW    \n", "2009-04-03", [("SZW", ["SZW"])], "volg-abbr"),
    (" Volgcommissie(s): JUST    \n", "2009-04-03", [("JUST", ["JUS"])], "just-2009"),
    (" Volgcommissie(s): WWI    \n", "2009-04-03", [("WWI", ["VROM"])], "wwi-2009"),
    (" Volgcommissie(s): VROM, JUST, BuZa, OCW, BZK, VWS, EZ, Pres    \n", "2009-04-03",
     [("VROM", ["VROM"]), ("JUST", ["JUS"]), ("BuZa", ["BZ"]), ("OCW", ["OCW"]), ("BZK", ["BZK"]), ("VWS", ["VWS"]),
      ("EZ", ["EZ"]), ("Pres", [])], "volg-list"),
    ("Volgcommissie(s): BuZa i.v.m. agendapunt 24 \nBZK i.v.m. agendapunt 24 \nEZ i.v.m. agendapunt 24 \n",
     "2009-04-03", [("BuZa", ["BZ"]), ("BZK", ["BZK"]), ("EZ", ["EZ"])], "volg-list-by-line"),
    ("Zaak:   Overig - voorzitter van de tijdelijke gemengde commissie subsidiariteitstoets, Dijk", "2009-04-03",
     [("tijdelijke gemengde commissie subsidiariteitstoets", [])], "named-committee"),
    ("Ik zit wel met meneer Paternotte in de commissie voor EZK, maar", "2018-04-05",
     [("commissie voor EZK", ["EZK"])], "commissie-voor-abbr"),
    ("33 . Agendapunt: Activiteitenoverzicht commissie BZK", "2009-04-03", [("commissie BZK", ["BZK"])], "overzicht"),
]


@pytest.mark.parametrize("text,date,expected", [pytest.param(t, d, e, id=i) for t, d, e, i in COMMITTEES])
def test_committee_spans(matcher, text, date, expected):
    spans, _ = annotate(matcher, text, date)
    assert [(text[s:e], a["ministries"]) for lab, s, e, a, _ in spans if lab == "COMMITTEE"] == expected
    assert all(a["role"] == "committee" for lab, _, _, a, _ in spans if lab == "COMMITTEE")
    # the names inside a committee are not MINISTRY spans too
    assert [lab for lab, *_ in spans if lab == "MINISTRY"] == []


@pytest.mark.parametrize("text", [
    pytest.param("29 . Agendapunt: Antwoord Europese commissie op brief Staten-Generaal over subsidiariteit", id="ec"),
    pytest.param(" Noot: De commissie zal de Voorzitter verzoeken de wetsvoorstellen", id="de-commissie"),
    pytest.param("samenstelling van selectie- en benoemingsadviescommissies", id="compound"),
    pytest.param(" Zaak:   Brief van lid/fractie/commissie - Tweede Kamerlid, Kalma P. (PvdA)", id="lid-fractie"),
])
def test_not_committee(matcher, text):
    spans, _ = annotate(matcher, text, "2009-04-03")
    assert spans == []


# ------------------------------------------------------------------ the date decides

DATED = [
    ("de minister van Justitie", "2005-01-01", ["JUS"], "justitie-jus"),
    ("de minister van Justitie", "2015-01-01", ["VenJ"], "justitie-venj"),
    ("de minister van Justitie", "2019-01-01", ["JenV"], "justitie-jenv"),
    ("de minister van Economische Zaken", "2008-01-01", ["EZ"], "ez-2008"),
    ("de minister van Economische Zaken", "2011-06-01", ["ELI"], "ez-eli"),
    ("de minister van Economische Zaken", "2015-01-01", ["EZ"], "ez-2015"),
    ("de minister van Economische Zaken", "2020-01-01", ["EZK"], "ez-ezk"),
    ("de minister van Economische Zaken", "2025-01-01", ["EZ"], "ez-schoof"),
    ("de minister van Binnenlandse Zaken", "1995-01-01", ["BIZA"], "biza"),
    ("de minister van Landbouw", "2011-01-01", ["ELI"], "landbouw-eli"),
    ("de minister van Landbouw", "2025-01-01", ["LVVN"], "landbouw-lvvn"),
    ("de minister van Economische Zaken en Klimaat en Groene Groei", "2025-01-01", ["EZ", "KGG"], "ez-en-kgg"),
    # a former ministry keeps its own code whatever the date
    ("de Minister van Veiligheid en Justitie", "2023-01-01", ["VenJ"], "former-venj"),
    ("de minister van VROM", "2023-01-01", ["VROM"], "former-vrom"),
    ("de minister van EL&I", "2023-01-01", ["ELI"], "former-eli"),
]


@pytest.mark.parametrize("text,date,codes", [pytest.param(t, d, c, id=i) for t, d, c, i in DATED])
def test_date_decides(matcher, text, date, codes):
    [(_, found, _)] = tagged(matcher, text, date)
    assert found == codes


def test_no_date_takes_the_latest_period(matcher):
    assert tagged(matcher, "de minister van Justitie") == [("minister van Justitie", ["JenV"], "minister")]


def test_code_for_schedule_bounds():
    entry = {"codes": [{"code": "A", "until": "2010-10-14"}, {"code": "B", "from": "2010-10-14"}]}
    assert code_for(entry, "2010-10-13") == ["A"]
    assert code_for(entry, "2010-10-14") == ["B"]
    assert code_for({"code": None}, "2020-01-01") == []


# ------------------------------------------------------------------ parsing pieces

def test_longest_name_wins_and_en_is_not_always_a_coordinator(matcher):
    text = "Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties hebben"
    chain = parse_chain(matcher.gaz, text, 0, "title", matcher.sep_re)
    assert [text[s:e] for s, e, _ in chain] == ["Justitie en Veiligheid", "Binnenlandse Zaken en Koninkrijksrelaties"]


def test_form_pattern_optional_comma_and_ampersand():
    regex = re.compile(form_pattern("Onderwijs, Cultuur en Wetenschap"), re.I)
    for text in ("Onderwijs, Cultuur en Wetenschap", "Onderwijs Cultuur en Wetenschap", "ONDERWIJS, CULTUUR & WETENSCHAP",
                 "Onderwijs, Cultuur en\nWetenschap"):
        assert regex.fullmatch(text), text
    assert not regex.fullmatch("Onderwijs, Cultuur en\n\nWetenschap")  # never across a paragraph


def test_trie_regex_matches_exactly_its_words():
    words = ["SZW", "SoZa", "Sociale", "VWS", "V&W"]
    regex = re.compile("(?:" + trie_regex(words) + ")$")
    assert all(regex.match(w) for w in words)
    assert not regex.match("So") and not regex.match("SZ")


def test_title_broken_by_hyphen_at_line_end(matcher):
    # PDF extractions hyphenate across lines ("Handelin-\ngen"); the span keeps the original text
    text = "Vragen aan de Minister van Binnenlandse Zaken en Koninkrijks-\nrelaties over de brief"
    assert tagged(matcher, text, "2023-01-01") == [
        ("Minister van Binnenlandse Zaken en Koninkrijks-\nrelaties", ["BZK"], "minister")]


def test_dehyphenate_offsets_map_back():
    text = "aa-\nbb cc-\ndd"
    clean, cuts = dehyphenate(text)
    assert clean == "aabb ccdd"
    start, end = to_original(cuts, clean.index("ccdd"), len(clean))
    assert text[start:end] == "cc-\ndd"


def test_gazetteer_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "gazetteer.yml"
    bad.write_text("codes: [AZ]\nministries:\n  - id: az\n    code: XX\n    names: [Algemene Zaken]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"gazetteer\.yml:4: unknown code 'XX'"):
        read_gazetteer(bad)


def test_patterns_errors_name_file_and_line(tmp_path):
    text = (CONFIGS / "patterns.yml").read_text(encoding="utf-8").replace("regex: 'ministers?'", "regex: 'ministers?('")
    bad = tmp_path / "patterns.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"patterns\.yml:\d+: invalid regular expression"):
        read_patterns(bad)


# ------------------------------------------------------------------ authors of the corpus documents

# Read from each document: heading, "Antwoord(en) van ...", signature block, "mede namens".
CORPUS_AUTHORS = [
    ("letters/kst-30821-200.txt", "2023-09-25", ["SZW"], [], ["C.E.G. van Gennip"]),
    ("answers/kv-docx-0ab70965.txt", "2024-03-24", ["JenV"], [], ["D. Yeşilgöz-Zegerius"]),
    ("answers/kv-docx-2023Z14759.txt", "2023-10-18", ["LNV"], ["JenV"], ["P. Adema"]),
    ("answers/kv-docx-2023Z19006.txt", "2023-12-04", ["JenV"], ["IenW"], ["D. Yeşilgöz-Zegerius"]),
    ("answers/kv-docx-2023Z19677.txt", "2024-01-11", ["JenV"], [], ["D. Yeşilgöz-Zegerius"]),
    ("answers/kv-docx-2024Z11859.txt", "2024-07-25", ["JenV"], [], ["D.M. van Weel"]),
    ("aanhangsel/ah-tk-20232024-1433.txt", "2024-04-05", ["LNV"], [], []),
    ("aanhangsel/ah-tk-20232024-387.txt", "2023-11-13", ["BZ"], [], []),
    # a committee's decision list: ministers are named, nobody of them wrote it
    ("besluitenlijsten/openkamer-besluitenlijst-1.txt", "2009-04-03", [], [], []),
]


@pytest.mark.parametrize("path,date,authors,behalf,names",
                         [pytest.param(*case, id=Path(case[0]).stem) for case in CORPUS_AUTHORS])
def test_corpus_authors(annotate, shared_dir, path, date, authors, behalf, names):
    record = annotate((shared_dir / "corpus" / path).read_text(encoding="utf-8"), date=date)
    assert record.meta["authors"] == authors
    assert record.meta["on_behalf_of"] == behalf
    assert [s["name"] for s in record.meta["signatories"]] == names
    assert all(s["ministry"] in authors for s in record.meta["signatories"])


# ------------------------------------------------------------------ gold

@pytest.fixture(scope="module")
def gold_runs(gold_records, annotate):
    """Each gold excerpt run through the pipeline given meta.date only (GUIDELINES "Scoring")."""
    return [(rec, annotate(rec["text"], date=rec["meta"].get("date"))) for rec in gold_records]


@pytest.mark.parametrize("label", ["MINISTRY", "COMMITTEE"])
def test_gold_targets(gold_runs, label):
    tp = pred = gold = same = 0
    for rec, out in gold_runs:
        g = {(s["start"], s["end"]): s for s in rec["spans"] if s["label"] == label}
        p = {(s["start"], s["end"]): s for s in out.spans if s["label"] == label}
        hits = set(g) & set(p)
        tp, pred, gold = tp + len(hits), pred + len(p), gold + len(g)
        same += sum(g[k]["attrs"]["ministries"] == p[k]["attrs"]["ministries"] for k in hits)
    precision, recall = tp / max(pred, 1), tp / max(gold, 1)
    f1, code_accuracy = 2 * precision * recall / max(precision + recall, 1e-9), same / max(tp, 1)
    assert f1 >= 0.95 and code_accuracy >= 0.98, (f1, code_accuracy)


def test_gold_authors(gold_runs):
    wrong = {rec["id"]: (out.meta["authors"], rec["meta"].get("authors")) for rec, out in gold_runs
             if out.meta["authors"] != rec["meta"].get("authors", [])}
    assert wrong == {}


# ------------------------------------------------------------------ speakers

def test_speakers_in_a_debate(matcher, gold_records):
    by_id = {r["id"]: r for r in gold_records}
    # the attendance list names the ministries; the turns come later in the same sitting
    text = "\n".join(by_id[i]["text"] for i in ("h-tk-20172018-70-1#0", "h-tk-20172018-70-10#17",
                                                 "h-tk-20172018-70-12#32"))
    _, meta = annotate(matcher, text, "2018-04-05")
    people = {(s["name"], s["title"], tuple(s["ministries"])) for s in meta["speakers"]}
    assert people == {("Ollongren", "minister", ("BZK",)), ("Keijzer", "staatssecretaris", ("EZK",))}
    for turn in meta["speakers"]:
        assert text[turn["start"]:].startswith(("Minister ", "Staatssecretaris "))
        assert turn["end"] == len(text) or re.match(r"(De heer|Mevrouw|De voorzitter|Minister|Staatssecretaris)",
                                                    text[turn["end"]:])


def test_speaker_ministry_from_the_chairs_welcome(matcher):
    # h-tk-20172018-70-11: "Ik heet de minister van Economische Zaken en Klimaat en de staatssecretaris van
    # Economische Zaken en Klimaat van harte welkom"
    text = ("De voorzitter:\nAan de orde is het VAO Bedrijfslevenbeleid. Ik heet de minister van Economische Zaken en "
            "Klimaat en de staatssecretaris van Economische Zaken en Klimaat van harte welkom.\n"
            "Minister Wiebes:\nIk ga niet mee in het beeld.\nDe heer Paternotte (D66):\nDe statistieken van EY.\n")
    _, meta = annotate(matcher, text, "2018-04-05")
    [turn] = meta["speakers"]
    assert (turn["name"], turn["title"], turn["ministries"]) == ("Wiebes", "minister", ["EZK"])
    assert text[turn["start"]:turn["end"]] == "Minister Wiebes:\nIk ga niet mee in het beeld.\n"


def test_speaker_without_named_ministry(matcher, gold_records):
    rec = next(r for r in gold_records if r["id"] == "h-tk-20172018-70-3#5")
    _, meta = annotate(matcher, rec["text"], "2018-04-05")
    assert {(s["name"], tuple(s["ministries"])) for s in meta["speakers"]} == {("De Jonge", ())}


def test_no_speakers_in_a_letter(matcher, shared_dir):
    text = (shared_dir / "corpus" / "letters" / "kst-30821-200.txt").read_text(encoding="utf-8")
    assert annotate(matcher, text, "2023-09-25")[1]["speakers"] == []


# ------------------------------------------------------------------ invariants and the component

def test_spans_are_exact_and_do_not_overlap(matcher, shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*/*.*")):
        text = path.read_text(encoding="utf-8")
        spans, meta = annotate(matcher, text, "2018-04-05")
        for label in ("MINISTRY", "COMMITTEE"):
            mine = [(s, e) for lab, s, e, _, rule in spans if lab == label and rule]
            assert all(a[1] <= b[0] for a, b in zip(mine, mine[1:])), path.name
        assert annotate(matcher, text, "2018-04-05") == (spans, meta)  # deterministic


def test_component_round_trip(nlp):
    pipe = nlp.get_pipe("kst_ministry")
    text = "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n\nDe vaste commissie voor Defensie"
    restored = type(pipe)(nlp, "copy").from_bytes(pipe.to_bytes())
    assert annotate(restored.matcher, text, "2023-01-01") == annotate(pipe.matcher, text, "2023-01-01")
    assert json.loads(json.dumps(restored.data)) == restored.data


# ------------------------------------------------------------------ long chains, backtracking

def test_parse_chain_is_iterative_on_a_very_long_chain(matcher):
    """3000 coordinated names: no RecursionError, every name read, the last one longest."""
    text = "Minister van " + "Sociale Zaken en " * 3000 + "Sociale Zaken en Werkgelegenheid."
    chain = parse_chain(matcher.gaz, text, len("Minister van "), "title", matcher.sep_re)
    assert len(chain) == 3001
    assert text[chain[-1][0]:chain[-1][1]] == "Sociale Zaken en Werkgelegenheid"
    spans = tagged(matcher, text)
    assert spans == [(text[:-1], ["SZW"], "minister")]


def test_parse_chain_prefers_furthest_then_fewest(matcher):
    text = "Economische Zaken en Klimaat en Groene Groei en Justitie en Veiligheid en Binnenlandse Zaken"
    chain = parse_chain(matcher.gaz, text, 0, "title", matcher.sep_re)
    assert [text[s:e] for s, e, _ in chain] == [
        "Economische Zaken", "Klimaat en Groene Groei", "Justitie en Veiligheid", "Binnenlandse Zaken"]
    assert parse_chain(matcher.gaz, "Europa en Defensie", 0, "title", matcher.sep_re) == []


@pytest.mark.parametrize("unit", [" ", "\n", " \n", ", ", " – ", "A. ", "-"])
def test_signature_regex_does_not_backtrack(matcher, unit):
    """sig_after: no two neighbouring repeated parts take the same characters (was cubic on
    a run of spaces under finditer). A safety net, not a timing: a subprocess that would hang
    is stopped after 20 s."""
    import subprocess
    import sys

    script = ("import re, sys\n"
              "regex = re.compile(sys.argv[1], int(sys.argv[2]))\n"
              "text = sys.argv[3] * (20000 // len(sys.argv[3])) + '!'\n"
              "regex.match(text)\n"
              "for _ in regex.finditer(text): pass\n")
    pattern = matcher.sig_after
    subprocess.run([sys.executable, "-c", script, pattern.pattern, str(int(pattern.flags)), unit], check=True, timeout=20)


@pytest.mark.parametrize("text,name", [
    ("De Minister van Sociale Zaken en Werkgelegenheid,\nC.E.G. van Gennip\n", "C.E.G. van Gennip"),
    ("De Minister van Buitenlandse Zaken – tevens Minister voor X,\n\n\nD.M. van Weel", "D.M. van Weel"),
    ("De Minister van Financiën ,   \n  \n   E. Heinen-Kuiper  \n", "E. Heinen-Kuiper"),
    ("De Staatssecretaris van Financiën,\nA.B. Jansen Smit\n", "A.B. Jansen Smit"),
])
def test_signature_still_read(matcher, text, name):
    _, meta = annotate(matcher, text, "2024-01-01")
    assert [s["name"] for s in meta["signatories"]] == [name]


# ------------------------------------------------------------------ portfolios (held-out gaps)

PORTFOLIOS = [
    # gazetteer portfolios added (domain.md §1.4 and the 2003-2007 cabinets)
    ("Zaak: Wetgeving - minister voor Bestuurlijke Vernieuwing en Koninkrijksrelaties, ", "2009-04-03",
     [("minister voor Bestuurlijke Vernieuwing en Koninkrijksrelaties", ["BZK"], "minister_for")], "bvk"),
    ("BRIEF VAN DE MINISTER VOOR BESTUURLIJKE VERNIEUWING EN\nKONINKRIJKSRELATIES\n\nAan de", "2006-05-01",
     [("MINISTER VOOR BESTUURLIJKE VERNIEUWING EN\nKONINKRIJKSRELATIES", ["BZK"], "minister_for")], "bvk-heading"),
    ("de Minister voor PVO heeft", "2023-05-01", [("Minister voor PVO", ["OCW"], "minister_for")], "pvo"),
    ("de minister voor WWI heeft", "2008-05-01", [("minister voor WWI", ["VROM"], "minister_for")], "wwi-minister"),
    # generic: "Minister voor <Capitalised Words>" not in the gazetteer
    ("de minister voor Vreemdelingenzaken, Integratie en Asielzaken heeft", "2005-03-01",
     [("minister voor Vreemdelingenzaken, Integratie en Asielzaken", ["JUS"], "minister_for")], "generic-keywords-agree"),
    ("de minister voor Hoger Onderwijs en Wetenschap", "2023-05-01",
     [("minister voor Hoger Onderwijs en Wetenschap", ["OCW"], "minister_for")], "generic-onderwijs"),
    ("de minister voor Jeugd en Onderwijs", "2023-05-01",
     [("minister voor Jeugd en Onderwijs", [], "minister_for")], "generic-keywords-disagree"),
    ("de minister voor Onderwijs en Zorg", "2023-05-01",
     [("minister voor Onderwijs", ["OCW"], "minister")], "gazetteer-name-wins-over-generic"),
    ("de minister voor Europa zei", "2023-05-01", [("minister voor Europa", [], "minister_for")], "generic-unknown"),
    ("de minister voor Integratie en de staatssecretaris", "2011-05-01",
     [("minister voor Integratie", ["BZK"], "minister_for")], "generic-stops-at-stopword"),
    ("MINISTER VOOR HOGER ONDERWIJS EN\nWETENSCHAP\n\nAan de Voorzitter", "2023-05-01",
     [("MINISTER VOOR HOGER ONDERWIJS EN\nWETENSCHAP", ["OCW"], "minister_for")], "generic-caps-line-break"),
    ("de minister voor Hoger Onderwijs.\nDe Kamer", "2023-05-01",
     [("minister voor Hoger Onderwijs", ["OCW"], "minister_for")], "generic-stops-at-full-stop"),
    # coordinated abbreviations after a plural title, ministerie + abbreviations
    ("Besluit: ministers BZK en WWI verzoeken om een kabinetsreactie", "2009-04-03",
     [("ministers BZK en WWI", ["BZK", "VROM"], "minister")], "ministers-bzk-en-wwi"),
    ("de Ministers van BZK en WWI", "2009-04-03", [("Ministers van BZK en WWI", ["BZK", "VROM"], "minister")],
     "ministers-van-bzk-en-wwi"),
    ("de ministers BZK, OCW en SZW", "2023-05-01", [("ministers BZK, OCW en SZW", ["BZK", "OCW", "SZW"], "minister")],
     "ministers-three-abbreviations"),
    ("het ministerie voor BHO en EZK", "2023-05-01", [("ministerie voor BHO en EZK", ["BHO", "EZK"], "ministry")],
     "ministerie-voor-bho-en-ezk"),
    ("de ministeries BHO en EZK", "2023-05-01", [("ministeries BHO en EZK", ["BHO", "EZK"], "ministry")],
     "ministeries-bho-en-ezk"),
]


@pytest.mark.parametrize("text,date,expected", [pytest.param(t, d, e, id=i) for t, d, e, i in PORTFOLIOS])
def test_portfolio_spans(matcher, text, date, expected):
    assert tagged(matcher, text, date) == expected


@pytest.mark.parametrize("text", [
    "de minister voor de Kamer", "Minister van Staat Hirsch Ballin", "de staatssecretaris voor Europa",
    "het ministerie voor Europa", "de minister voor haar beleid", "de Duitse minister voor Europa",
])
def test_generic_portfolio_negatives(matcher, text):
    assert tagged(matcher, text, "2023-05-01") == []


def test_generic_portfolio_attrs_and_author(matcher):
    text = "De Minister voor Hoger Onderwijs,\nA.B. Jansen\n"
    spans, meta = annotate(matcher, text, "2023-05-01")
    assert [(rule, attrs) for _, _, _, attrs, rule in spans] == [
        ("ministry.portfolio_generic", {"ministries": ["OCW"], "role": "minister_for", "portfolio": "Hoger Onderwijs"})]
    assert meta["authors"] == ["OCW"]


# ------------------------------------------------------------------ reviewed exceptions

def test_read_exceptions_format(tmp_path):
    from pipeline.components.ministry import read_exceptions

    path = tmp_path / "exceptions.txt"
    path.write_text("# header\n\n  Minister van   Staat \n#Ministerie van BZK\nMinister van Staat\nBZK\n", encoding="utf-8")
    assert read_exceptions(path) == ["Minister van Staat", "BZK"]
    assert read_exceptions(tmp_path / "missing.txt") == []
    assert read_exceptions("") == []


def test_shipped_exceptions_file_has_no_entries():
    from pipeline.components.ministry import read_exceptions

    path = CONFIGS / "exceptions.txt"
    assert path.read_text(encoding="utf-8").startswith("#")
    assert read_exceptions(path) == []


def test_exception_drops_exact_span_text_only():
    m = MinistryMatcher(read_gazetteer(CONFIGS / "gazetteer.yml"), read_patterns(CONFIGS / "patterns.yml"),
                        ["Minister van Sociale Zaken en Werkgelegenheid", "VWS"])
    text = ("De Minister van Sociale Zaken en\nWerkgelegenheid heeft de Minister van Sociale Zaken gesproken; "
            "collega's van VWS en OCW, en de minister van Sociale Zaken en Werkgelegenheid.")
    assert tagged(m, text, "2023-09-25") == [
        ("Minister van Sociale Zaken", ["SZW"], "minister"), ("OCW", ["OCW"], "abbreviation"),
        ("minister van Sociale Zaken en Werkgelegenheid", ["SZW"], "minister")]


def test_learned_exception_line_removes_the_span_in_the_pipeline(tmp_path):
    """The line kst learn writes (blanks as one space), added to a copy of configs/: the span
    is gone after assemble(); without it the span is there."""
    import shutil

    from pipeline.run.assemble import assemble
    from pipeline.review.learn import Finding, Learner

    configs = tmp_path / "configs"
    shutil.copytree(CONFIGS.parent, configs)
    text = "Zie ook de vaste commissie voor\nEuropese Zaken en de Minister van Financiën."
    span_text = "vaste commissie voor\nEuropese Zaken"
    start = text.index(span_text)
    finding = Finding("rejected", "COMMITTEE", "doc-1", span_text, start, start + len(span_text), "ctx",
                      {"rule": "committee.title"})
    learner = Learner(configs, [{"id": "doc-1", "text": text, "spans": []}], [])
    proposal = learner._exceptions_txt(finding)
    assert proposal.file == "ministry/exceptions.txt"
    (configs / "ministry" / "exceptions.txt").write_text(learner.edits.result("ministry/exceptions.txt"), encoding="utf-8")

    def labels(nlp):
        doc = nlp(text)
        return [s.text for s in doc.spans["kst"] if s.label_ in ("MINISTRY", "COMMITTEE")]

    before = labels(assemble(CONFIGS.parent))
    after = labels(assemble(configs))
    assert span_text in before and "Minister van Financiën" in before
    assert span_text not in after and "Minister van Financiën" in after


# ------------------------------------------------------------------ fast paths (issue 8): the answers of the plain way

def test_line_scanner_is_finditer():
    from pipeline.components.fastre import LineScanner

    texts = ["", "a", "aa\naa\n\naaa", "ba\n a\nab", "\nbrief van de\n  brief  van het\nbrief van",
             "x\ny\nxy\n", "ab\nab\n\nab\n", "a\n" * 5]
    for pattern, fast in ((r"^a+", True), (r"^[^\S\n]*brief\s+van\s+", True), (r"^(?:ab|a)\n?", True),
                          (r"^a|y", False), (r"a$", False)):
        regex = re.compile(pattern, re.I | re.M)
        scanner = LineScanner(regex)
        assert (scanner.after_newline is not None) == fast, pattern
        for text in texts:
            for pos, endpos in ((0, None), (1, None), (0, 5), (3, 4), (2, 100)):
                want = [m.span() for m in regex.finditer(text, pos, len(text) if endpos is None else endpos)]
                assert [m.span() for m in scanner.finditer(text, pos, endpos)] == want, (pattern, text, pos, endpos)


def test_line_scanners_of_the_rules_read_the_corpus_as_finditer(matcher, shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*/*.*")):
        text = path.read_text(encoding="utf-8")
        for scanner in (matcher.heading[1], matcher.answer[1], matcher.speaker_gov, matcher.speaker_any):
            assert scanner.after_newline is not None
            assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in scanner.regex.finditer(text)]


def test_scan_is_prefix_scanner_finditer(matcher, shared_dir):
    from pipeline.components.ministry import scan
    from pipeline.components.fastre import fold

    texts = [path.read_text(encoding="utf-8") for path in sorted((shared_dir / "corpus").glob("*/*.*"))]
    texts.append("staatsstaatssecretaris kamercommissiecommissie vcvc VC Minister-President ministerie "
                 "Tijdelijke commissie Volgcommissie(s): SZW MİNİSTER ſtaatssecretaris")
    scanners = [matcher.title_scan, *matcher.committee_title_scans, *matcher.committee_named_scans,
                *matcher.committee_list_scans]
    for text in texts:
        for scanner in scanners:
            want = [m.span() for m in scanner.finditer(text, fold(text))]
            assert [m.span() for m in scan(scanner, text, fold(text))] == want
            assert [m.span() for m in scan(scanner, text, None)] == want


def test_guarded_words_are_whole_words():
    from pipeline.components.ministry import guarded_words

    words = ["SZW", "SoZa", "Sociale", "VWS", "V&W", "A", "AB", "&M"]
    plain = re.compile(r"(?<![\w&])(?:" + trie_regex(sorted(words)) + r")(?![\w&])")
    for text in ("SZW", "xSZW SZWx", "&SZW SZW& -SZW-", "V&W V&WX A AB ABC _A A_", "Sociale,SoZa;VWS\nSZW",
                 "A&M &M x&M", ""):
        assert [m.span() for m in guarded_words(words).finditer(text)] == [m.span() for m in plain.finditer(text)]


BARE_AROUND_TITLES = [
    "De Ministers van Buitenlandse Zaken en Defensie, Justitie en Veiligheid en van Binnenlandse Zaken hebben",
    "de minister van Defensie en van Justitie; bij Justitie en Veiligheid",
    "De Minister van Sociale Zaken en Werkgelegenheid en VWS, SZW; de vaste commissie voor Defensie, BZK en OCW",
    "MINISTER VAN JUSTITIE EN VEILIGHEID EN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES, BZK",
    "de Minister Bruins Slot (Buitenlandse Zaken en Defensie) en Justitie",
    "de Raad Buitenlandse Zaken en Defensie besprak; bij de Raad Justitie en Veiligheid, Defensie en BZK",
]


def test_names_inside_a_title_read_as_without_the_shortcut(shared_dir):
    """bare skips the candidates inside a title or committee span where that span's chain read
    names (MinistryMatcher._past_read_span): the same spans and meta as reading each one."""
    fast = MinistryMatcher(read_gazetteer(CONFIGS / "gazetteer.yml"), read_patterns(CONFIGS / "patterns.yml"))
    slow = MinistryMatcher(read_gazetteer(CONFIGS / "gazetteer.yml"), read_patterns(CONFIGS / "patterns.yml"))
    assert fast.gaz.reads_bare == {"title": True, "committee": True}
    slow.gaz.reads_bare = {"title": False, "committee": False}
    texts = [path.read_text(encoding="utf-8") for path in sorted((shared_dir / "corpus").glob("*/*.*"))]
    for text in texts + BARE_AROUND_TITLES:
        for variant in (text, text.upper(), text.lower()):
            assert annotate(fast, variant, "2018-04-05") == annotate(slow, variant, "2018-04-05")


def test_vetoed_name_lets_the_names_inside_its_chain_be_read(matcher):
    # "Raad Justitie en Veiligheid, Defensie en BZK": the chain is vetoed, its last name is read on its own
    assert tagged(matcher, "bij de Raad Justitie en Veiligheid, Defensie en BZK") == [("BZK", ["BZK"], "abbreviation")]
    assert tagged(matcher, "de Raad Buitenlandse Zaken en Defensie besprak") == []


def test_reads_bare_needs_every_bare_name_read_after_a_title():
    from pipeline.components.ministry import Gazetteer

    data = {"codes": ["AZ"], "ministries": [{"id": "a", "code": "AZ", "names": ["Algemene Zaken"]}]}
    assert Gazetteer(data).reads_bare == {"title": True, "committee": True}
    # "STRASSE ZAKEN" is the name in capitals, which "Straße Zaken" after a title does not read
    data["ministries"].append({"id": "b", "code": "AZ", "names": ["Straße Zaken"]})
    assert Gazetteer(data).reads_bare == {"title": False, "committee": False}
