"""Engines that run the per-shard function (pipeline/run/shards.py `annotate_shard`) on shards.

An engine is a context manager with `submit(shard, digest, parts) -> concurrent.futures.Future`
whose result is the shard's done-file content (counts and errors, not the text); the shard
is committed to its part file when the future completes.

- `local` (default): worker processes on this machine. Where the platform forks (Linux), the
  parent loads the pipeline once, the workers are forked from it and start at once, and the
  parent annotates shards too (`parent_works`): N workers are the parent and N-1 children.
  Elsewhere (spawn) each worker loads the saved pipeline (spacy.load of the model folder).
  Each writes its own part file: disk to disk, nothing but file names and counts go back.
- `dask`: a Dask cluster (the `dask` extra: pip install 'kst-annotator[dask]'). Without
  --cluster a LocalCluster of `workers` processes is started on this machine; with
  --cluster tcp://host:8786 the run uses that scheduler. The saved pipeline is sent to the
  workers once (its files, broadcast), so they need the kst package but neither configs/ nor
  the model folder; each worker process loads it once and caches it. A task returns the
  shard's JSONL and the parent writes the part file, so the workers need no shared disk.
"""

import hashlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .shards import annotate_shard, write_part

ENGINES = ("local", "dask")


class EngineUnavailable(Exception):
    """The chosen engine cannot run here (its extra is not installed, no scheduler): a user error."""


def make_engine(name: str, *, workers: int, model_dir: Path, cluster: Optional[str] = None, doc_timeout=None):
    """doc_timeout: the per-document time limit of local workers (dask workers run tasks in
    threads, where no signal can stop a document: there it is not applied)."""
    if name == "local":
        if cluster:
            raise EngineUnavailable("--cluster needs a distributed engine (--engine dask)")
        return LocalEngine(workers, model_dir, doc_timeout)
    if name == "dask":
        return DaskEngine(workers, model_dir, cluster)
    raise EngineUnavailable(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")


def load_saved(model_dir) -> "spacy.language.Language":  # noqa: F821
    import spacy

    from .. import components  # noqa: F401  (the entry points find them too; this is cheap insurance)

    return spacy.load(model_dir)


# -- local processes --------------------------------------------------------------------

_NLP = None  # the pipeline of this worker process
_DOC_TIMEOUT = None  # and its per-document time limit


def _init_local(model_dir: str, parent: int, doc_timeout=None) -> None:
    global _NLP, _DOC_TIMEOUT
    _watch_parent(parent)
    # a forked worker has the parent's pipeline already
    _NLP, _DOC_TIMEOUT = _NLP if _NLP is not None else load_saved(model_dir), doc_timeout


def can_fork() -> bool:
    """Fork a loaded pipeline only on Linux (macOS forks are unsafe with system libraries)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """Stop this worker when the process that started it is gone (SIGTERM, SIGKILL, a crash):
    a worker must not go on annotating, and writing shard files, for no one."""
    def watch():
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="kst-parent-watchdog", daemon=True).start()


def _local_task(index: int, items: list, digest: str, parts: str) -> dict:
    return write_part(Path(parts), index, digest, annotate_shard(_NLP, items, _DOC_TIMEOUT))


class LocalEngine:
    def __init__(self, workers: int, model_dir: Path, doc_timeout=None):
        self.workers = max(1, int(workers))
        self.model_dir = Path(model_dir)
        self.doc_timeout = doc_timeout
        self.pool = None
        # forked from a parent that loaded the pipeline: the parent is one of the workers
        self.nlp = None
        self.parent_works = self.workers > 1 and can_fork()

    def __enter__(self):
        global _NLP
        if self.parent_works:
            self.nlp = _NLP = load_saved(self.model_dir)
            context, children = multiprocessing.get_context("fork"), self.workers - 1
        else:
            context, children = multiprocessing.get_context("spawn"), self.workers
        self.pool = ProcessPoolExecutor(max_workers=children, mp_context=context,
                                        initializer=_init_local, initargs=(str(self.model_dir), os.getpid(), self.doc_timeout))
        if self.parent_works:
            # fork now, before the run starts threads of its own (a progress bar, the pool's manager)
            self.pool.submit(int).result()
        self.children = children
        return self

    def run_here(self, shard, digest: str, parts: Path, between=None) -> dict:
        """Annotate a shard in this (the parent) process, in the main thread so the per-document
        time limit works as in a single run; `between` runs after each document."""
        return write_part(Path(parts), shard.index, digest,
                          annotate_shard(self.nlp, shard.items, self.doc_timeout, between))

    def submit(self, shard, digest: str, parts: Path) -> Future:
        return self.pool.submit(_local_task, shard.index, shard.items, digest, str(parts))

    def __exit__(self, exc_type, exc, tb):
        global _NLP
        self.pool.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)
        _NLP = self.nlp = None
        return False


# -- dask -------------------------------------------------------------------------------

@dataclass
class ModelFiles:
    """A saved pipeline as bytes (relative path -> content), to ship to remote workers."""

    key: str
    files: dict

    @classmethod
    def read(cls, model_dir: Path) -> "ModelFiles":
        model_dir = Path(model_dir)
        files, sha = {}, hashlib.sha256()
        for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(model_dir).as_posix()
            files[rel] = path.read_bytes()
            sha.update(rel.encode() + b"\0" + files[rel] + b"\0")
        return cls(sha.hexdigest(), files)


_REMOTE = {}
_REMOTE_LOCK = threading.Lock()


def remote_pipeline(model: ModelFiles):
    """The pipeline of `model` in this worker process, loaded on first use."""
    with _REMOTE_LOCK:
        nlp = _REMOTE.get(model.key)
        if nlp is None:
            folder = Path(tempfile.mkdtemp(prefix="kst-model-"))
            try:
                for rel, data in model.files.items():
                    target = folder / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                nlp = load_saved(folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            _REMOTE[model.key] = nlp
        return nlp


def _dask_task(model: ModelFiles, items: list):
    return annotate_shard(remote_pipeline(model), items)


class DaskEngine:
    def __init__(self, workers: int, model_dir: Path, cluster: Optional[str] = None):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise EngineUnavailable("the dask engine needs the dask extra: pip install 'kst-annotator[dask]' "
                                    "(or pip install 'dask[distributed]')") from None
        self.workers = max(1, int(workers))
        self.model_dir = Path(model_dir)
        self.address = cluster
        self.cluster = self.client = self.model = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        try:
            if self.address:
                self.client = Client(self.address, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as err:
            self.__exit__(None, None, None)
            raise EngineUnavailable(f"cannot reach the Dask scheduler {self.address or '(local)'}: {err}") from None
        [self.model] = self.client.scatter([ModelFiles.read(self.model_dir)], broadcast=True)
        return self

    def submit(self, shard, digest: str, parts: Path) -> Future:
        done = Future()
        remote = self.client.submit(_dask_task, self.model, shard.items, pure=False)

        def finish(remote_future):
            if done.cancelled():
                return
            try:
                result = remote_future.result()
                done.set_result(write_part(Path(parts), shard.index, digest, result))
            except BaseException as err:  # noqa: BLE001  handed to the waiting parent
                done.set_exception(err)

        done.remote = remote  # keep a reference so dask does not forget the task
        remote.add_done_callback(finish)
        return done

    def __exit__(self, exc_type, exc, tb):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        return False
