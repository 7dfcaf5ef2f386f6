"""kst: the corrections downloaded from the review report (`kst review`), one record a line.

    {"id", "text", "meta": {..., "review": {"tool": "kst", "answer": "accept", "run",
     "config_hash", "rejected": [{"start", "end", "label", "text", "rule", "note"}]}},
     "spans": [{"start", "end", "label", "text", "attrs", "rule", "review", "note"}]}

The browser writes the record as the run had it, less the spans the reviewer rejected (listed in
meta.review.rejected), with corrected attrs merged into the spans (`review: "edited"` or the
decision) and the spans the reviewer drew (rule "review.kst", `review: "added"`). Only
documents with a decision are downloaded. On import every span is checked against the text like
the other tools' spans (a slipped span is repaired from its text or dropped and reported).
"""

from pathlib import Path

from .common import (ExchangeError, ImportResult, Problem, describe_span, finish_record, known_label, locate_span,
                     read_jsonl_objects, take_answer)

TOOL = "kst"


def import_(path, keep_rejected: bool = False) -> ImportResult:
    path = Path(path)
    result = ImportResult()
    for line, obj in read_jsonl_objects(path):
        where_line = f"line {line}"
        text, meta = obj.get("text"), obj.get("meta")
        if not isinstance(text, str) or not isinstance(meta, dict) or not isinstance(obj.get("spans"), list):
            raise ExchangeError(f"{path}:{line}: not a record with text, meta and spans: not a kst corrections file")
        record_id = str(obj.get("id") or f"{path.stem}-{line}")
        review = meta.get("review") if isinstance(meta.get("review"), dict) else {}
        spans = []
        for span in obj["spans"]:
            if not isinstance(span, dict):
                result.problems.append(Problem(str(path), where_line, record_id, "", f"a span must be an object, found {span!r}"))
                continue
            start, end, label = span.get("start"), span.get("end"), span.get("label")
            where = describe_span(start, end, label, span.get("text"))
            if not known_label(label):
                result.problems.append(Problem(str(path), where_line, record_id, where, f"unknown label {label!r}"))
                continue
            found = locate_span(text, start, end, span.get("text"))
            if found is None:
                result.problems.append(Problem(str(path), where_line, record_id, where, "the span text is not in the document there"))
                continue
            if found[2]:
                result.problems.append(Problem(str(path), where_line, record_id, where, found[2], True))
            placed = dict(span, start=found[0], end=found[1], text=text[found[0]:found[1]])
            placed.setdefault("attrs", {})
            placed.setdefault("rule", "review.kst")
            spans.append(placed)
        record = finish_record(record_id, text, dict(meta), spans)
        take_answer(result, record, review.get("answer") or "accept", TOOL, keep_rejected)
    return result
