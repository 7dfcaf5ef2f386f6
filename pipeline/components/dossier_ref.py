"""dossier_ref component: to be written (see the issue for dossier_ref)."""

from spacy.language import Language
from spacy.tokens import Doc

from .base import RuleComponent


@Language.factory("kst_dossier_ref", assigns=["doc._.kst_spans"])
def make_dossier_ref(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, patterns: str = ""):
        self.data = {}
        self.compile()

    def __call__(self, doc: Doc) -> Doc:
        return doc
