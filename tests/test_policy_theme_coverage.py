"""POLICY_THEME coverage of real documents (issue 14 item 5): coordinated ellipsis, the verbs
of theme nouns from the lemma table, multiword variants, near-synonyms, and the decision on
names and technical compounds. Sentences written for these tests."""

import pytest

from pipeline.components.policy_theme import add_verb_terms, derived_verb, read_taxonomy, read_verb_rules
from pipeline.run.assemble import DEFAULT_CONFIGS


def themes(annotate, text):
    return [(s["text"], s["attrs"]["theme"]) for s in annotate(text).spans if s["label"] == "POLICY_THEME"]


CASES = [
    # coordinated ellipsis: the first conjunct carries the theme too, one span
    ("Het gaat om statelijke en niet-statelijke dreigingen.", [("statelijke en niet-statelijke dreigingen", "state_threats")]),
    ("Statelijke en niet-statelijke actoren proberen invloed te kopen.",
     [("Statelijke en niet-statelijke actoren", "state_threats")]),
    ("Niet-statelijke actoren zijn ook actief.", [("Niet-statelijke actoren", "state_threats")]),
    ("De maatschappelijke en sociale spanningen nemen toe.",
     [("maatschappelijke en sociale spanningen", "social_tension")]),
    ("Europese en statelijke actoren werken samen.", [("statelijke actoren", "state_threats")]),  # Europese is no slot word
    # verbs and participles of theme nouns
    ("Nieuwkomers moeten snel integreren.", [("integreren", "integration")]),
    ("Wie goed geïntegreerd is, vindt sneller werk.", [("geïntegreerd", "integration")]),
    ("Statushouders integreren beter wanneer zij werken.", [("integreren", "integration")]),
    ("De samenleving polariseert.", [("polariseert", "polarisation")]),
    ("Een jongere die radicaliseert, valt op.", [("radicaliseert", "radicalisation")]),
    ("Jongeren die online radicaliseerden.", [("radicaliseerden", "radicalisation")]),
    ("Staten die zich ongewenst inmengen in onze democratie.", [("ongewenst inmengen", "foreign_interference")]),
    ("Rusland spioneert bij bedrijven en saboteert kabels.",
     [("spioneert", "state_threats"), ("saboteert", "state_threats")]),
    ("Er werd gespioneerd op de universiteit.", [("gespioneerd", "state_threats")]),
    # multiword variants
    ("Er zijn spanningen in de samenleving.", [("spanningen in de samenleving", "social_tension")]),
    ("Er zijn spanningen en tegenstellingen tussen groepen.",
     [("spanningen en tegenstellingen tussen groepen", "social_tension")]),
    ("De tegenstellingen in de maatschappij worden groter.", [("tegenstellingen in de maatschappij", "social_tension")]),
    # near-synonyms
    ("Onwenselijke beïnvloeding door andere landen.", [("Onwenselijke beïnvloeding", "foreign_interference")]),
    ("Ontoelaatbare inmenging in het onderwijs.", [("Ontoelaatbare inmenging", "foreign_interference")]),
    # decided: a term inside a name, and a technical compound, are tagged (docs/policy_theme.md)
    ("Het Netwerk Weerbaar Bestuur helpt gemeenten.", [("Weerbaar", "resilience")]),
    ("De werkgever laat een weerbaarheidsscan doen.", [("weerbaarheidsscan", "resilience")]),
]

NEGATIVES = [
    "Wij kiezen voor een geïntegreerde aanpak van de zorg.",
    "De nieuwe systemen integreren we in het oude netwerk.",
    "Dit is in het systeem geïntegreerd.",
    "Landen proberen zich in te mengen.",          # bare inmengen, like bare inmenging, is no term
    "De overheid moet zich niet inmengen in de opvoeding.",
    "Er stond spanning op de kabel.",
    "Het verschil tussen groepen is klein.",
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_theme_coverage(annotate, text, expected):
    assert themes(annotate, text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_theme(annotate, text):
    assert themes(annotate, text) == []


def test_verbs_come_from_the_lemma_table():
    rules = [("isatie", "iseren"), ("atie", "eren"), ("ing", "en")]
    lemmas = {"polariseren", "integreren", "inmengen"}
    assert [derived_verb(w, rules, lemmas) for w in ("polarisatie", "integratie", "inmenging", "desinformatie")] \
        == ["polariseren", "integreren", "inmengen", ""]  # desinformeren is no lemma: no verb


def test_verb_twins_keep_their_modifiers_and_skip_listed_verbs(tmp_path):
    taxonomy = read_taxonomy(DEFAULT_CONFIGS / "policy_theme" / "taxonomy.yml")
    add_verb_terms(taxonomy, read_verb_rules(taxonomy, "taxonomy.yml"),
                   {"inmengen", "beïnvloeden", "polariseren", "integreren"})
    twins = {t["id"]: t["phrase"] for theme in taxonomy["themes"] for t in theme["terms"] if t.get("derived_from")}
    assert twins["policy_theme.foreign_interference.ongewenste_inmenging.verb"].startswith(
        "ongewenst|onwenselijk|ongewild|ontoelaatbaar inmengen|beïnvloeden")
    assert twins["policy_theme.integration.integratie.verb"] == "integreren"
    assert "policy_theme.polarisation.polarisatie.verb" not in twins  # the theme lists polariseren itself
