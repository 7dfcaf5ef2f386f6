"""Shared fixtures: the pipeline assembled once from the real configs/, and ../shared/."""

import json
from pathlib import Path

import pytest

from pipeline.core import DEFAULT_CONFIGS, assemble

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
    from pipeline.annotate import annotate_doc

    return annotate_doc(nlp, text, meta or {})


@pytest.fixture(scope="session")
def annotate(nlp):
    """annotate(text, date=None, **meta) -> list of span dicts; the record's meta is on .meta."""

    def run(text: str, date: str | None = None, **meta):
        if date:
            meta["date"] = date
        return annotate_text(nlp, text, meta)

    return run
