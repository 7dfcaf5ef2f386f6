"""Readers turn files into documents: (id, text, meta), chosen by file type.

Every reader yields `Document` or, for input it cannot read, `ReadError` naming the source
and line; a batch run records the error and goes on with the rest.
"""

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
    """All documents of the given paths ('-' is JSONL on stdin), directories recursively."""
    for name in inputs:
        if str(name) == "-":
            from .jsonl import read_jsonl_stream
            yield from read_jsonl_stream(sys.stdin, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield from read_file(child)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(str(path), None, "no such file or directory")


def read_file(path: Path) -> Iterator[Item]:
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
