"""The corpus for checking that a speed change alters no output: every document of corpus/,
../shared/corpus and the gold excerpts, each also upper-cased, lower-cased and with its
line breaks moved (PDF-like), as one JSONL file.

    .venv/bin/python scripts/variants_corpus.py /tmp/variants.jsonl
    kst annotate /tmp/variants.jsonl --out before.jsonl     # before the change
    kst annotate /tmp/variants.jsonl --out after.jsonl      # after it
    cmp before.jsonl after.jsonl && echo same               # or: kst diff before.jsonl after.jsonl
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.readers.document import Document
from pipeline.io.readers import read_inputs  # noqa: E402

SHARED = ROOT.parent / "shared"


def originals():
    sources = [str(ROOT / "corpus")] + ([str(SHARED / "corpus")] if (SHARED / "corpus").is_dir() else [])
    for item in read_inputs(sources):
        if isinstance(item, Document):
            yield item.id, item.text, dict(item.meta)
    gold = SHARED / "gold" / "dev.jsonl"
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            yield "gold:" + record["id"], record["text"], {"date": (record.get("meta") or {}).get("date")}


def rewrap(text: str, width: int = 60) -> str:
    """The words of each paragraph re-broken at `width` characters, as a PDF extraction does."""
    out = []
    for paragraph in text.split("\n\n"):
        lines, line = [], ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def main(out: str) -> None:
    count = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for doc_id, text, meta in originals():
            for variant, changed in (("", text), ("#upper", text.upper()), ("#lower", text.lower()),
                                     ("#rewrapped", rewrap(text))):
                handle.write(json.dumps({"id": doc_id + variant, "text": changed, "meta": meta}, ensure_ascii=False) + "\n")
                count += 1
    print(f"{count} documents -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "variants.jsonl")
