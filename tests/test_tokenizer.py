"""Tokenizer exceptions for Dutch official text, on real sentences from the corpus."""

import pytest

CASES = [
    pytest.param("Op 6 april jl. is uw Kamer door de Ministers geïnformeerd.", ["jl."], id="jl"),
    pytest.param("Kamerstukken 30 821 en 26 643, nr. 42", ["nr."], id="nr"),
    pytest.param("(Kamerstukken II 2017/18, 34 775 VI, nrs. 12 en 13)", ["nrs."], id="nrs"),
    pytest.param("het commissiedebat op 4 oktober a.s. over buitenlandse inmenging", ["a.s."], id="a.s."),
    pytest.param("Informele Milieuraad d.d. 10-11 april 2018", ["d.d."], id="d.d."),
    pytest.param("waaronder o.a. de Landelijke Meldkamer Samenwerking", ["o.a."], id="o.a."),
    pytest.param("Handelingen II 1995/96, blz. 3245", ["blz."], id="blz"),
    pytest.param("Stb. 2023, 123 en Stcrt. 2023, 4567 en Trb. 2020, 12", ["Stb.", "Stcrt.", "Trb."], id="publication-abbreviations"),
    pytest.param("i.v.m. de motie-Gesthuizen c.s. t.a.v. de aanpak", ["i.v.m.", "c.s.", "t.a.v."], id="i.v.m.-c.s.-t.a.v."),
    pytest.param("mr. drs. J.A. Jansen, dhr. De Vries en mevr. Bergkamp", ["mr.", "drs.", "dhr.", "mevr."], id="titles"),
    pytest.param("Zie p. 3 van het verslag", ["p."], id="page"),
    pytest.param("de toezegging van de Minister van SZW van 4 okt. jl.", ["okt.", "jl."], id="abbreviated-month"),
]


@pytest.mark.parametrize("text,kept", CASES)
def test_abbreviations_stay_one_token(nlp, text, kept):
    tokens = [t.text for t in nlp.make_doc(text)]
    for form in kept:
        assert form in tokens, tokens


FOOTNOTES = [
    pytest.param("het dreigingsbeeld statelijke actoren², waaronder", ["actoren", "²"], id="superscript"),
    pytest.param("ongewenste buitenlandse inmenging (hierna: OBI).¹ Hierna", ["OBI", ")", ".", "¹"], id="superscript-after-period"),
    pytest.param("de aanpak van OBI).1 Hierna is uw Kamer", ["OBI", ")", ".", "1", "Hierna"], id="glued-digit-after-period"),
    pytest.param("het dreigingsbeeld statelijke actoren2, waaronder", ["actoren", "2", ","], id="glued-digit-word"),
    pytest.param("een vaste commissie1.", ["commissie", "1", "."], id="glued-digit-before-period"),
]


@pytest.mark.parametrize("text,expected", FOOTNOTES)
def test_footnote_markers_split_off(nlp, text, expected):
    tokens = [t.text for t in nlp.make_doc(text)]
    position = tokens.index(expected[0])
    assert tokens[position:position + len(expected)] == expected


@pytest.mark.parametrize("text,token", [("de CO2 uitstoot", "CO2"), ("de G20 in Delhi", "G20"), ("na COVID-19 komt", "COVID-19"),
                                        ("in hoofdstuk 3.1 staat", "3.1"), ("nr. 2023Z16544 over", "2023Z16544")])
def test_names_with_digits_stay_whole(nlp, text, token):
    assert token in [t.text for t in nlp.make_doc(text)]


