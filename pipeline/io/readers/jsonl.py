"""JSONL documents: one {"id", "text", "meta"} object a line (meta.date is the document date)."""

import io
import json
from pathlib import Path

from .document import Document, ReadError


def read_jsonl(path: Path):
    """Line by line, so a file of any size is read in constant memory. A UTF-16 file (its
    byte-order mark says so) is decoded as it is read."""
    with open(path, "rb") as handle:
        head = handle.read(2)
        handle.seek(0)
        encoding = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}.get(head)
        if encoding:
            handle.seek(2)
            text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
            yield from _records(_without_bom(_utf16_lines(text, path)), str(path))
        else:
            yield from _records(_without_bom(handle), str(path))


def _utf16_lines(text, path):
    try:
        for line in text:
            yield line.encode("utf-8", "surrogatepass")
    except UnicodeDecodeError as err:
        yield f"\x00invalid UTF-16 in {path}: {err.reason}".encode("utf-8")  # a malformed line: reported


def _without_bom(lines):
    # a byte-order mark at the start of the file, or of a later line (files joined with cat)
    for raw in lines:
        yield raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def read_jsonl_stream(stream, source: str):
    """JSONL from a stream; a binary stream (sys.stdin.buffer) is best: it is decoded here,
    line by line, so a bad byte is a ReadError for its line and not a crash."""
    yield from _records((line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass") for line in stream), source)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def _records(lines, source: str):
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except UnicodeDecodeError as err:
            yield ReadError(source, number, f"invalid UTF-8 ({err.reason})")
            continue
        except json.JSONDecodeError as err:
            yield ReadError(source, number, f"malformed JSON: {err.msg} (column {err.colno})")
            continue
        except (ValueError, RecursionError) as err:  # NaN, a 5000-digit number, [[[[... nested too deep
            yield ReadError(source, number, f"malformed JSON: {type(err).__name__}: {str(err)[:200]}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield ReadError(source, number, 'expected an object with a string "text"')
            continue
        try:
            record["text"].encode("utf-8")
            json.dumps(record, ensure_ascii=False).encode("utf-8")  # id and meta too
        except UnicodeEncodeError:
            yield ReadError(source, number, "record holds lone surrogates (not valid Unicode)")
            continue
        except (ValueError, RecursionError) as err:
            yield ReadError(source, number, f"record cannot be written as JSON: {type(err).__name__}")
            continue
        meta = record.get("meta") or {}
        if not isinstance(meta, dict):
            yield ReadError(source, number, '"meta" must be an object')
            continue
        doc_id = record.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else f"{Path(source).stem}-{number}"
        if not record["text"].strip():
            yield ReadError(source, number, f"empty document {doc_id!r}")
            continue
        yield Document(id=doc_id, text=record["text"], meta=dict(meta), source=f"{source}:{number}")
