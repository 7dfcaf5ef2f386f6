"""Shared fixtures: the pipeline assembled once from the real configs/, and ../shared/."""

import json
from pathlib import Path

import pytest

from pipeline.run.assemble import DEFAULT_CONFIGS, assemble

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "dev.jsonl"


def _need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: tests on the shared corpus and gold need ../shared/ beside the project")
    return path


@pytest.fixture(scope="session")
def nlp():
    return assemble(DEFAULT_CONFIGS)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need_shared(SHARED)


@pytest.fixture(scope="session")
def gold_records() -> list:
    path = _need_shared(GOLD)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def annotate_text(nlp, text: str, meta: dict | None = None):
    """Run the pipeline on text with the given meta (meta.date is the document date)."""
    from pipeline.run.annotate import annotate_doc

    return annotate_doc(nlp, text, meta or {})


@pytest.fixture(scope="session")
def annotate(nlp):
    """annotate(text, date=None, **meta) -> list of span dicts; the record's meta is on .meta."""

    def run(text: str, date: str | None = None, **meta):
        if date:
            meta["date"] = date
        return annotate_text(nlp, text, meta)

    return run


# --- Hypothesis budget (issue 9, tests/test_fuzz.py) ------------------------------------
# HYPOTHESIS_PROFILE=ci (default, a fixed CI budget) or =long (a soak run: 2000 examples).
from hypothesis import HealthCheck, settings  # noqa: E402

_FUZZ_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=False, suppress_health_check=_FUZZ_CHECKS, print_blob=True)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=_FUZZ_CHECKS, print_blob=True)
import os as _os  # noqa: E402

settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "ci"))
