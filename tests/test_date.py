"""DATE: unit tables of real expressions (GUIDELINES.md, reference/domain.md §3, the corpus),
rule-file errors, the heading date, and the component on gold and corpus documents."""

import datetime as dt
from pathlib import Path

import pytest

from pipeline.components.date.grammar import compile_grammar, lower_text
from pipeline.components.date.resolution import easter, nth_weekday, resolve
from pipeline.components.date.matching import find_dates, heading_date, parse_iso
from pipeline.common.rules import RuleFileError, read_yaml

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR = ROOT / "configs" / "date" / "grammar.yml"
CALENDAR = ROOT / "configs" / "date" / "calendar.yml"


@pytest.fixture(scope="module")
def grammar():
    return compile_grammar(read_yaml(GRAMMAR), read_yaml(CALENDAR), GRAMMAR, CALENDAR)


def run(grammar, text, dct="2023-09-25", blocked=()):
    return [dict(s, text=text[s["start"]:s["end"]]) for s in find_dates(text, grammar, parse_iso(dct), blocked)]


# (sentence, document date, expected span text, value, other attrs that must match)
SINGLE = [
    # GUIDELINES.md DATE table (document dated 2023-09-25)
    ("Den Haag, 25 september 2023", "2023-09-25", "25 september 2023", "2023-09-25", {"type": "date"}),
    ("op 6 april jl.", "2023-09-25", "6 april jl.", "2023-04-06", {"type": "date", "signal": None}),
    ("4 oktober aanstaande", "2023-09-25", "4 oktober aanstaande", "2023-10-04", {}),
    ("4 oktober a.s.", "2023-09-25", "4 oktober a.s.", "2023-10-04", {}),
    ("Vergaderjaar 2023–2024", "2023-09-25", "Vergaderjaar 2023–2024", "2023-2024", {"type": "session_year"}),
    ("voor de zomer van 2024", "2023-09-25", "de zomer van 2024", "2024-SU", {"type": "season", "signal": "before"}),
    ("medio 2024", "2023-09-25", "medio 2024", "2024", {"mod": "MID", "type": "year"}),
    ("eind 2023", "2023-09-25", "eind 2023", "2023", {"mod": "END"}),
    ("begin volgend jaar", "2023-09-25", "begin volgend jaar", "2024", {"mod": "START", "type": "relative"}),
    ("in het eerste kwartaal van 2024", "2023-09-25", "het eerste kwartaal van 2024", "2024-Q1", {"type": "quarter"}),
    ("uiterlijk 1 januari 2025", "2023-09-25", "1 januari 2025", "2025-01-01", {"signal": "by"}),
    ("van 14 tot en met 16 maart 2022", "2023-09-25", "14 tot en met 16 maart 2022", "2022-03-14/2022-03-16",
     {"type": "period", "signal": None}),
    ("in 2018", "2023-09-25", "2018", "2018", {"type": "year"}),
    ("vorig jaar", "2023-09-25", "vorig jaar", "2022", {"type": "relative"}),
    ("volgende week", "2023-09-25", "volgende week", "2023-W40", {"type": "relative"}),
    ("voor het zomerreces 2024", "2023-09-25", "het zomerreces 2024", "2024-SU",
     {"range": "2024-07-05/2024-09-02", "signal": "before", "type": "season"}),
    ("na het kerstreces", "2023-09-25", "het kerstreces", "2023-12", {"range": "2023-12-22/2024-01-15", "signal": "after"}),
    ("voor het meireces", "2024-03-01", "het meireces", "2024-05", {"range": "2024-04-26/2024-05-13"}),
    ("na het voorjaarsreces", "2024-01-20", "het voorjaarsreces", "2024-02", {"signal": "after"}),
    ("het herfstreces", "2023-09-25", "het herfstreces", "2023-10", {"range": "2023-10-13/2023-10-23"}),
    ("rond de kerst", "2023-09-25", "de kerst", "2023-12-25", {"type": "date", "signal": None}),
    ("Daarna volgt Prinsjesdag.", "2023-06-01", "Prinsjesdag", "2023-09-19", {"type": "date"}),
    ("rond Prinsjesdag 2026", "2025-01-10", "Prinsjesdag 2026", "2026-09-15", {}),
    ("op Verantwoordingsdag", "2023-01-10", "Verantwoordingsdag", "2023-05-17", {}),
    ("Wij spreken vandaag.", "2023-09-25", "vandaag", "2023-09-25", {"type": "relative"}),
    ("Gisteren stond in Het Financieele Dagblad", "2018-04-05", "Gisteren", "2018-04-04", {}),
    ("dat ik morgen in zijn omgeving", "2018-04-05", "morgen", "2018-04-06", {}),
    ("(AO d.d. 15/03)", "2018-04-05", "15/03", "2018-03-15", {"type": "date"}),
    ("op 15-3-2018", "2018-04-05", "15-3-2018", "2018-03-15", {}),
    # reference/domain.md §3.3
    ("’s-Gravenhage, 8 mei 2000", "2000-05-08", "8 mei 2000", "2000-05-08", {}),
    ("Vastgesteld 25 oktober 2023", "2023-10-25", "25 oktober 2023", "2023-10-25", {}),
    ("(ingezonden 20 december 2024)", "2025-01-10", "20 december 2024", "2024-12-20", {}),
    ("de brief d.d. 10 januari 2025 inzake", "2025-02-01", "10 januari 2025", "2025-01-10", {}),
    ("(AO d.d. 22/11)", "2018-12-01", "22/11", "2018-11-22", {}),
    ("van 14 februari jl.", "2016-02-29", "14 februari jl.", "2016-02-14", {}),
    ("in juni jl.", "2021-11-19", "juni jl.", "2021-06", {"type": "month"}),
    ("van 4 okt. jl.", "2023-11-09", "4 okt. jl.", "2023-10-04", {}),
    ("Op woensdag 17 mei jongstleden", "2023-06-01", "woensdag 17 mei jongstleden", "2023-05-17", {}),
    ("In het commissiedebat van 24 november jl.", "2023-06-30", "24 november jl.", "2022-11-24", {}),
    ("Op 1 januari jl. in werking getreden", "2022-09-29", "1 januari jl.", "2022-01-01", {}),
    ("op 24 oktober a.s.", "2024-10-17", "24 oktober a.s.", "2024-10-24", {}),
    ("op 6 februari aanstaande", "2025-02-04", "6 februari aanstaande", "2025-02-06", {}),
    ("dinsdag 19 november a.s.", "2024-11-14", "dinsdag 19 november a.s.", "2024-11-19", {}),
    ("aanstaande vrijdag 17 uur", "2019-05-16", "aanstaande vrijdag", "2019-05-17", {"type": "relative"}),
    ("van 27 november vorig jaar", "2016-02-29", "27 november vorig jaar", "2015-11-27", {"type": "date"}),
    ("In juni van het vorig jaar", "2010-03-01", "juni van het vorig jaar", "2009-06", {}),
    ("Eerder dit jaar", "2023-09-25", "dit jaar", "2023", {}),
    ("wordt eind dit jaar verwacht", "2025-06-01", "eind dit jaar", "2025", {"mod": "END"}),
    ("reeds dit kalenderjaar", "2023-09-25", "dit kalenderjaar", "2023", {}),
    ("in het najaar nader te berichten", "2020-08-11", "het najaar", "2020-FA", {"type": "season"}),
    ("dit najaar", "2022-09-29", "dit najaar", "2022-FA", {}),
    ("uiterlijk dit najaar", "2022-09-29", "dit najaar", "2022-FA", {"signal": "by"}),
    ("Afgelopen voorjaar", "2011-06-01", "Afgelopen voorjaar", "2011-SP", {}),
    ("Stand van zaken zomer 2024", "2024-11-01", "zomer 2024", "2024-SU", {}),
    ("deze zomer", "2010-05-01", "deze zomer", "2010-SU", {}),
    ("volgend voorjaar volgt de evaluatie", "2024-04-10", "volgend voorjaar", "2025-SP", {}),
    ("komende zomer", "2024-03-15", "komende zomer", "2024-SU", {}),
    ("vóór het zomerreces", "2024-03-01", "het zomerreces", "2024-SU", {"signal": "before", "range": "2024-07-05/2024-09-02"}),
    ("na het zomerreces gepland", "2020-06-09", "het zomerreces", "2020-SU", {"signal": "after"}),
    ("uiterlijk voor aanvang van het zomerreces", "2023-03-01", "het zomerreces", "2023-SU", {"signal": "before"}),
    ("direct na het reces", "2018-04-05", "het reces", "2018-05", {"signal": "after"}),
    ("begin 2000", "2001-01-01", "begin 2000", "2000", {"mod": "START"}),
    ("rond eind april", "2024-03-12", "eind april", "2024-04", {"mod": "END", "type": "month"}),
    ("medio augustus", "2023-06-01", "medio augustus", "2023-08", {"mod": "MID"}),
    ("in het derde kwartaal van 2022", "2022-01-10", "het derde kwartaal van 2022", "2022-Q3", {}),
    ("Burgerperspectieven (1e kwartaal 2019)", "2019-06-01", "1e kwartaal 2019", "2019-Q1", {}),
    ("Circulaire eerste helft 2023", "2022-09-30", "eerste helft 2023", "2023-H1", {}),
    ("in de eerste helft van 2024", "2023-09-25", "de eerste helft van 2024", "2024-H1", {}),
    ("in Q1 2024", "2023-09-25", "Q1 2024", "2024-Q1", {"type": "quarter"}),
    ("uiterlijk vrijdag 3 maart", "2017-02-21", "vrijdag 3 maart", "2017-03-03", {"signal": "by"}),
    ("vóór vrijdag 13 september 2013", "2013-08-01", "vrijdag 13 september 2013", "2013-09-13", {"signal": "before"}),
    ("per 1 februari 2021 gereed", "2021-01-10", "1 februari 2021", "2021-02-01", {"signal": "since"}),
    ("op vrijdag 13 september 2024", "2024-09-01", "vrijdag 13 september 2024", "2024-09-13", {}),
    ("op maandag 14 september van 11.00 uur tot 19.00 uur", "2015-09-01", "maandag 14 september", "2015-09-14", {}),
    ("vrijdag 7 juli t/m maandag 4 september 2023", "2023-06-01", "vrijdag 7 juli t/m maandag 4 september 2023",
     "2023-07-07/2023-09-04", {"type": "period"}),
    ("16-17 mei 2024", "2024-05-01", "16-17 mei 2024", "2024-05-16/2024-05-17", {"type": "period"}),
    ("(21-22 oktober 2010)", "2010-10-01", "21-22 oktober 2010", "2010-10-21/2010-10-22", {}),
    ("(2017–2020)", "2018-01-01", "2017–2020", "2017/2020", {"type": "period"}),
    ("in de periode 2017–2021", "2018-01-01", "de periode 2017–2021", "2017/2021", {}),
    ("voor de periode 2018-2021 35 miljoen euro", "2018-04-05", "de periode 2018-2021", "2018/2021", {"signal": None}),
    ("tussen 2018 en 2021", "2022-01-01", "2018 en 2021", "2018/2021", {"type": "period"}),
    ("dat loopt van 1 januari 2015 tot 1 januari 2020", "2018-04-05", "1 januari 2015 tot 1 januari 2020",
     "2015-01-01/2020-01-01", {}),
    ("januari tot en met maart 2024", "2023-09-25", "januari tot en met maart 2024", "2024-01/2024-03", {}),
    ("per 1 januari 2011", "2010-06-01", "1 januari 2011", "2011-01-01", {"signal": "since"}),
    ("Met ingang van 1 januari 2017", "2016-06-01", "1 januari 2017", "2017-01-01", {"signal": "since"}),
    ("Vanaf 1 april 2025", "2025-01-01", "1 april 2025", "2025-04-01", {"signal": "since"}),
    ("sinds juni 2023", "2024-07-25", "juni 2023", "2023-06", {"signal": "since"}),
    ("Sinds eind 2016 is dat zo", "2018-04-05", "eind 2016", "2016", {"signal": "since", "mod": "END"}),
    ("na 28 maart 2018", "2018-03-27", "28 maart 2018", "2018-03-28", {"signal": "after"}),
    # the article before a day number stays outside, as before a numeric day ("de 15de maart")
    ("Uitgegeven de negende april 2024", "2024-04-09", "negende april 2024", "2024-04-09", {}),
    ("Uitgegeven de zevenentwintigste maart 2018", "2018-03-27", "zevenentwintigste maart 2018", "2018-03-27", {}),
    ("Uw AO was de 15de maart", "2018-04-05", "15de maart", "2018-03-15", {}),
    ("vrijdag 20 juli te 18.00 uur", "2012-07-01", "vrijdag 20 juli", "2012-07-20", {}),
    ("jaarlijks vóór het zomerreces", "2024-03-01", "het zomerreces", "2024-SU", {"signal": "before"}),
    ("het begrotingsjaar 2025", "2024-09-17", "het begrotingsjaar 2025", "2025", {"type": "year"}),
    ("voor het jaar 2025", "2024-09-17", "het jaar 2025", "2025", {"signal": None}),
    ("vergaderjaar 2023/24", "2023-11-01", "vergaderjaar 2023/24", "2023-2024", {"type": "session_year"}),
    ("Vergaderjaar 2022-\n2023", "2023-01-01", "Vergaderjaar 2022-\n2023", "2022-2023", {}),
    ("6 apr. 2023", "2023-09-25", "6 apr. 2023", "2023-04-06", {}),
    ("in week 12 van 2024", "2024-01-01", "week 12 van 2024", "2024-W12", {}),
    ("op 2023-10-12 vastgesteld", "2023-11-01", "2023-10-12", "2023-10-12", {}),
    # the corpus
    ("Donderdag 5 april 2018", "2018-04-05", "Donderdag 5 april 2018", "2018-04-05", {}),
    ("dat de motie-Azarkan, aangenomen op 16 mei vorig jaar, over", "2018-04-05", "16 mei vorig jaar", "2017-05-16", {}),
    ("Deltalinqs afgelopen januari in Het Financieele Dagblad", "2018-04-05", "afgelopen januari", "2018-01", {}),
    ("De douane is begin maart gestart", "2018-04-05", "begin maart", "2018-03", {"mod": "START"}),
    ("de laatste cijfers van, volgens mij, het derde kwartaal 2016", "2018-04-05", "het derde kwartaal 2016", "2016-Q3", {}),
    ("Ik heb toegezegd om in het derde kwartaal te kijken", "2018-04-05", "het derde kwartaal", "2018-Q3", {}),
    ("Ik heb wel het idee dat het voorjaar aan het worden is.", "2018-04-05", "het voorjaar", "2018-SP", {}),
    ("verzoekt de regering rond de zomer met een concreet plan", "2018-04-05", "de zomer", "2018-SU", {"signal": None}),
    ("uiterlijk in het najaar van 2018 te schrappen", "2018-04-05", "het najaar van 2018", "2018-FA", {"signal": "by"}),
    ("net voor het reces, nog een keer", "2022-07-12", "het reces", "2022-SU", {"range": "2022-07-08/2022-09-05"}),
    ("Voorzitter. Vanmorgen lazen wij", "2018-04-05", "Vanmorgen", "2018-04-05", {"type": "relative"}),
    ("Vanavond zijn er ook weer omwonenden", "2019-05-16", "Vanavond", "2019-05-16", {}),
    ("is het precies twee jaar geleden dat", "2019-05-16", "twee jaar geleden", "2017", {"type": "relative"}),
    ("De moties komen aanstaande dinsdag in stemming", "2019-05-16", "aanstaande dinsdag", "2019-05-21", {}),
    ("Afgelopen dinsdag is de eerste termijn", "2017-01-26", "Afgelopen dinsdag", "2017-01-24", {}),
    ("De stemmingen zijn komende dinsdag.", "2017-01-26", "komende dinsdag", "2017-01-31", {}),
    ("De stemmingen vinden volgende week dinsdag plaats.", "2018-04-05", "volgende week dinsdag", "2018-04-10", {}),
    ("Ik heb vorige week heel duidelijk aangegeven", "2018-04-05", "vorige week", "2018-W13", {}),
    ("in deze of de volgende maand", "2018-04-05", "volgende maand", "2018-05", {"type": "relative"}),
    ("(12-10-2023).", "2023-11-13", "12-10-2023", "2023-10-12", {}),
    ("(Leeuwarder Courant 4 juli 2024)", "2024-07-25", "4 juli 2024", "2024-07-04", {}),
    ("’s-Gravenhage 2024 Tweede Kamer", "2024-04-05", "2024", "2024", {"type": "year"}),
    ("In het trilaterale akkoord van 2020 is", "2023-11-13", "2020", "2020", {}),
    ("'The Safe Dog Project’ (2019) wordt", "2023-10-18", "2019", "2019", {}),
    ("in de RBZ van november.", "2023-11-13", "november", "2023-11", {"type": "month"}),
    ("het pgb in 2015 van 1,3 miljard", "2018-04-05", "2015", "2015", {}),
    ("een overgangsperiode tot 31 december 2020.", "2018-04-05", "31 december 2020", "2020-12-31", {"signal": None}),
    ("op 30 \nmaart 2009", "2009-04-03", "30 \nmaart 2009", "2009-03-30", {}),
    ("voor het zomerreces", "2009-04-03", "het zomerreces", "2009-SU", {"signal": "before"}),
    ("e-mailprocedure van donderdag 26 maart 2015", "2015-03-27", "donderdag 26 maart 2015", "2015-03-26", {}),
    ("Pasen", "2024-01-01", "Pasen", "2024-03-31", {}),
    # reference/domain.md §3.3 / §3.4 (more surface forms)
    ('Ontvangen 4 mei 2023', '2023-05-04', '4 mei 2023', '2023-05-04', {}),
    ('8-9 december 2025', '2025-11-20', '8-9 december 2025', '2025-12-08/2025-12-09', {'type': 'period'}),
    ('Agenda Nationale Veiligheid (2023–2025)', '2023-06-01', '2023–2025', '2023/2025', {}),
    ('Medio december', '2024-01-10', 'Medio december', '2023-12', {'mod': 'MID'}),
    ('eind februari', '2024-01-10', 'eind februari', '2024-02', {'mod': 'END'}),
    ('begin 2023', '2022-10-01', 'begin 2023', '2023', {'mod': 'START'}),
    ('eind 2002', '2001-05-01', 'eind 2002', '2002', {'mod': 'END'}),
    ('van 18 april jongstleden', '2007-06-01', '18 april jongstleden', '2007-04-18', {}),
    ('de Kamerbrief van 17 oktober jl.', '2025-02-04', '17 oktober jl.', '2024-10-17', {}),
    ('Op 24 april jl.', '2024-05-20', '24 april jl.', '2024-04-24', {}),
    ('in april jl.', '2021-11-19', 'april jl.', '2021-04', {}),
    ('op 3 maart aanstaande', '2016-02-29', '3 maart aanstaande', '2016-03-03', {}),
    ('op 1 juli aanstaande', '2008-05-01', '1 juli aanstaande', '2008-07-01', {}),
    ('tot en met het vierde kwartaal van het voorgaande jaar', '2022-08-01', 'het vierde kwartaal van het voorgaande jaar', '2021-Q4', {}),
    ('dit voorjaar', '2011-03-08', 'dit voorjaar', '2011-SP', {}),
    ('Raad Buitenlandse Zaken d.d. 17 maart 2025', '2025-03-10', '17 maart 2025', '2025-03-17', {}),
    ('(AO d.d. 07/12)', '2016-12-13', '07/12', '2016-12-07', {}),
    ('aankomende 24 november', '2023-11-01', 'aankomende 24 november', '2023-11-24', {}),
    ('november volgend jaar', '2023-01-01', 'november volgend jaar', '2024-11', {}),
    ('het derde kwartaal van volgend jaar', '2023-01-01', 'het derde kwartaal van volgend jaar', '2024-Q3', {}),
    ("Maandag, 25 Feb. '09", '2009-03-01', "Maandag, 25 Feb. '09", '2009-02-25', {}),
    ('het begin van november 1999', '1999-01-01', 'het begin van november 1999', '1999-11', {'mod': 'START'}),
    # relative to the document date: "geleden" / "over" + a number and a unit
    ("Een ander voorbeeld dateert van 21 jaar geleden, toen ik", "2018-04-05", "21 jaar geleden", "1997",
     {"type": "relative"}),
    ("Het is nog maar 60 jaar geleden dat", "2018-04-05", "60 jaar geleden", "1958", {}),
    ("drie maanden geleden", "2018-04-05", "drie maanden geleden", "2018-01", {"type": "relative"}),
    ("een week geleden", "2018-04-05", "een week geleden", "2018-W13", {}),
    ("over twee weken", "2018-04-05", "over twee weken", "2018-W16", {"type": "relative"}),
    ("over drie maanden", "2018-04-05", "over drie maanden", "2018-07", {}),
    ("Over een jaar evalueren we", "2018-04-05", "Over een jaar", "2019", {}),
    # weekends (TIMEX3 YYYY-Www-WE); bare "het weekend" only after a preposition
    ("het AIVD-rapport komt waarschijnlijk pas rond het weekend", "2009-04-03", "het weekend", "2009-W14-WE",
     {"type": "relative"}),
    ("Afgelopen weekend was er overleg", "2018-04-05", "Afgelopen weekend", "2018-W13-WE", {}),
    ("komend weekend", "2018-04-05", "komend weekend", "2018-W14-WE", {}),
    # a year after a noun is a point in time unless the noun phrase is a name (names: in grammar.yml)
    ("Ik verwacht de meest actuele cijfers over de exportwaarde 2017 binnen een maand", "2018-04-05", "2017",
     "2017", {"type": "year"}),
    ("de cijfers 2022 laten zien", "2023-09-25", "2022", "2022", {}),
    ("de cijfers over 2022", "2023-09-25", "2022", "2022", {}),
    ("in de begroting voor 2024", "2023-09-25", "2024", "2024", {"signal": None}),
    ("de middelen voor 2025 zijn", "2024-09-17", "2025", "2025", {"signal": None}),
    ("voor 2025 gereed", "2024-09-17", "2025", "2025", {"signal": "before"}),
    ("dit verdrag van Londen uit 1964 opgezegd", "2018-04-05", "1964", "1964", {}),
    ("wat er in dat extra tussenjaar 2020 gebeurt", "2018-04-05", "tussenjaar 2020", "2020", {"type": "year"}),
    ("langs de rand de tekst «2018 WILLEM-ALEXANDER", "2018-03-09", "2018", "2018", {}),
    # the year of a bibliographic entry
    ("[4] Centrum voor Criminaliteitspreventie en Veiligheid. 2018. De gebeten hond", "2023-10-18", "2018",
     "2018", {"type": "year"}),
    ("Ministerie van Justitie en Veiligheid. 2018. Titel.", "2023-10-18", "2018", "2018", {}),
    # a day or month without a year: past tense in its clause -> the last occurrence; else the nearest
    ("Dat heeft er uiteindelijk toe geleid dat Humanitas op 11 augustus een bijgestelde saneringsaanvraag "
     "heeft ingediend.", "2018-04-05", "11 augustus", "2017-08-11", {}),
    ("Op 22 november heeft het WSW als gemandateerd saneerder een afwijzend saneringsbesluit genomen.",
     "2018-04-05", "22 november", "2017-11-22", {}),
    ("In de brief van 17 december heeft de borger aangegeven dat", "2018-04-05", "17 december", "2017-12-17", {}),
    ("Het kabinet heeft in juni besloten", "2018-04-05", "juni", "2017-06", {}),
    ("De vergadering werd op 3 oktober gehouden.", "2018-04-05", "3 oktober", "2017-10-03", {}),
    ("Ik zeg wel toe dat ik in mei terugkom op het wetsvoorstel dat het vorige kabinet zich had voorgenomen",
     "2018-04-05", "mei", "2018-05", {}),
    ("Ik heb toegezegd om in september de brief te sturen.", "2018-04-05", "september", "2018-09", {}),
    ("Op 1 maart zal de wet ingaan.", "2018-04-05", "1 maart", "2019-03-01", {}),
    ("In januari ontvangt u de rapportage.", "2018-11-20", "januari", "2019-01", {}),
    ("uw brief van 12 december", "2019-01-10", "12 december", "2018-12-12", {}),
    ("Op 11 augustus is een debat gepland.", "2018-04-05", "11 augustus", "2018-08-11", {}),
    # two-digit years and decades
    ("maart '24", "2023-09-25", "maart '24", "2024-03", {"type": "month"}),
    ("Stand van zaken zomer ’24", "2024-11-01", "zomer ’24", "2024-SU", {}),
    ("sinds '09", "2018-04-05", "'09", "2009", {"signal": "since"}),
    ("in de jaren negentig", "2018-04-05", "de jaren negentig", "199", {"type": "year"}),
    ("begin jaren negentig", "2018-04-05", "begin jaren negentig", "199", {"mod": "START"}),
    ("sinds de jaren '80", "2018-04-05", "de jaren '80", "198", {}),
    ("de jaren 1970", "2018-04-05", "de jaren 1970", "197", {}),
    # the end of "het jaar" is the current year's (a deadline once a signal precedes it)
    ("Ik zal uw Kamer voor het einde van het jaar informeren.", "2023-09-25", "het einde van het jaar", "2023",
     {"mod": "END", "signal": "before"}),
    ("voor het eind van het kalenderjaar", "2023-09-25", "het eind van het kalenderjaar", "2023", {"mod": "END"}),
    ("uiterlijk aan het einde van het jaar", "2024-02-01", "het einde van het jaar", "2024", {"signal": "by"}),
]


