"""Sharded runs (issue 8): --workers N writes the bytes of a single worker; an interrupted run
resumes shard by shard; no record is lost or written twice."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.batch import RunRefused, run_annotate
from pipeline.run.assemble import save
from pipeline.run.shards import Shard, annotate_shard, iter_shards, part_paths, parts_dir
from pipeline.run.parallel import run_parallel
from pipeline.io.readers.document import Document, ReadError
from pipeline.io.readers import read_inputs

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
# The longest Handelingen of ../shared/corpus take most of the time; the rest covers every format.
MAX_SHARED_BYTES = 40_000


@pytest.fixture(scope="module")
def model_dir(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel") / "model"
    save(nlp, folder)
    return folder


def corpus_inputs() -> list:
    inputs = [str(ROOT / "corpus")]
    if SHARED_CORPUS.is_dir():
        inputs += sorted(str(p) for p in SHARED_CORPUS.rglob("*")
                         if p.suffix in (".txt", ".xml", ".jsonl") and p.stat().st_size <= MAX_SHARED_BYTES)
    return inputs


def write_letters(path: Path, count: int) -> Path:
    """count documents: the texts of corpus/letters in turn, with distinct ids."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "letters").glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"doc-{i:04d}", "text": texts[i % len(texts)], "meta": {"date": "2023-09-25"}},
                                    ensure_ascii=False) + "\n")
    return path


def ids(path: Path) -> list:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_shards_cut_the_stream_in_order_with_read_errors_inside():
    doc = lambda i: Document(id=str(i), text="x")  # noqa: E731
    error = ReadError("bad.txt", 3, "invalid UTF-8")
    shards = list(iter_shards([doc(1), error, doc(2), doc(3), doc(4), error], 2))
    assert [s.index for s in shards] == [1, 2]
    assert shards[0].items == [doc(1), error, doc(2)] and shards[1].items == [doc(3), doc(4), error]
    assert [s.documents for s in shards] == [2, 2]
    assert shards[0].digest() != Shard(1, [doc(1), doc(2)]).digest()


def test_annotate_shard_gives_the_lines_of_a_single_run(nlp, tmp_path):
    inputs = write_letters(tmp_path / "in.jsonl", 3)
    single = tmp_path / "single.jsonl"
    run_annotate(nlp, [str(inputs)], str(single))
    items = list(read_inputs([str(inputs)]))
    error = ReadError("x.txt", None, "empty document")
    result = annotate_shard(nlp, items[:1] + [error] + items[1:])
    assert result.jsonl.encode("utf-8") == single.read_bytes()
    assert result.documents == 3 and result.errors == [vars(error)]


def test_two_workers_write_the_bytes_of_one(nlp, model_dir, tmp_path):
    inputs = corpus_inputs()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    single = run_annotate(nlp, inputs, str(one), config_hash=nlp.meta["kst"]["config_hash"])
    summary = run_parallel(model_dir, inputs, str(two), workers=2, shard_size=3,
                           config_hash=nlp.meta["kst"]["config_hash"])
    assert two.read_bytes() == one.read_bytes()
    assert summary.documents == single.documents and summary.labels == single.labels
    assert (tmp_path / "two.jsonl.errors.jsonl").read_bytes() == (tmp_path / "one.jsonl.errors.jsonl").read_bytes()
    m1, m2 = (json.loads((tmp_path / f"{n}.jsonl.manifest.json").read_text()) for n in ("one", "two"))
    for m in (m1, m2):
        m.pop("seconds"), m.pop("output")
    assert m1 == m2
    assert not parts_dir(two).exists()


def test_killed_run_resumes_shard_by_shard(nlp, model_dir, tmp_path):
    inputs = write_letters(tmp_path / "in.jsonl", 60)
    full = tmp_path / "full.jsonl"
    run_annotate(nlp, [str(inputs)], str(full))
    out = tmp_path / "out.jsonl"
    parts = parts_dir(out)
    command = [sys.executable, "-m", "pipeline", "annotate", str(inputs), "--out", str(out), "--workers", "2",
               "--shard-size", "2", "--shard-min-mb", "0", "--model", str(model_dir), "--no-progress"]
    # A run in its own process group (the parent and its workers), killed after some shards.
    proc = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while len(list(parts.glob("shard-*.done.json"))) < 3:
            assert proc.poll() is None, f"the run ended before it could be interrupted: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no shard finished in time"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not out.exists()
    finished = sorted(parts.glob("shard-*.done.json"))
    finished_docs = sum(json.loads(p.read_text())["documents"] for p in finished)
    assert 0 < finished_docs < 60
    with pytest.raises(RunRefused, match="--resume"):
        run_parallel(model_dir, [str(inputs)], str(out), workers=2, shard_size=2)
    with pytest.raises(RunRefused, match="--shard-size"):
        run_parallel(model_dir, [str(inputs)], str(out), workers=2, shard_size=3, resume=True,
                     config_hash=nlp.meta["kst"]["config_hash"])
    summary = run_parallel(model_dir, [str(inputs)], str(out), workers=2, shard_size=2, resume=True,
                           config_hash=nlp.meta["kst"]["config_hash"])
    assert summary.skipped == finished_docs and summary.documents == 60 - finished_docs
    assert out.read_bytes() == full.read_bytes()
    assert ids(out) == [f"doc-{i:04d}" for i in range(60)]  # none lost, none twice, in order
    assert not parts.exists()


def test_resume_refuses_changed_inputs(model_dir, tmp_path):
    inputs = write_letters(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    parts = parts_dir(out)
    parts.mkdir()
    (parts / "run.json").write_text(json.dumps({"shard_size": 2, "config_hash": ""}))
    part, done = part_paths(parts, 1)
    part.write_text("")
    done.write_text(json.dumps({"shard": 1, "digest": "not the digest of doc-0000, doc-0001", "documents": 2,
                                "characters": 0, "labels": {}, "errors": []}))
    with pytest.raises(RunRefused, match="inputs changed"):
        run_parallel(model_dir, [str(inputs)], str(out), workers=1, shard_size=2, resume=True)


def _children(pid: int) -> list:
    """Live (not zombie) processes whose parent is pid, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list the workers")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_stop_when_their_parent_is_gone(model_dir, tmp_path, sig):
    """Issue 18: SIGTERM to the parent of a --workers 2 run left its workers running forever."""
    inputs = write_letters(tmp_path / "in.jsonl", 400)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pipeline", "annotate", str(inputs), "--out", str(out), "--workers", "2",
               "--shard-size", "2", "--shard-min-mb", "0", "--model", str(model_dir), "--no-progress"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = parts_dir(out)
    deadline = time.monotonic() + 120
    workers = []
    try:
        while not list(parts.glob("shard-*.done.json")):  # the workers are annotating
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended or stalled before the test"
            time.sleep(0.05)
        workers = [pid for pid in _children(proc.pid) if _alive(pid)]
        assert workers, "no worker processes found"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_small_input_with_workers_runs_in_this_process(model_dir, tmp_path):
    """Issue 16: workers never make a run slower. Input below --shard-min-mb is annotated in
    this process (no OUT.parts), with the bytes of a one-worker run."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    inputs = write_letters(tmp_path / "in.jsonl", 20)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["annotate", str(inputs), "--out", str(one), "--model", str(model_dir), "--no-progress"]).exit_code == 0
    result = runner.invoke(app, ["annotate", str(inputs), "--out", str(two), "--workers", "2", "--model", str(model_dir),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "annotating in this process" in result.output
    assert two.read_bytes() == one.read_bytes() and not parts_dir(two).exists()
