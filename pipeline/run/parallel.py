"""Parallel, resumable batch runs: the ordered document stream cut into shards, one part file each.

The shape is the one STYLE.md ("Batch runs at scale") recommends, disk to disk:

- the parent reads the inputs in order (the readers of a single run, so the same ids, errors
  and order) and cuts the stream into shards of `shard_size` documents; read errors travel
  inside the shard they occur in, so the errors file keeps its order;
- each shard goes to an engine (pipeline/run/engines.py: worker processes here, or Dask): a worker
  loads the SAVED pipeline once and runs the pure per-shard function `annotate_shard`
  (records in, JSONL out); the shard is committed as OUT.parts/shard-00001.jsonl (written
  as .tmp, then renamed) and shard-00001.done.json (counts, errors, a digest of its inputs),
  the done file last: a shard is finished when its done file exists;
- at most a few shards are in flight, so memory does not grow with the number of documents;
- when all shards are finished the parts are concatenated in input order into OUT (through
  OUT.partial, renamed last), with OUT.errors.jsonl and OUT.manifest.json: exactly the bytes a
  single worker writes. OUT.parts is removed.

`--resume` skips every finished shard (its digest must match the shard the inputs give now)
and runs the others again.
"""

import collections
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path
from typing import Iterable, Iterator, Optional

from tqdm import tqdm

from ..io.readers import read_inputs
from ..io.readers.document import ReadError
from ..io.writers.jsonl import partial_path, write_json_atomic, write_side_files
from .batch import DEFAULT_DOC_TIMEOUT, RunRefused, Summary, manifest, side_files
from .shards import Item, iter_shards, part_paths, parts_dir, read_done

DEFAULT_SHARD_SIZE = 200
RUN_FILE = "run.json"

# -- the run ----------------------------------------------------------------------------

def run_parallel(model_dir, inputs: list, out: str, *, workers: int = 2, shard_size: int = DEFAULT_SHARD_SIZE,
                 engine: str = "local", cluster: Optional[str] = None, resume: bool = False, force: bool = False,
                 progress: Optional[bool] = None, config_hash: str = "", max_in_flight: Optional[int] = None,
                 doc_timeout=DEFAULT_DOC_TIMEOUT) -> Summary:
    """Annotate inputs into OUT with `workers` processes of `engine`; see the module docstring.

    model_dir must hold the saved, current pipeline (the caller ensures it: core.load_pipeline).
    """
    from .engines import make_engine

    if shard_size < 1:
        raise RunRefused("--shard-size must be at least 1")
    to_stdout = out == "-"
    scratch = None
    if to_stdout:
        scratch = Path(tempfile.mkdtemp(prefix="kst-parts-"))
        out_path, parts = None, scratch
        resume = False
    else:
        out_path = Path(out)
        parts = parts_dir(out_path)
        _check_start(out_path, parts, resume, force)
        if not resume and parts.exists():
            shutil.rmtree(parts)
    parts.mkdir(parents=True, exist_ok=True)
    settings = {"shard_size": shard_size, "config_hash": config_hash}
    _check_settings(parts, settings, resume)

    summary = Summary()
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    in_flight = {}  # future -> (index, documents)
    resumed = set()  # indices of the shards finished before this run
    try:
        with make_engine(engine, workers=workers, model_dir=Path(model_dir), cluster=cluster,
                         doc_timeout=doc_timeout) as runner:
            # the bar after the engine: forked workers are made before any thread of the run
            bar = tqdm(desc="annotate", unit="doc", disable=not show, file=sys.stderr)
            here = getattr(runner, "parent_works", False)
            # two shards per worker process: one running, one waiting. A parent that works gives
            # each forked child one and refills it between its own documents: a waiting shard
            # would leave the parent idle at the end of the input
            limit = max_in_flight or (runner.children if here else max(2, 2 * workers))
            todo = _ShardsToAnnotate(iter_shards(_reading(read_inputs(inputs)), shard_size), parts, resume, summary,
                                resumed, bar)

            def submit(shard, digest):
                in_flight[runner.submit(shard, digest, parts)] = (shard.index, shard.documents)

            def feed():  # between the parent's documents: collect the children's shards, give them more
                _collect(in_flight, bar, [f for f in in_flight if f.done()])
                while len(in_flight) < limit:
                    nxt = next(todo, None)
                    if nxt is None:
                        return
                    submit(*nxt)

            for shard, digest in todo:
                if here and len(in_flight) >= limit:
                    _report(runner.run_here(shard, digest, parts, feed), bar, shard.documents)
                    feed()
                    continue
                while len(in_flight) >= limit:
                    _collect(in_flight, bar, wait(in_flight, return_when=FIRST_COMPLETED).done)
                submit(shard, digest)
                del shard  # the engine holds the items until the shard is done
            while in_flight:
                _collect(in_flight, bar, wait(in_flight, return_when=FIRST_COMPLETED).done)
        last = todo.last
        stale = _stale_shards(parts, last)
        if stale and resume:
            raise RunRefused(f"cannot resume: the inputs hold fewer shards ({last}) than the interrupted run "
                             f"wrote ({max(stale)}); use --force")
        _merge(parts, last, resumed, out_path, summary, inputs, out, config_hash, started)
    finally:
        if bar is not None:
            bar.close()
        for future in in_flight:
            future.cancel()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return summary


