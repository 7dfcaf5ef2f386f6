"""Dutch official-text tokenizer settings, applied before the pipeline initializes.

Abbreviations from configs/tokenizer/abbreviations.txt stay one token ("nr.", "jl.", "Stb.");
the suffix patterns of configs/tokenizer/suffixes.txt split footnote markers off the word
they are glued to ("actoren²", "OBI1."). Both are stored with the tokenizer when the
pipeline is saved.
"""

from spacy import util
from spacy.language import Language
from spacy.symbols import ORTH

from .rules import compile_regex, read_lexicon


@util.registry.callbacks("kst.dutch_tokenizer.v1")
def create_dutch_tokenizer(abbreviations: str, suffixes: str):
    def customize(nlp: Language) -> Language:
        for _, fields in read_lexicon(abbreviations):
            form = fields[0]
            for variant in sorted({form, form.lower(), form.capitalize(), form.upper()}):
                nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
        extra = []
        for line, fields in read_lexicon(suffixes):
            compile_regex(fields[0], suffixes, line)
            extra.append(fields[0])
        nlp.tokenizer.suffix_search = util.compile_suffix_regex(list(nlp.Defaults.suffixes) + extra).search
        return nlp

    return customize