@pytest.mark.parametrize("text,dct,span,value,attrs", [
    pytest.param(*row, id=row[0][:48]) for row in SINGLE])
def test_single_expression(grammar, text, dct, span, value, attrs):
    found = run(grammar, text, dct)
    assert [(s["text"], s["attrs"]["value"]) for s in found] == [(span, value)]
    got = found[0]["attrs"]
    assert {k: got.get(k) for k in attrs} == attrs
    assert set(got) >= {"value", "type", "mod", "signal"}


MULTI = [
    ("(CD d.d. 27/03 en 03/04)", "2024-04-10", [("27/03", "2024-03-27"), ("03/04", "2024-04-03")]),
    ("op 17 en 18 september 2024", "2024-09-01", [("17", "2024-09-17"), ("18 september 2024", "2024-09-18")]),
    ("van 15 en 16 februari 2018", "2018-03-01", [("15", "2018-02-15"), ("16 februari 2018", "2018-02-16")]),
    ("gemeenteraadsverkiezingen van 14, 15 en 16 maart aanstaande", "2022-02-20",
     [("14", "2022-03-14"), ("15", "2022-03-15"), ("16 maart aanstaande", "2022-03-16")]),
    ("in ons debat van 27 maart en 2 april", "2025-04-10", [("27 maart", "2025-03-27"), ("2 april", "2025-04-02")]),
    ("Morgen is het precies twee jaar geleden dat", "2019-05-16", [("Morgen", "2019-05-17"), ("twee jaar geleden", "2017")]),
    ("Eind maart, begin april", "2024-01-10", [("Eind maart", "2024-03"), ("begin april", "2024-04")]),
    ("in 2017 en 2018 niet zou voorkomen", "2018-04-05", [("2017", "2017"), ("2018", "2018")]),
    ("We willen in mei en juni stakeholderbijeenkomsten", "2018-04-05", [("mei", "2018-05"), ("juni", "2018-06")]),
    ("Staatssecretaris van Financiën van 6 maart 2018, 2018-0000030780, direct", "2018-03-09",
     [("6 maart 2018", "2018-03-06")]),
    ("op 17 en 18 september 2024 (Kamerstuk 36 471, nr. 95)", "2024-09-01",
     [("17", "2024-09-17"), ("18 september 2024", "2024-09-18")]),
]


