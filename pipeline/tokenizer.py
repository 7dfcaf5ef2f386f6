"""Dutch official-text tokenizer settings, applied before the pipeline initializes.

Abbreviations from configs/ stay one token ("nr.", "jl.", "Stb."); superscript footnote
markers split off the word they are glued to ("actoren²"). Both are stored with the
tokenizer when the pipeline is saved.
"""

from spacy import util
from spacy.language import Language
from spacy.symbols import ORTH

from .rules import read_lexicon

FOOTNOTE_SUFFIX = r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+"


@util.registry.callbacks("kst.dutch_tokenizer.v1")
def create_dutch_tokenizer(abbreviations: str):
    def customize(nlp: Language) -> Language:
        for _, fields in read_lexicon(abbreviations):
            form = fields[0]
            for variant in {form, form.lower(), form.capitalize(), form.upper()}:
                nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
        suffixes = list(nlp.Defaults.suffixes) + [FOOTNOTE_SUFFIX]
        nlp.tokenizer.suffix_search = util.compile_suffix_regex(suffixes).search
        return nlp

    return customize
