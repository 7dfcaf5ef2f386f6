"""Turn hand annotations of excerpts into a held-out index (the format of tests/heldout/).

Annotators write what they read, not offsets: one JSON object a line,

    {"id": "kst-36200-VII-5#h1", "file": "corpus/heldout2/letters/kst-36200-VII-5.txt",
     "from": "first words of the excerpt", "to": "last words of the excerpt",
     "meta": {"date": "2022-11-03", "authors": ["BZK"], "document": "kst-36200-VII-5", "genre": "letter"},
     "commitments": [{"text": "Ik zal uw Kamer voor de zomer informeren.", "actor": ["BZK"],
                      "modality": "firm", "nth": 1}]}

"from"/"to" must each occur once in the document as the project's reader reads it; a
commitment's "text" must occur in the excerpt ("nth" picks among repeats, 1 by default).
The index stores offsets and the excerpt's SHA-256, never the text, so
tests/heldout/load.py re-reads the excerpt from the document and checks it.

    python scripts/heldout_index.py annotations.jsonl > tests/heldout2/heldout2.jsonl
"""

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.readers.document import Document
from pipeline.io.readers import read_inputs  # noqa: E402


def _once(text: str, needle: str, where: str) -> int:
    at = text.find(needle)
    if at < 0:
        raise SystemExit(f"{where}: {needle[:60]!r} not found")
    if text.find(needle, at + 1) >= 0:
        raise SystemExit(f"{where}: {needle[:60]!r} occurs more than once; quote more of it")
    return at


def _nth(text: str, needle: str, nth: int, where: str) -> int:
    at = -1
    for _ in range(nth):
        at = text.find(needle, at + 1)
        if at < 0:
            raise SystemExit(f"{where}: occurrence {nth} of {needle[:60]!r} not found in the excerpt")
    return at


def index_record(ann: dict, where: str) -> dict:
    docs = [d for d in read_inputs([str(ROOT / ann["file"])]) if isinstance(d, Document)]
    if len(docs) != 1:
        raise SystemExit(f"{where}: {ann['file']} does not read as one document")
    full = docs[0].text
    start = _once(full, ann["from"], where)
    end = _once(full, ann["to"], where) + len(ann["to"])
    if end <= start:
        raise SystemExit(f"{where}: 'to' comes before 'from'")
    text = full[start:end]
    spans = []
    for c in ann.get("commitments", ()):
        s = _nth(text, c["text"], c.get("nth", 1), where)
        attrs = {"actor": c.get("actor", []), "modality": c.get("modality")}
        spans.append({"start": s, "end": s + len(c["text"]), "label": "COMMITMENT", "text": c["text"], "attrs": attrs})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {"id": ann["id"], "source": "project:" + ann["file"], "reader": "text", "start": start, "end": end,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "meta": ann.get("meta", {}), "spans": spans}


def main(path: str) -> None:
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = index_record(json.loads(line), f"{path}:{n}")
            print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
