"""`kst review`: a static HTML report of a run, for reviewers, that opens offline.

    OUT/index.html           documents with counts per label, commitments, themes, actors; filters
    OUT/commitments.html     every commitment as a sortable, filterable table; summary per theme and actor
    OUT/docs/<slug>-<hash>.html   the text with every span highlighted (overlaps as stacked
                             underlines), details on click, a span table, filters by label/theme/actor
    OUT/.kst-review          marks the folder as a report, so --force may clear its old pages

No network: CSS and JavaScript are inline, and each page's Content-Security-Policy forbids any
fetch. A reviewer's decisions (accept, reject, corrected attributes, drawn spans, notes) stay in
the browser's localStorage, keyed by run and config hash, and are downloaded as JSONL records
for `kst import --from kst`. See docs/review.md.
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .commitments import commitments_page
from .html import document_page, index_page, summarise
from .names import inside, page_name

MARKER = ".kst-review"
DOCS = "docs"


class ReportRefused(Exception):
    """The output folder is not empty and --force was not given (a user error)."""


@dataclass
class ReportSummary:
    out: Path
    documents: int = 0
    spans: int = 0
    pages: list = field(default_factory=list)
    warnings: list = field(default_factory=list)   # (document id, message)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def prepare_folder(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ReportRefused(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise ReportRefused(f"{out} is not empty; use --force to write the report into it")
        if (out / MARKER).is_file():          # our own earlier report: clear its pages
            shutil.rmtree(out / DOCS, ignore_errors=True)
            (out / "index.html").unlink(missing_ok=True)
            (out / COMMITMENTS).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def checked_record(record, n: int) -> tuple:
    """(record fit to render, warnings): a run record whose parts have the wrong type is shown
    with what can be read of it; each part left out is named (record n, span k)."""
    warnings = []
    if not isinstance(record, dict):
        return {"id": f"record {n}", "text": "", "meta": {}, "spans": []}, [f"record {n} is not an object; shown empty"]
    record = dict(record)
    if not isinstance(record.get("text"), str):
        warnings.append(f"record {n}: text is not a string; shown empty")
        record["text"] = ""
    if not isinstance(record.get("meta"), dict):
        if record.get("meta") is not None:
            warnings.append(f"record {n}: meta is not an object; left out")
        record["meta"] = {}
    spans = record.get("spans")
    if not isinstance(spans, list):
        if spans is not None:
            warnings.append(f"record {n}: spans is not a list; left out")
        spans = []
    kept = []
    for k, span in enumerate(spans, 1):
        if not isinstance(span, dict) or not isinstance(span.get("label"), str) \
                or not isinstance(span.get("start"), int) or not isinstance(span.get("end"), int):
            warnings.append(f"record {n}, span {k}: not an object with a string label and integer offsets; not shown")
            continue
        if span.get("attrs") is not None and not isinstance(span["attrs"], dict):
            warnings.append(f"record {n}, span {k}: attrs is not an object; shown without them")
            span = dict(span, attrs={})
        kept.append(span)
    record["spans"] = kept
    return record, warnings


COMMITMENTS = "commitments.html"


def build_report(records: list, out, force: bool = False, run: str = "", config: str = "", as_of=None) -> ReportSummary:
    """The report of a run; run and config (its config hash) key the decisions a reviewer
    keeps in the browser, as_of (ISO day, default today) is the day commitment status is judged."""
    out = Path(out)
    prepare_folder(out, force)
    docs = out / DOCS
    docs.mkdir(exist_ok=True)
    (out / MARKER).write_text("written by kst review; `kst review --force` may replace this folder's pages\n",
                              encoding="utf-8")
    summary = ReportSummary(out=out)
    entries, used = [], set()
    for n, raw in enumerate(records, 1):
        record, problems = checked_record(raw, n)
        summary.warnings.extend((record.get("id"), w) for w in problems)
        name = page_name(record.get("id", ""))
        if name in used:                      # the same id twice in a run: keep both pages
            stem, n = name[:-5], 2
            while f"{stem}-{n}.html" in used:
                n += 1
            name = f"{stem}-{n}.html"
        used.add(name)
        target = inside(docs, name)
        text, warnings = document_page(record, run=run, config=config)
        _write(target, text)
        summary.documents += 1
        summary.spans += len(record.get("spans") or [])
        summary.pages.append(target)
        summary.warnings.extend((record.get("id"), w) for w in warnings)
        entries.append((record, f"{DOCS}/{name}", summarise(record)))
    _write(out / COMMITMENTS, commitments_page([(record, href) for record, href, _ in entries], run, config, as_of))
    _write(out / "index.html", index_page(entries, COMMITMENTS))
    return summary
