"""Reliability (issue 9): nothing lost, nothing duplicated, the same bytes every time.

- A run killed with SIGKILL at random points and resumed gives exactly the bytes of an
  uninterrupted run (no duplicate, no lost document, no torn line).
- Resume works when a document failed in the pipeline before the interruption.
- Input that used to crash a run (undecodable file names, unreadable files, bad bytes on
  stdin, a non-UTF-8 terminal) is an error line or is written correctly.
- Identical bytes across runs, PYTHONHASHSEED values and worker counts.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy

from pipeline.run.batch import RunRefused, run_annotate
from pipeline.run.assemble import assemble, save
from pipeline.io.writers.jsonl import partial_path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """configs/ copied once (other work may edit configs/ meanwhile) and the pipeline built
    from the copy and saved, so every subprocess starts from the same saved model."""
    folder = tmp_path_factory.mktemp("reliability")
    configs = folder / "configs"
    shutil.copytree(ROOT / "configs", configs)
    model = folder / "model"
    save(assemble(configs), model)
    return configs, model


def cli(built, *args, env=None, **kwargs):
    configs, model = built
    command = [sys.executable, "-m", "pipeline", "annotate", *map(str, args), "--configs", str(configs), "--model", str(model), "--no-progress"]
    return command, dict(os.environ, **(env or {})), kwargs


def run_cli(built, *args, env=None, check=True):
    command, environment, _ = cli(built, *args, env=env)
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True)
    if check:
        assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")[-3000:]
        assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")[-3000:]
    return result


SENTENCES = [
    "Den Haag, {d} april 2023", "Geachte Voorzitter,", "Op 6 april jl. heb ik uw Kamer geïnformeerd (Kamerstuk 30 821, nr. {n}).",
    "De Minister van Sociale Zaken en Werkgelegenheid zal voor de zomer van 2024 een voorstel doen.",
    "Ik zal uw Kamer in het eerste kwartaal van 2024 informeren over de arbeidsmarkt.",
    "Zie ook Kamerstukken II 2022/23, 36 200 XV, nr. {n}.", "Hoogachtend,", "De Staatssecretaris van Financiën,",
    "Emoji 😀, RTL שלום, combining e\u0301 and a NUL \u0000 stay in the text.",
]


def write_inputs(path: Path, count: int = 300) -> None:
    rng = random.Random(300)
    lines = []
    for i in range(count):
        text = "\n\n".join(rng.choice(SENTENCES).format(d=1 + i % 28, n=i) for _ in range(rng.randint(2, 9)))
        lines.append(json.dumps({"id": f"doc-{i:03d}", "text": text, "meta": {"date": "2023-09-25"}}, ensure_ascii=i % 2 == 0))
        if i in (40, 222):
            lines.append('{"id": "broken", "text": ')  # a read error: it must be in the errors file once
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def complete_prefix(data: bytes) -> bytes:
    return data[: data.rfind(b"\n") + 1]


def test_sigkill_at_random_points_then_resume_gives_identical_bytes(built, tmp_path):
    inputs = tmp_path / "in.jsonl"
    write_inputs(inputs)
    reference = tmp_path / "reference.jsonl"
    run_annotate(spacy.load(built[1]), [str(inputs)], str(reference), progress=False)
    expected = reference.read_bytes()
    expected_errors = reference.with_name("reference.jsonl.errors.jsonl").read_bytes()
    assert expected.count(b"\n") == 300

    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    rng = random.Random(20240601)
    kills = []
    # The first kill lands during start-up (no partial yet), the others when OUT.partial has
    # grown past a random size: every kill leaves a different amount done.
    for attempt in range(4):
        command, environment, _ = cli(built, inputs, "--out", out, "--resume")
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if attempt == 0:
            time.sleep(rng.uniform(0.1, 0.8))
        else:
            target = rng.uniform(0.05, 0.95) * len(expected)
            while process.poll() is None and not (partial.exists() and partial.stat().st_size >= target):
                time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait()
        stderr = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        assert "Traceback" not in stderr, stderr
        if out.exists():  # it finished before the kill landed
            break
        done = partial.read_bytes() if partial.exists() else b""
        kills.append(done.count(b"\n"))
        # What an interrupted run leaves: whole records equal to the reference's, in order
        # (at most one torn line after them, which resume cuts off).
        assert expected.startswith(complete_prefix(done)), f"kill {attempt}: OUT.partial is not a prefix of the uninterrupted output"
    if not out.exists():
        result = run_cli(built, inputs, "--out", out, "--resume")
        assert result.returncode == 1  # the two broken lines
    assert not partial.exists()
    assert out.read_bytes() == expected, f"resumed output differs (kills after {kills} records)"
    assert out.with_name("out.jsonl.errors.jsonl").read_bytes() == expected_errors
    assert len(kills) >= 2, f"the kills came too late to test anything: {kills}"
    manifest = json.loads(out.with_name("out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == 2


def test_resume_when_a_document_failed_in_the_pipeline(built, tmp_path, monkeypatch):
    """A document the pipeline failed on is not in OUT.partial; resume used to refuse
    ("inputs changed") because the ids no longer lined up."""
    import pipeline.run.batch as batch

    nlp = spacy.load(built[1])
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Brief van {i} april 2023: Kamerstuk 30 821, nr. {i}."}) + "\n"
                              for i in range(1, 21)), encoding="utf-8")
    real = batch.annotate_one

    def failing(nlp, item, timeout=None):
        if item.id in ("d3", "d9"):
            raise ValueError("component bug")
        return real(nlp, item, timeout)

    monkeypatch.setattr(batch, "annotate_one", failing)
    full = tmp_path / "full.jsonl"
    run_annotate(nlp, [str(inputs)], str(full), progress=False)

    class Killed(BaseException):
        pass

    def killed_at_d12(nlp, item, timeout=None):
        if item.id == "d12":
            raise Killed()
        return failing(nlp, item, timeout)

    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(batch, "annotate_one", killed_at_d12)
    with pytest.raises(Killed):
        run_annotate(nlp, [str(inputs)], str(out), progress=False)
    monkeypatch.setattr(batch, "annotate_one", failing)
    summary = run_annotate(nlp, [str(inputs)], str(out), resume=True, progress=False)
    assert summary.skipped == 9 and summary.documents == 9
    assert out.read_bytes() == full.read_bytes()
    errors = [json.loads(line) for line in out.with_name("out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["reason"].split("'")[1] for e in errors] == ["d3", "d9"]


def test_resume_still_refuses_changed_inputs(built, tmp_path):
    nlp = spacy.load(built[1])
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Kamerstuk 30 821, nr. {i}."}) + "\n" for i in range(6)), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    run_annotate(nlp, [str(inputs)], str(full), progress=False)
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(b"".join(full.read_bytes().splitlines(keepends=True)[:3]))
    inputs.write_text("".join(json.dumps({"id": f"e{i}", "text": f"Kamerstuk 30 821, nr. {i}."}) + "\n" for i in range(6)), encoding="utf-8")
    with pytest.raises(RunRefused, match="inputs changed"):
        run_annotate(nlp, [str(inputs)], str(out), resume=True, progress=False)


def test_torn_partial_is_cut_in_place_not_rewritten(tmp_path):
    """completed_records truncates OUT.partial to its whole lines; it used to reopen it with
    "wb" (empty for a moment: a kill then lost the whole interrupted run)."""
    from pipeline.io.writers.jsonl import completed_records

    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "te')
    inode = partial.stat().st_ino
    assert completed_records(partial) == ["a", "b"]
    assert partial.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n' and partial.stat().st_ino == inode


def test_side_files_are_written_before_out_appears(nlp, tmp_path, monkeypatch):
    """OUT existing means the run is complete: errors and manifest are in place before the rename."""
    import pipeline.io.writers.jsonl as writers

    order = []
    real_replace = os.replace
    monkeypatch.setattr(writers.os, "replace", lambda a, b: (order.append(Path(b).name), real_replace(a, b))[1])
    run_annotate(nlp, [str(ROOT / "corpus")], str(tmp_path / "o.jsonl"), progress=False)
    assert order[-1] == "o.jsonl" and {"o.jsonl.errors.jsonl", "o.jsonl.manifest.json"} <= set(order[:-1])


# --- input that used to crash a run -----------------------------------------------------------

def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_file_name_that_is_not_utf8_is_annotated(nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"brief-\xff\xfe.txt")
    (folder / name).write_text("Kamerstuk 30 821, nr. 180", encoding="utf-8")
    (folder / "ok.txt").write_text("Den Haag, 6 april 2023", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_annotate(nlp, [str(folder)], str(out), progress=False)
    assert summary.documents == 2 and not summary.errors
    assert [r["id"] for r in read_jsonl(out)] == ["brief-\ufffd\ufffd", "ok"]


def test_unreadable_file_is_an_error_not_a_crash(nlp, tmp_path, monkeypatch):
    """A file that cannot be read (permissions, I/O error) used to raise out of the run.
    (Simulated: the tests may run as root, who reads any file.)"""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("geheim", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"id": "b", "text": "Kamerstuk 30 821, nr. 1"}\n', encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    summary = run_annotate(nlp, [str(folder)], str(tmp_path / "out.jsonl"), progress=False)
    assert summary.documents == 1 and "cannot read" in summary.errors[0].reason


@pytest.mark.parametrize("line, reason", [
    ('{"id": "\\ud800", "text": "Kamerstuk 30 821"}', "lone surrogates"),
    ('{"text": "x", "meta": {"k": "\\udfff"}}', "lone surrogates"),
    ('{"text": "x", "meta": {"n": NaN}}', "malformed JSON"),
    ('{"text": "x", "meta": {"n": ' + "7" * 5000 + "}}", "malformed JSON"),
    ("[" * 100000, "malformed JSON"),
])
def test_jsonl_lines_that_crashed_the_run_are_errors(nlp, tmp_path, line, reason):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(line + '\n{"id": "after", "text": "Kamerstuk 30 821, nr. 180"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_annotate(nlp, [str(inputs)], str(out), progress=False)
    assert [r["id"] for r in read_jsonl(out)] == ["after"]
    assert len(summary.errors) == 1 and reason in summary.errors[0].reason and summary.errors[0].line == 1
    out.read_bytes().decode("utf-8")


def test_stdout_is_utf8_whatever_the_locale(built):
    line = json.dumps({"id": "€", "text": "Op 6 april jl. (Kamerstuk 30 821, nr. 180) – € 5 mln. 😀"}, ensure_ascii=False)
    command, environment, _ = cli(built, "-", "--out", "-", env={"PYTHONIOENCODING": "latin-1"})
    result = subprocess.run(command, cwd=ROOT, env=environment, input=line.encode("utf-8") + b"\n\xff\n", capture_output=True)
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")  # the \xff line is an error
    assert b"Traceback" not in result.stderr
    record = json.loads(result.stdout.decode("utf-8"))
    assert record["id"] == "€" and record["text"].endswith("😀")
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]


# --- determinism ----------------------------------------------------------------------------

def test_identical_bytes_across_hash_seeds_and_worker_counts(built, tmp_path):
    inputs = [ROOT / "corpus"] + ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else [])
    outputs = {}
    for name, seed, workers in (("seed0", "0", "1"), ("seed12345", "12345", "1"), ("workers2", "12345", "2")):
        out = tmp_path / f"{name}.jsonl"
        run_cli(built, *inputs, "--out", out, "--workers", workers, env={"PYTHONHASHSEED": seed})
        outputs[name] = out.read_bytes()
    in_process = tmp_path / "in_process.jsonl"
    run_annotate(spacy.load(built[1]), [str(p) for p in inputs], str(in_process), progress=False)
    assert outputs["seed0"], "no output"
    assert outputs["seed0"] == outputs["seed12345"], "output depends on PYTHONHASHSEED (set or dict iteration order?)"
    assert outputs["seed0"] == in_process.read_bytes(), "a fresh process and this one disagree"
    assert outputs["seed12345"] == outputs["workers2"], "output depends on the number of workers"


def test_second_writer_of_one_output_is_refused_and_a_dead_holder_is_no_obstacle(built, tmp_path):
    """Issue 18: two runs on one --out would mix their records. A live holder of OUT.lock makes
    the second run exit 2 naming it; a holder killed with SIGKILL leaves nothing that blocks."""
    from pipeline.io.writers.lock import lock_path

    corpus = ROOT / "corpus"
    out = tmp_path / "run.jsonl"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, %r)\n"
        "from pipeline.io.writers.lock import output_lock\n"
        "with output_lock(%r):\n    print('held', flush=True); time.sleep(60)\n") % (str(ROOT), str(out))],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        refused = run_cli(built, corpus, "--out", out, check=False)
        assert refused.returncode == 2, refused.stderr.decode("utf-8", "replace")[-2000:]
        said = (refused.stdout + refused.stderr).decode("utf-8", "replace")
        assert f"pid {holder.pid}" in said and "Traceback" not in said
        assert not out.exists() and not partial_path(out).exists()
        resumed = run_cli(built, corpus, "--out", out, "--resume", check=False)
        assert resumed.returncode == 2
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_path(out).exists()  # left behind by the killed holder
    done = run_cli(built, corpus, "--out", out)
    assert done.returncode == 0 and out.exists() and not lock_path(out).exists()


@pytest.mark.parametrize("fail_at", ["record", "side files"])
def test_disk_full_exits_3_and_leaves_the_previous_output(tmp_path, monkeypatch, fail_at):
    """Issue 18: an output that cannot be written ends with exit 3 and one line naming the path
    and the cause, no traceback; a failed --force rerun leaves the previous output, errors file
    and manifest as they were, and no temporary file."""
    import errno

    from typer.testing import CliRunner

    from pipeline.run import batch
    from pipeline.cli import app
    from pipeline.io.writers import jsonl

    out = tmp_path / "run.jsonl"
    model = tmp_path / "model"
    first = CliRunner().invoke(app, ["annotate", str(ROOT / "corpus"), "--out", str(out), "--model", str(model), "--no-progress"])
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert set(before) == {"run.jsonl", "run.jsonl.errors.jsonl", "run.jsonl.manifest.json"}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out) + ".partial")

    if fail_at == "record":
        monkeypatch.setattr(jsonl.AtomicJsonlWriter, "write", full)
    else:
        real_open = open

        def open_failing_tmp(path, *args, **kwargs):
            if str(path).endswith(".manifest.json.tmp"):
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(jsonl, "open", open_failing_tmp, raising=False)
    result = CliRunner().invoke(app, ["annotate", str(ROOT / "corpus"), "--out", str(out), "--model", str(model),
                                      "--force", "--no-progress"])
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    assert batch.partial_path(out).exists() is False


def test_input_edges(tmp_path):
    """Issue 18: lone CR line ends, a byte-order mark where files were joined, UTF-16 text and
    JSONL (by their byte-order mark) are read; a repeated id is a warning and both records stay
    in input order; an output inside the input folder is not read back as input."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.io.readers.document import Document
    from pipeline.io.readers import read_inputs

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cr.txt").write_bytes(b"Den Haag, 25 september 2023\rIk zal u voor de zomer informeren.\r")
    one = "\ufeffDen Haag, 1 juni 2023\nIk zal u informeren.\n".encode("utf-8")
    (folder / "joined.txt").write_bytes(one + one)
    (folder / "u16.txt").write_bytes("\ufeffIk zal uw Kamer voor de zomer informeren.\n".encode("utf-16-le"))
    lines = [json.dumps({"id": "twice", "text": t}) for t in ("Ik zal u informeren.", "Wij gaan dat doen.")]
    (folder / "u16.jsonl").write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-16-be"))
    docs = {d.id: d for d in read_inputs([str(folder / "cr.txt"), str(folder / "joined.txt"), str(folder / "u16.txt")])}
    assert docs["cr"].text == "Den Haag, 25 september 2023\nIk zal u voor de zomer informeren.\n"
    assert "\ufeff" not in docs["joined"].text and docs["joined"].text.count("Ik zal u informeren.") == 2
    assert docs["u16"].text.startswith("Ik zal uw Kamer")
    records = [d for d in read_inputs([str(folder / "u16.jsonl")]) if isinstance(d, Document)]
    assert [(r.id, r.text) for r in records] == [("twice", "Ik zal u informeren."), ("twice", "Wij gaan dat doen.")]

    out = folder / "run.jsonl"
    model = tmp_path / "model"
    for force in ([], ["--force"]):
        result = CliRunner().invoke(app, ["annotate", str(folder), "--out", str(out), "--model", str(model), "--no-progress", *force])
        assert result.exit_code == 0, result.output
        written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in written] == ["cr", "joined", "twice", "twice", "u16"]   # the run's own output not read
    assert "'twice' occurs more than once" in result.output
    commitments = [s for r in written for s in r["spans"] if s["label"] == "COMMITMENT"]
    assert len(commitments) >= 5


def test_a_document_over_the_time_limit_goes_to_the_errors_file(nlp, tmp_path, monkeypatch):
    """Issue 18: no document stalls a batch. One that takes longer than --doc-timeout is an
    error record naming it; the documents after it are annotated."""
    from pipeline.run import batch

    real = batch.annotate_doc

    def slow_on_b(nlp, text, meta, doc_id=None):
        if doc_id == "b":
            time.sleep(30)  # a stall no rule should ever cause; the signal cuts it short
        return real(nlp, text, meta, doc_id=doc_id)

    monkeypatch.setattr(batch, "annotate_doc", slow_on_b)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": "Ik zal u voor de zomer informeren."}) + "\n" for i in "abc"),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_annotate(nlp, [str(source)], str(out), doc_timeout=0.5)
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "c"]
    assert [e.reason for e in summary.errors] == ["not annotated: 'b' took longer than 0.5 s (--doc-timeout)"]