class _ShardsToAnnotate:
    """The shards of the input that this run annotates, with their digests, in order; on
    --resume the finished ones are checked and counted instead. `last`: the last shard's index."""

    def __init__(self, shards, parts: Path, resume: bool, summary: Summary, resumed: set, bar):
        self.shards, self.parts, self.resume = shards, parts, resume
        self.summary, self.resumed, self.bar = summary, resumed, bar
        self.last = 0

    def __iter__(self):
        return self

    def __next__(self):
        for shard in self.shards:
            self.last = shard.index
            digest = shard.digest()
            done = read_done(self.parts, shard.index) if self.resume else None
            if done is None:
                return shard, digest
            if done.get("digest") != digest:
                raise RunRefused(f"cannot resume: shard {shard.index} holds other documents now than in the "
                                 f"interrupted run (inputs changed); use --force")
            self.summary.skipped += done["documents"]
            self.resumed.add(shard.index)
            self.bar.update(shard.documents)
        raise StopIteration


def _reading(items: Iterable[Item]) -> Iterator[Item]:
    """Pass items through, warning about read errors and repeated ids as a single run does."""
    ids = set()
    for item in items:
        if isinstance(item, ReadError):
            tqdm.write(f"warning: {item}", file=sys.stderr)
        elif item.id in ids:
            tqdm.write(f"warning: {item.source}: id {item.id!r} occurs more than once; both records are kept, "
                       "in input order", file=sys.stderr)
        else:
            ids.add(item.id)
        yield item


def _collect(in_flight: dict, bar, finished) -> None:
    for future in finished:
        index, documents = in_flight.pop(future)
        _report(future.result(), bar, documents)  # a worker's exception (or a dead worker) stops the run here


def _report(stats: dict, bar, documents: int) -> None:
    for error in stats["errors"]:
        if error["reason"].startswith("pipeline failed on "):  # read errors were shown while reading
            tqdm.write(f"warning: {ReadError(**error)}", file=sys.stderr)
    bar.update(documents)


def _check_start(out_path: Path, parts: Path, resume: bool, force: bool) -> None:
    if out_path.exists() and not force:
        raise RunRefused(f"{out_path} exists; use --force to overwrite it")
    partial = partial_path(out_path)
    if resume:
        if partial.exists() and not parts.exists() and not force:
            raise RunRefused(f"{partial} is an interrupted single-worker run; resume it with --workers 1")
    elif (parts.exists() or partial.exists()) and not force:
        held = parts if parts.exists() else partial
        raise RunRefused(f"{held} holds an interrupted run; use --resume to continue it or --force to start again")


def _check_settings(parts: Path, settings: dict, resume: bool) -> None:
    path = parts / RUN_FILE
    if resume and path.is_file():
        before = json.loads(path.read_text(encoding="utf-8"))
        for key, value in settings.items():
            if before.get(key) != value:
                name = "--shard-size" if key == "shard_size" else "the pipeline (configs/)"
                raise RunRefused(f"cannot resume: {name} changed since the interrupted run "
                                 f"({before.get(key)!r} then, {value!r} now); use --force")
    write_json_atomic(path, settings)


def _stale_shards(parts: Path, last: int) -> list:
    found = []
    for done in parts.glob("shard-*.done.json"):
        try:
            index = int(done.name[len("shard-"):-len(".done.json")])
        except ValueError:
            continue
        if index > last:
            found.append(index)
    return found


def _merge(parts: Path, last: int, resumed: set, out_path: Optional[Path], summary: Summary, inputs, out,
           config_hash, started) -> None:
    """Concatenate the finished parts in order; counts and errors come from the done files.

    As in a resumed single run, documents, characters and labels count what this run
    annotated; the errors are those of the whole input."""
    labels = collections.Counter()
    errors = []
    target = sys.stdout.buffer if out_path is None else None
    handle = None
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(partial_path(out_path), "wb")
    try:
        for index in range(1, last + 1):
            done = read_done(parts, index)
            if done is None:
                raise RuntimeError(f"shard {index} is not finished")  # cannot happen after a clean run
            if index not in resumed:
                summary.documents += done["documents"]
                summary.characters += done["characters"]
                labels.update(done["labels"])
            else:
                summary.resumed_labels.update(done["labels"])
            errors.extend(ReadError(**e) for e in done["errors"])
            part, _ = part_paths(parts, index)
            with open(part, "rb") as source:
                shutil.copyfileobj(source, handle if handle is not None else target, 1 << 20)
        if target is not None:
            target.flush()
        summary.labels.update(labels)
        summary.errors.extend(errors)
        summary.seconds = time.perf_counter() - started
        if handle is not None:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            # Side files first, the rename last: once OUT exists the run is complete.
            errors_path, manifest_path = side_files(out_path)
            write_side_files(errors_path, [vars(e) for e in summary.errors], manifest_path,
                             manifest(inputs, out, summary, config_hash))
            os.replace(partial_path(out_path), out_path)
            shutil.rmtree(parts, ignore_errors=True)
    except OSError:
        # OUT cannot be written: it stays as it was; the finished shards stay for --resume
        if out_path is not None:
            partial_path(out_path).unlink(missing_ok=True)
        raise
    finally:
        if handle is not None and not handle.closed:
            handle.close()
