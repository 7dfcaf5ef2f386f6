"""Where components leave their results on a Doc: plain data, never Span objects.

Spans are dicts in the record format of GUIDELINES.md (character offsets, label, attrs,
rule). Plain data survives pickling, DocBin and worker processes (scispacy issue 338).
"""

from spacy.tokens import Doc

LABELS = ("MINISTRY", "COMMITTEE", "DATE", "DOSSIER_REF", "POLICY_THEME", "COMMITMENT")

if not Doc.has_extension("kst_spans"):
    Doc.set_extension("kst_spans", default=None)
if not Doc.has_extension("kst_meta"):
    Doc.set_extension("kst_meta", default=None)


class SpanTextMismatch(ValueError):
    """A span whose text is not the text at its offsets: a bug, never written out."""


def doc_meta(doc: Doc) -> dict:
    """The document's meta dict (input meta plus what components found), created on first use."""
    if doc._.kst_meta is None:
        doc._.kst_meta = {}
    return doc._.kst_meta


def doc_spans(doc: Doc) -> list:
    if doc._.kst_spans is None:
        doc._.kst_spans = []
    return doc._.kst_spans


def make_span(text: str, start: int, end: int, label: str, attrs: dict, rule: str) -> dict:
    if not 0 <= start < end <= len(text):
        raise SpanTextMismatch(f"{label} span {start}:{end} outside a text of {len(text)} characters")
    return {"start": start, "end": end, "label": label, "text": text[start:end], "attrs": attrs, "rule": rule}


def doc_text(doc: Doc) -> str:
    """doc.text, kept in doc.user_data["kst_text"] after the first call (annotate_doc puts it
    there): spaCy's Doc.text joins every token on each access, which cost 40 % of the
    pipeline when done once per span (issue 8)."""
    if not len(doc):
        return ""
    text = doc.user_data.get("kst_text")
    last = doc[-1]
    if text is None or len(text) != last.idx + len(last.text_with_ws):
        text = doc.text
        doc.user_data["kst_text"] = text
    return text


def add_span(doc: Doc, start: int, end: int, label: str, attrs: dict, rule: str) -> dict:
    span = make_span(doc_text(doc), start, end, label, attrs, rule)
    doc_spans(doc).append(span)
    return span


def spans_with_label(doc: Doc, *labels: str) -> list:
    return [s for s in doc_spans(doc) if s["label"] in labels]


def sort_key(span: dict):
    return (span["start"], -span["end"], span["label"], span.get("rule") or "")


def check_span(text: str, span: dict) -> None:
    if text[span["start"]:span["end"]] != span["text"]:
        raise SpanTextMismatch(
            f"span {span['start']}:{span['end']} says {span['text']!r} "
            f"but the text there is {text[span['start']:span['end']]!r}")
