"""A batch run: inputs → JSONL records, with an errors file, a manifest, resume and progress.

Documents are read in input order and written in that order. The output is written to
OUT.partial and renamed when the run completes; `resume` continues an interrupted run by
skipping the documents already in OUT.partial (the reader order is deterministic).
"""

import collections
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from tqdm import tqdm

from .. import __version__
from .annotate import annotate_doc
from ..io.readers.document import Document, ReadError
from ..io.readers import read_inputs
from ..io.writers.jsonl import AtomicJsonlWriter, completed_records, dumps_record, partial_path, write_side_files


class RunRefused(Exception):
    """A run that must not start (output exists, resume impossible): a user error."""


@dataclass
class Summary:
    documents: int = 0  # annotated in this run
    skipped: int = 0  # already in the output of the interrupted run that --resume continued
    errors: list = field(default_factory=list)
    labels: collections.Counter = field(default_factory=collections.Counter)  # of this run's documents
    seconds: float = 0.0
    characters: int = 0
    resumed_labels: collections.Counter = field(default_factory=collections.Counter)
    load_seconds: float = 0.0  # loading the pipeline, apart from annotating

    def as_dict(self) -> dict:
        """What the output holds in all (documents, spans), and what this run and the resumed
        part added, said separately."""
        total = self.labels + self.resumed_labels
        return {"documents": self.documents + self.skipped, "documents_new": self.documents,
                "documents_resumed": self.skipped, "resumed_skipped": self.skipped, "errors": len(self.errors),
                "spans_per_label": dict(sorted(total.items())),
                "spans_per_label_new": dict(sorted(self.labels.items())),
                "spans_per_label_resumed": dict(sorted(self.resumed_labels.items())),
                "seconds": round(self.seconds, 3), "load_seconds": round(self.load_seconds, 3),
                "characters": self.characters}


def side_files(out: Path) -> tuple:
    return out.with_name(out.name + ".errors.jsonl"), out.with_name(out.name + ".manifest.json")


DEFAULT_DOC_TIMEOUT = 120.0  # seconds; a document no rule should need more than a second for


class DocumentTimeout(Exception):
    """A document took longer than the per-document time limit (--doc-timeout)."""


@contextmanager
def time_limit(seconds):
    """Raise DocumentTimeout in the block after `seconds` (SIGALRM: the main thread of a POSIX
    process, as a run and each local worker are; elsewhere, or with 0 or None, no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s (--doc-timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def annotate_one(nlp: Language, item: Document, timeout=None) -> dict:
    with time_limit(timeout):
        record = annotate_doc(nlp, item.text, item.meta, doc_id=item.id)
    return dict(record)


def pipeline_failure(item: Document, err: Exception) -> ReadError:
    """The error record of a document the pipeline failed on (also used by pipeline.run.shards)."""
    if isinstance(err, DocumentTimeout):
        return ReadError(item.source or item.id, None, f"not annotated: {item.id!r} {err}")
    return ReadError(item.source or item.id, None, f"pipeline failed on {item.id!r}: {type(err).__name__}: {err}")


def run_annotate(nlp: Language, inputs: list, out: str, *, resume: bool = False, force: bool = False,
                 progress: bool | None = None, config_hash: str = "", doc_timeout=DEFAULT_DOC_TIMEOUT,
                 load_seconds: float = 0.0) -> Summary:
    to_stdout = out == "-"
    out_path = None if to_stdout else Path(out)
    done_ids, resumed_labels = [], collections.Counter()
    if out_path is not None:
        if out_path.exists() and not force:
            raise RunRefused(f"{out_path} exists; use --force to overwrite it")
        if resume:
            done_ids = completed_records(partial_path(out_path), resumed_labels)
        elif partial_path(out_path).exists() and not force:
            raise RunRefused(f"{partial_path(out_path)} holds an interrupted run; use --resume to continue it or --force to start again")
    summary = Summary(skipped=len(done_ids), load_seconds=load_seconds, resumed_labels=resumed_labels)
    started = time.perf_counter()
    writer = None if to_stdout else AtomicJsonlWriter(out_path, append=bool(done_ids))
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(desc="annotate", unit="doc", disable=not show, file=sys.stderr)
    seen = 0
    ids = set()
    try:
        for item in read_inputs(inputs):
            if isinstance(item, ReadError):
                _warn(summary, item)
                continue
            if item.id in ids:  # kept, in input order: the reader of the run decides what it means
                tqdm.write(f"warning: {item.source}: id {item.id!r} occurs more than once; both records are kept, "
                           "in input order", file=sys.stderr)
            ids.add(item.id)
            if seen < len(done_ids):
                if item.id != done_ids[seen] and _fails(nlp, item, summary, doc_timeout):
                    continue  # it failed in the interrupted run too, so it is not in OUT.partial
                if item.id != done_ids[seen]:
                    raise RunRefused(f"cannot resume: document {seen + 1} is {item.id!r} now but {done_ids[seen]!r} in the interrupted run (inputs changed); use --force")
                seen += 1
                bar.update(1)
                continue
            seen += 1
            try:
                record = annotate_one(nlp, item, doc_timeout)
            except Exception as err:  # one broken (or endless) document must not stop the run
                _warn(summary, pipeline_failure(item, err))
                continue
            summary.documents += 1
            summary.characters += len(item.text)
            summary.labels.update(span["label"] for span in record["spans"])
            if writer is None:
                _write_stdout(dumps_record(record) + "\n")
            else:
                writer.write(record)
            bar.update(1)
        if seen < len(done_ids):
            raise RunRefused("cannot resume: the inputs hold fewer documents than the interrupted run wrote; use --force")
        summary.seconds = time.perf_counter() - started
        if writer is not None:
            # Side files first, the rename last: once OUT exists the run is complete.
            errors_path, manifest_path = side_files(out_path)
            write_side_files(errors_path, [vars(e) for e in summary.errors], manifest_path,
                             manifest(inputs, out, summary, config_hash))
            writer.commit()
    except OSError:
        # the output cannot be written (disk full, no permission): OUT and its side files stay
        # as they were; a fresh OUT.partial goes, an interrupted run's stays for --resume
        if writer is not None and not done_ids:
            writer.discard()
        raise
    finally:
        bar.close()
        if writer is not None:
            writer.close()
    return summary


def _fails(nlp: Language, item: Document, summary: Summary, timeout=DEFAULT_DOC_TIMEOUT) -> bool:
    """On resume: does this document (absent from OUT.partial) fail again? The pipeline is
    deterministic, so a document that failed before fails again and is recorded as an error;
    one that now succeeds means the inputs changed."""
    try:
        annotate_one(nlp, item, timeout)
    except Exception as err:
        _warn(summary, pipeline_failure(item, err))
        return True
    return False


def _write_stdout(line: str) -> None:
    """UTF-8 on stdout whatever the locale (a latin-1 terminal must not crash the run)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(line)
        return
    sys.stdout.flush()
    buffer.write(line.encode("utf-8", "backslashreplace"))
    buffer.flush()


def _warn(summary: Summary, error: ReadError) -> None:
    summary.errors.append(error)
    tqdm.write(f"warning: {error}", file=sys.stderr)


def manifest(inputs, out, summary: Summary, config_hash: str) -> dict:
    return {"kst_version": __version__, "config_hash": config_hash, "inputs": [str(i) for i in inputs],
            "output": str(out), **summary.as_dict()}
