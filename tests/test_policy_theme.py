"""POLICY_THEME: taxonomy terms with inflections and compounds, false friends, abbreviations."""

import random
import re

import pytest

from pipeline.components.abbreviations import Occupied, find_definitions, is_acronym, short_form_spans
from pipeline.components.policy_theme import ThemeMatcher, parse_phrase, read_taxonomy, trigger_stems, word_forms
from pipeline.run.assemble import DEFAULT_CONFIGS
from pipeline.components.fastre import fold
from pipeline.common.rules import RuleFileError


def themes(annotate, text, **meta):
    rec = annotate(text, **meta)
    return [(s["text"], s["attrs"]["theme"]) for s in rec.spans if s["label"] == "POLICY_THEME"]


# Real sentences: kst-30821-200, GUIDELINES.md, domain.md §5 (sources there).
POSITIVES = [
    pytest.param("het huidige kabinetsbeleid ten aanzien van ongewenste buitenlandse beïnvloeding en inmenging ten behoeve van",
                 [("ongewenste buitenlandse beïnvloeding en inmenging", "foreign_interference")], id="obi-long-reversed"),
    pytest.param("het commissiedebat Buitenlandse Inmenging en Beïnvloeding van 4 oktober 2023.",
                 [("Buitenlandse Inmenging en Beïnvloeding", "foreign_interference")], id="obi-capitalised-title"),
    pytest.param("de rijksbrede aanpak van ongewenste buitenlandse inmenging (hierna: OBI).",
                 [("ongewenste buitenlandse inmenging", "foreign_interference"), ("OBI", "foreign_interference")], id="obi-hierna"),
    pytest.param("vrij van ongewenste beïnvloeding en inmenging",
                 [("ongewenste beïnvloeding en inmenging", "foreign_interference")], id="ongewenste-beinvloeding"),
    pytest.param("Statelijke inmenging zet persoonlijke en nationale veiligheid onder druk.",
                 [("Statelijke inmenging", "foreign_interference")], id="statelijke-inmenging"),
    pytest.param("Instellen centrale OBI-meldfunctie", [("OBI-meldfunctie", "foreign_interference")], id="obi-compound"),
    pytest.param("de aanpak van statelijke dreigingen en het dreigingsbeeld statelijke actoren²",
                 [("statelijke dreigingen", "state_threats"), ("statelijke actoren", "state_threats")], id="state-threats"),
    pytest.param("spionageactiviteiten en sabotage", [("spionageactiviteiten", "state_threats"), ("sabotage", "state_threats")], id="spionage-compound"),
    pytest.param("digitale spionage", [("spionage", "state_threats")], id="spionage"),
    pytest.param("onderzoeken naar ervaren diasporabeleid", [("diasporabeleid", "diaspora_policy")], id="diasporabeleid"),
    pytest.param("gesprekken met diasporagemeenschappen benutten", [("diasporagemeenschappen", "diaspora_policy")], id="diasporagemeenschappen"),
    pytest.param("meldingen van diaspora in Nederland", [("diaspora", "diaspora_policy")], id="diaspora"),
    pytest.param("maatschappelijke spanningen en polarisatie.",
                 [("maatschappelijke spanningen", "social_tension"), ("polarisatie", "polarisation")], id="spanningen-polarisatie"),
    pytest.param("een gepolariseerd debat", [("gepolariseerd", "polarisation")], id="gepolariseerd"),
    pytest.param("in een sterk gepolariseerde samenleving", [("gepolariseerde", "polarisation")], id="gepolariseerde"),
    pytest.param("op een depolariserende wijze", [("depolariserende", "polarisation")], id="depolariserend"),
    pytest.param("de depolarisatiestrategie", [("depolarisatiestrategie", "polarisation")], id="polarisatie-compound"),
    pytest.param("in geval van spanningen binnen of tussen gemeenschappen en",
                 [("spanningen binnen of tussen gemeenschappen", "social_tension")], id="spanningen-gemeenschappen"),
    pytest.param("spanningen tussen bevolkingsgroepen", [("spanningen tussen bevolkingsgroepen", "social_tension")], id="spanningen-bevolkingsgroepen"),
    pytest.param("het behouden en bevorderen van de sociale stabiliteit in onze superdiverse samenleving.",
                 [("sociale stabiliteit", "social_stability")], id="sociale-stabiliteit"),
    pytest.param("en daarmee een sociaal stabiele samenleving.", [("sociaal stabiele samenleving", "social_stability")], id="sociaal-stabiele-samenleving"),
    pytest.param("het versterken van de sociale cohesie", [("sociale cohesie", "social_stability")], id="sociale-cohesie"),
    pytest.param("het verhogen van de veerkracht en weerbaarheid van bevolkingsgroepen",
                 [("veerkracht", "resilience"), ("weerbaarheid", "resilience")], id="veerkracht-weerbaarheid"),
    pytest.param("een samenleving die inclusief en veerkrachtig is,",
                 [("inclusief", "inclusion"), ("veerkrachtig", "resilience")], id="inclusief-veerkrachtig"),
    pytest.param("jongeren weerbaar maken", [("weerbaar", "resilience")], id="weerbaar"),
    pytest.param("weerbare jongeren en een weerbaarder samenleving", [("weerbare", "resilience"), ("weerbaarder", "resilience")], id="weerbare-weerbaarder"),
    pytest.param("inzetten op weerbaarheidsbevordering", [("weerbaarheidsbevordering", "resilience")], id="weerbaarheidsbevordering"),
    pytest.param("de cyberweerbaarheid van gemeenten", [("cyberweerbaarheid", "resilience")], id="cyberweerbaarheid"),
    pytest.param("Agenda Veerkrachtige & Weerbare Samenleving", [("Veerkrachtige", "resilience"), ("Weerbare", "resilience")], id="agenda-titel"),
    pytest.param("inwoners die daarin gelijkwaardige kansen krijgen", [("gelijkwaardige kansen", "inclusion")], id="gelijkwaardige-kansen"),
    pytest.param("een inclusieve samenleving", [("inclusieve samenleving", "inclusion")], id="inclusieve-samenleving"),
    pytest.param("Actieplan voor integratie en inclusie 2021–2027", [("integratie", "integration"), ("inclusie", "inclusion")], id="integratie-inclusie"),
    pytest.param("een minder vrijblijvend integratiebeleid", [("integratiebeleid", "integration")], id="integratiebeleid"),
    pytest.param("Wet inburgering 2021 en inburgeringsplichtigen", [("inburgering", "integration"), ("inburgeringsplichtigen", "integration")], id="inburgering"),
    pytest.param("verspreiding van desinformatie en desinformatiecampagnes",
                 [("desinformatie", "disinformation"), ("desinformatiecampagnes", "disinformation")], id="desinformatie"),
    pytest.param("mis- en desinformatie", [("desinformatie", "disinformation")], id="mis-en-desinformatie"),
    pytest.param("Actieplan Polarisatie en Radicalisering", [("Polarisatie", "polarisation"), ("Radicalisering", "radicalisation")], id="besluitenlijst"),
    pytest.param("gewelddadig extremisme en rechts-extremisme", [("extremisme", "radicalisation"), ("rechts-extremisme", "radicalisation")], id="extremisme"),
    pytest.param("extremistische content en geradicaliseerde jongeren",
                 [("extremistische", "radicalisation"), ("geradicaliseerde", "radicalisation")], id="extremistisch-geradicaliseerd"),
    pytest.param("preventieve aanpak van radicalisering en radicaliseringsinvloeden",
                 [("radicalisering", "radicalisation"), ("radicaliseringsinvloeden", "radicalisation")], id="radicalisering"),
    pytest.param("door het organiseren van dialoog", [("dialoog", "dialogue")], id="dialoog"),
    pytest.param("een constructieve dialoog en dialoogtafels", [("dialoog", "dialogue"), ("dialoogtafels", "dialogue")], id="dialoog-compound"),
]


