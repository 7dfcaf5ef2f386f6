"""What every reader gives back: a `Document` or a `ReadError` naming the source and line, and
the two steps readers share: reading a file within a size limit, and decoding its bytes."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union


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


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# a byte-order mark where files were joined (cat a.txt b.txt), and a lone CR line end
_INNER_BOM = re.compile("(?<=\n)\ufeff")
_LONE_CR = re.compile("\r(?!\n)")


def read_limited(path: Path, kind: str, limit: int) -> Union[bytes, ReadError]:
    """The bytes of a file, or an error when it is larger than limit or cannot be read."""
    try:
        size = path.stat().st_size
        if size > limit:
            return ReadError(str(path), None, f"{kind} file too large ({size} bytes, limit {limit})")
        return path.read_bytes()
    except OSError as err:
        return ReadError(str(path), None, f"cannot read file: {err.strerror or err}")


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
