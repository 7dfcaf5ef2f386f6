"""The last pipe: the spans the components found become spaCy objects.

Components exchange span dicts in doc._.kst_spans while the pipeline runs; this pipe moves
them into doc.spans["kst"] and doc.spans["kst.<LABEL>"] (span._.kst: attrs, rule, character
offsets off token boundaries) and empties the working list, so a finished Doc holds its
spans in one place, the one the JSONL record is read from (spans.record_spans).
"""

from spacy.language import Language
from spacy.tokens import Doc

from ..common.spans import doc_spans, set_span_groups


@Language.factory("kst_span_groups", requires=["doc._.kst_spans"], assigns=["doc.spans", "span._.kst"])
def make_span_groups(nlp: Language, name: str):
    return SpanGroupMaker(name)


class SpanGroupMaker:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        set_span_groups(doc, doc_spans(doc))
        doc._.kst_spans = None
        # the text cache of spans.doc_text: a finished Doc (DocBin, pickle) carries its text once
        doc.user_data.pop("kst_text", None)
        return doc
