"""commitment component: to be written (see the issue for commitment)."""

from spacy.language import Language
from spacy.tokens import Doc

from .base import RuleComponent


@Language.factory("kst_commitment", assigns=["doc._.kst_spans"])
def make_commitment(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, cues: str = ""):
        self.data = {}
        self.compile()

    def __call__(self, doc: Doc) -> Doc:
        return doc