@pytest.mark.parametrize("text,dct,expected", [pytest.param(*row, id=row[0][:48]) for row in MULTI])
def test_several_expressions(grammar, text, dct, expected):
    assert [(s["text"], s["attrs"]["value"]) for s in run(grammar, text, dct)] == expected


NEGATIVE = [
    "om 14.00 uur", "Aanvang 15.02 uur.", "twee maanden", "binnen zes weken", "binnen 2 à 3 weken",
    "binnenkort", "de komende jaren", "destijds", "op dit moment", "zo spoedig mogelijk", "op korte termijn",
    "in de komende maanden", "Voorjaarsnota 2018", "in de Voorjaarsnota 2018", "Wet inburgering 2021",
    "de Wet inburgering 20..", "Stb. 2023, 123", "(Stcrt. 2023, 4567)", "Trb. 2020, 12",
    "Kamerstukken II 2022/23, 30 821, nr. 180", "Handelingen II 2022/23, nr. 45, item 12",
    "Aanhangsel Handelingen II 2024/25, nr. 1028", "Aanhangsel Handelingen, vergaderjaar 2023-2024, nr. 1121.",
    "(Aanhangsel Handelin-\ngen, vergaderjaar 2023–2024, nr. 1045)", "2023Z16544", "2023D41356",
    "kst-30821-200", "ah-tk-20232024-1433", "ECLI:NL:RVS:2023:1234", "BWBR0005252", "W01.20.0036",
    "W17.25.00079/IV", "ParlaMint-NL_2017-01-26-tweedekamer-4.u1\tIk heb", "het nummer 0900-0904",
    "(TZ202306-026)", "Kamerstuk 36 200 XV, nr. 97", "21501-32-1740", "(21501-08 , nr. 724)",
    "jaarverslag 2008, werkprogramma 2009 en voortgangsrapportage 2009", "Vernieuwing Toezicht 2008",
    "in de Veiligheidsagenda 2023-2026", "het Regeerakkoord 2021-2025", "de Miljoenennota 2024 en de Najaarsnota 2023",
    "iedere drie jaar", "viermaal per jaar", "jaarlijks schriftelijk te informeren",
    "Ik begin met de eerste motie", "een periode van vijf jaar", "in de afgelopen twee jaar",
    "wat al bijna elf jaar gangbare praktijk is", "€ 2.000", "2018 euro", "24/7 bereikbaar",
    "T 070 426 64 26", "2500 EA DEN HAAG", "Postbus 20301", "nr. 2019", "Goedemorgen, voorzitter.",
    "in de loop van de morgen", "2018-0000030780", "ISSN 0921 - 7398",
    "de eerste helft van de wedstrijd", "J.J. van (Jan Jacob) (CDA)",
    # years in names (a name head or a capital in the words before the year), counts, references
    "de Omgevingswet 2024.", "het Klimaatakkoord 2019 en", "de begroting 2024 is ingediend",
    "het jaarverslag 2022.", "in de huisvestingsvisie 2040 van de politie", "het Sectorbeeld 2017 — maar",
    "de Wet op de inlichtingen- en veiligheidsdiensten 2017 is", "Actieplan Polarisatie en Radicalisering \n2009 op",
    "Septembercirculaire gemeentefonds en provinciefonds 2009 -", "van de Muntwet 2002;",
    "in totaal 2000 woningen.", "de gemeente bouwt 2000 woningen", "er zijn 2017 aanvragen binnen", "Postbus 2018.",
    "zie artikel 2018.", "op pagina 2019.", "ruim 2000.", "nr. 2018. Titel",
    # not relative to the document date, durations, habitual weekends, bare "jaren"
    "een week later", "twee jaar later", "na twee weken", "binnen twee weken", "over twee jaar heen",
    "in het weekend", "elk weekend", "de afgelopen jaren", "jaren 80 procent", "de Voorjaarsnota", "bij de Kaderbrief",
    # reference/domain.md §3.3: sets, times, "de dag na de datum van uitgifte"
    "halfjaarlijkse voortgangsrapportages", "driemaandelijkse Dreigingsbeeld", "met regelmaat", "periodiek",
    "Aanvang: 14.07 uur", "om 23.00 uur", "treedt in werking met ingang van de dag na de datum van uitgifte",
]


