"""Prodigy: JSONL tasks for the spans.manual view (overlapping spans need spans, not ner).

Export, one task a line:
    {"text", "tokens": [{"text","start","end","id","ws"}],
     "spans": [{"start","end","token_start","token_end","label"}],   token_end INCLUSIVE
     "meta": {"id", "date", "doc_type", "kst_meta": {...}, "kst_spans": [the exported spans as they were]}}
Prodigy computes _input_hash/_task_hash itself; our id stays in meta.id. Tokens come from
spaCy's Dutch tokenizer with the project's abbreviations and suffixes (configs/tokenizer/).

Import (prodigy db-out): a span whose start, end and label equal an exported one gets its rule
and attrs back from meta.kst_spans, so export → import is lossless; a span the reviewer drew is
new, with rule "review.prodigy" and empty attrs. answer accept/reject/ignore: see take_answer.
A span carrying "answer": "reject" (custom recipes) is dropped.
"""

from pathlib import Path

from .common import (ExchangeError, ImportResult, Problem, describe_span, exported_id, exported_spans, finish_record,
                     known_label, locate_span, read_jsonl_objects, restore_span, take_answer, write_jsonl)

ADDED_RULE = "review.prodigy"
_TOKENIZERS = {}


def tokenizer(configs=None):
    """spacy.blank("nl") with configs/tokenizer/ abbreviations and suffixes when present."""
    from ...run.assemble import DEFAULT_CONFIGS

    configs = Path(configs or DEFAULT_CONFIGS)
    key = str(configs.resolve())
    if key not in _TOKENIZERS:
        import spacy

        nlp = spacy.blank("nl")
        abbreviations = configs / "tokenizer" / "abbreviations.txt"
        suffixes = configs / "tokenizer" / "suffixes.txt"
        try:
            from ...components.tokenizer import create_dutch_tokenizer

            if abbreviations.is_file() and suffixes.is_file():
                nlp = create_dutch_tokenizer(str(abbreviations), str(suffixes))(nlp)
        except Exception:  # the project tokenizer is a refinement; blank Dutch is still valid
            nlp = spacy.blank("nl")
        _TOKENIZERS[key] = nlp.tokenizer
    return _TOKENIZERS[key]


def tokens_of(text: str, configs=None) -> list:
    return [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in tokenizer(configs)(text)]


def _token_index(tokens: list, offset: int, at_end: bool) -> int:
    """The token holding character `offset` (for an end: the token holding offset-1)."""
    probe = offset - 1 if at_end else offset
    best = 0
    for token in tokens:
        if token["start"] <= probe:
            best = token["id"]
        else:
            break
    return best


def to_task(record: dict, configs=None) -> tuple:
    """(task, number of spans not on token boundaries)."""
    text = record["text"]
    tokens = tokens_of(text, configs)
    starts = {t["start"] for t in tokens}
    ends = {t["end"] for t in tokens}
    spans, misaligned = [], 0
    for span in record["spans"]:
        misaligned += span["start"] not in starts or span["end"] not in ends
        spans.append({"start": span["start"], "end": span["end"],
                      "token_start": _token_index(tokens, span["start"], False),
                      "token_end": _token_index(tokens, span["end"], True),
                      "label": span["label"]})
    meta = record.get("meta") or {}
    task_meta = {"id": record["id"]}
    for key in ("date", "doc_type"):
        if meta.get(key):
            task_meta[key] = meta[key]
    task_meta["kst_meta"] = meta
    task_meta["kst_spans"] = [dict(s) for s in record["spans"]]
    return {"text": text, "tokens": tokens, "spans": spans, "meta": task_meta}, misaligned


def export(records: list, out, configs=None) -> dict:
    rows, misaligned = [], 0
    for record in records:
        task, bad = to_task(record, configs)
        rows.append(task)
        misaligned += bad
    write_jsonl(out, rows)
    warnings = []
    if misaligned:
        warnings.append(f"{misaligned} spans do not start or end on a token boundary; Prodigy shows them "
                        "snapped to whole tokens, and a reviewer who touches them changes their offsets")
    return {"records": len(rows), "spans": sum(len(r["spans"]) for r in rows), "warnings": warnings}


def import_(path, keep_rejected: bool = False) -> ImportResult:
    path = Path(path)
    result = ImportResult()
    for line, task in read_jsonl_objects(path):
        text = task.get("text")
        if not isinstance(text, str):
            raise ExchangeError(f"{path}:{line}: not a Prodigy task (no \"text\")")
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        record_id = exported_id(meta.get("id"), "meta.id", result, path, f"line {line}", f"{path.stem}-{line}")
        originals = exported_spans(meta)
        spans = []
        for raw in task.get("spans") or []:
            if not isinstance(raw, dict):
                continue
            label = raw.get("label")
            where = describe_span(raw.get("start"), raw.get("end"), label, raw.get("text"))
            if raw.get("answer") == "reject":
                continue
            if not known_label(label):
                result.problems.append(Problem(str(path), f"line {line}", record_id, where, f"unknown label {label!r}"))
                continue
            found = locate_span(text, raw.get("start"), raw.get("end"), raw.get("text"))
            tokens = task.get("tokens")
            if found and raw.get("text") is None and isinstance(tokens, list) and not _agrees_with_tokens(raw, tokens):
                result.problems.append(Problem(str(path), f"line {line}", record_id, where,
                                               "token_start/token_end disagree with start/end; start/end kept", True))
            if found is None:
                result.problems.append(Problem(str(path), f"line {line}", record_id, where,
                                               f"offsets outside the text of {len(text)} characters or span text not found"))
                continue
            start, end, how = found
            if how:
                result.problems.append(Problem(str(path), f"line {line}", record_id, where, how, True))
            original = originals.get((start, end, label))
            if original is not None and original.get("text") not in (None, text[start:end]):
                result.problems.append(Problem(str(path), f"line {line}", record_id, where,
                                               "the document text changed under an exported span", True))
            spans.append(restore_span(text, start, end, label, original, ADDED_RULE))
        record = finish_record(record_id, text, dict(meta.get("kst_meta") or {}), spans)
        answer = task.get("answer")
        if answer is not None and answer not in ("accept", "reject", "ignore"):
            result.problems.append(Problem(str(path), f"line {line}", record_id, "", f"unknown answer {answer!r}; taken as accept", True))
            answer = "accept"
        take_answer(result, record, answer, "prodigy", keep_rejected)
    return result


def _agrees_with_tokens(span: dict, tokens: list) -> bool:
    try:
        first, last = tokens[span["token_start"]], tokens[span["token_end"]]
    except (KeyError, IndexError, TypeError):
        return True   # no usable token indices: nothing to compare
    return first["start"] <= span["start"] < first["end"] and last["start"] < span["end"] <= last["end"]
