"""The kst command line as a user meets it: help for every command, the commitments register."""

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_annotate
from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["annotate", "build", "evaluate", "review", "export", "import", "diff", "learn", "commitments", "bench"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output and len(result.output.splitlines()) > 5


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
