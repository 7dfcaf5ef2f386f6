"""Load the held-out gold set (tests/heldout/heldout.jsonl).

The held-out file stores no document text: each record points to an excerpt of a real
document (``source`` relative to the shared folder, or ``project:...`` relative to the project
root), read with the project's own readers (``reader`` "text" or "xml"), and gives the
excerpt's character range in that reader's text (``start``/``end``), its SHA-256 (to detect
drift in the documents or the readers) and the gold spans with offsets relative to the
excerpt. ``load_heldout`` re-reads every excerpt and returns ordinary gold records
``{id, text, meta, spans}`` (GUIDELINES.md record format), ready for
``pipeline.review.evaluate.score``.

The excerpts were annotated by hand following shared/GUIDELINES.md, on parts of the documents
not covered by shared/gold/dev.jsonl.
"""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "heldout.jsonl"


class HeldoutError(ValueError):
    """The held-out file does not match the documents it points to."""


def _document_text(path: Path, reader: str) -> str:
    from pipeline.io.readers import read_inputs

    if reader not in ("text", "xml"):
        raise HeldoutError(f"{path}: unknown reader {reader!r}")
    if reader == "xml" and path.suffix != ".xml" or reader == "text" and path.suffix == ".xml":
        raise HeldoutError(f"{path}: reader {reader!r} does not fit the file suffix")
    docs = list(read_inputs([str(path)]))
    if len(docs) != 1 or not hasattr(docs[0], "text"):
        raise HeldoutError(f"{path}: expected one readable document, got {docs!r}")
    return docs[0].text


def _resolve(source: str, shared_dir: Path, project_root: Path) -> Path:
    if source.startswith("project:"):
        return Path(project_root) / source[len("project:"):]
    return Path(shared_dir) / source


def load_heldout(shared_dir, project_root, path=HELDOUT) -> list:
    """Return the held-out gold records, each checked against its document.

    Raises HeldoutError when an excerpt's text no longer has the recorded SHA-256, when a
    span's text differs from the excerpt at its offsets, or when spans of one label overlap.
    """
    shared_dir, project_root = Path(shared_dir), Path(project_root)
    records, cache = [], {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        ref = json.loads(line)
        where = f"{Path(path).name}:{n} ({ref.get('id')})"
        doc_path = _resolve(ref["source"], shared_dir, project_root)
        if not doc_path.exists():
            raise HeldoutError(f"{where}: document {doc_path} is absent")
        key = (str(doc_path), ref["reader"])
        if key not in cache:
            cache[key] = _document_text(doc_path, ref["reader"])
        full = cache[key]
        start, end = ref["start"], ref["end"]
        if not 0 <= start < end <= len(full):
            raise HeldoutError(f"{where}: range {start}-{end} outside the document ({len(full)} chars)")
        text = full[start:end]
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != ref["sha256"]:
            raise HeldoutError(f"{where}: excerpt text changed (sha256 {digest} != {ref['sha256']})")
        spans = ref["spans"]
        for s in spans:
            if not 0 <= s["start"] < s["end"] <= len(text) or text[s["start"]:s["end"]] != s["text"]:
                raise HeldoutError(f"{where}: span {s['label']} {s['text']!r} at {s['start']}-{s['end']} "
                                   f"does not match the excerpt ({text[s['start']:s['end']]!r})")
        by_label = {}
        for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
            prev = by_label.get(s["label"])
            if prev is not None and s["start"] < prev["end"]:
                raise HeldoutError(f"{where}: overlapping {s['label']} spans {prev['text']!r} and {s['text']!r}")
            by_label[s["label"]] = s
        records.append({"id": ref["id"], "text": text, "meta": dict(ref.get("meta") or {}),
                        "spans": [dict(s) for s in spans],
                        "source": ref["source"], "start": start, "end": end})
    return records