@pytest.mark.parametrize("text", [pytest.param(t, id=t[:48]) for t in NEGATIVE])
def test_not_a_date(grammar, text):
    assert run(grammar, text) == []


def test_no_document_date_keeps_relative_spans_with_null(grammar):
    found = run(grammar, "Op 6 april jl. en vandaag, maar ook op 16 maart 2018.", dct=None)
    assert [(s["text"], s["attrs"]["value"]) for s in found] == [
        ("6 april jl.", None), ("vandaag", None), ("16 maart 2018", "2018-03-16")]


def test_blocked_stretches_are_never_tagged(grammar):
    text = "Kamerstuk 36 471, nr. 95 van 17 september 2024"
    ref_end = text.index(" van")
    assert [s["text"] for s in run(grammar, text, blocked=[(0, ref_end)])] == ["17 september 2024"]
    assert run(grammar, "Stb. 2023, 123", blocked=[(0, 14)]) == []


def test_invalid_calendar_dates_are_no_dates(grammar):
    # an impossible day is no date; the month around it still is
    assert [(s["text"], s["attrs"]["value"]) for s in run(grammar, "op 31 april 2023")] == [("april 2023", "2023-04")]
    assert run(grammar, "op 31/02") == []
    assert run(grammar, "2023-2020") == []
    assert run(grammar, "vergaderjaar 2023-2025") == []


