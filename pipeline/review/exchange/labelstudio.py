"""Label Studio: a JSON array of tasks, with our spans as predictions.

Export:
    [{"data": {"text", "kst_id", "kst_meta", "kst_spans"},
      "predictions": [{"model_version", "result": [{"id", "from_name": "label", "to_name": "text",
                       "type": "labels", "value": {"start", "end", "text", "labels": [LABEL]}}]}]}]
from_name/to_name are the names in configs/labelstudio.xml (the labeling config to paste into
the project's Labeling Interface). Offsets are code points, our convention.

Import takes Label Studio's JSON export (or the tasks as exported): the last annotation that was
not cancelled is the reviewed truth (answer accept); a task whose annotations were all cancelled
(skipped) counts as ignore; a task without annotations keeps its predictions unreviewed. The
JSON-MIN export ({"text", "label": [...], "kst_id"}) is read too.

Every span's text is checked against the document: Label Studio has stored offsets in UTF-16
units (an emoji counts two) and offsets counted with \\r\\n as one character. Such spans are
repaired when the offsets read that way, or the span text found nearby, give the span text;
each repair and every span that cannot be placed is reported.
"""

import json
from pathlib import Path

from ... import __version__
from .common import (ExchangeError, ImportResult, Problem, describe_span, exported_id, exported_spans, finish_record,
                     known_label, locate_span, restore_span, take_answer, write_json_atomic_text)

FROM_NAME = "label"
TO_NAME = "text"
ADDED_RULE = "review.labelstudio"


def to_task(record: dict) -> dict:
    result = []
    for number, span in enumerate(record["spans"]):
        result.append({"id": f"kst{number}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                       "value": {"start": span["start"], "end": span["end"], "text": span["text"],
                                 "labels": [span["label"]]}})
    return {"data": {"text": record["text"], "kst_id": record["id"], "kst_meta": record.get("meta") or {},
                     "kst_spans": [dict(s) for s in record["spans"]]},
            "predictions": [{"model_version": f"kst-{__version__}", "result": result}]}


def export(records: list, out, **_) -> dict:
    tasks = [to_task(r) for r in records]
    write_json_atomic_text(out, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    return {"records": len(tasks), "spans": sum(len(r["spans"]) for r in records), "warnings": []}


def _load(path: Path) -> list:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ExchangeError(f"{path}: cannot read: {err}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ExchangeError(f"{path}: malformed JSON at line {err.lineno}: {err.msg} "
                            "(Label Studio files are one JSON array of tasks)") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ExchangeError(f"{path}: expected a JSON array of tasks")
    return data


def _choose_results(task: dict) -> tuple:
    """(results, answer): the last annotation not cancelled, else the predictions."""
    annotations = [a for a in task.get("annotations") or task.get("completions") or [] if isinstance(a, dict)]
    kept = [a for a in annotations if not a.get("was_cancelled") and not a.get("skipped")]
    if kept:
        return kept[-1].get("result") or [], "accept"
    if annotations:
        return [], "ignore"
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    return (predictions[-1].get("result") or [] if predictions else []), None


def _min_results(task: dict) -> list:
    """JSON-MIN export: {"label": [{"start","end","text","labels"}]} → results."""
    items = task.get(FROM_NAME) or []
    if isinstance(items, dict):
        items = [items]
    return [{"from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels", "value": v} for v in items if isinstance(v, dict)]


def import_(path, keep_rejected: bool = False) -> ImportResult:
    path = Path(path)
    result = ImportResult()
    for number, task in enumerate(_load(path), 1):
        where_task = f"task {number}" + (f" (Label Studio id {task['id']})" if isinstance(task, dict) and "id" in task else "")
        if not isinstance(task, dict):
            raise ExchangeError(f"{path}:{where_task}: expected a task object")
        if isinstance(task.get("data"), dict):
            data = task["data"]
            results, answer = _choose_results(task)
        elif isinstance(task.get("text"), str):          # JSON-MIN
            data, results, answer = task, _min_results(task), "accept"
        else:
            raise ExchangeError(f"{path}:{where_task}: no data.text: not a Label Studio task")
        text = data.get("text")
        if not isinstance(text, str):
            raise ExchangeError(f"{path}:{where_task}: data.text is not a string")
        record_id = exported_id(data.get("kst_id"), "data.kst_id", result, path, where_task, f"{path.stem}-{number}")
        originals = exported_spans(data)
        spans = []
        for item in results:
            if not isinstance(item, dict) or item.get("type", "labels") != "labels" or not isinstance(item.get("value"), dict):
                continue
            value = item["value"]
            for label in value.get("labels") or []:
                where = describe_span(value.get("start"), value.get("end"), label, value.get("text"))
                if not known_label(label):
                    result.problems.append(Problem(str(path), where_task, record_id, where, f"unknown label {label!r}"))
                    continue
                found = locate_span(text, value.get("start"), value.get("end"), value.get("text"))
                if found is None:
                    result.problems.append(Problem(str(path), where_task, record_id, where,
                                                   f"span text not at its offsets nor nearby (text of {len(text)} characters)"))
                    continue
                start, end, how = found
                if how:
                    result.problems.append(Problem(str(path), where_task, record_id, where, how, True))
                spans.append(restore_span(text, start, end, label, originals.get((start, end, label)), ADDED_RULE))
        record = finish_record(record_id, text, dict(data.get("kst_meta") or {}), spans)
        take_answer(result, record, answer, "labelstudio", keep_rejected)
    return result
