"""The kst command line as a user meets it: help for every command, the commitments register."""

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.run.batch import run_annotate
from pipeline.cli import app

runner = CliRunner()

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["annotate", "build", "evaluate", "review", "export", "import", "diff", "learn", "commitments", "bench",
            "version"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(command):
    """--help: what it does, an example, and options named by what they take (PATH, DATE), not
    by their Python type."""
    import re

    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output and "Example: kst " + command in " ".join(result.output.split())
    assert not re.findall(r"^\s+(?:-\w, )?--[\w-]+ <\w+", result.output, re.M), result.output


def test_commitments_register_of_the_bundled_corpus(nlp, tmp_path):
    run = tmp_path / "run.jsonl"
    run_annotate(nlp, [str(ROOT / "corpus")], str(run))
    out = tmp_path / "commitments.csv"
    result = CliRunner().invoke(app, ["commitments", str(run), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    letter = [r for r in rows if r["document"] == "kst-30821-200"]
    assert len(letter) == 4 and {r["actor"] for r in letter} == {"SZW"}
    assert all(r["link"] == "https://zoek.officielebekendmakingen.nl/kst-30821-200.html" for r in letter)
    assert any("diaspora_policy" in r["themes"] for r in letter)
    only_theme = CliRunner().invoke(app, ["commitments", str(run), "--theme", "diaspora_policy"])
    assert "1 commitments" in only_theme.output
    nobody = CliRunner().invoke(app, ["commitments", str(run), "--actor", "VWS"])
    assert "0 commitments" in nobody.output


def _small_run(tmp_path) -> Path:
    import json

    text = "Ik zal uw Kamer voor 1 juli 2024 informeren over de aanpak van ongewenste buitenlandse inmenging."
    record = {"id": "kst-1-1", "text": text, "meta": {"date": "2024-01-10"},
              "spans": [{"start": 0, "end": len(text), "label": "COMMITMENT", "text": text, "rule": "r",
                         "attrs": {"actor": ["SZW"], "modality": "firm", "themes": ["foreign_interference"],
                                   "deadline": "2024-07-01", "confidence": "high"}}]}
    run = tmp_path / "run.jsonl"
    run.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return run


def _mistakes(tmp_path):
    run = _small_run(tmp_path)
    (tmp_path / "a-folder").mkdir()
    prodigy = tmp_path / "review.prodigy.jsonl"
    assert runner.invoke(app, ["export", str(run), "--to", "prodigy", "--out", str(prodigy)]).exit_code == 0
    return {
        "date-impossible": (["commitments", str(run), "--from", "2019-13-45"], "--from: not a date"),
        "date-words": (["commitments", str(run), "--to", "next week"], "--to: not a date"),
        "input-missing": (["annotate", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out" / "run.jsonl")], "no such file or folder"),
        "output-is-folder": (["commitments", str(run), "--csv", str(tmp_path / "a-folder")], "is a folder"),
        "export-output-is-folder": (["export", str(run), "--to", "doccano", "--out", str(tmp_path / "a-folder")], "is a folder"),
        "unknown-theme": (["commitments", str(run), "--theme", "brexit"], "known: dialogue"),
        "unknown-actor": (["commitments", str(run), "--actor", "XYZ"], "known: AZ"),
        "import-other-format": (["import", str(prodigy), "--from", "labelstudio", "--out", str(tmp_path / "back.jsonl")],
                                "is a prodigy file, not labelstudio"),
    }


@pytest.mark.parametrize("case", ["date-impossible", "date-words", "input-missing", "output-is-folder",
                                  "export-output-is-folder", "unknown-theme", "unknown-actor", "import-other-format"])
def test_user_mistakes_exit_2_with_one_line_and_no_traceback(tmp_path, case):
    """Issue 16: every user error exits 2 naming the argument and what is expected."""
    args, said = _mistakes(tmp_path)[case]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()) and "Traceback" not in result.output
    assert "\x1b[" not in result.output and "╭" not in result.output  # not a terminal: plain text
    assert not (tmp_path / "out" / "run.jsonl").exists()


def test_what_users_write_is_understood(tmp_path):
    """DD-MM-YYYY dates, actors in any case, and outputs in folders that do not exist yet."""
    run = _small_run(tmp_path)
    out = tmp_path / "new" / "folder" / "register.csv"
    result = runner.invoke(app, ["commitments", str(run), "--from", "01-06-2024", "--to", "31-07-2024",
                                 "--actor", "szw", "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 commitments" in result.output and out.is_file()
    none = runner.invoke(app, ["commitments", str(run), "--from", "02-07-2024"])
    assert none.exit_code == 0 and "0 commitments" in none.output


def test_annotate_summary_reports_loading_apart(tmp_path):
    out = tmp_path / "run.jsonl"
    result = runner.invoke(app, ["annotate", str(ROOT / "corpus"), "--out", str(out), "--model", str(tmp_path / "model"),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "+ loading pipeline" in result.output and "documents" in result.output
    manifest = json.loads(out.with_name("run.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["load_seconds"] > 0 and manifest["documents"] == manifest["documents_new"]