def test_lookup_lemmas_from_spacy_lookups_data(nlp):
    doc = nlp("De ministers hebben uw Kamer geïnformeerd over gemeenschappen.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["geïnformeerd"] == "informeren"
    assert lemmas["hebben"] == "hebben"


def _spacy_tokenizer(tokenizer):
    """A plain spaCy Tokenizer with exactly the rules and affixes of `tokenizer`."""
    from spacy.tokenizer import Tokenizer

    return Tokenizer(tokenizer.vocab, rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
                     suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                     token_match=tokenizer.token_match, url_match=tokenizer.url_match)


def _tokens(doc):
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def test_chunk_cache_gives_spacys_tokens_on_the_shared_corpus(nlp, shared_dir):
    """The caching tokenizer must never change a token: every document of ../shared/corpus,
    twice (the second time from the cache), against spaCy's Tokenizer with the same rules."""
    from pipeline.io.readers.document import Document
    from pipeline.io.readers import read_inputs

    plain = _spacy_tokenizer(nlp.tokenizer)
    texts = [item.text for item in read_inputs([str(shared_dir / "corpus")]) if isinstance(item, Document)]
    assert len(texts) > 20
    for _ in range(2):
        for text in texts:
            assert _tokens(nlp.tokenizer(text)) == _tokens(plain(text))


def test_chunk_cache_is_bounded_and_follows_rule_changes(nlp):
    from pipeline.components.tokenizer import ChunkCachingTokenizer

    tokenizer = _spacy_tokenizer(nlp.tokenizer)
    caching = ChunkCachingTokenizer(tokenizer.vocab, rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
                                    suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                                    max_cache_size=3)
    text = "de toezegging van de Minister van SZW, zie Kamerstukken 30821."
    assert [t.text for t in caching(text)] == [t.text for t in tokenizer(text)]
    assert len(caching._seen_chunks) == 3  # stops remembering at max_cache_size
    caching.add_special_case("SZW,", [{"ORTH": "SZW,"}])  # a rule change flushes spaCy's cache and ours
    assert not caching._seen_chunks
    assert "SZW," in [t.text for t in caching(text)]


def test_saved_pipeline_keeps_the_caching_tokenizer(nlp, tmp_path):
    import spacy

    from pipeline.components.tokenizer import ChunkCachingTokenizer

    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert isinstance(loaded.tokenizer, ChunkCachingTokenizer)
    text = "Op 6 april jl. is uw Kamer door de Ministers geïnformeerd (Kamerstukken 30 821, nr. 200).1"
    assert _tokens(loaded.make_doc(text)) == _tokens(nlp.make_doc(text))


@pytest.mark.parametrize("run", ["§" * 20_000, "=" * 5_000 + "+" * 5_000, "x" + "§" * 5_000 + "x", "«»" * 4_000 + "%" * 999])
def test_long_runs_without_spaces_are_tokenized_in_pieces(nlp, monkeypatch, run):
    """Issue 18: spaCy's affix loop is quadratic in a chunk without spaces (20,000 "§": 72 s);
    such chunks reach spaCy's tokenizer in pieces of at most PIECE characters, with the
    offsets of the text (docs/reliability.md has the benchmark)."""
    from pipeline.components.tokenizer import PIECE, ChunkCachingTokenizer

    seen = []
    original = ChunkCachingTokenizer._tokenize_part
    monkeypatch.setattr(ChunkCachingTokenizer, "_tokenize_part", lambda self, part: seen.append(len(part)) or original(self, part))
    text = "Den Haag, 25 september 2023\n\nIk zal u  informeren " + run + " over nr. 200. Klaar."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert seen and max(seen) <= max(PIECE, len("Den Haag, 25 september 2023\n\nIk zal u  informeren x"))
    words = [t.text for t in doc]
    assert words[:9] == ["Den", "Haag", ",", "25", "september", "2023", "\n\n", "Ik", "zal"]
    assert "nr." in words and words[-1] == "." and "".join(t.text_with_ws for t in doc) == text


def test_text_without_long_runs_is_tokenized_by_spacy_as_always(nlp, monkeypatch):
    from pipeline.components.tokenizer import ChunkCachingTokenizer

    monkeypatch.setattr(ChunkCachingTokenizer, "_tokenize_part", lambda self, part: pytest.fail("pieces used"))
    text = "Zie https://zoek.officielebekendmakingen.nl/kst-30821-200.html (Kamerstuk 30 821, nr. 200)."
    assert [t.text for t in nlp.make_doc(text)][:3] == ["Zie", "https://zoek.officielebekendmakingen.nl/kst-30821-200.html", "("]
