"""doccano: JSONL for sequence labelling.

Export, one document a line:
    {"text", "label": [[start, end, "LABEL"]], "kst_id", "kst_meta", "kst_spans"}
doccano keeps the extra keys as the example's metadata and writes them back on export.

Import takes both forms doccano exports:
    {"text", "label": [[start, end, "LABEL"]], ...}
    {"text", "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [...]}
doccano spans carry no text, so only their bounds can be checked; a span whose start, end and
label equal an exported one gets its rule and attrs back. doccano has no accept/reject: every
example in the file counts as reviewed (use doccano's "export only approved" to leave out the
examples nobody checked).
"""

from pathlib import Path

from .common import (ExchangeError, ImportResult, Problem, describe_span, exported_id, exported_spans, finish_record,
                     known_label, locate_span, read_jsonl_objects, restore_span, take_answer, write_jsonl)

ADDED_RULE = "review.doccano"


def to_line(record: dict) -> dict:
    return {"text": record["text"], "label": [[s["start"], s["end"], s["label"]] for s in record["spans"]],
            "kst_id": record["id"], "kst_meta": record.get("meta") or {},
            "kst_spans": [dict(s) for s in record["spans"]]}


def export(records: list, out, **_) -> dict:
    rows = [to_line(r) for r in records]
    write_jsonl(out, rows)
    return {"records": len(rows), "spans": sum(len(r["label"]) for r in rows), "warnings": []}


def _raw_spans(obj: dict, where: str, path: Path) -> list:
    """(start, end, label) triples from either doccano form."""
    if "entities" in obj:
        spans = []
        for entity in obj.get("entities") or []:
            if not isinstance(entity, dict):
                raise ExchangeError(f"{path}:{where}: an entity must be an object with start_offset/end_offset/label")
            spans.append((entity.get("start_offset"), entity.get("end_offset"), entity.get("label")))
        return spans
    spans = []
    for item in obj.get("label") or []:
        if isinstance(item, (list, tuple)) and len(item) == 3:
            spans.append(tuple(item))
        elif isinstance(item, dict):
            spans.append((item.get("start_offset", item.get("start")), item.get("end_offset", item.get("end")), item.get("label")))
        else:
            raise ExchangeError(f"{path}:{where}: a label must be [start, end, \"LABEL\"], found {item!r}")
    return spans


def import_(path, keep_rejected: bool = False) -> ImportResult:
    path = Path(path)
    result = ImportResult()
    for line, obj in read_jsonl_objects(path):
        where_line = f"line {line}"
        text = obj.get("text", obj.get("data"))
        if not isinstance(text, str):
            raise ExchangeError(f"{path}:{line}: no \"text\": not a doccano example")
        record_id = exported_id(obj.get("kst_id"), "kst_id", result, path, where_line, f"{path.stem}-{line}")
        originals = exported_spans(obj)
        spans = []
        for start, end, label in _raw_spans(obj, where_line, path):
            where = describe_span(start, end, label)
            if not known_label(label):
                result.problems.append(Problem(str(path), where_line, record_id, where, f"unknown label {label!r}"))
                continue
            found = locate_span(text, start, end, None)
            if found is None:
                result.problems.append(Problem(str(path), where_line, record_id, where,
                                               f"offsets outside the text of {len(text)} characters"))
                continue
            original = originals.get((start, end, label))
            if original is not None and original.get("text") not in (None, text[start:end]):
                result.problems.append(Problem(str(path), where_line, record_id, where,
                                               f"span text was {original.get('text')!r}, the document now says {text[start:end]!r}", True))
            spans.append(restore_span(text, start, end, label, original, ADDED_RULE))
        take_answer(result, finish_record(record_id, text, dict(obj.get("kst_meta") or {}), spans), None, "doccano", keep_rejected)
    return result
