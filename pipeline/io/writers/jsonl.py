"""JSONL output that is never half-written: a `.partial` file renamed when complete.

One record per line, UTF-8, no BOM, keys in a fixed order, so the same input and config
give the same bytes.
"""

import json
import os
from pathlib import Path

RECORD_KEYS = ("id", "text", "meta", "spans")


def dumps_record(record: dict) -> str:
    ordered = {key: record[key] for key in RECORD_KEYS if key in record}
    ordered.update((k, v) for k, v in record.items() if k not in ordered)
    return json.dumps(ordered, ensure_ascii=False, sort_keys=False)


def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def completed_records(partial: Path, labels=None) -> list:
    """Ids of the complete records of an interrupted run; a torn last line is cut off.
    labels: a Counter to add the span labels of those records to (the resumed part's counts)."""
    if not partial.exists():
        return []
    data = partial.read_bytes()
    keep = data.rfind(b"\n") + 1
    ids = []
    for line in data[:keep].splitlines():
        try:
            record = json.loads(line)
            ids.append(record["id"])
        except (ValueError, KeyError, TypeError):
            break
        if labels is not None:
            labels.update(span.get("label") for span in record.get("spans") or ())
    if keep != len(data) or len(ids) != data[:keep].count(b"\n"):
        good = b"".join(data[:keep].splitlines(keepends=True)[: len(ids)])
        # Cut the file down to its good prefix in one step: a kill here loses nothing
        # (rewriting it with "wb" would leave it empty for a moment).
        with open(partial, "r+b") as handle:
            handle.truncate(len(good))
            handle.flush()
            os.fsync(handle.fileno())
    return ids


class AtomicJsonlWriter:
    """Append records to OUT.partial; `commit()` fsyncs and renames it to OUT."""

    def __init__(self, out: Path, append: bool = False):
        self.out = Path(out)
        self.partial = partial_path(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        # backslashreplace: a lone surrogate that got this far is written as its JSON escape
        # (\udXXX, inside a JSON string) and never stops the run half-way.
        self.handle = open(self.partial, "a" if append else "w", encoding="utf-8", errors="backslashreplace", newline="\n")

    def write(self, record: dict) -> None:
        # One write call per record, flushed: a kill leaves whole lines plus at most one torn tail.
        self.handle.write(dumps_record(record) + "\n")
        self.handle.flush()

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.partial, self.out)

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.close()

    def discard(self) -> None:
        """A failed run (disk full, output not writable): OUT.partial goes, OUT stays as it was."""
        self.close()
        self.partial.unlink(missing_ok=True)


def _json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _jsonl_text(rows) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_json_atomic(path: Path, data) -> None:
    write_together([(Path(path), _json_text(data))])


def write_side_files(errors_path: Path, errors: list, manifest_path: Path, manifest: dict) -> None:
    """OUT.errors.jsonl and OUT.manifest.json of one run, replaced together."""
    write_together([(Path(errors_path), _jsonl_text(errors)), (Path(manifest_path), _json_text(manifest))])


def write_together(files: list) -> None:
    """Write each (path, text) to a temporary file, then move them all into place: when any
    write fails (disk full), no file is replaced and no temporary file stays."""
    tmps = []
    try:
        for path, text in files:
            tmp = path.with_name(path.name + ".tmp")
            tmps.append(tmp)
            with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
                handle.write(text)
    except BaseException:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
        raise
    for (path, _), tmp in zip(files, tmps):
        os.replace(tmp, path)
