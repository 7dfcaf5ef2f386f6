"""Plain-text documents (.txt): one file, one document; ParlaMint .txt is one utterance a line."""

import re
from pathlib import Path

from .document import Document, ReadError, decode

# ParlaMint plain text: "<utterance id>\t<text>" on every line.
PARLAMINT_LINE = re.compile(r"^ParlaMint-[A-Z]{2}[\w.-]*\t")


def read_text(path: Path):
    text = decode(path.read_bytes(), str(path))
    if isinstance(text, ReadError):
        yield text
        return
    if not text.strip():
        yield ReadError(str(path), None, "empty document")
        return
    meta = {}
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(PARLAMINT_LINE.match(line) for line in lines):
        meta["doc_type"] = "handelingen"
        meta["format"] = "parlamint-txt"
        found = re.search(r"_(\d{4}-\d{2}-\d{2})-", lines[0])
        if found:
            meta["date"] = found.group(1)
    yield Document(id=path.stem, text=text, meta=meta, source=str(path))
