"""A safety net, not a timing: run code on pathological inputs in a subprocess and fail
(naming the input it was working on) if it has not finished within a hard time-out."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def assert_finishes(runner: str, units: list, timeout: int, what: str) -> None:
    """runner: Python source that reads the units from argv[1] (JSON), prints "[unit, size]"
    before each piece of work and "done" at the end."""
    try:
        result = subprocess.run([sys.executable, "-c", runner, json.dumps(units)],
                                capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired as err:
        output = err.stdout.decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
        last = output.strip().split("\n")[-1] if output.strip() else "start-up"
        pytest.fail(f"{what} did not finish within {timeout} s; it was working on [unit, size] = {last}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("done")