@pytest.mark.parametrize("text, expected", POSITIVES)
def test_theme_terms(annotate, text, expected):
    assert themes(annotate, text) == expected


NEGATIVES = [
    pytest.param("Politiewerk is complex en weerbarstig.", id="weerbarstig"),
    pytest.param("een grondige analyse, inclusief reeds ondernomen acties", id="inclusief-preposition"),
    pytest.param("De kosten bedragen € 100 inclusief btw.", id="inclusief-btw"),
    pytest.param("inclusief de kosten van de bijlagen", id="inclusief-de"),
    pytest.param("de verdere Europese integratie van de energiemarkt", id="europese-integratie"),
    pytest.param("de integratie van systemen bij de politie", id="systeemintegratie"),
    pytest.param("weerbare gewassen en veerkrachtige materialen", id="materials"),
    pytest.param("de veerkracht van de veer", id="veer"),
    pytest.param("de internationale gemeenschap is ver verwijderd", id="gemeenschap"),
    pytest.param("het AO discriminatieonderwerpen", id="discriminatie"),
    pytest.param("een geïntensiveerde aanpak en de rijksbrede aanpak", id="aanpak"),
    pytest.param("elektrische spanningen in het net", id="spanning"),
    pytest.param("gepolariseerd licht", id="optics"),
    pytest.param("een mobiele OBIS-code", id="obi-inside-word"),
    pytest.param("klik in het dialoogvenster op OK", id="dialoogvenster"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_false_friends(annotate, text):
    assert themes(annotate, text) == []


@pytest.mark.parametrize("word, form", [
    ("weerbaar", "weerbare"), ("weerbaar", "weerbaarder"), ("gemeenschap", "gemeenschappen"),
    ("inclusief", "inclusieve"), ("sociaal", "sociale"), ("dialoog", "dialogen"),
    ("polariseren", "gepolariseerd"), ("polariseren", "polariserende"), ("radicaliseren", "geradicaliseerde"),
    ("integreren", "geïntegreerd"), ("actor", "actoren"), ("beïnvloeding", "beinvloeding"),
])
def test_word_forms(word, form):
    assert form in word_forms(word)


def test_no_form_reaches_a_false_friend():
    assert not any("weerbarstig".startswith(f) for f in word_forms("weerbaar") if len(f) > 8)


def test_trigger_stems_cover_participles():
    stems = trigger_stems(word_forms("polariseren"))
    assert all(any(s in f for s in stems) for f in word_forms("polariseren"))


def test_parse_phrase_optional_and_alternatives():
    seqs = parse_phrase("(ongewenst) buitenlands inmenging (en beïnvloeding)")
    assert len(seqs) == 4
    assert [["buitenlands"], ["inmenging"]] in seqs
    with pytest.raises(ValueError):
        parse_phrase("spanning (binnen")


def test_taxonomy_has_guideline_themes():
    data = read_taxonomy(DEFAULT_CONFIGS / "policy_theme" / "taxonomy.yml")
    ids = {t["id"] for t in data["themes"]}
    assert {"foreign_interference", "state_threats", "diaspora_policy", "polarisation", "social_tension",
            "social_stability", "resilience", "inclusion", "integration", "disinformation",
            "radicalisation", "dialogue"} <= ids


def test_taxonomy_error_names_line(tmp_path):
    bad = tmp_path / "taxonomy.yml"
    bad.write_text("themes:\n  - id: x\n    terms:\n      - id: x.a\n        phrase: 'spanning (binnen'\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"taxonomy.yml:5"):
        read_taxonomy(bad)


# ---- abbreviations

@pytest.mark.parametrize("short, long, ok", [
    pytest.param("OBI", "ongewenste buitenlandse inmenging", True, id="obi"),
    pytest.param("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", True, id="bzk"),
    pytest.param("JenV", "Justitie en Veiligheid", True, id="jenv"),
    pytest.param("ESS", "sociale stabiliteit", False, id="ess-not"),
    pytest.param("NCTV", "sociale stabiliteit", False, id="nctv-not"),
])
def test_is_acronym(short, long, ok):
    assert is_acronym(short, long) is ok


def test_definition_and_later_uses(annotate):
    text = ("Het kabinet pakt ongewenste buitenlandse inmenging (hierna: OBI) aan. "
            "Meldingen over OBI komen centraal binnen. OBIS is iets anders.")
    rec = annotate(text)
    obi = [s for s in rec.spans if s["label"] == "POLICY_THEME" and s["text"] == "OBI"]
    assert len(obi) == 2 and all(s["attrs"]["theme"] == "foreign_interference" for s in obi)
    assert rec.meta["abbreviations"] == [{"short": "OBI", "long": "ongewenste buitenlandse inmenging",
                                         "label": "POLICY_THEME", "value": "foreign_interference",
                                         "start": text.index("OBI")}]


def test_new_short_form_inherits_theme(annotate):
    text = "De aanpak van statelijke dreigingen (SD) is breed. Bij SD gaat het om heimelijke activiteiten."
    rec = annotate(text)
    sd = [s for s in rec.spans if s["label"] == "POLICY_THEME" and s["text"] == "SD"]
    assert [s["attrs"]["theme"] for s in sd] == ["state_threats", "state_threats"]
    assert sd[0]["rule"] == "abbreviation.parenthesis"


def test_ministry_short_form(annotate):
    text = ("Het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BiZa) coördineert. "
            "BiZa stuurt de Kamer een brief.")
    rec = annotate(text)
    ministries = [s for s in rec.spans if s["label"] == "MINISTRY"]
    later = [s for s in ministries if s["start"] == text.rindex("BiZa")]
    assert later and later[0]["attrs"]["ministries"] == ["BZK"]
    starts = sorted((s["start"], s["end"]) for s in ministries)
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), "MINISTRY spans overlap"


def test_find_definitions_pure():
    text = "aanpak van ongewenste buitenlandse inmenging (hierna: OBI) en OBI."
    long = {"start": 11, "end": 44, "label": "POLICY_THEME", "text": text[11:44], "attrs": {"theme": "foreign_interference"}}
    rules = [("abbreviation.hierna", re.compile(r"\s*\(\s*hierna\s*:\s*(?P<short>[A-Z]{2,})\s*\)"), False)]
    found = find_definitions(text, [long], rules)
    assert [(d["short"], d["value"]) for d in found] == [("OBI", "foreign_interference")]
    spans = short_form_spans(text, found[0], Occupied(), found[0]["start"])
    assert [text[a:b] for a, b in spans] == ["OBI", "OBI"]


# ---- gold and corpus

def _f1(gold, pred):
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def test_gold_policy_theme_f1(nlp, gold_records):
    from pipeline.run.annotate import annotate_doc

    gold, pred, theme_ok = set(), set(), 0
    for r in gold_records:
        rec = annotate_doc(nlp, r["text"], {"date": r["meta"].get("date")})
        g = {(r["id"], s["start"], s["end"]): s["attrs"]["theme"] for s in r["spans"] if s["label"] == "POLICY_THEME"}
        p = {(r["id"], s["start"], s["end"]): s["attrs"]["theme"] for s in rec.spans if s["label"] == "POLICY_THEME"}
        gold |= set(g)
        pred |= set(p)
        theme_ok += sum(g[k] == p[k] for k in set(g) & set(p))
    assert _f1(gold, pred) >= 0.90
    assert theme_ok == len(gold & pred)


def test_letter_30821_200_themes(nlp, shared_dir):
    from pipeline.run.annotate import annotate_doc

    text = (shared_dir / "corpus" / "letters" / "kst-30821-200.txt").read_text(encoding="utf-8")
    rec = annotate_doc(nlp, text, {"date": "2023-09-25"})
    found = [s["attrs"]["theme"] for s in rec.spans if s["label"] == "POLICY_THEME"]
    assert found.count("foreign_interference") == 8  # three long forms, five OBI
    assert {"state_threats", "social_stability", "resilience", "diaspora_policy", "dialogue",
            "social_tension", "polarisation", "inclusion"} <= set(found)
    assert rec.meta["abbreviations"][0]["short"] == "OBI"


def test_exclusions_cover_what_finditer_covers():
    """An Exclusion (PrefixScanner, skipped where the required words are missing) holds a
    candidate exactly when a match of its regex in the window around it does."""
    matcher = ThemeMatcher(read_taxonomy(DEFAULT_CONFIGS / "policy_theme" / "taxonomy.yml"))
    words = ["veerkracht", "weerbare", "materiaal", "veer", "van", "de", "polarisatie", "gepolariseerd", "licht",
             "inclusief", "btw", "integratie", "europese", "systemen", "dialoog", "dialoogvenster", "VEERKRACHT", ","]
    rnd = random.Random(5)
    for exclusions in matcher.exclusions.values():
        for _ in range(200):
            text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40)))
            start = rnd.randrange(len(text))
            end = min(len(text), start + rnd.randint(1, 12))
            lo, hi = max(0, start - 120), min(len(text), end + 120)
            expected = any(m.start() <= start and end <= m.end()
                           for x in exclusions for m in x.scanner.regex.finditer(text, lo, hi))
            assert any(x.covers(text, fold(text), start, end) for x in exclusions) == expected, (text, start, end)
