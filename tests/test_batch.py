"""The batch tool end to end: CLI on corpus/, bad input, resume, determinism, saved pipeline."""

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from pipeline.run.batch import RunRefused, run_annotate
from pipeline.cli import app
from pipeline.run.assemble import save
from pipeline.io.writers.jsonl import partial_path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "corpus.jsonl"


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_cli_annotates_bundled_corpus_like_golden_file(tmp_path):
    """Update with: UPDATE_GOLDEN=1 pytest tests/test_batch.py -k golden"""
    out = tmp_path / "corpus.jsonl"
    result = CliRunner().invoke(app, ["annotate", str(ROOT / "corpus"), "--out", str(out), "--model", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["kst-30821-200", "kst-35228-6"]
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
            assert span["rule"]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(out.read_bytes())
    assert out.read_bytes() == GOLDEN.read_bytes(), "output differs from tests/golden/corpus.jsonl (kst diff shows how)"
    manifest = json.loads(out.with_name("corpus.jsonl.manifest.json").read_text())
    assert manifest["documents"] == 2 and manifest["errors"] == 0 and len(manifest["config_hash"]) == 64


def test_same_input_gives_same_bytes(nlp, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_annotate(nlp, [str(ROOT / "corpus")], str(a))
    run_annotate(nlp, [str(ROOT / "corpus")], str(b))
    assert a.read_bytes() == b.read_bytes()


def test_refuses_to_overwrite_without_force(nlp, tmp_path):
    out = tmp_path / "out.jsonl"
    run_annotate(nlp, [str(ROOT / "corpus")], str(out))
    with pytest.raises(RunRefused, match="--force"):
        run_annotate(nlp, [str(ROOT / "corpus")], str(out))
    run_annotate(nlp, [str(ROOT / "corpus")], str(out), force=True)


def write_bad_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "a_good.txt").write_text("Den Haag, 25 september 2023\n\nIk zal uw Kamer informeren.", encoding="utf-8")
    (folder / "b_latin1.txt").write_bytes("Beïnvloeding\nen meer".encode("latin-1"))
    (folder / "c_empty.txt").write_text("", encoding="utf-8")
    (folder / "d_binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (folder / "e_docs.jsonl").write_text(
        '{"id": "one", "text": "Kamerstuk 30 821, nr. 180", "meta": {"date": "2023-09-25"}}\n'
        '{"id": "two", "text": \n'
        '{"id": "three", "text": "Stb. 2023, 123"}\n', encoding="utf-8")
    (folder / "f_broken.xml").write_text("<officiele-publicatie><al>open", encoding="utf-8")


def test_bad_input_is_reported_and_the_run_goes_on(nlp, tmp_path):
    write_bad_inputs(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    summary = run_annotate(nlp, [str(tmp_path / "in")], str(out))
    assert [r["id"] for r in read_jsonl(out)] == ["a_good", "one", "three"]
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    reasons = {Path(e["source"]).name: e for e in errors}
    assert "invalid UTF-8" in reasons["b_latin1.txt"]["reason"] and reasons["b_latin1.txt"]["line"] == 1
    assert "empty" in reasons["c_empty.txt"]["reason"]
    assert "binary" in reasons["d_binary.txt"]["reason"]
    assert reasons["e_docs.jsonl"]["line"] == 2 and "malformed JSON" in reasons["e_docs.jsonl"]["reason"]
    assert "f_broken.xml" in reasons
    assert len(summary.errors) == 5


def test_cli_exit_code_says_some_documents_failed(tmp_path):
    write_bad_inputs(tmp_path / "in")
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "--model", str(tmp_path / "m")])
    assert result.exit_code == 1


def test_document_longer_than_max_length_is_split_and_stitched(nlp):
    from pipeline.run.annotate import annotate_doc

    paragraph = "Op 6 april jl. is uw Kamer geïnformeerd (Kamerstuk 30 821, nr. 180).\n\n"
    text = paragraph * 40
    old = nlp.max_length
    nlp.max_length = 500
    try:
        split = annotate_doc(nlp, text, {"date": "2023-09-25"})
    finally:
        nlp.max_length = old
    whole = annotate_doc(nlp, text, {"date": "2023-09-25"})
    assert split["spans"] == whole["spans"]
    for span in split["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_resume_after_interruption_gives_the_uninterrupted_output(nlp, tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Brief van {i} april 2023: Kamerstuk 30 821, nr. {i}."}) + "\n" for i in range(1, 21)), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    run_annotate(nlp, [str(inputs)], str(full))
    out = tmp_path / "out.jsonl"
    lines = full.read_bytes().splitlines(keepends=True)
    # an interrupted run: seven whole records and a torn eighth line
    partial_path(out).write_bytes(b"".join(lines[:7]) + lines[7][:25])
    with pytest.raises(RunRefused, match="--resume"):
        run_annotate(nlp, [str(inputs)], str(out))
    summary = run_annotate(nlp, [str(inputs)], str(out), resume=True)
    assert summary.skipped == 7 and summary.documents == 13
    assert out.read_bytes() == full.read_bytes()
    assert not partial_path(out).exists()
    # the manifest counts the whole output, and says what each part added (issue 16)
    whole = json.loads(full.with_name("full.jsonl.manifest.json").read_text(encoding="utf-8"))
    resumed = json.loads(out.with_name("out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert resumed["documents"] == whole["documents"] == 20
    assert (resumed["documents_new"], resumed["documents_resumed"]) == (13, 7)
    assert resumed["spans_per_label"] == whole["spans_per_label"]
    new, old_part = collections.Counter(resumed["spans_per_label_new"]), collections.Counter(resumed["spans_per_label_resumed"])
    assert new + old_part == collections.Counter(whole["spans_per_label"]) and old_part["DATE"] == 7


def test_saved_pipeline_loads_in_a_fresh_process_with_same_output(nlp, tmp_path):
    model = tmp_path / "model"
    save(nlp, model)
    text = (ROOT / "corpus" / "letters" / "kst-30821-200.txt").read_text(encoding="utf-8")
    script = (
        "import json, sys, spacy\n"
        "from pipeline.run.annotate import annotate_doc\n"
        f"nlp = spacy.load({str(model)!r})\n"
        "text = sys.stdin.read()\n"
        "print(json.dumps(annotate_doc(nlp, text, {})['spans'], ensure_ascii=False))\n"
    )
    # A fresh interpreter: spacy.load finds our factories through the entry points.
    result = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True, cwd=tmp_path)
    from pipeline.run.annotate import annotate_doc
    assert json.loads(result.stdout) == json.loads(json.dumps(annotate_doc(nlp, text, {})["spans"], ensure_ascii=False))
    assert spacy.load(model).pipe_names == nlp.pipe_names


def test_stdin_jsonl_to_stdout(tmp_path):
    line = json.dumps({"id": "x", "text": "Den Haag, 6 april 2023. Kamerstuk 30 821, nr. 180.", "meta": {"date": "2023-04-06"}})
    result = subprocess.run([sys.executable, "-m", "pipeline", "annotate", "-", "--out", "-", "--model", str(tmp_path / "m")],
                            input=line + "\n", capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "x" and record["meta"]["date"] == "2023-04-06"
