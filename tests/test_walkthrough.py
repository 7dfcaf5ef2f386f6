"""docs/walkthrough.md, the review-and-retrain loop the README points to, is what
scripts/walkthrough.py prints with the code and rules of this commit (issue 16: a README that
stays true). After a change to rules or output, run `python scripts/walkthrough.py`."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def test_walkthrough_is_what_the_commands_print_today():
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED}/corpus is absent: the walkthrough runs on it")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "walkthrough.py"), "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