def test_spans_of_one_label_never_overlap_and_match_text(grammar, shared_dir):
    text = (shared_dir / "corpus" / "besluitenlijsten" / "openkamer-besluitenlijst-1.txt").read_text(encoding="utf-8")
    spans = find_dates(text, grammar, dt.date(2009, 4, 3))
    assert len(spans) > 40
    for before, after in zip(spans, spans[1:]):
        assert before["end"] <= after["start"]
    assert spans == find_dates(text, grammar, dt.date(2009, 4, 3))  # deterministic


@pytest.mark.parametrize("text,expected", [
    pytest.param("Den Haag, 25 september 2023\n\nDe vaste commissie", "2023-09-25", id="letter"),
    pytest.param("2500 EA DEN HAAG\n\n\t\tDatum\n\t\t11 januari 2024\nOnderwerp", "2024-01-11", id="datum-block"),
    pytest.param("Datum 11 januari 2024", "2024-01-11", id="datum-line"),
    pytest.param("(ingezonden 29 februari 2024).\nAntwoord (ontvangen 5 april 2024).", "2024-04-05", id="received"),
    pytest.param("70e vergadering\n\nDonderdag 5 april 2018\n\nVoorzitter", "2018-04-05", id="sitting"),
    pytest.param("ParlaMint-NL_2017-01-26-tweedekamer-4.u1\tIk heet", "2017-01-26", id="parlamint"),
    pytest.param("Uitgegeven de zevenentwintigste maart 2018", "2018-03-27", id="staatsblad"),
    pytest.param("Vragen van het lid (ingezonden 20 december 2024).", "2024-12-20", id="questions-only"),
    pytest.param("In uw brief van 5 juli 2024 vraagt u", None, id="no-heading"),
])
def test_heading_date(grammar, text, expected):
    assert heading_date(text, grammar) == expected


