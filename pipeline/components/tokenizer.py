"""The kst tokenizer: spaCy's Dutch tokenizer with a chunk cache that works, plus the
official-text settings applied before the pipeline initializes.

Abbreviations from configs/tokenizer/abbreviations.txt stay one token ("nr.", "jl.", "Stb.");
the suffix patterns of configs/tokenizer/suffixes.txt split footnote markers off the word
they are glued to ("actoren²", "OBI1."). Both are stored with the tokenizer when the
pipeline is saved.
"""

import re

from spacy import util
from spacy.language import Language, create_tokenizer as create_spacy_tokenizer
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..common.rules import compile_regex, read_lexicon


class ChunkCachingTokenizer(Tokenizer):
    """spaCy's Tokenizer, giving exactly its tokens, with its chunk cache actually used.

    spaCy caches the tokens of each whitespace-separated chunk, but stops saving to the
    cache for the rest of a document once any chunk hit a special case (spaCy #1250: a
    document-wide flag). Dutch has some 4,700 special cases ("De", "t.a.v.", ...), so in
    practice almost every chunk is split by the affix regexes again, every time: 95 % of
    the bare tokenizer's time. Tokenizing a chunk not seen before on its own first stores
    it in spaCy's cache (when it involves no special case, as spaCy requires); the document
    is then tokenized by spaCy as always, now hitting the cache. At most max_cache_size
    chunks are remembered, like spaCy's own cache, so memory stays bounded.
    """

    def __init__(self, *args, **kwargs):
        self._seen_chunks = set()  # before spaCy's __init__, which flushes the cache
        super().__init__(*args, **kwargs)

    def __call__(self, text: str):
        if _LONG_CHUNK.search(text):
            return self._in_pieces(text)
        seen, tokenize, limit = self._seen_chunks, super().__call__, self.max_cache_size
        if len(seen) < limit:
            for chunk in text.split():
                if chunk not in seen and len(seen) < limit:
                    seen.add(chunk)
                    tokenize(chunk)
        return tokenize(text)

    def _in_pieces(self, text: str) -> Doc:
        """spaCy strips affixes off a chunk one at a time, copying the rest each time: a run of
        20,000 "§" without a space took 72 s. Runs of more than LONG_RUN symbols (neither
        word characters nor spaces) are tokenized in pieces of PIECE characters, the rest of
        the text as always. Offsets are the text's."""
        docs, at = [], 0
        for m in _LONG_CHUNK.finditer(text):
            if at < m.start():
                docs.append(self._tokenize_part(text[at:m.start()]))
            docs.extend(self._tokenize_part(text[start:end]) for start, end in _pieces(m.start(), m.end()))
            at = m.end()
        if at < len(text):
            docs.append(self._tokenize_part(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)  # keeps what the tokenizer set (norms)

    def _tokenize_part(self, part: str) -> Doc:
        return Tokenizer.__call__(self, part)

    def _reset_cache(self, keys):
        super()._reset_cache(keys)  # rules or affixes changed: cached chunks are stale
        self._seen_chunks.clear()


LONG_RUN = 100  # symbols in a row (no word character, no space) that are tokenized in pieces
PIECE = 64
_LONG_CHUNK = re.compile(r"[^\w\s]{%d,}" % (LONG_RUN + 1))


def _pieces(start: int, end: int):
    for at in range(start, end, PIECE):
        yield at, min(at + PIECE, end)


@util.registry.tokenizers("kst.tokenizer.v1")
def create_tokenizer(max_cache_size: int = 100_000):
    """spaCy's own Dutch tokenizer settings, in a ChunkCachingTokenizer."""
    make_spacy_tokenizer = create_spacy_tokenizer()

    def make_tokenizer(nlp: Language) -> ChunkCachingTokenizer:
        spacy_tokenizer = make_spacy_tokenizer(nlp)
        return ChunkCachingTokenizer(
            nlp.vocab, rules=spacy_tokenizer.rules, prefix_search=spacy_tokenizer.prefix_search,
            suffix_search=spacy_tokenizer.suffix_search, infix_finditer=spacy_tokenizer.infix_finditer,
            token_match=spacy_tokenizer.token_match, url_match=spacy_tokenizer.url_match,
            max_cache_size=max_cache_size)

    return make_tokenizer


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
