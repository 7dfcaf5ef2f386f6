"""Readers turn files into documents: (id, text, meta), chosen by file type.

Every reader yields `Document` or, for input it cannot read, `ReadError` naming the source
and line; a batch run records the error and goes on with the rest.
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union


@dataclass
class Document:
    id: str
    text: str
    meta: dict = field(default_factory=dict)
    source: str = ""


@dataclass
class ReadError:
    source: str
    line: int | None
    reason: str

    def __str__(self):
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


Item = Union[Document, ReadError]
SUFFIXES = (".txt", ".jsonl", ".xml")


def read_inputs(inputs) -> Iterator[Item]:
    """All documents of the given paths ('-' is JSONL on stdin), directories recursively.

    Ids and sources are valid Unicode: a file name that is not UTF-8 (Linux hands it to
    Python with lone surrogates) gets U+FFFD in their place, so it can be written out.
    """
    for item in _read_inputs(inputs):
        if isinstance(item, Document):
            item.id, item.source = valid_unicode(item.id), valid_unicode(item.source)
        else:
            item.source, item.reason = valid_unicode(item.source), valid_unicode(item.reason)
        yield item


def _read_inputs(inputs) -> Iterator[Item]:
    for name in inputs:
        if str(name) == "-":
            from .jsonl import read_jsonl_stream
            # Bytes, not the locale's text decoding: stdin is UTF-8 JSONL whatever the locale.
            yield from read_jsonl_stream(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>")
            continue
        path = Path(name)
        try:  # a name too long, a folder that vanishes while listed...: an error, not a crash
            children = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES) if path.is_dir() else None
            exists = path.exists()
        except OSError as err:
            yield ReadError(str(path), None, f"cannot read: {err.strerror or err}")
            continue
        if children is not None:
            for child in children:
                yield from read_file(child)
        elif exists:
            yield from read_file(path)
        else:
            yield ReadError(str(path), None, "no such file or directory")


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """text with lone surrogates replaced by U+FFFD (it can then always be encoded as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else text


def read_file(path: Path) -> Iterator[Item]:
    """The items of one file; an unreadable file (permissions, I/O error) is a ReadError."""
    try:
        yield from _read_file(path)
    except OSError as err:
        yield ReadError(str(path), None, f"cannot read file: {err.strerror or err}")


def _read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        from .jsonl import read_jsonl
        yield from read_jsonl(path)
    elif suffix == ".xml":
        from .xml import read_xml
        yield from read_xml(path)
    else:
        from .text import read_text
        yield from read_text(path)


def decode(data: bytes, source: str) -> Union[str, ReadError]:
    """UTF-8 text (a BOM is dropped), or an error naming the line of the first bad byte."""
    if b"\0" in data[:8192]:
        return ReadError(source, None, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return ReadError(source, line, f"invalid UTF-8 ({err.reason} at byte {err.start})")
    return text[1:] if text.startswith("\ufeff") else text