def test_calendar_arithmetic():
    assert nth_weekday(2025, 9, 1, 3) == dt.date(2025, 9, 16)  # Prinsjesdag 2025 (domain.md)
    assert nth_weekday(2023, 5, 2, 3) == dt.date(2023, 5, 17)  # Verantwoordingsdag 2023
    assert easter(2024) == dt.date(2024, 3, 31) and easter(2025) == dt.date(2025, 4, 20)
    assert resolve("session", {"year": 1999}, {"year": 0}, None, {}) == {
        "value": "1999-2000", "type": "session_year", "mod": None, "signal": None}


def test_lowercasing_keeps_offsets():
    text = "İstanbul, 5 april 2024"
    assert len(lower_text(text)) == len(text)


def _write(tmp_path, grammar_text, calendar_text=None):
    g = tmp_path / "grammar.yml"
    c = tmp_path / "calendar.yml"
    g.write_text(grammar_text, encoding="utf-8")
    c.write_text(calendar_text if calendar_text is not None else CALENDAR.read_text(encoding="utf-8"), encoding="utf-8")
    return g, c


BASE = """classes:
  year: {regex: '(?:19|20)[0-9][0-9]', parse: int}
triggers:
  regex: ['\\\\d{4}']
patterns:
"""


@pytest.mark.parametrize("patterns,line,message", [
    pytest.param("  - {id: p, kind: point, regex: 'Q{year}'}\n", 6, "lowercase", id="capital"),
    pytest.param("  - {id: p, kind: point, regex: '{yaer}'}\n", 6, "unknown class", id="unknown-class"),
    pytest.param("  - {id: p, kind: range, regex: '{year}'}\n", 6, "kind must be", id="bad-kind"),
    pytest.param("  - {id: p, kind: point, regex: 'vandaag'}\n", 6, "no trigger", id="no-trigger"),
    pytest.param("  - {id: p, kind: point, regex: '{year}('}\n", 6, "invalid regular expression", id="bad-regex"),
    pytest.param("  - {id: p, kind: point, regex: '{year}'}\n  - {id: p, kind: point, regex: '{year}'}\n", 7,
                 "duplicate", id="duplicate-id"),
])
def test_rule_file_errors_name_file_and_line(tmp_path, patterns, line, message):
    g, c = _write(tmp_path, BASE + patterns)
    with pytest.raises(RuleFileError) as err:
        compile_grammar(read_yaml(g), read_yaml(c), g, c)
    assert err.value.path == str(g) and err.value.line == line and message in str(err.value)


