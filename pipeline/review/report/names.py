"""File names for document pages that stay inside the report folder whatever the id holds.

An id is reduced to a slug of ASCII letters, digits, '.', '_' and '-' (no leading dot, at most
60 characters) and gets the first 10 hex digits of its sha256, so "a/b" and "a-b" stay apart
and "../../etc/passwd", NUL bytes or an empty id give an ordinary name.
"""

import hashlib
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slug(doc_id: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(doc_id)).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", ascii_text).strip(".-_")[:limit].strip(".-_")
    return cleaned or "doc"


def page_name(doc_id: str) -> str:
    digest = hashlib.sha256(str(doc_id).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug(doc_id)}-{digest}.html"


def inside(folder: Path, name: str) -> Path:
    """folder/name, refusing anything that would resolve outside folder."""
    folder = Path(folder).resolve()
    target = (folder / name).resolve()
    if target.parent != folder:
        raise ValueError(f"unsafe file name {name!r}")
    return target
