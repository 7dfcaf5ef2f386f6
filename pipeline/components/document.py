"""Document-level metadata that no other component owns: meta.doc_type from the heading."""

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_text
from .base import RuleComponent


@Language.factory("kst_document", assigns=["doc._.kst_meta"])
def make_document(nlp: Language, name: str):
    return DocumentTyper(nlp, name)


class DocumentTyper(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, doc_types: str = ""):
        data = read_yaml(doc_types)
        types = require(data, "types", doc_types, list)
        for rule in types:
            for key in ("id", "doc_type", "regex"):
                require(rule, key, doc_types)
            compile_regex(rule["regex"], doc_types, line_of(rule, "regex"), re.I | re.M)
        if not isinstance(data.get("within", 1500), int):
            raise RuleFileError(doc_types, line_of(data, "within"), "'within' must be a whole number")
        self.data = plain(data)
        self.compile()

    def compile(self) -> None:
        self.within = self.data.get("within", 1500)
        self.rules = [(r["doc_type"], re.compile(r["regex"], re.I | re.M)) for r in self.data.get("types", [])]

    def __call__(self, doc: Doc) -> Doc:
        meta = doc_meta(doc)
        if meta.get("doc_type"):
            return doc
        head = doc_text(doc)[: self.within]
        for doc_type, regex in self.rules:
            if regex.search(head):
                meta["doc_type"] = doc_type
                break
        return doc