def test_calendar_errors_name_file_and_line(tmp_path):
    bad = "recesses:\n  - id: r\n    names: [zomerreces]\n    value: '{year}-SU'\n    type: season\n" \
          "    typical: {start: '07-05', end: '09-02'}\n    dates:\n      2024: 2024-07-05/2023-09-02\n"
    g, c = _write(tmp_path, BASE + "  - {id: p, kind: point, regex: '{year}'}\n", bad)
    with pytest.raises(RuleFileError) as err:
        compile_grammar(read_yaml(g), read_yaml(c), g, c)
    assert err.value.path == str(c) and err.value.line == 8


def test_users_extend_the_calendar(tmp_path, grammar):
    text = CALENDAR.read_text(encoding="utf-8").replace(
        "      2024: 2024-07-05/2024-09-02\n", "      2024: 2024-07-05/2024-09-02\n      2025: 2025-07-04/2025-09-01\n")
    g, c = _write(tmp_path, GRAMMAR.read_text(encoding="utf-8"), text)
    extended = compile_grammar(read_yaml(g), read_yaml(c), g, c)
    span = find_dates("voor het zomerreces", extended, dt.date(2025, 3, 1))[0]
    assert span["attrs"]["range"] == "2025-07-04/2025-09-01"
    assert "range" not in find_dates("voor het zomerreces", grammar, dt.date(2025, 3, 1))[0]["attrs"]


