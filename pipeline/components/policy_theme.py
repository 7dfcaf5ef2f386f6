"""policy_theme component: to be written (see the issue for policy_theme)."""

from spacy.language import Language
from spacy.tokens import Doc

from .base import RuleComponent


@Language.factory("kst_policy_theme", assigns=["doc._.kst_spans"])
def make_policy_theme(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, taxonomy: str = ""):
        self.data = {}
        self.compile()

    def __call__(self, doc: Doc) -> Doc:
        return doc
