"""Lookup lemmas from spacy-lookups-data's `lemma_lookup` table for nl, set in bulk.

The same lemmas as spaCy's Dutch `lemmatizer` in lookup mode (DutchLemmatizer:
token.lemma_ = the table's entry for the lowercased token text, else that lowercased text),
without its Python loop over Token objects: the lowercased texts are read as hashes in one
array (doc.to_array(LOWER)), each distinct hash is looked up once in the table (whose keys
are those hashes) and remembered, and the lemmas are written back in one array
(doc.from_array(LEMMA)). Tokens that already carry a lemma keep it unless
`overwrite` is set, as with spaCy's component. The table is stored with the pipeline
(to_disk/from_disk), so a saved pipeline needs no spacy-lookups-data.
"""

from pathlib import Path

import numpy
from spacy import util
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.lookups import Lookups, load_lookups
from spacy.tokens import Doc

TABLE = "lemma_lookup"


@Language.factory("kst_lemmatizer", assigns=["token.lemma"], default_config={"overwrite": False})
def make_lemmatizer(nlp: Language, name: str, overwrite: bool):
    return LookupLemmatizer(nlp, name, overwrite=overwrite)


class LookupLemmatizer:
    # distinct token texts remembered with their lemma (a vocabulary; cleared when full)
    MAX_CACHED = 1_000_000

    def __init__(self, nlp: Language, name: str = "lemmatizer", *, overwrite: bool = False):
        self.vocab = nlp.vocab
        self.name = name
        self.overwrite = overwrite
        self.lookups = Lookups()
        self.table = None
        self._lemma_of: dict = {}  # lowercase text hash -> lemma hash

    def initialize(self, get_examples=None, *, nlp=None, lookups=None):
        if lookups is None:
            lookups = load_lookups(lang=self.vocab.lang, tables=[TABLE])
        self._use(lookups)

    def _use(self, lookups: Lookups) -> None:
        if TABLE not in lookups:
            raise ValueError(f"the {self.name} component needs the table {TABLE!r} (spacy-lookups-data), "
                             f"found {lookups.tables}")
        self.lookups = lookups
        self.table = lookups.get_table(TABLE)
        self._lemma_of = {}

    def lemma_id(self, lower: int) -> int:
        """The lemma hash for the hash of a lowercased token text, as spaCy's Dutch lookup
        lemmatizer sets it."""
        lemma = self._lemma_of.get(lower)
        if lemma is None:
            strings = self.vocab.strings
            value = self.table.get(lower)
            if value is None:
                value = strings[lower]  # not in the table: the lowercased text is the lemma
            elif not isinstance(value, str):
                value = value[0]
            lemma = strings.add(value)
            if len(self._lemma_of) >= self.MAX_CACHED:
                self._lemma_of.clear()
            self._lemma_of[lower] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise ValueError(f"the {self.name} component is not initialized (nlp.initialize())")
        if not len(doc):
            return doc
        columns = doc.to_array([LOWER, LEMMA])
        known, lemma_id = self._lemma_of, self.lemma_id
        lemmas = numpy.fromiter((known.get(o) or lemma_id(o) for o in columns[:, 0].tolist()),
                                dtype="uint64", count=len(doc))
        if not self.overwrite:
            lemmas = numpy.where(columns[:, 1] != 0, columns[:, 1], lemmas)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # -- serialization: the table goes with the pipeline
    def to_disk(self, path, *, exclude=tuple()) -> None:
        util.to_disk(path, {"lookups": lambda p: self.lookups.to_disk(p)}, exclude)

    def from_disk(self, path, *, exclude=tuple()):
        lookups = Lookups()
        util.from_disk(path, {"lookups": lambda p: lookups.from_disk(p)}, exclude)
        self._use(lookups)
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return util.to_bytes({"lookups": self.lookups.to_bytes}, exclude)

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        lookups = Lookups()
        util.from_bytes(data, {"lookups": lambda b: lookups.from_bytes(b)}, exclude)
        self._use(lookups)
        return self
