"""Our bulk lookup lemmatizer gives spaCy's Dutch lookup lemmas, from the same table."""

from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent


def spacy_lookup_lemmas(nlp, texts):
    """spaCy's own lookup lemmatizer, on the same tokens as ours."""
    reference = spacy.blank("nl")
    lemmatizer = reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    return [[t.lemma_ for t in lemmatizer(nlp.make_doc(text))] for text in texts]


def test_same_lemmas_as_spacy_lookup_lemmatizer_on_corpus(nlp):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    texts.append("De Ministers hebben uw Kamer GEÏNFORMEERD over diasporagemeenschappen en polariseerde groepen.")
    ours = [[t.lemma_ for t in nlp(text)] for text in texts]
    assert ours == spacy_lookup_lemmas(nlp, texts)


def test_known_lemmas(nlp):
    lemmas = {t.text: t.lemma_ for t in nlp("Wij zijn voornemens u in het najaar nader te berichten over gemeenschappen.")}
    assert lemmas["zijn"] == "zijn" and lemmas["berichten"] == "berichten"
    assert lemmas["Wij"] == "wij"


def test_lemmas_survive_save_and_load(nlp, tmp_path):
    nlp.get_pipe("lemmatizer").to_disk(tmp_path / "lemmas")
    from pipeline.components.lemmas import LookupLemmatizer

    fresh = LookupLemmatizer(nlp, "lemmatizer").from_disk(tmp_path / "lemmas")
    doc = fresh(nlp.make_doc("geïnformeerd"))
    assert doc[0].lemma_ == "informeren"
