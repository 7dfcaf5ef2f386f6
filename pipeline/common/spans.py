"""Where the results live on a Doc.

While the pipeline runs, components exchange spans as dicts in the record format of
GUIDELINES.md (character offsets, label, attrs, rule) in doc._.kst_spans: a later component
reads what an earlier one found. The last pipe (kst_span_groups) turns them into spaCy
objects, the one place a finished Doc holds them: doc.spans["kst"] (every span) and
doc.spans["kst.<LABEL>"], each Span with span._.kst; the JSONL record is read back from
there (record_spans). Span._.kst is plain data kept in doc.user_data, so it survives
pickling, DocBin and worker processes (scispacy issue 338).
"""

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

LABELS = ("MINISTRY", "COMMITTEE", "DATE", "DOSSIER_REF", "POLICY_THEME", "COMMITMENT")

if not Doc.has_extension("kst_spans"):
    Doc.set_extension("kst_spans", default=None)
if not Doc.has_extension("kst_meta"):
    Doc.set_extension("kst_meta", default=None)

SPANS_KEY = "kst"  # doc.spans["kst"]: every span; doc.spans["kst.DATE"] etc.: one label each
# doc.user_data key of what span._.kst returns, by span_key(); spaCy's own storage of span
# extensions is keyed by token offsets only, so two labels on the same tokens would share it.
SPAN_DATA = "kst_span_data"


def span_key(label: str, start_char: int, end_char: int, span_id: str) -> str:
    return f"{label} {start_char} {end_char} {span_id}"


def _span_data(span: Span):
    data = span.doc.user_data.get(SPAN_DATA)
    return None if data is None else data.get(span_key(span.label_, span.start_char, span.end_char, span.id_))


if not Span.has_extension("kst"):
    Span.set_extension("kst", getter=_span_data)


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


def group_key(label: str) -> str:
    return f"{SPANS_KEY}.{label}"


def set_span_groups(doc: Doc, spans: list) -> None:
    """Span dicts into doc.spans["kst"] (in record order) and one group per label.

    A Span covers whole tokens: when a span's characters do not, its Span is the smallest
    token range covering them and span._.kst says so (start_char, end_char, token_aligned
    False). span.id_ is the rule, with "#2", "#3"… when a second span of the same label and
    rule covers the same tokens (they differ in characters or attrs), so each keeps its own
    span._.kst.
    """
    ordered = sorted(spans, key=sort_key)
    covering = zip(*_covering_tokens(doc, ordered))
    data, objects = {}, []
    for span, (first, last, token_start, token_end) in zip(ordered, covering):
        start, end, label, rule = span["start"], span["end"], span["label"], span.get("rule") or ""
        value = {"attrs": span["attrs"], "rule": span.get("rule")}
        if (token_start, token_end) != (start, end):
            value.update(start_char=start, end_char=end, token_aligned=False)
        span_id, copy = rule, 1
        key = span_key(label, token_start, token_end, span_id)
        while data.get(key, value) != value:
            copy += 1
            span_id = f"{rule}#{copy}"
            key = span_key(label, token_start, token_end, span_id)
        data[key] = value
        objects.append(Span(doc, first, last + 1, label=label, span_id=span_id))
    doc.user_data[SPAN_DATA] = data
    doc.spans[SPANS_KEY] = objects
    for label in sorted(set(LABELS).union(s.label_ for s in objects)):
        doc.spans[group_key(label)] = [s for s in objects if s.label_ == label]


def _covering_tokens(doc: Doc, spans: list) -> tuple:
    """For each span: the first and last token covering its characters and their character
    bounds (a token holds its trailing whitespace here), in four lists. One numpy search
    per document: a Python list of every token's offset cost half the pipe's time."""
    if not spans:
        return [], [], [], []
    bounds = doc.to_array([IDX, LENGTH])
    starts = bounds[:, 0]
    first = numpy.searchsorted(starts, [s["start"] for s in spans], side="right") - 1
    last = numpy.searchsorted(starts, [s["end"] for s in spans], side="left") - 1
    return (first.tolist(), last.tolist(), starts[first].tolist(), (starts[last] + bounds[last, 1]).tolist())


def record_spans(doc: Doc, text: str, offset: int = 0) -> list:
    """The record's span dicts, read from doc.spans["kst"] and span._.kst; text is the Doc's
    text, offset is added to every offset (a part of a longer document)."""
    group = doc.spans.get(SPANS_KEY)
    if group is None:
        raise ValueError(f'no doc.spans["{SPANS_KEY}"]: the pipeline must end with the kst_span_groups pipe '
                         "(configs/pipeline.cfg)")
    data = doc.user_data.get(SPAN_DATA) or {}
    out = []
    for span in group:
        label, start, end = span.label_, span.start_char, span.end_char
        value = data[span_key(label, start, end, span.id_)]
        if "start_char" in value:
            start, end = value["start_char"], value["end_char"]
        out.append({"start": start + offset, "end": end + offset, "label": label, "text": text[start:end],
                    "attrs": value["attrs"], "rule": value["rule"]})
    return out
