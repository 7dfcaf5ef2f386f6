"""What the exporters and importers share: reading runs, checking spans, reporting problems.

Every importer returns an `ImportResult`: records in the record format of GUIDELINES.md and a
list of `Problem`s, each naming the file, the line (JSONL) or the task index (a JSON array),
the record id and the span, so a reviewer can find what went wrong.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from ...common.spans import LABELS, sort_key


class ExchangeError(ValueError):
    """A file that cannot be exported or imported at all (malformed, wrong format)."""


@dataclass
class Problem:
    file: str
    where: str          # "line 3" (JSONL) or "task 3" (JSON array)
    record: str         # our record id, when known
    span: str           # "120:134 MINISTRY 'Minister van ...'" or "" for record-level problems
    message: str
    repaired: bool = False

    def __str__(self) -> str:
        span = f" span {self.span}" if self.span else ""
        state = "repaired" if self.repaired else "dropped"
        return f"{self.file}:{self.where} [{self.record}]{span}: {self.message} ({state})"

    def as_dict(self) -> dict:
        return dict(vars(self))


@dataclass
class ImportResult:
    records: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)    # answer -> number of records
    left_out: list = field(default_factory=list)   # ids of rejected / ignored records not written

    @property
    def dropped_spans(self) -> int:
        return sum(1 for p in self.problems if p.span and not p.repaired)

    @property
    def repaired_spans(self) -> int:
        return sum(1 for p in self.problems if p.repaired)


def read_run(path) -> list:
    """Records (id, text, meta, spans) of a run; ExchangeError names file:line on a bad line."""
    path = Path(path)
    records = []
    for number, record in read_jsonl_objects(path):
        if not isinstance(record.get("text"), str):
            raise ExchangeError(f"{path}:{number}: not a record (needs id, text, spans)")
        record.setdefault("id", f"{path.stem}-{number}")
        record["id"] = str(record["id"])
        record.setdefault("meta", {})
        record.setdefault("spans", [])
        if not isinstance(record["spans"], list):
            raise ExchangeError(f"{path}:{number}: \"spans\" must be a list")
        records.append(record)
    return records


def read_jsonl_objects(path) -> list:
    """(line number, object) pairs of a JSONL file."""
    path = Path(path)
    rows = []
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ExchangeError(f"{path}: cannot read: {err}") from None
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise ExchangeError(f"{path}:{number}: malformed JSON: {err.msg}") from None
        if not isinstance(obj, dict):
            raise ExchangeError(f"{path}:{number}: expected a JSON object")
        rows.append((number, obj))
    return rows


def describe_span(start, end, label, text=None) -> str:
    shown = f" {text[:60]!r}" if text is not None else ""
    return f"{start}:{end} {label}{shown}"


def offsets_ok(text: str, start, end) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def restore_span(text: str, start: int, end: int, label: str, original: dict | None, added_rule: str) -> dict:
    """A span in the record format; attrs and rule come back from the exported original when
    the reviewer kept it (same start, end, label), else the span is new: rule `added_rule`."""
    if original is not None:
        span = {"start": start, "end": end, "label": label, "text": text[start:end]}
        for key, value in original.items():   # attrs, rule and any key a component added
            span.setdefault(key, value)
        return span
    return {"start": start, "end": end, "label": label, "text": text[start:end], "attrs": {}, "rule": added_rule}


def span_key(span: dict) -> tuple:
    return (span["start"], span["end"], span["label"])


def exported_id(value, name: str, result: "ImportResult", path, where: str, fallback: str) -> str:
    """Our record id as kst exported it (`value`, found under `name`); a task made elsewhere
    gets `fallback` and a problem saying so."""
    record_id = str(value or "")
    if not record_id:
        record_id = fallback
        result.problems.append(Problem(str(path), where, record_id, "",
                                       f"no {name} (not exported by kst); id made from the {where.split()[0]} number", True))
    return record_id


def exported_spans(carrier: dict) -> dict:
    """The spans kst exported with a task (attrs and rules), by (start, end, label)."""
    return {span_key(s): s for s in carrier.get("kst_spans") or [] if isinstance(s, dict) and "label" in s}


def finish_record(record_id: str, text: str, meta: dict, spans: list) -> dict:
    """The record with spans sorted like the pipeline sorts them, duplicates removed."""
    seen, unique = set(), []
    for span in sorted(spans, key=sort_key):
        if span_key(span) in seen:
            continue
        seen.add(span_key(span))
        unique.append(span)
    return {"id": record_id, "text": text, "meta": meta, "spans": unique}


def known_label(label) -> bool:
    return label in LABELS


def write_json_atomic_text(path, text: str) -> None:
    import os

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def write_jsonl(path, rows) -> None:
    write_json_atomic_text(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


# --- Checking a span's offsets against the document, and repairing known offset slips ---------

def _utf16_to_codepoints(text: str) -> list:
    """index[u] = code point offset of UTF-16 offset u (None inside a surrogate pair)."""
    index = []
    for cp, char in enumerate(text):
        index.append(cp)
        if ord(char) > 0xFFFF:
            index.append(None)
    index.append(len(text))
    return index


def _crlf_to_original(text: str) -> tuple:
    """(normalised text with \\r\\n as \\n, index[n] = offset in text of normalised offset n)."""
    index, out, i = [], [], 0
    while i < len(text):
        index.append(i)
        if text.startswith("\r\n", i):
            out.append("\n")
            i += 2
        else:
            out.append(text[i])
            i += 1
    index.append(len(text))
    return "".join(out), index


def _same(a: str, b: str) -> bool:
    return a == b or a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def locate_span(text: str, start, end, span_text, window: int = 200):
    """Where a span really is: (start, end, how) with how "" when the offsets were right,
    a short reason when they were repaired, or None when the span cannot be placed.

    Tried in order: the offsets as given (code points, our convention); the offsets read as
    UTF-16 code units (what JavaScript counts: one emoji is two); the offsets read against the
    text with \\r\\n as one character (what a browser textarea shows); both; and finally the
    span text searched within `window` characters of the given start (nearest occurrence).
    Without span_text only the bounds can be checked.
    """
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return None
    if span_text is None:
        return (start, end, "") if offsets_ok(text, start, end) else None
    if offsets_ok(text, start, end) and _same(text[start:end], span_text):
        return start, end, ""
    tries = []
    if any(ord(c) > 0xFFFF for c in text):
        tries.append(("UTF-16 offsets (emoji before the span)", _utf16_to_codepoints(text)))
    if "\r\n" in text:
        normalised, crlf_index = _crlf_to_original(text)
        tries.append(("offsets counted \\r\\n as one character", crlf_index))
        if any(ord(c) > 0xFFFF for c in text):
            u16 = _utf16_to_codepoints(normalised)
            combined = [crlf_index[cp] if cp is not None else None for cp in u16]
            tries.append(("UTF-16 offsets and \\r\\n counted as one character", combined))
    for how, index in tries:
        if 0 <= start < end < len(index):
            s, e = index[start], index[end]
            if s is not None and e is not None and offsets_ok(text, s, e) and _same(text[s:e], span_text):
                return s, e, how
    if span_text:
        lo = max(0, (start if isinstance(start, int) else 0) - window)
        hi = min(len(text), (end if isinstance(end, int) else 0) + window)
        best = None
        pos = text.find(span_text, lo, hi)
        while pos != -1:
            if best is None or abs(pos - start) < abs(best - start):
                best = pos
            pos = text.find(span_text, pos + 1, hi)
        if best is not None:
            return best, best + len(span_text), f"span text found {best - start:+d} characters away"
    return None


# --- Review answers ------------------------------------------------------------------------------

ANSWERS = ("accept", "reject", "ignore")


def take_answer(result: ImportResult, record: dict, answer, tool: str, keep_rejected: bool) -> None:
    """Add a record to the result according to the reviewer's answer.

    No answer (a file that was never reviewed): the record as it is. accept: the record with
    meta.review = {"tool", "answer": "accept"}: its spans are the reviewed truth. reject and
    ignore: left out (listed in result.left_out) unless keep_rejected, then kept with the answer
    in meta.review so `kst learn` and `kst evaluate` can leave it aside.
    """
    if answer is None:
        result.records.append(record)
        return
    result.answers[answer] = result.answers.get(answer, 0) + 1
    if answer == "accept" or keep_rejected:
        # what the tool said about the review (the report: run, config hash, rejected spans) stays
        earlier = record["meta"].get("review") if isinstance(record["meta"].get("review"), dict) else {}
        record["meta"] = dict(record["meta"], review=dict(earlier, tool=tool, answer=answer))
        result.records.append(record)
    else:
        result.left_out.append(record["id"])


def is_reviewed_truth(record: dict) -> bool:
    """True unless the record was rejected or ignored in review."""
    review = (record.get("meta") or {}).get("review") or {}
    return review.get("answer") in (None, "accept")
