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
            children = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not is_run_output(p)) if path.is_dir() else None
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


def is_run_output(path: Path) -> bool:
    """A file `kst annotate` wrote (OUT beside its OUT.manifest.json, OUT.errors.jsonl, a shard
    of OUT.parts/): an output inside an input folder is not read back as input next time."""
    name = path.name
    if path.with_name(name + ".manifest.json").is_file():
        return True
    if name.endswith(".errors.jsonl") and path.with_name(name[:-len(".errors.jsonl")] + ".manifest.json").is_file():
        return True
    return path.parent.name.endswith(".parts") and (path.parent / "run.json").is_file()


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


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# a byte-order mark where files were joined (cat a.txt b.txt), and a lone CR line end
_INNER_BOM = re.compile("(?<=\n)\ufeff")
_LONE_CR = re.compile("\r(?!\n)")


def decode(data: bytes, source: str) -> Union[str, ReadError]:
    """The text of a file: UTF-8, or UTF-16 when a byte-order mark says so; byte-order marks
    at the start and at the start of a later line are dropped, a lone CR (old Mac line ends)
    becomes a line feed. An error names the line of the first bad byte."""
    encoding = next((name for bom, name in _UTF16_BOMS if data.startswith(bom)), None)
    if encoding:
        data = data[2:]
    elif b"\0" in data[:8192]:
        return ReadError(source, None, "binary file (NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].decode(encoding or "utf-8", "replace").count("\n") + 1
        return ReadError(source, line, f"invalid {'UTF-16' if encoding else 'UTF-8'} ({err.reason} at byte {err.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\ufeff" in text:
        text = _INNER_BOM.sub("", text)
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    return text