# --- the component in the assembled pipeline


def test_component_round_trips_through_bytes(nlp):
    from pipeline.components.date import Tagger

    pipe = nlp.get_pipe("kst_date")
    copy = Tagger(nlp, "copy").from_bytes(pipe.to_bytes())
    assert [p.id for p in copy.grammar.patterns] == [p.id for p in pipe.grammar.patterns]


def test_meta_date_from_heading_and_never_overwritten(annotate, shared_dir):
    text = (shared_dir / "corpus" / "letters" / "kst-30821-200.txt").read_text(encoding="utf-8")
    record = annotate(text)
    assert record.meta["date"] == "2023-09-25"
    assert any(s["text"] == "6 april jl." and s["attrs"]["value"] == "2023-04-06" for s in record.spans)
    kept = annotate(text, date="2023-10-01")
    assert kept.meta["date"] == "2023-10-01"


def test_dates_never_overlap_dossier_refs(annotate, shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        record = annotate(path.read_text(encoding="utf-8"))
        refs = [s for s in record.spans if s["label"] == "DOSSIER_REF"]
        for date in (s for s in record.spans if s["label"] == "DATE"):
            assert not any(r["start"] < date["end"] and date["start"] < r["end"] for r in refs), (path.name, date)


def test_gold_dates(annotate, gold_records):
    """GUIDELINES.md scoring on the gold excerpts: exact span F1 and value accuracy."""
    tp = fp = fn = same = 0
    for gold in gold_records:
        record = annotate(gold["text"], date=gold["meta"].get("date"))
        want = {(s["start"], s["end"]): s["attrs"]["value"] for s in gold["spans"] if s["label"] == "DATE"}
        got = {(s["start"], s["end"]): s["attrs"]["value"] for s in record.spans if s["label"] == "DATE"}
        tp += len(want.keys() & got.keys())
        fp += len(got.keys() - want.keys())
        fn += len(want.keys() - got.keys())
        same += sum(want[k] == got[k] for k in want.keys() & got.keys())
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.93, (tp, fp, fn)
    assert same / tp >= 0.95
