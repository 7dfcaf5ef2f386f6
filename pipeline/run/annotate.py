"""Run the pipeline on one document and return its record (GUIDELINES.md record format)."""

from spacy.language import Language
from spacy.tokens import Doc

from ..common.spans import check_span, doc_meta, record_spans


class Record(dict):
    """A record dict; `.spans` and `.meta` for convenience in tests and scripts."""

    @property
    def spans(self):
        return self["spans"]

    @property
    def meta(self):
        return self["meta"]


def annotate_doc(nlp: Language, text: str, meta: dict, doc_id: str = "") -> Record:
    """Annotate text; meta is the input meta (meta.date is the document date when given).

    Text longer than nlp.max_length is cut at paragraph breaks into parts that are
    processed in order, sharing the document meta, and stitched back with their offsets.
    """
    spans = []
    doc_level = dict(meta)
    procs = [proc for _, proc in nlp.pipeline]
    for offset, part in split_for_length(text, nlp.max_length):
        doc = nlp.make_doc(part)
        doc.user_data["kst_text"] = part  # spans.doc_text: the text without re-joining the tokens
        doc._.kst_meta = doc_level
        doc._.kst_spans = []
        for proc in procs:
            doc = proc(doc)
        doc_level = doc_meta(doc)
        # in record order: each part's spans come sorted (kst_span_groups), parts in text order
        spans.extend(record_spans(doc, part, offset))
    for span in spans:  # every span's text must be the text at its offsets (else SpanTextMismatch)
        if text[span["start"]:span["end"]] != span["text"]:
            check_span(text, span)
    return Record(id=doc_id, text=text, meta=doc_level, spans=spans)


def doc_record(doc: Doc, doc_id: str = "") -> Record:
    """The record of a Doc the pipeline made (nlp(text), nlp.pipe, a DocBin): what
    annotate_doc returns for its text, read from doc.spans["kst"] and doc._.kst_meta."""
    text = doc.text
    return Record(id=doc_id, text=text, meta=doc_meta(doc), spans=record_spans(doc, text))


def split_for_length(text: str, max_length: int):
    """(offset, part) pieces of at most max_length characters, cut at blank lines if possible."""
    if len(text) <= max_length:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(start + max_length, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + max_length // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        yield start, text[start:end]
        start = end
