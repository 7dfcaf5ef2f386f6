"""Exchange with review tools: one exporter and one importer per format.

    prodigy      JSONL tasks for spans.manual (tokens, spans with inclusive token_end, meta)
    labelstudio  a JSON array of tasks with predictions; the labeling config is configs/labelstudio.xml
    doccano      JSONL {"text", "label": [[start, end, "LABEL"]]}; import also takes "entities"
    kst          import only: the corrections downloaded from the review report (`kst review`)

`export_run(records, fmt, out)` writes a run for a tool; `import_file(path, fmt)` reads what the
tool gives back into records of the record format (GUIDELINES.md), with a list of problems.
What each format keeps, and what happens to rejected records, is in docs/review.md.
"""

import json
from pathlib import Path

from .common import ExchangeError, ImportResult, Problem, read_run  # noqa: F401

FORMATS = ("prodigy", "labelstudio", "doccano")
IMPORT_FORMATS = FORMATS + ("kst",)   # the report is the export of the kst format


def _module(fmt: str):
    if fmt == "prodigy":
        from . import prodigy as module
    elif fmt == "labelstudio":
        from . import labelstudio as module
    elif fmt == "doccano":
        from . import doccano as module
    elif fmt == "kst":
        from . import kst as module
    else:
        raise ExchangeError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return module


def export_run(records: list, fmt: str, out, **options) -> dict:
    """Write records for a review tool; returns a summary dict (records, spans, warnings)."""
    if fmt not in FORMATS:
        raise ExchangeError(f"cannot export to {fmt!r}; choose one of {', '.join(FORMATS)} (the kst format is written by the review report)")
    return _module(fmt).export(records, out, **options)


def import_file(path, fmt: str, **options) -> ImportResult:
    """Read a tool's (reviewed) file back into records, checking every span against the text.
    A file of another tool's format than `fmt` is an ExchangeError naming the format it is."""
    found = detect_format(path)
    if found and found != fmt:
        raise ExchangeError(f"{path} is a {found} file, not {fmt}: use --from {found}")
    return _module(fmt).import_(path, **options)


def detect_format(path):
    """The tool a file comes from, by its shape: a JSON array of tasks with "data" (Label
    Studio), records whose meta.review.tool is "kst" (the review report), JSONL with "label"
    triples or "entities" (doccano), JSONL with "spans" and "tokens" or "answer" (Prodigy); None
    when it cannot tell."""
    try:
        with open(Path(path), "rb") as handle:
            head = handle.read(1 << 16).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    except OSError:
        return None
    if head.startswith("["):
        return "labelstudio"
    first = head.split("\n", 1)[0]
    try:
        line = json.loads(first)
    except ValueError:
        return None
    if not isinstance(line, dict):
        return None
    review = line.get("meta", {}).get("review") if isinstance(line.get("meta"), dict) else None
    if isinstance(review, dict) and review.get("tool") == "kst":
        return "kst"
    if "label" in line or "entities" in line:
        return "doccano"
    if "spans" in line and ("tokens" in line or "answer" in line or "_input_hash" in line):
        return "prodigy"
    return None
